"""What a synthesis run returns: the best verified circuit and what was proven about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from circuits.circuit import Circuit
from circuits.truthtable import TruthTable


@dataclass
class SynthesisResult:
    """The outcome of one exact-synthesis run.

    ``optimal`` is true only when every smaller bound was proven UNSAT. When a time limit cut the
    search, ``circuit`` is the best circuit found (possibly a heuristic one) and ``lower_bound`` is
    the largest value proven impossible plus one: "best found ``size``, proven ≥ ``lower_bound``".
    For the depth objective the primary measure is depth and ``size_lower_bound`` the proven lower
    bound on size at that depth.
    """

    spec: TruthTable
    basis: str
    objective: str
    circuit: Circuit | None
    optimal: bool
    lower_bound: int
    seconds: float
    solver: str
    timed_out: bool = False
    size_lower_bound: int | None = None
    depth_budget: int | None = None  # frontier points: the depth bound this point's size is minimal for
    stats: dict[str, Any] = field(default_factory=dict)
    certificate: dict[str, Any] | None = None  # with --certify: see sat_encoding/certify.py
    kept_bound: dict[str, Any] | None = None  # the earlier runs' proven bound it started from (kept_bounds.py)

    @property
    def size(self) -> int | None:
        return None if self.circuit is None else self.circuit.size

    @property
    def depth(self) -> int | None:
        return None if self.circuit is None else self.circuit.depth

    @property
    def value(self) -> int | None:
        """The measure the objective minimizes (size or depth)."""
        return self.depth if self.objective == "depth" else self.size

    def summary(self) -> str:
        """One honest line: 'size 5 (minimal)' or 'best found 9, proven >= 7'."""
        if self.circuit is None:
            return f"no circuit found, {self.objective} proven >= {self.lower_bound}"
        if self.optimal:
            return f"{self.objective} {self.value} (minimal)"
        return f"best found {self.value}, proven >= {self.lower_bound}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.spec.n,
            "outputs": self.spec.hex_outputs(),
            "care": None if self.spec.fully_specified else [f"0x{c:x}" for c in self.spec.care],
            "basis": self.basis,
            "objective": self.objective,
            "size": self.size,
            "depth": self.depth,
            "optimal": self.optimal,
            "lower_bound": self.lower_bound,
            "size_lower_bound": self.size_lower_bound,
            "depth_budget": self.depth_budget,
            "timed_out": self.timed_out,
            "solver": self.solver,
            "seconds": round(self.seconds, 6),
            "circuit": None if self.circuit is None else self.circuit.to_dict(),
            "certificate": self.certificate,
            "kept_bound": self.kept_bound,
        }
