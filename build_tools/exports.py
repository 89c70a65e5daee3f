"""Data to take away: archive.json, archive.csv, one JSON per document, an Atom feed.

Pure functions from documents to file contents (``{path: text}``), placed by
the plugin (or the CLI) next to the pages.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from xml.etree import ElementTree as ET

from .extract import record
from .index import newest_first
from .markup import csv_cell, page_url, xml_text
from .model import Document
from .render import document_src, lede

__all__ = [
    "FEED_SIZE",
    "Record",
    "archive_csv",
    "archive_json",
    "data_files",
    "feed",
    "record_lines",
]

FEED_SIZE = 50
UNDATED_SUMMARY = (
    "Date unknown: the text does not say when it was written. This entry is dated by when "
    "the archive's copy of the text last changed. "
)
ATOM = "http://www.w3.org/2005/Atom"
CSV_FIELDS = (
    "url",
    "title",
    "date",
    "date_precision",
    "persons",
    "organizations",
    "countries",
    "topics",
    "source",
    "publisher",
    "source_url",
    "authors",
)


def _url(doc: Document, site_url: str, directory_urls: bool) -> str:
    path = page_url(document_src(doc), directory_urls)
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def document_record(doc: Document, site_url: str = "", directory_urls: bool = True) -> dict:
    """The extraction record plus where the document lives."""
    rec = {"slug": doc.slug, "url": _url(doc, site_url, directory_urls)}
    rec.update(record(doc))
    rec["authors"] = list(doc.authors)
    for key in ("publisher", "source_url", "language"):
        if doc.seed.header.get(key):
            rec[key] = str(doc.seed.header[key])
    return rec


def _csv_row(rec: dict) -> dict[str, str]:
    names = {
        k: "; ".join(a["name"] for a in rec["actors"] if a["kind"] == k)
        for k in ("person", "organization", "country")
    }
    row = {
        "url": rec["url"],
        "title": rec["title"],
        "date": rec["date"] or "",
        "date_precision": rec["date_precision"] or "",
        "persons": names["person"],
        "organizations": names["organization"],
        "countries": names["country"],
        "topics": "; ".join(t["label"] for t in rec["topics"]),
        "source": rec["source"],
        "publisher": rec.get("publisher", ""),
        "source_url": rec.get("source_url", ""),
        "authors": "; ".join(rec["authors"]),
    }
    return {key: csv_cell(str(value)) for key, value in row.items()}


def _csv_lines(rows: list[dict[str, str]], header: bool) -> str:
    out = io.StringIO()
    # RFC 4180 line ends: a cell holding a CR or an LF is then always quoted.
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


Record = tuple[str, str, str]  # a document's slug, its JSON (one line) and its CSV row


def record_lines(doc: Document, site_url: str = "", directory_urls: bool = True) -> Record:
    """What the data files hold of one document: its slug, JSON record and CSV row."""
    rec = document_record(doc, site_url, directory_urls)
    text = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
    return doc.slug, text, _csv_lines([_csv_row(rec)], header=False)


def archive_json(records: Sequence[Record]) -> str:
    """archive.json: every record, newest document first."""
    return "".join(archive_json_pieces(records))


def archive_json_pieces(records: Sequence[Record]) -> Iterator[str]:
    """archive.json's text in pieces, one after the other."""
    yield "["
    for i, (_, text, _) in enumerate(records):
        if i:
            yield ","
        yield text
    yield "]\n"


def archive_csv(records: Sequence[Record]) -> str:
    """archive.csv: a header, then a row per document, newest first."""
    return "".join(archive_csv_pieces(records))


def archive_csv_pieces(records: Sequence[Record]) -> Iterator[str]:
    """archive.csv's text in pieces, one after the other."""
    yield _csv_lines([], header=True)
    for _, _, row in records:
        yield row


def data_files(
    docs: Sequence[Document], site_url: str = "", directory_urls: bool = True
) -> dict[str, str]:
    """archive.json, archive.csv and documents/<slug>.json."""
    records = [record_lines(d, site_url, directory_urls) for d in newest_first(docs)]
    files = {"archive.json": archive_json(records), "archive.csv": archive_csv(records)}
    for slug, text, _ in records:
        files[f"documents/{slug}.json"] = text + "\n"
    return files


def _iso_instant(iso: str) -> str:
    parts = (iso.split("-") + ["01", "01"])[:3]
    return "-".join(parts) + "T00:00:00Z"


def _entries(docs: Sequence[Document], changed: Mapping[str, str]) -> list[tuple[str, Document]]:
    """The feed's documents with their instants, newest first: a dated document at its
    date, an undated one at the time its seed last changed (when known)."""
    dated = [(_iso_instant(d.date), d) for d in newest_first(docs) if d.date][:FEED_SIZE]
    undated = [(changed[d.slug], d) for d in docs if not d.date and d.slug in changed]
    undated.sort(key=lambda e: (e[0], e[1].slug), reverse=True)
    merged = sorted(dated + undated[:FEED_SIZE], key=lambda e: (e[0], e[1].slug), reverse=True)
    return merged[:FEED_SIZE]


def feed(
    docs: Sequence[Document],
    site_name: str,
    site_url: str,
    directory_urls: bool = True,
    changed: Mapping[str, str] | None = None,
) -> str:
    """An Atom feed of the newest documents.

    ``changed`` gives, by slug, when each seed file last changed (a UTC instant):
    undated documents are listed at that time, and their summary says so.  Every
    text and attribute goes through :func:`~build_tools.markup.xml_text`, and the
    result is parsed before it is returned, so the feed is always XML.
    """
    entries = _entries(docs, changed or {})
    root = ET.Element("feed", xmlns=ATOM)
    _text(root, "title", site_name)
    _text(root, "id", site_url or "urn:policy-archive")
    link = (site_url.rstrip("/") + "/feed.xml") if site_url else "feed.xml"
    ET.SubElement(root, "link", href=xml_text(link), rel="self")
    _text(root, "updated", entries[0][0] if entries else "1970-01-01T00:00:00Z")
    for instant, doc in entries:
        entry = ET.SubElement(root, "entry")
        url = xml_text(_url(doc, site_url, directory_urls))
        _text(entry, "title", doc.title)
        _text(entry, "id", url)
        ET.SubElement(entry, "link", href=url)
        _text(entry, "updated", instant)
        _text(entry, "summary", ("" if doc.date else UNDATED_SUMMARY) + lede(doc))
        for name in doc.authors or (str(doc.seed.header.get("publisher") or site_name),):
            author = ET.SubElement(entry, "author")
            _text(author, "name", name)
        for topic in doc.topics:
            ET.SubElement(entry, "category", term=xml_text(topic.id), label=xml_text(topic.label))
    ET.indent(root)
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    ET.fromstring(text.encode("utf-8"))  # raises ParseError if anything slipped through
    return text


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = xml_text(text)
