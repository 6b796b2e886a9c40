"""Lines that differ only by codes, numbers and dates: collapsed, found repeated, dropped at ingest,
and kept out of labels; a subtopic without a name says so. On 60 real ISAF press releases
(tests/data/isaf_sample.jsonl, see tests/data/README.md)."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from tests.conftest import DATA

SAMPLE = DATA / "isaf_sample.jsonl"
# The header lines the sample's releases write five times or more (each differs in its code or date).
HEADER_LINES = re.compile(
    r"^(?:\d{4}-\d{2}-[A-Z]+-\d+\s+(?:\d+\s+)?For Immediate Release"
    r"|ISAF Joint Command (?:Morning|Evening) Operational Update,? \w+\.?,? \d{1,2},? \d{4})$"
)
TEMPLATE_WORDS = ("immediate release", "operational update", "download pdf")


def _releases() -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def isaf_corpus():
    from topics.ingest.corpus import load_corpus

    return load_corpus(SAMPLE)


def test_template_lines_collapse_to_one_line():
    from topics.text.codes import collapse_codes, only_codes

    assert collapse_codes("RELEASE No. 2010-03-CA-123") == collapse_codes("RELEASE No. 2011-11-S-034") == "RELEASE No. <code>"
    morning = [collapse_codes(f"ISAF Joint Command Morning Operational Update, {d}") for d in ("March 18, 2011", "Feb. 8, 2011", "May 7")]
    assert len(set(morning)) == 1 and morning[0].endswith("Update, <date>")
    assert collapse_codes("1314,1198, 1173, 1341") == collapse_codes("0591, 0692") == "<num>"
    assert collapse_codes("KABUL, Afghanistan (Jan. 25, 2013)") == "KABUL, Afghanistan (<date>)"
    # Words stay words, names too: a sentence is still itself.
    sentence = "Afghan forces detained 3 suspects in Kandahar on 2011-03-04."
    assert collapse_codes(sentence) == "Afghan forces detained <num> suspects in Kandahar on <date>."
    assert collapse_codes("For Immediate Release") == "For Immediate Release"
    assert only_codes("2011-11-S-034") and only_codes("1314,1198, 1173") and not only_codes("Page 3") and not only_codes("A")


def test_the_sample_has_the_header_lines_the_rules_are_for():
    headers = [line.strip() for release in _releases() for line in release["text"].splitlines() if HEADER_LINES.match(line.strip())]
    assert len(headers) >= 15 and len(set(headers)) >= 10  # many lines, each written once or twice: no exact repeat finds them


def test_header_lines_repeated_but_for_codes_are_dropped_at_ingest(isaf_corpus):
    paragraphs = isaf_corpus.paragraphs["text"].tolist()
    assert not [p for p in paragraphs if HEADER_LINES.match(p)]
    assert not [p for p in paragraphs if "immediate release" in p.lower()]
    assert not [p for p in paragraphs if re.search(r"\d", p) and not re.search(r"[^\W\d_]{2,}", p)]  # none of codes and numbers only
    reasons = isaf_corpus.dropped_lines["reason"]
    assert (reasons == "line repeated across documents but for its codes, numbers and dates").sum() >= 15


def test_the_news_of_each_release_is_kept(isaf_corpus):
    """Every sentence of ten words or more that a release writes is in the corpus's text of it (once: an update
    that repeats the release's sentences says them once, topics.ingest.restated)."""
    from topics.text.wording import sentences

    kept = dict(zip(isaf_corpus.articles["article_id"], isaf_corpus.articles["text"]))
    normal = lambda text: " ".join(text.split())  # noqa: E731
    missing = []
    for release in _releases():
        for line in release["text"].splitlines():
            if len(line.split()) >= 10 and line.rstrip().endswith("."):
                missing += [(release["id"], sentence[:60]) for sentence in sentences(line)
                            if len(sentence.split()) >= 10 and normal(sentence) not in normal(kept.get(release["id"], ""))]
    assert not missing


def test_labels_hold_no_template_words(isaf_corpus, embedder):
    from topics.embedding.embed import embed_units
    from topics.modeling.model import TopicModel

    units = isaf_corpus.units("paragraph")
    model = TopicModel(random_state=7).fit(units, embeddings=embed_units(isaf_corpus, "paragraph", embedder))
    labels = list(model.topic_labels().values())
    subtopics = model.subtopics()
    labels += subtopics["label"].tolist()
    assert len(labels) > 3
    assert not [label for label in labels if any(word in label.lower() for word in TEMPLATE_WORDS)]
    assert not [label for label in subtopics["label"] if re.fullmatch(r"Topic \d+", label)]
    keywords = [k for row in model.topic_info()["keywords"] for k in row]
    assert not [k for k in keywords if any(word in k.lower() for word in TEMPLATE_WORDS)]


def test_a_subtopic_without_a_name_is_called_by_its_place():
    from topics.modeling.describe import topic_labels
    from topics.modeling.subtopics import unnamed_subtopic

    texts = ["1314, 1198, 1173", "0591, 0692", "Afghan forces detained a Taliban leader in Kandahar."]
    names = topic_labels(texts, np.array([5, 5, 6]), np.array([5, 6]), [[], []], [[], []],
                         unnamed=[unnamed_subtopic(11, 5), unnamed_subtopic(11, 6)])
    assert names[0] == "11.5 (no clear name)"
    assert names[1] != "11.6 (no clear name)"  # a shared line names it


def test_describe_topics_names_a_subtopic_without_words_by_its_own_number(embedder):
    """An update describes a topic's subtopics as rows 0..k-1 (its subtopics 2 and 5 here): the label of
    one without a name carries the subtopic's number, not the row's."""
    from topics.modeling.cluster import topic_centroids
    from topics.modeling.describe import describe_topics
    from topics.modeling.subtopics import unnamed_subtopic

    texts = [
        "Afghan and coalition forces detained a Taliban leader in Kandahar province.",
        "The security force detained two suspected insurgents in Kandahar province.",
        "A Taliban leader was detained by Afghan forces in Kandahar province overnight.",
        "1314, 1198, 1173, 1341", "0591, 0692, 0712", "2201, 3319, 4410",
    ]
    rows = np.array([0, 0, 0, 1, 1, 1])
    vectors = embedder.encode(texts)
    described = describe_topics(texts, rows, np.array([0, 1]), vectors, topic_centroids(vectors, rows, np.array([0, 1])),
                                unnamed=[unnamed_subtopic(7, 2), unnamed_subtopic(7, 5)])
    assert described.labels[1] == "7.5 (no clear name)"
    assert described.labels[0] and "no clear name" not in described.labels[0]
