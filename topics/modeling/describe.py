"""Topic descriptions: c-TF-IDF keywords re-ranked for relevance and diversity, labels, representatives.

Keywords are uni- and bi-grams scored by class-based TF-IDF (a topic's units
pooled into one document). Stop words, news reporting words ("said", "told") and
words spread evenly over the whole corpus are never keywords; bigrams are built
only from adjacent kept words, so "said" never bridges two words into a bigram.
Candidates are then re-ranked by maximal marginal relevance: relevance mixes
the c-TF-IDF score with how close the units using a keyword sit to the topic
embedding, a keyword too similar to one already chosen is passed over, and one the
topic's keywords so far are used together with in the corpus's units gains.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from topics.modeling.name_words import shown_terms
from topics.modeling.representatives import representative_units
from topics.modeling.shared_line import shared_words
from topics.text.outlets import outlet_columns
from topics.text.wording import NEWS_STOP_WORDS, stop_words as _stop_words  # noqa: F401  (used by headlines, reduce)
from topics.validate import unit_rows

# A word in at least this share of units and in nearly every topic is corpus boilerplate.
BOILERPLATE_UNIT_SHARE = 0.25
BOILERPLATE_TOPIC_SHARE = 0.8
CONCENTRATION = 3.0  # ... unless a topic's units use it at this many times the corpus rate
TOKEN_PATTERN = re.compile(r"(?u)\b[^\W\d_](?:[\w-]*[^\W_])?\b")
MAX_WORD_CHARS = 40  # a longer run is no word a reader would write (a URL slug, a hash, padding): no token
POSSESSIVE = re.compile(r"['’]s\b")
# A word pair never spans a line break (a heading and its paragraph), a sentence's end or a field's name and
# its value ("File: congress/102nd/HR1133" gives no "file congress").
GRAM_BREAK = re.compile(r"\n|[.!?;:](?=\s)")
# A cleaned text's tokens and its breaks in one pass: a break reads as "" (no token holds a break's characters,
# and lower case and a possessive's removal keep them), so no line is tokenized apart.
TOKEN_OR_BREAK = re.compile(f"({TOKEN_PATTERN.pattern.removeprefix('(?u)')})|{GRAM_BREAK.pattern}")
# Only where a possessive follows a sentence's mark does its removal make a break the text had not ("U.S.'s view").
BREAK_BEFORE_POSSESSIVE = re.compile(r"[.!?;:]['’]s\b")
CANDIDATES_PER_KEYWORD = 3  # MMR chooses n_keywords among this many times as many candidates
RELEVANCE_MIX = 0.5  # relevance = mix * c-TF-IDF (scaled to 1) + (1 - mix) * similarity to topic
# Weight of a candidate's mean NPMI (use in the same units) with the keywords already chosen, so a
# topic's keywords are words its articles use together. Measured on the automatic topics of BBC
# News / AG News (3k) / ISAF press releases: keyword NPMI 0.306 / 0.106 / 0.292 at 0, 0.314 / 0.123
# / 0.320 at 0.1, 0.342 / 0.125 / 0.346 at 0.2, 0.382 / 0.219 / 0.362 at 0.4; 0.376 / 0.183 / 0.353
# at 0.4 with fixed phrases given no credit (benchmarks/labels.py).
COHERENCE = 0.4
FIXED_PHRASE_NPMI = 0.8
# Below this many units one unit moves a pair's NPMI by a lot: co-occurrence is noise there.
MIN_UNITS_FOR_COHERENCE = 200
DIVERSITY = 0.1  # weight of redundancy against relevance in MMR (more costs coherence: AG News NPMI 0.17 -> 0.11 at 0.3)
LABEL_WORDS = 2  # a label of keywords alone, as one of words alone from the phrase search (headlines._compose)
LABEL_WINDOW = 5  # a keyword phrase names the topic when both its words are among the first five
SPELLING_TEXTS = 1_000  # texts per topic read for the usual spelling of its label words
# Past this many units keywords and labels are read from an even sample of each topic (and of the
# outliers), the same share of each, every unit weighted by how many it stands for: reading all
# 300,000 texts was 86 of a 195 CPU s fit. A topic keeps at least DESCRIBE_TOPIC_UNITS of its units.
# There the sample's keywords share 0.89 of each topic's ten with every text's (docs/benchmarks.md).
DESCRIBE_MAX_UNITS = 50_000
DESCRIBE_TOPIC_UNITS = 1_000




def tokenize(text: str, cleaned: bool = False) -> list[str]:
    """Lower-case word tokens (letters first; hyphenated names such as "isis-k" kept whole;
    curly apostrophes read as straight ones, contractions and datelines dropped).
    ``cleaned``: the text has been through :func:`topics.text.wording.clean_text` already."""
    from topics.text.wording import clean_text

    found = TOKEN_PATTERN.findall(POSSESSIVE.sub("", (text if cleaned else clean_text(text)).lower()))
    return [token for token in found if len(token) <= MAX_WORD_CHARS]


class KeywordAnalyzer:
    """Unigrams and adjacent-word bigrams without stop words (a CountVectorizer analyzer).

    ``cleaned``: the texts come from :func:`topics.text.wording.keyword_texts`, which cleaned them."""

    def __init__(self, stop_words: frozenset[str], cleaned: bool = False):
        self.stop_words = stop_words
        self.cleaned = cleaned

    def __call__(self, text: str) -> list[str]:
        from topics.text.wording import other_language_stop_words

        other = other_language_stop_words(text)
        stop_words = self.stop_words | other if other else self.stop_words
        lower = text.lower() if self.cleaned else ""
        if self.cleaned and not BREAK_BEFORE_POSSESSIVE.search(lower):
            # "" (a break) and stop words read as None, so no pair spans them; overlong runs are no tokens.
            tokens = [t if t not in stop_words and len(t) > 1 else None
                      for t in TOKEN_OR_BREAK.findall(POSSESSIVE.sub("", lower)) if len(t) <= MAX_WORD_CHARS]
            return [t for t in tokens if t] + [f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if a and b and a != b]
        grams, pairs = [], []
        for line in GRAM_BREAK.split(text):  # no word pair spans a paragraph's, a line's or a sentence's end
            tokens = [t if t not in stop_words and len(t) > 1 else None for t in tokenize(line, self.cleaned)]
            grams += [t for t in tokens if t]
            pairs += [f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if a and b and a != b]
        return grams + pairs


@dataclass(frozen=True)
class TopicDescriptions:
    """Per topic (row i <-> topic_ids[i]): keywords, their weights, a label, representative unit rows."""

    keywords: list[list[str]]
    keyword_weights: list[list[float]]
    labels: list[str]
    representatives: list[list[int]]


def unit_term_matrix(texts: list[str], cleaned: bool = False, material=None) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Sublinear counts of keyword candidates per unit, and the vocabulary (boilerplate removed later).

    ``cleaned``: ``texts`` are :func:`topics.text.wording.keyword_texts`, each cleaned once already.
    ``material``: a :class:`topics.modeling.text_material.TextMaterial` that remembers each cleaned
    text's candidates as term numbers and counts them (the same matrix); None = found here."""
    from sklearn.feature_extraction.text import CountVectorizer

    n_units = len(texts)
    # Rare n-grams cost memory on big corpora and are never a topic's keyword there.
    min_df = 1 if n_units < 500 else 2 if n_units < 20_000 else 3
    if material is not None and cleaned:
        found = material.gram_counts(texts, min_df)
    else:
        vectorizer = CountVectorizer(analyzer=KeywordAnalyzer(_stop_words(), cleaned), min_df=min_df, dtype=np.float64)
        try:
            found = vectorizer.fit_transform(texts).tocsr(), vectorizer.get_feature_names_out()
        except ValueError:  # no word survives (empty or stop-word-only texts)
            found = None
    if found is None:
        return sparse.csr_matrix((n_units, 0)), np.array([], dtype=object)
    counts, vocabulary = found
    # A bigram seen in a single unit is a chance neighbourhood of words, not a phrase (with min_df 2 or
    # more none is left: the test, which reads every term, is needed below 500 units only).
    if min_df < 2:
        unit_counts = np.asarray((counts > 0).sum(axis=0)).ravel()
        keep = np.array([" " not in term for term in vocabulary]) | (unit_counts >= 2)
        counts, vocabulary = counts[:, keep], vocabulary[keep]
    else:
        counts.sort_indices()  # each row's terms in column order, as the test's comparison left them
    # Sublinear counts: a keyword should be shared by a topic's units more than repeated in one
    # (1 per unit using it, a little more when a unit repeats it).
    counts.data = 1.0 + np.log(counts.data)
    return counts, vocabulary


