"""The site's menu and footer links: site.yaml's `nav` and `footer`, or the defaults.

The default menu holds the home page, the edition's shortlist, winners and judges (once
there are any), the library, the news, every page in `pages/`, then every year. The
footer always links to the accessibility statement and to every page, so every page
can be reached from the home page without a template edit.
"""

from __future__ import annotations

from .model import Content, EditionContent, Link, Site
from .urls import Urls

Item = tuple[str, str]  # (label, address)


def menu(site: Site, edition: EditionContent, content: Content, urls: Urls, paths: frozenset[str],
         t: dict[str, str], here: str, winners: bool) -> tuple[tuple[str, str, bool], ...]:
    """The menu as (label, address, is the page shown) for a page at address `here`; `winners`: results are out.

    A tuple of texts, so pages with the same menu share their header (reused.once keys it by value).
    """
    items = [_link(link, urls) for link in site.nav] if site.nav else \
        _default(site, edition, content, urls, paths, t, winners)
    return tuple((label, href, href == here) for label, href in items)


def _default(site: Site, edition: EditionContent, content: Content, urls: Urls, paths: frozenset[str],
             t: dict[str, str], winners: bool) -> list[Item]:
    past = bool(site.edition) and not edition.current
    items = [(t["home"], urls.edition_home() if past else urls.home())]
    if edition.shortlists:
        items.append((t["shortlist"], urls.shortlist()))
    if winners:
        items.append((t["winners"], urls.winners()))
    if edition.panel:
        items.append((t["judges"], urls.judges()))
    if "library/" in paths:
        items.append((t["library"], urls.library()))
    if content.news:
        items.append((t["news"], urls.news()))
    items += [(page.title, urls.page(page.slug)) for page in content.pages if page.slug != "accessibility"]
    if site.edition:
        items.append((t["every_year"], urls.editions()))
    return items


def footer(site: Site, content: Content, urls: Urls, t: dict[str, str]) -> list[Item]:
    """The footer's links: site.yaml's `footer`, then every page not linked yet, then the accessibility statement."""
    items = [_link(link, urls) for link in site.footer]
    linked = {href for _, href in items}
    items += [(page.title, urls.page(page.slug)) for page in content.pages
              if urls.page(page.slug) not in linked and page.slug != "accessibility"]
    if urls.accessibility() not in linked:
        items.append((t["accessibility_statement"], urls.accessibility()))
    return items


def _link(link: Link, urls: Urls) -> Item:
    return (link.label, link.url or urls.link(link.page or "home"))
