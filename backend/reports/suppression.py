"""Small-cell suppression of a report's tables, so that nobody can be recognised in a funder's report.

The rules (docs/reports.md says the same in plain words):

1. **Small cells.** A count of 1 to 4 people is shown as "< 5". A count of 0 is shown as 0: it tells that nobody
   falls in the cell, which the rule allows (the safe choice is to hide 1–4, never the exact number).
2. **No recovery by subtraction in a table.** Every row and every column of a table, with its total, is one
   equation; a hidden cell must not be worked out from it. For each line whose hidden cells could be pinned to one
   value (e.g. a single "< 5" cell next to a shown total, or two "< 5" cells whose sum the total gives as 8; any
   hidden cell, not only the small ones, is so protected), the
   smallest shown non-zero cell of the line is hidden as well (secondary suppression; shown as "–", since it is
   not a small count), or the line's total when no such cell is left. Lines are checked again until none can be
   pinned. The check is line by line (rows and columns in turn), not a full linear-programming audit.
3. **No recovery by comparing two reports.** A report counts whole calendar months (the period asked for is
   widened to its months, see ``selectors.Period``), so two reports whose periods differ by a day inside a month
   are the same report. A cell is hidden ("–") when its earliest or its latest month with anybody in it holds
   1 to 4 people: then the report for the same months less any number of months at either end (the one a day
   shorter or longer across a month's boundary, above all) differs from this one, in every shown cell, by 0 or by
   5 or more people, never by 1 to 4. Each figure's grand total is exempt: it names nobody's language, city, role
   or reason, and a person's being counted at all is what the comparer already knows.

A hidden cell is never sent: the API, the CSV and the XLSX carry only what is shown.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

THRESHOLD = 5
"""The smallest count shown: 1 to THRESHOLD - 1 people are shown as "< 5"."""

TOTAL = "__total__"
"""The key of a table's total row and total column."""


class CellStatus(StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # 1 to 4 people: "< 5"
    HIDDEN = "hidden"  # hidden so that a small cell cannot be worked out: "–"


@dataclass
class Cell:
    value: int
    months: dict[date, int] = field(default_factory=dict)
    status: CellStatus = CellStatus.SHOWN

    @property
    def bounds(self) -> tuple[float, float]:
        """What a reader knows of the value from what is shown."""
        if self.status is CellStatus.SHOWN:
            return (self.value, self.value)
        if self.status is CellStatus.SMALL:
            return (1, THRESHOLD - 1)
        return (THRESHOLD, float("inf"))


@dataclass
class Grid:
    """A table of counts: rows × columns, with a total row when it has several rows and a total column when it
    has several columns (both keyed TOTAL). ``cells[(row, column)]``."""

    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], Cell]

    @property
    def all_rows(self) -> list[str]:
        return [*self.rows, TOTAL] if len(self.rows) > 1 else list(self.rows)

    @property
    def all_columns(self) -> list[str]:
        return [*self.columns, TOTAL] if len(self.columns) > 1 else list(self.columns)

    @property
    def grand_total(self) -> tuple[str, str]:
        return (self.all_rows[-1], self.all_columns[-1])

    def lines(self) -> Iterable[tuple[list[tuple[str, str]], tuple[str, str]]]:
        """Every row and column that has a total, as (its cells, its total)."""
        if len(self.columns) > 1:
            for row in self.all_rows:
                yield [(row, column) for column in self.columns], (row, TOTAL)
        if len(self.rows) > 1:
            for column in self.all_columns:
                yield [(row, column) for row in self.rows], (TOTAL, column)


def grid_of(
    rows: Sequence[str], columns: Sequence[str], months: dict[tuple[str, str, date], int], *, about_people: bool = True
) -> Grid:
    """The grid of ``months`` ((row, column, month) → count), with its totals, suppressed by the rules above.
    A count that is not of people (rounds formed) is shown as it is: it can name nobody."""
    cells: dict[tuple[str, str], Cell] = {}
    grid = Grid(list(rows), list(columns), cells)
    for row in grid.all_rows:
        for column in grid.all_columns:
            cells[(row, column)] = Cell(0)
    for (row, column, month), count in months.items():
        for key in {(row, column), (row, TOTAL), (TOTAL, column), (TOTAL, TOTAL)}:
            cell = cells.get(key)
            if cell is not None:
                cell.value += count
                cell.months[month] = cell.months.get(month, 0) + count
    if about_people:
        suppress(grid)
    return grid


def _edge_is_small(cell: Cell) -> bool:
    filled = [cell.months[month] for month in sorted(cell.months) if cell.months[month]]
    return bool(filled) and (filled[0] < THRESHOLD or filled[-1] < THRESHOLD)


def _pinned(grid: Grid, members: list[tuple[str, str]], total: tuple[str, str]) -> bool:
    """Whether the line lets a reader work out a hidden cell exactly (from the sum its total gives). Every hidden
    cell is protected, not only the small ones: a cell hidden by rule 3 would otherwise be worked out here and
    compared with another report."""
    cells = [grid.cells[key] for key in members]
    hidden = [cell for cell in cells if cell.status is not CellStatus.SHOWN]
    if not hidden:
        return False
    total_low, total_high = grid.cells[total].bounds
    shown = sum(cell.value for cell in cells if cell.status is CellStatus.SHOWN)
    for cell in hidden:
        others = [other for other in hidden if other is not cell]
        own_low, own_high = cell.bounds
        low = max(own_low, total_low - shown - sum(other.bounds[1] for other in others))
        high = min(own_high, total_high - shown - sum(other.bounds[0] for other in others))
        if low >= high:
            return True
    return False


def suppress(grid: Grid) -> None:
    """Marks each cell shown, small or hidden (rules 1–3 of the module's docstring), in place."""
    for key, cell in grid.cells.items():
        if 0 < cell.value < THRESHOLD:
            cell.status = CellStatus.SMALL
        elif key != grid.grand_total and _edge_is_small(cell):
            cell.status = CellStatus.HIDDEN
    changed = True
    while changed:
        changed = False
        for members, total in grid.lines():
            if grid.cells[total].status is CellStatus.HIDDEN or not _pinned(grid, members, total):
                continue
            candidates = [
                key for key in members if grid.cells[key].status is CellStatus.SHOWN and grid.cells[key].value
            ]
            target = min(candidates, key=lambda key: grid.cells[key].value) if candidates else total
            grid.cells[target].status = CellStatus.HIDDEN
            changed = True
