"""The one store of compiled annotation rules, keyed by the knowledge they come from.

Each annotation component turns the curated knowledge into what it matches
with (patterns, tables) through its ``prepare(knowledge)`` function.  That is
slow next to annotating one document, so it is done once per knowledge: a
:class:`~build_tools.annotate.pipeline.Pipeline` takes every component's rules
from here, and a component called on its own (in a test, or one document at a
time) finds the same rules here.

One rule decides what is kept: the rules of the :data:`KEEP` knowledges used
most recently.  Entries are keyed by the knowledge's digest (the hash of its
files) or, for knowledge built in memory, by a hash of its whole content; so a
changed curated file never meets rules compiled from the old one.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..model import Knowledge

__all__ = ["KEEP", "compiled", "knowledge_key"]

KEEP = 4  # knowledges whose compiled rules are kept (serve keeps using one at a time)

_STORE: OrderedDict[str, dict[str, Any]] = OrderedDict()


def knowledge_key(knowledge: Knowledge) -> str:
    """What identifies ``knowledge``'s content: its files' digest, else a hash of it."""
    if knowledge.digest:
        return knowledge.digest
    return "content:" + hashlib.sha256(repr(knowledge).encode()).hexdigest()


def compiled(prepare: Callable[[Knowledge], Any], knowledge: Knowledge) -> Any:
    """What ``prepare`` makes of ``knowledge``, prepared on first use."""
    name = f"{prepare.__module__}.{prepare.__qualname__}"
    key = knowledge_key(knowledge)
    rules = _STORE.get(key)
    if rules is None:
        rules = _STORE[key] = {}
        while len(_STORE) > KEEP:
            _STORE.popitem(last=False)
    else:
        _STORE.move_to_end(key)
    if name not in rules:
        rules[name] = prepare(knowledge)
    return rules[name]
