"""The content model: the one definition that validation, schemas and docs read.

Each field's `doc` is the sentence editors see in the format reference. Types are
plain Python types with a few `Annotated` kinds the validator checks further.
Fields marked `derived` are not keys in the file: a `slug` comes from the file name,
and `where` (every class has one) records the file and lines the object was read from.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, is_dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Optional, TypeGuard, Union

from .labels import Labels

if TYPE_CHECKING:
    from .errors import Problem
    from .sources import Sources

Markdown = Annotated[str, "markdown"]  # rendered with raw HTML off
Url = Annotated[str, "url"]  # an absolute http(s) address
Email = Annotated[str, "email"]  # a plain address: name@example.org
Percent = Annotated[int, "percent"]  # a whole number from 0 to 100
Slug = Annotated[str, "slug"]  # lower-case letters, digits and hyphens
Date = Annotated[str, "date"]  # 2024-11-20: never a YAML timestamp
Time = Annotated[str, "time"]  # 18:30, 24-hour clock, UK time: never a YAML sexagesimal number
Domain = Annotated[str, "domain"]  # awards.example.org
Tag = Annotated[str, "tag"]  # a topic; no `;`, which separates tags in the CSV file
Moment = Annotated[str, "moment"]  # `2025-05-23 17:00` (or a date alone) in the programme's time zone
Zone = Annotated[str, "timezone"]  # an IANA time zone name: `Europe/London`
Image = Annotated[str, "image"]  # a picture's path under `media/`: `judges/ann.jpg`
EditionName = Annotated[str, "edition"]  # `2025`, `2025-26`: a folder name and part of addresses
Language = Annotated[str, "language"]  # a BCP 47 tag: `en-GB`, `cy`
Colour = Annotated[str, "colour"]  # `#005eb8`: a hex colour, written in quotes (an unquoted `#` starts a comment)
YesNo = Literal["yes", "no"]  # a switch: YAML 1.1 reads `yes` as true, so the model reads it as the word

SLUG_PATTERN = r"^[a-z][a-z0-9-]{0,99}$"  # at most 100 characters: a slug is a file and folder name
# Ids the templates give parts of a page. A category's slug is the id of its tab panel, so
# it may not be one of these: the templates read this list (`ids`), and so does the validator.
RESERVED_IDS = ("main", "categories", "eligibility", "criteria", "how-to-enter", "contacts", "key-dates", "tabs-title",
                "finder-query", "finder-status", "finder-result", "finder-tag", "finder-focus", "finder-filters",
                "category-picker", "library-q", "library-focus",
                "library-edition", "library-category", "library-result")
EMAIL_PATTERN = r"^[^@\s<>()\[\]\\,;:\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
# The schema's rough check (userinfo@, a host name or [IPv6], :port); urls.check_url is the exact one.
URL_PATTERN = r"^https?://([^\s/?#@\[\]]*@)?([^\s/?#@:\[\]]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{0,5})?([/?#]|$)"
# Refused in any text: control characters; the bidirectional overrides, embeddings, isolates and
# marks that can make "Trust\u202egnp.exe" display as something else; zero-width spaces and other
# invisible format characters (U+FEFF too: the file reader strips only a leading byte order mark).
# Tabs and line breaks are fine, and so are the zero-width (non-)joiners U+200C and U+200D, which
# emoji sequences (woman, U+200D, staff of Aesculapius: a woman health worker) and some scripts need.
# Written with escapes (raw string), which Python and JavaScript regexes both read, so the
# schema files show code points rather than the invisible characters themselves.
HIDDEN_CHARACTERS = (r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
                     r"\u2060-\u2064\u2066-\u206f\ufeff]")
# Tag characters (U+E0000-U+E007F) can spell out text nobody sees, so they are refused too, except
# in the flags of England, Scotland and Wales: a black flag, `gbeng`/`gbsct`/`gbwls` in tag
# letters, then CANCEL TAG. Only the validator checks them: they lie beyond U+FFFF, which a JSON
# Schema pattern cannot name portably (JavaScript regexes without the `u` flag see surrogate pairs).
TAG_CHARACTERS = "[\U000e0000-\U000e007f]"
UK_FLAGS = tuple("\U0001f3f4" + "".join(chr(0xE0000 + ord(c)) for c in code) + "\U000e007f"
                 for code in ("gbeng", "gbsct", "gbwls"))
# Dates run from 1900 to 2200: wide enough for any programme, and far from the calendar's limits.
DATE_PATTERN = r"^(19[0-9][0-9]|2[01][0-9][0-9]|2200)-[0-9]{2}-[0-9]{2}$"
# Whole numbers, bounded so no value has thousands of digits (Python's int() refuses those) and
# the schemas give the same limits: kind: (lowest, highest, what an error message asks for).
# A plain `int` field is kind "number".
NUMBERS = {
    "percent": (0, 100, "a percentage from 0 to 100"),
    "number": (-999_999, 999_999, "a whole number from -999999 to 999999"),
}

# Text kinds checked by a pattern: the validator, the JSON Schemas and the docs all read this.
# kind: (pattern, what the docs call it, what an error message asks for)
PATTERNS = {
    "slug": (SLUG_PATTERN, "slug", "lower-case letters, digits and hyphens, starting with a letter, at most 100 characters"),
    "date": (DATE_PATTERN, "date (`2024-11-20`)", "a date from the years 1900 to 2200, written year-month-day like "
             "`2024-11-20`"),
    "time": (r"^([01][0-9]|2[0-3]):[0-5][0-9]$", "time (`18:30`)", "a 24-hour time, like `18:30`"),
    "tag": (r"^[^;]+$", "text", "text without `;` (it separates tags in `shortlist.csv`)"),
    "moment": (r"^(19[0-9][0-9]|2[01][0-9][0-9]|2200)-[0-9]{2}-[0-9]{2}( ([01][0-9]|2[0-3]):[0-5][0-9])?$",
               "date and time (`2025-05-23 17:00`)",
               "a date and a 24-hour time in the programme's time zone, like `2025-05-23 17:00`, or a date alone"),
    "edition": (r"^[0-9A-Za-z][0-9A-Za-z-]{0,39}$", "edition name (`2025`)",
                "letters, digits and hyphens, like `2025` or `2025-26`, at most 40 characters"),
    "image": (r"^[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*(/[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*)*"
              r"\.(png|jpg|jpeg|gif|webp|avif)$", "image under `media/` (`judges/ann.jpg`)",
              "the path of a PNG, JPEG, GIF, WebP or AVIF file under `media/`, like `judges/ann.jpg`"),
    # IANA names are short (`America/Argentina/ComodRivadavia` is among the longest): a long one is a mistake
    "language": (r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$", "language tag (`en-GB`, `cy`)",
                 "a BCP 47 language tag, like `en-GB` or `cy`"),
    "colour": (r"^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$", "colour (`\"#005eb8\"`)",
               "a colour written `#` and six hexadecimal digits, in quotes, like `\"#005eb8\"`"),
    "timezone": (r"^[A-Za-z][A-Za-z0-9_+-]{0,29}(/[A-Za-z0-9_+-]{1,30}){0,3}$", "time zone (`Europe/London`)",
                 "an IANA time zone name, like `Europe/London`"),
    "domain": (r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", "domain name",
               "a domain name without `https://`, like `awards.example.org`"),
}


def is_record(tp: Any) -> TypeGuard[type]:
    """True for a model class (a dataclass type): what the walkers of the type hints recurse into."""
    return isinstance(tp, type) and is_dataclass(tp)


@dataclass(frozen=True)
class Where:
    """Where a model object was written, so checks across fields and files can name the line."""

    file: str = ""  # the content file, as problems name it: `shortlist/first.yaml`
    line: int = 1  # the line where its mapping starts
    keys: tuple[tuple[str, int], ...] = ()  # (key, line) for each key given, in file order

    def of(self, key: str) -> int:
        """The line of `key`, or the mapping's own line when the key was not given."""
        return dict(self.keys).get(key, self.line)


