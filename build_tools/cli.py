"""``python -m build_tools``: the pipeline's stages from the command line.

- ``render SEED… [--out DIR]`` prints the generated Markdown of seeds, or
  writes every generated page (documents and listing pages) under DIR.
- ``extract [--format json|text] PATH…`` prints the extraction records.
- ``check [--seeds DIR]`` validates every seed and curated file.
- ``eval [FOLDER]`` scores extraction against the evaluation set.

The stages raise domain errors; only this module prints them and chooses the
exit code: 0 when all is well, 1 when something is wrong, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .archive import annotate_seeds, seed_times, site_pages
from .errors import KnowledgeError
from .exports import data_files, feed
from .extract import collect_seeds, record
from .index import Site
from .knowledge import DEFAULT_DIR, load_knowledge

__all__ = ["main"]


def _knowledge(args: argparse.Namespace):
    return load_knowledge(args.knowledge)


def _progress(iterable, total: int):
    """A progress bar on standard error for long runs, when it is a terminal."""
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread left running after the bar: the process may fork
    return tqdm(iterable, total=total, unit="seed", disable=None, file=sys.stderr, leave=False)


def _annotate(args: argparse.Namespace, knowledge):
    seeds, problems, _ = collect_seeds(args.paths)
    workers = args.workers or os.cpu_count() or 1
    docs, more = annotate_seeds(seeds, knowledge, workers=workers, progress=_progress)
    _print_problems(problems + more)
    return docs, problems


def _print_problems(problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def cmd_render(args: argparse.Namespace) -> int:
    knowledge = _knowledge(args)
    docs, problems = _annotate(args, knowledge)
    doc_pages, pages = site_pages(docs, knowledge, Site(), args.site_url)
    if args.out is None:
        for markdown in doc_pages.values():
            sys.stdout.write(markdown)
    else:
        out = Path(args.out)
        everything = {**doc_pages, **{p.src: p.markdown for p in pages}}
        everything.update(data_files(docs, args.site_url))
        undated = [(d.slug, d.source) for d in docs if not d.date]
        everything["feed.xml"] = feed(
            docs, "Policy Archive", args.site_url, changed=seed_times(undated)
        )
        for src, markdown in sorted(everything.items()):
            target = out / src
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
        print(f"wrote {len(everything)} files to {out}", file=sys.stderr)
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_extract(args: argparse.Namespace) -> int:
    knowledge = _knowledge(args)
    docs, problems = _annotate(args, knowledge)
    records = [record(d) for d in docs]
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for rec in records:
            actors = ", ".join(a["name"] for a in rec["actors"])
            topics = ", ".join(t["label"] for t in rec["topics"])
            print(f"{rec['source']}\t{rec['date'] or 'undated'}\t{actors}\t{topics}")
    return 1 if any(p.severity == "error" for p in problems) else 0


def cmd_check(args: argparse.Namespace) -> int:
    from .check import run_check

    return run_check(Path(args.seeds), Path(args.knowledge), sys.stdout)


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import GoldError, format_scores, load_cases, score
    from .extract import extract_paths

    knowledge = _knowledge(args)
    try:
        cases = load_cases(args.folder)
    except GoldError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    records = extract_paths([c.text_path for c in cases], knowledge)
    print(format_scores(score(cases, {r["source"]: r for r in records}, knowledge)))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.split("\n")[0])
    top.add_argument(
        "--knowledge", default=str(DEFAULT_DIR), help="folder of the curated YAML files"
    )
    top.add_argument(
        "--workers", type=int, default=0, help="processes for annotation (0: one per core)"
    )
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("render", help="print or write the generated Markdown of seeds")
    p.add_argument("paths", nargs="+", help="seed files or folders")
    p.add_argument("--out", help="write every generated page under this folder")
    p.add_argument("--site-url", default="", help="base URL used in citations")
    p.set_defaults(run=cmd_render)
    p = sub.add_parser("extract", help="print the metadata extracted from seeds")
    p.add_argument("paths", nargs="+", help="seed files or folders")
    p.add_argument("--format", choices=("json", "text"), default="json")
    p.set_defaults(run=cmd_extract)
    p = sub.add_parser("check", help="validate seeds and curated files; list unregistered actors")
    p.add_argument("--seeds", default="seeds", help="the seeds folder")
    p.set_defaults(run=cmd_check)
    p = sub.add_parser("eval", help="score extraction against the evaluation set")
    p.add_argument("folder", nargs="?", default="tests/eval", help="folder with docs/ and gold/")
    p.set_defaults(run=cmd_eval)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KnowledgeError as exc:
        print(f"Error: curated knowledge is invalid:\n{exc}", file=sys.stderr)
        return 1
