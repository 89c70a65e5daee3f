"""The archive: every seed read, bad ones reported, URLs stable, results cached."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools.archive import annotate_seeds, load_archive, seed_times
from build_tools.model import Knowledge
from build_tools.read import parse_seed

from tests.sitetools import write_seeds

EMPTY = Knowledge()


def slugs(archive):
    return sorted(d.slug for d in archive.documents)


def test_archive_bad_seeds_are_reported_and_the_rest_builds(tmp_path: Path):
    write_seeds(tmp_path, {"good.txt": "T\nBody.\n", "empty.txt": "", "bin.txt": b"\x00\x00"})
    archive = load_archive(tmp_path, EMPTY, base=tmp_path.parent)
    assert slugs(archive) == ["good"]
    assert sorted(p.path.rsplit("/", 1)[-1] for p in archive.errors) == ["bin.txt", "empty.txt"]


def test_archive_same_slug_gets_a_suffix_and_the_clean_name_keeps_it(tmp_path: Path):
    write_seeds(tmp_path, {"a-b.txt": "One\nBody.\n", "A B.txt": "Two\nBody.\n"})
    archive = load_archive(tmp_path, EMPTY)
    assert "a-b" in slugs(archive)
    assert len(set(slugs(archive))) == 2
    assert any("share the URL" in p.message for p in archive.problems)


def test_archive_urls_do_not_move_when_other_seeds_change(tmp_path: Path):
    write_seeds(tmp_path, {"one.txt": "Same title\nBody.\n", "two.txt": "Same title\nBody.\n"})
    before = {d.source: d.slug for d in load_archive(tmp_path, EMPTY).documents}
    write_seeds(tmp_path, {"three.txt": "Same title\nOther.\n"})
    (tmp_path / "two.txt").unlink()
    after = {d.source: d.slug for d in load_archive(tmp_path, EMPTY).documents}
    assert {k: after[k] for k in after if k in before} == {
        k: before[k] for k in after if k in before
    }


def test_archive_cache_reuses_unchanged_documents():
    seed, _ = parse_seed(b"Title\nBody.\n", "seeds/a.txt")
    cache: dict = {}
    first, _ = annotate_seeds([seed], EMPTY, cache)
    second, _ = annotate_seeds([seed], EMPTY, cache)
    assert first[0] is second[0]
    assert len(cache) == 1


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [("", "2025-01-01T00:00:00Z"), ("1700000000", "2023-11-14T22:13:20Z")],
    ids=["file-time", "clamped-to-SOURCE_DATE_EPOCH"],
)
def test_archive_seed_times_are_file_times(tmp_path, monkeypatch, epoch, expected):
    seed = tmp_path / "a.txt"
    seed.write_text("Title\nBody.\n")
    os.utime(seed, (1735689600, 1735689600))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    missing = str(tmp_path / "gone.txt")
    assert seed_times([("a", str(seed)), ("gone", missing)]) == {"a": expected}


def test_archive_cache_key_covers_data_package_versions(monkeypatch):
    from build_tools import archive

    seed, _ = parse_seed(b"Title\nBody.\n", "seeds/a.txt")
    before = archive.cache_key(seed, EMPTY)
    monkeypatch.setattr(archive, "_version", lambda name: "0.0-another")
    archive.data_versions.cache_clear()
    try:
        after = archive.cache_key(seed, EMPTY)
    finally:
        monkeypatch.undo()
        archive.data_versions.cache_clear()
    assert before != after


@pytest.mark.parametrize(
    "path, base",
    [
        ("/p/seeds/a.txt", "/p"),
        ("/p/seeds/sub/a b.txt", "/p/"),
        ("/a.txt", "/"),
        ("/p/seeds/../x/a.txt", "/p"),
        ("/p/./seeds/a.txt", "/p"),
        ("/pq/a.txt", "/p"),
        ("/other/a.txt", "/p/seeds"),
        ("seeds/a.txt", "/p"),
        ("/p/seeds/a.txt", "/p/seeds/a.txt"),
    ],
)
def test_archive_source_names_are_paths_relative_to_the_base(path, base):
    import os

    from build_tools.archive import _source_name

    expected = Path(os.path.relpath(path, base)).as_posix()
    assert _source_name(Path(path), Path(base)) == expected
