"""Shared fixtures: the real seed corpus, embedded once per test session with the real model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session", autouse=True)
def session_model_dir(tmp_path_factory) -> Path:
    """Derived models (the int8 ONNX export the default backend runs, the fp32 one search's second look
    runs) for this run, in a folder of its own: the exports `topics prepare` made at install time are
    copied in when there are some, else they are built here, once. Tests never write the user's own model folder."""
    import shutil

    from topics.embedding.embed import resolve_model
    from topics.embedding.onnx_backend import MODEL_DIR_ENV, default_models_dir, export_folder, find_export

    folder = tmp_path_factory.mktemp("models")
    installed_dir = default_models_dir()  # read before pointing the variable at this run's folder
    os.environ[MODEL_DIR_ENV] = str(folder)  # subprocesses (the CLI tests) use it too
    # Resolved only now: the model's file digests (fingerprints.json) go into this run's folder.
    model_id, source = resolve_model(None)
    # The int8 export (the default backend) and the fp32 one (search's second look).
    for backend, precision in (("onnx", "int8"), ("onnx-fp32", "fp32")):
        installed = export_folder(installed_dir, model_id, source, precision)
        if find_export(source, installed, precision) is not None:
            shutil.copytree(installed, export_folder(folder, model_id, source, precision))
        if find_export(source, export_folder(folder, model_id, source, precision), precision) is None:
            from topics.embedding.embed import Embedder

            Embedder(backend=backend, cache_dir=folder / "unused").prepare()
    return folder


@pytest.fixture(scope="session")
def session_cache_dir(tmp_path_factory) -> Path:
    """One embedding cache for the whole run, so each text is embedded once."""
    return tmp_path_factory.mktemp("embedding-cache")


@pytest.fixture(scope="session")
def embedder(session_cache_dir):
    from topics.embedding.embed import Embedder

    return Embedder(cache_dir=session_cache_dir)


@pytest.fixture(scope="session")
def seeds_corpus():
    from topics.ingest.corpus import load_corpus

    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seeds_paragraph_embeddings(seeds_corpus, embedder):
    from topics.embedding.embed import embed_units

    return embed_units(seeds_corpus, "paragraph", embedder)


@pytest.fixture(scope="session")
def bbc_sample():
    """200 BBC News articles (40 per label), see tests/data/README.md."""
    from topics.ingest.corpus import load_corpus

    return load_corpus(DATA / "bbc_sample.csv")


@pytest.fixture
def unwritable_dir(tmp_path) -> Path:
    """A folder nothing can be written into: a locked one, or for root (who writes anywhere) /sys,
    a read-only file system."""
    if os.geteuid() == 0:
        return Path("/sys")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    return locked
