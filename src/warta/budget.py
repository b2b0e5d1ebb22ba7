"""A time budget per document: an analysis that runs past it is stopped and the document is
reported as skipped, so one runaway input cannot hang a run, a worker process or the server.

A watchdog thread (one per process, started on first use) holds the deadline of each analysis in
progress. When a deadline passes, it raises :class:`DocumentTimeout` in the thread doing that
analysis (CPython's ``PyThreadState_SetAsyncExc``), so this works in the main thread, in worker
processes (spawned or forked: a forked child starts its own watchdog) and in the web server's
worker threads alike, and costs the happy path a heap push and two short locks per document:
nothing forks and nothing polls. The exception is
delivered at the next Python bytecode, so a stage stuck inside one long C call (a regular
expression, say) is stopped when that call returns. Code may also call :func:`check` to stop at a
point of its choosing.

The budget comes from :func:`configure` (the CLI's ``--doc-timeout``), else ``$WARTA_DOC_TIMEOUT``,
else :data:`DEFAULT_SECONDS`; 0 means no limit. :func:`configure` also sets the environment
variable, so worker processes started afterwards use the same budget.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

#: Seconds one document (or one 100,000-character segment of a long one) may take by default.
#: Ordinary articles take well under a second; a full segment of dense text a few seconds.
DEFAULT_SECONDS = 120.0
ENV = "WARTA_DOC_TIMEOUT"


class DocumentTimeout(BaseException):
    """The analysis of a document ran past its time budget.

    A ``BaseException`` (like ``KeyboardInterrupt``), so an ``except Exception`` inside a pipeline
    stage does not swallow it and carry on with the runaway work."""


def parse_seconds(value: str | float | None, *, name: str = ENV) -> float | None:
    """``value`` as a budget in seconds (None: no value; 0: no limit); a bad value is a ValueError naming ``name``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"{name}: {str(value)[:40]!r} is not a number of seconds") from None
    if not seconds >= 0 or seconds == float("inf"):
        raise ValueError(f"{name}: {seconds} is not a number of seconds >= 0 (0: no limit)")
    return seconds


_configured: list[float] = []


def configure(seconds: float | None) -> None:
    """Set the budget of this process and of worker processes started after this call (None: back to
    ``$WARTA_DOC_TIMEOUT`` or the default). Raises ValueError for a negative or non-finite value."""
    _configured.clear()
    if seconds is None:
        return
    checked = parse_seconds(seconds, name="doc timeout")
    assert checked is not None
    _configured.append(checked)
    os.environ[ENV] = repr(checked)


def doc_timeout() -> float:
    """The budget in seconds for one document (0: no limit)."""
    if _configured:
        return _configured[0]
    try:
        seconds = parse_seconds(os.environ.get(ENV))
    except ValueError as exc:
        log.warning("%s; using %g s", exc, DEFAULT_SECONDS)
        return DEFAULT_SECONDS
    return DEFAULT_SECONDS if seconds is None else seconds


@dataclass(eq=False)
class _Deadline:
    at: float
    thread: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    done: bool = False
    fired: bool = False


def _raise_in(thread: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in ``thread`` at its next bytecode (None: withdraw one not yet delivered)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(exc) if exc else None)


class _Watchdog:
    """The deadlines of this process's analyses in progress, and the thread that enforces them."""

    def __init__(self) -> None:
        self._count = itertools.count()
        self.reset()

    def reset(self) -> None:
        """Forget every deadline and the thread (in a forked child, where neither the thread nor a lock it
        may have held at the fork exists)."""
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, _Deadline]] = []
        self._pid = -1

    def arm(self, seconds: float) -> _Deadline:
        entry = _Deadline(at=time.monotonic() + seconds, thread=threading.get_ident())
        with self._cond:
            if self._pid != os.getpid():  # first use in this process (or a forked child): start the thread
                self._heap.clear()
                self._pid = os.getpid()
                threading.Thread(target=self._run, name="warta-doc-timeout", daemon=True).start()
            heapq.heappush(self._heap, (entry.at, next(self._count), entry))
            self._cond.notify()
        return entry

    @staticmethod
    def disarm(entry: _Deadline) -> None:
        # A per-entry lock, never taken again once released, so even an exception delivered while this
        # thread holds it leaves nothing locked that anyone waits on.
        with entry.lock:
            entry.done = True
            if entry.fired:  # raised but maybe not yet delivered: the work is finished, so withdraw it
                _raise_in(entry.thread, None)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._heap or self._heap[0][2].done:
                    if self._heap:
                        heapq.heappop(self._heap)
                    else:
                        self._cond.wait()
                at, _, entry = self._heap[0]
                wait = at - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._heap)
            with entry.lock:
                if not entry.done:
                    entry.fired = True
                    _raise_in(entry.thread, DocumentTimeout)


_watchdog = _Watchdog()
_current = threading.local()


def _after_fork_in_child() -> None:
    _watchdog.reset()
    _current.entry = None


os.register_at_fork(after_in_child=_after_fork_in_child)


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """Run the body with a budget of ``seconds`` (default :func:`doc_timeout`; 0: no limit); past it,
    :class:`DocumentTimeout` is raised in this thread. Budgets do not nest: an inner one is ignored."""
    seconds = doc_timeout() if seconds is None else seconds
    if seconds <= 0 or getattr(_current, "entry", None) is not None:
        yield
        return
    entry = _watchdog.arm(seconds)
    _current.entry = entry
    try:
        yield
    finally:
        _current.entry = None
        _watchdog.disarm(entry)


def check() -> None:
    """Raise :class:`DocumentTimeout` now if this thread's analysis is past its budget."""
    entry = getattr(_current, "entry", None)
    if entry is not None and time.monotonic() > entry.at:
        raise DocumentTimeout
