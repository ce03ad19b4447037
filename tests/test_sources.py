"""What a build reads: every file is read or reported, and nothing from outside the content folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from awardsite import minify

from conftest import ROOT, run_cli


def problems(result: subprocess.CompletedProcess[str]) -> list[str]:
    return result.stderr.splitlines()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "token.txt"
    path.parent.mkdir()
    path.write_text("SECRET-TOKEN")
    return path


def published(out: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())


@pytest.mark.parametrize("link", ["assets/config.txt", "assets/sub/config.css", "templates/robots.txt",
                                  "categories/second.yaml", "shortlist/first.yaml", "site.yaml"])
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_link_to_a_file_outside_the_content_folder_is_an_error(scratch, secret: Path, link: str,
                                                                 command: str) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    target = folder / link
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    os.symlink(secret, target)
    result = run_cli(command, cwd=folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{link}:1: `{link}` links to `{secret}`, outside the content folder" in result.stderr
    assert not (folder / "_site").exists()


@pytest.mark.parametrize("folder_name", ["assets", "templates", "categories"])
def test_a_linked_folder_outside_the_content_folder_is_an_error(scratch, secret: Path, folder_name: str) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    if (folder / folder_name).exists():
        for path in (folder / folder_name).iterdir():
            path.unlink()
        (folder / folder_name).rmdir()
    os.symlink(secret.parent, folder / folder_name)
    result = run_cli("build", cwd=folder)
    assert result.returncode == 1
    assert f"the folder `{folder_name}` links to `{secret.parent}`, outside the content folder" in result.stderr


def test_a_link_to_a_hidden_file_inside_the_folder_is_an_error(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("[http] extraheader = AUTHORIZATION: basic SECRET")
    (folder / "assets").mkdir()
    os.symlink("../.git/config", folder / "assets" / "config.txt")
    result = run_cli("build", cwd=folder)
    assert result.returncode == 1
    assert "assets/config.txt:1: `assets/config.txt` links to `.git/config`, a hidden file" in result.stderr


def test_links_inside_the_content_folder_keep_working(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    (folder / "shared").mkdir()
    (folder / "shared" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (folder / "assets").mkdir()
    os.symlink("../shared/logo.svg", folder / "assets" / "logo.svg")
    (folder / "categories" / "first.yaml").rename(folder / "shared" / "first.yaml")
    os.symlink("../shared/first.yaml", folder / "categories" / "first.yaml")
    result = run_cli("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "_site" / "assets" / "logo.svg").read_text().startswith("<svg")
    assert (folder / "_site" / "categories" / "first" / "index.html").exists()


@pytest.mark.parametrize("name, message", [
    ("second.YAML", "categories/second.YAML:1: rename to `second.yaml`: content files end in `.yaml`, in lower case"),
    ("second.Yaml", "categories/second.Yaml:1: rename to `second.yaml`: content files end in `.yaml`, in lower case"),
    ("second.yaml.txt", "categories/second.yaml.txt:1: `categories/second.yaml.txt` is not read: `categories/` "
                        "holds only `<slug>.yaml` files; rename it `second.yaml`"),
    ("second", "categories/second:1: `categories/second` is not read: `categories/` holds only `<slug>.yaml` files; "
               "rename it `<slug>.yaml` if it is content, or move it out of the folder"),
    ("notes.md", "categories/notes.md:1: `categories/notes.md` is not read"),
])
@pytest.mark.parametrize("command", ["check", "build"])
def test_files_that_would_be_skipped_are_errors(scratch, name: str, message: str, command: str) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({f"categories/{name}": "title: Second\n"})
    result = run_cli(command, cwd=folder)
    assert result.returncode == 1
    assert problems(result)[0].startswith(message)


def test_a_shortlist_saved_with_a_capital_extension_is_not_lost_in_silence(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    (folder / "shortlist" / "first.yaml").rename(folder / "shortlist" / "first.YAML")
    result = run_cli("check", cwd=folder)
    assert result.returncode == 1 and "shortlist/first.YAML:1: rename to `first.yaml`" in result.stderr


def test_a_subfolder_is_an_error(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"categories/2024/old.yaml": "title: Old\n"})
    result = run_cli("check", cwd=folder)
    assert result.returncode == 1
    assert "categories/2024:1: subfolders are not read: move the files of `categories/2024/` up into `categories/`" \
        in result.stderr


@pytest.mark.parametrize("name", ["first.yaml~", "first.yaml.bak", "first.yaml.orig", "#first.yaml#", "Thumbs.db"])
def test_backup_and_system_files_are_warnings_and_the_build_goes_on(scratch, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({f"shortlist/{name}": "entries: []\n"})
    for command in ("check", "build"):
        result = run_cli(command, cwd=folder)
        assert result.returncode == 0, result.stderr
        assert f"shortlist/{name}:1: warning: `shortlist/{name}` looks like a backup or system file and is not read" \
            in result.stderr
    assert (folder / "_site" / "index.html").exists()


def test_warnings_are_github_annotations_too(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml~": "x"})
    result = run_cli("check", "--format", "github", cwd=folder)
    assert result.returncode == 0
    assert "::warning file=shortlist/first.yaml~,line=1,title=Content warning::" in result.stdout


def test_a_misspelt_content_folder_is_pointed_out(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlists/second.yaml": "entries: []\n"})
    result = run_cli("check", cwd=folder)
    assert "shortlists/:1: warning: the folder `shortlists/` is not read; did you mean `shortlist/`?" in result.stderr


def test_dotfiles_stay_ignored_as_documented(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"categories/.draft.yaml": "not: valid", "shortlist/.DS_Store": "x", "categories/.old/x": "y"})
    result = run_cli("check", cwd=folder)
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize("slug", ["main", "criteria", "finder-query", "tabs-title"])
def test_a_category_named_like_an_id_of_the_page_is_refused(scratch, slug: str) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({f"categories/{slug}.yaml": "title: T\nintro: I\neligibility: E\ncriteria:\n"
                                                 "  - heading: H\n    points: [P]\n"})
    result = run_cli("check", cwd=folder)
    assert result.returncode == 1
    assert f"categories/{slug}.yaml:1: the name `{slug}` is used by the site's own pages" in result.stderr


def test_every_fixed_id_in_the_templates_comes_from_the_reserved_list() -> None:
    """Templates write ids through `ids[...]`, so an id missing from the list fails the build."""
    for template in (ROOT / "templates").glob("*.html"):
        text = template.read_text()
        assert 'id="' not in text.replace('id="{{', ""), template.name
        assert 'for="' not in text.replace('for="{{', ""), template.name
        assert 'href="#' not in text.replace('href="#{{', ""), template.name


def test_the_sites_own_assets_are_added_to_the_built_in_ones(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"assets/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>", "assets/site.css": "body{}\n"})
    assert run_cli("build", cwd=folder).returncode == 0
    assets = folder / "_site" / "assets"
    assert (assets / "logo.svg").exists()
    assert (assets / "site.css").read_text() == "body{}\n"  # replaced: the same name
    for name in ("tabs.js", "finder.js"):  # kept: the pages still link to them (shortened, minify.py)
        assert (assets / name).read_text() == minify.js((ROOT / "assets" / name).read_text())
    assert (assets / "favicon.svg").read_bytes() == (ROOT / "assets" / "favicon.svg").read_bytes()


def test_one_template_of_the_sites_own_replaces_only_that_template(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"templates/404.html": '{% extends "base.html" %}{% block main %}<h1>Lost?</h1>{% endblock %}\n'})
    result = run_cli("build", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "<h1>Lost?</h1>" in (folder / "_site" / "404.html").read_text()
    assert "First project" in (folder / "_site" / "shortlist" / "index.html").read_text()


def test_nothing_outside_is_published_even_when_the_link_is_relative(scratch, secret: Path) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    (folder / "assets").mkdir()
    os.symlink(os.path.relpath(secret, folder / "assets"), folder / "assets" / "notes.txt")
    result = run_cli("build", cwd=folder)
    assert result.returncode == 1
    assert not (folder / "_site").exists() or "SECRET-TOKEN" not in published(folder / "_site")
