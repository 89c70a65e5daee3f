"""The code is formatted by ruff and has no unused or undefined names."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.sitetools import ROOT

PATHS = ["build_tools", "tests", "benchmarks"]


@pytest.mark.parametrize(
    "command",
    [["format", "--check", *PATHS], ["check", "--select", "F", *PATHS]],
    ids=["format", "pyflakes"],
)
def test_style_ruff(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
