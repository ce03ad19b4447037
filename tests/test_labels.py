"""The site's fixed wording: every label in English and Welsh, templates that use only labels there are,
site.yaml's own wording, pages in another language, and what the category page shows from them (#12)."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from awardsite import pipeline, render
from awardsite.labels import LANGUAGES, Labels
from conftest import ROOT, png, write_site
from htmltools import parse

PLACEHOLDER = re.compile(r"\{(\w+)\}")
# `t.key` and `t["key"]` / `t['key']` in a template: `t` is the labels in the page's language.
USED = re.compile(r"""(?<![\w.])t\.([A-Za-z_]\w*)|(?<![\w.])t\[\s*["']([^"']+)["']\s*\]""")


def page(out: Path, path: str):  # type: ignore[no-untyped-def]
    return parse((out / path / "index.html").read_bytes())


def text(element) -> str:  # type: ignore[no-untyped-def]
    """Visible text as read, without the space the parser leaves before punctuation."""
    return re.sub(r"\s+([,.:;)])", r"\1", element.text())


def build(folder: Path, at: str = "2024-04-01 09:00") -> Path:
    out = folder.parent / "_site"
    pipeline.build(folder, out, at=at)
    return out


# --- the table of labels ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [f.name for f in fields(Labels)])
def test_every_label_has_english_and_welsh_with_the_same_placeholders(name: str) -> None:
    meta = next(f for f in fields(Labels) if f.name == name).metadata
    assert re.fullmatch(r"[a-z][a-z0-9_]*", name), "label keys are snake_case"
    words = {language: meta[language] for language in LANGUAGES}
    assert set(words) == {"en", "cy"}
    for language, said in words.items():
        assert isinstance(said, str) and said.strip() == said and said, (name, language)
    assert sorted(PLACEHOLDER.findall(words["en"])) == sorted(PLACEHOLDER.findall(words["cy"])), name
    assert meta["doc"] == f"Default: “{words['en']}”; in Welsh: “{words['cy']}”."  # documented in both languages


def test_no_label_is_declared_twice() -> None:
    source = (ROOT / "awardsite" / "labels.py").read_text(encoding="utf-8")
    declared = re.findall(r"^    ([a-z_][a-z0-9_]*): Optional\[str\] = label\(", source, re.M)
    assert len(declared) == len(set(declared)) == len(fields(Labels))


def test_every_label_a_template_uses_is_in_the_table() -> None:
    known = {f.name for f in fields(Labels)}
    used: dict[str, set[str]] = {}
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.is_file():
            for dotted, indexed in USED.findall(path.read_text(encoding="utf-8")):
                used.setdefault(dotted or indexed, set()).add(path.name)
    assert {"skip_to_content", "judging_criteria", "weight", "countdown_days"} <= set(used)  # the scan finds them
    assert {key: sorted(where) for key, where in used.items() if key not in known} == {}


def test_every_label_the_python_code_asks_for_is_in_the_table() -> None:
    known = {f.name for f in fields(Labels)}
    from awardsite.render import MILESTONES
    asked = set(MILESTONES)
    for name in ("menus.py", "render.py"):
        asked |= set(re.findall(r"""\bt\[["']([^"']+)["']\]""", (ROOT / "awardsite" / name).read_text()))
    assert asked and asked <= known


# --- pages in another language and site.yaml's own wording --------------------------------------------------------

SITE = """\
title: Scratch Awards
base_url: https://example.org/scratch/
intro: The scratch programme.
entries_open: 2024-03-04
entries_close: 2024-05-24 17:00
contacts:
  - role: Entries
    email: entries@example.org
  - role: Judging and events
    name: Site Person
    phone: "0207 000 0000"
    url: https://example.org/contact/
