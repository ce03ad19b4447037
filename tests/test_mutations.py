"""A deterministic mutation corpus of the example content: every value replaced by edge values.

The repository's own content (site.yaml, categories/, shortlist/) is copied, every scalar
value in every file is found by composing the YAML (node marks give its place in the text),
and each is replaced, in place in the file as written, by edge values of every kind: nothing,
YAML 1.1 surprises, numbers of every size, impossible dates and times, bad addresses, markup,
hidden characters, a megabyte of text, lists and mappings. Positions and values are paired
round-robin after a seeded shuffle, so every position and every value is used at least once;
then each kind of value (dates, times, addresses, numbers, markdown, tags) goes to the
positions of that kind, where it probes hardest (see `corpus`).

Each mutated folder goes through `pipeline.check` and `pipeline.build`, and the invariant of
issue #10 item 4 is asserted (contentfuzz.build_or_report): a complete site, or a ContentError
whose problems name a content file and a line; never another exception; check and build agree.
"""

from __future__ import annotations

import random
import shutil
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

import awardsite
from awardsite import model, pipeline
from awardsite.errors import ContentError, Problem
from conftest import ROOT, write_site
from contentfuzz import (EDGE_VALUES, EDGE_VALUES_BY_KIND, build_or_report, format_path, probed_kind, replaced,
                         to_flow, value_paths)

SEED = 20241120
CROSS_POSITIONS = 4  # a kind's values go to each of its positions when it has at most this many, else round-robin
MODELS = {"site.yaml": model.Site, "categories": model.Category, "shortlist": model.Shortlist}
PACKAGE = Path(awardsite.__file__).resolve().parent


def example_files() -> list[str]:
    """The example content files, as problems name them (no _site, templates or assets)."""
    return ["site.yaml", *(f"{folder}/{path.name}" for folder in ("categories", "shortlist")
                           for path in sorted((ROOT / folder).glob("*.yaml")))]


@dataclass(frozen=True)
class Position:
    """One scalar value in one file: where it is in the data, and its span in the text."""

    file: str
    path: tuple[Any, ...]
    start: int  # character offsets of the scalar as written (a block scalar includes its last line break)
    end: int
    line: int
    kind: str  # the EDGE_VALUES_BY_KIND key for this field: `date`, `url`, `int`, `markdown`, `any`, ...

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {format_path(self.path)}"


def _scalars(node: yaml.Node, path: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], yaml.ScalarNode]]:
    if isinstance(node, yaml.ScalarNode):
        return [(path, node)]
    if isinstance(node, yaml.SequenceNode):
        return [p for index, item in enumerate(node.value) for p in _scalars(item, (*path, index))]
    return [p for key, value in node.value for p in _scalars(value, (*path, key.value))]


