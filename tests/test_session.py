"""The build session: incremental rebuilds give exactly what a full build gives."""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.archive import load_archive, seed_times, site_pages
from build_tools.exports import data_files, feed
from build_tools.index import PageJob, Site
from build_tools.knowledge import DEFAULT_DIR, load_knowledge
from build_tools.session import BuildSession

SITE = Site("Test archive", True, page_size=2)
URL = "https://example.org/"
SENTENCES = [
    "Antony Blinken met officials in Japan on 3 March 2021 to discuss deterrence.",
    "France and Germany agreed on sanctions on 12 May 2022.",
    '"The alliance will meet next week," Minister of Trade Halvor Quennet said.',
    "Trade Minister Halvor Quennett visited Canada in June 2020 with Antony Blinken.",
    "The ZQX report on the nuclear umbrella was published on 1 July 2019.",
    "Joe Biden hosted a delegation from Mexico.",
    "Minister Halvor Quennet said that sanctions on Japan would end.",
]
TITLES = ["Talks resume", "A statement", "Allies meet", "Sanctions widen"]
GLOSSARY_EXTRA = "\n- abbr: ZQX\n  expansion: zq example exercise\n"

names = st.sampled_from([f"s{i}.txt" for i in range(5)] + ["sub/s5.txt", "2021-03-03-dated.txt"])
texts = st.builds(
    lambda title, picks: title + "\n" + "\n".join(SENTENCES[i] for i in picks) + "\n",
    st.sampled_from(TITLES),
    st.lists(st.integers(0, len(SENTENCES) - 1), min_size=1, max_size=3),
)
steps = st.one_of(
    st.tuples(st.just("write"), names, texts),  # an edit, or an addition
    st.tuples(st.just("delete"), names, st.none()),
    st.tuples(st.just("rename"), names, names),
    st.tuples(st.just("copy-keeping-times"), names, names),  # `cp -p` over another seed
    st.tuples(st.just("knowledge"), st.booleans(), st.none()),
)


def apply(step: tuple, seeds: Path, knowledge: Path) -> None:
    kind, name, arg = step
    path = seeds / name if isinstance(name, str) else seeds
    if kind == "write":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(arg, encoding="utf-8")
    elif kind == "delete":
        path.unlink(missing_ok=True)
    elif kind in ("rename", "copy-keeping-times") and path.exists() and name != arg:
        target = seeds / arg
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "rename":
            path.rename(target)
        else:
            shutil.copy2(path, target)
    elif kind == "knowledge":
        original = (DEFAULT_DIR / "glossary.yaml").read_text(encoding="utf-8")
        text = original + (GLOSSARY_EXTRA if name else "")
        (knowledge / "glossary.yaml").write_text(text, encoding="utf-8")


def full_build(seeds: Path, knowledge: Path, base: Path) -> dict[str, str]:
    """Every generated file, built from nothing by the pure functions the CLI uses."""
    know = load_knowledge(knowledge)
    archive = load_archive(seeds, know, base)
    docs = archive.documents
    doc_pages, pages = site_pages(docs, know, SITE, URL)
    files = {**doc_pages, **{p.src: p.markdown for p in pages}}
    files.update(data_files(docs, URL, SITE.directory_urls))
    undated = {d.slug for d in docs if not d.date}
    changed = seed_times(p for p in archive.paths if p[0] in undated)
    files["feed.xml"] = feed(docs, SITE.site_name, URL, SITE.directory_urls, changed)
    return files


def session_pass(session: BuildSession, seeds: Path, knowledge: Path, base: Path) -> dict:
    know = session.load_knowledge(knowledge)
    written = session.publish(session.archive(seeds, base, know), know, SITE, URL)
    made: list[str] = []  # what a server makes after the pages, as the plugin asks
    session.write_later(lambda src, path: made.append(src), lambda src, exc: made.append(exc))
    session.wait_later()
    assert made == list(written.later)
    folder = session.cache_dir / "pages"
    on_disk = {
        p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8")
        for p in folder.rglob("*")
        if p.is_file()
    }
    assert set(written.paths) == set(on_disk)
    return on_disk


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(DEFAULT_DIR, tmp_path / "knowledge")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "s0.txt").write_text("First\n" + SENTENCES[0] + "\n", encoding="utf-8")
    return tmp_path


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(steps, min_size=1, max_size=5))
def test_session_incremental_build_equals_full_build(project: Path, changes):
    seeds, knowledge = project / "seeds", project / "knowledge"
    for folder in (seeds, project / "cache"):
        shutil.rmtree(folder, ignore_errors=True)
    seeds.mkdir()
    (seeds / "s0.txt").write_text("First\n" + SENTENCES[0] + "\n", encoding="utf-8")
    apply(("knowledge", False, None), seeds, knowledge)
    session = BuildSession(project / "cache", serving=True)
    session_pass(session, seeds, knowledge, project)
    for step in changes:
        apply(step, seeds, knowledge)
        assert session_pass(session, seeds, knowledge, project) == full_build(
            seeds, knowledge, project
        )
    session.close()


