"""Labels that say what their texts say: a subject the topic's texts deny is named with its denial."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from topics.modeling.negation import _negators, denied_form, denied_uses, told_as_written

DATA = Path(__file__).parent / "data"
SAFETY = re.compile(r"\bno (civilians|women|shots)\b", re.IGNORECASE)


def _isaf_sentences():
    """The sentences of 41 ISAF press releases (tests/data/isaf_formulas.jsonl): those holding the safety
    formula ("No civilians were harmed during the operation.") are one topic, the others another, as the
    short closing paragraphs of a whole release corpus make one."""
    from topics.ingest.corpus import load_corpus

    units = load_corpus(DATA / "isaf_formulas.jsonl").units("paragraph")
    texts = [s for t in units["text"] for s in re.split(r"(?<=\.)\s+", t) if len(s.split()) >= 5]
    return texts, np.array([0 if SAFETY.search(t) else 1 for t in texts])


def test_a_topic_of_safety_formulas_is_named_by_what_they_deny(embedder):
    from topics.modeling.describe import describe_topics

    texts, labels = _isaf_sentences()
    assert (labels == 0).sum() >= 15
    embeddings = embedder.encode(texts)
    centres = np.stack([embeddings[labels == k].mean(axis=0) for k in (0, 1)])
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    found = describe_topics(texts, labels, np.array([0, 1]), embeddings, centres)
    label = found.labels[0]
    # Before: "Women and children" / "Civilians, women" -- the subjects every formula says were not harmed.
    members = [t for t, k in zip(texts, labels) if k == 0]
    for part in label.split(", "):
        assert part.lower().startswith(("no ", "without ")) or denied_form(members, part) is None, label
    assert label.startswith("No "), label


DENIALS = [
    "No women or children were injured or detained during this operation.",
    "No women or children were injured during the operation.",
    "No shots were fired and no civilians were harmed during the operation.",
    "No civilians were injured in this operation.",
    "There were no civilian casualties or collateral damage reported.",
]
# "No shots were fired and the women ...": the denial ends at "were"; "did not fire their weapons" denies the
# firing, not the weapons.
ASSERTED = [
    "No shots were fired and the women and children were protected throughout the search.",
    "The security force did not fire their weapons and protected the women and children.",
    "The assault force didn't fire their weapons.",
    "Women and children present were protected by the combined force.",
]


@pytest.mark.parametrize("texts, label, told", [
    (DENIALS, "Children", "No women or children injured"),
    (DENIALS, "Shots, civilians", "No shots fired, no civilians harmed"),
    (DENIALS, "Civilian casualties", "No civilian casualties"),
    (ASSERTED, "Women and children, weapons", "Women and children, weapons"),
    (ASSERTED, "Security force", "Security force"),
])
def test_a_denial_is_told_as_the_texts_write_it_and_an_asserted_subject_keeps_its_name(texts, label, told):
    assert told_as_written(label, texts) == told


def test_a_language_without_listed_negators_is_left_as_it_was():
    texts = ["Keine Zivilisten wurden verletzt.", "Keine Zivilisten wurden verletzt oder festgenommen."]
    assert told_as_written("Zivilisten", texts, "german") == "Keine Zivilisten"
    assert told_as_written("Zivilisten", texts, "turkish") == "Zivilisten"


def test_a_verb_negator_denies_only_the_verb_it_stands_before():
    # Before: "Not fire weapons" -- the noun after the denied verb was taken as denied too.
    texts = ["They did not fire weapons at the crowd.", "Police did not carry weapons today."]
    assert told_as_written("Weapons", texts) == "Weapons"
    denied = denied_uses("Not a single civilian was hurt.", "civilian", _negators("english"))
    assert denied == [(True, "Not a single civilian")]


def test_a_denied_predicate_keeps_the_phrase_a_label_would_otherwise_open_with_not():
    # Before: "Not an emergency response program" (ABC News): "is not an X" denies a predicate, and its
    # wording, told as a label, is a fragment of a sentence; "Not a single civilian" opens its clause.
    texts = ["The official said the refugee program is not an emergency response program.",
             "It was not an emergency response program, an official said.",
             "The plan isn't an emergency response program either."]
    assert told_as_written("Emergency response program", texts) == "Emergency response program"
    assert told_as_written("Single civilian", ["Not a single civilian was hurt.", "However, not a single civilian was hurt."]) \
        == "Not a single civilian"



def test_there_was_not_denies_its_subject_and_a_capitalised_month_is_no_auxiliary():
    # "There were not any X" / "there weren't any X" deny X itself, as "no X" does; "May" the month is no "may".
    for text in ["There were not any civilian casualties, officials said.", "There weren't any civilian casualties.",
                 "There were never any civilian casualties reported."]:
        assert told_as_written("Civilian casualties", [text] * 3).lower() != "civilian casualties", text
    assert told_as_written("Single civilian", ["Since May not a single civilian was hurt."] * 3) == "Not a single civilian"

def test_no_denial_reaches_back_across_a_comma():
    # Before: "Without warning, civilians killed" -- a killing told as a denial, read as two label parts.
    texts = ["Without warning, civilians were killed in the blast.", "Without warning, civilians were killed by the strike.",
             "No, civilians were wounded."]
    assert told_as_written("Civilians", texts) == "Civilians"
    for text in [*texts, "No shots, civilians or women were harmed.", "No civilians , women were harmed."]:
        for phrase in ("civilians", "women"):
            assert all("," not in form for _, form in denied_uses(text, phrase, _negators("english")))


def test_a_long_clause_is_split_into_words_once(monkeypatch):
    # Before: every use split the clause up to it again (8,000 uses in one unpunctuated text: 18 s).
    import topics.modeling.negation as negation

    read = []

    class Counting:
        def finditer(self, text):
            read.append(len(text))
            return WORD.finditer(text)

        def findall(self, text):
            return WORD.findall(text)

    WORD = negation._WORD
    monkeypatch.setattr(negation, "_WORD", Counting())
    text = " ".join(["civilians"] * 2000)
    assert len(denied_uses(text, "civilians", _negators("english"))) == 2000
    assert sum(read) <= 2 * len(text)
