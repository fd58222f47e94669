"""The text layer of a PDF, page by page, without running heads and page numbers.

pypdf reads the text layer only: a scanned PDF without one is refused with a hint to
run OCR first, as are encrypted and damaged files.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crossroads.exc import InputError
from crossroads.ingest.layout import PAGE_BREAK

if TYPE_CHECKING:  # pypdf is imported when a PDF is read, not with the package
    from pypdf import PdfReader

_PAGE_NO = re.compile(
    r"^(page\s+)?\d{1,4}(\s*(/|of)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.IGNORECASE
)


@dataclass
class PdfText:
    text: str
    """Pages joined by PAGE_BREAK."""
    title: str | None
    author: str | None
    created: str | None
    pages: int


def _info(reader: PdfReader, key: str) -> str | None:
    try:
        meta = reader.metadata
        value = meta.get(key) if meta is not None else None
    except Exception:  # noqa: BLE001  (a broken info dictionary is no reason to refuse the text)
        return None
    value = str(value).strip() if value else ""
    return value or None


def read_pdf(data: bytes, name: str) -> PdfText:
    """Text and info fields of a PDF, or InputError naming what is wrong with it."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # damage is reported as InputError
    if b"%%EOF" not in data[-2048:]:
        raise InputError(name, "truncated PDF: the file ends before its %%EOF marker")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok: int = reader.decrypt("")
            except Exception:  # noqa: BLE001  (any failure to decrypt: refused as encrypted below)
                ok = 0
            if not ok:
                raise InputError(name, "encrypted PDF: it needs a password; save an unlocked copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001  (pypdf fails on broken files in many ways; all mean "damaged")
        raise InputError(name, f"damaged PDF: {exc.__class__.__name__}: {exc}"[:200])
    if not "".join(pages).strip():
        raise InputError(
            name,
            f"PDF has no text layer ({len(pages)} page(s) of images?); "
            "run OCR (e.g. ocrmypdf) first",
        )
    lines = [[x.strip() for x in p.splitlines()] for p in pages]
    edges = Counter(x for p in lines for x in {*(p[:2]), *(p[-2:])} if x)
    running = {x for x, n in edges.items() if n >= 2 and n >= 0.6 * len(pages)}
    # a running head is dropped everywhere but on the first page, where it is the title
    kept = [
        "\n".join(x for x in p if (k == 0 or x not in running) and not _PAGE_NO.match(x))
        for k, p in enumerate(lines)
    ]
    created = _info(reader, "/CreationDate")
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", created or "")
    iso = m and "-".join(g for g in m.groups() if g)
    return PdfText(
        text=f"\n{PAGE_BREAK}\n".join(kept),
        title=_info(reader, "/Title"),
        author=_info(reader, "/Author"),
        created=iso or None,
        pages=len(pages),
    )
