"""Curated knowledge: every kind of mistake a curator can make is named, with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.errors import KnowledgeError
from build_tools.knowledge import DEFAULT_DIR, load_knowledge, read_knowledge
from build_tools.model import Knowledge

PERSON = "- id: ann-example\n  name: Ann Example\n  kind: person\n"
LEXICON = (DEFAULT_DIR / "lexicon.yaml").read_text(encoding="utf-8")


def with_lexicon(folder: Path, text: str = LEXICON) -> Path:
    """``folder`` with a lexicon.yaml (the default one unless ``text`` is given)."""
    (folder / "lexicon.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "file, text, line, message",
    [
        (
            "topics.yaml",
            "- id: a\n  label: A\n  terms: [x]\n  broader: nowhere\n",
            1,
            "topic 'a' has unknown broader topic 'nowhere'",
        ),
        (
            "topics.yaml",
            "- id: ok\n  label: Ok\n  terms: [x]\n- id: Not An Id\n  label: B\n",
            4,
            "malformed id 'Not An Id'",
        ),
        (
            "actors.yaml",
            PERSON + "  aliases: [Annie]\n- id: bob\n  name: Bob\n  kind: person\n"
            "  aliases: [Annie]\n",
            5,
            "alias 'annie' is claimed by both 'ann-example' and 'bob'",
        ),
        (
            "actors.yaml",
            PERSON + "  roles:\n    - title: Minister\n",
            5,
            "role 'Minister' has no start date",
        ),
        (
            "actors.yaml",
            PERSON + "  roles:\n    - {title: Minister, from: soon}\n",
            5,
            "'from' is not a date: 'soon'",
        ),
        (
            "actors.yaml",
            PERSON + "  roles:\n    - {title: Minister, from: 2024-01-01}\n    - title: Envoy\n"
            "      from: 2024-13-45\n",
            6,
            "'from' is not a date: '2024-13-45'",
        ),
        ("actors.yaml", "- id: x\n  name: X\n  kind: planet\n", 1, "actor 'x' has kind 'planet'"),
        (
            "actors.yaml",
            PERSON + "  affiliation: nowhere\n",
            1,
            "'ann-example': unknown affiliation 'nowhere'",
        ),
        ("actors.yaml", "- id: a\n  name: [unclosed\n", 3, "invalid YAML"),  # seen at the end
        ("glossary.yaml", "- abbr: ABC\n", 1, "glossary entry needs 'abbr' and 'expansion'"),
        ("countries.yaml", "- code: XX\n", 1, "unknown ISO 3166 alpha-2 code 'XX'"),
        ("lexicon.yaml", "words: [1, 2]\n", None, "lexicon list 'words' must be a list of strings"),
    ],
)
def test_knowledge_errors_name_file_line_and_problem(tmp_path: Path, file, text, line, message):
    with_lexicon(tmp_path)
    (tmp_path / file).write_text(LEXICON + text if file == "lexicon.yaml" else text, "utf-8")
    _, problems = read_knowledge(tmp_path)
    errors = [p for p in problems if p.severity == "error"]
    assert [p.path for p in errors] == [str(tmp_path / file)]
    assert message in errors[0].message
    assert errors[0].line == line
    with pytest.raises(KnowledgeError):
        load_knowledge(tmp_path)


def test_knowledge_unknown_key_is_a_warning(tmp_path: Path):
    with_lexicon(tmp_path)
    (tmp_path / "actors.yaml").write_text(PERSON + "  nickname: Annie\n", encoding="utf-8")
    _, problems = read_knowledge(tmp_path)
    assert [(p.severity, p.message, p.line) for p in problems] == [
        ("warning", "unknown key 'nickname'", 1)
    ]


def test_knowledge_check_command_prints_one_line_per_problem(tmp_path: Path, capsys):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    with_lexicon(knowledge)
    (knowledge / "topics.yaml").write_text("- id: a\n  label: A\n  broader: b\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ok.txt").write_text("Title\nBody.\n", encoding="utf-8")
    assert main(["--knowledge", str(knowledge), "check", "--seeds", str(seeds)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(
        line.startswith(
            f"{knowledge}/topics.yaml:1: error: topic 'a' has unknown broader topic 'b'"
        )
        for line in out
    )
    assert any(
        line.startswith(f"{knowledge}/topics.yaml:1: warning: topic 'a' has no match terms")
        for line in out
    )


def _renamed(old: str, new: str) -> str:
    assert f"\n{old}:" in LEXICON
    return LEXICON.replace(f"\n{old}:", f"\n{new}:")


@pytest.mark.parametrize(
    "text, errors, warnings",
    [
        (
            _renamed("date-months", "date-monhts"),
            [
                "lexicon list 'date-months' is missing; the annotators read it"
                " (fix: rename 'date-monhts' to 'date-months')"
            ],
            [
                "lexicon list 'date-monhts' is read by no annotator"
                " (fix: rename it to 'date-months')"
            ],
        ),
        (
            _renamed("topic-generic", "topics-generic"),
            [
                "lexicon list 'topic-generic' is missing; the annotators read it"
                " (fix: rename 'topics-generic' to 'topic-generic')"
            ],
            [
                "lexicon list 'topics-generic' is read by no annotator"
                " (fix: rename it to 'topic-generic')"
            ],
        ),
        (
            LEXICON + "\ncolours: [red, blue]\n",
            [],
            [
                "lexicon list 'colours' is read by no annotator"
                " (fix: remove it, or correct its name)"
            ],
        ),
    ],
)
def test_knowledge_lexicon_list_names_are_checked_at_load(tmp_path: Path, text, errors, warnings):
    _, problems = read_knowledge(with_lexicon(tmp_path, text))
    path = str(tmp_path / "lexicon.yaml")
    assert all(p.path == path and p.line for p in problems)
    said = [(p.severity, str(p).split(": ", 2)[2]) for p in problems]
    assert said == [("error", e) for e in errors] + [("warning", w) for w in warnings]


def test_knowledge_missing_lexicon_is_an_error(tmp_path: Path):
    with pytest.raises(KnowledgeError, match="lexicon.yaml: error: the lexicon is missing"):
        load_knowledge(tmp_path)


def test_knowledge_lexicon_list_declared_by_a_component_must_exist(tmp_path: Path):
    _, problems = read_knowledge(with_lexicon(tmp_path), lists=frozenset({"no-such-list"}))
    errors = [p.message for p in problems if p.severity == "error"]
    assert errors == ["lexicon list 'no-such-list' is missing; the annotators read it"]


def test_knowledge_words_of_an_unknown_list_is_an_error():
    knowledge = Knowledge(lexicon={"date-months": ("January",)})
    assert knowledge.words("date-months") == ("January",)
    with pytest.raises(LookupError, match="'date-monhts'"):
        knowledge.words("date-monhts")


def test_knowledge_check_command_reports_a_misspelt_lexicon_list(tmp_path: Path, capsys):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    with_lexicon(knowledge, _renamed("topic-generic", "topic-generc"))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ok.txt").write_text("Title\nBody.\n", encoding="utf-8")
    assert main(["--knowledge", str(knowledge), "check", "--seeds", str(seeds)]) == 1
    out = capsys.readouterr().out
    assert "error: lexicon list 'topic-generic' is missing" in out
    assert "(fix: rename 'topic-generc' to 'topic-generic')" in out


def test_knowledge_shipped_files_load_without_problems():
    _, problems = read_knowledge(DEFAULT_DIR)
    assert [str(p) for p in problems] == []
