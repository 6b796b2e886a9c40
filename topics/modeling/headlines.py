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
covers nearly as much says more). A phrase leads over a lone word ranked above it only
where about as many of the topic's articles write it (:mod:`topics.modeling.phrase_reach`). When the best phrase has two words and a
second phrase or keyword adds other words, it follows after a comma, within
six words. A person's name leads a label only when the topic is about that
person: when the name is in at least half of the topic's units, and the
corpus does not mostly quote that person (a spokesman whose name comes with
"said" in every paragraph is a source, not the subject). A lone word that the
other topics write more often than the topic does is no label part where
another word reads, after the lead (:mod:`topics.modeling.spread_words`).

No stop word, POS tagger or model is needed beyond the stop-word lists of
:mod:`topics.modeling.describe`; everything is counted on the texts.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from itertools import islice

import numpy as np

from topics.modeling.label_parts import (
    KEYWORDS_FOR_PHRASES, MAX_LABEL_WORDS, _apart, _distinct_words, _is_name, _second_part, _singular, _written_keywords,
)
from topics.modeling.even_leads import even_lead_test, uneven_label
from topics.modeling.lead_keywords import lead_keywords
from topics.modeling.lead_share import WRITER_ARTICLES, covering, lead_key, member_writers, min_writers, told_apart
from topics.modeling.name_lead import corpus_shares, lead_candidates, led_by_name
from topics.modeling.phrase_holders import may_write
from topics.modeling.phrase_reach import corpus_wide, head_phrase, reaches, writer_phrases
# INNER_WORDS: function words allowed inside (never at the edges of) a phrase.
from topics.modeling.phrase_shape import (
    INNER_WORDS, before_a_name, capitalised_inside, continued, ends_on_modifier, ends_on_subject_verb, ends_on_verb,
    is_clause, is_participle, lower_case_words, object_of_verb, preceded, preceded_in_lower_case, word_uses, words_to_read,
)
# The person-name finder lives in its own module; its names are read from here too.
from topics.modeling.people import (  # noqa: F401
    NAME_PARTICLES, NAME_PARTICLES_AFTER_NAMES, TITLES, _NAME_TOKEN, name_tokens, person_names, quoted_sources,
)
from topics.modeling.spread_words import spread_words
from topics.modeling.usage_texts import UsageTexts
from topics.text.outlets import leaves_out

MAX_PHRASE_WORDS = 5
LENGTH_BONUS = 0.15  # per extra word
PERSON_TOPIC_SHARE = 0.5  # a name leads a label only when this share of the topic's units use it
PHRASE_TEXTS = 400  # texts per topic read for candidates (a sample on large corpora)
# Texts read, evenly spread, for how common a phrase is in the corpus and how it writes names and words
# (people, quoted sources, word uses); a topic's own texts are read apart (PHRASE_TEXTS). Past this
# many texts the counts of an even sample serve: at 10,000 units reading every text was an eighth of the
# naming's CPU, and keywords and label texts stay as they were (docs/benchmarks.md).
CORPUS_TEXTS = 5_000
_WORD = re.compile(r"\w(?:[\w'-]*\w)?|&")  # "&" joins two words of a name ("Johnson & Johnson")
# A single quote mark opening a quotation breaks a clause as a double one does: British texts quote with
# them ("threatened the residents of Mariupol with 'military tribunals'"); one inside or after a word is an
# apostrophe ("Putin's", "soldiers' families").
# A line break (a paragraph's or a line's end: a heading, a table's row) ends a clause too.
_CLAUSE_BREAK = re.compile(r"[.!?;:,()\[\]\"“”\u2014\u2013\n]|[^\S\n]-[^\S\n]|(?<![\w'‘’])['‘](?=\w)")
# A middle initial inside a name ("Lloyd J. Austin", "Joseph R. Biden Jr."): its full stop is no clause
# break, so a phrase never ends on the first name ("Defense Secretary Lloyd"). Phrases read the name
# without the initial; a label is written as the texts spell it (:func:`_surface`).
_MIDDLE_INITIAL = re.compile(r"\b([A-Z][a-z]+) [A-Z]\. (?=[A-Z][a-z])")
# A text's words and clause breaks in one scan (a break is no word character, so no word spans one).
_WORD_OR_BREAK = re.compile(f"{_WORD.pattern}|{_CLAUSE_BREAK.pattern}")
MAX_REMEMBERED_WORDS = 500_000  # the phrase search's table of word roles starts afresh past this
# A word written twice in a row ends a phrase: a table's or listing's column ("DOS DOS DOS DOS", "AX AX
# QQ") is no label, and prose repeats a word only as a name ("Bora Bora" reads as "Bora").
REPEATED_WORD_ENDS_PHRASES = True
TITLE_LEAD_WORDS = 3  # a title among a phrase's first words puts the name after it in the lead


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
        phrase, previous = "", None
        for word, _, ends_phrases, can_end in words[start : start + MAX_PHRASE_WORDS]:
            if ends_phrases or word == previous and REPEATED_WORD_ENDS_PHRASES:
                break
            phrase, previous = (f"{phrase} {word}" if phrase else word), word
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
        can_end = word not in stop_words and word not in INNER_WORDS and not is_participle(word)
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


