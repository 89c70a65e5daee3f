"""Serve: the theme's templates are compiled once across rebuilds, and again when they change."""

from __future__ import annotations

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


def test_plugin_keeps_compiled_templates_only_while_serving():
    plugin = ArchivePlugin()
    plugin.on_startup(command="serve", dirty=True)
    env = Environment()
    assert plugin.on_env(env, None, None).bytecode_cache is plugin.templates
    plugin.on_startup(command="build", dirty=False)
    assert plugin.on_env(Environment(), None, None).bytecode_cache is None
