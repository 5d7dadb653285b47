"""Near-uniform samples of the circuits of one size (and depth bound), by hashing (UniGen).

The measure is the one enumeration lists: circuits up to isomorphism. The unreduced encoding (only
the always-on rules, no symmetric-input rule) has exactly one model per isomorphism class of
irredundant circuits, projected on its structure variables (each gate's fanin pair and op, each
target's gate, each free output polarity): sorted_form.py shows that a circuit which is some model
is exactly one model, the one of its sorted form, and the always-on rules keep one model of every
class. So a sample uniform over the projected models is uniform over the classes, and the
projected model count is the number of classes (tests/test_population_sampling.py checks both
against complete enumeration).

UniGen (``pyunigen``) draws the samples with random XOR constraints over the projection; it first
estimates the model count with ApproxMC, and that estimate, with its (ε, δ) guarantee, is the
set's size reported here: within a factor 1 + ε of the true count with probability at least 1 − δ,
exact when the count lies below ApproxMC's threshold (no XOR was needed, ``hashes`` = 0).

Measured before choosing (PATH4 and P2-4 in ``mono``, GOAL-PENDANT in ``b2``, 6 and 5 inputs): on
the encoding with every truth-table row (25–80 thousand clauses, 240–380 projected variables) the
count did not finish within 100 s even where the set holds 12 circuits (nor within 90 s with 4, 8
or 16 rows, a superset to thin by rejection), while the incremental
enumeration lists 678 circuits of P2-4 at 8 gates in 5 s. The sampler is therefore the fallback
for sets that are too large to list but easy to solve; where a single solution takes seconds, no
hashing sampler helps (each XOR cell needs several solver calls).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from circuits.circuit import Circuit, Output
from circuits.truthtable import TruthTable
from sat_encoding.bounds import fanout_limits
from sat_encoding.encoding import CircuitEncoding, encode
from sat_encoding.runner import Found, run_search
from sat_encoding.spec import prepare

#: UniGen's defaults, stated with every estimate: the count is within (1 + ε) with prob. ≥ 1 − δ.
EPSILON = 0.8
DELTA = 0.2


@dataclass(frozen=True)
class CountEstimate:
    """ApproxMC's estimate of the number of circuits (cells · 2^hashes); exact when hashes is 0."""

    cells: int
    hashes: int

    @property
    def value(self) -> int:
        return self.cells * 2**self.hashes

    @property
    def exact(self) -> bool:
        return self.hashes == 0


@dataclass
class Sample:
    """Circuits drawn near-uniformly (with repetition), the size estimate, and whether it finished."""

    circuits: list[Circuit] = field(default_factory=list)
    estimate: CountEstimate | None = None
    finished: bool = False
    seconds: float = 0.0


def structure_variables(enc: CircuitEncoding) -> list[int]:
    """The projection: fanin-pair selections, op bits, output gates and free output polarities.
    Every other variable (simulation values, levels, cardinality auxiliaries) is determined by them."""
    variables = [int(v) for sel in enc.sel_vars for v in sel]
    variables += [v for ops in enc.op_vars for v in ops]
    variables += [v for outs in enc.out_vars for v in outs]
    variables += [v for v in enc.pol_vars if v is not None]
    return variables


def full_encoding(table: TruthTable, basis: str, size: int, max_depth: int | None) -> CircuitEncoding:
    """The unreduced encoding on every row: its projected models are the circuits, one per class."""
    spec = prepare(table, basis)
    return encode(spec, size, max_depth, fanout_limits=fanout_limits(spec, size))


def decode_sample(enc: CircuitEncoding, literals: list[int], table: TruthTable) -> Circuit:
    """The circuit of a projected model, verified (a free output polarity UniGen left out of a
    sample is read back from the truth table)."""
    circuit = enc.decode([lit for lit in literals if lit > 0])
    outputs = list(circuit.outputs)
    for h, bits in enumerate(circuit.output_tables()):
        out = outputs[h]
        if out.node is not None and not table.matches(h, bits):
            outputs[h] = Output(out.node, not out.negated)
    return Circuit(circuit.inputs, circuit.gates, tuple(outputs), circuit.basis).verify(table)


@dataclass(frozen=True)
class Counted:
    """Event: the sampler's size estimate."""

    estimate: CountEstimate


def sampling_search(
    table: TruthTable, basis: str, size: int, max_depth: int | None, count: int, seed: int
) -> Iterator[object]:
    """Events: Counted (the estimate), then one Found per sample (repetitions included)."""
    import pyunigen

    enc = full_encoding(table, basis, size, max_depth)
    if not _satisfiable(enc):  # UniGen ends the whole process on an unsatisfiable formula
        yield Counted(CountEstimate(0, 0))
        return
    sampler = pyunigen.Sampler(seed=seed + 1, epsilon=EPSILON, delta=DELTA)  # UniGen wants seed ≥ 1
    for clause in enc.clauses:
        sampler.add_clause(clause)
    cells, hashes, samples = sampler.sample(num=count, sampling_set=structure_variables(enc))
    yield Counted(CountEstimate(int(cells), int(hashes)))
    for literals in samples:
        yield Found(decode_sample(enc, list(literals), table))


def _satisfiable(enc: CircuitEncoding) -> bool:
    from pysat.solvers import Solver

    from sat_encoding.solvers import DEFAULT_SOLVER, backend_for

    with Solver(name=backend_for(DEFAULT_SOLVER, enc.spec.n), bootstrap_with=enc.clauses) as solver:
        return bool(solver.solve())


def sample_circuits(
    table: TruthTable,
    basis: str,
    size: int,
    max_depth: int | None = None,
    count: int = 100,
    seed: int = 0,
    timeout: float | None = None,
) -> Sample:
    """``count`` near-uniform circuits of ``size`` gates (depth ≤ ``max_depth``) computing ``table``,
    in a killable worker: a sampler cut by ``timeout`` returns what it had (``finished`` false)."""
    if count < 1:
        raise ValueError("the sample needs at least one circuit")
    prepare(table, basis)
    outcome = run_search(sampling_search, (table, basis, size, max_depth, count, seed), timeout)
    sample = Sample(seconds=outcome.seconds, finished=not outcome.timed_out)
    for event in outcome.events:
        if isinstance(event, Counted):
            sample.estimate = event.estimate
        elif isinstance(event, Found):
            sample.circuits.append(event.circuit)
    sample.finished = sample.finished and sample.estimate is not None
    return sample
