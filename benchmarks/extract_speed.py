"""Extraction speed on one core: documents per second and milliseconds per component.

``python benchmarks/extract_speed.py [PATH ...] [--seconds S] [--cpu N] [--profile]``

The seeds (default: ``seeds/`` and ``tests/eval/docs/``) are read once; then
every annotation component runs over them, again and again, for ``--seconds``,
with the process pinned to one CPU.  This prints documents per second as
measured, the same rate for documents of 650 words (the size the product's
target is set for: at least 200 per second on one core), and the time each
component takes for a document of 650 words.  Times scale with the word count,
so the figures of corpora with shorter or longer documents can be compared.

The compiled patterns are built before the timing starts: a run measures the
steady state of a build, not its first document.  Times are CPU times of this
process (``time.process_time``), so other work sharing the CPU slows the
figures less than it would wall times; the wall-clock rate is printed too.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

from build_tools.annotate import COMPONENTS, Pipeline, annotate, resolve_overlaps
from build_tools.extract import collect_seeds
from build_tools.knowledge import load_knowledge
from build_tools.model import Document, Knowledge, Seed

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = (ROOT / "seeds", ROOT / "tests" / "eval" / "docs")
WORDS_PER_DOC = 650  # the document size of the target
TARGET = 200  # documents of WORDS_PER_DOC words per second, on one core
TOP_FUNCTIONS = 25
OVERLAPS = "overlaps"  # the final settling of spans, timed like a component


def pin_to_one_cpu(cpu: int | None) -> int | None:
    """Run on one CPU (the first one allowed unless ``cpu`` is given); the CPU used."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    chosen = cpu if cpu is not None else min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {chosen})
    return chosen


def word_count(seeds: list[Seed]) -> int:
    return sum(len(block.text.split()) for seed in seeds for block in seed.blocks)


def timed_pass(seeds: list[Seed], knowledge: Knowledge, times: dict[str, float]) -> None:
    """Annotate every seed once, adding each component's time to ``times``."""
    clock = time.process_time
    pipeline = Pipeline(knowledge)
    for seed in seeds:
        doc = Document(seed=seed, slug="benchmark")
        for name, apply, rules in pipeline.steps:
            start = clock()
            doc = apply(doc, knowledge, rules) if rules is not None else apply(doc, knowledge)
            times[name] += clock() - start
        start = clock()
        resolve_overlaps(doc)
        times[OVERLAPS] += clock() - start


def measure(seeds: list[Seed], knowledge: Knowledge, seconds: float) -> tuple:
    """Repeat whole passes for at least ``seconds`` of CPU time.

    Returns the documents done, the CPU and wall seconds spent, and the CPU
    seconds of each component.
    """
    times = {c.name: 0.0 for c in COMPONENTS} | {OVERLAPS: 0.0}
    done, cpu_start, wall_start = 0, time.process_time(), time.perf_counter()
    while time.process_time() - cpu_start < seconds:
        timed_pass(seeds, knowledge, times)
        done += len(seeds)
    return done, time.process_time() - cpu_start, time.perf_counter() - wall_start, times


def report(seeds: list[Seed], done: int, cpu_s: float, wall_s: float, times: dict, cpu) -> None:
    words = word_count(seeds) / len(seeds)
    scale = WORDS_PER_DOC / words
    where = f"pinned to CPU {cpu}" if cpu is not None else "not pinned"
    print(f"{len(seeds)} documents, {words:.0f} words on average; {done} annotated ({where})")
    print(f"documents/s, CPU time:              {done / cpu_s:8.1f}")
    print(f"documents/s, wall clock:            {done / wall_s:8.1f}")
    print(f"documents/s of {WORDS_PER_DOC} words, CPU time: {done / cpu_s / scale:8.1f}", end="")
    print(f"   (target ≥ {TARGET})")
    print(f"\nms per document of {WORDS_PER_DOC} words, by component:")
    total = 0.0
    for name, spent in times.items():
        ms = spent / done * 1000 * scale
        total += ms
        print(f"  {name:<14} {ms:7.2f}")
    print(f"  {'all':<14} {total:7.2f}")


def profile(seeds: list[Seed], knowledge: Knowledge, seconds: float) -> None:
    """The functions with the most own time over ``seconds`` of whole-document annotation."""
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    pipeline = Pipeline(knowledge)
    while time.perf_counter() - start < seconds:
        for seed in seeds:
            pipeline(seed, "benchmark")
    profiler.disable()
    print(f"\nprofile ({seconds:g} s), by own time:")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(TOP_FUNCTIONS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="seed files or folders (default: %(default)s)")
    parser.add_argument("--seconds", type=float, default=5.0, help="timed run length")
    parser.add_argument("--cpu", type=int, default=None, help="CPU to pin to")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile table")
    args = parser.parse_args(argv)
    cpu = pin_to_one_cpu(args.cpu)
    knowledge = load_knowledge()
    seeds, _, _ = collect_seeds(args.paths or [str(p) for p in DEFAULT_PATHS])
    if not seeds:
        print("no readable seeds in the given paths", file=sys.stderr)
        return 1
    for seed in seeds:  # compiles every pattern, outside the timing
        annotate(seed, knowledge, "benchmark")
    report(seeds, *measure(seeds, knowledge, args.seconds), cpu)
    if args.profile:
        profile(seeds, knowledge, args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
