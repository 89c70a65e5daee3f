"""The timeline: documents and the events they mention, by year and month.

``timeline/index.md`` charts and tables the whole archive; ``timeline/<year>.md``
lists a year's documents and ``timeline/<year>/events.md`` the events of that
year from all documents, each linked to the document that mentions it.  Both
lists are paginated, so no page grows with the archive.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from ..charts import Bar, bar_chart
from ..markup import el, esc, href, link
from ..model import Document, plausible
from ..render import display_date, document_src
from .lists import (
    LATEST,
    MONTHS,
    Page,
    Site,
    doc_list,
    doc_pages,
    entry,
    make_page,
    newest_first,
    paged,
)
from .reuse import PageJob, Reuse

UNDATED = "undated"
Mention = tuple[str, str, str, str]  # event date, event text, document page, document title


def _years(doc: Document) -> tuple[str]:
    return (_year(doc),)


def _year(doc: Document) -> str:
    return doc.date[:4] if doc.date else UNDATED


MONTH_BARS_UP_TO = 24  # months spanned: up to this, a bar per month
QUARTER_BARS_UP_TO = 96  # then a bar per quarter; beyond, a bar per year


def _month_index(iso: str) -> int:
    return int(iso[:4]) * 12 + (int(iso[5:7]) - 1 if len(iso) >= 7 else 0)


def time_bars(docs: Sequence[Document], src: str, site: Site) -> list[Bar]:
    """Documents per month, quarter or year, whichever suits the span; the axis runs
    from the first document's period to the last one's.  Each bar links to its
    year's page.  A date known only to the year counts in year bars alone."""
    dated = [d.date for d in docs if d.date and plausible(d.date)]  # a typo cannot stretch it
    if not dated:
        return []
    per_year = Counter(d[:4] for d in dated)

    def year_link(year: int) -> str | None:
        if not per_year[str(year)]:
            return None
        return href(src, f"timeline/{year}.md", site.directory_urls)

    precise = [d for d in dated if len(d) >= 7]
    first, last = _month_index(min(dated)), _month_index(max(dated))
    span = last - first + 1
    if span > QUARTER_BARS_UP_TO or not precise:
        years = range(first // 12, last // 12 + 1)
        return [(str(y), per_year[str(y)], year_link(y)) for y in years]
    first, last = _month_index(min(precise)), _month_index(max(precise))
    per_month = Counter(_month_index(d) for d in precise)
    if last - first + 1 <= MONTH_BARS_UP_TO:
        return [
            (f"{MONTHS[m % 12]} {m // 12}", per_month[m], year_link(m // 12))
            for m in range(first, last + 1)
        ]
    quarters = range(first // 3, last // 3 + 1)
    return [
        (f"Q{q % 4 + 1} {q // 4}", sum(per_month[q * 3 + k] for k in range(3)), year_link(q // 4))
        for q in quarters
    ]


Sources = list[tuple[Document, tuple[int, ...]]]  # documents, and which of their events


def _event_sources(docs: Sequence[Document], reuse: Reuse) -> dict[str, Sources]:
    """For each year, the documents that mention an event of it, each with the
    places of those events in its list of events."""
    sources: dict[str, Sources] = defaultdict(list)
    for doc, years in zip(docs, reuse.each("timeline/event-years", docs, _event_years)):
        for year, places in years:
            sources[year].append((doc, places))
    return dict(sources)


def _event_years(doc: Document) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The years of a document's events, each with the places of those events."""
    places: dict[str, list[int]] = {}
    for i, event in enumerate(doc.events):
        places.setdefault(event.date[:4], []).append(i)
    return tuple((year, tuple(found)) for year, found in places.items())


def _events_of(year: str, sources: Sources, reuse: Reuse) -> list[Mention]:
    """A year's event mentions, by date, then document, then place in the text."""
    places = {id(doc): found for doc, found in sources}
    docs = [doc for doc, _ in sources]
    listed = reuse.merged(f"year:{year}/events", docs, lambda d: _event_keys(d, places[id(d)]))
    return [item[-1] for item in listed]


def _event_keys(doc: Document, places: tuple[int, ...]) -> list[tuple]:
    """The document's events at ``places`` as a year's list shows them, each after
    its sort key (no two documents have the same slug, so the mentions themselves
    are never compared)."""
    src, title = document_src(doc), doc.title
    keys = []
    for i in places:
        event = doc.events[i]
        keys.append((event.date, doc.slug, event.start, i, (event.date, event.text, src, title)))
    return keys


def timeline_pages(
    docs: Sequence[Document], site: Site, reuse: Reuse | None = None
) -> list[PageJob]:
    """The timeline's index and each year's pages; a year's pages are made again only
    when its documents or the documents mentioning its events changed."""
    reuse = reuse if reuse is not None else Reuse()
    by_year = reuse.grouped("timeline/docs", reuse.ordered(docs, newest_first), _years)
    sources = _event_sources(docs, reuse)
    n_events = Counter({year: sum(len(p) for _, p in found) for year, found in sources.items()})
    index = _timeline_index(docs, by_year, n_events, site)
    jobs = [PageJob.ready(index.src, index.markdown)]
    for year in sorted(set(by_year) | set(sources)):
        ydocs, mentioned = by_year.get(year, []), sources.get(year, [])
        jobs += reuse.made(
            f"year:{year}",
            (ydocs, mentioned, site),
            lambda y=year, d=ydocs, m=mentioned: _year_pages(
                y, d, _events_of(y, m, reuse), site, reuse
            ),
        )
    return jobs


def _month_table(
    by_year: dict[str, list[Document]], n_events: Counter[str], src: str, site: Site
) -> str:
    head = ["Year", *MONTHS, "Documents", "Events"]
    rows = [el("tr", "".join(el("th", h) for h in head))]
    for year in sorted((set(by_year) | set(n_events)) - {UNDATED}, reverse=True):
        ydocs = by_year.get(year, [])
        counts = Counter(d.date[5:7] for d in ydocs if len(d.date) >= 7)
        cells = "".join(el("td", str(counts.get(f"{m:02d}", ""))) for m in range(1, 13))
        year_link = (
            link(href(src, f"timeline/{year}.md", site.directory_urls), year) if ydocs else year
        )
        events = n_events.get(year, 0)
        event_link = (
            link(href(src, f"timeline/{year}/events.md", site.directory_urls), str(events))
            if events
            else ""
        )
        rows.append(
            el("tr", el("th", year_link) + cells + el("td", str(len(ydocs))) + el("td", event_link))
        )
    table = el("table", "".join(rows), class_="pa-months")
    return el("div", table, class_="pa-scroll", tabindex="0", role="region", aria_label="By month")


def _timeline_index(
    docs: Sequence[Document],
    by_year: dict[str, list[Document]],
    n_events: Counter[str],
    site: Site,
) -> Page:
    src = "timeline/index.md"
    intro = "Documents by year and month, and the dated events they mention."
    body = [el("h1", "Timeline"), el("p", intro)]
    body.append(bar_chart(time_bars(docs, src, site), "Documents over time"))
    body.append(_month_table(by_year, n_events, src, site))
    body += _undated_section(by_year.get(UNDATED, []), src, site)
    return make_page(src, "Timeline", body)


def _undated_section(undated: list[Document], src: str, site: Site) -> list[str]:
    """The documents whose date is unknown: the first few, and a link to them all."""
    if not undated:
        return []
    n = len(undated)
    says = "document does not say" if n == 1 else "documents do not say"
    parts = [
        "## Undated {#undated}",
        el("p", f"{n} {says} when {'it was' if n == 1 else 'they were'} written or published."),
        doc_list([entry(d) for d in undated[:LATEST]], src, site),
    ]
    if n > LATEST:
        url = href(src, f"timeline/{UNDATED}.md", site.directory_urls)
        parts.append(el("p", link(url, f"All {n} undated documents")))
    return parts


def _event_list(src: str, mentions: Sequence[Mention], site: Site) -> str:
    items = []
    for date, text, doc_src, title in mentions:
        source = link(href(src, doc_src, site.directory_urls), title)
        when = el("time", esc(display_date(date)), datetime=date)
        items.append(el("li", when + " — " + esc(text) + " " + f"(in {source})"))
    return el("ul", "".join(items), class_="pa-events")


def _year_pages(
    year: str, ydocs: list[Document], mentions: list[Mention], site: Site, reuse: Reuse
) -> list[PageJob]:
    title = "Undated documents" if year == UNDATED else year
    base = f"timeline/{year}.md"

    def head(src: str) -> list[str]:
        parts = [el("h1", esc(title))]
        if mentions:
            url = href(src, f"timeline/{year}/events.md", site.directory_urls)
            parts.append(el("p", link(url, f"Events mentioned in {year} ({len(mentions)})")))
        return parts + ["## Documents"]

    # A year no document is dated in has no page of its own, only its events.
    pages = []
    if ydocs:
        listed = reuse.each(f"year:{year}/entries", ydocs, entry)
        pages = doc_pages(base, title, ydocs, site, listed, head=head, reuse=reuse)
    if mentions:
        pages += paged(
            f"timeline/{year}/events.md",
            f"Events of {year}",
            mentions,
            site,
            _event_list,
            head=lambda src: [el("h1", esc(f"Events of {year}"))],
            reuse=reuse,
        )
    return pages
