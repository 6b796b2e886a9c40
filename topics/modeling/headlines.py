"""Topic labels that read like headlines: short phrases from the topic's own text.

A label is the phrase (two to five words, as the corpus writes it) that best
covers and separates a topic. Candidates are the word n-grams of the topic's
texts that neither start nor end with a stop word and hold no reporting or
filler word ("Russian bounties on American troops", "Afghan airspace"). A
candidate is scored by

- coverage: the share of the topic's units that use it,
- separation: the share of its uses that fall in this topic (a c-TF-IDF-like
  precision), and
- closeness: the cosine of the mean embedding of the units using it with the
  topic centroid,

multiplied together, with a small bonus for length (a longer phrase that
covers nearly as much says more). When the best phrase has two words and a
second phrase or keyword adds other words, it follows after a comma, within
six words. A person's name leads a label only when the topic is about that
person: when the name is in at least half of the topic's units, and the
corpus does not mostly quote that person (a spokesman whose name comes with
"said" in every paragraph is a source, not the subject).

No stop word, POS tagger or model is needed beyond the stop-word lists of
:mod:`topics.modeling.describe`; everything is counted on the texts.
"""

from __future__ import annotations

import functools

import re
from collections import Counter
from itertools import islice

import numpy as np

# INNER_WORDS: function words allowed inside (never at the edges of) a phrase.
from topics.modeling.phrase_shape import INNER_WORDS, continued, ends_on_modifier, is_clause, preceded, word_uses, words_to_read

MAX_PHRASE_WORDS = 5
MAX_LABEL_WORDS = 6
LENGTH_BONUS = 0.15  # per extra word
PERSON_TOPIC_SHARE = 0.5  # a name leads a label only when this share of the topic's units use it
PHRASE_TEXTS = 400  # texts per topic read for candidates (a sample on large corpora)
CORPUS_TEXTS = 20_000  # texts read for how common a phrase is in the corpus
TITLES = frozenset(
    "mr mrs ms dr president gen general secretary minister senator sen rep representative spokesman "
    "spokeswoman commander ambassador prime governor mayor lt col colonel sgt sergeant judge chief".split()
)
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
# Written in lower case inside a name, these say the capitalised word after them is a family name
# ("Osama bin Laden"): no place, group or thing is written that way. "van" and "von" only after a
# capitalised word ("Louis van Gaal"): in Dutch and German they are also "of" and "from".
NAME_PARTICLES = frozenset("bin ibn bint".split())
NAME_PARTICLES_AFTER_NAMES = frozenset("van von".split())
SOURCE_SHARE = 0.5  # a name is a quoted source when at least this share of its mentions speak
SPEECH_WINDOW = 3  # words after a name (or a speaker title before it) that can mark it as speaking
_NAME_TOKEN = re.compile(r"[\w'-]+|[^\w\s]")
_WORD = re.compile(r"\w(?:[\w'-]*\w)?|&")  # "&" joins two words of a name ("Johnson & Johnson")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
_CLAUSE_BREAK = re.compile(r"[.!?;:,()\[\]\"“”\u2014\u2013]|\s-\s")
# A middle initial inside a name ("Lloyd J. Austin", "Joseph R. Biden Jr."): its full stop is no clause
# break, so a phrase never ends on the first name ("Defense Secretary Lloyd"). Phrases read the name
# without the initial; a label is written as the texts spell it (:func:`_surface`).
_MIDDLE_INITIAL = re.compile(r"\b([A-Z][a-z]+) [A-Z]\. (?=[A-Z][a-z])")
# A text's words and clause breaks in one scan (a break is no word character, so no word spans one).
_WORD_OR_BREAK = re.compile(f"{_WORD.pattern}|{_CLAUSE_BREAK.pattern}")
MAX_REMEMBERED_WORDS = 500_000  # the phrase search's table of word roles starts afresh past this
KEYWORDS_FOR_PHRASES = 3  # a label phrase holds one of the topic's first keywords


def name_tokens(texts) -> list[list[str]]:
    """Each text's words and punctuation marks, as :func:`person_names` and :func:`quoted_sources` read
    them: computed once for both."""
    return [_NAME_TOKEN.findall(str(text)) for text in texts]


