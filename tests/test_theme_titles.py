"""Guided themes read a unit's title as its lead (``topics.themes.titles``): a headline that names the theme counts,
a title that is only the text's first line is read once, and units without titles are read as before."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.conftest import ROOT
from topics.themes.guided import Themes
from topics.themes.themefile import load_themes

BASEBALL = {"name": "Baseball postseason", "description": "Major League Baseball playoffs and the World Series",
            "keywords": ["World Series", "Red Sox", "Yankees", "Cardinals", "playoffs", "pennant", "ALCS", "NLCS"]}
# An AG News item (ag-test-4516) whose text says nothing of its subject; its headline does.
RED_SOX = {"unit_id": "ag-test-4516", "article_id": "ag-test-4516",
           "title": "Red Sox Stumble and Fumble Their Way to Series Lead",
           "text": 'ST LOUIS (Reuters) - So much for the "Curse of the Bambino."'}


@pytest.fixture(scope="module")
def bbc_articles_and_item(bbc_sample, embedder):
    """The 200 BBC sample articles and the AG item, with their vectors (the text's, as ingest embeds them)."""
    from topics.embedding.embed import embed_units

    units = bbc_sample.units("article")
    item = pd.DataFrame([RED_SOX])
    vectors = np.vstack([embed_units(bbc_sample, "article", embedder), embedder.encode(item["text"].tolist())])
    return pd.concat([units, item], ignore_index=True), vectors


def _fit(units, vectors, embedder):
    declared = load_themes(ROOT / "benchmarks" / "themes_data" / "bbc_themes.toml") + load_themes([BASEBALL])
    return Themes(declared, sentences=False).fit(units, vectors, embedder)


def test_an_article_is_read_with_its_headline(bbc_articles_and_item, embedder):
    units, vectors = bbc_articles_and_item
    item, baseball = len(units) - 1, 5
    themes = _fit(units, vectors, embedder)
    # The headline's "Red Sox" is a keyword of the article, and its meaning brings the article near the theme.
    assert themes.keyword_hits_[item, baseball]
    assert themes.predicted_themes_[item] == "Baseball postseason"
    # The text alone names no keyword and is not placed: the title made the difference.
    untitled = _fit(units.drop(columns="title"), vectors, embedder)
    assert not untitled.keyword_hits_[item, baseball]
    assert untitled.predicted_themes_[item] is None
    assert themes.scores_[item, baseball] > untitled.scores_[item, baseball] + 0.3


def test_a_title_that_is_the_texts_first_words_is_read_once(bbc_articles_and_item, embedder):
    from topics.themes import titles

    units, vectors = bbc_articles_and_item
    # As ingest titles a plain file: its first line, or its first twelve words and an ellipsis.
    first_words = units.assign(title=[" ".join(str(text).split()[:12]) + " …" for text in units["text"]])
    assert all(title is None for title in titles.unit_titles(first_words))
    untitled = _fit(units.drop(columns="title"), vectors, embedder)
    np.testing.assert_array_equal(_fit(first_words, vectors, embedder).scores_, untitled.scores_)
    # A title the text begins with only in part is a headline of its own.
    assert titles.unit_titles(pd.DataFrame({"title": ["Red Sox fans", "Red Sox", None, " "],
                                            "text": ["Red Sox won.", "Red Sox won.", "Red Sox won.", "x"]})) == \
        ["Red Sox fans", None, None, None]


def test_paragraphs_read_the_title_with_their_articles_first_paragraph():
    from topics.themes import titles

    paragraphs = pd.DataFrame({"article_id": ["a", "a", "b"], "position": [1, 0, 0], "title": ["Oil hits $50", "Oil hits $50", None],
                               "text": ["Traders said so.", "Prices rose on Monday", "No title here."]})
    read = titles.unit_titles(paragraphs)
    assert read == [None, "Oil hits $50", None]
    assert titles.titled_texts(paragraphs["text"], read) == ["Traders said so.", "Oil hits $50. Prices rose on Monday",
                                                             "No title here."]
