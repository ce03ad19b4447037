#!/usr/bin/env python3
"""A made-up awards programme of any size, for the benchmark, the screenshot set and the Lighthouse test.

    python benchmarks/programme.py OUT --categories 30 --entries 12 [--groups] [--phase results]
    python benchmarks/programme.py OUT --scale large

Everything in it is invented (the "Example Health Awards", run by an "Example Trust", in
made-up places): no real organisation, person or project. The same arguments always
write the same files, byte for byte: the text is drawn from a `random.Random` seeded
with the sizes, and the dates are counted from the given `now`, so that a build at that
moment is in the phase asked for.
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script, from anywhere
from awardsite.urls import entry_slug  # noqa: E402  (the same page addresses the build gives entries)

# Named sizes, categories x shortlisted entries per category. Issue #15 measures builds at these.
SCALES = {"small": (2, 10), "medium": (40, 12), "large": (200, 50), "huge": (400, 100)}

# The phases a programme can be written in: how many days before (-) or after `now` each milestone falls.
PHASES = {
    "open": {"entries_open": -40, "entries_close": 12, "shortlist_announced": 110, "winners_announced": 180},
    "shortlist": {"entries_open": -200, "entries_close": -120, "shortlist_announced": -20, "winners_announced": 50},
    "results": {"entries_open": -260, "entries_close": -180, "shortlist_announced": -80, "winners_announced": -8},
}
MILESTONE_TIME = {"entries_open": "09:00", "entries_close": "17:00", "shortlist_announced": "10:00",
                  "winners_announced": "18:30"}
NOW = datetime.datetime(2026, 11, 20, 12, 0)  # the default moment: a fixed one, so the files never change

TOPICS = [
    "Primary Care", "Maternity Care", "Mental Health", "Children's Services", "Cancer Care", "Stroke Care",
    "Dementia Care", "Urgent and Emergency Care", "Community Nursing", "Pharmacy", "Dental Care",
    "Learning Disability Care", "Palliative Care", "Diabetes Care", "Respiratory Care", "Heart Health",
    "Kidney Care", "Eye Health", "Hearing Care", "Sexual Health", "Drug and Alcohol Services",
    "Homeless Health", "Veterans' Health", "Prison Healthcare", "Carers' Support", "Falls Prevention",
    "Frailty Care", "Rehabilitation", "Diagnostics", "Screening", "Vaccination", "Health Visiting",
    "School Nursing", "Social Prescribing", "Patient Safety", "Infection Prevention", "Nutrition",
    "Physiotherapy", "Occupational Therapy", "Speech and Language Therapy", "Ambulance Care",
    "Hospital at Home", "Discharge Planning", "Outpatient Care", "Surgical Care", "Critical Care",
    "Perinatal Mental Health", "Eating Disorder Care", "Pain Management", "Wound Care",
]
KINDS = ["Award", "Innovation Award", "Partnership Award", "Team of the Year", "Digital Award",
         "Equity Award", "Workforce Award", "Sustainability Award"]
PLACES = [
    "Ashcombe", "Brackenfold", "Cindermoor", "Dunhallow", "Eastmere", "Fallowbrook", "Greywick", "Hollinsford",
    "Ivybridge Vale", "Juniper Cross", "Kestrelford", "Larkhaven", "Marrowdale", "Nettlecombe", "Oakhurst Fen",
    "Pebblewick", "Quarrydown", "Rushmere", "Saltholme", "Thornbury Rise", "Underhill", "Vellacott", "Wrenfield",
    "Yarrowby",
]
BODIES = ["Example Health Trust", "Example Community Trust", "Primary Care Network", "Community Health Partnership",
          "Example Hospitals Trust", "Borough Council (fictional)", "Example Care Partnership",
          "Example Mental Health Trust", "Health and Care Collaborative", "Example Hospice"]
AIMS = ["Closing the Gap in", "A Front Door for", "Better", "Rethinking", "Neighbourhood", "Same-Day",
        "Home First in", "Listening Better in", "Digital", "A Fairer Start in", "One Team for", "Reaching Everyone in"]
TAGS = ["Mental health", "Digital", "Schools", "Primary care", "Workforce", "Prevention", "Data",
        "Volunteers", "Older people", "Young people", "Rural", "Carers", "Co-production", "Screening"]
FOCUS = [("deprived-areas", "The most deprived areas"), ("ethnic-minority-communities", "Ethnic minority communities"),
         ("children-and-young-people", "Children and young people"), ("older-people", "Older people"),
         ("inclusion-health", "Inclusion health groups")]
GROUPS = [
    ("patient-care", "Patient care", "Awards for teams who changed how care reaches patients."),
    ("prevention", "Prevention and public health", "Awards for work that keeps people well."),
    ("workforce", "Workforce", "Awards for the people who deliver care and how they are supported."),
    ("partnerships", "Partnerships", "Awards for organisations that achieved more together."),
    ("digital", "Digital and data", "Awards for technology and data used well."),
    ("communities", "Communities", "Awards for work led with and by local communities."),
    ("quality", "Quality and safety", "Awards for safer, better care."),
    ("special", "Special awards", "Awards chosen by the judges across the programme."),
]

SENTENCES = [
    "The team started by asking people who rarely used the service what got in the way.",
    "Appointments were moved to evenings and weekends, when working families could come.",
    "A nurse-led clinic now runs from the community centre two days a week.",
    "Volunteers who speak the five most common local languages greet people at the door.",
    "Waiting times fell from eleven weeks to three within the first year.",
    "Referrals from the most deprived postcodes rose by a third.",
    "Staff turnover halved once the rota was planned with the people who work it.",
    "The project was designed with a panel of patients and carers who met every month.",
    "A shared record means a patient tells their story once, not four times.",
    "Text reminders in plain language cut missed appointments by a quarter.",
    "The service was tested in one neighbourhood before it spread across the area.",
    "Every patient leaves with a written plan they helped to write.",
    "Local pharmacies now check blood pressure and refer high readings the same day.",
    "The evaluation compared outcomes before and after, with the help of a local university.",
    "Costs were met from existing budgets by stopping work that added little value.",
    "Other teams in the region have visited, and two have started their own versions.",
    "Feedback forms were replaced by short conversations, which told the team far more.",
    "People who had not seen a clinician for years came back through the drop-in sessions.",
    "The team trained forty community champions, who now run sessions on their own.",
    "Data on who did not attend shaped where the outreach went next.",
    "Families said the new route felt welcoming rather than clinical.",
    "The work continues, funded for a further three years.",
]
LEADS = ["**What changed:**", "**Who benefited:**", "**What the figures show:**", "**What comes next:**"]


def category_title(number: int) -> str:
    """The award's name: a topic and a kind, unique for up to 400 categories."""
    return f"{TOPICS[number % len(TOPICS)]} {KINDS[(number // len(TOPICS)) % len(KINDS)]}"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (the generated text has no backslashes or quotes to escape beyond these)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def block(text: str, indent: int) -> str:
    """`text` as the lines of a YAML literal block scalar at `indent` spaces."""
    pad = " " * indent
    return "".join(f"{pad}{line}\n" if line else "\n" for line in text.splitlines())


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


