"""The locally-minimal tier: minimization pressure where exact minimization was cut.

For every informative pair whose verdict is *unresolved* because an optimum (minimum size, or
minimum depth then size) was not proven or its circuits were not all enumerated, each reference
circuit that exists in the pair's basis is improved to a local minimum (``circuits.improve``)
under the size objective and, separately, under the depth objective (wave 7). Every circuit of
each trajectory is then scored by the same analysis job as the optima (wave 8: same decoys, same
seed, O on goal-as-input problems), so the scores are comparable and shared through the store.

A local minimum is not a proven minimum: these trajectories are reported in their own tier and
never enter the verdict rule.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from circuits.bench.engine import Job
from circuits.circuit import Circuit
from circuits.improve.objective import OBJECTIVES
from circuits.study import jobs
from circuits.study.config import StudyConfig
from circuits.study.results import LocalTrajectory, ScoredCircuit, TargetResult
from circuits.study.sets import translated_size
from circuits.study.waves import Request, Waves


def needs_local(r: TargetResult) -> bool:
    """Informative, unresolved, and some optimum cut: not proven, or not completely enumerated."""
    cut = any(not (cs.proven and cs.complete) for cs in (r.size_set, r.depth_set))
    return r.standing == "informative" and r.verdict is not None and r.verdict.verdict == "unresolved" and cut


def starting_circuits(r: TargetResult) -> dict[str, Circuit]:
    """The pair's reference circuits rewritten into its basis (those the basis can express)."""
    from circuits.improve.rewrite import to_basis

    return {
        name: to_basis(sc.circuit, r.basis)
        for name, sc in r.references.items()
        if translated_size(sc.circuit, r.basis) is not None
    }


def improve_locally(results: list[TargetResult], waves: Waves, config: StudyConfig) -> None:
    """Waves 7 and 8: improve, then score every circuit of every trajectory (unless ``config.local``
    is off)."""
    built: list[tuple[TargetResult, LocalTrajectory]] = []
    improvements: list[Request] = []
    for r in results:
        if config.local and needs_local(r):
            for name, start in starting_circuits(r).items():
                for objective in OBJECTIVES:
                    job = jobs.improvement_job(start, objective, str(config.solver), config.timeout)
                    keep = partial(_keep_trajectory, built, r, name, objective, job)
                    improvements.append(Request(r.label, job, keep, r.errors, f"improvement of {name} ({objective}) failed"))
    waves.deliver("local improvement", improvements)
    analyses: list[Request] = []
    for r, trajectory in built:
        for point in trajectory.points:
            job = jobs.analysis_job(r.problem, point.circuit, config.decoys, config.seed, objective=r.goal_problem)
            score = partial(setattr, point, "analysis")
            analyses.append(Request(r.label, job, score, r.errors, "analysis of a trajectory circuit failed"))
    waves.deliver("trajectory analysis", analyses)
    for r, trajectory in built:
        r.local.append(trajectory)


def _keep_trajectory(
    built: list[tuple[TargetResult, LocalTrajectory]], r: TargetResult, name: str, objective: str, job: Job,
    result: dict[str, Any],
) -> None:
    built.append((r, _trajectory(r, name, objective, job, result)))


def _trajectory(r: TargetResult, name: str, objective: str, job: Job, result: dict[str, Any]) -> LocalTrajectory:
    """A stored improvement as a trajectory; every circuit is verified again against the problem's
    truth table here, in the process that reports it."""
    spec = r.problem.truth_table()
    start = Circuit.from_dict(job.payload["circuit"]).verify(spec)
    steps = [{k: v for k, v in step.items() if k != "circuit"} for step in result["trajectory"]]
    later = [Circuit.from_dict(step["circuit"]).verify(spec) for step in result["trajectory"]]
    return LocalTrajectory(
        reference=name,
        objective=objective,
        points=[ScoredCircuit(c) for c in [start, *later]],
        steps=steps,
        locally_minimal=bool(result["locally_minimal"]),
        stop=str(result["stop"]),
        limits=dict(result["limits"]),
        windows=int(result["windows"]),
        proven_windows=int(result["proven_windows"]),
        unproven_windows=int(result["unproven_windows"]),
        cpu_seconds=float(result.get("cpu_seconds", 0.0)),
    )
