"""A static (lookup-table) copy of a sentence-transformers model, for fast exploration.

The copy is distilled once, offline, from the model folder with model2vec
(every token of the model's vocabulary embedded by the model itself, reduced
by PCA and weighted by token frequency), and kept in the per-user model folder
(``Embedder.models_dir_``: ``$TOPICS_MODEL_DIR``, else the user's cache folder)::

    <models dir>/<model slug>/                 the distilled folder (model2vec format)
    <models dir>/<model slug>/topics-static.json   what was distilled, from what

A text's vector is then the mean of its tokens' vectors: no network runs at
embedding time, so it is tens of times faster than the model, at a cost in
quality (measured in docs/benchmarks.md). Distilling costs a few CPU minutes,
once per model and model folder. The folder is built with
:func:`topics._atomic.atomic_folder`, so a crash never leaves half a model.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from topics._atomic import FolderSpec
from topics.errors import TopicsError, failures_as_topics_error
from topics.validate import parse_json, read_file_text, unit_rows

MANIFEST = "topics-static.json"
MANIFEST_FORMAT = 2
PCA_DIMS = 256  # model2vec's default: PCA to 256 dimensions also evens out the token vectors


def static_config() -> str:
    """The part of the model id that names the distillation (vectors of other settings never mix).

    "unpadded": a text's vector is the mean of its own tokens only. Format 1 kept the source
    model's padding to 128 tokens, so short texts' vectors were mostly the padding token's.
    """
    return f"m2v-pca{PCA_DIMS}-unpadded"


def _unpadded(tokenizer) -> None:
    """Turn off the padding and truncation the distilled tokenizer inherits from the model's own.

    The source model pads and truncates to its 128-token window; a lookup table has no window,
    and padding would add the padding token's vector into every mean of fewer tokens.
    """
    tokenizer.no_padding()
    tokenizer.no_truncation()


def _read_manifest(folder: Path) -> dict | None:
    try:
        manifest = parse_json(read_file_text(folder / MANIFEST))  # a pipe there is refused, not read
    except (OSError, ValueError):
        return None
    if manifest.get("format") != MANIFEST_FORMAT or not (folder / "model.safetensors").is_file():
        return None
    return manifest


def distilled_model(model_source: str, model_slug: str, models_dir: Path, source_digest: str) -> tuple[Path, dict]:
    """The distilled folder and its manifest; distilled now if missing or stale."""
    folder = Path(models_dir) / model_slug
    manifest = _read_manifest(folder)
    if manifest is not None and manifest.get("source_digest") == source_digest and manifest.get("config") == static_config():
        return folder, manifest
    return _distill(model_source, folder, source_digest)


def _distill(model_source: str, folder: Path, digest: str) -> tuple[Path, dict]:
    from topics._atomic import atomic_folder
    from topics.embedding.onnx_backend import _quiet

    try:
        from model2vec.distill import distill
    except ImportError as exc:
        raise TopicsError("the static backend needs model2vec: pip install 'topics[static]'") from exc
    if not Path(model_source).is_dir():
        raise TopicsError(f"the static backend distils a local model folder; {model_source!r} is not one")
    with failures_as_topics_error(f"cannot distil {model_source} into a static model"):
        with atomic_folder(folder, STATIC_FOLDER) as staging:
            with _quiet():
                model = distill(model_name=model_source, pca_dims=PCA_DIMS)
                _unpadded(model.tokenizer)
                model.save_pretrained(str(staging))
            manifest = {"format": MANIFEST_FORMAT, "source_digest": digest, "config": static_config(), "dim": int(model.dim)}
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        return folder, manifest


# A distilled folder is replaced only when it holds one of ours.
STATIC_FOLDER = FolderSpec("distilled static model", None, lambda folder: (folder / MANIFEST).is_file())


class StaticEncoder:
    """Runs a distilled static model: texts -> L2-normalised float32 vectors (mean of token vectors)."""

    def __init__(self, folder: Path, manifest: dict):
        from model2vec import StaticModel

        self.manifest = manifest
        self.model = StaticModel.from_pretrained(str(folder), normalize=True)
        _unpadded(self.model.tokenizer)

    def encode(self, texts: list[str], batch_size: int = 1024) -> np.ndarray:
        # One process: worker pools cost more than they save on a shared machine.
        vectors = self.model.encode(texts, batch_size=max(batch_size, 1024), use_multiprocessing=False)
        return unit_rows(np.asarray(vectors, dtype=np.float32)).astype(np.float32)
