"""Read direct quotations and who said them.

Three shapes: text in quotation marks ("…,” Kabulov said, ‘…’ or '…'), a quote that runs across
paragraphs (an opening mark and no closing one until a later paragraph), and a block quote
(a paragraph introduced by "He said:" or "…, who said,"). The speaker is the subject of a
cue verb ("said", "explained") next to the quote: a name, a role ("the Russian envoy") or a
pronoun, resolved to the last person named. Fewer than five words is a scare quote, and so
is a short verbless label ("the so-called “…”").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TypedDict

from spacy.tokens import Doc, Span, Token

from crossroads.extraction.patterns import lexicon
from crossroads.extraction.patterns.sentence import (
    Ment,
    dates_in,
    mentions,
    named_ids,
    sentences,
    title_before,
)
from crossroads.model import Evidence, Quote

__all__ = ["SPEAKERS", "TOLD", "Spoken", "cue_verbs", "quote_of", "read_quotes", "spoken"]

MIN_WORDS = 5
SPEAKERS = ("Person", "Organization", "Country", "ArmedGroup")
_OPEN, _CLOSE = "“„«", "”»"
_PRONOUNS = {"he", "she", "they", "him", "her", "who", "i", "we"}
_FIRST_PERSON = re.compile(r"\b(I|we|We|our|Our|us|my|My|me)\b")


@dataclass
class Found:
    """A quotation's text range in the doc and the paragraph range it sits in."""

    start: int
    end: int
    block: bool = False
    intro: tuple[int, int] | None = None
    """Char range of the paragraph that introduced a block quote."""
    signer: tuple[int, str] | None = None
    """(where the credit starts, its person) of a pull quote's credit (see ``_credit``)."""


@dataclass
class Spoken:
    """A quotation found in the text, with the speaker the rules give it (None: none found).

    The learned quote reader weighs other speakers for the same quotation."""

    start: int
    end: int
    body: str
    """The quoted words, cleaned (no bracketed insertions, one line)."""
    para: tuple[int, int]
    speaker: str | None
    cue: str
    own: bool
    """Whether the words are the speaker's own (not "quotes X's words")."""
    context: tuple[int, int]
    """Char range around the quote that was read for its speaker and date."""
    date: str | None
    block: bool
    previous: str | None
    """The speaker of the quotation before it, as the rules read it."""
    unnamed: bool = False
    """Whether the words are said by someone the text does not name ("an official said",
    "residents told reporters"): no one else's, whoever is named nearby."""


_Title = tuple[int, str, set[str], str | None]
"""(offset, person id, words of the role, the country of the post) of a titled person."""


class _Context(TypedDict, total=False):
    """What the quotes read so far tell the next one: who is "he", who spoke last, where."""

    person: str
    """The last person named or quoted (a pronoun's referent)."""
    speaker: str
    """The last speaker, of whatever type ("says the end of the message")."""
    cue: str
    para: tuple[int, int]
    """Char range of the paragraph of the last quote."""
    subjects: list[tuple[int, str]]
    """(offset, id) of each person who was a clause's subject, in this paragraph or the one
    before, in order (the last before a "he" is whom it most likely means)."""
    titles: list[_Title]
    """Every titled person (see _titles)."""
    body: str
    """The last organisation, armed group or state that was a clause's subject (what "it"
    means)."""
    bodies: list[Ment]
    """Every organisation and armed group named before the quote, nearest last ("the
    committee", "the group")."""
    end: int
    """Where the last quote with a speaker ended."""
    actor: str
    """The last person or body that was a clause's subject, in this paragraph or the one
    before (who wrote "the statement" when no one else is said to have)."""


@cache
def _lex() -> dict[str, set[str]]:
    lex = lexicon("quotes")
    return {
        k: set(lex[k]) for k in ("cues", "sources", "roles", "voices", "labels", "generic_roles")
    }


@cache
def _body_nouns() -> dict[str, frozenset[str]]:
    """Common nouns that point back to a body by its type ("the group said")."""
    return {w: frozenset(types) for w, types in lexicon("quotes")["bodies"].items()}


@cache
def _organization_words() -> frozenset[str]:
    """Head words of bodies' names ("ministry", "committee"): nouns that name no person."""
    from crossroads.extraction.components.cues import ORGANIZATION_WORDS  # (imports this module)

    return ORGANIZATION_WORDS


@cache
def cue_verbs() -> frozenset[str]:
    """The verbs that introduce or close a quotation ("said", "told"), as the lexicon lists them."""
    return frozenset(_lex()["cues"])


@cache
def _kin() -> dict[str, frozenset[str]]:
    """Each role word with the words of the posts it can stand for, itself included."""
    kin = lexicon("quotes")["kin"]
    return {w: frozenset([w, *kin.get(w, ())]) for w in _lex()["roles"]}


@cache
def _post_words() -> frozenset[str]:
    """Every word of a post a role word can stand for (every role is its own kin)."""
    return frozenset().union(*_kin().values())


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


_CLOSES = re.compile(r" ?[,.;:!?](?:\s|$)| ?$")
"""What follows a closing mark, never an opening one: punctuation, or the paragraph's end."""


def _marked(text: str, paras: list[tuple[int, int]]) -> list[Found]:
    """Quotations in marks, including ones that run on into later paragraphs."""
    out: list[Found] = []
    open_at: int | None = None
    for n, (ps, pe) in enumerate(paras):
        para = text[ps:pe]
        straight_open = False
        nested = 0
        for i, ch in enumerate(para):
            pos = ps + i
            if (
                ch == "”"
                and 0 < i < len(para) - 1
                and para[i - 1].isalnum()
                and para[i + 1].isalpha()
            ):
                continue  # “the bloc”s forces …”: a right mark set for an apostrophe in a word
            if ch == '"' and i == 0 and open_at is not None and open_at < ps:
                continue  # a run-on quote in straight marks reopens each paragraph too
            if (
                ch in _CLOSE
                and open_at is None
                and para[i + 1 : i + 2].isalpha()
                and (i == 0 or para[i - 1] in ":(" or para[i - 1].isspace())
            ):
                open_at = pos + 1  # said:”We …: an opening mark typed as a closing one
                continue
            if ch in _OPEN and open_at is not None and _CLOSES.match(para, i + 1):
                out.append(Found(open_at, pos))  # “…, world “, said X: a closing mark typed wrong
                open_at, straight_open, nested = None, False, 0
                continue
            if ch in _OPEN or (ch == '"' and not straight_open and open_at is None):
                if open_at is None:
                    open_at = pos + 1
                    straight_open = ch == '"'
                elif i == 0:
                    continue  # a run-on quote reopens each paragraph
                elif ch in _OPEN and any(c in _CLOSE for c in para[i + 1 :]):
                    nested += 1  # “… the so-called “experts” …”: a quote inside the quote
                else:
                    open_at = pos + 1  # unbalanced: restart here
            elif ch in _CLOSE or (ch == '"' and (straight_open or open_at is not None)):
                if nested and any(c in _CLOSE for c in para[i + 1 :]):
                    nested -= 1  # the inner quote ends, the outer goes on
                elif open_at is not None:
                    # (one mark can close both: “… the so-called “experts”, he said)
                    nested = 0
                    out.append(Found(open_at, pos))
                    open_at = None
                    straight_open = False
                elif ch in _CLOSE and not any(c in _OPEN for c in para[:i]):
                    # closing mark with its opening lost: the quote starts the paragraph
                    out.append(Found(ps, pos))
        if open_at is not None:
            nxt = paras[n + 1] if n + 1 < len(paras) else None
            if nxt is None and not any(c in _OPEN + _CLOSE + '"' for c in text[open_at:pe]):
                out.append(Found(open_at, pe))  # an excerpt cut off inside the quotation
            opened_here = open_at > ps
            if nxt is None or not (
                opened_here
                and text[open_at - 1] in _OPEN + '"'
                and open_at - 1 == ps
                or text[nxt[0]] in _OPEN + '"'
            ):
                open_at = None  # an opening mark never closed: not a run-on quote
    return out


