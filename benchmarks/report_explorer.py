"""Report size and time to interactive in Chromium, at 1k, 10k and 100k units.

The 1,000-unit report is real: BBC News paragraphs (MiniLM vectors from the
embedding cache) with a fitted topic model. The 10k and 100k reports are
synthetic around it: each unit is a copy of a real unit (its text, topic and
article, as a copy of that article) placed at its map position plus a little
Gaussian noise, its "more like this" neighbours the same copies of its real
neighbours. The BBC set has no dates, so every article gets a date spread over
two years, to exercise the date histogram and the timeline.

Each report is opened in Debian's Chromium (headless, software rendering:
``--disable-gpu``, as on a machine without a graphics card, like the tests),
through Playwright, with the network cut off. Measured:

- ``ready_s``: the page's own clock from navigation to a drawn, wired map (the
  ``topics:ready`` performance mark: data parsed, map, date histogram and
  article table drawn, every control wired); ``load_s`` of it is the browser
  reading the file (``responseEnd``);
- ``ready_cpu_s``: CPU seconds of all Chromium processes from navigation until
  Playwright saw the page ready (it hardly grows when other work shares the
  cores, so it is the load-independent figure);
- ``search_s``, ``filter_s``, ``sort_s``: wall time of a search, a topic
  filter and a table sort as a reader sees them (polled every 10 ms); the
  search right after loading also finishes the search index if its slices
  are not all built yet;
- ``plotly_start_s``: plotly.js ships in the page as inert text and runs only
  when the timeline or the topic hierarchy comes near the screen; its start-up
  then (the page's marks), measured by scrolling to the timeline.

Next to it, datamapplot's interactive HTML for the same points (datamapplot
pins pandas < 3, so it is found in this Python or, when
``TOPICS_BENCH_DATAMAPPLOT_PYTHON`` names another Python that has it, run
there). Its page loads deck.gl and fonts from a CDN, so offline only its size
is comparable.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.paths import bbc_source

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]  # software rendering, as in the tests
FULL_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
BASE_UNITS = 1_000
SEED = 0
NOTES = (
    "1k: real BBC News paragraphs with a fitted topic model; 10k / 100k: copies of those units with "
    "jittered map positions (see the module doc). Headless Chromium, software rendering. ready = the "
    "page's clock from navigation to a drawn, wired map (load = reading the file, part of it); "
    "ready_cpu = CPU seconds of all Chromium processes until Playwright saw it ready (steady under "
    "load); search / filter / sort = wall time until the page shows the result. plotly.js ships in "
    "the page but runs only when the timeline or the topic hierarchy comes near the screen (plotly_start: "
    "its start-up then, the page's clock). The cores "
    "are shared, so wall times move with the load."
)


def _base_result(quick: bool):
    """A real report's data: ~1,000 BBC paragraphs, embedded through the cache, topics fitted."""
    from topics.ingest.corpus import load_corpus
    from topics.pipeline import find_topics

    source = bbc_source(quick)
    frame = pd.read_csv(source)
    frame = frame.sample(frac=1.0, random_state=SEED).reset_index(drop=True)
    corpus = load_corpus(frame)
    units = corpus.units("paragraph")
    n_articles = int((units.groupby("article_id").size().cumsum() < BASE_UNITS).sum()) + 1
    keep = units["article_id"].drop_duplicates().iloc[:n_articles]
    frame = frame[frame["id"].astype(str).isin(set(keep))] if "id" in frame else frame.head(n_articles)
    rng = np.random.default_rng(SEED)
    start = pd.Timestamp("2023-01-01")
    frame = frame.assign(date=[(start + pd.Timedelta(days=int(d))).date().isoformat() for d in rng.integers(0, 730, len(frame))])
    result = find_topics(load_corpus(frame), level="paragraph", random_state=SEED)
    return result, source.name


