"""The lexical step of :class:`topics.themes.guided.Themes`: each theme's keywords with the corpus's
spellings of them, where they occur outside the sentences the corpus repeats, and which occurrences
count (the theme's own name; other names near its subject; a speaker's name only with subject
evidence of its own, :mod:`topics.themes.speakers`). Mixed into ``Themes``, whose fitted attributes
(``aliases_``, ``keyword_hits_``, ``name_hits_``, ``template_sentences_``) it sets.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from topics.text.wording import template_sentences
from topics.themes.corroboration import keyword_within

# True: a one-word common keyword also finds the corpus words of its family, by their stem ("withdrawal"
# finds "withdraw"; :func:`topics.text.aliases.word_family`). Measured, not adopted: NYT paragraphs recall
# +0.05, but precision fell on four other labelled checks (docs/benchmarks.md). False: a keyword's own
# forms only (plural, verb endings).
WORD_FAMILIES = False
# True: a capitalised keyword the corpus also writes in lower case ("Labor" beside "the labour market",
# "Parliament", "Opposition") is found only capitalised inside a sentence and counts as a common word
# (:func:`topics.text.aliases.common_capitals`). False: every capitalised keyword is a name, in any case.
COMMON_CAPITALS = True


class ThemeKeywords:
    """Where each theme's keywords occur in the units, and which occurrences count as evidence."""

    def _lexical_fit(self, texts: Sequence[str]) -> None:
        """Each theme's aliases plus the corpus's spelling variants of them, and where they occur."""
        from topics.text import aliases as lex

        vocabulary = lex.capitalised_vocabulary(texts) if self.lexical == "aliases" else {}
        words = lex.corpus_words(texts) if self.lexical == "aliases" and WORD_FAMILIES else set()
        mined = _mined_alias_groups(texts) if self.lexical == "aliases" else []
        folded = [text.casefold() for text in texts] if COMMON_CAPITALS and self.lexical == "aliases" else []
        self.aliases_, self._alias_columns, self._own_names, self._alias_within = [], [], set(), []
        self._title_columns = set()  # the theme named itself, where that is no common word (names_theme)
        self._capital_columns, self._common_columns, self.common_capitals_ = set(), set(), []
        for theme in self.themes_:
            spellings, own, capitalised, common, titled = list(theme.aliases), set(), set(), set(), set()
            origin = dict(zip(theme.aliases, theme.aliases))  # each spelling's declared alias: one keyword
            for alias in theme.aliases:
                variants = lex.corpus_variants(alias, vocabulary) + lex.derived_names(alias, vocabulary)
                variants += lex.mined_spellings(alias, mined)
                variants += lex.word_family(alias, words) if words else []
                named_theme = lex.alias_key(alias) == lex.alias_key(theme.name)
                if named_theme:  # the theme's own name, as the corpus spells it
                    own.update([alias, *variants])
                if self.lexical == "aliases" and names_theme(alias, variants, theme.name, texts, folded or None):
                    titled.update([alias, *variants])
                if COMMON_CAPITALS and self.lexical == "aliases" and not named_theme:
                    # A spelling the corpus also writes in lower case as a word of its own ("Labour": "the labour
                    # market"; "Parliament": "India's parliament") is found only capitalised inside a sentence. Where
                    # the keyword as written is such a word ("Parliament", "Opposition"; not "Labor", whose lower-case
                    # use is the other spelling's) it is a common word with all its spellings, not a name: another
                    # country's Parliament is one too. (Not the theme's own name: its capital is the title's, and its
                    # lower-case use, "cricket" under "Cricket", is the subject itself.)
                    lower = [spelling for spelling in (alias, *variants) if lex.common_capitals(texts, [spelling], folded)]
                    capitalised.update(lower)
                    if alias in lower:
                        common.update([alias, *variants])
                spellings += variants
                origin.update((variant, origin.get(variant, alias)) for variant in variants)
            spellings = list(dict.fromkeys(spellings))
            self._alias_within.append(keyword_within(spellings, [origin[spelling] for spelling in spellings]))
            self._own_names.update(len(self.aliases_) + i for i, spelling in enumerate(spellings) if spelling in own)
            self._capital_columns.update(len(self.aliases_) + i for i, spelling in enumerate(spellings) if spelling in capitalised)
            self._common_columns.update(len(self.aliases_) + i for i, spelling in enumerate(spellings) if spelling in common)
            self._title_columns.update(len(self.aliases_) + i for i, spelling in enumerate(spellings) if spelling in titled)
            self.common_capitals_.append([alias for alias in theme.aliases if alias in common])
            self._alias_columns.append(list(range(len(self.aliases_), len(self.aliases_) + len(spellings))))
            self.aliases_ += spellings
        # Sentences the corpus repeats (press-release formulas: "No civilians were harmed in the
        # operation.") say nothing about the unit that carries them: no keyword evidence there.
        self.template_sentences_ = template_sentences(texts)
        texts = without_templates(texts, self.template_sentences_)
        self._alias_hits = lex.alias_hits(texts, self.aliases_, self._capital_columns)
        self.keyword_hits_ = self._theme_hits(texts, self._alias_hits)
        self.name_hits_ = self._theme_hits(texts, self._alias_hits, "names")
        self._word_hits = self._theme_hits(texts, self._alias_hits, "words")
        self._own_name_hits = self._theme_hits(texts, self._alias_hits, "own")

    def _theme_hits(self, texts: Sequence[str], alias_hits: np.ndarray, kind: str = "all") -> np.ndarray:
        """(n, n_themes) bool: does any keyword of the theme occur in the unit; ``kind`` "names": any
        name, "words": any common word, "own": the theme's own name (a name, in the corpus's spellings)."""
        from topics.text import aliases as lex

        if self.lexical is None:
            return np.zeros((len(texts), len(self.themes_)), dtype=bool)
        if self.lexical == "bm25":
            if kind != "all":
                return np.zeros((len(texts), len(self.themes_)), dtype=bool)
            return lex.bm25_evidence(texts, [theme.aliases for theme in self.themes_]) > 0
        wanted = {
            "all": lambda c: True, "names": self._named,
            "words": lambda c: not self._named(c),
            "own": lambda c: c in self._own_names and self._named(c),
            "title": lambda c: c in getattr(self, "_title_columns", ()),
            "speakers": lambda c: c in self._speaker_columns,
            "subject names": lambda c: self._named(c) and c not in self._speaker_columns,
        }[kind]
        columns_of = [[c for c in columns if wanted(c)] for columns in self._alias_columns]
        return np.column_stack(
            [alias_hits[:, columns].any(axis=1) if columns else np.zeros(len(texts), dtype=bool) for columns in columns_of]
        )

    def _named(self, column: int) -> bool:
        """Is alias column ``column`` a name here: capitalised in the theme file (or an acronym) and not a
        word the corpus also writes in lower case (:func:`topics.text.aliases.common_capitals`)."""
        from topics.text import aliases as lex

        return lex.is_name(self.aliases_[column]) and column not in getattr(self, "_common_columns", ())

    def _theme_kinds(self):
        """(k,) who / what per theme (:func:`topics.themes.evidence.theme_kinds`), its declared keywords read as here."""
        from topics.themes.evidence import theme_kinds

        if self.lexical != "aliases":
            return theme_kinds([theme.aliases for theme in self.themes_])
        # A theme's declared aliases are the first of its columns, in order.
        return theme_kinds([theme.aliases for theme in self.themes_],
                           [[self._named(c) for c in columns[: len(theme.aliases)]] for theme, columns in zip(self.themes_, self._alias_columns)])

    def _about_hits(self, keyword_hits, name_hits, speaker_hits, word_hits, own_name_hits, subject_similarity):
        """(keyword hits, name hits, speaker masks) that count: the theme's own name (it is the subject), the
        other names near the subject (:func:`topics.themes.evidence.names_near_subject`), and a speaker's name
        only where the unit has subject evidence of its own (:mod:`topics.themes.speakers`); the masks: units
        whose only word for the theme is a speaker's name (``speaker_only``), or a speaker's name that does not
        count (``speaker_muted``, :func:`topics.themes.speakers.muted`)."""
        from topics.themes.evidence import names_near_subject
        from topics.themes.speakers import muted, speaker_context

        if self.lexical != "aliases":
            return keyword_hits, name_hits | speaker_hits, {}
        near = lambda hits: names_near_subject(hits, subject_similarity, self.subject_centre_, self.subject_spread_)
        subject_z = (subject_similarity - self.subject_centre_) / self.subject_spread_
        others = own_name_hits | near(name_hits)
        speaking = near(speaker_hits) & speaker_context(word_hits, subject_z)
        masks = {"speaker_only": speaking & ~others & ~word_hits, "speaker_muted": muted(speaker_hits, speaking, others | word_hits)}
        return word_hits | others | speaking, others | speaking, masks

    def _speakers(self, similarity) -> set[int]:
        """The alias columns that name a speaker of their theme, not its subject (:mod:`topics.themes.speakers`)."""
        from topics.themes import speakers
        from topics.themes.calibration import calibrate

        if self.lexical != "aliases":
            return set()
        centre, spread = calibrate(similarity, self.keyword_hits_)
        independent = speakers.independent_evidence(
            (similarity - centre) / spread, self._word_hits, self._own_name_hits, self.z_seed, self.z_keyword
        )
        names = {c for c in range(len(self.aliases_)) if self._named(c) and c not in self._own_names}
        return speakers.speaker_columns(self._alias_hits, self._alias_columns, names, independent)

    def _aliases_found(self, index: int, members: np.ndarray) -> dict[str, int]:
        columns = self._alias_columns[index]
        counts = self._alias_hits[np.ix_(members, columns)].sum(axis=0) if len(members) else np.zeros(len(columns))
        return {self.aliases_[c]: int(n) for c, n in zip(columns, counts) if n}


