"""An update asks of its subtopics what a fresh fit asks: only a part grown from a burst may be an event
(:data:`topics.modeling.events.ONLY_GROWN_FROM_BURSTS`), for the subtopics it keeps and those it finds
(real model, ISAF press releases re-dated into two stretches of coverage)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

import topics
from topics.modeling import events as event_stage

DATA = Path(__file__).resolve().parent / "data"
ISAF_SAMPLE, ISAF_MORE = DATA / "isaf_sample.jsonl", DATA / "isaf_formulas.jsonl"  # the second: the update's new releases


def two_stretches() -> pd.DataFrame:
    """The 60 releases, a third dated in nine days and the rest two months later: one broad story (the
    releases share their template) whose coverage has a gap, so a Ward part is cut off by its dates."""
    frame = pd.read_json(ISAF_SAMPLE, lines=True)[["id", "text", "date"]]
    rng = np.random.default_rng(1)
    days = np.where(rng.random(len(frame)) < 1 / 3, rng.integers(0, 9, len(frame)), rng.integers(60, 90, len(frame)))
    frame["date"] = (pd.Timestamp("2012-08-20") + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d")
    return frame.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def test_a_part_cut_by_date_is_no_event_after_a_fit_nor_after_an_update(embedder, tmp_path):
    frame = two_stretches()
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
    frame.to_csv(tmp_path / "a" / "corpus.csv", index=False)
    more = pd.read_json(ISAF_MORE, lines=True)[["id", "text", "date"]]
    more = more[~more["id"].isin(frame["id"]) & ~more["text"].isin(frame["text"])].iloc[:3].assign(date="2012-11-20")  # after the rest
    for name in ("b", "c"):
        pd.concat([frame, more], ignore_index=True).to_csv(tmp_path / name / "corpus.csv", index=False)
    earlier = topics.find_topics(tmp_path / "a" / "corpus.csv", level="paragraph", embedder=embedder, random_state=0)
    fitted = earlier.model.subtopics()
    # The first stretch is a part of its own, cut off by its dates: grown from no burst, so no event.
    cut = fitted[(fitted["last_date"] <= "2012-08-28") & (fitted["size"] >= 10)]
    assert len(cut) == 1 and not fitted["is_event"].any()
    key = (int(cut["topic_id"].iloc[0]), int(cut["subtopic"].iloc[0]))
    earlier.model.save(tmp_path / "model")
    earlier.write_report(tmp_path / "report")
    # The update keeps that part and its mark, from a saved model and from a report alike: still no event (it
    # tested every subtopic before, and flagged this one).
    for name, previous in (("b", tmp_path / "model"), ("c", tmp_path / "report")):
        updated = topics.find_topics(tmp_path / name / "corpus.csv", level="paragraph", embedder=embedder, random_state=0,
                                     previous=previous)
        assert updated.update_mode == "update"
        table = updated.model.subtopics().set_index(["topic_id", "subtopic"])
        assert table.loc[key, "last_date"] <= "2012-08-28" and not table["is_event"].any(), name
        assert not table.loc[key, "grown_from_burst"] and not cut["grown_from_burst"].iloc[0]

    # A model saved before the mark was kept: each of its subtopics may be an event, as its update then tested them.
    from topics.modeling.persist import SUBTOPICS_FILE

    saved = json.loads((tmp_path / "model" / SUBTOPICS_FILE).read_text(encoding="utf-8"))
    for row in saved["table"]:
        del row["grown_from_burst"]
    (tmp_path / "model" / SUBTOPICS_FILE).write_text(json.dumps(saved), encoding="utf-8")
    loaded = topics.TopicModel.load(tmp_path / "model").subtopics()
    assert loaded["grown_from_burst"].all() and loaded[["topic_id", "subtopic", "label"]].equals(fitted[["topic_id", "subtopic", "label"]])

    # Both readers take a missing or null mark as True (tested, as then) and refuse one that is not a boolean (the
    # text "false" would read as true). Before, a report's null read as False: that subtopic could be no event.
    from topics.errors import InputError
    from topics.modeling.previous import read_previous

    def marks_read(folder, file, rows, edit, read):
        document = json.loads((folder / file).read_text(encoding="utf-8"))
        for row, value in zip(rows(document), edit):
            row.pop("grown_from_burst", None)
            if value != "absent":
                row["grown_from_burst"] = value
        (folder / file).write_text(json.dumps(document), encoding="utf-8")
        return read(folder)["grown_from_burst"].tolist()

    report_rows = lambda document: [s for t in document["topics"] for s in t["subtopics"]]
    from_report = lambda folder: read_previous(folder).subtopic_table
    from_model = lambda folder: topics.TopicModel.load(folder).subtopics()
    for folder, file, rows, read in ((tmp_path / "report", "topics.json", report_rows, from_report),
                                     (tmp_path / "model", SUBTOPICS_FILE, lambda document: document["table"], from_model)):
        assert len(rows(json.loads((folder / file).read_text(encoding="utf-8")))) >= 3
        assert marks_read(folder, file, rows, [None, False, "absent"], read)[:3] == [True, False, True], file
        for wrong in ("false", 0):
            try:
                marks_read(folder, file, rows, [wrong], read)
            except InputError as exc:
                assert "grown_from_burst" in str(exc) and file in str(exc), file
            else:
                raise AssertionError(f"{file}: a mark of {wrong!r} was read")


def test_the_parts_an_update_splits_afresh_are_marked_by_the_split_a_burst_part_as_grown(embedder, tmp_path, monkeypatch):
    # A topic split afresh (its new units reach half its seen ones), and one whose new units a fresh split sets apart
    # (the scattered-bursts path, chosen here for every topic): parts grown from no burst keep False, so they are no
    # events; the new burst of election stories is marked grown and is an event.
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from dated_sample import dated_bbc_sample
    from topics.modeling import update_subtopics as update_stage

    frame = dated_bbc_sample(0)
    election = frame.index[(frame["label"] == "politics") & frame["text"].str.contains("election")][-10:]
    frame.loc[election, "date"] = [f"2005-11-0{1 + i % 5}" for i in range(len(election))]
    sport = frame.index[frame["label"] == "sport"][-20:]  # as many new as seen: that topic is split afresh
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    frame.drop(sport.union(election)).to_csv(tmp_path / "a" / "corpus.csv", index=False)
    frame.to_csv(tmp_path / "b" / "corpus.csv", index=False)
    earlier = topics.find_topics(tmp_path / "a" / "corpus.csv", level="article", embedder=embedder, random_state=0)
    before = earlier.model.subtopics()
    earlier.model.save(tmp_path / "model")
    split_afresh, split_for_new = [], []

    def spy(calls, function):
        def called(*args, **kwargs):
            calls.append(args)
            return function(*args, **kwargs)
        return called

    monkeypatch.setattr(update_stage, "_split_afresh", spy(split_afresh, update_stage._split_afresh))
    monkeypatch.setattr(update_stage, "_new_parts_of_a_fresh_split",
                        spy(split_for_new, update_stage._new_parts_of_a_fresh_split))
    for path in ("refind", "scattered"):
        if path == "scattered":
            monkeypatch.setattr(update_stage, "_changed_materially", lambda *args, **kwargs: False)
            monkeypatch.setattr(update_stage, "_new_bursts_unplaced", lambda *args, **kwargs: True)
        updated = topics.find_topics(tmp_path / "b" / "corpus.csv", level="article", embedder=embedder, random_state=0,
                                     previous=tmp_path / "model")
        assert updated.update_mode == "update"
        table = updated.model.subtopics()
        info = updated.model.document_info()
        topic_of = lambda rows: int(info.loc[info["article_id"].astype(str).isin(frame.loc[rows, "id"].astype(str)), "topic_id"].mode().iloc[0])
        sports = table[table["topic_id"] == topic_of(sport)]
        events = table[table["topic_id"] == topic_of(election)]
        assert events["grown_from_burst"].any() and events.loc[events["grown_from_burst"], "is_event"].any(), path
        assert (table["is_event"] <= table["grown_from_burst"]).all(), path
        known = set(before.loc[before["topic_id"] == sports["topic_id"].iloc[0], "subtopic"])
        new_parts = sports[~sports["subtopic"].isin(known)]
        if path == "refind":
            assert split_afresh and not sports["grown_from_burst"].any() and not sports["is_event"].any()
        else:
            assert split_for_new and len(new_parts) and not new_parts["grown_from_burst"].any(), path
