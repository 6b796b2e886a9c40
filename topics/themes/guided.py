"""Guided themes: the analyst names the themes, the toolkit finds the units with evidence for them.

How a unit is placed (``Themes.fit``; the evidence itself is in :mod:`topics.themes.evidence`):

1. Each theme becomes a prototype vector: its name, description and keywords
   embedded as one sentence with the corpus's own model, averaged with its
   example texts when it has some.
2. Each unit's cosine to each prototype is calibrated against the corpus's
   null for that theme (how close units that are not about it are), and
   the theme's name, keywords and aliases are looked for as words and
   phrases, with the spelling variants the corpus uses (:mod:`topics.text.aliases`),
   outside the sentences the corpus repeats (press-release formulas). A name among the
   keywords counts only in a unit near the theme's subject (``evidence.NAME_ABOUTNESS``).
3. Units with high-precision evidence seed each theme; a classifier learns
   the theme's region from them and extends it only to units with evidence
   of their own. A unit with a keyword of the theme whose nearest units in
   the corpus are often under it joins it too (the word is used in the
   theme's sense there); with ``article_context`` (the default), a paragraph
   takes the theme it is closest to from its article when the article has seeds
   of it and the file covers the article. All this only when the theme file fits the corpus (:mod:`topics.themes.corpus_fit`:
   the corpus is closer to its themes than to unrelated subjects); otherwise
   only the seeds stay. A theme read as a narrow story in a corpus about many
   subjects keeps only its seeds on meaning in a file that fits as well
   (:mod:`topics.themes.breadth`). On short items under themes that divide the
   corpus, being a unit's closest theme, as close as its seeds, is evidence of
   its own (:mod:`topics.themes.closest`).
4. Every unit gets a score in [0, 1] per theme, and belongs to every theme
   whose score reaches ``threshold`` (several themes, or none). Its
   primary theme is the one it scores highest on (with article context, the
   one it is closest to, weighed by what its article is about).

Whatever looks wrong about the theme file on this corpus (a theme with no
evidence, keywords that never occur, two themes that say the same thing, a
theme file that fits little of the corpus) is reported in ``notes_``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from topics._fitted import ModelNotFittedError, refits
from topics._pickled import later_defaults, refuse_missing
from topics.errors import InputError, ModelMismatchError
from topics.validate import NORM_TOLERANCE, check_embeddings, check_units
from topics.themes.calibration import calibrate
from topics.themes.closeness import theme_vectors, unit_closeness
from topics.themes.keywords import ThemeKeywords, without_templates
from topics.themes.nearest import nearest_units
from topics.themes.notes import theme_notes
from topics.themes.passages import neighbour_matrix
from topics.themes.placement import ThemePlacement, _primary
from topics.themes.sentences import SENTENCE_MODES
from topics.themes.siblings import unit_words
from topics.themes.tables import ThemeTables
from topics.themes.themefile import Theme, load_themes

LEXICAL_MODES = ("aliases", "bm25", None)
# What predict and transform read of the fit without a default (a Themes pickled by an earlier version may lack some).
TRANSFORM_STATE = (
    "themes_", "prototypes_", "subject_prototypes_", "template_sentences_", "aliases_", "_alias_columns", "_alias_within",
    "_own_names", "_speaker_columns", "_speaker_model", "subject_centre_", "subject_spread_", "null_centre_",
    "null_spread_", "coef_", "intercept_", "seed_floor_", "keyword_floor_", "context_floor_", "theme_fits_",
    "absent_themes_", "alias_floors_", "lone_floors_", "narrow_themes_", "fits_corpus_",
)
REPR_NAMES_CHARS = 200  # of theme names in the repr; past it, how many more


# The steps of fit live in their own modules: the keywords (ThemeKeywords), the closeness
# (topics.themes.closeness), the evidence (topics.themes.evidence) and the placement (ThemePlacement).
class Themes(ThemeTables, ThemeKeywords, ThemePlacement, BaseEstimator):
    """Find the units (paragraphs or articles) that have evidence for each declared theme.

    Parameters
    ----------
    themes:
        A TOML theme file path, or a list of dicts/``Theme`` objects with
        ``name`` and optional ``description``, ``keywords`` (or ``aliases``)
        and ``examples``.
    threshold:
        Minimum score in [0, 1] for a unit to be under a theme.
    lexical:
        ``"aliases"`` (word and phrase matches of the keywords, with the
        corpus's spelling variants), ``"bm25"`` (a keyword counts where BM25
        finds it) or ``None`` (meaning only).
    z_seed:
        Calibrated similarity (in spreads of the null above its centre) at
        which a unit seeds a theme on meaning alone.
    z_keyword:
        Calibrated similarity a unit with a keyword needs for the keyword
        to count: one spread above the typical unit without the keyword.
    learn:
        Learn each theme's region from its seeds, and let a keyword count
        among the theme's members (False: seeds and semantic evidence only).
    use_context:
        At paragraph level, look at each paragraph in its article: its closeness to a
        theme is mixed with its passage's (it and the paragraphs next to it,
        :mod:`topics.themes.passages`), and a paragraph next to a seed of a theme
        (a quote that continues it) needs no keyword of its own, only to be as
        close to the theme as the corpus's null asks of such paragraphs
        (``context_floor_``) and closer to it than to the other themes, for what was learned to put it under the theme.
    article_context:
        At paragraph level, let a paragraph take the theme it is closest to from its article when it is
        not under it yet, is at least as close to it as the typical unit, the article has
        ``evidence.ARTICLE_CARRY_SEEDS`` seeds of it, and at least half the article's paragraphs are
        under a theme (:func:`topics.themes.passages.article_carry`), and the theme's learned model gives
        it at least ``evidence.CARRY_LEARNED_FLOOR``: a paragraph that continues its
        article's subject without naming it, or names another theme in passing, is placed. Its
        primary theme is then the one with the highest calibrated closeness plus the log share of
        the theme among its article's seeds (:func:`topics.themes.passages.article_prior`). Only
        when the theme file fits the corpus. On by default; off for a file of a few themes out of
        many subjects where what is placed must be as precise as the seeds (the carried paragraphs
        are less so: docs/themes.md, step 9).
    passing_mentions:
        At paragraph level, a paragraph's only keyword of a theme, none of whose hits is in the
        paragraph's lead (its first sentence, run on past one too short to say anything), in a paragraph of three
        sentences or more, where the lead is about something else (calibrated closer to another theme, or less close
        to this one than the typical unit) and its article holds no other keyword of the theme, is no evidence for
        it, and no part of its null (:mod:`topics.themes.salience`); not for a theme the corpus is typically close
        to. Whole articles (units without a ``position``) are read one level up, their paragraphs for sentences: an
        article's one keyword, in one paragraph of an article of eight or more, outside a lead paragraph about
        something else. ``"auto"`` (the default) and ``True``: so; ``False``: every
        keyword is evidence (docs/benchmarks.md: on an ABC News corpus under eight themes the rule raises
        precision from 0.88 to 0.91, and no broad check loses beyond a unit).
    sentences:
        Mix each unit's cosine to a theme with its closest sentence's, so a long unit with one
        sentence squarely on the theme counts (:mod:`topics.themes.sentences`): ``True``,
        ``False``, or ``"auto"`` (when the typical unit has three sentences or more: articles,
        not paragraphs). Embeds the sentences with the units' model (about one more pass).
    random_state:
        Seed of the learning step. Its classifier (logistic regression, lbfgs) is deterministic,
        so today the result does not depend on it; it is kept so a seeded solver can use it.
    """

    def __init__(
        self,
        themes,
        *,
        threshold: float = 0.5,
        lexical: str | None = "aliases",
        z_seed: float = 3.0,
        z_keyword: float = 1.0,
        learn: bool = True,
        use_context: bool = True,
        article_context: bool = True,
        passing_mentions: bool | str = "auto",
        sentences="auto",
        random_state: int | None = 42,
    ):
        self.themes = themes
        self.threshold = threshold
        self.lexical = lexical
        self.z_seed = z_seed
        self.z_keyword = z_keyword
        self.learn = learn
        self.use_context = use_context
        self.article_context = article_context
        self.passing_mentions = passing_mentions
        self.sentences = sentences
        self.random_state = random_state

    def __setstate__(self, state: dict) -> None:
        super().__setstate__(state)
        # Parameters added since it was pickled, at their defaults; a Themes from before passing mentions read none.
        later_defaults(self, {"passing_mentions": False})

    # ------------------------------------------------------------------ fit
    @refits
    def fit(self, units: pd.DataFrame, embeddings: np.ndarray, embedder=None) -> "Themes":
        """Calibrate each theme on the corpus, learn its region and score every unit.

        ``embedder`` must be the model that made ``embeddings`` (default: the
        bundled model); it embeds the theme texts. A fit that fails leaves the Themes as it was.
        """
        from topics.themes import evidence as theme_evidence
        from topics.themes import sentences as theme_sentences

        self._check_params()
        units, embeddings = _check_units(units, embeddings)
        self.themes_ = load_themes(self.themes)
        if embedder is None:
            from topics.embedding.embed import Embedder

            embedder = Embedder()
        self.model_id_ = getattr(embedder, "model_id", None)
        self.prototypes_, self.subject_prototypes_, decoys = theme_vectors(self.themes_, embedder, embeddings.shape[1], self.model_id_)
        texts = units["text"].tolist()
        self._lexical_fit(texts)
        vectors = embeddings.astype(np.float64)
        self.uses_sentences_ = theme_sentences.wanted(self.sentences, texts)
        self._embedder = embedder if self.uses_sentences_ else None
        self._lead_embedder = embedder if self.passing_mentions else None  # reads the lead sentences of passing mentions
        neighbours = neighbour_matrix(units) if self.use_context else None
        # Decoys and subjects in one call: the closest sentences are embedded once.
        similarity, others = self._closeness(texts, vectors, np.vstack([decoys, self.subject_prototypes_]), neighbours)
        decoy_similarity, subject_similarity = others[:, : len(decoys)], others[:, len(decoys) :]
        self.subject_centre_, self.subject_spread_ = calibrate(subject_similarity, self.keyword_hits_)
        self._speaker_columns = self._speakers(similarity)
        self.speaker_names_ = [[self.aliases_[c] for c in columns if c in self._speaker_columns] for columns in self._alias_columns]
        keyword_hits, name_hits, speaker_masks = self._about_hits(
            self.keyword_hits_, *(self._theme_hits(texts, self._alias_hits, kind) for kind in ("subject names", "speakers")),
            self._word_hits, self._own_name_hits, subject_similarity,
        )
        passing = self._passing(without_templates(texts, self.template_sentences_), self._alias_hits, units, similarity,
                                decoy_similarity)
        # A passing mention is no evidence for the theme, nor does its unit stand for the units off the theme (the null).
        null_hits = keyword_hits if passing.any() else None
        keyword_hits, name_hits = _without(keyword_hits, passing), _without(name_hits, passing)
        title_hits = _without(self._theme_hits(texts, self._alias_hits, "title"), passing)
        self.name_evidence_ = name_hits  # (unit, theme): a name of the theme occurs and counts
        evidence = theme_evidence.gather(
            similarity,
            keyword_hits,
            vectors,
            name_hits=name_hits,
            decoy_similarity=decoy_similarity,
            neighbours=neighbours,
            nearest=nearest_units(vectors) if self.learn else None,
            kinds=self._theme_kinds(),
            threshold=self.threshold,
            z_seed=self.z_seed,
            z_keyword=self.z_keyword,
            learn=self.learn,
            random_state=self.random_state,
            article_context=self.article_context,
            alias_hits=[self._alias_hits[:, columns] for columns in self._alias_columns] if self.lexical == "aliases" else None,
            alias_within=self._alias_within if self.lexical == "aliases" else None,
            keyword_found=self.keyword_hits_.any(axis=0) if self.lexical is not None else None,
            null_hits=null_hits,
            title_hits=title_hits,
            articles=units["article_id"].to_numpy() if {"article_id", "position"} <= set(units.columns) else None,
            sibling_words=unit_words(self.keyword_hits_, _article_ids(units)),
            **speaker_masks,
        )
        self._set_evidence(evidence)
        self.units_ = units
        self.notes_ = theme_notes(self)
        return self

    def fit_predict(self, units: pd.DataFrame, embeddings: np.ndarray, embedder=None) -> np.ndarray:
        """Primary theme name per unit (``None`` = under no theme)."""
        return self.fit(units, embeddings, embedder).predicted_themes_

    def predict(self, units: pd.DataFrame, embeddings: np.ndarray) -> np.ndarray:
        """Primary theme name per new unit, with the calibration and models learned in fit (``None`` = none)."""
        evidence = self._evidence(units, embeddings)
        labels = _primary(evidence.score, evidence.z, self.threshold, evidence.article_prior)
        return np.array([self.theme_names_[i] if i >= 0 else None for i in labels], dtype=object)

    def transform(self, units: pd.DataFrame, embeddings: np.ndarray) -> np.ndarray:
        """(n, n_themes) score in [0, 1] of each new unit for each theme."""
        return self._evidence(units, embeddings).score.astype(np.float32)

    def _evidence(self, units: pd.DataFrame, embeddings: np.ndarray):
        """The evidence of new units, with the calibration and models learned in fit."""
        from topics.text import aliases as lex
        from topics.themes import evidence as theme_evidence

        self._check_fitted()
        refuse_missing(self, TRANSFORM_STATE, "predict and transform")
        units, embeddings = _check_units(units, embeddings)
        if embeddings.shape[1] != self.prototypes_.shape[1]:
            raise ModelMismatchError(
                f"these embeddings have {embeddings.shape[1]} dimensions; the themes were fitted on {self.prototypes_.shape[1]}"
            )
        texts = without_templates(units["text"].tolist(), self.template_sentences_)
        alias_hits = lex.alias_hits(texts, self.aliases_, getattr(self, "_capital_columns", ()))
        vectors = embeddings.astype(np.float64)
        neighbours = neighbour_matrix(units) if self.use_context else None
        similarity, subject_similarity = self._closeness(units["text"].tolist(), vectors, self.subject_prototypes_, neighbours)
        hits, name_hits, speaker_masks = self._about_hits(*(self._theme_hits(texts, alias_hits, kind)
                                             for kind in ("all", "subject names", "speakers", "words", "own")), subject_similarity)
        # New units' placements on meaning alone are read against the fit's worded members and siblings (a Themes fitted
        # before they were kept has none: no such test).
        reference = getattr(self, "sibling_reference_", None)
        words = None if reference is None else unit_words(self._theme_hits(texts, alias_hits), _article_ids(units))
        passing = self._passing(texts, alias_hits, units)
        hits, name_hits = _without(hits, passing), _without(name_hits, passing)
        title_hits = _without(self._theme_hits(texts, alias_hits, "title"), passing)
        return theme_evidence.combine(
            similarity, hits, vectors,
            self.null_centre_, self.null_spread_, self.coef_, self.intercept_,
            name_hits=name_hits,
            neighbours=neighbours,
            nearest=nearest_units(vectors) if self.learn else None,
            kinds=self._theme_kinds(),
            threshold=self.threshold, z_seed=self.seed_floor_, z_keyword=self.keyword_floor_,
            context_floor=self.context_floor_, theme_fits=self.theme_fits_, absent=self.absent_themes_,
            article_context=self.article_context, speaker_model=self._speaker_model, **speaker_masks,
            alias_hits=[alias_hits[:, columns] for columns in self._alias_columns], alias_floors=self.alias_floors_,
            alias_within=self._alias_within, lone_floors=self.lone_floors_, narrow=self.narrow_themes_,
            closest_floor=getattr(self, "closest_floor_", None), fits=self.fits_corpus_,
            regime=getattr(self, "learning_themes_", None), title_hits=title_hits, sibling_words=words,
            sibling_reference=reference,
        )

    @property
    def theme_names_(self) -> list[str]:
        self._check_fitted()
        return [theme.name for theme in self.themes_]

    # ------------------------------------------------------------ results
    def __repr__(self, N_CHAR_MAX: int = 700) -> str:
        # As scikit-learn's: the parameters that differ from their defaults; a theme file by its path,
        # themes given as such by their number and names.
        defaults = Themes(None).get_params(deep=False)
        changed = [f"{k}={v!r}" for k, v in self.get_params(deep=False).items() if k != "themes" and v != defaults[k]]
        given = isinstance(self.themes, (str, Path))
        shown = f"Themes({', '.join([repr(str(self.themes)) if given else _themes_shown(self.themes), *changed])})"
        if not hasattr(self, "labels_"):
            return shown
        assigned = int(self.memberships_.any(axis=1).sum())
        names = f"{_themes_shown(self.themes_)[1:-1]}; " if given else ""
        return f"{shown} fitted: {names}{assigned} of {len(self.labels_)} units under a theme"

    def _repr_html_(self) -> str:
        from topics.viz.display import themes_html
        return themes_html(self)

    def _repr_mimebundle_(self, **kwargs) -> dict:
        # Jupyter asks for this before _repr_html_; scikit-learn's own would draw its estimator diagram.
        return {"text/plain": repr(self), "text/html": self._repr_html_()}

    # ---------------------------------------------------------- save / load (topics.themes.persist)
    def to_dict(self) -> dict:
        """The declared themes and parameters as plain JSON data (what ``save`` writes)."""
        from topics.themes.persist import themes_to_dict

        return themes_to_dict(self)

    def save(self, path: str | Path) -> Path:
        """Write the declared themes and parameters to a JSON file (atomically), and, when fitted, what ``fit``
        learned (the units, their scores and themes, the calibration): ``Themes.load`` reads it back. A path named
        .toml, .yaml or .yml is refused (a theme file of that name is read as that format), as are a
        folder and a place that cannot be written: InputError naming the path."""
        from topics.themes.persist import save_themes

        return save_themes(self, path)

    @classmethod
    def load(cls, path: str | Path, embedder=None) -> "Themes":
        """The Themes saved by ``save``: fitted as it was when it was saved fitted, else unfitted (as is a file
        saved before the fit was kept). ``embedder``: what ``predict`` and ``transform`` embed new units' sentences
        with where the fit did (as ``fit``'s; the bundled model's when None)."""
        from topics.themes.persist import load_themes_file

        return load_themes_file(cls, path, embedder)

    # ------------------------------------------------------------ internals
    def _check_params(self) -> None:
        # Each as TopicModel checks its own: a wrong type is named here, not met as a TypeError deep in the fit.
        for name, ok, what in _PARAM_CHECKS:
            if not ok(getattr(self, name)):
                raise InputError("Themes", f"{name} must be {what}, not {getattr(self, name)!r}")
        if not 0.0 < self.threshold <= 1.0:
            raise InputError("Themes", f"threshold must be in (0, 1], got {self.threshold!r}")
        if self.lexical not in LEXICAL_MODES:
            raise InputError("Themes", f"lexical must be one of {LEXICAL_MODES}, got {self.lexical!r}")
        if self.sentences not in SENTENCE_MODES:
            raise InputError("Themes", f"sentences must be 'auto', True or False, got {self.sentences!r}")
        if not (isinstance(self.passing_mentions, bool) or self.passing_mentions == "auto"):
            raise InputError("Themes", f"passing_mentions must be 'auto', True or False, got {self.passing_mentions!r}")
        if not self.z_seed > max(self.z_keyword, 0.0):
            raise InputError("Themes", f"z_seed ({self.z_seed!r}) must be positive and above z_keyword ({self.z_keyword!r})")

    def _check_fitted(self) -> None:
        if not hasattr(self, "labels_"):
            raise ModelNotFittedError("this Themes is not fitted yet; call fit(units, embeddings) first")

    def _theme_index(self, theme: str) -> int:
        names = self.theme_names_
        if theme not in names:
            raise InputError("Themes", f"no theme named {theme!r} (themes: {', '.join(names)})")
        return names.index(theme)

    def _passing(self, texts, alias_hits, units, similarity=None, decoy_similarity=None) -> np.ndarray:
        """(n, k) paragraphs whose one keyword of a theme is a passing mention (:mod:`topics.themes.salience`):
        none when ``passing_mentions`` is off, for article units, and for a theme the corpus is about throughout (``similarity``
        and ``decoy_similarity`` given: in fit; afterwards the themes found then, ``passing_themes_``); and on every
        theme, a keyword said aside in a sentence about another theme of the unit (:mod:`topics.themes.asides`)."""
        from topics.themes import asides, corpus_fit, salience

        if similarity is not None:
            self.asides_ = asides.ASIDES  # kept with the fit: a Themes saved before asides were read transforms as it fitted
            self.passing_themes_ = np.zeros(len(self.themes_), dtype=bool)
            if self.passing_mentions and self.lexical == "aliases":
                self.passing_themes_ = ~corpus_fit.about_throughout(similarity, decoy_similarity, self.keyword_hits_)
                # The null the units are calibrated on, before any keyword is read as passing; kept whatever units
                # fit saw (whole articles are not read), so new paragraphs' leads are read against it too.
                self._lead_null = calibrate(similarity, self.keyword_hits_)
        themes = getattr(self, "passing_themes_", np.zeros(len(self.themes_), dtype=bool))
        embedder = getattr(self, "_lead_embedder", None)

        def lead_closeness(leads):
            centre, spread = self._lead_null
            return (np.asarray(embedder.encode(leads), dtype=np.float64) @ self.prototypes_.astype(np.float64).T - centre) / spread

        # A keyword said aside, in a sentence about another theme the unit is about: on every theme (module doc).
        aside = np.zeros((len(texts), len(self.themes_)), dtype=bool)
        if getattr(self, "asides_", False) and embedder is not None and hasattr(self, "_lead_null"):  # keywords read as aliases (above)
            aside = asides.said_aside(texts, alias_hits, self._alias_columns, self._alias_within, self.aliases_,
                                      getattr(self, "_capital_columns", ()), lead_closeness,
                                      [self._named(c) for c in range(len(self.aliases_))])
        # Units without a position in an article are whole articles, read one level up (their paragraphs for sentences).
        whole = "position" not in units.columns
        if not themes.any() or not (whole or "article_id" in units.columns):
            return aside
        named = [self._named(c) for c in range(len(self.aliases_))]
        passing = salience.passing_mentions(texts, alias_hits, self._alias_columns, self._alias_within, named, self.aliases_,
                                            getattr(self, "_capital_columns", ()), None if whole else units["article_id"].to_numpy(),
                                            lead_closeness if embedder is not None else None, whole_articles=whole)
        return (passing & themes[None, :]) | aside

    def _closeness(self, texts, vectors, others=None, neighbours=None):
        """(units' closeness to each theme, to each of ``others``): :func:`topics.themes.closeness.unit_closeness`."""
        sentences = getattr(self, "uses_sentences_", False)
        embedder = self._embedder if sentences else None
        return unit_closeness(self.prototypes_, texts, vectors, others, neighbours, sentences=sentences, embedder=embedder)


def _is_number(value) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_)) and bool(np.isfinite(value))


