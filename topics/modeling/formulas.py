"""The units' vectors as the clustering sees them: sentences the corpus repeats across its articles left out.

Press releases repeat formulas ("No civilians were harmed during the operation.", "This is an update
to IJC News Release #2010-10-CA-123"), newsletters bios and credits. Embedded with the rest of a unit,
such a sentence pulls units about unrelated events together. Here a sentence of four words or more that
``MIN_FORMULA_DOCUMENTS`` articles or more hold (codes, numbers and dates ignored:
:func:`topics.text.wording.document_templates`) is a formula, and:

- a paragraph holding formulas and four other words or more is embedded without the formulas (through the
  embedder's cache, keyed by the text embedded, so its own vector stays cached as it was);
- a paragraph that is nothing but formulas keeps its own vector: nothing else in it says where it belongs;
- an article's vector is the length-weighted mean of its paragraphs' vectors as above, leaving out the
  paragraphs that are nothing but formulas when others remain.

Only the vectors change: the units' texts, and everything shown from them, stay as written.

Every way of fitting applies the one rule: :func:`clustering_vectors` where the corpus is known
(``find_topics``, ``topics report``, ``TopicModel.fit`` given the ``Corpus``), :func:`unit_clustering_vectors`
where only its units are (``TopicModel.fit`` of units and the Ray fit, which find the formulas among the
units' own texts). ``predict`` and ``transform`` of new units' texts leave out the formulas of the units the model
was fitted on (:func:`new_unit_vectors`; found once per fit, :func:`fit_formulas`), so a fitted unit's own text is
read as the fit read it.
Owns that rule. May import numpy and the embedding and text stages.
"""

from __future__ import annotations

import numpy as np

from topics.errors import warn_at_user_line
from topics.text.wording import MIN_TEMPLATE_WORDS, document_templates, keyed_sentences
from topics.validate import check_embedder_width, same_ids

# Three articles, the least the keyword step counts as a repeat, and no share of the corpus on top: at 1 %
# a large corpus keeps every formula (20 Newsgroups: 548 at three messages, none at 1 %), and scores were as
# neutral at three as at 1 % where both were measured (docs/benchmarks.md, "Corpus formulas in clustering").
MIN_FORMULA_DOCUMENTS = 3


def formula_free_texts(texts, documents, min_documents: int = MIN_FORMULA_DOCUMENTS, formulas=None) -> list[str | None]:
    """Per text: the text without its formulas (the text itself when it holds none), or None when what
    is left has fewer than four words (the text is a formula, or nearly). ``formulas``: those of another
    corpus (a fit's, :func:`new_unit_vectors`), else found among ``texts`` by their ``documents``."""
    texts = [str(t) for t in texts]
    keyed = [keyed_sentences(text) for text in texts]
    formulas = document_templates(texts, documents, min_documents, keyed=keyed) if formulas is None else formulas
    if not formulas:
        return texts
    kept = []
    for text, found in zip(texts, keyed):
        left = [sentence for sentence, key in found if key not in formulas]
        if len(left) == len(found):
            kept.append(text)
        else:
            left_text = " ".join(left)
            kept.append(left_text if len(left_text.split()) >= MIN_TEMPLATE_WORDS else None)
    return kept


def fit_formulas(model) -> frozenset:
    """The formulas ``model``'s fit found among its units' texts (``units_``, with ``article_id``; none without),
    which :func:`new_unit_vectors` leaves out of new units' texts. Finding them reads every fitted text (a second
    on 6,000 paragraphs), so they are found once and kept beside the units they were found in: a refit or an
    update gives the model other units (found again then), a pickle keeps both, a loaded model finds them once and
    a clone has no units."""
    units = model.units_
    cached = getattr(model, "_formulas_cache", None)
    if cached is None or cached[0] is not units:
        found = frozenset()
        if "article_id" in units.columns:
            found = document_templates(units["text"].astype(str).tolist(), units["article_id"].tolist(), MIN_FORMULA_DOCUMENTS)
        model._formulas_cache = cached = (units, found)
    return cached[1]


# A formula repeated often enough to move topics shows in a sample of this many units' articles.
WARNING_SAMPLE_UNITS = 20_000


def _articles_sampled(units, n_units: int):
    """``units`` whole, or those of a seeded random sample of their articles holding about ``n_units``."""
    if len(units) <= n_units:
        return units
    articles = units["article_id"].unique()
    rng = np.random.default_rng(0)
    chosen = rng.choice(articles, size=max(1, round(len(articles) * n_units / len(units))), replace=False)
    return units[units["article_id"].isin(chosen)]


