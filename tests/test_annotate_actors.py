"""Tests for the actors annotator (build_tools/annotate/actors/)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import yaml

from build_tools.annotate import actors
from build_tools.knowledge import DEFAULT_DIR, load_knowledge
from build_tools.model import Actor, Block, Document, Knowledge, Office, Role, Seed

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_61da1cec703a9f14.txt"
LEXICON = {
    name: tuple(words)
    for name, words in yaml.safe_load((DEFAULT_DIR / "lexicon.yaml").read_text("utf-8")).items()
}


def country(cid: str, name: str, aliases=(), weak=()) -> Actor:
    return Actor(cid, name, "country", tuple(aliases), weak_aliases=tuple(weak))


COUNTRIES = (
    country("united-states", "United States", ["U.S.", "US", "USA", "American"], ["Washington"]),
    country("south-korea", "South Korea", ["ROK", "Korea", "South Korean"], ["Korean", "Seoul"]),
    country("north-korea", "North Korea", ["DPRK", "North Korean"], ["Pyongyang"]),
    country("japan", "Japan", ["Japanese"], ["Tokyo"]),
    country("china", "China", ["Chinese", "PRC"], ["Beijing"]),
    country("ukraine", "Ukraine", ["Ukrainian"], ["Kyiv"]),
    country("brazil", "Brazil", ["Brazilian"]),
    country("russia", "Russia", ["Russian"], ["Moscow"]),
)
OFFICES = (
    Office("us-defense", "U.S. Secretary of Defense", "united-states", ("Secretary of Defense",)),
    Office("us-state", "U.S. Secretary of State", "united-states", ("Secretary of State",)),
    Office("us-def-min", "U.S. Defense Minister", "united-states", ("Defense Minister",)),
    Office("jp-defense", "Minister of Defense of Japan", "japan", ("Defense Minister",)),
)
PERSONS = (
    Actor(
        "lloyd-austin",
        "Lloyd Austin",
        "person",
        ("Lloyd J. Austin III",),
        (Role("U.S. Secretary of Defense", "us-defense", "2021-01-22", "2025-01-20"),),
        "united-states",
        weak_aliases=("Austin",),
    ),
    Actor(
        "antony-blinken",
        "Antony Blinken",
        "person",
        ("Tony Blinken",),
        (Role("U.S. Secretary of State", "us-state", "2021-01-26", "2025-01-20"),),
        "united-states",
        weak_aliases=("Blinken",),
    ),
    Actor(
        "minoru-kihara",
        "Minoru Kihara",
        "person",
        ("Kihara Minoru",),
        (Role("Minister of Defense of Japan", "jp-defense", "2023-09-13", "2024-10-01"),),
        "japan",
        weak_aliases=("Kihara",),
    ),
    Actor("un-security-council", "UN Security Council", "organization", ("UNSC",)),
    Actor("european-union", "European Union", "organization", ("EU",)),
)
SMALL = Knowledge(actors=COUNTRIES + PERSONS, offices=OFFICES, lexicon=LEXICON, digest="small")


@pytest.fixture(scope="module")
def registry() -> Knowledge:
    return load_knowledge()


def run(text: str, knowledge: Knowledge = SMALL, date: str | None = "2024-10-30") -> Document:
    lines = text.split("\n")
    blocks = [Block("title", lines[0])] + [Block("paragraph", line) for line in lines[1:]]
    seed = Seed("t.txt", "t.txt", tuple(blocks))
    return actors.annotate(Document(seed=seed, slug="t", date=date), knowledge)


def refs(doc: Document) -> dict:
    return {a.id: a for a in doc.actors}


def body(sentence: str) -> str:
    """A document whose title names nobody and whose one paragraph is ``sentence``."""
    return "Report\n" + sentence


# ------------------------------------------------------------------ countries


@pytest.mark.parametrize(
    ("sentence", "present", "absent"),
    [
        (
            "Following the Korea-US SCM, the meeting continued.",
            {"south-korea", "united-states"},
            set(),
        ),
        ("Tension rose on the Korean Peninsula.", set(), {"south-korea"}),
        ("North Korea fired a missile.", {"north-korea"}, {"south-korea"}),
        ("The DPRK and the ROK met.", {"north-korea", "south-korea"}, set()),
        ("Pyongyang warned Seoul.", set(), {"north-korea", "south-korea"}),
        ("North Korea said Pyongyang would respond.", {"north-korea"}, set()),
        ("British and Chinese diplomats met.", {"united-kingdom", "china"}, set()),
        ("Ankara and Türkiye's partners met.", {"turkey"}, set()),
        ("The junta in Burma arrested monks.", {"myanmar"}, set()),
        ("Latin American leaders met in Lima.", set(), {"united-states", "peru"}),
        ("Ships sailed in the South China Sea.", set(), {"china"}),
        ("Russia's troops entered Ukraine.", {"russia", "ukraine"}, set()),
        ("The PRC protested to the Czech Republic.", {"china", "czechia"}, set()),
        ("Talks with Vietnam, Laos and Tanzania ended.", {"vietnam", "laos", "tanzania"}, set()),
        ("The Holy See and Palestine signed a treaty.", {"vatican", "palestine"}, set()),
        ("Iran and Syria met Venezuela's envoy.", {"iran", "syria", "venezuela"}, set()),
        ("Bolivia and Moldova voted.", {"bolivia", "moldova"}, set()),
        ("The U.S.-led coalition and the UK struck.", {"united-states", "united-kingdom"}, set()),
    ],
)
def test_actors_country_forms(registry, sentence, present, absent):
    found = set(refs(run(body(sentence), registry)))
    assert present <= found
    assert not absent & found


@pytest.mark.parametrize(
    ("sentence", "mentions"),
    [
        ("Officials met in Washington, USA, with the U.S. delegation.", ("USA", "U.S.")),
        ("WASHINGTON. The U.S. team and Washington agreed.", ("U.S.", "Washington")),
        ("The U.S. envoy flew to Washington.", ("U.S.",)),
    ],
)
def test_actors_capital_as_place_is_not_a_mention(sentence, mentions):
    assert refs(run(body(sentence)))["united-states"].mentions == mentions


def test_actors_weak_alias_needs_a_strong_mention():
    assert "japan" not in refs(run(body("Tokyo protested the launch.")))
    assert refs(run(body("Japan said Tokyo protested.")))["japan"].mentions == ("Japan", "Tokyo")


# ------------------------------------------------------------------ persons


@pytest.mark.parametrize(
    ("sentence", "actor_id", "name", "role"),
    [
        (
            "Minister of Foreign Affairs Cho Tae-yeol said.",
            "cho-tae-yeol",
            "Cho Tae-yeol",
            "Minister of Foreign Affairs",
        ),
        ("Foreign Minister Wang Yi met reporters.", "wang-yi", "Wang Yi", "Foreign Minister"),
        (
            "Ukrainian Defense Minister Rustem Umerov spoke.",
            "rustem-umerov",
            "Rustem Umerov",
            "Ukrainian Defense Minister",
        ),
        ("Chancellor Merkel spoke on Monday.", "merkel", "Merkel", "Chancellor"),
        (
            "It was Gen. Charles Q. Brown Jr. who spoke.",
            "charles-brown-jr",
            "Charles Brown Jr.",
            "Gen.",
        ),
        (
            "State Department spokesperson Matthew Miller said.",
            "matthew-miller",
            "Matthew Miller",
            "State Department spokesperson",
        ),
        (
            "Ukrainian President Volodymyr Zelensky thanked them.",
            "volodymyr-zelensky",
            "Volodymyr Zelensky",
            "Ukrainian President",
        ),
        (
            "Prime Minister Ishiba Shigeru visited.",
            "ishiba-shigeru",
            "Ishiba Shigeru",
            "Prime Minister",
        ),
        ("Vice Premier He Lifeng said.", "he-lifeng", "He Lifeng", "Vice Premier"),
        (
            "President Abdel Fattah al-Sisi of Egypt met them.",
            "abdel-fattah-al-sisi",
            "Abdel Fattah al-Sisi",
            "President",
        ),
        (
            "EU chief Ursula von der Leyen arrived.",
            "ursula-von-der-leyen",
            "Ursula von der Leyen",
            "EU chief",
        ),
        (
            "Kaja Kallas, the EU's foreign policy chief, said so.",
            "kaja-kallas",
            "Kaja Kallas",
            "EU's foreign policy chief",
        ),
        (
            "Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of Japan, signed.",
            "kamikawa-yoko",
            "Kamikawa Yoko",
            "Minister for Foreign Affairs of Japan",
        ),
    ],
)
def test_actors_titled_name_is_an_unregistered_person(sentence, actor_id, name, role):
    ref = refs(run(body(sentence)))[actor_id]
    assert (ref.name, ref.kind, ref.registered) == (name, "person", False)
    assert role in ref.roles


@pytest.mark.parametrize(
    ("sentence", "actor_id"),
    [
        ("Kim Yong-hyun said the talks went well.", "kim-yong-hyun"),
        ("Shin Won-sik arrived later.", "shin-won-sik"),
        ("Xi Jinping met them.", "xi-jinping"),
        ("They met Kim Jong Un twice.", "kim-jong-un"),
        ("Shigeru Ishiba arrived.", "shigeru-ishiba"),
        ("Tsai Ing-wen arrived.", "tsai-ing-wen"),
        ("Brazil's Luiz Inácio Lula da Silva objected.", "luiz-inacio-lula-da-silva"),
        ("The opposition, led by María Corina Machado, refused.", "maria-corina-machado"),
        ("Later Jean-Noël Barrot said no.", "jean-noel-barrot"),
    ],
)
def test_actors_untitled_name_shapes(sentence, actor_id):
    assert refs(run(body(sentence)))[actor_id].kind == "person"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "Zeid Ra'ad al-Hussein, the U.N. High Commissioner for Human Rights, spoke.",
            "Zeid Ra'ad al-Hussein",
        ),
        ("Foreign Minister Robert O'Brien said the talks went well.", "Robert O'Brien"),
        ("Senator Mamadou N'Diaye said the talks went well.", "Mamadou N'Diaye"),
        ("The governor, Joseph Ng'ang'a, said the vote was fair.", "Joseph Ng'ang'a"),
        ("Minister Derek D\u2019Souza told reporters it was fine.", "Derek D\u2019Souza"),
    ],
)
def test_actors_names_with_an_apostrophe_inside_a_word(registry, sentence, name):
    persons = [a.name for a in run(body(sentence), registry).actors if a.kind == "person"]
    assert persons == [name]


def test_actors_contraction_or_possessive_is_no_part_of_a_name(registry):
    run_of = actors.rules_for(registry).shapes.run
    text = "Don't Panic, said Tom O'Neill's aide, Mary Ng'ang'a."
    assert [m.group() for m in run_of.finditer(text)] == [
        "Don",
        "Panic",
        "Tom O'Neill",
        "Mary Ng'ang'a",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Pentagon said nothing.",
        "On Tuesday, the President spoke.",
        "Meanwhile Russia, the President said, would wait.",
        "They signed a Comprehensive Strategic Partnership treaty.",
        "The Security Council said the Committee would meet.",
        "He Can Do It, the headline said.",
        "Hong Kong police said.",
        "The President Monday vowed to act.",
        "Tension on the Korean Peninsula, the Minister said.",
        "The General Assembly voted.",
        "In Beijing, Foreign Ministry officials said.",
    ],
)
def test_actors_no_person_in_non_names(sentence):
    assert not [a for a in run(body(sentence)).actors if a.kind == "person"]


def test_actors_surname_refers_to_the_full_name():
    doc = run(body("Defense chief Pete Hegsen arrived. Later Hegsen said no."))
    assert refs(doc)["pete-hegsen"].mentions == ("Pete Hegsen", "Hegsen")


def test_actors_shared_surname_is_ambiguous():
    text = body("Minister Kim Yong-hyun and envoy Kim Sung-han met. Kim said no.")
    doc = run(text)
    assert refs(doc)["kim-yong-hyun"].mentions == ("Kim Yong-hyun",)
    assert refs(doc)["kim-sung-han"].mentions == ("Kim Sung-han",)


def test_actors_single_titled_name_joins_the_full_name():
    doc = run(body("Cho Tae-yeol arrived. Later Minister Cho said so."))
    assert refs(doc)["cho-tae-yeol"].mentions == ("Cho Tae-yeol", "Cho")


@pytest.mark.parametrize(
    ("text", "person", "mention"),
    [
        (
            "Prime Minister Prayut Chan-o-cha arrived. Later Prime Minister Prayut said so.",
            "prayut-chan-o-cha",
            "Prayut",
        ),
        (
            "Prime Minister Abiy Ahmed met President Ruto. Prime Minister Abiy said so.",
            "abiy-ahmed",
            "Abiy",
        ),
    ],
)
def test_actors_titled_given_name_joins_the_one_person_so_named(text, person, mention):
    doc = run(body(text))
    assert mention in refs(doc)[person].mentions
    assert len([a for a in doc.actors if a.kind == "person"]) == len(
        {a.id for a in doc.actors if a.kind == "person"}
    )
    assert mention.lower() not in refs(doc)


@pytest.mark.parametrize(
    "text",
    [
        # two persons share the given name
        "Minister Abiy Ahmed and Minister Abiy Tesfaye met. Later Prime Minister Abiy said so.",
        # the word is another person's surname
        "Minister Abiy Ahmed and Minister Dawit Abiy met. Later Prime Minister Abiy said so.",
        # no one is named in full in the document
        "Later Prime Minister Abiy said so.",
    ],
)
def test_actors_titled_given_name_stays_apart_when_unclear(text):
    doc = run(body(text))
    for person in ("abiy-ahmed", "dawit-abiy"):
        assert person not in refs(doc) or "Abiy" not in refs(doc)[person].mentions


# ------------------------------------------------------------------ persons the registry does not hold


def unregistered_persons(doc: Document) -> dict:
    return {a.id: a for a in doc.actors if a.kind == "person" and not a.registered}


@pytest.mark.parametrize(
    ("sentence", "ids"),
    [
        (
            "The Treasury designated business leaders Min Thu Aung, Kyaw Zeya Htun, and Than "
            "Win Oo, as well as military officials Soe Naing and Aung Lin Tun.",
            {"min-thu-aung", "kyaw-zeya-htun", "than-win-oo", "soe-naing", "aung-lin-tun"},
        ),
        (
            "The list names senior officials Tavita Lemalu, Oyelaran Adebayo-Cole and Ruslan "
            "Kuzhetov.",
            {"tavita-lemalu", "oyelaran-adebayo-cole", "ruslan-kuzhetov"},
        ),
        (
            "The target is its director, Tay Zaw Min, as well as Pye Phyo Htet Naing.",
            {"tay-zaw-min", "pye-phyo-htet-naing"},
        ),
        (
            "Vice-Presidents Tavita Lemalu and Ruslan Kuzhetov met.",
            {"tavita-lemalu", "ruslan-kuzhetov"},
        ),
        (
            "The envoy met Tomasz Wiśniewski and Oyelaran Adebayo-Cole on Tuesday.",
            {"tomasz-wisniewski", "oyelaran-adebayo-cole"},
        ),
    ],
)
def test_actors_shape_every_name_of_a_list(registry, sentence, ids):
    assert set(unregistered_persons(run(body(sentence), registry))) == ids


@pytest.mark.parametrize(
    ("sentence", "actor_id", "name"),
    [
        (
            "Mariana Peñaloza opened the session. Later, Mariana Peñaloza thanked the delegates.",
            "mariana-penaloza",
            "Mariana Peñaloza",
        ),
        (
            "The meeting was chaired by Konstantinos Ch. Dimitriou, the Ambassador of Greece.",
            "konstantinos-ch-dimitriou",
            "Konstantinos Ch. Dimitriou",
        ),
        ("Hon. Jenna Morrow MP welcomed the decision.", "jenna-morrow", "Jenna Morrow"),
        (
            "H.E. Mr. Ahmed Khalil Barzani attended the ceremony.",
            "ahmed-khalil-barzani",
            "Ahmed Khalil Barzani",
        ),
        (
            "Foreign Minister Park, Dong-hoon met his counterpart.",
            "park-dong-hoon",
            "Park Dong-hoon",
        ),
        ("The talks were led by Yoon, Jae-hyuk, the new envoy.", "yoon-jae-hyuk", "Yoon Jae-hyuk"),
        ("Foreign Minster Tavita Lemalu met reporters.", "tavita-lemalu", "Tavita Lemalu"),
        ("Defence Secertary Ruslan Kuzhetov spoke.", "ruslan-kuzhetov", "Ruslan Kuzhetov"),
        ("Readout: Rahel Berhane met Ibrahim Touré in Bamako.", "ibrahim-toure", "Ibrahim Touré"),
        (
            "We recalled our envoy in Lima, Dariusz Wroblak, for consultations.",
            "dariusz-wroblak",
            "Dariusz Wroblak",
        ),
        (
            "The Minister met Dr. Amina Okonkwo-Bello and Prof. Ingrid Solberg.",
            "ingrid-solberg",
            "Ingrid Solberg",
        ),
        (
            "According to Moussa Tchalla, the delegation left.",
            "moussa-tchalla",
            "Moussa Tchalla",
        ),
        (
            "The prize went to Aroha Tane-Whitmore, who founded the group.",
            "aroha-tane-whitmore",
            "Aroha Tane-Whitmore",
        ),
        (
            "Talks included Tavita Lemalu of Japan on trade.",
            "tavita-lemalu",
            "Tavita Lemalu",
        ),
        (
            "Jean-Marc Ravaillac, Under-Secretary-General for Field Support, briefed the Council.",
            "jean-marc-ravaillac",
            "Jean-Marc Ravaillac",
        ),
        (
            "Treasury sanctioned businessman Abdelrahim Hamdan Dagalo's associates.",
            "abdelrahim-hamdan-dagalo",
            "Abdelrahim Hamdan Dagalo",
        ),
        (
            "Ruslan Kuzhetov (Kazakhstan) said the text was balanced.",
            "ruslan-kuzhetov",
            "Ruslan Kuzhetov",
        ),
        ("Ruslan Kuzhetov, 54, was arrested on Monday.", "ruslan-kuzhetov", "Ruslan Kuzhetov"),
        ("Ambassador-at-Large Tavita Lemalu visited.", "tavita-lemalu", "Tavita Lemalu"),
        ("Mr. Lemalu said the talks were useful.", "lemalu", "Lemalu"),
        (
            "So said Under Secretary for Terrorism and Financial Intelligence Ruslan Kuzhetov.",
            "ruslan-kuzhetov",
            "Ruslan Kuzhetov",
        ),
        (
            "Among them is Idris Mahamat Nurein, a Khartoum-based gold trader.",
            "idris-mahamat-nurein",
            "Idris Mahamat Nurein",
        ),
        (
            "The report of Mariana Peñaloza was published. Mariana Peñaloza's team left.",
            "mariana-penaloza",
            "Mariana Peñaloza",
        ),
        ("The Rt Hon Tavita Lemalu MP welcomed it.", "tavita-lemalu", "Tavita Lemalu"),
        ("Datuk Tavita Lemalu attended the ceremony.", "tavita-lemalu", "Tavita Lemalu"),
        ("Mme Ingrid Solberg attended.", "ingrid-solberg", "Ingrid Solberg"),
        (
            "Envoy Retno L.P. Marsuki attended the talks.",
            "retno-l-p-marsuki",
            "Retno L.P. Marsuki",
        ),
    ],
)
def test_actors_shape_name_forms(registry, sentence, actor_id, name):
    persons = unregistered_persons(run(body(sentence), registry))
    assert persons[actor_id].name == name


@pytest.mark.parametrize(
    ("headline", "ids"),
    [
        ("Lucien Marchetti Welcomes Joint Strikes in Syria", {"lucien-marchetti"}),
        (
            "Foreign Minister Tavita Lemalu Meets Ingrid Solberg Ahead of Summit",
            {"tavita-lemalu", "ingrid-solberg"},
        ),
        ("Oyelaran Adebayo-Cole Says Talks Will Resume", {"oyelaran-adebayo-cole"}),
        ("Readout of the Vice President's Meeting with Tavita Lemalu of Samoa", {"tavita-lemalu"}),
        ("Tavita Lemalu Named Envoy to Samoa", {"tavita-lemalu"}),
        (
            "Treasury Sanctions Business Leaders Tavita Lemalu and Ruslan Kuzhetov",
            {"tavita-lemalu", "ruslan-kuzhetov"},
        ),
    ],
)
def test_actors_shape_headline_words_after_a_name_stay_out(registry, headline, ids):
    doc = run(headline + "\nThe text follows.", registry)
    assert set(unregistered_persons(doc)) == ids
    assert not [a for a in doc.actors if a.kind == "organization" and not a.registered]


def test_actors_shape_signature_block_is_a_person(registry):
    doc = run(
        "Statement\nWe stand together.\nTavita Lemalu\nMinister for Foreign Affairs", registry
    )
    assert unregistered_persons(doc)["tavita-lemalu"].confidence[1] == "rare words+signature"


@pytest.mark.parametrize(
    "sentence",
    [
        "Welcoming Vice-President, the Prime Minister said.",
        "The Vice-President Kamala said she would go.",
    ],
)
def test_actors_bare_or_plural_title_is_never_a_person(registry, sentence):
    titles = {"Vice-President", "Vice-Presidents", "Presidents", "Ministers", "Said"}
    for person in unregistered_persons(run(body(sentence), registry)).values():
        assert not titles & set(person.name.split()), person.name


@pytest.mark.parametrize(
    ("sentence", "actor_id", "evidence", "low", "high"),
    [
        ("Foreign Minister Tavita Lemalu spoke.", "tavita-lemalu", "title", 0.8, 1.0),
        ("The Treasury named officials Soe Naing and Kyaw Zeya.", "kyaw-zeya", "list", 0.55, 0.95),
        ("Talks with Tomasz Wiśniewski ended.", "tomasz-wisniewski", "rare words", 0.55, 0.8),
    ],
)
def test_actors_unregistered_person_carries_confidence(
    registry, sentence, actor_id, evidence, low, high
):
    score, kinds = unregistered_persons(run(body(sentence), registry))[actor_id].confidence
    assert low <= score <= high
    assert evidence in kinds.split("+")


def test_actors_registered_actor_has_no_confidence(registry):
    doc = run(body("Foreign Minister Tavita Lemalu met Lloyd Austin in Japan."), registry)
    assert {a.id: a.confidence for a in doc.actors if a.registered} == {
        "lloyd-austin": None,
        "japan": None,
    }


# ------------------------------------------------------------------ resolution


def test_actors_misnamed_holder_is_resolved_and_flagged():
    doc = run(body("U.S. Secretary of Defense Royce Austin met them."))
    ref = refs(doc)["lloyd-austin"]
    assert ref.registered and ref.mentions == ("Royce Austin",)
    assert ref.flags == ("possibly misnamed in source as 'Royce Austin'",)
    assert any("Royce Austin" in n.text and n.kind == "actor" for n in doc.notes)


def test_actors_holder_must_hold_the_office_on_the_date():
    doc = run(body("Secretary of Defense Royce Austin met them."), date="2026-03-01")
    assert "lloyd-austin" not in refs(doc)
    assert refs(doc)["royce-austin"].registered is False


def test_actors_titled_name_needs_an_agreeing_name():
    doc = run(body("Secretary of Defense Royce Smith met them."))
    assert set(refs(doc)) >= {"royce-smith"}
    assert "lloyd-austin" not in refs(doc)


def test_actors_alias_resolves_without_flag():
    ref = refs(run(body("U.S. Secretary of State Tony Blinken said.")))["antony-blinken"]
    assert (ref.mentions, ref.flags) == (("Tony Blinken",), ())


def test_actors_office_country_from_title():
    doc = run(body("Japanese Defense Minister Kihara Minoru met U.S. officials."), date="2024-05")
    assert refs(doc)["minoru-kihara"].registered


def test_actors_registered_roles_on_document_date():
    assert refs(run(body("Lloyd Austin spoke.")))["lloyd-austin"].roles == (
        "U.S. Secretary of Defense",
    )
    assert refs(run(body("Lloyd Austin spoke."), date="2019"))["lloyd-austin"].roles == ()


def test_actors_surname_only_title_uses_roles():
    doc = run(body("Secretary Austin and Secretary Blinken spoke."))
    assert {"lloyd-austin", "antony-blinken"} <= set(refs(doc))


# ------------------------------------------------------------------ organizations


@pytest.mark.parametrize(
    ("sentence", "actor_id", "mentions"),
    [
        (
            "They run a ‘Multilateral Sanctions Monitoring Team’ (MSMT). MSMT has 11 members.",
            "multilateral-sanctions-monitoring-team",
            ("Multilateral Sanctions Monitoring Team", "MSMT"),
        ),
        (
            "Officers of the Islamic Revolutionary Guard Corps (IRGC) died.",
            "islamic-revolutionary-guard-corps",
            ("Islamic Revolutionary Guard Corps", "IRGC"),
        ),
        (
            "The Eastern Theater Command said.",
            "eastern-theater-command",
            ("Eastern Theater Command",),
        ),
        (
            "The Organization of American States met.",
            "organization-of-american-states",
            ("Organization of American States",),
        ),
    ],
)
def test_actors_organizations_beyond_the_registry(sentence, actor_id, mentions):
    ref = refs(run(body(sentence)))[actor_id]
    assert (ref.kind, ref.registered, ref.mentions) == ("organization", False, mentions)


@pytest.mark.parametrize(
    "sentence",
    [
        "It held the 56th Security Consultative Meeting (SCM).",
        "It tested an intercontinental ballistic missile (ICBM).",
        "The Foreign Ministry said.",
    ],
)
def test_actors_no_organization_in_meetings_and_weapons(sentence):
    assert not [a for a in run(body(sentence)).actors if a.kind == "organization"]


def test_actors_registered_organization_by_alias():
    assert refs(run(body("The UNSC met.")))["un-security-council"].registered


# ------------------------------------------------------------------ spans and order


def test_actors_spans_cover_mentions_in_every_block():
    doc = run("Korea-US talks\nSouth Korea and the U.S. met.")
    texts = {(s.block, doc.seed.blocks[s.block].text[s.start : s.end], s.target) for s in doc.spans}
    assert texts == {
        (0, "Korea", "south-korea"),
        (0, "US", "united-states"),
        (1, "South Korea", "south-korea"),
        (1, "U.S.", "united-states"),
    }


def test_actors_in_order_of_first_mention():
    doc = run(body("Russia, Japan and China met; Japan left."))
    assert [a.id for a in doc.actors] == ["russia", "japan", "china"]


def test_actors_keeps_other_spans_and_notes():
    seed = Seed("t", "t", (Block("title", "Japan"),))
    doc = Document(seed=seed, slug="t", spans=(), notes=())
    out = actors.annotate(doc, SMALL)
    assert out.seed is seed and len(out.spans) == 1


def test_actors_rules_built_once_per_digest():
    assert actors.rules_for(SMALL) is actors.rules_for(SMALL)


# ------------------------------------------------------------------ the real registry


@pytest.fixture(scope="module")
def seed_doc(registry) -> Document:
    lines = [line for line in SEED.read_text("utf-8").split("\n") if line.strip()]
    blocks = [Block("title", lines[0]), Block("subtitle", lines[1])]
    blocks += [Block("paragraph", line) for line in lines[2:]]
    seed = Seed(str(SEED), SEED.name, tuple(blocks))
    return actors.annotate(Document(seed=seed, slug="s", date="2024-10-30"), registry)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Kim Yong-hyun", "person"),
        ("Lloyd Austin", "person"),
        ("Antony Blinken", "person"),
        ("South Korea", "country"),
        ("United States", "country"),
        ("North Korea", "country"),
        ("Russia", "country"),
        ("Japan", "country"),
    ],
)
def test_actors_seed_finds(seed_doc, name, kind):
    assert (name, kind) in {(a.name, a.kind) for a in seed_doc.actors}


def test_actors_seed_finds_cho_and_organizations(seed_doc):
    mentions = {m for a in seed_doc.actors for m in a.mentions}
    assert {"Cho Tae-yeol", "Multilateral Sanctions Monitoring Team", "MSMT"} <= mentions
    assert "UN Security Council" in mentions


def test_actors_seed_flags_royce_austin(seed_doc):
    austin = refs(seed_doc)["lloyd-austin"]
    assert {"Lloyd Austin", "Royce Austin"} <= set(austin.mentions)
    assert any("Royce Austin" in f for f in austin.flags)
    assert "Tony Blinken" in refs(seed_doc)["antony-blinken"].mentions


def test_actors_seed_has_no_junk(seed_doc):
    names = {a.name for a in seed_doc.actors}
    assert not names & {"Pentagon", "Korean Peninsula", "Comprehensive Strategic Partnership"}
    assert all(a.kind != "person" or a.name != "Pentagon" for a in seed_doc.actors)
    assert "Security Consultative Meeting" not in names


# ------------------------------------------------------------------ courtesy words and name forms


@pytest.mark.parametrize(
    ("sentence", "actor_id"),
    [
        ("Home Secretary Shri Arjun Mehta briefed reporters.", "arjun-mehta"),
        ("Chief Minister Smt. Kavita Rao opened the session.", "kavita-rao"),
        ("Deputy Premier Sheikh Khalid Mansour arrived.", "khalid-mansour"),
        ("Speaker Hon. Grace Mwangi adjourned the house.", "grace-mwangi"),
        ("Dr. Leila Haddad, the Health Minister of Lebanon, said so.", "leila-haddad"),
    ],
)
def test_actors_courtesy_word_is_not_part_of_the_name(sentence, actor_id):
    assert refs(run(body(sentence)))[actor_id].kind == "person"


DELGADO = Actor(
    "rosa-delgado",
    "Rosa Delgado",
    "person",
    affiliation="brazil",
    weak_aliases=("Delgado",),
)
WITH_DELGADO = Knowledge(
    actors=COUNTRIES + PERSONS + (DELGADO,), offices=OFFICES, lexicon=LEXICON, digest="delgado"
)


@pytest.mark.parametrize(
    ("sentence", "registered"),
    [
        ("Rosa María Delgado, the Interior Minister, said so.", True),
        ("Interior Minister Rosa María Elena Delgado spoke.", True),
        ("Interior Minister Rosa Delgado Torres spoke.", False),
        ("Interior Minister Ana María Delgado spoke.", False),
    ],
)
def test_actors_fuller_name_of_a_registered_person(sentence, registered):
    doc = run(body(sentence), WITH_DELGADO)
    assert ("rosa-delgado" in refs(doc)) is registered


def test_actors_shorter_form_joins_the_full_name():
    doc = run(body("Minister Juan Carlos Ortega Ruiz arrived. Later Minister Ortega Ruiz left."))
    ref = refs(doc)["juan-carlos-ortega-ruiz"]
    assert ref.mentions == ("Juan Carlos Ortega Ruiz", "Ortega Ruiz")
    assert "ortega-ruiz" not in refs(doc)


def test_actors_shorter_form_of_two_names_stays_apart():
    text = "Minister Juan Ortega Ruiz and Minister Pablo Ortega Ruiz met. Ortega Ruiz left."
    assert {"juan-ortega-ruiz", "pablo-ortega-ruiz"} <= set(refs(run(body(text))))


@pytest.mark.parametrize(
    ("sentence", "actor_id", "present"),
    [
        ("Tariffs imposed by the Biden administration stayed.", "joe-biden", True),
        ("Envoys of the Lukashenko regime were expelled.", "alexander-lukashenko", True),
        ("The Biden-era tariffs stayed.", "joe-biden", False),
        ("Aides to Biden were expelled.", "joe-biden", False),
    ],
)
def test_actors_leader_surname_before_government_names_the_leader(
    registry, sentence, actor_id, present
):
    assert (actor_id in refs(run(body(sentence), registry))) is present


# ------------------------------------------------------------------ countries in fixed phrases


@pytest.mark.parametrize(
    ("sentence", "present", "absent"),
    [
        ("Japan pledged 5 billion U.S. dollars in loans.", {"japan"}, {"united-states"}),
        ("Loans worth 2 billion Japanese yen were signed.", set(), {"japan"}),
        ("The U.S. dollar fell; the U.S. Treasury said.", {"united-states"}, set()),
        ("South Korea won the vote.", {"south-korea"}, set()),
    ],
)
def test_actors_currency_names_no_country(sentence, present, absent):
    found = set(refs(run(body(sentence))))
    assert present <= found
    assert not absent & found


@pytest.mark.parametrize(
    ("sentence", "present", "absent"),
    [
        (
            "Rebels in the Democratic Republic of the Congo advanced; the Congo asked for help.",
            {"dr-congo"},
            {"republic-of-the-congo"},
        ),
        (
            "Congo-Brazzaville hosted talks, and Congo signed the accord.",
            {"republic-of-the-congo"},
            {"dr-congo"},
        ),
        ("Mining in Congo expanded.", set(), {"dr-congo", "republic-of-the-congo"}),
    ],
)
def test_actors_congo_alone_is_the_congo_named_otherwise(registry, sentence, present, absent):
    found = set(refs(run(body(sentence), registry)))
    assert present <= found
    assert not absent & found


def test_actors_country_in_an_organization_name_may_be_hidden(registry):
    found = set(refs(run(body("The Organization of American States met in Lima."), registry)))
    assert "organization-of-american-states" in found
    assert "united-states" not in found


# ------------------------------------------------------------------ organizations, not clauses


@pytest.mark.parametrize(
    "sentence",
    [
        "7. Requests the Chairperson of the Commission to report back.",
        "The Heads of State/Government of the Member States attended.",
        "Two attachés of the Kenyan High Commission in London left.",
        "It was named a Foreign Terrorist Organization in 2021.",
        "Calls upon the Secretary-General of the Council to act.",
    ],
)
def test_actors_no_organization_in_clauses_and_posts(sentence):
    assert not [a for a in run(body(sentence)).actors if a.kind == "organization"]


@pytest.mark.parametrize(
    ("sentence", "actor_id"),
    [
        (
            "Director General of the Caspian Atomic Corporation Hugo Pérez spoke.",
            "caspian-atomic-corporation",
        ),
        (
            "The Community of Andean and Pacific States met.",
            "community-of-andean-and-pacific-states",
        ),
        ("Two ships of the Baltic Shipping Lines were seized.", "baltic-shipping-lines"),
        ("Kestrel Airlines cancelled its flights.", "kestrel-airlines"),
    ],
)
def test_actors_organization_name_without_title_or_clause(sentence, actor_id):
    ref = refs(run(body(sentence)))[actor_id]
    assert ref.kind == "organization"


def test_actors_two_bodies_joined_by_and_stay_apart():
    found = set(refs(run(body("Officials of the Council of Lisbon and European Union met."))))
    assert "european-union" in found
    assert not [i for i in found if "and-european-union" in i]


@pytest.mark.parametrize(
    "sentence",
    [
        "Deputy Minister of Defence and Armed Forces Logistics of Iran was listed.",
        "João Silva, President of Angola and AU Champion for Peace in Africa, spoke.",
    ],
)
def test_actors_title_words_are_no_person(sentence):
    persons = {a.id for a in run(body(sentence)).actors if a.kind == "person"}
    assert not persons - {"joao-silva"}


# ------------------------------------------------------------------ acronyms and connectors


@pytest.mark.parametrize(
    ("sentence", "actor_id", "mentions"),
    [
        (
            "Supreme Electoral Tribunal (TSE) officials met. The TSE said.",
            "supreme-electoral-tribunal",
            ("Supreme Electoral Tribunal", "TSE"),
        ),
        (
            "The Baltic Fisheries Council (BC) met. The BC said.",
            "baltic-fisheries-council",
            ("Baltic Fisheries Council",),
        ),
    ],
)
def test_actors_acronym_defined_by_the_initials_rule(sentence, actor_id, mentions):
    assert refs(run(body(sentence)))[actor_id].mentions == mentions


def test_actors_connector_words_come_from_the_lexicon():
    lexicon = dict(LEXICON)
    lexicon["actor-org-connectors"] = tuple(w for w in LEXICON["actor-org-connectors"] if w != "&")
    plain = Knowledge(actors=COUNTRIES, lexicon=lexicon, digest="no-ampersand")
    sentence = "It listed Delta Steel & Shipping Company (DSS) on Monday."
    assert "delta-steel-shipping-company" in refs(run(body(sentence)))
    assert "delta-steel-shipping-company" not in refs(run(body(sentence), plain))


# ------------------------------------------------------------------ organization boundaries


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The Ministry of Mining's Office of Mineral Licensing (OML) fined them.",
            {"ministry-of-mining", "office-of-mineral-licensing"},
        ),
    ],
)
def test_actors_possessive_chain_is_two_organizations(sentence, expected):
    found = {a.id for a in run(body(sentence)).actors if a.kind == "organization"}
    assert found == expected


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Troops of the 44th Mountain Rifle Division moved.", "44th Mountain Rifle Division"),
        (
            "The Independent Commission on Lake Affairs met.",
            "Independent Commission on Lake Affairs",
        ),
        ("It listed Andes Copper Company Ltd. on Monday.", "Andes Copper Company Ltd."),
    ],
)
def test_actors_qualifiers_belong_to_the_organization_name(sentence, name):
    names = [a.name for a in run(body(sentence)).actors if a.kind == "organization"]
    assert names == [name]


@pytest.mark.parametrize(
    "sentence",
    [
        "Welcoming Council decisions on the matter, the ministers left.",
        "Noting Assembly resolutions, the delegates agreed.",
        "Members of the Assembly voted for the text.",
    ],
)
def test_actors_words_that_are_not_names_are_not_organizations(sentence):
    assert not [a for a in run(body(sentence)).actors if a.kind == "organization"]


@pytest.mark.parametrize(
    ("text", "actor_id", "mentions"),
    [
        (
            "Report\nTalwin Group of Companies (Talwin Group) was listed.\nTalwin Group denied it.",
            "talwin-group-of-companies",
            ("Talwin Group of Companies", "Talwin Group"),
        ),
        (
            "Report\nThe Ostrava Mining Company Limited (Ostrava Mining) was listed.",
            "ostrava-mining-company-limited",
            ("Ostrava Mining Company Limited", "Ostrava Mining"),
        ),
    ],
)
def test_actors_short_form_in_parentheses_is_the_same_organization(text, actor_id, mentions):
    orgs = [a for a in run(text).actors if a.kind == "organization"]
    assert [(a.id, a.mentions) for a in orgs] == [(actor_id, mentions)]


# ------------------------------------------------------------------ names local to a country

LOCAL = Knowledge(
    actors=COUNTRIES
    + (
        Actor(
            "us-jcs",
            "U.S. Joint Chiefs of Staff",
            "organization",
            affiliation="united-states",
            local_aliases=("Joint Chiefs of Staff",),
        ),
        Actor("rok-mnd", "ROK Defense Ministry", "organization", affiliation="south-korea"),
        Actor(
            "rok-jcs",
            "ROK Joint Chiefs of Staff",
            "organization",
            affiliation="rok-mnd",
            local_aliases=("Joint Chiefs of Staff",),
        ),
    ),
    lexicon=LEXICON,
    digest="local",
)


@pytest.mark.parametrize(
    ("text", "publisher", "actor_id", "registered"),
    [
        (
            "Report\nThe Joint Chiefs of Staff said South Korea and the ROK Defense Ministry acted.",
            None,
            "rok-jcs",
            True,
        ),
        (
            "Report\nThe Joint Chiefs of Staff said the U.S. and the United States acted.",
            None,
            "us-jcs",
            True,
        ),
        (
            "Report\nThe Joint Chiefs of Staff said North Korea fired a missile.",
            "ROK Defense Ministry",
            "rok-jcs",
            True,
        ),
        ("Report\nSeoul, Oct. 5 -- The Joint Chiefs of Staff said it.", None, "rok-jcs", True),
        ("Report\nThe Joint Chiefs of Staff met on Monday.", None, "joint-chiefs-of-staff", False),
        (
            "Report\nThe Joint Chiefs of Staff met Japan and Russia.",
            None,
            "joint-chiefs-of-staff",
            False,
        ),
    ],
)
def test_actors_local_alias_is_the_body_of_the_dominant_country(
    text, publisher, actor_id, registered
):
    lines = text.split("\n")
    blocks = (Block("title", lines[0]), *(Block("paragraph", line) for line in lines[1:]))
    header = {"publisher": publisher} if publisher else {}
    seed = Seed("t.txt", "t.txt", blocks, header)
    doc = actors.annotate(Document(seed=seed, slug="t", date="2024-10-30"), LOCAL)
    orgs = {a.id: a.registered for a in doc.actors if a.mentions == ("Joint Chiefs of Staff",)}
    assert orgs == {actor_id: registered}


# ------------------------------------------------------------------ persons named by role

ROLES = Knowledge(
    actors=COUNTRIES
    + (
        country("italy", "Italy", ["Italian"], ["Rome"]),
        country("france", "France", ["French"], ["Paris"]),
        Actor("white-house", "White House", "organization", affiliation="united-states"),
        Actor(
            "marco-bellini",
            "Marco Bellini",
            "person",
            roles=(Role("Prime Minister of Italy", "it-pm", "2021-02-13", "2022-10-22"),),
            affiliation="italy",
        ),
        Actor(
            "giulia-conti",
            "Giulia Conti",
            "person",
            roles=(Role("Prime Minister of Italy", "it-pm", "2022-10-22"),),
            affiliation="italy",
        ),
        Actor(
            "anna-lind",
            "Anna Lind",
            "person",
            roles=(Role("High Representative", "eu-hr", "2019-12-01"),),
        ),
        Actor(
            "sam-carter",
            "Sam Carter",
            "person",
            roles=(Role("President of the United States", "us-pres", "2021-01-20"),),
            affiliation="united-states",
        ),
        Actor(
            "ilker-demir",
            "İlker Demir",
            "person",
            weak_aliases=("Demir",),
            affiliation="italy",
            known_by_surname=True,
        ),
    ),
    offices=(
        Office("it-pm", "Prime Minister of Italy", "italy", ("Prime Minister",)),
        Office("fr-pm", "Prime Minister of France", "france", ("Prime Minister",)),
        Office("eu-hr", "High Representative", None, ("High Representative",)),
        Office("us-pres", "President of the United States", "united-states", ("President",)),
    ),
    lexicon=LEXICON,
    digest="roles",
)


def roles_run(sentence: str, date: str | None = "2022-03-10", publisher: str = "") -> Document:
    blocks = (Block("title", "Report"), Block("paragraph", sentence))
    seed = Seed("t.txt", "t.txt", blocks, {"publisher": publisher} if publisher else {})
    return actors.annotate(Document(seed=seed, slug="t", date=date), ROLES)


@pytest.mark.parametrize(
    ("sentence", "publisher", "actor_id", "mentions"),
    [
        (
            "The Prime Minister of Italy met the former Prime Minister of Italy.",
            "",
            "marco-bellini",
            ("Prime Minister of Italy",),
        ),
        (
            "Italy's Prime Minister met a Prime Minister of France.",
            "",
            "marco-bellini",
            ("Prime Minister",),
        ),
        (
            "A declaration by the High Representative on behalf of the EU.",
            "",
            "anna-lind",
            ("High Representative",),
        ),
        ("The President's remarks were welcomed.", "The White House", "sam-carter", ("President",)),
    ],
)
def test_actors_office_named_alone_is_its_holder_on_the_date(
    sentence, publisher, actor_id, mentions
):
    ref = refs(roles_run(sentence, publisher=publisher))[actor_id]
    assert (ref.mentions, ref.via) == (mentions, "role")


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("The Prime Minister of Italy spoke.", None),  # undated
        ("The Prime Minister of Italy spoke.", "2022-10"),  # two holders that month
        ("The Prime Minister spoke.", "2022-03-10"),  # Italy's or France's
        ("The President spoke.", "2022-03-10"),  # whose, without a publisher
        ("The Prime Minister of Italy Marco Bellini spoke.", "2022-03-10"),  # named
    ],
)
def test_actors_office_named_alone_needs_one_holder(sentence, date):
    doc = roles_run(sentence, date)
    blocks = [b.text for b in doc.seed.blocks]
    groups = [{} for _ in blocks]
    resolve = importlib.import_module("build_tools.annotate.actors.resolve")
    ctx = actors.Context(actors.rules_for(ROLES), date, frozenset(), ("title", "paragraph"))
    assert resolve.role_hits(blocks, groups, ctx) == []
    assert not [a for a in doc.actors if a.via]


def test_actors_person_known_by_surname_is_named_by_it():
    assert refs(roles_run("Talks with Demir went well."))["ilker-demir"].mentions == ("Demir",)


def test_actors_named_by_role_is_marked_in_the_record():
    from build_tools.extract import record

    doc = roles_run("The Prime Minister of Italy met Anna Lind.")
    assert [(a["id"], a.get("via")) for a in record(doc)["actors"]] == [
        ("marco-bellini", "role"),
        ("italy", None),
        ("anna-lind", None),
    ]


@pytest.mark.parametrize(
    ("sentence", "actor_id"),
    [
        ("A Foreign and Commonwealth Office spokesman said.", "fcdo"),
        ("Talks in the Normandy Format resumed.", "normandy-format"),
        ("ISWAP fighters attacked the base.", "iswap"),
        ("Ships of Operation Aspides escorted them.", "operation-aspides"),
    ],
)
def test_actors_registry_names_bodies_every_archive_meets(registry, sentence, actor_id):
    assert refs(run(body(sentence), registry))[actor_id].registered


@pytest.mark.parametrize(
    ("text", "person", "mentions"),
    [
        (
            "Bangladesh Prime Minister Sheikh Hasina arrived. Later Hasina said so.",
            "sheikh-hasina",
            ("Sheikh Hasina", "Hasina"),
        ),
        # a full name after the honorific: the Gulf style, the honorific left out
        (
            "Crown Prince Sheikh Mohammed bin Zayed arrived. Later Sheikh Mohammed said so.",
            "mohammed-bin-zayed",
            ("Mohammed bin Zayed", "Mohammed"),
        ),
    ],
)
def test_actors_honorific_kept_with_a_lone_name_word(registry, text, person, mentions):
    doc = run(body(text), registry)
    persons = {a.id: a for a in doc.actors if a.kind == "person"}
    assert list(persons) == [person]
    assert persons[person].mentions == mentions
    assert not any(r.endswith("Sheikh") for r in persons[person].roles if person == "sheikh-hasina")


@pytest.mark.parametrize(
    ("sentence", "actor_id"),
    [
        ("Sony Corp said it was assessing the impact.", "sony-corp"),
        (
            "Huawei Technologies Co Ltd said it would fight the decision.",
            "huawei-technologies-co-ltd",
        ),
        ("Qualcomm Inc declined to comment.", "qualcomm-inc"),
    ],
)
def test_actors_name_closing_on_a_company_form_is_an_organization(sentence, actor_id):
    ref = refs(run(body(sentence)))[actor_id]
    assert (ref.kind, ref.registered) == ("organization", False)


def test_actors_title_in_capitals_is_no_part_of_the_name():
    ref = refs(run(body("Saudi Aramco President and CEO Amin Nasser said work was underway.")))[
        "amin-nasser"
    ]
    assert (ref.name, ref.kind) == ("Amin Nasser", "person")
    assert "CEO" in ref.roles


@pytest.mark.parametrize(
    ("sentence", "actor_id"),
    [
        (
            "Omar Abdullah, the National Conference vice-president, said it was wrong.",
            "omar-abdullah",
        ),
        (
            "Frank Pallone, the committee's ranking Democrat, said he was not convinced.",
            "frank-pallone",
        ),
        ("Eddie Rowe, the WFP's country director, said the stores were looted.", "eddie-rowe"),
        ('"It is bad," said Gabriel Caamaño, an economist at Outlier.', "gabriel-caamano"),
        (
            '"At what cost?" said Cecilia Bonefeld-Dahl, its director general.',
            "cecilia-bonefeld-dahl",
        ),
    ],
)
def test_actors_name_before_a_lower_case_role_and_a_verb_is_a_person(registry, sentence, actor_id):
    found = refs(run(body(sentence), registry))
    assert found[actor_id].kind == "person"


def test_actors_body_before_a_description_and_a_verb_is_not_a_person(registry):
    found = refs(
        run(body("Yiaga Africa, a civil society group, said the count was sound."), registry)
    )
    assert all(a.kind != "person" for a in found.values())


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("Moving the resolution in the Rajya Sabha, Home Minister Amit Shah spoke.", "rajya-sabha"),
        (
            "The Bahujan Samaj Party and the Biju Janata Dal said they would back it.",
            "biju-janata-dal",
        ),
        (
            "Floods hit East Nusa Tenggara. Rain will reach the coast of Nusa Tenggara, Nusa Tenggara officials said.",
            "nusa-tenggara",
        ),
    ],
)
def test_actors_name_after_an_article_or_a_compass_word_is_no_person(registry, sentence, absent):
    found = refs(run(body(sentence), registry))
    assert absent not in found or found[absent].kind != "person"


@pytest.mark.parametrize(
    ("sentence", "org_id", "absent"),
    [
        ("The Indonesian Red Cross said it had sent relief goods.", "indonesian-red-cross", "icrc"),
        (
            "The Sudanese Red Crescent Society said volunteers buried bodies.",
            "sudanese-red-crescent-society",
            "",
        ),
        ("The Law Society of Kenya called for calm.", "law-society-of-kenya", ""),
        (
            "The General Confederation of Labour said it would strike.",
            "general-confederation-of-labour",
            "confederation",
        ),
    ],
)
def test_actors_national_societies_and_confederations_are_organisations(
    registry, sentence, org_id, absent
):
    found = refs(run(body(sentence), registry))
    assert found[org_id].kind == "organization"
    assert absent not in found


def test_actors_the_red_cross_alone_is_the_registered_body(registry):
    found = refs(run(body("The Red Cross said it was worried about the prisoners."), registry))
    assert "icrc" in found


def test_actors_name_of_the_party_is_a_person_and_the_party_a_body(registry):
    text = "Atiku Abubakar came second, while Peter Obi of the Labour Party polled 6,101,533."
    found = refs(run(body(text), registry))
    assert found["peter-obi"].kind == "person"
    assert found["labour-party"].kind == "organization"


def test_actors_a_party_name_going_on_is_no_party_of_its_own(registry):
    found = refs(run(body("He heads a coalition with the New Party Sakigake."), registry))
    assert "new-party" not in found


@pytest.mark.parametrize(
    ("sentence", "org_id"),
    [
        ("Pakistan's Foreign Office said it would respond.", "pakistan-s-foreign-office"),
        (
            "Taiwan's Presidential Office said it welcomed the talks.",
            "taiwan-s-presidential-office",
        ),
    ],
)
def test_actors_a_countrys_office_is_a_body_of_its_own(registry, sentence, org_id):
    assert refs(run(body(sentence), registry))[org_id].kind == "organization"


def test_actors_an_office_of_no_one_named_is_no_body(registry):
    found = refs(run(body("The Defense Ministry said the claims were not true."), registry))
    assert not [a for a in found.values() if a.kind == "organization"]


def test_actors_an_acronym_that_speaks_after_the_is_a_body(registry):
    text = "PTI members walked out.\nThe PTI said in a statement that its lawmakers would resign."
    found = refs(run("Report\n" + text, registry))
    assert found["pti"].kind == "organization"
    assert found["pti"].mentions == ("PTI",)


def test_actors_a_nickname_in_quotation_marks_is_no_part_of_the_name(registry):
    found = refs(
        run(body('President Joko "Jokowi" Widodo visited Lembata. Widodo left.'), registry)
    )
    assert found["joko-widodo"].kind == "person"
    assert "joko" not in found


@pytest.mark.parametrize(
    "text, person, absent",
    [
        (
            "Manasseh Sogavare spoke in Honiara. PM Sogavare said the deal was signed.",
            "manasseh-sogavare",
            "pm-sogavare",
        ),
        (
            "Trinamool Congress MP Mahua Moitra wrote that the vote was lost.",
            "mahua-moitra",
            "mp-mahua-moitra",
        ),
        (
            "MK Simcha Rothman told the plenum that the law restored power to voters.",
            "simcha-rothman",
            "mk-simcha-rothman",
        ),
    ],
)
def test_actors_pm_mp_and_mk_are_titles_not_names(registry, text, person, absent):
    found = refs(run(body(text), registry))
    assert found[person].kind == "person"
    assert absent not in found


def test_actors_a_chamber_heads_an_organisations_name(registry):
    found = refs(
        run(
            body("The Kuwait Chamber of Commerce and Industry said the laws would pass."),
            registry,
        )
    )
    assert found["kuwait-chamber-of-commerce-and-industry"].kind == "organization"


@pytest.mark.parametrize(
    "sentence, org_id",
    [
        (
            "The National Search and Rescue Agency said its teams were searching.",
            "national-search-and-rescue-agency",
        ),
        (
            "The Meteorology, Climatology and Geophysics Agency said aftershocks would go on.",
            "meteorology-climatology-and-geophysics-agency",
        ),
        (
            "The secretary of Ukraine's National Security and Defence Council spoke.",
            "national-security-and-defence-council",
        ),
    ],
)
def test_actors_words_joined_by_and_or_a_list_make_one_name(registry, sentence, org_id):
    found = refs(run(body(sentence), registry))
    assert found[org_id].kind == "organization"
    assert not [
        k for k in found if k.endswith(("rescue-agency", "geophysics-agency")) and k != org_id
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "India will withdraw its Defence, Navy and Air Advisors from the mission.",
        "Iran and the Eurasian Economic Union signed the deal.",
    ],
)
def test_actors_a_list_or_two_bodies_joined_by_and_make_no_one_name(registry, sentence):
    found = refs(run(body(sentence), registry))
    assert not [k for k in found if "-and-" in k or k == "defence-navy"]


def test_actors_alhaji_and_hajiya_are_honorifics(registry):
    found = refs(run(body("Hajiya Sadiya Umar Farouq said 603 people had died."), registry))
    assert found["sadiya-umar-farouq"].kind == "person"
    assert "hajiya-sadiya-umar-farouq" not in found


@pytest.mark.parametrize(
    "text, org_id",
    [
        ("The vote passed. Likud said in a statement that the opposition refused.", "likud"),
        ("HAMBURG, March 14, 2024 – Hapag-Lloyd said on Thursday that profit fell.", "hapag-lloyd"),
        ("Power was cut. Transpower said the grid had lost several lines.", "transpower"),
        ("Ships turned. Germany's Hapag-Lloyd said on Friday it would stop.", "hapag-lloyd"),
        ("Apps were barred. ByteDance, the owner of TikTok, said it disagreed.", "bytedance"),
        ("Apps were barred. Tencent, which runs WeChat, said talks would go on.", "tencent"),
    ],
)
def test_actors_a_rare_word_that_speaks_alone_is_a_body(registry, text, org_id):
    assert refs(run(body(text), registry))[org_id].kind == "organization"


@pytest.mark.parametrize(
    "text",
    [
        "Shots were fired. Witnesses said the convoy was hit.",
        "Manasseh Sogavare spoke. Sogavare said the deal was signed.",
        "Manasseh Sogavare spoke. Sogavare, the prime minister, said the deal was signed.",
        "Rain fell. Witnesses, the residents of the town, said water rose.",
        "Talks ended. Kolwezi's Mukendi said the mine would close.",
    ],
)
def test_actors_a_common_word_or_a_surname_that_speaks_is_no_body(registry, text):
    found = refs(run(body(text), registry))
    assert not [a for a in found.values() if a.kind == "organization"]


def test_actors_an_acronym_in_the_names_own_language_is_its_short_form(registry):
    text = (
        "BMKG: aftershocks to continue\n"
        "The Meteorology, Climatology and Geophysics Agency (BMKG) said aftershocks would go on."
    )
    found = refs(run(text, registry))
    assert set(found["meteorology-climatology-and-geophysics-agency"].mentions) == {
        "Meteorology, Climatology and Geophysics Agency",
        "BMKG",
    }