def usage_sample(texts, aliases=None, material=None) -> UsageTexts:
    """An even sample of a corpus's texts (as many as the label rules read), cleaned as keywords read
    them: where :func:`headline_labels` reads how the corpus uses a word when it names one topic's parts (each
    word read once for all the topics named against it: :class:`topics.modeling.usage_texts.UsageTexts`)."""
    from topics.text.wording import keyword_texts

    texts = list(texts)
    return UsageTexts(keyword_texts([texts[i] for i in _sample(np.arange(len(texts)), CORPUS_TEXTS)], aliases, material))


def label_still_fits(label: str, keywords: list[str], earlier_keywords=()) -> bool:
    """Whether an earlier ``label`` still says what a topic's fresh ``keywords`` say: it holds a word (or
    its plural) of two of the first ``KEYWORDS_FOR_PHRASES`` keywords (of one, a label of one word), and no
    word of a first keyword it was named with (``earlier_keywords``) that is not among the first
    ``describe.LABEL_WINDOW`` fresh keywords any more. A fresh label need hold only one first keyword; a
    kept one is held to more, so a topic whose lead moved on is renamed ("Drone strikes, air base" once the
    keywords read "somalia, shabab, drone"; "Drone strikes, airstrikes in Somalia" once "somalia" fell to
    the sixth keyword), while a lead word one place down keeps its label."""
    from topics.modeling.describe import LABEL_WINDOW

    def words(found):
        return {_singular(w) for k in found for w in k.split()}

    label_words = {_singular(w) for w in _WORD.findall(label)}
    first = lead_keywords(list(keywords), KEYWORDS_FOR_PHRASES)[:KEYWORDS_FOR_PHRASES]  # a title aside, as labels are chosen
    held = sum(not label_words.isdisjoint(words([k])) for k in first)
    left = words(lead_keywords(list(earlier_keywords), KEYWORDS_FOR_PHRASES)[:KEYWORDS_FOR_PHRASES]) - words(keywords[:LABEL_WINDOW])
    return held >= min(2, len(label_words)) and label_words.isdisjoint(left)


def _phrase_pattern(phrase: str, possessive: bool = False) -> re.Pattern:
    """``phrase`` as texts may write it: any case, a middle initial between two words, "&" without spaces;
    ``possessive``: a possessive's "'s" (or "'" after an "s") after a word too (texts before cleaning)."""
    # "Britain's Kelly Holmes", "Papadopoulos’ efforts"; a name's middle initial may stand between two words
    # Never across a line break: no phrase spans a paragraph's or a line's end.
    between = r"(?:['’]s|(?<=s)['’])?" * possessive + r"[^\S\n]+(?:(?-i:[A-Z])\.[^\S\n]+)?"
    words = phrase.split()
    # "&" may be written without spaces ("Johnson&Johnson", "AT&T").
    written = "".join(("" if i == 0 else r"\s*" if "&" in (words[i - 1], word) else between) + re.escape(word)
                      for i, word in enumerate(words))
    return re.compile(r"(?<![\w-])" + written + r"(?![\w-])", re.IGNORECASE)


