"""Render validated content into the site's files, one at a time, as streams of bytes.

Templates see one context, documented in ARCHITECTURE.md; `url` (the Urls object)
is the only way they make addresses. Autoescape is on (except in `.txt` files),
undefined names are errors, and templates run in a sandbox (templating.py).
Nothing is rendered until the writer asks for it, so the whole site is never in memory.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import datafiles, ical, templating
from .markdown import first_sentence, inline, markdown
from .model import RESERVED_IDS, Category, Content, Entry
from .urls import Urls, page_file

# Only the site's own files may run or style anything; content can never add a script.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; object-src 'none'")

Producer = Callable[[], Iterable[bytes]]  # makes one file's bytes when the writer asks


@dataclass(frozen=True)
class Page:
    path: str  # site path relative to the root: "", "categories/x/", "404.html"
    template: str  # template file under templates/
    title: str  # the page's own title, before the site's
    description: str  # one line for search results and link previews
    category: Category | None = None  # the category a guidance or entry page is about
    entry: Entry | None = None  # the entry an entry page is about


def files(content: Content, base_url: str, today: datetime.date) -> list[tuple[str, Producer]]:
    """Every file of the site, by output path, each made only when its producer is called."""
    env = templating.environment(content.sources.templates)
    env.filters.update(markdown=markdown, inline=inline, long_date=long_date)
    env.globals.update(summary=summary, result_label=result_label)
    urls = Urls(base_url)
    context = {"site": content.site, "categories": content.categories, "shortlists": content.shortlists, "url": urls,
               "key_dates": ical.sorted_dates(content.site.key_dates), "today": today.isoformat(),
               "tags": all_tags(content), "results": awarded(content), "csp": CSP,
               "ids": {name: name for name in RESERVED_IDS}}
    context["pages"] = listed = pages(content)
    made: list[tuple[str, Producer]] = []
    for page in listed:
        made.append((page_file(page.path), _page_producer(env, page, context)))
    for name, path in content.sources.assets:
        made.append((f"assets/{name}", _file_producer(path)))
    for name, data in datafiles.files(content, urls).items():
        made.append((name, _bytes_producer(data)))
    if content.site.key_dates:
        made.append(("key-dates.ics", lambda: [ical.key_dates_ics(content.site, urls, today)]))
    return made


def _page_producer(env: templating.Sandbox, page: Page, context: dict[str, Any]) -> Producer:
    return lambda: templating.stream(env, page.template, context, page, page_file(page.path))


def _bytes_producer(data: bytes) -> Producer:
    return lambda: [data]


def _file_producer(path: Path) -> Producer:
    def read() -> Iterator[bytes]:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                yield block
    return read


def pages(content: Content) -> list[Page]:
    """Every page of the site, in a fixed order."""
    site = content.site
    listed = [Page("", "index.html", site.title, first_sentence(site.intro))]
    for category in content.categories:
        listed.append(Page(f"categories/{category.slug}/", "category.html", category.title, summary(category), category))
    if content.shortlists:
        listed.append(Page("shortlist/", "shortlist.html", "Shortlist", f"The shortlisted entries for {site.title}."))
    for category in content.categories:
        for entry in content.shortlists[category.slug].entries if category.slug in content.shortlists else ():
            about = f"{entry.organisation}: {result_label(entry.result)}, {category.title}."
            listed.append(Page(f"shortlist/{category.slug}/{entry.slug}/", "entry.html", entry.title, about,
                               category, entry))
    listed.append(Page("404.html", "404.html", "Page not found", "There is no page at this address."))
    listed.append(Page("sitemap.xml", "sitemap.xml", "Sitemap", ""))
    listed.append(Page("robots.txt", "robots.txt", "Robots", ""))
    return listed


def summary(category: Category) -> str:
    """The category's one-line summary: its own, or the first sentence of its intro."""
    return category.summary or first_sentence(category.intro)


def all_tags(content: Content) -> list[str]:
    """Every entry tag once, alphabetically, for the shortlist's filter."""
    found = {tag for shortlist in content.shortlists.values() for entry in shortlist.entries for tag in entry.tags}
    return sorted(found, key=lambda tag: (tag.casefold(), tag))  # `NHS` before `nhs` on every run, not by hash


def awarded(content: Content) -> list[str]:
    """The results other than `shortlisted` that some entry has, best first."""
    given = {entry.result for shortlist in content.shortlists.values() for entry in shortlist.entries}
    return [result for result in ("winner", "highly-commended") if result in given]


def result_label(result: str) -> str:
    """How a result reads on the page: `highly-commended` -> `Highly commended`."""
    return result.replace("-", " ").capitalize()


# Spelt out here: strftime's names follow the machine's locale, and builds must not.
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def long_date(iso: str) -> str:
    """`2024-11-20` -> `Wednesday 20 November 2024`, as UK readers write it, whatever the locale."""
    day = datetime.date.fromisoformat(iso)
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"
