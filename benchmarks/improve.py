"""`circuits improve` against ABC, side by side in one run, on 26 circuits of 6–16 inputs
(``--suite main``) or on 10 circuits of public benchmark sets (``--suite public``,
benchmarks/public_circuits.py).

    python benchmarks/improve.py [--timeout 20] [--suite main] [--only add4,tri4]
                                 [--variants both,global,windows,b2] [--json results.json]

For each circuit (a plain textbook construction, or a study problem's brute-force reference):
* AIG: ABC's `strash; resyn2` repeated (three and ten rounds), ABC's `&deepsyn -T T`, and
  `circuits improve --basis aig --cpu-timeout T` with the passes of ``--variants``: ``both`` (the
  default pipeline), ``global`` (mockturtle's restructuring alone) and ``windows`` (exact windows
  alone), all from the same AIG file;
* ``b2``: `circuits improve --basis b2 --cpu-timeout T` from the circuit itself.
Both budgets are CPU seconds (ABC's clock counts CPU time), so a machine shared with other work
gives both tools the same effort.
Every run is a separate process whose CPU seconds and peak resident memory come from the kernel
(wait4), and every result is proven equivalent to its input by ABC's `cec`. Needs `yosys-abc`.
ABC's scripts rely on the standard aliases of its abc.rc, which this build does not ship, so the
few that are used are written into the working folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

from circuits.circuit import Circuit
from circuits.formats import write_circuit_file
from circuits.improve.rewrite import to_basis
from circuits.problems.builder import CircuitBuilder, Signal, negate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.public_circuits import PUBLIC_CIRCUITS  # noqa: E402

ABC = shutil.which("yosys-abc")
ABC_RC = """alias b balance
alias rw rewrite
alias rwz rewrite -z
alias rf refactor
alias rfz refactor -z
alias rs resub
alias resyn2 "b; rw; rf; b; rw; rwz; b; rfz; rwz; b"
alias compress2rs "b -l; rs -K 6 -l; rw -l; rs -K 6 -N 2 -l; rf -l; rs -K 8 -l; b -l; rs -K 8 -N 2 -l; rw -l; rs -K 10 -l; rwz -l; rs -K 10 -N 2 -l; b -l; rs -K 12 -l; rfz -l; rs -K 12 -N 2 -l; rwz -l; b -l"
"""
RESYN2_ROUNDS = 10
STATS = re.compile(r"and =\s*(\d+)\s+lev =\s*(\d+)")


# -- the circuits ---------------------------------------------------------------------------------
def _finish(builder: CircuitBuilder, outputs: Sequence[Signal]) -> Circuit:
    return builder.finish(outputs).circuit


def _full_adder(b: CircuitBuilder, x: Signal, y: Signal, carry: Signal) -> tuple[Signal, Signal]:
    half = b.xor(x, y)
    return b.xor(half, carry), b.or_(b.and_(x, y), b.and_(carry, half))


def ripple_adder(bits: int) -> Circuit:
    b = CircuitBuilder(2 * bits)
    carry = b.and_(b.input(0), b.input(bits))
    sums = [b.xor(b.input(0), b.input(bits))]
    for i in range(1, bits):
        s, carry = _full_adder(b, b.input(i), b.input(bits + i), carry)
        sums.append(s)
    return _finish(b, sums + [carry])


def less_than(bits: int) -> Circuit:
    """a < b, least significant bit first: lt_i = (NOT a_i AND b_i) OR (a_i XNOR b_i AND lt_{i-1})."""
    b = CircuitBuilder(2 * bits)
    lt = b.and_(negate(b.input(0)), b.input(bits))
    for i in range(1, bits):
        x, y = b.input(i), b.input(bits + i)
        lt = b.or_(b.and_(negate(x), y), b.and_(negate(b.xor(x, y)), lt))
    return _finish(b, [lt])


def equality(bits: int) -> Circuit:
    b = CircuitBuilder(2 * bits)
    return _finish(b, [b.and_all([negate(b.xor(b.input(i), b.input(bits + i))) for i in range(bits)])])


def mod3(n: int) -> Circuit:
    """[number of ones ≡ 0 mod 3] by a one-hot three-state machine over the inputs."""
    b = CircuitBuilder(n)
    state = [negate(b.input(0)), b.input(0), b.and_(b.input(0), negate(b.input(0)))]  # counts 0, 1, 2
    for j in range(1, n):
        x = b.input(j)
        state = [b.mux(x, state[(k - 1) % 3], state[k]) for k in range(3)]
    return _finish(b, [state[0]])


def threshold(n: int, t: int) -> Circuit:
    """[at least t ones] by saturating unary counters: c_k' = c_k OR (c_{k-1} AND x)."""
    b = CircuitBuilder(n)
    counts: list[Signal] = [b.input(0)] + [b.and_(b.input(0), negate(b.input(0)))] * (t - 1)
    for j in range(1, n):
        x = b.input(j)
        counts = [b.or_(counts[0], x)] + [b.or_(counts[k], b.and_(counts[k - 1], x)) for k in range(1, t)]
    return _finish(b, [counts[t - 1]])


