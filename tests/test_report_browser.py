"""The report as a reader sees it: index.html opened in headless Chromium with the network cut off.

Chromium is Debian's (/usr/bin/chromium, installed by `make test`), driven by Playwright.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from report_cases import PAYLOADS, injection_report, seeds_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1366, "height": 900}  # a laptop screen


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class OpenedReport:
    """A page showing one report, with everything it tried to do recorded."""

    def __init__(self, browser, index_html: Path):
        self.context = browser.new_context(viewport=VIEWPORT)
        self.network_attempts: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(index_html.resolve().as_uri(), wait_until="load")
        self.page.wait_for_selector("#map[data-ready=true]", state="attached")  # drawn and wired up

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.network_attempts.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def seeds_page(browser, embedder):
    _, files = seeds_report(embedder)
    opened = OpenedReport(browser, files.index_html)
    yield opened, files
    opened.close()


def _wait_until(condition, timeout: float = 5.0) -> None:
    """Poll from Python: the page's CSP forbids the string evaluation wait_for_function relies on."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the page did not reach the expected state in time")
        time.sleep(0.05)


def _topics_json(files) -> dict:
    return json.loads((files.folder / "topics.json").read_text(encoding="utf-8"))


def test_report_opens_offline_without_errors(seeds_page):
    opened, _ = seeds_page
    assert opened.errors == []
    assert opened.network_attempts == []
    assert opened.dialogs == []


def _map(page, call: str):
    """The canvas map's state (canvasmap.js), e.g. ``_map(page, "colors()")``."""
    return page.evaluate(f"document.getElementById('map').topicsMap.{call}")


def _unit_on_screen(page, unit: int) -> tuple[float, float]:
    page.locator("#map").scroll_into_view_if_needed()
    point = _map(page, f"clientPoint({unit})")
    return point["x"], point["y"]


def _timeline(page, expression: str):
    """``expression`` of the timeline's plotly data, once the timeline has been scrolled to and drawn."""
    page.locator("#timeline").scroll_into_view_if_needed()
    _wait_until(lambda: page.evaluate("!!document.getElementById('timeline').data"))
    return page.evaluate(f"document.getElementById('timeline').{expression}")


def test_map_holds_one_point_per_unit(seeds_page):
    opened, files = seeds_page
    doc = _topics_json(files)
    page = opened.page
    assert page.locator("#map canvas.map-canvas").count() == 1
    assert len(_map(page, "colors()")) == len(doc["units"]) == doc["corpus"]["units"]
    assert sorted(label["meta"] for label in _map(page, "labels()")) == sorted(t["topic_id"] for t in doc["topics"])
    # plotly.js ships in the page but runs only when one of its figures comes near the screen.
    assert page.evaluate("typeof window.Plotly") == "undefined"
    page.locator("#similarity").scroll_into_view_if_needed()
    _wait_until(lambda: page.locator("#similarity .main-svg").count() > 0)
    assert page.locator("#hierarchy .main-svg").count() > 0
    assert opened.errors == []


def test_topic_list_matches_topics_json(seeds_page):
    opened, files = seeds_page
    doc = _topics_json(files)
    items = opened.page.locator("#topic-list li")
    shown = [
        (int(items.nth(i).get_attribute("data-topic-id")), items.nth(i).locator(".topic-name").inner_text())
        for i in range(items.count())
    ]
    assert shown == [(t["topic_id"], t["label"]) for t in doc["topics"]]
    sections = opened.page.locator("article.topic h3")
    assert sections.count() == len(doc["topics"])
    theme_rows = opened.page.locator("#themes-section tr.theme-row")
    assert theme_rows.count() == len(doc["themes"]["themes"])


def test_hover_shows_title_and_text(seeds_page):
    opened, files = seeds_page
    doc = _topics_json(files)
    page = opened.page
    page.mouse.move(*_unit_on_screen(page, 0))
    page.wait_for_selector("#map-tooltip:not([hidden])", timeout=5000)
    hover = page.locator("#map-tooltip").text_content()
    titles = {a["title"] for a in doc["articles"]}
    assert any(title[:30] in hover for title in titles), hover
    assert len(hover) > 80  # the paragraph's text, not only its title
    page.mouse.move(5, 5)


