"""Selection in stages, pictures and timetables: what `check` accepts, and what it refuses at which line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from awardsite import pipeline
from awardsite.lists import partners_of
from awardsite.model import Category, Partner
from conftest import png, run_cli, write_site
from htmltools import parse

STAGED = """\
title: A call
intro: What the call is for.
eligibility: Integrated care systems.
stages:
  - title: Stage 1
    criteria:
      - {code: B1, heading: Commitment, weight: "30%"}
      - {code: B2, heading: Motivation, weight: 25 %}
      - {code: B3, heading: Priorities, weight: 30}
      - {code: B4, heading: Added value, weight: "15 %"}
  - title: Stage 2
    description: A conversation about *these* topics.
    criteria:
      - heading: Current priorities
      - heading: Partnerships
"""


def problems(folder: Path) -> list[str]:
    """The problem lines `check` prints for a content folder (empty when it passes)."""
    result = run_cli("check", cwd=folder)
    return [line for line in result.stderr.splitlines()
            if ": " in line and ": warning: " not in line and not line.endswith("nothing was written")]


def test_weights_on_one_stage_only_with_percent_signs_pass_and_show_as_percentages(tmp_path: Path) -> None:
    folder = write_site(tmp_path / "content", {"categories/first.yaml": STAGED})
    assert problems(folder) == []
    pipeline.build(folder, tmp_path / "out")
    html = parse((tmp_path / "out/categories/first/index.html").read_text())
    stages = [h.text() for h in html.find_all("h3")]
    assert stages[:2] == ["Stage 1", "Stage 2"]
    headings = [" ".join(h.text().split()) for h in html.find_all("h4")]
    assert [h.split(":")[0] for h in headings[:4]] == ["B1", "B2", "B3", "B4"]
    assert [h for h in headings if "%" in h] == headings[:4]  # stage 2 has no weights
    assert [re.search(r"[0-9]+%", h).group() for h in headings[:4]] == ["30%", "25%", "30%", "15%"]  # type: ignore[union-attr]


def test_a_stage_whose_weights_miss_100_is_refused_at_its_criteria(tmp_path: Path) -> None:
    text = STAGED.replace('weight: "15 %"', "weight: 10")
    folder = write_site(tmp_path / "content", {"categories/first.yaml": text})
    assert problems(folder) == ["categories/first.yaml:6: stage 1 (Stage 1): criteria weights add up to 95, not 100"]


def test_a_stage_with_some_weights_is_refused_but_another_stage_may_have_none(tmp_path: Path) -> None:
    text = STAGED.replace("      - heading: Partnerships", "      - {heading: Partnerships, weight: 100}")
    folder = write_site(tmp_path / "content", {"categories/first.yaml": text})
    assert problems(folder) == ["categories/first.yaml:13: stage 2 (Stage 2): give a `weight` for every criterion "
                                "of the stage or for none"]


def test_criteria_and_stages_together_or_neither_are_refused(tmp_path: Path) -> None:
    both = STAGED + "criteria:\n  - heading: Ambition\n"
    folder = write_site(tmp_path / "both", {"categories/first.yaml": both})
    assert problems(folder) == ["categories/first.yaml:4: give `criteria` or `stages`, not both: put every criterion "
                                "in a stage"]
    neither = "title: A\nintro: I.\neligibility: E.\n"
    folder = write_site(tmp_path / "neither", {"categories/first.yaml": neither})
    assert problems(folder) == ["categories/first.yaml:1: missing required key `criteria` (or `stages`, for "
                                "selection in stages)"]


ORGANISERS = """\
title: T
base_url: https://example.org/t/
intro: I.
organisers:
  - name: First Organiser
    logo: {file: logos/first.png, alt: The letter F in a circle}
  - name: Second Organiser
    logo:
      file: logos/second.png
