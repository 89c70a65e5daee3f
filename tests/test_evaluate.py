"""Tests of the scorer on hand-made gold files and extraction records."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from build_tools.evaluate import (
    Case,
    Counts,
    Gold,
    GoldError,
    GoldStatement,
    format_scores,
    load_cases,
    resolve_gold,
    score,
)
from build_tools.knowledge import read_knowledge
from build_tools.model import Actor, Knowledge

KNOWLEDGE = Knowledge(
    actors=(
        Actor("antony-blinken", "Antony Blinken", "person", aliases=("Tony Blinken",)),
        Actor("lloyd-austin", "Lloyd Austin", "person"),
        Actor("un-security-council", "UN Security Council", "organization", aliases=("UNSC",)),
        Actor("south-korea", "South Korea", "country", aliases=("Republic of Korea",)),
        Actor("north-korea", "North Korea", "country"),
        # Same name under another kind: must not resolve a person's name.
        Actor("georgia", "Georgia", "country"),
    ),
    digest="test-knowledge",
)

FULL_GOLD = {
    "person": ("Antony Blinken", "Lloyd Austin"),
    "organization": ("UN Security Council",),
    "country": ("South Korea",),
}
FULL_IDS = [
    ("person", "antony-blinken"),
    ("person", "lloyd-austin"),
    ("organization", "un-security-council"),
    ("country", "south-korea"),
]


def make_case(name="doc", date="2024-10-30", actors=None, topics=()) -> Case:
    gold = Gold(date=date, actors=FULL_GOLD if actors is None else actors, topics=tuple(topics))
    return Case(name, Path(f"/eval/docs/{name}.txt"), Path(f"/eval/gold/{name}.yaml"), gold)


def make_record(name="doc", date="2024-10-30", ids=FULL_IDS, topics=()) -> dict:
    return {
        "source": f"/eval/docs/{name}.txt",
        "title": name,
        "date": date,
        "date_precision": None,
        "actors": [{"id": i, "name": i, "kind": k, "mentions": []} for k, i in ids],
        "topics": [{"id": t, "label": t, "score": 1.0} for t in topics],
    }


def run(cases, records):
    extracted = {Path(r["source"]): r for r in records}
    return score(cases, extracted, KNOWLEDGE)


def prf(counts: Counts) -> tuple[float, float, float]:
    return (
        round(counts.precision, 4),
        round(counts.recall, 4),
        round(counts.f1, 4),
    )


# -------------------------------------------------------------------- scoring


def test_evaluate_perfect_record_scores_one():
    scores = run([make_case(topics=["sanctions"])], [make_record(topics=["sanctions"])])
    assert prf(scores.actors_all) == (1.0, 1.0, 1.0)
    assert (scores.actors_all.tp, scores.actors_all.fp, scores.actors_all.fn) == (4, 0, 0)
    assert prf(scores.topics) == (1.0, 1.0, 1.0)
    assert scores.date_exact == (1, 1)
    assert scores.documents[0].clean


def test_evaluate_one_missed_actor_lowers_recall():
    scores = run([make_case()], [make_record(ids=FULL_IDS[1:])])
    assert prf(scores.actors_all) == (1.0, 0.75, 0.8571)
    assert prf(scores.actors["person"]) == (1.0, 0.5, 0.6667)
    assert prf(scores.actors["country"]) == (1.0, 1.0, 1.0)
    assert scores.documents[0].missed_actors == (("person", "antony-blinken"),)


def test_evaluate_spurious_actor_lowers_precision():
    ids = [*FULL_IDS, ("country", "north-korea")]
    scores = run([make_case()], [make_record(ids=ids)])
    assert prf(scores.actors_all) == (0.8, 1.0, 0.8889)
    assert prf(scores.actors["country"]) == (0.5, 1.0, 0.6667)
    assert scores.documents[0].spurious_actors == (("country", "north-korea"),)


def test_evaluate_wrong_kind_counts_as_missed_and_spurious():
    ids = [*FULL_IDS[:3], ("organization", "south-korea")]
    scores = run([make_case()], [make_record(ids=ids)])
    assert (scores.actors["country"].tp, scores.actors["country"].fn) == (0, 1)
    assert (scores.actors["organization"].tp, scores.actors["organization"].fp) == (1, 1)
    assert prf(scores.actors_all) == (0.75, 0.75, 0.75)


def test_evaluate_micro_average_pools_documents():
    cases = [make_case("a"), make_case("b")]
    records = [make_record("a"), make_record("b", ids=FULL_IDS[:2])]
    scores = run(cases, records)
    assert (scores.actors_all.tp, scores.actors_all.fp, scores.actors_all.fn) == (6, 0, 2)
    assert prf(scores.actors_all) == (1.0, 0.75, 0.8571)


@pytest.mark.parametrize(
    ("gold", "found", "exact", "month"),
    [
        ("2024-10-30", "2024-10-30", 1, 1),
        ("2024-10-30", "2024-10", 0, 1),
        ("2024-10-30", "2024-10-31", 0, 1),
        ("2024-10-30", "2024-11-30", 0, 0),
        ("2024-10", "2024-10-30", 0, 1),
        ("2024-10", "2024", 0, 0),
        ("2024", "2024", 1, 1),
        ("2024", "2024-10", 0, 0),
        ("2024-10-30", None, 0, 0),
        (None, None, 1, 1),
        (None, "2024-10-30", 0, 0),
    ],
)
def test_evaluate_date_exact_and_month(gold, found, exact, month):
    scores = run([make_case(date=gold)], [make_record(date=found)])
    assert scores.date_exact == (exact, 1)
    assert scores.date_month == (month, 1)


def test_evaluate_gold_alias_resolves_to_registered_id():
    actors = {"person": ("Tony Blinken",), "organization": ("unsc",), "country": ()}
    ids = [("person", "antony-blinken"), ("organization", "un-security-council")]
    scores = run([make_case(actors=actors)], [make_record(ids=ids)])
    assert prf(scores.actors_all) == (1.0, 1.0, 1.0)


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("person", "Tony Blinken", "antony-blinken"),
        ("country", "Republic of Korea", "south-korea"),
        ("person", "Cho Tae-yeol", "cho-tae-yeol"),
        (
            "organization",
            "Multilateral Sanctions Monitoring Team",
            "multilateral-sanctions-monitoring-team",
        ),
        ("person", "Georgia", "georgia"),
        ("person", "Santiago Peña", "santiago-pena"),
        ("organization", "South Korea", "south-korea"),
    ],
)
def test_evaluate_resolve_gold_name(kind, name, expected):
    assert resolve_gold(Gold(actors={kind: (name,)}), KNOWLEDGE) == {(kind, expected)}


def test_evaluate_unregistered_actor_compares_by_folded_name():
    actors = {"person": ("Nicolás Maduro", "Cho Tae-yeol"), "organization": (), "country": ()}
    record = make_record(ids=[])
    record["actors"] = [
        {"id": "nicol-s-maduro", "name": "Nicolas Maduro", "kind": "person", "registered": False},
        {"id": "cho-tae-yul", "name": "Cho Tae-yul", "kind": "person", "registered": False},
    ]
    scores = run([make_case(actors=actors)], [record])
    assert (scores.actors_all.tp, scores.actors_all.fp, scores.actors_all.fn) == (1, 1, 1)
    assert scores.documents[0].missed_actors == (("person", "cho-tae-yeol"),)


def test_evaluate_empty_gold_and_empty_record_score_one():
    empty = {"person": (), "organization": (), "country": ()}
    scores = run([make_case(actors=empty)], [make_record(ids=[])])
    assert prf(scores.actors_all) == (1.0, 1.0, 1.0)
    assert prf(scores.topics) == (1.0, 1.0, 1.0)


def test_evaluate_empty_gold_with_spurious_actor_scores_zero_precision():
    empty = {"person": (), "organization": (), "country": ()}
    scores = run([make_case(actors=empty)], [make_record(ids=[("person", "lloyd-austin")])])
    assert prf(scores.actors_all) == (0.0, 1.0, 0.0)


def test_evaluate_topics_precision_and_recall():
    case = make_case(topics=["sanctions", "extended-deterrence", "alliances"])
    record = make_record(topics=["sanctions", "trade"])
    scores = run([case], [record])
    assert prf(scores.topics) == (0.5, 0.3333, 0.4)
    assert scores.documents[0].missed_topics == ("alliances", "extended-deterrence")
    assert scores.documents[0].spurious_topics == ("trade",)


def test_evaluate_missing_record_counts_as_empty_extraction():
    scores = run([make_case()], [])
    assert (scores.actors_all.tp, scores.actors_all.fn) == (0, 4)
    assert scores.date_exact == (0, 1)
    assert scores.documents[0].missing_record


def test_evaluate_records_keyed_by_string_path():
    scores = score([make_case()], {"/eval/docs/doc.txt": make_record()}, KNOWLEDGE)
    assert scores.actors_all.tp == 4


def test_evaluate_unknown_record_kind_counts_as_spurious():
    ids = [*FULL_IDS, ("place", "hiroshima")]
    scores = run([make_case()], [make_record(ids=ids)])
    assert scores.actors["place"].fp == 1
    assert prf(scores.actors_all) == (0.8, 1.0, 0.8889)


# --------------------------------------------------------------------- report


def test_evaluate_format_scores_lists_document_errors():
    ids = [*FULL_IDS[1:], ("country", "north-korea")]
    scores = run(
        [make_case("a"), make_case("b"), make_case("c")],
        [make_record("a", date="2024-10", ids=ids), make_record("b")],
    )
    text = format_scores(scores)
    assert "date: got 2024-10, want 2024-10-30" in text
    assert "missed actors: person:antony-blinken" in text
    assert "spurious actors: country:north-korea" in text
    assert "c:\n  no extraction record" in text
    assert "errors in 2 of 3 documents" in text
    assert "\nb:" not in text


def test_evaluate_format_scores_table_rows():
    scores = run([make_case()], [make_record(ids=FULL_IDS[1:])])
    rows = {
        line.split()[0]: line.split()[1:] for line in format_scores(scores).splitlines() if line
    }
    assert rows["actors"] == ["1.000", "0.750", "0.857", "3", "0", "1"]
    assert rows["person"] == ["1.000", "0.500", "0.667", "1", "0", "1"]
    dates = [line.split() for line in format_scores(scores).splitlines() if line.startswith("date")]
    assert dates == [
        ["date", "exact", "1/1", "1.000"],
        ["date", "month", "1/1", "1.000"],
        ["dated", "if", "fixed", "1/1", "1.000"],
        ["dates", "wrong", "0"],
    ]


# ---------------------------------------------------------------- gold files


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOLD_TEXT = """\
date: 2024-10
actors:
  persons: [Tony Blinken]
  countries: [South Korea]
