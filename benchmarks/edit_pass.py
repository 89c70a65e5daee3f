"""What one edit costs in ``mkdocs serve --dirty``, measured and profiled in one process.

``python benchmarks/edit_pass.py [--count 1000] [--shape hubs] [--edits 3] [--top 20]``

Writes a synthetic corpus (``benchmarks/corpus.py``) into a temporary project made
like the test projects, then does what ``mkdocs serve --dirty`` does, without the
web server: loads the configuration, starts the plugins, builds; then, for each
edit, appends a sentence to one seed, loads the configuration again (MkDocs keeps
the plugin instance) and builds again.  It prints the seconds of the first build
and of every edit pass (a background Pagefind run is waited for between passes,
so it does not share the cores with the measured pass), and a cProfile of the
last edit pass: the functions with the most own time and the most cumulative time,
everywhere and in ``build_tools`` alone.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

from corpus import SHAPES, generate, vocabulary
from run import make_project

from build_tools.knowledge import load_knowledge

SERVE_URL = "http://127.0.0.1:8000/"


def one_pass(project: Path, site: Path, profile: cProfile.Profile | None = None) -> float:
    """One build as ``mkdocs serve --dirty`` runs it after a change; its seconds
    (``profile``, when given, profiles the build alone)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    start = time.perf_counter()
    if profile is not None:
        profile.enable()
    build(config, serve_url=SERVE_URL, dirty=True)
    if profile is not None:
        profile.disable()
    seconds = time.perf_counter() - start
    plugin = config.plugins["policy-archive"]
    run = getattr(plugin, "_pagefind_run", None)
    if run is not None:
        run.wait()
    return seconds


def print_top(stats: pstats.Stats, top: int, only: str | None) -> None:
    rows = []
    for (path, line, name), (_, calls, own, cumulative, _) in stats.stats.items():
        if only and only not in path:
            continue
        short = path[path.index(only) :] if only else path.rsplit("site-packages/", 1)[-1]
        rows.append((own, cumulative, calls, f"{short}:{line}({name})"))
    label = f" in {only}" if only else ""
    print(f"top by own time{label}:")
    for own, cumulative, calls, where in sorted(rows, reverse=True)[:top]:
        print(f"  {own:8.3f} s own {cumulative:8.3f} s cum {calls:>9} calls  {where}")
    print(f"top by cumulative time{label}:")
    for own, cumulative, calls, where in sorted(rows, key=lambda r: -r[1])[:top]:
        print(f"  {cumulative:8.3f} s cum {own:8.3f} s own {calls:>9} calls  {where}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="number of seeds")
    parser.add_argument("--shape", choices=SHAPES, default="hubs", help="corpus shape")
    parser.add_argument("--seed", type=int, default=0, help="synthetic corpus number")
    parser.add_argument("--edits", type=int, default=3, help="edit passes (the last profiled)")
    parser.add_argument("--top", type=int, default=20, help="profile rows to print")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    work = Path(tempfile.mkdtemp(prefix="policy-archive-edit-"))
    try:
        project = make_project(work / "project")
        generate(args.count, project / "seeds", vocabulary(load_knowledge()), args.seed, args.shape)
        os.chdir(project)
        from mkdocs.config import load_config

        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(work / "site"))
        config.plugins.on_startup(command="serve", dirty=True)
        print(f"{args.count} seeds, {args.shape} corpus")
        print(f"first build: {one_pass(project, work / 'site'):.2f} s")
        seeds = sorted((project / "seeds").glob("*.txt"))
        profile = cProfile.Profile()
        try:
            for n in range(1, args.edits + 1):
                seed = seeds[(n * 7919) % len(seeds)]
                with seed.open("a", encoding="utf-8") as handle:
                    handle.write(f"\nThe closing remark of this invented text is zqedit{n}.\n")
                last = n == args.edits
                seconds = one_pass(project, work / "site", profile if last else None)
                print(f"edit pass {n}{' (profiled)' if last else ''}: {seconds:.2f} s")
        finally:
            config.plugins.on_shutdown()
        stats = pstats.Stats(profile)
        print_top(stats, args.top, None)
        print_top(stats, args.top, "build_tools")
    finally:
        if args.keep:
            print(f"project kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
