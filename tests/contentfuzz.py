"""Shared by the property and mutation tests: field paths from the model, edge values, the invariant.

The invariant (issue #10, item 4): for any content folder, `build` either writes a complete
site or raises ContentError whose problems each name a real content file and a line in it;
never any other exception. `check` agrees with `build` about whether the content is valid.

Only the stable API is used: `pipeline.check(source)` and `pipeline.build(source, out)` (its
return value is not looked at).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import re
import typing
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Any, Literal, Union

import yaml

from awardsite import model, pipeline
from awardsite.errors import ContentError, Problem
from conftest import MINIMAL, png

# --- The model, walked ---------------------------------------------------------------------------

FILE_MODELS: dict[str, type] = {"site.yaml": model.Site, "categories/first.yaml": model.Category,
                                "categories/second.yaml": model.Category, "categories/third.yaml": model.Category,
                                "shortlist/first.yaml": model.Shortlist,
                                "judges.yaml": model.Panel}
# Keys the model marks optional that cannot be left out where the full site gives them, because a
# neighbour needs them: a category gives `criteria` or `stages`; a picture `alt` or `decorative`;
# an `end_time` needs its `time`.
NEEDED_HERE = {"criteria", "stages", "alt", "decorative", "time", "group"}  # `group`: site.yaml has `groups`
LABELS_SAMPLE = ("home", "start_entry")  # site.yaml's `labels`: every label is text, so two stand for all
PHOTO = "judges/chair.png"  # every written site has this picture in media/, for the judges' photos

Path_ = tuple[Any, ...]  # keys (str) and list indexes (int), e.g. ("key_dates", 0, "date")


def editable_fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The fields an editor writes as keys: every field not `derived` from the file name."""
    return [f for f in dataclasses.fields(cls) if not f.metadata.get("derived")]


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


def _options(tp: Any) -> list[Any]:
    """The alternatives of an Optional/Union type, None left out; [tp] for any other type."""
    if typing.get_origin(tp) is Union:
        return [a for a in typing.get_args(tp) if a is not type(None)]
    return [tp]


def dataclass_in(tp: Any) -> type | None:
    return next((o for o in _options(tp) if dataclasses.is_dataclass(o)), None)


def item_type(tp: Any) -> Any | None:
    """The item type of a list field (`tuple[X, ...]`), else None."""
    for option in _options(tp):
        if typing.get_origin(option) is tuple:
            return typing.get_args(option)[0]
    return None


def kind(tp: Any) -> str:
    """What sort of value a type asks for: `date`, `url`, `percent`, `int`, `choice`, `text`,
    `markdown`, `list`, `mapping`, `text-or-mapping`, ..."""
    options = _options(tp)
    if len(options) > 1:
        return "text-or-mapping"
    tp = options[0]
    if typing.get_origin(tp) is tuple:
        return "list"
    if dataclasses.is_dataclass(tp):
        return "mapping"
    if typing.get_origin(tp) is Literal:
        return "choice"
    if typing.get_origin(tp) is typing.Annotated:
        return str(typing.get_args(tp)[1])
    return "int" if tp is int else "text"


def model_paths(cls: type, prefix: str = "") -> list[str]:
    """Every field path the model allows in a file of `cls`, lists as `[]`: `key_dates[].date`."""
    found = []
    hints = _hints(cls)
    for f in editable_fields(cls):
        path = f"{prefix}{f.name}"
        found.append(path)
        tp = hints[f.name]
        item = item_type(tp)
        if item is not None:
            found.append(f"{path}[]")
            if dataclasses.is_dataclass(item):
                found += model_paths(item, f"{path}[].")
        elif dataclass_in(tp) is not None:
            found += model_paths(dataclass_in(tp), f"{path}.")
    return found


def value_paths(cls: type, data: dict[str, Any], prefix: Path_ = ()) -> list[tuple[Path_, Any]]:
    """Every (path, type) present in `data`, a file of `cls`: fields, list items, their fields."""
    found = []
    hints = _hints(cls)
    for f in editable_fields(cls):
        if f.name not in data:
            continue
        path, tp, value = (*prefix, f.name), hints[f.name], data[f.name]
        found.append((path, tp))
        item = item_type(tp)
        if item is not None and isinstance(value, list):
            for index, element in enumerate(value):
                found.append(((*path, index), item))
                if dataclasses.is_dataclass(item) and isinstance(element, dict):
                    found += value_paths(item, element, (*path, index))
        elif dataclass_in(tp) is not None and isinstance(value, dict):
            found += value_paths(dataclass_in(tp), value, path)
    return found


