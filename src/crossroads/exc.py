"""The exceptions crossroads raises on purpose.

CrossroadsError
├── InputError      a file that cannot be ingested (names the input and the reason)
├── StoreError      the database cannot be opened or written
├── PackError       a knowledge pack file is missing or invalid
├── QueryError      a search query over the length or term limit
└── NotFound        an id or name the store does not hold
"""

from __future__ import annotations


class CrossroadsError(Exception):
    """Base of every error crossroads raises on purpose."""


class InputError(CrossroadsError):
    """An input that cannot be ingested; str() is one line: 'NAME: reason'."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class StoreError(CrossroadsError):
    """The database cannot be opened, migrated or written."""


class PackError(CrossroadsError):
    """A knowledge pack file is missing, unreadable or invalid (names the file and entry)."""


class QueryError(CrossroadsError):
    """A search query too long or with too many terms; the message never repeats the query."""


class NotFound(CrossroadsError):
    """An id or name that the store does not hold."""
