"""Interactive figures (topics.viz.plots) and Jupyter HTML tables (topics.viz.display) of fitted models.

The seed paragraphs are fitted once with hostile titles and texts (markup that
would run if it reached a page unescaped); every figure and table must show it
as text.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from topics.errors import TopicsError
from topics.modeling.model import TopicModel

# Markup, a bidi override ("invoice\u202egnp.exe" shows as "invoiceexe.png"), an escape sequence that
# clears a terminal, and dollar signs a notebook's MathJax would typeset as a formula.
HOSTILE_TITLE = '<script>alert("title")</script> & <b>bold</b> invoice\u202egnp.exe \x1b[2J costs $1.36 and $2'
ACTING = ("\u202e", "\x1b")  # characters that must reach no figure or table as they are
HOSTILE_TEXT = "<img src=x onerror=alert(1)> \u202egnp.exe \x1b[31m "
# Tags the HTML tables are built from; anything else came from the data.
TABLE_TAGS = {"div", "p", "table", "caption", "thead", "tbody", "tr", "th", "td", "span", "i", "pre"}


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


def tags_in(markup: str) -> set[str]:
    parser = TagCollector()
    parser.feed(markup)
    return parser.tags


@pytest.fixture(scope="module")
def hostile_units(seeds_corpus):
    units = seeds_corpus.units("paragraph")
    return units.assign(title=HOSTILE_TITLE, text=HOSTILE_TEXT + units["text"])


@pytest.fixture(scope="module")
def model(hostile_units, seeds_paragraph_embeddings):
    return TopicModel(random_state=42).fit(hostile_units, embeddings=seeds_paragraph_embeddings)


def _all_strings(figure) -> list[str]:
    """Every text a figure can draw: trace names, hover texts, tick labels, annotations, titles."""
    spec = figure.to_plotly_json()
    strings = []

    def walk(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple, np.ndarray)):
            for item in value:
                walk(item)

    walk(spec)
    return strings


def _assert_escaped(figure):
    strings = _all_strings(figure)
    assert not [s for s in strings if "<script" in s or "<img" in s or "<b>bold" in s]
    assert not [s for s in strings if any(c in s for c in ACTING)]


def test_map_has_every_unit_once_with_escaped_hover_text(model, hostile_units):
    figure = model.plot_map()
    unit_ids = [unit_id for trace in figure.data for unit_id in trace.customdata]
    assert sorted(unit_ids) == sorted(hostile_units["unit_id"])
    hovers = [text for trace in figure.data for text in trace.hovertext]
    assert all("&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in text for text in hovers)
    assert all("&lt;img src=x onerror=alert(1)&gt;" in text for text in hovers)
    _assert_escaped(figure)
    # One trace per topic plus the outliers, each point at its unit's 2-D position.
    names = [trace.name for trace in figure.data]
    assert len(names) == len(model.topic_ids_) + int((model.labels_ == -1).any())
    position = {unit_id: tuple(xy) for unit_id, xy in zip(hostile_units["unit_id"], model.coords_2d_)}
    first = figure.data[-1]
    assert all(np.allclose((x, y), position[u]) for x, y, u in zip(first.x, first.y, first.customdata))
    assert len(figure.layout.annotations) == len(model.topic_ids_)
    # Topic names on the map read on white whatever the topic's colour (a yellow's is darkened): WCAG's 4.5:1.
    from topics.viz.palette import contrast_on_white

    assert all(contrast_on_white(note.font.color) >= 4.5 for note in figure.layout.annotations)


def test_map_without_outliers_drops_them(model):
    figure = model.plot_map(show_outliers=False, label_topics=False)
    assert sum(len(trace.x) for trace in figure.data) == int((model.labels_ >= 0).sum())
    assert not figure.layout.annotations


def test_keyword_panels_follow_topic_info(model):
    info = model.topic_info().query("topic_id >= 0")
    figure = model.plot_keywords(n_keywords=5)
    assert len(figure.data) == len(info)
    for trace, row in zip(figure.data, info.itertuples()):
        assert list(trace.x) == pytest.approx(list(row.keyword_weights[:5])[::-1])
        assert len(trace.y) == min(5, len(row.keywords))
    _assert_escaped(figure)
    chosen = [int(t) for t in info["topic_id"][:2]]
    assert len(model.plot_keywords(chosen).data) == 2
    with pytest.raises(TopicsError, match="no topic with id 999"):
        model.plot_keywords([999])


def test_hierarchy_draws_the_linkage_with_every_topic_as_a_leaf(model):
    figure = model.plot_hierarchy()
    k = len(model.topic_ids_)
    lines, leaves = figure.data[:-1], figure.data[-1]
    assert len(lines) == k - 1  # one elbow per merge
    assert len(leaves.x) == k
    assert sorted(int(text.split(" · ")[0]) for text in figure.layout.yaxis.ticktext) == sorted(model.topic_ids_)
    # The highest elbow sits at the last merge distance of the linkage.
    assert max(max(trace.x) for trace in lines) == pytest.approx(model.linkage_[-1, 2])
    _assert_escaped(figure)


def test_hierarchy_of_a_single_topic_is_a_clear_error(hostile_units, seeds_paragraph_embeddings):
    single = TopicModel(n_topics=1).fit(hostile_units, embeddings=seeds_paragraph_embeddings)
    with pytest.raises(TopicsError, match="at least two"):
        single.plot_hierarchy()


def test_timeline_counts_the_dated_units(model):
    documents = model.document_info()
    dated = documents[documents["date"].notna() & (documents["topic_id"] >= 0)]
    assert len(dated), "the seeds have dated articles"
    figure = model.plot_timeline()
    assert sum(sum(trace.y) for trace in figure.data) == len(dated)
    assert {trace.name.split(" · ")[0] for trace in figure.data} == {str(t) for t in dated["topic_id"].unique()}
    shares = model.plot_timeline(normalize=True, freq="Y")
    totals = pd.DataFrame({trace.name: list(trace.y) for trace in shares.data}).sum(axis=1)
    assert np.allclose(totals, 1.0)
    assert "undated" in figure.layout.title.text
    with pytest.raises(TopicsError, match="freq"):
        model.plot_timeline(freq="fortnight")


def test_topics_over_time_is_a_small_multiple_of_shares(model):
    figure = model.plot_topics_over_time()
    over_time = model.topics_over_time()
    assert len(figure.data) == len(model.topic_ids_)
    for trace in figure.data:
        assert all(0.0 <= y <= 1.0 for y in trace.y)
    assert sum(sum(trace.y) for trace in figure.data) == pytest.approx(over_time["share"][over_time["topic_id"] >= 0].sum())
    _assert_escaped(figure)


def test_timeline_without_dates_says_so(hostile_units, seeds_paragraph_embeddings):
    undated = TopicModel(n_topics=3, random_state=1).fit(hostile_units.assign(date=None), embeddings=seeds_paragraph_embeddings)
    with pytest.raises(TopicsError, match="no unit in a topic has a date"):
        undated.plot_timeline()
    with pytest.raises(TopicsError, match="no unit in a topic has a date"):
        undated.plot_topics_over_time()


def test_unfitted_model_cannot_plot():
    with pytest.raises(TopicsError, match="not fitted"):
        TopicModel().plot_map()
    assert "TopicModel(" in TopicModel()._repr_html_()


def _assert_inert_in_a_notebook(markup: str):
    assert not any(c in markup for c in ACTING)
    assert "\\u202e" in markup or "\\x1b" in markup  # shown as escapes, not dropped
    # The notebook's MathJax leaves the whole table alone ("$1.36 and $2" is no formula).
    assert markup.startswith("<div class='tex2jax_ignore mathjax_ignore'>")


def test_model_html_is_a_topic_table_with_everything_escaped(model):
    markup = model._repr_html_()
    assert tags_in(markup) <= TABLE_TAGS
    _assert_inert_in_a_notebook(markup)
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup  # the example paragraphs, as text
    for label in model.topic_info()["label"]:
        assert html.escape(label) in markup
    assert f"{len(model.topic_ids_)} topics" in markup


def test_themes_html_escapes_theme_names_and_texts(hostile_units, seeds_paragraph_embeddings, embedder):
    from topics.themes.guided import Themes

    declared = [
        {"name": "<i onmouseover=alert(1)>drones</i>", "keywords": ["drone", "airspace"]},
        {"name": "ISIS-K & Daesh", "keywords": ["Daesh", "ISIS-K"]},
    ]
    themes = Themes(declared).fit(hostile_units, seeds_paragraph_embeddings, embedder)
    markup = themes._repr_html_()
    assert tags_in(markup) <= TABLE_TAGS
    _assert_inert_in_a_notebook(markup)
    assert "onmouseover=alert(1)>" not in markup
    assert "&lt;i onmouseover=alert(1)&gt;drones&lt;/i&gt;" in markup
    assert "ISIS-K &amp; Daesh" in markup
    assigned = int(themes.memberships_.any(axis=1).sum())
    assert f"{assigned} of {len(hostile_units)} units under a theme" in markup
    assert "left to siblings" in markup  # placements on meaning alone dropped as another subject's, counted


def test_corpus_html_shows_titles_inert(tmp_path):
    from topics.ingest.corpus import load_corpus

    corpus = load_corpus(pd.DataFrame({"id": ["a", "b"], "title": [HOSTILE_TITLE, "Plain"],
                                       "text": ["Drones flew over Kabul.", "Storms hit the coast."]}))
    markup = corpus._repr_html_()
    assert "<script" not in markup and "&lt;script&gt;" in markup
    _assert_inert_in_a_notebook(markup)


def test_html_table_escapes_cells_and_column_names_and_cuts_long_rows():
    from topics.viz.display import html_table

    frame = pd.DataFrame(
        {
            "<th>": ["<script>x</script>", "a & b"],
            "keywords": [["<b>", "ok"], []],
            "score": [0.91234, float("nan")],
        }
    )
    markup = html_table(frame, max_rows=1)
    assert tags_in(markup) <= TABLE_TAGS
    assert "&lt;script&gt;x&lt;/script&gt;" in markup and "&lt;th&gt;" in markup and "&lt;b&gt;, ok" in markup
    assert "1 more row" in markup and "a &amp; b" not in markup


def test_a_missing_or_silent_browser_leaves_the_figure_interactive_with_one_warning(monkeypatch):
    import threading
    import warnings

    import plotly.graph_objects as go
    from choreographer.browsers.chromium import Chromium

    from topics.viz import static_figures

    figure = static_figures.with_static_image(go.Figure(go.Scatter(x=[1, 2], y=[3, 4])))
    # No browser: Kaleido's server would wait for ever; the figure shows without its image, and says why once.
    monkeypatch.setattr(static_figures, "_state", {"server": False, "failed": None})
    monkeypatch.setattr(Chromium, "find_browser", classmethod(lambda cls, **kw: None))
    with pytest.warns(UserWarning, match="no Chrome or Chromium found"):
        assert "image/png" not in figure._repr_mimebundle_()
    with warnings.catch_warnings(record=True) as later:
        warnings.simplefilter("always")
        assert "image/png" not in figure._repr_mimebundle_()
    assert not later  # said once
    # A browser that never answers: given up after the timeout.
    released = threading.Event()
    monkeypatch.setattr(static_figures, "_state", {"server": True, "failed": None})
    monkeypatch.setattr(static_figures, "IMAGE_TIMEOUT_S", 0.5)
    monkeypatch.setattr(go.Figure, "to_image", lambda self, **kw: released.wait(30))
    try:
        with pytest.warns(UserWarning, match="did not answer within"):
            assert static_figures.figure_png(figure) is None
    finally:
        released.set()


def test_a_saved_model_writes_no_raw_bidi_or_invisible_character(model, tmp_path):
    from topics.controls import IN_JSON

    folder = model.save(tmp_path / "model")
    for path in folder.glob("*.json"):
        assert not IN_JSON.search(path.read_text(encoding="utf-8")), path.name
