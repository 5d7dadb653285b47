"""The SQLite result store shared by `circuits bench` and `circuits study`.

Exact synthesis is expensive and benchmark suites are long, so every finished job is written to disk
the moment its result reaches the parent process, in its own transaction: a run killed at any point
(even with SIGKILL) loses only the jobs still in flight, and ``--resume`` picks up from the rows that
are there. The database runs in WAL mode so that readers (an export, a second run) never block the
writer and a crash never corrupts committed rows.

The store is generic on purpose: a row is ``(kind, key) -> result``, where ``kind`` names the job type
("synthesis" for benchmark jobs, whatever the study chooses for its own) and ``key`` is a string that
identifies the job completely (for synthesis: function, care set, basis, objective, solver and the
encoder's version). Results are JSON documents; the engine's own measurements of the run that produced
them (CPU and wall seconds, peak memory) are kept in columns beside them so that every job type gets
them without putting them into its result.
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from circuits.errors import InputError

#: Bumped whenever the table layout changes; an older or newer file is refused, not misread.
SCHEMA_VERSION = 1

#: Seconds to wait for another process's write lock before giving up with an error.
DEFAULT_LOCK_TIMEOUT = 3.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    result TEXT NOT NULL,
    cpu_seconds REAL,
    wall_seconds REAL,
    peak_rss_kb INTEGER,
    finished_at REAL NOT NULL,
    PRIMARY KEY (kind, key)
);
"""


def default_db_path() -> Path:
    """``results.sqlite`` in the user's cache directory (platform-specific, created on demand)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("circuits")) / "results.sqlite"


@dataclass(frozen=True)
class RunStats:
    """What the batch engine measured while a job ran: its own CPU and wall time and the peak RSS of
    the worker process that ran it (a process high-water mark, so the maximum over jobs is the peak
    memory of the whole run)."""

    cpu_seconds: float
    wall_seconds: float
    peak_rss_kb: int


@dataclass(frozen=True)
class Record:
    """One stored row: the job's identity, its result and how it was computed."""

    kind: str
    key: str
    result: dict[str, Any]
    stats: RunStats | None
    finished_at: float


