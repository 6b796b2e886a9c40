"""Embedding on a Ray cluster: Ray Data batch inference writing the local engine's cache.

The texts not cached yet go into a Ray Dataset; ``map_batches`` runs them
through a pool of actors, each of which loads the model once (on a CPU, or
on ``num_gpus`` of a GPU). Each embedded batch comes back to this process
and is written at once as one shard of the ordinary embedding cache
(``topics.embedding.cache``: same folder, ``meta.json`` and ``shard-*.parquet``), so
every later step reads it unchanged, the workers need no shared file
system, and a run that is interrupted keeps every batch that finished: the
next run embeds only what is still missing.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Callable

import numpy as np

from topics.embedding.cache import EmbeddingCache, text_hash
from topics.embedding.embed import GPU_BACKEND
from topics.errors import EmbeddingInterrupted, ModelMismatchError, TopicsError

DEFAULT_BATCH_SIZE = 1024  # texts per actor call, and per cache shard written

ProgressCallback = Callable[[int, int], None]  # (texts embedded so far, texts to embed)


class EmbeddingWorker:
    """A Ray Data actor: loads the model once, then embeds one batch per call."""

    def __init__(self, model: str | None, model_id: str, backend: str, batch_size: int, device: str, threads: int | None, model_dir: str):
        if threads:
            import torch

            torch.set_num_threads(threads)
        from topics.embedding.embed import Embedder

        # model_dir: where a backend keeps what it derives from the model (the ONNX export); no vectors go there.
        self.embedder = Embedder(
            model, backend=backend, batch_size=batch_size, cache_dir=model_dir, use_cache=False, device=device, show_progress=False
        )
        if self.embedder.model_id != model_id:
            from topics.embedding.onnx_backend import int8_on_another_cpu

            if int8_on_another_cpu(model_id, self.embedder.model_id):
                # The same model: the int8 copy is quantised for each kind of CPU, and this node's kind differs.
                raise ModelMismatchError(
                    f"this Ray worker's CPU quantises the model as {self.embedder.model_id!r}, the machine that started "
                    f"the job as {model_id!r}: use --backend onnx-fp32 (Embedder(backend='onnx-fp32')), which gives "
                    "the same vectors on every CPU, or start the job on a node of the workers' kind"
                )
            raise ModelMismatchError(
                f"model {model or 'bundled with topics'!r} is {self.embedder.model_id!r} on this Ray worker but {model_id!r} "
                "where the job was started: install the same model on every node"
            )
        self.embedder.encode(["load the model once, before the first batch"])

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = self.embedder.encode(batch["text"].tolist())
        return {"text_hash": batch["text_hash"], "embedding": vectors}


def embed_with_ray(
    corpus,
    embedder=None,
    *,
    level: str = "paragraph",
    **job,
) -> np.ndarray:
    """Embeddings of ``corpus`` computed on a Ray cluster, row-aligned with ``corpus.units(level)``.

    The same vectors as ``topics.embed_units`` (and the same cache): only
    paragraphs missing from ``embedder``'s cache are sent to the cluster.
    ``job``: the options of :func:`embed_texts_with_ray` (``batch_size``,
    ``address``, ``num_workers``, ``num_gpus``, ``cpus_per_worker``, ``progress``).
    """
    from topics.embedding.embed import Embedder, article_vectors

    if level not in ("paragraph", "article"):
        raise ValueError(f"level must be 'paragraph' or 'article', not {level!r}")
    embedder = embedder or Embedder(device="cuda" if job.get("num_gpus") else None)
    paragraph_vectors = embed_texts_with_ray(corpus.paragraphs["text"].tolist(), embedder, **job)
    return paragraph_vectors if level == "paragraph" else article_vectors(corpus, paragraph_vectors)


def embed_texts_with_ray(
    texts,
    embedder,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    **job,
) -> np.ndarray:
    """``embedder.encode(texts)``, with the texts missing from the cache embedded on Ray.

    The missing texts go in batches of ``batch_size`` to ``num_workers`` actors (default: as many
    as the cluster's CPUs, or GPUs with ``num_gpus``, allow; ``cpus_per_worker`` each).
    ``address`` names the cluster (default: this process's Ray connection, $RAY_ADDRESS, or a new
    local cluster); ``progress(done, total)`` is called as batches arrive.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    # As the local engine: a text longer than the window is its pieces' mean, cached by piece.
    texts = [str(t) for t in texts]  # counted below: a generator is read once
    split = embedder.split_to_window(texts)
    vectors, missing = _pieces_with_ray(split.texts, embedder, batch_size=batch_size, **job)
    embedder.n_texts_ += len(texts)
    embedder.n_from_cache_ += split.n_whole(missing)
    return split.text_vectors(vectors) if split.long else vectors


def _pieces_with_ray(texts: list[str], embedder, *, batch_size: int, **job) -> tuple[np.ndarray, list[int]]:
    """The vectors of texts the model sees whole, those missing from the cache embedded on Ray, and the
    positions of the missing ones."""
    hashes = [text_hash(t) for t in texts]
    cache = _cache_if_known(embedder) if embedder.use_cache else None
    if cache is not None:
        vectors, missing = cache.get(hashes)
    else:
        vectors, missing = None, list(range(len(texts)))
    if not missing:
        return (vectors if vectors is not None else embedder.encode([])), missing

    # Each distinct missing text is embedded once; rows that repeat it are filled from it.
    unique_hashes = list(dict.fromkeys(hashes[i] for i in missing))
    text_of = {hashes[i]: texts[i] for i in missing}
    position_of = {h: k for k, h in enumerate(unique_hashes)}
    arrived: set[str] = set()  # hashes whose vectors came back (and went into the cache)
    try:
        unique_vectors = _run_job(
            [text_of[h] for h in unique_hashes],
            unique_hashes,
            position_of,
            embedder,
            cache,
            arrived,
            batch_size=batch_size,
            **job,
        )
    except KeyboardInterrupt:
        # Counted as the local engine counts: this call's texts cached before and those kept now.
        kept = len(texts) - sum(hashes[i] not in arrived for i in missing) if embedder.use_cache else 0
        raise EmbeddingInterrupted(kept, len(texts)) from None
    embedder.n_model_calls_ += len(unique_hashes)
    if vectors is None:
        vectors = np.zeros((len(texts), unique_vectors.shape[1]), dtype=np.float32)
    vectors[missing] = unique_vectors[[position_of[hashes[i]] for i in missing]]
    return vectors, missing


def _cache_if_known(embedder) -> EmbeddingCache | None:
    """The embedder's cache when it has one on disk (its meta.json gives the
    dimension); otherwise None, so the driver need not load the model to learn it."""
    from topics.embedding.cache import embeddings_meta_path

    meta = embeddings_meta_path(embedder.cache_dir, embedder.model_id)
    return embedder.cache if meta.exists() else None


def embedding_dataset(ray, texts, hashes, embedder, *, num_workers=None, batch_size=DEFAULT_BATCH_SIZE, num_gpus=0, cpus_per_worker=1, worker=None):
    """The Ray Dataset that embeds ``texts``: blocks of (text_hash, text) mapped by an actor pool
    of ``worker`` (default EmbeddingWorker) into (text_hash, embedding). Lazy: nothing runs
    until it is read."""
    import pyarrow as pa

    from topics.distributed._ray import cluster_resources, pool_size

    # Longest texts first: batches of similar lengths carry little padding, and the
    # slowest batches start early instead of finishing last.
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    blocks = [
        pa.table({"text_hash": [hashes[i] for i in chunk], "text": [texts[i] for i in chunk]})
        for chunk in (order[start : start + batch_size] for start in range(0, len(order), batch_size))
    ]
    if num_gpus and embedder.backend_ != GPU_BACKEND:
        raise TopicsError(f"GPU actors run the {GPU_BACKEND} backend, and this embedder's is {embedder.backend_}: "
                          f"make it with Embedder(device='cuda') (the CLI's --gpus does)")
    n_workers = pool_size(cluster_resources(ray), num_workers, len(blocks), num_gpus, cpus_per_worker)
    return ray.data.from_arrow(blocks).map_batches(
        worker or EmbeddingWorker,
        fn_constructor_kwargs={
            "model": embedder.model,
            "model_id": embedder.model_id,
            "backend": embedder.backend_,
            "batch_size": embedder.batch_size,
            "model_dir": str(Path(embedder.cache_dir).resolve()),
            "device": "cuda" if num_gpus else embedder.device_,
            "threads": None if num_gpus else max(1, math.floor(cpus_per_worker)),
        },
        batch_size=batch_size,
        batch_format="numpy",
        compute=ray.data.ActorPoolStrategy(size=n_workers),
        num_cpus=cpus_per_worker,
        num_gpus=num_gpus or None,
    )


def _run_job(
    texts, hashes, position_of, embedder, cache, arrived: set[str], *, batch_size, address: str | None = None, num_workers: int | None = None,
    num_gpus: float = 0, cpus_per_worker: float = 1, progress: ProgressCallback | None = None,
):
    from topics.distributed._ray import connect, stream_batches

    ray = connect(address)
    embedded = embedding_dataset(
        ray, texts, hashes, embedder, num_workers=num_workers, batch_size=batch_size, num_gpus=num_gpus, cpus_per_worker=cpus_per_worker
    )
    unique_vectors = None
    done = 0
    if progress:
        progress(0, len(texts))
    for batch in stream_batches(embedded):
        batch_hashes = batch["text_hash"].tolist()
        batch_vectors = np.ascontiguousarray(batch["embedding"], dtype=np.float32)
        if unique_vectors is None:
            unique_vectors = np.zeros((len(texts), batch_vectors.shape[1]), dtype=np.float32)
            if cache is None and embedder.use_cache and embedder._cache is not None:
                cache = embedder._cache  # opened already (an earlier run of this embedder): its vectors and state kept
            elif cache is None and embedder.use_cache:
                cache = EmbeddingCache(embedder.cache_dir, embedder.model_id, batch_vectors.shape[1])
                embedder._cache = cache  # the embedder's own (its width learned here): callers ask it whether it was written
                cache.get([])  # set aside shards left without a meta.json, as the local engine does
        if cache is not None:
            cache.append(batch_hashes, batch_vectors)  # written as it arrives: an interruption keeps it
        arrived.update(batch_hashes)
        unique_vectors[[position_of[h] for h in batch_hashes]] = batch_vectors
        done += len(batch_hashes)
        if progress:
            progress(done, len(texts))
    if done != len(texts):
        raise TopicsError(f"the Ray job returned {done} embeddings for {len(texts)} texts")
    return unique_vectors
