"""Property-based tests: whatever an editor writes, the build reports or renders it, never crashes."""

from __future__ import annotations

import dataclasses
import datetime
import json
import tempfile
import typing
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from awardsite import model, pipeline
from awardsite.labels import Labels
from awardsite.urls import entry_slug
from awardsite.yamlwrite import dump
from conftest import MINIMAL, write_site
from contentfuzz import (EDGE_VALUES_BY_KIND, FILE_MODELS, FULL, HIDDEN, LABELS_SAMPLE, Plain, build_or_report,
                         dataclass_in,
                         editable_fields, format_path, general, item_type, kind, model_paths, optional_keys, probed_kind,
                         replaced, to_yaml, value_paths, without, write_files)
from htmltools import parse

EXAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIELD_NAMES = sorted({f for cls in (model.Site, model.Category, model.Entry, model.Contact, model.Criterion,
                                     model.KeyDate, model.Shortlist) for f in cls.__dataclass_fields__})

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["NO", "012", "12:30", "~", "2024-11-20", "!!", "&a"]))
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=12))
trees = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(keys, inner, max_size=5)), max_leaves=25)
documents = st.one_of(
    trees.map(lambda tree: yaml.safe_dump(tree, allow_unicode=True)),  # well-formed YAML of any shape
    st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}'\"#&*!|>%@`,?\\é")), max_size=80),  # mostly broken YAML
)


@EXAMPLES
@given(which=st.sampled_from(["site.yaml", "categories/first.yaml", "shortlist/first.yaml"]), text=documents)
def test_any_yaml_document_is_built_or_reported_never_crashes(which: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = write_site(Path(temp) / "content", {which: text})
        build_or_report(folder, Path(temp) / "out")  # a complete site, or problems at a file and line


# Text an editor might write or paste: any printable characters, markup and entities included.
# Control and bidirectional-override characters are refused by the validator (tested elsewhere).
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co", "Cn")),
    min_size=1, max_size=40,
).filter(lambda s: s.strip()) | st.sampled_from(["&amp;", "<b>x</b>", "a & b", "\"q\" 'a'", "{{ 7*7 }}", "&lt;",
                                                  "javascript:alert(1)", "%}{%"])


def normal(text: str) -> str:
    return " ".join(text.split())


@EXAMPLES
@given(site_title=texts, category=texts, organisation=texts, title=texts, role=texts,
       tag=texts.filter(lambda s: ";" not in s), label=texts)  # `;` separates tags: refused in one
def test_every_text_appears_in_the_pages_escaped_exactly_once(site_title: str, category: str, organisation: str,
                                                              title: str, role: str, tag: str, label: str) -> None:
    site = {"title": site_title, "base_url": "https://example.org/t/", "intro": "Intro.",
            "contacts": [{"role": role, "name": label}], "key_dates": [{"date": "2026-01-01", "label": label}]}
    entry = {"organisation": organisation, "title": title, "synopsis": "S.", "tags": [tag]}
    files = {"site.yaml": dump(site), "categories/first.yaml": MINIMAL["categories/first.yaml"].replace(
        "title: First award", dump({"title": category}).strip()), "shortlist/first.yaml": dump({"entries": [entry]})}
    with tempfile.TemporaryDirectory() as temp:
        folder = write_site(Path(temp) / "content", files)
        pipeline.build(folder, Path(temp) / "out")
        pages = {str(p.relative_to(Path(temp) / "out")): p.read_bytes() for p in (Path(temp) / "out").rglob("*")
                 if p.is_file()}
    shortlist = parse(pages["shortlist/index.html"]).find("main").text()
    for text in (category, organisation, title):
        assert normal(text) in shortlist
    assert unicodedata.normalize("NFC", normal(tag)) in shortlist  # tags are one spelling: NFC, single spaces
    entry_page = parse(pages[f"shortlist/first/{entry_slug(title.strip())}/index.html"])
    assert normal(entry_page.find("h1").text()) == normal(title)
    assert entry_page.find("meta", property="og:title").attrs["content"] == title.strip()
    home = parse(pages["index.html"])
    assert normal(home.find("h1").text()) == normal(site_title)
    assert normal(label) in home.find("ul", class_="key-dates").text()
    guidance = parse(pages["categories/first/index.html"]).find("main").text()
    assert normal(role) in guidance and normal(label) in guidance
    published = json.loads(pages["shortlist.json"])["editions"][0]["categories"][0]["entries"][0]
    assert (published["organisation"], published["title"]) == (organisation.strip(), title.strip())


