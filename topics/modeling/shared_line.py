"""The line a topic's units repeat, for a topic no keyword names (its words are all the corpus's formulas).

Owns that reading. May import: :mod:`topics.text.wording`.
"""

from __future__ import annotations

import re
from collections import Counter

SHARED_RUN_WORDS = 6
_RUN_WORD = re.compile(r"[^\W\d_][\w'’-]*|\S")


def shared_words(texts: list[str]) -> str:
    """The longest run of words (at most ``SHARED_RUN_WORDS``) that at least half of ``texts`` write,
    as written: the line the units repeat, for a topic with no keyword because its words are all the
    corpus's formulas ("ISAF Joint Command Evening Operational Update"). Numbers, codes, punctuation,
    months and weekdays end a run, and it neither starts nor ends on a stop word. "" when no word is shared."""
    from topics.text.wording import is_junk_word, stop_words

    stop = stop_words()
    runs = []
    for text in texts:
        words, run = [], []
        for token in _RUN_WORD.findall(text):
            if token[:1].isalpha() and not any(c.isdigit() for c in token) and not is_junk_word(token.lower()):
                run.append(token)
            elif run:
                words.append(run)
                run = []
        runs.append(words + [run] if run else words)
    for n in range(SHARED_RUN_WORDS, 0, -1):
        held: Counter = Counter()
        for text_runs in runs:
            held.update({tuple(run[i : i + n]) for run in text_runs for i in range(len(run) - n + 1)})
        # A run starts and ends on a word that is not a stop word ("For Immediate Release", not "of the").
        shared = [(count, gram) for gram, count in held.items()
                  if count * 2 >= len(texts) and gram[0].lower() not in stop and gram[-1].lower() not in stop]
        if shared:
            # The most widely held; ties to the run written first in alphabetical order (stable across runs).
            return " ".join(min(shared, key=lambda item: (-item[0], item[1]))[1])
    return ""
