"""The notebooks in notebooks/ run top to bottom on a clean kernel, and are committed without outputs.

Each notebook runs in a fresh kernel (nbclient) from a folder outside the
repository, as a notebook copied elsewhere would. The kernel inherits TOPICS_CACHE_DIR (the test run's
embedding cache, warmed here first through the shared ``embedder``) and
TOPICS_NOTEBOOK_OUT (where the notebooks save models and reports), so a
notebook embeds nothing the test run already embedded and writes nothing into
the repository.
"""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))
PLOTLY_MIME = "application/vnd.plotly.v1+json"
# Cell metadata that records a run (timings, scroll state) rather than the notebook's content.
RUN_METADATA = {"execution", "collapsed", "scrolled", "ExecuteTime"}


def _outputs(notebook, output_type: str | None = None) -> list[dict]:
    return [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output_type is None or output.output_type == output_type
    ]


def _text_of(notebook) -> str:
    """Everything the executed notebook showed, as one string (texts and HTML)."""
    parts = []
    for output in _outputs(notebook):
        if "text" in output:
            parts.append(output.text)
        for mime in ("text/plain", "text/html"):
            if mime in output.get("data", {}):
                parts.append(output.data[mime])
    return "\n".join(parts)


def test_there_are_notebooks_to_run():
    names = {path.name for path in NOTEBOOK_FILES}
    assert {"explore.ipynb", "your_corpus.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.name)
def test_committed_notebook_is_valid_and_stripped(path):
    import nbstripout

    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    strip_it = "strip it with `make strip-notebooks` before committing"
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        where = f"{path.name} cell {index}"
        assert cell.outputs == [], f"{where} has outputs: {strip_it}"
        assert cell.execution_count is None, f"{where} has an execution count: {strip_it}"
        assert not RUN_METADATA & set(cell.metadata), f"{where} carries run metadata: {strip_it}"
    assert "widgets" not in notebook.metadata, f"{path.name} stores widget state: {strip_it}"
    # Whatever else nbstripout would remove, the committed file already lacks.
    stripped = nbstripout.strip_output(copy.deepcopy(notebook), keep_output=False, keep_count=False, keep_id=True)
    assert nbformat.writes(stripped) == nbformat.writes(notebook), f"{path.name}: {strip_it}"
    # Every code cell has a narrative: the notebook starts with markdown and explains as it goes.
    assert notebook.cells[0].cell_type == "markdown"
    n_markdown = sum(cell.cell_type == "markdown" for cell in notebook.cells)
    n_code = sum(cell.cell_type == "code" for cell in notebook.cells)
    assert n_markdown >= n_code / 2


@pytest.fixture(scope="module")
def notebook_env(monkeypatch_module, session_cache_dir, embedder, seeds_corpus, bbc_sample, tmp_path_factory):
    """The kernels' environment: the test run's embedding cache (warmed with both corpora) and an output folder."""
    # Embedded here, in the shared embedder, so that each text is embedded once per test run
    # whichever of this process or a notebook kernel asks first.
    embedder.encode(seeds_corpus.paragraphs["text"].tolist())
    embedder.encode(bbc_sample.paragraphs["text"].tolist())
    out = tmp_path_factory.mktemp("notebook-out")
    monkeypatch_module.setenv("TOPICS_CACHE_DIR", str(session_cache_dir))
    monkeypatch_module.setenv("TOPICS_NOTEBOOK_OUT", str(out))
    monkeypatch_module.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch_module.setenv("TOKENIZERS_PARALLELISM", "false")
    return out


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def _execute(path: Path, out: Path):
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    elsewhere = out / f"run-{path.stem}"  # not the notebooks/ folder: a copy must run anywhere
    elsewhere.mkdir()
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(elsewhere)}},
    )
    try:
        client.execute()
    finally:
        # The executed copy, for a look when something fails (the committed file is untouched).
        nbformat.write(notebook, out / f"executed-{path.name}")
    return notebook


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path, notebook_env):
    executed = _execute(path, notebook_env)  # raises CellExecutionError on any failing cell
    assert not _outputs(executed, "error")
    shown = _text_of(executed)
    assert "Traceback" not in shown
    # The tour shows its figures inline and the fitted model as a topic table.
    figures = [output for output in _outputs(executed) if PLOTLY_MIME in output.get("data", {})]
    assert len(figures) >= 3, f"{path.name} showed {len(figures)} interactive figures"
    for figure in figures:
        spec = figure.data[PLOTLY_MIME]
        spec = json.loads(spec) if isinstance(spec, str) else spec
        assert spec["data"], "an empty figure"
        # A static copy for where JavaScript does not run (nbconvert HTML, code-host previews).
        assert base64.b64decode(figure.data["image/png"]).startswith(b"\x89PNG")
    from nbconvert import HTMLExporter

    exported, _ = HTMLExporter().from_notebook_node(executed)
    assert exported.count("data:image/png;base64") >= len(figures)
    # Nothing written where the notebook ran: everything went under its stated output folder.
    assert not any((notebook_env / f"run-{path.stem}").iterdir())
    assert "TopicModel · " in shown, "the fitted model's topic table is not shown"
    # It wrote the report and saved the model where it was told to, not into the repository.
    assert list(notebook_env.rglob("index.html")), "no report written"
    assert list(notebook_env.rglob("model.json")), "no model saved"
