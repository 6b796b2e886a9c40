"""map.png: a static map of the units coloured by topic, for papers and slides."""

from __future__ import annotations

import io

import numpy as np

from topics.viz.figures import padded_range, shorten, topic_anchors
from topics.viz.label_placement import from_fraction, place_labels, to_fraction

WIDTH_IN, HEIGHT_IN, DPI = 10.0, 7.0, 200  # 2000 x 1400 pixels
LABEL_CHARS = 34
LEGEND_MAX_TOPICS = 48  # past this, the labels on the map say more than a legend could


def map_size_px() -> tuple[int, int]:
    """(width, height) of map.png in pixels."""
    return int(round(WIDTH_IN * DPI)), int(round(HEIGHT_IN * DPI))


def drawn_text(value) -> str:
    """``value`` as matplotlib draws it literally: a "$" would start TeX math ("$\\frac$" stops the
    drawing with a parse error; "US$ 5 and $10" turns italic), so it is escaped."""
    return str(value).replace("$", "\\$")


def render_map_png(data, color_by: str = "topic") -> bytes:
    """PNG bytes of the map drawn from ``data`` (a ReportData), coloured by topic, or by primary
    theme with ``color_by="theme"`` (units under no theme grey)."""
    from topics.viz.figures import map_groups

    # The object-oriented API with an Agg canvas: no pyplot global state, no display needed.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    units = data.units
    n = len(units)
    point_size = 36 if n <= 300 else 14 if n <= 3000 else 4

    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    handles, names, drawn = [], [], []
    for group in map_groups(data, color_by):
        members = group["members"]
        if not len(members):
            continue  # a theme that took no unit: nothing drawn, no legend entry
        drawn.append(group)
        if group["background"]:
            handles.append(axes.scatter(members["x"], members["y"], s=point_size * 0.6, c=group["color"], alpha=0.5,
                                        linewidths=0, rasterized=n > 20000))
        else:
            handles.append(axes.scatter(
                members["x"], members["y"], s=point_size, c=group["color"], alpha=0.85,
                edgecolors="white", linewidths=0.4, rasterized=n > 20000,
            ))
        names.append(drawn_text(group["name"]))
    x_range, y_range = padded_range(units["x"]), padded_range(units["y"])
    axes.set_xlim(*x_range)
    axes.set_ylim(*y_range)
    axes.set_xticks([])
    axes.set_yticks([])
    for spine in axes.spines.values():
        spine.set_color("#d0d5de")
    doc = data.document
    axes.set_title(
        drawn_text(data.headline),
        loc="left", fontsize=13, color="#1d2330",
    )
    show_legend = sum(not group["background"] for group in drawn) <= LEGEND_MAX_TOPICS  # the grey rest not counted
    if color_by == "theme" and not show_legend:
        # No labels on a theme map: the legend shows the largest themes and says how many it leaves out.
        largest = sorted(sorted(range(len(handles)), key=lambda i: -len(drawn[i]["members"]))[: LEGEND_MAX_TOPICS - 1])
        left_out = len(handles) - len(largest)
        handles = [handles[i] for i in largest] + [axes.scatter([], [], s=0)]
        names = [names[i] for i in largest] + [f"+{left_out} more themes (see the report)"]
        show_legend = True
    if show_legend:
        # Handles and names given, not collected: a name starting with "_" would be left out.
        axes.legend(
            handles, names, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8.5, markerscale=1.2,
            title="themes" if color_by == "theme" else "topics", title_fontsize=9, ncols=1 if len(handles) <= 24 else 2,
        )
    # Last: label sizes are measured against the final axes (after title and legend took their room).
    if color_by == "topic":
        _draw_labels(figure, axes, data, x_range, y_range)
    buffer = io.BytesIO()
    # A fixed-size canvas (no bbox_inches="tight"), so the image is always WIDTH x HEIGHT.
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": doc["generator"]})
    return buffer.getvalue()


def _draw_labels(figure, axes, data, x_range, y_range) -> None:
    """Topic labels at topic centres; measured after a first layout, then moved apart where they collide."""
    from matplotlib import patheffects

    anchors = topic_anchors(data)
    if not anchors:
        return
    halo = [patheffects.withStroke(linewidth=3.5, foreground="white")]
    texts = [
        axes.text(x, y, drawn_text(shorten(topic["label"], LABEL_CHARS)), ha="center", va="center", fontsize=9.5,
                  fontweight="bold", color="#1d2330", path_effects=halo, zorder=5)
        for topic, x, y in anchors
    ]
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    box = axes.get_window_extent(renderer)
    sizes = []
    for text in texts:
        extent = text.get_window_extent(renderer)
        sizes.append(((extent.width + 8) / box.width, (extent.height + 6) / box.height))
    lower, upper = np.array([x_range[0], y_range[0]]), np.array([x_range[1], y_range[1]])
    centres = np.array([[x, y] for _, x, y in anchors])
    placed = from_fraction(place_labels(to_fraction(centres, lower, upper), sizes), lower, upper)
    for text, (topic, x, y), (label_x, label_y) in zip(texts, anchors, placed):
        text.set_position((label_x, label_y))
        if not np.allclose((label_x, label_y), (x, y)):
            axes.annotate("", xy=(x, y), xytext=(label_x, label_y), zorder=4,
                          arrowprops={"arrowstyle": "-", "color": topic["color"], "lw": 1.0, "shrinkA": 6, "shrinkB": 2})
