"""Accessibility: axe-core's WCAG 2.0-2.2 A and AA rules on the example site, in Chromium.

Each page is checked at a desktop and a phone width, as served under the site's base path,
and the shortlist again after a tab (on a phone, the picker) has been switched by script, and
while searching. axe-core comes from tests/tools (`npm ci --prefix tests/tools`); see webtools.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest


from webtools import axe_script

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-dev.txt")

WIDTHS = {1280: 900, 768: 1024, 375: 800, 320: 640}
ENTRY = "<first entry page>"  # shortlist/<category>/<entry>/, found in the build
POST = "<first news post>"  # news/<slug>/
PAGES = ["", "categories/healthcare-inequalities/", "shortlist/", ENTRY, "news/", POST, "accessibility/"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
    "resultTypes": ["violations"],
}
# Runs axe and keeps only what a failure report needs.
RUN_AXE = """async (options) => {
    const results = await axe.run(document, options);
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary})),
    }));
}"""
SHOWN_NODES = 3


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_script()




def entry_page(site: Path) -> str:
    pages = sorted(site.glob("shortlist/*/*/index.html"))
    assert pages, "the example build has no entry pages"
    return pages[0].parent.relative_to(site).as_posix() + "/"


def open_page(browser, server, path: str, width: int):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
    page = context.new_page()
    response = page.goto(server.url + path)
    assert response and response.status == 200, f"{path or 'home'}: HTTP {response and response.status}"
    return context, page


def assert_no_violations(page, axe: str, where: str) -> None:  # type: ignore[no-untyped-def]
    page.evaluate(axe)  # evaluate, not a <script>: no content-security policy can refuse it
    violations = page.evaluate(RUN_AXE, AXE_OPTIONS)
    if not violations:
        return
    lines = [f"{where}: {len(violations)} axe violation(s)"]
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}] {v['help']} ({len(v['nodes'])} node(s)) {v['helpUrl']}")
        for node in v["nodes"][:SHOWN_NODES]:
            lines.append(f"    {' '.join(node['target'])}")
            lines.append(f"      {node['html'][:200]}")
            lines.append("      " + (node["summary"] or "").replace("\n", "\n      "))
        if len(v["nodes"]) > SHOWN_NODES:
            lines.append(f"    ... and {len(v['nodes']) - SHOWN_NODES} more")
    pytest.fail("\n".join(lines), pytrace=False)


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("path", PAGES, ids=["home", "category", "shortlist", "entry", "news", "post", "accessibility"])
def test_page_has_no_wcag_violations(browser, server, example_site, axe, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    if path == ENTRY:
        path = entry_page(example_site)
    elif path == POST:
        path = sorted(example_site.glob("news/*/index.html"))[0].parent.relative_to(example_site).as_posix() + "/"
    context, page = open_page(browser, server, path, width)
    try:
        assert_no_violations(page, axe, f"{server.url}{path} at {width}px")
    finally:
        context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_shortlist_after_choosing_the_second_category_has_no_wcag_violations(browser, server, axe, width: int) -> None:  # type: ignore[no-untyped-def]
    # Wide screens get tabs; phones a category picker, with long synopses folded. Then, while a filter
    # is on, the list (no longer tabs) and the picker jump to the categories with matches.
    context, page = open_page(browser, server, "shortlist/", width)
    try:
        tabs = page.get_by_role("tab")
        if tabs.count():
            assert tabs.count() >= 2, "the shortlist page has fewer than two categories"
            tabs.nth(1).click()
            assert tabs.nth(1).get_attribute("aria-selected") == "true"
            state = "second tab selected"
        else:
            picker = page.locator("#category-picker")
            slugs = picker.locator("option").evaluate_all("options => options.map(o => o.value)")
            assert len(slugs) >= 2, "the shortlist page has fewer than two categories"
            picker.select_option(slugs[1])
            assert page.evaluate("location.hash") == f"#{slugs[1]}"
            page.locator(f"#{slugs[1]} .entry__more").first.click()
            state = "second category picked, a synopsis opened"
        assert_no_violations(page, axe, f"{server.url}shortlist/ at {width}px, {state}")
        page.get_by_label("Search every category").fill("health")
        sync_api.expect(page.locator("[role=status]")).to_contain_text("match")
        assert page.get_by_role("tab").count() == 0
        assert_no_violations(page, axe, f"{server.url}shortlist/ at {width}px, {state}, then searched")
    finally:
        context.close()
