"""Benchmarks: `python -m bench` (or `make bench`) prints a table of figures.

Each module listed in ``MODULES`` has a ``benchmarks()`` function returning ``Benchmark`` rows;
a later feature adds its module here. Figures are medians of several runs on this machine: they
are for comparing changes, not promises.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Callable

MODULES = ["bench.rules", "bench.projects", "bench.lint", "bench.cli", "bench.export", "bench.hostile", "bench.app", "bench.earlier"]


@dataclass(frozen=True)
class Benchmark:
    name: str
    run: Callable[[], object]
    repeat: int = 7
    goal_ms: float | None = None
    setup: Callable[[], object] | None = None  # made fresh before each run, untimed, and passed to run


def median_ms(benchmark: Benchmark) -> float:
    timings = []
    for _ in range(benchmark.repeat):
        prepared = benchmark.setup() if benchmark.setup else None
        start = time.perf_counter()
        benchmark.run() if prepared is None else benchmark.run(prepared)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)
