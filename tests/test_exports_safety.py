"""Data out, safely: spreadsheet cells stay text, BibTeX fields stay fields, the feed stays XML."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from build_tools.archive import load_archive
from build_tools.exports import data_files, feed
from build_tools.model import Knowledge
from build_tools.render import PageContext, head_meta, render_document
from tests.helpers import make_doc
from tests.sitetools import write_seeds

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@pytest.mark.parametrize(
    "title",
    [
        '=HYPERLINK("http://x.example","y")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_exports_csv_formula_cells_are_written_as_text(tmp_path: Path, title):
    quoted = json.dumps(title)  # a JSON string is a YAML double-quoted string
    header = f"---\ntitle: {quoted}\npublisher: {quoted}\n---\n"
    write_seeds(tmp_path, {"formula.txt": header + "Plain title\nBody text.\n"})
    archive = load_archive(tmp_path, Knowledge())
    rows = list(csv.DictReader(io.StringIO(data_files(archive.documents)["archive.csv"])))
    assert (rows[0]["title"], rows[0]["publisher"]) == ("'" + title, "'" + title)


def _bibtex(page: str) -> str:
    [code] = re.findall(r"<p>BibTeX</p><pre><code>(.*?)</code></pre>", page, re.S)
    return html.unescape(code)


def _fields(entry: str) -> list[str]:
    """The field names of one BibTeX entry, read as a BibTeX parser would."""
    body = entry[entry.index(",") + 1 : entry.rindex("}")]
    names, depth, i, start = [], 0, 0, 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            assert depth >= 0, entry
        elif c == "," and depth == 0:
            names.append(body[start:i].split("=")[0].strip())
            start = i + 1
        i += 1
    assert depth == 0, entry
    return [n for n in names + [body[start:].split("=")[0].strip()] if n]


@pytest.mark.parametrize(
    "title, publisher",
    [
        ("X} , note = {INJECTED", "P"),
        ("100% & #1 for $5_000", "A}, author = {B"),
        ("back\\slash {open", "{"),
    ],
)
def test_exports_bibtex_fields_are_escaped(title, publisher):
    doc = make_doc("Body.", header={"title": title, "publisher": publisher})
    entry = _bibtex(render_document(doc))
    assert _fields(entry) == ["title", "publisher", "url"]  # undated: no empty year
    assert not re.search(r"(?<!\\)[%&#_$]", entry.split("url =")[0])


@pytest.mark.parametrize(
    "title", ["Bell\x01 rings", "Not a character \uffff here", "Mixed \x0b\x1f\ufffe end"]
)
def test_exports_feed_and_json_ld_hold_only_xml_characters(title):
    doc = make_doc(
        "First paragraph \x02 with a control.",
        date="2024-03-03",
        date_precision="day",
        header={"title": title, "publisher": "Pub\x07"},
    )
    text = feed([doc], "Site\x08", "https://archive.example/")
    root = ET.fromstring(text.encode("utf-8"))
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert titles == ["Site", XML_FORBIDDEN.sub("", title)]
    assert not XML_FORBIDDEN.search(text)
    meta = head_meta(doc, PageContext())
    assert not any(XML_FORBIDDEN.search(text) for text in _strings(meta))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
