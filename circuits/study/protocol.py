"""The study protocol of docs/study.md, run as waves of batch jobs.

Per problem and basis:

1. **synthesis** — minimum size and minimum depth (then minimum size at that depth), each under the
   per-job time limit. Every verified circuit known is an upper bound: the other search's circuit
   and the reference circuits (translated into the basis) can settle s_min when the size search
   only proved the lower bound. The size search itself starts from the best of its heuristic, the
   references and a short rewriting pass of each (circuits/improve/upper_bound.py), so it never
   asks about a size that a known circuit already beats.
2. **enumeration** — all minimum-size circuits and all minimum-depth circuits up to isomorphism,
   the frontier when the minimum-depth circuits are larger than the minimum size, the search-share
   populations at s_min + 1..3 (every circuit of that size, listed or sampled, and a uniform draw
   scored: circuits/study/population.py; the draw is also the N1 null) and, for informative
   problems, the N3 null (minimal circuits of random functions of matched complexity). Only proven
   optima are enumerated.
3. **frontier points** — all circuits of every frontier point strictly between the two ends, and
   the depth populations of the search share (they need the frontier).
4. **analysis** — every circuit (references, identifiability controls, optimal sets, frontier, the
   populations' draws, N3, and controls' optimal circuits against the search formulations they are
   declared decoys for) scored by the analyzer with its decoy null N2; on goal-as-input problems the
   optimal and reference circuits and the populations' draws also get the objective axis O.
5. **N4** — the optimal circuits scored again with candidate weights w_c = 1 − p_null(c), where
   p_null(c) is the share of N1 circuits that compute v_c.
6. **power** — for every half whose optima all fall short of the bar (and were all enumerated):
   could any circuit within s_min + 1 gates (or the minimum depth and its size + 1) clear it?
7. **local improvement** — for every informative pair left unresolved by a cut optimum or a cut
   enumeration, each reference circuit improved to a local minimum of size and of depth
   (``circuits.improve``); then every circuit of those trajectories scored (``local``). These
   local minima form a tier of their own and never enter the verdict.

Each wave goes through the batch engine (parallel workers, every result committed to the store), so
a rerun reads everything back and a killed run resumes where it stopped. The verdict rule and the
mechanism tests (``verdicts``) are applied before wave 7, which needs the verdicts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from circuits.bench.engine import ExecutorSpec, Job
from circuits.circuit import Circuit
from circuits.problems.model import SearchProblem
from circuits.bench.store import ResultStore
from circuits.study import jobs
from circuits.study.config import StudyConfig
from circuits.study.evidence import PopulationSet, from_optimal_set, from_population, within_depth
from circuits.study.local import improve_locally
from circuits.study.results import CircuitSet, ScoredCircuit, SynthesisFacts, TargetResult
from circuits.study.scoring import check_power, families, judge_target, reweight, score_all
from circuits.study.sets import circuits_of, distinct, enumerated_set, frontier_sets, translated_size
from circuits.study.verdicts import informativeness
from circuits.study.waves import StudyProgress, Waves
from circuits.study.waves import key as _key


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
    #: The depth populations in order: a job each, or None where the population is the complete list
    #: of minimum-size optima within the depth bound (read from it, not listed again).
    depth_populations: list[tuple[int, int, Job | None]] = field(default_factory=list)
    n3_job: Job | None = None
    point_jobs: dict[int, tuple[int, Job]] = field(default_factory=dict)
    s_bf: int | None = None
    standing: str | None = None
    informative_reasons: list[str] = field(default_factory=list)
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
    # Fix the analyzer's and the improvement code's digests now, while it matches the code this process has imported (the
    # workers fork from it); a source edited during a long run must not relabel old-code scores.
    jobs.analyzer_digest()
    jobs.improve_digest()
    jobs.population_digest()
    start = time.perf_counter()
    waves = Waves(store, executor, progress)
    from circuits.problems.references import reference_circuits

    solver = str(config.solver)
    targets = []
    for problem in problems:
        spec = problem.truth_table()
        references = reference_circuits(problem)
        for basis in config.bases_for(problem):
            targets.append(
                _Target(
                    problem,
                    basis,
                    jobs.synthesis_job(spec, basis, "size", solver, config.timeout, config.certify, references),
                    jobs.synthesis_job(spec, basis, "depth", solver, config.timeout, config.certify),
                )
            )
    synth = waves.run("synthesis", [(t.label, j) for t in targets for j in (t.size_job, t.depth_job)])
    for t in targets:
        _settle_bounds(t, synth[_key(t.size_job)], synth[_key(t.depth_job)])
    enum = waves.run("enumeration", [req for t in targets for req in _enumeration_requests(t, config)])
    points = waves.run("frontier points", [req for t in targets for req in _point_requests(t, enum, config)])
    enum.update(points)
    results = [_assemble(t, enum, config) for t in targets]
    score_all(results, waves, config)
    reweight(results, waves, config)
    check_power(results, waves, config)
    for result in results:
        judge_target(result)
    improve_locally(results, waves, config)
    return StudyRun(
        config=config,
        targets=results,
        families=families(results),
        computed=waves.computed,
        reused=waves.reused,
        cpu_seconds=waves.cpu_seconds,
        total_cpu_seconds=waves.total_cpu_seconds,
        wall_seconds=time.perf_counter() - start,
        jobs_by_stage=waves.by_stage,
    )


def _settle_bounds(t: _Target, size: dict[str, Any], depth: dict[str, Any]) -> None:
    """Combine both searches and the references into proven bounds on s_min and d_min: every verified
    circuit known bounds both from above, and the encoder's support bound (depth ≥ ⌈log₂ support⌉)
    backs up a depth search cut before it reported any bound (a failed search proves nothing)."""
    from circuits.bench.synthesis import certified
    from circuits.problems.references import reference_circuits
    from sat_encoding.bounds import depth_lower_bound
    from sat_encoding.spec import prepare

    for result in (size, depth):
        if "error" in result:
            t.errors.append(f"synthesis failed: {result['error']}")
            result.update(lower_bound=0, optimal=False, circuit=None)
    synthesized = [Circuit.from_dict(r["circuit"]) for r in (size, depth) if r.get("circuit") is not None]
    spec = t.problem.truth_table()
    t.synthesized = [c.verify(spec) for c in synthesized]
    uppers = [c.size for c in t.synthesized]
    depths = [c.depth for c in t.synthesized]
    for ref in reference_circuits(t.problem).values():
        translated = translated_size(ref, t.basis)
        if translated is not None:
            uppers.append(translated)
        if translated == ref.size:  # the basis has every gate as it is, so the depth carries over too
            depths.append(ref.depth)
    depth_circuit = Circuit.from_dict(depth["circuit"]) if depth.get("circuit") else None
    t.facts = SynthesisFacts(
        size_lower=int(size["lower_bound"]),
        size_upper=min(uppers) if uppers else None,
        size_seconds=float(size.get("seconds", 0.0)),
        depth_lower=max(int(depth["lower_bound"]), depth_lower_bound(prepare(spec, t.basis))),
        depth_upper=min(depths, default=None),
        size_at_depth=None if depth_circuit is None else depth_circuit.size,
        lexicographic_proven=bool(depth["optimal"]),
        size_certified=certified(size),
        depth_certified=certified(depth),
        depth_seconds=float(depth.get("seconds", 0.0)),
    )
    _judge_informative(t)


def _judge_informative(t: _Target) -> None:
    """Informativeness for this basis: the validity checks (no SAT) with the study's own bounds."""
    from circuits.problems.references import reference_circuits
    from circuits.problems.validity import check_problem

    assert t.facts is not None
    validity = check_problem(t.problem)
    t.s_bf = translated_size(reference_circuits(t.problem)["brute_force"], t.basis)
    t.standing, t.informative_reasons = informativeness(
        validity.degenerate, validity.reasons, validity.transparent, validity.uniform, t.s_bf,
        (t.facts.size_lower, t.facts.size_upper),
    )


