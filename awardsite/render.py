"""Render validated content into the whole site in memory: {output path: bytes}.

Templates see one context, documented in ARCHITECTURE.md; `url` (the Urls object)
is the only way they make addresses. Autoescape is on everywhere and undefined
names are errors.
"""

from __future__ import annotations

import datetime
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import datafiles, ical
from .errors import ContentError, Problem
from .markdown import first_sentence, inline, markdown
from .model import Category, Content, Entry
from .urls import Urls, page_file

BUILTIN = Path(__file__).resolve().parent.parent  # the repository: default templates/ and assets/


# Only the site's own files may run or style anything; content can never add a script.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; object-src 'none'")


@dataclass(frozen=True)
class Page:
    path: str  # site path relative to the root: "", "categories/x/", "404.html"
    template: str  # template file under templates/
    title: str  # the page's own title, before the site's
    description: str  # one line for search results and link previews
    category: Category | None = None  # the category a guidance or entry page is about
    entry: Entry | None = None  # the entry an entry page is about


def theme_folder(source: Path, name: str) -> Path:
    """The content folder's own `templates/` or `assets/`, else the built-in one."""
    own = source / name
    return own if own.is_dir() else BUILTIN / name


def render(content: Content, source: Path, base_url: str, today: datetime.date) -> dict[str, bytes]:
    """Render every page and copy every asset; raise ContentError on a template error."""
    env = _environment(theme_folder(source, "templates"))
    urls = Urls(base_url)
    context = {"site": content.site, "categories": content.categories, "shortlists": content.shortlists, "url": urls,
               "key_dates": ical.sorted_dates(content.site.key_dates), "today": today.isoformat(),
               "tags": all_tags(content), "results": awarded(content), "csp": CSP}
    context["pages"] = listed = pages(content)
    files: dict[str, bytes] = {}
    for page in listed:
        files[page_file(page.path)] = _render_page(env, page, context)
    files.update(_assets(theme_folder(source, "assets")))
    files.update(datafiles.files(content, urls))
    if content.site.key_dates:
        files["key-dates.ics"] = ical.key_dates_ics(content.site, urls, today)
    return files


def pages(content: Content) -> list[Page]:
    """Every page of the site, in a fixed order."""
    site = content.site
    listed = [Page("", "index.html", site.title, first_sentence(site.intro))]
    for category in content.categories:
        listed.append(Page(f"categories/{category.slug}/", "category.html", category.title, summary(category), category))
    if content.shortlists:
        listed.append(Page("shortlist/", "shortlist.html", "Shortlist", f"The shortlisted entries for {site.title}."))
    for category in content.categories:
        for entry in content.shortlists[category.slug].entries if category.slug in content.shortlists else ():
            about = f"{entry.organisation}: {result_label(entry.result)}, {category.title}."
            listed.append(Page(f"shortlist/{category.slug}/{entry.slug}/", "entry.html", entry.title, about,
                               category, entry))
    listed.append(Page("404.html", "404.html", "Page not found", "There is no page at this address."))
    listed.append(Page("sitemap.xml", "sitemap.xml", "Sitemap", ""))
    listed.append(Page("robots.txt", "robots.txt", "Robots", ""))
    return listed


def summary(category: Category) -> str:
    """The category's one-line summary: its own, or the first sentence of its intro."""
    return category.summary or first_sentence(category.intro)


def all_tags(content: Content) -> list[str]:
    """Every entry tag once, alphabetically, for the shortlist's filter."""
    found = {tag for shortlist in content.shortlists.values() for entry in shortlist.entries for tag in entry.tags}
    return sorted(found, key=str.casefold)


def awarded(content: Content) -> list[str]:
    """The results other than `shortlisted` that some entry has, best first."""
    given = {entry.result for shortlist in content.shortlists.values() for entry in shortlist.entries}
    return [result for result in ("winner", "highly-commended") if result in given]


def result_label(result: str) -> str:
    """How a result reads on the page: `highly-commended` -> `Highly commended`."""
    return result.replace("-", " ").capitalize()


# Spelt out here: strftime's names follow the machine's locale, and builds must not.
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def long_date(iso: str) -> str:
    """`2024-11-20` -> `Wednesday 20 November 2024`, as UK readers write it, whatever the locale."""
    day = datetime.date.fromisoformat(iso)
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _environment(folder: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,  # every template, whatever its extension: sitemap.xml too
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(markdown=markdown, inline=inline)
    env.filters.update(long_date=long_date)
    env.globals.update(summary=summary, result_label=result_label)
    return env


def _render_page(env: jinja2.Environment, page: Page, context: dict[str, Any]) -> bytes:
    try:
        template = env.get_template(page.template)
        return template.render(context, page=page).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError([Problem(f"templates/{exc.name or page.template}", exc.lineno or 1, exc.message or "")])
    except jinja2.TemplateNotFound as exc:
        raise ContentError([Problem(f"templates/{exc.name}", 1, "template not found")])
    except Exception as exc:  # an error inside a template: report where in the template
        file, line = _template_frame(page.template)
        raise ContentError([Problem(file, line, f"{type(exc).__name__}: {exc}")]) from exc


def _template_frame(default: str) -> tuple[str, int]:
    """The innermost template file and line in the current traceback."""
    found = (f"templates/{default}", 1)
    for frame in traceback.extract_tb(sys.exc_info()[2]):
        if frame.filename.endswith((".html", ".xml")) and frame.lineno:
            found = (f"templates/{Path(frame.filename).name}", frame.lineno)
    return found


def _assets(folder: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            files[f"assets/{relative.as_posix()}"] = path.read_bytes()
    return files
