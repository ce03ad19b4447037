"""The one place that knows the site's addresses and the base-path prefix.

GitHub Pages serves a project site under `/<repo>/`, so every internal link is
written as an absolute path that starts with the prefix taken from `base_url`.
Templates call these methods; they never join paths themselves.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import SplitResult, quote, unquote, urlsplit

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")


def slugify(text: str, limit: int = 60) -> str:
    """A slug from a title, cut at a hyphen to at most `limit` characters; "" if no letters."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()  # é -> e, ŵ -> w
    slug = re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-")
    slug = re.sub(r"^[0-9-]+", "", slug)  # a slug is also an HTML id: it starts with a letter
    if len(slug) > limit:
        slug = slug[:limit + 1].rsplit("-", 1)[0] if "-" in slug[:limit + 1] else slug[:limit]
    return slug


def entry_slug(title: str) -> str:
    """The page slug an entry gets from its title: `12:30` -> `entry-12-30`."""
    return slugify(title) or slugify(f"entry {title}")


def check_url(url: str) -> str | None:
    """Return why `url` is not an absolute http(s) address, or None if it is; never raises."""
    parts = _split(url)
    if parts is not None and (parts.scheme not in ("http", "https") or not parts.netloc or _INVISIBLE.search(url)):
        return f"must be an http:// or https:// address, not `{url}`"
    if parts is None or not parts.hostname:
        return (f"is not a web address that can be read: `{url}`; check the site name after `//` "
                "and any `:number` after it")
    return None


def _split(url: str) -> SplitResult | None:
    """`url` in parts, or None when a part cannot be read: `https://[bad/`, a port of `99999` or `abc`."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # reading the port checks it: a number from 0 to 65535
    except ValueError:
        return None
    return parts


def is_safe_link(url: str) -> bool:
    """True for links content may carry: relative, #fragment, http(s), mailto and tel."""
    cleaned = _INVISIBLE.sub("", url)
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in ("http", "https", "mailto", "tel")


