"""How dates and times read on pages: spelt out here, whatever the machine's locale."""

from __future__ import annotations

import datetime

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def long_date(value: str | datetime.date) -> str:
    """`2024-11-20` -> `Wednesday 20 November 2024`, as UK readers write it."""
    day = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def zone_name(moment: datetime.datetime) -> str:
    """`UK time` for Europe/London; otherwise the zone's abbreviation (`CET`) or its name."""
    key = str(getattr(moment.tzinfo, "key", ""))
    if key == "Europe/London":
        return "UK time"
    abbreviation = moment.tzname() or ""
    return abbreviation if abbreviation.isalpha() else key.replace("_", " ")


def when(moment: datetime.datetime, all_day: bool = False) -> str:
    """`Friday 23 May 2025, 17:00 UK time`; a deadline given as a date alone reads `Friday 23 May 2025`."""
    if all_day:
        return long_date((moment - datetime.timedelta(minutes=1)).date())  # the day that ends at this midnight
    return f"{long_date(moment.date())}, {moment:%H:%M} {zone_name(moment)}"


def iso(moment: datetime.datetime) -> str:
    """`2025-05-23T17:00+01:00`: for `<time datetime>` and the countdown script."""
    return moment.isoformat(timespec="minutes")
