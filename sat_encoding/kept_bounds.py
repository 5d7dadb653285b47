"""Proven bounds kept across processes and runs, so that no bound is ever proven twice.

A study asks for the exact costs of the same small functions again and again: every 6-input problem
needs the costs of its 5-input restrictions for gate elimination (cofactors.py), in every job and in
every worker process, and a search cut by its time limit has proven a lower bound that the next run
with a longer limit would otherwise prove again from scratch. A *keeper* remembers them: the search
asks it before a proof and tells it every proof it finished.

A kept bound is data with provenance. It says which solver proved its lower bound and under which
encoder version (version.py); bounds of another encoder version are never used, so claims made by an
encoding that was later changed (for instance a symmetry rule found unsound) are not carried
forward. The upper bound comes with the circuit that proves it, simulated against the function
again before it is used.

Keys are exact: the basis and the function (inputs, output tables, care sets). Callers that know a
cost is invariant over a class (cofactors.py, in bases where negations and permutations are free)
look up the class representative.

The keeper is process-global: whoever owns a store installs one (``keeping_bounds``; the CLI's
``solve --db``, and the batch engine in every job worker), and the search workers forked from that
process inherit it. A keeper that cannot answer (a locked or missing store) answers nothing: a lost
bound costs time, never correctness, so keeping never stops a search.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, Protocol

from circuits.circuit import Circuit
from circuits.errors import InputError
from circuits.truthtable import TruthTable
from sat_encoding.solvers import backend_for
from sat_encoding.version import ENCODER_VERSION


@dataclass(frozen=True)
class ProvenBound:
    """What is known of one function's minimum size in one basis, and who proved it.

    ``lower``: no circuit of fewer gates exists (proven by ``solver`` under ``encoder_version``);
    ``upper``: a circuit of that many gates exists, ``circuit`` (its JSON document), if known.
    """

    lower: int
    solver: str
    encoder_version: str = ENCODER_VERSION
    upper: int | None = None
    circuit: dict[str, Any] | None = None

    @property
    def exact(self) -> bool:
        return self.upper is not None and self.upper <= self.lower

    def merged(self, other: "ProvenBound") -> "ProvenBound":
        """The stronger lower bound (with its solver) and the smaller upper bound (with its circuit)."""
        low = self if self.lower >= other.lower else other
        ups = [b for b in (self, other) if b.upper is not None]
        up = min(ups, key=lambda b: b.upper) if ups else None  # type: ignore[arg-type, return-value]
        return ProvenBound(
            low.lower, low.solver, low.encoder_version,
            None if up is None else up.upper, None if up is None else up.circuit,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "lower": self.lower,
            "solver": self.solver,
            "encoder_version": self.encoder_version,
            "upper": self.upper,
            "circuit": self.circuit,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ProvenBound":
        return cls(data["lower"], data["solver"], data["encoder_version"], data.get("upper"), data.get("circuit"))


class BoundKeeper(Protocol):
    """Where proven bounds are kept: ``lookup`` and ``keep`` by basis, function key and encoder version.
    ``keep`` merges with what is there (``ProvenBound.merged``); both may fail silently."""

    def lookup(self, basis: str, function: str, encoder_version: str) -> ProvenBound | None: ...

    def keep(self, basis: str, function: str, bound: ProvenBound) -> None: ...


_keeper: BoundKeeper | None = None


@contextmanager
def keeping_bounds(keeper: BoundKeeper | None) -> Iterator[None]:
    """Inside, searches of this process (and the workers it forks) use ``keeper``."""
    global _keeper
    previous, _keeper = _keeper, keeper
    try:
        yield
    finally:
        _keeper = previous


def installed_keeper() -> BoundKeeper | None:
    return _keeper


def function_key(table: TruthTable) -> str:
    """The exact identity of a function: inputs, output tables and (if any) care sets, in hex."""
    text = f"{table.n}:" + ",".join(table.hex_outputs())
    if not table.fully_specified:
        text += "/" + ",".join(f"0x{c:x}" for c in table.care)
    return text


def kept_bound(table: TruthTable, basis: str) -> ProvenBound | None:
    """The kept bound of ``table`` in ``basis`` under this encoder version, or None."""
    if _keeper is None:
        return None
    return _keeper.lookup(basis, function_key(table), ENCODER_VERSION)


def kept_circuit(bound: ProvenBound | None, table: TruthTable, basis: str) -> Circuit | None:
    """The kept upper bound's circuit, if there is one and it computes ``table`` in ``basis``."""
    if bound is None or bound.circuit is None:
        return None
    try:
        circuit = Circuit.from_dict(bound.circuit)
        return circuit.verify(table) if circuit.basis == basis else None
    except (InputError, KeyError, TypeError, ValueError):
        return None  # a damaged or foreign row is no upper bound


def keep_bound(
    table: TruthTable, basis: str, lower: int, solver: str, circuit: Circuit | None = None
) -> None:
    """Tell the keeper (if any) that ``lower`` is proven for ``table`` in ``basis`` by ``solver``
    (recorded as the backend that ran, "auto" resolved), and that ``circuit`` (verified by the
    caller) realizes it."""
    if _keeper is None:
        return
    bound = ProvenBound(
        lower, backend_for(solver, table.n), ENCODER_VERSION,
        None if circuit is None else circuit.size, None if circuit is None else circuit.to_dict(),
    )
    _keeper.keep(basis, function_key(table), bound)
