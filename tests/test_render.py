"""Stage 3, render: Document → Markdown."""

from __future__ import annotations

import datetime as dt

import frontmatter
import pytest

from build_tools.model import Abbreviation, ActorRef, Event, Note, Span, TopicRef
from build_tools.render import PageContext, display_date, render_document

from tests.helpers import make_doc


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


def test_render_first_mention_per_paragraph_links_to_the_actor():
    page = render_document(austin_doc())
    assert page.count('href="../../actors/lloyd-austin/"') == 2  # metadata block + first mention
    assert 'met the <abbr title="Security Consultative Meeting">SCM</abbr> delegation' in page


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
        (None, "Undated"),
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
    page = render_document(make_doc("Body.", notes=(Note("date", note),)))
    assert f"<p>{html}</p>" in page
