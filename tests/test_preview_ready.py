"""The preview while a rebuild writes its files: what it makes again is served at once, and a newer save stops it.

A rebuild tells the preview its files as soon as it has read the content and listed them
(pipeline.Ready). From then on each file asked for is made on request, and a file it drops is
not found; a save during the writing stops it (output.Superseded), leaving the live site as it
was, for the next rebuild.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pytest
from markupsafe import escape
from conftest import files, folders_made_ahead

from awardsite import clock, output, pipeline
from awardsite.memo import PerObject
from awardsite.preview import Preview
from awardsite.render import CSP
from awardsite.serve import PREVIEW_CSP, make_app
from benchmarks.edits import Editor
from benchmarks.programme import NOW, write_programme
from test_serve_edges import call

AT = NOW.strftime("%Y-%m-%d %H:%M")


class Held:
    """Every build waits before it writes its first file, until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.writing, self.release = threading.Event(), threading.Event()
        expect = output.Writer.expect  # told the site's files just before it keeps or writes the first

        def held(writer: output.Writer, names: Iterable[str]) -> None:
            self.writing.set()
            assert self.release.wait(timeout=60)
            expect(writer, names)

        monkeypatch.setattr(output.Writer, "expect", held)

    def run(self, rebuild: Callable[[], Any]) -> threading.Thread:
        """Start `rebuild` in a thread; return once it waits to write."""
        thread = threading.Thread(target=rebuild, daemon=True)
        thread.start()
        assert self.writing.wait(timeout=60)
        return thread


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """A preview of a small generated programme, built once."""
    source = write_programme(tmp_path / "content", 3, 4)
    shown = Preview(source, tmp_path / "out", None, at=AT)
    assert shown.rebuild() == []
    yield shown


def entry_path(preview: Preview, category: str) -> str:
    """The address of the first entry page of `category` in the live site, under the base path."""
    page = min((preview.out / "shortlist" / category).glob("*/index.html"))
    return preview.prefix + page.parent.relative_to(preview.out).as_posix() + "/"