_DOUBLED = re.compile(r"''|``")


def _doubled_as_marks(text: str) -> str:
    """``text`` with the double marks some feeds type as two apostrophes or backticks
    (''…'', ``…'') written as one straight mark beside a space, so that every offset stays
    where it was: an opening one where a word follows, a closing one after a word."""

    def one(m: re.Match[str]) -> str:
        opening = m.group() == "``" or m.start() == 0 or not text[m.start() - 1].strip()
        return ' "' if opening else '" '

    return _DOUBLED.sub(one, text)


_SINGLE = re.compile(r"(?<![\w’])‘((?:[^‘’\n]|’(?=\w))+)’(?!\w)")
"""A quotation in single marks (‘…’, the British style): an apostrophe inside a word
("Russia’s") does not close it."""


_STRAIGHT = re.compile(
    r"(?<![^\s(\[])'(?=[^\W_])((?:[^'\n]|(?<=[^\W_])'(?=[^\W_])|(?<=s)'(?=\s)){1,3000}?"
    r"(?:[.,!?]'|'(?=[,.;:!?)]|\s*$)))",
    re.MULTILINE,
)
"""A quotation in straight single marks ('…', as some outlets print every quotation): it
opens at a word's start and closes after a sentence's or clause's mark, or right before one;
an apostrophe inside a word ("it's") or after one ("the protesters' rights") does not close it,
and another mark opening a word ends the search (each opening is read to the next, at most 3,000
characters, so a page of unclosed marks takes linear time)."""


def _single(text: str, inside: list[Found]) -> list[Found]:
    """Quotations in single marks that no double-marked quotation holds."""
    spans = [(m.start(1), m.end(1)) for m in _SINGLE.finditer(text)]
    spans += [(m.start(1), m.end(1) - 1) for m in _STRAIGHT.finditer(text)]
    return [
        Found(a, b) for a, b in sorted(spans) if not any(f.start <= a - 1 < f.end for f in inside)
    ]


def _labelled(text: str, start: int) -> bool:
    """Whether a labelling word ("so-called", "dubbed") stands right before the quotation's
    opening mark."""
    before = text[max(0, start - 40) : max(0, start - 1)].lower().rstrip()
    return any(before.endswith(w) for w in _lex()["labels"])


def _has_verb(span: Span | None) -> bool:
    """Whether the quoted words hold a verb (True where the span cannot be read)."""
    return span is None or any(t.pos_ in ("VERB", "AUX") for t in span)


def _block(doc: Doc, text: str, paras: list[tuple[int, int]]) -> list[Found]:
    """Paragraphs introduced by "He said:" or "…, who said," with no quotation marks."""
    lex = _lex()
    out: list[Found] = []
    for n, (ps, pe) in enumerate(paras[:-1]):
        intro = text[ps:pe].rstrip()
        if not intro.endswith((":", ",")):
            continue
        tail = re.findall(r"[\w’']+", re.split(r"[.!?]\s", intro)[-1].lower())
        if not any(w in lex["cues"] or w in lex["sources"] or w == "follows" for w in tail):
            continue
        qs, qe = paras[n + 1]
        first = text[qs:qe]
        if first.lstrip()[:1] in _OPEN + '"' or first.rstrip().endswith(":"):
            continue  # in marks (read as such), or another introduction, not the words
        end = qe
        for ns, ne in paras[n + 2 :]:
            nxt = text[ns:ne]
            if (
                _FIRST_PERSON.search(nxt)
                and not re.search(r"[“”\"]", nxt)
                and not nxt.rstrip().endswith(":")
                and len(nxt) > 40
            ):
                end = ne
            else:
                break
        out.append(Found(qs, end, block=True, intro=(ps, pe)))
    return out


_SENTENCE_END = re.compile(r"[.!?…][”\"’]?\s+")


def _credit(
    doc: Doc, text: str, para: tuple[int, int], ments: list[Ment]
) -> tuple[int, str, bool] | None:
    """(where it starts, its person, whether a post follows the name) of the credit that ends
    a paragraph: "<name> <post>" or "— <name>", with no verb and no full stop after the last
    sentence ("… on their own. <name> Secretary of State"), or the whole line. A pull quote's
    credit, its layout lost with the page's."""
    ps, pe = para
    line = text[ps:pe].rstrip()
    if not line or line[-1] in '.!?:;,"”’)':
        return None
    ends = list(_SENTENCE_END.finditer(line))
    at = ps + ends[-1].end() if ends else ps
    tail = doc.char_span(at, ps + len(line), alignment_mode="contract")
    if tail is None or not 2 <= len(tail) <= 14:
        return None
    dash = tail[0].text in ("—", "–", "-")
    lead = tail.start + dash
    # (the name as the pack knows it may start a word later: "Anthony Blinken")
    who = next((m for m in ments if lead <= m.start <= lead + 1 and m.end <= tail.end), None)
    if who is not None and who.start > lead and not doc[lead].text.istitle():
        return None
    if who is None or who.type != "Person" or who.demonym:
        return None
    rest = doc[who.end : tail.end]
    if any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    titled = any(t.lower_ in _post_words() or t.lower_ in _lex()["roles"] for t in rest)
    if not (titled or dash):
        return None
    return at, who.id, titled


