"""Running a search in a killable worker process, without ever losing what it proved.

A search is a generator of events, such as ``Bound`` (a value proven to be a lower bound) and
``Found`` (a verified circuit); any picklable event will do. Every search runs in a worker process
that streams each event back as soon as it happens; the caller waits on the pipe, where a signal reaches it at once. The worker is killed when the time limit is up
or when the caller is interrupted (Ctrl-C, SIGTERM: ``circuits.interrupts``). A killable process is
the only reliable way to stop a solve: python-sat keeps the interpreter lock while it solves, and
CaDiCaL's solve cannot be interrupted from a thread. Everything proven or found before a kill is
kept, so a cut search still reports "best found k, proven ≥ j".

The worker is started once per calling thread (forked, so it starts with everything this process has
imported) and then serves search after search: starting a process per search cost about 10 ms each
and lost the caches of small-function optima it had built, 22% more CPU on the 222-class sweep. A
killed worker is replaced at the next search. Tests that patch the code a search runs call
``stop_search_workers`` so that the next search forks a worker that sees the patch.

A worker that dies while it searches, from a signal its parent did not send (someone killed it, the
kernel ran out of memory), raises ``Interrupted``: the job it ran has no answer and must not be
stored as one.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.interrupts import Interrupted, signal_name
from circuits.lifetime import become_worker


@dataclass(frozen=True)
class Bound:
    """``value`` is proven to be a lower bound of the measure named ``measure``."""

    measure: str
    value: int


@dataclass(frozen=True)
class Found:
    """A verified circuit; ``tag`` says what it was found for (e.g. a frontier depth)."""

    circuit: Circuit
    tag: Any = None


Event = Bound | Found
SearchFactory = Callable[..., Iterator[Any]]


@dataclass
class RunOutcome:
    events: list[Any]
    timed_out: bool
    seconds: float


def check_timeout(seconds: float | None, option: str = "--timeout") -> float | None:
    """None (no limit) or a positive finite number of seconds; anything else is refused in one line.

    A zero, negative or NaN limit used to mean "cut at once" and an infinite one crashed the wait,
    both silently; a limit the user cannot have meant is an input error.
    """
    if seconds is None:
        return None
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds) or seconds <= 0:
        raise InputError(f"{option} must be a positive finite number of seconds, got {seconds!r}")
    return float(seconds)


def _usage() -> tuple[float, int]:
    """CPU seconds (user and system) and peak resident KiB of the calling process."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime, own.ru_maxrss


def _serve(connection: Any, parent_end: Any, parent_pid: int) -> None:
    """The worker's loop: run each requested search, stream its events, report "done" or the error.

    The fork left the worker a copy of the parent's end of the pipe; closing it lets the worker see
    EOF when its parent exits.
    """
    parent_end.close()
    become_worker(parent_pid)
    while True:
        try:
            factory, args = connection.recv()
        except (EOFError, OSError):  # the parent closed its end: nothing more to do
            return
        try:
            for event in factory(*args):
                connection.send(event)
            connection.send(("done", None, _usage()))
        except (BrokenPipeError, EOFError):
            return
        except Exception as err:  # the parent re-raises it
            connection.send(("error", _portable(err), _usage()))


def _portable(err: Exception) -> Exception:
    """``err`` if it survives pickling (so the parent raises the same type), else a RuntimeError."""
    import pickle

    try:
        pickle.loads(pickle.dumps(err))
        return err
    except Exception:
        return RuntimeError(f"search worker failed: {type(err).__name__}: {err}")


class SearchWorker:
    """One forked worker process and the pipe to it."""

    def __init__(self) -> None:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.connection, child_end = context.Pipe(duplex=True)
        self.process = context.Process(
            target=_serve, args=(child_end, self.connection, os.getpid()), daemon=True, name="search-worker"
        )
        self.process.start()
        child_end.close()
        self.cpu_seconds = 0.0  # as the worker last reported it
        self.peak_rss_kb = 0

    def alive(self) -> bool:
        return self.process.is_alive()

    def run(
        self, factory: SearchFactory, args: tuple[Any, ...], deadline: float | None
    ) -> tuple[list[Any], bool, Exception | None]:
        """Events of one search, whether the deadline cut it (then the worker is gone), and the
        error the search raised, if any (the worker is then ready for the next search)."""
        self.connection.send((factory, args))
        events: list[Any] = []
        while True:
            remaining = None if deadline is None else deadline - time.perf_counter()
            if remaining is not None and (remaining <= 0 or not self.connection.poll(remaining)):
                self.stop()
                return events, True, None
            try:
                message = self.connection.recv()
            except EOFError:
                raise self._death() from None
            if isinstance(message, tuple):
                status, error, (self.cpu_seconds, self.peak_rss_kb) = message
                return events, False, error if status == "error" else None
            events.append(message)

    def _death(self) -> BaseException:
        """What the unexpected end of this worker means for its caller."""
        self.process.join()
        code = self.process.exitcode
        _forget(self)
        if code is not None and code < 0:
            return Interrupted(-code, f"a search worker was killed by {signal_name(-code)}")
        return RuntimeError(f"the search worker died without reporting (exit code {code})")

    def stop(self) -> None:
        """Kill the worker and reap it (its CPU time then counts among this process's children)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()
        _forget(self)


_local = threading.local()
_live: set[SearchWorker] = set()
_live_lock = threading.Lock()


def _drop_inherited_workers() -> None:
    """In a child forked from this process (a pool worker): the parent's workers are not its own.

    Their pipes are closed here, in the child only, so that a worker still sees EOF when the process
    that owns it exits.
    """
    global _local, _live
    for worker in _live:
        worker.connection.close()
    _local = threading.local()
    _live = set()


os.register_at_fork(after_in_child=_drop_inherited_workers)


def _forget(worker: SearchWorker) -> None:
    with _live_lock:
        _live.discard(worker)
    if getattr(_local, "worker", None) is worker:
        _local.worker = None


def _worker_for_this_thread() -> SearchWorker:
    worker: SearchWorker | None = getattr(_local, "worker", None)
    if worker is None or not worker.alive():
        if worker is not None:
            worker.stop()
        worker = SearchWorker()
        _local.worker = worker
        with _live_lock:
            _live.add(worker)
    return worker


def stop_search_workers() -> None:
    """Kill every search worker of this process; the next search starts a fresh one."""
    with _live_lock:
        workers = list(_live)
    for worker in workers:
        worker.stop()


def search_worker_usage() -> tuple[float, int]:
    """CPU seconds and peak resident KiB of the live search workers, as of their last finished search.

    Finished (killed and reaped) workers are already in ``RUSAGE_CHILDREN``; live ones are not, so a
    measurement adds this to its own and its children's usage.
    """
    with _live_lock:
        workers = list(_live)
    return sum(w.cpu_seconds for w in workers), max((w.peak_rss_kb for w in workers), default=0)


def run_search(factory: SearchFactory, args: tuple[Any, ...], timeout: float | None) -> RunOutcome:
    """Collect a search's events from this thread's worker process, within ``timeout`` seconds."""
    check_timeout(timeout)
    start = time.perf_counter()
    worker = _worker_for_this_thread()
    deadline = None if timeout is None else start + timeout
    try:
        events, timed_out, error = worker.run(factory, args, deadline)
    except BaseException:
        worker.stop()  # an interrupted search leaves nothing running
        raise
    if error is not None:
        raise error
    return RunOutcome(events, timed_out, time.perf_counter() - start)
