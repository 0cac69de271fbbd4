"""The hand-labelled corpus the bench reads (tests/data/corpus/): complete and consistent with its documents."""

from __future__ import annotations

from bench.real_documents import CORPUS, FAULT_RULES, _truth, normalise


def test_at_least_thirty_documents_ten_held_out_in_three_languages_and_both_formats():
    documents = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")
    truths = [_truth(p.with_name(p.stem + ".truth.yml")) for p in documents]
    assert len(documents) >= 30
    assert sum(t["held_out"] for t in truths) == 10
    assert {t["format"] for t in truths} == {"md", "docx"}
    languages = {line.split(":")[1].strip() for p in documents for line in p.read_text(encoding="utf-8").splitlines()[:8] if line.startswith("language:")}
    assert languages == {"en", "fr", "es"}


def test_every_labelled_recommendation_stands_in_its_document_with_known_faults():
    for path in sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md"):
        text = normalise(path.read_text(encoding="utf-8"))
        for start, faults in _truth(path.with_name(path.stem + ".truth.yml"))["recommendations"]:
            assert normalise(start) in text, (path.name, start)
            assert faults <= set(FAULT_RULES), (path.name, start, faults)
