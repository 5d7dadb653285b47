"""The batch engine: run many independent jobs on local processes or a Dask cluster, storing each result.

One code path serves every job type (benchmark synthesis, the study's analysis runs) and every place
to run them: jobs go to a ``concurrent.futures.Executor``, which is either a local
``ProcessPoolExecutor`` or the executor view of a ``dask.distributed.Client`` (a remote scheduler or a
``LocalCluster`` started here). Nothing below depends on which one it is.

Usage::

    from circuits.bench.engine import ExecutorSpec, Job, run_jobs
    from circuits.bench.store import ResultStore

    jobs = [Job(kind="my-kind", key=f"item-{i}", payload={"i": i}) for i in range(100)]
    with ResultStore("results.sqlite") as store:
        for outcome in run_jobs(jobs, my_worker, store, ExecutorSpec(workers=2), resume=True):
            print(outcome.job.key, outcome.result)

``my_worker`` must be a module-level function (it is pickled by reference) that takes one payload and
returns a JSON-serializable dict. Results are committed to the store by the parent process, one
transaction per job, as soon as the job's chunk comes back, so a run killed at any moment loses only
the jobs in flight.

Chunking: tiny jobs (a 3-input function solves in milliseconds) would drown in scheduling overhead if
sent one by one, and big chunks would hold finished results hostage in a worker and unbalance the
load. So chunk sizes adapt to the measured job time, starting from one job per chunk (see ``_drive``).
"""

from __future__ import annotations

import concurrent.futures as cf
import itertools
import os
import resource
import signal
import sys
import time
import uuid
from collections import deque
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Generator, Iterable, Iterator

from circuits.bench.bound_store import StoreBoundKeeper
from circuits.bench.store import ResultStore, RunStats
from circuits.errors import InputError
from circuits.interrupts import Interrupted
from circuits.lifetime import become_worker
from sat_encoding.kept_bounds import installed_keeper, keeping_bounds
from sat_encoding.runner import search_worker_usage

#: A worker: takes a job's payload, returns its JSON-serializable result. Must be picklable.
WorkerFn = Callable[[Any], dict[str, Any]]

#: Target duration of one chunk of jobs, in seconds.
CHUNK_SECONDS = 0.25

#: Upper bound on the jobs in one chunk, whatever their speed.
MAX_CHUNK = 256


@dataclass(frozen=True)
class Job:
    """A plain, picklable description of one unit of work.

    ``kind`` names the job type and ``key`` identifies the job completely within it; together they are
    the job's row in the result store. ``payload`` is what the worker function receives.
    """

    kind: str
    key: str
    payload: Any


@dataclass(frozen=True)
class JobOutcome:
    """A finished job: its result, the engine's measurements, and whether it came from the store."""

    job: Job
    result: dict[str, Any]
    stats: RunStats | None
    reused: bool


@dataclass(frozen=True)
class ExecutorSpec:
    """Where jobs run.

    ``scheduler`` None means a local process pool of ``workers`` processes (default: the number of
    cores). ``"local"`` starts a Dask ``LocalCluster`` of ``workers`` single-threaded worker
    processes; any other value is the address of a running Dask scheduler (``tcp://HOST:PORT``), whose
    own workers then decide the parallelism (they must have this package installed and should run
    with ``distributed.worker.daemon: False`` so that time-limited jobs may start a child process).
    ``processes=False`` runs a LocalCluster's workers as threads in this process (fast to start; used
    by tests). ``connect_timeout`` bounds the wait for a remote scheduler.
    """

    workers: int | None = None
    scheduler: str | None = None
    processes: bool = True
    connect_timeout: float = 10.0

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers < 1:
            raise InputError(f"--jobs must be at least 1, got {self.workers}")
        if self.scheduler not in (None, "local") and "://" not in str(self.scheduler):
            raise InputError(
                f"--scheduler {self.scheduler!r} is neither 'local' nor an address like tcp://HOST:PORT"
            )

    def describe(self) -> str:
        workers = f"{self.worker_count()} worker{'s' if self.worker_count() > 1 else ''}"
        if self.scheduler is None:
            return f"local process pool, {workers}"
        if self.scheduler == "local":
            return f"Dask LocalCluster, {workers}"
        return f"Dask scheduler {self.scheduler}"

    def worker_count(self) -> int:
        return self.workers if self.workers is not None else (os.cpu_count() or 1)

    @property
    def on_this_machine(self) -> bool:
        """Whether the workers run here (and so can reach files of this machine, like the store)."""
        return self.scheduler in (None, "local")


