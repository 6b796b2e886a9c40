"""Guided themes contrasted with the corpus's discovered topics: a placement in a topic mostly off the theme (measured).

A theme's wrong placements are mostly units of a subject the file does not declare, next door to the theme (Mac
hardware beside PC hardware, hockey beside baseball, the dollar beside interest rates). Clustering the whole corpus
finds such subjects without being told. The contrast measured here: for each theme, a discovered topic's *theme
share* is the share of its units placed under the theme; a placement in a topic whose theme share is under
``DROP_BELOW`` (1/3) is taken for the neighbouring subject's and dropped; with ``--add``, an unplaced unit whose
closest theme (calibrated closeness ``z_scores_``) is the theme, in a topic at least ``ADD_FROM`` (1/2) under the
theme, is added. Outlier units (topic -1) are left as they are.

Discovered topics, each variant a post-filter on the same ``Themes`` fit:

- ``topics``: ``TopicModel(random_state=42)`` on the units and their vectors (the topics ``topics report`` shows);
- ``kmeans k=K seed=S``: k-means on the normalised vectors, k = sqrt(n/2), sqrt(n), sqrt(2n), seeds 0-2;
- ``consensus``: the theme share averaged over those nine clusterings (each unit's share in its own cluster).

Checks: the 20 Newsgroups day-one files of ``benchmarks.themes_dayone`` (file a; file b taken to fit), graded by
newsgroup, and the BBC day-one file of ``benchmarks.themes_bbc_dayone`` (read samples: precision of the read
placed paragraphs, and the share of the read-right ones kept; a unit added there is unread, so ``--add`` is not
graded on BBC).

Run: ``TOPICS_DATA_DIR=<data> TOPICS_CACHE_DIR=<cache> python -m benchmarks.themes_topic_contrast [--add]``
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from benchmarks.paths import SHARED_DATA  # noqa: F401  (sets the offline settings)

DROP_BELOW = 1 / 3
ADD_FROM = 1 / 2
K_FACTORS = (0.5, 1.0, 2.0)
SEEDS = (0, 1, 2)


def clusterings(vectors: np.ndarray, texts: list[str]) -> dict[str, np.ndarray]:
    """Discovered topics per variant: the topic model's, and k-means at three sizes and three seeds."""
    from sklearn.cluster import KMeans

    from topics import TopicModel

    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    found = {"topics": TopicModel(random_state=42).fit(texts, embeddings=vectors).labels_}
    for factor in K_FACTORS:
        k = int(round(np.sqrt(len(unit) * factor)))
        for seed in SEEDS:
            found[f"kmeans k={k} seed={seed}"] = KMeans(k, n_init=4, random_state=seed).fit_predict(unit)
    return found


def theme_share(placed: np.ndarray, topic: np.ndarray) -> np.ndarray:
    """Each unit's topic's share of units placed under the theme (NaN for outliers)."""
    share = np.full(len(placed), np.nan)
    for label in np.unique(topic[topic >= 0]):
        inside = topic == label
        share[inside] = placed[inside].mean()
    return share


def contrasted(member: np.ndarray, z: np.ndarray, shares: dict, add: bool) -> dict[str, np.ndarray]:
    """The memberships after the contrast, per variant (``consensus``: the k-means shares averaged)."""
    closest = z.argmax(axis=1)
    per_variant = {name: np.column_stack([theme_share(member[:, t], topic) for t in range(member.shape[1])])
                   for name, topic in shares.items()}
    kmeans = [share for name, share in per_variant.items() if name.startswith("kmeans")]
    per_variant["consensus"] = np.mean(kmeans, axis=0)
    result = {"as fitted": member}
    for name, share in per_variant.items():
        low = np.nan_to_num(share, nan=1.0) < DROP_BELOW
        new = member & ~low
        if add:
            high = np.nan_to_num(share, nan=0.0) >= ADD_FROM
            new |= ~member & high & (closest[:, None] == np.arange(member.shape[1])[None, :])
        result[name] = new
    return result


