"""The cluster report: files, schema, agreement between files, escaping, atomic writes, CLI."""

from __future__ import annotations

import csv
import html
import json
import os
import re

import numpy as np
import pandas as pd
import pytest
from report_cases import PAYLOADS, ROOT, SEED_THEMES, SEEDS, injection_report, seeds_report

from topics._atomic import WRITTEN
from topics.errors import InputError
from topics.report import FILES, SCHEMA, SCHEMA_VERSION, write_report
from topics.viz.static_map import map_size_px

BOILERPLATE_WORDS = {"said", "says", "told", "published", "advertisement", "subscribe", "click", "copyright"}


@pytest.fixture(scope="module")
def seeds(embedder):
    return seeds_report(embedder)


@pytest.fixture(scope="module")
def injection(embedder):
    return injection_report(embedder)


def _json(files) -> dict:
    return _read_json(files.folder)


def _tags(page: str) -> list[tuple[str, dict]]:
    """Every element a browser would build from the page: (tag, attributes)."""
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collector(convert_charrefs=True).feed(page)
    return found


def _read_json(folder) -> dict:
    return json.loads((folder / "topics.json").read_text(encoding="utf-8"))


def test_report_writes_every_file_and_nothing_else(seeds):
    _, files = seeds
    # ... and the record of what it wrote, so it knows later whether the folder is still as it left it.
    assert sorted(p.name for p in files.folder.iterdir()) == sorted([*FILES, "map_themes.png", WRITTEN])  # a run with themes
    for path in files.paths.values():
        assert path.stat().st_size > 0, path
    # No staging or backup folder is left next to the report.
    assert [p.name for p in files.folder.parent.iterdir()] == [files.folder.name]


def test_topics_json_follows_the_schema(seeds):
    result, files = seeds
    doc = _json(files)
    assert doc["schema"] == SCHEMA and doc["schema_version"] == SCHEMA_VERSION
    assert doc["level"] == "paragraph" and doc["source"] == str(SEEDS)
    assert doc["corpus"] == {
        "articles": 5, "paragraphs": len(result.corpus.paragraphs), "units": len(result.units),
        "dated_articles": 2, "first_date": "2021-08-31", "last_date": "2024-07-13",
        "titles_by_source": {"page header": 5, "none": 0},
        "dates_by_source": {"none": 3, "page header: date line": 2}, "skipped": {},
        "duplicates_collapsed": {"articles": 0, "paragraphs": result.corpus.summary()["duplicate_paragraphs"]},
    }
    page = (files.folder / "index.html").read_text(encoding="utf-8")
    assert "<dt>Titles found</dt><dd>5 page header, 0 none</dd>" in page
    topics = doc["topics"]
    assert [t["topic_id"] for t in topics] == sorted(int(t) for t in result.model.topic_ids_)
    assert sum(t["size"] for t in topics) + doc["outliers"]["count"] == len(result.units)
    unit_text = dict(zip(result.units["unit_id"], result.units["text"]))
    for topic in topics:
        assert topic["label"] and re.fullmatch(r"#[0-9a-f]{6}", topic["color"])
        assert topic["keywords"] and all(set(k) == {"term", "weight"} for k in topic["keywords"])
        assert 1 <= len(topic["representative_units"]) <= 3
        for unit in topic["representative_units"]:
            assert unit["text"] == unit_text[unit["unit_id"]]
        assert sum(a["n_units"] for a in topic["articles"]) == topic["size"]
        assert all(0 < a["share_of_article"] <= 1 for a in topic["articles"])
    k = len(topics)
    similarity = np.array(doc["topic_similarity"]["matrix"])
    assert similarity.shape == (k, k) and np.allclose(np.diag(similarity), 1, atol=1e-3)
    assert len(doc["hierarchy"]) == k - 1
    assert [u["unit_id"] for u in doc["units"]] == result.units["unit_id"].tolist()
    for article in doc["articles"]:
        assert sum(t["share"] for t in article["topics"]) == pytest.approx(1, abs=1e-3)


def test_theme_section_lists_every_declared_theme(seeds):
    from topics.themes.themefile import load_themes

    result, files = seeds
    declared = [theme.name for theme in load_themes(SEED_THEMES)]
    themes = _json(files)["themes"]
    assert [t["name"] for t in themes["themes"]] == declared
    assert themes["assigned_units"] + themes["unassigned_units"] == len(result.units)
    # A unit can be under several themes; it has one primary theme.
    assert sum(t["n_primary"] for t in themes["themes"]) == themes["assigned_units"]
    assert sum(t["n_units"] for t in themes["themes"]) >= themes["assigned_units"]
    page = (files.folder / "index.html").read_text(encoding="utf-8")
    for name in declared:
        assert f'data-theme="{html.escape(name)}"' in page


