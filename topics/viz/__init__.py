"""Viz: figures and tables shared by Jupyter and the report (map layout, palette,
label placement, static PNGs).

May import ``topics.modeling`` results and the shared top-level modules; never
``topics.report`` or ``topics.cli``.
"""
