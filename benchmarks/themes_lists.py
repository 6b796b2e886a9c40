"""Guided themes, measured: a theme's keyword held only as one item of a list, or in a dated timeline line.

On the Daily Mirror's war stories most false placements rest on a declared theme's keyword said in passing: "Mariupol"
in a list of cities or corridors, "Javelins, Stingers and NLAWs". The variant reads, per unit and theme, whether every
occurrence of the theme's keywords lies inside an enumeration (three or more short items with commas between them and
"and"/"or" before the last, each item at most ``MAX_ITEM_WORDS`` words; the first item's reach no longer than the
longest other item) or in a line that opens with a date-like lead ("March 16:", "16 March -": a short lead holding a
number, then a colon or dash). Such a keyword is then read as a passing mention (as :mod:`topics.themes.asides`): it
seeds nothing by itself; the unit may still be placed on its meaning. Shape only, no word list.

Run: ``python -m benchmarks.themes_lists [--show] [--one-keyword] benchmarks.themes_heldout <corpus> --themes ... --labels ...`` (or
``benchmarks.themes_abc``, ``benchmarks.themes_check --only ...``); ``--show`` prints each fit's count of list-only
(unit, theme) pairs to stderr; ``--one-keyword``: only where the unit holds one distinct keyword of the theme (a list of
two or more of its keywords names the theme's own members: "Russia, China and Iran" under regional powers). ``--count <corpus> <themes.toml> <labels.csv> <memberships.pkl or ->``: the labelled units'
list-only pairs, with whether they were placed and read as right. docs/benchmarks.md, "Daily Mirror stories".
"""

from __future__ import annotations

import re
import sys
from typing import Sequence

import numpy as np

from benchmarks.run import run_with_variant

_OPTIONS: dict = {"show": False, "one_keyword": False}
# An item of a list of names, places or things: a few words ("Kharkiv", "the Azovstal steel plant").
MAX_ITEM_WORDS = 4
_WORD = r"[^\W_][\w'\u2019\-]*"
_ITEM = rf"{_WORD}(?:[ \t]+{_WORD}){{0,{MAX_ITEM_WORDS - 1}}}"
# item, item(, item)*,? and|or item: at least three items; no sentence mark inside.
_LIST = re.compile(rf"({_ITEM})((?:,[ \t]+{_ITEM}){{1,}}),?[ \t]+(?:and|or)[ \t]+({_ITEM})")
# A line (or the text) that opens with a short lead holding a number, then a colon or dash: "March 16:", "9 May -".
_TIMELINE = re.compile(r"(?m)^[ \t]*(?=[^\n:]{0,20}\d)[^\W_][\w.,' \t]{0,20}[ \t]*(?::|[\u2013\u2014-][ \t])[^\n]*")


