"""Serve: the theme's templates are compiled once across rebuilds, and again when they change;
the File objects of generated pages are kept from one rebuild to the next."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from build_tools.plugin import ArchivePlugin, CompiledTemplates


class CountingEnvironment(Environment):
    compiles = 0

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        type(self).compiles += 1
        return super().compile(source, name, filename, raw, defer_init)


def _render(templates: CompiledTemplates, sources: dict[str, str]) -> str:
    env = CountingEnvironment(loader=DictLoader(sources), bytecode_cache=templates)
    return env.get_template("main.html").render(title="T")


def test_templates_compiled_in_one_build_are_reused_by_the_next():
    templates = CompiledTemplates()
    sources = {"main.html": "{% include 'part.html' %}<h1>{{ title }}</h1>", "part.html": "<p>"}
    CountingEnvironment.compiles = 0
    assert _render(templates, sources) == "<p><h1>T</h1>"
    assert CountingEnvironment.compiles == 2
    assert _render(templates, sources) == "<p><h1>T</h1>"
    assert CountingEnvironment.compiles == 2


def test_a_changed_template_is_compiled_again():
    templates = CompiledTemplates()
    sources = {"main.html": "<h1>{{ title }}</h1>"}
    _render(templates, sources)
    CountingEnvironment.compiles = 0
    assert _render(templates, {"main.html": "<h2>{{ title }}</h2>"}) == "<h2>T</h2>"
    assert CountingEnvironment.compiles == 1


def _theme_config():
    from types import SimpleNamespace

    return SimpleNamespace(theme=SimpleNamespace(static_templates={"404.html", "sitemap.xml"}))


def test_plugin_keeps_compiled_templates_only_while_serving():
    plugin = ArchivePlugin()
    plugin.on_startup(command="serve", dirty=True)
    env, config = Environment(), _theme_config()
    assert plugin.on_env(env, config, None).bytecode_cache is plugin.templates
    assert config.theme.static_templates == {"404.html"}  # no sitemap for a preview
    plugin.on_startup(command="build", dirty=False)
    config = _theme_config()
    assert plugin.on_env(Environment(), config, None).bytecode_cache is None
    assert config.theme.static_templates == {"404.html", "sitemap.xml"}


def _config(tmp_path, site: str, directory_urls: bool = True, **extra):
    from mkdocs.config.defaults import MkDocsConfig

    cfg = MkDocsConfig()
    (tmp_path / "docs").mkdir(exist_ok=True)
    cfg.load_dict(
        {
            "site_name": "T",
            "docs_dir": str(tmp_path / "docs"),
            "site_dir": site,
            "use_directory_urls": directory_urls,
            "plugins": [],
            **extra,
        }
    )
    errors, _ = cfg.validate()
    assert not errors
    cfg.plugins._current_plugin = "policy-archive"  # as while MkDocs runs on_files
    return cfg


def test_generated_files_and_their_pages_are_reused_across_rebuilds(tmp_path):
    from mkdocs.structure.files import InclusionLevel
    from mkdocs.structure.pages import Page

    from build_tools.plugin import GeneratedFiles

    def file(made, cfg, changed=False):
        made.start_pass(cfg)
        return made.file(cfg, "actors/x.md", "/c/actors/x.md", InclusionLevel.NOT_IN_NAV, changed)

    site = str(tmp_path / "a")
    made = GeneratedFiles()
    first = file(made, _config(tmp_path, site), changed=True)
    assert first.url == "actors/x/"
    page = Page(None, first, _config(tmp_path, site))  # as MkDocs makes it
    page.content, page.markdown = "<p>x</p>", "x"
    made.end_pass()
    made.settle()  # the pass was built
    assert page.content is None and page.markdown is None  # its text is not held
    again = file(made, _config(tmp_path, site))
    assert again is first and again.page is page  # MkDocs makes no new page
    made.end_pass()
    moved = file(made, _config(tmp_path, site, site_url="https://example.org/"))
    assert moved is not first and moved.page is None  # another address: a new page
    made.end_pass()
    other = file(made, _config(tmp_path, site, False))
    assert other is not moved and other.url == "actors/x.html"
    made.end_pass()
    made.end_pass()  # a pass without the file forgets it
    assert file(made, _config(tmp_path, site, False)) is not other


def test_a_settled_generated_page_is_not_modified_until_its_text_is_written_again(tmp_path):
    from mkdocs.structure.files import InclusionLevel

    from build_tools.plugin import GeneratedFiles

    source = tmp_path / "c" / "x.md"
    source.parent.mkdir()
    source.write_text("x")
    cfg = _config(tmp_path, str(tmp_path / "site"))
    made = GeneratedFiles()

    def file(changed):  # one pass of the plugin
        made.start_pass(cfg)
        handed = made.file(cfg, "x.md", str(source), InclusionLevel.NOT_IN_NAV, changed)
        made.end_pass()
        return handed

    assert file(True).is_modified()  # nothing in the site yet
    made.settle()  # (MkDocs wrote the page)
    Path(file(False).abs_dest_path).parent.mkdir(parents=True)
    Path(file(False).abs_dest_path).write_text("<p>x</p>")
    assert not file(False).is_modified()
    assert not file(True).is_modified()  # written again with the same time: as MkDocs says
    os.utime(source, (time.time() + 10, time.time() + 10))
    assert file(True).is_modified()  # written again, newer than the page
    assert file(False).is_modified()  # not yet settled: still to be built
    made.settle()
    assert not file(False).is_modified()


def test_serving_keeps_the_first_pass_out_of_full_collections_once(monkeypatch):
    import build_tools.plugin as plugin_module

    freezes: list[bool] = []
    monkeypatch.setattr(plugin_module.gc, "freeze", lambda: freezes.append(True))
    thresholds: list[tuple] = []
    monkeypatch.setattr(plugin_module.gc, "set_threshold", lambda *t: thresholds.append(t))
    monkeypatch.setattr(ArchivePlugin, "_add_generated", lambda self, files, config: None)
    served = ArchivePlugin()
    served.on_startup(command="serve", dirty=True)
    for _ in range(3):
        served.on_files([], None)
    assert freezes == [True]  # once, not on every rebuild
    assert [t[0] for t in thresholds] == [plugin_module.SERVE_YOUNG_THRESHOLD]

    built = ArchivePlugin()
    built.on_startup(command="build", dirty=False)
    monkeypatch.setattr(built.session, "release", lambda: None)
    built.on_files([], None)
    assert freezes == [True]  # a one-off build lets its objects go instead
    assert len(thresholds) == 1


@pytest.mark.parametrize("command", ["build", "serve"])
def test_no_cyclic_collection_walks_the_archive_while_it_is_made(monkeypatch, command):
    import build_tools.plugin as plugin_module

    seen: list[bool] = []
    monkeypatch.setattr(plugin_module.gc, "freeze", lambda: None)
    monkeypatch.setattr(
        ArchivePlugin, "_add_generated", lambda self, files, config: seen.append(gc.isenabled())
    )
    plugin = ArchivePlugin()
    plugin.on_startup(command=command, dirty=False)
    monkeypatch.setattr(plugin.session, "release", lambda: None)
    assert gc.isenabled()
    plugin.on_files([], None)
    assert seen == [False]
    assert gc.isenabled()  # collections resume after

    def failing(self, files, config):
        raise RuntimeError("a seed could not be annotated")

    monkeypatch.setattr(ArchivePlugin, "_add_generated", failing)
    with pytest.raises(RuntimeError):
        plugin.on_files([], None)
    assert gc.isenabled()  # also after a failed pass


def _watching(tmp_path: Path, watch: str):
    from mkdocs.livereload import LiveReloadServer

    (tmp_path / "docs").mkdir(parents=True)
    (tmp_path / "seeds" / "asia").mkdir(parents=True, exist_ok=True)
    (tmp_path / "knowledge").mkdir()
    plugin = ArchivePlugin()
    errors, _ = plugin.load_config({"watch": watch})
    assert not errors
    plugin.seeds_dir, plugin.knowledge_dir = tmp_path / "seeds", tmp_path / "knowledge"
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path / "docs"))  # as `mkdocs serve` does before asking plugins
    polling = server.observer
    assert plugin.on_serve(server, None, None) is server
    assert server.observer is polling  # MkDocs' own folders are still polled
    return plugin, server


def _asks_for_rebuild(server, within: float = 5.0) -> bool:
    with server._rebuild_cond:
        return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=within)


def test_plugin_watches_seeds_by_file_events_while_serving(tmp_path: Path):
    """A seed written in a subfolder asks MkDocs for a rebuild at once, with no polling
    of the seeds (MkDocs, which is never started here, polls nothing)."""
    seed = tmp_path / "seeds" / "asia" / "old.txt"
    seed.parent.mkdir(parents=True)
    seed.write_text("Talks\nA line.\n")
    plugin, server = _watching(tmp_path, "events")
    try:
        assert str(tmp_path / "seeds") in server._watched_paths
        seed.read_text()  # as each rebuild reads a changed seed: not a change
        assert not _asks_for_rebuild(server, within=1.0)
        (tmp_path / "seeds" / "asia" / "new.txt").write_text("Talks\nA line.\n")
        assert _asks_for_rebuild(server)
        server._want_rebuild = False  # as MkDocs does when it starts the rebuild
        (tmp_path / "seeds" / "africa").mkdir()  # a new folder is watched too
        time.sleep(0.2)
        server._want_rebuild = False
        (tmp_path / "seeds" / "africa" / "later.txt").write_text("Talks\nA line.\n")
        assert _asks_for_rebuild(server)
    finally:
        plugin.on_shutdown()
    assert plugin._watcher is None


def test_plugin_leaves_the_seeds_to_mkdocs_polling_when_asked_or_when_events_fail(
    tmp_path: Path, monkeypatch, caplog
):
    plugin, server = _watching(tmp_path / "a", "polling")
    assert plugin._watcher is None and str(tmp_path / "a" / "seeds") not in server._watched_paths

    class Limited:  # as inotify is once its limit of watched folders is reached
        def start(self):
            pass

        def schedule(self, *args, **kwargs):
            raise OSError(28, "inotify watch limit reached")

        def stop(self):
            pass

        def join(self, timeout=None):
            pass

    monkeypatch.setattr("build_tools.plugin.Observer", Limited)
    plugin, server = _watching(tmp_path / "b", "events")
    assert plugin._watcher is None and str(tmp_path / "b" / "seeds") not in server._watched_paths
    assert "found by polling" in caplog.text and "watch limit" in caplog.text
