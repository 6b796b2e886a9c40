"""A near copy of a fitted unit (a word changed, a full stop added or dropped) gets that unit's fitted topic from
predict and from an update, on real embeddings; a unit that is no near copy is placed as before."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from topics.modeling import placement
from topics.modeling.model import TopicModel


def near_copies(texts: list[str]) -> dict[str, list[str]]:
    """Each text with its full stop dropped (or one added), and with one word in its middle changed (a text of
    fewer than eight words as it is: a word of three is no small change)."""
    def one_word(text: str) -> str:
        words = text.split(" ")
        if len(words) < 8:
            return text
        middle = len(words) // 2
        words[middle] = "a" if words[middle] != "a" else "the"
        return " ".join(words)

    return {"full stop": [t[:-1] if t.endswith(".") else t + "." for t in texts], "a word": [one_word(t) for t in texts]}


@pytest.fixture(scope="module")
def bbc_fit(bbc_sample, embedder):
    """A fit on 400 paragraphs of the BBC sample (real model), and 400 other paragraphs of it."""
    units = bbc_sample.units("paragraph")
    units = units[units["text"].str.split().str.len() >= 8].sample(800, random_state=0).reset_index(drop=True)
    fitted, others = units[:400].reset_index(drop=True), units[400:].reset_index(drop=True)
    return TopicModel(embedder=embedder, random_state=0).fit(fitted), fitted, others


def test_a_near_copy_of_a_fitted_unit_gets_its_fitted_topic(bbc_fit):
    model, fitted, _ = bbc_fit
    assert (model.labels_ >= 0).sum() > 300 and len(model.topic_ids_) >= 3
    for change, texts in near_copies(fitted["text"].tolist()).items():
        predicted = model.predict(fitted.assign(text=texts))
        moved = np.flatnonzero(predicted != model.labels_)
        assert not len(moved), f"{change}: {len(moved)} of {len(fitted)} near copies moved, e.g. {texts[moved[0]]!r}"


def test_a_unit_that_is_no_near_copy_is_placed_by_centres_and_neighbours(bbc_fit, embedder):
    model, _, others = bbc_fit
    vectors = embedder.encode(others["text"].tolist())
    taken = placement.near_copies_kept(np.full(len(others), -2), vectors, model.embeddings_, model.labels_)
    # Other paragraphs of the same corpus (same stories, often the same words) are rarely within a fitted unit's ball.
    assert (taken != -2).mean() < 0.02
    # A fitted unit's own vector is in its ball (an outlier of the fit stays one).
    own = placement.near_copies_kept(np.full(len(model.labels_), -2), model.embeddings_ * 1.0, model.embeddings_, model.labels_)
    assert (own == model.labels_).mean() > 0.95


def test_an_update_gives_a_near_copy_of_a_seen_unit_that_units_topic(tmp_path, embedder):
    """Articles reposted with a word changed in each paragraph join their originals' topics without a refit."""
    import topics
    from dated_sample import dated_bbc_sample

    frame = dated_bbc_sample(0).iloc[:100].reset_index(drop=True)
    frame.to_csv(tmp_path / "early.csv", index=False)
    reposted = frame.iloc[::7].copy()
    reposted["id"] = reposted["id"] + "-again"
    reposted["date"] = "2005-12-01"
    reposted["text"] = ["\n\n".join(near_copies(text.split("\n\n"))["a word"]) for text in reposted["text"]]
    pd.concat([frame, reposted]).to_csv(tmp_path / "all.csv", index=False)
    early = topics.find_topics(tmp_path / "early.csv", embedder=embedder)
    early.model.save(tmp_path / "early_model")
    updated = topics.find_topics(tmp_path / "all.csv", embedder=embedder, previous=tmp_path / "early_model")
    assert updated.update_mode == "update"
    topic_of = dict(zip(early.units["text"], early.model.labels_))
    texts = near_copies(early.units["text"].tolist())["a word"]
    original = dict(zip(texts, early.units["text"]))
    new = np.flatnonzero(updated.previous_rows < 0)
    copies = [(row, original[text]) for row, text in zip(new, updated.units["text"].iloc[new]) if text in original]
    assert len(copies) >= 15
    moved = [(source[:60], topic_of[source], updated.model.labels_[row]) for row, source in copies
             if updated.model.labels_[row] != topic_of[source]]
    assert not moved, f"{len(moved)} of {len(copies)} near copies placed elsewhere, e.g. {moved[0]}"


def test_a_sampled_fit_does_not_search_every_fitted_unit_for_near_copies(bbc_fit, embedder, monkeypatch):
    """The near-copy search reads every fitted unit for each new unit: only for a fit whose clustering saw them all.
    Before, a sampled fit's predict (run on every batch of a corpus of millions) searched each new unit among all."""
    from topics.modeling import neighbours

    model, fitted, others = bbc_fit
    units = pd.concat([fitted, others], ignore_index=True)
    sampled = TopicModel(embedder=embedder, random_state=0, max_fit_units=500).fit(units)
    assert sampled.fit_sample_size_ == 500 < len(sampled.labels_)
    searched = []
    search = neighbours.nearest
    monkeypatch.setattr(neighbours, "nearest", lambda base, queries, *a, **k: searched.append((len(base), len(queries))) or search(base, queries, *a, **k))
    texts = near_copies(units["text"].tolist())["full stop"]
    sampled.predict(texts)
    # Only the units below a floor are searched, for the neighbour vote; never every new unit among the fitted ones.
    assert sum(queries for base, queries in searched if base == len(units)) < len(texts)
    # An unsampled fit still searches them (its fitted units are no more than its clustering searched).
    searched.clear()
    copies = near_copies(fitted["text"].tolist())["full stop"]
    np.testing.assert_array_equal(model.predict(copies), model.labels_)
    assert sum(queries for base, queries in searched if base == len(fitted)) >= len(copies)


def test_an_update_from_a_sampled_fit_does_not_search_its_units_for_near_copies(tmp_path, embedder, monkeypatch):
    """As the earlier model's predict: its clustering saw a sample, so new units are not searched among all it kept."""
    import topics
    from dated_sample import dated_bbc_sample
    from topics.modeling import placement
    from topics.modeling.previous import read_previous

    frame = dated_bbc_sample(0).iloc[:100].reset_index(drop=True)
    frame.to_csv(tmp_path / "early.csv", index=False)
    reposted = frame.iloc[::7].copy()
    reposted["id"] = reposted["id"] + "-again"
    reposted["text"] = ["\n\n".join(near_copies(text.split("\n\n"))["a word"]) for text in reposted["text"]]
    pd.concat([frame, reposted]).to_csv(tmp_path / "all.csv", index=False)
    early = topics.find_topics(tmp_path / "early.csv", embedder=embedder, max_fit_units=500)
    assert early.model.fit_sample_size_ == 500 < len(early.units)
    early.model.save(tmp_path / "early_model")
    searched = []
    search = placement.near_copies_kept
    monkeypatch.setattr(placement, "near_copies_kept", lambda labels, *a: searched.append(len(a[1])) or search(labels, *a))
    updated = topics.find_topics(tmp_path / "all.csv", embedder=embedder, previous=tmp_path / "early_model")
    assert updated.update_mode == "update" and (updated.previous_rows < 0).sum() >= 15
    assert not searched
    assert read_previous(tmp_path / "early_model").clustered == 500