def boilerplate_columns(counts: sparse.csr_matrix, labels: np.ndarray, topic_ids: np.ndarray, unit_weights=None) -> np.ndarray:
    """Columns of words used in many units and spread over (nearly) every topic (``unit_weights``: see
    :func:`describe_topics`)."""
    n_units = counts.shape[0]
    if n_units == 0 or counts.shape[1] == 0 or len(topic_ids) < 3:
        return np.zeros(counts.shape[1], dtype=bool)
    present = (counts > 0).astype(np.float64)
    weights = np.ones(n_units) if unit_weights is None else np.asarray(unit_weights, dtype=np.float64)
    if unit_weights is not None:
        present = sparse.csr_matrix(present.multiply(weights[:, None]))
    unit_share = np.asarray(present.sum(axis=0)).ravel() / weights.sum()
    # Topic ids need not be 0..k-1 (ids kept from an earlier run): rows follow ``topic_ids``.
    row_of = {int(t): row for row, t in enumerate(topic_ids)}
    members = np.flatnonzero([int(t) in row_of for t in labels])
    membership = sparse.csr_matrix(
        (np.ones(len(members)), ([row_of[int(labels[i])] for i in members], members)),
        shape=(len(topic_ids), n_units),
    )
    per_topic = np.asarray((membership @ present).todense())
    topic_share = (per_topic > 0).sum(axis=0) / len(topic_ids)
    # A word most topics use but one topic uses far more than its size explains names that topic
    # ("Daesh" in a corpus about the Islamic State): not boilerplate.
    sizes = membership @ weights
    rates = per_topic / np.maximum(sizes, 1)[:, None]
    concentrated = rates.max(axis=0) >= CONCENTRATION * unit_share
    return (unit_share >= BOILERPLATE_UNIT_SHARE) & (topic_share >= BOILERPLATE_TOPIC_SHARE) & ~concentrated


