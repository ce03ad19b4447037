"""The news feed: a valid Atom 1.0 document (RFC 4287) that any feed reader takes, the same bytes every build."""

from __future__ import annotations

import html
import time
import xml.etree.ElementTree as ET

import feedparser
import pytest

from awardsite.feed import atom
from awardsite.model import NewsPost
from awardsite.urls import Urls

A = "{http://www.w3.org/2005/Atom}"
URLS = Urls("https://example.org/awards/")
TRICKY = "<script>alert(1)</script> Tom & Jerry's \"dŵr\" <b>"
POSTS = (
    NewsPost(slug="older", body="Older.", title="Entries open", date="2022-01-10"),  # GMT: +00:00
    NewsPost(slug="tricky", body="Tricky & <odd>.", title=TRICKY, date="2022-07-01", author="Siân Ŵyn",
             summary="Five & <five>", language="cy"),
    NewsPost(slug="alpha", body="Alpha.", title="Same day", date="2022-07-01", author="Ann"),
)


def render(post: NewsPost) -> str:
    """What the caller's markdown would give: HTML, with an absolute link."""
    return f'<p>{html.escape(post.body)} <a href="https://example.org/awards/news/{post.slug}/">link</a></p>'


def build(posts: tuple[NewsPost, ...] = POSTS, zone: str = "Europe/London") -> bytes:
    return atom("Riverside Awards", posts, URLS, zone, render, "en-GB")


def test_feedparser_reads_a_well_formed_atom_feed() -> None:
    parsed = feedparser.parse(build())
    assert parsed.bozo == 0 and parsed.version == "atom10"
    assert parsed.feed.id == "https://example.org/awards/news/"
    assert parsed.feed.title == "Riverside Awards"
    assert parsed.feed.author_detail.name == "Riverside Awards"
    assert parsed.feed.updated == "2022-07-01T00:00:00+01:00"  # the newest post's day, BST
    assert {(link.rel, link.href, link.type) for link in parsed.feed.links} == {
        ("self", "https://example.org/awards/feed.xml", "application/atom+xml"),
        ("alternate", "https://example.org/awards/news/", "text/html"),
    }


def test_entries_are_newest_first_then_by_slug_with_their_own_fields() -> None:
    entries = feedparser.parse(build()).entries
    assert [e.id for e in entries] == ["https://example.org/awards/news/alpha/",
                                       "https://example.org/awards/news/tricky/",
                                       "https://example.org/awards/news/older/"]
    assert [e.link for e in entries] == [e.id for e in entries]
    assert [(e.published, e.updated) for e in entries] == [
        ("2022-07-01T00:00:00+01:00",) * 2, ("2022-07-01T00:00:00+01:00",) * 2, ("2022-01-10T00:00:00+00:00",) * 2]
    assert entries[0].published_parsed == time.struct_time((2022, 6, 30, 23, 0, 0, 3, 181, 0))  # UTC
    assert [e.get("author") for e in entries] == ["Ann", "Siân Ŵyn", None]
    assert entries[1].summary == "Five & <five>"
    assert entries[1].content[0].type == "text/html"
    assert entries[1].content[0].value.startswith("<p>Tricky &amp; &lt;odd&gt;. <a href=")


def test_markup_in_a_title_stays_text() -> None:
    data = build()
    tricky = feedparser.parse(data).entries[1]
    assert tricky.title == TRICKY and tricky.title_detail.type == "text/plain"
    assert b"<script>" not in data
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; Jerry's \"dŵr\"" in data.decode()
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
    assert "dŵr".encode() in data  # UTF-8 itself, not a character reference


def test_every_element_rfc_4287_requires_once() -> None:
    feed = ET.fromstring(build())
    assert feed.tag == f"{A}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-GB"
    for name in ("id", "title", "updated", "author", "generator"):
        assert len(feed.findall(f"{A}{name}")) == 1, name
    entries = feed.findall(f"{A}entry")
    assert len(entries) == 3
    for entry in entries:
        for name in ("id", "title", "updated", "published", "content"):
            assert len(entry.findall(f"{A}{name}")) == 1, name
        assert [link.get("rel") for link in entry.findall(f"{A}link")] == ["alternate"]
        assert entry.find(f"{A}content").get("type") == "html"  # type: ignore[union-attr]
    assert [e.get("{http://www.w3.org/XML/1998/namespace}lang") for e in entries] == [None, "cy", None]
    assert [len(e.findall(f"{A}summary")) for e in entries] == [0, 1, 0]  # only where the post gives one


def test_the_same_posts_in_any_order_make_the_same_bytes() -> None:
    assert build(POSTS[::-1]) == build() == build(POSTS[1:] + POSTS[:1])


def test_a_feed_without_posts_is_valid_and_dated_by_the_epoch() -> None:
    data = build(())
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0 and parsed.version == "atom10" and parsed.entries == []
    assert parsed.feed.updated == "1970-01-01T00:00:00+00:00"
    assert build(()) == data


@pytest.mark.parametrize(("zone", "expected"), [("America/New_York", "2022-07-01T00:00:00-04:00"),
                                                ("Asia/Kolkata", "2022-07-01T00:00:00+05:30")])
def test_dates_are_midnight_in_the_programmes_zone(zone: str, expected: str) -> None:
    parsed = feedparser.parse(build(zone=zone))
    assert parsed.feed.updated == expected and parsed.entries[0].published == expected
