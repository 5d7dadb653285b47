"""The progress line `circuits solve` keeps up to date on a terminal while it searches.

A search streams its proven bounds and found circuits as they happen (sat_encoding/runner.py); this
turns them into one line, rewritten in place: the stage, the bound proven, the best circuit found
and the size being asked, so that a long run shows it is moving and what it already knows. It is
written to standard error and only on a terminal, so piped output and ``--json`` stay clean.
"""

from __future__ import annotations

import time
from typing import Any, TextIO

from sat_encoding.runner import Bound, Found

#: What each search is doing, in words.
STAGES = {
    "search_start": "starting bound (heuristic circuit, short rewriting)",
    "size_search": "minimum size",
    "depth_search": "minimum depth",
    "frontier_search": "size-depth frontier",
    "enumeration_search": "listing optimal circuits",
    "certification_search": "certifying the bounds",
}


class SolveProgress:
    """Listens to a solve's searches (``sat_encoding.runner.listening``) and redraws one line."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.began = time.perf_counter()
        self.stage = ""
        self.lower: dict[str, int] = {}
        self.best: int | None = None
        self.found = 0
        self.width = 0

    def __call__(self, stage: str, event: Any) -> None:
        if event is None:
            self.stage, self.found = stage, 0
        elif isinstance(event, Bound) and event.measure != "complete":
            self.lower[event.measure] = max(self.lower.get(event.measure, 0), event.value)
        elif isinstance(event, Found):
            self.found += 1
            if self.stage != "enumeration_search":
                self.best = event.circuit.size if self.best is None else min(self.best, event.circuit.size)
        self._draw()

    def line(self) -> str:
        """The current progress line (without the carriage return)."""
        parts = [f"{time.perf_counter() - self.began:6.1f} s", STAGES.get(self.stage, self.stage)]
        if self.stage == "enumeration_search":
            parts.append(f"{self.found} circuit(s) so far")
        else:
            for measure, value in sorted(self.lower.items()):
                parts.append(f"{measure} proven >= {value}")
            if self.best is not None:
                parts.append(f"best found {self.best} gates")
            size_lower = self.lower.get("size")
            if self.stage == "size_search" and size_lower is not None and (self.best is None or size_lower < self.best):
                parts.append(f"asking {size_lower} gates")
        return ": ".join(parts[:2]) + ("; " + ", ".join(parts[2:]) if parts[2:] else "")

    def _draw(self) -> None:
        text = self.line()
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def close(self) -> None:
        """Clear the line so the report that follows starts on a clean one."""
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
