"""Hostile input: the cases that once hung or ran for minutes, each read (or refused in one sentence)
as a user's file would be. The figures are what `tests/test_docx_hostile.py`,
`tests/test_markdown_importer.py` and `tests/test_hostile_inputs.py` only bound generously."""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

from shadowreport.export import export_project
from shadowreport.importers import DraftImportError, read_draft, read_draft_bytes
from shadowreport.paths import builtin_dir
from shadowreport.project.exchange import read_project
from shadowreport.rules import load_rules

from . import Benchmark

_FOLDER = Path(tempfile.mkdtemp(prefix="shadowreport-bench-hostile-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _markdown(text: str):
    return lambda: read_draft_bytes(text.encode(), "hostile.md")


@lru_cache(maxsize=1)
def _roman_trillion() -> bytes:
    """A real export whose lists are rewritten to count in roman numerals from 999,999,999,999."""
    source = _FOLDER / "sample.docx"
    export_project(read_project(builtin_dir("samples") / "upr-individual-trafficking.yml"), load_rules(), source,
                   allow_personal_data=True)
    target = _FOLDER / "roman.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "word/numbering.xml":
                text = re.sub(r'<w:start(Override)? w:val="\d+"/>', "", data.decode())
                data = re.sub(r'<w:numFmt w:val="\w+"/>', '<w:start w:val="999999999999"/><w:numFmt w:val="upperRoman"/>', text).encode()
            rewritten.writestr(item, data)
    return target.read_bytes()


@lru_cache(maxsize=1)
def _huge_document() -> Path:
    """A .docx of 3 MB whose document.xml unpacks to 95 MB."""
    path = _FOLDER / "huge.docx"
    paragraph = "<w:p><w:r><w:t>" + "forced labour in the fishing fleet " * 8 + "</w:t></w:r></w:p>"
    count = 95 * 1024 * 1024 // len(paragraph)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                         'wordprocessingml.document.main+xml"/></Types>')
        with package.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(f'<w:document xmlns:w="{_W}"><w:body>'.encode())
            for _ in range(count // 1000):
                stream.write((paragraph * 1000).encode())
            stream.write(b"</w:body></w:document>")
    return path


def _refused(read) -> None:
    try:
        read()
    except DraftImportError:
        return
    raise AssertionError("the hostile file was read, not refused")


def benchmarks() -> list[Benchmark]:
    return [
        Benchmark("hostile: Markdown, 100,000 '['", _markdown("[" * 100_000), repeat=3),
        Benchmark("hostile: Markdown, 100,000 '*' after a word", _markdown("Emphasis " + "*" * 100_000), repeat=3),
        Benchmark("hostile: Markdown, 40,000 headings", _markdown("# Recommendations\n\n" * 40_000), repeat=3),
        Benchmark("hostile: .docx lists from 999,999,999,999 in roman", lambda data: read_draft_bytes(data, "roman.docx"),
                  repeat=3, setup=_roman_trillion),
        Benchmark("hostile: .docx, 95 MB document.xml (refused)", lambda path: _refused(lambda: read_draft(path)),
                  repeat=3, setup=_huge_document),
    ]
