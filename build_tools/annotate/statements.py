"""Annotator component: statements — who said what.

Runs after the actors component and reads its spans.  Each block is scanned
once for quotations (“ ” ‘ ’ « » 「 」 and straight double quotes; a quotation
of one style may hold quotations of the others; an opening mark at the start
of the next paragraph continues a quotation left open), then split into
sentences outside the quotations.  In each sentence the reporting cues of the
lexicon (``statement-cues-*``) are found outside quotations:

- a reported statement is the clause a cue introduces ("X said (that) ...",
  "X urged Y to ...", "according to X, ..."), up to the next cue of the
  sentence or its end; or the clause before it when the cue closes the
  sentence (", Xi said.");
- a quotation is a statement when a cue attributes it (", she said",
  "said: ", "calling them ...") or when it is a whole sentence; a quoted
  name (Title Case, followed by a title noun, or after "so-called") is not.

The speaker is looked for between the start of the clause and the cue: a
person named there (or by a surname of a person already named), else a role
("the Minister") held by exactly one person named before, else a pronoun
("he") pointing at the speaker or subject of the sentence before ("it" at
the organisation or country that spoke just before), else an unnamed
delegate's country ("Japan's representative", as UN meetings coverage
writes), else a government's country ("Myanmar's government"), else an
anonymous group ("officials"), else an organisation or country, unless the
subject names a person by a title or role ("the UN High Commissioner ...").
A body noun ("the ministry", "the company", "the Fund") is the one organisation
named before whose name it heads, and a noun any body goes by ("the
organisation", "the company") the one organisation named just before; an
unnamed spokesperson of an organisation speaks for it, of a person for nobody
("Lukashenko's spokesman"); of several holders of a role, the one the sentence
before opens with is meant.  Several members of a body ("four of the seven
commissioners"), a group led by someone, and a source the sentence says is
not named speak for nobody, and the statement is kept.  A name no actor holds ("Oxfam said") keeps its statement with
the speaker unknown, as does a country's name closing a longer one ("Fire and
Emergency New Zealand said") and a document that speaks ("the readout said") unless
the body that just spoke issued it.  A person's press office or press service
speaks for no one named; a description that does not fit the last speaker ("the
presidential spokesman" after a ministry's, "the two ministers") is not them.  A headline may name its source after a dash or before a
colon ("... — Foreign Ministry").  Anything else leaves the speaker unknown: a
statement is never given to the nearest name.  A quotation inside a quotation that a speaker named inside it
introduces is that speaker's too.  Clauses whose subject side is hypothetical ("are expected to say")
are not statements.  The work is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Document, Knowledge, Span, Statement
from .rulestore import compiled

__all__ = ["LISTS", "annotate", "find_quotes", "prepare"]

QUOTE_PAIRS = {
    "\u201c": "\u201d",
    "\u2018": "\u2019",
    "\u00ab": "\u00bb",
    "\u300c": "\u300d",
    '"': '"',
}
CLOSERS = '\u201d\u2019\u00bb\u300d"'
OPENERS = "".join(QUOTE_PAIRS)
TITLE_HEADS = "actor-title-heads"
ROLE_NOUNS = "actor-role-nouns"
NAME_VERBS = "actor-name-verbs"
# The lexicon lists this component reads (checked when the knowledge is loaded).
LISTS = (
    "statement-abbreviations",
    "statement-addressees",
    "statement-anonymity",
    "statement-clause-openers",
    "statement-collective-nouns",
    "statement-person-offices",
    "statement-document-subjects",
    "statement-anonymous",
    "statement-articles",
    "statement-body-nouns",
    "statement-body-synonyms",
    "statement-spokespersons",
    "statement-auxiliaries",
    "statement-body-pronouns",
    "statement-cue-adverbials",
    "statement-cues-addressed",
    "statement-cues-appeal",
    "statement-cues-bare",
    "statement-cues-quote",
    "statement-cues-reported",
    "statement-cues-source",
    "statement-delegates",
    "statement-first-person",
    "statement-generic-bodies",
    "statement-government-nouns",
    "statement-hedges",
    "statement-intros",
    "statement-passive-verbs",
    "statement-prepositions",
    "statement-pronouns",
    "statement-role-skip-words",
    "statement-role-synonyms",
    "statement-subject-fillers",
    "statement-subject-glue",
    "statement-subject-pronouns",
    "statement-title-markers",
    "statement-title-nouns",
    TITLE_HEADS,
    ROLE_NOUNS,
    NAME_VERBS,
)
MAX_HOLDERS = 8  # persons sharing a role word beyond which "the Minister" stays unknown
MAX_OPEN_PARAGRAPHS = 8  # how far a quotation without reopening marks may run
QUOTE_MARK_RE = re.compile("[" + re.escape(OPENERS + CLOSERS) + "]")
# A period ending one of these is not the end of a sentence ("U.S.", "Mr.", "Nov.").
ABBREVIATION_RE = re.compile(r"(?:\b[A-Z]\.)+$|\b([A-Z][a-z]{0,4})\.$")
SENTENCE_END_RE = re.compile(r"[.!?]+[\"\u201d\u2019\u00bb\u300d)]*\s+|[.!?]+$|:\s*$")
WORD_RE = re.compile(r"[\w'’.-]+")
CLAUSE_BREAK_RE = re.compile(r",\s+(?:and|while|whereas|but|as)\s+|;\s+")
# A dateline opening a story: "NEW DELHI, May 11, 1998 (Reuters) - ", "DAYTON, Ohio (AP) — ".
DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'’/ -]{2,40}(?:,[^—–()\n]{0,40}?)?"
    r"(?:\s*\([^)]{1,20}\)\s*(?:—|–|--|-)?|\s*(?:—|–|--|-))\s+"
)
# A relative clause closing a subject: "the representative of Ethiopia, which holds ...,".
RELATIVE_TAIL_RE = re.compile(r"^,\s*(?:which|who)\b[^,]*,?\s*$")
HEADLINES = frozenset({"title", "subtitle", "heading"})  # blocks read before the text names anyone
# A quotation inside a quotation: single marks in double ones, or double in single.
NESTED_OPENERS = ("'", "\u2018", "\u201c")
NESTED_RES = tuple(
    re.compile(rf"(?<![\w])({o})(?=\S)(.+?)(?<=\S){c}(?![\w])")
    for o, c in (("'", "'"), ("\u2018", "\u2019"), ("\u201c", "\u201d"))
)
# An actor's name followed by a lower-case noun modifies it ("the UN refugee agency").
ATTRIBUTIVE_RE = re.compile(r"\s+(?!(?:and|or|nor)\b)([a-z][\w-]*)(?:\s+[a-z][\w-]*){0,2},\s+")
# An apposition closing a subject, between commas: ", the ... of Y,".
APPOSITION_RE = re.compile(r",[^,;:\"\u201c\u201d]+,\s*")
# A person after "led by" or "headed by" (and a title) leads the subject, and is not it.
LED_BY_RE = re.compile(r"\b(?:led|headed|chaired)\s+by\s+[^,;:\"\u201c\u201d]{0,60}$")
# A capitalised word (not the subject's first) just before a country's name that
# closes the subject: the country ends a longer name ("Fire and Emergency New Zealand").
NAME_BEFORE_RE = re.compile(r"(?<![\w'’-])(?!(?:The|A|An|In|On|At)\s)[A-Z][\w'’&-]*\s+$")
MIN_WORDS = 4  # a reported clause shorter than this is not one ("said the same thing")
MAX_SPEAKER_WORDS = 14  # the longest speaker phrase between a quotation and its cue


@dataclass(frozen=True)
class Quote:
    block: int
    start: int  # first character inside the marks
    end: int  # first character after the inside, in the last block
    end_block: int
    text: str


@dataclass(frozen=True)
class Cues:
    pattern: re.Pattern  # every cue, the longest first
    kinds: dict[str, str]  # cue -> "reported" | "appeal" | "quote" | "source"
    hedges: frozenset[str]
    anonymous: frozenset[str]
    addressed: tuple[str, ...]  # cues whose addressee comes before the clause ("told")
    adverbials: frozenset[str]
    title_nouns: frozenset[str]
    title_markers: tuple[str, ...]
    intros: tuple[str, ...]
    bare: frozenset[str]
    first_person: frozenset[str]
    title_heads: frozenset[str]  # words that end a person's title ("President")
    prepositions: frozenset[str]  # an actor after one of these is not the speaker
    passive: frozenset[str]  # "was said": a cue after one of these reports nobody
    subject_glue: frozenset[str]  # small words inside a capitalised subject
    subject_fillers: frozenset[str]  # words skipped when reading a subject's head
    role_skip: frozenset[str]  # small words left out when matching a role
    articles: frozenset[str]  # capitalised words that open a subject but name nothing
    anonymity: tuple[str, ...]  # phrases saying the source is not named
    role_nouns: frozenset[str]  # nouns naming a person by role ("officer", "envoy")
    role_synonyms: tuple[str, ...]  # "premier|prime minister"
    addressees: frozenset[str]  # "told reporters ..."
    clause_openers: frozenset[str]  # words a reported clause opens with ("he", "the")
    delegates: frozenset[str]  # "the representative of X": X speaks
    articles_lower: frozenset[str] = frozenset()  # "the", "a", "an"
    # a pronoun ending a subject: group 1 a person's ("he"), group 2 a body's ("it")
    pronoun_re: re.Pattern = re.compile("(?!)")
    subject_pronouns: frozenset[str] = frozenset()  # "warned it would ...": a clause
    auxiliaries: frozenset[str] = frozenset()
    governments: frozenset[str] = frozenset()  # "Myanmar's government said": Myanmar
    countries: dict[str, str] = field(default_factory=dict)  # "Turkish" -> turkey
    body_nouns: frozenset[str] = frozenset()  # "the ministry said": a body named before
    spokespersons: frozenset[str] = frozenset()  # "a MOFCOM spokesperson": MOFCOM
    abbreviations: frozenset[str] = frozenset()  # "Mr.", "Gen.", "Nov.": no sentence end
    name_verbs: frozenset[str] = frozenset()  # "Expresses", "Welcomes": no one's name
    body_synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # company -> corp
    # "the organisation said": any body, the one this sentence or the one before named
    generic_bodies: frozenset[str] = frozenset()
    collective: frozenset[str] = frozenset()  # "four of the seven commissioners": several
    offices: frozenset[str] = frozenset()  # "Khan's press office said": not Khan
    documents: frozenset[str] = frozenset()  # "the readout said": kept, no speaker


def _synonyms(pairs) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for pair in pairs:
        noun, _, word = pair.partition("|")
        out[noun] = out.get(noun, ()) + (word,)
    return out


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def prepare(knowledge: Knowledge) -> Cues:
    """The cues and word sets of ``knowledge``'s lexicon, compiled."""
    lists = {name: tuple(knowledge.words(name)) for name in LISTS}

    kinds: dict[str, str] = {}
    for kind in ("source", "quote", "appeal", "reported"):  # the last one listed wins
        kinds.update(dict.fromkeys(lists.get(f"statement-cues-{kind}", ()), kind))
    words = _alternation(kinds) or "(?!)"
    return Cues(
        pattern=re.compile(rf"(?<![\w-])(?:{words})(?![\w-])"),
        kinds=kinds,
        hedges=frozenset(lists.get("statement-hedges", ())),
        addressed=tuple(lists.get("statement-cues-addressed", ())),
        anonymous=frozenset(lists.get("statement-anonymous", ())),
        adverbials=frozenset(lists.get("statement-cue-adverbials", ())),
        title_nouns=frozenset(w.lower() for w in lists.get("statement-title-nouns", ())),
        title_markers=tuple(w.lower() for w in lists.get("statement-title-markers", ())),
        intros=tuple(w.lower() for w in lists.get("statement-intros", ())),
        bare=frozenset(lists.get("statement-cues-bare", ())),
        first_person=frozenset(lists.get("statement-first-person", ())),
        title_heads=frozenset(w.lower() for w in lists.get(TITLE_HEADS, ())),
        prepositions=frozenset(lists.get("statement-prepositions", ())),
        passive=frozenset(lists.get("statement-passive-verbs", ())),
        subject_glue=frozenset(lists.get("statement-subject-glue", ())),
        subject_fillers=frozenset(lists.get("statement-subject-fillers", ())),
        role_skip=frozenset(lists.get("statement-role-skip-words", ())),
        articles=frozenset(lists.get("statement-articles", ())),
        anonymity=tuple(w.lower() for w in lists.get("statement-anonymity", ())),
        role_nouns=frozenset(w.lower() for w in lists.get(ROLE_NOUNS, ())),
        role_synonyms=tuple(w.lower() for w in lists.get("statement-role-synonyms", ())),
        addressees=frozenset(lists.get("statement-addressees", ())),
        clause_openers=frozenset(lists.get("statement-clause-openers", ())),
        delegates=frozenset(lists.get("statement-delegates", ())),
        articles_lower=frozenset(w.lower() for w in lists.get("statement-articles", ())),
        pronoun_re=re.compile(
            rf"(?:^|\s)(?:({_alternation(lists.get('statement-pronouns', ())) or '(?!)'})"
            rf"|({_alternation(lists.get('statement-body-pronouns', ())) or '(?!)'}))"
            r"(?:\s+\w+ly|\s+also)?\s*$"
        ),
        subject_pronouns=frozenset(lists.get("statement-subject-pronouns", ())),
        auxiliaries=frozenset(lists.get("statement-auxiliaries", ())),
        governments=frozenset(lists.get("statement-government-nouns", ())),
        body_nouns=frozenset(lists.get("statement-body-nouns", ())),
        generic_bodies=frozenset(lists.get("statement-generic-bodies", ())),
        collective=frozenset(lists.get("statement-collective-nouns", ())),
        offices=frozenset(lists.get("statement-person-offices", ())),
        documents=frozenset(lists.get("statement-document-subjects", ())),
        spokespersons=frozenset(lists.get("statement-spokespersons", ())),
        abbreviations=frozenset(lists.get("statement-abbreviations", ())),
        name_verbs=frozenset(lists.get(NAME_VERBS, ())),
        body_synonyms=_synonyms(lists.get("statement-body-synonyms", ())),
        countries={
            form: a.id
            for a in knowledge.actors
            if a.kind == "country"
            for form in (a.name, *a.aliases)
        },
    )


