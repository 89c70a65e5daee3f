"""Exports: where each document comes from, in archive.json, archive.csv and the feed."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree as ET

import pytest

from build_tools.exports import data_files, feed

from tests.helpers import make_doc

ORIGINAL = "https://example.org/press/1"
HEADER = {"publisher": "Ministry of Foreign Affairs", "source_url": ORIGINAL}


def _doc(authors=(), header=None):
    return make_doc("Body.", header=header or {}, authors=authors, date="2024-10-30")


@pytest.mark.parametrize(
    ("authors", "header", "expected"),
    [
        (
            ("Jane Doe", "John Roe"),
            HEADER,
            {
                "authors": "Jane Doe; John Roe",
                "publisher": "Ministry of Foreign Affairs",
                "source_url": ORIGINAL,
            },
        ),
        ((), {}, {"authors": "", "publisher": "", "source_url": ""}),
    ],
)
def test_exports_csv_names_authors_publisher_and_original(authors, header, expected):
    files = data_files([_doc(authors, header)])
    row = next(csv.DictReader(io.StringIO(files["archive.csv"])))
    assert {k: row[k] for k in expected} == expected
    record = json.loads(files["archive.json"])[0]
    assert record["authors"] == list(authors)


@pytest.mark.parametrize(
    ("authors", "header", "names"),
    [
        (("Jane Doe", "John Roe"), HEADER, ["Jane Doe", "John Roe"]),
        ((), HEADER, ["Ministry of Foreign Affairs"]),
        ((), {}, ["Policy Archive"]),
    ],
)
def test_exports_feed_entry_authors(authors, header, names):
    root = ET.fromstring(feed([_doc(authors, header)], "Policy Archive", "https://a.example/"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [n.text for n in root.findall("a:entry/a:author/a:name", ns)] == names


def _entries(docs, changed):
    root = ET.fromstring(feed(docs, "Policy Archive", "https://a.example/", changed=changed))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    return [
        (e.findtext("a:title", namespaces=ns), e.findtext("a:updated", namespaces=ns))
        for e in root.findall("a:entry", ns)
    ]


LATER = "2026-01-02T03:04:05Z"


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        (
            {"u": LATER},
            [("Undated", LATER), ("Dated", "2024-10-30T00:00:00Z")],
        ),
        ({}, [("Dated", "2024-10-30T00:00:00Z")]),  # when the file's time is not known
    ],
    ids=["file-time-known", "file-time-unknown"],
)
def test_exports_feed_lists_undated_documents_at_their_file_time(changed, expected):
    undated = make_doc("Body.", slug="u", title="Undated")
    dated = make_doc("Body.", slug="d", title="Dated", date="2024-10-30")
    assert _entries([dated, undated], changed) == expected


def test_exports_feed_says_an_undated_entry_is_dated_by_its_file():
    text = feed([make_doc("Body.", slug="u")], "P", "https://a.example/", changed={"u": LATER})
    assert "Date unknown: the text does not say when it was written." in text
