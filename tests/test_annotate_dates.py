"""The dates annotator: the document date, date spans and dated events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.annotate import annotate, dates
from build_tools.annotate.dates.calc import years_fitting
from build_tools.model import Block, Document, Seed
from tests.helpers import make_doc

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_61da1cec703a9f14.txt"


def run(knowledge, *paragraphs: str, **kwargs) -> Document:
    return dates.annotate(make_doc(*paragraphs, **kwargs), knowledge)


def marked(doc: Document) -> list[tuple[str, str]]:
    """(surface text, ISO date) of every date span."""
    return [
        (doc.seed.blocks[s.block].text[s.start : s.end], s.target)
        for s in doc.spans
        if s.kind == "date"
    ]


# ------------------------------------------------------------ the document date

DOCUMENT_DATES = [
    # Yonhap / Xinhua / Reuters datelines, with the year from elsewhere in the text
    (
        [
            "SEOUL, Oct. 30 (Yonhap) -- Officials said it has been 2 years and 3 months"
            + " since the talks in July 2022."
        ],
        "2024-10-30",
        "dateline",
    ),
    (
        ["WASHINGTON, July 11, 2024 — Secretary Blinken met today with Minister Cho."],
        "2024-07-11",
        "dateline",
    ),
    (
        ["BRUSSELS, 15 March 2023 - The Council adopted conclusions on Ukraine."],
        "2023-03-15",
        "dateline",
    ),
    (["Brussels, Wednesday, 15 March 2023 – EU ministers met."], "2023-03-15", "dateline"),
    (
        ["TOKYO, Dec. 3, 2025 (Reuters) - Japan's cabinet approved the plan."],
        "2025-12-03",
        "dateline",
    ),
    # publication lines and a date alone at the top (State Dept, EU communiqués)
    (
        ["Published: 11 July 2024", "The Council adopted conclusions yesterday."],
        "2024-07-11",
        "publication-line",
    ),
    (["Last updated: 2024-11-05", "The agency issued guidance."], "2024-11-05", "publication-line"),
    (
        ["For Immediate Release", "July 11, 2024", "The Secretary will travel to Tokyo."],
        "2024-07-11",
        "date-at-top",
    ),
    (["November 2024", "Joint statement of the foreign ministers."], "2024-11", "date-at-top"),
    (["12.02.2025", "The minister took part in the meeting."], "2025-02-12", "date-at-top"),
    (["Commentary | April 2024", "The rivalry changed."], "2024-04", "publication-line"),
    # elapsed time, then the earliest upcoming event of that month
    (
        [
            "It has been 3 years and 2 months since the summit in May 2021.",
            "The envoys will meet on the 12th. The forum was launched on the 3rd.",
        ],
        "2024-07-12",
        "upcoming-event",
    ),
    (["It has been two years since the accord was signed in 2022."], "2024", "elapsed-time"),
    # a full date in the opening; later past dates cut it back
    (["The leaders met on July 11, 2024 in Washington."], "2024-07-11", "lede-date"),
    (
        ["Ministers met on 2 July 2024.", "Talks resumed on 20 July 2024 in Geneva."],
        "2024-07",
        "lede-date",
    ),
    # other publication formats: slashed places, times, "Posted ... by", day-first slashes
    (
        ["LAGOS/ACCRA, Feb 3, 2025 (Reuters) - Both central banks cut rates."],
        "2025-02-03",
        "dateline",
    ),
    (["March 12, 2024, 2:15 p.m. EDT", "MR SMITH: Good afternoon."], "2024-03-12", "date-at-top"),
    (
        ["Posted March 12, 2024 by the press office", "The embassy reopened."],
        "2024-03-12",
        "publication-line",
    ),
    (["Issued on: 25/03/2024", "The ministry issued guidance."], "2024-03-25", "publication-line"),
    # a place-and-date line closing a statement
    (
        [
            "The two sides agreed to expand coastal patrols.",
            "They will share radar data.",
            "A joint exercise follows in the autumn.",
            "Canberra",
            "3 March 2025",
        ],
        "2025-03-03",
        "sign-off",
    ),
    (
        [
            "Ministers met.",
            "They agreed.",
            "They parted.",
            "More talks follow.",
            "Done at Nairobi, 14 February 2024",
        ],
        "2024-02-14",
        "sign-off",
    ),
    # a date without its year: the year the other dates and a written weekday leave
    (
        [
            "KINGSTON, Thursday, 6 March (JIS) - The minister said the port levy will apply from 2026."
        ],
        "2025-03-06",
        "year-from-text",
    ),
    (
        [
            "The plan was published on Tuesday 14 October.",
            "Every school gets a fibre link by 2027.",
        ],
        "2025-10-14",
        "year-from-text",
    ),
    (
        [
            "On 9 May, the ministers signed the accord, under negotiation since November 2023.",
            "They will meet again in February 2025.",
        ],
        "2024-05-09",
        "year-from-text",
    ),
    # the day of the announcement, not of the future event it announces
    (
        [
            "The ministry announced on Tuesday, 11 March, that the tariffs would take effect"
            + " on Monday, 24 March.",
            "It has been one year since the first duties were imposed in March 2024.",
        ],
        "2025-03-11",
        "lede-date",
    ),
    (
        [
            "The envoys said on 4 February that the truce would begin on 9 February.",
            "It has been 2 years and 6 months since the war began in August 2022.",
        ],
        "2025-02-04",
        "lede-date",
    ),
    # "two years after ... in June 2023" dates the opening's own event
    (
        ["The treaty entered into force on the 3rd, two years after it was signed in June 2023."],
        "2025-06-03",
        "elapsed-time",
    ),
]


@pytest.mark.parametrize(("paragraphs", "date", "rule"), DOCUMENT_DATES)
def test_dates_document_date(knowledge, paragraphs, date, rule):
    doc = run(knowledge, *paragraphs)
    assert doc.date == date
    assert doc.date_precision == {4: "year", 7: "month", 10: "day"}[len(date)]
    assert rule in [e.rule for e in doc.date_evidence]
    assert any(n.kind == "date" and date in n.text for n in doc.notes)


UNDATED = [
    ["The ministers will meet on the 30th to discuss sanctions."],
    ["SEOUL, Oct. 30 (Yonhap) -- South Korea said on Wednesday it will send observers."],
    ["He said the talks took place last June and would resume next week."],
    ["The summit will be held on July 15-16, 2026 in Vilnius."],
    ["UN Resolution 2397 was backed by 11 countries in the 2+2 format."],
    # a year-less date with only one bound, or a weekday but no nearby year ahead
    ["On October 24, the ministers spoke by phone, following the summit in June 2024."],
    ["On Monday 2 June, ministers recalled that the border was redrawn in 2014."],
    ["ROME, Friday, 7 March (ANSA) - The minister spoke about the budget."],
    ["The sanctions will lapse two years after their adoption in May 2024."],
    # a future date on the last line is no closing line
    [
        "Ministers met.",
        "They agreed.",
        "They parted.",
        "More talks follow.",
        "The next round will be held in Geneva, 12 March 2025.",
    ],
]


@pytest.mark.parametrize("paragraphs", UNDATED)
def test_dates_undated_text_gets_warning(knowledge, paragraphs):
    doc = run(knowledge, *paragraphs)
    assert (doc.date, doc.date_precision, doc.date_evidence) == (None, None, ())
    (note,) = [n for n in doc.notes if n.kind == "date"]
    assert "date: YYYY-MM-DD" in note.text and "YYYY-MM-DD-" in note.text


def test_dates_opening_day_needs_its_weekday_to_fit(knowledge):
    doc = run(
        knowledge,
        "The ministry announced on Monday, 11 March, that the tariffs would apply.",
        "It has been one year since the first duties were imposed in March 2024.",
    )
    assert (doc.date, doc.date_precision) == ("2025", "year")


def test_dates_year_from_text_note_names_the_dates_used(knowledge):
    doc = run(
        knowledge,
        "The plan was published on Tuesday 14 October.",
        "Every school gets a fibre link by 2027.",
    )
    (note,) = [n for n in doc.notes if n.kind == "date"]
    assert "2025 is the only year" in note.text and "“2027”" in note.text
    assert "Tuesday 14 October" in note.text


def test_dates_header_beats_text(knowledge):
    doc = run(
        knowledge, "WASHINGTON, July 11, 2024 — Talks.", header={"date": dt.date(2024, 7, 12)}
    )
    assert (doc.date, doc.date_evidence[0].rule) == ("2024-07-12", "header")
    assert not [n for n in doc.notes if n.kind == "date"]


@pytest.mark.parametrize(
    ("relpath", "date"),
    [
        ("2024-10-30-scm.txt", "2024-10-30"),
        ("2024-10_scm.txt", "2024-10"),
        ("news/2023-01-02.txt", "2023-01-02"),
    ],
)
def test_dates_filename_prefix(knowledge, relpath, date):
    doc = run(knowledge, "No dates here.", relpath=relpath)
    assert (doc.date, doc.date_evidence[0].rule) == (date, "filename")


def test_dates_filename_month_refined_by_dateline(knowledge):
    doc = run(knowledge, "SEOUL, Oct. 30 (Yonhap) -- Talks began.", relpath="2024-10-talks.txt")
    assert doc.date == "2024-10-30"
    assert [e.rule for e in doc.date_evidence] == ["filename", "dateline"]


def test_dates_filename_kept_when_text_disagrees(knowledge):
    doc = run(knowledge, "WASHINGTON, July 11, 2024 — Talks.", relpath="2024-10-30-x.txt")
    assert doc.date == "2024-10-30"
    assert any("2024-07-11" in n.text for n in doc.notes)


def test_dates_disagreeing_candidates_keep_shared_part(knowledge):
    doc = run(
        knowledge,
        "SEOUL, Oct. 30, 2024 (Yonhap) -- It has been 3 years and 8 months since the talks "
        "in March 2021.",
    )
    assert (doc.date, doc.date_precision) == ("2024", "year")
    assert any("disagree" in n.text for n in doc.notes)


def test_dates_past_events_alone_fix_no_day(knowledge):
    doc = run(
        knowledge,
        "It has been 3 years and 7 months since the meeting in March 2021. "
        "The team was launched on the 16th.",
    )
    assert (doc.date, doc.date_precision) == ("2024-10", "month")


# ------------------------------------------------------------ expressions

# (present of the text, sentence, expected (surface, ISO date) spans)
EXPRESSIONS = [
    (
        "2024-11-20",
        "He visited Seoul on Nov. 5 and will return on Dec. 2.",
        [("Nov. 5", "2024-11-05"), ("Dec. 2", "2024-12-02")],
    ),
    (
        "2024-10-01",
        "The ministers will meet on the 5th of November.",
        [("5th of November", "2024-11-05")],
    ),
    ("2024-10-01", "The meeting was held on 2024/11/05.", [("2024/11/05", "2024-11-05")]),
    ("2024-10-01", "The report, dated 2024-07-11, was published.", [("2024-07-11", "2024-07-11")]),
    (
        "2024-10-01",
        "The summit will be held on July 15-16, 2026.",
        [("July 15-16, 2026", "2026-07-15")],
    ),
    (
        "2024-10-01",
        "The summit will be held on 15-16 July 2026.",
        [("15-16 July 2026", "2026-07-15")],
    ),
    ("2024-10-01", "Talks took place in March 2021.", [("March 2021", "2021-03")]),
    ("2024-10-01", "The agreement of Oct. 30, 2024 stands.", [("Oct. 30, 2024", "2024-10-30")]),
    ("2024-10-01", "The accord was signed on 11 July 2024.", [("11 July 2024", "2024-07-11")]),
    ("2024-10-01", "The plan was first drafted in 2019.", [("2019", "2019")]),
    ("2025-03-01", "The decree of 12.02.2025 applies.", [("12.02.2025", "2025-02-12")]),
    ("2025-03-01", "The decree of 25/02/2025 applies.", [("25/02/2025", "2025-02-25")]),
    ("2025-03-01", "The decree of 2/25/2025 applies.", [("2/25/2025", "2025-02-25")]),
    ("2025-03-01", "The decree of 12/02/2025 applies.", [("12/02/2025", "2025")]),
    ("2024-10-30", "The treaty was signed at a summit last June.", [("last June", "2024-06")]),
    ("2024-03-10", "The treaty was signed at a summit last June.", [("last June", "2023-06")]),
    ("2024-03-10", "Elections are due next June.", [("next June", "2024-06")]),
    ("2024-10-30", "The team was launched on the 16th.", [("the 16th", "2024-10-16")]),
    (
        "2024-10-30",
        "The ministers will meet on the 31st (local time).",
        [("the 31st", "2024-10-31")],
    ),
    ("2024-11-02", "The talks were held on the 28th.", [("the 28th", "2024-10-28")]),
    ("2024-10-28", "The envoy will arrive on the 2nd.", [("the 2nd", "2024-11-02")]),
    ("2024-10-30", "The minister said today that talks continue.", [("today", "2024-10-30")]),
    ("2024-10-30", "The statement was issued yesterday.", [("yesterday", "2024-10-29")]),
    ("2024-10-30", "Voting begins tomorrow.", [("tomorrow", "2024-10-31")]),
    (
        "2024-10-30",
        "The foreign minister met his counterpart on Monday.",
        [("Monday", "2024-10-28")],
    ),
    ("2024-10-30", "The delegation will travel to Tokyo on Friday.", [("Friday", "2024-11-01")]),
    ("2024-10-30", "Talks with Seoul ended last Thursday.", [("last Thursday", "2024-10-24")]),
    (
        "2024-10-30",
        "The foreign minister met his counterpart last week.",
        [("last week", "2024-10")],
    ),
    ("2024-10-02", "Officials met last week.", [("last week", "2024-09")]),
    (
        "2024-10-30",
        "Earlier this month, the envoy visited Pyongyang.",
        [("Earlier this month", "2024-10")],
    ),
    ("2024-10-30", "The talks failed last month.", [("last month", "2024-09")]),
    ("2024-01-15", "The talks failed last month.", [("last month", "2023-12")]),
    ("2024-10-30", "The alliance will be upgraded next year.", [("next year", "2025")]),
    ("2024-10-30", "Trade grew last year.", [("last year", "2023")]),
    ("2024-10-30", "This year marks a turning point.", [("This year", "2024")]),
    ("2024-10-30", "He arrived two days ago.", [("two days ago", "2024-10-28")]),
    ("2024-10-30", "The armistice was signed 71 years ago.", [("71 years ago", "1953")]),
    ("2024-10", "The talks were held on the 16th.", [("the 16th", "2024-10-16")]),
    ("2024-12-10", "The envoy will visit in January.", [("January", "2025-01")]),
    ("2024-02-10", "The envoy visited in November.", [("November", "2023-11")]),
    ("2024-10-30", "Fighting continued from 2014 to 2022.", [("2014", "2014")]),
]


@pytest.mark.parametrize(("present", "sentence", "expected"), EXPRESSIONS)
def test_dates_expression(knowledge, present, sentence, expected):
    doc = run(knowledge, sentence, header={"date": present})
    assert marked(doc) == expected


NOT_DATES = [
    "MSMT is a coalition of 11 countries, including Korea.",
    "UN Resolution 2397 tightened sanctions.",
    "The 2+2 meeting continued.",
    "Revenue rose in the third quarter of 2024.",
    "The budget for fiscal 2025 was approved.",
    "Troops increased from 2000 to 3000.",
    "The ministers met on the 5th floor.",
    "He held the 56th Security Consultative Meeting.",
    "Over the last year, relations improved.",
    "Some 2024 troops were deployed.",
    "The plan may 5 times exceed it.",
    "Section 12.2024 of the code applies.",
    "Version 1.13.2024 was released.",
    "Version 3.12.2024 was released.",
    "The software version 2024.10.1 fixed it.",
    "Build 12/05/2024 is stable.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_dates_not_a_date(knowledge, sentence):
    doc = run(knowledge, sentence, header={"date": "2024-10-30"})
    assert marked(doc) == []
    assert doc.events == ()


UNRESOLVABLE = [
    "The ministers met on Wednesday.",
    "The talks failed yesterday.",
    "The team was launched on the 16th.",
    "The treaty was signed last June.",
]


@pytest.mark.parametrize("sentence", UNRESOLVABLE)
def test_dates_relative_without_present_is_skipped(knowledge, sentence):
    doc = run(knowledge, sentence)
    assert (marked(doc), doc.events) == ([], ())


def test_dates_weekday_needs_a_day_not_a_month(knowledge):
    doc = run(knowledge, "The ministers met on Wednesday.", header={"date": "2024-10"})
    assert marked(doc) == []


# ------------------------------------------------------------ calendar

# (month, day, weekday, after, before, span) → the years that fit
YEARS_FITTING = [
    ((1, 15, 2, [], [], (2010, 2030)), [2014, 2020, 2025]),
    ((1, 15, 2, [(2024, 10, None)], [], (2010, 2030)), [2025]),
    ((10, 24, None, [(2024, 6, None)], [(2025, 3, None)], (2000, 2099)), [2024]),
    ((10, 24, None, [(2024, 6, None)], [(2026, 3, None)], (2000, 2099)), [2024, 2025]),
    ((2, 29, None, [(2023, 1, 1)], [(2025, 1, 1)], (2000, 2099)), [2024]),
    ((6, None, None, [(2024, 6, 30)], [(2024, 6, 1)], (2000, 2099)), [2024]),
]


@pytest.mark.parametrize(("arguments", "years"), YEARS_FITTING)
def test_datecalc_years_fitting(arguments, years):
    assert years_fitting(*arguments) == years


# ------------------------------------------------------------ events


def test_dates_events_sorted_with_sentence_and_offsets(knowledge):
    doc = run(
        knowledge,
        "The envoy will visit next month. The accord was signed in March 2021.",
        header={"date": "2024-10-30"},
    )
    assert [e.date for e in doc.events] == ["2021-03", "2024-11"]
    event = doc.events[0]
    assert event.text == "The accord was signed in March 2021."
    assert doc.seed.blocks[event.block].text[event.start : event.end] == "March 2021"


def test_dates_dateline_is_no_event(knowledge):
    doc = run(knowledge, "WASHINGTON, July 11, 2024 — The talks ended yesterday.")
    assert [e.date for e in doc.events] == ["2024-07-10"]
    assert ("July 11, 2024", "2024-07-11") in marked(doc)


def _seed_doc() -> Document:
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    kinds = ["title", "subtitle"] + ["paragraph"] * (len(lines) - 2)
    blocks = tuple(Block(kind, line) for kind, line in zip(kinds, lines))
    return Document(seed=Seed(str(SEED), SEED.name, blocks), slug="seed")


def test_dates_seed_example(knowledge):
    doc = dates.annotate(_seed_doc(), knowledge)
    assert (doc.date, doc.date_precision) == ("2024-10-30", "day")
    assert [e.rule for e in doc.date_evidence] == ["elapsed-time", "upcoming-event"]
    wanted = {"2021-03", "2024-06", "2024-07", "2024-10-16", "2024-10-30", "2024-10-31"}
    assert wanted <= {e.date for e in doc.events}
    assert [e.date for e in doc.events] == sorted(e.date for e in doc.events)


# ------------------------------------------------------------ invariants

WORDS = st.sampled_from(
    [
        "on",
        "the",
        "30th",
        "Oct.",
        "30,",
        "2024",
        "last",
        "June",
        "in",
        "March",
        "2021",
        "yesterday",
        "Monday",
        "will",
        "was",
        "11",
        "countries",
        "2+2",
        "-",
        "—",
        "(local time)",
        "since",
        "3",
        "years",
        "ago",
        "Feb",
        "29",
        "31",
        "2023",
        ".",
        "SEOUL,",
        "2024/02/30",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=25).map(" ".join), min_size=1, max_size=4))
def test_dates_spans_stay_inside_their_block(knowledge, paragraphs):
    doc = run(knowledge, *paragraphs)
    for span in doc.spans:
        assert 0 <= span.start < span.end <= len(doc.seed.blocks[span.block].text)
    assert doc.seed == make_doc(*paragraphs).seed
    assert dates.annotate(make_doc(*paragraphs), knowledge) == doc


# ------------------------------------------------------------ numeric dates

# (paragraphs, header, document date) — a full stop may end a numeric date
NUMERIC_AT_SENTENCE_END = [
    (
        ["The decree was signed on 12.01.2025."],
        {"date": "2025-03-01"},
        [("12.01.2025", "2025-01-12")],
    ),
    (
        ["The decree was signed on 21/03/2018."],
        {"date": "2018-04-01"},
        [("21/03/2018", "2018-03-21")],
    ),
    (
        ["The decree was signed on 3/25/2018."],
        {"date": "2018-04-01"},
        [("3/25/2018", "2018-03-25")],
    ),
]


# "2024. 10. 15." (Korean usage): at the top and in the text
SPACED = [
    (["2024. 10. 15.", "The ministry condemned the act."], {}, [("2024. 10. 15", "2024-10-15")]),
    (
        ["The talks began on 2024. 3. 5. in Seoul."],
        {"date": "2024-04-01"},
        [("2024. 3. 5", "2024-03-05")],
    ),
]


@pytest.mark.parametrize(("paragraphs", "header", "expected"), SPACED)
def test_dates_numeric_year_first_with_spaces(knowledge, paragraphs, header, expected):
    assert marked(run(knowledge, *paragraphs, header=header)) == expected


def test_dates_numeric_year_first_with_spaces_at_the_top_dates_the_document(knowledge):
    assert run(knowledge, *SPACED[0][0]).date == "2024-10-15"


@pytest.mark.parametrize(("paragraphs", "header", "expected"), NUMERIC_AT_SENTENCE_END)
def test_dates_numeric_date_before_a_full_stop(knowledge, paragraphs, header, expected):
    assert marked(run(knowledge, *paragraphs, header=header)) == expected


# (paragraphs, header, document date, the note's words) — a slashed date whose
# numbers leave the order open is read only on evidence, else only its year
OPEN_ORDER = [
    # a date of certain order elsewhere in the text
    (
        ["LONDON, 04/05/2012 — Talks opened.", "They began on 21/03/2012."],
        {},
        "2012-05-04",
        "day first",
    ),
    (["04/05/2012", "Talks began on 3/25/2012."], {}, "2012-04-05", "month first"),
    # the weekday written with it
    (["Released on Friday, 04/05/2012", "The minister met."], {}, "2012-05-04", "weekday"),
    (["Released on Thursday, 04/05/2012", "The minister met."], {}, "2012-04-05", "weekday"),
    # the origin: the dateline's place, the header's publisher or source_url
    (["WASHINGTON, 04/05/2012 — The Secretary met."], {}, "2012-04-05", "“WASHINGTON”"),
    (["BRUSSELS, 04/05/2012 — The Council met."], {}, "2012-05-04", "“BRUSSELS”"),
    (
        ["04/05/2012", "The minister met."],
        {"source_url": "https://www.state.gov/r"},
        "2012-04-05",
        "www.state.gov",
    ),
    (
        ["04/05/2012", "The minister met."],
        {"source_url": "https://www.gov.uk/r"},
        "2012-05-04",
        "www.gov.uk",
    ),
    (
        ["04/05/2012", "The envoy met."],
        {"publisher": "The White House"},
        "2012-04-05",
        "“The White House”",
    ),
    (
        ["04/05/2012", "The envoy met."],
        {"publisher": "European Commission"},
        "2012-05-04",
        "“European Commission”",
    ),
    # the text's own evidence beats the origin's convention
    (
        ["WASHINGTON, 04/05/2012 — Talks opened.", "They began on 21/03/2012."],
        {},
        "2012-05-04",
        "day first",
    ),
    # no evidence, or evidence that disagrees: only the year
    (["04/05/2012", "The minister met."], {}, "2012", "only its year"),
    (
        ["04/05/2012", "Talks began on 3/25/2012 and ended on 28/03/2012."],
        {},
        "2012",
        "only its year",
    ),
    (
        ["04/05/2012", "The envoy met."],
        {"publisher": "U.S. Embassy London"},
        "2012",
        "only its year",
    ),
    (["WASHINGTON, Monday, 04/05/2012 — The Secretary met."], {}, "2012", "only its year"),
    (
        ["04/05/2012", "The envoy met."],
        {"source_url": "https://example.org/r"},
        "2012",
        "only its year",
    ),
]


@pytest.mark.parametrize(("paragraphs", "header", "date", "because"), OPEN_ORDER)
def test_dates_numeric_open_order_read_only_on_evidence(
    knowledge, paragraphs, header, date, because
):
    doc = run(knowledge, *paragraphs, header=header)
    assert doc.date == date
    assert any(because in n.text for n in doc.notes if "04/05/2012" in n.text)


def test_dates_numeric_open_order_in_text_follows_the_dateline(knowledge):
    doc = run(
        knowledge, "WASHINGTON, 1/5/2012 — The Secretary said the talks of 02/03/2012 failed."
    )
    assert marked(doc) == [("1/5/2012", "2012-01-05"), ("02/03/2012", "2012-02-03")]


# ------------------------------------------------------------ the year from dated roles

# (opening, its date, the same opening where the roles cannot give the year) —
# a month and day without a year, and people the registry knows, named with
# their present titles
ROLE_YEARS = [
    (
        "SEOUL, Nov. 1 (Yonhap) -- Defense Minister Kim Yong-hyun said the drills would go on.",
        "2024-11-01",
        # a role held no longer is no evidence
        "SEOUL, Nov. 1 (Yonhap) -- Former Defense Minister Kim Yong-hyun said the drills would go on.",
    ),
    (
        "On July 8, Foreign Minister Yoko Kamikawa signed the agreement in Manila.",
        "2024-07-08",
        # roles that share no year with the date: no year rather than a wrong one
        "On July 8, Foreign Minister Yoko Kamikawa and Defense Minister Kim Yong-hyun met.",
    ),
    (
        "On Sept. 4, Foreign Minister Yoko Kamikawa met her counterpart.",
        "2024-09-04",
        # an office held for two terms leaves many years
        "On Sept. 4, Foreign Minister Wang Yi met his counterpart.",
    ),
    (
        # the title is Iwaya's, not that of Kamikawa, named after him
        "On July 8, Foreign Minister Takeshi Iwaya met Yoko Kamikawa in Tokyo.",
        "2025-07-08",
        "On July 8, Yoko Kamikawa, Foreign Minister, met Takeshi Iwaya in Tokyo.",
    ),
]


def _dated(knowledge, opening: str) -> str | None:
    seed = make_doc(opening, "The talks continued.", title="Talks").seed
    return annotate(seed, knowledge, "x").date


@pytest.mark.parametrize(("opening", "date", "unsure"), ROLE_YEARS)
def test_dates_year_from_the_dated_roles_of_named_people(knowledge, opening, date, unsure):
    assert (_dated(knowledge, opening), _dated(knowledge, unsure)) == (date, None)


def test_dates_year_from_roles_names_its_evidence(knowledge):
    seed = make_doc(ROLE_YEARS[0][0], "The talks continued.", title="Talks").seed
    doc = annotate(seed, knowledge, "x")
    assert [e.rule for e in doc.date_evidence] == ["dateline", "year-from-roles"]
    assert "Kim Yong-hyun as “Defense Minister”" in doc.notes[0].text
