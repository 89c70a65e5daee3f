"""Document pages: links that resolve under either URL style, citations and titles that
carry any text safely."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from build_tools.markup import page_url
from build_tools.render import PageContext, document_src, render_document
from tests.helpers import make_doc

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
