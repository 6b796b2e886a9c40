"""Themes: guided themes from an analyst's theme file, scored per unit with evidence.

The estimator is :class:`topics.themes.guided.Themes`. May import ``topics.embedding``,
``topics.text`` and the shared top-level modules.
"""
