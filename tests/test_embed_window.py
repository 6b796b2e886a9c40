"""A text longer than the model's window: embedded as the weighted mean of pieces that fit, never cut."""

from __future__ import annotations

import re

import numpy as np
import pytest

from topics.embedding.cache import EmbeddingCache, text_hash
from topics.embedding.embed import Embedder, length_weighted_means
from topics.embedding.window import window_pieces


@pytest.fixture(scope="module")
def long_and_short(seeds_corpus):
    """A seed article's whole text (far past 256 word pieces) and one of its paragraphs."""
    article = seeds_corpus.units("article")["text"].iloc[0]
    paragraph = seeds_corpus.paragraphs["text"].iloc[0]
    return article, paragraph


@pytest.mark.parametrize("backend", ["onnx", "torch"])
def test_a_long_text_is_the_weighted_mean_of_its_pieces_and_a_short_one_is_unchanged(tmp_path, long_and_short, backend):
    long, short = long_and_short
    embedder = Embedder(backend=backend, cache_dir=tmp_path, show_progress=False)
    window = embedder.window_tokenizer
    assert window.overflowing([long, short]) == [0]
    vectors = embedder.encode([long, short])

    pieces = window_pieces(long, window.fits)
    assert len(pieces) > 1 and max(window.counts(pieces)) <= window.window
    # Nothing left out but the closing quotes ingest's splitter drops after a sentence end it splits at.
    assert _unquoted(" ".join(pieces)) == _unquoted(" ".join(long.split()))
    piece_vectors = embedder.encode(pieces)
    expected = length_weighted_means(piece_vectors, pieces, np.zeros(len(pieces), dtype=int), 1)[0]
    np.testing.assert_allclose(vectors[0], expected, atol=1e-6)

    # The model alone sees the long text cut at its window: another vector.
    alone = Embedder(backend=backend, cache_dir=tmp_path / "alone", use_cache=False)
    whole, short_alone = alone._encode_within_window([long, short])
    assert float(whole @ vectors[0]) < 0.98
    np.testing.assert_array_equal(vectors[1], short_alone)  # a text within the window: its vector as before

    # Cached by each piece's text and the short text's own, in the cache's usual format.
    cache = EmbeddingCache(tmp_path, embedder.model_id, embedder.dim)
    stored, missing = cache.get([text_hash(short), *map(text_hash, pieces)])
    assert missing == [] and np.array_equal(stored[0], vectors[1])
    assert cache.get([text_hash(long)])[1] == [0]

    again = Embedder(backend=backend, cache_dir=tmp_path)
    np.testing.assert_array_equal(again.encode([long, short]), vectors)
    assert again.n_model_calls_ == 0


def test_texts_from_the_cache_are_counted_as_texts_not_pieces(tmp_path, long_and_short):
    long, short = long_and_short
    embedder = Embedder(cache_dir=tmp_path, show_progress=False)
    n_pieces = len(embedder.split_to_window([long]).texts)
    embedder.encode([long, short, short])
    # Each piece and the repeated text once through the model; none of the three texts from the cache.
    assert (embedder.n_model_calls_, embedder.n_from_cache_) == (n_pieces + 1, 0)
    other = "A paragraph of its own, not cached yet."
    embedder.encode([long, other, short])
    assert (embedder.n_model_calls_, embedder.n_from_cache_) == (n_pieces + 2, 2)


def _unquoted(text: str) -> str:
    return re.sub(r"[\"'”’)\]]", "", text)


def test_a_piece_dense_in_word_pieces_is_split_again_until_it_fits(embedder):
    # 150 words (under ingest's paragraph length) of numbers, each several word pieces.
    text = " ".join(f"{n * 7919:,}.{n % 97}." for n in range(1, 151))
    window = embedder.window_tokenizer
    assert len(text.split()) < 160 and window.counts([text])[0] > window.window
    pieces = window_pieces(text, window.fits)
    assert len(pieces) > 1 and max(window.counts(pieces)) <= window.window
    assert " ".join(pieces) == text


def test_seed_paragraphs_fit_the_window_and_short_texts_are_not_tokenised(seeds_corpus, embedder):
    window = embedder.window_tokenizer
    assert window.overflowing(seeds_corpus.paragraphs["text"].tolist()) == []
    assert not window.may_overflow("a query of a few words")


def test_the_static_backend_has_no_window(tmp_path):
    assert Embedder(backend="static", cache_dir=tmp_path).window_tokenizer is None
