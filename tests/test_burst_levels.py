"""A story told by many articles within days is found alike whether the units are articles or paragraphs
(real BBC texts, real embeddings): the burst search must not part a story because few units are bursty."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

STORY_WORD = "film"  # the articles writing it at least twice are told within four days


@pytest.fixture(scope="module")
def planted(bbc_sample):
    """The BBC sample with every article dated at random over 300 days except the story's, packed in four days."""
    import topics

    frame = bbc_sample.articles[["article_id", "title", "text"]].rename(columns={"article_id": "id"})
    rng = np.random.default_rng(0)
    days = rng.integers(0, 300, len(frame))
    story = frame["text"].str.lower().str.count(STORY_WORD).to_numpy() >= 2
    days[story] = 150 + rng.integers(0, 4, story.sum())
    frame = frame.assign(date=(pd.Timestamp("2005-01-01") + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d"))
    return topics.load_corpus(frame), set(frame["id"][story].astype(str))


def test_a_story_of_articles_is_one_burst_not_one_burst_per_article(planted, embedder):
    from topics.embedding.embed import embed_units
    from topics.modeling.bursts import find_bursts

    corpus, story = planted
    units = corpus.units("article").reset_index(drop=True)
    days = ((pd.to_datetime(units["date"]) - pd.Timestamp("1900-01-01")).dt.days).to_numpy(np.float64)
    bursts = find_bursts(embed_units(corpus, "article", embedder), days, units["article_id"], window_days=14)
    told = units["article_id"].astype(str).isin(story).to_numpy() & (bursts >= 0)
    # Each bursty article of the story was a burst of its own (the largest held 2 of 24 articles).
    assert np.bincount(bursts[told]).max() >= 8


@pytest.mark.parametrize("level", ["article", "paragraph"])
def test_the_story_is_an_event_at_either_level(planted, embedder, level):
    import topics

    corpus, story = planted
    model = topics.TopicModel(random_state=0, embedder=embedder).fit(corpus, level=level)
    info = model.document_info()
    held = [info["article_id"][(info["topic_id"] == e.topic_id) & (info["subtopic"] == e.subtopic)].astype(str)
            for e in model.events().itertuples(index=False)]
    # Articles of the story in one event: at article level none was (no event held any).
    assert max((len(set(articles) & story) for articles in held), default=0) >= 10


def test_a_story_linked_to_nothing_else_is_not_parted_however_small_the_graph():
    from topics.modeling.bursts import RESOLUTION, burst_communities

    # A story of eleven units each linked to every other, beside three pairs: most of the graph's links.
    n_story = 11
    rows, cols = np.nonzero(~np.eye(n_story, dtype=bool))
    pairs = np.array([[11, 12], [13, 14], [15, 16]])
    rows, cols = np.concatenate([rows, pairs[:, 0], pairs[:, 1]]), np.concatenate([cols, pairs[:, 1], pairs[:, 0]])
    graph = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(17, 17))
    labels = burst_communities(graph, RESOLUTION, random_state=0)
    assert len(set(labels[:n_story])) == 1
    assert len(set(labels[n_story:])) == 3 and not set(labels[:n_story]) & set(labels[n_story:])
