"""Render validated content into the site's files, one at a time, as streams of bytes.

Each page is made from its own inputs: its edition (categories, shortlists, judges,
phase) and the programme (site.yaml). `context()` is the whole of what a template
sees, documented in ARCHITECTURE.md; `url` is the only way templates make addresses.
Autoescape is on (except in `.txt` files), undefined names are errors, and templates
run in a sandbox (templating.py). Nothing is rendered until the writer asks for it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import clock, datafiles, ical, templating
from .dates import iso, long_date, when
from .markdown import first_sentence, inline, markdown
from .model import RESERVED_IDS, Category, Contact, Content, EditionContent, Entry, KeyDate, Site
from .urls import EDITIONS_PAGE, LIBRARY_PAGE, Urls, category_page, edition_page, entry_page, judges_page, \
    page_file, shortlist_page, winners_page

# Only the site's own files may run or style anything; content can never add a script.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; object-src 'none'")
MILESTONE_LABELS = {"entries_open": "Entries open", "entries_close": "Entries close",
                    "shortlist_announced": "Shortlist announced", "winners_announced": "Winners announced"}

Producer = Callable[[], Iterable[bytes]]  # makes one file's bytes when the writer asks


@dataclass(frozen=True)
class Page:
    path: str  # site path relative to the root: "", "2025/categories/x/", "404.html"
    template: str  # template file under templates/
    title: str  # the page's own title, before the edition's
    description: str  # one line for search results and link previews
    edition: EditionContent  # the edition it belongs to (the current one for the programme's own pages)
    category: Category | None = None  # the category a guidance or entry page is about
    entry: Entry | None = None  # the entry an entry page is about
    redirect: str = ""  # for a page that only sends visitors on: the site path it sends them to


def files(content: Content, base_url: str, now: datetime.datetime) -> list[tuple[str, Producer]]:
    """Every file of the site, by output path, each made only when its producer is called."""
    env = templating.environment(content.sources.templates)
    env.filters.update(markdown=markdown, inline=inline, long_date=long_date, when=when, iso=iso)
    env.globals.update(summary=summary)
    urls = Urls(base_url)
    listed = pages(content)
    site_pages = SitePages(listed, frozenset(page.path for page in listed))
    shared: dict[str, dict[str, Any]] = {}  # each edition's context, made once
    made: list[tuple[str, Producer]] = [
        (page_file(page.path), _page_producer(env, page, content, urls, now, site_pages, shared)) for page in listed]
    made += [(f"assets/{name}", _file_producer(path)) for name, path in content.sources.assets]
    made += [(f"media/{name}", _file_producer(path)) for name, path in content.sources.media]
    made += [(name, _bytes_producer(data)) for name, data in datafiles.files(content, urls).items()]
    dates = key_dates(content.current.info, content.site.timezone)
    if dates:
        made.append(("key-dates.ics", lambda: [ical.calendar(content.current.info.title, dates, content.site.timezone,
                                                             urls, now)]))
    return made


@dataclass(frozen=True)
class SitePages:
    """Every page of the site, made once per build: a page's template asks whether another exists."""

    listed: list[Page]  # in the site's order, for the sitemap
    paths: frozenset[str]  # their paths, so `"library/" in paths` costs nothing on each of 10,000 pages


