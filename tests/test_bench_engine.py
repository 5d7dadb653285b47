"""The generic batch engine: every job once, stored as it finishes, resumable, chunked, Dask or local."""

from __future__ import annotations

import concurrent.futures as cf
import time
from pathlib import Path
from typing import Any

import pytest

from circuits.bench.engine import ExecutorSpec, Job, open_executor, run_jobs, run_jobs_on
from circuits.errors import InputError
from circuits.bench.store import ResultStore


def cube(payload: int) -> dict[str, Any]:
    """A top-level (picklable) worker."""
    return {"cube": payload**3}


def cube_but_not_three(payload: int) -> dict[str, Any]:
    if payload == 3:
        raise InputError("three is refused")
    return cube(payload)


def slow_cube(payload: int) -> dict[str, Any]:
    time.sleep(0.02)
    return cube(payload)


def _jobs(values: range | list[int], kind: str = "cube") -> list[Job]:
    return [Job(kind, f"n={v}", v) for v in values]


class CountingExecutor(cf.ThreadPoolExecutor):
    """A thread pool that records the size of every chunk submitted to it."""

    def __init__(self, workers: int) -> None:
        super().__init__(max_workers=workers)
        self.chunk_sizes: list[int] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        self.chunk_sizes.append(len(args[1]))
        return super().submit(fn, *args, **kwargs)


def test_every_distinct_job_runs_once_and_is_stored(tmp_path: Path) -> None:
    jobs = _jobs(list(range(30)) + [4, 7, 7])
    with ResultStore(tmp_path / "r.sqlite") as store:
        outcomes = list(run_jobs(jobs, cube, store, ExecutorSpec(workers=2)))
        assert sorted(o.job.payload for o in outcomes) == list(range(30))
        assert all(o.result == {"cube": o.job.payload**3} and not o.reused for o in outcomes)
        assert all(o.stats is not None and o.stats.wall_seconds >= 0 and o.stats.peak_rss_kb > 0 for o in outcomes)
        assert store.count("cube") == 30
        assert store.get("n=29", kind="cube") == {"cube": 29**3}


def test_resume_reuses_stored_results_without_recomputing(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "r.sqlite") as store:
        list(run_jobs(_jobs(range(10)), cube, store, ExecutorSpec(workers=2)))
        before = {r.key: r.finished_at for r in store.records("cube")}
        outcomes = list(run_jobs(_jobs(range(15)), cube, store, ExecutorSpec(workers=2), resume=True))
        reused = {o.job.key for o in outcomes if o.reused}
        assert reused == set(before)
        assert len(outcomes) == 15 and store.count("cube") == 15
        after = {r.key: r.finished_at for r in store.records("cube")}
        assert all(after[key] == stamp for key, stamp in before.items())


def test_without_resume_everything_is_recomputed(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "r.sqlite") as store:
        list(run_jobs(_jobs(range(5)), cube, store, ExecutorSpec(workers=1)))
        outcomes = list(run_jobs(_jobs(range(5)), cube, store, ExecutorSpec(workers=1)))
        assert not any(o.reused for o in outcomes)
        assert store.count() == 5


def test_reuse_predicate_can_send_a_stored_job_back_to_work(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "r.sqlite") as store:
        store.put("n=2", {"cube": -1}, kind="cube")  # a stale result the predicate rejects
        store.put("n=3", {"cube": 27}, kind="cube")
        outcomes = list(
            run_jobs(
                _jobs([2, 3]), cube, store, ExecutorSpec(workers=1), resume=True, reuse=lambda job, r: r["cube"] >= 0
            )
        )
        assert {o.job.payload: o.reused for o in outcomes} == {2: False, 3: True}
        assert store.get("n=2", kind="cube") == {"cube": 8}


