"""Which REJECT events and quotes could be a stance on foreign forces, decided at write time.

Basing asks, for every host, who rejects or denies a power's bases. What it reads does not
depend on the host or the power up to a word test on the sentence (troops, bases, forces...):
the store keeps the events and quotes that pass it in ``stance_events`` and ``stance_quotes``
(migration 7), so a question reads those few rows, not every quote of the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from crossroads.model import Event, Quote

__all__ = ["MILITARY", "backfill", "event_stance", "quote_stance"]

MILITARY = re.compile(
    r"\b(bases?|basing|troops|military|forces|deploy\w*|presence|garrison\w*)\b", re.IGNORECASE
)
"""Words of a sentence about armed forces abroad."""


def _sentence(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())  # as a citation shows it


def event_stance(ev: Event, text: str) -> bool:
    """Whether a REJECT event may be a stance: its sentence (of document ``text``) speaks
    of forces."""
    s = ev.evidence
    return ev.type == "REJECT" and bool(MILITARY.search(_sentence(text, s.start, s.end)))


def quote_stance(q: Quote, text: str) -> bool:
    """Whether a quote may be a stance: a speaker, and forces in the quote or its sentence."""
    s = q.evidence
    return q.speaker is not None and bool(
        MILITARY.search(f"{q.text} {_sentence(text, s.start, s.end)}")
    )


def rows_for(
    texts: dict[str, str], events: Iterable[tuple[Event, Any]], quotes: Iterable[tuple[Quote, Any]]
) -> tuple[list[tuple[Any]], list[tuple[Any]]]:
    """(stance_events rows, stance_quotes rows) of (reading, id) pairs."""
    return (
        [(i,) for ev, i in events if event_stance(ev, texts.get(ev.evidence.doc, ""))],
        [(i,) for q, i in quotes if quote_stance(q, texts.get(q.evidence.doc, ""))],
    )


def backfill(conn: Any, mark: str) -> None:
    """Fill stance_events and stance_quotes from every stored REJECT event and quote
    (migration 7); ``mark`` is the connection's placeholder."""
    from crossroads.store import rows

    events = [
        (rows.event_from(r[1:]), r[0])
        for r in conn.execute(
            f"SELECT k.id, {rows.columns(rows.EVENT_COLUMNS, 'k')} FROM events k "
            "WHERE k.type = 'REJECT'"
        ).fetchall()
    ]
    quotes = [
        (rows.quote_from(r[1:]), r[0])
        for r in conn.execute(
            f"SELECT k.id, {rows.columns(rows.QUOTE_COLUMNS, 'k')} FROM quotes k "
            "WHERE k.speaker IS NOT NULL"
        ).fetchall()
    ]
    wanted = sorted({x.evidence.doc for x, _ in events} | {q.evidence.doc for q, _ in quotes})
    texts: dict[str, str] = {}
    for n in range(0, len(wanted), 500):
        part = wanted[n : n + 500]
        found = conn.execute(
            f"SELECT id, text FROM documents WHERE id IN ({', '.join([mark] * len(part))})",
            part,
        ).fetchall()
        texts.update((str(i), str(t)) for i, t in found)
    ev_rows, q_rows = rows_for(texts, events, quotes)
    cur = conn.cursor()
    if ev_rows:
        cur.executemany(f"INSERT INTO stance_events (event) VALUES ({mark})", ev_rows)
    if q_rows:
        cur.executemany(f"INSERT INTO stance_quotes (quote) VALUES ({mark})", q_rows)
