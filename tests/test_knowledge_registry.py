"""The curated actor registry: actors.yaml and offices.yaml as shipped.

These tests read the real files in ``build_tools/knowledge/``: they check that
the registry loads, that its dates are consistent, and a table of known facts.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from pathlib import Path

import pytest

from build_tools.knowledge import DEFAULT_DIR, read_knowledge, slugify_id
from build_tools.model import Actor, Knowledge, Role

REGISTRY_FILES = {str(DEFAULT_DIR / "actors.yaml"), str(DEFAULT_DIR / "offices.yaml")}


@functools.lru_cache(maxsize=1)
def _loaded() -> tuple[Knowledge, tuple]:
    knowledge, problems = read_knowledge()
    return knowledge, tuple(problems)


def _knowledge() -> Knowledge:
    return _loaded()[0]


def _curated(kind: str) -> list[Actor]:
    return [a for a in _knowledge().actors if a.kind == kind]


def _persons_with_roles() -> list[Actor]:
    return [a for a in _curated("person") if a.roles]


def _holders(office: str, iso: str) -> list[str]:
    return sorted(
        {
            actor.id
            for actor in _curated("person")
            for role in actor.roles
            if role.office == office and role.held_on(iso)
        }
    )


def _fold(text: str) -> str:
    """ASCII form of a name: accents dropped ("Erdoğan" → "Erdogan")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _ends_before_start(role: Role) -> bool:
    if role.start is None or role.end is None:
        return False
    n = min(len(role.start), len(role.end))
    return role.end[:n] < role.start[:n]


# ------------------------------------------------------------------ loading


def test_knowledge_registry_loads_without_errors():
    _, problems = _loaded()
    assert [str(p) for p in problems if p.severity == "error"] == []


def test_knowledge_registry_files_have_no_warnings():
    _, problems = _loaded()
    assert [str(p) for p in problems if p.path in REGISTRY_FILES] == []


def test_knowledge_registry_files_exist():
    assert all(Path(path).is_file() for path in REGISTRY_FILES)


@pytest.mark.parametrize(("kind", "minimum"), [("person", 150), ("organization", 230)])
def test_knowledge_registry_size(kind, minimum):
    assert len(_curated(kind)) >= minimum


# -------------------------------------------------------- per-actor checks


@pytest.mark.parametrize("actor", _persons_with_roles(), ids=lambda a: a.id)
def test_knowledge_registry_office_roles_have_start(actor):
    assert [r.title for r in actor.roles if r.office and not r.start] == []


@pytest.mark.parametrize("actor", _persons_with_roles(), ids=lambda a: a.id)
def test_knowledge_registry_role_end_not_before_start(actor):
    assert [r.title for r in actor.roles if _ends_before_start(r)] == []


@pytest.mark.parametrize("actor", _curated("person"), ids=lambda a: a.id)
def test_knowledge_registry_person_id_is_slugified_name(actor):
    forms = {slugify_id(_fold(name)) for name in (actor.name, *actor.aliases)}
    assert actor.id in forms


@pytest.mark.parametrize("actor", _curated("person"), ids=lambda a: a.id)
def test_knowledge_registry_person_aliases_are_full_names(actor):
    bare = [a for a in actor.aliases if " " not in a and not a.isupper()]
    assert bare == []


@pytest.mark.parametrize("office", _knowledge().offices, ids=lambda o: o.id)
def test_knowledge_registry_office_has_phrases(office):
    assert office.phrases


def _office_roles(office_id: str) -> list[Role]:
    roles = [
        role for actor in _curated("person") for role in actor.roles if role.office == office_id
    ]
    return sorted(roles, key=lambda r: r.start or "")


@pytest.mark.parametrize("office", _knowledge().offices, ids=lambda o: o.id)
def test_knowledge_registry_office_has_one_holder_at_a_time(office):
    roles = _office_roles(office.id)
    clashes = [
        (earlier.title, later.start)
        for earlier, later in itertools.pairwise(roles)
        if earlier.end is None or later.start[: len(earlier.end)] < earlier.end[: len(later.start)]
    ]
    assert clashes == []


# ------------------------------------------------------------- known facts


