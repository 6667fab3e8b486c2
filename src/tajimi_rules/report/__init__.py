"""Reports: HTML, Markdown and PDF documents of an evaluation, with charts."""

from ._pdf import PdfError
from ._report import CategoryReport, Report, ReportSummary, build_report, rule_set_title, write_report

__all__ = [
    "CategoryReport",
    "PdfError",
    "Report",
    "ReportSummary",
    "build_report",
    "rule_set_title",
    "write_report",
]
