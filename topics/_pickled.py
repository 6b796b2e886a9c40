"""Objects pickled by an earlier version of topics, read back by this one.

A pickle holds the attributes its object had then. What was added since reads as a fresh object's:
``later_defaults`` (called by ``__setstate__``) gives each constructor parameter the pickle lacks its
default, and each name in ``defaults`` its value (a count at 0, a handle loaded on first use). Fitted
state that has no default (learned from the corpus) is checked where it is needed: ``refuse_missing``
says that the object was fitted by an earlier version and must be fitted again, instead of an
AttributeError.
"""

from __future__ import annotations

import inspect

from topics.errors import TopicsError


def later_defaults(obj, defaults: dict | None = None, *, unstored=()) -> None:
    """Give ``obj`` (just unpickled) what an earlier version did not store: each constructor parameter
    kept under its own name (all but ``unstored``, and those the class reads otherwise, as a property),
    and each name of ``defaults``, at its default (which outranks the parameter's: what an earlier version
    did may differ from what a fresh object does)."""
    for name, value in (defaults or {}).items():  # first: a value given here outranks the parameter's default
        if name not in vars(obj):
            setattr(obj, name, value)
    for name, parameter in inspect.signature(type(obj).__init__).parameters.items():
        if (parameter.default is inspect.Parameter.empty or name in unstored or hasattr(type(obj), name)
                or name in vars(obj)):
            continue
        setattr(obj, name, parameter.default)


def refuse_missing(obj, names, what: str) -> None:
    """TopicsError when ``obj`` lacks fitted state among ``names``: it was fitted (and pickled) by an
    earlier version, which did not learn it; ``what`` names the call that needs it."""
    missing = [name for name in names if not hasattr(obj, name)]
    if missing:
        raise TopicsError(
            f"this {type(obj).__name__} was fitted by an earlier version of topics: it lacks {', '.join(missing)}, "
            f"which {what} needs; fit it again"
        )
