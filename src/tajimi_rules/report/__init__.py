"""Reports: HTML and Markdown documents of an evaluation, with charts."""

from ._report import CategoryReport, Report, ReportSummary, build_report, write_report

__all__ = [
    "CategoryReport",
    "Report",
    "ReportSummary",
    "build_report",
    "write_report",
]
