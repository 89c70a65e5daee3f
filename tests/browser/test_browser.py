"""The built archive in headless Chromium: search, navigation, page metadata, charts, screenshots.

The archive is the project's real seed plus the made-up seeds in ``tests/browser_seeds/``
(fixtures in :mod:`tests.browser_support`).  Needs Chromium: ``make browser`` installs it.
"""

from __future__ import annotations

import json
import subprocess
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import pytest
from playwright.sync_api import Page, expect

from tests.browser_support import REPO_URL, BrowserTab, chromium_path, screenshot_dir
from tests.sitetools import ROOT

pytestmark = pytest.mark.browser

SEED_PAGE = "documents/000-61da1cec703a9f14/"
SEED_TITLE = "Following the Korea-US SCM, the 2+2 meeting continued."
UDCG_TITLE = "Ukraine Defense Contact Group meets at NATO headquarters"
CAMP_DAVID_TITLE = "Leaders open a new era of trilateral partnership at Camp David"
EU_PAGE = "documents/europe/2023-06-23-eu-eleventh-sanctions-package/"
RED_SEA_PAGE = "documents/2023-12-red-sea-shipping/"
TREASURY_PAGE = "documents/2024-09-12-treasury-outbound-investment/"
TREASURY_TITLE = "Treasury outlines outbound investment rules"
REMARKS_PAGE = "documents/2024-06-13-critical-minerals-remarks/"
REMARKS_URL = "https://state.example.org/remarks/critical-minerals-partnership"
OPED_PAGE = "documents/oped-sanctions-myanmar-junta/"
OPED_URL = "https://review.example.org/oped/sanctions-myanmar"
TOUR = ["", SEED_PAGE, "actors/lloyd-austin/", "timeline/", "topics/", EU_PAGE]
SCREENSHOTS = {
    "home": "",
    "document": SEED_PAGE,
    "document-undated": "documents/oped-sanctions-myanmar-junta/",
    "actor": "actors/lloyd-austin/",
    "actors": "actors/",
    "topic": "topics/sanctions/",
    "topics": "topics/",
    "timeline": "timeline/",
    "year": "timeline/2024/",
    "events": "timeline/2024/events/",
    "glossary": "glossary/",
    "about": "about/",
}
WIDTHS = (1280, 390)


def _h1(page: Page):
    return page.locator("article h1").first


def _meta(page: Page, name: str) -> list[str]:
    return page.locator(f'meta[name="{name}"]').evaluate_all("els => els.map(e => e.content)")


def _metadata_row(page: Page, heading: str):
    """The ``<dd>`` of the metadata block's row named ``heading``."""
    heading_cell = page.locator("dl.pa-meta dt").filter(has_text=heading).first
    return heading_cell.locator("xpath=following-sibling::dd[1]")


def _search(page: Page, query: str) -> None:
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)


# ----------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Austin", UDCG_TITLE),  # an actor's surname
        ("desalination", CAMP_DAVID_TITLE),  # a word of a body
        ("Tony Blinken", SEED_TITLE),  # an alias of Antony Blinken
        ("MSMT", "Multilateral Sanctions Monitoring Team"),  # an actor page by its acronym
        ("Burma", "Myanmar"),  # a country's page by its curated alias
        ("sanctons", "sanction"),  # a misspelled word
    ],
    ids=["surname", "body-word", "alias", "acronym", "country-alias", "misspelled"],
)
def test_browser_search_finds_the_document(tab: BrowserTab, query: str, title: str):
    page = tab.open("")
    _search(page, query)
    expect(page.locator(".md-search-result__list")).to_contain_text(title)


def test_browser_search_excerpts_keep_labels_and_values_apart(archive_site):
    index = json.loads((archive_site / "search" / "search_index.json").read_text("utf-8"))
    joined = [
        d["location"]
        for d in index["docs"]
        if "Also writtenMSMT" in d["text"] or "Date30" in d["text"] or "Documents2" in d["text"]
    ]
    assert joined == []


def test_browser_search_finds_an_actor_page_by_its_sentence(tab: BrowserTab):
    page = tab.open("")
    _search(page, "MSMT")
    first = page.locator(".md-search-result__item").first
    expect(first).to_contain_text("Multilateral Sanctions Monitoring Team is an organization")


# ----------------------------------------------------------------- listings