def _credited(
    doc: Doc, text: str, paras: list[tuple[int, int]], ments: list[Ment], found: list[Found]
) -> list[Found]:
    """``found`` with the pull quotes a credit names (see ``_credit``): words in a paragraph
    before its credit, or a paragraph in the first person or in marks above a credit line."""
    out = list(found)
    for k, para in enumerate(paras):
        credit = _credit(doc, text, para, ments)
        if credit is None:
            continue
        at, pid, titled = credit
        if at > para[0]:
            start, end = para[0], at
        elif k > 0:
            start, end = paras[k - 1]
        else:
            continue
        words = text[start:end].strip()
        voiced = _FIRST_PERSON.search(words) or (
            words[:1] in _OPEN + '"' and words[-1:] in _CLOSE + '"'
        )
        if not voiced and not (titled and at > para[0]):
            continue  # "— <name>", or a credit line, under words in marks or the first person
        start += len(text[start:end]) - len(text[start:end].lstrip(" " + _OPEN + '"'))
        end = start + len(text[start:end].rstrip(" " + _CLOSE + '"'))
        inside = [f for f in out if start <= f.start and f.end <= end]
        whole = next((f for f in inside if f.end - f.start >= 0.8 * (end - start)), None)
        if whole is not None:
            whole.signer = (at, pid)
            continue
        out = [f for f in out if f not in inside]
        out.append(Found(start, end, signer=(at, pid)))
    return sorted(out, key=lambda f: f.start)


def _ment_at(ments: list[Ment], tok: Token) -> Ment | None:
    for m in ments:
        if m.start <= tok.i < m.end:
            return m
    return None


def _subject(cue: Token) -> Token | None:
    """The cue verb's subject; for "by stating", "saying" the governing verb's or noun's."""
    v = cue
    for _ in range(6):
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and not c.is_punct]
        if subjects:
            # the nearest: a word of the quotation the parser also hung on the verb is not it
            return min(subjects, key=lambda c: abs(c.i - v.i))
        if v is cue:
            # "“…,” read the statement": the parser made the statement the object
            for c in v.rights:
                if c.dep_ == "dobj" and c.lemma_.lower() in _lex()["sources"]:
                    return c
        if v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN"):
            return v.head
        if v.lower_ == "as" and v.dep_ == "prep":
            # "media cited him as saying": the words are the object's, not the subject's
            obj = [c for c in v.head.children if c.dep_ == "dobj"]
            if obj:
                return obj[0]
        if (
            v.dep_ in ("xcomp", "conj", "advcl", "pcomp", "prep", "ccomp", "pobj")
            and v.head.i != v.i
        ):
            v = v.head
            continue
        break
    return None


_BODIES = ("Organization", "ArmedGroup")
"""Bodies whose spokesmen and officials speak for them."""
NOBODY = "-"
"""The id `_subjects` gives an unnamed speaker ("a resident said")."""

_SOME = frozenset({"a", "an", "one", "another", "some", "several", "two", "three"})


def _nobody(s: Token) -> bool:
    """Whether a cue's subject names no one: a common noun introduced as one of many ("an
    official", "one western diplomat", "residents"), or a role many hold ("the official")
    that no one was titled with before (see ``_resolve``)."""
    if (
        s.pos_ != "NOUN"
        or s.lemma_.lower() in _lex()["sources"]
        or s.lemma_.lower() in _organization_words()
        or s.lemma_.lower() in _lex()["voices"]
    ):
        return False  # "a ministry said", "a spokesman said": a body speaks, whichever it is
    # "a resident of Khorog" names no one; "an aide, X," and "a Taliban fighter" do, and so
    # do "officials of the defence ministry" (a body's people speak for it)
    aside = {
        t.i
        for c in s.children
        if c.dep_ in ("prep", "relcl")
        and not (
            c.lower_ in ("of", "from")
            and any(t.ent_type_ in ("Organization", "ArmedGroup") for t in c.subtree)
        )
        for t in c.subtree
    }
    if any((t.ent_type_ or t.pos_ == "PROPN") and t.i not in aside for t in s.subtree):
        return False
    dets = {c.lower_ for c in s.children if c.dep_ in ("det", "nummod", "poss")}
    return bool(
        dets & _SOME
        or (s.tag_ == "NNS" and not dets)
        or s.lemma_.lower() in _lex()["generic_roles"]
    )


def _is_cue(t: Token) -> bool:
    """Whether a word is a cue verb ("said", "stressed")."""
    cues = cue_verbs()
    return (t.lower_ in cues or t.lemma_.lower() in cues) and t.pos_ in ("VERB", "AUX", "ADJ")


def _speaker_of(
    doc: Doc,
    window: Span,
    ments: list[Ment],
    last: _Context,
    nearest_last: bool,
    according: bool = True,
) -> tuple[str | None, str, bool, bool]:
    """(speaker id, cue, is-own-words, said by no one named) from the cue verb of a window of
    text next to a quote; "according to X" is read only with ``according``."""
    lex = _lex()
    cues = [t for t in window if _is_cue(t)]
    if not cues and according and any(t.lower_ == "according" for t in window):
        # not the "according to X" that closed the sentence of the quotation before, before
        # this one ("“A,” X said, according to <agency>. “B.”": B goes on in X's voice)
        cues = [
            t
            for t in window
            if t.lower_ == "according"
            and not (nearest_last and t.sent.start_char < last.get("end", -1))
        ]
    if nearest_last:
        cues.reverse()

    # "X told us that the message would stress …": X's words first, the message's only
    # where X is not read
    ordered: list[Token] = []
    for cue in cues:
        s = _subject(cue) if cue.lower_ != "according" else None
        if s is not None and s.lower_ in lex["sources"]:
            outer = next((a for a in cue.ancestors if _is_cue(a)), None)
            if outer is not None and outer not in ordered:
                ordered.append(outer)
        if cue not in ordered:
            ordered.append(cue)
    cues = ordered
    for cue in cues:
        if cue.lemma_.lower() == "quote":
            # "quotes Mullah Omar's words": the words are the object's
            for c in cue.children:
                if c.dep_ == "dobj" and c.lower_ in _PRONOUNS:
                    # "the agency quoted him as saying": his own words
                    got = _resolve(doc, c, ments, last)
                    if got:
                        return got, cue.text, True, False
                if c.dep_ == "dobj":
                    # a person first; else the body quoted ("the agency quoted the ministry")
                    ppl = sorted(
                        (
                            m
                            for m in ments
                            if c.left_edge.i <= m.start <= c.right_edge.i
                            and m.type in ("Person", "Organization", "ArmedGroup")
                            and not m.demonym
                        ),
                        key=lambda m: m.type != "Person",
                    )
                    if ppl:
                        return ppl[0].id, cue.text, False, False
        if cue.lower_ == "according":
            subj = [
                g for c in cue.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"
            ][:1]
        else:
            subj = [x for x in [_subject(cue)] if x is not None]
        for s in subj:
            got = _resolve(doc, s, ments, last)
            if got:
                return got, cue.text, True, False
            if _nobody(s) or (s.lower_ in _PRONOUNS and _referent(s, last) == NOBODY):
                return None, cue.text, True, True  # "…,” an official said. He added …": theirs
        # "“…,” tweeted Karimov.", "“…”, said Karimov": the name right after an inverted
        # cue, however parsed
        if 1 < cue.i < len(doc) - 1 and (
            doc[cue.i - 1].is_quote or (doc[cue.i - 1].text == "," and doc[cue.i - 2].is_quote)
        ):
            nxt = doc[cue.i + 1]
            if nxt.lower_ == "the" and cue.i + 2 < len(doc):
                nxt = doc[cue.i + 2]  # "“…,” added the <ministry>."
            after = _ment_at(ments, nxt)
            if (
                after is not None
                and after.start == nxt.i
                and after.type in SPEAKERS
                and not after.demonym
            ):
                return after.id, cue.text, True, False
        # the parser lost the subject: the first name of the clause outside a preposition
        free = _free_mention(window, cue, ments)
        if free is not None:
            return free.id, cue.text, True, False
    return None, cues[0].text if cues else "", True, False


