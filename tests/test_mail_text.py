"""Messages saved as text (a news post, a forwarded bulletin): the Subject is the title and the Date
header the date, and the header block, quoted lines, their attributions and the signature leave the
text; an ordinary article that quotes a line starting with ">" keeps it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import topics
from topics import load_corpus
from topics.ingest.yearless import printed_weekday

MAIL = Path(__file__).parent / "data" / "mail"


def _corpus():
    return load_corpus(MAIL)


def test_a_reply_keeps_only_its_writers_words():
    corpus = _corpus()
    reply = corpus.articles.set_index("article_id").loc["reply"]
    assert (reply.title, reply.title_source) == ("Cheaper launch costs", "mail header")
    assert (reply.date, reply.date_source, reply.extractor) == ("1993-04-05", "mail header", "mail text")
    texts = corpus.paragraphs.loc[corpus.paragraphs["article_id"] == "reply", "text"].tolist()
    assert len(texts) == 2 and texts[0].startswith("I doubt it.") and texts[1].endswith("stay on paper.")
    dropped = corpus.dropped_lines[corpus.dropped_lines["article_id"] == "reply"]
    reasons = dropped.groupby("reason")["line"].apply(list).to_dict()
    assert reasons["mail header"][:2] == ["From: mkt@orbit.example.edu (Mara Kettle)", "Subject: Re: Re: Cheaper launch costs"]
    assert len(reasons["quoted line (mail)"]) == 3
    assert reasons["attribution of a quote (mail)"] == [
        "In article <1993Apr4.120133.881@pad.example.com>, jdoe@pad.example.com", "(John Doe) writes:"]
    assert any("Ad astra" in line for line in reasons['signature (after the "-- " line)'])


def test_a_bulletin_is_decoded_and_its_attribution_dropped():
    corpus = _corpus()
    bulletin = corpus.articles.set_index("article_id").loc["bulletin"]
    assert (bulletin.title, bulletin.date) == ("Weekly harbour bulletin", "1993-04-13")
    text = bulletin.text
    assert "Saturday — two weeks late, after the café on the quay" in text  # quoted-printable, UTF-8
    assert "wrote:" not in text and "Tuesday morning" not in text


def test_a_message_of_quotes_alone_is_named_like_an_empty_file():
    corpus = _corpus()
    assert "thanks" not in set(corpus.articles["article_id"])
    skipped = dict(zip(corpus.skipped["source"].map(lambda s: Path(s).name), corpus.skipped["reason"]))
    assert "no text of its own" in skipped["thanks.txt"]
    summary = corpus.summary()
    assert (summary["mail_messages"], summary["skipped_inputs"]) == (2, 1)


def test_an_article_quoting_with_a_mark_keeps_its_lines(tmp_path):
    (tmp_path / "essay.txt").write_text(
        "Notes on quoting in plain text\n\n"
        "Writers of plain text set a quotation apart by opening each of its lines with a mark, as mail does, "
        "and readers have long known the habit from the letters pages of their newspapers.\n\n"
        "> Every line of the quotation opens with the mark, however long the passage runs on.\n\n"
        "The habit came to the web with the first forums, and it is still how many people answer a letter.\n",
        encoding="utf-8",
    )
    (tmp_path / "fields.txt").write_text(  # field-like lines without a sender: a page's own header, not a message
        "Subject: Harbour works\nDate: 2021-05-04\n\n"
        "The harbour works will close the quay for three weeks while the crane rails are replaced and the "
        "wall is repaired after the winter storms, the council said on Tuesday.\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    assert corpus.summary()["mail_messages"] == 0
    assert set(corpus.articles["extractor"]) == {"page text"}
    text = corpus.articles.set_index("article_id").loc["essay", "text"]
    assert "> Every line of the quotation" in text


def test_ingest_json_counts_the_dropped_mail_lines():
    run = [sys.executable, "-m", "topics", "ingest", str(MAIL), "--json"]
    data = json.loads(subprocess.run(run, capture_output=True, text=True, env=os.environ, check=True).stdout)
    assert data["summary"]["mail_messages"] == 2
    assert data["summary"]["titles_by_source"]["mail header"] == 2
    reasons = {row["reason"] for row in data["dropped_lines"]}
    assert {"mail header", "quoted line (mail)", "attribution of a quote (mail)"} <= reasons
    assert any(Path(row["source"]).name == "thanks.txt" for row in data["skipped"])


def test_messages_of_every_shape_are_read_and_none_stops_the_folder(tmp_path):
    """A body that is no text (a PDF) is skipped by name, not a crash of the whole folder; a Date header not in
    RFC 5322's form still dates the message; an HTML-only newsletter and a forwarded message give their text; a
    bare "--" between a digest's stories cuts only a card-sized tail."""
    files = {
        "pdf": "From: a@example.org\nSubject: Report\nContent-Type: application/pdf\n\nJVBERi0xLjQK\n",
        "statement": "From: Ministry <press@example.gov>\nDate: August 15, 2021\nTo: Editors\nSubject: Statement\n\n"
                     "The ministry said today that the talks will resume in Doha next week.\n",
        "newsletter": 'From: desk@example.org\nSubject: Bulletin\nMIME-Version: 1.0\n'
                      'Content-Type: multipart/alternative; boundary="b"\n\n--b\nContent-Type: text/html; charset=utf-8\n\n'
                      "<html><body><p>Relief flights landed in Kabul on Monday.</p><script>alert(1)</script>"
                      "<p>Aid agencies asked for safe passage &amp; more fuel.</p></body></html>\n--b--\n",
        "forwarded": "From: a@example.org\nSubject: Fwd: Field note\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n"
                     "From: b@example.org\nSubject: Field note\n\nThe convoy reached the border crossing at noon.\n",
        "digest": "From: ed@example.org\nSubject: Digest\n\nThe Taliban entered Kabul on Sunday.\n--\n"
                  + "".join(f"Evacuation story, line {i} of the second item.\n" for i in range(10))
                  + "--\nEd\n",
    }
    for name, text in files.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    articles = corpus.articles.set_index("article_id")
    assert "pdf" not in articles.index and corpus.skipped["source"].astype(str).str.endswith("pdf.txt").any()
    assert (articles.loc["statement", "date"], articles.loc["statement", "date_source"]) == ("2021-08-15", "mail header")
    text = corpus.paragraphs.groupby("article_id")["text"].apply(" ".join)
    assert "Relief flights landed" in text["newsletter"] and "safe passage & more fuel" in text["newsletter"]
    assert "alert" not in text["newsletter"]
    assert text["forwarded"] == "The convoy reached the border crossing at noon."
    assert "line 9 of the second item" in text["digest"] and "Ed" not in text["digest"].split()


