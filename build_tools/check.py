"""The curator's check: every seed and every curated file, one line per problem.

Prints the size limits for seeds; errors and warnings (file, line where known,
what is wrong, how to fix it), among them dates outside the plausible years;
the files that are not seeds, the documents without a date, and the actors
detected in seeds that are not yet in the registry.  Returns 1 when any
problem is an error, else 0.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TextIO

from .annotate.actors.recognise import level
from .archive import load_archive
from .errors import Problem
from .knowledge import read_knowledge
from .model import FIRST_PLAUSIBLE_YEAR, LAST_PLAUSIBLE_YEAR, plausible
from .read import SIZE_LIMIT, SIZE_WARNING

__all__ = ["run_check"]


def run_check(seeds: Path, knowledge_dir: Path, out: TextIO) -> int:
    knowledge, problems = read_knowledge(knowledge_dir)
    if not seeds.is_dir():
        print(f"{seeds}: error: seeds folder not found", file=out)
        return 1
    archive = load_archive(seeds, knowledge)
    problems = problems + list(archive.problems) + _implausible(archive.documents)
    print(
        f"Seeds over {SIZE_WARNING:,} bytes get a warning; seeds over {SIZE_LIMIT:,} bytes "
        "are refused.",
        file=out,
    )
    for problem in problems:
        print(problem, file=out)
    for path in archive.skipped:
        print(
            f"{path}: note: skipped (hidden, not a .txt seed, or a link outside the seeds folder)",
            file=out,
        )
    encodings = defaultdict(list)
    for doc in archive.documents:
        encodings[doc.seed.encoding].append(doc.source)
        if not doc.date:
            print(
                f"{doc.source}: note: no date found (fix: add 'date: YYYY-MM-DD' to its header)",
                file=out,
            )
    for encoding, sources in sorted(encodings.items()):
        if encoding not in ("utf-8", "ascii"):
            for source in sources:
                print(f"{source}: note: read as {encoding}", file=out)
    _unregistered(archive.documents, out)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{len(archive.documents)} seeds read, {errors} errors, {warnings} warnings", file=out)
    return 1 if errors else 0


def _implausible(docs) -> list[Problem]:
    """A warning for each document dated outside the years an archive can hold."""
    return [
        Problem(
            doc.source,
            f"date {doc.date} is before {FIRST_PLAUSIBLE_YEAR} or after {LAST_PLAUSIBLE_YEAR}; "
            "charts leave it out",
            "correct the date, or set 'date:' in the header",
            severity="warning",
        )
        for doc in docs
        if doc.date and not plausible(doc.date)
    ]


def _unregistered(docs, out: TextIO) -> None:
    """The actors found that the registry does not hold, the surest first, each
    with how sure the extractor is (its best evidence in any document)."""
    found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    sure: dict[tuple[str, str, str], tuple[float, str]] = {}
    for doc in docs:
        for actor in doc.actors:
            if not actor.registered:
                key = (actor.id, actor.name, actor.kind)
                found[key].append(doc.source)
                sure[key] = max(sure.get(key, (0.0, "")), actor.confidence or (0.0, "unknown"))
    if not found:
        return
    print(f"Detected actors not in the registry ({len(found)}), the surest first:", file=out)
    for key in sorted(found, key=lambda k: (-sure[k][0], -len(found[k]), k)):
        (actor_id, name, kind), sources, (score, evidence) = key, found[key], sure[key]
        print(
            f"  {actor_id}\t{name}\t{kind}\t{level(score)} {score:.2f} ({evidence})"
            f"\t{len(sources)} document{'' if len(sources) == 1 else 's'}, e.g. {sources[0]}",
            file=out,
        )
