"""An int8 ONNX copy of a sentence-transformers model, and a light runner for it.

The copy is exported once, offline, from the model folder with
sentence-transformers' ONNX export; onnxruntime's transformer optimizer then fuses
attention, layer norm and GELU, and its dynamic quantisation stores the weights as
int8 per output channel (activations quantised on the fly). Fused and per channel it
runs faster than the unfused per-tensor export and stays at least as close to fp32
(docs/benchmarks.md). It is kept under the cache folder::

    <cache_dir>/models/<model slug>/            the exported folder (tokenizer, configs, onnx/)
    <cache_dir>/models/<model slug>/topics-onnx.json   what was exported, from what

The folder is built with :func:`topics._atomic.atomic_folder` (a staging
folder swapped in whole), so a crash or two processes exporting at once never
leave a half-written model.

The runner needs only onnxruntime and tokenizers (no torch import, which
costs seconds in a fresh process); it tokenises, sorts by length so batches
carry little padding, runs the graph, mean-pools and L2-normalises exactly
like the sentence-transformers pipeline it was exported from.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
from pathlib import Path

import numpy as np

from topics._atomic import FolderSpec
from topics.errors import TopicsError, failures_as_topics_error
from topics.validate import unit_rows

MANIFEST = "topics-onnx.json"
MANIFEST_FORMAT = 1


def quantization_config() -> str:
    """The dynamic int8 scheme that suits this CPU (part of the model id: vectors never mix)."""
    machine = platform.machine().lower()
    if machine in ("arm64", "aarch64"):
        return "arm64"
    try:
        flags = set(open("/proc/cpuinfo").read().split())
    except OSError:
        flags = set()
    # VNNI runs int8 dot products in one instruction; plain AVX2 is the portable fallback.
    # "fused-pc": fused graph, per-channel weights (a different file from the older per-tensor export).
    return ("avx512_vnni" if "avx512_vnni" in flags else "avx2") + "-fused-pc"


def _source_digest(model_source: str) -> str:
    digest = hashlib.sha1()
    folder = Path(model_source)
    for name in ("config.json", "modules.json", "sentence_bert_config.json", "tokenizer.json"):
        if (folder / name).exists():
            digest.update((folder / name).read_bytes())
    for weights in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return digest.hexdigest()[:16]


def _read_manifest(folder: Path) -> dict | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("format") != MANIFEST_FORMAT or not (folder / manifest.get("onnx_file", "-")).is_file():
        return None
    return manifest


def exported_model(model_source: str, model_slug: str, cache_dir: Path, config: str) -> tuple[Path, dict]:
    """The exported int8 folder and its manifest; exported now if missing or stale."""
    folder = Path(cache_dir) / "models" / model_slug
    digest = _source_digest(model_source)
    manifest = _read_manifest(folder)
    if manifest is not None and manifest.get("source_digest") == digest and manifest.get("quantization") == config:
        return folder, manifest
    return _export(model_source, folder, digest, config)


def _export(model_source: str, folder: Path, digest: str, config: str) -> tuple[Path, dict]:
    from sentence_transformers import SentenceTransformer

    from topics._atomic import atomic_folder

    with failures_as_topics_error(f"cannot export {model_source} to int8 ONNX"):
        # Built in a staging folder and swapped in whole: a crash, or another process exporting the
        # same model at the same time, never leaves a half-written export behind.
        with atomic_folder(folder, ONNX_FOLDER) as staging:
            with _quiet():
                model = SentenceTransformer(model_source, backend="onnx", device="cpu")
                model.save(str(staging))
                _fuse_and_quantise(staging / "onnx" / "model.onnx", staging / "onnx" / f"model_qint8_{config}.onnx")
            onnx_files = sorted((staging / "onnx").glob(f"model_*{config}.onnx"))
            if not onnx_files:
                raise TopicsError(f"ONNX export of {model_source} produced no quantised model")
            manifest = {
                "format": MANIFEST_FORMAT,
                "source_digest": digest,
                "quantization": config,
                "onnx_file": str(onnx_files[0].relative_to(staging)),
                "max_seq_length": int(model.max_seq_length),
                "pooling": _pooling_mode(model),
                "normalize": any(type(m).__name__ == "Normalize" for m in model),
                "dim": int(model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension") else model.get_sentence_embedding_dimension()),
            }
            # The unquantised export is only a step on the way; drop it to save 90 MB.
            (staging / "onnx" / "model.onnx").unlink(missing_ok=True)
            (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        return folder, manifest


def _fuse_and_quantise(fp32_file: Path, int8_file: Path) -> None:
    """Fuse the BERT graph (attention, layer norm, GELU), then quantise its weights to int8 per channel."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model

    fused_file = fp32_file.with_name("model_fused.onnx")
    optimize_model(str(fp32_file), model_type="bert", opt_level=1).save_model_to_file(str(fused_file))
    # Fused operators come from onnxruntime's own domain, where shape inference finds no types: say float.
    quantize_dynamic(str(fused_file), str(int8_file), per_channel=True, weight_type=QuantType.QInt8,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    fused_file.unlink()


# The export folder lives inside the cache (<cache>/models/<slug>): whatever is there is ours to replace.
ONNX_FOLDER = FolderSpec("exported ONNX model", None, lambda folder: True)


@contextlib.contextmanager
def _quiet():
    """Silence the export's chatter (tracer warnings, "exporting", "save the model", the quantiser's
    advice on the root logger) for our users."""
    import logging
    import warnings

    loggers = [logging.getLogger(name) for name in ("sentence_transformers", "transformers", "optimum", "onnxruntime")]
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
    """Runs an exported int8 model with onnxruntime: texts -> L2-normalised float32 vectors."""

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
        out = np.zeros((len(texts), int(self.manifest["dim"])), dtype=np.float32)
        # Longest first, as sentence-transformers does: similar lengths share a batch.
        order = np.argsort([-len(t) for t in texts], kind="stable")
        for start in range(0, len(texts), batch_size):
            rows = order[start:start + batch_size]
            out[rows] = self._encode_batch([texts[i] for i in rows])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=np.int64)
        type_ids = np.zeros((len(texts), length), dtype=np.int64)
        for row, e in enumerate(encodings):
            n = len(e.ids)
            ids[row, :n] = e.ids
            mask[row, :n] = 1
            type_ids[row, :n] = e.type_ids
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": type_ids}
        feeds = {k: v for k, v in feeds.items() if k in self.input_names}
        hidden = self.session.run(None, feeds)[0]
        if self.pooling == "cls":
            pooled = hidden[:, 0, :]
        else:
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return unit_rows(pooled).astype(np.float32)


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
