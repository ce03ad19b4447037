"""Render validated content into the site's files, one at a time, as streams of bytes.

Each page is made from its own inputs: its edition (categories, shortlists, judges,
phase) and the programme (site.yaml). `context()` is the whole of what a template
sees, documented in ARCHITECTURE.md; `url` is the only way templates make addresses.
Autoescape is on (except in `.txt` files), undefined names are errors, and templates
run in a sandbox (templating.py). Nothing is rendered until the writer asks for it.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import dataclasses
import hashlib

import jinja2
from markupsafe import Markup

from . import clock, colours, datafiles, feed, ical, labels, menus, minify, templating
from .crosscheck import MILESTONES
from .dates import iso, key_date_iso, key_date_text, long_date, when
from .markdown import inline, markdown
from .lists import all_tags, compact_library, contacts_of, grouped, judges_of, library, other_editions, \
    other_finalists, partners_of, split_editions, top_entries, used_focus_areas
from .model import RESERVED_IDS, Category, Content, EditionContent, KeyDate, NewsPost, Site, TextPage
from .pagelist import Page, awarded, pages, summary
from .reused import once, once_each
from .sources import BUILTIN, Templates
from .urls import CALENDAR_FILE, FEED_FILE, Urls, page_file, slugify

# Only the site's own files may run or style anything; content can never add a script.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; object-src 'none'")

Producer = Callable[[], Iterable[bytes]]  # makes one file's bytes when the writer asks
BUILTIN_ASSETS = BUILTIN / "assets"  # the tool's own stylesheet and scripts, published shortened


def files(content: Content, base_url: str, now: datetime.datetime, converted: Converted | None = None,
          listed: list[Page] | None = None) -> list[tuple[str, Producer]]:
    """Every file of the site, by output path, each made only when its producer is called.

    `converted`: markdown already converted (cache.py); `listed`: the pages, if already listed (pagelist.pages).
    """
    urls = Urls(base_url, split=split_editions(content))  # a split edition's categories have their own shortlist page
    env = environment(content.sources.templates, urls, content.media_sizes, converted or Converted({}))
    listed = pages(content) if listed is None else listed
    site_pages = SitePages(listed, frozenset(page.path for page in listed))
    shared: dict[str, dict[str, Any]] = {}  # each edition's context, made once
    made: list[tuple[str, Producer]] = [
        (page_file(page.path), _page_producer(env, page, content, urls, now, site_pages, shared)) for page in listed]
    made += [(f"assets/{name}", _asset_producer(name, path, content.site)) for name, path in content.sources.assets]
    made += [(f"media/{name}", _file_producer(path)) for name, path in content.sources.media]
    made += [(name, _made_by(make)) for name, make in datafiles.files(content, urls).items()]
    words = words_for(content.site, content.site.language)
    dates = calendar_dates(content, words)
    if dates:
        made.append((CALENDAR_FILE, lambda: [ical.calendar(content.current.info.title, dates, content.site.timezone,
                                                           urls, now, language=content.site.language)]))
    if content.news:
        made.append((FEED_FILE, lambda: [feed.atom(content.current.info.title, content.news, urls,
                                                   content.site.timezone, _absolute_body(urls, content),
                                                   content.site.language)]))
    return made


def environment(templates: Templates, urls: Urls, sizes: dict[str, tuple[int, int]],
                converted: Converted) -> templating.Sandbox:
    """The sandbox with the build's filters and functions (precompile.py's helper compiles the templates in one)."""
    env = templating.environment(templates)
    env.filters.update(markdown=_markdown_filter(urls, sizes, converted), inline=inline, long_date=_dated(long_date),
                       when=_dated(when), iso=iso, fill=fill, key_date_text=_dated(key_date_text),
                       email_pieces=email_pieces)
    env.globals.update(summary=summary, slugify=slugify, key_date_iso=key_date_iso, once_each=once_each(),
                       once=once(), other_finalists=other_finalists)
    return env


@dataclass(frozen=True)
class SitePages:
    """Every page of the site, made once per build: a page's template asks whether another exists."""

    listed: list[Page]  # in the site's order, for the sitemap
    paths: frozenset[str]  # their paths, so `"library/" in paths` costs nothing on each of 10,000 pages


