"""A file named with a newline, escapes or bytes that are not UTF-8, and a saved file of a newer version: each told
as what it is, the name on one line and inert, the version as a newer version's (not as damage)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from topics.errors import InputError

REPO = Path(__file__).resolve().parents[1]


def _odd_name(folder: Path, suffix: str) -> Path:
    return Path(os.fsdecode(os.fsencode(folder) + b"/notes\n\x1b[2Jold\xe9" + suffix.encode()))


@pytest.mark.skipif(sys.platform == "win32", reason="a newline in a file name")
def test_a_named_file_with_a_newline_escapes_and_latin1_bytes_is_shown_on_one_line_escaped(tmp_path):
    # Before: the newline kept (the CLI printed it as a space) and the byte \xe9 shown as the surrogate "\udce9".
    corpus = _odd_name(tmp_path, "")
    corpus.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "topics", "ingest", corpus], capture_output=True, env=env, cwd=tmp_path)
    assert done.returncode != 0
    error = done.stderr.decode().splitlines()[-1]
    assert error == f"error: {tmp_path}/notes\\x0a\\x1b[2Jold\\xe9: no .txt, .md or .html files in this folder"
    assert b"\x1b" not in done.stderr + done.stdout

    theme_file = _odd_name(tmp_path, ".toml")
    theme_file.write_text("[[theme]\n")
    from topics.themes.themefile import read_theme_file

    with pytest.raises(InputError) as refused:
        read_theme_file(theme_file)
    assert str(refused.value).startswith(f"{tmp_path}/notes\\x0a\\x1b[2Jold\\xe9.toml: ")


def test_an_earlier_report_or_saved_model_or_index_of_a_newer_version_is_said_to_be_one(tmp_path):
    # Before: "not a report this version can compare with (schema ('topics-report', 2), ...)", "not a
    # topics.TopicModel version 1 file", "search index format 2, this version reads 1": as if damaged.
    from topics.modeling.model import TopicModel
    from topics.modeling.previous import read_previous
    from topics.search.index import Index

    report = tmp_path / "report"
    report.mkdir()
    (report / "topics.json").write_text(json.dumps({"schema": "topics-report", "schema_version": 2, "units": []}))
    model = tmp_path / "model"
    model.mkdir()
    (model / "model.json").write_text(json.dumps({"format": "topics.TopicModel", "format_version": 2}))
    index = tmp_path / "index"
    index.mkdir()
    (index / "index.json").write_text(json.dumps({"format": 2, "model_id": "m", "n_units": 1, "dim": 8}))
    for read, path, what in ((read_previous, report / "topics.json", "report"), (TopicModel.load, model / "model.json", "topics.TopicModel"),
                             (Index.load, index / "index.json", "search index")):
        with pytest.raises(InputError) as refused:
            read(path.parent)
        assert str(refused.value) == (f"{path}: written by a newer version of topics ({what} version 2; this version reads 1): "
                                      "read it with that version, or upgrade topics")
    (report / "topics.json").write_text(json.dumps({"schema": "topics-report", "schema_version": "x", "units": []}))
    with pytest.raises(InputError, match=r"not a report version 1 file \(version 'x'\)"):
        read_previous(report)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_file_that_cannot_be_read_and_its_skipping_name_the_path_on_one_line_escaped(tmp_path):
    # Before: str(NotAFileError), a dead link's target and the run's "skipped PATH: reason" line (to a log given in
    # Python) kept the newline and ESC of a name raw.
    from topics.pipeline import _read_units
    from topics.validate import NotAFileError, open_file

    pipe = _odd_name(tmp_path, ".txt")
    os.mkfifo(pipe)
    with pytest.raises(NotAFileError) as refused:
        open_file(pipe)
    assert str(refused.value) == f"{tmp_path}/notes\\x0a\\x1b[2Jold\\xe9.txt is a pipe, socket or device, not a file"
    pipe.unlink()
    dead = tmp_path / "dead.txt"
    dead.symlink_to(tmp_path / "gone\n\x1b[2J")
    with pytest.raises(FileNotFoundError) as refused:
        open_file(dead)
    assert str(refused.value) == f"{dead} is a symbolic link to {tmp_path}/gone\\x0a\\x1b[2J, which does not exist"
    dead.unlink()
    empty = _odd_name(tmp_path, ".txt")
    empty.write_text(" \n")
    link = tmp_path / "report.txt"
    link.symlink_to(tmp_path / "gone\n\x1b[2J")
    (tmp_path / "kept.txt").write_text("A title.\n\nA paragraph long enough to keep as an article here.\n")
    lines = []
    with pytest.raises(InputError, match="at least"):  # one unit: too few to cluster, once the skips are told
        _read_units(tmp_path, "paragraph", {}, {}, lines.append)
    skipped = [line for line in lines if line.startswith("skipped")]
    assert f"skipped {tmp_path}/notes\\x0a\\x1b[2Jold\\xe9.txt: empty or whitespace-only file" in skipped
    assert any(line.startswith(f"skipped {tmp_path}/report.txt: ") for line in skipped)
    assert not any("\n" in line or "\x1b" in line for line in lines)
