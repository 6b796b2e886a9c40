"""Absolute evidence for declared themes: a floor per theme calibrated on the corpus, seeds, learning.

The question asked of every (unit, theme) pair is "is there evidence, of the
unit's own, that it is about this theme?", never "which theme is it least far
from?". So a corpus that does not talk about a theme gives that theme almost
nothing, and a unit can be about several themes at once.

1. **Semantic evidence, calibrated.** Each unit's cosine to the theme's
   prototype (name, description, keywords, examples) is turned into a
   z-score against the corpus's *null* for that theme: how similar units
   that are not about it are (:mod:`topics.themes.calibration`): those without its
   keywords (``NULL_IN_SENSE``: and those holding one while closer to another theme; off).
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
   floors are per theme, raised until at most 15 % of the seeds are
   estimated false (:func:`topics.themes.calibration.seed_floors`); for a theme
   the corpus is no closer to than to unrelated subjects, beyond every decoy
   (``MEANING_UNPROVEN_STRICT``: its keywords place its units), and between the two floors by the probability
   that it does not stand out (``SOFT_FIT``); measured, off: for a theme whose words are
   most of its seeds, no lower on meaning alone than the median of its seeds with a word (``MEANING_AS_WORDED``).
4. **Learning.** A logistic regression per theme learns the seeds' region
   (:mod:`topics.themes.learning`). It only extends a
   theme to units with evidence of their own (a name in a unit at least as
   close to the theme as the typical one, or a neighbouring seed paragraph
   in a unit above the context floor and closest to this theme), so it stops where the evidence runs
   out. A common word below its floor is no evidence. A paragraph next to a seed joins
   below the self-training level when it also clears the keyword floor, the theme is the one
   it is closest to and the learned model does not rule it out (``JOIN_LEARNED_FLOOR``): it
   continues its neighbour's subject; counted as learning. On short items under themes that divide the
   corpus, being a unit's closest theme, as close as the theme's seeds, is evidence of its own too, and a
   unit closest to a theme and surrounded by its members joins it (:mod:`topics.themes.closest`).
5. **Score in [0, 1]** per unit and theme: the learned probability (or,
   for a theme with too few seeds to learn from, the semantic evidence
   alone), kept below the threshold where the unit's own evidence is missing (in the order of what it would have
   been: :func:`topics.themes.evidence_record.below_threshold`).
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

import numpy as np

# The null and its floors, learning and the nearest units have their own modules; imported here too, where they were.
from topics.themes.calibration import (  # noqa: F401
    MIN_NULL_UNITS, SEED_FALSE_DISCOVERY_RATE, _decoys_on_theme_null, _mirror_floor, beyond_decoys_floors, calibrate,
    calibrate_in_sense, seed_floors, soft_unproven_floors, worded_seed_floors,
)
from topics.themes import closest, learning
# The keyword floors and corroboration moved to their module; imported here, where they were.
from topics.themes.corroboration import (  # noqa: F401
    _above_keyword_floors, _corroborated, _holders_above_floors, _lone_floors, _upper_component_floor, keyword_floors,
)
from topics.themes.learning import learn_themes, learned_probability, learned_score
from topics.themes.nearest import NEIGHBOURS, nearest_units  # noqa: F401
# The paragraphs beside a seed and the Evidence record with its codes have their own modules; imported here, where they were.
from topics.themes.beside_seed import (  # noqa: F401
    context_floors as _context_floors, context_joins as _context_joins, next_to_seed as _next_to_seed,
)
from topics.themes.evidence_record import (  # noqa: F401
    ADMITTED_ARTICLE, ADMITTED_CLOSEST, ADMITTED_KEYWORDS, ADMITTED_LEARNING, ADMITTED_MEMBERS, ADMITTED_NAMES,
    ADMITTED_NEIGHBOUR, ADMITTED_NONE, ADMITTED_SIMILARITY, SOURCE_KEYWORDS, SOURCE_LEARNING, SOURCE_NAMES, SOURCE_NONE,
    SOURCE_SIMILARITY, Evidence, below_threshold,
)

# A unit with a keyword joins the theme when this share of its ``NEIGHBOURS`` nearest units in the corpus are members.
NEIGHBOURHOOD_SHARE = 0.3

# True: a theme's null also holds the units with one of its keywords that are closer to another theme of the file
# (:func:`topics.themes.calibration.holders_elsewhere`: the word said in another sense, "strike" in "air strikes",
# or of another subject), except for a theme the corpus is typically close to. On 350 ABC News articles it lifts the
# war in Afghanistan (0.840 -> 0.868: its null had lacked the Israeli air strikes), but it costs files of broad
# sections about a point of accuracy and empties a narrow story told in second sentences, so it is off
# (docs/benchmarks.md). False: the null is the units without the theme's keywords.
NULL_IN_SENSE = False

# A unit stays under a second theme only when its calibrated evidence for it is within this many
# spreads of its strongest theme's (inf: every theme above the threshold).
DOMINANCE_MARGIN = 2.0
# The margin compares a unit's themes of one kind only (who: named groups; what: events, subjects).
MARGIN_WITHIN_KIND = True

# A paragraph next to a seed joins the theme on its context (False: only where learning agrees).
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
# A paragraph joining a seed beside it (``CONTEXT_JOINS``) also needs the learned model not to rule it out,
# as a carried one does: the neighbour says what the passage is about, the model whether the paragraph
# resembles the theme's confident units. Read on 240 random NYT paragraphs (docs/benchmarks.md). 0: the
# neighbour alone.
JOIN_LEARNED_FLOOR = CARRY_LEARNED_FLOOR

# A name among a theme's keywords ("Biden", "Congress"; not the theme's own name, which is its subject)
# is evidence only in a unit this many spreads above the null's centre for the theme's subject
# (``Theme.subject_text``: the theme without those names): people and institutions speak about
# everything. False: a name is evidence wherever it occurs (benchmarks/themes_check.py --names-anywhere).
NAME_ABOUTNESS = True
NAME_SUBJECT_Z = 0.5

# A keyword whose holders' closeness to the theme falls in two groups (its generic sense used in the
# theme's sibling subjects: "award" on music for film awards, "club" on rugby for football) counts only in
# the upper group (:func:`keyword_floors`), on a corpus that is not about the theme throughout (a corpus
# about many subjects, or many stories of one domain: :func:`topics.themes.corpus_fit.about_throughout`). False: one
# keyword floor per theme.
PER_KEYWORD_FLOORS = True

# A unit whose only keyword of a theme is a generic one ("Europe" of the euro-zone economy for EU politics,
# "Iraq" said in passing) counts only as close to the theme as the keyword's holders that also hold another
# keyword of it, or where the theme is its closest (:mod:`topics.themes.corroboration`); only on a corpus
# not about the theme throughout (as ``PER_KEYWORD_FLOORS``: on ISAF releases "detained" alone is the
# theme). False: one keyword is enough.
SECOND_KEYWORD = True

# A theme the corpus is no closer to than to unrelated subjects, in a file that fits (:func:`meaning_unproven`),
# seeds on meaning alone only where an absent theme does, beyond every unit's closeness to every decoy; its
# keywords and what is learned from them count as for any theme. At its ordinary seed floor such a theme's
# units are what the corpus's other subjects give it: on 350 ABC News articles the NSW bushfires placed road
# tolls, storms and a cancer report there, and no bushfire (docs/benchmarks.md). Not for a narrow story
# (:mod:`topics.themes.breadth`), whose units are its meaning. False: its ordinary floor.
MEANING_UNPROVEN_STRICT = True


# True: the step above reads the fit test softly. A theme's seed floor on meaning alone rises from its ordinary
# floor towards the one beyond every decoy by how surely it does *not* stand out
# (:func:`topics.themes.corpus_fit.soft_fit`, :func:`topics.themes.calibration.soft_unproven_floors`): the hard
# verdict where it is not in doubt (an enrichment of at most 1, or of ``MIN_ENRICHMENT`` squared or more, or the
# threshold outside the posterior's credible interval), one at the threshold halfway, so a unit more or less
# close to it moves its floor a little instead of flipping it. On 350 ABC News articles the NSW bushfires had an
# enrichment of 2.12 on one CPU's vectors (its storms and road tolls seeded at the ordinary floor, 0.552) and under
# 2.0 on another's (0.889) (docs/benchmarks.md). False: the hard test, beyond every decoy or the ordinary floor.
SOFT_FIT = True


# True: a theme whose words are most of its seeds seeds on meaning alone only as close as the median of its seeds
# with a word (:func:`topics.themes.calibration.worded_seed_floors`). On 350 ABC News articles the NSW bushfires
# seeded NSW storms and road tolls just above their ordinary floor, or none of them where the embedding left the
# theme just short of standing out of the decoys, and the rule takes them out either way (0.552 -> 0.889); but on
# stories in BBC and AG News it drops a third of their placements, right ones among them (the share of read-right
# units kept 0.81 -> 0.64 and 0.92 -> 0.68), so it is off (docs/benchmarks.md). False: the null's and decoys' floors.
MEANING_AS_WORDED = False


def gather(similarity, keyword_hits, vectors, *, name_hits=None, neighbours=None, decoy_similarity=None,
           nearest=None, kinds=None, threshold, z_seed, z_keyword, learn, random_state, article_context=False,
           speaker_only=None, speaker_muted=None, alias_hits=None, alias_within=None, keyword_found=None,
           null_hits=None, articles=None, title_hits=None, sibling_words=None) -> Evidence:
    """Calibrate, seed, learn and score every unit for every theme (``decoy_similarity``: the
    units' cosine to the decoy themes of :mod:`topics.themes.decoys`, for the floors; ``alias_hits``:
    per theme, (n, m) bool, where each of its keywords occurs, for :func:`keyword_floors`; ``alias_within``:
    per theme, (m, m) :func:`topics.themes.corroboration.keyword_within`, for ``SECOND_KEYWORD``;
    ``keyword_found``: (k,) bool, whether any of a theme's keywords occurs in the corpus, for
    :func:`topics.themes.corpus_fit.absent_themes`; None: keywords are not read); ``null_hits``: (n, k) bool, the
    units that hold a keyword of the theme however it is said (passing mentions too; None: ``keyword_hits``): the
    null is the units without one, so a keyword taken as no evidence leaves its unit out of both; ``articles``: (n,) each
    paragraph's article, for :func:`topics.themes.corpus_fit.read_on_articles` (None: units are not paragraphs); ``title_hits``:
    (n, k) bool, units that name the theme itself, ``sibling_words`` (:func:`topics.themes.siblings.unit_words`): for
    :func:`combine`. Where a theme does not fit a file that does (:func:`meaning_unproven`) and is not a narrow story, the
    units are placed a second time, with its seed floor beyond every decoy (``MEANING_UNPROVEN_STRICT``); the other
    themes' models are kept."""
    from topics.themes import corpus_fit, speakers

    # The null's reference: its units are those without the theme's keywords, as written.
    keyword_hits_declared = keyword_hits if null_hits is None else np.asarray(null_hits, dtype=bool)
    if NULL_IN_SENSE:  # not for a theme the corpus is typically close to (its word is everywhere, as SECOND_KEYWORD)
        centre, spread = calibrate_in_sense(similarity, keyword_hits_declared,
                                            ~corpus_fit.typically_close(similarity, decoy_similarity))
    else:
        centre, spread = calibrate(similarity, keyword_hits_declared)
    z = (similarity - centre) / spread
    close = corpus_fit.typically_close(similarity, decoy_similarity)
    ratios = corpus_fit.enrichment(z, decoy_similarity, keyword_hits_declared)
    on_articles = corpus_fit.read_on_articles(similarity, decoy_similarity, keyword_hits_declared, articles)
    theme_fits = corpus_fit.theme_fits(ratios, close, None if on_articles is None else on_articles[0])
    theme_fits |= corpus_fit.fits_by_keywords(z, decoy_similarity, keyword_hits_declared)  # too few units for the tail
    absent = corpus_fit.absent_themes(theme_fits, keyword_found)
    # Placed as in a file that fits: all of one that fits, else those standing out beyond doubt in a file enriched as a whole.
    standing_out = corpus_fit.stands_out(z, decoy_similarity, keyword_hits_declared) & theme_fits
    enriched = corpus_fit.file_enriched(ratios)
    if on_articles is not None:
        standing_out |= on_articles[0]
        enriched |= corpus_fit.file_enriched(on_articles[1])
    regime = corpus_fit.learning_regime(theme_fits, standing_out & enriched)
    # A file that does not fit places units on meaning alone: there its themes' chances add up (calibration.file_seed_floor).
    z_seed, z_keyword = seed_floors(z, keyword_hits, name_hits, z_seed, z_keyword, decoy_similarity=decoy_similarity,
                                    whole_file=~regime, absent=absent, null_hits=keyword_hits_declared)
    alias_floors = None
    # A keyword's own floors and a lone keyword's corroboration, except where the corpus is about the theme throughout.
    throughout = corpus_fit.about_throughout(similarity, decoy_similarity, keyword_hits_declared)
    if PER_KEYWORD_FLOORS and alias_hits is not None:
        alias_floors = [np.full(hits.shape[1], -np.inf) if throughout[theme] else keyword_floors(z[:, theme], hits)
                        for theme, hits in enumerate(alias_hits)]
        keyword_hits, name_hits = _above_keyword_floors(z, keyword_hits, name_hits, alias_hits, alias_floors)
    lone = _lone_floors(throughout, z, alias_hits, alias_floors, alias_within)
    if lone is not None:
        keyword_hits, name_hits = _corroborated(z, keyword_hits, name_hits, alias_hits, alias_floors, alias_within, lone)

    def placed(z_seed, narrow=None, previous=None):
        """Seeds at ``z_seed``, what is learned from them and the scores (``previous``: an Evidence whose
        learned models stand for the themes whose floor is unchanged)."""
        words, names, only, silenced = keyword_hits, name_hits, speaker_only, speaker_muted
        keyword_in_context = _in_context(z, words, names, z_keyword)
        seeds = keyword_in_context | (z >= z_seed)
        speaker_model = None
        if only is not None:  # seeds on a speaker's name alone need the theme's other seeds to agree
            speaker_model = speakers.corroboration(vectors, seeds, only, z, words, random_state)
            words, names, only, silenced = speakers.corroborated(vectors, speaker_model, words, names, only, silenced)
            seeds = _in_context(z, words, names, z_keyword) | (z >= z_seed)
        context_floor = _context_floors(z, seeds, neighbours)
        closest_floor = closest.floors(z, seeds, z_keyword, close, MIN_NULL_UNITS, None if decoy_similarity is None else
                                       lambda theme: _decoys_on_theme_null(decoy_similarity, keyword_hits_declared[:, theme]))
        own_evidence = _own_evidence(z, _name_or_all(words, names), seeds, neighbours, z_seed, context_floor,
                                     silenced, closest.evidence(z, closest_floor))
        changed = None if previous is None else previous.seed_floor != z_seed
        coef, intercept, rounds = learn_themes(vectors, seeds, own_evidence, z, words, random_state, learn, only=changed,
                                               previous=None if previous is None else (previous.coef, previous.intercept,
                                                                                       previous.learning_rounds))
        return combine(similarity, words, vectors, centre, spread, coef, intercept, name_hits=names, neighbours=neighbours,
                       nearest=nearest, kinds=kinds, threshold=threshold, z_seed=z_seed, z_keyword=z_keyword,
                       context_floor=context_floor, learning_rounds=rounds, theme_fits=theme_fits, absent=absent,
                       article_context=article_context, speaker_only=only, speaker_muted=silenced,
                       speaker_model=speaker_model, alias_hits=alias_hits, alias_floors=alias_floors,
                       alias_within=alias_within, lone_floors=lone, close=close, closest_floor=closest_floor, narrow=narrow,
                       regime=regime, title_hits=title_hits, sibling_words=sibling_words)

    found = placed(z_seed)
    # A theme that does not stand out, in a file that fits, seeds on meaning only beyond every decoy, as an absent
    # theme; unless it is a narrow story, whose evidence is its meaning (read on the placement above).
    raised = meaning_unproven(theme_fits) & ~found.narrow & ~absent if MEANING_UNPROVEN_STRICT else np.zeros_like(absent)
    floors = np.asarray(found.seed_floor, dtype=np.float64)
    if SOFT_FIT and MEANING_UNPROVEN_STRICT and decoy_similarity is not None:
        # Every theme that does not stand out by closeness, in a file that fits, raised by how unlikely it fits.
        raised = corpus_fit.file_fits(theme_fits) & ~close & ~found.narrow & ~absent
        floors = soft_unproven_floors(floors, decoy_similarity, keyword_hits_declared, raised,
                                      corpus_fit.soft_fit(z, decoy_similarity, keyword_hits_declared))
    elif decoy_similarity is not None and raised.any():
        floors = beyond_decoys_floors(floors, decoy_similarity, keyword_hits_declared, raised)
    if MEANING_AS_WORDED:  # not a narrow story's (its meaning is its evidence) nor a theme the corpus is typically close to
        floors = worded_seed_floors(z, floors, _in_context(z, keyword_hits, name_hits, z_keyword), ~found.narrow & ~close)
    if np.any(floors != found.seed_floor):
        found = placed(floors, narrow=found.narrow, previous=found)
    return found


