"""Property-based tests: whatever an editor writes, the build reports or renders it, never crashes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awardsite import model, render
from awardsite.content import load
from awardsite.errors import BuildError, ContentError
from awardsite.pipeline import build_date
from awardsite.urls import entry_slug
from awardsite.yamlwrite import dump
from conftest import MINIMAL, write_site
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
        folder = write_site(Path(temp), {which: text})
        try:
            content = load(folder)
        except ContentError as error:
            assert error.problems and all(p.line >= 1 and p.file for p in error.problems)
            return
        except BuildError:
            return
        render.render(content, folder, content.site.base_url, build_date())


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
        folder = write_site(Path(temp), files)
        content = load(folder)
        pages = render.render(content, folder, content.site.base_url, build_date())
    shortlist = parse(pages["shortlist/index.html"]).find("main").text()
    for text in (category, organisation, title, tag):
        assert normal(text) in shortlist
    entry_page = parse(pages[f"shortlist/first/{entry_slug(title.strip())}/index.html"])
    assert normal(entry_page.find("h1").text()) == normal(title)
    assert entry_page.find("meta", property="og:title").attrs["content"] == title.strip()
    home = parse(pages["index.html"])
    assert normal(home.find("h1").text()) == normal(site_title)
    assert normal(label) in home.find("ul", class_="key-dates").text()
    guidance = parse(pages["categories/first/index.html"]).find("main").text()
    assert normal(role) in guidance and normal(label) in guidance
    published = json.loads(pages["shortlist.json"])["categories"][0]["entries"][0]
    assert (published["organisation"], published["title"]) == (organisation.strip(), title.strip())
