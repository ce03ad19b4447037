"""`key-dates.ics`: the programme's key dates as an iCalendar file (RFC 5545).

Dates without a time are all-day events; times are UK times (Europe/London, with
its own VTIMEZONE so any calendar reads them right). UIDs come from the date and
label, so re-publishing updates events in subscribers' calendars instead of adding
copies. DTSTAMP is the build date, which SOURCE_DATE_EPOCH pins.
"""

from __future__ import annotations

import datetime
import re

from .model import KeyDate
from .urls import Urls, slugify

LONDON = """BEGIN:VTIMEZONE
TZID:Europe/London
BEGIN:DAYLIGHT
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
TZNAME:BST
DTSTART:19810329T010000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
TZNAME:GMT
DTSTART:19961027T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE""".splitlines()
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # CRLF, or a lone CR or LF
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # RFC 5545 CONTROL: every ASCII control but tab


def calendar(title: str, dates: list[KeyDate], zone: str, urls: Urls, now: datetime.datetime) -> bytes:
    """The calendar file for an edition's milestones and key dates."""
    today = now.date()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//awardsite//key dates//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(title)}"]
    if any(key.time for key in dates):
        lines += LONDON
    used: set[str] = set()
    for key in sorted_dates(tuple(dates)):
        lines += _event(key, _uid(key, urls, used), urls, today)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def sorted_dates(dates: tuple[KeyDate, ...]) -> list[KeyDate]:
    """Key dates by day, all-day ones first, then by time, label and address: one order, however written."""
    return sorted(dates, key=lambda key: (key.date, key.time or "", key.label.casefold(), key.label, key.url or ""))


def _event(key: KeyDate, uid: str, urls: Urls, today: datetime.date) -> list[str]:
    day = key.date.replace("-", "")
    if key.time:
        start = [f"DTSTART;TZID=Europe/London:{day}T{key.time.replace(':', '')}00"]
    else:
        end = (datetime.date.fromisoformat(key.date) + datetime.timedelta(days=1)).strftime("%Y%m%d")
        start = [f"DTSTART;VALUE=DATE:{day}", f"DTEND;VALUE=DATE:{end}", "TRANSP:TRANSPARENT"]
    return ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{today.strftime('%Y%m%d')}T000000Z", *start,
            f"SUMMARY:{escape(key.label)}", f"URL:{key.url or urls.absolute()}", "END:VEVENT"]


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
