"""An int8 ONNX copy of a sentence-transformers model (and a full-precision one), and a light runner.

The copy is exported once, offline, from the model folder: ``torch.onnx``
traces the model's transformer, onnxruntime's transformer optimizer fuses
attention, layer norm and GELU, and its dynamic quantisation stores the weights
as int8 per output channel (activations quantised on the fly). Fused and per
channel it runs faster than the unfused per-tensor export and stays at least as
close to fp32 (docs/benchmarks.md). It is kept in a per-user model folder,
shared by every corpus and embedding cache::

    <models dir>/<model + recipe + onnxruntime version>/              tokenizer, onnx/model_qint8_*.onnx
    <models dir>/<model + recipe + onnxruntime version>/topics-onnx.json   what was exported, from what

``<models dir>`` is ``$TOPICS_MODEL_DIR``, else the user's cache folder
(``~/.cache/topics/models`` on Linux), else, when that cannot be written,
``<cache_dir>/models``. ``topics prepare`` (run by ``make install``) exports the
default model ahead of time; otherwise the first run that needs it does, once,
and says so on stderr. A model that cannot be exported (a pooling the runner
does not know, no fast tokenizer) is recorded as such, so the caller falls back
to torch without trying again.

The folder is built with :func:`topics._atomic.atomic_folder` (a staging
folder swapped in whole), so a crash or two processes exporting at once never
leave a half-written model.

The runner needs only onnxruntime and tokenizers (no torch import, which
costs seconds in a fresh process); it tokenises, sorts by length so batches
carry little padding, runs the graph, mean-pools and L2-normalises exactly
like the sentence-transformers pipeline it was exported from.

The recipe depends on the traced graph: onnxruntime's BERT optimizer recognises the attention and
padding mask as transformers 4.x writes them, not as 5.x does (pyproject.toml keeps transformers < 5).

A second, full-precision copy (``precision="fp32"``: traced and fused, not quantised) is exported
the same way into a folder of its own. Search's second look at its best paragraphs
(:mod:`topics.search.rerank`) runs it: the vectors of the published model (cosine >= 0.9999
with torch's), without the seconds that importing torch and loading the model cost a fresh process.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
from pathlib import Path

import numpy as np

from topics._atomic import FolderSpec
from topics.errors import InputError, TopicsError, failures_as_topics_error
from topics.validate import parse_json, read_file_text, unit_rows

MANIFEST = "topics-onnx.json"
MANIFEST_FORMAT = 2
MODEL_DIR_ENV = "TOPICS_MODEL_DIR"
OPSET = 18
PRECISIONS = ("int8", "fp32")
FP32_CONFIG = "fused"  # the full-precision export's recipe (no CPU-dependent quantisation)
# How the runner feeds the graph, part of the vectors' model id: "solo", one text per run (see OnnxEncoder.encode).
RUNNER = "solo"


class OnnxUnsupported(TopicsError):
    """The model cannot be run by the int8 ONNX runner (the caller may fall back to torch)."""


def quantization_config() -> str:
    """The dynamic int8 scheme that suits this CPU (part of the model id: vectors never mix)."""
    machine = platform.machine().lower()
    if machine in ("arm64", "aarch64"):
        return "arm64"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            flags = set(cpuinfo.read().split())
    except OSError:
        flags = set()
    # VNNI runs int8 dot products in one instruction; plain AVX2 is the portable fallback.
    # "fused-pc": fused graph, per-channel weights (a different file from the older per-tensor export).
    return ("avx512_vnni" if "avx512_vnni" in flags else "avx2") + "-fused-pc"


# Every int8 scheme quantization_config gives, one per kind of CPU.
INT8_CONFIGS = ("avx512_vnni-fused-pc", "avx2-fused-pc", "arm64")


def int8_on_another_cpu(earlier: str, current: str) -> bool:
    """Whether two vectors' model ids name one model run by the int8 runner under two CPUs' int8 schemes
    (a run on a laptop, one on a server): the same model and runner, vectors that differ slightly."""

    def model_and_scheme(model_id: str):
        model, mark, backend = model_id.rpartition("#onnx-int8-")
        scheme = backend.removesuffix(f"-{RUNNER}")
        return (model, scheme) if mark and scheme != backend and scheme in INT8_CONFIGS else None

    found = model_and_scheme(earlier), model_and_scheme(current)
    return None not in found and found[0][0] == found[1][0] and found[0][1] != found[1][1]


def export_config(precision: str = "int8") -> str:
    """The recipe of an export of this precision (recorded in its manifest and model id)."""
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
    return quantization_config() if precision == "int8" else FP32_CONFIG


def runtime_version() -> str:
    """The installed onnxruntime's version (part of the export folder's name), without importing it."""
    from importlib import metadata

    try:
        return metadata.version("onnxruntime")
    except metadata.PackageNotFoundError:
        raise OnnxUnsupported("onnxruntime is not installed (pip install onnxruntime)") from None


def default_models_dir() -> Path:
    """``$TOPICS_MODEL_DIR``, else the user's cache folder for models (e.g. ``~/.cache/topics/models``)."""
    configured = os.environ.get(MODEL_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("topics", appauthor=False)) / "models"


