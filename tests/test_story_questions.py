"""The graded lookup questions the search benchmark runs: well formed, and each set selectable by name."""

import json

import pytest

from benchmarks import search


def test_every_question_set_can_be_chosen_by_name():
    assert len(search.STORY_NAMES) == len(search.STORY_SETS)
    assert "isaf" in search.STORY_NAMES


@pytest.mark.parametrize("name", ["nyt", "bbc", "ag_news", "isaf", "dailymail_ukraine", "fox_ukraine"])
def test_question_sets_are_graded(name):
    corpus_path, questions_path = search.STORY_SETS[search.STORY_NAMES.index(name)]
    questions = search.read_questions(questions_path)
    assert len(questions) >= 10
    for question in questions:
        assert question["query"].strip()
        assert question["relevant"] and set(question["relevant"].values()) <= {1, 2}
        assert 2 in question["relevant"].values()
    if corpus_path.suffix == ".jsonl" and corpus_path.exists():
        # Every graded release exists in the corpus the questions were written on.
        ids = {json.loads(line)["id"] for line in corpus_path.read_text(encoding="utf-8").splitlines() if line.strip()}
        assert {a for q in questions for a in q["relevant"]} <= ids
