"""Helpers for tests that build or serve a real site in a temporary folder."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
SEEDS_DIR = Path(__file__).resolve().parent / "browser_seeds"  # made-up seeds
REAL_SEED = "000_61da1cec703a9f14.txt"


def make_project(tmp: Path, seeds: dict[str, str | bytes]) -> Path:
    """A copy of the project's site configuration with its own seeds folder."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    write_seeds(tmp / "seeds", seeds)
    return tmp


def archive_seeds() -> dict[str, bytes]:
    """The project's real seed and every made-up seed, by path inside the seeds folder."""
    seeds = {p.relative_to(SEEDS_DIR).as_posix(): p.read_bytes() for p in SEEDS_DIR.rglob("*.txt")}
    seeds[REAL_SEED] = (ROOT / "seeds" / REAL_SEED).read_bytes()
    return seeds


def write_seeds(folder: Path, seeds: dict[str, str | bytes]) -> None:
    for name, text in seeds.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8") if isinstance(text, str) else text
        path.write_bytes(data)
    folder.mkdir(parents=True, exist_ok=True)


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


def build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MKDOCS, "build", "--strict", *args],
        cwd=project,
        env=env(),
        capture_output=True,
        text=True,
        timeout=600,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def broken_links(site: Path) -> list[str]:
    """Every relative link in the built site whose target does not exist."""
    broken = []
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            url, _ = urldefrag(link)
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            if parts.path.startswith("/"):
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {link}")
    return broken
