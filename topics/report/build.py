"""Write a whole report folder, all or nothing.

Every file is first written into a hidden staging folder next to the target
(:func:`topics._atomic.atomic_folder`); only when all of them exist does the
staging folder replace the target. A run that fails half-way leaves the
previous report untouched and no partial files behind.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from topics import _atomic
from topics.report.csv_safe import write_csv
from topics.report.tables import SCHEMA, ReportData, build_report_data
from topics.validate import user_path

FILES = {
    "index.html": "the interactive report (opens offline)",
    "report.md": "the findings as Markdown",
    "topics.json": "every number of the report (schema: docs/report-schema.md)",
    "topics.csv": "one row per topic",
    "assignments.csv": "the topic of every unit, with its text",
    "map.png": "static map for papers and slides",
}
# Written only when the run had declared themes.
THEME_FILES = {"map_themes.png": "the static map coloured by each unit's primary theme"}


@dataclass(frozen=True)
class ReportFiles:
    """Where a report was written."""

    folder: Path
    data: ReportData

    @property
    def index_html(self) -> Path:
        return self.folder / "index.html"

    @property
    def paths(self) -> dict[str, Path]:
        names = [*FILES, *(name for name in THEME_FILES if (self.folder / name).exists())]
        return {name: self.folder / name for name in names}

    def __repr__(self) -> str:
        return f"ReportFiles({str(self.index_html)!r})"


def write_report(result, out: str | Path = "artifacts/report", log: Callable[[str], None] | None = None) -> ReportFiles:
    """Write index.html, report.md, topics.json, topics.csv, assignments.csv and map.png into ``out``.

    ``result`` is a :class:`topics.pipeline.TopicsResult`. An existing ``out``
    is replaced only if it is empty or holds an earlier report and nothing else
    (a file the report did not write is never deleted: InputError names it).
    A symbolic link ``out`` is written through to the folder it points to.
    """
    log = log or (lambda message: None)
    out = user_path(out)
    started = time.perf_counter()
    with _atomic.atomic_folder(out, REPORT_FOLDER) as staging:
        data = build_report_data(result)
        _write_all(data, staging, log)
        _make_readable(staging)
    log(f"report written to {out} ({time.perf_counter() - started:.1f} s)")
    return ReportFiles(folder=out, data=data)


def _write_all(data: ReportData, folder: Path, log: Callable[[str], None]) -> None:
    from topics.report.html import render_html
    from topics.report.markdown import render_markdown
    from topics.viz.static_map import render_map_png

    _atomic.write_json(folder / "topics.json", data.document)
    write_csv(data.topic_table, folder / "topics.csv")
    write_csv(data.assignments(), folder / "assignments.csv")
    log("wrote topics.json, topics.csv, assignments.csv")
    _atomic.write_text(folder / "report.md", render_markdown(data))
    _atomic.write_bytes(folder / "map.png", render_map_png(data))
    if data.document.get("themes"):
        _atomic.write_bytes(folder / "map_themes.png", render_map_png(data, color_by="theme"))
    log("wrote report.md, map.png")
    _atomic.write_text(folder / "index.html", render_html(data, files=FILES))
    log("wrote index.html")


def _make_readable(folder: Path) -> None:
    """Temporary files are private (0600/0700); a finished report gets the usual modes."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)
    for path in folder.iterdir():
        os.chmod(path, 0o666 & ~umask)


def check_report_target(out: str | Path) -> None:
    """Refuse anything but a new or empty folder or an earlier report holding only its own files (InputError)."""
    _atomic.check_writable(out, REPORT_FOLDER)


def _is_report(folder: Path) -> bool:
    return _atomic.json_object(folder / "topics.json").get("schema") == SCHEMA


REPORT_FOLDER = _atomic.FolderSpec("topics report", {**FILES, **THEME_FILES}, _is_report)
