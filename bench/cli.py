"""The command line as a whole process: `shadowreport lint` against `proselint check` on the same
3,100-word Markdown draft, each run as its own process (interpreter start, imports, rules, checks).

`python -m bench.cli` prints both medians and the ratio; `python -m bench` shows the same figure as a
row whose goal is proselint's own median. proselint comes with `pip install -e ".[bench]"`.
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import Benchmark
from .lint import draft_markdown

RUNS = 5
WORDS = 3_100


def _command(script: str, *args: str) -> list[str] | None:
    """The installed console script beside this interpreter, as a user would type it."""
    found = Path(sys.executable).with_name(script)
    if not found.exists():
        found = shutil.which(script)
        if found is None:
            return None
    return [str(found), *args]


def _environment() -> dict[str, str]:
    # As on a user's machine: Python may cache compiled bytecode (some shells and CI turn that off,
    # which would time compiling our own sources at every run rather than the tool).
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def _once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_environment(), check=False)
    return (time.perf_counter() - start) * 1000


def _draft() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="shadowreport-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    draft = folder / "draft.md"
    draft.write_text(draft_markdown(WORDS), encoding="utf-8")
    return draft


def _commands(draft: Path) -> dict[str, list[str] | None]:
    return {"shadowreport": _command("shadowreport", "lint", str(draft)), "proselint": _command("proselint", "check", str(draft))}


def compare(runs: int = RUNS) -> dict[str, float | None]:
    """Median wall time in ms of each command over ``runs`` runs, interleaved so both see the same machine load."""
    commands = _commands(_draft())
    present = {name: command for name, command in commands.items() if command}
    for command in present.values():
        _once(command)  # a first, untimed run writes the bytecode caches, as any earlier use would have
    timings: dict[str, list[float]] = {name: [] for name in present}
    for _ in range(runs):
        for name, command in present.items():
            timings[name].append(_once(command))
    return {name: statistics.median(timings[name]) if name in timings else None for name in commands}


def benchmarks() -> list[Benchmark]:
    commands = _commands(_draft())
    theirs = compare()["proselint"]
    name = f"process: shadowreport lint, {WORDS:,}-word Markdown draft"
    name += f" (proselint check {theirs:.0f} ms is the goal)" if theirs is not None else " (proselint not installed)"
    ours = commands["shadowreport"]
    _once(ours)
    return [Benchmark(name, lambda: _once(ours), repeat=RUNS, goal_ms=theirs)]


def main() -> int:
    medians = compare()
    for name, value in medians.items():
        print(f"{name:13} {'not installed' if value is None else f'{value:.0f} ms'} (median of {RUNS} runs, whole process)")
    ours, theirs = medians["shadowreport"], medians["proselint"]
    if ours and theirs:
        print(f"shadowreport / proselint: {ours / theirs:.2f} ({'no slower' if ours <= theirs else 'slower'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
