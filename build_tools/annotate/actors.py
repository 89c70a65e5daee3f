"""Annotator component: actors (first version; to be replaced by the full extractor)."""

from __future__ import annotations

from ..model import Document, Knowledge


def annotate(doc: Document, knowledge: Knowledge) -> Document:
    return doc
