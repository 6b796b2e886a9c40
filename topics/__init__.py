"""topics: semantic similarity and topic clustering for news articles.

Heavy libraries (torch, sentence-transformers, umap) load only when a
function needs them, so ``import topics`` stays fast.
"""

from __future__ import annotations

import importlib
from importlib import metadata
from typing import TYPE_CHECKING

try:
    __version__ = metadata.version("topics")
except metadata.PackageNotFoundError:  # run from a source tree that is not installed
    __version__ = "0+unknown"

if TYPE_CHECKING:  # what editors and type checkers see; at run time each name loads on first use
    from topics.text.alias_mining import AliasTable, mine_aliases
    from topics.ingest.corpus import Corpus, load_corpus
    from topics.distributed import embed_with_ray, fit_topics_with_ray, index_from_shards
    from topics.embedding.embed import Embedder, embed_units
    from topics.errors import EmbeddingInterrupted, InputError, ModelMismatchError, TopicsError
    from topics.modeling.model import TopicModel
    from topics.pipeline import TopicsResult, find_topics
    from topics.report import write_report
    from topics.search.index import Index
    from topics.themes.guided import Themes
    from topics.console import visible

# Public name -> module that defines it; resolved on first access.
_EXPORTS = {
    "Corpus": "topics.ingest.corpus",
    "load_corpus": "topics.ingest.corpus",
    "Embedder": "topics.embedding.embed",
    "embed_units": "topics.embedding.embed",
    "TopicModel": "topics.modeling.model",
    "Themes": "topics.themes.guided",
    "find_topics": "topics.pipeline",
    "TopicsResult": "topics.pipeline",
    "write_report": "topics.report",
    "Index": "topics.search.index",
    "mine_aliases": "topics.text.alias_mining",
    "AliasTable": "topics.text.alias_mining",
    "embed_with_ray": "topics.distributed",
    "fit_topics_with_ray": "topics.distributed",
    "index_from_shards": "topics.distributed",
    "TopicsError": "topics.errors",
    "InputError": "topics.errors",
    "ModelMismatchError": "topics.errors",
    "EmbeddingInterrupted": "topics.errors",
    "visible": "topics.console",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'topics' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
