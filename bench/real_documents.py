"""Recommendation finding and false alarms on documents written like real submissions.

``python -m bench.real_documents`` reads every document of ``tests/data/corpus/`` (Markdown, or a
Word file built from it with real heading, list and table styles), checks it, and compares what the
tool says with the document's hand-labelled truth file:

- recommendation recall and precision (a found recommendation is right when it holds the first
  words of a labelled one; each labelled one is matched once);
- for every rule, how many of its findings a careful reader would agree with, and its false-alarm
  rate (wrong findings / findings). A readability figure given with no target to compare it with is
  a note, counted apart: it says nothing is wrong; so are deadline findings, which come from the rules
  and the date (the documents do not say which session they are for), not from the text;
- each set's languages, and whether each scored document was scored by its own language's
  readability formula (the formula its figure names), as a check that it was judged in its language.

The tuning set, the ten held-out documents and the fresh documents (written after the held-out
set had been reviewed, to check the tool once more on text it was never tuned on) are printed apart. ``--details`` lists what was
missed and what was wrong, for the tuning set only unless ``--held-out`` is given too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"
TODAY = dt.date(2026, 12, 1)
FAULT_RULES = {
    "actor": "recommendations.actor", "timeframe": "recommendations.timeframe", "measurable": "recommendations.measurable",
    "single": "recommendations.single-action", "category": "recommendations.action-category", "past": "recommendations.past-timeframe",
}
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_NOTE_DEFINITION = re.compile(r"^\[\^([\w-]+)\]:\s*(.*)$")
_NOTE_CALL = re.compile(r"\[\^([\w-]+)\]")
# Which language's rules judged a document shows in the readability formula its figure names.
FORMULA_LANGUAGE = {"Flesch-Kincaid": "en", "Kandel-Moles": "fr", "Szigriszt-Pazos": "es"}


@dataclass
class DocumentResult:
    name: str
    held_out: bool
    fresh: bool = False
    truth: int = 0
    found: int = 0
    matched: int = 0
    possible: int = 0
    notes: int = 0  # readability figures given without a target to compare them with
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    right: Counter = field(default_factory=Counter)  # rule -> findings a reader agrees with
    wrong: Counter = field(default_factory=Counter)  # rule -> false alarms
    wrong_messages: list[str] = field(default_factory=list)
    unfound_faults: Counter = field(default_factory=Counter)  # rule -> labelled faults on found recommendations not reported
    unfound_messages: list[str] = field(default_factory=list)
    language: str = ""  # as the document declares it
    judged_in: str | None = None  # the language whose readability formula scored it (None: not scored)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").lower()
    return " ".join(re.findall(r"[\w']+", text))


def docx_from_markdown(markdown: str) -> bytes:
    """A Word file with the Markdown's structure: '#' a Title, '##' Heading 1, bullets and numbered
    items in Word's list styles, pipe tables as tables, '[^1]' calls as real footnotes (their '[^1]: ...'
    lines as the notes' text), and every other line its own paragraph (as contact blocks and glossaries
    are typed in Word)."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from shadowreport.export.wordml.notes import Notes

    document = docx.Document()
    lines = _FRONT.sub("", markdown).splitlines()
    definitions = {m.group(1): m.group(2) for line in lines if (m := _NOTE_DEFINITION.match(line))}
    lines = [line for line in lines if not _NOTE_DEFINITION.match(line)]
    notes = None
    if definitions:  # python-docx's default template has no footnote styles
        document.styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
        document.styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        notes = Notes(document, "footnote")

    def add_paragraph(text: str, style: str | None = None) -> None:
        calls = _NOTE_CALL.findall(text)
        paragraph = document.add_paragraph(_NOTE_CALL.sub("", text), style=style)
        for call in calls:  # the call goes at the paragraph's end, where these documents put it
            notes.add(paragraph, definitions[call])

    title = next((line[2:] for line in lines if line.startswith("# ")), "")
    document.core_properties.title = title[:255]  # as Word fills it from the first line when saving
    index = 0
    while index < len(lines):
        line = lines[index].rstrip()
        index += 1
        if not line.strip():
            continue
        if line.startswith("|"):
            rows = [line]
            while index < len(lines) and lines[index].startswith("|"):
                rows.append(lines[index])
                index += 1
            cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in rows if not re.fullmatch(r"[|\-: ]+", row.strip())]
            table = document.add_table(rows=len(cells), cols=max(len(r) for r in cells))
            table.style = "Table Grid"
            for r, row in enumerate(cells):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
            header = table.rows[0]._tr.get_or_add_trPr()  # the first row repeats as a header row
            header.append(OxmlElement("w:tblHeader"))
            header[-1].set(qn("w:val"), "true")
        elif line.startswith("# "):
            add_paragraph(line[2:], style="Title")
        elif line.startswith("## "):
            add_paragraph(line[3:], style="Heading 1")
        elif line.startswith("### "):
            add_paragraph(line[4:], style="Heading 2")
        elif re.match(r"[-*] ", line):
            add_paragraph(line[2:], style="List Bullet")
        elif re.match(r"\d+\. ", line):
            add_paragraph(line.split(" ", 1)[1], style="List Number")
        else:
            add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _truth(path: Path) -> dict:
    from shadowreport.yamlfile import parse_yaml

    data = parse_yaml(path.read_text(encoding="utf-8"), str(path)).data
    recommendations = []
    for item in data.get("recommendations") or []:
        (start, faults), = item.items()
        recommendations.append((str(start), set(faults or [])))
    return {"format": data.get("format", "md"), "held_out": bool(data.get("held_out")), "fresh": bool(data.get("fresh")),
            "recommendations": recommendations, "findings": dict(data.get("findings") or {})}


