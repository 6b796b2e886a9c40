"""An update counts the corpus's growth from the fit its topics came from, not from the run just
before, and a topic that shrank is named afresh as one that grew (real model, dated BBC sample)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import topics
from dated_sample import dated_bbc_sample
from topics.modeling.previous import read_previous
from topics.modeling.update import MAX_UPDATE_SHARE, should_update
from topics.modeling.update_describe import RELABEL_SHARE, topics_to_describe


def test_units_earlier_updates_placed_count_as_new():
    rows = np.array([-1] * 10 + list(range(90)))  # a tenth new in this run
    assert should_update(rows)
    assert should_update(rows, joined_before=10)  # a fifth since the fit: still an update
    assert not should_update(rows, joined_before=11)
    # Placed units the corpus has since lost count no more than the units still here.
    assert not should_update(np.array([-1] * 25 + list(range(75))), joined_before=0)
    assert 0.2 == MAX_UPDATE_SHARE


def test_a_topic_that_shrank_since_named_is_named_afresh():
    table = pd.DataFrame({"topic_id": [0, 1], "label": "x", "size": [100, 50], "keywords": [["a"], ["b"]]})
    table["named_size"] = pd.Series([100, 50], dtype=object)
    labels = np.array([0] * 85 + [1] * 50)  # topic 0 lost 15 of the units it was named from
    fresh = topics_to_describe(labels, np.zeros(len(labels), bool), table, n_keywords=1)
    assert 15 >= RELABEL_SHARE * 100 and fresh.tolist() == [0]
    labels = np.array([0] * 95 + [1] * 50)  # 5 %: it keeps its name
    assert topics_to_describe(labels, np.zeros(len(labels), bool), table, n_keywords=1).tolist() == []


@pytest.fixture(scope="module")
def growing(tmp_path_factory, embedder):
    """Runs of the dated BBC sample at 150, 170 and 190 articles, each started from the one before
    (the first from its report, the second from its saved model)."""
    folder = tmp_path_factory.mktemp("growth")
    frame = dated_bbc_sample(4)
    results = []
    previous = None
    for step, n in enumerate((150, 170, 190)):
        frame.iloc[:n].to_csv(folder / f"corpus{step}.csv", index=False)
        result = topics.find_topics(folder / f"corpus{step}.csv", embedder=embedder, previous=previous)
        results.append(result)
        if step == 0:
            result.write_report(folder / "report0")
            previous = folder / "report0"
        else:
            result.model.save(folder / f"model{step}")
            previous = folder / f"model{step}"
    return folder, results


def test_a_chain_of_small_updates_ends_in_a_refit(growing):
    folder, (first, second, third) = growing
    n_units = [len(r.model.labels_) for r in (first, second, third)]
    document = json.loads((folder / "report0" / "topics.json").read_text(encoding="utf-8"))
    assert document["parameters"]["units when the topics were fitted"] == n_units[0]
    assert read_previous(folder / "report0").units_at_fit == n_units[0]
    # The second run adds about a tenth: an update, whose topics stay those fitted on the first corpus.
    assert second.update_mode == "update" and (second.previous_rows < 0).mean() <= MAX_UPDATE_SHARE
    assert second.model.units_at_fit_ == n_units[0] and read_previous(folder / "model1").units_at_fit == n_units[0]
    # The third adds another tenth: on its own an update, but over a fifth of the corpus is new since the fit.
    assert (third.previous_rows < 0).mean() <= MAX_UPDATE_SHARE < 1 - n_units[0] / n_units[2]
    assert third.update_mode == "refit" and third.model.units_at_fit_ == n_units[2]


def test_a_saved_model_with_a_damaged_fit_size_is_refused(growing, tmp_path):
    import shutil

    from topics.errors import InputError

    folder, _ = growing
    shutil.copytree(folder / "model1", tmp_path / "model")
    meta = json.loads((tmp_path / "model" / "model.json").read_text(encoding="utf-8"))
    meta["units_at_fit"] = "many"
    (tmp_path / "model" / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(InputError, match=r"model\.json.*units_at_fit"):
        topics.TopicModel.load(tmp_path / "model")
