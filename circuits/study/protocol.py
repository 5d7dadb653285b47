"""The study protocol of ANALYZER.md §7, run as waves of batch jobs.

Per problem and basis:

1. **synthesis** — minimum size and minimum depth (then minimum size at that depth), each under the
   per-job time limit. Every verified circuit known is an upper bound: the other search's circuit
   and the reference circuits (translated into the basis) can settle s_min when the size search
   only proved the lower bound.
2. **enumeration** — all minimum-size circuits and all minimum-depth circuits up to isomorphism,
   the frontier when the minimum-depth circuits are larger than the minimum size, and the N1 null
   (seeded samples of the irredundant circuits at s_min + 1..3). Only proven optima are enumerated.
3. **frontier points** — all circuits of every frontier point strictly between the two ends.
4. **analysis** — every circuit (references, optimal sets, frontier, N1, and controls' optimal
   circuits against the search formulations they are declared decoys for) scored by the analyzer
   with its decoy null N2.
5. **N4** — the optimal circuits scored again with candidate weights w_c = 1 − p_null(c), where
   p_null(c) is the share of N1 circuits that compute v_c.

Each wave goes through the batch engine (parallel workers, every result committed to the store), so
a rerun reads everything back and a killed run resumes where it stopped. Then the verdict rule and
the mechanism tests (``verdicts``) are applied.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Protocol

from circuits.basis import XOR_TYPE_OPS, get_basis
from circuits.batch import ExecutorSpec, Job, run_jobs
from circuits.canonical import canonical_key
from circuits.circuit import Circuit
from circuits.problems.model import SearchProblem
from circuits.store import ResultStore
from circuits.study import jobs
from circuits.study.config import StudyConfig
from circuits.study.results import CircuitSet, ScoredCircuit, SynthesisFacts, TargetResult
from circuits.study.verdicts import (
    compare_size_depth,
    family_trend,
    frontier_trend,
    informativeness,
    judge,
    null_comparison,
)

STAGES = ("synthesis", "enumeration", "frontier points", "analysis", "N4 weights")


class StudyProgress(Protocol):
    """Told when a stage starts (with its number of distinct jobs) and when each job finishes."""

    def stage(self, name: str, total: int) -> None: ...

    def advance(self, label: str, reused: bool) -> None: ...


@dataclass
class StudyRun:
    """A finished study: one result per (problem, basis), the scaling families, and the costs."""

    config: StudyConfig
    targets: list[TargetResult]
    families: dict[str, dict[str, Any]]
    computed: int = 0
    reused: int = 0
    #: CPU seconds of the jobs computed in this run, and of every job behind the results (reused
    #: ones included, as the store measured them when they ran).
    cpu_seconds: float = 0.0
    total_cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    jobs_by_stage: dict[str, dict[str, int]] = field(default_factory=dict)


# -- the engine, one wave at a time ---------------------------------------------------------------
def run_task(task: tuple[str, Any]) -> dict[str, Any]:
    """The one worker function of every wave: dispatch on the job's kind.

    A job that fails returns ``{"error": ...}`` instead of raising: one bad job must not stop a
    study of hours. The error is stored (so the report can show it) but never reused, and the
    circuit sets it touches are reported incomplete, so it cannot earn a verdict.
    """
    from circuits.bench import synthesize

    kind, payload = task
    workers: dict[str, Callable[[Any], dict[str, Any]]] = {
        "synthesis": synthesize,
        jobs.ENUMERATION_KIND: jobs.enumerate_worker,
        jobs.ANALYSIS_KIND: jobs.analyze_worker,
    }
    try:
        return workers[kind](payload)
    except Exception as err:  # recorded per job; see the docstring
        return {"error": f"{type(err).__name__}: {err}"}


def _reusable(job: Job, stored: dict[str, Any]) -> bool:
    """The benchmark's reuse rule, on the job's own payload; a failed job is always retried."""
    from circuits.bench import reusable

    return "error" not in stored and reusable(Job(job.kind, job.key, job.payload[1]), stored)


class _Waves:
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
        for outcome in run_jobs(wrapped, run_task, self.store, self.executor, resume=True, reuse=_reusable):
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


def _key(job: Job) -> tuple[str, str]:
    return (job.kind, job.key)


# -- cost model helpers ---------------------------------------------------------------------------
def translated_size(circuit: Circuit, basis: str) -> int | None:
    """The size of ``circuit`` rewritten gate by gate into ``basis``: a gate the basis has costs 1, an
    XOR/XNOR costs 3 ANDs in an AIG; None when some gate (or a complemented output, in ``mono``) has
    no such rewrite. Used for s_bf per basis and as a verified upper bound on s_min."""
    target = get_basis(basis)
    if not target.free_output_negation and any(o.negated for o in circuit.outputs):
        return None
    total = 0
    for gate in circuit.gates:
        if target.allows(gate.op):
            total += 1
        elif basis == "aig" and gate.op in XOR_TYPE_OPS:
            total += 3
        else:
            return None
    return total


# -- the protocol ---------------------------------------------------------------------------------
@dataclass
class _Target:
    """A (problem, basis) pair while its waves run."""

    problem: SearchProblem
    basis: str
    size_job: Job
    depth_job: Job
    facts: SynthesisFacts | None = None
    synthesized: list[Circuit] = field(default_factory=list)
    size_enum: Job | None = None
    depth_enum: Job | None = None
    frontier_job: Job | None = None
    n1_jobs: dict[int, Job] = field(default_factory=dict)
    point_jobs: dict[int, tuple[int, Job]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.problem.name}/{self.basis}"


def run_study(
    problems: list[SearchProblem],
    config: StudyConfig,
    store: ResultStore | None,
    executor: ExecutorSpec,
    progress: StudyProgress | None = None,
) -> StudyRun:
    """Run the whole protocol on ``problems`` and return every result with its verdict."""
    config = config.checked()
    # Fix the analyzer's digest now, while it matches the code this process has imported (the
    # workers fork from it); a source edited during a long run must not relabel old-code scores.
    jobs.analyzer_digest()
    start = time.perf_counter()
    waves = _Waves(store, executor, progress)
    solver = str(config.solver)
    targets = []
    for problem in problems:
        spec = problem.truth_table()
        for basis in config.bases_for(problem):
            targets.append(
                _Target(
                    problem,
                    basis,
                    jobs.synthesis_job(spec, basis, "size", solver, config.timeout),
                    jobs.synthesis_job(spec, basis, "depth", solver, config.timeout),
                )
            )
    synth = waves.run("synthesis", [(t.label, j) for t in targets for j in (t.size_job, t.depth_job)])
    for t in targets:
        _settle_bounds(t, synth[_key(t.size_job)], synth[_key(t.depth_job)])
    enum = waves.run("enumeration", [req for t in targets for req in _enumeration_requests(t, config)])
    points = waves.run("frontier points", [req for t in targets for req in _point_requests(t, enum, config)])
    enum.update(points)
    results = [_assemble(t, enum, config) for t in targets]
    _score(results, waves, config)
    _reweight(results, waves, config)
    for result in results:
        _judge(result)
    families = _families(results)
    return StudyRun(
        config=config,
        targets=results,
        families=families,
        computed=waves.computed,
        reused=waves.reused,
        cpu_seconds=waves.cpu_seconds,
        total_cpu_seconds=waves.total_cpu_seconds,
        wall_seconds=time.perf_counter() - start,
        jobs_by_stage=waves.by_stage,
    )


def _settle_bounds(t: _Target, size: dict[str, Any], depth: dict[str, Any]) -> None:
    """Combine both searches and the references into proven bounds on s_min and d_min (a failed
    search proves nothing: bound 0, no circuit)."""
    from circuits.problems.references import reference_circuits

    for result in (size, depth):
        if "error" in result:
            t.errors.append(f"synthesis failed: {result['error']}")
            result.update(lower_bound=0, optimal=False, circuit=None)
    synthesized = [Circuit.from_dict(r["circuit"]) for r in (size, depth) if r.get("circuit") is not None]
    spec = t.problem.truth_table()
    t.synthesized = [c.verify(spec) for c in synthesized]
    uppers = [c.size for c in t.synthesized]
    uppers += [s for ref in reference_circuits(t.problem).values() if (s := translated_size(ref, t.basis)) is not None]
    depth_circuit = Circuit.from_dict(depth["circuit"]) if depth.get("circuit") else None
    t.facts = SynthesisFacts(
        size_lower=int(size["lower_bound"]),
        size_upper=min(uppers) if uppers else None,
        size_seconds=float(size.get("seconds", 0.0)),
        depth_lower=int(depth["lower_bound"]),
        depth_upper=min((c.depth for c in t.synthesized), default=None),
        size_at_depth=None if depth_circuit is None else depth_circuit.size,
        lexicographic_proven=bool(depth["optimal"]),
        depth_seconds=float(depth.get("seconds", 0.0)),
    )


def _enumeration_requests(t: _Target, config: StudyConfig) -> list[tuple[str, Job]]:
    """Wave 2: the optimal sets, the frontier (when it has more than one point) and N1."""
    facts = t.facts
    assert facts is not None
    spec = t.problem.truth_table()
    solver = str(config.solver)
    requests = []
    if facts.s_min is not None:
        t.size_enum = jobs.enumeration_job(spec, t.basis, facts.s_min, None, config.limit, None, solver, config.timeout)
        requests.append((t.label, t.size_enum))
        for extra in config.n1_extra:
            job = jobs.enumeration_job(
                spec, t.basis, facts.s_min + extra, None, config.n1_limit, config.seed, solver, config.n1_timeout
            )
            t.n1_jobs[extra] = job
            requests.append((t.label, job))
    if facts.lexicographic_proven and facts.d_min is not None and facts.size_at_depth is not None:
        t.depth_enum = jobs.enumeration_job(
            spec, t.basis, facts.size_at_depth, facts.d_min, config.limit, None, solver, config.timeout
        )
        requests.append((t.label, t.depth_enum))
        if facts.s_min is not None and facts.size_at_depth > facts.s_min:
            t.frontier_job = jobs.synthesis_job(spec, t.basis, "frontier", solver, config.timeout)
            requests.append((t.label, t.frontier_job))
    return requests


def _point_requests(t: _Target, enum: dict[tuple[str, str], dict[str, Any]], config: StudyConfig) -> list[tuple[str, Job]]:
    """Wave 3: every proven frontier point strictly between minimum depth and minimum size."""
    facts = t.facts
    assert facts is not None
    if t.frontier_job is None:
        return []
    result = enum[_key(t.frontier_job)]
    if "error" in result:
        t.errors.append(f"frontier failed: {result['error']}")
        return []
    facts.frontier = [{k: p[k] for k in ("depth", "size", "optimal", "lower_bound")} for p in result["frontier"]]
    requests = []
    for point in result["frontier"]:
        inner = facts.d_min is not None and point["depth"] > facts.d_min and point["size"] > (facts.s_min or 0)
        if inner and point["optimal"]:
            job = jobs.enumeration_job(
                t.problem.truth_table(), t.basis, point["size"], point["depth"], config.limit, None,
                str(config.solver), config.timeout,
            )
            t.point_jobs[point["depth"]] = (point["size"], job)
            requests.append((t.label, job))
    return requests


def _circuits(result: dict[str, Any], extra: Iterable[Circuit] = ()) -> list[ScoredCircuit]:
    """An enumeration's circuits plus ``extra`` ones it may have missed (deduplicated up to isomorphism)."""
    found = [Circuit.from_dict(c) for c in result.get("circuits", [])]
    keys = {canonical_key(c) for c in found}
    for circuit in extra:
        if canonical_key(circuit) not in keys:
            keys.add(canonical_key(circuit))
            found.append(circuit)
    return [ScoredCircuit(c) for c in found]


