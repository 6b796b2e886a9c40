"""Whether a label phrase reads as a whole noun phrase, judged from how the corpus writes its words.

Candidate phrases are runs of words between stop words, so two kinds of run read wrong as labels:

- **a cut phrase**, most of whose uses go on into a longer one: "European Indoor" (Championships),
  "Republican on the Senate" (Armed Services Committee), "Iran nuclear" (deal). :func:`continued`
  reads the word after each use of the phrase in the topic's texts;
- **a clause**, led by or holding a verb: "Engaged the enemy position", "killed in the strike",
  "joined Democrats", "Defeat Daesh". No tagger is at hand, so :func:`is_clause` tells a verb by
  English word order: a word right before "the" (a noun does not take an object); a past
  participle before a preposition; and, for a phrase's first word, how the corpus uses that word
  (:func:`word_uses`): a participle that the corpus mostly writes before a preposition or a break
  is a verb ("killed in"), one it mostly writes before a noun an adjective ("armed insurgents");
  a word the corpus mostly writes after "to" or a modal, or before a determiner, is a verb ("to
  defeat", "will withdraw", "extending the").

Every cut-off is a majority of the corpus's own uses: no constant is read off a corpus.
"""

from __future__ import annotations

import re
from collections import Counter

# Written before a verb's base form ("to defeat", "will withdraw", "did not win").
VERB_MARKERS = frozenset("to will would could should can must may might cannot not did does do".split())
# Function words allowed inside (never at the edges of) a phrase: written between the words of one noun
# phrase ("Rest of the season", "Afghan and coalition forces").
INNER_WORDS = frozenset("of on in for over against with from and the by at into after under near".split())
# Written right before a noun phrase: a word the corpus mostly writes before one takes an object (a verb).
DETERMINERS = frozenset("the a an its their his her this these those".split())
# Joining two parts of one noun phrase ("Food and Drug Administration", "Islamic Movement of Uzbekistan"):
# what follows them still continues the phrase.
JOINING_WORDS = frozenset({"and", "of"})
_NEXT_WORD = r"(?:\s+((?:(?:" + "|".join(sorted(JOINING_WORDS)) + r")\s+){0,2})([\w'-]+))?"


def _is_participle(word: str) -> bool:
    # The same test the phrase search uses for a phrase's last word (``headlines._WordRoles``).
    return len(word) > 4 and word.endswith("ed") and word.islower()


def continued(texts: list[str], phrase: str, stop_words: frozenset[str], titles: frozenset[str] = frozenset()) -> bool:
    """Whether most uses of ``phrase`` in ``texts`` go on into a longer phrase: the same word, not a
    stop word, past tense or one of ``titles``, follows it (perhaps after "and" or "of") in more than half of them,
    or, where the phrase ends on a capitalised word, another capitalised word does (a name goes on:
    "Court of Human" Rights), or after a lone capitalised word any such lower-case word (a modifier:
    "attacks on American" troops; "Haqqani Network" facilitator stays whole). A use ending in a
    capitalised title after a capitalised word is whole ("Defense Secretary")."""
    words = phrase.split()
    if not words:
        return False
    pattern = re.compile(
        r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])" + _NEXT_WORD, re.IGNORECASE
    )
    uses, following, names_go_on = 0, Counter(), 0
    for text in texts:
        for match in pattern.finditer(text):
            uses += 1
            after = match.group(2)
            # A title after a name starts another phrase ("Homeland Security Secretary Alejandro Mayorkas").
            if not after or any(c.isdigit() for c in after) or after.lower() in titles:
                continue
            written = match.group(0)[: match.start(1) - match.start()].split()
            # A title is whole before the name it gives ("Defense Secretary" Lloyd J. Austin), where it is
            # a title as written: capitalised after a capitalised word, not "reverse President" Trump.
            if written[-1].lower() in titles and written[-1][:1].isupper() and (len(written) < 2 or written[-2][:1].isupper()):
                continue
            # A past tense after the phrase is its verb, not more of it ("coalition forces detained").
            word = after.lower() not in stop_words and not _is_participle(after)
            if word:
                following[after.lower()] += 1
            # After a capitalised word, another one goes on with a name ("Court of Human" Rights); after a
            # lone one, a lower-case word makes it a modifier ("attacks on American" troops), where a
            # name of two words stays whole ("Haqqani Network" facilitator).
            lone = len(written) < 2 or not written[-2][:1].isupper()
            names_go_on += written[-1][:1].isupper() and (after[:1].isupper() or lone and word and after.islower())
    if not uses:
        return False
    most = following.most_common(1)[0][1] if following else 0
    return max(most, names_go_on) > uses / 2


def word_uses(token_lists, words, stop_words: frozenset[str]) -> dict[str, tuple[int, int, int]]:
    """Per word of ``words`` (lower case): (uses written in lower case, of those after a verb marker or
    before a determiner, of those before a lower-case word that is not a stop word), over ``token_lists``
    (:func:`topics.modeling.headlines.name_tokens` of the corpus)."""
    words = frozenset(words)
    uses, as_verb, before_word = Counter(), Counter(), Counter()
    for tokens in token_lists:
        for i, token in enumerate(tokens):
            if token not in words:  # written in lower case, and asked
                continue
            uses[token] += 1
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if i > 0 and tokens[i - 1].lower() in VERB_MARKERS or after.lower() in DETERMINERS:
                as_verb[token] += 1
            if after.isalpha() and after.islower() and after not in stop_words:
                before_word[token] += 1
    return {w: (uses[w], as_verb[w], before_word[w]) for w in uses}


def is_clause(written: str, uses: dict[str, tuple[int, int, int]]) -> bool:
    """Whether the phrase, as the texts write it, is led by or holds a verb (see the module's notes)."""
    words = written.split()
    for before, word, after in zip(["the", *words], words, [*words[1:], ""]):
        if after.lower() == "the" and word.lower() not in INNER_WORDS:
            return True  # a verb and its object: "engaged the enemy"
        if _is_participle(word) and (after.lower() in INNER_WORDS or before.lower() not in INNER_WORDS):
            return True  # "killed in the strike", "force searched"
    first = words[0] if words else ""
    if not first.islower():
        return False
    n, as_verb, before_word = uses.get(first, (0, 0, 0))
    if not n:
        return False
    if as_verb > n / 2:
        return True
    return _is_participle(first) and before_word <= n / 2
