"""Checks across fields and files, made from the model objects' `where` (file and lines).

A file on its own is checked by validate.py; here the rules that need more than one
value: weights add up to 100, milestones come in order, an entry's result and focus
areas are ones site.yaml defines, a judge's panel names a category, a photo exists.
"""

from __future__ import annotations

import zoneinfo
from pathlib import Path
from typing import Iterable

from . import clock, colours
from .errors import Problems
from .model import DEFAULT_RESULTS, Category, Edition, EditionContent, Shortlist, Site
from .sources import Sources
from .urls import ROOT_FOLDERS
from .validate import did_you_mean

SUMMARY_WORDS = 25  # a category card's summary: longer ones are a warning, and made ones are cut to this
MILESTONES = ("entries_open", "entries_close", "shortlist_announced", "winners_announced")  # in this order


def vocabulary(site: Site, shortlists: list[Shortlist], problems: Problems) -> None:
    """Record entries whose result or focus areas site.yaml does not define: needs only site.yaml and the file."""
    for shortlist in shortlists:
        _entries(site, shortlist, problems)


def content(site: Site, editions: list[EditionContent], sources: Sources, problems: Problems) -> None:
    """Record every problem between the files of a content folder that loaded without problems of their own."""
    zone = _zone(site, problems)
    _unique(site, "results", [r.slug for r in site.results], [r.where.line for r in site.results], problems)
    _unique(site, "focus_areas", [a.slug for a in site.focus_areas], [a.where.line for a in site.focus_areas],
            problems)
    _editions_named(site, editions, problems)
    if site.brand:
        for key, message in colours.problems(site.brand):
            problems.add(site.where.file, site.brand.where.of(key), message)
    media = {name for name, _ in sources.media}
    for edition in editions:
        if zone:
            _milestones_in_order(edition.info, zone, problems)
            _results_without_embargo(edition, problems)
        for category in edition.categories:
            _weights(category, problems)
            _summary(category, problems)
            if zone:
                _entry_window(category, edition.info, zone, problems)
        _panel(edition, media, problems)
    _tag_spellings(editions, problems)


def shortlists_have_categories(files: Iterable[Path], slugs: set[str], root: Path, problems: Problems) -> None:
    """Every shortlist file names a category of its edition."""
    for path in files:
        if path.stem not in slugs:
            hint = did_you_mean(path.stem, slugs)
            problems.add(path.relative_to(root).as_posix(), 1, f"no category `{path.stem}` for this shortlist{hint}")


