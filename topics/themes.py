"""Guided themes: the analyst names the themes, the toolkit finds their units.

How a unit is placed (``Themes.fit``):

1. Each theme becomes a prototype vector: its name, description and keywords
   embedded as one sentence with the corpus's own model, averaged with its
   example texts when it has some.
2. Lexical evidence: where the theme's name, keywords and aliases occur in the
   unit (whole words, idf-weighted, saturating; see :mod:`topics.aliases`).
   It carries what a small model does not know ("Daesh" is ISIS-K).
3. A unit's score for a theme is its cosine to the theme's centroid plus
   ``lexical_weight`` times that evidence. At paragraph level the scores of
   the neighbouring paragraphs of the same article count in, with
   ``context_weight``: a quote that continues the previous paragraph is about
   the same thing.
4. Seeded clustering: the centroids start at the prototypes and are
   re-estimated from the units the themes win (soft, temperature
   ``temperature``), kept anchored to the prototype by ``prototype_weight``,
   until they stop moving. So a theme learns what it covers in this corpus.
   A background component, the corpus's mean direction, competes with the
   themes, so that units about something no theme names stay unassigned
   instead of being pulled into the nearest theme.
5. Confidence = logistic((best score - background score) / temperature); a
   unit below ``threshold`` is unassigned.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from topics.errors import InputError, ModelMismatchError, TopicsError
from topics.validate import check_embeddings
from topics.themefile import Theme, load_themes

LEXICAL_MODES = ("aliases", "bm25", None)
_TOLERANCE = 1e-6


class Themes:
    """Assign units (paragraphs or articles) to themes the user declares.

    Parameters
    ----------
    themes:
        A TOML theme file path, or a list of dicts/``Theme`` objects with
        ``name`` and optional ``description``, ``keywords`` (or ``aliases``)
        and ``examples``.
    threshold:
        Minimum confidence in [0, 1] for a unit to be assigned; below it the
        unit is unassigned (theme ``None``, label -1).
    lexical:
        ``"aliases"`` (whole-word alias matches), ``"bm25"`` (BM25 of the
        aliases as a query) or ``None`` (meaning only).
    lexical_weight:
        How much a full lexical match adds to a cosine score.
    prototype_weight:
        Share of the declared prototype in a refined centroid (the rest comes
        from the corpus); 1 means no refinement.
    context_weight:
        Weight of the neighbouring paragraphs' scores (paragraph level only;
        0 to judge each paragraph alone).
    temperature:
        Softness of the assignment during refinement and of the confidence.
    max_iter:
        Most refinement rounds.
    random_state:
        Accepted for the estimator conventions; the assignment is deterministic.
    """

    def __init__(
        self,
        themes,
        *,
        threshold: float = 0.5,
        lexical: str | None = "aliases",
        lexical_weight: float = 0.2,
        prototype_weight: float = 0.3,
        context_weight: float = 0.5,
        temperature: float = 0.05,
        max_iter: int = 50,
        random_state: int | None = 42,
    ):
        self.themes = themes
        self.threshold = threshold
        self.lexical = lexical
        self.lexical_weight = lexical_weight
        self.prototype_weight = prototype_weight
        self.context_weight = context_weight
        self.temperature = temperature
        self.max_iter = max_iter
        self.random_state = random_state

    # ------------------------------------------------------------------ fit
    def fit(self, units: pd.DataFrame, embeddings: np.ndarray, embedder=None) -> "Themes":
        """Learn each theme's centroid from the corpus and assign every unit.

        ``embedder`` must be the model that made ``embeddings`` (default: the
        bundled model); it embeds the theme texts.
        """
        self._check_params()
        units, embeddings = _check_units(units, embeddings)
        self.themes_ = load_themes(self.themes)
        if embedder is None:
            from topics.embed import Embedder

            embedder = Embedder()
        self.model_id_ = getattr(embedder, "model_id", None)
        self.prototypes_ = self._prototypes(embedder, embeddings.shape[1])

        texts = units["text"].tolist()
        self.lexical_scores_ = self._lexical_fit(texts)
        self._neighbours = _neighbour_matrix(units)
        prototypes = self.prototypes_.astype(np.float64)
        vectors = embeddings.astype(np.float64)
        background = _normalise(vectors.mean(axis=0))
        centroids = prototypes.copy()
        for iteration in range(1, int(self.max_iter) + 1):
            scores, background_scores = self._scores(vectors, centroids, background, self.lexical_scores_, self._neighbours)
            responsibilities = _softmax(np.hstack([scores, background_scores[:, None]]) / self.temperature)
            new_centroids = self._refine(prototypes, responsibilities[:, :-1], vectors)
            moved = np.abs(new_centroids - centroids).max()
            centroids = new_centroids
            if moved < _TOLERANCE:
                break
        self.n_iter_ = iteration
        self.centroids_ = centroids.astype(np.float32)
        self.background_ = background.astype(np.float32)
        scores, background_scores = self._scores(vectors, centroids, background, self.lexical_scores_, self._neighbours)
        self._set_assignments(scores, background_scores)
        self.units_ = units.reset_index(drop=True)
        counts = np.bincount(self.labels_[self.labels_ >= 0], minlength=len(self.themes_))
        self.unmatched_themes_ = [name for name, count in zip(self.theme_names_, counts) if count == 0]
        return self

    def fit_predict(self, units: pd.DataFrame, embeddings: np.ndarray, embedder=None) -> np.ndarray:
        """Theme name per unit (``None`` = unassigned)."""
        return self.fit(units, embeddings, embedder).predicted_themes_

    def predict(self, units: pd.DataFrame, embeddings: np.ndarray) -> np.ndarray:
        """Theme name per new unit, with the centroids learned in fit (``None`` = unassigned)."""
        scores, background_scores = self._transform(units, embeddings)
        labels, _ = self._decide(scores, background_scores)
        return np.array([self.theme_names_[i] if i >= 0 else None for i in labels], dtype=object)

    def transform(self, units: pd.DataFrame, embeddings: np.ndarray) -> np.ndarray:
        """(n, n_themes) score of each new unit for each theme."""
        return self._transform(units, embeddings)[0]

    @property
    def theme_names_(self) -> list[str]:
        self._check_fitted()
        return [theme.name for theme in self.themes_]

    # ------------------------------------------------------------ results
    def assignments(self) -> pd.DataFrame:
        """One row per unit: unit_id, article_id, theme (None = unassigned), score, confidence,
        nearest_theme (the best theme even when below the threshold), text."""
        self._check_fitted()
        units = self.units_
        best = self.scores_.argmax(axis=1)
        return pd.DataFrame(
            {
                "unit_id": units["unit_id"].to_numpy(),
                "article_id": _column(units, "article_id"),
                "theme": self.predicted_themes_,
                "score": self.scores_[np.arange(len(best)), best],
                "confidence": self.confidence_,
                "nearest_theme": [self.theme_names_[i] for i in best],
                "text": units["text"].to_numpy(),
            }
        )

    def theme_scores(self) -> pd.DataFrame:
        """unit_id plus one score column per theme."""
        self._check_fitted()
        frame = pd.DataFrame(self.scores_, columns=self.theme_names_)
        frame.insert(0, "unit_id", self.units_["unit_id"].to_numpy())
        return frame

    def theme_info(self) -> pd.DataFrame:
        """One row per theme: its units and articles, and the distribution of their scores."""
        self._check_fitted()
        units = self.units_
        article_ids = _column(units, "article_id")
        rows = []
        for index, theme in enumerate(self.themes_):
            members = np.flatnonzero(self.labels_ == index)
            member_scores = self.scores_[members, index]
            quantiles = np.quantile(member_scores, [0, 0.25, 0.5, 0.75, 1]) if len(members) else [np.nan] * 5
            rows.append(
                {
                    "theme": theme.name,
                    "n_units": len(members),
                    "share": len(members) / len(units) if len(units) else 0.0,
                    "n_articles": len(pd.unique(article_ids[members])),
                    "score_min": quantiles[0],
                    "score_q25": quantiles[1],
                    "score_median": quantiles[2],
                    "score_q75": quantiles[3],
                    "score_max": quantiles[4],
                    "mean_confidence": float(self.confidence_[members].mean()) if len(members) else np.nan,
                    "aliases_found": self._aliases_found(index, members),
                    "unit_ids": units["unit_id"].to_numpy()[members].tolist(),
                    "article_ids": list(pd.unique(article_ids[members])),
                }
            )
        return pd.DataFrame(rows)

    def theme_units(self, theme: str) -> pd.DataFrame:
        """The units assigned to one theme, best score first."""
        index = self._theme_index(theme)
        table = self.assignments()
        table = table[self.labels_ == index].assign(score=self.scores_[self.labels_ == index, index])
        return table.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)

    def near_misses(self, n: int = 5) -> pd.DataFrame:
        """Per theme, the ``n`` highest-scoring units NOT assigned to it: what the theme
        file may be missing (or what another theme took)."""
        self._check_fitted()
        rows = []
        article_ids = _column(self.units_, "article_id")
        for index, name in enumerate(self.theme_names_):
            outside = np.flatnonzero(self.labels_ != index)
            ranked = outside[np.argsort(-self.scores_[outside, index], kind="stable")][:n]
            for rank, unit in enumerate(ranked, 1):
                assigned = self.labels_[unit]
                rows.append(
                    {
                        "theme": name,
                        "rank": rank,
                        "unit_id": self.units_["unit_id"].iloc[unit],
                        "article_id": article_ids[unit],
                        "score": float(self.scores_[unit, index]),
                        "assigned_theme": self.theme_names_[assigned] if assigned >= 0 else None,
                        "text": self.units_["text"].iloc[unit],
                    }
                )
        columns = ["theme", "rank", "unit_id", "article_id", "score", "assigned_theme", "text"]
        return pd.DataFrame(rows, columns=columns)

    def __repr__(self) -> str:
        if not hasattr(self, "labels_"):
            source = self.themes if isinstance(self.themes, str) else type(self.themes).__name__
            return f"Themes({source!r}, threshold={self.threshold})"
        assigned = int((self.labels_ >= 0).sum())
        return (
            f"Themes({len(self.themes_)} themes: {', '.join(self.theme_names_)}; "
            f"{assigned} of {len(self.labels_)} units assigned)"
        )

    def _repr_html_(self) -> str:
        from topics.display import themes_html
        return themes_html(self)

    # ------------------------------------------------------------ internals
    def _check_params(self) -> None:
        if not 0.0 <= self.threshold <= 1.0:
            raise InputError("Themes", f"threshold must be in [0, 1], got {self.threshold!r}")
        if self.lexical not in LEXICAL_MODES:
            raise InputError("Themes", f"lexical must be one of {LEXICAL_MODES}, got {self.lexical!r}")
        if not 0.0 <= self.prototype_weight <= 1.0:
            raise InputError("Themes", f"prototype_weight must be in [0, 1], got {self.prototype_weight!r}")
        if self.temperature <= 0:
            raise InputError("Themes", f"temperature must be positive, got {self.temperature!r}")
        if self.lexical_weight < 0 or self.context_weight < 0:
            raise InputError("Themes", "lexical_weight and context_weight must not be negative")
        if int(self.max_iter) < 1:
            raise InputError("Themes", f"max_iter must be at least 1, got {self.max_iter!r}")

    def _check_fitted(self) -> None:
        if not hasattr(self, "labels_"):
            raise TopicsError("this Themes is not fitted yet; call fit(units, embeddings) first")

    def _theme_index(self, theme: str) -> int:
        names = self.theme_names_
        if theme not in names:
            raise InputError("Themes", f"no theme named {theme!r} (themes: {', '.join(names)})")
        return names.index(theme)

    def _prototypes(self, embedder, dim: int) -> np.ndarray:
        texts = [theme.prototype_text for theme in self.themes_]
        examples = [example for theme in self.themes_ for example in theme.examples]
        vectors = np.asarray(embedder.encode(texts + examples), dtype=np.float64)
        if vectors.shape[1] != dim:
            raise ModelMismatchError(
                f"the theme texts were embedded with {self.model_id_} ({vectors.shape[1]} dimensions) "
                f"but the unit embeddings have {dim}; pass the embedder that made them"
            )
        prototypes = vectors[: len(texts)].copy()
        offset = len(texts)
        for index, theme in enumerate(self.themes_):
            if theme.examples:
                example_mean = vectors[offset : offset + len(theme.examples)].mean(axis=0)
                prototypes[index] = prototypes[index] + example_mean
                offset += len(theme.examples)
        return _normalise(prototypes).astype(np.float32)

    def _lexical_fit(self, texts: Sequence[str]) -> np.ndarray:
        from topics import aliases as lex

        self._alias_columns: list[list[int]] = []
        self.aliases_ = [alias for theme in self.themes_ for alias in theme.aliases]
        start = 0
        for theme in self.themes_:
            self._alias_columns.append(list(range(start, start + len(theme.aliases))))
            start += len(theme.aliases)
        self._alias_hits = lex.alias_hits(texts, self.aliases_)
        self.alias_weights_ = lex.alias_weights(self._alias_hits)
        return self._lexical(texts, self._alias_hits)

    def _lexical(self, texts: Sequence[str], hits: np.ndarray) -> np.ndarray:
        from topics import aliases as lex

        if self.lexical is None:
            return np.zeros((len(texts), len(self.themes_)))
        if self.lexical == "bm25":
            return lex.bm25_evidence(texts, [theme.aliases for theme in self.themes_])
        return lex.lexical_evidence(hits, self.alias_weights_, self._alias_columns)

    def _scores(self, vectors, centroids, background, lexical, neighbours):
        scores = vectors @ centroids.T + self.lexical_weight * lexical
        background_scores = vectors @ background
        if neighbours is not None and self.context_weight > 0:
            scores = _smooth(scores, neighbours, self.context_weight)
            background_scores = _smooth(background_scores[:, None], neighbours, self.context_weight)[:, 0]
        return scores, background_scores

    def _refine(self, prototypes, responsibilities, vectors) -> np.ndarray:
        # einsum: a (k, n) @ (n, dim) product with a strided operand is slow in threaded BLAS on busy cores.
        mass = np.einsum("nk,nd->kd", responsibilities, vectors)
        norms = np.linalg.norm(mass, axis=1, keepdims=True)
        corpus_part = mass / np.maximum(norms, 1e-12)
        # A theme that wins less than one unit's worth moves only that much,
        # instead of drifting to whatever it is least far from.
        won = responsibilities.sum(axis=0)[:, None]
        pull = (1.0 - self.prototype_weight) * np.minimum(won, 1.0)
        return _normalise((1.0 - pull) * prototypes + pull * corpus_part)

    def _decide(self, scores, background_scores):
        best = scores.argmax(axis=1)
        best_scores = scores[np.arange(len(best)), best]
        from scipy.special import expit  # the logistic function, without overflow warnings

        confidence = expit((best_scores - background_scores) / self.temperature)
        labels = np.where(confidence >= self.threshold, best, -1)
        return labels, confidence

    def _set_assignments(self, scores, background_scores) -> None:
        self.scores_ = scores.astype(np.float32)
        self.background_scores_ = background_scores.astype(np.float32)
        labels, confidence = self._decide(scores, background_scores)
        self.labels_ = labels.astype(np.int64)
        self.confidence_ = confidence.astype(np.float32)
        names = [theme.name for theme in self.themes_]
        self.predicted_themes_ = np.array([names[i] if i >= 0 else None for i in labels], dtype=object)

    def _transform(self, units, embeddings):
        from topics import aliases as lex

        self._check_fitted()
        units, embeddings = _check_units(units, embeddings)
        if embeddings.shape[1] != self.centroids_.shape[1]:
            raise ModelMismatchError(
                f"these embeddings have {embeddings.shape[1]} dimensions; the themes were fitted on {self.centroids_.shape[1]}"
            )
        texts = units["text"].tolist()
        lexical = self._lexical(texts, lex.alias_hits(texts, self.aliases_))
        return self._scores(
            embeddings.astype(np.float64),
            self.centroids_.astype(np.float64),
            self.background_.astype(np.float64),
            lexical,
            _neighbour_matrix(units),
        )

    def _aliases_found(self, index: int, members: np.ndarray) -> dict[str, int]:
        columns = self._alias_columns[index]
        counts = self._alias_hits[np.ix_(members, columns)].sum(axis=0) if len(members) else np.zeros(len(columns))
        return {self.aliases_[c]: int(n) for c, n in zip(columns, counts) if n}


def _check_units(units, embeddings) -> tuple[pd.DataFrame, np.ndarray]:
    if not isinstance(units, pd.DataFrame):
        raise InputError("units", f"expected a DataFrame from corpus.units(level), got {type(units).__name__}")
    if "text" not in units.columns:
        raise InputError("units", "has no 'text' column")
    if len(units) == 0:
        raise InputError("units", "no units to assign")
    embeddings = check_embeddings(embeddings, n_rows=len(units), zero_rows=True, normalise=False, dtype=None)
    units = units.reset_index(drop=True)
    if "unit_id" not in units.columns:
        units = units.assign(unit_id=[str(i) for i in range(len(units))])
    units = units.assign(text=units["text"].fillna("").astype(str))
    return units, embeddings


def _column(units: pd.DataFrame, name: str) -> np.ndarray:
    return units[name].to_numpy() if name in units.columns else np.full(len(units), None, dtype=object)


def _neighbour_matrix(units: pd.DataFrame):
    """Row-normalised adjacency of paragraphs next to each other in one article, or None."""
    if "position" not in units.columns or "article_id" not in units.columns:
        return None
    from scipy import sparse

    order = units.sort_values(["article_id", "position"], kind="stable").index.to_numpy()
    articles = units["article_id"].to_numpy()[order]
    positions = pd.to_numeric(units["position"], errors="coerce").to_numpy()[order]
    adjacent = (articles[1:] == articles[:-1]) & (positions[1:] - positions[:-1] == 1)
    left, right = order[:-1][adjacent], order[1:][adjacent]
    n = len(units)
    rows = np.concatenate([left, right])
    cols = np.concatenate([right, left])
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    degree = np.asarray(matrix.sum(axis=1)).ravel()
    return sparse.diags(np.where(degree > 0, 1.0 / np.maximum(degree, 1), 0.0)) @ matrix


def _smooth(scores: np.ndarray, neighbours, weight: float) -> np.ndarray:
    """(own + weight * mean of neighbours) / (1 + weight); units without neighbours keep their own."""
    has_neighbours = np.asarray(neighbours.sum(axis=1)).ravel() > 0
    mixed = (scores + weight * (neighbours @ scores)) / (1.0 + weight)
    return np.where(has_neighbours[:, None], mixed, scores)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


__all__ = ["Themes", "Theme", "load_themes"]
