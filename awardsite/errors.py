"""Content problems: collected by every stage, reported together by the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a place an editor can find."""

    file: str  # path relative to the content folder, with forward slashes
    line: int  # 1-based line of the offending key or item; 1 when it is the whole file
    message: str  # what is wrong and, where possible, how to fix it
    warning: bool = False  # reported, but the build goes on: a stray backup file, say
    detail: str = field(default="", compare=False)  # more for `--verbose`: the YAML parser's own words

    def format(self, prefix: str = "") -> str:
        """Render as `file:line: message`, the form editors and editors' tools understand."""
        where = self.file if self.file.startswith("/") else f"{prefix}{self.file}"
        kind = "warning: " if self.warning else ""
        return f"{where}:{max(self.line, 1)}: {kind}{self.message}"


class ContentError(Exception):
    """Raised once, after a stage has collected every problem it found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(p for p in problems if not p.warning))  # what stopped the build
        self.warnings = sorted(set(p for p in problems if p.warning))  # reported alongside
        super().__init__("\n".join(p.format() for p in self.problems))


class Problems:
    """A collector: stages add to it and call `raise_if_any` when done."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, line: int, message: str, detail: str = "") -> None:
        """Record an error: the build stops once the stage is done."""
        self.items.append(Problem(file, line, message, detail=detail))

    def warn(self, file: str, line: int, message: str) -> None:
        """Record a warning: reported, but the build goes on."""
        self.items.append(Problem(file, line, message, warning=True))

    def errors(self) -> list[Problem]:
        return [p for p in self.items if not p.warning]

    def warnings(self) -> tuple[Problem, ...]:
        return tuple(sorted(set(p for p in self.items if p.warning)))

    def raise_if_any(self) -> None:
        """Raise ContentError (with the warnings too) if any error was recorded."""
        if self.errors():
            raise ContentError(self.items)


class BuildError(Exception):
    """A problem with the command, not the content: a refused `--out`, a missing folder."""
