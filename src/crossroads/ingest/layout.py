"""Plain text to paragraph units and back.

Every later step (boilerplate, metadata, splitting, footnotes) works on a list of
paragraph units: one string per paragraph, no newlines inside. Hard-wrapped text (PDF
text layers, e-mailed briefs) is reflowed first so a paragraph is one unit; web-page
copies, where every line already is a paragraph, are left line by line.
"""

from __future__ import annotations

import re
import unicodedata

PAGE_BREAK = "\f"
"""Marks a PDF page boundary inside text handed to `units`."""
CUT = "\x00cut"
"""Stands where lines were taken out (footnotes), so the sentence they split can be mended."""

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’)\]]$")
_PARA_END = re.compile(r"[.!?:;…\"”’)\]]\d{0,3}$")
"""A sentence end, perhaps with a footnote marker after it ("pass.8")."""


def clean_line(line: str) -> str:
    """One line with invisible characters dropped and runs of spaces made one space."""
    line = unicodedata.normalize("NFC", line.translate(_INVISIBLE))
    return _SPACES.sub(" ", line).strip()


_MD = [
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE), r"\1"),  # headings
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: their words stay
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"^\s{0,3}>\s?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$", re.MULTILINE), ""),
]  # rules
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def from_markdown(text: str) -> tuple[str, dict[str, str]]:
    """Markdown as plain text, and the title/author/date of its front matter if it has one."""
    fields: dict[str, str] = {}
    m = _FRONT.match(text.replace("\r\n", "\n"))
    if m:
        for line in m.group(1).splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() in ("title", "author", "date") and value.strip():
                fields[key.strip().lower()] = value.strip().strip("\"'")
        text = text.replace("\r\n", "\n")[m.end() :]
    for rx, repl in _MD:
        text = rx.sub(repl, text)
    return text, fields


def lines_of(text: str) -> list[str]:
    """Cleaned lines of a text; page breaks stay as their own line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace(PAGE_BREAK, f"\n{PAGE_BREAK}\n")
    lines = [line if line == PAGE_BREAK else clean_line(line) for line in text.split("\n")]
    if PAGE_BREAK not in lines:
        return lines
    out: list[str] = []
    for line in lines:  # blank lines next to a page break are the break, not a paragraph end
        if not line and out and out[-1] == PAGE_BREAK:
            continue
        while line == PAGE_BREAK and out and not out[-1]:
            out.pop()
        out.append(line)
    return out


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when most lines were broken at a fixed width rather than at paragraph ends."""
    full = [len(x) for x in lines if x and x not in (PAGE_BREAK, CUT)]
    if len(full) < 6:
        return False
    longest = sorted(full)[int(len(full) * 0.9)]
    if longest > 160:
        return False
    wrapped = sum(1 for n in full if n >= 0.6 * longest)
    ends = sum(1 for x in lines if x and x not in (PAGE_BREAK, CUT) and _PARA_END.search(x))
    return wrapped >= 0.6 * len(full) and ends < 0.5 * len(full)


_SPLIT_WORD = re.compile(r"[a-z]-$")


def _ends_sentence(text: str) -> bool:
    """Whether text ends a sentence; looks at the last character only, so it costs the same
    for a paragraph of any length."""
    return bool(_SENTENCE_END.search(text[-1:]))


def _split_word(a: str, b: str) -> bool:
    """A word split by the line end ("neigh-" + "bours"); looks at a's last two characters."""
    return bool(_SPLIT_WORD.search(a[-2:])) and b[:1].islower()


def _join(a: str, b: str) -> str:
    return a[:-1] + b if _split_word(a, b) else f"{a} {b}"


_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+(?:\s\S+)?$")
"""A web address alone on its line (a wrap may have put one space into it)."""


_OWN_LINE = re.compile(r"^(?:[•·▪◦*]\s+\S|By\s+(?:[A-Z][\w.'’-]*\s*){1,4}$)")
"""A list item ("* Talks resume") or a byline ("By Lena March"): in wrapped text each starts
a unit of its own, wherever it stands (a summary's bullets run on into the byline otherwise).
A dash at a line's start may go on with its sentence, so it is no bullet here."""


def _head_line(line: str, width: int, current: list[str]) -> bool:
    """A short line without a closing stop below an unfinished line at the top of a
    wrapped text: a byline, date or label under the headline, not the end of a paragraph
    (a wrapped paragraph's short last line closes a sentence, or goes on in lower case)."""
    return (
        bool(current)
        and len(line) < 0.6 * width
        and not _ends_sentence(line)
        and not line[:1].islower()
    )


def units(lines: list[str], wrapped: bool | None = None) -> list[str | None]:
    """Paragraph units of cleaned lines; blank lines and page breaks separate paragraphs.

    In hard-wrapped text, lines of one paragraph are joined, and a short line that ends
    a sentence ends its paragraph even without a blank line after it (`wrapped` says
    whether the text is hard-wrapped; None: find out). Where lines were
    cut out (CUT) of line-per-paragraph text, None stands for them (see `rejoin_cut`).
    """
    if not (is_hard_wrapped(lines) if wrapped is None else wrapped):
        return [None if x == CUT else x for x in lines if x and x != PAGE_BREAK]
    full = [len(x) for x in lines if x and x not in (PAGE_BREAK, CUT)]
    width = sorted(full)[int(len(full) * 0.9)]
    out: list[str | None] = []
    current: list[str] = []  # the paragraph's pieces, joined once at its end (linear time)
    head = True  # above the first sentence: headline, byline, date and address lines
    for line in lines + [""]:
        if line == CUT:
            continue
        if not line or line == PAGE_BREAK:
            if line == PAGE_BREAK and current and not _ends_sentence(current[-1]):
                continue  # a paragraph running over a page break goes on
            if current:
                out.append("".join(current))
            current = []
            continue
        if head and (_URL_LINE.match(line) or _head_line(line, width, current)):
            if current:  # a page's head is a stack of short lines, each its own unit
                out.append("".join(current))
                current = []
            out.append(line)
            continue
        if _OWN_LINE.match(line):
            if current:
                out.append("".join(current))
                current = []
            if len(line) < 0.75 * width:
                out.append(line)
            else:
                current.append(line)  # a long item wraps on
            continue
        if not current and len(line) < 0.6 * width and not _ends_sentence(line):
            out.append(line)  # a heading: short, alone, without a closing stop
            continue
        head = head and not _ends_sentence(line)
        if current and _split_word(current[-1], line):
            current[-1] = current[-1][:-1]
        elif current:
            current.append(" ")
        current.append(line)
        if len(line) < 0.75 * width and _PARA_END.search(line):
            out.append("".join(current))
            current = []
    return out


def rejoin_cut(paras: list[str | None]) -> list[str]:
    """Drop removed units (None) and mend the sentence they cut.

    Where a footnote or page furniture stood between a paragraph that stops mid-sentence
    and one that goes on in lower case, the two are joined again.
    """
    out: list[str] = []
    gap = False
    for p in paras:
        if p is None:
            gap = True
            continue
        if gap and out and not _ends_sentence(out[-1]) and p[:1].islower():
            out[-1] = _join(out[-1], p)
        else:
            out.append(p)
        gap = False
    return out
