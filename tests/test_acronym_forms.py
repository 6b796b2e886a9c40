"""Lookup reads an acronym its texts write in capitals alone ("IED", "MPs", "NGOs") as one token with its plural,
which the stemmer leaves whole, in every lexical signal, and a question may write it in any case; an index saved
before is read as built, and built again by an Index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.lexical_saves import rewrite_settings
from topics.ingest.corpus import load_corpus
from topics.search.index import Index
from topics.search.lexical import LexicalIndex
from topics.search.ranking import TitleMatcher
from topics.search.terms import Terms

DATA = Path(__file__).parent / "data"
# No text defines an acronym; each is written in capitals alone, singular in some texts and plural in others.
TEXTS = [
    "Troops found two IEDs beside the road near the river.",
    "An IED struck a patrol in the valley.",
    "He tied the boat to the pier before the storm.",
    "The MPs voted against the bill on Tuesday.",
    "One MP abstained from the vote.",
    "NGOs asked for access to the camps.",
    "An NGO said the camps were full.",
    "The US sent aid; the charity aids families, and an AIDS clinic opened.",
    "Let us hope the aid arrives in KABUL. Kabul was quiet.",
]


@pytest.mark.parametrize("stemmed", [True, False])  # the article BM25 and coverage; the paragraph BM25 (as written)
def test_an_acronym_in_capitals_and_its_plural_are_one_word_in_any_case_of_a_question(stemmed):
    index = LexicalIndex.build(TEXTS, stemmed=stemmed)
    for queries, rows in ((("IED", "IEDs", "ied", "ieds", "Ied"), {0, 1}), (("MP", "MPs", "mps"), {3, 4}), (("NGO", "ngos"), {5, 6})):
        for query in queries:
            assert set(np.flatnonzero(index.scores(query))) == rows, query
            assert set(np.flatnonzero(index.coverage(query) == 1)) == rows, query
    # "tied" is no IED, though the stemmer takes "ied" to "ie" as it takes "tied" to "tie".
    assert set(np.flatnonzero(index.scores("tied"))) == {2}
    # Words the texts also write in lower case or capitalised are read as before: "US" is "us", "KABUL" "Kabul",
    # and "AIDS" stays with "aids" (the question cannot tell which it means).
    assert set(np.flatnonzero(index.scores("US"))) == set(np.flatnonzero(index.scores("us"))) == {7, 8}
    assert set(np.flatnonzero(index.scores("Kabul"))) == {8}
    np.testing.assert_array_equal(index.scores("AIDS"), index.scores("aids"))
    assert index.scores("AIDS")[7] > 0
    assert index.terms.capitals == {"IED", "MP", "NGO"}  # the texts': nothing built in


def test_the_title_share_reads_an_acronym_and_its_plural_as_one_word():
    titles = ["MPs reject the bill", "Council meets on Tuesday", "NGO warns of hunger"]
    share = TitleMatcher(titles, terms=Terms.find(TEXTS + titles))
    assert share.scores("MP vote")[0] > 0 and share.scores("NGOs")[2] == 1


@pytest.fixture(scope="module")
def isaf_index(embedder):
    """60 real ISAF releases (they write ISAF, ANSF, IEDs)."""
    return Index.from_corpus(load_corpus(DATA / "isaf_sample.jsonl"), embedder)


def test_an_index_saved_before_acronyms_in_capitals_were_found_reads_or_builds_its_bm25_as_before(isaf_index, embedder, tmp_path):
    isaf_index.search("ANSF patrol", k=3)  # builds the lexical parts, so they are saved
    isaf_index.search("ANSF patrol", k=3, level="paragraph")
    assert "ANSF" in isaf_index.article_lexical.terms.capitals
    folder = isaf_index.save(tmp_path / "index")

    def without_capitals(settings):
        settings["terms"] = {k: v for k, v in settings["terms"].items() if k != "capitals"}
        return settings

    rewrite_settings(folder, without_capitals)
    before = LexicalIndex.load(folder / "article_lexical", isaf_index.n_articles)
    assert before.terms.capitals is None and before._words("ANSF") == ("ansf",)  # read as it was built
    again = Index.load(folder, embedder)
    assert again.article_lexical.terms.capitals == isaf_index.article_lexical.terms.capitals  # built again
    assert again.lexical.terms.capitals == isaf_index.lexical.terms.capitals and again.unsaved_parts == ["lexical"]
    assert again.article_lexical.terms.capitals == isaf_index.article_lexical.terms.capitals
    np.testing.assert_allclose(again.article_lexical.scores("ansf"), isaf_index.article_lexical.scores("ANSF"))
    assert again.article_lexical.scores("ansf").any()