def names_theme(alias: str, variants, name: str, texts: Sequence[str], folded=None) -> bool:
    """Does the keyword ``alias`` (with its corpus spellings ``variants``) name its theme ``name`` itself: the name,
    or a name the theme's name holds ("Six Nations" in "Six Nations rugby")? Only where it is a name the corpus does
    not also write in lower case (:func:`topics.text.aliases.common_capitals`): a common word or phrase has senses of
    its own and is said in passing, in lists ("a theme named "World" or "Business"; "games for mobile phones and
    handheld consoles" under "Mobile phones")."""
    from topics.text import aliases as lex

    words, named = _words(alias), _words(name)
    own = lex.alias_key(alias) == lex.alias_key(name)
    held = any(named[i : i + len(words)] == words for i in range(len(named))) if words else False
    # A name the theme's name holds is one as a whole ("Six Nations", "Iraq"): a keyword that only opens with one
    # ("Afghan forces" in "attacks on Afghan forces and civilians") is the theme's subject, not its name.
    held = held and all(part[:1].isupper() or part[:1].isdigit() for part in re.findall(r"[^\W_]+", alias))
    return (own or held) and lex.is_name(alias) and not lex.common_capitals(texts, [alias, *variants], folded)


def _words(text: str) -> list[str]:
    return [word.casefold() for word in re.findall(r"[^\W_]+", text)]


def without_templates(texts: Sequence[str], templates: frozenset[str]) -> list[str]:
    """The texts without the sentences the corpus repeats (``Themes.template_sentences_``); a whole article keeps
    its paragraphs apart (:func:`topics.themes.salience.article_paragraphs` reads them)."""
    from topics.text.wording import drop_sentences
    from topics.themes.salience import article_paragraphs

    if not templates:
        return list(texts)
    return ["\n\n".join(kept for kept in (drop_sentences(part, templates) for part in article_paragraphs(text)) if kept.strip())
            for text in texts]


def _mined_alias_groups(texts: Sequence[str]):
    """The names the corpus itself says are one (topics.text.alias_mining), for the themes' keywords."""
    from topics.text.alias_mining import mine_aliases

    return mine_aliases(list(texts)).groups

