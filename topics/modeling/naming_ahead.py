"""Naming material found ahead, while the fit waits for its aliases.

After the clustering, a fit whose aliases are mined in a worker process
(:mod:`topics.modeling.alias_worker`) waits for it: the worker mines the aliases, then cleans the texts
for naming under them. Most texts read the same cleaned with or without the aliases (94-99 % of the
paragraphs of three news corpora), and a text's naming material depends on its cleaned text alone. So
while it waits, the fit cleans the texts without aliases, and without looking for the corpus's template
sentences (a tenth of the cost: the sentence keys are most of the cleaning), and finds, text by text, the
material the naming asks for first: every text's keyword candidates, then the name tokens and label phrases of the
texts the headline labels read of the whole corpus, then the label phrases of the texts they read of each topic
(the topics are found by then: renumbering them by size keeps their members); it stops as soon as the worker is done. The naming
store holds what was found aside and takes it when the naming asks (:meth:`TextMaterial.prepare`), so
the store, its files and the names are those of a fit without this step; a text the aliases change is
a text of its own, found when asked as before.
Owns that step. May import: numpy, :mod:`topics.modeling.text_material`, :mod:`topics.modeling.headlines`,
:mod:`topics.text.wording`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# Texts found between two looks at whether the worker is done (a look is a lock; a text about 0.2 ms).
CHECK_EVERY = 32


def naming_ahead(texts: list[str], labels=None) -> list[tuple[str, str]]:
    """(kind, cleaned text) pairs the naming of ``texts`` asks for first, in that order: each text's
    keyword candidates, then the name tokens and the label phrases of the texts the headline labels read
    of the corpus (:data:`topics.modeling.headlines.CORPUS_TEXTS`), then, given the units' topic ``labels``
    (-1 = outlier), the label phrases of the other texts they read of each topic
    (:data:`topics.modeling.headlines.PHRASE_TEXTS`); the texts cleaned as
    :func:`topics.text.wording.keyword_texts` cleans them without aliases, template sentences left in."""
    from topics.modeling.headlines import CORPUS_TEXTS, _sample
    from topics.text.openers import drop_openers, repeated_openers
    from topics.text.wording import clean_text

    # Not through the fit's store: it remembers the cleaning under the aliases only, as a fit without this step.
    cleaned = [clean_text(text) for text in drop_openers(texts, repeated_openers(texts))]
    corpus_rows = _sample(np.arange(len(cleaned)), CORPUS_TEXTS)
    corpus = [cleaned[i] for i in corpus_rows.tolist()]
    members = [] if labels is None else [cleaned[i] for i in np.setdiff1d(topic_rows(labels), corpus_rows).tolist()]
    return ([("grams", text) for text in cleaned] + [("tokens", text) for text in corpus] + [("phrases", text) for text in corpus]
            + [("phrases", text) for text in members])


def topic_rows(labels) -> np.ndarray:
    """The rows whose texts the headline labels read of each topic of ``labels``
    (:func:`topics.modeling.headlines.headline_labels`), in row order."""
    from topics.modeling.headlines import PHRASE_TEXTS, _sample

    labels = np.asarray(labels)
    rows = [_sample(np.flatnonzero(labels == topic), PHRASE_TEXTS) for topic in np.unique(labels[labels >= 0])]
    return np.unique(np.concatenate(rows)) if rows else np.zeros(0, dtype=np.int64)


def find_ahead(material, texts: list[str], waiting: Callable[[], bool], labels=None) -> int:
    """Find the naming material of ``texts`` cleaned without aliases into ``material`` (held aside, see
    :meth:`TextMaterial.prepare`) while ``waiting()`` is true; how many (kind, text) pairs were found.
    ``labels``: the units' topics, when found (:func:`naming_ahead`)."""
    if not waiting():
        return 0
    work = naming_ahead(texts, labels)
    for start in range(0, len(work), CHECK_EVERY):
        if not waiting():
            return start
        for kind, text in work[start : start + CHECK_EVERY]:
            material.prepare(kind, text)
    return len(work)
