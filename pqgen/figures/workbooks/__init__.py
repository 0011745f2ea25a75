"""Figure files: figures written out for review, and workbooks that departments fill in.

The package has three modules: `format` (the layout below), `write` and `read`.

Both are the same workbook. A sheet "Overzicht" lists every figure set: its sheet, the query it
answers, the sub-questions that need it, the query's parameters, where the figures came from,
how many rows, when they were pulled, the checksum of the query text, whether it must be filled
in, and the query file. Each figure set has a
sheet of its own:

    row 1   the sub-question(s) it answers
    row 2   what is asked (the query's description)
    row 3   the parameters (period, department, …)
    row 4   instructions, or where the figures came from
    row 5   what each column means
    row 6   the column names (keep them as they are)
    row 7…  one row of figures per line

`pqgen figures -o DIR` writes the same as CSV files (header in line 1) with provenance.json
instead of the "Overzicht" sheet. Reading a figure file back checks every cell against the
columns the query declares and reports all problems at once, each naming file, sheet, row and
column.
"""

from pqgen.figures.workbooks.format import (
    FORMULA_STARTS,
    HEADER_ROW,
    INDEX_COLUMNS,
    INDEX_SHEET,
    PROVENANCE_JSON,
    Entry,
    as_data,
    sheet_names,
)
from pqgen.figures.workbooks.read import load_figure_file
from pqgen.figures.workbooks.write import write_figures, write_request

__all__ = [
    "FORMULA_STARTS",
    "HEADER_ROW",
    "INDEX_COLUMNS",
    "INDEX_SHEET",
    "PROVENANCE_JSON",
    "Entry",
    "as_data",
    "load_figure_file",
    "sheet_names",
    "write_figures",
    "write_request",
]