def class_tfidf(counts: sparse.csr_matrix, labels: np.ndarray, n_topics: int, unit_weights=None) -> np.ndarray:
    """c-TF-IDF (k, V): term frequency per topic (L1) x log(1 + average words per topic / term frequency)."""
    n_units = counts.shape[0]
    groups = np.where(labels >= 0, labels, n_topics)  # outliers pooled as one extra class for the idf
    weights = np.ones(n_units) if unit_weights is None else np.asarray(unit_weights, dtype=np.float64)
    membership = sparse.csr_matrix((weights, (groups, np.arange(n_units))), shape=(n_topics + 1, n_units))
    per_class = (membership @ counts).toarray()
    totals = per_class.sum(axis=0)
    words_per_class = per_class.sum(axis=1)
    average_words = words_per_class[words_per_class > 0].mean() if (words_per_class > 0).any() else 1.0
    idf = np.log1p(average_words / np.where(totals > 0, totals, 1))
    tf = per_class[:n_topics].copy()
    tf /= np.where(tf.sum(axis=1, keepdims=True) > 0, tf.sum(axis=1, keepdims=True), 1)
    return tf * idf


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _mmr(relevance: np.ndarray, vectors: np.ndarray, candidates: list[str], n_keywords: int,
         cooccurrence: np.ndarray | None = None) -> list[int]:
    """Greedy maximal marginal relevance; plural/singular twins of a chosen keyword are skipped.

    ``cooccurrence``: candidates x candidates NPMI of their use in the corpus's units; a candidate
    gains ``COHERENCE`` times its mean NPMI with the keywords already chosen.
    """
    return _ranked_mmr(relevance, vectors, candidates, n_keywords, cooccurrence)[0]


def _ranked_mmr(relevance, vectors, candidates, n_keywords, cooccurrence=None) -> tuple[list[int], list[float]]:
    """:func:`_mmr`'s choice, with the score each keyword was chosen by, never more than the one before
    it's (a later pick may gain by the keywords chosen before it): the weight a reader sees agrees with
    the order."""
    chosen: list[int] = []
    picked: list[float] = []
    seen_forms: set[str] = set()
    similarity = vectors @ vectors.T
    available = list(range(len(candidates)))
    while available and len(chosen) < n_keywords:
        if chosen:
            redundancy = similarity[np.ix_(available, chosen)].max(axis=1)
        else:
            redundancy = np.zeros(len(available))
        scores = (1 - DIVERSITY) * relevance[available] - DIVERSITY * redundancy
        if chosen and cooccurrence is not None:
            scores = scores + COHERENCE * cooccurrence[np.ix_(available, chosen)].mean(axis=1)
        pick = int(np.argmax(scores))
        best = available[pick]
        available.remove(best)
        form = " ".join(_singular(w) for w in candidates[best].split())
        if form in seen_forms:
            continue
        seen_forms.add(form)
        chosen.append(best)
        picked.append(max(0.0, min(float(scores[pick]), picked[-1] if picked else np.inf)))
    return chosen, picked