def test_browser_curator_guide_is_no_reader_tab_and_not_searched(tab: BrowserTab, archive_site):
    page = tab.open("")
    tabs = page.locator(".md-tabs__link").all_inner_texts()
    assert "Curator guide" not in [t.strip() for t in tabs]
    index = json.loads((archive_site / "search" / "search_index.json").read_text("utf-8"))
    assert [d["location"] for d in index["docs"] if "curator-guide" in d["location"]] == []
    expect(tab.open("about/").get_by_role("link", name="curator guide")).to_be_visible()


def test_browser_topic_counts_agree_between_tree_and_pages(tab: BrowserTab):
    page = tab.open("topics/")
    tree = {
        a.inner_text(): a.evaluate("a => a.nextSibling.textContent.trim()")
        for a in page.locator("ul.pa-topictree a").all()
    }
    checked = [x for x in ("Sanctions", "Alliances and deterrence") if x in tree]
    assert checked, f"neither topic is in the tree: {sorted(tree)}"
    for label in checked:
        page.locator("ul.pa-topictree a", has_text=label).first.click()
        expect(_metadata_row(page, "Documents")).to_have_text(tree[label].strip("()"))
        tab.open("topics/")


def test_browser_unregistered_actor_is_explained_in_plain_words(tab: BrowserTab):
    page = tab.open("actors/")
    expect(page.locator(".pa-badge").first).to_have_text("not yet checked")
    expect(page.locator("article")).not_to_contain_text("detected")


# ----------------------------------------------------------------- navigation


def test_browser_navigation_actor_document_topic(tab: BrowserTab):
    page = tab.open(SEED_PAGE)
    expect(_h1(page)).to_have_text(SEED_TITLE)
    page.locator("dl.pa-meta a", has_text="Lloyd Austin").first.click()
    expect(_h1(page)).to_have_text("Lloyd Austin")
    page.locator("ul.pa-doclist a", has_text=UDCG_TITLE).first.click()
    expect(_h1(page)).to_have_text(UDCG_TITLE)
    topic = _metadata_row(page, "Topics").locator("a").first
    label = topic.inner_text()
    topic.click()
    expect(_h1(page)).to_have_text(label)


# ----------------------------------------------------------------- abbreviations


@pytest.mark.parametrize(
    ("path", "abbr", "expansion"),
    [
        (SEED_PAGE, "SCM", "Security Consultative Meeting"),
        (SEED_PAGE, "ICBM", "intercontinental ballistic missile"),
        # The acronym of an organization the text defines: an actor and an abbreviation.
        (TREASURY_PAGE, "CFIUS", "Committee on Foreign Investment in the United States"),
    ],
    ids=["SCM", "ICBM", "CFIUS"],
)
def test_browser_abbreviation_shows_its_expansion(
    tab: BrowserTab, path: str, abbr: str, expansion: str
):
    page = tab.open(path)
    element = page.locator(".pa-body abbr", has_text=abbr).first
    expect(element).to_have_attribute("title", expansion)
    shown = page.get_by_text(expansion, exact=True).filter(visible=True)
    before = shown.count()  # the long form may also be written out in the text
    element.hover()
    expect(shown).to_have_count(before + 1)


# ----------------------------------------------------------------- citation metadata


def test_browser_citation_block_shows_the_reference(tab: BrowserTab):
    page = tab.open(SEED_PAGE)
    block = page.locator("details.pa-cite")
    block.locator("summary", has_text="Cite this document").click()
    expect(block.locator(".pa-cite-text")).to_be_visible()
    expect(block.locator(".pa-cite-text")).to_contain_text(SEED_TITLE)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("citation_title", SEED_TITLE),
        ("DC.title", SEED_TITLE),
        ("DC.date", "2024-10-30"),
    ],
)
def test_browser_document_meta_tag(tab: BrowserTab, name: str, content: str):
    assert _meta(tab.open(SEED_PAGE), name) == [content]


def test_browser_document_citation_date(tab: BrowserTab):
    page = tab.open(SEED_PAGE)
    dates = _meta(page, "citation_publication_date") + _meta(page, "citation_date")
    assert dates, "neither citation_publication_date nor citation_date is present"
    assert {d.replace("/", "-") for d in dates} == {"2024-10-30"}


