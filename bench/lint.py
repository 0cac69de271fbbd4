"""Checks: lint a 5,630-word joint UPR draft and a 60,000-word report with every check on,
and proselint on the same text for comparison (when proselint is installed: `pip install .[bench]`)."""

from __future__ import annotations

import datetime as dt
import statistics
import time

from shadowreport.checks import CheckConfig, run_checks
from shadowreport.importers import read_draft_bytes
from shadowreport.rules import load_rules

from . import Benchmark
from .corpus import words_of_text

TODAY = dt.date(2026, 11, 23)


def draft_markdown(words: int) -> str:
    """A joint UPR draft in Markdown: sections, numbered paragraphs, notes and recommendations."""
    paragraphs = words_of_text(words - 230)  # the headings and recommendations make up the rest
    titles = ["Submitting organisations", "Follow-up to the previous review", "Evidence of the problem", "Law and policy", "Analysis"]
    lines = ["---", "mechanism: upr", "kind: stakeholder", "joint: true", "deadline: 2027-03-31", "---", "# Joint submission on trafficking", ""]
    per_section = max(1, len(paragraphs) // len(titles))
    number = 0
    for index, title in enumerate(titles):
        lines += [f"## {title}", ""]
        for paragraph in paragraphs[index * per_section:(index + 1) * per_section]:
            number += 1
            lines += [f"{number}. {paragraph}[^{number}]", ""]
    lines += ["## Recommendations", ""]
    for n in range(8):
        number += 1
        lines += [f"{number}. The Ministry of Labour should adopt measure {n + 1} for presumed trafficked persons by June 2027, "
                  "measured by the number of persons referred each year.", ""]
    lines += [f"[^{n}]: ENPATES review of practices, 2012, p. {n}." for n in range(1, number + 1)]
    return "\n".join(lines)


def _fresh(draft):
    """A copy that remembers no figures from an earlier run, so every run does the whole work."""
    copy = draft.model_copy(deep=True)
    copy._memo.clear()
    return copy


def _median_ms(function, repeat: int = 5) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def _proselint():
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    return lambda text: LintFile("<bench>", text).lint()


def benchmarks() -> list[Benchmark]:
    pack = load_rules()
    config = CheckConfig(today=TODAY)
    rows = []
    proselint = _proselint()
    for words, goal in ((5_630, 20), (60_000, 300)):
        markdown = draft_markdown(words)
        draft = read_draft_bytes(markdown.encode("utf-8"), "bench.md", pack=pack)
        counted = run_checks(draft, pack, config).words
        fresh = (lambda d=draft: _fresh(d))
        lint = (lambda d: run_checks(d, pack, config))
        name = f"lint: {counted:,}-word joint UPR draft, every check"
        if proselint is not None:
            ours, theirs = _median_ms(lambda: lint(fresh())), _median_ms(lambda m=markdown: proselint(m))
            name += f" (proselint {theirs:.0f} ms: {theirs / ours:.1f}x slower)"
        rows.append(Benchmark(name, lint, goal_ms=goal, setup=fresh))
        rows.append(Benchmark(f"import: {words:,}-word Markdown draft", lambda m=markdown: read_draft_bytes(m.encode("utf-8"), "bench.md", pack=pack)))
    return rows
