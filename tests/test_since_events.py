"""Since the last run: earlier events still found that changed (grown, split, joined), told in
topics.json, report.md and the page (real model, the dated BBC sample with an election burst)."""

from __future__ import annotations

import json

import pytest

import topics
from dated_sample import dated_bbc_sample
from topics.modeling.since_events import GROWN_FACTOR, MIN_PART_UNITS, SPLIT_SHARE


@pytest.fixture(scope="module")
def burst():
    """The dated BBC sample with ten election stories moved into five days of November, after all the others."""
    frame = dated_bbc_sample(0)
    election = frame.index[(frame["label"] == "politics") & frame["text"].str.contains("election")][-10:]
    frame.loc[election, "date"] = [f"2005-11-0{1 + i % 5}" for i in range(len(election))]
    return frame.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def two_runs(frame, folder, embedder, told: int, before: str | None):
    """The earlier run (a report) holds ``told`` of the burst's stories and the articles dated before
    ``before`` (all when None); the later run, all of them."""
    late = frame.index[frame["date"] >= "2005-11-01"]
    first = frame.drop(late[told:])
    if before:
        first = first[(first["date"] < before) | (first["date"] >= "2005-11-01")]
    first.to_csv(folder / "early.csv", index=False)
    frame.to_csv(folder / "all.csv", index=False)
    topics.find_topics(folder / "early.csv", level="paragraph", embedder=embedder).write_report(folder / "early")
    later = topics.find_topics(folder / "all.csv", level="paragraph", embedder=embedder, previous=folder / "early")
    later.write_report(folder / "later")
    document = json.loads((folder / "later" / "topics.json").read_text(encoding="utf-8"))
    return later, document, (folder / "later" / "report.md").read_text(encoding="utf-8"), (folder / "later" / "index.html").read_text(encoding="utf-8")


def changed_lines(markdown: str) -> list[str]:
    lines = markdown.splitlines()
    start = lines.index("Events changed:") + 2
    end = next(i for i in range(start, len(lines) + 1) if i == len(lines) or not lines[i].startswith("- "))
    return lines[start:end]


def test_an_event_the_next_reports_continued_is_told_grown(burst, embedder, tmp_path):
    """Three of the election stories before, all ten now (a refit: the earlier run stopped in August):
    the earlier event's units are mostly in one event now, more than twice its size, with new units."""
    later, document, markdown, page = two_runs(burst, tmp_path, embedder, told=3, before="2005-08-01")
    since = document["since_last_run"]
    grown = [e for e in since["events_changed"] if e["change"] == "grown"]
    assert grown, since["events_changed"]
    event = grown[0]
    now = event["now"]
    assert now["size"] >= GROWN_FACTOR * event["size"] and now["new_units"] > 0 and 2 * now["units"] > event["units_now"]
    # The earlier event is still found, so it is not told as gone.
    assert (event["topic_id"], event["subtopic"]) not in {(e["topic_id"], e["subtopic"]) for e in since["events_gone"]}
    # The current event is one of the report's events, with its peak date.
    current = {(e["topic_id"], e["subtopic"]): e for e in document["events"]}
    assert current[(now["topic_id"], now["subtopic"])]["peak_date"] == now["peak_date"]
    line = (f"- grown: {event['peak_date']}: {event['label']} ({event['size']} paragraphs) in {event['topic_id']}. {event['topic_label']}; "
            f"now topic {now['topic_id']}, subtopic {now['subtopic']}: {now['label']} (peak {now['peak_date']}): {event['size']} → {now['size']} paragraphs ({now['new_units']} new)")
    assert line.replace("\\", "") in [item.replace("\\", "") for item in changed_lines(markdown)]
    assert "<tr><td>event grown</td>" in page and f"{event['size']} → {now['size']}" in page


def test_events_split_and_joined_are_told_with_their_parts(burst, embedder, tmp_path, monkeypatch):
    """Five of the stories before, all ten now (an update): the next days' reports tie two earlier
    events into one, and spread another over three. The three are parts told in the same articles on
    the same days, which a split joins into one (:mod:`topics.modeling.told_together`); here they are
    kept apart, as a split that drew the story as three moments would, to see a split told."""
    import topics.modeling.told_together as told_together

    monkeypatch.setattr(told_together, "join_told_together", lambda labels, *_: labels)
    later, document, markdown, page = two_runs(burst, tmp_path, embedder, told=5, before="2005-09-15")
    assert later.update_mode == "update"
    since = document["since_last_run"]
    kinds = {e["change"] for e in since["events_changed"]}
    assert {"joined", "split"} <= kinds, since["events_changed"]
    for event in since["events_changed"]:
        if event["change"] == "split":
            assert len(event["now_in"]) >= 2
            assert all(n["units"] >= max(SPLIT_SHARE * event["units_now"], MIN_PART_UNITS) for n in event["now_in"])
        if event["change"] == "joined":
            assert len(event["joined"]) >= 2 and all(2 * x["units"] > 0 for x in event["joined"])
            assert len({(x["topic_id"], x["subtopic"]) for x in event["joined"]}) == len(event["joined"])
    items = [item.replace("\\", "") for item in changed_lines(markdown)]  # md_text escapes "0." as "0\\."
    assert any(item.startswith("- split: ") and " is now " in item for item in items)
    joined = next(e for e in since["events_changed"] if e["change"] == "joined")
    now = joined["now"]
    assert any(item.startswith("- joined: ") and item.endswith(
        f"now one event, topic {now['topic_id']}, subtopic {now['subtopic']}: {now['label']} (peak {now['peak_date']}): "
        f"{sum(x['size'] for x in joined['joined'])} → {now['size']} paragraphs ({now['new_units']} new)") for item in items), items
    assert "<tr><td>events joined</td>" in page and "<tr><td>event split</td>" in page


def test_parts_told_in_the_same_articles_are_no_split(burst, embedder, tmp_path):
    """The same runs with the parts joined: the story is one event now, joined with the other, not split."""
    later, document, _, _ = two_runs(burst, tmp_path, embedder, told=5, before="2005-09-15")
    kinds = [e["change"] for e in document["since_last_run"]["events_changed"]]
    assert "joined" in kinds and "split" not in kinds, kinds


def test_corpus_text_in_a_changed_event_stays_inert():
    from topics.report.markdown import _pct, md_text
    from topics.report.since_section import since_markdown

    hostile = "<script>x</script> *bold* [link](http://a)"
    old = {"topic_id": 1, "topic_label": hostile, "subtopic": 2, "label": hostile, "size": 5, "peak_date": "2021-08-15", "units_now": 5}
    now = {"topic_id": 1, "topic_label": hostile, "subtopic": 3, "label": hostile, "size": 20, "peak_date": "2021-08-27", "new_units": 15, "units": 5}
    since = {"previous": {"folder": "july", "units": 100, "topics": 5}, "mode": "update", "new_units": 20, "kept_topic": 1.0,
             "seen_units": 100, "new_topics": [], "grown": [], "shrunk": [], "renewed": [], "quiet": [], "gone": [], "new_keywords": [],
             "events_changed": [{"change": "grown", **old, "now": now}]}
    lines = since_markdown({"level": "paragraph", "since_last_run": since}, md_text, _pct)
    line = lines[lines.index("Events changed:") + 2]
    assert "<script>" not in line and md_text(hostile) in line and "5 → 20 paragraphs (15 new)" in line
