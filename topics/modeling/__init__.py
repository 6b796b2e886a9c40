"""Modeling: vectors -> topics. Reduction (UMAP), clustering (HDBSCAN), topic names
(keywords, headline labels), sampling for large corpora, saving and reusing fits.

The estimator is :class:`topics.modeling.model.TopicModel`. May import ``topics.embedding``,
``topics.text``, ``topics.themes`` (guided mode) and the shared top-level modules; never
``topics.report`` or ``topics.cli``.
"""