# --- Any value in any field -------------------------------------------------------------------------
#
# The full site (conftest.MINIMAL with every optional field set, contentfuzz.FULL) has every
# field the model defines, and a timed and an all-day key date. Each field in each file, in
# turn, gets any value at all or one aimed at its kind; a few optional keys elsewhere may be
# left out too, since what is valid can depend on its neighbours (a date without a time).

FIELDS = [(name, path) for name, cls in FILE_MODELS.items() for path, _ in value_paths(cls, FULL[name])]
TYPES = {(name, path): tp for name, cls in FILE_MODELS.items() for path, tp in value_paths(cls, FULL[name])}
OPTIONAL = [(name, path) for name, cls in FILE_MODELS.items() for path in optional_keys(cls, FULL[name])]
FIELD_IDS = [f"{name}:{format_path(path)}" for name, path in FIELDS]
# Examples per field: every field is tried (about 50 of them: some 400 builds in all), rather
# than 200 examples spread by chance, which would leave a field a handful or none.
# No `explain` phase: re-running a failing build hundreds of times to annotate it took minutes.
FIELD_EXAMPLES = settings(max_examples=8, deadline=None, phases=[p for p in Phase if p is not Phase.explain],
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _repeat(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


# Any Unicode text but surrogates: controls, format, bidi and tag characters included.
any_character = st.characters(blacklist_categories=("Cs",)) | st.sampled_from([c for c in HIDDEN if len(c) == 1])
any_text = st.text(any_character, max_size=60)
long_text = st.builds(_repeat, st.sampled_from(["Long text ", "x", "é", "a\n", "\u202e"]), st.integers(1_000, 200_000))
huge_numbers = st.builds(lambda sign, digits, size: Plain(sign + _repeat(digits, size)),
                         st.sampled_from(["", "-", "+"]), st.sampled_from(["9", "10", "123456789"]),
                         st.integers(1_000, 12_000))  # thousands of digits
edge_scalars = st.sampled_from([v for v in EDGE_VALUES_BY_KIND["any"] if not isinstance(v, (list, dict))])
scalars = st.one_of(st.none(), st.booleans(), st.integers(), huge_numbers, st.floats(), any_text, st.just(""),
                    long_text, st.dates(), edge_scalars)
keys = st.sampled_from(sorted({f.name for cls in (model.Site, model.Category, model.Criterion, model.Contact,
                                                   model.Partner, model.KeyDate, model.Shortlist, model.Entry)
                               for f in editable_fields(cls)})) | any_text.filter(bool)
structures = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), any_text, st.dates()),
                          lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                          max_leaves=12)
any_value = st.one_of(scalars, structures)

in_range = st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 12, 31))  # the years model.DATE_PATTERN allows
dates = st.one_of(st.dates(), in_range, in_range.map(datetime.date.isoformat),
                  st.sampled_from(EDGE_VALUES_BY_KIND["date"]),
                  st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 10_000), st.integers(0, 13),
                            st.integers(0, 32)))
times = st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), st.sampled_from(EDGE_VALUES_BY_KIND["time"]),
                  st.builds("{:02d}:{:02d}".format, st.integers(0, 99), st.integers(0, 99)))
hosts = st.one_of(st.sampled_from(["example.org", "[::1]", "[bad", "bad]", "[bad]", "例え.jp", "x:99999", "x:-1",
                                   "user:pass@x", "exa mple.org", "", "a" * 300]), any_text)
