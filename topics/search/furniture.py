"""What a corpus writes in article after article without saying what any of them is about, left out of the
texts lookup's lexical evidence reads: the wire credits and datelines that open its texts.

A wire story or a press release opens on who sent it and where (and when) it was filed: "KABUL, Afghanistan
(Oct. 3) –", "LONDON (Reuters) -", "Reuters - ", "Canadian Press - VANCOUVER (CP) - " (the line openers of
:data:`topics.text.openers.OPENER`, the detector keywords and labels leave credits and datelines out by). Counted
as words, "detained in Kabul" matched every release filed from Kabul. The openers that open a unit's text or an
article's title, one after another, where each opens another of them too, are left out of the texts that BM25, the
query-word coverage and the title share read; the texts shown, and the vectors, stay as written. :data:`FURNITURE`
is saved with a lexical index, so that one built under another rule (saved before) is built again.

Sentences three articles or more repeat (the clustering's formulas, :mod:`topics.modeling.formulas`) were
measured here too and are not left out: no gain on top of the datelines, a hit lost on BBC News
(docs/benchmarks.md, "Lookup: datelines and formulas as lexical evidence").

A title copied from its article's own opening (a press release "titled" by its first sentence or by a header line
that is also its first paragraph) is no headline: its words are the text's already, and counted a second time they
made a release whose opening names the query's actors ("Haqqani Network Leader Captured in Khost") pass those about
the event asked for. Such a title is left out of the title share and of the article's BM25 text
(:func:`copied_titles`); an editor's headline, written apart from the text, still counts.

Owns those rules. May import :mod:`topics.text.wording` and :mod:`topics.text.openers`.
"""

from __future__ import annotations

from collections import Counter

from topics.text.openers import line_opener_shapes, opening_chain, opener_name, template_units
from topics.text.wording import plain_apostrophes

# What a lexical index's texts leave out (saved with it; another value, or none, is an index to build again).
FURNITURE = "openers: datelines twice, others as formulas; titles copied from the text once"
# A dateline opening this many of the texts (this one and another) is furniture: once, it is the text's own opening.
MIN_TEXTS = 2


def evidence_texts(texts) -> list[str]:
    """``texts`` as the lexical evidence reads them: each without the chain of openers that starts it, as far as
    each opener in it is furniture (:func:`furniture_openers`). A capitalised word and a dash once ("ISIS-K — the
    Islamic State's Afghan branch ...") is the text's own opening, and keeps its words; so does an opener that
    follows a repeated one but is no furniture."""
    texts = [str(text) for text in texts]
    repeated = furniture_openers(texts)
    if not repeated:
        return texts
    return [_without_openers(text, repeated) for text in texts]


def copied_titles(titles, openings) -> list[str]:
    """``titles`` with each one that its article's first unit (``openings``, row-aligned) opens with made empty: a title
    copied from the text (white space and a closing ellipsis or full stop aside) says nothing the text does not."""
    return ["" if _copied(str(title), str(opening)) else str(title) for title, opening in zip(titles, openings)]


# A title this short that starts the text by chance ("Kabul blast" over "Kabul blasts rock ...", "Karzai")
# is an editor's headline more often than a copy, unless it is the whole first unit (a header line).
MIN_COPIED_WORDS = 3


def _copied(title: str, opening: str) -> bool:
    words = title.split()
    cut = title.rstrip().endswith(("…", "..."))  # cut at a length, maybe inside a word ("… in Andar dist…")
    title, opening = " ".join(words).rstrip(".…").rstrip(), " ".join(opening.split())
    if not title or opening.rstrip(".…").rstrip() == title:
        return bool(title)
    if len(words) < MIN_COPIED_WORDS or not opening.startswith(title):
        return False
    following = opening[len(title):len(title) + 1]
    return cut or not (following.isalnum() or following == "_")  # else a whole word: "Kabul blast" is no copy of "Kabul blasts"


def furniture_openers(texts: list[str]) -> frozenset[str]:
    """The line openers (:func:`topics.text.openers.line_openers`) of ``texts`` that are furniture: one written as
    a dateline ("KABUL, Afghanistan", "LONDON (Reuters)") in :data:`MIN_TEXTS` of them, any other ("AP", "Mr
    Blair") in as many as make a corpus formula (:func:`topics.text.openers.template_units`): a wire credit opens a
    share of the stories, a name that opens two paragraphs says who spoke."""
    seen: Counter = Counter()
    dated: Counter = Counter()
    for text in texts:
        shapes = line_opener_shapes(text)
        seen.update(shapes.keys())  # a mapping would add its values
        dated.update(name for name, dateline in shapes.items() if dateline)
    formula = template_units(len(texts))
    return frozenset(name for name, n in seen.items() if dated[name] >= MIN_TEXTS or n >= formula)


def _without_openers(text: str, repeated: frozenset[str]) -> str:
    plain = plain_apostrophes(text)
    end = 0
    for match in opening_chain(plain):
        if opener_name(match) not in repeated:
            break
        end = match.end()
    # plain_apostrophes keeps a text's length unless it held invisible characters: cut the text as written then.
    return text if not end else (text[end:] if len(plain) == len(text) else plain[end:])
