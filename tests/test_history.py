"""Seed times from the git history: the last commit's time for committed, unchanged files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from build_tools.archive import seed_times
from build_tools.history import commit_times

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

COMMITTED = 1_600_000_000  # 2020-09-13T12:26:40Z
LATER = 1_700_000_000  # 2023-11-14T22:13:20Z
NOW = 1_735_689_600  # 2025-01-01T00:00:00Z


def _git(repo: Path, *args: str, when: int = COMMITTED) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Curator",
        "GIT_AUTHOR_EMAIL": "curator@example.org",
        "GIT_COMMITTER_NAME": "Curator",
        "GIT_COMMITTER_EMAIL": "curator@example.org",
        "GIT_AUTHOR_DATE": f"@{when} +0000",
        "GIT_COMMITTER_DATE": f"@{when} +0000",
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    (seeds / "europe").mkdir(parents=True)
    for name in ("old.txt", "edited.txt", "europe/moved-later.txt"):
        (seeds / name).write_text(f"{name}\nBody.\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "seeds")
    (seeds / "europe" / "moved-later.txt").write_text("Changed\nBody again.\n")
    _git(tmp_path, "commit", "-qam", "an edit", when=LATER)
    (seeds / "edited.txt").write_text("Edited, not committed\nBody.\n")
    (seeds / "new.txt").write_text("New\nBody.\n")
    for path in seeds.rglob("*.txt"):
        os.utime(path, (NOW, NOW))  # as a fresh checkout leaves them
    return seeds


def test_history_gives_each_committed_unchanged_file_its_last_commit_time(repo: Path):
    paths = [repo / n for n in ("old.txt", "edited.txt", "new.txt", "europe/moved-later.txt")]
    times = commit_times(paths)
    assert times == {
        (repo / "old.txt").resolve(): COMMITTED,
        (repo / "europe/moved-later.txt").resolve(): LATER,
    }


def test_seed_times_use_commit_times_and_file_times_for_the_rest(repo: Path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    slugs = {"old": "old.txt", "edited": "edited.txt", "new": "new.txt"}
    times = seed_times((slug, str(repo / name)) for slug, name in slugs.items())
    assert times == {
        "old": "2020-09-13T12:26:40Z",
        "edited": "2025-01-01T00:00:00Z",
        "new": "2025-01-01T00:00:00Z",
    }


def test_history_outside_git_or_in_a_shallow_clone_gives_nothing(repo: Path, tmp_path: Path):
    loose = tmp_path.parent / f"{tmp_path.name}-loose.txt"
    loose.write_text("Loose\nBody.\n")
    assert commit_times([loose]) == {}
    clone = tmp_path.parent / f"{tmp_path.name}-clone"
    source = repo.parent.as_uri()
    _git(tmp_path, "clone", "-q", "--depth", "1", source, str(clone))
    assert commit_times([clone / "seeds" / "old.txt"]) == {}


def test_paths_resolve_as_pathlib_resolves_them(tmp_path: Path):
    from build_tools.history import resolve_all

    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "a.txt").write_text("A\n")
    (tmp_path / "linked").symlink_to(real)
    (real / "sub" / "link.txt").symlink_to(real / "sub" / "a.txt")
    (real / "sub" / "broken.txt").symlink_to(tmp_path / "missing.txt")
    paths = [
        real / "sub" / "a.txt",
        tmp_path / "linked" / "sub" / "a.txt",  # through a linked folder
        real / "sub" / "link.txt",  # a linked file
        real / "sub" / "broken.txt",
        real / "sub" / "missing.txt",
        tmp_path / "linked" / "sub" / ".." / "sub" / "a.txt",
    ]
    assert resolve_all(paths) == [p.resolve() for p in paths]
    assert resolve_all(str(p) for p in paths) == [p.resolve() for p in paths]
