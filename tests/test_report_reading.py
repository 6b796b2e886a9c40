"""What a newcomer reads: the report's names for subtopics, the command's results on stdout, one form of
error line, and progress that shows in a log."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from report_cases import report_with_events

TOPICS = [sys.executable, "-m", "topics"]


def run(*args) -> subprocess.CompletedProcess:
    # Captured: stderr is not a terminal here, as in a log or a CI job.
    result = subprocess.run([*TOPICS, *map(str, args)], capture_output=True, text=True, timeout=600,
                            env={**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"})
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def report_data(tmp_path_factory, session_cache_dir):
    """A real small report, with two events of one story (an "also told as") and one alone."""
    return report_with_events(tmp_path_factory.mktemp("events"), session_cache_dir, ("Kandahar", "Airspace"))


def test_an_events_subtopic_is_named_in_words_not_as_a_number_that_reads_as_a_score(report_data):
    # Before: "Drones (0.0)", "Airspace (0.2)" in report.md and on the page: read as a score or share.
    from topics.report.html import render_html
    from topics.report.markdown import render_markdown

    t = report_data.document["topics"][0]["topic_id"]
    markdown, page = render_markdown(report_data), render_html(report_data)
    rows = [line for line in markdown.splitlines() if line.startswith("| 2021-08-26 |")]
    assert [row.split(" | ")[1] for row in rows] == [
        f"Drones (topic {t}, subtopic 0); also told as: Kandahar (topic {t}, subtopic 1; 2 paragraphs)",
        f"Airspace (topic {t}, subtopic 2)",
    ]
    assert f"Drones <span class=\"muted\">(topic {t}, subtopic 0)</span>" in page
    assert f"Kandahar (topic {t}, subtopic 1; 2 paragraphs)" in page
    for dotted in (f"({t}.0)", f"({t}.1,", f"({t}.2)"):
        assert dotted not in markdown and dotted not in page
    # topics.json keeps the ids as numbers.
    assert [e["subtopic"] for e in report_data.document["events"]] == [0, 1, 2]


def test_a_report_with_themes_prints_what_the_themes_found_on_stdout(seeds_dir, session_cache_dir, tmp_path):
    # Before: "N of M units under at least one theme" only among the progress lines on stderr.
    common = [seeds_dir, "--themes", seeds_dir / "themes.toml", "--cache-dir", session_cache_dir]
    shown = run("report", *common, "--out", tmp_path / "text")
    assert shown.returncode == 0, shown.stderr
    saved = json.loads((tmp_path / "text" / "topics.json").read_text(encoding="utf-8"))["themes"]
    total = saved["assigned_units"] + saved["unassigned_units"]
    lines = shown.stdout.splitlines()
    assert f"Themes: {saved['assigned_units']} of {total} paragraphs under at least one theme" in lines, shown.stdout
    for theme in saved["themes"]:
        assert f"{theme['n_units']:>5}  {theme['n_articles']:>8}  {theme['name']}" in lines, shown.stdout
    as_json = run("report", *common, "--out", tmp_path / "json", "--json")
    assert as_json.returncode == 0, as_json.stderr
    themes = json.loads(as_json.stdout)["themes"]
    assert (themes["units_under_a_theme"], themes["units_under_none"]) == (saved["assigned_units"], saved["unassigned_units"])
    assert [(t["name"], t["units"]) for t in themes["themes"]] == [(t["name"], t["n_units"]) for t in saved["themes"]]
    # Without --themes: null, not a missing key.
    plain = run("report", seeds_dir, "--cache-dir", session_cache_dir, "--out", tmp_path / "plain", "--json")
    assert plain.returncode == 0 and json.loads(plain.stdout)["themes"] is None, plain.stderr


def test_wrong_usage_and_bad_input_say_error_in_one_form(seeds_dir, tmp_path):
    # Before: typer's "Error" box for a wrong option value (an empty theme file name), "error:" for bad input.
    usage = run("themes", seeds_dir, "--themes", "")
    missing = run("themes", seeds_dir, "--themes", tmp_path / "none.toml")
    assert (usage.returncode, missing.returncode) == (2, 1)
    assert usage.stderr.splitlines()[-1].startswith("error: Invalid value for '--themes'"), usage.stderr
    assert "Error" not in usage.stderr and "\u256d" not in usage.stderr, usage.stderr
    assert usage.stderr.splitlines()[0].startswith("Usage: ")  # the usage line and the hint stay, as click writes them
    assert missing.stderr.splitlines()[-1] == f"error: {tmp_path / 'none.toml'}: theme file not found", missing.stderr


def test_slow_steps_show_in_a_log_with_their_time_unless_quiet(seeds_dir, session_cache_dir):
    # Before: the spinner of each step drew nothing where stderr is not a terminal: minutes of silence.
    args = ["themes", seeds_dir, "--themes", seeds_dir / "themes.toml", "--cache-dir", session_cache_dir, "--json"]
    logged = run(*args)
    assert logged.returncode == 0, logged.stderr
    lines = logged.stderr.splitlines()
    for step in ("reading ", "embedding ", "scoring "):
        started = [line for line in lines if line.startswith(step) and line.endswith(" \u2026")]
        ended = [line for line in lines if line.startswith(step) and ": done (" in line and line.endswith(" s)")]
        assert len(started) == 1 and len(ended) == 1, logged.stderr
        assert lines.index(started[0]) < lines.index(ended[0])
    quiet = run("--quiet", *args)
    assert quiet.returncode == 0, quiet.stderr
    assert not any(line.endswith((" \u2026", " s)")) for line in quiet.stderr.splitlines()), quiet.stderr
    assert json.loads(quiet.stdout) == json.loads(logged.stdout)  # the result as it was
