"""Does a theme file fit the corpus? Its themes' closeness against that of unrelated subjects.

A theme fits the corpus in one of two ways. On a corpus about many things, the theme's units
stand out: many more units are close to it than chance gives (its *enrichment*). On a corpus
about the theme's own subject (Afghanistan themes on news about Afghanistan) nothing stands
out, since every unit is somewhat close to it: there the typical unit is closer to the theme than
the closest tenth of the corpus is to any unrelated subject (*typical closeness*). Chance is
measured with the decoy themes (:mod:`topics.themes.decoys`): subjects unrelated to each other
and, typically, to the corpus. For each theme, the units at least ``TAIL_Z`` spreads above its
null's centre are counted, and so are the units that far above the typical (median) decoy's,
with the decoys calibrated on the theme's own null. The ratio (both counts plus one, so a small
corpus does not divide by nothing) is the theme's *enrichment*: about 1 for a theme no closer to
the corpus than unrelated subjects, several times that for a theme it is about (measured in
docs/benchmarks.md: 1.1 for the BBC section themes on NYT Afghanistan paragraphs, 0.6 on the ISAF
releases; 3 to 6 for theme files written for their corpus).

A theme fits when its enrichment reaches ``MIN_ENRICHMENT`` or its typical closeness holds (where the units
are paragraphs, also when it stands out of their articles beyond doubt: :func:`read_on_articles`; on a corpus too
small for the tail counts, also when the units that write its keywords read as the theme: :func:`fits_by_keywords`), and a
theme file fits the corpus when at least half its themes do. Where the test decides how close a unit must come
on meaning alone, it is read softly (:func:`soft_fit`): both counts are chance draws, and a theme whose
verdict they leave in doubt is neither in nor out; one no closer than chance is out, one clearly enriched in.
A theme absent from the corpus (neither fitting nor any of its keywords occurring: :func:`absent_themes`)
counts as not fitting: a speculative theme cannot be told from one written for another corpus (the NYT Afghanistan themes on BBC News hold
as many absent themes as a file for AG News with two speculative ones). Measured (docs/benchmarks.md): the
BBC section themes on NYT Afghanistan paragraphs and on ISAF releases fit nowhere; the NYT themes
on NYT paragraphs and the ISAF themes on ISAF releases fit by typical closeness, the BBC themes
on BBC News by enrichment (about 3 to 6). Where a file does not fit, what is learned from the corpus is not trusted (the corpus has no region for the
themes to learn) and only the units whose meaning clears the seed floor stay under a theme (a keyword
alone does not: the corpus uses the themes' words in other senses; :mod:`topics.themes.evidence`);
``Themes.notes_`` says so. A theme that stands out beyond doubt by itself (:func:`stands_out`) is the exception:
it is placed as in a file that fits, where it is a unit's closest theme, when the file's themes taken together
stand out (:func:`file_enriched`; ``STANDING_OUT_LEARNS``); where the units are paragraphs, both are read on
the articles too, each its paragraphs pooled.
"""

from __future__ import annotations

import numpy as np

# Calibrated similarity (spreads above the null's centre) from which a unit counts as close to a theme.
TAIL_Z = 2.0
# A theme file fits when its themes have on average at least this many times the units close to
# them that the typical unrelated subject has: twice what chance gives.
MIN_ENRICHMENT = 2.0
# The soft reading of the test (:func:`soft_fit`) is the hard verdict wherever the threshold is outside this
# central share of the posterior of the theme's share of the close units (a conventional credible level).
SOFT_CREDIBLE = 0.9
# False: every theme file is taken to fit (to measure what the check changes: benchmarks/themes_check.py).
CHECK_FIT = True
# A corpus is about a theme throughout when its median unit is at least this share of the way from unrelated subjects
# (the decoys' edge) to the units that name the theme: halfway (:func:`about_throughout`).
THROUGHOUT_SHARE = 0.5

# On a corpus too small for the tail counts (the typical decoy has fewer than ``SMALL_TAIL`` units close to it, so
# the enrichment is a ratio of handfuls: 0 to 3 on 36 AG News items), a theme also fits where its keywords are read
# in its sense (:func:`keywords_in_sense`): at least ``SENSE_MIN_HOLDERS`` holders, their median ``SENSE_Z`` spreads
# above the keyword-free null, their closeness ranking above the other units' at p <= ``SENSE_P`` (exact below
# ``SENSE_EXACT_PAIRS`` holder-by-other pairs). Measured on random draws (docs/benchmarks.md). None: off.
SMALL_TAIL = 5
SENSE_MIN_HOLDERS = 3
SENSE_Z = 1.0
SENSE_P = 0.01
SENSE_EXACT_PAIRS = 20000

