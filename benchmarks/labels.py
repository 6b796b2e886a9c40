"""Topic labels and keywords on labelled corpora: junk, names first, coherence, diversity.

``python -m benchmarks.labels [--quick]`` prints a Markdown table and writes
``artifacts/bench/labels.json``. Per corpus (the article-level corpora of
``benchmarks.topic_quality``, and the paragraphs of ``PARAGRAPH_CORPORA``), ``TopicModel()`` with automatic topics:

- ``label_junk``: share of labels holding a junk token: a contraction
  fragment ("don", "ve"), a month or weekday name, a dateline word (an
  all-capitals word that opens a dateline somewhere in the corpus, "KABUL"), or
  a markup word (``label_markup``: a word the source table writes more often
  inside escaped HTML, "&lt;a href=...&gt;", or as a character reference, than
  in its text: "href", "quickinfo", "quot"), or a web-address word
  (``label_address``: a word the corpus writes more often inside mail addresses,
  links and host names than outside them: "edu", "com", "cmu");
- ``keyword_junk``: the same over all keywords;
- ``person_led``: share of labels whose first noun group (the first part, up to a function word) holds a
  person's name ("US President George W. Bush", "England coach Andy Robinson"; names by
  :func:`topics.modeling.headlines.person_names` on the corpus), and of those, the
  share where the name is in fewer than half of the topic's units;
- ``label_words``: mean words per label; ``NPMI`` and ``diversity`` of the
  ten keywords per topic (as in ``benchmarks.topic_quality``); BERTopic with
  English stop words and 1-2 grams as the reference on NPMI (full run).
"""

from __future__ import annotations

import re
import sys
import time

from collections import Counter

import numpy as np

NOTES = (
    "label_junk / keyword_junk: share of labels / keywords with a contraction fragment, month, weekday or dateline word "
    "(label_junk: or a markup or web-address word; label_markup: labels with a word the source writes mostly in escaped HTML; "
    "label_address: labels with a word the corpus writes mostly inside mail addresses, links and host names). "
    "person_led: labels with a person's name in their first noun group (up to a function word; names found by "
    "topics.modeling.headlines.person_names); "
    "person_led_minor: of all labels, those led by a name found in under half of the topic's units. "
    "NPMI, diversity: the 10 keywords per topic, document co-occurrence in the corpus."
)


def dateline_words(texts: list[str]) -> set[str]:
    """All-capitals words that open a dateline in ``texts`` ("KABUL", "WASHINGTON")."""
    from topics.text.wording import APOSTROPHES, DATELINE

    found: set[str] = set()
    for text in texts:
        for match in DATELINE.finditer(str(text).translate(APOSTROPHES)):
            found.update(w for w in re.findall(r"[A-Z]{3,}", match.group(0)))
    return found


def is_junk(term: str, datelines: set[str]) -> bool:
    from topics.text.wording import is_junk_word

    words = re.findall(r"[\w'-]+", term)
    return any(is_junk_word(w) for w in words) or any(w in datelines or w.upper() in datelines and w.isupper() for w in words)


_ESCAPED_MARKUP = re.compile(r"&lt;.*?&gt;|&?#[0-9]+;|(?<![\w&])&?(?:quot|amp|lt|gt|apos|nbsp);")


def markup_words(source) -> set[str]:
    """Lower-case words the raw text of ``source`` (a table: DataFrame, CSV or JSON lines) writes more
    often inside escaped HTML or character references than outside them; empty for a folder."""
    import pandas as pd

    if isinstance(source, pd.DataFrame):
        frame = source
    elif str(source).endswith(".csv"):
        frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    elif ".jsonl" in str(source):
        frame = pd.read_json(source, lines=True, dtype=False)
    else:
        return set()
    inside, outside = Counter(), Counter()
    for column in [c for c in ("title", "text") if c in frame.columns]:
        for text in frame[column].astype(str):
            inside.update(w.lower() for m in _ESCAPED_MARKUP.finditer(text) for w in re.findall(r"[^\W\d_]+", m.group(0)))
            outside.update(w.lower() for w in re.findall(r"[^\W\d_]+", _ESCAPED_MARKUP.sub(" ", text)))
    return {w for w, n in inside.items() if n > outside[w]}


# Written independently of the cleaning's own pattern (topics.text.wording.WEB_ADDRESS), so the
# measure does not just echo it: any token with "@", a scheme or "www.", or ending in a generic domain.
# A site named by its domain alone ("Amazon.com", "fbi.gov") is written by its name there: that name is no address word.
_ADDRESS = re.compile(r"\S*@\S+|\S*://\S+|\bwww\.\S+|\S+\.(?:com|org|net|edu|gov|mil)\b", re.IGNORECASE)


def address_words(texts) -> set[str]:
    """Lower-case words ``texts`` write more often inside web addresses than outside them."""
    inside, outside = Counter(), Counter()
    for text in texts:
        text = str(text)
        for match in _ADDRESS.finditer(text):
            parts = match.group(0).split(".")
            named = len(parts) == 2 and parts[0].isalnum()
            inside.update(w.lower() for w in re.findall(r"[^\W\d_]+", parts[1] if named else match.group(0)))
        outside.update(w.lower() for w in re.findall(r"[^\W\d_]+", _ADDRESS.sub(" ", text)))
    return {w for w, n in inside.items() if n > outside[w]}


