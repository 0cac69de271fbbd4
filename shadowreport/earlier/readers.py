"""Reading earlier recommendations from the files NGOs download: UHRI's .xlsx, UPR Info's .csv, OHCHR's Word tables.

Every reader turns a table into rows of {column: text}; one mapping (``_record``) then reads the
columns the three sources name differently (and OHCHR's typo "Reccomending"). A file that cannot be
used gets one sentence naming the file and what is wrong (:class:`EarlierReadError`), never a traceback.
The published layouts are described in ``/work/shared/research/wave2.md`` section 1 and in the tests.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path
from collections.abc import Iterable
from functools import lru_cache

from pydantic import ValidationError

from ..inputfile import NotRegularFile, regular_file_stat
from .model import EarlierRecommendation, deduplicate, fold

MAX_BYTES = 60 * 1024 * 1024  # UHRI's whole database (~270,000 records) exports to about 40 MB
MAX_ROWS = 400_000
MAX_UNPACKED = 400 * 1024 * 1024  # what an .xlsx may unpack to: a 400,000-row sheet is well under it
MAX_RATIO = 150
EXPECTED = "an .xlsx (UHRI), .csv (UPR Info) or .docx (OHCHR matrix or thematic list) file"


class EarlierReadError(ValueError):
    """A file of earlier recommendations that cannot be used; the message is one sentence."""


# --- files ---------------------------------------------------------------------------------------


def read_earlier(path: Path | str) -> list[EarlierRecommendation]:
    """Every recommendation (and observation) in the file, whatever State it concerns."""
    path = Path(path)
    try:
        size = regular_file_stat(path, EXPECTED, path.name).st_size
        if size > MAX_BYTES:
            raise EarlierReadError(f"{path.name}: the file is {size // (1024 * 1024)} MB, more than the {MAX_BYTES // (1024 * 1024)} MB this tool reads; export one State only.")
        data = path.read_bytes()
    except NotRegularFile as error:
        raise EarlierReadError(str(error)) from None
    except OSError as error:
        raise EarlierReadError(f"{path.name}: cannot be read ({error.strerror or error}).") from None
    return read_earlier_bytes(data, path.name)


def read_earlier_bytes(data: bytes, name: str) -> list[EarlierRecommendation]:
    if not data:
        raise EarlierReadError(f"{name}: the file is empty.")
    if len(data) > MAX_BYTES:
        raise EarlierReadError(f"{name}: the file is {len(data) // (1024 * 1024)} MB, more than the {MAX_BYTES // (1024 * 1024)} MB this tool reads; export one State only.")
    suffix = Path(name).suffix.lower()
    if data.startswith(b"PK"):
        parts = _zip_parts(data, name)
        if any(p.startswith("word/") for p in parts):
            return read_docx_tables(data, name)
        if any(p.startswith("xl/") for p in parts) or "content.xml" in parts:
            return read_workbook(data, name)
        raise EarlierReadError(f"{name}: a ZIP package that is neither an Excel workbook nor a Word document; give {EXPECTED}.")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # an OLE compound file: old Office, or a password-protected new one
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise EarlierReadError(f"{name}: the file is password-protected; remove the password (in Excel or Word: File > Info > Protect) and try again.")
        if suffix == ".xls":
            return read_workbook(data, name)
        raise EarlierReadError(f"{name}: an old Office file (.doc or .xls); save it as .xlsx or .docx and try again.")
    if suffix in (".xlsx", ".xlsm", ".ods", ".docx", ".xls"):
        raise EarlierReadError(f"{name}: not a real {suffix} file (it is not a ZIP package); the file is damaged or misnamed.")
    return read_csv(data, name)


def _zip_parts(data: bytes, name: str) -> set[str]:
    """The part names, after refusing a damaged package or a 'zip bomb' before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise EarlierReadError(f"{name}: the file is damaged and cannot be opened as an Excel or Word file.") from None
    if len(entries) > 5000:
        raise EarlierReadError(f"{name}: the package has {len(entries)} parts, far more than a workbook or document has; refused for safety.")
    total = sum(e.file_size for e in entries)
    if total > MAX_UNPACKED or any(e.file_size > 10 * 1024 * 1024 and e.file_size > MAX_RATIO * max(e.compress_size, 1) for e in entries):
        raise EarlierReadError(f"{name}: the package would unpack to {total // (1024 * 1024)} MB (a 'zip bomb'); refused for safety.")
    return {e.filename for e in entries}


# --- Excel ---------------------------------------------------------------------------------------


