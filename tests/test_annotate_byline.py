"""Annotator component byline: the authors named under the title."""

from __future__ import annotations

import pytest

from build_tools.annotate import annotate, byline
from build_tools.knowledge import load_knowledge

from tests.helpers import make_doc, make_seed

KNOWLEDGE = load_knowledge()


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Helena Marsh, senior fellow, Meridian Institute", ("Helena Marsh",)),
        ("Antony J. Blinken, Secretary of State", ("Antony J. Blinken",)),
        ("Statement by Press Secretary Karine Jean-Pierre", ("Karine Jean-Pierre",)),
        ("By Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        ("By the numbers: five years of sanctions", ()),
        ("Statement by Foreign Secretary on the decisions", ()),
        ("Washington, D.C.", ()),
        ("Joint Statement, Office of the Spokesperson", ()),
        ("By Jane Doe.", ()),  # a sentence, not a byline
    ],
)
def test_byline_names(line, names):
    assert byline.byline_names(line, KNOWLEDGE) == names


def test_byline_line_under_the_title_is_the_author_not_a_subtitle():
    doc = make_doc(
        "Secretary Blinken met Foreign Minister Wang Yi.",
        "They spoke for an hour.",
        subtitle="Antony J. Blinken, Secretary of State",
    )
    done = byline.annotate(doc, KNOWLEDGE)
    assert (done.authors, done.byline, done.subtitle) == (("Antony J. Blinken",), 1, None)


def test_byline_header_author_has_the_last_word():
    doc = make_doc("Text one.", "Text two.", subtitle="By Jane Doe", header={"author": "J. Roe"})
    done = byline.annotate(doc, KNOWLEDGE)
    assert (done.authors, done.byline) == (("J. Roe",), 1)


def test_byline_actors_in_the_text_are_never_authors():
    seed = make_seed(
        "Secretary of State Antony Blinken said the talks went well.", "They will meet again."
    )
    assert annotate(seed, KNOWLEDGE, "x").authors == ()