def newsgroup_rows(check: str, add: bool) -> list[dict]:
    from benchmarks import themes_dayone as dayone
    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus
    from topics.themes import corpus_fit
    from topics.themes.guided import Themes

    theme_file, seed, groups, taken_to_fit = dayone.CHECKS[check]
    messages = dayone.sample(seed)
    corpus = load_corpus(messages)
    units = corpus.units("article")
    embedder = Embedder(show_progress=False)
    vectors = embed_units(corpus, "article", embedder)
    checking, corpus_fit.CHECK_FIT = corpus_fit.CHECK_FIT, corpus_fit.CHECK_FIT and not taken_to_fit
    try:
        fitted = Themes(dayone.DATA / theme_file).fit(units, vectors, embedder)
    finally:
        corpus_fit.CHECK_FIT = checking
    labels = units["article_id"].map(messages.set_index("id")["label"]).to_numpy()
    variants = contrasted(fitted.memberships_, fitted.z_scores_, clusterings(vectors, units["text"].tolist()), add)
    rows = []
    for variant, member in variants.items():
        for column, name in enumerate(fitted.theme_names_):
            placed, gold = member[:, column], labels == groups[name]
            right = int((placed & gold).sum())
            rows.append({"check": check, "variant": variant, "theme": name, "placed": int(placed.sum()),
                         "P": round(right / max(placed.sum(), 1), 3), "R": round(right / gold.sum(), 3)})
    return rows


def bbc_rows() -> list[dict]:
    from benchmarks import themes_bbc_dayone as bbc
    from topics.embedding.embed import Embedder, embed_units
    from topics.themes.guided import Themes

    loaded = bbc.corpus()
    units = loaded.units("paragraph")
    vectors = embed_units(loaded, "paragraph", Embedder(show_progress=False))
    fitted = Themes(bbc.DATA / "bbc_dayone_themes.toml").fit(units, vectors)
    read = pd.read_csv(bbc.DATA / "bbc_dayone_read_labels.csv")
    row_of = pd.Series(np.arange(len(units)), index=units["unit_id"].to_numpy())
    variants = contrasted(fitted.memberships_, fitted.z_scores_, clusterings(vectors, units["text"].tolist()), False)
    rows = []
    for variant, member in variants.items():
        for column, name in enumerate(fitted.theme_names_):
            sample = read[read["theme"] == name]
            if sample.empty:
                continue
            placed = member[row_of.loc[sample["unit_id"]].to_numpy(), column]
            about = sample["about"].to_numpy().astype(bool)
            rows.append({"check": "bbc_dayone (read)", "variant": variant, "theme": name,
                         "placed": int(member[:, column].sum()),
                         "P": round(float(about[placed].mean()), 3) if placed.any() else None,
                         "R": round(float(placed[about].mean()), 3)})  # R here: read-right units kept
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--add", action="store_true", help="also add unplaced units in topics mostly under the theme")
    checks = ["newsgroups_dayone", "newsgroups_dayone_b_fit", "bbc_dayone"]
    parser.add_argument("--only", nargs="+", choices=checks, default=checks)
    args = parser.parse_args(argv)
    rows = []
    for check in args.only:
        rows += bbc_rows() if check == "bbc_dayone" else newsgroup_rows(check, args.add)
    table = pd.DataFrame(rows)
    table["P / R (placed)"] = [f"{p} / {r} ({n})" for p, r, n in zip(table["P"], table["R"], table["placed"])]
    for check, part in table.groupby("check", sort=False):
        wide = part.pivot_table(index="variant", columns="theme", values="P / R (placed)", aggfunc="first", sort=False)
        summary = part.groupby("variant", sort=False).agg(mean_P=("P", "mean"), mean_R=("R", "mean"))
        summary = summary.rename(columns={"mean_R": "mean kept"}) if check.endswith("(read)") else summary
        if not check.endswith("(read)"):  # on a read sample R is the share of read-right units kept, not recall
            met = part.assign(met=(part["P"] >= 0.85) & (part["R"] >= 0.6))
            summary["goal met"] = met.groupby("variant", sort=False)["met"].sum()
        print(f"== {check}")
        with pd.option_context("display.width", 250, "display.max_columns", 30, "display.max_colwidth", 24):
            print(wide.join(summary.round(3)).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
