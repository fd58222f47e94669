"""The ingest run: inputs -> documents -> dedup -> extraction -> store, one file at a time.

Why this order: duplicates are found before any NLP runs, so re-ingesting an unchanged
folder costs a hash per file and no extraction (a file whose bytes were stored before is
not even read); every file (a page and its articles, with all that was read from them) is
written in one transaction, so a failure never leaves half a file behind.

Files stream through: while the extraction workers read the documents of some files, this
process reads the next files and stores the finished ones, in input order. Near-duplicates
are looked up in the store by index (store/near_duplicates.py), so start-up does not grow
with the store.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from crossroads.exc import InputError
from crossroads.ingest import dedup, readers
from crossroads.ingest.variants import VariantResolver
from crossroads.ingest.worker import ReaderProcess, forked_children_die_with_parent
from crossroads.model import Document, Extraction, IngestReport
from crossroads.store.base import Store

log = logging.getLogger(__name__)

STDIN = "-"
NOT_STORED = "not stored"
"""Starts the reason of a file the store failed to write (as opposed to one not readable)."""

Progress = Callable[[int, int, str], None]


@dataclass
class _Loaded:
    """One input after reading: its documents and what dedup decided for each."""

    name: str
    docs: list[Document] = field(default_factory=list)
    to_extract: list[Document] = field(default_factory=list)
    status: str = "new"  # new | duplicate | near_duplicate
    file_hash: str | None = None
    """SHA1 of the input's bytes, remembered by the store once the file is stored."""
    known: str | None = None
    """A stored document this input repeats (when it is a duplicate)."""


def expand_inputs(inputs: Iterable[str]) -> tuple[list[str | Path], list[str]]:
    """Files to read, in order, and one error line for each input that cannot be listed."""
    out: list[str | Path] = []
    errors: list[str] = []
    for item in inputs:
        if item == STDIN:
            out.append(STDIN)
            continue
        path = Path(item)
        if not path.exists():
            errors.append(f"{item}: no such file or folder")
            continue
        try:
            out.extend(readers.iter_inputs([item]))
        except OSError as exc:
            errors.append(f"{item}: cannot list ({exc.strerror or exc})")
    return out, errors


def _file_hash(path: Path) -> str | None:
    """SHA1 of a file's bytes (None if it cannot be read: its reader says why)."""
    h = hashlib.sha1()
    try:
        with path.open("rb") as f:
            while block := f.read(1 << 20):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


