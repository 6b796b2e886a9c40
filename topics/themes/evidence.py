"""Absolute evidence for declared themes: a floor per theme calibrated on the corpus, seeds, learning.

The question asked of every (unit, theme) pair is "is there evidence, of the
unit's own, that it is about this theme?", never "which theme is it least far
from?". So a corpus that does not talk about a theme gives that theme almost
nothing, and a unit can be about several themes at once.

1. **Semantic evidence, calibrated.** Each unit's cosine to the theme's
   prototype (name, description, keywords, examples) is turned into a
   z-score against the corpus's *null* for that theme: how similar units
   that are not about it are. Units off a theme are the bulk of the
   similarity distribution and sit at and below its median, so the null's
   centre is the median and its spread is measured on the lower half only
   (units about the theme lie in the upper tail and do not inflate it).
2. **Lexical evidence.** The theme's name, keywords and aliases found as
   words or phrases, with the corpus's spelling variants
   (:mod:`topics.text.aliases`), outside negated mentions and the sentences the
   corpus repeats (:func:`topics.text.wording.template_sentences`: "No civilians were
   harmed in the operation." closes hundreds of press releases and says nothing about
   any one of them). A hit counts only *in context*: the unit must
   also be at least as close to the theme as the corpus's typical unit
   (a "season" in "the fighting season" is no evidence for sport).
3. **Seeds.** High-precision units: a keyword hit in context, or a
   semantic z-score so high that the null almost never reaches it. Both
   floors are per theme and rise above the given ones until the corpus's
   mirrored null (:func:`seed_floors`) and the corpus's closeness to decoy
   themes (:mod:`topics.themes.decoys`) estimate at most 15 % false seeds,
   so a theme the corpus does not talk about seeds little.
4. **Learning.** A logistic regression per theme separates the seeds from
   the units that clearly are not about the theme (no keyword, below the
   null's centre), self-training on units it is sure of. It only extends a
   theme to units with evidence of their own (a name in a unit at least as
   close to the theme as the typical one, or a neighbouring seed paragraph
   in a unit above the context floor and closest to this theme), so it stops where the evidence runs
   out. A common word below its floor is no evidence. A paragraph next to a seed joins
   without the learned model's agreement when it also clears the keyword floor and the
   theme is the one it is closest to (it continues its neighbour's subject); counted as learning.
5. **Score in [0, 1]** per unit and theme: the learned probability (or,
   for a theme with too few seeds to learn from, the semantic evidence
   alone), capped below 0.5 where the unit's own evidence is missing.
   A unit is under every theme whose score reaches the threshold.
6. **A word among members.** A unit with a keyword of the theme (a common word below its
   floor included), at least as close to the theme as the typical unit, whose nearest units
   in the corpus are often under the theme (``NEIGHBOURHOOD_SHARE`` of its ``NEIGHBOURS``),
   joins it: the word is used in the theme's sense where the theme's confident units are.
   A theme with few members (a theme file that does not fit the corpus) has few such
   neighbourhoods, so this stops where the evidence runs out; counted as learning.
7. **A second theme needs comparable evidence.** A unit stays under a theme other than its
   primary one only when its calibrated similarity to it is within ``DOMINANCE_MARGIN`` spreads
   of its strongest theme's: a unit about one event that names another act in passing is not
   about both (the passing theme stays a near miss).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Standard-normal quantile: the lower half's spread is measured between the median and this quantile.
_ONE_SIGMA_BELOW = 0.15865525393145707
MIN_SEEDS_TO_LEARN = 3
MIN_NULL_UNITS = 20
MAX_LEARNING_ROUNDS = 5
SELF_TRAINING_PROBABILITY = 0.75
# Highest estimated share of false seeds a theme may have (the precision an analyst can trust, 0.85).
SEED_FALSE_DISCOVERY_RATE = 0.15

# A unit with a keyword joins the theme when this share of its nearest units in the corpus are members.
NEIGHBOURS = 10
NEIGHBOURHOOD_SHARE = 0.3

# A unit stays under a second theme only when its calibrated evidence for it is within this many
# spreads of its strongest theme's (inf: every theme above the threshold).
DOMINANCE_MARGIN = 2.0
# The margin compares a unit's themes of one kind only (who: named groups; what: events, subjects).
MARGIN_WITHIN_KIND = True

# A paragraph next to a seed joins the theme on its context alone (False: only where learning agrees).
CONTEXT_JOINS = True
# A neighbouring seed is evidence of a paragraph's own, for learning, only for the theme the paragraph is
# closest to (False: for every theme it clears the context floor of). Read on the NYT paragraphs, 30 of
# 40 paragraphs learned on a neighbour's seed alone were about another theme (docs/benchmarks.md).
NEIGHBOUR_EVIDENCE_CLOSEST = True
# With article context (Themes' default), a paragraph takes the theme it is closest to from its
# article when the article has this many seeds of it, covers the article and fits the corpus.
ARTICLE_CARRY_SEEDS = 2
# A carried paragraph also needs the theme's learned model (where the theme learned) to give it at least
# this probability: the article says what it is about, the model whether the paragraph itself resembles
# the theme's confident units. Read on 120 random NYT paragraphs, 5 of the 7 carried paragraphs the model
# put below 0.5 were about none of the themes (docs/benchmarks.md). 0: the article's seeds alone.
CARRY_LEARNED_FLOOR = 0.5
# A seed whose only word is a speaker's name ("Biden" in a paragraph near American politics) does not
# count among its article's seeds: the article may be about anything he speaks of. Read on 160 random
# NYT paragraphs (docs/benchmarks.md). True: it counts like any seed.
SPEAKER_SEEDS_CARRY = False

# A name among a theme's keywords ("Biden", "Congress"; not the theme's own name, which is its subject)
# is evidence only in a unit this many spreads above the null's centre for the theme's subject
# (``Theme.subject_text``: the theme without those names): people and institutions speak about
# everything. False: a name is evidence wherever it occurs (benchmarks/themes_check.py --names-anywhere).
NAME_ABOUTNESS = True
NAME_SUBJECT_Z = 0.5

SOURCE_NONE, SOURCE_KEYWORDS, SOURCE_SIMILARITY, SOURCE_LEARNING = 0, 1, 2, 3
SOURCE_NAMES = {SOURCE_KEYWORDS: "keywords", SOURCE_SIMILARITY: "similarity", SOURCE_LEARNING: "learning"}


@dataclass(frozen=True)
class Evidence:
    """Per (unit, theme): the calibrated evidence and the resulting score; per theme: the null and the learned model."""

    similarity: np.ndarray  # (n, k) cosine to the theme's prototype
    z: np.ndarray  # (n, k) similarity in units of the null's spread above its centre
    keyword_hits: np.ndarray  # (n, k) bool: a keyword or alias of the theme occurs in the unit
    learned: np.ndarray  # (n, k) learned probability (NaN where the theme did not learn)
    score: np.ndarray  # (n, k) in [0, 1]
    source: np.ndarray  # (n, k) int8: SOURCE_* of a unit's membership (0 = not a member)
    null_centre: np.ndarray  # (k,)
    null_spread: np.ndarray  # (k,)
    coef: np.ndarray  # (k, dim) learned direction per theme (NaN rows: not learned)
    intercept: np.ndarray  # (k,)
    n_seeds: np.ndarray  # (k,)
    learning_rounds: np.ndarray  # (k,)
    seed_floor: np.ndarray  # (k,) calibrated similarity that seeds the theme on meaning alone
    keyword_floor: np.ndarray  # (k,) calibrated similarity a unit with a common-word keyword needs
    context_floor: np.ndarray  # (k,) calibrated similarity a paragraph next to a seed needs to be learned
    theme_fits: np.ndarray  # (k,) bool: the corpus is closer to the theme than to unrelated subjects (topics.themes.corpus_fit)
    fits: bool  # the theme file fits the corpus: learning and the article's themes count
    article_prior: np.ndarray | None = None  # (n, k) log share of the theme among the article's seeds (article context)
    speaker_model: tuple | None = None  # (coef, intercept) per theme: topics.themes.speakers.corroboration


def calibrate(similarity: np.ndarray, keyword_hits: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(centre, spread) of each theme's null: the median of the units without its keywords (all units
    when too few lack them), and the one-sigma width of their lower half, which units about the
    theme (in the upper tail) do not widen."""
    k = similarity.shape[1]
    centre, spread = np.zeros(k), np.zeros(k)
    for theme in range(k):
        column = similarity[:, theme]
        if keyword_hits is not None and (~keyword_hits[:, theme]).sum() >= MIN_NULL_UNITS:
            column = column[~keyword_hits[:, theme]]
        centre[theme] = np.median(column)
        below = centre[theme] - np.quantile(column, _ONE_SIGMA_BELOW)
        above = np.quantile(column, 1.0 - _ONE_SIGMA_BELOW) - centre[theme]
        spread[theme] = max(below, above, 1e-3)
    return centre, spread


