"""All circuits of a given size (and depth bound) up to isomorphism, or a random sample of them.

The encoding's always-on symmetry breaking keeps at least one representative of every isomorphism
class (it only removes gate reorderings, fanin swaps and internal polarity choices, plus circuits
with unused or duplicate gates, which are never optimal). Each circuit found is verified, keyed
canonically (circuits/canonical.py) and blocked structurally; isomorphic copies that slip past the
symmetry breaking are dropped by key. The search ends when the solver proves no structure is left
(``complete``), or at the limit or time limit (``complete`` false).

**Orbit representatives, then expansion.** Let G = Aut(f), the pure input permutations that map
every target to itself (or, where the output polarity is free, to its complement) and the care sets
to themselves (symmetry.automorphism_group: the whole group, found exactly). G acts on circuits by
relabelling inputs, and maps isomorphism classes of k-gate circuits for f (of depth ≤ d) to such
classes; call a G-orbit of classes an *orbit*. The enumeration turns the symmetric-input rule on
(for the up to 64 elements of G it uses) and then relabels every circuit found by every element of
G, keeping one circuit per canonical key, and forbids the solver every image it has listed (one
clause each, on the image's sorted form: sorted_form.py), so that no solver call is spent finding
another representative of an orbit already listed. This lists every class:

* every orbit keeps a representative under the rule. The proof in symmetry.py's docstring, read
  with X = the sorted circuits of the orbit's classes (instead of all minimum circuits), shows
  that the lexicographically least one obeys the rule for every π ∈ G at once: relabelling by
  π ∈ G keeps the size, the depth, the targets and every always-on property (all gates used, no
  duplicate gate), so the greedy sort of the relabelled circuit lies in X again. Only the size and
  the depth bound are fixed, so this holds at every size, not only at the minimum;
* relabelling the representative of an orbit by every element of the group reaches a circuit of
  every class in the orbit (G·[C] is the orbit). The full group is needed here, not only the
  elements the rule used;
* a forbidden image is a circuit of a class already listed, and forbidding it removes that one
  model (sorted_form.py: a circuit is at most one model), so every class not yet listed keeps the
  model of its representative.

Measured on PATH4 (6 inputs, |G| = 4; `aig`: 40 optima in 14 orbits): forbidding the images took
the solver calls that find a circuit from 16 to 14 and the whole list from 116.7 to 102.3 CPU s;
in `b2` (48 optima in 17 orbits) from 20 to 17 calls, but the list took 1,215 CPU s against 1,123
(one run each): it never costs a call, it does not always save time.

The other optional rule, no re-application, is not a rule of orbit representatives: it drops every
circuit in which a gate reads another gate together with one of that gate's fanins, and such a
circuit is a class of its own (rewiring it gives a different class). Listing them again would need
the inverse of every rewiring; the rule stays off here. The fanout limits (bounds.py) hold for
every circuit of the size, so they stay on. A seeded run (a random sample, the N1 null model) keeps
the unreduced encoding, so that the sample is drawn over circuits, not over orbits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from circuits.canonical import canonical_key
from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.truthtable import TruthTable
from sat_encoding.bounds import fanout_limits
from sat_encoding.engines import check_engine, enumeration_engine
from sat_encoding.incremental import IncrementalInstance
from sat_encoding.library import expand
from sat_encoding.result import SynthesisResult
from sat_encoding.runner import Bound, Delegate, Event, Found, run_search
from sat_encoding.objectives import optimize
from sat_encoding.exact import gate_free_circuit
from sat_encoding.shape_enumeration import ShapeTime, enumerate_by_shapes
from sat_encoding.solvers import check_solver
from sat_encoding.spec import prepare
from sat_encoding.symmetry import automorphism_group


@dataclass
class Enumeration:
    """Distinct circuits (up to isomorphism), how many, and whether the list is provably complete;
    which engine listed them (engines.py) and, shape by shape, the topology engine's task times."""

    circuits: list[Circuit] = field(default_factory=list)
    complete: bool = False
    seconds: float = 0.0
    engine: str = "ssv"
    shapes: int | None = 0
    shape_times: list[ShapeTime] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.circuits)


