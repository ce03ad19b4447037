"""Content problems: collected by every stage, reported together by the CLI."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a place an editor can find."""

    file: str  # path relative to the content folder, with forward slashes
    line: int  # 1-based line of the offending key or item; 1 when it is the whole file
    message: str  # what is wrong and, where possible, how to fix it

    def format(self, prefix: str = "") -> str:
        """Render as `file:line: message`, the form editors and editors' tools understand."""
        return f"{prefix}{self.file}:{max(self.line, 1)}: {self.message}"


class ContentError(Exception):
    """Raised once, after a stage has collected every problem it found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(p.format() for p in self.problems))


class Problems:
    """A collector: stages add to it and call `raise_if_any` when done."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, line: int, message: str) -> None:
        self.items.append(Problem(file, line, message))

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)


class BuildError(Exception):
    """A problem with the command, not the content: a refused `--out`, a missing folder."""
