"""The name and word-use readings step only through the places of the words they count: the same
counts as stepping through every token (references written out here), on real news texts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from topics.modeling.describe import _stop_words
from topics.modeling.people import DETERMINERS, SUBJECT_PRONOUNS, Tokenised, _modifier_uses, name_tokens, person_names
from topics.modeling.phrase_shape import word_uses

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def tokens():
    texts = pd.read_csv(DATA / "bbc_sample.csv")["text"].astype(str).tolist()
    return name_tokens(texts), texts


def _every_token_modifier_uses(split, modified: Counter) -> Counter:
    following = {after for _, after in modified}
    as_noun, as_verb = Counter(), Counter()
    for _, lowers in split:
        for a, b in zip(lowers, lowers[1:]):
            if b in following:
                as_noun[b] += a in DETERMINERS
                as_verb[b] += a in SUBJECT_PRONOUNS
    uses = Counter()
    for (word, after), n in modified.items():
        if as_noun[after] > as_verb[after]:
            uses[word] += n
    return uses


def _every_token_uses(token_lists, words) -> Counter:
    return Counter(token for tokens in token_lists for token in tokens if token in words)


def test_modifier_uses_count_as_every_token_pair(tokens):
    token_lists, texts = tokens
    split = [(t, [w.lower() for w in t]) for t in token_lists]
    modified = Counter({("labour", "party"): 3, ("kabul", "airport"): 2, ("blair", "said"): 4, ("chelsea", "fans"): 1,
                        ("british", "government"): 5})
    found = _modifier_uses(Tokenised(texts, token_lists), modified)
    assert found == _every_token_modifier_uses(split, modified)
    assert found  # the sample writes some of these nouns after a determiner
    # Without the tokens given, the texts are split once and those holding a following noun read: the same counts.
    assert _modifier_uses(Tokenised(texts), modified) == found


def test_word_uses_count_the_asked_words_as_every_token(tokens):
    token_lists, _ = tokens
    asked = {"said", "government", "party", "won", "minister", "market"}
    found = word_uses(token_lists, asked, _stop_words())
    reference = _every_token_uses(token_lists, asked)
    assert {w: counts[0] for w, counts in found.items()} == dict(reference)
    assert len(reference) >= 4


def test_names_decided_for_asked_words_as_when_every_word_is_decided(tokens):
    token_lists, texts = tokens
    everyone = person_names(texts, token_lists)
    asked = {"blair", "brown", "howard", "chelsea", "labour", "government", "minister", "mourinho", "said"}
    named = person_names(texts, token_lists, words=asked)
    assert named == everyone & asked
    assert {"blair", "brown"} <= named
