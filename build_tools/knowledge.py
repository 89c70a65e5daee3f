"""Curated knowledge: actors, offices, countries, topics and the glossary.

Curators edit plain YAML files in one folder (``build_tools/knowledge/`` unless
configured otherwise); this module reads and validates them into a
:class:`~build_tools.model.Knowledge`.  Countries come from pycountry (ISO 3166),
with the names people actually write layered on from ``countries.yaml``.

Every file is a YAML list of mappings.  :func:`read_knowledge` returns the
knowledge and every problem found; :func:`load_knowledge` raises
:class:`~build_tools.errors.KnowledgeError` when any problem is an error.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pycountry
import yaml

from .errors import KnowledgeError, Problem
from .model import Actor, GlossaryEntry, Knowledge, Office, Role, Topic

__all__ = ["DEFAULT_DIR", "FILES", "load_knowledge", "read_knowledge", "slugify_id"]

DEFAULT_DIR = Path(__file__).parent / "knowledge"
FILES = (
    "actors.yaml",
    "offices.yaml",
    "countries.yaml",
    "topics.yaml",
    "glossary.yaml",
    "lexicon.yaml",
)
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LINE = "__line__"
TOP_KEY_RE = re.compile(r"^([^\s#:][^:\n]*):", re.MULTILINE)


def slugify_id(text: str) -> str:
    """An id from a name: ``"Korea, Republic of"`` → ``"korea-republic-of"``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available
    """A safe loader that remembers the line of every mapping."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text until _iso checks them, so an impossible one ("2024-13-45") is
# reported with its file and line instead of failing the whole file.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class _Reader:
    """Collects problems while entries of one file are converted."""

    path: str
    problems: list[Problem]

    def error(self, entry: dict, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, message, hint, entry.get(LINE)))

    def warn(self, entry: dict, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, message, hint, entry.get(LINE), "warning"))

    def check_keys(self, entry: dict, allowed: set[str]) -> None:
        for key in sorted(set(entry) - allowed - {LINE}):
            self.warn(entry, f"unknown key {key!r}", f"use one of {', '.join(sorted(allowed))}")

    def check_id(self, entry: dict, key: str = "id") -> str | None:
        value = entry.get(key)
        if not isinstance(value, str) or not ID_RE.match(value):
            self.error(entry, f"malformed {key} {value!r}", "use lower-case words joined by '-'")
            return None
        return value


def _load_yaml(path: Path, problems: list[Problem]) -> list[dict]:
    if not path.exists():
        return []
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problems.append(Problem(str(path), f"invalid YAML: {exc}", "fix the syntax", line))
        return []
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), f"not UTF-8: {exc}", "save the file as UTF-8"))
        return []
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        problems.append(
            Problem(str(path), "expected a list of mappings", "start entries with '- '")
        )
        return []
    return data


def _strings(reader: _Reader, entry: dict, key: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        reader.error(entry, f"{key!r} must be a list of non-empty strings", f"write {key}: [a, b]")
        return ()
    return tuple(v.strip() for v in value)


def _iso(reader: _Reader, entry: dict, key: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text) and _exists(text):
        return text
    reader.error(entry, f"{key!r} is not a date: {value!r}", "write YYYY-MM-DD, YYYY-MM or YYYY")
    return None


def _exists(iso: str) -> bool:
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    try:
        dt.date(*parts[:3])
    except ValueError:
        return False
    return True


# ----------------------------------------------------------------- converters

ACTOR_KEYS = {
    "id",
    "name",
    "kind",
    "aliases",
    "weak_aliases",
    "roles",
    "affiliation",
    "description",
    "local_aliases",
    "known_by_surname",
    "former_names",
}
FORMER_NAME_KEYS = {"name", "from", "to"}
ROLE_KEYS = {"title", "office", "from", "to"}


def _role(reader: _Reader, entry: dict) -> Role | None:
    reader.check_keys(entry, ROLE_KEYS)
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        reader.error(entry, "role without a title", "add 'title: ...'")
        return None
    start = _iso(reader, entry, "from")
    if entry.get("from") is None:
        reader.error(entry, f"role {title!r} has no start date", "add 'from: YYYY-MM-DD'")
    return Role(title.strip(), entry.get("office"), start, _iso(reader, entry, "to"))


def _actor(reader: _Reader, entry: dict) -> Actor | None:
    reader.check_keys(entry, ACTOR_KEYS)
    actor_id = reader.check_id(entry)
    name = entry.get("name")
    kind = entry.get("kind")
    if not isinstance(name, str) or not name.strip():
        reader.error(entry, f"actor {actor_id!r} has no name", "add 'name: ...'")
        return None
    if kind not in ("person", "organization"):
        reader.error(entry, f"actor {actor_id!r} has kind {kind!r}", "use person or organization")
        return None
    roles = entry.get("roles") or []
    if not isinstance(roles, list) or not all(isinstance(r, dict) for r in roles):
        reader.error(
            entry,
            f"actor {actor_id!r}: roles must be a list of mappings",
            "write each role as '- title: ...' with 'from:' below it",
        )
        roles = []
    if actor_id is None:
        return None
    former = _former_names(reader, entry)
    return Actor(
        id=actor_id,
        name=name.strip(),
        kind=kind,
        aliases=_strings(reader, entry, "aliases") + tuple(f.title for f in former),
        former_names=former,
        weak_aliases=_strings(reader, entry, "weak_aliases"),
        roles=tuple(r for r in (_role(reader, e) for e in roles) if r),
        affiliation=entry.get("affiliation"),
        description=entry.get("description"),
        local_aliases=_strings(reader, entry, "local_aliases"),
        known_by_surname=_known_by_surname(reader, entry, kind),
    )


def _former_names(reader: _Reader, entry: dict) -> tuple[Role, ...]:
    """``former_names``: the names a body had before, each with its dates."""
    items = entry.get("former_names") or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        reader.error(
            entry, "'former_names' must be a list of mappings", "write - {name: ..., to: YYYY}"
        )
        return ()
    former = []
    for item in items:
        reader.check_keys(item, FORMER_NAME_KEYS)
        name = item.get("name")
        if not isinstance(name, str) or not name.strip() or item.get("to") is None:
            reader.error(
                item,
                "a former name needs 'name' and 'to'",
                "add the date it ended: 'to: YYYY-MM-DD'",
            )
            continue
        former.append(
            Role(name.strip(), None, _iso(reader, item, "from"), _iso(reader, item, "to"))
        )
    return tuple(former)


def _known_by_surname(reader: _Reader, entry: dict, kind: str) -> bool:
    value = entry.get("known_by_surname", False)
    if not isinstance(value, bool):
        reader.error(entry, f"'known_by_surname' must be true or false, not {value!r}")
        return False
    if value and (kind != "person" or not entry.get("weak_aliases")):
        reader.error(
            entry,
            f"actor {entry.get('id')!r} is known_by_surname without a surname",
            "give a person's surname in weak_aliases",
        )
        return False
    return value


OFFICE_KEYS = {"id", "title", "country", "phrases"}


def _office(reader: _Reader, entry: dict) -> Office | None:
    reader.check_keys(entry, OFFICE_KEYS)
    office_id = reader.check_id(entry)
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        reader.error(entry, f"office {office_id!r} has no title", "add 'title: ...'")
        return None
    if office_id is None:
        return None
    return Office(
        office_id, title.strip(), entry.get("country"), _strings(reader, entry, "phrases")
    )


TOPIC_KEYS = {"id", "label", "broader", "terms", "description", "actors"}


def _topic(reader: _Reader, entry: dict) -> Topic | None:
    reader.check_keys(entry, TOPIC_KEYS)
    topic_id = reader.check_id(entry)
    label = entry.get("label")
    if not isinstance(label, str) or not label.strip():
        reader.error(entry, f"topic {topic_id!r} has no label", "add 'label: ...'")
        return None
    if topic_id is None:
        return None
    terms = _strings(reader, entry, "terms")
    if not terms:
        reader.warn(entry, f"topic {topic_id!r} has no match terms", "add 'terms: [...]'")
    return Topic(
        topic_id,
        label.strip(),
        entry.get("broader"),
        terms,
        entry.get("description"),
        _strings(reader, entry, "actors"),
    )


GLOSSARY_KEYS = {"abbr", "expansion", "note"}


def _glossary(reader: _Reader, entry: dict) -> GlossaryEntry | None:
    reader.check_keys(entry, GLOSSARY_KEYS)
    abbr, expansion = entry.get("abbr"), entry.get("expansion")
    if not isinstance(abbr, str) or not isinstance(expansion, str) or not abbr or not expansion:
        reader.error(entry, "glossary entry needs 'abbr' and 'expansion'", "add the missing key")
        return None
    return GlossaryEntry(abbr.strip(), expansion.strip(), entry.get("note"))


COUNTRY_KEYS = {"code", "id", "name", "aliases", "weak_aliases", "description"}


def _countries(reader: _Reader, entries: list[dict]) -> list[Actor]:
    """Every ISO 3166 country, with the overlay's names, aliases and ids."""
    overlay: dict[str, dict] = {}
    for entry in entries:
        reader.check_keys(entry, COUNTRY_KEYS)
        code = str(entry.get("code", "")).upper()
        if pycountry.countries.get(alpha_2=code) is None:
            reader.error(entry, f"unknown ISO 3166 alpha-2 code {code!r}", "see ISO 3166-1")
            continue
        overlay[code] = entry
    actors = []
    for country in pycountry.countries:
        entry = overlay.get(country.alpha_2, {})
        name = entry.get("name") or getattr(country, "common_name", None) or country.name
        official = {country.name, getattr(country, "official_name", country.name)} - {name}
        aliases = tuple(_strings(reader, entry, "aliases")) + tuple(sorted(official))
        actors.append(
            Actor(
                id=entry.get("id") or slugify_id(name),
                name=name,
                kind="country",
                aliases=tuple(a for a in aliases if "," not in a),
                weak_aliases=_strings(reader, entry, "weak_aliases"),
                description=entry.get("description"),
            )
        )
    return actors


