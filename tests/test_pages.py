"""The example site's pages carry the example content, in the places the contract promises."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from awardsite import model, pipeline
from awardsite.content import load
from awardsite.render import summary
from conftest import ROOT, run_cli, write_site
from htmltools import parse

CONTENT = load(ROOT)


def page(site: Path, path: str):  # type: ignore[no-untyped-def]
    return parse((site / path).read_bytes())


def test_the_example_has_both_seed_categories_and_every_shortlisted_entry() -> None:
    assert [c.slug for c in CONTENT.categories] == ["healthcare-inequalities", "children-and-young-people"]
    counts = {slug: len(s.entries) for slug, s in CONTENT.shortlists.items()}
    assert counts == {"healthcare-inequalities": 9, "children-and-young-people": 9}


def test_every_page_is_written(example_site: Path) -> None:
    expected = {"index.html", "shortlist/index.html", "404.html", "sitemap.xml", "assets/site.css", "assets/tabs.js"}
    expected |= {f"categories/{c.slug}/index.html" for c in CONTENT.categories}
    written = {p.relative_to(example_site).as_posix() for p in example_site.rglob("*") if p.is_file()}
    assert expected <= written


def test_home_lists_every_category_with_its_links(example_site: Path) -> None:
    home = page(example_site, "index.html")
    assert home.find("h1").text() == CONTENT.site.title
    cards = home.find_all("li", class_="card")
    assert [c.find("h3").text() for c in cards] == [c.title for c in CONTENT.categories]
    for card, category in zip(cards, CONTENT.categories):
        hrefs = [a.attrs["href"] for a in card.find_all("a")]
        assert f"/hsj-awards/categories/{category.slug}/" in hrefs
        assert (f"/hsj-awards/shortlist/#{category.slug}" in hrefs) == (category.slug in CONTENT.shortlists)
        assert card.find("p", class_="card__summary").text() == " ".join(summary(category).split())


@pytest.mark.parametrize("category", CONTENT.categories, ids=lambda c: c.slug)
def test_category_page_has_every_section(example_site: Path, category: model.Category) -> None:
    doc = page(example_site, f"categories/{category.slug}/index.html")
    main = doc.find("main")
    assert main.find("h1").text() == category.title
    headings = [h.text() for h in main.find_all("h2")]
    assert headings[:2] == ["Eligibility", "Judging criteria"]
    assert "How to enter" in headings and "Contacts" in headings
    sections = main.find_all("section", class_="criterion")
    assert [s.find("h3").text() for s in sections] == [c.heading for c in category.criteria]
    assert [len(s.find_all("li")) for s in sections] == [len(c.points) for c in category.criteria]
    # The example's entries closed on 2024-05-24: the page says so and no longer links to the entry form.
    assert main.find(class_="call").attrs["data-phase"] == "closed"
    assert main.find(class_="call").text().startswith("Entries closed on Friday 24 May 2024")
    assert category.entry_url and category.entry_url not in str(doc)
    roles = [r.text() for r in main.find_all("h3", class_="contact__role")]
    own = [c.role for c in category.contacts]
    assert roles == own + [c.role for c in CONTENT.site.contacts if c.role not in own]


def test_a_category_contact_replaces_the_site_contact_with_the_same_role(example_site: Path) -> None:
    main = page(example_site, "categories/healthcare-inequalities/index.html").find("main")
    roles = [r.text() for r in main.find_all("h3", class_="contact__role")]
    assert roles.count("Judging and event management") == 1  # both site.yaml and the category give one
    assert "Media and marketing enquiries" in roles  # a site contact the category does not replace is kept
    judging = next(c for c in main.find_all("li", class_="contact") if "Judging" in c.find("h3").text())
    category = next(c for c in CONTENT.categories if c.slug == "healthcare-inequalities")
    own = next(c for c in category.contacts if c.role == "Judging and event management")
    assert own.name and own.name in judging.text()


def test_shortlist_has_one_tab_per_shortlist_whose_panel_id_is_the_slug(example_site: Path) -> None:
    doc = page(example_site, "shortlist/index.html")
    tabs = doc.find_all("a", class_="tabs__tab")
    panels = doc.find_all("section", class_="tabs__panel")
    slugs = [c.slug for c in CONTENT.categories if c.slug in CONTENT.shortlists]
    assert [t.attrs["href"] for t in tabs] == [f"#{s}" for s in slugs]
    assert [p.attrs["id"] for p in panels] == slugs
    for panel in panels:
        entries = CONTENT.shortlists[panel.attrs["id"]].entries
        items = panel.find_all("li", class_="entry")
        assert [i.find("h3").text() for i in items] == [" ".join(e.title.split()) for e in entries]
        assert [i.find("p", class_="entry__organisation").text() for i in items] == [
            " ".join(e.organisation.split()) for e in entries
        ]
        assert all(i.find("div", class_="entry__synopsis").text() for i in items)


def test_a_category_without_a_shortlist_gets_no_tab_and_results_are_shown(scratch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({
        "categories/second.yaml": "title: Second award\norder: 0\nintro: I.\neligibility: E.\n"
        "criteria:\n  - heading: H\n    points: [P]\n",
        "shortlist/first.yaml": "entries:\n  - {organisation: A, title: Won, synopsis: S, result: winner}\n"
        "  - {organisation: B, title: Close, synopsis: S, result: highly-commended}\n"
        "  - {organisation: C, title: Plain, synopsis: S}\n",
    })
    assert run_cli("build", cwd=folder).returncode == 0
    doc = page(folder / "_site", "shortlist/index.html")
    assert [t.attrs["href"] for t in doc.find_all("a", class_="tabs__tab")] == ["#first"]
    results = [i.find_all("p", class_="entry__result") for i in doc.find_all("li", class_="entry")]
    assert [[r.text() for r in found] for found in results] == [["Winner"], ["Highly commended"], []]
    home = page(folder / "_site", "index.html")
    assert "/scratch/shortlist/#second" not in [a.attrs["href"] for a in home.find_all("a")]


def test_partner_weights_and_no_shortlist_page_without_shortlists(tmp_path: Path) -> None:
    folder = write_site(tmp_path / "c", {
        "shortlist/first.yaml": None,
        "categories/first.yaml": "title: First\npartner: {name: Acme Health, url: 'https://acme.example/'}\n"
        "intro: I.\neligibility: E.\ncriteria:\n  - {heading: Ambition, points: [P], weight: 40}\n"
        "  - {heading: Outcome, points: [P], weight: 60}\n",
    })
    assert run_cli("build", cwd=folder).returncode == 0
    main = page(folder / "_site", "categories/first/index.html").find("main")
    assert "Award partner: Acme Health" in main.find("p", class_="partner").text()
    assert main.find("a", href="https://acme.example/").text() == "Acme Health"
    assert [s.find("h3").text() for s in main.find_all("section")] == [
        "Ambition (40% of the marks)", "Outcome (60% of the marks)"]
    assert not (folder / "_site/shortlist").exists()


def test_every_page_links_assets_under_the_base_path(example_site: Path) -> None:
    for path in example_site.rglob("*.html"):
        doc = parse(path.read_bytes())
        assert doc.find("html").attrs["lang"] == CONTENT.site.language
        refs = [e.attrs.get("href") or e.attrs.get("src") for e in doc.find_all("link") + doc.find_all("script")]
        for ref in refs:
            assert ref.startswith(("/hsj-awards/", "https://example.github.io/hsj-awards/")), (path, ref)


def test_sitemap_lists_every_page_by_absolute_address(example_site: Path) -> None:
    tree = ElementTree.parse(example_site / "sitemap.xml")
    locs = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs[0] == "https://example.github.io/hsj-awards/"
    assert "https://example.github.io/hsj-awards/shortlist/" in locs
    entries = sum(len(s.entries) for s in CONTENT.shortlists.values())
    assert "https://example.github.io/hsj-awards/library/" in locs
    assert "https://example.github.io/hsj-awards/accessibility/" in locs
    assert {f"https://example.github.io/hsj-awards/news/{post.slug}/" for post in CONTENT.news} <= set(locs)
    # home, shortlist, library, accessibility statement, news; each page, post, category and entry
    news = 1 + len(CONTENT.news) if CONTENT.news else 0
    assert len(locs) == 4 + news + len(CONTENT.pages) + len(CONTENT.categories) + entries


def test_base_url_option_overrides_site_yaml(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    assert run_cli("build", "--base-url", "https://awards.example.com/", cwd=folder).returncode == 0
    html = (folder / "_site/index.html").read_text()
    assert 'href="/assets/site.css"' in html and "/scratch/" not in html


def test_the_contract_field_names_are_in_the_model() -> None:
    def names(cls: type) -> set[str]:
        return {f.name for f in dataclasses.fields(cls)}

    assert {"title", "base_url", "intro", "contacts"} <= names(model.Site)
    assert {"role", "name", "email", "phone"} <= names(model.Contact)
    assert {"title", "order", "partner", "intro", "eligibility", "criteria", "entry_url", "contacts"} <= names(
        model.Category)
    assert {"heading", "points", "weight"} <= names(model.Criterion)
    assert {"entries"} <= names(model.Shortlist)
    assert {"organisation", "title", "synopsis", "result", "citation", "focus_areas"} <= names(model.Entry)
    assert {"edition", "timezone", "results", "focus_areas", "entries_open", "entries_close", "shortlist_announced",
            "winners_announced"} <= names(model.Site)
    assert {"slug", "label", "plural"} <= names(model.ResultName) and {"slug", "label"} <= names(model.FocusArea)
    assert {"chair", "judges"} <= names(model.Panel)
    assert {"name", "role", "organisation", "photo", "bio", "categories"} <= names(model.Judge)
    assert [r.slug for r in model.Site.result_names(CONTENT.site)] == ["winner", "highly-commended", "shortlisted"]


def test_an_editions_home_page_title_names_the_edition_once(tmp_path: Path) -> None:
    """`<title>` is "page – edition", but a past edition's home page is titled the edition itself."""
    out = tmp_path / "out"
    pipeline.build(ROOT / "examples" / "riverside-awards", out)
    title = re.search(r"<title>(.*?)</title>", (out / "2025" / "index.html").read_text(encoding="utf-8"))
    assert title is not None and title.group(1).count("Riverside Health Equity Awards 2025") == 1, title
