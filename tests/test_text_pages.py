"""Pages from `pages/`, news from `news/` and the accessibility statement, built from scratch sites.

A page is at `/<slug>/` with its markdown, questions (each with its own link) and timetable;
the news lists published posts newest first, and a post dated in the future reaches no file
at all; every page's footer links to the accessibility statement, which follows GOV.UK's
sample statement; the menu lists pages without a template edit unless site.yaml's `nav`
replaces it; and mistakes in front matter name their file and line.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import run_cli
from htmltools import Element, parse

from awardsite import labels, pipeline

AT = "2026-04-01 12:00"  # every build here happens then (UK time)
SITE = "title: Scratch Awards\nbase_url: https://example.org/scratch/\nintro: The scratch programme.\n"
CONTACTS = ("contacts:\n  - role: Entries\n    email: entries@example.org\n"
            "  - role: Press\n    name: Pat Jones\n    phone: \"020 7946 0000\"\n")
ACCESSIBILITY = """\
accessibility:
  status: partial
  issues:
    - The 2025 guidance is a scanned PDF; ask for it in **large print**.
  email: access@example.org
  phone: "020 7946 0001"
  reply_days: 5
  tested: Tested by hand in March 2026.
  prepared: 2025-09-01
  reviewed: 2026-01-15
"""
ABOUT = """\
---
title: About the awards
summary: Who runs the awards.
order: 1
---
The awards are **invented** for these tests.

# Who runs them

