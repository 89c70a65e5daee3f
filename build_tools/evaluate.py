"""Evaluation: score extraction records against hand-written gold files.

An evaluation folder holds ``docs/<name>.txt`` (the documents) and
``gold/<name>.yaml`` (what a careful human indexer found in each)::

    date: 2024-10-30          # or 2024-10, 2024, or null
    actors:
      persons: [Lloyd Austin]
      organizations: [UN Security Council]
      countries: [South Korea]
    topics: [extended-deterrence]
    main_topics: [extended-deterrence]   # optional: the main subject (any one of these)
    statements:                    # optional: quotations and reported statements
      - {speaker: Lloyd Austin, kind: quote, text: "the exact words"}
    source: ../../../seeds/x.txt   # optional: the document lives elsewhere

Gold names are resolved to actor ids through the curated registry (the
canonical name or an alias of an actor of that kind), otherwise to the slug of
the name with accents folded (``"Nicolás Maduro"`` → ``nicolas-maduro``); an
unregistered actor in a record compares by the same key of its name, so the
scorer does not depend on how the extractor makes ids for unknown names.

:func:`score` compares :class:`Case` objects with extraction records (the JSON
objects ``build_tools.extract`` produces) and returns :class:`Scores`;
:func:`format_scores` renders them as a table followed by every document's
errors.  Nothing here runs the extractor.

Conventions: a date is right when its ISO string equals the gold one (so the
precision must match too); it is "within the right month" when the first seven
characters agree, which for a year-only gold date means the same year at year
precision.  A gold ``null`` date is matched only by no date.  Precision with
nothing predicted and recall with nothing to find are both 1.0.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .knowledge import load_knowledge, slugify_id
from .model import Knowledge

__all__ = [
    "ACTOR_KINDS",
    "Case",
    "Counts",
    "DocumentResult",
    "Gold",
    "GoldError",
    "Scores",
    "format_scores",
    "load_cases",
    "load_gold",
    "match_statements",
    "name_key",
    "resolve_gold",
    "score",
    "statement_overlap",
]

# Gold key under ``actors`` → actor kind in the registry and in records.
ACTOR_KINDS = {"persons": "person", "organizations": "organization", "countries": "country"}
GOLD_KEYS = {"date", "actors", "topics", "main_topics", "statements", "source", "notes"}
STATEMENT_KINDS = {"quote", "reported"}
ISO_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class GoldError(Exception):
    """A gold file or evaluation folder that cannot be used."""

    def __init__(self, path: str | Path, message: str, hint: str = ""):
        self.problem = Problem(str(path), message, hint)
        super().__init__(str(self.problem))


# ----------------------------------------------------------------- gold files


@dataclass(frozen=True)
class Gold:
    """What a document should yield; actor names as a person writes them."""

    date: str | None = None
    actors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> names
    topics: tuple[str, ...] = ()
    main_topics: tuple[str, ...] = ()  # the main subject: covered when any one is found
    statements: tuple[GoldStatement, ...] = ()


@dataclass(frozen=True)
class GoldStatement:
    """A quotation or reported statement; ``speaker`` None when the text leaves it unclear."""

    speaker: str | None
    kind: str
    text: str


@dataclass(frozen=True)
class Case:
    name: str
    text_path: Path
    gold_path: Path
    gold: Gold


def _gold_date(path: Path, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    padded = text + "-01-01"[len(text) - 4 :]
    try:
        if ISO_RE.fullmatch(text) and dt.date.fromisoformat(padded):
            return text
    except ValueError:
        pass
    raise GoldError(
        path, f"'date' is not a date: {value!r}", "write YYYY-MM-DD, YYYY-MM, YYYY or null"
    )


def _names(path: Path, value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GoldError(path, f"{key!r} must be a list of names", f"write '{key}: [A, B]'")
    return tuple(v.strip() for v in value)


def _gold_actors(path: Path, value: Any) -> dict[str, tuple[str, ...]]:
    value = value or {}
    if not isinstance(value, dict) or set(value) - set(ACTOR_KINDS):
        raise GoldError(path, "'actors' must map persons/organizations/countries to lists")
    return {kind: _names(path, value.get(key), key) for key, kind in ACTOR_KINDS.items()}


def _statement(path: Path, item: Any) -> GoldStatement:
    if (
        not isinstance(item, dict)
        or set(item) - {"speaker", "kind", "text"}
        or item.get("kind") not in STATEMENT_KINDS
        or not isinstance(item.get("text"), str)
        or not item["text"].strip()
        or not isinstance(item.get("speaker"), (str, type(None)))
    ):
        raise GoldError(
            path,
            "each statement needs 'speaker' (a name or null), 'kind' and 'text'",
            "write '- {speaker: Name, kind: quote|reported, text: \"exact words\"}'",
        )
    speaker = item["speaker"].strip() if item.get("speaker") else None
    return GoldStatement(speaker, item["kind"], item["text"].strip())


def _statements(path: Path, value: Any) -> tuple[GoldStatement, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise GoldError(path, "'statements' must be a list", "write 'statements: [...]'")
    return tuple(_statement(path, item) for item in value)


def load_gold(path: Path) -> tuple[Gold, str | None]:
    """Read one gold file; return the gold and its ``source`` (or None)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise GoldError(path, f"unreadable gold file: {exc}", "fix the YAML") from None
    if not isinstance(data, dict):
        raise GoldError(path, "expected a mapping", "start with 'date:'")
    unknown = sorted(set(data) - GOLD_KEYS)
    if unknown:
        raise GoldError(path, f"unknown key {unknown[0]!r}", f"use {', '.join(sorted(GOLD_KEYS))}")
    gold = Gold(
        date=_gold_date(path, data.get("date")),
        actors=_gold_actors(path, data.get("actors")),
        topics=_names(path, data.get("topics"), "topics"),
        main_topics=_names(path, data.get("main_topics"), "main_topics"),
        statements=_statements(path, data.get("statements")),
    )
    return gold, data.get("source")