def _surface(texts: list[str], phrase: str, possessive: bool = False, missing: str | None = "") -> str | None:
    """The spelling of ``phrase`` the texts use most often (``possessive``: see :func:`_phrase_pattern`);
    ``missing`` where they never write it ("" = ``phrase`` itself)."""
    pattern, first = _phrase_pattern(phrase, possessive), phrase.split()[0] if phrase.split() else ""
    found = Counter(" ".join(m.group(0).split()) for text in may_write(texts, first, any_case=True) for m in pattern.finditer(text))
    return found.most_common(1)[0][0] if found else phrase if missing == "" else missing


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
    written=None,
    usage_texts=None,
    left_out=frozenset(),
    writers=None,
    avoid=frozenset(),
) -> list[str]:
    """A headline label per topic (row i <-> topic_ids[i]); "" where a topic has no phrase.

    ``unit_weights``: how many corpus units each text stands for (a sample of a larger corpus); None = one.
    ``wanted``: per row, whether to label it (None = every row); the others get "". ``material``: a
    :class:`topics.modeling.text_material.TextMaterial` (made for these ``stop_words`` and ``is_junk``)
    that remembers each text's candidate phrases, :func:`lower_words`, :func:`name_tokens` (and those
    in lower case) and :func:`phrase_words`; None = found here. ``written``: the texts before cleaning
    (None = ``texts``), whose spelling the labels take: cleaning drops a possessive's "'s" ("Britain's
    Kelly Holmes", not "Britain Kelly Holmes"). ``usage_texts``: the corpus's texts (:func:`usage_sample`) when
    ``texts`` are a part of it (one topic's, named into subtopics): how a word is used is read there as
    well as in ``texts``, and a phrase either reading finds a verb in is no label part (one topic may
    write "enter" twice, never after "to"; the corpus may write "sitting" mostly as "the sitting
    president", where the topic writes "shows Papadopoulos sitting"). A participle leading the phrase is
    judged by ``texts`` alone (:func:`topics.modeling.phrase_shape.is_clause`). ``left_out``: outlets' own names
    no label holds (:func:`topics.text.outlets.outlet_words`: "CBS News" of a corpus from cbsnews.com).
    ``writers``: per text, the article it is part of (None = each text its own): a candidate phrase is
    written by two articles, and only a phrase that covers a fair share of its topic leads
    (:mod:`topics.modeling.lead_share`). No two rows' labels lead with the same phrase, nor with one of
    ``avoid`` (leads given elsewhere, as :func:`topics.modeling.lead_share.lead_key` writes them)."""
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
    # A title among them aside (topics.modeling.lead_keywords): "putin, president, vladimir" say whom, not what.
    keywords = [lead_keywords(found, KEYWORDS_FOR_PHRASES) for found in keywords]
    key_words = {row: {_singular(w) for k in keywords[row][:KEYWORDS_FOR_PHRASES] for w in k.split()} for row in named_rows}
    # Only a text holding a first keyword (or its plural) of a labelled topic can hold a candidate
    # phrase: the corpus counts of the other texts' phrases are never read, so they are not found.
    forms = set().union(*key_words.values())
    forms |= {w + "s" for w in forms}
    corpus_words = [words(texts[i]) for i in corpus_rows]  # read by three rules below: looked up once
    holders = [int(i) for i, held in zip(corpus_rows, corpus_words) if not forms.isdisjoint(held)]
    # The material counts the holders' phrases as term numbers: only the members' phrases are read as words.
    unit_phrases = {i: phrases(texts[i]) for i in holders} if material is None else {}
    emb = np.asarray(embeddings, dtype=np.float64)
    names = [""] * len(topic_ids)
    found_candidates = {}  # row -> (members, their phrases, how many of them hold each phrase, candidate phrases)
    writer_shares = {}  # row -> candidate -> the share of the row's writers (articles) that write it
    by_writer = {}  # row -> the phrases of each of its writers (phrase_reach)
    for row in named_rows:
        members = _sample(np.flatnonzero(labels == topic_ids[row]), PHRASE_TEXTS)
        member_phrases = [unit_phrases.get(int(i)) or phrases(texts[i]) for i in members]
        topic_df: Counter = Counter()
        for found in member_phrases:
            topic_df.update(found)
        # A phrase one article writes names that article, not a group of several: two writers (articles,
        # not units: one long post repeats itself) wherever there are two.
        who = member_writers(members, writers)
        found_by = writer_phrases(member_phrases, who)
        held, min_df = Counter(p for found in found_by for p in found), min_writers(who)
        # Only a group of several articles is judged by how many of them write a phrase (phrase_reach).
        several = writers is None or len({writers[i] for i in members}) >= WRITER_ARTICLES
        by_writer[row] = found_by if several else None
        candidates = [
            p for p, n in held.items() if n >= min_df and key_words[row] & {_singular(w.lower()) for w in p.split()}
            and not (left_out and leaves_out(p, left_out))
        ]
        if candidates:
            found_candidates[row] = (members, member_phrases, topic_df, candidates)
            writer_shares[row] = {p: held[p] / len(set(who)) for p in candidates}  # the share of its writers
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
    separations = {}  # row -> phrase -> the share of its uses in the row's topic
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
        # A phrase leads where it covers a fair share of the articles the best-covering one does.
        scored = covering(scored, writer_shares[row])
        separations[row] = {lead_key(phrase): separation for phrase, _, separation in scored}
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
        raw = [texts[i] if written is None else str(written[i]) for i in members]
        ranked[row] = (best, [texts[i] for i in members], member_words, raw)
    # Who is a person, and who a quoted source, is asked only of the lead words of these phrases
    # (:func:`_lead_words`) and of the keywords a label may fall back to.
    asked = {w for best, _, _, _ in ranked.values() for _, phrase, _ in best for w in _lead_words(phrase)}
    asked |= {k for row in ranked for k in keywords[row] if " " not in k}
    corpus_texts = [texts[i] for i in corpus_rows]
    if material is None:
        corpus_tokens, corpus_lowers = name_tokens(corpus_texts), None
    else:
        corpus_tokens, corpus_lowers = [material.tokens(t) for t in corpus_texts], [material.lowers(t) for t in corpus_texts]
    people = person_names(corpus_texts, corpus_tokens, words=asked, lowers=corpus_lowers)
    sources = quoted_sources(corpus_texts, people, corpus_tokens, corpus_lowers)
    # How the corpus uses each phrase's first word tells a verb from a noun or adjective (phrase_shape).
    read = {word for best, _, _, _ in ranked.values() for _, phrase, _ in best for word in words_to_read(phrase)}
    # And of the keywords, which a label may fall back to.
    read |= {word for row in ranked for keyword in keywords[row] for word in words_to_read(keyword)}
    readings = [word_uses(corpus_tokens, read, stop_words)]
    if usage_texts is not None:  # the corpus's uses too: a phrase either reading finds a clause in is none
        usage = usage_texts if isinstance(usage_texts, UsageTexts) else UsageTexts(usage_texts)  # read once: usage_texts
        usage_tokens = usage.tokens(material)
        readings.append(usage.word_uses(read, stop_words, material))
    token_lists = corpus_tokens if usage_texts is None else [*corpus_tokens, *usage_tokens]
    # A lone word the other topics write more often than the row's topic names no part of it (spread_words).
    lone = {row: {p.lower() for _, p, _ in ranked[row][0] if " " not in p} | {k.lower() for k in keywords[row] if " " not in k}
            for row in ranked}
    spread = spread_words(corpus_words, labels[corpus_rows], topic_ids, lone, weights[corpus_rows])
    spelled = corpus_words if written is None else [held | words(str(written[i])) for i, held in zip(corpus_rows, corpus_words)]
    even = even_lead_test(spelled, labels[corpus_rows], topic_ids, weights[corpus_rows])  # any alias's spelling: even_leads
    leads = set().union(*(lead_candidates(best, people) for best, _, _, _ in ranked.values()))
    shares = corpus_shares(corpus_texts, words, leads) if usage_texts is None else usage.shares(words, leads)  # name_lead
    wide = corpus_wide(corpus_words, corpus_rows if writers is None else [writers[i] for i in corpus_rows])
    def composer(row):
        best, member_texts, member_words, raw_texts = ranked[row]

        @functools.lru_cache(maxsize=None)  # a row named again asks the same phrases
        def reads_well(phrase, texts=tuple(member_texts)):
            if continued(texts, phrase, stop_words, TITLES):
                return False
            written = _surface(texts, phrase)
            if any(is_clause(written, uses, lead_participle=own) or ends_on_modifier(texts, written, uses, stop_words)
                   or ends_on_subject_verb(written, uses) for uses, own in zip(readings, (True, False))) \
                    or before_a_name(texts, written, TITLES) or ends_on_verb(texts, written, stop_words) \
                    or object_of_verb(texts, written):
                return False
            # A name cut on its left is no label part, where the whole name could be one (a phrase of
            # the longest length may be the best the phrase search can give).
            return len(phrase.split()) >= MAX_PHRASE_WORDS or not (preceded(texts, written, TITLES)
                                                                   or preceded_in_lower_case(texts, written, stop_words))

        @functools.lru_cache(maxsize=None)  # the label rules ask about the same words again and again
        def is_proper(word):
            return not _surface(member_texts, word).islower()

        def compose_one(excluded):  # the row's label with no lead in ``excluded`` (lead_share.told_apart)
            kept = [item for item in best if lead_key(item[1]) not in excluded]
            found = [k for k in keywords[row] if lead_key(k) not in excluded]
            label = _compose(kept, found, people, member_words, sources, is_proper, reads_well,
                             lambda phrase: (" " not in phrase and phrase.lower() in spread[row]) or even(row, phrase),
                             lambda phrase, word: by_writer[row] is None or wide(word) or reaches(phrase, word, by_writer[row]),
                             head_spread=lambda phrase: " " not in phrase and phrase.lower() in spread[row])
            return led_by_name(label, kept, people, shares, raw_texts, is_proper, reads_well, _singular, MAX_LABEL_WORDS)
        # A lead the other groups write about as often is their common subject: the next lead (even_leads).
        return lambda excluded: uneven_label(compose_one, excluded, functools.partial(even, row), lead_key, separations[row].get)

    composers = {row: composer(row) for row in ranked}
    chosen = told_apart(list(ranked), lambda row, excluded: composers[row](excluded),
                        lambda row, lead: separations[row].get(lead, 0.0), avoid)
    for row, label in chosen.items():
        member_texts, raw_texts = ranked[row][1], ranked[row][3]
        names[row] = _cased(label, member_texts, raw_texts, functools.partial(lower_case_words, token_lists))
    return names


