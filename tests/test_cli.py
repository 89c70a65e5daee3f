"""The command line: each stage inspectable, errors as 'file: problem' and an exit code."""

from __future__ import annotations

import json
from pathlib import Path

from build_tools.cli import main, parser

from tests.sitetools import ROOT, write_seeds

SEED = ROOT / "seeds" / "000_61da1cec703a9f14.txt"


def test_cli_render_prints_the_markdown(capsys):
    assert main(["render", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("---\ntitle: Following the Korea-US SCM")


def test_cli_render_out_writes_every_page(tmp_path: Path):
    assert main(["render", str(SEED.parent), "--out", str(tmp_path)]) == 0
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md")}
    assert {"index.md", "documents/000-61da1cec703a9f14.md", "actors/index.md"} <= written


def test_cli_extract_json_has_the_interface_keys(capsys):
    assert main(["extract", "--format", "json", str(SEED)]) == 0
    [record] = json.loads(capsys.readouterr().out)
    assert set(record) == {
        "source",
        "title",
        "date",
        "date_precision",
        "date_evidence",
        "actors",
        "topics",
        "events",
        "abbreviations",
        "statements",
    }
    assert record["source"] == SEED.as_posix()


def test_cli_check_reports_bad_seeds_and_exits_non_zero(tmp_path: Path, capsys):
    write_seeds(
        tmp_path, {"ok.txt": "T\nBody.\n", "bad.txt": "---\ndate: never\n---\nT\n", "x.md": "no"}
    )
    assert main(["check", "--seeds", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path.name}/bad.txt: error: header date 'never' is not a date" in out
    assert "x.md: note: skipped" in out


UNREGISTERED = {
    "a.txt": "Talks\nForeign Minister Tavita Lemalu met business leaders Ruslan Kuzhetov and "
    "Oyelaran Adebayo-Cole in Japan.\n",
    "b.txt": "More talks\nThe officials Ruslan Kuzhetov and Dariusz Wroblak said no.\n",
}


def test_cli_check_lists_detected_actors_with_confidence_surest_first(tmp_path: Path, capsys):
    write_seeds(tmp_path, UNREGISTERED)
    assert main(["check", "--seeds", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    lines = [line.split("\t") for line in out.splitlines() if line.startswith("  ")]
    by_id = {line[0].strip(): line for line in lines}
    assert by_id["tavita-lemalu"][1:4] == ["Tavita Lemalu", "person", "high 0.90 (title)"]
    assert set(by_id) == {
        "tavita-lemalu",
        "ruslan-kuzhetov",
        "oyelaran-adebayo-cole",
        "dariusz-wroblak",
    }
    assert by_id["ruslan-kuzhetov"][4].startswith("2 documents")
    assert by_id["tavita-lemalu"][4].startswith("1 document,")
    scores = [float(line[3].split()[1]) for line in lines]
    assert scores == sorted(scores, reverse=True)
    assert all(line[3].split()[0] in ("high", "medium", "low") for line in lines)


def test_cli_extract_json_gives_unregistered_actors_a_confidence(tmp_path: Path, capsys):
    write_seeds(tmp_path, UNREGISTERED)
    assert main(["extract", "--format", "json", str(tmp_path / "a.txt")]) == 0
    [record] = json.loads(capsys.readouterr().out)
    sure = {a["id"]: a.get("confidence") for a in record["actors"]}
    assert sure["japan"] is None
    assert sure["tavita-lemalu"] == {"score": 0.9, "evidence": "title"}
    assert 0.55 <= sure["ruslan-kuzhetov"]["score"] <= 0.9
    assert "role noun" in sure["ruslan-kuzhetov"]["evidence"].split("+")


def test_cli_every_command_has_help_and_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = parser()._subparsers._group_actions[0].choices
    for name, sub in commands.items():
        assert sub.description or sub.format_help()
        assert f"python -m build_tools {name}" in readme, name
