"""Article text and metadata of an HTML page, by trafilatura.

trafilatura drops menus, cookie banners, sidebars and footers and reads the title,
author and date from the page's markup; crossroads' own line-level pass then only tidies
what is left.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from crossroads.exc import InputError

if TYPE_CHECKING:  # trafilatura is imported when a page is read, not with the package
    from trafilatura.settings import Document


@dataclass
class WebText:
    text: str
    title: str | None
    author: str | None
    published: str | None
    url: str | None
    sitename: str | None


def read_html(html: str, name: str) -> WebText:
    """Main text and metadata of an HTML document, or InputError when it holds no text."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    doc: Document | None = None
    for recall in (False, True):
        try:
            # as_dict is left False, so the result is a Document (or None), never a dict
            doc = cast(
                "Document | None",
                trafilatura.bare_extraction(
                    html,
                    with_metadata=True,
                    include_comments=False,
                    include_tables=True,
                    favor_recall=recall,
                    date_extraction_params={"extensive_search": False, "original_date": True},
                ),
            )
        except Exception as exc:  # noqa: BLE001  (lxml and trafilatura raise many kinds on broken markup)
            raise InputError(name, f"broken HTML: {exc.__class__.__name__}: {exc}"[:200])
        if doc is not None and (doc.text or "").strip():
            break
    if doc is None or not (doc.text or "").strip():
        raise InputError(name, "broken or empty HTML: no article text found in it")
    text = doc.text or ""  # not empty: checked just above
    lines = text.split("\n")
    if doc.title and lines and lines[0].strip() == doc.title.strip():
        text = "\n".join(lines[1:])  # the headline, kept as the title instead
    author = "; ".join(a.strip() for a in (doc.author or "").split(";") if a.strip()) or None
    return WebText(
        text=text,
        title=(doc.title or "").strip() or None,
        author=author.replace("; ", ", ") if author else None,
        published=doc.date or None,
        url=doc.url or None,
        sitename=doc.sitename or None,
    )