def _introducer(doc: Doc, start: int, ments: list[Ment], last: _Context) -> str | None:
    """The subject of the clause a colon before ``start`` ends."""
    colon = doc.char_span(max(0, start - 3), start, alignment_mode="expand")
    if colon is None or not len(colon):
        return None
    mark = next((t for t in reversed(colon) if t.text == ":"), None)
    if mark is None:
        return None
    verb = mark.head if mark.head.pos_ in ("VERB", "AUX") else mark.sent.root
    subject = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    return _resolve(doc, subject, ments, last) if subject is not None else None


def _lead(
    doc: Doc,
    text: str,
    paras: list[tuple[int, int]],
    k: int,
    start: int,
    quoted: list[tuple[int, int]],
) -> Span | None:
    """The sentence right before a quotation that opens its sentence: the last of the
    paragraph before when it opens paragraph ``k``, else the one before it in the paragraph
    unless that one holds a quotation of its own (``quoted``)."""
    ps = paras[k][0]
    if not text[ps:start].strip(_OPEN + '" '):
        if k == 0:
            return None
        prev = doc.char_span(paras[k - 1][0], paras[k - 1][1], alignment_mode="contract")
        if prev is None or not len(prev):
            return None
        return doc[max(prev.start, prev[-1].sent.start) : prev.end]
    at = doc.char_span(start, min(len(text), start + 1), alignment_mode="expand")
    if at is None or not len(at):
        return None
    sent = at[0].sent
    if text[sent.start_char : start].strip(_OPEN + '" ') or sent.start_char <= ps:
        return None  # the quotation does not open its sentence, or opens the paragraph
    first = doc.char_span(ps, paras[k][1], alignment_mode="contract")
    before = doc[sent.start - 1].sent
    lead = doc[max(before.start, first.start if first is not None else 0) : sent.start]
    if any(lead.start_char < b and a < lead.end_char for a, b in quoted):
        return None  # "“A,” X said. “B.”": B is whoever A is, which the rules read above
    return lead


def _narrator(doc: Doc, tail: Span, ments: list[Ment], last: _Context) -> str | None:
    """The subject of a sentence without a cue verb that gives its subject a statement, post
    or message ("X made the announcement in a post"): who speaks the quotation after it. A
    sentence that only narrates ("X visited the market.") gives no one the words after it."""
    root = tail[-1].sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return None
    s = _subject(root)
    if s is None or not any(
        t.lemma_.lower() in _lex()["sources"] and t.head.i != s.i for t in root.subtree
    ):
        return None
    return _resolve(doc, s, ments, last)


def _label(doc: Doc, para: tuple[int, int], ments: list[Ment]) -> str | None:
    """The speaker a short line ending in a colon names at its start ("<name>, <post>:")."""
    line = doc.char_span(para[0], para[1], alignment_mode="contract")
    if line is None or not 1 < len(line) <= 25 or line[-1].text != ":":
        return None
    first = next((m for m in ments if line.start <= m.start < line.end), None)
    if first is None or first.type not in SPEAKERS or first.demonym or first.start > line.start + 1:
        return None
    return first.id


def _free_mention(window: Span, cue: Token, ments: list[Ment]) -> Ment | None:
    sent = cue.sent
    lo = max(window.start, sent.start)
    hi = cue.i if cue.i > lo else min(window.end, sent.end)
    for m in ments:
        if not (lo <= m.start < hi) or m.type not in SPEAKERS or m.demonym:
            continue
        tok = m.start
        t = window.doc[m.end - 1]
        prep = False
        while t.head.i != t.i and t.i != cue.i:
            if t.dep_ in ("dobj", "dative") and t.head.lemma_.lower() in TOLD:
                prep = True  # "told <paper>": who heard the words
                break
            if t.dep_ in ("prep", "agent", "pobj") and t.i not in range(m.start, m.end):
                prep = True
                break
            if t.dep_ == "pobj":
                prep = True
                break
            t = t.head
        if not prep and tok >= lo:
            return m
    return None


TOLD = frozenset({"tell", "inform", "assure", "brief", "remind"})
"""Verbs whose object is who heard the words ("told Reuters"), not who spoke them."""

_ADDRESSEES = frozenset({"to", "about", "against", "regarding", "towards", "with", "for"})
"""Prepositions after a statement noun whose object is not its author ("a message to X")."""


def _referent(s: Token, last: _Context) -> str | None:
    """The subject a pronoun most likely means: the last before it ("he said X's deputy, who
    was fired, …": not the deputy); from an earlier sentence, the subject of its outermost
    clause there ("X could not say when Y would sign …. "…," he said": X, not Y)."""
    subjects = last.get("subjects", [])
    before = [(at, pid) for at, pid in subjects if at < s.idx]
    if not before:
        return subjects[-1][1] if subjects else None
    sent = _token_at(s.doc, before[-1][0]).sent
    if sent == s.sent:
        return before[-1][1]
    there = [(at, pid) for at, pid in before if sent.start_char <= at < sent.end_char]
    depth = {at: _clause_depth(_token_at(s.doc, at)) for at, _ in there}
    top = min(depth.values())
    return [pid for at, pid in there if depth[at] == top][-1]


