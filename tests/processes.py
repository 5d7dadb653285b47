"""Running the CLI as a terminal would, and watching its processes through /proc (no shared code
with the tool's own process handling)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (state first), or None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return text[text.rindex(")") + 2 :].split()


def running(pid: int) -> bool:
    """Alive and not a zombie (a dead process its new parent has not reaped yet)."""
    fields = _stat(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def _running_where(field: int, value: int) -> set[int]:
    """Every running process whose stat field ``field`` (1: parent, 2: process group) is ``value``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and int(fields[field]) == value and fields[0] not in ("Z", "X"):
                found.add(int(entry.name))
    return found


def group_members(pgid: int) -> set[int]:
    return _running_where(2, pgid)


def children_of(pid: int) -> set[int]:
    return _running_where(1, pid)


def still_running(pids: set[int], within: float) -> set[int]:
    """The processes among ``pids`` still running after waiting up to ``within`` seconds."""
    deadline = time.monotonic() + within
    left = {p for p in pids if running(p)}
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = {p for p in left if running(p)}
    return left


def pipe_holders(pipe: object) -> dict[int, str]:
    """pid → command line of every other process that holds ``pipe`` (one of our ends) open: the
    processes that keep a stopped command's output from ending, whatever their group."""
    target = os.readlink(f"/proc/self/fd/{pipe.fileno()}")  # type: ignore[attr-defined]
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if any(os.readlink(fd) == target for fd in (entry / "fd").iterdir()):
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
                found[int(entry.name)] = command.decode(errors="replace")[:160]
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


@dataclass
class Stopped:
    returncode: int
    stdout: str
    stderr: str
    seconds: float  # from the signal to the exit
    group: set[int]  # the processes of its group when the signal was sent


class Terminal:
    """``circuits ARGS`` in its own process group, with SIGINT handled as in an interactive shell."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cli", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
            cwd=Path(__file__).resolve().parent.parent,
        )
        self.pid = self.process.pid

    def wait_for_processes(self, count: int, within: float = 60.0, settle: float = 0.5) -> set[int]:
        """Wait until the group has ``count`` processes (its workers are at work), then ``settle``."""
        deadline = time.monotonic() + within
        while len(group_members(self.pid)) < count:
            assert self.process.poll() is None, f"ended early: {self.process.communicate()}"
            assert time.monotonic() < deadline, f"never reached {count} processes"
            time.sleep(0.05)
        time.sleep(settle)
        return group_members(self.pid)

    def stop(self, signum: int, whole_group: bool = True) -> Stopped:
        """Send ``signum`` to the whole group (as a terminal's Ctrl-C does) or to the process alone."""
        group = group_members(self.pid)
        sent = time.monotonic()
        if whole_group:
            os.killpg(self.pid, signum)
        else:
            os.kill(self.pid, signum)
        try:
            out, err = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            holders = pipe_holders(self.process.stderr)
            raise AssertionError(f"60 s after the signal, its output is still held open by {holders}") from None
        return Stopped(self.process.returncode, out, err, time.monotonic() - sent, group)

    def __enter__(self) -> "Terminal":
        return self

    def __exit__(self, *exc: object) -> None:
        """Whatever a failed test left behind (the tests check first that nothing is left)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