def _enumeration_requests(t: _Target, config: StudyConfig) -> list[tuple[str, Job]]:
    """Wave 2: the optimal sets, the frontier (when it has more than one point), N1, and N3 for
    informative problems (the only ones whose verdict a base rate could qualify)."""
    facts = t.facts
    assert facts is not None
    spec = t.problem.truth_table()
    solver = str(config.solver)
    requests = []
    if facts.s_min is not None:
        t.size_enum = jobs.enumeration_job(spec, t.basis, facts.s_min, None, config.limit, None, solver, config.timeout)
        requests.append((t.label, t.size_enum))
        for extra in config.n1_extra:
            job = jobs.population_job(
                spec, t.basis, facts.s_min + extra, None, config.n1_limit, config.seed, config.population_timeout
            )
            t.n1_jobs[extra] = job
            requests.append((t.label, job))
        if t.standing == "informative":
            t.n3_job = jobs.n3_job(t.problem, facts.s_min, config.n3_count, t.basis, config.seed, config.n1_timeout)
            requests.append((t.label, t.n3_job))
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
    """Wave 3: every proven frontier point strictly between minimum depth and minimum size, and the
    depth populations of the search share (they need the frontier)."""
    facts = t.facts
    assert facts is not None
    if t.frontier_job is None:
        return _depth_population_requests(t, enum, config)
    result = enum[_key(t.frontier_job)]
    if "error" in result:
        t.errors.append(f"frontier failed: {result['error']}")
        return []
    facts.frontier = [{k: p[k] for k in ("depth", "size", "optimal", "lower_bound")} for p in result["frontier"]]
    requests = _depth_population_requests(t, enum, config)
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


def _relaxed_depth_size(facts: SynthesisFacts) -> int | None:
    """The smallest size a circuit of depth ≤ d_min + 1 needs: s_min when the minimum-depth circuits
    are already minimum-size (one frontier point), else the proven frontier point's size."""
    assert facts.d_min is not None
    if facts.size_at_depth == facts.s_min:
        return facts.s_min
    within = [p for p in facts.frontier if p["depth"] <= facts.d_min + 1]
    if not within or not all(p["optimal"] for p in within):
        return None
    return min(p["size"] for p in within)


