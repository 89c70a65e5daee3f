"""Actor resolution: which actor a found name refers to.

A name the registry knows is that person.  A titled name is resolved against
the registry's offices: "Secretary of Defense Royce Austin" in a text of
October 2024 is the registered holder of that office then, whose surname
agrees, flagged as possibly misnamed; "Secretary Rubio" is the registered
Rubio holding a role so named.  What matches no registered actor stays
unregistered, with its id the slug of its name.

An office named alone ("the Prime Minister of Italy", "the High
Representative", "the President's") is its one registered holder on the
document's date (:func:`role_hits`), marked ``via="role"``: the office's
country is the one the text gives, else the document's origin or dominant
country, else the office is an international one.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ...model import Actor
from .records import Context, Found, Hit, copy_with, new_hit, slug
from .rules import INITIAL_RE, Rules
from ..lexical import name_tokens, normal, shorter_form

__all__ = ["resolve", "role_hits"]

ROLE_AFTER_RE = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?")
THE_RE = re.compile(r"(?<![\w])[Tt]he[ \u00a0]+$")


def resolve(found: Found, ctx: Context) -> Hit:
    """The actor ``found`` names: registered by name or title, else unregistered."""
    base = Hit(found.block, found.start, found.end, found.text, None, found.rule, title=found.title)
    found = copy_with(found, text=" ".join(normal(w) for w in found.text.split()))
    entry = ctx.rules.forms.get(found.text)
    if entry and entry.ids and not entry.weak and entry.kind == "person":
        return copy_with(base, key=entry.ids[0])
    if found.title:
        actor = _by_office(found, ctx) or _by_role_word(found, ctx)
        if actor:
            return _registered(base, actor, found, ctx)
    actor = _by_fuller_form(found.text, ctx.rules)
    if actor:
        return copy_with(base, key=actor.id)
    name = " ".join(_id_words(found.text, ctx.rules))
    return copy_with(base, key=slug(name), name=name, registered=False)


def _registered(base: Hit, actor: Actor, found: Found, ctx: Context) -> Hit:
    """``base`` as a mention of ``actor``, flagged when the source misnames them."""
    if not _misnamed(found.text, actor, ctx.rules):
        return copy_with(base, key=actor.id)
    when = f" on {ctx.date}" if ctx.date else ""
    note = (
        f"The source likely misnames {actor.name} as '{found.text}': "
        f"the {found.title}{when} was {actor.name}."
    )
    return copy_with(
        base, key=actor.id, flag=f"possibly misnamed in source as '{found.text}'", note=note
    )


def _by_office(found: Found, ctx: Context) -> Actor | None:
    """ "Secretary of Defense Royce Austin": the one holder then of an office the
    title names whose name agrees."""
    rules = ctx.rules
    agree = {
        actor.id: actor
        for office in _offices_named(found, ctx)
        for actor, role in rules.holders.get(office.id, ())
        if (ctx.date is None or role.held_on(ctx.date)) and _agrees(found.text, actor, rules)
    }
    return _the_one(agree)


def _offices_named(found: Found, ctx: Context) -> list:
    """The offices ``found``'s title names, of the countries it names; without
    those, of the countries the document names, or else all."""
    offices = {
        o.id: o
        for m in ctx.rules.office_phrase.finditer(found.title)
        for o in ctx.rules.offices.get(m.group().lower(), ())
    }
    if found.countries:
        return [o for o in offices.values() if o.country in found.countries]
    return [o for o in offices.values() if o.country in ctx.countries] or list(offices.values())


def _by_role_word(found: Found, ctx: Context) -> Actor | None:
    """ "Secretary Rubio": a registered person of that surname holding a role so named."""
    rules, head = ctx.rules, found.head.lower()
    words = _name_words(found.text, rules)
    candidates = {
        a.id: a for w in words[:1] + words[-1:] for a in rules.persons_by_token.get(w, ())
    }
    agree = {}
    for actor in candidates.values():
        if found.countries and actor.affiliation not in found.countries:
            continue
        if not _agrees(found.text, actor, rules):
            continue  # "President William Ruto" is not President William Lai
        roles = [r for r in actor.roles if ctx.date is None or r.held_on(ctx.date)]
        if any(head in r.title.lower() for r in roles):
            agree[actor.id] = actor
    return _the_one(agree)


def _by_fuller_form(name: str, rules: Rules) -> Actor | None:
    """ "Kay Rala Xanana Gusmão": the one registered person a name of whom
    ("Xanana Gusmão") is this fuller name with words left out."""
    words = name_tokens(name)
    if len(words) < 3:
        return None
    candidates = rules.persons_by_token.get(name.split()[-1].lower(), ())
    agree = {
        a.id: a
        for a in candidates
        if any(shorter_form(name_tokens(f), words) for f in (a.name, *a.aliases))
    }
    return _the_one(agree)


def _the_one(agree: dict[str, Actor]) -> Actor | None:
    return next(iter(agree.values())) if len(agree) == 1 else None


def _id_words(name: str, rules: Rules) -> list[str]:
    """A name without middle initials: "Gilberto C. Teodoro Jr." → Gilberto Teodoro Jr."""
    words = [w.strip(",") for w in name.split()]
    kept = [w for i, w in enumerate(words) if i == 0 or not INITIAL_RE.fullmatch(w)]
    return kept


def _name_words(name: str, rules: Rules) -> list[str]:
    """A name's words in lower case, without suffixes ("Jr.") and initials."""
    words = [w.strip(",").lower() for w in name.split()]
    suffixes = rules.sets["suffixes_lower"]
    return [w for w in words if w not in suffixes and not INITIAL_RE.fullmatch(w)]


