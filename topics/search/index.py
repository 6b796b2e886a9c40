"""Nearest articles and paragraphs for a text, a vector, or an article/paragraph id.

An :class:`Index` holds paragraph (or article) units and their embeddings.
A paragraph's score is its cosine similarity with the query plus, for text
queries, a small weight of its BM25 score (max-normalised per query). An
article's score is its best paragraph's cosine, plus a quarter of its second
best and a little of its third (one strong paragraph surfaces a long article,
more corroborate), plus for text queries its BM25 as one text with its title
(max-normalised, words stemmed), the share of the query's words in the whole article and the
share in its title. The best paragraph is shown as the reason for the match. A text query's best
paragraphs are scored again in full precision, by their closest sentence (:mod:`topics.search.rerank`).

    >>> index = Index.from_corpus(corpus)                        # doctest: +SKIP
    >>> index.search("drone flights over Afghan airspace", k=5)  # doctest: +SKIP
    >>> index.search(article_id)          # more like this article, itself excluded  # doctest: +SKIP

Each part was measured (``benchmarks/search.py``, docs/benchmarks.md) on paraphrased queries
over the seed paragraphs and on graded questions (NYT, BBC, AG News); ``hybrid=False`` and the
weights set to 0 give plain cosine of the best paragraph back.

Search is exact (numpy) by default. From ``approximate_min_units`` units
(250,000) on, an HNSW graph over 8-bit scalar-quantised vectors (faiss) is
built on the first search and used when its calibrated recall meets the
target at a fraction of the exact cost (see :mod:`topics.search.ann`).

Owns ranking a query against the units. Saving, loading and keeping an index
in the cache are in :mod:`topics.search.store`; article scores in
:mod:`topics.search.ranking`; the parameters' defaults and checks in :mod:`topics.search.params`;
reading a query (text, id or vector) in :mod:`topics.search.queries`; checking the units and their
topic labels in :mod:`topics.search.indexed_units`. May import: numpy, pandas, the search modules,
:mod:`topics.validate`, the embedder, :mod:`topics.embedding.model_id` (the model ids older versions
wrote) and :mod:`topics.embedding.onnx_backend` (ids that differ by the CPU's int8 scheme alone); never the
CLI, the report or the topic model.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from topics.embedding.model_id import earlier_id_names, is_earlier_folder_id
from topics._pickled import later_defaults
from topics.errors import InputError, ModelMismatchError, TopicsError, TopicsWarning
from topics.search.date_filter import day_array, parse_day, unit_spans, window_mask  # noqa: F401 (day_array, parse_day: used by the CLI)
from topics.search.indexed_units import align_topic_labels, check_index_units
# The parameters' defaults and checks, and the queries, have their own modules; imported here, where they were.
from topics.search.params import (  # noqa: F401
    APPROXIMATE_MIN_UNITS, ARTICLE_LEXICAL_WEIGHT, COVERAGE_WEIGHT, LEXICAL_WEIGHT, PARAM_DEFAULTS, PARAM_TYPES, RESCORE, check_params,
    SECOND_PARAGRAPH_WEIGHT, THIRD_PARAGRAPH_WEIGHT, TITLE_WEIGHT,
)
from topics.search.queries import Query as _Query, QueryResolution, id_shape  # noqa: F401
from topics.search.rerank import DEFAULT_CANDIDATES
from topics.search.scoring import IndexRanking
from topics.validate import check_count, check_embedder_width, unit_rows

FORMAT_VERSION = 1
LEVELS = ("article", "paragraph")
# Parts an index builds on first use (None until then), and where a loaded one was read from.
LATER_PARTS = ("_lexical", "_title_lexical", "_article_lexical", "_lexical_folder", "_article_lexical_folder", "_evidence_texts",
               "_approximate_index", "_rescorer", "_columns", "_saved_in", "_closeness_reference")


def units_aliases(units: pd.DataFrame):
    """The names the units' texts say are one, as every index built from a corpus mines them."""
    from topics.text.alias_mining import mine_aliases

    return mine_aliases(units["text"].tolist())


