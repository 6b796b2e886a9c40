"""A late-interaction second look (ColBERT-style MaxSim on MiniLM's token vectors), measured against
the default Index on the graded story questions.

``python -m benchmarks.late_interaction --cache-dir <cache> [--only nyt [--questions FILE]] [--candidates 20]`` prints one
line per question set, MaxSim form and weight: nDCG@10, precision@5 of possible and the same counting
folded copies (``benchmarks.search`` defines the questions and the metrics), and the CPU time of the
token vectors.

No cross-encoder (a model that reads query and article together) ships its weights in a package, so
this is the nearest reader of both that the bundled model allows. The query and each candidate
article's paragraphs are run through the full-precision ONNX export of the default model; its last
hidden states (one vector per word piece, [CLS] and [SEP] left out, unit length) are compared
token by token. Each of the query's content word pieces (stop words and punctuation left out) takes
its best cosine among the article's word pieces, and the query's score is their mean:

- whole: the best match anywhere in the article;
- paragraph: the best paragraph's mean (every query piece matched within one paragraph);
- paragraphs: its best three paragraphs' means weighted 1, 0.25, 0.15 (like the Index's cosines).

The default Index's ``candidates`` best stories are ordered again by their score + ``weight`` x the
MaxSim score; weight 0 is the Index as shipped. Not in the Index (see docs/benchmarks.md, "Lookup
that finds the story").
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import numpy as np

from benchmarks.search import STORY_SETS, _story_metrics

FORMS = ("whole", "paragraph", "paragraphs")
WEIGHTS = (0.0, 0.5, 1.0, 2.0, 4.0)


class TokenVectors:
    """Unit-length last hidden states of the full-precision ONNX export, one row per word piece."""

    def __init__(self, cache_dir: str):
        from topics.embedding.embed import Embedder
        from topics.text.wording import stop_words

        self.encoder = Embedder(backend="onnx-fp32", cache_dir=cache_dir, show_progress=False).onnx_encoder
        self.stop = stop_words()
        self._articles: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def text(self, text: str, content_only: bool = False) -> np.ndarray:
        encoding = self.encoder.tokenizer.encode(text)
        ids = np.asarray([encoding.ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.asarray([encoding.type_ids], dtype=np.int64)}
        hidden = self.encoder.session.run(None, {k: v for k, v in feeds.items() if k in self.encoder.input_names})[0][0][1:-1]
        if content_only:
            hidden = hidden[self._content(encoding.tokens[1:-1])]
        return (hidden / np.linalg.norm(hidden, axis=1, keepdims=True)).astype(np.float32)

    def _content(self, pieces: list[str]) -> list[int]:
        """Positions of word pieces that are neither punctuation nor a whole stop word."""
        keep = []
        for i, piece in enumerate(pieces):
            whole_word = not piece.startswith("##") and not (i + 1 < len(pieces) and pieces[i + 1].startswith("##"))
            if (piece.isalnum() or piece.startswith("##")) and not (whole_word and piece.lower() in self.stop):
                keep.append(i)
        return keep

    def article(self, article_id: str, paragraphs: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(token vectors of every paragraph, paragraph start rows with the end appended), kept per article."""
        if article_id not in self._articles:
            vectors = [self.text(p) for p in paragraphs]
            bounds = np.cumsum([0, *map(len, vectors)])
            self._articles[article_id] = (np.concatenate(vectors), bounds)
        return self._articles[article_id]


def maxsim(query: np.ndarray, tokens: np.ndarray, bounds: np.ndarray) -> dict[str, float]:
    """The three MaxSim forms (module notes) of one query against one article."""
    similarity = query @ tokens.T
    per_paragraph = np.maximum.reduceat(similarity, bounds[:-1], axis=1).mean(axis=0)
    best = np.sort(per_paragraph)[::-1][:3]
    return {"whole": float(similarity.max(axis=1).mean()), "paragraph": float(best[0]),
            "paragraphs": float(np.dot(best, (1.0, 0.25, 0.15)[: len(best)]))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache-dir", default=os.environ.get("TOPICS_CACHE_DIR", "artifacts/cache"))
    parser.add_argument("--only", action="append", default=[], help="question sets whose corpus file name holds this (repeatable)")
    parser.add_argument("--candidates", type=int, default=20, help="stories of the default Index ordered again")
    parser.add_argument("--questions", type=Path, help="another question file for the one set chosen with --only")
    args = parser.parse_args(argv)
    if args.questions and len(args.only) != 1:
        parser.error("--questions needs one --only")
    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.search.index import Index
    from topics.text.alias_mining import mine_aliases

    embedder = Embedder(cache_dir=args.cache_dir, show_progress=False)
    tokens = TokenVectors(args.cache_dir)
    for corpus_path, questions_path in STORY_SETS:
        if args.only and not any(name in corpus_path.name for name in args.only):
            continue
        if not corpus_path.exists():  # a corpus not shipped (the Guardian Ukraine CSV) is skipped
            continue
        questions_path = args.questions or questions_path
        questions = [json.loads(line) for line in questions_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        corpus = load_corpus(corpus_path)
        units = corpus.units("paragraph")
        index = Index(units, embed_units(corpus, "paragraph", embedder), embedder, aliases=mine_aliases(units["text"].tolist()))
        results = index.search_many([q["query"] for q in questions], k=args.candidates)
        paragraphs = units.groupby("article_id", sort=False)["text"].apply(list).to_dict()
        started = time.process_time()
        scored = []
        for result, question in zip(results, questions):
            query = tokens.text(question["query"], content_only=True)
            scored.append([maxsim(query, *tokens.article(a, paragraphs[a])) for a in result["article_id"]])
        cpu_s = time.process_time() - started
        print(f"{corpus_path.name[:24]}: token vectors and MaxSim {cpu_s:.0f} CPU s for {len(questions)} questions "
              f"({args.candidates} candidate stories each)", flush=True)
        for form in FORMS:
            for weight in WEIGHTS if form == FORMS[0] else WEIGHTS[1:]:
                metrics = []
                for result, question, features in zip(results, questions, scored):
                    order = np.argsort(-(result["score"].to_numpy() + weight * np.array([f[form] for f in features])), kind="stable")
                    shown = [[result["article_id"].iloc[i], *result["also"].iloc[i]] for i in order]
                    metrics.append(_story_metrics(shown, question["relevant"]))
                mean = {name: float(np.mean([m[name] for m in metrics])) for name in metrics[0]}
                label = "default (no MaxSim)" if weight == 0 else f"{form} x {weight}"
                print(f"  {label:24s} nDCG@10 {mean['ndcg@10']:.3f}  p@5 {mean['p@5 of possible']:.3f}  "
                      f"folds counted {mean['p@5 of possible, folds counted']:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
