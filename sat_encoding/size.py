"""Minimum-size synthesis: raise the gate count from a proven lower bound until the CNF is satisfiable.

Every k below the answer is proven UNSAT, so the first satisfiable k is the minimum. A cheap
heuristic circuit is reported first, so a search cut by its time limit still has a circuit to show,
and it ends the search early when it already meets the lower bound. A caller may hand in a better
starting circuit (``start``: a reference design, or the result of a rewriting pass that this package
cannot import); after it is verified against the table, the smaller of it and the heuristic caps the
search, so with an upper bound one above the lower bound a single UNSAT call settles the minimum.

A search also starts from what earlier runs proved (kept_bounds.py): the kept lower bound and the
kept circuit, and it keeps what it proves, a run cut by its time limit included, so the next run
with a longer limit goes on where this one stopped instead of proving the same sizes again.
"""

from __future__ import annotations

from typing import Iterator

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.truthtable import TruthTable
from sat_encoding import certify as certificate
from sat_encoding.bounds import size_lower_bound, structural_lower_bound
from sat_encoding.decompose import attach, top_gate
from sat_encoding.engines import check_engine, search_engine
from sat_encoding.exact import gate_free_circuit
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.kept_bounds import ProvenBound, keep_bound, kept_bound, kept_circuit
from sat_encoding.result import SynthesisResult
from sat_encoding.runner import Bound, Delegate, Event, Found, run_search
from sat_encoding.solvers import check_solver
from sat_encoding.spec import prepare
from sat_encoding.parallel import exact_solver


def size_search(
    table: TruthTable,
    basis: str,
    solver: str,
    in_parts: bool = False,
    start: Circuit | None = None,
    proven_lower: int = 0,
    engine: str = "ssv",
) -> Iterator[Event]:
    """Events of the minimum-size search (see runner.py); ``in_parts``: hard questions go to the
    parent's PartsSolver; ``start``: a verified circuit for ``table`` in ``basis`` to start from;
    ``proven_lower``: a lower bound proven before (a kept bound); ``engine``: "ssv" or "topology"
    (engines.py), which answers each size's question."""
    spec = prepare(table, basis)
    if not spec.targets:
        yield Bound("size", 0)
        yield Found(gate_free_circuit(spec))
        return
    top = top_gate(table, spec.basis)
    if top is not None:
        if start is not None:  # it bounds f, not the smaller g the search continues with
            yield Found(start)
        # C(f) = C(g) + 1 exactly (decompose.py): search g, one input fewer.
        for event in size_search(top.rest, basis, solver, in_parts, proven_lower=proven_lower - 1, engine=engine):
            if isinstance(event, Bound):
                yield Bound("size", event.value + 1)
            else:
                yield Found(attach(top, event.circuit, table.n).verify(table))
        return
    lower = max(size_lower_bound(spec), proven_lower)
    yield Bound("size", lower)
    upper = heuristic_circuit(table, basis)
    if start is not None and start.size < upper.size:
        upper = start
    yield Found(upper)
    exact = exact_solver(in_parts, engine)
    for gates in range(lower, upper.size):
        circuit = exact(spec, gates, solver)
        if circuit is not None:
            yield Found(circuit)
            return
        yield Bound("size", gates + 1)


def check_start(start: Circuit, table: TruthTable, basis: str) -> None:
    """A starting circuit must compute ``table`` (simulated here) in the cost model being searched."""
    if start.basis != basis:
        raise InputError(f"the starting circuit is in the {start.basis} basis, the search in {basis}")
    start.verify(table)


def best_of(events: list[Event], measure: str) -> tuple[Circuit | None, int]:
    """The smallest circuit found and the largest proven lower bound of ``measure``."""
    lower = max((e.value for e in events if isinstance(e, Bound) and e.measure == measure), default=0)
    circuits = [e.circuit for e in events if isinstance(e, Found)]
    key = (lambda c: (c.depth, c.size)) if measure == "depth" else (lambda c: (c.size, c.depth))
    best = min(circuits, key=key, default=None)
    return best, lower


def minimum_size(
    table: TruthTable,
    basis: str = "b2",
    solver: str | None = None,
    timeout: float | None = None,
    certify: bool = False,
    parts: Delegate | None = None,
    start: Circuit | None = None,
    engine: str | None = None,
) -> SynthesisResult:
    """A provably minimum-size circuit for ``table`` in ``basis``, or proven bounds if cut by ``timeout``.

    ``engine``: "ssv", "topology" or "auto" (None; engines.py) answers each size's question.

    ``start``: a circuit for ``table`` the search may start from (an upper bound); it is simulated
    against ``table`` first and must be in ``basis``.

    With ``certify``, every size below the proven bound is refuted again independently (certify.py,
    under its own ``timeout``) and the result carries the ``certificate``. With ``parts`` (a
    parallel.PartsSolver), hard questions are solved in parallel parts.
    """
    solver_name = check_solver(solver)
    chosen = search_engine(check_engine(engine))
    spec = prepare(table, basis)  # reject bad input here, not in a worker process
    if start is not None:
        check_start(start, table, basis)
    kept = kept_bound(table, basis)
    start = _smaller(start, kept_circuit(kept, table, basis))
    proven_lower = 0 if kept is None else kept.lower
    args = (table, basis, solver_name, parts is not None, start, proven_lower, chosen)
    outcome = run_search(size_search, args, timeout, delegate=parts)
    best, lower = best_of(outcome.events, "size")
    # both hold even if the limit cut the first event
    lower = max(lower, structural_lower_bound(spec), proven_lower)
    if best is None:  # cut before even the heuristic reported (a very short limit)
        best = start if start is not None else heuristic_circuit(table, basis)
    best.verify(table)
    keep_bound(table, basis, min(lower, best.size), solver_name, best)
    result = SynthesisResult(
        spec=table,
        basis=basis,
        objective="size",
        circuit=best,
        optimal=best.size <= lower,
        lower_bound=min(lower, best.size),
        seconds=outcome.seconds,
        solver=solver_name,
        timed_out=outcome.timed_out and best.size > lower,
        kept_bound=_provenance(kept),
        stats={"engine": chosen},
    )
    if certify:
        result.certificate = certificate.certify(
            table, basis, solver_name, certificate.size_claims(result.lower_bound), timeout,
            size=best.size, lower_bound=result.lower_bound, engine="ssv" if chosen == "topology" else "auto",
        )
    return result


def _smaller(first: Circuit | None, second: Circuit | None) -> Circuit | None:
    circuits = [c for c in (first, second) if c is not None]
    return min(circuits, key=lambda c: (c.size, c.depth)) if circuits else None


def _provenance(kept: ProvenBound | None) -> dict[str, object] | None:
    """What a result took from earlier runs: the kept bounds it started from, and who proved them."""
    if kept is None:
        return None
    return {"lower": kept.lower, "upper": kept.upper, "solver": kept.solver, "encoder_version": kept.encoder_version}