def writable_models_dir(models_dir: Path, fallback: Path) -> Path:
    """``models_dir`` if a model can be written there, else ``fallback`` (e.g. a read-only home)."""
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
        if os.access(models_dir, os.W_OK | os.X_OK):
            return models_dir
    except OSError:
        pass
    return fallback


def export_folder(models_dir: Path, model_id: str, model_source: str, precision: str = "int8") -> Path:
    """The folder of one model's export: named by the model's id (for a local folder, its content:
    :mod:`topics.embedding.model_id`), precision, recipe and onnxruntime version."""
    from topics.embedding.cache import model_slug

    return Path(models_dir) / model_slug(f"{model_id}#onnx-{precision}-{export_config(precision)}#ort-{runtime_version()}")


def _source_digest(model_source: str, folder: Path) -> str:
    """The content fingerprint of the model an export in ``folder`` is made from (its file digests
    kept in the models folder above it)."""
    from topics.embedding.model_id import source_fingerprint

    return source_fingerprint(model_source, Path(folder).parent)


def _read_manifest(folder: Path) -> dict | None:
    try:
        manifest = parse_json(read_file_text(folder / MANIFEST))  # a pipe there is refused, not read
    except (OSError, ValueError):
        return None
    if manifest.get("format") != MANIFEST_FORMAT:
        return None
    if "unsupported" not in manifest and not (folder / manifest.get("onnx_file", "-")).is_file():
        return None
    return manifest


def find_export(model_source: str, folder: Path, precision: str = "int8") -> dict | None:
    """The manifest of an up-to-date export in ``folder`` (None: none yet).
    Raises OnnxUnsupported when an earlier attempt found the model cannot be exported."""
    manifest = _read_manifest(folder)
    if manifest is None or manifest.get("source_digest") != _source_digest(model_source, folder):
        return None
    if manifest.get("quantization") != export_config(precision):
        return None
    if "unsupported" in manifest:
        raise OnnxUnsupported(manifest["unsupported"])
    return manifest


_exporting_ahead = False  # within exporting_ahead(): the export is what was asked for


@contextlib.contextmanager
def exporting_ahead():
    """Exports made here are the one-time step itself (`topics prepare`): their note does not advise it."""
    global _exporting_ahead
    before, _exporting_ahead = _exporting_ahead, True
    try:
        yield
    finally:
        _exporting_ahead = before


def exported_model(model_source: str, folder: Path, model_name: str | None = None, precision: str = "int8") -> tuple[Path, dict]:
    """The exported folder and its manifest; exported now (with a note on stderr) if missing or stale."""
    manifest = find_export(model_source, folder, precision)
    if manifest is not None:
        return folder, manifest
    if model_name is not None:
        from topics.console import print_error

        print_error(f"note: exporting {model_name} to {precision} ONNX, once, into {folder} "
                    + ("(about 15 s)" if _exporting_ahead else "(about 15 s; `topics prepare` does this ahead of time)"))
    return _export(model_source, folder, _source_digest(model_source, folder), export_config(precision))


