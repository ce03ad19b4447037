"""Editors' commands: `new category`, `import`, `check --format github`."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from awardsite import kinds, model, scaffold
from awardsite.content import load
from conftest import MINIMAL, png, run_cli

EXCEL_CSV = (
    "\ufeffcategory,organisation,title,synopsis,result\r\n"
    'first,First Trust,"Closing the gap: care","Line one.\r\n\r\n- a point\r\n- another",winner\r\n'
    "First award,NO,12:30,Plain synopsis.,Highly commended\r\n"
    'first,"Quote ""Q"" Trust",Third,"Commas, and more",\r\n'
)


def test_new_category_writes_every_field_with_a_comment_and_its_placeholders_must_be_replaced(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    result = run_cli("new", "category", "Digital Innovation: Award of the Year", cwd=folder)
    assert result.returncode == 0, result.stderr
    path = folder / "categories/digital-innovation-award-of-the-year.yaml"
    text = path.read_text()
    for key in ("title", "intro", "eligibility", "criteria", "how_to_enter"):
        assert f"\n{key}:" in text
    # Every other key is there to copy, commented out, with an example: `weight` and `stages` included.
    for key in ("order", "summary", "partner", "entry_url", "contacts", "partners", "stages", "key_dates", "draft"):
        assert f"\n# {key}:" in text and f"\n{key}:" not in text
    assert "  - heading: Ambition\n    # weight: 25\n" in text
    assert "\n# stages:\n#   - title: \"Stage 1: written application\"\n#     description: Replace this with *markdown*.\n#     criteria:\n#       - heading: Ambition\n#         weight: 25\n" in text
    # Unfilled, it is refused where each placeholder stands, so it cannot be published by mistake.
    result = run_cli("check", cwd=folder)
    assert result.returncode == 1
    assert [line.split(": ", 1)[0] for line in result.stderr.splitlines()[:-1]] == [
        f"categories/{path.name}:{n}" for n in (7, 11, 19)]
    assert "`intro` still holds the text `new` wrote: write your own (or add `draft: yes`" in result.stderr
    # A draft is listed, not refused, and not published.
    path.write_text(text.replace('\n# draft: "yes"\n', "\ndraft: yes\n"))
    result = run_cli("check", cwd=folder)
    assert result.returncode == 0, result.stderr
    draft_line = text.splitlines().index('# draft: "yes"') + 1
    assert f"categories/{path.name}:{draft_line}: warning: a draft" in result.stderr
    # Filled in and no longer a draft, it builds.
    filled = text.replace("Replace this with what the award recognises and why it matters.", "Digital work.")
    filled = filled.replace("Replace this with who may enter.", "NHS teams.")
    path.write_text(filled.replace("Replace this with what judges look for.", "Results for patients."))
    assert run_cli("check", cwd=folder).returncode == 0
    category = next(c for c in load(folder).categories if c.slug == path.stem)
    assert category.title == "Digital Innovation: Award of the Year" and category.draft is None
    # An example uncommented and left as it is is refused like the placeholders.
    path.write_text(path.read_text().replace("# summary: Replace this text", "summary: Replace this text"))
    assert "`summary` still holds the text `new` wrote" in run_cli("check", cwd=folder).stderr


def test_each_commented_example_of_a_new_category_uncommented_passes_check(scratch) -> None:  # type: ignore[no-untyped-def]
    """Each optional key's example, uncommented (placeholders filled in), is a value `check` accepts."""
    text = scaffold.category_text("Digital Award")
    filled = {"intro": "Digital work.", "eligibility": "NHS teams.", "criteria": [{"heading": "Reach", "points": ["P"]}]}
    examples = re.findall(r"(?m)^# ([a-z_]+):(.*\n(?:#  .*\n)*)", text)
    assert {key for key, _ in examples} == {k.name for k in kinds.keys(model.Category)} - {"title", "intro",
                                                                                           "eligibility", "criteria",
                                                                                           "how_to_enter"}
    for key, block in examples:
        value = yaml.safe_load(f"{key}:" + re.sub(r"(?m)^# ", "", block).replace("Replace this text", "Words")
                               .replace("Replace this with *markdown*.", "Text."))[key]
        data = {"title": "T", **filled, key: value}
        if key == "stages":
            del data["criteria"]  # one or the other
            value[0]["criteria"][0]["weight"] = 100  # a stage's weights add up to 100
        site = MINIMAL["site.yaml"] + ("groups:\n  - slug: first-award\n    title: G\n" if key == "group" else "")
        folder = scratch({"site.yaml": site, "categories/first.yaml": json.dumps(data),
                          "media/logos/partner.png": png()})
        result = run_cli("check", cwd=folder)
        assert result.returncode == 0, (key, result.stderr)



