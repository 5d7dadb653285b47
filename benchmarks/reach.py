"""The hard instances that decide which study problems the engine reaches, each run through the CLI of
one or two checkouts side by side, so a figure can be compared with the commit before a change.

    python benchmarks/reach.py [--cases knuth10,tri4,path4-enum] [--jobs 2] [--baseline DIR] [--json FILE]

Cases (the time limit of each is the figure's own bound; a cut search prints its proven bounds):

* ``knuth10``: Knuth's 5-input class of cost 10, ``0x27596880``, minimum size in b2 (600 s);
* ``knuth11``: a cost-11 class, ``0x615b3d80`` (``--knuth11-timeout``, default 7200 s);
* ``tri4``: TRI4, minimum size in b2 (600 s);
* ``path4-enum`` / ``path4-enum-aig`` / ``p2-4-enum``: every optimum of PATH4 in b2 and aig, of P2-4
  in b2 (120 s each).

Every case runs ``python -m cli solve ... --json`` as a child process of this script, with ``--jobs``
when the checkout's CLI has it; CPU seconds are the child's and all of its descendants' (each is
waited for, so the kernel adds them to the child's total); wall seconds are the parent's clock.
``--baseline DIR`` runs the same cases with the CLI of another checkout (for example a worktree of the
previous commit) right after each case, so the two figures share the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from circuits.problems.suite import get_problem  # noqa: E402


@dataclass(frozen=True)
class Case:
    """One instance: the solve arguments after the truth table(s), and the figure's time limit."""

    name: str
    tables: tuple[str, ...]
    arguments: tuple[str, ...]
    timeout: float


def problem_tables(name: str) -> tuple[str, ...]:
    return tuple(get_problem(name).truth_table().hex_outputs())


def cases(knuth11_timeout: float) -> dict[str, Case]:
    return {
        "knuth10": Case("knuth10", ("0x27596880",), (), 600),
        "knuth11": Case("knuth11", ("0x615b3d80",), (), knuth11_timeout),
        "tri4": Case("tri4", problem_tables("tri4"), (), 600),
        "path4-enum": Case("path4-enum", problem_tables("path4"), ("--all", "--limit", "100000"), 120),
        "path4-enum-aig": Case(
            "path4-enum-aig", problem_tables("path4"), ("--all", "--limit", "100000", "--basis", "aig"), 120
        ),
        "p2-4-enum": Case("p2-4-enum", problem_tables("p2-4"), ("--all", "--limit", "100000"), 120),
    }


def supports_jobs(checkout: Path) -> bool:
    help_text = subprocess.run(
        [sys.executable, "-m", "cli", "solve", "--help"], cwd=checkout, capture_output=True, text=True,
        env=checkout_environment(checkout),
    ).stdout
    return "--jobs" in help_text


def checkout_environment(checkout: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(checkout)}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_case(case: Case, checkout: Path, jobs: int) -> dict:
    """Run one case with one checkout's CLI and summarize its JSON answer."""
    command = [sys.executable, "-m", "cli", "solve", *case.tables, *case.arguments, "--timeout", str(case.timeout)]
    if jobs > 1 and supports_jobs(checkout):
        command += ["--jobs", str(jobs)]
    command.append("--json")
    cpu0, wall0 = children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=checkout, capture_output=True, text=True, env=checkout_environment(checkout))
    row = {
        "case": case.name,
        "checkout": str(checkout),
        "command": " ".join(command[2:]),
        "cpu_seconds": round(children_cpu() - cpu0, 1),
        "wall_seconds": round(time.perf_counter() - wall0, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }
    if done.returncode != 0:
        row["error"] = (done.stderr.strip().splitlines() or ["exit %d" % done.returncode])[-1]
        return row
    answer = json.loads(done.stdout)
    row.update(
        size=answer.get("size"),
        optimal=answer.get("optimal"),
        lower_bound=answer.get("lower_bound"),
        timed_out=answer.get("timed_out"),
    )
    if "count" in answer or "complete" in answer:
        row.update(optima=answer.get("count"), complete=answer.get("complete"))
    return row


def describe(row: dict) -> str:
    if "error" in row:
        return f"{row['case']:15} error: {row['error']}"
    if row.get("optimal"):
        answer = f"minimal {row['size']}"
    else:
        answer = f"best found {row['size']}, proven >= {row['lower_bound']}"
    if "optima" in row:
        answer += f", {row['optima']} optima" + ("" if row.get("complete") else " (list cut)")
    return (
        f"{row['case']:15} {answer:45} {row['cpu_seconds']:8.1f} CPU s {row['wall_seconds']:8.1f} wall s"
        f"  peak {row['peak_rss_mb']:.0f} MB  [{Path(row['checkout']).name}]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="knuth10,tri4,path4-enum,path4-enum-aig,p2-4-enum")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--baseline", type=Path, help="another checkout to run side by side")
    parser.add_argument("--knuth11-timeout", type=float, default=7200)
    parser.add_argument("--json", type=Path, help="write every row here")
    args = parser.parse_args()
    known = cases(args.knuth11_timeout)
    chosen = [name.strip() for name in args.cases.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in known]
    if unknown:
        parser.error(f"unknown case(s) {', '.join(unknown)}; known: {', '.join(known)}")
    checkouts = [ROOT] + ([args.baseline.resolve()] if args.baseline else [])
    rows = []
    for name in chosen:
        for checkout in checkouts:
            rows.append(run_case(known[name], checkout, args.jobs))
            print(describe(rows[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
