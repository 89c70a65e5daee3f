"""Speed and memory figures of the archive build on synthetic corpora.

``python benchmarks/run.py [--sizes 1000,3000] [--out FILE] [--profile]``

For each size, a synthetic corpus (``benchmarks/corpus.py``) is written into a
temporary project made like the test projects (the repository's ``docs/``,
``overrides/`` and ``mkdocs.yml`` plus a ``seeds/`` folder), and this prints:

- extraction: documents per second of ``annotate_seeds`` over pre-read seeds,
  in this process (one core, no cache);
- each for two corpus shapes (``--shapes``): ``plain``, and ``hubs``, where a few
  topics and actors appear in most documents and each has many dated sentences;
- the full ``mkdocs build``: wall time and peak memory of the build process;
- the engine floor: the same pages (``python -m build_tools render … --out``)
  built by MkDocs with the ``policy-archive`` plugin switched off, and our share
  of the full build over that floor;
- the largest HTML page and the number over 100 KB; the search index size;
- ``mkdocs serve`` and ``mkdocs serve --dirty``: seconds from editing one seed
  until its page shows the edit, and from adding a seed until the home page
  lists it;
- with ``--profile``, the functions of ``build_tools`` that take the most time
  in one cold build of the smallest size, in one process.

Every figure is also written as JSON (default ``benchmarks/results/results.json``).
See ``benchmarks/README.md`` for the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import search
import yaml
from corpus import SHAPES, generate, vocabulary

from build_tools.archive import annotate_seeds
from build_tools.knowledge import load_knowledge
from build_tools.read import discover, read_seed, seed_slug

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "results.json"
PLUGIN = "policy-archive"
PAGE_LIMIT_KB = 100
BUILD_TIMEOUT = 3600  # seconds, for one `mkdocs build` of the largest corpus
SERVE_START_FACTOR = 5  # `mkdocs serve` must answer within this many full-build times
EDIT_TIMEOUT = 120  # seconds for `mkdocs serve` to show an edit
POLL = 0.05
TOP_HOTSPOTS = 15
PROFILE_CACHE = ".cache/profile"  # a cold cache of its own for the profiled build
SERVE_MODES = {"full": [], "dirty": ["--dirty"]}  # what `make serve` runs is --dirty


@dataclass(frozen=True)
class Run:
    """One finished subprocess: wall time, peak resident memory, exit code.

    ``peak_mb`` is what ``wait4`` reports: the largest of the process and every
    process it started and waited for (Pagefind, the annotation workers).
    ``own_peak_mb`` is the process's own high-water mark (``VmHWM``), read
    while it runs."""

    seconds: float
    peak_mb: float
    returncode: int
    warnings: int
    own_peak_mb: float = 0.0


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


def measure(cmd: list[str], cwd: Path, log: Path, timeout: float = BUILD_TIMEOUT) -> Run:
    """Run ``cmd`` to the end; its own peak RSS comes from ``wait4``, not the whole tree's."""
    with log.open("w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env(), stdout=out, stderr=subprocess.STDOUT)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        own = HighWater(proc.pid)
        own.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            own.stop()
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode == -signal.SIGKILL and seconds >= timeout:
        raise TimeoutError(f"{' '.join(cmd)} did not finish within {timeout} s (log: {log})")
    text = log.read_text(encoding="utf-8", errors="replace")
    warnings = sum(1 for line in text.splitlines() if line.startswith("WARNING"))
    peak = round(usage.ru_maxrss / 1024, 1)
    return Run(round(seconds, 2), peak, proc.returncode, warnings, round(own.kb / 1024, 1))


class HighWater(threading.Thread):
    """Reads a running process's own peak resident memory (``VmHWM`` in
    ``/proc/PID/status``, which only grows) until :meth:`stop`; the last reading
    is at most ``POLL`` seconds older than the process's end."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.path, self.kb, self._done = f"/proc/{pid}/status", 0, threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            try:
                with open(self.path, encoding="ascii", errors="replace") as status:
                    for line in status:
                        if line.startswith("VmHWM:"):
                            self.kb = max(self.kb, int(line.split()[1]))
            except (OSError, ValueError):
                pass  # gone, or a zombie (whose status holds no memory figures)
            self._done.wait(POLL)

    def stop(self) -> None:
        self._done.set()
        self.join()


# ------------------------------------------------------------------ projects


def make_project(folder: Path) -> Path:
    """A copy of the site configuration with an empty seeds folder, as the tests make it."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "seeds").mkdir()
    return folder


def make_floor_project(full: Path, folder: Path, timeout: float) -> Run:
    """The full project's pages, pre-rendered, with the plugin switched off.

    Returns the run of ``python -m build_tools render`` that wrote the pages.
    """
    config = yaml.safe_load((full / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [
        p for p in config.get("plugins", []) if p != PLUGIN and not _is_plugin(p, PLUGIN)
    ]
    shutil.copytree(full / "docs", folder / "docs")
    shutil.copytree(full / "overrides", folder / "overrides")
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    cmd = [sys.executable, "-m", "build_tools", "render", str(full / "seeds")]
    cmd += ["--out", str(folder / "docs"), "--site-url", config.get("site_url") or ""]
    return measure(cmd, folder, folder / "render.log", timeout)


def _is_plugin(entry: object, name: str) -> bool:
    return isinstance(entry, dict) and name in entry


def mkdocs_build(project: Path, timeout: float) -> Run:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "site")]
    return measure(cmd, project, project / "build.log", timeout)


def cold_build(project: Path, timeout: float) -> Run:
    """A build with no annotation cache and no page from an earlier build."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(project / "site", ignore_errors=True)
    return mkdocs_build(project, timeout)


def middle(values: list[float]) -> float:
    """The median; of an even number, the lower of the two middle values (a measured one)."""
    return sorted(values)[(len(values) - 1) // 2]


def median_run(runs: list[Run]) -> Run:
    """The median of each figure over ``runs`` (an odd number gives a measured one),
    with the worst exit code and the most warnings."""
    return Run(
        middle([r.seconds for r in runs]),
        middle([r.peak_mb for r in runs]),
        max((r.returncode for r in runs), key=abs),
        max(r.warnings for r in runs),
        middle([r.own_peak_mb for r in runs]),
    )


def repeated(make_run, times: int) -> tuple[Run, list[Run]]:
    """``make_run()`` ``times`` times: the median run and every run."""
    runs = [make_run() for _ in range(times)]
    return median_run(runs), runs


# ------------------------------------------------------------------ figures


def extraction_rate(seeds_dir: Path) -> float:
    """Documents per second of annotation over pre-read seeds, in this process, no cache."""
    knowledge = load_knowledge()
    paths, _ = discover(seeds_dir)
    seeds = [read_seed(path, seeds_dir) for path in paths]
    seeds = [seed for seed, _ in seeds]
    annotate_seeds(seeds[:1], knowledge)  # compiles the patterns once, outside the timing
    start = time.perf_counter()
    annotate_seeds(seeds, knowledge)
    return round(len(seeds) / (time.perf_counter() - start), 1)


def largest_page(site: Path) -> dict:
    sizes = {p: p.stat().st_size for p in site.rglob("*.html")}
    if not sizes:
        return {"path": None, "kb": 0.0, "over_limit": 0, "pages": 0}
    path = max(sizes, key=sizes.__getitem__)
    over = sum(1 for size in sizes.values() if size >= PAGE_LIMIT_KB * 1024)
    return {
        "path": path.relative_to(site).as_posix(),
        "kb": round(sizes[path] / 1024, 1),
        "over_limit": over,
        "pages": len(sizes),
    }


def search_index_mb(site: Path) -> float:
    """Material's one-file index, or the whole Pagefind bundle (loaded in pieces)."""
    index = site / "search" / "search_index.json"
    if index.exists():
        return round(index.stat().st_size / 1024**2, 2)
    bundle = [p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()]
    return round(sum(bundle) / 1024**2, 2)


# ------------------------------------------------------------------ serve


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, word: str, timeout: float) -> float:
    """Seconds until ``url`` serves a page containing ``word``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = _fetch(url)
        if body is not None and word in body:
            return round(time.perf_counter() - start, 2)
        time.sleep(POLL)
    raise TimeoutError(f"{url} did not show {word!r} within {timeout:.0f} s")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_reload(project: Path, flags: list[str], start_timeout: float, times: int = 1) -> dict:
    """Edit-to-reload seconds of ``mkdocs serve [flags]`` for an edited seed and a new one,
    each done ``times`` times one after the other in the same server; the medians, and
    every run.  Each time a new word is appended to the same seed, and a new seed added.

    The server runs with live reload on: in MkDocs 1.6 ``--no-livereload``
    also turns off watching, so the site would never be rebuilt.
    """
    seeds = project / "seeds"
    mode = "dirty" if "--dirty" in flags else "full"
    names = sorted(seeds.glob("synthetic-*.txt"))
    edited = names[len(names) // 2 + (1 if mode == "dirty" else 0)]
    slug = seed_slug(read_seed(edited, seeds)[0])
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *flags]
    log = (project / f"serve-{mode}.log").open("w")
    server = subprocess.Popen(
        cmd, cwd=project, env=env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    edits, news = [], []
    try:
        started = wait_for(base, "</html>", start_timeout)
        for n in range(times):
            word = f"zqedit{mode}{port}x{n}"
            with edited.open("a", encoding="utf-8") as seed:
                seed.write(f"\nThe closing remark of this invented text is {word}.\n")
            edits.append(wait_for(f"{base}documents/{slug}/", word, EDIT_TIMEOUT))
        for n in range(times):
            word = f"zqnew{mode}{port}x{n}"
            (seeds / f"synthetic-new-{word}.txt").write_text(
                f"---\ndate: 2025-12-31\n---\nSynthetic {word} arrives\nAn invented last document\n"
                "The invented talks ended on 31 December 2025.\n",
                encoding="utf-8",
            )
            news.append(wait_for(base, word, EDIT_TIMEOUT))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
        log.close()
    edit, new = middle(edits), middle(news)
    return {
        "start_seconds": started,
        "edit_seconds": edit,
        "new_seed_home_seconds": new,
        "edit_runs": edits,
        "new_seed_home_runs": news,
    }


# ------------------------------------------------------------------ profile


def profile_build(project: Path, out: Path, timeout: float) -> list[dict]:
    """Profile one cold full build in one process; the top functions of build_tools."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    for entry in config["plugins"]:
        if _is_plugin(entry, PLUGIN):
            entry[PLUGIN] = {**(entry[PLUGIN] or {}), "workers": 1, "cache_dir": PROFILE_CACHE}
    profile_config = project / "mkdocs-profile.yml"
    profile_config.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    cmd = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build"]
    cmd += ["-f", str(profile_config), "--site-dir", str(project / "site-profile")]
    run = measure(cmd, project, project / "profile.log", timeout)
    print(f"  profiled build (one process, cold cache): {run.seconds} s under cProfile")
    stats = pstats.Stats(str(out))
    rows = []
    for (path, line, name), (_, calls, own, cumulative, _) in stats.stats.items():
        if "build_tools" in path:
            rel = path[path.index("build_tools") :]
            rows.append(
                {
                    "function": f"{rel}:{line}({name})",
                    "calls": calls,
                    "own_s": round(own, 3),
                    "cumulative_s": round(cumulative, 3),
                }
            )
    total = max((r["cumulative_s"] for r in rows), default=0.0)
    rows.sort(key=lambda r: -r["own_s"])
    by_cumulative = sorted(rows, key=lambda r: -r["cumulative_s"])
    print(f"  profile: build_tools cumulative {total:.2f} s; top by own time:")
    for row in rows[:TOP_HOTSPOTS]:
        print(
            f"    {row['own_s']:8.3f} s own  {row['cumulative_s']:8.3f} s cum"
            f"  {row['calls']:>9} calls  {row['function']}"
        )
    print("  top by cumulative time:")
    for row in by_cumulative[:TOP_HOTSPOTS]:
        print(f"    {row['cumulative_s']:8.3f} s cum  {row['function']}")
    return rows[: TOP_HOTSPOTS * 2]


