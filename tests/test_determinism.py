"""Identical input, identical output: a fit and an update in two processes with other string hashing and thread counts agree exactly."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

DATA_CSV = "tests/data/bbc_sample.csv"

# Run in a fresh process: fit the early articles, save, update with all of them; print what came out.
SCRIPT = r"""
import hashlib, json, sys
import numpy as np
from topics.embedding.embed import Embedder, embed_units
from topics.ingest.corpus import load_corpus
from topics.modeling.model import TopicModel
from topics.modeling.previous import check_previous, read_previous
from topics.modeling.update import update_model

folder, cache = sys.argv[1], sys.argv[2]
embedder = Embedder(cache_dir=cache)

def digest(model):
    info = model.document_info()
    events = model.events()
    return {
        "labels": np.asarray(model.labels_).tolist(),
        "topic_ids": np.asarray(model.topic_ids_).tolist(),
        "names": list(model.descriptions_.labels),
        "keywords": [list(k) for k in model.descriptions_.keywords],
        "subtopics": info["subtopic"].astype(int).tolist(),
        "events": events.astype(str).to_dict(orient="records"),
        "coords": hashlib.sha256(np.ascontiguousarray(model.coords_2d_).tobytes()).hexdigest(),
    }

early = load_corpus(folder + "/early.csv")
units = early.units("paragraph")
model = TopicModel(embedder=embedder).fit(units, embeddings=embed_units(early, "paragraph", embedder))
model.save(folder + "/model-" + sys.argv[3])
grown = load_corpus(folder + "/all.csv")
units = grown.units("paragraph")
previous = read_previous(folder + "/model-" + sys.argv[3])
rows = check_previous(previous, "paragraph", embedder.model_id, units["unit_id"], units["text"].tolist())
updated = update_model(TopicModel(embedder=embedder), previous, rows, units, embed_units(grown, "paragraph", embedder))
print(json.dumps({"fit": digest(model), "update": digest(updated)}))
"""


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory, embedder):
    """60 BBC articles with dates over three months, then 6 more: real CSV files, their paragraphs embedded once."""
    from topics.embedding.embed import embed_units
    from topics.ingest.corpus import load_corpus

    folder = tmp_path_factory.mktemp("determinism")
    frame = pd.read_csv(DATA_CSV).iloc[::3].head(66).reset_index(drop=True)
    frame["date"] = (pd.Timestamp("2021-06-01") + pd.to_timedelta(np.arange(len(frame)) * 90 // len(frame), unit="D")).strftime("%Y-%m-%d")
    frame.iloc[:60].to_csv(folder / "early.csv", index=False)
    frame.to_csv(folder / "all.csv", index=False)
    # Both processes read the same vectors from the cache (a text embedded in another batch can differ by float noise).
    embed_units(load_corpus(folder / "all.csv"), "paragraph", embedder)
    return folder


def _run(folder, cache, hash_seed: str, threads: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads,
           "MKL_NUM_THREADS": threads, "NUMBA_NUM_THREADS": threads, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(folder), str(cache), hash_seed],
                          capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_two_processes_fit_and_update_the_same_corpus_identically(corpus_files, session_cache_dir):
    first = _run(corpus_files, session_cache_dir, "1", "1")
    second = _run(corpus_files, session_cache_dir, "2024", "2")
    assert len(first["fit"]["topic_ids"]) >= 2 and len(first["update"]["labels"]) > len(first["fit"]["labels"])
    for stage in ("fit", "update"):
        for part in first[stage]:
            assert first[stage][part] == second[stage][part], f"{stage}: {part} differs between the two processes"


def test_exact_rescoring_gives_the_same_lists_and_similarities_whatever_its_block(monkeypatch):
    """The exact similarities are summed block by block of queries (a block's size bounds the gathered
    vectors): one query at a time, the default and all at once give the same bits, so the update's lists
    merged from an earlier run's stay a fresh search's."""
    from topics.modeling import neighbours

    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(2_500, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors[7] = vectors[1_900]  # an exact tie
    found = []
    for values in (1, neighbours.RESCORE_BLOCK_VALUES, 1 << 40):
        monkeypatch.setattr(neighbours, "RESCORE_BLOCK_VALUES", values)
        found.append(neighbours.nearest(vectors, vectors, 31, np.float64))
    for indices, similarities in found[1:]:
        assert np.array_equal(indices, found[0][0]) and np.array_equal(similarities, found[0][1])


def test_nearest_neighbours_do_not_depend_on_float32_rounding():
    """Near-ties are ordered by exact similarity, then by row: the same answer for rows perturbed by float noise."""
    from topics.modeling.neighbours import nearest

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors[10] = vectors[20]  # an exact tie: the lower row comes first
    indices, similarities = nearest(vectors, vectors, 5)
    assert indices[0, 0] == 0 and np.all(np.diff(similarities, axis=1) <= 0)
    assert indices[20, :2].tolist() == [10, 20] and indices[10, :2].tolist() == [10, 20]
    exact = vectors.astype(np.float64) @ vectors.T.astype(np.float64)
    expected = np.argsort(-exact, axis=1, kind="stable")[:, :5]
    assert all(set(a) == set(b) for a, b in zip(indices.tolist(), expected.tolist()))
    assert np.allclose(similarities, np.take_along_axis(exact, indices, axis=1), atol=1e-6)


def test_top_candidates_are_the_largest_with_ties_to_the_lower_columns():
    """The chunk floor keeps exactly the k largest of each row, of equal ones the lower columns, as a full sort does."""
    from topics.modeling.neighbours import top_candidates

    rng = np.random.default_rng(1)
    similarities = rng.normal(size=(40, 2_000)).astype(np.float32)
    similarities[0, 1_500:1_600] = 5.0  # a hundred equal best values in a few chunks: the lowest 23 columns of them
    similarities[1, ::97] = 3.0  # equal values spread over the chunks
    similarities[2] = 0.0  # every value equal
    found = top_candidates(similarities, 23)
    expected = np.argsort(-similarities.astype(np.float64), axis=1, kind="stable")[:, :23]
    assert [sorted(row) for row in found.tolist()] == [sorted(row) for row in expected.tolist()]
    assert sorted(found[0].tolist()) == list(range(1_500, 1_523))
    with_nan = similarities[3:5].copy()
    with_nan[0, 7] = np.nan  # NaN counts as the largest, as in a partial sort
    assert top_candidates(with_nan, 23).shape == (2, 23) and 7 in top_candidates(with_nan, 23)[0]


NEAREST_SCRIPT = r"""
import hashlib
import numpy as np
from topics.modeling.neighbours import nearest

rng = np.random.default_rng(0)
vectors = rng.normal(size=(1000, 384)).astype(np.float32)
# Near-duplicates (a story repeated with small edits): neighbours a few 1e-7 apart.
vectors = np.repeat(vectors, 3, axis=0) + rng.normal(scale=1e-4, size=(3000, 384)).astype(np.float32)
vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
indices, similarities = nearest(vectors, vectors, 15)
print(hashlib.sha256(indices.tobytes() + similarities.tobytes()).hexdigest())
"""


def test_nearest_neighbours_agree_with_one_thread_or_two():
    """A float32 product threaded two ways rounds differently; the neighbours found must not."""
    found = []
    for threads in ("1", "2"):
        env = {**os.environ, "OMP_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads, "MKL_NUM_THREADS": threads}
        done = subprocess.run([sys.executable, "-c", NEAREST_SCRIPT], capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        found.append(done.stdout.strip())
    assert found[0] == found[1]