def _map_colors(page) -> list[str]:
    return _map(page, "colors()")


def _status(page) -> str:
    return page.locator("#map-status").inner_text()


def test_topic_filter_follows_in_every_view(seeds_page):
    opened, files = seeds_page
    doc = _topics_json(files)
    page = opened.page
    topic = doc["topics"][0]
    members = [u for u in doc["units"] if u["topic_id"] == topic["topic_id"]]
    page.locator(f"#topic-{topic['topic_id']} [data-show-topic]").click()
    _wait_until(lambda: f"Showing {len(members)} of {len(doc['units'])}" in _status(page))
    colors = _map_colors(page)
    assert {colors[i] for i, u in enumerate(doc["units"]) if u["topic_id"] == topic["topic_id"]} == {topic["color"]}
    assert {colors[i] for i, u in enumerate(doc["units"]) if u["topic_id"] != topic["topic_id"]} == {"#dde0e6"}
    # Cards: the other topics have nothing in the selection.
    assert page.locator("article.topic.dimmed").count() == len(doc["topics"]) - 1
    assert f"{len(members)} in the selection" in page.locator(f"#topic-{topic['topic_id']} .topic-selected").inner_text()
    # Article table: the articles with units in the topic, with their counts.
    counts = {}
    for unit in members:
        counts[unit["article_id"]] = counts.get(unit["article_id"], 0) + 1
    assert page.locator("#article-table tbody tr").count() == len(counts)
    # Timeline: stacked bars of the dated units in the topic only.
    dated = {a["article_id"] for a in doc["articles"] if a["date"]}
    shown = _timeline(page, "data.map(t => t.y.reduce((s, v) => s + v, 0))")
    assert sum(shown) == sum(1 for u in members if u["article_id"] in dated)
    # Each bar also tells how many articles its units come from (an article's units share its period).
    articles = _timeline(page, "data.map(t => t.customdata.reduce((s, v) => s + v, 0))")
    assert sum(articles) == len({u["article_id"] for u in members if u["article_id"] in dated})
    assert "article(s)" in _timeline(page, "data[0].hovertemplate")
    # Only the topic's label stays on the map; clearing brings everything back.
    visible_labels = _map(page, "labels().filter(a => a.visible).map(a => a.meta)")
    assert visible_labels == [topic["topic_id"]]
    page.locator("#show-all").click()
    _wait_until(lambda: _status(page) == "")
    assert "#dde0e6" not in _map_colors(page)
    assert page.locator("article.topic.dimmed").count() == 0
    assert opened.errors == []


def test_search_finds_units_and_rings_them(seeds_page):
    opened, files = seeds_page
    page = opened.page
    page.locator("#search").fill("drones")
    _wait_until(lambda: page.locator("#panel-title").inner_text() == "Search: drones")
    hits = page.locator("#panel-list li.hit")
    assert hits.count() > 0
    ringed = len(_map(page, "rings()"))
    assert f"{ringed} paragraph" in page.locator("#panel-note").inner_text()
    for k in range(hits.count()):
        assert "drone" in hits.nth(k).inner_text().lower()  # in the paragraph or its article's title
    # Prefix search on the last word, and every word required.
    page.locator("#search").fill("taliban dro")
    _wait_until(lambda: page.locator("#panel-title").inner_text() == "Search: taliban dro")
    texts = [hits.nth(k).inner_text().lower() for k in range(hits.count())]
    assert texts and all("dro" in t for t in texts)
    page.locator("#search").fill("")
    _wait_until(lambda: len(_map(page, "rings()")) == 0)
    assert opened.errors == []


def test_search_before_the_index_is_built_finds_the_same_units(seeds_page):
    opened, _ = seeds_page
    page = opened.page
    for query in ("drones", "taliban dro", "Afghan", "the", "kabul police", "zzzz"):
        by_index = page.evaluate(f"document.getElementById('search').searchWith.index({json.dumps(query)})")
        by_scan = page.evaluate(f"document.getElementById('search').searchWith.scan({json.dumps(query)})")
        assert sorted(by_index) == by_scan, query
    assert by_index == [] and len(page.evaluate("document.getElementById('search').searchWith.scan('the')")) > 10


