"""The annotation cache holds data: documents round-trip exactly, nothing in it can run,
and a damaged entry or file costs a rebuild, never a wrong page or a failed build."""

from __future__ import annotations

import datetime

import hashlib
import json
import logging
import pickle
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.archive import annotate_seeds, cache_key
from build_tools.cache import (
    COPY_CHUNK,
    copy_atomic,
    load_documents,
    load_json,
    save_documents,
    write_atomic,
)
from build_tools.model import (
    Abbreviation,
    ActorRef,
    Block,
    Document,
    Event,
    Evidence,
    Note,
    Seed,
    Span,
    TopicRef,
)
from build_tools.read import parse_seed
from build_tools.serial import from_data, to_data
from tests.sitetools import MKDOCS, build, env, make_project


def _offset(minutes: int) -> datetime.timezone:
    return datetime.timezone(datetime.timedelta(minutes=minutes))


text = st.text(max_size=12)
small = st.integers(-5, 10_000)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    text,
    st.dates(),
    # YAML gives naive datetimes or ones with a fixed UTC offset, never a named zone
    st.datetimes(timezones=st.one_of(st.none(), st.integers(-1439, 1439).map(_offset))),
    st.binary(max_size=8),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(text, st.integers(), st.dates()), inner, max_size=3),
        st.tuples(inner, inner),
        st.frozensets(st.one_of(text, st.integers()), max_size=3),
    ),
    max_leaves=8,
)
seeds = st.builds(
    Seed,
    source=text,
    relpath=text,
    blocks=st.lists(st.builds(Block, st.sampled_from(["title", "paragraph"]), text)).map(tuple),
    header=st.dictionaries(text, values, max_size=4),
    encoding=text,
    digest=text,
)


def tuples_of(strategy):
    return st.lists(strategy, max_size=3).map(tuple)


documents = st.builds(
    Document,
    seed=seeds,
    slug=text,
    date=st.one_of(st.none(), text),
    date_precision=st.one_of(st.none(), text),
    date_evidence=tuples_of(st.builds(Evidence, text, text)),
    actors=tuples_of(
        st.builds(
            ActorRef,
            text,
            text,
            text,
            tuples_of(text),
            st.booleans(),
            tuples_of(text),
            tuples_of(text),
        )
    ),
    topics=tuples_of(st.builds(TopicRef, text, text, st.floats(allow_nan=False))),
    events=tuples_of(st.builds(Event, text, text, text, small, small, small)),
    abbreviations=tuples_of(st.builds(Abbreviation, text, text, text)),
    spans=tuples_of(st.builds(Span, small, small, small, text, text)),
    notes=tuples_of(st.builds(Note, text, text)),
)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_cache_documents_round_trip_through_json(doc):
    data = json.loads(json.dumps(to_data(doc)))
    assert from_data(Document, data) == doc


@settings(max_examples=30, deadline=None)
@given(st.lists(documents, max_size=4))
def test_cache_documents_round_trip_through_the_cache_file(tmp_path_factory, docs):
    path = tmp_path_factory.mktemp("cache") / "documents.jsonl"
    cache = {
        ("code", d.seed.digest, d.seed.relpath, d.seed.source, str(i)): d
        for i, d in enumerate(docs)
    }
    save_documents(path, cache, cache)
    assert load_documents(path) == cache


class Payload:
    def __reduce__(self):
        return (Path.touch, (Path(MARKER),))


MARKER = ""


def test_cache_file_cannot_run_code(tmp_path):
    global MARKER
    MARKER = str(tmp_path / "ran")
    path = tmp_path / "documents.jsonl"
    path.write_bytes(pickle.dumps({("k",): Payload()}))
    assert load_documents(path) == {}
    assert not Path(MARKER).exists()


@pytest.fixture
def built(tmp_path, knowledge):
    seeds = [
        parse_seed(
            f"Title {n}\nThe minister spoke on 3 March 2024.\n".encode(),
            f"seeds/{n}.txt",
            f"{n}.txt",
        )[0]
        for n in ("one", "two", "three")
    ]
    cache = {}
    docs, _ = annotate_seeds(seeds, knowledge, cache)
    path = tmp_path / "documents.jsonl"
    save_documents(path, cache, cache)
    return seeds, docs, path