def _token_at(doc: Doc, char: int) -> Token:
    """The token at a character offset (``_subjects`` keeps offsets, not tokens)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[0]


def _clause_depth(tok: Token) -> int:
    """How many clauses stand between a subject word's clause and its sentence's root: 0 for
    the main clause, 1 for a clause inside it ("X could not say"), 2 for one inside that
    ("when Y would sign"); a verb joined by "and" or "but" counts as its head's."""
    t, n = tok, 0
    while t.dep_ in ("appos", "compound", "flat") and t.head.i != t.i:
        t = t.head
    verb = t.head
    for _ in range(12):  # bounded: a parse is a tree, but a long one is cut short
        if verb.dep_ == "ROOT" or verb.head.i == verb.i:
            break
        if verb.dep_ != "conj":
            n += 1
        verb = verb.head
    return n


_AGED = re.compile(r"^the \d{1,3}-year-old$", re.IGNORECASE)
"""A person named by age alone, as the press refers back to someone ("the 57-year-old")."""


def _resolve(doc: Doc, s: Token, ments: list[Ment], last: _Context) -> str | None:
    lex = _lex()
    away: set[int] = set()
    if s.lower_ in lex["sources"]:
        away = {t.i for c in s.children if c.lower_ in _ADDRESSEES for t in c.subtree}
    inside = [
        m
        for m in ments
        if s.left_edge.i <= m.start
        and m.end <= s.right_edge.i + 1
        and m.type in SPEAKERS
        and m.start not in away
    ]
    # "the minister's deputy Karimov said": the deputy speaks, not the possessor
    people = sorted(
        (m for m in inside if m.type == "Person" and not m.demonym),
        key=lambda m: doc[m.start : m.end].root.dep_ == "poss",
    )
    if people:
        return people[0].id
    if _AGED.match(doc[s.left_edge.i : s.right_edge.i + 1].text) and last.get("subjects"):
        sub = _referent(s, last)  # "the 57-year-old said": the person spoken of, as "he"
        return sub if sub not in ("", NOBODY) else None
    if s.lower_ in _PRONOUNS:
        if s.lower_ == "who" and s.head.dep_ == "relcl":
            m = _ment_at(ments, s.head.head)
            if m:
                return m.id
        if s.lower_ == "who":
            before = [m for m in ments if m.end <= s.i and m.type == "Person"]
            if before:
                return before[-1].id
        if last.get("subjects"):
            # "" or NOBODY: the subject was someone not named
            sub = _referent(s, last)
            return sub if sub not in ("", NOBODY) else None
        return last.get("person")
    # the name the subject word belongs to first ("Secretary X said": X, not the ministry)
    named = sorted((m for m in inside if not m.demonym), key=lambda m: not m.start <= s.i < m.end)
    if s.lemma_.lower() in lex["roles"]:
        # "the Russian envoy said": the last person named with that role, else the last
        # person quoted or named, else the country
        titled, others = _by_role(s, ments, last.get("titles", []))
        if titled:
            return _likeliest(titled, last.get("subjects", []), s.idx)
        unnamed = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in s.children)
        bodies = [m for m in named if m.type in _BODIES]
        if bodies and (unnamed or s.lemma_.lower() in lex["voices"] or s.tag_ == "NNS"):
            # "a State Department spokesman", "officials of the ministry": speak for the body
            return bodies[0].id
        if unnamed:
            return None  # "an official said": no one named before
        if s.lemma_.lower() in lex["generic_roles"]:
            return None  # "the official said": one of many, not whoever was named last
        if last.get("person") and last["person"] not in others:
            return last["person"]
        if others:
            return None  # "the Russian president": not the Tajik one named before
        return inside[0].id if inside else None
    if named and _nobody(s):
        return None  # "a resident of <city> said": someone not named, not the city
    if named:
        return named[0].id
    if s.lower_ == "it":
        return last.get("body")
    for b in (s, *(p for p in s.children if p.dep_ == "poss")):
        # "the ministry said"; "the ministry's press service said": the ministry
        body = _body_named(b, last.get("bodies", []), last.get("speaker"))
        if body is not None:
            return body
    if any(t.lower_ in lex["sources"] for t in s.subtree):
        # "a statement by the group said": the body the group is
        for by in (c for c in s.children if c.lower_ == "by"):
            for g in (g for g in by.children if g.dep_ == "pobj"):
                body = _body_named(g, last.get("bodies", []), last.get("speaker"))
                if body is not None:
                    return body
        # "X said in a statement ... “…,” the statement said": who issued it, else (“says the
        # end of the message”) the last speaker
        issuer = _issuer(doc, s, ments)
        if issuer is not None:
            return issuer
        if last.get("speaker"):
            return last["speaker"]
        if s.lower_ in lex["sources"] and last.get("actor"):
            return last["actor"]  # "X pledged support ... “…,” the statement read"
    return inside[0].id if inside else None


def _body_named(s: Token, bodies: list[Ment], speaker: str | None = None) -> str | None:
    """The body a definite noun points back to: "the ministry" is the last body named with
    that word in its name (the Foreign Ministry), "the group" the last of the type the noun
    stands for (an armed group); the last speaker first where it fits ("X said ... the
    company said")."""
    if s.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in s.children):
        return None
    word = s.lemma_.lower()
    types = _body_nouns().get(word, frozenset())
    # a body with the word in its name first: "the ministry" is no news agency named since
    fits = [m for m in bodies if word in m.text.lower().split()]
    fits = fits or [m for m in bodies if m.type in types]
    said = [m for m in fits if m.id == speaker]
    return (said or fits)[-1].id if fits else None


def _issuer(doc: Doc, s: Token, ments: list[Ment]) -> str | None:
    """Who issued the statement (letter, message) that a subject like "part of the statement"
    points back to: the name in the phrase of the same noun earlier ("a statement issued by
    X", "X's statement"), or the subject of "X said in a statement", "X issued a statement"."""
    lex = _lex()
    words = {t.lower_ for t in s.subtree if t.lower_ in lex["sources"]}
    for n in reversed(doc[max(0, s.left_edge.i - 400) : s.left_edge.i]):
        if n.lower_ not in words:
            continue
        # "X's statement", "a statement (issued) by X": not a name the statement is about
        near = [n, *(c for c in n.children if c.dep_ == "acl")]  # "a statement (issued) by"
        by = [
            (g.left_edge.i, g.right_edge.i + 1)
            for t in near
            for b in t.children
            if b.lower_ == "by" and b.dep_ in ("agent", "prep")
            for g in b.children
            if g.dep_ == "pobj"
        ]
        found = [
            m
            for m in ments
            if m.type in SPEAKERS
            and not m.demonym
            and (
                n.left_edge.i <= m.start
                and m.end <= n.i
                or any(a <= m.start and m.end <= b for a, b in by)
            )
        ]
        verb = None
        if n.dep_ == "dobj":
            verb = n.head  # "X issued a statement"
        elif n.head.dep_ == "prep" and n.head.head.i != n.head.i:
            verb = n.head.head  # "X said in a statement"
        if not found and verb is not None:
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if not subjects and verb.dep_ == "acl":
                subjects = [verb.head]  # "…, the press service reported in a statement"
            for c in subjects:
                head = c.i
                # the subject's own name first: "Tajikistan's ministry", not Tajikistan
                found = sorted(
                    (
                        m
                        for m in ments
                        if c.left_edge.i <= m.start
                        and m.end <= c.right_edge.i + 1
                        and m.type in SPEAKERS
                        and not m.demonym
                    ),
                    key=lambda m: not m.start <= head < m.end,
                )
        if found:
            return found[0].id
        # "according to the statement": a mention that points back too; look further
    return None


