"""A run killed before its staging folder's marker stood (right after making the folder, or while the marker's
temporary file was written) leaves a folder the next write of the target removes; a folder of such a name that holds
anything else, or a marker draft of another writer, is left alone."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import warnings

import pytest

from topics import _atomic, _writers
from topics.errors import TopicsWarning

SPEC = _atomic.FolderSpec("saved test output", ["out.txt"], lambda folder: True)

# Writes the folder ``target`` and dies (as a SIGKILL would: no cleanup) at the step named by ``step``.
KILLED_WRITER = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from topics import _atomic, _writers

    target, step = Path(sys.argv[1]), sys.argv[2]
    real_replace = os.replace
    if step == "made":  # the folder stands, its marker not yet begun
        _atomic._write_marker = lambda *args, **kwargs: os._exit(9)
    else:  # the marker's temporary file written, not yet renamed into place
        def replace(source, destination, *args, **kwargs):
            if Path(destination).name == _atomic.MARKER:
                os._exit(9)
            return real_replace(source, destination, *args, **kwargs)
        _atomic.os.replace = replace
    spec = _atomic.FolderSpec("saved test output", ["out.txt"], lambda folder: True)
    with _atomic.atomic_folder(target, spec) as staging:
        (staging / "out.txt").write_text("never reached", encoding="utf-8")
""")


def killed_at(step: str, target) -> "list":
    process = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target), step], capture_output=True, text=True,
                             timeout=120)
    assert process.returncode == 9, process.stderr
    return sorted(target.parent.glob(f".{target.name}.*.partial"))


@pytest.mark.parametrize("step", ["made", "marking"])
def test_a_staging_folder_killed_before_its_marker_stood_is_removed_by_the_next_write(tmp_path, step):
    target = tmp_path / "output"
    (leftover,) = killed_at(step, target)
    held = [entry.name for entry in leftover.iterdir()]
    assert held == [] if step == "made" else (len(held) == 1 and held[0].startswith(f".{_atomic.MARKER}."))
    with warnings.catch_warnings():
        warnings.simplefilter("error", TopicsWarning)  # nothing of ours is left with a warning
        with _atomic.atomic_folder(target, SPEC) as staging:
            (staging / "out.txt").write_text("written", encoding="utf-8")
    assert not leftover.exists() and (target / "out.txt").read_text(encoding="utf-8") == "written"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["output"]


def test_a_folder_of_such_a_name_holding_anything_else_is_never_touched(tmp_path):
    target = tmp_path / "output"
    (leftover,) = killed_at("marking", target)
    (draft,) = leftover.iterdir()
    pid = int(leftover.name.split(".")[-2].split("-")[0])
    # The draft beside a file of the user's own; the same draft in a folder named by another (free) process id.
    mixed = tmp_path / f".output.{pid}-0123456789ab.partial"
    mixed.mkdir()
    (mixed / draft.name).write_bytes(draft.read_bytes())
    (mixed / "notes.md").write_text("mine", encoding="utf-8")
    other = tmp_path / f".output.{2**22 + 12345}-0123456789ac.partial"
    other.mkdir()
    (other / draft.name).write_bytes(draft.read_bytes())
    linked = tmp_path / f".output.{pid}-0123456789ad.partial"  # the draft's name on a link: not a file of ours
    linked.mkdir()
    (linked / draft.name).symlink_to(tmp_path / "elsewhere.txt")
    (tmp_path / "elsewhere.txt").write_text("kept", encoding="utf-8")
    running = tmp_path / f".output.{os.getppid()}-0123456789ae.partial"  # a writer still running: its draft kept
    running.mkdir()
    started = _atomic._start_time(os.getppid()) or 0
    (running / f".{_atomic.MARKER}.{os.getppid()}-{started}-{_writers.place_here()}.abc123.tmp").write_text("{", encoding="utf-8")
    with pytest.warns(TopicsWarning, match="holds no .topics-partial.json"):
        removed = _atomic.clean_stale_leftovers(target)
    assert removed == [leftover]
    assert sorted(entry.name for entry in mixed.iterdir()) == sorted([draft.name, "notes.md"])
    assert [entry.name for entry in other.iterdir()] == [draft.name] and len(list(running.iterdir())) == 1
    assert (linked / draft.name).is_symlink() and (tmp_path / "elsewhere.txt").read_text(encoding="utf-8") == "kept"
