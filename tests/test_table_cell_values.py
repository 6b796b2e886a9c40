"""A table's cells that hold a list or an object (JSON-lines rows, a DataFrame's list column): named, never
read as Python's spelling of them."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from topics.errors import InputError, TopicsWarning
from topics.ingest.corpus import load_corpus

TEXT = "The council met on Tuesday to agree the budget for the new school and the road beside it."


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_text_that_is_a_list_an_object_or_a_number_is_skipped_saying_what_it_holds(tmp_path):
    rows = [{"id": "a", "text": ["one paragraph", "another"]}, {"id": "b", "text": {"body": "nested"}},
            {"id": "c", "text": 12345}, {"id": "d", "text": ""}, {"id": "e", "text": TEXT}]
    corpus = load_corpus(_jsonl(tmp_path / "rows.jsonl", rows))
    assert corpus.articles["article_id"].tolist() == ["e"]
    why = {source.split("(id ")[1].rstrip(")"): reason for source, reason in zip(corpus.skipped["source"], corpus.skipped["reason"])}
    assert why["a"] == "the text is a list, not text (one string a row)"
    assert why["b"] == "the text is an object, not text (one string a row)"
    assert why["c"] == "the text is 12345 (int), not text"
    assert why["d"] == "empty text"


def test_an_id_that_is_a_list_or_an_object_is_refused_with_its_line(tmp_path):
    rows = [{"id": "a", "text": TEXT}, {"id": {"n": 1}, "text": TEXT + " Again."}]
    with pytest.raises(InputError, match=r"rows\.jsonl: the id column 'id' holds an object at line 2"):
        load_corpus(_jsonl(tmp_path / "rows.jsonl", rows))


def test_a_title_or_label_that_is_a_list_is_read_as_none_with_a_warning(tmp_path):
    rows = [{"id": "a", "title": ["x", "y"], "label": {"k": 1}, "text": TEXT},
            {"id": "b", "title": "Budget agreed", "label": "news", "text": TEXT.replace("school", "library")}]
    with pytest.warns(TopicsWarning) as caught:
        corpus = load_corpus(_jsonl(tmp_path / "rows.jsonl", rows))
    said = " | ".join(str(w.message) for w in caught)
    assert "the title column 'title' holds a list or an object in 1 rows (line 1)" in said
    assert "the label column 'label' holds a list or an object in 1 rows (line 1)" in said
    articles = corpus.articles.set_index("article_id")
    assert "[" not in str(articles.loc["a", "title"]) and articles.loc["b", "title"] == "Budget agreed"
    assert pd.isna(articles.loc["a", "label"]) and articles.loc["b", "label"] == "news"


def test_a_dataframes_composite_key_ids_are_read_as_before_and_a_set_id_is_named(tmp_path):
    texts = [TEXT, TEXT.replace("school", "library"), TEXT.replace("school", "pool")]
    corpus = load_corpus(pd.DataFrame({"id": [("a", 1), ("a", 2), ("b", 1)], "text": texts}))
    assert corpus.articles["article_id"].tolist() == ["('a', 1)", "('a', 2)", "('b', 1)"]
    with pytest.raises(InputError, match=r"the id column 'id' holds a set at row 1"):
        load_corpus(pd.DataFrame({"id": ["a", {"b"}, "c"], "text": texts}))
    with pytest.raises(InputError, match=r"the id column 'id' holds a list at row 2"):
        load_corpus(pd.DataFrame({"id": [("a", 1), ("a", 2), ("b", [1])], "text": texts}))  # a tuple with a list is no key


def test_a_missing_text_in_a_string_or_object_column_is_empty_text():
    texts = [TEXT, TEXT.replace("school", "library")]
    for missing in (pd.NA, pd.NaT, None):
        frame = pd.DataFrame({"id": ["a", "b", "c"], "text": pd.Series([texts[0], missing, texts[1]], dtype=object)})
        assert load_corpus(frame).skipped["reason"].tolist() == ["empty text"], missing
    frame = pd.DataFrame({"id": ["a", "b", "c"], "text": pd.array([texts[0], pd.NA, texts[1]], dtype="string")})
    assert load_corpus(frame).skipped["reason"].tolist() == ["empty text"]
