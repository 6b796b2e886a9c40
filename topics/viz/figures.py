"""Plotly figure specifications (plain dicts) for the HTML report.

Plotly draws hover texts, labels and axis titles as a small subset of HTML,
so every corpus-derived string goes through :func:`plot_text` (HTML-escaped)
before it enters a figure.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from topics.controls import shown_on_a_page
from topics.viz.palette import OUTLIER_COLOR
from topics.text.plain_text import shorten

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
LABEL_CHARS = 36
# Light (less similar) to dark (more similar), ColorBrewer "Blues".
SIMILARITY_COLORS = [[0.0, "#f7fbff"], [0.25, "#c6dbef"], [0.5, "#6baed6"], [0.75, "#2171b5"], [1.0, "#08306b"]]  # SVG scatter keeps up to a few thousand points; past that, WebGL


def plot_text(value, limit: int | None = None) -> str:
    """Corpus text made safe for plotly's HTML-like strings: one line, optionally shortened, escaped."""
    text = " ".join(str(value).split()) if limit is None else shorten(value, limit)
    return html.escape(shown_on_a_page(text), quote=True)


def map_groups(data, color_by: str = "topic") -> list[dict]:
    """The map's point groups: per topic (outliers first), or with ``color_by="theme"`` per primary
    theme (units under no theme first, grey). Each: name, meta, members (rows of data.units), color,
    background (drawn smaller and fainter), label (for the hover)."""
    from topics.viz.palette import OUTLIER_COLOR, topic_color

    units = data.units
    if color_by == "theme":
        themes = data.document.get("themes")
        if not themes or "theme" not in units.columns:
            raise ValueError("color_by='theme' needs a report with themes")
        groups = [{"name": "no theme", "meta": "", "members": units[units["theme"].isna()], "color": OUTLIER_COLOR,
                   "background": True, "label": "no theme"}]
        for position, theme in enumerate(themes["themes"]):
            members = units[units["theme"] == theme["name"]]
            groups.append({"name": shorten(theme["name"], LABEL_CHARS), "meta": theme["name"], "members": members,
                           "color": topic_color(position), "background": False, "label": theme["name"]})
        return [g for g in groups if len(g["members"]) or not g["background"]]
    if color_by != "topic":
        raise ValueError(f"color_by must be 'topic' or 'theme', not {color_by!r}")
    colors = data.colors
    groups = []
    if (units["topic_id"] == -1).any():
        groups.append({"name": "outliers", "meta": -1, "members": units[units["topic_id"] == -1], "color": colors[-1],
                       "background": True, "label": "outliers"})
    for t in data.topics:
        groups.append({"name": f"{t['topic_id']} · {shorten(t['label'], LABEL_CHARS)}", "meta": int(t["topic_id"]),
                       "members": units[units["topic_id"] == t["topic_id"]], "color": colors[t["topic_id"]],
                       "background": False, "label": t["label"]})
    return groups


def map_layout(data) -> dict:
    """The map's layout: fixed axis ranges and topic labels placed at topic centres.

    The page draws the points itself from the explorer data (see topics.report.explorer).
    """
    units = data.units
    x_range, y_range = padded_range(units["x"]), padded_range(units["y"])
    axis = {"showticklabels": False, "showgrid": False, "zeroline": False, "title": {"text": ""}, "showline": False}
    return {
        "height": 640,
        "margin": {"l": 8, "r": 8, "t": 8, "b": 8},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#fbfbfd",
        "font": {"family": FONT, "size": 13},
        "hovermode": "closest",
        "hoverlabel": {"align": "left", "bgcolor": "#ffffff", "font": {"size": 12}},
        "xaxis": {**axis, "range": x_range},
        "yaxis": {**axis, "range": y_range},
        "showlegend": False,
        "annotations": map_annotations(data, x_range, y_range),
        "dragmode": "pan",
        "uirevision": "map",
    }


def padded_range(values, pad: float = 0.05) -> list[float]:
    """An axis range around ``values`` with a margin, fixed so label placement knows the scale."""
    low, high = float(np.min(values)), float(np.max(values))
    span = high - low or 1.0
    return [low - pad * span, high + pad * span]


def topic_anchors(data) -> list[tuple[dict, float, float]]:
    """(topic, x, y) of each topic's label anchor (the median of its points), largest topic first."""
    units = data.units
    anchors = []
    for topic in sorted(data.topics, key=lambda t: (-t["size"], t["topic_id"])):
        members = units[units["topic_id"] == topic["topic_id"]]
        if len(members):
            anchors.append((topic, float(members["x"].median()), float(members["y"].median())))
    return anchors