def _titled_words(body: str) -> bool:
    """Whether quoted words read as a title ("Where East Meets West"): every word longer than
    three letters capitalised, and no sentence end but a full stop set inside the marks."""
    long = [w for w in re.findall(r"[^\W\d_][\w’'-]*", body) if len(w) > 3]
    inner = body.removesuffix(".")
    return (
        len(long) >= 3
        and all(w[0].isupper() for w in long)
        and not re.search(r"[.!?](\s|$)", inner)
    )


def _titles(doc: Doc, ments: list[Ment]) -> list[_Title]:
    """Every titled person ("the Uzbek minister"), with the country of the post if named,
    and every person named after a capitalised title ("Prime Minister X"), post or not."""
    from crossroads.extraction.patterns.positions import read_positions

    out: list[_Title] = []
    for sent in sentences(doc):
        for r in read_positions(sent):
            words = set(str(r.qualifiers.get("role", "")).lower().split())
            country = r.object.id if r.object is not None and r.object.type == "Country" else None
            out.append((doc[r.subject.start].idx, r.subject.id, words, country))
    taken = {i for m in ments if not m.demonym for i in range(m.start, m.end)}
    for m in ments:
        if m.type != "Person" or m.demonym:
            continue
        title, i = title_before(doc, m, 0, taken)
        if title:
            # "Russian President X": the post's country is the demonym among the title's words
            of = [d.id for d in ments if d.demonym and i < d.start and d.end <= m.start]
            out.append((doc[m.start].idx, m.id, set(title), of[0] if of else None))
    return out


def _by_role(s: Token, ments: list[Ment], titles: list[_Title]) -> tuple[list[str], set[str]]:
    """The people named before with the role word ``s`` ("the president"), the last one
    likeliest, and those it cannot mean: "the Russian president" is not the Tajik one. A
    post of another name ("the Russian leader": a president) fits only when its state is
    the one said, or none is."""
    word = s.lemma_.lower()
    posts = _kin().get(word, frozenset([word]))
    nations = {
        m.id
        for m in ments
        if m.demonym and s.left_edge.i <= m.start and m.end <= s.right_edge.i + 1
    }
    # "the deputy prime minister" is not the prime minister: the post words before the role
    # must be the post's too
    told = {c.lower_ for c in s.children if c.dep_ in ("amod", "compound")} & _post_words()
    fit: list[str] = []
    others: set[str] = set()
    for at, pid, words, country in titles:
        if at >= s.idx or not posts & words or not told <= words:
            continue
        if nations and country is not None and country not in nations:
            others.add(pid)
        elif word in words or not nations or country in nations:
            fit.append(pid)
    return fit, others - set(fit)


def _likeliest(titled: list[str], subjects: list[tuple[int, str]], at: int) -> str:
    """Of the people named with a role ("the minister"), the one it likeliest means: the last
    who was a clause's subject before it ("X said after meeting Minister Y. The minister
    added …": X), else the last named with it."""
    said = max(((when, pid) for when, pid in subjects if when < at and pid in titled), default=None)
    return said[1] if said else titled[-1]


def _is_subject(tok: Token) -> bool:
    """Whether a mention's head token is (in apposition to, or part of the name of) a clause's
    subject: the person a later "he" most likely means."""
    t = tok
    for _ in range(3):
        if t.dep_ in ("nsubj", "nsubjpass"):
            return True
        if t.dep_ in ("appos", "compound", "flat") and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ == "pobj" and tok.dep_ == "appos" and t.head.dep_ == "prep":
            # "the envoy for Afghanistan, X, said": the parser hangs X on the nearer noun
            t = t.head.head
            continue
        if t.dep_ == "pobj" and (title := _title_above(t)) is not None:
            t = title  # "Minister of Trade and Protection of Labour X said": X is the minister
            continue
        break
    return False


def _title_above(tok: Token) -> Token | None:
    """The title whose remit a name was hung on ("Minister of <remit> <name>"): the parser
    makes the name an object of one of the remit's "of"s."""
    roles = _lex()["roles"]
    t = tok
    for _ in range(8):  # bounded: a remit's chain of "of"s and "and"s
        if t.dep_ not in ("pobj", "prep", "conj") or t.head.i == t.i:
            return None
        t = t.head
        if t.lemma_.lower() in roles:
            return t
    return None


def _subjects(
    doc: Doc,
    ments: list[Ment],
    titles: list[_Title],
    quoted: list[tuple[int, int]],
) -> list[tuple[int, str]]:
    """(offset, person id) of every person who is a clause's subject outside a quotation, named
    ("Rahimov met ...") or by a role that points back to them ("The president spoke ..."); the
    id is "" for a role that means someone not named ("The Russian president" after only the
    Tajik one was named), and NOBODY for someone unnamed who speaks ("a resident said"): the
    "he" or "she" who speaks after them is no one named either."""
    lex = _lex()
    out: list[tuple[int, str]] = []
    for m in ments:
        if m.type != "Person" or m.demonym:
            continue
        at = doc[m.start].idx
        if not any(a <= at < b for a, b in quoted) and _is_subject(doc[m.start : m.end].root):
            out.append((at, m.id))
    inside = {i for m in ments for i in range(m.start, m.end)}
    for t in doc:
        if (
            t.dep_ in ("nsubj", "nsubjpass")
            and t.i not in inside
            and t.lemma_.lower() in lex["roles"]
            and not any(a <= t.idx < b for a, b in quoted)
            and not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)
        ):
            titled, others = _by_role(t, ments, titles)
            if titled or others:  # "": someone not named
                out.append((t.idx, _likeliest(titled, out, t.idx) if titled else ""))
        elif (
            t.dep_ in ("nsubj", "nsubjpass")
            and t.i not in inside
            and _is_cue(t.head)
            and not any(a <= t.idx < b for a, b in quoted)
            and _nobody(t)
        ):
            out.append((t.idx, NOBODY))  # "a resident said …": the "she" after is hers
        elif (
            t.dep_ in ("nsubj", "nsubjpass")
            and t.i not in inside
            and t.lemma_.lower() in lex["voices"]
            and _is_cue(t.head)
            and not any(a <= t.idx < b for a, b in quoted)
        ):
            # "a spokesman of <group> said …": the "he" who goes on speaks for the group
            held = {x.i for x in t.subtree}
            said = [m for m in ments if m.start in held]
            if not any(m.type == "Person" for m in said) and (
                body := next((m for m in said if m.type in _BODIES), None)
            ):
                out.append((t.idx, body.id))
    return sorted(out)


