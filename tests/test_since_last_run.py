"""Since the last run: a corpus split in two by date, the later run carrying the earlier run's topics over."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import topics
from dated_sample import dated_bbc_sample
from older_ids import digest_as_older_versions_wrote
from topics.errors import InputError, TopicsWarning
from topics.modeling.update import matched_ids



@pytest.fixture(scope="module")
def dated_files(tmp_path_factory):
    """The BBC sample with dates over ten months, as real CSV files: the first 180 articles by date, then all 200."""
    folder = tmp_path_factory.mktemp("since")
    frame = dated_bbc_sample(0)
    frame.iloc[:180].to_csv(folder / "early.csv", index=False)
    frame.iloc[:100].to_csv(folder / "half.csv", index=False)
    frame.to_csv(folder / "all.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def early_report(dated_files, embedder):
    result = topics.find_topics(dated_files / "early.csv", embedder=embedder)
    result.write_report(dated_files / "early_report")
    return result, dated_files / "early_report"


@pytest.fixture(scope="module")
def updated(dated_files, early_report, embedder):
    return topics.find_topics(dated_files / "all.csv", embedder=embedder, previous=early_report[1])


def test_a_small_increment_is_assigned_to_the_earlier_topics_without_refit(early_report, updated):
    earlier = early_report[0]
    assert updated.update_mode == "update"
    before = dict(zip(earlier.units["unit_id"], earlier.model.labels_))
    seen = updated.units["unit_id"].isin(before).to_numpy()
    assert seen.sum() == len(before) and (~seen).sum() > 0
    # Every unit the earlier run saw keeps its topic id; the topics keep their ids and names' sources.
    kept = [before[u] for u in updated.units["unit_id"][seen]]
    assert np.array_equal(np.asarray(updated.model.labels_)[seen], kept)
    assert set(updated.model.topic_ids_) == set(earlier.model.topic_ids_)
    # A new unit joins the earlier topic whose centre it is nearest to, or whose members are its neighbours (or none).
    # Before: 26 % of the new articles joined no topic (a tenth of the members' own floor), where a refit placed all.
    new_labels = np.asarray(updated.model.labels_)[~seen]
    assert (new_labels >= 0).mean() >= 0.85
    since = updated.since_last_run()
    assert since["mode"] == "update" and since["kept_topic"] == 1.0
    assert since["new_units"] == int((~seen).sum()) and since["seen_units"] == int(seen.sum())
    grown = {t["topic_id"]: t for t in since["grown"]}
    for topic in set(new_labels[new_labels >= 0]):
        assert grown[int(topic)]["new_units"] == int((new_labels == topic).sum())
    assert not since["new_topics"] and not since["gone"]
    # The new units in no topic are counted too (before, the "+N new" of the topics fell short of the total).
    assert since["new_outliers"] == int((new_labels < 0).sum()) > 0
    listed = sum(t["new_units"] for name in ("grown", "shrunk", "renewed", "quiet", "new_topics") for t in since[name])
    assert listed + since["new_outliers"] == since["new_units"]


def test_the_report_says_what_changed(dated_files, updated):
    folder = dated_files / "updated_report"
    updated.write_report(folder)
    document = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    assert document["since_last_run"]["new_units"] == updated.since_last_run()["new_units"]
    markdown = (folder / "report.md").read_text(encoding="utf-8")
    assert "## Since the last run" in markdown and "Grown:" in markdown
    outliers = document["since_last_run"]["new_outliers"]
    assert f"{outliers} of the new paragraphs joined no topic (outliers)." in markdown
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert 'id="since-last-run"' in page and f"{outliers} of the new paragraphs joined no topic" in page
    # The same topic keeps its colour from one run to the next.
    before = json.loads((dated_files / "early_report" / "topics.json").read_text(encoding="utf-8"))
    colours = {t["topic_id"]: t["color"] for t in before["topics"]}
    assert all(colours[t["topic_id"]] == t["color"] for t in document["topics"] if t["topic_id"] in colours)


@pytest.fixture(scope="module")
def churned(tmp_path_factory, embedder):
    """Two reports of a corpus that changed both ways (an update): ten business articles left it, twenty
    sport ones came in, and one sentence was added to an article on the Oscars (its last paragraph is a new
    unit, and the old one is gone); every ninth article has no date, so both reports carry notes on the dates."""
    folder = tmp_path_factory.mktemp("churned")
    frame = dated_bbc_sample(0)
    frame.loc[frame.index % 9 == 4, "date"] = None
    sport = frame.index[frame["label"] == "sport"][-20:]
    business = frame.index[frame["label"] == "business"][:10]
    frame.drop(index=sport).to_csv(folder / "earlier.csv", index=False)
    later = frame.drop(index=business)
    later.loc[later["id"] == "bbc-0473", "text"] += " The ceremony itself is on 27 February."
    later.to_csv(folder / "later.csv", index=False)
    topics.find_topics(folder / "earlier.csv", embedder=embedder).write_report(folder / "earlier")
    later = topics.find_topics(folder / "later.csv", embedder=embedder, previous=folder / "earlier")
    later.write_report(folder / "later")
    return folder


def _blocks(markdown: str) -> list[list]:
    """The top-level blocks of ``markdown`` as a CommonMark renderer reads them, with the text a reader
    sees: [kind, text] for a heading or paragraph, ["bullet_list", [item texts]] for a list (only its
    items' own lines: an item holding a list adds none), [kind, None] for others. A loose list (a
    blank line between its items: two lists read as one) gets a "<loose>" item."""
    from markdown_it import MarkdownIt

    def text(inline) -> str:
        return "".join("\n" if c.type == "softbreak" else c.content for c in inline.children if c.type in ("text", "code_inline", "softbreak"))

    blocks = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.level == 0 and token.nesting >= 0:
            kind = token.type.removesuffix("_open")
            blocks.append([kind, [] if kind == "bullet_list" else None])
        elif token.type == "inline" and token.level == 1 and blocks[-1][0] in ("heading", "paragraph"):
            blocks[-1][1] = text(token)
        elif token.type == "inline" and token.level == 3 and blocks[-1][0] == "bullet_list":
            blocks[-1][1].append(text(token))
        elif token.type == "paragraph_open" and token.level == 2 and not token.hidden and "<loose>" not in blocks[-1][1]:
            blocks[-1][1].append("<loose>")
    return blocks


HEADER_ITEMS = ("Source: ", "Embedding model: ", "Topic model: ", "Aliases: ", "Dates: ", "Generated: ")


@pytest.mark.parametrize("run", ["earlier", "later"])
def test_report_md_keeps_the_notes_and_each_list_apart(churned, run):
    # Before, the notes on the dates were items of the list above them: the header's, or with an earlier
    # run the last list of "Since the last run" (after "Gone:" or "Keywords that entered:"); and each item
    # "- 3. Label" held a list numbered from 3 instead of the text.
    document = json.loads((churned / run / "topics.json").read_text(encoding="utf-8"))
    blocks = _blocks((churned / run / "report.md").read_text(encoding="utf-8"))
    notes = document["time"]["notes"]
    assert notes and any("have no date" in note for note in notes)
    assert blocks[0][0] == "heading" and blocks[1][0] == "paragraph"
    assert blocks[2][0] == "bullet_list" and all(item.startswith(HEADER_ITEMS) for item in blocks[2][1])
    at = blocks.index(["paragraph", "Notes on the dates:"])
    assert blocks[at + 1] == ["bullet_list", notes]
    for before, block in zip(blocks, blocks[1:]):
        if block[0] == "bullet_list":  # says what it lists; one line an item, no list joined to it
            assert before[0] in ("heading", "paragraph"), (before, block)
            assert all("\n" not in item and item != "<loose>" for item in block[1]), block
    since = document["since_last_run"]
    assert (["heading", "Since the last run"] in blocks) == (since is not None)
    if since is None:
        return
    titles = {"Grown:": "grown", "Shrunk:": "shrunk", "Renewed (same size, some new):": "renewed", "Quiet (same size, nothing new):": "quiet",
              "Gone:": "gone", "Keywords that entered:": "new_keywords", "New topics:": "new_topics"}
    shown = {titles[text]: blocks[at + 1][1] for at, (kind, text) in enumerate(blocks) if kind == "paragraph" and text in titles}
    assert shown["grown"] and shown["shrunk"] and shown["renewed"] and shown["quiet"]
    for name, items in shown.items():
        assert [item.split(". ")[0] for item in items] == [str(t["topic_id"]) for t in since[name]], name
    closest = blocks[blocks.index(["heading", "Closest topics"]) + 1]
    assert closest[0] == "bullet_list" and len(closest[1]) == 5 and all(" ↔ " in item for item in closest[1])


def test_each_continuing_topic_is_in_one_list_of_what_changed(churned):
    # Before, a topic that lost units and took none new was listed as shrunk and as quiet ("nothing new").
    document = json.loads((churned / "later" / "topics.json").read_text(encoding="utf-8"))
    since = document["since_last_run"]
    assert since["mode"] == "update"
    new_ids = {t["topic_id"] for t in since["new_topics"]}
    listed = [t["topic_id"] for name in ("grown", "shrunk", "renewed", "quiet") for t in since[name]]
    assert sorted(listed) == sorted(t["topic_id"] for t in document["topics"] if t["topic_id"] not in new_ids)
    assert all(t["size"] > t["previous_size"] for t in since["grown"])
    assert all(t["size"] < t["previous_size"] for t in since["shrunk"])
    assert all(t["size"] == t["previous_size"] and t["new_units"] > 0 for t in since["renewed"])
    assert all(t["size"] == t["previous_size"] and t["new_units"] == 0 for t in since["quiet"])
    lost = [t for t in since["shrunk"] if t["new_units"] == 0]
    assert lost  # articles left, no new one came
    assert since["renewed"]  # the Oscars' topic: its edited paragraph is back in it as a new unit (before: in no list)
    blocks = _blocks((churned / "later" / "report.md").read_text(encoding="utf-8"))
    shrunk = blocks[blocks.index(["paragraph", "Shrunk:"]) + 1][1]
    for t in lost:  # what left is said: the sizes add up
        assert f"{t['topic_id']}. {t['label']}: {t['previous_size']} → {t['size']} paragraphs (nothing new, −{t['gone_units']} gone)" in shrunk
        assert t["gone_units"] == t["previous_size"] - t["size"]
    renewed = blocks[blocks.index(["paragraph", "Renewed (same size, some new):"]) + 1][1]
    assert renewed == [f"{t['topic_id']}. {t['label']}: {t['size']} → {t['size']} paragraphs (+{t['new_units']} new, −{t['gone_units']} gone)"
                       for t in since["renewed"]]
    assert since["gone_reasons"] == {"article_removed": since["gone_units"] - 1, "text_changed": 1}  # ten articles left, one edited
    page = (churned / "later" / "index.html").read_text(encoding="utf-8")
    for name in ("grown", "shrunk", "renewed", "quiet"):
        assert page.count(f"<tr><td>{name}</td>") == len(since[name]), name


def test_an_edited_unit_is_placed_again(early_report):
    from topics.modeling.previous import check_previous, read_previous

    earlier = read_previous(early_report[1])
    units = early_report[0].units
    texts = units["text"].tolist()
    texts[0] = texts[0] + " A sentence added later."
    rows = check_previous(earlier, "paragraph", earlier.embedding_model, units["unit_id"], texts)
    assert rows[0] == -1 and (rows[1:] >= 0).all()


def test_an_automatic_update_gives_new_units_the_topics_the_earlier_models_predict_gives(early_report, updated):
    # Assigned without refitting: the earlier model's centres and floors place each new unit, outliers included.
    new = updated.previous_rows < 0
    labels = np.asarray(updated.model.labels_)
    assert new.sum() >= 10 and (labels[new] < 0).any() and (labels[new] >= 0).any()
    np.testing.assert_array_equal(labels[new], early_report[0].model.predict(updated.model.embeddings_)[new])


def test_an_update_with_n_topics_after_a_run_with_outliers_keeps_its_topics_and_floors(dated_files, early_report, updated, embedder):
    # Before: n_topics made the floors those of k-means topics (none), so every new unit was forced into a topic.
    earlier = early_report[0].model
    n_topics = len(earlier.topic_ids_) + 2  # another count than the earlier run's: an update keeps the earlier topics
    said = []
    again = topics.find_topics(dated_files / "all.csv", embedder=embedder, previous=early_report[1], n_topics=n_topics, log=said.append)
    assert again.update_mode == "update" and again.model.mode_ == "automatic"
    assert any(f"n_topics={n_topics} left unused" in line for line in said)  # said, not silently ignored
    np.testing.assert_array_equal(again.model.labels_, updated.model.labels_)
    assert set(again.model.topic_ids_) == set(earlier.topic_ids_) and np.isfinite(again.model.assignment_floors_).all()
    assert again.since_last_run()["new_outliers"] == updated.since_last_run()["new_outliers"] > 0


def test_an_update_with_reduce_outliers_keeps_the_earlier_runs_floors(dated_files, early_report, updated, embedder):
    # Before: this call's reduce_outliers gave the floors (the members' lower quantile), so new units the
    # earlier model's predict leaves out joined a topic.
    said = []
    again = topics.find_topics(dated_files / "all.csv", embedder=embedder, previous=early_report[1], reduce_outliers=True, log=said.append)
    assert again.update_mode == "update" and again.previous.outlier_settings == (False, None)
    assert any("reduce_outliers=True, outlier_similarity=None left unused" in line for line in said)
    np.testing.assert_array_equal(again.model.labels_, updated.model.labels_)
    np.testing.assert_array_equal(again.model.assignment_floors_, updated.model.assignment_floors_)
    assert again.since_last_run()["new_outliers"] == updated.since_last_run()["new_outliers"] > 0


def test_an_earlier_runs_outlier_settings_are_read_back_and_a_damaged_floor_is_none(early_report, tmp_path):
    # Before: any number was taken as the earlier fit's cosine floor (5.0 or NaN placed new units wrongly).
    from topics.modeling.previous import read_previous

    assert read_previous(early_report[1]).outlier_settings == (False, None)
    assert read_previous(early_report[0].model.save(tmp_path / "model")).outlier_settings == (False, None)
    folder = tmp_path / "report"
    shutil.copytree(early_report[1], folder)
    document = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    for similarity, expected in ((0.3, (True, 0.3)), (5.0, None), (float("nan"), None), ("0.3", None)):
        document["parameters"].update(reduce_outliers=True, outlier_similarity=similarity)
        (folder / "topics.json").write_text(json.dumps(document), encoding="utf-8")
        assert read_previous(folder).outlier_settings == expected, similarity
    document["parameters"].pop("reduce_outliers")  # a report written before it was kept
    (folder / "topics.json").write_text(json.dumps(document), encoding="utf-8")
    assert read_previous(folder).outlier_settings is None


def test_a_single_topic_run_read_back_has_no_floors_as_its_predict_has_none(early_report, seeds_corpus, seeds_paragraph_embeddings, tmp_path):
    # Before: a saved single-topic model read back had floors its predict never had, and a report of one
    # did not name its kind (read as unknown, so an earlier run with outliers was given floors).
    from topics.modeling.model import TopicModel
    from topics.modeling.placement import has_floors
    from topics.modeling.previous import read_previous

    units = seeds_corpus.units("paragraph").iloc[:3]
    single = TopicModel(random_state=7).fit(units, embeddings=np.repeat(seeds_paragraph_embeddings[:1], 3, axis=0))
    assert single.mode_ == "single" and not has_floors(single.mode_) and np.isneginf(single.assignment_floors_).all()
    previous = read_previous(single.save(tmp_path / "model"))
    assert previous.clustering == "single" and previous.has_floors is False
    folder = tmp_path / "report"
    shutil.copytree(early_report[1], folder)
    document = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    assert document["parameters"]["clustering"] == "automatic"
    previous = read_previous(folder)
    assert previous.has_floors and (previous.labels < 0).any()
    document["parameters"]["clustering"] = "single"  # as a report of a single-topic run names it
    (folder / "topics.json").write_text(json.dumps(document), encoding="utf-8")
    previous = read_previous(folder)
    assert previous.clustering == "single" and previous.has_floors is False


def test_a_saved_model_serves_as_the_earlier_run(dated_files, early_report, updated, embedder):
    early_report[0].model.save(dated_files / "early_model")
    again = topics.find_topics(dated_files / "all.csv", embedder=embedder, previous=dated_files / "early_model")
    assert again.update_mode == "update"
    assert np.array_equal(again.model.labels_, updated.model.labels_)
    # The updated model names the embedding model its vectors came from, as a fitted one does.
    assert again.model.embedder_model_id_ == embedder.model_id


def test_an_update_from_a_run_whose_topic_ids_have_gaps_places_new_units_as_one_numbered_without(dated_files, early_report, updated, embedder, tmp_path):
    # Ids with gaps (a refit gives fresh ids above the earlier ones; a gone topic leaves a hole). Before,
    # each topic's floor was read from the members of the topic numbered as its row: new units were outliers.
    def shifted(topic):
        return topic + 10 if topic >= 1 else topic

    def renumber(node):
        if isinstance(node, dict):
            return {key: shifted(value) if key == "topic_id" and isinstance(value, int) else renumber(value) for key, value in node.items()}
        return [renumber(item) for item in node] if isinstance(node, list) else node

    folder = tmp_path / "gaps"
    shutil.copytree(early_report[1], folder)
    document = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    (folder / "topics.json").write_text(json.dumps(renumber(document)), encoding="utf-8")
    again = topics.find_topics(dated_files / "all.csv", embedder=embedder, previous=folder)
    assert again.update_mode == "update" and len(set(again.model.topic_ids_)) >= 3
    np.testing.assert_array_equal(again.model.labels_, [shifted(int(t)) for t in updated.model.labels_])


def test_an_update_with_n_topics_carries_a_saved_models_words_space_and_after_a_report_reads_the_vectors(dated_files, embedder, tmp_path):
    # Before: the updated model had no words' space at all, so its save lacked the files a fit's keeps.
    from topics.modeling.lexical_space import FILES

    early = topics.find_topics(dated_files / "early.csv", embedder=embedder, n_topics=5, level="article")
    early.model.save(tmp_path / "early_model")
    early.write_report(tmp_path / "early_report")
    later = topics.find_topics(dated_files / "all.csv", embedder=embedder, n_topics=5, level="article",
                               previous=tmp_path / "early_model")
    model = later.model
    assert later.update_mode == "update" and model.lexical_space_.terms == early.model.lexical_space_.terms
    assert model.lexical_topic_embeddings_.shape == (len(model.topic_ids_), early.model.lexical_topic_embeddings_.shape[1])
    # New units are placed as predict places them (before: by the vectors' centres, some called outliers,
    # which k-means topics never have): the earlier model's predict, and the updated model's, agree.
    new = ~later.units["unit_id"].isin(early.units["unit_id"]).to_numpy()
    assert new.sum() >= 10
    np.testing.assert_array_equal(model.labels_[new], early.model.predict(later.corpus)[new])
    np.testing.assert_array_equal(model.predict(later.corpus)[new], model.labels_[new])
    in_words = (model.predict(later.corpus) == model.labels_).mean()
    from_vectors = (model.predict(model.embeddings_) == model.labels_).mean()
    assert in_words >= from_vectors
    saved = model.save(tmp_path / "later_model")
    assert all((saved / name).is_file() for name in FILES)
    # Without n_topics the update still follows the earlier fit's kind: the same topics, read in its words' space.
    plain = topics.find_topics(dated_files / "all.csv", embedder=embedder, level="article", previous=tmp_path / "early_model").model
    assert plain.mode_ == "fixed" and plain.lexical_space_ is not None
    np.testing.assert_array_equal(plain.labels_, model.labels_)
    # A report keeps no words' space: the update predicts from the vectors, as a model saved without one.
    after_report = topics.find_topics(dated_files / "all.csv", embedder=embedder, n_topics=5, level="article",
                                      previous=tmp_path / "early_report").model
    assert after_report.lexical_space_ is None and after_report.lexical_topic_embeddings_ is None
    np.testing.assert_array_equal(after_report.predict(later.corpus), after_report.predict(after_report.embeddings_))
    np.testing.assert_array_equal(after_report.labels_[new], early.model.predict(after_report.embeddings_)[new])


def test_a_large_change_refits_and_matches_ids(dated_files, embedder):
    """Half the corpus, then all of it, at article level: a refit whose topics take the earlier ids they continue."""
    half = topics.find_topics(dated_files / "half.csv", level="article", embedder=embedder)
    half.write_report(dated_files / "half_report")
    full = topics.find_topics(dated_files / "all.csv", level="article", embedder=embedder, previous=dated_files / "half_report")
    assert full.update_mode == "refit"
    since = full.since_last_run()
    assert since["kept_topic"] >= 0.5
    before = dict(zip(half.units["unit_id"], half.model.labels_))
    labels = np.asarray(full.model.labels_)
    earlier = np.array([before.get(u, -1) for u in full.units["unit_id"]])
    for topic in full.model.topic_ids_:
        shared = earlier[(labels == topic) & (earlier >= 0)]
        if int(topic) in set(half.model.topic_ids_):  # a continued topic: most of its seen units were there before
            assert (shared == topic).sum() >= 0.5 * min(len(shared), (earlier == topic).sum())
    # Ids with gaps (a topic gone) still give a hierarchy of topic ids and can be reduced.
    hierarchy = full.model.hierarchy()
    leaves = set(hierarchy["left_id"]) | set(hierarchy["right_id"])
    assert leaves - set(hierarchy["parent_id"]) <= set(int(t) for t in full.model.topic_ids_)
    full.model.reduce_topics(3)
    assert len(full.model.topic_ids_) == 3


def test_matching_prefers_the_largest_overlaps_and_gives_fresh_ids_above_the_earlier_ones():
    labels = np.array([0, 0, 0, 1, 1, 2, 2, 2, -1])
    earlier = np.array([5, 5, 5, 3, -1, -1, -1, -1, 5])
    mapping = matched_ids(labels, earlier, [3, 5, 7])
    assert mapping[0] == 5 and mapping[1] == 3
    assert mapping[2] == 8  # no earlier counterpart: above the largest earlier id


@pytest.mark.parametrize("change", ["schema", "embedding_model", "unit_ids", "level", "texts"])
def test_an_earlier_run_that_cannot_be_compared_is_refused_by_name(dated_files, early_report, embedder, change):
    folder = dated_files / f"bad_{change}"
    shutil.copytree(early_report[1], folder, dirs_exist_ok=True)
    document = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    expected = {
        "schema": r"written by a newer version of topics \(report version 99; this version reads 1\)",
        "embedding_model": "embedding model",
        "unit_ids": "shares no unit with this corpus",
        "level": "clustered article units",
        "texts": "have other texts: the earlier run is of another corpus",
    }[change]
    if change == "schema":
        document["schema_version"] = 99
    elif change == "embedding_model":
        document["embedding_model"] = "another/model"
    elif change == "unit_ids":  # in both files, as another corpus's report has them
        for unit in document["units"]:
            unit["unit_id"] = "other-" + unit["unit_id"]
        assignments = pd.read_csv(folder / "assignments.csv", dtype=str, keep_default_na=False)
        assignments["unit_id"] = "other-" + assignments["unit_id"]
        assignments.to_csv(folder / "assignments.csv", index=False)
    elif change == "level":
        document["level"] = "article"
    else:  # another table whose rows got the same ids (row-000001 ...): the texts tell
        assignments = pd.read_csv(folder / "assignments.csv", dtype=str, keep_default_na=False)
        assignments["text"] = ("Another corpus says: " + assignments["text"].iloc[::-1]).to_numpy()
        assignments.to_csv(folder / "assignments.csv", index=False)
    (folder / "topics.json").write_text(json.dumps(document), encoding="utf-8")
    steps = []
    with pytest.raises(InputError, match=expected) as raised:
        topics.find_topics(dated_files / "all.csv", embedder=embedder, previous=folder, log=steps.append)
    assert str(folder) in str(raised.value)
    # Refused before the embedding (an uncached corpus pays minutes for it), right after reading the corpus.
    assert not any(step.startswith("embedding") for step in steps), steps


def test_a_saved_model_fitted_on_a_list_of_texts_is_refused_saying_so(seeds_dir, seeds_corpus, seeds_paragraph_embeddings, embedder, tmp_path):
    """Its units are numbered 0, 1, ...: no corpus shares an id with it, and the refusal said "another corpus?"
    of the very corpus it was fitted on."""
    texts = seeds_corpus.units("paragraph")["text"].tolist()
    folder = topics.TopicModel(random_state=0).fit(texts, embeddings=seeds_paragraph_embeddings).save(tmp_path / "model")
    with pytest.raises(InputError, match="fitted on a list of texts") as raised:
        topics.find_topics(seeds_dir, embedder=embedder, previous=folder)
    assert str(folder) in str(raised.value)


def test_a_saved_model_of_a_corpus_whose_ids_are_0_to_n_is_not_said_to_be_fitted_on_a_list_of_texts(
        seeds_dir, seeds_corpus, seeds_paragraph_embeddings, embedder, tmp_path):
    """Units given with ids of their own that happen to read 0, 1, ... (a table's 0-based id column) are a
    corpus's: the refusal said the model was fitted on a list of texts. A model saved before the fact was
    kept (its model.json without it) is told as either."""
    units = seeds_corpus.units("paragraph").assign(unit_id=lambda u: [str(i) for i in range(len(u))])
    folder = topics.TopicModel(random_state=0).fit(units, embeddings=seeds_paragraph_embeddings).save(tmp_path / "model")
    with pytest.raises(InputError, match=r"shares no unit with this corpus \(another corpus\?\)") as raised:
        topics.find_topics(seeds_dir, embedder=embedder, previous=folder)
    assert "list of texts" not in str(raised.value)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    assert meta.pop("ids_numbered") is False
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(InputError, match=r"another corpus\?.* or a model fitted on a list of texts"):
        topics.find_topics(seeds_dir, embedder=embedder, previous=folder)


@pytest.mark.parametrize("previous", [3, "model"])
def test_previous_given_as_no_path_is_named_not_a_type_error(seeds_dir, embedder, previous):
    """A fitted model (or a number) given as ``previous`` failed inside pathlib with a TypeError."""
    previous = topics.TopicModel() if previous == "model" else previous
    with pytest.raises(InputError, match="expected the path of an earlier report folder or saved model folder"):
        topics.find_topics(seeds_dir, embedder=embedder, previous=previous)


def test_an_earlier_run_whose_rows_were_numbered_otherwise_is_matched_by_text_with_a_warning(dated_files, early_report, embedder):
    """The same table with its rows in another order (ids "row-000001" ... by position): most units with a shared id
    have other texts, but the corpus holds every earlier text, so each unit is matched by its text, and a warning says so."""
    from topics.errors import TopicsWarning

    folder = dated_files / "renumbered"
    shutil.copytree(early_report[1], folder, dirs_exist_ok=True)
    assignments = pd.read_csv(folder / "assignments.csv", dtype=str, keep_default_na=False)
    assignments["text"] = assignments["text"].iloc[::-1].to_numpy()
    assignments.to_csv(folder / "assignments.csv", index=False)
    with pytest.warns(TopicsWarning, match="ids have moved since the earlier run"):
        again = topics.find_topics(dated_files / "early.csv", embedder=embedder, previous=folder)
    assert again.since_last_run()["new_units"] == 0
    earlier_text = dict(zip(again.previous.unit_ids, again.previous.texts))
    rows = np.asarray(again.previous_rows)
    assert (rows >= 0).all()
    assert all(earlier_text[again.previous.unit_ids[row]] == text for row, text in zip(rows, again.units["text"]))


def test_an_earlier_report_naming_its_model_folder_as_older_versions_did_is_matched(dated_files, early_report, embedder):
    # Before: a report whose model id an older version wrote ("all-MiniLM-L6-v2@1a2b3c4d5e6f", the model
    # given as a folder) was refused as of another model, although the folder was the same.
    folder = dated_files / "older_model_id"
    shutil.copytree(early_report[1], folder, dirs_exist_ok=True)
    document = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    model_folder = Path(embedder.model_source_)
    base, hash_mark, backend = embedder.model_id.partition("#")
    older = f"{model_folder.name}@{digest_as_older_versions_wrote(model_folder)}"
    document["embedding_model"] = older + hash_mark + backend
    (folder / "topics.json").write_text(json.dumps(document), encoding="utf-8")
    updated = topics.find_topics(dated_files / "all.csv", embedder=embedder, previous=folder)
    assert updated.update_mode == "update"
    assert updated.since_last_run()["seen_units"] == len(early_report[0].units)

    # Another folder's digest, or the same folder run with another backend: refused, naming the
    # earlier run's folder and saying what to do, before the embedding.
    for other in ("0123456789ab" + hash_mark + backend, digest_as_older_versions_wrote(model_folder) + "#static-other"):
        document["embedding_model"] = f"{model_folder.name}@{other}"
        (folder / "topics.json").write_text(json.dumps(document), encoding="utf-8")
        steps = []
        with pytest.raises(InputError, match="written by an older version.*give the same model folder with --model") as raised:
            topics.find_topics(dated_files / "all.csv", embedder=embedder, previous=folder, log=steps.append)
        assert str(folder) in str(raised.value) and "leave out --previous" in str(raised.value)
        assert not any(step.startswith("embedding") for step in steps), steps


def test_an_earlier_run_embedded_under_another_cpus_int8_scheme_is_matched_with_a_warning(dated_files, early_report, embedder):
    # Before: refused as another model ("run with the model and backend the earlier run used"), which a
    # report made on a laptop and updated on a server can never do: the int8 scheme follows the CPU.
    from topics.embedding.onnx_backend import INT8_CONFIGS, int8_on_another_cpu

    model, mark, backend = embedder.model_id.rpartition("#onnx-int8-")
    if not mark:
        pytest.skip("the embedder does not run the int8 runner here")
    scheme = next(config for config in INT8_CONFIGS if config not in backend)
    other = f"{model}#onnx-int8-{scheme}-" + backend.rsplit("-", 1)[1]
    assert int8_on_another_cpu(other, embedder.model_id)
    assert not int8_on_another_cpu(other.replace("onnx-int8", "onnx-fp32"), embedder.model_id)
    assert not int8_on_another_cpu(other.replace(model, "another/model"), embedder.model_id)
    folder = dated_files / "other_cpu"
    shutil.copytree(early_report[1], folder, dirs_exist_ok=True)
    document = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    document["embedding_model"] = other
    (folder / "topics.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.warns(TopicsWarning, match="int8 scheme of another kind of CPU"):
        updated = topics.find_topics(dated_files / "all.csv", embedder=embedder, previous=folder)
    assert updated.since_last_run()["seen_units"] == len(early_report[0].units)


def _cut_short(path):
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 3], encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda folder, doc: (folder / "assignments.csv").unlink(), "incomplete: assignments.csv is missing"),
        (lambda folder, doc: _cut_short(folder / "assignments.csv"), "assignments.csv: report is damaged"),
        (lambda folder, doc: (folder / "assignments.csv").write_bytes(b"\xff\xfe\x00" * 50), "assignments.csv: report is damaged: unreadable"),
        (lambda folder, doc: doc["units"][0].update(x=float("nan")), "1 units have no finite map position"),
        (lambda folder, doc: doc["units"][0].update(topic_id=999), "units are in topic 999, which its topic list does not hold"),
        (lambda folder, doc: doc.pop("level"), "report is damaged: no 'level'"),
        (lambda folder, doc: doc.pop("embedding_model"), "report is damaged: no 'embedding_model'"),
        # Before: accepted, and every comparison with it silently wrong (units seen before counted as new,
        # sizes of -3 reported as grown), or a traceback after the fit (a topic listed twice, a huge id).
        (lambda folder, doc: doc.update(units=doc["units"][: len(doc["units"]) // 2]), "has size .* but .* of its units are in it"),
        (lambda folder, doc: [t.update(size=-3) for t in doc["topics"]], "topic 0 has size -3"),
        (lambda folder, doc: doc["topics"].append(doc["topics"][0]), "holds topic 0 twice"),
        (lambda folder, doc: doc["units"][0].update(topic_id=10**30), "report is damaged \\(OverflowError"),
        (lambda folder, doc: doc["corpus"].update(last_date="<img src=x onerror=alert(1)> [a](http://e.example)"),
         "the corpus's last date is .*, not a date"),
        (lambda folder, doc: doc["events"].append({"topic_id": 0, "subtopic": 0, "label": "x", "peak_date": "soon"}),
         "the peak date of event 0.0 is 'soon', not a date"),
        (lambda folder, doc: doc["topics"][0].update(subtopics=[]), "units are in subtopic 0.0, which its topic does not list"),
    ],
    ids=["no-assignments", "assignments-cut-short", "assignments-garbage", "nan-position", "unknown-topic", "no-level", "no-model",
         "units-cut-short", "sizes-edited", "topic-twice", "huge-topic-id", "markup-for-a-date", "event-date-not-a-date",
         "subtopic-unlisted"],
)
def test_a_damaged_or_half_written_earlier_report_is_refused_naming_the_file(early_report, tmp_path, damage, expected):
    # Before: the texts that tell another corpus were skipped silently, and a NaN position failed
    # with a traceback after the whole fit.
    from topics.modeling.previous import read_previous

    folder = tmp_path / "earlier"
    shutil.copytree(early_report[1], folder)
    document = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    damage(folder, document)
    (folder / "topics.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError, match=expected) as raised:
        read_previous(folder)
    assert str(folder) in str(raised.value)


def test_the_command_line_names_a_missing_or_wrong_earlier_run(dated_files, tmp_path):
    run = [sys.executable, "-m", "topics", "report", str(dated_files / "all.csv"), "--out", str(tmp_path / "out")]
    missing = subprocess.run([*run, "--previous", str(tmp_path / "nowhere")], capture_output=True, text=True)
    assert missing.returncode == 1 and "error:" in missing.stderr and "nowhere" in missing.stderr
    (tmp_path / "notes").mkdir()
    wrong = subprocess.run([*run, "--previous", str(tmp_path / "notes")], capture_output=True, text=True)
    assert wrong.returncode == 1 and "neither a topics report" in wrong.stderr
    assert not (tmp_path / "out").exists()


def test_a_refit_moves_a_seen_unit_only_when_it_no_longer_looks_like_a_member(bbc_sample, embedder):
    from topics import TopicModel
    from topics.embedding.embed import embed_units
    from topics.modeling.update import keep_ids, keep_seen_units

    units = bbc_sample.units("article").reset_index(drop=True)
    embeddings = embed_units(bbc_sample, "article", embedder)
    model = TopicModel(n_topics=4, random_state=0).fit(units, embeddings=embeddings)
    earlier = np.asarray(model.labels_).copy()
    first, second = (int(t) for t in model.topic_ids_[:2])
    centre = model.topic_embeddings_[list(model.topic_ids_).index(first)]
    similarity = np.asarray(model.embeddings_) @ centre
    # The refit drew a boundary elsewhere: three core members of the first topic now sit in the second.
    core = np.flatnonzero(earlier == first)[np.argsort(-similarity[earlier == first])[:3]]
    # Three units of the second topic, far from the first, were in the first before: the evidence changed.
    far = np.flatnonzero(earlier == second)[np.argsort(similarity[earlier == second])[:3]]
    refit = earlier.copy()
    refit[core] = second
    model.assign(refit)
    previous = earlier.copy()
    previous[far] = first
    keep_ids(model, previous)
    assert keep_seen_units(model, previous) == 3
    labels = np.asarray(model.labels_)
    assert (labels[core] == first).all()
    assert (labels[far] == second).all()
    assert keep_seen_units(model, previous) == 0


HOSTILE_ROWS = {
    "-x": "US drones flew over Kandahar airspace \x1b[31magain\x1b[0m, officials said on Monday.",
    "b\x1b[2J": "ISIS-K attacked a checkpoint in Kabul \u202eenil\u202c near the airport, police said.",
    "c\u202ed": "=cmd|' /C calc'!A0 The Doha commitments on US bases were discussed again in Qatar.",
    "e": "Regional powers met\x00 to discuss Afghanistan\u0085 and its borders.\r\nTalks go on.",
    "f": "Aid agencies warned of a \u2066hunger\u2069 crisis across \x7fthe country this winter.",
}


def test_an_earlier_report_of_hostile_text_matches_its_units_with_escaped_or_raw_cells(tmp_path, embedder):
    """assignments.csv shows controls and bidi overrides as escapes; --previous still finds every unit
    unchanged, in such a report and in one written before the escaping (raw cells)."""
    import csv

    from topics.controls import ON_A_PAGE
    from topics.modeling.previous import check_previous, read_previous

    table = tmp_path / "hostile.csv"
    pd.DataFrame({"id": list(HOSTILE_ROWS), "text": list(HOSTILE_ROWS.values())}).to_csv(table, index=False)
    result = topics.find_topics(table, level="article", n_topics=2, embedder=embedder)
    folder = tmp_path / "report"
    result.write_report(folder)
    with open(folder / "assignments.csv", newline="", encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not any(ON_A_PAGE.search(cell) for cell in cells)
    assert any("\\x1b[31magain\\x1b[0m" in cell for cell in cells) and any("\\u202eenil\\u202c" in cell for cell in cells)
    assert "'-x" in cells and "b\\x1b[2J" in cells  # ids escaped too; a formula start still guarded

    units = result.units
    for kind in ("escaped", "raw"):
        if kind == "raw":  # as the base commit wrote it: only the formula guard
            guarded = lambda v: "'" + v if v.startswith(("=", "+", "-", "@")) else v  # noqa: E731
            pd.DataFrame({"unit_id": units["unit_id"].map(guarded), "text": units["text"].map(guarded)}).to_csv(
                folder / "assignments.csv", index=False, lineterminator="\r\n")
        earlier = read_previous(folder)
        rows = check_previous(earlier, "article", earlier.embedding_model, units["unit_id"], units["text"].tolist())
        assert (rows >= 0).all(), kind
        assert [earlier.unit_ids[r] for r in rows] == units["unit_id"].tolist()


@pytest.fixture(scope="module")
def repeated_runs(tmp_path_factory, embedder):
    """Reports of the two corpora of tests/repeated_sample.py: the second's articles make a line of the first repeat."""
    from repeated_sample import write_corpora

    folder = tmp_path_factory.mktemp("repeated")
    early, full = write_corpora(folder)
    runs = {}
    for name, path in (("early", early), ("all", full)):
        result = topics.find_topics(path, embedder=embedder)
        result.write_report(folder / f"{name}_report")
        runs[name] = result
    return folder, runs


def _new_texts(result, earlier) -> set:
    """(article, text) of the units whose text the earlier result did not have in that article."""
    before = set(zip(earlier.units["article_id"], earlier.units["text"]))
    return {key for key in zip(result.units["article_id"], result.units["text"]) if key not in before}


def test_new_paragraphs_are_those_whose_text_the_earlier_run_did_not_have(repeated_runs, embedder):
    """Articles added that make a line of an unchanged article repeat (dropped as chrome from it
    now) renumber nothing: its other paragraphs are seen, and only the added ones are new."""
    from repeated_sample import EARLY, HOLDER

    folder, runs = repeated_runs
    early, full = runs["early"], runs["all"]
    updated = topics.find_topics(folder / "all.jsonl", embedder=embedder, previous=folder / "early_report")
    ids = dict(zip(zip(updated.units["article_id"], updated.units["text"]), updated.units["unit_id"]))
    kept = [(key, unit) for key, unit in zip(zip(early.units["article_id"], early.units["text"]), early.units["unit_id"]) if key in ids]
    assert len(kept) == len(early.units) - 1 and all(ids[key] == unit for key, unit in kept)
    added = set(pd.read_json(folder / "all.jsonl", lines=True)["id"].iloc[EARLY:])
    new = updated.previous_rows < 0
    assert set(updated.units["article_id"][new]) == added
    assert int(new.sum()) == int(updated.units["article_id"].isin(added).sum()) == len(_new_texts(updated, early))
    assert updated.since_last_run()["new_units"] == int(new.sum())
    assert not new[(updated.units["article_id"] == HOLDER).to_numpy()].any()
    assert np.array_equal(np.asarray(full.units["unit_id"]), np.asarray(updated.units["unit_id"]))


def test_a_run_on_part_of_the_corpus_has_no_new_paragraphs(repeated_runs, embedder):
    """Articles left out: nothing is new. Left out so that a line repeats no more, the line is a
    paragraph again: the one new text (the earlier run dropped it as chrome)."""
    from repeated_sample import ALL, HOLDER, LINE

    folder, runs = repeated_runs
    pd.read_json(folder / "all.jsonl", lines=True).head(ALL - 1).to_json(folder / "part.jsonl", orient="records", lines=True)
    part = topics.find_topics(folder / "part.jsonl", embedder=embedder, previous=folder / "all_report")
    assert part.update_mode == "update" and part.since_last_run()["new_units"] == 0
    assert part.since_last_run()["kept_topic"] == 1.0
    early = topics.find_topics(folder / "early.jsonl", embedder=embedder, previous=folder / "all_report")
    assert early.since_last_run()["new_units"] == 1
    assert _new_texts(early, runs["all"]) == {(HOLDER, LINE)}
    assert early.units["text"][early.previous_rows < 0].tolist() == [LINE]


def test_an_earlier_report_numbered_otherwise_matches_its_units_by_text(repeated_runs, embedder):
    """A report whose paragraph ids count only the kept paragraphs (as an earlier version numbered
    them, so the ids after a dropped line are shifted) still finds every unit the same: nothing is new."""
    import re

    folder, runs = repeated_runs
    full = runs["all"]
    old = folder / "all_report_numbered_otherwise"
    shutil.copytree(folder / "all_report", old)
    dense = {u: f"{a}#p{p:03d}" for u, a, p in zip(full.units["unit_id"], full.units["article_id"], full.units["position"])}
    assert sum(u != d for u, d in dense.items()) > 0
    for name in ("topics.json", "assignments.csv"):
        text = (old / name).read_text(encoding="utf-8")
        (old / name).write_text(re.sub(r"bbc-\d{4}#p\d{3}", lambda m: dense.get(m.group(0), m.group(0)), text), encoding="utf-8")
    again = topics.find_topics(folder / "all.jsonl", embedder=embedder, previous=old)
    since = again.since_last_run()
    assert again.update_mode == "update" and since["new_units"] == 0 and since["kept_topic"] == 1.0
    assert np.array_equal(np.asarray(again.model.labels_), np.asarray(full.model.labels_))
    # The earlier subtopics' representatives are named by their present ids.
    table = again.previous.subtopic_table
    assert table is not None
    text_of = dict(zip(full.units["unit_id"], full.units["text"]))
    earlier_text = dict(zip(again.previous.unit_ids, again.previous.texts))
    named = [unit for units in table["representative_unit_ids"] for unit in units]
    assert named and all(text_of[unit] == earlier_text[dense[unit]] for unit in named)


@pytest.fixture(scope="module")
def reshaped(dated_files, embedder):
    """A refit, and the earlier report it is compared with rewritten from the refit's own topics (the
    same corpus fits the same): ``kept`` held the units of ``split`` too; ``stray`` held all the seen
    units of the smallest topic ``small`` and twice as many of the largest, ``large`` (those least like
    ``small``); every topic had another name. Events and subtopics are left out of the earlier report."""
    folder = dated_files / "reshaped"
    full = topics.find_topics(dated_files / "all.csv", embedder=embedder)
    topics.find_topics(dated_files / "half.csv", embedder=embedder).write_report(folder / "earlier")
    now = dict(zip(full.units["unit_id"], np.asarray(full.model.labels_)))
    document = json.loads((folder / "earlier" / "topics.json").read_text(encoding="utf-8"))
    earlier = np.array([now[u["unit_id"]] for u in document["units"]])
    ids, counts = np.unique(earlier[earlier >= 0], return_counts=True)
    order = [int(t) for t in ids[np.argsort(-counts, kind="stable")]]
    large, kept, split, small = order[0], order[1], order[len(order) // 2], order[-1]
    stray = int(max(ids)) + 1
    crafted = earlier.copy()
    crafted[earlier == split] = kept
    crafted[earlier == small] = stray
    row = {u: i for i, u in enumerate(full.units["unit_id"])}
    vectors = np.asarray(full.embeddings)[[row[u["unit_id"]] for u in document["units"]]]
    centre = np.asarray(full.model.topic_embeddings_)[list(full.model.topic_ids_).index(small)]
    in_large = np.flatnonzero(earlier == large)
    taken = in_large[np.argsort(vectors[in_large] @ centre, kind="stable")[: 2 * int((earlier == small).sum())]]
    assert 2 * len(taken) < len(in_large)  # the large topic keeps most of its units
    crafted[taken] = stray
    for unit, topic in zip(document["units"], crafted):
        unit["topic_id"] = int(topic)
        unit.pop("subtopic")
    document["topics"] = [{"topic_id": int(t), "label": f"Earlier {t}", "size": int((crafted == t).sum()), "keywords": []}
                          for t in np.unique(crafted[crafted >= 0])]
    document["events"] = []
    (folder / "earlier" / "topics.json").write_text(json.dumps(document), encoding="utf-8")
    refit = topics.find_topics(dated_files / "all.csv", embedder=embedder, previous=folder / "earlier")
    refit.write_report(folder / "later")
    assert refit.update_mode == "refit"
    # Each of the plain fit's topics, by the id the refit shows it under.
    shown = {int(t): int(pd.Series(np.asarray(refit.model.labels_)[np.asarray(full.model.labels_) == t]).mode()[0]) for t in full.model.topic_ids_}
    return refit, folder, {"large": large, "kept": kept, "split": split, "small": small, "stray": stray}, shown


def test_a_refitted_topic_takes_an_earlier_id_only_where_it_continues_the_earlier_topic(reshaped):
    # Before: the small topic, whose seen units all came from "stray", took its id and colour and was
    # told as its growth, though two thirds of "stray" went to the large topic.
    refit, _, ids, shown = reshaped
    since = refit.since_last_run()
    earlier_ids = set(int(t) for t in refit.previous.topics["topic_id"])
    assert shown[ids["large"]] == ids["large"] and shown[ids["kept"]] == ids["kept"]
    assert shown[ids["small"]] not in earlier_ids and shown[ids["split"]] not in earlier_ids
    gone = {t["topic_id"]: t for t in since["gone"]}
    assert set(gone) == {ids["stray"]}
    stray = gone[ids["stray"]]
    assert stray["merged_into"] == ids["large"] and stray["label"] == f"Earlier {ids['stray']}"
    went = {t["topic_id"]: t["units"] for t in stray["went_to"]}
    assert went[ids["large"]] > went[shown[ids["small"]]] > 0
    assert sum(went.values()) + stray["outliers"] + stray["left_corpus"] == stray["previous_size"]
    # Where the new topics' seen units were: the small topic took them from "stray" (gone), the split
    # part from "kept" (which continues).
    new = {t["topic_id"]: t for t in since["new_topics"]}
    small, split = new[shown[ids["small"]]]["from"][0], new[shown[ids["split"]]]["from"][0]
    assert (small["topic_id"], small["label"], small["continues"]) == (ids["stray"], f"Earlier {ids['stray']}", False)
    assert small["units"] == went[shown[ids["small"]]]
    assert (split["topic_id"], split["continues"]) == (ids["kept"], True) and split["units"] > 0


def test_a_refit_tells_renamed_split_and_merged_topics_in_the_report(reshaped):
    refit, folder, ids, shown = reshaped
    since = json.loads((folder / "later" / "topics.json").read_text(encoding="utf-8"))["since_last_run"]
    labels = refit.model.topic_labels()
    continuing = sorted(int(t) for t in refit.model.topic_ids_ if t not in {shown[ids["small"]], shown[ids["split"]]})
    assert [t["topic_id"] for t in since["renamed"]] == continuing
    assert all(t["previous_label"] == f"Earlier {t['topic_id']}" and t["label"] == labels[t["topic_id"]] for t in since["renamed"])
    blocks = _blocks((folder / "later" / "report.md").read_text(encoding="utf-8"))
    renamed = blocks[blocks.index(["paragraph", "Renamed:"]) + 1][1]
    assert renamed == [f"{t}. Earlier {t} → {labels[t]}" for t in continuing]
    gone = blocks[blocks.index(["paragraph", "Gone:"]) + 1][1]
    stray = since["gone"][0]
    assert gone[0].startswith(f"{ids['stray']}. Earlier {ids['stray']} (had {stray['previous_size']} paragraphs): "
                              f"merged into {ids['large']}. {labels[ids['large']]} ({stray['went_to'][0]['units']} paragraphs)")
    new = blocks[blocks.index(["paragraph", "New topics:"]) + 1][1]
    split = next(t for t in since["new_topics"] if t["topic_id"] == shown[ids["split"]])
    assert f"; split from {ids['kept']}. Earlier {ids['kept']} ({split['from'][0]['units']} paragraphs)" in new[since["new_topics"].index(split)]
    small = next(t for t in since["new_topics"] if t["topic_id"] == shown[ids["small"]])
    assert f"; from {ids['stray']}. Earlier {ids['stray']} ({small['from'][0]['units']} paragraphs, gone)" in new[since["new_topics"].index(small)]
    page = (folder / "later" / "index.html").read_text(encoding="utf-8")
    assert page.count("<tr><td>renamed</td>") == len(continuing) and "merged into" in page and "split from" in page


def test_an_earlier_event_no_longer_found_is_told(dated_files, early_report, embedder):
    """The earlier report had one more event (its largest long-running subtopic, marked as one): the
    update, which flags events again on the grown corpus, does not find it, and says so."""
    folder = dated_files / "marked_event"
    shutil.copytree(early_report[1], folder)
    document = json.loads((folder / "topics.json").read_text(encoding="utf-8"))
    topic, part = max(((t, s) for t in document["topics"] for s in t["subtopics"] if not s["is_event"]), key=lambda pair: pair[1]["size"])
    part.update(is_event=True, peak_date="2005-03-01")
    document["events"].append({"topic_id": topic["topic_id"], "topic_label": topic["label"], "subtopic": part["subtopic"],
                               "label": part["label"], "size": part["size"], "peak_date": "2005-03-01"})
    (folder / "topics.json").write_text(json.dumps(document), encoding="utf-8")
    updated = topics.find_topics(dated_files / "all.csv", embedder=embedder, previous=folder)
    assert updated.update_mode == "update"
    since = updated.since_last_run()
    lost = [e for e in since["events_gone"] if (e["topic_id"], e["subtopic"]) == (topic["topic_id"], part["subtopic"])]
    assert len(lost) == 1
    event = lost[0]
    assert event["label"] == part["label"] and event["peak_date"] == "2005-03-01" and event["size"] == part["size"]
    assert event["units_now"] == part["size"] and event["now_in"]["is_event"] is False
    updated.write_report(dated_files / "marked_event_later")
    blocks = _blocks((dated_files / "marked_event_later" / "report.md").read_text(encoding="utf-8"))
    items = blocks[blocks.index(["paragraph", "Events no longer found:"]) + 1][1]
    assert any(item.startswith(f"2005-03-01: {part['label']} ({part['size']} paragraphs) in {topic['topic_id']}. ") for item in items)


def test_new_events_of_one_story_are_one_line_of_the_since_section():
    from topics.report.markdown import _pct, md_text
    from topics.report.since_section import since_markdown

    event = {"topic_id": 3, "subtopic": 1, "label": "Russian bounty plot", "topic_label": "Sanctions", "size": 65,
             "peak_date": "2020-07-01", "new_share": 1.0, "story": 4}
    since = {"previous": {"folder": "june", "units": 100, "topics": 5}, "mode": "update", "new_units": 120, "kept_topic": 1.0,
             "seen_units": 100, "new_topics": [], "grown": [], "shrunk": [], "renewed": [], "quiet": [], "gone": [], "new_keywords": [],
             "new_events": [event, {**event, "subtopic": 2, "label": "Daily Brief", "size": 1}, {**event, "subtopic": 5, "label": "Virus", "story": 5}]}
    lines = since_markdown({"level": "paragraph", "since_last_run": since}, md_text, _pct)
    listed = lines[lines.index("New events:") + 2:]
    assert listed == ["- 2020-07-01: Russian bounty plot (65 paragraphs) in 3. Sanctions; also told as: Daily Brief (topic 3, subtopic 2; 1 paragraph)",
                      "- 2020-07-01: Virus (65 paragraphs) in 3. Sanctions"]


def test_an_event_that_peaked_within_the_earlier_runs_dates_is_not_new():
    from types import SimpleNamespace

    from topics.modeling.update import _new_events

    # Event 1.0 holds units 0-5, four of them new: most of its units are new.
    labels = np.array([1, 1, 1, 1, 1, 1, 2, 2])
    is_new = np.array([False, False, True, True, True, True, False, False])
    event = {"topic_id": 1, "subtopic": 0, "label": "Kharkov withdrawal", "topic_label": "War", "size": 6,
             "peak_date": "2022-09-10", "story": 1, "headline": "Russian military explains partial withdrawal"}
    model = SimpleNamespace(labels_=labels, events=lambda: pd.DataFrame([event]),
                            _subtopics=lambda: SimpleNamespace(labels=np.zeros(8, dtype=np.int64)))
    assert [e["label"] for e in _new_events(model, is_new)] == ["Kharkov withdrawal"]
    assert [e["label"] for e in _new_events(model, is_new, "2022-09-04")] == ["Kharkov withdrawal"]
    # The earlier run read articles up to 11 September: the withdrawal happened within them.
    assert _new_events(model, is_new, "2022-09-11") == []
    assert _new_events(model, is_new, "2022-09-10") == []
    # Most of an event's units must be new, whatever its date.
    assert _new_events(model, np.zeros(8, dtype=bool), "2022-09-04") == []


def _continuing_story():
    """An earlier run of 8 units and an update of 19: topic 1's subtopic 0 ("Bounty reports", 3 units, not an
    event then) grows with 5 new units into an event and keeps its number; new units alone make event 1.2;
    event 1.3 holds the earlier subtopic 2.0 (its 2 units, the topic gone) and 3 new units."""
    from types import SimpleNamespace

    labels = np.array([1] * 19)
    subs = np.array([0, 0, 0, 1, 1, 1, 3, 3] + [0] * 5 + [2] * 3 + [3] * 3)
    rows = np.array(list(range(8)) + [-1] * 11)
    hostile = "Bounty <b>reports</b> *x*"
    earlier_table = pd.DataFrame({"topic_id": [1, 1, 2], "subtopic": [0, 1, 0], "label": [hostile, "Talks", "Visa bill"],
                                  "is_event": [False, True, False]})
    previous = SimpleNamespace(
        folder="june", kind="report", generated_at=None, n_units=8, last_date="2020-06-29",
        unit_ids=np.array([f"a{i}" for i in range(8)]), texts=None,
        labels=np.array([1, 1, 1, 1, 1, 1, 2, 2]), subtopics=np.array([0, 0, 0, 1, 1, 1, 0, 0]), subtopic_table=earlier_table,
        topics=pd.DataFrame({"topic_id": [1, 2], "label": ["Russia", "Visas"], "size": [6, 2], "keywords": [["russia"], ["visa"]]}),
        events=[{"topic_id": 1, "subtopic": 1, "label": "Talks", "peak_date": "2020-06-01"}],
        label_of=lambda: {1: "Russia", 2: "Visas"})

    def event(subtopic, label, size, peak):
        return {"topic_id": 1, "subtopic": subtopic, "label": label, "topic_label": "Russia", "size": size, "peak_date": peak,
                "story": subtopic, "headline": None}

    events = pd.DataFrame([event(0, "Russian bounties", 8, "2020-07-01"), event(1, "Talks", 3, "2020-06-01"),
                           event(2, "Airport bombing", 3, "2020-07-03"), event(3, "Visas passed", 5, "2020-07-02")])
    table = events.assign(is_event=True)
    model = SimpleNamespace(labels_=labels, events=lambda: events, topic_labels=lambda: {1: "Russia"},
                            _subtopics=lambda: SimpleNamespace(labels=subs, table=table),
                            topic_info=lambda: pd.DataFrame({"topic_id": [1], "label": ["Russia"], "size": [19], "keywords": [["russia"]]}))
    return model, previous, rows, hostile


def test_an_event_that_continues_an_earlier_subtopic_is_told_as_one_that_became_an_event_not_as_new():
    from topics.modeling.update import since_last_run
    from topics.report.markdown import _pct, md_text
    from topics.report.since_section import since_markdown

    model, previous, rows, hostile = _continuing_story()
    since = since_last_run(model, previous, rows, "update")
    assert [e["label"] for e in since["new_events"]] == ["Airport bombing"]
    became = {e["label"]: e["earlier"] for e in since["became_events"]}
    # Keeps the number of a subtopic the earlier run held, not an event then.
    assert became["Russian bounties"] == {"topic_id": 1, "topic_label": "Russia", "subtopic": 0, "label": hostile,
                                          "size": 3, "units": 3, "was_event": False}
    # Another number, but all the units still here of the earlier subtopic 2.0.
    assert (became["Visas passed"]["topic_id"], became["Visas passed"]["subtopic"], became["Visas passed"]["units"]) == (2, 0, 2)
    lines = since_markdown({"level": "paragraph", "since_last_run": since}, md_text, _pct)
    listed = lines[lines.index("Earlier subtopics that became events:") + 2:]
    assert listed[0] == (f"- 2020-07-01: Russian bounties (8 paragraphs) in 1. Russia; was {md_text('topic 1, subtopic 0: ' + hostile)} "
                         "(3 paragraphs, not an event then), 3 of them in it")
    assert "<b>" not in "\n".join(lines)
    assert lines[lines.index("New events:") + 2].startswith("- 2020-07-03: Airport bombing (3 paragraphs)")
    from topics.report.html import _environment

    page = _environment().get_template("since.html.j2").render(doc={"level": "paragraph", "since_last_run": since})
    assert page.count("<tr><td>became an event</td>") == 2 and page.count("<tr><td>new event</td>") == 1
    assert "<b>" not in page and "Bounty &lt;b&gt;reports&lt;/b&gt;" in page