class Index(IndexRanking, QueryResolution):
    """Searchable paragraphs (or articles) of a corpus, with the embeddings they were indexed by.

    Parameters
    ----------
    units : DataFrame
        ``corpus.units("paragraph")`` (or ``"article"``): unit_id, article_id, text, and
        optionally title and date.
    embeddings : array (n_units, dim)
        Row-aligned with ``units``; re-normalised if not unit length.
    embedder : topics.embedding.embed.Embedder, optional
        Embeds text queries; must be the model that made ``embeddings``.
    model_id : str, optional
        The model that made ``embeddings``, when no embedder is given.
    topic_labels : array (n_units,) or Series indexed by unit_id or article_id, optional
        A topic or theme per unit (e.g. ``TopicModel.labels_``), for ``search(topic=...)``.
    hybrid : bool
        Add max-normalised BM25 (weight ``lexical_weight``) to cosine similarity for text queries.
    second_paragraph_weight : float
        Article score = best paragraph's score + this x the second best's (0: best paragraph only).
    third_paragraph_weight, title_weight : float
        ... + this x the third best's; + this x the idf-weighted share of a text query's words in
        the article title (see :mod:`topics.search.ranking`).
    article_lexical_weight : float
        ... + this x a text query's BM25 over the whole article (title and paragraphs as one text),
        max-normalised; when above 0 the paragraphs count at article level by their cosine alone,
        so the words are counted once, for the article (0: paragraphs by their hybrid score).
    coverage_weight : float
        ... + this x the idf-weighted share of a text query's words found in the whole article.
    fold_duplicates : bool
        Fold articles of one story (near-identical article vectors) into the result above them,
        listed in its ``also`` column.
    rescore : "sentences", "vectors" or None
        Score a text query's ``rescore_candidates`` best paragraphs again with the model in full
        precision, each by the higher of its own cosine and its closest sentence's ("sentences"),
        or by its own cosine ("vectors"); see :mod:`topics.search.rerank`. None: one pass.
    rescore_articles : bool
        Also at article level (the best paragraphs of the ``rescore_candidates`` best articles).
    aliases : topics.text.alias_mining.AliasTable, optional
        Names that are one (mined by ``from_corpus``); a text query's lexical side also looks
        for the other names of every group it mentions.
    approximate : "auto", True or False
        "auto": an approximate index from ``approximate_min_units`` units on, used where it pays.
    """

    def __init__(
        self,
        units: pd.DataFrame,
        embeddings: np.ndarray,
        embedder=None,
        *,
        model_id: str | None = None,
        topic_labels=None,
        hybrid: bool = True,
        lexical_weight: float = LEXICAL_WEIGHT,
        second_paragraph_weight: float = SECOND_PARAGRAPH_WEIGHT,
        third_paragraph_weight: float = THIRD_PARAGRAPH_WEIGHT,
        title_weight: float = TITLE_WEIGHT,
        article_lexical_weight: float = ARTICLE_LEXICAL_WEIGHT,
        coverage_weight: float = COVERAGE_WEIGHT,
        fold_duplicates: bool = True,
        rescore: str | None = RESCORE,
        rescore_candidates: int = DEFAULT_CANDIDATES,
        rescore_articles: bool = False,
        aliases=None,
        approximate: bool | str = "auto",
        approximate_min_units: int = APPROXIMATE_MIN_UNITS,
        random_state: int = 42,
    ):
        self.hybrid = hybrid
        self.lexical_weight = lexical_weight
        self.second_paragraph_weight = second_paragraph_weight
        self.third_paragraph_weight = third_paragraph_weight
        self.title_weight = title_weight
        self.article_lexical_weight = article_lexical_weight
        self.coverage_weight = coverage_weight
        self.fold_duplicates = fold_duplicates
        self.rescore = rescore
        self.rescore_candidates = rescore_candidates
        self.rescore_articles = rescore_articles
        self.aliases = aliases
        self.approximate = approximate
        self.approximate_min_units = approximate_min_units
        self.random_state = random_state
        check_params({name: getattr(self, name) for name in PARAM_TYPES})
        units, embeddings = check_index_units(units, embeddings)
        check_embedder_width(embeddings, embedder)  # its text queries must be as wide: said now, not at the first query
        if embedder is not None and model_id is not None and embedder.model_id != model_id:
            raise ModelMismatchError(f"embedder uses {embedder.model_id!r} but model_id says {model_id!r}")
        self.model_id = embedder.model_id if embedder is not None else model_id
        # How to make a query embedder for this model again (after load): model name and backend.
        self._model_name = embedder.model if embedder is not None else model_id
        self._backend = getattr(embedder, "backend_", None)
        self._embedder = embedder
        labels = align_topic_labels(topic_labels, units) if topic_labels is not None else None
        # Keep each article's units contiguous, so per-article reductions are slices.
        codes = pd.factorize(units["article_id"], sort=False)[0]
        order = np.argsort(codes, kind="stable")
        if not np.array_equal(order, np.arange(len(order))):
            units = units.iloc[order].reset_index(drop=True)
            embeddings = embeddings[order]
            labels = labels[order] if labels is not None else None
        norms = np.linalg.norm(embeddings, axis=1)
        if not np.allclose(norms[norms > 0], 1.0, atol=1e-3):
            embeddings = unit_rows(embeddings)
        self._setup(units, np.ascontiguousarray(embeddings, dtype=np.float32), labels)

    def _setup(self, units: pd.DataFrame, embeddings: np.ndarray, labels) -> None:
        self.units = units
        self.embeddings = embeddings
        self.topic_labels = labels
        codes, article_ids = pd.factorize(units["article_id"], sort=False)
        self._unit_article = codes
        self._article_ids = np.asarray(article_ids, dtype=object)
        self._article_starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(codes) else np.zeros(0, int)
        self._article_ends = np.r_[self._article_starts[1:], len(codes)]
        self._article_row = {a: i for i, a in enumerate(self._article_ids)}
        self._unit_row = {u: i for i, u in enumerate(units["unit_id"])}
        self._id_shapes = {id_shape(str(x)) for x in [*self._article_ids[:1000], *units["unit_id"].iloc[:1000]]}
        self._date_spans = unit_spans(units)  # (first day, last day): a month-only date spans its month
        self._lexical = None
        self._title_lexical = None
        self._article_lexical = None  # BM25 over whole articles (topics.search.scoring)
        self._lexical_folder = self._article_lexical_folder = None  # saved BM25 indexes, read on first use
        self._evidence_texts = None  # the texts the lexical side reads, without credits and datelines (topics.search.furniture)
        self._approximate_index = None
        self._rescorer = None  # topics.search.rerank.Rescorer, made on the first text query
        self._columns = None
        self._closeness_reference = None  # topics.search.closeness, built on the first search
        self._unsaved: set[str] = set()  # parts built since the index was loaded or saved
        self._saved_in = None  # the folder a loaded index was read from, named when it is refused

    # ------------------------------------------------------------ construction

    def __setstate__(self, state: dict) -> None:
        # Pickled by an earlier version: parameters added since at their defaults, the parts built on
        # first use not built yet, the date spans read from the units.
        self.__dict__.update(state)
        later_defaults(self, dict.fromkeys(LATER_PARTS), unstored=("topic_labels",))
        if "_date_spans" not in vars(self):
            self._date_spans = unit_spans(self.units)

    @classmethod
    def from_corpus(cls, corpus, embedder=None, *, level: str = "paragraph", **kwargs) -> Index:
        """Index a Corpus at ``level``, embedding (through the cache) with ``embedder`` (default model)."""
        from topics.embedding.embed import Embedder, embed_units

        embedder = embedder or Embedder()
        units = corpus.units(level)
        kwargs.setdefault("aliases", units_aliases(units))
        return cls(units, embed_units(corpus, level, embedder), embedder, **kwargs)

    @property
    def embedder(self):
        """The Embedder of text queries (created from the index's model on first use)."""
        if self._embedder is None:
            if self.model_id is None:
                raise TopicsError("this index does not know which model made its embeddings: build it with embedder= or model_id=")
            from topics.embedding.embed import Embedder

            self.embedder = Embedder(self._model_name, **({"backend": self._backend} if self._backend else {}))
        return self._embedder

    @embedder.setter
    def embedder(self, embedder) -> None:
        from topics.embedding.onnx_backend import int8_on_another_cpu

        if self.model_id is not None and embedder.model_id != self.model_id:
            if int8_on_another_cpu(self.model_id, embedder.model_id):
                # An index saved on one machine, searched on another: the vectors keep the id they were made under.
                warnings.warn(f"this index holds embeddings made by {self.model_id!r}, the int8 scheme of another kind of "
                              f"CPU; queries are embedded by {embedder.model_id!r}, whose vectors differ slightly",
                              TopicsWarning, stacklevel=2)
                self._embedder = embedder
                return
            self._check_older_model_id(embedder)
        self.model_id = embedder.model_id
        self._embedder = embedder

    def _check_older_model_id(self, embedder) -> None:
        """Refuse a query embedder of another model. An index an older version saved names a model
        folder ``<name>@<12 hex>``: it is this embedder's model when that version's digest of the
        embedder's folder is the one saved, with the same backend."""
        where = f"the index saved in {self._saved_in}" if self._saved_in is not None else "this index"
        if not is_earlier_folder_id(self.model_id):
            raise ModelMismatchError(
                f"{where} holds embeddings made by {self.model_id!r}, but the query embedder uses "
                f"{embedder.model_id!r}; queries must be embedded by the model that embedded the corpus "
                "(use an Embedder of that model, or rebuild the index with the other one)"
            )
        if not earlier_id_names(self.model_id, embedder.model_id, getattr(embedder, "model_source_", None)):
            raise ModelMismatchError(
                f"{where} was written by an older version, which named its embedding model {self.model_id!r} (a model "
                f"folder, by a shorter digest of its files); the query embedder's model {embedder.model_id!r} is not "
                "that folder or not that backend: give the same model folder (and backend), or rebuild the index with this model"
            )

    @property
    def n_units(self) -> int:
        return len(self.units)

    @property
    def n_articles(self) -> int:
        return len(self._article_ids)

    @property
    def dim(self) -> int:
        return int(self.embeddings.shape[1])

    def __repr__(self) -> str:
        if self._approximate_index is not None:
            mode = "approximate" if (self.approximate is True or self._approximate_index.pays_off_) else "exact (approximate does not pay)"
        elif self.approximate is True or (self.approximate == "auto" and self.n_units >= self.approximate_min_units):
            mode = "approximate from the first search"
        else:
            mode = "exact"
        return (
            f"Index({self.n_units} units in {self.n_articles} articles, dim={self.dim}, model={self.model_id!r}, "
            f"{mode}, hybrid={self.hybrid}{', topics' if self.topic_labels is not None else ''})"
        )

    # ------------------------------------------------------------ search

    def search(
        self,
        query,
        k: int = 10,
        level: str = "article",
        *,
        date_from=None,
        date_to=None,
        topic=None,
        kind: str = "auto",
    ) -> pd.DataFrame:
        """The ``k`` nearest articles (or paragraphs) to ``query``, best first.

        ``query`` is a text, an article id or paragraph id ("more like this", the
        article itself excluded), or an embedding vector. ``kind`` forces "text" or
        "id" where a text could be mistaken for an id. Filters: ``date_from`` /
        ``date_to`` (inclusive; each a day, a month "2021-08" or a year "2021"; an article
        dated by month or year only matches when its span overlaps the window; undated
        articles are left out when either is given: :mod:`topics.search.date_filter`)
        and ``topic`` (a label or list of labels from ``topic_labels``).

        Columns: rank, score (see the module notes), cosine (of the paragraph
        shown), article_id, title, date (as precisely as written: "2021-08" for a
        month), paragraph_id, paragraph (its text) — at article level the
        best-matching paragraph of each article — and closeness: how close the result is to
        the query in [0, 1], on the corpus's own scale (:mod:`topics.search.closeness`).
        ``result.attrs["no_close_match"]`` is True when no result is really about the query
        (``attrs["best_closeness"]``: the highest closeness, below 0.2; and no returned paragraph, or article
        headline with its first paragraph, writes every content word of a text query: a bare name the corpus
        writes is not "no close match", ``attrs["no_close_match_lifted"]`` then "every word"); None, with the reason in
        ``attrs["closeness_note"]``, where the corpus is too small to tell.
        """
        return self.search_many([query], k, level, date_from=date_from, date_to=date_to, topic=topic, kind=kind)[0]

    def search_many(self, queries, k: int = 10, level: str = "article", *, date_from=None, date_to=None, topic=None, kind: str = "auto") -> list[pd.DataFrame]:
        """:meth:`search` for many queries at once: text queries are embedded in one batch."""
        k = check_count(k, "k", minimum=1)
        if level not in LEVELS:
            raise InputError("level", f"must be 'article' or 'paragraph', not {level!r}")
        if kind not in ("auto", "text", "id"):
            raise InputError("kind", f"must be 'auto', 'text' or 'id', not {kind!r}")
        if isinstance(queries, str) or (isinstance(queries, np.ndarray) and queries.ndim == 1):
            queries = [queries]
        allowed = self._allowed(date_from, date_to, topic)
        resolved = self._resolve(list(queries), kind)
        vectors = np.stack([q.vector for q in resolved]) if resolved else np.zeros((0, self.dim), np.float32)
        return [self._with_closeness(self._rank(resolved[i], rows, dense, k, level, allowed), resolved[i], level)
                for i, rows, dense in self._dense_scores(vectors, k, level)]

    def _allowed(self, date_from, date_to, topic) -> np.ndarray | None:
        allowed = None
        if date_from is not None or date_to is not None:
            allowed = window_mask(*self._date_spans, date_from, date_to)
        if topic is not None:
            if self.topic_labels is None:
                raise InputError("topic", "this index has no topic labels: build it with topic_labels=model.labels_")
            wanted = list(topic) if isinstance(topic, (list, tuple, set, np.ndarray)) else [topic]
            known = set(pd.unique(self.topic_labels).tolist())
            unknown = [t for t in wanted if t not in known]
            if unknown:
                shown = ", ".join(map(repr, sorted(known, key=str)[:20]))
                raise InputError("topic", f"unknown topic {unknown[0]!r}; this index's topics are {shown}")
            in_topic = np.isin(self.topic_labels, np.asarray(wanted, dtype=object))
            allowed = in_topic if allowed is None else allowed & in_topic
        return allowed

    @property
    def unsaved_parts(self) -> list[str]:
        """Parts built by searches since the index was loaded or saved ("lexical", "approximate")."""
        return sorted(self._unsaved)

    # ------------------------------------------------------------ persistence (topics.search.store)

    def save(self, folder: str | Path) -> Path:
        """Write the index to ``folder`` (JSON, Parquet, .npy, faiss/bm25s files; replaced atomically)."""
        from topics.search.store import save_index

        return save_index(self, folder)

    @classmethod
    def load(cls, folder: str | Path, embedder=None, *, mmap: bool = True) -> Index:
        """Read an index written by :meth:`save`; its approximate and BM25 indexes are not rebuilt.

        Everything read is checked (types in index.json; shape, finiteness and unit length of the
        embeddings; unique text ids): a damaged index raises InputError naming the folder.
        """
        from topics.search.store import load_index

        return load_index(cls, folder, embedder, mmap=mmap)

    @classmethod
    def open_or_build(cls, source: str | Path, embedder=None, *, text_column: str | None = None, id_column: str | None = None,
                      title_column: str | None = None, date_column: str | None = None, hybrid: bool = True, log=None) -> Index:
        """The paragraph index of the corpus at ``source`` (a folder or file), kept in the embedding cache.

        The index saved by an earlier call is read back when the corpus files, the ingest code and
        the model are unchanged (a damaged one is rebuilt, said through ``log``); otherwise the corpus
        is read, embedded through the cache and indexed. Call :meth:`keep` after searching, so the
        next call also finds what the searches built (BM25, approximate index). ``text_column``,
        ``id_column``, ``title_column`` and ``date_column`` name a table's columns, as in :func:`topics.load_corpus`.
        """
        from topics.search.store import open_or_build

        columns = {"text_column": text_column, "id_column": id_column, "title_column": title_column, "date_column": date_column}
        return open_or_build(cls, source, embedder, columns=columns, hybrid=hybrid, log=log)

    def keep(self, log=None) -> None:
        """Save an index from :meth:`open_or_build` back to its place in the cache when it changed
        (a failure to save is said through ``log``: the answers stand, the next run rebuilds)."""
        from topics.search.store import keep

        keep(self, log)




