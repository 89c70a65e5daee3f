"""Tests for the topics annotator: folding, term matching, scoring and selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.annotate import topics
from build_tools.knowledge import read_knowledge
from build_tools.model import ActorRef, Block, Document, Knowledge, Seed, Topic

SEED = Path(__file__).parent.parent / "seeds" / "000_61da1cec703a9f14.txt"


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return read_knowledge()[0]


def topic_knowledge(topic_list: tuple[Topic, ...], **lists: tuple[str, ...]) -> Knowledge:
    """Knowledge of ``topic_list``; the topic lexicon lists empty unless given
    (keyword names with "_" for "-")."""
    lexicon = {name: () for name in topics.LISTS}
    lexicon.update({k.replace("_", "-"): v for k, v in lists.items()})
    return Knowledge(topics=topic_list, lexicon=lexicon)


def make_doc(title: str, *paragraphs: str, subtitle: str = "", actors: tuple = ()) -> Document:
    blocks = [Block("title", title)]
    if subtitle:
        blocks.append(Block("subtitle", subtitle))
    blocks += [Block("paragraph", p) for p in paragraphs]
    seed = Seed(source="made-up.txt", relpath="made-up.txt", blocks=tuple(blocks))
    refs = tuple(ActorRef(a, a, "country") for a in actors)
    return Document(seed=seed, slug="made-up", actors=refs)


def topic_ids(doc: Document, knowledge: Knowledge) -> list[str]:
    return [t.id for t in topics.annotate(doc, knowledge).topics]


# ------------------------------------------------------------------- folding


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("missiles", "missile"),
        ("sanctions", "sanction"),
        ("sanctioned", "sanction"),
        ("allies", "ally"),
        ("allied", "ally"),
        ("tariffs", "tariff"),
        ("shipping", "ship"),
        ("controlled", "control"),
        ("approved", "approve"),
        ("supplies", "supply"),
        ("Korea’s", "korea"),
        ("NATO's", "nato"),
        ("taxes", "tax"),
    ],
)
def test_topics_fold_joins_inflections(a: str, b: str) -> None:
    assert topics.fold(a) == topics.fold(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("crisis", "cross"), ("us", "use"), ("status", "state"), ("gas", "ga")],
)
def test_topics_fold_keeps_different_words_apart(a: str, b: str) -> None:
    assert topics.fold(a) != topics.fold(b)


def test_topics_fold_uses_spelling_variants(knowledge: Knowledge) -> None:
    matcher = topics._matcher(knowledge)
    assert topics.fold("defence", matcher.variants) == topics.fold("defense", matcher.variants)
    assert topics.fold("programmes", matcher.variants) == topics.fold("program", matcher.variants)


# ------------------------------------------------------------------ matching


def small_knowledge(*extra: Topic) -> Knowledge:
    base = (
        Topic("war", "War", terms=("war",)),
        Topic("trade", "Trade", terms=("trade",)),
        Topic("trade-war", "Trade war", broader="trade", terms=("trade war",)),
        Topic("icbm", "ICBM", terms=("ICBM",)),
    )
    return topic_knowledge(base + extra)


def test_topics_longest_term_wins() -> None:
    doc = make_doc("Trade war looms", "The trade war deepened.", "The trade war goes on.")
    evidence = topics.score_topics(doc, small_knowledge())
    assert "war" not in evidence
    assert evidence["trade-war"] > 0


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ICBM launched", True),
        ("Two ICBMs launched", True),
        ("icbm launched", False),
    ],
)
def test_topics_capitalised_term_is_case_sensitive(text: str, found: bool) -> None:
    doc = make_doc(text)
    assert ("icbm" in topics.score_topics(doc, small_knowledge())) is found


def test_topics_hyphen_and_space_are_the_same() -> None:
    k = topic_knowledge((Topic("cf", "Ceasefire", terms=("cease-fire",)),))
    assert "cf" in topics.score_topics(make_doc("A cease fire holds"), k)
    assert "cf" in topics.score_topics(make_doc("A cease-fire holds"), k)


def test_topics_actor_scoped_topic_needs_its_actors() -> None:
    scoped = Topic("nk-ru", "NK–RU", terms=("troop",), actors=("north-korea", "russia"))
    text = ("Troops sent abroad", "The troops arrived.", "More troops followed.")
    without = make_doc(*text, actors=("north-korea",))
    with_both = make_doc(*text, actors=("north-korea", "russia"))
    assert "nk-ru" not in topics.score_topics(without, topic_knowledge((scoped,)))
    assert "nk-ru" in topics.score_topics(with_both, topic_knowledge((scoped,)))


# ------------------------------------------------------------------- scoring


def test_topics_title_weighs_more_than_body() -> None:
    k = small_knowledge()
    in_title = topics.score_topics(make_doc("War again", "Nothing.", "Nothing."), k)
    in_body = topics.score_topics(make_doc("Nothing", "War again.", "Nothing."), k)
    assert in_title["war"] > in_body["war"]


def test_topics_spread_weighs_more_than_repetition() -> None:
    k = small_knowledge()
    spread = topics.score_topics(make_doc("Report", "War.", "War.", "Calm."), k)
    bunched = topics.score_topics(make_doc("Report", "War. War.", "Calm.", "Calm."), k)
    assert spread["war"] > bunched["war"]


def test_topics_single_body_mention_is_not_a_topic() -> None:
    doc = make_doc("Report", "The weather was fine.", "There was talk of war.")
    assert topics.annotate(doc, small_knowledge()).topics == ()


def test_topics_broader_topic_gains_from_two_narrower() -> None:
    k = topic_knowledge(
        (
            Topic("parent", "Parent", terms=("parent",)),
            Topic("a", "A", broader="parent", terms=("alpha",)),
            Topic("b", "B", broader="parent", terms=("beta",)),
        )
    )
    one = topics.score_topics(make_doc("Alpha alpha", "Alpha."), k)
    two = topics.score_topics(make_doc("Alpha and beta", "Alpha and beta."), k)
    assert "parent" not in one
    assert two["parent"] > 0


def test_topics_body_evidence_is_divided_by_length() -> None:
    k = small_knowledge()
    filler = "The minister thanked the hosts for a warm welcome and a fruitful exchange. " * 8
    short = topics.score_topics(make_doc("Report", "War.", "War again.", "Calm."), k)
    long = topics.score_topics(make_doc("Report", "War.", "War again.", filler, filler), k)
    assert short["war"] > long["war"]


def test_topics_title_alone_carries_a_strong_topic() -> None:
    k = small_knowledge()
    filler = "The minister thanked the hosts for a warm welcome and a fruitful exchange. " * 8
    found = topics.annotate(make_doc("War at the border", *[filler] * 5), k).topics
    assert [t.id for t in found] == ["war"]


def family_knowledge(generic: tuple[str, ...] = ()) -> Knowledge:
    return topic_knowledge(
        (
            Topic("parent", "Parent", terms=("parent",)),
            Topic("child", "Child", broader="parent", terms=("child",)),
            Topic("other", "Other", terms=("other",)),
        ),
        topic_generic=generic,
    )


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Child child", "Child and parent.", ["child"]),
        ("Parent parent", "Parent and child.", ["parent", "child"]),
    ],
)
def test_topics_broader_topic_kept_only_when_it_outweighs_narrower(
    title: str, text: str, expected: list[str]
) -> None:
    found = topics.annotate(make_doc(title, text, text), family_knowledge()).topics
    assert [t.id for t in found] == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Other other", "Other and parent.", ["other"]),
        ("Parent parent", "Parent and other.", ["parent", "other"]),
        ("Parent", "Parent again.", ["parent"]),
    ],
)
def test_topics_generic_topic_kept_only_when_it_holds_its_own(
    title: str, text: str, expected: list[str]
) -> None:
    found = topics.annotate(make_doc(title, text, text), family_knowledge(("parent",))).topics
    assert [t.id for t in found] == expected


def test_topics_neutral_phrase_hides_the_term_inside_it() -> None:
    council = Topic("council", "Council", terms=("security council",))
    k = topic_knowledge((council,), topic_neutral_phrases=("peace and security council",))
    inside = make_doc("Peace and Security Council meets", "The Peace and Security Council met.")
    alone = make_doc("Security Council meets", "The Security Council met.")
    assert "council" not in topics.score_topics(inside, k)
    assert "council" in topics.score_topics(alone, k)


def test_topics_scores_are_sorted_and_bounded(knowledge: Knowledge) -> None:
    doc = seed_document()
    found = topics.annotate(doc, knowledge).topics
    scores = [t.score for t in found]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 < s <= 1.0 for s in scores)
    assert 2 <= len(found) <= topics.MAX_TOPICS


def test_topics_same_input_same_output(knowledge: Knowledge) -> None:
    assert topics.annotate(seed_document(), knowledge) == topics.annotate(
        seed_document(), knowledge
    )


# --------------------------------------------------------- curated vocabulary


def test_topics_vocabulary_is_broad_and_shallow(knowledge: Knowledge) -> None:
    matcher = topics._matcher(knowledge)
    assert len(knowledge.topics) >= 60
    assert max(matcher.depth.values()) <= 2
    assert all(knowledge.topic(t.broader) for t in knowledge.topics if t.broader)


def test_topics_every_topic_has_terms(knowledge: Knowledge) -> None:
    assert [t.id for t in knowledge.topics if not t.terms] == []


# ------------------------------------------------------------ made-up texts

MADE_UP = {
    "trade war": (
        (
            "Washington doubles tariffs on Chinese goods as trade war deepens",
            (
                "The United States raised tariffs on $300 billion of Chinese imports on Monday, "
                "and Beijing vowed retaliatory tariffs on American soybeans and aircraft."
            ),
            (
                "Economists warned that the tit-for-tat trade war would slow growth, while the "
                "trade representative said talks on the trade deficit would resume in June."
            ),
        ),
        (),
        ["tariffs"],
        ["sanctions", "israel-gaza", "climate-change", "russia-ukraine-war"],
    ),
    "gaza ceasefire": (
        (
            "Mediators push Israel and Hamas toward a Gaza ceasefire",
            (
                "Negotiators in Cairo presented a plan for a ceasefire in Gaza that would free "
                "hostages held by Hamas in exchange for Palestinian prisoners."
            ),
            (
                "Aid agencies said humanitarian aid convoys must reach northern Gaza, where famine "
                "conditions are spreading, as soon as the truce begins."
            ),
        ),
        (),
        ["israel-gaza"],
        ["tariffs", "korean-peninsula", "taiwan-strait", "climate-change"],
    ),
    "eu sanctions on russia": (
        (
            "EU adopts 14th sanctions package against Russia",
            (
                "European Union ministers agreed new sanctions on Russia targeting the shadow "
                "fleet of tankers that carries Russian oil above the price cap."
            ),
            (
                "The package also tightens rules against sanctions evasion through third "
                "countries, and extends the freeze on Russian assets held in Europe."
            ),
        ),
        ("russia",),
        ["russia-sanctions"],
        ["tariffs", "climate-change", "korean-peninsula", "elections-leadership"],
    ),
    "sahel coup": (
        (
            "Soldiers seize power in Niger in the Sahel's latest coup",
            (
                "Members of the presidential guard detained the president in Niamey and "
                "announced that a military junta would rule until a transition."
            ),
            (
                "ECOWAS threatened sanctions, while juntas in Mali and Burkina Faso warned that "
                "any intervention in Niger would be an act of war against them."
            ),
        ),
        (),
        ["sahel", "coups"],
        ["tariffs", "taiwan-strait", "nato", "climate-change"],
    ),
    "chips export controls": (
        (
            "New export controls bar sales of advanced chips to China",
            (
                "The Commerce Department added 140 companies to the entity list and tightened "
                "export controls on advanced semiconductors and chipmaking equipment."
            ),
            (
                "Chipmakers warned that the export restrictions on high-bandwidth memory would "
                "cost sales, while Beijing said it would protect its semiconductor industry."
            ),
        ),
        (),
        ["export-controls", "semiconductors"],
        ["israel-gaza", "climate-change", "korean-peninsula", "elections-leadership"],
    ),
    "climate summit": (
        (
            "Climate summit ends with a deal on climate finance",
            (
                "Negotiators at COP29 agreed that rich countries would provide $300 billion a "
                "year in climate finance to help poorer nations cut emissions."
            ),
            (
                "Small island states said the deal fell short of what adaptation to global "
                "warming requires, and urged faster moves away from fossil fuels."
            ),
        ),
        (),
        ["climate-change"],
        ["missiles", "sanctions", "taiwan-strait", "tariffs"],
    ),
    "taiwan strait": (
        (
            "China stages drills around Taiwan after inauguration speech",
            (
                "The People's Liberation Army sent warships and fighter jets across the median "
                "line of the Taiwan Strait in large-scale military drills."
            ),
            (
                "Taipei condemned the exercises as a threat to peace in the Taiwan Strait, and "
                "Washington urged restraint in cross-strait relations."
            ),
        ),
        (),
        ["taiwan-strait", "military-exercises"],
        ["israel-gaza", "tariffs", "climate-change", "sahel"],
    ),
    "iran enrichment": (
        (
            "IAEA says Iran expands uranium enrichment at Fordow",
            (
                "Iran has installed more centrifuges at Fordow and is enriching uranium to 60 "
                "percent purity, the International Atomic Energy Agency said in a report."
            ),
            (
                "European powers warned they could trigger the snapback of UN sanctions if "
                "Tehran does not restore inspections under the nuclear deal."
            ),
        ),
        (),
        ["iran-nuclear-programme"],
        ["north-korea-nuclear", "tariffs", "climate-change", "taiwan-strait"],
    ),
    "aukus submarine deal": (
        (
            "AUKUS partners agree path for Australia's nuclear-powered submarines",
            (
                "Australia will buy Virginia-class submarines from the United States before "
                "building its own SSN-AUKUS boats with British designs."
            ),
            (
                "The AUKUS leaders said the deal would also deepen cooperation on advanced "
                "capabilities such as hypersonic weapons under Pillar Two."
            ),
        ),
        (),
        ["aukus"],
        ["quad", "tariffs", "israel-gaza", "climate-change"],
    ),
    "election": (
        (
            "Opposition wins landslide in parliamentary election",
            (
                "Voters turned out in record numbers, and the election commission said the "
                "opposition won two-thirds of the seats in parliament."
            ),
            (
                "The outgoing prime minister conceded defeat, and the president-elect of the "
                "ruling party's rival promised a new government within weeks of the vote."
            ),
        ),
        (),
        ["elections-leadership"],
        ["coups", "sanctions", "tariffs", "missiles"],
    ),
    "phone call readout": (
        (
            "Foreign ministers of Brazil and Indonesia hold telephone talks",
            (
                "The two ministers spoke by phone on Tuesday and exchanged views on the war in "
                "Ukraine, agreeing that a just peace must respect Ukraine's sovereignty."
            ),
        ),
        (),
        ["summits-meetings", "russia-ukraine-war"],
        ["tariffs", "climate-change", "taiwan-strait", "coups"],
    ),
    "energy visit": (
        (
            "Hungary and Turkey sign energy accords during state visit",
            (
                "The leaders agreed to extend gas deliveries through the pipeline under the Black "
                "Sea and to study a second unit at a nuclear power plant built by Rosatom."
            ),
            "Officials said the new contract would cover four billion cubic metres of gas a year.",
        ),
        (),
        ["oil-gas", "nuclear-energy"],
        ["tariffs", "israel-gaza", "missiles", "elections-leadership"],
    ),
    "tanker attack": (
        (
            "Drone strikes tanker near the Strait of Hormuz",
            (
                "An oil tanker flagged in Liberia was hit by a drone off Oman, and its crew of 21 "
                "seafarers was evacuated by a naval escort."
            ),
            (
                "Shipping companies said they would reroute merchant vessels, and insurers raised "
                "war-risk premiums for commercial shipping in the Gulf."
            ),
        ),
        (),
        ["maritime-security"],
        ["tariffs", "elections-leadership", "climate-change", "korean-peninsula"],
    ),
    "munitions factories": (
        (
            "Poland opens two munitions factories as arms production ramps up",
            (
                "The defence ministry signed contracts with domestic arms makers for artillery "
                "shells and howitzers, and said shell production would triple by next year."
            ),
            (
                "Officials said the defence industrial base had to grow so that weapons supplies "
                "to allies could continue."
            ),
        ),
        (),
        ["defence-industry"],
        ["tariffs", "climate-change", "israel-gaza", "elections-leadership"],
    ),
    "terrorist designation": (
        (
            "Canada lists militia as a terrorist group",
            (
                "Ottawa added the armed group to its list of terrorist entities after a car bomb "
                "killed eleven people, and froze assets linked to terror financing."
            ),
        ),
        (),
        ["terrorism"],
        ["tariffs", "climate-change", "taiwan-strait", "nuclear-energy"],
    ),
    "mineral export licences": (
        (
            "Beijing requires licences for exports of graphite and tungsten",
            (
                "Exporters will need an export licence to ship the minerals abroad, the commerce "
                "ministry said, adding both items to its export control list."
            ),
            (
                "Battery makers in Korea and Japan warned of supply risk and said they would "
                "diversify supply and sign offtake agreements with mines in Australia."
            ),
        ),
        (),
        ["export-controls", "critical-minerals", "supply-chains"],
        ["israel-gaza", "climate-change", "elections-leadership", "missiles"],
    ),
    "north korea and russia": (
        (
            "Pyongyang ships artillery shells to Moscow as military ties deepen",
            (
                "North Korea has sent millions of artillery shells and ballistic missiles to "
                "Russia, and thousands of its troops now fight in the Kursk region."
            ),
            (
                "Officials fear Moscow will repay Pyongyang with military technology under the "
                "comprehensive strategic partnership signed in June."
            ),
        ),
        ("north-korea", "russia"),
        ["north-korea-russia-cooperation", "north-korean-troops-russia"],
        ["tariffs", "climate-change", "israel-gaza", "taiwan-strait"],
    ),
}


@pytest.mark.parametrize("case", sorted(MADE_UP))
def test_topics_made_up_text_gets_expected_top_topics(case: str, knowledge: Knowledge) -> None:
    blocks, actors, expected, _ = MADE_UP[case]
    found = topic_ids(make_doc(*blocks, actors=actors), knowledge)
    assert set(expected) <= set(found[: len(expected) + 2]), found


@pytest.mark.parametrize("case", sorted(MADE_UP))
def test_topics_made_up_text_avoids_unrelated_topics(case: str, knowledge: Knowledge) -> None:
    blocks, actors, _, unrelated = MADE_UP[case]
    found = topic_ids(make_doc(*blocks, actors=actors), knowledge)
    assert not set(unrelated) & set(found), found


def test_topics_actor_scoped_topics_need_the_actors(knowledge: Knowledge) -> None:
    blocks = MADE_UP["north korea and russia"][0]
    found = topic_ids(make_doc(*blocks), knowledge)
    assert "north-korea-russia-cooperation" not in found
    assert "north-korean-troops-russia" not in found


# ----------------------------------------------------------------- the seed


def seed_document() -> Document:
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    actors = ("north-korea", "russia", "south-korea", "united-states", "japan")
    return make_doc(lines[0], *lines[2:], subtitle=lines[1], actors=actors)


def test_topics_seed_gets_its_subjects(knowledge: Knowledge) -> None:
    found = topic_ids(seed_document(), knowledge)
    expected = {
        "north-korea-russia-cooperation",
        "north-korean-troops-russia",
        "extended-deterrence",
        "sanctions-enforcement",
        "rok-us-alliance",
    }
    assert expected <= set(found), found


@pytest.mark.parametrize("name", [topics.GENERIC_LIST])
def test_topics_lexicon_lists_name_known_topics(name: str, knowledge: Knowledge) -> None:
    known = {t.id for t in knowledge.topics}
    assert knowledge.words(name) and set(knowledge.words(name)) <= known


@pytest.mark.parametrize(
    ("endings", "term", "text", "found"),
    [
        (("-isation -ization",), "militarization", "Militarisation of the strait", True),
        ((), "militarization", "Militarisation of the strait", False),
        (("-our -or",), "neighbor", "Talks with a neighbour state", True),
        ((), "neighbor", "Talks with a neighbour state", False),
    ],
)
def test_topics_spelling_endings_come_from_the_lexicon(
    endings: tuple[str, ...], term: str, text: str, found: bool
) -> None:
    k = topic_knowledge((Topic("t", "T", terms=(term,)),), topic_spelling_variants=endings)
    assert ("t" in topics.score_topics(make_doc(text, text), k)) is found


# ------------------------------------------------------- the main subject

MEETING = "The two sides held talks on bilateral cooperation and agreed to meet again soon."
THANKS = (
    "The Secretary thanked the Foreign Minister for the warm welcome during the official visit."
)
VIEWS = "The ministers also exchanged views on regional issues and the upcoming summit."

# (title, lead, the subject topic) — readouts whose subject the lead names once,
# while the meeting itself fills the text
READOUTS = [
    (
        "Readout of the Secretary's Meeting with the Foreign Minister of Japan",
        "The Secretary met the Foreign Minister today and condemned the DPRK's launch of a missile.",
        "missiles",
    ),
    (
        "Readout of the Secretary's Call with the Minister of Economy",
        "The Secretary spoke with the Minister about the dispute over steel tariffs.",
        "tariffs",
    ),
    (
        "Foreign Ministers Meet in Canberra",
        "The ministers met in Canberra and discussed the ceasefire in Gaza.",
        "israel-gaza",
    ),
]


@pytest.mark.parametrize(("title", "lead", "subject"), READOUTS)
def test_topics_readout_keeps_the_subject_its_lead_names(
    title: str, lead: str, subject: str, knowledge: Knowledge
) -> None:
    found = topic_ids(make_doc(title, lead, MEETING, THANKS, VIEWS), knowledge)
    assert "summits-meetings" in found and subject in found


def test_topics_two_plus_two_written_with_a_word(knowledge: Knowledge) -> None:
    doc = make_doc("Japan and Australia hold 2 plus 2 in Tokyo", MEETING)
    assert "two-plus-two" in topic_ids(doc, knowledge)


def occasion_knowledge() -> Knowledge:
    return topic_knowledge(
        (
            Topic("meetings", "Meetings", terms=("meeting", "talks")),
            Topic("war", "War", terms=("war",)),
            Topic("trade", "Trade", terms=("trade",)),
        ),
        topic_occasions=("meetings",),
    )


TALKS = "The talks were held at the meeting hall and the meeting ended with more talks."


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        # the occasion alone: the subject its opening names joins
        (("Meeting of ministers", "They discussed the war.", TALKS, TALKS), ["meetings", "war"]),
        # a short document with no topic: the subject its lead names
        (("Report", "There was talk of war.", "The weather was fine."), ["war"]),
    ],
)
def test_topics_generic_or_occasion_never_stands_alone(
    blocks: tuple[str, ...], expected: list[str]
) -> None:
    assert topic_ids(make_doc(*blocks), occasion_knowledge()) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Leaders of the United States, Japan and the Republic of Korea meet in Lima",
        "Japan-ROK-US foreign ministers meet in New York",
        "Trilateral summit at Camp David opens a new chapter",
    ],
)
def test_topics_trilateral_written_out(title: str, knowledge: Knowledge) -> None:
    assert "us-japan-rok-trilateral" in topic_ids(make_doc(title, MEETING), knowledge)