# True: in a file that does not fit the corpus but whose themes, taken together, stand out of it
# (:func:`file_enriched`), a theme that surely stands out of it by itself (:func:`stands_out`) is placed as in a
# file that fits (its keywords, what it learns and its articles count), where it is the unit's closest theme.
# The file's verdict guards against a theme or two of a file written for another corpus passing the test by
# chance; a theme whose enrichment is beyond doubt did not. On 20 Newsgroups, under a file of broad subjects
# beside single newsgroups, the narrow themes had left the broad ones to their seeds on meaning alone
# ("computers": 1 of 551 messages placed; docs/benchmarks.md). A file for another corpus whose theme on a
# sibling subject stands out (Australian politics in UK news) is not enriched as a whole. Where the units are
# paragraphs, both are read on the articles too (:func:`read_on_articles`). False: the file's verdict only.
STANDING_OUT_LEARNS = True


def enrichment(z: np.ndarray, decoy_similarity: np.ndarray | None, keyword_hits: np.ndarray) -> np.ndarray:
    """(k,) per theme: (units with z >= TAIL_Z, plus one) / (the same count for the median decoy, plus
    one), the decoys calibrated on the theme's null; NaN without decoys."""
    counts = close_counts(z, decoy_similarity, keyword_hits)
    if counts is None:
        return np.full(z.shape[1], np.nan)
    on_theme, by_chance = counts
    return (on_theme + 1.0) / (by_chance + 1.0)


def close_counts(z: np.ndarray, decoy_similarity: np.ndarray | None, keyword_hits: np.ndarray):
    """((k,), (k,)) per theme: the units with z >= TAIL_Z, and the median decoy's count of them (the decoys
    calibrated on the theme's null); None without decoys or units."""
    from topics.themes.calibration import _decoys_on_theme_null

    k = z.shape[1]
    if decoy_similarity is None or decoy_similarity.shape[1] == 0 or len(z) == 0:
        return None
    by_chance = np.empty(k)
    for theme in range(k):
        decoy_z = _decoys_on_theme_null(decoy_similarity, keyword_hits[:, theme])
        by_chance[theme] = np.median((decoy_z >= TAIL_Z).sum(axis=0))
    return (z >= TAIL_Z).sum(axis=0).astype(np.float64), by_chance


def fit_probability(z: np.ndarray, decoy_similarity: np.ndarray | None, keyword_hits: np.ndarray) -> np.ndarray:
    """(k,) per theme: how likely the corpus holds at least ``MIN_ENRICHMENT`` times the units close to the
    theme that chance gives, read from the two counts of :func:`enrichment` as Poisson draws (NaN without decoys).

    Given both counts, the theme's share of them is a binomial draw whose rate is ρ / (ρ + 1) for an enrichment
    ρ; with a uniform prior its posterior is Beta(on theme + 1, by chance + 1) (the same plus ones as the
    enrichment), and the probability is its mass above ``MIN_ENRICHMENT`` / (``MIN_ENRICHMENT`` + 1). Near the
    threshold it is near one half and moves a little with a unit more or less, where :func:`theme_fits` flips.
    With few close units the posterior is wide and the probability stays away from 0 and 1 whatever the counts
    (no unit close and none by chance: 1/3; five and none: 0.91): :func:`soft_fit` reads it only where the
    verdict is uncertain."""
    counts = close_counts(z, decoy_similarity, keyword_hits)
    return np.full(z.shape[1], np.nan) if counts is None else _posterior_fit(*counts)


def _posterior_fit(on_theme: np.ndarray, by_chance: np.ndarray) -> np.ndarray:
    from scipy.stats import beta

    return beta.sf(MIN_ENRICHMENT / (MIN_ENRICHMENT + 1.0), on_theme + 1.0, by_chance + 1.0)


