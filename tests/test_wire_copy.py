"""Plain text as wire services and typescripts write it: a paragraph marked by its indented first
line, and a sign-off set after each story's last sentence."""

from __future__ import annotations

import json
import textwrap

import pytest

from topics.ingest.boilerplate import split_blocks
from topics.ingest.corpus import load_corpus
from topics.ingest.repeats import Repeats, split_sign_off
from topics.ingest.unwrap import indented_paragraphs

PARAGRAPHS = [
    "Rain fell across the coastal growing region through the week, easing a drought that began in early "
    "January and lifting hopes for the late harvest, the growers' association said in its weekly review.",
    "The dry spell means the harvest will be late this year.",
    "Deliveries for the week ended February 22 reached 155,221 bags, bringing the season's total to 5.93 "
    "million bags against 5.81 million at the same point last year.",
    "Traders said it was still unclear how much of the old crop remained with farmers and exporters, "
    "since picking had nearly ended across the region.",
]


def wire_story(paragraphs=PARAGRAPHS, sign_off="Reuter", indent="    ") -> str:
    """A story wrapped at 64 columns, each paragraph but the first set in by ``indent``."""
    lines = []
    for number, paragraph in enumerate(paragraphs):
        wrapped = textwrap.wrap(paragraph, 64)
        lines += [(indent if number else "") + wrapped[0], *wrapped[1:]]
    return "\n".join(lines) + (f"\n {sign_off}\n" if sign_off else "\n")


def test_indented_first_lines_open_paragraphs_and_no_line_is_lost():
    blocks = split_blocks(wire_story(sign_off=None))
    assert blocks == PARAGRAPHS
    # Without the rule the indented lines stood alone, and the first of each paragraph was read as a heading.
    assert indented_paragraphs(wire_story(sign_off=None).splitlines()) == PARAGRAPHS


def test_indented_lines_that_are_not_paragraph_openers_are_left_alone():
    table = ["Shr 39 cts vs 42 cts", "    Net 1,450,000 vs 1,625,000", "    Revs 15.0 mln vs 14.3 mln",
             "    Nine mths", "    Shr 1.10 dlrs vs 1.20 dlrs"]
    assert indented_paragraphs(table) is None  # a table of figures under its first row
    code = ["def main(argv):", "    for item in argv[1:]:", "        print(item.strip().upper(), file=sys.stderr)",
            "    return 0"]
    assert indented_paragraphs(code) is None
    # A line set in after a sentence cut short is nested (a quotation, a list), not a new paragraph.
    nested = textwrap.wrap(PARAGRAPHS[0], 64)
    nested = [nested[0], "    " + nested[1], nested[2], "    " + nested[3] if len(nested) > 3 else "    and more."]
    assert indented_paragraphs(nested) is None


def test_sign_off_after_the_last_sentence_is_split_off():
    assert split_sign_off("Prices rose 2.5 pct. Reuter") == ("Prices rose 2.5 pct.", "Reuter")
    assert split_sign_off('He said: "We will see." (AP)') == ('He said: "We will see."', "(AP)")
    assert split_sign_off("Prices rose 2.5 pct.") == ("Prices rose 2.5 pct.", None)
    assert split_sign_off("Shr 25 cts vs 26 cts\n    Net 2,200,000 vs 2,100,000\n Reuter")[1] == "Reuter"
    assert split_sign_off("The meeting ended without a deal. Talks resume in the spring after")[1] is None


