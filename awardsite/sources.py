"""Find every file a build reads: each one is read or reported, and none comes from outside.

The content folders (`categories/`, `shortlist/`) hold only `<slug>.yaml` files: any
other file or subfolder there is an error (or, for a stray backup, a warning), never
skipped in silence. Dotfiles are ignored on purpose. A symlink is followed only when
its target is inside the content folder and not hidden: a link to `../.git/config` or
`/proc/self/environ` would otherwise publish it. The theme (`templates/`, `assets/`) is
the built-in one with the content folder's own files laid over it, file by file.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Problems
from .model import PATTERNS, RESERVED_IDS, SLUG_PATTERN
from .urls import slugify

Templates = tuple[tuple[str, Path, str], ...]  # the theme's templates: (name, file, name shown in errors)

_PACKAGE = Path(__file__).resolve().parent
# The built-in templates/ and assets/: in the package when pip installed it (pyproject.toml), else the checkout's root
BUILTIN = _PACKAGE if (_PACKAGE / "templates").is_dir() else _PACKAGE.parent
CONTENT_FOLDERS = ("categories", "shortlist")  # each holds `<slug>.yaml` files
TEXT_FOLDERS = ("pages", "news")  # each holds `<slug>.md` files: front matter, then markdown
THEME_FOLDERS = ("templates", "assets")
OTHER_FOLDERS = ("editions", "media")  # past editions; pictures
_BACKUP = re.compile(r"(~|\.bak|\.orig|\.old|\.swp|\.tmp)$|^#.*#$", re.IGNORECASE)
_SYSTEM_FILES = {"thumbs.db", "desktop.ini", "icon\r"}  # left by Windows and macOS
_MAX_DEPTH = 20  # theme subfolders; a deeper tree is a link loop or a mistake


@dataclass(frozen=True)
class EditionSources:
    """The files of one past edition, kept in `editions/<name>/`."""

    name: str  # the folder's name: the edition's name and the first part of its addresses
    info: Path | None  # editions/<name>/edition.yaml
    categories: tuple[Path, ...]  # editions/<name>/categories/<slug>.yaml, by name
    shortlists: tuple[Path, ...]  # editions/<name>/shortlist/<slug>.yaml, by name
    judges: Path | None  # editions/<name>/judges.yaml, if there is one


@dataclass(frozen=True)
class Sources:
    """The files a build reads, found and checked before any of them is read."""

    root: Path  # the content folder, resolved
    site: Path | None  # site.yaml, if there is one
    categories: tuple[Path, ...]  # categories/<slug>.yaml, by name
    shortlists: tuple[Path, ...]  # shortlist/<slug>.yaml, by name
    templates: Templates  # by name
    assets: tuple[tuple[str, Path], ...]  # (path under assets/, file), built-in ones overlaid by the site's own
    judges: Path | None = None  # judges.yaml, if there is one
    media: tuple[tuple[str, Path], ...] = ()  # (path under media/, file): pictures published as they are
    editions: tuple[EditionSources, ...] = ()  # past editions, by name
    pages: tuple[Path, ...] = ()  # pages/<slug>.md, by name
    news: tuple[Path, ...] = ()  # news/<slug>.md, by name


def scan(source: Path, problems: Problems) -> Sources:
    """List the files of `source` that a build reads; record every file it would not read."""
    root = source.resolve()
    site = _site_file(root, problems)
    found = {name: tuple(_content_files(root, name, problems)) for name in CONTENT_FOLDERS}
    _near_misses(root, problems)
    templates = _theme(root, "templates", problems)
    shown = {name: (path, f"templates/{name}" if own else str(path)) for name, (path, own) in templates.items()}
    assets = _theme(root, "assets", problems)
    text = {name: tuple(_content_files(root, name, problems, "md")) for name in TEXT_FOLDERS}
    return Sources(root, site, found["categories"], found["shortlist"],
                   tuple((name, path, label) for name, (path, label) in sorted(shown.items())),
                   tuple((name, path) for name, (path, _) in sorted(assets.items())),
                   _optional_file(root, "judges.yaml", problems), _media(root, problems), _editions(root, problems),
                   text["pages"], text["news"])


def _optional_file(root: Path, name: str, problems: Problems) -> Path | None:
    """`root/name` if it is there and may be read."""
    path = root / name
    if path.is_symlink() and (why := escapes(root, path)):
        problems.add(name, 1, f"`{name}` {why}; only files inside the content folder are read")
        return None
    if path.is_dir():
        problems.add(name, 1, f"`{name}` should be a file, but it is a folder")
        return None
    return path if path.is_file() else None


def _editions(root: Path, problems: Problems) -> tuple[EditionSources, ...]:
    """Past editions: `editions/<name>/` with edition.yaml, categories/, shortlist/ and judges.yaml."""
    folder = root / "editions"
    if folder.is_symlink() and (why := escapes(root, folder)):
        problems.add("editions/", 1, f"the folder `editions` {why}; only files inside the content folder are read")
        return ()
    if not folder.is_dir():
        return ()
    found = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name = f"editions/{path.name}"
        if path.name.startswith("."):
            continue
        if path.is_symlink() and (why := escapes(root, path)):
            problems.add(name, 1, f"`{name}` {why}; only files inside the content folder are read")
        elif not path.is_dir():
            problems.add(name, 1, f"`{name}` is not read: `editions/` holds one folder per past edition")
        elif not re.match(PATTERNS["edition"][0], path.name):
            problems.add(name, 1, f"the folder name `{path.name}` is not an edition name: use {PATTERNS['edition'][2]}")
        else:
            found.append(_edition(root, path, name, problems))
    return tuple(found)


def _edition(root: Path, path: Path, name: str, problems: Problems) -> EditionSources:
    for child in sorted(path.iterdir(), key=lambda p: p.name):
        if not child.name.startswith(".") and child.name not in ("edition.yaml", "judges.yaml") + CONTENT_FOLDERS:
            problems.add(f"{name}/{child.name}", 1, f"`{name}/{child.name}` is not read: an edition's folder holds "
                                                    "`edition.yaml`, `judges.yaml`, `categories/` and `shortlist/`")
    info = _optional_file(root, f"{name}/edition.yaml", problems)
    if info is None and not (path / "edition.yaml").exists():
        problems.add(f"{name}/edition.yaml", 1, "missing: every past edition needs its own `edition.yaml` "
                                                "(`python build.py new edition` writes it)")
    return EditionSources(path.name, info, tuple(_content_files(root, f"{name}/categories", problems)),
                          tuple(_content_files(root, f"{name}/shortlist", problems)),
                          _optional_file(root, f"{name}/judges.yaml", problems))


_PICTURES = ("png", "jpg", "jpeg", "gif", "webp", "avif")


def _media(root: Path, problems: Problems) -> tuple[tuple[str, Path], ...]:
    """Pictures under `media/`, published as they are; any other file there is an error."""
    own = root / "media"
    if own.is_symlink() and (why := escapes(root, own)):
        problems.add("media/", 1, f"the folder `media` {why}; only files inside the content folder are read")
        return ()
    found = []
    for name, path in _walk(own, root, "media", problems):
        suffix = name.rsplit(".", 1)[-1] if "." in name else ""
        if suffix in _PICTURES:
            found.append((name, path))
        elif suffix == "svg":
            problems.add(f"media/{name}", 1, "SVG pictures can carry scripts, so `media/` does not publish them; "
                                             "save it as PNG")
        else:
            kinds = ", ".join(f"`.{k}`" for k in _PICTURES)
            problems.add(f"media/{name}", 1, f"`media/{name}` is not published: `media/` holds pictures ({kinds})")
    return tuple(found)


def escapes(root: Path, path: Path) -> str | None:
    """Why following `path` would read from outside `root` (or a hidden file in it), or None."""
    real = Path(os.path.realpath(path))
    inside = real == root or root in real.parents
    if not inside:
        return f"links to `{real}`, outside the content folder"
    if any(part.startswith(".") for part in real.relative_to(root).parts):
        return f"links to `{real.relative_to(root).as_posix()}`, a hidden file (like `.git/config`)"
    return None


def _site_file(root: Path, problems: Problems) -> Path | None:
    path = root / "site.yaml"
    if path.is_symlink() and (why := escapes(root, path)):
        problems.add("site.yaml", 1, f"`site.yaml` {why}; only files inside the content folder are read")
        return None
    if path.is_file():
        return path
    others = [p.name for p in root.glob("[Ss][Ii][Tt][Ee].*") if p.name.lower() in ("site.yml", "site.yaml")]
    hint = f"; rename `{others[0]}` to `site.yaml`" if others else ""
    problems.add("site.yaml", 1, f"missing: every content folder needs a site.yaml (looked in {root}){hint}")
    return None


def _content_files(root: Path, folder: str, problems: Problems, want: str = "yaml") -> list[Path]:
    """The `<slug>.<want>` files of one content folder; anything else there is reported."""
    directory = root / folder
    if directory.is_symlink() and (why := escapes(root, directory)):
        problems.add(f"{folder}/", 1, f"the folder `{folder}` {why}; only files inside the content folder are read")
        return []
    if not directory.exists():
        return []
    if not directory.is_dir():
        problems.add(folder, 1, f"`{folder}` should be a folder of `.{want}` files, but it is a file")
        return []
    found = []
    for path in sorted(directory.iterdir(), key=lambda p: p.name):
        name = f"{folder}/{path.name}"
        if path.name.startswith("."):
            continue  # dotfiles (.DS_Store, .gitkeep, a hidden draft) are ignored on purpose
        if path.is_symlink() and (why := escapes(root, path)):
            problems.add(name, 1, f"`{name}` {why}; only files inside the content folder are read")
        elif path.is_dir():
            problems.add(name, 1, f"subfolders are not read: move the files of `{name}/` up into `{folder}/`")
        elif _is_content_file(path, name, folder, problems, want):
            found.append(path)
    return found


def _is_content_file(path: Path, name: str, folder: str, problems: Problems, want: str) -> bool:
    stem, suffix = path.name.rsplit(".", 1) if "." in path.name else (path.name, "")
    near = ("yaml", "yml") if want == "yaml" else ("md", "markdown", "mdown", "txt")
    if _BACKUP.search(path.name) or path.name.lower() in _SYSTEM_FILES:
        problems.warn(name, 1, f"`{name}` looks like a backup or system file and is not read; delete it")
    elif suffix == want and not re.match(SLUG_PATTERN, stem):
        problems.add(name, 1, f"file name `{stem}` is not a valid slug: {_slug_hint(stem, want)}")
    elif suffix == want and folder.endswith("categories") and stem in RESERVED_IDS:
        problems.add(name, 1, f"the name `{stem}` is used by the site's own pages (it is the id of a part of "
                              f"the page); rename the file, e.g. to `{stem}-award.yaml`")
    elif suffix == want:
        return True
    elif suffix.lower() in near:
        case = "" if suffix.lower() != want else ", in lower case"
        what = "content files" if want == "yaml" else "pages and news posts"
        problems.add(name, 1, f"rename to `{stem}.{want}`: {what} end in `.{want}`{case}")
    else:
        problems.add(name, 1, f"`{name}` is not read: `{folder}/` holds only `<slug>.{want}` files"
                              f"{_rename(path.name, want)}")
    return False


def _rename(name: str, want: str = "yaml") -> str:
    """`x.yaml.txt` -> a hint to rename it `x.yaml`; other files get a hint to move them."""
    pattern = r"(.+?)\.ya?ml\b" if want == "yaml" else r"(.+?)\.(md|markdown)\b"
    match = re.match(pattern, name, re.IGNORECASE)
    if match and re.match(SLUG_PATTERN, match.group(1)):
        return f"; rename it `{match.group(1)}.{want}`"
    return f"; rename it `<slug>.{want}` if it is content, or move it out of the folder"


def _near_misses(root: Path, problems: Problems) -> None:
    """A folder named almost like a content folder (`shortlists/`) would be ignored: say so."""
    for path in sorted(root.iterdir(), key=lambda p: p.name):
        if path.is_dir() and not path.name.startswith(".") and path.name not in CONTENT_FOLDERS + TEXT_FOLDERS + THEME_FOLDERS + OTHER_FOLDERS:
            close = difflib.get_close_matches(path.name.lower(), CONTENT_FOLDERS + TEXT_FOLDERS, n=1, cutoff=0.8)
            if close:
                problems.warn(f"{path.name}/", 1, f"the folder `{path.name}/` is not read; did you mean `{close[0]}/`?")


def _theme(root: Path, folder: str, problems: Problems) -> dict[str, tuple[Path, bool]]:
    """Built-in files of `folder`, overlaid by the content folder's own: name -> (file, is own)."""
    own, builtin = root / folder, BUILTIN / folder
    if own.is_symlink() and (why := escapes(root, own)):
        problems.add(f"{folder}/", 1, f"the folder `{folder}` {why}; only files inside the content folder are read")
        return {}
    files = {}
    if not (own.is_dir() and own.resolve() == builtin.resolve()):  # this repository's example uses its own
        files = {name: (path, False) for name, path in _walk(builtin, BUILTIN, folder, None)}
    if own.is_dir():
        files.update((name, (path, True)) for name, path in _walk(own, root, folder, problems))
    return files


def _walk(folder: Path, root: Path, label: str, problems: Problems | None, depth: int = 0) -> list[tuple[str, Path]]:
    """(relative name, file) for every non-hidden file under `folder`, checking each link."""
    if not folder.is_dir():
        return []
    found: list[tuple[str, Path]] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name = f"{label}/{path.name}"
        if path.name.startswith("."):
            continue
        if problems is not None and path.is_symlink() and (why := escapes(root, path)):
            problems.add(name, 1, f"`{name}` {why}; only files inside the content folder are read")
        elif path.is_dir() and depth < _MAX_DEPTH:
            inner = _walk(path, root, name, problems, depth + 1)
            found += [(f"{path.name}/{child}", file) for child, file in inner]
        elif path.is_file():
            found.append((path.name, path))
    return found


def _slug_hint(stem: str, want: str = "yaml") -> str:
    suggestion = slugify(stem, limit=100)
    rule = PATTERNS["slug"][2]
    return f"use {rule}, e.g. `{suggestion}.{want}`" if suggestion else f"use {rule}"
