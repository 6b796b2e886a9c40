"""Ingest time of one very long table cell (no sentence ends, no paragraph breaks), by size.

    python -m benchmarks.long_cell            # 1, 3 and 10 MB
    python -m benchmarks.long_cell --mb 1 3

The reference in the same run is the former paragraph splitter, which cut an
over-long sentence by slicing the rest of it off again for every window
(quadratic in the sentence length); ``topics`` cuts it by offset.
"""

from __future__ import annotations

import argparse
import random
import time

import pandas as pd


def former_split_long(text: str, max_words: int) -> list[str]:
    """The splitter before the fix (reference only)."""
    import re

    words = text.split()
    if len(words) <= max_words:
        return [text]
    sentences = re.split(r"(?<=[.!?…])[\"'”’)\]]*\s+", text)
    pieces, current = [], []
    for sentence in sentences:
        sentence_words = sentence.split()
        while len(sentence_words) > max_words:
            if current:
                pieces.append(" ".join(current))
                current = []
            pieces.append(" ".join(sentence_words[:max_words]))
            sentence_words = sentence_words[max_words:]
        if len(current) + len(sentence_words) > max_words and current:
            pieces.append(" ".join(current))
            current = []
        current.extend(sentence_words)
    if current:
        pieces.append(" ".join(current))
    return pieces


def long_cell(mb: float, seed: int = 0) -> str:
    rng = random.Random(seed)
    words = "drone flew over kandahar airspace officials said attacks continued kabul province".split()
    return " ".join(f"{rng.choice(words)}{rng.randint(0, 99999)}" for _ in range(int(mb * 1e6 / 11)))


def main() -> None:
    from topics.ingest.corpus import MAX_WORDS, _split_long, load_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 3, 10])
    args = parser.parse_args()
    print("| cell MB | words | load_corpus s | split s | former split s (reference) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for mb in args.mb:
        text = long_cell(mb)
        started = time.perf_counter()
        load_corpus(pd.DataFrame({"id": ["a"], "text": [text]}))
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        new = _split_long(text, MAX_WORDS)
        split_s = time.perf_counter() - started
        started = time.perf_counter()
        old = former_split_long(text, MAX_WORDS)
        former_s = time.perf_counter() - started
        assert new == old
        print(f"| {len(text) / 1e6:.1f} | {len(text.split()):,} | {load_s:.2f} | {split_s:.3f} | {former_s:.2f} |", flush=True)


if __name__ == "__main__":
    main()
