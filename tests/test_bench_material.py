"""The benchmark material is what it claims to be (the timings themselves live in bench/)."""

from bench.corpus import large_project
from shadowreport.rules import load_rules


def test_large_project_has_the_words_it_promises():
    draft = large_project(5_000).to_draft(load_rules())
    words = len(draft.full_text().split())
    assert 5_000 <= words <= 6_500
    assert len(draft.notes) > 10 and len(draft.recommendations) == 30
