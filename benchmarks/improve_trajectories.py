"""Minimization pressure on the study's unresolved problems: S along improvement trajectories.

    python benchmarks/improve_trajectories.py [--problems tri4,ham4] [--bases b2] [--cpu-timeout 15]
                                              [--decoys 50] [--plot trajectories.png] [--json out.json]

For each problem whose exact minimum or enumeration of optima was cut in the full study, the
brute-force reference circuit is improved to a local minimum (`circuits improve`, size objective
and depth objective), and every circuit of each trajectory, the start included, is scored by the
analyzer (`circuits.analysis.analyze_circuit`). The table reports the start and the end of every
trajectory and the largest S met on the way; the plot shows S against size. A local minimum is a
tier of its own: it is not a proven minimum, and the study's verdict rule is not applied to it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from circuits.analysis import analyze_circuit
from circuits.improve import improve_circuit
from circuits.improve.rewrite import to_basis
from circuits.problems.references import reference_circuits
from circuits.problems.suite import get_problem

#: Informative pairs the full study left unresolved (README, "Results of the full study").
UNRESOLVED = ("layer2x2", "tri4", "ham4", "sat2x2", "subsum3x2", "argmax3x2", "splen4", "goal-path4")


def trajectory(problem_name: str, basis: str, objective: str, cpu_timeout: float, decoys: int) -> dict:
    problem = get_problem(problem_name)
    start = to_basis(reference_circuits(problem)["brute_force"], basis)
    circuits = [start]
    result = improve_circuit(start, objective=objective, cpu_timeout=cpu_timeout, window_timeout=2.0,
                             on_step=lambda step: circuits.append(step.circuit))
    points = []
    for circuit in circuits:
        analysis = analyze_circuit(circuit, problem, decoys=decoys)
        assert analysis.computes
        points.append({"size": circuit.size, "depth": circuit.depth, "score": analysis.score})
    return {
        "problem": problem_name, "basis": basis, "objective": objective,
        "locally_minimal": result.locally_minimal, "stop": result.stop,
        "unproven_windows": len(result.unproven), "windows": result.windows,
        "cpu_seconds": round(result.cpu_seconds, 1), "points": points,
    }


def table(rows: list[dict]) -> str:
    lines = [
        "| problem | basis | objective | start size / depth / S | end size / depth / S | max S on the way | locally minimal |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        first, last = r["points"][0], r["points"][-1]
        claim = "yes" if r["locally_minimal"] else f"no ({r['unproven_windows']} of {r['windows']} windows unproven)"
        lines.append(
            f"| {r['problem']} | {r['basis']} | {r['objective']} | {first['size']} / {first['depth']} / {first['score']:.2f} "
            f"| {last['size']} / {last['depth']} / {last['score']:.2f} | {max(p['score'] for p in r['points']):.2f} | {claim} |"
        )
    return "\n".join(lines)


def plot(rows: list[dict], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    for axis, objective in zip(axes, ("size", "depth")):
        for r in (r for r in rows if r["objective"] == objective):
            sizes = [p["size"] for p in r["points"]]
            scores = [p["score"] for p in r["points"]]
            axis.plot(sizes, scores, marker="o", markersize=3, label=f"{r['problem']} ({r['basis']})")
        axis.set_title(f"{objective} objective: brute force → local minimum")
        axis.set_xlabel("size (gates)")
        axis.invert_xaxis()
        axis.grid(alpha=0.3)
    axes[0].set_ylabel("S (calibrated search score)")
    axes[1].legend(fontsize=7, loc="best")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", default=",".join(UNRESOLVED))
    parser.add_argument("--bases", default="b2")
    parser.add_argument("--cpu-timeout", type=float, default=15.0, help="CPU seconds per improvement run.")
    parser.add_argument("--decoys", type=int, default=50, help="Decoy formulations per scored circuit.")
    parser.add_argument("--plot", default=None, help="Write the S-against-size plot here (PNG).")
    parser.add_argument("--json", dest="json_path", default=None)
    args = parser.parse_args(argv)
    rows = []
    started = time.perf_counter()
    for name in args.problems.split(","):
        for basis in args.bases.split(","):
            for objective in ("size", "depth"):
                row = trajectory(name, basis, objective, args.cpu_timeout, args.decoys)
                rows.append(row)
                print(f"{name} {basis} {objective}: {len(row['points'])} points", file=sys.stderr, flush=True)
                if args.json_path:
                    Path(args.json_path).write_text(json.dumps(rows, indent=2))
    print(table(rows))
    print(f"\n{len(rows)} trajectories in {time.perf_counter() - started:.0f} s wall")
    if args.plot:
        plot(rows, args.plot)


if __name__ == "__main__":
    main()