# ------------------------------------------------------------------ quotations


def _is_opener(text: str, i: int) -> bool:
    ch = text[i]
    if ch == '"':
        return i == 0 or text[i - 1].isspace() or text[i - 1] in "([\u2014\u2013-" + OPENERS
    if ch == "\u2018":  # ‘ also opens; ’ after a letter is an apostrophe
        return True
    return ch in QUOTE_PAIRS


def _is_closer(text: str, i: int, closer: str) -> bool:
    if text[i] != closer:
        return False
    if closer == "\u2019":  # an apostrophe inside a word does not close
        return i + 1 >= len(text) or not text[i + 1].isalpha()
    return True


def find_quotes(blocks: list[str]) -> list[Quote]:
    """The outermost quotations of every block, in order; one quotation mark at a time."""
    quotes: list[Quote] = []
    open_at: tuple[int, int, str] | None = None  # (block, start, closer)
    for b, text in enumerate(blocks):
        i = 0
        continued = open_at and (text[:1] in OPENERS or _closes_later(blocks, b, open_at[2]))
        if open_at and not continued:
            # the quotation left open ends with its paragraph
            ob, os_, _ = open_at
            quotes.append(_quote(blocks, ob, os_, ob, len(blocks[ob])))
            open_at = None
        elif open_at and text[:1] in OPENERS:
            i = 1  # the opening mark that continues the quotation
        for m in QUOTE_MARK_RE.finditer(text, i):
            i = m.start()
            if open_at is None:
                if text[i] in OPENERS and _is_opener(text, i):
                    open_at = (b, i + 1, QUOTE_PAIRS[text[i]])
            elif _is_closer(text, i, open_at[2]):
                quotes.append(_quote(blocks, open_at[0], open_at[1], b, i))
                open_at = None
    if open_at:
        ob, os_, _ = open_at
        quotes.append(_quote(blocks, ob, os_, ob, len(blocks[ob])))
    return quotes


def _closes_later(blocks: list[str], b: int, closer: str) -> bool:
    """True when a quotation left open before paragraph ``b`` is closed in one
    of the next few paragraphs, with no other quotation mark before its close."""
    for text in blocks[b : b + MAX_OPEN_PARAGRAPHS]:
        m = QUOTE_MARK_RE.search(text)
        if m:
            i = m.start()
            return _is_closer(text, i, closer) and not (closer == '"' and _is_opener(text, i))
    return False


def _quote(blocks: list[str], b: int, start: int, end_block: int, end: int) -> Quote:
    if end_block == b:
        text = blocks[b][start:end]
    else:
        parts = [blocks[b][start:]] + blocks[b + 1 : end_block] + [blocks[end_block][:end]]
        text = "\n".join(parts)
    return Quote(b, start, end, end_block, text)


# ------------------------------------------------------------------- sentences


