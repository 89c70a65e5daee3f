"""The one place where text becomes markup.

Seed text reaches pages only through these functions.  Everything a seed says
is HTML-escaped and emitted as raw HTML blocks, which Markdown passes through
untouched, so no seed can produce Markdown, HTML, template or snippet syntax.
Links between pages are computed here from source paths, so the renderers
never build URLs by hand.
"""

from __future__ import annotations

import functools
import html
import re

__all__ = [
    "attr",
    "bibtex",
    "csv_cell",
    "el",
    "esc",
    "href",
    "link",
    "meta_text",
    "page_url",
    "xml_text",
    "yaml_safe",
]

# Characters XML 1.0 does not allow in a document, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What starts a formula in a spreadsheet cell (OWASP's CSV injection guidance).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BIBTEX = {c: "\\" + c for c in "{}%&#_$"} | {"\\": "\\textbackslash{}"}
_BIBTEX_RE = re.compile(r"[{}%&#_$\\]")


def esc(text: str) -> str:
    """Escape text for an HTML text node (and for Markdown: see module doc)."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape text for a double-quoted HTML attribute value."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def el(tag: str, content: str = "", **attrs: str | None) -> str:
    """An element; ``content`` must already be markup.  ``class_`` sets class."""
    if not attrs:
        return f"<{tag}>{content}</{tag}>"
    names = "".join(
        f' {_attr_name(name)}="{attr(value)}"' for name, value in attrs.items() if value is not None
    )
    return f"<{tag}{names}>{content}</{tag}>"


@functools.cache
def _attr_name(name: str) -> str:
    """``class_`` → ``class``, ``data_pagefind_body`` → ``data-pagefind-body``."""
    return name.rstrip("_").replace("_", "-")


def link(url: str, text: str, **attrs: str | None) -> str:
    return el("a", esc(text), href=url, **attrs)


def meta_text(text: str) -> str:
    """Text for front-matter values that themes print as HTML without escaping.

    Page titles and descriptions land in ``<title>``, headers, attributes and
    the search index just as they are, so the text is HTML-escaped here
    (double quotes too: themes quote attributes with them): readers see the
    real characters, and none can open a tag or end an attribute.
    """
    return html.escape(text, quote=False).replace('"', "&quot;")


def xml_text(text: str) -> str:
    """Text without the characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/F)."""
    return _NOT_XML.sub("", text)


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading formula character gets a ``'``."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def bibtex(text: str) -> str:
    """A BibTeX field value: braces, ``\\`` and the characters TeX treats specially escaped."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX[m.group()], text)


def yaml_safe(text: str) -> str:
    """Collapse whitespace so a value stays on one YAML line."""
    return " ".join(text.split())


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL path of a page with source path ``src`` (``actors/x.md`` → ``actors/x/``)."""
    stem = src.removesuffix(".md")
    if not src.endswith(".md"):
        return src
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_src: str, to_src: str, directory_urls: bool = True) -> str:
    """A relative link from the page ``from_src`` to the page or file ``to_src``.

    The link climbs to the site root and descends again (``../../actors/x/``):
    always right, and computed without path arithmetic, which matters on pages
    that hold hundreds of links.
    """
    here = page_url(from_src, directory_urls)
    there = page_url(to_src, directory_urls)
    return "../" * here.count("/") + there or "./"