class Ingest:
    """Reads inputs into a store. ``extractor`` is built only when something new needs it."""

    def __init__(
        self,
        store: Store,
        extractor_factory: Callable[[], Any] | None,
        max_bytes: int,
        near_dup_threshold: float = 0.8,
        batch_files: int = 32,
        read_timeout: float = 0,
    ) -> None:
        """``read_timeout``: seconds one file's reading may take, in a child process that is
        killed when it overruns (0: read in this process, with no limit). ``batch_files``:
        documents sent at once to an extractor that cannot take a stream (a Dask cluster)."""
        self.store = store
        self.read_timeout = read_timeout
        self._reader: ReaderProcess | None = None
        self._extractor_factory = extractor_factory
        self._extractor: Any = None
        self.max_bytes = max_bytes
        self.batch_files = batch_files
        self.threshold = near_dup_threshold
        self._near = dedup.NearDuplicateIndex(threshold=near_dup_threshold)
        """Articles of this run (the store's are looked up in the store)."""
        self._seen_hashes: set[str] = set()
        self._variants = VariantResolver(store)
        self._queue: deque[_Loaded] = deque()
        """Inputs read, waiting (in input order) for their documents' extractions."""
        self._got: dict[str, Extraction] = {}
        self._done, self._total = 0, 0
        self._progress: Progress | None = None
        self.failed_inputs: dict[str, str] = {}
        """Input -> reason, for each input of the last run that failed (see failed.py)."""
        self.ok_inputs: set[str] = set()
        """Inputs of the last run that are now stored (or were already)."""

    # -- reading and dedup -------------------------------------------------------------
    def _load(self, item: str | Path) -> _Loaded:
        assert self._reader is not None
        data = sys.stdin.buffer.read() if item == STDIN else b""
        loaded = _Loaded(
            name="stdin" if item == STDIN else str(item),
            file_hash=hashlib.sha1(data).hexdigest() if item == STDIN else _file_hash(Path(item)),
        )
        if loaded.file_hash and self.store.file_stored(loaded.file_hash):  # unchanged: unread
            loaded.status = "duplicate"
            return loaded
        docs = (
            self._reader.load_bytes(data, "stdin", self.max_bytes)
            if item == STDIN
            else self._reader.load_path(Path(item), self.max_bytes)
        )
        articles = [d for d in docs if d.kind != "page"]
        known = []
        for d in articles:
            if d.content_hash in self._seen_hashes:
                known.append(d)
            elif (stored := self.store.document_by_hash(d.content_hash)) is not None:
                known.append(d)
                loaded.known = loaded.known or stored.id
        if articles and len(known) == len(articles):
            loaded.status = "duplicate"
            return loaded
        known_ids = {d.id for d in known}
        near_any = False
        for d in docs:
            if d.id in known_ids:
                continue
            if d.kind != "page":
                sig = d.meta.get("minhash")
                original = self._near_original(sig) if sig else None
                if original and original != d.id:
                    d = dataclasses.replace(d, duplicate_of=original)
                    near_any = True
                else:
                    loaded.to_extract.append(d)
                    if sig:
                        self._near.add(d.id, sig)
                self._seen_hashes.add(d.content_hash)
            loaded.docs.append(d)
        if near_any and not loaded.to_extract:
            loaded.status = "near_duplicate"
        return loaded

    def _near_original(self, sig: bytes) -> str | None:
        """The stored or earlier article ``sig`` nearly repeats (the most similar), if any."""
        best, best_sim = self._near.find_scored(sig)
        for doc_id, other in self.store.near_duplicate_candidates(sig):
            sim = dedup.similarity(sig, other)
            if sim >= self.threshold and (best is None or sim > best_sim):
                best, best_sim = doc_id, sim
        return best

    def _loaded(self, items: list[str | Path], report: IngestReport) -> Iterator[Document]:
        """The documents to extract, input by input, as the extractor asks for them; each
        input read joins the queue of inputs that are stored in order."""
        for item in items:
            try:
                loaded = self._load(item)
            except InputError as exc:
                report.failed += 1
                report.errors.append(str(exc))
                self.failed_inputs[str(item)] = exc.reason
                continue
            except OSError as exc:
                report.failed += 1
                report.errors.append(f"{item}: cannot read ({exc.strerror or exc})")
                self.failed_inputs[str(item)] = f"cannot read ({exc.strerror or exc})"
                continue
            self._queue.append(loaded)
            self._store_ready(report)
            yield from loaded.to_extract

    # -- extraction ----------------------------------------------------------------------
    def _extract(self, docs: Iterator[Document]) -> Iterator[Extraction]:
        first = next(docs, None)  # files are read until one has something new
        if first is None:
            return
        docs = chain([first], docs)
        if self._extractor is None:
            if self._extractor_factory is None:
                yield from (Extraction(doc=d.id) for d in docs)
                return
            self._extractor = self._extractor_factory()
        if getattr(self._extractor, "takes_streams", False):
            yield from self._extractor.extract_many(docs)
            return
        while batch := list(islice(docs, self.batch_files)):
            yield from self._extractor.extract_many(batch)

    # -- the run -------------------------------------------------------------------------
    def run(self, inputs: Iterable[str], progress: Progress | None = None) -> IngestReport:
        """Ingest every input; errors are collected per input, never raised."""
        started = time.perf_counter()
        self._reader = ReaderProcess(self.read_timeout)
        try:
            return self._run(inputs, progress, started)
        finally:
            self._reader.close()
            if hasattr(self._extractor, "takes_streams"):  # our pool: its run is over
                self._extractor.close()

    def _run(
        self, inputs: Iterable[str], progress: Progress | None, started: float
    ) -> IngestReport:
        report = IngestReport()
        items, errors = expand_inputs(inputs)
        report.failed += len(errors)
        report.errors.extend(errors)
        self._queue.clear()
        self._got.clear()
        self._done, self._total, self._progress = 0, len(items), progress
        for x in self._extract(self._loaded(items, report)):
            self._got[x.doc] = x
            self._store_ready(report)
        self._store_ready(report, last=True)
        report.seconds = time.perf_counter() - started
        return report

    def _failures(self) -> dict[str, str]:
        # an extractor names the documents it could not read (on a cluster: whole batches)
        return getattr(self._extractor, "failures", None) or {}

    def _store_ready(self, report: IngestReport, last: bool = False) -> None:
        """Store the inputs at the head of the queue whose documents are all read."""
        failures = self._failures()
        while self._queue:
            lo = self._queue[0]
            if not last and not all(d.id in self._got or d.id in failures for d in lo.to_extract):
                return
            self._queue.popleft()
            self._store(lo, report, failures)
            for d in lo.to_extract:
                self._got.pop(d.id, None)
            self._done += 1
            if self._progress:
                self._progress(self._done, self._total, lo.name)

    def _store(self, lo: _Loaded, report: IngestReport, failures: dict[str, str]) -> None:
        report.read += 1
        failed = [d for d in lo.to_extract if d.id in failures]
        if lo.status == "duplicate":
            report.duplicate += 1
            self.ok_inputs.add(lo.name)
            if lo.file_hash and lo.known:
                self._remember(lo.file_hash, lo.known)
        elif failed:  # not stored, so that the next run reads it again
            report.failed += 1
            reasons = [f"{d.id}: {failures.pop(d.id)}" for d in failed]
            report.errors.extend(f"{lo.name}: {r}" for r in reasons)
            self.failed_inputs[lo.name] = "; ".join(reasons)
            self._seen_hashes.difference_update(d.content_hash for d in lo.docs)
        elif lo.docs:
            try:
                read = [
                    self._variants.resolve(self._got[d.id])
                    for d in lo.to_extract
                    if d.id in self._got
                ]
                stored = set(self.store.add_documents(lo.docs, read))
            except Exception as exc:  # the store rolled back this file; go on
                log.exception("storing %s failed", lo.name)
                report.failed += 1
                report.errors.append(f"{lo.name}: {NOT_STORED} ({exc})")
                self.failed_inputs[lo.name] = NOT_STORED
                return
            self.ok_inputs.add(lo.name)
            articles = [d.id for d in lo.docs if d.kind != "page" and d.id in stored]
            if not articles:  # another ingest stored the same articles first
                report.duplicate += 1
            elif lo.status == "near_duplicate":
                report.near_duplicate += 1
            else:
                report.new += 1
            report.documents.extend(articles)
            if lo.file_hash and stored:
                self._remember(lo.file_hash, next(d.id for d in lo.docs if d.id in stored))

    def _remember(self, file_hash: str, doc_id: str) -> None:
        try:
            self.store.remember_file(file_hash, doc_id)
        except Exception:  # only a later run's shortcut is lost: it reads the file again
            log.exception("could not remember the stored file %s", file_hash)