def _sentences(
    text: str,
    inside: list[tuple[int, int]],
    cue_starts: tuple[int, ...] = (),
    abbreviations: frozenset[str] = frozenset(),
) -> list[tuple[int, int]]:
    """Sentence (start, end) pairs of a block; no break inside a quotation, nor
    after one closing on "!" or "?" that its speaker and cue follow ("...!" X said.)."""
    out, start, q = [], 0, 0
    for m in SENTENCE_END_RE.finditer(text):
        while q < len(inside) and inside[q][1] < m.end() - 1:
            q += 1
        if q < len(inside) and inside[q][0] <= m.end() - 1 < inside[q][1]:
            continue
        if m.group()[:1] in "!?" and m.group().rstrip()[-1:] in CLOSERS:
            tail = SENTENCE_END_RE.search(text, m.end())
            stop = tail.start() if tail else len(text)
            if any(m.end() <= c < stop for c in cue_starts) and (
                len(text[m.end() : stop].split()) <= MAX_SPEAKER_WORDS
            ):
                continue
        if m.group().startswith("."):
            abbr = ABBREVIATION_RE.search(text[start : m.start() + 1])
            if abbr and (not abbr.group(1) or abbr.group(1) in abbreviations):
                continue  # "U.S.", "Mr.", "Nov.": not "Asia."
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


# ------------------------------------------------------------------- speakers


@dataclass
class _Context:
    knowledge: Knowledge
    cues: Cues
    roles: dict[str, tuple[str, ...]]  # person id -> role titles in this document
    named: dict[str, None]  # persons named so far, in order
    tokens: dict[str, set[str]]  # name word -> persons named so far
    orgs: dict[str, str] = field(default_factory=dict)  # organisations named so far -> name
    # every organisation of the document -> its name and the forms the text gives it
    org_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    role_words: dict[str, dict[str, None]] = field(default_factory=dict)  # word -> persons
    org_words: dict[str, dict[str, None]] = field(default_factory=dict)  # word -> organisations
    # in a headline, the name words of every person of the document ("..., says Najib")
    ahead: dict[str, set[str]] | None = None
    last_speaker: str | None = None
    last_speaker_sentence: int = -10
    # sentence number -> (text, spans, lo, hi), for finding its subject when asked
    sentences: dict[int, tuple] = field(default_factory=dict)

    def subject(self, n: int, sole: bool = False) -> str | None:
        """The person sentence ``n`` opens with, by name or by role; with
        ``sole``, nobody when it opens with several ("X and Y met ...")."""
        if n not in self.sentences:
            return None
        text, here, lo, hi = self.sentences[n]
        lo = _subject_start(self.cues, text, lo, hi)
        end = _subject_region(self.cues, text, lo, hi)
        people = [s.target for s in here if s.target in self.roles and lo <= s.start < end]
        if not people:  # "Argentina's economy minister, Domingo Cavallo, ruled out ..."
            m = re.match(r"[^,;:\"\u201c\u201d]{1,80},\s*", text[lo:hi])
            after = lo + m.end() if m else -1
            people = [
                s.target
                for s in here
                if s.start == after and s.target in self.roles and text[s.end : s.end + 1] == ","
            ]
        if sole and len(set(people)) > 1:
            return None
        return people[0] if people else _role_subject(self, text, here, lo, hi)


def _words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def _person_tokens(name: str) -> list[str]:
    return [w for w in re.split(r"[\s-]+", name) if w[:1].isupper() and len(w) > 1]


def _speaker(
    ctx: _Context, text: str, spans: list[Span], lo: int, hi: int, sentence: int
) -> tuple[str | None, str | None, bool]:
    """(actor id, label, found) for the speaker named in ``text[lo:hi]``."""
    region = text[lo:hi]
    relative = re.search(r"(?:^|,\s*)(?:which|who|whom|that)\s*$", region)
    if relative:  # "..., which said": the actor just before
        ante = [s for s in spans if s.end <= lo + relative.start() + 1 and s.end >= lo - 40]
        if ante and ctx.knowledge.actor(ante[-1].target) or ante and ante[-1].target in ctx.roles:
            return ante[-1].target, None, True
        return None, None, False
    pronoun = _pronoun(ctx, region, sentence)
    if pronoun is not None:
        return pronoun
    inside = [s for s in spans if lo <= s.start and s.end <= hi]
    delegate = _delegate(ctx, text, inside, lo, hi)
    if delegate:
        return delegate, None, True
    body = _spokesperson_body(ctx, text, inside, lo, hi)
    if body:
        return body, None, True
    aide = re.match(
        r"\s*(?:[Aa]n?|[Oo]ne)\s+(?:[\w'’.-]+\s+){0,3}?([\w-]+)\s+(?:for|to|of)\s", region
    )
    if aide and _person_noun(ctx, aide.group(1)):
        return None, region.strip(" ,"), True  # "a spokesman for X": not X
    people, others, owned, led, ends_name = [], [], [], False, False
    for s in inside:
        before = text[lo : s.start].rstrip().rsplit(None, 1)
        prev = before[-1].lower() if before else ""
        next_to_cue = not text[s.end : hi].strip()
        paren = text[lo : s.start].count("(") > text[lo : s.start].count(")")
        if (prev in ctx.cues.prepositions and not next_to_cue) or paren:
            continue
        if LED_BY_RE.search(text, lo, s.start):
            led = True
            continue  # "four of the commissioners, led by vice-chairperson X, told"
        opener = re.match(
            r"\s*([\w'’-]+)", text[max(lo, text.rfind(",", lo, s.start) + 1) : s.start]
        )
        later = text.find(",", s.end, hi)
        if (
            opener
            and opener.group(1).lower() in ctx.cues.prepositions
            and later != -1
            and text[later + 1 : hi].strip()
        ):
            continue  # "..., during talks with Minister X, the President said"
        surface = text[s.start : s.end]
        if (
            len(surface) > 4
            and surface.isupper()
            and text[s.end : s.end + 1] in ",("
            and not text[lo : s.start].strip(" ,")
        ):
            continue  # a dateline: "TAIPEI, 23 May"
        actor = ctx.knowledge.actor(s.target)
        kind = actor.kind if actor else ("person" if s.target in ctx.roles else "other")
        before_name = NAME_BEFORE_RE.search(text, lo, s.start) if kind == "country" else None
        if before_name and next_to_cue and text[lo : before_name.start()].strip(" ,"):
            if not any(o.end <= s.start and not text[o.end : s.start].strip() for o in inside):
                ends_name = True  # "Fire and Emergency New Zealand said": not New Zealand
                continue
        possessive = text[s.end : s.end + 2] in ("'s", "\u2019s") or (
            surface.endswith("s") and text[s.end : s.end + 1] in "'\u2019"
        )  # "the United Nations' top official"
        if (
            kind == "person"
            and possessive
            and any(
                _person_noun(ctx, w) or w.lower() in ctx.cues.offices
                for w in _words(text[s.end + 2 : hi])[:3]
            )
        ):
            owned.append(s)  # "Lukashenko's spokesman said", "Khan's press office": not him
        elif kind == "person":
            people.append(s)
        elif not possessive:
            others.append(s)
    covered = [(s.start, s.end) for s in inside]
    for m in re.finditer(r"\b[A-Z][\w-]+", region):
        a, b = lo + m.start(), lo + m.end()
        if any(x <= a < y for x, y in covered):
            continue
        owners = (ctx.ahead or ctx.tokens).get(m.group(), set())
        if len(owners) == 1:
            people.append(Span(-1, a, b, "actor", next(iter(owners))))
    people.sort(key=lambda s: s.start)
    if people:
        return _one(text, people, region, hi)
    if owned and not others:
        return None, region.strip(" ,"), True
    if ends_name and not others:
        return None, region.strip(" ,"), True
    words = _words(region)
    tail = " ".join(words[-3:])
    role = _role(ctx, text, inside, lo, hi, sentence)
    if role is not None:
        return role
    government = _government(ctx, text, inside, lo, hi, sentence)
    if government:
        return government, None, True
    heads = [w for w in words if w.lower() not in ctx.cues.subject_fillers]
    if heads and (heads[-1] in ctx.cues.anonymous or set(heads[:4]) & ctx.cues.anonymous):
        return None, " ".join(heads[-4:]), True
    if any(w in ctx.cues.collective for w in heads[:6]) and " of " in region:
        return None, region.strip(" ,"), True  # "four of the seven commissioners": several
    titled = _titled_subject(ctx, text, inside, lo, hi) if others else None
    if titled:
        return None, titled, True  # "the UN High Commissioner X said": not the UN
    if others:
        if re.search(r"\sand\s+(?:the\s+)?$", text[lo : others[0].start]):
            return None, region.strip(" ,."), True  # "the two countries and the United States"
        m = ATTRIBUTIVE_RE.match(text, others[0].end, hi)
        if m and m.group(1) not in ctx.cues.prepositions:  # "The UN refugee agency, UNHCR,"
            others = [o for o in others if o.start >= m.end()] or others
        if len(others) > 1 and not text[others[0].end : others[1].start].strip():
            first = ctx.knowledge.actor(others[0].target)
            if first and first.kind == "country":  # "The United States State Department"
                others = others[1:]
        return _one(text, others, region)
    if led:  # "The opposition, led by X, said": a group, not X
        return None, region.strip(" ,"), True
    name = _unknown_name(ctx, text, lo, hi)
    if name:
        return None, name, True  # "Oxfam said", "ByteDance, the owner of TikTok, said"
    if words and words[-1].lower() in ctx.cues.documents and len(words) <= 4:
        last = ctx.last_speaker  # "the White House said ... The readout said": its own
        if last in ctx.org_names and ctx.last_speaker_sentence >= sentence - 1:
            return last, None, True
        return None, region.strip(" ,"), True  # "The readout said": a document, no speaker
    return None, tail or None, False


