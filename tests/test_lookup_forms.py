"""Lookup's stemmed BM25 (the article's, and the query-word coverage) joins the "-es" plurals of words in "s" to
their singular where the texts show it ("buses" finds "bus", "gases" finds "gas"), and an index saved before
still loads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.lexical_saves import saved_without
from topics.ingest.corpus import load_corpus
from topics.search.index import Index
from topics.search.lexical import LexicalIndex

DATA = Path(__file__).parent / "data"
# Plurals in "-es" of words in "s", written one way in some texts and the other way in others; "use"/"uses" and
# "case"/"cases" are plurals in "-s" and stay with their own singular.
PLURALS = [
    "The school bus crashed on the highway north of the city.",
    "Two buses carrying pilgrims were stopped at the border.",
    "A camera lens cracked in the cold.",
    "The lab grinds lenses for telescopes.",
    "Toxic gases leaked from the plant overnight.",
    "The price of gas rose again.",
    "Farmers use the water for their fields.",
    "The army uses drones to watch the valley.",
    "The court heard two cases of fraud.",
    "In one case the judge ruled for the bank.",
]


@pytest.fixture(scope="module")
def isaf_index(embedder):
    """60 real ISAF releases."""
    return Index.from_corpus(load_corpus(DATA / "isaf_sample.jsonl"), embedder)


def test_the_article_bm25_and_coverage_of_an_index_join_es_plurals_to_their_singular():
    units = pd.DataFrame({"unit_id": [f"u{i}" for i in range(len(PLURALS))], "article_id": [f"a{i}" for i in range(len(PLURALS))],
                          "text": PLURALS, "title": [""] * len(PLURALS)})
    index = Index(units, np.random.default_rng(0).normal(size=(len(PLURALS), 8)).astype(np.float32))
    for query, rows in (("buses", {0, 1}), ("bus", {0, 1}), ("gas", {4, 5}), ("uses", {6, 7})):
        assert set(np.flatnonzero(index.article_lexical.scores(query))) == rows, query
        assert set(np.flatnonzero(index.article_lexical.coverage(query) == 1)) == rows, query
    # Texts that write the singular alone: a question's plural is read as its singular where the stem keeps the "s".
    one_way = Index(units.iloc[[0, 5]].reset_index(drop=True), np.ones((2, 8), dtype=np.float32))  # "bus", "gas"
    assert one_way.article_lexical.coverage("buses").tolist() == [1, 0] and one_way.article_lexical.coverage("gases").tolist() == [0, 1]


def test_es_plurals_of_words_in_s_meet_their_singular_where_the_texts_show_it():
    index = LexicalIndex.build(PLURALS, stemmed=True)
    for singular, plural, rows in (("bus", "buses", [0, 1]), ("gas", "gases", [4, 5])):
        for query in (singular, plural):
            assert set(np.flatnonzero(index.scores(query))) == set(rows), query
    # A plural in "-s" stays with its singular, not with the word less "es" ("uses" is no "us"); "cases" with "case".
    assert set(np.flatnonzero(index.scores("uses"))) == {6, 7} and set(np.flatnonzero(index.scores("case"))) == {8, 9}
    assert dict(index.singulars) == {"buses": "bus", "gases": "gas"}  # the vocabulary's: nothing built in
    # "lenses" and "lens" are left apart, as "corpses" and "corps" must be (the vocabulary cannot tell them apart).
    assert not set(np.flatnonzero(index.scores("lens"))) & {3}
    # A plural the texts never write is read alike where the singular's stem keeps its "s".
    one_way = LexicalIndex.build(PLURALS[0:1] + PLURALS[5:6], stemmed=True)
    assert (one_way.scores("buses") == one_way.scores("bus")).all() and (one_way.scores("gases") > 0).sum() == 1


# Words in "s" that these texts write only in names, acronyms or addresses; none writes "lose", "pose" or "dose".
NAMES = [
    "Wildfires spread near Los Angeles on Sunday.",
    "The home team loses again in overtime.",
    "The report poses hard questions for regulators.",
    "New POS terminals for small shops.",
    "Isabel dos Santos faces charges.",
    "Health workers gave out 5,000 doses.",
    "Ros Atkins on the news; write to cris@example.org about Cris Cyborg.",
    "The school bus crashed on the highway.",
]


def test_a_word_in_s_written_only_in_names_is_no_singular():
    index = LexicalIndex.build(NAMES, stemmed=True)
    assert dict(index.singulars) == {"buses": "bus"}  # a question's plural of the one word in "s" written in lower case
    for query, rows in (("Los Angeles fires", {0}), ("team loses", {1}), ("point of sale POS", {3}), ("dos Santos", {4}),
                        ("vaccine doses", {5}), ("crises", set()), ("red roses", set()), ("buses", {7})):
        assert set(np.flatnonzero(index.scores(query))) == rows, query


def test_an_index_saved_before_es_plurals_were_joined_reads_or_builds_its_bm25_as_before(isaf_index, embedder, tmp_path):
    isaf_index.search("detained in Ghazni", k=3)  # builds the lexical parts, so they are saved
    isaf_index.search("detained in Ghazni", k=3, level="paragraph")
    folder = isaf_index.save(tmp_path / "index")
    loaded = Index.load(folder, embedder)
    assert loaded.article_lexical.singulars is not None and not loaded.unsaved_parts
    assert not loaded.lexical.stemmed and loaded.lexical.singulars is None  # the paragraph BM25: words as written
    np.testing.assert_allclose(loaded.article_lexical.scores("weapons caches"), isaf_index.article_lexical.scores("weapons caches"))
    # Saved stemmed, before "-es" plurals were taken to their singular: read as it was built (a question's "hases"
    # stays "hase"), and built again by the Index, which saves it again.
    saved_without(folder, "singulars")
    before = LexicalIndex.load(folder / "article_lexical", isaf_index.n_articles)
    assert before.singulars is None and before._words("hases") == ("hase",)
    np.testing.assert_allclose(before.scores("weapons caches"), isaf_index.article_lexical.scores("weapons caches"))
    again = Index.load(folder, embedder)
    assert dict(again.article_lexical.singulars) == dict(isaf_index.article_lexical.singulars) == {"hases": "has", "hises": "his"}
    assert again.unsaved_parts == ["lexical"]
    np.testing.assert_allclose(again.lexical.scores("weapons caches"), isaf_index.lexical.scores("weapons caches"))
    np.testing.assert_allclose(again.article_lexical.scores("weapons caches"), isaf_index.article_lexical.scores("weapons caches"))