def enumeration_search(
    table: TruthTable,
    basis: str,
    solver: str,
    size: int,
    max_depth: int | None,
    limit: int,
    seed: int | None,
    reduce: bool = True,
) -> Iterator[Event]:
    """Events: one Found per new isomorphism class; Bound('complete', 1) when provably exhausted.

    ``reduce`` (ignored with a seed): orbit representatives under the symmetric-input rule, each
    expanded by the whole of Aut(f) (module docstring); off, the plain enumeration.
    """
    spec = prepare(table, basis)
    if not spec.targets:
        if size == 0:
            yield Found(gate_free_circuit(spec))
        yield Bound("complete", 1)
        return
    if size == 0:
        yield Bound("complete", 1)
        return
    group = automorphism_group(spec) if reduce and seed is None else (tuple(range(spec.n)),)
    seen: set[str] = set()
    limits = fanout_limits(spec, size)
    with IncrementalInstance(
        spec, size, solver, max_depth, seed, break_input_symmetry=len(group) > 1, fanout_limits=limits
    ) as instance:
        while len(seen) < limit:
            circuit = instance.solve()
            if circuit is None:
                yield Bound("complete", 1)
                return
            instance.block_last()
            for image in expand(circuit, group, table):
                key = canonical_key(image)
                if key not in seen and len(seen) < limit:
                    seen.add(key)
                    if len(group) > 1:
                        instance.block(image)
                    yield Found(image)


def enumerate_circuits(
    table: TruthTable,
    basis: str = "b2",
    size: int = 0,
    max_depth: int | None = None,
    limit: int = 1000,
    timeout: float | None = None,
    seed: int | None = None,
    solver: str | None = None,
    engine: str | None = None,
    parts: Any = None,
) -> Enumeration:
    """Every circuit of exactly ``size`` gates (depth ≤ ``max_depth``) computing ``table``, up to isomorphism.

    With ``seed``, the solver's phases are randomized, which turns a capped enumeration into a random
    sample (the N1 null model of the analyzer). Circuits with unused or duplicated gates are never
    produced, so at a non-minimal size this lists the irredundant circuits only.

    ``engine`` (engines.py): "ssv" lists them from one incremental instance, "topology" shape by
    shape (shape_enumeration.py; with ``parts``, a parallel.PartsSolver, the shapes run on its
    workers); "auto" (None) picks by measurement (engines.py). A depth bound or a seed always uses SSV.
    """
    if limit < 1:
        raise InputError("the enumeration limit must be at least 1")
    solver_name = check_solver(solver)
    prepare(table, basis)
    chosen = enumeration_engine(check_engine(engine), max_depth, seed)
    if chosen == "topology":
        run = enumerate_by_shapes(table, basis, solver_name, size, limit, timeout, parts)
        return Enumeration(run.circuits, run.complete, run.seconds, "topology", run.shapes, run.times)
    outcome = run_search(enumeration_search, (table, basis, solver_name, size, max_depth, limit, seed), timeout)
    circuits = [e.circuit for e in outcome.events if isinstance(e, Found)]
    complete = any(isinstance(e, Bound) and e.measure == "complete" for e in outcome.events)
    return Enumeration(circuits, complete, outcome.seconds)


def enumerate_optimal(
    table: TruthTable,
    basis: str = "b2",
    objective: str = "size",
    limit: int = 1000,
    timeout: float | None = None,
    solver: str | None = None,
    certify: bool = False,
    parts: Delegate | None = None,
    start: Circuit | None = None,
    engine: str | None = None,
) -> tuple[list[SynthesisResult], list[Enumeration]]:
    """The optimum (or each frontier point) and all its circuits up to isomorphism.

    An enumeration is only complete when its optimum was proven: circuits of a size that is not known
    to be minimal are not "all optimal circuits". ``certify`` certifies the optimum, not the
    completeness of the list. ``start``: an upper-bound circuit for the size search (size.py).
    """
    results = optimize(table, basis, objective, solver, timeout, certify, parts, start, engine)
    enumerations = []
    for result in results:
        circuit = result.circuit
        assert circuit is not None
        budget = result.depth_budget if objective == "frontier" else circuit.depth if objective == "depth" else None
        enumeration = enumerate_circuits(table, basis, circuit.size, budget, limit, timeout, None, solver, engine, parts)
        enumeration.complete = enumeration.complete and result.optimal
        enumerations.append(enumeration)
    return results, enumerations


#: ``count_circuits`` lists at most this many circuits: beyond it a count is reported incomplete.
COUNT_LIMIT = 1_000_000


def count_circuits(
    table: TruthTable,
    basis: str = "b2",
    size: int = 0,
    timeout: float | None = None,
    solver: str | None = None,
    engine: str | None = None,
    parts: Any = None,
) -> Enumeration:
    """How many circuits of exactly ``size`` gates compute ``table``, up to isomorphism (the same
    notion as ``enumerate_circuits``, which it is with no practical limit): ``.count``, exact when
    ``.complete``; ``.circuits`` is the complete set. ``engine`` and ``parts`` as there. For the
    study: the counts and complete sets at s_min, s_min + 1, s_min + 2."""
    return enumerate_circuits(table, basis, size, None, COUNT_LIMIT, timeout, None, solver, engine, parts)