def combine(similarity, keyword_hits, vectors, centre, spread, coef, intercept, *, name_hits=None, neighbours=None,
            nearest=None, kinds=None, threshold, z_seed, z_keyword, context_floor=None, learning_rounds=None,
            theme_fits=None, article_context=False, speaker_only=None, speaker_muted=None, speaker_model=None,
            alias_hits=None, alias_floors=None, alias_within=None, lone_floors=None, close=None, narrow=None,
            closest_floor=None, absent=None, fits=None, regime=None, title_hits=None, sibling_words=None,
            sibling_reference=None) -> Evidence:
    """The scores, from a calibration and learned models (fitted on this corpus, or reused on new units).
    ``nearest``: (n, m) indices of each unit's nearest units among these (:func:`topics.themes.nearest.nearest_units`);
    ``kinds``: (k,) the kind of each theme (:func:`theme_kinds`), for the second-theme margin;
    ``theme_fits``: (k,) bool, :func:`topics.themes.corpus_fit.theme_fits` (None: every theme fits);
    ``absent``: (k,) bool, :func:`topics.themes.corpus_fit.absent_themes` (None: none), kept to their seeds on meaning;
    ``fits``: whether the file fits the corpus, the verdict of the fit on new units (None: read here from ``theme_fits``);
    ``regime``: (k,) bool, the themes placed as in a file that fits (:func:`topics.themes.corpus_fit.learning_regime`;
    None: every theme where the file fits, none where it does not);
    ``article_context``: paragraphs may take a theme from their article (:func:`article_carry`) where the
    theme's learned model does not rule them out (``CARRY_LEARNED_FLOOR``), and their primary theme leans
    to what the article is about (``Evidence.article_prior``). ``speaker_only``: (n, k) bool, units whose only
    lexical evidence for the theme is a speaker's name (:mod:`topics.themes.speakers`): as seeds they do not
    carry their article (``SPEAKER_SEEDS_CARRY``). ``speaker_muted``: (n, k) bool, units that name a speaker of
    the theme away from its subject (:func:`topics.themes.speakers.muted`): no neighbour or article puts them under it;
    ``speaker_model``: :func:`topics.themes.speakers.corroboration`, which the seeds on a speaker's name alone need;
    ``alias_hits`` / ``alias_floors``: per theme, where each keyword occurs and its own floor (:func:`keyword_floors`);
    ``alias_within`` / ``lone_floors``: which keywords are part of which, and the floor of a unit with one (``SECOND_KEYWORD``);
    ``narrow``: (k,) bool, narrow stories kept to their seed floor (:mod:`topics.themes.breadth`; None: found here
    from ``close``, (k,) bool, :func:`topics.themes.corpus_fit.typically_close`); ``closest_floor``: (k,) from where
    being a unit's closest theme is evidence of its own and lets it join among members (:mod:`topics.themes.closest`;
    None: nowhere); ``title_hits``: (n, k) bool, units that name the theme itself (its name, or a name its name holds,
    where that is no common word: :func:`topics.themes.keywords.names_theme`), its subject in every regime;
    ``sibling_words``, ``sibling_reference``: :func:`topics.themes.siblings.tested` (None: no test; found here)."""
    from topics.themes import breadth, corpus_fit, siblings, speakers
    from topics.themes.passages import article_carry, article_prior

    if speaker_only is not None and speaker_model is not None:
        keyword_hits, name_hits, speaker_only, speaker_muted = speakers.corroborated(
            vectors, speaker_model, keyword_hits, name_hits, speaker_only, speaker_muted)
    z = (similarity - centre) / spread
    if alias_hits is not None and alias_floors is not None:
        keyword_hits, name_hits = _above_keyword_floors(z, keyword_hits, name_hits, alias_hits, alias_floors)
    if alias_hits is not None and alias_within is not None and lone_floors is not None:
        keyword_hits, name_hits = _corroborated(z, keyword_hits, name_hits, alias_hits, alias_floors, alias_within, lone_floors)
    keyword_in_context = _in_context(z, keyword_hits, name_hits, z_keyword)
    semantic_seed = z >= z_seed
    seeds = keyword_in_context | semantic_seed
    k = similarity.shape[1]
    context_floor = np.zeros(k) if context_floor is None else np.asarray(context_floor, dtype=np.float64)
    muted = np.zeros(z.shape, dtype=bool) if speaker_muted is None else np.asarray(speaker_muted, dtype=bool)
    own_evidence = _own_evidence(z, _name_or_all(keyword_hits, name_hits), seeds, neighbours, z_seed, context_floor, muted,
                                 closest.evidence(z, closest_floor))
    learned = learned_probability(vectors, coef, intercept)
    score = learned_score(learned, z, z_seed, threshold)
    # A seed is a member, the more certain the stronger its calibrated similarity.
    seed_score = threshold + (1.0 - threshold) * np.clip(z / (2.0 * z_seed), 0.0, 1.0)
    score = np.where(seeds, np.maximum(score, np.minimum(seed_score, 1.0)), score)
    # Without its own evidence a unit stays below the threshold, whatever it resembles.
    score = np.where(own_evidence, score, below_threshold(score, threshold))
    member = score >= threshold
    admitted = np.where(member, ADMITTED_LEARNING, ADMITTED_NONE).astype(np.int8)  # the seeds are marked at the end
    if CONTEXT_JOINS and neighbours is not None:
        beside = _context_joins(z, seeds, neighbours, context_floor, z_keyword) & ~member & ~muted
        beside &= ~(learned < JOIN_LEARNED_FLOOR)  # NaN (the theme did not learn): the neighbour alone
        score = np.where(beside, np.maximum(score, threshold), score)
        member |= beside
        admitted[beside] = ADMITTED_NEIGHBOUR
    if nearest is not None and nearest.shape[1]:
        share = member[nearest].mean(axis=1)
        word_among_members = keyword_hits & (z >= 0) & (share >= NEIGHBOURHOOD_SHARE) & ~member
        score = np.where(word_among_members, np.maximum(score, threshold), score)
        member |= word_among_members
        admitted[word_among_members] = ADMITTED_MEMBERS
    k = similarity.shape[1]
    theme_fits = np.ones(k, dtype=bool) if theme_fits is None else np.asarray(theme_fits, dtype=bool)
    absent = np.zeros(k, dtype=bool) if absent is None else np.asarray(absent, dtype=bool)
    # New units keep the fit's verdict: the check is read on the fitted corpus (and may be switched off for it).
    fits = corpus_fit.file_fits(theme_fits) if fits is None else bool(fits)
    regime = np.full(k, fits) if regime is None else np.asarray(regime, dtype=bool)
    if narrow is None:  # read from the learning regime's members (elsewhere every theme is strict)
        narrow = breadth.narrow_themes(member, semantic_seed, learned >= learning.SELF_TRAINING_PROBABILITY, close) & regime
    joined = member
    score, member = closest.join_among_members(score, member, z, z_keyword, learned, nearest, closest_floor, narrow, threshold,
                                               learning.SELF_TRAINING_PROBABILITY, vectors=vectors, seeds=seeds)
    admitted[member & ~joined] = ADMITTED_CLOSEST
    if not regime.all():
        # No region of this corpus is about these themes: what was learned from it, or carried
        # along its articles, is chance. Only meaning above the seed floor (calibrated on this
        # corpus's null and the decoys) stays: a keyword is no evidence of its own here, since a
        # corpus not about the themes uses their words in other senses ("Russian" of a tennis
        # player, "deal" of a merger, "killed" of a song).
        chance = member & ~semantic_seed & ~regime[None, :]
        if not fits:  # a theme standing out of a file that does not fit: only where it is the unit's closest
            chance |= member & ~semantic_seed & ~closest.closest(z)
        score = np.where(chance, below_threshold(score, threshold), score)
        member &= ~chance
    # An absent theme, like a narrow one, keeps only its seeds on meaning: it has no region here to learn.
    score, member = breadth.keep_strict(score, member, semantic_seed, np.asarray(narrow, dtype=bool) | absent, threshold)
    # Where keywords do not count, the theme's own name, in context, still does: it is the subject, not a word of it
    # ("ruling him out of the RBS Six Nations"); in a file that does not fit, only where the theme is the unit's closest.
    titled = breadth.named_itself(z, title_hits, ~regime | np.asarray(narrow, dtype=bool) | absent, fits)
    score = np.where(titled, np.maximum(score, np.minimum(seed_score, 1.0)), score)
    member |= titled
    dominated = _dominated(score, z, member, kinds)
    score = np.where(dominated, below_threshold(score, threshold), score)
    member &= ~dominated
    prior = None
    if article_context and regime.any() and ARTICLE_CARRY_SEEDS > 0 and neighbours is not None:
        article_seeds = seeds
        if speaker_only is not None and not SPEAKER_SEEDS_CARRY:
            article_seeds = seeds & ~(speaker_only & ~semantic_seed)
        carried = article_carry(z, member, article_seeds, neighbours, ARTICLE_CARRY_SEEDS)
        carried &= ~(learned < CARRY_LEARNED_FLOOR) & ~muted  # NaN (the theme did not learn): the article alone
        carried &= ~np.asarray(narrow, dtype=bool)[None, :] & regime[None, :]
        score = np.where(carried, np.maximum(score, threshold), score)
        member |= carried
        admitted[carried] = ADMITTED_ARTICLE
        prior = article_prior(seeds, neighbours)
    # Where the learned model's region runs beyond the evidence (a theme's section), it places nothing there.
    unbacked = learning.unbacked(member, learned, seeds | titled, nearest)
    score = np.where(unbacked, below_threshold(score, threshold), score)
    member &= ~unbacked
    # A placement on meaning alone outside the learning regime must side with the theme's worded members, not siblings.
    left, reference = siblings.tested(vectors, member, semantic_seed & ~titled, ~regime, z, sibling_words, sibling_reference)
    score, member = np.where(left, below_threshold(score, threshold), score), member & ~left
    source = np.zeros(similarity.shape, dtype=np.int8)
    source[member] = SOURCE_LEARNING
    source[member & semantic_seed] = SOURCE_SIMILARITY
    # A keyword placed a unit only under a theme whose keywords count: not in the strict regime, nor under a narrow or
    # absent theme, which keep their seeds on meaning alone (a unit there with a keyword is placed by its meaning).
    words_count = regime & ~np.asarray(narrow, dtype=bool) & ~absent
    source[member & ((keyword_in_context & words_count[None, :]) | titled)] = SOURCE_KEYWORDS
    admitted = np.where(member, np.where(source == SOURCE_LEARNING, admitted, source), ADMITTED_NONE).astype(np.int8)
    return Evidence(
        similarity=similarity,
        z=z,
        keyword_hits=keyword_hits,
        learned=learned,
        score=np.clip(score, 0.0, 1.0),
        source=source,
        admitted=admitted,
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
        absent=absent,
        fits=fits,
        regime=regime,
        article_prior=prior,
        speaker_model=speaker_model,
        alias_floors=alias_floors,
        lone_floors=lone_floors,
        narrow=np.asarray(narrow, dtype=bool),
        closest_floor=closest_floor,
        sibling_reference=reference, left_to_siblings=left,
    )


