"""People's names in news text, and which of them the texts mostly quote.

:func:`person_names` finds the words that name people from how the texts write
them (after a title, before a reporting verb, after an initial or a name
particle), and :func:`quoted_sources` those of them the texts mostly quote.
Headline labels (:mod:`topics.modeling.headlines`) use both so that a label
leads with a name only where the topic is about that person.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain, compress

from topics.text.wording import PERSON_TITLES as TITLES

REPORTING_VERBS = frozenset("said says told wrote added asked announced according".split())
# Verbs and titles that mark a name as the one speaking (a quoted source) rather than the one spoken of.
SPEECH_VERBS = REPORTING_VERBS | frozenset(
    "say stated noted stressed reiterated insisted claimed rejected denied warned tweeted confirmed explained argued "
    "emphasised emphasized urged".split()
)
SPEAKER_TITLES = frozenset("spokesman spokeswoman spokesperson".split())
# Written right before a word, these say it names a place, group or thing ("in Kabul", "to Iran",
# "an American"); people's names rarely follow them ("the" does: "the Biden administration").
# A word at least this share of whose capitalised uses follow one is not taken for a person's name
# (NYT Afghanistan articles: Biden, Trump, Ghani, Khalilzad 0.00-0.01; Kabul 0.67, Iran 0.39,
# Congress 0.54, Americans 0.24).
PLACE_MARKERS = frozenset("a an in into at across near outside inside throughout within to from with of by for on".split())
NOT_A_NAME_SHARE = 0.2
# After these, a whole run of capitalised words names a place or group ("in New York", "from Tora Bora"),
# as does a run right before a title ("Taliban spokesman") or between a determiner and a verb ("the
# White House said"): such uses count with those after a place marker.
LOCATIVES = frozenset("in into at across near outside inside throughout within from around".split())
# A run of capitalised words opening on a point of the compass names a place ("North Korea", "South Sudan",
# "West Bank"), never a person ("Oliver North" ends on one).
COMPASS_WORDS = frozenset("north south east west northern southern eastern western".split())
DETERMINERS = frozenset("the a an this these those its their his our".split())
SUBJECT_PRONOUNS = frozenset("he she it they we who i".split())
GROUP_VERBS = SPEECH_VERBS | frozenset("is are was were has have had will would".split())
# A word the corpus mostly writes right before a common noun (more than this share of its capitalised
# uses, and twice or more) is a modifier ("Kabul airport", "Taliban fighters"); a person's name is
# mostly followed by a verb or a break ("Biden said", "Mr Blair.").
MODIFIER_SHARE = 0.5
# Written in lower case inside a name, these say the capitalised word after them is a family name
# ("Osama bin Laden"): no place, group or thing is written that way. "van" and "von" only after a
# capitalised word ("Louis van Gaal"): in Dutch and German they are also "of" and "from".
NAME_PARTICLES = frozenset("bin ibn bint".split())
NAME_PARTICLES_AFTER_NAMES = frozenset("van von".split())
# Written right before a word (perhaps after an opening quote), these end a sentence: a capital there says
# nothing of a name ("Residents said", "Officials say"). A full stop after a title or a single letter ends
# an abbreviation ("Mr. Biden", "Lloyd J. Austin", "U.S. Army"), not a sentence.
SENTENCE_ENDS = frozenset(".!?")
OPENING_MARKS = frozenset("\"'“‘([—–-")
SOURCE_SHARE = 0.5  # a name is a quoted source when at least this share of its mentions speak
SPEECH_WINDOW = 3  # words after a name (or a speaker title or a speech verb before it) that can mark it as speaking
# Written right before a speech verb that precedes a name, these close a quote: the name is its speaker.
QUOTE_MARKS = frozenset("\"'”’»")
ATTRIBUTION_MARKS = frozenset(",")
# Reading every text in lower case for a question costs about 1/18 of splitting them all into words (BBC
# paragraphs): an update's few questions stay cheap, and many cost at most about 20% more than one split.
PREFILTER_PASSES = 4
_NAME_TOKEN = re.compile(r"[\w'-]+|[^\w\s]")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
# A determiner or subject pronoun written as a token (case aside: each match is checked in lower case) and the
# token after it, as name_tokens splits them.
_PAIR_HEAD = re.compile(r"(?<![\w'-])(" + "|".join(sorted(DETERMINERS | SUBJECT_PRONOUNS, key=len, reverse=True))
                        + r")(?![\w'-])(?=\s*([\w'-]+|[^\w\s]))", re.IGNORECASE)


def name_tokens(texts) -> list[list[str]]:
    """Each text's words and punctuation marks, as :func:`person_names` and :func:`quoted_sources` read
    them: computed once for both."""
    return [_NAME_TOKEN.findall(str(text)) for text in texts]


def token_words(lowers) -> frozenset[str]:
    """The words of a text as :func:`topics.modeling.headlines.lower_words` finds them, from its
    :func:`name_tokens` in lower case. A token of word characters, "'" and "-" holds one word: the
    token without its leading and trailing "'" and "-" (none where nothing else is left); of the
    one-character punctuation tokens only "&" is a word."""
    found = {token.strip("'-") for token in set(lowers) if len(token) > 1 or token.isalnum() or token in "_&"}
    found.discard("")
    return frozenset(found)


def person_names(texts, tokens: list[list[str]] | None = None, words=None, lowers=None) -> frozenset[str]:
    """Lower-case words that name people in ``texts``: capitalised words right after a title
    ("President Biden", "Gen. McKenzie"), after a first name's initial ("S Thompson", as team
    sheets and lists write them), after a name particle ("bin Laden", "van Gaal") or right before a
    reporting verb ("Mujahid said"; after a title only the words after it: "Defense Secretary Lloyd
    Austin said"). Nothing after a determiner is a name ("the Pentagon said", "the General Assembly").
    A word is a place, group or adjective, not a person, where the corpus often writes it after "a" or
    a preposition, or in a run of capitalised words after a locative preposition ("officials in New
    York said") or after a point of the compass ("North Korea said"), right before a title ("Taliban spokesman", "Afghan President") or between a
    determiner and a verb ("the White House said"); where it also writes it in the plural ("a
    Republican asked" beside "Republicans"); and where it mostly writes it before a common noun, a word
    it also writes after a determiner ("Kabul airport", "Taliban fighters": "the airport", "the
    fighters"; "Afghan and coalition forces"). A word the corpus capitalises only where a sentence opens
    (and no capitalised word follows) is no name ("Residents said"); nor is a word derived from a place the
    corpus writes as one ("Australian": "in Australia"). Words in capitals throughout (datelines:
    "WASHINGTON —") do not count as capitalised uses; an abbreviation belongs to the run of capitalised
    words it is written in ("An E.U. Commissioner said" is after a determiner). ``tokens``: :func:`name_tokens` of ``texts``.
    ``words``: only these lower-case words are decided (None = every word): a text holding none of
    them, nor their plural or singular, counts for none of them and is not read (nor split into tokens, where
    ``tokens`` are not given); a word's answer is the same whichever other words are asked. ``lowers``: the
    ``tokens`` in lower case (None = made here)."""
    return names_in(Tokenised([str(text) for text in texts], tokens, lowers), words)


def may_be_a_name(word: str) -> bool:
    """Whether :func:`person_names` can take ``word`` (lower case) for a name at all: not a single
    letter, a title, a stop word or a junk word, whatever the texts say."""
    from topics.modeling.describe import _stop_words
    from topics.text.wording import is_junk_word

    return len(word) > 1 and word not in TITLES and word not in _stop_words() and not is_junk_word(word)


def names_in(tokenised: "Tokenised", words=None) -> frozenset[str]:
    """:func:`person_names` of ``tokenised.texts``: several questions about one corpus share its
    :class:`Tokenised` (each text split into tokens once)."""
    from topics.modeling.describe import _stop_words

    stop = _stop_words()
    texts = tokenised.texts
    forms = None
    if words is not None:
        forms = set(words) | {w + "s" for w in words} | {w[:-1] for w in words if w.endswith("s")}
        forms |= {base for w in words for base in _demonym_bases(w)}  # a demonym's place: see _is_demonym
        split = [(t, lower) for t, lower in tokenised.holding(forms) if not forms.isdisjoint(lower)]
        read = forms | TITLES | REPORTING_VERBS  # the only words whose counts, or the names after or before them, are used
    else:
        split = tokenised.holding(None)
    found: Counter = Counter()
    capitalised: Counter = Counter()
    any_case: Counter = Counter()  # capitalised uses, those in capitals throughout too ("MP" for "MPs")
    mid_sentence: Counter = Counter()  # capitalised uses that do not open a sentence: only those say "a name"
    after_marker: Counter = Counter()  # uses right after a place marker ("in Kabul", "an American")
    place_uses: Counter = Counter()  # uses in a run that names a place or group ("in New York", "Taliban spokesman")
    modified: Counter = Counter()  # (word, the lower-case word right after it): a modifier where that is a noun
    initialled: Counter = Counter()  # uses after an initial: a name where two or more agree ("S Thompson", not "W Midlands" once)
    particled: Counter = Counter()  # uses after a name particle ("bin Laden"), counted as initialled ones
    for tokens, lowers in split:
        # Only the positions of read words are stepped through (one C pass per text picks them).
        for i in range(len(tokens)) if forms is None else compress(range(len(lowers)), map(read.__contains__, lowers)):
            token, lower = tokens[i], lowers[i]
            # A word in capitals throughout (a dateline, "WASHINGTON —", a headline) says nothing of its case.
            if token[:1].isupper() and i > 0 and (forms is None or lower in forms):
                any_case[lower] += 1
            if token[:1].isupper() and i > 0 and (forms is None or lower in forms) and not (len(token) > 1 and token.isupper()):
                capitalised[lower] += 1
                # A sentence's first word counts where a capitalised word follows: a name's first word
                # ("Calisto Tanzi said"), not a plural before its verb ("Residents said").
                mid_sentence[lower] += not _opens_sentence(tokens, lowers, i) or _capitalised_next(tokens, i)
                first, last = _run(tokens, lowers, i)
                before = lowers[first - 1] if first > 0 else ""
                after = tokens[last + 1] if last + 1 < len(tokens) else ""
                after_marker[lower] += tokens[i - 1] in PLACE_MARKERS
                place_uses[lower] += (before in LOCATIVES or after.lower() in TITLES or before in DETERMINERS and _is_verb(after)
                                      or last > first and lowers[first] in COMPASS_WORDS)
                # A possessive is always written before a noun ("Blair's government"): no modifier. One joined
                # by "and" to a lower-case modifier modifies the same noun ("Afghan and coalition forces").
                if after in ("and", "or") and last + 2 < len(tokens):
                    after = tokens[last + 2]
                if i == last and token.isalpha() and after.isalpha() and after.islower() and after not in stop \
                        and after not in TITLES and not _is_verb(after):
                    modified[lower, after] += 1
                if token[1:].islower() and _after_initial(tokens, i):
                    initialled[lower] += 1
                if tokens[i - 1].islower() and _after_particle(tokens, lowers, i):
                    particled[lower] += 1
            if lower in TITLES and i + 1 < len(tokens):
                # A capitalised title in a name after a determiner is part of an organisation's name ("the
                # General Assembly", "the Prime Minister's office"); a lower-case one is not ("the Taliban
                # commander Fayez Jan").
                first, _ = _run(tokens, lowers, i - 1) if i > 0 and _in_run(tokens[i - 1], lowers[i - 1]) else (i, i)
                if token[:1].isupper() and first > 0 and lowers[first - 1] in DETERMINERS:
                    continue
                j = i + 1 + (tokens[i + 1] == ".")
                while j < len(tokens) and tokens[j][:1].isupper() and lowers[j] not in TITLES:
                    found[lowers[j]] += 1
                    j += 1
            elif lower in REPORTING_VERBS and i > 0 and tokens[i - 1][:1].isupper():
                j = i - 1
                while j >= 0 and (_in_run(tokens[j], lowers[j]) and tokens[j].isalpha() and not tokens[j].isupper()
                                  or _in_abbreviation(tokens, j)):
                    j -= 1  # an abbreviation stays in the run: "An E.U. Commissioner said" is after a determiner
                if j >= 0 and (lowers[j] in DETERMINERS or lowers[j] in LOCATIVES):
                    continue  # "the Pentagon said", "officials in Kabul said"
                for name in lowers[j + 1 : i]:
                    found[name] += name.isalpha()
    found.update({name: n for name, n in (initialled + particled).items() if n >= 2})
    modifiers = _modifier_uses(tokenised, modified)
    named = [
        name for name in found
        if (words is None or name in words) and may_be_a_name(name)
        and after_marker[name] < NOT_A_NAME_SHARE * capitalised[name]
        and place_uses[name] < max(2, NOT_A_NAME_SHARE * capitalised[name])
        and not modifiers[name] > max(1, MODIFIER_SHARE * capitalised[name])
        and any_case[name + "s"] < max(2, NOT_A_NAME_SHARE * capitalised[name])
        and not (name.endswith("s") and any_case[name[:-1]] >= max(2, NOT_A_NAME_SHARE * capitalised[name]))
        # Capitalised only where a sentence opens: nothing says it is a name ("Residents said"). A name after
        # a title, an initial or a particle is written inside a sentence.
        and mid_sentence[name] > 0
        and not _is_demonym(name, capitalised, place_uses)
    ]
    # Written in lower case somewhere: a word, not a name. Only the texts holding one of the names are split.
    # A name mostly written after a particle stays one ("bin Laden" beside "laden with fuel").
    holding = [text for text in texts if any(name in text for name in named)] if named else []
    written_lower = {w for text in holding for w in _LOWER_WORD.findall(text)}
    return frozenset(name for name in named if name not in written_lower or particled[name] >= 0.5 * capitalised[name])


def _opens_sentence(tokens, lowers, i: int) -> bool:
    """Whether ``tokens[i]`` opens a sentence: the first token, or after a sentence's end (perhaps with an
    opening quote or bracket between); a full stop after a title or a single letter ends an abbreviation."""
    j = i - 1
    while j >= 0 and tokens[j] in OPENING_MARKS:
        j -= 1
    if j < 0:
        return True
    if tokens[j] not in SENTENCE_ENDS:
        return False
    # A short capitalised word before a full stop is an abbreviation ("Gov. Ralph Northam", "Lt. Col.").
    return not (tokens[j] == "." and j > 0 and (lowers[j - 1] in TITLES or len(tokens[j - 1]) <= 3 and tokens[j - 1][:1].isupper()))


def _capitalised_next(tokens, i: int) -> bool:
    """Whether a capitalised word follows ``tokens[i]`` (in the same run of words)."""
    return i + 1 < len(tokens) and tokens[i + 1][:1].isupper() and tokens[i + 1].isalpha()


def _in_abbreviation(tokens, j: int) -> bool:
    """Whether ``tokens[j]`` is a letter of an abbreviation written with full stops, or one of its stops
    ("E.U.", "U.S.")."""
    if tokens[j] == ".":
        return j > 0 and len(tokens[j - 1]) == 1 and tokens[j - 1].isupper()
    return len(tokens[j]) == 1 and tokens[j].isupper() and j + 1 < len(tokens) and tokens[j + 1] == "."


def _demonym_bases(word: str) -> list[str]:
    """The place names ``word`` may be derived from by an adjective ending ("australian" -> "australia",
    "chinese" -> "china", "iranian" -> "iran"): the ending taken off, perhaps a final vowel put back; "-n"
    only after "a" ("Kenyan", not "Romen"). Month and weekday names are no places ("in July": "Julian")."""
    from topics.text.aliases import DERIVING_ENDINGS
    from topics.text.wording import is_junk_word

    bases = []
    for ending in DERIVING_ENDINGS:
        base = word[: -len(ending)]
        if not word.endswith(ending) or len(base) < 3:
            continue
        if ending == "n":
            bases += [base] if base.endswith("a") else []
        else:
            bases += [base, *(base + vowel for vowel in "aeiouy")]
    return [base for base in bases if len(base) >= 4 and not is_junk_word(base)]


def _is_demonym(name: str, capitalised: Counter, place_uses: Counter) -> bool:
    """Whether ``name`` is an adjective or people derived from a place the corpus writes as one: a word it
    writes after a locative or in a place's run ("in Australia") in a share of its uses, twice or more."""
    return any(place_uses[base] >= max(2, NOT_A_NAME_SHARE * capitalised[base]) for base in _demonym_bases(name))


def _in_run(token: str, lower: str) -> bool:
    """Whether a token belongs to a run of capitalised words that may name someone or something: not a
    title, and not a determiner or preposition that opens a sentence ("In Kabul", "The Pentagon")."""
    return token[:1].isupper() and lower not in TITLES and lower not in PLACE_MARKERS and lower not in DETERMINERS


def _run(tokens, lowers, i: int) -> tuple[int, int]:
    """The first and last index of the run of capitalised words holding ``tokens[i]`` ("New York Times"). A
    possessive ends a run: "The Fabian Society's" and "Sundar Katwala" are two."""
    first = last = i
    while first > 0 and _in_run(tokens[first - 1], lowers[first - 1]) and "'" not in tokens[first - 1]:
        first -= 1
    while "'" not in tokens[last] and last + 1 < len(tokens) and _in_run(tokens[last + 1], lowers[last + 1]):
        last += 1
    return first, last


def _is_verb(token: str) -> bool:
    """A verb by its word alone, after a group's name: a speech verb, a form of "be" or "have", or a past
    tense ("the Taliban said", "the Pentagon has", "the Army captured")."""
    lower = token.lower()
    return token.islower() and (lower in GROUP_VERBS or len(lower) > 4 and lower.endswith("ed"))


class Tokenised:
    """The texts' :func:`name_tokens` and their lower-case forms: those given, else made for a text when
    first asked for and kept. The first questions about words read the texts in lower case and split only
    those that write one; past ``PREFILTER_PASSES`` readings of the corpus, every text is split once into
    its set of words, which answer every later question (and the lower-case copy goes)."""

    def __init__(self, texts: list[str], tokens=None, lowers=None):
        self.texts, self.tokens, self.lowers = texts, tokens, lowers
        self._made: dict[int, tuple[list[str], list[str]]] = {}
        self._lowered: list[str] | None = None  # the texts in lower case, to pass over those holding no word asked
        self._scanned = 0  # texts read so far to pass over those holding no word asked
        self._sets: list[frozenset[str]] | None = None  # each text's lower-case words, once made
        self._pairs: Counter | None = None

    def pairs(self) -> Counter:
        """(determiner or subject pronoun, the token after it) as written, and how often the texts write them:
        read once for every question (few distinct pairs)."""
        if self._pairs is None:
            self._pairs = Counter(chain.from_iterable(map(_PAIR_HEAD.findall, self.texts)))
        return self._pairs

    def holding(self, words) -> list[tuple[list[str], list[str]]]:
        """(tokens, lowers) of every text, or (``words`` given, tokens not) of those holding one of
        ``words`` as a lower-case token."""
        rows = range(len(self.texts))
        if words is not None and self.tokens is None:
            words = set(words)
            # A text holding a word as a token holds it in its lower-case text (lower case is per letter, but for
            # a word's final sigma): only those are split, not every text of the corpus.
            if not words:
                rows = []
            elif self._sets is None and self._scanned < PREFILTER_PASSES * len(self.texts) and not any(
                    "σ" in w or "ς" in w for w in words):
                if self._lowered is None:
                    self._lowered = [text.lower() for text in self.texts]
                self._scanned += len(self.texts)
                written = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
                rows = [i for i in rows if written.search(self._lowered[i]) and not words.isdisjoint(self._of(i)[1])]
            else:
                rows = [i for i, held in enumerate(self._word_sets()) if not words.isdisjoint(held)]
        return [self._of(i) for i in rows]

    def _word_sets(self) -> list[frozenset[str]]:
        if self._sets is None:
            self._sets = [frozenset(self._made[i][1] if i in self._made else map(str.lower, _NAME_TOKEN.findall(text)))
                          for i, text in enumerate(self.texts)]
            self._lowered = None
        return self._sets

    def _of(self, i: int) -> tuple[list[str], list[str]]:
        if i not in self._made:
            tokens = self.tokens[i] if self.tokens is not None else _NAME_TOKEN.findall(self.texts[i])
            self._made[i] = (tokens, self.lowers[i] if self.lowers is not None else [token.lower() for token in tokens])
        return self._made[i]


def _modifier_uses(tokenised: Tokenised, modified: Counter) -> Counter:
    """Per word, its uses right before a common noun: a lower-case word the texts write after a
    determiner more often than after a subject pronoun ("Kabul airport": "the airport"; not "Biden
    said", "Portillo makes": "he makes"). Counted over all the texts, so that whether a word is a name
    does not depend on which other words are asked about at the same time."""
    following = {after for _, after in modified}
    as_noun: Counter = Counter()
    as_verb: Counter = Counter()
    if tokenised.tokens is None and tokenised.lowers is None:
        # Only the words after a determiner or pronoun count: found where one is written, without splitting
        # every text holding a following word into tokens (most of a corpus: a third of an update's name question).
        for (a, b), n in tokenised.pairs().items():
            a, b = a.lower(), b.lower()
            if b in following:
                as_noun[b] += n * (a in DETERMINERS)
                as_verb[b] += n * (a in SUBJECT_PRONOUNS)
        return _modifiers(modified, as_noun, as_verb)
    for _, lowers in tokenised.holding(following):
        if following.isdisjoint(lowers):
            continue
        for i in compress(range(1, len(lowers)), map(following.__contains__, lowers[1:])):  # the following words' places only
            a, b = lowers[i - 1], lowers[i]
            as_noun[b] += a in DETERMINERS
            as_verb[b] += a in SUBJECT_PRONOUNS
    return _modifiers(modified, as_noun, as_verb)


def _modifiers(modified: Counter, as_noun: Counter, as_verb: Counter) -> Counter:
    uses: Counter = Counter()
    for (word, after), n in modified.items():
        if as_noun[after] > as_verb[after]:
            uses[word] += n
    return uses


def _after_particle(tokens, lowers, i: int) -> bool:
    """Whether ``tokens[i]`` follows a name particle written in lower case ("bin Laden", "Louis van Gaal")."""
    particle = lowers[i - 1]
    return particle in NAME_PARTICLES or (particle in NAME_PARTICLES_AFTER_NAMES and i > 1 and tokens[i - 2][:1].isupper())


def _after_initial(tokens, i: int) -> bool:
    """Whether ``tokens[i]`` follows a first name's initial ("S Thompson", "J. Robinson"): a capital
    letter on its own, not the words "A" and "I", nor the end of an abbreviation ("U.S. Army")."""
    j = i - 1 - (tokens[i - 1] == "." and i > 1)
    initial = tokens[j]
    return len(initial) == 1 and initial.isupper() and initial not in "AI" and (j == 0 or tokens[j - 1] != ".")


def _verb_before(words, lower, i: int, tokens, places) -> bool:
    """Whether the run of capitalised words opening at ``words[i]`` is the speaker of a speech verb written
    before it, the wire's order: a quote, a comma, then the verb and the name, perhaps after titles
    and roles in lower case ('"...," said Col. Rafael Torres', '"...," said the Taliban spokesman
    Zabihullah Mujahid', "according to Gen. Miller"). A verb after a word is no attribution: "officials
    said Torres had left" speaks of Torres. ``places``: each word's index among ``tokens``."""
    k = i - 1
    while k >= 0 and i - k <= SPEECH_WINDOW and words[k].islower() and (lower[k] in TITLES or lower[k] in DETERMINERS):
        k -= 1
    if k < 0 or i - k > SPEECH_WINDOW:
        return False
    if lower[k] == "to" and k > 0 and lower[k - 1] == "according":
        return True
    if lower[k] not in SPEECH_VERBS:
        return False
    at = places[k]
    return at > 0 and (tokens[at - 1] in ATTRIBUTION_MARKS or tokens[at - 1] in QUOTE_MARKS)


def quoted_sources(texts, people: frozenset[str], tokens: list[list[str]] | None = None, lowers=None) -> frozenset[str]:
    """Those of ``people`` the texts mostly quote: at least half of the name's mentions (a run of
    capitalised words holding it, "Zabihullah Mujahid") have a speech verb within a few words after
    ("Balkhi also said", "Mujahid, the Taliban spokesman, said"), one right before them after a quote or
    a comma ('"...," said Col. Rafael Torres': :func:`_verb_before`) or a speaker title next to them
    ("Foreign Ministry Spokesman Abdul Qahar Balkhi"). ``tokens``: :func:`name_tokens` of ``texts``;
    ``lowers``: those in lower case (None = made here)."""
    mentions: Counter = Counter()
    speaking: Counter = Counter()
    token_lists = tokens if tokens is not None else name_tokens(texts)
    for text_tokens, text_lowers in zip(token_lists, lowers if lowers is not None else [None] * len(token_lists)):
        if people.isdisjoint(map(str.lower, text_tokens) if text_lowers is None else text_lowers):
            continue  # mentions none of them
        # Words only: a one-character token that is not a word character, "'" or "-" is punctuation.
        kept = [len(t) > 1 or t.isalnum() or t in "_'-" for t in text_tokens]
        words = [t for t, keep in zip(text_tokens, kept) if keep]
        places = list(compress(range(len(text_tokens)), kept))  # each word's place among the tokens
        lower = [t.lower() for t in words] if text_lowers is None else [t for t, keep in zip(text_lowers, kept) if keep]
        i = 0
        while i < len(words):
            if not words[i][:1].isupper():
                i += 1
                continue
            j = i
            while j < len(words) and words[j][:1].isupper():
                j += 1
            named = {w for w in lower[i:j] if w in people}
            if named:
                after = lower[j : j + 2 * SPEECH_WINDOW]
                near = lower[max(0, i - SPEECH_WINDOW) : i] + after
                speaks = bool(SPEECH_VERBS.intersection(after) or SPEAKER_TITLES.intersection(near)
                              or _verb_before(words, lower, i, text_tokens, places))
                for name in named:
                    mentions[name] += 1
                    speaking[name] += speaks
            i = j
    return frozenset(name for name, n in mentions.items() if speaking[name] >= SOURCE_SHARE * n)
