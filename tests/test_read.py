"""Stage 1, read: bytes → Seed, and every way a seed can be wrong."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.errors import SeedError
from build_tools.read import discover, parse_seed, seed_slug


def kinds(seed):
    return [(b.kind, b.text) for b in seed.blocks]


def test_read_one_paragraph_per_line():
    seed, problems = parse_seed(b"Title\nA sub-title\nFirst para.\nSecond para.\n", "s.txt")
    assert kinds(seed) == [
        ("title", "Title"),
        ("subtitle", "A sub-title"),
        ("paragraph", "First para."),
        ("paragraph", "Second para."),
    ]
    assert problems == []


def test_read_blank_line_blocks_join_hard_wrapped_lines():
    raw = b"Title\n\nThe first paragraph is\nwrapped over lines\nby an editor.\n\nSecond one.\n"
    seed, _ = parse_seed(raw, "s.txt")
    assert kinds(seed) == [
        ("title", "Title"),
        ("paragraph", "The first paragraph is wrapped over lines by an editor."),
        ("paragraph", "Second one."),
    ]


@pytest.mark.parametrize(
    "second, kind",
    [
        ("Short line without a full stop", "subtitle"),
        ("A sentence that ends with a full stop.", "paragraph"),
        ("x" * 201, "paragraph"),
    ],
)
def test_read_subtitle_rule(second, kind):
    seed, _ = parse_seed(f"Title\n{second}\nBody.\n".encode(), "s.txt")
    assert seed.blocks[1].kind == kind


def test_read_only_title_and_subtitle_candidate_is_a_paragraph():
    seed, problems = parse_seed(b"Title\nOnly line\n", "s.txt")
    assert kinds(seed) == [("title", "Title"), ("paragraph", "Only line")]
    assert problems == []


def test_read_title_without_body_warns():
    seed, problems = parse_seed(b"Just a title\n", "s.txt")
    assert kinds(seed) == [("title", "Just a title")]
    assert [p.message for p in problems] == ["the seed has a title but no body"]


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file is empty"),
        (b"Title\x00\x01\x02 binary", "binary file (contains NUL bytes)"),
        (b"---\ndate: 2024-01-01\n---\n\n", "no title: the file has no text"),
        (b"---\ntitle: [unclosed\n---\nTitle\n", "invalid YAML front-matter"),
        (b"---\ndate: 2024-01-01\nTitle\nBody\n", "front-matter starts with '---' but never ends"),
        (b"---\ndate: soon\n---\nTitle\n", "header date 'soon' is not a date"),
        (b"---\nslug: ../../etc\n---\nTitle\n", "header slug '../../etc' is not allowed"),
        (b"---\nslug: a/b\n---\nTitle\n", "header slug 'a/b' is not allowed"),
        (b"---\nsource_url: javascript:alert(1)\n---\nT\n", "is not an http(s) URL"),
        (b"---\n- a list\n---\nTitle\n", "front-matter is not a mapping"),
    ],
)
def test_read_errors_name_the_file_and_the_problem(raw, message):
    with pytest.raises(SeedError) as caught:
        parse_seed(raw, "seeds/bad.txt")
    assert caught.value.problem.path == "seeds/bad.txt"
    assert message in caught.value.problem.message


def test_read_broken_yaml_gives_the_line_number():
    raw = b'---\ndate: 2024-01-01\ntitle: "open\n---\nTitle\n'
    with pytest.raises(SeedError) as caught:
        parse_seed(raw, "s.txt")
    assert caught.value.problem.line in (3, 4)
    assert str(caught.value).startswith("s.txt:")


def test_read_header_values():
    raw = b"---\ndate: 2024-10-30\npublisher: MND\nfoo: 1\n---\nTitle\nBody text.\n"
    seed, problems = parse_seed(raw, "s.txt")
    assert seed.header["date"] == dt.date(2024, 10, 30)
    assert seed.header["publisher"] == "MND"
    assert [(p.severity, p.message) for p in problems] == [("warning", "unknown header key 'foo'")]


@pytest.mark.parametrize(
    "raw, encoding",
    [
        ("Title\nBody — “quoted”.\n".encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + "Title\nBody — “quoted”.\n".encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "Title\nBody — “quoted”.\n".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "Title\nBody — “quoted”.\n".encode("utf-16-be"), "utf-16"),
    ],
)
def test_read_unicode_encodings(raw, encoding):
    seed, _ = parse_seed(raw, "s.txt")
    assert seed.encoding == encoding
    assert seed.blocks[1].text == "Body — “quoted”."


def test_read_cp949_korean():
    text = "국방부 장관 회담\n김용현 국방부 장관은 30일 워싱턴에서 미국 국방장관과 안보협의회의를 개최했다. 양국은 북한과 러시아의 군사협력을 규탄하는 공동성명을 발표할 예정이다.\n"
    seed, _ = parse_seed(text.encode("cp949"), "s.txt")
    assert seed.encoding in ("cp949", "euc_kr", "johab") or "kr" in seed.encoding
    assert seed.title == "국방부 장관 회담"


def test_read_windows_1252_smart_quotes():
    text = "Minister\u2019s statement\nThe minister said \u201cno\u201d to the plan \u2013 again, and again, with the cabinet\u2019s support.\n"
    seed, _ = parse_seed(text.encode("cp1252"), "s.txt")
    assert seed.blocks[1].text.startswith("The minister said \u201cno\u201d")


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"Title\r\nFirst.\r\nSecond.\r\n", ["First.", "Second."]),
        (b"Title\rFirst.\rSecond.\r", ["First.", "Second."]),
        (b"Title\n\tTabbed  text.\n", ["Tabbed text."]),
        (
            "Title\nzero\u200bwidth and\u00a0non-breaking.\n".encode(),
            ["zerowidth and non-breaking."],
        ),
    ],
)
def test_read_line_ends_and_spaces(raw, expected):
    seed, _ = parse_seed(raw, "s.txt")
    assert [b.text for b in seed.blocks[1:]] == expected


@pytest.mark.parametrize(
    "relpath, header, slug",
    [
        ("000_61da1cec703a9f14.txt", {}, "000-61da1cec703a9f14"),
        ("2024-10-30 SCM meeting.txt", {}, "2024-10-30-scm-meeting"),
        ("asia/korea/brief.txt", {}, "asia/korea/brief"),
        ("국방부 발표.txt", {}, "국방부-발표"),
        ("x.txt", {"slug": "better-name"}, "better-name"),
    ],
)
def test_read_slug_comes_from_the_file_path(relpath, header, slug):
    seed, _ = parse_seed(b"Title\nBody.\n", relpath, relpath)
    seed = type(seed)(**{**seed.__dict__, "header": header})
    assert seed_slug(seed) == slug


def test_read_discover_skips_hidden_and_other_files(tmp_path: Path):
    for name in ["a.txt", "sub/b.txt", ".hidden.txt", ".git/c.txt", "notes.md", "img.png"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Title\nBody.\n")
    seeds, skipped = discover(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in seeds] == ["a.txt", "sub/b.txt"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in skipped) == [
        ".git/c.txt",
        ".hidden.txt",
        "img.png",
        "notes.md",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab./ _\\é-", max_size=12))
def test_read_slug_splits_a_path_as_pathlib_does(relpath):
    """The slug's parts come from the path as ``PurePosixPath(relpath).with_suffix("")``
    gives them, without pathlib for a plain relative path."""
    from pathlib import PurePosixPath

    from build_tools.read import _stem_parts

    try:
        want = PurePosixPath(relpath).with_suffix("").parts
    except ValueError:
        with pytest.raises(ValueError):
            _stem_parts(relpath)
        return
    assert tuple(_stem_parts(relpath)) == want
