"""`topics prepare`: the once-per-install work, done ahead of the first run.

It exports the embedding model to int8 ONNX into the per-user model folder (and to
unquantised ONNX, which search's second look at its best paragraphs runs) and
compiles the numba code that clustering large corpora runs. ``make install``
runs it; a ``pip install`` user runs it once (or the first run does the same
work, with a note on stderr).
"""

from __future__ import annotations

import time
from typing import Optional

import typer

from topics.cli import app
from topics.cli._common import BackendOption, ModelOption, make_embedder
from topics.console import print_plain, visible


@app.command("prepare")
def prepare_command(
    model: Optional[str] = ModelOption,
    backend: Optional[str] = BackendOption,
    compile_numba: bool = typer.Option(True, "--compile/--no-compile", help="Also compile the clustering code that corpora of over 5,000 units run (numba, ~20 s once)."),
) -> None:
    """Build the fast embedding model and compile the clustering code, once, so the first run need not."""
    from topics.embedding.onnx_backend import exporting_ahead

    started = time.perf_counter()
    embedder = make_embedder(model, None, backend)
    with exporting_ahead():
        folder = embedder.prepare()
    where = f" in {visible(str(folder))}" if folder is not None else ""
    print_plain(f"embedding model {visible(embedder.model_id)} ({embedder.backend_}) ready{where}")
    if embedder.backend_ == "onnx":  # search re-scores its best paragraphs in full precision
        precise = make_embedder(model, None, "onnx-fp32")
        with exporting_ahead():
            where = precise.prepare()
        print_plain(f"full-precision model for search ({precise.backend_}) ready" + (f" in {visible(str(where))}" if where else ""))
    if compile_numba:
        from topics.modeling._numba_cache import compile_all, is_compiled

        if not is_compiled():
            compile_all()
        print_plain("clustering code compiled")
    print_plain(f"prepared in {time.perf_counter() - started:.1f} s")