def test_session_reads_a_seed_replaced_with_its_old_size_and_time(project: Path):
    seeds, knowledge = project / "seeds", project / "knowledge"
    seed = seeds / "s0.txt"
    seed.write_text("Title one\nBody.\n", encoding="utf-8")
    session = BuildSession(project / "cache")
    session_pass(session, seeds, knowledge, project)
    stat = seed.stat()
    seed.write_text("Title two\nBody.\n", encoding="utf-8")  # the same size
    os.utime(seed, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the old time, as `cp -p` keeps
    pages = session_pass(session, seeds, knowledge, project)
    assert "Title two" in pages["documents/s0.md"]


def test_session_updates_an_actor_page_when_a_newer_document_renames_a_co_actor(project: Path):
    seeds, knowledge = project / "seeds", project / "knowledge"
    (seeds / "s0.txt").write_text(
        "---\ndate: 2020-01-01\n---\nOlder\n" + SENTENCES[3] + "\n", encoding="utf-8"
    )
    session = BuildSession(project / "cache", serving=True)
    session_pass(session, seeds, knowledge, project)
    # Spelled with an accent, the same unregistered person (the same id), not with Blinken.
    newer = "---\ndate: 2024-01-01\n---\nNewer\nTrade Minister Halvor Quennétt arrived.\n"
    (seeds / "s1.txt").write_text(newer, encoding="utf-8")
    incremental = session_pass(session, seeds, knowledge, project)
    assert incremental == full_build(seeds, knowledge, project)
    appears_with = incremental["actors/antony-blinken.md"].split("## Appears with")[1]
    assert "Halvor Quennétt" in appears_with


def rebuild(project: Path, change: str):
    seeds, knowledge = project / "seeds", project / "knowledge"
    for i, title in enumerate(TITLES):
        (seeds / f"s{i}.txt").write_text(f"{title}\n{SENTENCES[i]}\n", encoding="utf-8")
    session = BuildSession(project / "cache")
    session_pass(session, seeds, knowledge, project)
    if change == "edit":
        (seeds / "s1.txt").write_text(f"{TITLES[1]}\n{SENTENCES[1]} More.\n", encoding="utf-8")
    know = session.load_knowledge(knowledge)
    return session.publish(session.archive(seeds, project, know), know, SITE, URL)


def test_session_rebuilds_nothing_when_nothing_changed(project: Path):
    assert rebuild(project, "nothing").built == frozenset()


def test_session_rebuilds_the_edited_document_and_few_others(project: Path):
    written = rebuild(project, "edit")
    assert {"documents/s1.md", "documents/s1.json", "archive.json"} <= written.built
    assert len(written.built) < len(written.paths) // 2


def _serving_edit(project: Path) -> tuple[BuildSession, object, Path]:
    """A serving session's pass after an edit, before it makes what it leaves for later."""
    seeds, knowledge = project / "seeds", project / "knowledge"
    for i, title in enumerate(TITLES):
        (seeds / f"s{i}.txt").write_text(f"{title}\n{SENTENCES[i]}\n", encoding="utf-8")
    session = BuildSession(project / "cache", serving=True)
    session_pass(session, seeds, knowledge, project)
    (seeds / "s1.txt").write_text("A new title\nMore.\n", encoding="utf-8")
    know = session.load_knowledge(knowledge)
    written = session.publish(session.archive(seeds, project, know), know, SITE, URL)
    return session, written, Path(written.paths["archive.json"])


def test_serving_makes_the_archive_exports_after_the_pages(project: Path):
    session, written, exported = _serving_edit(project)
    assert set(written.later) == {"archive.json", "archive.csv"}
    assert "documents/s1.md" in written.built and not set(written.later) & written.built
    assert "A new title" in Path(written.paths["documents/s1.md"]).read_text(encoding="utf-8")
    assert "A new title" not in exported.read_text(encoding="utf-8")  # not yet
    done: list[tuple[str, str]] = []
    session.write_later(lambda src, path: done.append((src, path)), pytest.fail)
    session.wait_later()
    assert sorted(done) == sorted((src, written.paths[src]) for src in written.later)
    assert "A new title" in exported.read_text(encoding="utf-8")
    again = rebuild_now(session, project)
    assert again.built == frozenset() and again.later == ()
    session.close()


def rebuild_now(session: BuildSession, project: Path):
    know = session.load_knowledge(project / "knowledge")
    return session.publish(session.archive(project / "seeds", project, know), know, SITE, URL)


def test_serving_makes_again_an_export_it_could_not_make_or_did_not_start(
    project: Path, monkeypatch
):
    import build_tools.session as session_module

    session, written, exported = _serving_edit(project)
    real = session_module.write_pieces

    def failing(path, pieces):
        if path.name == "archive.csv":
            raise OSError("disk full")
        real(path, pieces)

    monkeypatch.setattr(session_module, "write_pieces", failing)
    failed: list[tuple[str, str]] = []
    session.write_later(lambda src, path: None, lambda src, exc: failed.append((src, str(exc))))
    session.wait_later()
    assert failed == [("archive.csv", "disk full")]
    monkeypatch.setattr(session_module, "write_pieces", real)
    again = rebuild_now(session, project)  # nothing changed: the export is made again
    assert again.later == ("archive.csv",)
    assert "A new title" not in Path(again.paths["archive.csv"]).read_text(encoding="utf-8")
    # a pass whose exports were never made (the build stopped): the next makes them
    again = rebuild_now(session, project)
    assert again.later == ("archive.csv",)
    session.write_later(lambda src, path: None, pytest.fail)
    session.close()  # waits for them, and saves their keys
    assert "A new title" in Path(again.paths["archive.csv"]).read_text(encoding="utf-8")
    assert json.loads((project / "cache" / "pages.keys.json").read_text())


def test_serving_stops_making_the_exports_when_the_next_pass_begins(project: Path, monkeypatch):
    import build_tools.session as session_module

    session, written, exported = _serving_edit(project)
    real, started, go = session_module.write_pieces, threading.Event(), threading.Event()

    def waiting(path, pieces):
        started.set()
        go.wait(10)
        real(path, pieces)

    monkeypatch.setattr(session_module, "write_pieces", waiting)
    reported: list = []
    session.write_later(
        lambda src, path: reported.append(src), lambda src, exc: reported.append(exc)
    )
    assert started.wait(10)
    stopper = threading.Thread(target=session.stop_later)
    stopper.start()
    while not session._later_stop.is_set():
        time.sleep(0.001)
    go.set()  # the export goes on writing, and finds it is to stop
    stopper.join(10)
    assert not stopper.is_alive() and reported == []
    assert "A new title" not in exported.read_text(encoding="utf-8")
    assert not [p.name for p in exported.parent.iterdir() if p.name.startswith(".tmp-")]
    monkeypatch.setattr(session_module, "write_pieces", real)
    again = rebuild_now(session, project)  # the next pass makes them
    assert set(again.later) == {"archive.json", "archive.csv"}
    session.write_later(lambda src, path: reported.append(src), pytest.fail)
    session.wait_later()
    assert sorted(reported) == ["archive.csv", "archive.json"]
    assert "A new title" in exported.read_text(encoding="utf-8")
    session.close()


def test_session_holds_each_seed_once(project: Path):
    seeds, knowledge = project / "seeds", project / "knowledge"
    for i, title in enumerate(TITLES):
        (seeds / f"s{i}.txt").write_text(f"{title}\n{SENTENCES[i]}\n", encoding="utf-8")
    first = BuildSession(project / "cache")
    session_pass(first, seeds, knowledge, project)
    second = BuildSession(project / "cache")  # documents come from the cache file
    archive = second.archive(seeds, project, second.load_knowledge(knowledge))
    held = {id(seed) for _, (seed, _) in second.seeds.values()}
    assert held == {id(doc.seed) for doc in archive.documents}


def test_session_keeps_only_what_the_last_pass_used(project: Path):
    seeds, knowledge = project / "seeds", project / "knowledge"
    session = BuildSession(project / "cache", serving=True)
    for text in ("Title one\nBody.\n", "Title two\nBody.\n", "Title three\nBody.\n"):
        (seeds / "s0.txt").write_text(text, encoding="utf-8")
        session_pass(session, seeds, knowledge, project)
    assert len(session.documents) == len(session.seeds) == len(session.records) == 1
    assert [doc.title for doc in session.documents.values()] == ["Title three"]
    session.close()


def test_session_in_a_new_process_reuses_the_pages_on_disk(project: Path, monkeypatch):
    from build_tools import session as session_module

    seeds, knowledge = project / "seeds", project / "knowledge"
    first = BuildSession(project / "cache")
    session_pass(first, seeds, knowledge, project)
    know = load_knowledge(knowledge)

    def publish() -> frozenset:
        later = BuildSession(project / "cache")  # as a new `mkdocs build` makes it
        return later.publish(later.archive(seeds, project, know), know, SITE, URL).built

    assert publish() == frozenset()
    header = session_module._keys_header()
    monkeypatch.setattr(session_module, "_keys_header", lambda: {**header, "code": "other"})
    assert len(publish()) == len(full_build(seeds, knowledge, project))


def test_session_forgets_the_keys_on_disk_while_a_pass_changes_files(project: Path):
    seeds, knowledge = project / "seeds", project / "knowledge"
    session = BuildSession(project / "cache")
    session_pass(session, seeds, knowledge, project)
    keys = project / "cache" / "pages.keys.json"
    assert keys.exists()
    (seeds / "s0.txt").write_text("First, edited\n" + SENTENCES[1] + "\n", encoding="utf-8")
    know = session.load_knowledge(knowledge)
    archive = session.archive(seeds, project, know)
    seen = []

    def build() -> str:
        seen.append(keys.exists())  # an interrupted pass must not leave the old keys
        return "text\n"

    job = PageJob("extra.md", "a new key", build)
    session._write([job])
    assert seen == [False] and keys.exists()
    session.publish(archive, know, SITE, URL)


def test_session_released_holds_nothing_and_builds_again_from_its_files(project: Path):
    seeds, knowledge = project / "seeds", project / "knowledge"
    for i, title in enumerate(TITLES):
        (seeds / f"s{i}.txt").write_text(f"{title}\n{SENTENCES[i]}\n", encoding="utf-8")
    session = BuildSession(project / "cache", serving=False)
    before = session_pass(session, seeds, knowledge, project)
    session.release()
    assert session.documents is None and session.outputs is None and session.knowledge is None
    assert not session.seeds and not session.records and session.near is None
    know = session.load_knowledge(knowledge)
    written = session.publish(session.archive(seeds, project, know), know, SITE, URL)
    assert written.built == frozenset()  # the pages and their keys came from the cache folder
    assert session_pass(session, seeds, knowledge, project) == before


def test_session_serving_saves_the_page_keys_when_it_closes(project: Path):
    seeds, knowledge = project / "seeds", project / "knowledge"
    keys = project / "cache" / "pages.keys.json"
    session = BuildSession(project / "cache", serving=True)
    session_pass(session, seeds, knowledge, project)
    (seeds / "s0.txt").write_text("First, edited\n" + SENTENCES[1] + "\n", encoding="utf-8")
    session_pass(session, seeds, knowledge, project)
    assert not keys.exists()  # not written on every edit while serving
    session.close()
    later = BuildSession(project / "cache")
    know = later.load_knowledge(knowledge)
    assert later.publish(later.archive(seeds, project, know), know, SITE, URL).built == frozenset()


def test_reuse_makes_a_group_again_exactly_when_its_inputs_changed():
    from build_tools.index import Reuse

    reuse, made = Reuse(), []

    def make(text: str):
        return lambda: made.append(text) or [PageJob.ready("a.md", text)]

    first = reuse.made("a", ("x", 1), make("one"))
    reuse.end_pass()
    assert reuse.made("a", ("x", 1), make("two")) is first  # equal inputs: last pass's jobs
    reuse.end_pass()
    assert reuse.made("a", ("x", 2), make("three"))[0].build() == "three"
    reuse.end_pass()
    reuse.end_pass()  # a pass without the group forgets it
    assert reuse.made("a", ("x", 2), make("four"))[0].build() == "four"
    assert made == ["one", "three", "four"]
    names = {"a": "A"}
    assert reuse.same("names", names) is names
    assert reuse.same("names", {"a": "A"}) is names  # equal: the kept object
    assert reuse.same("names", {"a": "B"}) == {"a": "B"}


class _Doc:
    """A stand-in document: what the tally counts of it is its items."""

    def __init__(self, items: tuple[str, ...]) -> None:
        self.items = items


@settings(max_examples=60, deadline=None)
@given(
    passes=st.lists(st.lists(st.integers(0, 7), max_size=12), min_size=1, max_size=6),
    edited=st.lists(st.integers(0, 7), max_size=6),
)
def test_reuse_tally_counts_as_counting_afresh_does(passes, edited):
    """A group's tally, carried from pass to pass and changed only by the documents
    added or taken away (a document listed twice counts twice; an edited document
    is a new object), equals a count from nothing in every pass."""
    from collections import Counter

    from build_tools.index import Reuse

    pool = [_Doc(tuple("abc"[: 1 + i % 3]) + (f"x{i}",)) for i in range(8)]
    reuse = Reuse()
    for n, picks in enumerate(passes):
        if n and n - 1 < len(edited):  # an edit: the document is annotated again
            i = edited[n - 1]
            pool[i] = _Doc(pool[i].items + ("edited",))
        docs = [pool[i] for i in picks]
        reuse.made("topic:t", (), list)
        counts = reuse.tally("topic:t/items", docs, lambda d: d.items)
        assert counts == Counter(item for d in docs for item in d.items)
        assert all(v > 0 for v in counts.values())
        reuse.end_pass()


def test_reuse_keeps_a_tally_while_its_group_is_used():
    from build_tools.index import Reuse

    reuse, seen = Reuse(), []
    docs = [_Doc(("a",)), _Doc(("b",))]

    def items(doc):
        seen.append(doc)
        return doc.items

    reuse.made("actor:x", (), list)
    reuse.tally("actor:x/with", docs, items)
    reuse.end_pass()
    reuse.made("actor:x", (), list)  # reused: the tally is not asked for, and kept
    reuse.end_pass()
    seen.clear()
    reuse.made("actor:x", (), list)
    assert reuse.tally("actor:x/with", docs + [_Doc(("c",))], items) == {"a": 1, "b": 1, "c": 1}
    assert [d.items for d in seen] == [("c",)]  # only the new document was counted
    reuse.end_pass()
    reuse.end_pass()  # a pass without the group forgets its tally
    seen.clear()
    reuse.made("actor:x", (), list)
    reuse.tally("actor:x/with", docs, items)
    assert len(seen) == 2


def test_reuse_each_works_out_a_value_only_for_documents_that_changed():
    from build_tools.index import Reuse

    reuse, seen = Reuse(), []
    docs = [_Doc(("a",)), _Doc(("b",)), _Doc(("c",))]

    def value(doc):
        seen.append(doc)
        return doc.items[0].upper()

    assert reuse.each("timeline/x", docs, value) == ["A", "B", "C"]
    reuse.end_pass()
    docs[1] = _Doc(("e",))  # edited: a new object
    seen.clear()
    assert reuse.each("timeline/x", docs + docs[:1], value) == ["A", "E", "C", "A"]
    assert [d.items for d in seen] == [("e",)]
    reuse.end_pass()
    reuse.end_pass()  # a pass that did not ask forgets the values
    seen.clear()
    reuse.each("timeline/x", docs, value)
    assert len(seen) == 3
    reuse.end_pass()
    seen.clear()
    reuse.each("timeline/x", docs, value, given="other knowledge")  # what value reads changed
    assert len(seen) == 3
    reuse.end_pass()
    seen.clear()
    reuse.each("timeline/x", docs, value, given="other knowledge")
    assert seen == []


def _grouped_afresh(docs, keys):
    groups: dict = {}
    for doc in docs:
        for key in keys(doc):
            groups.setdefault(key, []).append(doc)
    return {k: groups[k] for k in sorted(groups)}


@settings(max_examples=80, deadline=None)
@given(
    passes=st.lists(
        st.tuples(st.sets(st.integers(0, 7), max_size=8), st.booleans(), st.booleans()),
        min_size=1,
        max_size=6,
    ),
    edited=st.lists(st.integers(0, 7), max_size=6),
)
def test_reuse_grouped_groups_as_grouping_afresh_does(passes, edited):
    """Groups carried from pass to pass, changed only by the documents added or taken
    away (an edited document is a new object; a document under a key twice is
    listed twice), equal grouping from nothing in every pass, also when the order
    or what the keys read changes; a key no changed document has keeps its list."""
    from build_tools.index import Reuse

    pool = [_Doc(tuple("abca"[: 1 + i % 4]) + (f"x{i % 5}",)) for i in range(8)]
    reuse, last, way = Reuse(), {}, None
    for n, (picks, backwards, shifted) in enumerate(passes):
        if n and n - 1 < len(edited):
            i = edited[n - 1]
            pool[i] = _Doc(pool[i].items[1:] + ("edited",))
        docs = [pool[i] for i in sorted(picks, reverse=backwards)]
        prefix = "y" if shifted else ""
        keys = lambda d, p=prefix: [p + item for item in d.items]  # noqa: E731
        groups = reuse.grouped("topics/docs", docs, keys, given=prefix)
        afresh = _grouped_afresh(docs, keys)
        assert groups == afresh
        assert list(groups) == list(afresh)
        if (backwards, prefix) == way:  # kept documents in the same order, same keys
            changed = {id(d) for d in docs} ^ {id(d) for ds in last.values() for d in ds}
            for key, group in groups.items():
                if key in last and not changed & {id(d) for d in group + last[key]}:
                    assert group is last[key]
        last, way = groups, (backwards, prefix)
        reuse.end_pass()


def test_reuse_grouped_looks_only_at_the_documents_that_changed():
    from build_tools.index import Reuse

    reuse, seen = Reuse(), []
    docs = [_Doc(("a", "b")), _Doc(("b",)), _Doc(("c",))]

    def keys(doc):
        seen.append(doc)
        return doc.items

    first = reuse.grouped("actors/docs", docs, keys)
    sizes = reuse.mapped("actors/sizes", first, lambda k, ds: seen.append(k) or len(ds))
    assert sizes == {"a": 1, "b": 2, "c": 1}
    reuse.end_pass()
    seen.clear()
    docs[1] = _Doc(("b", "d"))  # edited: a new object
    groups = reuse.grouped("actors/docs", docs, keys)
    assert groups == {"a": docs[:1], "b": docs[:2], "c": docs[2:], "d": docs[1:2]}
    assert groups["a"] is first["a"] and groups["c"] is first["c"]
    assert reuse.mapped("actors/sizes", groups, lambda k, ds: seen.append(k) or len(ds)) == {
        "a": 1,
        "b": 2,
        "c": 1,
        "d": 1,
    }
    assert seen == [docs[1], "b", "d"]  # the edited document's keys, its groups' values
    reuse.end_pass()
    reuse.end_pass()  # a pass that did not ask forgets the groups
    seen.clear()
    reuse.grouped("actors/docs", docs, keys)
    assert len(seen) == 3


@settings(max_examples=80, deadline=None)
@given(
    passes=st.lists(st.lists(st.integers(0, 7), max_size=10), min_size=1, max_size=6),
    edited=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 3)), max_size=6),
    shared=st.booleans(),
    few=st.sampled_from([0, 64]),
)
def test_reuse_merged_sorts_as_sorting_afresh_does(passes, edited, shared, few):
    """A sorted list of all the documents' items, carried from pass to pass and
    changed only by the documents added or taken away (an edited document is a new
    object; a document listed twice is listed afresh), equals sorting from nothing
    in every pass, equal items and item objects shared by documents included, the
    changed items sorted in one by one (``few``: 64) or all together (0)."""
    from build_tools.index import Reuse
    from build_tools.index import reuse as reuse_module

    common = (1, "same")  # one item object that several documents give
    pool = [_Doc(tuple(f"{(i * 3 + k) % 5}" for k in range(i % 3))) for i in range(8)]

    def items(doc):
        found = [(int(x), x) for x in doc.items]
        return found + [common] if shared and len(doc.items) == 1 else found

    reuse, default = Reuse(), reuse_module.FEW_ITEMS
    reuse_module.FEW_ITEMS = few
    try:
        _merge_passes(reuse, pool, passes, edited, items)
    finally:
        reuse_module.FEW_ITEMS = default


