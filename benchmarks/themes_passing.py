"""Passing mentions on the Lee corpus: what tells a unit placed on one keyword said in passing from a short item on the theme.

Fits the analyst's themes (``themes_data/abc_themes.toml``) on the Lee corpus's 544 paragraphs (as
``benchmarks/themes_abc.py``, whose docstring says how to write the corpus) with the defaults, takes every
(paragraph, theme) pair placed on its keywords whose paragraph holds one distinct keyword of the theme
(``topics.themes.corroboration.distinct_keywords``), and reads each signal against the hand labels
(``themes_data/abc_read_labels.csv``): right and wrong pairs on either side of it.

- ``lead``: a hit of the keyword is in the paragraph's first sentence (the keyword's salience;
  ``topics.themes.salience``), for all such pairs and for a common word only (not a name);
- ``article``: another paragraph of its article holds a keyword of the theme (article-level evidence;
  paragraphs alone in their article have none to give and are counted apart);
- ``lead theme``: the lead sentence, embedded and calibrated on the fit's null of each theme, is closest to the
  pair's theme and at least as close as the typical unit (what ``topics.themes.salience.lead_elsewhere`` reads),
  for the pairs whose keyword is outside the lead;
- ``topic share >= 0.5`` / ``>= 0.3``: at least that share of the other units of its discovered topic are
  under the theme (competing explanations: the corpus's own structure against the theme), with the topics of
  ``TopicModel(random_state=42)`` and with 60 clusters of average-linkage agglomerative clustering (cosine)
  for a finer grain.

Run: ``TOPICS_CACHE_DIR=<cache> python -m benchmarks.themes_passing <lee.jsonl>``
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from benchmarks.paths import ROOT  # also sets the offline settings

DATA = ROOT / "benchmarks" / "themes_data"


def pairs(path) -> pd.DataFrame:
    """One row per labelled pair placed on the keywords of a paragraph holding one keyword of the theme."""
    from sklearn.cluster import AgglomerativeClustering

    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.modeling.model import TopicModel
    from topics.text import aliases as lex
    from topics.themes.corroboration import distinct_keywords
    from topics.themes.evidence import SOURCE_KEYWORDS
    from topics.themes.guided import Themes
    from topics.themes.keywords import without_templates
    from topics.themes.calibration import calibrate
    from topics.themes.salience import lead_sentences

    corpus = load_corpus(path)
    embedder = Embedder(show_progress=False)
    units = corpus.units("paragraph")
    vectors = embed_units(corpus, "paragraph", embedder)
    themes = Themes(DATA / "abc_themes.toml").fit(units, vectors, embedder)
    labels = pd.read_csv(DATA / "abc_read_labels.csv").set_index(["unit_id", "theme"])["about"].to_dict()
    texts = without_templates(units["text"].tolist(), themes.template_sentences_)
    leads = lead_sentences(texts)
    lead = lex.alias_hits(leads, themes.aliases_, themes._capital_columns)
    centre, spread = calibrate(themes.similarity_.astype(np.float64), themes.keyword_hits_)
    lead_z = (np.asarray(embedder.encode(leads), dtype=np.float64) @ themes.prototypes_.astype(np.float64).T - centre) / spread
    groups = {"topic": TopicModel(random_state=42).fit(units["text"].tolist(), embeddings=vectors).labels_,
              "cluster": AgglomerativeClustering(n_clusters=60, metric="cosine", linkage="average").fit_predict(vectors)}
    ids, articles = units["unit_id"].to_numpy(), units["article_id"].to_numpy()
    rows = []
    for index, name in enumerate(themes.theme_names_):
        columns = themes._alias_columns[index]
        hits = themes._alias_hits[:, columns]
        alone = distinct_keywords(hits, themes._alias_within[index]) == 1
        member = themes.memberships_[:, index]
        for unit in np.nonzero(member & alone & (themes.sources_[:, index] == SOURCE_KEYWORDS))[0]:
            if (ids[unit], name) not in labels:
                continue
            found = [c for c, hit in zip(columns, hits[unit]) if hit]
            others = np.nonzero((articles == articles[unit]) & (np.arange(len(ids)) != unit))[0]
            row = {"theme": name, "unit_id": ids[unit], "about": labels[ids[unit], name],
                   "common": not any(themes._named(c) for c in found), "lead": bool(lead[unit, found].any()),
                   "article": bool(themes.keyword_hits_[others, index].any()) if len(others) else None,
                   "lead_theme": bool(lead_z[unit].argmax() == index and lead_z[unit, index] >= 0.0)}
            for group, assigned in groups.items():
                same = np.nonzero((assigned == assigned[unit]) & (np.arange(len(ids)) != unit))[0]
                row[f"{group}_share"] = float(member[same].mean()) if len(same) else 0.0
            rows.append(row)
    return pd.DataFrame(rows)


def signals(frame: pd.DataFrame) -> pd.DataFrame:
    """Per signal and side, the right and wrong pairs."""
    common = frame[frame["common"]]
    sides = [("lead (all)", frame, frame["lead"]), ("lead (common words)", common, common["lead"]),
             ("article holds a keyword", frame[frame["article"].notna()], frame["article"].dropna().astype(bool))]
    outside = frame[~frame["lead"]]
    sides.append(("lead theme (keyword outside the lead)", outside, outside["lead_theme"]))
    for group in ("topic", "cluster"):
        for share in (0.5, 0.3):
            sides.append((f"{group} share >= {share}", frame, frame[f"{group}_share"] >= share))
    rows = []
    for name, part, kept in sides:
        kept = kept.reindex(part.index).astype(bool)
        rows.append({"signal": name, "pairs": len(part), "right, with": int((part["about"] == 1)[kept].sum()),
                     "wrong, with": int((part["about"] == 0)[kept].sum()),
                     "right, without": int((part["about"] == 1)[~kept].sum()),
                     "wrong, without": int((part["about"] == 0)[~kept].sum())})
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m benchmarks.themes_passing <articles.jsonl>", file=sys.stderr)
        return 2
    frame = pairs(argv[0])
    print(signals(frame).to_string(index=False))
    print()
    print(frame.round(2).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
