"""The Jinja environment: a sandbox, templates found by `sources.scan`, limits, and errors as `file:line`.

Templates may come from the content folder, so they run in Jinja's immutable sandbox:
no `__globals__`, no attribute of Python's internals, no changing the content.
A page must render within `PAGE_SECONDS` and `PAGE_BYTES`; both are checked while it
streams, so a runaway loop is stopped with a clear error instead of hanging or filling
the disk. Pages stream out as chunks of bytes, so no page is held whole in memory.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import time
import traceback
from typing import Any, Callable, Generator, Iterator, cast

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import ContentError, Problem
from .sources import Templates

PAGE_SECONDS = 60.0  # the render-time budget of one page; a programme's largest page needs a few
PAGE_BYTES = 256 * 1024 * 1024  # no real page comes near this
_BATCH = 256  # chunks joined before a page's size and time are checked and the text written
MAX_ARGUMENT = 10_000_000  # the largest whole number a template may pass to a function or filter
_WIDE_FORMAT = re.compile(r"%[-#0 +]*\.?[0-9]{6,}|\{[^}]*:[^}]*[0-9]{6,}")  # `%999999999d`: padding to a huge width


_FIELDS: dict[type, frozenset[str]] = {}  # each dataclass's field names, found once
_DICT_NAMES = frozenset(dir(dict))  # `t.items` is the method, as Jinja reads it; `t.home` the label


class LimitError(Exception):
    """A page went over its time or size budget."""


class _Loader(jinja2.BaseLoader):
    """Only the templates `sources.scan` found and checked; errors name them as editors see them."""

    def __init__(self, templates: Templates) -> None:
        self.files = {name: (path, label) for name, path, label in templates}

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if template not in self.files:
            raise jinja2.TemplateNotFound(template)
        path, label = self.files[template]
        return path.read_text(encoding="utf-8"), label, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self.files)


class Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with a clock: every call and operator checks the page's budget."""

    intercepted_binops = frozenset({"*", "**", "%"})
    deadline = float("inf")  # set per page by `stream`

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe: dict[tuple[type, str], bool] = {}

    def getattr(self, obj: Any, attribute: str) -> Any:
        # A dataclass's fields (the content model, a page, the phase) and a dict's keys (the labels) are plain
        # data: read without the sandbox's checks, which cost a fifth of a page. Any other name (methods,
        # `__class__`, `format`) takes the checks.
        kind = type(obj)
        fields = _FIELDS.get(kind)
        if fields is None:
            fields = _FIELDS[kind] = frozenset(f.name for f in dataclasses.fields(obj)) if dataclasses.is_dataclass(obj) \
                and not isinstance(obj, type) else frozenset()
        if attribute in fields:
            return getattr(obj, attribute)
        if kind is dict and attribute in obj and attribute not in _DICT_NAMES:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # The sandbox's answer depends only on the object's type and the name: ask once per pair.
        key = (type(obj), attr)
        if key not in self._safe:
            self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return self._safe[key]

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitError(f"took longer than {PAGE_SECONDS:g} s to render; is a loop in the template unbounded?")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        __self.check_time()
        _check_arguments(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _WIDE_FORMAT.search(value.__self__):
            raise SecurityError("a format that wide is not allowed")
        return wrapped

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.check_time()
        if operator == "**" and not (isinstance(right, (int, float)) and abs(right) <= 64):
            raise SecurityError("a power that large is not allowed in a template")
        if operator == "*" and (isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple))):
            count = right if isinstance(left, (str, list, tuple)) else left
            if isinstance(count, int) and count > MAX_ARGUMENT:
                raise SecurityError(f"repeating text or a list more than {MAX_ARGUMENT:,} times is not allowed")
        if operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise SecurityError("a format that wide is not allowed")
        return super().call_binop(context, operator, left, right)


class _Compiled(jinja2.BytecodeCache):
    """Each template compiled once per process (a long `serve`); a changed source is compiled again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:  # Jinja discards it if the source's checksum differs
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()  # every environment here is the same Sandbox, so compiled code is shared


def compile_one(env: Sandbox, name: str) -> dict[str, bytes]:
    """Compile template `name` in `env` (precompile.py); the code made, for `keep_compiled`, or none if it fails."""
    before = set(_COMPILED.store)
    try:
        env.get_template(name)
    except Exception:  # noqa: BLE001 (the build compiles it again and reports the problem at its line)
        return {}
    return {key: code for key, code in _COMPILED.store.items() if key not in before}


def keep_compiled(store: dict[str, bytes]) -> None:
    """Keep code `compile_one` made in another process, for this one's environments (Jinja checks each source)."""
    for key, code in store.items():
        _COMPILED.store.setdefault(key, code)


