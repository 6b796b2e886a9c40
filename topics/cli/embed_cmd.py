"""`topics embed PATH`: embed a corpus into the cache."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

from topics.cli import app
from topics.cli._common import CacheDirOption, ModelOption, PathArgument, TextColumnOption, embed, load, make_embedder, out_console


@app.command("embed")
def embed_command(
    path: Path = PathArgument,
    model: Optional[str] = ModelOption,
    text_column: Optional[str] = TextColumnOption,
    cache_dir: Optional[Path] = CacheDirOption,
    engine: str = typer.Option("local", "--engine", help="local, or ray to embed on a Ray cluster."),
    address: Optional[str] = typer.Option(None, "--address", help="Ray cluster address (with --engine ray)."),
) -> None:
    """Embed every paragraph of a corpus into the persistent cache."""
    if engine not in ("local", "ray"):
        raise typer.BadParameter("must be 'local' or 'ray'", param_hint="--engine")
    corpus = load(path, text_column)
    embedder = make_embedder(model, cache_dir)
    started = time.perf_counter()
    if engine == "ray":
        from topics.distributed import embed_with_ray

        vectors = embed_with_ray(corpus, embedder, address=address)
    else:
        vectors = embed(corpus, "paragraph", embedder)
    seconds = time.perf_counter() - started
    out_console.print(
        f"{len(vectors)} paragraphs embedded with {embedder.model_id} in {seconds:.1f} s "
        f"({embedder.n_model_calls_} computed, {len(vectors) - embedder.n_model_calls_} from cache {embedder.cache_dir})"
    )