def general(path: Path_) -> str:
    """`("key_dates", 0, "date")` -> `key_dates[].date`, the form `model_paths` uses."""
    return format_path(path, general=True)


def format_path(path: Path_, general: bool = False) -> str:
    text = ""
    for part in path:
        text += ("[]" if general else f"[{part}]") if isinstance(part, int) else (f".{part}" if text else part)
    return text


def replaced(data: Any, path: Path_, value: Any) -> Any:
    """A deep copy of `data` with the value at `path` replaced."""
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return data


def without(data: Any, path: Path_) -> Any:
    """A deep copy of `data` with the key at `path` removed."""
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    return data


def optional_keys(cls: type, data: dict[str, Any]) -> list[Path_]:
    """Paths of keys present in `data` that the model lets an editor leave out."""
    found = []
    for path, _ in value_paths(cls, data):
        if isinstance(path[-1], int):
            continue
        owner = data
        owner_cls = cls
        for part in path[:-1]:
            owner = owner[part]
            if not isinstance(part, int):
                tp = _hints(owner_cls)[part]
                owner_cls = item_type(tp) or dataclass_in(tp)
        f = next(f for f in editable_fields(owner_cls) if f.name == path[-1])
        required = f.default is dataclasses.MISSING or path[-1] in getattr(owner_cls, "ONE_OF", ()) or \
            path[-1] in NEEDED_HERE
        if not required:
            found.append(path)
    return found


# --- The full site: conftest.MINIMAL with every optional field set ------------------------------------

