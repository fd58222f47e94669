"""Missions named with their host: "the Chinese Embassy in <city>", "the Embassy of <state> in
<city>", "the <state> embassy in <city>", "the <body> Centre in <city>", "the Delegation of
the <union> to <state>".

NER marks the sending state's body ("Chinese Embassy") and the host apart, or nothing at all
when the head is in lower case or comes first ("Embassy of <state>"). One state keeps a
mission in many places, and the annotated articles name each with its host (24 of 24 that
give one), so the host is part of the name: an embassy in one capital is not the same
state's in another, nor another state's embassy in the same one. The host stays a mention
of its own (the mission is located in it, and it may be in other facts of the sentence): the
mission's span ends before it, and its entity is named with it (``MISSIONS``, read by the
linker).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["INSIDE", "MISSIONS", "missions", "named_within"]

INSIDE = "inside"
"""The span group of known states named inside a mission's name ("Embassy of [state]"):
still mentions of theirs, as a link's parts are (extraction/links.py)."""
MISSIONS = "missions"
"""The span group of missions' full names, host included, each starting where the mission's
entity span does."""

HEADS = frozenset(
    ["embassy", "consulate", "consulate-general", "mission", "delegation", "representation"]
)
"""A diplomatic mission's head word."""
BODY_HEADS = frozenset(["office", "centre", "center"])
"""Heads of a body's field office, a mission only when capitalised and given its host
("the <body> Centre in <city>")."""
LOWER_HEADS = frozenset(["embassy", "consulate", "consulate-general"])
"""Heads a text writes in lower case after the state that sends the mission ("the <state>
embassy"); a lower-case "delegation" or "mission" is a group of people or a task."""
_HOSTED = BODY_HEADS | (HEADS - LOWER_HEADS)
"""Heads named as missions only with their host, or after "of": a field office, a mission, a
delegation, a representation."""
_SENDERS = frozenset(["Country", "Organization"])
_HOSTS = frozenset(["Place", "Country"])


def _head_end(doc: Doc, i: int) -> int | None:
    """The end of the head words at token ``i`` ("Consulate General" is two), or None."""
    word = doc[i].lower_
    if word == "consulate" and i + 1 < len(doc) and doc[i + 1].lower_ == "general":
        return i + 2
    if word in HEADS or (word in BODY_HEADS and doc[i].text[:1].isupper()):
        return i + 1
    return None


def missions(doc: Doc, ents: list[Span]) -> list[tuple[Span, Span]]:
    """The missions ``doc`` names: each one's span (Organization, without its host) and its
    full name (with the host, where the text gives one)."""
    by_start = {e.start: e for e in ents}
    senders = {e.end: e for e in ents if e.label_ in _SENDERS}
    senders.update({d.end: d for d in doc.spans.get("demonyms", ()) if d.kb_id_})
    covering = {i: e for e in ents for i in range(e.start, e.end)}
    out = []
    for t in doc:
        end = _head_end(doc, t.i)
        if end is None:
            continue
        capital = t.text[:1].isupper()
        body = t.lower_ in _HOSTED
        start = None
        ent = covering.get(t.i)
        if ent is not None and ent.label_ not in ("Organization", "Facility"):
            ent = None
        if ent is not None and ent.end == end and ent.start < t.i:
            start = ent.start  # NER's "Chinese Embassy", "<body> Centre"
        elif ent is not None and ent.start == t.i and ent.end > end and doc[end].lower_ == "of":
            start, end = ent.start, ent.end  # NER's "Delegation of the <union>"
        elif t.i in senders and t.i not in covering and (capital or t.lower_ in LOWER_HEADS):
            start = senders[t.i].start  # "<state> embassy"
        elif capital and not body and end + 1 < len(doc) and doc[end].lower_ == "of":
            # "Embassy of (the) <state>" (NER's span may hold part of it)
            k = end + 1 + (doc[end + 1].lower_ == "the")
            sender = by_start.get(k)
            if sender is None or sender.label_ not in _SENDERS:
                continue
            start, end = t.i, sender.end
        if start is None:
            continue
        host = None
        if end + 1 < len(doc) and doc[end].lower_ in ("in", "to"):
            k = end + 1 + (doc[end + 1].lower_ == "the")
            host = by_start.get(k)
            if host is not None and host.label_ not in _HOSTS:
                host = None
        if host is None and body:
            continue  # a field office without its host
        span = Span(doc, start, end, label="Organization")
        out.append((span, Span(doc, start, host.end if host else end, label="Organization")))
    return out


def named_within(names: list[Span], ents: list[Span]) -> list[Span]:
    """The known states and places among ``ents`` that lie inside one of ``names``."""
    return [
        e
        for e in ents
        if e.kb_id_
        and e.label_ in _HOSTS
        and any(n.start <= e.start and e.end <= n.end and n != e for n in names)
    ]
