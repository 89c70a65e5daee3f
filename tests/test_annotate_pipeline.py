"""The pipeline: every component's rules compiled once per knowledge, in one store."""

from __future__ import annotations

from dataclasses import replace

from build_tools.annotate import COMPONENTS, Component, Pipeline, annotate, rulestore
from build_tools.model import Knowledge, Topic
from tests.helpers import make_seed


def _counting(calls: list):
    def prepare(knowledge: Knowledge) -> str:
        calls.append(knowledge)
        return f"rules {len(calls)}"

    return prepare


def test_pipeline_compiles_each_components_rules_once_for_many_seeds():
    calls: list = []
    seen: list = []

    def apply(doc, knowledge, rules):
        seen.append(rules)
        return doc

    knowledge = Knowledge(topics=(Topic("pipeline-once", "Pipeline once"),))
    pipeline = Pipeline(knowledge, (Component("count", apply, _counting(calls)),))
    for n in range(5):
        pipeline(make_seed(f"Paragraph {n}."), f"s{n}")
    assert len(calls) == 1
    assert seen == ["rules 1"] * 5


def test_pipeline_gives_what_annotate_gives(knowledge):
    seed = make_seed(
        "WASHINGTON, Oct. 30, 2024 — Secretary Blinken met the Foreign Minister of Japan.",
        "“We stand together,” Blinken said.",
    )
    assert Pipeline(knowledge)(seed, "x") == annotate(seed, knowledge, "x")


def test_pipeline_runs_every_component_in_order(knowledge):
    names = [name for name, _, _ in Pipeline(knowledge).steps]
    assert names == [c.name for c in COMPONENTS]


def test_compiled_store_is_keyed_by_content_and_keeps_the_most_recent():
    calls: list = []
    prepare = _counting(calls)
    first = Knowledge(topics=(Topic("store-0", "Store 0"),))
    assert rulestore.compiled(prepare, first) is rulestore.compiled(prepare, first)
    assert len(calls) == 1
    # same content, another object: the same rules; other content: new rules
    rulestore.compiled(prepare, Knowledge(topics=(Topic("store-0", "Store 0"),)))
    assert len(calls) == 1
    changed = replace(first, topics=(Topic("store-0", "Store zero"),))
    rulestore.compiled(prepare, changed)
    assert len(calls) == 2
    # after KEEP other knowledges, the first one's rules are compiled again
    for n in range(1, rulestore.KEEP + 1):
        rulestore.compiled(prepare, Knowledge(topics=(Topic(f"store-{n}", f"Store {n}"),)))
    calls.clear()
    rulestore.compiled(prepare, first)
    assert len(calls) == 1


def test_compiled_store_uses_the_digest_of_curated_files():
    calls: list = []
    prepare = _counting(calls)
    a = Knowledge(topics=(Topic("digest-a", "Digest A"),), digest="d1")
    b = Knowledge(topics=(Topic("digest-b", "Digest B"),), digest="d2")
    rulestore.compiled(prepare, a)
    rulestore.compiled(prepare, b)
    rulestore.compiled(prepare, replace(a))
    assert len(calls) == 2
