"""Benchmark suites: what each name expands to, and one-line errors for bad names and files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.bench.suites import load_suite
from circuits.errors import InputError
from circuits.truthtable import TruthTable


@pytest.mark.parametrize(("n", "classes"), [(1, 2), (2, 4), (3, 14), (4, 222)])
def test_npn_suites_cover_every_function_once(n: int, classes: int) -> None:
    suite = load_suite(f"npn{n}")
    assert suite.npn and len(suite.items) == classes
    assert sum(item.weight for item in suite.items) == 2 ** (2**n)
    assert all(item.spec.n == n and item.spec.fully_specified for item in suite.items)


def test_problems_suite_is_the_study_suite() -> None:
    from circuits.problems.suite import all_problems

    suite = load_suite("problems")
    problems = all_problems()
    assert [item.label for item in suite.items] == [p.name for p in problems]
    assert [item.spec for item in suite.items] == [p.truth_table() for p in problems]
    assert not suite.npn


def test_random_suite_is_reproducible_and_seeded() -> None:
    first, again, other = load_suite("random:20:5:7"), load_suite("random:20:5:7"), load_suite("random:20:5:8")
    assert len(first.items) == 20 and all(item.spec.n == 5 for item in first.items)
    assert first.items == again.items
    assert first.items != other.items
    assert len({item.spec.outputs for item in first.items}) > 15  # 2^32 functions: essentially no repeats


def test_file_suite_reads_functions_comments_and_several_outputs(tmp_path: Path) -> None:
    path = tmp_path / "suite.txt"
    path.write_text("# my functions\n0x96 0xe8   # full adder\n\n  0x6996\n1-0-\n")
    suite = load_suite(f"file:{path}")
    assert [item.spec for item in suite.items] == [
        TruthTable.from_bits(3, [0x96, 0xE8]),
        TruthTable.from_bits(4, [0x6996]),
        TruthTable.from_bits(2, [0b1000], [0b1010]),
    ]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(2, 5), st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=3)), min_size=1, max_size=6))
def test_file_suite_round_trips_written_tables(tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[int, list[int]]]) -> None:
    specs = [TruthTable.from_bits(n, [v & ((1 << (1 << n)) - 1) for v in values]) for n, values in rows]
    path = tmp_path_factory.mktemp("suite") / "s.txt"
    path.write_text("".join(" ".join(spec.hex_outputs()) + "  # a comment\n" for spec in specs))
    assert [item.spec for item in load_suite(f"file:{path}").items] == specs


def _error(name: str) -> str:
    with pytest.raises(InputError) as err:
        load_suite(name)
    message = str(err.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("npn9", "NPN suites cover 1 to 4 inputs"),
        ("npn0", "NPN suites cover 1 to 4 inputs"),
        ("knuth", "unknown suite 'knuth'"),
        ("random:10:4", "must look like random:COUNT:INPUTS:SEED"),
        ("random:ten:4:1", "must look like random:COUNT:INPUTS:SEED"),
        ("random:0:4:1", "COUNT must be between"),
        ("random:5:40:1", "INPUTS must be between"),
    ],
)
def test_bad_suite_names(name: str, fragment: str) -> None:
    assert fragment in _error(name)


def test_unreadable_suite_files(tmp_path: Path) -> None:
    assert "cannot read suite file" in _error(f"file:{tmp_path / 'missing.txt'}")
    assert "cannot read suite file" in _error(f"file:{tmp_path}")
    binary = tmp_path / "binary.bin"
    binary.write_bytes(bytes(range(128, 256)))
    assert "not UTF-8" in _error(f"file:{binary}")
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing here\n\n")
    assert "lists no functions" in _error(f"file:{empty}")


def test_a_bad_line_is_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("0x96\n# fine so far\n0x96 0x6996\n")
    message = _error(f"file:{path}")
    assert message.startswith(f"{path}:3: ") and "different numbers of inputs" in message


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_all_suites_list_every_function_once(n: int) -> None:
    suite = load_suite(f"all{n}")
    assert not suite.npn
    assert [item.spec.outputs[0] for item in suite.items] == list(range(2 ** (2**n)))
    assert all(item.weight == 1 and item.spec.n == n for item in suite.items)


@pytest.mark.parametrize("name", ["all0", "all5", "all16"])
def test_all_suites_refuse_sizes_they_cannot_list(name: str) -> None:
    with pytest.raises(InputError, match="all-function suites cover 1 to 4 inputs"):
        load_suite(name)
