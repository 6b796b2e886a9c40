"""The label rules read a phrase's pattern only over the texts that write its first word
(topics.modeling.phrase_holders): the same answers, far fewer pattern passes (most of an update's naming)."""

from __future__ import annotations

import re

import pytest


class _CountingPattern:
    """A compiled pattern that counts the texts it is run over."""

    def __init__(self, pattern, counts):
        self._pattern, self._counts = pattern, counts

    def _read(self, name):
        def run(text, *args):
            self._counts[0] += 1
            return getattr(self._pattern, name)(text, *args)
        return run

    def __getattr__(self, name):
        return self._read(name) if name in ("finditer", "findall", "search") else getattr(self._pattern, name)


def _paragraphs(bbc_sample) -> list[str]:
    units = bbc_sample.units("paragraph")
    return [str(t) for t in units["text"]]


@pytest.mark.parametrize("rule", ["continued", "before_a_name", "preceded", "ends_on_verb", "surface"])
def test_a_rule_runs_its_pattern_only_over_the_texts_writing_the_phrase(bbc_sample, monkeypatch, rule):
    """On main every one of the 200 articles' paragraphs went through each phrase's pattern."""
    from topics.modeling import headlines, phrase_shape
    from topics.modeling.people import TITLES
    from topics.text.wording import stop_words

    texts = _paragraphs(bbc_sample)
    phrase = "Prime Minister" if rule != "ends_on_verb" else "prime minister"
    holding = sum(bool(re.search(r"(?i)prime", t)) for t in texts)
    assert 0 < holding < len(texts) / 10
    calls = {
        "continued": lambda: phrase_shape.continued(texts, phrase, stop_words(), TITLES),
        "before_a_name": lambda: phrase_shape.before_a_name(texts, phrase, TITLES),
        "preceded": lambda: phrase_shape.preceded(texts, phrase, TITLES),
        "ends_on_verb": lambda: phrase_shape.ends_on_verb(texts, phrase, stop_words()),
        "surface": lambda: headlines._surface(texts, phrase.lower()),
    }
    expected = calls[rule]()
    counts, compile_ = [0], re.compile
    monkeypatch.setattr(re, "compile", lambda *args, **kwargs: _CountingPattern(compile_(*args, **kwargs), counts))
    assert calls[rule]() == expected
    assert 0 < counts[0] <= holding


def test_a_text_is_kept_wherever_an_any_case_pattern_could_match_it():
    """The characters re.IGNORECASE takes for an ASCII letter that lower() does not make it ("İ", "ı", "ſ"; the
    Kelvin sign lower() makes "k"): a text writing the word with them is still read, and so is every text for
    a word not in ASCII."""
    from topics.modeling.headlines import _surface
    from topics.modeling.phrase_holders import may_write

    texts = ["Flights to İSTANBUL resumed.", "The bıg day.", "A ſtate visit.", "\u212aabul airport", "Nothing here.",
             "Kabul’s airport", "no Istanbul"]
    for word in ("istanbul", "big", "state", "kabul", "Istanbul"):
        truth = [t for t in texts if re.search(re.escape(word), t, re.IGNORECASE)]
        kept = may_write(texts, word, any_case=True)
        assert set(truth) <= set(kept) and "Nothing here." not in kept, word
        assert kept == [t for t in texts if t in kept]  # in order
    assert _surface(texts[:1], "istanbul") == "İSTANBUL"
    assert _surface(texts[2:3], "state visit") == "ſtate visit"
    assert may_write(texts, "İstanbul", any_case=True) == texts
    assert may_write(texts, "Kabul") == ["Kabul’s airport"]  # case as written: a substring test