def load_cases(folder: Path | str) -> list[Case]:
    """Every ``gold/*.yaml`` in ``folder`` with its document, sorted by name.

    Raises :class:`GoldError` for a gold file without its document and for a
    document in ``docs/`` that has no gold file.
    """
    folder = Path(folder)
    cases = []
    for gold_path in sorted((folder / "gold").glob("*.yaml")):
        gold, source = load_gold(gold_path)
        text_path = (
            (gold_path.parent / source).resolve()
            if source
            else folder / "docs" / f"{gold_path.stem}.txt"
        )
        if not text_path.is_file():
            raise GoldError(gold_path, f"document not found: {text_path}", "add it or fix 'source'")
        cases.append(Case(gold_path.stem, text_path, gold_path, gold))
    named = {c.name for c in cases}
    for doc in sorted((folder / "docs").glob("*.txt")):
        if doc.stem not in named:
            raise GoldError(doc, "document has no gold file", f"add gold/{doc.stem}.yaml")
    return cases


# -------------------------------------------------------------- name → id


def _name_index(knowledge: Knowledge) -> dict[tuple[str, str], str]:
    index: dict[tuple[str, str], str] = {}
    for actor in knowledge.actors:
        for name in (actor.name, *actor.aliases):
            index.setdefault((actor.kind, name.casefold()), actor.id)
    return index


_INDEXES: dict[str, dict[tuple[str, str], str]] = {}


def _index_for(knowledge: Knowledge) -> dict[tuple[str, str], str]:
    key = knowledge.digest or str(id(knowledge))
    if key not in _INDEXES:
        _INDEXES[key] = _name_index(knowledge)
    return _INDEXES[key]


def name_key(name: str) -> str:
    """The id an unregistered name compares as: its slug with accents folded."""
    decomposed = unicodedata.normalize("NFKD", name)
    return slugify_id("".join(c for c in decomposed if not unicodedata.combining(c)))


def resolve_gold(gold: Gold, knowledge: Knowledge) -> set[tuple[str, str]]:
    """The gold actors as ``(kind, id)`` pairs."""
    index = _index_for(knowledge)
    return {
        (kind, index.get((kind, name.casefold())) or name_key(name))
        for kind, names in gold.actors.items()
        for name in names
    }