# ---------------------------------------------------------------- cross-checks


def _check_local(
    knowledge: Knowledge, actor: Actor, owners: dict, where: dict[str, str], problems: list
) -> None:
    """A local alias needs a country to be local to, and is no other actor's alias."""
    if not actor.local_aliases:
        return
    if knowledge.country_of(actor.id) is None:
        problems.append(
            Problem(
                where["actors"],
                f"{actor.id!r} has local_aliases but no country",
                "give an affiliation that is, or belongs to, a country",
            )
        )
    for alias in actor.local_aliases:
        other = owners.get(alias.casefold())
        if other and other != actor.id:
            problems.append(
                Problem(
                    where["actors"],
                    f"local alias {alias!r} of {actor.id!r} is an alias of {other!r}",
                    "make it a local alias of both, or of neither",
                )
            )


def _cross_check(
    knowledge: Knowledge,
    where: dict[str, str],
    problems: list[Problem],
    lines: dict[str, dict[str, int]],
) -> None:
    """Problems between entries; each names the line of the entry that holds the id."""
    line = lines["actors"].get
    seen_ids: dict[str, str] = {}
    for actor in knowledge.actors:
        if actor.id in seen_ids:
            problems.append(
                Problem(
                    where["actors"],
                    f"duplicate actor id {actor.id!r}",
                    "rename one",
                    line(actor.id),
                )
            )
        seen_ids[actor.id] = actor.kind
    owners: dict[str, str] = {}
    for actor in knowledge.actors:
        for alias in {actor.name.casefold(), *(a.casefold() for a in actor.aliases)}:
            other = owners.setdefault(alias, actor.id)
            if other != actor.id:
                problems.append(
                    Problem(
                        where["actors"],
                        f"alias {alias!r} is claimed by both {other!r} and {actor.id!r}",
                        "keep it on one actor, or move it to weak_aliases of both",
                        line(actor.id),
                    )
                )
        if actor.affiliation and actor.affiliation not in seen_ids:
            problems.append(
                Problem(
                    where["actors"],
                    f"{actor.id!r}: unknown affiliation {actor.affiliation!r}",
                    "use the id of an actor or a country",
                    line(actor.id),
                )
            )
        for role in actor.roles:
            if role.office and knowledge.office(role.office) is None:
                problems.append(
                    Problem(
                        where["actors"],
                        f"{actor.id!r}: unknown office {role.office!r}",
                        "use the id of an office in offices.yaml",
                        line(actor.id),
                    )
                )
    for actor in knowledge.actors:
        _check_local(knowledge, actor, owners, where, problems)
    for office in knowledge.offices:
        if office.country and office.country not in seen_ids:
            problems.append(
                Problem(
                    where["offices"],
                    f"{office.id!r}: unknown country {office.country!r}",
                    "use the id of a country",
                    lines["offices"].get(office.id),
                )
            )
    for topic in knowledge.topics:
        if topic.broader and knowledge.topic(topic.broader) is None:
            problems.append(
                Problem(
                    where["topics"],
                    f"topic {topic.id!r} has unknown broader topic {topic.broader!r}",
                    "use the id of a topic in topics.yaml",
                    lines["topics"].get(topic.id),
                )
            )


