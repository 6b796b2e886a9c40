"""One call from a corpus to fitted topics: load -> embed (cached) -> fit -> result.

The command line (``topics report``) and notebooks both go through
:func:`find_topics`, so everything the CLI does is available as a library call::

    import topics
    result = topics.find_topics("seeds/")
    result.model.topic_info()
    result.write_report("artifacts/report")
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np
import pandas as pd

from topics.console import visible
from topics.errors import InputError
from topics.modeling.model_input import CORPUS_LEVELS, DEFAULT_LEVEL
from topics.modeling.sampling import DEFAULT_MAX_FIT_UNITS
from topics.validate import user_path

MIN_UNITS = 3  # fewer units than this cannot be laid out or clustered meaningfully
SKIPS_SHOWN = 10  # skipped documents named one by one in the log; the rest are counted


@dataclass(frozen=True)
class TopicsResult:
    """Everything one run produced: the corpus, its units and vectors, the fitted model.

    ``units`` and ``embeddings`` (the units' own vectors) are row-aligned; ``model`` is a fitted
    :class:`topics.modeling.model.TopicModel`, fitted on the vectors with the corpus's formulas left out
    (``model.embeddings_``, :mod:`topics.modeling.formulas`); ``themes`` a fitted
    :class:`topics.themes.guided.Themes` when declared themes were given.
    """

    source: str
    level: str
    corpus: Any
    units: pd.DataFrame
    embeddings: np.ndarray
    model: Any
    embedding_model: str
    themes: Any = None
    theme_source: str | None = None
    parameters: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    created_at: str = ""
    previous: Any = None  # the earlier run compared with (topics.modeling.previous.PreviousRun), or None
    previous_rows: Any = None  # per unit, its row in the earlier run (-1 = new)
    update_mode: str | None = None  # "update" (new units assigned, no refit) or "refit"

    def since_last_run(self) -> dict | None:
        """What changed since the earlier run given as ``previous`` (None without one); see
        :func:`topics.modeling.update.since_last_run`."""
        if self.previous is None:
            return None
        from topics.modeling.update import since_last_run

        return since_last_run(self.model, self.previous, self.previous_rows, self.update_mode, corpus=self.corpus)

    @property
    def n_topics(self) -> int:
        return len(self.model.topic_ids_)

    @property
    def n_outliers(self) -> int:
        return int(np.sum(np.asarray(self.model.labels_) == -1))

    def summary(self) -> dict:
        return {
            "source": self.source,
            "articles": len(self.corpus.articles),
            "paragraphs": len(self.corpus.paragraphs),
            "level": self.level,
            "units": len(self.units),
            "topics": self.n_topics,
            "outliers": self.n_outliers,
            "embedding_model": self.embedding_model,
        }

    def write_report(self, out: str | Path = "artifacts/report", log: Callable[[str], None] | None = None):
        """Write the HTML/Markdown/JSON/CSV/PNG report into folder ``out``; see :func:`topics.report.write_report`."""
        from topics.report import write_report

        return write_report(self, out, log=log)

    def __repr__(self) -> str:
        s = self.summary()
        return (
            f"TopicsResult({s['topics']} topics over {s['units']} {self.level} units of "
            f"{s['articles']} articles, {s['outliers']} outliers, source={s['source']!r})"
        )


def find_topics(
    source,
    *,
    level: str = DEFAULT_LEVEL,
    n_topics: int | None = None,
    min_topic_size: int | None = None,
    word_weight: float = 0.0,
    reduce_outliers: bool = False,
    max_fit_units: int | None = DEFAULT_MAX_FIT_UNITS,
    themes=None,
    guided: bool = False,
    embedding_model: str | None = None,
    embedder=None,
    text_column: str | None = None,
    id_column: str | None = None,
    title_column: str | None = None,
    date_column: str | None = None,
    cache_dir: str | Path | None = None,
    random_state: int = 42,
    previous: str | Path | None = None,
    log: Callable[[str], None] | None = None,
) -> TopicsResult:
    """Load ``source``, embed its units (through the cache) and fit a topic model.

    ``source`` is anything :func:`topics.load_corpus` reads (folder, file,
    DataFrame) or a ready :class:`topics.Corpus`. ``themes`` (a theme file
    path, a list of theme dicts, or a :class:`topics.themes.guided.Themes`) also
    places every unit under one of the declared themes, or none, next to
    the discovered topics (``result.themes``, a fitted Themes). With
    ``guided=True`` the themes also steer the topic model, as
    ``TopicModel(themes=...)`` does: the declared themes are the first
    topics, and the units under none are clustered into topics of their own.
    ``word_weight`` > 0 finds the units' neighbours by their words as well as their meaning
    (``TopicModel(word_weight=...)``, :mod:`topics.modeling.word_graph`).
    Past ``max_fit_units`` units the clustering is fitted on a sample of that size (see
    :class:`topics.TopicModel`); None fits on every unit.
    ``embedder`` overrides ``embedding_model``/``cache_dir`` with a ready
    :class:`topics.Embedder`. ``text_column``, ``id_column``, ``title_column`` and ``date_column``
    name a table's columns, as in :func:`topics.load_corpus`.
    ``previous``: an earlier report folder or saved model of this corpus; topics keep its ids,
    and when the corpus grew by a small share the new units are assigned to its topics without
    refitting (:mod:`topics.modeling.update`): its topics, their number and their kind (outliers or
    none) stay, and ``n_topics`` applies only when the change is large enough to refit;
    ``result.since_last_run()`` says what changed.
    ``log`` receives one line per step (the CLI prints them on stderr).
    """
    _check_request(level, n_topics, themes, guided)
    if previous is not None and guided:
        raise InputError(previous, "an earlier run cannot steer guided topics: leave out --guided or --previous")
    previous_run = _read_previous(previous)  # a wrong folder fails before the slow steps
    log = log or (lambda message: None)
    timings: dict[str, float] = {}
    created_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    theme_estimator = _theme_estimator(themes, random_state) if themes is not None else None  # a broken file fails first
    columns = {"text_column": text_column, "id_column": id_column, "title_column": title_column, "date_column": date_column}
    corpus, units = _read_units(source, level, columns, timings, log, n_topics)

    if embedder is None:
        from topics.embedding.embed import Embedder

        embedder = Embedder(embedding_model, cache_dir=cache_dir)
    rows = None
    if previous_run is not None:
        from topics.modeling.previous import check_previous, current_ids

        # Before the embedding, which an uncached corpus pays for in minutes: the earlier run's level,
        # model and backend (the embedder's id names both) and its units are known already.
        checked_model = embedder.model_id
        rows = check_previous(previous_run, level, checked_model, units["unit_id"], units["text"].tolist(),
                              model_source=embedder.model_source_)
    embeddings = _embed_units(corpus, level, embedder, timings, log)
    if previous_run is not None:
        if embedder.model_id != checked_model:  # the model could not run as asked (a fallback to torch)
            rows = check_previous(previous_run, level, embedder.model_id, units["unit_id"], units["text"].tolist(),
                                  model_source=embedder.model_source_)
        previous_run = current_ids(previous_run, rows, units["unit_id"])
    if guided:  # fitted here, with the corpus's embedder, before they steer the topic model
        _fit_themes(theme_estimator, units, embeddings, embedder, timings, log)
    model, update_mode = _fit_model(
        corpus, units, level, embeddings, embedder, timings, log, previous_run, rows,
        n_topics=n_topics,
        min_topic_size=min_topic_size,
        word_weight=word_weight,
        reduce_outliers=reduce_outliers,
        random_state=random_state,
        max_fit_units=max_fit_units,
        themes=theme_estimator if guided else None,
    )
    theme_model = theme_estimator if guided else None
    if theme_estimator is not None and not guided:
        theme_model = _fit_themes(theme_estimator, units, embeddings, embedder, timings, log)

    return TopicsResult(
        source=getattr(corpus, "source", str(source)),
        level=level,
        corpus=corpus,
        units=units,
        embeddings=embeddings,
        model=model,
        embedding_model=embedder.model_id,
        themes=theme_model,
        theme_source=_theme_source(themes),
        parameters=model_parameters(model),
        timings=timings,
        created_at=created_at,
        previous=previous_run,
        previous_rows=rows,
        update_mode=update_mode,
    )


def _check_request(level: str, n_topics, themes, guided: bool) -> None:
    """Refuse an impossible request before anything is read or embedded."""
    if level not in CORPUS_LEVELS:
        raise InputError(None, f"level must be 'paragraph' or 'article', not {level!r}")
    if guided and themes is None:
        raise InputError(None, "guided topics need themes: pass a theme file or a list of themes")
    if n_topics is not None and (isinstance(n_topics, bool) or int(n_topics) < 1):
        raise InputError(None, f"the number of topics must be a positive integer, not {n_topics!r}")


def _read_units(source, level: str, columns: dict, timings: dict, log, n_topics=None):
    """(corpus, its units at ``level``); too few units to cluster (or to make ``n_topics`` topics of) is an
    error naming the source."""
    from topics.modeling.model_input import check_article_paragraphs

    with _step("read", timings):
        corpus = _as_corpus(source, columns)
        source_name = getattr(corpus, "source", str(source))
        if level == "article":
            check_article_paragraphs(corpus, source_name)
        units = corpus.units(level)
    n_skipped = len(corpus.skipped)
    summary = corpus.summary()
    collapsed = [f"{summary[key]} {what}" for key, what in (("duplicate_articles", "duplicate articles"),
                                                             ("duplicate_paragraphs", "duplicate paragraphs")) if summary[key]]
    log(f"read {source_name}: {len(corpus.articles)} articles, {len(corpus.paragraphs)} paragraphs"
        + (f"; {n_skipped} skipped" if n_skipped else "") + (f"; {' and '.join(collapsed)} collapsed" if collapsed else "")
        + f" ({timings['read']:.1f} s)")
    for row in corpus.skipped.head(SKIPS_SHOWN).itertuples(index=False):  # e.g. a report folder inside the corpus
        log(visible(f"skipped {row.source}: {row.reason}"))  # a file's name on one line, inert, whatever the log
    if n_skipped > SKIPS_SHOWN:  # a rule that drops many articles must not hide behind the first few lines
        log(f"skipped {n_skipped - SKIPS_SHOWN} more (`topics ingest` lists every one)")
    if len(units) < MIN_UNITS:
        raise InputError(source_name, f"{len(units)} {level} units; at least {MIN_UNITS} are needed to find topics")
    if n_topics is not None and int(n_topics) > len(units):
        raise InputError(source_name, f"{len(units)} {level} units cannot make {int(n_topics)} topics: ask for at most "
                                      f"{len(units)} (n_topics, --n-topics)")
    return corpus, units


def _embed_units(corpus, level: str, embedder, timings: dict, log) -> np.ndarray:
    """The units' vectors through the embedding cache, with how many were computed."""
    from topics.embedding.embed import embed_units

    log(f"embedding {len(corpus.paragraphs)} paragraphs with {embedder.model_id}")
    with _step("embed", timings):
        cached_before = embedder.n_from_cache_
        embeddings = embed_units(corpus, level, embedder)
    cached = embedder.n_from_cache_ - cached_before
    log(f"embedded: {len(corpus.paragraphs) - cached} computed, {cached} from cache ({timings['embed']:.1f} s)")
    return embeddings


def _clustering_vectors(corpus, level: str, embedder, paragraph_vectors) -> np.ndarray:
    """The vectors the topic model clusters, where it is not fitted on the units alone: the units' own,
    with the sentences the corpus repeats across its articles left out (:mod:`topics.modeling.formulas`);
    ``paragraph_vectors``: the paragraphs' own."""
    from topics.modeling.formulas import clustering_vectors

    return clustering_vectors(corpus, level, embedder, paragraph_vectors)


def _fit_model(corpus, units, level: str, embeddings, embedder, timings: dict, log, previous=None, rows=None, **params):
    """(model, update mode): a TopicModel fitted on the units (or the identical fit from the cache), or,
    with an earlier run, updated from it (few new units) or refitted with its topic ids kept.
    ``embeddings``: the units' own vectors; the model clusters them with the corpus's formulas left out."""
    from topics.modeling.fitcache import fit_cached  # an unchanged corpus reuses its fitted model
    from topics.modeling.model import TopicModel
    from topics.modeling import update

    model = TopicModel(embedder=embedder, **params)
    mode = None
    # The paragraphs' own vectors (an article's is their mean), so that what is embedded below is the texts
    # without the corpus's formulas only.
    paragraph_vectors = embeddings if level == "paragraph" else embedder.encode(corpus.paragraphs["text"].tolist())
    counts_before = _embedded_counts(embedder)
    if previous is not None and update.should_update(rows, update.joined_since_fit(previous)):
        mode = "update"
        log(f"assigning {int((rows < 0).sum())} new of {len(units)} {level} units to the topics of {previous.folder}")
        if previous.clustering == "guided":
            log("the earlier run's topics were steered by its declared themes: new units join them by closeness, "
                "as any earlier topic's; the theme file is not read again")
        if params.get("n_topics") is not None and params["n_topics"] != len(previous.topics):
            log(f"n_topics={params['n_topics']} left unused: an update keeps the earlier run's {len(previous.topics)} topics (a refit would use it)")
        settings = previous.outlier_settings
        asked = (bool(params.get("reduce_outliers", False)), params.get("outlier_similarity"))
        if settings is not None and asked != settings:
            log(f"reduce_outliers={asked[0]}, outlier_similarity={asked[1]} left unused: an update places new units with the "
                f"earlier run's floors (reduce_outliers={settings[0]}, outlier_similarity={settings[1]}; a refit would use them)")
        with _step("fit", timings):
            update.update_model(model, previous, rows, units, _clustering_vectors(corpus, level, embedder, paragraph_vectors))
    else:
        log(f"finding topics among {len(units)} {level} units")
        with _step("fit", timings):
            # Paragraphs: the model leaves the formulas out itself, as any fit of paragraph units does.
            # An article's formula-free vector is a mean over its paragraphs, which only the corpus has.
            given = embeddings if level == "paragraph" else _clustering_vectors(corpus, level, embedder, paragraph_vectors)
            fit_cached(model, units, given, embedder.cache_dir)
            if previous is not None:
                mode = "refit"
                earlier = np.where(rows >= 0, previous.labels[np.maximum(rows, 0)], -1)
                # The earlier topics each may continue, then seen units back where they still look like
                # members, then the ids of the topics that continue one (both majorities).
                update.keep_ids(model, earlier, previous.topics["topic_id"], both_sides=False)
                back = update.keep_seen_units(model, earlier, previous.topics["topic_id"])
                log(f"{back} seen units the refit had moved still look like members of their earlier topic: kept there")
                # Subtopics, when asked for, are found afresh and numbered as the earlier ones they continue.
                model._subtopics_update = (model.labels_, previous, rows, True)
    model.corpus_level_ = level  # fitted on the corpus's vectors: predict asks new articles for their corpus too
    # Rows the clustering saw otherwise than as embedded (the fit normalises rows again: last bits aside).
    changed = int((np.abs(model.embeddings_ - embeddings).max(axis=1) > 1e-4).sum())
    if changed:
        # What the fit embedded is the corpus's texts without those sentences (declared themes come fitted).
        texts, cached = (int(n) for n in np.subtract(_embedded_counts(embedder), counts_before))
        embedded = (f"{texts} paragraph texts without them embedded: {texts - cached} computed, {cached} from cache"
                    if texts else "the fit read from the cache")
        log(f"{changed} {level} units clustered without the sentences the corpus repeats across its articles ({embedded})")
    n_outliers = int(np.sum(np.asarray(model.labels_) == -1))
    n_topics = len(model.topic_ids_)
    log(f"found {n_topics} topic{'' if n_topics == 1 else 's'}, {n_outliers} outlier{'' if n_outliers == 1 else 's'} ({timings['fit']:.1f} s)")
    return model, mode


def _embedded_counts(embedder) -> tuple[int, int]:
    """(texts given to the embedder, those of them from its cache) so far."""
    return embedder.n_texts_, embedder.n_from_cache_


def _read_previous(previous):
    if previous is None:
        return None
    from topics.modeling.previous import read_previous

    return read_previous(previous)


def model_parameters(model) -> dict:
    """The model's parameters as plain JSON values, plus what it settled on when left automatic."""
    params = model.get_params(deep=False) if hasattr(model, "get_params") else dict(vars(model))
    plain = {}
    for name, value in params.items():
        if name.endswith("_") or name.startswith("_"):
            continue
        if (name == "themes" and value is None) or name == "embedder":  # the embedder is reported as the embedding model
            continue
        if value is None or isinstance(value, (bool, int, float, str)):
            plain[name] = value.item() if isinstance(value, np.generic) else value
        else:
            plain[name] = str(value)
    if getattr(model, "mode_", None) is not None:
        plain["clustering"] = str(model.mode_)
    if getattr(model, "fit_sample_size_", None) is not None:
        plain["units the clustering was fitted on"] = int(model.fit_sample_size_)
    if getattr(model, "units_at_fit_", None) is not None:  # an update counts the corpus's growth from it
        plain["units when the topics were fitted"] = int(model.units_at_fit_)
    # Learned counterparts of automatic parameters (e.g. min_topic_size_), when the model exposes them.
    for name in list(plain):
        learned = getattr(model, f"{name}_", None)
        if isinstance(learned, (int, float, np.integer, np.floating)) and not isinstance(learned, bool):
            plain[f"{name} (used)"] = learned.item() if isinstance(learned, np.generic) else learned
    return plain


def _as_corpus(source, columns: dict):
    from topics.ingest.corpus import Corpus, load_corpus

    if isinstance(source, Corpus):
        return source
    if isinstance(source, (str, Path)) and not user_path(source).exists():
        raise InputError(user_path(source), "no such file or folder")
    return load_corpus(source, **columns)


def _fit_themes(estimator, units, embeddings, embedder, timings, log):
    log(f"looking for evidence of {len(estimator.themes)} declared themes")
    with _step("themes", timings):
        estimator.fit(units, embeddings, embedder)
    under = int(estimator.memberships_.any(axis=1).sum())
    log(f"themes: {under} of {len(units)} units under at least one theme ({timings['themes']:.1f} s)")
    for note in estimator.notes_:
        log(f"themes: {note}")
    return estimator


def _theme_source(themes) -> str | None:
    """The theme file ``themes`` names, given as such or held by a Themes; None for themes given as data."""
    themes = getattr(themes, "themes", themes)  # a Themes holds what it was given
    return str(themes) if isinstance(themes, (str, Path)) else None


def _theme_estimator(themes, random_state):
    """An unfitted Themes holding the declared themes, read and checked now (before any slow step)."""
    import copy

    from topics.themes.themefile import load_themes
    from topics.themes.guided import Themes

    if isinstance(themes, Themes):
        estimator = copy.copy(themes)  # keep the caller's settings, leave the caller's object unfitted
    else:
        estimator = Themes(themes, random_state=random_state)
    estimator.themes = load_themes(estimator.themes)
    return estimator


@contextlib.contextmanager
def _step(name: str, timings: dict) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = round(time.perf_counter() - started, 3)
