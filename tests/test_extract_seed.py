"""The archive's first document, end to end through `extract`: the acceptance example.

General behaviour is tested per annotator; this checks that the components
together give the reading a careful person gives the seed.
"""

from __future__ import annotations

import pytest

from build_tools.extract import extract_paths

from tests.sitetools import ROOT

SEED = ROOT / "seeds" / "000_61da1cec703a9f14.txt"


@pytest.fixture(scope="module")
def rec(knowledge):
    [record] = extract_paths([SEED], knowledge)
    return record


def by_kind(rec, kind):
    return {a["id"] for a in rec["actors"] if a["kind"] == kind}


def test_extract_seed_date_is_reasoned_to_the_day(rec):
    assert (rec["date"], rec["date_precision"]) == ("2024-10-30", "day")
    assert rec["date_evidence"]


@pytest.mark.parametrize("date", ["2021-03", "2024-06", "2024-07", "2024-10-16", "2024-10-31"])
def test_extract_seed_events(rec, date):
    assert date in {e["date"] for e in rec["events"]}


def test_extract_seed_persons(rec):
    assert {"kim-yong-hyun", "lloyd-austin", "antony-blinken"} <= by_kind(rec, "person")
    [cho] = [a for a in rec["actors"] if "Cho Tae-yeol" in a["mentions"]]
    assert cho["kind"] == "person" and cho["name"] in ("Cho Tae-yeol", "Cho Tae-yul")


def test_extract_seed_misnamed_austin_is_resolved_and_flagged(rec):
    [austin] = [a for a in rec["actors"] if a["id"] == "lloyd-austin"]
    assert {"Lloyd Austin", "Royce Austin"} <= set(austin["mentions"])
    assert any("Royce Austin" in flag for flag in austin["flags"])


def test_extract_seed_countries(rec):
    assert {"south-korea", "united-states", "north-korea", "russia", "japan"} <= by_kind(
        rec, "country"
    )


def test_extract_seed_organizations(rec):
    names = {a["name"] for a in rec["actors"] if a["kind"] == "organization"}
    mentions = {m for a in rec["actors"] if a["kind"] == "organization" for m in a["mentions"]}
    assert "UN Security Council" in names or "United Nations Security Council" in names
    assert "MSMT" in mentions


def test_extract_seed_no_place_or_document_names_as_actors(rec):
    names = {a["name"] for a in rec["actors"]}
    assert not names & {
        "Pentagon",
        "Korean Peninsula",
        "Comprehensive Strategic Partnership",
        "Washington",
    }


def test_extract_seed_abbreviations(rec):
    found = {a["abbr"]: a["expansion"] for a in rec["abbreviations"]}
    assert found["MSMT"] == "Multilateral Sanctions Monitoring Team"
    assert found["SCM"] == "Security Consultative Meeting"


def test_extract_seed_topics(rec):
    ids = {t["id"] for t in rec["topics"]}
    assert {
        "north-korea-russia-cooperation",
        "north-korean-troops-russia",
        "extended-deterrence",
        "rok-us-alliance",
    } <= ids
    assert ids & {"sanctions", "sanctions-enforcement"}
