"""Actor surnames: later mentions of a person by one word.

Once a person is named in full ("Lloyd Austin", "Kim Yong-hyun"), a bare
surname ("Austin", "Kim") refers to them, provided no other person of the
document shares it and it is not a country, organization or a word that is
never a name.  "Minister Kim" is resolved the same way, and so is a shorter
form of the full name ("López Obrador" after "Andrés Manuel López Obrador").
"""

from __future__ import annotations

from collections import defaultdict

from .names import east_asian_ok
from .records import Hit, copy_with, slug
from .rules import Rules, is_group
from ..lexical import name_tokens, normal, shorter_form

__all__ = [
    "first_words",
    "full_names",
    "given_keys",
    "shorter_named",
    "single_titled",
    "surname_hits",
    "surname_keys",
    "with_honorific",
]


PREFILTER_KEYS = 16


def surname_keys(hits: list[Hit], rules: Rules, firsts: FirstWords | None = None) -> dict[str, Hit]:
    """Bare words that refer to one person named in full: "Austin", "Kim"; not
    a surname that is another person's given name too ("Austin Smith")."""
    owners: dict[str, dict[str, Hit]] = defaultdict(dict)
    for hit in hits:
        for key in _keys_of(hit, rules):
            owners[key].setdefault(hit.key, hit)
    given, _last = firsts if firsts is not None else first_words(hits, rules)
    never = rules.sets["never"]
    return {
        k: next(iter(v.values()))
        for k, v in owners.items()
        if len(v) == 1
        and k not in never
        and not is_group(rules, k)
        and not set(given.get(k, ())) - set(v)  # "Abiy" of "Dawit Abiy" and "Abiy Ahmed"
    }


def _keys_of(hit: Hit, rules: Rules) -> set[str]:
    """The words that may stand for ``hit``'s person alone: a surname, a weak alias."""
    if hit.registered:
        actor = rules.knowledge.actor(hit.key)
        keys = {w for w in actor.weak_aliases if " " not in w}
        words = actor.name.split()
    else:
        keys, words = set(), [normal(w) for w in hit.name.split()]
    words = [w for w in words if w not in rules.sets["suffixes"]]
    if len(words) >= 2 and east_asian_ok(words, rules):
        keys.add(words[0])
    elif len(words) >= 2:
        keys.add(words[-1])
    return keys


def surname_hits(blocks: list[str], keys: dict[str, Hit], rules: Rules) -> list[Hit]:
    """The mentions of ``keys`` alone in ``blocks``, as their persons."""
    hits: list[Hit] = []
    if not keys:
        return hits
    # With few keys, a block naming none of them is skipped cheaply; with many, the
    # scan below is the cheaper test (a bounded prefilter keeps the work linear).
    prefilter = len(keys) <= PREFILTER_KEYS
    for b, text in enumerate(blocks):
        if prefilter and not any(key in text for key in keys):  # a mention ends with one
            continue
        for m in rules.shapes.run.finditer(text):
            words = m.group().split()
            owner = keys.get(words[-1])
            word = owner and _lone_word(words, rules)
            if word:
                start = m.end() - len(word)
                hits.append(_moved(owner, b, start, m.end(), word, "surname"))
    return hits


def _lone_word(words: list[str], rules: Rules) -> str | None:
    """The one name word of a run after words such as "Later" or "When"."""
    rest = [w for w in words[:-1] if w not in rules.sets["never"]]
    return None if rest else words[-1]


def full_names(full: list[Hit], rules: Rules) -> dict[str, dict[str, tuple]]:
    """The persons named in full, by the last word of their names: for each,
    the first hit and the words of each of their names."""
    index: dict[str, dict[str, tuple]] = defaultdict(dict)
    for hit in full:
        for form in _full_forms(hit, rules):
            if form and hit.key not in index[form[-1]]:
                index[form[-1]][hit.key] = (hit, [t for t in _full_forms(hit, rules) if t])
    return index


def shorter_named(hit: Hit, index: dict[str, dict[str, tuple]]) -> Hit:
    """ "López Obrador" after "Andrés Manuel López Obrador": the one person of
    the document whose name holds this unregistered name's words, in order
    (``index`` from :func:`full_names`)."""
    if hit.registered:
        return hit
    short = name_tokens(hit.name or hit.text)
    candidates = index.get(short[-1], {}) if short else {}
    owners = {
        key: f
        for key, (f, forms) in candidates.items()
        if key != hit.key and any(shorter_form(short, t) for t in forms)
    }
    if len(owners) != 1:
        return hit
    owner = next(iter(owners.values()))
    return copy_with(
        _moved(owner, hit.block, hit.start, hit.end, hit.text, hit.rule), title=hit.title
    )


