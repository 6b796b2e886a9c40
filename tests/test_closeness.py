"""A search result's closeness on the corpus's own scale, and "no close match" for a question the
corpus is not about: the real model on 200 BBC News articles (tests/data/README.md), and on the five
seeds, too few to judge by."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from topics.errors import InputError
from topics.search.index import Index

IN_CORPUS = "Nintendo's DS handheld with a touch screen aims to win over gamers"  # bbc-0047
OFF_CORPUS = ["malaria vaccine trial results in Africa", "how to repot a houseplant without damaging its roots"]


@pytest.fixture(scope="module")
def bbc_index(bbc_sample, embedder):
    return Index.from_corpus(bbc_sample, embedder)


def test_a_question_the_corpus_is_not_about_is_flagged_and_one_it_is_about_is_not(bbc_index):
    found, *away = bbc_index.search_many([IN_CORPUS, *OFF_CORPUS], k=5)
    assert found["article_id"].iloc[0] == "bbc-0047"
    assert found.attrs["no_close_match"] is False and found["closeness"].iloc[0] > 0.5
    assert found.attrs["closeness_note"] is None  # 200 articles: read
    for hits in away:
        assert hits.attrs["no_close_match"] is True
        assert hits.attrs["best_closeness"] == hits["closeness"].max() < 0.2
        # Comparable across questions: every off-corpus result is less close than the right one.
        assert hits["closeness"].max() < found["closeness"].iloc[0]
    for hits in (found, *away):
        assert hits["closeness"].between(0, 1).all()
    paragraphs = bbc_index.search(OFF_CORPUS[0], k=3, level="paragraph")
    assert paragraphs.attrs["no_close_match"] is True and paragraphs["closeness"].between(0, 1).all()


# Names each written in two to four of the 200 articles; the cosine of a bare name with any paragraph is low.
BARE_NAMES = ["Peter Mandelson", "Jack Straw", "Cate Blanchett", "Herve Gaymard"]


def test_a_bare_name_the_corpus_writes_is_not_no_close_match_and_one_it_does_not_write_is(bbc_index):
    *named, absent = bbc_index.search_many([*BARE_NAMES, "Novak Djokovic"], k=3)
    for name, hits in zip(BARE_NAMES, named):
        assert hits.attrs["best_closeness"] < 0.2  # the closeness itself is as low as before
        assert hits.attrs["no_close_match"] is False, name
        assert name.split()[-1] in " ".join(bbc_index.units.loc[bbc_index.units["article_id"] == hits["article_id"].iloc[0], "text"])
    assert absent.attrs["no_close_match"] is True
    paragraphs = bbc_index.search(BARE_NAMES[0], k=3, level="paragraph")
    assert paragraphs.attrs["no_close_match"] is False


# Each written by the sample only in passing (the single word) or only as stemmed, scattered words ("Jerry
# Harris ... style"), or made of question and filler words: none is what a result is about.
WRITTEN_IN_PASSING = ["pizza", "chocolate", "Harry Styles", "what is it", "news today"]


def test_words_written_in_passing_stemmed_or_asking_do_not_lift_no_close_match(bbc_index):
    for level in ("article", "paragraph"):
        for question, hits in zip(WRITTEN_IN_PASSING, bbc_index.search_many(WRITTEN_IN_PASSING, k=3, level=level)):
            assert hits.attrs["best_closeness"] < 0.2
            assert hits.attrs["no_close_match"] is True, (question, level)
            assert hits.attrs["no_close_match_lifted"] is None
    named = bbc_index.search(BARE_NAMES[1], k=3)
    assert named.attrs["no_close_match"] is False and named.attrs["no_close_match_lifted"] == "every word"


def test_closeness_leaves_the_ranking_as_it_was(bbc_index):
    hits = bbc_index.search(OFF_CORPUS[0], k=10)
    assert hits["score"].is_monotonic_decreasing  # ranked by score, not by closeness
    assert list(hits["rank"]) == list(range(1, 11))


def test_the_closeness_reference_is_saved_with_the_index(bbc_index, tmp_path, monkeypatch):
    before = bbc_index.search(OFF_CORPUS[0], k=3)
    folder = bbc_index.save(tmp_path / "index")
    meta = json.loads((folder / "index.json").read_text())
    assert len(meta["closeness_reference"]) == len(bbc_index.closeness_reference) > 100
    import topics.search.closeness as closeness

    def never(*args, **kwargs):
        raise AssertionError("a saved reference is read, not built again")

    with monkeypatch.context() as patch:
        patch.setattr(closeness, "reference_cosines", never)
        loaded = Index.load(folder, bbc_index.embedder)
        again = loaded.search(OFF_CORPUS[0], k=3)
    np.testing.assert_allclose(again["closeness"], before["closeness"], atol=0.01)
    assert again.attrs["no_close_match"] is True and not loaded.unsaved_parts

    # An index saved before the reference was kept: read, and the reference built on its first search.
    del meta["closeness_reference"]
    (folder / "index.json").write_text(json.dumps(meta))
    older = Index.load(folder, bbc_index.embedder)
    assert older.search(OFF_CORPUS[0], k=3).attrs["no_close_match"] is True
    assert "closeness" in older.unsaved_parts

    meta["closeness_reference"] = ["near", "far"]
    (folder / "index.json").write_text(json.dumps(meta))
    with pytest.raises(InputError, match="closeness_reference"):
        Index.load(folder)


def test_the_command_says_no_close_match_in_json_and_in_the_table(data_dir, tmp_path, session_cache_dir):
    queries = tmp_path / "queries.txt"
    queries.write_text(f"{IN_CORPUS}\n{OFF_CORPUS[0]}\n{BARE_NAMES[1]}\n")
    common = ["--queries", str(queries), str(data_dir / "bbc_sample.csv"), "--cache-dir", str(session_cache_dir), "-k", "3"]
    result = subprocess.run([sys.executable, "-m", "topics", "similar", *common, "--json"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    decoder, text, documents = json.JSONDecoder(), result.stdout.strip(), []
    while text:
        document, end = decoder.raw_decode(text)
        documents.append(document)
        text = text[end:].strip()
    found, away, named = documents
    assert found["no_close_match"] is False and away["no_close_match"] is True
    assert named["no_close_match"] is False and named["best_closeness"] < 0.2  # said why: a result writes the name
    assert named["no_close_match_lifted"] == "every word" and away["no_close_match_lifted"] is None
    assert away["best_closeness"] < 0.2 < found["best_closeness"]
    assert all(0 <= hit["closeness"] <= 1 for hit in found["hits"] + away["hits"])

    table = subprocess.run([sys.executable, "-m", "topics", "similar", *common], capture_output=True, text=True)
    assert table.returncode == 0, table.stderr
    assert "closeness" in table.stdout
    assert table.stdout.count("no close match in this corpus") == 1
    assert table.stdout.index("no close match") > table.stdout.index(OFF_CORPUS[0][:30])
    assert table.stdout.count("writes every word of the query") == 1


SEED_QUERIES = Path(__file__).parent / "data" / "seed_queries.jsonl"
SEEDS_OFF_CORPUS = ["rising house prices in London", "a new football coach in Madrid"]


@pytest.fixture(scope="module")
def seeds_index(seeds_corpus, embedder):
    return Index.from_corpus(seeds_corpus, embedder)


def test_five_articles_are_too_few_to_judge_closeness_and_it_says_so(seeds_index):
    # The README's first lookup: the drones article is the right answer, and five headlines cannot say otherwise.
    hits = seeds_index.search("drones flying over Kandahar", k=5)
    assert hits["article_id"].iloc[0] == "000_390bfbc4b490d38b"
    assert hits.attrs["no_close_match"] is None and hits.attrs["best_closeness"] is None
    assert hits["closeness"].isna().all()
    assert "too few articles" in hits.attrs["closeness_note"] and "5 read" in hits.attrs["closeness_note"]
    assert hits["score"].is_monotonic_decreasing  # the ranking is as it was

    questions = [json.loads(line) for line in SEED_QUERIES.read_text().splitlines() if line.strip()]
    right = 0
    for question, found in zip(questions, seeds_index.search_many([q["query"] for q in questions], k=3)):
        if found["article_id"].iloc[0] == question["paragraph_id"].split("#")[0]:
            right += 1
            assert found.attrs["no_close_match"] is not True, question["query"]
    assert right >= len(questions) // 2
    for away in seeds_index.search_many(SEEDS_OFF_CORPUS, k=3):  # never called close
        assert away.attrs["no_close_match"] is not False
    assert seeds_index.search("drones flying over Kandahar", k=3, level="paragraph").attrs["no_close_match"] is None


def test_a_saved_thin_reference_loads_and_is_not_read(seeds_index, tmp_path):
    seeds_index.search("drones flying over Kandahar", k=1)
    folder = seeds_index.save(tmp_path / "index")
    assert len(json.loads((folder / "index.json").read_text())["closeness_reference"]) == 5  # kept as measured
    hits = Index.load(folder, seeds_index.embedder).search("drones flying over Kandahar", k=3)
    assert hits.attrs["no_close_match"] is None and "too few articles" in hits.attrs["closeness_note"]


def test_the_fewest_reference_cosines_that_can_place_the_threshold():
    from topics.search.closeness import MIN_REFERENCE, NO_CLOSE_MATCH_BELOW, closeness, unread_reason

    # Below every one of 14 cosines is below their 0.2 quantile with 95 % confidence; below 13 of them is not.
    assert (1 - NO_CLOSE_MATCH_BELOW) ** MIN_REFERENCE <= 0.05 < (1 - NO_CLOSE_MATCH_BELOW) ** (MIN_REFERENCE - 1)
    reference = np.linspace(0.4, 0.8, MIN_REFERENCE, dtype=np.float32)
    assert unread_reason(reference) is None and closeness(reference, [0.1])[0] == 0.0
    assert np.isnan(closeness(reference[1:], [0.1])[0]) and "too few articles" in unread_reason(reference[1:])
    assert "no reference" in unread_reason(None)


def test_the_command_says_when_the_corpus_is_too_small_to_judge(seeds_dir, tmp_path, session_cache_dir):
    common = ["drones flying over Kandahar", str(seeds_dir), "--cache-dir", str(session_cache_dir), "-k", "2"]
    result = subprocess.run([sys.executable, "-m", "topics", "similar", *common, "--json"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["no_close_match"] is None and "too few articles" in answer["closeness_note"]
    table = subprocess.run([sys.executable, "-m", "topics", "similar", *common], capture_output=True, text=True)
    assert table.returncode == 0, table.stderr
    assert "no close match" not in table.stdout and "too few articles" in table.stdout