topics: [sanctions]
"""


def test_evaluate_load_cases_reads_gold_and_document(tmp_path):
    write(tmp_path / "docs" / "one.txt", "Title\nText.\n")
    write(tmp_path / "gold" / "one.yaml", GOLD_TEXT)
    (case,) = load_cases(tmp_path)
    assert case.text_path == tmp_path / "docs" / "one.txt"
    assert case.gold == Gold(
        date="2024-10",
        actors={"person": ("Tony Blinken",), "organization": (), "country": ("South Korea",)},
        topics=("sanctions",),
    )


def test_evaluate_load_cases_follows_source(tmp_path):
    seed = write(tmp_path / "seeds" / "x.txt", "Title\nText.\n")
    write(tmp_path / "eval" / "gold" / "x.yaml", "source: ../../seeds/x.txt\ndate: null\n")
    (case,) = load_cases(tmp_path / "eval")
    assert case.text_path == seed.resolve()
    assert case.gold.date is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date: 2024-13\n", "'date' is not a date"),
        ("date: yesterday\n", "'date' is not a date"),
        ("actors: [Tony Blinken]\n", "'actors' must map"),
        ("actors:\n  people: [A]\n", "'actors' must map"),
        ("topics: sanctions\n", "'topics' must be a list"),
        ("title: x\n", "unknown key 'title'"),
        ("date: [\n", "unreadable gold file"),
        ("statements: [{speaker: A, kind: said, text: x}]\n", "each statement needs"),
        ("statements: [{speaker: A, kind: quote}]\n", "each statement needs"),
        ("statements: {speaker: A}\n", "'statements' must be a list"),
        ("main_topics: sanctions\n", "'main_topics' must be a list"),
    ],
)
def test_evaluate_load_cases_rejects_bad_gold(tmp_path, text, message):
    write(tmp_path / "docs" / "one.txt", "Title\n")
    write(tmp_path / "gold" / "one.yaml", text)
    with pytest.raises(GoldError, match=message):
        load_cases(tmp_path)


def test_evaluate_load_cases_requires_document(tmp_path):
    write(tmp_path / "gold" / "one.yaml", GOLD_TEXT)
    with pytest.raises(GoldError, match="document not found"):
        load_cases(tmp_path)


def test_evaluate_load_cases_requires_gold_for_every_document(tmp_path):
    write(tmp_path / "docs" / "one.txt", "Title\n")
    write(tmp_path / "docs" / "two.txt", "Title\n")
    write(tmp_path / "gold" / "one.yaml", GOLD_TEXT)
    with pytest.raises(GoldError, match="two.txt: error: document has no gold file"):
        load_cases(tmp_path)


def test_evaluate_load_cases_reads_main_topics_and_statements(tmp_path):
    write(tmp_path / "docs" / "one.txt", "Title\nText.\n")
    statements = '  - {speaker: Tony Blinken, kind: quote, text: "We stand firm"}\n'
    statements += "  - {speaker: null, kind: reported, text: talks would resume}\n"
    write(tmp_path / "gold" / "one.yaml", f"main_topics: [sanctions]\nstatements:\n{statements}")
    gold = load_cases(tmp_path)[0].gold
    assert gold.main_topics == ("sanctions",)
    assert gold.statements == (
        GoldStatement("Tony Blinken", "quote", "We stand firm"),
        GoldStatement(None, "reported", "talks would resume"),
    )


@pytest.mark.parametrize(
    ("main", "found", "covered"),
    [
        (("sanctions",), ("sanctions", "diplomacy"), (1, 1)),
        (("sanctions", "export-controls"), ("export-controls",), (1, 1)),
        (("sanctions",), ("diplomacy",), (0, 1)),
        ((), ("diplomacy",), (0, 0)),
    ],
)
def test_evaluate_main_subject_covered_by_any_listed_topic(main, found, covered):
    case = make_case(topics=main)
    case = Case(case.name, case.text_path, case.gold_path, replace(case.gold, main_topics=main))
    assert run([case], [make_record(topics=found)]).main_subject == covered


@pytest.mark.parametrize(
    ("gold", "found", "wrong"),
    [
        ("2024-10-30", "2024-10", 0),
        ("2024-10-30", None, 0),
        ("2024-10-30", "2024-10-31", 1),
        (None, "2024", 1),
        ("2024-10", "2024-10-30", 1),
    ],
)
def test_evaluate_dates_wrong_only_when_contradicting_gold(gold, found, wrong):
    scores = run([make_case(date=gold)], [make_record(date=found)])
    assert scores.dates_wrong == wrong


def test_evaluate_persons_split_by_registry():
    actors = {"person": ("Lloyd Austin", "Mariana Peñaloza", "Soe Naing"), "country": ()}
    ids = [("person", "lloyd-austin"), ("person", "mariana-penaloza")]
    scores = run([make_case(actors=actors)], [make_record(ids=ids)])
    assert (scores.persons_registered.tp, scores.persons_registered.fn) == (1, 0)
    assert (scores.persons_unregistered.tp, scores.persons_unregistered.fn) == (1, 1)


def test_evaluate_year_only_gold_date_read_from_integer(tmp_path):
    write(tmp_path / "docs" / "one.txt", "Title\n")
    write(tmp_path / "gold" / "one.yaml", "date: 2024\n")
    assert load_cases(tmp_path)[0].gold.date == "2024"


# ------------------------------------------------------------ the eval set

EVAL_DIR = Path(__file__).parent / "eval"
EVAL_CASES = load_cases(EVAL_DIR)


def test_evaluate_eval_set_has_seed_and_sixteen_documents():
    names = {case.name for case in EVAL_CASES}
    assert "seed" in names
    assert len(names - {"seed"}) >= 16


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return read_knowledge()[0]


@pytest.mark.parametrize("case", EVAL_CASES, ids=lambda c: c.name)
def test_evaluate_eval_gold_topics_are_in_vocabulary(case, knowledge):
    assert 2 <= len(case.gold.topics) <= 5
    assert {t for t in case.gold.topics if knowledge.topic(t) is None} == set()


@pytest.mark.parametrize("case", [c for c in EVAL_CASES if c.name != "seed"], ids=lambda c: c.name)
def test_evaluate_eval_document_length(case):
    words = len(case.text_path.read_text(encoding="utf-8").split())
    assert 150 <= words <= 500


# ----------------------------------------------------------------- statements

GOLD_SAID = GoldStatement("Antony Blinken", "reported", "the talks had made real progress")


def statement_run(gold: list[GoldStatement], found: list[dict]):
    case = make_case()
    case = replace(case, gold=replace(case.gold, statements=tuple(gold)))
    return run([case], [{**make_record(), "statements": found}])


def said(text: str, speaker: str | None = "antony-blinken") -> dict:
    return {"speaker": speaker, "text": text, "kind": "reported"}


@pytest.mark.parametrize(
    "found_text, matched",
    [
        ("the talks had made real progress", True),
        ("that the talks had made real progress, he added", True),  # contains the gold
        ("the talks had made progress", True),  # 5 of 6 gold words
        ("the talks failed", False),  # 2 of 6 gold words
    ],
)
def test_evaluate_statement_matches_by_overlap(found_text, matched):
    scores = statement_run([GOLD_SAID], [said(found_text)])
    assert (scores.statements.tp, scores.statements.fp, scores.statements.fn) == (
        (1, 0, 0) if matched else (0, 1, 1)
    )


@pytest.mark.parametrize(
    "gold_speaker, found_speaker, right",
    [
        ("Antony Blinken", "antony-blinken", 1),
        ("Tony Blinken", "antony-blinken", 1),  # an alias resolves to the id
        ("Antony Blinken", "lloyd-austin", 0),
        ("Antony Blinken", None, 0),
        (None, None, 1),  # unclear in the text, unknown in the record
        (None, "lloyd-austin", 0),
    ],
)
def test_evaluate_statement_speaker_accuracy(gold_speaker, found_speaker, right):
    gold = replace(GOLD_SAID, speaker=gold_speaker)
    scores = statement_run([gold], [said(GOLD_SAID.text, found_speaker)])
    assert scores.speaker_accuracy == (right, 1)
    assert scores.documents[0].clean == bool(right)


def test_evaluate_statement_found_once_for_two_gold():
    gold = [GOLD_SAID, replace(GOLD_SAID, text="the talks had made real progress today")]
    scores = statement_run(gold, [said("the talks had made real progress today")])
    assert (scores.statements.tp, scores.statements.fp, scores.statements.fn) == (1, 0, 1)


def test_evaluate_format_scores_shows_statement_rows_and_errors():
    scores = statement_run([GOLD_SAID], [said("the weather was cold all week long")])
    text = format_scores(scores)
    assert "statements" in text and "speaker right" in text
    assert "missed statement: the talks had made real progress" in text
    assert "spurious statement: the weather was cold all week long" in text
