"""Markdown fields: footnotes, tables the CSP allows, local pictures, and picture sizes from headers."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awardsite import markdown as markdown_module
from awardsite.imagesize import size
from awardsite.markdown import first_sentence, image_lines, image_names, image_problems, inline, markdown
from htmltools import parse

NOTES = """A claim.[^1] Another claim.[^src] The first again.[^1]

[^1]: Where the claim comes from.
[^src]: A [source](https://example.org/report).
"""


# Footnotes

def test_footnotes_are_numbered_and_each_reference_and_back_link_point_at_each_other() -> None:
    page = parse(markdown(NOTES, ids="entry-a"))
    refs = page.find_all("sup", class_="footnote-ref")
    assert [sup.text() for sup in refs] == ["1", "2", "1"]
    notes = page.find("section", class_="footnotes").find("ol").find_all("li")
    assert [note.attrs["id"] for note in notes] == ["entry-a-note1", "entry-a-note2"]
    note_ids = {note.attrs["id"] for note in notes}
    ref_links = [sup.find("a") for sup in refs]
    assert all(link.attrs["href"][1:] in note_ids for link in ref_links)  # every reference reaches its note
    ref_ids = [link.attrs["id"] for link in ref_links]
    assert len(set(ref_ids)) == 3  # the repeated [^1] gets its own id to come back to
    for note in notes:
        for back in note.find_all("a", class_="footnote-backref"):
            target = back.attrs["href"][1:]
            assert target in ref_ids
            ref = ref_links[ref_ids.index(target)]
            assert ref.attrs["href"] == "#" + note.attrs["id"]  # the back-link returns to a reference to this note
    backs = page.find_all("a", class_="footnote-backref")
    assert [b.attrs["aria-label"] for b in backs] == ["Back to reference 1", "Back to reference 1 (2)", "Back to reference 2"]


def test_the_notes_are_a_labelled_section_with_an_h3_and_no_rule() -> None:
    html = markdown(NOTES, ids="x")
    page = parse(html)
    section = page.find("section", class_="footnotes")
    heading = section.find("h3", class_="footnotes__title")
    assert section.attrs["aria-labelledby"] == heading.attrs["id"] == "x-notes"
    assert heading.text() == "Notes" and "<hr" not in html
    assert page.find("sup").find("a").attrs["aria-describedby"] == "x-notes"
    assert "Where the claim comes from." in section.text()
    assert page.find("a", href="https://example.org/report")  # markdown inside a note still renders


def test_two_fields_using_the_same_label_get_distinct_ids() -> None:
    first, second = markdown("One.[^1]\n\n[^1]: A.\n", ids="s1"), markdown("Two.[^1]\n\n[^1]: B.\n", ids="s2")
    ids = [e.attrs["id"] for html in (first, second) for e in parse(html).find_all() if "id" in e.attrs]
    assert len(ids) == len(set(ids)) == 6
    # Without `ids`, the prefix comes from the text: different texts differ, the same text is stable.
    one, two = markdown("One.[^1]\n\n[^1]: A.\n"), markdown("Two.[^1]\n\n[^1]: B.\n")
    assert parse(one).find("li").attrs["id"] != parse(two).find("li").attrs["id"]
    assert one == markdown("One.[^1]\n\n[^1]: A.\n")


def test_the_words_can_be_welsh() -> None:
    html = markdown(NOTES, ids="cy", words={"notes": "Nodiadau", "back_to_reference": "Yn ôl at gyfeiriad {n}"})
    page = parse(html)
    assert page.find("h3").text() == "Nodiadau"
    assert page.find("a", class_="footnote-backref").attrs["aria-label"] == "Yn ôl at gyfeiriad 1"


def test_undefined_notes_stay_text_and_inline_never_makes_a_list() -> None:
    assert "[^9]" in markdown("No such note.[^9]") and "footnote" not in markdown("No such note.[^9]")
    assert "<section" not in inline("A line[^1] and ^[inline note]")


def test_raw_html_and_unsafe_links_stay_inert_with_footnotes_on() -> None:
    html = markdown('<script>alert(1)</script>[^1] [x](javascript:alert(1))\n\n[^1]: <img src=x onerror=alert(1)> [y](javascript:z)\n')
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html and "[x](javascript:alert(1))" in html  # shown as text, not a link
    assert parse(html).find("li", class_="footnotes__item")  # the note itself still renders


def test_first_sentence_leaves_out_footnote_markers_and_pictures() -> None:
    assert first_sentence("Our work ![a logo](media/x.png) helps.[^1] More.\n\n[^1]: Source.\n") == "Our work helps."
    assert first_sentence("A claim[^1] here. Next.\n\n[^1]: The note. Text.\n") == "A claim here."
    assert first_sentence("Plain *text* and `code`. Second.") == "Plain text and code."


# Tables

def test_table_alignment_is_a_class_not_a_style_the_csp_would_block() -> None:
    html = markdown("| Year | Prize |\n|:--|--:|\n| 2024 | £5 |\n| mid | x |\n")
    assert "style=" not in html
    page = parse(html)
    assert [c.attrs["class"] for c in page.find_all("th")] == ["align-left", "align-right"]
    assert [c.attrs["class"] for c in page.find_all("td")] == ["align-left", "align-right"] * 2
    assert 'class="align-center"' in markdown("| a |\n|:-:|\n| b |\n")
    assert "class=" not in markdown("| a |\n|---|\n| b |\n").split("<th")[1].split(">")[0]  # unaligned: no class


def test_each_table_scrolls_in_a_labelled_focusable_region() -> None:
    page = parse(markdown("| Year | **Winner** |\n|---|---|\n| 2024 | A |\n"))
    region = page.find("div", class_="table-scroll")
    assert region.attrs["role"] == "region" and region.attrs["tabindex"] == "0"
    assert region.attrs["aria-label"] == "Table: Year, Winner"
    assert region.find("table").find("td").text() == "2024"
    assert parse(markdown("| |\n|---|\n| x |\n")).find("div").attrs["aria-label"] == "Table"


# Pictures in markdown

def _lookup(name: str) -> tuple[str, int, int] | None:
    return {"logos/x.png": ("/site/media/logos/x.png", 120, 80)}.get(name)


def test_a_local_picture_renders_with_its_size() -> None:
    for src in ("media/logos/x.png", "/media/logos/x.png", "../media/logos/x.png"):
        img = parse(markdown(f"![The Trust's logo]({src})", media=_lookup)).find("img")
        assert img.attrs == {"src": "/site/media/logos/x.png", "alt": "The Trust's logo", "width": "120",
                             "height": "80", "loading": "lazy", "decoding": "async", "class": "md-image"}
    assert 'src="/site/media/logos/x.png"' in inline("![logo](media/logos/x.png)", media=_lookup)


def test_a_picture_that_cannot_be_shown_renders_as_its_alt_text() -> None:
    assert markdown("![The logo](media/logos/x.png)") == "<p>The logo</p>\n"  # no media lookup given
    assert markdown("![Gone](media/gone.png)", media=_lookup) == "<p>Gone</p>\n"
    assert markdown("![Remote <b>](https://example.org/x.png)", media=_lookup) == "<p>Remote &lt;b&gt;</p>\n"
    assert "<img" not in markdown("![x](media/../secret.png)", media=lambda name: ("/x", 1, 1))


def test_image_problems_name_the_line_and_say_why() -> None:
    text = "\n".join([
        "Intro.",                                     # 1
        "",                                           # 2
        "A remote ![logo](https://example.org/a.png)",  # 3
        "and ![](media/ok.png) on the next line.",     # 4
        "",                                           # 5
        "- ![scan](scans/a.png)",                     # 6
        "- ![drawing](media/a.bmp)",                  # 7
        "",                                           # 8
        "| pic |",                                    # 9
        "|---|",                                      # 10
        "| ![embedded](data:image/png;base64,AAAA) |",  # 11
        "",                                           # 12
        "![by reference][r] and ![fine](/media/x.JPG)",  # 13
        "",                                           # 14
        "[r]: //cdn.example.org/b.png",               # 15
    ])
    problems = image_problems(text)
    assert [line for line, _ in problems] == [3, 4, 6, 7, 11, 13]
    messages = dict(problems)
    assert "other sites" in messages[3] and "Content-Security-Policy" in messages[3] and "media/" in messages[3]
    assert "alt text" in messages[4]
    assert "not under `media/`" in messages[6]
    assert ".png" in messages[7] and "a.bmp" in messages[7]
    assert "other sites" in messages[11] and "other sites" in messages[13]
    assert image_names(text) == ["ok.png", "a.bmp", "x.JPG"]
    assert image_lines(text) == [(4, "ok.png"), (7, "a.bmp"), (13, "x.JPG")]
    assert image_lines("Logo: ![logo][l]\n\n[l]: ../media/logos/a.png\n") == [(1, "logos/a.png")]


def test_image_checks_cost_nothing_without_pictures_and_ignore_code() -> None:
    assert image_problems("No pictures here, just [a link](https://example.org).") == []
    assert image_problems("`![x](https://e.org/a.png)`\n\n    ![y](http://e.org/b.png)\n") == []
    assert image_problems("![a javascript picture](javascript:alert(1))")[0][0] == 1
    assert image_names("![x](media/a.png) ![y](media/a.png) ![z](https://e.org/b.png)") == ["a.png"]


# Picture sizes from headers

def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _full_box(kind: bytes, payload: bytes) -> bytes:
    return _box(kind, b"\0\0\0\0" + payload)  # version and flags


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + b"\xff\0\0" * width for _ in range(height))  # filter byte, then red pixels
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _gif(width: int, height: int) -> bytes:
    screen = struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\0\0\0\xff\xff\xff"  # two-colour table
    image = b"," + struct.pack("<HHHHB", 0, 0, 1, 1, 0) + b"\x02\x02D\x01\x00"  # one pixel, LZW
    return b"GIF89a" + screen + image + b";"


def _jpeg(width: int, height: int, frame: int = 0xC0) -> bytes:
    def segment(marker: int, data: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(data) + 2) + data
    return (b"\xff\xd8" + segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0")
            + segment(0xE1, b"Exif\0\0" + b"\0" * 3000)               # a large segment to skip
            + segment(0xDB, b"\0" + bytes(range(64)))                 # quantisation table
            + segment(0xC4, b"\0" + b"\0" * 16)                       # Huffman table: C4 is not a frame
            + b"\xff"                                                 # a fill byte before the marker
            + segment(frame, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\0")
            + segment(0xDA, b"\x01\x01\0\0\x3f\0") + b"\0\0" + b"\xff\xd9")


def _webp(chunk: bytes, data: bytes) -> bytes:
    body = b"WEBP" + chunk + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _avif(width: int, height: int) -> bytes:
    ftyp = _box(b"ftyp", b"avif" + b"\0\0\0\0" + b"mif1avifmiaf")
    free = struct.pack(">I", 1) + b"free" + struct.pack(">Q", 24) + b"\0" * 8  # a box with a 64-bit length
    ispe = [_full_box(b"ispe", struct.pack(">II", w, h)) for w, h in ((width // 4, height // 4), (width, height))]
    iprp = _box(b"iprp", _box(b"ipco", b"".join(ispe)) + _full_box(b"ipma", b"\0\0\0\0"))
    meta = _full_box(b"meta", _full_box(b"hdlr", b"\0\0\0\0pict" + b"\0" * 13) + iprp)
    return ftyp + free + meta + _box(b"mdat", b"\0" * 32)


PICTURES = {
    "a.png": (_png(3, 2), (3, 2)),
    "a.gif": (_gif(17, 9), (17, 9)),
    "a.jpg": (_jpeg(640, 480), (640, 480)),
    "progressive.jpg": (_jpeg(300, 1200, frame=0xC2), (300, 1200)),
    "lossy.webp": (_webp(b"VP8 ", b"\x10\x02\0\x9d\x01\x2a" + struct.pack("<HH", 400, 300 | 0x4000) + b"\0" * 8), (400, 300)),
    "lossless.webp": (_webp(b"VP8L", b"\x2f" + struct.pack("<I", (250 - 1) | (125 - 1) << 14) + b"\0" * 4), (250, 125)),
    "extended.webp": (_webp(b"VP8X", b"\x10\0\0\0" + (1999).to_bytes(3, "little") + (999).to_bytes(3, "little")), (2000, 1000)),
    "a.avif": (_avif(1600, 900), (1600, 900)),
}


@pytest.mark.parametrize("name", PICTURES)
def test_size_reads_each_format_from_its_header(name: str, tmp_path: Path) -> None:
    data, expected = PICTURES[name]
    (tmp_path / name).write_bytes(data)
    assert size(tmp_path / name) == expected


@pytest.mark.parametrize("name", PICTURES)
def test_a_truncated_picture_has_no_size(name: str, tmp_path: Path) -> None:
    data, _ = PICTURES[name]
    # Cut inside the bytes that say the size: a skipped JPEG segment, a frame header, an AVIF's meta box.
    cut = {"a.gif": 8, "a.jpg": 3040, "progressive.jpg": 3127, "a.avif": len(data) - 60}.get(name, 22)
    (tmp_path / name).write_bytes(data[:cut])
    assert size(tmp_path / name) is None


def test_what_is_not_a_picture_has_no_size(tmp_path: Path) -> None:
    (tmp_path / "notes.png").write_text("not a picture")
    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "other.avif").write_bytes(_box(b"ftyp", b"heic\0\0\0\0mif1") + _box(b"mdat", b""))
    for name in ("notes.png", "empty.jpg", "other.avif", "missing.png"):
        assert size(tmp_path / name) is None
    assert size(tmp_path) is None  # a folder


def test_a_pages_body_starts_its_headings_at_h2_and_its_notes_follow() -> None:
    html = str(markdown("# Context\n\nText.[^1]\n\n## Detail\n\n[^1]: A source.", ids="about", top=2))
    assert "<h2>Context</h2>" in html and "<h3>Detail</h3>" in html
    assert '<h2 id="about-notes" class="footnotes__title">' in html
    assert "<h3>Context</h3>" in str(markdown("# Context"))  # a field under a section's h2: `#` is an h3


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/!?-=\"' \n\tabcdivpre*_`#|[]():&;")), max_size=80))
def test_the_raw_html_rules_left_out_would_change_nothing(text: str) -> None:
    """Raw HTML is off, so the html_block and html_inline rules are left out: with them in, the same HTML."""
    with_them = markdown_module._make()
    with_them.enable(["html_block", "html_inline"])
    env = markdown_module._env("md", None, None)
    assert str(markdown(text, ids="md")) == with_them.render(text, env)
    assert str(inline(text)) == with_them.renderInline(text.strip(), markdown_module._env("md", None, None))
