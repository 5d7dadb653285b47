"""Kept proven bounds: what a search proved is kept in the result store and never proven again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sat_encoding.cofactors as cofactors
import sat_encoding.size as size_module
from circuits.bench.bound_store import BOUND_KIND, StoreBoundKeeper, bound_key, bounds_kept_in
from circuits.bench.store import ResultStore
from circuits.truthtable import TruthTable
from sat_encoding import ENCODER_VERSION, minimum_size
from sat_encoding.kept_bounds import ProvenBound, function_key, keeping_bounds, kept_bound
from sat_encoding.runner import Bound, stop_search_workers
from sat_encoding.solvers import backend_for

bounds = st.builds(
    ProvenBound,
    lower=st.integers(0, 20),
    solver=st.sampled_from(["cadical195", "glucose4"]),
    upper=st.one_of(st.none(), st.integers(0, 20)),
)


@given(bounds, bounds)
def test_merging_keeps_the_stronger_of_each_bound_with_its_provenance(a: ProvenBound, b: ProvenBound) -> None:
    merged = a.merged(b)
    assert merged.lower == max(a.lower, b.lower)
    assert merged.solver == (a.solver if a.lower >= b.lower else b.solver)
    uppers = [x.upper for x in (a, b) if x.upper is not None]
    assert merged.upper == (min(uppers) if uppers else None)
    assert a.merged(b).to_dict() == ProvenBound.from_dict(a.merged(b).to_dict()).to_dict()


def _keeper(tmp_path: Path) -> StoreBoundKeeper:
    path = tmp_path / "bounds.sqlite"
    ResultStore(path).close()
    return StoreBoundKeeper(path)


def test_the_store_keeps_the_strongest_bound_per_basis_function_and_encoder_version(tmp_path: Path) -> None:
    keeper = _keeper(tmp_path)
    keeper.keep("b2", "5:0x1", ProvenBound(6, "glucose4", ENCODER_VERSION, 9))
    keeper.keep("b2", "5:0x1", ProvenBound(7, "cadical195", ENCODER_VERSION, None))
    keeper.keep("b2", "5:0x1", ProvenBound(5, "minisat22", ENCODER_VERSION, 8))
    assert keeper.lookup("b2", "5:0x1", ENCODER_VERSION) == ProvenBound(7, "cadical195", ENCODER_VERSION, 8)
    assert keeper.lookup("aig", "5:0x1", ENCODER_VERSION) is None
    # a bound proven under another encoder version is never used
    keeper.keep("b2", "5:0x2", ProvenBound(7, "cadical195", "old", None))
    assert keeper.lookup("b2", "5:0x2", ENCODER_VERSION) is None
    assert keeper.lookup("b2", "5:0x2", "old") is not None


def test_a_store_that_cannot_answer_answers_nothing_and_keeps_nothing(tmp_path: Path) -> None:
    keeper = StoreBoundKeeper(tmp_path)  # a directory: SQLite cannot open it
    keeper.keep("b2", "5:0x1", ProvenBound(6, "glucose4"))
    assert keeper.lookup("b2", "5:0x1", ENCODER_VERSION) is None
    damaged = _keeper(tmp_path)
    with sqlite3.connect(damaged.path) as con:
        con.execute(
            "INSERT INTO results VALUES (?, ?, ?, NULL, NULL, NULL, 0)",
            (BOUND_KIND, bound_key("b2", "5:0x1", ENCODER_VERSION), "{not json"),
        )
    assert damaged.lookup("b2", "5:0x1", ENCODER_VERSION) is None


def _forget_in_process_caches() -> None:
    """What a fresh process would not know: the costs cached in this one."""
    for cached in (cofactors.cost_lower_bound, cofactors._exact_cost, cofactors._budgeted_cost):
        cached.cache_clear()
    stop_search_workers()  # the next search forks a worker that sees the patches below


def test_a_second_run_proves_nothing_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first run keeps its minimum and the exact costs of the restrictions behind its lower
    bound (proven in its search worker); a second run from a cold process asks the solver nothing."""
    table = TruthTable.from_bits(5, [0x17E8E8E8])
    db = tmp_path / "bounds.sqlite"
    _forget_in_process_caches()
    with bounds_kept_in(db):
        first = minimum_size(table, "b2")
        assert first.optimal and first.kept_bound is None
        with ResultStore(db) as store:
            restrictions = [r.key for r in store.records(BOUND_KIND) if '"function": "4:' in r.key]
        assert restrictions, "the worker kept the restrictions' exact costs"

        def refuse(*args, **kwargs):
            raise AssertionError("a kept bound was proven again")

        monkeypatch.setattr(size_module, "exact_solver", lambda *choice: refuse)
        monkeypatch.setattr(cofactors, "minimum_by_sat", refuse)
        monkeypatch.setattr(cofactors, "solve_exact_size", refuse)
        _forget_in_process_caches()
        second = minimum_size(table, "b2")
    _forget_in_process_caches()
    assert second.optimal and second.size == first.size
    assert second.circuit is not None and second.circuit.verify(table)
    assert second.kept_bound is not None
    assert (second.kept_bound["lower"], second.kept_bound["upper"]) == (first.size, first.size)
    assert second.kept_bound["solver"] == backend_for("auto", 5)
    assert second.kept_bound["encoder_version"] == ENCODER_VERSION


