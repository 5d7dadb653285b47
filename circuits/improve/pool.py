"""A pool of at most N worker processes whose jobs stream events and can be stopped at a time limit.

Window re-syntheses are many, short and unpredictable: most settle in milliseconds, a few would run
for hours. A job is stopped at its limit by killing its worker, because a SAT call in CaDiCaL
cannot be interrupted from inside the process; a fresh worker takes the slot. Workers live across
jobs otherwise, so the synthesizer's caches (lower bounds, the small-function library) stay warm.

A job's limit counts the CPU seconds of its worker (read from /proc on Linux; elsewhere wall
seconds), so a machine loaded by other work does not cut jobs short: the same window gets the same
effort on a busy machine as on a quiet one.

The pool never holds more than ``size`` processes. Workers block SIGINT, so Ctrl-C reaches only
the parent, whose ``close`` kills them, and they die with their parent even when it is killed with
SIGKILL (``circuits.lifetime.become_worker``).

A worker that dies from a signal the pool did not send (someone killed it, the kernel ran out of
memory) raises ``Interrupted``, as a search worker's death does (sat_encoding/runner.py): the job
it ran has no answer, and a study must not store the job that was running as a result.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import time
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from circuits.interrupts import Interrupted, signal_name
from circuits.lifetime import become_worker


@dataclass(frozen=True)
class Message:
    """From the pool: ``kind`` is "event" (``data`` is the job's event), "done", "timeout" or "error"."""

    tag: Any
    kind: str
    data: Any = None


def process_cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds of a live process, from /proc (None where there is no /proc)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # fields 14 and 15 of stat(5)


def _serve(connection: Any, run: Callable[[Any], Iterator[Any]]) -> None:
    become_worker(os.getppid())  # leave Ctrl-C to the parent, die with it (circuits.lifetime)
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        if request is None:
            return
        tag, payload = request
        try:
            for event in run(payload):
                connection.send(Message(tag, "event", event))
            connection.send(Message(tag, "done"))
        except Exception:  # reported to the parent, which raises it
            connection.send(Message(tag, "error", traceback.format_exc(limit=8)))


class _Worker:
    def __init__(self, context: Any, run: Callable[[Any], Iterator[Any]]) -> None:
        self.connection, child = context.Pipe(duplex=True)
        # Not daemonic, so a pool can run inside another pool's worker; close() and the parent-death
        # signal end it instead.
        self.process = context.Process(target=_serve, args=(child, run), daemon=False)
        self.process.start()
        child.close()
        self.tag: Any = None
        self.budget: float | None = None
        self.started_cpu: float | None = None
        self.started_wall = 0.0
        self.busy = False

    def used(self) -> float:
        """Seconds the running job has used: its CPU seconds, or wall seconds without /proc."""
        now = process_cpu_seconds(self.process.pid) if self.started_cpu is not None else None
        if now is None or self.started_cpu is None:
            return time.perf_counter() - self.started_wall
        return now - self.started_cpu

    def remaining(self) -> float | None:
        return None if self.budget is None else self.budget - self.used()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


class WorkerPool:
    """At most ``size`` workers running ``run(payload)`` (a picklable function yielding events)."""

    def __init__(self, size: int, run: Callable[[Any], Iterator[Any]]) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.size = size
        self.run = run
        self.workers: list[_Worker | None] = [None] * size

    @property
    def idle(self) -> int:
        return sum(1 for w in self.workers if w is None or not w.busy)

    @property
    def busy(self) -> int:
        return self.size - self.idle

    def submit(self, tag: Any, payload: Any, budget: float | None) -> None:
        """Start a job on an idle worker (there must be one); ``budget``: its limit in seconds."""
        slot = next(i for i, w in enumerate(self.workers) if w is None or not w.busy)
        worker = self.workers[slot]
        if worker is None:
            worker = self.workers[slot] = _Worker(self.context, self.run)
        worker.tag, worker.budget, worker.busy = tag, budget, True
        worker.started_cpu = process_cpu_seconds(worker.process.pid)
        worker.started_wall = time.perf_counter()
        worker.connection.send((tag, payload))

    def cpu_seconds(self) -> float:
        """CPU seconds the live workers have used so far (finished ones count as the parent's children)."""
        return sum(process_cpu_seconds(w.process.pid) or 0.0 for w in self.workers if w is not None)

    def wait(self, until: float | None = None) -> list[Message]:
        """Messages of running jobs, waiting until one arrives, a job may have used its budget, or
        ``until`` (a perf_counter time). A job's CPU time cannot grow faster than wall time, so the
        wait never sleeps past a budget."""
        running = [w for w in self.workers if w is not None and w.busy]
        if not running:
            return []
        now = time.perf_counter()
        limits = [until - now] if until is not None else []
        limits += [max(0.0, r) for r in (w.remaining() for w in running) if r is not None]
        timeout = max(0.0, min(limits)) if limits else None
        ready = multiprocessing.connection.wait([w.connection for w in running], timeout)
        messages: list[Message] = []
        for worker in running:
            if worker.connection in ready:
                messages.extend(self._drain(worker))
        for slot, worker in enumerate(self.workers):
            if worker is None or not worker.busy:
                continue
            left = worker.remaining()
            if left is not None and left <= 0:
                messages.append(Message(worker.tag, "timeout"))
                worker.kill()
                self.workers[slot] = None
        return messages

    def _drain(self, worker: _Worker) -> list[Message]:
        messages = []
        try:
            while worker.connection.poll():
                message = worker.connection.recv()
                messages.append(message)
                if message.kind in ("done", "error"):
                    worker.busy = False
                    break
        except (EOFError, OSError):
            slot = self.workers.index(worker)
            worker.kill()
            self.workers[slot] = None
            code = worker.process.exitcode
            if code is not None and code < 0:
                raise Interrupted(-code, f"a search worker was killed by {signal_name(-code)}") from None
            messages.append(Message(worker.tag, "error", f"the worker process died (exit code {code})"))
        return messages

    def close(self) -> None:
        """Stop every worker now (running jobs are abandoned)."""
        for slot, worker in enumerate(self.workers):
            if worker is not None:
                worker.kill()
                self.workers[slot] = None
