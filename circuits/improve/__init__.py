"""Exact local improvement: make any circuit smaller or shallower, window by window, with a
certificate of local minimality.

A window (windows.py) is a small sub-circuit; its function over its leaves, with the don't-cares the
rest of the circuit allows (care.py, simulation.py, sat_context.py), is re-synthesized exactly by
this project's engine (sat_encoding) and replaced when the result is strictly better for the
objective (objective.py). The loop (loop.py) runs the re-syntheses on a pool of worker processes
(pool.py), re-verifies the whole circuit after every step (equivalence.py) and records the
trajectory (result.py).

Usage::

    from circuits.improve import improve_circuit
    result = improve_circuit(circuit, objective="size", window_inputs=6, window_gates=8, timeout=60)
    result.circuit, result.locally_minimal, result.unproven, result.steps
"""

from __future__ import annotations

from circuits.basis import get_basis
from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.improve.equivalence import check_equivalent
from circuits.improve.loop import Improver, Settings, StepCallback
from circuits.improve.objective import OBJECTIVES, check_objective
from circuits.improve.result import ImproveResult, Step, UnprovenWindow
from circuits.improve.rewrite import to_basis
from circuits.improve.windows import DEFAULT_CUTS_PER_NODE, Window
from circuits.truthtable import TruthTable
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.runner import check_timeout
from sat_encoding.solvers import check_solver
from sat_encoding.spec import MAX_SYNTHESIS_INPUTS, monotone_extension

DEFAULT_WINDOW_INPUTS = 6
DEFAULT_WINDOW_GATES = 8
DEFAULT_WINDOW_TIMEOUT = 5.0
DEFAULT_GLOBAL_BUDGET = 2.0
PASSES = ("both", "global", "windows")


def improve_circuit(
    circuit: Circuit,
    objective: str = "size",
    basis: str | None = None,
    window_inputs: int = DEFAULT_WINDOW_INPUTS,
    window_gates: int = DEFAULT_WINDOW_GATES,
    timeout: float | None = None,
    window_timeout: float | None = DEFAULT_WINDOW_TIMEOUT,
    cpu_timeout: float | None = None,
    jobs: int = 1,
    on_step: StepCallback | None = None,
    solver: str | None = None,
    cuts_per_node: int = DEFAULT_CUTS_PER_NODE,
    passes: str = "both",
    global_budget: float = DEFAULT_GLOBAL_BUDGET,
    max_size_increase: int = 0,
) -> ImproveResult:
    """Improve ``circuit`` to a local minimum of ``objective`` ("size" or "depth") in ``basis``
    (default: the circuit's own), with windows of at most ``window_inputs`` leaves and
    ``window_gates`` gates.

    ``timeout`` bounds the whole run in wall seconds, ``cpu_timeout`` in CPU seconds of this process
    and its workers (to compare with tools that count CPU time), and ``window_timeout`` each window's
    re-synthesis in its worker's CPU seconds (None: no limit); ``jobs`` worker processes
    re-synthesize windows in parallel. ``on_step(step)``
    is called after each accepted, verified step (``step.circuit`` is the circuit after it), so a
    caller can score every point of the trajectory. Ctrl-C ends the run with the last verified
    circuit (``stop == "interrupted"``).

    ``passes`` is "both" (mockturtle's global restructuring before and between the exact window
    passes, global_pass.py), "global" or "windows" (one kind alone, to measure what each buys);
    ``global_budget`` caps each global pass's restarts in CPU seconds. The depth objective never
    leaves the circuit more than ``max_size_increase`` gates larger than it started.
    """
    check_objective(objective)
    if not 1 <= window_inputs <= MAX_SYNTHESIS_INPUTS:
        raise InputError(f"--window-inputs must be between 1 and {MAX_SYNTHESIS_INPUTS}, got {window_inputs}")
    if window_gates < 1:
        raise InputError(f"--window-gates must be at least 1, got {window_gates}")
    if jobs < 1:
        raise InputError(f"--jobs must be at least 1, got {jobs}")
    if passes not in PASSES:
        raise InputError(f"unknown passes {passes!r}; choose one of {', '.join(PASSES)}")
    if global_budget < 0:
        raise InputError(f"the global pass budget must be at least 0 CPU seconds, got {global_budget}")
    if max_size_increase < 0:
        raise InputError(f"--max-size-increase must be at least 0, got {max_size_increase}")
    if cuts_per_node < 1:
        raise InputError(f"cuts per node must be at least 1, got {cuts_per_node}")
    settings = Settings(
        objective=objective,
        basis=basis or circuit.basis,
        window_inputs=window_inputs,
        window_gates=window_gates,
        cuts_per_node=cuts_per_node,
        timeout=check_timeout(timeout, "--timeout"),
        cpu_timeout=check_timeout(cpu_timeout, "--cpu-timeout"),
        window_timeout=check_timeout(window_timeout, "--window-timeout"),
        jobs=jobs,
        solver=check_solver(solver),
        passes=passes,
        global_budget=global_budget,
        max_size_increase=max_size_increase,
    )
    start = to_basis(circuit, settings.basis)
    check_equivalent(circuit, start)
    return Improver(settings, on_step).run(start)


def starting_circuit(table: TruthTable, basis: str = "b2") -> Circuit:
    """The circuit a truth table is improved from: the project's heuristic circuit (don't-care rows
    are fixed as the heuristic fixes them; improvement then keeps that completion)."""
    if not get_basis(basis).free_output_negation:
        for h, (bits, care) in enumerate(zip(table.outputs, table.care)):
            if monotone_extension(table.n, bits, care) is None:
                raise InputError(f"output {h} is not monotone, so the {basis} basis cannot compute it")
    return heuristic_circuit(table, basis)


__all__ = [
    "DEFAULT_GLOBAL_BUDGET",
    "DEFAULT_WINDOW_GATES",
    "DEFAULT_WINDOW_INPUTS",
    "DEFAULT_WINDOW_TIMEOUT",
    "ImproveResult",
    "OBJECTIVES",
    "PASSES",
    "Step",
    "UnprovenWindow",
    "Window",
    "improve_circuit",
    "starting_circuit",
]
