"""Every page of the site, in a fixed order: what each is about, and which template makes it.

The programme's own pages (home, every edition, library, news, pages from `pages/`,
the accessibility statement) come first, then each edition's. An edition's shortlist is
one page of tabs, or beyond `lists.SPLIT_AT` entries an index and one page per category.
A page's language is its category's or text page's own `language`, else site.yaml's.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import labels
from .crosscheck import SUMMARY_WORDS
from .lists import split
from .markdown import first_sentence
from .model import Category, Content, EditionContent, Entry, NewsPost, Site, TextPage
from .urls import ACCESSIBILITY_PAGE, EDITIONS_PAGE, LIBRARY_PAGE, NEWS_PAGE, category_page, edition_page, \
    entry_page, judges_page, post_page, shortlist_category_page, shortlist_page, text_page, winners_page


@dataclass(frozen=True)
class Page:
    path: str  # site path relative to the root: "", "2025/categories/x/", "404.html"
    template: str  # template file under templates/
    title: str  # the page's own title, before the edition's
    description: str  # one line for search results and link previews
    edition: EditionContent  # the edition it belongs to (the current one for the programme's own pages)
    category: Category | None = None  # the category a guidance or entry page is about
    entry: Entry | None = None  # the entry an entry page is about
    redirect: str = ""  # for a page that only sends visitors on: the site path it sends them to
    text: TextPage | NewsPost | None = None  # the page from `pages/` or the news post it shows
    language: str = ""  # the language of its content (a BCP 47 tag); site.yaml's if ""


def pages(content: Content) -> list[Page]:
    """Every page of the site, in a fixed order: the programme's own, then each edition's."""
    words = _words(content.site)
    current, with_editions = content.current, bool(content.site.edition)
    listed = [Page("", "index.html", current.info.title, first_sentence(current.info.intro), current)]
    if with_editions:
        listed.append(Page(EDITIONS_PAGE, "editions.html", words["every_edition"],
                           f"Every year of {current.info.title}, with its categories, shortlists and winners.", current))
    if any(edition.shortlists for edition in content.editions):
        listed.append(Page(LIBRARY_PAGE, "library.html", words["library_title"],
                           "Every shortlisted project, searchable by focus area, year, category and result.", current))
    for edition in content.editions:
        listed += edition_pages(content.site, edition, with_editions)
    if with_editions:
        listed += latest_redirects(content)
    listed += programme_pages(content)
    listed.append(Page("404.html", "404.html", words["page_not_found"], "There is no page at this address.", current))
    listed.append(Page("sitemap.xml", "sitemap.xml", "Sitemap", "", current))
    listed.append(Page("robots.txt", "robots.txt", "Robots", "", current))
    return listed


def edition_pages(site: Site, edition: EditionContent, with_editions: bool) -> list[Page]:
    """One edition's pages: its home (with editions), categories, shortlist, entries, winners, judges."""
    words = _words(site)
    name, title = edition.name, edition.info.title
    listed = [Page(edition_page(name), "index.html", title, first_sentence(edition.info.intro), edition)] \
        if with_editions else []
    for category in edition.categories:
        listed.append(Page(category_page(name, category.slug), "category.html", category.title, summary(category),
                           edition, category, language=category.language or ""))
    listed += shortlist_pages(site, edition)
    labels = {r.slug: r.label for r in site.result_names()}
    for category in edition.categories:
        for entry in edition.shortlists[category.slug].entries if category.slug in edition.shortlists else ():
            about = f"{entry.organisation}: {labels[entry.result or '']}, {category.title}, {title}."
            listed.append(Page(entry_page(name, category.slug, entry.slug or ""), "entry.html", entry.title, about,
                               edition, category, entry, language=category.language or ""))
    if awarded(site, edition):
        listed.append(Page(winners_page(name), "winners.html", words["winners_year"].replace("{year}", name).strip(),
                           f"The winners and highly commended of {title}, with the judges' citations.", edition))
    if edition.panel:
        listed.append(Page(judges_page(name), "judges.html", words["the_judges"], f"Who judges {title}.", edition))
    return listed


