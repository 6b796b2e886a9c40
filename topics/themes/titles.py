"""A unit's headline, read as its lead: guided themes read an article's title with its text.

A headline says what its article is about more surely than any sentence of it: "Red Sox stumble ... to Series
lead" over a text that reads only "So much for the Curse of the Bambino". Where the units have a ``title``, a
whole article (a unit without a ``position``) is read with its title before its text, as its lead sentence:
its words are keywords of the article said in its lead (never a passing mention,
:mod:`topics.themes.salience`), the title is one of its sentences (:mod:`topics.themes.sentences`), and its
vector is mixed into the article's (:data:`TITLE_WEIGHT`). At paragraph level the title is read the same way
as the lead of the article's first paragraph (:data:`PARAGRAPH_TITLES`). A title that is only the text's own
first line (ingest gives plain files such titles) is read once, as the text.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np
import pandas as pd

# The title vector's weight beside the unit's own, in sentences of its article: the title is read as one more sentence
# of the article (1.0), its weight 1 / the article's sentences. A headline over a one-sentence item weighs as much as
# the item; over a long message, or beside one paragraph of a long article, it is one sentence among many (at a fixed
# equal weight, 20 Newsgroups' subject lines, shared by a thread's replies, drew other groups' messages to PC
# hardware: docs/benchmarks.md). 0.0: the vectors as given.
TITLE_WEIGHT = 1.0
# At paragraph level: "lead", the title is read with the article's first paragraph; None, not read.
PARAGRAPH_TITLES = "lead"
# True: titles are read (False: the units' text alone, as before titles were read).
READ_TITLES = True

_SPACE = re.compile(r"\s+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


def unit_titles(units: pd.DataFrame) -> list[str | None]:
    """Each unit's title to read with it, or None: no ``title`` column, an empty title, a paragraph that does not
    lead its article, or a title the text itself begins with (it is read there already)."""
    if not READ_TITLES or "title" not in units.columns or not len(units):
        return [None] * len(units)
    paragraphs = "position" in units.columns
    if paragraphs and PARAGRAPH_TITLES != "lead":
        return [None] * len(units)
    leads = np.ones(len(units), dtype=bool)
    if paragraphs:
        if "article_id" not in units.columns:
            return [None] * len(units)
        position = pd.to_numeric(units["position"], errors="coerce")
        first = position.groupby(units["article_id"].to_numpy()).transform("min")
        leads = (position == first).to_numpy()
    titles = []
    for title, text, lead in zip(units["title"].tolist(), units["text"].tolist(), leads):
        title = title.strip() if isinstance(title, str) else ""
        titles.append(title if lead and _words(title) and not _begins(_words(str(text)), _words(title)) else None)
    return titles


def titled_texts(texts: Sequence[str], titles: Sequence[str | None]) -> list[str]:
    """Each text with its title before it as its first sentence (a full stop added where it has no sentence end)."""
    return [str(text) if title is None else f"{title}{'' if _SENTENCE_END.search(title) else '.'} {text}"
            for text, title in zip(texts, titles)]


def titled_vectors(units: pd.DataFrame, vectors: np.ndarray, titles: Sequence[str | None], embedder) -> np.ndarray:
    """(n, dim) float64: each unit's vector plus its title's, weighted :data:`TITLE_WEIGHT` over the sentences of its
    article (the title read as one more sentence of the article), at length 1 again (the titles embedded with the
    units' ``embedder``); the vectors as given where a unit has no title."""
    vectors = np.array(vectors, dtype=np.float64)
    rows = [index for index, title in enumerate(titles) if title is not None]
    if not rows or TITLE_WEIGHT <= 0.0 or embedder is None:
        return vectors
    title_vectors = np.asarray(embedder.encode([titles[index] for index in rows]), dtype=np.float64)
    mixed = vectors[rows] + (TITLE_WEIGHT / article_sentences(units)[rows])[:, None] * title_vectors
    norms = np.linalg.norm(mixed, axis=1, keepdims=True)
    vectors[rows] = mixed / np.where(norms > 0, norms, 1.0)
    return vectors


def article_sentences(units: pd.DataFrame) -> np.ndarray:
    """(n,) how many sentences each unit's article holds (a paragraph's: all its article's paragraphs')."""
    from topics.themes.sentences import unit_sentences

    counts = pd.Series([len(parts) for parts in unit_sentences(units["text"].tolist())], dtype=float)
    if "position" in units.columns and "article_id" in units.columns:
        counts = counts.groupby(units["article_id"].to_numpy()).transform("sum")
    return counts.to_numpy()


def _begins(text: str, title: str) -> bool:
    """Whether ``text`` begins with ``title``, as whole words."""
    return text.startswith(title) and (len(text) == len(title) or not text[len(title)].isalnum())


def _words(text: str) -> str:
    """``text`` as compared with another: case-folded, its spaces collapsed, its edge punctuation dropped."""
    return _EDGE.sub("", _SPACE.sub(" ", text).strip()).casefold()
