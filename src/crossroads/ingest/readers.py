"""Input files to Documents: the reading half of ingest.

`load_path`/`load_bytes` turn one input into its documents: one article, or a page
document (kind 'page', no text) followed by the articles split out of it. Anything that
cannot be read raises InputError with one line saying why; nothing else escapes.
The cleaned text returned here is final: later stages point into it by offsets.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from crossroads.exc import InputError
from crossroads.ingest import boilerplate, footnotes, layout
from crossroads.ingest.boilerplate import TEXT, Unit
from crossroads.ingest.decode import decode, is_html, sniff
from crossroads.ingest.dedup import content_hash, minhash_signature
from crossroads.ingest.metadata import (
    Header,
    byline,
    full_date,
    normalise_author,
    parse_date,
    read_header,
)
from crossroads.ingest.split import split_articles
from crossroads.model import Data, Document, Footnote

__all__ = ["build_documents", "iter_inputs", "load_bytes", "load_path"]


def iter_inputs(paths: list[str]) -> Iterator[Path]:
    """Files named or found (recursively, sorted) under the folders named; hidden ones skipped.

    A path that does not exist is yielded as it is, so that reading it reports the error.
    '-' (standard input) is left to the caller.
    """
    for p in paths:
        if p == "-":
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path).parts
                if f.is_file() and not any(part.startswith(".") for part in rel):
                    yield f
        else:
            yield path


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def load_path(path: Path, max_bytes: int) -> list[Document]:
    """Documents of one file, or InputError naming the file and the reason."""
    path = Path(path)
    label = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(label, "no such file or folder")
    except OSError as exc:
        raise InputError(label, f"unreadable: {exc.strerror or exc}")
    if path.is_dir():
        raise InputError(label, "is a folder, not a file")
    if st.st_size > max_bytes:
        raise InputError(
            label,
            f"file too large: {_mb(st.st_size)}, over the {_mb(max_bytes)} limit "
            "(raise CROSSROADS_MAX_BYTES to allow it)",
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(label, f"unreadable: {exc.strerror or exc}")
    return _load(
        data, source=path.name, label=label, suffix=path.suffix.lower(), max_bytes=max_bytes
    )


def load_bytes(data: bytes, name: str, max_bytes: int) -> list[Document]:
    """Documents of bytes read from elsewhere (standard input); `name` stands for the source."""
    return _load(
        data,
        source=Path(name).name or name,
        label=name,
        suffix=Path(name).suffix.lower(),
        max_bytes=max_bytes,
    )


def _load(data: bytes, source: str, label: str, suffix: str, max_bytes: int) -> list[Document]:
    if len(data) > max_bytes:
        raise InputError(
            label,
            f"file too large: over the {_mb(max_bytes)} limit "
            "(raise CROSSROADS_MAX_BYTES to allow it)",
        )
    if not data.strip():
        raise InputError(label, "empty file")
    fmt = sniff(data, suffix, label)
    meta: Data = {}
    hints: dict[str, str | None] = {}
    if fmt == "pdf":
        from crossroads.ingest.pdf import read_pdf

        pdf = read_pdf(data, label)
        text = pdf.text
        meta.update(pages=pdf.pages, pdf_created=pdf.created)
        hints.update(title=pdf.title, author=pdf.author)
    else:
        text, encoding = decode(data, label)
        meta["encoding"] = encoding
        if not text.strip():
            raise InputError(label, "empty file")
        if fmt == "html" or is_html(text):
            from crossroads.ingest.webpage import read_html

            fmt = "html"
            web = read_html(text, label)
            text = web.text
            hints.update(title=web.title, author=web.author, published=web.published)
            meta.update(url=web.url, site=web.sitename)
        elif suffix in (".md", ".markdown"):
            text, front = layout.from_markdown(text)
            fmt = "markdown"
            hints.update(front)
    meta["format"] = fmt
    return build_documents(text, source, label, hashlib.sha1(data).hexdigest(), fmt, hints, meta)


def _html_header(run: list[Unit], hints: dict[str, str | None]) -> Header:
    """Head of trafilatura's text: only a leftover byline or date line is taken off."""
    h = Header(
        title=hints.get("title"), author=hints.get("author"), published=hints.get("published")
    )
    seen = 0
    for i, u in enumerate(run):
        if u.label != TEXT:
            continue
        seen += 1
        if seen > 3:
            break
        _, a = byline(u.text)
        iso, _wd = full_date(u.text)
        if a:
            h.author = h.author or a
            h.consumed.add(i)
        elif iso:
            h.published = h.published or iso
            h.consumed.add(i)
    return h


