"""What every benchmark script reports: CPU seconds (this process, its finished children and its live
search worker), wall seconds and the peak resident memory of any single process."""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass

from sat_encoding.runner import search_worker_usage


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu, _ = search_worker_usage()
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + worker_cpu


def peak_rss_mb() -> float:
    """The largest resident set of this process, any finished child or the live search worker, in MB
    (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children, search_worker_usage()[1]) / 1024


@dataclass
class Stopwatch:
    """CPU and wall seconds since ``start()`` (CPU includes children that have finished)."""

    cpu0: float = 0.0
    wall0: float = 0.0

    def start(self) -> "Stopwatch":
        self.cpu0, self.wall0 = cpu_seconds(), time.perf_counter()
        return self

    def cpu(self) -> float:
        return cpu_seconds() - self.cpu0

    def wall(self) -> float:
        return time.perf_counter() - self.wall0