@pytest.mark.parametrize(
    ("path", "authors"),
    [
        (RED_SEA_PAGE, ["Jane Marlow"]),  # the person the header names as author
        (EU_PAGE, []),  # published by an organization: no author
        (SEED_PAGE, []),  # the people a document mentions are not its authors
        (REMARKS_PAGE, ["Antony J. Blinken"]),  # "Name, Secretary of State" under the title
        (OPED_PAGE, ["Helena Marsh"]),  # "By Name, fellow" under the title
    ],
    ids=[
        "author-in-header",
        "organization-publisher",
        "people-mentioned",
        "name-and-title-byline",
        "by-byline",
    ],
)
def test_browser_citation_authors_are_people(tab: BrowserTab, path: str, authors: list[str]):
    assert _meta(tab.open(path), "citation_author") == authors


# ----------------------------------------------------------------- provenance


@pytest.mark.parametrize(
    ("path", "publisher", "url"),
    [(REMARKS_PAGE, "Example Department of State", REMARKS_URL), (OPED_PAGE, None, OPED_URL)],
    ids=["remarks", "op-ed"],
)
def test_browser_document_names_its_original(tab: BrowserTab, path, publisher, url):
    page = tab.open(path)
    row = _metadata_row(page, "Published by")
    if publisher:
        expect(row).to_contain_text(publisher)
    expect(row.locator("a")).to_have_attribute("href", url)
    assert _meta(page, "DC.source") == [url]
    block = page.locator("details.pa-cite")
    block.locator("summary").click()
    expect(block.locator(".pa-cite-text")).to_contain_text(url)
    expect(block.locator("pre").first).to_contain_text(f"url = {{{url}}}")


def test_browser_byline_is_shown_as_a_byline(tab: BrowserTab):
    page = tab.open(REMARKS_PAGE)
    expect(page.locator(".pa-byline")).to_have_text("Antony J. Blinken, Secretary of State")
    expect(page.locator(".pa-subtitle")).to_have_count(0)
    expect(_metadata_row(page, "Author")).to_have_text("Antony J. Blinken")


@pytest.mark.parametrize(
    ("path", "seed"),
    [(REMARKS_PAGE, "seeds/2024-06-13-critical-minerals-remarks.txt"), (EU_PAGE, None)],
    ids=["top-level-seed", "seed-in-folder"],
)
def test_browser_document_links_its_source_text(tab: BrowserTab, path, seed):
    page = tab.open(path)
    seed = seed or "seeds/" + path.removeprefix("documents/").rstrip("/") + ".txt"
    row = _metadata_row(page, "Source text")
    view = row.get_by_role("link", name="View the source text")
    edit = row.get_by_role("link", name="Suggest a correction")
    expect(view).to_have_attribute("href", f"{REPO_URL}/blob/main/{seed}")
    expect(edit).to_have_attribute("href", f"{REPO_URL}/edit/main/{seed}")


@pytest.mark.parametrize(
    ("path", "based_on"),
    [
        (REMARKS_PAGE, REMARKS_URL),
        (SEED_PAGE, f"{REPO_URL}/blob/main/seeds/000_61da1cec703a9f14.txt"),
    ],
    ids=["original-url", "seed-in-repository"],
)
def test_browser_json_ld_is_based_on_a_url(tab: BrowserTab, path, based_on):
    page = tab.open(path)
    blocks = page.locator('script[type="application/ld+json"]').all_text_contents()
    assert [json.loads(b).get("isBasedOn") for b in blocks] == [based_on]


# ----------------------------------------------------------------- undated documents

ATOM = {"a": "http://www.w3.org/2005/Atom"}
OPED_TITLE = "Sanctions on Myanmar's junta need allies in Asia"


def test_browser_undated_document_tells_the_reader(tab: BrowserTab):
    page = tab.open(OPED_PAGE)
    expect(_metadata_row(page, "Date")).to_have_text("Date unknown")
    note = page.locator(".pa-note-date")
    expect(note).to_contain_text("does not say when it was written")
    expect(note).not_to_contain_text("front-matter")
    page.locator("details.pa-cite summary").click()
    cite = page.locator(".pa-cite-text")
    expect(cite).to_contain_text(" n.d. ")
    assert "n.d.." not in cite.inner_text()


def test_browser_timeline_lists_undated_documents(tab: BrowserTab):
    page = tab.open("timeline/")
    section = page.locator("h2#undated + p + ul")
    expect(section.get_by_role("link", name=OPED_TITLE)).to_be_visible()


