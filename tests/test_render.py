"""Stage 3, render: Document → Markdown."""

from __future__ import annotations

import datetime as dt
import html
import json

import frontmatter
import pytest

from build_tools.model import Abbreviation, ActorRef, Event, Note, Span, Statement, TopicRef
from build_tools.render import PageContext, display_date, render_document

from tests.helpers import make_doc


US_REF = ActorRef("united-states", "United States", "country", ("U.S.",))


def austin_doc(**kwargs):
    text = "Secretary Lloyd Austin met the SCM delegation. Austin spoke."
    return make_doc(
        text,
        date="2024-10-30",
        date_precision="day",
        actors=(ActorRef("lloyd-austin", "Lloyd Austin", "person", ("Lloyd Austin", "Austin")),),
        topics=(TopicRef("extended-deterrence", "Extended deterrence", 0.8),),
        abbreviations=(Abbreviation("SCM", "Security Consultative Meeting"),),
        spans=(
            Span(1, 10, 22, "actor", "lloyd-austin"),
            Span(1, 31, 34, "abbreviation", "SCM"),
            Span(1, 47, 53, "actor", "lloyd-austin"),
        ),
        **kwargs,
    )


def test_render_front_matter_keys_and_yaml_date():
    post = frontmatter.loads(render_document(austin_doc()))
    assert {"title", "date", "actors", "topics", "tags", "description", "source"} <= set(
        post.metadata
    )
    assert post["date"] == dt.date(2024, 10, 30)
    assert post["actors"] == [{"id": "lloyd-austin", "name": "Lloyd Austin", "kind": "person"}]
    assert post["tags"] == ["Extended deterrence"]
    assert post["source"] == "seeds/x.txt"


def test_render_first_mention_links_to_the_actor_and_abbreviations_take_focus():
    page = render_document(austin_doc())
    assert page.count('href="../../actors/lloyd-austin/"') == 2  # metadata block + first mention
    assert (
        'met the <abbr title="Security Consultative Meeting" tabindex="0">SCM</abbr> delegation'
        in page
    )


def test_render_actor_linked_once_in_the_whole_text():
    doc = make_doc(
        "U.S. and U.S.",
        "Again U.S.",
        actors=(US_REF,),
        spans=(
            Span(1, 0, 4, "actor", "united-states"),
            Span(1, 9, 13, "actor", "united-states"),
            Span(2, 6, 10, "actor", "united-states"),
        ),
    )
    body = render_document(doc).split('class="pa-body"', 1)[1]
    assert body.count('href="../../actors/united-states/"') == 1


def test_render_month_precision_date():
    post = frontmatter.loads(
        render_document(make_doc("Body.", date="2024-10", date_precision="month"))
    )
    assert post["date"] == dt.date(2024, 10, 1)
    assert post["date_precision"] == "month"
    assert "October 2024" in post.content


@pytest.mark.parametrize(
    "iso, text",
    [
        ("2024-10-30", "30 October 2024"),
        ("2024-10", "October 2024"),
        ("2024", "2024"),
        (None, "Date unknown"),
    ],
)
def test_render_display_date(iso, text):
    assert display_date(iso) == text


def test_render_hostile_text_is_escaped():
    body = "<script>alert(1)</script> [x](javascript:alert(1)) {{ x }} *[X]: y"
    post = frontmatter.loads(render_document(make_doc(body, title="<b>T</b>")))
    page = post.content
    assert "<script>" not in page and "<b>T</b>" not in page
    assert post["title"] == "&lt;b&gt;T&lt;/b&gt;"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<h1 data-pagefind-body="">&lt;b&gt;T&lt;/b&gt;</h1>' in page


def test_render_notes_events_and_context():
    other = make_doc(
        "Other.", slug="other", title="Other doc", date="2024-01-02", date_precision="day"
    )
    doc = austin_doc(
        notes=(Note("actor", "The source probably misnames Lloyd Austin."),),
        events=(Event("2021-03", "month", "The last 2+2 was in March 2021."),),
    )
    page = render_document(
        doc, PageContext(previous=other, related=(other,), site_url="https://a.example/")
    )
    assert "Editorial note" in page and "probably misnames" in page
    assert "## Chronology" in page and "March 2021" in page
    assert "## Related documents" in page and 'href="../../documents/other/"' in page
    assert "Previous: " in page
    assert "https://a.example/documents/x/" in page  # citation URL


