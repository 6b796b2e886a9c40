"""No label phrase or keyword pair spans a paragraph's or a line's end (a heading and the paragraph after
it), nor a field's name and its value. Texts written for these tests."""

from __future__ import annotations

import numpy as np

from topics.modeling.describe import KeywordAnalyzer, _stop_words, describe_topics
from topics.modeling.headlines import _phrases
from topics.text.wording import is_junk_word, keyword_texts

ARTICLE = "West Bank Car Bomb Explosion\n\nIsrael Defense Forces Radio reported the blast near Hebron on Sunday."


def test_a_label_phrase_ends_at_a_line_break():
    found = _phrases(ARTICLE, _stop_words(), is_junk_word)
    assert "car bomb explosion" in found and "israel defense forces radio" in found
    assert not [p for p in found if "explosion" in p and "israel" in p], found


def test_a_keyword_pair_ends_at_a_line_break_and_at_a_field_s_name():
    pairs = [g for g in KeywordAnalyzer(_stop_words())(ARTICLE + "\nFile: congress/102nd/HR1133") if " " in g]
    assert "bomb explosion" in pairs and "israel defense" in pairs
    assert "explosion israel" not in pairs and "file congress" not in pairs, pairs


def test_a_text_that_loses_a_repeated_sentence_keeps_its_line_breaks():
    repeated = "The statement was issued by the press office today."
    texts = [f"Taliban commander\n{repeated} Afghan forces cleared the road.", f"{repeated} Other news.",
             f"{repeated} More news.", f"{repeated} Last news."]
    cleaned = keyword_texts(texts)
    assert repeated not in cleaned[0] and "commander\n" in cleaned[0], cleaned[0]
    assert "commander afghan" not in KeywordAnalyzer(_stop_words(), cleaned=True)(cleaned[0])


def test_labels_and_keywords_of_articles_with_headings_do_not_join_a_heading_to_its_paragraph():
    headings = ["Car Bomb Explosion", "Bus Bomb Explosion", "Market Bomb Explosion", "Road Bomb Explosion"]
    texts = [f"{h}\n\nIsrael Defense Forces Radio said the bomb explosion wounded {n} people in Hebron."
             for n, h in zip(["two", "three", "four", "five"], headings)]
    texts += [f"The league named its best {w} player of the year, a striker from Leeds." for w in ("young", "old", "new", "home")]
    labels = np.array([0] * 4 + [1] * 4)
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(2, 32))
    vectors = centres[labels] + 0.05 * rng.normal(size=(8, 32))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    described = describe_topics(texts, labels, np.array([0, 1]), vectors.astype(np.float32), centres.astype(np.float32))
    assert "explosion israel" not in described.keywords[0], described.keywords[0]
    assert "Explosion Israel" not in described.labels[0], described.labels


def _per_line_terms(text: str) -> list[str]:
    """The cleaned analyzer's terms as each line and sentence read alone gives them (the reading's definition)."""
    from topics.modeling.describe import GRAM_BREAK, tokenize

    stop_words, grams, pairs = _stop_words(), [], []
    for line in GRAM_BREAK.split(text):
        tokens = [t if t not in stop_words and len(t) > 1 else None for t in tokenize(line, cleaned=True)]
        grams += [t for t in tokens if t]
        pairs += [f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if a and b and a != b]
    return grams + pairs


def test_one_pass_reading_pairs_words_as_each_line_read_alone():
    # A possessive after a full stop ("Inc.'s") ends no sentence; one after a line's end, a hyphen after a
    # possessive, a final sigma before a break and a run too long for a word are read as line by line.
    texts = ["Apple Inc.'s chief Tim Cook said: Acme Corp.'s sales rose.\nBritain's-best hotel; Kabul's\nairport",
             "ΑΘΗΝΑΣ. Σπάρτη ΟΔΟΣ\nGREEN " + "x" * 45 + " ENERGY? Yes!\n\nThe TALIBAN'S Leader's view"]
    analyzer = KeywordAnalyzer(_stop_words(), cleaned=True)
    for text in texts:
        assert analyzer(text) == _per_line_terms(text)
    assert "corp sales" in analyzer(texts[0]) and "rose britain" not in analyzer(texts[0])
    assert "green energy" in analyzer(texts[1])

