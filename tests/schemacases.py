"""Cases for the schema parity test: one content file per key and value, for every model class.

Each case is one content file, written from the model: the least a valid file needs, with one key
given one value (valid, invalid or on an edge), or a required key left out, or an unknown key added.
`verdicts` checks each with the real `check` (content.load on a whole folder) and with the schema
`build.py schema` writes for that folder, applied to the file as VS Code's YAML extension reads it
(test_schema.as_json).
"""

from __future__ import annotations

import copy
import functools
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import jsonschema
import yaml

from awardsite import kinds, model
from awardsite.content import load
from awardsite.errors import ContentError
from awardsite.kinds import Either, Kind, ListOf, Record, Shape
from awardsite.schema import FILES, schema_for, site_of
from conftest import ROOT, write_site
from test_schema import as_json

FILE_PATHS = {"site": "site.yaml", "category": "categories/first.yaml", "shortlist": "shortlist/first.yaml",
              "edition": "editions/2024/edition.yaml", "judges": "judges.yaml"}
PICTURE = "judges/ann-example.png"  # made in the folder, so a picture's file exists

# One valid value (as written in YAML) per kind, where the registry's example needs more.
VALID = {"colour": '"#005eb8"', "image": PICTURE, "text": "Plain words", "markdown": "Some *markdown*."}
# Valid values that depend on other files: these name what the base folder has.
VALID_FOR = {(model.Judge, "categories"): "first", (model.Entry, "focus_areas"): "maternity",
             (model.Entry, "result"): "winner"}
# Keys a base record needs beyond its required ones, for rules across its fields.
BASE_EXTRA: dict[type, dict[str, Any]] = {
    model.Picture: {"alt": "A blue circle"}, model.Link: {"url": "https://example.org/"},
    model.Category: {"criteria": [{"heading": "Ambition"}]},
    model.Panel: {"judges": [{"name": "Ann", "role": "Nurse"}]},
    model.Site: {"edition": '"2025"', "focus_areas": [{"slug": "maternity", "label": "Maternity care"}]}}

TEXT = ["Plain words", '"quoted words"', "2025", '"2025"', "25.0", "true", '"true"', "False", "yes", "no", '"   "',
        '""', r'"a\u202Eb"', r'"zero\u200Bwidth"', "'#not a comment'", '" padded "', "~"]
CASES: dict[str, list[str]] = {
    "text": TEXT,
    "markdown": TEXT + ['"![a picture](https://example.org/x.png)"',
                        '"*emphasis* and [a link](https://example.org/)"'],
    "number": ["25", "25.0", "+25", '"3"', '" 3 "', "-1", "0", "999999", "1000000", "-999999", "-1000000", "25.5",
               '"25.5"', "three", "2.5e1", "0x19", "0o31", ".inf", ".nan", "true", '"30%"', "007"],
    "percent": ["25", "25.0", "+25", '"3"', "-1", "0", "100", "100.0", '"100 %"', "101", "25.5", '"25.5"', "30%",
                '"30 %"', "30 %", "-0", "-5%", "2.5e1", "0x19", "true", "twenty", "100.00%"],
    "date": ["2025-02-28", "2025-02-30", "2024-02-29", "2025-02-29", "1900-02-29", "2000-02-29", "2100-02-29",
             "1899-12-31", "1900-01-01", "2200-12-31", "2201-01-01", '"2025-02-28"', "2025-2-28", "20250228",
             "2025-13-01", "2025-04-31", "2025-04-30", "2025-00-10", "2025-01-00", "2025-02-28 17:00"],
    "moment": ["2025-05-23 17:00", "2025-05-23", "2025-02-30 17:00", "2024-02-29 09:00", "2025-05-23 24:00",
               "2025-05-23T17:00", "2025-05-23 7:00", "2025-05-23 17:00:00", "23/05/2025"],
    "time": ["18:30", '"18:30"', "00:00", "23:59", "24:00", "6:30", "18:60", "1830", "18.30"],
    "url": ["https://example.org/", "http://example.org", "https://example.org:8080/x?y=1#z", "ftp://example.org/",
            "example.org", "https://", "https://example.org:99999/", "https://example.org:65535/",
            "https://user@example.org/", "https://[::1]/", '"https://[bad/"', "javascript:alert(1)",
            '"https://exa mple.org/"', r'"https://example.org/\u200B"', "mailto:a@example.org", "https://:80/"],
    "email": ["entries@example.org", "a.b+c@ex-ample.org", '"Ann <a@example.org>"', "a@localhost", "@example.org",
              "a@b@example.org", "a@example..org", '" a@example.org "'],
    "slug": ["first-award", "first", "First", "1st", "a", "a-", '"a_b"', "a" * 100, "a" * 101, "first award"],
    "tag": ["Mental health", "a;b", "2024", '"2024"', '"   "', "true", r'"a\u202Eb"'],
    "domain": ["awards.example.org", "Awards.example.org", "https://awards.example.org", "localhost", "a.bc"],
    "edition": ["2025", '"2025"', "2025-26", "2025.5", "-2025", "true", '"a b"', "x" * 41],
    "image": [PICTURE, "judges/ann.bmp", "../x.jpg", "/x.jpg", "judges/missing.png", "Judges/Ann Example.png"],
    "timezone": ["Europe/London", "America/Argentina/Buenos_Aires", "Mars/Base", "europe london", "UTC"],
    "language": ["cy", "en-GB", "english", "e", "en_GB"],
    "colour": ['"#005eb8"', '"#fff"', '"005eb8"', "#005eb8", '"#ggg"', '"#005EB8"'],
}
FULL = 2
WRONG_SHAPES = ["[a, b]", "{a: b}", ""]  # a list, a mapping, nothing: wrong for a scalar key


