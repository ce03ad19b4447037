"""Content is data: raw HTML, unsafe links and template syntax come out as inert text."""

from __future__ import annotations

import re

from awardsite import pipeline
from awardsite.markdown import markdown
from awardsite.urls import is_safe_link


def test_raw_html_is_escaped_not_passed_through() -> None:
    html = markdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_unsafe_link_schemes_are_not_made_into_links() -> None:
    for href in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html,<b>x</b>",
                 "&#106;avascript:alert(1)", "java&#x09;script:alert(1)", "<javascript:alert(1)>"]:
        html = markdown(f"[click]({href}) and <{href.strip('<>')}>")
        assert "href" not in html or re.search(r'href="(?!javascript|vbscript|data)', html), (href, html)
        assert not re.search(r'href="\s*(javascript|vbscript|data):', html, re.I), html


def test_safe_links_are_kept() -> None:
    html = markdown("[a](https://example.org/x) [b](mailto:a@example.org) [c](/page/) [d](#top)")
    assert html.count("<a href=") == 4
    assert all(is_safe_link(u) for u in ["https://x.org", "mailto:a@b.c", "tel:+44", "/x", "#y", "x/y"])
    assert not any(is_safe_link(u) for u in ["javascript:x", " javascript:x", "java\tscript:x", "DATA:x"])


def test_tables_are_on_and_headings_sit_below_the_page_headings() -> None:
    html = markdown("# Top\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<h3>Top</h3>" in html and "<table>" in html


def test_hostile_content_is_inert_in_every_built_page(scratch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    hostile = '<script>alert(1)</script> {{ 7*7 }} {% include "base.html" %} [x](javascript:alert(1)) "q" & \'a\''
    folder = scratch({
        "site.yaml": f"title: '{hostile.replace(chr(39), chr(39) * 2)}'\nbase_url: https://example.org/\nintro: |\n  {hostile}\n",
        "shortlist/first.yaml": f"entries:\n  - organisation: |-\n      {hostile}\n    title: T\n    synopsis: |\n      {hostile}\n",
    })
    pipeline.build(folder, tmp_path / "out")
    for path in sorted((tmp_path / "out").rglob("*.html")):
        name, html = path.name, path.read_text()
        assert "<script>alert" not in html and 'href="javascript' not in html, name
        assert "49" not in html.replace("2049", ""), name  # the template syntax was not run
        assert "{{ 7*7 }}" in html, name
        assert "&amp;amp;" not in html, name  # escaped exactly once
