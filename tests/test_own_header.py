"""A note's own headline and date line hold when other notes print them too (data/isaf_notes, data/README.md)."""

import os
import warnings

from topics.ingest.boilerplate import clean_article, split_blocks
from topics.ingest.corpus import load_corpus
from topics.ingest.repeats import Repeats

NOTES = os.path.join(os.path.dirname(__file__), "data", "isaf_notes")
PATROLS = "Security patrols wrap up several leaders, facilitators, destroy narcotics"


def test_notes_sharing_a_headline_and_date_keep_them():
    # Before: two releases noted under one headline and date lost both as lines "repeated across documents":
    # each was titled by its first words and left undated, with a warning that its date has no year.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(NOTES)
    articles = corpus.articles.set_index("article_id")
    for name in ("isaf-test-400", "isaf-test-562"):
        assert (articles.loc[name, "title"], articles.loc[name, "date"]) == (PATROLS, "2011-02-15"), name
    assert articles.loc["isaf-test-006", "date"] == "2011-02-19"  # its date line stands above its headline
    assert not [w for w in caught if "without a year" in str(w.message) or "dated otherwise" in str(w.message)]
    # Sharing a headline and a date makes no duplicate; the release's header lines still go as repeated.
    assert not (corpus.duplicates["level"] == "article").any()
    dropped = corpus.dropped_lines[corpus.dropped_lines["article_id"] == "isaf-test-400"]
    assert ("ISAF Joint Command - Afghanistan", "line repeated across documents") in set(zip(dropped["line"], dropped["reason"]))
    assert ("2011-02-15", "date line") in set(zip(dropped["line"], dropped["reason"]))


def read(name: str) -> str:
    with open(os.path.join(NOTES, name), encoding="utf-8") as handle:
        return handle.read()


def test_a_date_line_above_a_shared_headline_is_the_notes_own():
    # Before: a date line over the headline, both printed by another note too, were dropped as repeated.
    text = read("isaf-test-006.md")
    other = "2011-02-19\n\n# Haqqani network leader detained in Khost\n\n" + read("isaf-test-599.md").split("\n\n", 2)[2]
    repeated = Repeats.of([split_blocks(text), split_blocks(other)])
    cleaned = clean_article(text, repeated, find_header=True)
    assert (cleaned.title, cleaned.date) == ("Haqqani network leader detained in Khost", "2011-02-19")


def test_only_a_first_level_heading_on_the_first_line_and_a_complete_date_by_it_are_marked():
    from topics.ingest.ownheader import own_header

    def marked(text):
        found = own_header(text, split_blocks(text))
        return found.title_index, found.date_index

    assert marked("# Leaders detained\n\n2011-02-15\n\nAfghan forces detained two leaders yesterday.") == (0, 1)
    assert marked("15 February 2011\n\n# Leaders detained\n\nAfghan forces detained two leaders yesterday.") == (1, 0)
    assert marked("# Leaders detained\n\nFebruary 2011\n\nAfghan forces detained two leaders yesterday.") == (0, None)
    assert marked("## Leaders detained\n\n2011-02-15\n\nAfghan forces detained two leaders.") == (None, None)
    assert marked("Menu\n\n# Leaders detained\n\n2011-02-15\n\nAfghan forces detained two leaders.") == (None, None)
