"""Tables a fitted ``Themes`` answers with: assignments, scores, memberships, per-theme evidence
counts, a theme's units and the near misses.

Read-only views as DataFrames; mixed into :class:`topics.themes.guided.Themes`.
May import: numpy, pandas, :mod:`topics.validate`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from topics.validate import check_count

# A unit this far above the null's centre, or with a keyword, is a near miss when below the threshold.
NEAR_MISS_Z = 1.0


class ThemeTables:
    def assignments(self) -> pd.DataFrame:
        """One row per unit: unit_id, article_id, theme (primary; None = under no theme), themes (every
        theme it is under, "; "-joined, the primary first), score (:meth:`unit_scores`: its primary theme's
        score; under no theme, its best score, below the threshold), confidence (its primary theme's
        score, 0 under no theme), nearest_theme (the best-scoring theme even when below the threshold;
        with article context, not always the primary one), text. ``topics themes --json`` gives the same
        ``score``."""
        self._check_fitted()
        units = self.units_
        best = self.scores_.argmax(axis=1)
        return pd.DataFrame(
            {
                "unit_id": units["unit_id"].to_numpy(),
                "article_id": _column(units, "article_id"),
                # object, so that a unit under no theme is None (pandas would make it NaN in a string column)
                "theme": pd.Series(self.predicted_themes_, dtype=object),
                "themes": self.unit_themes_,
                "score": self.unit_scores(),
                "confidence": self.confidence_,
                "nearest_theme": pd.Series([self.theme_names_[i] for i in best], dtype=object),
                "text": units["text"].to_numpy(),
            }
        )

    def unit_scores(self) -> np.ndarray:
        """(n,) one score per unit: its primary theme's (the theme ``assignments().theme`` names, which with
        article context is not always the one it scores highest on); under no theme, the highest score it
        reached, below the threshold. A score of exactly the threshold says the unit was placed by its
        context (a seed beside it, its article, its nearest units), its own evidence falling short
        (``memberships().admitted``)."""
        self._check_fitted()
        rows = np.arange(len(self.labels_))
        return np.where(self.labels_ >= 0, self.scores_[rows, np.maximum(self.labels_, 0)], self.scores_.max(axis=1, initial=0.0))

    def theme_scores(self) -> pd.DataFrame:
        """unit_id plus one score column per theme (in [0, 1]; a unit is under every theme it scores
        ``threshold`` or more on). A unit without evidence of its own for a theme (no keyword of it in context, not
        close enough in meaning, no seed beside it) scores below the threshold whatever its learned model says: from
        0.9 of the threshold up, its score is what it would have scored pressed into 0.9 to 0.95 of the threshold
        (:func:`topics.themes.evidence_record.below_threshold`), so the scores below the threshold still rank the
        units by their evidence."""
        self._check_fitted()
        frame = pd.DataFrame(self.scores_, columns=self.theme_names_)
        frame.insert(0, "unit_id", self.units_["unit_id"].to_numpy())
        return frame

    def memberships(self) -> pd.DataFrame:
        """Long table, one row per (unit, theme) it is under: unit_id, article_id, theme, score, evidence
        ("keywords", "similarity" or "learning": what put it there), admitted (the same with learning's
        paths told apart: "learned" by the model with evidence of the unit's own; "neighbour", "word among
        members", "closest among members" and "article" place a unit whose own score falls short, at a
        score of exactly the threshold), primary (its primary theme)."""
        self._check_fitted()
        from topics.themes.evidence import ADMITTED_NAMES, SOURCE_NAMES

        rows, columns = np.nonzero(self.memberships_)
        article_ids = _column(self.units_, "article_id")
        return pd.DataFrame(
            {
                "unit_id": self.units_["unit_id"].to_numpy()[rows],
                "article_id": article_ids[rows],
                "theme": [self.theme_names_[c] for c in columns],
                "score": self.scores_[rows, columns],
                "evidence": [SOURCE_NAMES[int(s)] for s in self.sources_[rows, columns]],
                "admitted": [ADMITTED_NAMES[int(a)] for a in self.admitted_[rows, columns]],
                "primary": self.labels_[rows] == columns,
            }
        )

    def theme_info(self) -> pd.DataFrame:
        """One row per theme: its units (all, and those it is the primary theme of), articles, where the
        evidence came from (keywords / similarity / learning), near misses, and the score distribution."""
        from topics.themes.evidence import SOURCE_KEYWORDS, SOURCE_LEARNING, SOURCE_SIMILARITY

        self._check_fitted()
        units = self.units_
        article_ids = _column(units, "article_id")
        left = getattr(self, "left_to_siblings_", None)
        rows = []
        for index, theme in enumerate(self.themes_):
            members = np.flatnonzero(self.memberships_[:, index])
            member_scores = self.scores_[members, index]
            quantiles = np.quantile(member_scores, [0, 0.25, 0.5, 0.75, 1]) if len(members) else [np.nan] * 5
            sources = self.sources_[members, index]
            rows.append(
                {
                    "theme": theme.name,
                    "n_units": len(members),
                    "n_primary": int((self.labels_ == index).sum()),
                    "share": len(members) / len(units) if len(units) else 0.0,
                    "n_articles": len(pd.unique(article_ids[members])),
                    "from_keywords": int((sources == SOURCE_KEYWORDS).sum()),
                    "from_similarity": int((sources == SOURCE_SIMILARITY).sum()),
                    "from_learning": int((sources == SOURCE_LEARNING).sum()),
                    "n_near_misses": int(self._near_miss_mask(index).sum()),
                    # Placed on meaning alone, then left as a sibling subject's (topics.themes.siblings).
                    "n_left_to_siblings": int(left[:, index].sum()) if left is not None else 0,
                    "n_seeds": int(self.n_seeds_[index]),
                    "learned": bool(not np.isnan(self.intercept_[index])),
                    "score_min": quantiles[0],
                    "score_q25": quantiles[1],
                    "score_median": quantiles[2],
                    "score_q75": quantiles[3],
                    "score_max": quantiles[4],
                    "mean_confidence": float(member_scores.mean()) if len(members) else np.nan,
                    "aliases_found": self._aliases_found(index, members),
                    "unit_ids": units["unit_id"].to_numpy()[members].tolist(),
                    "article_ids": list(pd.unique(article_ids[members])),
                }
            )
        return pd.DataFrame(rows)

    def theme_units(self, theme: str, primary_only: bool = False) -> pd.DataFrame:
        """The units under one theme, the most certain first: highest score, then the strongest
        calibrated similarity (precision-oriented representatives come first)."""
        index = self._theme_index(theme)
        table = self.assignments()
        inside = (self.labels_ == index) if primary_only else self.memberships_[:, index]
        table = table.assign(score=self.scores_[:, index], evidence_z=self.z_scores_[:, index])[inside]
        table = table.sort_values(["score", "evidence_z"], ascending=False, kind="stable")
        return table.drop(columns="evidence_z").reset_index(drop=True)

    def near_misses(self, n: int = 5) -> pd.DataFrame:
        """Per theme, up to ``n`` units just below it: some evidence (a keyword, or a calibrated similarity
        above the null's typical unit) but a score under the threshold, best first: by score (a unit without
        evidence of its own keeps the order of what it would have scored, :meth:`theme_scores`), then by
        ``similarity_z``, its calibrated similarity to the theme (spreads above the corpus's typical unit). They show
        what the theme file may be missing, or what it rightly leaves out."""
        n = check_count(n, "near_misses(n)")
        self._check_fitted()
        rows = []
        article_ids = _column(self.units_, "article_id")
        for index, name in enumerate(self.theme_names_):
            outside = np.flatnonzero(self._near_miss_mask(index))
            ranked = outside[np.lexsort((-self.z_scores_[outside, index], -self.scores_[outside, index]))][:n]
            for rank, unit in enumerate(ranked, 1):
                assigned = self.labels_[unit]
                rows.append(
                    {
                        "theme": name,
                        "rank": rank,
                        "unit_id": self.units_["unit_id"].iloc[unit],
                        "article_id": article_ids[unit],
                        "score": float(self.scores_[unit, index]),
                        "similarity_z": float(self.z_scores_[unit, index]),
                        "assigned_theme": self.theme_names_[assigned] if assigned >= 0 else None,
                        "text": self.units_["text"].iloc[unit],
                    }
                )
        columns = ["theme", "rank", "unit_id", "article_id", "score", "similarity_z", "assigned_theme", "text"]
        table = pd.DataFrame(rows, columns=columns)
        # pandas turns None beside strings into NaN, which JSON writers print as "nan": keep None.
        table["assigned_theme"] = table["assigned_theme"].astype(object).where(table["assigned_theme"].notna(), None)
        return table

    def _near_miss_mask(self, index: int) -> np.ndarray:
        some_evidence = self.keyword_hits_[:, index] | (self.z_scores_[:, index] >= NEAR_MISS_Z)
        return some_evidence & ~self.memberships_[:, index]


def _column(units: pd.DataFrame, name: str) -> np.ndarray:
    return units[name].to_numpy() if name in units.columns else np.full(len(units), None, dtype=object)


def theme_counts(row) -> dict:
    """The counts of one ``theme_info()`` row as plain data, for every JSON that lists themes."""
    return {
        "n_units": int(row.n_units),
        "n_primary": int(row.n_primary),
        "n_articles": int(row.n_articles),
        "evidence": {
            "keywords": int(row.from_keywords),
            "similarity": int(row.from_similarity),
            "learning": int(row.from_learning),
        },
        "n_near_misses": int(row.n_near_misses),
        "n_left_to_siblings": int(row.n_left_to_siblings),
    }
