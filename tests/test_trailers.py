"""A site's trailing sentences in text scraped as one line per article: cut off like a line of chrome.

The stories are BBC News articles of the test sample (tests/data/bbc_sample.csv), each joined into one
line as scrapers store them; the trailers are written here as a news site sets them.
"""

from __future__ import annotations

import pandas as pd

from topics.ingest.corpus import load_corpus
from topics.ingest.repeats import Repeats, last_sentences, split_trailer

FOLLOW = "Follow Riverside News on Facebook, Twitter and Instagram. Send your story ideas to newsdesk@riverside.example."
NOTICE = "© 2024 Riverside News. Riverside News is not responsible for the content of external sites."


def one_line_stories(data_dir, n: int) -> list[str]:
    frame = pd.read_csv(data_dir / "bbc_sample.csv").head(n)
    return [" ".join(text.split()) for text in frame["text"]]


def write(tmp_path, texts: list[str]):
    path = tmp_path / "scraped.csv"
    pd.DataFrame({"id": [f"s{i}" for i in range(len(texts))], "title": [f"Story {i}" for i in range(len(texts))],
                  "text": texts}).to_csv(path, index=False)
    return load_corpus(path)


def test_sentences_a_site_sets_after_every_story_are_cut_off_and_listed(data_dir, tmp_path):
    stories = one_line_stories(data_dir, 12)
    # Nine stories end with the site's trailer, one of them after a closing quote; three end as written.
    texts = [f"{story} {FOLLOW} {NOTICE}" if i < 9 else story for i, story in enumerate(stories)]
    texts[0] = f'{stories[0]} "That is all," she said. {FOLLOW} {NOTICE}'
    corpus = write(tmp_path, texts)
    kept = corpus.paragraphs.groupby("article_id")["text"].apply(" ".join)
    assert not kept.str.contains("Riverside|newsdesk").any()
    for i, story in enumerate(stories):
        assert " ".join(kept[f"s{i}"].split()) == (f'{story} "That is all," she said.' if i == 0 else story)
    dropped = corpus.dropped_lines
    trailers = dropped[dropped["reason"] == "sentences repeated at the end of articles"]
    assert sorted(trailers["article_id"]) == sorted(f"s{i}" for i in range(9))
    assert set(trailers["line"]) == {f"{FOLLOW} {NOTICE}"}


def test_a_trailer_of_few_stories_and_a_story_captured_many_times_keep_their_ending(data_dir):
    stories = one_line_stories(data_dir, 40)
    # Four of forty stories share the trailer: under the floor of five (and one in a hundred).
    few = Repeats.of([[f"{story} {FOLLOW}"] if i < 4 else [story] for i, story in enumerate(stories)])
    assert few.trailers == set()
    # One story captured six times, each capture cut at another place but ending alike: its own
    # sentences, not a site's trailer.
    sentences = last_sentences(stories[0])
    captures = [[" ".join(sentences[cut:])] for cut in range(6)]
    assert Repeats.of(captures + [[story] for story in stories[1:]]).trailers == set()


def test_a_sentence_ending_the_last_paragraph_of_stories_that_keep_their_paragraphs_is_theirs(data_dir, tmp_path):
    frame = pd.read_csv(data_dir / "bbc_sample.csv").head(12)
    # Stories with their paragraphs, nine ending alike (as press releases end "No civilians were harmed."):
    # the sentence is the story's, not a trailer scraped into its text.
    ending = "No civilians were harmed during the operation."
    texts = [f"{text.rstrip()} {ending}" if i < 9 else text for i, text in enumerate(frame["text"])]
    assert all("\n\n" in text for text in texts)
    corpus = write(tmp_path, texts)
    kept = corpus.paragraphs.groupby("article_id")["text"].apply(" ".join)
    assert sum(kept.str.endswith(ending)) == 9
    assert "sentences repeated at the end of articles" not in set(corpus.dropped_lines["reason"])


def test_a_block_of_trailers_alone_is_left_to_the_line_rules():
    trailers = {"follow riverside news on facebook, twitter and instagram", "send your story ideas to newsdesk@riverside.example"}
    assert split_trailer(FOLLOW, trailers) == (FOLLOW, None)
    body = "The council met on Monday. It voted to close the library."
    assert split_trailer(f"{body} {FOLLOW}", trailers) == (body, FOLLOW)
    assert split_trailer(f"{body} Send your story ideas to us. {FOLLOW}", trailers) == (f"{body} Send your story ideas to us.", FOLLOW)


def test_a_short_article_ending_in_a_copyright_notice_is_kept_and_the_notice_goes(tmp_path):
    # Three one-line video pages (too few for a trailer): each a sentence of summary, then the site's notice.
    notice = "© 2024 Riverside News. Riverside News is not responsible for the content of external sites."
    summaries = ["The council voted on Monday to close the library after forty years in the old market hall.",
                 "Firefighters spent the night at the warehouse fire on the edge of town, the fire service said.",
                 "A climate scientist urged people to make more effort ahead of the talks in Bonn next month."]
    corpus = write(tmp_path, [f"{summary} {notice}" for summary in summaries])
    assert corpus.paragraphs["text"].tolist() == summaries
    assert corpus.dropped_lines["line"].tolist() == [notice] * 3
    assert set(corpus.dropped_lines["reason"]) == {"copyright notice"}


def test_a_copyright_named_in_prose_or_a_credit_in_brackets_is_no_notice():
    from topics.ingest.chromelines import chrome_reason, split_trailing_copyright

    prose = ("Two men have pleaded guilty to charges that they infringed copyright by illegally sharing music, movies "
             "and software.")
    assert chrome_reason(prose, Repeats()) is None and split_trailing_copyright(prose) == (prose, None)
    caption = "The plant was shelled again. (Satellite image ©2022 Maxar Technologies via AP) The image shows the plant."
    assert split_trailing_copyright(caption) == (caption, None)
    wire = "The storm hit the coast on Monday, officials said. Copyright 2022 The Associated Press. All rights reserved."
    assert split_trailing_copyright(wire) == ("The storm hit the coast on Monday, officials said.",
                                              "Copyright 2022 The Associated Press. All rights reserved.")


def test_a_desks_lines_before_the_sites_notice_go_with_it_where_they_end_a_story_alone_too(data_dir, tmp_path):
    stories = one_line_stories(data_dir, 30)
    desk = "Follow Riverside North on Facebook and Instagram. Send your story ideas to north@riverside.example."
    # Twenty stories end with the site's notice, three of them after the northern desk's lines; one more ends
    # with the desk's lines alone (four in all: too rare across the site to be a trailer by itself); ten as written.
    texts = [f"{story} {desk} {NOTICE}" if i < 3 else f"{story} {NOTICE}" if i < 20 else f"{story} {desk}" if i < 21 else story
             for i, story in enumerate(stories)]
    corpus = write(tmp_path, texts)
    kept = corpus.paragraphs.groupby("article_id")["text"].apply(" ".join)
    assert not kept.str.contains("Riverside|riverside").any()
    for i, story in enumerate(stories):
        assert " ".join(kept[f"s{i}"].split()) == story
    # A line repeated at the end of a few stories but never next to the notice is theirs.
    lone = Repeats.of([[f"{story} {desk}"] if i < 3 else [story] for i, story in enumerate(stories)])
    assert lone.trailers == set()