def read_workbook(data: bytes, name: str) -> list[EarlierRecommendation]:
    """UHRI's "Export to Excel": the first sheet whose header row (in its first ten rows) names a Text column."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        for sheet_name in names:
            sheet = book.get_sheet_by_name(sheet_name)
            if sheet.height > MAX_ROWS + 10:
                raise EarlierReadError(f"{name}: sheet '{sheet_name}' has {sheet.height:,} rows, more than the {MAX_ROWS:,} this tool reads; export one State only.")
            rows = sheet.to_python(skip_empty_area=False)
            header_at = _header_row(rows)
            if header_at is not None:
                return _records(rows[header_at], rows[header_at + 1:], name, f"sheet '{sheet_name}'")
    except EarlierReadError:
        raise
    except Exception as error:  # calamine's errors (password, XML, zip) share no base class worth naming
        message = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        if "password" in message.lower() or "encrypt" in message.lower():
            raise EarlierReadError(f"{name}: the workbook is password-protected; remove the password in Excel and try again.") from None
        raise EarlierReadError(f"{name}: the workbook is damaged and cannot be read ({message}).") from None
    shown = ", ".join(f"'{n}'" for n in names[:5]) or "none"
    raise EarlierReadError(f"{name}: no sheet has a 'Text' or 'Recommendation' column in its first rows (sheets: {shown}); give UHRI's export as downloaded.")


def _header_row(rows: list[list]) -> int | None:
    for index, row in enumerate(rows[:10]):
        if any(_field(_cell(value)) in ("text", "title") for value in row):
            return index
    return None


# --- CSV -----------------------------------------------------------------------------------------


def read_csv(data: bytes, name: str) -> list[EarlierRecommendation]:
    """UPR Info's database (Uwazi) or any re-export: any encoding Excel writes, ',' ';' or tab between fields."""
    text = _decode(data, name)
    sample = text[:65536]
    first_line = sample.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = max(",;\t", key=first_line.count)
    try:
        rows = list(_limited(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), name))
    except csv.Error as error:
        raise EarlierReadError(f"{name}: the CSV file is malformed ({error}).") from None
    if not rows:
        raise EarlierReadError(f"{name}: the file is empty.")
    header_at = _header_row(rows) or 0  # a title line or two may stand above the column names
    return _records(rows[header_at], rows[header_at + 1:], name, "the header row")


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise EarlierReadError(f"{name}: not a text file (it holds binary data); give {EXPECTED}.")
    for encoding in ("utf-8-sig",) if not data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-16",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise EarlierReadError(f"{name}: the text encoding cannot be recognised; save the file again as 'CSV UTF-8'.")
    return data.decode(best.encoding, errors="replace")


def _limited(rows: Iterable[list[str]], name: str) -> Iterable[list[str]]:
    for index, row in enumerate(rows):
        if index > MAX_ROWS:
            raise EarlierReadError(f"{name}: more than {MAX_ROWS:,} rows, more than this tool reads; export one State only.")
        yield row


# --- Word tables ---------------------------------------------------------------------------------


def read_docx_tables(data: bytes, name: str) -> list[EarlierRecommendation]:
    """OHCHR's 3rd-cycle matrix and 4th-cycle thematic list: tables whose first row names the recommendation and the position."""
    tables = word_tables(data, name)
    records: list[EarlierRecommendation] = []
    found = False
    for table in tables:
        header = [fold(" ".join(cell)) for cell in table[0]] if table else []
        if len(header) < 2 or "recommendation" not in header[0] or "position" not in header[1]:
            continue
        found = True
        records.extend(_matrix_rows(table, header, name))
    if not found:
        raise EarlierReadError(f"{name}: no table of recommendations: OHCHR's matrix or thematic list has a first row naming "
                               f"'Recommendation' and 'Position' (the Word file has {len(tables)} table{'s' if len(tables) != 1 else ''}).")
    return deduplicate(records)


