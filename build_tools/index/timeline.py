"""The timeline: documents and events by year and month."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from ..charts import Bar, bar_chart
from ..markup import el, esc, href, link
from ..model import Document
from ..render import (
    display_date,
    document_src,
)
from .lists import MONTHS, Page, Site, make_page, newest_first, paged

# ----------------------------------------------------------------- timeline


def time_bars(docs: Sequence[Document], src: str, site: Site) -> list[Bar]:
    """Documents per month over short spans, per year over long ones."""
    dated = [d.date for d in docs if d.date]
    if not dated:
        return []
    first, last = int(min(dated)[:4]), int(max(dated)[:4])
    per_year = Counter(d[:4] for d in dated)

    def year_link(year: int) -> str | None:
        return (
            href(src, f"timeline/{year}.md", site.directory_urls) if per_year[str(year)] else None
        )

    if last - first >= 3:
        return [(str(y), per_year[str(y)], year_link(y)) for y in range(first, last + 1)]
    per_month = Counter(d[:7] for d in dated if len(d) >= 7)
    return [
        (f"{MONTHS[m - 1]} {y}", per_month[f"{y}-{m:02d}"], year_link(y))
        for y in range(first, last + 1)
        for m in range(1, 13)
    ]


def _year(doc: Document) -> str:
    return doc.date[:4] if doc.date else "undated"


def timeline_pages(docs: Sequence[Document], site: Site) -> list[Page]:
    by_year: dict[str, list[Document]] = defaultdict(list)
    for doc in newest_first(docs):
        by_year[_year(doc)].append(doc)
    for year in {e.date[:4] for d in docs for e in d.events}:
        by_year.setdefault(year, [])
    pages = [_timeline_index(by_year, site)]
    for year, ydocs in sorted(by_year.items()):
        pages += _year_pages(year, ydocs, docs, site)
    return pages


def _month_table(by_year: dict[str, list[Document]], src: str, site: Site) -> str:
    header = el("tr", el("th", "Year") + "".join(el("th", m) for m in MONTHS) + el("th", "All"))
    rows = [header]
    for year, ydocs in sorted(by_year.items(), reverse=True):
        if year == "undated":
            continue
        counts = Counter(d.date[5:7] for d in ydocs if len(d.date) >= 7)
        cells = "".join(el("td", str(counts.get(f"{m:02d}", "")) or "") for m in range(1, 13))
        year_link = link(href(src, f"timeline/{year}.md", site.directory_urls), year)
        rows.append(el("tr", el("th", year_link) + cells + el("td", str(len(ydocs)))))
    return el("table", "".join(rows), class_="pa-months")


def _timeline_index(by_year: dict[str, list[Document]], site: Site) -> Page:
    src = "timeline/index.md"
    body = [
        el("h1", "Timeline"),
        el(
            "p",
            "Documents by year and month; each year page lists its documents and the events they mention.",
        ),
    ]
    body.append(bar_chart(time_bars(_all_docs(by_year), src, site), "Documents over time"))
    body.append(_month_table(by_year, src, site))
    if "undated" in by_year:
        url = href(src, "timeline/undated.md", site.directory_urls)
        body.append(el("p", link(url, f"Undated documents ({len(by_year['undated'])})")))
    return make_page(src, "Timeline", body)


def _all_docs(by_year: dict[str, list[Document]]) -> list[Document]:
    return [d for ydocs in by_year.values() for d in ydocs]


def _events_of_year(year: str, docs: Sequence[Document]) -> list[tuple[str, str, Document]]:
    found = []
    for doc in docs:
        for event in doc.events:
            if event.date.startswith(year):
                found.append((event.date, event.text, doc))
    return sorted(found, key=lambda e: (e[0], e[2].slug, e[1]))


def _year_pages(
    year: str, ydocs: list[Document], docs: Sequence[Document], site: Site
) -> list[Page]:
    src = f"timeline/{year}.md"
    title = "Undated documents" if year == "undated" else f"{year}"
    head = [el("h1", esc(title))]
    if year != "undated":
        events = _events_of_year(year, docs)
        if events:
            items = "".join(
                el(
                    "li",
                    el("time", esc(display_date(d)), datetime=d)
                    + " — "
                    + esc(text)
                    + " "
                    + el(
                        "small",
                        "("
                        + link(href(src, document_src(doc), site.directory_urls), doc.title)
                        + ")",
                    ),
                )
                for d, text, doc in events[: site.page_size * 5]
            )
            head += ["## Events mentioned", el("ul", items, class_="pa-events")]
    head.append("## Documents")
    return paged(src, title, head, ydocs, site)
