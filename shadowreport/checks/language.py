"""Language: the draft is written in a language the mechanism accepts."""

from __future__ import annotations

from typing import Iterator

from ..draft import Draft
from ..language import NAMES, detect_language
from .context import CheckConfig, Rules, source_of
from .finding import Found
from .registry import check
from .text import body_text


@check("language.not-accepted", "error")
def not_accepted(draft: Draft, rules: Rules, config: CheckConfig) -> Iterator[Found]:
    """The draft is in one of the languages the mechanism accepts (detected offline from the text).

    Passes: an English report to GRETA.
    Fails: a German report to GRETA: "The draft is in German; GRETA accepts English or French."
    """
    if rules.kind is None or rules.kind.languages is None:
        return
    detection = draft.memo("language", lambda: detect_language(body_text(draft)))
    if detection.language is None:
        return
    accepted = rules.kind.languages.value
    if detection.language not in accepted:
        t = config.translator
        listed = t.list([t.language_name(code, NAMES.get(code, code)) for code in accepted])
        mechanism = rules.mechanism.short_name if rules.mechanism else t.gettext("This mechanism")
        yield Found(t.gettext("The draft appears to be in {language}; {mechanism} accepts {listed}.").format(
                        language=t.language_name(detection.language, NAMES.get(detection.language, detection.language)),
                        mechanism=mechanism, listed=listed),
                    suggestion=t.gettext("Translate it before sending: untranslated submissions are usually not read."),
                    source=source_of(rules.kind.languages))
