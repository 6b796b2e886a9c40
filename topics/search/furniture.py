"""What a corpus writes in article after article without saying what any of them is about, left out of the
texts lookup's lexical evidence reads: the datelines.

A wire story or a press release opens on where (and when) it was filed: "KABUL, Afghanistan (Oct. 3) –",
"LONDON (Reuters) -", "WASHINGTON —" (:data:`topics.text.wording.DATELINE`, the detector keywords and labels
leave datelines out by). Counted as words, "detained in Kabul" matched every release filed from Kabul. A
dateline opening a unit's text or an article's title is left out of the texts that BM25, the query-word
coverage and the title share read; the texts shown, and the vectors, stay as written. :data:`FURNITURE` is
saved with a lexical index, so that one built from the texts as written (saved before) is built again.

Sentences three articles or more repeat (the clustering's formulas, :mod:`topics.modeling.formulas`) were
measured here too and are not left out: no gain on top of the datelines, a hit lost on BBC News
(docs/benchmarks.md, "Lookup: datelines and formulas as lexical evidence").

Owns that rule. May import :mod:`topics.text.wording`.
"""

from __future__ import annotations

from topics.text.wording import DATELINE

# What a lexical index's texts leave out (saved with it; another value, or none, is an index to build again).
FURNITURE = "datelines"


def without_dateline(text: str) -> str:
    """``text`` without the dateline that opens it, if any. A text that would be left empty keeps its words:
    a line in capitals alone ("WINNERS (six times)") is a heading, not a dateline opening a story."""
    match = DATELINE.match(text)
    if match is None or not match.group(0).strip() or not text[match.end():].strip():
        return text
    return text[match.end():]


def evidence_texts(texts) -> list[str]:
    """``texts`` as the lexical evidence reads them: each without the dateline that opens it."""
    return [without_dateline(str(text)) for text in texts]
