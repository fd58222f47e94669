"""Named links between places: "the Termez-Kunduz railway line", "the Kulob-Khorog road".

A railway, road, pipeline or power line is often named by the places it joins, hyphenated, and
a lower-case head. NER sees the places and not the link, so the link is found here: a span in
``doc.spans[LINKS]`` beside the places (spans there may overlap ``doc.ents``), which the linker
makes an entity and the relation reader connects to each place it names. A link named by
states alone ("a China-Kyrgyzstan-Uzbekistan railway") is a project, an Initiative; one named by
towns is a Facility, as the annotated articles have it.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

LINKS = "links"
"""The span group of names that may overlap ``doc.ents``: named links, and agreement titles
that hold other names (extraction/titles.py)."""

DASHES = ("-", "–")
"""What joins the names of a link's ends: a hyphen, or an en dash as careful typesetting has it
("the Termez–Kunduz road")."""

PARTS = "link_parts"
"""The span group of the places and states a link's own name is made of ("[China]-[Kyrgyzstan]
-[Uzbekistan] railway"), each with its pack id: a name NER or the pack read as one holds
them, and the link connects each."""

HEADS = frozenset(
    [
        "railway",
        "railroad",
        "rail",
        "road",
        "highway",
        "motorway",
        "line",
        "pipeline",
        "corridor",
        "canal",
        "route",
        "connection",
        "link",
    ]
)
"""Head nouns of a link between places."""

_NOT_NAMING = frozenset({"VERB", "AUX", "ADV", "ADP", "DET", "PRON", "CCONJ", "PART"})
"""Parts of speech that end a link's name: "the A-B railroad will link" names "the A-B
railroad"."""


def joined(doc: Doc, i: int) -> bool:
    """Token ``i`` is a hyphen or an en dash with words glued on both sides."""
    return i > 0 and doc[i].text in DASHES and not doc[i].whitespace_ and not doc[i - 1].whitespace_


def _parts(doc: Doc, end: int) -> int:
    """The first token of the hyphenated capitalised words that end before ``end``
    ("Surkhan-Puli-Khumri", "Termez-Mazar-i-Sharif": a short particle glued between two
    hyphens counts as part of a name), or ``end`` when there are not two of them."""
    i, parts = end, 0
    while i > 0 and doc[i - 1].is_alpha:
        word = doc[i - 1].text
        if word[0].isupper():
            parts += 1
        elif not (len(word) <= 3 and i < end and joined(doc, i) and joined(doc, i - 2)):
            break
        i -= 1
        if i > 1 and joined(doc, i - 1):
            i -= 1
            continue
        break
    return i if parts >= 2 and any(d in doc[i:end].text for d in DASHES) else end


def find_links(doc: Doc) -> list[Span]:
    """The named links of the doc, labelled Facility or Initiative. Names made of demonyms
    ("the Afghan-Pakistani border line") and a head that opens a longer name ("the
    Russia-Ukraine line of contact") are no links."""
    ents = {i: e for e in doc.ents for i in range(e.start, e.end)}
    demonyms = {i for d in doc.spans.get("demonyms", []) for i in range(d.start, d.end)}
    out: list[Span] = []
    i = 0
    while i < len(doc):
        t = doc[i]
        if not (t.lower_ in HEADS and t.text.islower()) or i == 0 or t.pos_ in _NOT_NAMING:
            i += 1  # (a verb is no head: "the A-B railway will link ...")
            continue
        # up to two lower-case words between the names and the head ("railway line")
        k = i
        while (
            k > 0
            and i - k < 2
            and doc[k - 1].text.islower()
            and doc[k - 1].is_alpha
            and doc[k - 1].pos_ not in _NOT_NAMING
        ):
            k -= 1
        start = next((s for s in range(k, i + 1) if _parts(doc, s) < s), None)
        if start is None:
            i += 1
            continue
        first = _parts(doc, start)
        end = i + 1
        while end < len(doc) and end - i < 2 and doc[end].lower_ in HEADS:
            end += 1
        if (end < len(doc) and doc[end].lower_ == "of") or any(
            j in demonyms for j in range(first, start)
        ):
            i = end
            continue
        inside = {e for j in range(first, end) if (e := ents.get(j)) is not None}
        if any(e.start < first or e.end > end or e.start == first and e.end == end for e in inside):
            i = end  # part of a longer name, or a name already
            continue
        states = [e for e in inside if e.end <= start]
        label = (
            "Initiative"
            if len(states) >= 2 and all(e.label_ == "Country" for e in states)
            else "Facility"
        )
        out.append(Span(doc, first, end, label=label))
        i = end
    return out


def link_parts(ents: list[Span], ids: Callable[[str], str | None]) -> list[Span]:
    """The named parts of each link among ``ents`` whose name is two or more names joined by
    hyphens before a link's head ("the China-Kyrgyzstan-Uzbekistan railway"), each labelled
    with the id ``ids`` gives its words (a known state or place), or none when any part is
    unknown: then the name is not made of places."""
    out: list[Span] = []
    for e in ents:
        if e.label_ not in ("Facility", "Initiative"):
            continue
        words = [t for t in e if t.lower_ not in ("the", "a", "an")]
        heads = [t for t in words if t.lower_ in HEADS]
        if not heads or len(words) > 12:
            continue
        doc, end = e.doc, heads[0].i
        parts: list[Span] = []
        start = words[0].i
        for i in range(start, end + 1):
            if i == end or joined(doc, i):
                if i > start:
                    parts.append(doc[start:i])
                start = i + 1
        if len(parts) < 2:
            continue
        found = [(p, eid) for p in parts if (eid := ids(p.text))]
        if len(found) == len(parts):
            out.extend(Span(doc, p.start, p.end, label="Place", kb_id=eid) for p, eid in found)
    return out
