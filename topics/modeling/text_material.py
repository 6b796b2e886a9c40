"""Each text's naming material, kept with the model so that a later update reads it back.

Naming (:func:`topics.modeling.describe.describe_topics`) splits every text it reads into its keyword
candidates (the unigrams and bigrams of :class:`topics.modeling.describe.KeywordAnalyzer`) and its
candidate label phrases (:mod:`topics.modeling.headlines`), and what the headline labels read besides:
the words checked for a topic's key words, the name tokens read for people's names (as written and in
lower case) and the words of the phrases; these are the largest per-text costs of naming. It remembers too
what cleaning (:func:`topics.text.wording.clean_text`) leaves of each text, which naming cleans first. An update names the topics and subtopics that changed, which re-reads most of the seen
units' texts. A :class:`TextMaterial` remembers both for each text, keyed by a digest of the text
as naming reads it (after :func:`topics.text.wording.keyword_texts`: a text whose cleaning changed,
say by a new alias, is a new key). It is saved with the model (``text_material.json``: each distinct
term once, the texts' keys; ``text_material.npy``: each text's terms as numbers) and an update
starts from the earlier run's. The JSON file records a fingerprint of the splitting rules; material
written under other rules is not used (it is found again).
Owns that material and its file. May import: numpy, :mod:`topics.modeling.describe`,
:mod:`topics.modeling.headlines`, :mod:`topics.modeling.text_edits`, :mod:`topics.text.wording`, :mod:`topics.errors`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
import re
from pathlib import Path

import numpy as np

from topics.controls import json_escaped
from topics.errors import InputError
from topics.modeling.text_edits import apply_edits, text_edits
from topics.validate import parse_json, read_file_text

MATERIAL_FILE, NUMBERS_FILE = "text_material.json", "text_material.npy"
FORMAT = "topics.text_material"
_KEY = re.compile(r"[0-9a-f]{32}")
# Label phrases (a set per text), keyword candidates (a list per text, repeats counted), lower-case
# words (a set per text), name tokens and the same in lower case (lists per text, in order), the
# words of the label phrases (a set per text), the digests of the sentence keys a template could have
# (a set) and, keyed by the text as given (before cleaning), its line openers (a set) and what
# :func:`topics.text.wording.clean_text` leaves of it (the edits that make it, :mod:`topics.modeling.text_edits`,
# or in files from before edits its lines, each after ``CLEANED_LINE``; none where it is left as it is).
KINDS = ("phrases", "grams", "words", "tokens", "lowers", "phrase_words", "sentence_keys", "openers", "cleaned")
SET_KINDS = frozenset({"phrases", "words", "phrase_words", "sentence_keys", "openers"})
ORDERED_KINDS = frozenset({"tokens", "lowers", "cleaned"})
# What :func:`topics.text.wording.keyword_texts` reads of each text.
CLEANING_KINDS = ("openers", "sentence_keys", "cleaned")
CLEANED_LINE = ">"  # before each line of a cleaned text kept as terms: no term is empty (terms are saved one a line)
PREPARED_KINDS = ("grams", "tokens", "phrases")  # what :meth:`TextMaterial.prepare` finds ahead of the naming
# Texts remembered per kind: past this the rest are split as they come, not kept (memory and file
# size grow with the texts: about 1.3 KB of files per text).
MAX_TEXTS = 50_000


@functools.lru_cache(maxsize=1 << 14)  # both kinds of a text are asked for, often in several namings of one run
def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


# In the fingerprint: code that read cleaned texts as lines finds them again rather than misread edits;
# files it wrote (fingerprinted without this) are read here, their lines as lines.
CLEANED_AS_EDITS = "cleaned texts as edits"


@functools.lru_cache(maxsize=2)
def rules_fingerprint(cleaned_as: str = CLEANED_AS_EDITS) -> str:
    """A digest of everything a text's material depends on besides the text (stop words, titles, patterns ...)
    and of how a cleaned text is kept (``cleaned_as``, empty for files written before edits)."""
    from topics.modeling import describe, headlines, phrase_shape
    from topics.text import codes, openers, wording

    parts = [sorted(wording.stop_words()), sorted(headlines.TITLES), sorted(headlines.INNER_WORDS), headlines.MAX_PHRASE_WORDS,
             headlines.REPEATED_WORD_ENDS_PHRASES, sorted(wording.MONTHS), sorted(wording.WEEKDAYS), sorted(wording.TIME_ZONES),
             sorted(wording.CONTRACTION_FRAGMENTS), headlines._WORD.pattern, headlines._CLAUSE_BREAK.pattern,
             headlines._MIDDLE_INITIAL.pattern, headlines._NAME_TOKEN.pattern, describe.TOKEN_PATTERN.pattern,
             describe.POSSESSIVE.pattern, wording.SENTENCE_END.pattern, wording.ABBREVIATION.pattern, wording.WEB_ADDRESS.pattern,
             codes._DATES.pattern, codes._TOKEN.pattern, codes._RUN.pattern,
             wording.MIN_TEMPLATE_WORDS, openers.OPENER.pattern, sorted(wording._PLAIN.items()), KINDS,
             {language: sorted(words) for language, words in wording._other_language_lists().items()},
             wording.MIN_LANGUAGE_WORDS, wording.LANGUAGE_SHARE, wording.LANGUAGE_SAMPLE_CHARS, wording._LANGUAGE_WORD.pattern,
             sorted(phrase_shape.IRREGULAR_PARTICIPLES), describe.GRAM_BREAK.pattern,  # no phrase ends on a participle
             wording.TABLE_ROW_NUMBERS, wording._ROW_WORD.pattern, wording._ROW_NUMBER.pattern,
             wording.DATELINE.pattern, wording.PHOTO_CREDIT.pattern, wording._WEB_HINT.pattern, wording.LINK_REFERENCE.pattern,
             wording.NEGATED_CONTRACTION.pattern, wording.CONTRACTION_ENDING.pattern] + ([cleaned_as] if cleaned_as else [])
    return hashlib.blake2b(json.dumps(parts).encode("utf-8"), digest_size=16).hexdigest()


class TextMaterial:
    """Text (as :func:`topics.text.wording.keyword_texts` left it) -> its label phrases, keyword
    candidates, words, name tokens and phrase words, found once per text and remembered. Read from a file, a text's material is decoded
    when first asked for."""

    def __init__(self):
        self.found: dict[str, dict] = {kind: {} for kind in KINDS}  # key -> frozenset (SET_KINDS) or tuple
        self._saved: dict[str, dict] = {kind: {} for kind in KINDS}  # key -> (start, end) in _numbers, not decoded yet
        self._terms: list[str] = []
        self._numbers = np.zeros(0, dtype=np.int32)
        self._term_number: _Numbering | None = None  # term -> its number in _terms, made when first needed
        self._numbered: dict[str, dict] = {kind: {} for kind in KINDS}  # key -> term numbers of what was found here
        self._cleaned: tuple | None = None  # (the texts, aliases, their cleaned texts): the last cleaning, in memory only
        self._each: tuple | None = None  # (aliases, text -> that text cleaned alone under them): in memory only
        # key -> material found ahead of the naming (:meth:`prepare`), remembered when first asked for; in memory only.
        self._prepared: dict[str, dict] = {kind: {} for kind in PREPARED_KINDS}

    def copy(self) -> "TextMaterial":
        """Another store with the same material (lent to an update, this one stays as it was)."""
        other = TextMaterial()
        other.found = {kind: dict(found) for kind, found in self.found.items()}
        other._saved = {kind: dict(saved) for kind, saved in self._saved.items()}
        # Its own list of terms: numbering the grams of new texts adds terms, which this store does not know.
        other._terms, other._numbers = list(self._terms), self._numbers
        other._numbered = {kind: dict(numbered) for kind, numbered in self._numbered.items()}
        return other

    def cleaned(self, texts: list[str], aliases, clean) -> list[str]:
        """``clean()``, the texts as :func:`topics.text.wording.keyword_texts` leaves ``texts`` under
        ``aliases``, remembered for the last texts and aliases asked: a fit names its topics, and a
        ``reduce_topics`` renames them, from the same texts."""
        # The texts themselves are the key: comparing them (the same string objects, mostly) costs far less
        # than a digest of their bytes, made at every naming call (a few per cent of an update's naming).
        key = tuple(texts)
        if self._cleaned is not None and self._cleaned[0] == key and self._cleaned[1] == aliases:
            return list(self._cleaned[2])
        found = clean()
        self._cleaned = (key, aliases, tuple(found))
        return list(found)

    def cleaned_each(self, texts: list[str], aliases, clean) -> list[str]:
        """``clean(texts)``, a cleaning that reads each text alone (its datelines, credits and aliases),
        remembered per text under the last ``aliases`` asked: an update names its grown topics, their
        subtopics and a corpus sample from overlapping texts, and this was a third of its time (RT weekly
        replay, docs/benchmarks.md). Up to ``MAX_TEXTS`` texts are remembered; the others are cleaned each time."""
        if self._each is None or (self._each[0] is not aliases and self._each[0] != aliases):
            self._each = (aliases, {})
        memo = self._each[1]
        missing = [text for text in dict.fromkeys(texts) if text not in memo]
        if missing:
            found = dict(zip(missing, clean(missing)))
            room = MAX_TEXTS - len(memo)
            memo.update(list(found.items())[:max(room, 0)])
            return [memo[text] if text in memo else found[text] for text in texts]
        return [memo[text] for text in texts]

    def adopt_cleaning(self, texts: list[str], aliases, cleaned: list[str], found: dict[str, dict]) -> None:
        """Take the cleaning of ``texts`` under ``aliases`` done elsewhere, on an empty store: the ``cleaned``
        texts and what it ``found`` of each text (``CLEANING_KINDS``), as if cleaned here (texts known
        here keep what is known; the others are remembered in the order found)."""
        for kind in CLEANING_KINDS:
            known, saved = self.found[kind], self._saved[kind]
            for key, terms in found[kind].items():
                if key not in known and key not in saved:
                    self._remember(kind, key, terms)
        self.cleaned(texts, aliases, lambda: cleaned)

    def _known(self, kind: str, key: str):
        found = self.found[kind].get(key)
        if found is None and key in self._saved[kind]:
            start, end = self._saved[kind].pop(key)
            numbers = self._numbers[start:end].tolist()
            # One C call for all of a text's terms (twice as fast as mapping them); it returns a bare term for one.
            terms = operator.itemgetter(*numbers)(self._terms) if len(numbers) > 1 else tuple(self._terms[n] for n in numbers)
            found = self.found[kind][key] = frozenset(terms) if kind in SET_KINDS else terms
        elif found is None and kind in PREPARED_KINDS and self._prepared[kind]:
            found = self._prepared[kind].pop(key, None)
            if found is not None:  # remembered now, in the order asked, as if found now
                self._remember(kind, key, found)
        return found

    def prepare(self, kind: str, text: str) -> None:
        """Find the ``kind`` (one of ``PREPARED_KINDS``) of ``text`` ahead of the naming: held aside, and
        remembered when the naming first asks for it, so that the store (and its files) are as without this
        step; a text known here is left as it is."""
        key = _key(text)
        if key not in self.found[kind] and key not in self._saved[kind] and key not in self._prepared[kind]:
            self._prepared[kind][key] = _FINDERS[kind](text)

    def drop_prepared(self) -> None:
        """Forget the material found ahead and not asked for."""
        self._prepared = {kind: {} for kind in PREPARED_KINDS}

    def _remember(self, kind: str, key: str, found):
        if len(self.found[kind]) + len(self._saved[kind]) < MAX_TEXTS:
            self.found[kind][key] = found
        return found

    def phrases(self, text: str) -> frozenset[str]:
        """:func:`topics.modeling.headlines._phrases` of ``text`` with the usual stop words."""
        key = _key(text)
        found = self._known("phrases", key)
        if found is None:
            found = self._remember("phrases", key, _find_phrases(text))
        return found

    def grams(self, text: str) -> list[str]:
        """The keyword candidates of a cleaned ``text`` (:class:`topics.modeling.describe.KeywordAnalyzer`)."""
        key = _key(text)
        found = self._known("grams", key)
        if found is None:
            found = self._remember("grams", key, _find_grams(text))
        return list(found)

    def numbers(self, kind: str, text) -> np.ndarray:
        """The ``kind`` of ``text`` as numbers into this store's terms (read as saved, not decoded)."""
        key = _key(str(text))
        span = self._saved[kind].get(key)
        if span is not None:
            return self._numbers[span[0] : span[1]]
        found = self._numbered[kind].get(key)
        if found is None:
            held = getattr(self, kind)(text)
            # New terms are numbered in the order first held (a text's grams repeat: each once).
            found = np.fromiter(map(self._numbering().__getitem__, held), dtype=np.int64, count=len(held))
            if key in self.found[kind]:  # remembered (under MAX_TEXTS)
                self._numbered[kind][key] = found
        return found

    def _numbering(self) -> "_Numbering":
        """Term -> its number in ``_terms``; a term not there yet is added (made when first needed)."""
        if self._term_number is None:
            self._term_number = _Numbering(self._terms)
        return self._term_number

    def repeated(self, kind: str, texts, min_units: int) -> frozenset[str]:
        """The terms of a set ``kind`` that ``min_units`` or more of the ``texts`` hold (counted as numbers)."""
        found = [self.numbers(kind, text) for text in texts]
        if not found:
            return frozenset()
        numbers, counts = np.unique(np.concatenate(found), return_counts=True)
        return frozenset(self._terms[number] for number in numbers[counts >= min_units].tolist())

    def held_by(self, kind: str, texts, weights: np.ndarray, asked) -> dict[str, float]:
        """For each ``asked`` term of a set ``kind``: the ``weights`` of the ``texts`` holding it, summed
        in the texts' order (as adding them text by text); counted as term numbers."""
        found = [self.numbers(kind, text) for text in texts]
        self._numbering()
        asked = [term for term in asked if term in self._term_number]
        if not found or not asked:
            return {}
        column = np.full(len(self._terms), -1, dtype=np.int64)
        column[[self._term_number[term] for term in asked]] = np.arange(len(asked))
        flat = column[np.concatenate(found)]
        owner = np.repeat(np.arange(len(found)), [len(numbers) for numbers in found])
        held = flat >= 0
        sums = np.bincount(flat[held], weights=np.asarray(weights, dtype=np.float64)[owner[held]], minlength=len(asked))
        return dict(zip(asked, sums.tolist()))

    def gram_counts(self, texts: list[str], min_df: int):
        """(counts, vocabulary) of the cleaned ``texts``' keyword candidates as ``CountVectorizer(analyzer=
        grams, min_df=min_df, dtype=float64)`` finds them (csr counts per text; columns in the terms'
        order, those in fewer than ``min_df`` texts left out), from the term numbers alone; None when
        no term is left."""
        from scipy import sparse

        numbers = [self.numbers("grams", text) for text in texts]
        sizes = np.fromiter(map(len, numbers), dtype=np.int64, count=len(numbers))
        if not sizes.sum():
            return None
        columns, inverse = np.unique(np.concatenate(numbers), return_inverse=True)
        found_terms = list(map(self._terms.__getitem__, columns.tolist()))
        if len(set(found_terms)) < len(found_terms):
            return self._counted(texts, min_df)  # a term saved twice (a hand-made file): counted by its text
        names = np.empty(len(found_terms), dtype=object)
        names[:] = found_terms
        # The vocabulary's order (Python's string order; its sort is twice numpy's on objects).
        order = np.asarray(sorted(range(len(found_terms)), key=found_terms.__getitem__), dtype=np.int64)
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        # Each (text, term) pair once with its count, by text then term: the csr matrix without a per-row sort.
        pairs, counted = np.unique(np.repeat(np.arange(len(texts), dtype=np.int64), sizes) * len(columns) + rank[inverse.ravel()],
                                   return_counts=True)
        rows, terms = np.divmod(pairs, len(columns))
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=len(texts)))])
        counts = sparse.csr_matrix((counted.astype(np.float64), terms, indptr), shape=(len(texts), len(columns)))
        kept = np.flatnonzero(np.bincount(counts.indices, minlength=counts.shape[1]) >= min_df)
        return (counts[:, kept], names[order][kept]) if len(kept) else None

    def _counted(self, texts: list[str], min_df: int):
        from sklearn.feature_extraction.text import CountVectorizer

        vectorizer = CountVectorizer(analyzer=self.grams, min_df=min_df, dtype=np.float64)
        try:
            counts = vectorizer.fit_transform(texts).tocsr()
        except ValueError:  # no term left
            return None
        return counts, vectorizer.get_feature_names_out()

    def _kind(self, kind: str, text, find):
        """The ``kind`` of ``text``: remembered, or ``find(text)`` remembered."""
        key = _key(str(text))
        found = self._known(kind, key)
        return self._remember(kind, key, find(text)) if found is None else found

    def words(self, text: str) -> frozenset[str]:
        """:func:`topics.modeling.headlines.lower_words` of ``text``, read off its :meth:`lowers` (which
        the headline labels read too): one regex pass per text instead of two."""
        key = _key(text)
        found = self._known("words", key)
        if found is None:
            from topics.modeling.people import token_words

            found = self._remember("words", key, token_words(self.lowers(text)))
        return found

    def tokens(self, text: str) -> tuple[str, ...]:
        """:func:`topics.modeling.headlines.name_tokens` of ``text``."""
        key = _key(text)
        found = self._known("tokens", key)
        if found is None:
            found = self._remember("tokens", key, _find_tokens(text))
        return found

    def lowers(self, text: str) -> tuple[str, ...]:
        """:meth:`tokens` of ``text`` in lower case."""
        key = _key(text)
        found = self._known("lowers", key)
        if found is None:
            found = self._remember("lowers", key, tuple(map(str.lower, self.tokens(text))))
        return found

    def phrase_words(self, text: str) -> frozenset[str]:
        """:func:`topics.modeling.headlines.phrase_words` of :meth:`phrases` of ``text``."""
        key = _key(text)
        found = self._known("phrase_words", key)
        if found is None:
            from topics.modeling.headlines import phrase_words

            found = self._remember("phrase_words", key, phrase_words(self.phrases(text)))
        return found

    def sentence_keys(self, text: str) -> frozenset[str]:
        """:func:`topics.text.wording.template_key_digests` of ``text``."""
        from topics.text.wording import template_key_digests

        return self._kind("sentence_keys", text, template_key_digests)

    def clean_text(self, text: str) -> str:
        """:func:`topics.text.wording.clean_text` of ``text``: an update cleans again every text it names, which
        the earlier run cleaned already (remembered as the edits that make it; none where it is left as it is)."""
        from topics.text.wording import clean_text

        key = _key(text)
        found = self._known("cleaned", key)
        if found and not found[0].startswith(CLEANED_LINE):
            try:
                return apply_edits(text, found)
            except ValueError:  # a damaged file: the text is cleaned again, its edits found anew
                del self.found["cleaned"][key]
                found = None
        if found is None:
            cleaned = clean_text(text)
            edits = () if cleaned == text else text_edits(text, cleaned)
            if edits is None:  # an edit would write a line break: the cleaned text's lines, as files before edits held
                edits = tuple(CLEANED_LINE + line for line in cleaned.split("\n"))
            self._remember("cleaned", key, edits)
            return cleaned
        return "\n".join(line[len(CLEANED_LINE):] for line in found) if found else text

    def openers(self, text) -> frozenset[str]:
        """:func:`topics.text.wording.line_openers` of ``text`` as given (not cleaned)."""
        from topics.text.openers import line_openers

        return self._kind("openers", text, line_openers)

    def __len__(self) -> int:
        return sum(len(self.found[kind]) + len(self._saved[kind]) for kind in KINDS)

    def save(self, folder: Path) -> None:
        """Write ``MATERIAL_FILE`` (the terms, and per kind the texts' keys and sizes) and ``NUMBERS_FILE``
        (each text's term numbers, one text after another) into ``folder``."""
        number: dict[str, int] = {}
        numbers, document = [], {"format": FORMAT, "rules": rules_fingerprint()}
        for kind in KINDS:
            keys = list(self.found[kind]) + list(self._saved[kind])
            sizes = []
            for key in keys:
                found = self._known(kind, key)
                terms = list(found) if kind in ORDERED_KINDS else sorted(found)
                numbers += [number.setdefault(t, len(number)) for t in terms]
                sizes.append(len(terms))
            document[kind] = {"keys": " ".join(keys), "sizes": sizes}
        document["terms"] = "\n".join(number)
        np.save(folder / NUMBERS_FILE, np.asarray(numbers, dtype=np.int32), allow_pickle=False)
        # Bidi and invisible characters as \uNNNN, as in every saved JSON file.
        (folder / MATERIAL_FILE).write_text(json_escaped(json.dumps(document, ensure_ascii=False, separators=(",", ":"))) + "\n",
                                            encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "TextMaterial":
        """The material saved in ``folder`` (none when its rules are not today's); InputError naming
        the file when one of the two is unreadable or damaged."""
        path, numbers_path = folder / MATERIAL_FILE, folder / NUMBERS_FILE
        try:
            document = parse_json(read_file_text(path))
        except (OSError, ValueError) as exc:
            raise InputError(path, f"unreadable naming material: {exc}") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise InputError(path, f"not a {FORMAT} file")
        if document.get("rules") not in (rules_fingerprint(), rules_fingerprint(cleaned_as="")):
            return cls()  # written under other rules (or kinds): found again as needed
        parts = [document.get(kind) for kind in KINDS]
        if not isinstance(document.get("terms"), str) or not all(
            isinstance(p, dict) and isinstance(p.get("keys"), str) and isinstance(p.get("sizes"), list) for p in parts
        ):
            raise InputError(path, f"naming material is damaged: expected the terms and, per kind ({', '.join(KINDS)}), keys and sizes")
        try:
            numbers = np.load(numbers_path, allow_pickle=False)
        except (OSError, ValueError, EOFError) as exc:
            raise InputError(numbers_path, f"unreadable naming material: {exc}") from None
        material = cls()
        material._terms = document["terms"].split("\n") if document["terms"] else []
        n_terms, start = len(material._terms), 0
        for kind, part in zip(KINDS, parts):
            keys, sizes = part["keys"].split(), part["sizes"]
            if len(keys) != len(sizes) or not all(_KEY.fullmatch(k) for k in keys) or not all(type(n) is int and n >= 0 for n in sizes):
                raise InputError(path, f"naming material is damaged: {kind} needs a 32-digit hex key and a size per text")
            ends = start + np.cumsum(sizes, dtype=np.int64)
            starts = np.concatenate([[start], ends[:-1]]).astype(np.int64)
            material._saved[kind] = dict(zip(keys, zip(starts.tolist(), ends.tolist())))
            start = int(ends[-1]) if len(ends) else start
        if numbers.ndim != 1 or numbers.dtype.kind != "i" or len(numbers) != start or (
            len(numbers) and (numbers.min() < 0 or numbers.max() >= n_terms)
        ):
            raise InputError(numbers_path, f"naming material is damaged: expected {start} term numbers below {n_terms}, found {numbers.dtype} {numbers.shape}")
        material._numbers = numbers
        return material


class _Numbering(dict):
    """Term -> its number in ``terms``: a term asked for that is not there yet is appended (numbered next)."""

    def __init__(self, terms: list[str]):
        super().__init__((term, number) for number, term in enumerate(terms))
        self.terms = terms

    def __missing__(self, term: str) -> int:
        number = self[term] = len(self.terms)
        self.terms.append(term)
        return number


@functools.lru_cache(maxsize=1)
def _analyzer():
    from topics.modeling.describe import KeywordAnalyzer, _stop_words

    return KeywordAnalyzer(_stop_words(), cleaned=True)


def _find_grams(text: str) -> tuple[str, ...]:
    return tuple(_analyzer()(text))


def _find_tokens(text: str) -> tuple[str, ...]:
    from topics.modeling.headlines import name_tokens

    return tuple(name_tokens([text])[0])


def _find_phrases(text: str) -> frozenset[str]:
    from topics.modeling.describe import _stop_words
    from topics.modeling.headlines import _phrases
    from topics.text.wording import is_junk_word

    return frozenset(_phrases(text, _stop_words(), is_junk_word))


# What :meth:`TextMaterial.prepare` finds: the kinds found from the text alone (the others are read off these).
_FINDERS = {"grams": _find_grams, "tokens": _find_tokens, "phrases": _find_phrases}


def material_of(model) -> TextMaterial:
    """``model``'s naming material (empty, and kept on the model, when it has none yet)."""
    material = getattr(model, "text_material_", None)
    if material is None:
        material = model.text_material_ = TextMaterial()
    return material
