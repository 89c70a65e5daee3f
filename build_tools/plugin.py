"""The MkDocs side: hands the generated pages to MkDocs.

The only module that imports ``mkdocs``.  Every generated page (documents,
listing pages, data files) is written to a cache folder outside ``docs/`` —
only when its text changed — and given to MkDocs as a virtual file backed by
that copy.  So ``mkdocs serve`` (which watches ``seeds/`` and the curated
knowledge) rebuilds on every seed change, and with ``--dirty`` it re-renders
only the pages whose text a change touched; nothing is ever written into
``docs/``.  Every seed that cannot be read is logged as an error, all of them
in one build, so ``--strict`` fails and names each one.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_build_date
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from .cache import copy_atomic
from .errors import KnowledgeError, Problem
from .index import Reuse, Site
from .knowledge import DEFAULT_DIR
from .render import is_searchable, searchable_glob
from .session import BuildSession, MakingError, default_workers

log = logging.getLogger("mkdocs.plugins.policy_archive")

NAV_PAGES = {"index.md", "timeline/index.md", "actors/index.md", "topics/index.md", "glossary.md"}
SEARCH_INDEX = Path("search") / "search_index.json"
SERVE_YOUNG_THRESHOLD = 20_000  # while serving: allocations between collections of the youngest


class ArchiveConfig(Config):
    seeds_dir = c.Type(str, default="seeds")
    knowledge_dir = c.Optional(c.Type(str))
    cache_dir = c.Type(str, default=".cache/policy-archive")
    page_size = c.Type(int, default=100)
    workers = c.Type(int, default=0)  # processes for annotation; 0: one per core
    search = c.Choice(("auto", "material", "pagefind"), default="auto")
    pagefind_from = c.Type(int, default=500)  # with search: auto, documents from which Pagefind
    # how `mkdocs serve` notices seed and knowledge changes: the system's file events,
    # or MkDocs' polling (for folders on a network share, whose events do not arrive)
    watch = c.Choice(("events", "polling"), default="events")


SITEMAP = "sitemap.xml"  # left out while serving (see on_env)


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    # MkDocs keeps this instance across the rebuilds of `serve` because it defines
    # on_startup, so everything a rebuild reuses lives on it: the archive's state in
    # one BuildSession (which knows no engine), and the engine's compiled templates
    # and File objects.
    session: BuildSession | None = None
    templates: CompiledTemplates | None = None
    generated: GeneratedFiles | None = None
    dirty = False
    serving = False
    pagefind = False
    _files: Files | None = None  # the files of the last build, for the search index
    _pagefind_run: subprocess.Popen | None = None
    _frozen = False  # while serving: the first pass's objects are out of full collections
    _unwritten: int | None = None  # pages Pagefind reads not yet written, in a one-off build
    _fresh: list[dict] | None = None  # this build's search entries, before Material merges them
    _search_docs: list[dict] | None = None  # the whole search index of the last build
    _watcher: Observer | None = None  # while serving: the file events of seeds and knowledge
    _later: tuple[str, ...] = ()  # while serving: the files this pass makes after the pages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty
        self.serving = command == "serve"
        # a one-off build (not --dirty, which compares the files' times) reads the
        # first generated pages while the others are still being made
        self.session = BuildSession(serving=self.serving, background=not dirty)
        self.templates = CompiledTemplates()
        self.generated = GeneratedFiles()

    def on_page_read_source(self, page, config: MkDocsConfig) -> None:
        """A generated page still being made is read once it is made."""
        if self.session is not None:
            self._finishing(self.session.wait_for, page.file.abs_src_path)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Every generated file is made before MkDocs copies them; while serving, the
        theme's templates are compiled once, not on every rebuild."""
        if self.session is not None:
            self._finishing(self.session.finish)
        if self.serving:
            env.bytecode_cache = self.templates
            # The sitemap is for search engines, not for a preview: rendering and
            # compressing it took 0.2 s of every rebuild at 10,000 seeds.  (Left out
            # here, after MkDocs chose the theme's static files, which leave it out
            # as a template.)
            config.theme.static_templates.discard(SITEMAP)
        early = self.pagefind and not self.serving and not self.dirty
        pages = files.documentation_pages() if early else ()
        self._unwritten = sum(1 for f in pages if is_searchable(f.src_uri)) if early else None
        return env

    @event_priority(-100)  # after every other plugin has changed the page
    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        """In a one-off build Pagefind starts as soon as every page it reads is written
        (MkDocs writes a page after this event), while MkDocs writes the others."""
        if self._unwritten == 0 and self._pagefind_run is None:
            self._pagefind_run = self._start_pagefind(config)
        if self._unwritten and is_searchable(page.file.src_uri):
            self._unwritten -= 1
        return output

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_pagefind()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path or ".").resolve().parent
        self.base = base
        self.seeds_dir = (base / self.config.seeds_dir).resolve()
        knowledge = self.config.knowledge_dir
        self.knowledge_dir = (base / knowledge).resolve() if knowledge else DEFAULT_DIR
        self.cache_dir = (base / self.config.cache_dir).resolve()
        if not self.seeds_dir.is_dir():
            raise PluginError(f"policy-archive: seeds folder not found: {self.seeds_dir}")
        if self.session is None:  # a build that did not start the plugins first
            self.session = BuildSession(serving=self.serving)
        self.session.configure(self.cache_dir, default_workers(self.config.workers))
        config.watch.extend([str(self.seeds_dir), str(self.knowledge_dir)])
        return config

    # ------------------------------------------------------------- pages

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """A rebuild ends the last build's Pagefind run, which indexes pages about to
        change and would take the cores the rebuild needs; it starts again after.  So
        does the making of the last build's whole-archive exports, made again after
        this build's pages."""
        self._stop_pagefind()
        if self.session is not None:
            self.session.stop_later()

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        with _cyclic_gc_paused():
            self._add_generated(files, config)
        self._files = files
        if not self.serving:  # no next pass: MkDocs renders the pages without the archive
            self.session.release()
        elif not self._frozen:
            self._freeze()
        return files

    def _freeze(self) -> None:
        """While serving, once: what the first pass holds (the documents, the listings,
        the knowledge; half a million objects at 1,000 seeds) is left out of the garbage
        collector's full collections, which would otherwise walk all of it again during
        a later rebuild (0.15 s of a 0.8 s rebuild).  It is still freed as usual when
        no longer used, except what is part of a reference cycle: this pass's MkDocs
        configuration and theme environment, a cost paid once, not per rebuild.  MkDocs'
        pages are made after this point and are not frozen."""
        gc.collect()  # only what is still used is frozen
        gc.freeze()
        # A rebuild makes millions of short-lived objects; collecting the youngest
        # every 700 allocations (Python's default) took 0.1 s of a 1.5 s rebuild at
        # 3,000 seeds, every 20,000 almost nothing.
        gc.set_threshold(SERVE_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
        self._frozen = True

    def _add_generated(self, files: Files, config: MkDocsConfig) -> None:
        """Annotate the seeds, write every generated file and add it to ``files``."""
        assert self.session is not None
        try:
            knowledge = self.session.load_knowledge(self.knowledge_dir)
        except KnowledgeError as exc:
            raise PluginError(f"policy-archive: curated knowledge is invalid:\n{exc}") from exc
        archive = self.session.archive(self.seeds_dir, self.base, knowledge)
        self._report(archive.problems)
        self._choose_search(config, len(archive.documents))
        url, description = config.site_url or "", config.site_description or ""
        written = self.session.publish(archive, knowledge, self._site(config), url, description)
        self._later = written.later
        made = self.generated if self.serving and self.generated else GeneratedFiles()
        made.start_pass(config)
        for src, path in written.paths.items():
            listed = src.endswith(".md") and src not in NAV_PAGES
            inclusion = InclusionLevel.NOT_IN_NAV if listed else InclusionLevel.UNDEFINED
            self._add(files, made.file(config, src, path, inclusion, src in written.built))
        made.end_pass()

    def _finishing(self, wait, *args) -> None:
        try:
            wait(*args)
        except MakingError as exc:
            raise PluginError(f"policy-archive: {exc}") from exc

    def _site(self, config: MkDocsConfig) -> Site:
        return Site(
            config.site_name,
            config.use_directory_urls,
            self.config.page_size,
            repo_url=config.repo_url or "",
            edit_uri=config.edit_uri or "",
            docs_dir=Path(os.path.relpath(config.docs_dir, self.base)).as_posix(),
        )

    def on_serve(self, server, config: MkDocsConfig, builder) -> object:
        """Seeds and knowledge are watched by the system's file events (inotify on
        Linux), not by MkDocs' polling: a poll every half second walks every seed,
        so a rebuild began 0.36–1.24 s after an edit at 10,000 seeds, and each poll
        took the interpreter from a running rebuild.  MkDocs still polls its own
        folders (``docs/``, ``mkdocs.yml``).  Where file events cannot be had (a
        system limit on watched folders), or with ``watch: polling``, MkDocs polls."""
        folders = [str(self.seeds_dir), str(self.knowledge_dir)]
        if self.config.watch != "events" or not _events_work(folders):
            return server
        self._watcher = Observer()
        polling, server.observer = server.observer, _ChangesOnly(self._watcher)
        try:
            for folder in folders:  # MkDocs' own handler, which asks for a rebuild
                server.watch(folder)
        finally:
            server.observer = polling
        self._watcher.start()
        return server

    def on_shutdown(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher.join(timeout=5)
            self._watcher = None
        self._stop_pagefind()
        if self.session is not None:
            self.session.close()

    def _choose_search(self, config: MkDocsConfig, documents: int) -> None:
        """Pagefind for large archives (or when asked), Material's search otherwise."""
        mode = self.config.search
        self.pagefind = mode == "pagefind" or (
            mode == "auto" and documents >= self.config.pagefind_from
        )
        config.extra["archive_search"] = "pagefind" if self.pagefind else "material"
        material = config.plugins.get("material/search")
        if material is not None and self.pagefind:
            material.config.enabled = False

    def _add(self, files: Files, file: File) -> None:
        existing = files.src_uris.get(file.src_uri)  # (a generated file's is a POSIX path)
        if existing is not None:
            log.warning(f"policy-archive: docs/{file.src_uri} is replaced by a generated page")
            files.remove(existing)
        files.append(file)

    def _report(self, problems: tuple[Problem, ...]) -> None:
        for problem in problems:
            if problem.severity == "error":
                log.error(f"policy-archive: {problem}")
            else:
                log.warning(f"policy-archive: {problem}")

    # ------------------------------------------------------------- search index

    @event_priority(100)  # before the search plugin merges this build's entries with the last
    def _note_fresh_entries(self, config: MkDocsConfig) -> None:
        material = config.plugins.get("material/search")
        index = getattr(material, "search_index", None) if not self.pagefind else None
        self._fresh = list(index.entries) if index is not None else None

    @event_priority(-100)  # after the search plugin has written its index
    def _finish_search(self, config: MkDocsConfig) -> None:
        if self.pagefind:
            self._pagefind(config)
        else:
            self._keep_search_index_whole(config)

    @event_priority(-100)
    def _settle(self, config: MkDocsConfig) -> None:
        """While serving, the site now holds every generated page as this pass made it."""
        if self.serving and self.generated is not None:
            self.generated.settle()

    @event_priority(-110)  # last: the pages are written, the server shows them once we return
    def _write_later(self, config: MkDocsConfig) -> None:
        """While serving, the whole-archive exports changed by this pass are made after
        the pages and copied into the site on a thread: the server shows the pages
        without waiting for them."""
        if self.session is None or not self._later or self._files is None:
            return
        dests = {}
        for src in self._later:
            file = self._files.get_file_from_path(src)
            if file is not None:
                dests[src] = file.abs_dest_path
        self.session.write_later(
            lambda src, path: copy_atomic(Path(path), Path(dests[src])) if src in dests else None,
            lambda src, exc: log.error(
                f"policy-archive: {src} could not be made ({exc}); the next rebuild tries again"
            ),
        )

    on_post_build = CombinedEvent(_note_fresh_entries, _finish_search, _settle, _write_later)

    def _pagefind(self, config: MkDocsConfig) -> None:
        """Index the built site with Pagefind (or wait for the run started while pages
        were written); while serving, in the background, so pages show at once and
        search follows a few seconds later."""
        if not self.serving:
            run, self._pagefind_run = self._pagefind_run or self._start_pagefind(config), None
            output, _ = run.communicate()
            if run.returncode != 0:
                raise PluginError(f"policy-archive: Pagefind failed:\n{output}")
            return
        self._stop_pagefind()
        self._pagefind_run = self._start_pagefind(config, nice=True)
        threading.Thread(target=_report_pagefind, args=(self._pagefind_run,), daemon=True).start()

    def _start_pagefind(self, config: MkDocsConfig, nice: bool = False) -> subprocess.Popen:
        """Pagefind indexing the site's pages with a searchable body (the index is the
        same as from every page, made in three quarters of the time and memory); with
        ``nice``, at a lower priority, so the next rebuild need not wait for it."""
        command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent"]
        command += ["--glob", searchable_glob(config.use_directory_urls)]
        niceness = shutil.which("nice") if nice else None
        command = [niceness, "-n", "10", *command] if niceness else command
        return subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    def _stop_pagefind(self) -> None:
        """End the background Pagefind run this plugin started, if it is still going."""
        run, self._pagefind_run = self._pagefind_run, None
        if run is not None and run.poll() is None:
            run.terminate()
            run.wait()

    def _keep_search_index_whole(self, config: MkDocsConfig) -> None:
        """Keep the search index whole and current when a dirty build indexed only the
        pages it rebuilt: the last full index, minus the rebuilt pages' old entries and
        pages that are gone, plus this build's entries."""
        path = Path(config.site_dir) / SEARCH_INDEX
        if not path.exists() or self._fresh is None:
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        if self.dirty and self._search_docs is not None:
            live = {f.url for f in self._files.documentation_pages()} if self._files else None
            data["docs"] = _merge_search(self._search_docs, self._fresh, live)
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            material = config.plugins.get("material/search")
            material.search_index.entries = data["docs"]  # what its next merge starts from
        self._search_docs = data["docs"] if self.dirty else None


class GeneratedFile(File):
    """A generated file that knows, while serving, whether the site already holds
    the page made from its current text, so a dirty rebuild (which asks every
    page whether it changed, twice) need not look at two files on disk for each
    of thousands of pages that did not change."""

    settled = False  # the site holds what this file's current text makes

    def is_modified(self) -> bool:
        return not self.settled and super().is_modified()


class GeneratedFiles:
    """MkDocs' File objects of the generated files, and their Page objects, kept
    from one rebuild of ``mkdocs serve`` to the next: a File works out its
    address and output path once, a Page its canonical and edit addresses and
    build date (a third of a second for 10,000 pages, every rebuild).  A File is
    reused only for the same source, backing file, inclusion and site
    configuration its File and Page are made from (site folder, URL style, site
    address, repository and edit addresses, build date).

    MkDocs makes a Page only for a file that has none, and in a dirty rebuild
    reads and renders again only a page whose file is modified: a kept page
    either stands as the site holds it or is read again whole.  Once a pass is
    built (:meth:`settle`) the pages hold no text (rendered, Markdown) or links
    to check until they are read again, as a new Page would."""

    def __init__(self) -> None:
        self._kept = Reuse()
        self._inputs: tuple = ()
        self._handed: list[GeneratedFile] = []

    def start_pass(self, config: MkDocsConfig) -> None:
        """What this pass's files and pages are made from."""
        self._inputs = (
            config.site_dir,
            config.use_directory_urls,
            config.site_url,
            config.repo_url,
            config.edit_uri,
            config.edit_uri_template,
            get_build_date(),
        )
        self._handed = []

    def file(
        self,
        config: MkDocsConfig,
        src: str,
        path: str,
        inclusion: InclusionLevel,
        changed: bool = True,
    ) -> File:
        """The File of generated ``src`` backed by ``path``; ``changed``: its text was
        written again in this pass."""
        if not self._inputs:
            self.start_pass(config)
        file = self._kept.made(
            src,
            (path, inclusion, self._inputs),
            lambda: GeneratedFile.generated(config, src, abs_src_path=path, inclusion=inclusion),
        )
        if changed:
            file.settled = False
        self._handed.append(file)
        return file

    def end_pass(self) -> None:
        """Keep only the files this pass used."""
        self._kept.end_pass()

    def settle(self) -> None:
        """The pass is built: the site holds every page as its file's text makes it.  The
        pages let go of what a new Page would not hold."""
        for file in self._handed:
            file.settled = True
            page = file.page
            if page is not None:
                page.content = page.markdown = page.links_to_anchors = None
        self._handed = []


# The file events that are changes.  Not a file opened or closed unwritten: each
# rebuild reads the changed seeds (and a seed that cannot be read, every time), so
# those events would ask for rebuild after rebuild.
CHANGES = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


class _ChangesOnly:
    """What MkDocs' ``watch()`` schedules its handler on while the plugin watches:
    the observer, asked for changes only."""

    def __init__(self, observer: Observer) -> None:
        self.observer = observer

    def schedule(self, handler: FileSystemEventHandler, path: str, *, recursive: bool = False):
        return self.observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)


def _events_work(folders: list[str]) -> bool:
    """Whether file events can be had for every folder, subfolders included: tried
    on an observer of their own (a running observer sets up each watch as it is
    asked for, and fails there)."""
    trial = Observer()
    trial.start()
    try:
        for folder in folders:
            trial.schedule(FileSystemEventHandler(), folder, recursive=True, event_filter=CHANGES)
    except OSError as exc:  # e.g. inotify's limit of watched folders
        log.warning(
            f"policy-archive: changes to the seeds are found by polling ({exc}); "
            "raise the system's limit of watched folders for quicker rebuilds"
        )
        return False
    finally:
        trial.stop()
        trial.join(timeout=5)
    return True


class CompiledTemplates(BytecodeCache):
    """The theme's templates as compiled in one build of ``mkdocs serve``, kept in
    memory for the next: MkDocs makes a new template environment for every
    rebuild, which would compile every template again (a quarter to half a second
    for Material's).  An entry is used only while its template's source checksum
    is the one it was compiled from; it never leaves the process."""

    def __init__(self) -> None:
        self.compiled: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        entry = self.compiled.get(bucket.key)
        if entry is not None and entry[0] == bucket.checksum:
            bucket.code = entry[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = (bucket.checksum, bucket.code)


@contextlib.contextmanager
def _cyclic_gc_paused():
    """No cyclic garbage collection in this process while the archive is made: the
    documents and listings it keeps hold no reference cycles, yet every collection
    of the oldest generation walks all of them again: 2.5 s of the main process at
    3,000 seeds, while the annotating processes need both cores.  The cyclic
    garbage a pass leaves here (annotating in this process, about 14 KB a
    document; the annotating and forked processes collect their own) is freed
    when collections resume, at the end of the pass."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _report_pagefind(run: subprocess.Popen) -> None:
    output, _ = run.communicate()
    if run.returncode not in (0, -signal.SIGTERM):
        log.error(f"policy-archive: Pagefind failed:\n{output}")


def _merge_search(full: list[dict], fresh: list[dict], live_urls: set[str] | None) -> list[dict]:
    """The previous full index with the rebuilt pages' entries replaced and gone pages dropped."""
    page = lambda entry: entry["location"].split("#", 1)[0]  # noqa: E731
    rebuilt = {page(e) for e in fresh}
    kept = [
        e for e in full if page(e) not in rebuilt and (live_urls is None or page(e) in live_urls)
    ]
    return kept + fresh