A charity with a [website](https://example.org/charity/).
"""
FAQS = """\
---
title: Questions and answers
order: 2
questions:
  - question: Who can enter?
    answer: Anyone in the *valley*.
  - question: Can we write in Welsh?
    id: in-welsh
    answer: |
      Yes.[^1]

      [^1]: Or in English.
  - question: Does it cost anything?
    answer: No.
key_dates:
  - date: 2026-06-18
    time: "10:00"
    end_time: "12:00"
    label: Entry clinic
  - date: 2026-11-16
    end_date: 2026-11-20
    label: Awards week
---
Answers to what people ask.
"""


def post(title: str, date: str, author: str | None = None, summary: str | None = None,
         body: str = "The first sentence. The second sentence.") -> str:
    lines = ["---", f"title: {title}", f"date: {date}"]
    lines += [f"author: {author}"] if author else []
    lines += [f"summary: {summary}"] if summary else []
    return "\n".join([*lines, "---", body, ""])


def build(scratch, files: dict[str, str]) -> Path:  # type: ignore[no-untyped-def]
    folder = scratch(files)
    out = folder / "_site"
    pipeline.build(folder, out, at=AT)
    return out


def page(out: Path, path: str) -> Element:
    return parse((out / path / "index.html").read_bytes() if not path.endswith(".html")
                 else (out / path).read_bytes())


def hrefs(element: Element) -> list[str]:
    return [a.attrs.get("href", "") for a in element.find_all("a")]


def text(element: Element) -> str:
    """Visible text as read, without the space the parser leaves before punctuation."""
    return re.sub(r"\s+([,.:;)])", r"\1", element.text())


def ids(doc: Element) -> list[str]:
    return [e.attrs["id"] for e in doc.find_all() if "id" in e.attrs]


def check_output(folder: Path) -> str:
    result = run_cli("check", cwd=folder)
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout + result.stderr


# --- pages from pages/ ---------------------------------------------------------------------------

def test_a_page_from_pages_builds_at_its_slug_with_its_markdown(scratch) -> None:  # type: ignore[no-untyped-def]
    out = build(scratch, {"site.yaml": SITE, "pages/about.md": ABOUT})
    doc = page(out, "about")
    main = doc.find("main")
    assert main.find("h1").text() == "About the awards"
    assert main.find("strong").text() == "invented"
    assert "https://example.org/charity/" in hrefs(main)
    assert doc.find("title").text().startswith("About the awards")
    assert doc.find("meta", name="description").attrs["content"] == "Who runs the awards."


def test_questions_have_ids_and_the_list_at_the_top_links_to_each(scratch) -> None:  # type: ignore[no-untyped-def]
    out = build(scratch, {"site.yaml": SITE, "pages/faqs.md": FAQS})
    doc = page(out, "faqs")
    main = doc.find("main")
    questions = main.find_all("h2", class_="faq__question")
    assert [(q.text(), q.attrs["id"]) for q in questions] == [
        ("Who can enter?", "who-can-enter"), ("Can we write in Welsh?", "in-welsh"),
        ("Does it cost anything?", "does-it-cost-anything")]
    index = main.find("ul", class_="faq__index")
    assert hrefs(index) == ["#who-can-enter", "#in-welsh", "#does-it-cost-anything"]
    found = ids(doc)
    assert len(found) == len(set(found)), f"ids repeat: {found}"
    for href in hrefs(main):  # every link within the page has its target: the questions and the footnotes
        if href.startswith("#"):
            assert href[1:] in found, href
    assert main.find("em").text() == "valley"  # answers are markdown
    assert main.find(class_="footnotes")  # with their own footnotes


def test_a_pages_timetable_uses_time_elements_and_reads_as_words(scratch) -> None:  # type: ignore[no-untyped-def]
    out = build(scratch, {"site.yaml": SITE, "pages/faqs.md": FAQS})
    main = page(out, "faqs").find("main")
    assert main.find("h2", class_="timetable__title").text() == "Timetable"
    items = main.find("ul", class_="key-dates").find_all("li")
    assert [(i.find("time").attrs["datetime"], i.find("time").text(), i.find("span").text()) for i in items] == [
        ("2026-06-18T10:00", "Thursday 18 June 2026, 10:00–12:00", "Entry clinic"),
        ("2026-11-16", "16–20 November 2026", "Awards week")]


def test_a_page_in_welsh_gets_welsh_labels(scratch) -> None:  # type: ignore[no-untyped-def]
    welsh = FAQS.replace("order: 2\n", "order: 2\nlanguage: cy\n")
    out = build(scratch, {"site.yaml": SITE, "pages/faqs.md": welsh})
    doc = page(out, "faqs")
    assert doc.find("html").attrs["lang"] == "cy"
    main = doc.find("main")
    assert main.find("h2", class_="faq__title").text() == "Cwestiynau cyffredin"
    assert main.find("h2", class_="timetable__title").text() == "Amserlen"
    assert main.find("time").text() == "Dydd Iau 18 Mehefin 2026, 10:00–12:00"


# --- news ----------------------------------------------------------------------------------------

def test_the_news_lists_posts_newest_first_with_dates_authors_and_summaries(scratch) -> None:  # type: ignore[no-untyped-def]
    out = build(scratch, {
        "site.yaml": SITE,
        "news/older.md": post("Older news", "2025-11-16", author="Ann Smith"),
        "news/newest.md": post("Newest news", "2026-03-02", summary="The summary line."),
        "news/middle.md": post("Middle news", "2026-01-10"),
    })
    doc = page(out, "news")
    items = doc.find("main").find_all("li", class_="news-item")
    assert [i.find("h2").text() for i in items] == ["Newest news", "Middle news", "Older news"]
    assert [hrefs(i.find("h2")) for i in items] == [["/scratch/news/newest/"], ["/scratch/news/middle/"],
                                                    ["/scratch/news/older/"]]
    assert [i.find("time").attrs["datetime"] for i in items] == ["2026-03-02", "2026-01-10", "2025-11-16"]
    assert text(items[2].find("p", class_="news-item__meta")) == "Sunday 16 November 2025, by Ann Smith"
    assert [i.find("p", class_="news-item__summary").text() for i in items] == [
        "The summary line.", "The first sentence.", "The first sentence."]
    assert "/scratch/feed.xml" in hrefs(doc.find("main"))
    feed = doc.find("link", rel="alternate")
    assert (feed.attrs["type"], feed.attrs["href"]) == ("application/atom+xml", "https://example.org/scratch/feed.xml")

    one = page(out, "news/older")
    main = one.find("main")
    assert main.find("h1").text() == "Older news"
    assert main.find("time").attrs["datetime"] == "2025-11-16"
    assert "Ann Smith" in main.find("p", class_="post__meta").text()
    assert "The second sentence." in main.text()
    assert "/scratch/news/" in hrefs(main)
    assert one.find("link", rel="alternate").attrs["href"] == "https://example.org/scratch/feed.xml"


def test_the_home_page_links_to_the_latest_three_posts(scratch) -> None:  # type: ignore[no-untyped-def]
    news = {f"news/post-{n}.md": post(f"Post {n}", f"2026-01-0{n}") for n in range(1, 6)}
    main = page(build(scratch, {"site.yaml": SITE, **news}), "").find("main")
    latest = main.find("ul", class_="news-list")
    assert [a.text() for a in latest.find_all("a")] == ["Post 5", "Post 4", "Post 3"]
    assert [t.attrs["datetime"] for t in latest.find_all("time")] == ["2026-01-05", "2026-01-04", "2026-01-03"]
    assert "/scratch/news/" in hrefs(main)


def test_without_news_there_is_no_news_page_or_feed(scratch) -> None:  # type: ignore[no-untyped-def]
    out = build(scratch, {"site.yaml": SITE})
    assert not (out / "news").exists() and not (out / "feed.xml").exists()
    assert "/scratch/news/" not in hrefs(page(out, ""))


def test_a_post_dated_in_the_future_reaches_no_file(scratch) -> None:  # type: ignore[no-untyped-def]
    secret = "Zebracorn"  # in the embargoed post's file name, title and text: none may be published
    out = build(scratch, {
        "site.yaml": SITE,
        "news/published.md": post("Out already", "2026-04-01"),  # today: published from midnight
        "news/zebracorn-winners.md": post(f"{secret} wins", "2026-04-02", body=f"The {secret} team won."),
    })
    files = [path for path in out.rglob("*") if path.is_file()]
    assert files and (out / "news" / "published" / "index.html").exists()
    leaks = [path.relative_to(out).as_posix() for path in files
             if secret.lower().encode() in path.read_bytes().lower() or secret.lower() in str(path).lower()]
    assert leaks == []


# --- the accessibility statement, the footer and the menu ----------------------------------------

def test_the_accessibility_statement_follows_the_sample_statement(scratch) -> None:  # type: ignore[no-untyped-def]
    out = build(scratch, {"site.yaml": SITE + CONTACTS + ACCESSIBILITY})
    main = page(out, "accessibility").find("main")
    said = text(main)
    assert main.find("h1").text() == "Accessibility statement for Scratch Awards"
    assert "This accessibility statement applies to https://example.org/scratch/." in said
    assert [h.text() for h in main.find_all("h2")] == [
        "How accessible this website is", "Feedback and contact information",
        "Reporting accessibility problems with this website", "Enforcement procedure",
        "Technical information about this website’s accessibility", "Preparation of this accessibility statement"]
    assert {"mailto:access@example.org", "tel:02079460001", "https://www.equalityadvisoryservice.com/",
            "#non-accessible-content"} <= set(hrefs(main))
    assert "get back to you in 5 working days" in said
    assert "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018" in said
    assert "Equality and Human Rights Commission" in said
    assert "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA" in said
    issues = main.find("ul", class_="accessibility-issues")
    assert issues.find("strong").text() == "large print"
    assert main.find("h3", id="non-accessible-content")
    assert [t.attrs["datetime"] for t in main.find_all("time")] == ["2025-09-01", "2026-01-15"]
    assert "Tested by hand in March 2026." in said


@pytest.mark.parametrize("status, words", [("full", "is fully compliant"), ("not", "is not compliant")])
def test_the_statement_says_each_compliance_status(scratch, status: str, words: str) -> None:  # type: ignore[no-untyped-def]
    facts = ACCESSIBILITY.replace("status: partial", f"status: {status}")
    main = page(build(scratch, {"site.yaml": SITE + facts}), "accessibility").find("main")
    assert f"This website {words} with the Web Content Accessibility Guidelines version 2.2 AA" in main.text()


def test_without_facts_the_statement_says_it_is_being_prepared_and_gives_the_contacts(scratch) -> None:  # type: ignore[no-untyped-def]
    main = page(build(scratch, {"site.yaml": SITE + CONTACTS}), "accessibility").find("main")
    said = text(main)
    assert "This statement is still being prepared" in said
    assert "This statement is being prepared." in said
    assert "We have not yet assessed" in said
    assert "compliant" not in said  # no status is claimed
    assert {"mailto:entries@example.org", "tel:02079460000"} <= set(hrefs(main))
    assert "Enforcement procedure" in [h.text() for h in main.find_all("h2")]


def test_a_page_named_accessibility_replaces_the_statement(scratch) -> None:  # type: ignore[no-untyped-def]
    own = "---\ntitle: Our accessibility statement\n---\nWritten by us.\n"
    main = page(build(scratch, {"site.yaml": SITE, "pages/accessibility.md": own}), "accessibility").find("main")
    assert main.find("h1").text() == "Our accessibility statement"


def test_every_page_footer_links_to_the_statement_and_to_every_page(scratch) -> None:  # type: ignore[no-untyped-def]
    out = build(scratch, {"site.yaml": SITE + CONTACTS, "pages/about.md": ABOUT, "pages/faqs.md": FAQS,
                          "news/one.md": post("One", "2026-01-01")})
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 8  # home, category, shortlist, entry, about, faqs, news, post, statement, 404
    for path in pages:
        footer = parse(path.read_bytes()).find("footer")
        links = set(hrefs(footer))
        assert {"/scratch/accessibility/", "/scratch/about/", "/scratch/faqs/"} <= links, path


def test_the_default_menu_lists_every_page_without_a_template_edit(scratch) -> None:  # type: ignore[no-untyped-def]
    out = build(scratch, {"site.yaml": SITE, "pages/about.md": ABOUT, "pages/faqs.md": FAQS,
                          "news/one.md": post("One", "2026-01-01")})
    nav = page(out, "faqs").find("nav", class_="site-header__nav")
    links = [(a.text(), a.attrs["href"], a.attrs.get("aria-current")) for a in nav.find_all("a")]
    assert ("About the awards", "/scratch/about/", None) in links
    assert ("Questions and answers", "/scratch/faqs/", "page") in links
    assert ("News", "/scratch/news/", None) in links


def test_site_yaml_nav_replaces_the_menu(scratch) -> None:  # type: ignore[no-untyped-def]
    nav = ("nav:\n  - {label: Start, page: home}\n  - {label: Who we are, page: about}\n"
           "  - {label: Elsewhere, url: 'https://example.com/'}\n")
    out = build(scratch, {"site.yaml": SITE + nav, "pages/about.md": ABOUT})
    menu = page(out, "about").find("nav", class_="site-header__nav")
    assert [(a.text(), a.attrs["href"]) for a in menu.find_all("a")] == [
        ("Start", "/scratch/"), ("Who we are", "/scratch/about/"), ("Elsewhere", "https://example.com/")]


def test_the_sitemap_lists_the_new_pages_but_not_the_404_page(scratch) -> None:  # type: ignore[no-untyped-def]
    out = build(scratch, {"site.yaml": SITE, "pages/about.md": ABOUT, "news/one.md": post("One", "2026-01-01")})
    space = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ElementTree.parse(out / "sitemap.xml").getroot().findall("s:url/s:loc", space)]
    assert {f"https://example.org/scratch/{path}" for path in ("about/", "news/", "news/one/", "accessibility/")} \
        <= set(locs)
    assert not any("404" in loc for loc in locs)


# --- mistakes in pages and posts -----------------------------------------------------------------

@pytest.mark.parametrize("name, text, expected", [
    ("pages/about.md", "---\ntitle: About\nsummary: S\ncolour: red\n---\nBody.\n",
     "pages/about.md:4: unknown key `colour`"),
    ("pages/about.md", "---\ntitle: About\nBody without an end to the front matter.\n",
     "pages/about.md:1: the front matter opened by `---` on line 1 is never closed"),
    ("pages/about.md", "Just text, no front matter.\n", "pages/about.md:1: a page starts with its front matter"),
    ("news/bad.md", "---\ntitle: Bad\nauthor: A\ndate: 2026-02-30\n---\nB.\n",
     "news/bad.md:4: `date` should be a date"),
], ids=["unknown-key", "never-closed", "no-front-matter", "bad-date"])
def test_front_matter_mistakes_name_their_file_and_line(scratch, name: str, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert expected in check_output(scratch({"site.yaml": SITE, name: text}))


@pytest.mark.parametrize("slug", ["news", "shortlist"])
def test_a_page_may_not_take_an_address_the_site_uses(scratch, slug: str) -> None:  # type: ignore[no-untyped-def]
    output = check_output(scratch({"site.yaml": SITE, f"pages/{slug}.md": "---\ntitle: Clash\n---\nB.\n"}))
    assert f"pages/{slug}.md:1: the page address `/{slug}/` is used by the site itself" in output


# --- labels --------------------------------------------------------------------------------------

def test_every_label_has_the_same_placeholders_in_every_language() -> None:
    for field in dataclasses.fields(labels.Labels):
        found = {language: set(re.findall(r"\{(\w+)\}", field.metadata[language])) for language in labels.LANGUAGES}
        assert all(field.metadata[language].strip() for language in labels.LANGUAGES), field.name
        assert len({frozenset(names) for names in found.values()}) == 1, (field.name, found)


def test_the_scripts_words_come_from_the_page(scratch) -> None:  # type: ignore[no-untyped-def]
    out = build(scratch, {"site.yaml": SITE + "language: cy\n"})
    form = page(out, "shortlist").find("form", class_="finder")
    assert form.attrs["data-many"] == "{shown} o {total} cais yn cyfateb"
    assert form.attrs["data-none"].startswith("Does dim ceisiadau")
    assert page(out, "").find("h2", id="categories").text() == "Categorïau'r gwobrau"


def test_a_draft_category_and_page_are_listed_by_check_and_published_nowhere(scratch) -> None:  # type: ignore[no-untyped-def]
    from conftest import MINIMAL
    files = {
        "categories/secret-award.yaml": MINIMAL["categories/first.yaml"].replace("First award", "Hidden Draft Award")
        + "draft: yes\n",
        "shortlist/secret-award.yaml": MINIMAL["shortlist/first.yaml"].replace("First project", "Unseen Draft Project"),
        "pages/plans.md": "---\ntitle: Half Written Plans\ndraft: yes\n---\nNot ready.\n",
        "site.yaml": SITE + 'shortlist_announced: "2020-01-01"\n',
    }
    folder = scratch(files)
    result = run_cli("check", cwd=folder)
    assert result.returncode == 0
    assert [line for line in result.stderr.splitlines() if "draft" in line] == [
        "categories/secret-award.yaml:7: warning: a draft (`draft: yes`): not published until you remove that line",
        "pages/plans.md:3: warning: a draft (`draft: yes`): not published until you remove that line"]
    out = folder / "_site"
    pipeline.build(folder, out, at=AT)
    assert (out / "shortlist/index.html").exists()  # the other category's shortlist is out
    for path in (p for p in out.rglob("*") if p.is_file()):
        data = path.read_bytes()
        assert b"secret-award" not in data and b"Hidden Draft" not in data and b"Unseen Draft" not in data, path
        assert b"Half Written" not in data and b"plans/" not in data, path
    assert not (out / "plans").exists() and not (out / "categories/secret-award").exists()


def test_a_menu_link_to_a_draft_page_is_refused(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"pages/plans.md": "---\ntitle: Plans\ndraft: yes\n---\nNot ready.\n",
                      "site.yaml": SITE + "nav:\n  - {label: Plans, page: plans}\n"})
    result = run_cli("check", cwd=folder)
    assert result.returncode == 1
    assert "site.yaml:5: `pages/plans.md` is a draft, so it is not published: take the link out until it is ready" \
        in result.stderr
