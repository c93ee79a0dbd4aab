"""A report as a download: CSV (UTF-8 with a byte-order mark, so that Excel reads the accents and Arabic script) and
XLSX (openpyxl). Both carry what the page shows, cell for cell: a hidden number is never in a file either.

A text cell that a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage return) gets a
leading apostrophe: a city typed as ``=HYPERLINK(...)`` stays text.
"""

import csv
import io
from typing import Any

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guarded(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _lines(report: dict[str, Any]) -> list[list[Any]]:
    """The report as rows of a sheet: a heading, then each figure as a small table (a hidden cell as its sign)."""
    period = report["period"]
    names = ", ".join(programme["name"] for programme in report["programmes"])
    lines: list[list[Any]] = [
        [gettext("Report for funders"), names],
        [gettext("Period"), period["from"], period["to"]],
        [gettext("Counts of 1 to 4 people are shown as “< 5”; “–” hides a count that would let one be worked out.")],
        [],
    ]
    for figure in report["figures"]:
        lines.append([figure["label"]])
        lines.append(["", *(column["label"] for column in figure["columns"])])
        for row in figure["rows"]:
            lines.append(
                [
                    row["label"],
                    *(cell["value"] if cell["value"] is not None else cell["display"] for cell in row["cells"]),
                ]
            )
        lines.append([])
    waiting = report.get("waiting")
    if waiting:
        lines.append([waiting["label"]])
        lines.append(
            [
                gettext("Everybody"),
                waiting["overall"]["days"] if waiting["overall"]["days"] is not None else waiting["overall"]["display"],
            ]
        )
        for row in waiting["rows"]:
            lines.append([row["label"], row["days"] if row["days"] is not None else row["display"]])
    return lines


def _safe(value: Any) -> Any:
    return guarded(value) if isinstance(value, str) else value


def report_csv(report: dict[str, Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in _lines(report):
        writer.writerow([_safe(value) for value in line])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def report_xlsx(report: dict[str, Any], *, right_to_left: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = gettext("Report")[:31]
    sheet.sheet_view.rightToLeft = right_to_left
    titles = {figure["label"] for figure in report["figures"]} | {gettext("Report for funders")}
    if report.get("waiting"):
        titles.add(report["waiting"]["label"])
    for line in _lines(report):
        sheet.append([_safe(value) for value in line])
        if line and line[0] in titles:
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 42
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