def meaning_unproven(theme_fits) -> np.ndarray:
    """(k,) bool: the themes that do not fit (:func:`topics.themes.corpus_fit.theme_fits`) in a file that does
    (in a file that does not, every theme is placed on meaning alone, above the file's floor)."""
    from topics.themes import corpus_fit

    theme_fits = np.asarray(theme_fits, dtype=bool)
    return ~theme_fits & corpus_fit.file_fits(theme_fits)


def theme_kinds(aliases_per_theme, named=None) -> np.ndarray:
    """(k,) 1 for a theme about *who* (most of its name and keywords are names: "Haqqani network",
    "al-Qaeda", "IMU"), 0 for one about *what* (common words: "detentions", "air strikes"). ``named``: per
    theme, whether each alias counts as a name on the corpus (None: the capitalised ones)."""
    from topics.text.aliases import is_name

    if named is None:
        named = [list(map(is_name, aliases)) for aliases in aliases_per_theme]
    return np.array([int(sum(flags) * 2 > len(aliases)) for aliases, flags in zip(aliases_per_theme, named)])


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
    subject's null centre (``centre``, ``spread``: :func:`topics.themes.calibration.calibrate` of ``subject_similarity``)."""
    if not NAME_ABOUTNESS:
        return name_hits
    return name_hits & ((subject_similarity - centre) / spread >= NAME_SUBJECT_Z)


