"""Earlier recommendations: read and filter a 20,000-row UHRI-like export (goal: 2 s or less).

`python -m bench.earlier` prints the figure alone; `python -m bench` lists it with the others.
"""

from __future__ import annotations

import random
import statistics
import time

from . import Benchmark, median_ms

ROWS = 20_000
STATES = ["Norvania", "Kestria", "Aldoria", "Brevonia", "Calmoria", "Dorvia", "Estmark", "Fallonia"]
THEMES = ["Trafficking in persons", "Labour rights and right to work", "Access to justice & remedy", "Children: definition; general principles; protection",
          "Migrants", "Violence against women", "Right to health", "Racial discrimination"]
VERBS = ["Adopt", "Ratify", "Strengthen", "Ensure", "Guarantee", "Publish", "Train", "Consider"]


def uhri_rows(count: int = ROWS, seed: int = 17) -> list[list[object]]:
    """Rows in UHRI's export layout with invented content: the column names, typo and quirks of the real one."""
    from tests.earlier_fixtures import UHRI_COLUMNS

    rng = random.Random(seed)
    rows: list[list[object]] = [UHRI_COLUMNS]
    for index in range(count):
        state = STATES[index % len(STATES)]
        recommending = rng.sample([s for s in STATES if s != state], rng.choice((1, 1, 1, 2)))
        upr = index % 5 != 0
        rows.append([
            f"{100 + index % 60}.{index % 250 + 1} {rng.choice(VERBS)} measures on {rng.choice(THEMES).lower()} number {index} "
            f"({') ('.join(recommending)});" if upr else f"{index % 90 + 1}. The Committee recommends measure {index}.",
            state, "UPR" if upr else "CCPR", f"A/HRC/{40 + index % 20}/{index % 30 + 1}" if upr else f"CCPR/C/{state[:3].upper()}/CO/{index % 5 + 1}",
            "\n".join(f"- {t}" for t in rng.sample(THEMES, 2)), "- Migrants\n- Women & girls", "- 16.2 - End abuse, exploitation, trafficking",
            44000 + index % 1500, "\n".join(f"- {s}" for s in recommending) if upr else "", rng.choice(("Supported", "Noted", "Not Supported")) if upr else "",
            "- Recommendations" if index % 7 else "- Concerns/Observations", f"ann-{index}", f"- {30 + index % 20} Session" if upr else "",
            "Europe", "Africa", 44100 + index % 1500,
        ])
    return rows


def workbook(count: int = ROWS) -> bytes:
    from tests.xlsx_builder import write_xlsx

    return write_xlsx({"Export": uhri_rows(count)})


def _read_and_filter(data: bytes) -> int:
    from shadowreport.earlier.model import for_state
    from shadowreport.earlier.readers import read_earlier_bytes

    return len(for_state(read_earlier_bytes(data, "uhri.xlsx"), "Norvania"))


def benchmarks() -> list[Benchmark]:
    data = workbook()
    return [Benchmark(f"earlier: read and filter a {ROWS:,}-row UHRI .xlsx ({len(data) / 1e6:.1f} MB)", lambda: _read_and_filter(data), repeat=3, goal_ms=2000)]


def cpu_ms(benchmark: Benchmark) -> float:
    """The same run in processor time: on a machine shared with other work, wall time overstates ours."""
    timings = []
    for _ in range(benchmark.repeat):
        start = time.process_time()
        benchmark.run()
        timings.append((time.process_time() - start) * 1000)
    return statistics.median(timings)


if __name__ == "__main__":
    for benchmark in benchmarks():
        print(f"{benchmark.name}: {median_ms(benchmark):.0f} ms wall, {cpu_ms(benchmark):.0f} ms CPU (goal {benchmark.goal_ms:g} ms)")