@contextmanager
def open_executor(spec: ExecutorSpec) -> Iterator[tuple[cf.Executor, int]]:
    """Yield (executor, parallelism) for ``spec`` and shut everything down afterwards."""
    with _open_executor(spec) as (executor, parallelism, _):
        yield executor, parallelism


@contextmanager
def _open_executor(spec: ExecutorSpec) -> Iterator[tuple[cf.Executor, int, Callable[[], Any]]]:
    """(executor, parallelism, a factory of cancellation tokens that its jobs can read)."""
    if spec.scheduler is None:
        workers = spec.worker_count()
        counter = _shared_counter()
        pool = cf.ProcessPoolExecutor(max_workers=workers, initializer=_pool_worker, initargs=(os.getpid(), counter))
        _install_counter(counter)
        numbers = itertools.count(1)
        try:
            yield pool, workers, lambda: PoolToken(next(numbers))
        except BaseException:
            _kill_pool(pool)  # an interrupt or a failed job: running jobs are not waited for
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return
    with _dask_client(spec) as (client, kill_workers):
        parallelism = max(1, sum(client.nthreads().values()))
        executor = client.get_executor(pure=False)
        try:
            yield executor, parallelism, lambda: DaskToken(f"circuits-cancel-{uuid.uuid4().hex}")
        except BaseException:
            kill_workers()  # before cancelling, which would make each worker log its lost task
            raise
        finally:
            executor.shutdown(wait=False)  # cancels whatever still runs


def _pool_worker(parent_pid: int, counter: Any) -> None:
    """Initializer of a pool worker: it dies with its parent and reads the cancellation counter."""
    become_worker(parent_pid)
    _install_counter(counter)


@contextmanager
def open_parts_solver(spec: ExecutorSpec) -> Iterator[Any]:
    """A ``sat_encoding.parallel.PartsSolver`` on the executor ``spec`` describes: pass it as
    ``parts`` to the synthesis functions to split their hard questions over its workers."""
    from sat_encoding.parallel import PartsSolver

    with _open_executor(spec) as (executor, parallelism, new_token):
        yield PartsSolver(executor, parallelism, new_token)


@contextmanager
def optional_parts_solver(spec: ExecutorSpec, split: bool) -> Iterator[Any]:
    """``open_parts_solver`` when ``split`` is asked for and more than one worker (or a Dask
    scheduler) is there to share the parts; None otherwise: no executor is started."""
    if not split or (spec.scheduler is None and spec.worker_count() < 2):
        yield None
        return
    with open_parts_solver(spec) as parts:
        yield parts


# -- cancellation tokens ----------------------------------------------------------------------------
#: In a pool worker (and in the pool's owner): the shared counter behind PoolToken. A token numbered
#: i is set once the counter reaches i; tokens are handed out in increasing order and each question
#: is finished before the next one starts, so raising the counter never cancels a live question.
_cancel_counter: Any = None


def _shared_counter() -> Any:
    import multiprocessing

    return multiprocessing.Value("q", 0)


def _install_counter(counter: Any) -> None:
    global _cancel_counter
    _cancel_counter = counter


@dataclass(frozen=True)
class PoolToken:
    """A cancellation token of a local process pool: a number compared with a shared counter."""

    number: int

    def set(self) -> None:
        with _cancel_counter.get_lock():
            _cancel_counter.value = max(_cancel_counter.value, self.number)

    def is_set(self) -> bool:
        return _cancel_counter is not None and _cancel_counter.value >= self.number