def gather(similarity, keyword_hits, vectors, *, name_hits=None, neighbours=None, decoy_similarity=None,
           nearest=None, kinds=None, threshold, z_seed, z_keyword, learn, random_state, article_context=False,
           speaker_only=None, speaker_muted=None) -> Evidence:
    """Calibrate, seed, learn and score every unit for every theme (``decoy_similarity``: the
    units' cosine to the decoy themes of :mod:`topics.themes.decoys`, for the floors)."""
    from topics.themes import corpus_fit, speakers

    centre, spread = calibrate(similarity, keyword_hits)
    z = (similarity - centre) / spread
    theme_fits = corpus_fit.theme_fits(
        corpus_fit.enrichment(z, decoy_similarity, keyword_hits), corpus_fit.typically_close(similarity, decoy_similarity)
    )
    z_seed, z_keyword = seed_floors(z, keyword_hits, name_hits, z_seed, z_keyword, decoy_similarity=decoy_similarity)
    keyword_in_context = _in_context(z, keyword_hits, name_hits, z_keyword)
    seeds = keyword_in_context | (z >= z_seed)
    speaker_model = None
    if speaker_only is not None:  # seeds on a speaker's name alone need the theme's other seeds to agree
        speaker_model = speakers.corroboration(vectors, seeds, speaker_only, z, keyword_hits, random_state)
        keyword_hits, name_hits, speaker_only, speaker_muted = speakers.corroborated(
            vectors, speaker_model, keyword_hits, name_hits, speaker_only, speaker_muted)
        seeds = _in_context(z, keyword_hits, name_hits, z_keyword) | (z >= z_seed)
    context_floor = _context_floors(z, seeds, neighbours)
    own_evidence = _own_evidence(z, _name_or_all(keyword_hits, name_hits), seeds, neighbours, z_seed, context_floor,
                                 speaker_muted)
    n, k = similarity.shape
    coef = np.full((k, vectors.shape[1]), np.nan)
    intercept = np.full(k, np.nan)
    rounds = np.zeros(k, dtype=np.int64)
    if learn:
        for theme in range(k):
            coef[theme], intercept[theme], rounds[theme] = _learn(
                vectors, seeds[:, theme], own_evidence[:, theme], z[:, theme], keyword_hits[:, theme], random_state
            )
    return combine(similarity, keyword_hits, vectors, centre, spread, coef, intercept, name_hits=name_hits, neighbours=neighbours,
                   nearest=nearest, kinds=kinds, threshold=threshold, z_seed=z_seed, z_keyword=z_keyword,
                   context_floor=context_floor, learning_rounds=rounds, theme_fits=theme_fits,
                   article_context=article_context, speaker_only=speaker_only, speaker_muted=speaker_muted,
                   speaker_model=speaker_model)


