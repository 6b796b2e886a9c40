"""Representatives a reader can use: the units nearest a topic's centre that say something in prose,
on real 20 Newsgroups messages (tests/data/newsgroups_sample.csv) embedded with the real model."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from topics.modeling.describe import describe_topics

NEWSGROUPS_SAMPLE = Path(__file__).resolve().parent / "data" / "newsgroups_sample.csv"
WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> int:
    return sum(1 for token in text.split() if WORD.search(token) and not re.search(r"[\d@]", token))


@pytest.fixture(scope="module")
def groups(embedder):
    """Paragraphs of the sample's for-sale posts (price lines among them) and hockey posts (score and
    name lines among them), one topic each, and their vectors."""
    from topics.embedding.embed import embed_units
    from topics.ingest.corpus import load_corpus

    frame = pd.read_csv(NEWSGROUPS_SAMPLE)
    corpus = load_corpus(frame[frame["label"].isin(["misc.forsale", "rec.sport.hockey"])])
    units = corpus.units("paragraph")
    vectors = np.asarray(embed_units(corpus, "paragraph", embedder), dtype=np.float64)
    group_of = dict(zip(corpus.articles["article_id"], corpus.articles["label"]))
    labels = np.array([0 if group_of[a] == "misc.forsale" else 1 for a in units["article_id"]])
    return units["text"].tolist(), labels, vectors


def _centres(vectors, labels, topic_ids):
    centres = np.array([vectors[labels == t].sum(axis=0) for t in topic_ids])
    return centres / np.linalg.norm(centres, axis=1, keepdims=True)


def _nearest(vectors, labels, centre, topic, n=3):
    members = np.flatnonzero(labels == topic)
    return members[np.argsort(-(vectors[members] @ centre), kind="stable")][:n].tolist()


def test_a_topic_is_represented_by_units_that_say_something_not_by_its_price_and_score_lines(groups):
    texts, labels, vectors = groups
    topic_ids = np.array([0, 1])
    centres = _centres(vectors, labels, topic_ids)
    # Nearest alone: "all for $100.00 + shipping", "For Sale (still) -", "Seattle Canucks", ...
    nearest = [_nearest(vectors, labels, centres[row], t) for row, t in enumerate(topic_ids)]
    assert all(_words(texts[i]) < 6 for i in nearest[0])
    assert sum(_words(texts[i]) < 6 for i in nearest[1]) >= 2

    described = describe_topics(texts, labels, topic_ids, vectors, centres, n_keywords=5, n_representatives=3)
    for row, topic in enumerate(topic_ids):
        chosen = described.representatives[row]
        assert len(chosen) == 3 and all(labels[i] == topic for i in chosen)
        assert all(_words(texts[i]) >= 6 for i in chosen), [texts[i] for i in chosen]
        # Still among the topic's nearer half: as central as readable units of it go.
        members = np.flatnonzero(labels == topic)
        similarity = vectors[members] @ centres[row]
        assert all(vectors[i] @ centres[row] >= np.median(similarity) for i in chosen)


def test_a_topic_of_short_lines_keeps_its_nearest(groups):
    texts, labels, vectors = groups
    short = np.flatnonzero((labels == 1) & np.array([0 < _words(t) < 6 for t in texts]))
    lines, line_vectors = [texts[i] for i in short], vectors[short]
    one = np.zeros(len(short), dtype=np.int64)
    centre = _centres(line_vectors, one, np.array([0]))
    described = describe_topics(lines, one, np.array([0]), line_vectors, centre, n_keywords=5, n_representatives=3)
    # No unit here writes a sentence: the topic's own bar keeps nearly its nearest lines.
    chosen = described.representatives[0]
    assert len(chosen) == 3
    nearest = _nearest(line_vectors, one, centre[0], 0, n=10)
    assert set(chosen) <= set(nearest)


def test_representatives_are_read_from_the_texts_they_are_given(groups):
    from topics.modeling.representatives import prose_words, representative_units, sentence_bar

    texts, labels, vectors = groups
    assert prose_words("HASTON@UTKVX.UTK.EDU") == 0
    assert prose_words("Vancouver: 3 Power play: 4-1") < prose_words("I am thinking of buying a used Audi 90 Auto.")
    assert sentence_bar(["One two three four. Five six seven eight nine ten."]) == 3.0
    centres = _centres(vectors, labels, np.array([0, 1]))
    # Without texts, the nearest alone (a caller with nothing to read).
    assert representative_units(labels, [0, 1], vectors, centres, 3) == [
        _nearest(vectors, labels, centres[0], 0), _nearest(vectors, labels, centres[1], 1)]


@pytest.mark.parametrize("text, words", [
    ("भारत सरकार ने आज नई नीति की घोषणा की", 9),  # vowel signs are combining marks
    ("أَعْلَنَتِ الحُكُومَةُ سِيَاسَةً جَدِيدَةً", 4),  # harakat
    ("pre\u0301sident annonce\u0301 e\u0301te\u0301", 3),  # decomposed accents
    ("The U.S. envoy flew Kabul—Kandahar", 5),
    ("HASTON@UTKVX.UTK.EDU 615-974-0000 F-16", 0),
])
def test_words_of_any_script_are_counted_and_addresses_and_figures_are_not(text, words):
    from topics.modeling.representatives import word_count

    assert word_count(text) == words