@dataclass(frozen=True)
class Case:
    file: str  # the schema's name: site, category...
    cls: type  # the model class the key belongs to
    key: str  # the key given, left out (`-key`) or added (`+key`)
    written: str  # the value as written in YAML
    text: str  # the whole file




def _scalar(shape: Shape) -> Optional[Kind]:
    if isinstance(shape, Either) and len(shape.options) == 1:
        shape = shape.options[0]
    return shape if isinstance(shape, Kind) else None


def _emit(value: dict[str, Any], indent: int = 0) -> list[str]:
    """Block YAML for a mapping whose leaves are already YAML text."""
    pad, lines = " " * indent, []
    for key, item in value.items():
        if isinstance(item, dict) and item:
            lines += [f"{pad}{key}:", *_emit(item, indent + 2)]
        elif isinstance(item, list) and item:
            lines.append(f"{pad}{key}:")
            for element in item:
                inner = _emit(element, indent + 4) if isinstance(element, dict) and element else [_leaf(element)]
                lines += [f"{pad}  - {inner[0].strip()}", *inner[1:]]
        else:
            lines.append(f"{pad}{key}: {_leaf(item)}".rstrip())
    return lines


def _leaf(item: Any) -> str:
    return "{}" if item == {} else "[]" if item == [] else str(item)


def valid_value(cls: type, key: kinds.Key) -> Any:
    """A value `check` accepts for `key` of `cls`, in the base folder."""
    if (cls, key.name) in VALID_FOR:
        value = VALID_FOR[(cls, key.name)]
        return [value] if isinstance(key.shape, ListOf) else value
    return _valid_shape(key.shape)


def _valid_shape(shape: Shape) -> Any:
    if isinstance(shape, Either):
        return _valid_shape(shape.options[0])
    if isinstance(shape, ListOf):
        return [_valid_shape(shape.item)]
    if isinstance(shape, Record):
        return minimal(shape.cls)
    return VALID.get(shape.name, shape.example)


def minimal(cls: type) -> dict[str, Any]:
    """The least a valid mapping of `cls` holds: its required keys, one of ONE_OF, and BASE_EXTRA's."""
    keys = kinds.keys(cls)
    one_of = getattr(cls, "ONE_OF", ())
    wanted = {k.name for k in keys if k.required} | set(BASE_EXTRA.get(cls, {})) | set(one_of[:1])
    if cls in BASE_EXTRA:
        wanted -= set(one_of) - set(BASE_EXTRA[cls])
    return {k.name: BASE_EXTRA.get(cls, {}).get(k.name, valid_value(cls, k)) for k in keys if k.name in wanted}


def places() -> Iterator[tuple[str, type, list[str]]]:
    """(file, model class, path of keys to it) for every model class a schema file holds, each once."""
    seen: set[type] = set()
    # edition.yaml first: the classes it shares with site.yaml (groups, key dates) are tested where no
    # category has to name a group
    queue: list[tuple[str, type, list[str]]] = [(name, FILES[name], []) for name in sorted(FILES, key=_edition_first)]
    while queue:
        name, cls, path = queue.pop(0)
        if cls in seen:
            continue
        seen.add(cls)
        yield name, cls, path
        for key in kinds.keys(cls):
            for record in _records(key.shape):
                queue.append((name, record, [*path, key.name]))


def _edition_first(name: str) -> tuple[bool, str]:
    return name != "edition", name


def _records(shape: Shape) -> Iterator[type]:
    if isinstance(shape, Record):
        yield shape.cls
    elif isinstance(shape, ListOf):
        yield from _records(shape.item)
    elif isinstance(shape, Either):
        for option in shape.options:
            yield from _records(option)


