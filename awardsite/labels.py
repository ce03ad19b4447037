"""The site's fixed wording: one table of labels, each in every built-in language.

Templates never write fixed text themselves: they read `t.<key>` (see render.py), where
`t` is this table in the page's language, with site.yaml's `labels` laid over it for
pages in the site's own language. A label may hold `{name}` placeholders, which the
template fills with `| fill(name=value)`. Each field's metadata holds the label in
every language of LANGUAGES; tests check that none is missing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields
from typing import Any, Optional

LANGUAGES = ("en", "cy")  # English and Welsh are built in


def label(en: str, cy: str) -> Any:
    """A label's field: site.yaml may give its own text; `en` and `cy` are the built-in ones."""
    return field(default=None, metadata={"doc": f"Default: “{en}”; in Welsh: “{cy}”.", "min_items": 0, "derived": False,
                                         "en": en, "cy": cy})


@dataclass(frozen=True)
class Labels:
    """The fixed text of every page; site.yaml's `labels` gives any of them in its own words."""

    # --- The layout, menus and footer (base.html), category pages (category.html), macros.html ---
    home: Optional[str] = label("Home", "Hafan")
    shortlist: Optional[str] = label("Shortlist", "Rhestr fer")
    winners: Optional[str] = label("Winners", "Enillwyr")
    judges: Optional[str] = label("Judges", "Beirniaid")
    library: Optional[str] = label("Library", "Llyfrgell")
    every_year: Optional[str] = label("Every year", "Pob blwyddyn")
    news: Optional[str] = label("News", "Newyddion")
    accessibility_statement: Optional[str] = label("Accessibility statement", "Datganiad hygyrchedd")
    entries_open: Optional[str] = label("Entries open", "Ceisiadau'n agor")
    entries_close: Optional[str] = label("Entries close", "Ceisiadau'n cau")
    shortlist_announced: Optional[str] = label("Shortlist announced", "Cyhoeddi'r rhestr fer")
    winners_announced: Optional[str] = label("Winners announced", "Cyhoeddi'r enillwyr")
    notes: Optional[str] = label("Notes", "Nodiadau")
    back_to_reference: Optional[str] = label("Back to reference {n}", "Yn ôl at gyfeiriad {n}")
    start_entry: Optional[str] = label("Start your entry", "Dechrau eich cais")
    judging_criteria: Optional[str] = label("Judging criteria", "Meini prawf beirniadu")
    weight: Optional[str] = label("{weight}% of the marks", "{weight}% o'r marciau")
    # The layout (base.html): header, past-edition notice, footer
    skip_to_content: Optional[str] = label("Skip to main content", "Neidio i'r prif gynnwys")
    site_menu: Optional[str] = label("Site", "Gwefan")
    past_edition: Optional[str] = label("This is the {edition} edition.", "Dyma rifyn {edition}.")
    see_current_edition: Optional[str] = label("See the current edition", "Gweld y rhifyn presennol")
    organised_by: Optional[str] = label("Organised by", "Trefnir gan")
    contact_us: Optional[str] = label("Contact us", "Cysylltu â ni")
    contact_online: Optional[str] = label("Get in touch online", "Cysylltu ar-lein")
    more_from_programme: Optional[str] = label("More from the programme", "Rhagor gan y rhaglen")
    footer_every_year: Optional[str] = label("Every year of the awards", "Pob blwyddyn o'r gwobrau")
    footer_library: Optional[str] = label("Good-practice library", "Llyfrgell arfer da")
    footer_judges: Optional[str] = label("The judges", "Y beirniaid")
    footer_judges_in: Optional[str] = label("The judges in {edition}", "Beirniaid {edition}")
    # A category's page (category.html)
    all_categories: Optional[str] = label("All categories", "Pob categori")
    award_partner: Optional[str] = label("Award partner", "Partner y wobr")
    award_partners: Optional[str] = label("Award partners", "Partneriaid y wobr")
    call_opens: Optional[str] = label("Entries open on {date}", "Ceisiadau'n agor: {date}")
    call_deadline: Optional[str] = label("The deadline is {date}.", "Y dyddiad cau: {date}.")
    call_closes: Optional[str] = label("Entries close {date}", "Ceisiadau'n cau: {date}")
    call_entries_open: Optional[str] = label("Entries are open", "Mae ceisiadau ar agor")
    call_closed: Optional[str] = label("Entries closed on {date}", "Mae'r ceisiadau wedi cau: {date}")
    call_shortlist_on: Optional[str] = label("The shortlist will be announced on {date}.",
                                             "Cyhoeddir y rhestr fer: {date}.")
    entry_for_award: Optional[str] = label("for the {award}", "ar gyfer {award}")
    award_winners_and_shortlist: Optional[str] = label("Winners and shortlist for this award",
                                                       "Enillwyr a rhestr fer y wobr hon")
    award_shortlist: Optional[str] = label("See the shortlist for this award", "Gweld rhestr fer y wobr hon")
    eligibility: Optional[str] = label("Eligibility", "Cymhwysedd")
    criterion_code: Optional[str] = label("{code}: {heading}", "{code}: {heading}")
    how_to_enter: Optional[str] = label("How to enter", "Sut i wneud cais")
    award_timetable: Optional[str] = label("Key dates", "Dyddiadau allweddol")
    judging_panel: Optional[str] = label("Judging panel", "Panel beirniadu")
    chair_of_judges: Optional[str] = label("chair of the judges", "cadeirydd y beirniaid")
    about_judges: Optional[str] = label("About the judges", "Am y beirniaid")
    about_judges_of: Optional[str] = label("About the judges of {programme}", "Am feirniaid {programme}")
    contacts: Optional[str] = label("Contacts", "Cysylltiadau")
    other_years: Optional[str] = label("This award in other years", "Y wobr hon mewn blynyddoedd eraill")
    this_year: Optional[str] = label("this year", "eleni")
    # The time left to enter (macros.html), kept current by countdown.js
    countdown_days: Optional[str] = label("{days} days left", "{days} diwrnod ar ôl")
    countdown_today: Optional[str] = label("closes today", "yn cau heddiw")
    countdown_today_at: Optional[str] = label("closes today at {time}", "yn cau heddiw am {time}")
    countdown_tomorrow: Optional[str] = label("closes tomorrow", "yn cau yfory")
    countdown_tomorrow_at: Optional[str] = label("closes tomorrow at {time}", "yn cau yfory am {time}")
    countdown_closed: Optional[str] = label("Entries have closed", "Mae'r ceisiadau wedi cau")
    judges_said: Optional[str] = label("The judges said", "Barn y beirniaid")
    # The layout's header band and footer (#13, base.html)
    open_data: Optional[str] = label("Open data", "Data agored")
    open_data_csv: Optional[str] = label("Every shortlist as a spreadsheet (CSV)", "Pob rhestr fer fel taenlen (CSV)")
    open_data_json: Optional[str] = label("Every shortlist as JSON", "Pob rhestr fer fel JSON")
    # --- end of the layout and category labels ---

    # --- Every other page: home, shortlist, entry, winners, judges, editions, library, pages, news,
    # accessibility statement, 404, redirect ---
    # The home page (index.html)
    home_winners_out: Optional[str] = label("Winners announced — see them",
                                            "Mae'r enillwyr wedi'u cyhoeddi — ewch i'w gweld")
    home_shortlist_out: Optional[str] = label("Shortlist announced — see it",
                                              "Mae'r rhestr fer wedi'i chyhoeddi — ewch i'w gweld")
    winners_on: Optional[str] = label("The winners will be announced on {date}.", "Cyhoeddir yr enillwyr: {date}.")
    enter_now: Optional[str] = label("Enter now", "Ymgeisiwch nawr")
    closed_except: Optional[str] = label("Entries have closed, except for", "Mae'r ceisiadau wedi cau, ac eithrio")
    open_until: Optional[str] = label("(until {date})", "(dyddiad cau: {date})")
    entries_closed: Optional[str] = label("Entries closed", "Mae'r ceisiadau wedi cau")
    award_categories: Optional[str] = label("Award categories", "Categorïau'r gwobrau")
    guidance_and_criteria: Optional[str] = label("Guidance and criteria", "Canllawiau a meini prawf")
    for_award: Optional[str] = label("for {award}", "ar gyfer {award}")
    key_dates_title: Optional[str] = label("Key dates", "Dyddiadau allweddol")
    past: Optional[str] = label("(past)", "(wedi bod)")
    add_to_calendar: Optional[str] = label("Add to calendar", "Ychwanegu at eich calendr")
    calendar_note: Optional[str] = label("(all key dates, as an .ics file; times are {zone} times)",
                                         "(pob dyddiad allweddol, mewn ffeil .ics; mae'r amseroedd yn ôl amser "
                                         "{zone})")
    uk: Optional[str] = label("UK", "y DU")
    latest_news: Optional[str] = label("Latest news", "Newyddion diweddaraf")
    all_news: Optional[str] = label("All news", "Yr holl newyddion")
    # The shortlist (shortlist.html, finder.js) and an entry's page (entry.html)
    winners_and_shortlist: Optional[str] = label("Winners and shortlist", "Enillwyr a rhestr fer")
    shortlist_intro_awarded: Optional[str] = label(
        "Everyone shortlisted in each category of {programme}, with the {results} first and the judges’ words on "
        "each award.", "Pawb ar y rhestr fer ym mhob categori o {programme}, gyda'r {results} yn gyntaf a geiriau'r "
        "beirniaid am bob gwobr.")
    see_only_awards: Optional[str] = label("See only the awards", "Gweld y gwobrau yn unig")
    the_shortlist: Optional[str] = label("The shortlist", "Y rhestr fer")
    shortlist_intro: Optional[str] = label("The entries shortlisted in each category of {programme}.",
                                           "Y ceisiadau sydd ar y rhestr fer ym mhob categori o {programme}.")
    download_shortlist: Optional[str] = label("Download the shortlist as {csv} or {json}.",
                                              "Lawrlwythwch y rhestr fer fel {csv} neu {json}.")
    shortlist_csv: Optional[str] = label("a spreadsheet (CSV)", "taenlen (CSV)")
    shortlist_json: Optional[str] = label("JSON", "JSON")
    search_every_category: Optional[str] = label("Search every category", "Chwilio ym mhob categori")
    filter_result: Optional[str] = label("Result", "Canlyniad")
    any_result: Optional[str] = label("Any result", "Unrhyw ganlyniad")
    filter_topic: Optional[str] = label("Topic", "Pwnc")
    any_topic: Optional[str] = label("Any topic", "Unrhyw bwnc")
    categories: Optional[str] = label("Categories", "Categorïau")
    shortlisted_one: Optional[str] = label("{count} shortlisted entry", "{count} cais ar y rhestr fer")
    shortlisted_many: Optional[str] = label("{count} shortlisted entries", "{count} o geisiadau ar y rhestr fer")
    guidance_for_award: Optional[str] = label("Guidance for this award", "Canllawiau ar gyfer y wobr hon")
    topics: Optional[str] = label("Topics", "Pynciau")
    finder_none: Optional[str] = label("No entries match. Try fewer or different words.",
                                       "Does dim ceisiadau'n cyfateb. Rhowch gynnig ar lai o eiriau, neu eiriau "
                                       "gwahanol.")
    finder_in_one: Optional[str] = label("in {count} category.", "mewn {count} categori.")
    finder_in_many: Optional[str] = label("in {count} categories.", "mewn {count} categori.")
    focus_area: Optional[str] = label("Focus area", "Maes ffocws")
    focus_areas: Optional[str] = label("Focus areas", "Meysydd ffocws")
    in_the_library: Optional[str] = label("other projects in the library", "prosiectau eraill yn y llyfrgell")
    also_shortlisted: Optional[str] = label("Also shortlisted for this award", "Hefyd ar restr fer y wobr hon")
    everyone_shortlisted_for: Optional[str] = label("Everyone shortlisted for the {award}",
                                                    "Pawb ar restr fer {award}")
    what_award_recognises: Optional[str] = label("What the {award} recognises", "Beth mae {award} yn ei gydnabod")
    # The home page's landing band and an entry's heading block (#13, index.html, entry.html)
    landing_edition: Optional[str] = label("The {edition} awards", "Gwobrau {edition}")
    award_groups: Optional[str] = label("Groups of awards", "Grwpiau o wobrau")
    share_entry: Optional[str] = label("Share this entry", "Rhannu'r cais hwn")
    share_email: Optional[str] = label("Email", "E-bost")
    share_linkedin: Optional[str] = label("LinkedIn", "LinkedIn")
    share_bluesky: Optional[str] = label("Bluesky", "Bluesky")
    # The shortlist's picker, folding and filters (#13, shortlist.html, tabs.js, finder.js)
    back_to_categories: Optional[str] = label("Back to the list of categories", "Yn ôl i'r rhestr o gategorïau")
    next_category: Optional[str] = label("Next category: {award}", "Categori nesaf: {award}")
    read_more: Optional[str] = label("Read more", "Darllen rhagor")
    read_less: Optional[str] = label("Show less", "Dangos llai")
    read_more_about: Optional[str] = label("about {title}", "am {title}")
    finder_of_one: Optional[str] = label("{shown} of {total} entries matches", "{shown} o {total} cais yn cyfateb")
    finder_of_many: Optional[str] = label("{shown} of {total} entries match", "{shown} o {total} cais yn cyfateb")
    filters: Optional[str] = label("Filters", "Hidlwyr")
    # A large shortlist: an index of categories, each on its own page (shortlist-index.html, shortlist-category.html)
    shortlist_index_intro: Optional[str] = label("Each category’s entries are on a page of their own.",
                                                 "Mae ceisiadau pob categori ar eu tudalen eu hunain.")
    shortlist_for: Optional[str] = label("Shortlist: {award}", "Rhestr fer: {award}")
    winners_and_shortlist_for: Optional[str] = label("Winners and shortlist: {award}", "Enillwyr a rhestr fer: {award}")
    search_this_category: Optional[str] = label("Search this category", "Chwilio yn y categori hwn")
    back_to_every_category: Optional[str] = label("Back to every category", "Yn ôl i bob categori")
    # Winners, judges, every edition (winners.html, judges.html, editions.html)
    winners_year: Optional[str] = label("Winners {year}", "Enillwyr {year}")
    winners_intro: Optional[str] = label("The awards of {programme} in every category, with what the judges said.",
                                         "Gwobrau {programme} ym mhob categori, gyda'r hyn a ddywedodd y beirniaid.")
    see_everyone_shortlisted: Optional[str] = label("See everyone shortlisted", "Gweld pawb ar y rhestr fer")
    the_judges: Optional[str] = label("The judges", "Y beirniaid")
    judges_intro: Optional[str] = label("Who judges {programme}.", "Pwy sy'n beirniadu {programme}.")
    judges_intro_awards: Optional[str] = label("Who judges {programme}, and which awards each judge marks.",
                                               "Pwy sy'n beirniadu {programme}, a pha wobrau mae pob beirniad yn eu "
                                               "marcio.")
    chair_title: Optional[str] = label("Chair of the judges", "Cadeirydd y beirniaid")
    the_panel: Optional[str] = label("The panel", "Y panel")
    judges_awards: Optional[str] = label("Judges", "Yn beirniadu")
    and_word: Optional[str] = label("and", "a")
    and_before_vowel: Optional[str] = label("and", "ac")
    panels_by_award: Optional[str] = label("Panels by award", "Paneli fesul gwobr")
    chair_note: Optional[str] = label("(chair)", "(cadeirydd)")
    every_edition: Optional[str] = label("Every edition", "Pob rhifyn")
    editions_intro: Optional[str] = label("Every year of the awards, newest first, with its categories, shortlist "
                                          "and winners.", "Pob blwyddyn o'r gwobrau, y ddiweddaraf yn gyntaf, "
                                          "gyda'i chategorïau, ei rhestr fer a'i henillwyr.")
    edition_this_year: Optional[str] = label("This year", "Eleni")
    categories_one: Optional[str] = label("{count} category", "{count} categori")
    categories_many: Optional[str] = label("{count} categories", "{count} categori")
    of_programme: Optional[str] = label("of {programme}", "{programme}")
    # The good-practice library (library.html, library.js)
    library_title: Optional[str] = label("Good-practice library", "Llyfrgell arfer da")
    library_intro: Optional[str] = label("Every project shortlisted for {programme}: {projects}.",
                                         "Pob prosiect a fu ar restr fer {programme}: {projects}.")
    library_intro_years: Optional[str] = label("Every project shortlisted for {programme}: {projects} from {years} "
                                               "years.", "Pob prosiect a fu ar restr fer {programme}: {projects} o "
                                               "{years} o flynyddoedd.")
    any_year_programme: Optional[str] = label("the awards in any year", "y gwobrau mewn unrhyw flwyddyn")
    projects_one: Optional[str] = label("{count} project", "{count} prosiect")
    projects_many: Optional[str] = label("{count} projects", "{count} o brosiectau")
    library_find: Optional[str] = label("Find ones like yours by focus area, year, category and result, or search "
                                        "by words.", "Dewch o hyd i rai tebyg i'ch un chi yn ôl maes ffocws, "
                                        "blwyddyn, categori a chanlyniad, neu chwiliwch am eiriau.")
    search_library: Optional[str] = label("Search the library", "Chwilio'r llyfrgell")
    any_focus_area: Optional[str] = label("Any focus area", "Unrhyw faes ffocws")
    filter_year: Optional[str] = label("Year", "Blwyddyn")
    any_year: Optional[str] = label("Any year", "Unrhyw flwyddyn")
    filter_category: Optional[str] = label("Category", "Categori")
    any_category: Optional[str] = label("Any category", "Unrhyw gategori")
    clear_button: Optional[str] = label("Clear", "Clirio")
    clear_what: Optional[str] = label("the search and filters", "y chwiliad a'r hidlwyr")
    library_none: Optional[str] = label("No projects match. Try fewer words or other filters.",
                                        "Does dim prosiectau'n cyfateb. Rhowch gynnig ar lai o eiriau, neu hidlwyr "
                                        "eraill.")
    library_count_one: Optional[str] = label("{shown} of {total} project matches.",
                                             "{shown} o {total} prosiect yn cyfateb.")
    library_count: Optional[str] = label("{shown} of {total} projects match.",
                                         "{shown} o {total} o brosiectau'n cyfateb.")
    library_rows_note: Optional[str] = label("Open a project to read what it did.",
                                             "Agorwch brosiect i ddarllen beth a wnaeth.")
    # Pages from pages/ and the news (page.html, news.html, post.html)
    questions: Optional[str] = label("Frequently asked questions", "Cwestiynau cyffredin")
    timetable: Optional[str] = label("Timetable", "Amserlen")
    news_intro: Optional[str] = label("News from {programme}, newest first.",
                                      "Newyddion gan {programme}, y diweddaraf yn gyntaf.")
    posted_by: Optional[str] = label("by {author}", "gan {author}")
    news_feed: Optional[str] = label("Follow the news in a feed reader (Atom feed)",
                                     "Dilyn y newyddion mewn darllenydd ffrydiau (ffrwd Atom)")
    news_feed_title: Optional[str] = label("{programme}: news", "{programme}: newyddion")
    # The accessibility statement (accessibility.html)
    a11y_title: Optional[str] = label("Accessibility statement for {programme}",
                                      "Datganiad hygyrchedd ar gyfer {programme}")
    a11y_applies: Optional[str] = label("This accessibility statement applies to {site}.",
                                        "Mae'r datganiad hygyrchedd hwn yn berthnasol i {site}.")
    a11y_run_by: Optional[str] = label("This website is run by {organisers}.",
                                       "{organisers} sy'n rhedeg y wefan hon.")
    a11y_want: Optional[str] = label("We want as many people as possible to be able to use this website. For "
                                     "example, that means you should be able to:",
                                     "Rydym eisiau i gynifer o bobl â phosibl allu defnyddio'r wefan hon. Er "
                                     "enghraifft, mae hynny'n golygu y dylech allu:")
    a11y_can_colours: Optional[str] = label("change colours, contrast levels and fonts using your browser or "
                                            "device settings", "newid lliwiau, lefelau cyferbyniad a ffontiau drwy "
                                            "osodiadau eich porwr neu'ch dyfais")
    a11y_can_zoom: Optional[str] = label("zoom in up to 400% without the text spilling off the screen",
                                         "chwyddo hyd at 400% heb i'r testun fynd oddi ar y sgrin")
    a11y_can_keyboard: Optional[str] = label("reach everything using just a keyboard: on the shortlist, the arrow "
                                             "keys, Home and End move between the category tabs",
                                             "cyrraedd popeth gyda bysellfwrdd yn unig: ar y rhestr fer, mae'r "
                                             "bysellau saeth, Home ac End yn symud rhwng tabiau'r categorïau")
    a11y_can_screen_reader: Optional[str] = label("use a screen reader: pages have headings, landmarks and a link "
                                                  "to skip to the main content, and searches say how many results "
                                                  "they find", "defnyddio darllenydd sgrin: mae gan y tudalennau "
                                                  "benawdau, tirnodau a dolen i neidio i'r prif gynnwys, ac mae "
                                                  "chwiliadau'n dweud faint o ganlyniadau maen nhw'n eu canfod")
    a11y_can_no_script: Optional[str] = label("use every page without JavaScript: scripts only add searching, "
                                              "filtering and tabs to pages that are complete without them",
                                              "defnyddio pob tudalen heb JavaScript: dim ond ychwanegu chwilio, "
                                              "hidlo a thabiau at dudalennau sy'n gyflawn hebddynt y mae sgriptiau")
    a11y_abilitynet: Optional[str] = label("{abilitynet} has advice on making your device easier to use if you "
                                           "have a disability.", "Mae gan {abilitynet} gyngor ar wneud eich "
                                           "dyfais yn haws i'w defnyddio os oes gennych anabledd.")
    a11y_how_title: Optional[str] = label("How accessible this website is", "Pa mor hygyrch yw'r wefan hon")
    a11y_known_issues: Optional[str] = label("We know some parts of this website are not fully accessible: they are "
                                             "listed under {link}.", "Rydym yn gwybod nad yw rhai rhannau o'r wefan "
                                             "hon yn gwbl hygyrch: maen nhw wedi'u rhestru o dan {link}.")
    a11y_no_known_issues: Optional[str] = label("We know of no part of this website that is not fully accessible.",
                                                "Nid ydym yn gwybod am unrhyw ran o'r wefan hon nad yw'n gwbl "
                                                "hygyrch.")
    a11y_preparing: Optional[str] = label("This statement is still being prepared: we have not yet checked this "
                                          "website’s own content against the accessibility regulations.",
                                          "Mae'r datganiad hwn yn dal i gael ei baratoi: nid ydym eto wedi gwirio "
                                          "cynnwys y wefan hon ei hun yn erbyn y rheoliadau hygyrchedd.")
    a11y_feedback_title: Optional[str] = label("Feedback and contact information",
                                               "Adborth a gwybodaeth gyswllt")
    a11y_feedback: Optional[str] = label("If you find a problem with this website, or need information on it in a "
                                         "different format like accessible PDF, large print, easy read, audio "
                                         "recording or braille:", "Os dewch o hyd i broblem gyda'r wefan hon, neu "
                                         "os oes angen gwybodaeth arni arnoch mewn fformat gwahanol fel PDF "
                                         "hygyrch, print bras, fersiwn hawdd ei ddeall, recordiad sain neu "
                                         "braille:")
    a11y_email: Optional[str] = label("email {email}", "e-bostiwch {email}")
    a11y_call: Optional[str] = label("call {phone}", "ffoniwch {phone}")
    a11y_reply: Optional[str] = label("We’ll consider your request and get back to you in {days} working days.",
                                      "Byddwn yn ystyried eich cais ac yn ymateb i chi o fewn {days} diwrnod gwaith.")
    a11y_feedback_contacts: Optional[str] = label("Until this statement is complete, please contact us:",
                                                  "Hyd nes y bydd y datganiad hwn yn gyflawn, cysylltwch â ni:")
    a11y_no_contacts: Optional[str] = label("Contact details for accessibility questions will be added to this "
                                            "statement.", "Bydd manylion cyswllt ar gyfer cwestiynau hygyrchedd "
                                            "yn cael eu hychwanegu at y datganiad hwn.")
    a11y_reporting_title: Optional[str] = label("Reporting accessibility problems with this website",
                                                "Rhoi gwybod am broblemau hygyrchedd gyda'r wefan hon")
    a11y_reporting: Optional[str] = label("We’re always looking to improve the accessibility of this website. If you "
                                          "find any problems not listed on this page or think we’re not meeting "
                                          "accessibility requirements, tell us using the contact details above.",
                                          "Rydym bob amser yn ceisio gwella hygyrchedd y wefan hon. Os dewch o hyd i "
                                          "unrhyw broblemau nad ydynt wedi'u rhestru ar y dudalen hon, neu os ydych "
                                          "yn credu nad ydym yn bodloni'r gofynion hygyrchedd, rhowch wybod i ni "
                                          "drwy ddefnyddio'r manylion cyswllt uchod.")
    a11y_enforcement_title: Optional[str] = label("Enforcement procedure", "Gweithdrefn orfodi")
    a11y_enforcement: Optional[str] = label(
        "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies "
        "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the ‘accessibility "
        "regulations’). If you’re not happy with how we respond to your complaint, contact the {eass}.",
        "Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy'n gyfrifol am orfodi Rheoliadau Hygyrchedd Cyrff y "
        "Sector Cyhoeddus (Gwefannau a Chymwysiadau Symudol) (Rhif 2) 2018 (y 'rheoliadau hygyrchedd'). Os nad "
        "ydych yn fodlon â'r ffordd rydym yn ymateb i'ch cwyn, cysylltwch â'r {eass}.")
    a11y_eass: Optional[str] = label("Equality Advisory and Support Service (EASS)",
                                     "Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS)")
    a11y_technical_title: Optional[str] = label("Technical information about this website’s accessibility",
                                                "Gwybodaeth dechnegol am hygyrchedd y wefan hon")
    a11y_committed: Optional[str] = label(
        "We are committed to making this website accessible, in accordance with the Public Sector Bodies (Websites "
        "and Mobile Applications) (No. 2) Accessibility Regulations 2018.",
        "Rydym wedi ymrwymo i sicrhau bod y wefan hon yn hygyrch, yn unol â Rheoliadau Hygyrchedd Cyrff y Sector "
        "Cyhoeddus (Gwefannau a Chymwysiadau Symudol) (Rhif 2) 2018.")
    a11y_compliance_title: Optional[str] = label("Compliance status", "Statws cydymffurfio")
    a11y_status_full: Optional[str] = label("This website is fully compliant with the {wcag} AA standard.",
                                            "Mae'r wefan hon yn cydymffurfio'n llawn â safon AA {wcag}.")
    a11y_status_partial: Optional[str] = label("This website is partially compliant with the {wcag} AA standard, "
                                               "due to the non-compliances listed below.",
                                               "Mae'r wefan hon yn cydymffurfio'n rhannol â safon AA {wcag}, "
                                               "oherwydd yr achosion o ddiffyg cydymffurfio a restrir isod.")
    a11y_status_not: Optional[str] = label("This website is not compliant with the {wcag} AA standard. The "
                                           "non-compliances are listed below.",
                                           "Nid yw'r wefan hon yn cydymffurfio â safon AA {wcag}. Rhestrir yr "
                                           "achosion o ddiffyg cydymffurfio isod.")
    a11y_status_unknown: Optional[str] = label("We have not yet assessed how far this website complies with the "
                                               "{wcag} AA standard.", "Nid ydym eto wedi asesu i ba raddau y mae'r "
                                               "wefan hon yn cydymffurfio â safon AA {wcag}.")
    a11y_wcag: Optional[str] = label("Web Content Accessibility Guidelines version 2.2",
                                     "Canllawiau Hygyrchedd Cynnwys y We fersiwn 2.2")
    a11y_non_accessible_title: Optional[str] = label("Non-accessible content", "Cynnwys nad yw'n hygyrch")
    a11y_non_accessible: Optional[str] = label("The content listed below is non-accessible for the following "
                                               "reasons.", "Nid yw'r cynnwys a restrir isod yn hygyrch am y "
                                               "rhesymau canlynol.")
    a11y_preparation_title: Optional[str] = label("Preparation of this accessibility statement",
                                                  "Paratoi'r datganiad hygyrchedd hwn")
    a11y_prepared: Optional[str] = label("This statement was prepared on {date}.",
                                         "Dyddiad paratoi'r datganiad hwn: {date}.")
    a11y_reviewed: Optional[str] = label("It was last reviewed on {date}.", "Dyddiad ei adolygu ddiwethaf: {date}.")
    a11y_being_prepared: Optional[str] = label("This statement is being prepared.",
                                               "Mae'r datganiad hwn wrthi'n cael ei baratoi.")
    a11y_generator: Optional[str] = label(
        "This website is made with a site generator whose own tests check a page of each kind, at phone and "
        "desktop widths, against the WCAG 2.2 A and AA rules that the axe-core checker tests (finding no "
        "failures), and check that every page is valid HTML. Automated checks find only some problems, and they "
        "use sample content rather than this website’s own.",
        "Mae'r wefan hon wedi'i gwneud gyda generadur gwefannau y mae ei brofion ei hun yn gwirio tudalen o bob "
        "math, ar led ffôn a chyfrifiadur, yn erbyn y rheolau WCAG 2.2 A ac AA y mae'r gwiriwr axe-core yn eu "
        "profi (heb ganfod unrhyw fethiant), ac yn gwirio bod pob tudalen yn HTML dilys. Dim ond rhai problemau "
        "y mae gwiriadau awtomatig yn eu canfod, ac maen nhw'n defnyddio cynnwys enghreifftiol yn hytrach na "
        "chynnwys y wefan hon.")
    # The page-not-found page (404.html) and a page that sends visitors on (redirect.html)
    page_not_found: Optional[str] = label("Page not found", "Heb ddod o hyd i'r dudalen")
    not_found_text: Optional[str] = label("There is no page at this address. It may have moved, or the link may "
                                          "be mistyped.", "Nid oes tudalen yn y cyfeiriad hwn. Efallai ei bod wedi "
                                          "symud, neu fod camgymeriad yn y ddolen.")
    not_found_home: Optional[str] = label("Go to the list of award categories", "Ewch i restr categorïau'r gwobrau")
    not_found_links: Optional[str] = label("{home} or {shortlist}.", "{home} neu {shortlist}.")
    not_found_shortlist: Optional[str] = label("see the shortlist", "weld y rhestr fer")
    redirect_text: Optional[str] = label("This address leads to the latest year’s page:",
                                         "Mae'r cyfeiriad hwn yn arwain at dudalen y flwyddyn ddiweddaraf:")
    # --- end of the other pages' labels ---


def base_language(language: str) -> str:
    """The built-in language whose labels a page in `language` gets: `cy-GB` -> `cy`; English otherwise."""
    primary = language.split("-")[0].lower()
    return primary if primary in LANGUAGES else "en"


@functools.lru_cache(maxsize=16)  # asked once per page; Labels is frozen, so the answer never changes
def table(language: str, site_language: str, own: Labels | None) -> dict[str, str]:
    """Every label in `language`, with site.yaml's own wording for pages in the site's language."""
    chosen = base_language(language)
    words = {f.name: str(f.metadata[chosen]) for f in fields(Labels)}
    if own is not None and chosen == base_language(site_language):
        words.update({f.name: getattr(own, f.name) for f in fields(Labels) if getattr(own, f.name) is not None})
    return words