@dataclass(frozen=True)
class DaskToken:
    """A cancellation token on a Dask cluster: a named ``distributed.Event`` (reached from the client
    in the parent and from each worker's own client in the jobs)."""

    name: str

    def set(self) -> None:
        from distributed import Event

        Event(self.name).set()

    def is_set(self) -> bool:
        from distributed import Event

        return bool(Event(self.name).is_set())


def _kill_pool(pool: cf.ProcessPoolExecutor) -> None:
    """SIGKILL every worker process of ``pool`` (their own search workers follow: circuits.lifetime).

    ``ProcessPoolExecutor`` has no public way to stop running jobs; ``_processes`` (pid → process)
    has been its worker table since Python 3.2.

    A killed worker breaks the pool, and the pool's manager thread then fails every job it still
    holds. Python 3.11 (CI's version) does so without checking for jobs cancelled meanwhile (by a
    parts question answered early, or by the batch loop), and the InvalidStateError it raises kills
    the thread with a traceback on stderr (CPython gh-107219, fixed in later versions). So the
    cancelled jobs it holds are first handed a stand-in future that accepts the failure and never
    runs.
    """
    for item in list((getattr(pool, "_pending_work_items", None) or {}).values()):
        if item.future.cancelled():
            item.future = _SettledFuture()
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.kill()


class _SettledFuture(cf.Future):
    """The stand-in for a cancelled job of a pool being killed: it refuses to start and ignores the
    outcome the broken pool hands it."""

    def set_running_or_notify_cancel(self) -> bool:
        return False

    def set_result(self, result: Any) -> None:
        pass

    def set_exception(self, exception: BaseException | None) -> None:
        pass


@contextmanager
def _dask_client(spec: ExecutorSpec) -> Iterator[tuple[Any, Callable[[], None]]]:
    """A connected ``distributed.Client`` (to a new LocalCluster or to the scheduler at the address),
    and a function that kills the LocalCluster's worker processes at once (nothing for a remote
    scheduler, whose workers are not ours, or for threads)."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)
    if spec.scheduler == "local":
        # Non-daemonic workers: a job may start its own child process (the synthesizer runs its
        # searches in one), which daemonic processes may not do. Worker processes leave Ctrl-C to
        # this process (dask_worker.py); threads share its handler anyway.
        preload = {"preload": ["circuits.bench.dask_worker"]} if spec.processes else {}
        with dask.config.set({"distributed.worker.daemon": False}):
            cluster = LocalCluster(
                n_workers=spec.worker_count(),
                threads_per_worker=1,
                processes=spec.processes,
                dashboard_address=None,
                **preload,
            )
        try:
            with Client(cluster) as client:
                pids = list(client.run(os.getpid).values()) if spec.processes else []
                yield client, lambda: _kill_local_workers(cluster, pids)
        finally:
            cluster.close()
        return
    address = str(spec.scheduler)
    try:
        client = Client(address, timeout=spec.connect_timeout)
    except (OSError, TimeoutError) as err:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    with client:
        yield client, lambda: None


def _kill_local_workers(cluster: Any, pids: list[int]) -> None:
    """SIGKILL a LocalCluster's worker processes (Dask cannot stop a running task otherwise).

    Each nanny is first marked as closing, or it would start a new worker in place of the killed
    one, and closing the cluster would then wait seconds for that worker to come up.
    """
    from distributed.core import Status

    for nanny in cluster.workers.values():
        nanny.status = Status.closing_gracefully
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def peak_rss_kb() -> int:
    """Peak resident set size in KiB of this process, of any finished child it waited for, or of its
    live search worker, whichever is larger (the synthesizer runs its searches in a worker process)."""
    scale = 1024 if sys.platform == "darwin" else 1  # macOS reports bytes, Linux KiB
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children, search_worker_usage()[1]) // scale


def _cpu_seconds() -> float:
    """CPU seconds of this process, its finished children and its live search worker (user and system)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime + search_worker_usage()[0]