def _agrees(name: str, actor: Actor, rules: Rules) -> bool:
    """True when ``name`` ends as one of ``actor``'s names ends ("Royce Austin",
    Lloyd Austin), or begins as the actor's name begins and holds its last word
    or one much like it ("Ursula von der Layen"); a given name alone does not
    agree ("William Ruto" is not William Lai, "Warren Christopher" not
    Christopher Miller)."""
    words = _name_words(name, rules)
    forms = [_name_words(f, rules) for f in (actor.name, *actor.aliases)]
    forms = [f for f in forms if f]
    if not words or not forms:
        return False
    if any(words[-1] == f[-1] for f in forms):
        return True
    head = forms[0]
    if len(words) < 2 or len(head) < 2 or words[0] != head[0]:
        return False
    return head[-1] in words or SequenceMatcher(None, words[-1], head[-1]).ratio() >= 0.7


def _misnamed(name: str, actor: Actor, rules: Rules) -> bool:
    """True when a word of ``name`` is not, nor part of, a word of ``actor``'s names."""
    if name in (actor.name, *actor.aliases):
        return False
    words = _name_words(name, rules)
    known = rules.person_tokens.get(actor.id, frozenset())
    return len(words) >= 2 and any(
        w not in known
        and not any(len(w) >= 3 and (k.endswith(w) or k.startswith(w)) for k in known)
        for w in words
    )


# ------------------------------------------------------------ named by role


def role_hits(blocks: list[str], groups: list[dict[int, Hit]], ctx: Context) -> list[Hit]:
    """Persons named only by an office they held: "the Prime Minister of Italy"
    in a text of March 2022 is the one registered holder then; "the President's"
    in a White House statement, the president of the publisher's country.  Only
    in a dated document, and only when exactly one office and one holder fit."""
    if not ctx.date:
        return []
    hits = []
    for b, text in enumerate(blocks):
        ends = {h.end: h for h in groups[b].values()}
        for m in ctx.rules.role_phrase.finditer(text):
            hit = _role_hit(b, text, m, groups[b], ends, ctx)
            if hit:
                hits.append(hit)
    return hits


def _role_hit(
    block: int, text: str, m: re.Match, groups: dict[int, Hit], ends: dict[int, Hit], ctx: Context
) -> Hit | None:
    """The holder the office phrase ``m`` names, when it names one alone."""
    if text[m.end() : m.end() + 1] == "-":
        return None  # "President-elect"
    before = _country_before(text, m.start(), ends)
    after, end = _country_after(text, m.end(), groups)
    if before is None or after is None or ctx.rules.name_after.match(text, end):
        return None  # "former President", "President of the Council", "President Macron"
    office = _one_office(m.group().lower(), after or before, ctx)
    if office is None:
        return None
    holders = {
        actor.id for actor, role in ctx.rules.holders.get(office.id, ()) if role.held_on(ctx.date)
    }
    if len(holders) != 1:
        return None
    hit = new_hit(block, m.start(), m.end(), m.group(), holders.pop(), "role", "person")
    return copy_with(hit, via="role", title=office.title)


def _country_before(text: str, start: int, ends: dict[int, Hit]) -> str | None:
    """What comes before an office: "the" (""), a country ("Italy's", "Italian":
    its id), or anything else ("former", "a": None)."""
    if THE_RE.search(text, max(0, start - 6), start):
        return ""
    for gap in (" ", "\u00a0", "'s ", "’s "):
        hit = ends.get(start - len(gap))
        if hit and hit.kind == "country" and text[start - len(gap) : start] == gap:
            return hit.key
    return None


def _country_after(text: str, end: int, groups: dict[int, Hit]) -> tuple[str | None, int]:
    """The country an "of ..." after an office names ("" without one) and where
    the phrase ends; None when it names something else ("of the Council")."""
    m = ROLE_AFTER_RE.match(text, end)
    if not m:
        return "", end
    hit = groups.get(m.end())
    if hit is not None and hit.kind == "country":
        return hit.key, hit.end
    return (None, end) if text[m.end() : m.end() + 1].isupper() else ("", end)


def _one_office(phrase: str, country: str, ctx: Context):
    """The one office ``phrase`` names: of ``country`` if given, else of the
    document's origin or dominant country, else an international one."""
    offices = ctx.rules.offices.get(phrase, ())
    if country:
        fit = [o for o in offices if o.country == country]
    else:
        home = ctx.origin or ctx.dominant
        fit = [o for o in offices if home and o.country == home]
        fit = fit or [o for o in offices if o.country is None]
    return fit[0] if len(fit) == 1 else None
