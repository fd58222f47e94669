"""Agreements named by a long title: "the Memorandum of Understanding on cooperation in the
field of water management", "an Agreement between A and B on the protection of investments".

NER marks a few words of such a title or none, so the title is read from the parse: a
capitalised agreement head noun ("Memorandum", "Agreement", "Declaration"), the capitalised
words before it ("Joint", "Intergovernmental"), and the prepositional phrases that hang on it
("on ...", "between ...", "of Understanding"), up to the first comma, bracket or clause.
Names inside the title (the states that sign it) stay entities of their own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from crossroads.dates import MONTHS
from crossroads.extraction.components import cues
from crossroads.extraction.links import joined
from crossroads.model import fold

__all__ = ["TITLES", "find_titles"]

TITLES = "titles"
"""The span group of every title found (the entity review weighs a name read as a title)."""

_OPENING = frozenset({"on", "between", "of", "for", "in", "to", "concerning", "regarding"})
"""Prepositions that start a title's complement."""
_INSIDE = frozenset(
    "prep pobj compound amod det cc conj nmod poss case nummod quantmod npadvmod pcomp aux "
    "xcomp dobj acl punct".split()
)
"""Dependencies a title's complement is built of; a relative or adverbial clause ends it."""
_STOPS = frozenset({",", ";", "(", ")", ":", "[", "]", "—", "–"})
_OPEN_QUOTES = frozenset({"“", '"', "«"})
_CLOSE_QUOTES = frozenset({"”", '"', "»"})
MAX_TOKENS = 40
"""A longer run is a sentence, not a title."""


def _stops(doc: Doc, i: int) -> bool:
    """Token ``i`` ends a title: a comma, bracket or clause dash, not a dash glued between two
    names ("the <A>–<B> railway" goes on)."""
    return doc[i].text in _STOPS and not joined(doc, i)


def _capital(t: Token) -> bool:
    return t.text[:1].isupper() and t.is_alpha


def _start(head: Token) -> int:
    """The first token of the title: capitalised modifiers right before the head."""
    i = head.i
    while i > head.sent.start:
        prev = head.doc[i - 1]
        if not (
            _capital(prev)
            and prev.head.i >= prev.i
            and prev.dep_ in ("compound", "amod", "nmod", "nummod")
        ):
            break
        i -= 1
    return i


def _within(t: Token, head: Token) -> bool:
    """``t`` hangs on ``head`` only through the dependencies of a title."""
    for _ in range(MAX_TOKENS):
        if t.i == head.i:
            return True
        if t.dep_ not in _INSIDE or t.head.i == t.i:
            return False
        if t.dep_ == "acl" and t.tag_ != "VB":  # "the agreement signed in ...": a clause
            return False
        t = t.head
    return False


def _end(head: Token) -> int:
    """One past the title's last token: the complement's tokens while they hang on the head."""
    doc, end = head.doc, head.i + 1
    sent_end, pending = head.sent.end, False
    while end < sent_end and end - head.i < MAX_TOKENS:
        t = doc[end]
        if t.text in _OPEN_QUOTES:  # a quoted format inside a title: to its closing quote
            close = next(
                (
                    k
                    for k in range(end + 1, min(end + 12, sent_end))
                    if doc[k].text in _CLOSE_QUOTES
                ),
                None,
            )
            if close is None:
                break
            end = close + 1
            continue
        if t.text == "," and end + 1 < sent_end and _list_goes_on(doc[end + 1], head):
            end += 1  # "in the fight against terrorism, crime and drug trafficking"
            continue
        if t.lower_ == "between":
            pending = True  # "between A and B": the "and" to come is the title's
        elif t.lower_ == "and" and pending:
            pending = False
            end += 1
            continue
        if _stops(doc, end) or _next_title(doc, end):
            break
        if not _within(t, head) or _where_or_when(t, head):
            more = _title_cased_run(doc, end, sent_end)
            if more == end:
                break
            end = more
            continue
        end += 1
    while end > head.i + 1 and doc[end - 1].is_punct and doc[end - 1].text not in _CLOSE_QUOTES:
        end -= 1
    while end > head.i + 1 and fold(doc[end - 1].text) in cues.FUNCTION_WORDS:
        end -= 1
    return end


_NAMING = frozenset({"on", "of", "between", "for"})
_CALENDAR = frozenset(
    [*"monday tuesday wednesday thursday friday saturday sunday".split(), *MONTHS]
)
"""Days and months: "the Agreement on Monday" is when, not what."""


_JOINERS = frozenset({"of", "on", "in", "for", "the", "against"})
"""Lower-case words inside a title-cased phrase ("in the Field of Combating Crime"); not "and",
which joins the next title as often as it goes on with this one."""


