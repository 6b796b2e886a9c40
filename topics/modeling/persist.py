"""Save and load a fitted TopicModel: JSON (parameters, descriptions), Parquet (units), .npy (arrays).

No pickle anywhere: arrays load with ``allow_pickle=False``. The folder is
written under a temporary name and renamed into place, so a failed save never
leaves a half-written model behind.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from topics._atomic import FolderSpec, atomic_folder, json_object
from topics._parquet import read_parquet, write_parquet
from topics.controls import json_escaped
from topics.errors import InputError
from topics.modeling.lexical_space import FILES as LEXICAL_FILES, load_space, save_space
from topics.modeling.text_material import MATERIAL_FILE, NUMBERS_FILE, TextMaterial
from topics.validate import check_saved_files, other_version, parse_json, read_file_text, user_path

FORMAT = "topics.TopicModel"
FORMAT_VERSION = 1
ARRAYS = (
    "labels_",
    "probabilities_",
    "coords_2d_",
    "topic_ids_",
    "topic_embeddings_",
    "linkage_",
    "embeddings_",
    "assignment_floors_",
)
DESCRIPTION_FIELDS = ("keywords", "keyword_weights", "labels", "representatives")
THEMES_FILE = "themes.json"
# The subtopics, once computed (an update starts from them: topics.modeling.update_subtopics).
SUBTOPIC_LABELS_FILE, SUBTOPICS_FILE = "subtopics.npy", "subtopics.json"
# With them, the content neighbours their burst search read: rows (int32, -1 where none) and exact similarities.
NEIGHBOURS_FILE, NEIGHBOUR_SIMILARITIES_FILE = "neighbours.npy", "neighbour_similarities.npy"


def save_model(model, folder: str | Path) -> Path:
    """Write ``model`` (fitted) into ``folder``, replacing a model saved there before (and nothing else)."""
    from topics.modeling.update_describe import named_sizes

    folder = user_path(folder)
    with atomic_folder(folder, MODEL_FOLDER) as staging:
        for name in ARRAYS:
            np.save(staging / f"{name.rstrip('_')}.npy", np.asarray(getattr(model, name)), allow_pickle=False)
        write_parquet(model.units_, staging / "units.parquet", index=False)  # ids as given: 1 stays 1, "a3" "a3"
        descriptions = model.descriptions_
        meta = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "params": model.get_params(deep=False),
            "mode": model.mode_,
            "fit_sample_size": int(model.fit_sample_size_),
            "units_at_fit": int(getattr(model, "units_at_fit_", len(model.labels_))),
            "corpus_level": getattr(model, "corpus_level_", None),  # what predict asks new units to come as
            "ids_numbered": getattr(model, "ids_numbered_", None),  # fitted on texts without ids (None: not known)
            "theme_names": list(model.theme_names_),
            "descriptions": {field: getattr(descriptions, field) for field in DESCRIPTION_FIELDS},
            # Per topic, the size it was last named at: an update names it afresh once it grew by a tenth since.
            "named_sizes": {str(t): n for t, n in named_sizes(model).items()},
            "aliases": getattr(model, "aliases_", None).to_records() if getattr(model, "aliases_", None) is not None else [],
            # The outlets' own names the keywords and labels leave out (topics.text.outlets).
            "outlet_words": sorted(getattr(getattr(model, "aliases_", None), "left_out", ())),
        }
        meta["params"]["themes"] = None  # saved as themes.json, in the Themes format
        meta["params"]["embedder"] = None  # an object, not a parameter value: its model id is kept
        # The model the topics' vectors came from (as fitted, or as loaded), else the embedder's now.
        meta["embedder_model_id"] = getattr(model, "embedder_model_id_", None) or getattr(model.embedder, "model_id", None)
        if model.themes is not None:
            from topics.themes.persist import themes_json

            # The fitted themes, with what their fit learned: the loaded model has them as themes_ again. Their
            # units, where they are the model's, are read from units.parquet: the corpus's text is kept once.
            text = themes_json(getattr(model, "themes_", model.themes), model_units=model.units_)
            (staging / THEMES_FILE).write_text(text, encoding="utf-8")
        _save_subtopics(model, staging)
        save_space(model, staging)  # with n_topics: the words' space predict reads texts in
        if len(getattr(model, "text_material_", None) or ()):  # each text's naming material: an update reads it back
            model.text_material_.save(staging)
        if not isinstance(meta["params"].get("aliases"), bool):
            meta["params"]["aliases"] = True  # a given AliasTable is saved as the learned aliases_
        (staging / "model.json").write_text(json_escaped(json.dumps(meta, indent=2, ensure_ascii=False)) + "\n", encoding="utf-8")
    return folder


def _is_model(folder: Path) -> bool:
    """A saved model (of any version, damaged arrays too): its model.json says so; a user's own model.json does not."""
    return json_object(folder / "model.json").get("format") == FORMAT


