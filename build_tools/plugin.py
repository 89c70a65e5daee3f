"""The MkDocs side: hands the generated pages to MkDocs.

The only module that imports ``mkdocs``.  Document pages are virtual files
backed by their seed file (``File.generated(..., abs_src_path=seed)``), so
``mkdocs serve`` rebuilds when a seed changes and nothing is written into
``docs/``; their Markdown is supplied in ``on_page_read_source``.  Listing
pages are virtual files with in-memory content.  Every seed that cannot be
read is logged as an error, all of them in one build, so ``--strict`` fails
and names each one.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import ClassVar

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .archive import load_archive, site_pages
from .errors import KnowledgeError
from .exports import data_files, feed
from .index import Site
from .knowledge import DEFAULT_DIR, load_knowledge
from .model import Document
from .render import document_src

log = logging.getLogger("mkdocs.plugins.policy_archive")

NAV_PAGES = {"index.md", "timeline/index.md", "actors/index.md", "topics/index.md", "glossary.md"}


class ArchiveConfig(Config):
    seeds_dir = c.Type(str, default="seeds")
    knowledge_dir = c.Optional(c.Type(str))
    page_size = c.Type(int, default=100)


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    # Survives the fresh plugin instance MkDocs makes for every rebuild in `serve`.
    _cache: ClassVar[dict[tuple, Document]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path or ".").resolve().parent
        self.base = base
        self.seeds_dir = (base / self.config.seeds_dir).resolve()
        knowledge = self.config.knowledge_dir
        self.knowledge_dir = (base / knowledge).resolve() if knowledge else DEFAULT_DIR
        if not self.seeds_dir.is_dir():
            raise PluginError(f"policy-archive: seeds folder not found: {self.seeds_dir}")
        config.watch.extend([str(self.seeds_dir), str(self.knowledge_dir)])
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            knowledge = load_knowledge(self.knowledge_dir)
        except KnowledgeError as exc:
            raise PluginError(f"policy-archive: curated knowledge is invalid:\n{exc}") from exc
        archive = load_archive(self.seeds_dir, knowledge, self.base, self._cache)
        self._report(archive.problems)
        site = Site(
            site_name=config.site_name,
            directory_urls=config.use_directory_urls,
            page_size=self.config.page_size,
        )
        doc_pages, pages = site_pages(
            archive.documents, knowledge, site, config.site_url or "", config.site_description or ""
        )
        self._markdown = doc_pages
        seed_paths = dict(archive.paths)
        for doc in archive.documents:
            src = document_src(doc)
            self._add(
                files,
                File.generated(
                    config,
                    src,
                    abs_src_path=seed_paths[doc.slug],
                    inclusion=InclusionLevel.NOT_IN_NAV,
                ),
            )
        for page in pages:
            level = InclusionLevel.INCLUDED if page.src in NAV_PAGES else InclusionLevel.NOT_IN_NAV
            self._add(
                files, File.generated(config, page.src, content=page.markdown, inclusion=level)
            )
        for path, content in self._data(archive.documents, config).items():
            self._add(files, File.generated(config, path, content=content))
        return files

    def _data(self, docs, config: MkDocsConfig) -> dict[str, str]:
        url, directory_urls = config.site_url or "", config.use_directory_urls
        extras = data_files(docs, url, directory_urls)
        extras["feed.xml"] = feed(docs, config.site_name, url, directory_urls)
        return extras

    def _add(self, files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            log.warning(f"policy-archive: docs/{file.src_uri} is replaced by a generated page")
            files.remove(existing)
        files.append(file)

    def _report(self, problems) -> None:
        for problem in problems:
            if problem.severity == "error":
                log.error(f"policy-archive: seed not published: {problem}")
            else:
                log.warning(f"policy-archive: {problem}")

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        return self._markdown.get(page.file.src_uri)
