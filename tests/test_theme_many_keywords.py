"""A theme file with a very long keyword list (every word of a corpus) is fitted in seconds, not minutes.

Which keywords are part of which others was found by testing every pair: 8,000 keywords took minutes
and gigabytes before the units were even looked at. The words come from tests/data/bbc_sample.csv
(BBC News, see tests/data/README.md).
"""

from __future__ import annotations

import csv
import re

import numpy as np

from topics.themes import corroboration


def _corpus_words(data_dir) -> list[str]:
    with open(data_dir / "bbc_sample.csv", encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    return sorted({word.lower() for text in texts for word in re.findall(r"[A-Za-z]{5,}", text)})


def _within_by_every_pair(aliases, origins):
    """The definition, pair by pair: c is part of d when a word of d starts with c or both spell one keyword."""
    lowered = [alias.lower() for alias in aliases]
    within = np.zeros((len(aliases), len(aliases)), dtype=bool)
    for c in range(len(aliases)):
        for d in range(len(aliases)):
            shorter = (len(lowered[c]), -c) < (len(lowered[d]), -d)
            part = any(word.startswith(lowered[c]) for word in lowered[d].split())
            within[c, d] = c != d and shorter and (origins[c] == origins[d] or part)
    return within


def test_which_keywords_are_part_of_others_is_found_without_testing_every_pair(data_dir):
    words = _corpus_words(data_dir)
    assert len(words) > 7000
    within = corroboration.keyword_within(words)  # every pair: over a minute (timed in docs/benchmarks.md)
    assert within.shape == (len(words), len(words)) and not (within & within.T).any()
    # The same answer as the definition, on phrases and spellings of one keyword too.
    sample = words[:150] + ["Iraq", "Iraq war", "Iraqi", "Irak", "general election", "election", "al-Qaeda", "al Qaeda"]
    origins = sample[:150] + ["Iraq", "Iraq war", "Iraq", "Iraq", "general election", "election", "al-Qaeda", "al-Qaeda"]
    assert np.array_equal(corroboration.keyword_within(sample, origins), _within_by_every_pair(sample, origins))


def test_a_theme_of_every_corpus_word_is_fitted_and_said_to_fit_nothing(data_dir, seeds_corpus, seeds_paragraph_embeddings,
                                                                       embedder):
    from topics import Themes

    themes = [{"name": "Everything", "description": "all the words", "keywords": _corpus_words(data_dir)},
              {"name": "drones", "description": "US drones over Afghan airspace", "keywords": ["drone", "drones"]}]
    units = seeds_corpus.units("paragraph")
    fitted = Themes(themes).fit(units, seeds_paragraph_embeddings, embedder)  # every pair of keywords: several minutes
    assert {"Everything", "drones"} <= set(fitted.theme_scores().columns) and len(fitted.theme_scores()) == len(units)
    assert any("Everything" in note for note in fitted.notes_)
