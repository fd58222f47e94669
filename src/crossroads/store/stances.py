"""Which REJECT events and quotes could be a stance on foreign forces, decided at write time.

Basing asks, for every host, who rejects or denies a power's bases. What it reads does not
depend on the host or the power up to a word test on the sentence (troops, bases, forces...):
the store keeps the events and quotes that pass it in ``stance_events`` and ``stance_quotes``
(migration 7), so a question reads those few rows, not every quote of the store.

Each kept row also holds its *shape* (migration 8): a digest of everything basing reads of it
but its citation (the event's actors, targets, place, polarity and mode and the entities named
in its sentence, or the quote's speaker, words and subjects; and the sentence itself). Rows
alike give the same reasons, so a question reads the first few sentences of each shape (its
citations) by index, not the thousands of reprints a large store holds.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from crossroads.model import Event, Mention, Quote

__all__ = ["MILITARY", "backfill", "event_shape", "event_stance", "quote_shape", "quote_stance"]

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


def event_shape(ev: Event, text: str, named: Iterable[str]) -> str:
    """What basing reads of a stance event but its citation: events of one shape give the
    same reasons. ``named``: the entities mentioned starting inside its sentence."""
    s = ev.evidence
    return _digest(
        [
            "event",
            list(ev.actors),
            list(ev.targets),
            ev.place,
            bool(ev.negated),
            ev.mode,
            sorted(set(named)),
            _sentence(text, s.start, s.end),
        ]
    )


def quote_shape(q: Quote, text: str) -> str:
    """What basing reads of a stance quote but its citation."""
    s = q.evidence
    return _digest(["quote", q.speaker, q.text, list(q.about), _sentence(text, s.start, s.end)])


def _digest(parts: list[Any]) -> str:
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:24]


def _named(mentions: Sequence[Mention], start: int, end: int) -> list[str]:
    return [m.entity for m in mentions if start <= m.start < end]


def rows_for(
    texts: Mapping[str, str],
    seqs: Mapping[str, int],
    mentions: Mapping[str, Sequence[Mention]],
    events: Iterable[tuple[Event, Any]],
    quotes: Iterable[tuple[Quote, Any]],
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(stance_events rows, stance_quotes rows) of (reading, id) pairs: (id, shape, date key,
    document seq, start, end) and (id, shape, document seq, start, end); ``mentions`` by
    document."""
    ev_rows: list[tuple[Any, ...]] = []
    for ev, i in events:
        text, s = texts.get(ev.evidence.doc, ""), ev.evidence
        if event_stance(ev, text):
            named = _named(mentions.get(s.doc, ()), s.start, s.end)
            shape = event_shape(ev, text, named)
            ev_rows.append((i, shape, ev.date or "~", seqs[s.doc], s.start, s.end))
    q_rows: list[tuple[Any, ...]] = []
    for q, i in quotes:
        text, s = texts.get(q.evidence.doc, ""), q.evidence
        if quote_stance(q, text):
            q_rows.append((i, quote_shape(q, text), seqs[s.doc], s.start, s.end))
    return ev_rows, q_rows


EVENT_COLUMNS = ("event", "shape", "date_key", "seq", "start", "stop")
QUOTE_COLUMNS = ("quote", "shape", "seq", "start", "stop")


def backfill(conn: Any, mark: str, shaped: bool = True) -> None:
    """Fill stance_events and stance_quotes from every stored REJECT event and quote
    (migration 7 keeps their ids alone; migration 8 their shapes and places too); ``mark`` is
    the connection's placeholder. Read 500 documents at a time: a large store's texts are
    never all in memory at once."""
    from crossroads.store import rows

    wanted = sorted(
        {
            str(d)
            for (d,) in conn.execute(
                "SELECT doc FROM events WHERE type = 'REJECT' "
                "UNION SELECT doc FROM quotes WHERE speaker IS NOT NULL"
            ).fetchall()
        }
    )
    ev_cols, q_cols = (EVENT_COLUMNS, QUOTE_COLUMNS) if shaped else (("event",), ("quote",))
    cur = conn.cursor()
    for n in range(0, len(wanted), 500):
        part = wanted[n : n + 500]
        marks = ", ".join([mark] * len(part))
        events = [
            (rows.event_from(r[1:]), r[0])
            for r in conn.execute(
                f"SELECT k.id, {rows.columns(rows.EVENT_COLUMNS, 'k')} FROM events k "
                f"WHERE k.type = 'REJECT' AND k.doc IN ({marks})",
                part,
            ).fetchall()
        ]
        quotes = [
            (rows.quote_from(r[1:]), r[0])
            for r in conn.execute(
                f"SELECT k.id, {rows.columns(rows.QUOTE_COLUMNS, 'k')} FROM quotes k "
                f"WHERE k.speaker IS NOT NULL AND k.doc IN ({marks})",
                part,
            ).fetchall()
        ]
        found = conn.execute(
            f"SELECT id, text, seq FROM documents WHERE id IN ({marks})", part
        ).fetchall()
        texts = {str(i): str(t) for i, t, _q in found}
        seqs = {str(i): int(q) for i, _t, q in found}
        mentions: dict[str, list[Mention]] = {}
        if shaped:
            for m in conn.execute(
                f"SELECT {rows.columns(rows.MENTION_COLUMNS, 'm')} FROM mentions m "
                f"WHERE m.doc IN ({marks})",
                part,
            ).fetchall():
                mention = rows.mention_from(m)
                mentions.setdefault(mention.doc, []).append(mention)
        ev_rows, q_rows = rows_for(texts, seqs, mentions, events, quotes)
        for table, cols, values in (
            ("stance_events", ev_cols, ev_rows),
            ("stance_quotes", q_cols, q_rows),
        ):
            if values:
                cur.executemany(
                    f"INSERT INTO {table} ({', '.join(cols)}) "
                    f"VALUES ({', '.join([mark] * len(cols))})",
                    [v[: len(cols)] for v in values],
                )