def unit_npmi(counts: sparse.csr_matrix) -> np.ndarray:
    """Columns x columns normalised PMI of two terms being used in the same unit (-1 when never together)."""
    present = (counts > 0).astype(np.float64)
    n_units = max(present.shape[0], 1)
    share = np.asarray(present.sum(axis=0)).ravel() / n_units
    joint = np.asarray((present.T @ present).todense()) / n_units
    with np.errstate(divide="ignore", invalid="ignore"):
        npmi = np.log(joint / np.outer(share, share)) / -np.log(joint)
    npmi = np.where(joint >= 1.0, 1.0, npmi)
    return np.where(joint > 0, np.nan_to_num(npmi, nan=0.0), -1.0)


def keyword_cooccurrence(counts: sparse.csr_matrix, candidates: list[str]) -> np.ndarray:
    """:func:`unit_npmi` of the candidates, 0 between two that share a word ("prime" and "prime
    minister" are used together because one holds the other, which says nothing of the topic) and
    between two that are nearly always used together."""
    npmi = unit_npmi(counts)
    # Terms almost always used together are one fixed phrase or a template (URL parts such as
    # "quickinfo" and "fullquote"), not words a topic shares: no credit either.
    npmi[npmi >= FIXED_PHRASE_NPMI] = 0.0
    words = [set(c.split()) for c in candidates]
    for i, j in zip(*np.triu_indices(len(candidates), 1)):
        if words[i] & words[j]:
            npmi[i, j] = npmi[j, i] = 0.0
    return npmi


def _surface_forms(texts: list[str], words: set[str]) -> dict[str, str]:
    """Most common original spelling of each lower-case word ("taliban" -> "Taliban")."""
    counts: dict[str, Counter] = {w: Counter() for w in words}
    for text in texts:
        for token in TOKEN_PATTERN.findall(POSSESSIVE.sub("", str(text))):
            lower = token.lower()
            if lower in counts:
                counts[lower][token] += 1
    return {w: (c.most_common(1)[0][0] if c else w) for w, c in counts.items()}


def make_label(keywords: list[str], texts: list[str]) -> str:
    """Up to two keywords not repeating one another's words, in their usual spelling.

    A phrase among the keywords made of two leading words takes their place
    ("open", "seed", "australian", ... "australian open" -> "Australian Open, seed").
    Where two of the ``texts`` share some keywords, only those: a word one text writes names that text,
    not the topic ("Conclude, alternative, circumstances" of eight unrelated quotes, each from one).
    """
    held: Counter = Counter()
    for text in texts:
        lines = [tokenize(line, cleaned=True) for line in GRAM_BREAK.split(text)]
        held.update({t for tokens in lines for t in tokens} | {f"{a} {b}" for tokens in lines for a, b in zip(tokens, tokens[1:])})
    keywords = [k for k in keywords if held[k] >= 2] or keywords
    picked: list[str] = []
    used: set[str] = set()
    leading = {_singular(w) for w in keywords[:LABEL_WINDOW]}
    phrases = [k for k in keywords if " " in k and {_singular(w) for w in k.split()} <= leading]
    ordered = []
    for keyword in keywords:
        ordered += [p for p in phrases if keyword in p.split() and p not in ordered]
        if keyword not in ordered:
            ordered.append(keyword)
    for keyword in ordered:
        forms = {_singular(w) for w in keyword.split()}
        if forms & used:
            continue
        picked.append(keyword)
        used |= forms
        if len(picked) == LABEL_WORDS:
            break
    if not picked:
        return ""
    spelling = _surface_forms(texts, {w for k in picked for w in k.split()})
    words = [" ".join(spelling.get(w, w) for w in k.split()) for k in picked]
    words[0] = words[0][:1].upper() + words[0][1:]
    return ", ".join(words)