def _lexicon(path: str, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    """lexicon.yaml: a mapping from list name to a list of strings."""
    if not Path(path).exists():
        problems.append(
            Problem(path, "the lexicon is missing", "copy lexicon.yaml from build_tools/knowledge")
        )
        return {}
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(
            Problem(path, f"invalid YAML: {exc}", "fix the syntax", mark and mark.line + 1)
        )
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(path, "expected a mapping of list name to words"))
        return {}
    lexicon = {}
    for name, words in data.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            problems.append(Problem(path, f"lexicon list {name!r} must be a list of strings"))
            continue
        lexicon[str(name)] = tuple(words)
    return lexicon


def _declared_lists() -> frozenset[str]:
    """The lexicon lists the annotators read (imported here, when the knowledge is
    read, because the annotators import this module)."""
    from .annotate import LEXICON_LISTS

    return LEXICON_LISTS


def _check_lists(
    lexicon: dict[str, tuple[str, ...]], declared: frozenset[str], path: str
) -> list[Problem]:
    """A list the annotators read but the lexicon lacks is an error (a misspelt
    name would otherwise leave a rule without its words); a list no annotator
    reads is a warning."""
    if not Path(path).exists():
        return []  # already reported
    lines = _key_lines(Path(path).read_text(encoding="utf-8"))
    problems = []
    for name in sorted(declared - lexicon.keys()):
        near = difflib.get_close_matches(name, lexicon.keys(), n=1)
        hint = f"rename {near[0]!r} to {name!r}" if near else f"add '{name}: [...]' to the file"
        message = f"lexicon list {name!r} is missing; the annotators read it"
        problems.append(Problem(path, message, hint, lines.get(near[0]) if near else None))
    for name in sorted(lexicon.keys() - declared):
        near = difflib.get_close_matches(name, declared, n=1)
        hint = f"rename it to {near[0]!r}" if near else "remove it, or correct its name"
        message = f"lexicon list {name!r} is read by no annotator"
        problems.append(Problem(path, message, hint, lines.get(name), "warning"))
    return problems


