"""Labels that say what their texts say: a label part the topic's texts mostly deny is named with its denial.

Press releases close with a safety formula ("No civilians were injured", "No women or children were injured
or detained"); a topic of such paragraphs shares the words "civilians" and "women and children", and a label
built of them alone ("Civilian casualties", "Shots, civilians") states the very subject its texts deny. A use
of a phrase is denied when a negator ("no", "not", "without", "never", "neither ... nor") stands before it in
the same clause, with at most ``SCOPE_WORDS`` words between and no verb that opens a new predicate ("No shots
were fired and the women and children were protected" denies the shots, not the women and children). A part
that most of the topic's texts writing it deny takes the wording they use, cut to the denied subject and its
participle ("No women or children were injured or detained" -> "No women or children injured"); measured
against ranking such phrases below asserted ones, this reads truer: the topic is about the denial, and the
asserted phrases left ("Operation, weapons") say less.
Owns that test and that wording. May import: numpy, :mod:`topics.modeling.phrase_shape`, :mod:`topics.text.wording`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter

import numpy as np

from topics.modeling.phrase_shape import BE_FORMS, is_participle

# Negators per language (as :func:`topics.text.wording.text_language` names it): words that deny the noun
# after them ("no civilians", "without casualties"), and words that deny a verb ("did not fire their weapons"
# denies the firing, not the weapons), which deny a phrase only right after them, past determiners at most ("not a
# single civilian"). A language not listed reads no denial, and its labels stay as the phrase search gives them.
NEGATORS = {  # language: (words that deny the noun after them, words that deny a verb)
    "english": ("no none without neither nor", "not never cannot"),
    "french": ("sans aucun aucune ni", "pas jamais"),
    "german": ("kein keine keinen keinem keiner ohne weder", "nicht nie niemals"),
    "spanish": ("sin ningún ninguna ninguno ni", "no nunca"),
    "italian": ("senza nessun nessuna nessuno né", "non mai"),
    "portuguese": ("sem nenhum nenhuma nem", "não nunca"),
    "dutch": ("geen zonder noch", "niet nooit"),
}
# The only words a verb negator reaches past to what it denies (English; other languages: none).
VERB_NEGATED_PAST = frozenset("a an the any single".split())
# Words that open a new predicate (English): a negator before one of them has said its say.
EXISTENTIAL_WORDS = frozenset({"there", "here"})  # "there was not a ...": the negator denies what follows
PREDICATE_WORDS = BE_FORMS | frozenset("has have had do does did will would can could should may might must".split())
SCOPE_WORDS = 4  # words allowed between a negator and the phrase it denies ("no reports of injuries to civilians")
TOPIC_TEXTS = 400  # texts per topic read for denials (an even sample of a large topic, as the phrase search reads)
LANGUAGE_TEXTS = 20
DENIED_SHARE = 0.5  # a part is named with its denial when more than this share of its texts deny it
_WORD = re.compile(r"\w(?:[\w'’-]*\w)?")
# A comma does not split a clause (its words are read once), but no denial reaches back across one.
_CLAUSE_BREAK = re.compile(r"[.!?;:()\[\]\"“”\u2014\u2013\n]|\s-\s")
_JOINED = re.compile(r"\s+(?:and|or|nor)\s+(\w[\w'-]*)")  # "women or children" after "no women"


@functools.cache
def _negators(language: str | None) -> tuple[frozenset[str], frozenset[str]]:
    nouns, verbs = NEGATORS.get(language or "english", ("", ""))
    return frozenset(nouns.split()), frozenset(verbs.split())


def _denies(word: str, between: list[str], negators: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether ``word``, with ``between`` the words from it to a phrase, denies it."""
    word = word.lower()
    nouns, verbs = negators
    if word in nouns:
        return True
    # "did not fire weapons" denies the firing: a verb negator denies only what it stands right before.
    return (word in verbs or "not" in verbs and word.endswith(("n't", "n’t"))) and all(
        w.lower() in VERB_NEGATED_PAST for w in between)


