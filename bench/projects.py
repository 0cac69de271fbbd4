"""Projects: saving to the store, and writing and reading exchange files, at report scale;
and at the scale where a quadratic step would show: 100,000 recommendations, a merge of 30,000 items."""

from __future__ import annotations

import tempfile
from pathlib import Path

from shadowreport.importers.project import project_to_draft
from shadowreport.project.coalition import merge_contribution
from shadowreport.project.exchange import Contribution, dump, parse_project
from shadowreport.project.model import EvidenceItem, Member, Project, Recommendation
from shadowreport.rules import load_rules
from shadowreport.store import Store

from . import Benchmark
from .corpus import large_project

MANY_RECOMMENDATIONS = 100_000
MERGED_ITEMS = 30_000


def many_recommendations(count: int = MANY_RECOMMENDATIONS) -> dict:
    """A project's data with ``count`` short recommendations (unvalidated: validating it is what is timed)."""
    return {
        "id": "prj-many", "title": "Many recommendations", "mechanism": "upr", "kind": "stakeholder",
        "members": [{"id": "org-a", "name": "A"}],
        "evidence": [{"id": "ev-0", "kind": "statistic", "claim": "A figure."}],
        "recommendations": [{"id": f"rec-{n}", "object": f"measure {n}", "evidence_ids": ["ev-0"] if n % 100 == 0 else []}
                            for n in range(count)],
    }


def many_recommendations_file(count: int = MANY_RECOMMENDATIONS) -> str:
    """The same project as an exchange file (written directly: dumping 100,000 items takes a while)."""
    lines = ["shadowreport: project", "format_version: 1", "project:", "  id: prj-many", "  title: Many recommendations",
             "  mechanism: upr", "  kind: stakeholder", "  members:", "  - id: org-a", "    name: A",
             "  evidence:", "  - id: ev-0", "    kind: statistic", "    claim: A figure.", "  recommendations:"]
    for n in range(count):
        lines += [f"  - id: rec-{n}", f"    object: measure {n}"] + (["    evidence_ids: [ev-0]"] if n % 100 == 0 else [])
    return "\n".join(lines) + "\n"


def large_contribution(count: int = MERGED_ITEMS) -> Contribution:
    """A member's contribution of ``count`` items, half evidence and half recommendations citing it."""
    half = count // 2
    return Contribution(
        member=Member(id="org-member", name="Member organisation"),
        evidence=[EvidenceItem(id=f"ev-{n}", kind="statistic", claim=f"Figure {n}.") for n in range(half)],
        recommendations=[Recommendation(id=f"rec-{n}", verb="adopt", object=f"measure {n}", evidence_ids=[f"ev-{n}"]) for n in range(count - half)],
    )


def benchmarks() -> list[Benchmark]:
    project = large_project(60_000)
    folder = Path(tempfile.mkdtemp(prefix="shadowreport-bench-"))
    store = Store(folder / "bench.sqlite3")
    state = {"stored": store.create(project)}
    pack = load_rules()
    text = dump("project", project)

    many = many_recommendations()
    many_project = Project.model_validate(many)
    many_text = many_recommendations_file()
    joint = Project(id="prj-joint", title="Joint report", mechanism="greta", kind="ngo-report", members=[Member(id="org-coord", name="Coordinator")])
    contribution = large_contribution()
    merged, _ = merge_contribution(joint, contribution)

    # Before these were linear, validating the 100,000 took 4 to 16 minutes and the merge 5 to 6:
    # the goals below are far under that, and about twice what a loaded two-core machine takes now.

    def save() -> None:
        state["stored"] = store.save(project, state["stored"].version)

    return [
        Benchmark("store: save a 60,000-word project (one edit)", save, repeat=15, goal_ms=100),
        Benchmark("exchange: write a 60,000-word project file", lambda: dump("project", project), goal_ms=300),
        Benchmark("exchange: read and validate it", lambda: parse_project(text, "bench.yml"), goal_ms=300),
        Benchmark("project: to Draft (60,000 words)", lambda: project_to_draft(project, pack), goal_ms=100),
        Benchmark("project: validate 100,000 recommendations", lambda: Project.model_validate(many), repeat=3, goal_ms=5000),
        Benchmark("exchange: read a file of 100,000 recommendations", lambda: parse_project(many_text, "many.yml"), repeat=1, goal_ms=30000),
        Benchmark("project: to Draft (100,000 recommendations)", lambda: project_to_draft(many_project, pack), repeat=1, goal_ms=20000),
        Benchmark("coalition: merge 30,000 new items", lambda: merge_contribution(joint, contribution), repeat=3, goal_ms=10000),
        Benchmark("coalition: merge the same 30,000 again (unchanged)", lambda: merge_contribution(merged, contribution), repeat=3, goal_ms=10000),
    ]
