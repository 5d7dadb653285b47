"""The improvement loop: sweep the windows, re-synthesize them in parallel, apply what is better.

The windows of the current circuit are examined in a cyclic sweep. Each window's job (its function
with don't-cares, and the objective's queries) is looked up in a cache keyed by the job itself;
unknown jobs go to the worker pool. When any job answers with a replacement that applies to a window
of the current circuit, the replacement is put in, the circuit is cleaned up, the whole circuit is
re-verified against the original, and the step is kept only if the objective's cost went down
(objective.py). The sweep then goes on from the same position over the new circuit's windows.

The sweep grows its windows in stages (at most 3 gates, then 5, then the limit G): small windows
settle in milliseconds and catch the easy improvements first, so a run cut by its time limit has
spent its time where it pays. A stage ends when every window of its size on one circuit was
examined without an improvement; the run ends when the last stage does (converged), at the overall
time limit, or on Ctrl-C. Whatever ended it, the windows of the full limits on the final circuit
are then accounted for one by one (proven, cut by the window time limit, or never examined). Answers of jobs that were started for an older circuit stay
useful: a job does not mention the circuit, so its answer is cached and reused wherever the same
function, don't-cares and queries appear again.
"""

from __future__ import annotations

import resource
import sys
import time
from dataclasses import dataclass
from typing import Callable, Hashable

from circuits.circuit import Circuit
from circuits.improve.equivalence import check_equivalent
from circuits.improve.global_pass import global_pass
from circuits.interrupts import Interrupted, interruption
from circuits.improve.objective import Measure
from circuits.improve.pool import Message, WorkerPool
from circuits.improve.result import STOP_CONVERGED, STOP_INTERRUPTED, STOP_TIME, STOP_WINDOWS_SKIPPED, ImproveResult, Step, UnprovenWindow
from circuits.improve.resynthesis import WindowAnswer, WindowJob, run_job
from circuits.improve.rewrite import merge_equivalent, substitute, sweep, to_basis
from circuits.improve.simulation import MAX_SIMULATED_INPUTS, SimulationContext
from circuits.improve.windows import CircuitGraph, Window, enumerate_windows
from sat_encoding.bounds import structural_lower_bound
from sat_encoding.cofactors import small_costs
from sat_encoding.spec import prepare

StepCallback = Callable[[Step], None]


@dataclass(frozen=True)
class Settings:
    objective: str
    basis: str
    window_inputs: int
    window_gates: int
    cuts_per_node: int
    timeout: float | None
    cpu_timeout: float | None
    window_timeout: float | None
    jobs: int
    solver: str
    passes: str = "both"  # "both", "global" (mockturtle only) or "windows" (exact windows only)
    global_budget: float = 2.0  # CPU seconds of restarts per global pass (global_pass.py)
    max_size_increase: int = 0  # gates the depth objective may add to the starting size

    @property
    def global_enabled(self) -> bool:
        return self.passes in ("both", "global") and self.basis != "mono"

    @property
    def windows_enabled(self) -> bool:
        return self.passes in ("both", "windows")

    def limits(self) -> dict[str, object]:
        return {
            "window_inputs": self.window_inputs,
            "window_gates": self.window_gates,
            "cuts_per_node": self.cuts_per_node,
            "window_timeout": self.window_timeout,
            "timeout": self.timeout,
            "cpu_timeout": self.cpu_timeout,
            "passes": self.passes,
            "global_budget": self.global_budget,
            "max_size_increase": self.max_size_increase,
        }


def cleanup(circuit: Circuit) -> Circuit:
    """Shared gates, folded constants, no dead gates and, where simulation reaches, no two nodes
    computing the same function."""
    if circuit.inputs <= MAX_SIMULATED_INPUTS:
        return merge_equivalent(circuit)
    return sweep(circuit)


def context_for(graph: CircuitGraph) -> SimulationContext:
    """The don't-care oracle of a circuit: simulation up to 16 inputs, SAT above."""
    if graph.circuit.inputs <= MAX_SIMULATED_INPUTS:
        return SimulationContext(graph)
    from circuits.improve.sat_context import SatContext

    return SatContext(graph)  # type: ignore[return-value]


#: Window-size stages below the limit G (see the module docstring).
STAGES = (3, 5)


def window_stages(limit: int) -> list[int]:
    return sorted({min(limit, s) for s in STAGES} | {limit})


class _Version:
    """One circuit of the trajectory and the sweep over its windows of at most ``gates`` gates."""

    def __init__(self, circuit: Circuit, settings: Settings, start: int, gates: int) -> None:
        self.circuit = circuit
        self.gates = gates
        self.measure = Measure(circuit)
        self.cost = self.measure.cost(settings.objective)
        graph = CircuitGraph(circuit)
        self.context = context_for(graph)
        self.windows = enumerate_windows(circuit, settings.window_inputs, gates, settings.cuts_per_node)
        self.start = start % len(self.windows) if self.windows else 0
        self.examined = 0
        self.jobs: dict[int, WindowJob] = {}
        self.waiting: dict[Hashable, list[int]] = {}  # job key -> windows of this version awaiting it
        self.resolved: dict[int, WindowAnswer | None] = {}  # window -> its answer (None: a bound settled it)

    @property
    def complete(self) -> bool:
        return len(self.resolved) == len(self.windows)

    def next_index(self) -> int:
        return (self.start + self.examined) % len(self.windows)