def list_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each list item and each dated timeline line of ``text``."""
    spans = [(found.start(), found.end()) for found in _TIMELINE.finditer(text)]
    for found in _LIST.finditer(text):
        middle = [(found.start(2) + m.start(), found.start(2) + m.end()) for m in re.finditer(_ITEM, found.group(2))]
        if len({text[a].isupper() for a, _ in middle + [(found.start(3), 0)]}) > 1:
            continue  # items of one kind open alike: all names, or all common words ("stations, Chernobyl was ... and requires")
        longest = max(len(text[a:b].split()) for a, b in middle)
        # The first and last items reach no further than the longest item between them: parallel items.
        first = list(re.finditer(r"\S+", found.group(1)))[-longest:]
        last = list(re.finditer(r"\S+", found.group(3)))[:longest]
        spans.append((found.start(1) + first[0].start(), found.end(1)))
        spans.extend(middle)
        spans.append((found.start(3), found.start(3) + last[-1].end()))
    return spans


def list_only(texts: Sequence[str], alias_hits, alias_columns, aliases, capitals=()) -> np.ndarray:
    """(n, k) bool: units holding a keyword of theme k, every occurrence of which lies inside a list item or a
    timeline line."""
    from topics.text.aliases import alias_pattern

    alias_hits = np.asarray(alias_hits, dtype=bool)
    only = np.zeros((len(texts), len(alias_columns)), dtype=bool)
    capitals = set(capitals)
    for row in np.flatnonzero(alias_hits.any(axis=1)):
        text = str(texts[row])
        spans = list_spans(text)
        if not spans:
            continue
        for theme, columns in enumerate(alias_columns):
            held = [c for c in columns if alias_hits[row, c]]
            if not held:
                continue
            starts = [m for c in held for m in (alias_pattern(aliases[c], loose=True, capitals=c in capitals) or re.compile("(?!)")).finditer(text)]
            only[row, theme] = bool(starts) and all(any(a <= m.start() and m.end() <= b for a, b in spans) for m in starts)
    return only


def install() -> None:
    from topics.themes import guided

    passing = guided.Themes._passing

    def passing_or_listed(self, texts, alias_hits, units, similarity=None, decoy_similarity=None):
        mask = passing(self, texts, alias_hits, units, similarity, decoy_similarity)
        if self.lexical != "aliases":
            return mask
        listed = list_only(texts, alias_hits, self._alias_columns, self.aliases_, getattr(self, "_capital_columns", ()))
        if _OPTIONS["one_keyword"]:  # a list naming two or more of the theme's keywords lists the theme's own members
            from topics.themes.corroboration import distinct_keywords

            held = np.asarray(alias_hits, dtype=bool)
            for theme, (columns, within) in enumerate(zip(self._alias_columns, self._alias_within)):
                if columns:
                    listed[:, theme] &= distinct_keywords(held[:, columns], within) == 1
        if _OPTIONS["show"]:
            print(f"list-only (unit, theme) pairs: {int(listed.sum())}, new {int((listed & ~mask).sum())}", file=sys.stderr)
        return mask | listed

    guided.Themes._passing = passing_or_listed


def count(corpus_path: str, themes_path: str, labels_path: str, fit_path: str) -> None:
    """Print the labelled units' list-only pairs: unit, theme, placed before, read about it, the item's text."""
    import pickle

    import pandas as pd

    from topics.ingest.corpus import load_corpus
    from topics.themes.guided import Themes

    units = load_corpus(corpus_path).units("paragraph")
    texts = units["text"].tolist()
    themes = Themes(themes_path)
    from topics.themes.themefile import load_themes

    themes.themes_ = load_themes(themes.themes)
    themes._lexical_fit(texts)
    listed = list_only(texts, themes._alias_hits, themes._alias_columns, themes.aliases_, getattr(themes, "_capital_columns", ()))
    fit = pickle.load(open(fit_path, "rb")) if fit_path != "-" else {"names": [theme.name for theme in themes.themes_], "m": None}
    at = {unit: i for i, unit in enumerate(fit.get("ids", []))}
    labels = pd.read_csv(labels_path, keep_default_na=False)
    about = dict(zip(labels["unit_id"], labels["themes"].map(lambda s: set(filter(None, s.split(";"))))))
    tally = {"right": 0, "wrong": 0, "not placed": 0}  # right/wrong: placed, or (no fit given) read so
    for row in np.flatnonzero(listed.any(axis=1)):
        unit = units["unit_id"].iloc[row]
        if unit not in about:
            continue
        for theme in np.flatnonzero(listed[row]):
            name = fit["names"][theme]
            placed = None if fit["m"] is None else bool(fit["m"][at[unit], theme])
            right = name in about[unit]
            tally["not placed" if placed is False else "right" if right else "wrong"] += 1
            print(f"{unit}\t{name}\tplaced={placed}\tabout={right}\t{texts[row][:300]!r}")
    print(f"all units: {int(listed.sum())} list-only pairs; labelled: {tally}")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--count"]:
        count(*argv[1:5])
        return 0
    return run_with_variant(argv, install, __doc__, _OPTIONS, {"--show": None, "--one-keyword": None})


if __name__ == "__main__":
    raise SystemExit(main())
