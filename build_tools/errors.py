"""Problems a person can act on: the file, the line, what is wrong, how to fix it.

Stages raise :class:`SeedError` or :class:`KnowledgeError`; only the CLI and the
MkDocs plugin turn them into output and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KnowledgeError", "Problem", "SeedError"]


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    hint: str = ""
    line: int | None = None
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} (fix: {self.hint})" if self.hint else text


class SeedError(Exception):
    """A seed file that cannot become a page."""

    def __init__(self, path: str, message: str, hint: str = "", line: int | None = None):
        self.problem = Problem(path, message, hint, line)
        super().__init__(str(self.problem))


class KnowledgeError(Exception):
    """One or more curated YAML files are invalid."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
