"""Lexical relevance: BM25 over unit texts, with the ``bm25s`` library.

Used by :class:`topics.search.index.Index` for hybrid (dense + lexical) retrieval.
The index is saved in bm25s's own open format (JSON vocabulary and ``.npy``
sparse arrays, no pickle) and reloaded without re-tokenising the corpus.
A stemmed index (English Snowball, PyStemmer) matches "denied" with "deny" and
"capitals" with "capital", and first takes irregular forms to their base ("fell" to
"fall", "women" to "woman": :mod:`topics.text.word_forms`), which no suffix rule joins, and the "-es" plurals of
short words in "s" to their singular where the texts show it ("buses" to "bus": :mod:`topics.search.sibilant_plurals`).
A compound its texts write both open and closed ("air strike", "airstrikes") is one token
(:mod:`topics.search.compounds`), and so is a term the texts define by its initials with its acronym
("improvised explosive device (IED)": :mod:`topics.search.terms`). How an index was tokenised, and what its texts leave out
(:mod:`topics.search.furniture`), is saved beside it, so queries are always tokenised as its texts were.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

from topics._pickled import later_defaults
from topics.validate import parse_json, read_file_text

STOPWORDS = "en"
SETTINGS_FILE = "topics_lexical.json"  # how the saved texts were tokenised (absent: not stemmed)
# The files a saved lexical index is read from (its own and bm25s's): what Index.load checks before reading.
READ_FILES = (SETTINGS_FILE, "params.index.json", "vocab.index.json", "data.csc.index.npy", "indices.csc.index.npy",
              "indptr.csc.index.npy", "nonoccurrence_array.index.npy")
_STEMMERS: dict = {}


def _bm25s():
    try:
        import bm25s
    except ImportError as exc:  # an optional extra
        from topics.errors import TopicsError

        raise TopicsError("lexical (hybrid) search needs bm25s: pip install bm25s") from exc
    return bm25s


def _stemmer():
    """The English Snowball stemmer (made once: building it costs more than stemming a query)."""
    if "english" not in _STEMMERS:
        try:
            import Stemmer
        except ImportError as exc:
            from topics.errors import TopicsError

            raise TopicsError("stemmed lexical search needs PyStemmer: pip install PyStemmer") from exc
        _STEMMERS["english"] = Stemmer.Stemmer("english")
    return _STEMMERS["english"]


class _BaseFormStemmer:
    """Snowball stems of words taken first to their base form (bm25s calls ``stemWords``, once with every distinct
    word of the texts); ``singulars``: the "-es" plurals taken to their singular first
    (:mod:`topics.search.sibilant_plurals`), None: found from the words of the first call and kept, among
    ``texts``' words in lower case."""

    def __init__(self, stemmer, singulars=None, texts=()):
        self.stemmer = stemmer
        self.singulars = singulars
        self.texts = texts

    def stemWords(self, words: list[str]) -> list[str]:  # noqa: N802 (bm25s's name)
        from topics.search.sibilant_plurals import find, written_lower
        from topics.text.word_forms import base_form

        if self.singulars is None:
            self.singulars = find(words, self.stemmer.stemWord, written_lower(self.texts))
        singulars = self.singulars
        return self.stemmer.stemWords([base_form(singulars.get(w, w)) for w in words])


def tokenize(texts: list[str], stemmed: bool = False, base_forms: bool | None = None, compounds=None, terms=None,
             query: bool = False, singulars=None, stemmer=None) -> list[list[str]]:
    """Lower-cased words of each text, English stop words left out; Snowball stems when ``stemmed``,
    irregular forms taken to their base first when ``base_forms`` (default: when ``stemmed``); the uses of
    ``terms``' defined terms (:class:`topics.search.terms.Terms`) written as their acronyms, then the open
    and hyphenated uses of ``compounds``' pairs (:class:`topics.search.compounds.Compounds`) written closed;
    ``query``: the texts are questions (an acronym the corpus never writes in lower case is one in any case);
    ``singulars``: with base forms, the "-es" plurals taken to their singular (:mod:`topics.search.sibilant_plurals`;
    None: none); ``stemmer``: in place of the one the flags name (an index being built finds its singulars so)."""
    from topics.text.wording import IN_WORD_INVISIBLE

    if any(not t.isascii() for t in texts):  # a soft hyphen or word joiner splits no word (as the model reads it)
        texts = [t if t.isascii() else t.translate(dict.fromkeys(map(ord, IN_WORD_INVISIBLE))) for t in texts]
    if terms:
        texts = terms.join(texts, query=query)
    if compounds:
        texts = compounds.join(texts)
    if stemmed and stemmer is None:
        stemmer = _stemmer() if base_forms is False else _BaseFormStemmer(_stemmer(), singulars if singulars is not None else {})
    return _bm25s().tokenize(texts, stopwords=STOPWORDS, stemmer=stemmer, return_ids=False, show_progress=False)


