"""A common word said in passing: a paragraph's one keyword of a theme, outside the sentence that leads it.

A news paragraph says what it is about in its first sentence; a word of the theme said later, and alone,
is often a passing mention ("Unions are also worried", closing a paragraph on airport security; "a rule
forcing Labor members to belong to a union" in one on a party review). By default (``Themes(passing_mentions="auto")``),
where a paragraph's only keyword of a theme is a common word (not a name), none of its hits of it is in the
paragraph's lead sentence (run on past a sentence too short to say anything, :data:`MIN_LEAD_WORDS`), the
paragraph holds at least three sentences (:data:`MIN_SENTENCES`), and no other paragraph of its article holds a
keyword of the theme that is not itself such a mention, the keyword is no evidence for the theme: the paragraph is
placed there only on its meaning, like one without the keyword. It does not count in the theme's null either (the
units without its keywords): it does name the theme, and an on-theme unit read as passing there would lower the
theme's enrichment (:mod:`topics.themes.corpus_fit`) and with it every placement. A paragraph of one sentence leads
with its keyword wherever it is. Not for a theme the corpus is about throughout
(:func:`topics.themes.corpus_fit.about_throughout`: on ISAF releases "detained" alone is the theme).

A whole article is read by the same rule one level up (``whole_articles``): its paragraphs (split at its blank lines,
as the corpus joins them) stand for a paragraph's sentences, its lead paragraph for the lead sentence, and a second
paragraph holding the keyword for another paragraph of the article holding one. So an article's one keyword of a theme,
said in one paragraph of an article of eight paragraphs or more (:data:`MIN_PARAGRAPHS`), outside its lead and with the
lead about something else, is no evidence: "once-in-a-blue-moon" in a keyboard FAQ, "-----BEGIN PGP SIGNATURE-----"
closing an atheism FAQ, a vendor's address "Kiryat Ono, Israel" (docs/benchmarks.md: passing mentions in whole
articles).
``passing_mentions=False`` counts every keyword (docs/benchmarks.md).

Given ``lead_closeness`` (:func:`lead_elsewhere`), the lead sentence must also say the paragraph is about
something else: it is calibrated closer to another theme of the file, or less close to this one than the
corpus's typical unit. A lead on the theme without its keyword keeps the later keyword as evidence: a
business paragraph's "shares" in its second sentence, a story told after a lead that does not name it. With
the lead read so, a lone name is read like a common word (``NAMES_TOO``: "John Howard" at a union's picket).
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import pandas as pd

from topics.themes.corroboration import distinct_keywords

# A full stop closed by quotes or brackets before the next sentence ('the plan is "fair." Unions say'), which
# :func:`topics.text.wording.sentences` reads on past (it ends a sentence only right after the full stop). Not a
# question or exclamation mark: a quote ending on one is often followed by its speaker ('"Why?" Mr. Biden said.').
QUOTED_SENTENCE_END = re.compile(r"[.…][\"'”’»›)\]]+(?=\s+[\"“'‘(\[]?[A-Z0-9])")


# True: a lone keyword outside the lead is a passing mention only where the lead sentence is about something else
# (:func:`lead_elsewhere`). False: wherever the lead lacks it (the first version; docs/benchmarks.md).
LEAD_ELSEWHERE = True
# A lone keyword is said in passing only in a paragraph of at least this many sentences: its sentence is then at most
# a third of the paragraph. In one of two sentences (most AG News items: a lead, then what it means) the second is
# half of what the paragraph says, not an aside. 0: any paragraph of two or more (the rule before; docs/benchmarks.md).
MIN_SENTENCES = 3
# A whole article's one keyword of a theme is said in passing only in an article of at least this many paragraphs. A
# reply of a few short paragraphs is often about its one keyword ("the BATF doing the raiding"), said after a lead
# that answers someone. Read on 20 Newsgroups at article level (docs/benchmarks.md).
MIN_PARAGRAPHS = 8
# A lead sentence of fewer words than this says nothing of what its paragraph is about (a teaser, a question, a
# greeting, a dateline: "How does he like lobster?", "Reuters - Giddiness."): the lead runs on into the sentences after
# it until it holds this many. A news paragraph's first sentence says who did what in more.
MIN_LEAD_WORDS = 8
# True: with the lead read so, a lone name ("John Howard" at a picket, "Labor" of a state MP) is read like a common
# word. False: a name is never a passing mention.
NAMES_TOO = True


_WORD = re.compile(r"\w+")  # a word, as :data:`MIN_LEAD_WORDS` counts them

# A company's abbreviation, whose full stop :func:`topics.text.wording.sentences` ends a sentence at before a
# capital ("Colgate-Palmolive Co. CL.N will cut 4,400 jobs"): the lead runs on to the next full stop.
COMPANY_ABBREVIATION = re.compile(r"\b(?:Co|Corp|Inc|Ltd|Plc|Bros)\.$")


def lead_sentences(texts: Sequence[str]) -> list[str]:
    """Each text's first sentence (:func:`topics.text.wording.sentences`, run on past a company's abbreviation,
    :data:`COMPANY_ABBREVIATION`, and ended by a closing quote or bracket, :data:`QUOTED_SENTENCE_END`; the text
    itself when it has one)."""
    from topics.text.wording import sentences

    leads = []
    for text in texts:
        found = sentences(text)
        lead = found[0] if found else str(text)
        for following in found[1:]:
            if not COMPANY_ABBREVIATION.search(lead.rstrip()):
                break
            lead = f"{lead.rstrip()} {following}"
        quoted = QUOTED_SENTENCE_END.search(lead)
        leads.append(lead[:quoted.end()] if quoted else lead)
    return leads


def lead_passages(texts: Sequence[str], min_words: int | None = None) -> list[str]:
    """Each text's lead sentence (:func:`lead_sentences`), run on into the sentences after it until it holds
    ``min_words`` words (None: :data:`MIN_LEAD_WORDS`) or the text ends: what the paragraph first says."""
    from topics.text.wording import sentences

    min_words = MIN_LEAD_WORDS if min_words is None else min_words
    passages = []
    for text, lead in zip(texts, lead_sentences(texts)):
        text = str(text)
        if _word_count(lead) < min_words and lead and lead in text:
            for following in sentences(text[text.find(lead) + len(lead):]):
                lead = f"{lead.rstrip()} {following.strip()}"
                if _word_count(lead) >= min_words:
                    break
        passages.append(lead)
    return passages


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


# An article's paragraphs: where the corpus joined them (a blank line between two).
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def article_paragraphs(text: str) -> list[str]:
    """A whole article's paragraphs (split at blank lines; the text itself when it has none)."""
    found = [part.strip() for part in PARAGRAPH_BREAK.split(str(text)) if part.strip()]
    return found or [str(text)]


