"""Property tests: arbitrary Unicode, control characters and markup in titles, ids and texts
never become live HTML, Markdown, spreadsheet formulas or terminal control sequences, and the
command line answers them with exit 0 or 1, never a traceback."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_cases import report_with_events

try:
    import cmarkgfm as GFM  # GitHub's Markdown renderer (a dev dependency)
except ImportError:
    GFM = None

TOPICS = [sys.executable, "-m", "topics"]
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</script>", "[/]", "[link=http://evil.example]x[/link]",
          "\x1b[2J", "\x1b]8;;http://evil.example\x1b\\", "=HYPERLINK(\"http://e\")", "@SUM(1)", "+1+cmd", "-x", "\t", "\r",
          "\n\n", "`", "```", "**", "_", "# ", "1. ", "> ", "| a |", "&amp;", "&lt;", "\u202e", "\u0085", "\u2028", "\x9b31m",
          "<!--", "-->", "](javascript:alert(1))", "![x](http://e/x.png)", "\\", "~~~", "===", "---",
          "https://evil.example/a_(b)?c=1&d=2", "www.evil.example", "ftp://e.x", "mailto:", "x@evil.example", " http://", "(", ")", "."]
hostile_text = st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=12)), min_size=1, max_size=6).map("".join)
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FAST = settings(max_examples=150, deadline=None)
SLOW = settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))


# A URL with a scheme or "www.", an e-mail address: what a linkifying renderer makes a link of.
BARE_LINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|www\.|[A-Za-z0-9._+-]+@[A-Za-z0-9_-]+\.")


def code_spans(text: str) -> list[str]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return [child.content for token in tokens for child in (token.children or []) if child.type == "code_inline"]


def markdown_structure(text: str):
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    inline = [child.type for token in tokens for child in (token.children or [])]
    return [t.type for t in tokens], inline


# -------------------------------------------------------------- the escaping functions


@FAST
@given(hostile_text)
def test_markdown_text_is_one_inert_piece_of_text(value):
    from topics.report.markdown import md_text

    live = {"html_inline", "html_block", "link_open", "image", "fence", "code_block", "em_open", "strong_open"}
    for template in ("{}", "### 1. {}", "- {}", "> {}", "| a | b |\n| --- | --- |\n| {} | x |"):
        escaped = md_text(value)
        blocks, inline = markdown_structure(template.format(escaped))
        plain_blocks, _ = markdown_structure(template.format("x"))
        assert "\n" not in escaped
        assert not live & set(blocks) and not live & set(inline)
        for code in code_spans(template.format(escaped)):  # only a bare URL or address is a code span
            assert BARE_LINK.match(code), code
        if escaped.strip():
            assert blocks == plain_blocks  # no new heading, list, quote, table cell or paragraph


@FAST
@given(hostile_text)
def test_markdown_text_links_nothing_on_github(value):
    # GitHub's own renderer (cmark-gfm, with its autolink extension): a bare URL, "www." or e-mail
    # address in plain text becomes a live link there, though not in CommonMark.
    if GFM is None:
        pytest.skip("cmarkgfm (GitHub's Markdown renderer) is not installed")
    from topics.report.markdown import md_text

    for template in ("{}", "- {}", "| a | b |\n| --- | --- |\n| {} | x |"):
        page = GFM.github_flavored_markdown_to_html(template.format(md_text(value)))
        assert "<a " not in page and "<img" not in page, page


def test_a_bare_url_or_address_in_report_md_reads_as_written_but_is_no_link():
    from topics.report.markdown import md_text

    assert md_text("Read https://evil.example/a_(b)?x=1 now.") == "Read `https://evil.example/a_(b)?x=1` now."
    assert md_text("see www.evil.example, or write to a.b@evil.example.") == "see `www.evil.example`, or write to `a.b@evil.example`."
    assert md_text("1. http://x.example") == "1\\. `http://x.example`"  # a list marker escaped where it shows no backslash
    assert md_text("a | https://x.example|b") == "a \\| `https://x.example`\\|b"


def test_a_line_break_in_report_md_text_is_a_space_not_an_escape_code():
    # Before: md_text escaped the line breaks before collapsing them, so a message's paragraphs read
    # "sale \\x0a\\x0a(All plus shipping)" in report.md's excerpts.
    from topics.report.markdown import md_text

    assert md_text("UPDATE:\n\n(All plus shipping)\r\n1. CORE\tdrive") == "UPDATE: (All plus shipping) 1. CORE drive"
    assert md_text("a\u2028b\u2029c\x85d\x0be\x0cf") == "a b c d e f"  # every kind of line break
    assert md_text("bell\x07 and \x1b[31m") == r"bell\\x07 and \\x1b\[31m"  # what acts instead of showing stays visible
    assert md_text("x" * 50 + "\n\n" + "y" * 50, limit=60).count("\\x0a") == 0


def test_markdown_text_escapes_only_what_could_open_a_tag_an_entity_or_a_quote():
    from topics.report.markdown import md_text

    assert md_text("AT&T and R&D") == "AT&T and R&D"  # no entity could start here: read as written
    assert md_text("a < b and x > y, 3<4") == "a < b and x > y, 3<4"
    assert md_text("<b>bold</b> <!-- c --> <?php <a href=x>") == "&lt;b>bold&lt;/b> <\\!-- c --> &lt;?php &lt;a href=x>"
    assert md_text("&amp; &#39; &#x27; &lt;b&gt;") == "&amp;amp; &amp;#39; &amp;#x27; &amp;lt;b&amp;gt;"
    assert md_text("> quoted") == "\\> quoted" and md_text("x > y") == "x > y"
    _, rendered = markdown_html("| a |\n| --- |\n| " + md_text("AT&T <b>x</b> &amp; 1 < 2") + " |")
    assert "AT&amp;T &lt;b&gt;x&lt;/b&gt; &amp;amp; 1 &lt; 2" in rendered  # shown as written


def markdown_html(text: str):
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    return parser.parse(text), parser.render(text)


@FAST
@given(hostile_text)
def test_csv_cell_never_starts_a_formula_nor_holds_a_control(value):
    from topics.controls import shown_on_a_page
    from topics.report.csv_safe import FORMULA_STARTS, neutralise_cell

    cell = neutralise_cell(value)
    if cell.startswith(FORMULA_STARTS):
        float(cell)
    assert cell in (shown_on_a_page(value), "'" + shown_on_a_page(value))
    assert not CONTROLS.search(cell.replace("\r", "").replace("\n", "").replace("\t", ""))  # nothing a spreadsheet acts on


@FAST
@given(hostile_text)
def test_visible_text_holds_no_control_character(value):
    from topics.console import visible

    assert not CONTROLS.search(visible(value))
    assert not CONTROLS.search(visible(value, multiline=True).replace("\n", "").replace("\t", ""))


@FAST
@given(st.recursive(st.one_of(hostile_text, st.integers(), st.none()),
                    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(hostile_text, inner, max_size=3)),
                    max_leaves=8))
def test_json_files_keep_their_value_and_show_no_invisible_character(tmp_path_factory, value):
    import json

    from topics._atomic import write_json

    path = tmp_path_factory.mktemp("json") / "f.json"
    write_json(path, value)
    written = path.read_text(encoding="utf-8")
    assert json.loads(written) == value  # still JSON, the same value (a cache or a report reads it back)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]", written)


# -------------------------------------------------------------- the report files


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[tuple[str, tuple[str, ...]]] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add((tag, tuple(sorted(name for name, _ in attrs))))


def tags_of(page: str) -> set:
    collector = TagCollector()
    collector.feed(page)
    return collector.tags


@pytest.fixture(scope="module")
def report_data(tmp_path_factory, session_cache_dir):
    return report_with_events(tmp_path_factory.mktemp("fuzz"), session_cache_dir)


def with_hostile_strings(data, value: str):
    """``data`` with every corpus-derived string replaced by ``value`` (ids kept unique)."""
    import copy

    document = copy.deepcopy(data.document)
    document["source"] = value
    for n, topic in enumerate(document["topics"]):
        topic["label"] = value
        topic["keywords"] = [{**k, "term": value} for k in topic["keywords"]]
        topic["representative_units"] = [{**u, "title": value, "text": value, "unit_id": f"{value}{n}u{i}", "article_id": f"{value}{n}a{i}"} for i, u in enumerate(topic["representative_units"])]
        topic["articles"] = [{**a, "title": value, "article_id": f"{value}{n}a{i}"} for i, a in enumerate(topic["articles"])]
    for event in document.get("events") or []:
        event["label"] = event["topic_label"] = event["headline"] = value
        event["keywords"] = [value]
    for i, article in enumerate(document["articles"]):
        article["title"] = value
        article["article_id"] = f"{value}a{i}"
    units = data.units.assign(
        unit_id=[f"{value}u{i}" for i in range(len(data.units))],
        article_id=[f"{value}a{i}" for i in range(len(data.units))],
        title=value, text=value, topic_label=value,
    )
    for i, unit in enumerate(document["units"]):
        unit["unit_id"], unit["article_id"] = units["unit_id"].iloc[i], units["article_id"].iloc[i]
    return dataclasses.replace(data, document=document, units=units, topic_table=data.topic_table.assign(label=value, keywords=value))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=hostile_text)
def test_report_files_stay_inert(report_data, value):
    from topics.report.build import FILES
    from topics.report.csv_safe import FORMULA_STARTS, csv_text
    from topics.report.html import render_html
    from topics.report.markdown import render_markdown

    baseline_tags = tags_of(render_html(report_data, files=FILES))
    hostile = with_hostile_strings(report_data, value)
    page = render_html(hostile, files=FILES)
    assert tags_of(page) <= baseline_tags  # no new element or attribute, so no script and no handler
    blocks, inline = markdown_structure(render_markdown(hostile))
    assert not {"html_inline", "html_block", "link_open", "image"} & (set(blocks) | set(inline))
    if GFM is not None:  # GitHub's renderer links bare URLs and addresses too
        assert "<a " not in GFM.github_flavored_markdown_to_html(render_markdown(hostile))
    for frame in (hostile.assignments(), hostile.topic_table):
        table = list(csv.reader(io.StringIO(csv_text(frame), newline="")))
        assert len(table) == len(frame) + 1  # no text splits a row
        for row in table[1:]:
            for cell in row:
                if cell.startswith(FORMULA_STARTS):
                    float(cell)
                assert not CONTROLS.search(cell.replace("\r", "").replace("\n", "").replace("\t", ""))


# -------------------------------------------------------------- the command line


def run(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([*TOPICS, *map(str, args)], capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=600)


def check_clean_exit(result: subprocess.CompletedProcess) -> None:
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode == 1:
        assert result.stderr.splitlines()[-1].startswith("error: ")
    assert not CONTROLS.search(result.stdout.replace("\n", "").replace("\t", ""))


rows = st.lists(st.tuples(hostile_text, hostile_text, hostile_text), min_size=1, max_size=3)


@SLOW
@given(rows=rows)
def test_ingest_answers_any_corpus_with_exit_0_or_1(tmp_path_factory, rows):
    table = tmp_path_factory.mktemp("ingest-fuzz") / "t.csv"
    pd.DataFrame(rows, columns=["id", "title", "text"]).to_csv(table, index=False)
    check_clean_exit(run("ingest", table))


@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=rows, query=hostile_text)
def test_similar_answers_any_corpus_with_exit_0_or_1(tmp_path_factory, session_cache_dir, rows, query):
    folder = tmp_path_factory.mktemp("similar-fuzz")
    table = folder / "t.csv"
    base = [("base1", "Drones", "US drones flew over Kandahar airspace."), ("base2", "Kabul", "ISIS-K attacked a checkpoint in Kabul.")]
    pd.DataFrame(base + rows, columns=["id", "title", "text"]).to_csv(table, index=False)
    (folder / "mine.txt").write_text("the user's own file")
    query = query.replace("\x00", "") or "drones"  # a process argument cannot hold NUL
    check_clean_exit(run("similar", "--level", "paragraph", "--", query, table, env={"TOPICS_CACHE_DIR": str(session_cache_dir)}))
    assert (folder / "mine.txt").read_text() == "the user's own file"