def _n_words(text: str) -> int:
    """How many words a quotation holds (scare quotes and titles hold few)."""
    return len(re.findall(r"[\w’'-]+", text))


def _clean(text: str) -> str:
    text = re.sub(r"\s*\[[^\]]*\]", "", text)
    text = re.sub(r"\n\s*[“\"]", "\n", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" ,;:")


@dataclass
class _Memo:
    """The last doc read and its quotes: the relation reader and the extractor both ask for
    the quotes of the same doc, one after the other, and reading them twice cost a fifth of
    the relation reading."""

    doc: Doc | None = None
    quotes: list[Quote] = field(default_factory=list)


_last = _Memo()


def _continues(
    text: str,
    paras: list[tuple[int, int]],
    para: tuple[int, int],
    start: int,
    prev: tuple[int, int] | None,
) -> bool:
    """Whether a quote opening its paragraph goes on from the quote of the paragraph just
    before (news style: a speaker's next paragraph of words is not attributed again), or
    from the one before a paragraph about the speaker ("He was speaking in Doha.")."""
    if prev is None or para not in paras or text[para[0] : start].strip(" \t\"“‘'"):
        return False
    k = paras.index(para)
    if k > 0 and paras[k - 1] == prev:
        return True
    between = text[paras[k - 1][0] : paras[k - 1][1]] if k > 1 else ""
    return (
        k > 1
        and paras[k - 2] == prev
        and re.match(r"\s*(He|She)\b", between) is not None
        and not any(c in between for c in _OPEN + _CLOSE + '"')
    )


def read_quotes(doc: Doc) -> list[Quote]:
    """Direct quotations with speaker, cue verb, date and the entities they mention."""
    if _last.doc is doc:
        return list(_last.quotes)
    _last.doc, _last.quotes = doc, _read_quotes(doc)
    return list(_last.quotes)


def _read_quotes(doc: Doc) -> list[Quote]:
    named = named_ids(doc)
    return [quote_of(doc, q, q.speaker, named) for q in spoken(doc) if q.speaker in named]