def test_more_like_this_lists_nearest_units(seeds_page):
    opened, _ = seeds_page
    page = opened.page
    page.mouse.click(*_unit_on_screen(page, 7))
    _wait_until(lambda: page.locator("#panel-title").inner_text() == "More like this")
    listed = [int(x) for x in page.locator("#panel-list li.hit").evaluate_all("items => items.map(i => i.dataset.unit)")]
    payload = json.loads(page.locator("#report-data").text_content())
    picked = listed[0]  # unit 7, or one drawn on the same spot
    assert (payload["x"][picked], payload["y"][picked]) == (payload["x"][7], payload["y"][7])
    k = payload["n_neighbours"]
    assert listed[1:] == payload["neighbours"][picked * k: (picked + 1) * k]
    assert len(_map(page, "rings()")) == k + 1
    page.locator("[data-read-article]").click()
    _wait_until(lambda: page.locator("#article-reader").is_visible())
    assert page.locator("#article-reader .reader-unit").count() == payload["article"].count(payload["article"][picked])


def _map_tool(page, tool: str) -> dict:
    """Show every unit, bring the map into view, pick a map tool; the canvas's bounding box."""
    page.locator("#show-all").click()
    page.locator("#map").scroll_into_view_if_needed()
    page.locator(f"#map [data-map-tool={tool}]").click()
    return page.locator("#map canvas").bounding_box()


def test_box_selection_lists_units_and_keywords(seeds_page):
    opened, files = seeds_page
    doc = _topics_json(files)
    page = opened.page
    box = _map_tool(page, "select")
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.6, steps=8)
    page.mouse.up()
    _wait_until(lambda: page.locator("#panel-title").inner_text() == "Selection")
    selected = int(page.locator("#panel-note").inner_text().split()[0])
    assert 0 < selected < len(doc["units"])
    assert f"Showing {selected} of" in _status(page)
    assert page.locator("#panel-keywords .keyword").count() > 0
    counts = page.locator("#article-table tbody td.num").all_inner_texts()
    assert sum(int(c.split()[0]) for c in counts) == selected
    page.locator("#filter-chips [data-clear=selection]").click()
    _wait_until(lambda: _status(page) == "")
    page.locator("#map [data-map-tool=pan]").click()
    assert opened.errors == []


def _edge_distance(polygon, x, y) -> float:
    """Pixels from (x, y) to the polygon's nearest edge."""
    best = float("inf")
    for (xa, ya), (xb, yb) in zip(polygon, polygon[-1:] + polygon[:-1]):
        dx, dy = xb - xa, yb - ya
        t = max(0.0, min(1.0, ((x - xa) * dx + (y - ya) * dy) / (dx * dx + dy * dy)))
        best = min(best, ((x - xa - t * dx) ** 2 + (y - ya - t * dy) ** 2) ** 0.5)
    return best


def _inside(polygon, x, y) -> bool:
    inside = False
    for (xa, ya), (xb, yb) in zip(polygon, polygon[-1:] + polygon[:-1]):
        if (ya > y) != (yb > y) and x < (xb - xa) * (y - ya) / (yb - ya) + xa:
            inside = not inside
    return inside