def _key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key of a YAML mapping."""
    return {m.group(1): text.count("\n", 0, m.start()) + 1 for m in TOP_KEY_RE.finditer(text)}


def read_knowledge(
    directory: Path | str = DEFAULT_DIR, lists: frozenset[str] | None = None
) -> tuple[Knowledge, list[Problem]]:
    """Read every curated file in ``directory``; return the knowledge and all problems.

    ``lists``: the lexicon lists that must be present (default: those the
    annotators read)."""
    directory = Path(directory)
    problems: list[Problem] = []
    where = {name.split(".")[0]: str(directory / name) for name in FILES}
    raw = {key: _load_yaml(Path(path), problems) for key, path in where.items() if key != "lexicon"}

    def convert(key: str, fn: Callable[[_Reader, dict], Any]) -> tuple:
        reader = _Reader(where[key], problems)
        return tuple(x for x in (fn(reader, e) for e in raw[key]) if x is not None)

    countries = _countries(_Reader(where["countries"], problems), raw["countries"])
    digest = hashlib.sha256()
    for path in sorted(where.values()):
        if Path(path).exists():
            digest.update(Path(path).read_bytes())
    knowledge = Knowledge(
        actors=tuple(countries) + convert("actors", _actor),
        offices=convert("offices", _office),
        topics=convert("topics", _topic),
        glossary=convert("glossary", _glossary),
        lexicon=_lexicon(where["lexicon"], problems),
        digest=digest.hexdigest(),
    )
    declared = _declared_lists() if lists is None else lists
    problems += _check_lists(dict(knowledge.lexicon), declared, where["lexicon"])
    missing = declared - knowledge.lexicon.keys()
    if missing:  # reported above; empty here, so that a check can still run
        knowledge = replace(knowledge, lexicon={**knowledge.lexicon, **dict.fromkeys(missing, ())})
    lines = {
        key: {e["id"]: e.get(LINE) for e in entries if isinstance(e.get("id"), str)}
        for key, entries in raw.items()
    }
    _cross_check(knowledge, where, problems, lines)
    return knowledge, problems


def load_knowledge(directory: Path | str = DEFAULT_DIR) -> Knowledge:
    """Read the curated files; raise :class:`KnowledgeError` if any has an error."""
    knowledge, problems = read_knowledge(directory)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise KnowledgeError(errors)
    return knowledge
