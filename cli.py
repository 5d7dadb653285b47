"""The `circuits` command line: parse, call the library, print. No computation lives here."""

from __future__ import annotations

import json
import sys
from typing import Any, Callable

import click

from circuits.errors import InputError


class CircuitsGroup(click.Group):
    """A click group that turns user errors into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as err:
            click.echo(f"error: {err}", err=True)
            ctx.exit(2)
        except (OSError, json.JSONDecodeError) as err:
            click.echo(f"error: {err}", err=True)
            ctx.exit(2)


def print_json(document: Any) -> None:
    click.echo(json.dumps(document, indent=2))


@click.group(cls=CircuitsGroup)
@click.version_option(package_name="circuits")
def cli() -> None:
    """Provably minimal Boolean circuits by SAT, and how search-like they are."""


@cli.command()
@click.argument("tables", nargs=-1)
@click.option("--inputs", type=int, default=None, help="Number of inputs (needed for n < 2 or leading zeros).")
@click.option("--care", default=None, help="Care mask (hex or binary); 0 rows are don't-cares.")
@click.option("--basis", default="b2", show_default=True, help="Cost model: b2, aig, xaig or mono.")
@click.option(
    "--objective",
    type=click.Choice(["size", "depth", "frontier"]),
    default="size",
    show_default=True,
    help="What to minimize.",
)
@click.option("--all", "all_optimal", is_flag=True, help="List every optimal circuit up to isomorphism.")
@click.option("--limit", type=int, default=1000, show_default=True, help="Cap for --all.")
@click.option("--solver", default=None, help="SAT solver (python-sat name); default chosen by measurement.")
@click.option("--timeout", type=float, default=None, help="Seconds; a cut search reports proven bounds.")
@click.option("--format", "fmt", default="text", show_default=True, help="text, json, dot, svg, aag, aig, blif, bench, verilog.")
@click.option("-o", "--output", "output_path", type=click.Path(dir_okay=False), default=None, help="Write here.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def solve(
    tables: tuple[str, ...],
    inputs: int | None,
    care: str | None,
    basis: str,
    objective: str,
    all_optimal: bool,
    limit: int,
    solver: str | None,
    timeout: float | None,
    fmt: str,
    output_path: str | None,
    as_json: bool,
) -> None:
    """Find a provably minimal circuit for the truth table(s) TABLES (one per output)."""
    from circuits.report_text import solve_document, solve_text
    from circuits.truthtable import parse_truth_tables
    from sat_encoding import solve_spec

    spec = parse_truth_tables(tables, inputs=inputs, care=care)
    outcome = solve_spec(
        spec,
        basis=basis,
        objective=objective,
        all_optimal=all_optimal,
        limit=limit,
        solver=solver,
        timeout=timeout,
    )
    if fmt not in ("text", "json"):
        from circuits.formats import write_circuit_file

        write_circuit_file(outcome.primary_circuit(), fmt, output_path)
        if output_path:
            click.echo(f"wrote {output_path}")
        return
    if as_json or fmt == "json":
        text = json.dumps(solve_document(outcome), indent=2)
    else:
        text = solve_text(outcome)
    if output_path:
        with open(output_path, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        click.echo(f"wrote {output_path}")
    else:
        click.echo(text)


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    cli.main(args=argv, prog_name="circuits")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
