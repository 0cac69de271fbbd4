"""The benchmark material is what it claims to be (the timings themselves live in bench/)."""

from bench.corpus import large_project
from shadowreport.importers.project import project_to_draft
from shadowreport.rules import load_rules


def test_large_project_has_the_words_it_promises():
    draft = project_to_draft(large_project(5_000), load_rules())
    words = sum(len(s.title.split()) + sum(len(p.text.split()) for p in s.paragraphs) for s in draft.sections)
    assert 5_000 <= words <= 6_500
    assert len(draft.notes) > 10 and len(draft.recommendations) == 30
