"""Large archives are searched with Pagefind: the same archive, built in that mode.

``search: pagefind`` forces the mode that ``search: auto`` picks from
``pagefind_from`` documents on, so a small archive can test it.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser_support import archive_seeds, serve_site
from tests.sitetools import build, make_project

pytestmark = pytest.mark.browser

SEED_TITLE = "Following the Korea-US SCM, the 2+2 meeting continued."


@pytest.fixture(scope="module")
def pagefind_url(tmp_path_factory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("pagefind-archive"), archive_seeds())
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "seeds_dir: seeds", "seeds_dir: seeds\n      search: pagefind"
        ),
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "pagefind" / "pagefind.js").is_file()
    assert not (project / "site" / "search" / "search_index.json").exists()
    with serve_site(project / "site") as url:
        yield url


@pytest.mark.parametrize(
    ("query", "title"),  # a title the results show, or the address of the page found
    [
        ("desalination", None),
        ("Austin", SEED_TITLE),
        ("Tony Blinken", SEED_TITLE),
        ("MSMT", "actors/msmt/"),  # an actor page by its acronym
        ("Burma", "actors/myanmar/"),  # a country's page by its curated alias
    ],
    ids=["body-word", "surname", "alias", "acronym", "country-alias"],
)
def test_pagefind_search_box_finds_the_document(
    browser_context: BrowserContext, pagefind_url: str, query: str, title: str | None
):
    page = browser_context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(pagefind_url, wait_until="load")
        box = page.locator("#pa-search input")
        box.fill(query)
        results = page.locator(".pagefind-ui__result-link")
        expect(results.first).to_be_visible()
        if title and title.startswith("actors/"):
            expect(page.locator(f'.pagefind-ui__result-link[href$="{title}"]')).to_have_count(1)
        elif title:
            expect(page.locator(".pagefind-ui__results")).to_contain_text(title)
        assert {urlsplit(url).hostname for url in requests} == {"127.0.0.1"}
    finally:
        page.close()