def _enumerated_set(
    label: str, job: Job | None, enum: dict[tuple[str, str], dict[str, Any]], size: int | None,
    budget: int | None, extra: list[Circuit], missing: str,
) -> CircuitSet:
    if job is None:
        return CircuitSet(label, size, budget, proven=False, complete=False, note=missing)
    result = enum[_key(job)]
    fits = [c for c in extra if c.size == size and (budget is None or c.depth <= budget)]
    if "error" in result:
        circuits = [ScoredCircuit(c) for c in _distinct(fits)]
        return CircuitSet(label, size, budget, True, False, circuits, f"enumeration failed: {result['error']}")
    circuits = _circuits(result, fits)
    note = ""
    if not result["complete"]:
        note = "enumeration cut by its time limit" if result["timed_out"] else f"enumeration capped at {len(result['circuits'])}"
    return CircuitSet(label, size, budget, proven=True, complete=bool(result["complete"]), circuits=circuits, note=note)


def _assemble(t: _Target, enum: dict[tuple[str, str], dict[str, Any]], config: StudyConfig) -> TargetResult:
    """Turn a target's job results into its circuit sets (analyses are filled in afterwards)."""
    from circuits.problems.references import reference_circuits
    from circuits.problems.validity import check_problem

    facts = t.facts
    assert facts is not None
    size_note = f"s_min not proven: {facts.size_lower} <= s_min <= {facts.size_upper}"
    size_set = _enumerated_set("min-size", t.size_enum, enum, facts.s_min, None, t.synthesized, size_note)
    depth_note = (
        f"minimum depth then size not proven: depth in [{facts.depth_lower}, {facts.depth_upper}], "
        f"best size at depth {facts.depth_upper}: {facts.size_at_depth}"
    )
    depth_set = _enumerated_set(
        "min-depth", t.depth_enum, enum, facts.size_at_depth if t.depth_enum else None, facts.d_min,
        t.synthesized, depth_note,
    )
    references = {name: ScoredCircuit(c) for name, c in reference_circuits(t.problem).items()}
    validity = check_problem(t.problem)
    s_bf = translated_size(references["brute_force"].circuit, t.basis)
    informative, reasons = informativeness(
        validity.degenerate, validity.reasons, validity.transparent, validity.uniform, s_bf,
        (facts.size_lower, facts.size_upper),
    )
    result = TargetResult(
        problem=t.problem,
        basis=t.basis,
        s_bf=s_bf,
        synthesis=facts,
        informative=informative,
        informative_reasons=reasons,
        size_set=size_set,
        depth_set=depth_set,
        references=references,
    )
    result.frontier_sets = _frontier_sets(t, enum, size_set, depth_set)
    result.n1_sets = [
        CircuitSet(f"N1 s_min+{extra}", (facts.s_min or 0) + extra, None, proven=False,
                   complete=bool(enum[_key(job)].get("complete")), circuits=_circuits(enum[_key(job)]),
                   note=enum[_key(job)].get("error", ""))
        for extra, job in sorted(t.n1_jobs.items())
    ]
    result.errors = list(t.errors)
    if not (size_set.proven and depth_set.proven):
        result.best_found = CircuitSet(
            "best found (not proven optimal)", None, None, proven=False, complete=False,
            circuits=[ScoredCircuit(c) for c in _distinct(t.synthesized)],
        )
    return result


