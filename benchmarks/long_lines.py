"""Work and output for one seed whose text is a single long line.

``python benchmarks/long_lines.py [--sizes 125,250,500,1000]`` (sizes in KB)

For each size, the same synthetic prose is made into two seeds: one paragraph
per line, and the whole text on one line.  The script prints, for both, the
time to read and annotate the seed (CPU time of this process) and the size of
the rendered page.  Reading splits long paragraphs at sentence ends, so both
forms should cost about the same, and doubling the size should about double
every figure: work and output grow linearly with the seed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import synthetic_seed, vocabulary  # noqa: E402
from build_tools.annotate import annotate  # noqa: E402
from build_tools.knowledge import load_knowledge  # noqa: E402
from build_tools.read import parse_seed  # noqa: E402
from build_tools.render import render_document  # noqa: E402


def paragraphs(kilobytes: int, vocab) -> list[str]:
    """Body paragraphs of synthetic seeds, about ``kilobytes`` KB of them."""
    out, size, number = [], 0, 0
    while size < kilobytes * 1024:
        _, text = synthetic_seed(number, vocab)
        body = [line for line in text.split("\n")[1:] if line.strip() and ":" not in line[:12]]
        out += body
        size += sum(len(p.encode()) + 1 for p in body)
        number += 1
    return out


def measure(raw: bytes, knowledge) -> tuple[float, int, int]:
    """CPU seconds to read and annotate, the rendered page's size, the blocks read."""
    start = time.process_time()
    seed, _ = parse_seed(raw, "seeds/long.txt", "long.txt")
    doc = annotate(seed, knowledge, "long")
    seconds = time.process_time() - start
    return seconds, len(render_document(doc).encode()), len(seed.blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="125,250,500,1000", help="sizes in KB, comma-separated")
    args = parser.parse_args(argv)
    knowledge = load_knowledge()
    vocab = vocabulary(knowledge)
    print(f"{'KB':>6} {'form':>10} {'seconds':>8} {'page KB':>8} {'blocks':>7}")
    for kilobytes in (int(s) for s in args.sizes.split(",")):
        body = paragraphs(kilobytes, vocab)
        for form, joiner in (("lines", "\n"), ("one line", " ")):
            raw = ("A long record\n" + joiner.join(body) + "\n").encode()
            seconds, page, blocks = measure(raw, knowledge)
            print(f"{len(raw) // 1024:>6} {form:>10} {seconds:>8.2f} {page // 1024:>8} {blocks:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
