"""Key dates that run over time: how ranges, times and weeks read in English and Welsh, and in the calendar file."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from awardsite.dates import key_date_iso, key_date_text, long_date, when
from awardsite.ical import calendar
from awardsite.model import KeyDate
from awardsite.urls import Urls

LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2022, 9, 1, 12, 0, tzinfo=datetime.UTC)
URLS = Urls("https://example.org/awards/")


def key(date: str, **fields: str) -> KeyDate:
    return KeyDate(date=date, label=fields.pop("label", "L"), **fields)  # type: ignore[arg-type]


# Each case: (key date, English, Welsh).
TEXTS = [
    (key("2022-09-22"), "Thursday 22 September 2022", "Dydd Iau 22 Medi 2022"),
    (key("2022-09-22", time="11:00"), "Thursday 22 September 2022, 11:00", "Dydd Iau 22 Medi 2022, 11:00"),
    (key("2022-09-22", time="11:00", end_time="12:00"),
     "Thursday 22 September 2022, 11:00\u201312:00", "Dydd Iau 22 Medi 2022, 11:00\u201312:00"),
    (key("2022-09-22", end_time="12:00"), "Thursday 22 September 2022, until 12:00",
     "Dydd Iau 22 Medi 2022, tan 12:00"),
    (key("2022-11-14", end_date="2022-11-25"), "14\u201325 November 2022", "14\u201325 Tachwedd 2022"),
    (key("2022-11-28", end_date="2022-12-02"), "28 November \u2013 2 December 2022",
     "28 Tachwedd \u2013 2 Rhagfyr 2022"),
    (key("2022-12-28", end_date="2023-01-02"), "28 December 2022 \u2013 2 January 2023",
     "28 Rhagfyr 2022 \u2013 2 Ionawr 2023"),
    (key("2022-12-12", week="yes"), "Week commencing 12 December 2022", "Wythnos yn dechrau 12 Rhagfyr 2022"),
    (key("2022-12-12", week="yes", time="10:00"), "Week commencing 12 December 2022",
     "Wythnos yn dechrau 12 Rhagfyr 2022"),  # only the week is known: a time would claim more
    (key("2022-11-14", end_date="2022-11-25", time="09:00", end_time="17:00"),
     "Monday 14 November 2022, 09:00 to Friday 25 November 2022, 17:00",
     "Dydd Llun 14 Tachwedd 2022, 09:00 tan ddydd Gwener 25 Tachwedd 2022, 17:00"),  # `tan` mutates Dydd
    (key("2022-11-14", end_date="2022-11-25", time="09:00"),
     "Monday 14 November 2022, 09:00 to Friday 25 November 2022",
     "Dydd Llun 14 Tachwedd 2022, 09:00 tan ddydd Gwener 25 Tachwedd 2022"),
    (key("2022-11-14", end_date="2022-11-25", end_time="17:00"),
     "Monday 14 November 2022 to Friday 25 November 2022, 17:00",
     "Dydd Llun 14 Tachwedd 2022 tan ddydd Gwener 25 Tachwedd 2022, 17:00"),
    (key("2022-09-22", end_date="2022-09-22", time="11:00", end_time="12:00"),  # ends the day it starts
     "Thursday 22 September 2022, 11:00\u201312:00", "Dydd Iau 22 Medi 2022, 11:00\u201312:00"),
]


@pytest.mark.parametrize(("given", "english", "welsh"), TEXTS)
def test_key_date_text_in_english_and_welsh(given: KeyDate, english: str, welsh: str) -> None:
    assert key_date_text(given) == english
    assert key_date_text(given, "en-GB") == english
    assert key_date_text(given, "cy") == welsh
    assert key_date_text(given, "cy-GB") == welsh


@pytest.mark.parametrize("given", [key("2022-11-25", end_date="2022-11-14"),
                                   key("2022-09-22", time="12:00", end_time="11:00")])
def test_an_end_before_the_start_reads_as_the_start_alone(given: KeyDate) -> None:
    start = key_date_text(key(given.date, **({"time": given.time} if given.time else {})))
    assert key_date_text(given) == start
    assert key_date_iso(given) == (given.date + (f"T{given.time}" if given.time else ""), None)


def test_welsh_names_every_month_and_weekday() -> None:
    months = [long_date(datetime.date(2024, month, 1), "cy").split(" ")[3] for month in range(1, 13)]
    assert months == ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
                      "Hydref", "Tachwedd", "Rhagfyr"]
    monday = datetime.date(2022, 10, 31)
    week = [long_date(monday + datetime.timedelta(days=n), "cy") for n in range(7)]
    assert week == ["Dydd Llun 31 Hydref 2022", "Dydd Mawrth 1 Tachwedd 2022", "Dydd Mercher 2 Tachwedd 2022",
                    "Dydd Iau 3 Tachwedd 2022", "Dydd Gwener 4 Tachwedd 2022", "Dydd Sadwrn 5 Tachwedd 2022",
                    "Dydd Sul 6 Tachwedd 2022"]


def test_english_stays_as_it_was_and_other_languages_read_english() -> None:
    moment = datetime.datetime(2025, 5, 23, 17, 0, tzinfo=LONDON)
    assert long_date("2024-11-20") == long_date("2024-11-20", "fr") == "Wednesday 20 November 2024"
    assert when(moment) == when(moment, language="en-GB") == "Friday 23 May 2025, 17:00 UK time"
    assert when(moment, True) == "Friday 23 May 2025"
    assert when(moment, language="cy") == "Dydd Gwener 23 Mai 2025, 17:00 amser y DU"
    assert when(datetime.datetime(2025, 5, 24, tzinfo=LONDON), True, "cy") == "Dydd Gwener 23 Mai 2025"


ISO = [
    (key("2022-09-22"), ("2022-09-22", None)),
    (key("2022-09-22", time="11:00"), ("2022-09-22T11:00", None)),
    (key("2022-09-22", time="11:00", end_time="12:00"), ("2022-09-22T11:00", "2022-09-22T12:00")),
    (key("2022-11-14", end_date="2022-11-25"), ("2022-11-14", "2022-11-25")),
    (key("2022-11-14", end_date="2022-11-25", time="09:00", end_time="17:00"),
     ("2022-11-14T09:00", "2022-11-25T17:00")),
    (key("2022-12-12", week="yes", time="10:00"), ("2022-12-12", "2022-12-18")),  # the week's last day
]


@pytest.mark.parametrize(("given", "expected"), ISO)
def test_key_date_iso_gives_the_start_and_any_end(given: KeyDate, expected: tuple[str, str | None]) -> None:
    assert key_date_iso(given) == expected


# --- The calendar file ------------------------------------------------------------------------------


def events(*dates: KeyDate, language: str = "en") -> dict[str, icalendar.Event]:
    """The calendar's events by summary, parsed by icalendar."""
    data = calendar("Awards", list(dates), "Europe/London", URLS, NOW, language=language)
    parsed = icalendar.Calendar.from_ical(data)
    return {str(event["SUMMARY"]): event for event in parsed.walk("VEVENT")}


