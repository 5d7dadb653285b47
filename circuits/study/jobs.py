"""The study's jobs for the batch engine: synthesis, enumeration and analysis.

Every job is a plain picklable ``Job`` whose store key names everything its answer depends on, so a
rerun, a resumed run or another study that needs the same result reads it from the store instead
of recomputing it:

* **synthesis** (minimum size, minimum depth, frontier) is the benchmark's own job type
  (``circuits.bench.synthesis``), so `circuits bench` and `circuits study` share those results
  (a size job also names the reference circuits its search starts from, so only a bench run given
  the same references would share it);
* **enumeration** — all circuits of one size (and depth bound) up to isomorphism, or a seeded
  sample of them (the N1 null): keyed by function, basis, size, depth bound, cap, seed, solver and
  the encoder's version;
* **n3** — the minimal circuits of random functions of matched complexity (null N3), keyed by the
  problem, the size, the number of functions, basis, seed and the code versions;
* **analysis** — one circuit scored against one problem: keyed by the problem's full declaration,
  the circuit, the null's settings, the N4 weights, whether O is computed and a digest of the
  analyzer's and the problem suite's source, so any change to the metrics invalidates old scores
  instead of mixing them in;
* **power** — whether a circuit within a size (and depth) budget can clear the bar: keyed by the
  problem, basis, budgets, null settings and the code versions;
* **improvement** — one circuit improved to a local minimum of size or depth (``circuits.improve``),
  with its trajectory: keyed by the starting circuit, basis, objective, window limits, solver, the
  encoder's version and a digest of the improvement code.

The time limit is never part of a key: a finished result holds under any limit, and a result cut
by its limit is recomputed when a later run allows more time. Enumeration results carry the same
``timed_out``/``timeout`` fields as synthesis results for exactly that reason, so the benchmark's
``reusable`` rule serves all three kinds (an analysis is never cut, so it is always reused).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from circuits.bench.engine import Job
from circuits.circuit import Circuit
from circuits.problems.model import SearchProblem
from circuits.truthtable import TruthTable

ENUMERATION_KIND = "enumeration"
POPULATION_KIND = "population"
ANALYSIS_KIND = "analysis"
N3_KIND = "n3"
POWER_KIND = "power"
IMPROVEMENT_KIND = "improvement"
#: The window limits of the study's improvement jobs: the improve command's defaults.
IMPROVE_WINDOW_INPUTS = 6
IMPROVE_WINDOW_GATES = 8
IMPROVE_WINDOW_TIMEOUT = 5.0
#: The roles a diagram highlights, always in this order (and so always in the same colours), even
#: when a circuit has no wire in a role: the legend then says so.
HIGHLIGHT_GROUPS = ("candidate verifier (CC)", "union/selection tree (AG)", "propagation state (PC)")


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def _function(spec: TruthTable) -> dict[str, Any]:
    return {
        "inputs": spec.n,
        "outputs": spec.hex_outputs(),
        "care": None if spec.fully_specified else [f"0x{c:x}" for c in spec.care],
    }


def _timed_job(kind: str, label: str, identity: dict[str, Any], timeout: float) -> Job:
    """A job keyed by ``label`` and a hash of everything its answer depends on; the time limit rides
    in the payload only (see the module docstring)."""
    key = f"{label}:{hashlib.sha256(_canonical(identity).encode()).hexdigest()[:32]}"
    return Job(kind, key, {**identity, "timeout": timeout})


def spec_of(payload: Mapping[str, Any]) -> TruthTable:
    """The truth table a job's payload names (the inverse of ``_function``)."""
    outputs = [int(h, 16) for h in payload["outputs"]]
    care = None if payload["care"] is None else [int(c, 16) for c in payload["care"]]
    return TruthTable.from_bits(payload["inputs"], outputs, care)


# -- synthesis ------------------------------------------------------------------------------------
def synthesis_job(
    spec: TruthTable,
    basis: str,
    objective: str,
    solver: str,
    timeout: float,
    certify: bool = False,
    references: Mapping[str, Circuit] | None = None,
) -> Job:
    """Minimum size, minimum depth or the frontier: the benchmark's job, shared with its store rows
    (a size job given the problem's ``references`` starts from them and is keyed by them too)."""
    from circuits.bench.synthesis import BenchConfig
    from circuits.bench.synthesis import synthesis_job as bench_job

    return bench_job(spec, BenchConfig(objective, basis, solver, timeout, certify), references)