def lead_paragraphs(texts: Sequence[str], min_words: int | None = None) -> list[str]:
    """Each whole article's lead: its first paragraph, run on into the next ones until it holds ``min_words`` words
    (None: :data:`MIN_LEAD_WORDS`), as :func:`lead_passages` runs a lead sentence on."""
    min_words = MIN_LEAD_WORDS if min_words is None else min_words
    leads = []
    for text in texts:
        paragraphs = article_paragraphs(text)
        taken = 1
        while taken < len(paragraphs) and _word_count(" ".join(paragraphs[:taken])) < min_words:
            taken += 1
        leads.append("\n\n".join(paragraphs[:taken]))
    return leads


def passing_mentions(texts, alias_hits, alias_columns, alias_within, named, aliases, capitals=(), articles=None,
                     lead_closeness=None, whole_articles: bool = False) -> np.ndarray:
    """(n, k) bool: units whose only keyword of theme k is a common word (``named``: per alias column, a name
    here) found nowhere in their lead sentence; with ``lead_closeness`` (and :data:`NAMES_TOO`) a name too, and
    only where the lead is about something else (:func:`lead_elsewhere`). ``alias_hits``: (n, m) all columns; ``alias_columns``: per
    theme its columns; ``alias_within``: per theme :func:`topics.themes.corroboration.keyword_within`;
    ``aliases`` and ``capitals``: for finding the keywords in the lead sentences as in the whole texts;
    ``articles``: each unit's article, whose other units' keywords back it; ``lead_closeness``: a function of
    lead sentences giving their calibrated closeness to each theme (:func:`lead_elsewhere`), or None;
    ``whole_articles``: the texts are whole articles, read one level up (paragraphs for sentences, the lead paragraph
    for the lead sentence, the keyword in a second paragraph as backing; ``articles`` unused)."""
    from topics.text import aliases as lex

    alias_hits = np.asarray(alias_hits, dtype=bool)
    passing = np.zeros((alias_hits.shape[0], len(alias_columns)), dtype=bool)
    if not alias_hits.size:
        return passing
    leads = lead_paragraphs(texts) if whole_articles else lead_passages(texts)
    lead = lex.alias_hits(leads, aliases, capitals)
    leads_read = lead_closeness is not None and LEAD_ELSEWHERE
    named = np.zeros(alias_hits.shape[1], dtype=bool) if leads_read and NAMES_TOO else np.asarray(named, dtype=bool)
    for theme, columns in enumerate(alias_columns):
        if not columns:
            continue
        hits = alias_hits[:, columns]
        alone = distinct_keywords(hits, alias_within[theme]) == 1
        common_only = hits.any(axis=1) & ~(hits & named[columns]).any(axis=1)
        passing[:, theme] = alone & common_only & ~(hits & lead[:, columns]).any(axis=1)
    if whole_articles:
        passing &= (np.array([len(article_paragraphs(text)) for text in texts]) >= MIN_PARAGRAPHS)[:, None]
        passing &= ~_said_again(texts, passing, alias_columns, aliases, capitals)
    else:
        passing &= (sentence_counts(texts) >= MIN_SENTENCES)[:, None]  # read like the lead: quotes, abbreviations
    if leads_read:
        passing &= lead_elsewhere(leads, passing, lead_closeness)
    if articles is not None:
        passing &= ~_article_support(alias_hits, alias_columns, passing, articles)
    return passing