def test_browser_feed_lists_undated_documents(tab: BrowserTab):
    root = ET.fromstring(tab.page.request.get(tab.base + "feed.xml").body())
    summaries = {
        e.findtext("a:title", namespaces=ATOM): e.findtext("a:summary", namespaces=ATOM)
        for e in root.findall("a:entry", ATOM)
    }
    assert OPED_TITLE in summaries, "the undated document is not in the feed"
    assert summaries[OPED_TITLE].startswith("Date unknown")


@pytest.mark.parametrize(
    ("path", "kind", "description"),
    [
        ("actors/myanmar/", "Country", "Myanmar is a country named in"),
        ("actors/lloyd-austin/", "Person", "Lloyd Austin is a person named in"),
        (
            "actors/msmt/",
            "Organization",
            "Multilateral Sanctions Monitoring Team is an organization",
        ),
        ("topics/sanctions/", "DefinedTerm", "Sanctions: "),
    ],
    ids=["country", "person", "organization", "topic"],
)
def test_browser_actor_and_topic_pages_describe_themselves(
    tab: BrowserTab, path, kind, description
):
    page = tab.open(path)
    assert _meta(page, "description")[0].startswith(description)
    blocks = page.locator('script[type="application/ld+json"]').all_text_contents()
    assert [json.loads(b)["@type"] for b in blocks] == [kind]


@pytest.mark.parametrize("key", ["@type", "about", "mentions"])
def test_browser_document_json_ld(tab: BrowserTab, key: str):
    page = tab.open(SEED_PAGE)
    blocks = page.locator('script[type="application/ld+json"]').all_text_contents()
    assert blocks, "no application/ld+json block"
    described = [data for data in map(json.loads, blocks) if "@type" in data]
    assert described, "no JSON-LD block has an @type"
    assert described[0].get(key), f"JSON-LD has no {key!r}: {described[0]}"


# ----------------------------------------------------------------- console and network


def _tour(tab: BrowserTab) -> None:
    for path in TOUR:
        tab.open(path, settle=True)
    _search(tab.page, "Austin")
    expect(tab.page.locator(".md-search-result__list li").first).to_be_visible()


def test_browser_console_shows_no_errors(tab: BrowserTab):
    _tour(tab)
    assert not tab.console_errors, "console errors:\n" + "\n".join(tab.console_errors)


def test_browser_requests_stay_on_localhost(tab: BrowserTab):
    _tour(tab)
    assert tab.requests, "no request was recorded"
    outside = sorted({url for url in tab.requests if urlsplit(url).hostname != "127.0.0.1"})
    assert not outside, "requests leaving 127.0.0.1:\n" + "\n".join(outside)


# ----------------------------------------------------------------- charts


@pytest.mark.parametrize("path", ["", "timeline/"], ids=["home", "timeline"])
def test_browser_page_shows_a_chart(tab: BrowserTab, path: str):
    page = tab.open(path)
    expect(page.locator("article svg.pa-chart").first).to_be_visible()


# ----------------------------------------------------------------- screenshots


@pytest.mark.parametrize("width", WIDTHS)
def test_browser_screenshots_are_saved(tab: BrowserTab, capsys, width: int):
    folder = screenshot_dir()
    tab.page.set_viewport_size({"width": width, "height": 900})
    for name, path in SCREENSHOTS.items():
        target = folder / f"{name}-{width}.png"
        target.unlink(missing_ok=True)
        tab.open(path).screenshot(path=str(target), full_page=True)
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", target
    with capsys.disabled():
        print(f"\nscreenshots of {', '.join(SCREENSHOTS)} at {width} px saved in {folder}")


# ----------------------------------------------------------------- statements


def test_browser_actor_statement_leads_to_its_place_in_the_text(tab: BrowserTab):
    page = tab.open("actors/janet-yellen/")
    expect(page.locator("h2", has_text="Statements")).to_be_visible()
    page.locator("a", has_text="All ").last.click()
    expect(_h1(page)).to_have_text("Statements by Janet Yellen")
    item = (
        page.locator("ul.pa-statements li")
        .filter(has=page.locator("a.pa-statement-doc[href*='#']"))
        .first
    )
    words = item.locator("q.pa-statement").inner_text()
    item.locator("a.pa-statement-doc").click()
    anchor = urlsplit(page.url).fragment
    assert anchor, page.url
    paragraph = page.locator(f"p#{anchor}")
    expect(paragraph).to_contain_text(words)
    expect(paragraph).to_be_in_viewport()


