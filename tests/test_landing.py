"""The home page as a landing page, an entry's page, the footer and the site's look (#13): dark mode, print,
emails that wrap cleanly. The HTML as built, and what a person sees in Chromium."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from browser import SiteServer
from conftest import ROOT, write_site
from htmltools import parse

from awardsite import pipeline

SITE = """\
title: Scratch Awards
base_url: https://example.org/scratch/
intro: The scratch programme, which recognises teams who made a difference to the people they serve.
accessibility: {status: full, email: access@example.org, prepared: "2026-01-05"}
entries_open: "2026-03-02 09:00"
entries_close: "2026-05-22 17:00"
shortlist_announced: "2026-09-15 10:00"
winners_announced: "2026-11-19 18:30"
contacts:
  - role: Entries
    email: entries.and.eligibility@riverside-health-equity-awards.example.org
"""
SHORTLIST = """\
entries:
  - organisation: First Trust
    title: Fish & chips café
    synopsis: What the first project did.
    result: winner
  - organisation: Second Trust
    title: Second project
    synopsis: What the second project did.
"""
CATEGORY = "title: {title}\nintro: What it recognises.\neligibility: Anyone.\ncriteria:\n  - heading: Ambition\n{more}"
MOMENTS = {  # UK time
    "before": "2026-02-01 12:00", "open": "2026-05-10 12:00", "closed": "2026-06-10 12:00",
    "shortlist": "2026-10-01 12:00", "results": "2026-11-25 12:00",
}


def text(element) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+([,.:;)])", r"\1", element.text())


def hrefs(element) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.attrs.get("href", "") for a in element.find_all("a")]


def page(out: Path, path: str):  # type: ignore[no-untyped-def]
    return parse((out / path / "index.html").read_bytes())


@pytest.fixture(scope="module")
def scratch_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("landing") / "content", {
        "site.yaml": SITE, "shortlist/first.yaml": SHORTLIST,
        "categories/second.yaml": CATEGORY.format(title="Second award", more="")})


@pytest.fixture(scope="module")
def builds(scratch_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The scratch programme built as of each moment: phase -> output folder."""
    root = tmp_path_factory.mktemp("landing-builds")
    for phase, moment in MOMENTS.items():
        pipeline.build(scratch_site, root / phase, at=moment)
    return {phase: root / phase for phase in MOMENTS}


# --- the landing band ------------------------------------------------------------------------------------------

STATUS = {
    "before": ("before", "Entries open on Monday 2 March 2026, 09:00 UK time", []),
    "open": ("open", "Entries close Friday 22 May 2026, 17:00 UK time — 12 days left Enter now", ["#categories"]),
    "closed": ("closed", "Entries closed The shortlist will be announced on Tuesday 15 September 2026, 10:00 UK time.",
               []),
    "shortlist": ("shortlist", "Shortlist announced — see it The winners will be announced on Thursday 19 November "
                               "2026, 18:30 UK time.", ["/scratch/shortlist/"]),
    "results": ("results", "Winners announced — see them", ["/scratch/winners/"]),
}


@pytest.mark.parametrize("phase", list(MOMENTS))
def test_the_landing_band_names_the_programme_and_says_where_the_year_is(builds, phase: str) -> None:  # type: ignore[no-untyped-def]
    main = page(builds[phase], "").find("main")
    band = main.find_all()[0]
    assert band.attrs["class"] == "landing"  # first thing on the page
    assert band.find("h1").text() == "Scratch Awards"
    status = band.find(class_="status")
    assert (status.attrs["data-phase"], text(status), hrefs(status)) == STATUS[phase]
    if phase == "open":  # countdown.js keeps it current, and removes the entry link at the deadline
        assert status.attrs["data-deadline"] == "2026-05-22T17:00+01:00"
        assert status.find("strong", class_="countdown").attrs.get("data-countdown") == ""
        assert status.find(class_="status__action").attrs.get("data-entry-link") == ""


