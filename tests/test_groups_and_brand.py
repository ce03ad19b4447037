"""Category groups, the brand colour, card summaries and results order (issue #13's model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from awardsite import colours, minify, pipeline
from awardsite.content import load
from awardsite.errors import ContentError
from awardsite.model import Brand
from awardsite.pagelist import summary
from awardsite.lists import grouped, used_focus_areas
from conftest import MINIMAL, write_site

GROUPS = """\
groups:
  - slug: community
    title: Community awards
  - slug: empty
    title: A group nobody uses
  - slug: clinical
    title: Clinical awards
    description: Care in hospitals and clinics.
"""


def category(title: str, group: str | None = None, order: int | None = None, **more: str) -> str:
    lines = [f"title: {title}", "intro: What it recognises.", "eligibility: Anyone.",
             "criteria:", "  - heading: Ambition"]
    lines += [f"group: {group}"] if group else []
    lines += [f"order: {order}"] if order is not None else []
    lines += [f"{key}: {value}" for key, value in more.items()]
    return "\n".join(lines) + "\n"


def grouped_site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {
        "site.yaml": MINIMAL["site.yaml"] + GROUPS,
        "categories/first.yaml": category("Alpha ward", "clinical", 2),
        "categories/second.yaml": category("Beta club", "community", 3),
        "categories/third.yaml": category("Gamma clinic", "clinical", 1),
    })


def test_categories_are_grouped_in_the_groups_order_and_an_empty_group_is_left_out_with_a_warning(
        tmp_path: Path) -> None:
    content = load(grouped_site(tmp_path))
    edition = content.current
    found = [(group.slug if group else None, [c.slug for c in members])
             for group, members in grouped(edition, edition.categories)]
    assert found == [("community", ["second"]), ("clinical", ["third", "first"])]
    assert [w.format() for w in content.warnings] == [
        "site.yaml:8: warning: no award is in the group `empty`, so it is not shown"]


def test_without_groups_every_category_is_in_one_unnamed_group(tmp_path: Path) -> None:
    content = load(write_site(tmp_path / "site", {"categories/second.yaml": category("Second")}))
    assert [(g, [c.slug for c in cs]) for g, cs in grouped(content.current, content.current.categories)] == [
        (None, ["first", "second"])]


def test_a_group_without_groups_defined_and_a_group_given_twice_are_errors(tmp_path: Path) -> None:
    folder = write_site(tmp_path / "site", {
        "site.yaml": MINIMAL["site.yaml"] + "groups:\n  - {slug: a, title: A}\n"
                                                                      "  - {slug: a, title: Again}\n",
        "categories/first.yaml": category("First", "a"),
    })
    with pytest.raises(ContentError) as raised:
        load(folder)
    assert [p.format() for p in raised.value.problems] == [
        "site.yaml:7: `groups` lists `a` twice (also on line 6)"]
    folder = write_site(tmp_path / "other", {"categories/first.yaml": category("First", "clinical")})
    with pytest.raises(ContentError) as raised:
        load(folder)
    assert [p.format() for p in raised.value.problems] == [
        "categories/first.yaml:6: `group` `clinical`: site.yaml has no `groups`; add them there, or remove this line"]


def test_a_past_edition_keeps_its_own_groups(tmp_path: Path) -> None:
    old = MINIMAL["site.yaml"].replace("base_url: https://example.org/scratch/\n", "")
    old = old.replace("accessibility: {status: full, email: access@example.org, prepared: \"2026-01-05\"}\n", "")
    folder = write_site(tmp_path / "site", {
        "site.yaml": MINIMAL["site.yaml"] + 'edition: "2026"\n',
        "editions/2025/edition.yaml": old + "groups:\n  - {slug: older, title: Older group}\n",
        "editions/2025/categories/first.yaml": category("First", "older"),
    })
    content = load(folder)
    past = content.editions[1]
    assert [(g.title if g else None) for g, _ in grouped(past, past.categories)] == ["Older group"]
    assert [(g, len(cs)) for g, cs in grouped(content.current, content.current.categories)] == [(None, 1)]


def test_a_long_summary_is_a_warning_and_a_made_one_is_cut_to_25_words(tmp_path: Path) -> None:
    long_summary = " ".join(f"word{i}" for i in range(30))
    long_intro = "One " + " ".join(f"w{i}" for i in range(40)) + ". Second sentence."
    folder = write_site(tmp_path / "site", {
        "categories/first.yaml": category("First", summary=long_summary),
        "categories/second.yaml": category("Second").replace("intro: What it recognises.", f"intro: {long_intro}"),
        "categories/third.yaml": category("Third").replace("intro: What it recognises.",
                                                         "intro: Short first sentence. And a second one."),
    })
    content = load(folder)
    assert [w.format() for w in content.warnings] == [
        "categories/first.yaml:6: warning: `summary` has 30 words; a home page card reads best with 25 or fewer"]
    first, second, third = content.current.categories
    assert summary(first) == long_summary  # an editor's own words are shown as written
    assert summary(second) == "One " + " ".join(f"w{i}" for i in range(24)) + "…"
    assert len(summary(second).split()) == 25
    assert summary(third) == "Short first sentence."


@pytest.mark.parametrize("colour,passes", [("#005eb8", True), ("#767676", True), ("#777777", False),
                                           ("#ffb81c", False), ("#000", True)])
def test_the_brand_colour_needs_aa_contrast_with_white(colour: str, passes: bool) -> None:
    # #767676 is the lightest grey with 4.5:1 on white; #777777 just fails (4.47:1).
    assert (colours.problems(Brand(colour=colour)) == []) is passes


def test_contrast_follows_wcag() -> None:
    assert round(colours.contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(colours.contrast("#ffffff", "#ffffff"), 2) == 1.0
    assert round(colours.contrast("#767676", "#fff"), 2) == 4.54


def test_a_text_colour_without_contrast_on_the_brand_is_an_error(tmp_path: Path) -> None:
    site = MINIMAL["site.yaml"] + 'brand:\n  colour: "#003087"\n  text_colour: "#1d3a8a"\n'
    with pytest.raises(ContentError) as raised:
        load(write_site(tmp_path / "site", {"site.yaml": site}))
    assert [p.format() for p in raised.value.problems] == [
        "site.yaml:7: `text_colour` #1d3a8a has a contrast of 1.14:1 with `colour` #003087; WCAG AA needs 4.5:1"]


def test_an_unquoted_colour_is_explained(tmp_path: Path) -> None:
    site = MINIMAL["site.yaml"] + "brand:\n  colour: #003087\n"
    with pytest.raises(ContentError) as raised:
        load(write_site(tmp_path / "site", {"site.yaml": site}))
    assert [p.format() for p in raised.value.problems] == [
        'site.yaml:6: `colour` is empty; give a value or remove the key (write a colour in quotes, `"#005eb8"`: '
        "YAML reads an unquoted `#` as a comment)"]


def test_the_brand_colours_reach_the_stylesheet_with_a_dark_mode_tint_that_passes(tmp_path: Path) -> None:
    site = MINIMAL["site.yaml"] + 'brand:\n  colour: "#7a1f5c"\n'
    out = tmp_path / "_site"
    pipeline.build(write_site(tmp_path / "site", {"site.yaml": site}), out)
    css = (out / "assets/site.css").read_text()
    assert css.index("--brand: #005eb8") < css.index("--brand: #7a1f5c")  # after the defaults, so it wins
    tint = css.rsplit("--brand-light: ", 1)[1][:7]  # the build's, after the stylesheet's default
    assert colours.contrast(tint, colours.DARK_BACKGROUND) >= 4.5
    assert colours.contrast(tint, colours.DARK_BACKGROUND) < 5.5  # the least lightening that passes, not white
    plain = tmp_path / "_plain"
    pipeline.build(write_site(tmp_path / "plain", {}), plain)
    assert "--brand: #7a1f5c" not in (plain / "assets/site.css").read_text()
    source = (Path(__file__).parent.parent / "assets/site.css").read_text()
    assert (plain / "assets/site.css").read_text() == minify.css(source)  # no brand: nothing added


def test_the_dark_background_the_tint_is_checked_on_is_the_stylesheets_lightest_dark_one() -> None:
    css = (Path(__file__).parent.parent / "assets/site.css").read_text()
    dark = css.split("prefers-color-scheme: dark")[1].split("}")[0]
    backgrounds = {name: dark.split(f"--{name}: ")[1][:7] for name in ("bg", "surface", "panel")}
    assert colours.DARK_BACKGROUND in backgrounds.values()
    # the lightest of them: a link colour with 4.5:1 on it has at least that on the others
    assert all(colours.contrast(colours.DARK_BACKGROUND, "#ffffff") <= colours.contrast(b, "#ffffff")
               for b in backgrounds.values())


def test_the_focus_area_filter_offers_only_the_areas_entries_use_in_site_yaml_order(tmp_path: Path) -> None:
    site = MINIMAL["site.yaml"] + ("focus_areas:\n  - {slug: maternity, label: Maternity}\n"
                                   "  - {slug: unused, label: Unused}\n  - {slug: children, label: Children}\n")
    folder = write_site(tmp_path / "site", {"site.yaml": site, "shortlist/first.yaml": (
        "entries:\n  - {organisation: O, title: T, synopsis: S., focus_areas: [children, maternity]}\n"
        "  - {organisation: P, title: U, synopsis: S., focus_areas: [children]}\n")})
    content = load(folder)
    assert [a.slug for a in used_focus_areas(content.site, content.current)] == ["maternity", "children"]