def evaluate(path: Path, pack) -> DocumentResult:
    from shadowreport.checks import run_checks
    from shadowreport.checks.context import CheckConfig
    from shadowreport.importers import read_draft_bytes
    from shadowreport.yamlfile import parse_yaml

    truth = _truth(path.with_name(path.stem + ".truth.yml"))
    markdown = path.read_text(encoding="utf-8")
    if truth["format"] == "docx":
        front = parse_yaml(_FRONT.match(markdown).group(1), str(path)).data
        declared = {key: front.get(key) for key in ("mechanism", "kind", "language", "joint", "round")}  # as a project's export would say
        draft = read_draft_bytes(docx_from_markdown(markdown), path.stem + ".docx", pack=pack, **declared)
    else:
        draft = read_draft_bytes(markdown.encode("utf-8"), path.name, pack=pack)
    report = run_checks(draft, pack, CheckConfig(today=TODAY))
    result = DocumentResult(path.stem, truth["held_out"], truth["fresh"], truth=len(truth["recommendations"]), found=len(draft.recommendations),
                            possible=len(getattr(draft, "possible_recommendations", [])), language=draft.language or "")
    result.judged_in = next((code for finding in report.findings if finding.rule == "readability.level"
                             for name, code in FORMULA_LANGUAGE.items() if name in finding.message), None)

    # Each labelled recommendation is matched once, in order, by its first words.
    labelled = [(normalise(start), faults, start) for start, faults in truth["recommendations"]]
    used: set[int] = set()
    faults_of: dict[int, set[str]] = {}  # found recommendation (1-based) -> its labelled faults
    for position, recommendation in enumerate(draft.recommendations, 1):
        text = normalise(recommendation.text)
        for index, (start, faults, _) in enumerate(labelled):
            if index not in used and start in text:
                used.add(index)
                faults_of[position] = faults
                break
        else:
            result.extra.append(recommendation.text[:90])
    result.matched = len(used)
    result.missed = [shown for index, (_, _, shown) in enumerate(labelled) if index not in used]

    expected_left = Counter(truth["findings"])
    reported_faults: set[tuple[int, str]] = set()
    for finding in report.findings:
        rule, at = finding.rule, finding.location.recommendation
        if rule == "readability.level" and "the target for this kind is" not in finding.message or rule.startswith("deadline."):
            result.notes += 1  # a figure stated with no target; a deadline from the rules and the date, not the text
            continue
        short = next((key for key, value in FAULT_RULES.items() if value == rule), None)
        if short is not None and at is not None:
            ok = short in faults_of.get(at, set())
            reported_faults.add((at, short))
        else:
            ok = expected_left[rule] > 0
            expected_left[rule] -= 1
        if ok:
            result.right[rule] += 1
        else:
            result.wrong[rule] += 1
            result.wrong_messages.append(f"{rule}: {finding.location.label()}: {finding.message[:110]}")
    for position, faults in faults_of.items():
        for short in faults:
            if (position, short) not in reported_faults:
                result.unfound_faults[FAULT_RULES[short]] += 1
                result.unfound_messages.append(f"{FAULT_RULES[short]}: {draft.recommendations[position - 1].text[:90]}")
    return result


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def summary(results: list[DocumentResult], title: str) -> list[str]:
    truth, found, matched = (sum(getattr(r, key) for r in results) for key in ("truth", "found", "matched"))
    right, wrong, unfound = Counter(), Counter(), Counter()
    for r in results:
        right.update(r.right)
        wrong.update(r.wrong)
        unfound.update(r.unfound_faults)
    all_right, all_wrong = sum(right.values()), sum(wrong.values())
    lines = [f"{title}: {len(results)} documents",
             f"  recommendations: {truth} labelled, {found} found, {matched} right; "
             f"recall {_percent(matched, truth).strip()}, precision {_percent(matched, found).strip()}; "
             f"{sum(r.possible for r in results)} shown as possible",
             f"  findings: {all_right + all_wrong}, correct {_percent(all_right, all_right + all_wrong).strip()} "
             f"(besides {sum(r.notes for r in results)} notes not scored: readability figures with no target, deadlines)",
             _languages_line(results),
             f"  {'rule':36} {'findings':>8} {'wrong':>6} {'false alarms':>13} {'faults missed':>14}"]
    for rule in sorted(set(right) | set(wrong) | set(unfound)):
        total = right[rule] + wrong[rule]
        lines.append(f"  {rule:36} {total:8} {wrong[rule]:6} {_percent(wrong[rule], total):>13} {unfound[rule]:14}")
    return lines


