"""Print every benchmark's median time as a table."""

from __future__ import annotations

import importlib
import sys

from . import MODULES, median_ms


def main() -> int:
    if sys.argv[1:2] == ["coalition"]:  # editors at once on a coalition server: needs a database, so never in the default run
        from .coalition import main as coalition

        return coalition(sys.argv[2:])
    rows = []
    for module_name in MODULES:
        for benchmark in importlib.import_module(module_name).benchmarks():
            value = median_ms(benchmark)
            goal = f"{benchmark.goal_ms:g} ms" if benchmark.goal_ms else "-"
            verdict = "" if benchmark.goal_ms is None else ("ok" if value <= benchmark.goal_ms else "SLOW")
            rows.append((benchmark.name, f"{value:.1f} ms", str(benchmark.repeat), goal, verdict))
    headers = ("benchmark", "median", "runs", "goal", "")
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    print()
    from . import foreign_layouts, pages

    print(pages.report())
    print()
    print(foreign_layouts.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
