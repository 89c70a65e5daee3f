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
from .timeline import time_bars, timeline_pages
from .topics import topic_pages

__all__ = ["Page", "Site", "contexts", "index_pages", "newest_first", "time_bars"]


def index_pages(
    docs: Sequence[Document], knowledge: Knowledge, site: Site = Site(), description: str = ""
) -> list[Page]:
    """Every listing page of the archive."""
    return (
        [home_page(docs, site, description), *glossary_page(docs, knowledge, site)]
        + timeline_pages(docs, site)
        + actor_pages(docs, knowledge, site)
        + topic_pages(docs, knowledge, site)
    )
