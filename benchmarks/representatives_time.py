"""The time to choose every topic's and subtopic's readable representatives, and a digest of those chosen.

One ``find_topics`` fit per corpus (paragraph level, ``random_state=42``; the samples of
:mod:`benchmarks.representatives`), then every group's representatives chosen as that benchmark chooses
them (:func:`topics.modeling.representatives.representative_units` with the texts): CPU seconds, median of
three, and a digest of the rows chosen (equal digests: the same representatives).

    python -m benchmarks.representatives_time [20 AG BBC ...]  (first words of the corpora's names; all by default)
"""

from __future__ import annotations

import hashlib
import statistics
import sys
import time

import numpy as np

from benchmarks.representatives import fitted, groups


def chosen_rows(model, texts: list[str]) -> list[list[int]]:
    from topics.modeling.representatives import representative_units

    found = []
    for _, rows, centre in groups(model):
        args = (np.zeros(len(rows)), np.array([0]), model.embeddings_[rows], centre[None, :], model.n_representatives)
        found.append(rows[representative_units(*args, [texts[i] for i in rows])[0]].tolist())
    return found


def main(argv: list[str]) -> None:
    for name, model, texts in fitted(argv):
        times = []
        for _ in range(3):
            start = time.process_time()
            found = chosen_rows(model, texts)
            times.append(time.process_time() - start)
        digest = hashlib.blake2b(repr(found).encode(), digest_size=6).hexdigest()
        print(f"| {name} | {len(texts):,} | {len(found)} | {statistics.median(times):.3f} | {digest} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
