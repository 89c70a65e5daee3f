"""The whole archive: every seed read and annotated, and every page generated.

:func:`load_archive` is the read edge (it walks the seeds folder); the rest is
pure.  A seed that cannot be read is reported as a problem and the others still
build.  Annotation results are cached by the seed's bytes, its path and the
curated knowledge, so that a rebuild only re-annotates what changed.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import importlib.metadata
import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from .annotate import Pipeline
from .errors import Problem, SeedError
from .history import commit_times_resolved, resolve_all
from .index import Page, PageJob, Reuse, Site, content_key, index_pages
from .index.context import Neighbours, around, neighbours, page_context
from .index.reuse import knowledge_token
from .model import CURATOR_NOTE, Document, Knowledge, Seed
from .read import discover, read_seed, seed_slug
from .render import PageContext, document_src, render_document

__all__ = [
    "Archive",
    "Folder",
    "annotate_folder",
    "annotate_seeds",
    "document_jobs",
    "load_archive",
    "read_folder",
    "site_pages",
]

CACHE_VERSION = "1"
PARALLEL_MIN = 64  # fewer uncached seeds than this are annotated in-process
Progress = Callable[[Iterable, int], Iterable]


@dataclass(frozen=True)
class Archive:
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...] = ()
    skipped: tuple[str, ...] = ()
    paths: tuple[tuple[str, str], ...] = ()  # (slug, absolute seed path)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _source_name(path: Path, base: Path) -> str:
    """The path shown to people: relative to ``base`` when below it."""
    text, folder = str(path), str(base)
    if (
        os.sep == "/"  # the usual case, thousands of times a rebuild, without relpath's work
        and folder.startswith("/")
        and text.startswith(folder.rstrip("/") + "/")
        and os.path.normpath(text) == text
        and os.path.normpath(folder) == folder
    ):
        return text[len(folder.rstrip("/")) + 1 :]
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:
        return path.as_posix()


def _url_key(slug: str) -> str:
    """What a slug's page URL depends on: ``foo/index`` and ``foo`` are both ``documents/foo/``."""
    return slug.removesuffix("/index") if slug != "index" else ""


def _assign_slugs(seeds: Sequence[Seed]) -> tuple[list[str], list[Problem]]:
    """One slug, and one URL, per seed; when several seeds share a URL, one keeps it.

    A header ``slug:`` has the first claim, then a file whose name already is
    the slug; the others get a suffix made from their path, so adding a seed
    never moves a document whose URL was chosen or whose name is clean.  A
    suffixed slug that is still taken gets a longer suffix.
    """
    slugs = [seed_slug(s) for s in seeds]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, slug in enumerate(slugs):
        groups[_url_key(slug)].append(i)
    taken = set(groups)
    problems = []
    for url, members in groups.items():
        if len(members) < 2:
            continue
        keeper = min(members, key=lambda i: (_claim(seeds[i], slugs[i]), seeds[i].relpath))
        for i in members:
            if i != keeper:
                slugs[i] = _suffixed(_url_key(slugs[i]) or "index", seeds[i].relpath, taken)
        names = ", ".join(seeds[i].source for i in members)
        problems.append(
            Problem(
                seeds[members[0]].source,
                f"{names} share the URL documents/{url + '/' if url else ''}; "
                f"{seeds[keeper].source} keeps it, the others get a suffix",
                "rename a file or set 'slug:' in its header",
                severity="warning",
            )
        )
    return slugs, problems


def _suffixed(slug: str, relpath: str, taken: set[str]) -> str:
    digest = hashlib.sha1(relpath.encode("utf-8", "surrogatepass")).hexdigest()
    for size in range(6, len(digest) + 1, 2):
        candidate = f"{slug}-{digest[:size]}"
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    raise AssertionError(f"two seeds with the same path: {relpath}")


# Header keys naming curated ids.  ``remove_actors`` is checked after annotation
# instead (a curator note of the header component): it may name an actor the
# extractors detected, which has no entry in the registry.
HEADER_IDS = (("actors", "actor"), ("topics", "topic"), ("remove_topics", "topic"))


def _unknown_ids(seed: Seed, knowledge: Knowledge) -> list[Problem]:
    """A warning for each id in the seed's header that the curated knowledge lacks."""
    problems = []
    for key, kind in HEADER_IDS:
        value = seed.header.get(key) or []
        known = knowledge.actor if kind == "actor" else knowledge.topic
        for item in [value] if isinstance(value, str) else value:
            if known(str(item)) is None:
                problems.append(
                    Problem(
                        seed.source,
                        f"header {key} names {str(item)[:80]!r}, which is not a known {kind} id",
                        f"use an id from {kind}s.yaml, or remove it",
                        severity="warning",
                    )
                )
    return problems


def _claim(seed: Seed, slug: str) -> int:
    """0 for a header slug, 1 for a clean file name, 2 otherwise."""
    if seed.header.get("slug"):
        return 0
    return 1 if PurePosixPath(seed.relpath).stem == slug.rsplit("/", 1)[-1] else 2