def _unknown_name(ctx: _Context, text: str, lo: int, hi: int) -> str:
    """A subject that is a name no actor holds, alone or with an apposition
    ("Oxfam", "ByteDance, the owner of TikTok,"): a speaker left unknown, the
    statement kept.  Empty for anything else."""
    start = _past_dateline(text, lo, hi)
    m = re.fullmatch(
        r"\s*([A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})\s*"
        r"(?:,\s*(?:the|an?|which|who)\s[^,;:\"\u201c\u201d]{1,60},\s*)?",
        text[start:hi],
    )
    if not m:
        return ""
    first, name = m.group(1).split()[0], m.group(1)
    if name.isupper() or " " not in name and name.lower() in ctx.cues.name_verbs:
        return ""  # an acronym no actor holds; a communiqué's "7. Expresses ..."
    if (
        first in ctx.cues.articles
        or first in ctx.cues.first_person
        or first.lower() in ctx.cues.kinds
    ):
        return ""
    if ctx.cues.pronoun_re.search(" " + m.group(1)) or first in ctx.cues.anonymous:
        return ""
    return m.group(1)


def _spokesperson_body(ctx: _Context, text: str, inside: list[Span], lo: int, hi: int):
    """The organisation an unnamed spokesperson speaks for: "a spokeswoman for
    Sony Corp", "a MOFCOM spokesperson", "a Foreign Office spokesperson" (a
    spokesperson for a person speaks for nobody)."""
    region = text[lo:hi]
    if not any(n in region for n in ctx.cues.spokespersons):
        return None
    for s in inside:
        if ctx.org_names.get(s.target) is None:
            continue
        before, after = text[lo : s.start], text[s.end : hi]
        m = re.fullmatch(r"\s*(?:[Aa]n?|[Tt]he)\s+(\w+)\s+(?:for|of)\s+(?:the\s+)?", before)
        if m and m.group(1) in ctx.cues.spokespersons and not after.strip(" ,"):
            return s.target
        m = re.fullmatch(r"\s*(?:[Aa]n?|[Tt]he)\s+", before)
        if (
            m
            and re.fullmatch(r"\s+(\w+)[\s,]*", after)
            and after.split()[0] in ctx.cues.spokespersons
        ):
            return s.target
    return None


def _government(ctx: _Context, text: str, inside: list[Span], lo: int, hi: int, sentence: int):
    """The country whose government a subject names: "Myanmar's government";
    "the government" in a sentence whose speaker so far holds a title naming
    one country ("Turkish President X vowed ..., as the government said ...")."""
    m = re.search(r"(?:^|\s)(?:([Tt]he)|\S+?(['’]s?))\s+([a-z]+)\s*$", text[lo:hi])
    if not m or m.group(3) not in ctx.cues.governments:
        return None
    if m.group(2):
        end = lo + m.start(2)
        owner = [s.target for s in inside if s.end == end]
        actor = ctx.knowledge.actor(owner[0]) if owner else None
        return actor.id if actor and actor.kind == "country" else None
    speaker = ctx.last_speaker if ctx.last_speaker_sentence == sentence else None
    countries = {
        c for title in ctx.roles.get(speaker, ()) for c in _countries_named(ctx.cues, title)
    }
    return countries.pop() if len(countries) == 1 else None


def _countries_named(cues: Cues, title: str) -> set[str]:
    """The countries a title names by name or adjective ("Turkish President")."""
    words = _words(title)
    found = set()
    for i in range(len(words)):
        for j in range(i + 1, min(i + 4, len(words)) + 1):
            country = cues.countries.get(" ".join(words[i:j]))
            if country:
                found.add(country)
    return found


def _delegate(ctx: _Context, text: str, inside: list[Span], lo: int, hi: int) -> str | None:
    """The country or body an unnamed delegate speaks for, as UN meetings
    coverage writes them: "the representative of Ethiopia, which holds ...,",
    "Japan's representative", "the speaker for the European Union"."""
    nouns = ctx.cues.delegates
    if not any(n in text[lo:hi] for n in nouns):
        return None
    for s in inside:
        actor = ctx.knowledge.actor(s.target)
        if not actor or actor.kind not in ("country", "organization"):
            continue
        rest = RELATIVE_TAIL_RE.sub("", text[s.end : hi])
        m = re.search(
            r"(?:^|\s)(?i:the|an?)\s+([a-z]+)\s+(?:of|for|from)\s+(?:the\s+)?$", text[lo : s.start]
        )
        if m and m.group(1) in nouns and not rest.strip():
            return s.target
        m = re.fullmatch(r"(?:['’]s?)?\s+([a-z]+)\s*", rest)
        if m and m.group(1) in nouns:
            return s.target
    return None


def _titled_subject(ctx: _Context, text: str, inside: list[Span], lo: int, hi: int) -> str:
    """The phrase naming a person by a title or role, unnamed or by a name not
    recognised ("the UN High Commissioner for Human Rights X Y", "the Foreign
    Ministry spokesman"), when the subject holds one: the body in the title is
    not the speaker.  Empty when there is none."""
    words = list(re.finditer(r"[\w'’.-]+", text[lo:hi]))
    for i, m in enumerate(words):
        at = lo + m.start()
        if any(s.start <= at < s.end for s in inside) or not _person_noun(ctx, m.group()):
            continue
        after = words[i + 1].group() if i + 1 < len(words) else ""
        if after and after[:1].islower() and after not in ctx.cues.prepositions:
            continue  # a modifier, not a head ("national" of "national security")
        start = _past_dateline(text, lo, hi)
        for w in reversed(words[:i]):
            if lo + w.start() < start:
                break
            if w.group().lower() in ctx.cues.articles_lower:
                start = lo + w.start()
                break
        phrase = text[start:hi].strip(" ,")
        if len(phrase.split()) > MAX_SPEAKER_WORDS:
            phrase = text[start : lo + m.end()]
        return phrase
    return ""


def _person_noun(ctx: _Context, word: str) -> bool:
    """True for a noun naming a person by office or role ("spokesman", "aide")."""
    return word.lower() in ctx.cues.role_nouns or word.lower() in ctx.cues.title_heads


def _pronoun(ctx: _Context, region: str, sentence: int):
    """A pronoun just before the cue: the last speaker of this sentence, else
    the person this sentence opens with, else the last speaker or the subject
    of the sentence before; an honorific ("His Excellency") points at the last
    speaker however far back."""
    m = ctx.cues.pronoun_re.search(region)
    if m and m.group(1):
        if ctx.last_speaker and ctx.last_speaker_sentence == sentence:
            return ctx.last_speaker, None, True
        here = ctx.subject(sentence)
        if here:
            return here, None, True
        honorific = " " in m.group(1)
        if ctx.last_speaker and (honorific or ctx.last_speaker_sentence == sentence - 1):
            return ctx.last_speaker, None, True
        subject = ctx.subject(sentence - 1)
        return subject, None if subject else m.group(1), True
    if m:  # "it"
        last = ctx.last_speaker
        if last and last not in ctx.roles and ctx.last_speaker_sentence >= sentence - 1:
            return last, None, True  # "The BOJ said ... It warned ...": the body
        return None, None, False
    return None


def _one(text: str, found: list[Span], region: str, hi: int | None = None):
    """The first actor of a subject, or nobody for "X and Y said"; an actor
    inside an apposition of the first ("X, who ... and later backed Y, said")
    is no second speaker."""
    ids = list(dict.fromkeys(s.target for s in found))
    if hi is not None and len(ids) > 1 and APPOSITION_RE.fullmatch(text, found[0].end, hi):
        return ids[0], None, True
    if len(ids) > 1 and " and " in text[found[0].end : found[-1].start]:
        return None, region.strip(" ,"), True
    return ids[0], None, True


