"""At article level an article's card line shows the share of its paragraphs in the topic."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

import topics
from topics.modeling.article_mix import paragraph_shares


def test_each_paragraph_counts_for_the_topic_whose_centre_is_nearest():
    centres = np.array([[1.0, 0.0], [0.0, 1.0]])
    paragraphs = pd.DataFrame({"article_id": ["a", "a", "a", "b"]})
    vectors = np.array([[0.9, 0.1], [0.8, 0.6], [0.1, 0.9], [0.0, 1.0]])
    shares = paragraph_shares(np.array([3, 7]), centres, paragraphs, vectors).set_index(["article_id", "topic_id"])
    assert shares.loc[("a", 3), "in_topic"] == 2 and shares.loc[("a", 3), "paragraphs"] == 3
    assert shares.loc[("a", 7), "share"] == 1 / 3 and shares.loc[("b", 7), "share"] == 1.0


def test_article_level_cards_give_paragraph_shares(bbc_sample, embedder, tmp_path):
    result = topics.find_topics(bbc_sample, level="article", embedder=embedder)
    result.write_report(tmp_path / "report")
    document = json.loads((tmp_path / "report" / "topics.json").read_text(encoding="utf-8"))
    lines = [a for t in document["topics"] for a in t["articles"]]
    assert lines and all(a["n_units"] == 1 for a in lines)
    for article in lines:
        assert 0 <= article["paragraphs_in_topic"] <= article["paragraphs"]
        assert article["share_of_article"] == round(article["paragraphs_in_topic"] / article["paragraphs"], 4)
    assert any(a["share_of_article"] < 1 for a in lines)  # not "1 unit, 100 %" for every article
    assert " paragraphs (" in (tmp_path / "report" / "report.md").read_text(encoding="utf-8")
    assert "paragraphs nearest this topic" in (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
