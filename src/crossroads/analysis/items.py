"""Events, quotes and documents as an analyst reads them: names resolved, sentence cited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from crossroads.analysis.context import Citation, Context
from crossroads.model import Event, Quote, date_precision

__all__ = ["DocItem", "EventItem", "QuoteItem", "event_item", "quote_item"]


@dataclass(frozen=True)
class EventItem:
    """One event reading with names and its evidence sentence."""

    type: str
    actors: tuple[tuple[str, str], ...]
    """(id, name) pairs."""
    targets: tuple[tuple[str, str], ...]
    date: str | None
    precision: str | None
    place: str | None
    place_name: str | None
    negated: bool
    mode: str
    trigger: str
    evidence: Citation

    @property
    def summary(self) -> str:
        who = ", ".join(n for _, n in self.actors) or "?"
        whom = ", ".join(n for _, n in self.targets)
        neg = "NOT " if self.negated else ""
        mode = "" if self.mode == "asserted" else f" ({self.mode})"
        return f"{who} {neg}{self.type}{' → ' + whom if whom else ''}{mode}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "actors": [{"id": i, "name": n} for i, n in self.actors],
            "targets": [{"id": i, "name": n} for i, n in self.targets],
            "date": self.date,
            "precision": self.precision,
            "place": self.place,
            "place_name": self.place_name,
            "negated": self.negated,
            "mode": self.mode,
            "trigger": self.trigger,
            "summary": self.summary,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class QuoteItem:
    """A direct quotation with its speaker's name and where it was printed."""

    speaker: str | None
    speaker_name: str | None
    text: str
    cue: str
    date: str | None
    about: tuple[tuple[str, str], ...]
    evidence: Citation

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_name": self.speaker_name,
            "text": self.text,
            "cue": self.cue,
            "date": self.date,
            "about": [{"id": i, "name": n} for i, n in self.about],
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class DocItem:
    """A document that mentions an entity, and how often."""

    id: str
    title: str | None
    published: str | None
    source: str
    mentions: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "mentions": self.mentions,
        }


def _named(ctx: Context, ids: Iterable[str]) -> tuple[tuple[str, str], ...]:
    return tuple((i, ctx.name(i) or i) for i in ids)


def event_item(ctx: Context, ev: Event, cite: bool = True) -> EventItem:
    """The event with names; ``cite=False`` leaves its sentence out (a summary needs none)."""
    return EventItem(
        type=ev.type,
        actors=_named(ctx, ev.actors),
        targets=_named(ctx, ev.targets),
        date=ev.date,
        precision=date_precision(ev.date),
        place=ev.place,
        place_name=ctx.name(ev.place),
        negated=ev.negated,
        mode=ev.mode,
        trigger=ev.trigger,
        evidence=ctx.cite(ev.evidence) if cite else Citation(kind="text", text="", source=""),
    )


def quote_item(ctx: Context, q: Quote) -> QuoteItem:
    return QuoteItem(
        speaker=q.speaker,
        speaker_name=ctx.name(q.speaker),
        text=q.text,
        cue=q.cue,
        date=q.date or ctx.published(q.evidence.doc),
        about=_named(ctx, q.about),
        evidence=ctx.cite(q.evidence),
    )
