"""The `circuits` command line: parse, call the library, print. No computation lives here."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator

import click

from circuits.errors import CertificationError, InputError, clipped, plain_os_error
from circuits.interrupts import Interrupted, interruption, received_signal, signals_raise


HELP_OPTIONS = ["-h", "--help"]
#: When the command started (perf_counter): a --timeout counts from here, the command's own imports included.
STARTED = "circuits.started"
#: Where a command leaves the line an interrupt prints: what was kept and how to go on.
INTERRUPT_NOTE = "circuits.interrupt_note"
DEFAULT_NOTE = "this command stores nothing, so nothing was kept; run it again to start over"
SOLVE_NOTE = (
    "solve stores nothing, so nothing was kept; run it again "
    "(with --timeout S a cut search still reports its proven bounds)"
)


class CircuitsGroup(click.Group):
    """A click group that turns user errors into one line on stderr and exit code 2, and an
    interrupt (Ctrl-C, SIGTERM) into one line and exit code 128 + the signal number."""

    def invoke(self, ctx: click.Context) -> Any:
        ctx.meta[STARTED] = time.perf_counter()
        try:
            return super().invoke(ctx)
        except click.UsageError as err:  # a bad option or argument: one line too, not click's usage block
            hint = f" (see {err.ctx.command_path} --help)" if err.ctx is not None else ""
            click.echo(f"error: {clipped(err.format_message())}{hint}", err=True)
            ctx.exit(2)
        except (InputError, json.JSONDecodeError) as err:
            click.echo(f"error: {clipped(str(err))}", err=True)
            ctx.exit(2)
        except BrokenPipeError:  # the reader went away (`circuits ... | head`): nothing left to say
            sys.stdout = open(os.devnull, "w")
            ctx.exit(128 + signal.SIGPIPE)
        except OSError as err:
            click.echo(f"error: {plain_os_error(err)}", err=True)
            ctx.exit(2)
        except CertificationError as err:
            click.echo(f"error: certification failed: {err}", err=True)
            ctx.exit(3)
        except BaseException as err:
            stopped = interruption(err)
            if stopped is None:
                raise
            detail = f", {stopped.detail}" if stopped.detail else ""
            note = ctx.meta.get(INTERRUPT_NOTE, DEFAULT_NOTE)
            click.echo(f"interrupted ({stopped.signal_name}{detail}): {note}", err=True)
            ctx.exit(stopped.exit_code)


@contextmanager
def on_interrupt(note: Callable[[], str]) -> Iterator[None]:
    """Inside, an interrupt reports ``note()``, computed at once, while the command's store is open."""
    try:
        yield
    except BaseException as err:
        if interruption(err) is not None:
            click.get_current_context().meta[INTERRUPT_NOTE] = note()
        raise


def seconds_left(timeout: float | None) -> float | None:
    """What remains of a whole-command ``timeout`` since the command started (at least a moment,
    so that the last stage still reports what it has)."""
    if timeout is None:
        return None
    started = click.get_current_context().meta.get(STARTED, time.perf_counter())
    return max(0.05, timeout - (time.perf_counter() - started))


def print_json(document: Any) -> None:
    click.echo(json.dumps(document, indent=2))


def _seconds(text: str | None, option: str, zero_skips: bool = False) -> float | None:
    """Parse a time-limit option: a positive finite number of seconds (0 too where it means "skip")."""
    from sat_encoding.runner import check_timeout

    if text is None:
        return None
    try:
        value = float(text)
        return 0.0 if zero_skips and value == 0 else check_timeout(value, option)
    except (ValueError, InputError):
        rule = "0 (skip) or a positive finite number of seconds" if zero_skips else "a positive finite number of seconds"
        raise InputError(f"{option} must be {rule}, got {text!r}") from None


