"""A guided model fitted in Python against the report's: ``TopicModel(themes=...).fit(corpus, level=...)`` and
``find_topics(corpus, level=..., themes=..., guided=True)`` on the ISAF press releases that repeat formulas
(tests/data/isaf_formulas.jsonl) under the analyst's ISAF themes (benchmarks/themes_data/isaf_themes.toml).

Per level: the units whose theme memberships differ, whether the topics and the vectors clustered are the same.

Run: ``TOPICS_CACHE_DIR=<cache> python -m benchmarks.guided_fit_paths``
"""

from __future__ import annotations

import numpy as np

from benchmarks.paths import ROOT  # also sets the offline settings


def main() -> int:
    from topics.embedding.embed import Embedder
    from topics.ingest.corpus import load_corpus
    from topics.modeling.model import TopicModel
    from topics.pipeline import find_topics

    embedder = Embedder()
    corpus = load_corpus(ROOT / "tests" / "data" / "isaf_formulas.jsonl")
    themes = ROOT / "benchmarks" / "themes_data" / "isaf_themes.toml"
    print("| level | units | theme memberships differ | same topics | same vectors clustered |")
    print("| --- | ---: | ---: | --- | --- |")
    for level in ("paragraph", "article"):
        report = find_topics(corpus, level=level, themes=themes, guided=True, embedder=embedder, random_state=0).model
        fitted = TopicModel(themes=themes, embedder=embedder, random_state=0).fit(corpus, level=level)
        differ = int((report.themes_.memberships_ != fitted.themes_.memberships_).any(axis=1).sum())
        print(f"| {level} | {len(fitted.labels_)} | {differ} | {np.array_equal(report.labels_, fitted.labels_)} | "
              f"{np.array_equal(report.embeddings_, fitted.embeddings_)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
