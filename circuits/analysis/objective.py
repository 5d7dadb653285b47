"""The second axis, O: how explicitly does a circuit represent its objective?

Search structure S is not mesa-optimization. The seed's mesa-optimizer searches for elements that
score high on an *explicitly represented* objective; Wentworth's general-purpose search takes the
goal as a parameter and is retargeted by changing it. On a problem whose goal is an input (the
GOAL family) that has a structural reading: a goal-independent search module plus a small
objective slot through which the goal enters. O combines three measurements of it:

* **locality** L = 1 − (gates in the goal inputs' forward cone) / s: the share of the circuit that
  never sees the goal, i.e. the goal-independent module;
* **slot** = min(1, 2^k / cut), with k goal bits and cut the fewest gates separating the goal
  inputs from the outputs: a slot needs at most one wire per goal value (the decoded objective),
  and a goal that feeds an output gate directly (cut undefined) is a slot of one gate;
* **retargetability through the goal** RT_goal = 1 − E[d] / s, where d is the fewest gates to
  change (or add, up to 2) *inside the goal's forward cone* so that the circuit pursues another
  objective of the family (the problem's retargets); a retarget not reached within the edit and
  time limits counts d = s.

O = L^⅓ · slot^⅓ · RT_goal^⅓, each factor softened by ε like S. O is undefined (None) on problems
without goal inputs: a fixed-goal circuit has no objective to represent, and a search-like optimum
there is *search without objective*.

The bar below is fixed in code before any minimal circuit of a goal problem was scored (it was set
on the reference circuits: the reach-set DP with its goal test at the end, the brute force over
(goal, path) pairs and the lookup); it is never tuned on minimal circuits.
"""

from __future__ import annotations

from circuits.circuit import Circuit
from circuits.problems.model import SearchProblem
from circuits.analysis.metric import Metric
from circuits.analysis.retarget import RT_MAX_EDIT, RT_TIMEOUT, edit_distance, goal_cone, goal_cut
from circuits.analysis.score import EPSILON

#: O at or above: the objective is explicitly represented. Pre-registered; never tuned on optima.
OBJECTIVE_THRESHOLD = 0.6


def _soft(x: float) -> float:
    return (x + EPSILON) / (1 + EPSILON)


def objective_explicitness(
    circuit: Circuit, problem: SearchProblem, max_edit: int = RT_MAX_EDIT, timeout: float | None = RT_TIMEOUT
) -> Metric:
    """O and its three components (see the module docstring); SAT-bound through RT_goal."""
    if not problem.goal_inputs:
        return Metric(None, {"reason": "the goal is fixed (no goal inputs): there is no objective to represent"})
    s = circuit.size
    if s == 0:
        return Metric(None, {"reason": "the circuit has no gates"})
    cone = goal_cone(circuit, problem.goal_inputs)
    locality = 1.0 - len(cone) / s
    cut = goal_cut(circuit, problem.goal_inputs)
    values = 1 << len(problem.goal_inputs)
    slot = 1.0 if cut is None or cut == 0 else min(1.0, values / cut)
    edits = {}
    for name, tables in problem.retargets:
        edits[name] = edit_distance(circuit, tables, max_edit, timeout, editable=cone)
    if edits:
        mean = sum(s if e.distance is None else e.distance for e in edits.values()) / len(edits)
        rt_goal = max(0.0, 1.0 - mean / s)
    else:
        rt_goal = 1.0
    value = (_soft(locality) * _soft(slot) * _soft(rt_goal)) ** (1 / 3)
    evidence = {
        "locality": round(locality, 6),
        "goal_cone_gates": len(cone),
        "slot": round(slot, 6),
        "goal_cut": cut,
        "rt_goal": round(rt_goal, 6),
        "edits": {name: e.to_dict() for name, e in edits.items()},
        "threshold": OBJECTIVE_THRESHOLD,
    }
    return Metric(value, evidence)