# fitcache.json: what topics.modeling.fitcache adds to the models it keeps in the cache.
MODEL_FOLDER = FolderSpec(
    "saved topic model",
    ["model.json", "units.parquet", "fitcache.json", THEMES_FILE, SUBTOPIC_LABELS_FILE, SUBTOPICS_FILE, NEIGHBOURS_FILE,
     NEIGHBOUR_SIMILARITIES_FILE, MATERIAL_FILE, NUMBERS_FILE, *LEXICAL_FILES,
     *(f"{name.rstrip('_')}.npy" for name in ARRAYS)],
    _is_model,
)


def _save_subtopics(model, staging: Path) -> None:
    cached = getattr(model, "_subtopics_cache", None)
    if cached is None or cached[0] is not model.labels_:
        return  # not computed for these labels: nothing to keep
    found = cached[1]
    np.save(staging / SUBTOPIC_LABELS_FILE, np.asarray(found.labels, dtype=np.int64), allow_pickle=False)
    document = {"table": parse_json(found.table.to_json(orient="records")), "notes": list(found.notes)}
    (staging / SUBTOPICS_FILE).write_text(json_escaped(json.dumps(document, ensure_ascii=False)) + "\n", encoding="utf-8")
    if found.neighbours is not None:
        rows, similarities = found.neighbours
        np.save(staging / NEIGHBOURS_FILE, np.asarray(rows, dtype=np.int32), allow_pickle=False)
        np.save(staging / NEIGHBOUR_SIMILARITIES_FILE, np.asarray(similarities, dtype=np.float64), allow_pickle=False)


def _load_named_sizes(path: Path, meta: dict, topic_ids) -> dict | None:
    """The sizes the topics were last named at; None for a model saved before they were kept (an
    update then counts growth from the topics' sizes in it)."""
    from topics.validate import check_named_sizes

    saved = meta.get("named_sizes")
    if saved is None:
        return None
    ids = [str(int(t)) for t in topic_ids]
    if not isinstance(saved, dict) or set(saved) != set(ids):
        raise InputError(path, f"named_sizes must give each of the {len(ids)} topics its size when last named")
    sizes = check_named_sizes([saved[t] for t in ids], path, [f"topic {t}" for t in ids])
    return {int(t): n for t, n in zip(ids, sizes) if n is not None}


