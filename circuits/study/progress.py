"""Live progress of a study on stderr: which stage, which problem, how many jobs done of how many.

A rich bar per stage when stderr is a terminal; plain lines (at most one per second, plus each
stage's last) otherwise, so logs of long background runs stay readable. stdout is left alone for
``--json``.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

#: Seconds between plain progress lines.
PLAIN_INTERVAL = 1.0


class PlainStudyProgress:
    """``analysis: 120/300 (path4/b2), 40 reused, 12.3 s``."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.name = ""
        self.total = self.done = self.reused = 0
        self.started = self.last_line = time.perf_counter()

    def stage(self, name: str, total: int) -> None:
        self.name, self.total, self.done, self.reused = name, total, 0, 0
        self.started = self.last_line = time.perf_counter()
        if total == 0:
            print(f"{name}: nothing to do", file=self.stream, flush=True)

    def advance(self, label: str, reused: bool) -> None:
        self.done += 1
        self.reused += reused
        now = time.perf_counter()
        if self.done == self.total or now - self.last_line >= PLAIN_INTERVAL:
            self.last_line = now
            print(
                f"{self.name}: {self.done}/{self.total} ({label}), {self.reused} reused, {now - self.started:.1f} s",
                file=self.stream,
                flush=True,
            )

    def close(self) -> None:
        """Nothing to tear down (kept symmetric with the rich bar)."""


class RichStudyProgress:
    """One rich progress bar per stage, showing the problem whose job finished last."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("[bold]{task.description:<16}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[problem]}"),
            TextColumn("[dim]{task.fields[reused]} reused"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
        )
        self.task: Any = None
        self.reused = 0
        self.progress.start()

    def stage(self, name: str, total: int) -> None:
        if self.task is not None:
            self.progress.update(self.task, problem="done")
        self.reused = 0
        self.task = self.progress.add_task(name, total=total, problem="", reused=0)

    def advance(self, label: str, reused: bool) -> None:
        self.reused += reused
        self.progress.update(self.task, advance=1, problem=label, reused=self.reused)

    def close(self) -> None:
        self.progress.stop()


def make_progress() -> PlainStudyProgress | RichStudyProgress:
    """A rich display when stderr is a terminal, plain lines otherwise."""
    return RichStudyProgress() if sys.stderr.isatty() else PlainStudyProgress()
