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
from ..model import Document, Event, plausible
from ..render import display_date, document_src
from .lists import MONTHS, Page, Site, doc_pages, make_page, newest_first, paged
from .reuse import Reuse

UNDATED = "undated"
Mention = tuple[Event, Document]


def _year(doc: Document) -> str:
    return doc.date[:4] if doc.date else UNDATED


def time_bars(docs: Sequence[Document], src: str, site: Site) -> list[Bar]:
    """Documents per month over short spans, per year over long ones."""
    dated = [d.date for d in docs if d.date and plausible(d.date)]  # a typo cannot stretch it
    if not dated:
        return []
    first, last = int(min(dated)[:4]), int(max(dated)[:4])
    per_year = Counter(d[:4] for d in dated)

    def year_link(year: int) -> str | None:
        if not per_year[str(year)]:
            return None
        return href(src, f"timeline/{year}.md", site.directory_urls)

    if last - first >= 3:
        return [(str(y), per_year[str(y)], year_link(y)) for y in range(first, last + 1)]
    per_month = Counter(d[:7] for d in dated if len(d) >= 7)
    return [
        (f"{MONTHS[m - 1]} {y}", per_month[f"{y}-{m:02d}"], year_link(y))
        for y in range(first, last + 1)
        for m in range(1, 13)
    ]


def _events_by_year(docs: Sequence[Document]) -> dict[str, list[Mention]]:
    by_year: dict[str, list[Mention]] = defaultdict(list)
    for doc in docs:
        for event in doc.events:
            by_year[event.date[:4]].append((event, doc))
    for mentions in by_year.values():
        mentions.sort(key=lambda m: (m[0].date, m[1].slug, m[0].start))
    return by_year


def timeline_pages(docs: Sequence[Document], site: Site, reuse: Reuse | None = None) -> list[Page]:
    by_year: dict[str, list[Document]] = defaultdict(list)
    for doc in newest_first(docs):
        by_year[_year(doc)].append(doc)
    events = _events_by_year(docs)
    reuse = reuse or Reuse()
    pages = [_timeline_index(docs, by_year, events, site)]
    for year in sorted(set(by_year) | set(events)):
        pages += reuse.pages(
            "year",
            year,
            lambda y=year: _year_pages(y, by_year.get(y, []), events.get(y, []), site),
        )
    return pages


def _month_table(
    by_year: dict[str, list[Document]], events: dict[str, list[Mention]], src: str, site: Site
) -> str:
    head = ["Year", *MONTHS, "Documents", "Events"]
    rows = [el("tr", "".join(el("th", h) for h in head))]
    for year in sorted((set(by_year) | set(events)) - {UNDATED}, reverse=True):
        ydocs = by_year.get(year, [])
        counts = Counter(d.date[5:7] for d in ydocs if len(d.date) >= 7)
        cells = "".join(el("td", str(counts.get(f"{m:02d}", ""))) for m in range(1, 13))
        year_link = link(href(src, f"timeline/{year}.md", site.directory_urls), year)
        n_events = len(events.get(year, []))
        event_link = (
            link(href(src, f"timeline/{year}/events.md", site.directory_urls), str(n_events))
            if n_events
            else ""
        )
        rows.append(
            el("tr", el("th", year_link) + cells + el("td", str(len(ydocs))) + el("td", event_link))
        )
    return el("table", "".join(rows), class_="pa-months")


def _timeline_index(
    docs: Sequence[Document],
    by_year: dict[str, list[Document]],
    events: dict[str, list[Mention]],
    site: Site,
) -> Page:
    src = "timeline/index.md"
    intro = "Documents by year and month, and the dated events they mention."
    body = [el("h1", "Timeline"), el("p", intro)]
    body.append(bar_chart(time_bars(docs, src, site), "Documents over time"))
    body.append(_month_table(by_year, events, src, site))
    if by_year.get(UNDATED):
        url = href(src, f"timeline/{UNDATED}.md", site.directory_urls)
        body.append(el("p", link(url, f"Undated documents ({len(by_year[UNDATED])})")))
    return make_page(src, "Timeline", body)


def _event_list(src: str, mentions: Sequence[Mention], site: Site) -> str:
    items = []
    for event, doc in mentions:
        source = link(href(src, document_src(doc), site.directory_urls), doc.title)
        when = el("time", esc(display_date(event.date)), datetime=event.date)
        items.append(el("li", when + " — " + esc(event.text) + " " + el("small", f"({source})")))
    return el("ul", "".join(items), class_="pa-events")


def _year_pages(
    year: str, ydocs: list[Document], mentions: list[Mention], site: Site
) -> list[Page]:
    title = "Undated documents" if year == UNDATED else year
    base = f"timeline/{year}.md"

    def head(src: str) -> list[str]:
        parts = [el("h1", esc(title))]
        if mentions:
            url = href(src, f"timeline/{year}/events.md", site.directory_urls)
            parts.append(el("p", link(url, f"Events mentioned in {year} ({len(mentions)})")))
        return parts + ["## Documents" if ydocs else "No documents are dated in this year."]

    pages = doc_pages(base, title, ydocs, site, head=head)
    if mentions:
        pages += paged(
            f"timeline/{year}/events.md",
            f"Events of {year}",
            mentions,
            site,
            lambda src, chunk: _event_list(src, chunk, site),
            head=lambda src: [el("h1", esc(f"Events of {year}"))],
        )
    return pages