"""


def test_a_picture_without_alt_text_is_refused_at_its_line(tmp_path: Path) -> None:
    folder = write_site(tmp_path / "content", {"site.yaml": ORGANISERS, "media/logos/first.png": png(),
                                               "media/logos/second.png": png()})
    assert problems(folder) == ["site.yaml:9: a picture needs `alt` text saying what it shows (for a logo, the "
                                "organisation's name), or `decorative: yes` if it adds nothing for someone who "
                                "cannot see it"]


def test_a_decorative_picture_says_so_and_gets_empty_alt_and_its_size(tmp_path: Path) -> None:
    site = ORGANISERS + "      decorative: yes\n"
    folder = write_site(tmp_path / "content", {"site.yaml": site, "media/logos/first.png": png(120, 40),
                                               "media/logos/second.png": png(60, 30)})
    assert problems(folder) == []
    pipeline.build(folder, tmp_path / "out")
    html = parse((tmp_path / "out/index.html").read_text())
    images = {img.attrs["src"].rsplit("/", 1)[-1]: img.attrs for img in html.find_all("img")}
    assert images["first.png"]["alt"] == "The letter F in a circle"
    assert (images["first.png"]["width"], images["first.png"]["height"]) == ("120", "40")
    assert images["second.png"]["alt"] == "" and images["second.png"]["width"] == "60"


def test_a_missing_picture_and_a_fake_one_are_refused(tmp_path: Path) -> None:
    folder = write_site(tmp_path / "content", {"site.yaml": ORGANISERS.replace("file: logos/second.png",
                                                                               "file: logos/second.png\n      alt: S"),
                                               "media/logos/first.png": b"not a picture"})
    assert problems(folder) == [
        "media/logos/first.png:1: cannot read this picture's width and height: is it a real PNG, JPEG, GIF, WebP "
        "or AVIF file (and not renamed from another kind)?",
    ]
    (folder / "media/logos/first.png").write_bytes(png())
    assert problems(folder) == ["site.yaml:9: no picture `media/logos/second.png`; did you mean `logos/first.png`?"]


def test_remote_and_missing_pictures_in_markdown_are_refused_with_the_reason(tmp_path: Path) -> None:
    category = ("title: A\nintro: |\n  Our chart:\n\n  ![Chart](https://cdn.example.org/chart.png)\neligibility: |\n"
                "  ![Map of the region](media/map.png)\ncriteria:\n  - heading: H\n")
    folder = write_site(tmp_path / "content", {"categories/first.yaml": category})
    found = problems(folder)
    assert found[0].startswith("categories/first.yaml:2: `intro` `https://cdn.example.org/chart.png` is not shown")
    assert "Content-Security-Policy" in found[0] and "media/" in found[0]
    category = category.replace("https://cdn.example.org/chart.png", "media/chart.png")
    folder = write_site(tmp_path / "content", {"categories/first.yaml": category, "media/chart.png": png()})
    assert problems(folder) == ["categories/first.yaml:6: `eligibility` shows the picture `media/map.png`, which is "
                                "not there; did you mean `chart.png`?"]


def test_a_page_picture_is_checked_at_its_own_line(tmp_path: Path) -> None:
    page = "---\ntitle: About\n---\nIntro.\n\n![](media/x.png)\n\n![Missing](media/gone.png)\n"
    folder = write_site(tmp_path / "content", {"pages/about.md": page, "media/x.png": png()})
    found = problems(folder)
    assert [line.split(": ", 1)[0] for line in found] == ["pages/about.md:6", "pages/about.md:8"]
    assert "alt text" in found[0] and "media/gone.png" in found[1]


@pytest.mark.parametrize("key_date,expected", [
    ("{date: 2026-03-10, end_date: 2026-03-09, label: L}", "`end_date` 2026-03-09 is before `date` 2026-03-10"),
    ("{date: 2026-03-10, end_time: '12:00', label: L}", "`end_time` needs a `time` for the start"),
    ("{date: 2026-03-10, time: '12:00', end_time: '11:00', label: L}", "`end_time` 11:00 is not after `time` 12:00"),
    ("{date: 2026-03-10, week: yes, time: '10:00', label: L}", "a date known only to the week (`week: yes`) has no"),
])
def test_timetable_ranges_must_run_forwards(tmp_path: Path, key_date: str, expected: str) -> None:
    category = STAGED + f"key_dates:\n  - {key_date}\n"
    folder = write_site(tmp_path / "content", {"categories/first.yaml": category})
    found = problems(folder)
    assert len(found) == 1 and found[0].startswith("categories/first.yaml:17: ") and expected in found[0], found


def test_category_and_page_timetables_are_shown_and_in_the_calendar(tmp_path: Path) -> None:
    category = STAGED + ("key_dates:\n  - {date: 2022-11-14, end_date: 2022-11-25, label: Conversations}\n"
                         "  - {date: 2022-12-12, week: yes, label: Interviews}\n")
    page = "---\ntitle: Events\nkey_dates:\n  - {date: 2022-09-22, time: '11:00', end_time: '12:00', label: Event}\n---\n"
    folder = write_site(tmp_path / "content", {"categories/first.yaml": category, "pages/events.md": page})
    pipeline.build(folder, tmp_path / "out")
    text = " ".join(parse((tmp_path / "out/categories/first/index.html").read_text()).text().split())
    assert "14–25 November 2022" in text and "Week commencing 12 December 2022" in text
    events = " ".join(parse((tmp_path / "out/events/index.html").read_text()).text().split())
    assert "Thursday 22 September 2022, 11:00–12:00" in events
    calendar = (tmp_path / "out/key-dates.ics").read_text()
    assert "SUMMARY:Conversations (A call)" in calendar and "DTEND;VALUE=DATE:20221126" in calendar
    assert "SUMMARY:Event (Events)" in calendar


def test_a_hidden_character_in_a_pages_text_is_reported_at_its_line(tmp_path: Path) -> None:
    page = "---\ntitle: About\nsummary: S.\n---\nFirst line.\n\nThe Trust\u202egnp.exe wins.\n"
    folder = write_site(tmp_path / "content", {"pages/about.md": page})
    assert problems(folder) == ["pages/about.md:7: the text contains the invisible character U+202E (RIGHT-TO-LEFT "
                                "OVERRIDE), which can hide or reorder what readers see; delete it (it often comes "
                                "with pasted text)"]


def test_an_awards_partners_are_one_list_whichever_way_they_are_written() -> None:
    def category(**given: object) -> Category:
        return Category(slug="x", title="X", intro="I.", eligibility="E.", **given)  # type: ignore[arg-type]

    one = Partner(name="One", url="https://one.example.org/")
    assert [p.name for p in partners_of(category(partner="A name"))] == ["A name"]
    assert partners_of(category(partner=one)) == [one]
    assert partners_of(category(partners=(one, Partner(name="Two")))) == [one, Partner(name="Two")]
    assert partners_of(category()) == []
