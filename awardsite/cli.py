"""The command line: the only place that prints or chooses an exit status."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__, pipeline
from .errors import BuildError, ContentError


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the process exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "build")  # `python build.py` means `python build.py build`
    args = _parser().parse_args(argv)
    source = Path(args.source)
    try:
        if args.command == "check":
            content = pipeline.check(source)
            print(f"{source}: OK, {len(content.categories)} categories, {len(content.shortlists)} shortlists")
        else:
            started = time.perf_counter()
            out = Path(args.out) if args.out else source / "_site"
            files = pipeline.build(source, out, args.base_url)
            took = time.perf_counter() - started
            print(f"built {len(files)} files into {out} in {took:.2f}s")
    except ContentError as exc:
        prefix = "" if source.resolve() == Path.cwd().resolve() else f"{args.source.rstrip('/')}/"
        for problem in exc.problems:
            print(problem.format(prefix), file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written", file=sys.stderr)
        return 1
    except (BuildError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Build an awards site from YAML content.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the site (the default command)")
    check = commands.add_parser("check", help="validate the content without building")
    for sub in (build, check):
        sub.add_argument("--source", default=".", help="the content folder (default: the current folder)")
    build.add_argument("--out", help="the output folder (default: _site in the content folder)")
    build.add_argument("--base-url", help="publish under this address instead of site.yaml's base_url")
    return parser
