"""A saved lookup index's lexical settings rewritten as an earlier version wrote them."""

from __future__ import annotations

import json
from pathlib import Path

LEXICAL_PARTS = ("lexical", "article_lexical")


def rewrite_settings(folder: Path, change, parts=LEXICAL_PARTS) -> None:
    """Each of ``parts`` (folders under ``folder``) with its settings file replaced by ``change(settings)``."""
    for name in parts:
        path = Path(folder) / name / "topics_lexical.json"
        path.write_text(json.dumps(change(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")


def saved_without(folder: Path, setting: str, parts=LEXICAL_PARTS) -> None:
    """Each of ``parts`` saved as before ``setting`` was kept."""
    rewrite_settings(folder, lambda settings: {k: v for k, v in settings.items() if k != setting}, parts)
