"""Content keys: a generated page is reused exactly when the inputs its builder reads are unchanged.

Every generated file comes as a :class:`PageJob`: its source path, a key that
hashes everything its ``build`` reads, and ``build`` itself, which reads nothing
else.  A full build calls every ``build``; a rebuild (see
:mod:`build_tools.session`) calls only those whose key it has not seen, so reuse
cannot drift from a full build.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import pickle
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..model import Document, Knowledge

__all__ = ["PageJob", "Reuse", "content_key", "doc_key", "knowledge_token"]

FEW_ITEMS = 64  # items changed in a merged list (see Reuse.merged) that are sorted in one by one

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def content_key(*parts: object) -> str:
    """A hash of ``parts`` (plain data: strings, numbers, tuples, lists and dicts of them,
    frozen dataclasses of the data model).

    Pickled rather than ``repr``-ed, which is several times faster on long lists
    of strings, and without the pickler's memo, so that equal parts give equal
    bytes however their objects are shared (a document read from the cache file
    and one annotated now).  Equal bytes always mean equal parts.
    """
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: the bytes depend on the values only
    pickler.dump(parts)
    return hashlib.blake2b(out.getbuffer(), digest_size=16).hexdigest()


def doc_key(doc: Document) -> tuple[str, str, str, str]:
    """What a document is made from within one build: its seed's bytes and name, and
    its slug.  With the curated knowledge (and the code, fixed within a process) it
    determines every annotation, so a key holding it stands for the whole document."""
    seed = doc.seed
    return (seed.digest, seed.relpath, seed.source, doc.slug)


def knowledge_token(knowledge: Knowledge) -> object:
    """What stands for the curated knowledge in a group's inputs: its digest, or
    the knowledge itself when it was not loaded from files."""
    return knowledge.digest or knowledge


@dataclass(frozen=True)
class PageJob:
    """One generated file: ``build()`` gives its text, and reads only what ``key`` hashes.

    A large file (the archive's data exports: 10 KB a document) also gives its text
    in ``pieces``, which are written one after the other: joining and encoding it
    whole took a fifth of a second at 3,000 documents, on every edit while serving.
    """

    src: str
    key: str
    build: Callable[[], str]
    pieces: Callable[[], Iterable[str]] | None = None

    @classmethod
    def in_pieces(cls, src: str, key: str, pieces: Callable[[], Iterable[str]]) -> PageJob:
        """A file whose text is ``pieces()`` one after the other."""
        return cls(src, key, lambda: "".join(pieces()), pieces)

    @classmethod
    def ready(cls, src: str, text: str) -> PageJob:
        """A file whose text is already made (keyed by the text itself)."""
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16)
        return cls(src, digest.hexdigest(), lambda: text)


class Reuse:
    """What the last pass made, each with the inputs it was made from, so a rebuild
    need not even work out the keys of a listing whose inputs are unchanged.

    A group (an actor's pages, say; for the plugin, MkDocs' object of a generated
    file) is made again exactly when its inputs differ from the last pass's, as
    ``==`` compares them: plain data and objects of the data model, most of them the
    very objects of the last pass, so comparing is quick.  A pure build passes a new
    ``Reuse`` and makes every group.  After a pass (:meth:`end_pass`) it keeps what
    that pass used.
    """

    def __init__(self) -> None:
        self._last: dict[str, tuple[object, Any]] = {}
        self._now: dict[str, tuple[object, Any]] = {}
        self._values: dict[str, object] = {}
        self._tallies: dict[str, tuple[list, Counter]] = {}
        self._each: dict[str, tuple[object, dict[int, tuple[object, Any]]]] = {}  # and given
        self._groups: dict[str, _Grouping] = {}
        self._mapped: dict[str, dict[Hashable, tuple[object, Any]]] = {}
        self._order: tuple[Sequence[Document], Callable, list[Document]] | None = None
        self._merged: dict[str, _Merging] = {}
        self._asked: set[str] = set()  # the tallies and per-document values used in this pass
        # page keys by group made (see :meth:`key`); "" for pages made outside any group
        self._keys_last: dict[str, dict[str, tuple[tuple, str]]] = {}
        self._keys_now: dict[str, dict[str, tuple[tuple, str]]] = {}
        self._making = ""

    def made(self, name: str, inputs: object, make: Callable[[], T]) -> T:
        """What ``name`` is: the last pass's when ``inputs`` are equal to those it was
        made from, else ``make()``'s."""
        last = self._last.get(name)
        if last is not None and last[0] == inputs:
            made = last[1]
            keys = self._keys_last.get(name)
            if keys is not None:
                self._keys_now[name] = keys
        else:
            outer, self._making = self._making, name
            try:
                made = make()
            finally:
                self._making = outer
        self._now[name] = (inputs, made)
        return made

    def key(self, src: str, parts: tuple) -> str:
        """``content_key(*parts)``, the key of the generated page ``src``: the last
        pass's key of ``src`` when ``parts`` are equal to those it was worked out
        from.  A hub's pages are made again when one of its documents changes; the
        pages whose entries did not change are then not hashed again (their
        entries are most often the very objects of the last pass).  Kept while
        the group being made (see :meth:`made`) is used."""
        now = self._keys_now.setdefault(self._making, {})
        kept = self._keys_last.get(self._making, {}).get(src)
        if kept is None or kept[0] != parts:
            kept = (parts, content_key(*parts))
        now[src] = kept
        return kept[1]

    def same(self, name: str, value: object) -> object:
        """``value``, or the equal value the last pass gave under ``name``: inputs
        holding it then compare by identity, however large it is."""
        last = self._values.get(name)
        kept = last if last is not None and last == value else value
        self._values[name] = kept
        return kept

    def tally(
        self, name: str, docs: Sequence[Document], items: Callable[[Document], Iterable]
    ) -> Counter:
        """How many times each item occurs in the documents ``docs`` (a document
        listed twice counting twice), as ``Counter(i for d in docs for i in items(d))``
        would count them.  ``name`` is the name of the group counting (its part up
        to the first "/"); the count is worked out from the last count of ``name``: only the
        documents added to the list or taken from it are counted, not a hub's
        thousands (the same documents are the very same objects from pass to pass).
        Read-only: the count is kept for the next pass."""
        last = self._tallies.get(name)
        if last is None:
            counts: Counter = Counter()
            for doc in docs:
                counts.update(items(doc))
        else:
            # the last list holds its documents, so no other object has their ids
            before, counts = last
            old, new = Counter(map(id, before)), Counter(map(id, docs))
            if old != new:
                counts = counts.copy()
                by_id = {id(d): d for d in before}
                by_id.update((id(d), d) for d in docs)
                for key, times in (new - old).items():
                    for _ in range(times):
                        counts.update(items(by_id[key]))
                for key, times in (old - new).items():
                    for _ in range(times):
                        counts.subtract(items(by_id[key]))
                counts = +counts  # (only what occurs, as counting afresh gives)
        self._tallies[name] = (list(docs), counts)
        self._asked.add(name)
        return counts

    def each(
        self,
        name: str,
        docs: Sequence[Document],
        value: Callable[[Document], T],
        given: object = None,
    ) -> list[T]:
        """``[value(d) for d in docs]``, keeping each document's value from the last pass
        that asked ``name`` while the document is the very same object (an edited
        document is a new one): what a listing reads of thousands of documents is
        worked out only for those that changed.  ``given`` is what ``value`` reads
        besides the document: when it differs from the last pass's, every value
        is worked out again.  Named as :meth:`tally` is."""
        was, last = self._each.get(name, (None, {}))
        if was != given:
            last = {}
        now: dict[int, tuple[object, Any]] = {}
        values = []
        for doc in docs:
            kept = last.get(id(doc))  # (it holds its document: no other object has its id)
            if kept is None or kept[0] is not doc:
                kept = (doc, value(doc))
            now[id(doc)] = kept
            values.append(kept[1])
        self._each[name] = (given, now)
        self._asked.add(name)
        return values

    def ordered(
        self, docs: Sequence[Document], order: Callable[[Sequence[Document]], list[Document]]
    ) -> list[Document]:
        """``order(docs)``, worked out once for the listings of a pass that all read
        the very same sequence ``docs`` in the same order (newest first, say)."""
        kept = self._order
        if kept is None or kept[0] is not docs or kept[1] is not order:
            kept = self._order = (docs, order, order(docs))
        return kept[2]

    def grouped(
        self,
        name: str,
        docs: Sequence[Document],
        keys: Callable[[Document], Iterable[Hashable]],
        given: object = None,
    ) -> dict[Hashable, list[Document]]:
        """The documents ``docs`` under each key ``keys`` gives them, in the order of
        ``docs``, a document once for each time ``keys`` gives the key; the keys in
        sorted order.  ``given`` is what ``keys`` reads besides the document.

        Worked out from the last pass's groups of ``name``: only the documents
        added or taken away (an edited document is a new object) are looked at, and
        a key none of them has keeps the very list of the last pass.  The lists are
        read-only.  Should the documents kept from the last pass come in another
        order (or ``given`` differ), the groups are made afresh."""
        last = self._groups.get(name)
        self._asked.add(name)
        if last is not None and last.given == given:
            groups = last.update(docs, keys)
            if groups is not None:
                return groups
        grouping = _Grouping.of(docs, keys, given)
        self._groups[name] = grouping
        return grouping.groups

    def merged(
        self, name: str, docs: Sequence[Document], items: Callable[[Document], Iterable[tuple]]
    ) -> list[tuple]:
        """``sorted(i for d in docs for i in items(d))``: the items of all the documents
        in one sorted list (a year's events, say, by date).

        Worked out from the last pass's list of ``name``: the items of the documents
        taken away are dropped and those of the documents added (an edited document
        is a new object) are sorted in, so a hub's thousands are neither listed nor
        sorted again.  Items that compare equal are alike to whoever reads them,
        so where they land among each other does not matter.  Read-only.  Named
        as :meth:`tally` is."""
        last = self._merged.get(name)
        self._asked.add(name)
        if last is not None:
            listed = last.update(docs, items)
            if listed is not None:
                return listed
        merging = _Merging.of(docs, items)
        if len(merging.items_of) == len(docs):
            self._merged[name] = merging
        else:  # a document listed twice: its items cannot be told apart next pass
            self._merged.pop(name, None)
        return merging.items

    def mapped(
        self, name: str, groups: Mapping[K, Sequence], make: Callable[[K, Sequence], T]
    ) -> dict[K, T]:
        """``{k: make(k, g) for k, g in groups.items()}``, keeping the last pass's value
        of a key whose group is the very same object (see :meth:`grouped`)."""
        last = self._mapped.get(name, {})
        now: dict[Hashable, tuple[object, Any]] = {}
        values: dict[K, T] = {}
        for key, group in groups.items():
            kept = last.get(key)
            if kept is None or kept[0] is not group:
                kept = (group, make(key, group))
            now[key] = kept
            values[key] = kept[1]
        self._mapped[name] = now
        self._asked.add(name)
        return values

    def end_pass(self) -> None:
        """Keep only what this pass used (a group's tallies and per-document values:
        while the group is used, made again or not)."""

        def used(name: str) -> bool:
            return name in self._asked or name.split("/", 1)[0] in self._now

        self._tallies = {name: kept for name, kept in self._tallies.items() if used(name)}
        self._each = {name: kept for name, kept in self._each.items() if used(name)}
        self._groups = {name: kept for name, kept in self._groups.items() if used(name)}
        self._mapped = {name: kept for name, kept in self._mapped.items() if used(name)}
        self._merged = {name: kept for name, kept in self._merged.items() if used(name)}
        self._order = None
        self._asked = set()
        self._last, self._now = self._now, {}
        self._keys_last, self._keys_now = self._keys_now, {}


class _Grouping:
    """One pass's groups (see :meth:`Reuse.grouped`): the documents in their order,
    the keys of each (holding the document, so no other object has its id) and
    the groups."""

    def __init__(
        self,
        docs: list[Document],
        keys_of: dict[int, tuple[Document, tuple]],
        groups: dict[Hashable, list[Document]],
        given: object,
    ) -> None:
        self.docs, self.keys_of, self.groups, self.given = docs, keys_of, groups, given

    @classmethod
    def of(
        cls, docs: Sequence[Document], keys: Callable[[Document], Iterable[Hashable]], given: object
    ) -> _Grouping:
        keys_of: dict[int, tuple[Document, tuple]] = {}
        groups: dict[Hashable, list[Document]] = {}
        for doc in docs:
            found = tuple(keys(doc))
            keys_of[id(doc)] = (doc, found)
            for key in found:
                group = groups.get(key)
                if group is None:
                    groups[key] = [doc]
                else:
                    group.append(doc)
        return cls(list(docs), keys_of, {k: groups[k] for k in sorted(groups)}, given)

    def update(
        self, docs: Sequence[Document], keys: Callable[[Document], Iterable[Hashable]]
    ) -> dict[Hashable, list[Document]] | None:
        """This pass's groups, changing only those of the documents added or taken
        away; None when the documents kept come in another order."""
        before = self.keys_of
        place = {id(doc): i for i, doc in enumerate(docs)}
        if len(place) != len(docs):  # a document listed twice: no places to sort by
            return None
        added = [doc for doc in docs if id(doc) not in before]
        gone = [kept for key, kept in before.items() if key not in place]
        if not added and not gone and len(docs) == len(self.docs):
            if all(a is b for a, b in zip(docs, self.docs)):
                return self.groups
        kept_order = [place[id(doc)] for doc in self.docs if id(doc) in place]
        if any(a > b for a, b in zip(kept_order, kept_order[1:])):
            return None
        keys_of = dict(before)
        touched: set[Hashable] = set()
        for doc, found in gone:
            del keys_of[id(doc)]
            touched.update(found)
        fresh: dict[Hashable, list[Document]] = {}
        for doc in added:
            found = tuple(keys(doc))
            keys_of[id(doc)] = (doc, found)
            touched.update(found)
            for key in found:
                fresh.setdefault(key, []).append(doc)
        groups = dict(self.groups)
        for key in touched:
            group = [doc for doc in groups.get(key, ()) if id(doc) in place]
            group += fresh.get(key, ())
            group.sort(key=lambda doc: place[id(doc)])  # stable: repeats stay together
            if group:
                groups[key] = group
            else:
                groups.pop(key, None)
        if groups.keys() != self.groups.keys():
            groups = {k: groups[k] for k in sorted(groups)}
        self.docs, self.keys_of, self.groups = list(docs), keys_of, groups
        return groups


class _Merging:
    """One pass's sorted items (see :meth:`Reuse.merged`) and each document's items
    (holding the document, so no other object has its id)."""

    def __init__(self, items_of: dict[int, tuple[Document, tuple]], items: list[tuple]) -> None:
        self.items_of, self.items = items_of, items

    @classmethod
    def of(cls, docs: Sequence[Document], items: Callable[[Document], Iterable[tuple]]) -> _Merging:
        items_of: dict[int, tuple[Document, tuple]] = {}
        listed: list[tuple] = []
        for doc in docs:
            found = tuple(items(doc))
            items_of[id(doc)] = (doc, found)
            listed += found
        listed.sort()
        return cls(items_of, listed)

    def update(
        self, docs: Sequence[Document], items: Callable[[Document], Iterable[tuple]]
    ) -> list[tuple] | None:
        """This pass's list, changed by the items of the documents added or taken
        away; None when a document is listed twice."""
        before = self.items_of
        place = {id(doc) for doc in docs}
        if len(place) != len(docs):
            return None
        added = [doc for doc in docs if id(doc) not in before]
        gone = [key for key in before if key not in place]
        if not added and not gone:
            return self.items
        items_of = dict(before)
        dropped = [item for key in gone for item in items_of.pop(key)[1]]
        fresh = []
        for doc in added:
            found = tuple(items(doc))
            items_of[id(doc)] = (doc, found)
            fresh += found
        listed = list(self.items)
        if len(dropped) + len(fresh) > FEW_ITEMS:  # sorted afresh: fewer steps
            counts = Counter(map(id, dropped))
            kept = []
            for item in listed:
                if counts[id(item)]:  # (an item object two documents share is dropped once)
                    counts[id(item)] -= 1
                else:
                    kept.append(item)
            listed = kept + fresh
            listed.sort()
        else:  # a few looked up and taken out, a few sorted in
            for item in dropped:
                del listed[bisect.bisect_left(listed, item)]  # (an equal item is alike)
            for item in fresh:
                bisect.insort(listed, item)
        self.items_of, self.items = items_of, listed
        return listed