def _document(file: str, path: list[str], change: Callable[[dict[str, Any]], None]) -> str:
    """The file `file` with the record at `path` made (minimal) and then changed."""
    root_cls = FILES[file]
    document = copy.deepcopy(BASE_DOCUMENTS[file])
    if path[:1] == ["stages"]:
        del document["criteria"]  # a category gives criteria or stages
    holder, cls = document, root_cls
    for step in path:
        key = next(k for k in kinds.keys(cls) if k.name == step)
        record = next(_records(key.shape))
        if step not in holder:
            holder[step] = [minimal(record)] if _is_list(key.shape) else minimal(record)
        holder = holder[step][0] if _is_list(key.shape) else holder[step]
        cls = record
    change(holder)
    return "\n".join(_emit(document)) + "\n"


def _is_list(shape: Shape) -> bool:
    options = shape.options if isinstance(shape, Either) else (shape,)
    return any(isinstance(option, ListOf) for option in options)


BASE_DOCUMENTS = {name: minimal(cls) for name, cls in FILES.items()}


def cases() -> Iterator[Case]:
    """Every case: each key of each model class given each value its kind's cases list, or its shape's.

    After a class's first FULL keys of one kind (Labels has hundreds of keys of text), a key gets its kind's
    first value and an empty one: the shape's own cases have been tried on the first keys.
    """
    for file, cls, path in places():
        seen: dict[str, int] = {}
        for key in kinds.keys(cls):
            kind = _scalar(key.shape) or (_scalar(key.shape.item) if isinstance(key.shape, ListOf) else None)
            values = list(CASES.get(kind.name, []) if kind and kind.name != "choice" else [])
            if kind:
                seen[kind.name] = seen.get(kind.name, 0) + 1
                values = values if seen[kind.name] <= FULL else [values[0], '""'] if values else []
            if kind and kind.name == "choice":
                values = [f'"{kind.example}"', *_choices(kind), "maybe", "true", "Yes"]
            if isinstance(key.shape, ListOf):
                values = [f"[{v}]" for v in values if v and not v.startswith(("{", "[", "~"))] + ["[]", "x"]
                values += [f"[{VALID_FOR[(cls, key.name)]}]"] if (cls, key.name) in VALID_FOR else []
            elif kind is None:
                values = ["x", "[]"]
            values += WRONG_SHAPES if not kind or seen[kind.name] <= FULL else []
            for written in dict.fromkeys(values):
                yield Case(file, cls, key.name, written, _document(file, path, _setter(key.name, written)))
            if key.required:
                yield Case(file, cls, f"-{key.name}", "", _document(file, path, lambda h, k=key.name: h.pop(k, None)))
        yield Case(file, cls, "+tilte", "x", _document(file, path, _setter("tilte", "x")))


def _choices(kind: Kind) -> list[str]:
    return list(kind.schema["enum"])


def _setter(key: str, written: str) -> Callable[[dict[str, Any]], None]:
    def change(holder: dict[str, Any]) -> None:
        holder[key] = written
    return change


@functools.cache
def verdicts(folder: Path) -> list[tuple[Case, bool, list[str]]]:
    """(case, the schema's verdict, check's problems) for every case, in `folder` (the base site)."""
    site = site_of(folder)
    validators = {name: jsonschema.Draft7Validator(schema_for(cls, name, site)) for name, cls in FILES.items()}
    found = []
    base = {name: (folder / path).read_text() for name, path in FILE_PATHS.items()}
    written = None  # the file a case has changed: put back when the next case is in another
    for case in cases():
        if written and written != case.file:
            (folder / FILE_PATHS[written]).write_text(base[written])
        (folder / FILE_PATHS[case.file]).write_text(case.text)
        written = case.file
        try:
            load(folder)
            problems: list[str] = []
        except ContentError as error:
            problems = [p.format() for p in error.problems]
        try:
            valid = validators[case.file].is_valid(as_json(case.text))
        except yaml.YAMLError:  # `[#005eb8]`: not YAML to editors' tools either, so refused by both
            valid = False
        found.append((case, valid, problems))
    (folder / FILE_PATHS[written]).write_text(base[written]) if written else None
    return found


def base_folder(tmp: Path) -> Path:
    folder = write_site(tmp / "content", {})
    for name, text in BASE_DOCUMENTS.items():
        (folder / FILE_PATHS[name]).parent.mkdir(parents=True, exist_ok=True)
        (folder / FILE_PATHS[name]).write_text("\n".join(_emit(text)) + "\n")
    load(folder)  # the base folder passes check
    picture = folder / "media" / PICTURE
    picture.parent.mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "riverside-awards" / "media" / "judges" / "amara-okafor-example.png", picture)
    return folder
