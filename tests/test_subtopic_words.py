"""A subtopic's keywords say what sets it apart inside its topic, not the corpus's everyday words
(real model; ISAF press releases, tests/data/isaf_sample.jsonl, CC BY-SA 4.0)."""

from __future__ import annotations

import re

import numpy as np
import pytest

import topics
from topics.modeling.cluster import topic_centroids
from topics.modeling.describe import describe_topics
from topics.modeling.headlines import usage_sample


@pytest.fixture(scope="module")
def releases(data_dir, embedder):
    """Paragraphs of the sample's releases, their vectors, and 1 where the release tells of detentions."""
    corpus = topics.load_corpus(data_dir / "isaf_sample.jsonl")
    units = corpus.units("paragraph")
    vectors = topics.embed_units(corpus, "paragraph", embedder)
    label = corpus.articles.set_index("article_id")["label"]
    detention = (units["article_id"].map(label) == "detention").to_numpy().astype(np.int64)
    return units["text"].tolist(), np.asarray(vectors), detention


def share(texts, term) -> float:
    pattern = re.compile(r"\b" + re.escape(term) + r"\b")
    return float(np.mean([bool(pattern.search(t.lower())) for t in texts]))


def test_parts_of_a_templated_topic_are_named_by_what_sets_them_apart(releases):
    texts, vectors, parts = releases
    described = describe_topics(texts, parts, np.array([0, 1]), vectors, topic_centroids(vectors, parts, [0, 1]),
                                usage_texts=usage_sample(texts))
    for part, keywords in enumerate(described.keywords):
        members = [t for t, p in zip(texts, parts) if p == part]
        assert len(keywords) == 10
        # Every lead keyword is written more often in its part than in the topic as a whole: the release
        # template ("Afghan and coalition security force") is no keyword of either part.
        for keyword in keywords[:6]:
            assert share(members, keyword) > share(texts, keyword), (part, keyword, keywords)
    assert "detained" in described.keywords[1][:3]
    assert "killed" in described.keywords[0][:3]


def test_a_topic_not_split_keeps_its_keywords(releases):
    texts, vectors, _ = releases
    one = np.zeros(len(texts), np.int64)
    centre = topic_centroids(vectors, one, [0])
    alone = describe_topics(texts, one, np.array([0]), vectors, centre)
    against_corpus = describe_topics(texts, one, np.array([0]), vectors, centre, usage_texts=usage_sample(texts))
    assert against_corpus.keywords == alone.keywords and alone.keywords[0]


def test_a_keyword_pair_the_texts_never_write_whole_is_spelt_word_by_word(releases):
    from topics.modeling.headlines import _cased

    texts, _, _ = releases
    # "district helmand" is a keyword pair of "Nad Ali district, Helmand province": no text writes it whole.
    assert _cased("insurgents, district helmand", texts) == "Insurgents, district Helmand"


def test_a_part_that_writes_nothing_more_than_its_topic_keeps_its_class_tfidf_keywords(embedder):
    # The story's body and a sibling part that writes the same lines with more words: the body writes no
    # word more often than its topic, so weighed against the topic it would have no keyword at all.
    places = ["morning", "evening", "village", "district", "convoy", "checkpoint", "compound", "valley"]
    body = [f"Drone strikes hit Taliban fighters near the Kandahar {place}." for place in places]
    more = [f"Drone strikes hit Taliban fighters near the Kandahar {place}; the Helmand governor counted civilian "
            "casualties." for place in places]
    texts = body + more
    parts = np.array([0] * len(body) + [1] * len(more))
    vectors = np.asarray(embedder.encode(texts), dtype=np.float64)
    other = [f"Parliament debated the budget bill and tax reform in session {i}." for i in range(20)]
    described = describe_topics(texts, parts, np.array([0, 1]), vectors, topic_centroids(vectors, parts, [0, 1]),
                                n_keywords=5, usage_texts=usage_sample(texts + other))
    assert "drone" in " ".join(described.keywords[0]), described.keywords
    assert "governor" in " ".join(described.keywords[1]) or "casualties" in " ".join(described.keywords[1])