def _is_filename(title: str | None) -> bool:
    return not title or bool(
        re.search(r"\.(docx?|pdf|indd|odt)$|^microsoft word", title, re.IGNORECASE)
    )


def _article(run: list[Unit], header: Header, notes: dict[str, str]) -> tuple[str, list[Footnote]]:
    """The article's final text (paragraphs joined by blank lines) and its anchored notes."""
    paras: list[str] = []
    for i, u in enumerate(run):
        if u.label != TEXT or i in header.consumed:
            continue
        text = boilerplate.clean_caption(header.replaced.get(i, u.text))
        if text:
            paras.append(text)
    out, anchors, offset = [], [], 0
    for p in paras:
        p, found = footnotes.strip_markers(p, notes)
        anchors += [(m, offset + at) for m, at in found]
        out.append(p)
        offset += len(p) + 2
    body = "\n\n".join(out)
    notes_here = []
    seen = set()
    for mark, at in anchors:
        if mark not in seen:
            seen.add(mark)
            notes_here.append(Footnote(marker=mark, text=notes[mark], anchor=at))
    return body, notes_here


def build_documents(
    text: str,
    source: str,
    label: str,
    page_hash: str,
    fmt: str = "text",
    hints: dict[str, str | None] | None = None,
    meta: Data | None = None,
) -> list[Document]:
    """Documents of an input's decoded text: one article, or a page and its articles.

    `page_hash` is the SHA1 of the raw input, the id of the page document if there is one.
    """
    hints, meta = hints or {}, dict(meta or {})
    lines = layout.lines_of(text)
    wrapped = fmt != "html" and layout.is_hard_wrapped(lines)
    lines, notes = footnotes.take_notes(lines, wrapped)
    paras = layout.units(lines, wrapped)
    units = boilerplate.label_units(layout.rejoin_cut(paras), menus=fmt != "html")
    runs = split_articles(units)
    if not runs:  # a short note rather than a page: all its text is the article
        rest = boilerplate.cut_tail(units)
        runs = [rest] if any(u.label == TEXT for u in rest) else []
    if not runs:
        raise InputError(label, "no article text found (only page furniture or markup)")
    articles = []
    for n, run in enumerate(runs):
        rough = "\n\n".join(u.text for u in run if u.label == TEXT)
        if fmt == "html":
            header = _html_header(run, hints)
        else:
            header = read_header(run, rough, first_on_page=(n == 0))
            if fmt == "pdf" and header.title is None and not _is_filename(hints.get("title")):
                header.title = hints["title"]
            if fmt == "pdf" and header.author is None and hints.get("author"):
                header.author = hints["author"]
            if fmt == "markdown":
                header.title = hints.get("title") or header.title
                header.author = normalise_author(hints.get("author") or "") or header.author
                header.published = parse_date(hints.get("date") or "") or header.published
        body, notes_here = _article(run, header, notes)
        if not body.strip():
            continue
        if len(runs) == 1:  # notes that no marker points to still belong to the one article
            marked = {f.marker for f in notes_here}
            notes_here += [
                Footnote(marker=m if not m.startswith("ref") else "", text=t)
                for m, t in notes.items()
                if m not in marked
            ]
        h = content_hash(body)
        art_meta = {k: v for k, v in meta.items() if v is not None}
        if header.page_date:
            art_meta["page_date"] = header.page_date
        art_meta["minhash"] = minhash_signature(body)
        articles.append(
            Document(
                id="d:" + h[:20],
                source=source,
                text=body,
                title=header.title,
                author=header.author,
                published=header.published,
                kind="article",
                content_hash=h,
                footnotes=tuple(notes_here),
                meta=art_meta,
            )
        )
    if not articles:
        raise InputError(label, "no article text found (only page furniture or markup)")
    unique = list({d.id: d for d in articles}.values())
    if len(unique) == 1:
        return unique
    page_meta = {k: v for k, v in meta.items() if v is not None}
    page_meta["articles"] = len(unique)
    page = Document(
        id="d:" + page_hash[:20],
        source=source,
        text="",
        kind="page",
        content_hash=page_hash,
        meta=page_meta,
    )
    return [page] + [replace(d, parent=page.id) for d in unique]