def shortlist_pages(site: Site, edition: EditionContent) -> list[Page]:
    """The shortlist once published: one page of tabs, or beyond SPLIT_AT entries an index and a page per category."""
    if not edition.shortlists:
        return []
    name, title = edition.name, edition.info.title
    if not split(edition):
        return [Page(shortlist_page(name), "shortlist.html", _words(site)["shortlist"],
                     f"The shortlisted entries for {title}.", edition)]
    listed = [Page(shortlist_page(name), "shortlist-index.html", _words(site)["shortlist"],
                   f"The shortlisted entries for {title}, category by category.", edition)]
    heading = "winners_and_shortlist_for" if awarded(site, edition) else "shortlist_for"
    for category in edition.categories:
        if category.slug in edition.shortlists:
            words = labels.table(category.language or site.language, site.language, site.labels)
            count = len(edition.shortlists[category.slug].entries)
            about = f"The {count} {'entry' if count == 1 else 'entries'} shortlisted for {category.title}, {title}."
            listed.append(Page(shortlist_category_page(name, category.slug), "shortlist-category.html",
                               words[heading].replace("{award}", category.title), about, edition, category,
                               language=category.language or ""))
    return listed


def latest_redirects(content: Content) -> list[Page]:
    """`categories/<slug>/` and `shortlist/` at the root: the latest edition's page of that name."""
    words = _words(content.site)
    redirects, seen = [], set()
    for edition in content.editions:  # the current edition first, then the newest past one
        for category in edition.categories:
            if category.slug not in seen:
                seen.add(category.slug)
                redirects.append(Page(category_page("", category.slug), "redirect.html", category.title,
                                      summary(category), edition, category,
                                      redirect=category_page(edition.name, category.slug)))
    latest = next((edition for edition in content.editions if edition.shortlists), None)
    if latest:  # the newest published shortlist: a new edition has none until it is announced
        redirects.append(Page(shortlist_page(""), "redirect.html", words["shortlist"], "The latest shortlist.",
                              latest, redirect=shortlist_page(latest.name)))
    return redirects


def programme_pages(content: Content) -> list[Page]:
    """Pages from `pages/`, the accessibility statement (unless `pages/accessibility.md` replaces it) and news."""
    words = _words(content.site)
    current = content.current
    listed = [Page(text_page(page.slug), "page.html", page.title, page.summary or first_sentence(page.body),
                   current, text=page, language=page.language or "") for page in content.pages]
    if not any(page.slug == "accessibility" for page in content.pages):
        listed.append(Page(ACCESSIBILITY_PAGE, "accessibility.html", words["accessibility_statement"],
                           f"How accessible {current.info.title}'s website is, and how to report a problem.", current))
    if content.news:
        listed.append(Page(NEWS_PAGE, "news.html", words["news"], f"News from {current.info.title}.", current))
    listed += [Page(post_page(post.slug), "post.html", post.title, post.summary or first_sentence(post.body),
                    current, text=post, language=post.language or "") for post in content.news]
    return listed


def _words(site: Site) -> dict[str, str]:
    """The labels in the site's language: the built-in pages' titles are written in it."""
    return labels.table(site.language, site.language, site.labels)


def summary(category: Category) -> str:
    """The category's one-line summary: its own, or its intro's first sentence, cut to 25 words if longer."""
    if category.summary:
        return category.summary
    words = first_sentence(category.intro).split()
    return " ".join(words) if len(words) <= SUMMARY_WORDS else " ".join(words[:SUMMARY_WORDS]).rstrip(",;:") + "…"


def awarded(site: Site, edition: EditionContent) -> list[str]:
    """The results other than the last (`shortlisted`) that some entry of the edition has, best first."""
    given = {entry.result for shortlist in edition.shortlists.values() for entry in shortlist.entries}
    return [r.slug for r in site.result_names()[:-1] if r.slug in given]


