"""What ``Themes.fit`` learned, as JSON data: saved beside the declared themes and parameters, read back by load.

Every attribute the fit set is kept (the calibration, the learned regions, the keywords' and names' columns,
each unit's scores and themes, the units themselves), so that a loaded Themes answers ``assignments``,
``theme_info``, ``predict`` and ``transform`` as the fitted one did. No pickle: an array is its ``.npy``
bytes (``allow_pickle=False``) in base64, the units' table its Parquet bytes in base64 (ids keep their types:
:mod:`topics._parquet`), an array of names or lists a JSON list; tuples and sets are tagged so they come back as
such. Only these types are read back. Saved inside a TopicModel's folder, the units are the model's own (its
units.parquet): the state names them (``MODEL_UNITS``) instead of holding the corpus's text a second time.
The embedder is no state: load is given one (as fit is), the bundled model's by default.
May import: numpy, pandas, :mod:`topics._parquet`, :mod:`topics.errors`.
"""

from __future__ import annotations

import base64
import io

import numpy as np
import pandas as pd

from topics._parquet import read_parquet, write_parquet
from topics.errors import InputError

# Not saved here: the declared themes are the file's "themes", the model id its "model_id"; embedders are objects.
NOT_STATE = frozenset({"themes_", "model_id_", "_embedder", "_lead_embedder"})
# The saved units_ of themes saved with a TopicModel whose units they are: the model's units.parquet holds them.
MODEL_UNITS = {"model_units": "units.parquet"}


def fitted_state(themes, model_units: pd.DataFrame | None = None) -> dict:
    """The attributes ``fit`` set on ``themes`` (a fitted Themes), each as JSON data; its units as
    ``MODEL_UNITS`` where they are ``model_units`` (those of the model they are saved with)."""
    params = set(themes._get_param_names())
    state = {name: _encoded(value, name) for name, value in sorted(vars(themes).items())
             if name not in params and name not in NOT_STATE and name != "units_"}
    units = getattr(themes, "units_", None)
    if units is not None:
        shared = model_units is not None and units.equals(model_units)
        state["units_"] = dict(MODEL_UNITS) if shared else _encoded(units, "units_")
    return dict(sorted(state.items()))


def set_fitted_state(themes, state, source, model_units: pd.DataFrame | None = None) -> None:
    """Give ``themes`` the attributes of :func:`fitted_state` data (``model_units``: those of the model they
    were saved with, which ``MODEL_UNITS`` names); InputError naming ``source`` when damaged."""
    if not isinstance(state, dict) or "labels_" not in state:
        raise InputError(source, "fitted: expected the fitted state of a Themes (a JSON object with its labels_)")
    shared = state.get("units_") == MODEL_UNITS
    if shared and model_units is None:
        raise InputError(source, "fitted: its units are those of the TopicModel saved in this folder; "
                                 "load the folder with TopicModel.load")
    try:
        decoded = {name: model_units.copy() if shared and name == "units_" else _decoded(value)
                   for name, value in state.items()}
    except (TypeError, ValueError, KeyError, OSError, EOFError) as exc:
        raise InputError(source, f"fitted: the saved state is damaged ({type(exc).__name__}: {exc})") from None
    for name, value in decoded.items():
        # Fitted attributes end in "_" (private ones start with one); a dunder ("__class__") is never state.
        if not isinstance(name, str) or not name.endswith("_") and not name.startswith("_") or name.startswith("__") or name in NOT_STATE:
            raise InputError(source, f"fitted: {name!r} is not fitted state")
        setattr(themes, name, value)


def _encoded(value, name: str = "value"):
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            if value.ndim != 1:
                raise TypeError(f"{name}: cannot save a {value.ndim}-D array of objects")
            return {"objects": [_encoded(item, name) for item in value.tolist()]}
        buffer = io.BytesIO()
        np.save(buffer, value, allow_pickle=False)
        return {"npy": base64.b64encode(buffer.getvalue()).decode("ascii")}
    if isinstance(value, pd.DataFrame):
        buffer = io.BytesIO()
        write_parquet(value, buffer)
        return {"parquet": base64.b64encode(buffer.getvalue()).decode("ascii")}
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, list):
        return [_encoded(item, name) for item in value]
    if isinstance(value, tuple):
        return {"tuple": [_encoded(item, name) for item in value]}
    if isinstance(value, (set, frozenset)):
        kind = "frozenset" if isinstance(value, frozenset) else "set"
        return {kind: [_encoded(item, name) for item in sorted(value, key=repr)]}
    if isinstance(value, dict):
        return {"dict": [[_encoded(key, name), _encoded(item, name)] for key, item in value.items()]}
    raise TypeError(f"{name}: cannot save a {type(value).__name__}")


def _decoded(value):
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    if not isinstance(value, dict):
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        raise TypeError(f"unexpected {type(value).__name__}")
    if len(value) != 1:
        raise ValueError(f"unexpected object with keys {sorted(value)}")
    (kind, content), = value.items()
    if kind == "npy":
        return np.load(io.BytesIO(base64.b64decode(content, validate=True)), allow_pickle=False)
    if kind == "parquet":
        return read_parquet(io.BytesIO(base64.b64decode(content, validate=True)))
    if kind == "objects":
        items = [_decoded(item) for item in _list(content)]
        array = np.empty(len(items), dtype=object)
        for index, item in enumerate(items):  # one by one: lists of one length would make a 2-D array
            array[index] = item
        return array
    if kind == "tuple":
        return tuple(_decoded(item) for item in _list(content))
    if kind in ("set", "frozenset"):
        items = [_decoded(item) for item in _list(content)]
        return set(items) if kind == "set" else frozenset(items)
    if kind == "dict":
        return {_decoded(key): _decoded(item) for key, item in _list(content)}
    raise ValueError(f"unknown kind {kind!r}")


def _list(content) -> list:
    if not isinstance(content, list):
        raise TypeError(f"expected a list, not {type(content).__name__}")
    return content
