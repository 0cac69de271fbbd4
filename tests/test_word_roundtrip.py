"""Round trip: each sample exported to Word and imported back is the same project (issue 13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shadowreport.importers import read_draft
from shadowreport.importers.project import project_to_draft
from shadowreport.importers.word_project import draft_to_project, word_comments_and_authors
from shadowreport.project.exchange import read_project
from shadowreport.wordcount import count_words

from .factories import TODAY

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yml"))


def words_of(draft) -> int:
    texts = [p.text for s in draft.sections for p in s.paragraphs] + [r.text for r in draft.recommendations]
    texts += [" ".join(cell for row in table for cell in row) for table in draft.tables]
    return sum(count_words(t) for t in texts)


def normal(text: str) -> str:
    return " ".join(re.sub(r"^(Priority:|Priorité :|Prioridad:)\s", "", text).split())


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_your_own_export_comes_back_as_the_same_project(tmp_path: Path, pack, sample: Path):
    from shadowreport.export import export_project

    original = read_project(sample, pack=pack)
    exported = tmp_path / "export.docx"
    export_project(original, pack, exported, today=TODAY, allow_personal_data=True)
    draft = read_draft(exported)
    comments, authors = word_comments_and_authors(exported)
    project = draft_to_project(draft, pack, draft.kind, comments=comments, members=authors).project

    assert project.kind_id == original.kind_id
    assert [m.name for m in project.members] == [m.name for m in original.members]
    before = project_to_draft(original, pack, TODAY)
    after = project_to_draft(project, pack, TODAY)
    assert [normal(r.text) for r in after.recommendations] == [normal(r.text) for r in before.recommendations]
    assert len(after.notes) == len(before.notes)  # every footnote is an evidence source, cited where it stood
    assert abs(words_of(after) - words_of(before)) <= 0.01 * words_of(before) + 2
