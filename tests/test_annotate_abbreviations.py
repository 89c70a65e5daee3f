"""Tests for the abbreviations annotator: definitions, glossary look-up and spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.annotate import abbreviations
from build_tools.knowledge import read_knowledge
from build_tools.model import Abbreviation, Block, Document, GlossaryEntry, Knowledge, Seed

SEED = Path(__file__).parent.parent / "seeds" / "000_61da1cec703a9f14.txt"
SKIP = ("of", "the", "and", "for", "on", "in", "to", "a", "an")


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return read_knowledge()[0]


def small_knowledge(*entries: GlossaryEntry) -> Knowledge:
    return Knowledge(glossary=entries, lexicon={abbreviations.SKIP_LIST: SKIP})


def make_doc(*paragraphs: str, title: str = "Title") -> Document:
    blocks = (Block("title", title), *(Block("paragraph", p) for p in paragraphs))
    return Document(seed=Seed("made-up.txt", "made-up.txt", blocks), slug="made-up")


def defined(text: str) -> dict[str, str]:
    doc = make_doc(text)
    return {d.abbr: d.expansion for d in abbreviations.definitions(doc, small_knowledge())}


# --------------------------------------------------------------- definitions


@pytest.mark.parametrize(
    ("text", "abbr", "expansion"),
    [
        (
            "operating a Multilateral Sanctions Monitoring Team (MSMT) to monitor",
            "MSMT",
            "Multilateral Sanctions Monitoring Team",
        ),
        (
            "will hold the 56th Security Consultative Meeting (SCM) with",
            "SCM",
            "Security Consultative Meeting",
        ),
        (
            "the MSMT (Multilateral Sanctions Monitoring Team) was launched",
            "MSMT",
            "Multilateral Sanctions Monitoring Team",
        ),
        (
            "operating a ‘Multilateral Sanctions Monitoring Team’ (MSMT) to",
            "MSMT",
            "Multilateral Sanctions Monitoring Team",
        ),
        (
            "such as intercontinental ballistic missile (ICBM) re-entry",
            "ICBM",
            "intercontinental ballistic missile",
        ),
        ("a study by the Korea Institute for Defense Analyses (KIDA)", "KIDA", None),
        ("the Democratic People's Republic of Korea (DPRK) said", "DPRK", None),
        ("under the U.S. Indo-Pacific Command (INDOPACOM), which", "INDOPACOM", None),
        ("launched two submarine-launched ballistic missiles (SLBMs) today", "SLBM", None),
    ],
)
def test_abbreviations_definition_found(text: str, abbr: str, expansion: str | None) -> None:
    found = defined(text)
    assert abbr in found, found
    if expansion is not None:
        assert found[abbr] == expansion


@pytest.mark.parametrize(
    "text",
    [
        "on the 30th (local time) at the Pentagon",
        "foreign affairs and defense (2+2) ministers",
        "the meeting in Seoul (KST) went on",
        "said the ministry (Reuters) on Monday",
        'the Foreign and Defense Ministerial Meeting ("2+2") was held',
        "the Supreme Tribunal of Justice (TSJ) ruled",
        "experts said (see below) that",
    ],
)
def test_abbreviations_implausible_definition_ignored(text: str) -> None:
    assert defined(text) == {}


@pytest.mark.parametrize(
    ("abbr", "words", "ok"),
    [
        ("ROK", ["Republic", "of", "Korea"], True),
        ("UNSC", ["United", "Nations", "Security", "Council"], True),
        ("NCG", ["Nuclear", "Consultative", "Group"], True),
        ("NCG", ["the", "Nuclear", "Consultative", "Group"], False),
        ("NCG", ["Group", "Nuclear", "Consultative"], False),
        ("SCM", ["Security", "Consultative", "big", "Meeting"], False),
        ("KT", ["local", "time"], False),
    ],
)
def test_abbreviations_plausible_initials(abbr: str, words: list[str], ok: bool) -> None:
    assert abbreviations.plausible(abbr, words, frozenset(SKIP)) is ok


def test_abbreviations_company_forms_give_no_letter(knowledge) -> None:
    doc = make_doc("It listed Delta River Shipping Company Limited (DRS) on Monday.")
    found = {d.abbr: d.expansion for d in abbreviations.definitions(doc, knowledge)}
    assert found == {"DRS": "Delta River Shipping Company Limited"}


def test_abbreviations_first_definition_wins() -> None:
    found = defined("The Joint Chiefs of Staff (JCS) met. Later the Joint Coast Service (JCS) met.")
    assert found == {"JCS": "Joint Chiefs of Staff"}


# ---------------------------------------------------------------- annotation


def test_abbreviations_text_definition_beats_glossary() -> None:
    k = small_knowledge(GlossaryEntry("NCG", "Something Else"))
    doc = abbreviations.annotate(make_doc("The Nuclear Consultative Group (NCG) met."), k)
    assert doc.abbreviations == (Abbreviation("NCG", "Nuclear Consultative Group", "text"),)


def test_abbreviations_glossary_entry_used_when_it_occurs() -> None:
    k = small_knowledge(
        GlossaryEntry("ICBM", "intercontinental ballistic missile"),
        GlossaryEntry("NATO", "North Atlantic Treaty Organization"),
    )
    doc = abbreviations.annotate(make_doc("Pyongyang fired an ICBM."), k)
    assert doc.abbreviations == (
        Abbreviation("ICBM", "intercontinental ballistic missile", "glossary"),
    )


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("The ICBM flew.", ["ICBM"]),
        ("Two ICBMs flew.", ["ICBMs"]),
        ("NATO's summit.", ["NATO"]),
        ("The ROK-US alliance and US-ROK ties.", ["ROK", "ROK"]),
        ("The icbm flew.", []),
        ("ICBMX and XICBM are not it.", []),
        ("UNDERSTANDING the UN.", ["UN"]),
        ("The Un and un are words.", []),
    ],
)
def test_abbreviations_spans_are_word_bounded_and_case_sensitive(
    text: str, spans: list[str]
) -> None:
    k = small_knowledge(
        GlossaryEntry("ICBM", "intercontinental ballistic missile"),
        GlossaryEntry("NATO", "North Atlantic Treaty Organization"),
        GlossaryEntry("ROK", "Republic of Korea"),
        GlossaryEntry("UN", "United Nations"),
    )
    doc = abbreviations.annotate(make_doc(text), k)
    assert [text[s.start : s.end] for s in doc.spans] == spans
    assert all(s.kind == "abbreviation" for s in doc.spans)


def test_abbreviations_defined_abbreviation_gets_spans_without_glossary() -> None:
    text = "The Ukraine Defence Contact Group (UDCG) met. The UDCG agreed."
    doc = abbreviations.annotate(make_doc(text), small_knowledge())
    assert [s.target for s in doc.spans] == ["UDCG", "UDCG"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ABCIMNOSTU abcmnost()-'’s.,"), max_size=120))
def test_abbreviations_spans_stay_inside_the_text(text: str) -> None:
    k = small_knowledge(GlossaryEntry("ICBM", "x"), GlossaryEntry("UN", "y"))
    doc = abbreviations.annotate(make_doc(text), k)
    for span in doc.spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end].startswith(span.target)
    assert doc.seed.blocks[1].text == text


# ----------------------------------------------------------------- the seed


def test_abbreviations_seed(knowledge: Knowledge) -> None:
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    blocks = (Block("title", lines[0]), Block("subtitle", lines[1]))
    blocks += tuple(Block("paragraph", p) for p in lines[2:])
    doc = Document(seed=Seed("seed.txt", "seed.txt", blocks), slug="seed")
    found = {a.abbr: a for a in abbreviations.annotate(doc, knowledge).abbreviations}
    assert found["MSMT"] == Abbreviation("MSMT", "Multilateral Sanctions Monitoring Team", "text")
    assert found["SCM"] == Abbreviation("SCM", "Security Consultative Meeting", "text")
    assert found["ICBM"].expansion.lower() == "intercontinental ballistic missile"
