"""What embedding whole articles costs when a text longer than the model's window is split, not cut.

For each corpus, its article texts (``corpus.units("article")``, what ``TopicModel(embedder=e).fit`` embeds)
are embedded with no cache two ways: each text as the model sees it, cut at its window (the former
``Embedder.encode``), and split at sentence ends into pieces within the window whose vectors are averaged
(``Embedder.encode`` now); each compared (cosine, median over the articles) with the article's vector in
the report, the word-count-weighted mean of its paragraphs' (``embed_units(corpus, "article")``). Also timed: finding the texts over the window among the corpus's paragraphs
(a byte-and-word bound, then the tokenizer for those that may overflow), the cost a cached run adds.
Times are the median of ``--repeat`` runs, in seconds on this machine (the report's vectors come from the
cache in ``artifacts/cache`` of the working folder).

    python -m benchmarks.window_cost [--repeat 3] [--limit 200]

Corpora: the seed articles, the ISAF press releases (724; most within the window), and the NYT full-text articles (evaluation only) from ``$TOPICS_DATA_DIR``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from benchmarks.paths import SHARED_DATA  # also sets the offline settings

CORPORA = {
    "seeds": "seeds",
    "isaf": SHARED_DATA / "isaf_press_releases_test.jsonl",
    "nyt_fulltext": SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz",
}


def _median_seconds(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 2)


def measure(repeat: int = 3, limit: int | None = None, backend: str = "onnx") -> list[dict]:
    from topics.embedding.embed import Embedder, embed_units
    from topics.embedding.window import window_pieces
    from topics.ingest.corpus import load_corpus

    embedder = Embedder(backend=backend, use_cache=False, show_progress=False)
    cached = Embedder(backend=backend, cache_dir="artifacts/cache", show_progress=False)  # for the report's vectors
    window = embedder.window_tokenizer
    rows = []
    for name, path in CORPORA.items():
        corpus = load_corpus(path)
        articles = corpus.units("article")["text"].tolist()[:limit]
        paragraphs = corpus.paragraphs["text"].tolist()
        long = window.overflowing(articles)
        pieces = sum(len(window_pieces(articles[i], window.fits)) for i in long)
        cut = _median_seconds(lambda: embedder._encode_within_window(articles), repeat)
        split = _median_seconds(lambda: embedder.encode(articles), repeat)
        whole, averaged = embedder._encode_within_window(articles), embedder.encode(articles)
        report = embed_units(corpus, "article", cached)[:len(articles)]  # the paragraphs' weighted mean
        rows.append({
            "corpus": name, "backend": embedder.backend_, "articles": len(articles), "over the window": len(long),
            "pieces of those": pieces, "cut at the window (s)": cut, "split into pieces (s)": split,
            "cosine to the report's vector, cut (median)": round(float(np.median((whole * report).sum(axis=1))), 3),
            "cosine to the report's vector, split (median)": round(float(np.median((averaged * report).sum(axis=1))), 3),
            "paragraphs": len(paragraphs), "paragraphs over the window": len(window.overflowing(paragraphs)),
            "finding them (s)": _median_seconds(lambda: window.overflowing(paragraphs), repeat),
        })
    return rows


def main() -> None:
    from benchmarks.run import markdown_table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None, help="the first LIMIT articles of each corpus")
    parser.add_argument("--backend", default="onnx")
    args = parser.parse_args()
    print(markdown_table(measure(args.repeat, args.limit, args.backend)))


if __name__ == "__main__":
    main()