def wrap(text: str, width: int = 76) -> str:
    """Wrap a paragraph at `width` columns, as people write YAML by hand."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


def synopsis(rng: random.Random) -> str:
    """80-200 words of markdown: one to three paragraphs, sometimes a list, sometimes bold."""
    target = rng.randint(80, 200)
    pool = rng.sample(SENTENCES, len(SENTENCES))  # no sentence twice in one synopsis
    chosen: list[str] = []
    while words(" ".join(chosen)) < target:
        chosen.append(pool.pop())
    if words(" ".join(chosen)) > 196:  # room for "The project showed:"
        chosen.pop()
    if rng.random() < 0.3:  # a list, like the HSJ example's synopses
        intro, items = chosen[:2], chosen[2:5]
        rest = chosen[5:]
        points = [item[0].lower() + item[1:-1] + ";" for item in items]
        points[-1] = points[-1][:-1] + "."
        text = wrap(" ".join(intro) + " The project showed:") + "\n\n" + \
            "\n".join("- " + wrap(point, 74).replace("\n", "\n  ") for point in points)
        return text + ("\n\n" + wrap(" ".join(rest)) if rest else "")
    paragraphs = [chosen[i:i + 4] for i in range(0, len(chosen), 4)]
    if rng.random() < 0.4:
        paragraphs[0][0] = f"{rng.choice(LEADS)} {paragraphs[0][0]}"
    return "\n\n".join(wrap(" ".join(p)) for p in paragraphs)


def category_yaml(number: int, total: int, rng: random.Random, group: str | None, entry_url: str) -> str:
    title = category_title(number)
    topic = TOPICS[number % len(TOPICS)].lower()
    lines = [f"title: {quoted(title)}", f"order: {number + 1}"]
    if group:
        lines.append(f"group: {group}")
    if number % 3 == 0:  # most categories have their own summary; the rest get the intro's first sentence
        lines.append(f"summary: {quoted(f'For teams who made {topic} fairer, safer or closer to home.')}")
    intro = [
        f"This award recognises teams whose work in {topic} made a real difference to the people they serve, "
        f"above all those the service reached least well before. It is one of {total} awards in this invented "
        "programme.",
        "The judges want to see a clear problem, a change designed with the people it affects, and evidence "
        "that the change worked. **Figures and first-hand accounts** both count; so does honesty about what "
        "did not go to plan.",
    ]
    if rng.random() < 0.5:
        intro.append("Entries are especially welcome from:\n\n- small teams and voluntary partners;\n"
                     "- work that has run for less than two years;\n- projects outside hospitals.")
    lines += ["intro: |", block("\n\n".join(wrap(p) if not p.startswith("Entries") else p for p in intro), 2).rstrip()]
    lines += ["eligibility: |", block(wrap("Any health or care organisation in the (fictional) Example region, or "
                                           "a voluntary or community group working alongside one. The work must "
                                           "have been running for at least six months by the closing date."), 2)
              .rstrip()]
    lines.append("criteria:")
    for heading, points in (
        ("The problem", [f"Which people were missing out on {topic}, and how you knew.",
                         "Why it mattered for their health."]),
        ("What you changed", ["The change itself, who took part and what it cost.",
                              "How patients, carers and communities helped to design it."]),
        ("Outcomes", ["Figures before and after, for the people you aimed to reach.",
                      "What the people themselves said."]),
        ("Spread", ["How you shared what you learned.", "Evidence that others have taken it up."]),
        ("Lasting value", ["How the work will continue.", "Value for money, with costs and savings."]),
    ):
        lines += [f"  - heading: {heading}", "    weight: 20", "    points:"]
        lines += [f"      - {quoted(point)}" for point in points]
    lines += ["how_to_enter: |", "  1. Read the criteria above.", "  2. Start an entry online; you can save a draft.",
              "  3. Submit it before the deadline.", f"entry_url: {entry_url}{slugify(title)}/"]
    if number % 4 == 1:
        lines.append(f"partner: {quoted(f'{PLACES[number % len(PLACES)]} Example Foundation')}")
    return "\n".join(lines) + "\n"


def shortlist_yaml(number: int, entries: int, rng: random.Random, results: bool) -> str:
    topic = TOPICS[number % len(TOPICS)]
    # one winner and, with three entries or more, one highly commended, not always the first ones
    winner = rng.randrange(entries) if results else -1
    commended = (winner + 1 + rng.randrange(entries - 1)) % entries if results and entries >= 3 else -1
    lines = ["entries:"]
    slugs: set[str] = set()
    for e in range(entries):
        place = PLACES[(number * 7 + e) % len(PLACES)]
        organisation = f"{place} {BODIES[(number + e * 3) % len(BODIES)]}"
        if e % 5 == 4:
            organisation += f" and {PLACES[(number + e * 5 + 3) % len(PLACES)]} {BODIES[(e + 1) % len(BODIES)]}"
        # the aim moves on each time the places come round again: no two titles alike up to 288 entries
        title = f"{AIMS[(number + e + e // len(PLACES)) % len(AIMS)]} {topic} in {place}"
        lines += [f"  - organisation: {quoted(organisation)}", f"    title: {quoted(title)}"]
        slug = entry_slug(title)
        if slug in slugs:  # a long title cut to the same address as another: give the page its own
            slug = f"{slug[:50].rstrip('-')}-{e + 1}"
            lines.append(f"    slug: {slug}")
        slugs.add(slug)
        lines += ["    synopsis: |", block(synopsis(rng), 6).rstrip()]
        if e in (winner, commended):
            lines.append(f"    result: {'winner' if e == winner else 'highly-commended'}")
            praise = ("The judges were struck by how simply this was done, and by the evidence behind it."
                      if e == winner else "A careful, well-evidenced piece of work that others could copy.")
            lines += ["    citation: |", block(wrap(praise + " The people it served helped to shape it from the "
                                                           "start."), 6).rstrip()]
        tags = rng.sample(TAGS, rng.choice((0, 1, 1, 2, 2, 3)))
        if tags:
            lines.append(f"    tags: [{', '.join(sorted(tags))}]")
        if rng.random() < 0.6:
            areas = rng.sample([slug for slug, _ in FOCUS], rng.choice((1, 2)))
            lines.append(f"    focus_areas: [{', '.join(sorted(areas))}]")
    return "\n".join(lines) + "\n"


def site_yaml(title: str, base_url: str, edition: str | None, now: datetime.datetime, phase: str,
              groups: list[tuple[str, str, str]]) -> str:
    lines = ["# An invented programme written by benchmarks/programme.py: every name in it is made up."]
    if edition:
        lines.append(f"edition: {quoted(edition)}")
    lines += [f"title: {quoted(title)}", f"base_url: {base_url}", "intro: |",
              block(wrap("The Example Health Awards are an invented programme, used to show and measure this site "
                         "generator: every organisation, place, person and project here is fictional.") + "\n\n" +
                    wrap("The awards recognise health and care teams whose work changed things for the people "
                         "they serve. Each category has a page explaining what the judges look for and how to "
                         "enter."), 2).rstrip()]
    for key, days in PHASES[phase].items():
        day = (now + datetime.timedelta(days=days)).date().isoformat()
        lines.append(f"{key}: \"{day} {MILESTONE_TIME[key]}\"")
    lines += ["focus_areas:"] + [f"  - slug: {slug}\n    label: {label}" for slug, label in FOCUS]
    lines += ["contacts:", "  - role: Entries and eligibility", "    name: The awards team (fictional)",
              "    email: entries@awards.example.org",
              "  - role: Judging and the ceremony", "    name: Sam Example (fictional)", "    phone: \"01632 960 123\""]
    lines += ["organisers:", "  - name: Example Trust", "    url: https://trust.example.org/"]
    if groups:
        lines.append("groups:")
        for slug, group_title, description in groups:
            lines += [f"  - slug: {slug}", f"    title: {quoted(group_title)}", f"    description: {quoted(description)}"]
    lines += ["accessibility:", "  status: full", "  email: accessibility@awards.example.org", "  reply_days: 5",
              "  tested: |", "    An invented programme, checked with automated tools only.", "  prepared: 2026-01-05"]
    return "\n".join(lines) + "\n"


def write_programme(folder: Path, categories: int, entries: int, *, groups: bool = False, phase: str = "results",
                    now: datetime.datetime = NOW, title: str = "Example Health Awards 2026",
                    base_url: str = "https://example.github.io/example-awards/", edition: str | None = None) -> Path:
    """Write a made-up programme of `categories` categories of `entries` shortlisted entries each into `folder`.

    `phase` ("open", "shortlist" or "results") sets site.yaml's milestones around `now`, so that a
    build at `now` (pipeline.build(..., at=...) or SOURCE_DATE_EPOCH) is in that phase; in "results"
    each category has a winner and (with three entries or more) a highly commended entry, with
    citations. `groups` puts the categories into up to eight groups, in blocks, in site.yaml's
    `groups`. The folder must not exist yet.
    """
    if phase not in PHASES:
        raise ValueError(f"phase must be one of {', '.join(PHASES)}, not {phase!r}")
    rng = random.Random(f"{categories}x{entries}:{phase}")  # the same sizes always give the same text
    folder.mkdir(parents=True)
    (folder / "categories").mkdir()
    (folder / "shortlist").mkdir()
    chosen = GROUPS[:max(1, min(len(GROUPS), round(categories / 6)))] if groups else []
    (folder / "site.yaml").write_text(site_yaml(title, base_url, edition, now, phase, chosen))
    for c in range(categories):
        slug = slugify(category_title(c))
        group = chosen[c * len(chosen) // categories][0] if chosen else None
        (folder / "categories" / f"{slug}.yaml").write_text(
            category_yaml(c, categories, rng, group, "https://entries.awards.example.org/"))
        (folder / "shortlist" / f"{slug}.yaml").write_text(shortlist_yaml(c, entries, rng, phase == "results"))
    return folder


def moment(now: datetime.datetime = NOW) -> str:
    """`now` as pipeline.build's `at=`."""
    return now.strftime("%Y-%m-%d %H:%M")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scale", choices=SCALES)
    parser.add_argument("--categories", type=int, default=9)
    parser.add_argument("--entries", type=int, default=6)
    parser.add_argument("--groups", action="store_true")
    parser.add_argument("--phase", choices=PHASES, default="results")
    args = parser.parse_args()
    categories, entries = SCALES[args.scale] if args.scale else (args.categories, args.entries)
    write_programme(args.folder, categories, entries, groups=args.groups, phase=args.phase)
    print(f"wrote {categories} categories x {entries} entries to {args.folder}; build it as of its moment with "
          f"`python build.py build --source {args.folder} --at \"{moment()}\" --out <folder>`")


if __name__ == "__main__":
    main()
