"""The global pass: restructure the whole circuit with mockturtle's AIG optimizations (via aigverse).

Exact windows (loop.py) see at most a few gates, so restructurings that span the circuit (sharing a
carry chain, merging counters) are out of their reach. mockturtle's cut rewriting against its database
of optimal 4-input structures, resubstitution, SOP refactoring and balancing work on the whole AIG in
milliseconds. One *round* applies a script once; rounds repeat until one brings nothing. Because
these algorithms are greedy and depend on the order in which they meet the nodes, the pass then
restarts from the best circuit with the inputs listed in a random order (a different traversal, the
same function) and a balancing step that changes the structure, and keeps whatever is best, until its
CPU budget is spent or ``restarts`` restarts brought nothing. The script, the 10-leaf windows of
resubstitution and refactoring and the restarts were chosen by measurement (docs/improve.md).

Each result is translated back (aig_bridge.py), cleaned up and verified against the circuit the pass
started from; the pass returns a circuit only if it is strictly better for the cost given.
"""

from __future__ import annotations

import random
import time
from typing import Callable

from aigverse.algorithms import aig_cut_rewriting, aig_resubstitution, balancing, sop_refactoring
from aigverse.networks import Aig

from circuits.circuit import Circuit
from circuits.improve.aig_bridge import from_aigverse, to_aigverse
from circuits.improve.equivalence import check_equivalent

#: Leaves of the windows of resubstitution and refactoring (mockturtle's defaults are 8 and 6;
#: 10 found GOAL-PATH4's 22 ANDs and ARGMAX3x2's 19, measured in docs/improve.md).
WINDOW_LEAVES = 10

Transform = Callable[[Aig], Aig]

#: Two size scripts, alternated between restarts. Cut rewriting finds the best 4-input structures but
#: costs about 0.1 CPU s per call whatever the circuit (mockturtle builds its database of optimal
#: structures each time), so the second script calls it once and spends its time on resubstitution
#: and refactoring; measured on the 26 circuits of benchmarks/improve.py, neither is best everywhere
#: (MAJ7 22 against 24 ANDs for the first, MOD3-12 64 against 72 for the second).
REWRITING_SCRIPT: tuple[Transform, ...] = (
    lambda a: aig_cut_rewriting(a),
    lambda a: aig_resubstitution(a, max_pis=WINDOW_LEAVES, max_inserts=3),
    lambda a: sop_refactoring(a, max_pis=WINDOW_LEAVES),
    lambda a: balancing(a),
    lambda a: aig_cut_rewriting(a, allow_zero_gain=True),
    lambda a: sop_refactoring(a, max_pis=WINDOW_LEAVES, allow_zero_gain=True),
    lambda a: aig_cut_rewriting(a),
)
RESUBSTITUTION_SCRIPT: tuple[Transform, ...] = (
    lambda a: aig_cut_rewriting(a),
    lambda a: aig_resubstitution(a, max_pis=WINDOW_LEAVES, max_inserts=3),
    lambda a: sop_refactoring(a, max_pis=WINDOW_LEAVES),
    lambda a: balancing(a),
    lambda a: aig_resubstitution(a, max_pis=WINDOW_LEAVES, max_inserts=3),
    lambda a: sop_refactoring(a, max_pis=WINDOW_LEAVES, allow_zero_gain=True),
    lambda a: aig_resubstitution(a, max_pis=WINDOW_LEAVES, max_inserts=3),
    lambda a: sop_refactoring(a, max_pis=WINDOW_LEAVES),
)
SIZE_SCRIPTS = (REWRITING_SCRIPT, RESUBSTITUTION_SCRIPT)

#: Depth: balancing (which shortens paths but adds ANDs), then rewriting and resubstitution that may
#: not lengthen a path take ANDs out again, so that a shallower circuit fits the size allowance.
DEPTH_SCRIPTS: tuple[tuple[Transform, ...], ...] = (
    (
        lambda a: balancing(a),
        lambda a: aig_cut_rewriting(a, preserve_depth=True),
        lambda a: aig_resubstitution(a, max_pis=WINDOW_LEAVES, max_inserts=3, preserve_depth=True),
        lambda a: aig_cut_rewriting(a, preserve_depth=True, allow_zero_gain=True),
        lambda a: aig_resubstitution(a, max_pis=WINDOW_LEAVES, max_inserts=3, preserve_depth=True),
    ),
)

