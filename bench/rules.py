"""Rule pack: loading cost, and how fast the command line answers."""

from __future__ import annotations

import subprocess
import sys

from shadowreport.rules import loader

from . import Benchmark


def _cold_load() -> None:
    loader._cache.clear()  # measure parsing and validation, not the cache
    loader.load_rules()


def _cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "shadowreport.cli", *args], check=True, capture_output=True)


def benchmarks() -> list[Benchmark]:
    return [
        Benchmark("rules: load and validate all 16 mechanisms (cold)", _cold_load, goal_ms=250),
        Benchmark("rules: load again, files unchanged (cached)", loader.load_rules, repeat=50, goal_ms=5),
        Benchmark("cli: shadowreport mechanisms list (new process)", lambda: _cli("mechanisms", "list"), repeat=5, goal_ms=1000),
    ]
