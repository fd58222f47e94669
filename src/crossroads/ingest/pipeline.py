"""The ingest run: inputs -> documents -> dedup -> extraction -> store, one file at a time.

Why this order: duplicates are found before any NLP runs, so re-ingesting an unchanged
folder costs a hash per file and no extraction; every file (a page and its articles, with
all that was read from them) is written in one transaction, so a failure never leaves
half a file behind.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class _Loaded:
    """One input after reading: its documents and what dedup decided for each."""
    name: str
    docs: list[Document] = field(default_factory=list)
    to_extract: list[Document] = field(default_factory=list)
    status: str = "new"  # new | duplicate | near_duplicate


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


class Ingest:
    """Reads inputs into a store. ``extractor`` is built only when something new needs it."""

    def __init__(self, store: Store, extractor_factory: Callable[[], object] | None,
                 max_bytes: int, near_dup_threshold: float = 0.8,
                 batch_files: int = 32, read_timeout: float = 0) -> None:
        """``read_timeout``: seconds one file's reading may take, in a child process that is
        killed when it overruns (0: read in this process, with no limit)."""
        self.store = store
        self.read_timeout = read_timeout
        self._reader: ReaderProcess | None = None
        self._extractor_factory = extractor_factory
        self._extractor = None
        self.max_bytes = max_bytes
        self.batch_files = batch_files
        self._near = dedup.NearDuplicateIndex(threshold=near_dup_threshold)
        for doc_id, sig in store.minhashes():
            self._near.add(doc_id, sig)
        self._seen_hashes: set[str] = set()
        self._variants = VariantResolver(store)
        self.failed_inputs: dict[str, str] = {}
        """Input -> reason, for each input of the last run that failed (see failed.py)."""
        self.ok_inputs: set[str] = set()
        """Inputs of the last run that are now stored (or were already)."""

    # -- reading and dedup -------------------------------------------------------------
    def _load(self, item: str | Path) -> _Loaded:
        if item == STDIN:
            data = sys.stdin.buffer.read()
            docs = self._reader.load_bytes(data, "stdin", self.max_bytes)
            name = "stdin"
        else:
            docs = self._reader.load_path(Path(item), self.max_bytes)
            name = str(item)
        loaded = _Loaded(name=name)
        articles = [d for d in docs if d.kind != "page"]
        known = [d for d in articles
                 if d.content_hash in self._seen_hashes or self.store.document_by_hash(d.content_hash)]
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
                original = self._near.find(sig) if sig else None
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

    # -- extraction ----------------------------------------------------------------------
    def _extract(self, docs: list[Document]) -> Iterator[Extraction]:
        if not docs:
            return iter(())
        if self._extractor is None:
            if self._extractor_factory is None:
                return iter(Extraction(doc=d.id) for d in docs)
            self._extractor = self._extractor_factory()
        return self._extractor.extract_many(docs)

    # -- the run -------------------------------------------------------------------------
    def run(self, inputs: Iterable[str], progress: Callable[[int, int, str], None] | None = None
            ) -> IngestReport:
        """Ingest every input; errors are collected per input, never raised."""
        started = time.perf_counter()
        self._reader = ReaderProcess(self.read_timeout)
        try:
            return self._run(inputs, progress, started)
        finally:
            self._reader.close()

    def _run(self, inputs: Iterable[str], progress: Callable[[int, int, str], None] | None,
             started: float) -> IngestReport:
        report = IngestReport()
        items, errors = expand_inputs(inputs)
        report.failed += len(errors)
        report.errors.extend(errors)
        total = len(items)
        done = 0
        for i in range(0, total, self.batch_files):
            chunk = items[i:i + self.batch_files]
            loaded: list[_Loaded] = []
            for item in chunk:
                try:
                    loaded.append(self._load(item))
                except InputError as exc:
                    report.failed += 1
                    report.errors.append(str(exc))
                    self.failed_inputs[str(item)] = exc.reason
                except OSError as exc:
                    report.failed += 1
                    report.errors.append(f"{item}: cannot read ({exc.strerror or exc})")
                    self.failed_inputs[str(item)] = f"cannot read ({exc.strerror or exc})"
            to_extract = [d for lo in loaded for d in lo.to_extract]
            extractions = {x.doc: x for x in self._extract(to_extract)}
            # an extractor on a cluster names documents whose batch failed there
            failures: dict[str, str] = getattr(self._extractor, "failures", None) or {}
            for lo in loaded:
                report.read += 1
                failed = [d for d in lo.to_extract if d.id in failures]
                if lo.status == "duplicate":
                    report.duplicate += 1
                    self.ok_inputs.add(lo.name)
                elif failed:  # not stored, so that the next run reads it again
                    report.failed += 1
                    reasons = [f"{d.id}: {failures.pop(d.id)}" for d in failed]
                    report.errors.extend(f"{lo.name}: {r}" for r in reasons)
                    self.failed_inputs[lo.name] = "; ".join(reasons)
                    self._seen_hashes.difference_update(d.content_hash for d in lo.docs)
                elif lo.docs:
                    try:
                        read = [self._variants.resolve(extractions[d.id])
                                for d in lo.to_extract if d.id in extractions]
                        stored = set(self.store.add_documents(lo.docs, read))
                    except Exception as exc:  # the store rolled back this file; go on
                        log.exception("storing %s failed", lo.name)
                        report.failed += 1
                        report.errors.append(f"{lo.name}: {NOT_STORED} ({exc})")
                        self.failed_inputs[lo.name] = NOT_STORED
                        continue
                    self.ok_inputs.add(lo.name)
                    articles = [d.id for d in lo.docs if d.kind != "page" and d.id in stored]
                    if not articles:    # another ingest stored the same articles first
                        report.duplicate += 1
                    elif lo.status == "near_duplicate":
                        report.near_duplicate += 1
                    else:
                        report.new += 1
                    report.documents.extend(articles)
                done += 1
                if progress:
                    progress(done, total, lo.name)
        report.seconds = time.perf_counter() - started
        return report


def default_extractor_factory(packs: Iterable[str] = (), processes: int | None = None):
    """A factory for the full extraction pipeline (spaCy and the pack load lazily)."""
    def make():
        from crossroads import settings
        from crossroads.extraction.extractor import Extractor
        from crossroads.pack import load_pack
        pack = load_pack(packs)
        forked_children_die_with_parent()   # spaCy's worker processes end with this one
        n = processes if processes is not None else int(settings.get("processes"))
        n = n or os.cpu_count() or 1
        return Extractor(pack=pack, processes=n, batch_size=int(settings.get("batch_size")))
    return make


def dask_extractor_factory(address: str, packs: Iterable[str] = (), model: str | None = None,
                           connect_timeout: float | None = None):
    """A factory for extraction on the Dask scheduler at ``address`` (see docs/distributed.md).

    The product connects when called and raises ClusterError naming the address if the
    scheduler does not answer; close() it when the run is over.
    """
    def make():
        from crossroads.ingest.distributed import CONNECT_TIMEOUT, DaskExtractor
        return DaskExtractor(address, packs, model_name=model,
                             connect_timeout=CONNECT_TIMEOUT if connect_timeout is None else connect_timeout)
    return make