def _role(ctx: _Context, text: str, inside: list[Span], lo: int, hi: int, sentence=None):
    """A role phrase ending the region ("the Prime Minister", "the premier")
    held by one person named; a description of a person no one named holds
    ("the assistant secretary of state") is the speaker of the sentence before."""
    region = text[lo:hi] + " "  # the role may end the region: "..., said the minister"
    m = re.search(
        r"(?:^|\s)(?:[Tt]he|[Hh]is|[Hh]er)\s+((?:[A-Z][\w.'’-]*\s+(?:of\s+|for\s+)?)+)$", region
    )
    lower = False
    if not m:
        m = re.search(r"(?:^|\s)(?:[Tt]he|[Hh]is|[Hh]er)\s+((?:[\w.'’-]+\s+){1,6})$", region)
        lower = True
    if not m:
        return None
    a = lo + m.start(1)
    words = [
        w.lower()
        for w in _words(text[a:hi])
        if w.lower() not in ctx.cues.role_skip
        and not any(s.start <= a + text[a:hi].find(w) < s.end for s in inside)
    ]
    if not words:
        return None
    fits = []
    for variant in _role_variants(ctx, words):
        fits = [
            pid
            for pid in _holders(ctx.role_words, variant)
            if any(all(w in _words(r.lower()) for w in variant) for r in ctx.roles.get(pid, ()))
        ]
        if len(fits) > 1:  # the one the text spoke of just before, else the one whose
            # title starts so ("the Secretary": "Secretary of State")
            fits = (_antecedent(ctx, fits, sentence) if sentence is not None else []) or [
                pid for pid in fits if any(_title_starts(r, variant) for r in ctx.roles[pid])
            ]
        if fits:
            break
    # the head noun: before a complement ("secretary" of "the assistant secretary of state")
    head = _words(re.split(r"\s(?:of|for|to)\s", text[a:hi].lower())[0])[-1]
    if not fits and not lower:
        fits = _headed(ctx, _holders(ctx.org_words, words), head)
    elif not fits and head in ctx.cues.body_nouns and len(words) <= 2:
        if text[lo : lo + m.start()].rsplit(",", 1)[-1].strip():
            return None  # "a source at the ministry": not the ministry
        fits = _body(ctx, words, head, sentence)
        if not fits and head in ctx.cues.generic_bodies and sentence is not None:
            fits = _generic_body(ctx, sentence, lo + m.start())
    if len(fits) == 1:
        return fits[0], None, True
    person_title = head in ctx.cues.title_heads or head in ctx.cues.role_nouns
    phrase = text[lo + m.start() : hi].strip()
    if not fits and person_title and sentence is not None:
        last = _described_last_speaker(ctx, text, inside, a, hi, sentence)
        if last:
            return last, None, True
    if lower:  # "the minister": unknown when no one or several hold it, never dropped
        return (None, phrase, True) if person_title or head in ctx.cues.body_nouns else None
    if not fits and not person_title and any(lo + m.start() <= s.start for s in inside):
        return None  # "The Israeli Government": let the actor named in it speak
    return None, phrase, True


def _antecedent(ctx: _Context, fits: list[str], sentence: int) -> list[str]:
    """Of several persons holding a role, the one the sentence before opens
    with, else the one who spoke in this sentence or the one before."""
    subject = ctx.subject(sentence - 1, sole=True)
    if subject in fits:
        return [subject]
    if ctx.last_speaker in fits and ctx.last_speaker_sentence >= sentence - 1:
        return [ctx.last_speaker]
    return []


def _body(ctx: _Context, words: list[str], head: str, sentence) -> list[str]:
    """The organisations named so far that "the ministry", "the company" or
    "the central bank" may be: those whose name holds the words (or, for the
    head, a synonym: "Corp" for "company"); of several, the one that spoke in
    this sentence or the one before, else the only one the sentence before names."""
    fits: dict[str, None] = {}
    for word in (head, *ctx.cues.body_synonyms.get(head, ())):
        for oid in _holders(ctx.org_words, [word if w == head else w for w in words]):
            fits[oid] = None
    found = _headed(ctx, list(fits), head)
    if len(found) > 1 and sentence is not None:
        last = ctx.last_speaker
        if last in fits and ctx.last_speaker_sentence >= sentence - 1:
            return [last]
        prev = ctx.sentences.get(sentence - 1)
        named = list(dict.fromkeys(s.target for s in prev[1] if s.target in found)) if prev else []
        return named if len(named) == 1 else found  # the one the sentence before names
    return found


def _generic_body(ctx: _Context, sentence: int, before: int) -> list[str]:
    """The organisation "the organisation", "the company" or "the group" may
    be when no name holds the noun: the one this sentence names before it
    ("An ICRC plane landed ..., but the organisation said"), else the one that
    spoke in this sentence or the one before, else the one the sentence before
    names; one only, or none."""
    here = ctx.sentences.get(sentence)
    named = list(
        dict.fromkeys(s.target for s in here[1] if s.end <= before and s.target in ctx.org_names)
        if here
        else ()
    )
    if len(named) == 1:
        return named
    if named:
        return []
    last = ctx.last_speaker
    if last in ctx.org_names and ctx.last_speaker_sentence >= sentence - 1:
        return [last]
    prev = ctx.sentences.get(sentence - 1)
    named = (
        list(dict.fromkeys(s.target for s in prev[1] if s.target in ctx.org_names)) if prev else []
    )
    return named if len(named) == 1 else []


def _headed(ctx: _Context, found: list[str], head: str) -> list[str]:
    """Of several organisations holding a noun, those whose name it heads
    ("the Fund": the International Monetary Fund, not the Extended Fund
    Facility); all of them when none or every one does."""
    if len(found) < 2:
        return found
    headed = []
    for oid in found:
        for name in ctx.org_names.get(oid, ()):
            words = [w.strip(".").lower() for w in _words(name)]
            at = [i for i, w in enumerate(words) if w == head]
            if any(i == len(words) - 1 or words[i + 1] in ("of", "for") for i in at):
                headed.append(oid)
                break
    return headed or found


def _role_variants(ctx: _Context, words: list[str]) -> list[list[str]]:
    """The role words, then the same with a synonym ("premier": "prime minister")."""
    variants = [words]
    joined = " ".join(words)
    for pair in ctx.cues.role_synonyms:
        short, _, long = pair.partition("|")
        if re.search(rf"(?<!\S){re.escape(short)}(?!\S)", joined):
            variants.append(re.sub(rf"(?<!\S){re.escape(short)}(?!\S)", long, joined).split())
    return variants


def _described_last_speaker(ctx: _Context, text, inside, a, hi, sentence) -> str | None:
    """The speaker of this sentence or the one before, when a description
    ("the French leader") names no one else: its country must be in their titles."""
    if not ctx.last_speaker or ctx.last_speaker_sentence < sentence - 1:
        return None
    if ctx.last_speaker not in ctx.roles:
        return None
    titles = " ".join(ctx.roles[ctx.last_speaker])
    for s in inside:
        if a <= s.start < hi and text[s.start : s.end] not in titles:
            return None  # "the Russian envoy" after a Frenchman spoke
    held = set(_words(titles.lower()))
    named = [(s.start, s.end) for s in inside]
    words = [
        m.group().lower()
        for m in WORD_RE.finditer(text, a, hi)
        if not any(x <= m.start() < y for x, y in named)
    ]
    if words and words[-1] in ctx.cues.collective:
        return None  # "the two ministers": several, not the one before
    if words and words[-1] in held and any(w not in held for w in words[:-1]):
        return None  # "the presidential spokesman" after the Foreign Ministry's spoke
    return ctx.last_speaker


# ------------------------------------------------------------------ statements


def _hedged(ctx: _Context, region: str) -> bool:
    return any(w in ctx.cues.hedges for w in _words(region))


def _clause_start(text: str, lo: int, cue_at: int) -> int:
    start = lo
    for m in CLAUSE_BREAK_RE.finditer(text, lo, cue_at):
        start = m.end()
    return start


def _reported_start(ctx: _Context, text: str, pos: int, end: int, cue: str) -> int | None:
    """Where the reported clause after a cue begins, or None when there is none."""
    rest = text[pos:end]
    m = re.match(r"\s*", rest)
    i = m.end()
    if cue.startswith(
        ctx.cues.addressed
    ):  # "telling Moon he would ...", "told reporters the talks ..."
        m = re.match(r"(?:[A-Z][\w'’.-]*|(\w+))\s+(?=(\w+)\s)", rest[i:])
        if m and (not m.group(1) or m.group(1) in ctx.cues.addressees):
            if m.group(2) in ctx.cues.clause_openers:
                return pos + i + m.end()
    words = re.match(r"((?:[\w'’.,-]+\s+){0,9}?)that\s+", rest[i:])
    first = (words.group(1).split() or [""])[0].lower() if words else ""
    if (
        words
        and not re.search(r"[\"\u201c\u201d]", words.group(1))
        and ("," not in words.group(1) or first in ctx.cues.adverbials)
    ):
        if cue.startswith(ctx.cues.addressed) or not words.group(1) or first in ctx.cues.adverbials:
            return pos + i + words.end()
    clause = re.match(r"(\w+)\s+(\w+)\s", rest[i:])
    if (
        clause
        and clause.group(1) in ctx.cues.subject_pronouns
        and clause.group(2) in ctx.cues.auxiliaries
    ):
        return pos + i  # "warned it would ...", "vowed they will ...": a clause without "that"
    if cue not in ctx.cues.bare or rest[i : i + 1] in ":,":
        return None
    return pos + i