def combine(similarity, keyword_hits, vectors, centre, spread, coef, intercept, *, name_hits=None, neighbours=None,
            nearest=None, kinds=None, threshold, z_seed, z_keyword, context_floor=None, learning_rounds=None,
            theme_fits=None, article_context=False, speaker_only=None, speaker_muted=None, speaker_model=None) -> Evidence:
    """The scores, from a calibration and learned models (fitted on this corpus, or reused on new units).
    ``nearest``: (n, m) indices of each unit's nearest units among these (:func:`nearest_units`);
    ``kinds``: (k,) the kind of each theme (:func:`theme_kinds`), for the second-theme margin;
    ``theme_fits``: (k,) bool, :func:`topics.themes.corpus_fit.theme_fits` (None: every theme fits);
    ``article_context``: paragraphs may take a theme from their article (:func:`article_carry`) where the
    theme's learned model does not rule them out (``CARRY_LEARNED_FLOOR``), and their primary theme leans
    to what the article is about (``Evidence.article_prior``). ``speaker_only``: (n, k) bool, units whose only
    lexical evidence for the theme is a speaker's name (:mod:`topics.themes.speakers`): as seeds they do not
    carry their article (``SPEAKER_SEEDS_CARRY``). ``speaker_muted``: (n, k) bool, units that name a speaker of
    the theme away from its subject (:func:`topics.themes.speakers.muted`): no neighbour or article puts them under it;
    ``speaker_model``: :func:`topics.themes.speakers.corroboration`, which the seeds on a speaker's name alone need."""
    from topics.themes import corpus_fit, speakers
    from topics.themes.passages import article_carry, article_prior

    if speaker_only is not None and speaker_model is not None:
        keyword_hits, name_hits, speaker_only, speaker_muted = speakers.corroborated(
            vectors, speaker_model, keyword_hits, name_hits, speaker_only, speaker_muted)
    z = (similarity - centre) / spread
    keyword_in_context = _in_context(z, keyword_hits, name_hits, z_keyword)
    semantic_seed = z >= z_seed
    seeds = keyword_in_context | semantic_seed
    k = similarity.shape[1]
    context_floor = np.zeros(k) if context_floor is None else np.asarray(context_floor, dtype=np.float64)
    muted = np.zeros(z.shape, dtype=bool) if speaker_muted is None else np.asarray(speaker_muted, dtype=bool)
    own_evidence = _own_evidence(z, _name_or_all(keyword_hits, name_hits), seeds, neighbours, z_seed, context_floor, muted)
    learned_rows = ~np.isnan(intercept)
    learned = np.full(similarity.shape, np.nan)
    if learned_rows.any():
        learned[:, learned_rows] = _logistic(vectors @ coef[learned_rows].T + intercept[learned_rows])
    # Without learning, the semantic evidence alone reaches the threshold at the seed level.
    semantic = _logistic((z - z_seed) * 4.0)
    # What learning alone adds must be as sure as self-training is: the score reaches the threshold
    # where the learned probability reaches SELF_TRAINING_PROBABILITY (monotone, piecewise linear).
    sure = SELF_TRAINING_PROBABILITY
    learned_score = np.where(
        learned >= sure, threshold + (learned - sure) / (1.0 - sure) * (1.0 - threshold), learned / sure * threshold
    )
    score = np.where(np.isnan(learned), semantic, learned_score)
    # A seed is a member, the more certain the stronger its calibrated similarity.
    seed_score = threshold + (1.0 - threshold) * np.clip(z / (2.0 * z_seed), 0.0, 1.0)
    score = np.where(seeds, np.maximum(score, np.minimum(seed_score, 1.0)), score)
    # Without its own evidence a unit stays below the threshold, whatever it resembles.
    score = np.where(own_evidence, score, np.minimum(score, threshold * 0.9))
    member = score >= threshold
    if CONTEXT_JOINS and neighbours is not None:
        beside = _context_joins(z, seeds, neighbours, context_floor, z_keyword) & ~member & ~muted
        score = np.where(beside, np.maximum(score, threshold), score)
        member |= beside
    if nearest is not None and nearest.shape[1]:
        share = member[nearest].mean(axis=1)
        word_among_members = keyword_hits & (z >= 0) & (share >= NEIGHBOURHOOD_SHARE) & ~member
        score = np.where(word_among_members, np.maximum(score, threshold), score)
        member |= word_among_members
    k = similarity.shape[1]
    theme_fits = np.ones(k, dtype=bool) if theme_fits is None else np.asarray(theme_fits, dtype=bool)
    fits = corpus_fit.file_fits(theme_fits)
    if not fits:
        # No region of this corpus is about these themes: what was learned from it, or carried
        # along its articles, is chance. Only meaning above the seed floor (calibrated on this
        # corpus's null and the decoys) stays: a keyword is no evidence of its own here, since a
        # corpus not about the themes uses their words in other senses ("Russian" of a tennis
        # player, "deal" of a merger, "killed" of a song).
        score = np.where(member & ~semantic_seed, np.minimum(score, threshold * 0.9), score)
        member &= semantic_seed
    dominated = _dominated(score, z, member, kinds)
    score = np.where(dominated, np.minimum(score, threshold * 0.9), score)
    member &= ~dominated
    prior = None
    if article_context and fits and ARTICLE_CARRY_SEEDS > 0 and neighbours is not None:
        article_seeds = seeds
        if speaker_only is not None and not SPEAKER_SEEDS_CARRY:
            article_seeds = seeds & ~(speaker_only & ~semantic_seed)
        carried = article_carry(z, member, article_seeds, neighbours, ARTICLE_CARRY_SEEDS)
        carried &= ~(learned < CARRY_LEARNED_FLOOR) & ~muted  # NaN (the theme did not learn): the article alone
        score = np.where(carried, np.maximum(score, threshold), score)
        member |= carried
        prior = article_prior(seeds, neighbours)
    source = np.zeros(similarity.shape, dtype=np.int8)
    source[member] = SOURCE_LEARNING
    source[member & semantic_seed] = SOURCE_SIMILARITY
    source[member & keyword_in_context] = SOURCE_KEYWORDS
    return Evidence(
        similarity=similarity,
        z=z,
        keyword_hits=keyword_hits,
        learned=learned,
        score=np.clip(score, 0.0, 1.0),
        source=source,
        null_centre=centre,
        null_spread=spread,
        coef=coef,
        intercept=intercept,
        n_seeds=seeds.sum(axis=0),
        learning_rounds=np.zeros(k, dtype=np.int64) if learning_rounds is None else learning_rounds,
        seed_floor=np.broadcast_to(np.asarray(z_seed, dtype=np.float64), (k,)).copy(),
        keyword_floor=np.broadcast_to(np.asarray(z_keyword, dtype=np.float64), (k,)).copy(),
        context_floor=context_floor,
        theme_fits=theme_fits,
        fits=fits,
        article_prior=prior,
        speaker_model=speaker_model,
    )


