"""The scoring waves and the verdicts: every circuit analyzed (wave 4), the N4 reweighting (wave 5,
with the analyzer's own base rates and weights), the power checks (wave 6), then the pre-registered
rule, the mechanism tests and the scaling families.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from circuits.problems.model import SearchProblem
from circuits.study import jobs
from circuits.study.config import StudyConfig
from circuits.study.results import ScoredCircuit, TargetResult
from circuits.study.verdicts import compare_size_depth, family_trend, frontier_trend, judge, judge_optimum, null_comparison
from circuits.study.waves import Request, Waves


def score_all(results: list[TargetResult], waves: Waves, config: StudyConfig) -> None:
    """Wave 4: every circuit against its own problem; controls' optimal circuits also against the
    search formulations they are declared decoys for (the N3 base rate for those problems)."""
    requests: list[Request] = []
    for r in results:
        with_objective = {id(sc) for sc in _objective_circuits(r)}
        for sc in _all_circuits(r):
            job = jobs.analysis_job(r.problem, sc.circuit, config.decoys, config.seed, objective=id(sc) in with_objective)
            requests.append(Request(r.label, job, partial(setattr, sc, "analysis"), r.errors, "analysis failed"))
        for other in _cross_problems(r.problem):
            for sc in _optimal_or_best(r):
                job = jobs.analysis_job(other, sc.circuit, config.decoys, config.seed)
                requests.append(Request(r.label, job, partial(_append_cross, r.cross, other.name), None))
    waves.deliver("analysis", requests)


def _append_cross(cross: dict[str, list[dict[str, Any]]], problem: str, result: dict[str, Any]) -> None:
    cross.setdefault(problem, []).append(result)


def _all_circuits(r: TargetResult) -> list[ScoredCircuit]:
    sets = [r.size_set, r.depth_set, *r.frontier_sets, *r.n1_sets]
    sets += [cs for cs in (r.best_found, r.n3_set) if cs is not None]
    circuits = [sc for cs in sets for sc in cs.circuits]
    return circuits + list(r.references.values()) + list(r.controls.values())


def _objective_circuits(r: TargetResult) -> list[ScoredCircuit]:
    """The circuits that get the objective axis O: on a goal-as-input problem, the optimal sets the
    verdict reads and the references (the others never meet the objective bar)."""
    if not r.goal_problem:
        return []
    sets = [r.size_set, r.depth_set, *r.frontier_sets] + ([r.best_found] if r.best_found is not None else [])
    return [sc for cs in sets for sc in cs.circuits] + list(r.references.values())


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


def reweight(results: list[TargetResult], waves: Waves, config: StudyConfig) -> None:
    """Wave 5, null N4: p_null(c) = share of N1 circuits computing v_c; optimal circuits rescored with
    weights w_c = 1 − p_null(c), so candidates every circuit for f computes carry no evidence."""
    from circuits.analysis.nulls import base_rates, null_weights

    requests: list[Request] = []
    plans: list[tuple[TargetResult, dict[str, float], dict[str, list[float]]]] = []
    for r in results:
        samples = [sc.circuit for cs in r.n1_sets for sc in cs.circuits]
        if not samples or not (r.size_set.circuits or r.depth_set.circuits):
            continue
        p_null = base_rates(r.problem, samples)
        weights = null_weights(p_null)
        weighted: dict[str, list[float]] = {"min_size": [], "min_depth": []}
        for which, cs in (("min_size", r.size_set), ("min_depth", r.depth_set)):
            for sc in cs.circuits:
                job = jobs.analysis_job(r.problem, sc.circuit, config.decoys, config.seed, weights)
                requests.append(Request(r.label, job, partial(_append_score, weighted[which]), None))
        plans.append((r, p_null, weighted))
    waves.deliver("N4 weights", requests)
    for r, p_null, weighted in plans:
        r.n4 = {
            "n1_circuits": sum(len(cs.circuits) for cs in r.n1_sets),
            "p_null": {k: round(v, 4) for k, v in p_null.items()},
            "max_weighted_score": {k: (max(v) if v else None) for k, v in weighted.items()},
        }


def _append_score(scores: list[float], result: dict[str, Any]) -> None:
    scores.append(float(result["score"]))


def power_budgets(r: TargetResult) -> dict[str, tuple[int, int | None]]:
    """The halves whose verdict hinges on power (every optimum below the bar, all enumerated), with
    their (size budget, depth budget): s_min + 1, or the minimum depth and its size + 1."""
    budgets = {}
    standing = r.standing_for_rule()
    if standing.status != "informative" or standing.identifiable is not True:
        return budgets
    for half, cs, budget in (
        ("size", r.size_set, (r.synthesis.s_min, None)),
        ("depth", r.depth_set, (r.depth_set.size, r.synthesis.d_min)),
    ):
        verdict = judge_optimum(cs.optimum(half), goal_problem=r.goal_problem, power=None)
        if verdict.verdict == "unresolved" and "power not checked" in verdict.reason and budget[0] is not None:
            budgets[half] = (budget[0] + 1, budget[1])
    return budgets


def check_power(results: list[TargetResult], waves: Waves, config: StudyConfig) -> None:
    """Wave 6: the power check for every half whose verdict hinges on it."""
    requests: list[Request] = []
    for r in results:
        for half, (budget, depth_budget) in power_budgets(r).items():
            job = jobs.power_job(r.problem, r.basis, budget, depth_budget, config.decoys, config.seed, config.timeout)
            requests.append(Request(r.label, job, partial(r.power.__setitem__, half), r.errors, "power check failed"))
    waves.deliver("power", requests)


# -- verdicts and mechanisms ----------------------------------------------------------------------
def judge_target(r: TargetResult) -> None:
    size, depth = r.size_set.optimum("size"), r.depth_set.optimum("depth")
    power = {half: p.get("status") for half, p in r.power.items()}
    standing = r.standing_for_rule()
    r.verdict = judge(standing, size, depth, goal_problem=r.goal_problem, power=power)
    r.literal_verdict = judge(standing, size, depth, propagation=False, goal_problem=r.goal_problem, power=power).verdict
    r.mechanisms = {
        "size_vs_depth": compare_size_depth(r.size_set.scores(), r.depth_set.scores()),
        "frontier": frontier_trend([(cs.depth_budget or 0, cs.scores()) for cs in r.frontier_sets]),
        "nulls": null_comparison(
            r.size_set.scores(),
            {cs.label: cs.scores() for cs in [*r.n1_sets, *([r.n3_set] if r.n3_set is not None else [])]},
        ),
    }


def families(results: list[TargetResult]) -> dict[str, dict[str, Any]]:
    """Scaling families (docs/problems.md) per basis: S(min-size) against s_bf / s_min."""
    members: dict[str, list[tuple[str, float, float]]] = {}
    for r in results:
        s_min, best = r.synthesis.s_min, r.size_set.scores()
        if r.problem.family is None or not s_min or r.s_bf is None or not best:
            continue
        members.setdefault(f"{r.problem.family}/{r.basis}", []).append((r.problem.name, r.s_bf / s_min, max(best)))
    return {name: family_trend(items) for name, items in sorted(members.items())}