@pytest.mark.parametrize(
    ("office", "iso", "holder"),
    [
        ("us-secretary-of-defense", "2024-10-30", "lloyd-austin"),
        ("us-secretary-of-state", "2024-10-31", "antony-blinken"),
        ("south-korea-defense-minister", "2024-10-30", "kim-yong-hyun"),
        ("south-korea-foreign-minister", "2024-10-31", "cho-tae-yul"),
        ("us-president", "2019-06-30", "donald-trump"),
        ("us-president", "2022-03-01", "joe-biden"),
        ("us-national-security-advisor", "2018-06-12", "john-bolton"),
        ("uk-prime-minister", "2022-10-01", "liz-truss"),
        ("japan-prime-minister", "2023-05-19", "fumio-kishida"),
        ("japan-chief-cabinet-secretary", "2022-06", "hirokazu-matsuno"),
        ("germany-chancellor", "2023-01-01", "olaf-scholz"),
        ("china-foreign-minister", "2023-05-01", "qin-gang"),
        ("china-defence-minister", "2023-06-04", "li-shangfu"),
        ("russia-defence-minister", "2023-06-01", "sergei-shoigu"),
        ("south-korea-president", "2018-04-27", "moon-jae-in"),
        ("south-korea-acting-president", "2025-01-15", "choi-sang-mok"),
        ("north-korea-leader", "2018-06-12", "kim-jong-un"),
        ("ukraine-president", "2022-02-24", "volodymyr-zelenskyy"),
        ("france-prime-minister", "2024-10-01", "michel-barnier"),
        ("israel-defense-minister", "2023-10-07", "yoav-gallant"),
        ("nato-secretary-general", "2024-10-02", "mark-rutte"),
        ("un-secretary-general", "2024-10-30", "antonio-guterres"),
    ],
)
def test_knowledge_registry_office_holder_on_date(office, iso, holder):
    assert _holders(office, iso) == [holder]


@pytest.mark.parametrize(
    ("actor_id", "alias"),
    [
        ("antony-blinken", "Tony Blinken"),
        ("lloyd-austin", "Lloyd J. Austin III"),
        ("kim-jong-un", "Kim Jong-un"),
        ("kim-jong-un", "Kim Jong-Un"),
        ("kim-yo-jong", "Kim Yo-jong"),
        ("cho-tae-yul", "Cho Tae-yeol"),
        ("yoon-suk-yeol", "Yoon Suk-yeol"),
        ("volodymyr-zelenskyy", "Volodymyr Zelensky"),
        ("un-security-council", "UNSC"),
        ("us-department-of-defense", "Pentagon"),
        ("us-forces-korea", "USFK"),
        ("us-central-command", "CENTCOM"),
        ("organization-of-american-states", "OAS"),
        ("m23", "March 23 Movement"),
        ("george-robertson", "Lord Robertson"),
    ],
)
def test_knowledge_registry_alias(actor_id, alias):
    assert alias in _knowledge().actor(actor_id).aliases


@pytest.mark.parametrize(
    ("actor_id", "surname"), [("xi-jinping", "Xi"), ("lloyd-austin", "Austin")]
)
def test_knowledge_registry_surname_is_weak_alias_only(actor_id, surname):
    actor = _knowledge().actor(actor_id)
    assert (surname in actor.weak_aliases, surname in actor.aliases) == (True, False)


@pytest.mark.parametrize(
    ("actor_id", "affiliation"),
    [
        ("lloyd-austin", "united-states"),
        ("kim-yong-hyun", "south-korea"),
        ("choe-son-hui", "north-korea"),
        ("un-panel-of-experts-north-korea", "un-security-council"),
        ("iaea", "united-nations"),
    ],
)
def test_knowledge_registry_affiliation(actor_id, affiliation):
    assert _knowledge().actor(actor_id).affiliation == affiliation


@pytest.mark.parametrize(
    ("office", "phrase"),
    [
        ("south-korea-defense-minister", "Minister of National Defense"),
        ("us-secretary-of-defense", "Secretary of War"),
        ("uk-foreign-secretary", "Foreign Secretary"),
        ("japan-chief-cabinet-secretary", "Chief Cabinet Secretary"),
        ("germany-chancellor", "Chancellor"),
        ("china-premier", "Premier"),
    ],
)
def test_knowledge_registry_office_phrase(office, phrase):
    assert phrase in _knowledge().office(office).phrases


