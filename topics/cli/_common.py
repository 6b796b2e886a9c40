"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

# Progress and logs go to stderr; results go to stdout, so pipes stay clean.
err_console = Console(stderr=True)
out_console = Console(soft_wrap=True)

PathArgument = typer.Argument(..., help="Folder of .txt/.md articles, one such file, or a CSV/JSONL/Parquet table.")
ModelOption = typer.Option(None, "--model", "-m", help="Sentence-transformers model name or local folder \\[default: bundled all-MiniLM-L6-v2].")
TextColumnOption = typer.Option(None, "--text-column", help="Text column of a table input \\[default: text/body/content].")
CacheDirOption = typer.Option(None, "--cache-dir", help="Embedding cache folder \\[default: artifacts/cache or $TOPICS_CACHE_DIR].")
LevelOption = typer.Option("paragraph", "--level", "-l", help="Unit of analysis: paragraph or article.")
JsonOption = typer.Option(False, "--json", help="Print machine-readable JSON on stdout.")
BackendOption = typer.Option(None, "--backend", help="Embedding backend: torch (fp32), onnx (int8, faster on CPU) or static (distilled lookup table, for fast exploration) \\[default: $TOPICS_BACKEND, else torch].")


def check_level(level: str) -> str:
    if level not in ("paragraph", "article"):
        raise typer.BadParameter("must be 'paragraph' or 'article'", param_hint="--level")
    return level


def load(path: Path, text_column: Optional[str]):
    from topics.ingest.corpus import load_corpus

    from topics.console import text

    with err_console.status(text(f"reading {path}")):
        return load_corpus(path, text_column=text_column)


def make_embedder(model: Optional[str], cache_dir: Optional[Path], backend: Optional[str] = None):
    from topics.embedding.embed import BACKENDS, Embedder

    if backend is not None and backend not in BACKENDS:
        raise typer.BadParameter(f"must be one of {', '.join(BACKENDS)}", param_hint="--backend")
    return Embedder(model, cache_dir=cache_dir, backend=backend)


def embed(corpus, level: str, embedder):
    from topics.embedding.embed import embed_units

    from topics.console import text

    with err_console.status(text(f"embedding {len(corpus.paragraphs)} paragraphs with {embedder.model_id}")):
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

    sys.stdout.write(json_escaped(json.dumps(clean(obj), ensure_ascii=False, default=str)) + "\n")


def text_or_blank(value) -> str:
    """A table cell as text; missing values (None, NaN) as an empty string."""
    import pandas as pd

    return "" if value is None or pd.isna(value) else str(value)
