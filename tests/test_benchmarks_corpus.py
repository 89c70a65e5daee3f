"""The synthetic benchmark corpus: seeds in the real seed format, reproducible, marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpus import MAX_WORDS, MIN_WORDS, ROOT, generate, synthetic_seed, vocabulary
from build_tools.knowledge import load_knowledge
from build_tools.read import parse_seed

NUMBERS = range(5)


@pytest.fixture(scope="module")
def vocab():
    return vocabulary(load_knowledge())


@pytest.mark.parametrize("number", NUMBERS)
def test_corpus_file_name_is_marked_synthetic(vocab, number):
    name, _ = synthetic_seed(number, vocab)
    assert f"synthetic-{number:05d}-" in name
    assert name.endswith(".txt")


@pytest.mark.parametrize("number", NUMBERS)
def test_corpus_seed_reads_as_title_subtitle_and_paragraphs(vocab, number):
    name, text = synthetic_seed(number, vocab)
    seed, problems = parse_seed(text.encode("utf-8"), name, name)
    assert problems == []
    assert [b.kind for b in seed.blocks[:2]] == ["title", "subtitle"]
    assert len(seed.paragraph_indexes()) >= 3


@pytest.mark.parametrize("number", NUMBERS)
def test_corpus_seed_length_is_in_range(vocab, number):
    _, text = synthetic_seed(number, vocab)
    assert MIN_WORDS <= len(text.split()) <= MAX_WORDS


@pytest.mark.parametrize("number", NUMBERS)
def test_corpus_same_corpus_seed_gives_same_text(vocab, number):
    assert synthetic_seed(number, vocab, seed=7) == synthetic_seed(number, vocab, seed=7)


@pytest.mark.parametrize("number", NUMBERS)
def test_corpus_other_corpus_seed_gives_other_text(vocab, number):
    assert synthetic_seed(number, vocab, seed=1)[1] != synthetic_seed(number, vocab, seed=2)[1]


@pytest.mark.parametrize("folder", [ROOT / "seeds", ROOT / "seeds" / "more"])
def test_corpus_refuses_the_project_seeds_folder(vocab, folder: Path):
    with pytest.raises(ValueError, match="refusing"):
        generate(5, folder, vocab)


@pytest.mark.parametrize("hub", range(3))
def test_corpus_hubs_shape_names_each_hub_country_in_most_documents(vocab, hub):
    texts = [synthetic_seed(n, vocab, shape="hubs")[1] for n in range(20)]
    assert sum(vocab.countries[hub] in text for text in texts) >= 12


def test_corpus_hubs_shape_leaves_the_plain_shape_unchanged(vocab):
    assert synthetic_seed(3, vocab) == synthetic_seed(3, vocab, shape="plain")
    assert synthetic_seed(3, vocab) != synthetic_seed(3, vocab, shape="hubs")