def soft_fit(z: np.ndarray, decoy_similarity: np.ndarray | None, keyword_hits: np.ndarray) -> np.ndarray:
    """(k,) per theme, in [0, 1]: the fit test read softly (``topics.themes.evidence.SOFT_FIT``); 0 where the
    theme surely does not fit, 1 where it surely does, the verdict's uncertainty in between (NaN without decoys).

    The hard verdict holds wherever it is not in doubt, by either of two readings. The posterior's: the
    threshold lies outside its central ``SOFT_CREDIBLE`` interval (:func:`fit_probability` below its lower tail
    or above its upper one); inside, the probability is stretched over the interval so that it runs on from 0
    to 1 without a jump. The enrichment's: at most 1 (no closer to the corpus than chance) the theme does
    not fit, at least ``MIN_ENRICHMENT`` squared (as far above the threshold as chance is below it) it does;
    between, the reading is held within a band that closes linearly in log enrichment towards those ends
    (at most log ρ / log ``MIN_ENRICHMENT``, at least log(ρ / ``MIN_ENRICHMENT``) / log ``MIN_ENRICHMENT``).
    The second is what decides with few close units, whose posterior is wide: no unit close and none by
    chance (enrichment 1) gives 0, five and none (enrichment 6) gives 1, one and none (at the threshold)
    about one half. With many close units the first decides, and only a theme near the threshold is in between."""
    counts = close_counts(z, decoy_similarity, keyword_hits)
    if counts is None:
        return np.full(z.shape[1], np.nan)
    on_theme, by_chance = counts
    tail = (1.0 - SOFT_CREDIBLE) / 2.0
    stretched = np.clip((_posterior_fit(on_theme, by_chance) - tail) / (1.0 - 2.0 * tail), 0.0, 1.0)
    # In steps of the threshold's own factor: 0 at chance, 1 at the threshold, 2 as far above it as chance is below.
    steps = np.log((on_theme + 1.0) / (by_chance + 1.0)) / np.log(MIN_ENRICHMENT)
    return np.clip(stretched, np.clip(steps - 1.0, 0.0, 1.0), np.clip(steps, 0.0, 1.0))


def stands_out(z: np.ndarray, decoy_similarity: np.ndarray | None, keyword_hits: np.ndarray) -> np.ndarray:
    """(k,) bool per theme: it surely stands out of the corpus by itself, its soft fit (:func:`soft_fit`) at 1 (the
    threshold below the posterior's credible interval, or an enrichment of ``MIN_ENRICHMENT`` squared); False
    without decoys. Such a theme did not pass the test by chance, whatever the file's other themes do."""
    soft = soft_fit(z, decoy_similarity, keyword_hits)
    return np.nan_to_num(soft, nan=0.0) >= 1.0


def keywords_in_sense(z: np.ndarray, keyword_hits: np.ndarray, asked: np.ndarray | None = None) -> np.ndarray:
    """(k,) bool per theme: the units that write its keywords read as the theme, beyond doubt, on a corpus too small
    for the tail counts (:func:`tail_too_small`). Their closeness to the theme ranks above the other units' (a one-sided
    Mann-Whitney test, exact where the holders are few, p at most ``SENSE_P``) and the typical holder is at least
    ``SENSE_Z`` spreads above the keyword-free null, with at least ``SENSE_MIN_HOLDERS`` holders (one or two
    holders reach any rank by chance). A keyword said in another sense (a sport theme's "match" in a military
    release) shares a word with the theme and little more: its holders stay near the null. ``asked``: the themes to
    test (all by default); the others are False."""
    from scipy.stats import mannwhitneyu

    hits = np.asarray(keyword_hits, dtype=bool)
    in_sense = np.zeros(z.shape[1], dtype=bool)
    for theme in np.flatnonzero(np.ones(z.shape[1], dtype=bool) if asked is None else asked):
        held, rest = z[hits[:, theme], theme], z[~hits[:, theme], theme]
        if len(held) < SENSE_MIN_HOLDERS or len(rest) < SENSE_MIN_HOLDERS or np.median(held) < SENSE_Z:
            continue
        exact = len(held) * len(rest) <= SENSE_EXACT_PAIRS
        p = mannwhitneyu(held, rest, alternative="greater", method="exact" if exact else "asymptotic").pvalue
        in_sense[theme] = p <= SENSE_P
    return in_sense


