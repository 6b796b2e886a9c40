"""An update's subtopics start from the earlier run's: stable numbers, new units placed, a new burst
becomes a new event, and a large change finds them afresh (real model, dated BBC sample)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import topics
from dated_sample import dated_bbc_sample
from topics.errors import InputError
from topics.modeling import describe as describe_stage
from topics.modeling import subtopics as subtopic_stage


def no_fresh_search(*args, **kwargs):
    raise AssertionError("subtopics were searched afresh over the whole corpus")


@pytest.fixture(scope="module")
def frames():
    """The dated BBC sample; and the same with 10 election stories moved into five days after all the others."""
    frame = dated_bbc_sample(0)
    election = frame.index[(frame["label"] == "politics") & frame["text"].str.contains("election")][-10:]
    burst = frame.copy()
    burst.loc[election, "date"] = [f"2005-11-0{1 + i % 5}" for i in range(len(election))]
    burst = burst.sort_values(["date", "id"], kind="stable").reset_index(drop=True)
    return frame, burst


def run(frame: pd.DataFrame, folder, embedder, previous=None, level="article"):
    frame.to_csv(folder / "corpus.csv", index=False)
    return topics.find_topics(folder / "corpus.csv", level=level, embedder=embedder, previous=previous)


def saved_then_rerun(frame: pd.DataFrame, n_earlier: int, folder, embedder):
    """(earlier, rerun): a run of the first ``n_earlier`` articles, saved with its subtopics, and a run of
    the whole frame with it as the previous run."""
    (folder / "a").mkdir(), (folder / "b").mkdir()
    earlier = run(frame.iloc[:n_earlier], folder / "a", embedder)
    earlier.model.subtopics()
    earlier.model.save(folder / "model")
    return earlier, run(frame, folder / "b", embedder, previous=folder / "model")


def test_a_few_new_articles_keep_the_earlier_subtopics_and_are_placed_in_them(frames, embedder, tmp_path, monkeypatch):
    frame, _ = frames
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    earlier = run(frame.iloc[:190], tmp_path / "a", embedder)
    earlier.write_report(tmp_path / "report")  # the earlier run as a report: topics.json keeps the subtopics
    before = earlier.model.document_info().set_index("unit_id")
    monkeypatch.setattr(subtopic_stage, "find_subtopics", no_fresh_search)
    updated = run(frame, tmp_path / "b", embedder, previous=tmp_path / "report")
    assert updated.update_mode == "update"
    info = updated.model.document_info()
    seen = info["unit_id"].isin(before.index).to_numpy()
    assert seen.sum() == 190 and (~seen).sum() == 10
    # Seen units keep their (topic, subtopic); every earlier subtopic is still there under its number.
    kept = info[seen]["subtopic"].to_numpy() == before.loc[info[seen]["unit_id"], "subtopic"].to_numpy()
    assert kept.mean() >= 0.9
    table = updated.model.subtopics()
    earlier_pairs = set(zip(earlier.model.subtopics()["topic_id"], earlier.model.subtopics()["subtopic"]))
    assert earlier_pairs <= set(zip(table["topic_id"], table["subtopic"]))
    # Each new unit in a topic sits in one of its topic's subtopics, and the table counts it.
    placed = info[~seen & (info["topic_id"] >= 0).to_numpy()]
    assert len(placed) and (placed["subtopic"] >= 0).all()
    sizes = info[info["topic_id"] >= 0].groupby(["topic_id", "subtopic"]).size()
    assert sizes.to_dict() == {(t, s): n for t, s, n in zip(table["topic_id"], table["subtopic"], table["size"])}
    # A subtopic that did not change keeps its earlier name.
    old = earlier.model.subtopics().set_index(["topic_id", "subtopic"])
    unchanged = [(t, s) for t, s in sizes.index if (t, s) in old.index and sizes[(t, s)] == old.loc[(t, s), "size"]]
    assert unchanged and all(table.set_index(["topic_id", "subtopic"]).loc[p, "label"] == old.loc[p, "label"] for p in unchanged)


def test_new_articles_bursting_in_a_few_days_become_a_new_event(frames, embedder, tmp_path, monkeypatch):
    _, burst = frames
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    late = burst["date"] >= "2005-11-01"
    # Paragraphs: a burst is many units from several articles.
    earlier = run(burst[~late], tmp_path / "a", embedder, level="paragraph")
    earlier.model.subtopics()
    earlier.model.save(tmp_path / "model")  # a saved model keeps its subtopics too
    monkeypatch.setattr(subtopic_stage, "find_subtopics", no_fresh_search)
    updated = run(burst, tmp_path / "b", embedder, previous=tmp_path / "model", level="paragraph")
    assert updated.update_mode == "update"
    new_events = updated.since_last_run()["new_events"]
    assert new_events, updated.model.events()
    event = new_events[0]
    assert event["peak_date"].startswith("2005-11-0")
    numbers = earlier.model.subtopics()
    assert event["subtopic"] not in set(numbers[numbers["topic_id"] == event["topic_id"]]["subtopic"])
    info = updated.model.document_info()
    members = info[(info["topic_id"] == event["topic_id"]) & (info["subtopic"] == event["subtopic"])]
    assert (members["date"] >= "2005-11-01").mean() > 0.5
    assert members["article_id"].isin(set(burst.loc[late, "id"])).mean() > 0.5


def test_an_updates_bursts_are_a_fresh_fits_with_or_without_the_saved_neighbour_lists(frames, embedder, tmp_path):
    from topics.modeling.bursts import content_neighbours, find_bursts
    from topics.modeling.events import event_window_days
    from topics.modeling.subtopics import day_numbers
    from topics.modeling.timeline import unit_dates
    from topics.modeling.update_subtopics import _corpus_bursts

    _, burst = frames
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    earlier = run(burst[burst["date"] < "2005-11-01"], tmp_path / "a", embedder, level="paragraph")
    earlier.model.subtopics()
    earlier.model.save(tmp_path / "model")
    updated = run(burst, tmp_path / "b", embedder, previous=tmp_path / "model", level="paragraph")
    assert updated.update_mode == "update" and updated.previous.neighbours is not None
    model = updated.model
    dates = unit_dates(model.units_)
    days = day_numbers(dates.day_dates)
    articles = np.asarray(model.units_["article_id"].astype(str), dtype=object)
    vectors = np.asarray(model.embeddings_, dtype=np.float32)
    state = int(model.random_state)
    fresh = find_bursts(vectors, days, articles, event_window_days(dates.day_dates), state, neighbours=content_neighbours(vectors))
    seen = updated.previous_rows >= 0
    # Bursts among the units the new ones cannot reach too: a search near the new dates alone misses them.
    assert (fresh[seen & (days < days[~seen].min() - 14)] >= 0).any()
    for lists in (updated.previous.neighbours, None):  # saved lists completed, or searched afresh
        bursts = _corpus_bursts(vectors, days, articles, dates, updated.previous_rows, lists, state)[0]
        assert np.array_equal(bursts, fresh)


def test_a_large_change_finds_the_subtopics_afresh_numbered_as_before(frames, embedder, tmp_path):
    frame, _ = frames
    earlier, refitted = saved_then_rerun(frame, 100, tmp_path, embedder)
    assert refitted.update_mode == "refit"
    model = refitted.model
    units = model.units_
    fresh = subtopic_stage.find_subtopics(
        units["text"].tolist(), model.embeddings_, model.labels_, model.topic_ids_, units["date"], units["unit_id"],
        units["article_id"], n_keywords=model.n_keywords, n_representatives=model.n_representatives,
        aliases=model.aliases_, random_state=int(model.random_state),
    )
    got = model.document_info()["subtopic"].to_numpy()
    # The same subtopics as a fresh search, numbered as the earlier subtopics they continue.
    triples = set(zip(model.labels_, fresh.labels, got))
    assert len(triples) == len({(t, f) for t, f, _ in triples}) == len({(t, g) for t, _, g in triples})
    before = earlier.model.document_info().set_index("unit_id")
    info = model.document_info()
    seen = info["unit_id"].isin(before.index).to_numpy()
    old = before.loc[info["unit_id"][seen]]
    same_topic = old["topic_id"].to_numpy() == info["topic_id"].to_numpy()[seen]
    kept = (got[seen] == old["subtopic"].to_numpy())[same_topic].mean()
    assert kept >= (fresh.labels[seen] == old["subtopic"].to_numpy())[same_topic].mean()


def test_a_saved_model_gives_back_its_subtopics_without_searching_again(frames, embedder, tmp_path, monkeypatch):
    frame, _ = frames
    result = run(frame.iloc[:120], tmp_path, embedder)
    table = result.model.subtopics()
    result.model.save(tmp_path / "model")
    monkeypatch.setattr(subtopic_stage, "find_subtopics", no_fresh_search)
    loaded = topics.TopicModel.load(tmp_path / "model")
    pd.testing.assert_frame_equal(loaded.subtopics(), table, check_dtype=False)
    assert np.array_equal(loaded.document_info()["subtopic"], result.model.document_info()["subtopic"])
    # A damaged subtopics file is named, not half-read.
    np.save(tmp_path / "model" / "subtopics.npy", np.zeros(3, np.int64))
    with pytest.raises(InputError, match="subtopics.npy"):
        topics.TopicModel.load(tmp_path / "model")


def test_a_new_subtopic_is_named_and_its_unchanged_siblings_keep_their_names(frames, embedder, tmp_path, monkeypatch):
    from topics.modeling.timeline import parse_dates
    from topics.modeling.update_subtopic_table import subtopic_table

    frame, _ = frames
    _, updated = saved_then_rerun(frame, 190, tmp_path, embedder)
    assert updated.update_mode == "update"
    model, known = updated.model, updated.previous.subtopic_table
    sub_labels = np.asarray(model._subtopics().labels).copy()
    # The new units of the topic that took most of them become a subtopic of their own (as a new event would).
    new = updated.previous_rows < 0
    topic = int(pd.Series(model.labels_[new & (model.labels_ >= 0)]).mode()[0])
    moved = new & (model.labels_ == topic)
    number = int(known[known["topic_id"] == topic]["subtopic"].max()) + 1
    sub_labels[moved] = number
    described = []
    real_describe = describe_stage.describe_topics

    def describe_topics(texts, labels, topic_ids, *args, **kwargs):
        described.append((len(topic_ids), kwargs.get("named_rows")))
        return real_describe(texts, labels, topic_ids, *args, **kwargs)

    monkeypatch.setattr(describe_stage, "describe_topics", describe_topics)
    table = subtopic_table(model, sub_labels, parse_dates(model.units_["date"]), known, {topic: {number}})
    parts = sorted(table.loc[table["topic_id"] == topic, "subtopic"])
    # Only the new part is described (one call, one named row); every other part keeps its earlier name.
    assert described == [(len(parts), [parts.index(number)])]
    table, before = table.set_index(["topic_id", "subtopic"]), known.set_index(["topic_id", "subtopic"])
    assert table.loc[(topic, number), "label"] and int(table.loc[(topic, number), "size"]) == int(moved.sum())
    for part in parts:
        if part != number:
            assert table.loc[(topic, part), ["label", "keywords"]].tolist() == before.loc[(topic, part), ["label", "keywords"]].tolist()


def test_the_saved_neighbour_lists_give_the_update_a_fresh_searchs_lists_and_the_same_subtopics(frames, embedder, tmp_path):
    from topics.modeling.bursts import content_neighbours

    frame, _ = frames
    _, updated = saved_then_rerun(frame, 185, tmp_path, embedder)
    assert updated.update_mode == "update" and updated.previous.neighbours is not None
    found = updated.model._subtopics()
    lists, similarities = content_neighbours(updated.model.embeddings_, similarities=True)
    assert np.array_equal(found.neighbours[0], lists) and np.array_equal(found.neighbours[1], similarities)
    # A model saved without them (as before they were kept): searched afresh, the same subtopics.
    for name in ("neighbours.npy", "neighbour_similarities.npy"):
        (tmp_path / "model" / name).unlink()
    (tmp_path / "c").mkdir()
    again = run(frame, tmp_path / "c", embedder, previous=tmp_path / "model")
    assert again.previous.neighbours is None
    assert np.array_equal(again.model._subtopics().labels, found.labels)
    pd.testing.assert_frame_equal(again.model.subtopics(), updated.model.subtopics())
    # Damaged lists are named, not used.
    updated.model.save(tmp_path / "model")
    rows = lists.astype(np.int32)
    rows[3, 2] = len(rows)
    np.save(tmp_path / "model" / "neighbours.npy", rows)
    with pytest.raises(InputError, match="neighbours.npy"):
        topics.TopicModel.load(tmp_path / "model")
    np.save(tmp_path / "model" / "neighbours.npy", lists.astype(np.int32))
    np.save(tmp_path / "model" / "neighbour_similarities.npy", similarities[:, ::-1])
    with pytest.raises(InputError, match="must not grow"):
        topics.TopicModel.load(tmp_path / "model")
    (tmp_path / "model" / "neighbour_similarities.npy").unlink()  # one of the two files lost
    with pytest.raises(InputError, match="unreadable content neighbour lists"):
        topics.TopicModel.load(tmp_path / "model")
    (tmp_path / "model" / "neighbours.npy").write_bytes(b"not an array")
    np.save(tmp_path / "model" / "neighbour_similarities.npy", similarities)
    with pytest.raises(InputError, match="unreadable content neighbour lists"):
        topics.TopicModel.load(tmp_path / "model")


def test_a_subtopic_is_named_afresh_when_it_grew_by_a_fifth_not_by_a_tenth(frames, embedder):
    from topics.modeling.update_subtopics import SUBTOPIC_RELABEL_SHARE, _place_new_units

    frame, _ = frames
    sport = frame.loc[frame["label"] == "sport", "text"].tolist()
    business = frame.loc[frame["label"] == "business", "text"].tolist()
    # Two earlier subtopics of 20 stories each; 3 new sport stories (15 %) and 5 new business ones (25 %).
    texts = sport[:20] + business[:20] + sport[20:23] + business[20:25]
    earlier = np.array([0] * 20 + [1] * 20 + [-1] * 8)
    vectors = np.asarray(embedder.encode(texts), dtype=np.float32)
    local, grew = _place_new_units(
        vectors, np.full(len(texts), np.nan), np.full(len(texts), -1), None, np.zeros(1, np.int64),
        np.array([f"a{i}" for i in range(len(texts))], dtype=object), earlier, set(), {},
    )
    assert local[40:43].tolist() == [0, 0, 0] and local[43:].tolist() == [1] * 5
    assert 3 < SUBTOPIC_RELABEL_SHARE * 20 <= 5
    # Only the subtopic that grew by a fifth is named afresh; the one that grew by 15 % keeps its name.
    assert grew == {1}


def test_a_few_new_units_in_small_bursts_do_not_split_a_large_topic_afresh():
    # Before: 6 new units of a 294-unit topic in small new bursts (here three of two) made the whole topic split afresh
    # (its seen units moved between subtopics, which were all named again): they reached an event
    # part's size (5), though no fresh split can give fewer than a subtopic's size (10 here) a part.
    from topics.modeling.subtopics import min_subtopic_size
    from topics.modeling.update_subtopics import _new_bursts_unplaced

    def unplaced(n_seen: int, n_new: int) -> bool:
        seen = np.arange(n_seen + n_new) < n_seen
        bursts = np.where(seen, -1, (np.arange(n_seen + n_new) - n_seen) // 2)  # bursts of two new units
        articles = np.array([f"a{i}" for i in range(n_seen + n_new)], dtype=object)
        return _new_bursts_unplaced(bursts, np.ones(len(seen), bool), seen, articles, np.bincount(bursts[bursts >= 0]))

    assert min_subtopic_size(294) == 10
    assert not unplaced(288, 6)
    assert unplaced(288, 12)  # a subtopic's worth: a fresh split may find them a part


def test_a_story_of_small_new_bursts_becomes_a_new_subtopic_and_seen_units_keep_theirs(frames, embedder):
    from topics.modeling.update_subtopics import _new_parts_of_a_fresh_split, _place_new_units

    frame, _ = frames
    texts = {label: frame.loc[frame["label"] == label, "text"].tolist() for label in ("sport", "business")}
    election = frame.loc[(frame["label"] == "politics") & frame["text"].str.contains("election"), "text"].tolist()
    # Two earlier subtopics (sport, business) of 20 stories each; new: 3 sport stories and 10 election
    # stories from five days, in bursts of two.
    all_texts = texts["sport"][:20] + texts["business"][:20] + texts["sport"][20:23] + election[:10]
    earlier = np.array([0] * 20 + [1] * 20 + [-1] * 13)
    vectors = np.asarray(embedder.encode(all_texts), dtype=np.float32)
    days = np.concatenate([np.linspace(0, 300, 40), [400, 401, 402], 400 + np.arange(10) // 2])
    bursts = np.concatenate([np.full(43, -1), np.arange(10) // 2])
    articles = np.array([f"a{i}" for i in range(len(all_texts))], dtype=object)
    sizes = np.bincount(bursts[bursts >= 0])
    local, grew = _place_new_units(vectors, days, bursts, None, sizes, articles, earlier, set(), {})
    members = np.arange(len(all_texts))
    local, added = _new_parts_of_a_fresh_split(vectors, days, bursts, None, sizes, articles, members, local, earlier, 0)
    assert np.array_equal(local[:40], earlier[:40])  # seen units keep their subtopic
    assert added == {2} and (local[43:] == 2).all()  # the election stories: a subtopic of their own
    assert (local[40:43] == 0).all()  # the new sport stories stay where they were placed


def _an_event_with_fringe_and_two_parts() -> np.ndarray:
    """Forty vectors: an event's ten (the first and last of them, its fringe, lean to the next part), then two
    parts of fifteen."""
    rng = np.random.default_rng(5)
    event_centre, part_centre, other_centre = np.eye(8)[0], np.eye(8)[1], np.eye(8)[2]
    embeddings = np.vstack([
        event_centre + 0.05 * rng.standard_normal((10, 8)),
        part_centre + 0.05 * rng.standard_normal((15, 8)),
        other_centre + 0.05 * rng.standard_normal((15, 8)),
    ]).astype(np.float32)
    embeddings[[0, 9]] = 0.6 * event_centre + 0.4 * part_centre
    return embeddings


def test_a_topic_split_afresh_in_an_update_trims_an_event_led_by_a_name_as_a_fresh_fit_does():
    # Before: the update's fresh split of a topic was given no texts, so an event led by one person's
    # name kept its fringe days after an update while a full run of the same corpus trimmed them.
    from topics.modeling.subtopics import burst_people, split_with_events
    from topics.modeling.update_subtopics import _new_parts_of_a_fresh_split, _split_afresh

    embeddings = _an_event_with_fringe_and_two_parts()
    # The event: one burst of ten articles, eight on days 100-102, one ten days before, one thirteen after.
    days = np.array([90.0, 100, 100, 100, 101, 101, 101, 102, 102, 115] + list(np.linspace(200, 500, 30)))
    texts = [f"President Okafor said the bridge would open, item {i}." for i in range(10)]
    texts += [f"The river rose again, item {i}." for i in range(15)] + [f"Markets fell, item {i}." for i in range(15)]
    bursts = np.array([0] * 10 + [-1] * 30)
    articles = np.array([f"a{i}" for i in range(40)], dtype=object)
    sizes = np.bincount(bursts[bursts >= 0])
    people = burst_people(texts, bursts)
    assert "okafor" in people
    members, earlier = np.arange(40), np.full(40, -1, np.int64)

    fresh = split_with_events(embeddings, days, bursts, articles, 0, sizes, None, days, texts, people)
    updated = _split_afresh(embeddings, days, bursts, None, sizes, articles, members, earlier, 0, days, texts, people)
    untrimmed = _split_afresh(embeddings, days, bursts, None, sizes, articles, members, earlier, 0, days)
    # The same parts as a fresh fit (numbers aside): the fringe days left the event.
    pairs = set(zip(fresh, updated))
    assert len(pairs) == len(set(fresh)) == len(set(updated))
    assert (updated[1:9] == updated[1]).all() and updated[0] != updated[1] and updated[9] != updated[1]
    assert (untrimmed[:10] == untrimmed[0]).all()  # without the texts the fringe stays: the trim is what differs
    # The fresh split that finds a story of new units trims it too: here the event's ten units are new and
    # were placed in the earlier subtopic 0; the fresh split's event, mostly new, becomes a new subtopic
    # without its fringe days.
    before = np.r_[np.full(10, -1), np.zeros(15, np.int64), np.ones(15, np.int64)]
    placed = np.where(before < 0, 0, before)
    local, added = _new_parts_of_a_fresh_split(embeddings, days, bursts, None, sizes, articles, members, placed, before, 0,
                                               texts, people)
    assert added == {2} and (local[1:9] == 2).all() and list(local[[0, 9]]) == [0, 0]
    local, _ = _new_parts_of_a_fresh_split(embeddings, days, bursts, None, sizes, articles, members, placed, before, 0)
    assert (local[:10] == 2).all()


def test_a_new_event_of_an_ordinary_update_led_by_a_name_keeps_its_core_days_as_in_a_fresh_fit():
    # Before: only a topic split afresh trimmed an event led by one person's name; a new event that an
    # ordinary update built from new units kept its fringe days, while a full run trimmed them.
    from topics.modeling.subtopics import burst_people, split_with_events
    from topics.modeling.update_subtopics import _place_new_units

    embeddings = _an_event_with_fringe_and_two_parts()
    # New: one burst of ten articles, eight on days 100-102, one ten days before, one thirteen after.
    # Seen: subtopic 0 (the river) and subtopic 1, an earlier event that also writes the name and has
    # fringe days of its own: an update leaves its seen units where they are.
    days = np.array([90.0, 100, 100, 100, 101, 101, 101, 102, 102, 115] + list(np.linspace(0, 80, 15))
                    + [40.0] + [60.0] * 13 + [79.0])
    texts = [f"President Okafor said the bridge would open, item {i}." for i in range(10)]
    texts += [f"The river rose again, item {i}." for i in range(15)]
    texts += [f"Okafor spoke at the market, item {i}." for i in range(15)]
    bursts = np.array([0] * 10 + [-1] * 30)
    articles = np.array([f"a{i}" for i in range(40)], dtype=object)
    sizes = np.bincount(bursts[bursts >= 0])
    people = burst_people(texts, bursts)
    assert "okafor" in people
    earlier = np.r_[np.full(10, -1), np.zeros(15, np.int64), np.ones(15, np.int64)]

    local, grew = _place_new_units(embeddings, days, bursts, None, sizes, articles, earlier, {1}, {}, texts, people)
    assert np.array_equal(local[10:], earlier[10:])  # seen units keep their subtopics, the earlier event too
    assert (local[1:9] == 2).all() and list(local[[0, 9]]) == [0, 0] and 2 in grew
    # The same event as a fresh fit's split of the same units: its fringe days left it.
    fresh = split_with_events(embeddings, days, bursts, articles, 0, sizes, None, days, texts, people)
    assert np.array_equal(fresh[:10] == fresh[1], local[:10] == 2)
    # Without the texts the fringe stays: the trim is what differs.
    untrimmed, _ = _place_new_units(embeddings, days, bursts, None, sizes, articles, earlier, {1}, {})
    assert (untrimmed[:10] == 2).all()


def test_the_bursts_people_are_read_only_when_an_event_mostly_writes_one_word_and_split_as_when_read_first():
    # The corpus is read for people's names (burst_people) only when an event's members mostly write one
    # capitalised word: the split and an update's new event are those of the names read up front.
    from topics.modeling.subtopics import BurstPeople, burst_people, split_with_events
    from topics.modeling.update_subtopics import _place_new_units

    embeddings = _an_event_with_fringe_and_two_parts()
    days = np.array([90.0, 100, 100, 100, 101, 101, 101, 102, 102, 115] + list(np.linspace(200, 500, 30)))
    bursts = np.array([0] * 10 + [-1] * 30)
    articles = np.array([f"a{i}" for i in range(40)], dtype=object)
    sizes = np.bincount(bursts[bursts >= 0])
    rest = [f"The river rose again, item {i}." for i in range(15)] + [f"Markets fell, item {i}." for i in range(15)]
    named = [f"President Okafor said the bridge would open, item {i}." for i in range(10)] + rest
    # Each of the event's units writes other capitalised words: none is written by most, so nobody is asked about.
    unnamed = [f"{word} said the bridge would open, item {i}." for i, word in enumerate("Ama Bo Cy Di Ed Fa Gu Hi Io Ju".split())] + rest
    earlier = np.r_[np.full(10, -1), np.zeros(15, np.int64), np.ones(15, np.int64)]
    for texts, trimmed in ((named, True), (unnamed, False)):
        people = BurstPeople(texts, bursts)
        found = split_with_events(embeddings, days, bursts, articles, 0, sizes, None, days, texts, people)
        assert np.array_equal(found, split_with_events(embeddings, days, bursts, articles, 0, sizes, None, days, texts,
                                                       burst_people(texts, bursts)))
        assert (found[0] != found[1]) == trimmed  # the fringe day left the event led by a name, and only that one
        assert bool(people._decided) == trimmed
        people = BurstPeople(texts, bursts)
        local, _ = _place_new_units(embeddings, days, bursts, None, sizes, articles, earlier, set(), {}, texts, people)
        eager, _ = _place_new_units(embeddings, days, bursts, None, sizes, articles, earlier, set(), {}, texts,
                                    burst_people(texts, bursts))
        assert np.array_equal(local, eager) and bool(people._decided) == trimmed


def test_new_events_told_in_the_same_articles_become_one_event_part_as_in_a_fresh_split():
    # Before: a fresh split joined two bursts of one story told in the same articles at the same moment
    # (topics.modeling.told_together), while an update that found them among its new units kept two events.
    from topics.modeling.subtopics import split_with_events
    from topics.modeling.update_subtopics import _place_new_units

    rng = np.random.default_rng(0)
    directions = np.eye(16)[:4]
    # Seen: two long-running subtopics of other days and articles. New: two bursts, two aspects (directions)
    # of the same five articles in the same three days.
    centres = [directions[2]] * 20 + [directions[3]] * 20 + [directions[0]] * 10 + [directions[1]] * 10
    embeddings = np.asarray(centres) + 0.05 * rng.standard_normal((60, 16))
    embeddings = (embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)).astype(np.float32)
    days = np.concatenate([np.linspace(0, 90, 40), 100.0 + np.arange(20) % 3])
    bursts = np.r_[np.full(40, -1), np.zeros(10, np.int64), np.ones(10, np.int64)]
    articles = np.array([f"other{i}" for i in range(40)] + [f"story{i % 5}" for i in range(20)], dtype=object)
    sizes = np.bincount(bursts[bursts >= 0])
    earlier = np.r_[np.zeros(20, np.int64), np.ones(20, np.int64), np.full(20, -1)]

    local, grew = _place_new_units(embeddings, days, bursts, None, sizes, articles, earlier, set(), {})
    assert np.array_equal(local[:40], earlier[:40])  # seen units keep their subtopics
    assert (local[40:] == 2).all() and 2 in grew  # one new event, numbered after the earlier subtopics
    fresh = split_with_events(embeddings, days, bursts, articles, 0)
    assert len(set(fresh[40:])) == 1  # as a fresh split of the same units


def test_a_new_event_takes_no_number_of_a_subtopic_that_is_gone():
    # The earlier run had subtopics 0 and 1 here; subtopic 1's units are gone, and a burst of new units arrives.
    # Numbered after the seen units alone, the new event would be "1" and be offered the gone subtopic's name.
    from topics.modeling.update_subtopics import _place_new_units

    rng = np.random.default_rng(0)
    centres = np.eye(16)[[5] * 20 + [0] * 10]
    embeddings = (centres + 0.05 * rng.standard_normal((30, 16))).astype(np.float32)
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    days = np.r_[np.linspace(0, 90, 20), 100.0 + np.arange(10) % 3]
    bursts = np.r_[np.full(20, -1), np.zeros(10, np.int64)]
    articles = np.array([f"old{i}" for i in range(20)] + [f"new{i % 5}" for i in range(10)], dtype=object)
    earlier = np.r_[np.zeros(20, np.int64), np.full(10, -1)]
    local, grew = _place_new_units(embeddings, days, bursts, None, np.bincount(bursts[bursts >= 0]), articles, earlier,
                                   {1}, {0: 20, 1: 15}, first_free=2)
    assert (local[:20] == 0).all() and set(local[20:].tolist()) == {2} and grew == {2}