class ResultStore:
    """A result store in one SQLite file. Use as a context manager or call ``close()``.

    Only the process that owns the store writes job results to it (the batch engine commits from the
    parent, never from workers), so one connection suffices; other processes may read or write the
    same file concurrently and wait up to ``lock_timeout`` seconds for each other. The one exception
    is proven bounds (bound_store.py), which any worker merges in through ``merge_row``.
    """

    def __init__(self, path: str | Path | None = None, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.lock_timeout = lock_timeout
        if path is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.is_dir():
            raise InputError(f"result database {self.path} is a directory, not a file")
        try:
            self._con = sqlite3.connect(self.path, timeout=lock_timeout, isolation_level=None)
        except sqlite3.Error as err:
            raise InputError(f"cannot open result database {self.path}: {err}") from None
        try:
            self._initialize()
        except InputError:
            self._con.close()
            raise

    # -- setup -----------------------------------------------------------------------------
    def _initialize(self) -> None:
        """Switch to WAL, create the tables and check the schema version.

        The write transaction here doubles as a lock probe: a database held by another process fails
        now, with one clear line, instead of after the first job has been computed.
        """
        with self._guard():
            self._con.execute("PRAGMA journal_mode=WAL")
            # synchronous=NORMAL is durable against process crashes in WAL mode (only an OS crash
            # can lose the last commits), which is the failure a killed benchmark run meets.
            self._con.execute("PRAGMA synchronous=NORMAL")
            with self._transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._con.execute(statement)
                row = self._con.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
                if row is None:
                    self._con.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                elif row[0] != str(SCHEMA_VERSION):
                    raise InputError(
                        f"result database {self.path} has schema version {row[0]}, this tool writes "
                        f"version {SCHEMA_VERSION}; use another --db file"
                    )

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite failures into one-line user errors that name the file."""
        try:
            yield
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                raise InputError(
                    f"result database {self.path} is locked by another process "
                    f"(waited {self.lock_timeout:g} s); close it or use another --db file"
                ) from None
            raise InputError(f"cannot use result database {self.path}: {err}") from None
        except sqlite3.DatabaseError as err:
            raise InputError(f"cannot use result database {self.path}: {err}") from None

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One explicit write transaction: committed on success, rolled back on any exception."""
        self._con.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    # -- the generic interface ---------------------------------------------------------------
    def put(self, key: str, result: dict[str, Any], *, kind: str, stats: RunStats | None = None) -> None:
        """Store (or replace) the result of job ``(kind, key)`` and commit it at once."""
        text = json.dumps(result, sort_keys=True)
        row = (
            kind,
            key,
            text,
            None if stats is None else stats.cpu_seconds,
            None if stats is None else stats.wall_seconds,
            None if stats is None else stats.peak_rss_kb,
            time.time(),
        )
        with self._guard(), self._transaction():
            self._con.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)", row)

    def get(self, key: str, *, kind: str) -> dict[str, Any] | None:
        """The stored result of job ``(kind, key)``, or None if it never finished."""
        record = self.record(key, kind=kind)
        return None if record is None else record.result

    def record(self, key: str, *, kind: str) -> Record | None:
        """The full stored row of job ``(kind, key)``, or None."""
        with self._guard():
            row = self._con.execute(
                "SELECT * FROM results WHERE kind = ? AND key = ?", (kind, key)
            ).fetchone()
        return None if row is None else self._to_record(row)

    def records(self, kind: str | None = None) -> Iterator[Record]:
        """Every stored row (of one kind, if given), oldest first."""
        query = "SELECT * FROM results"
        params: tuple[str, ...] = ()
        if kind is not None:
            query += " WHERE kind = ?"
            params = (kind,)
        with self._guard():
            rows = self._con.execute(query + " ORDER BY finished_at, kind, key", params).fetchall()
        return (self._to_record(row) for row in rows)

    def count(self, kind: str | None = None) -> int:
        """How many rows are stored (of one kind, if given)."""
        with self._guard():
            if kind is None:
                return self._con.execute("SELECT COUNT(*) FROM results").fetchone()[0]
            return self._con.execute("SELECT COUNT(*) FROM results WHERE kind = ?", (kind,)).fetchone()[0]

    def _to_record(self, row: tuple[Any, ...]) -> Record:
        kind, key, text, cpu, wall, rss, finished_at = row
        try:
            result = json.loads(text)
        except json.JSONDecodeError:
            raise InputError(f"result database {self.path} holds a damaged row ({kind} {key})") from None
        stats = None if cpu is None else RunStats(cpu, wall, rss)
        return Record(kind, key, result, stats, finished_at)

    # -- lifetime --------------------------------------------------------------------------
    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> "ResultStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_row(path: Path, kind: str, key: str, lock_timeout: float) -> dict[str, Any] | None:
    """The result of ``(kind, key)`` in the store at ``path``, on a connection opened for this call
    only (so that no connection is ever carried into a forked worker); None if absent."""
    con = sqlite3.connect(path, timeout=lock_timeout, isolation_level=None)
    try:
        row = con.execute("SELECT result FROM results WHERE kind = ? AND key = ?", (kind, key)).fetchone()
    finally:
        con.close()
    return None if row is None else json.loads(row[0])


def merge_row(
    path: Path,
    kind: str,
    key: str,
    change: Callable[[dict[str, Any] | None], dict[str, Any] | None],
    lock_timeout: float,
) -> None:
    """Replace the result of ``(kind, key)`` by ``change(old)`` (None: leave it) in one write
    transaction, so that two processes merging into the same row lose neither's update."""
    con = sqlite3.connect(path, timeout=lock_timeout, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            row = con.execute("SELECT result FROM results WHERE kind = ? AND key = ?", (kind, key)).fetchone()
            new = change(None if row is None else json.loads(row[0]))
            if new is not None:
                con.execute(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?, NULL, NULL, NULL, ?)",
                    (kind, key, json.dumps(new, sort_keys=True), time.time()),
                )
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    finally:
        con.close()
