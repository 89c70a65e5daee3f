"""Stage 1, read: a seed file's bytes → :class:`~build_tools.model.Seed`.

A seed is a text file.  An optional YAML front-matter block (between ``---``
lines) lets a curator set metadata; the first non-empty line is the title; a
short second line without a final full stop is the sub-title; the rest is the
body, one paragraph per line or blocks separated by blank lines whose
hard-wrapped lines are joined.

:func:`parse_seed` is pure; :func:`read_seed` and :func:`discover` are the
only functions here that touch the file system.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import reprlib
from pathlib import Path, PurePosixPath
from typing import Any

import charset_normalizer
import yaml

from .errors import Problem, SeedError
from .model import Block, Seed

__all__ = [
    "HEADER_KEYS",
    "SIZE_LIMIT",
    "SIZE_WARNING",
    "decode",
    "discover",
    "parse_seed",
    "read_seed",
    "seed_slug",
]

SEED_SUFFIX = ".txt"
HEADER_KEYS = {
    "date": "document date, YYYY-MM-DD (or YYYY-MM, YYYY)",
    "title": "replaces the first line as the title",
    "source_url": "where the text was published (http or https)",
    "publisher": "who published it",
    "author": "who wrote it: a name, or a list of names",
    "language": "language code, e.g. en",
    "slug": "the last part of the document's URL: lower-case letters, digits and '-'",
    "actors": "actor ids to add",
    "remove_actors": "actor ids to drop",
    "topics": "topic ids to add",
    "remove_topics": "topic ids to drop",
}
SUBTITLE_MAX = 200
SIZE_WARNING = 512 * 1024  # bytes: a seed this large builds, with a warning
SIZE_LIMIT = 4 * 1024 * 1024  # bytes: a larger seed is refused
PARAGRAPH_MAX = 2000  # characters: longer paragraphs are split at sentence ends
SLUG_PART_MAX = 80  # bytes of UTF-8 per part of a URL, before the short hash
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxdict = 4
WRAP_MAX = 100  # lines no longer than this, inside a block, may be hard-wrapped prose
# Control characters that carry no text, and zero-width marks.
INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f\u200b\u2060\ufeff]")
# Spaces, and the separators that end a line or a page (vertical tab, form feed,
# file/group/record/unit separators, NEL, U+2028/U+2029): they keep words apart.
SPACE_CHARS = "\t\x0b\x0c\x1c-\x1f\x85\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # and " "
# a run of them, save one space alone (half the time of replacing every run)
OTHER_SPACES = re.compile(f" [ {SPACE_CHARS}]+|[{SPACE_CHARS}][ {SPACE_CHARS}]*")
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$")
ISO_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# Bytes that are not UTF-8, as the "surrogateescape" error handler decodes them.
BAD_BYTE = re.compile("[\udc80-\udcff]")
NON_ASCII = re.compile("[^\x00-\x7f]")
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# ------------------------------------------------------------------- decoding


def decode(raw: bytes, path: str) -> tuple[str, str, list[Problem]]:
    """Decode seed bytes; return the text, the name of the encoding used and its problems.

    Text that is UTF-8 except for a few bytes stays UTF-8: those bytes become
    U+FFFD and an error names the first line holding one.  A legacy encoding
    is guessed only for bytes with no UTF-8 structure at all.
    """
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding, []
            except UnicodeDecodeError as exc:
                raise SeedError(path, f"invalid {encoding} text: {exc}", "re-save as UTF-8")
    if b"\x00" in raw:
        raise SeedError(
            path, "binary file (contains NUL bytes)", "only plain-text seeds can be read"
        )
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", "surrogateescape")
    bad = BAD_BYTE.findall(text)
    if len(NON_ASCII.findall(text)) - len(bad) < len(bad):
        return (*_guess(raw, path), [])
    first = BAD_BYTE.search(text)
    assert first is not None
    line = text.count("\n", 0, first.start()) + 1
    problem = Problem(
        path,
        f"{len(bad)} {'byte is' if len(bad) == 1 else 'bytes are'} not valid UTF-8, "
        "shown as \ufffd",
        "replace them with the characters meant, or re-save the file as UTF-8",
        line,
    )
    return BAD_BYTE.sub("\ufffd", text), "utf-8", [problem]


def _guess(raw: bytes, path: str) -> tuple[str, str]:
    """Decode legacy bytes (CP949, Windows-1252, ...) when one reading is best.

    Candidates that score exactly as well as the best one but read differently
    make the file undecidable, except that Windows-1252, the usual code page of
    Western text, wins a tie with its neighbours (Windows-1250, -1257, ...).
    """
    results = list(charset_normalizer.from_bytes(raw))
    if not results:
        raise SeedError(path, "the text encoding cannot be determined", "re-save the file as UTF-8")
    best = results[0]
    tied = [r for r in results if (r.chaos, r.coherence) == (best.chaos, best.coherence)]
    western = next((r for r in tied if "cp1252" in r.could_be_from_charset), None)
    if western is not None:
        return str(western), "cp1252"
    if len({str(r) for r in tied}) > 1:
        names = ", ".join(r.encoding for r in tied)
        raise SeedError(
            path,
            f"the text encoding cannot be determined: the bytes read as well in {names}",
            "re-save the file as UTF-8",
        )
    return str(best), best.encoding


# ------------------------------------------------------------------- header


class _HeaderLoader(yaml.SafeLoader):
    """YAML for seed headers: plain values only, so reading one is bounded by its size.

    Anchors and aliases have no use in a header and can expand a few hundred
    bytes into gigabytes ("billion laughs"): they are refused.
    """

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused("anchors and aliases ('&name', '*name') are not allowed", event)
        return super().compose_node(parent, index)


class _Refused(Exception):
    def __init__(self, message: str, event: Any):
        super().__init__(message)
        self.line = event.start_mark.line


def _load_header(header_text: str, path: str) -> Any:
    """The header's value; refuses anchors, aliases and a key given twice."""
    loader = _HeaderLoader(header_text)
    try:
        node = loader.get_single_node()
        if isinstance(node, yaml.MappingNode):
            _refuse_duplicates(node, path)
        return loader.construct_document(node) if node is not None else None
    except _Refused as exc:
        raise SeedError(
            path, f"invalid YAML front-matter: {exc}", "write plain values", exc.line + 2
        )
    finally:
        loader.dispose()


