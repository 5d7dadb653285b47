"""The size search's starting upper bound against ABC, on the study's unresolved problems.

    python benchmarks/upper_bounds.py [--problems tri4,ham4] [--bases aig,b2] [--json out.json]

For each problem and basis, side by side in one run:
* the engine's starting circuit (circuits/improve/upper_bound.py): the heuristic circuit, the
  problem's reference circuits rewritten into the basis, and the smallest of them improved by the
  rewriting pass within its CPU budget; the size of each, and the CPU seconds of the whole choice
  (this process and its children);
* ABC's `strash; resyn2` three times, from each reference circuit as an AIG, the smallest result
  and the CPU seconds of all those runs (from the kernel). ABC counts AND nodes; an AIG is also a
  b2 circuit, so the same count bounds the b2 minimum from above.
With ``--search-timeout T``, the size search itself then runs twice per pair, side by side: from
the heuristic alone (as before this start existed) and from the starting circuit, each with a
T-second limit; the table gives the result (``k*`` proven, or ``best/≥lower``) and CPU seconds of
each (this process, its finished children and its live search worker).
Every circuit of the engine is simulated against the truth table; ABC's are only counted.
Needs `yosys-abc` (the runner of benchmarks/improve.py is reused).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from improve import ABC, ABC_RC, abc, abc_stats
from improve_trajectories import UNRESOLVED
from measure import Stopwatch

from circuits.formats import write_circuit_file
from circuits.improve.rewrite import to_basis
from circuits.improve.upper_bound import strong_upper_bound
from circuits.problems.references import reference_circuits
from circuits.problems.suite import get_problem
from sat_encoding import minimum_size

RESYN2_ROUNDS = 3


def abc_baseline(problem_name: str, folder: Path) -> tuple[int, float]:
    """The fewest ANDs ABC's resyn2 ×3 reaches from any reference circuit, and its CPU seconds."""
    best, cpu = None, 0.0
    for name, circuit in reference_circuits(get_problem(problem_name)).items():
        start = folder / f"{name}.aig"
        write_circuit_file(to_basis(circuit, "aig"), "aig", start)
        text, seconds, _ = abc(f"read {start}; strash; " + "resyn2; " * RESYN2_ROUNDS + "print_stats", folder)
        size, _ = abc_stats(text)
        best = size if best is None else min(best, size)
        cpu += seconds
    assert best is not None
    return best, cpu


def searched(problem_name: str, basis: str, start, timeout: float) -> dict:
    """One time-limited size search, from ``start`` (None: the heuristic alone), and its CPU seconds."""
    watch = Stopwatch().start()
    result = minimum_size(get_problem(problem_name).truth_table(), basis, timeout=timeout, start=start)
    shown = f"{result.size}*" if result.optimal else f"{result.size}/≥{result.lower_bound}"
    return {"result": shown, "cpu": watch.cpu()}


def measure(problem_name: str, basis: str, abc_size: int, abc_cpu: float, search_timeout: float | None) -> dict:
    problem = get_problem(problem_name)
    bound = strong_upper_bound(problem.truth_table(), basis, reference_circuits(problem))
    searches = {}
    if search_timeout is not None:
        searches = {
            "search_off": searched(problem_name, basis, None, search_timeout),
            "search_on": searched(problem_name, basis, bound.circuit, search_timeout),
        }
    references = [size for source, size in bound.sizes.items() if source.startswith("reference:")]
    return {
        "problem": problem_name,
        "basis": basis,
        "heuristic": bound.sizes["heuristic"],
        "best_reference": min(references, default=None),
        "start": bound.circuit.size,
        "source": bound.source,
        "lower_bound": bound.lower_bound,
        "cpu": bound.cpu_seconds,
        "abc_resyn2": abc_size,
        "abc_cpu": abc_cpu,
        **searches,
    }


def table(rows: list[dict]) -> str:
    lines = [
        "| problem | basis | heuristic | best reference | engine start | from | start CPU s | ABC resyn2 ×3 | ABC CPU s | start − ABC |",
        "|---|---|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    searches = any("search_on" in r for r in rows)
    if searches:
        lines[0] += " search from heuristic | CPU s | search from start | CPU s |"
        lines[1] += "---:|---:|---:|---:|"
    for r in rows:
        line = (
            f"| {r['problem'].upper()} | {r['basis']} | {r['heuristic']} | {r['best_reference']} | {r['start']} | "
            f"{r['source']} | {r['cpu']:.1f} | {r['abc_resyn2']} | {r['abc_cpu']:.2f} | {r['start'] - r['abc_resyn2']:+d} |"
        )
        if searches:
            off, on = r["search_off"], r["search_on"]
            line += f" {off['result']} | {off['cpu']:.1f} | {on['result']} | {on['cpu'] + r['cpu']:.1f} |"
        lines.append(line)
    note = "\n\nThe second CPU column of the searches includes the start's own CPU seconds." if searches else ""
    return "\n".join(lines) + note


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", default=",".join(UNRESOLVED))
    parser.add_argument("--bases", default="aig,b2")
    parser.add_argument("--search-timeout", type=float, default=None, help="Also run the size search from each start.")
    parser.add_argument("--json", dest="json_path", default=None, help="Write every measurement here.")
    args = parser.parse_args(argv)
    if ABC is None:
        sys.exit("yosys-abc is not installed (Debian package yosys)")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "abc.rc").write_text(ABC_RC)
        for name in args.problems.split(","):
            abc_size, abc_cpu = abc_baseline(name, folder)
            for basis in args.bases.split(","):
                row = measure(name, basis, abc_size, abc_cpu, args.search_timeout)
                rows.append(row)
                print(f"{name}/{basis}: start {row['start']} ({row['source']}), ABC {abc_size}", file=sys.stderr, flush=True)
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(rows, indent=2))
    print(table(rows))


if __name__ == "__main__":
    main()