def _merge_passes(reuse, pool, passes, edited, items):
    for n, picks in enumerate(passes):
        if n and n - 1 < len(edited):
            i, extra = edited[n - 1]
            pool[i] = _Doc(pool[i].items[1:] + (str(extra),))
        docs = [pool[i] for i in picks]
        listed = reuse.merged("year:1/events", docs, items)
        assert listed == sorted(item for d in docs for item in items(d))
        reuse.made("year:1", (), list)
        reuse.end_pass()


def test_reuse_merged_looks_only_at_the_documents_that_changed():
    from build_tools.index import Reuse

    reuse, seen = Reuse(), []
    docs = [_Doc(("b", "d")), _Doc(("a",)), _Doc(("c",))]

    def items(doc):
        seen.append(doc)
        return [(x,) for x in doc.items]

    assert reuse.merged("year:1/events", docs, items) == [("a",), ("b",), ("c",), ("d",)]
    reuse.made("year:1", (), list)
    reuse.end_pass()
    seen.clear()
    first = reuse.merged("year:1/events", docs, items)
    assert seen == [] and first == [("a",), ("b",), ("c",), ("d",)]
    reuse.made("year:1", (), list)
    reuse.end_pass()
    docs[0] = _Doc(("e", "a"))  # edited: a new object
    assert reuse.merged("year:1/events", docs, items) == [("a",), ("a",), ("c",), ("e",)]
    assert seen == [docs[0]]
    reuse.made("year:1", (), list)
    reuse.end_pass()
    reuse.end_pass()  # a pass without the group forgets its list
    seen.clear()
    reuse.merged("year:1/events", docs, items)
    assert len(seen) == 3