def span(event: icalendar.Event) -> tuple[object, object]:
    return event["DTSTART"].dt, event["DTEND"].dt if "DTEND" in event else None


def test_a_range_of_days_is_all_day_up_to_the_day_after_its_last() -> None:
    event = events(key("2022-11-14", end_date="2022-11-25", label="Judging"))["Judging"]
    assert span(event) == (datetime.date(2022, 11, 14), datetime.date(2022, 11, 26))
    assert not isinstance(event["DTSTART"].dt, datetime.datetime)  # VALUE=DATE, not a midnight
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_a_week_is_seven_whole_days_and_says_so() -> None:
    english = events(key("2022-12-12", week="yes", time="10:00", label="Interviews (Collaborative call)"))
    event = english["Interviews (Collaborative call) (week commencing 12 December 2022)"]
    assert span(event) == (datetime.date(2022, 12, 12), datetime.date(2022, 12, 19))
    welsh = events(key("2022-12-12", week="yes", label="Cyfweliadau"), language="cy")
    assert list(welsh) == ["Cyfweliadau (wythnos yn dechrau 12 Rhagfyr 2022)"]


def test_times_end_on_the_same_day_or_on_the_last_day_in_the_zone() -> None:
    found = events(key("2022-09-22", time="11:00", end_time="12:30", label="Briefing"),
                   key("2023-03-24", end_date="2023-03-27", time="09:00", end_time="17:00", label="Festival"))
    briefing, festival = span(found["Briefing"]), span(found["Festival"])
    assert briefing == (datetime.datetime(2022, 9, 22, 11, 0, tzinfo=LONDON),
                        datetime.datetime(2022, 9, 22, 12, 30, tzinfo=LONDON))
    assert festival == (datetime.datetime(2023, 3, 24, 9, 0, tzinfo=LONDON),
                        datetime.datetime(2023, 3, 27, 17, 0, tzinfo=LONDON))
    assert festival[1].utcoffset() == datetime.timedelta(hours=1)  # type: ignore[union-attr]  # BST by then
    assert all(str(found[name]["DTEND"].dt.tzinfo) == "Europe/London" for name in found)


def test_a_vtimezone_covers_the_year_a_timed_range_ends_in() -> None:
    data = calendar("A", [key("2022-12-30", end_date="2023-07-02", time="09:00", end_time="17:00")],
                    "Europe/London", URLS, NOW)
    assert b"DTSTART:20220101T000000" in data and b"DTSTART:20230326T010000" in data  # BST in 2023 begins


def test_a_time_without_an_end_is_as_before_and_a_timed_range_without_one_ends_with_its_last_day() -> None:
    found = events(key("2022-09-22", time="11:00", label="Start"),
                   key("2022-09-22", end_date="2022-09-23", time="18:00", label="Overnight"))
    assert span(found["Start"]) == (datetime.datetime(2022, 9, 22, 11, 0, tzinfo=LONDON), None)
    assert span(found["Overnight"])[1] == datetime.datetime(2022, 9, 24, 0, 0, tzinfo=LONDON)


@pytest.mark.parametrize("given", [key("2022-09-22", time="12:00", end_time="11:00", label="X"),
                                   key("2022-09-22", time="12:00", end_time="12:00", label="X"),
                                   key("2022-09-25", end_date="2022-09-22", label="X"),
                                   key("2022-09-25", end_date="2022-09-22", time="12:00", end_time="13:00",
                                       label="X")])
def test_an_end_not_after_the_start_is_left_out_not_written_backwards(given: KeyDate) -> None:
    start, end = span(events(given)["X"])
    assert end is None or end > start  # type: ignore[operator]
    if given.time:
        assert end is None or end == datetime.datetime(2022, 9, 25, 13, 0, tzinfo=LONDON)
    else:
        assert end == datetime.date(2022, 9, 26)  # one day


def test_uids_stay_those_of_the_first_day_and_label_and_differ_between_events() -> None:
    dates = [key("2022-11-14", label="Judging"), key("2022-11-14", end_date="2022-11-25", label="Judging"),
             key("2022-12-12", week="yes", label="Interviews")]
    data = calendar("A", dates, "Europe/London", URLS, NOW)
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    assert uids == ["2022-11-14-judging@example.org/awards", "2-2022-11-14-judging@example.org/awards",
                    "2022-12-12-interviews@example.org/awards"]
    assert calendar("A", dates[::-1], "Europe/London", URLS, NOW) == data  # the same file whatever the order
