"""Embedding: units -> unit vectors with sentence-transformers (or ONNX), cached on disk.

Owns the embedder, its backends and the embedding cache (only ``cache`` knows the
cache layout). May import ``topics.errors``, ``topics.validate``, ``topics._atomic`` and
``topics.ingest``.
"""