def bubble_sorter(n: int) -> Circuit:
    """n bits sorted by a bubble-sort network of compare-exchange cells (AND for min, OR for max)."""
    b = CircuitBuilder(n)
    wires = [b.input(j) for j in range(n)]
    for end in range(n - 1, 0, -1):
        for i in range(end):
            wires[i], wires[i + 1] = b.and_(wires[i], wires[i + 1]), b.or_(wires[i], wires[i + 1])
    return _finish(b, wires)


def multiplexer(select: int) -> Circuit:
    """2^s data inputs after s select inputs, as a decoded sum of products."""
    data = 1 << select
    b = CircuitBuilder(select + data)
    terms = []
    for index in range(data):
        literals = [b.input(j) if (index >> j) & 1 else negate(b.input(j)) for j in range(select)]
        terms.append(b.and_(b.and_all(literals), b.input(select + index)))
    return _finish(b, [b.or_all(terms)])


def suite_brute_force(name: str) -> Callable[[], Circuit]:
    def build() -> Circuit:
        from circuits.problems.references import reference_circuits
        from circuits.problems.suite import get_problem

        return reference_circuits(get_problem(name))["brute_force"]

    return build


CIRCUITS: dict[str, Callable[[], Circuit]] = {
    "add4": lambda: ripple_adder(4),
    "add6": lambda: ripple_adder(6),
    "add8": lambda: ripple_adder(8),
    "lt4": lambda: less_than(4),
    "lt8": lambda: less_than(8),
    "eq8": lambda: equality(8),
    "mod3-8": lambda: mod3(8),
    "mod3-12": lambda: mod3(12),
    "maj7": lambda: threshold(7, 4),
    "maj9": lambda: threshold(9, 5),
    "th2-8": lambda: threshold(8, 2),
    "th3-12": lambda: threshold(12, 3),
    "sort6": lambda: bubble_sorter(6),
    "sort8": lambda: bubble_sorter(8),
    "mux4": lambda: multiplexer(2),
    "mux8": lambda: multiplexer(3),
}
for _problem in ("tri4", "ham4", "p2-4", "col2-c5", "subsum3x2", "argmax3x2", "splen4", "goal-path4", "sat2x2", "layer2x2"):
    CIRCUITS[f"bf-{_problem}"] = suite_brute_force(_problem)


# -- running and measuring ------------------------------------------------------------------------
def measured(command: list[str], folder: Path) -> tuple[str, float, float]:
    """Run a command; its stdout, CPU seconds and peak resident memory (MB), from the kernel."""
    with open(folder / "stdout.txt", "w") as out, open(folder / "stderr.txt", "w") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=folder)
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # interrupted: take the measured process down too
            process.kill()
            process.wait()
            raise
    process.returncode = os.waitstatus_to_exitcode(status)
    text = (folder / "stdout.txt").read_text()
    if process.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({process.returncode}): {(folder / 'stderr.txt').read_text()[-500:]}")
    return text, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def abc(script: str, folder: Path) -> tuple[str, float, float]:
    return measured([ABC, "-c", script], folder)


def abc_equivalent(a: Path, b: Path, folder: Path) -> bool:
    text, _, _ = abc(f"cec -n -T 300 -C 10000000 {a} {b}", folder)
    if "Networks are equivalent" in text:
        return True
    if "NOT EQUIVALENT" in text:
        return False
    raise RuntimeError(f"ABC cec gave no verdict on {b.name}: {text[-300:]}")


