"""Stage 4, index: all Documents → the pages that tie them together.

Home, actors, topics, timeline and glossary pages, and for every document its
context (previous, next and related documents).  Long lists are split into
numbered pages so that no page grows with the archive.  Pure functions.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Document, Knowledge
from .actors import actor_pages
from .context import contexts
from .home import glossary_page, home_page
from .lists import Page, Site, newest_first
from .reuse import IndexMemo, plan
from .timeline import time_bars, timeline_pages
from .topics import topic_pages

__all__ = [
    "IndexMemo",
    "Page",
    "Site",
    "contexts",
    "index_pages",
    "newest_first",
    "time_bars",
]


def index_pages(
    docs: Sequence[Document],
    knowledge: Knowledge,
    site: Site = Site(),
    description: str = "",
    memo: IndexMemo | None = None,
) -> list[Page]:
    """Every listing page of the archive.

    With ``memo`` (kept between calls), the actor, topic and year pages that
    the changed documents do not concern are taken from the previous call.
    """
    reuse = plan(docs, knowledge, site, memo)
    pages = (
        [home_page(docs, site, description), *glossary_page(docs, knowledge, site)]
        + timeline_pages(docs, site, reuse)
        + actor_pages(docs, knowledge, site, reuse)
        + topic_pages(docs, knowledge, site, reuse)
    )
    if memo is not None:
        memo.groups = reuse.groups
    return pages
