"""An update counts a topic's (and a subtopic's) growth from the size it was last named at, saved
with the model and the report: small growths add up to a new name (real model, dated BBC sample)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import topics
from dated_sample import dated_bbc_sample
from topics.errors import InputError
from topics.modeling.previous import read_previous
from topics.modeling.update_describe import RELABEL_SHARE, carried_named_sizes, topics_to_describe
from topics.modeling.update_subtopics import SUBTOPIC_RELABEL_SHARE, _place_new_units


def previous_topics(sizes: dict, named: dict | None) -> pd.DataFrame:
    table = pd.DataFrame({"topic_id": list(sizes), "label": "x", "size": list(sizes.values()), "keywords": [["a"]] * len(sizes)})
    if named is not None:
        table["named_size"] = pd.Series([named.get(t) for t in sizes], dtype=object)
    return table


def test_a_topic_growing_by_six_percent_twice_is_named_afresh_at_the_second_update():
    # Topic 0: 100 units named, +6 (6 %), then +7 (6 % of 106): 13 % since it was named.
    first = np.array([0] * 100 + [1] * 50 + [0] * 6)
    new = np.arange(len(first)) >= 150
    fresh = topics_to_describe(first, new, previous_topics({0: 100, 1: 50}, {0: 100, 1: 50}), n_keywords=5)
    assert fresh.tolist() == []
    carried = carried_named_sizes(first, new, fresh, previous_topics({0: 100, 1: 50}, {0: 100, 1: 50}))
    assert carried == {0: 100, 1: 50}  # both kept their names, and the sizes they were named at
    second = np.concatenate([first, [0] * 7])
    new = np.arange(len(second)) >= len(first)
    assert 7 < RELABEL_SHARE * 106 and 13 >= RELABEL_SHARE * 100
    assert topics_to_describe(second, new, previous_topics({0: 106, 1: 50}, carried), n_keywords=5).tolist() == [0]
    # A run saved without the sizes (or with one missing): growth counted from its units in the earlier run, as before.
    assert topics_to_describe(second, new, previous_topics({0: 106, 1: 50}, None), n_keywords=5).tolist() == []
    assert topics_to_describe(second, new, previous_topics({0: 106, 1: 50}, {1: 50}), n_keywords=5).tolist() == []
    # Named afresh: it counts from its present size again.
    assert carried_named_sizes(second, new, np.array([0]), previous_topics({0: 106, 1: 50}, carried)) == {1: 50}


def test_a_subtopic_growing_by_twelve_percent_twice_is_named_afresh_at_the_second_update(embedder):
    frame = dated_bbc_sample(0)
    sport = frame.loc[frame["label"] == "sport", "text"].tolist()
    business = frame.loc[frame["label"] == "business", "text"].tolist()

    def place(texts, earlier, named):
        vectors = np.asarray(embedder.encode(texts), dtype=np.float32)
        return _place_new_units(
            vectors, np.full(len(texts), np.nan), np.full(len(texts), -1), None, np.zeros(1, np.int64),
            np.array([f"a{i}" for i in range(len(texts))], dtype=object), np.asarray(earlier), set(), named,
        )

    # Two subtopics named at 25 stories each; 3 new sport stories (12 %), then 3 more (+11 %, 24 % since named).
    local, grew = place(sport[:25] + business[:25] + sport[25:28], [0] * 25 + [1] * 25 + [-1] * 3, {0: 25, 1: 25})
    assert local[50:].tolist() == [0, 0, 0] and grew == set()
    texts = sport[:28] + business[:25] + sport[28:31]
    earlier = [0] * 28 + [1] * 25 + [-1] * 3
    assert 3 < SUBTOPIC_RELABEL_SHARE * 28 and 6 >= SUBTOPIC_RELABEL_SHARE * 25
    local, grew = place(texts, earlier, {0: 25, 1: 25})
    assert local[53:].tolist() == [0, 0, 0] and grew == {0}
    # Without the sizes they were named at (a model saved before they were kept): counted from the earlier run.
    assert place(texts, earlier, {})[1] == set()


@pytest.fixture(scope="module")
def chain(tmp_path_factory, embedder):
    """Three runs of the dated BBC sample, 180, 190 and 200 articles, each saved with its subtopics and
    the next started from it."""
    folder = tmp_path_factory.mktemp("named-sizes")
    frame = dated_bbc_sample(2)
    runs, previous = [], None
    for step, n in enumerate((180, 190, 200)):
        frame.iloc[:n].to_csv(folder / f"corpus{step}.csv", index=False)
        result = topics.find_topics(folder / f"corpus{step}.csv", embedder=embedder, previous=previous)
        result.model.subtopics()
        result.model.save(folder / f"model{step}")
        runs.append(result)
        previous = folder / f"model{step}"
    runs[0].write_report(folder / "report0")
    return folder, runs


def test_each_update_keeps_the_size_a_kept_name_was_given_at_and_saves_it(chain):
    folder, runs = chain
    first = read_previous(folder / "model0")
    assert first.topics["named_size"].tolist() == first.topics["size"].tolist()  # a fresh fit names every topic now
    for step in (1, 2):
        result, earlier = runs[step], read_previous(folder / f"model{step - 1}")
        assert result.update_mode == "update"
        named_before = dict(zip(earlier.topics["topic_id"], earlier.topics["named_size"]))
        now = read_previous(folder / f"model{step}").topics.set_index("topic_id")
        redescribed = set(result.model.redescribed_topics_.tolist())
        for topic, row in now.iterrows():
            grown = abs(row["size"] - named_before[topic]) >= RELABEL_SHARE * named_before[topic]
            assert (topic in redescribed) == grown
            assert row["named_size"] == (row["size"] if grown else named_before[topic])
        # Subtopics: a kept name keeps its size at naming; one named afresh has its present size.
        before = earlier.subtopic_table.set_index(["topic_id", "subtopic"])
        table = result.model.subtopics()
        for row in table.itertuples(index=False):
            key = (row.topic_id, row.subtopic)
            if key in before.index and row.keywords == list(before.loc[key, "keywords"]):
                assert row.named_size in (before.loc[key, "named_size"], row.size)
            else:
                assert row.named_size == row.size
        saved = read_previous(folder / f"model{step}").subtopic_table
        assert saved["named_size"].tolist() == table["named_size"].tolist()
    assert any(r["named_size"] < r["size"] for r in read_previous(folder / "model2").topics.to_dict(orient="records"))


def test_the_report_keeps_the_sizes_named_at(chain):
    folder, runs = chain
    document = json.loads((folder / "report0" / "topics.json").read_text(encoding="utf-8"))
    assert all(t["named_size"] == t["size"] for t in document["topics"])
    assert all(s["named_size"] == s["size"] for t in document["topics"] for s in t["subtopics"])
    assert all("named_size" not in e for e in document["events"])
    earlier = read_previous(folder / "report0")
    assert earlier.topics["named_size"].tolist() == earlier.topics["size"].tolist()


def without_named_sizes(source, target):
    """A copy of the saved model ``source`` as saved before the sizes were kept."""
    edited_copy(source, target, "model.json", lambda meta: meta.pop("named_sizes"))
    (target / "subtopics.json").write_text(json.dumps(without_subtopic_sizes(target / "subtopics.json")), encoding="utf-8")


def without_subtopic_sizes(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    for row in document["table"]:
        del row["named_size"]
    return document


def test_a_model_saved_without_the_sizes_loads_and_counts_from_its_sizes(chain, embedder, tmp_path):
    folder, runs = chain
    without_named_sizes(folder / "model1", tmp_path / "old")
    loaded = topics.TopicModel.load(tmp_path / "old")
    assert loaded.named_sizes_ is None and loaded.subtopics()["named_size"].isna().all()
    earlier = read_previous(tmp_path / "old")
    assert earlier.topics["named_size"].isna().all() and earlier.subtopic_table["named_size"].isna().all()
    result = topics.find_topics(folder / "corpus2.csv", embedder=embedder, previous=tmp_path / "old")
    assert result.update_mode == "update"
    is_new, labels = result.previous_rows < 0, np.asarray(result.model.labels_)
    for topic in result.model.topic_ids_:  # the rule before the sizes were kept
        n_new, n_seen = int(((labels == topic) & is_new).sum()), int(((labels == topic) & ~is_new).sum())
        assert (topic in set(result.model.redescribed_topics_.tolist())) == (n_new >= RELABEL_SHARE * n_seen)
    # The update records the sizes from then on: a kept name counts from the topic's units in the earlier run.
    for topic, named in result.model.named_sizes_.items():
        assert named == int(((labels == topic) & ~is_new).sum())
    assert result.model.subtopics()["named_size"].notna().all()


def edited_copy(source, target, name: str, edit):
    """A copy of the folder ``source`` whose JSON file ``name`` went through ``edit`` (in place)."""
    import shutil

    shutil.copytree(source, target)
    document = json.loads((target / name).read_text(encoding="utf-8"))
    edit(document)
    (target / name).write_text(json.dumps(document), encoding="utf-8")
    return target


@pytest.mark.parametrize("value", [-3, 0, 2.5, "12", True, None])
def test_a_damaged_size_named_at_is_refused_naming_the_file(chain, tmp_path, value):
    folder, _ = chain

    def topic_size(meta):
        topic = next(iter(meta["named_sizes"]))
        meta["named_sizes"][topic] = value
        if value is None:  # a topic left out
            del meta["named_sizes"][topic]

    with pytest.raises(InputError, match=r"model\.json.*named_size"):
        topics.TopicModel.load(edited_copy(folder / "model1", tmp_path / "model", "model.json", topic_size))
    if value is None:  # missing: read as saved before the sizes were kept
        return
    subtopics = edited_copy(folder / "model1", tmp_path / "subtopics", "subtopics.json", lambda d: d["table"][1].update(named_size=value))
    with pytest.raises(InputError, match=r"subtopics\.json: topic \d+, subtopic \d+: named_size"):
        read_previous(subtopics)
    report = edited_copy(folder / "report0", tmp_path / "report", "topics.json", lambda d: d["topics"][0].update(named_size=value))
    with pytest.raises(InputError, match=r"topics\.json: topic \d+: named_size"):
        read_previous(report)
