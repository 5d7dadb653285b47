"""`circuits bench`: exact synthesis over a whole suite, with every result kept in the result store.

This module turns a suite into synthesis jobs for the batch engine, runs one job in a worker, and
condenses the finished jobs into the summary document that ``--json`` prints (docs/cli.md's contract:
``suite, jobs, done, timeouts, by_value, functions_by_value, cpu_seconds, wall_seconds``).

A job's store key names everything that determines its answer: the function (inputs, output tables,
care sets), basis, objective, solver and ``sat_encoding.ENCODER_VERSION``, and for a size job the
digest of the reference circuits it may start from. A size job starts from the strongest upper
bound at hand (circuits/improve/upper_bound.py: heuristic, references, a short rewriting pass); that
start is what the result's ``start`` field reports. The time limit is not part
of the key: a finished optimal result holds under any limit, and a timed-out one is re-run when a
later run allows more time (see ``reusable``).
"""

from __future__ import annotations

import csv
import hashlib
import json
import statistics
import time
from contextlib import closing
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Protocol, TextIO

from circuits.bench.engine import ExecutorSpec, Job, JobOutcome, run_jobs
from circuits.bench.published import compare_with_published
from circuits.bench.suites import Suite
from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.bench.store import ResultStore
from circuits.truthtable import TruthTable

SYNTHESIS_KIND = "synthesis"
OBJECTIVES = ("size", "depth", "frontier")


@dataclass(frozen=True)
class BenchConfig:
    """What every job of a bench run is asked: objective, basis, solver and per-job time limit."""

    objective: str = "size"
    basis: str = "b2"
    solver: str | None = None
    timeout: float | None = None
    certify: bool = False

    def checked(self) -> "BenchConfig":
        """Validate in the parent (one clear error instead of one per worker); resolve the solver."""
        from circuits.basis import get_basis
        from sat_encoding.runner import check_timeout
        from sat_encoding.solvers import check_solver

        if self.objective not in OBJECTIVES:
            raise InputError(f"unknown objective {self.objective!r}; choose one of {', '.join(OBJECTIVES)}")
        get_basis(self.basis)
        return BenchConfig(
            self.objective, self.basis, check_solver(self.solver), check_timeout(self.timeout), self.certify
        )


def synthesis_job(spec: TruthTable, config: BenchConfig, references: Mapping[str, Circuit] | None = None) -> Job:
    """The engine job that synthesizes ``spec`` under ``config`` (whose solver is resolved).

    ``references``: verified circuits for ``spec`` (a problem's reference designs) that the size
    search may start from (circuits/improve/upper_bound.py); they key the job by their digest, so
    a job with references is another job than one without.
    """
    from sat_encoding import ENCODER_VERSION

    function = {
        "inputs": spec.n,
        "outputs": spec.hex_outputs(),
        "care": None if spec.fully_specified else [f"0x{c:x}" for c in spec.care],
    }
    identity = {
        **function,
        "basis": config.basis,
        "objective": config.objective,
        "solver": config.solver,
        "encoder_version": ENCODER_VERSION,
    }
    if config.certify:  # a certified result is another job; uncertified keys stay as they were
        identity["certify"] = True
    extra: dict[str, Any] = {}
    if references and config.objective == "size":
        circuits = {name: circuit.to_dict() for name, circuit in sorted(references.items())}
        text = json.dumps(circuits, sort_keys=True, separators=(",", ":"))
        identity["references"] = hashlib.sha256(text.encode()).hexdigest()[:16]
        extra["reference_circuits"] = circuits
    key = json.dumps(identity, sort_keys=True, separators=(",", ":"))
    return Job(SYNTHESIS_KIND, key, {**identity, "timeout": config.timeout, **extra})


def _spec_of(payload: dict[str, Any]) -> TruthTable:
    outputs = [int(h, 16) for h in payload["outputs"]]
    care = None if payload["care"] is None else [int(c, 16) for c in payload["care"]]
    return TruthTable.from_bits(payload["inputs"], outputs, care)