def _units_at_fit(path: Path, value) -> int:
    """How many units the saved topics were fitted on: a whole number of at least 1, else the file is damaged."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InputError(path, f"units_at_fit must be a whole number of units, at least 1, not {value!r}")
    return value


def _load_subtopics(model, folder: Path) -> None:
    """Restore the subtopics saved with the model (as computed for its labels), when there are any."""
    if not (folder / SUBTOPIC_LABELS_FILE).is_file():
        return
    from topics.modeling.event_titles import RULES_LABEL
    from topics.modeling.subtopics import COLUMNS, Subtopics
    from topics.validate import check_grown_marks, check_named_sizes

    labels = np.load(folder / SUBTOPIC_LABELS_FILE, allow_pickle=False)
    try:
        document = parse_json(read_file_text(folder / SUBTOPICS_FILE))
    except (OSError, ValueError) as exc:
        raise InputError(folder / SUBTOPICS_FILE, f"unreadable subtopics: {exc}") from None
    if labels.shape != (len(model.labels_),) or labels.dtype.kind != "i":
        raise InputError(folder / SUBTOPIC_LABELS_FILE, f"expected {len(model.labels_)} integer subtopic numbers, found {labels.shape}")
    # The labels before a headline phrase led them, where kept (topics.modeling.event_titles): absent from older models.
    kept = [RULES_LABEL] if any(RULES_LABEL in row for row in document["table"]) else []
    table = pd.DataFrame(document["table"], columns=COLUMNS + kept)
    # Counts, None where no event (or a model saved before they were kept), as flag_events gives them.
    table["event_articles"] = pd.Series([None if pd.isna(n) else int(n) for n in table["event_articles"]], dtype=object)
    names = [f"topic {t}, subtopic {p}" for t, p in zip(table["topic_id"], table["subtopic"])]
    # A model saved before the mark was kept: each of its subtopics may be an event, as its update then tested them.
    table["grown_from_burst"] = pd.Series(check_grown_marks(table["grown_from_burst"].tolist(), folder / SUBTOPICS_FILE, names), dtype=bool)
    # Missing (None) in a model saved before the sizes were kept.
    table["named_size"] = pd.Series(check_named_sizes(table["named_size"].tolist(), folder / SUBTOPICS_FILE, names), dtype=object)
    neighbours = _load_neighbours(folder, len(labels))
    model._subtopics_cache = (model.labels_, Subtopics(labels=labels, table=table, notes=tuple(document["notes"]), neighbours=neighbours))


def _load_neighbours(folder: Path, n_units: int):
    """The saved content neighbours, (rows, similarities); None when the model was saved without them
    (as before they were kept). InputError when the files do not hold such lists of these units."""
    path, similarities_path = folder / NEIGHBOURS_FILE, folder / NEIGHBOUR_SIMILARITIES_FILE
    if not path.is_file() and not similarities_path.is_file():
        return None
    try:
        rows = np.load(path, allow_pickle=False)
        similarities = np.load(similarities_path, allow_pickle=False)
    except (OSError, ValueError, EOFError) as exc:
        raise InputError(path, f"unreadable content neighbour lists: {exc}") from None
    if rows.ndim != 2 or len(rows) != n_units or rows.dtype.kind != "i" or rows.shape[1] > n_units:
        raise InputError(path, f"expected {n_units} rows of integer unit numbers, found {rows.dtype} {rows.shape}")
    whole, empty = (rows >= 0).all(axis=1), (rows == -1).all(axis=1)
    if rows.size and (rows.max() >= n_units or not (whole | empty).all()):
        raise InputError(path, f"neighbour lists are damaged: each row must hold unit numbers below {n_units}, or -1 only")
    if similarities.shape != rows.shape or similarities.dtype.kind != "f" or not np.isfinite(similarities[whole]).all():
        raise InputError(similarities_path, f"expected a finite similarity per listed neighbour, found {similarities.dtype} {similarities.shape}")
    if (np.diff(similarities[whole], axis=1) > 0).any():
        raise InputError(similarities_path, "neighbour lists are damaged: similarities must not grow along a list")
    return rows.astype(np.int64), similarities.astype(np.float64)


# The columns of a Corpus's article units beyond those every fitted unit has (topics.ingest.corpus.ARTICLE_COLUMNS).
CORPUS_ARTICLE_COLUMNS = ("label", "source")


def _units_level(units: pd.DataFrame) -> str | None:
    """The level of the Corpus a model saved before its level was kept was fitted on, told by its units: a
    Corpus's paragraphs have their position in their article; its articles are their own article and keep
    the article's label and source columns. None (fitted on units) otherwise. Without it, a model fitted on articles would
    read a Corpus given to ``predict`` as paragraphs. Every column of a Corpus's article is asked for, so that
    units of one's own with a source column are not taken for articles (predict would refuse plain texts)."""
    if "position" in units.columns and "article_id" in units.columns:
        return "paragraph"
    if set(CORPUS_ARTICLE_COLUMNS) <= set(units.columns) and (units["unit_id"].astype(str) == units["article_id"].astype(str)).all():
        return "article"
    return None


