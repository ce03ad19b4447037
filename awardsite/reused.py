"""Markup every page shows alike, made once per build: `once_each(items, macro)` and `once(macro, *by)`.

At 10,000 entries the entry pages are most of a cold build, and much of each was the same on
every one: the category's other finalists, the site's footer. Each build (render.files) gets its
own pair; a forked worker fills its own copy. Identity, not equality, says two objects are the
same: equal model objects are compared whole, 10,000 entries deep. A macro given to either must
depend on nothing but what it is keyed by, or the first page's markup appears on the others.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from markupsafe import Markup

_PLAIN = (str, int, float, bool, type(None))  # keyed by value: equal texts need not be the same object


def once_each() -> Callable[[Sequence[Any], Any], list[tuple[Any, Markup]]]:
    """A build's `once_each(items, macro)`: `[(item, macro(item))]`, made once for that list and macro's name.

    For an entry page's list of the category's other finalists: made once for the category rather
    than on each of its entries' pages (it was nearly half of an entry page's time).
    """
    made: dict[tuple[int, str], tuple[Sequence[Any], list[tuple[Any, Markup]]]] = {}

    def each(items: Sequence[Any], macro: Any) -> list[tuple[Any, Markup]]:
        key = (id(items), str(macro.name))
        if key not in made:  # `items` is held with its lines, so while they are known its id is no other list's
            made[key] = (items, [(item, Markup(macro(item))) for item in items])
        return made[key][1]

    return each


def once() -> Callable[..., Markup]:
    """A build's `once(macro, *by)`: `macro()`, made once for that macro's name and the values `by`.

    For the site's footer, the same on every page of an edition in one language
    (`once(site_footer, edition, lang)`): it was a quarter of an entry page's time. And its header,
    the same on every page with the same menu (`once(site_header, edition, lang, menu_items)`):
    texts, numbers and tuples of them are keyed by value, other objects by identity.
    """
    made: dict[tuple[object, ...], tuple[tuple[Any, ...], Markup]] = {}

    def one(macro: Any, *by: Any) -> Markup:
        key = (str(macro.name), *(value if _plain(value) else id(value) for value in by))
        if key not in made:  # `by` is held with the markup, so while it is known an id is no other object's
            made[key] = (by, Markup(macro()))
        return made[key][1]

    return one


def _plain(value: object) -> bool:
    """Whether `value` is a text, a number, or a tuple of such: compared by value, not identity."""
    return isinstance(value, _PLAIN) or (type(value) is tuple and all(_plain(part) for part in value))
