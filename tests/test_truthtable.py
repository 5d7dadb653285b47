"""Parsing and formatting truth tables, and the NPN classes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circuits.errors import InputError
from circuits.npn import npn_canonical, npn_classes
from circuits.truthtable import TruthTable, full_mask, parse_truth_tables, to_binary, to_hex


def test_design_examples_parse_to_the_documented_inputs():
    for text, n in [("0x8", 2), ("0xe8", 3), ("0x6996", 4), ("0xfee8e880", 5), ("0x96696996", 5)]:
        assert parse_truth_tables([text]).n == n


def test_binary_is_most_significant_row_first():
    assert parse_truth_tables(["1000"]).outputs == (0x8,)
    table = parse_truth_tables(["1-0-"])
    assert table.care == (0b1010,) and table.outputs == (0b1000,)


def test_inputs_option_allows_small_and_padded_tables():
    assert parse_truth_tables(["0x1"], inputs=1).n == 1
    assert parse_truth_tables(["0x08"], inputs=3).outputs == (0x8,)


def test_care_mask_applies_to_every_output():
    table = parse_truth_tables(["0x96", "0xe8"], care="0x7f")
    assert table.care == (0x7F, 0x7F)
    assert table.outputs == (0x96 & 0x7F, 0xE8 & 0x7F)


@pytest.mark.parametrize(
    "texts, message",
    [
        (["0xZZ"], "malformed"),
        (["0x123"], "power of two"),
        (["101"], "power of two"),
        ([""], "empty"),
        ([], "no truth table"),
        (["0x8", "0x6996"], "different numbers of inputs"),
        (["abc"], "neither binary nor"),
    ],
)
def test_bad_tables_are_rejected_with_a_message(texts, message):
    with pytest.raises(InputError, match=message):
        parse_truth_tables(texts)


def test_value_must_fit_its_rows():
    with pytest.raises(InputError, match="does not fit"):
        parse_truth_tables(["0x1f"], inputs=2)


@given(st.integers(0, 8).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, full_mask(n)))))
def test_hex_round_trip(case):
    n, bits = case
    assert parse_truth_tables([to_hex(bits, n)], inputs=n).outputs == (bits,)


@given(
    st.integers(0, 6).flatmap(
        lambda n: st.tuples(st.just(n), st.integers(0, full_mask(n)), st.integers(0, full_mask(n)))
    )
)
def test_binary_round_trip_keeps_dont_cares(case):
    n, bits, care = case
    table = parse_truth_tables([to_binary(bits, n, care)])
    assert table == TruthTable.from_bits(n, [bits & care], [care])


def test_npn_classes_match_known_counts():
    assert [len(npn_classes(n)) for n in range(5)] == [1, 2, 4, 14, 222]
    for n in range(5):
        assert sum(size for _, size in npn_classes(n)) == 1 << (1 << n)


@given(st.integers(0, 0xFFFF), st.permutations(range(4)), st.integers(0, 15), st.booleans())
def test_npn_canonical_is_invariant_under_npn_transforms(bits, perm, neg, complement):
    transformed = 0
    for row in range(16):
        source = sum((((row >> perm[j]) & 1) << j) for j in range(4)) ^ neg
        transformed |= ((bits >> source) & 1) << row
    if complement:
        transformed ^= 0xFFFF
    assert npn_canonical(transformed, 4) == npn_canonical(bits, 4)