def map_annotations(data, x_range, y_range, plot_px=(720.0, 620.0)) -> list[dict]:
    """Topic labels at their topics' centres, moved apart where they would overlap (with a leader line)."""
    from topics.viz.label_placement import from_fraction, place_labels, to_fraction

    anchors = topic_anchors(data)
    if not anchors:
        return []
    lower, upper = np.array([x_range[0], y_range[0]]), np.array([x_range[1], y_range[1]])
    texts = [shorten(topic["label"], LABEL_CHARS) for topic, _, _ in anchors]
    # Bold 12 px text is ~7.4 px per character; the box adds padding and border. The plot is
    # taken a little narrower than on a laptop so that labels also fit a printed page.
    sizes = [((7.4 * len(text) + 12) / plot_px[0], 24 / plot_px[1]) for text in texts]
    centres = np.array([[x, y] for _, x, y in anchors])
    placed = from_fraction(place_labels(to_fraction(centres, lower, upper), sizes), lower, upper)
    annotations = []
    for (topic, x, y), text, (label_x, label_y) in zip(anchors, texts, placed):
        moved = not np.allclose((label_x, label_y), (x, y))
        annotation = {
            "x": x,
            "y": y,
            "text": f"<b>{plot_text(text)}</b>",
            "showarrow": bool(moved),
            "font": {"size": 12, "color": "#1d2330"},
            "bgcolor": "rgba(255,255,255,0.75)",
            "bordercolor": topic["color"],
            "borderwidth": 1.5,
            "borderpad": 3,
            "meta": int(topic["topic_id"]),
        }
        if moved:
            annotation.update(
                {"ax": float(label_x), "ay": float(label_y), "axref": "x", "ayref": "y",
                 "arrowhead": 0, "arrowwidth": 1.2, "arrowcolor": topic["color"], "standoff": 2}
            )
        annotations.append(annotation)
    return annotations


def leaf_order(hierarchy: list[dict], topic_ids: list[int]) -> list[int]:
    """Topic ids in the left-to-right order of the hierarchy's leaves (similar topics adjacent)."""
    if not hierarchy:
        return list(topic_ids)
    children = {int(m["parent_id"]): (int(m["left_id"]), int(m["right_id"])) for m in hierarchy}
    known = set(topic_ids)
    order: list[int] = []
    stack = [int(hierarchy[-1]["parent_id"])]
    while stack:
        node = stack.pop()
        if node in children:
            left, right = children[node]
            stack.extend([right, left])
        elif node in known:
            order.append(node)
    return order + [t for t in topic_ids if t not in set(order)]


RELATION_MARGIN = {"l": 10, "r": 10, "t": 10, "b": 80}


def relation_height(k: int) -> int:
    """Height of the hierarchy and similarity figures (the same, so their rows line up)."""
    return max(340, RELATION_MARGIN["t"] + RELATION_MARGIN["b"] + 30 * k)


def similarity_figure(data) -> dict | None:
    similarity = data.document["topic_similarity"]
    topic_ids = similarity["topic_ids"]
    if len(topic_ids) < 2:
        return None
    order = leaf_order(data.document["hierarchy"], topic_ids)
    position = {t: i for i, t in enumerate(topic_ids)}
    matrix = np.asarray(similarity["matrix"], dtype=float)
    index = [position[t] for t in order]
    matrix = matrix[np.ix_(index, index)]
    label_of = {t["topic_id"]: t["label"] for t in data.topics}
    names = [plot_text(f"{t} · {shorten(label_of.get(t, str(t)), 30)}") for t in order]
    full_names = [plot_text(f"{t} · {label_of.get(t, str(t))}") for t in order]
    k = len(order)
    off_diagonal = matrix[~np.eye(k, dtype=bool)]
    # The diagonal (always 1) is left blank so the colour scale shows the differences that matter.
    cells = [[None if i == j else round(float(matrix[i, j]), 3) for j in range(k)] for i in range(k)]
    trace = {
        "type": "heatmap",
        "z": cells,
        "x": [f"#{t}" for t in order],
        "y": names,
        "customdata": [[f"{full_names[i]}<br>{full_names[j]}" for j in range(k)] for i in range(k)],
        "colorscale": SIMILARITY_COLORS,
        "zmin": float(max(0.0, off_diagonal.min())),
        "zmax": float(off_diagonal.max()),
        "hovertemplate": "%{customdata}<br>cosine similarity %{z:.2f}<extra></extra>",
        "colorbar": {"title": {"text": "cosine"}, "thickness": 12},
        "xgap": 1,
        "ygap": 1,
    }
    if k <= 16:
        trace["texttemplate"] = "%{z:.2f}"
        trace["textfont"] = {"size": 10}
    layout = {
        "height": relation_height(k),
        "margin": dict(RELATION_MARGIN),
        "font": {"family": FONT, "size": 12},
        "xaxis": {"side": "bottom", "title": {"text": "topic"}, "type": "category"},
        # Rows in the dendrogram's order and at its heights, so the two figures read side by side.
        "yaxis": {"automargin": True, "type": "category", "range": [k - 0.5, -0.5]},
        "plot_bgcolor": "#ffffff",
    }
    return {"data": [trace], "layout": layout}