def _zone(site: Site, problems: Problems) -> str | None:
    try:
        zoneinfo.ZoneInfo(site.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name the file system refuses
        hint = did_you_mean(site.timezone, sorted(zoneinfo.available_timezones()))
        problems.add(site.where.file, site.where.of("timezone"), f"`timezone` `{site.timezone}` is not a time zone "
                                                                  f"this computer knows{hint}")
        return None
    return site.timezone


def _unique(site: Site, key: str, slugs: list[str], lines: list[int], problems: Problems) -> None:
    seen: dict[str, int] = {}
    for slug, line in zip(slugs, lines):
        if slug in seen:
            problems.add(site.where.file, line, f"`{key}` lists `{slug}` twice (also on line {seen[slug]})")
        seen.setdefault(slug, line)


def _editions_named(site: Site, editions: list[EditionContent], problems: Problems) -> None:
    past = [e for e in editions if not e.current]
    if past and not site.edition:
        problems.add(site.where.file, site.where.line, "there are past editions in `editions/`, so site.yaml needs "
                                                       "`edition:` naming the current one, e.g. `edition: \"2025\"`")
    for name, where in [(site.edition, site.where.of("edition"))] + [(e.name, 1) for e in past]:
        if name in ROOT_FOLDERS:
            file = site.where.file if name == site.edition else f"editions/{name}/edition.yaml"
            problems.add(file, where, f"an edition may not be called `{name}`: the site's own pages use that "
                                      "address; name editions after their year, like `2025`")
    for edition in past:
        if edition.name == site.edition:
            problems.add(edition.info.where.file, 1, f"`editions/{edition.name}/` has the name of the current "
                                                     "edition (site.yaml's `edition`); rename one of them")


def _milestones_in_order(info: Edition, zone: str, problems: Problems) -> None:
    given = [(key, getattr(info, key)) for key in MILESTONES if getattr(info, key)]
    for (first, early), (second, late) in zip(given, given[1:]):
        start, end = clock.moment(early, zone, first), clock.moment(late, zone, second)
        if end < start or (end == start and (first, second) == ("entries_open", "entries_close")):
            problems.add(info.where.file, info.where.of(second), f"`{second}` ({late}) is before `{first}` ({early})")


def _results_without_embargo(edition: EditionContent, problems: Problems) -> None:
    """Warn when results would go out with the shortlist because no `winners_announced` holds them back."""
    info = edition.info
    if not info.shortlist_announced or info.winners_announced:
        return
    for shortlist in edition.shortlists.values():
        for entry in shortlist.entries:
            if entry.citation or (entry.result and entry.where.of("result") != entry.where.line):
                problems.warn(entry.where.file, entry.where.of("result" if entry.result else "citation"),
                              "this result is published with the shortlist: give `winners_announced` in "
                              f"{info.where.file} to keep results back until the ceremony")
                return


def _entry_window(category: Category, info: Edition, zone: str, problems: Problems) -> None:
    if not (category.entries_open or category.entries_close):
        return  # the edition's own window is checked with its milestones
    opens = category.entries_open or info.entries_open
    closes = category.entries_close or info.entries_close
    if opens and closes and clock.moment(closes, zone, "entries_close") <= clock.moment(opens, zone, "entries_open"):
        key = "entries_close" if category.entries_close else "entries_open"
        problems.add(category.where.file, category.where.of(key),
                     f"entries would close ({closes}) before they open ({opens})")
    announced = info.shortlist_announced
    if category.entries_close and announced and \
            clock.moment(category.entries_close, zone, "entries_close") > clock.moment(announced, zone, ""):
        problems.warn(category.where.file, category.where.of("entries_close"),
                      f"entries to this award close ({category.entries_close}) after the shortlist is announced "
                      f"({announced} in {info.where.file}): its shortlist would be published while entries are open")


def _weights(category: Category, problems: Problems) -> None:
    """Within the criteria, and within each stage, weights are given for all or none and add up to 100."""
    groups = [(category.where, "", category.criteria)]
    groups += [(stage.where, f"stage {number} ({stage.title}): ", stage.criteria)
               for number, stage in enumerate(category.stages, start=1)]
    for where, stage, criteria in groups:
        weights = [c.weight for c in criteria]
        given = [w for w in weights if w is not None]
        if given and len(given) != len(weights):
            within = " of the stage" if stage else ""
            problems.add(where.file, where.of("criteria"), f"{stage}give a `weight` for every criterion{within} "
                                                           "or for none")
        elif given and sum(given) != 100:
            problems.add(where.file, where.of("criteria"), f"{stage}criteria weights add up to {sum(given)}, not 100")


def _summary(category: Category, problems: Problems) -> None:
    words = len((category.summary or "").split())
    if words > SUMMARY_WORDS:
        problems.warn(category.where.file, category.where.of("summary"), f"`summary` has {words} words; a home page "
                                                                         f"card reads best with {SUMMARY_WORDS} or "
                                                                         "fewer")


def _entries(site: Site, shortlist: Shortlist, problems: Problems) -> None:
    results = [r.slug for r in site.result_names()]
    areas = [a.slug for a in site.focus_areas]
    whose = " (site.yaml's `results`)" if site.results else ""
    for entry in shortlist.entries:
        where = entry.where
        if entry.result is not None and entry.result not in results:
            listed = ", ".join(f"`{r}`" for r in results)
            hint = did_you_mean(entry.result, results) or _same_rank(entry.result, results)
            problems.add(where.file, where.of("result"), f"`result` must be one of {listed}{whose}, not "
                                                         f"`{entry.result}`{hint}")
        for area in entry.focus_areas:
            if area not in areas:
                known = "site.yaml defines none yet" if not areas else did_you_mean(area, areas)[2:] or \
                    "see site.yaml's `focus_areas`"
                problems.add(where.file, where.of("focus_areas"), f"unknown focus area `{area}`; {known}")


def _same_rank(result: str, results: list[str]) -> str:
    """For a default result (`winner`) in a programme with its own: the one of the same rank (`gold`)."""
    defaults = [slug for slug, _, _ in DEFAULT_RESULTS]
    if result not in defaults:
        return ""
    rank = defaults.index(result)
    return f"; did you mean `{results[-1] if rank == len(defaults) - 1 else results[min(rank, len(results) - 1)]}`?"


def _panel(edition: EditionContent, media: set[str], problems: Problems) -> None:
    if edition.panel is None:
        return
    slugs = [c.slug for c in edition.categories]
    judges = ([edition.panel.chair] if edition.panel.chair else []) + list(edition.panel.judges)
    for judge in judges:
        for slug in judge.categories:
            if slug not in slugs:
                problems.add(judge.where.file, judge.where.of("categories"),
                             f"no category `{slug}` in this edition{did_you_mean(slug, slugs)}")
        if judge.photo and judge.photo.file not in media:
            problems.add(judge.where.file, judge.photo.where.of("file"), f"no picture `media/{judge.photo.file}`"
                                                                         f"{did_you_mean(judge.photo.file, media)}")


def _tag_spellings(editions: list[EditionContent], problems: Problems) -> None:
    """Warn where one tag is spelt two ways (`NHS`, `nhs`): filters would show both."""
    first: dict[str, tuple[str, str, int]] = {}  # casefolded tag -> (spelling, file, line) first seen
    for edition in editions:
        for shortlist in sorted(edition.shortlists.values(), key=lambda s: s.slug):
            for entry in shortlist.entries:
                for tag in entry.tags:
                    known = first.get(tag.casefold())
                    if known is None:
                        first[tag.casefold()] = (tag, entry.where.file, entry.where.of("tags"))
                    elif known[0] != tag:
                        spelling, file, seen = known
                        problems.warn(entry.where.file, entry.where.of("tags"), f"the tag `{tag}` is spelt "
                                      f"`{spelling}` in {file}:{seen}; use one spelling, or the filter shows "
                                      "two topics")