def test_each_themes_closest_units_are_counted_in_its_summary_not_dumped(seeds):
    # Before: the summary over a theme's closest paragraphs printed the list of their records
    # ("the [{'unit_id': 'row-000002#p000', 'text': ...}] closest paragraphs"), a screenful of raw data per theme.
    _, files = seeds
    page = (files.folder / "index.html").read_text(encoding="utf-8")
    summaries = re.findall(r'<details class="theme-units">\s*<summary>(.*?)</summary>', page, re.S)
    assert summaries
    for summary in summaries:
        assert "unit_id" not in summary and "{" not in summary, summary[:300]
        assert re.search(r"the \d+ closest paragraphs?\b", summary), summary


def test_csv_files_agree_with_topics_json(seeds):
    result, files = seeds
    doc = _json(files)
    topics_csv = pd.read_csv(files.folder / "topics.csv")
    expected_ids = ([-1] if doc["outliers"]["count"] else []) + [t["topic_id"] for t in doc["topics"]]
    assert topics_csv["topic_id"].tolist() == expected_ids
    label_of = {t["topic_id"]: t["label"] for t in doc["topics"]}
    if doc["outliers"]["count"]:
        label_of[-1] = "outliers"
    assert dict(zip(topics_csv["topic_id"], topics_csv["label"])) == label_of

    with open(files.folder / "assignments.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:9] == [
        "unit_id", "article_id", "date", "topic_id", "topic_label", "subtopic", "subtopic_label", "probability", "text"
    ]
    assert list(rows[0])[9:11] == ["theme", "themes"]  # a run with themes: then one score column per theme
    assert [r["unit_id"] for r in rows] == result.units["unit_id"].tolist()
    assert [r["text"] for r in rows] == result.units["text"].tolist()
    for row, unit in zip(rows, doc["units"]):
        assert int(row["topic_id"]) == unit["topic_id"]
        assert row["topic_label"] == label_of[unit["topic_id"]]
        assert int(row["subtopic"]) == unit["subtopic"] and (row["date"] or None) == unit["date"]
        assert 0.0 <= float(row["probability"]) <= 1.0


def test_topic_labels_are_clean(seeds):
    _, files = seeds
    for topic in _json(files)["topics"]:
        words = set(re.findall(r"[a-z]+", topic["label"].lower()))
        assert not words & BOILERPLATE_WORDS, topic["label"]


def test_map_png_is_a_real_map(seeds):
    from PIL import Image

    _, files = seeds
    doc = _json(files)
    with Image.open(files.folder / "map.png") as image:
        assert image.format == "PNG"
        assert image.size == map_size_px()
        pixels = np.asarray(image.convert("RGB"), dtype=int)
    assert (pixels.min(axis=2) < 200).mean() > 0.01  # not blank: ink on more than 1 % of the canvas
    packed, counts = np.unique(pixels[..., 0] << 16 | pixels[..., 1] << 8 | pixels[..., 2], return_counts=True)
    colours = np.stack([packed >> 16, packed >> 8 & 255, packed & 255], axis=1)
    for topic in doc["topics"]:
        colour = np.array([int(topic["color"][i : i + 2], 16) for i in (1, 3, 5)])
        near = np.abs(colours - colour).max(axis=1) <= 40
        assert counts[near].sum() > 20, f"topic {topic['topic_id']} colour {topic['color']} not drawn"


def test_report_md_has_the_findings(seeds):
    _, files = seeds
    text = (files.folder / "report.md").read_text(encoding="utf-8")
    doc = _json(files)
    assert text.startswith("# Topics in ")
    assert text.count("\n### ") == len(doc["topics"])
    assert "## Declared themes" in text
    assert "<" not in text.replace("&lt;", "")


