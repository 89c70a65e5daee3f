"""Stage 4, index: listing pages and document contexts."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import frontmatter
import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.charts import CHAR_WIDTH, PAD, WIDTH, bar_chart, label_every
from build_tools.index import Site, contexts, index_pages, newest_first, time_bars
from build_tools.model import (
    Abbreviation,
    Actor,
    ActorRef,
    Event,
    Knowledge,
    Statement,
    Topic,
    TopicRef,
)

from tests.helpers import make_doc

US = ActorRef("united-states", "United States", "country", ("U.S.",))
KIM = ActorRef("kim-yong-hyun", "Kim Yong-hyun", "person", ("Kim Yong-hyun",), registered=False)
DETERRENCE = TopicRef("extended-deterrence", "Extended deterrence", 0.9)
KNOWLEDGE = Knowledge(
    topics=(
        Topic("deterrence", "Deterrence"),
        Topic("extended-deterrence", "Extended deterrence", broader="deterrence"),
    )
)


def docs(n: int = 3):
    return [
        make_doc(
            f"Body {i}.",
            slug=f"d{i}",
            title=f"Doc {i}",
            date=f"2024-0{i + 1}-1{i}",
            date_precision="day",
            actors=(US, KIM) if i % 2 == 0 else (US,),
            topics=(DETERRENCE,),
            events=(Event(f"2023-0{i + 1}", "month", f"Event {i}."),),
        )
        for i in range(n)
    ] + [make_doc("Undated body.", slug="undated", title="Undated doc")]


def pages_by_src(documents, site=Site()):
    return {p.src: p.markdown for p in index_pages(documents, KNOWLEDGE, site)}


def test_index_newest_first_puts_undated_last():
    assert [d.slug for d in newest_first(docs())] == ["d2", "d1", "d0", "undated"]


def test_index_pages_exist_for_every_actor_topic_and_year():
    pages = pages_by_src(docs())
    for src in [
        "index.md",
        "glossary.md",
        "timeline/index.md",
        "timeline/2024.md",
        "timeline/undated.md",
        "actors/index.md",
        "actors/united-states.md",
        "actors/kim-yong-hyun.md",
        "topics/index.md",
        "topics/extended-deterrence.md",
    ]:
        assert src in pages


def test_index_actor_page_lists_documents_newest_first_with_links():
    page = pages_by_src(docs())["actors/kim-yong-hyun.md"]
    assert page.index("Doc 2") < page.index("Doc 0")
    assert 'href="../../documents/d2/"' in page
    assert "Doc 1" not in page.split("## Documents")[1]
    assert "recognised in the text automatically" in page
    assert 'href="../../actors/united-states/"' in page  # appears with


def test_index_topic_tree_shows_broader_topics():
    page = pages_by_src(docs())["topics/index.md"]
    assert page.index("Deterrence") < page.index("Extended deterrence")


def test_index_year_page_lists_events_with_their_document():
    documents = docs() + [make_doc("B.", slug="e", date="2023-05", date_precision="month")]
    pages = pages_by_src(documents)
    assert "Events mentioned in 2023 (3)" in pages["timeline/2023.md"]
    page = pages["timeline/2023/events.md"]
    assert "Event 0." in page
    assert 'href="../../../documents/d0/"' in page


def test_index_subpages_link_relative_to_themselves():
    many = [
        make_doc("B.", slug=f"m{i:03d}", title=f"Many {i}", date="2024-05-01", actors=(US, KIM))
        for i in range(150)
    ]
    pages = pages_by_src(many, Site(page_size=100))
    assert 'href="../../../documents/m000/"' in pages["actors/united-states/2.md"]
    assert 'href="../../documents/m149/"' in pages["actors/united-states.md"]


def test_index_long_lists_are_paginated():
    many = [
        make_doc(
            "B.",
            slug=f"m{i:03d}",
            title=f"Many {i}",
            date="2024-05-01",
            date_precision="day",
            actors=(US,),
        )
        for i in range(250)
    ]
    pages = pages_by_src(many, Site(page_size=100))
    assert {
        "actors/united-states.md",
        "actors/united-states/2.md",
        "actors/united-states/3.md",
    } <= set(pages)
    assert pages["actors/united-states/3.md"].count("<li>") == 50


@given(count=st.integers(1, 5000), data=st.data())
def test_page_links_stay_few_and_reach_every_page(count, data):
    """A page of a long listing links to the first and last pages, its neighbours and
    pages 10, 100, … away: few links however long the listing, and any page is
    reached from any other in a few steps."""
    from build_tools.index.lists import ALL_PAGE_LINKS, page_numbers

    current = data.draw(st.integers(1, count))
    shown = page_numbers(current, count)
    assert shown == sorted(set(shown)) and all(1 <= k <= count for k in shown)
    if count <= ALL_PAGE_LINKS:
        assert shown == list(range(1, count + 1))
    assert {1, count, current} | {k for k in (current - 1, current + 1) if 1 <= k <= count} <= set(
        shown
    )
    assert len(shown) <= 7 + 2 * len(str(count))
    target, steps, here = data.draw(st.integers(1, count)), 0, current
    while here != target:  # follow the link nearest the target
        here = min(page_numbers(here, count), key=lambda k: abs(k - target))
        steps += 1
        assert steps <= 10 * len(str(count))


def test_index_long_listing_pages_link_some_pages_not_all():
    many = [
        make_doc("B.", slug=f"m{i:04d}", title=f"M {i}", date="2024-05-01", actors=(US,))
        for i in range(40)
    ]
    pages = pages_by_src(many, Site(page_size=2))  # 20 pages
    page = pages["actors/united-states/10.md"]
    links = page.split('class="pa-pages"')[1].split("</p>")[0]
    assert "<strong>10</strong>" in links
    for k in (1, 8, 9, 11, 12, 20):
        assert f">{k}</a>" in links
    assert ">5</a>" not in links and ">15</a>" not in links and links.count("…") == 2
    assert 'href="../../../actors/united-states/">1</a>' in links  # relative to page 10
    assert 'href="../../../actors/united-states/20/">20</a>' in links
    first = pages["actors/united-states.md"].split('class="pa-pages"')[1].split("</p>")[0]
    assert 'href="../../actors/united-states/11/">11</a>' in first and ">12</a>" not in first


@pytest.mark.parametrize(
    "slug, previous, following", [("d0", None, "d1"), ("d1", "d0", "d2"), ("d2", "d1", None)]
)
def test_index_contexts_previous_and_next_in_time(slug, previous, following):
    ctx = contexts(docs())[slug]
    assert (ctx.previous.slug if ctx.previous else None) == previous
    assert (ctx.next.slug if ctx.next else None) == following


def test_index_related_prefers_shared_rare_actors():
    ctx = contexts(docs())["d0"]
    assert ctx.related[0].slug == "d2"  # shares Kim Yong-hyun, rarer than the United States


def test_index_actor_page_lists_companions_without_repeating_them_in_a_graph():
    page = pages_by_src(docs())["actors/kim-yong-hyun.md"]
    assert "<svg" not in page
    assert "United States</a> (2 shared documents)" in page


def test_index_home_page_has_chart_and_data_links():
    page = pages_by_src(docs())["index.md"]
    assert '<svg class="pa-chart"' in page
    assert 'href="archive.json"' in page and 'href="feed.xml"' in page


def test_index_actor_lists_are_paginated_by_kind():
    people = tuple(
        ActorRef(f"person-{i:03d}", f"Person {i:03d}", "person", registered=False)
        for i in range(130)
    )
    many = [make_doc("B.", slug="one", title="One", date="2024-05-01", actors=people)]
    pages = pages_by_src(many, Site(page_size=100))
    assert pages["actors/index.md"].count("<li>") == 20  # the most documented of each kind
    assert "All 130 people" in pages["actors/index.md"]
    assert pages["actors/people.md"].count("<li>") == 100
    assert pages["actors/people/2.md"].count("<li>") == 30


def test_index_glossary_is_paginated():
    from build_tools.model import GlossaryEntry

    knowledge = Knowledge(
        glossary=tuple(GlossaryEntry(f"A{i:03d}", f"Thing {i}") for i in range(150))
    )
    used = tuple(Abbreviation(f"A{i:03d}", f"Thing {i}", "glossary") for i in range(150))
    documents = [make_doc("Body.", slug="g", abbreviations=used)]
    pages = {p.src: p.markdown for p in index_pages(documents, knowledge, Site(page_size=100))}
    assert pages["glossary.md"].count("<tr>") == 101
    assert pages["glossary/2.md"].count("<tr>") == 51


# ----------------------------------------------------------------- reuse between calls

ACTORS = [
    ActorRef("united-states", "United States", "country"),
    ActorRef("kim-yong-hyun", "Kim Yong-hyun", "person", registered=False),
    ActorRef("nato", "NATO", "organization", registered=False),
    ActorRef("ann-example", "Ann Example", "person", registered=False),
]
TOPICS = [
    TopicRef("extended-deterrence", "Extended deterrence", 0.9),
    TopicRef("deterrence", "Deterrence", 0.5),
]


def archive(n: int = 12):
    return [
        make_doc(
            f"Body {i}.",
            slug=f"a{i:02d}",
            title=f"Archive doc {i}",
            date=f"202{i % 4}-0{1 + i % 9}-1{i % 9}",
            actors=tuple(ACTORS[j] for j in range(4) if (i + j) % 3 == 0)
            + ((ACTORS[1],) if i == 0 else ()),  # the United States with Kim
            topics=(TOPICS[i % 2],),
            events=(Event(f"201{i % 5}", "year", f"Event {i}."),),
        )
        for i in range(n)
    ]


def edited(docs, change):
    from dataclasses import replace

    docs = list(docs)
    if change == "title":
        docs[3] = make_doc(
            "Body 3.",
            slug="a03",
            title="A new title",
            date=docs[3].date,
            actors=docs[3].actors,
            topics=docs[3].topics,
        )
    elif change == "actors":
        docs[4] = replace(docs[4], actors=(ACTORS[3],))
    elif change == "topic-and-date":
        docs[5] = replace(docs[5], topics=(TOPICS[0],), date="2019-12-01")
    elif change == "added":
        docs.append(
            make_doc("New.", slug="zz", title="New", date="2023-02-02", actors=(ACTORS[2],))
        )
    elif change == "removed":
        del docs[0]
    elif change == "new-actor":
        docs[6] = replace(
            docs[6], actors=(ActorRef("new-one", "New One", "person", registered=False),)
        )
    elif change == "co-actor-name":
        # The newest document, which does not name the United States, spells Kim anew:
        # the United States' page lists Kim (named with it in an older one) by that name.
        newest = max(range(len(docs)), key=lambda i: (docs[i].date, docs[i].slug))
        assert ACTORS[0] not in docs[newest].actors
        docs[newest] = replace(
            docs[newest], actors=(*docs[newest].actors, replace(ACTORS[1], name="Kim Yong Hyun"))
        )
    elif change == "statement":
        docs[2] = replace(docs[2], statements=(said(2, "A statement was made"),))
    return docs


CHANGES = [
    "title",
    "actors",
    "topic-and-date",
    "added",
    "removed",
    "new-actor",
    "co-actor-name",
    "statement",
]


def jobs_by_src(documents, site, knowledge=KNOWLEDGE):
    from build_tools.index import index_jobs

    return {job.src: job for job in index_jobs(documents, knowledge, site)}


def reused_equal_full(before_docs, after_docs, knowledge, site) -> None:
    """Pages whose key did not change are exactly the pages a full build makes."""
    before = jobs_by_src(before_docs, site, knowledge)
    after = jobs_by_src(after_docs, site, knowledge)
    for src, job in after.items():
        if src in before and before[src].key == job.key:
            assert before[src].build() == job.build(), src


@pytest.mark.parametrize("change", CHANGES)
def test_index_job_key_unchanged_only_when_page_unchanged(change):
    reused_equal_full(archive(), edited(archive(), change), KNOWLEDGE, Site(page_size=3))


@pytest.mark.parametrize("change", CHANGES)
def test_index_job_key_changes_when_page_changes(change):
    site = Site(page_size=3)
    before, after = jobs_by_src(archive(), site), jobs_by_src(edited(archive(), change), site)
    changed = {s for s in after if s in before and after[s].build() != before[s].build()}
    assert changed
    assert {s for s in changed if before[s].key == after[s].key} == set()


@pytest.mark.parametrize("change", ["title", "co-actor-name"])
def test_index_job_keys_keep_most_pages(change):
    site = Site(page_size=3)
    before, after = jobs_by_src(archive(), site), jobs_by_src(edited(archive(), change), site)
    kept = [s for s in after if s in before and before[s].key == after[s].key]
    assert len(kept) > len(after) // 2


def test_index_actor_page_shows_a_co_actor_renamed_in_a_newer_document():
    before = pages_by_src(archive())[f"actors/{ACTORS[0].id}.md"]
    after = pages_by_src(edited(archive(), "co-actor-name"))[f"actors/{ACTORS[0].id}.md"]
    assert "Kim Yong-hyun" in before.split("## Appears with")[1]
    assert "Kim Yong Hyun" in after.split("## Appears with")[1]


def test_index_job_keys_follow_a_co_actors_new_name():
    """A page is rebuilt when a name it shows changes, even in another document."""
    site = Site(page_size=3)
    before = jobs_by_src(archive(), site)
    after = jobs_by_src(edited(archive(), "co-actor-name"), site)
    src = f"actors/{ACTORS[0].id}.md"
    assert before[src].key != after[src].key
    assert "Kim Yong Hyun" in after[src].build()


@pytest.mark.parametrize(
    "parts",
    [("united-states",), ("a", ("b", "a")), (("x", 1, None), ["x"], {"k": "x"})],
)
def test_index_content_key_same_for_equal_parts_however_shared(parts):
    from build_tools.index import content_key

    def copied(value):  # the same values, every string a distinct object
        if isinstance(value, str):
            return "".join(list(value))
        if isinstance(value, (tuple, list)):
            return type(value)(copied(v) for v in value)
        if isinstance(value, dict):
            return {copied(k): copied(v) for k, v in value.items()}
        return value

    shared = tuple(parts) + tuple(parts)
    apart = tuple(parts) + copied(tuple(parts))
    assert content_key(*shared) == content_key(*apart)


def said(doc_index: int, text: str):
    return Statement(text, "reported", "kim-yong-hyun", cue="said", paragraph=1, span=(0, 5))


def test_index_actor_statements_newest_first_linked_to_the_paragraph():
    documents = [
        replace(d, statements=(said(i, f"Statement {i} was made"),))
        for i, d in enumerate(docs())
        if d.date
    ]
    pages = pages_by_src(documents, Site(page_size=2))
    first = pages["actors/kim-yong-hyun/statements.md"]
    assert first.index("Statement 2") < first.index("Statement 1")
    assert 'href="../../../documents/d2/#p1"' in first
    assert "Statement 0" in pages["actors/kim-yong-hyun/statements/2.md"]
    actor = pages["actors/kim-yong-hyun.md"]
    assert "## Statements" in actor and 'href="../../actors/kim-yong-hyun/statements/"' in actor


def test_index_unattributed_statement_makes_no_actor_page():
    [doc] = [d for d in docs() if d.slug == "d0"]
    doc = replace(doc, statements=(replace(said(0, "A statement"), speaker=None),))
    assert not any(src.endswith("/statements.md") for src in pages_by_src([doc]))


def _undated(n: int):
    return [make_doc("Body.", slug=f"u{i:02d}", title=f"Undated {i:02d}") for i in range(n)]


@pytest.mark.parametrize(
    ("n", "shown", "all_link"),
    [(1, 1, False), (3, 3, False), (12, 10, True)],
    ids=["one", "few", "many"],
)
def test_index_timeline_has_an_undated_section(n, shown, all_link):
    page = pages_by_src(docs(1)[:1] + _undated(n))["timeline/index.md"]
    section = page.split("## Undated", 1)[1]
    assert section.count("Date unknown — ") == shown
    assert (f"All {n} undated documents" in section) == all_link


def test_index_timeline_without_undated_documents_has_no_undated_section():
    assert "## Undated" not in pages_by_src(docs(2)[:2])["timeline/index.md"]


MYANMAR = ActorRef("myanmar", "Myanmar", "country", ("Myanmar",))


@pytest.mark.parametrize(
    ("aliases", "sentence"),
    [
        (
            ("Burma",),
            "Myanmar is a country named in 1 document of the archive. Also written Burma.",
        ),
        ((), "Myanmar is a country named in 1 document of the archive."),
    ],
)
def test_index_actor_page_sentence_names_every_alias(aliases, sentence):
    knowledge = Knowledge(actors=(Actor("myanmar", "Myanmar", "country", aliases=aliases),))
    doc = make_doc("Body.", slug="m", actors=(MYANMAR,), date="2024", date_precision="year")
    pages = {p.src: p.markdown for p in index_pages([doc], knowledge, Site())}
    assert f'<p class="pa-lede" data-pagefind-body="">{sentence}</p>' in pages["actors/myanmar.md"]


def test_index_metadata_labels_and_values_are_separate_words():
    page = pages_by_src(docs())["actors/united-states.md"]
    assert "<dt>Documents</dt>\n<dd>3</dd>" in page


def _glossary_rows(documents, knowledge):
    page = {p.src: p.markdown for p in index_pages(documents, knowledge, Site())}["glossary.md"]
    return [row.split("</abbr>")[0].rsplit(">", 1)[1] for row in page.split("<tr>")[2:]]


@pytest.mark.parametrize(
    ("used", "curated", "rows"),
    [
        ([["DOD"], ["DoD"]], ["DoD"], ["DoD"]),  # one row whatever the case, as curated
        ([["MOU"], ["MoU"]], [], ["MOU"]),  # not curated: as first met (newest document)
        ([["SCM"]], ["SCM", "ICBM"], ["SCM"]),  # curated but never used: left out
        ([[]], ["ICBM"], []),
    ],
    ids=["curated-case", "first-case", "unused-out", "none-used"],
)
def test_index_glossary_lists_abbreviations_used_once_per_abbreviation(used, curated, rows):
    from build_tools.model import GlossaryEntry

    knowledge = Knowledge(glossary=tuple(GlossaryEntry(a, f"{a} meaning") for a in curated))
    documents = [
        make_doc(
            "Body.",
            slug=f"d{i}",
            date=f"2024-0{9 - i}",
            date_precision="month",
            abbreviations=tuple(Abbreviation(a, f"{a} long") for a in abbrs),
        )
        for i, abbrs in enumerate(used)
    ]
    assert _glossary_rows(documents, knowledge) == rows


def _with(actors, slug):
    refs = tuple(ActorRef(i, name, "country") for i, name in actors)
    return make_doc(
        "Body.", slug=slug, date="2024", date_precision="year", actors=refs, topics=(DETERRENCE,)
    )


def test_index_actors_most_present_rank_by_documents_then_name():
    # ids sort the other way round from the names: the names decide.
    actors = [("a-id", "Zulu"), ("c-id", "Bravo"), ("b-id", "Charlie")]
    documents = [_with(actors, "x"), _with(actors[:1], "y")]
    page = pages_by_src(documents)["topics/extended-deterrence.md"]
    section = page.split("## Actors most present", 1)[1].split("## Documents", 1)[0]
    assert section.index("Zulu") < section.index("Bravo") < section.index("Charlie")


@pytest.mark.parametrize(("n", "text"), [(1, "(1 shared document)"), (2, "(2 shared documents)")])
def test_index_appears_with_says_document_in_the_singular(n, text):
    documents = [_with([("aa", "Aa"), ("bb", "Bb")], f"d{i}") for i in range(n)]
    assert text in pages_by_src(documents)["actors/aa.md"]


US_ONLY = make_doc("Body.", slug="us-only", date="2024-05-01", date_precision="day", actors=(US,))


@pytest.mark.parametrize(
    ("slug", "related"),
    [
        ("d0", ["d2", "d1"]),  # d2 shares US, Kim and the topic; d1 US and the topic
        ("us-only", []),  # one country in common is no relation
    ],
)
def test_index_related_only_when_enough_is_shared(slug, related):
    ctx = contexts(docs() + [US_ONLY])[slug]
    assert [d.slug for d in ctx.related] == related


def test_index_year_without_documents_has_no_page_but_its_events():
    pages = pages_by_src(docs())  # 2023 has events but no document
    assert "timeline/2023.md" not in pages
    assert "timeline/2023/events.md" in pages
    index = pages["timeline/index.md"]
    assert 'href="../timeline/2023/"' not in index
    assert 'href="../timeline/2023/events/"' in index


def _dated(*dates):
    return [make_doc("B.", slug=f"t{i}", date=d, date_precision="day") for i, d in enumerate(dates)]


@pytest.mark.parametrize(
    ("dates", "first", "last", "count"),
    [
        (("2024-03-05", "2024-06-01"), "Mar 2024", "Jun 2024", 4),  # months, trimmed to the data
        (("2022-11-05", "2024-10-01"), "Nov 2022", "Oct 2024", 24),
        (("2021-02-05", "2024-10-01"), "Q1 2021", "Q4 2024", 16),  # quarters
        (("2001-02-05", "2024-10-01"), "2001", "2024", 24),  # years
        (("2024",), "2024", "2024", 1),  # a year alone
    ],
    ids=["months", "two-years", "quarters", "years", "year-only"],
)
def test_index_time_bars_period_from_the_span(dates, first, last, count):
    bars = time_bars(_dated(*dates), "index.md", Site())
    assert (bars[0][0], bars[-1][0], len(bars)) == (first, last, count)
    assert sum(v for _, v, _ in bars) == len(dates)


@pytest.mark.parametrize("n", [4, 24, 60])
def test_charts_labels_never_overlap(n):
    labels = [f"Sep {2000 + i}" for i in range(n)]
    every = label_every(labels)
    shown = len(range(0, n, every))
    assert shown * (len(labels[0]) * CHAR_WIDTH) <= WIDTH - 2 * PAD


def test_charts_bar_chart_is_an_image_with_its_links_beside_it():
    chart = bar_chart([("2023", 2, "y/2023/"), ("2024", 0, None), ("2025", 1, "y/2025/")], "Docs")
    picture, rest = chart.split("</svg>", 1)
    assert "<a " not in picture and 'role="img"' in picture
    assert 'aria-label="Docs, 2023 to 2025: 3 documents; most in 2023 (2)."' in picture
    assert '<a href="y/2023/">2023</a> (2)' in rest and "2024" not in rest


@pytest.mark.parametrize(
    ("src", "kind", "description"),
    [
        ("actors/united-states.md", "Country", "United States is a country named in 3 documents"),
        ("actors/kim-yong-hyun.md", "Person", "Kim Yong-hyun is a person named in 2 documents"),
        ("topics/extended-deterrence.md", "DefinedTerm", "Extended deterrence: 3 documents"),
    ],
)
def test_index_actor_and_topic_pages_have_their_own_description_and_json_ld(src, kind, description):
    post = frontmatter.loads(pages_by_src(docs())[src])
    assert post["description"].startswith(description)
    assert post["jsonld"]["@type"] == kind
    assert post["jsonld"]["name"] == post["title"]


THREE_LEVELS = Knowledge(
    topics=(
        Topic("sanctions", "Sanctions"),
        Topic("export-controls", "Export controls", broader="sanctions"),
        Topic("chip-controls", "Chip controls", broader="export-controls"),
    )
)


def _topical(slug, *topic_ids):
    refs = tuple(TopicRef(t, t, 1.0) for t in topic_ids)
    return make_doc("B.", slug=slug, date="2024", date_precision="year", topics=refs)


def test_index_topic_pages_include_narrower_topics_documents_with_consistent_counts():
    documents = [
        _topical("a", "sanctions"),
        _topical("b", "export-controls"),
        _topical("c", "chip-controls"),
        _topical("d", "chip-controls", "sanctions"),  # counted once
    ]
    pages = {p.src: p.markdown for p in index_pages(documents, THREE_LEVELS, Site())}
    top = pages["topics/sanctions.md"]
    assert "<dt>Documents</dt>\n<dd>4</dd>" in top
    assert top.count('href="../../documents/d/"') == 1
    assert "(under <a" in top.split('href="../../documents/c/"')[1].split("</li>")[0]
    assert "(under" not in top.split('href="../../documents/d/"')[1].split("</li>")[0]
    assert "<dt>Documents</dt>\n<dd>3</dd>" in pages["topics/export-controls.md"]
    tree = pages["topics/index.md"]
    assert "Sanctions</a> (4)" in tree and "Export controls</a> (3)" in tree
    assert "Chip controls</a> (2)" in tree


def test_index_topic_page_of_only_narrower_documents_exists():
    pages = {
        p.src: p.markdown
        for p in index_pages([_topical("c", "chip-controls")], THREE_LEVELS, Site())
    }
    assert "topics/sanctions.md" in pages


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (("chip-controls",), ()),  # a grandchild topic's document loses its topic
        ((), ("chip-controls",)),  # or gains it
    ],
    ids=["lost", "gained"],
)
def test_index_reused_topic_pages_follow_narrower_topics_at_every_depth(before, after):
    first = [_topical("a", "sanctions"), _topical("c", *before)]
    second = [_topical("a", "sanctions"), _topical("c", *after)]
    reused_equal_full(first, second, THREE_LEVELS, Site())


def test_index_only_the_hub_page_listing_a_retitled_document_changes_key():
    site = Site(page_size=2)
    before, after = jobs_by_src(archive(), site), jobs_by_src(edited(archive(), "title"), site)
    topic = [s for s in after if s.startswith(f"topics/{TOPICS[1].id}")]
    assert len(topic) == 6  # twelve documents (with the narrower topic's), two a page
    changed = [s for s in topic if before[s].key != after[s].key]
    assert len(changed) == 1 and "A new title" in after[changed[0]].build()


@given(
    st.dictionaries(
        st.sampled_from([f"a{i}" for i in range(40)]), st.integers(1, 6), min_size=0, max_size=40
    ),
    st.lists(st.sampled_from(["Ann", "ann", "Bo", "Zed", "émile", "Émile"]), min_size=40),
)
def test_partners_are_the_most_shared_then_by_name(counts, spellings):
    from build_tools.index.actors import TOP, _partners

    names = {f"a{i}": spellings[i] for i in range(40)}
    every = sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]].casefold(), kv[0]))
    expected = tuple((i, names[i], n) for i, n in every[:TOP])
    assert _partners(Counter(counts), names) == expected
