"""The study's glue to the batch engine: one worker for every job kind, the reuse rule, and a
runner that takes one wave of jobs through the engine and keeps the run's accounting.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Protocol, Sequence

from circuits.bench.engine import ExecutorSpec, Job, run_jobs
from circuits.bench.store import ResultStore
from circuits.study import jobs


class StudyProgress(Protocol):
    """Told when a stage starts (with its number of distinct jobs) and when each job finishes."""

    def stage(self, name: str, total: int) -> None: ...

    def advance(self, label: str, reused: bool) -> None: ...


def run_task(task: tuple[str, Any]) -> dict[str, Any]:
    """The one worker function of every wave: dispatch on the job's kind.

    A job that fails returns ``{"error": ...}`` instead of raising: one bad job must not stop a
    study of hours. The error is stored (so the report can show it) but never reused, and the
    circuit sets it touches are reported incomplete, so it cannot earn a verdict.
    """
    from circuits.bench.synthesis import synthesize

    kind, payload = task
    workers: dict[str, Callable[[Any], dict[str, Any]]] = {
        "synthesis": synthesize,
        jobs.ENUMERATION_KIND: jobs.enumerate_worker,
        jobs.POPULATION_KIND: jobs.population_worker,
        jobs.ANALYSIS_KIND: jobs.analyze_worker,
        jobs.N3_KIND: jobs.n3_worker,
        jobs.POWER_KIND: jobs.power_worker,
        jobs.IMPROVEMENT_KIND: jobs.improve_worker,
    }
    try:
        return workers[kind](payload)
    except Exception as err:  # recorded per job; see the docstring
        return {"error": f"{type(err).__name__}: {err}"}


def reusable(job: Job, stored: dict[str, Any]) -> bool:
    """The benchmark's reuse rule, on the job's own payload; a failed job is always retried."""
    from circuits.bench.synthesis import reusable

    return "error" not in stored and reusable(Job(job.kind, job.key, job.payload[1]), stored)


@dataclass(frozen=True)
class Request:
    """One job of a wave and where its result goes: ``accept`` takes a result; a failure is written
    to ``errors`` (the owning target's list) as "``failure``: <error>", or dropped when ``errors``
    is None (a result the report can do without)."""

    label: str
    job: Job
    accept: Callable[[dict[str, Any]], None]
    errors: list[str] | None
    failure: str = ""


class Waves:
    """Runs one wave of jobs through the batch engine and keeps the run's accounting."""

    def __init__(self, store: ResultStore | None, executor: ExecutorSpec, progress: StudyProgress | None) -> None:
        self.store = store
        self.executor = executor
        self.progress = progress
        self.computed = 0
        self.reused = 0
        self.cpu_seconds = 0.0
        self.total_cpu_seconds = 0.0
        self.by_stage: dict[str, dict[str, int]] = {}

    def run(self, stage: str, requests: Iterable[tuple[str, Job]]) -> dict[tuple[str, str], dict[str, Any]]:
        """Run (label, job) requests; return results by (kind, key). Labels feed the progress bar."""
        labels: dict[tuple[str, str], str] = {}
        wrapped: list[Job] = []
        for label, job in requests:
            if (job.kind, job.key) not in labels:
                labels[(job.kind, job.key)] = label
                wrapped.append(Job(job.kind, job.key, (job.kind, job.payload)))
        counts = {"jobs": len(wrapped), "computed": 0, "reused": 0}
        self.by_stage[stage] = counts
        if self.progress is not None:
            self.progress.stage(stage, len(wrapped))
        results: dict[tuple[str, str], dict[str, Any]] = {}
        if not wrapped:
            return results
        # closing(): an interrupt that lands in the loop body still shuts the workers down at once.
        with closing(run_jobs(wrapped, run_task, self.store, self.executor, resume=True, reuse=reusable)) as finished:
            for outcome in finished:
                key = (outcome.job.kind, outcome.job.key)
                results[key] = outcome.result
                counts["reused" if outcome.reused else "computed"] += 1
                cpu = outcome.stats.cpu_seconds if outcome.stats else 0.0
                self.total_cpu_seconds += cpu
                if outcome.reused:
                    self.reused += 1
                else:
                    self.computed += 1
                    self.cpu_seconds += cpu
                if self.progress is not None:
                    self.progress.advance(labels[key], outcome.reused)
        return results

    def deliver(self, stage: str, requests: Sequence[Request]) -> None:
        """Run the requests' jobs as one wave and hand every result to its request."""
        done = self.run(stage, [(request.label, request.job) for request in requests])
        for request in requests:
            result = done[key(request.job)]
            if "error" not in result:
                request.accept(result)
            elif request.errors is not None:
                request.errors.append(f"{request.failure}: {result['error']}")


def key(job: Job) -> tuple[str, str]:
    return (job.kind, job.key)
