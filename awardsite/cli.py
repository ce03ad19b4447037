"""The command line: the only place that prints or chooses an exit status."""

from __future__ import annotations

import argparse
import os
import sys
import time
import typing
from pathlib import Path

from . import __version__, clock, pipeline
from .errors import BuildError, ContentError, Problem

if typing.TYPE_CHECKING:
    from . import editions, importer

# `editions`, `importer`, `scaffold` and `schema` are imported by their commands: a build with nothing to do
# (cache.py) then starts without markdown-it and Jinja, in half the time.


def _program() -> str:
    """How the editor runs this tool: `awardsite` when pip installed it, else `python build.py`."""
    return "awardsite" if Path(sys.argv[0]).stem == "awardsite" else "python build.py"


def run() -> None:
    """`main` as a program (build.py, the `awardsite` command): exit with its status.

    Without the interpreter's teardown, as mypy exits: freeing a big build's objects one by one took a tenth of
    a second at 10,000 entries after the work was done. Everything is written and closed by then.
    """
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: nothing more can be said
        pass
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the process exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "build")  # `python build.py` means `python build.py build`
    args = _parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ContentError as exc:
        _report(exc.warnings, args)
        _report(exc.problems, args)
        _summary(exc.problems)
        return 1
    except (BuildError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    out = Path(args.out) if args.out else Path(args.source) / "_site"
    built = pipeline.build(Path(args.source), out, args.base_url, at=args.at, on_wait=_waiting, jobs=args.jobs,
                           cached=not args.no_cache)
    _report(built.warnings, args)
    seconds = time.perf_counter() - started
    if built.content is None:
        print(f"nothing changed since the last build of {out} ({built.files} files), checked in {seconds:.2f}s")
    elif built.written < built.files:
        print(f"built {built.files} files into {out} in {seconds:.2f}s ({built.written} made again, "
              f"{built.files - built.written} unchanged)")
    else:
        print(f"built {built.files} files into {out} in {seconds:.2f}s")
    if args.at:
        print(f"as of {args.at}: embargoed content due by then is in it; do not publish this build")
    return 0


def _waiting(message: str) -> None:
    print(f"{message}…", file=sys.stderr, flush=True)


def _check(args: argparse.Namespace) -> int:
    content = pipeline.check(Path(args.source))
    _report(content.warnings, args)
    if args.format == "text":
        past = len(content.editions) - 1
        editions = f", {past} past edition{'s' if past != 1 else ''}" if past else ""
        text = f", {_count(len(content.pages), 'page')}" if content.pages else ""
        text += f", {_count(len(content.news), 'news post')}" if content.news else ""
        print(f"{args.source}: OK, {_count(len(content.categories), 'category', 'categories')}, "
              f"{_count(len(content.shortlists), 'shortlist')}"
              f"{text}{editions}")
    return 0


def _count(number: int, noun: str, plural: str = "") -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def _schema(args: argparse.Namespace) -> int:
    from . import schema
    for path in schema.write_all(Path(args.source) / "schemas", schema.site_of(Path(args.source))):
        print(f"wrote {path}")
    return 0


def _new(args: argparse.Namespace) -> int:
    from . import scaffold
    if args.kind == "edition":
        if args.slug is not None:
            raise BuildError("`--slug` names a new category, page or post; an edition's name is its folder's")
        return _new_edition(args)
    if args.kind in ("page", "post"):
        path = scaffold.new_text(Path(args.source), args.kind, args.name, clock.today().isoformat(), args.slug)
    else:
        path = scaffold.new_category(Path(args.source), args.name, args.slug)
    print(f"wrote {path}: fill in each field, then run `{_program()} check`")
    return 0


def _new_edition(args: argparse.Namespace) -> int:
    from . import editions
    planned = editions.plan(Path(args.source), args.name)
    editions.apply(planned)
    for change in planned.changes:
        moved = f"{change.origin.relative_to(planned.root).as_posix()} -> " if change.how != "wrote" and change.origin \
            else ""
        print(f"{change.how} {moved}{change.path.relative_to(planned.root).as_posix()}")
    print(f"archived edition {planned.current} in editions/{planned.current}/ and started edition {planned.name}.")
    print("Before you publish, check:")
    for item in _edition_checklist(planned):
        print(f"  - {item}")
    return 0


def _edition_checklist(planned: editions.Plan) -> list[str]:
    """What the editor must look at after `new edition`."""
    old = planned.current
    judges = any(c.path.name == "judges.yaml" for c in planned.changes)
    return [
        "the dates, moved on a year (the weekday may now be wrong; 29 February became 28 February): "
        + (", ".join(planned.marked) if planned.marked else "none were given"),
        f"the title: `{planned.title}`",
        "the intro, contacts, and the key dates' labels and links in site.yaml: they are last year's",
        "each category's criteria, eligibility, how_to_enter and entry_url (categories/*.yaml): last year's "
        f"are kept in editions/{old}/categories/",
        f"shortlist/ is now empty: last year's shortlists are in editions/{old}/shortlist/; import this year's "
        "when it is chosen",
        f"the judges: judges.yaml moved to editions/{old}/judges.yaml; write this year's" if judges
        else "the judges: write judges.yaml when this year's panel is known",
        f"then delete each `# check:` comment: `{_program()} check` warns until they are gone",
    ]


def _import(args: argparse.Namespace) -> int:
    from . import importer
    source = Path(args.source)
    planned = importer.plan(Path(args.csv), source, replace=args.replace, ignore=args.ignore_column)
    _report(planned.warnings, args)
    for change in planned.files:
        _import_listing(change, source, args.replace)
        if args.verbose and change.changed:
            print(change.diff(source), end="")
        if not args.dry_run and change.changed:
            print(f"wrote {change.path}")
    if not args.dry_run:
        importer.apply(planned.changes)
    verb = "would change" if args.dry_run else "changed"
    count = len(planned.changes)
    print(f"{verb} {count} shortlist file{'s' if count != 1 else ''}")
    return 0


def _import_listing(change: importer.Change, source: Path, replace: bool) -> None:
    """Per file: entries added, changed field by field, removed, and those not in the spreadsheet."""
    print(f"{change.path.relative_to(source).as_posix()}:{'' if change.changed else ' no changes'}")
    heading = {"added": "added", "changed": "changed", "removed": "removed (not in the spreadsheet)",
               "kept": "not in the spreadsheet, kept"}
    for entry in change.entries:
        row = f" (row {entry.row}{'; ' + entry.note if entry.note else ''})" if entry.row else ""
        print(f"  {heading[entry.how]}: {entry.title}{row}")
        for field in entry.fields:
            print(f"    {field.field}: {field.old} -> {field.new}")


def _serve(args: argparse.Namespace) -> int:
    from . import serve  # livereload is only needed for previewing

    out = Path(args.out) if args.out else Path(args.source) / "_site"
    def log(line: str) -> None:  # at once, line by line, even when the terminal is a pipe
        print(line, flush=True)

    serve.serve(Path(args.source), out, args.base_url, args.host, args.port, log=log, at=args.at,
                verbose=args.verbose)
    return 0


def _report(problems: typing.Sequence[Problem], args: argparse.Namespace) -> None:
    """Print problems (errors or warnings) as `file:line: message`, or as GitHub annotations."""
    source = getattr(args, "source", ".")
    prefix = "" if Path(source).resolve() == Path.cwd().resolve() else f"{source.rstrip('/')}/"
    if getattr(args, "format", "text") == "github":
        for p in problems:
            where = _escape(p.file if p.file.startswith("/") else f"{prefix}{p.file}", True)
            level, title = ("warning", "Content warning") if p.warning else ("error", "Content error")
            print(f"::{level} file={where},line={max(p.line, 1)},title={title}::{_escape(p.message, False)}")
    else:
        for problem in problems:
            print(problem.format(prefix), file=sys.stderr)
            if problem.detail and getattr(args, "verbose", False):
                print(f"    {problem.detail}", file=sys.stderr)


def _summary(problems: typing.Sequence[Problem]) -> None:
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written", file=sys.stderr)


def _escape(text: str, is_property: bool) -> str:
    """Escape for a GitHub Actions workflow command."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=_program(), description="Build an awards site from YAML content.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler, help: str) -> argparse.ArgumentParser:  # type: ignore[no-untyped-def]
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("--source", default=".", help="the content folder (default: the current folder)")
        sub.add_argument("--verbose", action="store_true", help="say more about each problem: for a YAML mistake, "
                                                                 "the parser's own words")
        sub.set_defaults(handler=handler)
        return sub

    for name, handler, help in (
        ("build", _build, "build the site (the default command)"),
        ("serve", _serve, "build, serve on 127.0.0.1 and rebuild and reload on every change"),
    ):
        sub = command(name, handler, help)
        sub.add_argument("--out", help="the output folder (default: _site in the content folder)")
        sub.add_argument("--base-url", help="publish under this address instead of site.yaml's base_url")
        sub.add_argument("--at", metavar="\"YYYY-MM-DD HH:MM\"",
                         help="build the site as it will be then (in site.yaml's timezone), to preview an "
                              "announcement; never publish such a build")
    commands.choices["build"].add_argument(
        "--jobs", type=int, default=0, metavar="N",
        help="read a big programme and render a big site in N processes (default: one per core; 1: one process); "
             "the files are the same")
    commands.choices["build"].add_argument(
        "--no-cache", action="store_true",
        help="render every page again, ignoring what the last build into --out made (the files are the same)")
    serve = commands.choices["serve"]
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    check = command("check", _check, "validate the content without building")
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="`github` prints GitHub Actions annotations")
    command("schema", _schema, "regenerate the JSON Schemas in schemas/ from the model")
    new = command("new", _new, "start a new category, `new category \"Title of the award\"`, a page or news "
                               "post, `new page \"About the awards\"`, or a new year, `new edition 2026`: this "
                               "year's edition is archived in editions/ and the next started")
    new.add_argument("kind", choices=["category", "page", "post", "edition"])
    new.add_argument("name", metavar="TITLE_OR_NAME", help="a category, page or post: its title (its file name is "
                                                          "made from it); an edition: its name, like 2026")
    new.add_argument("--slug", help="the file name (and address) to use instead of one made from the title, "
                                    "e.g. `--slug nursing-award`")
    imp = command("import", _import, "write shortlist files from a CSV spreadsheet")
    imp.add_argument("csv", help="a CSV with columns category, organisation, title, synopsis, result")
    imp.add_argument("--dry-run", action="store_true", help="show what would change; write nothing "
                                                            "(with --verbose, each file's diff too)")
    mode = imp.add_mutually_exclusive_group()
    mode.add_argument("--merge", dest="replace", action="store_false", help="update the entries the rows name, "
                      "only in the columns given, and keep the rest of each shortlist file (the default)")
    mode.add_argument("--replace", action="store_true", help="make each category's shortlist exactly the "
                      "spreadsheet's rows; results and citations it drops are warned of")
    imp.set_defaults(replace=False)
    imp.add_argument("--ignore-column", action="append", default=[], metavar="NAME",
                     help="leave a column out, e.g. `--ignore-column score` (repeat for more)")
    return parser
