"""A label's lone word that the corpus writes all over: read by where its other writers sit in meaning.

``python -m benchmarks.label_scattered_words SOURCE[@LEVEL] ...`` fits each corpus as
:mod:`benchmarks.label_parts_read` does and asks of every lone word after a label's lead ("Supply, official",
"Kyiv, city") whether it tells its group apart. Counts cannot say so on groups of a few units: "example" is in
2 of 5 units of its subtopic and 8 of 308 of the corpus, a large lift. So the test reads the embeddings: the
word is *scattered* where most of the units that write it lie outside the group and those outside units are no
closer to the group's centroid than the corpus's other units outside it (one-sided Mann-Whitney at
``speakers.CONFIDENCE``): the corpus writes it about anything. A word whose other writers sit near the group
("Kherson" in the neighbouring topics on the south) is the group's subject spoken of nearby.

Only a common word is asked (written in lower case in the label): a name ("France", "Hungary") says who or
where, however many of the corpus's stories name it. Per label with a scattered part, two replacements are printed for reading: (a) the lead alone; (b) the next of
the group's keywords that is a lone word, not of the lead's family, written by two of its units and not
scattered, else the lead alone. Per source: ``labels``, ``lone_parts`` (lone common words after a lead), ``judged``
(of those, most writers outside the group), ``scattered``; ``subject_leads``: labels whose lead's every word most of the corpus's units write (the
corpus's own subject: "Invasion of Ukraine" on a corpus about it). Nothing in ``topics/`` uses the test (measured, not
adopted: docs/benchmarks.md).
"""

from __future__ import annotations

import sys
import time

import numpy as np


def scattered(word: str, rows: np.ndarray, held: list, unit_vectors: np.ndarray, confidence: float) -> tuple[bool, bool]:
    """(judged, scattered) for ``word`` after the lead of the group of ``rows`` (see the module's text)."""
    from scipy.stats import mannwhitneyu

    writes = np.fromiter((word in h for h in held), dtype=bool, count=len(held))
    inside = np.zeros(len(held), dtype=bool)
    inside[rows] = True
    outside_writers = writes & ~inside
    if outside_writers.sum() <= (writes & inside).sum():
        return False, False
    centroid = unit_vectors[rows].mean(axis=0)
    closeness = unit_vectors @ (centroid / max(np.linalg.norm(centroid), 1e-12))
    others = ~inside & ~writes
    if not others.any():
        return True, False
    p = mannwhitneyu(closeness[outside_writers], closeness[others], alternative="greater").pvalue
    return True, bool(p >= 1 - confidence)


def read_source(name: str, corpus, level: str, embedder) -> dict:
    from benchmarks.label_parts_read import _groups
    from topics.modeling.headlines import lower_words
    from topics.modeling.label_parts import _family
    from topics.modeling.model import TopicModel
    from topics.themes.speakers import CONFIDENCE

    model = TopicModel(embedder=embedder, random_state=42).fit(corpus, level=level)  # as topics report fits
    texts = model.units_["text"].tolist()
    held = [lower_words(t) for t in texts]
    vectors = np.asarray(model.embeddings_, dtype=np.float64)
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    counts = dict(labels=0, lone_parts=0, judged=0, scattered=0, subject_leads=0)
    most = len(held) / 2
    print(f"\n## {name}", flush=True)
    for label, keywords, rows in _groups(model, model.units_):
        counts["labels"] += 1
        parts = [p.strip() for p in label.split(",")]
        lead_family = {_family(w) for w in parts[0].split()}
        lead_words = lower_words(parts[0])
        if lead_words and all(sum(w in h for h in held) > most for w in lead_words):
            counts["subject_leads"] += 1  # the corpus's own subject: most units write every word of the lead
            print(f"  [{len(rows):4}] {label!r}: the corpus's subject leads", flush=True)
        dropped = []
        for part in parts[1:]:
            if " " in part or not part.islower():  # a name says who or where, however widely written
                continue
            counts["lone_parts"] += 1
            judged, spread = scattered(part.lower(), rows, held, vectors, CONFIDENCE)
            counts["judged"] += judged
            if spread:
                dropped.append(part)
        if not dropped:
            continue
        counts["scattered"] += len(dropped)
        kept = [p for p in parts if p not in dropped]
        used = {_family(w) for p in kept for w in p.split()} | {_family(w) for w in dropped}
        replacement = next((k for k in map(str, keywords) if " " not in k and _family(k) not in used | lead_family
                            and sum(k in held[i] for i in rows) >= min(2, len(rows))
                            and not scattered(k, rows, held, vectors, CONFIDENCE)[1]), None)
        print(f"  [{len(rows):4}] {label!r} -> (a) {', '.join(kept)!r}  (b) "
              f"{', '.join(kept + ([replacement] if replacement else []))!r} | {', '.join(map(str, keywords[:6]))}", flush=True)
        for i in rows[:3]:
            print(f"         · {texts[i][:160]!r}")
    return {"corpus": name, **counts}


def main(argv: list[str] | None = None) -> int:
    from benchmarks.label_parts_read import read_sources

    return read_sources("python -m benchmarks.label_scattered_words", __doc__.splitlines()[0], read_source, argv)


if __name__ == "__main__":
    raise SystemExit(main())
