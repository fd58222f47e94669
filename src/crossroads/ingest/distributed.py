"""Extraction on a user's Dask cluster, for corpora one machine cannot read in time.

Why only extraction: reading, dedup and store writes are cheap and need one writer (the
store takes one transaction per file), so they stay on the client; the spaCy pipeline is
the CPU-heavy part and goes to the workers in batches. The client loads the knowledge pack
and ships it to the workers, so ``--pack`` folders need only exist where ingest runs;
workers need crossroads and the spaCy model installed. We never start a cluster here: the
scheduler address is the user's.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import pickle
import socket
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, Self

from crossroads import model
from crossroads.exc import CrossroadsError

if TYPE_CHECKING:
    from crossroads.extraction.extractor import Extractor
    from crossroads.pack import Pack

__all__ = ["ClusterError", "DaskExtractor"]

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for the scheduler before giving up (a wrong address should fail fast)."""

BATCH_DOCS = 16
"""Most documents in one task: big enough to amortise a round trip, small enough to spread."""


class ClusterError(CrossroadsError):
    """The Dask scheduler cannot be reached or has no workers."""


# -- worker side -----------------------------------------------------------------------
_cache: dict[tuple[str, str, int], Extractor] = {}
_cache_lock = threading.Lock()


def _extract_batch(
    docs: list[model.Document],
    pack: Pack | None,
    pack_token: str,
    model_name: str,
    spacy_batch: int,
) -> tuple[list[model.Extraction], dict[str, str]]:
    """Runs on a worker: Extractions of ``docs`` in order, with this process's Extractor, and
    the documents whose extraction failed there, with the reason.

    The Extractor (spaCy pipeline plus pack) is built on a worker's first task and kept for
    the next ones; the lock keeps threads of one worker from sharing the pipeline at once.
    """
    from crossroads.extraction.extractor import Extractor

    key = (pack_token, model_name, spacy_batch)
    with _cache_lock:
        extractor = _cache.get(key)
        if extractor is None:
            _cache.clear()  # one pipeline per worker process: they are large
            extractor = Extractor(pack=pack, model=model_name, processes=1, batch_size=spacy_batch)
            _cache[key] = extractor
        out = list(extractor.extract_many(docs))
        failed = {d.id: extractor.failures.pop(d.id) for d in docs if d.id in extractor.failures}
        return out, failed


# -- client side -----------------------------------------------------------------------
_Batch = tuple[list[model.Extraction], dict[str, str]]
"""One batch's Extractions and the documents that failed, with the reason."""


class _Future(Protocol):
    """What is used of a Dask future of one batch (distributed leaves its API unannotated)."""

    def result(self) -> _Batch: ...
    def release(self) -> None: ...


class _Client(Protocol):
    """What is used of ``distributed.Client``: its methods are mostly unannotated there."""

    @property
    def status(self) -> str: ...
    def scatter(self, data: Any, *, broadcast: Any = ..., hash: Any = ...) -> Any: ...
    def map(
        self,
        func: Callable[..., _Batch],
        *iterables: Collection[Any],
        pure: bool = ...,
        **kwargs: Any,
    ) -> Sequence[_Future]: ...
    def nthreads(self) -> dict[str, int]: ...
    def wait_for_workers(self, n_workers: int, timeout: float) -> None: ...
    def close(self) -> None: ...


