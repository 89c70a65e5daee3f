"""The whole archive built by MkDocs: pages, links, errors, the live server."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.sitetools import MKDOCS, ROOT, broken_links, build, env, free_port, make_project

pytestmark = pytest.mark.slow

SEED = (ROOT / "seeds" / "000_61da1cec703a9f14.txt").read_text(encoding="utf-8")
SEEDS = {
    "000_61da1cec703a9f14.txt": SEED,
    "2024-07-11-nato-summit.txt": (
        "NATO leaders meet in Washington\n"
        "WASHINGTON, July 11, 2024 — NATO leaders met in Washington for the alliance's 75th"
        " anniversary summit. Secretary-General Jens Stoltenberg said the alliance would keep"
        " supporting Ukraine against Russia.\n"
        "The leaders agreed new air defence deliveries to Ukraine.\n"
    ),
    "europe/2023-03-01-eu-sanctions.txt": (
        "---\npublisher: Council of the EU\nsource_url: https://example.org/press\n---\n"
        "EU adopts tenth package of sanctions against Russia\n\n"
        "The Council adopted a tenth package of sanctions against Russia, with export\n"
        "controls on dual-use goods and new listings.\n\n"
        "The package also targets Iranian drone makers.\n"
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("site"), SEEDS)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_site_has_every_document_and_listing_page(built: Path):
    for path in [
        "index.html",
        "documents/000-61da1cec703a9f14/index.html",
        "documents/2024-07-11-nato-summit/index.html",
        "documents/europe/2023-03-01-eu-sanctions/index.html",
        "timeline/index.html",
        "actors/index.html",
        "topics/index.html",
        "glossary/index.html",
        "about/index.html",
        "curator-guide/index.html",
    ]:
        assert (built / path).is_file(), path


def test_site_has_no_broken_links(built: Path):
    assert broken_links(built) == []


def test_site_home_lists_documents_newest_first(built: Path):
    home = (built / "index.html").read_text(encoding="utf-8")
    assert home.index("NATO leaders meet") < home.index("EU adopts tenth package")


def test_site_search_index_holds_the_body(built: Path):
    index = (built / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Multilateral Sanctions Monitoring Team" in index


def test_site_search_shows_a_documents_text_apart_from_its_metadata(built: Path):
    docs = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    page = "documents/2024-07-11-nato-summit/"
    entries = {e["location"]: e["text"] for e in docs if e["location"].startswith(page)}
    # the page's own entry: title only; the metadata and the text are sections of their own
    assert "Stoltenberg" not in entries[page] and "People" not in entries[page]
    assert "People" in entries[page + "#about"] and "Jens Stoltenberg" in entries[page + "#about"]
    assert entries[page + "#text"].startswith("<p>WASHINGTON, July 11, 2024")


def test_site_sitemap_is_valid_xml_listing_every_document_once(built: Path):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(built / "sitemap.xml").getroot()
    locs = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert len(locs) == len(set(locs))
    paths = [urlsplit(loc).path for loc in locs]
    for path in paths:
        assert (built / path.lstrip("/") / "index.html").is_file() or (
            built / path.lstrip("/")
        ).is_file(), path
        assert all(c.isalnum() or c in "/-_.%" for c in path), path
    documents = [p for p in paths if p.startswith("/documents/")]
    assert len(documents) == len(SEEDS)


def test_site_documents_stay_out_of_the_navigation(built: Path):
    home = (built / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary') :]
    assert "documents/" not in nav[: nav.index("</nav>")]


def test_site_bad_seeds_fail_strict_and_are_all_named(tmp_path: Path):
    seeds = {
        **SEEDS,
        "empty.txt": "",
        "binary.txt": b"\x00\x01\x02\x03",
        "broken-header.txt": "---\ntitle: [unclosed\n---\nTitle\nBody.\n",
    }
    project = make_project(tmp_path, seeds)
    result = build(project)
    assert result.returncode != 0
    for name in ("empty.txt", "binary.txt", "broken-header.txt"):
        assert f"seeds/{name}" in result.stderr
    lenient = subprocess.run(
        [*MKDOCS, "build"], cwd=project, env=env(), capture_output=True, text=True, timeout=600
    )
    assert lenient.returncode == 0
    assert (project / "site/documents/2024-07-11-nato-summit/index.html").is_file()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


def _wait_for(url: str, predicate, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, body = _get(url)
        if status == 200 and predicate(body):
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show the expected page within {seconds} s")


@pytest.mark.parametrize("flags", [[], ["--dirty"]], ids=["full", "dirty"])
def test_site_serve_picks_up_new_edited_and_deleted_seeds(tmp_path: Path, flags):
    project = make_project(tmp_path, SEEDS)
    port = free_port()
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}", *flags],
        cwd=project,
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base, lambda body: "NATO leaders meet" in body)
        seed = project / "seeds" / "2024-11-05-new-arrival.txt"
        seed.write_text("A brand new arrival\nThe minister spoke on 5 November 2024.\n")
        _wait_for(base + "documents/2024-11-05-new-arrival/", lambda b: "A brand new arrival" in b)
        _wait_for(base, lambda body: "A brand new arrival" in body)
        _wait_for(base + "timeline/2024/", lambda body: "A brand new arrival" in body)
        index = _wait_for(base + "search/search_index.json", lambda b: "brand new arrival" in b)
        assert "Multilateral Sanctions Monitoring Team" in index  # untouched pages stay indexed
        seed.write_text("An edited arrival\nThe minister spoke on 5 November 2024.\n")
        _wait_for(base + "documents/2024-11-05-new-arrival/", lambda b: "An edited arrival" in b)
        index = _wait_for(base + "search/search_index.json", lambda b: "An edited arrival" in b)
        assert "A brand new arrival" not in index  # the old title is gone from search
        seed.unlink()
        _wait_for(base, lambda body: "arrival" not in body)
        index = _wait_for(base + "search/search_index.json", lambda b: "arrival" not in b)
        locations = [e["location"] for e in json.loads(index)["docs"]]
        assert len(locations) == len(set(locations))  # one entry per page section
    finally:
        server.terminate()
        server.wait(timeout=20)