def test_index_html_is_self_contained(seeds):
    _, files = seeds
    page = (files.folder / "index.html").read_text(encoding="utf-8")
    tags = _tags(page)
    assert [t for t, _ in tags if t in {"script", "link", "iframe", "img", "object", "embed", "frame"}] == ["script"] * 4
    assert [a for t, a in tags if t == "script" and "src" in a] == []
    links = [a["href"] for t, a in tags if t == "a"]
    assert links and all(not re.match(r"\s*([a-z]+:|//)", href) for href in links), links
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_a_long_alias_list_shows_a_few_and_folds_the_rest(seeds):
    from topics.report.html import render_html
    from topics.report.tables import build_report_data

    result, _ = seeds
    data = build_report_data(result)
    data.document["aliases"] = [{"canonical": f"Name {i}", "names": [f"Name {i}", f"N{i}"]} for i in range(12)]
    page = render_html(data)
    run_box = page[page.index("<dt>Aliases</dt>"):page.index("</dd>", page.index("<dt>Aliases</dt>"))]
    folded = run_box[run_box.index("<details"):]
    assert "Name 7 = N7" in run_box and "Name 7 = N7" not in folded  # the first eight shown
    assert "<summary>4 more</summary>" in folded and all(f"Name {i} = N{i}" in folded for i in range(8, 12))
    from topics.report.markdown import render_markdown

    line = next(line for line in render_markdown(data).splitlines() if line.startswith("- Aliases: "))
    assert "Name 7 = N7" in line and "Name 8" not in line and line.endswith("; and 4 more (every one in topics.json)")


def test_an_update_from_the_report_reads_back_every_alias_group(seeds):
    """topics.json keeps every group whole ("al-Qaeda" / "al Qaeda", only spellings of one name, too): an update with
    --previous <report> reads them back as its alias table; only the run box leaves spellings out."""
    from topics.modeling.previous import read_previous
    from topics.modeling.update_describe import merged_aliases
    from topics.report.markdown import render_markdown
    from topics.report.tables import build_report_data

    result, files = seeds
    table = result.model.aliases_
    assert any(g.shown().spellings_only for g in table.groups)  # the seeds spell al-Qaeda two ways
    read_back = merged_aliases(read_previous(files.folder).aliases, [])
    assert [(g.canonical, g.names) for g in read_back.groups] == [(g.canonical, g.names) for g in table.groups]
    text = "Fighters loyal to al Qaeda and the Islamic State Khorasan Province clashed."
    assert read_back.normalize(text) == table.normalize(text)
    written = {group["canonical"]: group for group in _json(files)["aliases"]}
    spellings = next(group for group in written.values() if group["spellings_only"])
    assert set(spellings["names"]) == {spellings["main"], *spellings["word_forms"]}
    assert all(group["canonical"] in group["names"] for group in written.values())
    line = next(line for line in render_markdown(build_report_data(result)).splitlines() if line.startswith("- Aliases: "))
    assert "al Qaeda" not in line and "Islamic State" in line


def test_injection_corpus_is_escaped_everywhere(injection):
    result, files = injection
    page = (files.folder / "index.html").read_text(encoding="utf-8")
    tags = _tags(page)
    assert [t for t, _ in tags if t == "script"] == ["script"] * 4
    assert not [t for t, _ in tags if t in {"img", "svg", "iframe", "object", "embed"}]
    for tag, attributes in tags:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        assert not str(attributes.get("href", "")).strip().lower().startswith("javascript:")
    for payload in PAYLOADS.values():
        assert payload not in page
    # The page's data is JSON that no '<' can break out of; it still carries the texts as they were
    # (the page shows them through textContent), and the map labels escaped for plotly.
    for block in ("report-figures", "report-data"):
        data = re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', page, flags=re.S).group(1)
        assert "<" not in data and ">" not in data and "&" not in data.replace("\\u0026", "")
        assert json.loads(data)
    explorer = json.loads(re.search(r'id="report-data">(.*?)</script>', page, flags=re.S).group(1))
    assert any(PAYLOADS["script"] in title for title in explorer["articles"]["title"])
    assert any(PAYLOADS["img"] in text for text in explorer["text"])
    markdown = (files.folder / "report.md").read_text(encoding="utf-8")
    assert "<script" not in markdown and "<img" not in markdown
    titles = {a["title"] for a in _json(files)["articles"]}
    assert titles == set(result.corpus.articles["title"])  # JSON keeps the text as it was


