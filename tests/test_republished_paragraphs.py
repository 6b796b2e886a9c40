"""A paragraph republished months later in another article is folded into its first copy, as every duplicate
is (the first occurrence is kept); the ingest summary says so, with a count and an example, as it does for
whole articles dated apart."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import warnings

from topics import load_corpus

BACKGROUND = ("Russia launched a full-scale invasion of Ukraine on Feb. 24, sending troops across the border "
              "from the north, the east and the south.")
# An id that would print a line of its own (a fake alias) and colour the rest of the terminal.
HOSTILE_ID = "later\n  aliases  FAKE = LINE\x1b[31m"


def write_table(path, later_id="later"):
    rows = [
        {"id": "first", "title": "Troops cross the border", "date": "2022-02-25",
         "text": f"{BACKGROUND}\n\nSirens sounded across Kyiv before dawn as residents sheltered in the metro."},
        {"id": later_id, "title": "Grain deal extended", "date": "2022-12-20",
         "text": f"Ships loaded with grain left Odesa under the extended deal brokered by Turkey.\n\n{BACKGROUND}"},
        {"id": "other", "title": "Power cuts", "date": "2022-12-20",
         "text": "Rolling power cuts kept much of the capital dark for hours after the latest missile strikes."},
    ]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "title", "date", "text"])
        writer.writeheader()
        writer.writerows(rows)


def test_a_paragraph_republished_in_an_article_dated_otherwise_is_counted_and_named(tmp_path):
    path = tmp_path / "news.csv"
    write_table(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(path)
    note = "later#p001 (2022-12-20) folded into first#p000 (2022-02-25)"
    assert corpus.summary()["paragraphs_dated_apart"] == {"count": 1, "examples": [note]}
    assert corpus.summary()["duplicates_dated_apart"] == []  # no whole article was folded
    assert any("1 duplicate paragraph" in str(w.message) and note in str(w.message) for w in caught)
    run = [sys.executable, "-m", "topics", "ingest", str(path)]
    data = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True, env=os.environ, check=True).stdout)
    assert data["summary"]["paragraphs_dated_apart"] == {"count": 1, "examples": [note]}
    shown = subprocess.run(run, capture_output=True, text=True, env=os.environ, check=True).stdout
    assert "1 duplicate paragraph in an article dated otherwise than the copy kept" in shown and note in shown
    assert "dated 2022-12-20, kept 2022-02-25" in shown


def test_a_hostile_id_in_the_note_is_shown_inert(tmp_path):
    path = tmp_path / "news.csv"
    write_table(path, later_id=HOSTILE_ID)
    run = [sys.executable, "-m", "topics", "ingest", str(path)]
    shown = subprocess.run(run, capture_output=True, text=True, env=os.environ, check=True)
    assert "\x1b" not in shown.stdout and "\x1b" not in shown.stderr
    assert "in an article dated otherwise" in shown.stdout
    assert not [line for line in (shown.stdout + shown.stderr).splitlines() if line.lstrip().startswith("aliases  FAKE")]