def warn_formulas_kept(units, min_documents: int = MIN_FORMULA_DOCUMENTS) -> int:
    """Say so when vectors given without an embedder are clustered as they are although some units hold formulas:
    ``find_topics`` and ``topics report`` cluster those units without them, so their topics and subtopics can differ
    (docs/benchmarks.md, "Report and fit on the same texts"). Returns how many units hold them: of all the units, or
    of a sample of whole articles when there are more than ``WARNING_SAMPLE_UNITS`` (the check costs about a second
    per 20,000 units, and a warning needs no exact count)."""
    total = len(units)
    units = _articles_sampled(units, WARNING_SAMPLE_UNITS)
    texts = units["text"].astype(str).tolist()
    kept = formula_free_texts(texts, units["article_id"].tolist(), min_documents)
    held = sum(left != text for text, left in zip(texts, kept))
    if held:
        warn_at_user_line(
            f"{held} of {len(units)} units{' (a sample of whole articles)' if len(units) < total else ''} hold "
            f"sentences that {min_documents} articles or more repeat; vectors given "
            "without an embedder are clustered with them, where find_topics and `topics report` leave them out, so "
            "the topics and subtopics can differ from the report's. For the report's: TopicModel(embedder=embedder) "
            "with the Embedder that made the vectors (article units: .fit(corpus, level=\"article\")); "
            "formulas=None clusters the vectors as given without this warning")
    return held


def new_unit_vectors(texts, embedder, formulas=None) -> np.ndarray:
    """``embedder``'s vectors of new units' ``texts``, read as the fit read its own: the ``formulas`` it found left
    out (:func:`fit_formulas`; None: a fit that kept its formulas). So a fitted unit's own text gets the vector it
    was clustered by (before, an ISAF paragraph's came back in another topic)."""
    texts = [str(t) for t in texts]
    vectors = embedder.encode(texts)
    return _left_out(texts, None, vectors, embedder, MIN_FORMULA_DOCUMENTS, formulas=formulas)[0] if formulas else vectors


def clustering_vectors(corpus, level: str, embedder, paragraph_vectors: np.ndarray | None = None,
                       min_documents: int = MIN_FORMULA_DOCUMENTS) -> np.ndarray:
    """Vectors row-aligned with ``corpus.units(level)`` in which the corpus's formulas weigh little (see the
    module). ``paragraph_vectors``: the paragraphs' own vectors, when already embedded with ``embedder``."""
    from topics.embedding.embed import article_vectors, length_weighted_means

    paragraphs = corpus.paragraphs
    texts = paragraphs["text"].astype(str).tolist()
    if paragraph_vectors is None:
        paragraph_vectors = embedder.encode(texts)
    vectors, kept, changed = _left_out(texts, paragraphs["article_id"].tolist(), paragraph_vectors, embedder, min_documents)
    if level == "paragraph":
        return vectors
    plain = article_vectors(corpus, paragraph_vectors)
    content = np.array([left is not None for left in kept], dtype=bool)
    if content.all() and not changed:
        return plain
    row_of = {a: i for i, a in enumerate(corpus.articles["article_id"].tolist())}
    groups = paragraphs["article_id"].map(row_of).to_numpy()
    n_articles = len(row_of)
    means = length_weighted_means(vectors[content], [kept[i] for i in np.flatnonzero(content)], groups[content], n_articles)
    has_content = np.bincount(groups[content], minlength=n_articles) > 0
    return np.where(has_content[:, None], means, plain).astype(np.float32)


def unit_clustering_vectors(units, embeddings: np.ndarray, embedder, *, embedded_here: bool,
                            min_documents: int = MIN_FORMULA_DOCUMENTS) -> np.ndarray:
    """:func:`clustering_vectors` for units alone (``corpus.units(level)`` or texts, checked by
    :func:`topics.validate.check_units`), ``embeddings`` row-aligned with them.

    The formulas are found among the units' texts, each counted for its ``article_id``; a unit holding
    formulas and four other words or more gets ``embedder``'s vector of those other words. Paragraph
    units get exactly the vectors ``find_topics`` clusters. A unit that is a whole article (its own
    ``article_id``: article units, plain texts) is re-embedded only when ``embedded_here`` (``embeddings``
    are ``embedder``'s vectors of the units' texts as they are): a vector given for it may be the mean of
    its paragraphs' vectors (:func:`topics.embedding.embed.embed_units`), which the units alone cannot
    rebuild without the formulas (:func:`clustering_vectors` of the corpus can).
    """
    parts = ~same_ids(units["unit_id"], units["article_id"])
    if not embedded_here and not parts.any():
        return embeddings
    texts = units["text"].astype(str).tolist()
    vectors, _, changed = _left_out(texts, units["article_id"].tolist(), embeddings, embedder, min_documents,
                                    only=None if embedded_here else parts)
    return vectors if changed else embeddings


def _left_out(texts, documents, vectors, embedder, min_documents, only=None, formulas=None):
    """(the vectors with each text that holds formulas and other words embedded without the formulas,
    each text without its formulas (:func:`formula_free_texts`), the rows re-embedded).
    ``only``: a mask of the rows that may be re-embedded (default: all); ``formulas``: given, not found."""
    kept = formula_free_texts(texts, documents, min_documents, formulas=formulas)
    changed = [i for i, (text, left) in enumerate(zip(texts, kept))
               if left is not None and left != text and (only is None or only[i])]
    vectors = np.array(vectors, dtype=np.float32, copy=True)  # the embedder's dtype: the re-embedded rows are its own
    if changed:
        fresh = embedder.encode([kept[i] for i in changed])
        check_embedder_width(vectors, embedder, load=True)  # vectors given of another width: said, not a numpy error
        vectors[changed] = fresh
    return vectors, kept, changed