def test_reuse_key_hashes_a_page_again_only_when_its_parts_changed(monkeypatch):
    """A page's key is worked out again only when its parts changed; it is kept with
    the group that made the page, while the group is used, made again or not."""
    from build_tools.index import Reuse, content_key, reuse as reuse_module

    hashed = []

    def counting(*parts):
        hashed.append(parts)
        return content_key(*parts)

    monkeypatch.setattr(reuse_module, "content_key", counting)
    reuse = Reuse()

    def pages(parts_of: dict):
        return lambda: [PageJob(src, reuse.key(src, p), str) for src, p in parts_of.items()]

    first = reuse.made("actor:x", 1, pages({"a.md": ("a", [1, 2]), "a/2.md": ("a", [3])}))
    assert len(hashed) == 2
    reuse.end_pass()
    hashed.clear()
    again = reuse.made("actor:x", 2, pages({"a.md": ("a", [1, 2]), "a/2.md": ("a", [3, 4])}))
    assert again[0].key == first[0].key  # equal parts: the kept key
    assert again[1].key == content_key("a", [3, 4]) != first[1].key
    assert hashed == [("a", [3, 4])]
    reuse.end_pass()
    reuse.made("actor:x", 2, pages({}))  # reused: its keys are kept
    reuse.end_pass()
    hashed.clear()
    reuse.made("actor:x", 3, pages({"a.md": ("a", [1, 2]), "a/2.md": ("a", [5])}))
    assert hashed == [("a", [5])]
    reuse.end_pass()
    reuse.end_pass()  # a pass without the group forgets its keys
    hashed.clear()
    reuse.made("actor:x", 3, pages({"a.md": ("a", [1, 2])}))
    assert hashed == [("a", [1, 2])]
    hashed.clear()
    reuse.made("actor:y", 1, pages({"a.md": ("a", [1, 2])}))  # another group's page
    assert hashed == [("a", [1, 2])]


