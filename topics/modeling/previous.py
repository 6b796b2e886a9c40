"""An earlier run, read back: which topic each unit had, the topics' names, keywords and events.

The earlier run is a report folder (``topics.json``, as ``topics report`` writes it) or a saved
model folder (``TopicModel.save``). :func:`read_previous` reads either into a
:class:`PreviousRun`; :func:`check_previous` refuses one that cannot be compared with the
current corpus (another level, another embedding model, no unit in common), so topics are
never matched silently against the wrong run.
Owns reading an earlier run. May import: numpy, pandas, ``topics.errors``, ``topics.validate``,
``topics.embedding.model_id`` (the model ids older versions wrote), ``topics.embedding.onnx_backend``
(which model ids differ only by the CPU's int8 scheme), ``topics.modeling.placement`` (which
kinds of fit have floors) and lazily the model's loader;
never the report package (the report schema's name is read as plain JSON).
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from topics.controls import shown_on_a_page
from topics.embedding.model_id import earlier_id_names, is_earlier_folder_id
from topics.errors import InputError, TopicsWarning
from topics.modeling import placement
from topics.modeling.event_titles import RULES_LABEL
from topics.validate import check_grown_marks, check_named_sizes, not_a_file, other_version, parse_json, read_file_text, user_path

REPORT_SCHEMA = ("topics-report", 1)  # the topics.json this version reads (topics.report.tables.SCHEMA)
# A fit's kinds (``TopicModel.mode_``): "fixed" with n_topics, "single" for a corpus with no structure to find.
CLUSTERINGS = ("automatic", "guided", "fixed", "single")


@dataclass(frozen=True)
class PreviousRun:
    """What an earlier run decided, row-aligned over its units."""

    folder: str
    kind: str  # "report" or "model"
    level: str | None  # None when the folder does not say (a saved model)
    embedding_model: str | None
    generated_at: str | None
    unit_ids: np.ndarray  # str
    labels: np.ndarray  # int, -1 = outlier
    coords: np.ndarray | None  # (n, 2) map layout, or None
    topics: pd.DataFrame  # topic_id, label, size, keywords (list of str), keyword_weights (list of float), named_size (None: not kept)
    events: list  # [{topic_id, subtopic, label, peak_date}] ([] when unknown; subtopic None in a report written before it was kept)
    last_date: str | None  # the earlier corpus's last article date
    texts: np.ndarray | None = None  # each unit's text, when the folder keeps it (to tell another corpus)
    aliases: list | None = None  # the alias groups it used ([{canonical, names}]), None when unknown
    subtopics: np.ndarray | None = None  # each unit's subtopic number (-1 = outlier), None when not kept
    subtopic_table: pd.DataFrame | None = None  # topic_id, subtopic, label, keywords, representative_unit_ids, is_event, named_size, grown_from_burst
    neighbours: tuple | None = None  # the units' content neighbours and similarities (a saved model's subtopics), None when not kept
    text_material: object | None = None  # a saved model's TextMaterial (each text's naming material), None when not kept
    lexical_space: object | None = None  # a saved model's words' space (fitted with n_topics), None when not kept
    clustering: str | None = None  # the earlier fit's kind (CLUSTERINGS), None when the folder does not say
    # The earlier fit's outlier settings (reduce_outliers, outlier_similarity): its floors, None when the folder does not say.
    outlier_settings: tuple | None = None
    # How many units the corpus had when its topics were last fitted (updates since placed the rest), None when unknown.
    units_at_fit: int | None = None
    # How many of its units the earlier fit's clustering saw (the rest followed a sample's vote or an update placed
    # them), None when unknown: a new unit is searched among them all for a near copy only when it saw them all.
    clustered: int | None = None
    # Whether a saved model was fitted on texts without ids (numbered 0, 1, ...), None when the folder does not say.
    ids_numbered: bool | None = None

    @property
    def n_units(self) -> int:
        return len(self.unit_ids)

    @property
    def has_floors(self) -> bool:
        """Whether a new unit must reach a topic's floor to join it, as the earlier model's ``predict`` asks:
        yes for a fit that keeps outliers (automatic, guided), no for k-means topics (``n_topics``) or a single
        topic, which take every unit (:func:`topics.modeling.placement.has_floors`). Read from the earlier fit's
        kind; a folder that does not say has floors when it has outliers."""
        if self.clustering is not None:
            return placement.has_floors(self.clustering)
        return bool((self.labels < 0).any())

    def label_of(self) -> dict[int, str]:
        return {int(t): str(l) for t, l in zip(self.topics["topic_id"], self.topics["label"])}


def read_previous(folder: str | Path) -> PreviousRun:
    """Read the report or saved model in ``folder`` (InputError naming it when it is neither, or damaged)."""
    if not isinstance(folder, (str, os.PathLike)):
        # A fitted model or a result in memory is a natural thing to pass: say how to give it.
        raise InputError("previous", f"expected the path of an earlier report folder or saved model folder, not "
                                     f"{type(folder).__name__} (a TopicModel is given by its folder: model.save(folder))")
    folder = user_path(folder)
    if not folder.exists():
        raise InputError(folder, "no such folder (the earlier run to compare with)")
    if not folder.is_dir():
        raise InputError(folder, "not a folder: give the earlier report folder or saved model folder")
    for name in ("topics.json", "assignments.csv", "model.json"):  # a pipe there would hang the read; a link to nowhere is no "missing"
        problem = not_a_file(folder / name)
        if problem:
            raise InputError(folder / name, f"{problem}: an earlier report or saved model holds a file here")
    if (folder / "topics.json").is_file():
        return _read_report(folder)
    if (folder / "model.json").is_file():
        return _read_model(folder)
    raise InputError(folder, "neither a topics report (topics.json) nor a saved topic model (model.json)")


def _read_report(folder: Path) -> PreviousRun:
    path = folder / "topics.json"
    try:
        document = parse_json(read_file_text(path))
    except (OSError, ValueError) as exc:
        raise InputError(path, f"unreadable report: {exc}") from None
    if isinstance(document, dict) and document.get("schema") == REPORT_SCHEMA[0] and document.get("schema_version") != REPORT_SCHEMA[1]:
        raise InputError(path, other_version("report", document.get("schema_version"), REPORT_SCHEMA[1]))
    if not isinstance(document, dict) or (document.get("schema"), document.get("schema_version")) != REPORT_SCHEMA:
        found = (document.get("schema"), document.get("schema_version")) if isinstance(document, dict) else None
        raise InputError(path, f"not a report this version can compare with (schema {found!r}, expected {REPORT_SCHEMA!r})")
    try:
        units = document["units"]
        unit_ids = np.array([str(u["unit_id"]) for u in units], dtype=object)
        labels = np.array([int(u["topic_id"]) for u in units], dtype=np.int64)
        coords = np.array([[float(u["x"]), float(u["y"])] for u in units], dtype=np.float64).reshape(-1, 2)
        topics = pd.DataFrame(
            [
                {
                    "topic_id": int(t["topic_id"]),
                    "label": str(t["label"]),
                    "size": int(t["size"]),
                    "keywords": [str(k["term"]) for k in t.get("keywords", [])],
                    "keyword_weights": [float(k["weight"]) for k in t.get("keywords", [])],
                    "named_size": t.get("named_size"),  # checked below; absent from a report written before it was kept
                }
                for t in document["topics"]
            ],
            columns=TOPIC_FIELDS,
        )
        aliases = document.get("aliases")
        aliases = None if aliases is None else [{"canonical": str(g["canonical"]), "names": [str(n) for n in g["names"]]} for g in aliases]
        events = [
            {"topic_id": int(e["topic_id"]), "subtopic": None if e.get("subtopic") is None else int(e["subtopic"]),
             "label": str(e["label"]), "peak_date": e.get("peak_date")}
            for e in document.get("events") or []
        ]
        corpus = document.get("corpus") or {}
        if not isinstance(corpus, dict):
            raise TypeError("'corpus' is not a table of fields")
        subtopics, subtopic_table = _report_subtopics(document)
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise InputError(path, f"report is damaged ({type(exc).__name__}: {exc})") from None
    _check_report(path, document, labels, coords, topics)
    _check_sizes(path, document, labels, topics, subtopics)
    last_date = _report_date(path, corpus.get("last_date"), "the corpus's last date")
    for event in events:
        event["peak_date"] = _report_date(path, event["peak_date"], f"the peak date of event {event['topic_id']}.{event['subtopic']}")
    topics["named_size"] = pd.Series(check_named_sizes(topics["named_size"], path, [f"topic {t}" for t in topics["topic_id"]]), dtype=object)
    if subtopic_table is not None:
        names = [f"topic {t}, subtopic {p}" for t, p in zip(subtopic_table["topic_id"], subtopic_table["subtopic"])]
        subtopic_table["named_size"] = pd.Series(check_named_sizes(subtopic_table["named_size"], path, names), dtype=object)
        subtopic_table["grown_from_burst"] = pd.Series(check_grown_marks(subtopic_table["grown_from_burst"], path, names), dtype=bool)
    return PreviousRun(
        folder=str(folder), kind="report", level=document.get("level"), embedding_model=document.get("embedding_model"),
        generated_at=document.get("generated_at"), unit_ids=unit_ids, labels=labels, coords=coords, topics=topics,
        events=events, last_date=last_date, texts=_report_texts(folder, unit_ids), aliases=aliases,
        subtopics=subtopics, subtopic_table=subtopic_table, clustering=_clustering(document),
        outlier_settings=_outlier_settings(document.get("parameters")),
        units_at_fit=_units_at_fit(document.get("parameters")),
        clustered=_count(document.get("parameters"), "units the clustering was fitted on"),
    )


def _clustering(document: dict) -> str | None:
    """The earlier fit's kind a report names among its parameters (None when it names none)."""
    parameters = document.get("parameters")
    kind = parameters.get("clustering") if isinstance(parameters, dict) else None
    return kind if kind in CLUSTERINGS else None