def abc_stats(text: str) -> tuple[int, int]:
    size, depth = STATS.findall(text)[-1]
    return int(size), int(depth)


def ours(
    source: Path, basis: str, timeout: float, window_timeout: float, folder: Path, out: Path, passes: str = "both"
) -> dict:
    command = [
        sys.executable, "-m", "cli", "improve", str(source), "--basis", basis, "--cpu-timeout", str(timeout),
        "--window-timeout", str(window_timeout), "--jobs", "1", "--passes", passes, "--json", "-o", str(out),
    ]
    text, cpu, rss = measured(command, folder)
    document = json.loads(text)
    return {
        "size": document["size"], "depth": document["depth"], "cpu": cpu, "rss": rss,
        "locally_minimal": document["locally_minimal"], "steps": len(document["trajectory"]),
    }


def resyn2(start: Path, rounds: int, folder: Path) -> tuple[dict, Path]:
    result = folder / f"resyn2x{rounds}.aig"
    script = f"read {start}; strash; " + "resyn2; " * rounds + f"print_stats; write_aiger {result}"
    text, cpu, rss = abc(script, folder)
    size, depth = abc_stats(text)
    return {"size": size, "depth": depth, "cpu": cpu, "rss": rss}, result


def run_case(
    name: str, circuit: Circuit, timeout: float, window_timeout: float, variants: Sequence[str], folder: Path
) -> dict:
    start_aig = folder / "start.aig"
    write_circuit_file(to_basis(circuit, "aig"), "aig", start_aig)
    start_b2 = folder / "start.blif"
    write_circuit_file(circuit, "blif", start_b2)
    aig_start = to_basis(circuit, "aig")
    row: dict = {"name": name, "inputs": circuit.inputs, "outputs": len(circuit.outputs)}
    row["aig_start"] = {"size": aig_start.size, "depth": aig_start.depth}
    checks = []
    for rounds, key in ((3, "resyn2x3"), (RESYN2_ROUNDS, "resyn2")):
        row[key], result = resyn2(start_aig, rounds, folder)
        checks.append((start_aig, result))

    deep = folder / "deepsyn.aig"
    script = f"read {start_aig}; &get -n; &deepsyn -T {int(timeout)}; &put; print_stats; write_aiger {deep}"
    text, cpu, rss = abc(script, folder)
    size, depth = abc_stats(text)
    row["deepsyn"] = {"size": size, "depth": depth, "cpu": cpu, "rss": rss}
    checks.append((start_aig, deep))

    for passes in ("both", "global", "windows"):
        if passes in variants:
            mine = folder / f"ours-{passes}.aig"
            row[f"ours_{passes}"] = ours(start_aig, "aig", timeout, window_timeout, folder, mine, passes)
            checks.append((start_aig, mine))
    if "b2" in variants:
        mine_b2 = folder / "ours.blif"
        row["ours_b2"] = ours(start_b2, "b2", timeout, window_timeout, folder, mine_b2)
        row["b2_start"] = {"size": circuit.size, "depth": circuit.depth}
        checks.append((start_b2, mine_b2))
    row["cec"] = all(abc_equivalent(reference, result, folder) for reference, result in checks)
    if not row["cec"]:
        raise RuntimeError(f"{name}: a result is not equivalent to its input")
    return row