def theme_kinds(aliases_per_theme) -> np.ndarray:
    """(k,) 1 for a theme about *who* (most of its name and keywords are names: "Haqqani network",
    "al-Qaeda", "IMU"), 0 for one about *what* (common words: "detentions", "air strikes")."""
    from topics.text.aliases import is_name

    return np.array([int(sum(map(is_name, aliases)) * 2 > len(aliases)) for aliases in aliases_per_theme])


def _dominated(score: np.ndarray, z: np.ndarray, member: np.ndarray, kinds=None) -> np.ndarray:
    """(n, k) bool: a unit's memberships whose calibrated evidence is more than ``DOMINANCE_MARGIN``
    spreads below that of the unit's strongest theme of the same kind (``kinds``; all themes one
    kind when None). A release about one operation says "an air weapons team engaged, killing two
    insurgents": it is about the killing, and the means it names in passing is evidence too weak
    beside it. Who it was against is another question, so a named network's closeness does not
    dominate an act's. The primary theme (highest score) is never dominated."""
    if not np.isfinite(DOMINANCE_MARGIN) or not member.any():
        return np.zeros_like(member)
    kinds = np.zeros(z.shape[1], dtype=np.int64) if kinds is None or not MARGIN_WITHIN_KIND else np.asarray(kinds)
    dominated = np.zeros_like(member)
    for kind in np.unique(kinds):
        columns = kinds == kind
        strongest = np.where(member[:, columns], z[:, columns], -np.inf).max(axis=1, keepdims=True)
        dominated[:, columns] = member[:, columns] & (z[:, columns] < strongest - DOMINANCE_MARGIN)
    rows = np.arange(len(score))
    primary = np.where(member, score + 1e-3 * np.tanh(z), -np.inf).argmax(axis=1)
    dominated[rows, primary] = False
    return dominated