def _denies_predicate(word: str, before: str, earlier: str,
                      negators: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether a negator ``word`` denies a predicate, not a subject: a verb negator after an auxiliary
    (``before``: the word before it in its clause, "" for none; "is not an", "was never the"), or one written
    into it ("isn't"). "Not a single civilian was hurt" denies its subject, and so does an existential "there
    was not a ..." / "there weren't any ..." (``earlier``: the word before ``before``). The auxiliary is
    written in lower case: "Since May not a single civilian ..." has no auxiliary."""
    word = word.lower()
    if word in negators[0]:
        return False
    if word.endswith(("n't", "n’t")):
        return before.lower() not in EXISTENTIAL_WORDS
    return before in PREDICATE_WORDS and earlier.lower() not in EXISTENTIAL_WORDS


def _words_before(clause: str, words: list, k: int) -> tuple[str, str]:
    """The two words before ``words[k]`` in its clause, nearest first ("" where a comma or the clause's start
    comes first)."""
    found = []
    for j in (k - 1, k - 2):
        if j < 0 or "," in clause[words[j].end() : words[j + 1].start()]:
            break
        found.append(words[j].group(0))
    return tuple(found + [""] * (2 - len(found)))


def denied_uses(text: str, phrase: str, negators: tuple[frozenset[str], frozenset[str]]) -> list[tuple[bool, str]]:
    """Per use of ``phrase`` in ``text`` (case aside): whether a negator denies it, and the denying wording
    (from the negator to the phrase's end, its participle after "were" added; "" where not denied)."""
    pattern = _pattern(phrase)
    found = []
    if not pattern.search(text):  # most texts do not write it: no clause to read
        return found
    for clause in _CLAUSE_BREAK.split(text):
        matches = list(pattern.finditer(clause))
        if not matches:
            continue
        # Split once per clause, not once per use: an unpunctuated transcript is one long clause.
        words = list(_WORD.finditer(clause))
        starts = [word.start() for word in words]
        for match in matches:
            first = bisect.bisect_left(starts, match.start())  # the words before the use
            start, after = None, match.start()
            for k in range(first - 1, max(first - SCOPE_WORDS - 1, 0) - 1, -1):
                word = words[k].group(0)
                if "," in clause[words[k].end() : after]:  # "Without warning, civilians were killed"
                    break
                if _denies(word, [w.group(0) for w in words[k + 1 : first]], negators):
                    # "is not an emergency programme" denies a predicate, not a subject: told as a denial it
                    # would be a fragment ("Not an emergency programme"), so the use reads as asserted.
                    before, earlier = _words_before(clause, words, k)
                    start = None if _denies_predicate(word, before, earlier, negators) else words[k].start()
                    break
                if word.lower() in PREDICATE_WORDS:
                    break
                after = words[k].start()
            if start is None:
                found.append((False, ""))
                continue
            found.append((True, clause[start : match.end()] + _predicate(clause[match.end():])))
    return found


@functools.lru_cache(maxsize=256)
def _pattern(phrase: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, phrase.split())) + r"(?![\w-])", re.IGNORECASE)


def _predicate(rest: str) -> str:
    """What follows a denied subject when it is a coordinated word and a participle after a form of "be"
    ("or children were injured" -> " or children injured"), or the participle alone; else ""."""
    joined = _JOINED.match(rest)
    tail = rest[joined.end():] if joined else rest
    words = _WORD.findall(tail)[:2]
    if len(words) == 2 and words[0].lower() in BE_FORMS and words[1].islower() and is_participle(words[1]):
        return (f" {joined.group(0).split(None, 1)[0]} {joined.group(1)}" if joined else "") + f" {words[1]}"
    return ""


def denied_form(texts: list[str], phrase: str, language: str | None = "english") -> str | None:
    """The wording most of ``texts`` deny ``phrase`` with, as they write it, when more than ``DENIED_SHARE``
    of the texts that write it deny every use of it; else None."""
    negators = _negators(language)
    if not any(negators):
        return None
    writing, denying, forms, spelling = 0, 0, Counter(), {}
    for text in texts:
        uses = denied_uses(str(text), phrase, negators)
        if not uses:
            continue
        writing += 1
        if all(denied for denied, _ in uses):
            denying += 1
            for _, form in uses:
                key = " ".join(form.lower().split())
                forms[key] += 1
                spelling.setdefault(key, Counter())[" ".join(form.split())] += 1
    if not writing or denying <= DENIED_SHARE * writing:
        return None
    return spelling[forms.most_common(1)[0][0]].most_common(1)[0][0]


def told_as_written(label: str, texts: list[str], language: str | None = "english", max_words: int = 6) -> str:
    """``label`` with each part ("lead, second") the ``texts`` mostly deny named with its denial
    ("Shots, civilians" -> "No shots fired, no civilians harmed"), within ``max_words`` words: a second
    part that no longer fits is left out. A label none of whose parts is denied comes back as it was."""
    parts = [part for part in label.split(", ") if part]
    told = [denied_form(texts, part, language) or part for part in parts]
    if told == parts:
        return label
    told = [part[:1].upper() + part[1:] if k == 0 else _lower_lead(part, told[k] != parts[k]) for k, part in enumerate(told)]
    kept = [told[0]]
    for part in told[1:]:
        if part.lower() not in {k.lower() for k in kept} and len(" ".join([*kept, part]).split()) <= max_words:
            kept.append(part)
    return ", ".join(kept)


def _lower_lead(part: str, denied: bool) -> str:
    """A denial after a comma starts in lower case ("No" opens the sentence it was read from)."""
    first = part.split(" ", 1)[0]
    return part[:1].lower() + part[1:] if denied and first[1:].islower() else part


def told_labels(names: list[str], labels, topic_ids, texts) -> list[str]:
    """``names`` (row i <-> ``topic_ids[i]``, "" = not named) told as their topics' ``texts`` (the units' texts,
    as written; ``labels``: each unit's topic) write them (:func:`told_as_written`), in the topic's language."""
    from topics.text.wording import text_language

    labels = np.asarray(labels)
    told = []
    for name, topic in zip(names, topic_ids):
        if not name:
            told.append(name)
            continue
        members = np.flatnonzero(labels == topic)
        members = members[np.linspace(0, len(members) - 1, min(len(members), TOPIC_TEXTS)).astype(int)]
        member_texts = [str(texts[i]) for i in members]
        # A few texts tell the language (reading all 400 was most of this step's time).
        told.append(told_as_written(name, member_texts, text_language(member_texts[:: max(1, len(member_texts) // LANGUAGE_TEXTS)])))
    return told
