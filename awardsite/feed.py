"""`feed.xml`: the news as an Atom 1.0 feed (RFC 4287).

Every date is a post's day at midnight in the programme's time zone, so the same posts
always make the same bytes: the feed's `updated` is its newest post's, and 1970-01-01
(the Unix epoch, UTC) when there are none, never the clock of the build. ElementTree
writes every text and attribute, so nothing in a title or body can break the XML.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from .model import NewsPost
from .urls import FEED_FILE, NEWS_PAGE, Urls, post_page

ATOM = "http://www.w3.org/2005/Atom"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"  # ElementTree writes it as `xml:lang`
EPOCH = "1970-01-01T00:00:00+00:00"  # `updated` of a feed without posts: fixed, so builds are reproducible


def atom(title: str, posts: Sequence[NewsPost], urls: Urls, zone: str, render: Callable[[NewsPost], str],
         language: str) -> bytes:
    """The Atom feed of `posts`, newest first; `render` gives a post's body as HTML with absolute links."""
    ordered = newest_first(posts)
    feed = ET.Element("feed", {"xmlns": ATOM, _LANG: language})
    _text(feed, "id", urls.absolute(NEWS_PAGE))
    _text(feed, "title", title)
    _text(feed, "updated", stamp(ordered[0].date, zone) if ordered else EPOCH)
    _link(feed, "self", urls.absolute(FEED_FILE), "application/atom+xml")
    _link(feed, "alternate", urls.absolute(NEWS_PAGE), "text/html")
    _author(feed, title)  # the programme: RFC 4287 wants an author for the feed or for every entry
    _text(feed, "generator", "awardsite")
    for post in ordered:
        feed.append(entry(post, urls, zone, render, language))
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode").encode() + b"\n"


def entry(post: NewsPost, urls: Urls, zone: str, render: Callable[[NewsPost], str], language: str) -> ET.Element:
    """One post's `<entry>`; `xml:lang` only where the post's language is not the feed's."""
    item = ET.Element("entry", {_LANG: post.language} if post.language and post.language != language else {})
    address = urls.absolute(post_page(post.slug))
    _text(item, "id", address)
    _text(item, "title", post.title)
    _text(item, "published", stamp(post.date, zone))
    _text(item, "updated", stamp(post.date, zone))
    _link(item, "alternate", address, "text/html")
    if post.author:
        _author(item, post.author)
    if post.summary:
        _text(item, "summary", post.summary)
    ET.SubElement(item, "content", {"type": "html"}).text = render(post)  # escaped once by ElementTree
    return item


def newest_first(posts: Sequence[NewsPost]) -> list[NewsPost]:
    """Posts by date, newest first, then by slug: one order however they were given."""
    return sorted(sorted(posts, key=lambda post: post.slug), key=lambda post: post.date, reverse=True)


def stamp(day: str, zone: str) -> str:
    """`2022-10-31` in Europe/London -> `2022-10-31T00:00:00+00:00`: midnight there, RFC 3339 with its offset."""
    return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(), ZoneInfo(zone)).isoformat()


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _link(parent: ET.Element, rel: str, href: str, kind: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": kind, "href": href})


def _author(parent: ET.Element, name: str) -> None:
    _text(ET.SubElement(parent, "author"), "name", name)
