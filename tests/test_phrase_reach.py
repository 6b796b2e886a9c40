"""A label's phrase leads over a lone word only where about as many of the group's articles write it, or its
head word (topics.modeling.phrase_reach): "Power play" (6 of 166 articles) named a topic of hockey games
where 63 write "game"; "Versions of Windows" (2 of 3) a group all of whose articles write "Microsoft"."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"


def _writers(texts) -> list[set]:
    from topics.modeling.headlines import _phrases
    from topics.modeling.phrase_reach import writer_phrases
    from topics.text.wording import is_junk_word, keyword_texts, stop_words

    texts = keyword_texts(list(texts))
    return writer_phrases([_phrases(t, stop_words(), is_junk_word) for t in texts], range(len(texts)))


def test_on_bbc_news_a_subtopic_is_led_by_the_word_its_articles_write_not_a_phrase_fewer_write(bbc_sample, embedder):
    """Real model, the 200 BBC articles at paragraph level: a subtopic of three articles on Windows, all of which
    write "Microsoft", was "Versions of Windows" (two of them)."""
    from topics.embedding.embed import embed_units
    from topics.modeling.model import TopicModel

    units = bbc_sample.units("paragraph")
    model = TopicModel(random_state=42).fit(units, embeddings=embed_units(bbc_sample, "paragraph", embedder))
    info, table = model.document_info(), model.subtopics()
    found = table[table["label"].str.contains("versions of Windows", case=False)]
    assert len(found) == 1, table["label"].tolist()
    row = found.iloc[0]
    members = info[(info["topic_id"] == row.topic_id) & (info["subtopic"] == row.subtopic)]
    writes = members.groupby("article_id")["text"].apply(lambda t: " ".join(t))
    assert len(writes) >= 3 and writes.str.contains("Microsoft").all()
    assert writes.str.contains("versions of Windows").sum() < len(writes)
    assert row.label.startswith("Microsoft"), row.label


def test_a_phrase_few_articles_write_does_not_reach_as_far_as_the_word_many_write():
    """Real texts: the 40 business articles of the BBC sample."""
    import pandas as pd

    from topics.modeling.phrase_reach import head_phrase, reaches

    frame = pd.read_csv(DATA / "bbc_sample.csv")
    by_writer = _writers(frame.loc[frame["label"] == "business", "text"])
    count = {p: sum(p in found for found in by_writer) for p in ("oil prices", "prices", "company", "economic growth", "growth")}
    assert sum("oil prices" in found or "prices" in found for found in by_writer) < count["company"] / 1.5, count
    assert not reaches("oil prices", "company", by_writer)  # 6 articles (10 with "prices") of 40, against 16
    assert reaches("economic growth", "company", by_writer)  # its head word, "growth": 14 articles
    assert reaches("economic growth", "economic", by_writer)  # it holds the word: it says what the word says
    best = [(0.2, "company", 0.4), (0.1, "oil prices", 0.1)]
    reach = lambda phrase, word: reaches(phrase, word, by_writer)  # noqa: E731
    assert head_phrase(best, lambda p: True, lambda p: False, reach) is None  # the label falls back to the word
    # ... unless that word is spread over the corpus: a narrow phrase says more than a word every topic writes.
    assert head_phrase(best, lambda p: True, lambda p: p == "company", reach)[1] == "oil prices"
    # A lone word that does not read alone is no rival, but a phrase that holds it leads ("mobile phones").
    assert head_phrase([(0.2, "mobile", 0.3), (0.1, "mobile phones", 0.1)], lambda p: p != "mobile",
                       lambda p: False, lambda p, w: False)[1] == "mobile phones"


def test_a_word_most_articles_write_is_corpus_wide():
    """Real texts: the 60 ISAF releases, most of which write the release template's words."""
    from topics.modeling.headlines import lower_words
    from topics.modeling.phrase_reach import corpus_wide, head_word

    rows = [json.loads(line) for line in (DATA / "isaf_sample.jsonl").read_text().splitlines() if line.strip()]
    wide = corpus_wide([lower_words(r["text"]) for r in rows], np.arange(len(rows)))
    assert wide("coalition") and wide("insurgents")
    assert not wide("cache") and not wide("opium")
    # Counted by article: the paragraphs of one release are one writer.
    assert not corpus_wide([frozenset({"cache"})] * 3 + [frozenset()] * 2, ["a", "a", "a", "b", "c"])("cache")
    assert head_word("thanks in advance") == "thanks" and head_word("economic growth") == "growth"
