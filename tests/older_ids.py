"""Model ids as versions before content fingerprints wrote them, computed here independently of the
library, so tests that read such ids check the library's digest rather than repeat it."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest_as_older_versions_wrote(folder: Path) -> str:
    """A model folder's digest as versions before content fingerprints wrote it into a model id
    ("<folder name>@<12 hex>"): the SHA-1 of its configuration files and weight files' names and sizes."""
    digest = hashlib.sha1()
    for name in ("config.json", "modules.json", "config_sentence_transformers.json"):
        if (folder / name).exists():
            digest.update((folder / name).read_bytes())
    for weights in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return digest.hexdigest()[:12]


def older_id(embedder) -> str:
    """The id an older version wrote for ``embedder``'s model folder, with the backend as it is now."""
    folder = Path(embedder.model_source_)
    _, hash_mark, backend = embedder.model_id.partition("#")
    return f"{folder.name}@{digest_as_older_versions_wrote(folder)}{hash_mark}{backend}"
