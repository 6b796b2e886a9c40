"""A term the corpus defines by its initials ("improvised explosive device (IED)") is one token with its acronym
in lookup's lexical side, whichever of the two a question writes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from tests.lexical_saves import saved_without
from topics.search.lexical import LexicalIndex
from topics.search.ranking import TitleMatcher

ISAF_SAMPLE = Path(__file__).parent / "data" / "isaf_sample.jsonl"
# Releases that write the term one way only: the words, or the acronym.
WORDS_ONLY = [
    "Coalition forces observed two insurgents emplacing improvised explosive devices near a compound and engaged them.",
    "The patrol found an improvised explosive device buried in the road and destroyed it in place.",
]
ACRONYM_ONLY = [
    "An ISAF outpost spotted several insurgents emplacing IEDs in Kajaki district and requested air support.",
    "The detained facilitator supplied IED components to fighters in the district.",
]
# An acronym a company name holds, defined once as a term too: a name, not the term. And a term whose acronym is a
# function word in lower case: its words would become a stop word.
NAMES = [
    "Shares of Advanced Micro Devices (AMD) rose after the chip maker's results.",
    "Analysts said Advanced Micro Devices (AMD) would gain market share.",
    "A drug that fights a form of age-related macular degeneration (AMD) was approved.",
    "Spending on information technology (IT) grew in the third quarter.",
]


def corpus() -> list[str]:
    sample = [json.loads(line)["text"] for line in ISAF_SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return sample + WORDS_ONLY + ACRONYM_ONLY + NAMES


def test_a_question_with_the_acronym_finds_the_texts_that_write_the_words_and_the_reverse():
    texts = corpus()
    words_rows = [texts.index(t) for t in WORDS_ONLY]
    acronym_rows = [texts.index(t) for t in ACRONYM_ONLY]
    for stemmed in (False, True):
        index = LexicalIndex.build(texts, stemmed=stemmed)
        assert ("IED", "improvised explosive device") in index.terms.defined
        # Unstemmed, a plural is a word of its own ("IEDs"): the texts that write the singular.
        assert index.scores("IED")[words_rows[1]] > 0 and index.scores("improvised explosive device")[acronym_rows[1]] > 0
    assert all(index.scores("IED")[row] > 0 for row in words_rows)
    assert all(index.scores("improvised explosive device")[row] > 0 for row in acronym_rows)
    # One token in every form: the acronym and the words, singular and plural, any case, in texts and queries alike.
    for query in ("IED", "IEDs", "improvised explosive devices", "Improvised Explosive Device"):
        coverage = index.coverage(query)
        assert all(coverage[row] == 1 for row in words_rows + acronym_rows), query
    # The release about insurgents emplacing them leads for a question in the acronym.
    assert int(np.argmax(index.scores("insurgents emplacing an IED"))) in (words_rows[0], acronym_rows[0])


def test_a_question_writes_the_acronym_in_any_case_where_the_texts_never_write_it_in_lower_case():
    texts = corpus() + [
        "Funding for acquired immune deficiency syndrome (AIDS) research rose.",
        "The clinic treats AIDS patients.",
        "Patients with multiple sclerosis (MS) were treated.",
        "Ms Jowell backed the plan.",
        "The grant aids farmers in the valley.",
    ]
    index = LexicalIndex.build(texts, stemmed=True)
    assert {("IED", "improvised explosive device"), ("AIDS", "acquired immune deficiency syndrome")} <= set(index.terms.defined)
    rows = [texts.index(t) for t in WORDS_ONLY + ACRONYM_ONLY]
    for query in ("ied", "ieds", "Ied", "improvised explosive device"):
        coverage = index.coverage(query)
        assert all(coverage[row] == 1 for row in rows), query
    assert index.terms.any_case == {"IED"}  # the texts write "aids" and "Ms": words of their own
    # A text's acronym is one in capitals alone; a question's "aids" is the verb, its "AIDS" the syndrome.
    syndrome, verb = len(texts) - 5, len(texts) - 1
    assert index.coverage("aids")[verb] == 1 and index.coverage("aids")[syndrome] == 0
    assert index.coverage("AIDS")[syndrome] == 1 and index.coverage("AIDS")[verb] == 0


def test_hyphenated_and_plural_terms_and_everyday_capitals():
    texts = [
        "Rebels fired a long-range ballistic missile (LBM) at the base.",
        "A long range ballistic missile was tested.",
        "Aid came from a non-governmental organization (NGO) in the city.",
        "Two non governmental organizations left.",
        "They flew an unmanned aerial body (UAB) over the hills.",
        "Two unmanned aerial bodies crashed.",
        "He spread fake news (FN) online.",
        "The new law passed.",
        "The prime minister (PM) spoke at 3 PM on Monday.",
        "The prime minister was sad and said so.",
        "Patients with seasonal affective disorder (SAD) were treated.",
        "SAD NEWS FROM THE FRONT",
    ]
    terms = LexicalIndex.build(texts).terms
    assert {("LBM", "long-range ballistic missile"), ("NGO", "non-governmental organization"),
            ("UAB", "unmanned aerial body"), ("FN", "fake news")} <= set(terms.defined)
    joined = terms.join(texts)
    assert joined[1] == "A lbm_acronym was tested." and joined[3] == "Two ngo_acronym left."
    assert joined[5] == "Two uab_acronym crashed."
    assert terms.join(["long range ballistic missiles", "fake new"]) == ["lbm_acronym", "fake new"]
    assert joined[8] == "The pm_acronym (pm_acronym) spoke at 3 PM on Monday." and joined[11] == texts[11]
    assert terms.join(["SAD NEWS", "at 3 pm", "the PM at 5 PM"], query=True) == ["SAD NEWS", "at 3 pm", "the pm_acronym at 5 PM"]


def test_names_and_function_words_define_no_term():
    index = LexicalIndex.build(corpus(), stemmed=True)
    acronyms = {acronym for acronym, _ in index.terms.defined}
    assert "AMD" not in acronyms  # most often a company's name: a question about the chip maker finds no eye disease
    assert "IT" not in acronyms
    assert index.coverage("age-related macular degeneration")[corpus().index(NAMES[0])] == 0  # the chip maker's text


def test_title_share_reads_terms_as_the_articles_write_them():
    terms = LexicalIndex.build(corpus(), stemmed=True).terms
    matcher = TitleMatcher(["IED Cell Leader Captured", "Improvised explosive devices found", "Weapons cache found"], None, terms)
    assert matcher.scores("improvised explosive device").tolist()[:2] == [1.0, 1.0]
    assert matcher.scores("ied cell leader")[0] == 1.0  # a question's acronym in lower case


def test_a_saved_index_tokenises_queries_as_built_and_one_saved_before_terms_is_built_again(embedder, tmp_path):
    from topics.ingest.corpus import load_corpus
    from topics.search.index import Index

    texts = corpus()
    index = LexicalIndex.build(texts, stemmed=True)
    index.save(tmp_path / "bm25")
    settings = json.loads((tmp_path / "bm25" / "topics_lexical.json").read_text(encoding="utf-8"))
    assert ["IED", "improvised explosive device"] in settings["terms"]["defined"] and "IED" in settings["terms"]["any_case"]
    reloaded = LexicalIndex.load(tmp_path / "bm25", len(texts))
    np.testing.assert_allclose(reloaded.scores("IED"), index.scores("IED"))
    np.testing.assert_allclose(reloaded.scores("ied"), index.scores("ied"))
    # Saved before any_case was found (the pairs alone): a question's acronym is one in capitals, as it was then.
    settings["terms"] = settings["terms"]["defined"]
    (tmp_path / "bm25" / "topics_lexical.json").write_text(json.dumps(settings), encoding="utf-8")
    older = LexicalIndex.load(tmp_path / "bm25", len(texts))
    assert older.terms.defined == index.terms.defined and not older.terms.any_case
    np.testing.assert_allclose(older.scores("IED"), index.scores("IED"))
    del settings["terms"]
    (tmp_path / "bm25" / "topics_lexical.json").write_text(json.dumps(settings), encoding="utf-8")
    assert LexicalIndex.load(tmp_path / "bm25", len(texts)).terms is None  # read as saved: no term joined
    # An Index saved before terms were found builds both lexical parts again on first use.
    lookup = Index.from_corpus(load_corpus(ISAF_SAMPLE), embedder)
    lookup.search("IED cell leader", k=3)  # builds the lexical parts, so they are saved
    lookup.search("IED cell leader", k=3, level="paragraph")
    folder = lookup.save(tmp_path / "index")
    saved_without(folder, "terms")
    older = Index.load(folder, embedder)
    assert older.lexical.terms is not None and older.article_lexical.terms is not None
    assert "lexical" in older.unsaved_parts
