"""The search worker and the interrupt plumbing, in-process."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
import time

import pytest

from circuits.bench.engine import ExecutorSpec, Job, run_jobs
from circuits.bench.store import ResultStore
from circuits.interrupts import Interrupted, interruption, signals_raise
from circuits.study.waves import run_task
from circuits.truthtable import parse_truth_tables
from sat_encoding import minimum_size
from sat_encoding.runner import Bound, run_search, search_worker_usage, stop_search_workers


def slow_search(seconds: float):
    yield Bound("started", 1)
    time.sleep(seconds)
    yield Bound("finished", 1)


def failing_search():
    yield Bound("started", 1)
    raise ValueError("broken on purpose")


def search_workers() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name == "search-worker"]


def test_interrupted_survives_pickling_and_names_its_exit_code():
    err = pickle.loads(pickle.dumps(Interrupted(signal.SIGTERM, "detail")))
    assert isinstance(err, Interrupted) and isinstance(err, KeyboardInterrupt)
    assert (err.signum, err.detail, err.exit_code, err.signal_name) == (signal.SIGTERM, "detail", 143, "SIGTERM")


def test_interruption_recognizes_the_three_forms_of_an_interrupt():
    from pysolvers import error as SolverError

    assert interruption(KeyboardInterrupt()).exit_code == 130
    assert interruption(Interrupted(signal.SIGTERM)).exit_code == 143
    assert interruption(SolverError("Caught keyboard interrupt")).exit_code == 130
    assert interruption(SolverError("something else")) is None
    assert interruption(ValueError("Caught keyboard interrupt")) is None


def test_signals_raise_turns_sigterm_into_one_interrupt_and_restores_handlers():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(Interrupted) as caught:
        with signals_raise():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)
    assert caught.value.exit_code == 143
    assert signal.getsignal(signal.SIGTERM) is before


def test_signals_raise_leaves_an_ignored_signal_ignored():
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with signals_raise():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.2)  # nothing happens
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_one_worker_serves_search_after_search():
    run_search(slow_search, (0.0,), None)
    (worker,) = search_workers()
    for _ in range(3):
        assert [e.measure for e in run_search(slow_search, (0.0,), None).events] == ["started", "finished"]
    assert search_workers() == [worker]


def test_a_time_limit_kills_the_worker_and_keeps_what_came_before():
    outcome = run_search(slow_search, (30.0,), 0.5)
    assert outcome.timed_out and [e.measure for e in outcome.events] == ["started"]
    assert outcome.seconds < 5
    assert run_search(slow_search, (0.0,), None).timed_out is False  # a fresh worker takes over


def test_an_error_in_the_search_reaches_the_caller_with_its_type():
    with pytest.raises(ValueError, match="broken on purpose"):
        run_search(failing_search, (), None)
    assert len(search_workers()) == 1  # the worker survives its search's error


def test_a_worker_killed_from_outside_is_an_interrupt_not_an_answer():
    run_search(slow_search, (0.0,), None)
    (worker,) = search_workers()
    threading.Timer(0.5, os.kill, (worker.pid, signal.SIGKILL)).start()
    with pytest.raises(Interrupted) as caught:
        run_search(slow_search, (30.0,), None)
    assert caught.value.signum == signal.SIGKILL and "killed by SIGKILL" in caught.value.detail
    assert worker not in search_workers()


def test_the_search_worker_leaves_ctrl_c_to_its_parent():
    run_search(slow_search, (0.0,), None)
    (worker,) = search_workers()
    status = dict(line.split(":", 1) for line in open(f"/proc/{worker.pid}/status"))
    assert int(status["SigBlk"], 16) & (1 << (signal.SIGINT - 1))


def test_worker_cpu_time_is_counted_while_the_worker_lives():
    stop_search_workers()
    before, _ = search_worker_usage()
    minimum_size(parse_truth_tables(["0x6996"]))
    after, peak_kb = search_worker_usage()
    assert after > before and peak_kb > 0


def test_patches_reach_the_search_only_after_the_workers_are_restarted(monkeypatch):
    import sat_encoding.size as size

    run_search(slow_search, (0.0,), None)

    def no_heuristic(table, basis):
        raise RuntimeError("patched")

    monkeypatch.setattr(size, "heuristic_circuit", no_heuristic)
    minimum_size(parse_truth_tables(["0xe8"]))  # the running worker forked before the patch
    stop_search_workers()
    with pytest.raises(RuntimeError, match="patched"):
        minimum_size(parse_truth_tables(["0xe8"]))
    monkeypatch.undo()
    stop_search_workers()


def interrupted_job(payload: int) -> dict:
    if payload == 1:
        raise Interrupted(signal.SIGKILL, "a search worker was killed by SIGKILL")
    return {"value": payload}


def test_an_interrupted_job_is_never_stored_and_stops_the_run(tmp_path):
    jobs = [Job("test", str(i), i) for i in range(3)]
    with ResultStore(tmp_path / "r.sqlite") as store:
        with pytest.raises(Interrupted):
            list(run_jobs(jobs, interrupted_job, store, ExecutorSpec(workers=1)))
        assert store.get("1", kind="test") is None
        assert all(store.get(str(i), kind="test") in (None, {"value": i}) for i in (0, 2))


def test_the_study_worker_lets_an_interrupt_through_instead_of_recording_an_error(monkeypatch):
    import circuits.bench.synthesis as synthesis

    def killed(payload):
        raise Interrupted(signal.SIGKILL, "a search worker was killed by SIGKILL")

    monkeypatch.setattr(synthesis, "synthesize", killed)
    with pytest.raises(Interrupted):
        run_task(("synthesis", {}))
    monkeypatch.setattr(synthesis, "synthesize", lambda payload: 1 / 0)
    assert run_task(("synthesis", {}))["error"].startswith("ZeroDivisionError")