def cache_key(seed: Seed, knowledge: Knowledge) -> tuple:
    """What an annotation depends on: the seed's bytes and name, the knowledge, the code
    and the data packages it reads."""
    return (
        code_digest(),
        seed.digest,
        seed.relpath,
        seed.source,
        knowledge.digest,
        data_versions(),
    )


DATA_PACKAGES = ("pycountry", "wordfreq")  # packages whose bundled data shapes annotations


@functools.cache
def data_versions() -> str:
    """The installed version of each data package, as one string (``name=version;…``)."""
    return ";".join(f"{name}={_version(name)}" for name in DATA_PACKAGES)


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ""


@functools.cache
def code_digest() -> str:
    """A hash of the package's code, so any code change invalidates cached annotations.

    The whole package counts (not a hand-kept list of modules), so a module that
    shapes an annotation cannot be left out of the key.
    """
    here = Path(__file__).parent
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for path in sorted(here.rglob("*.py")):
        digest.update(path.relative_to(here).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_WORKER_PIPELINE: Pipeline | None = None  # a worker process's pipeline, built once
Annotated = tuple[Document, tuple[str, ...]]  # a document and its annotators' failures


def _init_worker(knowledge: Knowledge) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline(knowledge)
    # what the worker holds for good (the parent's objects, the knowledge and its
    # compiled rules) is left out of full collections, which then walk only what
    # annotating leaves (cyclic garbage, about 14 KB a document); the parent may have
    # paused collection when it forked this process
    gc.freeze()
    gc.enable()
    parent = os.getppid()
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker once its parent is gone, even if the parent was killed (kill -9)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _annotate_one(job: tuple[Seed, str]) -> Annotated:
    seed, slug = job
    assert _WORKER_PIPELINE is not None
    return _WORKER_PIPELINE.reporting(seed, slug)


def _annotate_many(
    jobs: list[tuple[Seed, str]], knowledge: Knowledge, workers: int, progress: Progress | None
) -> list[Annotated]:
    """Annotate seeds, on several processes when there are enough of them."""
    if workers > 1 and len(jobs) >= PARALLEL_MIN:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(knowledge,)) as pool:
            results = pool.map(_annotate_one, jobs, chunksize=max(1, len(jobs) // (workers * 8)))
            return list(progress(results, len(jobs)) if progress else results)
    iterable = progress(jobs, len(jobs)) if progress else jobs
    pipeline = Pipeline(knowledge) if jobs else None
    return [pipeline.reporting(seed, slug) for seed, slug in iterable] if pipeline else []


def annotate_seeds(
    seeds: Sequence[Seed],
    knowledge: Knowledge,
    cache: MutableMapping[tuple, Document] | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> tuple[list[Document], list[Problem]]:
    """Annotate seeds (reusing cached results) and give each a unique slug.

    ``workers`` > 1 spreads the seeds that are not cached over that many
    processes; ``progress(iterable, total)`` may wrap the work in a progress bar.
    A cached document is used only when it holds exactly the seed just read.
    An annotator that fails on a seed is an error naming the seed; the seed is
    published without that annotation and is not cached.
    """
    slugs, problems = _assign_slugs(seeds)
    problems += [p for seed in seeds for p in _unknown_ids(seed, knowledge)]
    keys = [cache_key(seed, knowledge) for seed in seeds]
    cache = cache if cache is not None else {}
    todo = [i for i, key in enumerate(keys) if key not in cache or cache[key].seed != seeds[i]]
    fresh = _annotate_many([(seeds[i], slugs[i]) for i in todo], knowledge, workers, progress)
    docs = [cache.get(key) for key in keys]
    for i, (doc, failures) in zip(todo, fresh):
        docs[i] = doc
        if failures:
            cache.pop(keys[i], None)
            hint = "the rest of the seed is published; report the seed with this message"
            problems += [Problem(seeds[i].source, f, hint) for f in failures]
        else:
            cache[keys[i]] = doc
    problems += [
        Problem(
            d.seed.source, n.text, "fix or remove the id in the seed's header", severity="warning"
        )
        for d in docs
        for n in d.notes
        if n.kind == CURATOR_NOTE
    ]
    return [
        d if d.slug == slug else replace(d, slug=slug) for d, slug in zip(docs, slugs)
    ], problems


Reader = Callable[[Path, Path, str], tuple[Seed, list[Problem]]]


@dataclass(frozen=True)
class Folder:
    """The seeds read from a folder, before annotation."""

    seeds: tuple[Seed, ...]
    problems: tuple[Problem, ...]
    skipped: tuple[str, ...]
    paths: tuple[str, ...]  # the absolute path of each seed


def read_folder(root: Path, base: Path | None = None, read: Reader = read_seed) -> Folder:
    """Read every seed below ``root`` with ``read`` (by default :func:`read_seed`).

    A seed that cannot be read is a problem; the others are still read."""
    base = base or Path.cwd()
    paths, skipped = discover(root)
    seeds, problems, abs_paths = [], [], []
    for path in paths:
        try:
            seed, warnings = read(path, root, _source_name(path, base))
        except SeedError as exc:
            problems.append(exc.problem)
            continue
        seeds.append(seed)
        problems += warnings
        abs_paths.append(os.path.abspath(path))  # no symlink walk: thousands a pass
    skipped_names = tuple(_source_name(p, base) for p in skipped)
    return Folder(tuple(seeds), tuple(problems), skipped_names, tuple(abs_paths))


def load_archive(
    root: Path,
    knowledge: Knowledge,
    base: Path | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> Archive:
    """Read every seed below ``root`` and annotate it (see :func:`annotate_seeds`)."""
    return annotate_folder(read_folder(root, base), knowledge, None, workers, progress)


def annotate_folder(
    folder: Folder,
    knowledge: Knowledge,
    cache: MutableMapping[tuple, Document] | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> Archive:
    """The archive of a folder's seeds, reusing (and adding to) the annotations ``cache``
    holds by :func:`cache_key`."""
    docs, slug_problems = annotate_seeds(folder.seeds, knowledge, cache, workers, progress)
    return Archive(
        documents=tuple(docs),
        problems=folder.problems + tuple(slug_problems),
        skipped=folder.skipped,
        paths=tuple((d.slug, p) for d, p in zip(docs, folder.paths)),
    )


def _context_key(ctx: PageContext) -> tuple:
    """What a page takes from its context: the neighbours' addresses, titles and dates."""

    def brief(doc: Document | None) -> tuple | None:
        return (doc.slug, doc.title, doc.date) if doc else None

    return (
        brief(ctx.previous),
        brief(ctx.next),
        tuple(brief(d) for d in ctx.related),
        ctx.site_url,
        ctx.site_name,
        ctx.directory_urls,
        ctx.repo_url,
        ctx.edit_uri,
        ctx.docs_dir,
    )


def document_jobs(
    docs: Sequence[Document],
    knowledge: Knowledge,
    site: Site = Site(),
    site_url: str = "",
    near: Neighbours | None = None,
    reuse: Reuse | None = None,
) -> list[PageJob]:
    """Every document page as a job keyed by the document (its complete cache key and
    slug) and what the page shows of its neighbours; ``near`` may give the
    neighbours, worked out earlier (see :func:`~build_tools.index.context.neighbours`).
    ``reuse`` holds the last pass's jobs: a page whose document and neighbours are
    the very same objects keeps its job without its key being worked out again."""
    near = near if near is not None else neighbours(docs)
    reuse = reuse if reuse is not None else Reuse()
    by_slug = {d.slug: d for d in docs}
    token = knowledge_token(knowledge)
    jobs = []
    for doc in docs:
        docs_around = around(near[doc.slug], by_slug)
        jobs.append(
            reuse.made(
                f"doc:{doc.slug}",
                (doc, docs_around, token, site_url, site),
                lambda d=doc, a=docs_around: _document_job(d, a, knowledge, site, site_url),
            )
        )
    return jobs


def _document_job(
    doc: Document,
    around: tuple[Document | None, Document | None, tuple[Document, ...]],
    knowledge: Knowledge,
    site: Site,
    site_url: str,
) -> PageJob:
    ctx = page_context(*around, site_url, site)
    return PageJob(
        document_src(doc),
        content_key(cache_key(doc.seed, knowledge), doc.slug, _context_key(ctx)),
        functools.partial(render_document, doc, ctx),
    )


def site_pages(
    docs: Sequence[Document],
    knowledge: Knowledge,
    site: Site = Site(),
    site_url: str = "",
    description: str = "",
) -> tuple[dict[str, str], list[Page]]:
    """The Markdown of every document page (by source path) and every index page."""
    doc_pages = {job.src: job.build() for job in document_jobs(docs, knowledge, site, site_url)}
    return doc_pages, index_pages(docs, knowledge, site, description)


def seed_times(paths: Iterable[tuple[str, str]]) -> dict[str, str]:
    """When each seed file last changed, as a UTC instant, by slug: the time of the
    last commit that changed it when git holds it unchanged (:mod:`.history`), else
    its modification time; never later than ``SOURCE_DATE_EPOCH`` when set
    (reproducible builds).  A file that cannot be read is left out."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    ceiling = int(epoch) if epoch.isdigit() else None
    paths = list(paths)
    resolved = resolve_all(path for _, path in paths)  # once: git's times are by resolved path
    committed = commit_times_resolved(resolved)
    times = {}
    for (slug, path), real in zip(paths, resolved):
        try:
            seconds = int(os.stat(path).st_mtime)
        except OSError:
            continue
        seconds = committed.get(real, seconds)
        if ceiling is not None:
            seconds = min(seconds, ceiling)
        stamp = dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
        times[slug] = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    return times
