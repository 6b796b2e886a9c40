"""How often a paragraph's lead sentence ends at a closing quote or bracket, which the passing-mention rule
(``Themes(passing_mentions=True)``, :mod:`topics.themes.salience`) reads keywords against.

:func:`topics.text.wording.sentences` ends a sentence only right after its full stop, so a first sentence
closed by a quote or bracket ran on into the next (``the plan is "fair." Unions have …``): a keyword there
counted as leading the paragraph. For each corpus, over its paragraphs of two sentences or more: how many
lead sentences :func:`topics.themes.salience.lead_sentences` now ends earlier, and the share.

Corpora from ``$TOPICS_DATA_DIR``: the ISAF press releases, BBC News, AG News, the NYT full-text articles.

Run: ``TOPICS_DATA_DIR=<data> python -m benchmarks.lead_quotes``
"""

from __future__ import annotations

import sys

from benchmarks.paths import SHARED_DATA  # also sets the offline settings

CORPORA = {
    "isaf": SHARED_DATA / "isaf_press_releases_test.jsonl",
    "bbc": SHARED_DATA / "bbc_news.csv",
    "ag_news": SHARED_DATA / "ag_news_test.csv",
    "nyt_fulltext": SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz",
}


def measure() -> list[dict]:
    from topics.ingest.corpus import load_corpus
    from topics.text.wording import sentences
    from topics.themes.salience import lead_sentences

    rows = []
    for name, path in CORPORA.items():
        texts = load_corpus(path).paragraphs["text"].tolist()
        several = [text for text in texts if len(sentences(text)) > 1]
        earlier = sum(lead != sentences(text)[0] for text, lead in zip(several, lead_sentences(several)))
        rows.append({"corpus": name, "paragraphs": len(texts), "of two sentences or more": len(several),
                     "lead ends earlier": earlier, "share": f"{earlier / max(len(several), 1):.2%}"})
    return rows


def main(argv: list[str]) -> int:
    from benchmarks.run import markdown_table

    print(markdown_table(measure()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