def scaled_report_data(data, n_units: int, rng):
    """``data`` (a ReportData) grown to ``n_units`` by copies of its units around their map positions."""
    from topics.report.tables import ReportData

    base = data.units.reset_index(drop=True)
    n_base = len(base)
    copies = -(-n_units // n_base)
    source_row = np.tile(np.arange(n_base), copies)[:n_units]
    copy = np.repeat(np.arange(copies), n_base)[:n_units]
    suffix = np.where(copy == 0, "", "~" + copy.astype(str))
    units = base.iloc[source_row].reset_index(drop=True)
    units["unit_id"] = units["unit_id"].astype(str) + suffix
    units["article_id"] = units["article_id"].astype(str) + suffix
    spread = 0.01 * max(np.ptp(base["x"]), np.ptp(base["y"]))
    units["x"] = units["x"] + np.where(copy == 0, 0.0, rng.normal(0, spread, n_units))
    units["y"] = units["y"] + np.where(copy == 0, 0.0, rng.normal(0, spread, n_units))
    neighbours = data.neighbours[source_row] + (copy * n_base)[:, None]
    neighbours = np.where(neighbours < n_units, neighbours, data.neighbours[source_row])
    articles = []
    for c in range(copies):
        tail = "" if c == 0 else f"~{c}"
        articles += [{**a, "article_id": a["article_id"] + tail} for a in data.document["articles"]]
    present = set(units["article_id"])
    articles = [a for a in articles if a["article_id"] in present]
    document = {**data.document, "articles": articles, "units": [], "corpus": {**data.document["corpus"], "units": n_units, "articles": len(articles)}}
    sources = {a["article_id"]: (data.article_sources or {}).get(a["article_id"].split("~")[0], "") for a in articles}
    return ReportData(document=document, units=units, topic_table=data.topic_table, neighbours=neighbours, article_sources=sources)


def _browser_cpu_s() -> float:
    """CPU seconds (user + system) used so far by the Chromium processes this process started."""
    import psutil

    total = 0.0
    for process in psutil.Process().children(recursive=True):
        try:
            if "chrom" in process.name().lower():
                times = process.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            continue
    return total


def _open_and_time(browser, path: Path, topic_value: str) -> dict:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
    page = context.new_page()
    metrics = context.new_cdp_session(page)
    metrics.send("Performance.enable")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    cpu_before = _browser_cpu_s()
    page.goto(path.resolve().as_uri(), wait_until="commit", timeout=600_000)
    page.wait_for_selector("#map[data-ready=true]", state="attached", timeout=600_000)
    cpu = _browser_cpu_s() - cpu_before
    # Main-thread busy time until then: what the page cost, whatever else the cores were doing.
    busy = {m["name"]: m["value"] for m in metrics.send("Performance.getMetrics")["metrics"]}
    marks = dict(page.evaluate(
        "performance.getEntriesByType('mark').map(m => [m.name, m.startTime])"
        ".concat([['load', performance.getEntriesByType('navigation')[0].responseEnd]])"
    ))
    plotly_ran = page.evaluate("typeof window.Plotly !== 'undefined'")

    def timed(action, done) -> float:
        start = time.perf_counter()
        action()
        while not done():
            if time.perf_counter() - start > 120:
                return float("nan")
            time.sleep(0.01)
        return time.perf_counter() - start

    search = timed(lambda: page.locator("#search").fill("minister"),
                   lambda: page.locator("#panel-title").inner_text() == "Search: minister")
    page.locator("#search").fill("")
    page.wait_for_timeout(200)
    filtered = timed(lambda: page.select_option("#filter-topic", topic_value),
                     lambda: page.locator("#map-status").inner_text().startswith("Showing"))
    page.locator("#show-all").click()
    page.wait_for_timeout(200)
    # Scrolling down to the figures runs plotly.js (only then): its start-up, from the page's marks.
    for figure in ("#similarity", "#timeline"):
        page.locator(figure).scroll_into_view_if_needed()
        page.wait_for_selector(f"{figure} .main-svg", state="attached", timeout=600_000)
    plotly = page.evaluate(
        "(() => { const m = n => performance.getEntriesByName('topics:' + n)[0].startTime;"
        " return m('plotly-ready') - m('plotly-start'); })()"
    ) / 1000
    first = page.locator("#article-table tbody td.title").first.inner_text()
    sort = timed(lambda: page.locator("#article-table th[data-sort=title] button").click(),
                 lambda: page.locator("#article-table tbody td.title").first.inner_text() != first)
    context.close()
    return {"ready_s": marks["topics:ready"] / 1000, "load_s": marks["load"] / 1000, "ready_cpu_s": cpu,
            "ready_busy_s": busy.get("TaskDuration", float("nan")), "search_s": search, "filter_s": filtered,
            "sort_s": sort, "plotly_start_s": plotly, "plotly_at_ready": plotly_ran, "errors": len(errors)}


DATAMAPPLOT_SCRIPT = """
import json, sys
import numpy as np
import datamapplot
folder = sys.argv[1]
points = np.load(folder + "/points.npy")
meta = json.load(open(folder + "/meta.json", encoding="utf-8"))
plot = datamapplot.create_interactive_plot(points, np.asarray(meta["labels"], dtype=object),
    hover_text=meta["hover"], enable_search=True, inline_data=True)
plot.save(folder + "/datamapplot.html")
"""


def _datamapplot_html(units: pd.DataFrame, labels: list[str], out: Path) -> Path | None:
    """datamapplot's interactive page for the same points, or None where datamapplot is not at hand."""
    import json
    import os
    import subprocess
    import sys

    python = os.environ.get("TOPICS_BENCH_DATAMAPPLOT_PYTHON")
    if not python:
        try:
            import datamapplot  # noqa: F401
        except ImportError:
            return None
        python = sys.executable
    folder = out / "datamapplot"
    folder.mkdir()
    np.save(folder / "points.npy", units[["x", "y"]].to_numpy(dtype=np.float32))
    meta = {"labels": labels, "hover": [str(t)[:300] for t in units["text"]]}
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    subprocess.run([python, "-c", DATAMAPPLOT_SCRIPT, str(folder)], check=True, capture_output=True)
    return folder / "datamapplot.html"


def run(quick: bool = False) -> list[dict]:
    from playwright.sync_api import sync_playwright

    from topics.report.html import render_html
    from topics.report.tables import build_report_data

    rng = np.random.default_rng(SEED)
    result, source = _base_result(quick)
    base = build_report_data(result)
    topic_value = str(base.topics[0]["topic_id"])
    sizes = QUICK_SIZES if quick else FULL_SIZES
    rows = []
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for n_units in sizes:
            folder = Path(tmp) / str(n_units)
            folder.mkdir()
            data = base if n_units == len(base.units) else scaled_report_data(base, n_units, rng)
            started = time.perf_counter()
            page = folder / "index.html"
            page.write_text(render_html(data), encoding="utf-8")
            written = time.perf_counter() - started
            timing = _open_and_time(browser, page, topic_value)
            rows.append({"units": len(data.units), "tool": "topics report", "MB": page.stat().st_size / 1e6,
                         "write_s": written, **timing, "source": source})
            label_of = {t["topic_id"]: t["label"] for t in base.topics}
            started = time.perf_counter()
            other = _datamapplot_html(data.units, [label_of.get(t, "Unlabelled") for t in data.units["topic_id"]], folder)
            if other is not None:
                rows.append({"units": len(data.units), "tool": "datamapplot (offline: CDN scripts blocked)",
                             "MB": sum(p.stat().st_size for p in other.parent.iterdir() if p.suffix in {".html", ".zip", ".arrow", ".js"}) / 1e6,
                             "write_s": time.perf_counter() - started, "source": source})
        browser.close()
    return rows


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    arguments = parser.parse_args()
    table = run(arguments.quick)
    columns = list(dict.fromkeys(key for row in table for key in row))
    print("| " + " | ".join(columns) + " |")
    print("| " + " | ".join("---" for _ in columns) + " |")
    for row in table:
        print("| " + " | ".join(f"{row[c]:.2f}" if isinstance(row.get(c), float) else str(row.get(c, "–")) for c in columns) + " |")
