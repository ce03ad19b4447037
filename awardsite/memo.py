"""What was worked out from a model object, kept for as long as that object lives.

`serve` reloads the content on every save, and a file whose bytes did not change gives the very
same objects as before (reading.READ): its cross-checks and digests need not be worked out again.
An object's entry goes when the object does, so a long preview holds only the live content's.
"""

from __future__ import annotations

import weakref
from typing import Any, Callable, Generic, Hashable, TypeVar

T = TypeVar("T")


class PerObject(Generic[T]):
    """`memo(obj, make)`: `make(obj)`, worked out once for each live object (by identity, not equality).

    `memo(obj, make, variant)` keeps one value for each `variant` of the work (a parameter of `make`).
    """

    def __init__(self) -> None:
        self._known: dict[int, tuple[weakref.ref[Any], dict[Hashable, T]]] = {}

    def __call__(self, obj: Any, make: Callable[[Any], T], variant: Hashable = None) -> T:
        key = id(obj)  # not a dict key on the object itself: equal objects are hashed whole, 10,000 entries deep
        known = self._known.get(key)
        if known is None or known[0]() is not obj:
            try:
                known = self._known[key] = (weakref.ref(obj, lambda _: self._forget(key)), {})
            except TypeError:  # None, a string: not a model object, nothing worth keeping
                return make(obj)
        values = known[1]
        if variant not in values:
            values[variant] = make(obj)
        return values[variant]

    def _forget(self, key: int) -> None:
        known = self._known.get(key)
        if known is not None and known[0]() is None:  # not an object that was given the same id since
            del self._known[key]

    def __len__(self) -> int:
        return len(self._known)