def describe_topics(
    texts: list[str],
    labels: np.ndarray,
    topic_ids: np.ndarray,
    embeddings: np.ndarray,
    topic_embeddings: np.ndarray,
    n_keywords: int = 10,
    n_representatives: int = 3,
    aliases=None,
    unit_weights=None,
    named_rows=None,
    max_units: int | None = DESCRIBE_MAX_UNITS,
    material=None,
    unnamed=None,
    earlier_names=None,
    usage_texts=None,
    writers=None,
    avoid=frozenset(),
) -> TopicDescriptions:
    """Keywords, weights, label and representative units for topics 0..k-1 (``labels`` uses those ids).

    ``aliases``: a :class:`topics.text.alias_mining.AliasTable`; every name of a group counts as its
    canonical spelling. Datelines, contractions and corpus-repeated sentences are left out
    (:func:`topics.text.wording.keyword_texts`). ``unit_weights``: how many corpus units each unit
    stands for, when ``texts`` is a sample of a larger corpus (corpus-wide counts are weighted;
    None = every unit counts once). ``named_rows``: the rows of ``topic_ids`` to describe (None = all);
    the others get an empty label and no keywords (an update keeps their earlier names), unless a
    named row's label falls back to keywords, which are weighed against every row's. ``max_units``:
    past this many texts the words are read from :func:`description_rows` (None = every text);
    representatives are always chosen among all units (:mod:`topics.modeling.representatives`). ``material``: a
    :class:`topics.modeling.text_material.TextMaterial` that remembers each text's keyword candidates
    and label phrases (None = found here). ``unnamed``: per row, the label of a topic no rule names
    (None = "Topic <id>"; a subtopic's says which topic it is part of). ``earlier_names``: row -> (the label,
    the keywords) an update found for a named row; the label is kept where it still fits the row's fresh
    keywords (:func:`topics.modeling.headlines.label_still_fits`), else the row is labelled afresh.
    ``usage_texts``: the corpus's texts (:func:`topics.modeling.headlines.usage_sample`) when ``texts``
    are a part of it (one topic's, described into subtopics): the label rules read how the corpus uses a
    word there, and keywords score by what they add over the whole topic and the corpus (background_words). ``writers``: per text, the article it is part of (None = each text its own); ``avoid``: label
    leads given elsewhere (see :func:`topics.modeling.headlines.headline_labels`).
    """
    from topics.text.wording import keyword_texts

    labels = np.asarray(labels)
    if max_units is not None and len(texts) > max_units:
        rows, weights = description_rows(labels, max_units, DESCRIBE_TOPIC_UNITS)
        if unit_weights is not None:
            weights = weights * np.asarray(unit_weights, dtype=np.float64)[rows]
        # The sample's words only: representatives (n = 0 here) are chosen below among all units.
        sampled = describe_topics(
            [texts[i] for i in rows], labels[rows], topic_ids, embeddings[rows], topic_embeddings, n_keywords,
            0, aliases, weights, named_rows, max_units=None, material=material, unnamed=unnamed,
            earlier_names=earlier_names, usage_texts=usage_texts,
            writers=None if writers is None else [writers[i] for i in rows], avoid=avoid,
        )
        representatives = representative_units(labels, topic_ids, embeddings, topic_embeddings, n_representatives, texts)
        return replace(sampled, representatives=representatives)
    written = texts  # as the corpus writes them: a topic without keywords is named by a line they share
    texts = keyword_texts(texts, aliases, material)
    n_topics = len(topic_ids)
    counts, vocabulary = unit_term_matrix(texts, cleaned=True, material=material)
    if counts.shape[1]:
        # A name the corpus defines (a mined alias group) is an actor, never boilerplate.
        names = {g.canonical.lower() for g in aliases.groups} if aliases else set()
        # (A set lookup per word: np.isin sorts the object array of words, seconds on 100,000 of them.)
        defined = np.fromiter((word in names for word in vocabulary), dtype=bool, count=len(vocabulary))
        keep = ~boilerplate_columns(counts, labels, topic_ids, unit_weights) | defined
        keep &= ~outlet_columns(vocabulary, aliases)
        counts, vocabulary = counts[:, keep], vocabulary[keep]
    scores = class_tfidf(counts, labels, n_topics, unit_weights) if counts.shape[1] else np.zeros((n_topics, 0))
    if usage_texts is not None and n_topics > 1 and counts.shape[1]:  # parts of a topic: what each adds over it and the corpus
        from topics.modeling.background_words import background_scores, corpus_term_shares

        shares = usage_texts.term_shares(material) if hasattr(usage_texts, "term_shares") else corpus_term_shares(usage_texts, material)
        background = background_scores(counts, vocabulary, labels, topic_ids, shares, unit_weights)
        # A part writing no word more than its background (a sibling adds words to the same story) keeps c-TF-IDF.
        scores = np.where((background > 0).any(axis=1, keepdims=True), background, scores)
    emb = np.asarray(embeddings, dtype=np.float64)
    representatives = representative_units(labels, topic_ids, emb, topic_embeddings, n_representatives, written)

    def row_keywords(row: int) -> tuple[list[str], list[float], list[float]]:
        members = np.flatnonzero(labels == topic_ids[row])
        centroid = np.asarray(topic_embeddings[row], dtype=np.float64)
        topic_scores = scores[row] if scores.shape[1] else np.zeros(0)
        order = np.argsort(-topic_scores, kind="stable")
        order = order[topic_scores[order] > 0]
        # In topics of a few units or more, keywords come from words at least two units share.
        shared = np.asarray((counts[members][:, order] > 0).sum(axis=0)).ravel() >= 2
        if len(members) >= 4 and shared.sum() >= n_keywords:
            order = order[shared]
        order = order[: n_keywords * CANDIDATES_PER_KEYWORD]
        # A word the topic writes inside one name is shown as it ("united" -> "united states"): name_words.
        kept, candidates = shown_terms([str(vocabulary[c]) for c in order], [texts[i] for i in members], _stop_words())
        order = order[kept]
        if len(order) == 0:
            return [], [], []
        # A keyword's vector: the mean embedding of the topic's units that use it.
        usage = (counts[members][:, order] > 0).astype(np.float64)
        vectors = np.asarray(usage.T @ emb[members])
        vectors = unit_rows(vectors)
        candidate_scores = topic_scores[order]
        relevance = RELEVANCE_MIX * candidate_scores / candidate_scores.max() + (1 - RELEVANCE_MIX) * (vectors @ centroid)
        together = keyword_cooccurrence(counts[:, order], candidates) if COHERENCE and len(texts) >= MIN_UNITS_FOR_COHERENCE else None
        chosen, ranked = _ranked_mmr(relevance, vectors, candidates, n_keywords, together)
        # Shown: the score each was ranked by; the c-TF-IDF tells which topic weighs a keyword most (topic_labels).
        return [candidates[i] for i in chosen], [round(r, 6) for r in ranked], [float(candidate_scores[i]) for i in chosen]

    keywords: list[list[str]] = [[] for _ in range(n_topics)]
    weights: list[list[float]] = [[] for _ in range(n_topics)]
    tfidf: list[list[float]] = [[] for _ in range(n_topics)]
    found = set()

    def describe_rows(rows) -> None:
        for row in rows:
            if row not in found:
                keywords[row], weights[row], tfidf[row] = row_keywords(row)
                found.add(row)

    # Only the named rows need keywords, unless a label falls back to keywords (weighed against every row's).
    named = list(range(n_topics)) if named_rows is None else sorted({int(r) for r in np.atleast_1d(named_rows)})
    describe_rows(named)
    from topics.modeling.headlines import label_still_fits

    # A label read afresh only where the earlier one no longer says what the keywords say: most of an update's cost.
    kept = {row: label for row, (label, before) in (earlier_names or {}).items()
            if row in found and label_still_fits(label, keywords[row], before)}
    named = [row for row in named if row not in kept]
    names = headline_labels_or_keywords(
        texts, labels, topic_ids, emb, topic_embeddings, keywords, tfidf, unit_weights, named,
        describe_rest=lambda: describe_rows(range(n_topics)), material=material, written=written, unnamed=unnamed,
        usage_texts=usage_texts, left_out=getattr(aliases, "left_out", frozenset()), writers=writers, avoid=avoid,
    ) if named else [""] * n_topics
    return TopicDescriptions(keywords, weights, [kept.get(row, name) for row, name in enumerate(names)], representatives)


