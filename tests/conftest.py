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
