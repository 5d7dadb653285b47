"""The worker pool of `circuits improve`: at most N processes, events streamed, deadlines enforced."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from typing import Iterator

import pytest

from circuits.improve.pool import WorkerPool, process_cpu_seconds
from circuits.interrupts import Interrupted
from sat_encoding.runner import stop_search_workers


def busy(payload: tuple[int, float]) -> Iterator[int]:
    """Yield the payload's number, then compute for that many CPU seconds (a stand-in for a SAT call)."""
    number, seconds = payload
    yield number
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    yield number + 1000


def broken(payload: int) -> Iterator[int]:
    yield payload
    raise ValueError("boom")


def test_budgets_kill_jobs_and_processes_never_exceed_the_size() -> None:
    stop_search_workers()  # earlier tests' search worker is not the pool's
    pool = WorkerPool(2, busy)
    try:
        jobs = [(0, 0.05), (1, 30.0), (2, 0.05), (3, 30.0), (4, 0.05)]
        pending = list(jobs)
        results: dict[int, list[str]] = {}
        most = 0
        started = time.perf_counter()
        while pending or pool.busy:
            while pending and pool.idle:
                number, seconds = pending.pop(0)
                pool.submit(number, (number, seconds), 1.0)
            most = max(most, len(multiprocessing.active_children()))
            for message in pool.wait(time.perf_counter() + 5.0):
                results.setdefault(message.tag, []).append(message.kind)
        assert time.perf_counter() - started < 60.0  # two jobs of 1 CPU s each, on a shared machine
        assert most <= 2
        for number, seconds in jobs:
            expected = ["event", "timeout"] if seconds > 1 else ["event", "event", "done"]
            assert results[number] == expected, (number, results[number])
    finally:
        pool.close()
    assert not multiprocessing.active_children()


def test_a_failing_job_is_reported_not_swallowed() -> None:
    pool = WorkerPool(1, broken)
    try:
        pool.submit("job", 7, None)
        kinds = []
        while pool.busy:
            kinds.extend(m for m in pool.wait(time.perf_counter() + 5.0))
        assert [m.kind for m in kinds] == ["event", "error"]
        assert "ValueError: boom" in kinds[-1].data
    finally:
        pool.close()


def test_a_job_budget_counts_cpu_not_waiting() -> None:
    """A job that sleeps uses no CPU, so a 0.5 s budget does not cut a 1.5 s sleep."""
    pool = WorkerPool(1, sleepy)
    try:
        pool.submit("nap", 1.5, 0.5)
        kinds = []
        while pool.busy:
            kinds.extend(m.kind for m in pool.wait(time.perf_counter() + 10.0))
        if process_cpu_seconds(multiprocessing.current_process().pid or 0) is not None:
            assert kinds == ["done"]
    finally:
        pool.close()


def sleepy(seconds: float) -> Iterator[str]:
    time.sleep(seconds)
    return
    yield


def test_a_worker_killed_by_someone_else_is_an_interrupt_not_an_answer() -> None:
    """The kernel's out-of-memory killer (or a user) may kill a window worker: the job it ran has
    no answer, and the caller must stop rather than treat the window as unproven and go on."""
    pool = WorkerPool(1, busy)
    try:
        pool.submit("job", (1, 30.0), None)
        first = pool.wait(time.perf_counter() + 10.0)
        assert [m.kind for m in first] == ["event"]
        (worker,) = [w for w in pool.workers if w is not None]
        os.kill(worker.process.pid, signal.SIGKILL)
        with pytest.raises(Interrupted) as stopped:
            while pool.busy:
                pool.wait(time.perf_counter() + 10.0)
        assert stopped.value.signum == signal.SIGKILL
        assert stopped.value.detail == "a search worker was killed by SIGKILL"
    finally:
        pool.close()
    assert not multiprocessing.active_children()