# -- enumeration ----------------------------------------------------------------------------------
def enumeration_job(
    spec: TruthTable,
    basis: str,
    size: int,
    max_depth: int | None,
    limit: int,
    seed: int | None,
    solver: str,
    timeout: float,
) -> Job:
    """All circuits of ``size`` gates (depth ≤ ``max_depth``), capped at ``limit``; with ``seed`` a
    random sample (N1)."""
    from sat_encoding import ENCODER_VERSION

    identity = {
        **_function(spec),
        "basis": basis,
        "size": size,
        "max_depth": max_depth,
        "limit": limit,
        "seed": seed,
        "solver": solver,
        "encoder_version": ENCODER_VERSION,
    }
    return Job(ENUMERATION_KIND, _canonical(identity), {**identity, "timeout": timeout})


def enumerate_worker(payload: dict[str, Any]) -> dict[str, Any]:
    """Run one enumeration; every circuit is verified again before it is stored."""
    from sat_encoding import enumerate_circuits

    spec = spec_of(payload)
    found = enumerate_circuits(
        spec,
        payload["basis"],
        size=payload["size"],
        max_depth=payload["max_depth"],
        limit=payload["limit"],
        timeout=payload["timeout"],
        seed=payload["seed"],
        solver=payload["solver"],
    )
    circuits = [c.verify(spec).to_dict() for c in found.circuits]
    return {
        "circuits": circuits,
        "count": len(circuits),
        "complete": found.complete,
        # Cut by the clock, not by the cap: a longer limit could find more.
        "timed_out": not found.complete and len(circuits) < payload["limit"],
        "seconds": round(found.seconds, 6),
        "timeout": payload["timeout"],
    }


# -- populations (the search share) --------------------------------------------------------------
def population_job(
    spec: TruthTable, basis: str, size: int, max_depth: int | None, draw: int, seed: int, timeout: float
) -> Job:
    """The circuits of ``size`` gates (depth ≤ ``max_depth``): listed or sampled, ``draw`` of them
    kept for scoring (circuits/study/population.py)."""
    from circuits.study.population import LIST_CAP
    from sat_encoding import ENCODER_VERSION

    identity = {**_function(spec), "basis": basis, "size": size, "max_depth": max_depth, "draw": draw,
                "seed": seed, "cap": LIST_CAP, "encoder_version": ENCODER_VERSION, "code": population_digest()}
    return _timed_job(POPULATION_KIND, f"{basis}:{size}:{max_depth}", identity, timeout)


@lru_cache(maxsize=1)
def population_digest() -> str:
    """A digest of the listing-or-sampling rule and the sampler: a stored population is reused only
    while both are unchanged."""
    import circuits.study.population
    import sat_encoding.sampling

    digest = hashlib.sha256()
    for module in (circuits.study.population, sat_encoding.sampling):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:16]


def population_worker(payload: dict[str, Any]) -> dict[str, Any]:
    """Measure one population; every drawn circuit is verified again before it is stored. A
    population left unmeasured by the clock is marked ``timed_out`` so a longer limit retries it."""
    from circuits.study.population import measure_population

    spec = spec_of(payload)
    population = measure_population(
        spec, payload["basis"], payload["size"], payload["max_depth"], payload["draw"], payload["seed"],
        payload["timeout"], payload["cap"],
    )
    for circuit in population.drawn:
        circuit.verify(spec)
    return population.to_dict() | {"timed_out": population.method is None, "timeout": payload["timeout"]}


# -- N3 -------------------------------------------------------------------------------------------
def n3_job(problem: SearchProblem, size: int, count: int, basis: str, seed: int, timeout: float) -> Job:
    """N3: the minimal circuits of ``count`` random functions computed by random circuits of ``size``
    gates (the analyzer's ``matched_random_minima``). The draw lives in the problem suite's code and
    the synthesis in the encoder's, so both versions key the job."""
    from sat_encoding import ENCODER_VERSION

    identity = {
        "problem": problem.to_dict(),
        "size": size,
        "count": count,
        "basis": basis,
        "seed": seed,
        "encoder_version": ENCODER_VERSION,
        "suite": analyzer_digest(),
    }
    return _timed_job(N3_KIND, problem.name, identity, timeout)