def synthesize(payload: dict[str, Any]) -> dict[str, Any]:
    """The worker: run the synthesizer on one job and return a JSON result (circuits re-verified)."""
    import sat_encoding
    from circuits.improve.upper_bound import timed_search_start

    spec = _spec_of(payload)
    options = {
        "basis": payload["basis"],
        "solver": payload["solver"],
        "timeout": payload["timeout"],
        "certify": payload.get("certify", False),
    }
    identity = {key: payload[key] for key in ("encoder_version", "timeout")}
    if payload["objective"] == "frontier":
        points = sat_encoding.frontier(spec, **options)
        frontier = [
            {
                "depth": point.depth_budget if point.depth_budget is not None else point.depth,
                "size": point.size,
                "optimal": point.optimal,
                "lower_bound": point.lower_bound,
                "circuit": point.circuit.verify(spec).to_dict(),
                "certificate": point.certificate,
            }
            for point in points
            if point.circuit is not None
        ]
        optimal = all(p["optimal"] for p in frontier)
        return {
            "inputs": spec.n,
            "outputs": spec.hex_outputs(),
            "basis": payload["basis"],
            "objective": "frontier",
            "solver": payload["solver"],
            "frontier": frontier,
            "value": frontier_value(frontier),
            "optimal": optimal,
            "timed_out": not optimal,
            "seconds": points[-1].seconds,
            **identity,
        }
    if payload["objective"] == "depth":
        outcome = sat_encoding.minimum_depth(spec, **options)
        start = {}
    else:
        references = {name: Circuit.from_dict(c) for name, c in payload.get("reference_circuits", {}).items()}
        bound, options["timeout"] = timed_search_start(spec, payload["basis"], references, payload["timeout"])
        outcome = sat_encoding.minimum_size(spec, **options, start=None if bound is None else bound.circuit)
        start = {} if bound is None else {"start": {"size": bound.circuit.size, "source": bound.source, "cpu": bound.cpu_seconds}}
    if outcome.circuit is not None:
        outcome.circuit.verify(spec)
    return {**outcome.to_dict(), "value": outcome.value, **identity, **start}


def frontier_value(points: list[dict[str, Any]]) -> str:
    """A frontier as one comparable value: ``depth:size`` pairs, shallowest first (e.g. ``2:7 3:5``)."""
    return " ".join(f"{p['depth']}:{p['size']}" for p in points)


def reusable(job: Job, stored: dict[str, Any]) -> bool:
    """Whether ``--resume`` may keep a stored result: always, unless it timed out and the new limit is
    longer (or absent), in which case more time could prove more."""
    if not stored.get("timed_out"):
        return True
    old, new = stored.get("timeout"), job.payload["timeout"]
    return old is None or (new is not None and new <= old)


class BenchProgress(Protocol):
    """Receives the number of distinct jobs once, then every finished job (shown live by the CLI)."""

    def start(self, total: int) -> None: ...

    def advance(self, outcome: JobOutcome) -> None: ...


def run_bench(
    suite: Suite,
    config: BenchConfig,
    store: ResultStore,
    executor: ExecutorSpec,
    *,
    resume: bool = False,
    progress: BenchProgress | None = None,
) -> dict[str, Any]:
    """Run ``suite`` and return the summary document (see ``summarize``)."""
    config = config.checked()
    _check_suite(suite, config)
    jobs = [synthesis_job(item.spec, config) for item in suite.items]
    if progress is not None:
        progress.start(len({job.key for job in jobs}))
    start = time.perf_counter()
    outcomes: dict[str, JobOutcome] = {}
    # closing(): an interrupt that lands in the loop body still shuts the workers down at once.
    with closing(run_jobs(jobs, synthesize, store, executor, resume=resume, reuse=reusable)) as finished:
        for outcome in finished:
            outcomes[outcome.job.key] = outcome
            if progress is not None:
                progress.advance(outcome)
    wall = time.perf_counter() - start
    return summarize(suite, config, jobs, outcomes, wall, executor.describe())


def suite_job_keys(suite: Suite, config: BenchConfig) -> list[str]:
    """The store keys of a suite's jobs under ``config`` (to export exactly one suite's results)."""
    config = config.checked()
    return [synthesis_job(item.spec, config).key for item in suite.items]


def _check_suite(suite: Suite, config: BenchConfig) -> None:
    from circuits.basis import get_basis
    from sat_encoding import MAX_SYNTHESIS_INPUTS

    if suite.npn and not get_basis(config.basis).free_output_negation:
        raise InputError(
            f"suite {suite.name!r} lists NPN classes, but the {config.basis} basis does not make "
            "negations free, so one representative does not stand for its class; use a random or file suite"
        )
    for item in suite.items:
        if item.spec.n > MAX_SYNTHESIS_INPUTS:
            raise InputError(
                f"suite {suite.name!r}: {item.label} has {item.spec.n} inputs; synthesis supports at most "
                f"{MAX_SYNTHESIS_INPUTS}"
            )


def _sort_key(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, int) else (1, str(value))


