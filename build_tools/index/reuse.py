"""Content keys: a generated page is reused exactly when the inputs its builder reads are unchanged.

Every generated file comes as a :class:`PageJob`: its source path, a key that
hashes everything its ``build`` reads, and ``build`` itself, which reads nothing
else.  A full build calls every ``build``; a rebuild (see
:mod:`build_tools.session`) calls only those whose key it has not seen, so reuse
cannot drift from a full build.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Document

__all__ = ["PageJob", "content_key", "doc_key"]


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


@dataclass(frozen=True)
class PageJob:
    """One generated file: ``build()`` gives its text, and reads only what ``key`` hashes."""

    src: str
    key: str
    build: Callable[[], str]

    @classmethod
    def ready(cls, src: str, text: str) -> PageJob:
        """A file whose text is already made (keyed by the text itself)."""
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16)
        return cls(src, digest.hexdigest(), lambda: text)