def timeout_option(
    help_text: str, default: str | None = None, zero_skips: bool = False, name: str | None = None
) -> Any:
    """A seconds option checked at parse time, so a bad limit is refused before any work starts."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
        return _seconds(value, param.opts[0], zero_skips)

    name = name or ("--sat-timeout" if zero_skips else "--timeout")
    return click.option(
        name, metavar="SECONDS", default=default, show_default=default is not None, callback=parse, help=help_text
    )


class LazyChoice(click.Choice):
    """A choice list computed when first needed (the solver names need python-sat imported)."""

    def __init__(self, compute: Callable[[], list[str]]) -> None:
        self._compute = compute
        self.case_sensitive = False

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        return self._compute()


def _solver_choices() -> list[str]:
    from sat_encoding.solvers import DEFAULT_SOLVER, solver_names

    return [DEFAULT_SOLVER] + solver_names()


#: One vocabulary for every command: the bases, the circuit formats read, the formats written.
BASES = ("b2", "aig", "xaig", "mono")
READ_FORMATS = ("json", "aag", "aig", "blif", "bench", "verilog")
WRITE_FORMATS = READ_FORMATS + ("ascii", "dot", "svg", "png")
REPORT_FORMATS = ("text", "json")


def basis_option(help_text: str, default: str | None = "b2") -> Any:
    return click.option(
        "--basis", type=click.Choice(BASES), default=default, show_default=default is not None, help=help_text
    )


def solver_option() -> Any:
    return click.option(
        "--solver", type=LazyChoice(_solver_choices), default=None,
        help="SAT solver [default: auto: minisat22 up to 4 inputs, cadical195 above; measured].",
    )


def from_option() -> Any:
    return click.option(
        "--from", "input_format", type=click.Choice(READ_FORMATS), default=None,
        help="Format of the circuit file when its extension does not say.",
    )


def report_format_option() -> Any:
    return click.option(
        "--format", "fmt", type=click.Choice(REPORT_FORMATS + WRITE_FORMATS), default="text", show_default=True,
        help="text or json: the report; any other: the circuit as that file or diagram (see docs/formats.md).",
    )


def input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The ways to give a function, shared by solve and improve (circuits.inputs reads them)."""
    for option in reversed(
        [
            click.option("--expr", "expressions", multiple=True, metavar="EXPRESSION",
                         help='A Boolean expression per output, e.g. "x0 & x1 | ~x2" (docs/cli.md: grammar).'),
            click.option("--inputs", type=int, default=None, help="Number of inputs (needed for n < 2 or leading zeros)."),
            click.option("--care", default=None, help="Care mask (hex or binary); 0 rows are don't-cares."),
        ]
    ):
        command = option(command)
    return command


def check_report_format(fmt: str, as_json: bool) -> None:
    """``--json`` prints the report as JSON; asking for a circuit file at the same time is a contradiction."""
    if as_json and fmt not in REPORT_FORMATS:
        raise InputError(f"--json prints the report as JSON; it cannot be combined with --format {fmt} (drop one)")


@click.group(cls=CircuitsGroup, context_settings={"help_option_names": HELP_OPTIONS})
@click.version_option(package_name="circuits")
def cli() -> None:
    """Provably minimal Boolean circuits by SAT, and how search-like they are."""


