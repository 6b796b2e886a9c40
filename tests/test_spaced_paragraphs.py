"""Text scraped into one line that marks its paragraphs by runs of spaces: read as paragraphs.

The stories are BBC News articles of the test sample (tests/data/bbc_sample.csv), their paragraphs
joined on one line by runs of spaces as a scraper keeps them; the captions are written here.
"""

from __future__ import annotations

import pandas as pd

from topics.ingest.chromelines import chrome_reason
from topics.ingest.corpus import load_corpus
from topics.ingest.repeats import Repeats
from topics.ingest.unwrap import spaced_paragraphs

CAPTION = "A man waits to get water in the city centre. Photograph: Jane Doe/AFP/Getty Images"


def test_runs_of_spaces_after_sentences_are_paragraph_breaks_and_a_caption_between_them_goes(data_dir, tmp_path):
    frame = pd.read_csv(data_dir / "bbc_sample.csv").head(6)
    paragraphs = [[" ".join(p.split()) for p in text.split("\n\n") if p.strip()] for text in frame["text"]]
    texts = []
    for own in paragraphs:
        parts = [*own[:1], CAPTION, *own[1:]] if len(own) > 1 else own
        texts.append("    ".join(parts) + "   ")
    path = tmp_path / "scraped.csv"
    pd.DataFrame({"id": [f"s{i}" for i in range(len(texts))], "title": frame["title"], "text": texts}).to_csv(path, index=False)
    corpus = load_corpus(path)
    kept = corpus.paragraphs.groupby("article_id", sort=False)["text"].apply(list)
    for i, own in enumerate(paragraphs):  # each paragraph its own (a long one split further, as any long paragraph)
        assert " ".join(kept[f"s{i}"]) == " ".join(own) and len(kept[f"s{i}"]) >= len(own)
        assert all(any(part.startswith(paragraph[:60]) for part in kept[f"s{i}"]) for paragraph in own)
    captions = corpus.dropped_lines[corpus.dropped_lines["reason"] == "photo caption"]
    assert len(captions) == sum(len(own) > 1 for own in paragraphs) and set(captions["line"]) == {CAPTION}


def test_a_lone_run_of_spaces_or_runs_inside_sentences_are_spacing():
    assert spaced_paragraphs("Unions representing workers at Turner   Newall say they are disappointed.") is None
    inside = "The price   rose and   fell again.    Traders   were   surprised."
    assert spaced_paragraphs(inside) is None  # one run of four after a sentence, three inside them
    assert spaced_paragraphs("It rained.   Then it snowed.   Then it stopped.") == ["It rained.", "Then it snowed.", "Then it stopped."]


def test_a_long_paragraph_opening_with_a_sign_up_prompt_is_kept_whole():
    prompt = "Sign up to First Edition, our free daily newsletter – every weekday morning at 7am"
    assert chrome_reason(prompt, Repeats()) == "navigation or form text"
    glued = prompt + " " + " ".join(["Russia had largely given up on the pretence that it was only targeting military sites."] * 5)
    assert chrome_reason(glued, Repeats()) is None
