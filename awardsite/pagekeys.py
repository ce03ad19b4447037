"""What each page of the site is made from, as a digest: a rebuild re-renders a page only when its digest changes.

A built-in template's page about one category (its guidance page, its entries' pages, its page
of a split shortlist) shows that category's own texts and entries, and only the headlines of
the rest of the programme: titles, dates, results, tags, menus, everything but the other
categories' and entries' markdown. Its digest is made of those; so is that of a page that shows
no category's or entry's markdown at all (HEADLINES: the sitemap, the news, text pages, the
judges, a split shortlist's index, and the library once it lists projects without synopses).
The home page and the accessibility statement (NO_ENTRY_TEXTS) show every category's texts
and site.yaml's but no entry's markdown: their digest is made of those and the headlines.
Every other page (the shortlist, the winners…), and every page of a site with its own
templates (which may show anything), is made from the whole content.
Each digest also holds the code and theme, the options and what the page can show of "now"
(clock.period). A wrong guess here would leave a page stale, so the tests compare cached
builds with cold ones after random edits (tests/test_cache.py).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Iterator

from .cache import code, libraries
from .lists import compact_library
from .model import Content, EditionContent
from .memo import PerObject
from .pagelist import Page
from .urls import page_file
from .walk import fields_of, gather, record_fields

# The built-in templates about one category: its guidance page, its entries' pages, its part of a split shortlist.
SCOPED = frozenset({"category.html", "entry.html", "redirect.html", "shortlist-category.html"})
# The built-in templates that show no category's or entry's markdown: only headlines, and pages, news and judges
# (which `common` holds whole).
HEADLINES = frozenset({"sitemap.xml", "robots.txt", "404.html", "page.html", "post.html", "news.html", "judges.html",
                       "shortlist-index.html", "redirect.html"})
# The built-in templates that show every category's texts and site.yaml's, but no entry's markdown: the home page
# (each category's summary) and the accessibility statement.
NO_ENTRY_TEXTS = frozenset({"index.html", "accessibility.html"})


def keys(content: Content, listed: list[Page], names: list[str], base_url: str, period: str, code: str) \
        -> dict[str, str]:
    """The digest of each file's inputs, by output file: `listed` pages, and the other files `names` gives.

    `code` is `code_digest(content)`, which the markdown kept between builds depends on too.
    """
    common = _digest(code, base_url, period, repr(content.sources), repr(content.pages),
                     repr(content.news), repr(sorted(content.media_sizes.items())), *(p.path for p in listed),
                     _headline(content.site), *(_edition_headline(e) for e in content.editions))
    categories = {(e.name, c.slug): _digest(_WHOLE(c, _whole), _WHOLE(e.shortlists.get(c.slug), _whole))
                  for e in content.editions for c in e.categories}
    infos = [repr(e.info) for e in content.editions]
    whole = _digest(common, *categories.values(), *infos)
    # what NO_ENTRY_TEXTS pages show: every category whole, and of the shortlists only their headlines (in common)
    no_entry_texts = _digest(common, *(_WHOLE(c, _whole) for e in content.editions for c in e.categories), *infos)
    scoped_theme = all(not path.is_relative_to(content.sources.root) for _, path, _ in content.sources.templates)
    headlines_only = HEADLINES | {"library.html"} if compact_library(content) else HEADLINES
    made = {}
    for page in listed:
        about = repr((page.path, page.template, page.title, page.description, page.redirect, page.language,
                      page.edition.name, page.entry.slug if page.entry else ""))
        scope = categories.get((page.edition.name, page.category.slug)) if page.category else None
        scoped = scoped_theme and (page.template in SCOPED and scope is not None or page.template in headlines_only)
        if scoped:
            made[page_file(page.path)] = _digest(common, scope or "", about)
        elif scoped_theme and page.template in NO_ENTRY_TEXTS:
            made[page_file(page.path)] = _digest(no_entry_texts, about)
        else:
            made[page_file(page.path)] = _digest(whole, about)
    pictures = {f"media/{name}": path for name, path in content.sources.media}
    for name in names:
        if name in pictures:  # published as it is
            made[name] = _digest(name, _file_digest(pictures[name]))
        elif name.startswith("assets/"):  # the theme's files, and site.yaml's brand in site.css
            made[name] = _digest(common, name)
        elif name not in made:  # the data files, the calendar, the feed
            made[name] = _digest(whole, name)
    return made


def code_digest(content: Content) -> str:
    """The digest of the package's code, its libraries and every template and asset the build reads."""
    theme = [path for _, path, _ in content.sources.templates] + [path for _, path in content.sources.assets]
    return _digest(libraries(), code(), *(f"{path}:{_file_digest(path)}" for path in theme))


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digest(*parts: str) -> str:
    return hashlib.sha256("".join(part + "\0" for part in parts).encode("utf-8", "surrogatepass")).hexdigest()


def _edition_headline(edition: EditionContent) -> str:
    """An edition's headlines: its milestones, panel, categories and entries without their markdown texts."""
    parts = [edition.name, repr(edition.current), repr(edition.panel), _HEADLINE(edition.info, _headline),
             *(_HEADLINE(category, _headline) for category in edition.categories)]
    for slug, shortlist in edition.shortlists.items():
        parts += [slug, _HEADLINE(shortlist, _headline)]
    return "\n".join(parts)


# A file that did not change keeps its objects while `serve` runs (reading.READ): each is written out once.
_WHOLE: PerObject[str] = PerObject()
_HEADLINE: PerObject[str] = PerObject()


def _whole(value: Any) -> str:
    return _digest(repr(value))


def _headline(value: Any) -> str:
    """`value` written out without its markdown fields (the texts only its own pages show)."""
    kind: type = type(value)
    if is_dataclass(value):
        nested = record_fields(kind)  # only these can hold objects: the others are written out as they are
        return kind.__name__ + "(" + ",".join(_headline(getattr(value, name)) if name in nested
                                              else repr(getattr(value, name)) for name in _kept(kind)) + ")"
    if isinstance(value, (tuple, list)) and value and is_dataclass(value[0]):
        return "[" + ",".join(_headline(item) for item in value) + "]"
    return repr(value)


def markdown_texts(content: Content) -> Iterator[str]:
    """Every markdown text in the content."""
    return (text for text in gather((content.site, *content.editions, *content.pages, *content.news), "markdown")
            if isinstance(text, str))


@functools.cache
def _kept(cls: type) -> tuple[str, ...]:
    """A model class's fields but `where` and those that hold markdown."""
    markdown = fields_of(cls, "markdown")
    return tuple(item.name for item in fields(cls) if item.name != "where" and item.name not in markdown)