def located() -> Any:
    """The `where` field of every model class: set by the validator, never compared or documented."""
    return field(default=Where(), compare=False, repr=False,
                 metadata={"doc": "Where it was written.", "min_items": 0, "derived": True})


def spec(doc: str, default: Any = MISSING, *, min_items: int = 0, derived: bool = False) -> Any:
    """Declare a field with its one-sentence documentation."""
    meta = {"doc": doc, "min_items": min_items, "derived": derived}
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Contact:
    ONE_OF: ClassVar[tuple[str, ...]] = ("name", "email", "phone", "url")  # at least one of these is required

    role: str = spec("What to contact them about, e.g. `Judging and event management`.")
    name: Optional[str] = spec("A person or team.", None)
    email: Optional[Email] = spec("An email address.", None)
    phone: Optional[str] = spec("A phone number, written as it should appear.", None)
    url: Optional[Url] = spec("A web page or form for getting in touch.", None)
    where: Where = located()


@dataclass(frozen=True)
class Picture:
    file: Image = spec("The picture, under `media/`, e.g. `logos/partner.png`.")
    alt: Optional[str] = spec("What the picture shows or says, for people who cannot see it; required unless "
                              "`decorative`.", None)
    decorative: Optional[YesNo] = spec("`yes` for a picture that adds nothing for someone who cannot see it: it "
                                       "then has no `alt`.", None)
    where: Where = located()