class DaskExtractor:
    """Extraction on a Dask cluster, with the local Extractor's ``extract_many`` contract.

    A batch that fails on the cluster (a worker died, the model is missing there) yields no
    Extraction for its documents; ``failures`` names each of them with the reason, and the
    other batches go on. Losing the scheduler raises ClusterError.
    """

    def __init__(
        self,
        address: str,
        packs: Iterable[str | Path] = (),
        model_name: str | None = None,
        batch_docs: int = BATCH_DOCS,
        batch_size: int | None = None,
        connect_timeout: float = CONNECT_TIMEOUT,
    ) -> None:
        from crossroads import settings
        from crossroads.pack import load_pack

        self.address = address
        self.pack = load_pack(packs)
        self._pack_token = hashlib.sha1(pickle.dumps(self.pack)).hexdigest()
        self.model_name = model_name or settings.get("model")
        self.batch_docs = max(1, batch_docs)
        self.batch_size = batch_size if batch_size is not None else int(settings.get("batch_size"))
        self.failures: dict[str, str] = {}
        self.client = _connect(address, connect_timeout)
        self._pack_future: object = None

    def extract_many(self, docs: Iterable[model.Document]) -> Iterator[model.Extraction]:
        """Extractions of ``docs`` in input order; failed batches are left out (see failures)."""
        docs = list(docs)
        if not docs:
            return
        try:
            if self._pack_future is None:
                self._pack_future = self.client.scatter(self.pack, broadcast=True, hash=False)
            chunks = _chunks(docs, self._chunk_size(len(docs)))
            # spacy_batch, not batch_size: client.map has a batch_size of its own
            futures = self.client.map(
                _extract_batch,
                chunks,
                pack=self._pack_future,
                pack_token=self._pack_token,
                model_name=self.model_name,
                spacy_batch=self.batch_size,
                pure=False,
            )
        except Exception as exc:  # noqa: BLE001  (the scheduler went away: nothing was sent)
            self._fail(docs, exc)
            return
        try:
            for chunk, future in zip(chunks, futures):
                try:
                    result, failed = future.result()
                except Exception as exc:  # noqa: BLE001  (one batch failed: report it, go on)
                    self._fail(chunk, exc)
                    continue
                self.failures.update(failed)  # documents the worker could not read
                yield from result
        finally:
            for future in futures:
                future.release()

    def _fail(self, docs: list[model.Document], exc: Exception) -> None:
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
        if self.client.status != "running":  # the scheduler is gone: every later batch would fail
            raise ClusterError(
                f"lost the Dask scheduler at {self.address} ({reason}); the files "
                "stored so far are kept, run again to read the rest"
            ) from exc
        log.info("extraction batch failed on %s: %s", self.address, reason)
        for doc in docs:
            self.failures[doc.id] = f"extraction failed on the cluster ({reason})"

    def close(self) -> None:
        """Disconnects from the scheduler (the cluster itself keeps running)."""
        self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _chunk_size(self, n: int) -> int:
        """Small enough that every worker thread gets a few batches, at most batch_docs."""
        slots = sum(self.client.nthreads().values()) or 1
        return max(1, min(self.batch_docs, math.ceil(n / (slots * 2))))


def _chunks(docs: list[model.Document], size: int) -> list[list[model.Document]]:
    return [docs[i : i + size] for i in range(0, len(docs), size)]


def _connect(address: str, timeout: float) -> _Client:
    """A Client on the scheduler at ``address``, or a one-line ClusterError naming it."""
    try:
        from distributed import Client
        from distributed.comm.addressing import parse_address, parse_host_port
    except ModuleNotFoundError as exc:
        raise ClusterError(
            "--dask needs the 'distributed' package: pip install 'dask[distributed]'"
        ) from exc
    try:
        scheme, location = parse_address(address)
        host, port = parse_host_port(location) if scheme in ("tcp", "tls") else (None, None)
    except ValueError as exc:
        raise ClusterError(
            f"{address!r} is not a Dask scheduler address ({exc}); expected tcp://HOST:PORT"
        ) from exc
    if host is not None:  # a plain connect first: a refused port fails now, not after retries
        try:
            socket.create_connection((host, port), timeout=timeout).close()
        except OSError as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {address} "
                f"({exc.strerror or type(exc).__name__})"
            ) from exc
    try:  # then Dask's handshake, with a deadline: a web server there would never answer
        asyncio.run(_handshake(address, timeout))
    except Exception as exc:  # whatever answered there is no Dask scheduler
        if isinstance(exc, TimeoutError):
            reason = f"no Dask answer in {timeout:g} s"
        elif isinstance(exc, OSError):
            reason = (str(exc) or type(exc).__name__).splitlines()[0]
        else:
            reason = f"what answers there does not speak Dask's protocol: {type(exc).__name__}"
        raise ClusterError(f"no Dask scheduler answers at {address} ({reason})") from exc
    try:
        client: _Client = Client(  # type: ignore[no-untyped-call]  # unannotated in distributed
            address, timeout=timeout, set_as_default=False
        )
    except Exception as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} ({type(exc).__name__}: "
            f"{(str(exc) or 'no answer').splitlines()[0]})"
        ) from exc
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        client.close()
        raise ClusterError(
            f"the Dask scheduler at {address} has no workers (waited {timeout:g} s)"
        ) from exc
    return client


async def _handshake(address: str, timeout: float) -> None:
    """Opens and closes one Dask connection to ``address`` within ``timeout`` seconds."""
    from distributed.comm.core import connect

    opening = connect(address, timeout=timeout)  # type: ignore[no-untyped-call]  # unannotated there
    comm = await asyncio.wait_for(opening, timeout)
    await comm.close()
