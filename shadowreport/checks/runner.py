"""Run every enabled check over a draft and collect the findings, in document order."""

from __future__ import annotations

from dataclasses import dataclass

from ..draft import Draft
from ..pagecount import estimate_pages
from ..rules import RulePack
from .context import CheckConfig, Rules
from .finding import SEVERITY_ORDER, Finding
from .registry import CHECKS
from .text import counted_words


@dataclass(frozen=True)
class Report:
    draft: Draft
    rules: Rules
    findings: list[Finding]
    words: int
    pages_estimated: int
    pages_rendered: int | None

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def counts(self) -> dict[str, int]:
        return {level: sum(1 for f in self.findings if f.severity == level) for level in SEVERITY_ORDER}

    def as_dict(self) -> dict:
        return {
            "document": {
                "path": self.draft.source, "mechanism": self.rules.mechanism.id if self.rules.mechanism else None,
                "kind": self.rules.kind_id, "joint": self.draft.joint, "round": self._round(), "words": self.words,
                "pages": {"estimated": self.pages_estimated, "rendered": self.pages_rendered},
                "recommendations": [_shown(r) for r in self.draft.recommendations],
                "possible_recommendations": [_shown(r) for r in self.draft.possible_recommendations],
            },
            "findings": [finding.as_dict() for finding in self.findings],
        }


    def _round(self) -> int | None:
        """The evaluation round the draft was checked against, for a kind that works in rounds (GRETA)."""
        from .structure import evaluation_round

        chosen = evaluation_round(self.draft, self.rules.kind) if self.rules.kind is not None else None
        return chosen.number if chosen else None


def _shown(recommendation) -> dict:
    """A recommendation as the JSON report gives it: {text, section, paragraph, confidence}."""
    return {"text": recommendation.text, "section": recommendation.section, "paragraph": recommendation.paragraph,
            "confidence": recommendation.confidence}


def resolve_rules(draft: Draft, pack: RulePack) -> Rules:
    """The mechanism and kind a draft names; raises KeyError with the known ids if it names a wrong one."""
    if draft.kind:
        mechanism, kind = pack.kind(draft.kind if "/" in draft.kind or not draft.mechanism else f"{draft.mechanism}/{draft.kind}")
        return Rules(pack, mechanism, kind, f"{mechanism.id}/{next(k for k, v in mechanism.kinds.items() if v is kind)}")
    if draft.mechanism:
        mechanism = pack.mechanism(draft.mechanism)
        if len(mechanism.kinds) == 1:
            short, kind = next(iter(mechanism.kinds.items()))
            return Rules(pack, mechanism, kind, f"{mechanism.id}/{short}")
        return Rules(pack, mechanism)
    return Rules(pack)


def run_checks(draft: Draft, pack: RulePack, config: CheckConfig | None = None) -> Report:
    config = _with_draft_settings(config or CheckConfig(), draft)
    rules = resolve_rules(draft, pack)
    findings: list[Finding] = []
    for check_id, registered in CHECKS.items():
        if not config.enabled(check_id):
            continue
        findings.extend(registered.function(draft, rules, config))
    words = counted_words(draft, rules.kind)
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], f.location.recommendation or 0))
    return Report(draft, rules, findings, words, draft.memo("pages", lambda: estimate_pages(draft)), config.rendered_pages)


def _with_draft_settings(config: CheckConfig, draft: Draft) -> CheckConfig:
    """A project's own settings apply under those of the run (the command line or config file wins)."""
    merged = config.merged(disable=draft.disabled_checks, severity={**draft.severity_overrides, **config.severity})
    if config.words_limit is None and config.pages_limit is None and (draft.words_limit or draft.pages_limit):
        from dataclasses import replace

        merged = replace(merged, words_limit=draft.words_limit, pages_limit=draft.pages_limit, limit_source=draft.limit_source)
    return merged