#: One job's (result, stats, None), or (None, None, the exception it raised).
JobAnswer = tuple[dict[str, Any] | None, RunStats | None, BaseException | None]


def run_chunk(worker_fn: WorkerFn, payloads: list[Any], bounds_path: Path | None = None) -> list[JobAnswer]:
    """Run a chunk of payloads in a worker; measure each job; capture, never raise, a job's exception.

    A job that raises does not take the rest of its chunk down: its exception is returned in its
    slot and re-raised by the parent after the chunk's good results are stored. A job whose search
    worker was killed (``Interrupted``) is returned the same way: it has no result to store, and the
    parent stops the run as if it had been interrupted itself. CPU time is the
    worker process's and its children's (exact for process workers, which run one job at a time;
    threaded Dask workers would share it). With ``bounds_path``, the jobs keep the bounds they prove
    in that store and start from those kept there (circuits/bench/bound_store.py).
    """
    keeper = StoreBoundKeeper(bounds_path) if bounds_path is not None else installed_keeper()
    with keeping_bounds(keeper):
        return [_run_measured(worker_fn, payload) for payload in payloads]


def _run_measured(worker_fn: WorkerFn, payload: Any) -> JobAnswer:
    """Run one job and measure it; its exception is returned, never raised."""
    cpu0, wall0 = _cpu_seconds(), time.perf_counter()
    try:
        result = worker_fn(payload)
    except (Exception, Interrupted) as err:  # returned to the parent, which re-raises it
        return None, None, err
    return result, RunStats(_cpu_seconds() - cpu0, time.perf_counter() - wall0, peak_rss_kb()), None


def run_jobs(
    jobs: Iterable[Job],
    worker_fn: WorkerFn,
    store: ResultStore | None,
    executor_spec: ExecutorSpec,
    *,
    resume: bool = False,
    reuse: Callable[[Job, dict[str, Any]], bool] | None = None,
    chunk_seconds: float = CHUNK_SECONDS,
) -> Iterator[JobOutcome]:
    """Run ``jobs`` through ``worker_fn`` and yield one ``JobOutcome`` per distinct job as it finishes.

    - Jobs with the same (kind, key) run once.
    - With a store, every computed result is committed (one transaction per job) before it is yielded.
    - With a store the workers can reach (a process pool or a Dask LocalCluster on this machine), the
      jobs keep the bounds they prove in it and start from those kept there (bound_store.py).
    - With ``resume``, jobs already in the store are not run: their stored results are yielded first,
      marked ``reused``. ``reuse(job, stored_result)`` may veto that per job (the benchmark re-runs a
      timed-out job when given a longer time limit).
    - A job whose worker raises stops the run: results already finished are kept, the rest are
      cancelled, and the exception is re-raised here.

    The executor is opened only if some job needs computing, and shut down when the iterator ends.
    """
    todo = yield from _reuse_stored(jobs, store, resume, reuse)
    if todo:
        bounds = store.path if store is not None and executor_spec.on_this_machine else None
        with open_executor(executor_spec) as (executor, parallelism):
            yield from _drive(executor, parallelism, todo, worker_fn, store, chunk_seconds, bounds)


def run_jobs_on(
    executor: cf.Executor,
    parallelism: int,
    jobs: Iterable[Job],
    worker_fn: WorkerFn,
    store: ResultStore | None,
    *,
    resume: bool = False,
    reuse: Callable[[Job, dict[str, Any]], bool] | None = None,
    chunk_seconds: float = CHUNK_SECONDS,
    bounds_path: Path | None = None,
) -> Iterator[JobOutcome]:
    """``run_jobs`` on an executor the caller owns (from ``open_executor``), e.g. to run several
    batches on one Dask cluster without starting it again; ``parallelism`` is its number of workers,
    ``bounds_path`` the store its jobs keep proven bounds in (one its workers can reach)."""
    todo = yield from _reuse_stored(jobs, store, resume, reuse)
    if todo:
        yield from _drive(executor, parallelism, todo, worker_fn, store, chunk_seconds, bounds_path)


