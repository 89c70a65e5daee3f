"""Golden files: the exact Markdown generated for known seeds.

Every seed in ``seeds/`` and every ``tests/golden/*.txt`` has an expected page
``tests/golden/<stem>.md``; a missing expectation fails.  After a deliberate
change, ``make goldens`` rewrites them; review the diff like code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.archive import annotate_seeds, site_pages
from build_tools.extract import collect_seeds
from build_tools.index import Site

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
INPUTS = sorted(ROOT.glob("seeds/*.txt")) + sorted(GOLDEN.glob("*.txt"))


def render_alone(seed_path: Path, knowledge) -> str:
    seeds, problems, _ = collect_seeds([seed_path.relative_to(ROOT)])
    assert not [p for p in problems if p.severity == "error"], problems
    docs, _ = annotate_seeds(seeds, knowledge)
    pages, _ = site_pages(docs, knowledge, Site(), "https://policy-archive.example.org/")
    [markdown] = pages.values()
    return markdown


@pytest.mark.parametrize("seed_path", INPUTS, ids=lambda p: p.stem)
def test_golden_document_markdown(seed_path: Path, knowledge, request, monkeypatch):
    monkeypatch.chdir(ROOT)
    expected_path = GOLDEN / f"{seed_path.stem}.md"
    actual = render_alone(seed_path, knowledge)
    if request.config.getoption("--update-goldens"):
        expected_path.write_text(actual, encoding="utf-8")
    assert expected_path.exists(), f"no golden file {expected_path}; run `make goldens`"
    assert actual == expected_path.read_text(encoding="utf-8")
