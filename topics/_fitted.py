"""What the estimators (``TopicModel``, ``Themes``) learn in ``fit``: the error for asking for it before
``fit``, and a ``fit`` that starts afresh and, when it fails, leaves the earlier fit as it was.

Owns those two; imported by the modules of the estimators alone (scikit-learn loads with it).
"""

from __future__ import annotations

import functools

from sklearn.exceptions import NotFittedError

from topics.errors import TopicsError


class ModelNotFittedError(TopicsError, NotFittedError):
    """A fitted attribute or method was used before ``fit`` (scikit-learn's NotFittedError too)."""


def refits(fit):
    """``fit`` that first drops what an earlier fit learned (the attributes named ``..._``, scikit-learn's mark
    of fitted state, but those the class's ``KEPT_ACROSS_FITS`` names), so that none this fit does not learn
    stays behind, and that puts every attribute back as it was when it raises: a refit that fails leaves the
    earlier fit whole, never half replaced."""

    @functools.wraps(fit)
    def fit_afresh(self, *args, **kwargs):
        before = dict(vars(self))
        kept = getattr(self, "KEPT_ACROSS_FITS", ())
        for name in before:
            if name.endswith("_") and not name.startswith("__") and name not in kept:
                delattr(self, name)
        try:
            return fit(self, *args, **kwargs)
        except BaseException:  # an interrupt too
            vars(self).clear()
            vars(self).update(before)
            raise

    return fit_afresh