def context(page: Page, content: Content, urls: Urls, now: datetime.datetime, pages: SitePages,
            shared: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the template of `page` sees: the page, and its edition's context (`shared`, made once per edition)."""
    return {**(shared or edition_context(page.edition, content, urls, now, pages)), "page": page}


def edition_context(edition: EditionContent, content: Content, urls: Urls, now: datetime.datetime,
                    pages: SitePages) -> dict[str, Any]:
    """What every page of `edition` sees: the edition, the programme, and helpers bound to them."""
    site = content.site
    zone, vocabulary = site.timezone, {r.slug: r for r in site.result_names()}
    return {
        "site": site, "edition": edition, "editions": content.editions, "categories": edition.categories,
        "shortlists": edition.shortlists, "panel": edition.panel, "url": urls.for_edition(edition.name),
        "pages": pages.listed, "paths": pages.paths, "phase": clock.phase(edition.info, zone, now), "now": now,
        "today": now.date().isoformat(), "key_dates": key_dates(edition.info, zone), "tags": all_tags(edition),
        "results": site.result_names(), "awarded": awarded(site, edition), "focus_areas": site.focus_areas,
        "csp": CSP, "ids": {name: name for name in RESERVED_IDS},
        "result_label": lambda slug: vocabulary[slug].label,
        "result_plural": lambda slug: vocabulary[slug].plural or vocabulary[slug].label,
        "window": lambda category: clock.category_window(category, edition.info, zone, now),
        "other_editions": lambda category: other_editions(content, edition, category),
        "top_entries": lambda category: top_entries(site, edition, category),
        "judges_of": lambda category: judges_of(edition, category),
        "contacts_of": lambda category: contacts_of(edition, category),
        "library": lambda: library(content),
    }


def _page_producer(env: templating.Sandbox, page: Page, content: Content, urls: Urls, now: datetime.datetime,
                   pages: SitePages, shared: dict[str, dict[str, Any]]) -> Producer:
    def produce() -> Iterable[bytes]:
        name = page.edition.name
        if name not in shared:  # made when the edition's first page is written, then reused by the rest
            shared[name] = edition_context(page.edition, content, urls, now, pages)
        return templating.stream(env, page.template, context(page, content, urls, now, pages, shared[name]), page,
                                 page_file(page.path))
    return produce


def _bytes_producer(data: bytes) -> Producer:
    return lambda: [data]


def _file_producer(path: Path) -> Producer:
    def read() -> Iterator[bytes]:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                yield block
    return read


def pages(content: Content) -> list[Page]:
    """Every page of the site, in a fixed order: the programme's own, then each edition's."""
    current, with_editions = content.current, bool(content.site.edition)
    listed = [Page("", "index.html", current.info.title, first_sentence(current.info.intro), current)]
    if with_editions:
        listed.append(Page(EDITIONS_PAGE, "editions.html", "Every edition",
                           f"Every year of {current.info.title}, with its categories, shortlists and winners.", current))
    if any(edition.shortlists for edition in content.editions):
        listed.append(Page(LIBRARY_PAGE, "library.html", "Good-practice library",
                           "Every shortlisted project, searchable by focus area, year, category and result.", current))
    for edition in content.editions:
        listed += edition_pages(content.site, edition, with_editions)
    if with_editions:
        listed += latest_redirects(content)
    listed.append(Page("404.html", "404.html", "Page not found", "There is no page at this address.", current))
    listed.append(Page("sitemap.xml", "sitemap.xml", "Sitemap", "", current))
    listed.append(Page("robots.txt", "robots.txt", "Robots", "", current))
    return listed


def edition_pages(site: Site, edition: EditionContent, with_editions: bool) -> list[Page]:
    """One edition's pages: its home (with editions), categories, shortlist, entries, winners, judges."""
    name, title = edition.name, edition.info.title
    listed = [Page(edition_page(name), "index.html", title, first_sentence(edition.info.intro), edition)] \
        if with_editions else []
    for category in edition.categories:
        listed.append(Page(category_page(name, category.slug), "category.html", category.title, summary(category),
                           edition, category))
    if edition.shortlists:
        listed.append(Page(shortlist_page(name), "shortlist.html", "Shortlist",
                           f"The shortlisted entries for {title}.", edition))
    labels = {r.slug: r.label for r in site.result_names()}
    for category in edition.categories:
        for entry in edition.shortlists[category.slug].entries if category.slug in edition.shortlists else ():
            about = f"{entry.organisation}: {labels[entry.result or '']}, {category.title}, {title}."
            listed.append(Page(entry_page(name, category.slug, entry.slug or ""), "entry.html", entry.title, about,
                               edition, category, entry))
    if awarded(site, edition):
        listed.append(Page(winners_page(name), "winners.html", f"Winners {name}".strip(),
                           f"The winners and highly commended of {title}, with the judges' citations.", edition))
    if edition.panel:
        listed.append(Page(judges_page(name), "judges.html", "The judges", f"Who judges {title}.", edition))
    return listed


def latest_redirects(content: Content) -> list[Page]:
    """`categories/<slug>/` and `shortlist/` at the root: the latest edition's page of that name."""
    redirects, seen = [], set()
    for edition in content.editions:  # the current edition first, then the newest past one
        for category in edition.categories:
            if category.slug not in seen:
                seen.add(category.slug)
                redirects.append(Page(category_page("", category.slug), "redirect.html", category.title,
                                      summary(category), edition, category,
                                      redirect=category_page(edition.name, category.slug)))
    latest = next((edition for edition in content.editions if edition.shortlists), None)
    if latest:  # the newest published shortlist: a new edition has none until it is announced
        redirects.append(Page(shortlist_page(""), "redirect.html", "Shortlist", "The latest shortlist.",
                              latest, redirect=shortlist_page(latest.name)))
    return redirects


def key_dates(info: Any, zone: str) -> list[KeyDate]:
    """The edition's milestones and other key dates, in order."""
    dates = list(info.key_dates)
    for key, label in MILESTONE_LABELS.items():
        value = getattr(info, key)
        if value:
            dates.append(KeyDate(date=value[:10], label=label, time=value[11:] or None))
    return ical.sorted_dates(tuple(dates))


def summary(category: Category) -> str:
    """The category's one-line summary: its own, or the first sentence of its intro."""
    return category.summary or first_sentence(category.intro)


def all_tags(edition: EditionContent) -> list[str]:
    """Every entry tag of the edition once, alphabetically, for the shortlist's filter."""
    found = {tag for shortlist in edition.shortlists.values() for entry in shortlist.entries for tag in entry.tags}
    return sorted(found, key=lambda tag: (tag.casefold(), tag))  # `NHS` before `nhs` on every run, not by hash


def awarded(site: Site, edition: EditionContent) -> list[str]:
    """The results other than the last (`shortlisted`) that some entry of the edition has, best first."""
    given = {entry.result for shortlist in edition.shortlists.values() for entry in shortlist.entries}
    return [r.slug for r in site.result_names()[:-1] if r.slug in given]


def top_entries(site: Site, edition: EditionContent, category: Category) -> list[Entry]:
    """The category's entries with its best result given (its winners), for its guidance page."""
    shortlist = edition.shortlists.get(category.slug)
    best = site.result_names()[0].slug
    return [entry for entry in shortlist.entries if entry.result == best] if shortlist else []


def other_editions(content: Content, edition: EditionContent, category: Category) -> list[tuple[EditionContent,
                                                                                                  Category]]:
    """The same award (by slug) in the programme's other editions, newest first."""
    return [(other, found) for other in content.editions if other is not edition
            for found in other.categories if found.slug == category.slug]


def judges_of(edition: EditionContent, category: Category) -> list[Any]:
    """The judges on a category's panel."""
    if edition.panel is None:
        return []
    everyone = ([edition.panel.chair] if edition.panel.chair else []) + list(edition.panel.judges)
    return [judge for judge in everyone if category.slug in judge.categories]


def contacts_of(edition: EditionContent, category: Category) -> list[Contact]:
    """A category's contacts, then the edition's, leaving out an edition contact whose role the category gives."""
    given = {" ".join(c.role.casefold().split()) for c in category.contacts}
    return list(category.contacts) + [c for c in edition.info.contacts
                                      if " ".join(c.role.casefold().split()) not in given]


def library(content: Content) -> list[tuple[EditionContent, Category, Entry]]:
    """Every published entry of every edition, newest edition first, in category order."""
    return [(edition, category, entry) for edition in content.editions for category in edition.categories
            for entry in (edition.shortlists[category.slug].entries if category.slug in edition.shortlists else ())]
