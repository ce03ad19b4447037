"""`pip install` of the project, and the pre-commit hooks: each runs as an editor's machine would run it.

One wheel is built from a copy of the repository and installed into a fresh venv (the
dependencies come from the running interpreter, so no network is needed); every command
then runs from a folder outside the checkout, so nothing is imported from it.
"""

from __future__ import annotations

import ast
import html
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, fields, is_dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, png, write_site
from servetools import fetch, free_port

from awardsite import sources
from awardsite.errors import Problems

EPOCH = "1795000000"  # SOURCE_DATE_EPOCH: both builds of a comparison see the same "now"
HOOK_FILES = (ROOT / ".pre-commit-hooks.yaml", ROOT / ".pre-commit-config.yaml")


@dataclass(frozen=True)
class Installed:
    """The project installed into a venv of its own, and a folder outside the checkout to run in."""

    wheel: Path
    bin: Path  # the venv's scripts: `awardsite`, `python`
    outside: Path  # the working folder of every command

    def env(self) -> dict[str, str]:
        """The environment pre-commit or a shell would give: the venv's scripts first on the PATH."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
        return {**env, "PATH": f"{self.bin}{os.pathsep}{env.get('PATH', '')}", "SOURCE_DATE_EPOCH": EPOCH}

    def run(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        """The installed `awardsite` command."""
        return self.command([str(self.bin / "awardsite"), *args], cwd)

    def checkout(self, *args: str) -> subprocess.CompletedProcess[str]:
        """The same command from the checkout: `python build.py ...`."""
        return self.command([sys.executable, str(ROOT / "build.py"), *args])

    def command(self, argv: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, cwd=cwd or self.outside, env=self.env(), capture_output=True, text=True,
                              timeout=120, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """A wheel built from a copy of the repository (as pip builds one from a git URL), installed in a venv."""
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "__pycache__", "_site", "build", "*.egg-info",
                                                                 "tests", "docs"))
    quiet = ["--disable-pip-version-check", "--no-input", "--no-index"]
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", *quiet, "--no-deps", "--no-build-isolation",
                            "-w", str(work / "dist"), str(source)], capture_output=True, text=True, timeout=300,
                           check=False)
    assert built.returncode == 0, (f"{built.stdout}{built.stderr}\nbuilding without network needs setuptools>=70.1 "
                                   "or the wheel package: pip install -r requirements-dev.txt")
    wheel = next((work / "dist").glob("awardsite-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
                   check=True, timeout=120)
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    pip = subprocess.run([sys.executable, "-m", "pip", "--python", str(scripts / "python"), "install", *quiet,
                          "--no-deps", str(wheel)], capture_output=True, text=True, timeout=300, check=False)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    (work / "elsewhere").mkdir()
    return Installed(wheel, scripts, work / "elsewhere")


def copy_content(source: Path, folder: Path) -> Path:
    """The content of `source` without its theme, so a build uses the built-in templates and assets."""
    folder.mkdir(parents=True)
    for name in ("site.yaml", "judges.yaml", *sources.CONTENT_FOLDERS, *sources.TEXT_FOLDERS, *sources.OTHER_FOLDERS):
        if (source / name).is_dir():
            shutil.copytree(source / name, folder / name)
        elif (source / name).is_file():
            shutil.copy(source / name, folder / name)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`: relative path -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def requirements() -> list[str]:
    """requirements.txt's pins, comments dropped, names in their canonical spelling."""
    lines = (line.split("#", 1)[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines())
    return sorted(canonical(line) for line in lines if line)


def canonical(requirement: str) -> str:
    """`Markdown_It.py == 4.3.0` -> `markdown-it-py==4.3.0`: names compare as pip compares them."""
    name = name_of(requirement)
    return name + requirement.strip()[len(name):].replace(" ", "")


def name_of(requirement: str) -> str:
    """The distribution a requirement names, spelt canonically."""
    name = re.match(r"\s*([A-Za-z0-9._-]+)", requirement).group(1)  # type: ignore[union-attr]
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_wheel_holds_every_builtin_template_and_asset(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        shipped = {name.removeprefix("awardsite/"): wheel.read(name) for name in wheel.namelist()
                   if name.startswith(("awardsite/templates/", "awardsite/assets/"))}
    theme = {f"{folder}/{name}": path.read_bytes() for folder in sources.THEME_FOLDERS
             for name, path in sources._walk(ROOT / folder, ROOT, folder, None)}
    assert "templates/base.html" in theme and "assets/site.css" in theme
    assert shipped == theme


def test_the_wheel_requires_what_requirements_txt_lists_serve_included(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        info = next(name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))
        text = wheel.read(info).decode()
    required = sorted(canonical(line.removeprefix("Requires-Dist:")) for line in text.splitlines()
                      if line.startswith("Requires-Dist:"))
    assert required == requirements()
    assert "livereload==2.7.1" in required


def _third_party_imports() -> set[str]:
    """The top-level modules outside the standard library that the package imports."""
    names: set[str] = set()
    for path in (ROOT / "awardsite").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {name for name in names if name not in sys.stdlib_module_names and name != "awardsite"}


def _installed_with(pins: list[str]) -> set[str]:
    """The distributions that installing `pins` brings, their own dependencies (not extras) included."""
    todo, found = [name_of(pin) for pin in pins], set()
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo += [name_of(r) for r in metadata.requires(name) or () if _applies(r)]
    return found


def _applies(requirement: str) -> bool:
    """Whether a dependency is installed with its package: not an extra, nor one for another Python or system."""
    if ";" not in requirement:
        return True
    if re.search(r"\bextra\s*==", requirement):
        return False
    try:
        metadata.distribution(name_of(requirement))  # a marker this machine meets: it is installed
    except metadata.PackageNotFoundError:
        return False
    return True


def test_every_module_the_package_imports_is_installed_by_requirements_txt() -> None:
    """A venv without the developer's packages, like pre-commit's, has only what requirements.txt brings."""
    providers = metadata.packages_distributions()
    imported = {name_of(providers[name][0]) for name in _third_party_imports()}
    assert "jinja2" in imported and "livereload" in imported
    assert imported - _installed_with(requirements()) == set()


def test_the_installed_command_imports_nothing_from_the_checkout(installed: Installed) -> None:
    shown = installed.command([str(installed.bin / "python"), "-c",
                               "import awardsite.cli, awardsite.sources as s; print(s.__file__); print(s.BUILTIN)"])
    module, builtin = shown.stdout.split()
    assert Path(module).parent == Path(builtin)
    assert Path(builtin).is_relative_to(installed.bin.parent) and (Path(builtin) / "templates/base.html").is_file()


@pytest.mark.parametrize("example", [ROOT, ROOT / "examples/riverside-awards"], ids=["root", "riverside"])
def test_installed_check_and_build_give_what_the_checkout_gives(installed: Installed, tmp_path: Path,
                                                                example: Path) -> None:
    content = copy_content(example, tmp_path / "content")
    check = installed.run("check", "--source", str(content))
    assert check.returncode == 0, check.stdout + check.stderr
    by_checkout = installed.checkout("check", "--source", str(content))
    assert (check.stdout, check.stderr) == (by_checkout.stdout, by_checkout.stderr)
    assert installed.run("build", "--source", str(content), "--out", str(tmp_path / "installed")).returncode == 0
    assert installed.checkout("build", "--source", str(content), "--out", str(tmp_path / "checkout")).returncode == 0
    built = snapshot(tmp_path / "installed")
    assert "assets/site.css" in built and "shortlist.csv" in built
    assert built == snapshot(tmp_path / "checkout")


def test_installed_import_dry_run_and_new_category_do_what_the_checkout_does(installed: Installed,
                                                                             tmp_path: Path) -> None:
    content = copy_content(ROOT, tmp_path / "content")
    assert installed.checkout("build", "--source", str(content), "--out", str(tmp_path / "out")).returncode == 0
    before = snapshot(content)
    dry_run = installed.run("import", str(tmp_path / "out/shortlist.csv"), "--source", str(content), "--dry-run")
    assert dry_run.returncode == 0, dry_run.stdout + dry_run.stderr
    assert dry_run.stdout == installed.checkout("import", str(tmp_path / "out/shortlist.csv"), "--source",
                                                str(content), "--dry-run").stdout
    assert snapshot(content) == before
    new = installed.run("new", "category", "Digital Innovation Award", "--source", str(content))
    assert new.returncode == 0, new.stdout + new.stderr
    written = content / "categories/digital-innovation-award.yaml"
    by_installed = written.read_bytes()
    written.unlink()
    by_checkout = installed.checkout("new", "category", "Digital Innovation Award", "--source", str(content))
    # Each names itself as it was run: the command's hint says `awardsite check` or `python build.py check`.
    assert new.stdout.endswith("then run `awardsite check`\n")
    assert by_checkout.stdout == new.stdout.replace("`awardsite check`", "`python build.py check`")
    assert written.read_bytes() == by_installed


def test_installed_serve_serves_the_home_page(installed: Installed, tmp_path: Path) -> None:
    content = copy_content(ROOT, tmp_path / "content")
    port = free_port()
    with open(tmp_path / "serve.log", "wb") as log:
        process = subprocess.Popen([str(installed.bin / "awardsite"), "serve", "--source", str(content), "--port",
                                    str(port)], cwd=installed.outside, env=installed.env(), stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not _listening(port):
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.1)
        status, body = fetch(f"http://127.0.0.1:{port}/")  # sends the browser on to the base path
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
    title = yaml.safe_load((content / "site.yaml").read_text())["title"]
    assert status == 200 and f"{html.escape(title)}</title>" in body


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def _hook(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text())
    hooks = loaded if isinstance(loaded, list) else [h for repo in loaded["repos"] for h in repo["hooks"]]
    (hook,) = [h for h in hooks if h["id"] == "awardsite-check"]
    return dict(hook)


def test_the_hook_for_content_repositories_runs_the_installed_check(installed: Installed, tmp_path: Path) -> None:
    """What pre-commit runs in another content repository: the entry, in the environment it installed."""
    hook = _hook(ROOT / ".pre-commit-hooks.yaml")
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    content = copy_content(ROOT, tmp_path / "content")
    passed = installed.command(shlex.split(hook["entry"]), cwd=content)
    assert passed.returncode == 0 and passed.stdout.startswith(".: OK, 2 categories"), passed.stdout + passed.stderr
    site = content / "site.yaml"
    site.write_text(site.read_text().replace("title:", "titel:", 1))
    failed = installed.command(shlex.split(hook["entry"]), cwd=content)
    assert failed.returncode == 1, failed.stdout
    assert re.search(r"^site\.yaml:\d+: .*`titel`", failed.stderr, re.MULTILINE), failed.stderr


def test_this_repository_s_hook_runs_in_an_environment_pre_commit_builds(installed: Installed) -> None:
    """No `language: system`: pre-commit installs requirements.txt's pins, so any `python` on the PATH will do."""
    hook = _hook(ROOT / ".pre-commit-config.yaml")
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert sorted(canonical(dep) for dep in hook["additional_dependencies"]) == requirements()
    source = installed.wheel.parent.parent / "source"  # the repository's copy the wheel was built from
    ran = installed.command(shlex.split(hook["entry"]), cwd=source)
    assert ran.returncode == 0 and ran.stdout.startswith(".: OK, 2 categories"), ran.stdout + ran.stderr


def _paths(found: Any) -> list[Path]:
    """Every path in a `Sources` (its editions' included)."""
    if isinstance(found, Path):
        return [found]
    if is_dataclass(found):
        return [p for f in fields(found) for p in _paths(getattr(found, f.name))]
    if isinstance(found, tuple):
        return [p for item in found for p in _paths(item)]
    return []


@pytest.mark.parametrize("config", HOOK_FILES, ids=lambda p: p.name)
def test_the_hook_runs_on_a_change_to_any_file_the_build_reads(config: Path, tmp_path: Path) -> None:
    pattern = re.compile(_hook(config)["files"])  # pre-commit matches with Python's re.search
    edition = {f"editions/2025/{name}": text for name, text in (
        ("edition.yaml", "title: 2025\n"), ("judges.yaml", "panels: []\n"),
        ("categories/first.yaml", "title: F\n"), ("shortlist/first.yaml", "entries: []\n"))}
    folder = write_site(tmp_path / "content", {
        "judges.yaml": "panels: []\n", "pages/about.md": "---\ntitle: About\n---\nText.\n",
        "news/launch.md": "---\ntitle: Launch\n---\nText.\n", "media/logo.png": png(),  # type: ignore[dict-item]
        "templates/base.html": "{{ page.title }}", "assets/site.css": "body {}", **edition})
    read = {p.relative_to(folder).as_posix() for p in _paths(sources.scan(folder, Problems()))
            if p.is_relative_to(folder) and p != folder}
    folders = {name.split("/")[0] for name in read if "/" in name}
    assert folders == set(sources.CONTENT_FOLDERS + sources.TEXT_FOLDERS + sources.THEME_FOLDERS
                          + sources.OTHER_FOLDERS)
    assert {"site.yaml", "judges.yaml", "editions/2025/shortlist/first.yaml"} <= read
    assert [name for name in sorted(read) if not pattern.search(name)] == []
    assert not pattern.search("README.md") and not pattern.search("docs/editing.md")
