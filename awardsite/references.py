"""Every reference from content to another file or page resolves, and pages have room of their own.

Pictures exist under `media/` and say what they show (or that they only decorate);
markdown images name pictures that exist; menu and footer links name pages that
exist; a page's address clashes with nothing the site publishes; a timetable's
ranges run forwards. Runs after each file has passed its own checks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Iterator

from .errors import Problem, Problems
from .kinds import KINDS, Either, Key, ListOf, keys
from .markdown import image_names
from .memo import PerObject
from .model import (RESERVED_IDS, Category, EditionContent, KeyDate, NewsPost, Picture, Site, TextPage, Where,
                    is_record)
from .urls import BUILTIN_PAGES, ROOT_FOLDERS, slugify
from .scaffold import PLACEHOLDERS
from .validate import did_you_mean
from .walk import record_fields

_PLACEHOLDERS = frozenset(PLACEHOLDERS.values())


def check(site: Site, editions: list[EditionContent], pages: list[TextPage], news: list[NewsPost],
          sizes: dict[str, tuple[int, int]], problems: Problems) -> None:
    """Record every reference that does not resolve, in any file."""
    _page_addresses(pages, [e.name for e in editions], problems)
    _links(site, {p.slug for p in pages if p.draft != "yes"}, {p.slug for p in pages if p.draft == "yes"}, problems)
    for edition in editions:
        _groups(edition, problems)
    _drafts([*pages, *(c for e in editions for c in e.categories)], problems)
    roots: list[Any] = [site, *pages, *news]
    for edition in editions:
        roots += [edition.info, *edition.categories, *edition.shortlists.values()]
        roots += [edition.panel] if edition.panel else []
    for root in roots:
        found = _FOUND(root, _findings)
        problems.items += found.own
        for picture in found.pictures:
            _picture(picture, sizes, problems)
        for file, line, key, name in found.images:
            if name not in sizes:
                problems.add(file, line, f"`{key}` shows the picture `media/{name}`, which is not there"
                                         f"{did_you_mean(name, sizes)}")
    if site.accessibility is None and not problems.errors():  # a reminder, not worth a line among errors
        problems.warn(site.where.file, site.where.line, "site.yaml has no `accessibility`: the accessibility "
                                                        "statement at /accessibility/ says it is being prepared; "
                                                        "give its facts (see docs/format.md)")


def _drafts(holders: list[Category | TextPage], problems: Problems) -> None:
    """A draft is listed; any other file still holding text `new` wrote for the editor to replace is refused."""
    for holder in holders:
        if holder.draft == "yes":
            problems.warn(holder.where.file, holder.where.of("draft"), "a draft (`draft: yes`): not published until "
                                                                       "you remove that line")
            continue
        problems.items += _FOUND(holder, _findings).placeholders


def _groups(edition: EditionContent, problems: Problems) -> None:
    """Each category names a group of its edition when the edition has groups, and only then."""
    info, slugs = edition.info, [group.slug for group in edition.info.groups]
    seen: dict[str, int] = {}
    for group in info.groups:
        if group.slug in seen:
            problems.add(info.where.file, group.where.line, f"`groups` lists `{group.slug}` twice (also on line "
                                                            f"{seen[group.slug]})")
        seen.setdefault(group.slug, group.where.line)
    listed = ", ".join(f"`{slug}`" for slug in slugs)
    for category in edition.categories:
        where = category.where
        if category.group is None and slugs:
            problems.add(where.file, where.line, f"this award names no `group`; {info.where.file} lists the groups "
                                                 f"{listed}, and each award is shown under one")
        elif category.group is not None and not slugs:
            problems.add(where.file, where.of("group"), f"`group` `{category.group}`: {info.where.file} has no "
                                                        "`groups`; add them there, or remove this line")
        elif category.group is not None and category.group not in slugs:
            hint = did_you_mean(category.group, slugs) or f"; the groups are {listed}"
            problems.add(where.file, where.of("group"), f"no group `{category.group}` in {info.where.file}{hint}")
    used = {category.group for category in edition.categories}
    if not used <= set(slugs):  # the errors above say it; an "empty group" would only repeat them
        return
    for group in info.groups:
        if group.slug not in used:
            problems.warn(info.where.file, group.where.line, f"no award is in the group `{group.slug}`, so it is "
                                                             "not shown")


@dataclass(frozen=True)
class Findings:
    """What one file's model object holds that the checks need, whatever the rest of the content is."""

    own: list[Problem]  # its problems that depend on nothing else (a key date's end before its start)
    placeholders: list[Problem]  # its texts still as `new` wrote them (refused unless it is a draft)
    pictures: list[Picture]  # its pictures, whose files are checked against media/
    images: list[tuple[str, int, str, str]]  # (file, line, key, name) of each picture its markdown shows


_FOUND: PerObject[Findings] = PerObject()  # an unchanged file keeps its objects (reading.READ): found once


def _findings(root: Any) -> Findings:
    own, placeholders, pictures, images = Problems(), Problems(), [], []
    holder = isinstance(root, (Category, TextPage))  # the files `new` writes (checked unless they are drafts)
    for obj in _objects(root):
        if isinstance(obj, Picture):
            pictures.append(obj)
        elif isinstance(obj, KeyDate):
            _key_date(obj, own)
        elif isinstance(obj, Category):
            _category_shape(obj, own)
        elif isinstance(obj, TextPage):
            _questions(obj, own)
        if holder:
            _placeholders(obj, placeholders)
        images += [(obj.where.file, line, key, name)
                   for key, line, text in _markdown(obj) for name in image_names(text)]
    return Findings(own.items, placeholders.items, pictures, images)


