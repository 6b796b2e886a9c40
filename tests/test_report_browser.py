"""The report as a reader sees it: index.html opened in headless Chromium with the network cut off.

Chromium is Debian's (/usr/bin/chromium, installed by `make test`), driven by Playwright.
"""

from __future__ import annotations

import json
import os
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

    def visible_traces(self) -> list[int]:
        return self.page.evaluate(
            "document.getElementById('map').data.filter(t => t.visible === undefined || t.visible === true).map(t => t.meta)"
        )

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


def test_map_holds_one_point_per_unit(seeds_page):
    opened, files = seeds_page
    doc = _topics_json(files)
    assert opened.page.locator("#map .scatterlayer .point").count() == len(doc["units"]) == doc["corpus"]["units"]
    labels_on_map = opened.page.locator("#map .annotation-text").all_inner_texts()
    assert len(labels_on_map) == len(doc["topics"])


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
    page.locator("#map").scroll_into_view_if_needed()
    point = page.locator("#map .scatterlayer .trace").last.locator(".point").first
    point.hover(force=True)
    page.wait_for_selector("#map .hoverlayer .hovertext", timeout=5000)
    hover = page.locator("#map .hoverlayer .hovertext").text_content()
    titles = {a["title"] for a in doc["articles"]}
    assert any(title[:30] in hover for title in titles), hover
    assert len(hover) > 80  # the paragraph's text, not only its title
    page.mouse.move(5, 5)


def test_clicking_isolates_a_topic(seeds_page):
    opened, files = seeds_page
    topics = [t["topic_id"] for t in _topics_json(files)["topics"]]
    page = opened.page
    everything = opened.visible_traces()
    assert set(topics) <= set(everything)

    # A legend entry isolates its topic; clicking it again brings the others back.
    legend_entries = page.locator("#map .legend .traces")
    target = legend_entries.nth(len(everything) - 1)
    target.locator(".legendtoggle").click()
    # Plotly waits out its double-click delay before acting on a single click.
    _wait_until(lambda: len(opened.visible_traces()) == 1)
    isolated = opened.visible_traces()
    assert len(isolated) == 1
    visible_labels = page.evaluate(
        "document.getElementById('map').layout.annotations.filter(a => a.visible !== false).map(a => a.meta)"
    )
    assert visible_labels == isolated

    page.locator("#show-all").click()
    _wait_until(lambda: opened.visible_traces() == everything)
    assert opened.visible_traces() == everything

    # "show on map" in a topic's section does the same.
    page.locator(f"#topic-{topics[0]} [data-show-topic]").click()
    _wait_until(lambda: len(opened.visible_traces()) == 1)
    assert opened.visible_traces() == [topics[0]]
    assert f"topic {topics[0]}" in page.locator("#map-status").inner_text()
    page.locator("#show-all").click()
    assert opened.errors == []


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
        assert page.evaluate("document.scripts.length") == 3
        assert page.locator("img, iframe, object, embed, a[href^='javascript']").count() == 0
        page.locator("#map .scatterlayer .point").first.hover(force=True)
        page.wait_for_selector("#map .hoverlayer .hovertext", timeout=5000)
        assert "<" in page.locator("#map .hoverlayer .hovertext").text_content()  # markup shown as text
        assert page.evaluate("window.__injected") is None
    finally:
        opened.close()
