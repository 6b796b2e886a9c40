"""Line openers (credits and datelines) as labels and lookup read them: which dashes count, whole chains, any
alphabet's capitals, and lines no opener pattern takes long to read."""

from __future__ import annotations

import time

from topics.search.furniture import FURNITURE, evidence_texts
from topics.search.lexical import LexicalIndex
from topics.text.openers import drop_openers, line_openers, repeated_openers
from topics.text.wording import DATELINE, keyword_texts


def test_a_double_hyphen_in_an_arrow_a_rule_or_an_option_is_no_dash():
    # Lines of 20 Newsgroups posts: a wiring table, a shell archive's "X" lines (C code, a rule), a signature.
    for line in ("AUI --> COM1", "X---data--- files", "X\t--col;", "X-->Y"):
        assert line_openers(line) == frozenset(), line
    shar = ["X\t--col;\nX    }\nX    return col;", "X\t--col;\nX    }", "X---entry---\nX Windows:", "AUI --> COM1\nX.400:"]
    assert repeated_openers(shar) == frozenset()
    assert keyword_texts(shar)[2].endswith("Windows:") and "X.400:" in keyword_texts(shar)[3]
    # Dashes written with two hyphens, spaced on both sides or on neither, still are.
    assert line_openers("SPACE.com - TORONTO, Canada -- A second team") == {"SPACE.com", "TORONTO, Canada"}
    assert line_openers("WASHINGTON--The president said") == {"WASHINGTON"}
    assert line_openers("STOCKHOLM, Sweden --(Business Wire)-- Dec. 10, 2004 -- Ericsson") == {"STOCKHOLM, Sweden"}


def test_labels_drop_a_whole_chain_of_openers_as_lookup_does():
    texts = ["Canadian Press - OTTAWA (CP) - The federal government said", "Canadian Press - OTTAWA (CP) - Liberals said",
             "Canadian Press - OTTAWA (CP) - Premiers met", "SPORTS NETWORK - Athens, Greece - The relay team won gold.",
             "SPORTS NETWORK - Athens, Greece - Phelps won again.", "SPORTS NETWORK - Athens, Greece - Hamm kept his medal."]
    assert [t.split()[0] for t in keyword_texts(texts)] == ["The", "Liberals", "Premiers", "The", "Phelps", "Hamm"]
    assert [t.split()[0] for t in evidence_texts(texts)] == ["The", "Liberals", "Premiers", "The", "Phelps", "Hamm"]
    # After a chain, a place written alone elsewhere does not cut the dateline it starts here in half.
    wire = ["TORONTO (Reuters) - Shares rose.", "TORONTO (Reuters) - Banks fell.", "TORONTO - Oil slid.",
            "Reuters - TORONTO, Canada -- A second team", "Reuters - Oil fell.", "Reuters - Gold rose."]
    assert [t.split()[0] for t in keyword_texts(wire)] == ["Shares", "Banks", "Oil", "A", "Oil", "Gold"]


def test_a_region_without_a_space_and_capitals_of_any_alphabet_are_openers():
    texts = ["KABUL,Afghanistan - Troops moved.", "KABUL,Afghanistan - Talks began.", "KABUL,Afghanistan - A bomb went off."]
    assert drop_openers(texts, repeated_openers(texts)) == ["Troops moved.", "Talks began.", "A bomb went off."]
    assert line_openers("ÎLE-DE-FRANCE - Les élus ont voté") == {"ÎLE-DE-FRANCE"}
    assert line_openers("PARIS, Île-de-France - Le conseil") == {"PARIS, Île-de-France"}
    towns = ["ÉVIAN - Le lac monte.", "ÉVIAN - La ville vote.", "ÉVIAN - Un festival ouvre."]
    assert [t.split()[0] for t in keyword_texts(towns)] == ["Le", "La", "Un"]


def test_long_lines_are_read_in_linear_time():
    # Lines no text of a corpus holds but a malformed file may: each shape once made the opener patterns backtrack
    # over every split of a run of spaces (114 s for the first). The bound only guards against that.
    n = 100_000
    lines = ["Kabul, Afghanistan" + " " * n + "x", "A" + " " * n + "x", "A" + " \t" * (n // 2) + "x", "ABC" + " " * n + "x",
             "A," + " " * n + "x", "A" + " " * (n // 2) + "B" + " " * (n // 2) + "x", "A (x)" + " " * n + "x",
             "AP - " * (n // 5) + "x", "A" + "-a" * (n // 2) + " x"]
    for line in lines:
        start = time.perf_counter()
        line_openers(line), evidence_texts([line, line]), DATELINE.sub("", line)
        drop_openers([line], frozenset({"A", "AP", "Kabul, Afghanistan"}))
        assert time.perf_counter() - start < 5, line[:20]
    # A long text of opener lines: each line's chain reads that line, not the rest of the text (2.8 MB).
    text = "SMITH - said the report\n" * 40_000 + "y" * 1_800_000
    start = time.perf_counter()
    assert line_openers(text) == {"SMITH"}
    assert time.perf_counter() - start < 5


def test_lookup_leaves_out_a_credit_many_texts_open_with_not_a_name_two_paragraphs_open_with():
    texts = ["Mr Blair - who faces an election in May - said taxes would not rise.",
             "Mr Blair - speaking in Brighton - defended the war in Iraq.",
             "Gordon Brown said the budget was prudent.", "The Conservatives promised lower taxes.",
             "Firefox - Ready To Take On Internet Explorer?", "Firefox - the open-source browser gains users.",
             "Internet Explorer still leads the browser market.", "Labour - the party of government - met in Brighton."]
    assert evidence_texts(texts) == texts
    index = LexicalIndex.build(evidence_texts(texts), furniture=FURNITURE)
    assert (index.scores("Blair")[:2] > 0).all() and (index.coverage("Blair")[:2] == 1).all()
    # A wire's credit opens a share of its stories (as a formula does): left out; a dateline twice is enough.
    wire = [f"AP - Story number {i} about the markets." for i in range(4)] + [f"Markets moved on day {i}." for i in range(200)]
    wire += ["NAJAF, Iraq - Fighting went on.", "NAJAF, Iraq - A truce held."]
    read = evidence_texts(wire)
    assert read[:4] == [f"Story number {i} about the markets." for i in range(4)]
    assert read[-2:] == ["Fighting went on.", "A truce held."]