def _said_again(texts, candidates, alias_columns, aliases, capitals=()) -> np.ndarray:
    """(n, k) bool: of the ``candidates`` (whole articles), those holding a keyword of theme k in two paragraphs or
    more. Only the candidates' paragraphs are read."""
    from topics.text import aliases as lex

    again = np.zeros_like(candidates, dtype=bool)
    for row in np.flatnonzero(candidates.any(axis=1)):
        paragraphs = article_paragraphs(texts[row])
        hits = lex.alias_hits(paragraphs, aliases, capitals)
        for theme in np.flatnonzero(candidates[row]):
            again[row, theme] = hits[:, alias_columns[theme]].any(axis=1).sum() >= 2
    return again


def sentence_counts(texts: Sequence[str]) -> np.ndarray:
    """(n,) how many sentences each text holds: its lead (:func:`lead_sentences`, so a company's abbreviation does
    not end one and a closing quote does) and those after it (:func:`topics.text.wording.sentences`)."""
    from topics.text.wording import sentences

    counts = []
    for text, lead in zip(texts, lead_sentences(texts)):
        text = str(text)
        rest = text[text.find(lead) + len(lead):] if lead and lead in text else ""
        counts.append((1 if lead.strip() else 0) + len(sentences(rest)))
    return np.array(counts, dtype=np.int64)


def lead_elsewhere(leads: Sequence[str], candidates: np.ndarray, lead_closeness) -> np.ndarray:
    """(n, k) bool: of the ``candidates``, the units whose lead sentence is about something other than theme k:
    ``lead_closeness(sentences)`` ((s, k) calibrated closeness, z against the units' null) puts it closer to
    another theme of the file, or below the null's centre (less close than the typical unit). Only the
    candidates' leads are read."""
    elsewhere = np.zeros_like(candidates, dtype=bool)
    rows = np.flatnonzero(candidates.any(axis=1))
    if not len(rows):
        return elsewhere
    z = np.asarray(lead_closeness([leads[row] for row in rows]), dtype=np.float64)
    elsewhere[rows] = (z < z.max(axis=1, keepdims=True)) | (z < 0.0)
    return elsewhere & candidates


def _article_support(alias_hits, alias_columns, passing, articles) -> np.ndarray:
    """(n, k) bool: another unit of the same article holds a keyword of the theme that is not a passing mention."""
    holds = np.column_stack([alias_hits[:, columns].any(axis=1) for columns in alias_columns]) & ~passing
    codes = pd.factorize(pd.Series(articles))[0]
    per_article = np.zeros((codes.max() + 1, holds.shape[1]), dtype=np.int64)
    np.add.at(per_article, codes, holds.astype(np.int64))
    return (per_article[codes] - holds) > 0