STORIES = [
    ["Coffee exporters agreed on Tuesday to keep their quotas unchanged for another quarter, after two days of "
     "talks in London that ended without a new price band.", "Delegates said the largest producer had refused "
     "to accept a smaller share of the market while prices stayed below the agreed floor."],
    ["The central bank left its discount rate at 3.5 pct, saying inflation had slowed for a third month and the "
     "currency was steady against the dollar.", "Economists had expected the decision, though several said a "
     "cut could come before the summer if growth stayed weak."],
    ["Striking dock workers returned to the northern ports on Monday after the union accepted a pay offer that "
     "runs for two years.", "Shipping agents said it would take at least a week to clear the vessels that had "
     "queued outside the harbour during the stoppage."],
    ["The mining group said its copper output rose by a tenth last year as a new smelter came on stream, and it "
     "expects a further rise in the current year.", "Ore grades at the older pits continued to fall, the company "
     "added, and two of them will close by the end of next year."],
    ["Grain traders reported heavy rain across the southern plains, delaying the sowing of spring wheat by at "
     "least a fortnight in most districts.", "The agriculture ministry kept its crop forecast unchanged but said it "
     "would review the figure once the fields had dried out."],
    ["The airline will buy twelve wide-bodied jets over five years to replace its ageing fleet on routes to Asia "
     "and North America, its chairman told shareholders.", "The order, worth about two billion dollars at list "
     "prices, will be financed partly by the sale of older aircraft."],
]


def test_sign_offs_repeated_at_the_end_of_stories_are_dropped_and_recorded(tmp_path):
    rows = []
    for number, paragraphs in enumerate(STORIES):
        story = wire_story(paragraphs, sign_off=None).rstrip("\n")
        # Half the stories carry the sign-off on its own line, half glued to the last sentence.
        story += " REUTER" if number % 2 else "\n Reuter"
        rows.append({"id": f"w{number}", "title": f"STORY {number}", "text": story})
    rows.append({"id": "w9", "title": "TIN MARKET", "text": "Tin prices were steady. Traders cited thin volume."})
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    corpus = load_corpus(path)
    paragraphs = corpus.paragraphs
    assert not paragraphs["text"].str.contains("(?i)reuter").any()
    assert paragraphs["text"].tolist() == [p for story in STORIES for p in story] + [rows[-1]["text"]]
    assert paragraphs["section"].isna().all()  # no first line taken for a heading
    dropped = corpus.dropped_lines
    assert sorted(dropped["line"]) == ["REUTER"] * 3 + ["Reuter"] * 3
    reasons = dict(zip(dropped["article_id"], dropped["reason"]))
    assert {reasons[f"w{n}"] for n in range(1, 6, 2)} == {"sign-off repeated at the end of articles"}
    assert {reasons[f"w{n}"] for n in range(0, 6, 2)} == {"line repeated across documents"}  # a line of its own


def test_a_sign_off_in_few_stories_is_kept():
    stories = [[f"Story {n} ends here. Thanks"] for n in range(3)] + [[f"Story {n} ends here."] for n in range(400)]
    assert Repeats.of(stories).sign_offs == set()  # 3 of 403: under the floor of five and one in a hundred


def test_a_line_broken_mid_sentence_is_joined_to_the_paragraph_it_begins(tmp_path):
    """A short line that stops mid-sentence over a block starting in lower case is the start of
    that block's paragraph, not a heading over it (in a table's text, headings leave the text)."""
    message = (
        "I think that the verse quoted above does clearly imply that women have\n"
        "souls. Does it make any sense for something without a soul to be forgiven? Or to be saved, for that\n"
        "matter, as the rest of the chapter goes on to promise in so many words?\n\n"
        "Background reading\n"
        "The chapter was written late, and most commentators read it as a reply to an earlier letter."
    )
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps({"id": "p1", "title": "Souls", "text": message}), encoding="utf-8")
    paragraphs = load_corpus(path).paragraphs
    assert paragraphs["text"].iloc[0].startswith("I think that the verse quoted above does clearly imply that women have souls.")
    assert paragraphs["section"].isna().iloc[0] and paragraphs["section"].iloc[1] == "Background reading"  # a heading stays one


