"""Text is text: no seed can become markup, run, or disappear.

Seed text goes through the real pipeline (read, annotate, render), then
through the Markdown conversion MkDocs uses with the extensions in
``mkdocs.yml``, and the HTML is parsed: every word of the seed must be
visible, in order, and the page may hold only the elements and attributes
the archive itself writes.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from build_tools.archive import annotate_seeds
from build_tools.read import parse_seed
from build_tools.render import render_document
from tests.sitetools import ROOT, build, make_project

# What render.py and markup.py emit on a document page (and what the Markdown
# headings of its sections become): anything else came from a seed.
TAGS = {
    "a",
    "abbr",
    "code",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "h1",
    "h2",
    "li",
    "p",
    "pre",
    "span",  # a statement's unknown speaker
    "summary",
    "time",
    "ul",
}
ATTRIBUTES = {"class", "data-pagefind-body", "datetime", "href", "id", "rel", "tabindex", "title"}
BLOCK_TAGS = {"dd", "div", "dt", "h1", "h2", "li", "p", "pre", "summary", "ul", "dl", "details"}

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<b>bold</b>",
    "<div>",
    "</div>",
    "</p>",
    "<details open>",
    "&amp;",
    "&lt;script&gt;",
    "&#60;b&#62;",
    "&nbsp;",
    "#",
    "##",
    "*",
    "-",
    "+",
    "1.",
    ">",
    "---",
    "***",
    "===",
    "| a | b |",
    "|---|---|",
    "```",
    "~~~",
    "`code`",
    "**strong**",
    "_em_",
    "[x](javascript:alert(1))",
    "[x]: javascript:alert(1)",
    "![i](x.png)",
    "<https://example.org>",
    '{: onclick="alert(1)" }',
    "{ #id .class }",
    "{{ config.site_name }}",
    "{% include 'x.html' %}",
    "{# comment #}",
    "<!-- hidden -->",
    "<!--",
    "-->",
    '--8<-- "secret.txt"',
    "*[X]: expansion",
    "*[HTML]: injected",
    "!!! note",
    "\\",
    "\\*",
    "<?php echo 1; ?>",
    "<![CDATA[x]]>",
    "</title>",
    'x" onmouseover="y',
    "'",
    '"',
    "$$x$$",
    "^^",
    "~~del~~",
    "==mark==",
]
# Whole lines that Markdown would read as block syntax if they ever reached it.
LINE_PREFIXES = ["", "", "# ", "* ", "1. ", "> ", "    ", "\t", "| ", "- ", "---", "=== "]

WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=9
)
TOKEN = st.one_of(WORD, WORD, st.sampled_from(HOSTILE))
LINE = st.builds(
    lambda prefix, tokens: prefix + " ".join(tokens),
    st.sampled_from(LINE_PREFIXES),
    st.lists(TOKEN, min_size=1, max_size=10),
)
SEED_TEXT = st.builds(
    lambda title, lines, blank: ("\n\n" if blank else "\n").join([title, *lines]) + "\n",
    st.lists(WORD, min_size=1, max_size=6).map(" ".join),
    st.lists(LINE, min_size=1, max_size=8),
    st.booleans(),
)


def _markdown() -> markdown.Markdown:
    """A Markdown converter with the extensions and settings of mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, settings_ = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        settings_[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings_)


