"""The build's one "now": aware of its time zone, to the minute, pinned by SOURCE_DATE_EPOCH.

Every rule that depends on the date or time is decided in this module, so one build sees
one moment: which key dates are past, whether entries are open, whether the shortlist
and the results may be published (the embargo). UK programmes live in UK time, so that
is the default zone; site.yaml's `timezone` can name another.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .dates import key_date_iso
from .memo import PerObject
from .model import Category, Content, Edition, Shortlist
from .walk import gather

UK = "Europe/London"
LATEST = datetime.datetime(2200, 1, 1, tzinfo=datetime.timezone.utc)  # dates in content stop before 2200


def now(zone: str = UK) -> datetime.datetime:
    """Now in `zone`, to the minute; SOURCE_DATE_EPOCH (seconds since 1970) pins it."""
    return _instant().astimezone(ZoneInfo(zone)).replace(second=0, microsecond=0)


def today(zone: str = UK) -> datetime.date:
    """Today's date in `zone` (a UK programme's day turns at UK midnight, in summer time too)."""
    return now(zone).date()


def _instant() -> datetime.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.datetime.now(datetime.timezone.utc)
    latest = int(LATEST.timestamp()) - 1
    if not re.fullmatch(r"[0-9]{1,12}", epoch) or int(epoch) > latest:
        raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, up to {latest} "
                         f"(the end of {LATEST.year - 1}), not `{epoch[:40]}`")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)


# The programme's phases. Every rule that depends on "now" is here, so a build decides them once.

ALL_DAY_CLOSE = {"entries_close"}  # a deadline given as a date alone is the end of that day; other dates, its start


def moment(text: str, zone: str, key: str) -> datetime.datetime:
    """A milestone (`2025-05-23 17:00`, or `2025-05-23`) as a time in `zone`.

    A date alone means the start of that day, except for a deadline, which is the end of it
    (midnight, as the next day begins): "entries close on 23 May" includes 23 May.
    """
    day = datetime.date.fromisoformat(text[:10])
    if len(text) > 10:
        hours, minutes = int(text[11:13]), int(text[14:16])
        return datetime.datetime(day.year, day.month, day.day, hours, minutes, tzinfo=ZoneInfo(zone))
    if key in ALL_DAY_CLOSE:
        day += datetime.timedelta(days=1)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(zone))


@dataclass(frozen=True)
class Window:
    """When entries to a category (or an edition) are open, and whether they are now."""

    state: str  # "before", "open", "closed", or "" when no dates are given
    opens: datetime.datetime | None  # when entries open
    closes: datetime.datetime | None  # the deadline: entries are closed from this minute on
    all_day: bool  # the deadline was given as a date alone: the end of that day


@dataclass(frozen=True)
class Phase:
    """Where an edition is in its year, as of the build."""

    now: datetime.datetime  # the build's moment, in the programme's time zone
    entries: Window  # the edition's own entry window
    shortlist_at: datetime.datetime | None  # when the shortlist is announced
    winners_at: datetime.datetime | None  # when the results are announced
    shortlist_published: bool  # its shortlists may appear in output files
    results_published: bool  # results other than the last, and citations, may appear


def window(opens: str | None, closes: str | None, zone: str, now: datetime.datetime) -> Window:
    """The entry window from `entries_open` and `entries_close` (either may be missing)."""
    start = moment(opens, zone, "entries_open") if opens else None
    end = moment(closes, zone, "entries_close") if closes else None
    if end and now >= end:
        state = "closed"
    elif start and now < start:
        state = "before"
    else:
        state = "open" if start or end else ""
    return Window(state, start, end, bool(closes and len(closes) == 10))


def phase(info: Edition, zone: str, now: datetime.datetime) -> Phase:
    """The edition's phase at `now`. Without announcement dates, everything is published."""
    shortlist_at = moment(info.shortlist_announced, zone, "") if info.shortlist_announced else None
    winners_at = moment(info.winners_announced, zone, "") if info.winners_announced else None
    shortlist = shortlist_at is None or now >= shortlist_at
    results = shortlist and (winners_at is None or now >= winners_at)
    return Phase(now, window(info.entries_open, info.entries_close, zone, now), shortlist_at, winners_at,
                 shortlist, results)


