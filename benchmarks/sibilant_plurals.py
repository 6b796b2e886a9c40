"""The "-es" plurals a stemmed lexical index joins to their singular (topics.search.sibilant_plurals), on each
corpus, with every word of the texts as a possible singular (the first rule) and with only the words the texts write
in lower case outside names and addresses (kept): the plurals the texts write, each with its singular, and how many
plurals no text writes a question's word would be read as.

    TOPICS_DATA_DIR=../shared/data python -m benchmarks.sibilant_plurals
"""

from __future__ import annotations

import re

from benchmarks.paths import SHARED_DATA

CORPORA = ["nyt_afghanistan_2020_2021_fulltext.jsonl.gz", "bbc_news.csv", "ag_news_test.csv",
           "isaf_press_releases_test.jsonl", "20newsgroups_bydate.jsonl.gz"]


def main() -> None:
    from topics.ingest.corpus import load_corpus
    from topics.search.lexical import _stemmer
    from topics.search.sibilant_plurals import find, written_lower

    stem = _stemmer().stemWord
    print("| corpus | rule | plurals the texts write → singular | question-side plurals |")
    print("| --- | --- | --- | ---: |")
    for name in CORPORA:
        units = load_corpus(SHARED_DATA / name).units("article")
        texts = (units["title"].fillna("") + "\n" + units["text"] if "title" in units else units["text"]).tolist()
        words = {w for t in texts for w in re.findall(r"(?u)\b\w\w+\b", t.lower())}  # bm25s's words
        for rule, lower_case in (("any word", words), ("lower case", written_lower(texts))):
            found = find(words, stem, lower_case)
            written = ", ".join(f"{p} → {s}" for p, s in sorted(found.items()) if p in words) or "none"
            print(f"| {name} | {rule} | {written} | {sum(p not in words for p in found)} |")


if __name__ == "__main__":
    main()
