"""Ingest: files on disk (text, Markdown, tables, HTML pages, page-text dumps) -> a Corpus of
articles and paragraph units.

Owns reading, page cleaning (chrome, dates, titles) and de-duplication. May import
``topics.errors``, ``topics.console``, ``topics.validate`` and ``topics.text``; nothing
from embedding, modeling, themes, search or report.
"""
