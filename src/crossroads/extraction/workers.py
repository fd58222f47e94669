"""One long-lived pool of extraction processes for a whole run.

Why: spaCy's ``nlp.pipe(n_process=N)`` starts N new processes on every call, and the
readers of relations, events and quotes then ran in the parent alone; an ingest that
called it per batch of files spent its time starting workers and waiting on one core.
Here the workers start once (forked from the process that built the Extractor, so each
inherits the loaded pipeline and learned models instead of loading them again), each runs
the whole pipeline, readings included, on a batch of documents, and sends back plain
Extraction records. A few batches per worker stay queued so none waits for the parent.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from crossroads import model

if TYPE_CHECKING:
    from crossroads.extraction.extractor import Extractor

__all__ = ["Workers"]

log = logging.getLogger(__name__)

QUEUED_PER_WORKER = 2
"""Batches sent ahead per worker: one being read, one waiting, so none idles between them."""

WARM_UP = "Tajikistan's president said on Monday that the border with Uzbekistan is open."

Result = tuple[list[model.Extraction], dict[str, str]]

_extractor: Extractor | None = None
"""The Extractor of this process (in a worker: the parent's, inherited at fork)."""


def _start_worker(args: tuple[Any, ...] | None) -> None:
    """In a new worker: Ctrl-C is the parent's to handle; without fork, build the pipeline."""
    global _extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if args is not None:
        from crossroads.extraction.extractor import Extractor

        pack, model_name, batch_size = args
        _extractor = Extractor(pack=pack, model=model_name, processes=1, batch_size=batch_size)


def _read(docs: list[model.Document]) -> Result:
    """In a worker: the Extractions of ``docs`` in order, and the failures among them."""
    assert _extractor is not None
    out = list(_extractor.extract_here(docs))
    failed = {d.id: _extractor.failures.pop(d.id) for d in docs if d.id in _extractor.failures}
    return out, failed


class Workers:
    """``processes`` worker processes reading batches for ``extractor``, started on first use."""

    def __init__(self, extractor: Extractor, processes: int) -> None:
        self.extractor = extractor
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        global _extractor
        args: tuple[Any, ...] | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            # one short read first, so what loads on first use (lexicons, learned models)
            # is loaded here once and inherited, not loaded again by every worker
            list(self.extractor.extract_here([model.Document("d:warm-up", "warm-up", WARM_UP)]))
            _extractor = self.extractor
            method = "fork"
        else:  # each worker builds its own pipeline once
            ex = self.extractor
            method, args = "spawn", (ex.pack, ex.model_name, ex.batch_size)
        return ProcessPoolExecutor(
            self.processes,
            mp_context=multiprocessing.get_context(method),
            initializer=_start_worker,
            initargs=(args,),
        )

    def map(self, batches: Iterable[list[model.Document]]) -> Iterator[Result]:
        """Each batch's Extractions and failures, in input order; batches are taken from
        ``batches`` only as workers can use them. A batch whose worker died comes back
        as empty Extractions, each of its documents failed."""
        queued: deque[tuple[list[model.Document], Future[Result]]] = deque()
        for batch in batches:
            queued.append((batch, self._submit(batch)))
            if len(queued) >= self.processes * QUEUED_PER_WORKER:
                yield self._collect(*queued.popleft())
        while queued:
            yield self._collect(*queued.popleft())

    def _submit(self, batch: list[model.Document]) -> Future[Result]:
        if self._pool is None:
            self._pool = self._start()
        try:
            return self._pool.submit(_read, batch)
        except BrokenProcessPool:  # a worker died since: start a fresh pool for the rest
            self.close()
            self._pool = self._start()
            return self._pool.submit(_read, batch)

    def _collect(self, batch: list[model.Document], future: Future[Result]) -> Result:
        try:
            return future.result()
        except BrokenProcessPool:
            log.error("an extraction worker died; %d document(s) of its batch failed", len(batch))
            reason = "extraction failed: its worker process died (out of memory?)"
            return [model.Extraction(d.id) for d in batch], {d.id: reason for d in batch}

    def close(self) -> None:
        """Stop the workers (a later batch starts new ones)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
