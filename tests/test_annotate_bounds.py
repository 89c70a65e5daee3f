"""Annotation output grows with the seed, never faster: events quote a bounded sentence."""

from __future__ import annotations

import pytest

from build_tools.annotate import EVENT_TEXT_MAX, annotate, quote
from build_tools.read import parse_seed
from build_tools.render import render_document

LONG_SENTENCE = "The talks held on 3 March 2024 were " + "long and detailed, " * 200 + "it ended."


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("short text", 0, 5),
        ("word " * 400, 1000, 1004),
        ("x" * 1000, 500, 510),
        ("a " * 300 + "3 March 2024" + " b" * 300, 600, 612),
    ],
)
def test_annotate_quote_is_bounded_and_keeps_the_marked_part(text, start, end):
    quoted = quote(text, start, end)
    assert len(quoted) <= EVENT_TEXT_MAX + 4
    assert text[start:end].strip() in quoted


@pytest.mark.parametrize(
    "body",
    [
        LONG_SENTENCE,
        "On 3 March 2024 " + "they spoke and spoke " * 120 + "until 5 March 2024 came",
    ],
)
def test_annotate_event_text_is_capped(knowledge, body):
    seed, _ = parse_seed(f"Title\n{body}\n".encode(), "seeds/e.txt")
    doc = annotate(seed, knowledge, "e")
    assert doc.events
    assert all(len(e.text) <= EVENT_TEXT_MAX + 4 for e in doc.events)
    assert all("March 2024" in e.text for e in doc.events)


def _page_size(knowledge, copies: int) -> int:
    body = " ".join(f"talks resumed on {d} March 2024 and went on" for d in range(1, 29)) * copies
    seed, _ = parse_seed(f"Title\n{body}\n".encode(), "seeds/one-line.txt")
    return len(render_document(annotate(seed, knowledge, "one-line")))


def test_annotate_one_line_seed_renders_to_a_page_linear_in_its_size(knowledge):
    assert _page_size(knowledge, 40) < 2.3 * _page_size(knowledge, 20)
