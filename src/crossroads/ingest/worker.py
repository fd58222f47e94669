"""Reading files in a child process that a time limit can kill, and children that die with us.

Why a process: a stuck third-party parser (pypdf on a PDF of 300k text operators, trafilatura
on 250k <br> tags) cannot be stopped from a thread. Each file is read in one long-lived
child; when it overruns the time limit the child is killed, the file is reported as a
timeout, and the next file gets a fresh child.

Why die with the parent: after kill -9 of an ingest, spaCy's worker processes (each holding
a model) were left running. On Linux every child we start or fork asks the kernel for
SIGKILL when its parent dies (PR_SET_PDEATHSIG); elsewhere this is a no-op.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Literal

from crossroads.exc import InputError
from crossroads.model import Document

_PR_SET_PDEATHSIG = 1
_Request = tuple[Literal["path"], str, str, int] | tuple[Literal["bytes"], bytes, str, int]
"""What the parent asks the child: (kind, path or bytes, label, max_bytes)."""
_Reply = tuple[Literal[True], list[Document]] | tuple[Literal[False], str]
"""What the child answers: (True, the file's documents) or (False, why it cannot be read)."""
_forking_pid: int | None = None
_hooked = False


def die_with_parent(parent: int | None = None) -> None:
    """Have this process killed when its parent dies; exit now if it already has."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: nothing to ask for
        return
    if parent is not None and os.getppid() != parent:  # the parent died before we asked
        os._exit(1)


def _before_fork() -> None:
    global _forking_pid
    _forking_pid = os.getpid()


def _after_fork_in_child() -> None:
    die_with_parent(_forking_pid)


def forked_children_die_with_parent() -> None:
    """From now on, every process this one forks (spaCy's workers) dies when it does."""
    global _hooked
    if not _hooked and hasattr(os, "register_at_fork"):
        os.register_at_fork(before=_before_fork, after_in_child=_after_fork_in_child)
        _hooked = True


def _serve(conn: Connection[_Reply, _Request], parent: int) -> None:
    """The child: read what the parent sends, one file at a time, until the pipe closes."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from crossroads.ingest import readers

    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if request[0] == "path":
                docs = readers.load_path(Path(request[1]), request[3])
            else:
                docs = readers.load_bytes(request[1], request[2], request[3])
            conn.send((True, docs))
        except InputError as exc:
            conn.send((False, exc.reason))
        except OSError as exc:
            conn.send((False, f"cannot read ({exc.strerror or exc})"))
        except Exception as exc:  # noqa: BLE001  (a reader bug: this file fails, not the run)
            conn.send((False, f"cannot be read ({type(exc).__name__}: {exc})"[:300]))


class ReaderProcess:
    """Reads files in a child process, each under ``timeout`` seconds (0: in this process)."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._proc: BaseProcess | None = None
        self._conn: Connection[_Request, _Reply] | None = None

    def load_path(self, path: Path, max_bytes: int) -> list[Document]:
        if self.timeout <= 0:
            from crossroads.ingest import readers

            return readers.load_path(path, max_bytes)
        return self._ask(("path", str(path), str(path), max_bytes))

    def load_bytes(self, data: bytes, name: str, max_bytes: int) -> list[Document]:
        if self.timeout <= 0:
            from crossroads.ingest import readers

            return readers.load_bytes(data, name, max_bytes)
        return self._ask(("bytes", data, name, max_bytes))

    def _ask(self, request: _Request) -> list[Document]:
        label = request[2]
        if self._proc is None or self._conn is None or not self._proc.is_alive():
            self._start()
        conn = self._conn
        assert conn is not None  # _start() set it
        conn.send(request)
        if not conn.poll(self.timeout):
            self.close()
            raise InputError(
                label,
                f"timeout: reading took over {self.timeout:g} s and was "
                "stopped (raise CROSSROADS_READ_TIMEOUT to allow more)",
            )
        try:
            reply = conn.recv()
        except (EOFError, OSError):
            self.close()
            raise InputError(label, "the reading process died (out of memory?)") from None
        if not reply[0]:
            raise InputError(label, reply[1])
        return reply[1]

    def _start(self) -> None:
        # fork is fast (the readers are loaded already) but safe only with no other thread
        # that could hold a lock at the moment of the fork; else start a clean interpreter
        ctx = (
            multiprocessing.get_context("fork")
            if threading.active_count() == 1
            else multiprocessing.get_context("spawn")
        )
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(
            target=_serve, args=(child, os.getpid()), daemon=True, name="crossroads-reader"
        )
        self._proc.start()
        child.close()

    def close(self) -> None:
        """Stop the child (killed: it may be stuck in a parser)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.join()
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None