_EXTRA: dict[str, dict[str, Any]] = {
    "site.yaml": {
        "contacts": [{"role": "Entries and sponsorship", "name": "Awards Team", "email": "awards@example.org",
                      "phone": "0207 000 0000", "url": "https://example.org/scratch/contact/"}],
        "language": "en-GB",
        # One with every field, one all-day (no time): the calendar treats them differently.
        "key_dates": [{"date": "2026-03-04", "label": "Entries open", "time": "09:30",
                       "url": "https://example.org/scratch/enter/"},
                      {"date": "2026-11-20", "label": "Awards ceremony"},
                      {"date": "2026-06-08", "label": "Interviews", "week": "yes"},
                      {"date": "2026-06-10", "label": "Open days", "time": "11:00", "end_time": "12:00",
                       "end_date": "2026-06-11"}],
        "domain": "awards.example.org",
        "edition": "2026",
        "timezone": "Europe/London",
        "entries_open": "2026-03-02 09:00", "entries_close": "2026-05-22 17:00",
        "shortlist_announced": "2026-09-15", "winners_announced": "2026-11-19 18:30",
        "results": [{"slug": "winner", "label": "Winner", "plural": "Winners"},
                    {"slug": "shortlisted", "label": "Shortlisted"}],
        "focus_areas": [{"slug": "maternity", "label": "Maternity care"}],
        "organisers": [{"name": "Org One", "url": "https://org.example.org/", "logo": {"file": PHOTO, "alt": "Org One"}},
                       {"name": "Org Two", "logo": {"file": PHOTO, "decorative": "yes"}}],
        "nav": [{"label": "Start", "page": "home"}, {"label": "Elsewhere", "url": "https://example.org/other/"}],
        "footer": [{"label": "The shortlist", "page": "shortlist"}, {"label": "Our blog", "url": "https://example.org/blog/"}],
        "accessibility": {"status": "partial", "issues": ["Some *PDFs* are not accessible."],
                          "email": "access@example.org", "phone": "0207 000 0002", "reply_days": 5,
                          "tested": "Tested in *2026*.", "prepared": "2026-01-10", "reviewed": "2026-06-01"},
        "labels": {"home": "Start", "start_entry": "Apply now"},
        "groups": [{"slug": "main", "title": "Main awards", "description": "The first two."},
                   {"slug": "more", "title": "More awards"}],
        "brand": {"colour": "#003087", "text_colour": "#ffffff", "logo": {"file": PHOTO, "alt": "Scratch Awards"}},
    },
    "categories/first.yaml": {
        "criteria": [{"heading": "Ambition", "points": ["Aims high", "Shows **results**"], "weight": 100,
                      "code": "A1"}],
        "order": 1,
        "summary": "For the first kind of work.",
        "partner": {"name": "First Partner", "url": "https://partner.example.org/",
                    "logo": {"file": PHOTO, "alt": "First Partner"}},
        "how_to_enter": "1. Register.\n2. Submit your entry.\n",
        "entry_url": "https://example.org/scratch/enter/first/",
        "entries_open": "2026-03-09", "entries_close": "2026-05-29 12:00",
        "contacts": [{"role": "Judging", "name": "Judges", "email": "judges@example.org", "phone": "0207 000 0001",
                      "url": "https://example.org/scratch/judging/"}],
        "site_contacts": "yes",
        "key_dates": [{"date": "2026-04-01", "label": "Webinar", "time": "10:00", "end_time": "11:30",
                       "url": "https://example.org/scratch/webinar/"},
                      {"date": "2026-04-13", "label": "Visits", "week": "yes"},
                      {"date": "2026-04-20", "label": "Interviews", "end_date": "2026-04-24"}],
        "language": "en-GB",
        "group": "main",
    },
    "categories/second.yaml": {  # selection in stages, partners with logos, in Welsh
        "title": "Second award", "intro": "Beth mae'r wobr yn ei chydnabod.", "eligibility": "Unrhyw un.",
        "stages": [{"title": "Stage one", "description": "Written *answers*.",
                    "criteria": [{"heading": "Why?", "weight": "60%", "code": "B1"},
                                 {"heading": "How?", "points": ["Plans"], "weight": 40, "code": "B2"}]},
                   {"title": "Stage two", "criteria": [{"heading": "Conversation"}]}],
        "partners": [{"name": "Partner One", "url": "https://one.example.org/", "logo": {"file": PHOTO, "alt": "One"}},
                     {"name": "Partner Two", "logo": {"file": PHOTO, "decorative": "yes"}}],
        "site_contacts": "no",
        "language": "cy",
        "group": "main",
    },
    "categories/third.yaml": {  # a partner given as one mapping, with a decorative picture
        "title": "Third award", "intro": "What the third award recognises.", "eligibility": "Anyone.",
        "criteria": [{"heading": "Reach"}],
        "partner": {"name": "Third Partner", "logo": {"file": PHOTO, "decorative": "yes"}},
        "group": "more",
        "draft": "no",
    },
    "shortlist/first.yaml": {
        "entries": [{"organisation": "First Trust", "title": "First project", "synopsis": "What the first project did.",
                     "result": "winner", "citation": "The judges were *impressed*.", "focus_areas": ["maternity"],
                     "tags": ["Mental health", "Schools"], "slug": "first-project"}],
    },
    "judges.yaml": {
        "chair": {"name": "Chair Person", "role": "Chair of the judges", "organisation": "A University",
                  "photo": {"file": PHOTO, "alt": "Chair Person, smiling"}, "bio": "Has judged *many* awards.",
                  "categories": ["first"]},
        "judges": [{"name": "Judge Person", "role": "Nurse", "organisation": "A Trust",
                    "photo": {"file": PHOTO, "decorative": "yes"}, "bio": "A nurse.", "categories": ["first"]},
                   {"name": "Second Judge", "role": "Doctor", "photo": {"file": PHOTO, "alt": "Second Judge"}}],
    },
}


def _full_site() -> dict[str, dict[str, Any]]:
    full = {}
    for name in FILE_MODELS:
        data = yaml.safe_load(MINIMAL.get(name, "{}"))  # MINIMAL has no YAML 1.1 surprises: every value is text
        data.update(copy.deepcopy(_EXTRA[name]))
        full[name] = data
    return full


FULL = _full_site()


# --- Writing YAML ------------------------------------------------------------------------------------

class Plain(str):
    """A number written as is, unquoted, whatever its size (Python refuses int() past 4,300 digits)."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # a value used twice is written out twice, never as `&id001`/`*id001`


_Dumper.add_representer(Plain, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:int", str(value)))


def to_yaml(data: Any) -> str:
    """A YAML document for `data` (yaml.safe_dump with allow_unicode, plus Plain numbers)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


class _OneLineDumper(_Dumper):
    """Text with line breaks double-quoted (`"a\\nb"`), so that every value fits on one line."""