def _clause_end(text: str, start: int, end: int, cue_starts: list[int]) -> int:
    stop = end
    for c in cue_starts:
        if start < c < stop:
            m = re.search(
                r"(?:,[\"\u201d\u2019]?\s*(?:and\s+)?|\s+and\s+)(?:also\s+)?$"
                r"|,[\"\u201d\u2019]?\s+as\s+(?:[\w'’.-]+\s+){1,5}$",  # ", as the government said"
                text[start:c],
            )
            if m:
                stop = start + m.start()
                break
    colon = re.search(r":\s*[" + re.escape(OPENERS) + "]", text[start:stop])
    if colon:
        stop = start + colon.start()
    acc = re.search(r",\s+according to\b", text[start:stop])
    if acc:
        stop = start + acc.start()
    while stop > start and text[stop - 1] in " .,;:\n":
        stop -= 1
    return stop


def _trim(text: str, start: int, stop: int) -> int:
    while stop > start and text[stop - 1] in " .,;:\n":
        stop -= 1
    return stop


def _is_title(ctx: _Context, text: str, q: Quote) -> bool:
    inner = q.text.strip()
    before = text[: q.start - 1].rstrip().lower()
    after = re.match(
        r"[\s\"\u201d\u2019\u00bb\u300d]*([\w-]+)", text[q.end :] if q.end_block == q.block else ""
    )
    if after and after.group(1).lower() in ctx.cues.title_nouns:
        return True
    if any(before.endswith(m) for m in ctx.cues.title_markers):
        return True
    if before.endswith("("):
        return True
    words = [w for w in _words(inner) if len(w) > 3]
    if not words:
        return True  # "2+2"
    return (
        bool(words)
        and all(w[:1].isupper() for w in words)
        and not inner.endswith((".", "!", "?", ","))
    )


def _sentence_like(q: Quote) -> bool:
    inner = q.text.strip()
    return inner[:1].isupper() and len(inner.split()) >= 4 and inner[-1:] in ".!?,"


def _whole_sentence(q: Quote, text: str, lo: int, hi: int) -> bool:
    """A short quotation that is a sentence of its own, marks and all, after
    another ('"We are all here," he said. "Enough is enough."')."""
    inner = q.text.strip()
    outside = text[lo : max(lo, q.start - 1)] + text[min(hi, q.end + 1) : hi]
    return (
        q.end_block == q.block
        and lo > 0
        and not outside.strip()
        and inner[:1].isupper()
        and inner[-1:] in ".!?"
        and len(inner.split()) >= 2
    )


def _cue_hits(ctx: _Context, text: str, lo: int, hi: int, inside: list[tuple[int, int]]):
    """The cues outside quotations, in order (the longest where several start)."""
    hits, q = [], 0
    for m in ctx.cues.pattern.finditer(text, lo, hi):
        while q < len(inside) and inside[q][1] <= m.start():
            q += 1
        if q < len(inside) and inside[q][0] <= m.start():
            continue
        hits.append((m.start(), m.end(), ctx.cues.kinds[m.group()], m.group()))
    return hits


def _past_dateline(text: str, lo: int, hi: int) -> int:
    m = DATELINE_RE.match(text, lo, hi) if lo == 0 else None
    return m.end() if m else lo


def _subject_start(cues: Cues, text: str, lo: int, hi: int) -> int:
    """Where a sentence's subject begins: past adverbs ("Earlier today") and an
    opening phrase set off by a comma ("In a statement from his home, ...")."""
    start = _past_dateline(text, lo, hi)
    for m in re.finditer(r"[\w'’.-]+", text[start:hi]):
        if m.group().lower() not in cues.adverbials:
            break
        start += m.end()
    first = re.match(r"\s*([\w'’-]+)", text[start:hi])
    if first and (first.group(1).lower() in cues.prepositions or first.group(1).endswith("ing")):
        comma = re.match(r"[^,;:\"\u201c\u201d]{1,120}?,\s*", text[start:hi])
        if comma:
            return start + comma.end()
    return start + len(text[start:hi]) - len(text[start:hi].lstrip())


def _subject_region(cues: Cues, text: str, lo: int, hi: int) -> int:
    """The end of the noun phrase opening ``text[lo:hi]`` ("The Secretary" of
    "The Secretary condemned ...")."""
    seen = False  # a capitalised word other than an article
    for m in re.finditer(r"[\w'’.-]+", text[lo:hi]):
        w = m.group()
        if w[:1].islower() and w not in cues.subject_glue and seen:
            return lo + m.start()
        seen = seen or (w[:1].isupper() and w not in cues.articles)
    return hi


def _skip_cue(ctx: _Context, text: str, lo: int, cs: int, ce: int, kind: str) -> bool:
    before = text[lo:cs].split()
    prev = before[-1].lower() if before else ""
    if prev in ("the",) or prev in ctx.cues.passive or "what" in (w.lower() for w in before[-3:]):
        return True
    return kind == "appeal" and re.match(r"\s+to\b", text[ce : ce + 4]) is not None


def _subjectless(ctx: _Context, subject: str) -> bool:
    """True for a clause without a subject, as a communiqué's numbered
    paragraphs are ("6. Urges the parties ...")."""
    words = [w for w in _words(subject) if w[0].isalpha()]
    return not words or words[0].lower() in ctx.cues.kinds


def _first_person(ctx: _Context, region: str) -> bool:
    words = _words(region)
    return bool(words) and words[0] in ctx.cues.first_person


def _inverted(ctx, text, spans, lo, hi, cs, ce, n, cue):
    """For ", Xi said." closing a sentence: (statement start, stop, speaker) or None."""
    words = 5 if cue.startswith(("told", "tell")) else 2  # "told the council after the vote"
    if (
        not re.fullmatch(
            rf"\s*(?:[\w'’.-]+\s+){{0,{words}}}?[\w'’.-]*\s*(?:,\s*\w+ing\b.*)?[.!?]?\s*",
            text[ce:hi],
        )
        and not re.match(r",\s+(?:and|but|as)\s", text[ce:hi])  # "X, he said, and would ..."
        and not _circumstance(ctx, text[ce:hi])
    ):
        return None
    seg = _comma_before(text, spans, lo, cs)
    after = re.match(r"\s*[^,.;:!?]+", text[ce:hi])
    if seg > lo and not text[seg + 1 : cs].strip() and after:
        who = _speaker(ctx, text, spans, ce, ce + after.end(), n)  # "..., says Najib"
        if who[2]:
            start = _past_dateline(text, lo, seg)
            return start, _trim(text, start, seg), who
    while seg > lo and not text[seg + 1 : cs].strip(" ,"):
        seg = _comma_before(text, spans, lo, seg)
    if seg <= lo:
        return None
    prev = _comma_before(text, spans, lo, seg)
    appositive = text[prev + 1 : seg]
    if (
        prev > lo
        and re.match(r"\s+(?:the|a|an)\s", appositive)
        and re.search(r" of |'s |’s ", appositive)
        and not _hedged(ctx, appositive)
        and len(appositive.split()) <= 12
    ):
        seg = prev
    who = _speaker(ctx, text, spans, seg + 1, cs, n)
    start = _past_dateline(text, lo, seg)
    return start, _trim(text, start, seg), who


def _comma_before(text: str, spans: list[Span], lo: int, end: int) -> int:
    """The last comma in ``text[lo:end]`` outside an actor's name (not the one in
    "the Meteorology, Climatology and Geophysics Agency"), else -1."""
    seg = text.rfind(",", lo, end)
    while seg > lo and any(s.start <= seg < s.end for s in spans):
        seg = text.rfind(",", lo, seg)
    return seg


def _circumstance(ctx: _Context, rest: str) -> bool:
    """True when what follows a cue closing a sentence says only when, where or
    how it was said ("..., the Fund said in a press release.", "said on
    Saturday, August 11, 2018", "said in Hanoi on July 12"): a phrase opening
    with a preposition, short, without a clause of its own."""
    words = _words(rest)
    if not words or words[0] not in ctx.cues.prepositions or len(words) > 12:
        return False
    if QUOTE_MARK_RE.search(rest) or not re.search(r"[.!?]\s*$|^[^.!?]*$", rest):
        return False
    return not any(
        w in ctx.cues.auxiliaries or w in ctx.cues.kinds or w == "that" or w.endswith("ed")
        for w in words[1:]
    )


