"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from topics.embedding.embed import DEFAULT_BACKEND, DEFAULT_CACHE_DIR
from topics.modeling.model_input import CORPUS_LEVELS, DEFAULT_LEVEL

# Progress and logs go to stderr; results go to stdout, so pipes stay clean.
err_console = Console(stderr=True)
out_console = Console(soft_wrap=True)
QUIET = {"on": False}  # `topics --quiet`: no progress lines in a log (a spinner on a terminal stays: it leaves no trace)


@contextmanager
def step(message: str):
    """A slow step shown while it runs: a spinner on a terminal; in a log (stderr not a terminal) one line as it
    starts and one with its time as it ends, so a long step is not silence. ``message`` may hold corpus text."""
    from topics.console import print_error, text

    if err_console.is_terminal:
        with err_console.status(text(message)):
            yield
        return
    if QUIET["on"]:
        yield
        return
    started = time.perf_counter()
    print_error(f"{message} …")
    yield
    print_error(f"{message}: done ({time.perf_counter() - started:.1f} s)")



def given_path(value: str) -> Path:
    """A path option's or argument's value as a Path; an empty one is wrong usage (exit 2): Path("") is the
    current folder, which would be read, or written into, though nobody named it."""
    if isinstance(value, Path):
        return value
    if not str(value).strip():
        raise typer.BadParameter("is empty: name a file or folder (\".\" for the current folder)")
    return Path(value)


PathArgument = typer.Argument(..., parser=given_path, help="Folder of .txt/.md articles, one such file, or a CSV/JSONL/Parquet table.")
ModelOption = typer.Option(None, "--model", "-m", help="Sentence-transformers model name or local folder \\[default: bundled all-MiniLM-L6-v2].")
TextColumnOption = typer.Option(None, "--text-column", help="Text column of a table input \\[default: text/body/content/article/document].")
IdColumnOption = typer.Option(None, "--id-column", help="Article id column of a table input \\[default: id, else row-000000, row-000001, …].")
TitleColumnOption = typer.Option(None, "--title-column", help="Title column of a table input \\[default: title].")
DateColumnOption = typer.Option(None, "--date-column", help="Date column of a table input \\[default: date].")
CacheDirOption = typer.Option(None, "--cache-dir", parser=given_path, help=f"Embedding cache folder \\[default: $TOPICS_CACHE_DIR, else {DEFAULT_CACHE_DIR}].")
LevelOption = typer.Option(DEFAULT_LEVEL, "--level", "-l", help="Unit of analysis: paragraph or article.")
JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON on stdout.")
BackendOption = typer.Option(
    None, "--backend",
    help="Embedding backend: onnx (int8, faster on CPU), torch (fp32; the one that runs on a GPU), onnx-fp32 (torch's vectors "
    f"without torch) or static (distilled lookup table, for fast exploration) \\[default: $TOPICS_BACKEND, else {DEFAULT_BACKEND}, "
    "or torch on a GPU that torch can use].",
)


def check_level(level: str) -> str:
    if level not in CORPUS_LEVELS:
        raise typer.BadParameter(f"must be {' or '.join(map(repr, CORPUS_LEVELS))}", param_hint="--level")
    return level


def table_columns(text_column: Optional[str], id_column: Optional[str], title_column: Optional[str], date_column: Optional[str]) -> dict:
    """The --text-column, --id-column, --title-column and --date-column options as load_corpus's arguments."""
    return {"text_column": text_column, "id_column": id_column, "title_column": title_column, "date_column": date_column}


def load(path: Path, columns: dict):
    """The corpus at ``path``; ``columns``: :func:`table_columns`."""
    from topics.ingest.corpus import load_corpus

    with step(f"reading {path}"):
        return load_corpus(path, **columns)


def make_embedder(model: Optional[str], cache_dir: Optional[Path], backend: Optional[str] = None, device: Optional[str] = None):
    """The Embedder of the --model, --cache-dir and --backend options; ``device``: where it runs
    (default: a GPU that torch can use, else the CPU)."""
    from topics.embedding.embed import BACKENDS, Embedder

    if backend is not None and backend not in BACKENDS:
        raise typer.BadParameter(f"must be one of {', '.join(BACKENDS)}", param_hint="--backend")
    return Embedder(model, cache_dir=cache_dir, backend=backend, device=device)


def embed(corpus, level: str, embedder):
    from topics.embedding.embed import embed_units

    with step(f"embedding {len(corpus.paragraphs)} paragraphs with {embedder.model_id}"):
        return embed_units(corpus, level, embedder)


def print_json(obj) -> None:
    """One JSON document on stdout; NaN (missing table cells) becomes null."""
    import pandas as pd

    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [clean(v) for v in value]
        if isinstance(value, float) and pd.isna(value):
            return None
        return value

    # json escapes C0 controls itself; C1 controls and bidi/format characters are escaped here too,
    # so a terminal shows the JSON as written.
    from topics.controls import json_escaped

    # An output that cannot hold every character (PYTHONIOENCODING=ascii, a Windows console) gets \\u escapes: still JSON.
    ascii_only = not _holds_any_character(sys.stdout)
    sys.stdout.write(json_escaped(json.dumps(clean(obj), ensure_ascii=ascii_only, default=str)) + "\n")


def _holds_any_character(stream) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name.startswith("utf")
    except LookupError:
        return False


def text_or_blank(value) -> str:
    """A table cell as text; missing values (None, NaN) as an empty string."""
    import pandas as pd

    return "" if value is None or pd.isna(value) else str(value)