def _name_or_all(keyword_hits, name_hits):
    """The keyword hits that are evidence below the keyword floor: names only (a common word counts
    only where the unit is close enough to the theme to make it a seed)."""
    return keyword_hits if name_hits is None else name_hits


def _own_evidence(z, keyword_hits, seeds, neighbours, z_seed, context_floor, muted=None, closest_theme=None) -> np.ndarray:
    """Where a unit has evidence of its own, without which nothing learned puts it under a theme:
    a name, or a neighbouring seed paragraph of the same article (a quote continuing it) while
    above the theme's context floor and closest to this theme of all (``NEIGHBOUR_EVIDENCE_CLOSEST``);
    or being a seed itself (``muted``: (n, k) units a neighbour does not count for), or being closest to the
    theme as close as its seeds (``closest_theme``: :func:`topics.themes.closest.evidence`). A common
    word below its keyword floor is no evidence: "government" in news about Afghanistan says
    nothing about UK politics, and learning spread such themes over the corpus.
    (A lower similarity floor alone let learning spread a theme that does not fit the corpus over
    the null's heavy upper tail: measured in benchmarks/themes.py.)"""
    evidence = (keyword_hits & (z >= 0)) | (z >= z_seed) | seeds
    if closest_theme is not None:
        evidence |= closest_theme
    if neighbours is not None:
        beside = _next_to_seed(seeds, neighbours) & (z >= context_floor)
        if NEIGHBOUR_EVIDENCE_CLOSEST:
            # As for the joins: a paragraph between two subjects continues the one it resembles most.
            beside &= z >= z.max(axis=1, keepdims=True)
        evidence |= beside & (True if muted is None else ~muted)
    return evidence
