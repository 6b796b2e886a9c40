"""`topics embed PATH`: embed a corpus into the cache."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Optional

import typer

from topics.cli import app
from topics.cli._common import (
    BackendOption,
    CacheDirOption,
    DateColumnOption,
    IdColumnOption,
    ModelOption,
    PathArgument,
    TextColumnOption,
    TitleColumnOption,
    embed,
    err_console,
    load,
    make_embedder,
    step,
    table_columns,
)
from topics.console import print_error, print_plain
from topics.errors import EmbeddingInterrupted, InputError
from topics.search.params import APPROXIMATE_MIN_UNITS


@app.command("embed")
def embed_command(
    path: Path = PathArgument,
    model: Optional[str] = ModelOption,
    text_column: Optional[str] = TextColumnOption,
    id_column: Optional[str] = IdColumnOption,
    title_column: Optional[str] = TitleColumnOption,
    date_column: Optional[str] = DateColumnOption,
    cache_dir: Optional[Path] = CacheDirOption,
    backend: Optional[str] = BackendOption,
    engine: str = typer.Option("local", "--engine", help="local, or ray to embed on a Ray cluster."),
    address: Optional[str] = typer.Option(None, "--address", help="Ray cluster address, e.g. auto or ray://head:10001 (with --engine ray); without it $RAY_ADDRESS, else a new local cluster."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Embedding actors on the cluster (with --engine ray); without it one per CPU, or per GPU with --gpus."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", min=1, help="Paragraphs per actor call and per cache shard (with --engine ray) \\[default: 1024]."),
    gpus: Optional[float] = typer.Option(None, "--gpus", min=0, help="GPUs per embedding actor (with --engine ray); 0 = CPU actors \\[default: 0]."),
    build_index: bool = typer.Option(False, "--index", help=f"Also build the search index from the cache (approximate from {APPROXIMATE_MIN_UNITS:,} paragraphs on), for `topics similar` on this corpus."),
) -> None:
    """Embed every paragraph of a corpus into the persistent cache."""
    if engine not in ("local", "ray"):
        raise typer.BadParameter("must be 'local' or 'ray'", param_hint="--engine")
    ray_only = {"--address": address, "--workers": workers, "--batch-size": batch_size, "--gpus": gpus}
    given = [name for name, value in ray_only.items() if value is not None]
    if engine != "ray" and given:  # silently embedding here instead would be the surprise
        raise typer.BadParameter(f"{', '.join(given)} only go with --engine ray", param_hint=given[0])
    named_backend = backend or os.environ.get("TOPICS_BACKEND") or None  # as the Embedder reads it
    if engine == "ray" and gpus and named_backend not in (None, "torch"):  # found before the corpus is read
        where = "" if backend else " (from $TOPICS_BACKEND)"
        raise typer.BadParameter(f"GPU actors (--gpus) run the torch backend, not {named_backend!r}{where}",
                                 param_hint="--backend" if backend else "--gpus")
    batch_size, gpus = batch_size or 1024, gpus or 0
    columns = table_columns(text_column, id_column, title_column, date_column)
    corpus = load(path, columns)
    # GPU actors run torch: the job's embedder names the device, so its vectors are cached under torch's model id.
    embedder = make_embedder(model, cache_dir, backend, device="cuda" if engine == "ray" and gpus else None)
    _refuse_a_newer_versions_cache(embedder)
    started = time.perf_counter()
    if engine == "ray":
        vectors = _embed_on_ray(corpus, embedder, address=address, num_workers=workers, batch_size=batch_size, num_gpus=gpus)
    else:
        vectors = embed(corpus, "paragraph", embedder)
    # On either engine (the Ray driver writes the embedder's cache): keeping the vectors is the command's job.
    if embedder.n_from_cache_ < len(vectors) and embedder.cache.unwritable:
        raise InputError(embedder.cache.folder, "the embedding cache could not be written: the paragraphs were "
                                                "embedded but not kept (see the warning above)")
    seconds = time.perf_counter() - started
    computed = len(vectors) - embedder.n_from_cache_
    print_plain(
        f"{len(vectors)} paragraphs embedded with {embedder.model_id} in {seconds:.1f} s "
        f"({computed} computed, {embedder.n_from_cache_} from cache {embedder.cache_dir}{_model_texts(embedder, computed)})"
    )
    if build_index:
        _build_index(path, columns, corpus, embedder)


def _refuse_a_newer_versions_cache(embedder) -> None:
    """Filling the cache is this command's whole job. A newer version's cache is left as it is (the other commands
    warn and keep their vectors in memory), so embedding the corpus now, minutes to hours, would keep nothing:
    refused before the first text is embedded, not after the last. Read without loading the model (the Ray
    engine's driver never loads it)."""
    from topics.embedding.cache import embeddings_meta_path, newer_format

    if not embedder.use_cache:
        return
    meta_path = embeddings_meta_path(embedder.cache_dir, embedder.model_id)
    newer = newer_format(meta_path)
    if newer is not None:
        raise InputError(meta_path.parent, f"this embedding cache was written by a newer version of topics (format "
                                                f"{newer!r}) and is left as it is, so nothing embedded now could be kept; "
                                                "nothing was embedded (embed with that version, or give another --cache-dir)")


def _model_texts(embedder, computed: int) -> str:
    """What the model embedded, where it is not the paragraphs computed: a paragraph longer than its
    window is embedded as its pieces, a text repeated once (the note gives the rule, as either can
    apply)."""
    if embedder.n_model_calls_ == computed:
        return ""
    return f"; {embedder.n_model_calls_} texts through the model (a paragraph longer than the model's window goes in pieces, a repeated text once)"


def _embed_on_ray(corpus, embedder, **options):
    """The vectors; Ray's own output goes to its log folder (topics.cli.ray_terminal), the progress bar
    is drawn only on a terminal, and Ctrl-C says on stderr what the cache keeps (exit 130), as the local
    engine does: stdout is for results."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from topics.cli.ray_terminal import RayTerminal
    from topics.distributed import embed_with_ray

    columns = (TextColumn("embedding on Ray"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    interrupted = None
    try:
        with RayTerminal("embed") as terminal:
            with Progress(*columns, console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
                task = bar.add_task("embed", total=None)

                def progress(done: int, total: int) -> None:
                    terminal.job_started()  # connected, and the job under way
                    bar.update(task, completed=done, total=total)

                return embed_with_ray(corpus, embedder, progress=progress, **options)
    except EmbeddingInterrupted as stop:
        interrupted = stop
    # Outside the handler, so the exit does not carry the interruption (main() would say it again), and
    # after Ray's shutdown, once stderr is the terminal again, so it is the run's last line.
    print_error(str(interrupted))
    raise typer.Exit(130)


def _build_index(path: Path, columns: dict, corpus, embedder) -> None:
    """The index `topics similar PATH` opens instead of building its own."""
    from topics.distributed.lookup import index_from_shards
    from topics.search.store import corpus_index_folder

    folder = corpus_index_folder(path, embedder, columns)
    with step("building the search index from the cache"):
        # The cache's own copy, rebuilt: replaced even where an earlier version wrote a file after its record.
        index = index_from_shards(corpus, embedder, folder=folder, replace_cached=True)
    print_plain(f"search index of {index.n_units} paragraphs saved in {folder}")