def person_names(texts, tokens: list[list[str]] | None = None, words=None, lowers=None) -> frozenset[str]:
    """Lower-case words that name people in ``texts``: capitalised words right after a title
    ("President Biden", "Gen. McKenzie"), after a first name's initial ("S Thompson", as team
    sheets and lists write them), after a name particle ("bin Laden", "van Gaal") or right before a
    reporting verb ("Mujahid said"),
    not after "the" (which marks an organisation: "the Pentagon said"). A word the corpus often
    writes after "a" or a preposition is a place, group or adjective, not a person, even where it
    comes before "said" ("officials in Kabul said"), and so is one it also writes in the plural
    ("a Republican asked" beside "Republicans"). ``tokens``: :func:`name_tokens` of ``texts``.
    ``words``: only these lower-case words are decided (None = every word): a text holding none of
    them, nor their plural or singular, counts for none of them and is not read. ``lowers``: the
    ``tokens`` in lower case (None = made here)."""
    texts = list(texts)
    token_lists = tokens if tokens is not None else name_tokens(texts)
    lower_lists = lowers if lowers is not None else [[token.lower() for token in t] for t in token_lists]
    split = zip(token_lists, lower_lists)
    forms = None
    if words is not None:
        forms = set(words) | {w + "s" for w in words} | {w[:-1] for w in words if w.endswith("s")}
        split = [(t, lower) for t, lower in split if not forms.isdisjoint(lower)]
        read = forms | TITLES | REPORTING_VERBS  # the only words whose counts, or the names after or before them, are used
    found: Counter = Counter()
    capitalised: Counter = Counter()
    after_marker: Counter = Counter()
    initialled: Counter = Counter()  # uses after an initial: a name where two or more agree ("S Thompson", not "W Midlands" once)
    particled: Counter = Counter()  # uses after a name particle ("bin Laden"), counted as initialled ones
    for tokens, lowers in split:
        for i in range(len(tokens)) if forms is None else [i for i, lower in enumerate(lowers) if lower in read]:
            token, lower = tokens[i], lowers[i]
            if token[:1].isupper() and i > 0 and (forms is None or lower in forms):
                capitalised[lower] += 1
                after_marker[lower] += tokens[i - 1] in PLACE_MARKERS
                if token[1:].islower() and _after_initial(tokens, i):
                    initialled[lower] += 1
                if tokens[i - 1].islower() and _after_particle(tokens, lowers, i):
                    particled[lower] += 1
            if lower in TITLES and i + 1 < len(tokens):
                j = i + 1 + (tokens[i + 1] == ".")
                while j < len(tokens) and tokens[j][:1].isupper() and lowers[j] not in TITLES:
                    found[lowers[j]] += 1
                    j += 1
            elif lower in REPORTING_VERBS and i > 0 and tokens[i - 1][:1].isupper():
                j = i - 1
                while j >= 0 and tokens[j][:1].isupper() and tokens[j].isalpha() and not tokens[j].isupper():
                    j -= 1
                if j >= 0 and lowers[j] == "the":
                    continue
                for name in lowers[j + 1 : i]:
                    found[name] += 1
    found.update({name: n for name, n in (initialled + particled).items() if n >= 2})
    from topics.modeling.describe import _stop_words
    from topics.text.wording import is_junk_word

    stop = _stop_words()
    named = [
        name for name in found
        if (words is None or name in words) and len(name) > 1 and name not in TITLES and name not in stop and not is_junk_word(name)
        and after_marker[name] < NOT_A_NAME_SHARE * capitalised[name]
        and capitalised[name + "s"] < max(2, NOT_A_NAME_SHARE * capitalised[name])
        and not (name.endswith("s") and capitalised[name[:-1]] >= max(2, NOT_A_NAME_SHARE * capitalised[name]))
    ]
    # Written in lower case somewhere: a word, not a name. Only the texts holding one of the names are split.
    # A name mostly written after a particle stays one ("bin Laden" beside "laden with fuel").
    holding = [str(text) for text in texts if any(name in str(text) for name in named)] if named else []
    written_lower = {w for text in holding for w in _LOWER_WORD.findall(text)}
    return frozenset(name for name in named if name not in written_lower or particled[name] >= 0.5 * capitalised[name])


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