def test_the_key_dates_sit_beside_the_intro_at_desktop_width_and_below_it_on_phones(browser, builds) -> None:  # type: ignore[no-untyped-def]
    site = SiteServer(builds["open"], "/scratch/")
    try:
        for width, beside in ((1280, True), (375, False)):
            context = browser.new_context(viewport={"width": width, "height": 900})
            view = context.new_page()
            view.goto(site.url)
            lede = view.locator(".landing__intro .lede").bounding_box()
            dates = view.locator(".landing__dates").bounding_box()
            assert (dates["x"] >= lede["x"] + lede["width"]) is beside
            assert (dates["y"] >= lede["y"] + lede["height"]) is not beside
            assert view.locator(".landing__dates li.key-date").count() == 4
            assert view.evaluate("document.documentElement.scrollWidth") <= width  # the band is edge to edge
            band = view.locator(".landing").bounding_box()
            header = view.locator(".site-header").bounding_box()
            assert band["y"] == pytest.approx(header["y"] + header["height"], abs=1)  # it meets the header
            context.close()
    finally:
        site.stop()


def test_the_live_countdown_says_how_many_days_are_left_and_offers_the_entry_link(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Built now, with a deadline 12 days away: the browser, on its own clock, agrees with the build."""
    closes = datetime.datetime.now(ZoneInfo("Europe/London")).date() + datetime.timedelta(days=12)
    folder = write_site(tmp_path / "content", {"site.yaml": SITE.replace("2026-05-22 17:00", f"{closes} 17:00")
                                               .replace("2026-03-02 09:00", "2020-01-01 09:00")
                                               .replace("2026-09-15", f"{closes.year + 1}-09-15")
                                               .replace("2026-11-19", f"{closes.year + 1}-11-19")})
    pipeline.build(folder, tmp_path / "_site")
    site = SiteServer(tmp_path / "_site", "/scratch/")
    context = browser.new_context(viewport={"width": 375, "height": 900})
    try:
        view = context.new_page()
        view.goto(site.url)
        status = view.locator(".landing .status")
        assert status.get_attribute("data-phase") == "open"
        assert view.locator(".countdown").inner_text() == "12 days left"
        assert re.fullmatch(r"Entries close \w+ \d+ \w+ \d{4}, 17:00 UK time — 12 days left",
                            view.locator(".status__text").inner_text())
        enter = view.get_by_role("link", name="Enter now")
        assert enter.is_visible()
        enter.click()
        assert view.evaluate("location.hash") == "#categories"
    finally:
        context.close()
        site.stop()


def test_groups_get_headings_and_a_jump_link_each(tmp_path: Path) -> None:
    folder = write_site(tmp_path / "content", {
        "site.yaml": SITE + "groups:\n  - slug: main\n    title: Main awards\n    description: The big ones.\n"
                            "  - slug: special\n    title: Special awards\n",
        "categories/first.yaml": CATEGORY.format(title="First award", more="group: main\n"),
        "categories/second.yaml": CATEGORY.format(title="Second award", more="group: special\n"),
        "categories/third.yaml": CATEGORY.format(title="Third award", more="group: main\n")})
    pipeline.build(folder, tmp_path / "_site", at=MOMENTS["open"])
    main = page(tmp_path / "_site", "").find("main")
    jumps = main.find("nav", class_="jump-links")
    assert hrefs(jumps) == ["#group-main", "#group-special"]  # not "#main": that is the page's own
    headings = main.find_all("h3", class_="group-heading")
    assert [(h.attrs["id"], h.text()) for h in headings] == [("group-main", "Main awards"),
                                                             ("group-special", "Special awards")]
    grids = main.find_all("ul", class_="cards")
    assert [[h.text() for h in grid.find_all("h4")] for grid in grids] == [["First award", "Third award"],
                                                                           ["Second award"]]
    assert main.find("p", class_="group-description").text() == "The big ones."


def test_without_groups_the_cards_are_one_grid_with_no_jump_links(builds) -> None:  # type: ignore[no-untyped-def]
    main = page(builds["open"], "").find("main")
    assert not main.find_all("nav", class_="jump-links") and not main.find_all(class_="group-heading")
    assert [h.text() for h in main.find("ul", class_="cards").find_all("h3")] == ["First award", "Second award"]


# --- the footer ------------------------------------------------------------------------------------------------

def test_the_footer_offers_the_open_data_once_a_shortlist_is_published(builds) -> None:  # type: ignore[no-untyped-def]
    for phase in ("open", "closed"):  # the shortlist is embargoed until 15 September
        footer = page(builds[phase], "").find("footer")
        assert "/scratch/shortlist.csv" not in hrefs(footer) and "Open data" not in footer.text()
    for phase, path in (("shortlist", ""), ("shortlist", "categories/second"), ("results", "accessibility")):
        footer = page(builds[phase], path).find("footer")
        data = footer.find("ul", class_="site-footer__data")
        assert hrefs(data) == ["/scratch/shortlist.csv", "/scratch/shortlist.json"], path
        assert (builds[phase] / "shortlist.csv").read_text().count("Fish & chips") == 1
    footer = page(builds["shortlist"], "").find("footer")
    assert "/scratch/accessibility/" in hrefs(footer)
    assert footer.find("ul", class_="site-footer__contacts").text().startswith("Entries:")


# --- an entry's page -------------------------------------------------------------------------------------------

def test_an_entry_page_heading_says_result_award_and_year(builds) -> None:  # type: ignore[no-untyped-def]
    heading = page(builds["results"], "shortlist/first/fish-chips-cafe").find("main").find(class_="entry-page__heading")
    assert text(heading.find(class_="entry-page__award")) == "Winner · First award 2026"
    assert heading.find(class_="entry__result").text() == "Winner"
    assert heading.find("h1").text() == "Fish & chips café"
    assert hrefs(heading) == ["/scratch/categories/first/"]
    before = page(builds["shortlist"], "shortlist/first/fish-chips-cafe").find("main")  # the result is embargoed
    assert text(before.find(class_="entry-page__award")) == "Shortlisted · First award 2026"
    assert "entry--awarded" not in before.find("article").attrs["class"]


def test_an_entry_page_links_to_the_other_finalists_best_first(tmp_path: Path) -> None:
    shortlist = SHORTLIST.replace("    result: winner\n", "") + (
        "  - organisation: Third Trust\n    title: Third project\n    synopsis: It.\n    result: highly-commended\n"
        "  - organisation: Fourth Trust\n    title: Fourth project\n    synopsis: It.\n    result: winner\n")
    folder = write_site(tmp_path / "content", {"site.yaml": SITE, "shortlist/first.yaml": shortlist})
    pipeline.build(folder, tmp_path / "_site", at=MOMENTS["results"])
    others = page(tmp_path / "_site", "shortlist/first/fish-chips-cafe").find("ul", class_="entry-page__others")
    assert [text(li) for li in others.find_all("li")] == ["Fourth project, Fourth Trust (winner)",
                                                          "Third project, Third Trust (highly commended)",
                                                          "Second project, Second Trust"]


def test_an_entry_page_names_the_awards_partner(tmp_path: Path) -> None:
    folder = write_site(tmp_path / "content", {
        "site.yaml": SITE, "categories/first.yaml": CATEGORY.format(
            title="First award", more="partners:\n  - name: Kind Foundation\n    url: https://kind.example.org/\n")})
    pipeline.build(folder, tmp_path / "_site", at=MOMENTS["shortlist"])
    facts = page(tmp_path / "_site", "shortlist/first/first-project").find("dl", class_="entry-page__facts")
    assert [dt.text() for dt in facts.find_all("dt")] == ["Award partner"]
    assert hrefs(facts.find("dd", class_="entry-page__partners")) == ["https://kind.example.org/"]
    assert text(facts.find("dd")) == "Kind Foundation"


def test_share_links_carry_the_absolute_address_encoded_and_load_nothing(builds) -> None:  # type: ignore[no-untyped-def]
    out = builds["results"]
    html = (out / "shortlist/first/fish-chips-cafe/index.html").read_text()
    share = parse(html).find("section", class_="share")
    address = "https://example.org/scratch/shortlist/first/fish-chips-cafe/"
    email, linkedin, bluesky = (a.attrs for a in share.find_all("a"))
    assert all("target" not in a for a in (email, linkedin, bluesky))
    mail = urlsplit(email["href"])
    assert mail.scheme == "mailto" and mail.path == ""
    fields = parse_qs(mail.query)
    assert fields == {"subject": ["Fish & chips café – First award 2026"], "body": [address]}
    assert "%20" in mail.query and "+" not in mail.query  # mail programs read + literally
    assert linkedin["href"].startswith("https://www.linkedin.com/sharing/share-offsite/?url=")
    assert parse_qs(urlsplit(linkedin["href"]).query) == {"url": [address]}
    assert bluesky["href"].startswith("https://bsky.app/intent/compose?text=")
    assert parse_qs(urlsplit(bluesky["href"]).query)["text"] == [f"Fish & chips café – First award 2026 {address}"]
    assert "&" not in unquote(linkedin["href"].split("?", 1)[1]).replace(address, "")  # one parameter, encoded
    assert "bsky.app/" not in "".join(re.findall(r"<script[^>]*>", html))  # no script of theirs


# --- emails ----------------------------------------------------------------------------------------------------

def test_an_email_may_break_only_after_the_at_and_before_a_dot(builds) -> None:  # type: ignore[no-untyped-def]
    html = (builds["open"] / "index.html").read_text()
    link = re.search(r'<a class="email" href="mailto:([^"]+)">(.*?)</a>', html)
    assert link and link.group(1) == "entries.and.eligibility@riverside-health-equity-awards.example.org"
    pieces = link.group(2).split("<wbr>")
    assert [re.sub(r"<[^>]+>", "", p) for p in pieces] == [
        "entries", ".and", ".eligibility@", "riverside-health-equity-awards", ".example", ".org"]
    assert re.sub(r"<[^>]+>", "", link.group(2)) == link.group(1)  # read and copied as one address


@pytest.mark.parametrize("width", [320, 375])
def test_a_long_email_wraps_at_its_dots_not_inside_a_word_on_a_phone(browser, builds, width: int) -> None:  # type: ignore[no-untyped-def]
    site = SiteServer(builds["open"], "/scratch/")
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        view = context.new_page()
        view.goto(site.url)
        email = view.locator(".site-footer a.email")
        assert email.evaluate("a => a.getClientRects().length") > 1  # it does wrap at this width
        # every piece stays on one line: a break falls only where a <wbr> is
        lines = email.evaluate("a => [...a.querySelectorAll('span')].map(s => s.getClientRects().length)")
        assert lines and all(n == 1 for n in lines), lines
        assert view.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
        site.stop()


# --- dark mode -------------------------------------------------------------------------------------------------

CONTRAST = """els => els.map(el => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  let bg = el, back = null;
  while (bg) { const c = rgb(getComputedStyle(bg).backgroundColor); if (c.length < 4 || c[3] > 0) { back = c; break; } bg = bg.parentElement; }
  back = back || [255, 255, 255];
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(back)];
  return [el.className || el.tagName, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), lum(back)];
})"""
TEXTS = ["main p", "main a", ".card__partner, .landing__calendar", ".site-footer__contacts", ".site-footer a",
         ".key-date--past", ".landing__title", ".status__text", ".card__title a", ".entry__organisation",
         ".citation__title", ".entry__result", ".entry__focus a", ".share a", ".notice"]


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_text_and_links_keep_their_contrast_in_either_colour_scheme(browser, scheme: str) -> None:  # type: ignore[no-untyped-def]
    out = ROOT / "examples" / "riverside-awards"
    if not (out / "site.yaml").is_file():
        pytest.skip("no examples/riverside-awards in this checkout")
    import tempfile
    with tempfile.TemporaryDirectory() as temporary:
        pipeline.build(out, Path(temporary) / "_site", at="2026-11-25 12:00")
        site = SiteServer(Path(temporary) / "_site", "/riverside-awards/")
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        try:
            view = context.new_page()
            checked = 0
            for path in ("", "2025/shortlist/community-partnership/health-checks-on-the-landing/",
                         "2025/shortlist/community-partnership/cafe-conversations/", "2026/categories/early-diagnosis/"):
                view.goto(site.url + path)
                background = view.evaluate("getComputedStyle(document.body).backgroundColor")
                assert (background == "rgb(17, 19, 20)") is (scheme == "dark"), background
                for selector in TEXTS:
                    for name, ratio, _ in view.locator(selector).evaluate_all(CONTRAST):
                        checked += 1
                        assert ratio >= 4.5, (path, selector, name, ratio)
            assert checked > 50
        finally:
            context.close()
            site.stop()


def test_dark_mode_redefines_the_tokens_not_each_rule() -> None:
    css = (ROOT / "assets" / "site.css").read_text()
    dark = re.search(r"@media screen and \(prefers-color-scheme: dark\) \{\s*:root \{([^}]*)\}\s*\}", css)
    assert dark, "one dark block of custom properties"
    names = set(re.findall(r"(--[\w-]+):", dark.group(1)))
    assert {"--text", "--muted", "--bg", "--surface", "--panel", "--border", "--link"} <= names
    assert "var(--brand-light)" in dark.group(1)
    assert "color-scheme: light dark" in css


# --- print -----------------------------------------------------------------------------------------------------

def test_print_rules_come_last_so_nothing_overrides_them() -> None:
    css = (ROOT / "assets" / "site.css").read_text()
    blocks = [m.start() for m in re.finditer(r"@media print", css)]
    assert len(blocks) == 1
    tail = css[blocks[0]:]
    depth = 0
    for i, char in enumerate(tail):  # the print block runs to the end of the file
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and char == "}":
            assert not tail[i + 1:].strip(), "a rule after the print block would win over it"
            break


def test_printing_the_shortlist_leaves_out_the_search_and_prints_results_as_words(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = write_site(tmp_path / "content", {"site.yaml": SITE, "shortlist/first.yaml": SHORTLIST})
    pipeline.build(folder, tmp_path / "_site", at=MOMENTS["results"])
    site = SiteServer(tmp_path / "_site", "/scratch/")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        view = context.new_page()
        view.goto(site.url + "shortlist/")
        assert view.locator(".finder").is_visible()  # on screen, with the script, the search is there
        view.emulate_media(media="print")
        assert view.evaluate("getComputedStyle(document.querySelector('.finder')).display") == "none"
        badge = view.locator(".entry--rank-1 .entry__result").first
        style = badge.evaluate("b => { const s = getComputedStyle(b); return [s.color, s.borderTopWidth, "
                               "s.borderTopStyle, getComputedStyle(document.body).backgroundColor]; }")
        assert style[0] == "rgb(0, 0, 0)" and style[1] != "0px" and style[2] == "solid", style  # words in a box
        assert style[3] == "rgb(255, 255, 255)"  # paper is light, whatever the screen's scheme
        assert badge.inner_text() == "Winner"
        assert view.locator(".site-footer").is_hidden() and view.locator(".site-header__nav").is_hidden()
        view.goto(site.url + "shortlist/first/fish-chips-cafe/")
        view.emulate_media(media="print")
        assert view.locator(".share").is_hidden()
    finally:
        context.close()
        site.stop()


def test_the_landing_band_shows_the_brands_logo_and_the_edition(tmp_path: Path) -> None:
    from conftest import png
    site = SITE.replace("title: Scratch Awards\n", 'title: Scratch Awards\nedition: "2026"\n') + (
        'brand:\n  colour: "#00665e"\n  logo: {file: logo.png, alt: Scratch Awards}\n')
    folder = write_site(tmp_path / "content", {"site.yaml": site, "media/logo.png": png(240, 80)})  # type: ignore[dict-item]
    pipeline.build(folder, tmp_path / "_site", at=MOMENTS["open"])
    heading = page(tmp_path / "_site", "").find(class_="landing__heading")
    logo = heading.find("img", class_="landing__logo")
    assert (logo.attrs["src"], logo.attrs["width"], logo.attrs["height"]) == ("/scratch/media/logo.png", "240", "80")
    assert logo.attrs["alt"] == ""  # it only repeats the heading beside it
    assert heading.find("p", class_="landing__edition").text() == "The 2026 awards"
    assert heading.find("h1").text() == "Scratch Awards"
    titled = SITE.replace("title: Scratch Awards\n", 'title: Scratch Awards 2026\nedition: "2026"\n')
    folder = write_site(tmp_path / "again", {"site.yaml": titled})
    pipeline.build(folder, tmp_path / "_again", at=MOMENTS["open"])
    heading = page(tmp_path / "_again", "").find(class_="landing__heading")
    assert not heading.find_all("img") and not heading.find_all(class_="landing__edition")  # said once
