"""Projects: saving to the store, and writing and reading exchange files, at report scale."""

from __future__ import annotations

import tempfile
from pathlib import Path

from shadowreport.project.exchange import dump, parse_project
from shadowreport.rules import load_rules
from shadowreport.store import Store

from . import Benchmark
from .corpus import large_project


def benchmarks() -> list[Benchmark]:
    project = large_project(60_000)
    folder = Path(tempfile.mkdtemp(prefix="shadowreport-bench-"))
    store = Store(folder / "bench.sqlite3")
    state = {"stored": store.create(project)}
    pack = load_rules()
    text = dump("project", project)

    def save() -> None:
        state["stored"] = store.save(project, state["stored"].version)

    return [
        Benchmark("store: save a 60,000-word project (one edit)", save, repeat=15, goal_ms=100),
        Benchmark("exchange: write a 60,000-word project file", lambda: dump("project", project), goal_ms=300),
        Benchmark("exchange: read and validate it", lambda: parse_project(text, "bench.yml"), goal_ms=300),
        Benchmark("project: to Draft (60,000 words)", lambda: project.to_draft(pack), goal_ms=100),
    ]
