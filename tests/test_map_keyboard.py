"""The report's map from the keyboard alone: real key presses in headless Chromium on real reports
(see test_report_browser.py for how pages are opened)."""

from __future__ import annotations

import json

import pytest
from report_cases import injection_report
from test_report_browser import OpenedReport, _wait_until, browser  # noqa: F401 (browser: the fixture)
from test_report_keys import seeds_page  # noqa: F401 (the seeds report, opened: a fixture)

ACCENT = (59, 91, 219)  # --accent in report.css


def _focused_unit(page) -> int | None:
    value = page.get_attribute("#map canvas", "data-focused")
    return None if value is None else int(value)


def _point(page, unit: int) -> tuple[float, float]:
    point = page.evaluate(f"document.getElementById('map').topicsMap.clientPoint({unit})")
    return point["x"], point["y"]


def _tab_into_the_map(page) -> None:
    """Tab from the filters' last control (past any filter chips) until the map has the focus."""
    page.locator("#show-all").focus()
    for _ in range(1 + page.locator("#filter-chips button").count()):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement === document.querySelector('#map canvas')")


def _ring(page) -> dict:
    """Where the keyboard's ring is drawn (its centre, in the window's coordinates) and its colours."""
    return page.evaluate(
        """(() => {
        const ring = document.querySelector('#map .map-focus-ring'), box = ring.getBoundingClientRect(), style = getComputedStyle(ring);
        return {x: box.left + box.width / 2, y: box.top + box.height / 2, visible: !ring.hidden && box.width > 0,
                border: style.borderTopStyle + ' ' + style.borderTopColor, outline: style.boxShadow};
    })()"""
    )


def test_the_map_is_one_tab_stop_walked_with_arrow_keys(seeds_page):
    opened, _ = seeds_page
    page = opened.page
    data = json.loads(page.locator("#report-data").text_content())
    topic_label = {t["id"]: t["label"] for t in data["topics"]}
    canvas = page.locator("#map canvas")
    assert canvas.get_attribute("role") == "application" and canvas.get_attribute("tabindex") == "0"
    assert "coloured by topic" in canvas.get_attribute("aria-label")
    assert "arrow keys" in page.locator("#" + canvas.get_attribute("aria-describedby")).text_content()

    _tab_into_the_map(page)
    first = _focused_unit(page)
    assert first is not None
    # The focus shows: the canvas's outline and a ring round the point, both in the report's accent.
    style = page.evaluate("(() => { const s = getComputedStyle(document.querySelector('#map canvas')); return [s.outlineStyle, s.outlineColor]; })()")
    assert style == ["solid", "rgb({}, {}, {})".format(*ACCENT)]
    ring, (x, y) = _ring(page), _point(page, first)
    assert ring["visible"] and ring["border"] == "solid rgb({}, {}, {})".format(*ACCENT)
    assert abs(ring["x"] - x) < 2 and abs(ring["y"] - y) < 2

    def named(unit: int) -> bool:
        said = page.locator("#map-live").text_content()
        title = data["articles"]["title"][data["article"][unit]]
        return title in said and topic_label[data["topic"][unit]] in said and data["text"][unit][:40] in said

    assert named(first)
    assert not page.locator("#map-tooltip").is_hidden()
    assert data["text"][first][:40] in page.locator("#map-tooltip").text_content()

    scroll = page.evaluate("window.scrollY")
    for key, axis, sign in (("ArrowRight", 0, 1), ("ArrowDown", 1, 1), ("ArrowLeft", 0, -1), ("ArrowUp", 1, -1)):
        before = _focused_unit(page)
        page.keyboard.press(key)
        after = _focused_unit(page)
        assert after is not None and after != before, key
        assert (_point(page, after)[axis] - _point(page, before)[axis]) * sign >= 0, key
        assert named(after), key
        assert abs(_ring(page)["x"] - _point(page, after)[0]) < 2, key
    assert page.evaluate("window.scrollY") == scroll  # the arrows move the focus, not the page

    # Page Down: the next topic's most central point.
    unit = _focused_unit(page)
    order = [t["id"] for t in data["topics"]]
    page.keyboard.press("PageDown")
    moved = _focused_unit(page)
    assert order.index(data["topic"][moved]) > order.index(data["topic"][unit])
    assert named(moved)

    # Enter opens what a click opens: the point and its nearest units.
    page.keyboard.press("Enter")
    _wait_until(lambda: page.locator("#panel-title").inner_text() == "More like this")
    assert page.locator("#panel-list li.hit").first.get_attribute("data-unit") == str(moved)

    # Escape leaves the points (the card closes); the map keeps the focus and Tab moves on.
    page.keyboard.press("Escape")
    assert _focused_unit(page) is None and page.locator("#map-tooltip").is_hidden() and not _ring(page)["visible"]
    assert "Left" in page.locator("#map-live").text_content()
    page.keyboard.press("ArrowRight")  # the arrows come back to where the reader was
    assert _focused_unit(page) == moved
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-map-tool')") == "pan"
    assert opened.errors == []