def summarize(
    suite: Suite,
    config: BenchConfig,
    jobs: list[Job],
    outcomes: dict[str, JobOutcome],
    wall_seconds: float,
    executor: str,
) -> dict[str, Any]:
    """The bench summary: distribution of the objective over classes and functions, and the costs.

    ``done`` counts finished items (timed-out ones included), ``timeouts`` those among them cut by the
    time limit; ``by_value`` counts the others by their proven value. ``cpu_seconds`` and
    ``peak_rss_mb`` cover the jobs computed in this run; reused results keep their stored timings in
    ``time_by_value`` and ``results`` (one row per suite item, in suite order). Suites with a
    published distribution (``npn4``, ``all4`` in b2) get ``published``: its source, whether this run
    reproduces it exactly, and the expected counts.
    """
    classes: dict[Any, int] = {}
    functions: dict[Any, int] = {}
    times: dict[Any, list[float]] = {}
    unresolved = []
    rows = []
    for item, job in zip(suite.items, jobs):
        outcome = outcomes.get(job.key)
        if outcome is None:
            continue
        result = outcome.result
        seconds = _job_seconds(outcome)
        rows.append(
            {
                "function": item.label,
                "weight": item.weight,
                "value": result["value"],
                "optimal": result["optimal"],
                "timed_out": result["timed_out"],
                "seconds": round(seconds, 6),
                "reused": outcome.reused,
                "certified": certified(result),
            }
        )
        if result["timed_out"] or not result["optimal"]:
            unresolved.append(_unresolved_entry(item.label, result))
            continue
        value = result["value"]
        classes[value] = classes.get(value, 0) + 1
        functions[value] = functions.get(value, 0) + item.weight
        times.setdefault(value, []).append(seconds)
    computed = [o for o in outcomes.values() if not o.reused and o.stats is not None]
    order = sorted(classes, key=_sort_key)
    doc = {
        "suite": suite.name,
        "objective": config.objective,
        "basis": config.basis,
        "solver": config.solver,
        "timeout": config.timeout,
        "executor": executor,
        "jobs": len(suite.items),
        "done": len(rows),
        "timeouts": len(unresolved),
        "by_value": {str(v): classes[v] for v in order},
        "functions_by_value": {str(v): functions[v] for v in order},
        "functions": sum(item.weight for item in suite.items),
        "time_by_value": {
            str(v): {"median_seconds": round(statistics.median(times[v]), 6), "max_seconds": round(max(times[v]), 6)}
            for v in order
        },
        "unresolved": unresolved,
        "certify": config.certify,
        "certified": sum(1 for row in rows if row["certified"]),
        "computed": len(computed),
        "reused": sum(1 for o in outcomes.values() if o.reused),
        "cpu_seconds": round(sum(o.stats.cpu_seconds for o in computed if o.stats), 3),
        "wall_seconds": round(wall_seconds, 3),
        "peak_rss_mb": round(max((o.stats.peak_rss_kb for o in computed if o.stats), default=0) / 1024, 1),
        "results": rows,
    }
    published = compare_with_published(doc)
    if published is not None:
        doc["published"] = published
    return doc


def certified(result: dict[str, Any]) -> bool | None:
    """Whether every bound of a result was certified (None: certification was not asked for)."""
    certificates = [p.get("certificate") for p in result["frontier"]] if "frontier" in result else [result.get("certificate")]
    if any(c is None for c in certificates):
        return None
    return all(c["certified"] for c in certificates)


def _job_seconds(outcome: JobOutcome) -> float:
    return outcome.stats.wall_seconds if outcome.stats is not None else float(outcome.result.get("seconds", 0.0))


def _unresolved_entry(label: str, result: dict[str, Any]) -> dict[str, Any]:
    """A timed-out job with what was proven: best found and the proven lower bound."""
    entry: dict[str, Any] = {"function": label}
    if result["objective"] == "frontier":
        entry["frontier"] = [{k: p[k] for k in ("depth", "size", "optimal", "lower_bound")} for p in result["frontier"]]
    else:
        entry.update(best=result["value"], lower_bound=result["lower_bound"])
    return entry


CSV_FIELDS = (
    "inputs",
    "outputs",
    "care",
    "basis",
    "objective",
    "solver",
    "encoder_version",
    "value",
    "size",
    "depth",
    "optimal",
    "lower_bound",
    "timed_out",
    "timeout",
    "cpu_seconds",
    "wall_seconds",
    "peak_rss_kb",
    "finished_at",
)


def export_csv(store: ResultStore, out: TextIO, keys: Iterable[str] | None = None) -> int:
    """Write stored synthesis results as CSV (all of them, or those with the given keys); return the
    number of rows. Multi-output tables and care sets are space-separated within their cell."""
    wanted = None if keys is None else set(keys)
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    rows = 0
    for record in store.records(SYNTHESIS_KIND):
        if wanted is not None and record.key not in wanted:
            continue
        result = record.result
        identity = json.loads(record.key)
        row = {**identity, **{k: result.get(k) for k in CSV_FIELDS if k in result}}
        row["outputs"] = " ".join(identity["outputs"])
        row["care"] = "" if identity["care"] is None else " ".join(identity["care"])
        if record.stats is not None:
            row.update(
                cpu_seconds=round(record.stats.cpu_seconds, 6),
                wall_seconds=round(record.stats.wall_seconds, 6),
                peak_rss_kb=record.stats.peak_rss_kb,
            )
        row["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(record.finished_at))
        writer.writerow(row)
        rows += 1
    return rows