class Page(HTMLParser):
    """Elements, attributes and the visible text of the seed's own blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.urls: list[str] = []
        self.words: list[str] = []
        self._text: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, inside the seed's text)

    def _inside(self) -> bool:
        return bool(self._open) and self._open[-1][1]

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        classes = ""
        for name, value in attrs:
            self.attributes.add((tag, name))
            if name in ("href", "src", "action", "formaction"):
                self.urls.append(value or "")
            if name == "class":
                classes = value or ""
        seed_text = (
            self._inside()
            or tag == "h1"
            or (tag == "p" and "pa-subtitle" in classes)
            or (tag == "div" and "pa-body" in classes)
        )
        if tag in BLOCK_TAGS:
            self._text.append(" ")
        self._open.append((tag, seed_text))

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._text.append(" ")
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._inside():
            self._text.append(data)

    def close(self):
        super().close()
        self.words = "".join(self._text).split()


def _convert(text: str, knowledge) -> str:
    seed, _ = parse_seed(text.encode("utf-8"), "seeds/hostile.txt", "hostile.txt")
    [doc], _ = annotate_seeds([seed], knowledge)
    body, _meta = get_data(render_document(doc))
    return _markdown().convert(body)


def _page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def _assert_inert(page: Page) -> None:
    assert page.tags <= TAGS, page.tags - TAGS
    assert {name for _tag, name in page.attributes} <= ATTRIBUTES, page.attributes
    assert not any(url.strip().lower().startswith("javascript:") for url in page.urls)


@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_fragment_is_shown_as_text(fragment, knowledge):
    text = f"A statement\nThe minister said {fragment} and left.\n{fragment}\n"
    page = _page(_convert(text, knowledge))
    _assert_inert(page)
    assert page.words == text.split()


@pytest.mark.parametrize("prefix", [p for p in LINE_PREFIXES if p])
def test_hostile_markdown_syntax_at_line_start_stays_text(prefix, knowledge):
    text = f"A statement\n{prefix}first line\n{prefix}second line\n"
    page = _page(_convert(text, knowledge))
    _assert_inert(page)
    assert page.words == text.split()


@pytest.mark.parametrize(
    "title",
    [
        "</title><script>alert(1)</script>",
        'x" onmouseover="y',
        "\x02wzxhzdk:0\x03",
        "{{ page.title }}",
        "<!-- x -->",
    ],
)
def test_hostile_header_title_stays_text(title, knowledge):
    header = yaml.safe_dump({"title": title}, allow_unicode=True)
    text = f"---\n{header}---\nFile title\nThe body.\n"
    html = _convert(text, knowledge)
    page = _page(html)
    _assert_inert(page)
    assert "wzxhzdk" not in html or "wzxhzdk:0" in title


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=SEED_TEXT)
def test_hostile_any_mix_of_prose_and_syntax_stays_text(text, knowledge):
    page = _page(_convert(text, knowledge))
    _assert_inert(page)
    assert page.words == text.split()


# ----------------------------------------------------------------- a real site

HOSTILE_SEEDS = {
    "title-script.txt": "---\ntitle: </title><script>alert(1)</script>\n---\nFile title\n"
    "The body <script>alert(2)</script> stays text.\n",
    "title-attribute.txt": 'x" onmouseover="y\nThe body {{ config.site_name }} {% raw %} stays.\n',
    "header-fields.txt": (
        "---\n"
        "publisher: '</title><script>alert(3)</script>'\n"
        "author: ['x\" onmouseover=\"y', '<img src=x onerror=alert(4)>']\n"
        "source_url: 'https://example.org/\"><script>alert(5)</script>'\n"
        "language: '\"><script>alert(6)</script>'\n"
        "---\n"
        "Header fields\n"
        "# heading\n"
        '[x](javascript:alert(7)) <!-- kept --> --8<-- "x.txt"\n'
        "*[X]: expansion\n"
        "    indented code\n"
    ),
}
CONTROL_SEED = (
    "---\npublisher: Ministry\nauthor: [Ann Author, Bob Author]\n"
    "source_url: https://example.org/press\nlanguage: en\n---\n"
    "Control document\nAn ordinary body.\n"
)


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: set[tuple[str, str]] = set()
        self.scripts = 0
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.pairs.add((tag, ""))
        self.scripts += tag == "script"
        for name, value in attrs:
            self.pairs.add((tag, name))
            if name in ("href", "src", "action", "formaction", "content"):
                self.urls.append(value or "")


def _elements(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    seeds = {**HOSTILE_SEEDS, "control.txt": CONTROL_SEED}
    project = make_project(tmp_path_factory.mktemp("hostile"), seeds)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE_SEEDS))
def test_hostile_built_page_has_only_the_archives_elements(name, hostile_site):
    control = _elements(hostile_site / "documents/control/index.html")
    page = _elements(hostile_site / f"documents/{Path(name).stem}/index.html")
    assert page.pairs - control.pairs == set()
    assert page.scripts == control.scripts
    assert not any(u.strip().lower().startswith("javascript:") for u in page.urls)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, visible",
    [
        ("title-script.txt", "The body &lt;script&gt;alert(2)&lt;/script&gt; stays text."),
        ("title-attribute.txt", "The body {{ config.site_name }} {% raw %} stays."),
        ("header-fields.txt", "[x](javascript:alert(7)) &lt;!-- kept --&gt; --8&lt;-- "),
        ("header-fields.txt", "*[X]: expansion"),
        ("header-fields.txt", "# heading"),
    ],
)
def test_hostile_built_page_shows_the_text(name, visible, hostile_site):
    html = (hostile_site / f"documents/{Path(name).stem}/index.html").read_text(encoding="utf-8")
    assert visible in html


class Scripts(HTMLParser):
    """Inline event handlers, and the text of every script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[str] = []
        self.scripts: list[str] = []
        self.types: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")
            self.types.append(dict(attrs).get("type") or "")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


@pytest.mark.slow
def test_hostile_no_page_of_the_site_runs_seed_text(hostile_site):
    for path in sorted(hostile_site.rglob("*.html")):
        parser = Scripts()
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
        where = path.relative_to(hostile_site).as_posix()
        assert parser.handlers == [], where
        for kind, script in zip(parser.types, parser.scripts):
            if kind == "application/ld+json":
                assert "<" not in script and json.loads(script), where
            else:
                assert "alert(" not in script, where
