"""Corpus ingest on the real seed articles and on broken inputs."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from topics.ingest.corpus import load_corpus
from topics.errors import InputError, TopicsWarning

CHROME_LINES = [
    "ASIA",
    "Published",
    "on",
    "Leave a Reply",
    "Please enter your comment!",
    "Please enter your name here",
    "Captcha verification failed!",
    "CAPTCHA user score failed. Please contact us!",
    "- Advertisement -",
    "MOST READ",
    "Exit mobile version",
    "Follow AsumeTech on",
    "More From Category",
    "More Stories Today",
    "More articles",
    "Immigration News",
    "Khaama Press",
    "Khaama Press is a Kabul-based independent and non-political news organization established in 2010.",
    "The World News",
]


def test_seed_chrome_never_survives(seeds_corpus):
    texts = set(seeds_corpus.paragraphs["text"]) | set(seeds_corpus.paragraphs["section"].dropna())
    for line in CHROME_LINES:
        assert line not in texts
        assert not any(text.strip() == line for text in texts)
    joined = "\n".join(texts).lower()
    for fragment in ("captcha", "leave a reply", "exit mobile version", "most read", "advertisement", "enter your comment"):
        assert fragment not in joined
    dropped = set(seeds_corpus.dropped_lines["line"])
    assert {"ASIA", "MOST READ", "Exit mobile version", "Leave a Reply", "- Advertisement -"} <= dropped


def test_seed_titles_and_dates(seeds_corpus):
    articles = seeds_corpus.articles.set_index("article_id")
    assert articles.loc["000_390bfbc4b490d38b", "title"].startswith("Taliban denounces US drones")
    assert articles.loc["001_f9e57255359d1c5f", "title"] == "Afghanistan blames US for nurturing Daesh"
    assert articles.loc["002_59dcec73785cff5f", "title"].startswith("International armed groups setting their sights")
    assert articles.loc["003_a25ce7c72124d8bc", "title"].startswith("Taliban affirm that exit of US")
    assert articles.loc["004_c951a08664cb83cf", "title"].startswith("Taliban protects US bases")
    assert articles.loc["003_a25ce7c72124d8bc", "date"] == "2021-08-31"
    assert articles.loc["004_c951a08664cb83cf", "date"] == "2024-07-13"
    assert articles["date"].notna().sum() == 2


def test_seed_sections_and_stable_ids(seeds_corpus):
    paragraphs = seeds_corpus.paragraphs
    sections = set(paragraphs["section"].dropna())
    assert {"US drones come from Pakistan", "Al Qaeda", "Domestic terrorism"} <= sections
    under = paragraphs[paragraphs["section"] == "Al Qaeda"]
    assert under["text"].head(5).str.contains("al Qaeda|al-Qaeda", case=False).all()
    assert paragraphs["paragraph_id"].is_unique
    again = load_corpus(seeds_corpus.source)
    assert again.paragraphs["paragraph_id"].tolist() == paragraphs["paragraph_id"].tolist()
    assert paragraphs.groupby("article_id").size().min() >= 5


def _ids_by_text(corpus) -> dict:
    return {(row.article_id, row.text): row.paragraph_id for row in corpus.paragraphs.itertuples(index=False)}


def test_paragraph_ids_do_not_depend_on_the_rest_of_the_corpus(tmp_path, seeds_dir, seeds_corpus):
    """A paragraph's id numbers it as its article's own text splits it: articles added to the corpus
    that make one of its lines repeat (then dropped as chrome) leave a gap, not a shifted numbering."""
    from repeated_sample import HOLDER, LINE, write_corpora

    early, full = (load_corpus(path) for path in write_corpora(tmp_path))
    before, after = _ids_by_text(early), _ids_by_text(full)
    assert (HOLDER, LINE) in before and (HOLDER, LINE) not in after  # a paragraph once, chrome when repeated
    assert set(full.dropped_lines["line"]) == {LINE}
    assert {key: before[key] for key in before if key in after} == {key: after[key] for key in before if key in after}
    holder = full.paragraphs[full.paragraphs["article_id"] == HOLDER]
    assert holder["paragraph_id"].head(3).tolist() == [f"{HOLDER}#p000", f"{HOLDER}#p002", f"{HOLDER}#p003"]
    assert holder["position"].head(3).tolist() == [0, 1, 2]  # the place among the kept paragraphs
    # Every article is numbered as when it is read alone (nothing repeats then), the paragraph the
    # line cut in two and joined again taking the number of its first half.
    for article_id, rows in full.paragraphs.groupby("article_id"):
        source = full.articles.set_index("article_id").loc[article_id, "source"]
        alone = load_corpus(pd.read_json(full.source, lines=True).iloc[[int(source.rsplit(" ", 1)[1]) - 1]])  # "line N", from 1
        own = dict(zip(alone.paragraphs["text"], alone.paragraphs["paragraph_id"]))
        assert all(own.get(text, pid) == pid for text, pid in zip(rows["text"], rows["paragraph_id"])), article_id
        assert rows["paragraph_id"].is_unique
    cut = full.paragraphs[full.paragraphs["article_id"] == "bbc-0110"]["paragraph_id"].tolist()
    assert cut[:3] == ["bbc-0110#p000", "bbc-0110#p001", "bbc-0110#p004"]
    # Page dumps too: three of the seed pages read without the other two keep their ids.
    for path in sorted(seeds_dir.glob("*.txt"))[:3]:
        (tmp_path / "seeds").mkdir(exist_ok=True)
        (tmp_path / "seeds" / path.name).write_bytes(path.read_bytes())
    part, whole = _ids_by_text(load_corpus(tmp_path / "seeds")), _ids_by_text(seeds_corpus)
    assert part and all(whole.get(key, pid) == pid for key, pid in part.items())


def test_pieces_are_numbered_by_their_place_in_the_article_read_alone():
    from topics.ingest.paragraphs import aligned_numbers

    assert aligned_numbers(["a", "c"], ["a", "line", "c"]) == [0, 2]  # the dropped line's gap
    assert aligned_numbers(["a", "b1 b2", "c"], ["a", "b1", "line", "b2", "c"]) == [0, 1, 4]  # joined: its first half's
    assert aligned_numbers(["a", "new", "b"], ["a", "b"]) == [0, 2, 1]  # no place: after the last, the others kept
    # Thousands of equal pieces (a cell of one word repeated): each its own place, at once.
    assert aligned_numbers(["w"] * 20_000, ["x", *["w"] * 20_000]) == list(range(1, 20_001))


# Short paragraphs as news writes them: quotes and brackets, straight and curly, close sentences.
QUOTED_PARAGRAPHS = [
    'He said: "We will stay." Then he left the room. "Nobody asked us," she said. "Why now?" Nobody knew.',
    "The minister spoke first (he had arrived late.) The others waited. 'It is over.' The crowd left.",
    "“We are ready.” The governor said so twice. ‘Are we?’ a reporter asked. [The answer was cut.] Later [sic.] more.",
    "The council voted (see the annex [page 4.]) Then it adjourned!\" And the hall emptied… » Fin. « Another line.",
]


def _split_paragraphs(data_dir) -> list[str]:
    """Paragraphs of the BBC and ISAF samples, and the quoted ones above."""
    bbc = pd.read_csv(data_dir / "bbc_sample.csv")["text"].astype(str)
    with open(data_dir / "isaf_sample.jsonl", encoding="utf-8") as lines:
        isaf = [json.loads(line)["text"] for line in lines if line.strip()]
    return [p for text in [*bbc, *isaf] for p in text.split("\n\n") if p.strip()] + QUOTED_PARAGRAPHS


def test_long_paragraphs_split_without_losing_a_character(data_dir):
    """Every character of a split paragraph is in its pieces, in order (only the whitespace where it is
    split may go): a quote or bracket closing a sentence stays with it."""
    from topics.ingest.paragraphs import split_long

    paragraphs = _split_paragraphs(data_dir)
    n_split = 0
    for max_words in (5, 12, 40):
        for paragraph in paragraphs:
            pieces = split_long(paragraph, max_words)
            n_split += len(pieces) > 1
            assert "".join("".join(pieces).split()) == "".join(paragraph.split()), paragraph
            assert all(len(piece.split()) <= max_words for piece in pieces)
    assert n_split > 500  # the property was tried on splits, not on paragraphs left whole
    # The embedder splits a text past the model's window with the same splitter: nothing lost there either.
    from topics.embedding.window import window_pieces

    for paragraph in QUOTED_PARAGRAPHS:
        pieces = window_pieces(paragraph, lambda piece: len(piece.split()) <= 6)
        assert len(pieces) > 2 and "".join("".join(pieces).split()) == "".join(paragraph.split())
    pieces = split_long(QUOTED_PARAGRAPHS[0], 6)
    assert pieces[0] == 'He said: "We will stay."' and pieces[2] == '"Nobody asked us," she said.'
    assert split_long(QUOTED_PARAGRAPHS[2], 5)[:2] == ["“We are ready.”", "The governor said so twice."]


def test_units_tables(seeds_corpus):
    paragraphs = seeds_corpus.units("paragraph")
    assert {"unit_id", "article_id", "title", "date", "text", "section"} <= set(paragraphs.columns)
    assert len(paragraphs) == len(seeds_corpus.paragraphs)
    articles = seeds_corpus.units("article")
    assert articles["unit_id"].tolist() == seeds_corpus.articles["article_id"].tolist()
    with pytest.raises(ValueError, match="level"):
        seeds_corpus.units("sentence")


def test_long_paragraphs_split_within_model_window(tmp_path, embedder):
    body = " ".join(f"The provincial council debated the irrigation budget for district {i} again." for i in range(120))
    (tmp_path / "long.txt").write_text("A long report on irrigation\n\n" + body, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert len(corpus.paragraphs) > 1
    tokenizer = embedder.sentence_transformer.tokenizer
    limit = embedder.sentence_transformer.max_seq_length
    for text in corpus.paragraphs["text"]:
        assert len(tokenizer(text)["input_ids"]) <= limit
    # nothing lost: every sentence of the input is in some piece
    assert sum(t.count("irrigation budget") for t in corpus.paragraphs["text"]) == 120


def test_duplicate_articles_and_paragraphs_collapsed(tmp_path, seeds_dir):
    for name in ("000_390bfbc4b490d38b.txt", "003_a25ce7c72124d8bc.txt"):
        (tmp_path / name).write_bytes((seeds_dir / name).read_bytes())
    (tmp_path / "copy_of_003.txt").write_bytes((seeds_dir / "003_a25ce7c72124d8bc.txt").read_bytes())
    near = (seeds_dir / "000_390bfbc4b490d38b.txt").read_text(encoding="utf-8").replace("Monday", "Tuesday")
    (tmp_path / "near_copy_of_000.txt").write_text(near, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert len(corpus.articles) == 2
    dups = corpus.duplicates.set_index("unit_id")
    assert dups.loc["copy_of_003", "kind"] == "exact"
    assert dups.loc["near_copy_of_000", "kind"] == "near"
    assert dups.loc["near_copy_of_000", "duplicate_of"] == "000_390bfbc4b490d38b"


def test_a_repeated_paragraph_is_collapsed_and_an_article_made_only_of_it_is_a_duplicate(tmp_path):
    shared = "The ministry said the talks in the capital would resume next week after the holiday break."
    (tmp_path / "a.txt").write_text(f"Talks to resume\n\n{shared}\n\nDelegations from both sides named their negotiators on Monday.", encoding="utf-8")
    # Another article around the same paragraph: the paragraph is kept once, the article stays.
    (tmp_path / "b.txt").write_text(f"Second story about weather\n\nHeavy snow closed the mountain passes for three days in a row this week.\n\n{shared}", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.articles["article_id"].tolist() == ["a", "b"]
    assert (corpus.paragraphs["text"] == shared).sum() == 1
    assert corpus.duplicates[["unit_id", "level"]].values.tolist() == [["b#p001", "paragraph"]]
    # An article with nothing but the repeated paragraph: a duplicate of the article that has it.
    (tmp_path / "b.txt").write_text(f"Talks to resume soon\n\n{shared}", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.articles["article_id"].tolist() == ["a"]
    row = corpus.duplicates.set_index("unit_id").loc["b"]
    assert row["level"] == "article" and row["duplicate_of"] == "a" and row["kind"] == "all paragraphs repeated"


def test_table_inputs(tmp_path, data_dir):
    corpus = load_corpus(data_dir / "bbc_sample.csv")
    assert len(corpus.articles) == 200
    assert set(corpus.articles["label"]) == {"business", "entertainment", "politics", "sport", "tech"}
    assert corpus.articles["title"].notna().all()
    frame = pd.read_csv(data_dir / "bbc_sample.csv").head(5)
    frame.to_json(tmp_path / "five.jsonl", orient="records", lines=True)
    frame.to_parquet(tmp_path / "five.parquet")
    for path in (tmp_path / "five.jsonl", tmp_path / "five.parquet"):
        assert load_corpus(path).articles["article_id"].tolist() == frame["id"].tolist()
    from_frame = load_corpus(frame.rename(columns={"text": "body"}))
    assert len(from_frame.articles) == 5


def test_table_cells_keep_lists_and_lose_only_named_chrome(data_dir):
    # A cell is the article: a team sheet after the match report stays; no line goes for where it stands.
    corpus = load_corpus(data_dir / "bbc_sample.csv")
    texts = set(corpus.paragraphs["text"])
    assert "Subs Not Used: Eboue, Taylor." in texts
    assert any(t.startswith("Almunia, Lauren, Cygan, Senderos") for t in texts)
    assert corpus.dropped_lines.empty
    cell = (
        "Share on Facebook\n\nThe port reopened on Monday after two days of storms closed it to ships.\n\n"
        "Advertisement\n\nDock workers said the cranes were undamaged and cargo would move by evening.\n\n"
        "Ships waiting: 14\n\nPhoto: Harbour Authority"
    )
    corpus = load_corpus(pd.DataFrame({"text": [cell]}))
    assert corpus.paragraphs["text"].tolist()[-1] == "Ships waiting: 14"
    assert set(corpus.dropped_lines["line"]) == {"Share on Facebook", "Advertisement", "Photo: Harbour Authority"}


def test_a_reference_number_alone_is_no_paragraph():
    """A press release's number on a line of its own ("2011-11-S-034") or a bare date stays in the
    article's text but is no unit: release numbers otherwise make a topic of their own. A line of words
    with a number, and an article that is nothing but a number, stay units."""
    from topics.ingest.lines import is_reference_line

    rows = [
        "2011-11-S-034\n\nKABUL, Afghanistan (Nov. 20, 2011)\nAn Afghan and coalition security force detained a Taliban "
        "leader in Kandahar province.",
        "Coalition forces found a weapons cache in Helmand province on Tuesday.\n\n08.04.2015 12:46",
        "The port reopened on Monday after two days of storms.\n\nShips waiting: 14",
        "2012-06-S-026",
    ]
    corpus = load_corpus(pd.DataFrame({"text": rows}))
    texts = corpus.paragraphs["text"].tolist()
    assert not {"2011-11-S-034", "08.04.2015 12:46"} & set(texts) and "Ships waiting: 14" in texts
    assert "2012-06-S-026" in texts  # all the article has
    assert corpus.articles["text"].str.contains("2011-11-S-034").any()  # nothing lost from the article
    assert corpus.paragraphs.groupby("article_id")["position"].min().tolist() == [1, 0, 0, 0]
    assert [is_reference_line(t) for t in ("2009-12-CA–080", "A4", "COVID-19", "1. Introduction....2", "在这项研究中，17名男子")] == [
        True, True, False, False, False]


def test_an_encoded_attachment_is_no_text_but_code_paths_and_rules_are_kept():
    """A uuencoded or base64 attachment (a mail or forum post's picture, a PGP signature) holds no words:
    it is dropped at ingest with its reason, not made into paragraphs whose "words" become a topic
    ("AX AX AX AX AS"). Code, paths, links, rule lines, hashes in a sentence and Chinese prose stay."""
    import base64
    import binascii
    import random

    from topics.ingest.prose import is_encoded

    data = random.Random(0).randbytes(900)
    uuencoded = "begin 644 gazebo.bmp\n" + "".join(binascii.b2a_uu(data[i : i + 45]).decode() for i in range(0, 900, 45)) + "`\nend"
    pgp = "\n".join(base64.b64encode(data[i : i + 48]).decode() for i in range(0, 480, 48))
    message = (f"Here is the picture of the gazebo I promised, uuencoded.\n\n{uuencoded}\n\n"
               f"Save it and decode it with uudecode.\n\n-----BEGIN PGP SIGNATURE-----\n\n{pgp}\n\n-----END PGP SIGNATURE-----")
    corpus = load_corpus(pd.DataFrame({"text": [message, "The storm closed two ports on the coast overnight."]}))
    texts = corpus.paragraphs["text"].tolist()
    assert "Here is the picture of the gazebo I promised, uuencoded." in texts and "Save it and decode it with uudecode." in texts
    assert not any(len(max(t.split(), key=len)) >= 40 for t in texts), texts
    dropped = corpus.dropped_lines
    assert (dropped["reason"] == "encoded data (an attachment, not text)").sum() >= 2, dropped
    kept = [
        "display=XOpenDisplay(NULL);\nstatus=XMatchVisualInfo(display,DefaultScreen(display),24,TrueColor,&vinfo);",
        "scam.berkeley.edu:/src/local/3dplot.tar.Z scam.berkeley.edu:/src/local/contour.tar.Z export.lcs.mit.edu:/contrib/XServers-NonUNIX.txt.Z",
        "https://www.example.org/news/2021/08/29/kabul-drone-strike-investigation-findings-released-by-pentagon",
        "-" * 78 + " Answers To Frequently Asked Questions about Keyboards " + "=" * 40,
        "The file's SHA-256 digest, e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, was published with the release notes of the project.",
        "在这项研究中，十七名男子和二十名女子参加了为期六个月的试验，研究人员每周测量他们的血压和心率，并记录他们的饮食和睡眠情况。" * 2,
    ]
    assert [is_encoded(block) for block in kept] == [False] * len(kept)


def test_table_with_dates(tmp_path):
    frame = pd.DataFrame({"content": ["Budget talks stalled again in parliament today over taxes."] * 1 + ["Storms hit the coast and closed two ports overnight."], "date": ["2021-02-03", "not a date"]})
    with pytest.warns(TopicsWarning, match=r"1 of 2 dates could not be read as dates \(row 1 'not a date'\)"):
        corpus = load_corpus(frame)
    assert corpus.articles["date"].tolist()[0] == "2021-02-03"
    assert pd.isna(corpus.articles["date"].tolist()[1])
    assert corpus.articles["date_source"].tolist() == ["given", "unreadable"]


# ------------------------------------------------------------------ bad input


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(InputError, match=r"no \.txt, \.md or \.html files"):
        load_corpus(tmp_path)


def test_empty_and_whitespace_files(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("  \n\t\n ", encoding="utf-8")
    with pytest.raises(InputError, match="empty or whitespace-only") as info:
        load_corpus(tmp_path)
    assert "empty.txt" in str(info.value)
    (tmp_path / "real.txt").write_text("A title here\n\nA real paragraph about the elections held in the north last week.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert len(corpus.articles) == 1
    assert set(corpus.skipped["reason"]) == {"empty or whitespace-only file"}
    with pytest.raises(InputError, match="blank.txt: empty or whitespace-only"):
        load_corpus(tmp_path / "blank.txt")


def test_non_utf8_binary_and_huge_files(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 owners protest\n\nThe caf\xe9 owners of the old town protested against the new tax on Monday.".encode("cp1252"))
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.write(b"word " * (10 * 1024 * 1024))  # 50 MB
    corpus = load_corpus(tmp_path)
    assert corpus.articles["title"].tolist() == ["Café owners protest"]
    assert "Windows-1252" in corpus.articles["source"].iloc[0]
    reasons = dict(zip(corpus.skipped["source"].map(lambda s: s.rsplit("/", 1)[-1]), corpus.skipped["reason"]))
    assert "binary" in reasons["image.txt"]
    assert "MB limit" in reasons["huge.txt"]
    with pytest.raises(InputError, match=r"huge\.txt: 52\.4 MB is larger"):
        load_corpus(huge)


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text("id,headline\n1,Budget talks\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"articles\.csv: no text column found.*headline"):
        load_corpus(path)
    with pytest.raises(InputError, match=r"articles\.csv: no text column 'story'"):
        load_corpus(path, text_column="story")


def test_a_csv_row_with_more_fields_than_its_header_is_refused_naming_its_line(tmp_path):
    # Before: a first data row with one field too many made pandas take the ids for row names and shift
    # every column, so the article's id became its text and its text the stray field, with no message.
    path = tmp_path / "shifted.csv"
    path.write_text('id,text\n1,"Budget talks stalled in parliament, again.",extra\n2,Storms hit the coast.\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"shifted\.csv: line 2 has 3 fields, the header 2"):
        load_corpus(path)
    # A separator ending every line (as some exports write) leaves empty fields only: read as it is.
    trailing = tmp_path / "trailing.csv"
    trailing.write_text("id,text\n1,Budget talks stalled in parliament.,\n2,Storms hit the coast.,\n", encoding="utf-8")
    assert load_corpus(trailing).articles["text"].tolist() == ["Budget talks stalled in parliament.", "Storms hit the coast."]


def test_an_empty_json_lines_file_says_it_holds_no_rows(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"news\.jsonl: holds no rows"):
        load_corpus(path)


def test_an_empty_id_is_refused_naming_its_row_and_a_small_number_for_a_date_leaves_it_undated(tmp_path):
    # Before: an empty id cell named an article "" (a DataFrame's None: "nan", its paragraph "nan#p000"), and a
    # date cell of one or two digits failed with AttributeError: 'NoneType' object has no attribute 'startswith'.
    path = tmp_path / "news.csv"
    path.write_text('id,text\n,"Drones flew over Kabul airspace."\nb,Storms hit the coast.\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"news\.csv: the id column 'id' is empty at line 2"):
        load_corpus(path)
    frame = pd.DataFrame({"id": ["a", None], "text": ["Drones flew over Kabul airspace.", "Storms hit the coast."]})
    with pytest.raises(InputError, match="the id column 'id' is empty at row 1"):
        load_corpus(frame)
    dated = tmp_path / "dated.csv"
    dated.write_text('id,text,date\na,"Drones flew over Kabul airspace.",7\nb,Storms hit the coast.,2021-08-01\n', encoding="utf-8")
    with pytest.warns(TopicsWarning, match="1 of 2 dates could not be read as dates"):
        corpus = load_corpus(dated)
    assert corpus.articles["date"].isna().tolist() == [True, False]


def test_mining_aliases_refuses_one_string_and_reads_a_tables_text_column():
    # Before: one string was read a character at a time and a DataFrame by its column names, both finding nothing.
    from topics.text.alias_mining import mine_aliases

    text = "The Islamic State Khorasan Province (ISKP) claimed the attack. ISKP fighters fled."
    assert mine_aliases(pd.DataFrame({"text": [text]})).groups == mine_aliases([text]).groups != ()
    with pytest.raises(InputError, match="texts: expected a list of texts or a Corpus, not one string"):
        mine_aliases(text)
    with pytest.raises(InputError, match="max_texts: must be a positive whole number"):
        mine_aliases([text], max_texts=0)


def test_a_list_of_texts_given_as_a_source_says_what_a_source_is():
    # Before: pathlib's "TypeError: expected str, bytes or os.PathLike object, not list", naming no argument.
    with pytest.raises(InputError, match=r"source: expected a folder, a file or a DataFrame, not list .*TopicModel\(\)\.fit"):
        load_corpus(["Drones flew over Kabul airspace.", "Storms hit the coast."])


def test_messages_name_a_tables_rows_by_the_line_an_editor_shows(tmp_path):
    """A CSV row is named by the line it starts on, the header being line 1 (a quoted cell may span
    lines, blank lines are skipped); a JSON-lines row by its line; a DataFrame row by its index."""
    from topics.report.explorer import article_source

    path = tmp_path / "news.csv"
    path.write_text(
        "id,date,text\n"
        'a,2021-03-01,"Budget talks stalled in parliament.\n\nA second paragraph of the same story."\n'
        "\n"
        "b,yesterday,Storms hit the coast and closed two ports.\n"
        "c,2021-03-02,\n",
        encoding="utf-8",
    )
    with pytest.warns(TopicsWarning, match=r"news\.csv: 1 of 2 dates could not be read as dates \(line 6 'yesterday'\)"):
        corpus = load_corpus(path)
    assert corpus.articles["source"].tolist() == [f"{path} line 2", f"{path} line 6"]
    assert corpus.skipped.values.tolist() == [[f"{path} line 7 (id c)", "empty text"]]
    assert {article_source(source) for source in corpus.articles["source"]} == {"news.csv"}  # the report's source filter

    lines = tmp_path / "news.jsonl"
    rows = [{"id": "a", "text": "Budget talks stalled again."}, {"id": "b", "date": "not a date", "text": "Storms hit the coast."}]
    lines.write_text(json.dumps(rows[0]) + "\n\n" + json.dumps(rows[1]) + "\n", encoding="utf-8")
    with pytest.warns(TopicsWarning, match=r"\(line 3 'not a date'\)"):
        assert load_corpus(lines).articles["source"].tolist() == [f"{lines} line 1", f"{lines} line 3"]
    frame = pd.DataFrame({"text": ["Budget talks stalled again.", " "]}, index=[10, 11])
    assert load_corpus(frame).skipped["source"].tolist() == ["<DataFrame> row 11 (id row-000001)"]


def test_day_and_month_are_read_in_the_files_order_and_pandas_says_nothing(tmp_path):
    def read(dates: list[str]) -> tuple[list, list[str]]:
        path = tmp_path / "dated.csv"
        path.write_text("id,date,text\n" + "".join(f"{i},{d},Article {i} on the harvest in the north.\n" for i, d in enumerate(dates)), encoding="utf-8")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            corpus = load_corpus(path)
        assert all(issubclass(w.category, TopicsWarning) for w in caught), [str(w.message) for w in caught]
        return corpus.articles["date"].tolist(), [str(w.message) for w in caught]

    # 31/12 can only be day first: so is 03/04 in the same file; ISO dates stay as written.
    dates, said = read(["31/12/2012", "03/04/2012", "2012-03-04"])
    assert dates == ["2012-12-31", "2012-04-03", "2012-03-04"] and said == []
    dates, said = read(["12/31/2012", "03/04/2012"])
    assert dates == ["2012-12-31", "2012-03-04"] and said == []
    # Nothing in the file says which: read month first, and said once, naming the file and the line.
    dates, said = read(["03/04/2012", "05/06/2012", "2012-01-01"])
    assert dates == ["2012-03-04", "2012-05-06", "2012-01-01"]
    assert len(said) == 1 and str(tmp_path / "dated.csv") in said[0]
    assert "2 dates such as line 2 '03/04/2012' could be day/month or month/day" in said[0] and "read month first (2012-03-04)" in said[0]
    dates, said = read(["31/12/2012", "12/31/2012", "03/04/2012"])
    assert dates == ["2012-12-31", "2012-12-31", "2012-03-04"]
    assert len(said) == 1 and "line 2 '31/12/2012' day first and line 3 '12/31/2012' month first" in said[0]


def test_id_title_and_date_columns_of_other_names(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(
        "Story ID,Headline,Story Body,Section,Published On\n"
        "ag-1,Budget talks stall,Budget talks stalled again in parliament over taxes.,Politics,2024-02-02\n"
        "ag-2,Storms close ports,Storms hit the coast and closed two ports overnight.,Weather,\n",
        encoding="utf-8",
    )
    with pytest.warns(TopicsWarning, match=r"odd\.csv: no 'id', 'title' or 'date' column, but 'Story ID', 'Headline' and "
                                           r"'Published On' look like them; name them with --id-column, --title-column and --date-column"):
        plain = load_corpus(path, text_column="Story Body")
    assert plain.articles["article_id"].tolist() == ["row-000000", "row-000001"] and plain.articles["date"].isna().all()
    corpus = load_corpus(path, text_column="Story Body", id_column="Story ID", title_column="Headline", date_column="Published On")
    articles = corpus.articles
    assert articles["article_id"].tolist() == ["ag-1", "ag-2"]
    assert articles["title"].tolist() == ["Budget talks stall", "Storms close ports"]
    assert articles["title_source"].tolist() == ["given", "given"]
    assert articles["date"].tolist()[0] == "2024-02-02" and pd.isna(articles["date"].iloc[1])
    for option in ("id_column", "title_column", "date_column"):
        with pytest.raises(InputError, match=r"odd\.csv: no \w+ column 'When'; columns are: Story ID, Headline, Story Body, Section, Published On"):
            load_corpus(path, text_column="Story Body", **{option: "When"})


def test_malformed_jsonl_and_unknown_type(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"text": "fine row about the harvest"}) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"rows\.jsonl: line 2 is not valid JSON"):
        load_corpus(path)
    # Before: an item of a JSON array that is not an object ended in a pandas TypeError, and a line holding an
    # array read as a table whose one column was named 0.
    for name, text in (("rows.json", '[{"text": "fine row about the harvest"}, 5]'), ("arrays.jsonl", "[1, 2, 3]\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        number = 2 if name == "rows.json" else 1
        with pytest.raises(InputError, match=rf"{name}: item {number} of the JSON array is not a JSON object"):
            load_corpus(tmp_path / name)
    other = tmp_path / "notes.docx"
    other.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match="unsupported file type"):
        load_corpus(other)


def test_single_article_and_non_english(tmp_path):
    (tmp_path / "de.txt").write_text(
        "Regierung beschließt neues Haushaltsgesetz\n\n"
        "Die Bundesregierung hat am Mittwoch den Entwurf für den Haushalt des kommenden Jahres beschlossen.\n\n"
        "Die Opposition kritisierte die geplanten Kürzungen bei den Ausgaben für Bildung und Forschung scharf.",
        encoding="utf-8",
    )
    (tmp_path / "zh.txt").write_text("政府宣布新的预算计划\n\n财政部星期三公布了明年的预算草案，其中教育和科研支出将大幅增加，反对党表示强烈关注。", encoding="utf-8")
    german = load_corpus(tmp_path / "de.txt")
    assert german.articles["title"].iloc[0] == "Regierung beschließt neues Haushaltsgesetz"
    assert len(german.paragraphs) == 2
    both = load_corpus(tmp_path)
    assert len(both.articles) == 2
    assert both.paragraphs["text"].str.contains("财政部").any()


def test_markup_escaped_in_a_table_is_read_as_a_reader_sees_it():
    # Real AG News rows: an escaped link around a ticker, references whose "&" became a space.
    from pathlib import Path

    corpus = load_corpus(Path(__file__).parent / "data" / "ag_news_markup.csv")
    text = corpus.articles.set_index("article_id")["text"]
    titles = corpus.articles.set_index("article_id")["title"]
    assert "Staples Inc. SPLS.O, the top U.S." in text["ag-test-0097"]
    assert titles["ag-test-0095"].startswith("Eriksson doesn't feel")
    assert "he isn't under" in text["ag-test-0095"]
    assert "Wednesday's friendly" in text["ag-test-0096"]
    assert text["ag-test-0030"].startswith('In "helping themselves," Ricky Bryant')
    assert "the $10 million Ansari X Prize" in text["ag-test-0001"]
    everything = " ".join(text) + " ".join(titles)
    for markup in ("href", "HREF", "quickinfo", "&lt;", "#39;", "quot;", "#36;"):
        assert markup not in everything


def test_markup_text_that_is_no_markup_stays():
    from topics.ingest.markup import unescape_markup

    for text in ["Issue #12; see the notes", "AT&T and R&D", "Allowed HTML tags: <em> <strong>", "tickers &lt;TXN.N&gt;"]:
        assert unescape_markup(text) == text.replace("&lt;", "<").replace("&gt;", ">")
    assert unescape_markup("a &lt;b&gt;bold&lt;/b&gt; word, clich&#233;d, Musa Qal&apos;ah") == "a bold word, clichéd, Musa Qal'ah"
    assert unescape_markup("one&lt;br/&gt;two") == "one two"
    # The rest keeps its layout: a listing's indents and a table's runs of spaces.
    assert unescape_markup("code:\n    a  =  1 &amp;&amp; b\n    c") == "code:\n    a  =  1 && b\n    c"
    # Unclosed tags throughout a long text: one pass, the text kept.
    unclosed = unescape_markup("&lt;a href=x " * 50_000 + "&amp;")
    assert unclosed.startswith("<a href=x <a href=x") and unclosed.endswith("&") and len(unclosed) == 10 * 50_000 + 1
    # A plain text file keeps its own tags; its escaped ones go.
    frame = pd.DataFrame({"text": ["Tags such as <em> are allowed. A &lt;p&gt;paragraph&lt;/p&gt; here.", "Plain <em> text."]})
    corpus = load_corpus(frame)
    assert corpus.articles["text"][0] == "Tags such as <em> are allowed. A paragraph here."
    assert corpus.articles["markup_read"].tolist() == [True, False] and corpus.summary()["markup_read"] == 1


LATIN_TITLE = "Café owners protest in Zürich"
LATIN_BODY = "The café owners of the old town protested against the new tax on Monday, saying it would close them down."


@pytest.mark.parametrize("name", ["latin.csv", "latin.tsv", "latin.jsonl", "latin.txt", "latin.html", "mixed.txt"])
def test_an_input_that_is_not_utf8_reads_as_written_and_a_warning_names_the_file_and_the_first_byte(tmp_path, name):
    """Latin-1 / Windows-1252 bytes (or a UTF-8 file with some) read as the letters they are, in every input
    format alike, and one warning names the file, how many bytes, and where the first stands."""
    offset_of_e = 3  # the first byte not UTF-8: "Caf" then é
    if name.endswith(".csv"):
        data, line = f'title,text\n"{LATIN_TITLE}","{LATIN_BODY}"\n'.encode("cp1252"), 2
        offset_of_e += len(b'title,text\n"')
    elif name.endswith(".tsv"):
        data, line = f"title\ttext\n{LATIN_TITLE}\t{LATIN_BODY}\n".encode("cp1252"), 2
        offset_of_e += len(b"title\ttext\n")
    elif name.endswith(".jsonl"):
        record = json.dumps({"title": LATIN_TITLE, "text": LATIN_BODY}, ensure_ascii=False)
        data, line = (record + "\n").encode("cp1252"), 1
        offset_of_e += record.index("Caf")
    elif name.endswith(".html"):
        page = (f"<html><head><title>{LATIN_TITLE}</title></head><body><article><h1>{LATIN_TITLE}</h1>"
                f"<p>{LATIN_BODY}</p><p>{LATIN_BODY.replace('Monday', 'Tuesday')}</p></article></body></html>")
        data, line = page.encode("cp1252"), 1
        offset_of_e += page.index("Caf")
    elif name == "mixed.txt":  # UTF-8 whose second paragraph was pasted from a Windows-1252 file
        data, line = f"{LATIN_TITLE}\n\n".encode("utf-8") + LATIN_BODY.encode("cp1252"), 3
        offset_of_e = len(f"{LATIN_TITLE}\n\n".encode("utf-8")) + 7  # "The caf" then é
    else:
        data, line = f"{LATIN_TITLE}\n\n{LATIN_BODY}".encode("cp1252"), 1
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.warns(TopicsWarning) as caught:
        corpus = load_corpus(path)
    text = " ".join(corpus.paragraphs["text"])
    assert "café owners" in text and "\ufffd" not in text and "Ã" not in text
    notes = [str(w.message) for w in caught if "UTF-8" in str(w.message)]
    assert len(notes) == 1, notes
    assert notes[0].startswith(f"{path}: not UTF-8: ")
    assert f"the first 0xE9 at byte offset {offset_of_e} (line {line})" in notes[0]


WINDOWS_1252_CAPITALS = "«SOCIÉTÉ» GÉNÉRALE’s café — l’ÉTÉ“ GROß”"  # É» É“ ß” are each a valid UTF-8 pair by chance


def test_a_windows_1252_file_whose_pairs_look_like_utf8_reads_whole_as_windows_1252(tmp_path):
    """An accented capital or ß before a curly quote, » or a dash is a valid UTF-8 pair by chance: the file,
    mostly bytes that are not UTF-8, reads whole as Windows-1252, and the warning names the first byte."""
    body = f"{WINDOWS_1252_CAPITALS} said the owners of the old town on Monday, protesting against the new tax."
    path = tmp_path / "latin.txt"
    path.write_bytes(f"Owners protest\n\n{body}".encode("cp1252"))
    with pytest.warns(TopicsWarning) as caught:
        corpus = load_corpus(path)
    assert corpus.paragraphs["text"].tolist() == [body]
    notes = [str(w.message) for w in caught if "UTF-8" in str(w.message)]
    offset = len(b"Owners protest\n\n")
    assert len(notes) == 1 and notes[0].startswith(f"{path}: not UTF-8: ") and "Windows-1252" in notes[0]
    assert f"the first 0xAB at byte offset {offset} (line 3)" in notes[0]


def test_utf8_with_more_sequences_than_stray_bytes_keeps_its_sequences():
    """UTF-8 text with a few bytes pasted in from Windows-1252 keeps its own characters; the stray bytes read
    as Windows-1252, the five the code page leaves unassigned as the C1 controls of the same number."""
    from topics.ingest.input_files import decode_text

    text, note = decode_text("Zürich’s “café” — ".encode("utf-8") + b"na\xefve \x81")
    assert text == "Zürich’s “café” — naïve \x81" and note.startswith("not UTF-8: 2 bytes read as Windows-1252, the first 0xEF")
    text, note = decode_text(b"x\x81y \x8d\x8f\x90\x9d caf\xe9 \x80")
    assert text == "x\x81y \x8d\x8f\x90\x9d café €" and "\ufffd" not in text and "0x81 at byte offset 1 (line 1)" in note


def test_a_c1_control_from_a_windows_1252_byte_is_shown_escaped(tmp_path):
    from topics.console import visible
    from topics.controls import shown_on_a_page

    path = tmp_path / "latin.txt"
    path.write_bytes(b"Caf\xe9 owners protest\n\nThe caf\xe9 owners \x9d\x81of the old town protested against the new tax on Monday.")
    with pytest.warns(TopicsWarning):
        corpus = load_corpus(path)
    text = corpus.paragraphs["text"].iloc[0]
    assert "café owners" in text and "\ufffd" not in text
    for shown in (shown_on_a_page(text), visible(text)):
        assert "\x81" not in shown and "\x9d" not in shown
