"""Reads documents into Extractions: entities and mentions here, then relations, events and
quotes from the stages that read the same processed Doc.

One bad document never stops a batch: its failure is logged with the document id and it
gets an empty Extraction. Documents come back in input order, also with several processes.
"""
from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from spacy.tokens import Doc

from crossroads import model
from crossroads.extraction import windows
from crossroads.extraction.entities import entities_of, mentions_of
from crossroads.extraction.nlp import build_nlp
from crossroads.pack import Pack, load_pack

__all__ = ["Extractor"]

log = logging.getLogger(__name__)

_READERS = (("relations", "crossroads.extraction.relations", "read_relations"),
            ("events", "crossroads.extraction.events", "read_events"),
            ("quotes", "crossroads.extraction.quotes", "read_quotes"))


def _skip_failed(proc_name: str, proc: object, docs: list[Doc], e: Exception) -> None:
    """spaCy error handler: log the document and go on (module level so workers can pickle it)."""
    ids = [d._.doc_id for d in docs if d is not None]
    log.error("extraction failed in %s for %s: %s", proc_name, ids, e)


def _readers() -> dict[str, Callable[[Doc], list]]:
    """The relation/event/quote readers that exist so far (another stage writes them)."""
    out = {}
    for field, module, func in _READERS:
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name != module:
                raise
            continue
        out[field] = getattr(mod, func)
    return out


def _reason(e: Exception) -> str:
    """An exception as one short line for the ingest summary."""
    text = " ".join(str(e).split())
    return f"{type(e).__name__}: {text[:200]}" if text else type(e).__name__


class Extractor:
    """Runs the crossroads pipeline over documents."""

    def __init__(self, pack: Pack | None = None, model: str | None = None,
                 processes: int = 1, batch_size: int = 16) -> None:
        self.pack = pack if pack is not None else load_pack()
        self.nlp = build_nlp(self.pack, model)
        # our components and worker processes report failures here instead of raising;
        # (nlp.set_error_handler is not used: spaCy's parser does not support it)
        self.nlp.default_error_handler = _skip_failed
        self.processes = processes if processes > 0 else (os.cpu_count() or 1)
        self.batch_size = batch_size
        self.readers = _readers()
        self._learned()
        self.failures: dict[str, str] = {}
        """Documents whose extraction failed, with the reason; the ingest counts them failed."""

    def _learned(self) -> None:
        """The rule readers of relations and events, weighed by the shipped models (a reader
        put in their place, by a test or a plugin, is kept as it is)."""
        from crossroads.extraction.events import read_events
        from crossroads.extraction.relations import read_relations
        from crossroads.learn.events import EventReader
        from crossroads.learn.reader import RelationReader
        if self.readers.get("relations") is read_relations:
            self.readers["relations"] = RelationReader(self.pack)
        if self.readers.get("events") is read_events:
            self.readers["events"] = EventReader()

    def extract(self, doc: model.Document) -> model.Extraction:
        """Everything read from one document."""
        return next(self._run([doc], 1))

    def extract_many(self, docs: Iterable[model.Document]) -> Iterator[model.Extraction]:
        """Extractions of ``docs`` in input order (``processes`` worker processes)."""
        docs = iter(docs)
        while chunk := list(islice(docs, 1024)):
            yield from self._run(chunk, self.processes)

    # -- internals -------------------------------------------------------------------------
    def _make_doc(self, i: int, doc: model.Document) -> Doc | None:
        try:
            if not doc.text.strip():
                return None
            sdoc = self.nlp.make_doc(doc.text)
        except Exception as e:  # noqa: BLE001  (any failure: skip this document only)
            log.error("extraction failed for %s: %s", doc.id, e)
            self.failures[doc.id] = f"extraction failed: {_reason(e)}"
            return None
        sdoc._.doc_id = doc.id
        sdoc._.published = doc.published
        sdoc._context = i
        return sdoc

    def parse(self, docs: Iterable[model.Document]) -> Iterator[Doc]:
        """The processed Doc of each document, in input order (an unparsed one where reading
        failed), for what learns from the same Docs the readers read (``crossroads train``)."""
        docs = iter(docs)
        while chunk := list(islice(docs, 1024)):
            todo = [d for i, doc in enumerate(chunk) if (d := self._make_doc(i, doc)) is not None]
            done = {d._context: d for d in self.nlp.pipe(
                todo, batch_size=self.batch_size, n_process=self.processes if len(todo) > 1 else 1)}
            for i, doc in enumerate(chunk):
                yield done.get(i) or self.nlp.make_doc(doc.text)

    def _run(self, chunk: list[model.Document], processes: int) -> Iterator[model.Extraction]:
        # long documents are read in overlapping windows (see windows.py)
        return windows.run(chunk, lambda parts: self._run_parts(parts, processes),
                           size=min(windows.WINDOW_CHARS, self.nlp.max_length))

    def _run_parts(self, chunk: list[model.Document], processes: int) -> Iterator[model.Extraction]:
        todo = []
        for i, doc in enumerate(chunk):
            if (sdoc := self._make_doc(i, doc)) is not None:
                todo.append(sdoc)
        n_process = processes if len(todo) > 1 else 1
        done: dict[int, model.Extraction] = {}
        try:  # each doc is read as it arrives, while the workers parse the next ones
            for sdoc in self.nlp.pipe(todo, batch_size=self.batch_size, n_process=n_process):
                done[sdoc._context] = self._extraction(chunk[sdoc._context], sdoc)
        except Exception as e:  # noqa: BLE001  (a batch broke: retry its documents alone)
            log.error("extraction batch failed, retrying its documents one by one: %s", e)
        for i, doc in enumerate(chunk):  # documents a failure dropped: one more try alone
            if i not in done and any(t._context == i for t in todo):
                sdoc = self._make_doc(i, doc)
                try:
                    if sdoc is not None:
                        done[i] = self._extraction(doc, self.nlp(sdoc))
                except Exception as e:  # noqa: BLE001  (isolate one document)
                    log.error("extraction failed for %s: %s", doc.id, e)
                    self.failures[doc.id] = f"extraction failed: {_reason(e)}"
        for i, doc in enumerate(chunk):
            yield done[i] if i in done else model.Extraction(doc.id)

    def _extraction(self, doc: model.Document, sdoc: Doc) -> model.Extraction:
        try:
            out = model.Extraction(doc.id, entities=entities_of(sdoc),
                                   mentions=mentions_of(sdoc, doc.id))
            for field, reader in self.readers.items():
                setattr(out, field, list(reader(sdoc)))
            return out
        except Exception as e:
            log.exception("extraction failed for %s", doc.id)
            self.failures[doc.id] = f"extraction failed: {_reason(e)}"
            return model.Extraction(doc.id)
