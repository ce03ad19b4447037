"""The checkers the accessibility and HTML tests run: axe-core, the Nu HTML checker (vnu.jar), Lighthouse.

Both come from npm, pinned in tests/tools/package-lock.json, and are installed with
`npm ci --prefix tests/tools` into tests/tools/node_modules; vnu.jar also needs Java.
$AWARDSITE_AXE (a path to axe.min.js) and $AWARDSITE_VNU (a path to vnu.jar) override them.
When one is missing its tests skip, saying how to install it; REQUIRE_BROWSER=1 (as in CI)
makes that a failure instead, as it does for the browser itself.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parent / "tools"
NODE_MODULES = TOOLS / "node_modules"
INSTALL = "npm ci --prefix tests/tools"


def _missing(what: str, how: str) -> None:
    message = f"{what}: {how}; REQUIRE_BROWSER=1 makes this a failure"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _tool(env: str, default: Path, name: str) -> Path:
    override = os.environ.get(env)
    path = Path(override) if override else default
    if not path.is_file():
        where = f"${env}={override} does not exist" if override else f"no {default.relative_to(TOOLS.parent.parent)}"
        _missing(
            f"{name} not installed ({where})",
            f"run `{INSTALL}` from the repository root (Node/npm needed), or set ${env} to its path",
        )
    return path


def axe_script() -> str:
    """The text of axe.min.js, to inject into a page."""
    return _tool("AWARDSITE_AXE", NODE_MODULES / "axe-core" / "axe.min.js", "axe-core").read_text(encoding="utf-8")


def vnu_jar() -> Path:
    """The path of vnu.jar."""
    return _tool("AWARDSITE_VNU", NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar", "vnu.jar (Nu HTML checker)")


def lighthouse_cli() -> Path:
    """The Lighthouse command line (run with Node)."""
    if not shutil.which("node"):
        _missing("no Node to run Lighthouse", "install Node.js 18 or later")
    return _tool("AWARDSITE_LIGHTHOUSE", NODE_MODULES / "lighthouse" / "cli" / "index.js", "Lighthouse")


def java() -> str:
    """The java executable that runs vnu.jar: $JAVA_HOME/bin/java, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    candidates = [str(Path(home) / "bin" / "java")] if home else []
    candidates.append(shutil.which("java") or "")
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    _missing("no Java to run vnu.jar", "install Java 11 or later (apt-get install default-jre-headless)")
    raise AssertionError("unreachable")