def context(page: Page, content: Content, urls: Urls, now: datetime.datetime, pages: SitePages,
            shared: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the template of `page` sees: the page, its language and labels, and its edition's context."""
    lang = page.language or content.site.language
    return {**(shared or edition_context(page.edition, content, urls, now, pages)), "page": page, "lang": lang,
            "t": words_for(content.site, lang)}


def edition_context(edition: EditionContent, content: Content, urls: Urls, now: datetime.datetime,
                    pages: SitePages) -> dict[str, Any]:
    """What every page of `edition` sees: the edition, the programme, and helpers bound to them."""
    site = content.site
    zone, vocabulary = site.timezone, {r.slug: r for r in site.result_names()}
    edition_urls = urls.for_edition(edition.name)
    given = awarded(site, edition)  # once per edition: each of its pages' menus asks
    return {
        "site": site, "edition": edition, "editions": content.editions, "categories": edition.categories,
        "shortlists": edition.shortlists, "panel": edition.panel, "url": edition_urls,
        "pages": pages.listed, "paths": pages.paths, "phase": clock.phase(edition.info, zone, now), "now": now,
        "today": now.date().isoformat(), "tags": all_tags(edition), "used_focus_areas": used_focus_areas(site, edition),
        "results": site.result_names(), "awarded": given, "focus_areas": site.focus_areas,
        "csp": CSP, "ids": {name: name for name in RESERVED_IDS},
        "text_pages": content.pages, "news": content.news, "organisers": site.organisers,
        "key_dates": lambda t: key_dates(edition.info, zone, t),
        "timetable": lambda holder: ical.sorted_dates(holder.key_dates),
        "menu": lambda t, here: menus.menu(site, edition, content, edition_urls, pages.paths, t, here, bool(given)),
        "footer_links": lambda t: menus.footer(site, content, edition_urls, t),
        "image": lambda picture: image(picture.file, urls, content.media_sizes),
        "result_label": lambda slug: vocabulary[slug].label,
        "result_plural": lambda slug: vocabulary[slug].plural or vocabulary[slug].label,
        "window": lambda category: clock.category_window(category, edition.info, zone, now),
        "other_editions": lambda category: other_editions(content, edition, category),
        "top_entries": lambda category: top_entries(site, edition, category),
        "judges_of": lambda category: judges_of(edition, category),
        "contacts_of": lambda category: contacts_of(edition, category),
        "library": lambda: library(content), "compact_library": compact_library(content),
        "grouped": lambda categories: grouped(edition, categories),
        "partners_of": partners_of,
    }


def words_for(site: Site, language: str) -> dict[str, str]:
    """The labels of pages in `language`, with site.yaml's own wording where it applies."""
    return labels.table(language, site.language, site.labels)


def fill(text: str, **values: Any) -> str:
    """A label with its `{name}` placeholders filled: `t.weight | fill(weight=30)`; a count reads `10,000`."""
    for name, value in values.items():
        number = isinstance(value, int) and not isinstance(value, bool)  # years are text (edition names)
        text = text.replace("{" + name + "}", f"{value:,}" if number else str(value))
    return text


def email_pieces(address: str) -> list[str]:
    """An email address cut where a line may break: after the `@` and before each dot (`a`, `.b@`, `nhs`, `.uk`)."""
    return re.split(r"(?<=@)|(?=\.)", address)


def image(name: str, urls: Urls, sizes: dict[str, tuple[int, int]]) -> tuple[str, int, int] | None:
    """A picture under `media/` as (address, width, height), or None if there is no such picture."""
    return (urls.media(name), *sizes[name]) if name in sizes else None


class Converted:
    """Markdown as HTML, each text converted once per build: a synopsis is on its shortlist, its entry page and
    the library. `known` is the last build's (cache.py), `used` this build's, to keep for the next."""

    def __init__(self, known: dict[str, str]) -> None:
        self.known = known
        self.used: dict[str, str] = {}  # digest of the text and how it is converted -> its HTML

    def get(self, make: Callable[[], str], text: str, *how: object) -> Markup:
        """The HTML of `text` converted as `how` says, made by `make` unless it is known."""
        key = _text_key(text) + _text_key(repr(how))
        html = self.used.get(key)
        if html is None:
            html = self.used[key] = self.known.get(key) or make()
        return Markup(html)

    def kept(self, texts: Iterable[str]) -> dict[str, str]:
        """This build's conversions, and the last build's of `texts` (pages kept unchanged show them), to keep."""
        wanted = {_text_key(text) for text in texts}
        return {key: html for key, html in {**self.known, **self.used}.items() if key[:16] in wanted}


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def conversion_context(content: Content, base_url: str, code: str) -> str:
    """What markdown's HTML depends on besides its text: the `code` (pagekeys.code_digest), the addresses and the
    pictures' sizes."""
    return f"{code} {base_url} {sorted(content.media_sizes.items())!r}"


def _markdown_filter(urls: Urls, sizes: dict[str, tuple[int, int]], converted: Converted) -> Callable[..., Any]:
    media = functools.partial(image, urls=urls, sizes=sizes)

    @jinja2.pass_context
    def render_markdown(ctx: Any, text: str, ids: str = "", top: int = 3) -> Any:
        t = ctx.get("t") or {}
        words = {"notes": t.get("notes", "Notes"),
                 "back_to_reference": t.get("back_to_reference", "Back to reference {n}")}
        return converted.get(lambda: markdown(text, media=media, ids=ids, top=top, words=words), text, ids, top, words)
    return render_markdown


def _dated(function: Callable[..., str]) -> Callable[..., str]:
    """A date filter that writes the date in the page's language."""
    @jinja2.pass_context
    def in_language(ctx: Any, value: Any, *args: Any) -> str:
        return function(value, *args, language=ctx.get("lang") or "en")
    return in_language


def _absolute_body(urls: Urls, content: Content) -> Callable[[NewsPost], str]:
    """A post's body as HTML for the feed, where pictures and links must work from any reader."""
    absolute = Urls(urls.absolute(""))
    return lambda post: str(markdown(post.body, media=lambda name: (absolute.origin + absolute.media(name),
                                                                    *content.media_sizes[name])
                                     if name in content.media_sizes else None, ids=post.slug))


def _page_producer(env: templating.Sandbox, page: Page, content: Content, urls: Urls, now: datetime.datetime,
                   pages: SitePages, shared: dict[str, dict[str, Any]]) -> Producer:
    def produce() -> Iterable[bytes]:
        name = page.edition.name
        if name not in shared:  # made when the edition's first page is written, then reused by the rest
            shared[name] = edition_context(page.edition, content, urls, now, pages)
        return templating.stream(env, page.template, context(page, content, urls, now, pages, shared[name]), page,
                                 page_file(page.path))
    return produce


def _made_by(make: Callable[[], bytes]) -> Producer:
    return lambda: [make()]


def _file_producer(path: Path) -> Producer:
    def read() -> Iterator[bytes]:
        with open(path, "rb") as handle:
            while block := handle.read(1 << 20):
                yield block
    return read


def _asset_producer(name: str, path: Path, site: Site) -> Producer:
    """An asset as published: the built-in stylesheet and scripts shortened, site.css with the brand's colours."""
    brand = colours.css(site.brand) if site.brand and name == "site.css" else ""
    shorten = {".css": minify.css, ".js": minify.js}.get(path.suffix) if path.is_relative_to(BUILTIN_ASSETS) else None
    if not shorten and not brand:
        return _file_producer(path)
    return lambda: [((shorten or str)(path.read_text(encoding="utf-8")) + brand).encode()]


def key_dates(info: Any, zone: str, words: dict[str, str]) -> list[KeyDate]:
    """The edition's milestones and other key dates, in order."""
    dates = list(info.key_dates)
    for key in MILESTONES:  # each is also a label key: `t.entries_open`
        value = getattr(info, key)
        if value:
            dates.append(KeyDate(date=value[:10], label=words[key], time=value[11:] or None))
    return ical.sorted_dates(tuple(dates))


def calendar_dates(content: Content, words: dict[str, str]) -> list[KeyDate]:
    """Every date of the current edition for the calendar file: the edition's, each award's and each page's."""
    dates = key_dates(content.current.info, content.site.timezone, words)
    holders: list[Category | TextPage] = [*content.current.categories, *content.pages]
    for holder in holders:
        dates += [dataclasses.replace(d, label=f"{d.label} ({holder.title})") for d in holder.key_dates]
    return ical.sorted_dates(tuple(dates))