#: Structure-changing first steps of a restart (they may add gates; the script then takes them out).
PERTURBATIONS: tuple[Transform, ...] = (
    lambda a: balancing(a, rebalance_function="esop"),
    lambda a: balancing(a),
    lambda a: a,
)

DEFAULT_RESTARTS = 20

Cost = Callable[[Circuit], tuple[int, ...]]


def size_cost(circuit: Circuit) -> tuple[int, ...]:
    return (circuit.size, circuit.depth)


def _past(deadline: float | None) -> bool:
    return deadline is not None and time.perf_counter() >= deadline


def _run_script(
    aig: Aig, script: tuple[Transform, ...], cost: Callable[[Aig], tuple[float, ...]], deadline: float | None = None
) -> Aig:
    """Rounds of ``script`` until a round does not lower the cost, or the wall ``deadline`` (a
    perf_counter time) passes; the best AIG seen."""
    best, best_cost = aig, cost(aig)
    current = aig
    while True:
        improved = False
        for transform in script:
            if _past(deadline):
                return best
            current = transform(current)
            if cost(current) < best_cost:
                best, best_cost, improved = current, cost(current), True
        if not improved:
            return best


def _aig_cost(objective: str, size_limit: int | None) -> Callable[[Aig], tuple[float, ...]]:
    """Size: ANDs. Depth: (levels, ANDs), and no better than the start while over ``size_limit``."""
    if objective == "depth":
        from aigverse.networks import DepthAig

        limit = float("inf") if size_limit is None else size_limit
        return lambda a: (DepthAig(a).num_levels, a.num_gates) if a.num_gates <= limit else (float("inf"),)
    return lambda a: (a.num_gates,)


def global_pass(
    circuit: Circuit,
    cost: Cost,
    objective: str = "size",
    cpu_budget: float = 2.0,
    restarts: int = DEFAULT_RESTARTS,
    seed: int = 0,
    size_limit: int | None = None,
    deadline: float | None = None,
) -> Circuit | None:
    """A verified ``aig`` circuit equivalent to ``circuit`` with a lower ``cost``, or None.

    ``objective`` picks the script (size or depth); the depth objective's candidates must have at
    most ``size_limit`` gates. Restarts stop after ``cpu_budget`` CPU seconds of this process or
    after ``restarts`` restarts in a row without a better circuit, and at the wall ``deadline`` (a
    perf_counter time: a command's time limit, which a loaded machine reaches long before the CPU
    budget) whatever they found by then.
    """
    started = time.process_time()
    rng = random.Random(seed)
    # A smaller circuit is often shallower too (HAM4's brute force: 13 ANDs at depth 5 by the size
    # scripts, 25 at depth 6 by balancing alone), so the depth objective alternates all scripts.
    scripts = DEPTH_SCRIPTS + SIZE_SCRIPTS if objective == "depth" else SIZE_SCRIPTS
    aig_cost = _aig_cost(objective, size_limit)
    best: Circuit | None = None
    best_cost = cost(circuit)
    current = circuit
    fruitless = 0
    attempt = 0
    while fruitless <= restarts and (attempt == 0 or time.process_time() - started < cpu_budget) and not _past(deadline):
        perm = list(range(circuit.inputs))
        if attempt:
            rng.shuffle(perm)
        inverse = [0] * len(perm)
        for i, p in enumerate(perm):
            inverse[p] = i
        aig = to_aigverse(current.with_inputs_permuted(perm))
        if attempt:
            aig = PERTURBATIONS[attempt % len(PERTURBATIONS)](aig)
        result = _run_script(aig, scripts[attempt % len(scripts)], aig_cost, deadline)
        candidate = from_aigverse(result, circuit.input_names, circuit.output_names).with_inputs_permuted(inverse)
        attempt += 1
        fits = size_limit is None or candidate.size <= size_limit
        if cost(candidate) < best_cost and fits:
            check_equivalent(circuit, candidate)
            best, best_cost, current, fruitless = candidate, cost(candidate), candidate, 0
        else:
            fruitless += 1
    return best
