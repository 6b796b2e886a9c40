"""Pooled, blind grading of the story questions (benchmarks/story_pool.py) and the graded NYT file it produced."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from benchmarks.search import _story_metrics, read_questions
from benchmarks.story_pool import grading_list, pool, ungraded

ROOT = Path(__file__).resolve().parents[1]
NYT_QUESTIONS = ROOT / "benchmarks" / "data" / "nyt_questions.jsonl"
NYT_POOL_GRADES = ROOT / "benchmarks" / "data" / "nyt_pool_grades.csv"

LISTS = {
    "system a": [[["a1", "a2"], ["a3"], ["a4"]], [["b1"], ["b2"]]],
    "system b": [[["a3"], ["a5"], ["a6"]], [["b3"], ["b1"]]],
}


def test_pool_takes_every_systems_first_results_with_folded_copies():
    assert pool(LISTS, 2, depth=2) == [["a1", "a2", "a3", "a5"], ["b1", "b2", "b3"]]
    assert pool(LISTS, 2, depth=3) == [["a1", "a2", "a3", "a4", "a5", "a6"], ["b1", "b2", "b3"]]


def test_grading_list_is_shuffled_blind_and_complete():
    questions = [{"query": "first", "relevant": {"a1": 2}}, {"query": "second", "relevant": {}}]
    pooled = pool(LISTS, 2, depth=3)
    pairs = grading_list(questions, pooled, seed=0)
    assert sorted((p["question"], p["article_id"]) for p in pairs) == sorted((i, a) for i, arts in enumerate(pooled) for a in arts)
    assert all(set(p) == {"question", "query", "article_id"} for p in pairs)  # no system, no grade
    assert pairs == grading_list(questions, pooled, seed=0)
    assert [p["article_id"] for p in pairs] != [a for arts in pooled for a in arts]


def test_ungraded_lists_pooled_articles_without_a_judgment():
    questions = [{"query": "q", "relevant": {"a1": 2}, "judged_irrelevant": ["a2"]}]
    assert ungraded(questions, [["a1", "a2", "a3"]]) == [(0, "a3")]


def test_strict_precision_counts_only_articles_about_the_event():
    relevant = {"x": 2, "y": 1, "z": 1}
    metrics = _story_metrics([["y"], ["z"], ["x"], ["w"], ["v"]], relevant)
    assert metrics["p@5 of possible"] == 1.0
    assert metrics["p@5 of possible, grade 2 only"] == 1.0
    metrics = _story_metrics([["y"], ["z"], ["w"], ["v"], ["u"]], relevant)
    assert metrics["p@5 of possible"] == pytest.approx(2 / 3)
    assert metrics["p@5 of possible, grade 2 only"] == 0.0


def test_reciprocal_rank_is_that_of_the_first_result_holding_a_relevant_article():
    relevant = {"x": 2, "y": 1}
    assert _story_metrics([["w"], ["v", "y"], ["x"]], relevant)["mrr"] == 0.5  # a folded copy counts
    assert _story_metrics([["x"], ["y"]], relevant)["mrr"] == 1.0
    assert _story_metrics([["w"]] * 10 + [["x"]], relevant)["mrr"] == 0.0  # past the first 10: none


def test_strict_precision_with_folds_counts_each_article_about_the_event_once():
    relevant = {"x": 2, "x2": 2, "y": 1}
    # Two grade-2 copies of one story folded into one result: one hit shown, two with folds counted.
    metrics = _story_metrics([["x", "x2"], ["y"], ["w"], ["v"], ["u"]], relevant)
    assert metrics["p@5 of possible, grade 2 only"] == 0.5
    assert metrics["p@5 of possible, grade 2 only, folds counted"] == 1.0
    metrics = _story_metrics([["w", "y"], ["v"], ["u"], ["t"], ["s"]], relevant)
    assert metrics["p@5 of possible, grade 2 only, folds counted"] == 0.0


def test_the_nyt_file_holds_every_pooled_grade_and_its_criterion():
    questions = read_questions(NYT_QUESTIONS)
    with NYT_POOL_GRADES.open(encoding="utf-8", newline="") as handle:
        grades = list(csv.DictReader(handle))
    assert grades and all(row["reason"].strip() for row in grades)
    for row in grades:
        question = questions[int(row["question"])]
        grade = int(row["grade"])
        if grade:
            assert question["relevant"].get(row["article_id"]) == grade, row
        else:
            assert row["article_id"] in question["judged_irrelevant"], row
    for question in questions:
        assert question["label_notes"]["criterion"].strip()
        assert not set(question["relevant"]) & set(question["judged_irrelevant"])
        assert question["original"]
        for article, note in question["label_notes"].items():
            if article != "criterion":  # each note ends at the grade the file now holds
                assert note.split(" -> ")[1].split(" ")[0].rstrip(":") == str(question["relevant"].get(article, 0)), (article, note)


def test_story_lists_runs_every_compared_system_on_a_real_corpus(monkeypatch, session_cache_dir, seeds_dir, data_dir):
    from benchmarks.search import story_lists

    monkeypatch.setenv("TOPICS_CACHE_DIR", str(session_cache_dir))
    texts = [json.loads(line)["query"] for line in (data_dir / "seed_queries.jsonl").read_text(encoding="utf-8").splitlines()[:2]]
    lists, cost = story_lists(seeds_dir, texts, k=3)
    assert "plain MiniLM cosine (best paragraph)" in lists and "BM25 over whole articles (bm25s)" in lists
    for results in lists.values():
        assert len(results) == len(texts) and all(1 <= len(shown) <= 3 for shown in results)
    pooled = pool(lists, len(texts), depth=3)
    assert all(story[0] in pooled[i] for results in lists.values() for i, shown in enumerate(results) for story in shown)
    assert all(value >= 0 for value in cost.values())


def test_the_guardian_ukraine_file_is_graded_ids_and_urls_and_skips_without_its_corpus(tmp_path):
    from benchmarks.search import GUARDIAN_UKRAINE_QUESTIONS, story_rows

    questions = read_questions(GUARDIAN_UKRAINE_QUESTIONS)
    assert len(questions) == 20
    for question in questions:
        assert question["label_notes"]["criterion"].strip() and question["relevant"]
        assert set(question["relevant"].values()) <= {1, 2} and 2 in question["relevant"].values()
        assert not set(question["relevant"]) & set(question["judged_irrelevant"])
        # ids and addresses only: no article text is kept
        assert set(question["urls"]) == set(question["relevant"])
        assert all(url.startswith("https://www.theguardian.com/") for url in question["urls"].values())
        assert all(article.startswith("row-") for article in [*question["relevant"], *question["judged_irrelevant"]])
    assert story_rows(tmp_path / "absent.csv", GUARDIAN_UKRAINE_QUESTIONS) == []
