"""Corpus text cut for display: one line, at most ``limit`` characters, an ellipsis when cut.

Owns nothing but this; used by the terminal tables, the Jupyter tables and figures and the report.
Escaping is the caller's (HTML, Markdown and terminals each need their own). May import: nothing.
"""

from __future__ import annotations


def shorten(value, limit: int) -> str:
    """``value`` on one line (whitespace runs become one space), cut to ``limit`` characters with "…"."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
