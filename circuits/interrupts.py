"""Ctrl-C and SIGTERM as one exception, so every command stops the same way.

A person stops a long run with Ctrl-C (SIGINT, sent by the terminal to the whole foreground process
group) and a supervisor with SIGTERM. Python turns only the first into an exception; the second
would end the process on the spot and leave its worker processes running. While a command runs,
``signals_raise`` makes both raise ``Interrupted`` in the main thread, which unwinds through the
code that owns worker processes (each kills its own) and the result store (nothing half-written is
committed), up to the CLI, which prints one line and exits 128 + the signal number (130, 143).

Worker processes never see the terminal's Ctrl-C (``circuits.lifetime`` blocks SIGINT in them):
their parent decides, and kills them. A worker that dies from a signal nobody in this process sent
is reported as ``Interrupted`` too, so its unfinished job can never be stored as a result.

python-sat's C solvers catch SIGINT themselves while they solve in the calling process and raise
their own error ("Caught keyboard interrupt"); ``interruption`` recognizes it as a SIGINT.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterator

#: The text python-sat's solvers raise when SIGINT arrives during a solve in this process.
SOLVER_INTERRUPT_TEXT = "Caught keyboard interrupt"


class Interrupted(KeyboardInterrupt):
    """The run was stopped by signal ``signum`` (to this process, or to one of its workers)."""

    def __init__(self, signum: int, detail: str = "") -> None:
        super().__init__(signum, detail)
        self.signum = signum
        self.detail = detail

    @property
    def exit_code(self) -> int:
        """The shell convention for a process ended by a signal: 128 + its number."""
        return 128 + self.signum

    @property
    def signal_name(self) -> str:
        return signal_name(self.signum)


def signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def interruption(err: BaseException) -> Interrupted | None:
    """The interruption ``err`` stands for, or None when it is an ordinary error."""
    if isinstance(err, Interrupted):
        return err
    if isinstance(err, KeyboardInterrupt):
        return Interrupted(signal.SIGINT)
    if type(err).__module__ == "pysolvers" and SOLVER_INTERRUPT_TEXT in str(err):
        return Interrupted(signal.SIGINT)
    return None


_received: int | None = None


def received_signal() -> int | None:
    """The signal ``signals_raise`` turned into an interrupt, for code that caught it as a plain
    KeyboardInterrupt and needs to know which it was (None: none arrived)."""
    return _received


@contextmanager
def signals_raise() -> Iterator[None]:
    """While inside, SIGINT and SIGTERM raise ``Interrupted`` in the main thread.

    Only the first signal raises: later ones are ignored, so a second Ctrl-C cannot break the
    cleanup the first one started (workers being killed, the store being closed). A signal this
    process was started with ignored stays ignored (a job started in the background by a shell, or
    under nohup, must not stop on the terminal's Ctrl-C). Outside the main thread, where Python
    cannot install handlers, this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    watched = [s for s in (signal.SIGINT, signal.SIGTERM) if signal.getsignal(s) is not signal.SIG_IGN]

    def raise_once(signum: int, frame: Any) -> None:
        global _received
        _received = signum
        for other in watched:
            signal.signal(other, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, raise_once) for signum in watched}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