def table(rows: list[dict], timeout: float) -> str:
    """One line per circuit: ABC's results, ours per variant that was run, and the ratios."""
    variants = [v for v in ("both", "global", "windows") if all(f"ours_{v}" in r for r in rows)]
    with_b2 = all("ours_b2" in r for r in rows)
    header = f"| circuit | n | AIG start | resyn2 ×3 | resyn2 ×{RESYN2_ROUNDS} | &deepsyn {int(timeout)} s |"
    header += "".join(f" improve {v} |" for v in variants)
    header += " ours / ABC best | CPU s deepsyn / ours | MB deepsyn / ours | locally minimal |"
    if with_b2:
        header += " b2 start | improve b2 |"
    lines = [header, "|" + "---|" * header.count(" |")]

    def sd(entry: dict) -> str:
        return f"{entry['size']} / {entry['depth']}"

    main = variants[0]
    for r in rows:
        best = min(r["resyn2"]["size"], r["deepsyn"]["size"])
        ours_main = r[f"ours_{main}"]
        line = (
            f"| {r['name']} | {r['inputs']} | {sd(r['aig_start'])} | {sd(r['resyn2x3'])} | {sd(r['resyn2'])} "
            f"| {sd(r['deepsyn'])} |"
        )
        line += "".join(f" {sd(r[f'ours_{v}'])} |" for v in variants)
        line += (
            f" {ours_main['size'] / best:.2f} | {r['deepsyn']['cpu']:.1f} / {ours_main['cpu']:.1f} "
            f"| {r['deepsyn']['rss']:.0f} / {ours_main['rss']:.0f} | {'yes' if ours_main['locally_minimal'] else 'no'} |"
        )
        if with_b2:
            line += f" {sd(r['b2_start'])} | {sd(r['ours_b2'])} |"
        lines.append(line)
    lines.append("")
    for v in variants:
        sizes = [(r[f"ours_{v}"]["size"], min(r["resyn2"]["size"], r["deepsyn"]["size"]), r["resyn2"]["size"]) for r in rows]
        wins = sum(1 for ours_size, best, _ in sizes if ours_size < best)
        ties = sum(1 for ours_size, best, _ in sizes if ours_size == best)
        within_resyn2 = sum(1 for ours_size, _, resyn in sizes if ours_size <= resyn)
        lines.append(
            f"improve {v}: smaller than ABC's best on {wins} of {len(rows)} circuits, equal on {ties}, larger on "
            f"{len(rows) - wins - ties}; at most resyn2 ×{RESYN2_ROUNDS} on {within_resyn2}."
        )
    lines.append("Sizes are size / depth; every result proven equivalent to its input by ABC's cec.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=20.0, help="Seconds per run for &deepsyn and improve.")
    parser.add_argument("--window-timeout", type=float, default=2.0, help="improve's seconds per window.")
    parser.add_argument("--only", default=None, help="Comma-separated circuit names.")
    parser.add_argument("--suite", choices=("main", "public"), default="main", help="Which circuits.")
    parser.add_argument(
        "--variants", default="both,global,windows,b2", help="improve runs per circuit (both, global, windows, b2)."
    )
    parser.add_argument("--json", dest="json_path", default=None, help="Write every measurement here.")
    parser.add_argument("--table-from", default=None, help="Only print the table of JSON files (comma-separated) written by --json.")
    args = parser.parse_args(argv)
    if args.table_from:  # files of several processes of this script, rows in suite order
        rows = [row for path in args.table_from.split(",") for row in json.loads(Path(path).read_text())]
        order = {name: k for k, name in enumerate([*CIRCUITS, *PUBLIC_CIRCUITS])}
        print(table(sorted(rows, key=lambda r: order.get(r["name"], len(order))), args.timeout))
        return
    if ABC is None:
        sys.exit("yosys-abc is not installed (Debian package yosys)")
    suite = CIRCUITS if args.suite == "main" else PUBLIC_CIRCUITS
    names = args.only.split(",") if args.only else list(suite)
    unknown = [n for n in names if n not in suite]
    if unknown:
        sys.exit(f"unknown circuits: {', '.join(unknown)}; choose from {', '.join(suite)}")
    variants = args.variants.split(",")
    rows = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            folder = Path(scratch) / name
            folder.mkdir()
            (folder / "abc.rc").write_text(ABC_RC)
            row = run_case(name, suite[name](), args.timeout, args.window_timeout, variants, folder)
            rows.append(row)
            if args.json_path:  # after every circuit, so a long run that is cut still leaves its rows
                Path(args.json_path).write_text(json.dumps(rows, indent=2))
            ours_sizes = ", ".join(f"{key[5:]} {row[key]['size']}" for key in row if key.startswith("ours_"))
            print(
                f"{name}: aig {row['aig_start']['size']} -> resyn2 {row['resyn2']['size']}, "
                f"deepsyn {row['deepsyn']['size']}, ours {ours_sizes}",
                file=sys.stderr,
                flush=True,
            )
    print(table(rows, args.timeout))
    print(f"\n{len(rows)} circuits in {time.perf_counter() - started:.0f} s wall")


if __name__ == "__main__":
    main()
