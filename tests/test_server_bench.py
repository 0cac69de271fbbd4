"""The coalition bench's own check: it counts lost edits, and would see them if the version check failed."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.postgres


def test_a_short_run_loses_nothing(postgres_url: str) -> None:
    from bench.coalition import run

    result = run(postgres_url, editors=6, seconds=2, pause=0.02, evidence=20)  # a project with evidence: larger revisions
    assert result.saves > 0 and result.lost == 0 and result.errors == []


def test_the_bench_sees_edits_lost_when_versions_are_ignored(postgres_url: str, monkeypatch) -> None:
    from bench.coalition import run
    from shadowreport.server.service import Coalition

    real_save_section = Coalition.save_section

    def last_writer_wins(self, user, project_id, section_id, text, expected_version):
        current = self.store.section_versions(project_id)[section_id]  # as if the editor's version were always the newest
        return real_save_section(self, user, project_id, section_id, text, current)

    monkeypatch.setattr(Coalition, "save_section", last_writer_wins)
    assert run(postgres_url, editors=6, seconds=2, pause=0.02).lost > 0
