"""The Draft, the rules' deadlines and the recommendation text know nothing of projects (imports go down)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.timeout(60)
def test_draft_rules_and_recommendation_text_load_without_the_project_package():
    code = ("import sys\n"
            "import shadowreport.records, shadowreport.draft, shadowreport.rules.deadlines, shadowreport.recommendation_text\n"
            "print(sorted(m for m in sys.modules if m.startswith(('shadowreport.project', 'shadowreport.importers'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