def category_window(category: Category, info: Edition, zone: str, now: datetime.datetime) -> Window:
    """A category's entry window: its own dates where it gives them, else the edition's."""
    return window(category.entries_open or info.entries_open, category.entries_close or info.entries_close, zone, now)


def published(content: Content, now: datetime.datetime) -> Content:
    """`content` as it may be published at `now`: without drafts, embargoed shortlists, results, citations, news.

    Done once, before rendering, so nothing embargoed reaches any output file. Entries are
    ranked by result only once results are published: before, their order gives nothing away.
    A news post is published from the start of its `date` in the programme's time zone.
    """
    names = content.site.result_names()
    default, rank = names[-1].slug, {r.slug: number for number, r in enumerate(names)}
    editions = []
    for edition in content.editions:
        shown = phase(edition.info, content.site.timezone, now)
        categories = tuple(category for category in edition.categories if category.draft != "yes")
        ready = {category.slug for category in categories}
        shortlists = {slug: _SHOWN(s, lambda s: _ranked(s, rank), tuple(rank.items())) if shown.results_published else
                      _SHOWN(s, lambda s: _unannounced(s, default), default)
                      for slug, s in edition.shortlists.items() if slug in ready} if shown.shortlist_published else {}
        editions.append(dataclasses.replace(edition, categories=categories, shortlists=shortlists))
    news = tuple(post for post in content.news if moment(post.date, content.site.timezone, "") <= now)
    pages = tuple(page for page in content.pages if page.draft != "yes")
    return dataclasses.replace(content, editions=tuple(editions), news=news, pages=pages)


# An unchanged file's shortlist is the same object on each of `serve`'s reloads (reading.READ), and so is
# what is published of it: the pages' keys and the checks of it are then worked out once (memo.py).
_SHOWN: PerObject[Shortlist] = PerObject()


def _ranked(shortlist: Shortlist, rank: dict[str, int]) -> Shortlist:
    """Winners first, then highly commended, then the rest; in file order within each result."""
    entries = sorted(shortlist.entries, key=lambda e: rank[e.result or ""])  # stable: file order kept within a rank
    return dataclasses.replace(shortlist, entries=tuple(entries))


def _unannounced(shortlist: Shortlist, default: str) -> Shortlist:
    entries = tuple(dataclasses.replace(e, result=default, citation=None) for e in shortlist.entries)
    return dataclasses.replace(shortlist, entries=entries)


# When a build's files may change with time alone, for the build cache: the pages depend on "now"
# only through the day (dates in words, days left) and which of the content's moments have passed.

def turns(content: Content) -> list[datetime.datetime]:
    """Every moment written in `content` (milestones, deadlines, key dates' times), sorted, once each."""
    parts = (content.site, *content.editions, *content.pages, *content.news)
    written = [text for text in gather(parts, "moment") if len(text) > 10]  # a date alone turns at midnight
    written += [stamp for key in gather(parts, "KeyDate") for stamp in key_date_iso(key) if stamp and "T" in stamp]
    return sorted({moment(text.replace("T", " "), content.site.timezone, "") for text in written})


def period(content: Content, now: datetime.datetime) -> tuple[str, datetime.datetime, datetime.datetime]:
    """What of `now` the pages can show (its day, the moments passed), and the span of time that holds for."""
    moments = turns(content)
    passed = [m for m in moments if m <= now]
    midnight = datetime.datetime.combine(now.date(), datetime.time(), tzinfo=now.tzinfo)
    since = max(passed[-1:] + [midnight])
    until = min([m for m in moments if m > now] + [midnight + datetime.timedelta(days=1)])
    return f"{now.date().isoformat()}; {' '.join(m.isoformat() for m in passed)}", since, until