@dataclass(frozen=True)
class Partner:
    name: str = spec("The organisation's name.")
    url: Optional[Url] = spec("Its website.", None)
    logo: Optional[Picture] = spec("Its logo from the repository: `file` and `alt` (usually the name).", None)
    where: Where = located()


@dataclass(frozen=True)
class Criterion:
    heading: str = spec("The section heading or the question, e.g. `Ambition`.")
    points: tuple[Markdown, ...] = spec("What judges look for: one line of markdown each.", ())
    weight: Optional[Percent] = spec("Share of the marks in percent (`30` or `30%`); give all criteria of a stage "
                                     "one, or none.", None)
    code: Optional[str] = spec("A short reference shown before the heading, e.g. `B1`.", None)
    where: Where = located()


@dataclass(frozen=True, kw_only=True)
class Stage:
    title: str = spec("The stage's heading, e.g. `Stage 1: written application`.")
    description: Optional[Markdown] = spec("What happens at this stage.", None)
    criteria: tuple[Criterion, ...] = spec("What is assessed at this stage; weights add up to 100 within it.",
                                           min_items=1)
    where: Where = located()


@dataclass(frozen=True)
class KeyDate:
    date: Date = spec("The day, written `2024-11-20`: the first day of a range or week.")
    label: str = spec("What happens, e.g. `Entries close`.")
    time: Optional[Time] = spec("The time it starts, `18:30`, in site.yaml's `timezone`; an all-day event if left "
                                "out.", None)
    end_time: Optional[Time] = spec("The time it ends on its last day, e.g. `21:00`.", None)
    end_date: Optional[Date] = spec("The last day, for something that runs over several days, e.g. `2025-11-21`.", None)
    week: Optional[YesNo] = spec("`yes` when only the week is known: shown as \"week commencing\" `date`.", None)
    url: Optional[Url] = spec("A page with more about it.", None)
    where: Where = located()


@dataclass(frozen=True)
class ResultName:
    slug: Slug = spec("How files name it, e.g. `winner`.")
    label: str = spec("How pages show it, e.g. `Winner`.")
    plural: Optional[str] = spec("For lists and filters, e.g. `Winners`; the label if left out.", None)
    where: Where = located()


@dataclass(frozen=True)
class FocusArea:
    slug: Slug = spec("How entries name it, e.g. `maternity`.")
    label: str = spec("How pages show it, e.g. `Maternity care`.")
    where: Where = located()


@dataclass(frozen=True)
class Group:
    """A group of categories, with its own heading on the home page and the shortlist."""

    slug: Slug = spec("How categories name it in their `group`, e.g. `clinical`.")
    title: str = spec("Its heading, e.g. `Clinical awards`.")
    description: Optional[str] = spec("One line under the heading.", None)
    where: Where = located()


@dataclass(frozen=True)
class Brand:
    """The programme's colour and logo."""

    colour: Colour = spec("The header's background and the links' colour, in quotes: `\"#005eb8\"`. It needs a "
                          "contrast of at least 4.5:1 with white and with `text_colour` (WCAG AA).")
    text_colour: Optional[Colour] = spec("The header's text on `colour`, in quotes; white if left out.", None)
    logo: Optional[Picture] = spec("The programme's logo for the home page's band: `file` and `alt`.", None)
    where: Where = located()


