"""What an improvement run returns: the final circuit, the claim it earned, and the trajectory."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from circuits.circuit import Circuit
from circuits.improve.windows import Window
from circuits.interrupts import Interrupted

#: Why a run ended.
STOP_CONVERGED = "converged"  # every window of the final circuit was examined without an improvement
STOP_TIME = "time limit"
STOP_INTERRUPTED = "interrupted"
STOP_WINDOWS_SKIPPED = "global pass only"  # no window was examined (passes == "global")


@dataclass(frozen=True)
class Step:
    """One accepted change. ``window`` is in the circuit before the step (None for the clean-up that
    starts a run); ``circuit`` is the verified circuit after it."""

    index: int
    kind: str  # "clean-up", "global" (mockturtle restructuring, global_pass.py) or "window"
    size_before: int
    depth_before: int
    circuit: Circuit
    window: Window | None
    window_size: int | None
    replacement_size: int | None
    seconds: float

    @property
    def size(self) -> int:
        return self.circuit.size

    @property
    def depth(self) -> int:
        return self.circuit.depth

    def to_dict(self, with_circuit: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "step": self.index,
            "kind": self.kind,
            "size_before": self.size_before,
            "depth_before": self.depth_before,
            "size": self.size,
            "depth": self.depth,
            "window": None if self.window is None else self.window.to_dict(),
            "window_size": self.window_size,
            "replacement_size": self.replacement_size,
            "seconds": round(self.seconds, 3),
        }
        if with_circuit:
            data["circuit"] = self.circuit.to_dict()
        return data


@dataclass(frozen=True)
class UnprovenWindow:
    """A window of the final circuit that was not shown unable to improve it, and why."""

    window: Window
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.window.to_dict(), "reason": self.reason}


@dataclass
class ImproveResult:
    """The outcome of ``improve_circuit``.

    ``locally_minimal`` is true only when the run converged and every window of the final circuit
    (the window set of ``limits``) was proven, by exact synthesis or a lower bound, to have no
    replacement that lowers the objective's cost. Otherwise ``unproven`` lists the windows that
    were cut by their time limit or never reached.
    """

    objective: str
    basis: str
    initial: Circuit
    circuit: Circuit
    locally_minimal: bool
    stop: str
    limits: dict[str, Any]
    windows: int
    proven_windows: int
    unproven: list[UnprovenWindow]
    steps: list[Step]
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    jobs_run: int
    stats: dict[str, int] = field(default_factory=dict)
    #: What stopped an interrupted run (Ctrl-C, SIGTERM, or a window worker killed by a signal).
    interrupt: Interrupted | None = None

    def raise_if_interrupted(self) -> None:
        """Re-raise the interrupt the run caught. ``improve`` keeps its last circuit when stopped, but
        a caller whose whole job stops with it (a search's starting pass, a study job) must not go
        on, nor store the cut run as a result."""
        if self.interrupt is not None:
            raise self.interrupt

    def to_dict(self, with_circuits: bool = True) -> dict[str, Any]:
        return {
            "objective": self.objective,
            "basis": self.basis,
            "inputs": self.circuit.inputs,
            "outputs": len(self.circuit.outputs),
            "initial": {"size": self.initial.size, "depth": self.initial.depth},
            "size": self.circuit.size,
            "depth": self.circuit.depth,
            "locally_minimal": self.locally_minimal,
            "stop": self.stop,
            "limits": self.limits,
            "windows": self.windows,
            "proven_windows": self.proven_windows,
            "unproven_windows": [u.to_dict() for u in self.unproven],
            "trajectory": [s.to_dict(with_circuits) for s in self.steps],
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "jobs_run": self.jobs_run,
            "circuit": self.circuit.to_dict(),
        }

    def summary_lines(self) -> list[str]:
        """A few honest lines for the terminal."""
        lines = [
            f"{self.objective} objective, basis {self.basis}: size {self.initial.size} -> {self.circuit.size}, "
            f"depth {self.initial.depth} -> {self.circuit.depth} in {len(self.steps)} step"
            f"{'s' if len(self.steps) != 1 else ''} ({self.seconds:.1f} s, {self.cpu_seconds:.1f} CPU s)",
        ]
        limits = f"windows of at most {self.limits['window_inputs']} inputs and {self.limits['window_gates']} gates"
        if self.locally_minimal:
            lines.append(f"locally minimal: every one of the {self.windows} {limits} was proven not improvable")
        else:
            lines.append(
                f"not proven locally minimal ({self.stop}): {self.proven_windows} of {self.windows} {limits} "
                f"proven, {len(self.unproven)} unproven"
            )
        return lines
