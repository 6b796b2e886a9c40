"""A label's lone common word read by where the word itself lies in meaning (measured, not adopted).

``python -m benchmarks.label_vague_words SOURCE[@LEVEL] ...`` fits each corpus as
:mod:`benchmarks.label_parts_read` does and asks of every lone common word in a label (a part after the lead, or
a one-word lead the group's texts write in lower case: "City, people", "Talks, session") whether it tells its
group apart. :mod:`benchmarks.label_scattered_words` read where the word's *units* lie; this reads where the
*word* lies, as BERTopic's KeyBERTInspired representation does: each asked word is embedded alone with the
corpus's embedder, and it is *vague* where the group's units are no closer to it than the corpus's other units
are (one-sided Mann-Whitney on their cosines to the word, at ``speakers.CONFIDENCE``: the corpus's own spread of
closeness is the yardstick, no new constant). A specific word ("conscription", "Kherson") lies nearer its group's
texts than the rest; a vague one ("guess", "people", "tons") does not.
Per label with a vague word two replacements are printed for reading: (a) the vague words dropped (a vague lead
gives way to the part after it; a label of vague words only stays); (b) to (a)'s parts, the lead where all were
vague, the group's next one-word keyword added, not of a used family, written by two of its units and not vague.

Every label with an asked word is printed with each word's p-value and AUC. Per source: ``labels``,
``lone_common`` (lone common words asked), ``vague``, ``changed_a``, ``changed_b``; ``words_embedded`` and
``embed_s`` (the cost: each asked word embedded once, CPU seconds).
Nothing in ``topics/`` uses the test (measured, not adopted: docs/benchmarks.md).
"""

from __future__ import annotations

import re
import sys
import time

import numpy as np


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float64)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=-1, keepdims=True), 1e-12)



def lone_words(keywords: list[str]) -> list[str]:
    return [k.lower() for k in keywords if " " not in k]


def written_lower(word: str, texts: list[str]) -> bool:
    """Whether ``texts`` write ``word`` in lower case at least as often as capitalised inside a sentence: a
    common word, not a name ("Talks" of "talks", not "Kherson")."""
    lower = sum(len(re.findall(rf"\b{re.escape(word.lower())}\b", t)) for t in texts)
    upper = sum(len(re.findall(rf"(?<=[a-z,;] ){re.escape(word.capitalize())}\b", t)) for t in texts)
    return lower > 0 and lower >= upper


class WordCloseness:
    """Each asked word embedded once, and its cosine to every unit of the corpus."""

    def __init__(self, vectors: np.ndarray, embedder):
        self.units = _unit(vectors)
        self.embedder = embedder
        self.cosines: dict[str, np.ndarray] = {}
        self.embed_s = 0.0

    def of(self, word: str) -> np.ndarray:
        if word not in self.cosines:
            started = time.process_time()
            self.cosines[word] = self.units @ _unit(self.embedder.encode([word]))[0]
            self.embed_s += time.process_time() - started
        return self.cosines[word]

    def vague(self, word: str, rows, confidence: float) -> tuple[bool, float, float]:
        """(vague, p, auc): the group's units are not closer to ``word`` than the corpus's other units are
        (one-sided Mann-Whitney at ``confidence``); ``p`` the test's p-value, ``auc`` its effect size (the chance
        that a unit of the group lies nearer the word than one outside)."""
        from scipy.stats import mannwhitneyu

        cosines = self.of(word)
        inside = np.zeros(len(cosines), dtype=bool)
        inside[rows] = True
        if inside.all():
            return False, 0.0, 1.0
        test = mannwhitneyu(cosines[inside], cosines[~inside], alternative="greater")
        auc = float(test.statistic) / (inside.sum() * (~inside).sum())
        return float(test.pvalue) >= 1 - confidence, float(test.pvalue), auc


def read_groups(name: str, groups, texts: list[str], vectors: np.ndarray, embedder) -> dict:
    from topics.modeling.headlines import lower_words
    from topics.modeling.label_parts import _family

    from topics.themes.speakers import CONFIDENCE

    held = [lower_words(t) for t in texts]
    closeness = WordCloseness(vectors, embedder)
    counts = dict(labels=0, lone_common=0, vague=0, changed_a=0, changed_b=0)
    print(f"\n## {name}", flush=True)
    for label, keywords, rows in groups:
        counts["labels"] += 1
        parts = [p.strip() for p in label.split(",")]
        group_texts = [texts[i] for i in rows[:200]]
        asked = [i for i, p in enumerate(parts) if " " not in p and p.isalpha()
                 and (p.islower() if i else written_lower(p, group_texts))]
        vague, shown = [], []
        for i in asked:
            counts["lone_common"] += 1
            is_vague, p, auc = closeness.vague(parts[i].lower(), rows, CONFIDENCE)
            shown.append(f"{parts[i]} p={p:.3f} auc={auc:.2f}")
            if is_vague:
                vague.append(i)
        if not vague:
            if shown:
                print(f"  [{len(rows):4}] {label!r} ({'; '.join(shown)}): kept", flush=True)
            continue
        counts["vague"] += len(vague)
        kept = [p for i, p in enumerate(parts) if i not in vague]
        kept = [kept[0][:1].upper() + kept[0][1:]] + kept[1:] if kept else []
        counts["changed_a"] += bool(kept) and kept != parts
        used = {_family(w) for p in parts for w in p.split()}
        replacement = next((k for k in lone_words(keywords) if _family(k) not in used
                            and sum(k in held[i] for i in rows) >= min(2, len(rows))
                            and not closeness.vague(k, rows, CONFIDENCE)[0]), None)
        base = kept or parts[:1]
        b = base + ([replacement] if replacement and len(base) < 2 else [])
        counts["changed_b"] += b != parts
        print(f"  [{len(rows):4}] {label!r} ({'; '.join(shown)}) -> (a) {', '.join(kept or parts)!r}"
              f"  (b) {', '.join(b)!r} | {', '.join(keywords[:8])}", flush=True)
        for i in rows[:3]:
            print(f"         · {texts[i][:160]!r}")
    return {"corpus": name, **counts, "words_embedded": len(closeness.cosines),
            "embed_s": round(closeness.embed_s, 2)}


def read_source(name: str, corpus, level: str, embedder) -> dict:
    from benchmarks.label_parts_read import _groups
    from topics.modeling.model import TopicModel

    model = TopicModel(embedder=embedder, random_state=42).fit(corpus, level=level)  # as topics report fits
    groups = [(label, [str(k) for k in keywords], rows) for label, keywords, rows in _groups(model, model.units_)]
    return read_groups(name, groups, model.units_["text"].tolist(), model.embeddings_, embedder)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.label_parts_read import read_sources

    return read_sources("python -m benchmarks.label_vague_words", __doc__.splitlines()[0], read_source, argv)


if __name__ == "__main__":
    raise SystemExit(main())
