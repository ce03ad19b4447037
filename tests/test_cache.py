"""The build cache (cache.py, pagekeys.py, filecache.py): a rebuild that reuses the last build's pages and the
objects its files read as makes the same bytes.

After every edit of a random sequence (a word, a result, a date, a file removed, the
site's own template, the clock, the base URL) a cached build into the same folder, in one
process or several, is compared file by file with a cold serial build of the same content.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from conftest import files

from awardsite import cache, lists, output, parallel, pipeline, reading
from awardsite.preview import Preview
from awardsite.errors import ContentError
from benchmarks.edits import Editor
from benchmarks.programme import NOW, write_programme

ROOT = Path(__file__).resolve().parent.parent
RIVERSIDE = ROOT / "examples" / "riverside-awards"
AT = NOW.strftime("%Y-%m-%d %H:%M")
# Moments either side of the example's announcements and deadlines, a minute apart where it matters.
MOMENTS = ["2026-03-02 08:59", "2026-03-02 09:00", "2026-05-22 16:59", "2026-05-22 17:00", "2026-09-15 10:00",
           "2026-11-19 18:29", "2026-11-19 18:30", "2026-11-20 09:00", "2025-11-20 18:30", AT]
# A line of text: a value, a line of a block of markdown, or a paragraph of a page or post (a line that starts
# a YAML file's top level always has a colon, so only markdown bodies match the last).
TEXT_LINE = re.compile(r"^(\s*(?:- )?(?:title|organisation|summary|label|heading|name|role|description|bio): \"?"
                       r"|\s{2,}|)([A-Z][A-Za-z ,'.-]{6,})\"?$", re.M)
RESULT = re.compile(r"^(\s*result: )([a-z-]+)$", re.M)
DATE = re.compile(r"\b(20[0-9]{2}-[01][0-9]-[0-3][0-9])\b")


def content_files(source: Path) -> list[Path]:
    return sorted(p for p in source.rglob("*") if p.suffix in (".yaml", ".md") and p.is_file()
                  and not p.name.startswith("."))


def edit(source: Path, kind: str, pick: int, number: int) -> bool:
    """Change the content as an editor might; False when this kind of edit found nothing to change."""
    candidates = content_files(source)
    path = candidates[pick % len(candidates)]
    text = path.read_text(encoding="utf-8")
    if kind == "word":
        found = list(TEXT_LINE.finditer(text))
        if not found:
            return False
        line = found[pick % len(found)]
        changed = text[:line.start(2)] + line.group(2).rsplit(" ", 1)[0] + f" Zebra{number}" + text[line.end(2):]
    elif kind == "result":
        found = list(RESULT.finditer(text))
        if not found:
            return False
        line = found[pick % len(found)]
        other = ["winner", "highly-commended", "shortlisted"][(pick + number) % 3]
        changed = text[:line.start(2)] + other + text[line.end(2):]
    elif kind == "date":
        found = list(DATE.finditer(text))
        if not found:
            return False
        match = found[pick % len(found)]
        day = datetime.date.fromisoformat(match.group(1)) + datetime.timedelta(days=(number % 40) - 20)
        changed = text[:match.start(1)] + day.isoformat() + text[match.end(1):]
    elif kind == "remove":
        if "shortlist" not in path.parts and "news" not in path.parts:
            return False
        path.unlink()
        return True
    else:  # "template": the site's own category page, then back to the built-in one
        own = source / "templates" / "category.html"
        if own.exists():
            shutil.rmtree(source / "templates")
            return True
        own.parent.mkdir()
        built_in = (ROOT / "templates" / "category.html").read_text(encoding="utf-8")
        own.write_text(built_in.replace("{% block main %}", f"{{% block main %}}<p>Own {number}</p>", 1),
                       encoding="utf-8")
        return True
    path.write_text(changed, encoding="utf-8")
    return changed != text


def build_both(source: Path, folder: Path, step: int, jobs: int, at: str | None,
               base_url: str | None) -> pipeline.Built | None:
    """A cached build into `folder/cached` and a cold one; both fail alike or make the same files."""
    reading.READ.clear()  # as in a build's own process: what did not change comes from the kept files
    try:
        built = pipeline.build(source, folder / "cached", base_url, at=at, jobs=jobs)
    except ContentError as exc:
        with pytest.raises(ContentError) as cold:
            pipeline.build(source, folder / f"cold{step}", base_url, at=at, jobs=1, cached=False)
        assert cold.value.problems == exc.problems
        return None
    pipeline.build(source, folder / f"cold{step}", base_url, at=at, jobs=1, cached=False)
    assert files(folder / "cached") == files(folder / f"cold{step}"), f"step {step}"
    shutil.rmtree(folder / f"cold{step}")
    return built


EDIT = st.tuples(st.sampled_from(["word", "word", "result", "date", "remove", "template", "at", "base"]),
                 st.integers(0, 10_000))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDIT, min_size=1, max_size=6), jobs=st.sampled_from([1, 2]), big=st.booleans())
def test_a_cached_build_after_any_edits_is_the_cold_build(tmp_path_factory: pytest.TempPathFactory,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          edits: list[tuple[str, int]], jobs: int, big: bool) -> None:
    """Riverside (editions, news, pages, pictures, Welsh), or a programme whose shortlist is split per category
    and whose library lists projects without synopses (as programmes of thousands of entries are)."""
    monkeypatch.setattr(parallel, "MIN_FILES", 0)  # several processes even for a small site
    monkeypatch.setattr(lists, "SPLIT_AT", 8)
    monkeypatch.setattr(lists, "LIBRARY_AT", 8)
    folder = tmp_path_factory.mktemp("cached")
    source = folder / "content"
    if big:
        write_programme(source, 3, 4, groups=True)
    else:
        shutil.copytree(RIVERSIDE, source)
    at, base_url = AT, None
    build_both(source, folder, 0, jobs, at, base_url)
    for step, (kind, pick) in enumerate(edits, start=1):
        if kind == "at":
            at = MOMENTS[pick % len(MOMENTS)]
        elif kind == "base":
            base_url = None if base_url else "https://example.org/elsewhere/"
        else:
            edit(source, kind, pick, step)
        build_both(source, folder, step, jobs, at, base_url)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(["word", "word", "result", "date", "remove", "template"]),
                                st.integers(0, 10_000)), min_size=1, max_size=6))
def test_the_preview_after_any_edits_serves_what_a_cold_build_makes(tmp_path_factory: pytest.TempPathFactory,
                                                                    edits: list[tuple[str, int]]) -> None:
    """`serve` keeps the parsed files and the cache between rebuilds: what it serves is still the cold build
    (made by a process of its own, which has parsed nothing before)."""
    folder = tmp_path_factory.mktemp("preview")
    source = folder / "content"
    shutil.copytree(RIVERSIDE, source)
    preview = Preview(source, folder / "served", None, at=AT)
    assert preview.rebuild() == []
    for step, (kind, pick) in enumerate(edits, start=1):
        edit(source, kind, pick, step)
        problems = preview.rebuild()
        cold = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--source", str(source), "--out",
                               str(folder / f"cold{step}"), "--at", AT, "--no-cache"], capture_output=True, text=True)
        if cold.returncode:
            assert problems and all(problem in cold.stderr + cold.stdout for problem in problems), f"step {step}"
            continue
        assert problems == [] and files(folder / "served") == files(folder / f"cold{step}"), f"step {step}"


def test_an_edit_renders_only_the_pages_it_touches(tmp_path: Path) -> None:
    source = write_programme(tmp_path / "content", 4, 5)
    first = pipeline.build(source, tmp_path / "out", at=AT)
    before, known = inodes(tmp_path / "out"), conversions(tmp_path / "out")
    edited = sorted((source / "shortlist").glob("*.yaml"))[0]
    Editor().edit(edited, "synopsis", "Changed")
    second = pipeline.build(source, tmp_path / "out", at=AT)
    after = inodes(tmp_path / "out")
    # The markdown of pages kept unchanged is kept too, for the day they are made again; the edited text's old
    # conversion is dropped and its new one added.
    assert len(conversions(tmp_path / "out")) == len(known) > 20
    assert (cache.path_of(tmp_path / "out") / ".gitignore").read_text().splitlines()[-1] == "*"  # never committed
    made = {name for name in after if after[name] != before.get(name)} - {output.MARKER}  # a kept page is linked
    category = edited.stem
    assert {name for name in made if name.startswith("shortlist/") and name.count("/") == 3} == \
        {name for name in after if name.startswith(f"shortlist/{category}/")}  # its entries list each other
    assert {name for name in made if name.startswith("categories/")} == {f"categories/{category}/index.html"}
    assert {"shortlist/index.html", "library/index.html", "shortlist.json"} <= made
    assert not {"index.html", "accessibility/index.html"} & made  # they show no entry's markdown
    assert not any(name.startswith(("assets/", "media/")) for name in made)
    assert first.written == first.files and second.written == len(made) < first.files // 2
    pipeline.build(source, tmp_path / "cold", at=AT, cached=False)
    assert files(tmp_path / "out") == files(tmp_path / "cold")


def test_a_category_s_text_renders_the_home_page_again_which_shows_its_summary(tmp_path: Path) -> None:
    source = write_programme(tmp_path / "content", 4, 5)
    pipeline.build(source, tmp_path / "out", at=AT)
    before = inodes(tmp_path / "out")
    edited = sorted((source / "categories").glob("*.yaml"))[0]
    Editor().edit(edited, "category", "Changed")
    pipeline.build(source, tmp_path / "out", at=AT)
    after = inodes(tmp_path / "out")
    assert after["index.html"] != before["index.html"]
    assert after["accessibility/index.html"] != before["accessibility/index.html"]  # keyed alike: it could show them
    pipeline.build(source, tmp_path / "cold", at=AT, cached=False)
    assert files(tmp_path / "out") == files(tmp_path / "cold")


def conversions(out: Path) -> dict[str, str]:
    html: dict[str, str] = json.loads((cache.path_of(out) / "markdown.json").read_text(encoding="utf-8"))["html"]
    return html


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_nothing_changed_means_nothing_is_done_until_a_moment_passes(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "content"
    shutil.copytree(RIVERSIDE, source)
    epoch = int(datetime.datetime(2026, 11, 19, 18, 28, tzinfo=datetime.timezone.utc).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))  # 18:28 UK time: two minutes before the winners
    built = pipeline.build(source, tmp_path / "out")
    again = pipeline.build(source, tmp_path / "out")
    assert built.content is not None and again.content is None and again.files == built.files
    assert again.warnings == built.warnings
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch + 120))  # 18:30: the results are announced
    announced = pipeline.build(source, tmp_path / "out")
    assert announced.content is not None
    pipeline.build(source, tmp_path / "cold", cached=False)
    assert files(tmp_path / "out") == files(tmp_path / "cold")
    assert b"Winner" in (tmp_path / "out" / "2026" / "winners" / "index.html").read_bytes()


def test_a_record_of_another_output_folder_is_not_trusted(tmp_path: Path) -> None:
    source = write_programme(tmp_path / "content", 2, 3)
    pipeline.build(source, tmp_path / "out", at=AT)
    built = files(tmp_path / "out")
    # Someone replaces the site with a copy and changes a page in it: that folder is not the one recorded.
    shutil.copytree(tmp_path / "out", tmp_path / "copy")
    shutil.rmtree(tmp_path / "out")
    (tmp_path / "copy").rename(tmp_path / "out")
    page = next((tmp_path / "out" / "shortlist").rglob("*/index.html"))
    page.write_text("changed by hand")
    assert cache.read(tmp_path / "out") is None
    again = pipeline.build(source, tmp_path / "out", at=AT)
    assert again.written == again.files and files(tmp_path / "out") == built