MAX_DOCUMENT_XML = 32 * 1024 * 1024  # as the .docx importer: far more markup than any list of recommendations
MAX_MARKUP = 2_000_000  # tags and attributes: each becomes a node in memory
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def _word_xml(package: zipfile.ZipFile, path: str, name: str):
    """A part parsed as the .docx importer parses (importers/docx.py): bounded in size and markup, no DTD or
    entities, no network; None when the part is missing."""
    from lxml import etree

    try:
        declared = package.getinfo(path).file_size
    except KeyError:
        return None
    if declared > MAX_DOCUMENT_XML:
        raise EarlierReadError(f"{name}: the Word text unpacks to {declared // (1024 * 1024)} MB, far more than a list of recommendations; refused for safety.")
    try:
        with package.open(path) as stream:
            raw = stream.read(MAX_DOCUMENT_XML + 1)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError):
        raise EarlierReadError(f"{name}: the Word file is damaged ({path} cannot be unpacked).") from None
    if len(raw) > MAX_DOCUMENT_XML:
        raise EarlierReadError(f"{name}: {path} unpacks to more than its stated size; the file is damaged or hostile, refused for safety.")
    if re.search(rb"<!(DOCTYPE|ENTITY)", raw, re.IGNORECASE):
        raise EarlierReadError(f"{name}: {path} declares a DTD or entities, which Word never writes; refused for safety.")
    if raw.count(b"<") + raw.count(b"=") > MAX_MARKUP:
        raise EarlierReadError(f"{name}: {path} holds more than {MAX_MARKUP:,} tags and attributes, far more than a list of recommendations; refused for safety.")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as error:
        raise EarlierReadError(f"{name}: {path} is not well-formed XML (line {error.lineno}); the file is damaged.") from None


def _document_path(package: zipfile.ZipFile, name: str) -> str:
    rels = _word_xml(package, "_rels/.rels", name)
    for relation in (rels.iter("{http://schemas.openxmlformats.org/package/2006/relationships}Relationship") if rels is not None else ()):
        if relation.get("Type") == OFFICE_DOCUMENT and relation.get("TargetMode") != "External":
            return relation.get("Target", "").lstrip("/")
    return "word/document.xml"


def _paragraph(element) -> str:
    """A paragraph's text: runs joined, tabs and breaks as spaces, white space (non-breaking too) collapsed."""
    pieces = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        tag = node.tag
        pieces.append(node.text or "" if tag == f"{W}t" else "-" if tag == f"{W}noBreakHyphen" else " ")
    return " ".join("".join(pieces).split())