def _depth_population_requests(
    t: _Target, enum: dict[tuple[str, str], dict[str, Any]], config: StudyConfig
) -> list[tuple[str, Job]]:
    """The depth populations beside the minimum-depth optima: d_min one gate above its minimum size,
    and depth ≤ d_min + 1 at the smallest size it allows and one gate more. A population of s_min
    gates is the complete list of optima within the depth bound, when that list is complete."""
    facts = t.facts
    assert facts is not None
    if t.depth_enum is None or facts.d_min is None or facts.size_at_depth is None:
        return []
    points = [(facts.size_at_depth + 1, facts.d_min)]
    relaxed = _relaxed_depth_size(facts)
    if relaxed is not None:
        points += [(relaxed, facts.d_min + 1), (relaxed + 1, facts.d_min + 1)]
    spec = t.problem.truth_table()
    optima = enum.get(_key(t.size_enum)) if t.size_enum is not None else None
    optima_listed = optima is not None and bool(optima.get("complete"))
    requests = []
    for size, depth in points[: config.depth_populations]:
        if size == facts.s_min and optima_listed:
            t.depth_populations.append((size, depth, None))
            continue
        job = jobs.population_job(spec, t.basis, size, depth, config.n1_limit, config.seed, config.population_timeout)
        t.depth_populations.append((size, depth, job))
        requests.append((t.label, job))
    return requests


def _population_set(axis: str, job: Job, enum: dict[tuple[str, str], dict[str, Any]]) -> PopulationSet:
    result = enum[_key(job)]
    if "error" in result:
        payload = job.payload
        return PopulationSet(axis, payload["size"], payload["max_depth"], None, note=f"failed: {result['error']}")
    return from_population(axis, result, circuits_of(result))


def _attach_populations(result: TargetResult, t: _Target, enum: dict[tuple[str, str], dict[str, Any]]) -> None:
    """The search-share populations, minimum first per axis; N1 is the draw of the larger sizes."""
    sizes = [_population_set("size", job, enum) for _, job in sorted(t.n1_jobs.items())]
    depths = [
        _population_set("depth", job, enum) if job is not None else within_depth(result.size_set, size, depth)
        for size, depth, job in t.depth_populations
    ]
    result.populations = [from_optimal_set("size", result.size_set), *sizes]
    if t.depth_enum is not None:
        result.populations += [from_optimal_set("depth", result.depth_set), *depths]
    result.n1_sets = [
        CircuitSet(f"N1 s_min+{p.size - (t.facts.s_min or 0)}", p.size, None, proven=False, complete=p.whole_set,
                   circuits=p.circuits, note=p.note)
        for p in sizes
    ]


def _assemble(t: _Target, enum: dict[tuple[str, str], dict[str, Any]], config: StudyConfig) -> TargetResult:
    """Turn a target's job results into its circuit sets (analyses are filled in afterwards)."""
    from circuits.analysis.identifiability import control_circuits
    from circuits.problems.references import reference_circuits

    facts = t.facts
    assert facts is not None
    size_note = f"s_min not proven: {facts.size_lower} <= s_min <= {facts.size_upper}"
    size_set = enumerated_set("min-size", t.size_enum, enum, facts.s_min, None, t.synthesized, size_note)
    depth_note = f"minimum depth then size not proven (d_min in [{facts.depth_lower}, {facts.depth_upper}])"
    depth_set = enumerated_set(
        "min-depth", t.depth_enum, enum, facts.size_at_depth if t.depth_enum else None, facts.d_min,
        t.synthesized, depth_note,
    )
    references = {name: ScoredCircuit(c) for name, c in reference_circuits(t.problem).items()}
    result = TargetResult(
        problem=t.problem,
        basis=t.basis,
        s_bf=t.s_bf,
        synthesis=facts,
        standing=t.standing,
        informative_reasons=t.informative_reasons,
        size_set=size_set,
        depth_set=depth_set,
        references=references,
        controls={name: ScoredCircuit(c) for name, c in control_circuits(t.problem, config.seed).items()},
    )
    result.frontier_sets = frontier_sets(t.point_jobs, enum, size_set, depth_set)
    _attach_populations(result, t, enum)
    if t.n3_job is not None:
        drawn = enum[_key(t.n3_job)]
        proven = sum(drawn.get("optimal", []))
        result.n3_set = CircuitSet(
            "N3 random functions", facts.s_min, None, proven=False, complete=False,
            circuits=circuits_of(drawn),
            note=drawn.get("error", f"minimal circuits of {len(drawn.get('circuits', []))} random functions "
                                    f"({proven} proven minimal), scored against this formulation"),
        )
    result.errors = list(t.errors)
    if not (size_set.proven and depth_set.proven):
        result.best_found = CircuitSet(
            "best found (not proven optimal)", None, None, proven=False, complete=False,
            circuits=[ScoredCircuit(c) for c in distinct(t.synthesized)],
        )
    return result
