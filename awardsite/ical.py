"""`key-dates.ics`: the programme's key dates as an iCalendar file (RFC 5545).

Dates without a time are all-day events, running to the day after `end_date` (DTEND is
exclusive), or for seven days from a week's first day; times are in the programme's time
zone (site.yaml's `timezone`), ending at `end_time` on the last day, with a VTIMEZONE made
from the zoneinfo database for the years the events span, so any calendar reads them right.
An end that is not after the start is left out rather than written backwards. UIDs come
from the first date and label, so re-publishing updates events in subscribers' calendars
instead of adding copies. DTSTAMP is the build date, which SOURCE_DATE_EPOCH pins.
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple
from zoneinfo import ZoneInfo

from .dates import last_day, short_date, words
from .model import KeyDate
from .urls import Urls, slugify

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # CRLF, or a lone CR or LF
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # RFC 5545 CONTROL: every ASCII control but tab
_DAY = datetime.timedelta(days=1)
_UTC = datetime.timezone.utc


class Observance(NamedTuple):
    """One stretch of a time zone's rules: from its onset (a UTC instant) to the next one."""

    onset: datetime.datetime  # in UTC
    offset_from: datetime.timedelta  # the UTC offset before the onset
    offset_to: datetime.timedelta  # the UTC offset from the onset on
    name: str  # `BST`, `EST`, `IST`
    daylight: bool  # summer time (a DST offset) rather than standard time


def calendar(title: str, dates: list[KeyDate], zone: str, urls: Urls, now: datetime.datetime, *,
             language: str = "en") -> bytes:
    """The calendar file for an edition's milestones and key dates, times in `zone`, words in `language`."""
    today = now.date()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//awardsite//key dates//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(title)}"]
    timed = sorted(year for key in dates if _is_timed(key) for year in _years(key))
    if timed:
        lines += vtimezone(zone, timed[0], timed[-1])
    used: set[str] = set()
    for key in sorted_dates(tuple(dates)):
        lines += _event(key, zone, _uid(key, urls, used), urls, today, language)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def vtimezone(zone: str, first_year: int, last_year: int) -> list[str]:
    """A VTIMEZONE for `zone` from the start of `first_year` to the end of `last_year`.

    Each change of offset in those years is listed as its own observance, after the one in
    force as the span begins, so no RRULE is needed and any IANA zone can be described.
    """
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone}"]
    for rule in observances(zone, first_year, last_year):
        kind = "DAYLIGHT" if rule.daylight else "STANDARD"
        onset = rule.onset + rule.offset_from  # RFC 5545: the onset in the local time before it
        lines += [f"BEGIN:{kind}", f"DTSTART:{onset.strftime('%Y%m%dT%H%M%S')}",
                  f"TZOFFSETFROM:{_offset(rule.offset_from)}", f"TZOFFSETTO:{_offset(rule.offset_to)}",
                  f"TZNAME:{escape(rule.name)}", f"END:{kind}"]
    return lines + ["END:VTIMEZONE"]


def observances(zone: str, first_year: int, last_year: int) -> list[Observance]:
    """The observance in force on 1 January of `first_year`, then every change until `last_year` ends."""
    tz = ZoneInfo(zone)
    start = datetime.datetime(first_year, 1, 1, tzinfo=tz).astimezone(_UTC)
    end = datetime.datetime(last_year + 1, 1, 1, tzinfo=tz).astimezone(_UTC)
    state = _state(start, tz)
    found = [Observance(start, state[0], state[0], state[2], state[1])]  # from = to: its real onset may be decades back
    day = start
    while day < end:
        following = _state(day + _DAY, tz)
        if following != state:  # a change within this day: find its second
            onset = _change(day, day + _DAY, tz)
            found.append(Observance(onset, state[0], following[0], following[2], following[1]))
            state = following
        day += _DAY
    return [rule for rule in found if rule.onset < end]


def _state(instant: datetime.datetime, tz: ZoneInfo) -> tuple[datetime.timedelta, bool, str]:
    """(UTC offset, summer time, abbreviation) of `tz` at a UTC instant."""
    local = instant.astimezone(tz)
    return local.utcoffset() or datetime.timedelta(0), bool(local.dst()), local.tzname() or ""