def lead_name(label: str, people) -> str:
    """The first of ``people`` among the words of ``label``'s first noun group: its first part up to a
    function word ("US President George W. Bush, southern Iraq" -> "george", "England coach Andy Robinson"
    -> "andy"; "Talks with Zabiullah Mujahid" -> ""), or "" where none is."""
    from topics.modeling.phrase_shape import INNER_WORDS

    for word in re.findall(r"[\w'-]+", label.split(",")[0]):
        lower = word.lower()
        if lower in people:
            return lower
        if lower in INNER_WORDS:
            return ""
    return ""


def label_rows(name: str, units, embeddings, markup: frozenset[str] = frozenset()) -> list[dict]:
    from benchmarks.topic_quality import diversity, npmi_coherence
    from topics.modeling.headlines import person_names
    from topics.modeling.model import TopicModel

    texts = units["text"].tolist()
    started = time.perf_counter()
    model = TopicModel(random_state=42).fit(units, embeddings=embeddings)
    seconds = time.perf_counter() - started
    info = model.topic_info()
    info = info[info["topic_id"] >= 0]
    labels, keywords = info["label"].tolist(), info["keywords"].tolist()
    datelines = dateline_words(texts)
    people = person_names(texts)
    led = []
    minor = []
    for topic, label in zip(info["topic_id"], labels):
        first = lead_name(label, people)
        is_person = bool(first)
        led.append(is_person)
        if is_person:
            members = [texts[i] for i in np.flatnonzero(model.labels_ == topic)]
            minor.append(np.mean([first in t.lower() for t in members]) < 0.5)
        else:
            minor.append(False)
    all_keywords = [k for ks in keywords for k in ks]
    addresses = address_words(texts)

    def words_of(term: str) -> set[str]:
        return set(re.findall(r"[^\W\d_]+", term.lower()))

    def marked(term: str) -> bool:
        return bool(markup & words_of(term) or addresses & words_of(term))

    with_markup = [bool(markup & words_of(label)) for label in labels]
    with_address = [bool(addresses & words_of(label)) for label in labels]
    print(f"  {name}: {len(labels)} topics, {seconds:.1f} s", file=sys.stderr, flush=True)
    return [{
        "corpus": name,
        "method": "topics auto",
        "n_topics": len(labels),
        "label_junk": round(float(np.mean([is_junk(label, datelines) or marked(label) for label in labels])), 3)
        if labels else None,
        "label_markup": round(float(np.mean(with_markup)), 3) if labels else None,
        "label_address": round(float(np.mean(with_address)), 3) if labels else None,
        "keyword_junk": round(float(np.mean([is_junk(k, datelines) or marked(k) for k in all_keywords])), 3) if all_keywords else None,
        "person_led": round(float(np.mean(led)), 3) if labels else None,
        "person_led_minor": round(float(np.mean(minor)), 3) if labels else None,
        "label_words": round(float(np.mean([len(label.replace(",", " ").split()) for label in labels])), 2) if labels else None,
        "NPMI": round(npmi_coherence(keywords, texts), 3),
        "diversity": round(diversity(keywords), 3),
        "labels": labels[:12],
    }]


def bertopic_row(name: str, texts: list[str], embeddings) -> dict:
    from benchmarks.topic_quality import diversity, fit_bertopic, npmi_coherence
    from topics.embedding.embed import Embedder

    _, keywords = fit_bertopic(texts, embeddings, Embedder().sentence_transformer, stop_words=True)
    return {"corpus": name, "method": "BERTopic stop words, 1-2 grams", "n_topics": len(keywords),
            "NPMI": round(npmi_coherence(keywords, texts), 3), "diversity": round(diversity(keywords), 3)}


# Corpora read at paragraph level too (full run): paragraphs of their own kind (a message's signature
# and contact lines, an article's author bio) make topics an article-level fit never shows.
PARAGRAPH_CORPORA = ("20newsgroups (3k)", "nyt_afghanistan_fulltext")


def load_units(source, level: str):
    from topics.embedding.embed import Embedder, embed_units
    from topics.ingest.corpus import load_corpus

    corpus = load_corpus(source)
    units, embeddings = corpus.units(level), embed_units(corpus, level, Embedder(show_progress=False))
    keep = np.linalg.norm(embeddings, axis=1) > 0
    return units[keep].reset_index(drop=True), embeddings[keep]


def run(quick: bool = False, bertopic: bool = True) -> list[dict]:
    from benchmarks.topic_quality import corpora, warm_up

    warm_up()
    rows = []
    for name, source in corpora(quick):
        for level in ("article", "paragraph") if not quick and name in PARAGRAPH_CORPORA else ("article",):
            units, embeddings = load_units(source, level)
            label = name if level == "article" else f"{name}, paragraphs"
            rows += label_rows(label, units, embeddings, frozenset(markup_words(source)))
            if bertopic and not quick and name == "bbc_news":
                rows.append(bertopic_row(name, units["text"].tolist(), embeddings))
    return rows


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import markdown_table, script_parser, write_record

    parser = script_parser("labels", __doc__, "the BBC sample only")
    parser.add_argument("--no-bertopic", action="store_true", help="leave out the BERTopic reference")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = run(args.quick, bertopic=not args.no_bertopic)
    write_record(args.out, "labels", "python -m benchmarks.labels" + (" --quick" if args.quick else ""),
                 rows, started, NOTES, quick=args.quick)
    print(markdown_table([{k: v for k, v in row.items() if k != "labels"} for row in rows]))
    for row in rows:
        if row.get("labels"):
            print(f"\n{row['corpus']}: " + " | ".join(row["labels"]))
    print(NOTES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