def test_render_is_deterministic():
    assert render_document(austin_doc()) == render_document(austin_doc())


@pytest.mark.parametrize(
    "note, html",
    [
        ("Set `date: 2024` here.", "Set <code>date: 2024</code> here."),
        ("One ` alone <b>", "One ` alone &lt;b&gt;"),
    ],
)
def test_render_note_back_quotes_become_code(note, html):
    page = render_document(make_doc("Body.", notes=(Note("warning", note),)))
    assert f"<p>{html}</p>" in page


def test_render_actor_named_by_role_is_marked():
    by_role = ActorRef("marco-bellini", "Marco Bellini", "person", ("Prime Minister",), via="role")
    by_name = ActorRef("anna-lind", "Anna Lind", "person", ("Anna Lind",))
    page = render_document(make_doc("The Prime Minister met Anna Lind.", actors=(by_role, by_name)))
    assert page.count("(named by role)") == 1
    assert ">Marco Bellini</a> <small" in page and ">Anna Lind</a> <small" not in page


def test_render_statements_section_links_speaker_and_paragraph():
    kim = ActorRef("kim-yong-hyun", "Kim Yong-hyun", "person")
    doc = make_doc(
        "Opening words.",
        "Kim said the alliance was strong.",
        actors=(kim,),
        statements=(
            Statement(
                "the alliance was strong", "reported", "kim-yong-hyun", None, "said", 2, (9, 32)
            ),
            Statement("we will see", "quote", None, "a senior official", "said", 2, (0, 5)),
        ),
    )
    page = render_document(doc)
    section = page.split("## Statements")[1]
    assert '<p id="p2">' in page and '<p id="p1">' not in page
    assert 'href="../../actors/kim-yong-hyun/" class="pa-speaker">Kim Yong-hyun</a>' in section
    assert 'href="#p2"' in section and "a senior official" in section


# ----------------------------------------------------------------- provenance

ORIGINAL = "https://example.org/press/1"
PAGE_URL = "https://archive.example/documents/x/"
REPO = PageContext(
    site_url="https://archive.example/",
    repo_url="https://git.example/org/archive",
    edit_uri="edit/main/docs/",
)


def provenance_doc(header=None, authors=(), date="2024-10-30"):
    return make_doc("Body.", header=header or {}, authors=authors, date=date, date_precision="day")


FULL = {"publisher": "Ministry of Foreign Affairs", "source_url": ORIGINAL}


@pytest.mark.parametrize(
    ("header", "authors", "date", "expected"),
    [
        (
            FULL,
            ("Jane Doe",),
            "2024-10-30",
            f"Jane Doe. “A title.” Ministry of Foreign Affairs, 30 October 2024. {ORIGINAL}. "
            f"Archived at {PAGE_URL}",
        ),
        ({}, ("A B", "C D"), "2024", f"A B and C D. “A title.” Policy Archive, 2024. {PAGE_URL}"),
        ({}, (), None, f"Policy Archive. “A title.” n.d. {PAGE_URL}"),
    ],
)
def test_render_citation_text(header, authors, date, expected):
    page = render_document(provenance_doc(header, authors, date), REPO)
    assert f'<p class="pa-cite-text">{expected}</p>' in page.replace("&quot;", '"')


@pytest.mark.parametrize(
    ("header", "authors", "date", "present", "absent"),
    [
        (
            FULL,
            ("Jane Doe", "John Roe"),
            "2024-10-30",
            [
                "author = {Jane Doe and John Roe}",
                "publisher = {Ministry of Foreign Affairs}",
                "date = {2024-10-30}",
                f"url = {{{ORIGINAL}}}",
                f"note = {{Archived at {PAGE_URL}}}",
            ],
            [],
        ),
        ({}, (), "2024-10", ["date = {2024-10}", "year = {2024}", f"url = {{{PAGE_URL}}}"], []),
        ({}, (), None, ["publisher = {Policy Archive}"], ["year =", "date =", "author ="]),
    ],
)
def test_render_bibtex_fields(header, authors, date, present, absent):
    page = render_document(provenance_doc(header, authors, date), REPO)
    bib = page.split("@misc{", 1)[1].split("}\n}", 1)[0]
    assert [f for f in present if f not in bib] == []
    assert [f for f in absent if f in bib] == []


