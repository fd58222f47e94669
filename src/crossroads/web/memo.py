"""Results of the slow analyses (corridors, basing, spillover) and small exports, kept
while the store is unchanged: the same question asked again is answered from memory.

A result is keyed by the question and the store's generation (its counts and source grades),
so an ingest from the command line shows at once; this app's own writes (upload, correction,
grades) clear the memo, since a correction changes no count.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from crossroads.store.base import Store

T = TypeVar("T")


def generation(store: Store) -> tuple[Hashable, ...]:
    grades = store.source_grades()
    return (
        tuple(sorted(store.stats().items())),
        tuple(sorted((k, tuple(sorted(v.items()))) for k, v in grades.items())),
    )


class Memo:
    """A small least-recently-used map, safe across the server's threads."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()  # any kind of result
        self._lock = threading.Lock()

    def get(
        self,
        key: tuple[Hashable, ...],
        compute: Callable[[], T],
        keep: Callable[[T], bool] | None = None,
    ) -> T:
        """The value for ``key``, computed once; ``keep`` may refuse to hold a large one."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return cast(T, self._items[key])  # stored by compute() for this key
        value = compute()
        if keep is not None and not keep(value):
            return value
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
