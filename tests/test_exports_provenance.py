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
