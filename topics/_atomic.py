"""Write files and folders so that a crash never leaves a half-written one behind.

Files: :func:`atomic_path` writes under a temporary name and renames.
Folders (the report, a saved model, a saved search index, the ONNX export):
:func:`atomic_folder` fills a hidden staging folder next to the target and swaps
it in only when everything was written; the old folder is kept until the new
one stands, and put back if the swap fails. The target is replaced only when
every entry in it is one the toolkit writes there, so a user's own file is
never deleted; a folder of named outputs also records what each entry held
(:data:`WRITTEN`), so an output the user changed since (notes added to
report.md, a file of their own under one of our names) is not replaced either.

A killed run (SIGKILL, power loss) leaves its staging or backup folder behind; the next write of the
same target removes it, but only what it can prove it wrote: the folder's name (the writer's process id)
and a marker file (:data:`MARKER`) written first into every staging folder and removed last, which
also names the backup folder of the swap. A folder of that name without the proof is left alone, with
a warning. A staging folder killed while its first marker was written holds only that marker's temporary file, whose
name records its writer as a marker would: that is its proof (a folder is made, then marked; a folder cannot appear with
a file already in it, and one made elsewhere and renamed into place would leave the same gap under its first name).
The marker records the machine's boot and the writer's start, so a process id taken by
another process since (after a restart) does not keep a leftover forever.

A process id means something only in one PID namespace on one host, so the marker (and a temporary file's name)
records where the writer ran (host name and machine id, PID namespace: :mod:`topics._writers`) and a leftover is
judged only there: one from another host or container sharing the folder (NFS, a shared volume, a container since
restarted) is that machine's to clean, and is left alone with a warning; a restart counts only on the same host.
A leftover's name is cut to what the file system allows, as its target's. Without an existence check of a process (Windows: ``os.kill(pid, 0)`` sends CTRL_C_EVENT)
a writer counts as running. A symbolic link is never followed to remove what it leads to: that is not ours.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import itertools
import json
import os
import re
import shutil
import tempfile
import uuid
import warnings
from pathlib import Path
from typing import Callable, Collection, Iterator

from topics._writers import boot_id as _boot_id
from topics._writers import elsewhere as _elsewhere
from topics._writers import host_name as _host_name
from topics._writers import marker_place as _marker_place
from topics._writers import pid_namespace as _pid_namespace
from topics._writers import place_here as _here
from topics._writers import start_time as _start_time
from topics._writers import writer_gone as _writer_gone
from topics.errors import InputError, TopicsWarning
from topics.validate import BrokenLinkError, NotAFileError, open_file, parse_json, read_file_text


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it over ``path`` on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The writer's id, start and place in the name: a file a killed writer left can be told from one being written.
    # A long name is shortened there (_short), so that the temporary name stays within the file system's 255 bytes.
    fd, tmp = tempfile.mkstemp(prefix=f".{_short(path.name)}.{os.getpid()}-{_start_time(os.getpid()) or 0}-{_here()}.",
                               suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp makes owner-only files; give the result the usual permissions.
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes(path: str | Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_json(path: str | Path, obj) -> None:
    """``obj`` as JSON, atomically; C1 controls and bidi/format characters written as ``\\uNNNN``
    (the same JSON value), so an editor or a terminal shows the file as written."""
    from topics.controls import json_escaped

    write_text(path, json_escaped(json.dumps(obj, indent=2, ensure_ascii=False, default=str)) + "\n")


# ---------------------------------------------------------------- folders


WRITTEN = ".topics-written.json"  # in a folder of named outputs: each entry's size and digest as written
# In a staging folder from its first moment to its last: the proof that topics wrote it (see the module's notes).
MARKER = ".topics-partial.json"
_WHOLE_FILE_BYTES = 64 << 20  # above this, the digest reads the first and last MiB (an edit changes the size too)


class FolderSpec:
    """What the toolkit writes into one kind of folder, so it knows which folders it may replace.

    ``kind`` names the folder in messages ("report", "saved topic model");
    ``names`` are the entries it writes there (None: a folder inside our own
    cache, whatever it holds); ``is_ours`` recognises a folder it wrote (e.g.
    by a marker file), given the folder.
    """

    def __init__(self, kind: str, names: Collection[str] | None, is_ours: Callable[[Path], bool]):
        self.kind = kind
        # A marker can outlive the swap by a kill (it is removed just after): an entry of ours too.
        self.names = frozenset([*names, WRITTEN, MARKER]) if names is not None else None
        self.is_ours = is_ours


def json_object(path: Path) -> dict:
    """The JSON object in the file ``path``; empty when there is none or it cannot be read (how a
    folder's marker file says which kind of output it is)."""
    try:
        document = parse_json(read_file_text(Path(path)))
    except (OSError, ValueError):
        return {}
    return document if isinstance(document, dict) else {}


def resolve_target(target: str | Path) -> Path:
    """The folder to write: a symlink is followed (written through), a dangling one refused."""
    target = Path(target)
    if target.is_symlink():
        resolved = Path(os.path.realpath(target))
        if not resolved.exists() and not resolved.parent.is_dir():
            raise InputError(target, f"is a symbolic link to {resolved}, which does not exist")
        return resolved
    return target


def check_replaceable(target: str | Path, spec: FolderSpec) -> None:
    """Raise InputError unless ``target`` is new, empty, or a folder of ``spec`` holding only its own entries."""
    shown = Path(target)
    target = resolve_target(target)
    here = Path.cwd().resolve()
    try:
        absolute = target.resolve()
        if target.is_symlink():
            os.stat(target)  # a loop: ELOOP (Python 3.13's resolve no longer says so)
    except RuntimeError:  # Python 3.11's word for a loop of symbolic links
        raise InputError(shown, "is a loop of symbolic links; choose a folder") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(shown, "is a loop of symbolic links; choose a folder") from None
        raise InputError(shown, f"cannot be resolved: {exc.strerror or exc}") from None
    if absolute == here or absolute in here.parents:
        raise InputError(shown, f"is the current folder (or holds it); choose a new folder for the {spec.kind}")
    for parent in [absolute, *absolute.parents]:
        if parent.exists() and not parent.is_dir():
            if parent == absolute:
                raise InputError(shown, f"exists and is not a folder; choose a new folder for the {spec.kind}")
            raise InputError(parent, f"is a file, so {shown} cannot be created under it")
        if parent.exists():
            break
    if not target.exists():
        return
    try:
        entries = sorted(target.iterdir())
    except OSError as exc:
        raise InputError(shown, f"cannot be read: {exc.strerror or exc}") from None
    if not os.access(target, os.W_OK | os.X_OK):
        # Its old files could not be removed once the new folder stands, and an empty one made read-only says
        # "not here" (its place may be writable, so it would be swapped out): refuse before any work.
        raise InputError(shown, f"is read-only; make it writable or choose another folder for the {spec.kind}")
    if not entries:
        return
    if not spec.is_ours(target):
        raise InputError(shown, f"exists and does not hold a {spec.kind}; choose an empty or new folder")
    written = _read_written(target) if spec.names is not None else None
    for entry in entries if spec.names is not None else ():
        if entry.name == MARKER:
            continue
        if entry.name not in spec.names or (written is not None and entry.name != WRITTEN and entry.name not in written):
            raise InputError(
                entry,
                f"was not written by topics; the {spec.kind} folder is replaced as a whole, "
                "so move this out or choose another folder",
            )
        if written is not None and entry.name != WRITTEN and written[entry.name] != _fingerprint(entry, shown=entry):
            raise InputError(
                entry,
                f"was changed after topics wrote it; the {spec.kind} folder is replaced as a whole, "
                "so move this out (or keep a copy elsewhere) or choose another folder",
            )


def check_writable(target: str | Path, spec: FolderSpec) -> None:
    """:func:`check_replaceable`, then a trial folder next to the target: a read-only or immutable
    place is refused before any slow work, with an InputError naming it. A killed run's leftovers
    are dealt with first (an old folder put back is then what is checked)."""
    with contextlib.suppress(OSError, InputError):
        clean_stale_leftovers(resolve_target(target))
    check_replaceable(target, spec)
    target = resolve_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        trial = _sibling(target, "partial")
        trial.mkdir()
        trial.rmdir()
    except OSError as exc:
        raise InputError(target.parent, f"cannot write the {spec.kind} here: {os_problem(exc)}") from None


@contextlib.contextmanager
def atomic_folder(target: str | Path, spec: FolderSpec) -> Iterator[Path]:
    """Yield an empty staging folder; on success it replaces ``target`` (checked with :func:`check_replaceable`).

    On any failure the staging folder is removed and ``target`` is left as it was.
    OS errors (read-only place, a file in the way, disk full) become an InputError naming the path.
    """
    shown = Path(target)
    with contextlib.suppress(OSError, InputError):
        clean_stale_leftovers(resolve_target(target))
    check_replaceable(target, spec)
    target = resolve_target(target)
    staging = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = _sibling(target, "partial")
        staging.mkdir(mode=0o777)
        _write_marker(staging, target)
        yield staging
        if spec.names is not None:
            _record_written(staging)
        check_replaceable(shown, spec)  # still ours: nothing appeared while we were writing
        swap_in(staging, target)
    except OSError as exc:
        where = exc.filename if exc.filename and staging is not None and str(staging) not in str(exc.filename) else shown
        raise cannot_write(where, spec.kind, exc) from None
    finally:
        if staging is not None and staging.exists():
            _remove_ours(staging)


def _fingerprint(path: Path, shown: Path | None = None) -> str:
    """Size and digest of a file, or of every file under a folder (by relative name); a link, pipe or
    anything else is no output of ours ("other", never opened). ``shown``: an OSError is an InputError naming it."""
    try:
        return _digest(path)
    except OSError as exc:
        if shown is None:
            raise
        raise InputError(shown, f"cannot be read ({exc.strerror or exc}); move it out or choose another folder") from None


def _digest(path: Path) -> str:
    if path.is_symlink() or not (path.is_dir() or path.is_file()):
        return "other"
    if path.is_dir():
        digest = hashlib.blake2b(digest_size=16)
        for item in sorted(path.rglob("*")):
            digest.update(f"{item.relative_to(path).as_posix()}\0{_digest(item) if not item.is_dir() or item.is_symlink() else ''}\0".encode())
        return "folder:" + digest.hexdigest()
    size = path.stat().st_size
    digest = hashlib.blake2b(digest_size=16)
    with open_file(path) as handle:  # a pipe swapped in since the look above is refused, not read
        if size <= _WHOLE_FILE_BYTES:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        else:
            digest.update(handle.read(1 << 20))
            handle.seek(-(1 << 20), os.SEEK_END)
            digest.update(handle.read())
    return f"{size}:{digest.hexdigest()}"


def _record_written(staging: Path) -> None:
    entries = {entry.name: _fingerprint(entry) for entry in sorted(staging.iterdir()) if entry.name != MARKER}
    write_json(staging / WRITTEN, {"written_by": "topics", "entries": entries})


def _read_written(folder: Path) -> dict | None:
    """What topics recorded writing into ``folder``; None for a folder written before the record existed
    (or whose record is unreadable): its entries are then judged by their names alone."""
    try:
        record = parse_json(read_file_text(folder / WRITTEN))
    except BrokenLinkError:  # a link to nowhere holds nothing to lose: no record, as a missing one
        return None
    except NotAFileError as exc:  # a pipe where our record belongs: no record of ours (never read: it would hang)
        raise InputError(folder / WRITTEN, f"{exc.strerror}; move it out or choose another folder") from None
    except (OSError, ValueError):
        return None
    entries = record.get("entries") if isinstance(record, dict) else None
    if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
        return None
    return entries


def swap_in(staging: Path, target: Path) -> None:
    """Put ``staging`` where ``target`` is, keeping the old folder until the new one is in place."""
    backup = None
    if target.exists():
        backup = _sibling(target, "old")
        # Named in the marker before it exists: a kill from here on leaves a backup that is provably ours.
        _write_marker(staging, target, backup.name)
        os.replace(target, backup)
    try:
        os.replace(staging, target)
    except BaseException:
        if backup is not None:
            os.replace(backup, target)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)
    if backup is None or not backup.exists():  # a backup that would not go keeps its proof
        (target / MARKER).unlink(missing_ok=True)


