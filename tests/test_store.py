"""The SQLite result store: round trips, durability settings, and one-line errors for bad databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circuits.errors import InputError
from circuits.bench.store import SCHEMA_VERSION, ResultStore, RunStats, default_db_path

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)


def test_put_get_round_trip_and_kinds_are_separate(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "r.sqlite") as store:
        store.put("k1", {"size": 5, "circuit": None}, kind="synthesis", stats=RunStats(1.5, 2.0, 1234))
        store.put("k1", {"score": 0.25}, kind="study")
        assert store.get("k1", kind="synthesis") == {"size": 5, "circuit": None}
        assert store.get("k1", kind="study") == {"score": 0.25}
        assert store.get("k2", kind="synthesis") is None
        record = store.record("k1", kind="synthesis")
        assert record is not None and record.stats == RunStats(1.5, 2.0, 1234)
        assert store.record("k1", kind="study").stats is None  # type: ignore[union-attr]
        assert store.count() == 2 and store.count("study") == 1


def test_put_replaces_and_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    with ResultStore(path) as store:
        store.put("k", {"v": 1}, kind="a")
        store.put("k", {"v": 2}, kind="a")
    with ResultStore(path) as store:
        assert [r.result for r in store.records("a")] == [{"v": 2}]


def test_database_is_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    ResultStore(path).close()
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_each_put_is_committed_at_once(tmp_path: Path) -> None:
    """Another connection sees a row as soon as put() returns: nothing waits for a later commit."""
    path = tmp_path / "r.sqlite"
    with ResultStore(path) as store:
        store.put("k", {"v": 1}, kind="a")
        with sqlite3.connect(path) as other:
            assert other.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 1


@settings(max_examples=40, deadline=None)
@given(key=st.text(min_size=1, max_size=20), kind=st.text(min_size=1, max_size=10), result=st.dictionaries(st.text(max_size=6), json_values, max_size=5))
def test_any_json_result_round_trips(tmp_path_factory: pytest.TempPathFactory, key: str, kind: str, result: dict) -> None:
    path = tmp_path_factory.mktemp("h") / "r.sqlite"
    with ResultStore(path) as store:
        store.put(key, result, kind=kind)
        assert store.get(key, kind=kind) == result


def test_default_path_is_in_the_user_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_db_path() == tmp_path / "cache" / "circuits" / "results.sqlite"
    with ResultStore() as store:
        store.put("k", {}, kind="a")
    assert default_db_path().is_file()


def _one_line(err: pytest.ExceptionInfo[InputError]) -> str:
    message = str(err.value)
    assert "\n" not in message
    return message


def test_locked_database_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    ResultStore(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(InputError) as err:
            ResultStore(path, lock_timeout=0.1)
        assert "locked" in _one_line(err) and str(path) in str(err.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    ResultStore(path, lock_timeout=0.1).close()  # usable again once the lock is gone


def test_a_lock_taken_mid_run_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    with ResultStore(path, lock_timeout=0.1) as store:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(InputError) as err:
                store.put("k", {}, kind="a")
            assert "locked" in _one_line(err)
        finally:
            holder.execute("ROLLBACK")
            holder.close()


def test_not_a_database_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("these are not the rows you are looking for\n" * 100)
    with pytest.raises(InputError) as err:
        ResultStore(path)
    assert "not a database" in _one_line(err)


@pytest.mark.parametrize("where", ["directory", "missing parent"])
def test_unopenable_paths_are_one_line_errors(tmp_path: Path, where: str) -> None:
    path = tmp_path if where == "directory" else tmp_path / "no" / "such" / "r.sqlite"
    with pytest.raises(InputError) as err:
        ResultStore(path)
    assert str(path) in _one_line(err)


def test_other_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    ResultStore(path).close()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE meta SET value = ? WHERE name = 'schema'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(InputError) as err:
        ResultStore(path)
    assert "schema version" in _one_line(err)
