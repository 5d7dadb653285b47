"""A strong upper bound before a size search proves anything: the best verified circuit at hand.

The exact size search (sat_encoding/size.py) climbs from a proven lower bound to the first size
that is satisfiable, and it stops below the smallest circuit it knows, so every gate its starting
circuit saves is a SAT question it never asks, and the hardest ones (the sizes just below the
minimum) are those it reaches last. The synthesizer's own heuristic circuit is quick but often far
from minimal on 6-input problems; a designer's reference circuits and a local rewriting pass (this
package's exact window re-synthesis) are often much closer. The starting circuit is the smallest of:

* the heuristic circuit;
* the problem's reference circuits, rewritten gate by gate into the basis (XOR as three ANDs in an
  AIG; a reference the basis cannot express is skipped);
* each of those, improved by ``improve_circuit`` within a CPU budget per circuit that grows with
  the number of rows (``improve_budget``). Rewriting every candidate, not only the smallest, pays:
  on SUBSUM3x2 in ``aig`` the lookup reference (43 ANDs) rewrites to 25 while the smallest start
  (the DNF, 36) only reaches 34; on SPLEN4 the brute force (19) reaches 12, the DP reference (15)
  13. One CPU second per 6-input circuit found the same sizes as two on the unresolved problems.

The rewriting pass is skipped where it cannot pay: when the best circuit already meets the
structural lower bound (support and outputs; the search then asks nothing), and for functions of at
most ``SMALL_INPUTS`` inputs, whose exact search takes milliseconds (the 222-class 4-input sweep must
not get slower). Only that instant bound is used here: the gate-elimination bound solves exact
sub-problems, which on a hard 6-input function takes minutes, and belongs inside the search's
killable, time-limited worker, not before it. Every candidate is simulated against the truth table
before it is used.

This lives here, not in sat_encoding, because the search package must not depend on the
improvement package (tests/test_layering.py); callers hand the circuit to ``minimum_size(start=)``.
"""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass, field
from typing import Mapping

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.improve.rewrite import to_basis
from circuits.truthtable import TruthTable
from sat_encoding.bounds import structural_lower_bound
from sat_encoding.heuristic import heuristic_circuit
from sat_encoding.runner import command_time_left
from sat_encoding.spec import prepare

#: Functions of at most this many inputs are not rewritten: their exact search is cheaper.
SMALL_INPUTS = 4
#: CPU seconds of the rewriting pass per candidate for a 6-input function; doubled per input more,
#: halved per input fewer, up to the cap.
BASE_BUDGET = 1.0
MAX_BUDGET = 4.0


@dataclass(frozen=True)
class StartingBound:
    """The circuit a size search starts from, where it came from, and what the others cost.

    ``source`` is "heuristic", "reference:<name>" or "rewritten:<source>"; ``sizes`` has the size of
    every candidate by source; ``cpu_seconds`` is what choosing it cost (this process and its
    children, the rewriting pass's workers included).
    """

    circuit: Circuit
    source: str
    sizes: dict[str, int] = field(default_factory=dict)
    lower_bound: int = 0
    cpu_seconds: float = 0.0


def improve_budget(table: TruthTable) -> float:
    """CPU seconds of the rewriting pass per candidate: about a second, scaled with the table's rows."""
    return min(MAX_BUDGET, BASE_BUDGET * 2.0 ** (table.n - 6))


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _in_basis(circuit: Circuit, table: TruthTable, basis: str) -> Circuit | None:
    """``circuit`` rewritten into ``basis`` and simulated against ``table``; None if it cannot be."""
    try:
        return to_basis(circuit, basis).verify(table)
    except InputError:
        return None


def strong_upper_bound(
    table: TruthTable,
    basis: str,
    references: Mapping[str, Circuit] | None = None,
    budget: float | None = None,
) -> StartingBound:
    """The smallest verified circuit for ``table`` in ``basis`` from the heuristic, ``references`` and
    a rewriting pass of at most ``budget`` CPU seconds per candidate (default: ``improve_budget``;
    0: no pass)."""
    from circuits.improve import improve_circuit

    start_cpu = _cpu_seconds()
    spec = prepare(table, basis)
    candidates = {"heuristic": heuristic_circuit(table, basis)}
    for name, reference in (references or {}).items():
        translated = _in_basis(reference, table, basis)
        if translated is not None:
            candidates[f"reference:{name}"] = translated
    source = min(candidates, key=lambda s: (candidates[s].size, candidates[s].depth))
    lower = structural_lower_bound(spec)
    budget = improve_budget(table) if budget is None else budget
    if budget > 0 and table.n > SMALL_INPUTS and candidates[source].size > lower:
        for name, circuit in list(candidates.items()):
            left = command_time_left()
            if left is not None and left < 2 * MIN_SEARCH_SECONDS:
                break  # the command's time limit is nearly spent: the search needs what is left
            # A busy machine stretches CPU seconds into many wall seconds: under a command's time
            # limit the pass also gets at most half the wall time that is left.
            wall = None if left is None else left / 2
            result = improve_circuit(circuit, "size", basis, cpu_timeout=budget, timeout=wall)
            result.raise_if_interrupted()  # the whole command stops, not only the pass
            candidates[f"rewritten:{name}"] = result.circuit.verify(table)
            if candidates[f"rewritten:{name}"].size <= lower:
                break  # nothing can be smaller
        source = min(candidates, key=lambda s: (candidates[s].size, candidates[s].depth))
    sizes = {name: circuit.size for name, circuit in candidates.items()}
    return StartingBound(candidates[source], source, sizes, lower, _cpu_seconds() - start_cpu)


def search_start(
    table: TruthTable, basis: str, references: Mapping[str, Circuit] | None = None
) -> StartingBound | None:
    """The starting bound a size search should get, or None where the search's own heuristic is as
    good and cheaper: a function of at most ``SMALL_INPUTS`` inputs without reference circuits."""
    if table.n <= SMALL_INPUTS and not references:
        return None
    return strong_upper_bound(table, basis, references)


#: The least time a search is given after a long starting pass: enough to report its bounds.
MIN_SEARCH_SECONDS = 0.5


def timed_search_start(
    table: TruthTable, basis: str, references: Mapping[str, Circuit] | None, timeout: float | None
) -> tuple[StartingBound | None, float | None]:
    """``search_start``, and the part of the caller's time limit it left for the search: a user's
    ``--timeout`` bounds the whole command, the starting pass included."""
    began = time.perf_counter()
    bound = search_start(table, basis, references)
    if timeout is None:
        return bound, None
    return bound, max(MIN_SEARCH_SECONDS, timeout - (time.perf_counter() - began))
