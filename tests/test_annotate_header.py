"""The seed header's explicit choices: added and removed actors and topics."""

from __future__ import annotations

from build_tools.archive import annotate_seeds
from build_tools.read import parse_seed
from build_tools.render import render_document

SEED = (
    "---\n{header}\n---\n"
    "Talks in Washington\n"
    "WASHINGTON, July 11, 2024 — Secretary of State Antony Blinken met Japan's foreign minister.\n"
)


def _annotated(knowledge, header: str):
    seed, problems = parse_seed(SEED.format(header=header).encode(), "seeds/talks.txt")
    assert problems == []
    docs, problems = annotate_seeds([seed], knowledge)
    return docs[0], problems


def test_header_remove_actors_drops_a_found_actor_quietly(knowledge):
    doc, problems = _annotated(knowledge, "remove_actors: [japan]")
    ids = {a.id for a in doc.actors}
    assert "antony-blinken" in ids and "japan" not in ids
    assert not [p for p in problems if "remove_actors" in p.message]


def test_header_remove_actors_with_an_id_no_actor_has_is_a_warning_readers_never_see(knowledge):
    doc, problems = _annotated(knowledge, "remove_actors: [antony-blinkin]")
    [problem] = [p for p in problems if "remove_actors" in p.message]
    assert problem.path == "seeds/talks.txt" and problem.severity == "warning"
    assert "'antony-blinkin'" in problem.message and problem.hint
    assert "antony-blinken" in {a.id for a in doc.actors}
    assert "remove_actors" not in render_document(doc)
