"""Sibling subtopics never share a label: a collision takes a keyword that tells the siblings apart."""

from __future__ import annotations

import pandas as pd

import topics
from dated_sample import dated_bbc_sample
from topics.modeling import describe as describe_stage
from topics.modeling.sibling_labels import distinct_labels

KABUL = ["The drone strike in Kabul hit a white car.", "A drone strike in Kabul killed an aid worker."]
ISIS = ["A drone strike hit Islamic State fighters.", "Drone strikes on the Islamic State went on."]
TALKS = ["Peace talks in Doha resumed.", "The Doha talks stalled."]


def test_colliding_siblings_each_take_a_keyword_their_sibling_lacks():
    labels = ["Drone strike", "drone strike", "Doha talks"]
    keywords = [["drone", "strike", "kabul", "car"], ["strike", "drone", "islamic state", "fighters"], ["doha", "talks"]]
    texts = [KABUL, ISIS, TALKS]
    names = distinct_labels(labels, keywords, lambda row: texts[row])
    assert names == ["Drone strike, Kabul", "drone strike, Islamic State", "Doha talks"]


def test_a_label_a_sibling_says_all_of_takes_a_keyword_neither_label_says():
    labels = ["Drone strike", "Drone strikes, Air Base", "Doha talks"]
    keywords = [["drone", "base", "hours", "kabul"], ["drone", "base", "air"], ["doha", "talks"]]  # a name before "hours"
    names = distinct_labels(labels, keywords, lambda row: [KABUL, ISIS, TALKS][row])
    assert names == ["Drone strike, Kabul", "Drone strikes, Air Base", "Doha talks"]


def test_only_the_free_rows_are_renamed():
    keywords = [["drone", "kabul"], ["drone", "fighters"]]
    names = distinct_labels(["Drone strike", "Drone strike"], keywords, lambda row: [KABUL, ISIS][row], free={1})
    assert names == ["Drone strike", "Drone strike, fighters"]


def test_a_fresh_fits_subtopics_of_one_topic_have_distinct_labels(embedder, tmp_path, monkeypatch):
    # Every topic and subtopic given one headline label: only the keywords can tell siblings apart.
    monkeypatch.setattr(describe_stage, "headline_labels_or_keywords", lambda texts, labels, topic_ids, *a, **k: ["Election news"] * len(topic_ids))
    dated_bbc_sample(0).to_csv(tmp_path / "corpus.csv", index=False)
    table = topics.find_topics(tmp_path / "corpus.csv", level="article", embedder=embedder).model.subtopics()
    sizes = table.groupby("topic_id")["label"].agg(["size", "nunique"])
    assert (sizes["size"] > 1).any()  # some topic has siblings to tell apart
    assert (sizes["size"] == sizes["nunique"]).all(), table[["topic_id", "subtopic", "label"]].to_string()
