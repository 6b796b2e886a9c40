"""Since the last run adds up: the earlier run's units no longer here are counted, with why, and each
topic's earlier size + new − gone − moved out + moved in is its size now (ISAF press releases as files)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest

import topics
from topics.errors import TopicsWarning

DATA = Path(__file__).resolve().parent / "data" / "isaf_sample.jsonl"
REMOVED = ("isaf-test-010", "isaf-test-024")  # files deleted between the runs (5 and 3 paragraphs)
TURNED = ("isaf-test-532", "isaf-test-017")  # the first file's text replaced by the second's: folded as its copy
EDITED = "isaf-test-004"  # a sentence added to its last paragraph
EMPTIED = "isaf-test-012"  # its file emptied: still there, skipped at ingest
COPIED = "isaf-test-616"  # a later file whose paragraphs an earlier one (zz_copy) held too
OWN = "isaf-test-679"  # zz_copy's paragraph of its own (in neither run as a file)
ADDED = ("isaf-test-574", "isaf-test-595", "isaf-test-616", "isaf-test-637", "isaf-test-658")


def _releases() -> dict[str, dict]:
    return {row["id"]: row for row in map(json.loads, DATA.read_text(encoding="utf-8").splitlines())}


def _write(folder: Path, rows: dict[str, dict], texts: dict[str, str] | None = None) -> Path:
    folder.mkdir()
    for name, row in rows.items():
        text = (texts or {}).get(name, row["text"])
        (folder / f"{name}.md").write_text(f"{row['date']}\n\n{text}\n", encoding="utf-8")
    return folder


def _units(result) -> dict[str, list]:
    """Each article's unit ids."""
    return result.units.groupby("article_id")["unit_id"].apply(list).to_dict()


def _adds_up(since: dict) -> None:
    for name in ("grown", "shrunk", "renewed", "quiet"):
        for t in since[name]:
            assert t["previous_size"] + t["new_units"] - t["gone_units"] - t["moved_out"] + t["moved_in"] == t["size"], (name, t)
    for t in since["new_topics"]:
        assert t["new_units"] + t["moved_in"] == t["size"] and t["gone_units"] == t["moved_out"] == 0
    assert since["seen_units"] + since["gone_units"] == since["previous"]["units"]
    assert sum(since["gone_reasons"].values()) == since["gone_units"] == sum(a["units"] for a in since["gone_articles"])


@pytest.fixture(scope="module")
def changed(tmp_path_factory, embedder):
    """An earlier run of 54 releases and a file zz_copy (the paragraphs of a later release and one of its
    own); then two files removed, one turned into a copy of another, one edited, one emptied, five releases added."""
    folder = tmp_path_factory.mktemp("gone")
    releases = _releases()
    names = sorted(releases)
    earlier = {name: releases[name] for name in names[:54]}
    copy = {**releases[COPIED], "text": releases[COPIED]["text"] + "\n\n" + releases[OWN]["text"]}
    later = {name: row for name, row in earlier.items() if name not in REMOVED}
    later.update({name: releases[name] for name in ADDED})
    texts = {TURNED[0]: releases[TURNED[1]]["text"], EDITED: releases[EDITED]["text"] + " The operation is ongoing."}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TopicsWarning)  # releases dated without a year, a copy dated otherwise
        first = topics.find_topics(_write(folder / "earlier", {**earlier, "zz_copy": copy}), embedder=embedder)
        first.write_report(folder / "earlier_report")
        later_folder = _write(folder / "later", {**later, "zz_copy": copy}, texts)
        (later_folder / f"{EMPTIED}.md").write_text(" \n", encoding="utf-8")
        second = topics.find_topics(later_folder, embedder=embedder, previous=folder / "earlier_report")
        second.write_report(folder / "later_report")
    return folder, first, second


def test_units_of_the_last_run_no_longer_here_are_counted_with_why(changed):
    # Before, they were in no count: "100 % of the N paragraphs seen before" of a smaller N, and nothing more.
    folder, first, second = changed
    since = second.since_last_run()
    assert since["mode"] == "update"
    before = _units(first)
    removed = sum(len(before[name]) for name in REMOVED)
    copied = len(before["zz_copy"]) - len(_units(second)["zz_copy"])  # copies of the release added since
    assert removed >= 6 and copied >= 2
    # Before: the emptied file, still there, was "article_removed".
    assert since["gone_reasons"] == {"article_removed": removed, "article_skipped": len(before[EMPTIED]),
                                     "article_folded": len(before[TURNED[0]]), "unit_folded": copied, "text_changed": 1}
    articles = {(a["article_id"], a["reason"]): a for a in since["gone_articles"]}
    assert set(articles) == {(REMOVED[0], "article_removed"), (REMOVED[1], "article_removed"), (TURNED[0], "article_folded"),
                             ("zz_copy", "unit_folded"), (EDITED, "text_changed"), (EMPTIED, "article_skipped")}
    assert articles[(TURNED[0], "article_folded")]["folded_into"] == [TURNED[1]]
    assert articles[("zz_copy", "unit_folded")]["folded_into"] == [COPIED]
    assert articles[(REMOVED[0], "article_removed")]["units"] == len(before[REMOVED[0]])
    _adds_up(since)
    # The topics that lost units say so: without "−N gone" the "+N new" claimed more than they grew.
    assert sum(t["gone_units"] for name in ("grown", "shrunk", "renewed", "quiet") for t in since[name]) == since["gone_units"]
    document = json.loads((folder / "later_report" / "topics.json").read_text(encoding="utf-8"))["since_last_run"]
    assert document["gone_units"] == since["gone_units"] and document["gone_articles"] == since["gone_articles"]


