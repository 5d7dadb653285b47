"""The solver policy: names are checked, and "auto" hands each instance to the measured backend."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.errors import InputError
from circuits.truthtable import TruthTable, full_mask
from sat_encoding import minimum_size
from sat_encoding.solvers import DEFAULT_SOLVER, backend_for, check_solver, solver_names


def test_no_name_means_auto_and_names_are_case_insensitive():
    assert check_solver(None) == DEFAULT_SOLVER == "auto"
    assert check_solver("MiniSat22") == "minisat22"


def test_an_unknown_solver_is_one_clear_input_error():
    with pytest.raises(InputError, match="unknown solver 'nosuch'"):
        check_solver("nosuch")


def test_auto_picks_by_input_count_and_named_solvers_pass_through():
    assert backend_for("auto", 4) == "minisat22"
    assert backend_for("auto", 5) == "cadical195"
    assert backend_for("glucose4", 3) == "glucose4"
    assert {backend_for("auto", n) for n in range(1, 9)} <= set(solver_names())


@settings(max_examples=15, deadline=None)
@given(st.integers(0, full_mask(4)), st.booleans())
def test_auto_finds_the_same_minimum_as_a_fixed_solver(bits, widen):
    """4-input functions go to MiniSat; widened to 5 inputs (ANDed with x4) they go to CaDiCaL."""
    if widen:
        table = TruthTable.from_bits(5, [bits << 16])
    else:
        table = TruthTable.from_bits(4, [bits])
    auto = minimum_size(table, solver="auto")
    fixed = minimum_size(table, solver="glucose4")
    assert auto.optimal and fixed.optimal
    assert auto.size == fixed.size
    assert auto.circuit.computes(table)