def test_lasso_selects_the_units_inside_it(seeds_page):
    opened, files = seeds_page
    doc = _topics_json(files)
    page = opened.page
    box = _map_tool(page, "lasso")
    corners = [(round(box["x"] + box["width"] * fx), round(box["y"] + box["height"] * fy)) for fx, fy in ((0.05, 0.05), (0.9, 0.3), (0.2, 0.95))]
    points = page.evaluate(f"Array.from({{length: {len(doc['units'])}}}, (_, u) => document.getElementById('map').topicsMap.clientPoint(u))")
    # The drawn path's in-between mouse events land on whole pixels, so a point within a pixel or
    # two of an edge may fall on either side of it: those are counted apart.
    near_edge = [_edge_distance(corners, p["x"], p["y"]) < 2 for p in points]
    surely_inside = sum(_inside(corners, p["x"], p["y"]) and not near for p, near in zip(points, near_edge))
    assert 0 < surely_inside < len(doc["units"])
    page.mouse.move(*corners[0])
    page.mouse.down()
    for corner in corners[1:] + corners[:1]:
        page.mouse.move(*corner, steps=5)
    page.mouse.up()
    _wait_until(lambda: page.locator("#panel-title").inner_text() == "Selection")
    selected = int(page.locator("#panel-note").inner_text().split()[0])
    assert surely_inside <= selected <= surely_inside + sum(near_edge)
    assert f"Showing {selected} of" in _status(page)
    assert page.locator("#panel-keywords .keyword").count() > 0
    page.locator("#filter-chips [data-clear=selection]").click()
    _wait_until(lambda: _status(page) == "")
    page.locator("#map [data-map-tool=pan]").click()
    # The map saves itself as a PNG.
    with page.expect_download() as download:
        page.locator("#map [data-map-tool=png]").click()
    assert download.value.suggested_filename == "topics-map.png"
    assert Path(download.value.path()).read_bytes().startswith(b"\x89PNG")
    assert opened.errors == []


def test_subtopic_filter_and_theme_scores(seeds_page):
    opened, files = seeds_page
    page = opened.page
    payload = json.loads(page.locator("#report-data").text_content())
    page.locator("#show-all").click()
    assert page.locator("#subtopic-field").is_hidden()
    topic, subtopics = next((int(t), subs) for t, subs in payload["subtopics"].items() if len(subs) > 1)
    page.select_option("#filter-topic", str(topic))
    assert page.locator("#subtopic-field").is_visible()
    assert page.locator("#filter-subtopic option").count() == len(subtopics) + 1
    page.select_option("#filter-subtopic", "1")
    members = sum(1 for t, s in zip(payload["topic"], payload["subtopic"]) if t == topic and s == 1)
    _wait_until(lambda: f"Showing {members} of {payload['n_units']}" in _status(page))
    assert page.locator("#filter-chips [data-clear=subtopic]").count() == 1
    # Another topic lets go of the subtopic.
    other = next(t["id"] for t in payload["topics"] if t["id"] not in (topic, -1))
    page.select_option("#filter-topic", str(other))
    _wait_until(lambda: f"Showing {payload['topic'].count(other)} of" in _status(page))
    assert page.locator("#filter-chips [data-clear=subtopic]").count() == 0
    # A subtopic's "show on map" in its topic card sets both filters.
    page.locator(f"[data-show-subtopic='{topic}.0']").click()
    members = sum(1 for t, s in zip(payload["topic"], payload["subtopic"]) if t == topic and s == 0)
    _wait_until(lambda: f"Showing {members} of {payload['n_units']}" in _status(page))
    page.locator("#show-all").click()
    # Theme scores wherever a unit or an article is shown: search hits, the tooltip, the reader.
    themes = payload["themes"]
    assert themes and themes["scores"], "the seeds report has theme scores"
    page.locator("#search").fill("taliban")
    _wait_until(lambda: page.locator("#panel-list li.hit").count() > 0)
    hit = page.locator("#panel-list li.hit").first
    unit = int(hit.get_attribute("data-unit"))
    n = len(themes["names"])
    row = themes["scores"][unit * n: (unit + 1) * n]
    best = max(range(n), key=lambda t: row[t])
    assert f"{themes['names'][best]} {row[best]}" in hit.locator(".theme-scores").inner_text()
    page.mouse.move(*_unit_on_screen(page, unit))
    page.wait_for_selector("#map-tooltip:not([hidden])", timeout=5000)
    assert "theme scores:" in page.locator("#map-tooltip").inner_text()
    page.mouse.move(5, 5)
    page.locator("#article-table tbody tr").first.click()
    _wait_until(lambda: page.locator("#article-reader").is_visible())
    assert "Theme scores of the article" in page.locator("#article-reader .reader-head").inner_text()
    page.locator("#article-reader [data-close-reader]").click()
    page.locator("#search").fill("")
    assert opened.errors == []


