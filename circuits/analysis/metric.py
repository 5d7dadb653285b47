"""The uniform result shape of every metric: a value and the evidence behind it, as plain data.

A reviewer must be able to check a score by hand, so no metric returns a bare number: the evidence
names the wires, sets and classes that produced it (JSON-ready: ints, floats, strings, lists, dicts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Metric:
    """``value`` is None when the metric is undefined for this problem (e.g. EQ with trivial Aut)."""

    value: float | None
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"value": None if self.value is None else round(self.value, 6), "evidence": self.evidence}


def ratio(part: float, whole: float) -> float:
    """part / whole, with an empty whole counting as 0 (no evidence, not perfect evidence)."""
    return part / whole if whole else 0.0
