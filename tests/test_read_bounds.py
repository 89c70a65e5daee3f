"""The reader's bounds: no seed file can make reading, or its messages, grow without limit."""

from __future__ import annotations

import pytest

from build_tools.errors import SeedError
from build_tools.model import Seed
from build_tools.read import (
    SIZE_LIMIT,
    SIZE_WARNING,
    SLUG_PART_MAX,
    parse_seed,
    seed_slug,
)

LAUGHS = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x]"]
    + [
        f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]"
        for a, b in zip("abcdefgh", "bcdefghi")
    ]
    + ["title: *i"]
)


def test_read_bounds_seed_over_the_limit_is_refused_naming_file_and_limit():
    raw = b"Title\n" + b"Words and more words. " * (SIZE_LIMIT // 22 + 1)
    with pytest.raises(SeedError) as caught:
        parse_seed(raw, "seeds/huge.txt")
    assert caught.value.problem.path == "seeds/huge.txt"
    assert f"{SIZE_LIMIT:,}" in caught.value.problem.message


def test_read_bounds_seed_over_the_soft_limit_warns():
    raw = b"Title\n" + b"Words and more words. " * (SIZE_WARNING // 22 + 1)
    _, problems = parse_seed(raw, "seeds/big.txt")
    assert [(p.severity, f"{SIZE_WARNING:,}" in p.message) for p in problems] == [("warning", True)]


@pytest.mark.parametrize(
    "header, line",
    [
        (LAUGHS, 2),
        ("title: &t Some title\npublisher: *t", 2),
        ("publisher: Agency\ntitle: *missing", 3),
    ],
)
def test_read_bounds_yaml_anchors_and_aliases_are_refused(header, line):
    raw = f"---\n{header}\n---\nTitle\nBody.\n".encode()
    with pytest.raises(SeedError) as caught:
        parse_seed(raw, "seeds/a.txt")
    assert caught.value.problem.line == line
    assert "alias" in caught.value.problem.message
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize(
    "header",
    [
        "title: " + "x" * 100_000 + "\nslug: 'Not A Slug " + "y" * 100_000 + "'",
        "date: '" + "9" * 100_000 + "'",
        "author: [" + ", ".join(["1"] * 50_000) + "]",
        "actors: " + "z" * 100_000,
        "k" * 100_000 + ": 1\ntitle: [1]",
    ],
)
def test_read_bounds_messages_never_hold_an_unbounded_value(header):
    raw = f"---\n{header}\n---\nTitle\nBody.\n".encode()
    try:
        _, problems = parse_seed(raw, "seeds/a.txt")
    except SeedError as exc:
        problems = [exc.problem]
    assert problems
    assert all(len(str(p)) < 400 for p in problems)


@pytest.mark.parametrize(
    "header, lines",
    [
        ("title: One\ntitle: Two", (2, 3)),
        ("date: 2024-01-01\npublisher: A\ndate: 2024-02-02", (2, 4)),
    ],
)
def test_read_bounds_duplicate_header_keys_are_an_error_naming_both_lines(header, lines):
    raw = f"---\n{header}\n---\nTitle\nBody.\n".encode()
    with pytest.raises(SeedError) as caught:
        parse_seed(raw, "seeds/d.txt")
    assert f"lines {lines[0]} and {lines[1]}" in caught.value.problem.message
    assert caught.value.problem.line == lines[1]


@pytest.mark.parametrize(
    "stem", ["a" * 245, "한" * 82, "a-" * 200, "é" * 130, "x/" * 5 + "b" * 300]
)
def test_read_bounds_slug_parts_are_bounded(stem):
    seed = Seed(source=f"seeds/{stem}.txt", relpath=f"{stem}.txt", blocks=())
    slug = seed_slug(seed)
    assert all(len(part.encode()) <= SLUG_PART_MAX + 7 for part in slug.split("/"))


def test_read_bounds_cut_slugs_stay_distinct():
    seeds = [Seed(source="", relpath="a" * 300 + end + ".txt", blocks=()) for end in "xy"]
    first, second = (seed_slug(s) for s in seeds)
    assert first != second


@pytest.mark.parametrize(
    "raw, line",
    [
        ("Titre été\nLe président a parlé.\nUne ligne \x81 cassée.\n", 3),
        ("Заголовок\nТекст \x92 статьи.\nЕщё текст.\n", 2),
    ],
)
def test_read_bounds_utf8_with_a_few_bad_bytes_stays_utf8(raw, line):
    data = raw.encode("utf-8").replace("\x81".encode(), b"\x81").replace("\x92".encode(), b"\x92")
    seed, problems = parse_seed(data, "seeds/u.txt")
    assert seed.encoding == "utf-8"
    assert "été" in seed.title or "Заголовок" == seed.title
    [problem] = problems
    assert (problem.severity, problem.line) == ("error", line)
    assert "\ufffd" in " ".join(b.text for b in seed.blocks)


def test_read_bounds_legacy_text_is_still_guessed():
    seed, problems = parse_seed("Café au lait\nLe président a parlé.\n".encode("cp1252"), "s.txt")
    assert seed.title == "Café au lait" and problems == []
