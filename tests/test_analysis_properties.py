"""Property tests: every metric stays in its range, and no metric depends on how gates are numbered."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from circuits.basis import NONTRIVIAL_OPS
from circuits.circuit import Circuit, Gate, Output
from circuits.problems.references import reference_circuits
from circuits.problems.suite import get_problem
from circuits.analysis import analyze_circuit

PROBLEMS = ("tri4", "path4", "splen4", "argmax3x2", "maj5", "p2-4", "goal-path4", "col2-c5", "layer2x2")
OPS = sorted(NONTRIVIAL_OPS)
DECOYS = 8


@st.composite
def circuits(draw):
    """A reference circuit of a suite problem, with random extra gates, sometimes re-pointing an
    output to one of them (so both circuits that compute f and ones that do not occur)."""
    problem = get_problem(draw(st.sampled_from(PROBLEMS)))
    refs = reference_circuits(problem)
    base = refs[draw(st.sampled_from(sorted(refs)))]
    gates = list(base.gates)
    for _ in range(draw(st.integers(0, 4))):
        node = base.inputs + len(gates)
        a = draw(st.integers(0, node - 1))
        b = draw(st.integers(0, node - 1).filter(lambda v: v != a))
        gates.append(Gate(draw(st.sampled_from(OPS)), (a, b)))
    outputs = list(base.outputs)
    if len(gates) > base.size and draw(st.booleans()):
        outputs[0] = Output(base.inputs + len(gates) - 1, draw(st.booleans()))
    return problem, Circuit(base.inputs, tuple(gates), tuple(outputs), base.basis)


def renumbered(circuit: Circuit, picks: list[int]) -> Circuit:
    """The same circuit with its gates in another topological order, chosen by ``picks``."""
    n = circuit.inputs
    placed = {j: j for j in range(n)}
    waiting = list(range(n, circuit.num_nodes))
    order = []
    step = 0
    while waiting:
        ready = [v for v in waiting if all(f in placed for f in circuit.gates[v - n].fanins)]
        v = ready[picks[step % len(picks)] % len(ready)] if picks else ready[0]
        step += 1
        waiting.remove(v)
        placed[v] = n + len(order)
        order.append(v)
    gates = tuple(
        Gate(circuit.gates[v - n].op, tuple(placed[f] for f in circuit.gates[v - n].fanins)) for v in order
    )
    outputs = tuple(Output(placed[o.node], o.negated) if o.node is not None else o for o in circuit.outputs)
    return Circuit(n, gates, outputs, circuit.basis)


def _summary(result):
    values = {key: metric.value for key, metric in result.metrics.items()}
    values |= {
        "s_enum": result.s_enum,
        "s_prop": result.s_prop,
        "s_raw": result.s_raw,
        "score": result.score,
        "mu": result.mu_decoy,
        "pct": result.decoy_percentile,
    }
    return values


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(circuits())
def test_every_metric_stays_in_its_range(case):
    problem, circuit = case
    result = analyze_circuit(circuit, problem, decoys=DECOYS)
    for key, metric in result.metrics.items():
        assert metric.value is None or 0.0 <= metric.value <= 1.0, key
    assert result.metrics["dlr"].value < 1.0
    for value in (result.s_enum, result.s_raw, result.score):
        assert 0.0 <= value <= 1.0
    assert result.s_prop is None or 0.0 <= result.s_prop <= 1.0
    assert result.decoy_percentile is None or 0.0 <= result.decoy_percentile <= 100.0
    assert result.verdict in ("search", "not_search", "unclear")


def col2_c5_with_tied_templates() -> tuple:
    """A COL2-C5 circuit (found by hypothesis) with template instances that level, cone label and
    table do not tell apart: DLR was 0.135 in this numbering and 0.151 in another, because the
    greedy packing met those ties in gate-number order."""
    ors = [(0, 1), (2, 6), (3, 4), (5, 8), (7, 9), (6, 8), (2, 3), (6, 12), (3, 5), (6, 14), (0, 2), (5, 16),
           (4, 16), (0, 4), (5, 19), (1, 2), (4, 5), (21, 22), (1, 4), (1, 5), (5, 12), (4, 12)]
    ands = [(10, 11), (13, 15), (28, 29), (0, 17), (18, 20), (31, 32), (30, 33), (23, 24), (21, 25), (35, 36),
            (3, 26), (9, 27), (38, 39), (37, 40), (34, 41)]
    gates = [Gate(0xE, f) for f in ors] + [Gate(0x8, f) for f in ands] + [Gate(0x1, (0, 18))]
    return get_problem("col2-c5"), Circuit(6, tuple(gates), (Output(42, True),), "b2")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(circuits(), st.lists(st.integers(0, 1000), min_size=1, max_size=40))
@example(col2_c5_with_tied_templates(), [1])
def test_metrics_are_invariant_under_renumbering_the_gates(case, picks):
    problem, circuit = case
    other = renumbered(circuit, picks)
    assert other.output_tables() == circuit.output_tables()
    first = _summary(analyze_circuit(circuit, problem, decoys=DECOYS))
    second = _summary(analyze_circuit(other, problem, decoys=DECOYS))
    assert first.keys() == second.keys()
    for key in first:
        a, b = first[key], second[key]
        assert (a is None) == (b is None), key
        assert a is None or abs(a - b) < 1e-9, (key, a, b)