def test_date_brush_filters_the_views(seeds_page):
    opened, files = seeds_page
    doc = _topics_json(files)
    page = opened.page
    page.locator("#show-all").click()
    page.locator("#dates").scroll_into_view_if_needed()
    box = page.locator("#dates canvas").bounding_box()
    # Drag over the right half of the histogram: the later dates only.
    page.mouse.move(box["x"] + box["width"] * 0.55, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    _wait_until(lambda: page.locator("#filter-chips [data-clear=dates]").count() == 1)
    last = max(a["date"] for a in doc["articles"] if a["date"])
    later = {a["article_id"] for a in doc["articles"] if a["date"] and a["date"][:4] == last[:4]}
    expected = sum(1 for u in doc["units"] if u["article_id"] in later)
    assert f"Showing {expected} of" in _status(page)
    assert page.locator("#article-table tbody tr").count() == len(later)
    page.locator("#filter-chips [data-clear=dates]").click()
    _wait_until(lambda: _status(page) == "")
    assert opened.errors == []


def test_colour_by_theme(seeds_page):
    opened, files = seeds_page
    page = opened.page
    payload = json.loads(page.locator("#report-data").text_content())
    themes = payload["themes"]
    page.select_option("#color-by", "theme")
    expected = [themes["colors"][p] if p >= 0 else themes["none_color"] for p in themes["primary"]]
    _wait_until(lambda: _map_colors(page) == expected)
    names = _timeline(page, "data.map(t => t.name)")
    assert set(names) <= set(themes["names"]) | {"no theme"} and names
    page.select_option("#filter-theme", "0")
    _wait_until(lambda: f"Showing {themes['primary'].count(0)} of" in _status(page))
    page.select_option("#color-by", "topic")
    page.locator("#show-all").click()
    assert opened.errors == []


def test_map_level_toggle_shows_subtopics_and_timeline_shares(seeds_page):
    opened, files = seeds_page
    page = opened.page
    payload = json.loads(page.locator("#report-data").text_content())
    topic_colors = {t["id"]: t["color"] for t in payload["topics"]}
    by_topic = [topic_colors[t] for t in payload["topic"]]
    by_subtopic = [
        payload["subtopics"][str(t)][s]["color"] if t >= 0 else topic_colors[t]
        for t, s in zip(payload["topic"], payload["subtopic"])
    ]
    assert by_subtopic != by_topic, "some seed topic splits into subtopics"
    page.select_option("#map-level", "subtopic")
    _wait_until(lambda: _map_colors(page) == by_subtopic)
    assert page.get_attribute("#map", "data-level") == "subtopic"
    # Each subtopic's key names its topic too: "subtopic 0" alone repeats under every topic.
    keys = page.locator("#map-key-list li").all_text_contents()
    assert any(re.search(r"topic \d+, subtopic \d+ · ", key) for key in keys), keys
    page.select_option("#map-level", "topic")
    _wait_until(lambda: _map_colors(page) == by_topic)
    # The timeline's shares: each period's bars add up to one.
    page.select_option("#timeline-scale", "share")
    _wait_until(lambda: _timeline(page, "layout.yaxis.tickformat") == ".0%")
    totals = page.evaluate(
        "(() => { const d = document.getElementById('timeline').data; const t = d[0].y.map(() => 0);"
        " d.forEach(tr => tr.y.forEach((v, k) => { t[k] += v; })); return t; })()"
    )
    assert all(abs(total - 1) < 1e-9 or total == 0 for total in totals) and any(totals)
    page.select_option("#timeline-scale", "units")
    assert opened.errors == []


@pytest.fixture(scope="module")
def bbc_page(browser, embedder):
    from report_cases import bbc_report

    _, files = bbc_report(embedder)
    opened = OpenedReport(browser, files.index_html)
    yield opened, files
    opened.close()


def _table_titles(page) -> list[str]:
    return page.locator("#article-table tbody td.title").all_inner_texts()


def test_article_table_sorts_pages_and_filters(bbc_page):
    from report_cases import BBC_ARTICLES

    opened, files = bbc_page
    doc = _topics_json(files)
    page = opened.page
    assert opened.errors == [] and opened.network_attempts == []
    assert page.locator("#article-count").inner_text() == f"{BBC_ARTICLES} of {BBC_ARTICLES} articles"
    assert page.locator("#article-table tbody tr").count() == 25
    header = page.locator("#article-table th[data-sort=title] button")
    header.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # figures scrolled near start drawing; let the layout settle
    header.click()
    every = sorted((a["title"] for a in doc["articles"]), key=str.lower)
    assert page.locator("#article-table th[data-sort=title]").get_attribute("aria-sort") == "ascending"
    assert _table_titles(page) == every[:25]
    header.click()
    assert _table_titles(page) == every[::-1][:25]
    page.locator("#article-pager [data-page='1']").click()
    assert _table_titles(page) == every[::-1][25:50]
    assert page.locator("#article-page").inner_text() == f"page 2 of {-(-BBC_ARTICLES // 25)}"
    # Filtering by a word of a title.
    word = max(re.findall(r"[a-z]{4,}", every[0].lower()), key=len)
    page.locator("#article-filter").fill(word)
    _wait_until(lambda: page.locator("#article-count").inner_text() != f"{BBC_ARTICLES} of {BBC_ARTICLES} articles")
    rows = page.locator("#article-table tbody tr").all_inner_texts()
    assert rows and all(word in row.lower() for row in rows)
    assert every[0] in _table_titles(page)
    page.locator("#article-filter").fill("")
    # The label column of the corpus becomes a filter; the views follow it.
    labels = json.loads(page.locator("#report-data").text_content())["labels"]
    assert sorted(labels) == ["business", "entertainment", "politics", "sport", "tech"]
    page.select_option("#filter-label", str(labels.index("sport")))
    frame = __import__("pandas").read_csv(Path(__file__).parent / "data" / "bbc_sample.csv").head(BBC_ARTICLES)
    sport = int((frame["label"] == "sport").sum())
    _wait_until(lambda: page.locator("#article-count").inner_text() == f"{sport} of {BBC_ARTICLES} articles")
    assert f"Showing {sport} of {BBC_ARTICLES}" in _status(page)
    page.locator("#show-all").click()
    assert opened.errors == []


def test_reading_an_article_colours_its_units_by_topic(bbc_page):
    opened, files = bbc_page
    doc = _topics_json(files)
    page = opened.page
    page.locator("#article-table tbody tr").first.click()
    _wait_until(lambda: page.locator("#article-reader").is_visible())
    title = page.locator("#article-reader h3").inner_text()
    article = next(a for a in doc["articles"] if a["title"] == title)
    unit = next(u for u in doc["units"] if u["article_id"] == article["article_id"])
    color = next(t["color"] for t in doc["topics"] if t["topic_id"] == unit["topic_id"]) if unit["topic_id"] != -1 else None
    units = page.locator("#article-reader .reader-unit")
    assert units.count() == 1  # one unit an article at this level
    if color:
        assert color in units.first.get_attribute("style")
    page.locator("#article-reader [data-filter-article]").click()
    _wait_until(lambda: "Showing 1 of" in _status(page))
    page.locator("#show-all").click()
    assert opened.errors == []


def test_large_map_is_a_canvas_that_searches_filters_and_selects(browser, embedder):
    from report_cases import CANVAS_UNITS, large_seeds_page

    opened = OpenedReport(browser, large_seeds_page(embedder))
    try:
        page = opened.page
        payload = json.loads(page.locator("#report-data").text_content())
        assert payload["n_units"] == CANVAS_UNITS
        assert page.locator("#map canvas.map-canvas").count() == 1
        # Search rings every hit.
        page.locator("#search").fill("drones")
        _wait_until(lambda: page.locator("#panel-title").inner_text() == "Search: drones")
        ringed = int(page.get_attribute("#map", "data-ringed"))
        assert ringed > 0 and page.locator("#panel-note").inner_text().startswith(f"{ringed} paragraphs")
        page.locator("#search").fill("")
        # A topic filter.
        topic = payload["topics"][-1]["id"]
        page.select_option("#filter-topic", str(topic))
        _wait_until(lambda: f"Showing {payload['topic'].count(topic)} of {CANVAS_UNITS}" in _status(page))
        page.locator("#show-all").click()
        # Click a point: more like this.
        layout = json.loads(page.locator("#report-figures").text_content())["map"]["layout"]
        (x0, x1), (y0, y1) = layout["xaxis"]["range"], layout["yaxis"]["range"]
        low, high = payload["bounds"][0], payload["bounds"][2]
        span_x, span_y = payload["bounds"][1] - low, payload["bounds"][3] - high
        box = page.locator("#map canvas").bounding_box()
        unit = 0
        x = low + payload["x"][unit] * span_x / payload["grid"]
        y = high + payload["y"][unit] * span_y / payload["grid"]
        page.locator("#map").scroll_into_view_if_needed()
        box = page.locator("#map canvas").bounding_box()
        page.mouse.click(box["x"] + (x - x0) / (x1 - x0) * box["width"], box["y"] + box["height"] - (y - y0) / (y1 - y0) * box["height"])
        _wait_until(lambda: page.locator("#panel-title").inner_text() == "More like this")
        # Box selection with the map's own tool.
        page.locator("#map [data-map-tool=select]").click()
        page.mouse.move(box["x"] + 4, box["y"] + 4)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5, steps=6)
        page.mouse.up()
        _wait_until(lambda: page.locator("#panel-title").inner_text() == "Selection")
        selected = int(page.locator("#panel-note").inner_text().split()[0])
        assert 0 < selected < CANVAS_UNITS and f"Showing {selected} of" in _status(page)
        assert page.locator("#panel-keywords .keyword").count() > 0
        assert opened.errors == [] and opened.network_attempts == []
    finally:
        opened.close()