def _opening_quote(ctx, text, spans, lo, hi, inside, cs, ce, n):
    """For a sentence that opens with a quotation and goes on with its
    speaker and the cue (“..., ” X said at a news conference;
    "...," said X, a spokesman for Y): (quote index, speaker).  What follows
    the cue is then no reported clause of its own but where and how it was said."""
    before = [qi for qi, (a, b) in enumerate(inside) if lo <= a and b < cs]
    if not before:
        return None
    qi = before[0]
    a, b = inside[qi]
    if text[lo : max(lo, a - 1)].strip(" \u2014\u2013-") or len(before) > 1:
        return None  # the quotation does not open the sentence
    inner = text[a:b].rstrip()
    between = text[b + 1 : cs]
    if not (inner.endswith((",", "?", "!")) or between.startswith(",")):
        return None
    phrase = between.strip(" ,")
    if QUOTE_MARK_RE.search(between) or len(phrase.split()) > MAX_SPEAKER_WORDS:
        return None
    if phrase:
        who = _speaker(ctx, text, spans, b + 1, cs, n)
    else:  # the speaker after the cue, up to a comma or a relative clause
        m = re.match(r"[^,;:]*?(?=,|;|:|\s+(?:who|which|whose)\b|[.!?]?\s*$)", text[ce:hi])
        end = ce + (m.end() if m else 0)
        phrase = text[ce:end].strip()
        if not phrase or len(phrase.split()) > MAX_SPEAKER_WORDS:
            return None
        who = _speaker(ctx, text, spans, ce, end, n)
    if _anonymous(ctx, text[lo:hi]):
        return qi, (None, phrase, True)
    if not who[2]:
        who = (None, phrase, True)
    return qi, who


def _anonymous(ctx: _Context, sentence: str) -> bool:
    """True when the sentence says its source is not named ("who asked not to be named")."""
    low = sentence.lower()
    return any(m in low for m in ctx.cues.anonymity)


def _quote_after(inside, attributed, text, ce, limit_words=10):
    """The quotation a cue introduces: the next one, a few words on, with no
    clause between ("calling them ...", "described X, a monument, as ...")."""
    for qi, (a, _b) in enumerate(inside):
        if a > ce and qi not in attributed:
            between = text[ce : a - 1]
            if between.strip() in (",", ":"):
                return qi  # "said, “...”"
            described = re.search(r"\sas(?: an?| the)?\s*$", between)  # "described X as"
            if described and len(between.split()) <= 2 * limit_words:
                return qi
            if not re.search(r"[,;!?]", between) and len(between.split()) <= limit_words:
                return qi
            return None
    return None


def _statements_of_sentence(ctx, b, text, spans, lo, hi, quotes, n, prev_block_text, hits):
    inside = [(q.start, q.end if q.end_block == b else len(text)) for q in quotes]
    found: list[Statement] = []
    covered: list[tuple[int, int]] = []
    attributed: dict[int, tuple | None] = {}  # quote index -> (speaker, label, cue)
    sentence_speaker = None

    def add(start, stop, who, cue):
        nonlocal sentence_speaker
        start += len(text[start:stop]) - len(text[start:stop].lstrip())
        stop = _trim(text, start, stop)
        whole = [qi for qi, (qa, qb) in enumerate(inside) if qa - 1 <= start and qb + 1 >= stop]
        if whole and who[2]:
            attributed[whole[0]] = (who[0], who[1], cue)
        elif whole or len(_words(text[start:stop])) < MIN_WORDS:
            return
        elif not who[2]:
            return  # nobody says it: "the Award confirmed that ..."
        else:
            found.append(
                Statement(text[start:stop], "reported", who[0], who[1], cue, b, (start, stop))
            )
            covered.append((start, stop))
        sentence_speaker = who[0] or sentence_speaker
        if who[0]:
            ctx.last_speaker, ctx.last_speaker_sentence = who[0], n

    clause_cues = [h[0] for h in hits if h[2] in ("reported", "appeal")]
    prev_end = lo
    opening_who = None  # the speaker of a quotation opening the sentence, named or not
    for k, (cs, ce, kind, cue) in enumerate(hits):
        if _skip_cue(ctx, text, lo, cs, ce, kind):
            continue
        if kind == "reported" and k == 0:
            opening = _opening_quote(ctx, text, spans, lo, hi, inside, cs, ce, n)
            if opening is not None:
                qi, who = opening
                opening_who = who
                attributed[qi] = (who[0], who[1], cue)
                sentence_speaker = who[0] or sentence_speaker
                if who[0]:
                    ctx.last_speaker, ctx.last_speaker_sentence = who[0], n
                prev_end = ce
                continue
        if kind == "source":
            if any(c < cs for c in clause_cues):
                continue
            if not text[lo:cs].strip() and any(c > ce for c in clause_cues):
                continue  # "According to SPA, the minister said ...": the minister speaks
            m = re.match(r"\s*([^,]+)", text[ce:hi])
            src_end = ce + m.end() if m else ce
            who = _speaker(ctx, text, spans, ce, src_end, n)
            if not who[2] or (who[0] is None and not who[1]):
                continue
            if text[lo:cs].strip():
                start = _past_dateline(text, lo, cs)
                add(start, text.rfind(",", start, cs) if "," in text[start:cs] else cs, who, cue)
            else:
                add(src_end + 1, hi, who, cue)
            continue
        if kind == "reported" and (cue in ctx.cues.bare or cue.startswith(("told", "tell"))):
            inv = _inverted(ctx, text, spans, lo, hi, cs, ce, n, cue)
            if inv:
                start, stop, who = inv
                if who[2]:
                    add(start, stop, who, cue)
                continue
        clause = max(_clause_start(text, lo, cs), prev_end)
        prev_end = ce
        region = text[clause:cs]
        bare = region.rstrip(' "\u201d\u2019')
        if re.match(r"\s*As\s", text[lo:cs]) and text[ce : ce + 1] == ",":
            who = _speaker(ctx, text, spans, lo + 3, cs, n)
            add(ce + 1, hi, who, cue)  # "As X has stressed, ..."
            continue
        if (
            not [w for w in _words(region) if w.lower() not in ctx.cues.adverbials]
            or (bare.endswith(",") and cue.endswith("ing"))
            or bare.endswith((" and", " but"))
        ):
            # "..., adding that", "... and called on", "condemned X but said": the subject
            # of the clause before
            subject = text[lo : _subject_region(ctx.cues, text, lo, cs)]
            near = _speaker(ctx, text, spans, _clause_start(text, lo, cs), cs, n)
            if sentence_speaker:
                who = (sentence_speaker, None, True)
            elif opening_who:  # '"...," the spokesperson said, noting that ...'
                who = opening_who
            elif near[2] and (near[0] in ctx.roles or near[0] is None):
                who = near
            elif _first_person(ctx, subject) or _subjectless(ctx, subject):
                continue
            else:
                who = _speaker(ctx, text, spans, lo, lo + len(subject), n)
        else:
            if _first_person(ctx, region) or _hedged(ctx, region):
                continue
            who = _speaker(ctx, text, spans, clause, cs, n)
            if _anonymous(ctx, region):  # "a police officer, speaking on condition of anonymity,"
                who = (None, region.strip(" ,"), True)
        if kind == "quote":
            qi = _quote_after(inside, attributed, text, ce)
            if qi is not None:
                attributed[qi] = (who[0], who[1], cue)
                sentence_speaker = who[0] or sentence_speaker
            continue
        start = _reported_start(ctx, text, ce, hi, cue) if kind == "reported" else ce
        if start is None:
            qi = _quote_after(inside, attributed, text.replace(":", " "), ce, 6)
            if qi is not None:
                attributed[qi] = (who[0], who[1], cue)
                sentence_speaker = who[0] or sentence_speaker
            continue
        stop = _clause_end(text, start, hi, [h[0] for h in hits if h[0] > cs])
        add(start, stop, who, cue)
        colon = text.find(":", stop, stop + 2)
        if colon != -1:
            qi = _quote_after(inside, attributed, text, colon + 1, 2)
            if qi is not None:
                attributed[qi] = (who[0], who[1], cue)
    for qi, q in enumerate(quotes):
        a, bq = inside[qi]
        if any(s <= a and bq <= e + 1 for s, e in covered) or _is_title(ctx, text, q):
            continue
        if attributed.get(qi):
            speaker, label, cue = attributed[qi]
        elif _sentence_like(q) or _whole_sentence(q, text, lo, hi):
            speaker, label, cue = _bare_quote_speaker(ctx, q, text, prev_block_text, n)
        else:
            continue
        found.append(Statement(q.text, "quote", speaker, label, cue, b, (q.start, bq)))
        if q.end_block == b and any(m in q.text for m in NESTED_OPENERS):
            found += _nested(ctx, text, spans, a, bq, b, n)
    found.sort(key=lambda st: st.span[0])  # in the order of the text
    for st in found:
        if st.speaker:
            ctx.last_speaker, ctx.last_speaker_sentence = st.speaker, n
    return found