def _title_cased_run(doc: Doc, i: int, sent_end: int) -> int:
    """One past a title-cased phrase that goes on from a capitalised word of the title at
    token ``i`` ("... Cooperation in the Field of Combating Terrorism", "... Incidents in
    the Caspian Sea"), wherever the parser hung it; ``i`` when there is none. "in" must be
    followed by "the": "in <City>" says where the agreement was signed."""
    t = doc[i]
    k = i + 1
    if k < sent_end and doc[k].lower_ == "the":
        k += 1
    elif t.lower_ == "in":
        return i
    if (
        t.lower_ not in _NAMING | {"in"}
        or not _capital(doc[i - 1])
        or k >= sent_end
        or not _capital(doc[k])
        or doc[k].ent_type_ in ("DATE", "TIME")
        or doc[k].lower_ in _CALENDAR
    ):
        return i
    end = k
    while end < sent_end and end - i < MAX_TOKENS:
        w = doc[end]
        if _capital(w) or (
            w.lower_ in _JOINERS
            and end + 1 < sent_end
            and (_capital(doc[end + 1]) or doc[end + 1].lower_ == "the")
        ):
            end += 1
            continue
        break
    while end > i and not _capital(doc[end - 1]):
        end -= 1
    return end if end > k else i


def _named_complement(prep: Token) -> bool:
    """ "on the Legal Status of ...": a preposition right after a capitalised agreement head
    and before capitalised words (not a date) is the title's, whatever the parse says."""
    doc = prep.doc
    k = prep.i + 1
    if k < len(doc) and doc[k].lower_ == "the":
        k += 1
    return (
        prep.lower_ in _NAMING
        and k < len(doc)
        and _capital(doc[k])
        and doc[k].ent_type_ not in ("DATE", "TIME")
        and doc[k].lower_ not in _CALENDAR
    )


def _end_of_phrase(prep: Token, head: Token) -> int:
    """One past the last token of the preposition's phrase, cut where a title's complement
    stops (a comma, where or when it was signed, the next title)."""
    doc, end = prep.doc, prep.i + 1
    last = min(prep.right_edge.i + 1, prep.i + MAX_TOKENS, prep.sent.end)
    while end < last:
        t = doc[end]
        if t.text == "," and _list_of_names(doc, end + 1, last):
            end += 1  # "on Friendship, Trust and Cooperation"
            continue
        if _stops(doc, end) or _next_title(doc, end) or _where_or_when(t, head):
            break
        end += 1
    while end > prep.i + 1 and fold(doc[end - 1].text) in cues.FUNCTION_WORDS:
        end -= 1
    return end


def _list_of_names(doc: Doc, i: int, last: int) -> bool:
    """The words after a comma are capitalised and the list ends in "and" and a capitalised
    word before the phrase does."""
    words = doc[i:last]
    k = next((j for j, t in enumerate(words) if t.lower_ == "and"), None)
    return (
        k is not None
        and k + 1 < len(words)
        and all(_capital(t) or t.text in (",", "-") for t in words[:k])
        and _capital(words[k + 1])
    )


def _where_or_when(t: Token, head: Token) -> bool:
    """``t`` opens where, when or within what the agreement was signed, not what it is
    about: "in Ashgabat" on the head itself after its complement, "in <a place the pack
    knows>" wherever the parser hung it, "of 16 June 2004", "under <a programme>"."""
    if t.pos_ != "ADP" or t.i + 1 >= len(t.doc):
        return False
    if t.lower_ == "under" and t.i > head.i + 1:
        return True
    nxt = t.doc[t.i + 1]
    if nxt.like_num or nxt.ent_type_ == "DATE":
        return True
    if t.lower_ not in ("in", "at") or t.i <= head.i + 1:
        return False
    return t.head.i == head.i or nxt.i in _places(t.doc)


def _places(doc: Doc) -> frozenset[int]:
    """First tokens of the places and states the pack matched (before typing merges them)."""
    spans = doc.spans.get("pack", ())
    return frozenset(s.start for s in spans if s.label_ in ("Place", "Country"))


def _list_goes_on(t: Token, head: Token) -> bool:
    """The words after a comma are the next item of a list inside the title."""
    while t.dep_ in ("amod", "compound") and t.head.i > t.i:
        t = t.head
    return t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") and _within(t, head)


def _next_title(doc: Doc, i: int) -> bool:
    """Token ``i`` is "and"/"or" before a new noun phrase ("... and the ...") or another
    agreement ("... and an Agreement on ...")."""
    if doc[i].lower_ not in ("and", "or") or i + 1 >= len(doc):
        return False
    if doc[i + 1].lower_ in ("a", "an", "the"):
        return True
    return any(_capital(t) and fold(t.text) in cues.AGREEMENT_HEADS for t in doc[i + 1 : i + 4])


def find_titles(doc: Doc) -> list[Span]:
    """Spans labelled "Agreement" for each long agreement title in ``doc``."""
    out: list[Span] = []
    for t in doc:
        if not (_capital(t) and fold(t.text) in cues.AGREEMENT_HEADS):
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is None or nxt.lower_ not in _OPENING:
            continue
        if t.i + 2 < len(doc) and doc[t.i + 2].like_num:
            continue  # "the Treaty of 1973": a name and its year, not a title
        start = _start(t)
        if start == t.i and t.is_sent_start:
            continue  # "Agreement on that was reached ...": the capital is the sentence's
        if nxt.head.i == t.i:
            end = _end(t)
        elif _named_complement(nxt):
            end = _end_of_phrase(nxt, t)  # the parser hung "on ..." on the verb
        else:
            continue
        if end - t.i < 3:
            continue
        out.append(Span(doc, start, end, label="Agreement"))
    return out