def test_the_report_tells_the_units_gone_and_each_topics_sizes_add_up(changed):
    from test_since_last_run import _blocks

    folder, first, second = changed
    since = second.since_last_run()
    gone, units = since["gone_units"], since["previous"]["units"]
    reasons = since["gone_reasons"]
    sentence = (f"{gone} of the {units} paragraphs of the last run are gone: {reasons['article_removed']} from 2 articles removed "
                f"from the corpus; {reasons['article_skipped']} from 1 article skipped at ingest now (the file is still there); "
                f"{reasons['article_folded']} from 1 article folded as a copy of another article; "
                f"{reasons['unit_folded']} from 1 article folded as copies of other paragraphs; 1 from 1 article whose text changed (edited).")
    markdown = (folder / "later_report" / "report.md").read_text(encoding="utf-8")
    blocks = _blocks(markdown)
    lead = next(text for kind, text in blocks if kind == "paragraph" and text and text.startswith("Compared with"))
    assert lead.endswith(sentence)
    listed = blocks[blocks.index(["paragraph", "Gone since the last run, by article:"]) + 1][1]
    assert f"{TURNED[0]}: {reasons['article_folded']} paragraphs, the article was folded as a copy of {TURNED[1]}" in listed
    assert f"zz_copy: {since['gone_reasons']['unit_folded']} paragraphs, folded as copies of paragraphs of {COPIED}" in listed
    assert f"{EDITED}: 1 paragraph, no longer in the article's text (edited)" in listed
    shown = {item.split(". ")[0]: item for name in ("Grown:", "Shrunk:", "Renewed (same size, some new):")
             if ["paragraph", name] in blocks for item in blocks[blocks.index(["paragraph", name]) + 1][1]}
    lost = [t for name in ("grown", "shrunk", "renewed") for t in since[name] if t["gone_units"]]
    assert lost
    for t in lost:
        assert f"−{t['gone_units']} gone" in shown[str(t["topic_id"])]
    page = (folder / "later_report" / "index.html").read_text(encoding="utf-8")
    assert sentence in " ".join(page.split())
    # Before: every row "left the corpus", the edited article's too.
    changes = {"left the corpus": 2, "skipped at ingest": 1, "folded as a copy": 1, "folded as copies": 1, "text changed": 1}
    assert {change: page.count(f"<tr><td>{change}</td><td>article ") for change in changes} == changes
    assert all(f"−{t['gone_units']} gone" in page for t in lost)


def test_a_refit_counts_the_units_it_moved_between_topics(tmp_path, embedder):
    """Twenty releases added to forty, two removed: a refit, whose seen units may change topic."""
    releases = _releases()
    names = sorted(releases)
    earlier = {name: releases[name] for name in names[:40]}
    later = {name: releases[name] for name in names if name not in REMOVED}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TopicsWarning)
        topics.find_topics(_write(tmp_path / "earlier", earlier), embedder=embedder).write_report(tmp_path / "earlier_report")
        result = topics.find_topics(_write(tmp_path / "later", later), embedder=embedder, previous=tmp_path / "earlier_report")
        result.write_report(tmp_path / "later_report")
    since = result.since_last_run()
    assert since["mode"] == "refit"
    removed = [a for a in since["gone_articles"] if a["reason"] == "article_removed"]
    assert sorted(a["article_id"] for a in removed) == sorted(REMOVED) and since["gone_reasons"]["article_removed"] >= 6
    # Lines that now repeat across the grown corpus ("NEWS RELEASE") are dropped at ingest: said so, not "edited".
    others = [a for a in since["gone_articles"] if a["reason"] != "article_removed"]
    assert all(a["reason"] == "dropped_line" and a["dropped_as"] for a in others), others
    _adds_up(since)
    rows, labels = result.previous_rows, np.asarray(result.model.labels_)
    seen = rows >= 0
    before = np.where(seen, result.previous.labels[np.maximum(rows, 0)], -1)
    moved = seen & (labels != before)
    assert since["moved_units"] == int(moved.sum()) and int(seen.sum()) == since["seen_units"]
    continuing = [t for name in ("grown", "shrunk", "renewed", "quiet") for t in since[name]]
    # Every seen unit that changed topic went into a topic (moved in) or to the outliers.
    assert sum(t["moved_in"] for t in continuing + since["new_topics"]) + int((moved & (labels < 0)).sum()) == int(moved.sum())
    markdown = (tmp_path / "later_report" / "report.md").read_text(encoding="utf-8")
    if moved.any():
        assert f"({int(moved.sum())} moved to another topic or to none)" in markdown
        assert any(f"{t['moved_out']} moved out" in markdown for t in continuing if t["moved_out"])


def test_an_input_skipped_at_ingest_is_not_told_as_removed():
    import types

    import pandas as pd

    from topics.modeling.since_gone import _reasons

    skipped = pd.DataFrame({"source": ["news/sub/empty.txt", "news/old.txt (WINDOWS-1252)", "news/page.html",
                                       "rows.csv row 7 (id a1)"], "reason": ["empty"] * 4})
    corpus = types.SimpleNamespace(articles=pd.DataFrame({"article_id": ["kept"]}), skipped=skipped, source="news")
    why = _reasons(corpus)
    for article in ("sub/empty", "old", "page.html", "a1"):
        assert why(f"{article}#p001", article, "text") == ("article_skipped", ())
    assert why("gone#p001", "gone", "text") == ("article_removed", ())
