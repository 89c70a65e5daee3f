"""A one-off `mkdocs build` reads the generated pages while forked processes still make
the later ones: every page is read only once it is made."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .sitetools import env, make_project

URL = "http://127.0.0.1:8000/"  # where `mkdocs serve` serves the site

SEEDS = {
    f"s{i}.txt": f"Talks round {i}\nFrance and Germany met in Japan on {i + 1} March 2021.\n"
    for i in range(4)
}


def _write_slowly(path: Path, text: str) -> bool:
    from build_tools.cache import write_if_changed

    time.sleep(0.01)  # the engine reaches pages that are not made yet
    return write_if_changed(path, text)


def _build(project: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_build_reads_each_generated_page_once_it_is_made(tmp_path: Path, monkeypatch):
    from build_tools import session as session_module

    project = make_project(tmp_path, SEEDS)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(session_module, "PARALLEL_FILES", 1)
    monkeypatch.setattr(session_module, "write_if_changed", _write_slowly)
    _build(project)
    for i in range(4):
        page = project / "site" / "documents" / f"s{i}" / "index.html"
        assert f"Talks round {i}" in page.read_text(encoding="utf-8")
    assert (project / "site" / "archive.json").read_text(encoding="utf-8").count("Talks round") == 4
    keys = project / ".cache" / "policy-archive" / session_module.KEYS
    assert keys.exists()


def _fail(path: Path, text: str) -> bool:
    raise OSError(f"disk full while writing {path.name}")


def test_build_fails_naming_the_page_that_could_not_be_made(tmp_path: Path, monkeypatch, caplog):
    from mkdocs.exceptions import Abort

    from build_tools import session as session_module

    if not session_module._can_fork(session_module.PARALLEL_FILES, 2):
        pytest.skip("pages are made on forked processes only on Linux, from one thread")
    project = make_project(tmp_path, SEEDS)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(session_module, "PARALLEL_FILES", 1)
    monkeypatch.setattr(session_module, "write_if_changed", _fail)
    with pytest.raises(Abort):
        _build(project)
    logged = caplog.text
    assert "policy-archive: a generated file could not be made" in logged
    assert "documents/s0.md" in logged and "disk full while writing s0.md" in logged


def _serve_pass(project: Path, site: Path, dirty: bool) -> None:
    """One build as `mkdocs serve [--dirty]` makes it, reusing the plugin instance."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = URL
    build(config, serve_url=URL, dirty=dirty)


def _site_files(site: Path) -> dict[str, bytes]:
    skip = {"sitemap.xml.gz"}  # (gzip stamps the time it was written)
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and p.name not in skip
    }


def _search_entries(data: bytes) -> list[tuple]:
    docs = json.loads(data)["docs"]
    return sorted((d["location"], d["title"], d["text"]) for d in docs)


def test_a_dirty_serve_shows_every_edit_as_a_fresh_build_does(tmp_path: Path, monkeypatch):
    """Rebuilds of `mkdocs serve --dirty` keep MkDocs' files and pages of the generated
    pages and skip those the site already holds: after edits, a new seed and a deleted
    one, every page is what a fresh build makes."""
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = make_project(tmp_path / "p", SEEDS)
    served = tmp_path / "served"
    plugins = load_config(config_file=str(project / "mkdocs.yml")).plugins
    plugins.on_startup(command="serve", dirty=True)
    try:
        _serve_pass(project, served, dirty=True)
        seeds = project / "seeds"
        (seeds / "s1.txt").write_text("Talks renamed\nFrance met Brazil on 2 March 2021.\n")
        _serve_pass(project, served, dirty=True)
        (seeds / "s9.txt").write_text("Talks added\nGermany and Japan met on 9 March 2021.\n")
        _serve_pass(project, served, dirty=True)
        (seeds / "s2.txt").unlink()
        (seeds / "s0.txt").write_text("Talks round 0\nFrance and Japan met on 1 March 2021.\n")
        _serve_pass(project, served, dirty=True)
    finally:
        plugins.on_shutdown()
    fresh = tmp_path / "fresh"  # built by a new process, as `mkdocs serve` starts
    script = (
        "import sys; from mkdocs.config import load_config; from mkdocs.commands.build import"
        " build; c = load_config(config_file=sys.argv[1], site_dir=sys.argv[2]);"
        " c.plugins.on_startup(command='serve', dirty=False); c.site_url = sys.argv[3];"
        " build(c, serve_url=sys.argv[3]); c.plugins.on_shutdown()"
    )
    command = [sys.executable, "-c", script, str(project / "mkdocs.yml"), str(fresh), URL]
    subprocess.run(command, cwd=project, env=env(), check=True, capture_output=True, timeout=300)
    want, got = _site_files(fresh), _site_files(served)
    assert "sitemap.xml" not in got  # for search engines, not made for a preview
    index = "search/search_index.json"
    assert _search_entries(got.pop(index)) == _search_entries(want.pop(index))
    assert "documents/s9/index.html" in want and "documents/s2/index.html" not in want
    different = sorted(name for name, data in want.items() if got.get(name) != data)
    assert different == []
