"""At article level, how much of each article is about its topic: the share of its paragraphs.

An article-level topic holds whole articles, so "1 unit, 100 %" says nothing about the article.
Each paragraph is compared with the article-level topic centres; an article's share in a topic is
the share of its paragraphs whose nearest centre is that topic's. Owns that table. May import:
numpy, pandas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def paragraph_shares(topic_ids, topic_embeddings, paragraphs: pd.DataFrame, paragraph_embeddings) -> pd.DataFrame:
    """Per (article, topic): paragraphs (the article's count), in_topic (nearest that topic's centre), share."""
    columns = ["article_id", "topic_id", "paragraphs", "in_topic", "share"]
    if len(paragraphs) == 0 or len(topic_ids) == 0:
        return pd.DataFrame(columns=columns)
    similarity = np.asarray(paragraph_embeddings, dtype=np.float64) @ np.asarray(topic_embeddings, dtype=np.float64).T
    frame = pd.DataFrame({
        "article_id": paragraphs["article_id"].astype(str).to_numpy(),
        "topic_id": np.asarray(topic_ids, dtype=np.int64)[similarity.argmax(axis=1)],
    })
    totals = frame.groupby("article_id").size().rename("paragraphs")
    counts = frame.groupby(["article_id", "topic_id"]).size().rename("in_topic").reset_index()
    counts = counts.join(totals, on="article_id")
    counts["share"] = counts["in_topic"] / counts["paragraphs"]
    return counts[columns]
