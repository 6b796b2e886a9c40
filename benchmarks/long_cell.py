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


def former_cut(words: list[str], max_words: int) -> tuple[list[str], list[str]]:
    """How the splitter cut an over-long sentence before the fix (reference only): slicing the rest
    off again for every window."""
    chunks = []
    while len(words) > max_words:
        chunks.append(" ".join(words[:max_words]))
        words = words[max_words:]
    return chunks, words


def long_cell(mb: float, seed: int = 0) -> str:
    rng = random.Random(seed)
    words = "drone flew over kandahar airspace officials said attacks continued kabul province".split()
    return " ".join(f"{rng.choice(words)}{rng.randint(0, 99999)}" for _ in range(int(mb * 1e6 / 11)))


def main() -> None:
    from topics.ingest.corpus import MAX_WORDS, load_corpus
    from topics.ingest.paragraphs import split_long

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
        new = split_long(text, MAX_WORDS)
        split_s = time.perf_counter() - started
        started = time.perf_counter()
        old = split_long(text, MAX_WORDS, cut=former_cut)
        former_s = time.perf_counter() - started
        assert new == old
        print(f"| {len(text) / 1e6:.1f} | {len(text.split()):,} | {load_s:.2f} | {split_s:.3f} | {former_s:.2f} |", flush=True)


if __name__ == "__main__":
    main()
