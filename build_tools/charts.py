"""Pictures rendered at build time as static SVG: no script, no request.

- :func:`bar_chart`: documents over time (per month for short spans, per year
  otherwise), each bar linking to its year page.
- :func:`network`: an actor and the actors it appears with most, edges as wide
  as the number of shared documents, each node linking to its page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .markup import attr, el, esc

__all__ = ["Bar", "bar_chart", "network"]

Bar = tuple[str, int, str | None]  # label, value, link (or None)

WIDTH, HEIGHT, PAD = 640, 180, 28


def _svg(content: str, width: int, height: int, label: str) -> str:
    return (
        f'<svg class="pa-chart" role="img" aria-label="{attr(label)}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"{el('title', esc(label))}{content}</svg>"
    )


def bar_chart(bars: Sequence[Bar], label: str) -> str:
    """A bar chart; every label is printed when there is room, else every n-th."""
    if not bars:
        return ""
    top = max(v for _, v, _ in bars) or 1
    step = (WIDTH - 2 * PAD) / len(bars)
    every = max(1, math.ceil(len(bars) / 24))
    parts = []
    for i, (name, value, url) in enumerate(bars):
        h = (HEIGHT - 2 * PAD) * value / top
        x, y = PAD + i * step, HEIGHT - PAD - h
        rect = (
            f'<rect x="{x + step * 0.1:.1f}" y="{y:.1f}" width="{step * 0.8:.1f}" height="{h:.1f}">'
            f"{el('title', esc(f'{name}: {value}'))}</rect>"
        )
        if value:
            rect += el(
                "text",
                str(value),
                x=f"{x + step / 2:.1f}",
                y=f"{y - 3:.1f}",
                class_="pa-value",
                text_anchor="middle",
            )
        if i % every == 0:
            rect += el(
                "text",
                esc(name),
                x=f"{x + step / 2:.1f}",
                y=str(HEIGHT - PAD + 14),
                text_anchor="middle",
            )
        parts.append(el("a", rect, href=url) if url else el("g", rect))
    axis = f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}"/>'
    return el("div", _svg(axis + "".join(parts), WIDTH, HEIGHT, label), class_="pa-chart-wrap")


def shared(count: int) -> str:
    return "1 shared document" if count == 1 else f"{count} shared documents"


def network(center: str, neighbours: Sequence[tuple[str, int, str]], label: str) -> str:
    """A star graph: ``center`` and (name, shared documents, link) around it."""
    if not neighbours:
        return ""
    width, height, rx, ry = 720, 400, 170, 150
    cx, cy = width / 2, height / 2
    top = max(n for _, n, _ in neighbours) or 1
    edges, nodes = [], []
    for i, (name, count, url) in enumerate(neighbours):
        angle = 2 * math.pi * i / len(neighbours) - math.pi / 2
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        stroke = 1 + 5 * count / top
        edges.append(
            f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke-width="{stroke:.1f}">'
            f"{el('title', esc(f'{name}: {shared(count)}'))}</line>"
        )
        anchor = "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"
        dy = 16 if math.sin(angle) > 0.3 else -8 if math.sin(angle) < -0.3 else 4
        node = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6"/>' + el(
            "text",
            esc(name),
            x=f"{x + {'start': 10, 'end': -10}.get(anchor, 0):.1f}",
            y=f"{y + dy:.1f}",
            text_anchor=anchor,
        )
        nodes.append(el("a", node, href=url))
    middle = f'<circle class="pa-center" cx="{cx}" cy="{cy}" r="9"/>' + el(
        "text", esc(center), x=str(cx), y=str(cy - 14), text_anchor="middle", class_="pa-center"
    )
    content = "".join(edges) + "".join(nodes) + middle
    return el("div", _svg(content, width, height, label), class_="pa-chart-wrap pa-network")