def spoken(doc: Doc) -> list[Spoken]:
    """Every quotation of the doc with the rules' speaker (None where they found none)."""
    if not doc.has_annotation("SENT_START") and not doc.has_annotation("DEP"):
        return []  # a doc that was never parsed
    text = doc.text
    paras = _paragraphs(text)
    ments = mentions(doc[:])
    marked = _marked(_doubled_as_marks(text), paras)
    found = sorted(marked + _single(text, marked) + _block(doc, text, paras), key=lambda f: f.start)
    found = _credited(doc, text, paras, ments, found)
    out: list[Spoken] = []
    last: _Context = {}
    quoted = [(f.start, f.end) for f in found]
    said = [  # quotations, not a title or a scare quote in marks
        (f.start, f.end) for f in found if _n_words(text[f.start : f.end]) >= MIN_WORDS
    ]
    types = {m.id: m.type for m in ments if not m.demonym}
    named = named_ids(doc)
    last["titles"] = _titles(doc, ments)
    people = [
        (doc[m.start].idx, m.id)
        for m in ments
        if m.type == "Person"
        and not m.demonym
        and not any(a <= doc[m.start].idx < b for a, b in quoted)
    ]
    subjects = _subjects(doc, ments, last["titles"], quoted)
    outside = [m for m in ments if not any(a <= doc[m.start].idx < b for a, b in quoted)]
    bodies = [m for m in outside if m.type in ("Organization", "ArmedGroup") and not m.demonym]
    acting = [
        (doc[m.start].idx, m.id)
        for m in outside
        if m.type in ("Organization", "ArmedGroup", "Country")
        and not m.demonym
        and _is_subject(doc[m.start : m.end].root)
    ]
    anonymous_para: tuple[int, int] | None = None
    for f in found:
        body = _clean(text[f.start : f.end])
        n_words = _n_words(body)
        if n_words < MIN_WORDS or _titled_words(body):
            continue  # a scare quote, or the title of a book, film or declaration
        qspan = doc.char_span(f.start, f.end, alignment_mode="expand")
        if n_words < 10 and _labelled(text, f.start) and not _has_verb(qspan):
            continue  # "the so-called “…”": a short label, not a statement
        para = next(((ps, pe) for ps, pe in paras if ps <= f.start < pe), (f.start, f.end))
        ctx_start = f.intro[0] if f.block and f.intro else para[0]
        # "he said": a person named just before in the same paragraph, else the last speaker
        near = [pid for at, pid in people if ctx_start <= at < (f.intro[1] if f.intro else f.end)]
        local = last.copy()
        k = next((i for i, pr in enumerate(paras) if pr == para), 0)
        floor = paras[k - 1][0] if k > 0 else para[0]
        upto = f.intro[1] if f.intro else f.end
        subj = [(at, pid) for at, pid in subjects if floor <= at < upto]
        if not subj:
            # a person who became the subject after the last quote, a few paragraphs up
            since = max(paras[max(0, k - 3)][0], last.get("end", 0))
            subj = [(at, pid) for at, pid in subjects if since <= at < upto and pid != ""]
        if subj:
            local["subjects"] = subj
        local["bodies"] = [m for m in bodies if doc[m.start].idx < upto]
        acted = [eid for at, eid in acting if paras[max(0, k - 2)][0] <= at < upto]
        if acted:
            local["body"] = acted[-1]
        actors = sorted(
            [(at, eid) for at, eid in acting if floor <= at < upto]
            + [(at, pid) for at, pid in subjects if floor <= at < upto and pid not in ("", NOBODY)]
        )
        if actors:
            local["actor"] = actors[-1][1]
        if near:
            local["person"] = near[-1]
        elif not local.get("person"):
            before = [pid for at, pid in people if at < f.start]
            if before:
                local["person"] = before[-1]
        speaker, cue, own = None, "", True
        windows: list[tuple[int, int, bool]] = []
        if f.signer is not None:
            pass  # the credit names the speaker (below)
        elif f.block and f.intro:
            windows.append((f.intro[0], f.intro[1], True))
        else:
            end_para = next((pe for ps, pe in paras if ps <= f.end <= pe), f.end)
            after = text[f.end + 1 : end_para].lstrip()
            ended = re.search(r"[.!?…]\W*$", text[f.start : f.end]) is not None
            # (words quoted inside narration, then another quotation: what follows is the
            # other one's: 'the sides "agreed to ..." "A," X said.')
            embedded = (
                bool(text[para[0] : f.start].strip(_OPEN + '" ')) and after[:1] in _OPEN + '"'
            )
            if (
                not (ended and after[:1].isupper())
                and after[:1] not in (".", "!", "?", ";")
                and not embedded
            ):
                windows.append((f.end, min(end_para, f.end + 120), False))
            tok = doc.char_span(max(para[0], f.start - 2), f.start, alignment_mode="expand")
            sent_start = (
                max(para[0], tok.sent.start_char) if tok is not None and len(tok) else para[0]
            )
            windows.append(
                (max(para[0], min(sent_start, f.start - 20), f.start - 400), f.start, True)
            )
        if qspan is not None and len(qspan) and len(windows) == 2:
            lead = doc.char_span(windows[1][0], windows[1][1], alignment_mode="expand")
            if lead is not None and any(_is_cue(t) and t.right_edge.i >= qspan.start for t in lead):
                # "X said Y had broken its “…”, the agency reported": the words are in the
                # clause of a verb before them, whose subject spoke them
                windows.reverse()
        ev_start, ev_end = para[0], f.end
        unnamed = False
        # a verb's subject on either side first: in "X said ... “…”, according to <the
        # agency>" the agency passed the words on; "according to" alone names the speaker
        for (ws, we, nearest_last), according in [
            (w, according) for according in (False, True) for w in windows
        ]:
            span = doc.char_span(ws, we, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            speaker, cue, own, nobody = _speaker_of(
                doc, span, ments, local, nearest_last, according
            )
            if speaker:
                ev_start, ev_end = min(ev_start, ws), max(ev_end, we)
                break
            unnamed = unnamed or (nobody and not according)
        if f.signer is not None:
            speaker, cue = f.signer[1], ""
            credit_para = next(((ps, pe) for ps, pe in paras if ps <= f.signer[0] < pe), para)
            ev_end = max(ev_end, credit_para[1])
        if (
            speaker is None
            and f.start > para[0]
            and text[para[0] : f.start].rstrip(_OPEN + '" ').endswith(":")
        ):
            # "X, one of the returnees, recounted: “…”": the subject of the clause the colon
            # ends, whatever its verb; a transcript's "<name>, <post>: “…”", the name
            speaker = _introducer(doc, f.start, ments, local)
            if speaker is None:
                opening = text[para[0] : f.start].rstrip(_OPEN + '" ')
                speaker = _label(doc, (para[0], para[0] + len(opening)), ments)
            if speaker is not None:
                cue = ":"
        if (
            speaker is None
            and not unnamed
            and last.get("speaker")
            and (
                last.get("para") == para or _continues(text, paras, para, f.start, last.get("para"))
            )
        ):
            # “A,” X said. “B.” – the next quote of the paragraph, or a paragraph that is only
            # a quote right after X's, is X's too
            speaker, cue = last["speaker"], last.get("cue", "")
        tail = (
            _lead(doc, text, paras, k, f.start, said)
            if speaker is None and not unnamed and not re.search(r"\w", text[f.end : para[1]])
            else None
        )
        if tail is not None:
            # a quotation that ends its paragraph and opens its sentence, right after one that
            # reports speech ("X noted that ...") or gives its subject a statement or a post
            # ("X made the announcement in a post"): the words go on in X's voice
            speaker, cue, own, _ = _speaker_of(doc, tail, ments, local, True, False)
            if speaker is None:
                speaker, cue = _narrator(doc, tail, ments, local), ""
            if speaker is None:
                # "..., according to <person>." reports that person's words, and the quotation
                # after it goes on in them; "according to" a body or an agency only passes
                # words on
                heard, how, heard_own, _ = _speaker_of(doc, tail, ments, local, True, True)
                if heard is not None and types.get(heard) == "Person":
                    speaker, cue, own = heard, how, heard_own
            if speaker is not None:
                ev_start = min(ev_start, tail.start_char)
        if speaker is None and k > 0 and not text[para[0] : f.start].strip(_OPEN + '" '):
            # a press release's layout: "<name>, <post>:" on a line of its own, then the words
            speaker = _label(doc, paras[k - 1], ments)
            if speaker is not None:
                cue = ":"
                ev_start = min(ev_start, paras[k - 1][0])
        if speaker is not None and speaker not in named:
            speaker = None
        # the next words of someone not named ("“A,” an official said. “B.”") are theirs too
        unnamed = speaker is None and (
            unnamed
            or anonymous_para == para
            or _continues(text, paras, para, f.start, anonymous_para)
        )
        date = None
        ctx = doc.char_span(ev_start, ev_end, alignment_mode="expand")
        if ctx is not None:
            ds = [d for d in dates_in(ctx) if not any(a <= doc[d.start].idx < b for a, b in quoted)]
            if ds:
                date = ds[-1].iso
        out.append(
            Spoken(
                f.start,
                f.end,
                body,
                para,
                speaker,
                cue,
                own,
                (ev_start, ev_end),
                date or doc._.published or None,
                f.block,
                last.get("speaker"),
                unnamed,
            )
        )
        if unnamed:
            anonymous_para = para
        if speaker is None:
            continue
        last["para"], last["cue"], last["end"] = para, cue, f.end
        if own and types.get(speaker) == "Person":
            last["person"] = speaker
        if own:
            last["speaker"] = speaker
    return out


def quote_of(doc: Doc, q: Spoken, speaker: str, named: set[str]) -> Quote:
    """The quotation as a record: its speaker, the entities it names (of ``named``, the
    doc's ``named_ids``), its date."""
    about = []
    qspan = doc.char_span(q.start, q.end, alignment_mode="expand")
    if qspan is not None:
        for m in mentions(qspan):
            if m.id not in about and m.id != speaker and m.id in named:
                about.append(m.id)
    ev_start, ev_end = q.context
    ctx = doc.char_span(ev_start, ev_end, alignment_mode="expand")
    start = ctx.sent.start_char if ctx is not None and q.block is False else ev_start
    return Quote(
        speaker=speaker,
        text=q.body,
        evidence=Evidence(doc._.doc_id or "", min(start, ev_start), ev_end),
        cue=q.cue,
        date=q.date,
        about=tuple(about),
    )
