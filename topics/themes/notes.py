"""The notes a fitted ``Themes`` gives the analyst (``Themes.notes_``): what looks wrong about the theme
file on this corpus: a theme with no evidence, keywords that never occur, names the corpus uses on
everything (speakers), two themes that say the same thing, a theme file that fits little of the corpus."""

from __future__ import annotations

# Below this share of units under any theme, the theme file is said not to fit the corpus.
LITTLE_FIT_SHARE = 0.05
# Prototypes this close say the same thing: their themes share most of their units (not all: each theme's name is
# part of what it means, and is embedded with its description).
SAME_THEME_COSINE = 0.95
# Past this many themes read as absent, one note lists them (a long file of other subjects gives one line, not hundreds).
ABSENT_LISTED_ONE_BY_ONE = 3


def theme_notes(fitted) -> list[str]:
    """What an analyst should know about this theme file on this corpus (``fitted``: a fitted
    :class:`~topics.themes.guided.Themes`)."""
    from topics.text.wording import mostly_non_latin
    from topics.themes.calibration import MIN_NULL_UNITS
    from topics.themes.evidence import MEANING_UNPROVEN_STRICT, SOFT_FIT

    notes = []
    names = fitted.theme_names_
    n_units = len(fitted.memberships_)
    if n_units < MIN_NULL_UNITS:
        # Each theme's floors come from the corpus's own units (its null): a handful cannot give one.
        notes.append(
            f"only {n_units} unit{'s' if n_units != 1 else ''}: a theme's evidence is weighed against the corpus's "
            "other units, too few here to tell it from chance; read the result as a rough guide"
        )
    under_any = float(fitted.memberships_.any(axis=1).mean())
    if under_any < LITTLE_FIT_SHARE:
        notes.append(
            f"the theme file fits little of this corpus: {under_any:.1%} of the units have evidence for any theme"
        )
    if not fitted.fits_corpus_:
        notes.append(_not_fitting_note(fitted, under_any))
    from topics.text.aliases import alias_pattern

    absent = _absent(fitted)
    one_by_one = int(absent.sum()) <= ABSENT_LISTED_ONE_BY_ONE
    if not one_by_one:
        listed = [repr(name) for name, gone in zip(names, absent) if gone]
        notes.append(
            f"{len(listed)} themes read as absent from this corpus ({', '.join(listed[:5])}{', ...' if len(listed) > 5 else ''}): "
            "it is no closer to them than to unrelated subjects, and none of their keywords occurs; only a unit closer "
            "to one of them than any unit comes to an unrelated subject is under it"
        )
    for index, theme in enumerate(fitted.themes_):
        unsought = [keyword for keyword in theme.keywords if alias_pattern(keyword) is None]
        if unsought:
            notes.append(f"theme {theme.name!r}: a keyword needs a letter or a digit to be looked for; not looked for: "
                         f"{', '.join(unsought[:5])}")
        if absent[index] and not one_by_one:
            continue
        if absent[index]:
            notes.append(
                f"theme {theme.name!r}: read as absent from this corpus (no closer to it than to unrelated subjects, "
                "and none of its keywords occurs): only a unit closer to it than any unit comes to an unrelated "
                "subject is under it"
            )
        elif fitted.fits_corpus_ and not fitted.theme_fits_[index] and (_narrow(fitted)[index] or not MEANING_UNPROVEN_STRICT):
            notes.append(f"theme {theme.name!r}: this corpus is no closer to it than to unrelated subjects")
        elif fitted.fits_corpus_ and not fitted.theme_fits_[index]:
            # What is placed must agree with what the note says: meaning alone does not place units here
            # (topics.themes.evidence.MEANING_UNPROVEN_STRICT).
            # Read softly (SOFT_FIT), the floor is beyond every decoy where the theme plainly does not stand out,
            # and short of it, by how likely it does, where the counts leave the verdict in doubt.
            how_close = ("closer to it than (or, where the counts leave that in doubt, nearly as close to it as)" if SOFT_FIT
                         else "closer to it than")
            notes.append(
                f"theme {theme.name!r}: this corpus is no closer to it in meaning than to unrelated subjects: its "
                f"keywords place units under it (and what is learned from them), meaning alone only a unit {how_close} "
                "any unit comes to an unrelated subject"
            )
        demoted = getattr(fitted, "common_capitals_", [[]] * len(names))[index]
        if demoted:
            notes.append(
                f"theme {theme.name!r}: {', '.join(demoted[:5])} {'is' if len(demoted) == 1 else 'are'} also written in "
                "lower case in this corpus: found only capitalised inside a sentence, and counted as common words, "
                "not names (only where the unit is clearly about the theme)"
            )
        if _learning(fitted)[index] and _narrow(fitted)[index]:
            notes.append(
                f"theme {theme.name!r}: read as a narrow story in a corpus about many subjects (what it would learn "
                "runs over the region around it); only units very close in meaning (above its seed floor) are under it"
            )
        if not fitted.memberships_[:, index].any() and not absent[index]:
            with_keywords = int(fitted.keyword_hits_[:, index].sum()) if fitted.lexical is not None else 0
            if with_keywords:  # "no evidence" would be wrong: its words are there, just not enough
                notes.append(
                    f"theme {theme.name!r}: no unit is under it; its keywords occur in {with_keywords} "
                    f"unit{'s' if with_keywords != 1 else ''}, none close enough to the theme for them to count"
                )
            else:
                notes.append(f"theme {theme.name!r}: no unit has evidence for it (it may not be in this corpus)")
        keywords = [alias for alias in theme.aliases if alias != theme.name]
        if fitted.lexical is not None and keywords and not fitted.keyword_hits_[:, index].any():
            notes.append(f"theme {theme.name!r}: none of its keywords occurs in the corpus ({', '.join(keywords[:5])})")
        speakers = getattr(fitted, "speaker_names_", [[]] * len(names))[index]
        if speakers:
            one = len(speakers) == 1  # "Blinken occurs ... it counts", as a note on one name reads
            notes.append(
                f"theme {theme.name!r}: {', '.join(speakers[:5])} {'occurs' if one else 'occur'} on many other subjects in "
                f"this corpus; {'it counts' if one else 'they count'} only beside a word of the theme or close to its "
                "subject (describe the theme by its subject)"
            )
        if mostly_non_latin(theme.prototype_text):
            notes.append(
                f"theme {theme.name!r} is not written in Latin letters; an English embedding model "
                "understands it poorly (add English keywords or examples, or use a multilingual model)"
            )
    language = _language_note(fitted)
    if language:
        notes.append(language)
    similar = fitted.prototypes_ @ fitted.prototypes_.T
    for first in range(len(names)):
        for second in range(first + 1, len(names)):
            first_text = fitted.themes_[first].description.casefold()
            same_description = bool(first_text) and first_text == fitted.themes_[second].description.casefold()
            if same_description or similar[first, second] >= SAME_THEME_COSINE:
                notes.append(_same_themes_note(fitted, first, second))
    if len(names) == 1:
        notes.append("one theme: each unit is under it or under none")
    return notes