def _one_line_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(c in value for c in "\n\r\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_OneLineDumper.add_representer(str, _one_line_text)


def to_flow(value: Any) -> str:
    """`value` written on one line, in flow style, to put where a scalar was."""
    text = yaml.dump(value, Dumper=_OneLineDumper, allow_unicode=True, default_flow_style=True, width=float("inf"))
    if text.endswith("\n...\n"):
        text = text[: -len("\n...\n")]
    return text.rstrip("\n")


def write_files(folder: Path, files: dict[str, str]) -> Path:
    """Write the content files, and the judges' photo they may refer to."""
    picture = folder / "media" / PHOTO
    picture.parent.mkdir(parents=True, exist_ok=True)
    picture.write_bytes(png(40, 30))
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return folder


# --- Edge values ---------------------------------------------------------------------------------

LONG_TEXT = "Long text " * 10_000  # 100 kB on one line
MEGABYTE = "M" * 1_000_000
TEN_THOUSAND_DIGITS = Plain("7" * 10_000)

# Control, format, bidi, tag and other invisible characters, and non-characters.
HIDDEN = ["\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9f", "\u00ad", "\u061c", "\u200b", "\u200d", "\u200e",
          "\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\ufffe", "\U000e0001", "\U000e0041",
          "\U000e007f", "\ufff9", "\U0001d173"]

# Edge values by the kind of field they probe hardest (see `kind`); "any" probes every field.
EDGE_VALUES_BY_KIND: dict[str, list[Any]] = {
    "any": [
        # nothing, YAML 1.1 surprises, booleans, floats
        None, "", " ", "\t", "~", "null", "NO", "yes", "on", True, False, 3.5, -0.0, float("inf"), float("-inf"),
        float("nan"), 1e308,
        # markup, templates, formulas, separators
        "{{ 7*7 }}", "{% raw %}", "${7*7}", "<script>alert(1)</script>", "</title><script>x</script>", "%", "&",
        "&amp;", "]]>", '"', "'", "\\", "- a point", "=SUM(A1:A9)", "@cmd", "#",
        # Unicode: NFD accents, case oddities, astral, joiners, right-to-left, combining marks alone
        unicodedata.normalize("NFD", "Café Zoë Ångström"), "İstanbul", "ß", "ǅ", "🏥", "\U0001f468\u200d\U0001f469",
        "مرحبا", "\u0301", "x\u0308" * 50,
        *HIDDEN,
        "line one\nline two", "a\r\nb", "\n\n", "trailing\n",
        # sizes
        LONG_TEXT, MEGABYTE,
        # structures
        [], ["a", "b"], [None], {}, {"a": 1}, {"title": "x"}, [[["deep"]]], {"name": {"name": ["x"]}},
        [{"role": "Role", "name": "Name"}], {"date": "2026-01-01", "label": "L"},
    ],
    "int": [0, -1, 1, 100, 101, -100, 999_999, -999_999, 1_000_000, 2**63, -(2**63) - 1, Plain("-0"), Plain("+5"),
            Plain("0" * 30 + "1"), "012", "0x1F", "1_000", "1e3", Plain("9" * 4_301), TEN_THOUSAND_DIGITS,
            Plain("-" + "1" * 5_000)],
    "date": [datetime.date(9999, 12, 31), "9999-12-31", datetime.date(1, 1, 1), "0001-01-01", "0000-01-01",
             "1899-12-31", "1900-01-01", "2200-12-31", "2201-01-01", "2024-02-30", "2023-02-29", "2024-13-01",
             "2024-1-1", "20241120", "2024-11-20T18:30", "10000-01-01"],
    "time": ["12:30", "24:00", "23:60", "00:00", "23:59", "7:30", "12:30:00", "-1:00"],
    "url": ["https://[bad/", "https://[bad]/", "https://x:99999/", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
            "data:text/html,<b>x</b>", "http://", "https:///path", "https://exa mple.org/", "HTTPS://EXAMPLE.ORG/",
            "https://user:pass@example.org:8080/a?b=c#d", "https://例え.jp/パス", "https://example.org/\u202ecod.exe",
            "https://example\uff03.org/", "//example.org/", "mailto:a@example.org"],
    "email": ["a@b", "name@example.org", "é@例え.jp", "a@b..c"],
    "domain": ["awards.example.org", "AWARDS.EXAMPLE.ORG", "a" * 64 + ".org", ("a" * 63 + ".") * 5 + "org"],
    "slug": ["a" * 300, "a", "a-", "first-project", "Upper"],
    "markdown": ["[x](javascript:alert(1))", "[x](https://[bad/)", "<https://[bad/>", "> " * 500 + "deep",
                 "[" * 5_000, "*a" * 5_000, "| a | b |\n|---|---|\n| 1 | 2 |", "# heading", "```\ncode", "<!-- x -->"],
    "tag": ["a;b", "Mental health; Cancer", " ; "],
    # a time that does not exist (clocks go forward) and one that happens twice (they go back), in London
    "moment": ["2026-03-29 01:30", "2026-10-25 01:30", "2026-02-30 10:00", "2026-05-22 24:00", "2026-05-22",
               "2200-12-31 23:59", "1900-01-01 00:00", "2026-05-22T17:00", "2026-05-22 17:00:00", "22/05/2026"],
    "timezone": ["UTC", "Etc/GMT+12", "europe/london", "Nowhere/Land", "../../etc/passwd", "/etc/localtime",
                 "Europe/London/", "posix/Europe/London", "Factory", "x" * 1000, "Europe/" + "x" * 255],
    "edition": ["2026", "2025-26", "x" * 41, "-2026", "shortlist", "assets", "2026/27", "édition"],
    "image": ["judges/chair.png", "judges/missing.png", "../site.yaml", "/etc/passwd.png", "judges/chair.PNG",
              "judges/chair.svg", "judges//chair.png", ".hidden.png", "judges/chair.png\u0000.txt"],
    "colour": ["#005eb8", "#FFF", "#ffffff", "005eb8", "#12345", "#gggggg", "red", "#0000001"],
    "choice": ["winner", "Winner", "highly commended", "highly-commended "],
}
EDGE_VALUES: list[Any] = [value for values in EDGE_VALUES_BY_KIND.values() for value in values]


def probed_kind(tp: Any) -> str:
    """The key of EDGE_VALUES_BY_KIND whose values probe a field of type `tp` hardest."""
    found = kind(tp)
    return {"percent": "int", "text-or-mapping": "any", "text": "any"}.get(found, found)


# --- The invariant ---------------------------------------------------------------------------------

PAGES = ("index.html", "404.html", "sitemap.xml")


def content_files(folder: Path) -> set[str]:
    """The content files in `folder`, as problems name them."""
    names = {name for name in ("site.yaml", "judges.yaml") if (folder / name).is_file()}
    for sub in ("categories", "shortlist"):
        if (folder / sub).is_dir():
            names |= {f"{sub}/{p.name}" for p in (folder / sub).iterdir() if p.is_file()}
    return names


def _problems(call: typing.Callable[[], Any]) -> list[Problem] | None:
    """None if `call` returns; the problems if it raises ContentError. Anything else propagates."""
    try:
        call()
    except ContentError as error:
        return list(error.problems)
    return None


def _lines(path: Path) -> int:
    """The lines of a file as an editor counts them: ended by CRLF, LF or CR (not by U+0085 or U+2028)."""
    return len(re.split(rb"\r\n|\r|\n", path.read_bytes()))


def assert_well_placed(problems: list[Problem], folder: Path, what: str) -> None:
    assert problems, f"{what} raised ContentError with no problems"
    files = content_files(folder)
    for problem in problems:
        assert problem.file in files, f"{what}: problem names `{problem.file}`, not a content file: {problem}"
        assert PurePosixPath(problem.file).as_posix() == problem.file
        assert isinstance(problem.line, int) and 1 <= problem.line <= _lines(folder / problem.file), \
            f"{what}: problem is not on a line of {problem.file}: {problem}"
        assert problem.message.strip(), f"{what}: problem without a message: {problem}"


def build_or_report(folder: Path, out: Path) -> str:
    """Run check and build on `folder`, assert the invariant, and say whether it was `built` or `reported`.

    Any exception other than ContentError propagates: that is a failure of the invariant.
    """
    read: list[Any] = []  # the content, when check passes: its drafts are not published
    checked = _problems(lambda: read.append(pipeline.check(folder)))
    built = _problems(lambda: pipeline.build(folder, out))
    if checked is not None:
        assert_well_placed(checked, folder, "check")
    if built is not None:
        assert_well_placed(built, folder, "build")
    if checked is None and built is not None:
        raise AssertionError(f"check passed but build reported: {[p.format() for p in built]}")
    if checked is not None and built is None:
        raise AssertionError(f"check reported {[p.format() for p in checked]} but build built the site")
    if built is not None:
        assert not out.exists(), "a build that reported problems wrote its output folder"
        return "reported"
    missing = [page for page in PAGES if not (out / page).is_file()]
    drafts = {category.slug for category in read[0].categories if category.draft == "yes"} if read else set()
    categories = sorted(p.stem for p in (folder / "categories").glob("*.yaml") if p.stem not in drafts)
    missing += [f"categories/{slug}/index.html" for slug in categories  # a draft is not published
                if not (out / "categories" / slug / "index.html").is_file()]
    assert not missing, f"build succeeded but the site lacks {missing}"
    assert all((out / page).stat().st_size for page in PAGES), "build succeeded with an empty page"
    return "built"