# ------------------------------------------------------------------ scoring


@dataclass
class Counts:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, found: set) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class DocumentResult:
    """One document's errors, for a developer to fix."""

    name: str
    gold_date: str | None
    date: str | None
    missed_actors: tuple[tuple[str, str], ...] = ()  # (kind, id)
    spurious_actors: tuple[tuple[str, str], ...] = ()
    missed_topics: tuple[str, ...] = ()
    spurious_topics: tuple[str, ...] = ()
    missing_record: bool = False
    main_topics: tuple[str, ...] = ()  # gold main subject (empty: not stated)
    main_covered: bool = True
    missed_statements: tuple[str, ...] = ()  # gold texts no statement matched
    spurious_statements: tuple[str, ...] = ()  # found texts matching no gold statement
    wrong_speakers: tuple[tuple[str, str | None, str | None], ...] = ()  # (text, want, got)

    @property
    def date_ok(self) -> bool:
        return self.date == self.gold_date

    @property
    def month_ok(self) -> bool:
        if self.gold_date is None or self.date is None:
            return self.gold_date == self.date
        return self.date[:7] == self.gold_date[:7]

    @property
    def date_wrong(self) -> bool:
        """A date that contradicts the gold (a coarser date the gold starts with is not wrong)."""
        if self.date is None:
            return False
        return self.gold_date is None or not self.gold_date.startswith(self.date)

    @property
    def clean(self) -> bool:
        errors = (
            self.missed_actors,
            self.spurious_actors,
            self.missed_topics,
            self.spurious_topics,
            self.missed_statements,
            self.spurious_statements,
            self.wrong_speakers,
        )
        return self.date_ok and self.main_covered and not any(errors)


@dataclass
class Scores:
    documents: list[DocumentResult] = field(default_factory=list)
    actors: dict[str, Counts] = field(default_factory=dict)  # kind -> counts
    topics: Counts = field(default_factory=Counts)
    # persons split by whether the registry holds them (recall is what matters here)
    persons_registered: Counts = field(default_factory=Counts)
    persons_unregistered: Counts = field(default_factory=Counts)
    statements: Counts = field(default_factory=Counts)
    speakers_right: int = 0  # among the statements found (statements.tp)

    @property
    def actors_all(self) -> Counts:
        total = Counts()
        for c in self.actors.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total

    @property
    def date_exact(self) -> tuple[int, int]:
        return sum(d.date_ok for d in self.documents), len(self.documents)

    @property
    def date_month(self) -> tuple[int, int]:
        return sum(d.month_ok for d in self.documents), len(self.documents)

    @property
    def dated_when_fixed(self) -> tuple[int, int]:
        """Documents whose text fixes a date (gold not null) that got exactly that date."""
        fixed = [d for d in self.documents if d.gold_date is not None]
        return sum(d.date_ok for d in fixed), len(fixed)

    @property
    def dates_wrong(self) -> int:
        return sum(d.date_wrong for d in self.documents)

    @property
    def speaker_accuracy(self) -> tuple[int, int]:
        return self.speakers_right, self.statements.tp

    @property
    def main_subject(self) -> tuple[int, int]:
        stated = [d for d in self.documents if d.main_topics]
        return sum(d.main_covered for d in stated), len(stated)


def _found_actor(actor: Mapping) -> tuple[str, str]:
    """An unregistered actor compares by its name, whatever id the extractor gave it."""
    if actor.get("registered", True) or not actor.get("name"):
        return actor.get("kind", ""), actor.get("id", "")
    return actor.get("kind", ""), name_key(actor["name"])


def _found_actors(record: Mapping) -> set[tuple[str, str]]:
    return {_found_actor(a) for a in record.get("actors") or ()}


def _found_topics(record: Mapping) -> set[str]:
    return {t.get("id", "") for t in record.get("topics") or ()}


STATEMENT_WORD_RE = re.compile(r"\w+")
STATEMENT_OVERLAP = 0.6  # share of the gold words a found statement must hold


