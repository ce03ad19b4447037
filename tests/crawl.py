"""Crawl a served site from its home page as a visitor's browser would, and list what is broken."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin, urlsplit

from htmltools import Element, parse

LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "form": "action"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def fetch(url: str) -> tuple[int, str, bytes]:
    """Status, content type and body of `url`; error statuses are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def links(page: Element, base: str) -> list[str]:
    """Every address the page makes the browser load or lets the visitor follow."""
    found = []
    for tag, attribute in LINKING.items():
        for element in page.find_all(tag):
            value = element.attrs.get(attribute)
            if value is not None and not value.startswith(("mailto:", "tel:")):
                found.append(urljoin(base, value))
    return found


def crawl(start: str, extra: tuple[str, ...] = ()) -> tuple[set[str], list[str]]:
    """Follow every same-origin link from `start` (and `extra` pages); return (pages seen, problems)."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    queue, seen, problems = [start, *extra], set(), []
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []  # (page, target, from)
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        status, kind, body = fetch(url)
        if status != 200 and url not in extra:
            problems.append(f"{url}: HTTP {status}")
            continue
        targets: list[str] = []
        if kind.startswith("text/html"):
            page = parse(body)
            ids[url] = {e.attrs["id"] for e in page.find_all() if "id" in e.attrs}
            targets = links(page, url)
        elif kind.startswith("text/css"):
            targets = [urljoin(url, ref) for ref in CSS_URL.findall(body.decode("utf-8"))]
        for target in targets:
            address, fragment = urldefrag(target)
            if address.startswith(origin):
                queue.append(address)
                if fragment:
                    fragments.append((address, fragment, url))
    for address, fragment, source in fragments:
        if address in ids and fragment not in ids[address]:
            problems.append(f"{source}: links to #{fragment}, which {address} does not have")
    return seen, problems
