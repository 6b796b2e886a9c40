"""TopicModel: unit embeddings -> topics, with descriptions, hierarchy and article mixes.

A scikit-learn estimator over plain functions: the fitting steps in :mod:`topics.modeling.fitting`
(UMAP in ``reduce``, HDBSCAN / k-means / outliers / hierarchy in ``cluster``), descriptions in
``describe`` and the result tables in :mod:`topics.modeling.tables`. Same input and same
``random_state`` give identical topics.
Owns the estimator's parameters, learned state and its contract (fit / predict / transform /
reduce_topics / save / load). May import: numpy, pandas, scikit-learn, and the topic stages
(cluster, reduce, describe, sampling, topic_fitting, topic_tables, validate, persist); its
parameters are checked in :mod:`topics.modeling.model_params`, what it is given in
:mod:`topics.modeling.model_input`; never the CLI, the report or search.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin

from topics._fitted import ModelNotFittedError, refits  # noqa: F401  (ModelNotFittedError: re-exported)
from topics._pickled import later_defaults
from topics.modeling import cluster
from topics.modeling import fitting as steps
from topics.errors import InputError, TopicsError, TopicsWarning
from topics.modeling.model_input import (
    DEFAULT_LEVEL, check_same_embedder, corpus_and_units, embeddings_not_y, ids_numbered_here, is_corpus, is_vectors,
    refuse_articles_without_corpus,
)
from topics.modeling.formulas import fit_formulas, new_unit_vectors, warn_formulas_kept
from topics.modeling.lexical_space import joined_centres
from topics.modeling.model_params import EARLIER_PARAMS, check_model_params
from topics.modeling.placement import (assignment_floors, centre_similarities, clustered_all, lower_floors, near_copies_kept,
                                       nearest_topics, neighbour_joined, seen_units_kept, votes_apply)
from topics.modeling.sampling import DEFAULT_MAX_FIT_UNITS
from topics.modeling.tables import OUTLIER_LABEL, UNIT_COLUMNS, TopicTables  # noqa: F401  (re-exported)
from topics.validate import check_count, check_embedder_width, check_embeddings

# Temperature of the softmax that turns a unit's cosine similarities to the topic centres into
# topic probabilities (``transform``): centres of neighbouring topics sit a few hundredths of
# cosine apart, so at 0.05 a lead of 0.1 weighs e^2 (about 7) times more.
PROBABILITY_TEMPERATURE = 0.05


class TopicModel(TopicTables, ClusterMixin, TransformerMixin, BaseEstimator):
    """Discover topics in unit embeddings (paragraphs or articles).

    Parameters
    ----------
    n_topics : None = automatic (see ``clustering``); an int k gives exactly k topics and no outliers.
    min_topic_size : smallest topic in automatic mode; None adapts to corpus size.
    reduce_outliers : also move outliers that are at least as close to their nearest topic
        as its least similar members (or, with ``outlier_similarity``, at least that
        cosine similarity). Outliers that look like ordinary members always join a topic.
    n_keywords : keywords per topic.
    random_state : seed for the community searches, UMAP and k-means; None = not reproducible (and UMAP multi-threaded).
    themes : a ``topics.themes.guided.Themes``, a theme file's path or a list of themes; declared themes
        become topics, the rest is discovered.
        It is cloned and fitted with this model's embedder (the caller's object is not changed);
        the fitted copy is ``themes_``.
    outlier_similarity : an absolute cosine floor for ``reduce_outliers`` (and ``predict``);
        None = relative to each topic's members.
    n_representatives : representative units kept per topic.
    max_fit_units : past this many units, the clustering sees a random sample of this size and
        every other unit follows the vote of its nearest sampled units (see ``topics.modeling.sampling``);
        ``min_topic_size`` still counts units of the whole corpus. None = always fit on all units.
    aliases : True = mine the names the corpus defines or spells several ways
        (:func:`topics.text.alias_mining.mine_aliases`) and compare them as one in keywords, labels and
        the words of clustering; an ``AliasTable`` to give them; False = none.
    clustering : how automatic topics are found. "graph" (default): communities of the units'
        neighbour graph, refined by topic centroids; deterministic, and far steadier than "umap"
        when the embeddings move by float noise. "umap": HDBSCAN on a 5-D UMAP reduction (as BERTopic does), which
        follows ``random_state`` and can change with any tiny change of the input.
    word_weight : with "graph" clustering, the share of the units' word (TF-IDF, aliases unified)
        cosine in the similarity their neighbours are found by; the rest is the embedding cosine.
        0 = meaning only. See :mod:`topics.modeling.word_graph`.
    embedder : the ``topics.Embedder`` that made (or will make) the embeddings, or the name or folder of its
        model (an Embedder of it is made where one is needed); None = the bundled model. It embeds units when
        ``fit``/``predict``/``transform`` get no embeddings, the theme texts of ``themes``, and the units' texts
        without the corpus's formulas (``formulas``).
    formulas : "leave_out" (default): sentences that three articles or more of the units repeat
        (press-release formulas, bios, credits; :mod:`topics.modeling.formulas`) do not pull units together:
        ``fit`` clusters a unit that holds one and four other words or more by the vector of those
        other words, as ``find_topics`` and ``topics report`` do. It needs an embedder for that:
        when ``fit`` embeds the units itself, and when it is given embeddings with ``embedder`` set (the
        embedder that made them); given embeddings without an embedder are clustered as they are, and
        so is a given vector of a whole article unit (its mean of paragraph vectors cannot be rebuilt
        from the article's text; ``fit(corpus, level="article")`` rebuilds it from the corpus's paragraphs).
        ``embeddings_`` holds the vectors clustered; the texts stay as written, and declared ``themes`` are placed
        on the units' own vectors, as ``find_topics`` places them.
        None: cluster the units' own vectors.
    """

    # Each text's naming material, found from the text alone (topics.modeling.text_material): a refit reads it too.
    KEPT_ACROSS_FITS = ("text_material_",)

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
        embedder=None,
        clustering: str = "graph",
        word_weight: float = 0.0,
        formulas: str | None = "leave_out",
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
        self.embedder = embedder
        self.clustering = clustering
        self.word_weight = word_weight
        self.formulas = formulas

    def __setstate__(self, state: dict) -> None:
        super().__setstate__(state)
        # Parameters added since it was pickled: as it behaved then (EARLIER_PARAMS), the others at their defaults.
        later_defaults(self, EARLIER_PARAMS)

    def __repr__(self, N_CHAR_MAX: int = 700) -> str:
        defaults = TopicModel().get_params(deep=False)
        changed = {k: v for k, v in self.get_params(deep=False).items() if v is not defaults[k] and v != defaults[k]}
        args = ", ".join(f"{k}={v!r}" for k, v in changed.items())
        if not hasattr(self, "labels_"):
            return f"TopicModel({args})"
        outliers = float((self.labels_ == -1).mean()) if len(self.labels_) else 0.0
        return f"TopicModel({args}) fitted: {len(self.topic_ids_)} topics on {len(self.labels_)} units, {outliers:.0%} outliers"

    # -- fitting ----------------------------------------------------------------------
    @refits
    def fit(self, X, y=None, *, embeddings=None, sample_neighbours=None, level: str | None = None) -> "TopicModel":
        """Learn topics of the units ``X``: ``corpus.units(level)``, a list of texts, or a ``Corpus`` with
        ``level`` ("paragraph", the default, or "article"), whose units are ``corpus.units(level)``.

        Given the ``Corpus``, the model clusters the vectors ``find_topics`` and ``topics report`` do
        (:func:`topics.modeling.formulas.clustering_vectors`): an article's vector is the mean of its
        paragraphs' vectors, weighted by their words, formulas left out. Article units alone are each
        embedded as one text (their paragraphs are not in them).

        ``embeddings``: their vectors, row-aligned (default: ``embedder`` embeds ``X``); the clustering
        sees them with the corpus's formulas left out (``formulas``); given with a ``Corpus`` at article
        level, they are rebuilt from the paragraphs when the embedder can leave the formulas out; vectors not as
        wide as the embedder's are refused. ``y`` is unused (scikit-learn's place for targets: a pipeline's labels
        are ignored); a matrix of embeddings given there is accepted with a warning. A fit that fails leaves
        the model as it was.
        ``sample_neighbours``: a ``topics.modeling.sampling.SampleNeighbours`` of these units computed elsewhere
        (the Ray path searches the neighbours on a cluster), or a function making one from the vectors the
        clustering sees; it replaces the sample ``max_fit_units`` draws.
        """
        from topics.modeling.alias_worker import AliasesBeside
        from topics.modeling.text_material import material_of
        from topics.modeling.map_layout import compiled_layout
        from topics.modeling.naming_ahead import find_ahead
        from topics.modeling.reduce import neighbour_graph, reduction_params

        self._check_params()
        embeddings = embeddings_not_y(y, embeddings)
        corpus, units, level = corpus_and_units(X, level)
        embedder = self._embedder(default=embeddings is None)
        given = embeddings
        if given is not None:  # the embedder of predict's texts, and of themes and formulas here: its width must match
            check_embedder_width(given, embedder, load=self.themes is not None)
        if corpus is None:
            embeddings = self._clustering_vectors(units, embeddings, embedder)
        else:
            embeddings = self._corpus_clustering_vectors(corpus, level, units, embeddings, embedder)
        if self.formulas is not None and embedder is None:  # vectors (checked) given without one: unlike the report's
            warn_formulas_kept(units)
        # Declared themes read the units' own vectors, as find_topics gives them; only the clustering leaves formulas out.
        own = None if self.themes is None else self._own_vectors(corpus, level, units, given, embedder)
        # The model whose vector space the topics live in (None: vectors given without an embedder).
        self.embedder_model_id_ = getattr(embedder, "model_id", None)
        # The level of the Corpus fitted on (None: units): new units must come as those vectors did.
        self.corpus_level_ = level
        self.ids_numbered_ = ids_numbered_here(X)  # fitted on texts without ids: an update cannot match them to a corpus's
        self._loaded_from = None
        n_units = len(units)
        identical = steps.all_identical(embeddings)
        self.units_ = units
        self.embeddings_ = embeddings
        # Alias mining runs beside the neighbour graph and the community searches (the same results,
        # as neither reads the other's): in a worker process on a large corpus, as it is Python text
        # work that holds the interpreter lock (:mod:`topics.modeling.alias_worker`). The naming and a map
        # laid out by compiled code overlap on a thread (a numpy layout's calls would queue behind the naming).
        pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="topics-fit")
        aliases = None
        try:
            texts = units["text"].tolist()
            aliases = AliasesBeside(pool, self.aliases, texts, material_of(self))
            if self.word_weight:  # the clustering's word rows unify the aliases
                self.aliases_ = aliases.result()
            # Large corpora: the sample the expensive steps see. Otherwise one neighbour graph
            # serves both the clustering reduction and the map layout.
            if callable(sample_neighbours):
                sample_neighbours = sample_neighbours(embeddings)
            if sample_neighbours is not None:
                if sample_neighbours.n_units != n_units:
                    raise InputError("sample_neighbours", f"drawn from {sample_neighbours.n_units} units, not these {n_units}")
                # UMAP reacts to float noise: the sample's vectors must be these very rows, as in a local draw.
                sample_embeddings = np.ascontiguousarray(embeddings[sample_neighbours.sample])
                sample_neighbours = dataclasses.replace(sample_neighbours, sample_embeddings=sample_embeddings, _graphs={})
            sampled = None if identical else (sample_neighbours or steps.draw_sample(self, embeddings))
            params = reduction_params(n_units)
            graph = None if identical or sampled is not None else neighbour_graph(embeddings, params.n_neighbors)
            self.lexical_space_ = None  # with n_topics, the words' space the units are grouped in (fixed_k_topics)
            if self.themes is None:
                self.theme_names_ = []
                labels, probabilities, self.mode_ = steps.discover(self, texts, embeddings, self.n_topics, identical, sampled, graph)
            else:
                themes_embedder = embedder if embedder is not None else self._embedder()
                self.themes_ = steps.fitted_themes(self.themes, units, own, themes_embedder, self.random_state)
                labels, probabilities, self.theme_names_ = steps.guided(self, self.themes_, units, embeddings, identical)
                self.mode_ = "guided"
            # While the worker cleans, the naming's material of the texts cleaned without aliases (naming_ahead).
            aliases_ = aliases.result(meanwhile=functools.partial(find_ahead, material_of(self), texts, labels=labels))
            self.aliases_ = steps.with_outlet_words(aliases_, units, texts)  # an outlet's own name names no topic
            # The map reads the labels only as which units share a topic: the ids before renumbering serve.
            map_args = (embeddings, params, self.random_state, graph, sampled, identical, labels)
            beside = not identical and sampled is None and compiled_layout(n_units)
            coords = pool.submit(steps.map_coords, *map_args) if beside else None
            self.assign(labels, probabilities)
            self.coords_2d_ = coords.result() if beside else steps.map_coords(*map_args)
        finally:
            # An error or an interrupt returns at once; work still under way finishes unread.
            pool.shutdown(wait=False, cancel_futures=True)
            if aliases is not None:
                aliases.close()
            material_of(self).drop_prepared()
        self.fit_sample_size_ = n_units if sampled is None else len(sampled.sample)
        self.units_at_fit_ = n_units  # the corpus the topics were fitted on (an update carries it over)
        return self

    def fit_predict(self, X, y=None, *, embeddings=None, level: str | None = None) -> np.ndarray:
        """Topic id of each unit of ``X`` (-1 = outlier)."""
        return self.fit(X, y, embeddings=embeddings, level=level).labels_.copy()

    def fit_transform(self, X, y=None, *, embeddings=None, level: str | None = None) -> np.ndarray:
        """(n_units, n_topics) topic probabilities of each unit of ``X`` (see ``transform``)."""
        self.fit(X, y, embeddings=embeddings, level=level)
        return self.transform(self.units_, embeddings=self.embeddings_)

    def predict(self, X, *, embeddings=None, level: str | None = None) -> np.ndarray:
        """Topic of each new unit: the most similar topic centroid; -1 when below that topic's floor, unless
        it lies inside that topic as the fit drew it (most of its nearest fitted units are members and it is as
        close as the topic's least similar members; :mod:`topics.modeling.placement`). A unit the model was
        fitted on (its very vector) gets its fitted topic: ``fit(X).predict(X)`` is ``fit_predict(X)``; so does a near
        copy of one (within half the distance from it to its nearest other fitted unit:
        :func:`topics.modeling.placement.near_copies_kept`) when the clustering saw every fitted unit (no sample).

        ``X``: units (DataFrame or texts, embedded with ``embedder`` unless ``embeddings`` is given, the
        formulas the fit left out left out: :func:`topics.modeling.formulas.new_unit_vectors`),
        their embeddings as a 2-D array, or a ``Corpus`` with ``level`` (default: the level ``fit`` was given
        the corpus at, "paragraph" for a model fitted on units): its ``units(level)`` get the vectors ``fit``
        clusters for a corpus, formulas left out. A model fitted on
        a Corpus at article level refuses whole articles without their corpus (article units, texts)
        with an InputError: it would embed each as one text, not as the mean of its paragraphs it was
        fitted on; pass the Corpus, or the vectors as ``embeddings``. With ``n_topics`` the fit groups the
        units by words and meaning (:func:`topics.modeling.fitting.fixed_k_topics`): units with their texts are
        read in its words' space (``lexical_space_``, centres ``lexical_topic_embeddings_``), so the fitted units
        get ``labels_`` back; vectors alone are compared with the vectors' centres (``topic_embeddings_``)."""
        similarities, vectors = self._centre_similarities(X, embeddings, level, "TopicModel.predict")
        labels = nearest_topics(similarities, self.topic_ids_, self.assignment_floors_)
        if votes_apply(self):
            below = lower_floors(self.embeddings_, self.labels_, self.topic_ids_, self.topic_embeddings_)
            labels = neighbour_joined(labels, similarities, self.topic_ids_, below, vectors, self.embeddings_, self.labels_)
        if clustered_all(getattr(self, "fit_sample_size_", None), len(self.labels_)):  # a search of every fitted unit
            labels = near_copies_kept(labels, vectors, self.embeddings_, self.labels_)
        return seen_units_kept(labels, vectors, self.embeddings_, self.labels_)

    def transform(self, X, *, embeddings=None, level: str | None = None) -> np.ndarray:
        """(n, n_topics) probability of each new unit for each topic, columns in ``topic_ids_`` order;
        ``X``, ``embeddings`` and ``level`` as in ``predict``.

        A softmax of the unit's cosine similarities to the topic centres; its largest column is
        the topic ``predict`` gives (unless ``predict`` calls the unit an outlier, places it by its nearest
        fitted units, or the unit is one the model was fitted on or a near copy of one: ``predict`` gives it its fitted
        topic).
        """
        similarities, _ = self._centre_similarities(X, embeddings, level, "TopicModel.transform")
        logits = similarities / PROBABILITY_TEMPERATURE
        logits -= logits.max(axis=1, keepdims=True) if len(logits) else 0.0
        weights = np.exp(logits)
        return weights / weights.sum(axis=1, keepdims=True).clip(min=np.finfo(np.float64).tiny)

    def _centre_similarities(self, X, embeddings, level: str | None, caller: str) -> tuple[np.ndarray, np.ndarray]:
        """(n, k) similarities of the new units to the topic centres, and the units' vectors."""
        self._check_fitted()
        n_rows = texts = None
        if level is None and is_corpus(X):  # a Corpus comes at the level the model was fitted at
            level = getattr(self, "corpus_level_", None) or DEFAULT_LEVEL
        if level is None and (X is None or is_vectors(X)):
            if X is not None and embeddings is not None:  # which would be read? Before: X, silently not
                raise InputError(caller, "got vectors twice, as X and as embeddings=: give them once")
            vectors = X if embeddings is None else embeddings
        else:
            corpus, units, level = corpus_and_units(X, level, caller, name=caller, what="new units")
            n_rows, texts = len(units), units["text"].tolist()
            if corpus is None and embeddings is not None:
                vectors = embeddings
            else:
                if corpus is None:
                    refuse_articles_without_corpus(units, getattr(self, "corpus_level_", None), caller)
                embedder = self._embedder(default=embeddings is None)
                if embedder is not None:
                    check_same_embedder(self, embedder)
                if corpus is None:
                    vectors = new_unit_vectors(units["text"].tolist(), embedder, fit_formulas(self) if self.formulas else None)
                else:  # the vectors fit clusters for a corpus
                    vectors = self._corpus_clustering_vectors(corpus, level, units, embeddings, embedder)
                if embedder is not None:
                    check_same_embedder(self, embedder)  # again: a backend that cannot run falls back, changing the id
        vectors = check_embeddings(vectors, dim=self.topic_embeddings_.shape[1], n_rows=n_rows)
        return centre_similarities(vectors, self.topic_embeddings_, texts, getattr(self, "lexical_space_", None),
                                   getattr(self, "lexical_topic_embeddings_", None)), vectors

    def _embedder(self, default: bool = True):
        """The embedder: ``embedder``, an Embedder of the model it names (a model name or folder; the parameter
        stays as given, as scikit-learn asks), else with ``default`` the bundled model's (else None)."""
        from topics.embedding.embed import Embedder

        if isinstance(self.embedder, (str, os.PathLike)):
            return Embedder(model=str(self.embedder))
        return Embedder() if self.embedder is None and default else self.embedder

    def _clustering_vectors(self, units: pd.DataFrame, embeddings, embedder) -> np.ndarray:
        """The vectors ``fit`` clusters: ``embeddings`` (or the units embedded with ``embedder``), checked,
        with the corpus's formulas left out when ``formulas="leave_out"`` and an embedder can re-embed."""
        from topics.modeling.formulas import unit_clustering_vectors

        embedded_here = embeddings is None
        if embedded_here:
            embeddings = embedder.encode(units["text"].tolist())
        if self.formulas is None or embedder is None:  # vectors given without an embedder: fit warns
            return check_embeddings(embeddings, n_rows=len(units))
        check_embeddings(embeddings, n_rows=len(units))  # wrong vectors are refused before any text is embedded
        # Checked (normalised) once, after: the rows exactly as find_topics hands its formula-free vectors over.
        vectors = unit_clustering_vectors(units, embeddings, embedder, embedded_here=embedded_here)
        return check_embeddings(vectors, n_rows=len(units))

    @staticmethod
    def _own_vectors(corpus, level: str | None, units: pd.DataFrame, embeddings, embedder) -> np.ndarray:
        """The units' own vectors: ``embeddings`` as given, else ``embedder``'s (an article of a Corpus: the mean of its
        paragraphs', :func:`topics.embedding.embed.embed_units`), through its cache."""
        from topics.embedding.embed import embed_units

        if embeddings is not None:
            return embeddings
        return embedder.encode(units["text"].tolist()) if corpus is None else embed_units(corpus, level, embedder)

    def _corpus_clustering_vectors(self, corpus, level: str, units: pd.DataFrame, embeddings, embedder) -> np.ndarray:
        """The vectors ``fit`` clusters for ``corpus.units(level)``: those ``find_topics`` clusters."""
        from topics.embedding.embed import embed_units
        from topics.modeling.formulas import clustering_vectors

        if embeddings is not None:
            check_embeddings(embeddings, n_rows=len(units))
        if self.formulas is not None and embedder is not None:
            # An article's formula-free vector is rebuilt from its paragraphs' (through the embedder's cache).
            embeddings = clustering_vectors(corpus, level, embedder, embeddings if level == "paragraph" else None)
        elif embeddings is None:
            embeddings = embed_units(corpus, level, embedder)
        return check_embeddings(embeddings, n_rows=len(units))

    def assign(self, labels: np.ndarray, probabilities: np.ndarray | None = None, describe=None) -> "TopicModel":
        """Take ``labels`` (one topic id per unit of ``units_``, -1 = outlier) as this model's topics and
        learn everything that follows from them: ids, centroids, confidences, hierarchy, descriptions.

        Used by ``fit``, ``reduce_topics`` and the Ray path (a labelling computed elsewhere);
        ``probabilities`` None = each unit's confidence from its topic centroid. ``describe``: a
        function of the model returning its ``TopicDescriptions`` in place of describing every topic
        afresh (an update keeps the earlier names of topics that barely changed).
        """
        from topics.modeling.describe import describe_topics
        from topics.modeling.text_material import material_of

        if getattr(self, "embeddings_", None) is None or getattr(self, "units_", None) is None:
            raise TopicsError("assign needs units_ and embeddings_: fit the model first")
        labels = np.asarray(labels)
        if labels.shape != (len(self.units_),):
            raise InputError("labels", f"expected one label per unit ({len(self.units_)}), got shape {labels.shape}")
        if not hasattr(self, "theme_names_"):
            self.theme_names_ = []
        labels = cluster.renumber_by_size(labels.astype(np.int64), n_pinned=len(self.theme_names_))
        self.labels_ = labels
        self.topic_ids_ = np.unique(labels[labels >= 0]).astype(np.int64)
        self.topic_embeddings_ = cluster.topic_centroids(self.embeddings_, labels, self.topic_ids_)
        self.lexical_topic_embeddings_ = joined_centres(self)  # None: no words' space (vectors only)
        if probabilities is None:
            probabilities = cluster.centroid_confidence(self.embeddings_, self.topic_embeddings_, labels)
        self.probabilities_ = np.clip(np.asarray(probabilities, dtype=np.float64), 0.0, 1.0)
        sizes = np.array([(labels == t).sum() for t in self.topic_ids_])
        self.linkage_ = cluster.topic_linkage(self.topic_embeddings_, sizes)
        self.assignment_floors_ = self._assignment_floors()
        self.descriptions_ = describe(self) if describe is not None else describe_topics(
            self.units_["text"].tolist(),
            labels,
            self.topic_ids_,
            self.embeddings_,
            self.topic_embeddings_,
            n_keywords=self.n_keywords,
            n_representatives=self.n_representatives,
            aliases=getattr(self, "aliases_", None),
            material=material_of(self),
            writers=self.units_["article_id"].tolist() if "article_id" in self.units_.columns else None,
        )
        for row, name in enumerate(self.theme_names_):
            self.descriptions_.labels[row] = name
        self.named_sizes_ = {}  # every topic named at its present size (an update then records the names it kept)
        return self

    def _assignment_floors(self) -> np.ndarray:
        """Per topic, the similarity a new unit needs to join it in ``transform``."""
        return assignment_floors(self, self.embeddings_, self.labels_, self.topic_ids_, self.topic_embeddings_)

    def reduce_topics(self, n: int) -> "TopicModel":
        """Merge topics along the hierarchy until ``n`` remain, in place (returned for chaining, as ``fit``
        returns it); descriptions are recomputed. Save or ``copy.deepcopy`` the model first to keep them.

        A guided model keeps its declared themes as they are (each is the analyst's, and its name
        stands only on units with evidence for it): only the discovered topics merge, among themselves,
        so ``n`` must leave room for the themes and one discovered topic."""
        self._check_fitted()
        n = check_count(n, "reduce_topics(n)", minimum=1)
        k = len(self.topic_ids_)
        if n > k:  # merging cannot add topics: say so rather than return what looks like n topics
            warnings.warn(f"this model has {k} topics; reduce_topics({n}) leaves them as they are", TopicsWarning, stacklevel=2)
        if n >= k:
            return self
        # HDBSCAN strengths still hold for a merged topic; k-means confidences are recomputed.
        probabilities = self.probabilities_ if self.mode_ in ("automatic", "guided") else None
        n_themes = len(self.theme_names_)
        merged = self.topic_ids_ >= n_themes  # the themes' ids come first (pinned); only the others merge
        n_kept = int((~merged).sum())
        if n_themes and n < n_kept + 1:
            raise InputError("reduce_topics", f"this model keeps its {n_kept} declared themes with units as they are; "
                                              f"n must be at least {n_kept + 1} (the themes and one discovered topic), not {n}")
        ids = self.topic_ids_[merged]
        sizes = np.bincount(np.searchsorted(ids, self.labels_[self.labels_ >= n_themes]), minlength=len(ids))
        linkage = self.linkage_ if not n_themes else cluster.topic_linkage(self.topic_embeddings_[merged], sizes)
        groups = np.unique(cluster.merge_map(linkage, len(ids), int(n) - n_kept), return_inverse=True)[1].ravel()
        rows = np.searchsorted(ids, self.labels_)  # ids may have gaps (kept from an earlier run)
        labels = np.where(self.labels_ >= n_themes, n_themes + groups[np.minimum(rows, len(ids) - 1)], self.labels_)
        self.assign(labels, probabilities)
        return self

    # -- Jupyter: a topic table and interactive figures (topics.viz.display, topics.viz.plots) --
    def _repr_html_(self) -> str:
        from topics.viz.display import topic_model_html
        return topic_model_html(self)

    def _repr_mimebundle_(self, **kwargs) -> dict:
        # Jupyter asks for this before _repr_html_; scikit-learn's own would draw its estimator diagram.
        return {"text/plain": repr(self), "text/html": self._repr_html_()}

    def plot_map(self, **options):
        """Interactive 2-D map of the units coloured by topic; see :func:`topics.viz.plots.plot_map`."""
        from topics.viz.plots import plot_map
        return plot_map(self, **options)

    def plot_keywords(self, topics=None, **options):
        """Keyword bar charts per topic; see :func:`topics.viz.plots.plot_keywords`."""
        from topics.viz.plots import plot_keywords
        return plot_keywords(self, topics, **options)

    def plot_hierarchy(self, **options):
        """Dendrogram of the topics; see :func:`topics.viz.plots.plot_hierarchy`."""
        from topics.viz.plots import plot_hierarchy
        return plot_hierarchy(self, **options)

    def plot_topics_over_time(self, **options):
        """Per topic, its share of each period (small multiples); see :func:`topics.viz.plots.plot_topics_over_time`."""
        from topics.viz.plots import plot_topics_over_time
        return plot_topics_over_time(self, **options)

    def plot_timeline(self, **options):
        """Units per topic over the articles' dates; see :func:`topics.viz.plots.plot_timeline`."""
        from topics.viz.plots import plot_timeline
        return plot_timeline(self, **options)

    # -- persistence ------------------------------------------------------------------
    def save(self, folder: str | Path) -> Path:
        from topics.modeling.persist import save_model

        self._check_fitted()
        return save_model(self, folder)

    @classmethod
    def load(cls, folder: str | Path) -> "TopicModel":
        from topics.modeling.persist import load_model

        return load_model(cls, folder)

    # -- checks -----------------------------------------------------------------------
    def _check_fitted(self) -> None:
        if not hasattr(self, "labels_"):
            raise ModelNotFittedError("this TopicModel is not fitted yet: call fit(units, embeddings=embeddings) first")

    def _check_params(self) -> None:
        check_model_params(self)
