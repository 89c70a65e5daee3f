"""Document pages: links that resolve under either URL style, citations and titles that
carry any text safely."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urljoin

import pytest

from build_tools.markup import page_url
from build_tools.render import PageContext, document_src, render_document
from tests.helpers import make_doc
from tests.sitetools import build, make_project

SITE = "https://archive.example/"


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize(
    "slugs", [("a", "b", "c"), ("x/y", "z", "p/q/r"), ("one", "t/index", "two")]
)
def test_render_previous_and_next_links_resolve(directory_urls, slugs):
    before, doc, after = (make_doc("Body.", slug=s, title=f"Title {s}") for s in slugs)
    ctx = PageContext(previous=before, next=after, directory_urls=directory_urls)
    page = render_document(doc, ctx)
    [steps] = re.findall(r'<p class="pa-prevnext">(.*?)</p>', page)
    here = urljoin(SITE, page_url(document_src(doc), directory_urls))
    targets = [urljoin(here, h) for h in re.findall(r'href="([^"]*)"', steps)]
    assert targets == [
        urljoin(SITE, page_url(document_src(d), directory_urls)) for d in (before, after)
    ]


TITLES = ['<b>Bold</b> & "quoted" </title>', "x < y > z", "Rock 'n' roll"]


@pytest.fixture(scope="module")
def titled_site(tmp_path_factory):
    seeds = {
        f"t{i}.txt": f"---\ntitle: {json.dumps(title)}\n---\nFile title\nBody text.\n"
        for i, title in enumerate(TITLES)
    }
    project = make_project(tmp_path_factory.mktemp("titles"), seeds)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.slow
@pytest.mark.parametrize("i", range(len(TITLES)))
def test_render_titles_show_the_real_characters_in_title_and_search(titled_site, i):
    page = (titled_site / f"documents/t{i}/index.html").read_text(encoding="utf-8")
    [title] = re.findall(r"<title>(.*?)</title>", page, re.S)
    assert html.unescape(title) == f"{TITLES[i]} - Policy Archive"
    index = json.loads((titled_site / "search/search_index.json").read_text(encoding="utf-8"))
    [entry] = [e for e in index["docs"] if e["location"] == f"documents/t{i}/"]
    assert html.unescape(entry["title"]) == TITLES[i]
