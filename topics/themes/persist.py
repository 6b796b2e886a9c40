"""Saved theme files in JSON: the declared themes of a ``Themes`` and its parameters.

Owns the ``topics.Themes`` JSON format (also kept inside a saved TopicModel as themes.json).
What ``Themes.fit`` learns is not saved: it belongs to one corpus. May import: json,
:mod:`topics._atomic`, :mod:`topics.themes.themefile`, :mod:`topics.errors`.
"""

from __future__ import annotations

import json
from pathlib import Path

from topics.errors import InputError
from topics.themes.themefile import load_themes
from topics.validate import user_path

FORMAT = "topics.Themes"
FORMAT_VERSION = 1
OTHER_FORMATS = {".toml": "TOML", ".yaml": "YAML", ".yml": "YAML"}  # suffixes a theme file is read by
READ_HINT = "A theme file of your own is read with Themes(path)"


def themes_to_dict(themes) -> dict:
    declared = themes.themes_ if hasattr(themes, "themes_") else load_themes(themes.themes)
    params = {k: v for k, v in themes.get_params(deep=False).items() if k != "themes"}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "params": params,
        "themes": [theme.to_dict() for theme in declared],
        "model_id": getattr(themes, "model_id_", None),
    }


def save_themes(themes, path: str | Path) -> Path:
    """Write ``themes`` as JSON to the file ``path``; InputError naming it when it cannot be written there."""
    from topics._atomic import cannot_write, json_object, write_text
    from topics.controls import json_escaped

    path = user_path(path)
    other = OTHER_FORMATS.get(path.suffix.lower())
    if other:
        # A theme file is read by its suffix (Themes(path)): the name must not promise another format.
        raise InputError(path, f"Themes.save writes JSON, not {other}; name the file .json (Themes.load reads it back)")
    if path.is_dir():
        raise InputError(path, "is a folder; give the name of the JSON file to write, e.g. themes.json")
    if path.exists() and json_object(path).get("format") != FORMAT:
        raise InputError(path, "exists and is not a saved themes file; Themes.save replaces only its own file, "
                               "so choose another name or move this one")
    text = json_escaped(json.dumps(themes_to_dict(themes), indent=2, ensure_ascii=False)) + "\n"
    try:
        write_text(path, text)
    except OSError as exc:
        raise cannot_write(path, "themes file", exc) from None
    return path


def themes_from_dict(cls, data, source: str | Path = "themes"):
    """An unfitted ``cls`` (Themes) from ``themes_to_dict`` data; InputError naming ``source`` otherwise."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
        hint = f". {READ_HINT}" if isinstance(source, Path) else ""
        raise InputError(source, f"not a {FORMAT} version {FORMAT_VERSION} file{hint}")
    params = data.get("params")
    if not isinstance(params, dict) or not set(params) <= set(cls._get_param_names()) - {"themes"}:
        raise InputError(source, "params must be a JSON object of Themes parameters")
    themes = cls(load_themes(data.get("themes")), **params)
    try:
        themes._check_params()
    except InputError as exc:
        raise InputError(source, f"params: {exc.problem}") from None
    return themes


def load_themes_file(cls, path: str | Path):
    from topics.validate import read_small_file

    path = user_path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    other = OTHER_FORMATS.get(path.suffix.lower())
    if other:
        raise InputError(path, f"is a {other} theme file; Themes.load reads what Themes.save writes (JSON). {READ_HINT}")
    try:
        data = json.loads(read_small_file(path, "a saved themes file").decode("utf-8"))
    except InputError:
        raise
    except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise InputError(path, f"unreadable themes file: {exc}") from None
    return themes_from_dict(cls, data, path)