WRITERS: list[Path] = []  # where the writer below notes the process that wrote


def _write_noting_process(path: Path, text: str) -> bool:
    from build_tools.cache import write_if_changed

    with WRITERS[0].open("a", encoding="utf-8") as note:
        note.write(f"{os.getpid()}\n")
    return write_if_changed(path, text)


def test_session_makes_many_files_on_several_processes_as_on_one(project: Path, monkeypatch):
    from build_tools import session as session_module

    seeds, knowledge = project / "seeds", project / "knowledge"
    for i, title in enumerate(TITLES):
        (seeds / f"s{i}.txt").write_text(f"{title}\n{SENTENCES[i]}\n", encoding="utf-8")
    monkeypatch.setattr(session_module, "PARALLEL_FILES", 1)
    monkeypatch.setattr(session_module, "write_if_changed", _write_noting_process)
    monkeypatch.setattr(sys.modules[__name__], "WRITERS", [project / "writers"])
    session = BuildSession(project / "cache", workers=2)
    assert session_pass(session, seeds, knowledge, project) == full_build(seeds, knowledge, project)
    writers = set((project / "writers").read_text(encoding="utf-8").split())
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        assert writers and str(os.getpid()) not in writers  # made in the forked processes


def _several_seeds(seeds: Path) -> None:
    for i, title in enumerate(TITLES):
        (seeds / f"s{i}.txt").write_text(f"{title}\n{SENTENCES[i]}\n", encoding="utf-8")


