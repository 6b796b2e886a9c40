"""Representatives with the length bar counted in content words instead of words (measured, not adopted).

The rule of :mod:`topics.modeling.representatives` asks a unit for half a usual sentence of the group's
words; a short complete sentence in a group of long ones can be passed over. This variant counts only
content words (words not among :func:`topics.text.wording.stop_words`), in the unit and in the group's
sentences alike, so that a bar is relative to what a sentence says. Per corpus (the fits of
:mod:`benchmarks.representatives_time`): the groups whose representatives change, the representatives of
under six words before → after, and a changed group's mean cosine to its centre; ``--show`` prints the
changed representatives.

    python -m benchmarks.representatives_content [--show] [20 AG BBC ...]
"""

from __future__ import annotations

import sys

import numpy as np

from benchmarks.representatives import fitted, groups


def content_count(text: str) -> int:
    from topics.modeling import representatives
    from topics.text.wording import stop_words

    words = representatives.WORD.findall(text if text.isascii() else text.translate(representatives.no_marks()))
    stop = stop_words()
    return sum(word.strip("'\".,;:!?()[]{}-—–").lower() not in stop for word in words)


def content_prose(text: str) -> float:
    from topics.modeling.representatives import word_count

    tokens = len(text.split())
    return content_count(text) * word_count(text) / tokens if tokens else 0.0


def content_bar(texts: list[str]) -> float:
    from topics.modeling.representatives import SENTENCE_END, SENTENCE_SHARE

    lengths = np.sort([n for text in texts for n in map(content_count, SENTENCE_END.split(text)) if n])
    if len(lengths) == 0:
        return 0.0
    cumulative = np.cumsum(lengths)
    return SENTENCE_SHARE * float(lengths[np.searchsorted(cumulative, cumulative[-1] / 2)])


def chosen(model, texts: list[str], content: bool) -> dict:
    from topics.modeling import representatives

    kept = representatives.prose_words, representatives.sentence_bar
    if content:
        representatives.prose_words, representatives.sentence_bar = content_prose, content_bar
    try:
        found = {}
        for name, rows, centre in groups(model):
            args = (np.zeros(len(rows)), np.array([0]), model.embeddings_[rows], centre[None, :], model.n_representatives)
            found[name] = (rows[representatives.representative_units(*args, [texts[i] for i in rows])[0]], centre)
        return found
    finally:
        representatives.prose_words, representatives.sentence_bar = kept


def main(argv: list[str]) -> None:
    from topics.modeling.representatives import word_count

    show = "--show" in argv
    for name, model, texts in fitted([a for a in argv if a != "--show"]):
        words, content = chosen(model, texts, False), chosen(model, texts, True)
        changed = [g for g in words if set(words[g][0]) != set(content[g][0])]
        short = [sum(word_count(texts[i]) < 6 for g in found for i in found[g][0]) for found in (words, content)]
        cosine = [np.mean([float(np.mean(np.asarray(model.embeddings_[found[g][0]], dtype=np.float64) @ found[g][1]))
                           for g in changed]) if changed else float("nan") for found in (words, content)]
        print(f"| {name} | {len(words)} | {len(changed)} | {short[0]} → {short[1]} | {cosine[0]:.3f} → {cosine[1]:.3f} |", flush=True)
        for g in changed if show else []:
            print(f"  == {g}: " + " / ".join(repr(texts[i][:100]) for i in words[g][0]) + "  →  "
                  + " / ".join(repr(texts[i][:100]) for i in content[g][0]))


if __name__ == "__main__":
    main(sys.argv[1:])
