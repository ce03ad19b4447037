"""The GitHub Pages workflow: triggers, steps, and agreement with the README."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def build_steps(workflow) -> list[dict]:
    return workflow["jobs"]["build"]["steps"]


def triggers(workflow: dict) -> dict:
    # PyYAML follows YAML 1.1, where a bare `on` is the boolean true, so the
    # key comes back as True; accept "on" too in case it is ever quoted.
    found = workflow.get(True, workflow.get("on"))
    assert isinstance(found, dict), "the workflow's `on:` should be a mapping of events"
    return found


def uses(steps: list[dict], action: str) -> list[dict]:
    """Steps running `action` (any version)."""
    return [s for s in steps if s.get("uses", "").split("@")[0] == action]


def one(steps: list[dict], action: str) -> dict:
    found = uses(steps, action)
    assert len(found) == 1, f"expected one step using {action}, found {len(found)}"
    return found[0]


def runs(steps: list[dict]) -> list[str]:
    return [s["run"].strip() for s in steps if "run" in s]


def build_commands(steps: list[dict]) -> list[tuple[dict, list[str]]]:
    """(step, argv) for every `python build.py build ...` step."""
    found = []
    for step in steps:
        for line in step.get("run", "").splitlines():
            argv = shlex.split(line)
            if argv[:3] == ["python", "build.py", "build"]:
                found.append((step, argv))
    return found


def option(argv: list[str], name: str) -> str | None:
    return argv[argv.index(name) + 1] if name in argv else None


def only_when_publishing(condition: str | None) -> bool:
    """Publishing steps run for pushes, the schedule and manual runs, never for pull requests."""
    return "github.event_name != 'pull_request'" in re.sub(r"\s+", " ", condition or "")


def readme_install_command() -> str:
    """The install part of the first ```sh block under "## Quick start"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)\n```", section, re.S)
    assert block, "no ```sh block under ## Quick start in README.md"
    first_command = block.group(1).strip().splitlines()[0]
    assert " && " in first_command, first_command
    return first_command.split(" && ", 1)[0].strip()


def test_triggers_are_pull_requests_and_pushes_to_main(workflow):
    on = triggers(workflow)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on  # "Run workflow": publish a milestone at the very moment
    assert on["schedule"][0]["cron"]  # scheduled rebuilds make milestones happen without a commit


def cron_minutes(cron: str) -> set[int]:
    """The minutes of every hour a cron line runs at; it must run every hour of every day."""
    minute, *rest = cron.split()
    assert rest == ["*", "*", "*", "*"], f"`{cron}` does not run every hour of every day"
    found: set[int] = set()
    for part in minute.split(","):
        span, _, step = part.partition("/")
        first, _, last = span.partition("-")
        low = 0 if first == "*" else int(first)
        high = 59 if first == "*" or (step and not last) else int(last or first)
        found.update(range(low, high + 1, int(step or 1)))
    return found


def longest_wait(crons: list[str]) -> int:
    """The longest time in minutes between two scheduled runs, across the hour."""
    minutes = sorted(set().union(*(cron_minutes(c) for c in crons)))
    return max(later - earlier for earlier, later in zip(minutes, minutes[1:] + [minutes[0] + 60]))


@pytest.mark.parametrize("crons, wait", [(["*/15 * * * *"], 15), (["*/15 * * * *", "7 * * * *"], 15),
                                         (["4-59/15 * * * *"], 15), (["0,30 * * * *"], 30), (["*/20 * * * *"], 20),
                                         (["5 * * * *"], 60), (["*/5 * * * *"], 5)])
def test_longest_wait_reads_cron_minutes(crons, wait):
    assert longest_wait(crons) == wait


def test_longest_wait_refuses_schedules_that_skip_hours():
    with pytest.raises(AssertionError):
        longest_wait(["*/15 9-17 * * *"])


def test_milestones_are_published_within_15_minutes(workflow):
    """Entries open and close, shortlists and winners appear, at most 15 minutes late (before GitHub's delay)."""
    every_hour = [s["cron"] for s in triggers(workflow)["schedule"] if s["cron"].split()[1:] == ["*"] * 4]
    assert every_hour, "no schedule runs every hour of every day"
    assert longest_wait(every_hour) <= 15


def test_permissions_and_concurrency(workflow):
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_the_expected_actions_are_used(workflow, build_steps):
    one(build_steps, "actions/checkout")
    python = one(build_steps, "actions/setup-python")
    assert python["with"]["cache"] == "pip"
    assert str(python["with"]["python-version"]) == "3.11"
    one(build_steps, "actions/configure-pages")
    one(build_steps, "actions/upload-pages-artifact")
    one(workflow["jobs"]["deploy"]["steps"], "actions/deploy-pages")


def test_install_command_is_the_readmes(build_steps):
    install = readme_install_command()
    assert install.startswith("python -m pip install "), install  # the parsing found the right line
    installs = [r for r in runs(build_steps) if "pip install" in r]
    assert installs == [install]


def test_content_is_checked_with_github_annotations(build_steps):
    assert any("python build.py check --format github" in r for r in runs(build_steps))


def test_push_build_takes_base_url_from_configure_pages(build_steps):
    pages = one(build_steps, "actions/configure-pages")
    assert pages.get("id") == "pages"
    assert only_when_publishing(pages.get("if"))
    with_base = [(s, argv) for s, argv in build_commands(build_steps) if "--base-url" in argv]
    assert len(with_base) == 1
    step, argv = with_base[0]
    # configure-pages' base_url has no trailing slash; the build's prefix needs one.
    assert option(argv, "--base-url") == "${{ steps.pages.outputs.base_url }}/"
    assert only_when_publishing(step.get("if"))
    # The step reading the output must come after the step that sets it.
    assert build_steps.index(pages) < build_steps.index(step)


def test_pull_requests_build_without_publishing(build_steps):
    plain = [(s, argv) for s, argv in build_commands(build_steps) if "--base-url" not in argv]
    assert len(plain) == 1
    condition = plain[0][0].get("if", "")
    assert "github.event_name == 'pull_request'" in condition
    assert only_when_publishing(one(build_steps, "actions/upload-pages-artifact").get("if"))


def test_upload_path_is_the_build_output(build_steps):
    commands = build_commands(build_steps)
    assert commands
    outs = {option(argv, "--out") for _, argv in commands}
    assert len(outs) == 1 and None not in outs, f"every build should name the same --out: {outs}"
    upload = one(build_steps, "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == outs.pop().rstrip("/")


def test_upload_keeps_dotfiles(build_steps):
    # .nojekyll must reach Pages. upload-pages-artifact v3 keeps dotfiles; v4
    # drops them with no opt-out; v5 and later need include-hidden-files.
    upload = one(build_steps, "actions/upload-pages-artifact")
    major = int(upload["uses"].split("@")[1].lstrip("v").split(".")[0])
    assert major != 4, "upload-pages-artifact v4 cannot publish .nojekyll"
    if major >= 5:
        assert str(upload["with"].get("include-hidden-files")).lower() == "true"


def test_deploy_needs_build_and_runs_only_from_main_never_for_pull_requests(workflow):
    deploy = workflow["jobs"]["deploy"]
    needs = deploy["needs"]
    assert (needs if isinstance(needs, list) else [needs]) == ["build"]
    assert only_when_publishing(deploy.get("if"))
    assert "github.ref == 'refs/heads/main'" in deploy["if"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert one(deploy["steps"], "actions/deploy-pages").get("id") == "deployment"