def test_browser_search_finds_a_statement_and_its_speaker(tab: BrowserTab):
    page = tab.open("")
    _search(page, "decouple")
    results = page.locator(".md-search-result__list")
    expect(results).to_contain_text(TREASURY_TITLE)
    # the document itself is among the results (its speaker's statements page may be too)
    results.locator("a[href*='documents/']", has_text=TREASURY_TITLE).first.click()
    statements = page.locator("ul.pa-statements li", has_text="not meant to decouple")
    expect(statements.locator("a.pa-speaker")).to_have_text("Janet Yellen")


# ----------------------------------------------------------------- accessibility

AXE = ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Serious or critical violations that come from the theme and that its palette and
# overrides cannot fix, as (rule, part of the element's selector).  None remain today.
THEME_VIOLATIONS: set[tuple[str, str]] = set()
AXE_RUN = """async tags => (await axe.run(document, {runOnly: {type: "tag", values: tags}}))
    .violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .flatMap(v => v.nodes.map(n => [v.id, n.target.join(" ")]))"""


def _axe_violations(page: Page) -> list[tuple[str, str]]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test` (or `cd .ci && npm ci`)", pytrace=False)
    page.add_script_tag(path=str(AXE))
    found = [tuple(v) for v in page.evaluate(AXE_RUN, AXE_TAGS)]
    return [v for v in found if not any(v[0] == r and s in v[1] for r, s in THEME_VIOLATIONS)]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", list(SCREENSHOTS.values()), ids=list(SCREENSHOTS))
def test_browser_axe_finds_no_serious_violation(tab: BrowserTab, path: str, width: int):
    tab.page.set_viewport_size({"width": width, "height": 900})
    assert _axe_violations(tab.open(path)) == []


LIGHTHOUSE = ROOT / ".ci" / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = {"home": "", "document": SEED_PAGE, "actor": "actors/lloyd-austin/"}


@pytest.mark.parametrize("path", list(LIGHTHOUSE_PAGES.values()), ids=list(LIGHTHOUSE_PAGES))
def test_browser_lighthouse_accessibility_and_seo(archive_url, tmp_path, capsys, path: str):
    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE} is missing: run `make test` (or `cd .ci && npm ci`)")
    report = tmp_path / "lighthouse.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            archive_url + path,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=accessibility,seo",
            f"--chrome-path={chromium_path()}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    categories = json.loads(report.read_text("utf-8"))["categories"]
    scores = {name: round(c["score"] * 100) for name, c in categories.items()}
    with capsys.disabled():
        print(f"\nLighthouse {path or 'home'}: {scores}")
    assert scores["accessibility"] >= 95 and scores["seo"] == 100, scores


def test_browser_search_dialog_has_a_name(tab: BrowserTab):
    dialog = tab.open("").locator(".md-search[role='dialog']")
    expect(dialog).to_have_attribute("aria-label", "Search")


# ----------------------------------------------------------------- phones and keyboards


@pytest.mark.parametrize("path", list(SCREENSHOTS.values()), ids=list(SCREENSHOTS))
def test_browser_no_sideways_overflow_on_a_phone(tab: BrowserTab, path: str):
    tab.page.set_viewport_size({"width": 390, "height": 844})
    page = tab.open(path)
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"{path or 'home'} is {wide} px wide on a 390 px screen"


def test_browser_abbreviation_reachable_by_keyboard_and_unlike_an_actor_link(tab: BrowserTab):
    page = tab.open(SEED_PAGE)
    abbr = page.locator(".pa-body abbr[tabindex='0']").first
    abbr.focus()
    expect(abbr).to_be_focused()
    style = "e => getComputedStyle(e).textDecorationStyle + ' ' + getComputedStyle(e).color"
    actor = page.locator(".pa-body a.pa-actor").first
    assert abbr.evaluate(style) != actor.evaluate(style)


def test_browser_chart_is_an_image_with_its_links_beside_it(tab: BrowserTab):
    page = tab.open("")
    chart = page.locator(".pa-chart-wrap").first
    expect(chart.locator("svg[role='img'] a")).to_have_count(0)
    assert chart.locator("svg").get_attribute("aria-label").startswith("Documents over time, ")
    first = chart.locator("ul.pa-chart-links a").first
    year = first.inner_text().split()[-1]  # "Sep 2021", "Q3 2021" or "2021": its year's page
    first.click()
    expect(_h1(page)).to_have_text(year)