def _units_at_fit(parameters) -> int | None:
    """How many units the earlier run's topics were fitted on, as its parameters say (None when they do not,
    or say something no run writes: then growth counts from that run alone, as before it was kept)."""
    return _count(parameters, "units when the topics were fitted")


def _count(parameters, name: str) -> int | None:
    """A count of units the earlier run's parameters give under ``name`` (None when absent or no count)."""
    value = parameters.get(name) if isinstance(parameters, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def _outlier_settings(parameters) -> tuple | None:
    """(reduce_outliers, outlier_similarity) as an earlier fit's parameters name them (None when they do not)."""
    if not isinstance(parameters, dict) or not isinstance(parameters.get("reduce_outliers"), bool):
        return None
    similarity = parameters.get("outlier_similarity")
    if similarity is not None and (isinstance(similarity, bool) or not isinstance(similarity, (int, float))
                                   or not -1 <= similarity <= 1):
        return None  # a cosine floor or none (NaN fails the range too): a damaged value is no setting
    return bool(parameters["reduce_outliers"]), None if similarity is None else float(similarity)


def _check_report(path: Path, document: dict, labels: np.ndarray, coords: np.ndarray, topics: pd.DataFrame) -> None:
    """Refuse a topics.json that parses but that this version never writes: matching against it
    would be silently wrong (or fail later, after the fit)."""
    for field in ("level", "embedding_model"):
        if not isinstance(document.get(field), str) or not document[field]:
            raise InputError(path, f"report is damaged: no {field!r} (every report names it)")
    if not np.isfinite(coords).all():
        raise InputError(path, f"report is damaged: {int((~np.isfinite(coords)).any(axis=1).sum())} units have no finite map position")
    unknown = sorted(set(np.unique(labels).tolist()) - set(topics["topic_id"].tolist()) - {-1})
    if unknown:
        raise InputError(path, f"report is damaged: units are in topic {unknown[0]}, which its topic list does not hold")
    ids = topics["topic_id"]
    if ids.duplicated().any() or (ids < 0).any():
        which = int(ids[ids.duplicated() | (ids < 0)].iloc[0])
        raise InputError(path, f"report is damaged: its topic list holds topic {which} twice or holds a negative topic id")


def _check_sizes(path: Path, document: dict, labels: np.ndarray, topics: pd.DataFrame, subtopics) -> None:
    """Refuse a report whose topics' (and subtopics') sizes are not the counts of their units: a units list
    cut short, or sizes edited, would make every comparison with it wrong without a word."""
    counts = pd.Series(labels).value_counts()
    for topic_id, size in zip(topics["topic_id"], topics["size"]):
        if size != counts.get(topic_id, 0):
            raise InputError(path, f"report is damaged: topic {topic_id} has size {size} but {int(counts.get(topic_id, 0))} "
                                   "of its units are in it (units cut short, or sizes edited?)")
    if subtopics is None:
        return
    pairs = pd.Series(list(zip(labels.tolist(), subtopics.tolist()))).value_counts()
    listed = {(int(topic["topic_id"]), int(sub["subtopic"])) for topic in document["topics"] for sub in topic["subtopics"]}
    unlisted = sorted(pair for pair in pairs.index if pair not in listed and min(pair) >= 0)
    if unlisted:
        raise InputError(path, f"report is damaged: units are in subtopic {unlisted[0][0]}.{unlisted[0][1]}, which its topic does not list")
    for topic in document["topics"]:
        for sub in topic["subtopics"]:
            key, size = (int(topic["topic_id"]), int(sub["subtopic"])), sub.get("size")
            if size is not None and size != pairs.get(key, 0):
                raise InputError(path, f"report is damaged: subtopic {key[0]}.{key[1]} has size {size} but "
                                       f"{int(pairs.get(key, 0))} of its units are in it")


def _report_date(path: Path, value, what: str) -> str | None:
    """``value`` as a report writes a date (an ISO day, "2021-08-26"), or None; anything else is damage
    (the date is shown in the new report, so it must be a date)."""
    if value is None:
        return None
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    shown = " ".join(repr(value)[:40].split())
    raise InputError(path, f"report is damaged: {what} is {shown}, not a date (YYYY-MM-DD)")


TOPIC_FIELDS = ["topic_id", "label", "size", "keywords", "keyword_weights", "named_size"]
SUBTOPIC_FIELDS = ["topic_id", "subtopic", "label", "keywords", "representative_unit_ids", "is_event", "named_size", "grown_from_burst"]


def _report_subtopics(document: dict) -> tuple[np.ndarray | None, pd.DataFrame | None]:
    """Each unit's subtopic and the subtopics' names, from topics.json (None, None when it has none)."""
    units = document["units"]
    if not units or any("subtopic" not in u for u in units) or any("subtopics" not in t for t in document["topics"]):
        return None, None
    table = pd.DataFrame(
        [
            {"topic_id": int(t["topic_id"]), "subtopic": int(s["subtopic"]), "label": str(s["label"]),
             "keywords": [str(k) for k in s.get("keywords", [])],
             "representative_unit_ids": [str(r["unit_id"]) for r in s.get("representative_units", [])],
             "is_event": bool(s.get("is_event", False)), "named_size": s.get("named_size"),
             # Whether it grew from a burst (checked below; missing in a report written before the mark was kept).
             "grown_from_burst": s.get("grown_from_burst"),
             # The label the rules gave before a headline phrase led it (None: a report written before it was kept).
             RULES_LABEL: None if s.get(RULES_LABEL) is None else str(s[RULES_LABEL])}
            for t in document["topics"] for s in t["subtopics"]
        ],
        columns=[*SUBTOPIC_FIELDS, RULES_LABEL],
    )
    return np.array([int(u["subtopic"]) for u in units], dtype=np.int64), table


def _report_texts(folder: Path, unit_ids: np.ndarray) -> np.ndarray:
    """The units' texts from assignments.csv (a spreadsheet-safe leading ' removed).

    Every report writes the file; the texts are what tells another corpus whose ids repeat
    (row-000001 ...), so a report without them, or with a damaged file, is refused."""
    path = folder / "assignments.csv"
    if not path.is_file():
        raise InputError(folder, "the report is incomplete: assignments.csv is missing (its texts tell whether the units are the same)")
    try:
        table = pd.read_csv(path, usecols=["unit_id", "text"], dtype=str, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(path, f"report is damaged: unreadable ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})") from None
    # Cells hold controls as visible escapes (raw in reports written before): ids are matched, and
    # texts compared (_text_key), in that escaped form.
    text_of = dict(zip(table["unit_id"].map(_unescape_cell).map(shown_on_a_page), table["text"].map(_unescape_cell)))
    keys = [shown_on_a_page(str(u)) for u in unit_ids]
    missing = sum(key not in text_of for key in keys)
    if missing:
        raise InputError(path, f"report is damaged: {missing} of the {len(unit_ids)} units of topics.json are not in it (cut short?)")
    if len(table) != len(unit_ids):  # one row per unit, as every report writes them
        raise InputError(path, f"report is damaged: it has {len(table)} rows for the {len(unit_ids)} units of topics.json")
    return np.array([text_of[key] for key in keys], dtype=object)


def _unescape_cell(value: str) -> str:
    # topics.report.csv_safe puts ' before a cell a spreadsheet would read as a formula.
    return value[1:] if value.startswith("'") and value[1:2] in ("=", "+", "-", "@", "\t", "\r") else value


def _read_model(folder: Path) -> PreviousRun:
    from topics.modeling.model import TopicModel
    from topics.modeling.update_describe import named_sizes

    model = TopicModel.load(folder)  # InputError naming the folder when damaged
    meta = parse_json(read_file_text(folder / "model.json"))
    info = model.topic_info()
    info = info[info["topic_id"] != -1]
    # A model saved before the sizes were kept has none (None): an update counts from the topics' sizes then.
    sizes = named_sizes(model) if getattr(model, "named_sizes_", None) is not None else {}
    info = info.assign(named_size=pd.Series([sizes.get(int(t)) for t in info["topic_id"]], index=info.index, dtype=object))
    dates = pd.to_datetime(model.units_["date"], errors="coerce", utc=True) if "date" in model.units_ else pd.Series([], dtype=object)
    last = dates.max() if len(dates) else None
    return PreviousRun(
        folder=str(folder), kind="model", level=None, embedding_model=meta.get("embedder_model_id"), generated_at=None,
        unit_ids=model.units_["unit_id"].astype(str).to_numpy(dtype=object), labels=np.asarray(model.labels_, dtype=np.int64),
        coords=np.asarray(model.coords_2d_, dtype=np.float64), topics=info[TOPIC_FIELDS].reset_index(drop=True),
        events=_model_events(model), last_date=None if last is None or pd.isna(last) else last.date().isoformat(),
        texts=model.units_["text"].to_numpy(dtype=object), aliases=meta.get("aliases"),
        text_material=getattr(model, "text_material_", None), lexical_space=getattr(model, "lexical_space_", None),
        clustering=str(model.mode_), outlier_settings=(bool(model.reduce_outliers), model.outlier_similarity),
        units_at_fit=getattr(model, "units_at_fit_", None), clustered=getattr(model, "fit_sample_size_", None),
        ids_numbered=getattr(model, "ids_numbered_", None),
        **_model_subtopics(model),
    )


def _model_subtopics(model) -> dict:
    """The subtopics a saved model kept (:func:`topics.modeling.persist.save_model` keeps them once computed)."""
    cached = getattr(model, "_subtopics_cache", None)
    if cached is None or cached[0] is not model.labels_:
        return {}
    from topics.modeling.event_titles import RULES_LABEL

    found = cached[1]
    fields = SUBTOPIC_FIELDS + [RULES_LABEL] * (RULES_LABEL in found.table)  # an update starts from the rules' labels
    return {"subtopics": np.asarray(found.labels, dtype=np.int64), "subtopic_table": found.table[fields].reset_index(drop=True),
            "neighbours": found.neighbours}


def _model_events(model) -> list:
    """The events of the subtopics a saved model kept, as a report lists them ([] when it kept none)."""
    cached = getattr(model, "_subtopics_cache", None)
    if cached is None or cached[0] is not model.labels_:
        return []
    table = cached[1].table
    table = table[table["is_event"]]
    return [{"topic_id": int(t), "subtopic": int(s), "label": str(l), "peak_date": d}
            for t, s, l, d in zip(table["topic_id"], table["subtopic"], table["label"], table["peak_date"])]


def check_previous(previous: PreviousRun, level: str, embedding_model: str | None, unit_ids, texts=None, *,
                   model_source: str | None = None) -> np.ndarray:
    """Refuse an earlier run that cannot be compared; return, per current unit, its row in ``previous`` (-1 = new).

    ``model_source``: the folder the current model is loaded from; an earlier run whose model id
    an older version wrote (``<name>@<12 hex>``) is compared with it by that version's digest.

    With ``texts`` (and texts kept by the earlier run), a unit is the earlier unit of its id when
    their texts are the same, else the earlier unit of its article with its text (ids numbered
    otherwise, as an earlier version numbered paragraphs, do not make a seen text new); a unit
    whose text the earlier run did not have in its article counts as new. When most units with a
    shared id have texts the earlier run did not have, it is of another corpus (ids such as
    ``row-000001`` repeat across tables), and it is refused, unless the corpus holds most of the earlier
    run's texts under other ids (a table's rows numbered otherwise): then every unit is matched by its
    text alone, and a warning says so.
    """
    where = previous.folder
    if previous.level is not None and previous.level != level:
        raise InputError(where, f"the earlier run clustered {previous.level} units, this one {level} units: run both at one level")
    if previous.embedding_model and embedding_model and previous.embedding_model != embedding_model:
        from topics.embedding.onnx_backend import int8_on_another_cpu

        if int8_on_another_cpu(previous.embedding_model, embedding_model):
            # The same model and runner: each unit's vector moves a little, much less than topics differ.
            warnings.warn(f"{where}: the earlier run embedded with {previous.embedding_model!r}, the int8 scheme of "
                          f"another kind of CPU; this run uses {embedding_model!r}: the vectors differ slightly, "
                          "and the topics are matched as usual", TopicsWarning, stacklevel=3)
        else:
            _check_same_model(where, previous.embedding_model, embedding_model, model_source)
    if previous.n_units and len(set(previous.unit_ids)) != previous.n_units:
        raise InputError(where, "the earlier run lists a unit twice: it is damaged")
    row_of = {u: i for i, u in enumerate(previous.unit_ids)}
    rows = np.array([row_of.get(str(u), -1) for u in unit_ids], dtype=np.int64)
    if not (rows >= 0).any():
        if previous.kind == "model" and previous.ids_numbered:
            # Fitted on a list of texts: its units are numbered 0, 1, ... and no corpus's ids can be theirs.
            raise InputError(where, "the saved model was fitted on a list of texts, so its units have no corpus ids to "
                                    "match: fit it on corpus.units(level), or give an earlier report folder")
        # A model saved before that was kept, with units numbered 0, 1, ...: a list of texts or a corpus with such ids.
        unknown = previous.kind == "model" and previous.ids_numbered is None and \
            list(previous.unit_ids) == [str(i) for i in range(previous.n_units)]
        hint = " or a model fitted on a list of texts, whose units have no corpus ids" if unknown else ""
        raise InputError(where, f"the earlier run shares no unit with this corpus (another corpus?{hint}): nothing to compare")
    if texts is not None and previous.texts is not None:
        shared = np.flatnonzero(rows >= 0)
        rows = _matched_by_text(previous, [str(u) for u in unit_ids], texts, rows)
        same = rows[shared] >= 0
        if same.mean() < 0.5:
            # Ids numbered by row ("row-000001") move when a table gains rows above the earlier ones or is
            # sorted otherwise: the same corpus then holds most of the earlier run's texts under other ids.
            anywhere = _matched_anywhere(previous, texts)
            if (anywhere >= 0).sum() < 0.5 * previous.n_units:
                raise InputError(
                    where, f"{int((~same).sum())} of the {len(shared)} units with ids in common have other texts: "
                    "the earlier run is of another corpus"
                )
            warnings.warn(f"{where}: the units' ids have moved since the earlier run (a table's rows numbered otherwise?): "
                          f"{int((anywhere >= 0).sum())} of its {previous.n_units} units are matched by their texts",
                          TopicsWarning, stacklevel=3)
            rows = anywhere
    return rows


def _matched_anywhere(previous: PreviousRun, texts) -> np.ndarray:
    """Each unit's earlier row by its text alone (-1: new): the earlier units with that text, in order."""
    free: dict[str | None, list[int]] = {}
    for row, text in enumerate(previous.texts):
        free.setdefault(_text_key(text), []).append(row)
    rows = np.full(len(texts), -1, dtype=np.int64)
    for i, text in enumerate(texts):
        left = free.get(_text_key(text))
        if left:
            rows[i] = left.pop(0)
    return rows


def _check_same_model(where: str, earlier: str, current: str, model_source: str | None) -> None:
    """Refuse an earlier run of another model (or backend); one whose id an older version wrote is
    of the same model when that version's digest of the current model folder is the one it wrote."""
    if not is_earlier_folder_id(earlier):
        raise InputError(
            where, f"the earlier run used the embedding model {earlier!r}, this one {current!r}: topics cannot be matched; "
            "run with the model and backend the earlier run used (--model, --backend), or leave out --previous to start afresh"
        )
    if not earlier_id_names(earlier, current, model_source):
        raise InputError(
            where, f"the earlier run was written by an older version, which named its embedding model {earlier!r} (a model "
            f"folder, by a shorter digest of its files); this run's model {current!r} is not that folder or not that "
            "backend: give the same model folder with --model (and the same --backend), or leave out --previous to start afresh"
        )


def _matched_by_text(previous: PreviousRun, unit_ids: list[str], texts, by_id: np.ndarray) -> np.ndarray:
    """Each unit's earlier row: that of its id when the text is the same, else an earlier unit of its
    article with its text not taken yet (-1: the text is new to the article, or edited)."""
    earlier_texts, texts = list(previous.texts), list(texts)
    rows = by_id.copy()
    for i in np.flatnonzero(rows >= 0):
        # The same text has the same key: the keys (an escaping pass each) are made only for texts that differ.
        earlier = earlier_texts[rows[i]]
        if earlier != texts[i] and _text_key(earlier) != _text_key(texts[i]):
            rows[i] = -1
    taken = set(rows[rows >= 0].tolist())
    free: dict[tuple[str, str], list[int]] = {}
    for row, (unit_id, text) in enumerate(zip(previous.unit_ids, earlier_texts)):
        if row not in taken:
            free.setdefault((article_of(str(unit_id)), _text_key(text)), []).append(row)
    for i in np.flatnonzero(rows < 0):
        left = free.get((article_of(unit_ids[i]), _text_key(texts[i])))
        if left:
            rows[i] = left.pop(0)
    return rows


def article_of(unit_id: str) -> str:
    # A paragraph's id is its article's id, "#p" and its number; an article's is its own.
    article, mark, number = unit_id.rpartition("#p")
    return article if mark and number.isdigit() else unit_id


def current_ids(previous: PreviousRun, rows: np.ndarray, unit_ids) -> PreviousRun:
    """``previous`` with the units its subtopic table names (their representatives) under their
    current ids (a unit matched by its text may have another id now; one not matched: None)."""
    if previous.subtopic_table is None:
        return previous
    now = {str(previous.unit_ids[row]): str(u) for u, row in zip(unit_ids, rows) if row >= 0}
    table = previous.subtopic_table.copy()
    table["representative_unit_ids"] = [[now.get(str(u)) for u in ids] for ids in table["representative_unit_ids"]]
    return replace(previous, subtopic_table=table)


def _text_key(text) -> str | None:
    """A text as compared: the same but for spacing; controls as the escapes assignments.csv writes,
    so an earlier report's text (escaped) matches the corpus's (raw)."""
    return None if text is None else " ".join(shown_on_a_page(str(text)).split())