def _export(model_source: str, folder: Path, digest: str, config: str) -> tuple[Path, dict]:
    from sentence_transformers import SentenceTransformer

    from topics._atomic import atomic_folder

    with failures_as_topics_error(f"cannot load embedding model {model_source!r}"), _quiet():
        model = SentenceTransformer(model_source, device="cpu")
    with failures_as_topics_error(f"cannot export {model_source} to ONNX ({config})"):
        try:
            runner = _runner_settings(model)
        except OnnxUnsupported as exc:
            _record_unsupported(folder, digest, config, str(exc))
            raise
        onnx_file = Path("onnx") / (f"model_fp32_{config}.onnx" if config == FP32_CONFIG else f"model_qint8_{config}.onnx")
        try:
            # Built in a staging folder and swapped in whole: a crash, or another process exporting the
            # same model at the same time, never leaves a half-written export behind.
            with atomic_folder(folder, ONNX_FOLDER) as staging:
                (staging / "onnx").mkdir()
                with _quiet():
                    model[0].tokenizer.save_pretrained(str(staging))
                    _graph_or_unsupported(model, staging / "onnx" / "model.onnx", staging / onnx_file, quantise=config != FP32_CONFIG)
                # The unquantised export is only a step on the way; drop it to save 90 MB.
                (staging / "onnx" / "model.onnx").unlink(missing_ok=True)
                manifest = {"format": MANIFEST_FORMAT, "source_digest": digest, "quantization": config,
                            "onnxruntime": runtime_version(), "onnx_file": onnx_file.as_posix(), **runner}
                (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        except OnnxUnsupported as exc:
            _record_unsupported(folder, digest, config, str(exc))
            raise
        return folder, manifest


def _graph_or_unsupported(model, fp32_file: Path, out_file: Path, quantise: bool = True) -> None:
    """Trace, fuse and (unless ``quantise`` is False) quantise; a model the tracer or the optimizer
    cannot handle is OnnxUnsupported (a file-system problem stays what it is)."""
    try:
        _trace(model, fp32_file)
        if quantise:
            _fuse_and_quantise(fp32_file, out_file)
        else:
            _fuse(fp32_file, out_file)
    except OSError:
        raise
    except Exception as exc:
        raise OnnxUnsupported(f"the ONNX export failed ({type(exc).__name__}: {exc})") from exc


def _runner_settings(model) -> dict:
    """What the light runner needs to reproduce ``model`` (OnnxUnsupported when it cannot)."""
    pooling = _pooling_mode(model)
    if pooling is None:
        names = " -> ".join(type(m).__name__ for m in model)
        raise OnnxUnsupported(f"its modules ({names}) are not Transformer -> mean or CLS Pooling (-> Normalize)")
    transformer = model[0]
    if getattr(transformer, "auto_model", None) is None or not getattr(transformer.tokenizer, "is_fast", False):
        raise OnnxUnsupported("it has no fast (Rust) tokenizer for the ONNX runner")
    if "attention_mask" not in transformer.tokenizer.model_input_names:
        raise OnnxUnsupported("its tokenizer gives no attention mask")
    return {
        "max_seq_length": int(model.max_seq_length),
        "pooling": pooling,
        "normalize": any(type(m).__name__ == "Normalize" for m in model),
        "dim": int(model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension") else model.get_sentence_embedding_dimension()),
    }


def _record_unsupported(folder: Path, digest: str, config: str, reason: str) -> None:
    """Remember that this model cannot be exported, so later runs fall back at once."""
    from topics._atomic import atomic_folder

    try:
        with atomic_folder(folder, ONNX_FOLDER) as staging:
            manifest = {"format": MANIFEST_FORMAT, "source_digest": digest, "quantization": config, "unsupported": reason}
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    except InputError:  # an unwritable model folder only means asking again next time
        pass


def _trace(model, onnx_file: Path) -> None:
    """The transformer of a sentence-transformers model as an fp32 ONNX graph: token ids in,
    last hidden state out, batch and sequence length free (pooling stays in the runner)."""
    import torch

    transformer = model[0]
    auto_model = transformer.auto_model.eval()
    # The eager attention graph is the one onnxruntime's optimizer knows how to fuse.
    auto_model.config._attn_implementation = "eager"
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in transformer.tokenizer.model_input_names]

    class LastHiddenState(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = auto_model

        def forward(self, *inputs):
            return self.model(**dict(zip(names, inputs))).last_hidden_state

    sample = transformer.tokenizer(["a short text", "a somewhat longer text to trace the model with"],
                                   padding=True, return_tensors="pt")
    axes = {name: {0: "batch_size", 1: "sequence_length"} for name in [*names, "last_hidden_state"]}
    with torch.no_grad():
        torch.onnx.export(LastHiddenState(), tuple(sample[n] for n in names), str(onnx_file), input_names=names,
                          output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=OPSET,
                          do_constant_folding=True, dynamo=False)


def _fuse(fp32_file: Path, fused_file: Path) -> None:
    """Fuse the BERT graph (attention, layer norm, GELU): same arithmetic, fewer, faster operators."""
    from onnxruntime.transformers.optimizer import optimize_model

    optimize_model(str(fp32_file), model_type="bert", opt_level=1).save_model_to_file(str(fused_file))


def _fuse_and_quantise(fp32_file: Path, int8_file: Path) -> None:
    """Fuse the BERT graph, then quantise its weights to int8 per channel."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fused_file = fp32_file.with_name("model_fused.onnx")
    _fuse(fp32_file, fused_file)
    # Fused operators come from onnxruntime's own domain, where shape inference finds no types: say float.
    quantize_dynamic(str(fused_file), str(int8_file), per_channel=True, weight_type=QuantType.QInt8,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    fused_file.unlink()


# An export folder is replaced only when it holds an export (or an earlier attempt's record).
ONNX_FOLDER = FolderSpec("exported ONNX model", None, lambda folder: (folder / MANIFEST).is_file())


@contextlib.contextmanager
def _quiet():
    """Silence the export's chatter (tracer warnings, "exporting", "save the model", the quantiser's
    advice on the root logger) for our users."""
    import logging
    import warnings

    loggers = [logging.getLogger(name) for name in ("sentence_transformers", "transformers", "torch", "onnxruntime")]
    loggers.append(logging.getLogger())
    levels = [logger.level for logger in loggers]
    try:
        for logger in loggers:
            logger.setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _pooling_mode(model) -> str | None:
    """'mean' or 'cls' when the model is Transformer -> Pooling (-> Normalize); None otherwise."""
    modules = list(model)
    names = [type(m).__name__ for m in modules]
    if names not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        return None
    pooling = modules[1]
    mode = getattr(pooling, "pooling_mode", None)
    if mode is None:  # older sentence-transformers spell it as flags
        if getattr(pooling, "pooling_mode_mean_tokens", False):
            mode = "mean"
        elif getattr(pooling, "pooling_mode_cls_token", False):
            mode = "cls"
    mode = mode if isinstance(mode, str) else None
    return mode if mode in ("mean", "cls") else None


class OnnxEncoder:
    """Runs an exported (int8 or fp32) model with onnxruntime: texts -> L2-normalised float32 vectors."""

    def __init__(self, folder: Path, manifest: dict, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if manifest.get("pooling") not in ("mean", "cls"):
            raise TopicsError(f"{folder}: the light ONNX runner supports mean or CLS pooling only")
        self.manifest = manifest
        self.pooling = manifest["pooling"]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=int(manifest["max_seq_length"]))
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = threads or _physical_cores()
        # Busy-waiting threads steal the cores from everything else on a shared machine.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(folder / manifest["onnx_file"]), options, providers=["CPUExecutionProvider"])
        self.input_names = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """One text per run (``batch_size`` only sets how many are tokenised at once). Dynamic int8
        scales a run's activations by their range, padding and companions included, so in a batch a
        text's vector would depend on the texts beside it (cosine 0.99 to itself alone); alone it is
        the same wherever it is embedded, and on CPU no padding makes it faster too (docs/benchmarks.md)."""
        out = np.zeros((len(texts), int(self.manifest["dim"])), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            for row, encoding in enumerate(self.tokenizer.encode_batch(texts[start:start + batch_size]), start):
                out[row] = self._encode_one(encoding)
        return out

    def _encode_one(self, encoding) -> np.ndarray:
        ids = np.asarray([encoding.ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                 "token_type_ids": np.asarray([encoding.type_ids], dtype=np.int64)}
        hidden = self.session.run(None, {k: v for k, v in feeds.items() if k in self.input_names})[0][0]
        pooled = hidden[0] if self.pooling == "cls" else hidden.mean(axis=0)
        return unit_rows(pooled[None, :]).astype(np.float32)[0]


def _physical_cores() -> int:
    """Cores this process may run on, counting two hyper-threads of one core once (a second
    thread of a busy core adds little to matrix products)."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
    cores = set()
    for cpu in cpus:
        siblings = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list")
        try:
            cores.add(siblings.read_text().strip())
        except OSError:  # no topology exposed (containers, other systems): count the CPU itself
            cores.add(str(cpu))
    return max(1, len(cores))
