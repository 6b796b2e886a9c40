"""Write a whole report folder, all or nothing.

Every file is first written (atomically) into a hidden staging folder next
to the target; only when all of them exist does the staging folder replace
the target. A run that fails half-way leaves the previous report untouched
and no partial files behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from topics import _atomic
from topics.errors import InputError
from topics.report.tables import SCHEMA, ReportData, build_report_data

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
    is replaced only if it is empty or holds an earlier report.
    """
    log = log or (lambda message: None)
    out = Path(out)
    check_report_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    try:
        started = time.perf_counter()
        data = build_report_data(result)
        _write_all(data, staging, log)
        _make_readable(staging)
        _swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log(f"report written to {out} ({time.perf_counter() - started:.1f} s)")
    return ReportFiles(folder=out, data=data)


def _write_all(data: ReportData, folder: Path, log: Callable[[str], None]) -> None:
    from topics.report.html import render_html
    from topics.report.markdown import render_markdown
    from topics.report.static_map import render_map_png

    _atomic.write_json(folder / "topics.json", data.document)
    with _atomic.atomic_path(folder / "topics.csv") as tmp:
        data.topic_table.to_csv(tmp, index=False, encoding="utf-8")
    with _atomic.atomic_path(folder / "assignments.csv") as tmp:
        data.assignments().to_csv(tmp, index=False, encoding="utf-8")
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
    """Refuse to replace anything but an empty folder or an earlier report (raises InputError)."""
    out = Path(out)
    if not out.exists():
        return
    if not out.is_dir():
        raise InputError(out, "exists and is not a folder; choose a new folder for the report")
    if any(out.iterdir()) and not _is_report(out):
        raise InputError(out, "exists and does not hold a topics report; choose an empty or new folder")


def _is_report(folder: Path) -> bool:
    try:
        document = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(document, dict) and document.get("schema") == SCHEMA


def _swap_in(staging: Path, out: Path) -> None:
    """Put ``staging`` where ``out`` is, keeping the old folder until the new one is in place."""
    backup = None
    if out.exists():
        backup = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
        backup.rmdir()
        os.replace(out, backup)
    try:
        os.replace(staging, out)
    except BaseException:
        if backup is not None:
            os.replace(backup, out)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)
