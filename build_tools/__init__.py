"""Policy Archive: plain-text policy documents → an annotated, cross-linked static site.

The stages, each a module: :mod:`~build_tools.read` (seed file → Seed),
:mod:`~build_tools.annotate` (Seed → Document), :mod:`~build_tools.render`
(Document → Markdown), :mod:`~build_tools.index` (all Documents → listing pages),
with :mod:`~build_tools.archive` running them over a folder and
:mod:`~build_tools.plugin` handing the pages to MkDocs.
"""

__version__ = "0.1.0"