def _csl(page: str) -> dict:
    return json.loads(
        html.unescape(page.split("CSL-JSON</p><pre><code>", 1)[1].split("</code>")[0])
    )


@pytest.mark.parametrize(
    ("header", "authors", "expected"),
    [
        (
            FULL,
            ("Jane Doe",),
            {
                "author": [{"literal": "Jane Doe"}],
                "container-title": "Ministry of Foreign Affairs",
                "publisher": "Ministry of Foreign Affairs",
                "URL": ORIGINAL,
                "archive_location": PAGE_URL,
            },
        ),
        ({}, (), {"publisher": "Policy Archive", "URL": PAGE_URL}),
    ],
)
def test_render_csl_json_names_the_original(header, authors, expected):
    csl = _csl(render_document(provenance_doc(header, authors), REPO))
    assert {k: csl.get(k) for k in expected} == expected
    assert ("container-title" in csl) == ("publisher" in header)


@pytest.mark.parametrize(
    ("header", "ctx", "based_on"),
    [
        (FULL, REPO, ORIGINAL),
        ({}, REPO, "https://git.example/org/archive/blob/main/seeds/x.txt"),
        ({}, PageContext(), None),  # a path in the repository is no URL
    ],
)
def test_render_jsonld_is_based_on_a_url(header, ctx, based_on):
    post = frontmatter.loads(render_document(provenance_doc(header), ctx))
    assert post["jsonld"].get("isBasedOn") == based_on


def test_render_citation_meta_names_authors_and_original():
    post = frontmatter.loads(render_document(provenance_doc(FULL, ("Jane Doe",)), REPO))
    cite = post["citation"]
    assert (cite["authors"], cite["publisher"], cite["source_url"]) == (
        ["Jane Doe"],
        "Ministry of Foreign Affairs",
        ORIGINAL,
    )
    assert post["jsonld"]["author"] == [{"@type": "Person", "name": "Jane Doe"}]


@pytest.mark.parametrize(
    ("ctx", "links"),
    [
        (
            REPO,
            [
                '<a href="https://git.example/org/archive/blob/main/seeds/x.txt">'
                "View the source text</a>",
                '<a href="https://git.example/org/archive/edit/main/seeds/x.txt">'
                "Suggest a correction</a>",
            ],
        ),
        (PageContext(), ["<dt>Source file</dt>\n<dd><code>seeds/x.txt</code></dd>"]),
    ],
)
def test_render_metadata_links_the_source_text(ctx, links):
    page = render_document(provenance_doc(FULL), ctx)
    assert [x for x in links if x not in page] == []


def test_render_byline_shown_as_byline_and_author_row():
    doc = make_doc(
        "Body.", "More.", subtitle="By Jane Doe, fellow", authors=("Jane Doe",), byline=1
    )
    page = render_document(doc)
    assert '<p class="pa-byline">By Jane Doe, fellow</p>' in page
    assert "pa-subtitle" not in page
    assert "<dt>Author</dt>\n<dd>Jane Doe</dd>" in page


@pytest.mark.parametrize(
    ("date", "notes", "shown", "hidden"),
    [
        (
            None,
            (Note("date", "No date could be fixed. Set it with front-matter `date`."),),
            ["<dt>Date</dt>\n<dd>Date unknown</dd>", "does not say when it was written"],
            ["Set it with", "front-matter"],
        ),
        (
            "2024-10-30",
            (Note("date", "Date 2024-10-30 inferred from the text."),),
            ["inferred from the text"],
            ["Date unknown", "does not say when"],
        ),
    ],
    ids=["undated", "dated"],
)
def test_render_undated_document_has_a_readers_note(date, notes, shown, hidden):
    page = render_document(make_doc("Body.", date=date, date_precision="day", notes=notes))
    assert [s for s in shown if s not in page] == []
    assert [h for h in hidden if h in page] == []
