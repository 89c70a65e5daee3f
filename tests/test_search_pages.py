"""Pagefind reads only the pages with a searchable body (``render.SEARCHABLE_SOURCES``).

The index it makes that way must be the index of the whole site: built from a small
archive with numbered list pages and statements pages, in both URL styles, and compared
byte for byte with the index Pagefind makes from every HTML file of the same site.  An
actor or topic is found once, on its first page, not again on each numbered page.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.render import is_searchable
from tests.sitetools import archive_seeds, build, make_project


def _project(folder: Path, directory_urls: bool = True) -> Path:
    """A small archive searched with Pagefind, with two entries to a list page."""
    project = make_project(folder, archive_seeds())
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "use_directory_urls: true", f"use_directory_urls: {str(directory_urls).lower()}"
    )
    text = text.replace(
        "seeds_dir: seeds", "seeds_dir: seeds\n      search: pagefind\n      page_size: 2"
    )
    config.write_text(text, encoding="utf-8")
    return project


def _sources(html: str, directory_urls: bool) -> set[str]:
    """The sources a built HTML file may be made from."""
    stem = html.removesuffix(".html")
    if directory_urls and stem.endswith("index"):
        folder = stem.removesuffix("index").rstrip("/")
        return {f"{folder}.md", f"{stem}.md"} if folder else {"index.md"}
    return {f"{stem}.md"}


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "file-urls"])
def test_index_of_searchable_pages_is_the_index_of_the_whole_site(tmp_path, directory_urls):
    project = _project(tmp_path / "project", directory_urls)
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    pages = {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
    }
    searchable = {path for path, html in pages.items() if "data-pagefind-body" in html}
    # the site holds what the glob must tell apart: an actor's or topic's first page with a
    # body, its numbered pages (which repeat its head) and statements pages without
    for kind in ("actors", "topics"):
        first, numbered = (f"{kind}/*/index.html", f"{kind}/*/2/index.html")
        if not directory_urls:
            first, numbered = (f"{kind}/*.html", f"{kind}/*/2.html")
        assert any(Path(p).match(numbered) for p in pages), kind
        assert not any(Path(p).match(numbered) for p in searchable), kind
        assert any(Path(p).match(first) for p in searchable), kind
    assert any("/statements" in p for p in pages.keys() - searchable)
    assert any(p.startswith("documents/europe/") for p in searchable)  # a seed in a subfolder
    # the build starts Pagefind once every page it reads is written: it knows them all
    assert all(any(is_searchable(s) for s in _sources(p, directory_urls)) for p in searchable)

    whole = tmp_path / "whole"
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"]
    subprocess.run([*command, "--output-path", str(whole)], check=True, capture_output=True)
    assert _tree(site / "pagefind") == _tree(whole)


def test_a_failing_pagefind_fails_the_build_with_its_message(tmp_path, monkeypatch):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'index folder not writable' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    result = build(_project(tmp_path / "project"))
    assert result.returncode != 0
    assert "Pagefind failed" in result.stderr
    assert "index folder not writable" in result.stderr
