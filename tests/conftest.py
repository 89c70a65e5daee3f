"""Shared fixtures and the --update-goldens option."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/ from the current output instead of comparing",
    )


@pytest.fixture(scope="session")
def knowledge():
    """The curated knowledge the project ships."""
    return load_knowledge()
