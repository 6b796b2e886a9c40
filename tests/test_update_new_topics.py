"""An update finds a story no earlier topic explains as a new topic, and lets a continuation join its
topic (real model, the BBC sample: the same tech articles arrive with and without tech seen before)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import topics

DATA_CSV = Path(__file__).parent / "data" / "bbc_sample.csv"


def _runs(folder, embedder, earlier: pd.DataFrame, later: pd.DataFrame, **first_options):
    earlier.to_csv(folder / "earlier.csv", index=False)
    pd.concat([earlier, later]).to_csv(folder / "later.csv", index=False)
    first = topics.find_topics(folder / "earlier.csv", level="article", embedder=embedder, **first_options)
    first.model.save(folder / "model")
    return first, topics.find_topics(folder / "later.csv", level="article", embedder=embedder, previous=folder / "model")


@pytest.fixture(scope="module")
def sample():
    return pd.read_csv(DATA_CSV).sort_values("id", kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def planted(tmp_path_factory, embedder, sample):
    """Fitted on the four other sections; the update adds 35 tech articles (18 % of the corpus)."""
    tech = sample[sample["label"] == "tech"]
    return _runs(tmp_path_factory.mktemp("planted"), embedder, sample[sample["label"] != "tech"], tech.iloc[:35])


@pytest.fixture(scope="module")
def small_story(tmp_path_factory, embedder, sample):
    """Fitted on the four other sections; the update adds 15 tech articles (8.6 %: twice the topic size
    its 175 units ask for): searched with all the corpus, so small a story folds into a big topic."""
    tech = sample[sample["label"] == "tech"]
    return _runs(tmp_path_factory.mktemp("small"), embedder, sample[sample["label"] != "tech"], tech.iloc[:15])


@pytest.fixture(scope="module")
def continued(tmp_path_factory, embedder, sample):
    """Fitted with 15 tech articles among the others; the update adds 25 more (12.5 %)."""
    tech = sample[sample["label"] == "tech"]
    earlier = pd.concat([sample[sample["label"] != "tech"], tech.iloc[:15]])
    return _runs(tmp_path_factory.mktemp("continued"), embedder, earlier, tech.iloc[15:])


def _gold(result, sample):
    return sample.set_index("id").loc[result.units["article_id"].astype(str), "label"].to_numpy()


@pytest.mark.parametrize("case, planted_size", [("planted", 35), ("small_story", 15)])
def test_a_story_no_earlier_topic_explains_becomes_a_new_topic(case, planted_size, sample, request):
    # The small story: searched with all the corpus, so small a story folded into a big topic.
    first, later = request.getfixturevalue(case)
    assert later.update_mode == "update"
    labels, seen = np.asarray(later.model.labels_), later.previous_rows >= 0
    # Seen units keep their topics exactly.
    assert np.array_equal(labels[seen], np.asarray(first.model.labels_)[later.previous_rows[seen]])
    since = later.since_last_run()
    assert len(since["new_topics"]) == 1 and since["kept_topic"] == 1.0
    topic = since["new_topics"][0]
    assert topic["topic_id"] > max(int(t) for t in first.model.topic_ids_)  # a fresh id above the earlier ones
    members = labels == topic["topic_id"]
    assert (_gold(later, sample)[members] == "tech").mean() >= 0.9 and members.sum() >= 0.7 * planted_size
    assert topic["label"] and topic["new_units"] == members.sum()
    # The report says the update started it.
    from topics.report.since_section import since_markdown
    from topics.report.tables import build_report_data

    text = "\n".join(since_markdown(build_report_data(later).document, str, lambda share: f"{share:.0%}"))
    assert "and 1 new topic started from new units no earlier topic explains" in text
    # Labelled and described like any topic, with subtopics.
    info = later.model.topic_info().set_index("topic_id")
    assert len(info.loc[topic["topic_id"], "keywords"]) > 0
    assert len(later.model.subtopics(topic["topic_id"])) >= 1


def test_a_continuation_of_an_earlier_topic_joins_it(continued, sample):
    first, later = continued
    assert later.update_mode == "update"
    since = later.since_last_run()
    assert since["new_topics"] == [] and since["kept_topic"] == 1.0
    labels, gold = np.asarray(later.model.labels_), _gold(later, sample)
    new_tech = (later.previous_rows < 0) & (gold == "tech")
    placed = labels[new_tech]
    # Most new tech articles join the earlier topic holding the earlier tech articles.
    earlier_tech = np.asarray(first.model.labels_)[_gold(first, sample) == "tech"]
    home = np.bincount(earlier_tech[earlier_tech >= 0]).argmax()
    assert (placed == home).mean() >= 0.5


def test_an_update_of_a_guided_run_stays_guided_and_starts_no_topic(tmp_path, embedder, sample):
    # Before: an update took any earlier run with floors for a community search's: it voted by neighbours and
    # could start topics (two here), which a guided run's predict does not, and saved itself as "automatic", so
    # the next update forgot the run was guided.
    from topics.modeling.previous import read_previous

    themes = tmp_path / "themes.toml"
    themes.write_text("\n".join(f'[[theme]]\nname = "{name}"\nkeywords = {words}' for name, words in [
        ("business", '["company", "economy", "market", "shares"]'), ("politics", '["labour", "election", "minister"]'),
        ("sport", '["match", "coach", "cup"]'), ("entertainment", '["film", "music", "actor"]')]), encoding="utf-8")
    tech = sample[sample["label"] == "tech"]
    first, later = _runs(tmp_path, embedder, sample[sample["label"] != "tech"], tech.iloc[:35], themes=themes, guided=True)
    assert first.model.mode_ == "guided" and later.update_mode == "update"
    assert later.model.mode_ == "guided" and later.since_last_run()["new_topics"] == []
    later.model.save(tmp_path / "after")
    assert read_previous(tmp_path / "after").clustering == "guided"


def test_the_searches_of_a_large_update_run_the_compiled_pass_with_the_same_communities(monkeypatch, embedder, sample):
    # An update searches many parts of its corpus (the open units, then each topic with its pieces), each smaller
    # than one search of the whole: past COMPILED_MIN_NODES units in all the compiled pass is worth its loading for
    # every one of them (it ran the library's slower pass, the same labels), below that the library's pass.
    from topics.modeling import louvain, update_new_topics
    from topics.modeling.model import TopicModel

    vectors = embedder.encode(sample["text"].tolist())
    rows = np.arange(len(vectors))
    model = TopicModel(embedder=embedder)
    asked = []
    original = louvain.louvain
    monkeypatch.setattr(louvain, "louvain", lambda *args, **kwargs: asked.append(kwargs.get("compiled")) or original(*args, **kwargs))
    texts = sample["text"].tolist()
    n_units = louvain.COMPILED_MIN_NODES
    compiled = update_new_topics.communities(model, rows, vectors, texts, None, 5, n_units)
    assert asked and all(asked)
    asked.clear()
    monkeypatch.setattr(louvain, "COMPILED_MIN_NODES", n_units + 1)
    library = update_new_topics.communities(model, rows, vectors, texts, None, 5, n_units)
    assert asked and not any(asked)
    assert (compiled == library).all() and (compiled >= 0).any()


@pytest.mark.parametrize("case", ["planted", "continued"])
def test_a_search_that_cannot_start_a_topic_is_not_run_and_the_topics_are_the_same(case, monkeypatch, embedder, request):
    # A new topic's typical unit lies below every earlier topic's member floor: where too few of the units to be
    # searched lie below some floor, the search is skipped; every search run gives the same topics and names.
    from topics.modeling import update_new_topics

    _, later = request.getfixturevalue(case)
    folder = Path(later.previous.folder)
    searched = []
    original = update_new_topics.communities
    monkeypatch.setattr(update_new_topics, "communities", lambda model, rows, *args: searched.append(len(rows)) or original(model, rows, *args))
    again = topics.find_topics(folder.parent / "later.csv", level="article", embedder=embedder, previous=folder)
    skipping = list(searched)
    searched.clear()
    monkeypatch.setattr(update_new_topics, "may_stand_apart", lambda *args: True)
    every = topics.find_topics(folder.parent / "later.csv", level="article", embedder=embedder, previous=folder)
    # The continuation's other topics cannot start one (searches skipped); the planted story's search still runs.
    assert len(skipping) < len(searched) if case == "continued" else skipping == searched
    assert np.array_equal(again.model.labels_, every.model.labels_) and np.array_equal(again.model.labels_, later.model.labels_)
    assert again.model.topic_labels() == every.model.topic_labels()
    assert again.since_last_run()["new_topics"] == every.since_last_run()["new_topics"]


def test_no_units_below_some_floor_can_stand_apart():
    # The bound is safe: whenever it says no, every subset of min_size units or more has its median at or above
    # some floor (random similarities, small sets checked exhaustively over subset sizes by sorting).
    from topics.modeling.update_new_topics import may_stand_apart

    rng = np.random.default_rng(0)
    for _ in range(300):
        n, n_topics, min_size = int(rng.integers(2, 12)), int(rng.integers(1, 4)), int(rng.integers(2, 8))
        similarity = rng.choice([0.2, 0.4, 0.5, 0.6], size=(n, n_topics))
        floors = rng.choice([0.4, 0.5], size=n_topics)
        if may_stand_apart(similarity, floors, min_size):
            continue
        for size in range(min_size, n + 1):
            # The subset with the lowest median against a topic takes that topic's lowest similarities.
            assert any(np.median(np.sort(similarity[:, t])[:size]) >= floors[t] for t in range(n_topics))


def test_an_update_search_is_a_consensus_of_fewer_runs_than_a_fit(monkeypatch, embedder, sample):
    # An update searches its open units and one topic at a time: fewer seeded runs steady such a search as well
    # (docs/benchmarks.md), so each search is SEARCH_RUNS runs and their consensus, not a fit's CONSENSUS_RUNS.
    from topics.modeling import cluster, update_new_topics
    from topics.modeling.model import TopicModel

    vectors = embedder.encode(sample["text"].tolist())
    searched = []
    original = cluster.communities
    monkeypatch.setattr(cluster, "communities", lambda *args, **kwargs: searched.append(args[2]) or original(*args, **kwargs))
    found = update_new_topics.communities(TopicModel(embedder=embedder), np.arange(len(vectors)), vectors,
                                          sample["text"].tolist(), None, 5, len(vectors))
    runs = update_new_topics.SEARCH_RUNS
    assert len(searched) == runs + 1 and runs < cluster.CONSENSUS_RUNS
    assert len(set(searched[:-1])) == runs and (found >= 0).any()  # each run its own seed
