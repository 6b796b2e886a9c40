"""What the report's colours, notes and counts say: the map's colour key, the themes' own notes, one rule
for "no timeline", text colours that read on white, and counts worded as a reader says them.

The pages are real reports opened in headless Chromium (see test_report_browser.py).
"""

from __future__ import annotations

import html
import json

import pytest
from report_cases import bbc_report, injection_frame, seeds_report
from test_report_browser import OpenedReport, _wait_until, browser  # noqa: F401 (browser: the fixture)


HOSTILE_NOTE = "theme 'x': <img src=y onerror=\"window.__injected = 'note'\"> none of its keywords occurs"


@pytest.fixture(scope="module")
def seeds_page(browser, embedder):  # noqa: F811
    _, files = seeds_report(embedder)
    opened = OpenedReport(browser, files.index_html)
    yield opened, files
    opened.close()


def _key(page) -> tuple[str, list[tuple[str, str]]]:
    """The key's title and its entries: (swatch colour as rgb(), text)."""
    entries = page.evaluate(
        "Array.from(document.querySelectorAll('#map-key-list .map-key-item')).map(li =>"
        " [getComputedStyle(li.querySelector('.swatch')).backgroundColor, li.textContent])"
    )
    return page.locator("#map-key-title").text_content(), [tuple(e) for e in entries]


