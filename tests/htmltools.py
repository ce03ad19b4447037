"""Read built HTML the way a test needs: visible text, elements by attribute, links."""

from __future__ import annotations

import html
from html.parser import HTMLParser


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: "Element | None") -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    def text(self) -> str:
        """The element's text, whitespace collapsed, as a reader sees it."""
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join(" ".join(parts).split())

    def find_all(self, tag: str | None = None, **attrs: str) -> list["Element"]:
        """Descendants with this tag and these attribute values (`class_` for class; word match)."""
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if (tag is None or child.tag == tag) and all(_matches(child, k, v) for k, v in attrs.items()):
                    found.append(child)
                found.extend(child.find_all(tag, **attrs))
        return found

    def find(self, tag: str | None = None, **attrs: str) -> "Element":
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]


def _matches(element: Element, key: str, value: str) -> bool:
    name = key.rstrip("_").replace("_", "-")
    actual = element.attrs.get(name)
    if actual is None:
        return False
    return value in actual.split() if name == "class" else actual == value


_VOID = {"meta", "link", "br", "img", "input", "hr", "source", "area", "base", "col", "wbr"}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.current.children.append(data)


def parse(source: str | bytes) -> Element:
    """Parse an HTML page into a small tree."""
    parser = _Parser()
    parser.feed(source.decode("utf-8") if isinstance(source, bytes) else source)
    return parser.root


def unescape(text: str) -> str:
    return html.unescape(text)