def _placeholders(obj: Any, problems: Problems) -> None:
    cls: type = type(obj)
    for key in keys(cls):
        value = getattr(obj, key.name)
        values = value if isinstance(value, tuple) else (value,)
        if any(isinstance(v, str) and v.strip() in _PLACEHOLDERS for v in values):
            problems.add(obj.where.file, obj.where.of(key.name), f"`{key.name}` still holds the text `new` "
                                                                 "wrote: write your own (or add `draft: yes` "
                                                                 "while you work on it)")


def _objects(value: Any) -> Iterator[Any]:
    """`value` and every model object inside it, depth first."""
    if isinstance(value, tuple):
        for item in value:
            yield from _objects(item)
        return
    cls: type = type(value)
    if is_record(cls):
        yield value
        for name in record_fields(cls):
            yield from _objects(getattr(value, name))


def _markdown(obj: Any) -> Iterator[tuple[str, int, str]]:
    """(key, line, text) for each markdown value of a model object (a page's body is checked as it is read)."""
    where: Where | None = getattr(obj, "where", None)  # site.yaml's `labels` has none: it holds no markdown
    if where is None:
        return
    cls: type = type(obj)
    for name in _markdown_keys(cls):
        value = getattr(obj, name)
        for text in value if isinstance(value, tuple) else (value,) if value else ():
            yield name, where.of(name), text


@functools.cache
def _markdown_keys(cls: type) -> tuple[str, ...]:
    return tuple(key.name for key in keys(cls) if _is_markdown(key))


def _is_markdown(key: Key) -> bool:
    shape = key.shape
    while isinstance(shape, (ListOf, Either)):
        shape = shape.item if isinstance(shape, ListOf) else shape.options[0]
    return shape is KINDS["markdown"]


def _picture(picture: Picture, sizes: dict[str, tuple[int, int]], problems: Problems) -> None:
    where = picture.where
    if picture.file not in sizes:
        problems.add(where.file, where.of("file"), f"no picture `media/{picture.file}`"
                                                   f"{did_you_mean(picture.file, sizes)}")
    if picture.alt is None and picture.decorative != "yes":
        problems.add(where.file, where.line, "a picture needs `alt` text saying what it shows (for a logo, the "
                                             "organisation's name), or `decorative: yes` if it adds nothing for "
                                             "someone who cannot see it")
    elif picture.alt is not None and picture.decorative == "yes":
        problems.add(where.file, where.of("decorative"), "a decorative picture has no `alt` text: remove one of "
                                                         "`alt` and `decorative`")


def _key_date(key: KeyDate, problems: Problems) -> None:
    where = key.where
    if key.end_date is not None and key.end_date < key.date:
        problems.add(where.file, where.of("end_date"), f"`end_date` {key.end_date} is before `date` {key.date}")
    if key.end_time is not None and key.time is None:
        problems.add(where.file, where.of("end_time"), "`end_time` needs a `time` for the start")
    elif key.end_time is not None and key.time is not None and (key.end_date or key.date) == key.date \
            and key.end_time <= key.time:
        problems.add(where.file, where.of("end_time"), f"`end_time` {key.end_time} is not after `time` {key.time}")
    if key.week == "yes" and (key.end_date or key.time):
        problems.add(where.file, where.of("week"), "a date known only to the week (`week: yes`) has no `end_date` "
                                                   "or `time`")


def _category_shape(category: Category, problems: Problems) -> None:
    where = category.where
    if not category.criteria and not category.stages:
        problems.add(where.file, where.line, "missing required key `criteria` (or `stages`, for selection in stages)")
    elif category.criteria and category.stages:
        problems.add(where.file, where.of("stages"), "give `criteria` or `stages`, not both: put every criterion "
                                                     "in a stage")
    if category.partner and category.partners:
        problems.add(where.file, where.of("partners"), "give `partner` or `partners`, not both")


def _questions(page: TextPage, problems: Problems) -> None:
    seen: dict[str, int] = {}
    for question in page.questions:
        anchor = question.id or slugify(question.question) or "question"
        line = question.where.line
        if anchor in RESERVED_IDS:
            problems.add(page.where.file, line, f"this question's link `#{anchor}` is the id of a part of every page; "
                                                f"give the question its own `id`, e.g. `{anchor}-question`")
        elif anchor in seen:
            problems.add(page.where.file, line, f"this question's link `#{anchor}` is already used by the question "
                                                f"on line {seen[anchor]}; give one of them its own `id`")
        seen.setdefault(anchor, line)


def _page_addresses(pages: list[TextPage], editions: list[str], problems: Problems) -> None:
    taken = (set(ROOT_FOLDERS) | set(BUILTIN_PAGES)) - {"accessibility"}  # a page may replace the statement
    for page in pages:
        if page.slug in taken or page.slug in editions:
            problems.add(page.where.file, 1, f"the page address `/{page.slug}/` is used by the site itself; rename "
                                             f"the file, e.g. `{page.slug}-page.md`")


def _links(site: Site, slugs: set[str], drafts: set[str], problems: Problems) -> None:
    known = sorted(set(BUILTIN_PAGES) | slugs)
    for link in (*site.nav, *site.footer):
        if link.page in drafts:
            problems.add(link.where.file, link.where.of("page"), f"`pages/{link.page}.md` is a draft, so it is not "
                                                                 "published: take the link out until it is ready")
        elif link.page is not None and link.page not in known:
            problems.add(link.where.file, link.where.of("page"), f"no page `{link.page}`{did_you_mean(link.page, known)}"
                                                                 "; a link's `page` is a page of the site, or the "
                                                                 "file name of a page in `pages/` without `.md`")
        if link.page is not None and link.url is not None:
            problems.add(link.where.file, link.where.of("url"), "give a link `page` or `url`, not both")
