"""Past one machine: embedding, clustering and lookup on a Ray cluster (``pip install "topics[ray]"``).

Ray is imported only inside the functions that use it, so this package
imports without it and says how to install it when it is needed.
"""

from __future__ import annotations

from topics.distributed.clustering import assign_with_ray, fit_topics_with_ray
from topics.distributed.embedding import embed_texts_with_ray, embed_with_ray
from topics.distributed.lookup import index_from_shards

__all__ = ["assign_with_ray", "embed_texts_with_ray", "embed_with_ray", "fit_topics_with_ray", "index_from_shards"]
