"""The checks of a TopicModel's parameters, run before any work (``fit``, ``load``, an update).

A bad parameter fails at once with a clear message, before the embedding and the clustering spend
their minutes (a theme file that cannot be read is named here, not after the clustering).
Owns the parameter checks of :class:`topics.modeling.model.TopicModel`. May import: numpy, the
errors, sampling's limits, the alias table and the theme loader.
"""

from __future__ import annotations

import os

import numpy as np

from topics.errors import InputError
from topics.modeling.sampling import MIN_MAX_FIT_UNITS

# Parameters added since a model could be pickled or saved, at the value that does what a model made
# before them did (not today's default): before ``formulas``, fit clustered the units' own vectors, so
# ``predict`` given a Corpus must read them so too.
EARLIER_PARAMS = {"formulas": None}


def check_model_params(model) -> None:
    """Raise :class:`topics.errors.InputError` naming the first of ``model``'s parameters that is not valid."""
    if model.n_topics is not None and (
        not isinstance(model.n_topics, (int, np.integer)) or isinstance(model.n_topics, bool) or model.n_topics < 1
    ):
        raise InputError("TopicModel", f"n_topics must be None or a positive integer, not {model.n_topics!r}")
    if model.min_topic_size is not None and (
        not isinstance(model.min_topic_size, (int, np.integer)) or model.min_topic_size < 2
    ):
        raise InputError("TopicModel", f"min_topic_size must be None or an integer >= 2, not {model.min_topic_size!r}")
    if model.max_fit_units is not None and (
        not isinstance(model.max_fit_units, (int, np.integer)) or isinstance(model.max_fit_units, bool)
        or model.max_fit_units < MIN_MAX_FIT_UNITS
    ):
        raise InputError(
            "TopicModel", f"max_fit_units must be None or an integer >= {MIN_MAX_FIT_UNITS}, not {model.max_fit_units!r}"
        )
    if model.formulas not in ("leave_out", None):
        raise InputError("TopicModel", f'formulas must be "leave_out" or None, not {model.formulas!r}')
    if model.clustering not in ("graph", "umap"):
        raise InputError("TopicModel", f'clustering must be "graph" or "umap", not {model.clustering!r}')
    if isinstance(model.word_weight, bool) or not isinstance(model.word_weight, (int, float, np.number)) or not (
        0.0 <= float(model.word_weight) < 1.0
    ):
        raise InputError("TopicModel", f"word_weight must be a number from 0 to below 1, not {model.word_weight!r}")
    from topics.text.alias_mining import AliasTable

    # Checked here, before the clustering: the fit mines aliases on another thread and reads them last.
    if not (model.aliases is True or model.aliases is False or model.aliases is None or isinstance(model.aliases, AliasTable)):
        raise InputError("TopicModel", f"aliases must be True, False or an AliasTable, not {type(model.aliases).__name__}")
    from topics.themes.guided import Themes
    from topics.themes.themefile import load_themes

    if model.themes is not None and not isinstance(model.themes, Themes):
        load_themes(model.themes)  # a theme file that cannot be read fails here, naming the file, before the clustering
    if not isinstance(model.n_keywords, (int, np.integer)) or model.n_keywords < 1:
        raise InputError("TopicModel", f"n_keywords must be a positive integer, not {model.n_keywords!r}")
    if model.random_state is not None and (isinstance(model.random_state, bool) or not isinstance(model.random_state, (int, np.integer))
                                           or not 0 <= model.random_state < 2**32):
        raise InputError("TopicModel", f"random_state must be None or a whole number from 0 to 2**32 - 1 (numpy's seeds), "
                                       f"not {model.random_state!r}")
    if isinstance(model.n_keywords, bool):
        raise InputError("TopicModel", f"n_keywords must be a positive integer, not {model.n_keywords!r}")
    if isinstance(model.n_representatives, bool) or not isinstance(model.n_representatives, (int, np.integer)) \
            or model.n_representatives < 1:
        raise InputError("TopicModel", f"n_representatives must be a positive integer, not {model.n_representatives!r}")
    if not isinstance(model.reduce_outliers, (bool, np.bool_)):
        raise InputError("TopicModel", f"reduce_outliers must be True or False, not {model.reduce_outliers!r}")
    embedder = model.embedder  # an Embedder, the name or folder of its model, or what embeds as one does
    if not (embedder is None or isinstance(embedder, (str, os.PathLike)) or callable(getattr(embedder, "encode", None))):
        raise InputError("TopicModel", f"embedder must be a topics.Embedder, a model name or folder, or an object with an "
                                       f"encode(texts) method, not {type(embedder).__name__}")
    similarity = model.outlier_similarity
    if similarity is not None and (isinstance(similarity, bool) or not isinstance(similarity, (int, float, np.number))
                                   or not -1.0 <= float(similarity) <= 1.0):  # NaN fails the range too
        raise InputError("TopicModel", f"outlier_similarity must be None or a cosine from -1 to 1, not {similarity!r}")