def _change(before: datetime.datetime, after: datetime.datetime, tz: ZoneInfo) -> datetime.datetime:
    """The first second in (before, after] with `after`'s rules, by halving the interval."""
    old = _state(before, tz)
    while after - before > datetime.timedelta(seconds=1):
        middle = before + (after - before) // 2
        middle -= datetime.timedelta(microseconds=middle.microsecond)
        before, after = (middle, after) if _state(middle, tz) == old else (before, middle)
    return after


def _offset(offset: datetime.timedelta) -> str:
    """`+0100`, `-0500`, `+0530`; seconds only where a historical offset has them (`+001932`)."""
    seconds = int(offset.total_seconds())
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    text = f"{sign}{seconds // 3600:02d}{seconds // 60 % 60:02d}"
    return text + (f"{seconds % 60:02d}" if seconds % 60 else "")


def sorted_dates(dates: tuple[KeyDate, ...]) -> list[KeyDate]:
    """Key dates by day, all-day ones first, then by time, label and address: one order, however written."""
    return sorted(dates, key=lambda key: (key.date, key.time or "", key.label.casefold(), key.label, key.url or "",
                                          key.end_date or "", key.end_time or "", key.week or ""))


def _event(key: KeyDate, zone: str, uid: str, urls: Urls, today: datetime.date, language: str) -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{today.strftime('%Y%m%d')}T000000Z", *_span(key, zone),
            f"SUMMARY:{escape(_summary(key, language))}", f"URL:{key.url or urls.absolute()}", "END:VEVENT"]


def _is_timed(key: KeyDate) -> bool:
    """A key date with local times: one with a start time that is not just a week."""
    return bool(key.time) and key.week != "yes"


def _years(key: KeyDate) -> list[int]:
    """The years a timed event's start and end fall in, which its VTIMEZONE must cover."""
    return [int(key.date[:4]), int((last_day(key) or key.date)[:4])]


def _span(key: KeyDate, zone: str) -> list[str]:
    """DTSTART and DTEND: local times in `zone`, or whole days up to the day after the last (DTEND is exclusive)."""
    if _is_timed(key):
        return _timed_span(key, zone)
    after = datetime.date.fromisoformat(last_day(key) or key.date) + _DAY
    return [f"DTSTART;VALUE=DATE:{_compact(key.date)}", f"DTEND;VALUE=DATE:{_compact(after.isoformat())}",
            "TRANSP:TRANSPARENT"]


def _timed_span(key: KeyDate, zone: str) -> list[str]:
    """DTSTART at `time`, and DTEND when the key date gives an end that comes after it."""
    start = _compact(key.date, key.time)
    end = _timed_end(key)
    # An end at or before the start is a mistake the validator reports; left out, the calendar stays valid.
    return [f"DTSTART;TZID={zone}:{start}"] + ([f"DTEND;TZID={zone}:{end}"] if end and end > start else [])


def _timed_end(key: KeyDate) -> str | None:
    """The local end: `end_time` on the last day; the last day's end for a range without one; else None."""
    last = last_day(key)
    if key.end_time:
        return _compact(last or key.date, key.end_time)
    if last:
        return _compact((datetime.date.fromisoformat(last) + _DAY).isoformat(), "00:00")
    return None


def _compact(day: str, time: str | None = None) -> str:
    """`2022-09-22` -> `20220922`; with `11:00`, the local DATE-TIME `20220922T110000`."""
    return day.replace("-", "") + (f"T{time.replace(':', '')}00" if time else "")


def _summary(key: KeyDate, language: str) -> str:
    """The label; for a week, with `(week commencing 12 December 2022)` after it, since only the week is known."""
    if key.week != "yes":
        return key.label
    week = f"{words(language).week} {short_date(key.date, language)}"
    return f"{key.label} ({week[0].lower()}{week[1:]})"


def _uid(key: KeyDate, urls: Urls, used: set[str]) -> str:
    host = (urls.origin.split("://", 1)[1] + urls.prefix).rstrip("/")
    base = f"{key.date}-{slugify(key.label) or 'event'}@{host}"
    uid, number = base, 2
    while uid in used:  # the same label twice on one day: rare, and still stable in file order
        uid, number = f"{number}-{base}", number + 1
    used.add(uid)
    return uid


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, `;` and `,` escaped, every line break as `\\n`."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    # A raw CR or LF would end the content line early; other controls are not allowed in TEXT at all.
    return _CONTROL.sub("", _LINE_BREAK.sub(r"\\n", text))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    parts: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not parts else 74  # continuation lines start with a space
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return "\r\n ".join(parts)