def _distinct(circuits: Iterable[Circuit]) -> list[Circuit]:
    unique: dict[str, Circuit] = {}
    for circuit in circuits:
        unique.setdefault(canonical_key(circuit), circuit)
    return list(unique.values())


def _frontier_sets(
    t: _Target, enum: dict[tuple[str, str], dict[str, Any]], size_set: CircuitSet, depth_set: CircuitSet
) -> list[CircuitSet]:
    """The circuits at every depth budget from d_min up to the deepest minimum-size circuit.

    d_min: the minimum-depth set. Budgets strictly inside the frontier: their own enumerations. From
    the first budget at which the minimum size is reachable on: the minimum-size circuits within the
    budget (a larger budget admits more of them, so S can be followed until the budget stops binding).
    """
    sets = []
    if depth_set.proven and depth_set.depth_budget is not None:
        sets.append(depth_set)
    for budget, (size, job) in sorted(t.point_jobs.items()):
        sets.append(_enumerated_set(f"frontier d<={budget}", job, enum, size, budget, [], ""))
    if size_set.proven and size_set.circuits:
        start = max([cs.depth_budget for cs in sets if cs.depth_budget is not None], default=0) + 1
        deepest = max(c.circuit.depth for c in size_set.circuits)
        for budget in range(max(start, min(c.circuit.depth for c in size_set.circuits)), deepest + 1):
            within = [c for c in size_set.circuits if c.circuit.depth <= budget]
            sets.append(
                CircuitSet(f"frontier d<={budget}", size_set.size, budget, proven=True,
                           complete=size_set.complete, circuits=within)
            )
    return sets


