"""Nothing lost: every kind of seed file a curator may drop in, and its exact outcome.

`tests/test_read.py` holds the reader's basic cases; this file adds the
encodings, sizes, names, headers and folders met in practice, the curator's
check, and a real `mkdocs build` over a folder of good and bad seeds.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import subprocess
from pathlib import Path

import pytest

from build_tools.archive import annotate_seeds, load_archive
from build_tools.cli import main
from build_tools.errors import SeedError
from build_tools.model import Knowledge
from build_tools.read import PARAGRAPH_MAX, SIZE_LIMIT, SIZE_WARNING, parse_seed, read_seed
from build_tools.render import render_document
from tests.sitetools import MKDOCS, build, env, make_project, write_seeds

EMPTY = Knowledge()

KOREAN = (
    "국방부, 한미 안보협의회의 결과 발표\n"
    "김용현 국방부 장관은 10월 30일 워싱턴에서 로이드 오스틴 미국 국방장관과 제56차"
    " 한미안보협의회의를 개최했다. 양측은 북한의 핵·미사일 위협에 대응하기 위한 확장억제"
    " 강화 방안을 논의하고, 북한과 러시아의 군사협력을 강력히 규탄했다.\n"
    "두 장관은 한미동맹이 인도·태평양 지역의 평화와 번영의 핵심축이라는 점을 재확인했다.\n"
)
WESTERN = (
    "The Minister\u2019s \u201cfirm\u201d reply\n"
    "She said \u201cno\u201d \u2013 twice \u2014 and the cabinet\u2019s support\u2026 was clear"
    " in Z\u00fcrich, K\u00f8benhavn and Orl\u00e9ans; a na\u00efve r\u00e9sum\u00e9 it was not.\n"
)
POLISH = (
    "O\u015bwiadczenie ministra\n"
    "Minister spraw zagranicznych powiedzia\u0142, \u017ce rozmowy b\u0119d\u0105"
    " kontynuowane w przysz\u0142ym tygodniu w Warszawie.\n"
)


def texts(seed) -> list[str]:
    return [b.text for b in seed.blocks]


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


# ----------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "raw, encoding, expected",
    [
        (KOREAN.encode("utf-8"), "utf-8", KOREAN),
        (codecs.BOM_UTF8 + KOREAN.encode("utf-8"), "utf-8-sig", KOREAN),
        (codecs.BOM_UTF16_LE + KOREAN.encode("utf-16-le"), "utf-16", KOREAN),
        (codecs.BOM_UTF16_BE + KOREAN.encode("utf-16-be"), "utf-16", KOREAN),
        (KOREAN.encode("cp949"), "cp949", KOREAN),
        (KOREAN.encode("euc-kr"), "cp949", KOREAN),
        (WESTERN.encode("cp1252"), "cp1252", WESTERN),
        (WESTERN.replace("\u2026", "...").encode("latin-1", "replace"), "cp1252", None),
        (POLISH.encode("cp1250"), "cp1250", POLISH),
    ],
    ids=[
        "utf-8",
        "utf-8-bom",
        "utf-16-le-bom",
        "utf-16-be-bom",
        "cp949",
        "euc-kr",
        "windows-1252",
        "latin-1",
        "windows-1250",
    ],
)
def test_inputs_encoding_is_detected_and_the_text_is_exact(raw, encoding, expected):
    seed, problems = parse_seed(raw, "seeds/s.txt")
    assert seed.encoding == encoding
    assert problems == []
    if expected is not None:
        assert texts(seed) == lines(expected)


def test_inputs_latin_1_accents_are_read_as_western_text():
    raw = "Déclaration\nLe ministre a déclaré à Genève que la négociation reprendra.\n"
    seed, _ = parse_seed(raw.encode("latin-1"), "seeds/s.txt")
    assert texts(seed) == lines(raw)


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"\x81\x8d\x8f\x90\x9d", "the text encoding cannot be determined"),
        (bytes(range(0x80, 0x100)) * 3, "the text encoding cannot be determined"),
        (KOREAN.encode("utf-16-le"), "binary file (contains NUL bytes)"),
        (codecs.BOM_UTF16_LE + b"T\x00\xd8", "invalid utf-16 text"),
    ],
    ids=["undecidable-bytes", "every-high-byte", "utf-16-without-bom", "truncated-utf-16"],
)
def test_inputs_undecodable_bytes_are_an_error_naming_the_file(raw, message):
    with pytest.raises(SeedError) as caught:
        parse_seed(raw, "seeds/strange.txt")
    assert caught.value.problem.path == "seeds/strange.txt"
    assert caught.value.problem.message.startswith(message)
    assert str(caught.value).startswith("seeds/strange.txt: error: ")


# ----------------------------------------------------------------- empty and binary


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"\r\n\r\n", "the file is empty"),
        (codecs.BOM_UTF8, "no title: the file has no text"),
        (codecs.BOM_UTF8 + b" \n\t\n", "no title: the file has no text"),
        ("\u200b\u2060\n\u00a0\n".encode(), "no title: the file has no text"),
        (b"---\ntitle: Only a header\n---\n", "no title: the file has no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary file (contains NUL bytes)"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "binary file (contains NUL bytes)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\x00>>", "binary file (contains NUL bytes)"),
    ],
    ids=[
        "blank-crlf-lines",
        "bom-only",
        "bom-and-whitespace",
        "invisible-only",
        "header-only",
        "png",
        "zip",
        "gzip",
        "pdf",
    ],
)
def test_inputs_files_without_text_are_refused(raw, message):
    with pytest.raises(SeedError) as caught:
        parse_seed(raw, "seeds/x.txt")
    assert caught.value.problem.message == message or caught.value.problem.message.startswith(
        message
    )


@pytest.mark.parametrize(
    "raw",
    [b"Only a title", b"Only a title\n\n\n", "Only a title\n\u00a0\t\n\u200b\n".encode()],
    ids=["no-newline", "blank-lines", "invisible-lines"],
)
def test_inputs_title_without_body_is_published_with_a_warning(raw):
    seed, problems = parse_seed(raw, "seeds/t.txt")
    assert texts(seed) == ["Only a title"]
    assert [(p.severity, p.message) for p in problems] == [
        ("warning", "the seed has a title but no body")
    ]


# ----------------------------------------------------------------- size and shape


def _big_text(paragraphs: int) -> tuple[str, list[str]]:
    sentence = "The delegation met the ministry and agreed on the next round of talks. "
    body = [f"Item {i:06d}. " + sentence * 12 + f"End of item {i:06d}." for i in range(paragraphs)]
    return "A very large record\n" + "\n".join(body) + "\n", body


def test_inputs_seed_under_the_size_limit_is_read_and_annotated_completely(knowledge):
    text, body = _big_text(SIZE_LIMIT // 900)
    raw = text.encode("utf-8")
    assert SIZE_WARNING < len(raw) <= SIZE_LIMIT
    seed, problems = parse_seed(raw, "seeds/big.txt", "big.txt")
    assert [p.severity for p in problems] == ["warning"]
    [doc], _ = annotate_seeds([seed], knowledge)
    assert texts(doc.seed) == ["A very large record", *body]
    page = render_document(doc)
    assert page.count("End of item ") == len(body)
    assert f"End of item {len(body) - 1:06d}." in page


@pytest.mark.parametrize("length", [10_000, 1_000_000])
def test_inputs_very_long_line_is_split_losing_nothing(length):
    words = " ".join(f"w{i}" for i in range(length // 8))
    seed, _ = parse_seed(f"Title\n{words}\n".encode(), "seeds/long.txt")
    assert " ".join(texts(seed)[1:]) == words
    assert max(len(t) for t in texts(seed)) <= PARAGRAPH_MAX


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"Title\r\nOne.\nTwo.\rThree.\r\n", ["Title", "One.", "Two.", "Three."]),
        (
            b"Title\r\n\r\nA paragraph wrapped\r\nover two lines\r\n\r\nNext one.\r\n",
            ["Title", "A paragraph wrapped over two lines", "Next one."],
        ),
        (b"Title\r\rOne.\r\rTwo.\r", ["Title", "One.", "Two."]),
        (b"\tTitle\twith\ttabs\n\t\tIndented\tbody.\n", ["Title with tabs", "Indented body."]),
        (b"Title\nA\x0bB\x0cC\x1cD\x1fE.\n", ["Title", "A B C D E."]),
        ("Title\nOne\u2028two\u2029three\x85four.\n".encode(), ["Title", "One two three four."]),
        (
            "Title\nzero\u200bwidth, word\u2060joiner, \ufeffBOM.\n".encode(),
            ["Title", "zerowidth, wordjoiner, BOM."],
        ),
        (
            "Title\nnon\u00a0breaking,\u202fnarrow,\u3000ideographic.\n".encode(),
            ["Title", "non breaking, narrow, ideographic."],
        ),
        (
            "Title\nkeeps\u200dZWJ and \u200cZWNJ.\n".encode(),
            ["Title", "keeps\u200dZWJ and \u200cZWNJ."],
        ),
        ("Title\n\u00a0\nOne.\n\u00a0\nTwo.\n".encode(), ["Title", "One.", "Two."]),
    ],
    ids=[
        "mixed-line-ends",
        "crlf-blocks",
        "cr-blocks",
        "tabs",
        "vertical-tab-form-feed-separators",
        "unicode-line-separators",
        "zero-width-marks-removed",
        "unicode-spaces",
        "joiners-kept",
        "nbsp-blank-lines",
    ],
)
def test_inputs_line_ends_and_spaces_are_normalised(raw, expected):
    seed, _ = parse_seed(raw, "seeds/s.txt")
    assert texts(seed) == expected


# ----------------------------------------------------------------- headers


@pytest.mark.parametrize(
    "raw, line, message",
    [
        (b"---\ndate: 2024-01-01\ntitle: [unclosed\n---\nT\n", 4, "invalid YAML front-matter"),
        (b"---\n\tdate: 2024-01-01\n---\nT\n", 2, "invalid YAML front-matter"),
        (b"---\ndate: 2024-01-01\n  bad: indent\n---\nT\n", 3, "invalid YAML front-matter"),
        (b"---\r\ntitle: ok\r\ndate: : :\r\n---\r\nT\r\n", 3, "invalid YAML front-matter"),
        (b"---\ntitle: x\nnever closed\n", 1, "front-matter starts with '---' but never ends"),
    ],
    ids=["unclosed-list", "tab-indent", "bad-indent", "crlf", "unterminated"],
)
def test_inputs_broken_header_names_the_line(raw, line, message):
    with pytest.raises(SeedError) as caught:
        parse_seed(raw, "seeds/h.txt")
    assert caught.value.problem.line == line
    assert caught.value.problem.message.startswith(message)
    assert str(caught.value).startswith(f"seeds/h.txt:{line}: error: ")


def test_inputs_unknown_header_keys_are_warnings_and_the_seed_is_read():
    raw = b"---\ntilte: Misspelt\ntags: [x]\ndate: 2024-05-01\n---\nTitle\nBody.\n"
    seed, problems = parse_seed(raw, "seeds/h.txt")
    assert texts(seed) == ["Title", "Body."]
    assert [(p.severity, p.message) for p in problems] == [
        ("warning", "unknown header key 'tilte'"),
        ("warning", "unknown header key 'tags'"),
    ]


@pytest.mark.parametrize(
    "header, message",
    [
        ("slug: ../../outside", "header slug '../../outside' is not allowed"),
        ("slug: ..", "header slug '..' is not allowed"),
        ("slug: /etc/passwd", "header slug '/etc/passwd' is not allowed"),
        ("slug: 'a\\b'", "header slug 'a\\\\b' is not allowed"),
        ("slug: '%2e%2e'", "header slug '%2e%2e' is not allowed"),
        ("slug: Upper", "header slug 'Upper' is not allowed"),
        ("slug: '-leading'", "header slug '-leading' is not allowed"),
        ("slug: ''", "header slug '' is not allowed"),
        ("slug: [a, b]", "header slug ['a', 'b'] is not allowed"),
        ("slug: 1", "header slug 1 is not allowed"),
        ("source_url: file:///etc/passwd", "header source_url 'file:///etc/passwd' is not"),
        ("source_url: //evil.example", "header source_url '//evil.example' is not"),
        ("title: [a, b]", "header title must be text"),
        ("actors: lloyd-austin", "header actors must be a list of ids"),
    ],
)
def test_inputs_header_values_that_could_escape_are_refused(header, message):
    with pytest.raises(SeedError) as caught:
        parse_seed(f"---\n{header}\n---\nTitle\nBody.\n".encode(), "seeds/h.txt")
    assert caught.value.problem.message.startswith(message)


@pytest.mark.parametrize(
    "value, message",
    [
        ("soon", "header date 'soon' is not a date"),
        ("2024-13-45", "invalid date in the front-matter: month must be in 1..12"),
        ("2024-02-30", "invalid date in the front-matter: day is out of range for month"),
        ("'2024-02-30'", "header date '2024-02-30' is not a date"),
        ("2024-99", "header date '2024-99' is not a date"),
        ("'2024-1-5'", "header date '2024-1-5' is not a date"),
        ("20241030", "header date 20241030 is not a date"),
        ("0000", "header date 0 is not a date"),
        ("true", "header date True is not a date"),
        ("[2024]", "header date [2024] is not a date"),
        ("30 October 2024", "header date '30 October 2024' is not a date"),
    ],
)
def test_inputs_header_date_that_is_not_a_date_is_refused(value, message):
    with pytest.raises(SeedError) as caught:
        parse_seed(f"---\ndate: {value}\n---\nTitle\nBody.\n".encode(), "seeds/h.txt")
    assert caught.value.problem.message == message


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-10-30", dt.date(2024, 10, 30)),
        ("'2024-10'", "2024-10"),
        ("2024", 2024),
        ("2024-10-30T09:00:00", dt.datetime(2024, 10, 30, 9)),
    ],
)
def test_inputs_header_dates_that_are_dates_are_kept(value, expected):
    seed, problems = parse_seed(f"---\ndate: {value}\n---\nT\nBody.\n".encode(), "seeds/h.txt")
    assert seed.header["date"] == expected
    assert problems == []


# ----------------------------------------------------------------- names and folders


def test_inputs_file_names_with_spaces_and_korean_get_clean_urls(tmp_path: Path):
    write_seeds(
        tmp_path / "seeds",
        {
            "2024-10-30 SCM meeting.txt": "SCM\nBody.\n",
            "국방부 발표.txt": KOREAN,
            "asia/korea/Joint Statement.txt": "Joint\nBody.\n",
            "UPPER.TXT": "Upper case suffix\nBody.\n",
        },
    )
    archive = load_archive(tmp_path / "seeds", EMPTY, base=tmp_path)
    assert {d.source: d.slug for d in archive.documents} == {
        "seeds/2024-10-30 SCM meeting.txt": "2024-10-30-scm-meeting",
        "seeds/UPPER.TXT": "upper",
        "seeds/asia/korea/Joint Statement.txt": "asia/korea/joint-statement",
        "seeds/국방부 발표.txt": "국방부-발표",
    }
    assert archive.problems == ()


def test_inputs_same_title_in_two_seeds_gives_two_urls(tmp_path: Path):
    write_seeds(tmp_path, {"a.txt": "Same title\nOne.\n", "b.txt": "Same title\nTwo.\n"})
    archive = load_archive(tmp_path, EMPTY)
    assert sorted(d.slug for d in archive.documents) == ["a", "b"]


def test_inputs_names_that_reduce_to_one_url_get_stable_suffixes(tmp_path: Path):
    write_seeds(tmp_path, {"a-b.txt": "One\nx.\n", "A B.txt": "Two\nx.\n", "a_b.txt": "3\nx.\n"})
    suffix = {n: hashlib.sha1(n.encode()).hexdigest()[:6] for n in ("A B.txt", "a_b.txt")}
    expected = {"a-b.txt": "a-b", **{n: f"a-b-{s}" for n, s in suffix.items()}}
    for _ in range(2):
        archive = load_archive(tmp_path, EMPTY)
        assert {Path(d.source).name: d.slug for d in archive.documents} == expected


def test_inputs_header_slug_moves_a_document_inside_documents(tmp_path: Path):
    write_seeds(tmp_path, {"asia/x.txt": "---\nslug: better-name\n---\nTitle\nBody.\n"})
    [doc] = load_archive(tmp_path, EMPTY).documents
    assert doc.slug == "asia/better-name"


def test_inputs_unreadable_file_is_an_error_naming_it(tmp_path: Path):
    missing = tmp_path / "gone.txt"
    with pytest.raises(SeedError) as caught:
        read_seed(missing, tmp_path, "seeds/gone.txt")
    assert caught.value.problem.path == "seeds/gone.txt"
    assert caught.value.problem.message.startswith("cannot read the file")


def test_inputs_check_reports_skipped_files_and_every_bad_seed(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_seeds(
        tmp_path / "seeds",
        {
            "good.txt": "---\ndate: 2024-01-02\n---\nGood\nBody.\n",
            "korean.txt": KOREAN.encode("cp949"),
            ".hidden.txt": "Hidden\nBody.\n",
            ".git/HEAD.txt": "ref\n",
            "notes.md": "# notes\n",
            "scan.pdf": b"%PDF-1.7\x00",
            "seed.txt.bak": "Backup\nBody.\n",
            "unknown.txt": "---\ncolour: red\ndate: 2024-01-02\n---\nT\nBody.\n",
            "bad-date.txt": "---\ndate: 2024-02-30\n---\nT\nBody.\n",
            "binary.txt": b"\x00\x01",
        },
    )
    assert main(["check", "--seeds", "seeds"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if "note: skipped" in line] == [
        f"seeds/{name}: note: skipped (hidden, not a .txt seed, or a link outside the seeds folder)"
        for name in [".git/HEAD.txt", ".hidden.txt", "notes.md", "scan.pdf", "seed.txt.bak"]
    ]
    assert sorted(line.split(": error:")[0] for line in out if ": error:" in line) == [
        "seeds/bad-date.txt",
        "seeds/binary.txt",
    ]
    assert "seeds/korean.txt: note: read as cp949" in out
    assert any(
        line.startswith("seeds/unknown.txt: warning: unknown header key 'colour'") for line in out
    )
    assert out[-1].startswith("3 seeds read, 2 errors, ")


# ----------------------------------------------------------------- a real build

GOOD = {
    "2024-10-30 SCM meeting.txt": "Security meeting\nThe ministers met in Washington.\n",
    "국방부 발표.txt": KOREAN.encode("cp949"),
    "europe/western.txt": WESTERN.encode("cp1252"),
    "crlf.txt": b"Line ends\r\nWritten on Windows.\r\n",
    "same-title-a.txt": "Same title\nFirst body.\n",
    "same-title-b.txt": "Same title\nSecond body.\n",
}
GOOD_PAGES = {
    "documents/2024-10-30-scm-meeting/index.html": "The ministers met in Washington.",
    "documents/국방부-발표/index.html": "두 장관은 한미동맹이",
    "documents/europe/western/index.html": "K\u00f8benhavn and Orl\u00e9ans",
    "documents/crlf/index.html": "Written on Windows.",
    "documents/same-title-a/index.html": "First body.",
    "documents/same-title-b/index.html": "Second body.",
}
BAD = {
    "empty.txt": "",
    "blank.txt": " \n\t\n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00",
    "undecidable.txt": b"\x81\x8d\x8f\x90\x9d",
    "utf16-no-bom.txt": "Title\nBody.\n".encode("utf-16-le"),
    "broken-yaml.txt": "---\ntitle: [unclosed\n---\nTitle\nBody.\n",
    "bad-date.txt": "---\ndate: 2024-13-45\n---\nTitle\nBody.\n",
    "escape.txt": "---\nslug: ../../../outside\n---\nTitle\nBody.\n",
    "header-only.txt": "---\ntitle: Nothing else\n---\n",
    "sub/folder/bad-url.txt": "---\nsource_url: javascript:alert(1)\n---\nTitle\nBody.\n",
}


@pytest.fixture(scope="module")
def mixed_project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("mixed"), {**GOOD, **BAD})


@pytest.mark.slow
def test_inputs_strict_build_fails_and_names_every_bad_seed(mixed_project: Path):
    result = build(mixed_project)
    assert result.returncode != 0
    named = {name for name in BAD if f"seeds/{name}" in result.stderr}
    assert named == set(BAD)
    assert not any(f"seeds/{name}:" in result.stderr for name in GOOD if ".txt" in name)


@pytest.mark.slow
def test_inputs_lenient_build_publishes_every_good_seed(mixed_project: Path):
    result = subprocess.run(
        [*MKDOCS, "build"],
        cwd=mixed_project,
        env=env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    site = mixed_project / "site"
    for page, text in GOOD_PAGES.items():
        assert text in (site / page).read_text(encoding="utf-8"), page
    built = {
        p.parent.relative_to(site / "documents").as_posix()
        for p in site.glob("documents/**/index.html")
    }
    assert built == {p[len("documents/") : -len("/index.html")] for p in GOOD_PAGES}


def test_inputs_links_leading_outside_the_seeds_folder_are_skipped(tmp_path: Path):
    from build_tools.read import discover

    outside = tmp_path / "outside.txt"
    outside.write_text("Secret\nNot a seed.\n")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "real.txt").write_text("Real\nBody.\n")
    (seeds / "link.txt").symlink_to(outside)
    (seeds / "inner-link.txt").symlink_to(seeds / "real.txt")
    found, skipped = discover(seeds)
    assert [p.name for p in found] == ["inner-link.txt", "real.txt"]
    assert [p.name for p in skipped] == ["link.txt"]
