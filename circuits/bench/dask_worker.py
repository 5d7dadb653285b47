"""Dask preload for the worker processes of a LocalCluster that the batch engine starts.

The terminal sends Ctrl-C to every process of the foreground group, Dask's worker processes too.
Left alone, each would begin its own shutdown and log about the tasks it loses; the parent process
handles the interrupt instead and kills them (engine.open_executor). Their SAT work runs in search
workers that block SIGINT themselves (circuits.lifetime).
"""

from __future__ import annotations

import signal
from typing import Any


def dask_setup(worker: Any) -> None:
    """Called by Dask in each worker process as it starts (in its main thread)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