def _lead_words(phrase: str) -> list[str]:
    """The words of ``phrase`` that say whom it leads with: the first two; past a particle, the word after
    it ("Osama bin Laden"); after a title near the start, the name after it ("US President George Bush",
    "Microsoft chief executive Steve Ballmer"); and the rest of its first noun group, the words before a
    function word: a role before a name leads with the name ("England coach Andy Robinson"; not "Talks with
    Zabiullah Mujahid")."""
    words = phrase.split()
    lead = words[:3] if len(words) > 2 and words[1] in NAME_PARTICLES | NAME_PARTICLES_AFTER_NAMES else words[:2]
    titled = [k for k, word in enumerate(words[:TITLE_LEAD_WORDS]) if word in TITLES]
    if titled:
        lead = lead + words[titled[-1] + 1 : titled[-1] + 4]
    group = next((k for k, word in enumerate(words) if word in INNER_WORDS), len(words))
    return lead + [word for word in words[2:group] if word not in lead]


def _leads_with_person(phrase: str, people: frozenset[str], member_words: list[frozenset[str]], sources: frozenset[str] = frozenset()) -> bool:
    # member_words: the words of each member's phrases, one set per member.
    # The lead words (:func:`_lead_words`): a first name the corpus never titles ("Zabihullah") still
    # leads with "Mujahid".
    named = [w for w in _lead_words(phrase) if w in people]
    if not named:
        return False
    if sources.intersection(named):
        return True
    first = named[0]
    share = np.mean([first in words for words in member_words]) if member_words else 0.0
    return share < PERSON_TOPIC_SHARE