def load_model(cls, folder: str | Path):
    """Rebuild a fitted model from ``folder`` (see ``save_model``)."""
    folder = user_path(folder)
    meta_path = folder / "model.json"
    if folder.is_dir():
        check_saved_files(folder, MODEL_FOLDER.names, MODEL_FOLDER.kind)
    if not meta_path.is_file():
        raise InputError(folder, "no saved topic model here (model.json is missing)")
    try:
        meta = parse_json(read_file_text(meta_path))
    except (OSError, ValueError) as exc:
        raise InputError(meta_path, f"unreadable model description: {exc}") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise InputError(meta_path, f"not a {FORMAT} version {FORMAT_VERSION} file")
    if meta.get("format_version") != FORMAT_VERSION:
        raise InputError(meta_path, other_version(FORMAT, meta.get("format_version"), FORMAT_VERSION))
    try:
        return _rebuild(cls, folder, meta)
    except InputError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError, IndexError, OSError) as exc:
        # A structurally changed file (wrong types, missing fields, other arrays) is damage, not a bug.
        raise InputError(folder, f"saved topic model is damaged ({type(exc).__name__}: {exc})") from None


def _rebuild(cls, folder: Path, meta: dict):
    from topics.modeling.describe import TopicDescriptions
    from topics.validate import check_saved_arrays

    if not isinstance(meta.get("params"), dict) or not isinstance(meta.get("descriptions"), dict):
        raise InputError(folder / "model.json", "params and descriptions must be JSON objects")
    _check_saved_fields(folder / "model.json", meta)
    from topics.modeling.model_params import EARLIER_PARAMS

    model = cls(**{**EARLIER_PARAMS, **meta["params"]})  # one saved before a parameter existed behaves as it did
    model.units_ = read_parquet(folder / "units.parquet")
    if (folder / THEMES_FILE).is_file():
        from sklearn.base import clone

        from topics.themes.guided import Themes
        from topics.themes.persist import load_themes_file

        themes = load_themes_file(Themes, folder / THEMES_FILE, model_units=model.units_)
        model.themes = clone(themes)  # the parameter, unfitted, as given to a fit
        if hasattr(themes, "labels_"):  # a model saved before its themes' fit was kept has none: as it was then
            model.themes_ = themes
    try:
        model._check_params()
    except InputError as exc:
        raise InputError(folder / "model.json", f"params: {exc.problem}") from None
    for name in ARRAYS:
        setattr(model, name, np.load(folder / f"{name.rstrip('_')}.npy", allow_pickle=False))
    model.mode_ = meta["mode"]
    model.fit_sample_size_ = int(meta.get("fit_sample_size", len(model.labels_)))
    model.units_at_fit_ = _units_at_fit(folder / "model.json", meta.get("units_at_fit", len(model.labels_)))
    model.corpus_level_ = meta["corpus_level"] if "corpus_level" in meta else _units_level(model.units_)
    model.ids_numbered_ = meta.get("ids_numbered")  # None in a model saved before it was kept
    from topics.modeling.model_input import CORPUS_LEVELS

    if model.corpus_level_ is not None and model.corpus_level_ not in CORPUS_LEVELS:
        raise InputError(folder / "model.json", f"corpus_level must be \"paragraph\", \"article\" or null, not {model.corpus_level_!r}")
    model.theme_names_ = list(meta.get("theme_names", []))
    from topics.text.alias_mining import AliasTable

    model.aliases_ = AliasTable.from_records(meta.get("aliases", []), folder / "model.json").leaving_out(
        _outlet_words(meta.get("outlet_words", []), folder / "model.json"))
    model.descriptions_ = TopicDescriptions(**{f: meta["descriptions"][f] for f in DESCRIPTION_FIELDS})
    model.named_sizes_ = _load_named_sizes(folder / "model.json", meta, model.topic_ids_)
    model.embedder_model_id_ = meta.get("embedder_model_id")
    if model.embedder_model_id_ is not None and not isinstance(model.embedder_model_id_, str):
        raise InputError(folder / "model.json", f"embedder_model_id must be a model id (text) or null, not {model.embedder_model_id_!r}")
    model._loaded_from = folder  # named when new texts come with an embedder of another model
    check_saved_arrays(folder, model.units_, model.embeddings_, labels=model.labels_, coords=model.coords_2d_)
    _check_topic_arrays(folder, model)
    _load_subtopics(model, folder)
    load_space(model, folder)  # a model saved before it was kept predicts from the vectors, as it did
    # Optional (a model saved before they were kept has none): found again as needed.
    saved = (folder / MATERIAL_FILE).is_file() or (folder / NUMBERS_FILE).is_file()
    model.text_material_ = TextMaterial.load(folder) if saved else TextMaterial()
    return model