def test_the_words_kept_benchmark_finds_every_word_of_the_bbc_sample(data_dir):
    from benchmarks.words_kept import words_row

    row = words_row("bbc_sample", data_dir / "bbc_sample.csv")
    assert row["articles"] == 200 and row["in units"] > 0.999 and row["sign-offs dropped"] == 0
    assert abs(row["in units"] + row["in sections only"] + row["dropped and listed"] + row["nowhere"] - 1) < 1e-3


def test_a_sentence_an_article_says_again_is_kept_where_it_is_first_said(tmp_path):
    # A wire story republished with its photographs: each caption restates sentences of the story.
    story = ("Six months ago, President Vladimir Putin sent troops into Ukraine in an unprovoked act of aggression. "
             "Putin expected a quick victory but it has turned into a grinding war of attrition.")
    # (Without their date lines: a caption that ends on one is cut as a caption, tests/test_inline_captions.py.)
    captions = [
        "(AP Photo/Evgeniy Maloletka, File) A serviceman guards an area of the power station. " + story,
        "A man rides his bike past flames and smoke in Kharkiv, Ukraine. " + story,
        "He declined to comment. Six months ago, President Vladimir Putin sent troops into Ukraine in an unprovoked act "
        "of aggression. He declined to comment.",
    ]
    other = "Kyiv said its forces pushed back an attack near Kharkiv overnight. " + story.split(". ")[0] + "."
    rows = [{"id": "ap1", "title": "Where the war stands", "text": "\n\n".join([story, *captions])},
            {"id": "ap2", "title": "Another story", "text": other}]  # a sentence of another article stays there
    path = tmp_path / "ap.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    corpus = load_corpus(path)
    texts = corpus.paragraphs.groupby("article_id")["text"].apply(list)
    assert texts["ap1"] == [
        story,
        "A serviceman guards an area of the power station.",  # a photo's credit cut
        "A man rides his bike past flames and smoke in Kharkiv, Ukraine.",
        "He declined to comment. He declined to comment.",  # short sentences may repeat
    ]
    assert texts["ap2"] == [other]
    dropped = corpus.dropped_lines
    restated = dropped[dropped["reason"] == "sentence said again in the article"]
    assert len(restated) == 5 and set(restated["article_id"]) == {"ap1"}
    # The article's own paragraph numbers: the paragraph left whole keeps its place after those shortened.
    assert corpus.paragraphs.loc[corpus.paragraphs["article_id"] == "ap1", "paragraph_id"].tolist() == [
        f"ap1#p{n:03d}" for n in range(4)]


@pytest.mark.parametrize(
    "credit",
    [
        "Jill Lawless in London contributed.",
        "AP Sports Writer Brian Mahoney contributed.",
        "McGrath contributed from Sighisoara, Romania.",
        "- AP Congressional Correspondent Lisa Mascaro contributed reporting.",
        "Associated Press writers Jane Roe in Kyiv, Ukraine; and John Doe in Warsaw, Poland, contributed to this report.",
        "Fox News' Joseph A. Wulfsohn contributed to this report.",
    ],
)
def test_a_wire_credit_is_cut_wherever_it_stands_in_a_line(credit):
    from topics.ingest.chromelines import split_credit_sentences

    story = "The council met on Monday to discuss the budget. Members agreed to repair the sea wall."
    for text in (f"{story} {credit}", f"{credit} {story}", f"{story} {credit} Another story starts here today."):
        kept, credits = split_credit_sentences(text)
        assert credits == [credit] and credit not in kept and "sea wall" in kept


@pytest.mark.parametrize(
    "sentence",
    ["Germany and France contributed.", "Many factors contributed.", "Russia contributed from its reserves.",
     "Higher fish and metals exports also contributed to Norway's surge in exports."],
)
def test_a_story_sentence_on_what_contributed_is_no_credit(sentence):
    from topics.ingest.chromelines import split_credit_sentences

    text = f"The council met on Monday. {sentence} Members agreed."
    assert split_credit_sentences(text) == (text, [])
