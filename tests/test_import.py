"""`import`: checked by `check`'s own rules before anything is written, and never destructive.

Merging (the default) updates the entries the rows name, only in the columns given, and
keeps what the spreadsheet does not carry; `--replace` makes the file the rows, warning of
each result and citation it drops. The dry run lists each entry's changes field by field.
"""

from __future__ import annotations

from pathlib import Path

from awardsite import importer
from awardsite.content import load
from awardsite.yamlsource import MAX_BYTES
from conftest import run_cli, write_site

MARKED = """\
# The judges' shortlist, with the winners marked after the ceremony
entries:
  - organisation: First Trust
    title: First project
    synopsis: What the first project did.
    result: winner  # announced on the night
    citation: |
      A *remarkable* change.
    tags: [Eye health]

  # added by hand after the sheet came in
  - organisation: Second Trust
    title: Second project
    synopsis: |
      What the second project did.
"""
HEADER = "category,organisation,title,synopsis,result\n"


def imported(folder: Path, csv: str, *options: str):  # type: ignore[no-untyped-def]
    (folder / "judges.csv").write_text(csv, encoding="utf-8")
    return run_cli("import", "judges.csv", *options, cwd=folder)


def problems(result) -> list[str]:  # type: ignore[no-untyped-def]
    assert result.returncode == 1, result.stdout
    return result.stderr.splitlines()


