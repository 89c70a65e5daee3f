"""On-disk caches that make rebuilds fast.  Caches hold data, never code.

- Annotated documents, keyed by :func:`build_tools.archive.cache_key` (the
  seed's bytes and path, the curated knowledge and the code), in one file of
  JSON lines: a header line, then per entry its key, a checksum and the
  document (see :mod:`build_tools.serial`).  An entry whose checksum or key
  does not match is dropped with one warning and rebuilt; a file that cannot
  be read is treated as absent.
- Generated pages, written as files only when their text changed, so an
  engine that rebuilds by modification time (``mkdocs serve --dirty``) rebuilds
  only the pages a change really touched.

Every file is written whole to a temporary file, then renamed over the old one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from .model import Document
from .serial import from_data, to_data

__all__ = [
    "load_documents",
    "load_json",
    "remove_others",
    "save_documents",
    "sync_files",
    "write_atomic",
    "write_if_changed",
]

log = logging.getLogger(__name__)

FORMAT = {"format": "policy-archive documents", "version": 1}
HEADER = json.dumps(FORMAT, sort_keys=True)


def _checksum(key_text: str, doc_text: str) -> str:
    return hashlib.sha256(f"{key_text}\t{doc_text}".encode("utf-8", "surrogatepass")).hexdigest()


def _entry(line: str) -> tuple[tuple, Document]:
    """One cache line back as (key, document); ValueError when it does not check out."""
    key_text, checksum, doc_text = line.split("\t")
    if checksum != _checksum(key_text, doc_text):
        raise ValueError("checksum mismatch")
    key = tuple(json.loads(key_text))
    doc = from_data(Document, json.loads(doc_text))
    if key[1:4] != (doc.seed.digest, doc.seed.relpath, doc.seed.source):
        raise ValueError("the document is not the one its key names")
    return key, doc


def load_documents(path: Path) -> dict:
    """The cached documents, or an empty cache when the file is missing or unreadable.

    The file is read a line at a time, so loading never holds its whole text."""
    try:
        handle = path.open(encoding="utf-8", newline="\n")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        log.warning(f"policy-archive: annotation cache {path} cannot be read ({exc}); rebuilt")
        return {}
    cache, damaged = {}, 0
    with handle:
        try:
            if handle.readline().removesuffix("\n") != HEADER:
                log.warning(f"policy-archive: {path} is not an annotation cache; it is rebuilt")
                return {}
            for line in handle:
                line = line.removesuffix("\n")
                if not line:
                    continue
                try:
                    key, doc = _entry(line)
                except (ValueError, TypeError, KeyError, IndexError, AttributeError):
                    damaged += 1
                    continue
                cache[key] = doc
        except (OSError, UnicodeDecodeError) as exc:
            log.warning(f"policy-archive: annotation cache {path} cannot be read ({exc}); rebuilt")
            return {}
    if damaged:
        log.warning(
            f"policy-archive: {damaged} damaged entries in the annotation cache {path} "
            "were dropped; those documents are annotated again"
        )
    return cache


def _line(key: tuple, doc: Document) -> str:
    key_text = json.dumps(list(key), ensure_ascii=False, separators=(",", ":"))
    doc_text = json.dumps(to_data(doc), ensure_ascii=False, separators=(",", ":"))
    return f"{key_text}\t{_checksum(key_text, doc_text)}\t{doc_text}"


def save_documents(path: Path, cache: Mapping, keep: Iterable) -> dict:
    """Write the entries named in ``keep`` (and only those); return them.

    An entry that cannot be written as data is left out (it is annotated again).
    The file is written a line at a time, so saving never holds its whole text.
    """
    kept = {}

    def lines() -> Iterator[bytes]:
        yield (HEADER + "\n").encode("utf-8")
        for key in keep:
            if key not in cache:
                continue
            try:
                line = _line(key, cache[key])
            except (TypeError, ValueError):
                continue
            kept[key] = cache[key]
            yield (line + "\n").encode("utf-8", "surrogatepass")

    _write_chunks(path, lines())
    return kept


def load_json(path: Path) -> Any | None:
    """A cached JSON file's value; None when it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` at once: readers see the old file or the new one.

    The temporary file's name is short whatever ``path``'s name, so no name
    the cache writes can exceed a file system's limit.
    """
    _write_chunks(path, [data])


def _write_chunks(path: Path, chunks: Iterable[bytes]) -> None:
    """:func:`write_atomic` of the bytes ``chunks`` gives, one after the other."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sync_files(folder: Path, files: Mapping[str, str]) -> dict[str, Path]:
    """Make ``folder`` hold exactly ``files`` (relative path → text).

    A file whose text is unchanged is not touched, so its modification time
    still says when it last changed; files no longer wanted are removed.
    Returns the absolute path of every file.
    """
    paths = {rel: folder / rel for rel in files}
    for rel, text in files.items():
        write_if_changed(paths[rel], text)
    remove_others(folder, {str(p) for p in paths.values()})
    return paths


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` (atomically) unless the file already holds it;
    whether it was written."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


def write_pieces(path: Path, pieces: Iterable[str]) -> None:
    """Write the text ``pieces`` make one after the other to ``path`` (atomically),
    without making the text whole."""
    _write_chunks(path, (piece.encode("utf-8") for piece in pieces))


COPY_CHUNK = 1 << 20


def copy_atomic(source: Path, path: Path) -> None:
    """Copy the file ``source`` to ``path`` (atomically: a reader of ``path``, such as
    a server sending it, sees the old file or the new one whole), a chunk at a time."""
    with source.open("rb") as handle:
        _write_chunks(path, iter(lambda: handle.read(COPY_CHUNK), b""))


def remove_others(folder: Path, wanted: set[str]) -> None:
    """Remove every file below ``folder`` whose path (as a string) is not in ``wanted``."""
    if folder.is_dir():
        for path in folder.rglob("*"):
            if str(path) not in wanted and path.is_file():
                path.unlink()