def test_a_filter_keeps_the_keys_on_the_shown_points(seeds_page):
    opened, _ = seeds_page
    page = opened.page
    data = json.loads(page.locator("#report-data").text_content())
    topic = data["topics"][-1]["id"]
    page.select_option("#filter-topic", str(topic))
    _tab_into_the_map(page)
    seen = {_focused_unit(page)}
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "PageDown", "Home", "End") * 2:
        page.keyboard.press(key)
        seen.add(_focused_unit(page))
    assert {data["topic"][u] for u in seen} == {topic}
    page.keyboard.press("Escape")
    page.locator("#show-all").click()
    assert opened.errors == []


def test_at_the_subtopic_level_page_down_steps_through_subtopics_and_names_them(seeds_page):
    # Before: Page Down / Up stepped through topics whatever the map showed.
    opened, _ = seeds_page
    page = opened.page
    data = json.loads(page.locator("#report-data").text_content())
    subtopics = {int(t): subs for t, subs in data["subtopics"].items()}

    def group(unit: int) -> tuple:
        """The group the map colours ``unit`` by at the subtopic level: (topic, subtopic), or (topic,) in none."""
        topic, sub = data["topic"][unit], data["subtopic"][unit]
        return (topic, sub) if 0 <= sub < len(subtopics.get(topic, [])) else (topic,)

    groups = {group(u) for u in range(len(data["topic"]))}
    order = [key for t in data["topics"] for key in [*((t["id"], k) for k in range(len(subtopics.get(t["id"], [])))), (t["id"],)]
             if key in groups]
    assert sum(len(key) == 2 for key in order) > len(data["topics"])  # more subtopics than topics: steps differ
    page.select_option("#map-level", "subtopic")
    try:
        _tab_into_the_map(page)
        page.keyboard.press("Home")
        seen = [group(_focused_unit(page))]
        for _ in range(len(order) - 1):
            page.keyboard.press("PageDown")
            unit = _focused_unit(page)
            seen.append(group(unit))
            said = page.locator("#map-live").text_content()
            if len(seen[-1]) == 2:
                assert said.startswith(f"Subtopic {subtopics[seen[-1][0]][seen[-1][1]]['label']}, in topic "), said
            assert data["text"][unit][:40] in said
        assert seen == order
        page.keyboard.press("PageDown")
        assert _focused_unit(page) == unit and page.locator("#map-live").text_content() == "This is the last subtopic."
        for key in reversed(order[:-1]):  # and back, one subtopic at a time
            page.keyboard.press("PageUp")
            assert group(_focused_unit(page)) == key
        page.keyboard.press("Escape")
    finally:
        page.select_option("#map-level", "topic")
    # Back at the topic level, Page Down steps through topics again.
    _tab_into_the_map(page)
    page.keyboard.press("Home")
    page.keyboard.press("PageDown")
    assert data["topic"][_focused_unit(page)] == data["topics"][1]["id"]
    assert page.locator("#map-live").text_content().startswith("Topic ")
    page.keyboard.press("Escape")
    assert opened.errors == []


def test_hostile_text_reaches_the_map_keys_as_text(browser, embedder):  # noqa: F811
    _, files = injection_report(embedder)
    opened = OpenedReport(browser, files.index_html)
    try:
        page = opened.page
        _tab_into_the_map(page)
        said = [page.locator("#map-live").text_content()]
        for key in ("ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp", "PageDown", "End", "Home") * 3:
            page.keyboard.press(key)
            said.append(page.locator("#map-live").text_content())
            assert page.locator("#map-live *, #map-tooltip img, #map-tooltip script").count() == 0
        assert any("<img src=x" in text or "<script>" in text or "<svg" in text for text in said)
        page.keyboard.press("Enter")
        _wait_until(lambda: page.locator("#panel-title").inner_text() == "More like this")
        assert page.locator("img, iframe, object, embed").count() == 0
        assert page.evaluate("window.__injected") is None
        assert opened.errors == [] and opened.dialogs == [] and opened.network_attempts == []
    finally:
        opened.close()
