"""Topic colours shared by the Jupyter figures, the HTML report, the static maps and topics.json.

Owns the colour of each topic (and of outliers). May import: nothing from topics.
"""

from __future__ import annotations

import colorsys

OUTLIER_COLOR = "#b8b8b8"
# A qualitative palette that stays distinct on screen and in print (Tableau 10, then ten more
# chosen to differ from those and from the outlier grey).
BASE_COLORS = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#3b3b98",
    "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d", "#17becf",
    "#d37295", "#d4a6c8", "#843c39", "#bcbd22", "#499894",
]


def topic_color(position: int) -> str:
    """Colour of topic number ``position`` (outliers excluded)."""
    if position < len(BASE_COLORS):
        return BASE_COLORS[position]
    # Past the palette: spread hues by the golden ratio so neighbours differ.
    hue = (position * 0.618033988749895) % 1.0
    red, green, blue = colorsys.hls_to_rgb(hue, 0.5, 0.55)
    return "#{:02x}{:02x}{:02x}".format(int(red * 255), int(green * 255), int(blue * 255))


def topic_colors(topic_ids) -> dict[int, str]:
    """{topic id: colour}, outliers (-1) grey; a topic's colour follows its id, so a topic that keeps
    its id from an earlier run (``--previous``) keeps its colour even when others came or went."""
    colors = {-1: OUTLIER_COLOR}
    for topic_id in sorted(int(t) for t in topic_ids if t != -1):
        colors[topic_id] = topic_color(topic_id)
    return colors


# Lighter, darker, then further lighter and darker: a subtopic keeps its topic's hue.
SHADES = (0.0, 0.45, -0.35, 0.7, -0.55, 0.25, -0.2, 0.85)


def subtopic_color(topic_color_hex: str, subtopic: int) -> str:
    """A shade of the topic's colour for its ``subtopic``-th subtopic (0 is the topic colour itself)."""
    shade = SHADES[subtopic % len(SHADES)]
    channels = [int(topic_color_hex[i : i + 2], 16) for i in (1, 3, 5)]
    target = 255 if shade > 0 else 0
    mixed = [round(c + (target - c) * abs(shade)) for c in channels]
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def contrast_on_white(color_hex: str) -> float:
    """WCAG contrast ratio of ``color_hex`` against white (1 to 21)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(color_hex[i : i + 2], 16)) for i in (1, 3, 5))
    return 1.05 / (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05)


def ink_color(color_hex: str, contrast: float = 4.5) -> str:
    """``color_hex`` darkened (same hue) until text or a thin line in it reads on white: points keep the
    palette's colour, the words and outlines that name it use this (a yellow topic's is a dark ochre)."""
    channels = [int(color_hex[i : i + 2], 16) for i in (1, 3, 5)]
    for step in range(21):
        mixed = "#{:02x}{:02x}{:02x}".format(*(round(c * (1 - step / 20)) for c in channels))
        if contrast_on_white(mixed) >= contrast:
            return mixed
    return "#000000"
