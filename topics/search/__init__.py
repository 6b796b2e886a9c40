"""Search: the articles and paragraphs nearest to a text (dense, lexical and ANN).

The index is :class:`topics.search.index.Index`. May import ``topics.ingest``,
``topics.embedding``, ``topics.text`` and the shared top-level modules.
"""
