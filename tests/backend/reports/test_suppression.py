"""The suppression rules on tables of any shape (reports/suppression.py): no count of 1 to 4 is shown, no hidden
small count can be worked out from its row or column and the totals, and a report one month longer or shorter
never differs from this one by 1 to 4 people in a shown cell."""

from datetime import date
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st
from reports.suppression import TOTAL, CellStatus, Grid, grid_of

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
CAP = 60
"""Above any count the random tables below hold: a hidden cell's possible values are tried up to it."""


def _solutions(grid: Grid, members: list[tuple[str, str]], total: tuple[str, str]) -> dict[tuple[str, str], set[int]]:
    """Every value each hidden cell of a line can take, given what the line shows (brute force, small values)."""
    cells = grid.cells
    hidden = [key for key in members if cells[key].status is not CellStatus.SHOWN]
    ranges = [range(1, 5) if cells[key].status is CellStatus.SMALL else range(5, CAP) for key in hidden]
    total_values = (
        [cells[total].value]
        if cells[total].status is CellStatus.SHOWN
        else range(1, 5)
        if cells[total].status is CellStatus.SMALL
        else range(5, 4 * CAP)
    )
    shown = sum(cells[key].value for key in members if key not in hidden)
    found: dict[tuple[str, str], set[int]] = {key: set() for key in hidden}
    for values in product(*ranges):
        if shown + sum(values) in total_values:
            for key, value in zip(hidden, values, strict=True):
                found[key].add(value)
    return found


def _one_month(counts: dict[tuple[str, str], int]) -> dict[tuple[str, str, date], int]:
    return {(row, column, JAN): n for (row, column), n in counts.items() if n}


def test_small_counts_read_less_than_five_and_zero_reads_zero() -> None:
    grid = grid_of(
        ["Berlin", "Potsdam", "Cottbus"], ["people"], _one_month({("Berlin", "people"): 12, ("Potsdam", "people"): 3})
    )
    assert grid.cells[("Potsdam", "people")].status is CellStatus.SMALL
    assert grid.cells[("Cottbus", "people")].status is CellStatus.SHOWN
    assert grid.cells[("Cottbus", "people")].value == 0


def test_one_small_cell_next_to_a_total_takes_another_with_it() -> None:
    grid = grid_of(
        ["a", "b", "c"], ["people"], _one_month({("a", "people"): 12, ("b", "people"): 3, ("c", "people"): 7})
    )
    statuses = {row: grid.cells[(row, "people")].status for row in ["a", "b", "c", TOTAL]}
    assert statuses == {"a": CellStatus.SHOWN, "b": CellStatus.SMALL, "c": CellStatus.HIDDEN, TOTAL: CellStatus.SHOWN}


def test_two_small_cells_whose_sum_tells_both_are_protected() -> None:
    """4 + 4 = 8: the total minus the shown cell would give both; one more cell is hidden."""
    grid = grid_of(
        ["a", "b", "c"], ["people"], _one_month({("a", "people"): 4, ("b", "people"): 4, ("c", "people"): 9})
    )
    assert grid.cells[("c", "people")].status is CellStatus.HIDDEN


def test_a_cell_whose_first_or_last_month_is_small_is_hidden_but_the_grand_total_is_not() -> None:
    months = {("a", "people", JAN): 10, ("a", "people", MAR): 2, ("b", "people", FEB): 20}
    grid = grid_of(["a", "b"], ["people"], months)
    assert grid.cells[("a", "people")].status is CellStatus.HIDDEN
    assert grid.cells[(TOTAL, "people")].status is CellStatus.SHOWN
    # Now "b" would give "a" away (32 - 20): it is hidden too.
    assert grid.cells[("b", "people")].status is CellStatus.HIDDEN


counts = st.integers(min_value=0, max_value=6)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.lists(counts, min_size=3, max_size=3), min_size=1, max_size=3), min_size=1, max_size=3),
)
def test_no_hidden_small_count_can_be_worked_out(table: list[list[list[int]]]) -> None:
    """Rows × columns × three months, random: in every row and column, each hidden cell can still take at least
    two values; and dropping the last month changes no cell shown in both by 1 to 4."""
    columns = [f"c{i}" for i in range(len(table[0]))]
    rows = [f"r{i}" for i in range(len(table))]

    def months_of(last: int) -> dict[tuple[str, str, date], int]:
        found = {}
        for r, row in enumerate(table):
            for c, cell in enumerate(row[: len(columns)] + [[0, 0, 0]] * (len(columns) - len(row))):
                for m, n in enumerate(cell[:last]):
                    if n:
                        found[(rows[r], columns[c], [JAN, FEB, MAR][m])] = n
        return found

    grid = grid_of(rows, columns, months_of(3))
    for members, total in grid.lines():
        for key, values in _solutions(grid, members, total).items():
            # Only the cap would pin it (a reader knows no such cap): still two values or more.
            assert len(values) >= 2 or values == {CAP - 1}, (key, values)
    shorter = grid_of(rows, columns, months_of(2))
    for key, cell in grid.cells.items():
        if key == grid.grand_total:
            continue
        other = shorter.cells[key]
        if cell.status is CellStatus.SHOWN and other.status is CellStatus.SHOWN:
            assert not 1 <= cell.value - other.value <= 4, key