def quoted_sources(texts, people: frozenset[str], tokens: list[list[str]] | None = None, lowers=None) -> frozenset[str]:
    """Those of ``people`` the texts mostly quote: at least half of the name's mentions (a run of
    capitalised words holding it, "Zabihullah Mujahid") have a speech verb within a few words after
    ("Balkhi also said", "Mujahid, the Taliban spokesman, said") or a speaker title next to them
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
                speaks = bool(SPEECH_VERBS.intersection(after) or SPEAKER_TITLES.intersection(near))
                for name in named:
                    mentions[name] += 1
                    speaking[name] += speaks
            i = j
    return frozenset(name for name, n in mentions.items() if speaking[name] >= SOURCE_SHARE * n)


def _phrases(text: str, stop_words: frozenset[str], is_junk) -> set[str]:
    """Lower-case candidate phrases (1..MAX_PHRASE_WORDS words) of one text, sentence by sentence."""
    found = set()
    from topics.text.wording import other_language_stop_words

    other = other_language_stop_words(text)  # a text in another language: its function words too
    roles = _word_roles(frozenset(stop_words) | other if other else frozenset(stop_words), is_junk)
    if len(roles) > MAX_REMEMBERED_WORDS:
        roles.clear()
    # A clause break is a token that ends every phrase: the same phrases as clause by clause.
    words = [roles[w] for w in _WORD_OR_BREAK.findall(_MIDDLE_INITIAL.sub(r"\1 ", text))]
    for start, (_, can_start, _, _) in enumerate(words):
        if not can_start:
            continue
        phrase = ""
        for word, _, ends_phrases, can_end in words[start : start + MAX_PHRASE_WORDS]:
            if ends_phrases:
                break
            phrase = f"{phrase} {word}" if phrase else word
            if can_end:
                found.add(phrase)
    return found


class _WordRoles(dict):
    """Word as written -> (``_word_key``, can start a phrase, ends every phrase it would join, can end
    a phrase): decided once per word, not once per phrase that holds it (a third of the phrase search)."""

    def __init__(self, stop_words: frozenset[str], is_junk):
        super().__init__()
        self.stop_words, self.is_junk = stop_words, is_junk

    def __missing__(self, written: str) -> tuple:
        if _CLAUSE_BREAK.fullmatch(written):
            self[written] = roles = (written, False, True, False)
            return roles
        # A word with a digit ("31st", "2020") ends a phrase, like a stop word; an acronym
        # keeps its capitals, so "US" is a name where "us" is a stop word.
        word, stop_words = _word_key(written), self.stop_words
        junk = self.is_junk(word)
        can_start = not (word in stop_words or word in INNER_WORDS or word.lower() in TITLES or len(word) < 2 or junk)
        ends_phrases = word == "#" or junk or len(word) < 2 and word not in INNER_WORDS or word in stop_words and word not in INNER_WORDS
        # A phrase does not end in a past-tense verb ("force arrested", "cache consisted").
        can_end = word not in stop_words and word not in INNER_WORDS and not (len(word) > 4 and word.endswith("ed"))
        self[written] = roles = (word, can_start, ends_phrases, can_end)
        return roles


@functools.lru_cache(maxsize=16)  # one per language the texts are written in
def _word_roles(stop_words: frozenset[str], is_junk) -> _WordRoles:
    return _WordRoles(stop_words, is_junk)


@functools.lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    if any(c.isdigit() for c in word):
        return "#"
    if len(word) >= 2 and word.isalpha() and word.isupper():
        return word
    return word.lower()


def lower_words(text: str) -> frozenset[str]:
    """The words of ``text`` (as :func:`_phrases` splits it) in lower case."""
    return frozenset(map(str.lower, _WORD.findall(text)))


def phrase_words(found) -> frozenset[str]:
    """The words of the phrases ``found``."""
    return frozenset(w for phrase in found for w in phrase.split())


def _sample(rows: np.ndarray, n: int) -> np.ndarray:
    return rows if len(rows) <= n else rows[np.linspace(0, len(rows) - 1, n).astype(int)]


def _singular(word: str) -> str:
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _surface(texts: list[str], phrase: str) -> str:
    """The spelling of ``phrase`` the texts use most often."""
    between = r"\s+(?:(?-i:[A-Z])\.\s+)?"  # a name's middle initial may stand between two words
    words = phrase.split()
    # "&" may be written without spaces ("Johnson&Johnson", "AT&T").
    written = "".join(("" if i == 0 else r"\s*" if "&" in (words[i - 1], word) else between) + re.escape(word)
                      for i, word in enumerate(words))
    pattern = re.compile(r"(?<![\w-])" + written + r"(?![\w-])", re.IGNORECASE)
    found = Counter(" ".join(m.group(0).split()) for text in texts for m in pattern.finditer(text))
    return found.most_common(1)[0][0] if found else phrase


def headline_labels(
    texts: list[str],
    labels: np.ndarray,
    topic_ids: np.ndarray,
    embeddings: np.ndarray,
    topic_embeddings: np.ndarray,
    keywords: list[list[str]],
    stop_words: frozenset[str],
    is_junk,
    unit_weights=None,
    wanted=None,
    material=None,
) -> list[str]:
    """A headline label per topic (row i <-> topic_ids[i]); "" where a topic has no phrase.

    ``unit_weights``: how many corpus units each text stands for (a sample of a larger corpus); None = one.
    ``wanted``: per row, whether to label it (None = every row); the others get "". ``material``: a
    :class:`topics.modeling.text_material.TextMaterial` (made for these ``stop_words`` and ``is_junk``)
    that remembers each text's candidate phrases, :func:`lower_words`, :func:`name_tokens` (and those
    in lower case) and :func:`phrase_words`; None = found here."""
    if material is None:
        phrases, words = functools.partial(_phrases, stop_words=stop_words, is_junk=is_junk), lower_words
    else:
        phrases, words = material.phrases, material.words
    n_units = len(texts)
    weights = np.ones(n_units) if unit_weights is None else np.asarray(unit_weights, dtype=np.float64)
    corpus_rows = _sample(np.arange(n_units), CORPUS_TEXTS)
    corpus_share = weights[corpus_rows].sum() / max(weights.sum(), 1e-12)
    named_rows = [row for row in range(len(topic_ids)) if wanted is None or wanted[row]]
    # Phrases that hold one of a topic's first keywords: the label says what the keywords say.
    key_words = {row: {_singular(w) for k in keywords[row][:KEYWORDS_FOR_PHRASES] for w in k.split()} for row in named_rows}
    # Only a text holding a first keyword (or its plural) of a labelled topic can hold a candidate
    # phrase: the corpus counts of the other texts' phrases are never read, so they are not found.
    forms = set().union(*key_words.values())
    forms |= {w + "s" for w in forms}
    holders = [int(i) for i in corpus_rows if not forms.isdisjoint(words(texts[i]))]
    # The material counts the holders' phrases as term numbers: only the members' phrases are read as words.
    unit_phrases = {i: phrases(texts[i]) for i in holders} if material is None else {}
    emb = np.asarray(embeddings, dtype=np.float64)
    names = [""] * len(topic_ids)
    found_candidates = {}  # row -> (members, their phrases, how many of them hold each phrase, candidate phrases)
    for row in named_rows:
        members = _sample(np.flatnonzero(labels == topic_ids[row]), PHRASE_TEXTS)
        member_phrases = [unit_phrases.get(int(i)) or phrases(texts[i]) for i in members]
        topic_df: Counter = Counter()
        for found in member_phrases:
            topic_df.update(found)
        min_df = 2 if len(members) >= 4 else 1
        candidates = [
            p for p, n in topic_df.items() if n >= min_df and key_words[row] & {_singular(w.lower()) for w in p.split()}
        ]
        if candidates:
            found_candidates[row] = (members, member_phrases, topic_df, candidates)
    # The corpus counts are read only for the candidate phrases: only theirs are counted (in the same order).
    asked_phrases = frozenset().union(*(c for _, _, _, c in found_candidates.values()))
    if material is not None:
        corpus_df = material.held_by("phrases", [texts[i] for i in holders], weights[holders], asked_phrases)
    else:
        corpus_df = Counter()
        for i, found in unit_phrases.items():
            if weights[i] == 1.0:
                corpus_df.update(found & asked_phrases)
            else:
                for phrase in found & asked_phrases:
                    corpus_df[phrase] += weights[i]
    ranked = {}  # row -> (its phrases best first, its members' texts, its members' phrases)
    for row, (members, member_phrases, topic_df, candidates) in found_candidates.items():
        topic = topic_ids[row]
        centroid = np.asarray(topic_embeddings[row], dtype=np.float64)
        topic_size = int((labels == topic).sum())  # once per topic, not once per candidate phrase
        scored = []
        for phrase in candidates:
            coverage = topic_df[phrase] / len(members)
            # Expected corpus count from the sample; the topic's own uses are the floor.
            in_corpus = max(corpus_df.get(phrase, 0) / corpus_share, topic_df[phrase] * topic_size / len(members))
            separation = topic_df[phrase] * (topic_size / len(members)) / in_corpus
            scored.append((phrase, coverage, separation))
        # Closeness only for the most promising phrases (it needs the members' vectors).
        # Ties go to the phrase in alphabetical order: the candidates come from sets, whose order
        # follows Python's per-process string hashing, so a label would otherwise change between runs.
        scored.sort(key=lambda s: (-(s[1] * s[2]), s[0]))
        best = []
        for phrase, coverage, separation in scored[:60]:
            users = members[[phrase in found for found in member_phrases]]
            vector = emb[users].mean(axis=0)
            closeness = float(vector @ centroid / max(np.linalg.norm(vector), 1e-12))
            n_words = len(phrase.split())
            score = coverage * separation * max(closeness, 0.0) * (1 + LENGTH_BONUS * (n_words - 1))
            best.append((score, phrase, coverage))
        best.sort(key=lambda s: (-s[0], s[1]))
        member_words = [phrase_words(found) for found in member_phrases] if material is None else [
            material.phrase_words(texts[i]) for i in members
        ]
        ranked[row] = (best, [texts[i] for i in members], member_words)
    # Who is a person, and who a quoted source, is asked only of the first two words of these phrases
    # and of the keywords a label may fall back to.
    asked = {w for best, _, _ in ranked.values() for _, phrase, _ in best for w in phrase.split()[:2]}
    asked |= {k for row in ranked for k in keywords[row] if " " not in k}
    corpus_texts = [texts[i] for i in corpus_rows]
    if material is None:
        corpus_tokens, corpus_lowers = name_tokens(corpus_texts), None
    else:
        corpus_tokens, corpus_lowers = [material.tokens(t) for t in corpus_texts], [material.lowers(t) for t in corpus_texts]
    people = person_names(corpus_texts, corpus_tokens, words=asked, lowers=corpus_lowers)
    sources = quoted_sources(corpus_texts, people, corpus_tokens, corpus_lowers)
    # How the corpus uses each phrase's first word tells a verb from a noun or adjective (phrase_shape).
    read = {word for best, _, _ in ranked.values() for _, phrase, _ in best for word in words_to_read(phrase)}
    uses = word_uses(corpus_tokens, read, stop_words)
    for row, (best, member_texts, member_words) in ranked.items():
        def reads_well(phrase, texts=member_texts):
            if continued(texts, phrase, stop_words, TITLES):
                return False
            written = _surface(texts, phrase)
            if is_clause(written, uses) or ends_on_modifier(texts, written, uses, stop_words):
                return False
            # A name cut on its left is no label part, where the whole name could be one (a phrase of
            # the longest length may be the best the phrase search can give).
            return len(phrase.split()) >= MAX_PHRASE_WORDS or not preceded(texts, written, TITLES)

        label = _compose(best, keywords[row], people, member_words, sources, lambda w: not _surface(member_texts, w).islower(),
                         reads_well)
        names[row] = _cased(label, member_texts)
    return names


def _leads_with_person(phrase: str, people: frozenset[str], member_words: list[frozenset[str]], sources: frozenset[str] = frozenset()) -> bool:
    # member_words: the words of each member's phrases, one set per member.
    # The first two words: a first name the corpus never titles ("Zabihullah") still leads with "Mujahid";
    # past a particle, the word after it ("Osama bin Laden").
    words = phrase.split()
    lead = words[:3] if len(words) > 2 and words[1] in NAME_PARTICLES | NAME_PARTICLES_AFTER_NAMES else words[:2]
    named = [w for w in lead if w in people]
    if not named:
        return False
    if sources.intersection(named):
        return True
    first = named[0]
    share = np.mean([first in words for words in member_words]) if member_words else 0.0
    return share < PERSON_TOPIC_SHARE


def _compose(best: list[tuple], keywords: list[str], people: frozenset[str], member_words, sources: frozenset[str] = frozenset(),
             is_proper=lambda word: False, reads_well=lambda phrase: True) -> str:
    """The best multi-word phrase, a name leading only where the topic is about that person;
    a two-word phrase gets a second phrase or keyword that adds other words. Without a multi-word
    phrase, the two best words, but after a name the best common word ("Al-Qaeda, agreement"):
    two names ("Al-Qaeda, Washington") say who and where, not what. ``reads_well``: whether a
    phrase reads as a whole noun phrase (:mod:`topics.modeling.phrase_shape`); asked only of the
    phrases that would be used, best first, as it reads the topic's texts."""
    usable = [(s, p, c) for s, p, c in best if not _leads_with_person(p, people, member_words, sources)]
    head = next((item for item in usable if len(item[1].split()) >= 2 and reads_well(item[1])), None)
    if head is None:
        words = list(islice(_distinct_words(p for _, p, _ in usable if len(p.split()) == 1 and reads_well(p)), 3))
        if len(words) < 2:
            # Failing phrases, the keywords; a person's name leads only where the topic is about them.
            unnamed = [k for k in keywords if not _leads_with_person(k, people, member_words, sources)]
            return ", ".join(words or unnamed[:2] or keywords[:2])
        if not is_proper(words[0]):
            return ", ".join(words[:2])
        # Two names say who and where, not what: after a name, the topic's next common word.
        later = [*words[1:], *(k for k in keywords[:KEYWORDS_FOR_PHRASES + 2] if k not in words and " " not in k)]
        common = [w for w in later if not is_proper(w)]
        return ", ".join([words[0], (common or words[1:])[0]])
    head = head[1]
    # A second part names a first keyword the head leaves out ("Afghan airspace, US drones"); after a
    # name, not another name ("Yasser Arafat, Palestinian Authority" says who, not what).
    used = {_singular(w) for w in head.split()}
    missing = {_singular(w) for k in keywords[:KEYWORDS_FOR_PHRASES] for w in k.split()} - used
    named = _is_name(head, is_proper)
    for _, phrase, _ in sorted((item for item in usable[1:] if item[1] != head), key=lambda item: len(item[1].split()) < 2):
        forms = {_singular(w) for w in phrase.split()}
        if (forms & missing and not forms & used and len(head.split()) + len(phrase.split()) <= MAX_LABEL_WORDS
                and not (named and _is_name(phrase, is_proper)) and reads_well(phrase)):
            return f"{head}, {phrase}"
    return head


def _is_name(phrase: str, is_proper) -> bool:
    """A name: its last word is written capitalised, and so is every other but short particles and joining
    words ("Osama bin Laden", "bin Laden", "Court of Human Rights"; not "Al Qaeda fighters", "US president")."""
    words = phrase.split()
    return bool(words) and is_proper(words[-1]) and all(len(w) <= 3 or is_proper(w) for w in words[:-1])


def _distinct_words(words):
    """``words`` without those of an earlier one's family ("humans" after "human", "playing" after "play")."""
    from topics.text.aliases import english_stemmer

    seen = set()
    for word in words:
        stem = english_stemmer().stemWord(word.casefold())
        if stem not in seen:
            seen.add(stem)
            yield word


def _cased(label: str, texts: list[str]) -> str:
    parts = [_surface(texts, part) for part in label.split(", ") if part]
    if not parts:
        return ""
    parts[0] = parts[0][:1].upper() + parts[0][1:]
    return ", ".join(parts)