def _not_fitting_note(fitted, under_any: float) -> str:
    """Most themes stand no closer to the corpus than unrelated subjects. With little placed, the file was
    written for another corpus; with more, or with themes standing out in a file enriched as a whole (placed as in
    a file that fits: :func:`topics.themes.corpus_fit.learning_regime`), its themes are narrow stories in a corpus
    about many subjects (2004 world news under "Darfur crisis", "hurricanes"), and saying the file does not fit
    would be wrong."""
    standing = [name for name, fits in zip(fitted.theme_names_, fitted.theme_fits_) if fits]
    count = f"{len(standing)} of {len(fitted.theme_names_)} themes"
    named = f" ({', '.join(repr(name) for name in standing[:5])}{', ...' if len(standing) > 5 else ''})" if standing else ""
    learning = [name for name, learns in zip(fitted.theme_names_, _learning(fitted)) if learns]
    regime = ("only units very close in meaning (above each theme's seed floor) are under a theme, keywords alone "
              "do not count, and nothing was learned from the corpus")
    if learning:  # themes that surely stand out by themselves are placed as in a file that fits (corpus_fit.learning_regime)
        quoted = [repr(name) for name in learning]
        listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
        one = len(learning) == 1
        regime = (f"{listed} stand{'s' if one else ''} out of the corpus beyond doubt (its units, or its articles pooled) "
                  f"and {'is' if one else 'are'} placed by {'its' if one else 'their'} keywords and what is learned as well; "
                  "under the other themes only units very close in meaning (above each theme's seed floor) are placed, "
                  "keywords alone do not count, and nothing was learned for them")
    if under_any < LITTLE_FIT_SHARE and not learning:
        return f"the theme file does not fit this corpus: {count}{named} are closer to it than unrelated subjects are; {regime}"
    return (f"most themes stand out little in this corpus: {count}{named} are closer to it than unrelated subjects "
            f"are, as narrow stories in a corpus about many subjects are; {regime} ({under_any:.1%} of the units "
            "are under a theme)")


