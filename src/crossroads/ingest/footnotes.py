"""Footnotes of policy briefs, taken out of the body and kept linked to their markers.

Briefs print note markers glued to words ("the Taliban12 have", "agreement.3") and the
notes themselves at page bottoms, between paragraphs or in a closing "Notes" section.
Left in, a note cuts its sentence in two and its digits stick to names. Here a numbered
line is a note only when the body carries a marker with its number (or it stands in a
closing notes section), so numbered lists in the body stay body.
"""

from __future__ import annotations

import re

from crossroads.ingest.layout import CUT, PAGE_BREAK

_SUPERS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_MAP = str.maketrans(_SUPERS, "0123456789")
_NOTE_LINE = re.compile(
    rf"^(?:\[(?P<b>\d{{1,3}})\]|(?P<n>\d{{1,3}})[.)]?|(?P<s>[{_SUPERS}]+))\s+(?P<text>\S.*)$"
)
_MARKER = re.compile(
    rf"(?<=[A-Za-z]{{2}})(?P<glued>\d{{1,3}})(?=[\s,.;:!?)\]”’\"]|$)"
    rf"|(?<=[a-z][.,;:”’\")])(?P<after>\d{{1,3}})(?=\s|$)"
    rf"|\[(?P<bracket>\d{{1,3}})\]"
    rf"|(?P<super>[{_SUPERS}]+)"
)
_NOTES_HEADING = re.compile(
    r"^(notes|endnotes|end notes|footnotes|references|sources|bibliography|"
    r"works cited)\s*:?$",
    re.IGNORECASE,
)


def _marker(m: re.Match[str]) -> str:
    found: str = next(g for g in (m["glued"], m["after"], m["bracket"], m["super"]) if g)
    return found.translate(_SUPER_MAP)


def body_markers(lines: list[str]) -> set[str]:
    """Numbers that stand as note markers somewhere in lines that are not notes themselves."""
    found: set[str] = set()
    for line in lines:
        if _NOTE_LINE.match(line):
            continue
        found.update(_marker(m) for m in _MARKER.finditer(line))
    return found


def take_notes(lines: list[str], hard_wrapped: bool) -> tuple[list[str], dict[str, str]]:
    """Lines with note lines replaced by CUT, and the notes by marker ('' for unnumbered)."""
    markers = body_markers(lines)
    notes: dict[str, str] = {}
    out: list[str] = []
    in_section = False
    current: str | None = None
    for i, line in enumerate(lines):
        if not in_section and i >= len(lines) // 2 and _NOTES_HEADING.match(line):
            in_section = True  # a closing notes section: all that follows is notes
            out.append(CUT)
            current = None
            continue
        m = _NOTE_LINE.match(line)
        number = m and (m["b"] or m["n"] or (m["s"] or "").translate(_SUPER_MAP))
        if m and number is not None and (number in markers or in_section) and number not in notes:
            notes[number] = m["text"].strip()
            current = number
            out.append(CUT)
            continue
        if current is not None and line and line != PAGE_BREAK and (hard_wrapped or in_section):
            notes[current] = f"{notes[current]} {line}"  # a note running on to the next line
            out.append(CUT)
            continue
        if in_section and line and line != PAGE_BREAK:
            key = f"ref{len(notes) + 1}"
            notes[key] = line
            out.append(CUT)
            continue
        current = None
        out.append(line)
    return out, notes


def strip_markers(para: str, notes: dict[str, str]) -> tuple[str, list[tuple[str, int]]]:
    """The paragraph without note markers, and (marker, offset in the new paragraph) for each."""
    found: list[tuple[str, int]] = []
    out: list[str] = []
    last = 0
    for m in _MARKER.finditer(para):
        mark = _marker(m)
        if mark not in notes and not m["super"]:
            continue
        out.append(para[last : m.start()])
        at = sum(len(x) for x in out)
        if m["bracket"] and out[-1].endswith(" ") and para[m.end() : m.end() + 1] in (" ", ""):
            out[-1] = out[-1][:-1]
            at -= 1
        if mark in notes:
            found.append((mark, at))
        last = m.end()
    out.append(para[last:])
    return "".join(out), found
