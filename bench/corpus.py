"""Benchmark material built from the seed documents (``../shared/seeds`` beside the project)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from shadowreport.project.model import Citation, EvidenceItem, Member, Project, Recommendation, SectionText, Timeframe

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@lru_cache(maxsize=1)
def seed_paragraphs() -> tuple[str, ...]:
    """Paragraphs of the seed documents; where they are not beside the project, the samples' text."""
    files = sorted(SEEDS.glob("*.txt"))
    if files:
        text = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in files)
    else:
        from shadowreport.project.exchange import read_project

        text = "\n\n".join(s.text for path in sorted(SAMPLES.glob("*.yml")) for s in read_project(path).sections)
    # Re-flow the PDF-extracted lines into paragraphs of plain sentences.
    blocks = re.split(r"\n\s*\n|(?<=[.!?])\n(?=[A-Z])", text)
    paragraphs = [" ".join(block.split()) for block in blocks]
    return tuple(p for p in paragraphs if len(p.split()) >= 25)


def words_of_text(target: int) -> list[str]:
    """Paragraphs of seed text adding up to about ``target`` words (repeating the seeds if needed)."""
    chosen, count, source = [], 0, seed_paragraphs()
    index = 0
    while count < target:
        paragraph = source[index % len(source)]
        chosen.append(paragraph)
        count += len(paragraph.split())
        index += 1
    return chosen


def large_project(words: int = 60_000, sections: int = 12) -> Project:
    paragraphs = words_of_text(words)
    per_section = max(1, len(paragraphs) // sections)
    evidence = [
        EvidenceItem(id=f"ev-{n}", kind="statistic", claim=f"Figure {n} from the seed reports.",
                     source=Citation(citation=f"ENPATES report, table {n}", date=dt.date(2012, 11, 30)))
        for n in range(200)
    ]
    texts = []
    for index in range(sections):
        chunk = paragraphs[index * per_section:(index + 1) * per_section] if index < sections - 1 else paragraphs[index * per_section:]
        texts.append(SectionText(id=f"section-{index}", title=f"Section {index + 1}",
                                 text="\n\n".join(f"{p} [^ev-{(index * 7 + n) % 200}]" for n, p in enumerate(chunk))))
    recommendations = [
        Recommendation(id=f"rec-{n}", addressee="the Ministry of Labour", verb="adopt", object=f"measure {n} for trafficked persons",
                       timeframe=Timeframe(term="short"), indicator="a published report", evidence_ids=[f"ev-{n}"])
        for n in range(30)
    ]
    return Project(id="prj-bench", title="Benchmark report", mechanism="upr", kind="stakeholder", state="Italy",
                   session_date=dt.date(2027, 5, 1), members=[Member(id="org-a", name="A"), Member(id="org-b", name="B", role="member")],
                   sections=texts, evidence=evidence, recommendations=recommendations)
