"""Saved theme files in JSON: the declared themes of a ``Themes`` and its parameters.

Owns the ``topics.Themes`` JSON format (also kept inside a saved TopicModel as themes.json). A fitted
Themes is saved with what its fit learned ("fitted": :mod:`topics.themes.fitted_state`) and loads fitted;
a file without it (an unfitted Themes, or one saved before the fit was kept) loads unfitted. Inside a saved
TopicModel the fit's units are the model's own units.parquet (the corpus's text is kept once). Older files still
load: version 1 saved the units' ids as text, versions 1 and 2 held a sibling reference unit's vector once per
theme (:mod:`topics.themes.siblings`) and could hold a blank keyword or example, which their code dropped on
loading: it is dropped still, with a warning naming the file (a theme file or a new Themes refuses one). May import:
json, :mod:`topics._atomic`, :mod:`topics.themes.themefile`, :mod:`topics.themes.fitted_state`,
:mod:`topics.themes.siblings`, :mod:`topics.errors`.
"""

from __future__ import annotations

import json
from pathlib import Path

from topics.errors import InputError, TopicsWarning
from topics.themes.themefile import LIST_FIELDS, load_themes
from topics.validate import parse_json, user_path

FORMAT = "topics.Themes"
# 2: the units' ids keep their types, and a model's folder holds its units once; 3: a sibling reference unit's vector
# is held once, not once per theme (code that reads only 2 would misread it: it says the file is not its version).
FORMAT_VERSION = 3
READ_VERSIONS = (1, 2, 3)
OTHER_FORMATS = {".toml": "TOML", ".yaml": "YAML", ".yml": "YAML"}  # suffixes a theme file is read by
READ_HINT = "A theme file of your own is read with Themes(path)"
# A fitted Themes holds its units' texts and scores: its file grows with the corpus (a theme file stays small).
SAVED_THEMES_BYTES = 1 << 34


def themes_to_dict(themes, fitted: bool = False, model_units=None) -> dict:
    """The declared themes and parameters as JSON data; with ``fitted``, what a fitted ``themes`` learned too
    (its units named, not held, where they are ``model_units``: those of the TopicModel saved with it)."""
    declared = themes.themes_ if hasattr(themes, "themes_") else load_themes(themes.themes)
    params = {k: v for k, v in themes.get_params(deep=False).items() if k != "themes"}
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "params": params,
        "themes": [theme.to_dict() for theme in declared],
        "model_id": getattr(themes, "model_id_", None),
    }
    if fitted and hasattr(themes, "labels_"):
        from topics.themes.fitted_state import fitted_state

        document["fitted"] = fitted_state(themes, model_units)
    return document


def themes_json(themes, model_units=None) -> str:
    """The text of a saved Themes file: :func:`themes_to_dict` with the fit, as JSON."""
    from topics.controls import json_escaped

    document = themes_to_dict(themes, fitted=True, model_units=model_units)
    return json_escaped(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def save_themes(themes, path: str | Path) -> Path:
    """Write ``themes`` as JSON to the file ``path``; InputError naming it when it cannot be written there."""
    from topics._atomic import cannot_write, json_object, write_text

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
    text = themes_json(themes)
    try:
        write_text(path, text)
    except OSError as exc:
        raise cannot_write(path, "themes file", exc) from None
    return path


def themes_from_dict(cls, data, source: str | Path = "themes", embedder=None, model_units=None):
    """A ``cls`` (Themes) from ``themes_to_dict`` data, fitted when the data holds its fit (``embedder``: the one
    it embeds new units' sentences with, as fit's; the bundled model's when None; ``model_units``: the units of
    the TopicModel it was saved with); InputError naming ``source`` otherwise."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("format_version") not in READ_VERSIONS:
        hint = f". {READ_HINT}" if isinstance(source, Path) else ""
        raise InputError(source, f"not a {FORMAT} version {FORMAT_VERSION} file{hint}")
    params = data.get("params")
    if not isinstance(params, dict) or not set(params) <= set(cls._get_param_names()) - {"themes"}:
        raise InputError(source, "params must be a JSON object of Themes parameters")
    declared = data.get("themes")
    if not isinstance(declared, list):
        # Saved as a list of theme tables; a text here would be read as the path of another theme file.
        raise InputError(source, f"themes must be a JSON list of theme tables, not {type(declared).__name__}")
    if data["format_version"] < 3:
        declared = _without_blanks(declared, source)
    try:
        declared = load_themes(declared)
    except InputError as exc:  # named by the file it was read from, not the "themes" of data in memory
        raise InputError(source, f"themes: {exc.problem}") from None
    themes = cls(declared, **params)
    try:
        themes._check_params()
    except InputError as exc:
        raise InputError(source, f"params: {exc.problem}") from None
    if data.get("fitted") is not None:
        from topics.themes.fitted_state import set_fitted_state

        set_fitted_state(themes, data["fitted"], source, model_units)
        reference = getattr(themes, "sibling_reference_", None)
        if data["format_version"] < 3 and isinstance(reference, list):  # per theme: each unit's vector held once now
            from topics.themes.siblings import shared_references

            themes.sibling_reference_ = shared_references(reference)
        themes.themes_ = declared
        themes.model_id_ = data.get("model_id")
        if embedder is None and (getattr(themes, "uses_sentences_", False) or themes.passing_mentions):
            from topics.embedding.embed import Embedder

            embedder = Embedder()
        # As fit keeps them: the sentences of new units, and the leads of passing mentions, are embedded with it.
        themes._embedder = embedder if getattr(themes, "uses_sentences_", False) else None
        themes._lead_embedder = embedder if themes.passing_mentions else None
    return themes


def _without_blanks(entries, source):
    """The saved themes ``entries`` without their blank keywords, aliases and examples (an earlier version kept
    them, and dropped them unseen on loading), with a TopicsWarning naming ``source`` and what was dropped."""
    import warnings

    kept, dropped = [], []
    for number, entry in enumerate(entries, 1):
        if isinstance(entry, dict):
            entry = dict(entry)
            for field in LIST_FIELDS:
                items = entry.get(field)
                if isinstance(items, list) and any(isinstance(item, str) and not item.split() for item in items):
                    entry[field] = [item for item in items if not (isinstance(item, str) and not item.split())]
                    dropped.append(f"theme {number} {str(entry.get('name'))!r}: {len(items) - len(entry[field])} "
                                   f"in {field!r}")
        kept.append(entry)
    if dropped:
        warnings.warn(TopicsWarning(f"{source}: blank entries dropped ({'; '.join(dropped)}): saved by an earlier "
                                    "version, which dropped them on loading too; save it again to write it without them"))
    return kept


def load_themes_file(cls, path: str | Path, embedder=None, model_units=None):
    from topics.validate import read_small_file

    path = user_path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    other = OTHER_FORMATS.get(path.suffix.lower())
    if other:
        raise InputError(path, f"is a {other} theme file; Themes.load reads what Themes.save writes (JSON). {READ_HINT}")
    try:
        data = parse_json(read_small_file(path, "a saved themes file", SAVED_THEMES_BYTES).decode("utf-8"))
    except InputError:
        raise
    except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise InputError(path, f"unreadable themes file: {exc}") from None
    return themes_from_dict(cls, data, path, embedder, model_units)
