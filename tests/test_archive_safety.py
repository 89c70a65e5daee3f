"""The archive loses nothing and survives anything: every URL unique, a failing annotator
reported against its seed, pool workers gone with their parent."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_tools import annotate as annotate_package
from build_tools.archive import annotate_folder, load_archive, read_folder
from build_tools.model import Knowledge
from build_tools.render import document_src
from tests.sitetools import build, make_project, write_seeds

EMPTY = Knowledge()


def url(slug: str) -> str:
    return slug.removesuffix("/index") if slug != "index" else ""


@pytest.mark.parametrize(
    "files",
    [
        {"foo.txt": "One\nBody.\n", "foo/index.txt": "Two\nBody.\n"},
        {
            "a/index.txt": "One\nBody.\n",
            "b.txt": "---\nslug: index\n---\nTwo\nBody.\n",
            "a.txt": "3\nB.\n",
        },
        {
            "x.txt": "One\nBody.\n",
            "X .txt": "Two\nBody.\n",
            f"x-{hashlib.sha1(b'X .txt').hexdigest()[:6]}.txt": "Three\nBody.\n",
        },
    ],
)
def test_archive_every_document_gets_its_own_url_and_collisions_warn(tmp_path: Path, files):
    write_seeds(tmp_path, files)
    archive = load_archive(tmp_path, EMPTY)
    urls = [url(d.slug) for d in archive.documents]
    assert len(archive.documents) == len(files)
    assert len(set(urls)) == len(urls)
    assert len({document_src(d) for d in archive.documents}) == len(urls)
    assert any("share the URL" in p.message and p.severity == "warning" for p in archive.problems)


def _failing(doc, knowledge):
    if "explode" in doc.seed.blocks[-1].text:
        raise RuntimeError("annotator bug")
    return doc


def test_archive_failing_annotator_is_a_problem_naming_the_seed(tmp_path: Path, monkeypatch):
    components = (annotate_package.Component("boom", _failing),) + annotate_package.COMPONENTS
    monkeypatch.setattr(annotate_package, "COMPONENTS", components)
    write_seeds(tmp_path, {"good.txt": "T\nFine text.\n", "bad.txt": "T\nWill explode.\n"})
    cache: dict = {}
    archive = annotate_folder(read_folder(tmp_path, base=tmp_path), EMPTY, cache)
    assert sorted(d.slug for d in archive.documents) == ["bad", "good"]
    [problem] = archive.errors
    assert problem.path == "bad.txt"
    assert "boom" in problem.message and "RuntimeError" in problem.message
    assert [d.seed.relpath for d in cache.values()] == ["good.txt"]


WORKER_SCRIPT = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
from build_tools.archive import _init_worker
from build_tools.model import Knowledge

def job(_):
    time.sleep(0.2)
    return os.getpid()

with ProcessPoolExecutor(2, initializer=_init_worker, initargs=(Knowledge(),)) as pool:
    print(*set(pool.map(job, range(4))), flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_archive_pool_workers_exit_with_their_parent_after_kill_9():
    parent = subprocess.Popen(
        [sys.executable, "-c", WORKER_SCRIPT], stdout=subprocess.PIPE, text=True
    )
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert workers
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    for _ in range(100):  # a bounded wait for the workers to notice, not a speed check
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.1)
    leftover = [pid for pid in workers if _alive(pid)]
    for pid in leftover:
        os.kill(pid, signal.SIGKILL)
    assert leftover == []


@pytest.mark.slow
def test_archive_site_builds_with_file_names_at_the_file_system_limit(tmp_path: Path):
    names = ["a" * 245 + ".txt", "한" * 82 + ".txt", "d" * 200 + "/" + "é" * 120 + ".txt"]
    project = make_project(tmp_path, {name: f"Title {i}\nBody.\n" for i, name in enumerate(names)})
    for _ in range(2):  # cold, then with the caches written
        result = build(project)
        assert result.returncode == 0, result.stderr[-2000:]
    pages = list((project / "site" / "documents").rglob("index.html"))
    assert len(pages) == len(names)
