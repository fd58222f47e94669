"""Reads documents into Extractions with one spaCy pipeline: entities and mentions, then
relations, events and quotes from the reading components at its end (components/readings.py).

One bad document never stops a batch: its failure is logged with the document id and it
gets an empty Extraction. Documents come back in input order, also with several processes,
which are one long-lived pool per Extractor (workers.py), each running the whole pipeline.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice

from spacy.tokens import Doc

from crossroads import model
from crossroads.extraction import windows
from crossroads.extraction.components import READINGS, REVIEW
from crossroads.extraction.components.readings import FIELDS, Reader, Reading
from crossroads.extraction.entities import entities_of, mentions_of
from crossroads.extraction.nlp import build_nlp
from crossroads.extraction.workers import Workers
from crossroads.pack import Pack, load_pack

__all__ = ["Extractor"]

log = logging.getLogger(__name__)

BATCH_CHARS = 20_000
"""Characters of text per batch a worker reads (about a second of work): big enough that
sending it costs little, small enough that the workers share a run evenly."""
BATCH_DOCS = 64
"""Most documents per worker batch (many short ones)."""


_FAILED = "crossroads.failed"
"""user_data key of a Doc a component failed on: the reason (the document then fails)."""


def _skip_failed(proc_name: str, proc: object, docs: list[Doc], e: Exception) -> None:
    """spaCy error handler: log the document, mark it failed and go on (module level so
    workers can pickle it)."""
    ids = [d._.doc_id for d in docs if d is not None]
    log.error("extraction failed in %s for %s: %s", proc_name, ids, e)
    for d in docs:
        if d is not None:
            d.user_data.setdefault(_FAILED, _reason(e))


def _readers() -> dict[str, Reader]:
    """The rule readers of relations, events and quotes (the reading components' defaults)."""
    from crossroads.extraction.events import read_events
    from crossroads.extraction.quotes import read_quotes
    from crossroads.extraction.relations import read_relations

    return {"relations": read_relations, "events": read_events, "quotes": read_quotes}


def _reason(e: Exception) -> str:
    """An exception as one short line for the ingest summary."""
    text = " ".join(str(e).split())
    return f"{type(e).__name__}: {text[:200]}" if text else type(e).__name__


def _batches(docs: Iterator[model.Document]) -> Iterator[list[model.Document]]:
    """``docs`` in batches of about BATCH_CHARS characters, taken lazily."""
    batch: list[model.Document] = []
    chars = 0
    for d in docs:
        batch.append(d)
        chars += len(d.text or "")
        if chars >= BATCH_CHARS or len(batch) >= BATCH_DOCS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


class Extractor:
    """Runs the crossroads pipeline over documents."""

    takes_streams = True
    """extract_many takes its documents lazily (an ingest streams files through it)."""

    def __init__(
        self,
        pack: Pack | None = None,
        model: str | None = None,
        processes: int = 1,
        batch_size: int = 16,
    ) -> None:
        self.pack = pack if pack is not None else load_pack()
        self.model_name = model
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
        self._workers = Workers(self, self.processes) if self.processes > 1 else None

    @property
    def readers(self) -> dict[str, Reader]:
        """The reader of each reading component that has one ({field: reader}); a copy:
        assign a dict to swap them."""
        return {pipe.field: pipe.reader for pipe in self._readings() if pipe.reader is not None}

    @readers.setter
    def readers(self, readers: dict[str, Reader]) -> None:
        """Swap the readers: a field left out is not read (before the workers start)."""
        for pipe in self._readings():
            pipe.reader = readers.get(pipe.field)

    def _readings(self) -> list[Reading]:
        return [
            pipe
            for name in READINGS
            if name in self.nlp.pipe_names
            if isinstance(pipe := self.nlp.get_pipe(name), Reading)
        ]

    def _learned(self) -> None:
        """The rule readers of relations, events and quotes, weighed by the shipped models (a
        reader put in their place, by a test or a plugin, is kept as it is)."""
        from crossroads.extraction.events import read_events
        from crossroads.extraction.quotes import read_quotes
        from crossroads.extraction.relations import read_relations
        from crossroads.learn.events import EventReader
        from crossroads.learn.quotes import QuoteReader
        from crossroads.learn.reader import RelationReader

        readers = self.readers
        if readers.get("relations") is read_relations:
            readers["relations"] = RelationReader(self.pack)
        if readers.get("events") is read_events:
            readers["events"] = EventReader()
        if readers.get("quotes") is read_quotes:
            readers["quotes"] = QuoteReader()
        self.readers = readers

    def extract(self, doc: model.Document) -> model.Extraction:
        """Everything read from one document."""
        return next(self._run([doc]))

    def extract_many(self, docs: Iterable[model.Document]) -> Iterator[model.Extraction]:
        """Extractions of ``docs`` in input order, on ``processes`` worker processes; ``docs``
        is taken lazily, as the workers can use it."""
        if self._workers is None:
            return self.extract_here(docs)
        return _in_windows(
            iter(docs), self._on_workers, min(windows.WINDOW_CHARS, self.nlp.max_length)
        )

    def extract_here(self, docs: Iterable[model.Document]) -> Iterator[model.Extraction]:
        """Extractions of ``docs`` in input order, read in this process."""
        docs = iter(docs)
        while chunk := list(islice(docs, BATCH_DOCS)):
            yield from self._run(chunk)

    def close(self) -> None:
        """Stop the worker processes (the next extract_many starts new ones)."""
        if self._workers is not None:
            self._workers.close()

    def _on_workers(self, parts: Iterator[model.Document]) -> Iterator[model.Extraction]:
        assert self._workers is not None
        batches = _batches(parts)
        ahead = list(islice(batches, 2))
        if len(ahead) < 2:  # one batch (a file or two): not worth starting the workers
            yield from (x for batch in ahead for x in self.extract_here(batch))
            return
        for out, failed in self._workers.map(chain(ahead, batches)):
            self.failures.update(failed)
            yield from out

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
        failed), for what learns from the same Docs the readers read (``crossroads train``):
        entities as the rules found them, before the learned review."""
        docs = iter(docs)
        while chunk := list(islice(docs, 1024)):
            todo = [d for i, doc in enumerate(chunk) if (d := self._make_doc(i, doc)) is not None]
            off = [n for n in (*READINGS, REVIEW) if n in self.nlp.pipe_names]
            with self.nlp.select_pipes(disable=off):
                done = {
                    d._context: d
                    for d in self.nlp.pipe(
                        todo,
                        batch_size=self.batch_size,
                        n_process=self.processes if len(todo) > 1 else 1,
                    )
                }
            for i, doc in enumerate(chunk):
                yield done.get(i) or self.nlp.make_doc(doc.text)

    def _run(self, chunk: list[model.Document]) -> Iterator[model.Extraction]:
        # long documents are read in overlapping windows (see windows.py)
        return windows.run(
            chunk, self._run_parts, size=min(windows.WINDOW_CHARS, self.nlp.max_length)
        )

    def _run_parts(self, chunk: list[model.Document]) -> Iterator[model.Extraction]:
        todo = []
        for i, doc in enumerate(chunk):
            if (sdoc := self._make_doc(i, doc)) is not None:
                todo.append(sdoc)
        done: dict[int, model.Extraction] = {}
        try:
            for sdoc in self.nlp.pipe(todo, batch_size=self.batch_size):
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
        if (why := sdoc.user_data.get(_FAILED)) is not None:
            self.failures[doc.id] = f"extraction failed: {why}"
            return model.Extraction(doc.id)
        try:
            out = model.Extraction(
                doc.id, entities=entities_of(sdoc), mentions=mentions_of(sdoc, doc.id)
            )
            for field in FIELDS:
                setattr(out, field, list(getattr(sdoc._, field) or ()))
            return out
        except Exception as e:
            log.exception("extraction failed for %s", doc.id)
            self.failures[doc.id] = f"extraction failed: {_reason(e)}"
            return model.Extraction(doc.id)


def _in_windows(
    docs: Iterator[model.Document],
    extract: Callable[[Iterator[model.Document]], Iterator[model.Extraction]],
    size: int,
) -> Iterator[model.Extraction]:
    """windows.run for a stream: long documents go to ``extract`` as windows (which the
    workers then share) and come back merged, in input order."""
    plans: deque[tuple[model.Document, list[windows.Window]]] = deque()

    def parts() -> Iterator[model.Document]:
        for d in docs:
            ws = windows.split(d.text, size)
            plans.append((d, ws))
            if len(ws) == 1:
                yield d
            else:
                yield from (dataclasses.replace(d, text=d.text[w.start : w.end]) for w in ws)

    results = extract(parts())
    for first in results:
        d, ws = plans.popleft()
        if len(ws) == 1:
            yield first
            continue
        got = [first, *(next(results) for _ in ws[1:])]
        yield windows._merge(d.id, [windows._shift(x, w) for x, w in zip(got, ws, strict=True)])
