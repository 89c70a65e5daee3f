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
from .reuse import PageJob, Reuse, content_key, doc_key
from .timeline import time_bars, timeline_pages
from .topics import topic_pages

__all__ = [
    "Page",
    "PageJob",
    "Reuse",
    "Site",
    "content_key",
    "contexts",
    "doc_key",
    "index_jobs",
    "index_pages",
    "newest_first",
    "time_bars",
]


def index_jobs(
    docs: Sequence[Document],
    knowledge: Knowledge,
    site: Site = Site(),
    description: str = "",
    reuse: Reuse | None = None,
) -> list[PageJob]:
    """Every listing page of the archive, as jobs keyed by what each page's build reads;
    ``reuse`` holds the last pass's groups of jobs (see :class:`Reuse`)."""
    reuse = reuse if reuse is not None else Reuse()
    home = home_page(docs, site, description, reuse)
    return (
        [PageJob.ready(home.src, home.markdown), *glossary_page(docs, knowledge, site, reuse)]
        + timeline_pages(docs, site, reuse)
        + actor_pages(docs, knowledge, site, reuse)
        + topic_pages(docs, knowledge, site, reuse)
    )


def index_pages(
    docs: Sequence[Document], knowledge: Knowledge, site: Site = Site(), description: str = ""
) -> list[Page]:
    """Every listing page of the archive, built."""
    return [Page(job.src, job.build()) for job in index_jobs(docs, knowledge, site, description)]
