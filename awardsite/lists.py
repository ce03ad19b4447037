"""The lists pages show, made from an edition: categories under their groups, entries best result first, tags,
each award's winners, judges and contacts, the same award in other years, and the library."""

from __future__ import annotations

from typing import Any, Iterable, Sequence, TypeVar

from .model import Category, Contact, Content, EditionContent, Entry, FocusArea, Group, Partner, Site

Line = TypeVar("Line")

# Beyond this many shortlisted entries in one edition, its shortlist is an index of categories, each on its own page
# (`<edition>/shortlist/<category>/`), instead of one page of tabs. A shortlisted entry weighs about 2.3 KB on the
# page (its synopsis, citation and tags), so 300 keep the one page under about 700 KB (some 150 KB compressed,
# a few seconds on a slow phone connection) and its search instant: a programme of 30 categories of 10 entries,
# or the 100-category test programmes, keep the tabs #10 designed; 10,000 entries would make a 22 MB page.
SPLIT_AT = 300
# Beyond this many entries across every edition, the library lists each project without its synopsis, in compact
# rows under its year and category (the entry page has the rest). A card with its synopsis weighs about 1.6 KB, so
# 1,000 of them are a 1.6 MB page; a row weighs about 300 bytes, so 10,000 are about 3 MB and 40,000 about 12 MB.
LIBRARY_AT = 1_000
# An entry page lists at most this many of its category's other finalists (then links to them all): a shortlist of
# up to 13 is listed whole, as it was. Listing every other one made each page of a 100-entry category carry 99 links
# (20 KB), and the site grow with the square of a category's size.
OTHERS_SHOWN = 12


def all_tags(edition: EditionContent) -> list[str]:
    """Every entry tag of the edition once, alphabetically, for the shortlist's filter."""
    found = {tag for shortlist in edition.shortlists.values() for entry in shortlist.entries for tag in entry.tags}
    return sorted(found, key=lambda tag: (tag.casefold(), tag))  # `NHS` before `nhs` on every run, not by hash


def used_focus_areas(site: Site, edition: EditionContent) -> list[FocusArea]:
    """The programme's focus areas that some entry of the edition is filed under, in site.yaml's order."""
    used = {area for shortlist in edition.shortlists.values() for entry in shortlist.entries
            for area in entry.focus_areas}
    return [area for area in site.focus_areas if area.slug in used]


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
    if category.site_contacts == "no":
        return list(category.contacts)
    given = {" ".join(c.role.casefold().split()) for c in category.contacts}
    return list(category.contacts) + [c for c in edition.info.contacts
                                      if " ".join(c.role.casefold().split()) not in given]


def library(content: Content) -> list[tuple[EditionContent, Category, Entry]]:
    """Every published entry of every edition, newest edition first, in category order."""
    return [(edition, category, entry) for edition in content.editions for category in edition.categories
            for entry in (edition.shortlists[category.slug].entries if category.slug in edition.shortlists else ())]


def shortlisted(edition: EditionContent) -> int:
    """How many entries the edition's published shortlists hold (none before the shortlist is announced)."""
    return sum(len(shortlist.entries) for shortlist in edition.shortlists.values())


def split(edition: EditionContent) -> bool:
    """Whether the edition's shortlist is an index of categories, each on its own page (beyond SPLIT_AT entries)."""
    return shortlisted(edition) > SPLIT_AT


def split_editions(content: Content) -> frozenset[str]:
    """The names of the editions whose shortlist is split: the addresses of a category's shortlist depend on it."""
    return frozenset(edition.name for edition in content.editions if split(edition))


def compact_library(content: Content) -> bool:
    """Whether the library lists its projects without synopses, in rows under year and category (beyond LIBRARY_AT)."""
    return sum(shortlisted(edition) for edition in content.editions) > LIBRARY_AT


def grouped(edition: EditionContent, categories: Iterable[Category]) -> list[tuple[Group | None, list[Category]]]:
    """`categories` under their groups, in the groups' order, empty groups left out; (None, all) without groups."""
    listed = list(categories)
    if not edition.info.groups:
        return [(None, listed)]
    found = [(group, [c for c in listed if c.group == group.slug]) for group in edition.info.groups]
    return [(group, members) for group, members in found if members]


def partners_of(category: Category) -> list[Partner]:
    """The award's partners: its `partners`, or the older `partner` (a name, or a name and web address)."""
    if category.partners:
        return list(category.partners)
    if isinstance(category.partner, Partner):
        return [category.partner]
    return [Partner(name=category.partner)] if category.partner else []


def other_finalists(lines: Sequence[tuple[Entry, Line]], entry: Entry, count: int = OTHERS_SHOWN) \
        -> list[tuple[Entry, Line]]:
    """The `count` finalists that follow `entry` in `lines` (round to the start), in the list's order, not it.

    Each finalist of a big category is listed on as many of the others' pages, wherever it stands.
    """
    at = next((i for i, (other, _) in enumerate(lines) if other.slug == entry.slug), -1)
    chosen = {(at + step) % len(lines) for step in range(1, min(count, len(lines) - 1) + 1)}
    return [line for i, line in enumerate(lines) if i in chosen]