def _statement_words(text: str) -> set[str]:
    return set(STATEMENT_WORD_RE.findall(text.casefold()))


def statement_overlap(gold: str, found: str) -> float:
    """How well a found statement covers a gold one: 1.0 when it contains the
    gold text, else the share of the gold's words it holds."""
    if " ".join(gold.split()).casefold() in " ".join(found.split()).casefold():
        return 1.0
    words = _statement_words(gold)
    return len(words & _statement_words(found)) / len(words) if words else 0.0


def _gold_speaker(name: str | None, knowledge: Knowledge) -> str | None:
    if name is None:
        return None
    index = _index_for(knowledge)
    for kind in ACTOR_KINDS.values():
        if (kind, name.casefold()) in index:
            return index[(kind, name.casefold())]
    return name_key(name)


def _found_speaker(speaker: str | None, record: Mapping) -> str | None:
    for actor in record.get("actors") or ():
        if actor.get("id") == speaker and not actor.get("registered", True) and actor.get("name"):
            return name_key(actor["name"])
    return speaker


def match_statements(
    gold: Iterable[GoldStatement], found: list[Mapping]
) -> list[tuple[GoldStatement, int | None]]:
    """Pair each gold statement with the index of the found one that covers it
    best (at least :data:`STATEMENT_OVERLAP`), each found one used once."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        best, best_score = None, STATEMENT_OVERLAP
        for i, f in enumerate(found):
            overlap = statement_overlap(g.text, str(f.get("text", "")))
            if i not in used and overlap >= best_score:
                best, best_score = i, overlap
                if overlap == 1.0:
                    break
        if best is not None:
            used.add(best)
        pairs.append((g, best))
    return pairs


def _score_statements(case: Case, record: Mapping, knowledge: Knowledge, scores: Scores) -> dict:
    found = list(record.get("statements") or ())
    pairs = match_statements(case.gold.statements, found)
    matched = {i for _, i in pairs if i is not None}
    wrong = []
    for g, i in pairs:
        if i is None:
            continue
        want = _gold_speaker(g.speaker, knowledge)
        got = _found_speaker(found[i].get("speaker"), record)
        if want == got:
            scores.speakers_right += 1
        else:
            wrong.append((g.text, want, got))
    scores.statements.tp += len(matched)
    scores.statements.fn += len(pairs) - len(matched)
    scores.statements.fp += len(found) - len(matched)
    return {
        "missed_statements": tuple(g.text for g, i in pairs if i is None),
        "spurious_statements": tuple(
            str(f.get("text", "")) for i, f in enumerate(found) if i not in matched
        ),
        "wrong_speakers": tuple(wrong),
    }


def _score_case(case: Case, record: Mapping | None, knowledge: Knowledge, scores: Scores) -> None:
    gold_actors = resolve_gold(case.gold, knowledge)
    found_actors = _found_actors(record or {})
    for kind in {k for k, _ in gold_actors | found_actors} | set(scores.actors):
        scores.actors.setdefault(kind, Counts()).add(
            {a for a in gold_actors if a[0] == kind}, {a for a in found_actors if a[0] == kind}
        )
    registered = {a.id for a in knowledge.actors if a.kind == "person"}
    gold_persons = {a for a in gold_actors if a[0] == "person"}
    found_persons = {a for a in found_actors if a[0] == "person"}
    scores.persons_registered.add(
        {a for a in gold_persons if a[1] in registered},
        {a for a in found_persons if a[1] in registered},
    )
    scores.persons_unregistered.add(
        {a for a in gold_persons if a[1] not in registered},
        {a for a in found_persons if a[1] not in registered},
    )
    gold_topics, found_topics = set(case.gold.topics), _found_topics(record or {})
    scores.topics.add(gold_topics, found_topics)
    statements = _score_statements(case, record or {}, knowledge, scores)
    scores.documents.append(
        DocumentResult(
            name=case.name,
            gold_date=case.gold.date,
            date=(record or {}).get("date"),
            missed_actors=tuple(sorted(gold_actors - found_actors)),
            spurious_actors=tuple(sorted(found_actors - gold_actors)),
            missed_topics=tuple(sorted(gold_topics - found_topics)),
            spurious_topics=tuple(sorted(found_topics - gold_topics)),
            missing_record=record is None,
            main_topics=case.gold.main_topics,
            main_covered=not case.gold.main_topics
            or bool(set(case.gold.main_topics) & found_topics),
            **statements,
        )
    )


def score(
    cases: Iterable[Case],
    extracted: Mapping[Any, Mapping],
    knowledge: Knowledge | None = None,
) -> Scores:
    """Compare each case with its record (keyed by document path); micro-average.

    Actors are compared as ``(kind, id)`` pairs, so an actor found under the
    wrong kind counts as both missed and spurious.  A case without a record
    counts as an empty extraction.
    """
    knowledge = knowledge if knowledge is not None else load_knowledge()
    records = {Path(str(k)).resolve(): v for k, v in extracted.items()}
    scores = Scores(actors={kind: Counts() for kind in ACTOR_KINDS.values()})
    for case in cases:
        _score_case(case, records.get(case.text_path.resolve()), knowledge, scores)
    return scores


# ----------------------------------------------------------------- report


def _row(label: str, c: Counts) -> str:
    return f"{label:<16}{c.precision:>10.3f}{c.recall:>8.3f}{c.f1:>8.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"


def _ratio(label: str, hits_total: tuple[int, int]) -> str:
    hits, total = hits_total
    share = hits / total if total else 1.0
    return f"{label:<16}{hits:>4}/{total:<4} {share:.3f}"


def _document_lines(doc: DocumentResult) -> list[str]:
    lines = [f"{doc.name}:"]
    if doc.missing_record:
        lines.append("  no extraction record")
    if not doc.date_ok:
        wrong = " (wrong)" if doc.date_wrong else ""
        lines.append(f"  date: got {doc.date or 'none'}, want {doc.gold_date or 'none'}{wrong}")
    if not doc.main_covered:
        lines.append(f"  main subject missed: {' or '.join(doc.main_topics)}")
    pairs = (
        ("missed actors", [f"{k}:{i}" for k, i in doc.missed_actors]),
        ("spurious actors", [f"{k}:{i}" for k, i in doc.spurious_actors]),
        ("missed topics", list(doc.missed_topics)),
        ("spurious topics", list(doc.spurious_topics)),
    )
    lines += [f"  {label}: {', '.join(items)}" for label, items in pairs if items]
    lines += [f"  missed statement: {_clip(t)}" for t in doc.missed_statements]
    lines += [f"  spurious statement: {_clip(t)}" for t in doc.spurious_statements]
    lines += [
        f"  speaker: got {got or 'unknown'}, want {want or 'unknown'}: {_clip(t)}"
        for t, want, got in doc.wrong_speakers
    ]
    return lines


def _clip(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def format_scores(scores: Scores) -> str:
    """A table of the scores, then the errors of every document that has any."""
    lines = [f"{'':<16}{'precision':>10}{'recall':>8}{'f1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    lines.append(_row("actors", scores.actors_all))
    lines += [_row(f"  {kind}", c) for kind, c in scores.actors.items()]
    lines.append(_row("    registered", scores.persons_registered))
    lines.append(_row("    unregistered", scores.persons_unregistered))
    lines.append(_row("topics", scores.topics))
    lines.append(_row("statements", scores.statements))
    lines.append("")
    lines.append(_ratio("date exact", scores.date_exact))
    lines.append(_ratio("date month", scores.date_month))
    lines.append(_ratio("dated if fixed", scores.dated_when_fixed))
    lines.append(f"{'dates wrong':<16}{scores.dates_wrong:>4}")
    if scores.main_subject[1]:
        lines.append(_ratio("main subject", scores.main_subject))
    lines.append(_ratio("speaker right", scores.speaker_accuracy))
    faulty = [d for d in scores.documents if not d.clean]
    if faulty:
        lines.append("")
        lines.append(f"errors in {len(faulty)} of {len(scores.documents)} documents")
        for doc in faulty:
            lines += _document_lines(doc)
    return "\n".join(lines)
