"""The labels learnt back from the features (benchmarks.granularity_ceiling), beside the automatic topics."""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.granularity_ceiling import held_out_labels, neighbours_alike, unit_set_row


def _blobs(spread: float, seed: int = 0):
    """Unit rows around three far-apart directions of 20-D space, 30 per label."""
    rng = np.random.default_rng(seed)
    centres = np.eye(20)[:3]
    truth = np.repeat(np.arange(3), 30)
    rows = centres[truth] + spread * rng.normal(size=(len(truth), 20))
    return rows / np.linalg.norm(rows, axis=1, keepdims=True), truth


def test_the_held_out_classifier_learns_labels_the_rows_hold_and_not_shuffled_ones():
    rows, truth = _blobs(0.1)
    assert (held_out_labels(rows, truth) == truth).mean() > 0.95
    shuffled = np.random.default_rng(1).permutation(truth)
    assert (held_out_labels(rows, shuffled) == shuffled).mean() < 0.6


def test_neighbours_alike_against_chance():
    rows, truth = _blobs(0.1)
    alike, chance = neighbours_alike(rows, truth)
    assert alike == 1.0
    assert np.isclose(chance, 29 / 89)  # of a unit's 89 others, 29 share its label
    noisy_alike, _ = neighbours_alike(*_blobs(3.0))
    assert noisy_alike < 0.7


def test_on_the_seeds_the_topics_stay_under_the_classifier(seeds_corpus, data_dir, seeds_paragraph_embeddings):
    units = seeds_corpus.units("paragraph")
    themes = pd.read_csv(data_dir / "seed_theme_labels.csv").set_index("paragraph_id").loc[units["unit_id"], "theme"]
    row = unit_set_row("seeds", units["text"].tolist(), seeds_paragraph_embeddings, themes.to_numpy(), (0,))
    assert row["units"] == len(units) and row["labels"] == themes.nunique()
    assert row["topics ARI"] < row["classifier ARI"]
    assert np.isclose(row["topics share of classifier ARI"], row["topics ARI"] / row["classifier ARI"])
    assert row["neighbours alike"] > row["chance"]