def _compose(best: list[tuple], keywords: list[str], people: frozenset[str], member_words, sources: frozenset[str] = frozenset(),
             is_proper=lambda word: False, reads_well=lambda phrase: True, spread=lambda phrase: False,
             reach=lambda phrase, word: True, head_spread=None) -> str:
    """The best multi-word phrase, a name leading only where the topic is about that person;
    a two-word phrase gets a second phrase or keyword that adds other words. Without a multi-word
    phrase, the two best words, but after a name the best common word ("Al-Qaeda, agreement"):
    two names ("Al-Qaeda, Washington") say who and where, not what. ``reads_well``: whether a
    phrase reads as a whole noun phrase (:mod:`topics.modeling.phrase_shape`); asked only of the
    phrases that would be used, best first, as it reads the topic's texts. ``spread``: whether a phrase is a
    lone word the corpus's other topics write more often (:mod:`topics.modeling.spread_words`): it may lead, as the
    topic's best word, but follows no lead ("Afghan allies, thousands"), nor does an even phrase (``even_leads``);
    ``head_spread``: the spread words the head is chosen by (None = ``spread``). ``reach(phrase, word)``: whether a phrase is
    written by about as many of the group's articles as the best lone word above it (``phrase_reach``), or where it names no group."""
    usable = [(s, p, c) for s, p, c in best if not _leads_with_person(p, people, member_words, sources)]
    head = head_phrase(usable, reads_well, head_spread or spread, reach)
    if head is None:
        words = list(islice(_distinct_words(p for _, p, _ in usable if len(p.split()) == 1 and reads_well(p)), 3))
        words = words[:1] + [w for w in words[1:] if not spread(w)]
        if len(words) == 1:
            # One word is no phrase: a phrase that names another first keyword follows it where the texts
            # write one, a name too (it does not lead): "Talks, Zabiullah Mujahid".
            second = _second_part(words[0], best, keywords, reads_well, is_proper)
            # Failing one, the next keyword two of its units write that reads whole ("Masks, vaccine"); a
            # keyword one unit writes names that unit ("Agreement" stays alone).
            if not second:
                def leads(keyword):
                    return _leads_with_person(keyword, people, member_words, sources)

                second = next(_written_keywords(words[0], keywords, member_words, lambda k: reads_well(k) and not spread(k),
                                                is_proper, leads), None)
            if second:
                return f"{words[0]}, {second}"
        if len(words) < 2:
            # Failing phrases, the keywords; a person's name leads only where the topic is about them, a title
            # alone says no topic ("Minister"), and keywords that read as whole noun phrases come first (not
            # "Donald" of "Donald J. Trump").
            unnamed = [k for k in keywords if not set(k.split()) <= TITLES and not _leads_with_person(k, people, member_words, sources)]
            whole = _apart(k for k in unnamed if reads_well(k))
            return ", ".join(words or whole or _apart(unnamed) or keywords[:2])
        if not is_proper(words[0]):
            return ", ".join(words[:2])
        # Two names say who and where, not what: after a name, the topic's next common word.
        later = [*words[1:], *(k for k in keywords[:KEYWORDS_FOR_PHRASES + 2] if k not in words and " " not in k)]
        common = [w for w in later if not is_proper(w) and not spread(w)]
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
                and not (named and _is_name(phrase, is_proper)) and not spread(phrase) and reads_well(phrase)):
            return f"{head}, {phrase}"
    return head