def test_a_failing_job_stops_the_run_but_keeps_what_finished(tmp_path: Path) -> None:
    """The failing job comes last, so on one FIFO worker every other job has finished when it fails."""
    with ResultStore(tmp_path / "r.sqlite") as store, CountingExecutor(1) as executor:
        with pytest.raises(InputError, match="three is refused"):
            list(run_jobs_on(executor, 1, _jobs([0, 1, 2, 4, 5, 6, 7, 8, 9, 3]), cube_but_not_three, store))
        stored = {r.key: r.result for r in store.records("cube")}
        assert stored == {f"n={v}": {"cube": v**3} for v in range(10) if v != 3}


def test_tiny_jobs_are_chunked_and_slow_ones_are_not() -> None:
    with CountingExecutor(2) as executor:
        outcomes = list(run_jobs_on(executor, 2, _jobs(range(2000)), cube, None))
    assert len(outcomes) == 2000
    assert len(executor.chunk_sizes) < 100 and max(executor.chunk_sizes) > 50
    with CountingExecutor(2) as executor:
        list(run_jobs_on(executor, 2, _jobs(range(12)), slow_cube, None, chunk_seconds=0.005))
    assert executor.chunk_sizes == [1] * 12


def mixed(payload: int) -> dict[str, Any]:
    """Cheap for payloads below 1000, slow above: the shape of an NPN suite."""
    if payload >= 1000:
        time.sleep(0.01)
    return {"payload": payload}


def test_cheap_jobs_first_do_not_lump_the_expensive_ones_together() -> None:
    """A burst of trivial jobs must not make the engine pack the later heavy jobs into one chunk."""
    jobs = _jobs(list(range(40)) + list(range(1000, 1040)))
    with CountingExecutor(2) as executor:
        list(run_jobs_on(executor, 2, jobs, mixed, None, chunk_seconds=0.02))
    assert max(executor.chunk_sizes) <= len(jobs) // 8  # a quarter of a fair share at most
    assert executor.chunk_sizes[:4] == [1, 1, 1, 1]  # sizes grow only on evidence


def test_dask_local_cluster_gives_the_same_results_as_the_pool(tmp_path: Path) -> None:
    jobs = _jobs(range(25))
    with ResultStore(tmp_path / "pool.sqlite") as pool_store:
        pool = {o.job.key: o.result for o in run_jobs(jobs, cube, pool_store, ExecutorSpec(workers=2))}
    with ResultStore(tmp_path / "dask.sqlite") as dask_store:
        spec = ExecutorSpec(workers=1, scheduler="local", processes=False)
        dask = {o.job.key: o.result for o in run_jobs(jobs, cube, dask_store, spec)}
        assert dask_store.count("cube") == 25
    assert dask == pool


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"workers": 0}, "--jobs must be at least 1"),
        ({"scheduler": "somewhere"}, "neither 'local' nor an address"),
    ],
)
def test_bad_executor_specs_are_input_errors(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        ExecutorSpec(**fields)


def test_an_unreachable_scheduler_is_an_input_error() -> None:
    with pytest.raises(InputError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        with open_executor(ExecutorSpec(scheduler="tcp://127.0.0.1:9", connect_timeout=1.0)):
            pass


def test_killing_a_pool_with_cancelled_jobs_raises_nothing_in_its_manager_thread(monkeypatch) -> None:
    """On Python 3.11 a broken pool fails its cancelled jobs too, and the InvalidStateError kills its
    manager thread with a traceback on stderr (seen on an interrupted bench); never here."""
    import threading

    from circuits.bench.engine import _kill_pool

    errors: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(args.exc_value))
    for _ in range(5):
        pool = cf.ProcessPoolExecutor(max_workers=2)
        futures = [pool.submit(time.sleep, 30) for _ in range(12)]
        time.sleep(0.3)  # the first jobs run, the rest wait in the pool's table
        assert sum(future.cancel() for future in futures) > 0
        _kill_pool(pool)
        pool.shutdown(wait=True, cancel_futures=True)
    assert errors == []