"""

WELSH = """\
title: Gwobr gyntaf
language: cy
intro: Beth mae'r wobr yn ei gydnabod.
eligibility: Gall unrhyw un wneud cais.
entry_url: https://enter.example.org/cy
how_to_enter: Llenwch y ffurflen.
criteria:
  - heading: Uchelgais
    points: [Anelu'n uchel]
    weight: 100
"""

ENGLISH = """\
title: First award
intro: What the first award recognises.
eligibility: Anyone may enter.
entry_url: https://enter.example.org/en
how_to_enter: Fill in the form.
criteria:
  - heading: Ambition
    points: [Aims high]
    weight: 100
"""


def test_a_welsh_category_reads_in_welsh_and_an_english_one_in_english(tmp_path: Path) -> None:
    out = build(write_site(tmp_path / "c", {"site.yaml": SITE, "categories/first.yaml": ENGLISH,
                                            "categories/gwobr.yaml": WELSH,
                                            "pages/about.md": "---\ntitle: About us\n---\nWho we are.\n"}),
                at="2024-05-13 09:00")
    welsh, english = page(out, "categories/gwobr"), page(out, "categories/first")
    assert welsh.find("html").attrs["lang"] == "cy" and english.find("html").attrs["lang"] == "en-GB"
    main = welsh.find("main")
    assert [h.text() for h in main.find_all("h2")][:3] == ["Cymhwysedd", "Meini prawf beirniadu", "Sut i wneud cais"]
    assert main.find("h3").text() == "Uchelgais (100% o'r marciau)"
    call = main.find(class_="call")
    assert text(call).startswith("Ceisiadau'n cau: Dydd Gwener 24 Mai 2024, 17:00")  # a Welsh date
    assert call.find("span", class_="countdown").text() == "11 diwrnod ar ôl"
    assert call.attrs["data-days-left"] == "{days} diwrnod ar ôl"  # countdown.js counts down in Welsh
    assert call.attrs["data-closed"] == "Mae'r ceisiadau wedi cau"
    assert call.find("a", class_="button").text() == "Dechrau eich cais ar gyfer Gwobr gyntaf"
    assert welsh.find("a", class_="skip-link").text() == "Neidio i'r prif gynnwys"
    # The programme's title stays in the site's language, and says so.
    title = welsh.find("a", class_="site-header__title")
    assert title.text() == "Scratch Awards" and title.attrs["lang"] == "en-GB"
    menu = welsh.find("nav", class_="site-header__nav").find_all("a")
    assert menu[0].text() == "Hafan" and "lang" not in menu[0].attrs
    about = next(a for a in menu if a.text() == "About us")  # a page's title is in its own language
    assert about.attrs["lang"] == "en-GB"
    assert "Datganiad hygyrchedd" in [a.text() for a in welsh.find("footer").find_all("a")]

    main = english.find("main")
    assert [h.text() for h in main.find_all("h2")][:3] == ["Eligibility", "Judging criteria", "How to enter"]
    assert text(main.find(class_="call")).startswith("Entries close Friday 24 May 2024, 17:00")
    assert main.find("span", class_="countdown").text() == "11 days left"
    assert main.find(class_="call").attrs["data-days-left"] == "{days} days left"
    assert "lang" not in english.find("a", class_="site-header__title").attrs
    menu = english.find("nav", class_="site-header__nav").find_all("a")
    assert menu[0].text() == "Home" and not any("lang" in a.attrs for a in menu)


@pytest.mark.parametrize(("at", "welsh", "english"), [
    ("2024-05-23 09:00", "yn cau yfory am 17:00", "closes tomorrow at 17:00"),
    ("2024-05-24 09:00", "yn cau heddiw am 17:00", "closes today at 17:00"),
])
def test_the_time_left_is_in_the_pages_language(tmp_path: Path, at: str, welsh: str, english: str) -> None:
    out = build(write_site(tmp_path / "c", {"site.yaml": SITE, "categories/first.yaml": ENGLISH,
                                            "categories/gwobr.yaml": WELSH}), at=at)
    assert page(out, "categories/gwobr").find("span", class_="countdown").text() == welsh
    assert page(out, "categories/first").find("span", class_="countdown").text() == english


def test_a_closed_call_says_so_in_welsh(tmp_path: Path) -> None:
    out = build(write_site(tmp_path / "c", {"site.yaml": SITE, "categories/gwobr.yaml": WELSH,
                                            "shortlist/first.yaml": None}), at="2024-06-01 09:00")
    main = page(out, "categories/gwobr").find("main")
    assert text(main.find(class_="call")).startswith("Mae'r ceisiadau wedi cau: Dydd Gwener 24 Mai 2024")
    assert "https://enter.example.org/cy" not in (out / "categories/gwobr/index.html").read_text()


def test_site_yaml_labels_change_the_wording_of_pages_in_the_sites_language(tmp_path: Path) -> None:
    own = SITE + "labels:\n  judging_criteria: Selection criteria\n  start_entry: Apply now\n" \
                 "  how_to_enter: How to apply\n  weight: \"Weighting: {weight}%\"\n  home: Start\n"
    out = build(write_site(tmp_path / "c", {"site.yaml": own, "categories/first.yaml": ENGLISH,
                                            "categories/gwobr.yaml": WELSH}), at="2024-05-13 09:00")
    main = page(out, "categories/first").find("main")
    assert [h.text() for h in main.find_all("h2")][:3] == ["Eligibility", "Selection criteria", "How to apply"]
    assert main.find("h3").text() == "Ambition (Weighting: 100%)"
    assert main.find("a", class_="button").text() == "Apply now for the First award"
    assert page(out, "").find("nav", class_="site-header__nav").find("a").text() == "Start"
    # The site's own wording is English: a Welsh page keeps the Welsh labels.
    welsh = page(out, "categories/gwobr").find("main")
    assert [h.text() for h in welsh.find_all("h2")][1] == "Meini prawf beirniadu"


# --- what a category page shows ------------------------------------------------------------------------------------

STAGES = """\
title: Staged award
intro: In two stages.
eligibility: Anyone.
stages:
  - title: "Stage 1: written application"
    description: Judges read every application.
    criteria:
      - code: B1
        heading: What is your existing commitment?
        points: [Evidence of commitment]
        weight: 40
      - code: B2
        heading: What will you do next?
        weight: 60
  - title: "Stage 2: interview"
    criteria:
      - heading: Presentation
        points: [Clear, "Answers *questions*"]
"""


def test_stages_show_their_criteria_with_codes_and_weights_in_order(tmp_path: Path) -> None:
    out = build(write_site(tmp_path / "c", {"categories/first.yaml": STAGES}))
    main = page(out, "categories/first").find("main")
    assert main.find("h2", id="criteria").text() == "Judging criteria"
    stages = main.find_all("section", class_="stage")
    assert [s.find("h3").text() for s in stages] == ["Stage 1: written application", "Stage 2: interview"]
    assert stages[0].find("div", class_="stage__description").text() == "Judges read every application."
    criteria = [[c.find("h4").text() for c in s.find_all("section", class_="criterion")] for s in stages]
    assert criteria == [["B1: What is your existing commitment? (40% of the marks)",
                         "B2: What will you do next? (60% of the marks)"], ["Presentation"]]
    first, second = stages[0].find_all("section", class_="criterion")
    assert [li.text() for li in first.find_all("li")] == ["Evidence of commitment"]
    assert not second.find_all("ul")  # no points, no empty list
    assert [li.text() for li in stages[1].find("ul").find_all("li")] == ["Clear", "Answers questions"]
    html = (out / "categories/first/index.html").read_text()
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", html.split("<main", 1)[1].split("</main>", 1)[0])]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))  # no heading level skipped


def test_a_category_contact_replaces_the_sites_and_site_contacts_no_hides_them(tmp_path: Path) -> None:
    own = ENGLISH + "contacts:\n  - role: judging  and Events\n    name: Award Person\n" \
                    "    url: https://example.org/award-contact/\n"
    alone = own.replace("title: First award", "title: Second award") + "site_contacts: \"no\"\n"
    out = build(write_site(tmp_path / "c", {"site.yaml": SITE, "categories/first.yaml": own,
                                            "categories/second.yaml": alone}))
    main = page(out, "categories/first").find("main")
    roles = [h.text() for h in main.find_all("h3", class_="contact__role")]
    assert roles == ["judging and Events", "Entries"]  # the award's own first; the site's with its role goes
    mine = main.find("li", class_="contact")
    assert "Award Person" in mine.text() and "Site Person" not in main.text()
    assert [a.attrs["href"] for a in mine.find_all("a")] == ["https://example.org/award-contact/"]
    assert text(mine.find("a")) == "Get in touch online: judging and Events"
    second = page(out, "categories/second").find("main")
    assert [h.text() for h in second.find_all("h3", class_="contact__role")] == ["judging and Events"]
    # The footer still gives the site's contacts, with their web page.
    footer = page(out, "categories/second").find("footer")
    assert "https://example.org/contact/" in [a.attrs["href"] for a in footer.find_all("a")]
    assert "Site Person" in footer.text()


def test_partners_organisers_and_their_logos(tmp_path: Path) -> None:
    site = SITE + "organisers:\n  - name: Health Body\n    url: https://health.example.org/\n" \
                  "    logo: {file: logos/health.png, alt: Health Body}\n" \
                  "  - name: Other Body\n    logo: {file: logos/other.png, alt: The Other Body crest}\n"
    category = ENGLISH + "partners:\n  - name: Acme Health\n    url: https://acme.example/\n" \
                         "    logo: {file: logos/acme.png, decorative: \"yes\"}\n  - name: Beta Trust\n"
    out = build(write_site(tmp_path / "c", {"site.yaml": site, "categories/first.yaml": category,
                                            "media/logos/health.png": png(40, 20), "media/logos/other.png": png(30, 30),
                                            "media/logos/acme.png": png(50, 10)}))
    doc = page(out, "categories/first")
    partner = doc.find("main").find("p", class_="partner")
    assert text(partner) == "Award partners: Acme Health, Beta Trust"
    acme = partner.find("a")
    assert acme.attrs["href"] == "https://acme.example/" and acme.text() == "Acme Health"
    assert [(i.attrs["alt"], i.attrs["width"], i.attrs["height"]) for i in partner.find_all("img")] == [("", "50", "10")]
    organisers = doc.find("footer").find("ul", class_="site-footer__organisers")
    assert [li.text() for li in organisers.find_all("li")] == ["Health Body", "Other Body"]
    # A logo beside its own name says nothing more: alt="" so the name is read once; other alt text stays.
    assert [(i.attrs["alt"], i.attrs["width"]) for i in organisers.find_all("img")] == [
        ("", "40"), ("The Other Body crest", "30")]
    assert organisers.find("a").attrs["href"] == "https://health.example.org/"
    assert doc.find("footer").find("h2").text() == "Organised by"


def test_the_old_partner_still_works(tmp_path: Path) -> None:
    out = build(write_site(tmp_path / "c", {"categories/first.yaml": ENGLISH + "partner: Plain Name Ltd\n"}))
    assert text(page(out, "categories/first").find("main").find("p", class_="partner")) == \
        "Award partner: Plain Name Ltd"


def test_a_category_timetable_links_its_dates(tmp_path: Path) -> None:
    category = ENGLISH + "key_dates:\n" \
        "  - {date: 2024-06-10, label: Interviews, week: \"yes\"}\n" \
        "  - {date: 2024-04-22, time: \"11:00\", end_time: \"12:00\", label: Webinar, " \
        "url: \"https://example.org/webinar/\"}\n"
    welsh = WELSH + "key_dates:\n  - {date: 2024-04-22, time: \"11:00\", end_time: \"12:00\", label: Gweminar}\n"
    out = build(write_site(tmp_path / "c", {"categories/first.yaml": category, "categories/gwobr.yaml": welsh}))
    main = page(out, "categories/first").find("main")
    assert main.find("h2", id="key-dates").text() == "Key dates"
    dates = main.find("ul", class_="key-dates").find_all("li")
    assert [(d.find("time").attrs["datetime"], d.find("time").text(), d.find("span").text()) for d in dates] == [
        ("2024-04-22T11:00", "Monday 22 April 2024, 11:00–12:00", "Webinar"),
        ("2024-06-10", "Week commencing 10 June 2024", "Interviews")]
    assert dates[0].find("a").attrs["href"] == "https://example.org/webinar/"
    cy = page(out, "categories/gwobr").find("main")
    assert cy.find("h2", id="key-dates").text() == "Dyddiadau allweddol"
    assert cy.find("ul", class_="key-dates").find("time").text() == "Dydd Llun 22 Ebrill 2024, 11:00–12:00"


def test_every_page_links_home_and_the_accessibility_statement(tmp_path: Path) -> None:
    out = build(write_site(tmp_path / "c", {}))
    for path in sorted(out.rglob("*.html")):
        if 'http-equiv="refresh"' in path.read_text():
            continue  # a page that only sends visitors on
        doc = parse(path.read_bytes())
        hrefs = [a.attrs.get("href") for a in doc.find_all("a")]
        assert "/scratch/" in hrefs, path
        assert "/scratch/accessibility/" in [a.attrs.get("href") for a in doc.find("footer").find_all("a")], path


def test_a_count_in_a_label_is_written_with_thousands_separated_and_a_year_as_it_is() -> None:
    assert render.fill("{count} projects", count=10000) == "10,000 projects"  # "10000 projects" before
    assert render.fill("{count} projects", count=999) == "999 projects"
    assert render.fill("Winners {year}", year="2025") == "Winners 2025"