def _background_pass(project: Path, monkeypatch, writer) -> tuple[BuildSession, object]:
    """A one-off build's pass over several seeds, its files made by ``writer`` on
    forked processes where it can fork: the session, and what it wrote."""
    from build_tools import session as session_module

    seeds, knowledge = project / "seeds", project / "knowledge"
    _several_seeds(seeds)
    monkeypatch.setattr(session_module, "PARALLEL_FILES", 1)
    monkeypatch.setattr(session_module, "write_if_changed", writer)
    session = BuildSession(project / "cache", workers=2, background=True)
    know = session.load_knowledge(knowledge)
    return session, session.publish(session.archive(seeds, project, know), know, SITE, URL)


def _write_slowly(path: Path, text: str) -> bool:
    from build_tools.cache import write_if_changed

    time.sleep(0.02)  # later files are surely not made when the first is read
    return write_if_changed(path, text)


def test_background_making_gives_each_file_once_it_is_made(project: Path, monkeypatch):
    """A one-off build hands the files to the engine while forked processes still make
    them: each file waited for holds what a full build makes, and the keys are saved
    only once every file is made."""
    from build_tools import session as session_module

    forks = session_module._can_fork(session_module.PARALLEL_FILES, 2)  # else made here, at once
    session, written = _background_pass(project, monkeypatch, _write_slowly)
    assert (session.making is not None) == forks
    seeds, knowledge = project / "seeds", project / "knowledge"
    session.release()  # as a one-off build does: the files are still being made
    expected = full_build(seeds, knowledge, project)
    for src, path in written.paths.items():
        session.wait_for(path)
        assert Path(path).read_bytes().decode("utf-8") == expected[src], src
    session.finish()
    assert session.making is None
    assert (project / "cache" / session_module.KEYS).exists()