urls = st.one_of(st.sampled_from(EDGE_VALUES_BY_KIND["url"]),
                 st.builds("{}://{}/{}".format, st.sampled_from(["http", "https", "HTTPS", "ftp", "javascript", ""]),
                           hosts, any_text))
numbers = st.one_of(st.integers(), st.integers(-101, 101), huge_numbers, st.sampled_from(EDGE_VALUES_BY_KIND["int"]),
                    st.floats(), st.builds("{}{}".format, st.sampled_from(["", " ", "+", "-", "0", "٣", "\u00a0"]),
                                           st.integers(0, 10**6)))
markdown = st.one_of(st.sampled_from(EDGE_VALUES_BY_KIND["markdown"]), any_text, long_text,
                     st.builds(_repeat, st.sampled_from(["> ", "[", "*a", "`", "<", "- ", "  ", "[x](", "&#"]),
                               st.integers(1, 20_000)))
BY_KIND: dict[str, Any] = {
    "date": dates,
    "time": times,
    "url": urls,
    "int": numbers,
    "percent": numbers,
    "email": st.one_of(st.emails(), st.sampled_from(EDGE_VALUES_BY_KIND["email"]),
                       st.builds("{}@{}".format, any_text, any_text)),
    "domain": st.one_of(st.sampled_from(EDGE_VALUES_BY_KIND["domain"]), st.from_regex(model.PATTERNS["domain"][0]),
                        hosts),
    "slug": st.one_of(st.sampled_from(EDGE_VALUES_BY_KIND["slug"]), st.from_regex(model.SLUG_PATTERN),
                      st.builds(_repeat, st.sampled_from(["a", "a-", "z9"]), st.integers(1, 2_000))),
    "tag": st.one_of(st.sampled_from(EDGE_VALUES_BY_KIND["tag"]), any_text),
    "choice": st.one_of(st.sampled_from(EDGE_VALUES_BY_KIND["choice"]), any_text),
    "markdown": markdown,
    "text": st.one_of(any_text, long_text),
    "text-or-mapping": st.one_of(any_text, st.dictionaries(st.sampled_from(["name", "url", "title"]), any_value,
                                                           max_size=3)),
}


def values_for(tp: Any) -> st.SearchStrategy[Any]:
    """Values for a field of type `tp`: any value at all, or one aimed at its kind (dates at a date...)."""
    found = kind(tp)
    if found == "list":
        aimed = st.lists(values_for(item_type(tp)), max_size=4)
    elif found == "mapping":
        names = [f.name for f in editable_fields(dataclass_in(tp))]
        aimed = st.dictionaries(st.sampled_from(names) | any_text, any_value, max_size=len(names) + 1)
    else:
        aimed = BY_KIND.get(found, BY_KIND["text"])  # a kind added to the model later: text, at least
    return st.one_of(aimed, any_value)