def description_rows(labels: np.ndarray, max_units: int, min_topic_units: int = DESCRIBE_TOPIC_UNITS):
    """(rows, weights): an even sample of each topic and of the outliers, the same share of each,
    about ``max_units`` in all, but at least ``min_topic_units`` of a topic (all of a smaller one);
    a unit is weighted by how many units of its topic it stands for. Rows in corpus order."""
    labels = np.asarray(labels)
    share = min(1.0, max_units / max(len(labels), 1))
    rows, weights = [], []
    for topic in np.unique(labels):
        members = np.flatnonzero(labels == topic)
        n = min(len(members), max(int(round(share * len(members))), min_topic_units, 1))
        picked = members[np.linspace(0, len(members) - 1, n).astype(int)] if n < len(members) else members
        rows.append(picked)
        weights.append(np.full(len(picked), len(members) / len(picked)))
    order = np.concatenate(rows)
    sort = np.argsort(order, kind="stable")
    return order[sort], np.concatenate(weights)[sort]


def headline_labels_or_keywords(texts, labels, topic_ids, embeddings, topic_embeddings, keywords, weights, unit_weights=None,
                                named_rows=None, describe_rest=None, material=None, written=None, unnamed=None,
                                usage_texts=None, left_out=frozenset(), writers=None, avoid=frozenset()) -> list[str]:
    """Headline labels (:mod:`topics.modeling.headlines`); the keyword label where a topic has no phrase
    (only the ``named_rows`` are labelled, None = all; the others get ""). ``describe_rest``: fills in
    the ``keywords`` and ``weights`` of the other rows, called before the keyword labels need them.
    ``material``: a :class:`topics.modeling.text_material.TextMaterial` remembering what the headline
    labels read of each text (None = found here). ``written``: the texts before keyword cleaning, where a
    label phrase must be written whole, and for :func:`topic_labels`' last resort (None = ``texts``); ``unnamed``: see :func:`topic_labels`;
    ``usage_texts``, ``left_out``, ``writers``, ``avoid``: see :func:`topics.modeling.headlines.headline_labels`."""
    from topics.modeling.headlines import headline_labels
    from topics.text.wording import is_junk_word

    wanted = np.ones(len(topic_ids), dtype=bool) if named_rows is None else np.isin(np.arange(len(topic_ids)), named_rows)
    headlines = headline_labels(
        texts, labels, topic_ids, embeddings, topic_embeddings, keywords, _stop_words(), is_junk_word, unit_weights, wanted,
        material=material, written=written, usage_texts=usage_texts, left_out=left_out, writers=writers, avoid=avoid,
    )
    if not all(h for h, w in zip(headlines, wanted) if w):
        if describe_rest is not None:
            describe_rest()
        fallback = topic_labels(texts, labels, topic_ids, keywords, weights, written, unnamed)
        headlines = [headline or (name if w else "") for headline, name, w in zip(headlines, fallback, wanted)]
    # A part the topic's texts mostly deny is named with its denial ("No civilians injured"): topics.modeling.negation.
    from topics.modeling.negation import told_labels

    return told_labels(headlines, labels, topic_ids, texts if written is None else written)