def _languages_line(results: list[DocumentResult]) -> str:
    """How many documents of each language, and whether the readability formula that scored each was its own language's."""
    counts = Counter(r.language for r in results)
    scored = [r for r in results if r.judged_in is not None]
    own = sum(1 for r in scored if r.judged_in == r.language)
    return (f"  languages: {', '.join(f'{code} {n}' for code, n in sorted(counts.items()))}; "
            f"scored by their own language's readability formula: {own} of {len(scored)} scored")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.real_documents", description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list misses and false alarms per document")
    parser.add_argument("--held-out", action="store_true", help="with --details, show the held-out documents too")
    args = parser.parse_args(argv)
    from shadowreport.rules import load_rules

    pack = load_rules()
    results = [evaluate(path, pack) for path in sorted(CORPUS.glob("*.md")) if path.name != "README.md"]
    tuning = [r for r in results if not r.held_out and not r.fresh]
    held_out = [r for r in results if r.held_out]
    fresh = [r for r in results if r.fresh]
    for line in [*summary(tuning, "Tuning set"), "", *summary(held_out, "Held-out set"),
                 *(["", *summary(fresh, "Fresh set (written after the held-out review)")] if fresh else [])]:
        print(line)
    if args.details:
        for r in results:
            if (r.held_out or r.fresh) and not args.held_out:
                continue
            if r.missed or r.extra or r.wrong_messages or r.unfound_messages:
                print(f"\n{r.name}{' (held out)' if r.held_out else ''}: {r.matched}/{r.truth} found, {r.found} reported")
                for text in r.missed:
                    print(f"  missed: {text}")
                for text in r.extra:
                    print(f"  not a recommendation: {text}")
                for text in r.wrong_messages:
                    print(f"  false alarm: {text}")
                for text in r.unfound_messages:
                    print(f"  fault not reported: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
