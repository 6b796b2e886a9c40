"""A compound a corpus writes open and closed ("air strike", "airstrikes") is one token in lookup's lexical side."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.lexical_saves import saved_without
from topics.search.lexical import LexicalIndex
from topics.search.ranking import TitleMatcher

ISAF_SAMPLE = Path(__file__).parent / "data" / "isaf_sample.jsonl"
OPEN = [
    "KABUL, Afghanistan - A coalition air strike killed two insurgents in Kandahar province. No civilians were harmed.",
    "An Afghan and coalition force called in an air strike on insurgents firing on a patrol in Helmand.",
    "A precision air strike destroyed a weapons cache in Zabul province yesterday.",
    "Coalition aircraft conducted air-strikes against a Taliban position near the border.",
]
CLOSED = [
    "ISAF regrets that two Afghan civilians were accidentally killed during coalition airstrikes in Kunar province.",
    "An airstrike targeted insurgents planting a bomb; a civilian casualty incident is under review.",
]
# Closed words that split into two words by chance, each part written, but never written as an open pair
# (or only once or twice): they join nothing.
CHANCE = ["The men came together at the carpet market.", "Washington said the season was over; a car and a pet.",
          "Together they met. Carpet sellers and together again.", "Carpet, together, season: the sea and a son."]


def corpus() -> list[str]:
    sample = [json.loads(line)["text"] for line in ISAF_SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return sample + OPEN + CLOSED + CHANCE


def test_a_query_written_open_finds_the_texts_that_write_the_compound_closed(tmp_path):
    texts = corpus()
    closed_rows = [texts.index(t) for t in CLOSED]
    open_rows = [texts.index(t) for t in OPEN]
    for stemmed in (False, True):
        index = LexicalIndex.build(texts, stemmed=stemmed)
        assert ("air", "strike") in index.compounds.pairs
        scores = index.scores("air strike that accidentally killed Afghan civilians")
        assert all(scores[row] > 0 for row in closed_rows)
    index = LexicalIndex.build(texts, stemmed=True)
    # Every form is one token: open, hyphenated and closed, singular and plural, in texts and queries alike.
    for query in ("air strike", "airstrikes", "air-strike", "Air Strikes"):
        coverage = index.coverage(query)
        assert all(coverage[row] == 1 for row in closed_rows + open_rows), query
    # The release about civilians killed leads, not the open-form ones that say no civilians were harmed.
    assert int(np.argmax(index.scores("air strike that accidentally killed Afghan civilians"))) == closed_rows[0]
    # Only pairs the corpus writes both ways: chance splits ("together", "carpet", "season") join nothing.
    assert not {("car", "pet"), ("sea", "son"), ("together", "")} & set(index.compounds.pairs)
    assert index.coverage("car pet")[texts.index(CHANCE[1])] == 1


def test_title_share_reads_compounds_as_the_articles_write_them():
    texts = corpus()
    compounds = LexicalIndex.build(texts, stemmed=True).compounds
    titles = ["Precision Air Strike in Zabul", "Coalition airstrike kills insurgents", "Weapons cache found"]
    matcher = TitleMatcher(titles, compounds)
    assert matcher.scores("airstrike").tolist()[:2] == [1.0, 1.0]
    assert matcher.scores("air strike")[1] == 1.0


def test_a_saved_index_tokenises_queries_as_built_and_one_saved_before_compounds_is_built_again(tmp_path):
    texts = corpus()
    index = LexicalIndex.build(texts, stemmed=True)
    index.save(tmp_path / "bm25")
    settings = json.loads((tmp_path / "bm25" / "topics_lexical.json").read_text(encoding="utf-8"))
    assert ["air", "strike"] in settings["compounds"]
    reloaded = LexicalIndex.load(tmp_path / "bm25", len(texts))
    np.testing.assert_allclose(reloaded.scores("air strike"), index.scores("air strike"))
    # An unstemmed index records its compounds too.
    LexicalIndex.build(texts).save(tmp_path / "plain")
    assert LexicalIndex.load(tmp_path / "plain", len(texts)).compounds is not None
    # Saved without the record: searched as built (no pairs joined), and marked to be built again on first use.
    del settings["compounds"]
    (tmp_path / "bm25" / "topics_lexical.json").write_text(json.dumps(settings), encoding="utf-8")
    older = LexicalIndex.load(tmp_path / "bm25", len(texts))
    assert older.compounds is None and older.base_forms
    settings["compounds"] = [["air"]]
    (tmp_path / "bm25" / "topics_lexical.json").write_text(json.dumps(settings), encoding="utf-8")
    with pytest.raises(ValueError, match="compounds"):
        LexicalIndex.load(tmp_path / "bm25", len(texts))


def test_a_search_index_saved_before_compounds_builds_its_lexical_indexes_again(tmp_path):
    import pandas as pd

    from topics.search.index import Index

    texts = corpus()
    units = pd.DataFrame({"unit_id": [f"u{i}" for i in range(len(texts))], "article_id": [f"a{i}" for i in range(len(texts))],
                          "text": texts, "title": [t[:40] for t in texts]})
    vectors = np.random.default_rng(0).normal(size=(len(texts), 8)).astype(np.float32)
    index = Index(units, vectors)
    built = index.article_lexical, index.lexical
    assert all(part.compounds is not None for part in built)
    for name in ("lexical", "article_lexical"):
        getattr(index, name).save(tmp_path / name)
    saved_without(tmp_path, "compounds")
    index._lexical = index._article_lexical = None
    index._lexical_folder, index._article_lexical_folder = tmp_path / "lexical", tmp_path / "article_lexical"
    assert ("air", "strike") in index.lexical.compounds.pairs
    assert ("air", "strike") in index.article_lexical.compounds.pairs
    assert "lexical" in index.unsaved_parts