def _cased(label: str, texts: list[str], written: list[str] | None = None, lower_case=lambda words: frozenset()) -> str:
    """``label`` spelt as ``texts`` write it; as ``written`` (the texts before cleaning) write it where they
    write it at all, a possessive's "'s" included. A later part that the texts capitalise only where a
    sentence starts takes a small first letter where ``lower_case`` (first words -> those the corpus writes in
    lower case: :func:`topics.modeling.phrase_shape.lower_case_words`) says so: "Fox News, multiple excerpts"."""
    # A keyword pair the texts never write whole ("district khost" of "district, Khost province"): word by word.
    parts = [_surface(written or [], part, possessive=True, missing=None) or _surface(texts, part, missing=None)
             or " ".join(_surface(texts, word) for word in part.split()) for part in label.split(", ") if part]
    if not parts:
        return ""
    parts[0] = parts[0][:1].upper() + parts[0][1:]
    opened = {part.split()[0] for part in parts[1:] if part.split()[0][1:].islower() and part[:1].isupper()
              and not capitalised_inside([*(written or []), *texts], _phrase_pattern(part, possessive=True))}
    lowered = lower_case(opened) if opened else frozenset()
    return ", ".join(parts[:1] + [part[:1].lower() + part[1:] if part.split()[0] in lowered else part for part in parts[1:]])