def test_screenshot_and_print(seeds_page, tmp_path):
    from PIL import Image

    opened, _ = seeds_page
    page = opened.page
    page.locator("#show-all").click()
    page.evaluate("window.scrollTo(0, 0)")
    screenshot = tmp_path / "report.png"
    page.screenshot(path=str(screenshot))
    page.locator("#map-section").screenshot(path=str(tmp_path / "map-section.png"))
    with Image.open(screenshot) as image:
        assert image.size == (VIEWPORT["width"], VIEWPORT["height"])
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 50  # text and colours, not a blank page
    keep = os.environ.get("TOPICS_SCREENSHOT_DIR")  # to look at the screenshots after the run
    if keep:
        keep = Path(keep)
        keep.mkdir(parents=True, exist_ok=True)
        for name in ("report.png", "map-section.png"):
            shutil.copy(tmp_path / name, keep / name)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    page.emulate_media(media="screen")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 2


def test_injection_corpus_renders_as_text_and_runs_nothing(browser, embedder):
    _, files = injection_report(embedder)
    opened = OpenedReport(browser, files.index_html)
    try:
        page = opened.page
        page.wait_for_timeout(300)
        assert page.evaluate("window.__injected") is None
        assert opened.dialogs == [] and opened.network_attempts == []
        assert opened.errors == []  # a blocked inline script would show up here as a CSP violation
        body = page.locator("body").inner_text()
        for name in ("script", "img", "svg", "entity", "quotes"):
            assert " ".join(PAYLOADS[name].split()) in " ".join(body.split()), name
        scripts = page.evaluate("Array.from(document.scripts, s => [s.id, s.type])")
        assert scripts == [["report-figures", "application/json"], ["report-data", "application/json"],
                           ["plotly-source", "text/plain"], ["report-js", ""]] + [["plotly-js", ""]] * (len(scripts) - 4)
        assert page.locator("img, iframe, object, embed, a[href^='javascript']").count() == 0
        page.mouse.move(*_unit_on_screen(page, 0))
        page.wait_for_selector("#map-tooltip:not([hidden])", timeout=5000)
        assert "<" in page.locator("#map-tooltip").text_content()  # markup shown as text
        # Search hits, the article table and the reader show the payloads as text too.
        page.locator("#search").fill("script")
        _wait_until(lambda: page.locator("#panel-list li.hit").count() > 0)
        assert "<script>" in page.locator("#panel").inner_text()
        page.locator("#article-table tbody tr").first.click()
        assert "<" in page.locator("#article-reader").inner_text()
        assert page.locator("img, iframe, object, embed").count() == 0
        assert page.evaluate("window.__injected") is None
    finally:
        opened.close()
