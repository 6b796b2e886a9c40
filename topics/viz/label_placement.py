"""Place topic labels on a map without letting them cover each other."""

from __future__ import annotations

import numpy as np


def place_labels(
    anchors: np.ndarray,
    sizes: list[tuple[float, float]],
    max_steps: int = 8,
) -> np.ndarray:
    """Label centres near ``anchors`` whose boxes do not overlap, in axis fractions.

    ``anchors`` (k, 2) are the wanted centres and ``sizes`` the (width,
    height) of each label box, both as fractions of the plot (0..1). Labels
    are placed in the given order (put the most important first); a label
    that collides moves up or down in steps of its height, then sideways,
    and stays where it is when nothing free is found.
    """
    anchors = np.asarray(anchors, dtype=float).reshape(-1, 2)
    placed: list[tuple[float, float, float, float]] = []
    centres = anchors.copy()
    for i, ((x, y), (width, height)) in enumerate(zip(anchors, sizes)):
        for dx, dy in _candidate_offsets(width, height, max_steps):
            cx = float(np.clip(x + dx, width / 2, 1 - width / 2))
            cy = float(np.clip(y + dy, height / 2, 1 - height / 2))
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            if not any(_overlap(box, other) for other in placed):
                break
        else:
            cx, cy = float(x), float(y)
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
        centres[i] = (cx, cy)
        placed.append(box)
    return centres


def _candidate_offsets(width: float, height: float, max_steps: int):
    yield 0.0, 0.0
    for step in range(1, max_steps + 1):
        yield 0.0, step * height
        yield 0.0, -step * height
    for step in range(1, max_steps + 1):
        for sign_x in (1, -1):
            for sign_y in (0, 1, -1):
                yield sign_x * step * width / 2, sign_y * step * height


def _overlap(a, b, pad: float = 0.004) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def to_fraction(points: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    span = np.where(upper - lower == 0, 1.0, upper - lower)
    return (np.asarray(points, dtype=float) - lower) / span


def from_fraction(points: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    span = np.where(upper - lower == 0, 1.0, upper - lower)
    return lower + np.asarray(points, dtype=float) * span