def texts(node: yaml.Node | None) -> Any:
    """A composed document as the text the editor wrote: what yamlsource gives the validator."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [texts(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {key.value: texts(value) for key, value in node.value}
    return None


def read_back(text: str) -> Any:
    """`texts` of a YAML document, composed by libyaml where it is installed (only to check the corpus)."""
    return texts(yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def positions() -> list[Position]:
    """Every scalar value in every example file, with the kind of field it is (from the model)."""
    found = []
    for name in example_files():
        root = yaml.compose((ROOT / name).read_text("utf-8"))
        types = dict(value_paths(MODELS[name.split("/")[0]], texts(root)))
        for path, node in _scalars(root, ()):
            found.append(Position(name, path, node.start_mark.index, node.end_mark.index, node.start_mark.line + 1,
                                  probed_kind(types[path])))
    return found


def mutate(text: str, position: Position, value: Any) -> str:
    """`text` with the scalar at `position` replaced by `value`, written on one line in flow style."""
    span = text[position.start:position.end]
    tail = span[len(span.rstrip()):]  # a block scalar's line breaks: the next key stays where it was
    return text[:position.start] + to_flow(value) + tail + text[position.end:]


def _round_robin(places: list[Position], values: list[int], rng: random.Random) -> list[tuple[Position, int]]:
    places, values = places[:], values[:]
    rng.shuffle(places)
    rng.shuffle(values)
    return [(places[i % len(places)], values[i % len(values)]) for i in range(max(len(places), len(values)))]


def corpus() -> list[tuple[Position, int]]:
    """(position, index into EDGE_VALUES) pairs.

    First every value at every kind of position: a seeded round-robin over all positions and
    all values, so each is used at least once. Then each kind's own values (dates, times,
    addresses, numbers, ...) at the positions of that kind: at every one of them when there
    are few (an all-day date and a timed one are different cases), else round-robin.
    """
    rng = random.Random(SEED)
    found = positions()
    pairs = _round_robin(found, list(range(len(EDGE_VALUES))), rng)
    start = 0
    for kind, values in EDGE_VALUES_BY_KIND.items():
        indexes = list(range(start, start + len(values)))
        start += len(values)
        places = [p for p in found if p.kind == kind]
        if kind == "any" or not places:
            continue
        if len(places) <= CROSS_POSITIONS:
            pairs += [(place, index) for place in places for index in indexes]
        else:
            pairs += _round_robin(places, indexes, rng)
    return pairs


def copy_example(folder: Path) -> Path:
    for name in example_files():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, folder / name)
    return folder


def short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def where(error: BaseException) -> str:
    """The innermost frame of the traceback inside the awardsite package."""
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if Path(f.filename).resolve().is_relative_to(PACKAGE)]
    if not frames:
        return "(no frame in awardsite/)"
    frame = frames[-1]
    return f"awardsite/{Path(frame.filename).name}:{frame.lineno} in {frame.name}: {frame.line}"


def _distinct(cases: list[str], limit: int = 6) -> list[str]:
    """One example of each distinct error message (the text after the value), at most `limit`."""
    seen: dict[str, str] = {}
    for case in cases:
        seen.setdefault(case.rsplit(": ", 1)[-1][:50], case)
    return list(seen.values())[:limit]


def test_the_corpus_covers_every_position_and_every_value() -> None:
    pairs = corpus()
    assert {p for p, _ in pairs} == set(positions())
    assert {v for _, v in pairs} == set(range(len(EDGE_VALUES)))
    assert len(pairs) <= 500


def test_the_unmutated_example_content_builds(tmp_path: Path) -> None:
    assert build_or_report(copy_example(tmp_path / "content"), tmp_path / "out") == "built"


def test_every_value_replaced_by_edge_values_is_built_or_reported(tmp_path: Path) -> None:
    folder = copy_example(tmp_path / "content")
    originals = {name: (folder / name).read_text("utf-8") for name in example_files()}
    outcomes: Counter[str] = Counter()
    failures: dict[str, list[str]] = {}
    trees = {name: read_back(text) for name, text in originals.items()}
    for number, (position, which) in enumerate(corpus()):
        value = EDGE_VALUES[which]
        original = originals[position.file]
        text = mutate(original, position, value)
        # The corpus itself is right: the file reads back as the original with just this value changed.
        expected = replaced(trees[position.file], position.path, read_back(to_flow(value)))
        assert read_back(text) == expected, f"mutation {number} at {position} is not what it claims"
        (folder / position.file).write_text(text, "utf-8")
        out = tmp_path / f"out-{number}"
        try:
            outcomes[build_or_report(folder, out)] += 1
        except Exception as error:  # noqa: BLE001 - every failure is collected, then reported together
            outcomes["failed"] += 1
            kind = (f"AssertionError: {str(error).splitlines()[0][:160]}" if isinstance(error, AssertionError)
                    else f"{type(error).__name__} at {where(error)}")
            message = str(error).splitlines()[0][:200] if str(error) else ""
            failures.setdefault(kind, []).append(f"{position} = {short(value)}: {type(error).__name__}: {message}")
        finally:
            (folder / position.file).write_text(original, "utf-8")
            shutil.rmtree(out, ignore_errors=True)
    total = sum(outcomes.values())
    summary = (f"{total} mutations of the example content: {outcomes['reported']} reported, "
               f"{outcomes['built']} built, {outcomes['failed']} broke the invariant")
    print(summary)
    report = [summary] + [f"\n{kind} ({len(cases)} mutation(s)), e.g.\n  " + "\n  ".join(_distinct(cases))
                          for kind, cases in sorted(failures.items())]
    assert not failures, "\n".join(report)


@pytest.mark.parametrize("value", ["NO", "012", "12:30", "~", "{{ 7*7 }}", "<script>"])
def test_mutate_writes_the_value_in_place(value: str) -> None:
    name = "site.yaml"
    text = (ROOT / name).read_text("utf-8")
    position = next(p for p in positions() if p.file == name and p.path == ("title",))
    assert read_back(mutate(text, position, value))["title"] == value
    assert mutate(text, position, value).count("\n") == text.count("\n")


# YAML 1.1, which PyYAML reads, also ends lines at U+0085, U+2028 and U+2029; editors do not
# (nor YAML 1.2). Text pasted from the web or a word processor can carry them. A problem on a
# later line must still be on the line the editor sees, and never past the end of the file.
@pytest.mark.parametrize("style", ["plain", "quoted"])
@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"], ids=["U+0085", "U+2028", "U+2029"])
def test_a_problem_is_on_the_line_editors_see_after_a_unicode_line_separator(separator: str, style: str,
                                                                            tmp_path: Path) -> None:
    title = f"A{separator}B" if style == "plain" else f'"A{separator}B"'
    folder = write_site(tmp_path / "content", {"site.yaml": f"title: {title}\nbase_url: nope\nintro: I.\n"})
    assert build_or_report(folder, tmp_path / "out") == "reported"
    problems = _problems_of(folder)
    assert all(p.line in (1, 2) for p in problems), [p.format() for p in problems]  # title, base_url
    assert all(p.line == 2 for p in problems if "base_url" in p.message), [p.format() for p in problems]


def _problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(ContentError) as error:
        pipeline.check(folder)
    return list(error.value.problems)