def _full_forms(hit: Hit, rules: Rules) -> list[tuple[str, ...]]:
    """The words of ``hit``'s person's names: registered names and aliases, or its name."""
    actor = rules.knowledge.actor(hit.key) if hit.registered else None
    forms = (actor.name, *actor.aliases) if actor else (hit.name or hit.text,)
    return [name_tokens(f) for f in forms]


# The first words of the full names of a document's persons (each with the
# persons whose names start so), and the last words of all their names.
FirstWords = tuple[dict[str, dict[str, Hit]], set[str]]


def first_words(hits: list[Hit], rules: Rules) -> FirstWords:
    """The first and last words of the full names of the persons of ``hits``
    (East Asian names, family name first, have no given name first)."""
    owners: dict[str, dict[str, Hit]] = defaultdict(dict)
    last: set[str] = set()
    seen: set[tuple] = set()
    families = rules.sets["families"]
    for hit in hits:
        person = (hit.key, hit.registered, hit.name or hit.text)
        if person in seen:
            continue
        seen.add(person)
        for words in _full_words(hit, rules):
            if len(words) < 2:
                pass
            elif normal(words[0]) not in families or not east_asian_ok(words, rules):
                owners[words[0]].setdefault(hit.key, hit)
            if words:
                last.add(words[-1])
    return owners, last


def given_keys(hits: list[Hit], rules: Rules, firsts: FirstWords | None = None) -> dict[str, Hit]:
    """First words that refer to one person named in full, as a title and a
    given name do ("Prime Minister Abiy" after "Abiy Ahmed", "Prime Minister
    Prayut" after "Prayut Chan-o-cha"): the first word of exactly one person's
    full name and the last word of no other's."""
    owners, last = firsts if firsts is not None else first_words(hits, rules)
    never = rules.sets["never"]
    return {
        k: next(iter(v.values()))
        for k, v in owners.items()
        if len(v) == 1 and k not in last and k not in never and not is_group(rules, k)
    }


def _full_words(hit: Hit, rules: Rules) -> list[list[str]]:
    """The words of each full name of ``hit``'s person, as written."""
    actor = rules.knowledge.actor(hit.key) if hit.registered else None
    names = (actor.name, *actor.aliases) if actor else (hit.name or hit.text,)
    suffixes = rules.sets["suffixes"]
    return [[normal(w) for w in n.split() if w not in suffixes] for n in names]


def single_titled(
    hit: Hit, keys: dict[str, Hit], given: dict[str, Hit] | None = None
) -> Hit | None:
    """ "Minister Kim" after "Kim Yong-hyun": the person named in full; "Prime
    Minister Abiy" after "Abiy Ahmed", a title and a given name (``given``
    from :func:`given_keys`), the one person so named in the document."""
    single = not hit.registered and " " not in hit.text
    owner = keys.get(normal(hit.text)) if single else None
    if owner is None and single and hit.title and given:
        owner = given.get(normal(hit.text))
    if owner is None:
        return None if single and hit.text.isupper() else hit
    return copy_with(
        _moved(owner, hit.block, hit.start, hit.end, hit.text, hit.rule), title=hit.title
    )


def _moved(owner: Hit, block: int, start: int, end: int, text: str, rule: str) -> Hit:
    """Another mention of ``owner``'s actor, without its title, flag or note."""
    return copy_with(
        owner, block=block, start=start, end=end, text=text, rule=rule, title="", flag="", note=""
    )


def with_honorific(hit: Hit, blocks: list[str], rules: Rules) -> Hit:
    """ "Prime Minister Sheikh Hasina": a lone unregistered name word after an
    honorific that names go by (``actor-honorifics-in-names``) keeps it, as the
    person is known by both words; "Sheikh Mohammed bin Zayed", a full name
    after it, does not."""
    if hit.registered or " " in hit.text + hit.name or hit.kind != "person":
        return hit
    before = blocks[hit.block][max(0, hit.start - 12) : hit.start]
    for word in rules.sets["honorifics_in_names"]:
        if before.endswith(word + " ") and not before[: -len(word) - 1][-1:].isalnum():
            start = hit.start - len(word) - 1
            text = blocks[hit.block][start : hit.end]
            name = f"{word} {normal(hit.text)}"
            title = hit.title[: -len(word)].rstrip() if hit.title.endswith(word) else hit.title
            return copy_with(hit, start=start, text=text, key=slug(name), name=name, title=title)
    return hit