class Improver:
    """Runs the loop for one circuit; see ``improve_circuit`` in __init__.py for the parameters."""

    def __init__(self, settings: Settings, on_step: StepCallback | None = None) -> None:
        self.settings = settings
        self.on_step = on_step
        self.cache: dict[Hashable, WindowAnswer] = {}
        self.pending: dict[Hashable, WindowAnswer] = {}
        self.steps: list[Step] = []
        self.jobs_run = 0
        self.started = 0.0

    def run(self, original: Circuit) -> ImproveResult:
        settings = self.settings
        self.started = time.perf_counter()
        cpu_start = _cpu_seconds()
        deadline = None if settings.timeout is None else self.started + settings.timeout
        small_costs(settings.basis)  # the 3-input optimum table, built once here and inherited by workers
        self.original = original
        stages = window_stages(settings.window_gates)
        version = self._first_version(original, stages[0])
        pool = WorkerPool(settings.jobs, run_job)
        stop = STOP_CONVERGED
        caught: Interrupted | None = None
        try:
            version = self._global(version, stages[0], cpu_start) or version
            if not settings.windows_enabled:
                stop = STOP_WINDOWS_SKIPPED
            window_steps = len(self.steps)
            while settings.windows_enabled:
                if version.complete:
                    later = [g for g in stages if g > version.gates]
                    if later:
                        version = _Version(version.circuit, settings, 0, later[0])
                        continue
                    # Between window passes: the global pass again, if the windows changed something.
                    restructured = None if len(self.steps) == window_steps else self._global(version, stages[0], cpu_start)
                    window_steps = len(self.steps)
                    if restructured is None:
                        break
                    version = restructured
                    continue
                wake = self._wake_up(deadline, pool, cpu_start)
                if wake is not None and time.perf_counter() >= wake:
                    stop = STOP_TIME
                    break
                improved = self._advance(version, pool)
                if improved is not None:
                    version = improved
                    continue
                for message in pool.wait(wake):
                    version = self._receive(message, version) or version
        except KeyboardInterrupt as err:
            stop, caught = STOP_INTERRUPTED, interruption(err)
        finally:
            pool.close()
        result = self._result(original, version.circuit, stop, cpu_start)
        result.interrupt = caught
        return result

    def _wake_up(self, deadline: float | None, pool: WorkerPool, cpu_start: float) -> float | None:
        """When the run must stop: the wall deadline, or the moment the CPU budget may run out
        (the run's CPU time grows at most one second per wall second and process)."""
        limits = [] if deadline is None else [deadline]
        if self.settings.cpu_timeout is not None:
            left = self.settings.cpu_timeout - (_cpu_seconds() + pool.cpu_seconds() - cpu_start)
            limits.append(time.perf_counter() + max(0.0, left) / (self.settings.jobs + 1))
        return min(limits, default=None)

    # -- the global pass --------------------------------------------------------------------------
    def _global(self, version: _Version, gates: int, cpu_start: float) -> _Version | None:
        """The next version if mockturtle's restructuring (global_pass.py) lowers the cost, else None.

        Its restarts get ``global_budget`` CPU seconds, or what is left of the run's CPU budget."""
        settings = self.settings
        if not settings.global_enabled:
            return None
        budget = settings.global_budget
        if settings.cpu_timeout is not None:
            budget = min(budget, max(0.0, settings.cpu_timeout - (_cpu_seconds() - cpu_start)))
        objective = settings.objective
        limit = self.original.size + settings.max_size_increase

        def cost(circuit: Circuit) -> tuple[int, ...]:
            return Measure(circuit).cost(objective)

        deadline = None if settings.timeout is None else self.started + settings.timeout
        found = global_pass(
            version.circuit, cost, objective, cpu_budget=budget, size_limit=None if objective == "size" else limit,
            deadline=deadline,
        )
        if found is None:
            return None
        candidate = cleanup(to_basis(found, settings.basis))
        check_equivalent(self.original, candidate)
        if cost(candidate) >= version.cost:
            return None
        self._record(version.circuit, candidate, None, None, kind="global")
        return _Version(candidate, settings, 0, gates)

    # -- versions ---------------------------------------------------------------------------------
    def _first_version(self, original: Circuit, gates: int) -> _Version:
        cleaned = cleanup(original)
        check_equivalent(original, cleaned)
        if Measure(cleaned).cost(self.settings.objective) < Measure(original).cost(self.settings.objective):
            self._record(original, cleaned, None, None)
            return _Version(cleaned, self.settings, 0, gates)
        return _Version(original, self.settings, 0, gates)

    def _record(
        self, before: Circuit, after: Circuit, window: Window | None, replacement: Circuit | None, kind: str | None = None
    ) -> None:
        step = Step(
            index=len(self.steps) + 1,
            kind=kind or ("clean-up" if window is None else "window"),
            size_before=before.size,
            depth_before=before.depth,
            circuit=after,
            window=window,
            window_size=None if window is None else window.size,
            replacement_size=None if replacement is None else replacement.size,
            seconds=time.perf_counter() - self.started,
        )
        self.steps.append(step)
        if self.on_step is not None:
            self.on_step(step)

    def _apply(self, version: _Version, index: int, answer: WindowAnswer) -> _Version | None:
        """The next version if the answer's replacement lowers the cost, else None."""
        assert answer.circuit is not None
        window = version.windows[index]
        candidate = cleanup(substitute(version.circuit, window, answer.circuit))
        check_equivalent(self.original, candidate)
        if Measure(candidate).cost(self.settings.objective) >= version.cost:
            return None
        self._record(version.circuit, candidate, window, answer.circuit)
        return _Version(candidate, self.settings, index, version.gates)

    # -- the sweep --------------------------------------------------------------------------------
    def _job(self, version: _Version, index: int) -> WindowJob:
        window = version.windows[index]
        table = version.context.relation(window).table()
        queries = version.measure.queries(window, self.settings.objective)
        return WindowJob(table, self.settings.basis, self.settings.solver, queries)

    def _advance(self, version: _Version, pool: WorkerPool) -> _Version | None:
        """Examine windows in sweep order until the pool is full; apply a cached improvement at once."""
        while version.examined < len(version.windows):
            index = version.next_index()
            job = version.jobs.get(index) or self._job(version, index)
            version.jobs[index] = job
            key = job.key
            known = self.cache.get(key)
            if known is None and _settled_by_bound(job):
                version.resolved[index] = None
            elif known is not None:
                if known.improves:
                    improved = self._apply(version, index, known)
                    if improved is not None:
                        return improved
                version.resolved[index] = known
            elif key in self.pending:
                version.waiting.setdefault(key, []).append(index)
            elif pool.idle:
                self.pending[key] = WindowAnswer(job)
                version.waiting.setdefault(key, []).append(index)
                pool.submit(key, job, self.settings.window_timeout)
                self.jobs_run += 1
            else:
                return None
            version.examined += 1
        return None

    def _receive(self, message: Message, version: _Version) -> _Version | None:
        answer = self.pending.get(message.tag)
        if answer is None:
            return None
        if message.kind == "event":
            answer.record(*message.data)
            return None
        if message.kind == "error":
            raise RuntimeError(f"window re-synthesis failed: {message.data}")
        answer.finished = message.kind == "done"
        del self.pending[message.tag]
        self.cache[message.tag] = answer
        for index in version.waiting.pop(message.tag, []):
            if answer.improves:
                improved = self._apply(version, index, answer)
                if improved is not None:
                    return improved
            version.resolved[index] = answer
        return None

    # -- the result -------------------------------------------------------------------------------
    def _result(self, original: Circuit, circuit: Circuit, stop: str, cpu_start: float) -> ImproveResult:
        """The claim for the final circuit: each window of the full limits, proven or why not."""
        final = _Version(circuit, self.settings, 0, self.settings.window_gates)
        unproven = []
        for index, window in enumerate(final.windows):
            job = self._job(final, index)
            answer = self.cache.get(job.key)
            if answer is None and _settled_by_bound(job) or answer is not None and answer.proven:
                continue
            if answer is None:
                reason = "not examined before the run stopped"
            elif answer.improves:
                reason = "a replacement was found but not applied (it did not lower the cost, or the run stopped first)"
            else:
                reason = f"window time limit: {answer.summary()}"
            unproven.append(UnprovenWindow(window, reason))
        return ImproveResult(
            objective=self.settings.objective,
            basis=self.settings.basis,
            initial=original,
            circuit=circuit,
            locally_minimal=stop == STOP_CONVERGED and not unproven,
            stop=stop,
            limits=self.settings.limits(),
            windows=len(final.windows),
            proven_windows=len(final.windows) - len(unproven),
            unproven=unproven,
            steps=self.steps,
            seconds=time.perf_counter() - self.started,
            cpu_seconds=_cpu_seconds() - cpu_start,
            peak_rss_mb=_peak_rss_mb(),
            jobs_run=self.jobs_run,
        )


def _settled_by_bound(job: WindowJob) -> bool:
    """Every query already answered "no" by the instant structural bound (no worker needed)."""
    spec = prepare(job.table, job.basis)
    return all(structural_lower_bound(spec) >= q.below for q in job.queries)


def _cpu_seconds() -> float:
    """CPU seconds of this process and of the workers it has waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _peak_rss_mb() -> float:
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / scale
