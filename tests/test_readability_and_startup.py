"""Readability without textstat (any Python from 3.11), and a lint that imports only what it needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.lint import draft_markdown
from shadowreport.checks.readability import readability, reading_grade

ENGLISH = " ".join(["The ministry should fund shelters for people who were trafficked. "
                    "It should train inspectors every year."] * 10)
FRENCH = " ".join(["Le ministère devrait financer des foyers pour les victimes de la traite. "
                   "Il devrait former les inspecteurs."] * 10)


def test_english_gets_the_flesch_kincaid_grade():
    score = readability(ENGLISH, "en")
    assert score.formula == "Flesch-Kincaid grade" and score.is_grade
    assert 0 < score.value < 10  # short sentences, everyday words
    assert reading_grade(ENGLISH, "en") == score.value


def test_french_is_never_given_the_english_grade():
    score = readability(FRENCH, "fr")
    assert score.formula == "Kandel-Moles reading ease" and not score.is_grade
    assert reading_grade(FRENCH, "fr") is None
    assert readability(FRENCH, "de") is None  # no formula for German: not scored


def _run(code: str, cache: Path, **variables: str) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONDONTWRITEBYTECODE": "1", **variables}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.timeout(120)
def test_lint_imports_neither_textstat_nor_what_only_other_commands_need(tmp_path: Path):
    draft = tmp_path / "draft.md"
    draft.write_text(draft_markdown(3_100), encoding="utf-8")
    code = ("import sys, contextlib, io\nfrom shadowreport.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): main(['lint', {str(draft)!r}])\n"
            "print(sorted(m for m in ('textstat', 'pkg_resources', 'jinja2', 'lxml', 'docx', 'streamlit') if m in sys.modules))")
    assert _run(code, tmp_path / "cache") == "[]"


@pytest.mark.timeout(120)
def test_the_parsed_hyphenation_copy_gives_the_same_grade_and_survives_damage(tmp_path: Path):
    code = ("from shadowreport.checks.readability import readability\n"
            f"print(readability({ENGLISH!r} * 3, 'en').value)")
    cache = tmp_path / "cache"
    first = _run(code, cache)  # parses the dictionary and keeps a copy
    copies = list((cache / "shadowreport" / "pyphen").glob("*.bin"))
    assert len(copies) == 1 and copies[0].stat().st_mode & 0o777 == 0o600
    assert _run(code, cache) == first  # read from the copy
    damaged = bytearray(copies[0].read_bytes())
    damaged[-10] ^= 0xFF
    copies[0].write_bytes(bytes(damaged))
    assert _run(code, cache) == first  # a damaged copy is parsed afresh, never trusted
    assert copies[0].read_bytes() != bytes(damaged)
    with_cache = _run(code, cache)
    assert _run(code, cache, SHADOWREPORT_NO_CACHE="1") == with_cache == first


@pytest.mark.timeout(120)
def test_one_copy_per_dictionary_whatever_the_installation(tmp_path: Path):
    """Copies are named by the dictionary's content, so new environments of the same pyphen share one,
    and a copy of an older dictionary is removed when its successor is written."""
    import pyphen

    code = ("from shadowreport.checks.readability import readability\n"
            f"print(readability({ENGLISH!r} * 3, 'en').value)")
    stem = pyphen.LANGUAGES[pyphen.language_fallback("en")].stem
    folder = tmp_path / "cache" / "shadowreport" / "pyphen"
    folder.mkdir(parents=True)
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"
    older = folder / f"hyphenation-{stem}-{python}-0123456789abcdef01234567.bin"
    other_python = folder / f"hyphenation-{stem}-py39-0123456789abcdef01234567.bin"
    other_python.write_bytes(b"another Python's copy")
    older.write_bytes(b"an older copy")
    _run(code, tmp_path / "cache")
    _run(code, tmp_path / "cache")
    assert not older.exists()
    assert other_python.exists()  # two Pythons on one machine keep a copy each
    assert len(list(folder.glob(f"hyphenation-{stem}-{python}-*.bin"))) == 1
