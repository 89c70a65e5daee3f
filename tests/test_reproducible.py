"""The same inputs give the same bytes; new seeds never move existing documents.

Builds run in separate processes with different ``PYTHONHASHSEED`` values and
from different folders, so that an order taken from a set or a dict, or an
absolute path, shows up as a difference.  MkDocs takes the build date from
``SOURCE_DATE_EPOCH``; only the sitemap carries it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.archive import load_archive
from build_tools.model import Knowledge
from tests.sitetools import MKDOCS, ROOT, env, make_project, write_seeds

pytestmark = pytest.mark.slow

EXTRA_SEEDS = {
    "2024-10-30 SCM meeting.txt": "Security meeting\nThe ministers met in Washington.\n",
    "국방부 발표.txt": "국방부 발표\n국방부는 30일 한미 안보협의회의 결과를 발표했다.\n",
    "asia/korea/brief.txt": "---\ndate: 2024-06-01\n---\nBrief\nSeoul and Tokyo met.\n",
    "same-title-1.txt": "Same title\nOne.\n",
    "same-title-2.txt": "Same title\nTwo.\n",
}


def _seeds(folder: Path) -> Path:
    """The project's seeds, the evaluation documents and a few odd names."""
    shutil.copytree(ROOT / "seeds", folder)
    for path in (ROOT / "tests" / "eval" / "docs").glob("*.txt"):
        shutil.copy(path, folder / path.name)
    write_seeds(folder, EXTRA_SEEDS)
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def _run(args: list[str], cwd: Path, **extra: str) -> None:
    result = subprocess.run(
        args,
        cwd=cwd,
        env={**env(), **extra},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# Sets and dicts are ordered by hash; the output must not depend on it.
HASH_SEEDS = ["9", "1", "2"]


@pytest.mark.parametrize("hash_seed", HASH_SEEDS)
def test_reproducible_render_gives_identical_markdown(hash_seed, tmp_path: Path):
    _seeds(tmp_path / "seeds")
    render = [sys.executable, "-m", "build_tools", "render", "seeds", "--out"]
    _run([*render, "A"], tmp_path, PYTHONHASHSEED="0")
    _run([*render, "B"], tmp_path, PYTHONHASHSEED=hash_seed)
    a, b = _tree(tmp_path / "A"), _tree(tmp_path / "B")
    assert {"documents/asia/korea/brief.md", "documents/국방부-발표.md"} <= a.keys()
    assert _differences(a, b) == []


def _site(folder: Path, hash_seed: str, epoch: str = "1700000000") -> dict[str, bytes]:
    project = make_project(folder, {})
    shutil.rmtree(project / "seeds")
    _seeds(project / "seeds")
    _run(
        [*MKDOCS, "build", "--strict"],
        project,
        PYTHONHASHSEED=hash_seed,
        SOURCE_DATE_EPOCH=epoch,
    )
    return _tree(project / "site")


@pytest.fixture(scope="module")
def first_site(tmp_path_factory) -> dict[str, bytes]:
    return _site(tmp_path_factory.mktemp("first"), "0")


@pytest.mark.parametrize("hash_seed", HASH_SEEDS)
def test_reproducible_site_is_byte_identical_from_another_folder(
    hash_seed, first_site, tmp_path: Path
):
    second = _site(tmp_path / "elsewhere", hash_seed)
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"} <= first_site.keys()
    assert _differences(first_site, second) == []


def test_reproducible_only_the_sitemap_carries_the_build_date(first_site, tmp_path: Path):
    later = _site(tmp_path / "later", "0", epoch="1800000000")
    # The feed lists undated documents at their seed file's time, clamped to the epoch.
    assert _differences(first_site, later) == ["feed.xml", "sitemap.xml", "sitemap.xml.gz"]
    assert b"<lastmod>2027-01-15</lastmod>" in later["sitemap.xml"]
    assert b"<lastmod>2023-11-14</lastmod>" in first_site["sitemap.xml"]


# ----------------------------------------------------------------- stable URLs

EMPTY = Knowledge()
EXISTING = {
    "a-b.txt": "Clean name\nBody.\n",
    "2024-10-30 SCM meeting.txt": "Unclean name\nBody.\n",
    "asia/brief.txt": "In a folder\nBody.\n",
    "same.txt": "Same title\nBody.\n",
    "slugged.txt": "---\nslug: chosen\n---\nChosen slug\nBody.\n",
}


def _urls(folder: Path) -> dict[str, str]:
    return {d.source: d.slug for d in load_archive(folder, EMPTY, base=folder).documents}


@pytest.mark.parametrize(
    "new",
    [
        {"new.txt": "A new seed\nBody.\n"},
        {"other.txt": "Same title\nBody.\n"},
        {"asia/other.txt": "Another folder seed\nBody.\n"},
        {"A B.txt": "Collides with a clean name\nBody.\n"},
        {"a_b.txt": "Collides too\nBody.\n", "A  B.txt": "And again\nBody.\n"},
        {"asia/Brief.txt": "Collides in a folder\nBody.\n"},
        {"chosen.txt": "Collides with a header slug\nBody.\n"},
        {"empty.txt": "", "binary.txt": b"\x00\x01"},
    ],
    ids=[
        "unrelated",
        "same-title",
        "same-folder",
        "clean-name-collision",
        "two-collisions",
        "folder-collision",
        "header-slug-collision",
        "bad-seeds",
    ],
)
def test_reproducible_adding_seeds_keeps_every_existing_url(new, tmp_path: Path):
    write_seeds(tmp_path, EXISTING)
    before = _urls(tmp_path)
    write_seeds(tmp_path, new)
    after = _urls(tmp_path)
    assert {source: after[source] for source in before} == before


def test_reproducible_unclean_name_moves_only_when_a_clean_name_claims_its_url(tmp_path: Path):
    """Without a record of earlier builds, one of two seeds with one URL must move.

    The clean file name keeps the URL; the other gets a suffix and the build
    warns, so the curator can pin it with 'slug:'.
    """
    write_seeds(tmp_path, {"2024-10-30 SCM meeting.txt": "Unclean\nBody.\n"})
    assert _urls(tmp_path) == {"2024-10-30 SCM meeting.txt": "2024-10-30-scm-meeting"}
    write_seeds(tmp_path, {"2024-10-30-scm-meeting.txt": "Clean\nBody.\n"})
    archive = load_archive(tmp_path, EMPTY, base=tmp_path)
    urls = {d.source: d.slug for d in archive.documents}
    assert urls["2024-10-30-scm-meeting.txt"] == "2024-10-30-scm-meeting"
    assert urls["2024-10-30 SCM meeting.txt"].startswith("2024-10-30-scm-meeting-")
    assert ["the others get a suffix" in p.message for p in archive.problems] == [True]


def test_reproducible_header_slug_pins_the_url_against_later_collisions(tmp_path: Path):
    write_seeds(tmp_path, {"2024-10-30 SCM meeting.txt": "---\nslug: scm-2024\n---\nT\nBody.\n"})
    write_seeds(tmp_path, {"2024-10-30-scm-meeting.txt": "Clean\nBody.\n"})
    assert _urls(tmp_path)["2024-10-30 SCM meeting.txt"] == "scm-2024"


def test_reproducible_environment_does_not_leak_into_markdown(tmp_path: Path):
    _seeds(tmp_path / "seeds")
    render = [sys.executable, "-m", "build_tools", "render", "seeds", "--out"]
    _run([*render, "A"], tmp_path, PYTHONHASHSEED="0", TZ="UTC", LANG="C.UTF-8")
    _run([*render, "B"], tmp_path, PYTHONHASHSEED="0", TZ="Asia/Seoul", LANG="ko_KR.UTF-8")
    assert _differences(_tree(tmp_path / "A"), _tree(tmp_path / "B")) == []
