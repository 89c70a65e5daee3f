"""Pictures rendered at build time as static SVG: no script, no request.

:func:`bar_chart` draws documents over time.  A chart is an image with a text
alternative that says what it shows; the bars' links are a list beside it,
never inside the picture, so keyboard and screen-reader users reach every
period the way they reach any other link.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .markup import attr, el, esc, link

__all__ = ["Bar", "bar_chart", "label_every", "summary"]

Bar = tuple[str, int, str | None]  # label, value, link (or None)

WIDTH, HEIGHT, PAD = 640, 180, 28
CHAR_WIDTH = 8.5  # width of a label character at the chart's font size, in SVG units
LABEL_GAP = 12  # room kept between two labels


def _svg(content: str, width: int, height: int, label: str) -> str:
    return (
        f'<svg class="pa-chart" role="img" aria-label="{attr(label)}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"{el('title', esc(label))}{content}</svg>"
    )


def label_every(labels: Sequence[str], width: float = WIDTH - 2 * PAD) -> int:
    """Label every n-th bar so that the labels never overlap."""
    if not labels:
        return 1
    room = max(len(x) for x in labels) * CHAR_WIDTH + LABEL_GAP
    fit = max(1, int(width // room))
    return max(1, math.ceil(len(labels) / fit))


def summary(bars: Sequence[Bar], what: str) -> str:
    """The text alternative: the span, the total and the busiest period."""
    total = sum(v for _, v, _ in bars)
    busiest = max(bars, key=lambda b: b[1])
    docs = "1 document" if total == 1 else f"{total} documents"
    text = f"{what}, {bars[0][0]} to {bars[-1][0]}: {docs}"
    if len(bars) > 1:
        text += f"; most in {busiest[0]} ({busiest[1]})"
    return text + "."


def bar_chart(bars: Sequence[Bar], label: str) -> str:
    """A bar chart with as many labels as fit, and the periods' links listed beside it."""
    if not bars:
        return ""
    top = max(v for _, v, _ in bars) or 1
    step = (WIDTH - 2 * PAD) / len(bars)
    every = label_every([name for name, _, _ in bars])
    parts = []
    for i, (name, value, _) in enumerate(bars):
        h = (HEIGHT - 2 * PAD) * value / top
        x, y = PAD + i * step, HEIGHT - PAD - h
        parts.append(
            f'<rect x="{x + step * 0.1:.1f}" y="{y:.1f}" width="{step * 0.8:.1f}" height="{h:.1f}"/>'
        )
        if value and step >= 14:
            parts.append(
                el(
                    "text",
                    str(value),
                    x=f"{x + step / 2:.1f}",
                    y=f"{y - 3:.1f}",
                    class_="pa-value",
                    text_anchor="middle",
                )
            )
        if i % every == 0:
            parts.append(
                el(
                    "text",
                    esc(name),
                    x=f"{x + step / 2:.1f}",
                    y=str(HEIGHT - PAD + 14),
                    text_anchor="middle",
                )
            )
    axis = f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}"/>'
    text = summary(bars, label)
    links = [
        el("li", (link(url, name) if url else esc(name)) + esc(f" ({value})"))
        for name, value, url in bars
        if value
    ]
    listing = el("ul", "".join(links), class_="pa-chart-links", aria_label=f"{label}, by period")
    picture = _svg(axis + "".join(parts), WIDTH, HEIGHT, text)
    return el("div", picture + listing, class_="pa-chart-wrap")
