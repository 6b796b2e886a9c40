"""Would a small trained line classifier find the article body in page text better than the rules?

``python -m benchmarks.ingest_line_model [--pages DIR]`` splits the development pages
(``../shared/data/pages``) into the two halves by site that ``benchmarks.ingest`` uses (A, B),
trains a classifier on one half and scores it on the other, next to the page-text rules
on the same pages. Each block of a page's text dump is one example; its label is "article"
when the gold body holds it (or 80 % of its words, for blocks of four words or more).
Features are generic, never a site's string: length, punctuation, capitals, digits, position
in the page and relative to the rules' body span, whether a chrome rule named it, whether
it is prose, its neighbours' length and prose, repetition on the page, and the rules' own
decision. Models: logistic regression and a small gradient-boosted tree ensemble
(scikit-learn, fixed seed). Columns as in ``benchmarks.ingest`` (body kept, chrome removed).

It is an experiment, not a shipped model: ingest keeps the rules unless a model beats them
on the held-out half in both directions.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

from benchmarks.ingest import DEFAULT_PAGES, score, split_of, words


def page_examples(text: str, gold_body: list[str], repeated) -> tuple[list[list[float]], list[bool], list[bool], list[str]]:
    """(features, labels, rules' decisions, blocks) of one page's text dump."""
    from topics.ingest import boilerplate as bp
    from topics.ingest.lines import is_sentence
    from topics.ingest.pagetext import page_layout
    from topics.ingest.prose import is_prose, title_case

    blocks = bp.split_blocks(text)
    reasons = bp.mark_gallery_slides(blocks, [bp.chrome_reason(b, repeated) for b in blocks])
    blocks, reasons = bp.rejoin_split_paragraphs(blocks, reasons)
    counts = [bp.word_count(b) for b in blocks]
    layout = page_layout(blocks, reasons, counts)
    cleaned = bp.clean_article(text, repeated, find_header=True)
    kept = {t for _, t in cleaned.paragraphs} | {s for s, _ in cleaned.paragraphs if s}
    gold, gold_words = set(gold_body), words("\n".join(gold_body))
    prose = [is_prose(b, counts[i], reasons[i]) for i, b in enumerate(blocks)]
    first, last = (layout.first, layout.last) if layout else (0, -1)
    n, repeats = len(blocks), Counter(blocks)

    def around(j: int, value) -> float:
        return float(value(j)) if 0 <= j < n else 0.0

    features, labels, rules = [], [], []
    for i, block in enumerate(blocks):
        distance = 0 if first <= i <= last else (first - i if i < first else i - last)
        letters = sum(ch.isalpha() for ch in block) or 1
        features.append([float(v) for v in (
            math.log1p(counts[i]), math.log1p(len(block)), is_sentence(block), title_case(block),
            block.rstrip()[-1:] in ".!?\"”'", sum(ch.isdigit() for ch in block) / len(block),
            sum(ch.isupper() for ch in block) / letters, reasons[i] is not None, prose[i],
            first <= i <= last, math.log1p(distance), i / n,
            around(i - 1, lambda j: math.log1p(counts[j])), around(i + 1, lambda j: math.log1p(counts[j])),
            around(i - 1, lambda j: prose[j]), around(i + 1, lambda j: prose[j]),
            around(i - 2, lambda j: prose[j]), around(i + 2, lambda j: prose[j]),
            around(i - 1, lambda j: reasons[j] is not None), around(i + 1, lambda j: reasons[j] is not None),
            repeats[block] > 1, block in kept, block.count(",") / max(counts[i], 1),
            block.endswith(("…", "...")), block[:1].islower(),
        )])
        block_words = words(block)
        total = sum(block_words.values())
        labels.append(block in gold or (counts[i] >= 4 and total > 0 and sum((block_words & gold_words).values()) >= 0.8 * total))
        rules.append(block in kept)
    return features, labels, rules, blocks


def run(pages_dir: Path = DEFAULT_PAGES) -> list[dict]:
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    from topics.ingest.boilerplate import split_blocks
    from topics.ingest.repeats import Repeats

    pages = [json.loads(line) for line in (pages_dir / "gold.jsonl").open(encoding="utf-8")]
    texts = {p["id"]: (pages_dir / "txt" / f"{p['id']}.txt").read_text(encoding="utf-8") for p in pages}
    page_words = {pid: words(text) for pid, text in texts.items()}
    repeated = Repeats.of([split_blocks(texts[p["id"]]) for p in pages])  # as load_corpus sees the folder
    examples = {p["id"]: page_examples(texts[p["id"]], p["body"], repeated) for p in pages}
    rows = []
    for train, test in (("A", "B"), ("B", "A")):
        train_ids = [p["id"] for p in pages if split_of(p) == train]
        test_pages = [p for p in pages if split_of(p) == test]
        x = np.array([f for pid in train_ids for f in examples[pid][0]])
        y = np.array([label for pid in train_ids for label in examples[pid][1]])
        models = {
            "rules": None,
            "logistic regression": LogisticRegression(max_iter=2000),
            "boosted trees": HistGradientBoostingClassifier(max_depth=4, max_iter=100, random_state=0),
        }
        for name, model in models.items():
            if model is not None:
                model.fit(x, y)
            outputs = {}
            for page in test_pages:
                features, _, rules, blocks = examples[page["id"]]
                keep = rules if model is None else model.predict(np.array(features))
                outputs[page["id"]] = {"title": None, "date": None, "text": "\n".join(b for b, k in zip(blocks, keep) if k)}
            result = score(test_pages, outputs, page_words)
            rows.append({"trained on": train if model is not None else "–", "tested on": test, "lines kept by": name,
                         "body kept": result["body kept"], "chrome removed": result["chrome removed"]})
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    args = parser.parse_args(argv)
    rows = run(args.pages)
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(f"{v:.1%}" if isinstance(v, float) else str(v) for v in row.values()) + " |")


if __name__ == "__main__":
    sys.exit(main())
