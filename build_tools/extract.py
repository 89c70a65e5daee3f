"""The extraction record: one JSON-ready dict per document.

This is the interface other tools read (``python -m build_tools extract``);
its keys and their meaning are fixed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .archive import annotate_seeds
from .errors import SeedError
from .knowledge import load_knowledge
from .model import Document, Knowledge, Statement
from .read import discover, read_seed

__all__ = ["collect_seeds", "extract_paths", "record", "statement_record"]


def record(doc: Document) -> dict:
    """The extraction record of a document."""
    return {
        "source": doc.source,
        "title": doc.title,
        "date": doc.date,
        "date_precision": doc.date_precision,
        "date_evidence": [{"text": e.text, "rule": e.rule} for e in doc.date_evidence],
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "mentions": list(a.mentions),
                "registered": a.registered,
                "roles": list(a.roles),
                "flags": list(a.flags),
                **({"via": a.via} if a.via else {}),  # "role": named by an office alone
                **_confidence(a),
            }
            for a in doc.actors
        ],
        "topics": [{"id": t.id, "label": t.label, "score": round(t.score, 3)} for t in doc.topics],
        "events": [{"date": e.date, "precision": e.precision, "text": e.text} for e in doc.events],
        "abbreviations": [{"abbr": a.abbr, "expansion": a.expansion} for a in doc.abbreviations],
        "statements": [statement_record(s) for s in doc.statements],
    }


def statement_record(statement: Statement) -> dict:
    """A statement as JSON: the speaker's actor id (None when unknown) and where it is."""
    return {
        "speaker": statement.speaker,
        "speaker_label": statement.speaker_label,
        "text": statement.text,
        "kind": statement.kind,
        "cue": statement.cue,
        "paragraph": statement.paragraph,
        "span": list(statement.span),
    }


def _confidence(actor) -> dict:
    """How sure the extractor is of an actor the registry does not hold."""
    if actor.confidence is None:
        return {}
    score, evidence = actor.confidence
    return {"confidence": {"score": score, "evidence": evidence}}


def collect_seeds(paths: Iterable[str | Path]):
    """Read the seeds named by ``paths`` (files, or folders searched for *.txt).

    Returns the seeds, the problems found, and the files skipped in folders.
    """
    seeds, problems, skipped = [], [], []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files, ignored = discover(path)
            skipped += [p.as_posix() for p in ignored]
            pairs = [(f, path) for f in files]
        else:
            pairs = [(path, None)]
        for file, root in pairs:
            try:
                seed, warnings = read_seed(file, root, file.as_posix())
            except SeedError as exc:
                problems.append(exc.problem)
                continue
            seeds.append(seed)
            problems += warnings
    return seeds, problems, skipped


def extract_paths(paths: Iterable[str | Path], knowledge: Knowledge | None = None) -> list[dict]:
    """Extraction records for every readable seed in ``paths``."""
    seeds, _, _ = collect_seeds(paths)
    docs, _ = annotate_seeds(seeds, knowledge or load_knowledge())
    return [record(d) for d in docs]
