"""When seed files last changed, from the git history that holds them.

A file's modification time says when it was checked out, not when it changed:
on a fresh clone (as in CI) every seed looks new.  For the files git tracks and
that are unchanged since their last commit, :func:`commit_times` gives that
commit's time instead.  It reads ``git log`` once for the folder holding the
files and stops as soon as every file is found, so the work grows with the
history it reads, never with files × commits.  Without git, outside a work
tree, or in a shallow clone (which knows only its last commits), it gives
nothing and callers keep the file times.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

__all__ = ["commit_times", "commit_times_resolved", "resolve_all"]

TIME_MARK = "\x00"  # starts the line of a commit's time in the log we read


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _changed(top: Path, folder: str) -> set[str] | None:
    """Files under ``folder`` that differ from the last commit, or are not in it."""
    out = _git(top, "status", "--porcelain", "-z", "--untracked-files=all", "--", folder)
    if out is None:
        return None
    return {entry[3:] for entry in out.split("\0") if len(entry) > 3}


def resolve_all(paths: Iterable[Path | str]) -> list[Path]:
    """Each path as ``Path.resolve()`` gives it, each folder resolved once: thousands
    of seeds lie in a few folders, and resolving walks every part of a path."""
    folders: dict[Path, Path] = {}
    resolved = []
    for path in map(Path, paths):
        if path.is_symlink():
            resolved.append(path.resolve())
            continue
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        resolved.append(folder / path.name)
    return resolved


def commit_times(paths: Iterable[Path]) -> dict[Path, int]:
    """The time (seconds since the epoch) of the last commit that changed each of
    ``paths``, for those git tracks and that are unchanged since, by resolved path."""
    return commit_times_resolved(resolve_all(paths))


def commit_times_resolved(paths: list[Path]) -> dict[Path, int]:
    """:func:`commit_times` of paths already resolved (:func:`resolve_all`)."""
    if not paths:
        return {}
    folder = Path(os.path.commonpath([p.parent for p in paths]))
    top_out = _git(folder, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    if top_out is None or len(top_out.split("\n")) < 2:
        return {}
    top_line, shallow = top_out.split("\n")[:2]
    if shallow.strip() != "false":
        return {}
    top = Path(top_line).resolve()
    try:
        wanted = {p.relative_to(top).as_posix(): p for p in paths}
        scope = folder.relative_to(top).as_posix()
    except ValueError:
        return {}
    changed = _changed(top, scope)
    if changed is None:
        return {}
    for name in changed:
        wanted.pop(name, None)
    return _from_log(top, scope, wanted)


def _from_log(top: Path, scope: str, wanted: dict[str, Path]) -> dict[Path, int]:
    found: dict[Path, int] = {}
    if not wanted:
        return found
    command = ["git", "-c", "core.quotepath=off", "log", "--no-renames", "--name-only"]
    command += ["--format=%x00%ct", "--", scope]  # %x00: TIME_MARK
    try:
        log = subprocess.Popen(
            command, cwd=top, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
    except OSError:
        return found
    assert log.stdout is not None
    when = None
    with log:
        for line in log.stdout:
            line = line.rstrip("\n")
            if line.startswith(TIME_MARK):
                when = int(line[1:]) if line[1:].isdigit() else None
            elif line and when is not None and line in wanted:
                found[wanted.pop(line)] = when
                if not wanted:
                    log.kill()
                    break
    return found
