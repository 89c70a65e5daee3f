"""On-disk caches that make rebuilds fast.

- Annotated documents, keyed by :func:`build_tools.archive.cache_key` (the
  seed's bytes and path, the curated knowledge and the code), pickled in one
  file.  A cache that cannot be read is ignored and rebuilt.
- Generated pages, written as files only when their text changed, so an
  engine that rebuilds by modification time (``mkdocs serve --dirty``) rebuilds
  only the pages a change really touched.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Iterable, Mapping, MutableMapping

__all__ = ["load_documents", "save_documents", "sync_files"]


def load_documents(path: Path) -> dict:
    """The cached documents, or an empty cache when the file is missing or unreadable."""
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def save_documents(path: Path, cache: Mapping, keep: Iterable) -> dict:
    """Write the entries named in ``keep`` (and only those); return them."""
    kept = {key: cache[key] for key in keep if key in cache}
    _atomic_write(path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
    return kept


def sync_files(
    folder: Path, files: Mapping[str, str], written: MutableMapping[str, str] | None = None
) -> dict[str, Path]:
    """Make ``folder`` hold exactly ``files`` (relative path → text).

    A file whose text is unchanged is not touched, so its modification time
    still says when it last changed; files no longer wanted are removed.
    ``written`` remembers what was written last time (path → text), so that
    unchanged files need not even be read.  Returns the absolute path of every file.
    """
    written = written if written is not None else {}
    paths = {}
    for rel, text in files.items():
        path = folder / rel
        paths[rel] = path
        if written.get(str(path)) == text and path.exists():
            continue
        data = text.encode("utf-8")
        try:
            unchanged = path.read_bytes() == data
        except OSError:
            unchanged = False
        if not unchanged:
            _atomic_write(path, data)
        written[str(path)] = text
    wanted = {str(p) for p in paths.values()}
    if folder.is_dir():
        for path in folder.rglob("*"):
            if str(path) not in wanted and path.is_file():
                path.unlink()
                written.pop(str(path), None)
    return paths
