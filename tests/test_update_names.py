"""An update's names: topics that barely changed keep theirs, grown ones are described afresh; aliases merged."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import topics
from dated_sample import dated_bbc_sample
from topics.modeling.describe import class_tfidf, describe_topics, unit_term_matrix
from topics.modeling.headlines import label_still_fits
from topics.modeling.update_describe import RELABEL_SHARE, context_rows, merged_aliases



@pytest.fixture(scope="module")
def runs(tmp_path_factory, embedder):
    """The BBC sample by date: a run on the first 180 articles (saved as a report), then an update with all 200."""
    folder = tmp_path_factory.mktemp("update-names")
    frame = dated_bbc_sample(1)
    frame.iloc[:180].to_csv(folder / "early.csv", index=False)
    frame.to_csv(folder / "all.csv", index=False)
    early = topics.find_topics(folder / "early.csv", embedder=embedder)
    early.write_report(folder / "early_report")
    later = topics.find_topics(folder / "all.csv", embedder=embedder, previous=folder / "early_report")
    return early, later


def test_topics_that_barely_grew_keep_their_names_and_grown_ones_are_described_afresh(runs):
    early, later = runs
    assert later.update_mode == "update"
    before = early.model.topic_info().set_index("topic_id")
    now = later.model.topic_info().set_index("topic_id")
    is_new = (later.previous_rows < 0)
    labels = np.asarray(later.model.labels_)
    redescribed = set(int(t) for t in later.model.redescribed_topics_)
    row_of = {u: row for row, u in enumerate(later.units["unit_id"].astype(str))}
    for topic in later.model.topic_ids_:
        topic = int(topic)
        n_new = int(((labels == topic) & is_new).sum())
        n_seen = int(((labels == topic) & ~is_new).sum())
        assert (topic in redescribed) == (n_new >= RELABEL_SHARE * n_seen)
        if topic not in redescribed:
            assert now.loc[topic, "label"] == before.loc[topic, "label"]
            assert list(now.loc[topic, "keywords"]) == list(before.loc[topic, "keywords"])
        else:
            assert now.loc[topic, "label"] and len(now.loc[topic, "keywords"]) > 0
        # Representatives are the topic's own units, recomputed for every topic.
        assert all(labels[row_of[u]] == topic for u in now.loc[topic, "representative_unit_ids"])
    assert 0 < len(redescribed) < len(later.model.topic_ids_)


def test_a_weighted_sample_counts_like_the_corpus_it_stands_for(bbc_sample):
    """c-TF-IDF of a topic described against a weighted even sample of the others is close to the full corpus's."""
    texts = bbc_sample.articles["text"].tolist()
    labels = pd.factorize(bbc_sample.articles["label"])[0]
    rows, weights = context_rows(labels, np.array([0]), n_context=60)
    assert (labels[rows] == 0).sum() == (labels == 0).sum()  # the changed topic whole
    for topic in range(1, labels.max() + 1):  # every other class stands for its full size
        assert np.isclose(weights[labels[rows] == topic].sum(), (labels == topic).sum())
    counts, _ = unit_term_matrix(texts)
    full = class_tfidf(counts, labels, labels.max() + 1)[0]
    sampled = class_tfidf(counts[rows], labels[rows], labels.max() + 1, weights)[0]
    unweighted = class_tfidf(counts[rows], labels[rows], labels.max() + 1)[0]
    assert np.abs(sampled - full).sum() < np.abs(unweighted - full).sum()
    assert np.corrcoef(sampled, full)[0, 1] > 0.95


@pytest.fixture(scope="module")
def sections(bbc_sample, embedder):
    """60 BBC articles grouped by section: (texts, labels, ids, vectors, centres, their description)."""
    texts = bbc_sample.articles["text"].tolist()[:60]
    labels = pd.factorize(bbc_sample.articles["label"])[0][:60]
    ids = np.unique(labels)
    vectors = embedder.encode(texts)
    centres = np.stack([vectors[labels == t].mean(axis=0) for t in ids])
    return texts, labels, ids, vectors, centres, describe_topics(texts, labels, ids, vectors, centres)