def word_tables(data: bytes, name: str) -> list[list[list[list[str]]]]:
    """The document's tables: rows of cells of paragraphs (a Word cell's lines are its paragraphs).

    A table nested in a cell is read as more lines of that cell; nesting is walked without recursion."""
    from lxml import etree

    _zip_parts(data, name)  # refuses a damaged package or a zip bomb first
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        path = _document_path(package, name)
        document = _word_xml(package, path, name)
    if document is None:
        raise EarlierReadError(f"{name}: the .docx has no {path}; it is not a Word document or is damaged.")
    tables: list[list[list[list[str]]]] = []
    depth = inside = 0  # tables open, paragraphs open
    for event, element in etree.iterwalk(document, events=("start", "end"), tag=(f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}p")):
        tag = element.tag
        if tag == f"{W}tbl":
            depth += 1 if event == "start" else -1
            if event == "start" and depth == 1:
                tables.append([])
        elif tag == f"{W}p":
            if event == "start" and depth and not inside:
                text = _paragraph(element)
                if text and tables[-1] and tables[-1][-1]:
                    tables[-1][-1][-1].append(text)
            inside += 1 if event == "start" else -1
        elif event == "start" and depth == 1 and not inside:
            if tag == f"{W}tr":
                tables[-1].append([])
            elif tables[-1]:
                tables[-1][-1].append([])
    return tables


_SOURCE = re.compile(r"^source of position\s*:\s*", re.IGNORECASE)
_THEME_ROW = re.compile(r"^theme\s*:\s*", re.IGNORECASE)
_SUBLIST = re.compile(r"^(groups? of persons|affected persons|persons affected|sdgs?)\s*:\s*(.*)$", re.IGNORECASE)


def _matrix_rows(table: list[list[list[str]]], header: list[str], name: str) -> Iterable[EarlierRecommendation]:
    themes_at = next((i for i, h in enumerate(header) if "theme" in h), None)
    sdgs_at = next((i for i, h in enumerate(header) if "sdg" in h), None)
    assessment_at = next((i for i, h in enumerate(header) if "assessment" in h or "implementation" in h), None)
    heading_theme = ""
    for row in table[1:]:
        lines = [" ".join(cell) for cell in row]
        first = row[0] if row else []
        distinct = {line for line in lines if line}
        if len(distinct) == 1 and _THEME_ROW.match(next(iter(distinct))):  # a "Theme: ..." row, merged across the table
            heading_theme = _THEME_ROW.sub("", next(iter(distinct))).strip()
            continue
        text_lines = [line for line in first if not _SOURCE.match(line)]
        text = " ".join(text_lines).strip()
        if not text:
            continue
        position_source = next((_SOURCE.sub("", line).strip() for cell in row for line in cell if _SOURCE.match(line)), "")
        position_cell = row[1] if len(row) > 1 else []
        position = " ".join(line for line in position_cell if not _SOURCE.match(line))
        themes: list[str] = []
        affected: list[str] = []
        sdgs: list[str] = []
        if themes_at is not None and themes_at < len(row):
            target = themes
            for line in row[themes_at]:
                sub = _SUBLIST.match(line)
                if sub:
                    target = sdgs if sub.group(1).lower().startswith("sdg") else affected
                    line = sub.group(2)
                target.extend(_values(line))
        if sdgs_at is not None and sdgs_at < len(row) and sdgs_at != themes_at:
            for line in row[sdgs_at]:
                sdgs.extend(_values(line))
        comment = " ".join(row[assessment_at]).strip() if assessment_at is not None and assessment_at < len(row) else ""
        paragraph, text = _split_number(text)
        record = {
            "id": _stable_id("", _report_symbol(position_source), paragraph, text),
            "text": text, "paragraph": paragraph, "symbol": _report_symbol(position_source), "position": _position(position),
            "position_source": position_source, "recommending": _trailing_groups(text), "themes": themes or ([heading_theme] if heading_theme else []),
            "affected_persons": affected, "sdgs": sdgs, "type": "Recommendations",
        }
        if comment:
            record["assessment"] = {"status": "no-information", "comment": comment}
        yield _validated(record, name, f"the row of {paragraph or text[:40]!r}")


def _report_symbol(position_source: str) -> str:
    """'A/HRC/59/15/Add.1 - Para.3' -> 'A/HRC/59/15': the Working Group report whose paragraphs number the recommendations."""
    symbol = re.split(r"\s+-\s+|\s*,?\s*para", position_source, maxsplit=1, flags=re.IGNORECASE)[0].strip()
    return re.sub(r"/Add\.\d+$", "", symbol, flags=re.IGNORECASE)


# --- columns to records ------------------------------------------------------------------------

# Column names as the sources write them, folded to letters and spaces; OHCHR's "Reccomending" too.
COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "recommendation", "recommendations", "recommendation and recommending state"),
    "title": ("title",),
    "state": ("countries concerned", "country concerned", "state under review", "sur", "state"),
    "recommending": ("upr reccomending states", "upr recommending states", "recommending state", "recommending states", "rs"),
    "body": ("reccomending body", "recommending body", "body"),
    "position": ("upr position", "response", "position", "position of the state under review"),
    "symbol": ("document symbol", "symbol"),
    "themes": ("themes", "issues", "issue", "theme", "human rights themes and groups of persons"),
    "sdgs": ("sdgs", "sdg", "relevant sdgs"),
    "affected_persons": ("affected persons", "groups of persons"),
    "session": ("upr session", "session"),
    "cycle": ("cycle", "upr cycle"),
    "action_category": ("action category", "action", "a"),
    "date": ("document publication date", "date", "date of publication"),
    "source_id": ("ohchr annotation id", "sharedid", "shared id", "id"),
    "type": ("type",),
}
_LOOKUP = {alias: field for field, aliases in COLUMNS.items() for alias in aliases}


def _field(header: str) -> str | None:
    return _LOOKUP.get(" ".join(re.sub(r"[^a-z0-9]+", " ", fold(header)).split()))


def _cell(value: object) -> str:
    if value.__class__ is str:
        return value.replace("\u00a0", " ").strip() if "\u00a0" in value else value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).replace("\u00a0", " ").strip()


def _records(header_row: list, rows: list[list], name: str, where: str) -> list[EarlierRecommendation]:
    columns: dict[str, int] = {}
    for index, value in enumerate(header_row):
        field = _field(_cell(value))
        if field and field not in columns:
            columns[field] = index
    if "text" not in columns and "title" in columns:
        columns["text"] = columns.pop("title")
    if "text" not in columns:
        found = ", ".join(f"'{_cell(v)[:40]}'" for v in header_row[:8] if _cell(v)) or "no column names"
        raise EarlierReadError(f"{name}: {where} has no 'Text' or 'Recommendation' column (found {found}); give UHRI's, UPR Info's or OHCHR's export as downloaded.")
    records = []
    for number, row in enumerate(rows, start=2):
        values = {field: (row[index] if index < len(row) else None) for field, index in columns.items()}
        text = _cell(values["text"])
        if not text:
            continue
        paragraph, text = _split_number(text)
        states = _multi(values.get("recommending"))
        body = " ".join(_multi(values.get("body")))
        record = {
            "id": _stable_id(_cell(values.get("source_id")), _cell(values.get("symbol")), paragraph, text),
            "text": text, "paragraph": paragraph, "symbol": _cell(values.get("symbol")), "state": " ".join(_multi(values.get("state"))),
            "recommending": [s for value in states for s in (_trailing_groups(value) if value.startswith("(") else [value])] or ([body] if body else []),
            "position": _position(_cell(values.get("position"))), "body": body, "type": " ".join(_multi(values.get("type"))),
            "cycle": " ".join(_multi(values.get("cycle"))), "session": _session(" ".join(_multi(values.get("session")))),
            "themes": _multi(values.get("themes")), "sdgs": _multi(values.get("sdgs")), "affected_persons": _multi(values.get("affected_persons")),
            "action_category": " ".join(_multi(values.get("action_category"))), "date": _date(values.get("date")),
            "source_id": _cell(values.get("source_id")),
        }
        records.append(_validated(record, name, f"row {number}"))
    return deduplicate(records)


