"""Export: a 60,000-word project to Word, and pandoc writing Word from the same text in Markdown
(when pandoc is installed), for comparison."""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from shadowreport.export import export_project
from shadowreport.rules import load_rules

from . import Benchmark
from .corpus import large_project

TODAY = dt.date(2026, 11, 23)


def benchmarks() -> list[Benchmark]:
    pack = load_rules()
    project = large_project(60_000)
    folder = Path(tempfile.mkdtemp(prefix="shadowreport-export-bench-"))
    docx_path, markdown_path = folder / "report.docx", folder / "report.md"
    export_project(project, pack, markdown_path, today=TODAY, allow_personal_data=True)

    def ours() -> None:
        export_project(project, pack, docx_path, today=TODAY, allow_personal_data=True)

    name = "export: 60,000-word project to .docx"
    pandoc = shutil.which("pandoc")
    if pandoc:
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([pandoc, str(markdown_path), "-o", str(folder / "pandoc.docx")], check=True, capture_output=True)
            timings.append((time.perf_counter() - start) * 1000)
        name += f" (pandoc {statistics.median(timings):.0f} ms)"
    else:
        name += " (pandoc not installed: no comparison)"
    return [Benchmark(name, ours, repeat=5, goal_ms=1500)]
