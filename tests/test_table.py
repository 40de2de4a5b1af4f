"""Command-line tables: one line per row; on a terminal cut to fit, into a pipe never cut."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from explorer.table import Column, render

COLUMNS = [Column("date"), Column("id"), Column("n", numeric=True), Column("title", flex=True)]
ROWS = [
    ("2021-08-15", "news/kabul-falls.txt", "12", "Kabul falls as the president flees " * 4),
    ("undated", "b.txt", "3", "短い見出し" * 10),  # wide characters count two cells
]


def lines(width: int | None, rows=ROWS, columns=COLUMNS) -> list[str]:
    out = io.StringIO()
    assert render(columns, rows, out, width=width) == len(rows)
    return out.getvalue().splitlines()


def test_a_pipe_gets_every_cell_whole_one_line_per_row() -> None:
    got = lines(None)
    assert len(got) == 2 + len(ROWS)
    assert got[0].split() == ["date", "id", "n", "title"] and set(got[1]) <= {"─", " "}
    for line, row in zip(got[2:], ROWS, strict=True):
        assert all(cell.strip() in line for cell in row)
        assert line.endswith(row[-1].rstrip())  # the last column is never padded


def test_a_terminal_gets_lines_that_fit_with_ids_whole() -> None:
    for width in (60, 80, 120):
        got = lines(width)
        assert all(cell_len(line) <= width for line in got), width
        for line, row in zip(got[2:], ROWS, strict=True):
            assert row[1] in line and row[0] in line  # ids and dates are never cut
            assert line.endswith("…")  # the long title was cut, and says so


def test_numbers_are_right_aligned() -> None:
    got = lines(None, rows=[("d", "a", "7", "t"), ("d", "b", "1234", "t")])
    assert got[2].index("7") == got[3].index("4")


def test_control_characters_never_reach_the_terminal() -> None:
    got = lines(80, rows=[("d", "x.txt", "1", "evil \x1b[2J\x1b]52;c;aGk=\x07 title")])
    assert "\x1b" not in "".join(got) and "\x07" not in "".join(got)


def test_a_table_too_wide_for_its_fixed_columns_still_keeps_them_whole() -> None:
    long_id = "folder/" * 20 + "a.txt"
    got = lines(40, rows=[("2021-01-01", long_id, "1", "a title that is long enough to cut")])
    assert long_id in got[2]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(max_size=30), st.text(max_size=200), st.text(max_size=200)),
        max_size=8,
    ),
    st.integers(min_value=40, max_value=200),
)
def test_any_text_gives_one_line_a_row(rows, width) -> None:
    columns = [Column("id"), Column("a", flex=True), Column("b", flex=True)]
    for w in (None, width):
        got = lines(w, rows=rows, columns=columns)
        assert len(got) == 2 + len(rows)
