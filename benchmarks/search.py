"""How search feels to a visitor: time to first results and bytes downloaded.

    python benchmarks/search.py SITE_DIR [--query WORD ...]

Serves a built site on 127.0.0.1, opens its home page in headless Chromium
(Debian's, as in the browser tests), types each query into the site's search
box — Pagefind's or Material's, whichever the site has — and prints, per query,
the seconds from the last keystroke to the first result on screen, and the
bytes the page downloaded for searching (everything requested after the page
had loaded).  Prints JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

# The browser tests' server and Chromium settings, so both measure the same thing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser_support import CHROMIUM_ARGS, chromium_path, serve_site  # noqa: E402

DEFAULT_QUERIES = ("sanctions", "minister", "deterrence")
PAGEFIND = {"box": "#pa-search input", "result": ".pagefind-ui__result-link"}
MATERIAL = {"box": "input.md-search__input", "result": ".md-search-result__item"}


def _search_once(context, url: str, query: str, timeout_ms: int = 30_000) -> dict:
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda r: sizes.__setitem__(r.url, _size(r)))
    page.goto(url, wait_until="networkidle")
    loaded = dict(sizes)
    widgets = PAGEFIND if page.locator(PAGEFIND["box"]).count() else MATERIAL
    box = page.locator(widgets["box"]).first
    box.click()
    box.fill(query[:-1])
    start = time.perf_counter()
    box.type(query[-1])
    page.locator(widgets["result"]).first.wait_for(state="visible", timeout=timeout_ms)
    seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    searched = {u: n for u, n in sizes.items() if u not in loaded or _for_search(u)}
    page.close()
    return {
        "query": query,
        "engine": "pagefind" if widgets is PAGEFIND else "material",
        "first_results_s": round(seconds, 3),
        "downloaded_for_search_kb": round(sum(searched.values()) / 1024, 1),
        "requests_for_search": len(searched),
    }


def _for_search(url: str) -> bool:
    """Files only search needs (Material may fetch its index before any typing)."""
    return "/search/" in url or "/pagefind/" in url


def _size(request) -> int:
    try:
        return request.sizes()["responseBodySize"]
    except Exception:  # noqa: BLE001 - a failed request has no sizes
        return 0


def measure(site: Path, queries=DEFAULT_QUERIES) -> list[dict]:
    """Each query in a fresh tab of a fresh browser profile (a first-time visitor)."""
    with serve_site(site) as url, sync_playwright() as playwright:
        results = []
        for query in queries:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            results.append(_search_once(browser.new_context(), url, query))
            browser.close()
        return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--query", action="append", help="a word to search (repeatable)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    results = measure(args.site, tuple(args.query or DEFAULT_QUERIES))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            print(
                f"{r['engine']}: '{r['query']}': first results after {r['first_results_s']} s,"
                f" {r['downloaded_for_search_kb']} KB in {r['requests_for_search']} requests"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