def _fail_on_documents(path: Path, text: str) -> bool:
    from build_tools.cache import write_if_changed

    if "documents" in path.parts and path.suffix == ".md":
        raise OSError(f"no space left to write {path.name}")
    return write_if_changed(path, text)


def test_background_making_reports_the_file_it_could_not_make(project: Path, monkeypatch):
    from build_tools import session as session_module

    if not session_module._can_fork(session_module.PARALLEL_FILES, 2):
        pytest.skip("files are made on forked processes only on Linux, from one thread")
    session, written = _background_pass(project, monkeypatch, _fail_on_documents)
    page = next(path for src, path in written.paths.items() if src.startswith("documents/"))
    with pytest.raises(session_module.MakingError, match="no space left") as failure:
        session.wait_for(page)
    assert "documents" in str(failure.value)
    assert not (project / "cache" / session_module.KEYS).exists()  # nothing claims the files


def test_one_off_build_saves_the_annotation_cache_on_a_forked_process(project: Path, monkeypatch):
    """A one-off build writes the annotation cache on another process while the engine
    goes on; the cache is complete once the build finishes, and a later process reads
    every document from it."""
    from build_tools import session as session_module
    from build_tools.cache import load_documents

    if not session_module._can_fork(session_module.PARALLEL_FILES, 2):
        pytest.skip("the cache is written on a forked process only on Linux, from one thread")
    session, _ = _background_pass(project, monkeypatch, _write_slowly)
    assert session._saving_apart is not None
    session.release()  # as a one-off build does: the cache is still being written
    session.finish()
    assert session._saving_apart is None
    saved = load_documents(project / "cache" / session_module.STORE)
    later = BuildSession(project / "cache", workers=1)
    know = later.load_knowledge(project / "knowledge")
    archive = later.archive(project / "seeds", project, know)
    assert len(saved) == len(archive.documents) == len(TITLES)
    assert later.unsaved == 0  # every document came from the cache