@dataclass(frozen=True)
class Link:
    ONE_OF: ClassVar[tuple[str, ...]] = ("page", "url")  # one of these is required

    label: str = spec("The link's text.")
    page: Optional[str] = spec("A page of the site: `home`, `shortlist`, `winners`, `judges`, `library`, "
                               "`editions`, `news`, `feed`, `accessibility` or the slug of a page in `pages/`.",
                               None)
    url: Optional[Url] = spec("Another site's address, instead of `page`.", None)
    where: Where = located()


@dataclass(frozen=True, kw_only=True)
class Accessibility:
    status: Literal["full", "partial", "not"] = spec("How far the site meets WCAG 2.2 level AA: `full`, `partial` "
                                                     "or `not` (compliant).")
    issues: tuple[Markdown, ...] = spec("Known problems, one each, with what to do instead.", ())
    email: Email = spec("Where to report a problem or ask for another format.")
    phone: Optional[str] = spec("A phone number for the same.", None)
    reply_days: Optional[int] = spec("How many working days a reply takes at most.", None)
    tested: Optional[Markdown] = spec("How and when the site was last tested, and by whom.", None)
    prepared: Date = spec("When the statement was first written.")
    reviewed: Optional[Date] = spec("When it was last reviewed.", None)
    where: Where = located()


@dataclass(frozen=True)
class Question:
    question: str = spec("The question, as a visitor would ask it.")
    answer: Markdown = spec("The answer.")
    id: Optional[Slug] = spec("Its address on the page (`#id`); made from the question if left out.", None)
    where: Where = located()


@dataclass(frozen=True, kw_only=True)
class TextPage:
    """`pages/<slug>.md`: YAML front matter between `---` lines, then the page in markdown."""

    slug: str = spec("The file name without `.md`: the page's address, `/<slug>/`.", derived=True)
    body: Markdown = spec("The markdown after the front matter.", derived=True)
    title: str = spec("The page's heading and title.")
    summary: Optional[str] = spec("One line for search results and lists; the body's first sentence if left out.",
                                  None)
    order: Optional[int] = spec("Position in the menu and footer; lower first, then by title.", None)
    questions: tuple[Question, ...] = spec("Frequently asked questions, shown after the body, each with its own "
                                           "link.", ())
    key_dates: tuple[KeyDate, ...] = spec("A timetable shown on the page and in the calendar file.", ())
    language: Optional[Language] = spec("The page's language, if not site.yaml's, e.g. `cy`.", None)
    draft: Optional[YesNo] = spec("`yes` while the page is being prepared: `check` lists it, and it is not "
                                  "published.", None)
    where: Where = located()


@dataclass(frozen=True, kw_only=True)
class NewsPost:
    """`news/<slug>.md`: front matter, then the post in markdown."""

    slug: str = spec("The file name without `.md`: the post's address, `/news/<slug>/`.", derived=True)
    body: Markdown = spec("The markdown after the front matter.", derived=True)
    title: str = spec("The headline.")
    date: Date = spec("The day it was published, `2021-11-16`.")
    author: Optional[str] = spec("Who wrote it.", None)
    summary: Optional[str] = spec("One line for the news list and the feed; the first sentence if left out.", None)
    language: Optional[Language] = spec("The post's language, if not site.yaml's, e.g. `cy`.", None)
    where: Where = located()


# The results every programme has unless site.yaml lists its own: best first, and the last is
# what an entry is until the winners are announced (and when it gives no `result`).
DEFAULT_RESULTS = (("winner", "Winner", "Winners"), ("highly-commended", "Highly commended", "Highly commended"),
                   ("shortlisted", "Shortlisted", "Shortlisted"))