def test_failed_run_keeps_the_previous_report(seeds, tmp_path, monkeypatch):
    import topics.viz.static_map as static_map

    result, _ = seeds
    out = tmp_path / "report"
    write_report(result, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken_renderer(data):
        raise RuntimeError("disk full")

    monkeypatch.setattr(static_map, "render_map_png", broken_renderer)
    with pytest.raises(RuntimeError, match="disk full"):
        write_report(result, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_refuses_to_replace_a_folder_that_is_not_a_report(seeds, tmp_path):
    result, _ = seeds
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(InputError, match="does not hold a topics report"):
        write_report(result, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_refuses_to_replace_a_report_the_user_changed_or_added_to(seeds, tmp_path):
    result, _ = seeds
    out = tmp_path / "report"
    write_report(result, out)
    written = json.loads((out / WRITTEN).read_text(encoding="utf-8"))["entries"]
    assert written.keys() == {p.name for p in out.iterdir()} - {WRITTEN}
    write_report(result, out)  # a report as topics left it is replaced
    # Notes added to report.md are the analyst's: the next run keeps them and says why.
    notes = (out / "report.md").read_text(encoding="utf-8") + "\nMy reading: the drones topic is two stories.\n"
    (out / "report.md").write_text(notes, encoding="utf-8")
    with pytest.raises(InputError, match=r"report.md: was changed after topics wrote it; .* move this out"):
        write_report(result, out)
    assert (out / "report.md").read_text(encoding="utf-8") == notes
    (out / "report.md").unlink()
    write_report(result, out)  # the rest is still ours
    # A file of the user's under one of our names: the same size, other bytes.
    own = bytes(255 - b for b in (out / "map.png").read_bytes())
    (out / "map.png").write_bytes(own)
    with pytest.raises(InputError, match=r"map.png: was changed after topics wrote it"):
        write_report(result, out)
    assert (out / "map.png").read_bytes() == own


def test_a_folder_of_outputs_keeps_an_entry_its_record_does_not_list(tmp_path):
    from topics import _atomic

    spec = _atomic.FolderSpec("saved thing", ["a.txt", "b.txt", "big.bin"], lambda folder: (folder / "a.txt").is_file())
    with _atomic.atomic_folder(tmp_path / "out", spec) as staging:
        (staging / "a.txt").write_text("ours")
        (staging / "big.bin").write_bytes(bytes(range(256)) * (2 << 18))  # 128 MiB: the digest reads its ends
    # b.txt is a name this kind of folder may hold, but this run did not write it: someone else did.
    (tmp_path / "out" / "b.txt").write_text("theirs")
    with pytest.raises(InputError, match=r"b.txt: was not written by topics"):
        _atomic.check_replaceable(tmp_path / "out", spec)
    (tmp_path / "out" / "b.txt").unlink()
    _atomic.check_replaceable(tmp_path / "out", spec)
    with open(tmp_path / "out" / "big.bin", "r+b") as handle:  # the end of a large file changed
        handle.seek(-1, 2)
        handle.write(b"!")
    with pytest.raises(InputError, match=r"big.bin: was changed after topics wrote it"):
        _atomic.check_replaceable(tmp_path / "out", spec)
    # A pipe or a link under one of our names is never opened (a pipe would block): not what was written.
    (tmp_path / "out" / "big.bin").unlink()
    os.mkfifo(tmp_path / "out" / "big.bin")
    with pytest.raises(InputError, match=r"big.bin: was changed after topics wrote it"):
        _atomic.check_replaceable(tmp_path / "out", spec)
    (tmp_path / "out" / "big.bin").unlink()
    (tmp_path / "out" / "big.bin").symlink_to(tmp_path / "out" / "a.txt")
    with pytest.raises(InputError, match=r"big.bin: was changed after topics wrote it"):
        _atomic.check_replaceable(tmp_path / "out", spec)


def test_cli_report_prints_the_summary_and_logs_steps(seeds, session_cache_dir, tmp_path):
    from typer.testing import CliRunner

    from topics.cli import app

    out = tmp_path / "cli-report"
    runner = CliRunner()
    outcome = runner.invoke(
        app, ["report", str(SEEDS), "--out", str(out), "--cache-dir", str(session_cache_dir), "--n-topics", "6"]
    )
    assert outcome.exit_code == 0, outcome.output
    assert f"Report: {out / 'index.html'}" in outcome.stdout
    assert "6 topics in" in outcome.stdout
    assert "0 computed, " in outcome.stderr  # embeddings came from the cache
    assert "report written to" in outcome.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([*FILES, WRITTEN])
    assert len(_read_json(out)["topics"]) == 6


def test_cli_report_word_weight_reaches_the_topic_model(session_cache_dir, tmp_path):
    """--word-weight: neighbours by words and meaning (TopicModel(word_weight=...)), recorded with the run."""
    from typer.testing import CliRunner

    from topics.cli import app

    runner = CliRunner()
    out = tmp_path / "words"
    outcome = runner.invoke(app, ["report", str(SEEDS), "--out", str(out), "--cache-dir", str(session_cache_dir), "--word-weight", "0.3"])
    assert outcome.exit_code == 0, outcome.output
    document = _read_json(out)
    assert document["parameters"]["word_weight"] == 0.3 and document["topics"]
    assert "word_weight=0.3" in (out / "report.md").read_text(encoding="utf-8")
    for bad in ("1", "-0.1", "much"):
        refused = runner.invoke(app, ["report", str(SEEDS), "--out", str(tmp_path / "r"), "--word-weight", bad])
        assert refused.exit_code == 2 and "--word-weight" in refused.output
    assert not (tmp_path / "r").exists()


def test_cli_report_errors_name_the_problem(tmp_path):
    """In a real process: exit status 1 (2 for a bad option), one ``error: <path>: <problem>`` line, no traceback."""
    import os
    import subprocess
    import sys

    def topics(*args):
        return subprocess.run([sys.executable, "-m", "topics", *args], capture_output=True, text=True, env=os.environ.copy())

    nowhere = tmp_path / "nowhere"
    missing = topics("report", str(nowhere), "--out", str(tmp_path / "r"))
    assert missing.returncode == 1 and f"error: {nowhere}: no such file or folder" in missing.stderr
    bad_level = topics("report", str(SEEDS), "--level", "sentence")
    assert bad_level.returncode == 2
    bad_themes = tmp_path / "themes.toml"
    bad_themes.write_text("[[theme]]\ndescription = 'no name'\n")
    broken = topics("report", str(SEEDS), "--themes", str(bad_themes), "--out", str(tmp_path / "r"))
    assert broken.returncode == 1 and f"error: {bad_themes}" in broken.stderr
    assert not (tmp_path / "r").exists()
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "todo.txt").write_text("keep me")
    refused = topics("report", str(SEEDS), "--out", str(foreign))
    assert refused.returncode == 1 and "does not hold a topics report" in refused.stderr
    assert [p.name for p in foreign.iterdir()] == ["todo.txt"]
    for outcome in (missing, bad_level, broken, refused):
        assert "Traceback" not in outcome.stderr, outcome.stderr


def test_explorer_data_is_compact_and_complete(seeds):
    from topics.report.explorer import COORD_GRID, explorer_payload
    from topics.report.tables import build_report_data

    result, files = seeds
    data = build_report_data(result)
    payload = explorer_payload(data)
    n = len(result.units)
    assert payload["n_units"] == n == len(payload["text"]) == len(payload["topic"]) == len(payload["article"])
    # Quantised coordinates keep the layout to within one grid step.
    x_low, x_high, y_low, y_high = payload["bounds"]
    x = x_low + np.array(payload["x"]) * (x_high - x_low) / COORD_GRID
    assert max(payload["x"]) == COORD_GRID and min(payload["x"]) == 0
    assert np.abs(x - data.units["x"].to_numpy()).max() <= (x_high - x_low) / COORD_GRID
    # "More like this" lists each unit's nearest other units by cosine similarity.
    k = payload["n_neighbours"]
    neighbours = np.array(payload["neighbours"]).reshape(n, k)
    vectors = result.embeddings / np.linalg.norm(result.embeddings, axis=1, keepdims=True)
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    for unit in (0, n // 2, n - 1):
        expected = np.sort(similarity[unit])[::-1][:k]
        np.testing.assert_allclose(similarity[unit, neighbours[unit]], expected, atol=1e-5)
    # Shared tables: sources and theme names once, referenced by index.
    assert len(payload["sources"]) == 1 and set(payload["articles"]["source"]) == {0}
    themes = payload["themes"]
    assert themes["names"] == [t["name"] for t in _json(files)["themes"]["themes"]]
    primary = [t if isinstance(t, str) else None for t in result.themes.assignments()["theme"]]
    assert [themes["names"][i] if i >= 0 else None for i in themes["primary"]] == primary
    assert -1 in themes["primary"]  # units under no theme stay so
    assert len(themes["scores"]) == n * len(themes["names"])
    dated = [d for d in payload["articles"]["date"] if d]
    assert len(dated) == _json(files)["corpus"]["dated_articles"]


def test_unit_texts_are_in_the_page_once(seeds):
    _, files = seeds
    page = (files.folder / "index.html").read_text(encoding="utf-8")
    doc = _json(files)
    # Cards show a few units as HTML (topic representatives, theme examples and near misses); the rest are in the
    # data once.
    representatives = {u["unit_id"] for t in doc["topics"] for u in t["representative_units"]}
    representatives |= {u["unit_id"] for t in doc["themes"]["themes"] for u in t["top_units"] + t["near_misses"]}
    assignments = pd.read_csv(files.folder / "assignments.csv")
    others = assignments[~assignments["unit_id"].isin(representatives) & (assignments["text"].str.len() > 60)]
    for text in others["text"].head(10):
        encoded = json.dumps(text, ensure_ascii=False)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        assert page.count(encoded) == 1, text


def test_a_subtopic_line_without_keywords_ends_cleanly():
    from topics.report.markdown import _subtopics

    sub = {"subtopic": 4, "label": "forces insurgents", "size": 7, "is_event": False, "keywords": [],
           "first_date": "2012-05-05", "last_date": "2012-05-05", "median_date": "2012-05-05"}
    lines = _subtopics({"topic_id": 3, "subtopics": [sub, {**sub, "subtopic": 5, "keywords": ["raid"]}]}, "paragraph")
    assert lines[-2] == "- 3.4 forces insurgents: 7 paragraphs, dated 2012-05-05"
    assert lines[-1] == "- 3.5 forces insurgents: 7 paragraphs, dated 2012-05-05; raid"


def test_a_date_span_says_how_many_units_it_rests_on():
    """A span read off 1 of 50 paragraphs must not read as the whole topic's: the lines say how many are dated."""
    from topics.report.markdown import _subtopics

    sub = {"subtopic": 3, "label": "hernia pain", "size": 50, "is_event": False, "keywords": [], "dated_units": 1,
           "first_date": "1993-04-25", "last_date": "1993-04-25", "median_date": "1993-04-25"}
    spread = {**sub, "subtopic": 4, "dated_units": 15, "last_date": "1993-05-22", "median_date": "1993-05-06"}
    whole = {**spread, "subtopic": 5, "dated_units": 50}
    lines = _subtopics({"topic_id": 4, "subtopics": [sub, spread, whole]}, "paragraph")
    assert lines[-3] == "- 4.3 hernia pain: 50 paragraphs, dated 1993-04-25 (1 of 50 paragraphs dated)"
    assert lines[-2] == "- 4.4 hernia pain: 50 paragraphs, dated 1993-04-25 to 1993-05-22 (median 1993-05-06; 15 of 50 paragraphs dated)"
    assert lines[-1] == "- 4.5 hernia pain: 50 paragraphs, dated 1993-04-25 to 1993-05-22 (median 1993-05-06)"


def test_report_carries_dates_subtopics_and_events(seeds):
    """Paragraphs carry their article's date; topics their date span and subtopics; the time notes are shown."""
    result, files = seeds
    doc = _json(files)
    article_dates = dict(zip(result.corpus.articles["article_id"], result.corpus.articles["date"]))
    for unit in doc["units"]:
        expected = article_dates[unit["article_id"]]
        assert unit["date"] == (None if pd.isna(expected) else pd.Timestamp(expected).date().isoformat())
    info = result.model.document_info()
    for topic in doc["topics"]:
        dated = info.loc[(info["topic_id"] == topic["topic_id"]) & info["date"].notna(), "date"]
        assert topic["first_date"] == (min(dated)[:10] if len(dated) else None)
        assert sum(s["size"] for s in topic["subtopics"]) == topic["size"]
        assert all(s["label"] and s["representative_units"] for s in topic["subtopics"])
    time = doc["time"]
    assert time["period"] in ("day", "week", "month", "quarter", "year")
    assert any("have no date" in note for note in time["notes"])  # 3 of the 5 seed articles are undated
    assert time["dated_units"] == sum(u["date"] is not None for u in doc["units"])
    assert all(0 < s["articles"] <= s["units"] or s["articles"] == s["units"] == 0 for s in time["shares"])
    assert all(e["peak_date"] for e in doc["events"]) and [e["peak_date"] for e in doc["events"]] == sorted(e["peak_date"] for e in doc["events"])
    page = (files.folder / "index.html").read_text(encoding="utf-8")
    markdown = (files.folder / "report.md").read_text(encoding="utf-8")
    assert 'id="timeline-scale"' in page and "have no date" in page and "have no date" in markdown
    partly = [t for t in doc["topics"] if t["first_date"] and t["dated_units"] < t["size"]]
    assert partly  # the seeds mix dated and undated articles
    for topic in partly:
        shown = f"{topic['dated_units']} of {topic['size']}"
        assert f"{shown} paragraphs dated" in markdown and f"({shown} dated)" in page
    split = [t for t in doc["topics"] if len(t["subtopics"]) > 1]
    for topic in split:
        for sub in topic["subtopics"]:
            assert f'data-subtopic="{topic["topic_id"]}.{sub["subtopic"]}"' in page
    assert ("Subtopics:" in markdown) == bool(split)


def test_a_date_before_1900_or_in_the_future_is_kept_as_given_and_marked_in_every_file(tmp_path, embedder):
    # Before: assignments.csv and topics.json's units left such a date blank while its articles kept it.
    import topics
    from dated_sample import dated_bbc_sample

    frame = dated_bbc_sample(0).iloc[:40].copy()
    frame.loc[frame.index[:3], "date"] = "2031-05-03"
    frame.loc[frame.index[3:5], "date"] = "1850-01-02"
    frame.loc[frame.index[5:8], "date"] = "2005-02"  # a month alone
    frame.to_csv(tmp_path / "odd.csv", index=False)
    result = topics.find_topics(tmp_path / "odd.csv", level="article", embedder=embedder)
    folder = result.write_report(tmp_path / "report").folder
    doc = _read_json(folder)
    rows = pd.read_csv(folder / "assignments.csv", dtype=str, keep_default_na=False)
    expected = dict(zip(frame["id"].astype(str), frame["date"].map(lambda d: d + "-01" if len(d) == 7 else d)))
    note = {**{a: "in the future" for a in frame["id"][:3]}, **{a: "before 1900" for a in frame["id"][3:5]},
            **{a: "month only" for a in frame["id"][5:8]}}
    for article in doc["articles"]:
        assert article["date"] == expected[article["article_id"]] and article.get("date_note") == note.get(article["article_id"])
    for unit in doc["units"]:
        assert unit["date"] == expected[unit["article_id"]] and unit.get("date_note") == note.get(unit["article_id"])
    assert rows["date"].tolist() == [expected[a] for a in rows["article_id"]]
    assert rows["date_note"].tolist() == [note.get(a, "") for a in rows["article_id"]]
    assert list(rows.columns)[:9] == [
        "unit_id", "article_id", "date", "topic_id", "topic_label", "subtopic", "subtopic_label", "probability", "text"
    ] and list(rows.columns)[-1] == "date_note"
    # The time views count them as undated all the same, and the page says so.
    assert doc["time"]["dated_units"] == 35 and doc["corpus"]["last_date"] < "2031"
    assert "5 of 40 units come from undated articles" in (folder / "index.html").read_text(encoding="utf-8")


def test_a_topics_articles_of_one_paragraph_each_are_listed_nearest_the_centre_first(embedder):
    """A corpus of one-paragraph articles (wire items, abstracts) gives every article of a topic one unit and a
    share of 100 %: the card then lists them from the one nearest the topic's centre, not in corpus order."""
    from topics.ingest.corpus import load_corpus
    from topics.pipeline import find_topics
    from topics.report.tables import build_report_data

    frame = pd.read_csv("tests/data/bbc_sample.csv").head(120)
    frame["text"] = [str(text).split("\n\n")[0] for text in frame["text"]]  # each article's lead alone
    result = find_topics(load_corpus(frame), embedder=embedder)
    model = result.model
    assert (model.article_topics()["n_units"] == 1).all()
    vectors = model.embeddings_ / np.linalg.norm(model.embeddings_, axis=1, keepdims=True)
    centres = model.topic_embeddings_ / np.linalg.norm(model.topic_embeddings_, axis=1, keepdims=True)
    row_of = {str(a): i for i, a in enumerate(model.units_["article_id"])}
    topics = build_report_data(result).document["topics"]
    assert len(topics) >= 2
    for row, topic in enumerate(topics):
        assert topic["topic_id"] == int(model.topic_ids_[row])
        closeness = [float(vectors[row_of[a["article_id"]]] @ centres[row]) for a in topic["articles"]]
        assert len(closeness) == topic["size"] and closeness == sorted(closeness, reverse=True), topic["label"]


def test_a_topics_articles_mostly_about_it_are_listed_before_long_posts_mostly_about_another(embedder):
    """A long post (a FAQ, a digest, a pool's standings) with a few paragraphs in a topic holds more of its units
    than any short post there: listed by units alone it led the card of a topic it is not about (every topic of
    this 20 Newsgroups sample did). The articles the topic holds most of come first, most units first."""
    from topics.ingest.corpus import load_corpus
    from topics.pipeline import find_topics
    from topics.report.tables import build_report_data

    document = build_report_data(find_topics(load_corpus("tests/data/newsgroups_sample.csv"), embedder=embedder)).document
    largest = {a["article_id"]: max(t["share"] for t in a["topics"]) for a in document["articles"]}
    mixed = 0
    for topic in document["topics"]:
        mostly = [a["share_of_article"] >= largest[a["article_id"]] for a in topic["articles"]]
        assert mostly == sorted(mostly, reverse=True), topic["label"]
        here = [a["n_units"] for a, m in zip(topic["articles"], mostly) if m]
        assert here == sorted(here, reverse=True), topic["label"]
        mixed += not all(mostly) and max(a["n_units"] for a, m in zip(topic["articles"], mostly) if not m) > min(here)
    assert mixed >= 2  # the sample has such posts: the order is tested where units alone would put them first


def test_the_explorers_dates_read_iso_days_directly_and_other_forms_as_pandas_does():
    from topics.report.explorer import _iso_date

    assert [_iso_date(v) for v in ("2021-08-26", "1850-01-01", "2021-02-30", "2021-8-5", "Aug 5, 2021", "not a date", None)] == [
        "2021-08-26", "1850-01-01", None, "2021-08-05", "2021-08-05", None, None]


def test_events_of_one_story_are_one_row_of_the_markdown_list():
    from topics.report.markdown import _events

    event = {"topic_id": 3, "topic_label": "Sanctions on Russia", "subtopic": 1, "label": "Russian bounty plot", "size": 65,
             "peak_date": "2020-07-01", "event_start": "2020-06-26", "event_end": "2020-07-01", "event_share": 1.0, "story": 1}
    events = [{**event, "topic_id": 0, "subtopic": 9, "label": "Russian *mercenaries*", "size": 14, "peak_date": "2020-06-26"},
              event, {**event, "subtopic": 2, "label": "Daily Brief", "peak_date": "2020-07-02", "story": 2}]
    events[1].update(articles=4, headline="Russia Secretly Offered *Bounties* to Kill U.S. Troops")
    events[2].update(articles=1, headline=None)  # a corpus without titles
    rows = [line for line in _events({"events": events}) if line.startswith("| 20")]
    assert rows == [
        "| 2020-07-01 | Russian bounty plot (topic 3, subtopic 1); also told as: Russian \\*mercenaries\\* (topic 0, subtopic 9; 14 units) "
        "| Russia Secretly Offered \\*Bounties\\* to Kill U.S. Troops (and 3 more articles) | 65 | 100 % "
        "(2020-06-26 to 2020-07-01) | 3. Sanctions on Russia |",
        "| 2020-07-02 | Daily Brief (topic 3, subtopic 2) |  | 65 | 100 % (2020-06-26 to 2020-07-01) | 3. Sanctions on Russia |",
    ]


def test_copies_collapsed_into_one_are_counted_in_the_log_and_the_report(tmp_path, embedder):
    # Before: only `topics ingest` said that copies were counted once; the run and the report did not.
    from topics.pipeline import find_topics

    frame = pd.read_csv(ROOT / "tests" / "data" / "bbc_sample.csv").head(30)
    copies = frame.head(3).copy()
    copies[frame.columns[0]] = [f"copy-{i}" for i in range(3)]
    logs: list[str] = []
    result = find_topics(pd.concat([frame, copies], ignore_index=True), embedder=embedder, log=logs.append)
    assert any(line.startswith("read ") and "; 3 duplicate articles" in line and "collapsed" in line for line in logs), logs
    files = result.write_report(tmp_path / "report")
    assert _json(files)["corpus"]["duplicates_collapsed"]["articles"] == 3
    assert "- Collapsed as copies of another: 3 articles" in (files.folder / "report.md").read_text(encoding="utf-8")
    assert "<dt>Collapsed</dt><dd>3 articles" in (files.folder / "index.html").read_text(encoding="utf-8")


def test_documents_left_out_of_the_corpus_are_counted_in_the_log_and_the_report(tmp_path, embedder):
    """A rule that drops many articles shows in the run: the log counts every skipped document past the
    first few it names, and topics.json, report.md and the page's run box give the count by reason."""
    from topics.pipeline import find_topics

    frame = pd.read_csv(ROOT / "tests" / "data" / "bbc_sample.csv").head(30)
    blank = frame.head(12).assign(text="   .")
    blank[frame.columns[0]] = [f"blank-{i}" for i in range(12)]
    logs: list[str] = []
    result = find_topics(pd.concat([frame, blank], ignore_index=True), embedder=embedder, log=logs.append)
    assert any(line.startswith("read ") and "; 12 skipped" in line for line in logs), logs
    assert "skipped 2 more (`topics ingest` lists every one)" in logs
    files = result.write_report(tmp_path / "report")
    doc = _json(files)
    assert doc["corpus"]["skipped"] == {"no article text left after removing boilerplate": 12}
    markdown = (files.folder / "report.md").read_text(encoding="utf-8")
    assert "- Skipped: 12 documents of the source (12 no article text left after removing boilerplate)" in markdown
    assert "<dt>Skipped</dt><dd>12 documents of the source: 12 no article text left" in (files.folder / "index.html").read_text(encoding="utf-8")
