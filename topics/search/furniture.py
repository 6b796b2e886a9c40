"""What a corpus writes in article after article without saying what any of them is about, left out of the
texts lookup's lexical evidence reads: the datelines.

A wire story or a press release opens on where (and when) it was filed: "KABUL, Afghanistan (Oct. 3) –",
"LONDON (Reuters) -", "WASHINGTON —" (:data:`topics.text.wording.DATELINE`, the detector keywords and labels
leave datelines out by). Counted as words, "detained in Kabul" matched every release filed from Kabul. A
dateline opening a unit's text or an article's title, where the same place opens another of them, is left out of the texts that BM25, the query-word
coverage and the title share read; the texts shown, and the vectors, stay as written. :data:`FURNITURE` is
saved with a lexical index, so that one built from the texts as written (saved before) is built again.

Sentences three articles or more repeat (the clustering's formulas, :mod:`topics.modeling.formulas`) were
measured here too and are not left out: no gain on top of the datelines, a hit lost on BBC News
(docs/benchmarks.md, "Lookup: datelines and formulas as lexical evidence").

Owns that rule. May import :mod:`topics.text.wording`.
"""

from __future__ import annotations

import re
from collections import Counter

from topics.text.wording import DATELINE

# What a lexical index's texts leave out (saved with it; another value, or none, is an index to build again).
FURNITURE = "repeated datelines"


def _opening(text: str) -> tuple[str, int] | None:
    """The dateline that opens ``text`` as (its place, its end), or None. The place is the dateline without its
    date and dash, in lower case: "KABUL, Afghanistan (Oct. 3) –" -> "kabul, afghanistan". A text that would be
    left empty has none: a line in capitals alone ("WINNERS (six times)") is a heading, not a story's dateline."""
    match = DATELINE.match(text)
    if match is None or not match.group(0).strip() or not text[match.end():].strip():
        return None
    place = re.sub(r"\([^()]*\)|[\u2014\u2013-]+\s*$", " ", match.group(0))
    return " ".join(place.split()).strip(" ,").casefold(), match.end()


def evidence_texts(texts) -> list[str]:
    """``texts`` as the lexical evidence reads them: each without the dateline that opens it, where the same
    place opens another of them too. Furniture is what a corpus repeats: a capitalised word and a dash once
    ("ISIS-K — the Islamic State's Afghan branch ...") is the text's own opening, and keeps its words."""
    texts = [str(text) for text in texts]
    openings = [_opening(text) for text in texts]
    repeated = Counter(found[0] for found in openings if found is not None)
    return [text[found[1]:] if found is not None and repeated[found[0]] >= 2 else text
            for text, found in zip(texts, openings)]