def _is_flag(value) -> bool:
    return isinstance(value, (bool, np.bool_))


# (parameter, its check, what it must be), before the checks of their ranges in _check_params.
_PARAM_CHECKS = (
    ("threshold", _is_number, "a number"), ("z_seed", _is_number, "a number"), ("z_keyword", _is_number, "a number"),
    ("learn", _is_flag, "True or False"), ("use_context", _is_flag, "True or False"),
    ("article_context", _is_flag, "True or False"),
    ("random_state", lambda v: v is None or (isinstance(v, (int, np.integer)) and not _is_flag(v) and 0 <= v < 2**32),
     "None or a whole number from 0 to 2**32 - 1"),
)


def _themes_shown(themes) -> str:
    """``<3 themes: 'drones', 'ISIS-K', 'al-Qaeda'>``, the names cut short past ``REPR_NAMES_CHARS``;
    what is not a list of themes (yet: fit says why) as Python shows it."""
    import reprlib

    from topics.text.plain_text import shorten

    try:
        names = [repr(shorten(theme.name, 60)) for theme in load_themes(themes)]
    except InputError:
        return reprlib.repr(themes)
    shown, length = [], 0
    for name in names:
        length += len(name) + 2
        if shown and length > REPR_NAMES_CHARS:
            shown.append(f"… {len(names) - len(shown)} more")
            break
        shown.append(name)
    return f"<{len(names)} theme{'s' if len(names) != 1 else ''}: {', '.join(shown)}>"


def _article_ids(units):
    """Each unit's article (None: units without one are their own articles)."""
    return units["article_id"].to_numpy() if "article_id" in units.columns else None


def _without(hits, passing):
    """``hits`` less the passing mentions (None stays None: no names read)."""
    return None if hits is None else hits & ~passing


def _check_units(units, embeddings) -> tuple[pd.DataFrame, np.ndarray]:
    units = check_units(units, what="units to assign")
    embeddings = check_embeddings(embeddings, n_rows=len(units), zero_rows=True, normalise=False, dtype=None)
    # Similarities are read as cosines: a model whose vectors are not of length 1 (or vectors scaled by the
    # caller) has its rows scaled to length 1, as TopicModel does; rows already of length 1 stay as given.
    norms = np.linalg.norm(embeddings, axis=1)
    off = (norms > 0) & (np.abs(norms - 1.0) > NORM_TOLERANCE)
    if off.any():
        embeddings = np.array(embeddings, dtype=np.result_type(embeddings.dtype, np.float32))
        embeddings[off] /= norms[off, None].astype(embeddings.dtype)
    return units, embeddings


__all__ = ["Themes", "Theme", "load_themes"]