def topic_labels(texts, labels, topic_ids, keywords, weights, written=None, unnamed=None) -> list[str]:
    """A label per topic; a keyword goes into the label of the topic that weighs it most,
    so two topics do not both start with "Forces". A topic without keywords is named by the line
    its units share (:func:`shared_words` of ``written``, the texts as the corpus writes them; None =
    ``texts``), else by ``unnamed[row]`` (None = "Topic <id>")."""
    best_weight: dict[str, float] = {}
    for topic_keywords, topic_weights in zip(keywords, weights):
        for keyword, weight in zip(topic_keywords, topic_weights):
            best_weight[keyword] = max(best_weight.get(keyword, 0.0), weight)
    names = []
    for row, topic in enumerate(topic_ids):
        own = [k for k, w in zip(keywords[row], weights[row]) if w >= best_weight[k]]
        candidates = own if own else keywords[row]
        members = np.flatnonzero(labels == topic)
        # The usual spelling of a label word shows in any few hundred of the topic's texts;
        # reading all of them cost 11 s of a 300,000-unit fit.
        members = members[np.linspace(0, len(members) - 1, min(len(members), SPELLING_TEXTS)).astype(int)]
        member_texts = [texts[i] for i in members]
        lines = member_texts if written is None else [written[i] for i in members]
        names.append(make_label(candidates, member_texts) or shared_words(lines) or (unnamed[row] if unnamed is not None else f"Topic {topic}"))
    return names