def discard_folder(path: Path) -> None:
    """Remove a folder of ours (in our cache): marked, then renamed aside in one step, so a reader finds it
    whole or not at all, and a kill leaves a leftover that the next write of ``path`` removes. A symbolic link
    is left as it is: what it leads to is not ours (a later write goes through it, replacing only our files)."""
    if path.is_symlink() or not path.is_dir():
        return
    aside = _sibling(path, "partial")
    with contextlib.suppress(OSError):
        _write_marker(path, path)
    try:
        os.replace(path, aside)
    except OSError:
        return
    if aside.is_symlink():  # became a link meanwhile: put back, never emptied
        with contextlib.suppress(OSError):
            os.replace(aside, path)
        return
    _remove_ours(aside)


def _short(name: str) -> str:
    """A name cut to 160 bytes: with what a leftover's name adds, it stays within the file system's 255."""
    return name.encode()[:160].decode(errors="ignore")


def _sibling(target: Path, role: str) -> Path:
    return target.with_name(f".{_short(target.name)}.{os.getpid()}-{uuid.uuid4().hex[:12]}.{role}")


_TOLD: set[str] = set()  # the folders of a leftover's name, but without its proof, already warned about
_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{12}\.(?P<role>partial|old)$")


def _write_marker(folder: Path, target: Path, backup: str | None = None) -> None:
    """Mark ``folder`` as a staging folder of ``target`` by this process (``backup``: the name its swap moves the old
    target to). Renamed into place, so that a kill while it is rewritten leaves the earlier marker whole."""
    write_json(folder / MARKER, {"written_by": "topics", "folder": target.name, "pid": os.getpid(), "boot": _boot_id(),
                                 "started": _start_time(os.getpid()), "backup": backup, "host": _host_name(),
                                 "pid_namespace": _pid_namespace()})


