"""CPU seconds of one ``headline_labels`` call on 5,000 NYT paragraphs, with a text material, called three times.

``python -m benchmarks.headline_call_cost``: the first call finds each text's material; the later ones read it as
a fit's later naming calls do (a topic's subtopics, a ``reduce_topics``). Topics are eight random groups and every
group is asked the same keywords: the cost of the label rules' reading, not a labelling.
"""

from __future__ import annotations

import gzip
import json
import time

import numpy as np

from benchmarks.paths import SHARED_DATA

N_TEXTS = 5000
N_GROUPS = 8


def main() -> int:
    from topics.modeling.describe import _stop_words
    from topics.modeling.headlines import headline_labels
    from topics.modeling.text_material import TextMaterial
    from topics.text.wording import is_junk_word, keyword_texts

    with gzip.open(SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz", "rt") as lines:
        written = [p for line in lines for p in json.loads(line)["text"].split("\n\n") if p.strip()][:N_TEXTS]
    material = TextMaterial()
    texts = keyword_texts(written, None, material)
    rng = np.random.default_rng(0)
    labels = rng.integers(0, N_GROUPS, len(texts))
    embeddings = rng.normal(size=(len(texts), 16))
    centres = np.stack([embeddings[labels == k].mean(axis=0) for k in range(N_GROUPS)])
    keywords = [["taliban", "kabul", "afghan"]] * N_GROUPS
    for call in range(3):
        started = time.process_time()
        headline_labels(texts, labels, np.arange(N_GROUPS), embeddings, centres, keywords, _stop_words(), is_junk_word,
                        material=material, written=written)
        print(f"call {call + 1}: {time.process_time() - started:.2f} CPU s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