def _nested(ctx, text, spans, a, bq, b, n) -> list[Statement]:
    """The quotations inside the quotation ``text[a:bq]`` that a speaker named
    inside it introduces ("Chairman Kim said, 'I will go ...'"), as theirs."""
    out = []
    for m in (m for pattern in NESTED_RES for m in pattern.finditer(text, a, bq)):
        start, stop = m.start(2), m.end(2)
        clause = max(text.rfind(c, a, m.start(1)) for c in ".!?;") + 1
        clause = max(clause, a)
        cues = list(ctx.cues.pattern.finditer(text, clause, m.start(1)))
        between = text[cues[-1].end() : m.start(1)].strip(" ,:").split() if cues else [""]
        if any(w not in ctx.cues.addressees for w in between):
            continue  # "Kim said, '...'", "Kim told us: '...'"
        cue = cues[-1]
        who = _speaker(ctx, text, spans, clause, cue.start(), n)
        if who[0] and not _first_person(ctx, text[clause : cue.start()]):
            out.append(
                Statement(text[start:stop], "quote", who[0], None, cue.group(), b, (start, stop))
            )
    return out


def _bare_quote_speaker(ctx, q: Quote, text: str, prev_block_text: str, n: int):
    """A quotation no cue attributes: the speaker introduced just before, or
    the speaker of the sentence before (a quotation going on), if any."""
    if q.start == 1 and prev_block_text:
        last = prev_block_text.rstrip()
        if last.endswith(":"):  # "X issued the following statement:"
            return ctx.subject(n - 1), None, ""
        intro = [last.lower().rfind(i) for i in ctx.cues.intros]
        if max(intro, default=-1) >= 0 and n - 1 in ctx.sentences:
            _text, spans, _lo, _hi = ctx.sentences[n - 1]
            after = [s.target for s in spans if s.start > max(intro) and s.target in ctx.roles]
            return (after[0] if after else None), None, ""  # "a statement by X"
    if ctx.last_speaker and ctx.last_speaker_sentence >= n - 1:
        return ctx.last_speaker, None, ""
    return None, None, ""


def _make(ctx, text, b, start, stop, kind, speaker, label, cue, n) -> Statement:
    return Statement(text[start:stop], kind, speaker, label, cue, b, (start, stop))


def annotate(doc: Document, knowledge: Knowledge, rules: Cues | None = None) -> Document:
    """Add the document's statements."""
    cues = rules if rules is not None else compiled(prepare, knowledge)
    blocks = [b.text for b in doc.seed.blocks]
    roles = {a.id: a.roles for a in doc.actors if a.kind == "person"}
    ctx = _Context(knowledge, cues, roles, {}, {})
    ctx.org_names = {a.id: (a.name, *a.mentions) for a in doc.actors if a.kind == "organization"}
    by_block: dict[int, list[Span]] = {}
    for s in doc.spans:
        if s.kind == "actor":
            by_block.setdefault(s.block, []).append(s)
    quotes_by_block: dict[int, list[Quote]] = {}
    quoted: dict[int, list[tuple[int, int]]] = {}  # block -> stretches inside quotations
    for q in find_quotes(blocks):
        quotes_by_block.setdefault(q.block, []).append(q)
        for b in range(q.block, q.end_block + 1):
            start = q.start if b == q.block else 0
            end = q.end if b == q.end_block else len(blocks[b])
            quoted.setdefault(b, []).append((start, end))
    out: list[Statement] = []
    n = 0
    for b, text in enumerate(blocks):
        spans = sorted(by_block.get(b, []), key=lambda s: s.start)
        quotes = quotes_by_block.get(b, [])
        inside = sorted(quoted.get(b, []))
        k = qk = 0
        hits = _cue_hits(ctx, text, 0, len(text), inside)
        headline = doc.seed.blocks[b].kind in HEADLINES
        ctx.ahead = _all_name_words(doc, knowledge, roles) if headline and hits else None
        if headline and not hits and not quotes:
            out += _headline_attribution(ctx, b, text)
        hk = 0
        for lo, hi in _sentences(text, inside, tuple(h[0] for h in hits), cues.abbreviations):
            j = k
            while k < len(spans) and spans[k].start < hi:
                k += 1
            here = spans[j:k]
            _learn(ctx, knowledge, here, text)
            qj = qk
            while qk < len(quotes) and quotes[qk].start < hi:
                qk += 1
            qs = quotes[qj:qk]
            hj = hk
            while hk < len(hits) and hits[hk][0] < hi:
                hk += 1
            ctx.sentences[n] = (text, here, lo, hi)
            ctx.sentences.pop(n - 2, None)  # only the sentence before is ever asked for
            out += _statements_of_sentence(
                ctx, b, text, here, lo, hi, qs, n, blocks[b - 1] if b else "", hits[hj:hk]
            )
            n += 1
    return replace(doc, statements=tuple(out))


HEADLINE_SOURCE_RE = re.compile(
    r"^(?P<said>.{12,}?)\s+[—–]\s+(?P<tail>[^:—–]{2,40})$"
    r"|^(?P<head>[^:—–]{2,40}):\s+(?P<rest>.{12,})$"
)


def _headline_attribution(ctx: _Context, b: int, text: str) -> list[Statement]:
    """A headline that names its source the way agencies write it, after a
    dash ("Moscow to respond — Foreign Ministry") or before a colon ("Energy
    Minister: Half of output halted"): the source's statement, when the source
    is the one organisation or person of the document its words fit."""
    m = HEADLINE_SOURCE_RE.match(text.strip())
    if not m:
        return []
    phrase, said = (m["tail"], m["said"]) if m["tail"] else (m["head"], m["rest"])
    words = [w.strip(".").lower() for w in _words(phrase)]
    words = [w for w in words if w not in ctx.cues.articles_lower]
    if not words or len(words) > 5:
        return []
    fits = set()
    for oid, names in ctx.org_names.items():
        if any(set(words) <= {w.strip(".").lower() for w in _words(n)} for n in names):
            fits.add(oid)
    for pid, titles in () if fits else ctx.roles.items():  # a body before a person titled by it
        if any(set(words) <= set(_words(t.lower())) for t in titles):
            fits.add(pid)
    if len(fits) != 1:
        return []
    start = text.find(said)
    stop = _trim(text, start, start + len(said))
    return [Statement(text[start:stop], "reported", fits.pop(), None, "", b, (start, stop))]


def _all_name_words(doc: Document, knowledge: Knowledge, roles) -> dict[str, set[str]]:
    """The name words of every person the document names, to the persons."""
    words: dict[str, set[str]] = {}
    for s in doc.spans:
        if s.kind != "actor" or s.target not in roles:
            continue
        actor = knowledge.actor(s.target)
        text = doc.seed.blocks[s.block].text[s.start : s.end]
        for name in [text] + ([actor.name] if actor else []):
            for w in _person_tokens(name):
                words.setdefault(w, set()).add(s.target)
    return words


def _title_starts(title: str, words: list[str]) -> bool:
    """True when ``title``, past a leading country abbreviation ("U.S."), starts with ``words``."""
    head = _words(title)
    while head and (head[0].count(".") or head[0].isupper()):
        head = head[1:]
    return [w.lower() for w in head[: len(words)]] == words


def _role_subject(ctx: _Context, text: str, spans: list[Span], lo: int, hi: int) -> str | None:
    """The person a sentence opening with a role ("The Minister briefed ...") names."""
    end = _subject_region(ctx.cues, text, lo, hi)
    role = _role(ctx, text, spans, lo, end) if end > lo else None
    return role[0] if role and role[0] in ctx.roles else None


def _holders(index: dict[str, dict[str, None]], words: list[str]) -> list[str]:
    """The actors whose indexed words include all of ``words``, in the order named."""
    first = index.get(words[0], {})
    found = []
    for a in first:
        if all(a in index.get(w, ()) for w in words[1:]):
            found.append(a)
            if len(found) == MAX_HOLDERS:  # that many cannot be settled; stop looking
                break
    return found


def _learn(ctx: _Context, knowledge: Knowledge, spans: list[Span], text: str) -> None:
    """Remember the actors named in a sentence, the words of the persons' names
    and roles and of the organisations' names."""
    for s in spans:
        names = ctx.org_names.get(s.target)
        if names and s.target not in ctx.orgs:
            ctx.orgs[s.target] = names[0]
            for w in {w.strip(".") for name in names for w in _words(name.lower())}:
                ctx.org_words.setdefault(w, {})[s.target] = None
        if s.target not in ctx.roles or s.target in ctx.named:
            continue
        ctx.named[s.target] = None
        for role in ctx.roles[s.target]:
            for w in _words(role.lower()):
                ctx.role_words.setdefault(w, {})[s.target] = None
        actor = knowledge.actor(s.target)
        names = [text[s.start : s.end]] + ([actor.name] if actor else [])
        for name in names:
            for w in _person_tokens(name):
                ctx.tokens.setdefault(w, set()).add(s.target)
