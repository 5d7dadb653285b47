"""Worker processes that never outlive their parent and leave Ctrl-C to it.

Every process this tool starts to do work (the pool workers of `bench` and `study`, the search worker
that runs SAT solves) calls ``become_worker`` first thing. It

* blocks SIGINT: the terminal sends Ctrl-C to the whole process group, and a worker that reacted on
  its own would print its own traceback or report its killed job as a failed result; the parent
  handles the signal and kills its workers itself;
* restores SIGTERM's default action (a forked child inherits the parent's Python handler), so a
  worker told to terminate does;
* asks Linux to SIGKILL it when its parent dies (``PR_SET_PDEATHSIG``), which covers a parent killed
  with SIGKILL, the one signal no handler sees. The signal follows the death of the parent *thread*
  that started the worker, so workers are started from long-lived threads (the main thread, or a
  thread that owns its worker for good, see ``sat_encoding.runner``);
* starts a watchdog thread that exits the worker when its parent is gone, the fallback where
  ``prctl`` does not exist. It runs whenever the worker holds no lock on the interpreter, that is
  between SAT calls (python-sat keeps the interpreter lock while it solves).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

#: From <linux/prctl.h>.
PR_SET_PDEATHSIG = 1
#: How often the fallback watchdog looks for its parent, in seconds.
WATCHDOG_SECONDS = 0.5


def become_worker(parent_pid: int) -> None:
    """Set up the calling process as a worker of ``parent_pid`` (see the module docstring)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _kill_me_with_parent()
    if os.getppid() != parent_pid:  # the parent died before the request above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), name="parent-watchdog", daemon=True).start()


def _kill_me_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl in this C library: the watchdog alone
        return


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)
