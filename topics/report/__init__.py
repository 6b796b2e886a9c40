"""The cluster report: index.html, report.md, topics.json, topics.csv, assignments.csv, map.png.

    from topics.report import write_report
    files = write_report(result, "artifacts/report")   # result: topics.find_topics(...)

Renderers read only :class:`topics.report.tables.ReportData`, built once per
report from the fitted model, so all files of one report agree.
"""

from __future__ import annotations

from topics.report.build import FILES, ReportFiles, check_report_target, write_report
from topics.report.tables import SCHEMA, SCHEMA_VERSION, ReportData, build_report_data

__all__ = [
    "FILES",
    "SCHEMA",
    "SCHEMA_VERSION",
    "ReportData",
    "ReportFiles",
    "build_report_data",
    "check_report_target",
    "write_report",
]
