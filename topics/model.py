"""TopicModel: unit embeddings -> topics, with descriptions, hierarchy and article mixes.

A thin estimator over plain functions: ``reduce`` (UMAP), ``cluster`` (HDBSCAN
or k-means, outliers, hierarchy) and ``describe`` (keywords, labels,
representatives). Same input and same ``random_state`` give identical topics.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from topics import cluster
from topics.validate import check_embeddings
from topics.errors import InputError, TopicsError
from topics.sampling import DEFAULT_MAX_FIT_UNITS, MIN_MAX_FIT_UNITS

UNIT_COLUMNS = ("unit_id", "article_id", "title", "date", "text")
OUTLIER_LABEL = "outliers"
# Smallest topic size HDBSCAN is asked for on a sample.
MIN_SAMPLE_TOPIC_SIZE = 5
# Units this close to each other (cosine distance) count as one point.
IDENTICAL_TOLERANCE = 1e-6


class TopicModel:
    """Discover topics in unit embeddings (paragraphs or articles).

    Parameters
    ----------
    n_topics : None = automatic (UMAP + HDBSCAN); an int k gives exactly k topics and no outliers.
    min_topic_size : smallest topic in automatic mode; None adapts to corpus size.
    reduce_outliers : also move outliers that are at least as close to their nearest topic
        as its least similar members (or, with ``outlier_similarity``, at least that
        cosine similarity). Outliers that look like ordinary members always join a topic.
    n_keywords : keywords per topic.
    random_state : seed for UMAP and k-means; None = not reproducible (and UMAP multi-threaded).
    themes : a ``topics.themes.Themes``; declared themes become topics, the rest is discovered.
    outlier_similarity : an absolute cosine floor for ``reduce_outliers`` (and ``transform``);
        None = relative to each topic's members.
    n_representatives : representative units kept per topic.
    max_fit_units : past this many units, UMAP and HDBSCAN see a random sample of this size and
        every other unit follows the vote of its nearest sampled units (see ``topics.sampling``);
        ``min_topic_size`` still counts units of the whole corpus. None = always fit on all units.
    aliases : True = mine the names the corpus defines or spells several ways
        (:func:`topics.alias_mining.mine_aliases`) and compare them as one in keywords, labels and
        the words of clustering; an ``AliasTable`` to give them; False = none.
    """

    def __init__(
        self,
        n_topics: int | None = None,
        min_topic_size: int | None = None,
        reduce_outliers: bool = False,
        n_keywords: int = 10,
        random_state: int | None = 42,
        themes=None,
        outlier_similarity: float | None = None,
        n_representatives: int = 3,
        max_fit_units: int | None = DEFAULT_MAX_FIT_UNITS,
        aliases=True,
    ):
        self.n_topics = n_topics
        self.min_topic_size = min_topic_size
        self.reduce_outliers = reduce_outliers
        self.n_keywords = n_keywords
        self.random_state = random_state
        self.themes = themes
        self.outlier_similarity = outlier_similarity
        self.n_representatives = n_representatives
        self.max_fit_units = max_fit_units
        self.aliases = aliases

    # -- scikit-learn habits -------------------------------------------------------------
    def get_params(self, deep: bool = True) -> dict:
        return {
            "n_topics": self.n_topics,
            "min_topic_size": self.min_topic_size,
            "reduce_outliers": self.reduce_outliers,
            "n_keywords": self.n_keywords,
            "random_state": self.random_state,
            "themes": self.themes,
            "outlier_similarity": self.outlier_similarity,
            "n_representatives": self.n_representatives,
            "max_fit_units": self.max_fit_units,
            "aliases": self.aliases,
        }

    def set_params(self, **params) -> "TopicModel":
        valid = self.get_params()
        for key, value in params.items():
            if key not in valid:
                raise ValueError(f"invalid parameter {key!r} for TopicModel")
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        changed = {k: v for k, v in self.get_params().items() if v != TopicModel().get_params()[k]}
        args = ", ".join(f"{k}={v!r}" for k, v in changed.items())
        if not hasattr(self, "labels_"):
            return f"TopicModel({args})"
        outliers = float((self.labels_ == -1).mean()) if len(self.labels_) else 0.0
        return f"TopicModel({args}) fitted: {len(self.topic_ids_)} topics on {len(self.labels_)} units, {outliers:.0%} outliers"

    # -- fitting ----------------------------------------------------------------------
    def fit(self, units, embeddings) -> "TopicModel":
        from topics.reduce import layout_2d, neighbour_graph, reduction_params

        self._check_params()
        units, embeddings = _check_input(units, embeddings)
        n_units = len(units)
        identical = _all_identical(embeddings)
        self.units_ = units
        self.embeddings_ = embeddings
        self.aliases_ = _fit_aliases(self.aliases, units["text"].tolist())
        # Large corpora: the sample the expensive steps see. Otherwise one neighbour graph
        # serves both the clustering reduction and the map layout.
        sampled = None if identical else self._draw_sample(embeddings)
        params = reduction_params(n_units)
        graph = None if identical or sampled is not None else neighbour_graph(embeddings, params.n_neighbors)
        if self.themes is None:
            self.theme_names_ = []
            texts = units["text"].tolist()
            labels, probabilities, self.mode_ = self._discover(texts, embeddings, self.n_topics, identical, sampled, graph)
        else:
            labels, probabilities = self._guided(units, embeddings, identical)
        self._set_topics(labels, probabilities)
        if identical:
            self.coords_2d_ = np.zeros((n_units, 2), np.float32)
        elif sampled is None:
            self.coords_2d_ = layout_2d(embeddings, params, self.random_state, graph)
        else:
            sample_params = reduction_params(len(sampled.sample))
            sample_coords = layout_2d(
                sampled.sample_embeddings, sample_params, self.random_state, sampled.graph(sample_params.n_neighbors)
            )
            self.coords_2d_ = sampled.spread_coords(sample_coords, self.labels_)
        self.fit_sample_size_ = n_units if sampled is None else len(sampled.sample)
        return self

    def _draw_sample(self, embeddings: np.ndarray):
        """A ``SampleNeighbours`` when there are more than ``max_fit_units`` units, else None."""
        from topics.sampling import SampleNeighbours

        if self.max_fit_units is None or len(embeddings) <= self.max_fit_units:
            return None
        return SampleNeighbours.draw(embeddings, int(self.max_fit_units), _seed(self.random_state))

    def _density_topics(self, embeddings: np.ndarray, min_size: int, graph):
        """HDBSCAN (labels, strengths) on the UMAP reduction; a topic holding most units is split once."""
        from topics.reduce import reduce_embeddings, reduction_params

        min_samples = cluster.min_samples_for(min_size)
        reduced = reduce_embeddings(embeddings, reduction_params(len(embeddings)), self.random_state, graph)
        labels, strengths = cluster.density_clusters(reduced, min_size, min_samples)
        if (labels == -1).all():
            return labels, strengths

        def recluster(rows: np.ndarray):
            sub_reduced = reduce_embeddings(embeddings[rows], reduction_params(len(rows)), self.random_state)
            return cluster.density_clusters(sub_reduced, min_size, min_samples)

        return cluster.split_oversized(labels, strengths, recluster)

    def _discover(self, texts: list[str], embeddings: np.ndarray, n_topics: int | None, identical: bool,
                  sampled=None, graph=None):
        """(labels, probabilities, mode) for units with no declared theme.

        ``sampled`` / ``graph``: a ``SampleNeighbours`` or a neighbour graph of these units,
        when the caller has one already.
        """
        from topics.reduce import lexical_semantic_vectors, reduction_params

        n_units = len(embeddings)
        if n_topics is not None:
            distinct = 1 if identical else len(np.unique(embeddings.round(6), axis=0))
            if n_topics > distinct:
                raise InputError("units", f"n_topics={n_topics} but there are only {distinct} distinct units")
            if n_topics == 1:
                labels = np.zeros(n_units, dtype=np.int64)
            else:
                vectors = lexical_semantic_vectors(texts, embeddings, _seed(self.random_state))
                labels = cluster.fixed_k_clusters(vectors, n_topics, _seed(self.random_state))
            centroids = cluster.topic_centroids(embeddings, labels, np.arange(n_topics))
            return labels, cluster.centroid_confidence(embeddings, centroids, labels), "fixed"
        if identical or n_units < 3:
            # Nothing to separate: one topic.
            return np.zeros(n_units, dtype=np.int64), np.ones(n_units), "single"
        min_size = int(np.clip(self.min_topic_size or cluster.min_topic_size_for(n_units), 2, n_units))
        sampled = sampled if sampled is not None else self._draw_sample(embeddings)
        if sampled is None:
            labels, strengths = self._density_topics(embeddings, min_size, graph)
        else:
            # A topic of min_size units in the corpus holds about this many in the sample.
            n_sample = len(sampled.sample)
            sample_min_size = max(MIN_SAMPLE_TOPIC_SIZE, round(min_size * n_sample / n_units))
            sample_graph = sampled.graph(reduction_params(n_sample).n_neighbors)
            sample_labels, sample_strengths = self._density_topics(sampled.sample_embeddings, sample_min_size, sample_graph)
            labels, strengths = sampled.spread_labels(sample_labels, sample_strengths)
        if (labels == -1).all():
            return np.zeros(n_units, dtype=np.int64), np.ones(n_units), "single"
        labels = cluster.renumber_by_size(labels)
        centroids = cluster.topic_centroids(embeddings, labels, np.unique(labels[labels >= 0]))
        labels, moved = cluster.reassign_outliers(embeddings, labels, centroids)
        if self.reduce_outliers:
            labels, moved_more = cluster.reassign_outliers(
                embeddings, labels, centroids, self.outlier_similarity, cluster.REDUCE_MEMBER_QUANTILE
            )
            moved |= moved_more
        probabilities = np.where(labels >= 0, strengths, 0.0)
        moved_rows = np.flatnonzero(moved)
        probabilities[moved_rows] = cluster.centroid_confidence(embeddings[moved_rows], centroids, labels[moved_rows])
        return labels, probabilities, "automatic"

    def _guided(self, units: pd.DataFrame, embeddings: np.ndarray, identical: bool):
        """Declared themes become the first topics (in declared order); the rest is discovered."""
        theme_of_unit, names, confidence = _theme_assignments(self.themes, units, embeddings)
        present = [t for t in range(len(names)) if (theme_of_unit == t).any()]
        self.theme_names_ = [names[t] for t in present]
        n_themes = len(present)
        labels = np.full(len(units), -1, dtype=np.int64)
        probabilities = np.zeros(len(units))
        for new, old in enumerate(present):
            labels[theme_of_unit == old] = new
            probabilities[theme_of_unit == old] = confidence[theme_of_unit == old]
        rest = np.flatnonzero(labels == -1)
        self.mode_ = "guided"
        if len(rest) == 0:
            return labels, probabilities
        rest_topics = None if self.n_topics is None else self.n_topics - n_themes
        if rest_topics is not None and rest_topics <= 0:
            # No room for discovered topics: every other unit joins its nearest theme.
            centroids = cluster.topic_centroids(embeddings, labels, np.arange(n_themes))
            nearest = (embeddings[rest].astype(np.float64) @ centroids.T.astype(np.float64)).argmax(axis=1)
            labels[rest] = nearest
            probabilities[rest] = cluster.centroid_confidence(embeddings[rest], centroids, nearest)
            return labels, probabilities
        rest_identical = identical or _all_identical(embeddings[rest])
        rest_texts = units["text"].iloc[rest].tolist()
        found, found_probabilities, _ = self._discover(rest_texts, embeddings[rest], rest_topics, rest_identical)
        labels[rest] = np.where(found >= 0, found + n_themes, -1)
        probabilities[rest] = found_probabilities
        return labels, probabilities

    def fit_transform(self, units, embeddings) -> np.ndarray:
        return self.fit(units, embeddings).labels_.copy()

    def transform(self, embeddings) -> np.ndarray:
        """Topic of each new unit: the most similar topic centroid; -1 when below that topic's floor."""
        self._check_fitted()
        embeddings = _check_embeddings(embeddings, expected_dim=self.topic_embeddings_.shape[1])
        if len(embeddings) == 0:
            return np.zeros(0, dtype=np.int64)
        similarities = embeddings.astype(np.float64) @ self.topic_embeddings_.T.astype(np.float64)
        nearest = similarities.argmax(axis=1)
        best = similarities[np.arange(len(nearest)), nearest]
        labels = self.topic_ids_[nearest].astype(np.int64)
        labels[best < self.assignment_floors_[nearest]] = -1
        return labels

    def _set_topics(self, labels: np.ndarray, probabilities: np.ndarray | None) -> None:
        """Everything learned from a labelling: ids, centroids, confidences, hierarchy, descriptions."""
        from topics.describe import describe_topics

        labels = cluster.renumber_by_size(labels, n_pinned=len(self.theme_names_))
        self.labels_ = labels
        self.topic_ids_ = np.unique(labels[labels >= 0]).astype(np.int64)
        self.topic_embeddings_ = cluster.topic_centroids(self.embeddings_, labels, self.topic_ids_)
        if probabilities is None:
            probabilities = cluster.centroid_confidence(self.embeddings_, self.topic_embeddings_, labels)
        self.probabilities_ = np.clip(np.asarray(probabilities, dtype=np.float64), 0.0, 1.0)
        sizes = np.array([(labels == t).sum() for t in self.topic_ids_])
        self.linkage_ = cluster.topic_linkage(self.topic_embeddings_, sizes)
        self.assignment_floors_ = self._assignment_floors()
        self.descriptions_ = describe_topics(
            self.units_["text"].tolist(),
            labels,
            self.topic_ids_,
            self.embeddings_,
            self.topic_embeddings_,
            n_keywords=self.n_keywords,
            n_representatives=self.n_representatives,
            aliases=getattr(self, "aliases_", None),
        )
        for row, name in enumerate(self.theme_names_):
            self.descriptions_.labels[row] = name

    def _assignment_floors(self) -> np.ndarray:
        """Per topic, the similarity a new unit needs to join it in ``transform``."""
        k = len(self.topic_ids_)
        if self.mode_ not in ("automatic", "guided"):
            return np.full(k, -np.inf)
        if self.reduce_outliers and self.outlier_similarity is not None:
            return np.full(k, float(self.outlier_similarity))
        quantile = cluster.REDUCE_MEMBER_QUANTILE if self.reduce_outliers else cluster.CONFIDENT_MEMBER_QUANTILE
        return cluster.member_floors(self.embeddings_, self.labels_, self.topic_embeddings_, quantile)

    def reduce_topics(self, n: int) -> "TopicModel":
        """Merge topics along the hierarchy until ``n`` remain; descriptions are recomputed."""
        self._check_fitted()
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
            raise InputError("reduce_topics", f"n must be a positive integer, not {n!r}")
        k = len(self.topic_ids_)
        if n >= k:
            return self
        groups = cluster.merge_map(self.linkage_, k, int(n))
        labels = np.where(self.labels_ >= 0, groups[np.maximum(self.labels_, 0)], -1)
        # HDBSCAN strengths still hold for a merged topic; k-means confidences are recomputed.
        probabilities = self.probabilities_ if self.mode_ in ("automatic", "guided") else None
        n_themes = len(self.theme_names_)
        if n_themes:
            # A merged group keeps the names of the themes it contains, themes first.
            names = {}
            for theme in range(n_themes):
                names.setdefault(int(groups[theme]), []).append(self.theme_names_[theme])
            pinned = list(names)
            relabel = {g: i for i, g in enumerate(pinned)}
            others = sorted(set(int(g) for g in groups) - set(pinned))
            relabel.update({g: len(pinned) + i for i, g in enumerate(others)})
            labels = np.array([relabel[int(t)] if t >= 0 else -1 for t in labels], dtype=np.int64)
            self.theme_names_ = [" + ".join(names[g]) for g in pinned]
        self._set_topics(labels, probabilities)
        return self

    # -- accessors --------------------------------------------------------------------
    def topic_info(self) -> pd.DataFrame:
        self._check_fitted()
        d = self.descriptions_
        n_units = max(len(self.labels_), 1)
        unit_ids = self.units_["unit_id"].astype(str).tolist()
        rows = []
        if (self.labels_ == -1).any():
            size = int((self.labels_ == -1).sum())
            rows.append(
                {"topic_id": -1, "label": OUTLIER_LABEL, "size": size, "share": size / n_units,
                 "keywords": [], "keyword_weights": [], "representative_unit_ids": []}
            )
        for row, topic in enumerate(self.topic_ids_):
            size = int((self.labels_ == topic).sum())
            rows.append(
                {
                    "topic_id": int(topic),
                    "label": d.labels[row],
                    "size": size,
                    "share": size / n_units,
                    "keywords": list(d.keywords[row]),
                    "keyword_weights": list(d.keyword_weights[row]),
                    "representative_unit_ids": [unit_ids[i] for i in d.representatives[row]],
                }
            )
        return pd.DataFrame(rows, columns=["topic_id", "label", "size", "share", "keywords", "keyword_weights", "representative_unit_ids"])

    def topic_labels(self) -> dict[int, str]:
        """Topic id -> label (-1 -> "outliers")."""
        self._check_fitted()
        labels = {int(t): self.descriptions_.labels[row] for row, t in enumerate(self.topic_ids_)}
        return {-1: OUTLIER_LABEL, **labels}

    def document_info(self) -> pd.DataFrame:
        self._check_fitted()
        names = self.topic_labels()
        info = pd.DataFrame({c: self.units_[c] for c in UNIT_COLUMNS if c in self.units_.columns})
        info["topic_id"] = self.labels_
        info["topic_label"] = [names[int(t)] for t in self.labels_]
        info["probability"] = self.probabilities_
        info["subtopic"] = self._subtopics().labels
        return info.reset_index(drop=True)

    def subtopics(self, topic_id: int | None = None) -> pd.DataFrame:
        """Subtopics of ``topic_id`` (all when None): label, size, date span, representatives, event flag.

        Found by clustering each topic's units again (:mod:`topics.subtopics`); the
        ``subtopic`` column of :meth:`document_info` numbers them within their topic.
        """
        table = self._subtopics().table
        if topic_id is None:
            return table.copy()
        if topic_id not in set(int(t) for t in self.topic_ids_):
            raise InputError("subtopics", f"no topic {topic_id!r}; topics are {', '.join(map(str, self.topic_ids_))}")
        return table[table["topic_id"] == int(topic_id)].reset_index(drop=True)

    def events(self) -> pd.DataFrame:
        """Subtopics concentrated in time (:mod:`topics.events`), by peak date, with their topic's label."""
        from topics.subtopics import events_table

        return events_table(self._subtopics(), self.topic_labels())

    def topics_over_time(self, freq: str | None = None, n_keywords: int = 5) -> pd.DataFrame:
        """Per topic and period: units, share of the period's units, and that period's keywords."""
        from topics.timeline import choose_period, parse_dates, topics_over_time

        self._check_fitted()
        dates = parse_dates(self.units_["date"] if "date" in self.units_.columns else [None] * len(self.labels_)).dates
        return topics_over_time(
            self.units_["text"].tolist(), self.labels_, dates, self.topic_ids_,
            choose_period(dates, code=freq), n_keywords=n_keywords, aliases=getattr(self, "aliases_", None),
        )

    def _subtopics(self):
        """Computed once per labelling (refitting or reducing topics makes new labels)."""
        self._check_fitted()
        cached = getattr(self, "_subtopics_cache", None)
        if cached is None or cached[0] is not self.labels_:
            from topics.subtopics import find_subtopics

            units = self.units_
            found = find_subtopics(
                units["text"].tolist(), self.embeddings_, self.labels_, self.topic_ids_,
                units["date"] if "date" in units.columns else [None] * len(units), units["unit_id"], units["article_id"],
                n_keywords=self.n_keywords, n_representatives=self.n_representatives,
                aliases=getattr(self, "aliases_", None), random_state=_seed(self.random_state),
            )
            self._subtopics_cache = (self.labels_, found)
        return self._subtopics_cache[1]

    def article_topics(self) -> pd.DataFrame:
        """Each article's topic mix (long format); shares of one article sum to 1."""
        info = self.document_info()
        if "title" not in info.columns:
            info["title"] = None
        grouped = info.groupby(["article_id", "topic_id"], sort=False).size().rename("n_units").reset_index()
        grouped["share"] = grouped["n_units"] / grouped.groupby("article_id")["n_units"].transform("sum")
        titles = info.drop_duplicates("article_id").set_index("article_id")["title"]
        grouped["title"] = grouped["article_id"].map(titles)
        names = self.topic_labels()
        grouped["topic_label"] = grouped["topic_id"].map(names)
        # Articles in first-seen order; within one, the largest share first.
        order = {a: i for i, a in enumerate(info["article_id"].drop_duplicates())}
        grouped["_order"] = grouped["article_id"].map(order)
        grouped = grouped.sort_values(["_order", "n_units", "topic_id"], ascending=[True, False, True], kind="stable")
        return grouped[["article_id", "title", "topic_id", "topic_label", "n_units", "share"]].reset_index(drop=True)

    def topic_similarity(self) -> pd.DataFrame:
        self._check_fitted()
        similarity = self.topic_embeddings_.astype(np.float64) @ self.topic_embeddings_.T.astype(np.float64)
        ids = pd.Index(self.topic_ids_, name="topic_id")
        return pd.DataFrame(np.clip(similarity, -1, 1), index=ids, columns=ids)

    def hierarchy(self) -> pd.DataFrame:
        """One row per merge, first merge first; parents are numbered k, k+1, ... like scipy."""
        self._check_fitted()
        k = len(self.topic_ids_)
        Z = self.linkage_
        return pd.DataFrame(
            {
                "parent_id": np.arange(k, k + len(Z), dtype=np.int64),
                "left_id": Z[:, 0].astype(np.int64) if len(Z) else np.zeros(0, np.int64),
                "right_id": Z[:, 1].astype(np.int64) if len(Z) else np.zeros(0, np.int64),
                "distance": Z[:, 2] if len(Z) else np.zeros(0),
                "size": Z[:, 3].astype(np.int64) if len(Z) else np.zeros(0, np.int64),
            }
        )

    # -- Jupyter: a topic table and interactive figures (topics.display, topics.plots) --
    def _repr_html_(self) -> str:
        from topics.display import topic_model_html
        return topic_model_html(self)

    def plot_map(self, **options):
        """Interactive 2-D map of the units coloured by topic; see :func:`topics.plots.plot_map`."""
        from topics.plots import plot_map
        return plot_map(self, **options)

    def plot_keywords(self, topics=None, **options):
        """Keyword bar charts per topic; see :func:`topics.plots.plot_keywords`."""
        from topics.plots import plot_keywords
        return plot_keywords(self, topics, **options)

    def plot_hierarchy(self, **options):
        """Dendrogram of the topics; see :func:`topics.plots.plot_hierarchy`."""
        from topics.plots import plot_hierarchy
        return plot_hierarchy(self, **options)

    def plot_topics_over_time(self, **options):
        """Per topic, its share of each period (small multiples); see :func:`topics.plots.plot_topics_over_time`."""
        from topics.plots import plot_topics_over_time
        return plot_topics_over_time(self, **options)

    def plot_timeline(self, **options):
        """Units per topic over the articles' dates; see :func:`topics.plots.plot_timeline`."""
        from topics.plots import plot_timeline
        return plot_timeline(self, **options)

    # -- persistence ------------------------------------------------------------------
    def save(self, folder: str | Path) -> Path:
        from topics.persist import save_model

        self._check_fitted()
        return save_model(self, folder)

    @classmethod
    def load(cls, folder: str | Path) -> "TopicModel":
        from topics.persist import load_model

        return load_model(cls, folder)

    # -- checks -----------------------------------------------------------------------
    def _check_fitted(self) -> None:
        if not hasattr(self, "labels_"):
            raise TopicsError("this TopicModel is not fitted yet: call fit(units, embeddings) first")

    def _check_params(self) -> None:
        if self.n_topics is not None and (
            not isinstance(self.n_topics, (int, np.integer)) or isinstance(self.n_topics, bool) or self.n_topics < 1
        ):
            raise InputError("TopicModel", f"n_topics must be None or a positive integer, not {self.n_topics!r}")
        if self.min_topic_size is not None and (
            not isinstance(self.min_topic_size, (int, np.integer)) or self.min_topic_size < 2
        ):
            raise InputError("TopicModel", f"min_topic_size must be None or an integer >= 2, not {self.min_topic_size!r}")
        if self.max_fit_units is not None and (
            not isinstance(self.max_fit_units, (int, np.integer)) or isinstance(self.max_fit_units, bool)
            or self.max_fit_units < MIN_MAX_FIT_UNITS
        ):
            raise InputError(
                "TopicModel", f"max_fit_units must be None or an integer >= {MIN_MAX_FIT_UNITS}, not {self.max_fit_units!r}"
            )
        if not isinstance(self.n_keywords, (int, np.integer)) or self.n_keywords < 1:
            raise InputError("TopicModel", f"n_keywords must be a positive integer, not {self.n_keywords!r}")


