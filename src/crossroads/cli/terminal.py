"""Printing stored text to a terminal without letting it drive the terminal.

Documents are untrusted: an article can carry escape sequences that clear the screen, set
the window title or write the clipboard (OSC 52). Everything the CLI prints goes through
`safe` (the consoles below do it for every string they render), which shows such characters
as visible escapes (``\\x1b``) instead of sending them; JSON output escapes them as \\uXXXX.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rich.console import Console
from rich.text import Text

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline, DEL, C1 controls, and bidirectional overrides."""
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""What json.dumps(ensure_ascii=False) leaves raw but a terminal may act on."""


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """The text with control characters written out as visible escapes."""
    return _CONTROL.sub(_visible, text)


def dumps(obj: object, **kwargs: Any) -> str:
    """json.dumps (non-ASCII kept) with every terminal control character escaped."""
    return _JSON_UNSAFE.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(obj, ensure_ascii=False, **kwargs)
    )


class SafeConsole(Console):
    """A rich Console that makes every string it renders terminal-safe (markup still works:
    rich writes its own styles after this)."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return super().render_str(safe(text), **kwargs)
