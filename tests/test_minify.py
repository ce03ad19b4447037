"""The tool's own stylesheet and scripts are published shortened, and mean exactly the same."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from awardsite import minify, pipeline
from browser import SiteServer
from conftest import ROOT, write_site

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-dev.txt")


def test_css_loses_comments_and_spaces_but_not_strings() -> None:
    source = ('/* a "quoted" comment */\n:root {\n  --x: 1;  /* it\'s */\n}\na > b,\nc { content: " > /* kept */ ";'
              ' margin: 0 auto }\n@media (min-width: 48em) {\n  .a::before { content: "\\2610" attr(title) }\n}\n')
    assert minify.css(source) == (':root{--x: 1;}a>b,c{content: " > /* kept */ ";margin: 0 auto}'
                                  '@media (min-width: 48em){.a::before{content: "\\2610" attr(title)}}\n')


def test_js_loses_comment_lines_and_indentation_but_keeps_every_line_of_code() -> None:
    source = '// What it does.\n(function () {\n  // why\n  var u = "https://example.org/"; // said\n\n  go(u);\n})();\n'
    assert minify.js(source) == '(function () {\nvar u = "https://example.org/"; // said\ngo(u);\n})();\n'


def test_the_built_in_assets_are_shortened_and_a_sites_own_are_published_as_written(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    own = "/* my own comment */\nbody { color: red; }\n"
    pipeline.build(write_site(tmp_path / "content", {"assets/site.css": own}), out)
    assert (out / "assets/site.css").read_text() == own
    built = (out / "assets/tabs.js").read_bytes()
    source = (ROOT / "assets/tabs.js").read_bytes()
    assert built == minify.js(source.decode()).encode()
    assert len(gzip.compress(built)) < len(gzip.compress(source))  # it is worth doing


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", ["", "shortlist/"])
def test_the_shortened_stylesheet_styles_every_element_as_the_source_does(browser, example_site: Path, path: str,
                                                                          width: int) -> None:  # type: ignore[no-untyped-def]
    site = SiteServer(example_site, "/hsj-awards/")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    styles = ("Array.from(document.querySelectorAll('body *')).map(e => { const s = getComputedStyle(e); "
              "return [e.tagName, s.display, s.color, s.backgroundColor, s.fontSize, s.fontWeight, s.margin, "
              "s.padding, s.border, s.position, s.gridTemplateColumns, s.maxWidth].join('|'); })")
    try:
        page.goto(site.url + path)
        shortened = page.evaluate(styles)
        assert (example_site / "assets/site.css").read_text() != (ROOT / "assets/site.css").read_text()
        page.route("**/assets/site.css", lambda route: route.fulfill(
            body=(ROOT / "assets/site.css").read_text(), content_type="text/css"))
        page.goto(site.url + path)
        assert page.evaluate(styles) == shortened
    finally:
        context.close()
        site.stop()