def _marker(folder: Path, name: str, pid: int | None = None) -> dict | None:
    """The marker in ``folder`` if it is one of ours for the target ``name`` (by the process ``pid``, where given)."""
    marker = json_object(folder / MARKER)
    ours = marker.get("written_by") == "topics" and marker.get("folder") == name and type(marker.get("pid")) is int
    return marker if ours and pid in (None, marker["pid"]) else None


def _remove_ours(folder: Path) -> None:
    """Remove a marked folder, its marker last: a kill half-way leaves a folder still provably ours. A symbolic link
    is refused: what it leads to is not ours."""
    if folder.is_symlink():
        return
    for entry in folder.iterdir():
        if entry.name != MARKER:
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() and not entry.is_symlink() else entry.unlink(missing_ok=True)
    (folder / MARKER).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()


def clean_stale_leftovers(target: Path) -> list[Path]:
    """Remove the staging/backup folders of ``target`` that killed runs left, where the marker proves them ours;
    a backup whose target is missing (killed between the two renames) is put back instead. An empty one holds
    nothing to lose and goes too; any other of such a name, without the proof, is left alone with a TopicsWarning."""
    try:
        candidates = [(path, match) for path in target.parent.glob(f".{glob_escape(_short(target.name))}.*")
                      if (match := _LEFTOVER.match(path.name)) and match["name"] == _short(target.name)
                      and path.is_dir() and not path.is_symlink()]
    except OSError:
        return []
    markers = {path: _marker(path, target.name, int(match["pid"])) for path, match in candidates if match["role"] == "partial"}
    # A backup is ours when the marker of its swap (in the staging folder, or the target once swapped in) names it.
    vouchers = {marker["backup"]: marker for marker in [*markers.values(), _marker(target, target.name)]
                if marker and isinstance(marker.get("backup"), str)}
    removed = []
    for path, match in candidates:
        pid = int(match["pid"])
        marker = markers[path] if match["role"] == "partial" else vouchers.get(path.name)
        marker = marker if marker and marker["pid"] == pid else None
        draft = _marker_draft(path, pid) if match["role"] == "partial" and marker is None else None
        started, place = draft[:2] if draft else ((marker or {}).get("started"), _marker_place(marker))
        if not _writer_gone(pid, started, place):
            if (marker is not None or draft) and _elsewhere(place) and str(path) not in _TOLD:
                _TOLD.add(str(path))  # a run here writes nothing there: say so, as the run elsewhere cannot be asked
                warnings.warn(TopicsWarning(
                    f"{path}: left by a topics run on another machine or in another container (or one still writing "
                    f"there), so it is left as it is (delete it yourself if no run is writing {target.name})"))
            continue
        if not any(path.iterdir()):
            with contextlib.suppress(OSError):
                path.rmdir()
                removed.append(path)
        elif match["role"] == "old" and not target.exists() and not target.is_symlink():
            # Killed between moving the old folder aside and putting the new one in: put it back (or, failing that,
            # leave it where it is), never delete it. A rename loses nothing: no proof is needed (nor was one kept
            # by the versions before the marker).
            with contextlib.suppress(OSError):
                os.replace(path, target)
        elif draft is not None:  # killed while its first marker was written: that file is all it holds
            with contextlib.suppress(OSError):
                draft[2].unlink()
                path.rmdir()
                removed.append(path)
        elif marker is None:
            if str(path) not in _TOLD:  # told once a run (the target is checked, then written)
                _TOLD.add(str(path))
                warnings.warn(TopicsWarning(
                    f"{path}: named like the leftover of an interrupted topics run, but it holds no {MARKER} saying "
                    "topics wrote it, so it is left as it is (delete it yourself if it is no longer needed)"))
        else:
            shutil.rmtree(path, ignore_errors=True) if match["role"] == "old" else _remove_ours(path)
            removed.append(path)
    # A marker a kill left in the target after its swap: once its backup is gone too, it proves nothing more.
    marker = _marker(target, target.name)
    if (marker and _writer_gone(marker["pid"], marker.get("started"), _marker_place(marker))
            and not (target.parent / str(marker.get("backup"))).exists()):
        with contextlib.suppress(OSError):
            (target / MARKER).unlink()
    return removed