def _damage(path: Path, line: int, edit) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line] = edit(lines[line])
    path.write_text("\n".join(lines), encoding="utf-8")


def _flip(line: str) -> str:
    i = line.index("Title") + 1
    return line[:i] + chr(ord(line[i]) ^ 1) + line[i + 1 :]


def _swap_text(line: str) -> str:
    """An edit that keeps the checksum right: only the text changes."""
    key, _, doc = line.split("\t")
    doc = doc.replace("The minister spoke", "Text in no seed")
    return "\t".join([key, hashlib.sha256(f"{key}\t{doc}".encode()).hexdigest(), doc])


def _other_key(line: str) -> str:
    key, _, doc = line.split("\t")
    key = key.replace("one.txt", "two.txt")
    return "\t".join([key, hashlib.sha256(f"{key}\t{doc}".encode()).hexdigest(), doc])


@pytest.mark.parametrize("edit", [_flip, lambda line: line[: len(line) // 2], _other_key])
def test_cache_damaged_entry_is_dropped_with_one_warning(built, edit, caplog):
    _, _, path = built
    _damage(path, 1, edit)
    with caplog.at_level(logging.WARNING):
        loaded = load_documents(path)
    assert len(loaded) == 2
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "1 damaged" in caplog.records[0].getMessage()


def test_cache_edited_entry_never_publishes_text_that_is_in_no_seed(built, knowledge):
    seeds, docs, path = built
    for line in range(1, 4):
        _damage(path, line, _swap_text)
    cache = load_documents(path)
    again, _ = annotate_seeds(seeds, knowledge, cache)
    assert again == docs
    assert all(cache[cache_key(s, knowledge)].seed == s for s in seeds)


@pytest.mark.parametrize(
    "data", [b"", b"\x80\x81garbage", b"not json\n", b'{"format": "other"}\n', b"\x00" * 100]
)
def test_cache_unreadable_file_is_absent(tmp_path, data):
    path = tmp_path / "documents.jsonl"
    path.write_bytes(data)
    assert load_documents(path) == {}


@pytest.mark.parametrize("data", [b"", b"{", b"\xff\xfe", b'{"docs": [1'])
def test_cache_unreadable_json_is_absent(tmp_path, data):
    path = tmp_path / "search_index.json"
    path.write_bytes(data)
    assert load_json(path) is None


@pytest.mark.parametrize("name", ["a" * 250, "한" * 80, "x" * 255])
def test_cache_writes_files_whatever_their_name_length(tmp_path, name):
    path = tmp_path / name
    write_atomic(path, b"data")
    assert path.read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.slow
@pytest.mark.parametrize("damage", [b"{not json", b'{"docs": [1, 2]}', b"\xff\xfe\x00"])
def test_cache_corrupt_search_index_does_not_stop_a_dirty_build(tmp_path: Path, damage):
    """The search index is kept in memory between serve rebuilds, never read back from
    the cache folder: a damaged file left there (as older versions wrote) changes nothing."""
    project = make_project(tmp_path, {"one.txt": "One\nBody.\n", "two.txt": "Two\nBody.\n"})
    assert build(project).returncode == 0
    cached = project / ".cache" / "policy-archive" / "search_index.json"
    cached.write_bytes(damage)
    command = [*MKDOCS, "build", "--dirty"]  # not --strict: MkDocs warns about --dirty itself
    result = subprocess.run(command, cwd=project, env=env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    built = project / "site" / "search" / "search_index.json"
    assert isinstance(json.loads(built.read_text(encoding="utf-8"))["docs"], list)


def test_copy_atomic_copies_a_file_of_several_chunks_whole(tmp_path):
    data = bytes(range(256)) * (COPY_CHUNK // 256 * 2 + 3)  # two chunks and a part
    source, dest = tmp_path / "a.json", tmp_path / "site" / "a.json"
    source.write_bytes(data)
    dest.parent.mkdir()
    dest.write_bytes(b"old")
    copy_atomic(source, dest)
    assert dest.read_bytes() == data
    assert sorted(p.name for p in dest.parent.iterdir()) == ["a.json"]  # no temporary file left