# ------------------------------------------------------------------ one size


def bench_size(
    size: int,
    work: Path,
    vocab,
    seed: int,
    profile: bool,
    serve: bool = True,
    shape: str = "plain",
    repeat: int = 1,
    modes: Sequence[str] = tuple(SERVE_MODES),
) -> dict:
    full = make_project(work / f"full-{shape}-{size}")
    generate(size, full / "seeds", vocab, seed, shape)
    result: dict = {"seeds": size, "shape": shape}
    result["extraction_docs_per_s"] = extraction_rate(full / "seeds")
    print(f"  extraction: {result['extraction_docs_per_s']} documents/s (one core, no cache)")
    # the last cold build leaves the cache the warm builds start from
    build, runs = repeated(lambda: cold_build(full, BUILD_TIMEOUT), repeat)
    result["full_build"] = asdict(build)
    result["full_build_runs"] = [asdict(r) for r in runs]
    print(
        f"  full build: {build.seconds} s, peak {build.peak_mb} MB,"
        f" exit {build.returncode}, {build.warnings} warnings{_spread(runs)}"
    )
    rebuild, runs = repeated(lambda: mkdocs_build(full, BUILD_TIMEOUT), repeat)
    result["rebuild_warm_cache"] = asdict(rebuild)
    result["rebuild_warm_cache_runs"] = [asdict(r) for r in runs]
    print(
        f"  rebuild with the annotation cache warm: {rebuild.seconds} s,"
        f" peak {rebuild.peak_mb} MB{_spread(runs)}"
    )
    floor_dir = work / f"floor-{shape}-{size}"
    floor_dir.mkdir()
    render = make_floor_project(full, floor_dir, BUILD_TIMEOUT)
    floor, runs = repeated(lambda: mkdocs_build(floor_dir, BUILD_TIMEOUT), repeat)
    result["engine_floor_runs"] = [asdict(r) for r in runs]
    share = (build.seconds - floor.seconds) / floor.seconds if floor.seconds else None
    result["render_cli"] = asdict(render)
    result["engine_floor"] = asdict(floor)
    result["our_share_of_floor"] = round(share, 3) if share is not None else None
    warm = (rebuild.seconds - floor.seconds) / floor.seconds if floor.seconds else None
    result["our_share_of_floor_warm"] = round(warm, 3) if warm is not None else None
    result["full_over_floor"] = round(build.seconds / floor.seconds, 2) if floor.seconds else None
    result["warm_over_floor"] = round(rebuild.seconds / floor.seconds, 2) if floor.seconds else None
    result["peak_over_floor"] = round(build.peak_mb / floor.peak_mb, 2) if floor.peak_mb else None
    own_floor = floor.own_peak_mb
    result["own_peak_over_floor"] = round(build.own_peak_mb / own_floor, 2) if own_floor else None
    print(f"  render CLI: {render.seconds} s, peak {render.peak_mb} MB, exit {render.returncode}")
    print(
        f"  engine floor (plugin off): {floor.seconds} s{_spread(runs)}, peak {floor.peak_mb} MB,"
        f" exit {floor.returncode}; full/floor {result['full_over_floor']},"
        f" our share {100 * share:.0f}% of the floor (cold cache),"
        f" {100 * warm:.0f}% (warm cache); warm/floor {result['warm_over_floor']},"
        f" peak memory/floor's {result['peak_over_floor']} with the processes each started"
        f" (Pagefind, annotation workers), {result['own_peak_over_floor']} for the build"
        f" process alone ({build.own_peak_mb} MB against {floor.own_peak_mb} MB)"
    )
    result["largest_page"] = largest_page(full / "site")
    result["floor_largest_page"] = largest_page(floor_dir / "site")
    page = result["largest_page"]
    print(
        f"  largest HTML page: {page['path']} {page['kb']} KB;"
        f" {page['over_limit']} of {page['pages']} pages >= {PAGE_LIMIT_KB} KB"
    )
    result["search_index_mb"] = search_index_mb(full / "site")
    print(f"  search index: {result['search_index_mb']} MB")
    result["search"] = search.measure(full / "site")
    for probe in result["search"]:
        print(
            f"  search ({probe['engine']}) '{probe['query']}': first results after"
            f" {probe['first_results_s']} s, {probe['downloaded_for_search_kb']} KB downloaded"
        )
    result["serve"] = {}
    for flags in [SERVE_MODES[mode] for mode in modes] if serve else ():
        timeout = max(120.0, SERVE_START_FACTOR * build.seconds)
        # what `make serve` runs (--dirty) is timed `repeat` times; a full rebuild, once
        serve = serve_reload(full, flags, timeout, repeat if flags else 1)
        result["serve"]["dirty" if flags else "full"] = serve
        print(
            f"  {' '.join(['mkdocs serve', *flags])}: first page after {serve['start_seconds']} s;"
            f" edited seed shown after {serve['edit_seconds']} s{_times(serve['edit_runs'])};"
            f" new seed on the home page after {serve['new_seed_home_seconds']} s"
            f"{_times(serve['new_seed_home_runs'])}"
        )
    if profile:
        result["profile"] = profile_build(full, work / f"build-{shape}-{size}.prof", BUILD_TIMEOUT)
    return result