def environment(templates: Templates) -> Sandbox:
    """A sandboxed environment over the scanned templates; autoescape on, except for `.txt` files."""
    env = Sandbox(
        loader=_Loader(templates),
        autoescape=lambda name: not (name or "").endswith(".txt"),  # robots.txt is plain text, not HTML
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_COMPILED,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    for name, function in list(env.filters.items()):
        env.filters[name] = _guarded(env, function, name == "format")
    return env


def _guarded(env: Sandbox, function: Callable[..., Any], formats: bool) -> Callable[..., Any]:
    """A filter that checks the clock and refuses huge numbers (`center(10**9)`) before it runs."""

    def guarded(*args: Any, **kwargs: Any) -> Any:
        env.check_time()
        _check_arguments(args, kwargs)
        if formats and args and isinstance(args[0], str) and _WIDE_FORMAT.search(args[0]):
            raise SecurityError("a format that wide is not allowed")
        return function(*args, **kwargs)

    for attribute in ("jinja_pass_arg",):  # Jinja passes the context or environment to some filters
        if hasattr(function, attribute):
            setattr(guarded, attribute, getattr(function, attribute))
    return guarded


def _check_arguments(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
            raise SecurityError(f"the number {value} is too large for a template (the limit is {MAX_ARGUMENT:,})")


def stream(env: Sandbox, template: str, context: dict[str, Any], page: Any, output: str) -> Iterator[bytes]:
    """The rendered page in chunks of UTF-8; raise ContentError naming the template file and line."""
    started = time.monotonic()
    env.deadline = started + PAGE_SECONDS
    size = 0
    try:
        chunks = cast(Generator[str, None, None], env.get_template(template).generate(context, page=page))
        pending: list[str] = []  # Jinja yields a few characters at a time: encoded and written in batches
        for chunk in chunks:
            pending.append(chunk)
            if len(pending) < _BATCH:
                continue
            data = "".join(pending).encode("utf-8")
            pending.clear()
            size += len(data)
            if size > PAGE_BYTES:  # thrown into the template, so the error names its line
                chunks.throw(LimitError(f"would be larger than {PAGE_BYTES // 2**20} MB"))
            if time.monotonic() > env.deadline:
                chunks.throw(LimitError(f"took longer than {PAGE_SECONDS:g} s to render; is a loop in the "
                                        "template unbounded?"))
            yield data
        data = "".join(pending).encode("utf-8")
        if size + len(data) > PAGE_BYTES:
            raise LimitError(f"would be larger than {PAGE_BYTES // 2**20} MB")
        yield data
    except Exception as exc:
        raise ContentError([_problem(env, template, output, exc)]) from None
    finally:
        env.deadline = float("inf")


def _problem(env: Sandbox, template: str, output: str, exc: BaseException) -> Problem:
    """Where in which template `exc` happened, and what it means for an editor."""
    labels = {label for _, label in getattr(env.loader, "files", {}).values()}
    top = getattr(env.loader, "files", {}).get(template, (None, f"templates/{template}"))[1]
    file, line = _innermost(labels, top)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(exc.filename or file, exc.lineno or 1, f"template syntax: {exc.message}")
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem(file, line, f"template `{exc.name}` not found")
    if isinstance(exc, UnicodeDecodeError):
        return Problem(file, line, "a template file is not UTF-8; save it as UTF-8")
    if isinstance(exc, LimitError):
        return Problem(file, line, f"the page `{output}` {exc}")
    if isinstance(exc, SecurityError):
        return Problem(file, line, f"not allowed in a template: {exc}")
    if isinstance(exc, (MemoryError, RecursionError)):
        return Problem(file, line, f"the page `{output}` ran out of memory or recursed too deeply while rendering")
    return Problem(file, line, f"{type(exc).__name__}: {exc}")


def _innermost(labels: set[str], default: str) -> tuple[str, int]:
    """The innermost template file and line in the traceback being handled."""
    found = (default, 1)
    for frame in traceback.extract_tb(sys.exc_info()[2]):
        if frame.filename in labels and frame.lineno:
            found = (frame.filename, frame.lineno)
    return found