def contrast_on_white(color: str) -> float:
    """WCAG's contrast ratio of a "#rrggbb" colour against white, worked out here, apart from the package."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 1.05 / (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05)


def _rgb(color: str) -> str:
    return "rgb({}, {}, {})".format(*(int(color[i : i + 2], 16) for i in (1, 3, 5)))


def test_the_map_key_follows_the_colouring(seeds_page):
    opened, _ = seeds_page
    page = opened.page
    data = json.loads(page.locator("#report-data").text_content())
    title, entries = _key(page)
    assert "topic" in title
    topics = [t for t in data["topics"] if t["id"] in set(data["topic"])]
    assert [e[0] for e in entries] == [_rgb(t["color"]) for t in topics]
    assert all(t["label"] in text for t, (_, text) in zip(topics, entries))

    page.select_option("#color-by", "theme")
    themes = data["themes"]
    used = set(themes["primary"])
    expected = [(_rgb(c), n) for k, (c, n) in enumerate(zip(themes["colors"], themes["names"])) if k in used]
    expected += [(_rgb(themes["none_color"]), "no theme")] if -1 in used else []
    _wait_until(lambda: "theme" in _key(page)[0])
    entries = _key(page)[1]
    assert [e[0] for e in entries] == [e[0] for e in expected]
    assert all(text.startswith(name) for (_, name), (_, text) in zip(expected, entries))
    assert "coloured by theme" in page.get_attribute("#map", "aria-label")

    page.select_option("#color-by", "topic")
    page.select_option("#map-level", "subtopic")
    _wait_until(lambda: "subtopic" in _key(page)[0])
    entries = _key(page)[1]
    shades = {sub["color"] for subs in data["subtopics"].values() for sub in subs}
    assert len(entries) > len(topics) and {e[0] for e in entries} <= {_rgb(c) for c in shades} | {_rgb(t["color"]) for t in topics}
    # A filter leaves the key with the colours still on the map, counted.
    page.select_option("#filter-topic", str(topics[-1]["id"]))
    kept = (f"{topics[-1]['id']}", f"topic {topics[-1]['id']}, subtopic ")  # the topic's own entry, its subtopics'
    _wait_until(lambda: all(text.startswith(kept) for _, text in _key(page)[1]))
    shown = sum(int(text.rsplit(" ", 1)[1]) for _, text in _key(page)[1])
    assert shown == data["topic"].count(topics[-1]["id"])
    page.locator("#show-all").click()
    page.select_option("#map-level", "topic")
    assert opened.errors == []


def test_topic_text_and_outlines_read_on_white(seeds_page):
    opened, _ = seeds_page
    page = opened.page
    badges = page.evaluate(
        "Array.from(document.querySelectorAll('.topic-number')).map(b => getComputedStyle(b).backgroundColor)"
    )
    hexes = ["#{:02x}{:02x}{:02x}".format(*(int(v) for v in rgb[4:-1].split(","))) for rgb in badges]
    assert hexes and all(contrast_on_white(c) >= 4.5 for c in hexes), hexes  # white digits on it: the same ratio
    # The map's label outlines: the same ink.
    outlines = page.evaluate("document.getElementById('map').topicsMap.labels().map(l => l.color)")
    assert outlines and all(contrast_on_white(c) >= 4.5 for c in outlines), outlines


def test_print_leaves_the_map_toolbar_out_and_keeps_the_key(seeds_page):
    opened, _ = seeds_page
    page = opened.page
    page.emulate_media(media="print")
    try:
        assert page.evaluate("getComputedStyle(document.querySelector('.map-tools')).display") == "none"
        assert page.locator("#map-key-list li").count() > 0 and page.locator("#map-key").is_visible()
    finally:
        page.emulate_media(media="screen")


def test_ink_keeps_the_hue_and_reaches_the_contrast():
    from topics.viz.palette import BASE_COLORS, ink_color

    for color in BASE_COLORS:
        ink = ink_color(color)
        assert contrast_on_white(ink) >= 4.5
        if contrast_on_white(color) >= 4.5:
            assert ink == color
    assert contrast_on_white("#edc948") < 3 and ink_color("#edc948") == "#826f28"


def test_the_themes_section_shows_the_themes_own_notes_and_near_misses(embedder, tmp_path):
    from topics.report.html import render_html
    from topics.report.tables import build_report_data

    result, files = seeds_report(embedder)
    data = build_report_data(result)
    themes = data.document["themes"]
    themes["notes"] = [*themes["notes"], HOSTILE_NOTE]
    themes["unmatched_themes"] = [themes["themes"][0]["name"]]
    page = render_html(data)
    section = page[page.index('id="themes-section"'):page.index("</section>", page.index('id="themes-section"'))]
    assert HOSTILE_NOTE in html.unescape(section) and "<img src=y" not in page  # shown, as text
    assert "lower the threshold" not in section and "The notes above say why" in section
    first = themes["themes"][0]
    evidence = first["evidence"]
    assert f"{evidence['keywords']} / {evidence['similarity']} / {evidence['learning']}" in section
    near = [unit for theme in themes["themes"] for unit in theme["near_misses"]]
    assert near, "the seeds' themes have near misses"
    assert all(f"· {unit['unit_id']} · score {unit['score']:.3f}" in section for unit in near)


def test_one_day_of_dates_draws_no_timeline(embedder, tmp_path):
    from topics.ingest.corpus import load_corpus
    from topics.pipeline import find_topics

    frame = injection_frame().assign(date="2024-11-19")
    frame.loc[0, "date"] = None
    messages: list[str] = []
    result = find_topics(load_corpus(frame), embedder=embedder, n_topics=2, log=messages.append)
    files = result.write_report(tmp_path / "report")
    page = files.index_html.read_text(encoding="utf-8")
    notes = json.loads((files.folder / "topics.json").read_text(encoding="utf-8"))["time"]["notes"]
    assert any("so there is no timeline" in note for note in notes)
    assert 'id="timeline-section"' not in page and '"dates":null' in page
    assert "found 2 topics" in " ".join(messages)


def test_counts_are_worded_once_and_in_the_singular_where_one(browser, embedder):  # noqa: F811
    result, files = bbc_report(embedder)
    opened = OpenedReport(browser, files.index_html)
    page = opened.page
    try:
        page.fill("#search", "the")
        page.press("#search", "Enter")
        _wait_until(lambda: "(ringed on the map)" in page.locator("#panel-note").text_content())
        note = page.locator("#panel-note").text_content()
        assert " articles in " not in note and " article in " not in note, note
        card = page.locator("article.topic .topic-header p").first.text_content()
        assert card.count(" articles") + card.count(" article ") == 1, card
        assert opened.errors == []
    finally:
        opened.close()
    markdown = (files.folder / "report.md").read_text(encoding="utf-8")
    assert " articles from " not in markdown


def test_one_topic_is_a_topic(embedder):
    from topics.ingest.corpus import load_corpus
    from topics.pipeline import find_topics

    messages: list[str] = []
    find_topics(load_corpus(injection_frame()), embedder=embedder, n_topics=1, log=messages.append)
    found = [m for m in messages if m.startswith("found ")]
    assert found and found[0].startswith("found 1 topic, "), found