def n3_worker(payload: dict[str, Any]) -> dict[str, Any]:
    """Draw and synthesize the N3 functions (each minimal circuit verified by the analyzer's code)."""
    from circuits.analysis.nulls import matched_random_minima

    problem = _problem_from_json(_canonical(payload["problem"]))
    minima = matched_random_minima(
        problem, payload["size"], payload["count"], payload["basis"], payload["seed"], payload["timeout"]
    )
    return {
        "circuits": [c.to_dict() for c, _ in minima],
        "optimal": [optimal for _, optimal in minima],
        "timed_out": not all(optimal for _, optimal in minima),
        "timeout": payload["timeout"],
    }


# -- analysis -------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def analyzer_digest() -> str:
    """A digest of the analyzer's and the problem suite's source: scores are only reused while both
    are unchanged (the analyzer has no version number to bump, and forgetting one would silently mix
    old and new scores)."""
    import circuits.analysis
    import circuits.problems

    return _source_digest(*(Path(package.__file__).parent for package in (circuits.analysis, circuits.problems)))


def _source_digest(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def analysis_job(
    problem: SearchProblem,
    circuit: Circuit,
    decoys: int,
    seed: int,
    weights: Mapping[str, float] | None = None,
    objective: bool = False,
) -> Job:
    """Score ``circuit`` against ``problem`` (its declared formulation, decoys, optional N4 weights;
    ``objective``: also the objective axis O, for a goal-as-input problem)."""
    payload = {
        "problem": problem.to_dict(),
        "circuit": circuit.to_dict(),
        "decoys": decoys,
        "seed": seed,
        "weights": None if weights is None else {k: round(v, 6) for k, v in sorted(weights.items())},
        "objective": objective,
    }
    text = _canonical({**payload, "analyzer": analyzer_digest()})
    key = f"{problem.name}:{hashlib.sha256(text.encode()).hexdigest()[:32]}"
    return Job(ANALYSIS_KIND, key, payload)


# -- power ----------------------------------------------------------------------------------------
def power_job(
    problem: SearchProblem, basis: str, budget: int, depth_budget: int | None, decoys: int, seed: int, timeout: float
) -> Job:
    """Could a circuit of ``budget`` gates (depth ≤ ``depth_budget``) clear the bar? The counting
    bound, then witnesses (references, constrained exact searches) scored by the analyzer."""
    from sat_encoding import ENCODER_VERSION

    identity = {
        "problem": problem.to_dict(),
        "basis": basis,
        "budget": budget,
        "depth_budget": depth_budget,
        "decoys": decoys,
        "seed": seed,
        "encoder_version": ENCODER_VERSION,
        "analyzer": analyzer_digest(),
    }
    return _timed_job(POWER_KIND, problem.name, identity, timeout)


def power_worker(payload: dict[str, Any]) -> dict[str, Any]:
    """Run the power check; an undecided answer may come from a search cut by its time limit, so it
    is marked as such and retried under a longer limit."""
    from circuits.analysis.power import assess_power

    problem = _problem_from_json(_canonical(payload["problem"]))
    power = assess_power(
        problem, payload["basis"], payload["budget"], payload["depth_budget"], payload["decoys"], payload["seed"],
        payload["timeout"],
    )
    return power.to_dict() | {"timed_out": power.status == "undecided", "timeout": payload["timeout"]}


# -- improvement ----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def improve_digest() -> str:
    """A digest of the improvement code: whether a run ends locally minimal is its claim, so a change
    to it recomputes the study's improvement jobs instead of reusing the old claim."""
    import circuits.improve

    return _source_digest(Path(circuits.improve.__file__).parent)


def improvement_job(circuit: Circuit, objective: str, solver: str, timeout: float) -> Job:
    """Improve ``circuit`` (already in its study basis) to a local minimum of ``objective``."""
    from sat_encoding import ENCODER_VERSION

    identity = {
        "circuit": circuit.to_dict(),
        "basis": circuit.basis,
        "objective": objective,
        "window_inputs": IMPROVE_WINDOW_INPUTS,
        "window_gates": IMPROVE_WINDOW_GATES,
        "window_timeout": IMPROVE_WINDOW_TIMEOUT,
        "solver": solver,
        "encoder_version": ENCODER_VERSION,
        "improve": improve_digest(),
    }
    return _timed_job(IMPROVEMENT_KIND, objective, identity, timeout)


def improve_worker(payload: dict[str, Any]) -> dict[str, Any]:
    """Run one improvement in a single window worker; every circuit of the trajectory is verified
    against the starting circuit's truth table before it is stored. A run that did not converge (cut
    by the time limit) is marked ``timed_out`` so a longer limit retries it; a converged run holds
    under any limit."""
    from circuits.improve import improve_circuit
    from circuits.improve.result import STOP_CONVERGED

    start = Circuit.from_dict(payload["circuit"])
    spec = TruthTable.from_bits(start.inputs, start.output_tables())
    result = improve_circuit(
        start, objective=payload["objective"], basis=payload["basis"], window_inputs=payload["window_inputs"],
        window_gates=payload["window_gates"], timeout=payload["timeout"], window_timeout=payload["window_timeout"],
        solver=payload["solver"],
    )
    result.raise_if_interrupted()  # a run cut by a killed window worker is no result
    for step in result.steps:
        step.circuit.verify(spec)
    data = result.to_dict()
    return {
        "locally_minimal": data["locally_minimal"],
        "stop": data["stop"],
        "limits": data["limits"],
        "windows": data["windows"],
        "proven_windows": data["proven_windows"],
        "unproven_windows": len(data["unproven_windows"]),
        "trajectory": data["trajectory"],
        "seconds": data["seconds"],
        "cpu_seconds": data["cpu_seconds"],
        "timed_out": result.stop != STOP_CONVERGED,
        "timeout": payload["timeout"],
    }


@lru_cache(maxsize=64)
def _problem_from_json(text: str) -> SearchProblem:
    return SearchProblem.from_dict(json.loads(text))


def analyze_worker(payload: dict[str, Any]) -> dict[str, Any]:
    """Score one circuit; keep the scores, every metric's value, and the wires to highlight.

    Retargetability (RT) is not run: it is a SAT search per goal and circuit (minutes for PATH4's
    brute force) and is not part of S; ``circuits analyze`` computes it for single circuits.
    """
    from circuits.analysis import analyze_circuit

    problem = _problem_from_json(_canonical(payload["problem"]))
    circuit = Circuit.from_dict(payload["circuit"])
    analysis = analyze_circuit(
        circuit, problem, decoys=payload["decoys"], seed=payload["seed"], weights=payload["weights"], retarget=False,
        objective=payload.get("objective", False),
    )
    data = analysis.to_dict()
    metrics = data["metrics"]
    return {
        "score": data["score"],
        "s_enum": data["s_enum"],
        "s_prop": data["s_prop"],
        "s_raw": data["s_raw"],
        "mu_decoy": data["mu_decoy"],
        "decoys": data["decoys"],
        "decoy_percentile": data["decoy_percentile"],
        "seed_bar": data["seed_bar"],
        "verdict": data["verdict"],
        "computes": data["computes"],
        "size": data["size"],
        "depth": data["depth"],
        "values": {name: metric["value"] for name, metric in metrics.items()},
        "covered": sorted(metrics["cc"]["evidence"].get("covered", {})),
        "highlight": highlight_nodes(circuit, problem, metrics),
    }


def highlight_nodes(circuit: Circuit, problem: SearchProblem, metrics: Mapping[str, Any]) -> dict[str, list[int]]:
    """The gates the analyzer found playing a role, read from its evidence: candidate verifiers (CC),
    the union or selection tree (AG) and, for problems with states, propagation states (PC). Only
    gates are marked: a literal is never a non-trivial candidate, and the inputs are drawn on their
    own rank anyway."""
    groups = {
        HIGHLIGHT_GROUPS[0]: _refs(metrics["cc"]["evidence"].get("covered", {})),
        HIGHLIGHT_GROUPS[1]: [w["wire"] for w in metrics["ag"]["evidence"].get("tree", [])],
    }
    if "pc" in metrics:
        groups[HIGHLIGHT_GROUPS[2]] = _refs(metrics["pc"]["evidence"].get("covered", {}))
    return {
        label: sorted({node for ref in refs if (node := gate_of_ref(ref, circuit, problem)) is not None})
        for label, refs in groups.items()
    }


def _refs(covered: Mapping[str, list[str]]) -> list[str]:
    return [ref for refs in covered.values() for ref in refs]


def gate_of_ref(ref: str, circuit: Circuit, problem: SearchProblem) -> int | None:
    """The gate a wire reference (``x10``, ``!x10``) names; None for an input (``e01``, ``x3`` < n)."""
    name = ref.lstrip("!")
    if name in problem.input_names or not name.startswith("x") or not name[1:].isdigit():
        return None
    node = int(name[1:])
    return node if circuit.inputs <= node < circuit.num_nodes else None
