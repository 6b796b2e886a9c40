"""Each text's naming material, kept with the model so that a later update reads it back.

Naming (:func:`topics.modeling.describe.describe_topics`) splits every text it reads into its keyword
candidates (the unigrams and bigrams of :class:`topics.modeling.describe.KeywordAnalyzer`) and its
candidate label phrases (:mod:`topics.modeling.headlines`); these are the largest per-text costs of
naming. An update names the topics and subtopics that changed, which re-reads most of the seen
units' texts. A :class:`TextMaterial` remembers both for each text, keyed by a digest of the text
as naming reads it (after :func:`topics.text.wording.keyword_texts`: a text whose cleaning changed,
say by a new alias, is a new key). It is saved with the model (``text_material.json``: each distinct
term once, each text's terms as numbers) and an update starts from the earlier run's. The file
records a fingerprint of the splitting rules; a file written under other rules is not used (the
material is found again).
Owns that material and its file. May import: :mod:`topics.modeling.describe`,
:mod:`topics.modeling.headlines`, :mod:`topics.text.wording`, :mod:`topics.errors`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path

from topics.errors import InputError

MATERIAL_FILE = "text_material.json"
FORMAT = "topics.text_material"
_KEY = re.compile(r"[0-9a-f]{32}")
KINDS = ("phrases", "grams")
# Texts remembered per kind: past this the rest are split as they come, not kept (memory and file
# size grow with the texts: about 0.4 KB of file per text).
MAX_TEXTS = 50_000  # label phrases (a set per text), keyword candidates (a list per text, repeats counted)


@functools.lru_cache(maxsize=1 << 14)  # both kinds of a text are asked for, often in several namings of one run
def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@functools.lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """A digest of everything a text's material depends on besides the text (stop words, titles, patterns ...)."""
    from topics.modeling import describe, headlines
    from topics.text import wording

    parts = [sorted(wording.stop_words()), sorted(headlines.TITLES), sorted(headlines.INNER_WORDS), headlines.MAX_PHRASE_WORDS,
             sorted(wording.MONTHS), sorted(wording.WEEKDAYS), sorted(wording.CONTRACTION_FRAGMENTS),
             headlines._WORD.pattern, headlines._CLAUSE_BREAK.pattern, describe.TOKEN_PATTERN.pattern, describe.POSSESSIVE.pattern]
    return hashlib.blake2b(json.dumps(parts).encode("utf-8"), digest_size=16).hexdigest()


class TextMaterial:
    """Text (as :func:`topics.text.wording.keyword_texts` left it) -> its label phrases and keyword
    candidates, found once per text and remembered."""

    def __init__(self, found: dict | None = None):
        # A copy: material lent to an update stays as it was.
        self.found: dict[str, dict] = {kind: dict((found or {}).get(kind, {})) for kind in KINDS}

    def phrases(self, text: str) -> frozenset[str]:
        """:func:`topics.modeling.headlines._phrases` of ``text`` with the usual stop words."""
        key, known = _key(text), self.found["phrases"]
        if key not in known:
            from topics.modeling.describe import _stop_words
            from topics.modeling.headlines import _phrases
            from topics.text.wording import is_junk_word

            found = frozenset(_phrases(text, _stop_words(), is_junk_word))
            if len(known) >= MAX_TEXTS:
                return found
            known[key] = found
        return known[key]

    def grams(self, text: str) -> list[str]:
        """The keyword candidates of a cleaned ``text`` (:class:`topics.modeling.describe.KeywordAnalyzer`)."""
        key, known = _key(text), self.found["grams"]
        if key not in known:
            found = _analyzer()(text)
            if len(known) >= MAX_TEXTS:
                return found
            known[key] = tuple(found)
        return list(known[key])

    def __len__(self) -> int:
        return sum(len(found) for found in self.found.values())

    def save(self, path: Path) -> None:
        number: dict[str, int] = {}
        texts = {kind: {key: [number.setdefault(t, len(number)) for t in sorted(terms)] for key, terms in self.found[kind].items()}
                 for kind in KINDS}
        document = {"format": FORMAT, "rules": rules_fingerprint(), "terms": list(number), **texts}
        path.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "TextMaterial":
        """The material saved in ``path`` (none when its rules are not today's); InputError naming
        ``path`` when the file is unreadable or damaged."""
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(path, f"unreadable naming material: {exc}") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise InputError(path, f"not a {FORMAT} file")
        terms = document.get("terms")
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms) or not all(isinstance(document.get(k), dict) for k in KINDS):
            raise InputError(path, f"naming material is damaged: expected a list of terms and an object per kind ({', '.join(KINDS)})")
        if document.get("rules") != rules_fingerprint():
            return cls()  # written under other rules: found again as needed
        n, found = len(terms), {}
        for kind, shape in zip(KINDS, (frozenset, tuple)):
            found[kind] = {}
            for key, numbers in document[kind].items():
                if not _KEY.fullmatch(key) or not isinstance(numbers, list) or not all(type(i) is int and 0 <= i < n for i in numbers):
                    raise InputError(path, f"naming material is damaged: {kind} of text {key[:40]!r} must be term numbers below {n}")
                found[kind][key] = shape(terms[i] for i in numbers)
        return cls(found)


@functools.lru_cache(maxsize=1)
def _analyzer():
    from topics.modeling.describe import KeywordAnalyzer, _stop_words

    return KeywordAnalyzer(_stop_words(), cleaned=True)


def material_of(model) -> TextMaterial:
    """``model``'s naming material (empty, and kept on the model, when it has none yet)."""
    material = getattr(model, "text_material_", None)
    if material is None:
        material = model.text_material_ = TextMaterial()
    return material
