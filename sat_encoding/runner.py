"""Running a search under a time limit without ever losing what it proved.

A search is a generator of events: ``Bound`` (a value proven to be a lower bound) and ``Found`` (a
verified circuit). Without a time limit it runs in this process. With one, it runs in a forked worker
process that streams each event back as soon as it happens; when time is up the worker is killed.
A killable process is the only reliable limit: CaDiCaL's solve cannot be interrupted from a thread.
Everything proven or found before the kill is kept, so a cut search still reports
"best found k, proven ≥ j".
"""

from __future__ import annotations

import math
import multiprocessing
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from circuits.circuit import Circuit
from circuits.errors import InputError


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


@dataclass
class RunOutcome:
    events: list[Event]
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


def _worker(connection: Any, factory: SearchFactory, args: tuple[Any, ...]) -> None:
    try:
        for event in factory(*args):
            connection.send(event)
        connection.send(("done", None))
    except BaseException as err:  # reported to the parent, which re-raises
        connection.send(("error", f"{type(err).__name__}: {err}"))
    finally:
        connection.close()


def run_search(factory: SearchFactory, args: tuple[Any, ...], timeout: float | None) -> RunOutcome:
    """Collect a search's events, in-process or in a killable worker when ``timeout`` is set."""
    check_timeout(timeout)
    start = time.perf_counter()
    if timeout is None:
        events = list(factory(*args))
        return RunOutcome(events, False, time.perf_counter() - start)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_worker, args=(sender, factory, args), daemon=True)
    process.start()
    sender.close()
    events: list[Event] = []
    timed_out = False
    deadline = start + timeout
    try:
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or not receiver.poll(remaining):
                timed_out = True
                break
            try:
                message = receiver.recv()
            except EOFError:
                raise RuntimeError("the synthesis worker died without reporting") from None
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
