"""Escaping and links: the one place where text becomes markup."""

from __future__ import annotations

import pytest

from build_tools.markup import attr, el, esc, href, meta_text, page_url


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("AT&T", "AT&amp;T"),
        ("&amp;", "&amp;amp;"),
        ("plain", "plain"),
    ],
)
def test_markup_esc(text, expected):
    assert esc(text) == expected


def test_markup_attr_escapes_quotes():
    assert attr('x" onload="y') == "x&quot; onload=&quot;y"


def test_markup_el_escapes_attribute_values():
    assert (
        el("a", "t", href='"><script>', class_="c")
        == '<a href="&quot;&gt;&lt;script&gt;" class="c">t</a>'
    )


@pytest.mark.parametrize(
    "text", ["</title><script>x</script>", 'a" onmouseover="b', "`code`", "x < y & y > z"]
)
def test_markup_meta_text_cannot_open_a_tag_and_reads_as_the_real_text(text):
    import html

    escaped = meta_text(text)
    assert not any(c in escaped for c in '<>"')
    assert html.unescape(escaped) == text


@pytest.mark.parametrize(
    "src, directory_urls, url",
    [
        ("index.md", True, ""),
        ("actors/index.md", True, "actors/"),
        ("actors/lloyd-austin.md", True, "actors/lloyd-austin/"),
        ("actors/lloyd-austin.md", False, "actors/lloyd-austin.html"),
        ("archive.json", True, "archive.json"),
    ],
)
def test_markup_page_url(src, directory_urls, url):
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(
    "from_src, to_src, expected",
    [
        ("index.md", "documents/x.md", "documents/x/"),
        ("documents/x.md", "actors/y.md", "../../actors/y/"),
        ("documents/a/b.md", "actors/index.md", "../../../actors/"),
        ("actors/index.md", "index.md", "../"),
        ("actors/y.md", "actors/y.md", "../../actors/y/"),
        ("index.md", "index.md", "./"),
        ("documents/x.md", "archive.json", "../../archive.json"),
    ],
)
def test_markup_href_is_relative(from_src, to_src, expected):
    assert href(from_src, to_src) == expected
