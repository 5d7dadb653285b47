"""The circuit model: simulation, size, depth, JSON and verification."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circuits.basis import OP_NAMES, negate_fanin, swap_fanins
from circuits.circuit import Circuit, Gate, Output, apply_op
from circuits.errors import InputError, VerificationError
from circuits.truthtable import TruthTable, parse_truth_tables


def full_adder() -> Circuit:
    gates = (Gate(0x6, (0, 1)), Gate(0x6, (3, 2)), Gate(0x8, (0, 1)), Gate(0x8, (3, 2)), Gate(0xE, (5, 6)))
    return Circuit(3, gates, (Output(4), Output(7)))


def test_full_adder_simulates_to_its_tables():
    circuit = full_adder()
    assert circuit.output_tables() == [0x96, 0xE8]
    assert circuit.size == 5 and circuit.depth == 3
    circuit.verify(parse_truth_tables(["0x96", "0xe8"]))


def test_verification_failure_is_a_bug_not_user_error():
    with pytest.raises(VerificationError):
        full_adder().verify(parse_truth_tables(["0x96", "0xe9"]))


def test_dont_cares_are_ignored_by_verification():
    assert full_adder().computes(TruthTable.from_bits(3, [0x96, 0xE9], [0xFF, 0xFE]))


def test_json_round_trip_and_listing():
    circuit = full_adder()
    again = Circuit.from_dict(circuit.to_dict())
    assert again == circuit
    assert circuit.listing()[0] == "x3 = XOR(x0, x1)"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"gates": [], "outputs": []}, "lacks the field 'inputs'"),
        ({"inputs": 2, "gates": [{"op": "0x8", "fanins": [0, 2]}], "outputs": []}, "earlier node"),
        ({"inputs": 2, "gates": [{"op": "0xq", "fanins": [0, 1]}], "outputs": []}, "not a hex"),
        ({"inputs": 2, "gates": [], "outputs": [{"node": 5}]}, "does not exist"),
        ({"inputs": 2, "basis": "aig", "gates": [{"op": "0x6", "fanins": [0, 1]}], "outputs": []}, "lacks"),
        ({"inputs": 2, "basis": "mono", "gates": [], "outputs": [{"node": 0, "negated": True}]}, "negated"),
    ],
)
def test_malformed_circuit_json_is_rejected(data, message):
    with pytest.raises(InputError, match=message):
        Circuit.from_dict(data)


@given(st.integers(0, 15), st.integers(0, 15), st.integers(0, 15))
def test_op_helpers_agree_with_simulation(op, a, b):
    mask = 0xF
    assert apply_op(swap_fanins(op), b, a, mask) == apply_op(op, a, b, mask)
    assert apply_op(negate_fanin(op, 0), a ^ mask, b, mask) == apply_op(op, a, b, mask)
    assert apply_op(negate_fanin(op, 1), a, b ^ mask, mask) == apply_op(op, a, b, mask)
    assert OP_NAMES[op]
