"""How dates and times read on pages: spelt out here, whatever the machine's locale.

Every function that writes words takes the page's `language`, a BCP 47 tag of which only
the primary subtag counts: `cy` and `cy-GB` read in Welsh, anything else in English.
Times are 24-hour `12:00` in both.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from .model import KeyDate


class Words(NamedTuple):
    """One language's names and joining words for dates."""

    days: tuple[str, ...]  # Monday first, as `date.weekday()` counts
    months: tuple[str, ...]
    uk_time: str  # what Europe/London's times are called
    week: str  # before the first day of a week: "Week commencing"
    until: str  # between a start and an end written in full
    by: str  # before an end time given without a start time
    mutated_day: str  # a weekday's first word after `until`: Welsh `tan` soft-mutates `Dydd` to `ddydd`


ENGLISH = Words(
    days=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    months=("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"),
    uk_time="UK time", week="Week commencing", until="to", by="until", mutated_day="")
WELSH = Words(
    days=("Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener", "Dydd Sadwrn", "Dydd Sul"),
    months=("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
            "Tachwedd", "Rhagfyr"),
    uk_time="amser y DU", week="Wythnos yn dechrau", until="tan", by="tan", mutated_day="ddydd")
DASH = "\u2013"  # en dash: unspaced between days of one month and between times, spaced otherwise


def words(language: str = "en") -> Words:
    """The words for `language`: Welsh for `cy` and `cy-*`, English for anything else."""
    return WELSH if language.split("-")[0].lower() == "cy" else ENGLISH


def _day(value: str | datetime.date) -> datetime.date:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def short_date(value: str | datetime.date, language: str = "en") -> str:
    """`2024-11-20` -> `20 November 2024` (`20 Tachwedd 2024`): no weekday."""
    day = _day(value)
    return f"{day.day} {words(language).months[day.month - 1]} {day.year}"


def long_date(value: str | datetime.date, language: str = "en") -> str:
    """`2024-11-20` -> `Wednesday 20 November 2024` (`Dydd Mercher 20 Tachwedd 2024`), as UK readers write it."""
    day = _day(value)
    return f"{words(language).days[day.weekday()]} {short_date(day, language)}"


def zone_name(moment: datetime.datetime, language: str = "en") -> str:
    """`UK time` (`amser y DU`) for Europe/London; otherwise the zone's abbreviation (`CET`) or its name."""
    key = str(getattr(moment.tzinfo, "key", ""))
    if key == "Europe/London":
        return words(language).uk_time
    abbreviation = moment.tzname() or ""
    return abbreviation if abbreviation.isalpha() else key.replace("_", " ")


def when(moment: datetime.datetime, all_day: bool = False, language: str = "en") -> str:
    """`Friday 23 May 2025, 17:00 UK time`; a deadline given as a date alone reads `Friday 23 May 2025`."""
    if all_day:
        # the day that ends at this midnight
        return long_date((moment - datetime.timedelta(minutes=1)).date(), language)
    return f"{long_date(moment.date(), language)}, {moment:%H:%M} {zone_name(moment, language)}"


def iso(moment: datetime.datetime) -> str:
    """`2025-05-23T17:00+01:00`: for `<time datetime>` and the countdown script."""
    return moment.isoformat(timespec="minutes")


def last_day(key: KeyDate) -> str | None:
    """The key date's last day when it runs past its first (a week's is six days on); None otherwise."""
    if key.week == "yes":
        return (_day(key.date) + datetime.timedelta(days=6)).isoformat()
    # An end before the start is the validator's to refuse; until then it reads as one day.
    return key.end_date if key.end_date and key.end_date > key.date else None


def day_range(first: str, last: str, language: str = "en") -> str:
    """`14–25 November 2022`, `28 November – 2 December 2022`, `28 December 2022 – 2 January 2023`."""
    start, end = _day(first), _day(last)
    if start.year != end.year:
        return f"{short_date(start, language)} {DASH} {short_date(end, language)}"
    if start.month != end.month:
        month = words(language).months[start.month - 1]
        return f"{start.day} {month} {DASH} {short_date(end, language)}"
    return f"{start.day}{DASH}{short_date(end, language)}"


def key_date_text(key: KeyDate, language: str = "en") -> str:
    """A timetable entry's when: `Thursday 22 September 2022, 11:00–12:00`, `14–25 November 2022`, a week…"""
    if key.week == "yes":
        return f"{words(language).week} {short_date(key.date, language)}"  # only the week is known: no times
    end = last_day(key)
    if end is None:
        return _one_day(key, language)
    if not key.time and not key.end_time:
        return day_range(key.date, end, language)
    return f"{_at(key.date, key.time, language)} {_until(_at(end, key.end_time, language), language)}"


def _one_day(key: KeyDate, language: str) -> str:
    """`Thursday 22 September 2022`, with `, 11:00`, `, 11:00–12:00` or `, until 12:00` after it."""
    text = long_date(key.date, language)
    if key.time and key.end_time and key.end_time > key.time:
        return f"{text}, {key.time}{DASH}{key.end_time}"
    if key.time:
        return f"{text}, {key.time}"
    return f"{text}, {words(language).by} {key.end_time}" if key.end_time else text


def _at(day: str, time: str | None, language: str) -> str:
    """`Monday 14 November 2022, 09:00`, or the day alone without a time."""
    return f"{long_date(day, language)}, {time}" if time else long_date(day, language)


def _until(end: str, language: str) -> str:
    """`to Friday…`; in Welsh `tan ddydd Gwener…`, the weekday mutated as the preposition requires."""
    said = words(language)
    if said.mutated_day:
        end = said.mutated_day + end[len("Dydd"):]
    return f"{said.until} {end}"


def key_date_iso(key: KeyDate) -> tuple[str, str | None]:
    """`<time datetime>` values of a key date's start and its end, if any: `2022-09-22T11:00`, `2022-09-25`."""
    if key.week == "yes":
        return key.date, last_day(key)  # only the week is known: whole days
    start, end_day = _stamp(key.date, key.time), last_day(key)
    if end_day:
        return start, _stamp(end_day, key.end_time)
    if key.end_time and (not key.time or key.end_time > key.time):
        return start, _stamp(key.date, key.end_time)
    return start, None


def _stamp(day: str, time: str | None) -> str:
    """A valid HTML date (`2022-09-22`) or local date and time (`2022-09-22T11:00`) string."""
    return f"{day}T{time}" if time else day
