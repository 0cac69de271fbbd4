"""How wide a font's text runs and how tall its lines stand: what a page estimate needs of a font.

Two figures per font, in ems: the average advance of a character of ordinary text (letters, spaces,
figures and punctuation in the proportions of a report), and the height of a single-spaced line
(the font's Windows ascent plus descent, which is how Word spaces lines).

The fonts most reports use are in ``KNOWN``, measured with fontTools from the free fonts that have
their metrics (Liberation Sans for Arial, Liberation Serif for Times New Roman, Carlito for Calibri,
Caladea for Cambria), so every machine gets the same figure. Another font is measured from the file
fontconfig finds for it (the file LibreOffice would use on this machine), once, and kept in the cache
folder; without fontconfig or fontTools it counts as Arial, and the estimate says it is one.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass

from . import cache


@dataclass(frozen=True)
class FontMetrics:
    average_width: float  # ems per character of ordinary text
    line_height: float  # ems per single-spaced line
    measured: bool = True  # False: the font is unknown here and Arial's figures stand in


_ARIAL = FontMetrics(0.4376, 1.1172)
_TIMES = FontMetrics(0.4011, 1.1074)
_CALIBRI = FontMetrics(0.4066, 1.2207)
_CAMBRIA = FontMetrics(0.4076, 1.3000)
_COURIER = FontMetrics(0.6001, 1.1328)
KNOWN = {
    "arial": _ARIAL, "liberation sans": _ARIAL, "helvetica": _ARIAL, "arimo": _ARIAL,
    "times new roman": _TIMES, "liberation serif": _TIMES, "times": _TIMES, "tinos": _TIMES,
    "calibri": _CALIBRI, "carlito": _CALIBRI,
    "cambria": _CAMBRIA, "caladea": _CAMBRIA,
    "courier new": _COURIER, "liberation mono": _COURIER, "cousine": _COURIER,
    "dejavu sans": FontMetrics(0.5035, 1.1641), "dejavu serif": FontMetrics(0.5116, 1.1641),
}
DEFAULT = FontMetrics(_ARIAL.average_width, _ARIAL.line_height, measured=False)

# Ordinary report text, written for this purpose: its characters weigh the average width.
SAMPLE = ("The State should adopt a national action plan against trafficking in human beings, with a budget, "
          "indicators and a timetable, and report on its implementation within two years. In 2024, 1,312 victims "
          "were identified (up from 987); only 14% received a residence permit. We recommend that the Ministry of "
          "Labour trains inspectors to identify forced labour in agriculture, domestic work and construction.")


def metrics(font: str | None) -> FontMetrics:
    """The figures for ``font`` (a family name as a Word file gives it), or Arial's, marked unmeasured."""
    if not font:
        return DEFAULT
    name = " ".join(font.lower().split())
    if name in KNOWN:
        return KNOWN[name]
    return _installed(name) or DEFAULT


def _installed(name: str) -> FontMetrics | None:
    """Measure the file fontconfig picks for ``name``; the figures are kept per file in the cache folder."""
    # The name comes from a file someone else wrote: never let it read as an option or a fontconfig pattern.
    if shutil.which("fc-match") is None or len(name) > 100 or not re.fullmatch(r"[\w][\w .'&+()-]*", name):
        return None
    import subprocess  # only for a font the built-in figures do not know

    try:
        path = subprocess.run(["fc-match", "-f", "%{file}", name], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not path:
        return None
    try:
        from pathlib import Path

        status = Path(path).stat()
    except OSError:
        return None
    import json  # only for a font the built-in figures do not know

    key = cache.digest(path, str(status.st_size), str(status.st_mtime_ns), SAMPLE)
    kept = None if cache.disabled() else cache.read("fonts", "metrics", key)
    if kept is not None:
        try:
            width, height = json.loads(kept)
            return FontMetrics(float(width), float(height))
        except (ValueError, TypeError):
            pass
    measured = _measure(path)
    if measured is not None and not cache.disabled():
        cache.write("fonts", "metrics", key, json.dumps([measured.average_width, measured.line_height]).encode())
    return measured


def _measure(path: str) -> FontMetrics | None:
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        return None
    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            units = font["head"].unitsPerEm
            characters = font.getBestCmap()
            advances = font["hmtx"]
            widths = [advances[characters[ord(c)]][0] for c in SAMPLE if ord(c) in characters]
            os2 = font["OS/2"] if "OS/2" in font else None
            if os2 is not None and os2.usWinAscent + os2.usWinDescent > 0:
                height = (os2.usWinAscent + os2.usWinDescent) / units
            else:
                hhea = font["hhea"]
                height = (hhea.ascent - hhea.descent + hhea.lineGap) / units
    except Exception:  # noqa: BLE001 - any unreadable font file: the default figures stand in
        return None
    if not widths or not units:
        return None
    return FontMetrics(round(sum(widths) / len(widths) / units, 4), round(height, 4))