def test_new_page_and_post_write_front_matter_that_checks_and_builds(scratch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18
    folder = scratch()
    assert run_cli("new", "page", "About the Awards", cwd=folder).returncode == 0
    assert run_cli("new", "post", "Entries open", cwd=folder).returncode == 0
    page = (folder / "pages/about-the-awards.md").read_text()
    assert page.startswith("---\n") and "\ntitle: About the Awards\n" in page and "\n# questions:\n" in page
    assert "\ndate: \"2026-11-18\"\n" in (folder / "news/entries-open.md").read_text()
    result = run_cli("check", cwd=folder)
    assert result.returncode == 1 and result.stderr.startswith(  # the line `new` wrote is not the text
        "news/entries-open.md:13: the text is still the line `new` wrote: write your own\n")
    assert "pages/about-the-awards.md:" in result.stderr and "(or add `draft: yes`" in result.stderr
    for path in (folder / "pages/about-the-awards.md", folder / "news/entries-open.md"):
        path.write_text(path.read_text().replace("Write the text here, in markdown.", "Our own words."))
    result = run_cli("check", cwd=folder)
    assert result.returncode == 0 and "1 page, 1 news post" in result.stdout, result.stderr
    content = load(folder)
    assert [p.title for p in content.pages] == ["About the Awards"]
    assert content.news[0].date == "2026-11-18" and content.news[0].body.startswith("Our own words.")
    assert run_cli("new", "page", "About the Awards", cwd=folder).returncode == 1  # never overwrites


@pytest.mark.parametrize("title,slug", [("Children and Young People's Award", "children-and-young-peoples-award"),
                                        ("Patient’s Choice", "patients-choice"),
                                        ("2025 Nursing Award", "nursing-award-2025")])
def test_a_new_categorys_file_name_keeps_apostrophes_in_words_and_a_leading_year(scratch, title: str,
                                                                                  slug: str) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    result = run_cli("new", "category", title, cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / f"categories/{slug}.yaml").exists(), sorted(p.name for p in (folder / "categories").iterdir())
    assert f"categories/{slug}.yaml:7: `intro` still holds the text" in run_cli("check", cwd=folder).stderr


def test_slug_names_a_new_file_and_a_bad_one_is_refused(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    assert run_cli("new", "category", "The Nursing Award", "--slug", "nursing", cwd=folder).returncode == 0
    assert "title: The Nursing Award" in (folder / "categories/nursing.yaml").read_text()
    assert run_cli("new", "page", "About us", "--slug", "about", cwd=folder).returncode == 0
    assert (folder / "pages/about.md").exists()
    result = run_cli("new", "category", "Another", "--slug", "Nursing Award", cwd=folder)
    assert result.returncode == 1
    assert "`--slug Nursing Award` cannot be a file name here: use lower-case letters, digits and hyphens" in \
        result.stderr
    assert sorted(p.name for p in (folder / "categories").iterdir()) == ["first.yaml", "nursing.yaml"]
    assert run_cli("new", "edition", "2027", "--slug", "x", cwd=folder).returncode == 1


def test_new_category_refuses_to_overwrite(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    before = (folder / "categories/first.yaml").read_text()
    result = run_cli("new", "category", "First", cwd=folder)
    assert result.returncode == 1 and "already exists" in result.stderr
    assert (folder / "categories/first.yaml").read_text() == before


def test_import_reads_an_excel_csv_and_round_trips(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    (folder / "shortlist.csv").write_bytes(EXCEL_CSV.encode("utf-8"))
    result = run_cli("import", "shortlist.csv", cwd=folder)
    assert result.returncode == 0, result.stderr
    entries = load(folder).shortlists["first"].entries
    assert [(e.organisation, e.title, e.result) for e in entries] == [
        ("First Trust", "Closing the gap: care", "winner"),
        ("NO", "12:30", "highly-commended"),
        ('Quote "Q" Trust', "Third", "shortlisted"),
    ]
    assert entries[0].synopsis == "Line one.\n\n- a point\n- another\n"
    again = run_cli("import", "shortlist.csv", cwd=folder)
    assert "changed 0 shortlist files" in again.stdout  # importing twice changes nothing


def test_import_reads_a_semicolon_separated_csv_as_excel_saves_it_in_much_of_europe(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    semicolons = ("category;organisation;title;synopsis;result\r\n"
                  'first;First Trust;"Closing the gap; care";"Costs fell by 2,5 %.";winner\r\n'
                  "first;Second Trust;Second;Plain synopsis.;\r\n")
    (folder / "shortlist.csv").write_bytes(semicolons.encode("utf-8"))
    result = run_cli("import", "shortlist.csv", cwd=folder)
    assert result.returncode == 0, result.stderr
    entries = load(folder).shortlists["first"].entries
    assert [(e.organisation, e.title, e.synopsis.strip(), e.result) for e in entries] == [
        ("First Trust", "Closing the gap; care", "Costs fell by 2,5 %.", "winner"),
        ("Second Trust", "Second", "Plain synopsis.", "shortlisted")]


def test_import_keeps_a_shortlist_files_permissions_and_gives_new_files_the_usual_ones(scratch) -> None:  # type: ignore[no-untyped-def]
    import os
    import stat
    folder = scratch({"categories/second.yaml": "title: Second award\nintro: I.\neligibility: E.\ncriteria:\n"
                                                "  - heading: H\n"})
    (folder / "shortlist/first.yaml").chmod(0o664)
    (folder / "shortlist.csv").write_text("category,organisation,title,synopsis\nfirst,A Trust,Changed,S.\n"
                                          "second,B Trust,New file,S.\n")
    umask = os.umask(0o022)
    try:
        assert run_cli("import", "shortlist.csv", cwd=folder).returncode == 0
    finally:
        os.umask(umask)
    # Merged: the file's entry is kept and the row's appended.
    assert [e.title for e in load(folder).shortlists["first"].entries] == ["First project", "Changed"]
    assert stat.S_IMODE((folder / "shortlist/first.yaml").stat().st_mode) == 0o664
    assert stat.S_IMODE((folder / "shortlist/second.yaml").stat().st_mode) == 0o644  # not mkstemp's 0600


def test_import_dry_run_shows_the_change_and_writes_nothing(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    (folder / "shortlist.csv").write_bytes(EXCEL_CSV.encode("utf-8"))
    before = (folder / "shortlist/first.yaml").read_bytes()
    result = run_cli("import", "shortlist.csv", "--dry-run", "--verbose", cwd=folder)
    assert result.returncode == 0
    assert "+    result: winner\n" in result.stdout and "\n-    synopsis: What the first project did.\n" in result.stdout
    assert "would change 1 shortlist file" in result.stdout
    assert (folder / "shortlist/first.yaml").read_bytes() == before


def test_import_rejects_bad_rows_by_number_and_writes_nothing(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    bad = EXCEL_CSV + "secnd,A,B,C,\r\nfirst,,B,C,\r\nfirst,A,B,C,winer\r\n"
    (folder / "shortlist.csv").write_bytes(bad.encode("utf-8"))
    before = (folder / "shortlist/first.yaml").read_bytes()
    result = run_cli("import", "shortlist.csv", cwd=folder)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:-1] == [
        "shortlist.csv:8: row 5: unknown category `secnd`",
        "shortlist.csv:9: row 6: `B` would be a new entry in shortlist/first.yaml, which needs `organisation` (no "
        "entry there has this title)",
        "shortlist.csv:10: row 7: result `winer` is not one of `winner`, `highly-commended`, `shortlisted` "
        "(a slug or its label); did you mean `winner`?",
    ]
    assert (folder / "shortlist/first.yaml").read_bytes() == before
    assert sorted(p.name for p in (folder / "shortlist").iterdir()) == ["first.yaml"]


def test_import_names_missing_columns(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    (folder / "s.csv").write_text("category,organisation,titel,synopsis\nfirst,A,B,C\n")
    result = run_cli("import", "s.csv", cwd=folder)
    assert result.returncode == 1
    assert "s.csv:1: missing column `title`" in result.stderr
    assert "s.csv:1: unknown column `titel` (did you mean `title`?): to import without it, add " \
           "`--ignore-column titel`" in result.stderr


def test_check_prints_github_annotations(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml": "entries:\n  - organisation: A\n    title: B\n    synopsis: C\n"
                      "    result: 50%, maybe\n"})
    result = run_cli("check", "--format", "github", "--source", "content", cwd=folder.parent)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/shortlist/first.yaml,line=5,title=Content error::`result` must be one of "
        "`winner`, `highly-commended`, `shortlisted`, not `50%25, maybe`",
    ]


def test_import_problems_name_the_spreadsheet_where_it_is(scratch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    bad = "category,organisation,title,synopsis\nnowhere,A Trust,T,S.\n"
    (folder / "sheets").mkdir()
    (folder / "sheets/judges.csv").write_text(bad)
    inside = run_cli("import", "sheets/judges.csv", cwd=folder)
    assert inside.returncode == 1 and inside.stderr.startswith("sheets/judges.csv:2: "), inside.stderr
    outside = tmp_path / "downloads" / "judges.csv"
    outside.parent.mkdir()
    outside.write_text(bad)
    result = run_cli("import", str(outside), cwd=folder)
    assert result.returncode == 1 and result.stderr.startswith(f"{outside}:2: "), result.stderr  # not inside the folder
