"""Tests for the statements annotator (build_tools/annotate/statements.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.annotate import annotate
from build_tools.annotate.statements import find_quotes
from build_tools.read import read_seed
from tests.helpers import make_seed

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_61da1cec703a9f14.txt"
INTRO = "Lloyd Austin and Antony Blinken met in Seoul on Monday."


def statements(knowledge, *paragraphs: str) -> list[tuple[str, str | None, str]]:
    doc = annotate(make_seed(*paragraphs), knowledge, "x")
    return [(s.kind, s.speaker, s.text) for s in doc.statements]


@pytest.mark.parametrize(
    "opening, closing",
    [
        ("\u201c", "\u201d"),
        ("\u2018", "\u2019"),
        ("\u00ab", "\u00bb"),
        ("\u300c", "\u300d"),
        ('"', '"'),
    ],
)
def test_statements_quote_in_every_style(knowledge, opening, closing):
    text = f"Antony Blinken said: {opening}We stand with Ukraine.{closing}"
    assert statements(knowledge, text) == [("quote", "antony-blinken", "We stand with Ukraine.")]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        (
            "\u201cWe stand with Ukraine,\u201d Blinken said.",
            [("quote", "antony-blinken", "We stand with Ukraine,")],
        ),
        (
            "Blinken said: \u201cOur answer is \u2018never again\u2019 and we mean it.\u201d",
            [("quote", "antony-blinken", "Our answer is \u2018never again\u2019 and we mean it.")],
        ),
        (
            "Blinken told reporters that the talks had made real progress.",
            [("reported", "antony-blinken", "the talks had made real progress")],
        ),
        (
            "Austin said the allies would keep up pressure on Moscow.",
            [("reported", "lloyd-austin", "the allies would keep up pressure on Moscow")],
        ),
        (
            "According to Austin, about 8,000 soldiers had moved into the region.",
            [("reported", "lloyd-austin", "about 8,000 soldiers had moved into the region")],
        ),
        (
            "Blinken stressed that the alliance remained strong and united.",
            [("reported", "antony-blinken", "the alliance remained strong and united")],
        ),
        (
            "Blinken called for an immediate ceasefire in the region.",
            [("reported", "antony-blinken", "an immediate ceasefire in the region")],
        ),
        (
            "The allies will hold talks, Austin said.",
            [("reported", "lloyd-austin", "The allies will hold talks")],
        ),
    ],
)
def test_statements_kinds_and_cues(knowledge, paragraph, expected):
    assert statements(knowledge, INTRO, paragraph) == expected


def test_statements_quote_spanning_paragraphs(knowledge):
    found = statements(
        knowledge,
        "Lloyd Austin issued the following statement:",
        "\u201cThe first part of the statement is here.",
        "\u201cThe second part ends here.\u201d",
    )
    text = "The first part of the statement is here.\n\u201cThe second part ends here."
    assert found == [("quote", "lloyd-austin", text)]


@pytest.mark.parametrize(
    "paragraphs, speaker",
    [
        # a role held by exactly one person named before
        (
            (
                "Lloyd Austin visited Seoul.",
                "The Secretary said the alliance was stronger than ever.",
            ),
            "lloyd-austin",
        ),
        # a pronoun across one sentence
        (
            ("Lloyd Austin arrived in Seoul.", "He said the alliance was stronger than ever."),
            "lloyd-austin",
        ),
        # two persons hold the role: unknown, never the nearest name
        ((INTRO, "The Secretary said the alliance was stronger than ever."), None),
        # a pronoun too far from any speaker
        (
            (
                "Lloyd Austin arrived.",
                "The roads were closed.",
                "He said the alliance was stronger than ever.",
            ),
            None,
        ),
        # anonymous and collective speakers
        ((INTRO, "Officials said the alliance was stronger than ever."), None),
        ((INTRO, "Austin and Blinken said the alliance was stronger than ever."), None),
    ],
)
def test_statements_speaker(knowledge, paragraphs, speaker):
    [(kind, found, text)] = statements(knowledge, *paragraphs)
    assert (kind, found, text) == ("reported", speaker, "the alliance was stronger than ever")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Russia and Iran signed the \u2018Comprehensive Strategic Partnership\u2019 treaty.",
        'China backs Russia through its so-called "no limits" partnership.',
        'Blinken explained the "Victory Plan" to the partners.',
        'Blinken and Austin attended the first "2+2" talks in years.',
        "The ministers are expected to say that the alliance is strong.",
        "Austin will say that the alliance is strong.",
        "We call on both parties to resume the talks without delay.",
        "The Secretary condemned the launch.",
    ],
)
def test_statements_none_in(knowledge, paragraph):
    assert statements(knowledge, INTRO, paragraph) == []


def test_statements_seed_reports_expectations_not_statements(knowledge):
    seed, _warnings = read_seed(SEED)
    assert annotate(seed, knowledge, "x").statements == ()


@pytest.mark.parametrize(
    "blocks, texts",
    [
        (["a \u201cb \u2018c\u2019 d\u201d e"], ["b \u2018c\u2019 d"]),
        (["it\u2019s \u2018x\u2019"], ["x"]),
        (['x="y" and "z"'], ["z"]),
        (["\u201cone", "\u201ctwo\u201d"], ["one\n\u201ctwo"]),
        (["\u201copen to the end", "next"], ["open to the end"]),
        (["\u201cone", "two", "three\u201d four"], ["one\ntwo\nthree"]),
        (["\u201cone", "two \u201cthree\u201d"], ["one", "three"]),
    ],
)
def test_statements_find_quotes(blocks, texts):
    assert [q.text for q in find_quotes(blocks)] == texts


def test_statements_quote_over_paragraphs_without_reopening_marks(knowledge):
    found = statements(
        knowledge,
        "Lloyd Austin issued the following statement:",
        "\u201cWe stand firm with our allies.",
        "Officials said the talks would resume next week in Geneva.",
        "We will not yield.\u201d",
    )
    text = (
        "We stand firm with our allies.\n"
        "Officials said the talks would resume next week in Geneva.\n"
        "We will not yield."
    )
    assert found == [("quote", "lloyd-austin", text)]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # the pronoun's own sentence names its subject: not the speaker of the sentence before
        (
            (
                "\u201cWe are ready,\u201d Blinken said.",
                "Lloyd Austin called the plan \u201ca good start\u201d, though he said the talks would take time.",
            ),
            [
                ("quote", "antony-blinken", "We are ready,"),
                ("quote", "lloyd-austin", "a good start"),
                ("reported", "lloyd-austin", "the talks would take time"),
            ],
        ),
        # "described X, a long description, as ..."
        (
            (
                "Blinken described the new border road, a project of many years and much money, as \u201ca lifeline\u201d.",
            ),
            [("quote", "antony-blinken", "a lifeline")],
        ),
        # a communiqué's numbered paragraph has no subject that speaks
        (
            (
                "6. Urges the parties to cease hostilities, and calls on all actors to stop their support.",
            ),
            [],
        ),
        # a person's title the text does not settle stays unknown, not the country in it
        (
            ("The U.S. President said the talks would resume next week.",),
            [("reported", None, "the talks would resume next week")],
        ),
    ],
)
def test_statements_attribution_rules(knowledge, paragraphs, expected):
    assert statements(knowledge, INTRO, *paragraphs) == expected


def test_statements_bare_quote_after_a_statement_by(knowledge):
    found = statements(
        knowledge,
        "The following is a statement by U.S. Secretary of Defense Lloyd Austin on the talks.",
        "\u201cThe talks were useful and we will continue them.\u201d",
    )
    assert found == [("quote", "lloyd-austin", "The talks were useful and we will continue them.")]


def test_statements_quote_then_speaker_then_where_it_was_said(knowledge):
    # what follows the cue is the occasion, not a reported clause
    text = (
        '"We will respond to this threat," Blinken told a hastily called news conference '
        "at his residence in Washington."
    )
    assert statements(knowledge, INTRO, text) == [
        ("quote", "antony-blinken", "We will respond to this threat,")
    ]


def test_statements_quote_then_cue_then_speaker(knowledge):
    text = (
        '"This is a serious mistake," said Rahel Berhane, a senior researcher at the institute, '
        "who follows the talks."
    )
    [(kind, speaker, quoted)] = statements(knowledge, INTRO, text)
    assert (kind, quoted) == ("quote", "This is a serious mistake,")
    assert speaker == "rahel-berhane"


def test_statements_anonymous_source_of_a_named_body(knowledge):
    text = (
        "A senior Japanese Foreign Ministry official, who asked not to be named, said Tokyo had "
        "conveyed its protest to the ambassador."
    )
    [(_, speaker, _)] = statements(knowledge, INTRO, text)
    assert speaker is None
    quoted = (
        '"We are expecting a long campaign," a Pentagon official said on condition of anonymity.'
    )
    assert statements(knowledge, INTRO, quoted) == [
        ("quote", None, "We are expecting a long campaign,")
    ]


@pytest.mark.parametrize(
    "paragraph, speaker",
    [
        (
            "Commodore Frank Bainimarama said the army had taken over the government.",
            "frank-bainimarama",
        ),
        ("Maj Gen Asif Ghafoor said the aircraft had intruded from the north.", "asif-ghafoor"),
        (
            "Mullah Mohammad Omar said the council had made its decision on the guest.",
            "mohammad-omar",
        ),
        (
            "The committee's chairman, Sen. Jack Reed, said the failures spanned four administrations.",
            "jack-reed",
        ),
    ],
)
def test_statements_speaker_named_with_a_title(knowledge, paragraph, speaker):
    [(_, found, _)] = statements(knowledge, paragraph)
    assert found == speaker


def test_statements_role_synonym_names_the_office_holder(knowledge):
    found = statements(
        knowledge,
        "Prime Minister Binali Yildirim and President Recep Tayyip Erdogan met in Ankara.",
        "The premier said the plotters were linked to a network abroad.",
    )
    assert found == [
        ("reported", "binali-yildirim", "the plotters were linked to a network abroad")
    ]


def test_statements_description_is_the_speaker_just_before(knowledge):
    found = statements(
        knowledge,
        "French President Nicolas Sarkozy told reporters that the plan was a set of principles.",
        '"We have made progress, but this is not yet peace," the French leader said.',
    )
    assert found[-1] == (
        "quote",
        "nicolas-sarkozy",
        "We have made progress, but this is not yet peace,",
    )


def test_statements_description_of_another_country_is_not_the_speaker_before(knowledge):
    found = statements(
        knowledge,
        "French President Nicolas Sarkozy told reporters that the plan was a set of principles.",
        '"We have made progress, but this is not yet peace," the Russian envoy said.',
    )
    assert found[-1][1] is None


@pytest.mark.parametrize(
    "opening",
    [
        "Earlier today Foreign Minister Rahel Berhane made a solemn statement on the matter.",
        "In a statement from her residence in Asmara, Rahel Berhane denied any involvement.",
        "BUENOS AIRES, 2 December 2001 — Argentina's economy minister, Rahel Berhane, "
        "yesterday ruled out a devaluation.",
    ],
)
def test_statements_pronoun_points_at_the_subject_past_openers(knowledge, opening):
    found = statements(knowledge, opening, '"We will not be moved on this issue," she said.')
    assert found == [("quote", "rahel-berhane", "We will not be moved on this issue,")]


def test_statements_reported_clause_leaves_out_the_dateline(knowledge):
    text = (
        "NEW DELHI, Feb 26, 2019 (PTI) Jets struck the biggest training camp in a pre-dawn "
        "operation, Foreign Secretary Vijay Gokhale said."
    )
    [(_, speaker, reported)] = statements(knowledge, text)
    assert speaker == "vijay-gokhale"
    assert reported == "Jets struck the biggest training camp in a pre-dawn operation"


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        (
            "Blinken joked about the delays, telling Austin he would never fly that airline again.",
            ("reported", "antony-blinken", "he would never fly that airline again"),
        ),
        (
            "Blinken told reporters the talks had made real progress on the ceasefire.",
            ("reported", "antony-blinken", "the talks had made real progress on the ceasefire"),
        ),
        (
            "Blinken tweeted that the allies would meet again in Brussels next month.",
            ("reported", "antony-blinken", "the allies would meet again in Brussels next month"),
        ),
        (
            "Blinken acknowledged that the army had been misjudged by the planners.",
            ("reported", "antony-blinken", "the army had been misjudged by the planners"),
        ),
        (
            'Blinken denounced the agreement as "a bad mistake of historic proportions".',
            ("quote", "antony-blinken", "a bad mistake of historic proportions"),
        ),
        (
            '"Korean war to end, and the whole world is watching!" Blinken wrote.',
            ("quote", "antony-blinken", "Korean war to end, and the whole world is watching!"),
        ),
    ],
)
def test_statements_more_reporting_verbs(knowledge, paragraph, expected):
    assert statements(knowledge, INTRO, paragraph) == [expected]


def test_statements_description_with_a_complement(knowledge):
    found = statements(
        knowledge,
        "The chief negotiator, Richard Holbrooke, said the talks had nearly collapsed twice.",
        '"There were moments when we thought it was over," the assistant secretary of state said.',
    )
    assert found[-1] == (
        "quote",
        "richard-holbrooke",
        "There were moments when we thought it was over,",
    )


def test_statements_spokesman_for_a_person_is_not_that_person(knowledge):
    text = (
        "A spokesman for German Finance Minister Wolfgang Schaeuble said Berlin would not "
        "comment on the bank's policy."
    )
    [(_, speaker, _)] = statements(knowledge, text)
    assert speaker is None


def test_statements_person_in_an_opening_phrase_is_not_the_speaker(knowledge):
    found = statements(
        knowledge,
        "President William Ruto welcomed Ethiopian Prime Minister Abiy Ahmed to Nairobi.",
        "Speaking at State House, during a joint briefing with Ethiopian Prime Minister "
        "Abiy Ahmed, the President said the two countries share a long border.",
    )
    assert found == [("reported", "william-ruto", "the two countries share a long border")]


@pytest.mark.parametrize(
    "paragraph, speaker",
    [
        ("President William Ruto said the two countries would trade more.", "william-ruto"),
        (
            "Secretary of State Warren Christopher said the talks had ended well.",
            "warren-christopher",
        ),
    ],
)
def test_statements_titled_speaker_sharing_only_a_given_name_with_an_office_holder(
    knowledge, paragraph, speaker
):
    [(_, found, _)] = statements(knowledge, paragraph)
    assert found == speaker


@pytest.mark.parametrize(
    "paragraph, speaker",
    [
        (
            "UN High Commissioner for Human Rights ZEID RA'AD said the crackdown was cruel.",
            None,
        ),
        (
            "The United Nations' top human rights official, speaking in Geneva, said the "
            "crackdown was cruel.",
            None,
        ),
    ],
)
def test_statements_body_in_an_unnamed_persons_title_is_not_the_speaker(
    knowledge, paragraph, speaker
):
    found = statements(knowledge, paragraph)
    assert [s for _, s, _ in found] in ([], [speaker])


@pytest.mark.parametrize(
    "paragraph, speaker",
    [
        ("Japan's representative said the resolution sent a strong message.", "japan"),
        (
            "Speaking in his national capacity, the representative of Ethiopia, which holds "
            "the Council presidency for September, said sanctions should go with diplomacy.",
            "ethiopia",
        ),
        ("The delegate of Brazil said the text was balanced and fair.", "brazil"),
        ("The speaker for the European Union said the bloc supported the text.", "european-union"),
    ],
)
def test_statements_unnamed_delegate_speaks_for_the_country(knowledge, paragraph, speaker):
    [(_, found, _)] = statements(knowledge, paragraph)
    assert found == speaker


def test_statements_it_is_the_body_that_spoke_just_before(knowledge):
    found = statements(
        knowledge,
        "The Bank of Japan said it would charge a fee on excess reserves. It warned it "
        "would cut rates further if needed.",
    )
    assert found[-1] == ("reported", "bank-of-japan", "it would cut rates further if needed")


def test_statements_it_after_a_person_or_a_thing_is_nobody(knowledge):
    found = statements(
        knowledge,
        "The report was published on Monday after a long delay. It said that rates would "
        "fall further this year.",
    )
    assert found == []


@pytest.mark.parametrize(
    "paragraph, text",
    [
        (
            "Antony Blinken warned they would pay a heavy price for the attack.",
            "they would pay a heavy price for the attack",
        ),
        (
            "Antony Blinken vowed he will return to the region next month.",
            "he will return to the region next month",
        ),
    ],
)
def test_statements_clause_after_a_cue_without_that(knowledge, paragraph, text):
    assert statements(knowledge, INTRO, paragraph) == [("reported", "antony-blinken", text)]


def test_statements_cue_with_an_object_is_no_clause(knowledge):
    assert statements(knowledge, INTRO, "Antony Blinken warned the rebels in a speech.") == []


def test_statements_headline_says_a_person_the_text_names_later(knowledge):
    doc = annotate(
        make_seed(
            "Prime Minister Najib Tun Razak said the flight had ended in the ocean.",
            title="MH370 ended in southern Indian Ocean, says Najib",
        ),
        knowledge,
        "x",
    )
    assert (doc.statements[0].speaker, doc.statements[0].text) == (
        "najib-tun-razak",
        "MH370 ended in southern Indian Ocean",
    )


def test_statements_speaker_after_the_cue_closing_a_sentence(knowledge):
    found = statements(knowledge, INTRO, "The talks will resume next week, said Antony Blinken.")
    assert found == [("reported", "antony-blinken", "The talks will resume next week")]


def test_statements_cue_set_off_by_commas_inside_the_sentence(knowledge):
    found = statements(
        knowledge,
        "Antony Blinken arrived in Seoul on Monday.",
        "Israel was not bound by it, he said, and would always defend itself.",
    )
    assert found == [("reported", "antony-blinken", "Israel was not bound by it")]


def test_statements_as_clause_holds_a_statement_of_its_own(knowledge):
    found = statements(
        knowledge,
        "Turkish President Recep Tayyip Erdoğan on Saturday vowed that the plotters would pay "
        "a heavy price, as the government said it had regained full control of the country.",
    )
    assert found == [
        ("reported", "recep-tayyip-erdogan", "the plotters would pay a heavy price"),
        ("reported", "turkey", "it had regained full control of the country"),
    ]


@pytest.mark.parametrize(
    "paragraph, speaker",
    [
        ("Myanmar's government has said it is targeting the militants.", "myanmar"),
        # no speaker in the sentence whose title names the government's country
        ("The government said it had regained full control of the country.", None),
    ],
)
def test_statements_government_speaks_for_its_country(knowledge, paragraph, speaker):
    found = statements(knowledge, paragraph)
    assert [s for _, s, _ in found] in ([speaker], [] if speaker is None else [speaker])


@pytest.mark.parametrize(
    "paragraph, inner",
    [
        (
            "\"Chairman Kim Jong Un said, 'I will go to Seoul whenever you invite me,'\" "
            "Blinken said.",
            "I will go to Seoul whenever you invite me,",
        ),
        (
            "\u2018Chairman Kim Jong Un told us: \u201cWe will keep the promise,\u201d and we "
            "believe him,\u2019 Blinken said.",
            "We will keep the promise,",
        ),
    ],
)
def test_statements_quotation_inside_a_quotation_is_its_speakers(knowledge, paragraph, inner):
    found = statements(knowledge, INTRO, paragraph)
    assert ("quote", "kim-jong-un", inner) in found
    assert [s for k, s, _ in found if k == "quote" and s != "kim-jong-un"] == ["antony-blinken"]


def test_statements_quoted_word_inside_a_quotation_is_no_statement(knowledge):
    found = statements(
        knowledge,
        INTRO,
        "\u2018People call it the \u201ccorralito\u201d, and so do I,\u2019 Blinken said.",
    )
    assert [s for _, s, _ in found] == ["antony-blinken"]


@pytest.mark.parametrize("cue", ["blamed", "hailed"])
def test_statements_quote_after_a_verb_of_judgement(knowledge, cue):
    found = statements(knowledge, INTRO, f'Blinken {cue} "a huge iceberg of lies" for the crisis.')
    assert found == [("quote", "antony-blinken", "a huge iceberg of lies")]


def test_statements_quote_after_said_and_a_comma_is_the_speakers(knowledge):
    found = statements(
        knowledge,
        "Lloyd Austin said the allies would keep up pressure on Moscow. "
        'In a tweet, Antony Blinken said, "We stand with Ukraine."',
    )
    assert ("quote", "antony-blinken", "We stand with Ukraine.") in found


def test_statements_role_after_the_cue_is_kept_unknown_when_several_hold_it(knowledge):
    found = statements(
        knowledge,
        "Kenya's Energy Minister Davis Chirchir met Uganda's Energy Minister Ruth Nankabirwa "
        "in Kampala.",
        "Officials said the two would sign a pipeline deal in March.",
        "The talks were useful and would go on next month, said the minister.",
    )
    assert ("reported", None, "The talks were useful and would go on next month") in found


def test_statements_role_of_several_holders_is_the_one_the_sentence_before_opens_with(knowledge):
    found = statements(
        knowledge,
        "Iran's Oil Minister Bijan Zanganeh said OPEC had reached consensus to manage the market.",
        "Algeria's energy minister, Noureddine Boutarfa, who hosted the talks, called the deal "
        'historic. "We have done what we came for," said the minister.',
    )
    assert ("quote", "noureddine-boutarfa", "We have done what we came for,") in found


@pytest.mark.parametrize(
    "opening, speaker",
    [
        (
            "China's Ministry of Commerce released new rules on Saturday.",
            "china-ministry-of-commerce",
        ),
        # two ministries named: "the ministry" may be either
        ("China's Ministry of Commerce and the Chinese Foreign Ministry met on Saturday.", None),
    ],
)
def test_statements_body_noun_names_the_one_body_holding_it(knowledge, opening, speaker):
    found = statements(knowledge, opening, "The ministry said the rules do not target any country.")
    assert found == [("reported", speaker, "the rules do not target any country")]


@pytest.mark.parametrize(
    "paragraph, speaker",
    [
        (
            "A MOFCOM spokesperson said the rules do not target any country.",
            "china-ministry-of-commerce",
        ),
        (
            "A spokesman for China's Ministry of Commerce said the rules do not target any country.",
            "china-ministry-of-commerce",
        ),
        # a spokesman for a person speaks for nobody; a source at a body is not the body
        ("A spokesman for Wang Yi said the rules do not target any country.", None),
        ("A source at the ministry said the rules do not target any country.", None),
    ],
)
def test_statements_unnamed_spokesperson_of_a_body_is_the_body(knowledge, paragraph, speaker):
    opening = "China's Ministry of Commerce and Wang Yi spoke on Saturday."
    found = statements(knowledge, opening, paragraph)
    assert found == [("reported", speaker, "the rules do not target any country")]


@pytest.mark.parametrize(
    "tail", ["in a press release", "on Saturday, August 11, 2018", "in Hanoi on July 12, 2016"]
)
def test_statements_cue_closing_a_sentence_may_be_followed_by_when_and_where(knowledge, tail):
    found = statements(
        knowledge,
        "The International Monetary Fund approved a loan of about $3 billion for Sri Lanka, "
        f"the Fund said {tail}.",
    )
    assert found == [
        (
            "reported",
            "imf",
            "The International Monetary Fund approved a loan of about $3 billion for Sri Lanka",
        )
    ]


def test_statements_source_of_several_speaks_for_nobody_and_leaves_the_dateline_out(knowledge):
    found = statements(
        knowledge,
        "ABU DHABI, 13th August, 2020 (WAM) -- The United Arab Emirates and Israel have agreed "
        "to the full normalisation of relations, according to a joint statement issued by the "
        "two countries and the United States.",
    )
    assert [(kind, speaker, text) for kind, speaker, text in found] == [
        (
            "reported",
            None,
            "The United Arab Emirates and Israel have agreed to the full normalisation of relations",
        )
    ]


def test_statements_his_royal_highness_points_at_the_last_speaker(knowledge):
    found = statements(
        knowledge,
        "Energy Minister Prince Abdulaziz bin Salman said the attacks had halted half of the "
        "kingdom's output.",
        "In a statement, His Royal Highness said the attacks also halted the production of gas.",
    )
    assert [speaker for _, speaker, _ in found] == ["abdulaziz-bin-salman"] * 2


def test_statements_short_place_name_ends_a_sentence_but_a_title_does_not(knowledge):
    found = statements(
        knowledge,
        "Shares fell across Asia. A spokeswoman for Sony Corp said the company was assessing "
        "the impact.",
        "Gen. Hulusi Akar said the army had regained control of the bases.",
    )
    assert found == [
        ("reported", "sony-corp", "the company was assessing the impact"),
        ("reported", "hulusi-akar", "the army had regained control of the bases"),
    ]


def test_statements_clause_after_an_opening_quotation_is_its_speakers_not_a_name_in_it(
    knowledge,
):
    found = statements(
        knowledge,
        '"China has always been firmly committed to the multilateral trading system," the '
        "spokesperson said, noting that the mechanism would be implemented prudently.",
    )
    assert ("reported", None, "the mechanism would be implemented prudently") in found


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # an acronym no actor holds, a communiqué's verb: no subject, no statement
        ("KZBT said the talks would resume next month in Geneva.", []),
        ("7. Expresses concern, and calls on all parties to guarantee safe access.", []),
    ],
)
def test_statements_name_no_actor_holds_keeps_its_statement_unknown(knowledge, paragraph, expected):
    assert statements(knowledge, paragraph) == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        (
            "Tencent, which runs WeChat, said it would keep talking with the government.",
            [("reported", "tencent", "it would keep talking with the government")],
        ),
        (
            "Ships turned back. Germany's Hapag-Lloyd said it would pause its Red Sea routes.",
            [("reported", "hapag-lloyd", "it would pause its Red Sea routes")],
        ),
    ],
)
def test_statements_a_rare_word_described_or_owned_speaks_as_a_body(knowledge, paragraph, expected):
    assert statements(knowledge, paragraph) == expected


def test_statements_body_noun_names_the_body_whose_name_it_heads(knowledge):
    found = statements(
        knowledge,
        "The International Monetary Fund approved an arrangement under the Extended Fund "
        "Facility for Sri Lanka on Monday.",
        "The Fund said the program aims to restore macroeconomic stability.",
    )
    assert found == [("reported", "imf", "the program aims to restore macroeconomic stability")]


@pytest.mark.parametrize(
    "title, expected",
    [
        (
            "Moscow to respond to expulsion of diplomats — Foreign Ministry",
            [
                (
                    "reported",
                    "russian-foreign-ministry",
                    "Moscow to respond to expulsion of diplomats",
                )
            ],
        ),
        (
            "Energy Minister: Half of the kingdom's oil output halted after attacks",
            [
                (
                    "reported",
                    "abdulaziz-bin-salman",
                    "Half of the kingdom's oil output halted after attacks",
                )
            ],
        ),
        # a place or a label before a colon names no source
        ("Ukraine: Russia launches strikes on the power grid", []),
    ],
)
def test_statements_headline_names_its_source_after_a_dash_or_before_a_colon(
    knowledge, title, expected
):
    seed = make_seed(
        "The Russian Foreign Ministry and Energy Minister Prince Abdulaziz bin Salman spoke "
        "on Monday.",
        title=title,
    )
    doc = annotate(seed, knowledge, "x")
    assert [(s.kind, s.speaker, s.text) for s in doc.statements if s.paragraph == 0] == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        "A senior police officer said more troops had been flown in overnight.",
        "A congressional aide said the committee would move forward with the bill.",
        "A volunteer in Lembata, who declined to be named, said many survivors slept outside.",
        "A Federal District police officer, speaking on condition of anonymity, said commanders had no orders.",
    ],
)
def test_statements_anonymous_officer_aide_or_volunteer_speaks_for_nobody(knowledge, paragraph):
    [(kind, speaker, _text)] = statements(knowledge, paragraph)
    assert (kind, speaker) == ("reported", None)


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("Alexander Lukashenko's spokesman said the talks had gone on all day.", None),
        (
            "Vladimir Putin's spokesman Dmitry Peskov said the talks had gone on all day.",
            "dmitry-peskov",
        ),
    ],
)
def test_statements_a_persons_spokesman_is_not_that_person(knowledge, paragraph, speaker):
    [(_kind, who, _text)] = statements(knowledge, paragraph)
    assert who == speaker


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        (
            [
                "An ICRC plane landed on Sunday, but the organisation said it could not move the cargo."
            ],
            "icrc",
        ),
        (
            [
                "A.P. Moller-Maersk said it had paused all its ships in the area.",
                '"The attacks are alarming and pose a threat to seafarers," the company said.',
            ],
            "maersk",
        ),
        (
            [
                "Lloyd Austin and Antony Blinken met.",
                "The company said it had paused all its ships.",
            ],
            None,
        ),
    ],
)
def test_statements_the_organisation_is_the_one_body_named_just_before(
    knowledge, paragraphs, speaker
):
    found = statements(knowledge, *paragraphs)
    assert found and found[-1][1] == speaker


@pytest.mark.parametrize(
    ("paragraphs", "speaker"),
    [
        (
            ["The UN refugee agency, UNHCR, said more than 100,000 people had fled the country."],
            "unhcr",
        ),
        (
            [
                "Javier Milei won the runoff on Sunday.",
                "Patricia Bullrich, the former minister who later backed Milei, said the country had chosen change.",
            ],
            "patricia-bullrich",
        ),
    ],
)
def test_statements_a_name_modifying_a_noun_or_inside_an_apposition_is_not_the_speaker(
    knowledge, paragraphs, speaker
):
    assert statements(knowledge, *paragraphs)[-1][1] == speaker


def test_statements_a_cue_closing_a_clause_before_as_reports_what_comes_before(knowledge):
    found = statements(
        knowledge, "Russia shelled the dam overnight, Ukraine says, as thousands flee."
    )
    assert found == [("reported", "ukraine", "Russia shelled the dam overnight")]


def test_statements_a_short_quotation_that_is_a_sentence_of_its_own_goes_on(knowledge):
    found = statements(
        knowledge, 'Antony Blinken spoke. "We are all here for peace," he said. "Enough is enough."'
    )
    assert found[-1] == ("quote", "antony-blinken", "Enough is enough.")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Four of the seven commissioners said they could not take ownership of the results.",
        "Four of the seven commissioners, led by vice-chairperson Juliana Cherera, told a press"
        " conference that they could not take ownership of the results.",
    ],
)
def test_statements_several_members_of_a_body_speak_for_no_one_of_them(knowledge, paragraph):
    assert statements(knowledge, paragraph) == [
        ("reported", None, "they could not take ownership of the results")
    ]


def test_statements_the_leader_of_a_speaking_group_is_not_its_speaker(knowledge):
    found = statements(
        knowledge,
        "The observer mission, led by former Sierra Leonean President Ernest Bai Koroma,"
        " said the election was generally peaceful.",
    )
    assert found == [("reported", None, "the election was generally peaceful")]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Former prime minister Imran Khan said he would appeal. Khan's press office said he"
        " had been shown no warrant.",
        "Former prime minister Imran Khan said he would appeal. Khan's press service said he"
        " had been shown no warrant.",
    ],
)
def test_statements_a_persons_press_office_speaks_for_no_one_named(knowledge, paragraph):
    assert statements(knowledge, paragraph)[-1] == (
        "reported",
        None,
        "he had been shown no warrant",
    )


@pytest.mark.parametrize(
    "second",
    [
        "The presidential spokesman said the two leaders had spoken by telephone.",
        "The two ministers said the two leaders had spoken by telephone.",
    ],
)
def test_statements_a_description_that_does_not_fit_the_last_speaker_is_not_them(knowledge, second):
    first = "Foreign Ministry spokesman Ahmed Abu Zeid said the crossing was open."
    assert statements(knowledge, first, second)[-1][1] is None


def test_statements_the_subject_of_a_verb_before_but_said_speaks(knowledge):
    found = statements(
        knowledge,
        "The co-chair of the Left group, Amira Mohamed Ali, condemned the Russian attack but"
        " said her party rejected a rearmament programme of this scale.",
    )
    assert found[-1] == (
        "reported",
        "amira-mohamed-ali",
        "her party rejected a rearmament programme of this scale",
    )


def test_statements_a_source_that_reports_a_named_speaker_is_no_speaker_itself(knowledge):
    found = statements(
        knowledge,
        "According to the Saudi Press Agency, the Saudi Foreign Minister, Prince Faisal bin"
        " Farhan, said the agreement stemmed from the Kingdom's vision of dialogue.",
    )
    assert found == [
        (
            "reported",
            "faisal-bin-farhan",
            "the agreement stemmed from the Kingdom's vision of dialogue",
        )
    ]


@pytest.mark.parametrize("cue", ["claimed", "alleged"])
def test_statements_claimed_and_alleged_report_a_clause(knowledge, cue):
    found = statements(
        knowledge, f"Antony Blinken {cue} that the government had broken the ceasefire twice."
    )
    assert found == [
        ("reported", "antony-blinken", "the government had broken the ceasefire twice")
    ]


def test_statements_a_country_closing_a_longer_name_is_not_the_speaker(knowledge):
    found = statements(
        knowledge,
        "Fire and Emergency New Zealand said its crews had carried out dozens of rescues.",
    )
    assert found == [("reported", None, "its crews had carried out dozens of rescues")]


def test_statements_a_comma_inside_a_speakers_name_does_not_cut_the_clause(knowledge):
    found = statements(
        knowledge,
        "The quake was caused by the movement of the Cimandiri fault, the Meteorology,"
        " Climatology and Geophysics Agency (BMKG) said on Tuesday.",
    )
    assert found == [
        (
            "reported",
            "meteorology-climatology-and-geophysics-agency",
            "The quake was caused by the movement of the Cimandiri fault",
        )
    ]


def test_statements_the_agency_is_the_one_the_sentence_before_names(knowledge):
    found = statements(
        knowledge,
        "The National Search and Rescue Agency sent teams to Cianjur.",
        "The head of the National Disaster Mitigation Agency (BNPB), Lt. Gen. Suharyanto,"
        " visited the site. The agency said more than 58,000 people had been displaced.",
    )
    assert found[-1] == (
        "reported",
        "national-disaster-mitigation-agency",
        "more than 58,000 people had been displaced",
    )


def test_statements_according_to_her_is_the_last_speaker(knowledge):
    found = statements(
        knowledge,
        "The minister, Hajiya Sadiya Umar Farouq, said 2,407 persons were injured."
        " According to her, the states worst hit included Kogi and Benue.",
    )
    assert found == [
        ("reported", "sadiya-umar-farouq", "2,407 persons were injured"),
        ("reported", "sadiya-umar-farouq", "the states worst hit included Kogi and Benue"),
    ]


@pytest.mark.parametrize(
    "paragraphs, speaker",
    [
        (["The readout said the two presidents agreed on the need to open the crossing."], None),
        (
            [
                "In its readout, the White House said Joe Biden had raised human rights."
                " The President also raised concerns about Taiwan, the readout said."
            ],
            "white-house",
        ),
    ],
)
def test_statements_a_readout_speaks_for_the_body_that_just_spoke_or_no_one(
    knowledge, paragraphs, speaker
):
    found = statements(knowledge, *paragraphs)
    assert found[-1][1] == speaker
    assert found[-1][2] in (
        "the two presidents agreed on the need to open the crossing",
        "The President also raised concerns about Taiwan",
    )


def test_statements_writing_that_reports_a_clause(knowledge):
    found = statements(
        knowledge,
        "Antony Blinken thanked the allies, writing that the ban was a step to limit revenues.",
    )
    assert found == [("reported", "antony-blinken", "the ban was a step to limit revenues")]


def test_statements_a_country_before_its_own_body_leaves_the_body_the_speaker(knowledge):
    found = statements(
        knowledge,
        "The United States State Department said it was following the case closely.",
    )
    assert found == [("reported", "us-department-of-state", "it was following the case closely")]
