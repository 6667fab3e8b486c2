"""Rule sets exported to other engines, each proven equal to the Python engine by the conformance suite.

* :func:`javascript_module`: an ES module with ``rate(counts)``, ``matches(counts)``, ``explain(counts)``;
* :func:`sql_case` / :func:`sql_view`: a ``CASE`` expression over the columns ``advanced``, ``standard``,
  ``needs_review``, ``behind`` (SQLite, DuckDB);
* :func:`excel_formula` / :func:`calculator_workbook`: spreadsheet formulas (Excel, LibreOffice);
* :func:`whatif_workbook` and :func:`interactive_page`: an evaluation whose items and counts can be
  changed, every rating recomputed by the compiled rule set.

Every comparison stays an integer cross-multiplication. Under the schemas' bounds (counts up to
100,000, fraction parts up to nine digits) every product is below 4 × 10^14, exact in each target:
JavaScript's doubles (integers up to 2^53), SQL's 64-bit integers, and spreadsheet numbers (15
significant digits). :func:`check_range` refuses a rule set whose products could leave that range.
"""

from ._bounds import MAX_COUNT, MAX_TOTAL, Target, check_range, range_problems
from ._compile import COLUMNS, NO_RATING, excel_formula, javascript_functions, javascript_module, sql_case, sql_view
from ._page import interactive_page
from ._workbook import CALCULATOR_ROWS, MOVES, WhatIfCategory, WhatIfItem, calculator_workbook, plan, whatif_workbook
from ._write import export_bytes, whatif_bytes, write_export, write_whatif

__all__ = [
    "CALCULATOR_ROWS",
    "COLUMNS",
    "MAX_COUNT",
    "MAX_TOTAL",
    "MOVES",
    "NO_RATING",
    "Target",
    "WhatIfCategory",
    "WhatIfItem",
    "calculator_workbook",
    "check_range",
    "excel_formula",
    "export_bytes",
    "interactive_page",
    "javascript_functions",
    "javascript_module",
    "plan",
    "range_problems",
    "sql_case",
    "sql_view",
    "whatif_bytes",
    "whatif_workbook",
    "write_export",
    "write_whatif",
]
