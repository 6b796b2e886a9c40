"""Lookup's lexical evidence reads a corpus without its datelines ("KABUL, Afghanistan (Jan. 25, 2013) –"); the
texts shown stay as written, and a saved index records what its texts leave out."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.lexical_saves import rewrite_settings, saved_without
from topics.ingest.corpus import load_corpus
from topics.search.furniture import FURNITURE, evidence_texts
from topics.search.index import Index

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def isaf_index(embedder):
    """41 real ISAF releases, each filed as "KABUL, Afghanistan (date)", none naming Kabul otherwise."""
    return Index.from_corpus(load_corpus(DATA / "isaf_formulas.jsonl"), embedder)


def test_datelines_of_several_corpora_are_found_and_other_openings_kept():
    wire = load_corpus(DATA / "ag_news_markup.csv").units("paragraph")["text"].tolist()
    read = evidence_texts(wire)
    # "NEWCASTLE, England (AP) -" opens two items: left out of both; "NEW YORK (Reuters) -" opens one here: kept.
    assert [r[:12] for r in read[:3]] == [wire[0][:12], "England coac", "Striker Emil"]
    assert all(t.endswith(r) and (r == t or t[: len(t) - len(r)].rstrip().endswith("-")) for r, t in zip(read, wire))
    assert read[3] == wire[3]  # 'In "helping themselves," ...': no dateline
    newspaper = ["KABUL, Afghanistan — The U.S. military has begun its complete withdrawal.",
                 "WASHINGTON — President Biden’s decision to pull all American troops", "NEW DELHI — The body of Danish Siddiqui",
                 "KABUL, Afghanistan (Feb. 3, 2011) – The International Security Assistance Force is assessing an incident",
                 "WASHINGTON — The Pentagon said", "NEW DELHI (Reuters) - India said", "JABALYA REFUGEE CAMP, Gaza Strip (Reuters) - Israel said"]
    # Each place filed from twice is furniture; the camp, once, is this story's own opening and keeps its words.
    assert [t.split()[0] for t in evidence_texts(newspaper)] == ["The", "President", "The", "The", "The", "India", "JABALYA"]
    # Openings that are prose, not a place and a dash; a capitalised word and a dash once ("ISIS-K — ..."); a heading in
    # capitals alone: none is a dateline, each keeps its words.
    kept = ["NATO forces said on Tuesday that two soldiers died.", "The U.S. embassy in Kabul closed.", "Kabul is quiet.",
            "ISIS-K — the Islamic State's Afghan branch — claimed the attack.", "WINNERS (six times)", "WINNERS (five times)", "BEST FILM\n"]
    assert evidence_texts(kept) == kept
    # The BBC writes no datelines: not a paragraph of its sample changes.
    bbc = load_corpus(DATA / "bbc_sample.csv").units("paragraph")["text"].tolist()
    assert evidence_texts(bbc) == bbc


def test_a_dateline_is_no_lexical_evidence_and_the_text_shown_keeps_it(isaf_index):
    texts = isaf_index.units["text"]
    in_dateline = texts.str.contains("KABUL, Afghanistan (", regex=False)
    assert in_dateline.sum() >= 20 and in_dateline.sum() == texts.str.contains("Kabul", case=False).sum()
    # Every release here names Kabul in its datelines alone: "Kabul" matches none of them, in BM25, in an
    # article's share of the query's words or in a title.
    assert (isaf_index.lexical.scores("Kabul") == 0).all()
    assert (isaf_index.article_lexical.scores("insurgents detained in Kabul") == isaf_index.article_lexical.scores("insurgents detained")).all()
    assert (isaf_index.article_lexical.coverage("Kabul") == 0).all()
    assert (isaf_index._title_scores("Kabul") == 0).all()
    # The other words still count, and what is shown is the text as written, dateline included.
    assert isaf_index.lexical.scores("Ghazni province").max() > 0
    shown = isaf_index.search("KABUL, Afghanistan (Jan. 25, 2013) During a security operation in Andar district", k=3, level="paragraph")
    assert shown["paragraph"].str.contains("KABUL, Afghanistan", regex=False).any()
    assert set(shown["paragraph"]) <= set(texts)


def test_a_saved_index_records_what_its_texts_leave_out_and_one_saved_before_is_built_again(isaf_index, embedder, tmp_path):
    isaf_index.search("detained in Kabul", k=3)  # builds the lexical parts, so they are saved
    folder = isaf_index.save(tmp_path / "index")
    loaded = Index.load(folder, embedder)
    assert loaded.lexical.furniture == FURNITURE and loaded.article_lexical.furniture == FURNITURE
    np.testing.assert_allclose(loaded.lexical.scores("Ghazni province"), isaf_index.lexical.scores("Ghazni province"))
    assert not loaded.unsaved_parts
    # Saved before datelines were left out: its BM25 counted them; both are built again on first use.
    saved_without(folder, "furniture")
    older = Index.load(folder, embedder)
    assert (older.lexical.scores("Kabul") == 0).all() and (older.article_lexical.coverage("Kabul") == 0).all()
    assert older.lexical.furniture == FURNITURE and "lexical" in older.unsaved_parts
    path = folder / "lexical" / "topics_lexical.json"
    path.write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")), "furniture": 3}), encoding="utf-8")
    from topics.search.lexical import LexicalIndex

    with pytest.raises(ValueError, match="furniture"):
        LexicalIndex.load(folder / "lexical", older.n_units)


def test_credits_and_datelines_of_any_case_are_left_out_where_another_text_opens_on_them():
    wire = load_corpus(DATA / "ag_news_credits.csv").units("paragraph")["text"].tolist()
    # "AP - " and "Canadian Press - " each open three items of eleven, as a formula is repeated: left out. "SPACE.com - "
    # and "FT.com - " open two: as a name opening two paragraphs might, kept. The dateline after a credit goes too where
    # its place opens another item ("OTTAWA (CP) - ", three times); "VANCOUVER (CP) - " opens one: that item's own words.
    assert [t.split()[0] for t in evidence_texts(wire)] == ["SPACE.com", "A", "VANCOUVER", "FT.com", "Most", "Paul", "FT.com",
                                                           "SPACE.com", "The", "The", "Australian"]
    releases = load_corpus(DATA / "isaf_datelines.jsonl").units("paragraph")["text"].tolist()
    read = evidence_texts(releases)
    # "Kabul, Afghanistan (Dec. 9) - " and "(Sept. 2) - ": a dateline written in lower case, left out of both.
    assert [r.split()[0] for r, t in zip(read, releases) if r != t] == ["An", "Coalition"]
    assert not any("Kabul" in r for r in read)


@pytest.fixture(scope="module")
def wire_index(embedder):
    """Eleven AG News items opening on a credit ("AP - ", "Canadian Press - OTTAWA (CP) - "), "AP" written in no text
    otherwise (one title ends "(AP)")."""
    return Index.from_corpus(load_corpus(DATA / "ag_news_credits.csv"), embedder)


def test_a_credit_is_no_lexical_evidence_and_an_index_saved_under_the_older_rule_is_built_again(wire_index, embedder, tmp_path):
    assert wire_index.units["text"].str.startswith("AP - ").sum() == 3
    in_title = wire_index.units["title"].str.contains("(AP)", regex=False).to_numpy()  # one article per unit here
    assert in_title.sum() == 1 and (wire_index.lexical.scores("AP") == 0).all()
    assert (wire_index.article_lexical.coverage("AP")[~in_title] == 0).all()
    assert wire_index.lexical.scores("Softbank mobile").max() > 0
    folder = wire_index.save(tmp_path / "index")
    # Saved when only datelines in capitals were left out: its BM25 counted "AP"; both indexes are built again.
    rewrite_settings(folder, lambda settings: {**settings, "furniture": "repeated datelines"})
    older = Index.load(folder, embedder)
    assert (older.lexical.scores("AP") == 0).all() and (older.article_lexical.coverage("AP")[~in_title] == 0).all()
    assert older.lexical.furniture == older.article_lexical.furniture == FURNITURE != "repeated datelines"
    assert "lexical" in older.unsaved_parts
