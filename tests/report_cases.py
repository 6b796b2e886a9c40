"""Reports built once per test session and shared by test_report.py and test_report_browser.py.

Building a report means fitting a real topic model (UMAP, clustering), so both
test files reuse the same two reports: the seed articles with their theme
file, and a hostile corpus whose titles and texts try to inject markup.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_THEMES = SEEDS / "themes.toml"

# Strings that would run script or break out of markup if the report pasted them in unescaped.
PAYLOADS = {
    "script": "<script>window.__injected = 'script'</script>",
    "img": "<img src=x onerror=\"window.__injected = 'img'\">",
    "close_script": "</script><script>window.__injected = 'close'</script>",
    "svg": "<svg onload=\"window.__injected = 'svg'\"></svg>",
    "entity": "&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot;",
    "quotes": "\"double\" and 'single' quotes, a back`tick and {{ 7*7 }}",
    "link": "<a href=\"javascript:window.__injected='link'\">click me</a>",
}

_SPORT = [
    "The home side won the cup final by three goals to one after a tense second half at the stadium.",
    "The striker scored twice and the goalkeeper saved a penalty as the league leaders stretched their lead.",
    "Fans filled the stadium to watch the match, and the coach praised the defence after the final whistle.",
    "The team's midfield controlled the game, passing well, and the captain lifted the trophy at full time.",
]
_WEATHER = [
    "Heavy rain and strong winds hit the coast overnight, and forecasters warned of flooding in low areas.",
    "A storm brought snow to the hills and ice on the roads, and the weather service issued a warning.",
    "Temperatures fell below freezing as the cold front moved east, with frost expected across the region.",
    "Thunderstorms and hail are forecast for the weekend before a spell of dry, sunny weather next week.",
]


def injection_frame() -> pd.DataFrame:
    """Eight short articles (four on football, four on weather) carrying every payload. Ingest reads a
    character reference as its character ("&amp;" is "&"), so each "&" is written escaped once: the
    texts read exactly as the payloads, "&lt;b&gt;" and all."""
    payloads = [payload.replace("&", "&amp;") for payload in PAYLOADS.values()]
    rows = []
    for index in range(8):
        topic = _SPORT if index < 4 else _WEATHER
        payload = payloads[index % len(payloads)]
        other = payloads[(index + 3) % len(payloads)]
        title = f"{payload} {'Cup final' if index < 4 else 'Storm warning'} {index}"
        text = (
            f"{topic[index % 4]} Witnesses quoted {payload} in their messages.\n\n"
            f"{topic[(index + 1) % 4]} A reader wrote {other} to the desk.\n\n"
            f"{topic[(index + 2) % 4]}"
        )
        rows.append({"id": f"inj-{index}", "title": title, "text": text, "date": f"2024-0{1 + index % 6}-1{index}"})
    return pd.DataFrame(rows)


def _temporary_folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@functools.lru_cache(maxsize=None)
def seeds_report(embedder) -> tuple[object, object]:
    """(TopicsResult, ReportFiles) for the seeds with their theme file."""
    from topics.pipeline import find_topics

    result = find_topics(SEEDS, embedder=embedder, themes=SEED_THEMES)
    files = result.write_report(_temporary_folder("seeds-report-") / "report")
    return result, files


@functools.lru_cache(maxsize=None)
def injection_report(embedder) -> tuple[object, object]:
    """(TopicsResult, ReportFiles) for the hostile corpus, two topics."""
    from topics.ingest.corpus import load_corpus
    from topics.pipeline import find_topics

    corpus = load_corpus(injection_frame())
    result = find_topics(corpus, embedder=embedder, n_topics=2)
    files = result.write_report(_temporary_folder("injection-report-") / "report")
    return result, files


BBC_ARTICLES = 40


@functools.lru_cache(maxsize=None)
def bbc_report(embedder) -> tuple[object, object]:
    """(TopicsResult, ReportFiles) for real news: the first BBC sample articles, one unit an article."""
    from topics.ingest.corpus import load_corpus
    from topics.pipeline import find_topics

    frame = pd.read_csv(ROOT / "tests" / "data" / "bbc_sample.csv").head(BBC_ARTICLES)
    result = find_topics(load_corpus(frame), embedder=embedder, level="article")
    files = result.write_report(_temporary_folder("bbc-report-") / "report")
    return result, files


CANVAS_UNITS = 6_000


@functools.lru_cache(maxsize=None)
def large_seeds_page(embedder) -> Path:
    """index.html for the seeds grown to CANVAS_UNITS units (copies around their map positions)."""
    import numpy as np

    from benchmarks.report_explorer import scaled_report_data
    from topics.report.html import render_html
    from topics.report.tables import build_report_data

    result, _ = seeds_report(embedder)
    data = scaled_report_data(build_report_data(result), CANVAS_UNITS, np.random.default_rng(0))
    path = _temporary_folder("large-report-") / "index.html"
    path.write_text(render_html(data), encoding="utf-8")
    return path


def report_with_events(folder: Path, cache_dir, other_labels: tuple[str, str] = ("Drones", "Drones")):
    """A real small report with events added: two of one story (a row with "also told as") and one alone,
    so that their table is rendered too; ``other_labels`` name the second and third."""
    from topics.pipeline import find_topics
    from topics.report.tables import build_report_data

    corpus = folder / "c.csv"
    pd.DataFrame({
        "id": ["a", "b", "c"],
        "title": ["Drones", "ISIS-K", "Doha"],
        "text": ["US drones flew over Kandahar airspace.", "ISIS-K attacked a checkpoint in Kabul.", "The Doha commitments on US bases."],
    }).to_csv(corpus, index=False)
    data = build_report_data(find_topics(corpus, n_topics=2, cache_dir=cache_dir))
    topic = data.document["topics"][0]
    event = {"topic_id": topic["topic_id"], "topic_label": topic["label"], "subtopic": 0, "label": "Drones", "size": 3,
             "share_of_topic": 1.0, "keywords": ["drones"], "first_date": "2021-08-26", "last_date": "2021-08-27",
             "median_date": "2021-08-26", "dated_units": 3, "is_event": True, "peak_date": "2021-08-26",
             "event_start": "2021-08-26", "event_end": "2021-08-27", "event_share": 1.0, "event_articles": 2,
             "event_expected": 0.25, "story": 1, "articles": 2, "headline": "Drones"}
    second, third = other_labels
    data.document["events"] = [event, {**event, "subtopic": 1, "label": second, "size": 2, "story": 1},
                               {**event, "subtopic": 2, "label": third, "story": 2}]
    return data