@pytest.mark.parametrize(
    "acronym",
    ["JCS", "NSC", "MOFA", "Ministry of Foreign Affairs", "Ministry of Commerce"],
)
def test_knowledge_registry_ambiguous_name_is_no_alias(acronym):
    owners = [a.id for a in _knowledge().actors if acronym in (a.name, *a.aliases)]
    assert owners == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- id: jcs\n  name: Joint Staff\n  kind: organization\n"
            "  local_aliases: [Joint Staff Office]\n",
            "'jcs' has local_aliases but no country",
        ),
        (
            "- id: a-staff\n  name: A Staff\n  kind: organization\n  affiliation: japan\n"
            "  local_aliases: [Joint Staff]\n"
            "- id: b-staff\n  name: Joint Staff\n  kind: organization\n",
            "local alias 'Joint Staff' of 'a-staff' is an alias of 'b-staff'",
        ),
        (
            "- id: ann-example\n  name: Ann Example\n  kind: person\n  known_by_surname: true\n",
            "actor 'ann-example' is known_by_surname without a surname",
        ),
    ],
)
def test_knowledge_registry_local_alias_and_surname_flag_errors(tmp_path: Path, text, message):
    (tmp_path / "actors.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "lexicon.yaml").write_bytes((DEFAULT_DIR / "lexicon.yaml").read_bytes())
    _, problems = read_knowledge(tmp_path)
    assert [p.message for p in problems if p.severity == "error"] == [message]


@pytest.mark.parametrize(
    ("alias", "countries"),
    [("Joint Chiefs of Staff", {"united-states", "south-korea"})],
)
def test_knowledge_registry_local_alias_names_one_body_per_country(alias, countries):
    knowledge = _knowledge()
    owners = [a.id for a in knowledge.actors if alias in a.local_aliases]
    assert {knowledge.country_of(o) for o in owners} == countries
    assert len(owners) == len(countries)


@pytest.mark.parametrize(
    ("actor_id", "alias"),
    [
        ("aqap", "AQAP"),
        ("iswap", "ISWAP"),
        ("tehrik-i-taliban-pakistan", "TTP"),
        ("farc", "FARC-EP"),
        ("normandy-format", "Normandy Four"),
        ("p5-plus-1", "E3+3"),
        ("igad", "IGAD"),
        ("caricom", "CARICOM"),
        ("shangri-la-dialogue", "IISS Shangri-La Dialogue"),
        ("usun", "USUN"),
        ("operation-inherent-resolve", "CJTF-OIR"),
        ("operation-aspides", "EUNAVFOR Aspides"),
    ],
)
def test_knowledge_registry_bodies_every_archive_meets(actor_id, alias):
    assert alias in _knowledge().actor(actor_id).aliases


@pytest.mark.parametrize(
    ("actor_id", "former", "until"),
    [
        ("fcdo", "Foreign and Commonwealth Office", "2020-09-02"),
        ("japan-ministry-of-defense", "Japan Defense Agency", "2007-01-09"),
        (
            "global-affairs-canada",
            "Department of Foreign Affairs and International Trade",
            "2013-06-26",
        ),
    ],
)
def test_knowledge_registry_former_name_is_a_dated_alias(actor_id, former, until):
    actor = _knowledge().actor(actor_id)
    assert former in actor.aliases
    assert [n.end for n in actor.former_names if n.title == former] == [until]


def _with_former_names() -> list[Actor]:
    return [a for a in _knowledge().actors if a.former_names]


@pytest.mark.parametrize("actor", _with_former_names(), ids=lambda a: a.id)
def test_knowledge_registry_former_name_ends_after_it_starts(actor):
    assert [n.title for n in actor.former_names if _ends_before_start(n)] == []


def test_knowledge_registry_former_name_needs_its_end(tmp_path: Path):
    text = (
        "- id: new-office\n  name: New Office\n  kind: organization\n"
        "  former_names:\n    - {name: Old Office, from: 1990}\n"
    )
    (tmp_path / "actors.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "lexicon.yaml").write_bytes((DEFAULT_DIR / "lexicon.yaml").read_bytes())
    _, problems = read_knowledge(tmp_path)
    errors = [(p.message, p.line) for p in problems if p.severity == "error"]
    assert errors == [("a former name needs 'name' and 'to'", 5)]


@pytest.mark.parametrize(
    ("actor_id", "acronym"),
    [
        ("bank-of-japan", "BOJ"),
        ("bank-of-england", "BOE"),
        ("european-central-bank", "ECB"),
        ("peoples-bank-of-china", "PBOC"),
        ("reserve-bank-of-india", "RBI"),
        ("swiss-national-bank", "SNB"),
        ("bank-of-korea", "BOK"),
        ("reserve-bank-of-australia", "RBA"),
        ("federal-reserve", "Fed"),
        ("bundesbank", "Bundesbank"),
    ],
)
def test_knowledge_registry_central_banks_by_their_common_short_names(actor_id, acronym):
    assert acronym in _knowledge().actor(actor_id).aliases


def test_central_bank_acronym_names_the_bank():
    from build_tools.annotate import annotate
    from tests.helpers import make_seed

    doc = annotate(
        make_seed("The BOJ kept rates on hold, and the Fed followed."), _knowledge(), "x"
    )
    assert {"bank-of-japan", "federal-reserve"} <= {a.id for a in doc.actors}