def _overlaps(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return a[:len(b)] == b or b[:len(a)] == a


def test_the_full_site_has_every_field_of_the_model() -> None:
    for cls in set(FILE_MODELS.values()):
        given = {general(path) for name in FILE_MODELS if FILE_MODELS[name] is cls
                 for path, _ in value_paths(cls, FULL[name])}
        expected = {path for path in model_paths(cls) if not path.startswith("labels.")}
        expected |= {f"labels.{key}" for key in LABELS_SAMPLE} if cls is model.Site else set()
        # A picture gives `alt` or `decorative`, never both: one of them covers both paths of that picture.
        assert _either_alt(given) == _either_alt(expected), cls.__name__
    assert any(p.endswith(".decorative") for name in FILE_MODELS for p in map(general, dict(
        value_paths(FILE_MODELS[name], FULL[name])))), "no decorative picture in the full site"


def _either_alt(paths: set[str]) -> set[str]:
    return {p.removesuffix(".decorative") + ".alt" if p.endswith(".decorative") else p for p in paths}


def test_every_label_is_optional_text_so_a_sample_of_them_stands_for_all() -> None:
    hints = typing.get_type_hints(Labels)
    assert {f.name for f in dataclasses.fields(Labels)} >= set(LABELS_SAMPLE)
    assert all(hints[f.name] == typing.Optional[str] and f.default is None for f in dataclasses.fields(Labels))


def test_the_full_site_builds(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "content", {name: to_yaml(data) for name, data in FULL.items()})
    assert build_or_report(folder, tmp_path / "out") == "built"


# Keys whose removal needs another removed too: without site.yaml's focus areas, an entry cannot name one.
# Within a stage, weights are given for all criteria or none.
_WEIGHTS = [("categories/second.yaml", ("stages", 0, "criteria", n, "weight")) for n in (0, 1)]
NEEDS = {("site.yaml", ("focus_areas",)): [("shortlist/first.yaml", ("entries", 0, "focus_areas"))],
         ("site.yaml", ("groups",)): [(f"categories/{name}.yaml", ("group",)) for name in ("first", "second", "third")],
         _WEIGHTS[0]: [_WEIGHTS[1]], _WEIGHTS[1]: [_WEIGHTS[0]]}


@pytest.mark.parametrize("name,path", OPTIONAL, ids=[f"{n}:{format_path(p)}" for n, p in OPTIONAL])
def test_the_full_site_builds_without_each_optional_key(name: str, path: tuple[Any, ...], tmp_path: Path) -> None:
    data = {n: without(d, path) if n == name else d for n, d in FULL.items()}
    for other, other_path in NEEDS.get((name, path), ()):  # a vocabulary goes with the keys that use it
        data[other] = without(data[other], other_path)
    files = {n: to_yaml(d) for n, d in data.items()}
    assert build_or_report(write_files(tmp_path / "content", files), tmp_path / "out") == "built"


@pytest.mark.parametrize("name,path", FIELDS, ids=FIELD_IDS)
@FIELD_EXAMPLES
@given(draw=st.data(), left_out=st.sets(st.sampled_from(OPTIONAL), max_size=3))
def test_any_value_in_any_field_is_built_or_reported_never_crashes(
        name: str, path: tuple[Any, ...], draw: st.DataObject, left_out: set[tuple[str, tuple[Any, ...]]]) -> None:
    value = draw.draw(values_for(TYPES[name, path]), label="value")
    data = {n: d for n, d in FULL.items()}
    data[name] = replaced(data[name], path, value)
    for other_name, other in sorted(left_out, key=str):
        if not (other_name == name and _overlaps(other, path)):
            data[other_name] = without(data[other_name], other)
    with tempfile.TemporaryDirectory() as temp:
        folder = write_files(Path(temp) / "content", {n: to_yaml(d) for n, d in data.items()})
        build_or_report(folder, Path(temp) / "out")


# The same invariant, deterministically: each field gets every edge value of its own kind
# (contentfuzz.EDGE_VALUES_BY_KIND: dates at dates, numbers at numbers, addresses at addresses).
# Chance finds most of these too, but not every run; these run every time.
KIND_EDGES = [(name, path, index) for name, path in FIELDS
              for index in range(len(EDGE_VALUES_BY_KIND.get(probed_kind(TYPES[name, path]), [])))
              if probed_kind(TYPES[name, path]) != "any"]


@pytest.mark.parametrize("name,path,index", KIND_EDGES,
                         ids=[f"{n}:{format_path(p)}={probed_kind(TYPES[n, p])}{i}" for n, p, i in KIND_EDGES])
def test_every_field_takes_every_edge_value_of_its_kind(name: str, path: tuple[Any, ...], index: int,
                                                       tmp_path: Path) -> None:
    value = EDGE_VALUES_BY_KIND[probed_kind(TYPES[name, path])][index]
    files = {n: to_yaml(replaced(d, path, value) if n == name else d) for n, d in FULL.items()}
    build_or_report(write_files(tmp_path / "content", files), tmp_path / "out")