def fits_by_keywords(z: np.ndarray, decoy_similarity: np.ndarray | None, keyword_hits: np.ndarray) -> np.ndarray:
    """(k,) bool per theme: on a corpus too small for the tail counts (:func:`tail_too_small`), its keywords read in
    its sense (:func:`keywords_in_sense`); all False where ``SMALL_TAIL`` is None."""
    if SMALL_TAIL is None:
        return np.zeros(z.shape[1], dtype=bool)
    return keywords_in_sense(z, keyword_hits, asked=tail_too_small(z, decoy_similarity, keyword_hits))


def tail_too_small(z: np.ndarray, decoy_similarity: np.ndarray | None, keyword_hits: np.ndarray) -> np.ndarray:
    """(k,) bool per theme: the typical decoy has fewer than ``SMALL_TAIL`` units close to it (:func:`close_counts`),
    so the enrichment is a ratio of handfuls (False without decoys)."""
    counts = close_counts(z, decoy_similarity, keyword_hits)
    return np.zeros(z.shape[1], dtype=bool) if counts is None else counts[1] < SMALL_TAIL


def typically_close(similarity: np.ndarray, decoy_similarity: np.ndarray | None) -> np.ndarray:
    """(k,) bool per theme: the median unit's cosine to it is above every decoy's 90th percentile."""
    k = similarity.shape[1]
    if decoy_similarity is None or decoy_similarity.shape[1] == 0 or len(similarity) == 0:
        return np.zeros(k, dtype=bool)
    closest_tenth = np.quantile(decoy_similarity, 0.9, axis=0).max()
    return np.median(similarity, axis=0) > closest_tenth


def about_throughout(similarity: np.ndarray, decoy_similarity: np.ndarray | None, keyword_hits: np.ndarray) -> np.ndarray:
    """(k,) bool per theme: the corpus is about the theme throughout, so a word of it anywhere in a unit is the
    theme (on ISAF releases, lists of operations, a "detained" late in a release is a detention): the theme is
    :func:`typically_close` and the median unit's cosine to it is at least ``THROUGHOUT_SHARE`` of the way from
    the closest decoy's 90th percentile to the median of the units that name it (``keyword_hits``). A corpus of
    one domain whose units each tell their own story is typically close to every theme of that domain without
    being about each of them (political news under its stories: "North Korea" named in a paragraph on the
    Secretary of State's future is said in passing); there the typical unit stays near the decoys' edge."""
    close = typically_close(similarity, decoy_similarity)
    hits = np.asarray(keyword_hits, dtype=bool)
    if not close.any() or hits.shape != similarity.shape:
        return close
    edge = np.quantile(decoy_similarity, 0.9, axis=0).max()
    typical = np.median(similarity, axis=0)
    named = np.array([np.median(similarity[hits[:, t], t]) if hits[:, t].any() else np.nan for t in range(hits.shape[1])])
    # A theme no unit names keeps the domain's verdict: no word of it is read anyway.
    throughout = np.isnan(named) | (typical - edge >= THROUGHOUT_SHARE * (np.nan_to_num(named, nan=edge) - edge))
    return close & throughout


def read_on_articles(similarity: np.ndarray, decoy_similarity: np.ndarray | None, keyword_hits: np.ndarray,
                     articles: np.ndarray | None) -> tuple[np.ndarray, np.ndarray] | None:
    """((k,) bool, (k,)) per theme: whether it stands out of whole articles beyond doubt (:func:`stands_out`, with
    an enrichment of at least ``MIN_ENRICHMENT``), and its enrichment there, where the units are the articles'
    paragraphs (:func:`_pooled_by_article`); None where that is not read. Whether a subject stands out of a corpus
    is a question about its documents: paragraphs that say nothing of any subject (quotes, signatures, asides;
    most of 20 Newsgroups' paragraphs) dilute a theme's paragraphs, not its articles."""
    pooled = _pooled_by_article(similarity, decoy_similarity, keyword_hits, articles)
    if pooled is None:
        return None
    ratios = enrichment(*pooled)
    return stands_out(*pooled) & (ratios >= MIN_ENRICHMENT), ratios


def file_enriched(ratios: np.ndarray) -> bool:
    """Whether a theme file's themes, taken together, stand out of the corpus: the geometric mean of their
    enrichments (:func:`enrichment`) at least ``MIN_ENRICHMENT`` (NaN: no decoys, False). A file written for
    another corpus is about 1 or less (docs/benchmarks.md: 0.4 to 1.5); one written for a corpus about many subjects
    can be enriched so while fewer than half of its themes pass one by one (its narrow stories stand out little)."""
    ratios = np.asarray(ratios, dtype=np.float64)
    if not len(ratios) or np.isnan(ratios).any():
        return False
    return bool(np.exp(np.mean(np.log(np.maximum(ratios, 1e-9)))) >= MIN_ENRICHMENT)


