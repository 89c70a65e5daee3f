"""Fixtures for the browser suite: a built archive, a local web server and headless Chromium.

The archive is built once per module from the project's real seed plus the made-up seeds in
``tests/browser_seeds/``, served from ``site/`` on 127.0.0.1, and visited with Playwright driving
the system's Chromium (never a downloaded browser).  Each test gets a fresh tab that records the
console errors and every request it makes.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, sync_playwright

from tests.sitetools import ROOT, archive_seeds, build, free_port, make_project

__all__ = [
    "EDIT_URI",
    "REPO_URL",
    "BrowserTab",
    "archive_seeds",
    "archive_site",
    "archive_url",
    "browser_context",
    "chromium_path",
    "screenshot_dir",
    "tab",
]

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
# Where the browser archive says its seed files live: document pages link there.
REPO_URL = "https://git.example.org/policy/archive"
EDIT_URI = "edit/main/docs/"
TIMEOUT_MS = 10_000


def chromium_path() -> str:
    """``$CHROMIUM`` or Debian's Chromium; fails the test run when neither is there."""
    candidates = [os.environ["CHROMIUM"]] if os.environ.get("CHROMIUM") else CHROMIUM_CANDIDATES
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(
        f"Chromium not found (looked for {', '.join(candidates)}): run `make browser` to "
        "install Debian's Chromium, or set $CHROMIUM to a Chromium executable",
        pytrace=False,
    )


def screenshot_dir() -> Path:
    """``$SCREENSHOT_DIR`` or ``test-artifacts/screenshots/`` under the repository root."""
    folder = Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "test-artifacts" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@dataclass
class BrowserTab:
    """One browser tab on the served archive, with what it logged."""

    page: Page
    base: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def open(self, path: str = "", settle: bool = False) -> Page:
        """Load ``path`` (relative to the site root); with ``settle``, also wait until the
        network is idle, so that every request the page makes has been recorded."""
        self.page.goto(self.base + path.lstrip("/"), wait_until="load")
        if settle:
            self.page.wait_for_load_state("networkidle")
        return self.page

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            source = message.location.get("url") or self.page.url
            self.console_errors.append(f"{source}: {message.text}")

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)


@pytest.fixture(scope="module")
def archive_site(tmp_path_factory) -> Path:
    """The archive built with ``mkdocs build --strict``; the folder of the built site."""
    project = make_project(tmp_path_factory.mktemp("browser-archive"), archive_seeds())
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"\nrepo_url: {REPO_URL}\nedit_uri: {EDIT_URI}\n")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@contextlib.contextmanager
def serve_site(folder: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1; yields its root URL, ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def archive_url(archive_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1; its root URL, ending in ``/``."""
    with serve_site(archive_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory) -> Iterator[BrowserContext]:
    """Headless Chromium with a fresh profile."""
    executable = chromium_path()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
            locale="en-GB",
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def tab(browser_context: BrowserContext, archive_url: str) -> Iterator[BrowserTab]:
    """A new tab that records console errors and requests; closed after the test."""
    page = browser_context.new_page()
    opened = BrowserTab(page, archive_url)
    page.on("console", opened._on_console)
    page.on("pageerror", lambda error: opened.console_errors.append(f"{page.url}: {error}"))
    page.on("request", opened._on_request)
    try:
        yield opened
    finally:
        page.close()
