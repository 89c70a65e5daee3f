# SYNTHETIC CORPUS GENERATOR — for benchmarks only.
#
# Every text this module writes is invented: the events, the quotations, the
# made-up people ("Minister of Trade Halvor Quennet"), places and organisations
# do not exist.  Curated actors from the knowledge files appear only as
# attendees, hosts or visitors ("met", "visited"); words are only ever put in
# the mouths of made-up people.  Every file name starts with, or contains,
# "synthetic-", and the corpus is never written into the project's seeds/.
"""A synthetic corpus of seeds in the real seed format, for benchmarks.

``python benchmarks/corpus.py --count 1000 --out DIR [--seed 0]`` writes
``count`` seed files into ``DIR``.  The same ``--seed`` (and the same curated
knowledge) always gives the same bytes, and document ``i`` does not depend on
``count``, so a corpus of 1,000 is the first 1,000 documents of one of 10,000.

The seeds vary the way real ones do: a title line, a sub-title line, then one
paragraph per line, or blank-line-separated blocks (some hard-wrapped); dates
given by a dateline, a publication line, a full date in the lede, a
``YYYY-MM-DD-`` file-name prefix, a YAML header ``date:``, or only by relative
expressions ("last June", "on the 30th"); curated persons with their role
titles, organisations and countries from :func:`build_tools.knowledge.load_knowledge`,
made-up people and organisations (with abbreviations defined in the text),
topic terms from the curated topics; and 300 to 1,500 words each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import string
import sys
import textwrap
from dataclasses import dataclass
from collections.abc import Sequence
from pathlib import Path

from build_tools.knowledge import DEFAULT_DIR, load_knowledge
from build_tools.model import Knowledge, Role

__all__ = ["Vocabulary", "generate", "synthetic_seed", "vocabulary"]

ROOT = Path(__file__).resolve().parent.parent
MARKER = "synthetic"
PUBLISHER = "Synthetic benchmark corpus (invented text)"
FIRST_DAY = dt.date(2017, 1, 1)
LAST_DAY = dt.date(2025, 6, 30)
MIN_WORDS, MAX_WORDS = 300, 1500
WRAP = 72
MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
MONTH_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June"]
MONTH_ABBR += ["July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
SHAPES = ("plain", "hubs")  # hubs: a few topics and actors in most documents, many dates
HUBS = 3  # with the hubs shape: topics, countries and persons that most documents name
HUB_SHARE = 0.8  # the chance of each hub in a document
HUB_DATED = (15, 40)  # with the hubs shape: extra dated sentences per document
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]

# Syllables for made-up names, places and organisations.
GIVEN = ["Halvor", "Ilsa", "Teodor", "Maren", "Casimir", "Oriane", "Jarek", "Liesel", "Anselm"]
GIVEN += ["Brisa", "Odran", "Talvi", "Ysolde", "Marek", "Sunniva", "Evander", "Noemi", "Rurik"]
SURNAME_HEADS = ["Quen", "Vall", "Ostr", "Brenn", "Mald", "Kers", "Thal", "Wyn", "Dorr", "Fenn"]
SURNAME_TAILS = ["et", "ova", "ander", "quist", "ello", "aris", "ington", "eau", "sky", "ine"]
PLACE_HEADS = ["Nord", "Vel", "Ash", "Carr", "Lum", "Tor", "Brae", "Sel", "Mar", "Wend"]
PLACE_TAILS = ["haven", "mora", "stead", "port", "vale", "grad", "holm", "ford", "mere", "wick"]
MADE_UP_OFFICES = [
    "Minister of Trade",
    "Minister of Fisheries",
    "Deputy Foreign Minister",
    "State Secretary for Energy",
    "Chief Negotiator",
    "Minister of Maritime Affairs",
    "Director of the Export Office",
    "Special Envoy for Water Security",
    "Governor of the Central Reserve",
]
ORG_ADJECTIVES = ["Coastal", "Northern", "Continental", "Joint", "Regional", "Allied", "Inland"]
ORG_FIELDS = ["Shipping", "Grain", "Energy", "Security", "Rail", "Fisheries", "Customs", "Water"]
ORG_HEADS = ["Council", "Authority", "Commission", "Forum", "Secretariat", "Board", "Agency"]
WIRES = ["Synthetic Wire", "Invented Press", "Placeholder News"]

# Sentence templates.  Curated people only meet, visit, host or attend ({P}, {p});
# only made-up people ({F}, {f}) and made-up organisations ({M}) say anything.
TEMPLATES = [
    "{P} met {F} in {city} {when}, and the two sides discussed {T} and {T2}.",
    "{P} visited {C} {when} for talks on {T}.",
    "{p} hosted a delegation from {C} to review progress on {T}.",
    "{P} attended the opening session, where {T} dominated the agenda.",
    '"We have made real progress on {T}," {F} told reporters in {city}.',
    '{F} said that {C} "will not accept any delay" on {T}.',
    "{M} said in a statement that talks on {T} would resume {future}.",
    '"{T_cap} cannot wait," {f} said, adding that {C2} had been invited to join.',
    "{C} and {C2} agreed to expand cooperation on {T} {when}.",
    "Officials from {C} described the talks on {T2} as constructive but unfinished.",
    "{f} is expected to travel to {city} {future} to follow up on {T}.",
    "The meeting is scheduled to be held {future}, according to {M}.",
    "{O} was represented at the talks, which also touched on {T2}.",
    "Analysts in {city} noted that {T} has featured in every round since {year}.",
    "It has been {n} years since the last comparable agreement on {T} was signed.",
    "Delegates from {C2} held separate talks on {T2} {when}.",
    "{M} published a {n}-page report on {T} {when}.",
    "The draft text, seen by {wire}, mentions {T} {n} times.",
    "{p} and {f} had spoken by telephone {when} about {T2}.",
    "A working group on {T} will report back {future}.",
    "{F} added that {M} would publish its findings {future}.",
    "Negotiators from {C} and {C2} met again {when}, {n} weeks after the first round.",
    "Observers from {O} attended as guests.",
    "The sides issued a short joint statement on {T} and {T2}.",
]
PAST_WHEN = [
    "yesterday",
    "on {weekday}",
    "last {month}",
    "earlier this month",
    "{number} days ago",
    "last week",
    "on the {ordinal}",
    "in {month} {year}",
    "on {month} {day}, {year}",
    "{number} years ago",
]
FUTURE_WHEN = ["tomorrow", "next week", "next {month}", "later this month", "on the {ordinal}"]
FUTURE_WHEN += ["on {month} {day}", "next year", "in {month} {next_year}"]


@dataclass(frozen=True)
class Person:
    name: str
    short: str
    roles: tuple[Role, ...]


@dataclass(frozen=True)
class Vocabulary:
    """What the generator draws on, taken from the curated knowledge."""

    persons: tuple[Person, ...]
    organisations: tuple[str, ...]
    countries: tuple[str, ...]
    capitals: tuple[str, ...]
    topics: tuple[tuple[str, tuple[str, ...]], ...]  # (label, terms)


def vocabulary(knowledge: Knowledge) -> Vocabulary:
    """The curated persons, organisations, countries and topic terms to draw from."""
    persons = tuple(
        Person(a.name, (a.weak_aliases or (a.name.split()[-1],))[0], a.roles)
        for a in knowledge.actors
        if a.kind == "person"
    )
    orgs = tuple(a.name for a in knowledge.actors if a.kind == "organization")
    countries = [a for a in knowledge.actors if a.kind == "country" and a.weak_aliases]
    countries = countries or [a for a in knowledge.actors if a.kind == "country"]
    capitals = tuple(w for a in countries for w in a.weak_aliases if " " not in w and w.istitle())
    topics = tuple((t.label, t.terms) for t in knowledge.topics if t.terms)
    return Vocabulary(persons, orgs, tuple(a.name for a in countries), capitals, topics)


# ---------------------------------------------------------------- made-up things


def _made_up_name(rng: random.Random) -> tuple[str, str]:
    surname = rng.choice(SURNAME_HEADS) + rng.choice(SURNAME_TAILS)
    return f"{rng.choice(GIVEN)} {surname}", surname


def _made_up_place(rng: random.Random) -> str:
    return rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)


def _made_up_org(rng: random.Random) -> tuple[str, str]:
    words = [rng.choice(ORG_ADJECTIVES), rng.choice(ORG_FIELDS), rng.choice(ORG_HEADS)]
    return " ".join(words), "".join(w[0] for w in words)


# ---------------------------------------------------------------- dates


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _long_date(day: dt.date, rng: random.Random) -> str:
    forms = [
        f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
        f"{day.day} {MONTHS[day.month - 1]} {day.year}",
        f"{MONTH_ABBR[day.month - 1]} {day.day}, {day.year}",
    ]
    return rng.choice(forms)


def _when(rng: random.Random, today: dt.date, future: bool) -> str:
    """A date expression for a day before (or after) ``today``, as news writes it."""
    days = rng.randint(1, 200) if future else -rng.randint(1, 400)
    other = today + dt.timedelta(days=days)
    return rng.choice(FUTURE_WHEN if future else PAST_WHEN).format(
        weekday=other.strftime("%A"),
        month=MONTHS[other.month - 1],
        day=other.day,
        year=other.year,
        next_year=today.year + 1,
        ordinal=_ordinal(other.day),
        number=rng.choice(NUMBER_WORDS),
    )


# ---------------------------------------------------------------- one document


@dataclass
class _Cast:
    """The actors of one document, and which have been named in full already."""

    rng: random.Random
    today: dt.date
    persons: list[tuple[str, str]]  # (title + name, short name)
    made_up: list[tuple[str, str]]
    orgs: list[str]
    made_up_orgs: list[tuple[str, str]]
    countries: list[str]
    cities: list[str]
    named: set[str]

    def first_or_short(self, full: str, short: str) -> str:
        if full in self.named:
            return short
        self.named.add(full)
        return full

    def org(self) -> str:
        name, abbr = self.rng.choice(self.made_up_orgs)
        if name in self.named:
            return f"the {abbr}"
        self.named.add(name)
        return f"the {name} ({abbr})"


def _hubs(rng: random.Random, items: Sequence, pool: list) -> list:
    """With the hubs shape: a few of the first ``HUBS`` items, put in front of ``pool``."""
    hubs = [h for h in items[:HUBS] if rng.random() < HUB_SHARE]
    return hubs + [p for p in pool if p not in hubs]


def _cast(rng: random.Random, vocab: Vocabulary, today: dt.date, hubs: bool = False) -> _Cast:
    iso = today.isoformat()
    in_office = [
        (f"{r.title} {p.name}", p.short) for p in vocab.persons for r in p.roles if r.held_on(iso)
    ]
    pool = in_office or [(p.name, p.short) for p in vocab.persons]
    persons = rng.sample(pool, min(len(pool), rng.randint(1, 4)))
    if hubs:
        persons = _hubs(rng, pool, persons)
    made_up = []
    for _ in range(rng.randint(1, 3)):
        name, surname = _made_up_name(rng)
        made_up.append((f"{rng.choice(MADE_UP_OFFICES)} {name}", surname))
    orgs = rng.sample(vocab.organisations, min(len(vocab.organisations), rng.randint(0, 2)))
    countries = rng.sample(vocab.countries, min(len(vocab.countries), rng.randint(2, 4)))
    if hubs:
        countries = _hubs(rng, vocab.countries, countries)
    cities = [_made_up_place(rng)] + rng.sample(vocab.capitals, min(len(vocab.capitals), 2))
    made_up_orgs = [_made_up_org(rng) for _ in range(rng.randint(1, 2))]
    return _Cast(rng, today, persons, made_up, orgs, made_up_orgs, countries, cities, set())


def _two(rng: random.Random, items: list[str]) -> tuple[str, str]:
    """Two different items when there are two to choose from."""
    first, second = rng.sample(items, 2) if len(items) > 1 else (items[0], items[0])
    return first, second


def _sentence(rng: random.Random, cast: _Cast, terms: list[str], wire: str) -> str:
    template = rng.choice(TEMPLATES)
    if "{O}" in template and not cast.orgs:
        template = template.replace("{O}", "{M_cap}")
    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    person = rng.choice(cast.persons) if cast.persons else rng.choice(cast.made_up)
    fake = rng.choice(cast.made_up)
    term, term2 = _two(rng, terms)
    country, country2 = _two(rng, cast.countries)
    org = cast.org() if fields & {"M", "M_cap"} else ""
    values = {
        "C": country,
        "C2": country2,
        "O": rng.choice(cast.orgs) if cast.orgs else "",
        "M": org,
        "M_cap": _capitalised(org),
        "T": term,
        "T2": term2,
        "T_cap": _capitalised(term),
        "city": rng.choice(cast.cities),
        "when": _when(rng, cast.today, False),
        "future": _when(rng, cast.today, True),
        "year": str(cast.today.year - rng.randint(2, 9)),
        "n": rng.choice(NUMBER_WORDS),
        "wire": wire,
    }
    # Names are given in full (with the title) the first time they are used.
    for key, actor in (("P", person), ("p", person), ("F", fake), ("f", fake)):
        if key in fields:
            values[key] = cast.first_or_short(*actor)
    return _capitalised(template.format(**values))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _paragraphs(rng: random.Random, cast: _Cast, terms: list[str], wire: str) -> list[str]:
    """Paragraphs of two to six sentences, MIN_WORDS to MAX_WORDS words in all."""
    target = rng.randint(MIN_WORDS, MAX_WORDS - 100)
    paragraphs: list[str] = []
    words = 0
    while words < target:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            sentence = _sentence(rng, cast, terms, wire)
            words += len(sentence.split())
            sentences.append(sentence)
        paragraphs.append(" ".join(sentences))
    return paragraphs


def _lay_out(rng: random.Random, subtitle: str, paragraphs: list[str]) -> str:
    """The sub-title and the body: one paragraph per line, or blank-line-separated blocks
    (some hard-wrapped), with a blank line after the sub-title."""
    style = rng.choices(["lines", "blocks", "wrapped"], weights=[6, 3, 1])[0]
    if style == "lines":
        return "\n".join([subtitle, *paragraphs]) + "\n"
    if style == "wrapped":
        paragraphs = [textwrap.fill(p, WRAP) for p in paragraphs]
    return "\n\n".join([subtitle, *paragraphs]) + "\n"


def _slug(text: str, words: int = 6) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:words])


def _dated(rng: random.Random, cast: _Cast, terms: list[str]) -> str:
    """A paragraph of sentences that each name a full date (the hubs shape)."""
    sentences = []
    for _ in range(rng.randint(*HUB_DATED)):
        day = cast.today - dt.timedelta(days=rng.randint(1, 900))
        country, country2 = _two(rng, cast.countries)
        sentences.append(
            f"{country} and {country2} met on {_long_date(day, rng)} to discuss {rng.choice(terms)}."
        )
    return " ".join(sentences)


def synthetic_seed(
    number: int, vocab: Vocabulary, seed: int = 0, shape: str = "plain"
) -> tuple[str, str]:
    """Document ``number`` of corpus ``seed`` in ``shape`` (see SHAPES): file name and text."""
    hubs = shape == "hubs"
    stream = f"{seed}:{number}" if not hubs else f"{seed}:{number}:hubs"
    rng = random.Random(f"policy-archive-synthetic:{stream}")
    today = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    cast = _cast(rng, vocab, today, hubs)
    chosen = rng.sample(vocab.topics, min(len(vocab.topics), rng.randint(2, 4)))
    if hubs:
        chosen = _hubs(rng, vocab.topics, chosen)[:5]
    terms = [t for _, ts in chosen for t in ts] or ["trade"]
    wire = rng.choice(WIRES)
    (country, country2), city = _two(rng, cast.countries), cast.cities[0]
    topic = chosen[0][0] if chosen else "Trade"
    title = rng.choice(
        [
            f"{country} and {country2} resume talks: {topic}",
            f"{cast.made_up[0][0]} outlines plans on {topic}",
            f"Delegations meet in {city} over {topic}",
            f"{topic}: new round of talks opens in {city}",
        ]
    )
    subtitle = rng.choice(
        [
            f"{_capitalised(rng.choice(terms))} on the agenda in {city}",
            f"Officials from {country} expected to attend",
            f"Talks on {rng.choice(terms)} to continue",
        ]
    )
    body = _paragraphs(rng, cast, terms, wire)
    if hubs:
        body.append(_dated(rng, cast, terms))
    style = rng.choices(
        ["dateline", "lede", "publication", "filename", "header", "undated"],
        weights=[25, 20, 10, 15, 15, 15],
    )[0]
    header, prefix = "", ""
    if style == "dateline":
        year = f", {today.year}" if rng.random() < 0.5 else ""
        when = f"{MONTH_ABBR[today.month - 1]} {today.day}{year}"
        body[0] = f"{city.upper()}, {when} ({wire}) -- {body[0]}"
    elif style == "lede":
        body[0] = f"On {_long_date(today, rng)}, {body[0][:1].lower()}{body[0][1:]}"
    elif style == "publication":
        body.insert(0, f"Published: {today.day} {MONTHS[today.month - 1]} {today.year}")
    elif style == "filename":
        prefix = f"{today.isoformat()}-"
    elif style == "header":
        header = f"---\ndate: {today.isoformat()}\npublisher: {PUBLISHER}\n---\n"
    name = f"{prefix}{MARKER}-{number:05d}-{_slug(title)}.txt"
    return name, header + title + "\n" + _lay_out(rng, subtitle, body)


# ---------------------------------------------------------------- the corpus


def generate(
    count: int, out: Path, vocab: Vocabulary, seed: int = 0, shape: str = "plain"
) -> list[Path]:
    """Write ``count`` synthetic seeds into ``out``; refuse the project's own seeds/."""
    out = Path(out).resolve()
    if out == ROOT / "seeds" or (ROOT / "seeds") in out.parents:
        raise ValueError(f"refusing to write a synthetic corpus into {out}")
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        name, text = synthetic_seed(number, vocab, seed, shape)
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="number of seeds to write")
    parser.add_argument("--out", required=True, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=0, help="corpus number (same seed, same text)")
    parser.add_argument("--shape", choices=SHAPES, default="plain", help="corpus shape")
    parser.add_argument("--knowledge", default=str(DEFAULT_DIR), help="curated YAML folder")
    args = parser.parse_args(argv)
    vocab = vocabulary(load_knowledge(args.knowledge))
    try:
        paths = generate(args.count, Path(args.out), vocab, args.seed, args.shape)
    except ValueError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(paths)} synthetic seeds to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