class Urls:
    """Addresses of every page and asset, for one base URL, from the pages of one edition.

    Addresses never change once published. With editions (site.yaml's `edition`), each
    edition's pages live under its name: `/2025/categories/<slug>/`, `/2025/shortlist/<category>/<entry>/`,
    so a link shared in 2025 shows the same page in 2030. The programme's own pages (home,
    editions, library) are at the root. Without editions, everything is at the root.
    Methods given no `edition` mean the edition this Urls was made for.
    """

    def __init__(self, base_url: str, edition: str = "", split: frozenset[str] = frozenset()) -> None:
        parts = urlsplit(base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        # Percent-encoded, like the page part of every path, so links, the sitemap and canonical
        # addresses are URIs (ASCII); unquoted first so an already-encoded base_url is not encoded twice.
        path = quote(unquote(parts.path).strip("/"))
        self.prefix = "/" + path + "/" if path else "/"
        self.base_url = base_url
        self.edition = edition  # the edition whose pages these addresses are relative to; "" without editions
        self.split = split  # the editions whose shortlist gives each category its own page (lists.split_editions)

    def for_edition(self, edition: str) -> Urls:
        """The same site's addresses, seen from the pages of `edition`."""
        return Urls(self.base_url, edition, self.split)

    def path(self, page: str = "") -> str:
        """The site path of `page`, given relative to the site root (`shortlist/`)."""
        return self.prefix + quote(page.lstrip("/"))

    def absolute(self, page: str = "") -> str:
        """The full address of `page`, for canonical links and the sitemap."""
        return self.origin + self.path(page)

    def home(self) -> str:
        """The programme's home page, at the root."""
        return self.path("")

    def edition_home(self, edition: str | None = None) -> str:
        return self.path(edition_page(self._of(edition)))

    def category(self, slug: str, edition: str | None = None) -> str:
        return self.path(category_page(self._of(edition), slug))

    def shortlist(self, slug: str | None = None, edition: str | None = None) -> str:
        """The shortlist; given `slug`, that category's: its own page in a split edition, else its tab."""
        name = self._of(edition)
        if slug and name in self.split:
            return self.path(shortlist_category_page(name, slug))
        return self.path(shortlist_page(name)) + (f"#{slug}" if slug else "")

    def entry(self, category: str, entry: str, edition: str | None = None) -> str:
        """An entry's own page, under its category in the shortlist."""
        return self.path(entry_page(self._of(edition), category, entry))

    def winners(self, edition: str | None = None) -> str:
        return self.path(winners_page(self._of(edition)))

    def judges(self, edition: str | None = None) -> str:
        return self.path(judges_page(self._of(edition)))

    def editions(self) -> str:
        return self.path(EDITIONS_PAGE)

    def library(self) -> str:
        return self.path(LIBRARY_PAGE)

    def page(self, slug: str) -> str:
        """A page from `pages/<slug>.md`, at the root."""
        return self.path(text_page(slug))

    def news(self, slug: str | None = None) -> str:
        """The news index, or one post."""
        return self.path(post_page(slug) if slug else NEWS_PAGE)

    def feed(self) -> str:
        return self.path(FEED_FILE)

    def accessibility(self) -> str:
        return self.path(ACCESSIBILITY_PAGE)

    def calendar(self) -> str:
        return self.path(CALENDAR_FILE)

    def link(self, page: str) -> str:
        """A menu link's `page` (site.yaml's `nav` and `footer`): a built-in page's name or a page's slug."""
        builtin = {"home": self.home, "shortlist": self.shortlist, "winners": self.winners, "judges": self.judges,
                   "library": self.library, "editions": self.editions, "news": self.news, "feed": self.feed,
                   "accessibility": self.accessibility}
        return builtin[page]() if page in builtin else self.page(page)

    def asset(self, name: str) -> str:
        return self.path(f"assets/{name}")

    def media(self, name: str) -> str:
        """A picture from the repository's `media/` folder."""
        return self.path(f"media/{name}")

    def _of(self, edition: str | None) -> str:
        return self.edition if edition is None else edition


# Site paths of each kind of page, relative to the root; Urls adds the prefix. `edition` is "" without editions.
EDITIONS_PAGE = "editions/"
LIBRARY_PAGE = "library/"
NEWS_PAGE = "news/"
FEED_FILE = "feed.xml"
CALENDAR_FILE = "key-dates.ics"
ACCESSIBILITY_PAGE = "accessibility/"
# no edition may take these names
ROOT_FOLDERS = ("accessibility", "assets", "categories", "editions", "library", "media", "news", "shortlist")
# What a menu link's `page` may name besides the pages in `pages/`; no page may take these names either.
BUILTIN_PAGES = ("accessibility", "editions", "feed", "home", "judges", "library", "news", "shortlist", "winners")


def text_page(slug: str) -> str:
    return f"{slug}/"


def post_page(slug: str) -> str:
    return f"{NEWS_PAGE}{slug}/"


def edition_page(edition: str) -> str:
    return f"{edition}/" if edition else ""


def category_page(edition: str, slug: str) -> str:
    return f"{edition_page(edition)}categories/{slug}/"


def shortlist_page(edition: str) -> str:
    return f"{edition_page(edition)}shortlist/"


def shortlist_category_page(edition: str, category: str) -> str:
    """One category's shortlist, in an edition whose shortlist is split (lists.SPLIT_AT)."""
    return f"{shortlist_page(edition)}{category}/"


def entry_page(edition: str, category: str, entry: str) -> str:
    return f"{shortlist_category_page(edition, category)}{entry}/"


def winners_page(edition: str) -> str:
    return f"{edition_page(edition)}winners/"


def judges_page(edition: str) -> str:
    return f"{edition_page(edition)}judges/"


def page_file(page: str) -> str:
    """The output file for a page path: `shortlist/` -> `shortlist/index.html`."""
    return page + "index.html" if page == "" or page.endswith("/") else page
