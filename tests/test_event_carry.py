"""An earlier event stays an event when only later data arrives (real model, dated BBC sample).

Ten election stories told in five June days are an event; the corpus then grows by the months after
(more than a refit's share), among them more election stories in October, which take the June units'
nearest neighbours. No June article changed, so the June events must still be found."""

from __future__ import annotations

import pytest

import topics
from dated_sample import dated_bbc_sample


def run(frame, folder, embedder, previous=None):
    folder.mkdir()
    frame.sort_values(["date", "id"], kind="stable").to_csv(folder / "corpus.csv", index=False)
    return topics.find_topics(folder / "corpus.csv", level="paragraph", embedder=embedder, previous=previous)


@pytest.mark.parametrize("saved_before_named_sizes", [False, True])
def test_earlier_events_are_still_found_when_only_later_months_arrive(embedder, tmp_path, monkeypatch, saved_before_named_sizes):
    if saved_before_named_sizes:  # a run saved before subtopics kept the size their names were drawn from
        import topics.modeling.previous as previous_run

        read = previous_run._model_subtopics
        monkeypatch.setattr(previous_run, "_model_subtopics", lambda model: {
            **read(model), **({"subtopic_table": read(model)["subtopic_table"].assign(named_size=None)}
                              if "subtopic_table" in read(model) else {})})
    frame = dated_bbc_sample(0)
    election = frame.index[(frame["label"] == "politics") & frame["text"].str.contains("election")]
    frame.loc[election[:10], "date"] = [f"2005-06-0{1 + i % 5}" for i in range(10)]
    frame.loc[election[10:], "date"] = [f"2005-10-{10 + i:02d}" for i in range(len(election) - 10)]
    early = frame["date"] < "2005-07-01"
    earlier = run(frame[early], tmp_path / "a", embedder)
    events_before = earlier.model.events()
    assert (events_before["peak_date"].str.startswith("2005-06-0")).any()
    earlier.model.save(tmp_path / "model")  # with its subtopics

    grown = run(frame, tmp_path / "b", embedder, previous=tmp_path / "model")
    assert grown.update_mode == "refit"
    assert grown.since_last_run()["events_gone"] == []
    # Each earlier event's units sit together in one event of the grown corpus.
    before, after = earlier.model.document_info(), grown.model.document_info().set_index("unit_id")
    events_now = grown.model.events()
    flagged = set(zip(events_now["topic_id"], events_now["subtopic"]))
    for event in events_before.itertuples(index=False):
        units = before[(before["topic_id"] == event.topic_id) & (before["subtopic"] == event.subtopic)]["unit_id"]
        pairs = set(zip(after.loc[units, "topic_id"], after.loc[units, "subtopic"]))
        assert len(pairs) == 1 and pairs <= flagged, (event.label, pairs)
