"""Running a search under a time limit without ever losing what it proved.

A search is a generator of events: ``Bound`` (a value proven to be a lower bound) and ``Found`` (a
verified circuit). Without a time limit it runs in this process. With one, it runs in a forked worker
process that streams each event back as soon as it happens; when time is up the worker is killed.
A killable process is the only reliable limit: CaDiCaL's solve cannot be interrupted from a thread.
Everything proven or found before the kill is kept, so a cut search still reports
"best found k, proven ≥ j".

A search may hand its hardest questions back to the process that started it (``ask_parent``): the
parent owns the executor that solves a question in parallel parts (parallel.py), and the search,
still in its killable worker, waits for the answer. The parent answers within the same time limit;
when the limit strikes while it waits, the search is killed as usual and the parts are cancelled.
A ``stop`` predicate, polled by the parent, ends a search early the same way (a part whose question
another part has already answered).
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator

#: Seconds between two checks of the clock and of a ``stop`` predicate while a worker runs.
POLL_SECONDS = 0.25

from circuits.circuit import Circuit


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
SearchFactory = Callable[..., Iterator[Event]]
#: Answers a question a search hands back (``ask_parent``); gets the deadline (perf_counter time or
#: None) and raises ``DeadlineReached`` when it strikes first.
Delegate = Callable[[Any, float | None], Any]


class DeadlineReached(Exception):
    """The time limit struck while the parent was answering a delegated question."""


#: How ``ask_parent`` reaches the parent: a pipe in a worker process, or the delegate itself when
#: the search runs in the caller's process. None outside a search run with a delegate.
_parent_connection: Any = None
_in_process_delegate: Delegate | None = None


def ask_parent(question: Any) -> Any:
    """Hand ``question`` to the delegate of the running search and return its answer."""
    if _in_process_delegate is not None:
        return _in_process_delegate(question, None)
    if _parent_connection is None:
        raise RuntimeError("ask_parent needs a search started by run_search with a delegate")
    _parent_connection.send(("ask", question))
    return _parent_connection.recv()


@dataclass
class RunOutcome:
    events: list[Event]
    timed_out: bool
    seconds: float


def _worker(connection: Any, factory: SearchFactory, args: tuple[Any, ...]) -> None:
    global _parent_connection, _in_process_delegate
    _parent_connection = connection
    _in_process_delegate = None  # a fork inherits the parent's; this search asks through the pipe
    try:
        for event in factory(*args):
            connection.send(event)
        connection.send(("done", None))
    except BaseException as err:  # reported to the parent, which re-raises
        connection.send(("error", f"{type(err).__name__}: {err}"))
    finally:
        connection.close()


def run_search(
    factory: SearchFactory,
    args: tuple[Any, ...],
    timeout: float | None,
    *,
    delegate: Delegate | None = None,
    stop: Callable[[], bool] | None = None,
    isolate: bool = False,
) -> RunOutcome:
    """Collect a search's events, in-process or in a killable worker when ``timeout`` is set.

    ``delegate`` answers the questions the search hands back with ``ask_parent``. ``stop``, polled
    every POLL_SECONDS, ends the search like the time limit does (``timed_out`` is then true too);
    ``isolate`` runs the search in a worker even without a time limit, so that ``stop`` can end it.
    """
    start = time.perf_counter()
    if timeout is None and not isolate:
        return _run_in_process(factory, args, delegate, start)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receiver, sender = context.Pipe(duplex=delegate is not None)
    process = context.Process(target=_worker, args=(sender, factory, args), daemon=True)
    process.start()
    sender.close()
    events: list[Event] = []
    timed_out = False
    deadline = None if timeout is None else start + max(0.0, timeout)
    try:
        while True:
            remaining = POLL_SECONDS if deadline is None else deadline - time.perf_counter()
            if remaining <= 0 or (stop is not None and stop()):
                timed_out = True
                break
            if not receiver.poll(min(remaining, POLL_SECONDS)):
                continue
            try:
                message = receiver.recv()
            except EOFError:
                raise RuntimeError("the synthesis worker died without reporting") from None
            if isinstance(message, tuple) and message[0] == "ask":
                assert delegate is not None
                try:
                    receiver.send(delegate(message[1], deadline))
                except DeadlineReached:
                    timed_out = True
                    break
                continue
            if isinstance(message, tuple):
                status, detail = message
                if status == "error":
                    raise RuntimeError(f"synthesis worker failed: {detail}")
                break
            events.append(message)
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    return RunOutcome(events, timed_out, time.perf_counter() - start)


def _run_in_process(
    factory: SearchFactory, args: tuple[Any, ...], delegate: Delegate | None, start: float
) -> RunOutcome:
    """Run the search here; ``ask_parent`` calls the delegate directly (restored afterwards, so
    searches may nest)."""
    global _in_process_delegate
    outer = _in_process_delegate
    _in_process_delegate = delegate
    try:
        events = list(factory(*args))
    finally:
        _in_process_delegate = outer
    return RunOutcome(events, False, time.perf_counter() - start)