def test_two_rows_that_give_one_entry_address_are_refused_and_nothing_is_written(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    before = (folder / "shortlist/first.yaml").read_bytes()
    result = imported(folder, HEADER + "first,A Trust,Same title,S.,\nfirst,B Trust,Same  Title!,S.,\n")
    assert problems(result) == [
        "judges.csv:3: row 3: gives the entry page address `same-title`, as row 2 does; correct the title or give "
        "one of them a different `slug` (a column)",
        "1 problem found; nothing was written"]
    assert (folder / "shortlist/first.yaml").read_bytes() == before


def test_a_cell_with_a_bidi_override_is_refused_at_its_row_by_checks_own_rule(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    before = (folder / "shortlist/first.yaml").read_bytes()
    result = imported(folder, "category,organisation,title,synopsis,citation\n"
                              "first,First Trust,First project,What the first project did.,\n"
                              "first,Evil Trust,Evil,Looks fine \u202e sdrawkcab,\n")
    assert problems(result) == [
        "judges.csv:3: row 3: `synopsis` contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE), which can "
        "hide or reorder what readers see; delete it (it often comes with pasted text) (in `shortlist/first.yaml` "
        "as it would be written)",
        "1 problem found; nothing was written"]
    assert (folder / "shortlist/first.yaml").read_bytes() == before


def test_a_spreadsheet_too_big_for_check_is_refused_before_anything_is_written(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    before = (folder / "shortlist/first.yaml").read_bytes()
    cell = "word " * 24_000  # 120,000 bytes: under the csv module's cell limit; 44 of them pass 5 MB
    rows = "".join(f"first,Trust {n},Project {n},{cell}\n" for n in range(50))
    result = imported(folder, "category,organisation,title,synopsis\n" + rows, "--replace")
    assert problems(result) == [
        f"judges.csv:45: row 45: with this row, `shortlist/first.yaml` would be over {MAX_BYTES:,} bytes, more than "
        "`check` reads in a content file: is it the right spreadsheet?",
        "1 problem found; nothing was written"]
    assert (folder / "shortlist/first.yaml").read_bytes() == before


def test_a_row_only_the_whole_contents_checks_refuse_is_named_and_nothing_is_written(scratch) -> None:  # type: ignore[no-untyped-def]
    # A picture that is not in media/: only the cross-checks of the whole content (content.load with
    # the planned file laid over the real one) see it, and the problem is said of the row it came from.
    folder = scratch({"shortlist/first.yaml": MARKED})
    result = imported(folder, HEADER + "first,First Trust,First project,What the first project did.,\n"
                                       "first,Pic Trust,Pictured,See ![Chart](media/chart.png),\n")
    assert problems(result) == [
        "judges.csv:3: row 3: `synopsis` shows the picture `media/chart.png`, which is not there (in "
        "`shortlist/first.yaml` as it would be written)",
        "1 problem found; nothing was written"]
    assert (folder / "shortlist/first.yaml").read_text() == MARKED


def test_a_row_with_an_entrys_address_updates_that_entry(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml": MARKED})
    result = imported(folder, HEADER + "first,First Trust (renamed),First project!,What the first project did.,\n",
                      "--dry-run")
    assert result.stdout.splitlines()[:4] == ["shortlist/first.yaml:", "  changed: First project (row 2)",
                                              "    organisation: First Trust -> First Trust (renamed)",
                                              "    title: First project -> First project!"]


def test_reimporting_the_judges_sheet_after_marking_winners_keeps_results_citations_tags_and_comments(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml": MARKED})
    result = imported(folder, HEADER + "first,First Trust,First project,What the first project did.,\n"
                                       "first,Third Trust,Third project,What the third did.,\n")
    assert result.returncode == 0, result.stderr
    assert (folder / "shortlist/first.yaml").read_text() == MARKED + (
        "  - organisation: Third Trust\n    title: Third project\n    synopsis: |\n      What the third did.\n")
    assert result.stdout == ("shortlist/first.yaml:\n"
                             "  not in the spreadsheet, kept: Second project\n"
                             "  added: Third project (row 3)\n"
                             f"wrote {Path('shortlist/first.yaml')}\n"
                             "changed 1 shortlist file\n")


def test_a_sheet_saying_shortlisted_does_not_take_a_marked_result_away_but_warns(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml": MARKED})
    result = imported(folder, HEADER + "first,First Trust,First project,What the first project did.,Shortlisted\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "judges.csv:2: warning: row 2: keeps `result: winner` of `First project`, where the row says `shortlisted`; "
        "to take a result away, edit the file or import with `--replace`"]
    assert (folder / "shortlist/first.yaml").read_text() == MARKED


def test_replace_removes_what_the_sheet_lacks_and_warns_of_each_result_and_citation(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml": MARKED.replace("Second project\n", "Second project\n    result: "
                                                                                  "highly-commended\n")})
    result = imported(folder, HEADER + "first,First Trust,First project,What the first project did.,\n",
                      "--replace", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "judges.csv:2: warning: row 2: `--replace` takes away `result: winner` and its citation of `First project`",
        "shortlist/first.yaml:12: warning: `--replace` removes `Second project`, which is not in the spreadsheet, "
        "and with it `result: highly-commended`"]
    assert result.stdout == ("shortlist/first.yaml:\n"
                             "  changed: First project (row 2)\n"
                             "    result: winner -> shortlisted\n"
                             "    citation: A *remarkable* change. -> (none)\n"
                             "    tags: Eye health -> (none)\n"
                             "  removed (not in the spreadsheet): Second project\n"
                             "would change 1 shortlist file\n")


def test_the_dry_run_lists_each_change_field_by_field_and_writes_nothing(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml": MARKED})
    long = "A much longer account of what the first project did, over two years, in four towns."
    result = imported(folder, "category,organisation,title,synopsis,Judges’ Comments,Focus Areas,TAGS\n"
                              f'first,First Trust,First project,"{long}",,,Eye health; Rural\n'
                              "first,Second Trust,Second project (corrected),What the second project did.,"
                              "Careful work.,,\n"
                              "first,Third Trust,Third project,New.,,,\n", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "shortlist/first.yaml:\n"
        "  changed: First project (row 2)\n"
        "    synopsis: What the first project did. -> A much longer account of what the first project did, over…\n"
        "    tags: Eye health -> Eye health; Rural\n"
        "  changed: Second project (row 3; found by its organisation: no entry has the row's title)\n"
        "    title: Second project -> Second project (corrected)\n"
        "    citation: (none) -> Careful work.\n"
        "    address: second-project -> second-project-corrected\n"
        "  added: Third project (row 4)\n"
        "would change 1 shortlist file\n")
    assert (folder / "shortlist/first.yaml").read_text() == MARKED


def test_merging_edits_only_the_changed_fields_in_place(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml": MARKED})
    result = imported(folder, "category,organisation,title,synopsis,judges comments,tags\n"
                              "first,First Trust,First project,What the first project did.,,Eye health; Rural\n"
                              "first,Second Trust,Second project,Now in two towns.,Careful work.,\n")
    assert result.returncode == 0, result.stderr
    assert (folder / "shortlist/first.yaml").read_text() == MARKED.replace(
        "    tags: [Eye health]\n", "    tags:\n      - Eye health\n      - Rural\n").replace(
        "      What the second project did.\n", "      Now in two towns.\n    citation: |\n      Careful work.\n")
    assert run_cli("check", cwd=folder).returncode == 0


def test_unknown_columns_are_named_once_and_left_out_with_ignore_column(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    sheet = ("category,organisation,title,synopsis,score,Judges' comments,Judge\n"
             "first,First Trust,First project,What the first project did.,8,Bold and careful.,Ann\n"
             "first,Second Trust,Second project,S.,6,,Bob\n")
    assert problems(imported(folder, sheet)) == [
        "judges.csv:1: unknown columns `score`, `Judge`: to import without them, add `--ignore-column score "
        "--ignore-column Judge`; the columns are edition, category, organisation, title, synopsis, result, "
        "citation, focus_areas, tags, slug (`judges' comments` is the citation)",
        "1 problem found; nothing was written"]
    result = imported(folder, sheet, "--ignore-column", "score", "--ignore-column", "judge")
    assert result.returncode == 0, result.stderr
    first, second = load(folder).shortlists["first"].entries
    assert (first.citation, second.title) == ("Bold and careful.\n", "Second project")


def test_two_columns_for_one_field_are_refused(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    assert problems(imported(folder, "category,organisation,title,synopsis,citation,Judges’ comments\n"
                                     "first,A,B,C,D,E\n")) == [
        "judges.csv:1: `citation`, `Judges’ comments` all give the citation: keep one, or leave the others out with "
        "`--ignore-column NAME`",
        "1 problem found; nothing was written"]


def test_content_load_reads_planned_texts_over_the_files_and_writes_nothing(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"categories/second.yaml": "title: Second award\nintro: I.\neligibility: E.\ncriteria:\n"
                                                "  - heading: H\n"})
    entry = "entries:\n  - organisation: A\n    title: {}\n    synopsis: S\n"
    planned = {folder / "shortlist/first.yaml": entry.format("Planned"),
               folder / "shortlist/second.yaml": entry.format("New file")}
    content = load(folder, planned)
    assert [(s.slug, s.entries[0].title) for s in content.shortlists.values()] == [("first", "Planned"),
                                                                                   ("second", "New file")]
    assert not (folder / "shortlist/second.yaml").exists()
    assert load(folder).shortlists["first"].entries[0].title == "First project"


def test_the_plan_reports_entries_kept_and_the_files_it_would_leave_alone(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml": MARKED})
    (folder / "judges.csv").write_text(HEADER + "first,First Trust,First project,What the first project did.,\n")
    plan = importer.plan(folder / "judges.csv", folder)
    assert plan.changes == () and plan.warnings == ()
    (file,) = plan.files
    assert [(e.how, e.title, e.row) for e in file.entries] == [("kept", "Second project", None)]


def test_a_windows_file_keeps_its_line_ends_when_merged_into(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml": MARKED.replace("\n", "\r\n")})
    result = imported(folder, HEADER + "first,Third Trust,Third project,S.,\n")
    assert result.returncode == 0, result.stderr
    text = (folder / "shortlist/first.yaml").read_bytes().decode()
    assert text == (MARKED + "  - organisation: Third Trust\n    title: Third project\n    synopsis: |\n      S.\n"
                    ).replace("\n", "\r\n")


def test_a_file_written_in_flow_style_is_written_again_with_a_warning(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml": "entries:\n  - {organisation: A, title: B, synopsis: C, result: winner}"
                                              "  # the winner\n"})
    result = imported(folder, HEADER + "first,A,B,C,\nfirst,D,E,F,\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "shortlist/first.yaml:1: warning: written again from its values, without its comments: its entries are not "
        "all `- key: value` lines, so they cannot be edited where they are"]
    assert [(e.title, e.result) for e in load(folder).shortlists["first"].entries] == [("B", "winner"),
                                                                                       ("E", "shortlisted")]


def test_a_new_shortlist_file_names_its_schema_only_where_the_schemas_are(tmp_path: Path) -> None:
    """VS Code shows an error for a `$schema=` line naming a file that is not there."""
    for with_schemas in (False, True):
        folder = write_site(tmp_path / f"content-{with_schemas}", {})
        (folder / "shortlist" / "first.yaml").unlink()  # a category with no shortlist yet
        if with_schemas:
            (folder / "schemas").mkdir()
            (folder / "schemas" / "shortlist.schema.json").write_text("{}\n")
        (tmp_path / "sheet.csv").write_text("category,organisation,title,synopsis\nfirst,O,T,S\n")
        result = run_cli("import", str(tmp_path / "sheet.csv"), "--source", str(folder))
        assert result.returncode == 0, result.stderr
        text = (folder / "shortlist" / "first.yaml").read_text()
        assert text.startswith("# yaml-language-server: $schema=../schemas/shortlist.schema.json\n") == with_schemas


def test_a_results_sheet_needs_only_category_title_and_its_results(tmp_path: Path) -> None:
    """The judges' sheet of results: rows find their entries by title; only a new entry needs the rest."""
    folder = write_site(tmp_path / "content", {})
    before = (folder / "shortlist" / "first.yaml").read_text()
    sheet = tmp_path / "results.csv"
    sheet.write_text("category,title,result,judges' comments\nfirst,First project,winner,Careful work.\n")
    result = run_cli("import", str(sheet), "--source", str(folder))
    assert result.returncode == 0, result.stderr
    after = (folder / "shortlist" / "first.yaml").read_text()
    assert after == before.replace("    synopsis: What the first project did.\n",
                                   "    synopsis: What the first project did.\n    result: winner\n"
                                   "    citation: |\n      Careful work.\n"), after
    sheet.write_text("category,title,result\nfirst,A project not on the shortlist,winner\n")
    result = run_cli("import", str(sheet), "--source", str(folder))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{sheet}:2: row 2: `A project not on the shortlist` would be a new entry in shortlist/first.yaml, which "
        "needs `organisation` and `synopsis` (no entry there has this title)")
    assert (folder / "shortlist" / "first.yaml").read_text() == after