def test_a_folder_of_articles_loads_no_mail_parser(tmp_path):
    # The email package's policy and header registry cost ~0.08 s to import, paid by every run if loaded
    # up front; a folder with no message in it must not load them, a folder of messages still does.
    (tmp_path / "article.txt").write_text("KABUL\n\nTalks resumed on Monday.\n\nBoth sides met in Doha.\n", encoding="utf-8")
    script = (
        "import sys\nfrom topics import load_corpus\n"
        "corpus = load_corpus(sys.argv[1])\nassert len(corpus.articles) >= 1\n"
        "print(sorted(m for m in ('email.policy', 'email.headerregistry') if m in sys.modules))\n"
    )
    source = str(Path(topics.__file__).resolve().parents[1])  # the code under test, wherever it was imported from
    for folder, loaded in ((tmp_path, "[]"), (MAIL, "['email.headerregistry', 'email.policy']")):
        done = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True, timeout=300,
                              cwd=tmp_path, env={**os.environ, "PYTHONPATH": source})
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().splitlines()[-1] == loaded


MATCH_PREVIEW = """From: Sports Desk <desk@example.org>
Subject: France v Wales (Sat)
Date: Mon, 7 Feb 2005 10:00:00 +0000

Stade de France, Paris

Saturday, 26 February

1600 GMT

Wales have made their best start to the championship since they last won the title in 1994, and they have a good record in Paris, having won their first two games at the stadium.

The coach has made two changes to the side that beat Italy in Rome, with a new wing and a new flanker.
"""


