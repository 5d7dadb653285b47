"""A bench killed with SIGKILL loses no committed result, and --resume finishes it without redoing any."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from circuits.bench.bound_store import BOUND_KIND
from circuits.bench.synthesis import BenchConfig, suite_job_keys
from circuits.bench.suites import load_suite

#: 16 random 4-input functions: several seconds of synthesis on two workers.
SUITE = "random:16:4:11"


def stored_rows(db: Path) -> dict[str, tuple[str, float]]:
    """key -> (result JSON, commit time) of every committed row, read by an independent connection."""
    if not db.exists():
        return {}
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
        try:
            rows = con.execute(
                "SELECT key, result, finished_at FROM results WHERE kind != ?", (BOUND_KIND,)  # jobs, not kept bounds
            ).fetchall()
        except sqlite3.OperationalError:  # tables not created yet
            return {}
    return {key: (result, finished_at) for key, result, finished_at in rows}


def bench_command(db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "cli", "bench", SUITE, "--jobs", "2", "--db", str(db), *extra]


def test_sigkill_then_resume_loses_and_repeats_nothing(tmp_path: Path) -> None:
    db = tmp_path / "bench.sqlite"
    victim = subprocess.Popen(
        bench_command(db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while len(stored_rows(db)) < 4:
            assert victim.poll() is None, "the bench ended before it could be killed"
            assert time.monotonic() < deadline, "no results were committed within a minute"
            time.sleep(0.05)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(victim.pid, signal.SIGKILL)  # the pool's orphaned workers as well
    assert victim.returncode == -signal.SIGKILL

    before = stored_rows(db)
    expected_keys = set(suite_job_keys(load_suite(SUITE), BenchConfig()))
    assert 4 <= len(before) < len(expected_keys), "the kill must land mid-run"
    assert set(before) <= expected_keys

    resumed = subprocess.run(bench_command(db, "--resume", "--json"), capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    doc = json.loads(resumed.stdout)
    assert (doc["reused"], doc["computed"]) == (len(before), len(expected_keys) - len(before))
    assert doc["done"] == doc["jobs"] == 16 and doc["timeouts"] == 0

    after = stored_rows(db)
    assert set(after) == expected_keys  # every job exactly once (the key is the primary key)
    assert all(after[key] == row for key, row in before.items())  # nothing committed before was redone


def test_ctrl_c_ends_with_one_line_and_keeps_results(tmp_path: Path) -> None:
    db = tmp_path / "bench.sqlite"
    run = subprocess.Popen(
        bench_command(db),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as in an interactive shell
    )
    try:
        deadline = time.monotonic() + 60
        while len(stored_rows(db)) < 2:
            assert run.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground group
        _, err = run.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 130
    kept = len(stored_rows(db))
    assert err.strip().splitlines()[-1] == (
        f"interrupted (SIGINT): {kept} of 16 jobs are finished and kept in {db}; "
        "run the same command with --resume to continue"
    )
    assert "Traceback" not in err
    assert len(stored_rows(db)) >= 2