def test_a_page_a_rebuild_makes_again_is_served_before_the_site_is_written(preview: Preview, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    shortlists = sorted((preview.source / "shortlist").glob("*.yaml"))
    edited, dropped = shortlists[0], shortlists[1]
    page, gone = entry_path(preview, edited.stem), entry_path(preview, dropped.stem)
    before, app = files(preview.out), make_app(preview)
    told: list[bool] = []
    preview.on_ready = lambda: told.append(True)
    Editor().edit(edited, "synopsis", "Freshlywritten")
    dropped.unlink()
    held = Held(monkeypatch)
    thread = held.run(preview.rebuild)
    assert told == [True] and files(preview.out) == before  # browsers told to reload; nothing written yet
    status, _, body = call(app, page)
    assert status.startswith("200") and b"Freshlywritten" in body  # rendered on request
    still_there = preview.out / gone.removeprefix(preview.prefix) / "index.html"
    assert call(app, gone)[0].startswith("404") and still_there.is_file()  # dropped by the rebuild, not yet swapped
    assert call(app, preview.prefix + "assets/site.css")[2] == before["assets/site.css"]  # made as the writer makes it
    assert preview.ready is not None
    served = {name: call(app, address(preview, name)) for name in preview.ready.files if not name.startswith(".")}
    held.release.set()
    thread.join(timeout=60)
    assert preview.ready is None and preview.problems == [] and call(app, page)[2] == body  # the same bytes
    pipeline.build(preview.source, tmp_path / "cold", at=AT, cached=False)
    cold = files(tmp_path / "cold")
    assert files(preview.out) == cold
    # Every file served mid-rebuild was the one then written (the preview lets livereload's script run).
    assert {name: (status, body) for name, (status, _, body) in served.items()} == \
        {name: ("200 OK", as_previewed(name, cold[name])) for name in served}


def address(preview: Preview, name: str) -> str:
    """The address a browser asks for the site's file `name`."""
    return preview.prefix + name.removesuffix("index.html")


def as_previewed(name: str, data: bytes) -> bytes:
    """A file's bytes as the preview serves them."""
    if not name.endswith(".html"):
        return data
    return data.replace(str(escape(CSP)).encode(), str(escape(PREVIEW_CSP)).encode())


def test_a_save_during_the_writing_stops_it_and_the_next_rebuild_writes_the_site(preview: Preview, tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) \
        -> None:
    edited = min((preview.source / "shortlist").glob("*.yaml"))
    page, before, app = entry_path(preview, edited.stem), files(preview.out), make_app(preview)
    editor = Editor()
    editor.edit(edited, "synopsis", "Firstsave")
    held = Held(monkeypatch)
    thread = held.run(preview.rebuild)
    editor.edit(edited, "synopsis", "Secondsave")
    preview.interrupt()  # what the watcher says of a save during a rebuild
    held.release.set()
    thread.join(timeout=60)
    assert preview.superseded and files(preview.out) == before  # stopped: the live site is as it was
    assert b"Firstsave" in call(app, page)[2]  # until the next rebuild is ready, the stopped one's pages
    assert preview.rebuild() == [] and not preview.superseded and preview.ready is None
    assert b"Secondsave" in call(app, page)[2]
    pipeline.build(preview.source, tmp_path / "cold", at=AT, cached=False)
    assert files(preview.out) == files(tmp_path / "cold")


def test_an_unchanged_file_gives_the_same_objects_on_every_reload(tmp_path: Path) -> None:
    """So what was worked out from them (their checks, the pages' keys) is kept while `serve` runs (memo.py)."""
    source = write_programme(tmp_path / "content", 3, 4)
    first, second = pipeline.check(source), pipeline.check(source)
    assert all(a is b for a, b in zip(first.current.categories, second.current.categories, strict=True))
    assert all(first.current.shortlists[k] is second.current.shortlists[k] for k in first.current.shortlists)
    now = clock.moment(AT, first.site.timezone, "")
    shown = [clock.published(content, now).current.shortlists for content in (first, second)]
    assert all(shown[0][k] is shown[1][k] for k in shown[0])
    edited = min((source / "shortlist").glob("*.yaml"))
    Editor().edit(edited, "synopsis", "Changed")
    third = pipeline.check(source)
    assert [k for k in first.current.shortlists if first.current.shortlists[k] is not third.current.shortlists[k]] \
        == [edited.stem]


def test_what_is_worked_out_from_an_object_goes_with_it() -> None:
    class Thing:
        pass

    memo: PerObject[int] = PerObject()
    made: list[int] = []
    things = [Thing() for _ in range(3)]
    for _ in range(2):
        assert [memo(thing, lambda t: made.append(1) or id(t)) for thing in things] == [id(t) for t in things]
    assert len(made) == 3 and len(memo) == 3
    assert memo(things[0], lambda t: 7, "other") == 7 and len(memo) == 3  # another variant of the same work
    del things[:2]
    gc.collect()
    assert len(memo) == 1
    assert memo(None, lambda t: 5) == 5 and len(memo) == 1  # nothing to keep for what cannot be referred to weakly


def test_serve_makes_no_folders_ahead_where_a_build_does(preview: Preview, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # The preview is ready before its rebuild writes: a folder-making process would only take the second core
    # from the pages asked for meanwhile. A build's rebuild makes the last build's folders while it reads.
    made_ahead = folders_made_ahead(monkeypatch)
    edited, editor = min((preview.source / "shortlist").glob("*.yaml")), Editor()
    editor.edit(edited, "synopsis", "Onceedited")
    assert preview.rebuild() == []
    pipeline.build(preview.source, tmp_path / "cli", at=AT)
    editor.edit(edited, "synopsis", "Twiceedited")
    pipeline.build(preview.source, tmp_path / "cli", at=AT)
    assert made_ahead[0] == [] and made_ahead[1] == []  # serve's rebuild, and a cold build
    assert "shortlist" in made_ahead[2]