def _pooled_by_article(similarity: np.ndarray, decoy_similarity: np.ndarray | None, keyword_hits: np.ndarray,
                       articles: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(z, decoy similarity, keyword hits) of whole articles: each article's cosine to a theme (and to each decoy)
    the mean of its paragraphs', an article holding a keyword where one of its paragraphs does, calibrated as
    units are. None where it is not read: no ``articles`` ((n,) each unit's article), fewer
    than ``MIN_NULL_UNITS`` articles, or units that are whole articles (nothing to pool)."""
    from scipy import sparse

    from topics.themes.calibration import MIN_NULL_UNITS, calibrate

    if articles is None or decoy_similarity is None or decoy_similarity.shape[1] == 0:
        return None
    codes, owner = np.unique(np.asarray(articles), return_inverse=True)
    if len(codes) < MIN_NULL_UNITS or len(codes) == len(owner):
        return None
    # Article-by-unit weights, each row its paragraphs' share: one product pools every column.
    sizes = np.bincount(owner).astype(np.float64)
    shares = sparse.csr_matrix((1.0 / sizes[owner], (owner, np.arange(len(owner)))), shape=(len(codes), len(owner)))
    similarity = shares @ np.asarray(similarity, dtype=np.float64)
    decoy_similarity = shares @ np.asarray(decoy_similarity, dtype=np.float64)
    held = (shares @ np.asarray(keyword_hits, dtype=np.float64)) > 0
    centre, spread = calibrate(similarity, held)
    return (similarity - centre) / spread, decoy_similarity, held


def theme_fits(ratios: np.ndarray, close: np.ndarray, on_articles: np.ndarray | None = None) -> np.ndarray:
    """(k,) bool per theme: enriched (NaN ratios, nothing to compare with: True), typically close, or, where the
    units are paragraphs, standing out of their articles beyond doubt (``on_articles``, :func:`read_on_articles`).
    A broad subject (a quarter of a business wire's stories are takeovers) fills its null with its own paragraphs
    that do not name it, so few of its paragraphs stand far out of that null; its articles still do. (On the
    articles a ratio alone is not enough: a corpus has fewer articles than paragraphs, and a theme no article is
    about reaches twice chance there by chance.)"""
    ratios = np.asarray(ratios, dtype=np.float64)
    fits = np.isnan(ratios) | (ratios >= MIN_ENRICHMENT) | np.asarray(close, dtype=bool)
    if on_articles is not None:
        fits |= np.asarray(on_articles, dtype=bool)
    return fits


def absent_themes(per_theme: np.ndarray, keyword_found: np.ndarray | None) -> np.ndarray:
    """(k,) bool per theme: absent from the corpus, neither fitting it nor any of its keywords (its name
    among them) occurring in it (``keyword_found``: (k,) bool; None: keywords are not read, nothing is
    absent): a subject the corpus does not hold, or a theme written in another language."""
    per_theme = np.asarray(per_theme, dtype=bool)
    if keyword_found is None:
        return np.zeros(len(per_theme), dtype=bool)
    return ~per_theme & ~np.asarray(keyword_found, dtype=bool)


def file_fits(per_theme: np.ndarray) -> bool:
    """Whether the theme file fits the corpus: at least half its themes do."""
    per_theme = np.asarray(per_theme, dtype=bool)
    return bool(not CHECK_FIT or not len(per_theme) or per_theme.mean() >= 0.5)


def learning_regime(theme_fits, standing_out) -> np.ndarray:
    """(k,) bool: the themes placed as in a file that fits, their keywords, learning and articles counting: every
    theme of a file that fits (:func:`file_fits`); in one that does not, those that surely stand out of the corpus
    by themselves in a file enriched as a whole (``standing_out``: (k,) bool, :func:`stands_out` and
    :func:`file_enriched` read by the caller; ``STANDING_OUT_LEARNS``)."""
    theme_fits = np.asarray(theme_fits, dtype=bool)
    if file_fits(theme_fits):
        return np.ones(len(theme_fits), dtype=bool)
    return np.asarray(standing_out, dtype=bool) & STANDING_OUT_LEARNS
