"""Small builders for tests: seeds and documents without files."""

from __future__ import annotations

from build_tools.model import Block, Document, Seed


def make_seed(
    *paragraphs: str,
    title: str = "A title",
    subtitle: str | None = None,
    relpath="x.txt",
    header=None,
) -> Seed:
    blocks = [Block("title", title)]
    if subtitle:
        blocks.append(Block("subtitle", subtitle))
    blocks += [Block("paragraph", p) for p in paragraphs]
    return Seed(
        source=f"seeds/{relpath}", relpath=relpath, blocks=tuple(blocks), header=header or {}
    )


def make_doc(*paragraphs: str, slug="x", **kwargs) -> Document:
    fields = {k: kwargs.pop(k) for k in list(kwargs) if k in Document.__dataclass_fields__}
    return Document(seed=make_seed(*paragraphs, **kwargs), slug=slug, **fields)