# -- analysis -------------------------------------------------------------------------------------
def _score(results: list[TargetResult], waves: _Waves, config: StudyConfig) -> None:
    """Wave 4: every circuit against its own problem; controls' optimal circuits also against the
    search formulations they are declared decoys for (the N3 base rate for those problems)."""
    requests: list[tuple[str, Job]] = []
    slots: list[tuple[Job, ScoredCircuit]] = []
    cross: list[tuple[TargetResult, str, Job]] = []
    for r in results:
        for sc in _all_circuits(r):
            job = jobs.analysis_job(r.problem, sc.circuit, config.decoys, config.seed)
            requests.append((r.label, job))
            slots.append((job, sc))
        for other in _cross_problems(r.problem):
            for sc in _optimal_or_best(r):
                job = jobs.analysis_job(other, sc.circuit, config.decoys, config.seed)
                requests.append((r.label, job))
                cross.append((r, other.name, job))
    done = waves.run("analysis", requests)
    owner = {id(sc): r for r in results for sc in _all_circuits(r)}
    for job, sc in slots:
        result = done[_key(job)]
        if "error" in result:
            owner[id(sc)].errors.append(f"analysis failed: {result['error']}")
        else:
            sc.analysis = result
    for r, name, job in cross:
        if "error" not in done[_key(job)]:
            r.cross.setdefault(name, []).append(done[_key(job)])