def default_extractor_factory(
    packs: Iterable[str] = (), processes: int | None = None
) -> Callable[[], Any]:
    """A factory for the full extraction pipeline (spaCy and the pack load lazily)."""

    def make() -> Any:
        from crossroads import settings
        from crossroads.extraction.extractor import Extractor
        from crossroads.pack import load_pack

        pack = load_pack(packs)
        forked_children_die_with_parent()  # spaCy's worker processes end with this one
        n = processes if processes is not None else int(settings.get("processes"))
        n = n or os.cpu_count() or 1
        return Extractor(pack=pack, processes=n, batch_size=int(settings.get("batch_size")))

    return make


def dask_extractor_factory(
    address: str,
    packs: Iterable[str] = (),
    model: str | None = None,
    connect_timeout: float | None = None,
) -> Callable[[], Any]:
    """A factory for extraction on the Dask scheduler at ``address`` (see docs/distributed.md).

    The product connects when called and raises ClusterError naming the address if the
    scheduler does not answer; close() it when the run is over.
    """

    def make() -> Any:
        from crossroads.ingest.distributed import CONNECT_TIMEOUT, DaskExtractor

        return DaskExtractor(
            address,
            packs,
            model_name=model,
            connect_timeout=CONNECT_TIMEOUT if connect_timeout is None else connect_timeout,
        )

    return make
