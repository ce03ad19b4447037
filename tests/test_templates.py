"""Templates from the content folder: sandboxed, budgeted, and their errors name the right file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from awardsite import output, pipeline, templating
from awardsite.errors import BuildError, ContentError
from conftest import run_cli

ESCAPES = [
    "{{ url.__init__.__globals__ }}",
    "{{ url.home.__func__.__globals__['os'].system('touch PWNED') }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% set x = categories.__class__ %}{{ x.__base__.__subclasses__() }}",
]


@pytest.mark.parametrize("attack", ESCAPES)
def test_templates_cannot_reach_python_internals(scratch, attack: str) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"templates/404.html": f"line one\n{attack}\n"})
    result = run_cli("build", cwd=folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith("templates/404.html:2: ")
    assert not (folder / "PWNED").exists() and not (folder / "_site").exists()


def test_templates_cannot_change_the_content(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"templates/404.html": "{% set tags = site.contacts %}{{ shortlists.clear() }}\n"})
    result = run_cli("build", cwd=folder)
    assert result.returncode == 1
    assert "templates/404.html:1: not allowed in a template:" in result.stderr


@pytest.mark.parametrize("template", [
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
])
def test_a_runaway_loop_stops_at_the_page_budget(scratch, tmp_path: Path, monkeypatch, template: str) -> None:  # type: ignore[no-untyped-def]
    # Short, but not so short that another page trips it when a garbage collection of the whole test
    # process lands in it (0.5 s once failed CI on the shortlist page).
    monkeypatch.setattr(templating, "PAGE_SECONDS", 2.0)
    folder = scratch({"templates/404.html": "Lost\n" + template + "\n"})
    with pytest.raises(ContentError) as caught:
        pipeline.build(folder, tmp_path / "out")
    assert [p.format() for p in caught.value.problems] == [
        "templates/404.html:2: the page `404.html` took longer than 2 s to render; is a loop in the template "
        "unbounded?"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("expression", ["'x' * 10**9", "'x' * 999999999", "2 ** 99999999", "'%999999999d' % 1",
                                        "'{:999999999}'.format(1)", "'x' | center(999999999)",
                                        "'%999999999d' | format(1)"])
def test_expressions_that_would_exhaust_memory_are_refused(scratch, expression: str) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"templates/404.html": f"{{{{ {expression} }}}}\n"})
    result = run_cli("build", cwd=folder)
    assert result.returncode == 1
    assert result.stderr.startswith("templates/404.html:1: not allowed in a template: ")


def test_a_build_of_too_many_files_is_refused_before_writing(scratch, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(output, "MAX_FILES", 5)
    with pytest.raises(BuildError, match=r"the site would have \d+ files, more than the 5 a build may write"):
        pipeline.build(scratch(), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_error_in_an_included_template_names_that_file_and_line(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({
        "templates/404.html": '{% extends "base.html" %}\n{% block main %}\n{% include "parts/oops.html" %}\n'
                              '{% endblock %}\n',
        "templates/parts/oops.html": "<p>fine</p>\n<p>{{ page.no_such_thing.deeper }}</p>\n",
    })
    result = run_cli("build", cwd=folder)
    assert result.returncode == 1
    assert result.stderr.startswith("templates/parts/oops.html:2: UndefinedError: ")


def test_a_missing_include_names_the_template_that_includes_it(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"templates/404.html": 'one\ntwo\n{% include "nowhere.html" %}\n'})
    result = run_cli("build", cwd=folder)
    assert result.returncode == 1
    assert result.stderr.startswith("templates/404.html:3: template `nowhere.html` not found")


def test_a_syntax_error_in_an_imported_macro_file_names_it(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"templates/404.html": '{% import "macros.html" as m %}\n{{ m.x() }}\n',
                      "templates/macros.html": "{% macro x() %}\n{% if %}\n{% endmacro %}\n"})
    result = run_cli("build", cwd=folder)
    assert result.returncode == 1
    assert result.stderr.startswith("templates/macros.html:2: template syntax: ")


def test_robots_txt_is_plain_text_and_the_sitemap_is_xml(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"site.yaml": "title: Health & Care <Awards>\nbase_url: https://example.org/\nintro: I.\n",
                      "templates/robots.txt": "# {{ site.title }}\nSitemap: {{ url.absolute('sitemap.xml') }}\n",
                      "templates/sitemap.xml": "<x>{{ site.title }}</x>\n"})
    assert run_cli("build", cwd=folder).returncode == 0
    assert (folder / "_site" / "robots.txt").read_text().startswith("# Health & Care <Awards>\n")
    assert (folder / "_site" / "sitemap.xml").read_text() == "<x>Health &amp; Care &lt;Awards&gt;</x>\n"


def test_pages_are_written_as_they_are_rendered(scratch, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each page is on disk before the next is rendered: the site is never whole in memory."""
    written_before: list[int] = []
    real_stream = templating.stream

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        temp = next(tmp_path.glob(".out.tmp-*"))
        written_before.append(sum(1 for p in temp.rglob("*") if p.is_file()))
        return real_stream(*args, **kwargs)

    monkeypatch.setattr(templating, "stream", counting)
    pipeline.build(scratch(), tmp_path / "out")
    assert written_before == list(range(len(written_before))) and len(written_before) > 4
