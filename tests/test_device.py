"""Where the model runs: torch on a GPU when torch can use one, the CPU backends on the CPU.

The tests marked ``gpu`` run only on a machine whose torch sees a CUDA GPU; the rest say what the
Embedder chooses, with the detection stubbed where a GPU is pretended. No fixture of conftest.py is
used, so on a GPU machine this file runs alone (``pytest --noconftest tests/test_device.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from topics.embedding import device
from topics.embedding.embed import CPU_BATCH_SIZE, DEFAULT_BACKEND, GPU_BATCH_SIZE, Embedder, resolve_model
from topics.errors import TopicsError

gpu = pytest.mark.skipif(not device.cuda_available(), reason="no GPU that torch can use here")

TEXTS = [
    "A US drone struck a vehicle near Kabul airport, the Pentagon said.",
    "The Taliban pledged under the Doha agreement not to host al-Qaeda.",
    "ISIS-K claimed the bombing at the airport gate.",
    # Longer than the model's window: embedded in pieces, its vector their mean.
    " ".join(f"Sentence {i} of a long dispatch about the evacuation flights leaving Kabul." for i in range(60)),
]


@pytest.fixture
def pretend_gpu(monkeypatch):
    monkeypatch.delenv("TOPICS_BACKEND", raising=False)
    monkeypatch.setattr(device, "cuda_available", lambda: True)


def test_with_a_gpu_and_nothing_named_the_embedder_runs_torch_there(pretend_gpu, tmp_path):
    embedder = Embedder(cache_dir=tmp_path)
    assert (embedder.backend_, embedder.device_) == ("torch", "cuda")
    assert embedder.model_id == resolve_model(None)[0]  # torch's vectors, cached under the model's own id
    assert "device='cuda'" in repr(embedder)
    assert embedder.batch_size_ == GPU_BATCH_SIZE and Embedder(cache_dir=tmp_path, batch_size=8).batch_size_ == 8


def test_a_named_cpu_backend_or_device_keeps_the_embedder_on_the_cpu(pretend_gpu, monkeypatch, tmp_path):
    for named in ({"backend": "onnx"}, {"backend": "onnx-fp32"}, {"backend": "static"}, {"device": "cpu"}):
        embedder = Embedder(cache_dir=tmp_path, **named)
        assert embedder.device_ == "cpu", named
        assert embedder.backend_ == named.get("backend", DEFAULT_BACKEND), named
    assert (Embedder(cache_dir=tmp_path, backend="torch").device_) == "cuda"
    monkeypatch.setenv("TOPICS_BACKEND", "onnx")
    assert (Embedder(cache_dir=tmp_path).backend_, Embedder(cache_dir=tmp_path).device_) == ("onnx", "cpu")


def test_without_a_gpu_the_default_stays_the_cpu_backend(monkeypatch, tmp_path):
    monkeypatch.delenv("TOPICS_BACKEND", raising=False)
    monkeypatch.setattr(device, "cuda_available", lambda: False)
    embedder = Embedder(cache_dir=tmp_path)
    assert (embedder.backend_, embedder.device_, embedder.batch_size_) == (DEFAULT_BACKEND, "cpu", CPU_BATCH_SIZE)
    assert "device" not in repr(embedder)


def test_a_cpu_backend_refuses_another_device(tmp_path):
    for backend in ("onnx", "onnx-fp32", "static"):
        with pytest.raises(TopicsError, match=f"the {backend} embedding backend runs on the CPU, not on 'cuda'"):
            Embedder(backend=backend, device="cuda", cache_dir=tmp_path)


def test_gpu_actors_refuse_an_embedder_of_a_cpu_backend(tmp_path):
    from topics.distributed.embedding import embedding_dataset

    with pytest.raises(TopicsError, match="GPU actors run the torch backend, and this embedder's is onnx"):
        embedding_dataset(None, ["a text"], ["a hash"], Embedder(backend="onnx", cache_dir=tmp_path), num_gpus=1)


def test_the_cli_asks_gpu_actors_for_torch_and_refuses_a_cpu_backend(tmp_path):
    corpus = tmp_path / "one.txt"
    corpus.write_text("A US drone struck a vehicle near Kabul airport.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "topics", "embed", str(corpus), "--engine", "ray", "--gpus", "1", "--backend", "onnx",
         "--cache-dir", str(tmp_path / "cache")],
        capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "200"},
    )
    assert done.returncode == 2, done.stderr  # wrong usage: two options that cannot go together
    assert "GPU actors (--gpus) run the torch backend, not 'onnx'" in done.stderr
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*.parquet"))
    # The backend named by $TOPICS_BACKEND is refused the same way, before the corpus is read.
    done = subprocess.run(
        [sys.executable, "-m", "topics", "embed", str(tmp_path / "missing.txt"), "--engine", "ray", "--gpus", "1",
         "--cache-dir", str(tmp_path / "cache")],
        capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "200", "TOPICS_BACKEND": "onnx"},
    )
    assert done.returncode == 2, done.stderr
    assert "run the torch backend, not 'onnx' (from $TOPICS_BACKEND)" in done.stderr


def test_a_machine_without_an_nvidia_driver_never_imports_torch_to_ask(tmp_path):
    # The default's first run on a CPU machine must not pay for importing torch.
    code = (
        "import sys, pathlib\n"
        "from topics.embedding import device\n"
        f"device.NVIDIA_GPUS = pathlib.Path({str(tmp_path / 'no-driver')!r})\n"
        "print(device.cuda_available(), 'torch' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PATH": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]


def test_a_gpu_is_read_from_what_is_installed_without_importing_torch(tmp_path):
    # A driver with one GPU, and a torch build's version: no torch import, on a CPU machine or a GPU one.
    (tmp_path / "gpus" / "0000:00:06.0").mkdir(parents=True)
    code = (
        "import sys, pathlib\n"
        "from importlib import metadata\n"
        "from topics.embedding import device\n"
        f"device.NVIDIA_GPUS = pathlib.Path({str(tmp_path / 'gpus')!r})\n"
        "metadata.version = lambda name: sys.argv[1]\n"
        "print(device.cuda_available(), 'torch' in sys.modules)\n"
    )
    for version, visible, expected in (("2.11.0+cu130", None, "True"), ("2.11.0", None, "True"), ("2.13.0+cpu", None, "False"),
                                       ("2.9.0+rocm6.4", None, "False"), ("2.11.0+cu130", "", "False"), ("2.11.0+cu130", "-1", "False")):
        env = {k: v for k, v in os.environ.items() if k != "CUDA_VISIBLE_DEVICES"}
        env.update({"PATH": str(tmp_path)} | ({} if visible is None else {"CUDA_VISIBLE_DEVICES": visible}))
        done = subprocess.run([sys.executable, "-c", code, version], capture_output=True, text=True, env=env)
        assert done.stdout.split() == [expected, "False"], (version, visible, done.stderr)


def test_a_gpu_torch_cannot_use_falls_back_to_the_cpu_with_torchs_vectors(pretend_gpu, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(device, "torch_sees_gpu", lambda: False)
    embedder = Embedder(cache_dir=tmp_path / "cache", show_progress=False)
    assert (embedder.backend_, embedder.device_) == ("torch", "cuda")
    vectors = embedder.encode(TEXTS[:2])
    assert (embedder.device_, embedder.batch_size_) == ("cpu", CPU_BATCH_SIZE)
    assert "torch cannot use a GPU here" in capsys.readouterr().err
    on_cpu = Embedder(backend="torch", device="cpu", use_cache=False, cache_dir=tmp_path / "unused").encode(TEXTS[:2])
    assert np.allclose(vectors, on_cpu, atol=1e-6)


def test_an_embedder_pickled_before_devices_reads_as_on_the_cpu_with_its_batch_size(tmp_path):
    import pickle

    embedder = Embedder(backend="onnx", cache_dir=tmp_path)
    state = embedder.__getstate__()
    del state["device_"], state["batch_size_"]
    state["batch_size"] = 32
    old = Embedder.__new__(Embedder)
    old.__setstate__(state)
    again = pickle.loads(pickle.dumps(old))
    assert (again.device_, again.batch_size_) == ("cpu", 32)


@gpu
def test_on_a_gpu_the_default_embeds_there_with_torchs_vectors(tmp_path):
    embedder = Embedder(cache_dir=tmp_path / "cache", show_progress=False)
    assert (embedder.backend_, embedder.device_) == ("torch", "cuda")
    vectors = embedder.encode(TEXTS)
    assert embedder.sentence_transformer.device.type == "cuda"
    on_cpu = Embedder(backend="torch", device="cpu", use_cache=False, cache_dir=tmp_path / "unused").encode(TEXTS)
    assert np.allclose(np.sum(vectors * on_cpu, axis=1), 1, atol=1e-4)
    again = Embedder(cache_dir=tmp_path / "cache", show_progress=False)
    assert np.array_equal(again.encode(TEXTS), vectors) and again.n_from_cache_ == len(TEXTS) and again._model is None


@gpu
def test_on_a_gpu_a_named_cpu_backend_stays_on_the_cpu(tmp_path):
    embedder = Embedder(backend="torch", device="cpu", use_cache=False, cache_dir=tmp_path)
    embedder.encode(TEXTS[:1])
    assert embedder.sentence_transformer.device.type == "cpu"
