"""The reader over random bytes and random YAML headers: a Seed or a clear SeedError, never
another exception, and memory bounded by the input."""

from __future__ import annotations

import re
import tracemalloc

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.errors import SeedError
from build_tools.read import HEADER_KEYS, parse_seed

MEMORY_BOUND = 32 * 1024 * 1024  # bytes: far above what reading a few kilobytes needs

keys = st.one_of(st.sampled_from(sorted(HEADER_KEYS)), st.text(max_size=8))
scalars = st.one_of(
    st.sampled_from(
        [
            "2024-01-02",
            "2024-13-45",
            "2024",
            "0001-01-01",
            "null",
            "~",
            "yes",
            "1e9",
            "-.inf",
            "http://x.example/",
            "&a x",
            "*a",
            "!!binary aGk=",
            "!!python/object:os.system x",
            "[1, 2",
            "{a: 1}",
            "'quoted'",
            '"esc \\x01 \\uffff"',
            "|",
            ">",
            "? x",
            "- x",
            "%TAG",
        ]
    ),
    st.text(max_size=20),
    st.integers().map(str),
)


@st.composite
def yaml_headers(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        key, value = draw(keys), draw(scalars)
        indent = " " * draw(st.sampled_from([0, 0, 0, 2, 4]))
        if draw(st.booleans()):
            items = draw(st.lists(scalars, max_size=3))
            lines.append(f"{indent}{key}:\n" + "".join(f"{indent}  - {v}\n" for v in items))
        else:
            lines.append(f"{indent}{key}: {value}\n")
    return "".join(lines)


@st.composite
def laughs(draw) -> str:
    """Nested aliases: a few hundred bytes that expand to millions of values."""
    depth, width = draw(st.integers(5, 7)), draw(st.integers(7, 9))
    lines = [f"l0: &l0 [{', '.join(['ha'] * width)}]"]
    for level in range(1, depth + 1):
        refs = ", ".join([f"*l{level - 1}"] * width)
        lines.append(f"l{level}: &l{level} [{refs}]")
    key = draw(st.sampled_from(["title", "date", "slug", "author", "actors", "source_url"]))
    return "\n".join(lines) + f"\n{key}: *l{depth}\n"


bodies = st.one_of(st.text(max_size=200), st.sampled_from(["Title\nBody.\n", "T\n\nA b.\n"]))
raw_seeds = st.one_of(
    st.binary(max_size=2000),
    st.builds(
        lambda h, b: f"---\n{h}---\n{b}".encode("utf-8", "surrogatepass"),
        st.one_of(yaml_headers(), laughs()),
        bodies,
    ),
    st.builds(
        lambda h, b, e: f"---\n{h}---\n{b}".encode(e, "replace"),
        yaml_headers(),
        bodies,
        st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]),
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_seeds)
def test_read_fuzz_gives_a_seed_or_a_seed_error(raw):
    tracemalloc.start()
    try:
        seed, problems = parse_seed(raw, "seeds/fuzz.txt", "fuzz.txt")
    except SeedError as exc:
        assert exc.problem.path == "seeds/fuzz.txt"
        assert len(str(exc)) < 1000
    else:
        assert seed.blocks and all(len(str(p)) < 1000 for p in problems)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < MEMORY_BOUND


spacing = st.lists(
    st.sampled_from(
        [" ", "\t", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\u00a0", "\u2003", "\u2028"]
        + ["\u3000", "\x00", "\u200b", "\ufeff", "\u1680"]
    ),
    max_size=4,
).map("".join)
words = st.sampled_from(["a", "Bc", ".", "é", ""])
lines = st.lists(st.tuples(words, spacing), max_size=8).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@given(lines)
def test_a_line_keeps_its_words_apart_by_one_space(line: str):
    """Invisible marks go, every run of spaces and separators becomes one space, and
    nothing at either end (the rule, written the plain way)."""
    from build_tools.read import INVISIBLE, SPACE_CHARS, _clean

    plain = re.sub(f"[ {SPACE_CHARS}]+", " ", INVISIBLE.sub("", line)).strip()
    assert _clean(line) == plain


# ----------------------------------------------------------------- discover


def _discover_by_the_rule(root):
    """Which files below ``root`` are seeds, as the rule says it (the test oracle):
    pathlib's walk, which does not enter linked folders; a file (a link to one
    included) is a seed unless hidden, not ``.txt``, or a link leading outside."""
    seeds, skipped = [], []
    top = root.resolve()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root)
        hidden = any(part.startswith(".") for part in rel.parts)
        outside = path.is_symlink() and not path.resolve().is_relative_to(top)
        if hidden or outside or path.suffix.lower() != ".txt":
            skipped.append(path)
        else:
            seeds.append(path)
    return seeds, skipped


names = st.sampled_from(["a", "B", "a b", ".h", "é", "z.9", "_x", "a-1"])
suffixes = st.sampled_from([".txt", ".TXT", ".md", "", ".txt.bak"])
kinds = st.sampled_from(["file", "dir", "link-in", "link-out", "link-dir", "broken"])
trees = st.lists(st.tuples(st.lists(names, max_size=3), names, suffixes, kinds), max_size=25)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees)
def test_discover_finds_the_seeds_the_rule_finds(tree):
    import tempfile
    from pathlib import Path

    from build_tools.read import discover

    with tempfile.TemporaryDirectory() as tmp:
        outside = Path(tmp) / "outside.txt"
        outside.write_text("Secret\n")
        root = Path(tmp) / "seeds"
        root.mkdir()
        (root / "first.txt").write_text("First\n")
        for folders, name, suffix, kind in tree:
            folder = root.joinpath(*folders)
            try:
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / (name + suffix)
                if path.exists() or path.is_symlink():
                    continue
                if kind == "file":
                    path.write_text("Title\n")
                elif kind == "dir":
                    (path / "inner.txt").parent.mkdir()
                    (path / "inner.txt").write_text("Inner\n")
                elif kind == "link-in":
                    path.symlink_to(root / "first.txt")
                elif kind == "link-out":
                    path.symlink_to(outside)
                elif kind == "link-dir":
                    path.symlink_to(root)
                else:
                    path.symlink_to(Path(tmp) / "missing.txt")
            except (FileExistsError, NotADirectoryError):
                continue  # a name already taken by a file or link
        assert discover(root) == _discover_by_the_rule(root)