def _all_circuits(r: TargetResult) -> list[ScoredCircuit]:
    sets = [r.size_set, r.depth_set, *r.frontier_sets, *r.n1_sets]
    if r.best_found is not None:
        sets.append(r.best_found)
    circuits = [sc for cs in sets for sc in cs.circuits]
    return circuits + list(r.references.values())


def _optimal_or_best(r: TargetResult) -> list[ScoredCircuit]:
    if r.size_set.circuits:
        return r.size_set.circuits
    return r.best_found.circuits if r.best_found is not None else []


def _cross_problems(problem: SearchProblem) -> list[SearchProblem]:
    """The built-in search problems a control declares as decoy formulations (same inputs and outputs)."""
    from circuits.problems.suite import get_problem, problem_names

    found = []
    for name in problem.decoy_formulations:
        if name in problem_names():
            other = get_problem(name)
            if other.n == problem.n and len(other.outputs) == len(problem.outputs):
                found.append(other)
    return found


def _reweight(results: list[TargetResult], waves: _Waves, config: StudyConfig) -> None:
    """Wave 5, null N4: p_null(c) = share of N1 circuits computing v_c; optimal circuits rescored with
    weights w_c = 1 − p_null(c), so candidates every circuit for f computes carry no evidence."""
    requests: list[tuple[str, Job]] = []
    plans: list[tuple[TargetResult, dict[str, float], list[tuple[str, Job]]]] = []
    for r in results:
        samples = [sc.analysis for cs in r.n1_sets for sc in cs.circuits if sc.analysis is not None]
        if not samples or not (r.size_set.circuits or r.depth_set.circuits):
            continue
        p_null = {
            c.name: sum(c.name in a["covered"] for a in samples) / len(samples) for c in r.problem.candidates
        }
        weights = {name: 1.0 - p for name, p in p_null.items()}
        planned = []
        for which, cs in (("min_size", r.size_set), ("min_depth", r.depth_set)):
            for sc in cs.circuits:
                job = jobs.analysis_job(r.problem, sc.circuit, config.decoys, config.seed, weights)
                requests.append((r.label, job))
                planned.append((which, job))
        plans.append((r, p_null, planned))
    done = waves.run("N4 weights", requests)
    for r, p_null, planned in plans:
        weighted: dict[str, list[float]] = {"min_size": [], "min_depth": []}
        for which, job in planned:
            if "error" not in done[_key(job)]:
                weighted[which].append(float(done[_key(job)]["score"]))
        r.n4 = {
            "n1_circuits": sum(len(cs.circuits) for cs in r.n1_sets),
            "p_null": {k: round(v, 4) for k, v in p_null.items()},
            "max_weighted_score": {k: (max(v) if v else None) for k, v in weighted.items()},
        }


# -- verdicts and mechanisms ----------------------------------------------------------------------
def _judge(r: TargetResult) -> None:
    r.verdict = judge(r.informative, r.informative_reasons, r.size_set.optimum("size"), r.depth_set.optimum("depth"))
    r.mechanisms = {
        "size_vs_depth": compare_size_depth(r.size_set.scores(), r.depth_set.scores()),
        "frontier": frontier_trend([(cs.depth_budget or 0, cs.scores()) for cs in r.frontier_sets]),
        "n1": null_comparison(r.size_set.scores(), {int(cs.label.rsplit("+", 1)[1]): cs.scores() for cs in r.n1_sets}),
    }


def _families(results: list[TargetResult]) -> dict[str, dict[str, Any]]:
    """Scaling families (ANALYZER.md §6.1) per basis: S(min-size) against s_bf / s_min."""
    members: dict[str, list[tuple[str, float, float]]] = {}
    for r in results:
        s_min, best = r.synthesis.s_min, r.size_set.scores()
        if r.problem.family is None or not s_min or r.s_bf is None or not best:
            continue
        members.setdefault(f"{r.problem.family}/{r.basis}", []).append((r.problem.name, r.s_bf / s_min, max(best)))
    return {name: family_trend(items) for name, items in sorted(members.items())}
