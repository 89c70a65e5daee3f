"""A one-off `mkdocs build` reads the generated pages while forked processes still make
the later ones: every page is read only once it is made."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from .sitetools import make_project

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
