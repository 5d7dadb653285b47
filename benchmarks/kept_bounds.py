"""What kept proven bounds buy: the same benchmark run twice on one result store, side by side.

    python benchmarks/kept_bounds.py [--suite problems] [--basis b2] [--timeout 20] [--jobs 2] [--json FILE]

The first run starts from an empty store; the second, without ``--resume``, recomputes every job,
but each search starts from the bounds the first run kept (its minimum, or a cut search's best
circuit and proven lower bound, and the exact costs of the restrictions behind gate elimination).
Per run: CPU seconds of all jobs (from the batch engine, which counts every worker and search
worker), wall seconds, the jobs proven optimal, and for the jobs cut by the time limit their best
circuit and proven lower bound, so a second run's progress past the first is visible. Both runs go
through the CLI as child processes of this script.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench(suite: str, basis: str, timeout: float, jobs: int, db: Path) -> dict:
    command = [
        sys.executable, "-m", "cli", "bench", suite, "--basis", basis, "--timeout", str(timeout),
        "--jobs", str(jobs), "--db", str(db), "--json",
    ]
    began = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    summary = json.loads(done.stdout)
    summary["measured_wall_seconds"] = round(time.perf_counter() - began, 1)
    return summary


def describe(label: str, summary: dict) -> str:
    cut = {u["function"]: (u.get("best"), u.get("lower_bound")) for u in summary["unresolved"]}
    optimal = summary["done"] - summary["timeouts"]
    line = (
        f"{label:6} {summary['cpu_seconds']:8.1f} CPU s {summary['measured_wall_seconds']:7.1f} wall s  "
        f"{optimal} of {summary['jobs']} proven optimal"
    )
    return line + "".join(f"\n         cut: {f}  best {b}, proven >= {lo}" for f, (b, lo) in sorted(cut.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suite", default="problems")
    parser.add_argument("--basis", default="b2")
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write both summaries here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "results.sqlite"
        cold = bench(args.suite, args.basis, args.timeout, args.jobs, db)
        print(describe("cold", cold), flush=True)
        warm = bench(args.suite, args.basis, args.timeout, args.jobs, db)
        print(describe("kept", warm), flush=True)
    if args.json:
        args.json.write_text(json.dumps({"cold": cold, "kept": warm}, indent=2) + "\n")


if __name__ == "__main__":
    main()
