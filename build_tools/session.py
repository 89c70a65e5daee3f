"""The state kept between the builds of one ``mkdocs serve`` (or the one build of ``mkdocs build``).

One :class:`BuildSession` holds everything a rebuild reuses, each part keyed by
what it was made from:

- the curated knowledge, by the stamp of its files;
- every seed read, by its file's stamp (size, modification and change times and
  inode, so a file replaced with ``cp -p`` is read again);
- every annotated document, by its complete cache key
  (:func:`build_tools.archive.cache_key`: the seed's bytes and name, the
  knowledge, the code and the data packages), saved through :mod:`build_tools.cache`;
- the documents' neighbours (previous, next, related), by what they are worked out from;
- every generated file, by the key of its :class:`~build_tools.index.PageJob` (a
  hash of exactly the inputs its builder reads); each file is written to the
  cache folder as soon as it is made, so no page's text is held.  The keys are
  saved next to the files when a pass ends, or while serving when the server
  stops (and removed before a pass changes a
  file), so the next process, with the same code, makes only the files whose key
  changed: a warm ``mkdocs build`` or a restarted ``serve`` renders nothing again;
- each document's data record, by its cache key, slug and address;
- each listing's jobs (an actor's pages, a topic's, a speaker's statements), by the
  inputs they are made from (:class:`~build_tools.index.Reuse`), so an edit works
  out the keys only of the listings it touches.

One eviction rule for all of them: after a pass, keep what that pass used.
A build that is not served has no next pass: :meth:`BuildSession.release` lets
it go once the files are handed over, so MkDocs renders the pages without the
archive held beside them.  Such a build (``background``) makes many files on
forked processes while MkDocs reads the first ones (:class:`Making`): the engine
asks :meth:`BuildSession.wait_for` before it reads a file and
:meth:`BuildSession.finish` before it copies the rest; the keys are saved once
every file is made.
The pure functions (:func:`~build_tools.archive.load_archive`,
:func:`~build_tools.archive.site_pages`, :func:`~build_tools.exports.data_files`)
make the same files from nothing; a test holds the session to them.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import platform
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .annotate import Pipeline
from .archive import (
    Archive,
    annotate_folder,
    cache_key,
    code_digest,
    data_versions,
    document_jobs,
    read_folder,
    seed_times,
)
from .cache import (
    load_documents,
    load_json,
    remove_others,
    save_documents,
    write_atomic,
    write_if_changed,
    write_pieces,
)
from .errors import Problem
from .exports import Record, archive_csv_pieces, archive_json_pieces, feed, record_lines
from .index import PageJob, Reuse, Site, content_key, index_jobs, newest_first
from .index.context import Neighbours, context_input, neighbours
from .knowledge import load_knowledge
from .model import Document, Knowledge, Seed
from .read import read_seed
from .render import is_searchable

__all__ = ["BuildSession", "MakingError", "Publication", "default_workers", "file_stamp"]

STORE = "documents.jsonl"
PAGES = "pages"
KEYS = "pages.keys.json"  # the key of each file below PAGES, for the next process
SAVE_SHARE = 10  # while serving, the cache file is written once 1/n of the archive is new
SAVE_MIN = 50  # (or this many annotations), and when the server stops

Read = tuple[Seed, list[Problem]]


def file_stamp(path: Path) -> tuple[int, int, int, int]:
    """Size, modification time, change time and inode: replacing a file changes one,
    even with a copy of the same size and modification time (``cp -p``)."""
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def default_workers(workers: int) -> int:
    """``workers``, or one per core when 0."""
    return workers or os.cpu_count() or 1


@dataclass(frozen=True)
class Publication:
    """What one pass wrote below the cache folder."""

    paths: dict[str, str]  # every generated file's absolute path, by source path
    built: frozenset[str]  # the files made again in this pass
    later: tuple[str, ...] = ()  # files to make again after the pages (see write_later)


class BuildSession:
    """The reusable state of the builds of one process (see the module's docstring)."""

    def __init__(
        self,
        cache_dir: Path | None = None,
        workers: int = 1,
        serving: bool = False,
        background: bool = False,
    ) -> None:
        self.serving = serving
        self.workers = workers
        # many files are made on forked processes while the engine reads those made
        # (a one-off build whose engine waits for each with :meth:`wait_for`)
        self.background = background and not serving
        self.making: Making | None = None
        self._later: list[tuple[PageJob, str]] = []  # while serving: see write_later
        self._later_done: set[str] = set()
        self._later_stop = threading.Event()
        self._writing_later: threading.Thread | None = None
        self._saving: threading.Thread | None = None
        self._saving_apart: Forked | None = None  # a one-off build's cache being written
        self._start(cache_dir)

    def configure(self, cache_dir: Path, workers: int) -> None:
        """Where the caches live and how many processes annotate; another cache folder
        than the last one starts afresh (after saving what the last one lacks)."""
        self.workers = workers
        if cache_dir != self.cache_dir:
            self.close()
            self._start(cache_dir)

    def _start(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir
        self.knowledge: Knowledge | None = None
        self.knowledge_stamp: tuple = ()
        self.seeds: dict[str, tuple[tuple, Read]] = {}  # path → (source and stamp, read seed)
        self.documents: dict[tuple, Document] | None = None  # loaded on the first pass
        self.unsaved = 0  # annotations added or dropped since the cache file was written
        self.near: tuple[list[tuple], Neighbours] | None = None
        self.records: dict[tuple, tuple[Record, str]] = {}  # and the key of each record
        self.outputs: dict[str, str] | None = None  # source path → key of the text on disk
        self.keys_unsaved = False  # the outputs' keys differ from those saved beside them
        self.listings = Reuse()  # the listings' groups of jobs, by the inputs they were made from
        self._seeds_used: dict[str, tuple[tuple, Read]] = {}
        self._prepared: str | None = None  # the knowledge whose rules were compiled here

    def release(self) -> None:
        """Save what is not saved yet and hold nothing more: what a process that builds
        once calls when its files are written.  A later pass starts as a new process
        would, from the files in the cache folder."""
        making, self.making = self.making, None  # still making files: goes on
        saving, self._saving_apart = self._saving_apart, None  # still saving: goes on
        self.close()
        self._start(self.cache_dir)
        self.making, self._saving_apart = making, saving
        gc.collect()  # a pass annotating here leaves cyclic garbage: free it now

    # ------------------------------------------------------------- inputs

    def load_knowledge(self, folder: Path) -> Knowledge:
        """The curated knowledge, parsed again only when one of its files changed
        (raises :class:`~build_tools.errors.KnowledgeError`)."""
        stamp = (str(folder),) + tuple(
            (p.name, file_stamp(p)) for p in sorted(folder.glob("*.yaml"))
        )
        if self.knowledge is None or stamp != self.knowledge_stamp:
            self.knowledge = load_knowledge(folder)
            self.knowledge_stamp = stamp
        return self.knowledge

    def _read(self, path: Path, root: Path, source: str) -> Read:
        """A seed, read again only when its file's stamp changed."""
        stamp = (source, file_stamp(path))
        known = self.seeds.get(str(path))
        result = known[1] if known and known[0] == stamp else read_seed(path, root, source)
        self._seeds_used[str(path)] = (stamp, result)
        return result

    def archive(self, seeds_dir: Path, base: Path, knowledge: Knowledge) -> Archive:
        """Every seed read and annotated, reusing what is unchanged; saves new annotations."""
        assert self.cache_dir is not None, "configure() the session first"
        if self.documents is None:
            self.documents = load_documents(self.cache_dir / STORE)
        known = set(self.documents)
        self._seeds_used = {}
        folder = read_folder(seeds_dir, base, self._read)
        self.seeds, self._seeds_used = self._seeds_used, {}
        archive = annotate_folder(folder, knowledge, self.documents, self.workers)
        self._share_seeds(archive.documents)
        used = {cache_key(d.seed, knowledge) for d in archive.documents}
        self.unsaved += len(used - known) + len(known - used)
        self.documents = {k: v for k, v in self.documents.items() if k in used}
        if self.unsaved and (not self.serving or self.unsaved >= _save_after(len(used))):
            self.save()
        if self.serving and self._prepared != knowledge.digest:
            self._prepare(knowledge)
        return archive

    def _prepare(self, knowledge: Knowledge) -> None:
        """Compile the annotation rules in the background while the server waits for
        an edit, so the first edit does not wait for them (a fifth of a second)."""
        self._prepared = knowledge.digest
        threading.Thread(target=Pipeline, args=(knowledge,), daemon=True).start()

    def _share_seeds(self, docs: Sequence[Document]) -> None:
        """Hold one copy of each seed, the document's: a document annotated in another
        process, or loaded from the cache file, holds its own copy of the seed read here."""
        held = list(self.seeds.items())
        if len(held) != len(docs):
            return
        for (path, (stamp, (seed, warnings))), doc in zip(held, docs):
            if doc.seed is not seed and doc.seed == seed:
                self.seeds[path] = (stamp, (doc.seed, warnings))

    def save(self, background: bool | None = None) -> None:
        """Write the annotation cache; by default in the background while serving, and
        on a forked process in a one-off build of many documents.

        While serving, a few edits are not worth writing the whole cache in the
        way of the next page: they are written once enough have gathered, and
        when the server stops (:meth:`close`).  A one-off build's engine renders
        pages on one core meanwhile; :meth:`finish` waits for the cache.
        """
        self.wait()
        if self.cache_dir is None:
            return
        store, documents = self.cache_dir / STORE, dict(self.documents or {})
        self.unsaved = 0
        if background is None and self.background and _can_fork(len(documents), self.workers):
            # two seconds at 3,000 seeds, on a core the engine leaves idle
            self._saving_apart = Forked(save_documents, store, documents, documents)
            return
        if not (self.serving if background is None else background):
            save_documents(store, documents, documents)
            return
        self._saving = threading.Thread(target=save_documents, args=(store, documents, documents))
        self._saving.start()

    def wait(self) -> None:
        """Wait for a background save to end; raises :class:`MakingError` when the
        annotation cache could not be written."""
        if self._saving is not None:
            self._saving.join()
            self._saving = None
        self._wait_apart()

    def _wait_apart(self) -> None:
        """Wait for a one-off build's cache to be written on its own process."""
        saving, self._saving_apart = self._saving_apart, None
        failure = saving.join() if saving is not None else ""
        if failure:
            raise MakingError(f"the annotation cache could not be saved:\n{failure}")

    def close(self) -> None:
        """Write what is not saved yet, and wait for it; files still being made are
        abandoned (the build that made them failed), and their keys not saved."""
        if self.making is not None:
            self.making.stop()
            self.making = None
        self.wait_later()
        if self.unsaved:
            self.save(background=False)
        self.wait()
        if self.keys_unsaved:
            self.save_keys()

    def save_keys(self) -> None:
        """Write the key of each generated file next to the files, for the next process."""
        if self.cache_dir is not None and self.outputs is not None:
            _save_keys(self.cache_dir / KEYS, self.outputs)
        self.keys_unsaved = False

    # ------------------------------------------------------------- outputs

    def wait_for(self, path: str) -> None:
        """Return once the generated file at ``path`` is made (at once for any other
        file); raises :class:`MakingError` when it cannot be."""
        if self.making is not None:
            self.making.wait_for(path)

    def finish(self) -> None:
        """Wait for every file still being made, then save the keys of the files made;
        raises :class:`MakingError` when one could not be made."""
        making, self.making = self.making, None
        if making is not None:
            making.finish()
        self._wait_apart()

    def publish(
        self,
        archive: Archive,
        knowledge: Knowledge,
        site: Site,
        site_url: str = "",
        description: str = "",
    ) -> Publication:
        """Write every generated file below the cache folder, making only those whose
        key is new."""
        docs = archive.documents
        near = self._neighbours(docs)
        jobs = document_jobs(docs, knowledge, site, site_url, near, self.listings)
        jobs += index_jobs(docs, knowledge, site, description, self.listings)
        jobs += self._data_jobs(archive, knowledge, site, site_url)
        # the pages search reads first: a build can index them while it writes the rest
        jobs.sort(key=lambda job: not is_searchable(job.src))
        written = self._write(jobs)
        self.listings.end_pass()
        return written

    def _neighbours(self, docs: Sequence[Document]) -> Neighbours:
        """Previous, next and related documents, worked out again only when what they
        are made from (slugs, dates, actors and topics) changed."""
        # compared as they are: the inputs of a document unchanged since the last pass
        # are the very tuples of that pass
        inputs = self.listings.each("context/inputs", docs, context_input)
        if self.near is None or self.near[0] != inputs:
            self.near = (inputs, neighbours(docs))
        return self.near[1]

    def _data_jobs(
        self, archive: Archive, knowledge: Knowledge, site: Site, site_url: str
    ) -> list[PageJob]:
        """archive.json, archive.csv and each document's JSON, keyed by the records they
        hold; the feed, keyed by its text."""
        records: dict[tuple, tuple[Record, str]] = {}
        jobs = []
        for doc in self.listings.ordered(archive.documents, newest_first):  # (sorted once a pass)
            key = (cache_key(doc.seed, knowledge), doc.slug, site_url, site.directory_urls)
            kept = self.records.get(key)
            if kept is None:
                kept = (record_lines(doc, site_url, site.directory_urls), content_key(key))
            records[key] = kept
            jobs.append(PageJob(f"documents/{doc.slug}.json", kept[1], _line(kept[0])))
        self.records = records
        whole = content_key([k for _, k in records.values()])
        ordered = [record for record, _ in records.values()]
        jobs.append(PageJob.in_pieces("archive.json", whole, lambda: archive_json_pieces(ordered)))
        jobs.append(PageJob.in_pieces("archive.csv", whole, lambda: archive_csv_pieces(ordered)))
        undated = {d.slug for d in archive.documents if not d.date}
        changed = seed_times(p for p in archive.paths if p[0] in undated)
        text = feed(archive.documents, site.site_name, site_url, site.directory_urls, changed)
        jobs.append(PageJob.ready("feed.xml", text))
        return jobs

    def write_later(
        self,
        written: Callable[[str, str], object],
        failed: Callable[[str, BaseException], object],
    ) -> None:
        """While serving, make the files this pass left for after the pages (see
        :meth:`_write`) on a thread, calling ``written(src, path)`` once each is in
        place, or ``failed(src, error)``; the next pass makes again one that failed."""
        if self._later and self._writing_later is None:  # (once a pass)
            self._later_done, self._later_stop = set(), threading.Event()
            self._writing_later = threading.Thread(
                target=_write_each,
                args=(self._later, self._later_done, self._later_stop, written, failed),
                daemon=True,
            )
            self._writing_later.start()

    def stop_later(self) -> None:
        """Stop making the files left for after the pages, as a new pass begins (it
        makes again those not made yet): a curator's quick second edit does not wait
        for the first one's exports, nor share the interpreter with them."""
        self._later_stop.set()
        self.wait_later()

    def wait_later(self) -> None:
        """Wait for the files being made after the pages; what was not made (it failed,
        or was never started) loses its key, so the next pass makes it."""
        writing, self._writing_later = self._writing_later, None
        if writing is not None:
            writing.join()
        later, self._later = self._later, []
        if self.outputs is not None:
            for job, _ in later:
                if job.src not in self._later_done:
                    self.outputs.pop(job.src, None)
                    self.keys_unsaved = True

    def _write(self, jobs: Iterable[PageJob]) -> Publication:
        assert self.cache_dir is not None, "configure() the session first"
        self.wait_later()
        folder = str(self.cache_dir / PAGES)
        first = self.outputs is None
        if self.outputs is None:
            self.outputs = _load_keys(self.cache_dir / KEYS)
        paths, keys, todo = {}, {}, []
        # A file whose key is on disk might have gone since; while serving, one this
        # process made or found is not looked for again (33,000 stats a rebuild at
        # 10,000 seeds): its page is already in the site.
        checked = first or not self.serving
        for job in jobs:
            path = os.path.join(folder, job.src)  # plain strings: thousands of files a pass
            if self.outputs.get(job.src) != job.key or (checked and not os.path.exists(path)):
                todo.append((job, path))
            paths[job.src], keys[job.src] = path, job.key
        if self.serving and not first:
            # The whole-archive exports (10 KB a document) are made after the pages,
            # off the way of the page the curator waits for (0.5 s at 10,000 seeds).
            self._later = [(job, path) for job, path in todo if job.pieces is not None]
            todo = [(job, path) for job, path in todo if job.pieces is None]
        if first:  # (before any file is made: a file being written is not yet in place)
            remove_others(Path(folder), set(paths.values()))
        else:
            for src in self.outputs.keys() - keys.keys():
                Path(folder, src).unlink(missing_ok=True)
        if todo:  # the keys on disk no longer say what the files hold
            (self.cache_dir / KEYS).unlink(missing_ok=True)
            if self.background and _can_fork(len(todo), self.workers):
                self.making = Making(todo, self.workers)
            else:  # while serving, other threads run: no process is forked from them
                build_files(todo, 1 if self.serving else self.workers)
        built = {job.src for job, _ in todo}
        if built or self._later or first or keys.keys() != self.outputs.keys():
            self.keys_unsaved = True
        self.outputs = keys
        if self.keys_unsaved and not self.serving:  # while serving: when the server stops
            if self.making is None:
                self.save_keys()
            else:  # once every file is made
                self.making.then_save(self.cache_dir / KEYS, keys)
                self.keys_unsaved = False
        return Publication(paths, frozenset(built), tuple(job.src for job, _ in self._later))


class _Stopped(Exception):
    """Making the files left for after the pages was stopped."""


def _write_each(
    todo: list[tuple[PageJob, str]],
    done: set[str],
    stop: threading.Event,
    written: Callable[[str, str], object],
    failed: Callable[[str, BaseException], object],
) -> None:
    for job, path in todo:
        if stop.is_set():
            return
        assert job.pieces is not None, "only files given in pieces are left for later"
        try:
            write_pieces(Path(path), _until(stop, job.pieces()))
            if stop.is_set():
                return
            written(job.src, path)
        except _Stopped:
            return
        except Exception as exc:  # (reported; the next pass makes the file again)
            failed(job.src, exc)
        else:
            done.add(job.src)


def _until(stop: threading.Event, pieces: Iterable[str]) -> Iterator[str]:
    """``pieces``, until ``stop`` is set (the file being written is then left unmade)."""
    for piece in pieces:
        if stop.is_set():
            raise _Stopped
        yield piece


PARALLEL_FILES = 500  # fewer files to make than this are made in this process


def _can_fork(files: int, workers: int) -> bool:
    """Whether ``files`` files are made on ``workers`` forked processes: only on Linux,
    where forking is quick, only for many files, and only from a process that runs
    no other thread (forking one that does is unsafe; ``mkdocs serve`` does)."""
    return (
        workers > 1
        and files >= PARALLEL_FILES
        and threading.active_count() == 1
        and sys.platform.startswith("linux")
    )


def build_files(todo: list[tuple[PageJob, str]], workers: int) -> None:
    """Make each job's file at its path; on ``workers`` processes when there are
    many (a cold build makes every page).

    The processes are forked, so they hold the jobs (closures over the archive)
    without pickling them (see :func:`_can_fork`).  Each makes every
    ``workers``-th file, so large and small pages are spread evenly.
    """
    if _can_fork(len(todo), workers):
        making = Making(todo, workers)
        making.finish()
        return
    for job, path in todo:
        write_job(job, path)


def write_job(job: PageJob, path: str) -> None:
    """Make the job's file at ``path``: a file given in pieces is written piece by
    piece (its key is new, so its text is); any other only when its text changed."""
    if job.pieces is not None:
        write_pieces(Path(path), job.pieces())
    else:
        write_if_changed(Path(path), job.build())


class MakingError(RuntimeError):
    """A generated file could not be made on a forked process."""


class Forked:
    """A function run on a forked process, which holds the caller's data as they are
    at the fork, without pickling them (see :func:`_can_fork`)."""

    def __init__(self, target: Callable[..., object], *args: object) -> None:
        context = multiprocessing.get_context("fork")
        self.errors, report = context.Pipe(duplex=False)
        self.process = context.Process(target=_reporting, args=(target, args, report), daemon=True)
        self.process.start()
        report.close()
        self.failure: str | None = None

    def alive(self) -> bool:
        return self.process.is_alive()

    def join(self) -> str:
        """Wait for the process to end; what went wrong there ("" when nothing did)."""
        if self.failure is None:
            self.process.join()
            code = self.process.exitcode
            if code == 0:
                self.failure = ""
            else:
                self.failure = self.errors.recv() if self.errors.poll() else f"exit code {code}"
            self.errors.close()
        return self.failure

    def stop(self) -> None:
        """End the process, whatever it has done."""
        self.process.terminate()
        self.process.join()


def _reporting(target: Callable[..., object], args: tuple, report) -> None:
    """Run ``target(*args)`` (in a forked process); send what went wrong to ``report``."""
    gc.enable()  # the parent may have paused it while it made the archive
    try:
        target(*args)
    except BaseException as exc:
        report.send(str(exc) if isinstance(exc, MakingError) else traceback.format_exc())
        raise SystemExit(1)


class Making:
    """Files being made on forked processes, each making every ``workers``-th file in
    order, so the engine can read the first ones while the others are made (it
    reads them in the order they were given).  Each process counts the files it
    has made in memory shared with this one."""

    def __init__(self, todo: list[tuple[PageJob, str]], workers: int) -> None:
        context = multiprocessing.get_context("fork")
        self.place = {path: i for i, (_, path) in enumerate(todo)}
        self.step = workers
        self.made = context.RawArray("q", workers)  # files made, by process
        self.keys: tuple[Path, dict[str, str]] | None = None
        self.shares = [
            Forked(_make_share, todo, first, workers, self.made) for first in range(workers)
        ]

    def then_save(self, path: Path, keys: dict[str, str]) -> None:
        """Save the files' keys at ``path`` once every file is made."""
        self.keys = (path, keys)

    def wait_for(self, path: str) -> None:
        """Return once the file at ``path`` is made (at once for a file not made here)."""
        place = self.place.get(path)
        if place is None:
            return
        share, count = place % self.step, place // self.step + 1
        while self.made[share] < count:
            if not self.shares[share].alive() and self.made[share] < count:
                self.finish()  # raises: the process ended before making the file
            time.sleep(0.001)

    def finish(self) -> None:
        """Wait for every process to end; raise when one could not make a file, else save
        the keys."""
        failures = [failure for failure in (share.join() for share in self.shares) if failure]
        if failures:
            raise MakingError("a generated file could not be made:\n" + "\n".join(failures))
        if self.keys is not None:
            _save_keys(*self.keys)

    def stop(self) -> None:
        """End the processes, whatever they have made (the build failed)."""
        for share in self.shares:
            share.stop()


def _make_share(todo, first: int, step: int, made) -> None:
    """Make every ``step``-th file from ``first`` on (in a forked process)."""
    path = ""
    try:
        for count, (job, path) in enumerate(todo[first::step], 1):
            write_job(job, path)
            made[first] = count
    except Exception:
        raise MakingError(f"{path}:\n{traceback.format_exc()}") from None


def _keys_header() -> dict:
    """What the keys of the pages on disk hold true for: this code, these data packages,
    this YAML writer and this Python (a page's key is made within one of each)."""
    return {
        "format": "policy-archive page keys",
        "code": code_digest(),
        "data": data_versions(),
        "yaml": yaml.__version__,
        "python": platform.python_version(),
    }


def _load_keys(path: Path) -> dict[str, str]:
    """The key of each page the cache folder holds, as the last build left them; none
    when they were made by other code, or when that build did not finish."""
    data = load_json(path)
    if not isinstance(data, dict) or data.get("header") != _keys_header():
        return {}
    keys = data.get("keys")
    return keys if isinstance(keys, dict) else {}


def _save_keys(path: Path, keys: dict[str, str]) -> None:
    text = json.dumps({"header": _keys_header(), "keys": keys}, separators=(",", ":"))
    write_atomic(path, text.encode("utf-8"))


def _line(record: Record):
    return lambda: record[1] + "\n"


def _save_after(documents: int) -> int:
    return max(SAVE_MIN, documents // SAVE_SHARE)