@cli.command()
@click.argument("tables", nargs=-1)
@input_options
@basis_option("Cost model.")
@click.option(
    "--objective",
    type=click.Choice(["size", "depth", "frontier"]),
    default="size",
    show_default=True,
    help="What to minimize.",
)
@click.option("--all", "all_optimal", is_flag=True, help="List every optimal circuit up to isomorphism.")
@click.option("--limit", type=int, default=1000, show_default=True, help="Cap for --all.")
@click.option("--size", "size", type=int, default=None, help="With --all or --count: the circuits of exactly this many gates, not the optima.")
@click.option("--count", is_flag=True, help="Count the circuits up to isomorphism (the optima, or those of --size gates) without listing them.")
@click.option("--engine", type=click.Choice(["auto", "ssv", "topology"]), default="auto", show_default=True, help="SSV encoding or topology families (shape by shape); auto picks by measurement (SSV so far).")
@solver_option()
@timeout_option("Seconds for the whole command (start, search, listing, certification); a cut search reports proven bounds. Default: no limit.")
@click.option("--jobs", "workers", type=int, default=None, help="Solve hard questions in parallel parts on N worker processes.")
@click.option("--scheduler", default=None, help="Solve the parts on Dask: tcp://HOST:PORT, or 'local' for a LocalCluster.")
@report_format_option()
@click.option("-o", "--output", "output_path", type=click.Path(dir_okay=False), default=None, help="Write here (- for standard output).")
@click.option("--certify", is_flag=True, help="Refute every smaller size again independently (plain encoding, another solver, DRUP proofs).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None, help="Keep proven bounds in this result database and start from those kept there.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document (the same as --format json).")
@click.option("-q", "--quiet", is_flag=True, help="No progress line and no notes on standard error.")
def solve(
    tables: tuple[str, ...],
    expressions: tuple[str, ...],
    inputs: int | None,
    care: str | None,
    basis: str,
    objective: str,
    all_optimal: bool,
    limit: int,
    size: int | None,
    count: bool,
    engine: str,
    solver: str | None,
    timeout: float | None,
    workers: int | None,
    scheduler: str | None,
    fmt: str,
    output_path: str | None,
    certify: bool,
    db_path: str | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Find a provably minimal circuit for a function.

    TABLES are truth tables (one per output), - to read functions from standard input (one per
    line, its tables separated by spaces), or one file: a PLA file (.pla) or a circuit in any format
    `draw` reads, whose function is solved. --expr gives the function as expressions instead.
    """
    from circuits.bench.bound_store import bounds_kept_in
    from circuits.bench.engine import ExecutorSpec, optional_parts_solver
    from circuits.formats import output_destination, write_circuit_file
    from circuits.inputs import read_functions
    from sat_encoding.progress import SolveProgress
    from sat_encoding.report import solve_document, solve_text
    from circuits.pipeline import solve_function
    from circuits.output_paths import check_output_file
    from sat_encoding.runner import command_deadline, listening

    check_report_format(fmt, as_json)
    destination = output_destination(fmt, output_path)
    check_output_file(db_path, "--db")
    if tables == ("-",) and sys.stdin.isatty():
        click.echo("reading functions from the terminal, one per line; end with Ctrl-D", err=True)
    functions = read_functions(tables, expressions, inputs, care, sys.stdin)
    if len(functions) > 1 and fmt not in REPORT_FORMATS:
        raise InputError(f"--format {fmt} writes one circuit; standard input gave {len(functions)} functions")
    on_terminal = not quiet and not as_json and fmt == "text" and sys.stderr.isatty()
    if on_terminal and timeout is None:
        click.echo("note: no time limit; --timeout SECONDS bounds the whole command, Ctrl-C stops it", err=True)
    split = workers is not None or scheduler is not None
    outcomes = []
    with (
        command_deadline(timeout, click.get_current_context().meta.get(STARTED)),
        on_interrupt(lambda: SOLVE_NOTE),
        bounds_kept_in(db_path),
        optional_parts_solver(ExecutorSpec(workers, scheduler), split) as parts,
    ):
        for function in functions:
            progress = SolveProgress(sys.stderr) if on_terminal else None
            try:
                with listening(progress):
                    outcomes.append(
                        solve_function(
                            function.table, basis, objective, timeout,
                            all_optimal=all_optimal, limit=limit, solver=solver, certify=certify, parts=parts,
                            engine=engine, size=size, count=count,
                        )
                    )
            finally:
                if progress is not None:
                    progress.close()
    if fmt not in REPORT_FORMATS:
        written = write_circuit_file(outcomes[0].primary_circuit(), fmt, destination)
        if written:
            click.echo(f"wrote {written}")
        return
    if as_json or fmt == "json":
        documents = [solve_document(outcome) for outcome in outcomes]
        text = json.dumps(documents[0] if len(documents) == 1 else documents, indent=2)
    else:
        text = "\n\n".join(solve_text(outcome) for outcome in outcomes)
    if destination:
        with open(destination, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        click.echo(f"wrote {destination}")
    else:
        click.echo(text)


@cli.command()
@click.argument("suite", required=False)
@click.option(
    "--objective",
    type=click.Choice(["size", "depth", "frontier"]),
    default="size",
    show_default=True,
    help="What each job minimizes.",
)
@basis_option("Cost model.")
@solver_option()
@timeout_option("Seconds per job; a cut job keeps its proven bounds.")
@click.option("--jobs", "workers", type=int, default=None, help="Worker processes (default: number of cores).")
@click.option("--scheduler", default=None, help="Dask scheduler tcp://HOST:PORT, or 'local' for a LocalCluster.")
@click.option("--db", "db_path", type=click.Path(), default=None, help="Result database (default: user cache dir).")
@click.option("--resume", is_flag=True, help="Skip jobs whose results are already in the database.")
@click.option("--certify", is_flag=True, help="Certify every result's bounds (see solve --certify); stored as another job.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), default=None, help="Write a PNG plot here.")
@click.option("--export", "export_format", type=click.Choice(["csv"]), default=None, help="Export stored results.")
@click.option("-o", "--output", "output_path", type=click.Path(dir_okay=False), default=None, help="File for --export.")
def bench(
    suite: str | None,
    objective: str,
    basis: str,
    solver: str | None,
    timeout: float | None,
    workers: int | None,
    scheduler: str | None,
    db_path: str | None,
    resume: bool,
    certify: bool,
    as_json: bool,
    plot_path: str | None,
    export_format: str | None,
    output_path: str | None,
) -> None:
    """Synthesize every function of SUITE in parallel and summarize (or --export stored results).

    SUITE is npn3, npn4 (npn1..npn4: NPN classes weighted by class size), all3, all4 (all1..all4:
    every function, one job each), problems, random:COUNT:INPUTS:SEED or file:PATH (one function per line, hex tables separated by spaces).
    """
    from circuits.bench.engine import ExecutorSpec
    from circuits.bench.synthesis import SYNTHESIS_KIND, BenchConfig, export_csv, run_bench, suite_job_keys
    from circuits.bench.report import make_progress, summary_text, write_plot
    from circuits.bench.suites import SUITE_HELP, load_suite
    from circuits.bench.store import ResultStore

    from circuits.output_paths import check_output_file

    for path, option in ((plot_path, "--plot"), (output_path, "-o"), (db_path, "--db")):
        check_output_file(path, option)
    config = BenchConfig(objective, basis, solver, timeout, certify)
    loaded = load_suite(suite) if suite is not None else None
    if loaded is None and export_format is None:
        raise InputError(f"bench needs a SUITE: {SUITE_HELP}")
    with ResultStore(db_path) as store:
        if export_format is not None:
            keys = None if loaded is None else suite_job_keys(loaded, config)
            if output_path is None:
                export_csv(store, sys.stdout, keys)
                return
            with open(output_path, "w", encoding="utf-8", newline="") as handle:
                rows = export_csv(store, handle, keys)
            if as_json:
                print_json({"export": export_format, "rows": rows, "output": output_path})
            else:
                click.echo(f"wrote {rows} results to {output_path}")
            return
        assert loaded is not None
        progress = make_progress(loaded.name)
        keys = set(suite_job_keys(loaded, config))

        def kept() -> str:
            finished = sum(store.get(key, kind=SYNTHESIS_KIND) is not None for key in keys)
            return (
                f"{finished} of {len(keys)} jobs are finished and kept in {store.path}; "
                "run the same command with --resume to continue"
            )

        with on_interrupt(kept):
            try:
                document = run_bench(
                    loaded, config, store, ExecutorSpec(workers, scheduler), resume=resume, progress=progress
                )
            finally:
                progress.close()
    document["db"] = str(store.path)
    if plot_path:
        write_plot(document, plot_path)
        document["plot"] = plot_path
    if as_json:
        print_json(document)
    else:
        click.echo(summary_text(document))
        if plot_path:
            click.echo(f"wrote {plot_path}")


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(WRITE_FORMATS),
    default=None,
    help="Output format: a diagram or a circuit file [default: from -o's extension, else ascii].",
)
@from_option()
@click.option("-o", "--output", "output_path", type=click.Path(dir_okay=False), default=None, help="Write here (- for standard output).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def draw(file: str, fmt: str | None, input_format: str | None, output_path: str | None, as_json: bool) -> None:
    """Draw the circuit in FILE (.json .aag .aig .blif .bench .v) as ASCII, DOT, SVG or PNG, or
    convert it to another circuit format (json, aag, aig, blif, bench, verilog)."""
    from circuits.formats import (
        STDOUT,
        format_from_path,
        output_destination,
        read_circuit_file,
        write_circuit,
        write_circuit_file,
    )
    from circuits.formats.declared import check_declared

    if fmt is None:
        fmt = format_from_path(output_path, WRITE_FORMATS) if output_path not in (None, STDOUT) else "ascii"
    if not as_json:
        output_path = output_destination(fmt, output_path)
    circuit = read_circuit_file(file, input_format)
    warning = check_declared(file, circuit, input_format)
    if warning:
        click.echo(f"warning: {file}: {warning}", err=True)
    title = os.path.basename(file)
    if not as_json:
        written = write_circuit_file(circuit, fmt, output_path, title=title, warning=warning)
        if written:
            click.echo(f"wrote {written}")
        return
    document: dict[str, Any] = {
        "file": file,
        "format": fmt,
        "inputs": circuit.inputs,
        "outputs": len(circuit.outputs),
        "basis": circuit.basis,
        "size": circuit.size,
        "depth": circuit.depth,
        "declared_mismatch": warning,
        "written": None,
        "diagram": None,
    }
    if output_path not in (None, STDOUT):
        document["written"] = write_circuit_file(circuit, fmt, output_path, title=title, warning=warning)
    elif fmt == "png":
        raise InputError("--json with --format png needs -o FILE (a PNG does not fit in JSON)")
    else:
        document["diagram"] = write_circuit(circuit, fmt, title=title, warning=warning)
    print_json(document)


@cli.command()
@click.argument("target", nargs=-1)
@input_options
@click.option("--objective", type=click.Choice(["size", "depth"]), default="size", show_default=True, help="What to lower.")
@basis_option("Cost model [default: the circuit's own; b2 for a function].", default=None)
@click.option("--window-inputs", type=int, default=6, show_default=True, help="Most leaves of a window (K).")
@click.option("--window-gates", type=int, default=8, show_default=True, help="Most gates of a window (G).")
@timeout_option("Seconds for the whole run; the last verified circuit is kept.")
@timeout_option("CPU seconds for the whole run (this process and its workers).", name="--cpu-timeout")
@timeout_option("CPU seconds per window re-synthesis.", "5", name="--window-timeout")
@click.option("--jobs", type=int, default=1, show_default=True, help="Worker processes re-synthesizing windows in parallel.")
@from_option()
@report_format_option()
@click.option(
    "--passes", type=click.Choice(["both", "global", "windows"]), default="both", show_default=True,
    help="Global restructuring (mockturtle), exact windows, or both.",
)
@click.option("--global-budget", type=float, default=2.0, show_default=True, help="CPU seconds of restarts per global pass.")
@click.option("--max-size-increase", type=int, default=0, show_default=True, help="Gates the depth objective may add.")
@click.option(
    "-o", "--output", "output_path", type=click.Path(dir_okay=False), default=None,
    help="Write the improved circuit here (format from --format, else from the extension; - for standard output).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document (final circuit, claim, trajectory).")
def improve(
    target: tuple[str, ...],
    expressions: tuple[str, ...],
    inputs: int | None,
    care: str | None,
    objective: str,
    basis: str | None,
    window_inputs: int,
    window_gates: int,
    timeout: float | None,
    cpu_timeout: float | None,
    window_timeout: float,
    jobs: int,
    passes: str,
    global_budget: float,
    max_size_increase: int,
    input_format: str | None,
    fmt: str,
    output_path: str | None,
    as_json: bool,
) -> None:
    """Make a circuit smaller or shallower by exact re-synthesis of its windows, to a local minimum.

    TARGET is a circuit file in any format `draw` reads, or a function as solve takes it (truth
    tables, -, a PLA file, --expr) to start from the project's heuristic circuit.
    """
    from circuits.formats import STDOUT, format_from_path, output_destination, read_circuit_file, write_circuit_file
    from circuits.improve import improve_circuit, starting_circuit
    from circuits.improve.report import improve_text
    from circuits.inputs import is_function_file, read_functions

    check_report_format(fmt, as_json)
    # --format text with -o FILE: the circuit goes to FILE in the format its extension names (json
    # is then the circuit's JSON) and the report is printed; --format json: the report's document.
    circuit_format: str | None = None if fmt in REPORT_FORMATS else fmt
    if fmt == "text" and output_path not in (None, STDOUT):
        circuit_format = format_from_path(output_path, WRITE_FORMATS)
    destination = output_destination(circuit_format or fmt, output_path)
    circuit_file = len(target) == 1 and (input_format is not None or (is_function_file(target[0]) and not target[0].lower().endswith(".pla")))
    if circuit_file and not expressions:
        circuit = read_circuit_file(target[0], input_format)
        source = target[0]
    else:
        functions = read_functions(target, expressions, inputs, care, sys.stdin)
        if len(functions) > 1:
            raise InputError(f"improve works on one function; standard input gave {len(functions)}")
        circuit = starting_circuit(functions[0].table, basis or "b2")
        source = f"{functions[0].label} (heuristic start)"
    result = improve_circuit(
        circuit,
        objective=objective,
        basis=basis,
        window_inputs=window_inputs,
        window_gates=window_gates,
        timeout=seconds_left(timeout),
        cpu_timeout=cpu_timeout,
        window_timeout=window_timeout,
        jobs=jobs,
        passes=passes,
        global_budget=global_budget,
        max_size_increase=max_size_increase,
    )
    written = None
    if circuit_format is not None:
        written = write_circuit_file(result.circuit, circuit_format, destination)
    if as_json or fmt == "json":
        document = result.to_dict()
        document["source"] = source
        document["written"] = written
        if fmt == "json" and destination:
            with open(destination, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(document, indent=2) + "\n")
            written = destination
        else:
            print_json(document)
    else:
        click.echo(improve_text(result, source))
    if written and not as_json:
        click.echo(f"wrote {written}")
    if result.stop == "interrupted":
        stopped = result.interrupt or Interrupted(received_signal() or signal.SIGINT)
        kept = f"written to {written}" if written else "reported above"
        click.echo(
            f"interrupted ({stopped.signal_name}): the last verified circuit is kept, {kept}; "
            "run improve on it to go on",
            err=True,
        )
        click.get_current_context().exit(stopped.exit_code)


@cli.group(invoke_without_command=True)
@click.pass_context
def problems(ctx: click.Context) -> None:
    """The search-problem suite: `problems list`, `problems show NAME`, `problems export NAME` (no subcommand: list)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(problems_list, as_json=False)


@problems.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def problems_list(as_json: bool) -> None:
    """Every built-in problem with its reference-circuit sizes and flags (no SAT, fast)."""
    from circuits.problems.report import list_entry, list_text
    from circuits.problems.suite import all_problems

    entries = [list_entry(problem) for problem in all_problems()]
    if as_json:
        print_json(entries)
    else:
        click.echo(list_text(entries))


@problems.command("show")
@click.argument("name", required=False)
@click.option("--problem-file", type=click.Path(dir_okay=False), default=None, help="A problem JSON file instead of a name.")
@timeout_option("Seconds per SAT call for s_min and the witness size; 0 skips them (reported as pending).", "5", zero_skips=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def problems_show(name: str | None, problem_file: str | None, sat_timeout: float, as_json: bool) -> None:
    """Definition, candidates, verifiers, reference circuits and validity checks of one problem."""
    from circuits.problems.report import show_document, show_text
    from circuits.problems.suite import resolve_problem
    from circuits.problems.validity import check_problem

    problem = resolve_problem(name, problem_file)
    validity = check_problem(problem, sat_timeout=sat_timeout or None)
    if as_json:
        print_json(show_document(problem, validity))
    else:
        click.echo(show_text(problem, validity))


@problems.command("export")
@click.argument("name")
@click.option("-o", "--output", "output_path", type=click.Path(dir_okay=False), default=None, help="Write here (default: standard output).")
def problems_export(name: str, output_path: str | None) -> None:
    """Write a built-in problem as a problem file: everything it declares, circuits included."""
    from circuits.problems.model import save_problem
    from circuits.problems.suite import get_problem

    problem = get_problem(name)
    if output_path is None:
        print_json(problem.to_dict())
    else:
        save_problem(problem, output_path)
        click.echo(f"wrote {output_path}")


@cli.command()
@click.argument("circuit_files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--problem", "problem_name", default=None, help="A built-in problem (see `circuits problems list`).")
@click.option("--problem-file", type=click.Path(dir_okay=False), default=None, help="A problem JSON file.")
@click.option("--decoys", type=int, default=200, show_default=True, help="Decoy formulations per circuit (null N2); at 200 or more, every decoy where n <= 6, else this many under each of 3 seeds.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the decoy draw.")
@click.option("--rt", "with_rt", is_flag=True, help="Also compute retargetability RT (SAT, up to 20 s per goal).")
@click.option(
    "--objective/--no-objective", default=True, show_default=True,
    help="Compute the objective axis O on goal-as-input problems (exact, by simulation).",
)
@timeout_option("Seconds for s_min (degenerate flag); 0 skips it.", "5", zero_skips=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def analyze(
    circuit_files: tuple[str, ...],
    problem_name: str | None,
    problem_file: str | None,
    decoys: int,
    seed: int,
    with_rt: bool,
    objective: bool,
    sat_timeout: float,
    as_json: bool,
) -> None:
    """Score circuits (default: the problem's reference circuits) for search-likeness."""
    from circuits.analysis import analyze_problem
    from circuits.analysis.render import print_report
    from circuits.formats import read_circuit_file
    from circuits.formats.declared import check_declared
    from circuits.problems.suite import resolve_problem

    if decoys < 0:
        raise InputError("--decoys must be at least 0")
    problem = resolve_problem(problem_name, problem_file)
    circuits = {path: read_circuit_file(path) for path in circuit_files} or None
    for path, circuit in (circuits or {}).items():
        warning = check_declared(path, circuit)
        if warning:
            click.echo(f"warning: {path}: {warning}; scored as it is", err=True)
    result = analyze_problem(
        problem, circuits, decoys=decoys, seed=seed, retarget=with_rt,
        objective=objective and bool(problem.goal_inputs), sat_timeout=sat_timeout or None,
    )
    if as_json:
        print_json(result.to_dict())
    else:
        print_report(result)


@cli.command()
@click.option("--problems", "names", default=None, help="Comma-separated problem names (default: the whole suite).")
@click.option(
    "--problem-file", "problem_files", multiple=True, type=click.Path(dir_okay=False), help="Add a problem JSON file (repeatable)."
)
@click.option("--basis", "bases", default=None, help="Comma-separated bases [default: b2,aig,mono; mono only where monotone].")
@click.option("--quick", is_flag=True, help="The quick subset of problems with short time limits (a few minutes on 2 cores).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="study-out", show_default=True, help="Report folder.")
@click.option("--jobs", "workers", type=int, default=None, help="Worker processes (default: number of cores).")
@click.option("--scheduler", default=None, help="Dask scheduler tcp://HOST:PORT, or 'local' for a LocalCluster.")
@timeout_option("Seconds per synthesis or enumeration job [default: 120, quick 150].")
@click.option("--limit", type=int, default=1000, show_default=True, help="Cap on the optimal circuits enumerated per optimum.")
@click.option("--decoys", type=int, default=200, show_default=True, help="Decoy formulations per circuit (null N2); at 200 or more, every decoy where n <= 6, else this many under each of 3 seeds.")
@click.option("--db", "db_path", type=click.Path(), default=None, help="Result database (default: user cache dir).")
@click.option("--certify", is_flag=True, help="Certify every synthesis bound (see solve --certify).")
@click.option(
    "--no-local", is_flag=True,
    help="Leave out the locally-minimal tier (improving and scoring the references of pairs a cut optimum left unresolved).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def study(
    names: str | None,
    problem_files: tuple[str, ...],
    bases: str | None,
    quick: bool,
    out_dir: str,
    workers: int | None,
    scheduler: str | None,
    timeout: float | None,
    limit: int,
    decoys: int,
    db_path: str | None,
    certify: bool,
    no_local: bool,
    as_json: bool,
) -> None:
    """Run the conjecture study: are minimal circuits of search problems search-like?

    Synthesizes every minimal circuit of each problem, scores them, applies the pre-registered
    verdict rule, prints the summary table and writes OUT/report.html and OUT/study.json.
    """
    from rich.console import Console

    from circuits.bench.engine import ExecutorSpec
    from circuits.bench.store import ResultStore
    from circuits.study import StudyConfig, parse_bases, run_study, select_problems
    from circuits.study.config import DEFAULT_TIMEOUT, QUICK_BASES, QUICK_SHARES, QUICK_TIMEOUT, command_text
    from circuits.study.progress import make_progress
    from circuits.study.report import write_report
    from circuits.study.summary import footer_lines, local_table, share_table, study_document, summary_table

    from circuits.output_paths import check_output_file, check_output_folder

    check_output_folder(out_dir, "--out")
    check_output_file(db_path, "--db")
    problems = select_problems(names, problem_files, quick)
    limit_seconds = timeout if timeout is not None else (QUICK_TIMEOUT if quick else DEFAULT_TIMEOUT)
    per_problem = QUICK_BASES if quick and bases is None else ()
    config = StudyConfig(
        bases=parse_bases(bases),
        timeout=limit_seconds,
        limit=limit,
        decoys=decoys,
        problem_bases=per_problem,
        certify=certify,
        local=not no_local,
        **(QUICK_SHARES if quick else {}),
    ).checked()
    executor = ExecutorSpec(workers, scheduler)
    with ResultStore(db_path) as store:
        progress = make_progress()
        note = (
            f"every job finished before the interrupt is kept in {store.path}; run the same command again "
            "to resume (finished jobs are read back, not recomputed)"
        )
        with on_interrupt(lambda: note):
            try:
                run = run_study(problems, config, store, executor, progress)
            finally:
                progress.close()
    command = command_text(names, problem_files, bases, quick, timeout, out_dir, not no_local)
    report, data = write_report(run, out_dir, command)
    if as_json:
        print_json(study_document(run, str(report), str(data)))
        return
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(summary_table(run))
    console.print(share_table(run))
    local = local_table(run)
    if local is not None:
        console.print(local)
    for line in footer_lines(run, str(report)):
        console.print(line, highlight=False)


def _help_options_everywhere(command: click.Command) -> None:
    """``-h`` beside ``--help`` on every command, set on each one: click caches a command's help
    option the first time it is built, so a context made without the group's settings (a script
    calling ``make_context`` on a subcommand) would otherwise leave ``-h`` unknown for good."""
    command.context_settings.setdefault("help_option_names", HELP_OPTIONS)
    for sub in getattr(command, "commands", {}).values():
        _help_options_everywhere(sub)


_help_options_everywhere(cli)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: Ctrl-C and SIGTERM raise an interrupt that the group reports (see above)."""
    with signals_raise():
        cli.main(args=argv, prog_name="circuits")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
