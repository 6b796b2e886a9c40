"""Lookup at scale: the search index of a corpus built from the embedding cache's shards.

The vectors are gathered one shard at a time into a memory-mapped file, so a
corpus is never held in memory twice; the approximate index (faiss, the
``topics[faiss]`` extra) is built over that file and saved beside it, so
``Index.load(folder)`` opens both without rebuilding anything.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

from topics.errors import InputError, TopicsError
from topics.validate import NotAFileError, parse_json, read_file_text

GATHER_CHUNK_ROWS = 65_536  # rows copied at a time when paragraphs repeat a text


def index_from_shards(corpus, embedder=None, *, folder: str | Path, level: str = "paragraph", approximate: bool | str = "auto",
                      replace_cached: bool = False, **index_options):
    """A ``topics.search.index.Index`` of ``corpus`` from the vectors in ``embedder``'s cache, saved in ``folder``.

    Every paragraph must be in the cache already (``embed_with_ray`` or
    ``topics embed --engine ray`` put it there). ``approximate``: True builds
    the approximate index now, whatever the size; "auto" builds it now where
    ``Index`` would use one (from ``approximate_min_units`` units on, with
    faiss installed); False, exact search only. Other keyword arguments go
    to ``Index``. ``replace_cached``: ``folder`` is the embedding cache's own copy (``corpus_index_folder``), whose
    saved index is replaced once the new one is written, even where its files differ from what was written; any
    other folder is refused (``topics.search.store.save_cached_index``).
    """
    from topics.search.ann import ApproximateIndex, approximate_available
    from topics.embedding.embed import Embedder, article_vectors
    from topics.search.index import APPROXIMATE_MIN_UNITS, Index, units_aliases
    from topics.search.store import check_cached_index_folder, save_cached_index

    if level not in ("paragraph", "article"):
        raise ValueError(f"level must be 'paragraph' or 'article', not {level!r}")
    embedder = embedder or Embedder()
    folder = Path(folder)
    if replace_cached:
        check_cached_index_folder(folder, embedder)  # before any work
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.{uuid.uuid4().hex}.gather"
    staging.mkdir()
    try:
        vectors = _gather_paragraph_vectors(corpus.paragraphs["text"].tolist(), embedder, staging)
        if level == "article":
            vectors = article_vectors(corpus, vectors)
        units = corpus.units(level)
        # As Index.from_corpus: the lexical side searches every name of an alias group, so a
        # `topics similar` on this saved index ranks as one on an index it builds itself.
        index_options.setdefault("aliases", units_aliases(units))
        index = Index(units, vectors, embedder, approximate=approximate, **index_options)
        min_units = index_options.get("approximate_min_units", APPROXIMATE_MIN_UNITS)
        if approximate is True or (approximate == "auto" and index.n_units >= min_units and approximate_available()):
            # Built before the save, so that it is written (and recorded) with the rest: one written after the
            # folder's record made the next save over it refuse the folder as no longer what topics wrote.
            index._approximate_index = ApproximateIndex(random_state=index.random_state).fit(index.embeddings)
        # The old index is replaced by the swap of the new one in: a build or a save that fails keeps it.
        save_cached_index(index, folder, embedder) if replace_cached else index.save(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Index.load(folder, embedder)


def _gather_paragraph_vectors(texts: list[str], embedder, staging: Path) -> np.ndarray:
    """The cached vector of every text, row-aligned, in a memory-mapped file under ``staging``."""
    from topics.embedding.cache import EmbeddingCache, text_hash

    codes, unique_hashes = pd.factorize(pd.Series([text_hash(t) for t in texts], dtype=object))
    cache = EmbeddingCache(embedder.cache_dir, embedder.model_id, _cached_dim(embedder))
    unique_vectors = np.lib.format.open_memmap(staging / "unique.npy", mode="w+", dtype=np.float32, shape=(len(unique_hashes), cache.dim))
    found = np.zeros(len(unique_hashes), dtype=bool)
    for hashes, vectors in cache.iter_shards():
        positions = unique_hashes.get_indexer(hashes)
        keep = positions >= 0
        unique_vectors[positions[keep]] = vectors[keep]
        found[positions[keep]] = True
    if not found.all():
        raise TopicsError(
            f"{int((~found).sum())} of {len(unique_hashes)} distinct paragraphs are not in the embedding cache "
            f"{embedder.cache_dir}: embed the corpus first (topics embed PATH --engine ray)"
        )
    if len(unique_hashes) == len(texts) and np.array_equal(codes, np.arange(len(texts))):
        return unique_vectors
    # Paragraphs that repeat a text share its vector.
    vectors = np.lib.format.open_memmap(staging / "vectors.npy", mode="w+", dtype=np.float32, shape=(len(texts), cache.dim))
    for start in range(0, len(texts), GATHER_CHUNK_ROWS):
        vectors[start : start + GATHER_CHUNK_ROWS] = unique_vectors[codes[start : start + GATHER_CHUNK_ROWS]]
    return vectors


def _cached_dim(embedder) -> int:
    from topics.embedding.cache import embeddings_meta_path

    meta = embeddings_meta_path(embedder.cache_dir, embedder.model_id)
    try:
        return int(parse_json(read_file_text(meta))["dim"])
    except NotAFileError as exc:  # a pipe there: named, never read (its read would hang)
        raise InputError(meta, f"{exc.strerror}; the embedding cache is left as it is") from None
    except (OSError, ValueError, KeyError, TypeError):
        raise TopicsError(
            f"no embeddings of {embedder.model_id} in the cache {embedder.cache_dir}: embed the corpus first (topics embed PATH --engine ray)"
        ) from None

