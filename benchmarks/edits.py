"""The edits the benchmark rebuilds after: one synopsis, one category, site.yaml, a built-in template.

Each edit puts a new marker into the file's original text, so every repetition is a real
change (a build that compares bytes cannot skip it) and edits never pile up.
"""

from __future__ import annotations

import re
from pathlib import Path

# the preview's own synopsis edit, so that both measure the same change
from benchmarks.preview import edited as synopsis_edited

TEMPLATE = Path("templates") / "category.html"  # the built-in template edited: every category page uses it


class Editor:
    """Edits files from their original text, remembered the first time each is edited."""

    def __init__(self) -> None:
        self.originals: dict[Path, str] = {}

    def edit(self, path: Path, change: str, marker: str) -> None:
        original = self.originals.setdefault(path, path.read_text(encoding="utf-8"))
        text = EDITS[change](original, marker)
        if text == original:
            raise ValueError(f"the {change} edit found nothing to change in {path}")
        path.write_text(text, encoding="utf-8")


def first_block_edited(text: str, key: str, marker: str) -> str:
    """`text` with `marker` at the start of the first `key: |` block (an intro: markdown, shown on pages)."""
    return re.sub(rf"({key}: \|\n\s+)", rf"\g<1>{marker} ", text, count=1)


def template_edited(text: str, marker: str) -> str:
    """A visible change to the template's main block, as a designer's edit would make."""
    return text.replace("{% block main %}", f"{{% block main %}}\n<p class=\"edit\">{marker}</p>", 1)


EDITS = {
    "synopsis": synopsis_edited,
    "category": lambda text, marker: first_block_edited(text, "intro", marker),
    "site": lambda text, marker: first_block_edited(text, "intro", marker),
    "template": template_edited,
}


def first_file(folder: Path) -> Path:
    """The first file of a content folder (categories/ or shortlist/), by name: always the same one."""
    return min(folder.glob("*.yaml"))