def hierarchy_figure(data) -> dict | None:
    """The report's dendrogram of the topics, from its JSON document."""
    topic_ids = data.document["topic_similarity"]["topic_ids"]
    label_of = {t["topic_id"]: t["label"] for t in data.topics}
    labels = {t: f"{t} · {shorten(label_of.get(t, str(t)), 34)}" for t in topic_ids}
    hover = {t: f"{t} · {label_of.get(t, t)}" for t in topic_ids}
    figure = dendrogram_figure(data.document["hierarchy"], topic_ids, labels, data.colors, hover)
    if figure is not None:
        figure["layout"].update(height=relation_height(len(topic_ids)), margin=dict(RELATION_MARGIN, r=20))
    return figure


def dendrogram_figure(hierarchy: list[dict], topic_ids: list[int], labels: dict, colors: dict, hover: dict) -> dict | None:
    """A horizontal dendrogram (one elbow trace per merge, then the leaves), for the report and Jupyter.

    ``hierarchy``: merges as ``TopicModel.hierarchy()`` records (parent, left, right, distance);
    ``labels`` / ``hover``: tick text and hover text per topic id (plain text, escaped here).
    """
    if len(topic_ids) < 2 or not hierarchy:
        return None
    order = leaf_order(hierarchy, topic_ids)
    y_of = {t: float(i) for i, t in enumerate(order)}
    x_of = {t: 0.0 for t in order}
    traces = []
    for merge in hierarchy:
        left, right, parent = int(merge["left_id"]), int(merge["right_id"]), int(merge["parent_id"])
        if left not in y_of or right not in y_of:
            continue
        distance = float(merge["distance"])
        # An elbow: left leaf -> parent height -> right leaf.
        traces.append({
            "type": "scatter", "mode": "lines", "hoverinfo": "skip", "showlegend": False,
            "x": [x_of[left], distance, distance, x_of[right]], "y": [y_of[left], y_of[left], y_of[right], y_of[right]],
            "line": {"color": "#55607a", "width": 1.6},
        })
        y_of[parent] = (y_of[left] + y_of[right]) / 2
        x_of[parent] = distance
    traces.append({
        "type": "scatter",
        "mode": "markers",
        "x": [0.0] * len(order),
        "y": [y_of[t] for t in order],
        "marker": {"size": 11, "color": [colors.get(t, OUTLIER_COLOR) for t in order]},
        "hovertext": [plot_text(hover.get(t, t)) for t in order],
        "hoverinfo": "text",
        "showlegend": False,
    })
    layout = {
        "height": max(320, 90 + 32 * len(order)),
        "font": {"family": FONT, "size": 12},
        "xaxis": {"title": {"text": "merge distance (cosine)"}, "zeroline": False, "autorange": "reversed"},
        "yaxis": {
            "tickmode": "array",
            "tickvals": [y_of[t] for t in order],
            "ticktext": [plot_text(labels.get(t, t)) for t in order],
            "side": "right",
            "automargin": True,
            "showgrid": False,
            "zeroline": False,
            "range": [len(order) - 0.5, -0.5],  # first leaf on top, row for row with the heatmap
        },
        "plot_bgcolor": "#ffffff",
    }
    return {"data": traces, "layout": layout}


def timeline_buckets(dates, freq: str | None = None) -> tuple[pd.Series, str]:
    """Dates floored to calendar periods: ``freq`` (D/W/M/Q/Y) or the one that fits the span
    (:func:`topics.modeling.timeline.choose_period`); every timeline, notebook or report, uses this.
    ``dates``: a Series, or a :class:`topics.modeling.timeline.UnitDates`, whose period is never finer
    than most of its dates name and whose dates coarser than the period have no bucket (NaT)."""
    from topics.modeling.timeline import UnitDates, choose_period

    if isinstance(dates, UnitDates):
        period = dates.period(freq)
        return period.starts(dates.in_period(period)), period.name
    period = choose_period(dates, code=freq)
    return period.starts(dates), period.name
