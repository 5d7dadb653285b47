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

A search may hand its hardest questions back to the process that started it (``ask_parent``): the
caller owns the executor that solves a question in parallel parts (parallel.py), and the search,
still in its killable worker, waits for the answer. The caller answers within the same time limit;
when the limit strikes while it waits, the worker is killed as usual. A ``stop`` predicate, polled
every POLL_SECONDS, ends a search early the same way (a part whose question another part has
already answered).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.interrupts import Interrupted, signal_name
from circuits.lifetime import become_worker

#: Seconds between two checks of a ``stop`` predicate while a worker searches.
POLL_SECONDS = 0.25


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
#: Answers a question a search hands back (``ask_parent``); gets the deadline (a perf_counter time
#: or None) and raises ``DeadlineReached`` when it strikes first.
Delegate = Callable[[Any, float | None], Any]


#: Told of each search as it starts (``stage`` is the search's name, ``event`` None) and of each event
#: it streams: how a terminal shows progress. Set with ``listening``.
Listener = Callable[[str, Any], None]


class DeadlineReached(Exception):
    """The time limit struck while the caller was answering a delegated question."""


#: In a worker: the pipe to the process that asked for the running search.
_parent_connection: Any = None


def ask_parent(question: Any) -> Any:
    """From inside a search: hand ``question`` to the ``delegate`` of its ``run_search`` and wait."""
    if _parent_connection is None:
        raise RuntimeError("ask_parent works only inside a search run by run_search")
    _parent_connection.send(("ask", question))
    return _parent_connection.recv()


@dataclass
class RunOutcome:
    events: list[Any]
    timed_out: bool
    seconds: float


#: The end of the whole command (a perf_counter time), or None: every search clips its own limit to it.
_command_deadline: float | None = None
_listener: Listener | None = None


@contextmanager
def command_deadline(seconds: float | None, started: float | None = None) -> Iterator[None]:
    """Inside, every search ends by ``seconds`` after ``started`` (a perf_counter time; default
    now), whatever limit its caller gives it: a user's ``--timeout`` bounds the whole command, not
    each of its stages (start, search, enumeration, certification) again. A search asked after the
    deadline returns at once, cut."""
    global _command_deadline
    previous = _command_deadline
    if seconds is not None:
        ends = (time.perf_counter() if started is None else started) + seconds
        _command_deadline = ends if previous is None else min(previous, ends)
    try:
        yield
    finally:
        _command_deadline = previous


def command_time_left() -> float | None:
    """Seconds until the command's deadline (never below 0), or None without one."""
    return None if _command_deadline is None else max(0.0, _command_deadline - time.perf_counter())


@contextmanager
def listening(listener: Listener | None) -> Iterator[None]:
    """Inside, ``listener`` hears every search start and every event as it streams in."""
    global _listener
    previous, _listener = _listener, listener
    try:
        yield
    finally:
        _listener = previous


def announce(stage: str) -> None:
    """Tell the listener (if any) that a stage that runs in this process has started."""
    if _listener is not None:
        _listener(stage, None)


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
    global _parent_connection
    parent_end.close()
    become_worker(parent_pid)
    _parent_connection = connection
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
        self,
        factory: SearchFactory,
        args: tuple[Any, ...],
        deadline: float | None,
        delegate: Delegate | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> tuple[list[Any], bool, Exception | None]:
        """Events of one search, whether the deadline or ``stop`` cut it (then the worker is gone),
        and the error the search raised, if any (the worker is then ready for the next search).
        Questions the search asks (``ask_parent``) are answered by ``delegate``."""
        self.connection.send((factory, args))
        events: list[Any] = []
        while True:
            remaining = None if deadline is None else deadline - time.perf_counter()
            if (remaining is not None and remaining <= 0) or (stop is not None and stop()):
                self.stop()
                return events, True, None
            wait = remaining if stop is None else min(POLL_SECONDS, remaining or POLL_SECONDS)
            if wait is not None and not self.connection.poll(wait):
                continue
            try:
                message = self.connection.recv()
            except EOFError:
                raise self._death() from None
            if isinstance(message, tuple) and message[0] == "ask":
                if delegate is None:
                    raise RuntimeError("a search asked a question, but its caller has no delegate")
                try:
                    self.connection.send(delegate(message[1], deadline))
                except DeadlineReached:
                    self.stop()
                    return events, True, None
                continue
            if isinstance(message, tuple):
                status, error, (self.cpu_seconds, self.peak_rss_kb) = message
                return events, False, error if status == "error" else None
            events.append(message)
            if _listener is not None:
                _listener(getattr(factory, "__name__", "search"), message)

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


def run_search(
    factory: SearchFactory,
    args: tuple[Any, ...],
    timeout: float | None,
    *,
    delegate: Delegate | None = None,
    stop: Callable[[], bool] | None = None,
) -> RunOutcome:
    """Collect a search's events from this thread's worker process, within ``timeout`` seconds.

    ``delegate`` answers the questions the search hands back with ``ask_parent``; ``stop``, polled
    every POLL_SECONDS, ends the search like the time limit does (``timed_out`` is then true too).
    """
    check_timeout(timeout)
    start = time.perf_counter()
    deadline = None if timeout is None else start + timeout
    if _command_deadline is not None:
        deadline = _command_deadline if deadline is None else min(deadline, _command_deadline)
        if deadline <= start:
            return RunOutcome([], True, 0.0)
    if _listener is not None:
        _listener(getattr(factory, "__name__", "search"), None)
    worker = _worker_for_this_thread()
    try:
        events, timed_out, error = worker.run(factory, args, deadline, delegate, stop)
    except BaseException:
        worker.stop()  # an interrupted search leaves nothing running
        raise
    if error is not None:
        raise error
    return RunOutcome(events, timed_out, time.perf_counter() - start)
