"""A cleaned text kept as the edits that make it from its text: exact, and a few terms for a small change."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from topics.modeling.text_edits import apply_edits, text_edits
from topics.text.wording import clean_text


def test_the_edits_make_the_cleaned_text_exactly(data_dir):
    texts = pd.read_csv(data_dir / "bbc_sample.csv")["text"].tolist() + [
        "KABUL, Afghanistan — The Taliban’s leader’s aide said.\n\nHe didn’t say more.", "'s", "", "\n", "No change.",
        "See www.example.org/a/b and Amazon.com’s site.", "It's it's it's", "A\u00adB’s ’s",
    ]
    for text in texts:
        cleaned = clean_text(text)
        edits = text_edits(text, cleaned)
        assert edits is not None and apply_edits(text, edits) == cleaned
    # Any two texts, one made from the other by random cuts and insertions, however unlike cleaning.
    rng = random.Random(0)
    for _ in range(300):
        text = "".join(rng.choice("ab c's’\n") for _ in range(rng.randrange(40)))
        other = list(text)
        for _ in range(rng.randrange(5)):
            at = rng.randrange(len(other) + 1)
            other[at : at + rng.randrange(4)] = rng.choice(["", "x", "'", " ", "yz"])
        other = "".join(other)
        edits = text_edits(text, other)
        assert edits is None or apply_edits(text, edits) == other
        assert edits is not None or "\n" in other


def test_a_small_change_is_a_few_short_edits():
    text = "The council approved the plan for the northern railway on Monday, and work starts next year. " * 20
    changed = text[:900] + "The company’s chief agreed. " + text[900:]
    cleaned = clean_text(changed)
    assert cleaned == text[:900] + "The company chief agreed. " + text[900:]
    edits = text_edits(changed, cleaned)
    assert apply_edits(changed, edits) == cleaned
    assert len(edits) <= 3 and all(len(edit) <= 5 for edit in edits)  # kept, skipped, kept


def test_edits_of_another_text_are_refused():
    edits = text_edits("The council’s plan.", "The council plan.")
    with pytest.raises(ValueError, match="read"):
        apply_edits("The council’s plan, longer.", edits)
    with pytest.raises(ValueError, match="not an edit"):
        apply_edits("The plan.", ("=3", "?x"))
    for damaged in ("", "=", "--2", "=-3", "=3x", "=٣"):  # a damaged file's terms: refused, never read as something else
        with pytest.raises(ValueError, match="not an edit"):
            apply_edits("The plan.", (damaged,))


def test_changes_close_together_in_a_long_text_are_exact():
    # Contractions every few characters: no anchor of 16 characters between changes, so each search is bounded.
    text = "I’m sure it’s not what we’d want, isn’t it? " * 3000
    cleaned = clean_text(text)
    assert cleaned != text and apply_edits(text, text_edits(text, cleaned)) == cleaned
    dropped = "Kept line.\n" + "x" * 10_000 + "\nKept end."  # a change longer than the search: still exact
    assert apply_edits(dropped, text_edits(dropped, "Kept line.\nKept end.")) == "Kept line.\nKept end."


def test_a_long_table_dropped_is_still_a_few_edits():
    rows = "\n".join(f"{i}. Kabul Province  {i * 7} {i * 3} {i * 11} {i * 13} {i * 2}" for i in range(1, 200))
    story = "\n".join(f"Paragraph {k}: the results were announced in Kabul on Monday, officials said." for k in range(30))
    text = "Election results by province.\n" + rows + "\n" + story
    cleaned = clean_text(text)
    assert len(text) - len(cleaned) > 8000  # the rows, longer than the search's span, are dropped
    edits = text_edits(text, cleaned)
    assert edits is not None and len(edits) <= 3 and apply_edits(text, edits) == cleaned
