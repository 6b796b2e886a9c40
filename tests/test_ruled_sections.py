"""A text kept on one line is cut at the rules its writer drew between a story and its notes."""

import pandas as pd
import pytest

from topics.ingest.corpus import load_corpus
from topics.ingest.unwrap import ruled_sections


def test_a_one_line_text_is_cut_at_its_rules():
    line = ("The talks ended late on Friday. ___ Follow our coverage of the talks at https://example.org/talks "
            "___ Jane Doe contributed to this report.")
    assert ruled_sections(line) == ["The talks ended late on Friday.", "Follow our coverage of the talks at https://example.org/talks",
                                    "Jane Doe contributed to this report."]
    assert ruled_sections("All of this was true. * * * Day 2: Friday 25 February The president is here") == [
        "All of this was true.", "Day 2: Friday 25 February The president is here"]


@pytest.mark.parametrize("line", ["What the *** is this, you *** fools?", "No rule in this line.", "___", "A dash --- in prose."])
def test_asterisks_for_a_word_left_out_a_dash_and_a_rule_alone_cut_nothing(line):
    assert ruled_sections(line) is None


def test_notes_after_a_rule_are_dropped_and_the_story_is_kept(tmp_path):
    story = ("The council voted on Monday to rebuild the harbour wall. Work starts in spring and should take two years, "
             "the mayor said.")
    rows = [{"title": f"Harbour {i}", "date": "2022-08-29",
             "text": f"{story} Story {i} adds its own closing sentence about the vote. ___ "
                     f"Full coverage of the harbour: https://example.org/hub/harbour ___ Jane Doe contributed to this report."}
            for i in range(3)]
    path = tmp_path / "wire.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    corpus = load_corpus(path)
    texts = corpus.paragraphs["text"].tolist()
    assert len(texts) == 3 and all(text.startswith(story) and text.endswith("about the vote.") for text in texts)
    dropped = corpus.dropped_lines
    assert (dropped["line"] == "Jane Doe contributed to this report.").sum() == 3
