"""Write content YAML that reads back as exactly the same text through yamlsource."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .schemaforms import yaml_reads


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent lists under their key (`  - item`), as editors write them.
        return super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        # Where quotes are needed, double ones: what the editing guide tells editors to write.
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Multi-line text (synopses) as a literal block, as an editor would write it; text other YAML
    # tools (YAML 1.2: `1e3`, `0o17`) would read as a number or boolean in quotes, as check wants.
    style = "|" if "\n" in value else '"' if yaml_reads(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(data: dict[str, Any], header: str = "") -> str:
    """YAML for `data`, keys in the given order, after a `# ...` header comment."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=float("inf"), indent=2)
    return header + body


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step, so an interruption never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(handle, mode)  # mkstemp's 0600 would hide the file from the rest of a team's machine
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _mode_for(path: Path) -> int:
    """The permissions `path` has, or a new file's under the user's umask (usually 0644)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
