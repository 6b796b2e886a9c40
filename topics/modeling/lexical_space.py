"""The words' space a fit with ``n_topics`` groups units in, kept so that ``predict`` reads words as the fit did.

With ``n_topics`` the fit runs spherical k-means on the units' vectors joined with an LSA of their texts'
TF-IDF (:meth:`LexicalSpace.join`). The space (the vocabulary, its idf weights and the LSA axes) is learned
once from the fitted texts and then applied to them as to any new text, so that ``predict`` given texts
(or a Corpus) places them among the joined topic centres exactly as the fit placed its own units. Vectors
alone have no words: they keep the vectors' centres. Saved beside the model (``lexical_terms.json``,
``lexical_weights.npy``, ``lexical_centres.npy``); a model saved without them predicts from the vectors.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from topics.errors import InputError
from topics.validate import check_terms, parse_json, read_file_text, unit_rows

# Weight of the lexical part next to the sentence embedding in the joined vectors.
LEXICAL_WEIGHT = 0.5
LEXICAL_DIMENSIONS = 100
TERMS_FILE, WEIGHTS_FILE, CENTRES_FILE = "lexical_terms.json", "lexical_weights.npy", "lexical_centres.npy"
FILES = (TERMS_FILE, WEIGHTS_FILE, CENTRES_FILE)


@dataclass
class LexicalSpace:
    """A fitted TF-IDF (``terms`` in column order, their ``idf``) and the LSA ``axes`` (components x terms)."""

    terms: list[str]
    idf: np.ndarray
    axes: np.ndarray

    @classmethod
    def fit(cls, texts: list[str], random_state: int | None) -> LexicalSpace | None:
        """The space of ``texts``; None when they hold too few words for one (the vectors are then clustered alone)."""
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        from topics.modeling.describe import _stop_words, tokenize

        n_units = len(texts)
        vectorizer = TfidfVectorizer(
            tokenizer=tokenize, lowercase=False, token_pattern=None, stop_words=sorted(_stop_words()), sublinear_tf=True,
            min_df=2 if n_units >= 200 else 1, max_df=0.5 if n_units >= 20 else 1.0,
        )
        try:
            vectorizer.fit(texts)
        except ValueError:  # no word left
            return None
        terms = vectorizer.get_feature_names_out().tolist()
        space = cls(terms, vectorizer.idf_.astype(np.float64), np.zeros((0, len(terms))))
        n_components = min(LEXICAL_DIMENSIONS, len(terms) - 1, n_units - 1)
        if n_components < 2:
            return None
        with warnings.catch_warnings():
            # Texts with the same words give zero variance: harmless here, the vectors are still valid.
            warnings.simplefilter("ignore", RuntimeWarning)
            space.axes = TruncatedSVD(n_components=n_components, random_state=random_state).fit(space.tfidf(texts)).components_
        return space

    def tfidf(self, texts: list[str]):
        """The texts' TF-IDF rows (sparse) in this space's terms: the fitted texts' as the fit computed them."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        from topics.modeling.describe import tokenize

        vectorizer = TfidfVectorizer(vocabulary={term: column for column, term in enumerate(self.terms)},
                                     tokenizer=tokenize, lowercase=False, token_pattern=None, sublinear_tf=True)
        vectorizer.idf_ = self.idf
        return vectorizer.transform(texts)

    def join(self, texts: list[str], embeddings: np.ndarray) -> np.ndarray:
        """Embeddings joined with the texts' LSA (both L2-normalised), re-normalised, float32."""
        lexical = np.asarray(self.tfidf(texts) @ self.axes.T, dtype=np.float64)
        joined = np.hstack([np.asarray(embeddings, dtype=np.float64), LEXICAL_WEIGHT * unit_rows(lexical)])
        return unit_rows(joined).astype(np.float32)

    def centres(self, texts: list[str], embeddings: np.ndarray, labels: np.ndarray, topic_ids: np.ndarray) -> np.ndarray:
        """The centres of the topics ``topic_ids`` (``labels``: each unit's) in this space."""
        from topics.modeling.cluster import topic_centroids

        return topic_centroids(self.join(texts, embeddings), labels, topic_ids)


def joined_centres(model) -> np.ndarray | None:
    """The topic centres of ``model``'s fitted units in its words' space (None: it has none)."""
    space = getattr(model, "lexical_space_", None)
    if space is None:
        return None
    return space.centres(model.units_["text"].tolist(), model.embeddings_, model.labels_, model.topic_ids_)


def save_space(model, folder: Path) -> None:
    """Write the model's words' space and joined centres into ``folder`` (nothing when it has none)."""
    space, centres = getattr(model, "lexical_space_", None), getattr(model, "lexical_topic_embeddings_", None)
    if space is None or centres is None:
        return
    (folder / TERMS_FILE).write_text(json.dumps(space.terms, ensure_ascii=True), encoding="utf-8")
    np.save(folder / WEIGHTS_FILE, np.vstack([space.idf[None, :], space.axes]), allow_pickle=False)
    np.save(folder / CENTRES_FILE, np.asarray(centres, dtype=np.float32), allow_pickle=False)


def load_space(model, folder: Path) -> None:
    """Read back what ``save_space`` wrote; a model saved without it (or before it was kept) predicts from
    the vectors. Parts that do not fit together are an InputError naming the file."""
    model.lexical_space_ = model.lexical_topic_embeddings_ = None
    present = [(folder / name).is_file() for name in FILES]
    if not any(present):
        return
    if not all(present):
        missing = ", ".join(name for name, there in zip(FILES, present) if not there)
        raise InputError(folder, f"saved topic model is damaged: its words' space lacks {missing}")
    try:
        terms = parse_json(read_file_text(folder / TERMS_FILE))
    except ValueError as exc:  # a JSON or UTF-8 error
        raise InputError(folder / TERMS_FILE, f"is not valid JSON: {exc}") from None
    terms = check_terms(terms, folder / TERMS_FILE)
    weights = np.load(folder / WEIGHTS_FILE, allow_pickle=False)
    centres = np.load(folder / CENTRES_FILE, allow_pickle=False)
    dim = model.topic_embeddings_.shape[1]
    if (weights.ndim != 2 or weights.shape[1] != len(terms) or len(weights) < 3 or not np.isfinite(weights).all()
            or centres.shape != (len(model.topic_ids_), dim + len(weights) - 1) or not np.isfinite(centres).all()):
        raise InputError(folder / WEIGHTS_FILE, f"does not fit {TERMS_FILE} and {CENTRES_FILE} "
                                                f"({len(terms)} terms, weights {weights.shape}, centres {centres.shape})")
    model.lexical_space_ = LexicalSpace(terms, weights[0].astype(np.float64), weights[1:].astype(np.float64))
    model.lexical_topic_embeddings_ = centres