def _spread(runs: list[Run]) -> str:
    return _times([r.seconds for r in runs])


def _times(seconds: list[float]) -> str:
    if len(seconds) < 2:
        return ""
    return f" (median of {len(seconds)}: {', '.join(str(s) for s in seconds)} s)"


def scaling(results: list[dict]) -> dict | None:
    """Full-build time of each size over the smallest of its shape, next to the size ratio."""
    ratios = {}
    for shape in dict.fromkeys(r.get("shape", "plain") for r in results):
        runs = [r for r in results if r.get("shape", "plain") == shape]
        base = runs[0]
        for r in runs[1:]:
            ratios[f"{shape} {r['seeds']}"] = {
                "size_ratio": round(r["seeds"] / base["seeds"], 2),
                "time_ratio": round(r["full_build"]["seconds"] / base["full_build"]["seconds"], 2),
            }
    return ratios or None


def environment() -> dict:
    import mkdocs

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    ).stdout.strip()
    return {
        "python": platform.python_version(),
        "mkdocs": mkdocs.__version__,
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "commit": commit or None,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,3000", help="comma-separated corpus sizes")
    parser.add_argument("--out", default=str(RESULTS), help="JSON file for the figures")
    parser.add_argument("--seed", type=int, default=0, help="synthetic corpus number")
    parser.add_argument(
        "--shapes", default=",".join(SHAPES), help=f"comma-separated corpus shapes ({SHAPES})"
    )
    parser.add_argument("--profile", action="store_true", help="profile the smallest full build")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="builds of each kind (cold, warm, floor); the median is reported",
    )
    parser.add_argument(
        "--serve-up-to", type=int, default=None, help="measure serve only up to this many seeds"
    )
    parser.add_argument(
        "--serve-modes",
        default=",".join(SERVE_MODES),
        help=f"comma-separated serve modes to time ({', '.join(SERVE_MODES)}); a full"
        " rebuild takes about as long as a build at every edit",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    modes = [m.strip() for m in args.serve_modes.split(",") if m.strip()]
    if any(m not in SERVE_MODES for m in modes):
        parser.error(f"--serve-modes: choose from {', '.join(SERVE_MODES)}")
    vocab = vocabulary(load_knowledge())
    work = Path(tempfile.mkdtemp(prefix="policy-archive-bench-"))
    results = []
    try:
        for shape in shapes:
            for i, size in enumerate(sizes):
                print(f"{size} seeds, {shape} corpus")
                serve = args.serve_up_to is None or size <= args.serve_up_to
                profile = args.profile and i == 0
                results.append(
                    bench_size(
                        size, work, vocab, args.seed, profile, serve, shape, args.repeat, modes
                    )
                )
    finally:
        if args.keep:
            print(f"projects kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    report = {"environment": environment(), "sizes": results, "scaling": scaling(results)}
    for size, ratio in (report["scaling"] or {}).items():
        print(
            f"scaling to {size}: {ratio['time_ratio']}x the time for {ratio['size_ratio']}x seeds"
        )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
