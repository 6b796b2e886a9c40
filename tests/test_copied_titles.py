"""A title copied from its article's own opening (a press release "titled" by its header line or first sentence) is
no headline for lookup: its words are counted once, as the text's; an editor's headline written apart still counts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from topics.embedding.embed import embed_units
from topics.ingest.corpus import load_corpus
from topics.search.index import Index

DATA = Path(__file__).parent / "data"


def test_titles_copied_from_the_opening_are_found_and_headlines_kept():
    from topics.search.furniture import copied_titles

    titles = ["Haqqani Network Leader Captured in Khost", "During a security operation in Andar district, Ghazni …",
              "Taliban Commander Captured in Kandahar", "", "Short.", "Kabul blast hits the city", "[leader]"]
    openings = ["Haqqani Network Leader Captured in Khost", "During a security operation in Andar  district,\nGhazni province, "
                "yesterday, an Afghan and coalition force killed the Taliban leader.", "An Afghan-led force captured a Taliban "
                "commander in Kandahar. Taliban Commander Captured in Kandahar", "Text of an untitled item.", "Short. Then more.",
                "Kabul blast hits the city's north (updated)", "[leader]"]
    # A header line that is the first paragraph, a first sentence cut with an ellipsis (white space aside): copies. A
    # headline the text repeats later, not at its opening, is kept; so is an empty title, one of under three words that
    # is not the whole first unit, and one that ends inside a word of the opening ("city" of "city's" is a whole word).
    assert copied_titles(titles, openings) == ["", "", "Taliban Commander Captured in Kandahar", "", "Short.", "", ""]
    assert copied_titles(["Kabul blast in the"], ["Kabul blast in their city"]) == ["Kabul blast in the"]
    cut = ["During a security operation in Andar dist…", "Afghan and coalition forces kill..."]  # cut inside a word
    assert copied_titles(cut, ["During a security operation in Andar district", "Afghan and coalition forces killed"]) == ["", ""]
    bbc = load_corpus(DATA / "bbc_sample.csv").units("paragraph").groupby("article_id", sort=False).head(1)
    assert copied_titles(bbc["title"].tolist(), bbc["text"].tolist()) == bbc["title"].tolist()  # editors' headlines


@pytest.fixture(scope="module")
def releases(embedder):
    """60 real ISAF releases: every title is a copy of its release's header line or first sentence."""
    corpus = load_corpus(DATA / "isaf_sample.jsonl")
    return corpus.units("paragraph"), embed_units(corpus, "paragraph", embedder)


def test_a_copied_title_ranks_as_no_title(releases, embedder):
    units, vectors = releases
    titled = Index(units, vectors, embedder)
    untitled = Index(units.assign(title=""), vectors, embedder)
    headers = titled.units["title"].iloc[titled._article_starts]
    assert headers.str.len().gt(0).all()
    queries = [*headers.iloc[[0, 7, 21, 40]], "Taliban commander captured in Kandahar", "weapons cache found in Helmand"]
    for query in queries:
        # Neither a title share nor a second count of the title's words in the article's BM25 ...
        assert (titled._title_scores(query) == 0).all()
        np.testing.assert_array_equal(titled.article_lexical.scores(query), untitled.article_lexical.scores(query))
        # ... so the releases rank as they would untitled, each shown with its title as written.
        found, bare = titled.search(query, k=10), untitled.search(query, k=10)
        assert found["article_id"].tolist() == bare["article_id"].tolist()
        np.testing.assert_allclose(found["score"], bare["score"], rtol=1e-6)
        assert found["title"].str.len().gt(0).all()


def test_an_editors_headline_still_counts(embedder):
    corpus = load_corpus(DATA / "bbc_sample.csv")
    index = Index(corpus.units("paragraph"), embed_units(corpus, "paragraph", embedder), embedder)
    title = index.units["title"].iloc[index._article_starts[5]]
    assert index._title_scores(title)[5] == pytest.approx(1.0)
