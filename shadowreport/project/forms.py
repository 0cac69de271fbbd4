"""The seed's evidence forms (case study, practice), read from ``templates/forms/``."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field

from ..paths import builtin_dir
from ..records import EvidenceItem, Model, ShortId
from ..yamlfile import load_yaml_file


class Question(Model):
    id: ShortId
    prompt: str


class Form(Model):
    form: Literal["case-study", "practice"]
    title: str
    questions: list[Question] = Field(min_length=1)


@lru_cache(maxsize=4)
def load_form(name: Literal["case-study", "practice"]) -> Form:
    document = load_yaml_file(builtin_dir("templates") / "forms" / f"{name}.yml")
    return Form.model_validate(document.data)


def unknown_answers(item: EvidenceItem) -> list[str]:
    """Answer keys that are not questions of the item's form (a typo, or the wrong form)."""
    if item.form is None:
        return sorted(item.answers)
    known = {q.id for q in load_form(item.form).questions}
    return sorted(set(item.answers) - known)