def test_a_messages_date_line_without_a_year_takes_the_sendings_year_not_one_its_text_mentions(tmp_path):
    # 26 February was a Saturday in 2005 and in 1994; the message was sent in February 2005.
    (tmp_path / "preview.txt").write_text(MATCH_PREVIEW, encoding="utf-8")
    article = load_corpus(tmp_path).articles.iloc[0]
    assert article["date"] == "2005-02-26"
    # A weekday no year near the sending agrees with: an older item sent on, dated as its text dates it.
    # (26 February was a Tuesday in 1991, the year the text then mentions, but in none of 2004-2006.)
    (tmp_path / "preview.txt").write_text(MATCH_PREVIEW.replace("Saturday", "Tuesday").replace("1994", "1991"), encoding="utf-8")
    assert load_corpus(tmp_path).articles.iloc[0]["date"] == "1991-02-26"


def _sent(tmp_path, text):
    (tmp_path / "preview.txt").write_text(text, encoding="utf-8")
    return load_corpus(tmp_path).articles.iloc[0]


def test_a_date_line_without_a_weekday_takes_the_sending_year_over_a_copyright_line(tmp_path):
    # "(c) 2003" gives complete_date its year; the message was sent in February 2005, three weeks before.
    text = MATCH_PREVIEW.replace("Saturday, 26 February", "26 February") + "\n(c) 2003 Sports Desk\n"
    article = _sent(tmp_path, text)
    assert (article["date"], article["date_source"]) == ("2005-02-26", "page header: date line without a year")


def test_a_forwarded_items_weekday_takes_no_year_far_from_the_sending(tmp_path):
    # Sent in February 2010; 26 February was a Saturday in 2005 (the year its text mentions) and in 2011,
    # a year after the sending: the item is the 2005 one.
    text = MATCH_PREVIEW.replace("Mon, 7 Feb 2005", "Wed, 10 Feb 2010").replace("1994", "2005")
    assert _sent(tmp_path, text)["date"] == "2005-02-26"


def test_a_preview_a_season_ahead_keeps_the_pages_own_year(tmp_path):
    # Sent in mid-September 2005 with "(c) 2005": 20 December 2005 is 96 days on, nearer than 20 December 2004.
    text = MATCH_PREVIEW.replace("Mon, 7 Feb 2005", "Thu, 15 Sep 2005").replace("Saturday, 26 February", "20 December")
    assert _sent(tmp_path, text + "\n(c) 2005 Sports Desk\n")["date"] == "2005-12-20"


def test_a_date_on_its_weekday_months_after_the_sending_is_the_items(tmp_path):
    # Tuesday 20 December is of 2005, the sending year, 96 days after the sending: the weekday confirms it.
    text = MATCH_PREVIEW.replace("Mon, 7 Feb 2005", "Thu, 15 Sep 2005").replace("Saturday, 26 February", "Tuesday, 20 December")
    article = _sent(tmp_path, text.replace("1994", "2005"))
    assert (article["date"], article["date_source"]) == ("2005-12-20", "page header: date line without a year")
    # Half a year on is the furthest: Tuesday 20 June 2006 is nine months after a sending in September 2005.
    text = text.replace("Tuesday, 20 December", "Tuesday, 20 June").replace("1994", "2006")
    assert _sent(tmp_path, text)["date_source"] == "mail header"


def test_a_weekday_counts_only_next_to_the_date_not_in_a_writers_name(tmp_path):
    # "Sun" in the writer's name is no Sunday: 26 February 2005 (a Saturday) is the item's date.
    text = MATCH_PREVIEW.replace("Saturday, 26 February", "Posted on 26 February by Wei Sun") + "\n(c) 2003 Sports Desk\n"
    assert _sent(tmp_path, text)["date"] == "2005-02-26"
    assert printed_weekday("C'mon Wales! 26 February") is None
    assert printed_weekday("26 February (Saturday)") == printed_weekday("Sat, 26 February") == 5


def test_a_date_line_that_cannot_be_the_items_takes_the_date_headers_day_and_says_so(tmp_path):
    # Friday 29 February is of 2008, the year the text mentions, three years after the sending (March 2005).
    text = MATCH_PREVIEW.replace("Mon, 7 Feb 2005", "Tue, 1 Mar 2005").replace("Saturday, 26", "Friday, 29").replace("1994", "2008")
    article = _sent(tmp_path, text)
    assert (article["date"], article["date_source"]) == ("2005-03-01", "mail header")