def _marker_draft(folder: Path, pid: int) -> tuple[str | None, str, Path] | None:
    """(started, place, file) where a staging folder's only entry is the temporary file of its first marker (a kill
    before it was renamed into place) and the writer its name records (:func:`atomic_path`) is the folder's own: the
    proof in the marker's stead. Else None."""
    try:
        entries = list(itertools.islice(folder.iterdir(), 2))
    except OSError:
        return None
    match = _TEMPORARY_FILE.match(entries[0].name) if len(entries) == 1 else None
    if not match or match["name"] != MARKER or int(match["pid"]) != pid or entries[0].is_symlink() or not entries[0].is_file():
        return None
    return (None if match["started"] == "0" else match["started"]), match["place"], entries[0]


_TEMPORARY_FILE = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-(?P<started>\d+)-(?P<place>[0-9a-f]{20})\.[A-Za-z0-9_]+\.tmp$")


def clean_stale_files(folder: Path, pattern: str) -> list[Path]:
    """Remove the temporary files of :func:`atomic_path` left in ``folder`` by killed writers of files named like
    ``pattern`` (a glob: "shard-*.parquet"): a folder of ours, where only such a name with a writer that no longer runs
    is proof enough (a file holds no marker). A name without the writer's place (of an earlier version) is left."""
    removed = []
    with contextlib.suppress(OSError):
        for path in folder.glob(f".{pattern}.*.tmp"):
            match = _TEMPORARY_FILE.match(path.name)
            if not match or not path.is_file() or path.is_symlink():
                continue
            started = None if match["started"] == "0" else match["started"]  # 0: not known where it was written
            if _writer_gone(int(match["pid"]), started, match["place"]):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def cannot_write(where: str | Path, kind: str, exc: OSError) -> InputError:
    """The InputError for an OS error met while writing a ``kind`` ("saved topic model", "themes file"),
    naming ``where``: a read-only place, a file in the way, a full disk said in words."""
    return InputError(where, f"cannot write the {kind}: {os_problem(exc)}")


SHORT_WRITE = re.compile(r"\d+ requested and \d+ written")


def os_problem(exc: OSError) -> str:
    reasons = {
        errno.EACCES: "permission denied (the folder is read-only for this user)",
        errno.EPERM: "operation not permitted (read-only or immutable)",
        errno.EROFS: "read-only file system",
        errno.ENOSPC: "no space left on the device",
        errno.ENOTDIR: "a file stands where a folder is needed",
        errno.EEXIST: "already exists",
    }
    if exc.errno == errno.EEXIST and exc.filename and os.path.isfile(exc.filename):
        return reasons[errno.ENOTDIR]  # making a folder where a file stands
    if exc.errno is None and SHORT_WRITE.fullmatch(str(exc)):
        return f"{reasons[errno.ENOSPC]} (a write was cut short)"  # numpy's words for a full disk
    return reasons.get(exc.errno, exc.strerror or str(exc))
