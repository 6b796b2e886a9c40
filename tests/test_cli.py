"""The `topics` command line, run as users run it: a real process, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


TOPICS = [sys.executable, "-m", "topics"]


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*TOPICS, *args], capture_output=True, text=True, cwd=cwd, env={**os.environ, **(env or {})})


def test_help_on_every_command():
    result = run("--help")
    assert result.returncode == 0
    import typer

    from topics.cli import app

    commands = sorted(typer.main.get_command(app).commands)
    assert {"ingest", "embed"} <= set(commands)
    for command in commands:
        sub = run(command, "--help")
        assert sub.returncode == 0, command
        assert "Usage" in sub.stdout


def test_ingest_reports_what_it_found(seeds_dir):
    result = run("ingest", str(seeds_dir))
    assert result.returncode == 0, result.stderr
    assert "5 articles, 91 paragraphs" in result.stdout
    assert "navigation or form text" in result.stdout
    data = json.loads(run("ingest", str(seeds_dir), "--json").stdout)
    assert data["summary"]["articles"] == 5
    assert {a["date"] for a in data["articles"]} == {None, "2021-08-31", "2024-07-13"}
    assert any(d["line"] == "Exit mobile version" for d in data["dropped_lines"])
    # The names the seeds define as one: "Islamic State (IS), also known as the Daesh terrorist group".
    groups = [set(group["names"]) for group in data["aliases"]]
    assert any({"Daesh", "IS", "Islamic State", "ISKP"} <= names for names in groups), groups
    assert any({"al-Qaeda", "al Qaeda"} <= names for names in groups), groups
    # "al Qaeda" is how "al-Qaeda" is also written, no other name: shown as a spelling, not an alias.
    assert "aliases  Islamic State = " in result.stdout and "spellings  al-Qaeda, al Qaeda" in result.stdout


def test_ingest_says_where_it_read_escaped_html():
    table = Path(__file__).parent / "data" / "ag_news_markup.csv"
    result = run("ingest", str(table))
    assert result.returncode == 0, result.stderr
    assert "escaped HTML read as text in 6 articles" in result.stdout
    data = json.loads(run("ingest", str(table), "--json").stdout)
    assert data["summary"]["markup_read"] == 6 and all(a["markup_read"] for a in data["articles"])
    assert not any("#39;" in (a["title"] or "") for a in data["articles"])


def test_ingest_says_how_many_dates_no_time_view_can_place(tmp_path):
    table = tmp_path / "dated.csv"
    rows = [("a", "2021-08-15"), ("b", "2090-01-01"), ("c", "1850-06-01"), ("d", "")]
    table.write_text("id,date,text\n" + "".join(f"{i},{d},Article {i} about the harvest in the north.\n" for i, d in rows), encoding="utf-8")
    result = run("ingest", str(table))
    assert result.returncode == 0, result.stderr
    assert "2 of 4 articles have a date before 1900 or in the future; time views treat them as undated" in result.stdout


def test_bad_input_exits_1_with_a_clear_message(tmp_path):
    result = run("ingest", str(tmp_path / "missing"))
    assert result.returncode == 1
    assert "error:" in result.stderr and "missing: does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    (tmp_path / "table.csv").write_text("id,headline\n1,x\n", encoding="utf-8")
    result = run("ingest", str(tmp_path / "table.csv"))
    assert result.returncode == 1 and "table.csv: no text column" in result.stderr


def test_more_topics_than_units_is_refused_naming_the_corpus_and_the_option(seeds_dir, tmp_path):
    # Before: "error: units: n_topics=500 ..." after the embedding, naming neither the corpus nor the option.
    result = run("report", str(seeds_dir), "--n-topics", "500", "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert str(seeds_dir) in result.stderr and "cannot make 500 topics" in result.stderr and "--n-topics" in result.stderr
    assert "embedding" not in result.stderr and not (tmp_path / "out").exists()


def test_usage_error_exits_2(seeds_dir):
    assert run("ingest").returncode == 2
    assert run("embed", str(seeds_dir), "--engine", "spark").returncode == 2


def test_embed_fills_the_cache_then_reuses_it(seeds_dir, tmp_path):
    cache = tmp_path / "empty-cache"
    first = run("embed", str(seeds_dir), "--cache-dir", str(cache))
    assert first.returncode == 0, first.stderr
    assert "91 paragraphs embedded" in first.stdout
    assert "91 computed, 0 from cache" in first.stdout
    again = run("embed", str(seeds_dir), "--cache-dir", str(cache))
    assert again.returncode == 0, again.stderr
    assert "0 computed, 91 from cache" in again.stdout



def test_embed_into_a_newer_versions_cache_is_refused_before_embedding(seeds_dir, tmp_path):
    # It embedded the whole corpus, then exited 1 saying the cache could not be written: the vectors were thrown away.
    cache, table = tmp_path / "cache", tmp_path / "one.csv"
    table.write_text("id,text\na,Talks resumed in Doha.\n", encoding="utf-8")
    assert run("embed", str(table), "--cache-dir", str(cache)).returncode == 0
    (meta_path,) = cache.glob("embeddings/*/meta.json")
    meta_path.write_text(json.dumps({**json.loads(meta_path.read_text()), "format": 99}))
    before = {path: path.read_bytes() for path in cache.rglob("*") if path.is_file()}
    result = run("embed", str(seeds_dir), "--cache-dir", str(cache))
    assert result.returncode == 1 and "paragraphs embedded" not in result.stdout
    assert f"error: {meta_path.parent}: " in result.stderr and "newer version of topics (format 99)" in result.stderr
    assert "nothing was embedded" in result.stderr and "embedded but not kept" not in result.stderr, result.stderr
    assert {path: path.read_bytes() for path in cache.rglob("*") if path.is_file()} == before


def test_embed_counts_paragraphs_a_long_one_embedded_in_pieces_once(tmp_path):
    corpus, cache = tmp_path / "ledger", tmp_path / "empty-cache"
    corpus.mkdir()
    # Under ingest's paragraph length in words, past the model's window in word pieces.
    dense = "The ledger listed " + " ".join(f"{n * 7919:,}.{n % 97} afghanis" for n in range(1, 75)) + " in payments."
    (corpus / "ledger.txt").write_text(f"Ledger of payments\n\nThe ministry published its ledger of payments on Monday.\n\n{dense}\n", encoding="utf-8")
    (corpus / "audit.txt").write_text("Audit begins\n\nAuditors began reading the ministry's ledger on Tuesday, officials said.\n", encoding="utf-8")
    first = run("embed", str(corpus), "--cache-dir", str(cache))
    assert first.returncode == 0, first.stderr
    assert "3 paragraphs embedded" in first.stdout and "(3 computed, 0 from cache" in first.stdout
    assert "texts through the model (a paragraph longer than the model's window goes in pieces" in first.stdout
    again = run("embed", str(corpus), "--cache-dir", str(cache))
    assert "(0 computed, 3 from cache" in again.stdout and "through the model" not in again.stdout


ODD_TABLE = (
    "Story ID,Headline,Story Body,Section,Published On\n"
    "ag-1,Budget talks stall,Budget talks stalled again in parliament over the new taxes on fuel.,Politics,2024-02-02\n"
    "ag-2,Storms close ports,Storms hit the coast and closed two ports overnight.,Weather,2024-02-03\n"
    "ag-3,Striker signs,The striker signed a three-year contract with the champions.,Sport,\n"
)
ODD_COLUMNS = ("--text-column", "Story Body", "--id-column", "Story ID", "--title-column", "Headline", "--date-column", "Published On")


def test_help_tells_the_default_backend_and_every_corpus_command_takes_the_column_options():
    from topics.embedding.embed import DEFAULT_BACKEND

    wide = {"COLUMNS": "400"}  # one help line per option
    embed_help = run("embed", "--help", env=wide).stdout
    assert f"[default: $TOPICS_BACKEND, else {DEFAULT_BACKEND}, or torch on a GPU" in embed_help and "else torch" not in embed_help
    for command in ("ingest", "embed", "similar", "report", "themes"):
        shown = run(command, "--help", env=wide).stdout
        assert all(option in shown for option in ("--text-column", "--id-column", "--title-column", "--date-column")), command
        if command != "ingest":
            assert f"else {DEFAULT_BACKEND}, or torch on a GPU" in shown, command


def test_id_title_and_date_columns_named_on_the_command_line(tmp_path):
    table = tmp_path / "odd.csv"
    table.write_text(ODD_TABLE, encoding="utf-8")
    plain = run("ingest", str(table), "--text-column", "Story Body")
    assert plain.returncode == 0, plain.stderr
    assert "'Story ID', 'Headline' and 'Published On' look like them" in plain.stderr and "--title-column" in plain.stderr
    result = run("--quiet", "ingest", str(table), *ODD_COLUMNS, "--json")  # no progress lines: no hint either
    assert result.returncode == 0 and result.stderr == "", result.stderr
    articles = json.loads(result.stdout)["articles"]
    assert [(a["article_id"], a["title"], a["date"]) for a in articles] == [
        ("ag-1", "Budget talks stall", "2024-02-02"), ("ag-2", "Storms close ports", "2024-02-03"), ("ag-3", "Striker signs", None)]
    missing = run("ingest", str(table), "--text-column", "Story Body", "--title-column", "Title")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert f"{table}: no title column 'Title'; columns are: Story ID, Headline, Story Body, Section, Published On" in missing.stderr
    # The search index of the table is read with the same columns.
    found = run("similar", "parliament argues over fuel taxes", str(table), *ODD_COLUMNS, "--cache-dir", str(tmp_path / "cache"), "--json")
    assert found.returncode == 0, found.stderr
    best = json.loads(found.stdout)["hits"][0]
    assert (best["article_id"], best["title"], best["date"]) == ("ag-1", "Budget talks stall", "2024-02-02")


def test_the_commands_that_embed_take_the_backend(seeds_dir, tmp_path):
    for command in (("similar", "drones", str(seeds_dir)), ("report", str(seeds_dir)), ("themes", str(seeds_dir), "--themes", str(seeds_dir / "themes.toml"))):
        wrong = run(*command, "--backend", "tensorflow", "--cache-dir", str(tmp_path / "cache"))
        assert wrong.returncode == 2 and "--backend" in wrong.stderr, command
    result = run("themes", str(seeds_dir), "--themes", str(seeds_dir / "themes.toml"), "--backend", "onnx-fp32",
                 "--cache-dir", str(tmp_path / "cache"), "--json")
    assert result.returncode == 0, result.stderr
    assert "#onnx-fp32" in json.loads(result.stdout)["model"]  # not the default int8 copy


def test_long_ids_are_shown_whole_in_piped_tables(tmp_path, seeds_dir):
    # Piped output is 80 columns: ids were cut to "2021-08-15_kabul-airpo…", alike and useless for "more like this".
    for number, source in enumerate(sorted(seeds_dir.glob("00[0-2]*.txt"))):
        (tmp_path / f"2021-08-15_kabul-airport-evacuation-live-updates-story-number-{number}.txt").write_bytes(source.read_bytes())
    result = run("ingest", str(tmp_path), env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    cells = "".join(line.split("│")[1].strip() for line in result.stdout.splitlines() if line.startswith("│"))
    assert "…" not in cells and all(f"2021-08-15_kabul-airport-evacuation-live-updates-story-number-{n}" in cells for n in range(3))


def test_an_id_holding_a_tab_shows_as_written_with_the_tab_escaped_in_tables(tmp_path):
    # Before: rich expanded the tab to spaces and folded the id onto two lines ("ab" over "cd"), misaligning the table.
    corpus = tmp_path / "news.csv"
    corpus.write_text('id,title,text\n"ab\tcd",Drones,"The drones flew over Kandahar in the night and the ministry protested."\n'
                      'plain,Talks,"Talks in Doha went on for a second week without a deal on the bases."\n', encoding="utf-8")
    cache = str(tmp_path / "cache")
    for args in (["ingest", str(corpus)], ["similar", "drones over Kandahar", str(corpus), "--cache-dir", cache]):
        result = run(*args, env={"COLUMNS": "100"})
        assert result.returncode == 0, result.stderr
        rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
        assert "\t" not in result.stdout and any("│ ab\\x09cd " in row for row in rows), result.stdout
        assert not any(cell.strip() in ("ab", "cd") for row in rows for cell in row.split("│")), result.stdout
    paragraph = [line for line in rows if "#p000" in line and "ab" in line]
    assert paragraph and "ab\\x09cd#p000" in paragraph[0]


def test_output_that_cannot_hold_the_corpus_text_gets_escapes_not_a_traceback(seeds_dir, tmp_path):
    # An ASCII or cp1252 stdout (a C locale, a Windows console) met a curly quote: UnicodeEncodeError after the work.
    for encoding in ("ascii", "cp1252"):
        env = {**os.environ, "PYTHONIOENCODING": encoding}
        for extra in ([], ["--json"]):
            result = subprocess.run([*TOPICS, "ingest", str(seeds_dir), *extra], capture_output=True, env=env)
            assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
        assert json.loads(result.stdout.decode(encoding))["summary"]["articles"] == 5
    # A closed stdout: one line, not an AttributeError.
    closed = subprocess.run([*TOPICS, "ingest", str(seeds_dir)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: os.close(1))
    assert closed.returncode == 1 and closed.stderr == "error: standard output is closed: nowhere to write the results\n"


def test_standard_output_on_a_full_device_is_named_as_what_could_not_be_written(seeds_dir):
    # Before: "error: No space left on device", as if the corpus or the cache could not be written.
    for extra in ([], ["--json"]):
        with open("/dev/full", "w") as full:
            result = subprocess.run([*TOPICS, "--quiet", "ingest", str(seeds_dir), *extra], stdout=full, stderr=subprocess.PIPE, text=True)
        assert result.returncode == 1
        assert result.stderr == "error: cannot write to standard output: no space left on the device\n", result.stderr


def test_an_empty_path_is_wrong_usage_naming_the_option_not_the_current_folder(seeds_dir, tmp_path):
    # Before: "" became "." (pathlib's Path("")): the current folder was read as the corpus, or the cache written into it.
    import topics

    seeds, themes = str(seeds_dir), str(seeds_dir / "themes.toml")
    here = {"PYTHONPATH": str(Path(topics.__file__).resolve().parents[1])}  # run from tmp_path, this package still
    cases = {
        "'path'": ["ingest", ""],
        "'--cache-dir'": ["embed", seeds, "--cache-dir", ""],
        "'--out'": ["report", seeds, "--out", ""],
        "'--themes'": ["themes", seeds, "--themes", ""],
        "'--previous'": ["report", seeds, "--previous", ""],
        "'--queries'": ["similar", "--queries", "", seeds],
        "PATH": ["similar", "--queries", themes, ""],
    }
    for name, args in cases.items():
        result = run(*args, cwd=tmp_path, env=here)
        assert result.returncode == 2, (args, result.stderr)
        message = " ".join(result.stderr.replace("│", " ").split())
        assert f"Invalid value for {name}" in message and "is empty: name a file or folder" in message, message
    assert list(tmp_path.iterdir()) == []  # nothing written where the command ran


def test_a_file_name_that_is_not_utf8_is_read_with_escapes(tmp_path, seeds_dir):
    # A Latin-1 name from an old archive: a pyarrow traceback in every command that reads the corpus.
    source = sorted(seeds_dir.glob("*.txt"))[0]
    (tmp_path / os.fsdecode(b"caf\xe9 news.txt")).write_bytes(source.read_bytes())
    (tmp_path / "other.txt").write_bytes(sorted(seeds_dir.glob("*.txt"))[1].read_bytes())
    result = run("ingest", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    assert {article["article_id"] for article in json.loads(result.stdout)["articles"]} == {"caf\\xe9 news", "other"}
    result = run("ingest", str(tmp_path))
    assert result.returncode == 0 and "caf\\xe9 news" in result.stdout, result.stderr


def test_ray_options_without_the_ray_engine_are_wrong_usage(seeds_dir, tmp_path):
    # Before: accepted and ignored; the corpus was embedded here, on one machine, without a word.
    result = run("embed", str(seeds_dir), "--cache-dir", str(tmp_path), "--workers", "4", "--gpus", "1")
    assert result.returncode == 2 and "--workers, --gpus only go with --engine ray" in result.stderr
    assert not (tmp_path / "embeddings").exists()


def test_empty_settings_in_the_environment_count_as_unset(seeds_dir, tmp_path):
    # TOPICS_CACHE_DIR= wrote the cache into the current folder; TOPICS_BACKEND= was "unknown embedding backend ''".
    cache = tmp_path / "cache"
    first = run("similar", "drones", str(seeds_dir), "-k", "1", "--json", env={"TOPICS_CACHE_DIR": str(cache)})
    assert first.returncode == 0, first.stderr
    work = tmp_path / "work"
    work.mkdir()
    result = run("embed", str(seeds_dir), cwd=work, env={"TOPICS_CACHE_DIR": "", "TOPICS_BACKEND": ""})
    assert result.returncode == 0, result.stderr
    assert [path.name for path in work.iterdir()] == ["artifacts"] and (work / "artifacts" / "cache" / "embeddings").is_dir()
    result = run("similar", "drones", str(seeds_dir), env={"TOPICS_CACHE_DIR": str(cache), "TOPICS_BACKEND": "onnx-int4"})
    assert result.returncode == 1 and "unknown embedding backend 'onnx-int4' (from $TOPICS_BACKEND)" in result.stderr


def test_the_lookup_table_lists_the_articles_folded_into_a_result(monkeypatch):
    # The README's "also" column was in --json only: the table showed a folded article nowhere.
    import io

    import pandas as pd
    from rich.console import Console

    from topics.cli import similar_cmd

    shown = io.StringIO()
    monkeypatch.setattr(similar_cmd, "out_console", Console(file=shown, width=200, soft_wrap=True))
    hits = pd.DataFrame({"rank": [1, 2], "score": [0.9, 0.5], "article_id": ["wire-1", "other"], "title": ["Wire story", "Other"],
                         "date": [None, None], "paragraph_id": ["wire-1#p000", "other#p000"], "paragraph": ["Text.", "More."],
                         "also": [["wire-2", "wire-3"], []]})
    similar_cmd.print_table("query", hits, "article")
    table = shown.getvalue()
    assert "also: wire-2, wire-3" in table and table.count("also:") == 1