def _theme_assignments(themes, units: pd.DataFrame, embeddings: np.ndarray):
    """(theme index per unit or -1, theme names, confidence) from a topics.themes.Themes."""
    fitted_here = hasattr(themes, "labels_") and len(themes.labels_) == len(units) and list(
        getattr(themes, "units_", pd.DataFrame()).get("unit_id", [])
    ) == units["unit_id"].tolist()
    if not fitted_here:
        themes.fit(units, embeddings)
    names = list(themes.theme_names_)
    return np.asarray(themes.labels_, dtype=np.int64), names, np.asarray(themes.confidence_, dtype=np.float64)


def _fit_aliases(aliases, texts: list[str]):
    """The AliasTable a fit uses: mined from ``texts``, given, or empty."""
    from topics.alias_mining import AliasTable, mine_aliases

    if aliases is True:
        return mine_aliases(texts)
    if isinstance(aliases, AliasTable):
        return aliases
    if aliases in (False, None):
        return AliasTable()
    raise InputError("TopicModel", f"aliases must be True, False or an AliasTable, not {type(aliases).__name__}")


def _seed(random_state) -> int | None:
    return None if random_state is None else int(random_state)


def _check_input(units, embeddings) -> tuple[pd.DataFrame, np.ndarray]:
    """Units as a DataFrame with the unit columns, embeddings as finite L2-normalised float32."""
    if isinstance(units, pd.Series) or (isinstance(units, (list, tuple)) and all(isinstance(u, str) for u in units)):
        texts = [str(t) for t in units]
        units = pd.DataFrame({"unit_id": [str(i) for i in range(len(texts))], "text": texts})
    if not isinstance(units, pd.DataFrame):
        raise InputError("units", f"expected a DataFrame from corpus.units(level) or a list of texts, got {type(units).__name__}")
    if "text" not in units.columns:
        raise InputError("units", "has no 'text' column")
    units = units.reset_index(drop=True).copy()
    if "unit_id" not in units.columns:
        units["unit_id"] = [str(i) for i in range(len(units))]
    if "article_id" not in units.columns:
        units["article_id"] = units["unit_id"]
    for column in ("title", "date"):
        if column not in units.columns:
            units[column] = None
    if units["unit_id"].duplicated().any():
        raise InputError("units", f"unit_id values repeat (e.g. {units['unit_id'][units['unit_id'].duplicated()].iloc[0]!r})")
    units["text"] = units["text"].fillna("").astype(str)
    embeddings = _check_embeddings(embeddings)
    if len(embeddings) != len(units):
        raise InputError("embeddings", f"{len(embeddings)} rows, but there are {len(units)} units; they must be row-aligned")
    if len(units) == 0:
        raise InputError("units", "no units to cluster")
    return units, embeddings


def _check_embeddings(embeddings, expected_dim: int | None = None) -> np.ndarray:
    return check_embeddings(embeddings, dim=expected_dim)


def _all_identical(embeddings: np.ndarray) -> bool:
    if len(embeddings) < 2:
        return True
    similarity = embeddings.astype(np.float64) @ embeddings[0].astype(np.float64)
    return bool((1.0 - similarity).max() < IDENTICAL_TOLERANCE)