def nearest_units(vectors: np.ndarray, n_neighbours: int = NEIGHBOURS, batch: int | None = None) -> np.ndarray:
    """(n, m) indices of each unit's ``m = min(n_neighbours, n - 1)`` nearest other units by cosine
    (``vectors`` L2-normalised), exact, in row batches of at most ~100 MB of similarities. Time
    grows with n squared (20,000 units of 384 dimensions: about 8 s of CPU)."""
    n = len(vectors)
    m = min(n_neighbours, n - 1)
    if m <= 0:
        return np.zeros((n, 0), dtype=np.int64)
    batch = batch or max(1, 25_000_000 // n)
    vectors = np.asarray(vectors, dtype=np.float32)
    nearest = np.empty((n, m), dtype=np.int64)
    for start in range(0, n, batch):
        similarity = vectors[start : start + batch] @ vectors.T
        rows = np.arange(len(similarity))
        similarity[rows, start + rows] = -np.inf  # not its own neighbour
        top = np.argpartition(-similarity, m - 1, axis=1)[:, :m]
        nearest[start : start + batch] = top
    return nearest


def seed_floors(z, keyword_hits, name_hits, z_seed, z_keyword, fdr=SEED_FALSE_DISCOVERY_RATE, decoy_z=None,
                decoy_similarity=None):
    """Per theme, the calibrated similarity at which meaning alone seeds it and at which a common-word
    keyword counts: at least ``z_seed`` / ``z_keyword``, raised until the corpus's own null says that
    at most ``fdr`` of the seeds are false.

    Units off a theme are spread symmetrically around the null's centre, so the units as far *below*
    it as a cut-off is above estimate how many of those above it are off the theme (a mirror
    estimate of the false-discovery rate). A theme the corpus does not talk about has an upper tail
    no heavier than its lower one, and its floors rise until almost nothing passes; a theme the
    corpus talks about keeps the given floors. For a common word ("government" in news about
    Afghanistan) the estimate is made among the units that contain it.

    The null is skewed, its upper tail heavier than its lower one, so the mirror alone
    underestimates the false seeds; with ``decoy_similarity`` ((n, d) cosine to the decoy themes,
    :mod:`topics.themes.decoys`) each floor is also raised until the typical decoy has at most
    ``fdr`` times as many units above it, among the same units. The decoys are calibrated on the
    theme's own null (the units without its keywords), so theme and decoys share one reference:
    calibrated on all units instead, a theme whose word is in most units (detentions in press
    releases about operations) met decoys with a wider spread than its own and seeded nothing.
    ``decoy_z``: decoys already calibrated, used when ``decoy_similarity`` is not given.
    """
    from topics.themes.decoys import decoy_floor

    k = z.shape[1]
    common = keyword_hits & ~name_hits if name_hits is not None else keyword_hits
    seed_floor, keyword_floor = np.zeros(k), np.zeros(k)
    for theme in range(k):
        seed_floor[theme] = _mirror_floor(z[:, theme], z_seed, fdr)
        with_word = common[:, theme]
        keyword_floor[theme] = _mirror_floor(z[with_word, theme], z_keyword, fdr)
        decoys = decoy_z
        if decoy_similarity is not None:
            decoys = _decoys_on_theme_null(decoy_similarity, keyword_hits[:, theme])
        if decoys is not None:
            seed_floor[theme] = max(seed_floor[theme], decoy_floor(z[:, theme], decoys, z_seed, fdr))
            keyword_floor[theme] = max(
                keyword_floor[theme], decoy_floor(z[with_word, theme], decoys[with_word], z_keyword, fdr)
            )
    return seed_floor, keyword_floor


def _decoys_on_theme_null(decoy_similarity: np.ndarray, hits: np.ndarray) -> np.ndarray:
    """(n, d) the units' similarity to the decoys, calibrated on the same units as the theme's own
    null (those without its keywords, :func:`calibrate`), so that theme and decoys are measured
    against one reference."""
    column_hits = np.repeat(hits[:, None], decoy_similarity.shape[1], axis=1)
    centre, spread = calibrate(decoy_similarity, column_hits)
    return (decoy_similarity - centre) / spread


def _mirror_floor(values: np.ndarray, floor: float, fdr: float) -> float:
    """The lowest cut-off c >= ``floor`` with #(values <= -c) <= fdr * #(values >= c); above every
    value when there is none (nothing passes)."""
    if len(values) == 0:
        return float(floor)
    above = np.sort(values)[::-1]
    mirrored = np.sort(-values)  # the lower tail turned over, ascending
    candidates = above[above >= floor]
    if len(candidates) == 0:
        return float(floor)
    n_above = np.arange(1, len(candidates) + 1)  # candidates[i] is the i+1-th largest value
    n_below = len(mirrored) - np.searchsorted(mirrored, candidates, side="left")  # values <= -candidate
    passing = np.flatnonzero(n_below <= fdr * n_above)
    if len(passing) == 0:
        return float(above[0] + 1e-9)
    # The lowest cut-off that keeps the estimate within fdr.
    return float(candidates[passing[-1]])


def _in_context(z, keyword_hits, name_hits, z_keyword) -> np.ndarray:
    """Keyword hits that count as seeds. A name (an acronym such as "ISIS-K", a capitalised name such
    as "Haqqani") says what it is about wherever it occurs, so the unit need only be at least as
    close to the theme as the typical unit; a common word ("season", "civilians") is ambiguous and
    needs the unit to be clearly closer (``z_keyword``)."""
    in_context = keyword_hits & (z >= z_keyword)
    if name_hits is not None:
        in_context |= name_hits & (z >= 0)
    return in_context


def names_near_subject(name_hits, subject_similarity, centre, spread) -> np.ndarray:
    """(n, k) the name hits that count: in units at least ``NAME_SUBJECT_Z`` spreads above the
    subject's null centre (``centre``, ``spread``: :func:`calibrate` of ``subject_similarity``)."""
    if not NAME_ABOUTNESS:
        return name_hits
    return name_hits & ((subject_similarity - centre) / spread >= NAME_SUBJECT_Z)


def _name_or_all(keyword_hits, name_hits):
    """The keyword hits that are evidence below the keyword floor: names only (a common word counts
    only where the unit is close enough to the theme to make it a seed)."""
    return keyword_hits if name_hits is None else name_hits


def _next_to_seed(seeds, neighbours) -> np.ndarray:
    """(n, k) bool: a paragraph of the same article next to the unit is a seed of the theme."""
    return np.asarray(neighbours @ seeds.astype(np.float64)) > 0


def _context_joins(z, seeds, neighbours, context_floor, z_keyword) -> np.ndarray:
    """(n, k) bool: paragraphs that continue a seed of the theme next to them in their article. The
    paragraph must clear the theme's context floor and its keyword floor (as close to the theme as
    a unit with one of its common words must be), and the theme must be the one it is closest to:
    a paragraph between two subjects continues the one it resembles most. Without the last two
    conditions a theme file that does not fit the corpus spread along its articles
    (docs/benchmarks.md)."""
    closest = z >= z.max(axis=1, keepdims=True)
    return _next_to_seed(seeds, neighbours) & (z >= np.maximum(context_floor, z_keyword)) & closest


def _context_floors(z, seeds, neighbours, fdr=SEED_FALSE_DISCOVERY_RATE) -> np.ndarray:
    """Per theme, the calibrated similarity a paragraph next to a seed needs before learning may add
    it: at least the typical unit's, raised (mirrored null among such paragraphs, as for keywords)
    until at most ``fdr`` of them are estimated to be off the theme. Articles that only touch a
    theme in passing (news about Afghanistan next to one paragraph on an election) do not carry it."""
    k = z.shape[1]
    if neighbours is None:
        return np.zeros(k)
    beside = _next_to_seed(seeds, neighbours) & ~seeds
    return np.array([_mirror_floor(z[beside[:, theme], theme], 0.0, fdr) for theme in range(k)])


def _own_evidence(z, keyword_hits, seeds, neighbours, z_seed, context_floor, muted=None) -> np.ndarray:
    """Where a unit has evidence of its own, without which nothing learned puts it under a theme:
    a name, or a neighbouring seed paragraph of the same article (a quote continuing it) while
    above the theme's context floor and closest to this theme of all (``NEIGHBOUR_EVIDENCE_CLOSEST``);
    or being a seed itself (``muted``: (n, k) units a neighbour does not count for). A common
    word below its keyword floor is no evidence: "government" in news about Afghanistan says
    nothing about UK politics, and learning spread such themes over the corpus.
    (A lower similarity floor alone let learning spread a theme that does not fit the corpus over
    the null's heavy upper tail: measured in benchmarks/themes.py.)"""
    evidence = (keyword_hits & (z >= 0)) | (z >= z_seed) | seeds
    if neighbours is not None:
        beside = _next_to_seed(seeds, neighbours) & (z >= context_floor)
        if NEIGHBOUR_EVIDENCE_CLOSEST:
            # As for the joins: a paragraph between two subjects continues the one it resembles most.
            beside &= z >= z.max(axis=1, keepdims=True)
        evidence |= beside & (True if muted is None else ~muted)
    return evidence


def _learn(vectors, seeds, eligible, z, hits, random_state):
    """(coef, intercept, rounds): a model of the theme's seeds against its clear non-members.

    Self-training: units the model is sure of and that have evidence of their own join the
    positives, until no unit joins (the evidence has run out) or ``MAX_LEARNING_ROUNDS``.
    """
    from sklearn.linear_model import LogisticRegression

    nothing = (np.full(vectors.shape[1], np.nan), np.nan, 0)
    positives = seeds.copy()
    negatives = (z < 0) & ~hits & ~seeds
    if positives.sum() < MIN_SEEDS_TO_LEARN or negatives.sum() < MIN_SEEDS_TO_LEARN:
        return nothing
    for round_number in range(1, MAX_LEARNING_ROUNDS + 1):
        rows = positives | negatives
        model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=500, random_state=random_state)
        model.fit(vectors[rows], positives[rows])
        probability = model.predict_proba(vectors)[:, 1]
        joining = (probability >= SELF_TRAINING_PROBABILITY) & eligible & ~positives
        if not joining.any() or round_number == MAX_LEARNING_ROUNDS:
            return model.coef_[0].copy(), float(model.intercept_[0]), round_number
        positives |= joining
    return nothing


def _logistic(x: np.ndarray) -> np.ndarray:
    from scipy.special import expit

    return expit(x)