def _stable_id(source_id: str, symbol: str, paragraph: str, text: str) -> str:
    """The same record read from the same file twice gets the same id, so links to it survive a re-import."""
    key = source_id or (f"{symbol}|{paragraph}" if paragraph else text)
    return "er-" + hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


def _validated(record: dict, name: str, where: str) -> EarlierRecommendation:
    try:
        return EarlierRecommendation.model_validate(record)
    except ValidationError as error:
        problem = error.errors()[0]
        field = ".".join(str(p) for p in problem["loc"])
        raise EarlierReadError(f"{name}: {where}: '{field}' cannot be read ({problem['msg'].lower()}).") from None


def _multi(value: object) -> list[str]:
    """A cell's values: one a line, each after '- ' (UHRI), or separated by '|' (Uwazi)."""
    text = _cell(value)
    return list(_split_values(text)) if text else []


@lru_cache(maxsize=65536)  # themes, persons and States repeat from row to row
def _split_values(text: str) -> tuple[str, ...]:
    parts = text.splitlines() if "\n" in text or "\r" in text else text.split("|") if "|" in text else [text]
    return tuple(v for p in parts for v in _values(p))


_BULLET = re.compile(r"^[-\u2013\u2022]\s+")


def _values(line: str) -> list[str]:
    """A value without its "- " or bullet; none when the line is empty."""
    line = line.strip()
    if line[:1] in ("-", "\u2013", "\u2022"):
        line = _BULLET.sub("", line).strip()
    return [line] if line else []


_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+|\d{1,3}\.)\s+(?=\S)")


def _split_number(text: str) -> tuple[str, str]:
    """'136.2 Ratify ...' -> ('136.2', 'Ratify ...'); a year or a count at the start is no paragraph number."""
    text = " ".join(text.replace("\u00a0", " ").split())
    match = _NUMBER.match(text)
    if not match:
        return "", text
    return match.group(1).rstrip("."), text[match.end():]


def _trailing_groups(text: str) -> list[str]:
    """The bracketed groups that end a text: '... (Maldives) (Portugal);' -> ['Maldives', 'Portugal'].
    Brackets inside a name are kept: '(Venezuela (Bolivarian Republic of))'."""
    groups: list[str] = []
    end = len(text.rstrip(" ;.,"))
    while end > 0 and text[end - 1] == ")":
        depth, start = 0, end - 1
        while start >= 0:
            depth += {")": 1, "(": -1}.get(text[start], 0)
            if depth == 0:
                break
            start -= 1
        if start < 0:
            break
        groups.insert(0, " ".join(text[start + 1:end - 1].split()))
        end = len(text[:start].rstrip(" ,;"))
    return [g for g in groups if g]


def _position(value: str) -> str | None:
    folded = fold(value)
    if not folded:
        return None
    if "not support" in folded or "noted" in folded or "reject" in folded or "not accept" in folded:
        return "noted" if "support" not in folded.replace("not support", "") else None  # "Supported/Noted" is neither
    if "support" in folded or "accept" in folded:
        return "supported"
    return None


@lru_cache(maxsize=4096)
def _session(value: str) -> str:
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?\s*(?:session)?", value.strip(), re.IGNORECASE)
    return match.group(1) if match else value


EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's serial day 0, counting its 1900 leap-year bug


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and 1 <= value < 100_000:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = _cell(value)
    if re.fullmatch(r"\d{4,5}(\.0+)?", text):
        return _date(float(text))
    for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S", "%d %B %Y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(text[:19], pattern).date()
        except ValueError:
            continue
    return None