def test_a_cache_that_cannot_be_saved_apart_fails_the_build_with_the_reason(
    project: Path, monkeypatch
):
    from build_tools import session as session_module

    if not session_module._can_fork(session_module.PARALLEL_FILES, 2):
        pytest.skip("the cache is written on a forked process only on Linux, from one thread")

    def full_disk(path: Path, *args) -> dict:
        raise OSError(f"no space left to write {path.name}")

    monkeypatch.setattr(session_module, "save_documents", full_disk)
    session, _ = _background_pass(project, monkeypatch, _write_slowly)
    with pytest.raises(session_module.MakingError, match="annotation cache") as failure:
        session.finish()
    assert "no space left to write documents.jsonl" in str(failure.value)


def _collector_on() -> None:
    import gc

    assert gc.isenabled(), "the forked process inherited the paused collector"


def test_forked_processes_collect_their_own_garbage_when_the_parent_paused_it():
    """The plugin pauses cyclic collection while it makes the archive; the processes it
    forks meanwhile (annotating, making files, saving the cache) do not inherit that."""
    import gc
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from build_tools import session as session_module
    from build_tools.archive import _init_worker

    if not sys.platform.startswith("linux"):
        pytest.skip("processes are forked only on Linux")
    gc.disable()
    try:
        assert session_module.Forked(_collector_on).join() == ""
        context = get_context("fork")
        know = load_knowledge(DEFAULT_DIR)
        with ProcessPoolExecutor(1, context, initializer=_init_worker, initargs=(know,)) as pool:
            assert pool.submit(gc.isenabled).result() is True
    finally:
        gc.enable()
