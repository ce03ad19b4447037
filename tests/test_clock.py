"""The build's one "now" (clock.py): UK time, to the minute, pinned by SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime
from pathlib import Path

from awardsite import clock, pipeline
from conftest import ROOT, run_cli
from htmltools import parse

SUMMER_MIDNIGHT = "1751326200"  # 2025-06-30 23:30 UTC, which is 2025-07-01 00:30 in British Summer Time


def test_now_is_pinned_to_the_minute_in_uk_time(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SUMMER_MIDNIGHT) + 59))
    now = clock.now()
    assert now.isoformat() == "2025-07-01T00:30:00+01:00"
    assert now.tzinfo is not None and now.utcoffset() == datetime.timedelta(hours=1)
    assert clock.now("UTC").isoformat() == "2025-06-30T23:30:00+00:00"


def test_without_an_epoch_now_is_the_real_time_zone_aware_moment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
    now = clock.now()
    assert now.utcoffset() in (datetime.timedelta(0), datetime.timedelta(hours=1))
    assert before <= now <= datetime.datetime.now(datetime.timezone.utc)


def test_the_day_turns_at_uk_midnight_in_summer_time(scratch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SUMMER_MIDNIGHT)
    dates = "key_dates:\n  - date: 2025-06-30\n    label: Entries close\n"
    folder = scratch({"site.yaml": "title: T\nbase_url: https://example.org/t/\nintro: I.\n" + dates})
    pipeline.build(folder, folder / "_site")
    item = parse((folder / "_site" / "index.html").read_bytes()).find("ul", class_="key-dates").find("li")
    assert "key-date--past" in item.attrs["class"]  # it is already 1 July in the UK


def test_at_previews_an_announcement_and_says_not_to_publish_it(tmp_path: Path) -> None:
    riverside = ROOT / "examples" / "riverside-awards"
    before = run_cli("build", "--source", str(riverside), "--out", str(tmp_path / "a"), "--at", "2026-11-19 18:29")
    after = run_cli("build", "--source", str(riverside), "--out", str(tmp_path / "b"), "--at", "2026-11-19 18:30")
    assert before.returncode == after.returncode == 0
    assert not (tmp_path / "a" / "2026" / "winners").exists()  # a minute before the ceremony, in UK time
    assert (tmp_path / "b" / "2026" / "winners" / "index.html").is_file()
    assert "do not publish this build" in after.stdout
    wrong = run_cli("build", "--source", str(riverside), "--out", str(tmp_path / "c"), "--at", "2026-02-30 10:00")
    assert wrong.returncode == 1 and wrong.stderr.startswith("error: --at should be a date and time like")
    assert not (tmp_path / "c").exists()