@functools.lru_cache(maxsize=16)  # one search reads a query's words several times (BM25, its scale, its coverage)
def _query_words(query: str, stemmed: bool, base_forms: bool | None, compounds=None, terms=None, singulars=None) -> tuple[str, ...]:
    return tuple(tokenize([query], stemmed, base_forms, compounds, terms, query=True, singulars=singulars)[0])


class LexicalIndex:
    """BM25 (Lucene variant, k1=1.5, b=0.75) over a list of texts, row-aligned with them;
    ``stemmed``: words compared by their Snowball stems, irregular forms by their base
    (``base_forms``: False in an index saved before base forms were taken); ``compounds``: the pairs
    its texts write open and closed, each one token (None: an index saved before they were found); ``terms``: the
    terms its texts define by their initials, each one token with its acronym (None: saved before they were found);
    ``furniture``: what its texts leave out, as the caller says (:data:`topics.search.furniture.FURNITURE`;
    None: the texts as written); ``singulars``: with base forms, the "-es" plurals its texts take to their singular
    (:mod:`topics.search.sibilant_plurals`; None: saved before they were found)."""

    def __init__(self, retriever, n_texts: int, stemmed: bool = False, base_forms: bool | None = None, compounds=None,
                 furniture: str | None = None, terms=None, singulars=None):
        self._retriever = retriever
        self.n_texts = int(n_texts)
        self.stemmed = bool(stemmed)
        self.base_forms = self.stemmed if base_forms is None else bool(base_forms) and self.stemmed
        self.compounds = compounds
        self.furniture = furniture
        self.terms = terms
        self.singulars = singulars

    def __setstate__(self, state: dict) -> None:
        # Pickled before base forms were taken, compounds or terms found or furniture left out: built without them.
        self.__dict__.update(state)
        later_defaults(self, {"base_forms": False, "compounds": None, "furniture": None, "terms": None, "singulars": None},
                       unstored=("retriever",))

    @classmethod
    def build(cls, texts: list[str], stemmed: bool = False, furniture: str | None = None) -> LexicalIndex:
        from topics.search.compounds import Compounds
        from topics.search.terms import Terms

        texts = [str(t) for t in texts]
        terms = Terms.find(texts)
        compounds = Compounds.find(terms.join(texts))
        retriever = _bm25s().BM25()
        stemmer = _BaseFormStemmer(_stemmer(), texts=texts) if stemmed else None  # finds the texts' "-es" singulars as it stems
        tokens = tokenize(texts, stemmed, compounds=compounds, terms=terms, stemmer=stemmer)
        # bm25s cannot index a corpus without a single token; an all-zero scorer stands in.
        if any(tokens):
            retriever.index(tokens, show_progress=False)
        else:
            retriever = None
        singulars = None
        if stemmer is not None:
            from topics.search.sibilant_plurals import Singulars

            singulars = stemmer.singulars if stemmer.singulars is not None else Singulars()
        return cls(retriever, len(texts), stemmed, compounds=compounds, furniture=furniture, terms=terms, singulars=singulars)

    def _words(self, query: str) -> tuple[str, ...]:
        """The query's words, tokenised as this index's texts were."""
        return _query_words(query, self.stemmed, self.base_forms, self.compounds, self.terms, self.singulars)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every text for ``query`` (zeros when no query word is in the corpus)."""
        if self._retriever is None:
            return np.zeros(self.n_texts, dtype=np.float32)
        token_ids = self._retriever.get_tokens_ids(self._words(query))
        if not token_ids:
            return np.zeros(self.n_texts, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(token_ids), dtype=np.float32)

    def full_match(self, query: str) -> float:
        """What BM25 gives a text of average length that holds each of ``query``'s distinct words once: the sum
        of their idfs (a word no text holds at its highest), over 1 + k1 (bm25s's Lucene scores leave out BM25's
        k1 + 1 factor). A scale for scores that does not make the best of a
        weak match look full: a Spanish query whose only words found here are "el" and "las" ("Sharm-el-Sheikh",
        "Las Vegas") matches little of itself, however well its best text matches those two."""
        if self._retriever is None:
            return 0.0
        vocabulary, matrix = self._retriever.vocab_dict, self._retriever.scores
        indptr = matrix["indptr"]
        total = 0.0
        for word in set(self._words(query)):
            token = vocabulary.get(word)
            holders = int(indptr[token + 1] - indptr[token]) if token is not None else 0
            total += float(np.log(1 + (self.n_texts - holders + 0.5) / (holders + 0.5)))  # BM25's (Lucene)
        return total / (1.0 + getattr(self._retriever, "k1", 1.5))

    def coverage(self, query: str) -> np.ndarray:
        """How much of ``query`` each text holds: the idf-weighted share of its distinct words found
        in the text (1 = every word; a word no text holds still counts against all).

        BM25 can rank a text high on one rare word said many times; the share says whether the
        text speaks of everything the query asks about (the airport *and* the gate *and* the
        evacuation, not a bombing elsewhere)."""
        found = np.zeros(self.n_texts, dtype=np.float32)
        if self._retriever is None:
            return found
        vocabulary, matrix = self._retriever.vocab_dict, self._retriever.scores
        indptr, indices = matrix["indptr"], matrix["indices"]  # per word: the texts holding it
        total = 0.0
        for word in set(self._words(query)):
            token = vocabulary.get(word)
            texts = indices[indptr[token] : indptr[token + 1]] if token is not None else indices[:0]
            idf = float(np.log(1 + (self.n_texts - len(texts) + 0.5) / (len(texts) + 0.5)))  # BM25's (Lucene)
            total += idf
            found[texts] += idf
        return found / total if total else found

    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        if self.stemmed or self.compounds is not None or self.furniture is not None:
            import json

            from topics.text.word_forms import TABLE_ID

            settings = {"stemmed": self.stemmed, "base_forms": self.base_forms, "word_forms": TABLE_ID if self.base_forms else None}
            if self.compounds is not None:
                settings["compounds"] = self.compounds.to_json()
            if self.furniture is not None:
                settings["furniture"] = self.furniture
            if self.terms is not None:
                settings["terms"] = self.terms.to_json()
            if self.singulars is not None and self.base_forms:
                settings["singulars"] = dict(sorted(self.singulars.items()))
            (folder / SETTINGS_FILE).write_text(json.dumps(settings) + "\n", encoding="utf-8")
        if self._retriever is not None:
            self._retriever.save(str(folder), allow_pickle=False, show_progress=False)

    @classmethod
    def load(cls, folder: str | Path, n_texts: int) -> LexicalIndex:
        folder = Path(folder)
        stemmed, base_forms, compounds, furniture, terms, singulars = _read_settings(folder / SETTINGS_FILE)
        if not (folder / "params.index.json").exists():
            return cls(None, n_texts, stemmed, base_forms, compounds, furniture, terms, singulars)
        _check_params(folder / "params.index.json", n_texts)
        retriever = _bm25s().BM25.load(str(folder), mmap=False, allow_pickle=False, show_progress=False, verbosity=0)
        return cls(retriever, n_texts, stemmed, base_forms, compounds, furniture, terms, singulars)


def _read_settings(path: Path) -> tuple[bool, bool, object, str | None, object, object]:
    """(stemmed, base forms taken, compounds, furniture, terms, singulars) of a saved index: no settings file is an index saved
    before stemming existed; a stemmed one without ``base_forms``, one saved before base forms were taken
    (or with another version of the table of forms); one without ``compounds`` (None), saved before
    compounds were found; one without ``furniture`` (None), built from its texts as written; one without ``terms``
    (None), saved before terms were found; one without ``singulars`` (None), saved before the "-es" plurals were
    taken to their singular (its queries are read as its texts were, without them)."""
    import json

    from topics.search.compounds import Compounds
    from topics.search.terms import Terms

    if not path.exists():
        return False, False, None, None, None, None
    settings = parse_json(read_file_text(path))
    if not isinstance(settings, dict) or not isinstance(settings.get("stemmed"), bool):
        raise ValueError(f"{path}: stemmed must be true or false")
    if not isinstance(settings.get("base_forms", False), bool):
        raise ValueError(f"{path}: base_forms must be true or false")
    from topics.text.word_forms import TABLE_ID

    compounds = Compounds.from_json(settings["compounds"], str(path)) if "compounds" in settings else None
    terms = Terms.from_json(settings["terms"], str(path)) if "terms" in settings else None
    furniture = settings.get("furniture")
    if furniture is not None and not isinstance(furniture, str):
        raise ValueError(f"{path}: furniture must be text")
    singulars = settings.get("singulars")
    if singulars is not None:
        from topics.search.sibilant_plurals import Singulars

        if not isinstance(singulars, dict) or not all(isinstance(w, str) and isinstance(s, str) for w, s in singulars.items()):
            raise ValueError(f"{path}: singulars must map words to words")
        singulars = Singulars(singulars)
    # Base forms taken with another version of the table count as not taken: the index is built again.
    base_forms = settings.get("base_forms", False) and settings.get("word_forms") == TABLE_ID
    return settings["stemmed"], base_forms, compounds, furniture, terms, singulars if base_forms else None


def _check_params(path: Path, n_texts: int) -> None:
    """Raise ValueError unless bm25s's saved parameters have the types and sizes it needs."""
    import json

    params = parse_json(read_file_text(path))
    if not isinstance(params, dict):
        raise ValueError(f"{path}: not a JSON object")
    for name in ("k1", "b", "delta"):
        value = params.get(name, 0.0)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not np.isfinite(value):
            raise ValueError(f"{path}: {name} must be a number, not {value!r}")
    num_docs = params.get("num_docs")
    if num_docs is not None and (isinstance(num_docs, bool) or num_docs != n_texts):
        raise ValueError(f"{path}: num_docs {num_docs!r} for {n_texts} texts")
    for name in ("method", "idf_method"):
        if not isinstance(params.get(name, "lucene"), str):
            raise ValueError(f"{path}: {name} must be text")