def _cut(text: str, limit: int = 80) -> str:
    """A message part of bounded length."""
    return text if len(text) <= limit else text[:limit] + "…"


def _refuse_duplicates(node: yaml.MappingNode, path: str) -> None:
    seen: dict[str, int] = {}
    for key, _ in node.value:
        line = key.start_mark.line + 2  # the header starts on the file's second line
        if isinstance(key, yaml.ScalarNode) and key.value in seen:
            raise SeedError(
                path,
                f"header key {_SHORT.repr(key.value)} is given twice, "
                f"on lines {seen[key.value]} and {line}",
                "keep one of them",
                line,
            )
        if isinstance(key, yaml.ScalarNode):
            seen[key.value] = line


def _split_header(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Separate YAML front-matter; return it, the rest, and the rest's first line number."""
    if not re.match(r"---[ \t]*\n", text):
        return {}, text, 1
    closing = re.search(r"^---[ \t]*$", text[4:], re.MULTILINE)
    if closing is None:
        raise SeedError(
            path, "front-matter starts with '---' but never ends", "add a closing '---'", 1
        )
    header_text = text[4 : 4 + closing.start()]
    try:
        metadata = _load_header(header_text, path) if header_text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or "not YAML"
        raise SeedError(path, f"invalid YAML front-matter: {_cut(problem)}", "fix the header", line)
    except ValueError as exc:  # YAML reads 2024-13-45 as a timestamp, then fails to build it
        raise SeedError(
            path,
            f"invalid date in the front-matter: {_cut(str(exc))}",
            "write date: YYYY-MM-DD",
        ) from exc
    if not isinstance(metadata, dict):
        raise SeedError(
            path, "front-matter is not a mapping of keys", "write 'key: value' lines", 2
        )
    body_start = 4 + closing.end()
    first_line = text.count("\n", 0, body_start) + 1
    return metadata, text[body_start:], first_line


def _check_header(header: dict[str, Any], path: str) -> list[Problem]:
    """Refuse values that are wrong; warn about keys that are unknown."""
    problems = [
        Problem(
            path,
            f"unknown header key {_SHORT.repr(key)}",
            f"use one of {', '.join(HEADER_KEYS)}",
            None,
            "warning",
        )
        for key in header
        if key not in HEADER_KEYS
    ]
    date = header.get("date")
    if date is not None and not (isinstance(date, dt.date) or _is_iso_date(date)):
        raise SeedError(
            path, f"header date {_SHORT.repr(date)} is not a date", "write date: YYYY-MM-DD"
        )
    slug = header.get("slug")
    if slug is not None and not (isinstance(slug, str) and SLUG_RE.match(slug)):
        raise SeedError(
            path,
            f"header slug {_SHORT.repr(slug)} is not allowed",
            "use lower-case letters, digits and '-'",
        )
    url = header.get("source_url")
    if url is not None and not (isinstance(url, str) and re.match(r"https?://\S+$", url)):
        raise SeedError(
            path, f"header source_url {_SHORT.repr(url)} is not an http(s) URL", "give a full URL"
        )
    for key in ("title", "publisher", "language"):
        if key in header and not isinstance(header[key], str):
            raise SeedError(
                path, f"header {key} must be text, not {_SHORT.repr(header[key])}", "quote it"
            )
    author = header.get("author")
    if author is not None and not (
        isinstance(author, str)
        or (isinstance(author, list) and all(isinstance(a, str) for a in author))
    ):
        raise SeedError(
            path, f"header author must be a name or a list of names, not {_SHORT.repr(author)}"
        )
    for key in ("actors", "remove_actors", "topics", "remove_topics"):
        value = header.get(key)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            raise SeedError(path, f"header {key} must be a list of ids", f"write {key}: [id, id]")
    return problems


def _is_iso_date(value: Any) -> bool:
    """True for an existing day, month or year written ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    if not (isinstance(value, (str, int)) and not isinstance(value, bool)):
        return False
    text = str(value)
    if not ISO_RE.match(text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


# ------------------------------------------------------------------- blocks


def _clean(line: str) -> str:
    return OTHER_SPACES.sub(" ", INVISIBLE.sub("", line)).strip()


def _is_wrapped(lines: list[str]) -> bool:
    """True when a run of lines looks like one hard-wrapped paragraph."""
    if len(lines) < 2:
        return False
    return max(len(line) for line in lines) <= WRAP_MAX and not any(
        line.endswith((".", "!", "?", ":", '"', "”")) and len(line) < WRAP_MAX * 0.6
        for line in lines[:-1]
    )


def _paragraphs(body: str) -> list[str]:
    """Paragraphs of the body.

    Without blank lines every line is a paragraph.  With blank lines between
    blocks, a block whose lines look hard-wrapped is joined into one.
    """
    paragraphs: list[str] = []
    chunks = [c for c in re.split(r"\n[ \t\u00a0]*\n", body) if c.strip()]
    for chunk in chunks:
        lines = [_clean(line) for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if len(chunks) > 1 and _is_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _check_size(size: int, path: str) -> list[Problem]:
    """Refuse a seed over SIZE_LIMIT bytes; warn about one over SIZE_WARNING."""
    if size > SIZE_LIMIT:
        raise SeedError(
            path,
            f"the file has {size:,} bytes, more than the limit of {SIZE_LIMIT:,}",
            "split it into several seeds",
        )
    if size > SIZE_WARNING:
        return [
            Problem(
                path,
                f"the file has {size:,} bytes, more than {SIZE_WARNING:,}: it builds slowly",
                f"split it into several seeds (files over {SIZE_LIMIT:,} bytes are refused)",
                severity="warning",
            )
        ]
    return []


def _split_long(paragraph: str) -> list[str]:
    """A paragraph cut into pieces of at most PARAGRAPH_MAX characters.

    Cuts fall after the last sentence end that fits, else after the last space,
    else at the bound; so annotating one piece is bounded work.
    """
    pieces = []
    while len(paragraph) > PARAGRAPH_MAX:
        window = paragraph[: PARAGRAPH_MAX + 1]
        ends = [m.end() for m in SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends else window.rfind(" ") + 1 or PARAGRAPH_MAX
        pieces.append(paragraph[:cut].rstrip())
        paragraph = paragraph[cut:].lstrip()
    return pieces + [paragraph] if paragraph else pieces


def _blocks(paragraphs: list[str]) -> tuple[Block, ...]:
    paragraphs = [piece for p in paragraphs for piece in _split_long(p)]
    title, rest = paragraphs[0], paragraphs[1:]
    blocks = [Block("title", title)]
    if len(rest) > 1 and len(rest[0]) <= SUBTITLE_MAX and not rest[0].endswith("."):
        blocks.append(Block("subtitle", rest[0]))
        rest = rest[1:]
    blocks.extend(Block("paragraph", text) for text in rest)
    return tuple(blocks)


def parse_seed(raw: bytes, source: str, relpath: str | None = None) -> tuple[Seed, list[Problem]]:
    """Turn a seed file's bytes into a Seed and the warnings found on the way.

    Raises :class:`SeedError` when the seed cannot become a page.
    """
    problems = _check_size(len(raw), source)
    if not raw.strip():
        raise SeedError(source, "the file is empty", "write a title line and the text")
    text, encoding, decoding = decode(raw, source)
    problems += decoding
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header, body, _ = _split_header(text, source)
    problems += _check_header(header, source)
    lines = body.lstrip(" \t\n\u00a0\u200b\ufeff").split("\n", 1)
    title = _clean(lines[0])
    paragraphs = ([title] if title else []) + _paragraphs(lines[1] if len(lines) > 1 else "")
    if not paragraphs:
        raise SeedError(source, "no title: the file has no text", "write a title line and the text")
    blocks = _blocks(paragraphs)
    if len(blocks) == 1 or (len(blocks) == 2 and blocks[1].kind == "subtitle"):
        problems.append(Problem(source, "the seed has a title but no body", "", None, "warning"))
    seed = Seed(
        source=source,
        relpath=relpath or PurePosixPath(source).name,
        blocks=blocks,
        header=header,
        encoding=encoding,
        digest=hashlib.sha256(raw).hexdigest(),
    )
    return seed, problems


# ------------------------------------------------------------------- files


def seed_slug(seed: Seed) -> str:
    """The document's URL path below ``documents/``: stable, from the file's path.

    Each folder and the file's stem are lower-cased and reduced to word
    characters joined by '-'; a header ``slug`` replaces the last part.  A part
    longer than SLUG_PART_MAX bytes is cut and ends with a short hash of itself,
    so every file name made from it stays well under file systems' limits.
    """
    parts = [_slug_part(p) for p in _stem_parts(seed.relpath)]
    if seed.header.get("slug"):
        parts[-1] = str(seed.header["slug"])
    return "/".join(p for p in parts if p) or "untitled"


def _stem_parts(relpath: str) -> list[str] | tuple[str, ...]:
    """The parts of the path without the file's suffix, as ``PurePosixPath(relpath)
    .with_suffix("").parts`` gives them; a plain relative path (what the reader
    gives, thousands of times a rebuild) without pathlib's work."""
    parts = relpath.split("/")
    if relpath.startswith("/") or "" in parts or "." in parts:  # pathlib normalises these
        return PurePosixPath(relpath).with_suffix("").parts
    name = parts[-1]
    dot = name.rfind(".")
    if 0 < dot < len(name) - 1:  # (as pathlib: not ".name", not "name.")
        parts[-1] = name[:dot]
    return parts


NOT_WORD = re.compile(r"[\W_]+")


def _slug_part(text: str) -> str:
    part = NOT_WORD.sub("-", text.lower()).strip("-")
    data = part.encode("utf-8")
    if len(data) <= SLUG_PART_MAX:
        return part
    cut = data[:SLUG_PART_MAX].decode("utf-8", "ignore").rstrip("-")
    return f"{cut}-{hashlib.sha1(data).hexdigest()[:6]}"


def discover(root: Path) -> tuple[list[Path], list[Path]]:
    """Seed files below ``root`` (sorted as paths sort) and the files skipped.

    Skipped: hidden files and folders, files that are not ``.txt``, and links
    that lead outside ``root`` (a seed's text must live in the seeds folder).
    Linked folders are not entered.  The folder is walked with ``os.scandir``,
    which tells files from folders without a call to the file system for each
    of thousands of seeds, on every rebuild while serving.
    """
    found: list[tuple[tuple[str, ...], os.DirEntry]] = []
    _walk(str(root), (), found)
    found.sort(key=lambda item: item[0])  # as the paths sort: part by part
    seeds, skipped = [], []
    top = root.resolve()
    for parts, entry in found:
        path = root.joinpath(*parts)
        hidden = any(part.startswith(".") for part in parts)
        outside = entry.is_symlink() and not path.resolve().is_relative_to(top)
        if hidden or outside or not parts[-1].lower().endswith(SEED_SUFFIX):
            skipped.append(path)
        else:
            seeds.append(path)
    return seeds, skipped


def _walk(folder: str, parts: tuple[str, ...], found: list) -> None:
    """Every file below ``folder`` (a link to a file included), with its path's parts
    below the root; linked folders and folders that cannot be read are not entered."""
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError:
        return
    for entry in listed:
        try:
            if entry.is_dir(follow_symlinks=False):
                _walk(entry.path, parts + (entry.name,), found)
            elif entry.is_file():  # (a link is followed: a link to a file is one)
                found.append((parts + (entry.name,), entry))
        except OSError:
            continue


def read_seed(path: Path, root: Path | None = None, source: str | None = None):
    """Read one seed file; see :func:`parse_seed`."""
    relpath = path.relative_to(root).as_posix() if root else path.name
    source = source or path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SeedError(source, f"cannot read the file: {exc.strerror}") from exc
    return parse_seed(raw, source, relpath)
