"""The command line as a whole process: `shadowreport lint` against `proselint check` on the same
3,100-word Markdown draft, each run as its own process (interpreter start, imports, rules, checks).

`python -m bench.cli [RUNS]` prints each command's median and fastest run and the ratios; `python -m bench`
shows the same figure as a row whose goal is proselint's own median. proselint comes with
`pip install -e ".[bench]"`. The machine's load moves every figure: the runs are interleaved so both
commands see the same load, and the fastest run is the least disturbed.
"""

from __future__ import annotations

import atexit
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import Benchmark
from .lint import draft_markdown

RUNS = 15
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
    return _timed(command)[0]


def _timed(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) ms of one run; the CPU time (user and system) moves less with other work on the machine."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_environment(), check=False)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime) * 1000


def _draft() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="shadowreport-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    draft = folder / "draft.md"
    draft.write_text(draft_markdown(WORDS), encoding="utf-8")
    return draft


def _commands(draft: Path) -> dict[str, list[str] | None]:
    return {"shadowreport": _command("shadowreport", "lint", str(draft)), "proselint": _command("proselint", "check", str(draft))}


def timings(runs: int = RUNS) -> dict[str, list[tuple[float, float]] | None]:
    """(wall, CPU) ms of each command's ``runs`` runs, interleaved so both see the same machine load
    (None for a command that is not installed)."""
    commands = _commands(_draft())
    present = {name: command for name, command in commands.items() if command}
    for command in present.values():
        _once(command)  # a first, untimed run writes the bytecode and rule caches, as any earlier use would have
    found: dict[str, list[tuple[float, float]]] = {name: [] for name in present}
    for _ in range(runs):
        for name, command in present.items():
            found[name].append(_timed(command))
    return {name: found.get(name) for name in commands}


def compare(runs: int = RUNS) -> dict[str, float | None]:
    """Median wall time in ms of each command over ``runs`` interleaved runs."""
    return {name: statistics.median(wall for wall, _ in values) if values else None for name, values in timings(runs).items()}


def benchmarks() -> list[Benchmark]:
    commands = _commands(_draft())
    theirs = compare()["proselint"]
    name = f"process: shadowreport lint, {WORDS:,}-word Markdown draft"
    name += f" (proselint check {theirs:.0f} ms is the goal)" if theirs is not None else " (proselint not installed)"
    ours = commands["shadowreport"]
    _once(ours)
    return [Benchmark(name, lambda: _once(ours), repeat=RUNS, goal_ms=theirs)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    runs = int(args[0]) if args else RUNS
    before = _load()
    found = timings(runs)
    figures: dict[str, tuple[float, float, float]] = {}  # median wall, fastest wall, fastest CPU
    for name, values in found.items():
        if values is None:
            print(f"{name:13} not installed")
            continue
        figures[name] = (statistics.median(w for w, _ in values), min(w for w, _ in values), min(c for _, c in values))
        print(f"{name:13} median {figures[name][0]:.0f} ms, fastest {figures[name][1]:.0f} ms, least CPU {figures[name][2]:.0f} ms "
              f"({runs} runs each, whole process, {WORDS:,}-word Markdown draft)")
    if len(figures) == 2:
        ours, theirs = figures["shadowreport"], figures["proselint"]
        ratio = ours[0] / theirs[0]
        print(f"shadowreport / proselint: {ratio:.2f} by the medians ({'no slower' if ratio <= 1 else 'slower'}), "
              f"{ours[1] / theirs[1]:.2f} by the fastest runs, {ours[2] / theirs[2]:.2f} by CPU time")
    if before is not None:  # other work on the machine moves every figure: said beside them
        print(f"machine load (1-minute average) {before:.2f} before, {_load():.2f} after, on {os.cpu_count()} cores")
    return 0


def _load() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows has no load average
        return None


if __name__ == "__main__":
    sys.exit(main())