def _reuse_stored(
    jobs: Iterable[Job],
    store: ResultStore | None,
    resume: bool,
    reuse: Callable[[Job, dict[str, Any]], bool] | None,
) -> Generator[JobOutcome, None, list[Job]]:
    """Yield the stored outcomes that may be reused; return the distinct jobs left to compute."""
    unique: dict[tuple[str, str], Job] = {}
    for job in jobs:
        unique.setdefault((job.kind, job.key), job)
    todo: list[Job] = []
    for job in unique.values():
        record = store.record(job.key, kind=job.kind) if (store is not None and resume) else None
        if record is not None and (reuse is None or reuse(job, record.result)):
            yield JobOutcome(job, record.result, record.stats, reused=True)
        else:
            todo.append(job)
    return todo


def _drive(
    executor: cf.Executor,
    parallelism: int,
    todo: list[Job],
    worker_fn: WorkerFn,
    store: ResultStore | None,
    chunk_seconds: float,
    bounds_path: Path | None,
) -> Iterator[JobOutcome]:
    """Keep about two chunks per worker in flight, sized adaptively, until every job is back.

    Chunk sizing is deliberately cautious, because job costs in a suite vary by orders of magnitude
    (the trivial NPN classes come first, the 7-gate ones later): a chunk is at most twice the largest
    chunk that has come back so far (slow start), aims at ``chunk_seconds`` at the recent average job
    time (an exponential moving average over returned chunks), and never exceeds a quarter of a fair
    share of what is left, so heavy jobs still spread over all workers.
    """
    pending = deque(todo)
    in_flight: dict[cf.Future[Any], list[Job]] = {}
    recent_seconds: float | None = None  # moving average of wall seconds per job
    largest_returned = 0

    def submit_next() -> None:
        size = max(1, 2 * largest_returned)
        if recent_seconds is not None and recent_seconds > 0:
            size = min(size, int(chunk_seconds / recent_seconds))
        size = max(1, min(size, MAX_CHUNK, len(pending) // (4 * parallelism)))
        chunk = [pending.popleft() for _ in range(min(size, len(pending)))]
        future = executor.submit(run_chunk, worker_fn, [job.payload for job in chunk], bounds_path)
        in_flight[future] = chunk

    def collect(future: cf.Future[Any]) -> Generator[JobOutcome, None, BaseException | None]:
        """Store and yield a returned chunk's good results; return its first job error, if any."""
        nonlocal recent_seconds, largest_returned
        chunk = in_flight.pop(future)
        returned = future.result()
        largest_returned = max(largest_returned, len(chunk))
        failure: BaseException | None = None
        seconds = []
        for job, (result, stats, error) in zip(chunk, returned):
            if error is not None:
                failure = failure or error
                continue
            assert result is not None and stats is not None
            if store is not None:
                store.put(job.key, result, kind=job.kind, stats=stats)
            seconds.append(stats.wall_seconds)
            yield JobOutcome(job, result, stats, reused=False)
        if seconds:
            mean = sum(seconds) / len(seconds)
            recent_seconds = mean if recent_seconds is None else (recent_seconds + mean) / 2
        return failure

    try:
        while pending and len(in_flight) < 2 * parallelism:
            submit_next()
        while in_flight:
            done, _ = cf.wait(in_flight, return_when=cf.FIRST_COMPLETED)
            failures = []
            for future in done:
                failures.append((yield from collect(future)))
            failure = next((f for f in failures if f is not None), None)
            if failure is not None:
                # Keep whatever else has already come back, then stop.
                for future in [f for f in in_flight if f.done() and not f.cancelled()]:
                    yield from collect(future)
                raise failure
            while pending and len(in_flight) < 2 * parallelism:
                submit_next()
    finally:
        for future in in_flight:
            future.cancel()
