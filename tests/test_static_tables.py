"""benchmarks.static_tables: the table variants are built from the corpus's tokens as documented."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest


@pytest.fixture(scope="module")
def tokenizer():
    """The bundled model's own tokenizer, as the distilled table reads texts: no padding, no window."""
    from tokenizers import Tokenizer

    from topics.embedding.embed import Embedder

    loaded = Tokenizer.from_file(str(Path(Embedder()._model_source) / "tokenizer.json"))
    loaded.no_padding()
    loaded.no_truncation()
    return loaded


def test_zipf_weights_are_model2vecs():
    from model2vec.distill.inference import compute_weights

    from benchmarks.static_tables import zipf_weights

    np.testing.assert_allclose(zipf_weights(500), compute_weights(500, sif_coefficient=1e-4))
    assert np.all(np.diff(zipf_weights(500)) > 0)  # the later (rarer) a token, the more it weighs


def test_document_frequency_counts_each_article_once_and_corpus_sif_favours_rare_tokens():
    from benchmarks.static_tables import corpus_sif_weights, document_frequency, token_counts

    ids = [[1, 1, 2], [2, 3], [1]]  # paragraphs; the first two belong to one article
    df = document_frequency(ids, ["a", "a", "b"], 5)
    assert df.tolist() == [0, 2, 1, 1, 0]
    counts = token_counts(ids, 5)
    assert counts.tolist() == [0, 3, 2, 1, 0]
    weights = corpus_sif_weights(counts, a=0.1)
    assert weights[0] == weights[4] == 1.0  # never used: unweighted
    assert weights[1] < weights[2] < weights[3] < 1.0


def test_a_token_no_other_article_uses_leaves_the_mean(tokenizer):
    """Two articles that share one word and differ in one word each become the same vector."""
    from benchmarks.static_tables import corpus_tables, table_vectors
    from benchmarks.static_tuning import _run_table

    rng = np.random.default_rng(0)
    shipped = rng.normal(size=(tokenizer.get_vocab_size(), 16)).astype(np.float32)
    texts = ["election market", "election zebra"]
    token_ids = [e.ids for e in tokenizer.encode_batch(texts, add_special_tokens=False)]
    assert len({i for ids in token_ids for i in ids}) == 3
    tables = corpus_tables(shipped, token_ids, ["one", "two"])
    model = SimpleNamespace(tokenizer=tokenizer)
    kept = _run_table(model, tables["tokens in >= 2 articles"], texts)
    np.testing.assert_allclose(kept[0], kept[1], atol=1e-6)
    alone = table_vectors(model, tables["tokens in >= 2 articles"], ["zebra"])  # nothing left to average
    assert np.all(np.isfinite(alone)) and not alone.any()
    plain = _run_table(model, shipped, texts)
    assert float(plain[0] @ plain[1]) < 0.99  # the full table tells them apart
    # Corpus SIF replaces the rank guess: the shared word occurs twice, the others once, so it weighs less.
    from benchmarks.static_tables import zipf_weights

    zipf = zipf_weights(len(shipped))
    scale = np.linalg.norm(tables["corpus SIF"], axis=1) * zipf / np.linalg.norm(shipped, axis=1)
    shared, own = token_ids[0]
    assert scale[shared] < scale[own] < 1.0

def test_pca_table_keeps_the_order_of_tokens_and_cuts_dimensions():
    from benchmarks.static_tables import pca_table

    vectors = np.random.default_rng(1).normal(size=(40, 12)).astype(np.float32)
    cut = pca_table(vectors, 4)
    assert cut.shape == (40, 4) and cut.dtype == np.float32
    np.testing.assert_allclose(cut.mean(axis=0), 0, atol=1e-5)  # centred, as model2vec's PCA
    assert pca_table(vectors, None) is not None and np.array_equal(pca_table(vectors, None), vectors)


def test_score_row_reads_the_share_of_the_reference_and_the_speed():
    """benchmarks.static_words.score_row, the row both static benchmarks write."""
    from benchmarks.static_words import score_row

    truth = np.array(["a", "a", "b", "b"])
    vectors = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]], dtype=np.float32)
    row = score_row("toy", truth, vectors, "shipped", [0.4, 0.6], [3, 4, 3], 0.625, 2.0, 50.0)
    assert row["of_default"] == 0.8 and row["seeds"] == 2 and row["topics"] == [3, 4]
    assert row["x_encode"] == 25.0 and row["mode_cpu_s"] == 2.0
    reference = score_row("toy", truth, vectors, "default toolkit", [0.6], [2], 0.6, None, 50.0)
    assert reference["x_encode"] is None and reference["of_default"] == 1.0