def test_unit_weights_of_one_change_nothing(sections):
    texts, labels, ids, vectors, centres, plain = sections
    weighted = describe_topics(texts, labels, ids, vectors, centres, unit_weights=np.ones(len(texts)))
    assert plain == weighted
    # Some rows described only: the same label and keywords there, "" elsewhere and no keywords unless
    # a label fell back to keywords (then every row's, as when all are described).
    some = describe_topics(texts, labels, ids, vectors, centres, named_rows=np.array([1]))
    assert some.labels[1] == plain.labels[1] and not any(some.labels[row] for row in range(len(ids)) if row != 1)
    assert some.keywords[1] == plain.keywords[1] and some.keyword_weights[1] == plain.keyword_weights[1]
    assert all(some.keywords[row] in ([], plain.keywords[row]) for row in range(len(ids)))


def test_an_earlier_label_is_kept_only_while_the_first_keywords_still_lead_to_it(sections):
    texts, labels, ids, vectors, centres, plain = sections
    first, second = (k.split()[0] for k in plain.keywords[0][:2])
    fitting = f"{first.upper()} with {second}"  # two first keywords, one in capitals
    earlier = {0: (fitting, plain.keywords[0]), 1: (f"Zzyzx quarrel, {plain.keywords[1][0]}", plain.keywords[1])}  # row 1's holds one first keyword
    kept = describe_topics(texts, labels, ids, vectors, centres, earlier_names=earlier)
    assert kept.labels[0] == fitting and kept.keywords[0] == plain.keywords[0]
    assert kept.labels[1] == plain.labels[1] and not kept.labels[1].startswith("Zzyzx")
    assert kept.labels[2:] == plain.labels[2:] and kept.keywords == plain.keywords
    assert label_still_fits("Drone strikes, Kabul", ["strike", "pentagon", "kabul airport"])
    assert not label_still_fits("Drone strikes, Kabul", ["strike", "pentagon", "civilians"])
    assert not label_still_fits("Drone strikes, Kabul", ["pentagon", "civilians", "aid", "strike", "kabul"])
    assert label_still_fits("Risk", ["heroes", "risks", "members"]) and not label_still_fits("Risk", ["heroes", "members"])
    # A word of a first keyword it was named with that has left the first keywords: the topic moved on.
    somalia = "Drone strikes, airstrikes in Somalia"
    fresh = ["drone", "strike", "military", "al", "islamic state", "somalia"]
    assert not label_still_fits(somalia, fresh, ["drone", "strikes", "somalia"])  # "somalia" fell to the sixth
    assert label_still_fits(somalia, fresh[:3] + ["somalia"], ["drone", "strikes", "somalia"])  # one place down: kept
    assert label_still_fits(somalia, fresh, ["drone", "strikes", "al shabab"])  # named without it


def test_a_large_changed_topic_is_read_through_an_even_weighted_sample(bbc_sample):
    labels = pd.factorize(bbc_sample.articles["label"])[0]
    size = int((labels == 0).sum())
    rows, weights = context_rows(labels, np.array([0]), n_context=60, n_changed=size // 3)
    changed = labels[rows] == 0
    assert changed.sum() == size // 3 and np.isclose(weights[changed].sum(), size)
    assert (np.diff(rows) > 0).all()  # corpus order, each unit once


def test_aliases_from_new_texts_join_the_saved_groups_and_keep_their_canonical_name():
    saved = [{"canonical": "Islamic State Khorasan Province", "names": ["Islamic State Khorasan Province", "IS-K"]}]
    new_texts = [
        "Fighters of the Islamic State Khorasan Province (ISKP) attacked the airport.",
        "The North Atlantic Treaty Organization (NATO) met on Monday.",
        "ISKP claimed the attack, and NATO said it would leave.",
    ]
    table = merged_aliases(saved, new_texts)
    groups = {g.canonical: set(g.names) for g in table.groups}
    assert groups["Islamic State Khorasan Province"] >= {"IS-K", "ISKP", "Islamic State Khorasan Province"}
    assert groups["NATO"] == {"NATO", "North Atlantic Treaty Organization"}
    assert table.normalize("ISKP fighters") == "Islamic State Khorasan Province fighters"
    assert merged_aliases(saved, []).to_records()[0]["names"] == saved[0]["names"]


def test_malformed_saved_aliases_are_refused_by_name():
    from topics.errors import InputError

    with pytest.raises(InputError, match="earlier-report"):
        merged_aliases([{"canonical": "NATO", "names": [""]}], ["text"], "earlier-report")