def test_a_run_cut_by_its_time_limit_is_resumed_from_its_proven_bound(tmp_path: Path) -> None:
    table = TruthTable.from_bits(5, [0x8FF0E88E])  # about 25 CPU s to settle: cut at 2 s
    with bounds_kept_in(tmp_path / "bounds.sqlite"):
        first = minimum_size(table, "b2", timeout=2.0)
        kept = kept_bound(table, "b2")
        assert kept is not None and (kept.lower, kept.upper) == (first.lower_bound, first.size)
        second = minimum_size(table, "b2", timeout=2.0)
    assert second.kept_bound is not None and second.kept_bound["lower"] == first.lower_bound
    assert second.lower_bound >= first.lower_bound and second.size <= first.size
    # the search itself starts from the kept bound: its first claim, before any SAT question
    events = size_module.size_search(table, "b2", "cadical195", start=None, proven_lower=kept.lower + 1)
    assert next(e for e in events if isinstance(e, Bound)).value == kept.lower + 1


def test_without_a_keeper_nothing_is_kept_or_read(tmp_path: Path) -> None:
    table = TruthTable.from_bits(3, [0xE8])
    with keeping_bounds(None):
        assert kept_bound(table, "b2") is None
        assert minimum_size(table, "b2").kept_bound is None
    assert function_key(table) == "3:0xe8"
    assert function_key(TruthTable.from_bits(2, [0x6], [0x7])) == "2:0x6/0x7"


def test_bench_workers_keep_their_bounds_in_the_store_and_a_rerun_starts_from_them(tmp_path: Path) -> None:
    """Through the CLI with a process pool: the workers (and the search workers they fork) write the
    bounds; a second run without --resume recomputes the jobs but starts every one from the kept
    minimum."""
    import json

    from click.testing import CliRunner

    from cli import cli

    suite = tmp_path / "suite.txt"
    suite.write_text("0x17e8e8e8\n0x01161668\n")
    db = tmp_path / "r.sqlite"
    args = ["bench", f"file:{suite}", "--jobs", "2", "--db", str(db), "--json"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    sizes = {row["function"]: row["value"] for row in json.loads(first.stdout)["results"]}
    with ResultStore(db) as store:
        kept = {json.loads(r.key)["function"]: r.result for r in store.records(BOUND_KIND)}
    for function, size in sizes.items():
        entry = kept[f"5:{function}"]
        assert (entry["lower"], entry["upper"]) == (size, size)
        assert entry["encoder_version"] == ENCODER_VERSION and entry["solver"] == backend_for("auto", 5)
    assert any(key.startswith("4:") for key in kept), "restrictions' costs kept by the search workers"
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    with ResultStore(db) as store:
        rows = [r.result for r in store.records("synthesis")]
    assert {r["value"] for r in rows} == set(sizes.values())
    assert all(r["kept_bound"]["lower"] == r["kept_bound"]["upper"] == r["value"] for r in rows)
