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
