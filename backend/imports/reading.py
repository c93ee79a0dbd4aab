"""A participant list as a table: CSV (comma, semicolon or tab; UTF-8, with or without BOM, or Windows-1252) or
XLSX (the first sheet, read with openpyxl). Every cell comes back as text, stripped; empty rows are left out but
keep their spreadsheet row numbers, so a problem names the row the coordinator sees."""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

from django.utils.translation import gettext
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from common.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 60


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    """(the row's number in the spreadsheet, its cells), header row excluded, empty rows left out."""

    @staticmethod
    def letter(index: int) -> str:
        return get_column_letter(index + 1)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _table(raw_rows: Any, first_row: int = 1) -> Table:
    rows: list[tuple[int, list[str]]] = []
    headers: list[str] | None = None
    for number, raw in enumerate(raw_rows, start=first_row):
        cells = [_text(value) for value in raw]
        if headers is None:
            if not any(cells):
                continue  # blank lines above the header
            while cells and not cells[-1]:
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                raise DomainError(
                    gettext("The file has more than %(count)d columns. Keep only the columns to import.")
                    % {"count": MAX_COLUMNS},
                    field="file",
                )
            headers = cells
            continue
        if not any(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise DomainError(
                gettext("The file has more than %(count)d rows. Split it into smaller files.") % {"count": MAX_ROWS},
                field="file",
            )
        cells = (cells + [""] * len(headers))[: len(headers)]
        rows.append((number, cells))
    if headers is None:
        raise DomainError(gettext("The file is empty."), field="file")
    seen: set[str] = set()
    for index, header in enumerate(headers):
        if not header:
            headers[index] = gettext("Column %(letter)s") % {"letter": Table.letter(index)}
        while headers[index].casefold() in seen:
            headers[index] += " *"
        seen.add(headers[index].casefold())
    return Table(headers=headers, rows=rows)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError(gettext("The file's text could not be read. Save it as CSV UTF-8 and try again."), field="file")


def read_csv(data: bytes) -> Table:
    text = _decode(data)
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return _table(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error:
        raise DomainError(gettext("The file is not a CSV table we can read."), field="file") from None


def read_xlsx(stream: IO[bytes]) -> Table:
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DomainError(
            gettext("The file is not an Excel workbook we can read (.xlsx). Save it as .xlsx or CSV."), field="file"
        ) from None
    try:
        sheet = book.worksheets[0]
        return _table(sheet.iter_rows(values_only=True))
    finally:
        book.close()


def read_table(name: str, data: bytes) -> Table:
    """The table in an uploaded file, by its content (an XLSX is a zip file), else by its name."""
    if len(data) > MAX_BYTES:
        raise DomainError(
            gettext("The file is larger than %(size)d MB. Split it into smaller files.")
            % {"size": MAX_BYTES // (1024 * 1024)},
            field="file",
        )
    if data[:4] == b"PK\x03\x04":
        return read_xlsx(io.BytesIO(data))
    if name.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise DomainError(
            gettext("The file is not an Excel workbook we can read (.xlsx). Save it as .xlsx or CSV."), field="file"
        )
    return read_csv(data)