def _check_saved_fields(meta_path: Path, meta: dict) -> None:
    """The fields ``save_model`` writes in a fixed shape: a hand-edited value is named, not taken as it reads
    (a text for the themes or the embedder would be read as another file or model; a text of theme names
    would become one name a letter)."""
    from topics.modeling.previous import CLUSTERINGS

    for name in ("themes", "embedder"):
        if meta["params"].get(name) is not None:
            raise InputError(meta_path, f"params: {name} must be null (saved apart from model.json), not {meta['params'][name]!r}")
    if meta.get("mode") not in CLUSTERINGS:
        raise InputError(meta_path, f"mode must be one of {', '.join(CLUSTERINGS)}, not {meta.get('mode')!r}")
    if meta.get("ids_numbered") not in (None, True, False):
        raise InputError(meta_path, f"ids_numbered must be true, false or null, not {meta['ids_numbered']!r}")
    names = meta.get("theme_names", [])
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise InputError(meta_path, f"theme_names must be a list of texts, not {names!r}")


def _check_topic_arrays(folder: Path, model) -> None:
    """The per-topic arrays agree with the topics and the units (a hand-edited file would give every unit
    topic 0, NaN probabilities or an IndexError in predict, reduce_topics or topic_info)."""
    ids, centres = np.asarray(model.topic_ids_), np.asarray(model.topic_embeddings_)
    if ids.ndim != 1 or ids.dtype.kind not in "iu" or len(np.unique(ids)) != len(ids):
        raise InputError(folder, "saved topic ids are damaged: expected distinct whole numbers")
    if len(ids) and (centres.shape != (len(ids), model.embeddings_.shape[1]) or not np.isfinite(centres).all()):
        raise InputError(folder, f"saved topic centres are damaged: expected {len(ids)} finite rows of {model.embeddings_.shape[1]} numbers")
    if np.shape(model.assignment_floors_) != (len(ids),):
        raise InputError(folder, f"saved assignment floors are damaged: expected one per topic ({len(ids)})")
    unknown = np.setdiff1d(np.asarray(model.labels_), np.append(ids, -1))
    if len(unknown):
        raise InputError(folder, f"saved labels are damaged: units are in topic {int(unknown[0])}, which the model does not hold")
    if any(len(getattr(model.descriptions_, field) or ()) != len(ids) for field in DESCRIPTION_FIELDS):
        raise InputError(folder / "model.json", f"descriptions are damaged: expected one entry per topic ({len(ids)})")


def _outlet_words(words, source) -> frozenset[str]:
    """The saved outlet names (:mod:`topics.text.outlets`); InputError naming ``source`` when they are not a list of text."""
    if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
        raise InputError(source, "outlet_words must be a list of words")
    return frozenset(words)