def _learning(fitted):
    """(k,) bool: the themes placed as in a file that fits (:func:`topics.themes.corpus_fit.learning_regime`)."""
    import numpy as np

    regime = getattr(fitted, "learning_themes_", None)
    if regime is None:
        return np.full(len(fitted.theme_names_), bool(getattr(fitted, "fits_corpus_", False)))
    return np.asarray(regime, dtype=bool)


def _narrow(fitted):
    """(k,) bool: the themes read as narrow stories (:mod:`topics.themes.breadth`)."""
    import numpy as np

    narrow = getattr(fitted, "narrow_themes_", None)
    return np.zeros(len(fitted.theme_names_), dtype=bool) if narrow is None else np.asarray(narrow, dtype=bool)


def _absent(fitted):
    """(k,) bool: the themes read as absent from the corpus (:func:`topics.themes.corpus_fit.absent_themes`)."""
    import numpy as np

    absent = getattr(fitted, "absent_themes_", None)
    return np.zeros(len(fitted.theme_names_), dtype=bool) if absent is None else np.asarray(absent, dtype=bool)


def _same_themes_note(fitted, first: int, second: int) -> str:
    """Two themes that say nearly the same thing, and how many units they do share. Their names still differ and each
    is part of its theme (a theme of a name alone is its name): what they say apart places some units under one only.
    Merging them is the analyst's call, so both stay as written."""
    names = fitted.theme_names_
    members = fitted.memberships_
    both = int((members[:, first] & members[:, second]).sum())
    only_first = int((members[:, first] & ~members[:, second]).sum())
    only_second = int((members[:, second] & ~members[:, first]).sum())
    shared = (f"{both} unit{'s are' if both != 1 else ' is'} under both, {only_first} under {names[first]!r} only and "
              f"{only_second} under {names[second]!r} only")
    return (f"themes {names[first]!r} and {names[second]!r} say nearly the same thing: {shared} (their names differ, and "
            "a theme's name is part of what it means); merge them, or say in each description what sets it apart")


# The corpus's language is read from the start of this many of its units, spread over it.
LANGUAGE_SAMPLE_UNITS = 200


def _language_note(fitted) -> str | None:
    """A theme file written in another language than the corpus (by their function words,
    :func:`topics.text.wording.text_language`), in Latin letters too (a German file on English messages placed 7 % of
    them, on the names both languages share): its keywords are looked for as written, and the embedding model relates
    two languages poorly. Not where a theme already has its note for another script."""
    from topics.text.wording import mostly_non_latin, text_language

    if any(mostly_non_latin(theme.prototype_text) for theme in fitted.themes_):
        return None
    texts = fitted.units_["text"].tolist()
    step = max(1, len(texts) // LANGUAGE_SAMPLE_UNITS)
    corpus = text_language(texts[::step][:LANGUAGE_SAMPLE_UNITS])
    if corpus is None:
        return None
    whole = text_language([theme.prototype_text for theme in fitted.themes_], distinct=True)
    if whole is not None and whole != corpus:
        return (f"the theme file is written in {whole.capitalize()} and the corpus in {corpus.capitalize()}: its keywords "
                "are looked for as written and the embedding model relates two languages poorly: expect little to be placed, "
                "and that mostly on names both languages write alike (write the themes in the corpus's language, or use a multilingual model)")
    apart = [theme.name for theme in fitted.themes_ if (own := text_language(theme.prototype_text, distinct=True)) not in (None, corpus)]
    if not apart:
        return None
    listed = ", ".join(repr(name) for name in apart[:5]) + (", ..." if len(apart) > 5 else "")
    return (f"theme{'s' if len(apart) > 1 else ''} {listed} {'are' if len(apart) > 1 else 'is'} not written in the corpus's "
            f"language ({corpus.capitalize()}): {'their' if len(apart) > 1 else 'its'} keywords are looked for as written "
            "and the embedding model relates two languages poorly (write it in the corpus's language)")
