"""Errors that reach the user: each names the input and the problem."""

from __future__ import annotations

import os
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path


def _shown(message: str) -> str:
    # A message names files and columns from the corpus: its controls and bidi overrides show as
    # escapes wherever it is printed (a traceback, a notebook's stderr), not only through the CLI.
    from topics.console import visible

    return visible(message, multiline=True)


def _shown_source(source: str) -> str:
    # A file's name on one line whatever it holds: a newline or tab in it escaped (the message around it keeps
    # its own line breaks), bytes that are not UTF-8 shown as the \xe9 they are.
    from topics.console import visible

    return visible(source)


class TopicsError(Exception):
    """Base class for every error the toolkit raises on purpose."""

    def __str__(self) -> str:
        return _shown(super().__str__())


class InputError(TopicsError, ValueError):
    """Bad user input: names the file (or object) and what is wrong with it."""

    def __init__(self, source: str | Path | None, problem: str):
        self.source = str(source) if source is not None else None
        self.problem = problem
        super().__init__(f"{_shown_source(self.source)}: {problem}" if self.source else problem)

    def __reduce__(self):
        # Rebuilt from its two parts, so it crosses a process boundary (a Ray worker's error) whole.
        return type(self), (self.source, self.problem)


class ModelMismatchError(TopicsError, ValueError):
    """Vectors computed with one model were compared with vectors of another."""


class EmbeddingInterrupted(KeyboardInterrupt):
    """Ctrl-C while embedding: ``kept`` of the ``total`` texts have their vectors in the cache, so a
    new run embeds only the rest. A KeyboardInterrupt, so code that stops on one stops on it too."""

    def __init__(self, kept: int, total: int):
        self.kept = kept
        self.total = total
        super().__init__(f"interrupted: {kept} of {total} texts embedded and kept in the cache; run again to continue")


class TopicsWarning(UserWarning):
    """Something the user should know that did not stop the run (a rebuilt cache shard, an unsaved cache)."""

    def __str__(self) -> str:
        return _shown(super().__str__())


def warn_at_user_line(message: str) -> None:
    """A TopicsWarning pointed at the first line outside this package and scikit-learn (whose wrappers sit
    between a user's ``fit_transform`` and ours): the user's line, however many of our calls lie between it and
    here (a fixed ``stacklevel`` pointed ``fit_predict``'s at the model's own module)."""
    packages = (sys.modules[__package__], sys.modules.get("sklearn"))
    inside = tuple(os.path.dirname(p.__file__) + os.sep for p in packages if getattr(p, "__file__", None))
    level, frame = 2, sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(inside):
        level, frame = level + 1, frame.f_back
    warnings.warn(message, TopicsWarning, stacklevel=level)


@contextmanager
def failures_as_topics_error(doing: str):
    """Inside, an unexpected exception from a library becomes a TopicsError saying what was being
    done (``doing``) and what went wrong; our own errors pass through as they are."""
    try:
        yield
    except TopicsError:
        raise
    except Exception as exc:
        raise TopicsError(f"{doing}: {type(exc).__name__}: {exc}") from exc
