"""How `circuits bench` shows itself: live progress, the summary table and the plot.

Progress goes to stderr so that ``--json`` output on stdout stays one clean document: a rich bar
(done, timeouts, ETA) when stderr is a terminal, and plain lines at most once a second otherwise
(logs and CI keep a readable record instead of control codes).
"""

from __future__ import annotations

import io
import sys
import time
from typing import Any, TextIO

from circuits.bench.engine import JobOutcome

#: Seconds between plain progress lines.
PLAIN_INTERVAL = 1.0


class PlainProgress:
    """Progress as plain lines: ``npn4: 120/222 done, 0 timeouts, 12.3 s, ETA 9.8 s``."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.total = 0
        self.done = 0
        self.timeouts = 0
        self.started = self.last_line = time.perf_counter()

    def start(self, total: int) -> None:
        self.total = total
        self.started = self.last_line = time.perf_counter()

    def advance(self, outcome: JobOutcome) -> None:
        self.done += 1
        self.timeouts += bool(outcome.result.get("timed_out"))
        now = time.perf_counter()
        if self.done == self.total or now - self.last_line >= PLAIN_INTERVAL:
            self.last_line = now
            print(self.line(now), file=self.stream, flush=True)

    def line(self, now: float) -> str:
        elapsed = now - self.started
        text = f"{self.label}: {self.done}/{self.total} done, {self.timeouts} timeouts, {elapsed:.1f} s"
        if 0 < self.done < self.total:
            text += f", ETA {elapsed / self.done * (self.total - self.done):.1f} s"
        return text

    def close(self) -> None:
        """Nothing to tear down for plain lines (kept symmetric with the rich bar)."""


class RichProgress:
    """A live rich progress bar on stderr with done/total, timeouts, elapsed time and ETA."""

    def __init__(self, label: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.label = label
        self.timeouts = 0
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[timeouts]} timeouts"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self.task = self.progress.add_task(label, total=None, timeouts=0)

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)
        self.progress.start()

    def advance(self, outcome: JobOutcome) -> None:
        self.timeouts += bool(outcome.result.get("timed_out"))
        self.progress.update(self.task, advance=1, timeouts=self.timeouts)

    def close(self) -> None:
        self.progress.stop()


def make_progress(label: str) -> PlainProgress | RichProgress:
    """A rich bar when stderr is a terminal, plain lines otherwise."""
    return RichProgress(label) if sys.stderr.isatty() else PlainProgress(label)


def summary_text(doc: dict[str, Any]) -> str:
    """The human-readable summary: one row per value, then the totals and costs."""
    from rich.console import Console
    from rich.table import Table

    measure = "depth:size" if doc["objective"] == "frontier" else doc["objective"]
    asked = "size-depth frontier" if doc["objective"] == "frontier" else f"minimum {doc['objective']}"
    table = Table(title=f"{doc['suite']}: {asked} in {doc['basis']} ({doc['solver']})")
    for header in (measure, "classes" if doc["functions"] != doc["jobs"] else "jobs", "functions", "median s", "max s"):
        table.add_column(header, justify="right")
    for value, classes in doc["by_value"].items():
        times = doc["time_by_value"][value]
        table.add_row(
            value,
            str(classes),
            f"{doc['functions_by_value'][value]:,}",
            f"{times['median_seconds']:.3f}",
            f"{times['max_seconds']:.3f}",
        )
    buffer = io.StringIO()
    Console(file=buffer, width=100).print(table)
    lines = [buffer.getvalue().rstrip()]
    lines.append(
        f"{doc['done']}/{doc['jobs']} done ({doc['computed']} computed, {doc['reused']} reused from the store), "
        f"{doc['timeouts']} timeouts"
    )
    for entry in doc["unresolved"]:
        if "frontier" in entry:
            points = ", ".join(
                f"depth {p['depth']}: size {p['size']}" + ("" if p["optimal"] else f" (proven >= {p['lower_bound']})")
                for p in entry["frontier"]
            )
            lines.append(f"  timeout {entry['function']}: {points}")
        else:
            lines.append(f"  timeout {entry['function']}: best found {entry['best']}, proven >= {entry['lower_bound']}")
    if doc.get("certify"):
        lines.append(
            f"certified: {doc['certified']} of {doc['done']} results (every bound below re-proven on the plain "
            "encoding by a solver of another family; see each result's certificate)"
        )
    published = doc.get("published")
    if published is not None:
        verdict = "reproduced exactly" if published["matches"] else "NOT reproduced"
        lines.append(f"published distribution ({published['source']}): {verdict}")
    lines.append(
        f"CPU {doc['cpu_seconds']:.2f} s, wall {doc['wall_seconds']:.2f} s, "
        f"peak worker memory {doc['peak_rss_mb']:.1f} MB ({doc['executor']})"
    )
    return "\n".join(lines)


def write_plot(doc: dict[str, Any], path: str) -> None:
    """A PNG with two panels: seconds per job against its value, and classes/functions per value."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    values = list(doc["by_value"])
    axis = "frontier (depth:size pairs)" if doc["objective"] == "frontier" else f"minimum {doc['objective']}"
    position = {value: i for i, value in enumerate(values)}
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    points = [(position[str(r["value"])], r["seconds"]) for r in doc["results"] if str(r["value"]) in position]
    if points:
        left.scatter([p for p, _ in points], [max(s, 1e-4) for _, s in points], s=12, alpha=0.6)
    left.set_yscale("log")
    left.set_xticks(range(len(values)), values)
    left.set_xlabel(axis)
    left.set_ylabel("seconds per job (wall)")
    left.set_title(f"{doc['suite']}: time per job")
    right.bar([i - 0.2 for i in range(len(values))], list(doc["by_value"].values()), width=0.4, label="classes / jobs")
    twin = right.twinx()
    twin.bar(
        [i + 0.2 for i in range(len(values))],
        list(doc["functions_by_value"].values()),
        width=0.4,
        color="tab:orange",
        label="functions",
    )
    right.set_xticks(range(len(values)), values)
    right.set_xlabel(axis)
    right.set_ylabel("classes / jobs")
    twin.set_ylabel("functions")
    right.set_title("distribution")
    handles = right.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    right.legend(handles, [h.get_label() for h in handles], loc="upper left")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
