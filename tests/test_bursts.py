"""Bursts: units of several articles that say the same thing in the same few days (real BBC texts, real embeddings)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from topics.modeling.bursts import bursty_units, content_neighbours, find_bursts


@pytest.fixture(scope="module")
def bbc_articles(bbc_sample, embedder):
    """BBC articles, their sections and embeddings, with dates: tech in ten days of March 2005, the rest over two years."""
    from topics.embedding.embed import embed_units

    units = bbc_sample.units("article").reset_index(drop=True)
    labels = bbc_sample.articles.set_index("article_id").loc[units["article_id"], "label"].to_numpy()
    rng = np.random.default_rng(0)
    days = np.where(labels == "tech", 38_000 + rng.integers(0, 10, len(units)), 37_600 + rng.integers(0, 730, len(units)))
    return units, labels, embed_units(bbc_sample, "article", embedder), days.astype(np.float64)


def test_a_story_packed_in_ten_days_is_a_burst_and_spread_stories_are_not(bbc_articles):
    units, labels, embeddings, days = bbc_articles
    bursts = find_bursts(embeddings, days, units["article_id"], window_days=14)
    in_burst = bursts >= 0
    assert in_burst.any()
    assert (labels[in_burst] == "tech").mean() > 0.8
    assert in_burst[labels == "tech"].mean() > 0.5
    # Every burst lies within the ten days.
    assert (days[in_burst] >= 38_000).all()


def test_paragraphs_of_one_article_are_no_burst(bbc_articles):
    units, labels, embeddings, days = bbc_articles
    # The tech texts as the paragraphs of one long article: the same date, the same source.
    articles = np.where(labels == "tech", "one-article", units["article_id"].to_numpy())
    one_day = np.where(labels == "tech", 38_000.0, days)
    bursty, _ = bursty_units(embeddings, one_day, articles, window_days=14)
    assert not bursty[labels == "tech"].any()


def test_undated_units_are_never_bursty(bbc_articles):
    units, _, embeddings, days = bbc_articles
    undated = days.copy()
    undated[::2] = np.nan
    bursty, _ = bursty_units(embeddings, undated, units["article_id"], window_days=14)
    assert not bursty[::2].any()
    assert (find_bursts(embeddings, np.full(len(days), np.nan), units["article_id"], window_days=14) == -1).all()
    assert pd.Series(find_bursts(embeddings[:2], days[:2], ["a", "b"], window_days=14)).eq(-1).all()


def test_one_neighbour_search_serves_every_window(bbc_articles):
    units, _, embeddings, days = bbc_articles
    neighbours = content_neighbours(embeddings)
    for window in (14, 3.5):
        searched = find_bursts(embeddings, days, units["article_id"], window_days=window)
        reused = find_bursts(embeddings, days, units["article_id"], window_days=window, neighbours=neighbours)
        assert np.array_equal(searched, reused)
    # The shorter window finds bursts of its own, so the test compares two different results.
    assert not np.array_equal(find_bursts(embeddings, days, units["article_id"], window_days=14, neighbours=neighbours),
                              find_bursts(embeddings, days, units["article_id"], window_days=1, neighbours=neighbours))


def test_paragraphs_under_dates_that_carry_no_story_are_bursty_at_about_the_test_level(bbc_sample, embedder):
    # An article's paragraphs share its date, so a binomial over neighbour paragraphs is too liberal: two
    # long articles that random dates put in one fortnight make each other look bursty. The threshold is
    # calibrated on the same corpus with its article dates shuffled, so random dates give about ALPHA.
    from topics.embedding.embed import embed_units
    from topics.modeling.bursts import ALPHA

    units = bbc_sample.units("paragraph").reset_index(drop=True)
    embeddings = embed_units(bbc_sample, "paragraph", embedder)
    neighbours = content_neighbours(embeddings)
    codes = pd.factorize(units["article_id"])[0]
    shares = {0: [], 20: []}
    for seed in range(6):  # each draw: every article a date of its own, uniform over 300 days
        days = np.random.default_rng(seed).integers(0, 300, codes.max() + 1)[codes].astype(np.float64)
        for n_permutations in shares:
            bursty, _ = bursty_units(embeddings, days, units["article_id"], window_days=14, neighbours=neighbours,
                                     n_permutations=n_permutations)
            shares[n_permutations].append(bursty.mean())
    assert np.mean(shares[0]) > 2 * ALPHA  # the uncalibrated binomial: several times the level
    assert np.mean(shares[20]) < 1.5 * ALPHA


def test_effective_articles_count_each_units_neighbour_articles_as_independent_draws():
    """(sum of paragraphs per neighbour article)^2 / (sum of their squares), over the counted neighbours only."""
    from collections import Counter

    from topics.modeling.bursts import effective_articles

    rng = np.random.default_rng(3)
    articles = np.array([f"a{i}" for i in rng.integers(0, 40, 300)], dtype=object)
    index = rng.integers(0, 300, (300, 25))
    counted = rng.random((300, 25)) < 0.6
    counted[0] = False  # no counted neighbour: none
    index[1], counted[1] = 7, True  # one article holds them all: one draw
    expected = []
    for row, mask in zip(index, counted):
        per_article = Counter(articles[row[mask]].tolist())
        squares = sum(n * n for n in per_article.values())
        expected.append(mask.sum() ** 2 / squares if squares else 0.0)
    found = effective_articles(articles, index, counted)
    assert np.allclose(found, expected)
    assert found[0] == 0.0 and found[1] == 1.0