@dataclass(frozen=True, kw_only=True)
class Edition:
    """One year of the programme: `editions/<name>/edition.yaml`, and the first half of site.yaml."""

    title: str = spec("The programme's name for this edition, shown on every page, e.g. `Awards 2025`.")
    intro: Markdown = spec("The home page's introduction.")
    contacts: tuple[Contact, ...] = spec("Contacts shown on every category page, after the category's own.", ())
    key_dates: tuple[KeyDate, ...] = spec("Other dates for the home page and the calendar file, in order.", ())
    entries_open: Optional[Moment] = spec("When entries open: `2025-03-03 09:00` (a date alone: at midnight).", None)
    entries_close: Optional[Moment] = spec("The deadline: `2025-05-23 17:00` (a date alone: at the end of that day).",
                                           None)
    shortlist_announced: Optional[Moment] = spec("When the shortlist is published (a date alone: at midnight); "
                                                 "not before.", None)
    winners_announced: Optional[Moment] = spec("When results and citations are published (a date alone: at "
                                               "midnight); not before.", None)
    groups: tuple[Group, ...] = spec("Groups of categories, in the order shown, each with a heading on the home page "
                                     "and the shortlist; each category then names its `group`.", ())
    where: Where = located()


@dataclass(frozen=True, kw_only=True)
class Site(Edition):
    """site.yaml: the current edition, then what holds for every edition of the programme."""

    edition: Optional[EditionName] = spec("The current edition's name, e.g. `\"2025\"`: its pages live under "
                                          "`/2025/`. Needed for `new edition`.", None)
    base_url: Url = spec("Where the site is published; its path is the prefix of every link.")
    language: Language = spec("The language of the content, as a BCP 47 tag; `cy` (Welsh) and `en` have "
                              "built-in labels.", "en-GB")
    timezone: Zone = spec("The time zone of every date and time, as an IANA name.", "Europe/London")
    domain: Optional[Domain] = spec("A custom domain for GitHub Pages; the build writes it to `CNAME`.", None)
    results: tuple[ResultName, ...] = spec("The results entries can have, best first; the last is the one every "
                                           "entry has until winners are announced. Default: `winner`, "
                                           "`highly-commended`, `shortlisted`.", ())
    focus_areas: tuple[FocusArea, ...] = spec("The topics entries can be filed under in the good-practice "
                                              "library.", ())
    organisers: tuple[Partner, ...] = spec("Who runs the programme, each with `name` and optional `url` and "
                                           "`logo`: shown in every page's footer.", ())
    nav: tuple[Link, ...] = spec("The menu, in order, replacing the default (home, shortlist, winners, judges, "
                                 "library, news, then every page in `pages/`).", ())
    footer: tuple[Link, ...] = spec("Links in every footer, before the accessibility statement and every page "
                                    "in `pages/`, which are always there.", ())
    brand: Optional[Brand] = spec("The programme's colour and logo: `colour` (in quotes), optional `text_colour` "
                                  "and `logo`.", None)
    accessibility: Optional[Accessibility] = spec("The facts of the accessibility statement at `/accessibility/`.",
                                                  None)
    labels: Optional[Labels] = spec("Your own wording for the site's fixed text, in site.yaml's `language`, e.g. "
                                    "`apply: Apply now`; see the table of labels.", None)

    def result_names(self) -> tuple[ResultName, ...]:
        """The programme's results, best first: its own, or the default three."""
        return self.results or tuple(ResultName(slug, label, plural) for slug, label, plural in DEFAULT_RESULTS)


@dataclass(frozen=True)
class Judge:
    name: str = spec("The judge's name.")
    role: str = spec("Their job or role, e.g. `Director of nursing`.")
    organisation: Optional[str] = spec("Where they work.", None)
    photo: Optional[Picture] = spec("A photo from the repository: `file` and `alt`.", None)
    bio: Optional[Markdown] = spec("A short biography.", None)
    categories: tuple[Slug, ...] = spec("The categories whose panel they sit on, by slug.", ())
    where: Where = located()


@dataclass(frozen=True)
class Panel:
    slug: str = spec("Always `judges`: the file is `judges.yaml`.", derived=True)
    chair: Optional[Judge] = spec("The chair of the judges.", None)
    judges: tuple[Judge, ...] = spec("Every other judge.", ())
    where: Where = located()


