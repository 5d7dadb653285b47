"""Proven bounds kept in the result store: the SQLite keeper of sat_encoding/kept_bounds.py.

A kept bound is a row of kind ``proven-bound`` in the same store as the jobs (``--db``), keyed by
basis, function and encoder version; its result is the bound with its provenance (the solver that
proved the lower bound, the circuit that realizes the upper one). Unlike job results, which only the
parent writes, bounds are merged in by whichever process proved them (a job worker, or the search
worker it forked), each in its own short transaction on a connection opened for that call, so no
SQLite connection ever crosses a fork. A store that is locked for longer than ``LOCK_TIMEOUT`` or
unreadable answers nothing and keeps nothing: a lost bound costs time, never a wrong answer.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from circuits.bench.store import ResultStore, merge_row, read_row
from sat_encoding.kept_bounds import ProvenBound, keeping_bounds

BOUND_KIND = "proven-bound"
#: Seconds a worker waits for the store's write lock before it gives the bound up.
LOCK_TIMEOUT = 10.0


def bound_key(basis: str, function: str, encoder_version: str) -> str:
    return json.dumps({"basis": basis, "function": function, "encoder_version": encoder_version}, sort_keys=True)


class StoreBoundKeeper:
    """Kept bounds in the result store at ``path`` (created by a ``ResultStore`` beforehand)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def lookup(self, basis: str, function: str, encoder_version: str) -> ProvenBound | None:

        try:
            data = read_row(self.path, BOUND_KIND, bound_key(basis, function, encoder_version), LOCK_TIMEOUT)
            return None if data is None else ProvenBound.from_dict(data)
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            return None

    def keep(self, basis: str, function: str, bound: ProvenBound) -> None:

        def merged(old: dict[str, Any] | None) -> dict[str, Any] | None:
            if old is None:
                return bound.to_dict()
            stronger = ProvenBound.from_dict(old).merged(bound)
            return None if stronger.to_dict() == old else stronger.to_dict()

        try:
            merge_row(self.path, BOUND_KIND, bound_key(basis, function, bound.encoder_version), merged, LOCK_TIMEOUT)
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            pass  # a bound that cannot be kept is proven again next time; the search goes on


@contextmanager
def bounds_kept_in(path: str | Path | None) -> Iterator[None]:
    """Inside, searches keep their proven bounds in the result store at ``path`` and start from
    those kept there (``solve --db``); None: no store, nothing kept."""
    if path is None:
        yield
        return
    ResultStore(path).close()  # creates the file and its tables, or fails here in one clear line
    with keeping_bounds(StoreBoundKeeper(path)):
        yield
