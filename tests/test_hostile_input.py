"""Hostile input and the user's files: one test per case of the reliability review.

Cases about exit codes and terminal output run the real `topics` process (a
test runner that maps exceptions to exit 1 could not tell a traceback from a
clean error); the others run the library on real files.
"""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from folders import writable

TOPICS = [sys.executable, "-m", "topics"]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_ROWS = [
    # id, title, text
    (f"a\n\n{SCRIPT}\n\n{IMG}", f"Drones {IMG}", f"US drones flew over Kandahar airspace again {SCRIPT}. The drones were seen by residents of the province."),
    ('=HYPERLINK("http://evil.example","click")', "@SUM(1+1)", "=cmd|' /C calc'!A0 ISIS-K attacked a checkpoint in Kabul and the group claimed the attack on the airport."),
    ("-x", "+title", "-2+3 The Doha commitments on US bases were discussed again by the Taliban and US envoys in Qatar."),
    ("tab", "\tTabbed" + " and a page of text in the title field" * 150, "\rRegional powers Pakistan, Iran and Russia met to discuss Afghanistan and its borders with the region."),
]


def run(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    result = subprocess.run([*TOPICS, *map(str, args)], capture_output=True, text=True, cwd=cwd, env={**os.environ, **(env or {})}, timeout=600)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def write_hostile_csv(path: Path) -> Path:
    pd.DataFrame(HOSTILE_ROWS, columns=["id", "title", "text"]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def hostile_result(tmp_path_factory, session_cache_dir):
    from topics.pipeline import find_topics

    corpus = write_hostile_csv(tmp_path_factory.mktemp("hostile") / "hostile.csv")
    return find_topics(corpus, n_topics=2, cache_dir=session_cache_dir)


@pytest.fixture(scope="module")
def hostile_report(hostile_result, tmp_path_factory) -> Path:
    return hostile_result.write_report(tmp_path_factory.mktemp("report") / "rep").folder


def markdown_tokens(text: str):
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(text)
    flat = []
    for token in tokens:
        flat.append(token)
        flat.extend(token.children or [])
    return flat, parser.render(text)


# -------------------------------------------------------------- 1. report.md


def test_1_report_markdown_renders_every_corpus_string_inert(hostile_report):
    text = (hostile_report / "report.md").read_text(encoding="utf-8")
    tokens, rendered = markdown_tokens(text)
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    assert "<script" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered  # shown, as written
    # A title field holding a page of text is shortened there (5,700 characters had made one line of it).
    assert max(len(line) for line in text.splitlines()) < 2_000


# -------------------------------------------------------------- 2. the user's files


def test_2_rerun_never_deletes_files_the_report_did_not_write(hostile_report, tmp_path, seeds_dir):
    import shutil

    rep = tmp_path / "rep"
    shutil.copytree(hostile_report, rep)
    (rep / "important.txt").write_text("notes")
    (rep / "figs").mkdir()
    result = run("report", seeds_dir, "--out", rep)
    assert result.returncode == 1
    assert "error: " in result.stderr and ("important.txt" in result.stderr or "figs" in result.stderr)
    assert (rep / "important.txt").read_text() == "notes" and (rep / "figs").is_dir()

    thesis = tmp_path / "thesis"
    thesis.mkdir()
    shutil.copy(hostile_report / "topics.json", thesis / "topics.json")
    (thesis / "thesis.docx").write_text("years of work")
    result = run("report", seeds_dir, "--out", thesis)
    assert result.returncode == 1 and "thesis.docx" in result.stderr
    assert (thesis / "thesis.docx").read_text() == "years of work"


# -------------------------------------------------------------- 3. spreadsheet formulas


def test_3_csv_cells_cannot_start_a_formula(hostile_report):
    from topics.report.csv_safe import FORMULA_STARTS

    for name in ("assignments.csv", "topics.csv"):
        with open(hostile_report / name, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        cells = [cell for row in rows[1:] for cell in row]
        for cell in cells:
            if cell.startswith(FORMULA_STARTS):
                float(cell)  # only a plain number may start with - or +
    with open(hostile_report / "assignments.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    article_ids = {row["article_id"] for row in rows}
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in article_ids and "'-x" in article_ids
    assert any(row["text"].startswith("'=cmd|") for row in rows)
    assert any(row["topic_id"] in ("0", "1") for row in rows)  # numbers untouched


# -------------------------------------------------------------- 4. terminal


def test_4_corpus_text_reaches_the_terminal_as_plain_text(tmp_path, session_cache_dir):
    table = tmp_path / "markup.csv"
    pd.DataFrame(
        {
            "id": ["x[/]1", "x2"],
            "title": ["bad [/] title", "[link=http://evil.example]click[/link] \x1b]8;;http://evil.example\x1b\\osc\x1b]8;;\x1b\\"],
            "text": ["Drones flew over Kandahar airspace again.", "ISIS-K attacks \x1b[2J in Kabul near the airport."],
        }
    ).to_csv(table, index=False)
    env = {"FORCE_COLOR": "1", "COLUMNS": "250", "TOPICS_CACHE_DIR": str(session_cache_dir)}
    result = run("ingest", table, env=env)
    assert result.returncode == 0, result.stderr
    assert "bad [/] title" in result.stdout and "[link=http://evil.example]click[/link]" in result.stdout
    assert "\x1b]8;" not in result.stdout and "\x1b\\" not in result.stdout
    result = run("similar", "attacks in Kabul", table, "--level", "paragraph", env=env)
    assert result.returncode == 0, result.stderr
    assert "\x1b[2J" not in result.stdout and "\\x1b[2J" in result.stdout
    assert "\x1b]8;" not in result.stdout


# -------------------------------------------------------------- 5. exit 1, not a traceback


def test_5_out_under_a_file_in_a_read_only_place_or_the_current_folder(tmp_path, seeds_dir, unwritable_dir):
    (tmp_path / "afile").write_text("x")
    result = run("report", seeds_dir, "--out", tmp_path / "afile" / "rep")
    assert result.returncode == 1 and "afile" in result.stderr and "is a file" in result.stderr

    place = unwritable_dir / "topics-report"
    result = run("report", seeds_dir, "--out", place)
    assert result.returncode == 1 and "error: " in result.stderr and str(place.parent) in result.stderr

    here = tmp_path / "here"
    here.mkdir()
    result = run("report", seeds_dir, "--out", ".", cwd=here)
    assert result.returncode == 1 and "current folder" in result.stderr


EMPTY_READ_ONLY_CHECK = """
import sys
from topics._atomic import check_writable
from topics.errors import InputError
from topics.report.build import REPORT_FOLDER
try:
    check_writable(sys.argv[1], REPORT_FOLDER)
except InputError as error:
    print(error)
"""


def test_5_an_empty_read_only_out_folder_is_refused_not_swapped_out():
    """An empty --out folder made read-only (by its owner, or another user's) in a writable place was taken
    away and a new folder of the report put in its stead; it is refused before any work, as a full one is.
    Root writes anywhere, so the check runs as an unprivileged user there."""
    import shutil
    import tempfile

    as_user = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root, and no setpriv to run the check as an unprivileged user")
        as_user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    place = Path(tempfile.mkdtemp(prefix="topics-read-only-"))
    try:
        place.chmod(0o777)
        locked = place / "report"
        locked.mkdir()
        locked.chmod(0o555)
        import topics

        source = str(Path(topics.__file__).resolve().parents[1])  # the package this test process imports
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
        if as_user and subprocess.run([*as_user, sys.executable, "-c", "import topics"], capture_output=True,
                                      env=env, timeout=120).returncode:
            pytest.skip("an unprivileged user cannot run this checkout's Python (a private folder above it)")
        result = subprocess.run([*as_user, sys.executable, "-c", EMPTY_READ_ONLY_CHECK, str(locked)], capture_output=True,
                                text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        assert f"{locked}: is read-only" in result.stdout
        assert locked.stat().st_mode & 0o777 == 0o555
    finally:
        place.chmod(0o777)
        (place / "report").chmod(0o755)
        shutil.rmtree(place)


def test_5_cache_dir_that_is_a_file_fails_before_embedding(tmp_path, seeds_dir):
    (tmp_path / "cachefile").write_text("x")
    result = run("embed", seeds_dir, "--cache-dir", tmp_path / "cachefile")
    assert result.returncode == 1 and "cachefile: is a file" in result.stderr
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    result = run("embed", seeds_dir, "--cache-dir", tmp_path / "gone")
    assert result.returncode == 1 and "gone: is a symbolic link to nothing, but it must be the cache folder" in result.stderr


def read_only_folder(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        folder = tmp_path / "ro-cache"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    folder = Path("/sys/kernel")
    if not folder.is_dir() or os.access(folder, os.W_OK) and writable(folder):
        pytest.skip("no read-only folder available to root here")
    return folder


def test_5_read_only_cache_keeps_the_vectors_and_warns_in_one_line(tmp_path):
    corpus = tmp_path / "two.csv"
    pd.DataFrame({"text": ["Drones over Kandahar airspace, seen by residents.", "A checkpoint attack in Kabul was claimed by ISIS-K."]}).to_csv(corpus, index=False)
    cache = read_only_folder(tmp_path)
    result = run("similar", "drones", corpus, "--cache-dir", cache)
    assert result.returncode == 0 and "Drones over Kandahar" in result.stdout, result.stderr
    warning_lines = [line for line in result.stderr.splitlines() if "cache not written" in line]
    assert len(warning_lines) == 1 and warning_lines[0].startswith("warning: ") and ".tmp" not in warning_lines[0]
    # `topics embed` is there to fill the cache: one that cannot be written fails it (before: exit 0, nothing kept).
    result = run("embed", corpus, "--cache-dir", cache)
    assert result.returncode == 1 and "2 paragraphs embedded" not in result.stdout
    assert "embedding cache could not be written: the paragraphs were embedded but not kept" in result.stderr
    warning_lines = [line for line in result.stderr.splitlines() if "cache not written" in line]
    assert len(warning_lines) == 1 and warning_lines[0].startswith("warning: ") and ".tmp" not in warning_lines[0]
    assert "UserWarning" not in result.stderr and "warnings.warn" not in result.stderr


def test_5_compressed_tables_are_read_or_refused_by_name(tmp_path):
    import bz2
    import lzma

    from topics.ingest.corpus import load_corpus

    line = b'{"text": "Drones flew over Kandahar airspace again."}\n'
    (tmp_path / "a.jsonl.xz").write_bytes(lzma.compress(line))
    (tmp_path / "a.jsonl.bz2").write_bytes(bz2.compress(line))
    (tmp_path / "a.csv.bz2").write_bytes(bz2.compress(b"text\nDrones flew over Kandahar airspace again.\n"))
    for name in ("a.jsonl.xz", "a.jsonl.bz2", "a.csv.bz2"):
        assert len(load_corpus(tmp_path / name).articles) == 1
    (tmp_path / "x.csv.zst").write_bytes(b"\x28\xb5\x2f\xfd not really zstd")
    result = run("ingest", tmp_path / "x.csv.zst")
    assert result.returncode == 1 and "x.csv.zst" in result.stderr


@pytest.fixture(scope="module")
def saved_index(tmp_path_factory, seeds_corpus, embedder):
    from topics.search.index import Index

    index = Index.from_corpus(seeds_corpus, embedder)
    index.search("drones over Kandahar", k=3)  # builds the BM25 parts (articles, paragraphs), saved with the index
    index.search("drones over Kandahar", k=3, level="paragraph")
    return index.save(tmp_path_factory.mktemp("index") / "index")


def copy_of(folder: Path, tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(folder, tmp_path / folder.name))


@pytest.mark.parametrize("field, value", [("hybrid", "yes"), ("lexical_weight", "x"), ("coverage_weight", -1), ("approximate_min_units", [1]),
                                          ("random_state", 1.5)])
def test_5_tampered_index_params_are_refused_naming_the_file(saved_index, tmp_path, field, value):
    from topics.errors import InputError
    from topics.search.index import Index

    folder = copy_of(saved_index, tmp_path)
    meta = json.loads((folder / "index.json").read_text())
    meta["params"][field] = value
    (folder / "index.json").write_text(json.dumps(meta))
    with pytest.raises(InputError, match="index.json.*" + field):
        Index.load(folder)


def test_5_tampered_bm25_params_are_rebuilt(saved_index, tmp_path, embedder):
    from topics.search.index import Index

    folder = copy_of(saved_index, tmp_path)
    for part in ("lexical", "article_lexical"):
        params = folder / part / "params.index.json"
        meta = json.loads(params.read_text())
        meta.update(k1="x", b=[1])
        params.write_text(json.dumps(meta))
    loaded = Index.load(folder, embedder)
    assert len(loaded.search("drones over Kandahar", k=3)) == 3
    assert len(loaded.search("drones over Kandahar", k=3, level="paragraph")) == 3
    assert loaded.unsaved_parts == ["lexical"]  # rebuilt from the texts, to be saved again


@pytest.mark.parametrize(
    "damage",
    ["units_not_table", "ids_as_numbers", "no_article_id", "repeated_ids", "meta_list", "n_units_text"],
)
def test_5_structurally_tampered_index_raises_input_error(saved_index, tmp_path, damage):
    from topics.errors import InputError
    from topics.search.index import Index

    folder = copy_of(saved_index, tmp_path)
    units = pd.read_parquet(folder / "units.parquet")
    meta = json.loads((folder / "index.json").read_text())
    if damage == "units_not_table":
        pd.DataFrame({"x": range(len(units))}).to_parquet(folder / "units.parquet")
    elif damage == "ids_as_numbers":
        units.assign(unit_id=range(len(units))).to_parquet(folder / "units.parquet")
    elif damage == "no_article_id":
        units.drop(columns=["article_id"]).to_parquet(folder / "units.parquet")
    elif damage == "repeated_ids":
        units.assign(unit_id="same").to_parquet(folder / "units.parquet")
    elif damage == "meta_list":
        (folder / "index.json").write_text("[1, 2]")
    elif damage == "n_units_text":
        (folder / "index.json").write_text(json.dumps({**meta, "n_units": "91"}))
    with pytest.raises(InputError) as error:
        Index.load(folder)
    assert str(folder) in str(error.value)


@pytest.fixture(scope="module")
def saved_model(tmp_path_factory, seeds_corpus, seeds_paragraph_embeddings):
    from topics.modeling.model import TopicModel

    model = TopicModel(n_topics=4, random_state=0).fit(seeds_corpus.units("paragraph"), embeddings=seeds_paragraph_embeddings)
    return model.save(tmp_path_factory.mktemp("model") / "model")


@pytest.mark.parametrize(
    "damage",
    ["params_list", "unknown_param", "descriptions_missing", "mode_missing", "n_topics_text", "labels_2d", "units_without_ids", "nan_embeddings",
     "unknown_corpus_level", "mode_unknown", "theme_names_text", "themes_param_a_path", "embedder_param_a_name",
     "ids_numbered_text"],
)
def test_5_structurally_tampered_model_raises_input_error(saved_model, tmp_path, damage):
    from topics.errors import InputError
    from topics.modeling.model import TopicModel

    folder = copy_of(saved_model, tmp_path)
    meta = json.loads((folder / "model.json").read_text())
    if damage == "params_list":
        meta["params"] = [1, 2]
    elif damage == "unknown_param":
        meta["params"]["bogus"] = 1
    elif damage == "descriptions_missing":
        del meta["descriptions"]["keywords"]
    elif damage == "mode_missing":
        del meta["mode"]
    elif damage == "n_topics_text":
        meta["params"]["n_topics"] = "4"
    elif damage == "labels_2d":
        np.save(folder / "labels.npy", np.zeros((3, 3)))
    elif damage == "units_without_ids":
        pd.read_parquet(folder / "units.parquet").drop(columns=["unit_id"]).to_parquet(folder / "units.parquet")
    elif damage == "nan_embeddings":
        vectors = np.load(folder / "embeddings.npy")
        np.save(folder / "embeddings.npy", np.full_like(vectors, np.nan))
    elif damage == "unknown_corpus_level":
        meta["corpus_level"] = ["article"]
    elif damage == "mode_unknown":
        meta["mode"] = "whatever"
    elif damage == "theme_names_text":  # was read as one theme name a letter
        meta["theme_names"] = "drones"
    elif damage == "themes_param_a_path":  # was kept as the themes parameter: another file read on a refit
        (tmp_path / "other.toml").write_text('[[theme]]\nname = "drones"\n')
        meta["params"]["themes"] = str(tmp_path / "other.toml")
    elif damage == "embedder_param_a_name":
        meta["params"]["embedder"] = "sentence-transformers/all-MiniLM-L6-v2"
    elif damage == "ids_numbered_text":  # "false" would read as true
        meta["ids_numbered"] = "false"
    (folder / "model.json").write_text(json.dumps(meta))
    with pytest.raises(InputError) as error:
        TopicModel.load(folder)
    assert str(folder) in str(error.value)


@pytest.mark.parametrize("themes", ["other.toml", "drones", {"theme": [{"name": "drones"}]}, None])
def test_5_a_saved_themes_file_whose_themes_are_not_a_list_is_refused_naming_it(tmp_path, themes):
    """The saved themes are a list of theme tables: a text there was read as the path of another theme file
    (and a missing one said "themes: theme file not found", naming no file)."""
    from topics.errors import InputError
    from topics.themes.guided import Themes

    (tmp_path / "other.toml").write_text('[[theme]]\nname = "drones"\n')
    path = Themes([{"name": "al-Qaeda", "keywords": ["al-Qaeda"]}]).save(tmp_path / "themes.json")
    document = json.loads(path.read_text())
    document["themes"] = str(tmp_path / themes) if themes == "other.toml" else themes
    path.write_text(json.dumps(document))
    with pytest.raises(InputError, match="themes must be a JSON list of theme tables") as error:
        Themes.load(path)
    assert str(path) in str(error.value)


# -------------------------------------------------------------- 6. damaged index


def test_6_nan_index_is_refused_and_rebuilt(saved_index, tmp_path, embedder, seeds_dir):
    from topics.errors import InputError
    from topics.search.index import Index
    from topics.search.store import corpus_index_folder

    folder = copy_of(saved_index, tmp_path)
    vectors = np.load(folder / "embeddings.npy")
    np.save(folder / "embeddings.npy", np.full_like(vectors, np.nan))
    with pytest.raises(InputError, match="NaN"):
        Index.load(folder)

    # The command line's saved index for the seeds, damaged the same way, is rebuilt (not answered from).
    key_folder = corpus_index_folder(seeds_dir, embedder)
    Index.load(saved_index).save(key_folder)
    np.save(key_folder / "embeddings.npy", np.full_like(vectors, np.nan))
    said = []
    index = Index.open_or_build(seeds_dir, embedder, log=said.append)
    assert said and "rebuilding the search index" in said[0] and "NaN" in said[0]
    assert len(index.search("drones over Kandahar", k=3)) == 3
    index.keep()
    assert np.isfinite(np.load(key_folder / "embeddings.npy")).all()  # the rebuilt index replaced the damaged one


# -------------------------------------------------------------- 7. report inside its corpus


def test_7_report_and_cache_folders_inside_the_corpus_are_skipped(hostile_report, tmp_path, seeds_dir):
    import shutil

    from topics.ingest.corpus import load_corpus

    corpus = tmp_path / "c"
    shutil.copytree(seeds_dir, corpus)
    shutil.copytree(hostile_report, corpus / "report")
    (corpus / "cache" / "embeddings" / "model-1").mkdir(parents=True)
    (corpus / "cache" / "embeddings" / "model-1" / "meta.json").write_text("{}")
    (corpus / "cache" / "notes.md").write_text("Cache notes\n\nNot an article of the corpus at all.")
    loaded = load_corpus(corpus)
    assert len(loaded.articles) == 5
    skipped = dict(zip(loaded.skipped["source"], loaded.skipped["reason"]))
    assert "report" in skipped[str(corpus / "report")] and "cache" in skipped[str(corpus / "cache")]


def _damaged_copies(report: Path, corpus: Path) -> dict[str, Path]:
    """Copies of ``report`` under ``corpus``, each damaged one way."""
    import shutil

    copies = {name: Path(shutil.copytree(report, corpus / name)) for name in ("broken_json", "no_json", "cut_short")}
    (copies["broken_json"] / "topics.json").write_text('{"broken": ', encoding="utf-8")
    (copies["no_json"] / "topics.json").unlink()
    for name in ("topics.json", "assignments.csv", "map.png"):
        (copies["cut_short"] / name).unlink()
    page = (copies["cut_short"] / "index.html").read_bytes()
    (copies["cut_short"] / "index.html").write_bytes(page[: len(page) // 50])
    return copies


def test_7_damaged_report_folders_inside_the_corpus_are_skipped_and_a_page_of_ones_own_is_read(hostile_report, tmp_path, seeds_dir):
    # Before, a report whose topics.json was missing or damaged was read: its index.html and report.md became articles.
    import shutil

    from topics.ingest.corpus import load_corpus

    corpus = tmp_path / "c"
    shutil.copytree(seeds_dir, corpus)
    copies = _damaged_copies(hostile_report, corpus)
    # A saved web page of the user's own, and a report.md beside it: an index.html alone is no report.
    (corpus / "site").mkdir()
    (corpus / "site" / "index.html").write_text(
        "<html><head><title>Floods in Kunar</title></head><body><article><h1>Floods in Kunar</h1>"
        "<p>Heavy rain flooded villages in Kunar province on Monday, and the river cut the main road.</p>"
        "<p>Aid agencies sent tents and food to the families who had lost their homes.</p></article></body></html>",
        encoding="utf-8",
    )
    (corpus / "site" / "report.md").write_text("# Topics in the provincial council\n\nThe council discussed the flood repairs and the new school.\n", encoding="utf-8")
    loaded = load_corpus(corpus)
    assert len(loaded.articles) == 5 + 2
    assert {"site/index", "site/report"} <= set(loaded.articles["article_id"])
    skipped = dict(zip(loaded.skipped["source"], loaded.skipped["reason"]))
    for folder in copies.values():
        assert skipped[str(folder)] == "holds a damaged topics report (its files are not articles)"


def test_7_a_report_model_or_index_folder_given_as_the_corpus_is_refused_by_name(hostile_result, hostile_report, saved_index, tmp_path):
    # Before, a report folder given as the corpus was read as two articles (its index.html and report.md).
    from topics.errors import InputError
    from topics.ingest.corpus import load_corpus

    damaged = _damaged_copies(hostile_report, tmp_path / "damaged")
    model = hostile_result.model.save(tmp_path / "model")
    folders = {hostile_report: "topics report", damaged["no_json"]: "damaged topics report", damaged["cut_short"]: "damaged topics report",
               model: "saved topic model", saved_index: "saved search index"}
    for folder, kind in folders.items():
        with pytest.raises(InputError) as raised:
            load_corpus(folder)
        assert str(raised.value) == f"{folder}: is a {kind} folder, not a corpus; give the articles it was made from"
    result = run("ingest", hostile_report)
    assert result.returncode == 1 and f"{hostile_report}: is a topics report folder, not a corpus" in result.stderr
    assert "articles" not in result.stdout


# -------------------------------------------------------------- 8. smaller ones


def test_8_stale_leftovers_of_killed_runs_are_cleaned(tmp_path):
    from topics.search.index import Index

    dead_pid = 2**22 + 12345  # above the kernel's largest pid: never a running process
    stale = tmp_path / f".index.{dead_pid}-0123456789ab.partial"
    stale_old = tmp_path / f".index.{dead_pid}-ba9876543210.old"
    live = tmp_path / f".index.{os.getppid()}-aaaaaaaaaaaa.partial"  # a writer still running: kept
    foreign = tmp_path / ".index.notes"  # not ours: kept
    for folder in (stale, stale_old, live, foreign):
        folder.mkdir()
    units = pd.DataFrame({"unit_id": ["a", "b"], "article_id": ["a", "b"], "text": ["one", "two"]})
    Index(units, np.eye(2, 8, dtype=np.float32), model_id="m").save(tmp_path / "index")
    assert not stale.exists() and not stale_old.exists()
    assert live.exists() and foreign.exists() and (tmp_path / "index" / "index.json").exists()


def _names_in(folder: Path) -> list[str]:
    """The names in ``folder``; none once it is gone (a run that finished moved its staging folder into place)."""
    try:
        return os.listdir(folder)
    except FileNotFoundError:
        return []


def _killed_mid_write(args, out: Path, env, attempts: int = 5) -> tuple[int, Path]:
    """Run ``topics *args`` and SIGKILL it once its staging folder next to ``out`` holds an output it writes; a run
    that wrote and moved its folder into place between two looks (a loaded machine) is run again."""
    import shutil

    for _ in range(attempts):
        killed = _kill_when_writing(args, out, env)
        if killed is not None:
            return killed
        shutil.rmtree(out, ignore_errors=True)  # the finished run's output, in the test's own folder
    raise AssertionError(f"each of {attempts} runs ended before it was seen writing")


def _kill_when_writing(args, out: Path, env) -> tuple[int, Path] | None:
    import signal
    import time

    from topics._atomic import MARKER

    process = subprocess.Popen([*TOPICS, *map(str, args)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, **env})
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        writing = [path for path in out.parent.glob(f".{out.name}.*.partial")
                   if any(MARKER not in name for name in _names_in(path))]  # not the marker nor its temporary file
        if writing:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            # Killed too late: the run had moved the folder into place since the look.
            return (process.pid, writing[0]) if writing[0].exists() else None
        time.sleep(0.002)
    if process.poll() is None:
        process.kill()
        raise AssertionError("the run was not seen writing in 300 s")
    assert process.returncode == 0, process.returncode
    return None


@pytest.mark.timeout(600)
def test_8_a_report_killed_mid_write_is_cleaned_by_the_next_run_and_a_users_folder_of_the_name_is_not(
        seeds_dir, tmp_path, session_cache_dir):
    # Before: no record said who wrote a staging folder; any folder of the name whose process id was free was
    # deleted, a user's own included, and one whose id another process had taken since (after a restart) stayed.
    from topics._atomic import MARKER

    out = tmp_path / "report"
    env = {"TOPICS_CACHE_DIR": str(session_cache_dir)}
    pid, leftover = _killed_mid_write(["report", seeds_dir, "--out", out], out, env)
    marker = json.loads((leftover / MARKER).read_text(encoding="utf-8"))
    assert marker["written_by"] == "topics" and marker["pid"] == pid and marker["folder"] == "report"
    assert not out.exists()
    users = tmp_path / f".report.{2**22 + 12345}-0123456789ab.partial"  # a free process id, and no marker
    users.mkdir()
    (users / "notes.md").write_text("mine", encoding="utf-8")
    result = run("report", seeds_dir, "--out", out, env=env)
    assert result.returncode == 0, result.stderr
    assert not leftover.exists() and (out / "index.html").is_file() and not (out / MARKER).exists()
    assert (users / "notes.md").read_text(encoding="utf-8") == "mine"
    assert f"warning: {users}: named like the leftover of an interrupted topics run, but it holds no {MARKER}" in result.stderr


def test_8_a_leftover_is_removed_only_on_its_proof_also_after_a_restart(tmp_path):
    from topics import _atomic, _writers
    from topics.errors import TopicsWarning
    from topics.search.index import Index

    def leftover(name, marker=None, into=None):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "part.bin").write_bytes(b"x")
        if marker is not None:
            (into or folder).joinpath(_atomic.MARKER).write_text(json.dumps(marker), encoding="utf-8")
        return folder

    ours = {"written_by": "topics", "folder": "index", "boot": _atomic._boot_id(), "started": "1", "backup": None,
            "host": _writers.host_name(), "pid_namespace": os.stat("/proc/self/ns/pid").st_ino}
    dead = 2**22 + 12345
    # A process id in use by another process since (a restart, or ids come round): its start time differs.
    reused = leftover(f".index.{os.getppid()}-0123456789ab.partial", {**ours, "pid": os.getppid()})
    rebooted = leftover(f".index.{os.getppid()}-0123456789ac.partial", {**ours, "pid": os.getppid(), "boot": "another"})
    running = leftover(f".index.{os.getppid()}-0123456789ad.partial",
                       {**ours, "pid": os.getppid(), "started": _atomic._start_time(os.getppid())})
    staging = leftover(f".index.{dead}-0123456789ae.partial", {**ours, "pid": dead, "backup": f".index.{dead}-0123456789ae.old"})
    backup = leftover(f".index.{dead}-0123456789ae.old")  # vouched for by its swap's staging folder
    stray = leftover(f".index.{dead}-0123456789af.old")  # no swap names it
    other = leftover(f".index.{dead}-0123456789b0.partial", {**ours, "pid": dead, "folder": "elsewhere"})
    units = pd.DataFrame({"unit_id": ["a", "b"], "article_id": ["a", "b"], "text": ["one", "two"]})
    (tmp_path / "index").mkdir()  # the backup is not put back over it
    with pytest.warns(TopicsWarning) as warned:
        Index(units, np.eye(2, 8, dtype=np.float32), model_id="m").save(tmp_path / "index")
    assert not any(path.exists() for path in (reused, rebooted, staging, backup))
    assert running.exists() and stray.exists() and other.exists()
    said = " ".join(str(warning.message) for warning in warned)
    assert str(stray) in said and str(other) in said and "left as it is" in said
    assert (tmp_path / "index" / "index.json").exists() and not (tmp_path / "index" / _atomic.MARKER).exists()


def test_8_a_leftover_written_on_another_host_or_in_another_pid_namespace_is_left_to_it(tmp_path):
    # Before: a process id was judged here whatever host or PID namespace it was taken in (two containers sharing a
    # volume, two hosts on NFS): another host's live writer looked gone, and its staging folder was removed.
    from topics import _atomic, _writers
    from topics.errors import TopicsWarning
    from topics.search.index import Index

    here = {"written_by": "topics", "folder": "index", "boot": _atomic._boot_id(), "started": None, "backup": None,
            "host": _writers.host_name(), "pid_namespace": os.stat("/proc/self/ns/pid").st_ino}
    dead = 2**22 + 12345
    markers = {"0123456789a0": {**here, "host": "another-host", "boot": "its own boot"},  # not a restart of this one
               "0123456789a1": {**here, "pid_namespace": 1},  # a container on this host
               "0123456789a2": here}  # here, its writer gone: removed
    folders = []
    for name, marker in markers.items():
        folders.append(tmp_path / f".index.{dead}-{name}.partial")
        folders[-1].mkdir()
        (folders[-1] / "part.bin").write_bytes(b"x")
        (folders[-1] / _atomic.MARKER).write_text(json.dumps({**marker, "pid": dead}), encoding="utf-8")
    units = pd.DataFrame({"unit_id": ["a", "b"], "article_id": ["a", "b"], "text": ["one", "two"]})
    # Left alone, but not in silence: a restarted container's leftovers would otherwise pile up unseen.
    with pytest.warns(TopicsWarning, match="another machine or in another container") as told:
        Index(units, np.eye(2, 8, dtype=np.float32), model_id="m").save(tmp_path / "index")
    assert [folder.exists() for folder in folders] == [True, True, False]
    assert {str(folder) for folder in folders[:2]} <= {str(w.message).split(": ")[0] for w in told}


def test_8_a_folder_whose_name_is_near_the_longest_allowed_is_written_and_its_leftover_found(tmp_path):
    # Before: the staging folder's name (the target's, a process id, a random part) passed 255 bytes: a raw OSError.
    from topics._atomic import FolderSpec, atomic_folder, clean_stale_leftovers

    target = tmp_path / ("r" * 240)
    spec = FolderSpec("report", ["index.html"], lambda path: True)
    with atomic_folder(target, spec) as staging:
        (staging / "index.html").write_text("x", encoding="utf-8")
    assert (target / "index.html").read_text(encoding="utf-8") == "x"
    leftover = tmp_path / f".{'r' * 160}.{2**22 + 12345}-0123456789ab.partial"
    leftover.mkdir()
    assert clean_stale_leftovers(target) == [leftover]  # empty: nothing to lose


def _in_another_pid_namespace_ok() -> bool:
    import shutil

    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "--pid", "--fork", "--mount-proc", "true"], capture_output=True).returncode == 0


@pytest.mark.timeout(300)
@pytest.mark.skipif(not _in_another_pid_namespace_ok(), reason="needs unshare --pid (root or user namespaces)")
def test_8_a_live_writer_in_another_pid_namespace_keeps_its_staging_folder_and_temporary_shard(tmp_path):
    # Before: the writer is process 1 there; here process 1 is another (started at another time), so the writer
    # looked gone: its half-written shard and staging folder were removed under it, and its write failed.
    from topics._atomic import FolderSpec, atomic_folder
    from topics.embedding.cache import EmbeddingCache

    cache = EmbeddingCache(tmp_path, "some/model", 4)
    cache.folder.mkdir(parents=True)
    code = ("import sys, time\nfrom pathlib import Path\nfrom topics._atomic import FolderSpec, atomic_folder, atomic_path\n"
            "folder = Path(sys.argv[1])\nspec = FolderSpec('report', ['index.html'], lambda path: True)\n"
            "with atomic_path(folder / 'shard-0123.parquet') as tmp, atomic_folder(folder / 'report', spec) as staging:\n"
            "    tmp.write_bytes(b'PAR1 half a shard')\n    (staging / 'index.html').write_text('theirs')\n"
            "    print('writing', flush=True)\n"
            "    while not (folder / 'go').exists():\n        time.sleep(0.02)\nprint('written', flush=True)\n")
    writer = subprocess.Popen(["unshare", "--pid", "--fork", "--mount-proc", sys.executable, "-c", code, str(cache.folder)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        (temporary,) = cache.folder.glob(".shard-0123.parquet.*.tmp")
        (staging,) = cache.folder.glob(".report.1-*.partial")
        assert cache.put(["a" * 32], np.array([[0.6, 0.8, 0.0, 0.0]], dtype=np.float32))
        with atomic_folder(cache.folder / "report", FolderSpec("report", ["index.html"], lambda path: True)) as ours:
            (ours / "index.html").write_text("ours")
        assert temporary.exists() and staging.exists()
    finally:
        (cache.folder / "go").touch()
        out, _ = writer.communicate(timeout=120)
    assert writer.returncode == 0 and out.strip() == "written"
    assert (cache.folder / "shard-0123.parquet").read_bytes() == b"PAR1 half a shard"
    assert (cache.folder / "report" / "index.html").read_text() == "theirs"


def test_8_on_windows_no_process_is_sent_a_signal_to_see_whether_it_runs(tmp_path, monkeypatch):
    # Before: os.kill(pid, 0) there sends CTRL_C_EVENT (signal 0) to the process, or to its whole console group.
    from topics._atomic import clean_stale_files

    code = ("import os, sys\nfrom topics._atomic import atomic_path\nwith atomic_path(sys.argv[1]) as tmp:\n"
            "    tmp.write_bytes(b'PAR1 half a shard')\n    os.kill(os.getpid(), 9)\n")
    killed = subprocess.run([sys.executable, "-c", code, str(tmp_path / "shard-0123abcd.parquet")], timeout=120)
    assert killed.returncode == -9
    (left,) = tmp_path.glob(".shard-0123abcd.parquet.*.tmp")
    sent = []

    def kill(pid, signal):
        sent.append((pid, signal))
        raise ProcessLookupError(pid)

    monkeypatch.setattr(os, "kill", kill)
    monkeypatch.setattr(os, "name", "nt")
    removed = clean_stale_files(tmp_path, "shard-*.parquet")
    monkeypatch.undo()
    assert sent == [] and removed == [] and left.exists()  # no proof its writer is gone: left


def test_8_a_cache_entry_that_is_a_link_is_never_emptied(tmp_path):
    # Before: discarding the entry renamed the link aside, then emptied the folder it leads to (a team's shared one).
    from topics import _atomic, _writers
    from topics.search import store
    from topics.search.index import Index

    shared = tmp_path / "team" / "seeds_index"
    shared.mkdir(parents=True)
    (shared / "index.json").write_text(json.dumps({"format": "old", "model_id": "m", "n_units": 1, "dim": 4}))
    (shared / "notes.txt").write_text("the team's")
    link = tmp_path / "cache" / "indexes" / "seeds-1234"
    link.parent.mkdir(parents=True)
    link.symlink_to(shared, target_is_directory=True)
    units = pd.DataFrame({"unit_id": ["a", "b"], "article_id": ["a", "b"], "text": ["one", "two"]})
    index = Index(units, np.eye(2, 8, dtype=np.float32), model_id="m")
    index._kept_in = (link, False)  # as open_or_build leaves it when the entry could not be loaded: built afresh
    said = []
    store.keep(index, log=said.append)  # writes through the link, which holds a file of the team's: refused
    assert sorted(path.name for path in shared.iterdir()) == ["index.json", "notes.txt"]
    assert "not saved" in " ".join(said)
    _atomic.discard_folder(link)
    _atomic._remove_ours(link)
    assert link.is_symlink() and [path.name for path in link.parent.iterdir()] == ["seeds-1234"]
    assert sorted(path.name for path in shared.iterdir()) == ["index.json", "notes.txt"]
    assert (shared / "notes.txt").read_text() == "the team's"


def test_8_a_file_whose_name_is_near_the_longest_allowed_is_written(tmp_path):
    # Before: the temporary name (the name, then the writer's id and start) passed 255 bytes: "File name too long".
    from topics._atomic import write_text

    path = tmp_path / ("é" * 120 + ".md")  # 243 bytes
    write_text(path, "text")
    assert path.read_text(encoding="utf-8") == "text" and [entry.name for entry in tmp_path.iterdir()] == [path.name]


def test_8_a_shard_a_killed_writer_left_half_written_is_removed_by_the_next_cache_write(tmp_path):
    # Before: the temporary file of a shard write killed outright stayed in the cache for good, named so that no
    # run could tell it from one another process was writing.
    from topics.embedding.cache import EmbeddingCache

    cache = EmbeddingCache(tmp_path, "some/model", 4)
    cache.folder.mkdir(parents=True, exist_ok=True)
    code = ("import os, sys\nfrom topics._atomic import atomic_path\nwith atomic_path(sys.argv[1]) as tmp:\n"
            "    tmp.write_bytes(b'PAR1 half a shard')\n    os.kill(os.getpid(), 9)\n")
    killed = subprocess.run([sys.executable, "-c", code, str(cache.folder / "shard-0123abcd.parquet")], timeout=120)
    assert killed.returncode == -9
    (left,) = cache.folder.glob(".shard-0123abcd.parquet.*.tmp")
    started = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]  # this process, still writing
    writing = cache.folder / f".shard-4567.parquet.{os.getpid()}-{started}.abcdefgh.tmp"
    users = cache.folder / ".shard-notes.parquet.mine.tmp"  # not a writer's name
    for path in (writing, users):
        path.write_bytes(b"x")
    assert cache.put(["a" * 32], np.array([[0.6, 0.8, 0.0, 0.0]], dtype=np.float32))
    assert not left.exists() and writing.exists() and users.exists()
    assert len(list(cache.folder.glob("shard-*.parquet"))) == 1


def test_8_out_symlink_is_written_through(hostile_result, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    hostile_result.write_report(link)
    assert link.is_symlink() and (real / "index.html").is_file()
    hostile_result.write_report(link)  # and again, over the earlier report
    assert link.is_symlink() and (real / "report.md").is_file()


@pytest.mark.timeout(120)
def test_8_fifo_is_skipped_with_a_note(tmp_path, seeds_dir):
    import shutil

    from topics.ingest.corpus import load_corpus
    from topics.errors import InputError

    corpus = tmp_path / "c"
    shutil.copytree(seeds_dir, corpus)
    os.mkfifo(corpus / "a.txt")
    loaded = load_corpus(corpus)
    assert len(loaded.articles) == 5
    assert "not a regular file" in dict(zip(loaded.skipped["source"], loaded.skipped["reason"]))[str(corpus / "a.txt")]
    with pytest.raises(InputError, match="not a regular file"):
        load_corpus(corpus / "a.txt")


def test_8_huge_table_cell_is_skipped_and_long_sentences_split_in_linear_time():
    from topics.ingest.corpus import MAX_WORDS, load_corpus
    from topics.ingest.paragraphs import split_long

    frame = pd.DataFrame({"id": ["big", "ok"], "text": ["word " * 4_300_000, "Drones flew over Kandahar airspace again."]})
    loaded = load_corpus(frame)
    assert list(loaded.articles["article_id"]) == ["ok"]
    assert "larger than the 20 MB limit" in loaded.skipped["reason"].iloc[0]
    # One 200,000-word sentence: pieces of MAX_WORDS words, nothing lost (this was quadratic).
    words = [f"w{i}" for i in range(200_000)]
    pieces = split_long(" ".join(words), MAX_WORDS)
    assert len(pieces) == 200_000 // MAX_WORDS and " ".join(pieces).split() == words


def test_8_messages_say_what_is_wrong(tmp_path):
    from topics.embedding.cache import EmbeddingCache
    from topics.ingest.corpus import load_corpus
    from topics.errors import InputError

    (tmp_path / "u16.txt").write_bytes("Drone flights over Kandahar\n\nResidents saw US drones over the city again.\n".encode("utf-16"))
    loaded = load_corpus(tmp_path / "u16.txt")
    assert loaded.articles["title"].iloc[0] == "Drone flights over Kandahar"

    pd.DataFrame({"id": ["a", "b"], "text": [1, 2]}).to_parquet(tmp_path / "n.parquet")
    with pytest.raises(InputError, match="int64"):
        load_corpus(tmp_path / "n.parquet")

    import pyarrow as pa
    import pyarrow.parquet as pq

    cache = EmbeddingCache(tmp_path / "cache", "m", 4)
    assert cache.put(["h0"], np.full((1, 4), 0.5, np.float32))
    cache.put(["h1"], np.full((1, 4), np.nan, np.float32))  # never written: only unit vectors are
    assert sorted(p.name for p in cache.folder.glob("shard-*.parquet")) and EmbeddingCache(tmp_path / "cache", "m", 4).get(["h1"])[1] == [0]
    # A shard written otherwise, holding NaN, is set aside with a message that says so.
    nan = pa.FixedSizeListArray.from_arrays(pa.array(np.full(4, np.nan, np.float32)), 4)
    pq.write_table(pa.table({"text_hash": ["h1"], "embedding": nan}), cache.folder / "shard-nan.parquet")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert EmbeddingCache(tmp_path / "cache", "m", 4).get(["h1"])[1] == [0]
    assert any("NaN" in str(w.message) for w in caught)


def test_8_missing_model_folder_is_named(seeds_dir, tmp_path):
    result = run("embed", seeds_dir, "--model", "./missing_dir", "--cache-dir", tmp_path / "cache")
    assert result.returncode == 1 and "missing_dir: the model folder does not exist" in result.stderr