@dataclass(frozen=True)
class Category:
    slug: str = spec("The file name without `.yaml`: the page's address and the tab's id.", derived=True)
    title: str = spec("The award's name.")
    intro: Markdown = spec("What the award recognises and what judges look for.")
    eligibility: Markdown = spec("Who may enter.")
    criteria: tuple[Criterion, ...] = spec("The judging criteria, one headed section each; or give `stages`.", ())
    order: Optional[int] = spec("Position in lists and tabs; lower first, then by title.", None)
    summary: Optional[str] = spec("One line for the home page's card, at most 25 words; the intro's first sentence "
                                  "if left out.", None)
    group: Optional[Slug] = spec("The `slug` of the group in site.yaml's `groups` this award is listed under.", None)
    partner: Optional[Union[str, Partner]] = spec("The award partner: a name, or `name` and `url`.", None)
    how_to_enter: Optional[Markdown] = spec("Steps to enter, shown above the entry link.", None)
    entry_url: Optional[Url] = spec("Where to start an entry.", None)
    entries_open: Optional[Moment] = spec("When entries open for this award, if not the edition's date.", None)
    entries_close: Optional[Moment] = spec("This award's deadline, if not the edition's.", None)
    contacts: tuple[Contact, ...] = spec("Contacts for this award, shown before the edition's; one with the same "
                                         "`role` as an edition contact replaces it.", ())
    site_contacts: YesNo = spec("`no` to show only this award's own contacts, not the edition's.", "yes")
    partners: tuple[Partner, ...] = spec("The award's partners, each with `name` and optional `url` and `logo`; "
                                         "instead of `partner`.", ())
    stages: tuple[Stage, ...] = spec("Selection in stages, each with its own criteria; instead of `criteria`.", ())
    key_dates: tuple[KeyDate, ...] = spec("This award's own timetable, shown on its page and in the calendar file.",
                                          ())
    language: Optional[Language] = spec("The language the page is written in, if not site.yaml's, e.g. `cy` "
                                        "for Welsh: its labels and dates follow.", None)
    draft: Optional[YesNo] = spec("`yes` while the award is being prepared: `check` lists it, and neither it "
                                  "nor its shortlist is published.", None)
    where: Where = located()


@dataclass(frozen=True)
class Entry:
    organisation: str = spec("The organisation or partnership that entered.")
    title: str = spec("The project's title.")
    synopsis: Markdown = spec("A short description of the project.")
    result: Optional[str] = spec("One of the programme's results (`winner`, `highly-commended`…); the last "
                                  "of them if left out.", None)
    citation: Optional[Markdown] = spec("The judges' words on a winning or commended entry.", None)
    focus_areas: tuple[Slug, ...] = spec("Slugs of the programme's `focus_areas` this entry is about.", ())
    tags: tuple[Tag, ...] = spec("Topics to filter the shortlist by, e.g. `Mental health`.", ())
    slug: Optional[Slug] = spec("The entry page's address in its category; made from the title if left out.", None)
    where: Where = located()


@dataclass(frozen=True)
class Shortlist:
    slug: str = spec("The file name without `.yaml`: the category it belongs to.", derived=True)
    entries: tuple[Entry, ...] = spec("The shortlisted entries, in the order shown.", min_items=1)
    where: Where = located()


@dataclass(frozen=True)
class EditionContent:
    """One edition's content, validated and ordered: what its pages are made from."""

    name: str  # `2025`; "" on a site without editions (site.yaml has no `edition`)
    info: Edition  # site.yaml for the current edition, editions/<name>/edition.yaml for a past one
    categories: tuple[Category, ...]  # sorted by order then title
    shortlists: dict[str, Shortlist]  # by category slug, in category order; only published ones after embargo
    panel: Optional[Panel]  # judges.yaml, if there is one
    current: bool  # the edition site.yaml describes


@dataclass(frozen=True)
class Content:
    """Everything read from a content folder, validated and ordered."""

    site: Site  # site.yaml
    editions: tuple[EditionContent, ...]  # the current edition first, then past ones, newest first
    sources: Sources  # every file the build reads, the theme's included
    warnings: tuple[Problem, ...] = ()  # reported, but not in the way of a build
    pages: tuple[TextPage, ...] = ()  # pages/*.md, by order then title
    news: tuple[NewsPost, ...] = ()  # news/*.md, newest first
    media_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # media/ picture -> (width, height)

    @property
    def current(self) -> EditionContent:
        return self.editions[0]

    @property
    def categories(self) -> tuple[Category, ...]:
        """The current edition's categories."""
        return self.editions[0].categories

    @property
    def shortlists(self) -> dict[str, Shortlist]:
        """The current edition's shortlists."""
        return self.editions[0].shortlists
