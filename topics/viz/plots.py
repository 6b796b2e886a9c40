"""Interactive plotly figures of a fitted TopicModel, for Jupyter (they render inline).

Each function takes a fitted :class:`topics.modeling.model.TopicModel` and returns a
``plotly.graph_objects.Figure`` that also displays as a PNG where JavaScript does
not run (see :mod:`topics.viz.static_figures`); the model's ``plot_*`` methods call these.
Plotly draws hover texts, names and labels as a small subset of HTML, so every
string that comes from the corpus goes through :func:`plot_text` (escaped)
before it enters a figure. Colours match the HTML report's (same palette).

plotly (and scipy, for the dendrogram) load inside the functions, so
``import topics`` stays fast.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from topics.errors import TopicsError
from topics.validate import check_count
from topics.viz.figures import FONT, dendrogram_figure, plot_text, timeline_buckets
from topics.viz.palette import OUTLIER_COLOR, ink_color, topic_colors
from topics.viz.static_figures import with_static_image
from topics.text.plain_text import shorten

LABEL_CHARS = 40
MAP_LABEL_CHARS = 24
HOVER_TITLE_CHARS = 120
HOVER_TEXT_CHARS = 300
HOVER_LINE_CHARS = 64
WEBGL_FROM = 5000  # SVG scatter is fine up to a few thousand points; past that, WebGL


def _check_fitted(model) -> None:
    if getattr(model, "labels_", None) is None:  # the error the model's other methods raise (scikit-learn's NotFittedError)
        from topics._fitted import ModelNotFittedError

        raise ModelNotFittedError(f"this {type(model).__name__} is not fitted yet: call fit(units, embeddings=embeddings) first")


def _topic_names(model, limit: int = LABEL_CHARS) -> dict[int, str]:
    """{topic id: "id · label"} with the label cut to ``limit`` characters, escaped; outliers included."""
    info = model.topic_info()
    names = {int(t): f"{int(t)} · {shorten(label, limit)}" for t, label in zip(info["topic_id"], info["label"])}
    names[-1] = "outliers"
    return {topic_id: plot_text(name) for topic_id, name in names.items()}


def _colors(model) -> dict[int, str]:
    return topic_colors([int(t) for t in model.topic_ids_])


def _hover(title, text, topic_name: str, probability: float) -> str:
    title_html = plot_text(title, HOVER_TITLE_CHARS) if isinstance(title, str) and title.strip() else "(untitled)"
    lines = textwrap.wrap(shorten(text, HOVER_TEXT_CHARS), HOVER_LINE_CHARS)
    body = "<br>".join(plot_text(line) for line in lines)
    return f"<b>{title_html}</b><br>{body}<br><i>{topic_name} · p = {probability:.2f}</i>"


def _layout(**overrides) -> dict:
    layout = {
        "template": "plotly_white",
        "font": {"family": FONT, "size": 12},
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "hoverlabel": {"align": "left", "bgcolor": "#ffffff", "font": {"size": 12}},
    }
    layout.update(overrides)
    return layout


# ---------------------------------------------------------------- map


def plot_map(model, *, show_outliers: bool = True, label_topics: bool = True, height: int = 640, title: str | None = None):
    """The 2-D map of the units (``coords_2d_``), one colour per topic.

    Hover a point for its article title, text, topic and confidence; topic labels
    sit at the topic centres. Click a legend entry to isolate a topic.
    """
    import plotly.graph_objects as go

    _check_fitted(model)
    documents = model.document_info(subtopics=False).reset_index(drop=True)
    coords = np.asarray(model.coords_2d_, dtype=float)
    if len(coords) != len(documents):
        raise TopicsError(f"the model's 2-D layout has {len(coords)} rows but it describes {len(documents)} units")
    documents = documents.assign(x=coords[:, 0], y=coords[:, 1])
    names = _topic_names(model)
    map_labels = _topic_names(model, MAP_LABEL_CHARS)  # on the map itself; the legend has the longer names
    colors = _colors(model)
    n = len(documents)
    marker_size = 9 if n <= 300 else 6 if n <= 3000 else 4
    scatter = go.Scattergl if n > WEBGL_FROM else go.Scatter

    groups = [int(t) for t in model.topic_ids_]
    if show_outliers and (documents["topic_id"] == -1).any():
        groups = [-1, *groups]  # drawn first, so topics sit on top
    figure = go.Figure()
    for topic_id in groups:
        members = documents[documents["topic_id"] == topic_id]
        is_outlier = topic_id == -1
        figure.add_trace(
            scatter(
                x=members["x"],
                y=members["y"],
                mode="markers",
                name=names.get(topic_id, str(topic_id)),
                customdata=members["unit_id"].to_numpy(),
                hovertext=[
                    _hover(row.title, row.text, names.get(topic_id, str(topic_id)), float(row.probability))
                    for row in members.itertuples(index=False)
                ],
                hoverinfo="text",
                marker={
                    "size": marker_size - 2 if is_outlier else marker_size,
                    "color": colors.get(topic_id, OUTLIER_COLOR),
                    "opacity": 0.5 if is_outlier else 0.85,
                    "line": {"width": 0.5, "color": "#ffffff"},
                },
            )
        )
        if label_topics and not is_outlier and len(members):
            figure.add_annotation(
                x=float(members["x"].median()),
                y=float(members["y"].median()),
                text=f"<b>{map_labels[topic_id]}</b>",
                showarrow=False,
                font={"size": 11, "color": ink_color(colors[topic_id])},  # words in a yellow topic's colour do not read on white
                bgcolor="rgba(255,255,255,0.7)",
                borderpad=2,
            )
    axis = {"showticklabels": False, "showgrid": False, "zeroline": False, "title": {"text": ""}}
    n_topics = len(model.topic_ids_)
    n_outliers = int((documents["topic_id"] == -1).sum())
    heading = title or f"{n_topics} topics over {n} units ({n_outliers} outliers)"
    figure.update_layout(
        **_layout(
            title={"text": plot_text(heading)},
            height=height,
            hovermode="closest",
            xaxis=axis,
            yaxis=dict(axis),
            legend={"title": {"text": "topic (click to isolate)"}, "itemclick": "toggleothers", "itemdoubleclick": "toggle"},
            dragmode="pan",
        )
    )
    return with_static_image(figure)


# ---------------------------------------------------------------- keywords


def plot_keywords(model, topics=None, *, n_keywords: int = 8, n_columns: int = 3, height_per_row: int = 200):
    """Bar charts of each topic's keywords, weighted by c-TF-IDF (one panel per topic).

    ``topics``: the topic ids to show (default: all, in id order).
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    n_keywords = check_count(n_keywords, "plot_keywords(n_keywords)", minimum=1)
    n_columns = check_count(n_columns, "plot_keywords(n_columns)", minimum=1)
    _check_fitted(model)
    info = model.topic_info()
    info = info[info["topic_id"] != -1]
    if topics is not None:
        wanted = [int(t) for t in np.atleast_1d(topics)]
        unknown = sorted(set(wanted) - set(info["topic_id"].astype(int)))
        if unknown:
            raise TopicsError(f"no topic with id {', '.join(map(str, unknown))}; topic ids are {info['topic_id'].astype(int).tolist()}")
        info = info.set_index("topic_id").loc[wanted].reset_index()
    if info.empty:
        raise TopicsError("the model found no topics (every unit is an outlier), so there are no keywords to plot")
    names = _topic_names(model)
    colors = _colors(model)
    n_columns = max(1, min(n_columns, len(info)))
    n_rows = -(-len(info) // n_columns)
    figure = make_subplots(
        rows=n_rows,
        cols=n_columns,
        subplot_titles=[names[int(t)] for t in info["topic_id"]],
        horizontal_spacing=0.12,
        vertical_spacing=min(0.12, 0.5 / n_rows),
    )
    for position, row in enumerate(info.itertuples(index=False)):
        topic_id = int(row.topic_id)
        words = list(row.keywords)[:n_keywords]
        weights = [float(w) for w in list(row.keyword_weights)[:n_keywords]]
        figure.add_trace(
            go.Bar(
                x=weights[::-1],  # largest at the top
                y=[plot_text(w) for w in words[::-1]],
                orientation="h",
                marker={"color": colors.get(topic_id, OUTLIER_COLOR)},
                name=names[topic_id],
                hovertemplate="%{y}: %{x:.3f}<extra></extra>",
                showlegend=False,
            ),
            row=position // n_columns + 1,
            col=position % n_columns + 1,
        )
    figure.update_xaxes(showticklabels=False, showgrid=False)
    figure.update_annotations(font={"size": 12})
    figure.update_layout(**_layout(title={"text": "Topic keywords (c-TF-IDF weight)"}, height=80 + height_per_row * n_rows, bargap=0.25))
    return with_static_image(figure)


# ---------------------------------------------------------------- hierarchy


def plot_hierarchy(model, *, height: int | None = None):
    """A dendrogram of the topics from ``linkage_``: similar topics join early (short distance).

    Read it from the right: topics that merge close to the leaves are near
    duplicates; the last merges split the corpus into its broadest themes.
    The same figure as the report's (:func:`topics.viz.figures.dendrogram_figure`).
    """
    import plotly.graph_objects as go

    _check_fitted(model)
    topic_ids = [int(t) for t in model.topic_ids_]
    if len(topic_ids) < 2:
        raise TopicsError(f"the model has {len(topic_ids)} topic(s); a hierarchy needs at least two")
    info = model.topic_info().set_index("topic_id")
    labels = {t: f"{t} · {shorten(info.loc[t, 'label'], LABEL_CHARS)}" for t in topic_ids}
    hover = {
        t: f"{t} · {info.loc[t, 'label']} — {int(info.loc[t, 'size'])} units — {', '.join(list(info.loc[t, 'keywords'])[:6])}"
        for t in topic_ids
    }
    spec = dendrogram_figure(model.hierarchy().to_dict("records"), topic_ids, labels, _colors(model), hover)
    figure = go.Figure(spec)
    figure.update_layout(**_layout(title={"text": "Topic hierarchy"}, height=height or spec["layout"]["height"]))
    return with_static_image(figure)


# ---------------------------------------------------------------- timeline


def plot_timeline(
    model, *, freq: str | None = None, normalize: bool = False, show_outliers: bool = False, show_events: bool = True
):
    """Units per topic over time (the articles' dates), as stacked bars per calendar bucket.

    ``freq``: calendar bucket, one of D/W/M/Q/Y (default: the finest that
    gives at most 60 buckets over the date span). ``normalize``: each bucket's
    topic shares instead of unit counts. ``show_events``: a marker at the peak
    date of each event (:meth:`TopicModel.events`). Undated units (and dates
    before 1900 or in the future) are left out (the title says how many); a
    model with no dated unit raises :class:`TopicsError`.
    """
    import plotly.graph_objects as go

    _check_fitted(model)
    documents = model.document_info(subtopics=False).reset_index(drop=True)
    from topics.modeling.timeline import unit_dates

    units = model.units_.reset_index(drop=True)  # row-aligned with the documents, with the dates' precision
    dates = unit_dates(units)
    shown = documents["topic_id"].to_numpy() != -1 if not show_outliers else np.ones(len(documents), bool)
    found = unit_dates(units[shown].reset_index(drop=True))
    shown = documents[shown].reset_index(drop=True)
    if found.dates.dropna().empty:
        raise TopicsError("no unit in a topic has a date, so there is no timeline; give the corpus a date column (ISO YYYY-MM-DD)")
    buckets, unit = timeline_buckets(found, freq)  # a date coarser than the period has none
    dated = shown.assign(bucket=buckets).dropna(subset=["bucket"])
    counts = dated.groupby(["bucket", "topic_id"]).size().unstack("topic_id", fill_value=0)
    values = counts.div(counts.sum(axis=1), axis=0) if normalize else counts
    # Bars a little narrower than their bucket, so sparse dates do not stretch one bar over the axis.
    bucket_days = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}[unit]
    bar_width_ms = 0.8 * bucket_days * 86_400_000
    names = _topic_names(model)
    colors = _colors(model)
    figure = go.Figure()
    for topic_id in [t for t in [-1, *map(int, model.topic_ids_)] if t in values.columns]:
        figure.add_trace(
            go.Bar(
                # Centred in the bucket; the hover names the bucket's first day.
                x=values.index + pd.Timedelta(days=bucket_days / 2),
                y=values[topic_id],
                width=bar_width_ms,
                name=names.get(topic_id, str(topic_id)),
                marker={"color": colors.get(topic_id, OUTLIER_COLOR)},
                customdata=[d.date().isoformat() for d in values.index],
                # The trace name (already escaped) is shown beside the value by plotly.
                hovertemplate=("%{customdata}: %{y:.0%}" if normalize else "%{customdata}: %{y} units"),
            )
        )
    if show_events:
        _annotate_events(figure, model)
    n_undated = len(documents) - dates.n_dated
    n_coarse = found.n_dated - int(buckets.notna().sum())
    note = ", ".join(
        ([f"{n_undated} of {len(documents)} units undated"] if n_undated else [])
        + ([f"{n_coarse} dated by a period longer than a {unit}"] if n_coarse else [])
    )
    note = f" ({note}, not shown)" if note else ""
    figure.update_layout(
        **_layout(
            title={"text": f"Topics over time, per {unit}{note}"},
            height=420,
            barmode="stack",
            legend={"traceorder": "normal"},
            xaxis={"type": "date", "title": {"text": unit}},
            yaxis={"title": {"text": "share of units" if normalize else "units"}, **({"tickformat": ".0%"} if normalize else {})},
        )
    )
    return with_static_image(figure)


def _annotate_events(figure, model) -> None:
    """A dotted line and a short label at each story's peak date (its largest event's; one mark for
    the events the same articles told, :mod:`topics.modeling.stories`)."""
    from topics.modeling.stories import story_rows

    for row in story_rows(model.events().to_dict(orient="records")):
        peak = pd.Timestamp(row["peak_date"])
        figure.add_vline(x=peak.timestamp() * 1000, line={"dash": "dot", "width": 1, "color": "#555"})
        figure.add_annotation(
            x=peak, y=1, yref="paper", showarrow=False, textangle=-90, xanchor="right", yanchor="top",
            text=plot_text(row["label"], LABEL_CHARS), font={"size": 10, "color": "#333"},
        )


def plot_topics_over_time(model, *, freq: str | None = None, topics=None, n_columns: int = 3, height_per_row: int = 160):
    """A small multiple: per topic, its share of each period's units, with that period's keywords on hover.

    ``freq`` as in :func:`plot_timeline`; ``topics``: the topic ids to show (default: all).
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    n_columns = check_count(n_columns, "plot_topics_over_time(n_columns)", minimum=1)
    _check_fitted(model)
    over_time = model.topics_over_time(freq=freq)
    if over_time.empty:
        raise TopicsError("no unit in a topic has a date, so there is no timeline; give the corpus a date column (ISO YYYY-MM-DD)")
    wanted = [int(t) for t in (model.topic_ids_ if topics is None else topics)]
    names = _topic_names(model, limit=32)
    colors = _colors(model)
    rows = max(1, -(-len(wanted) // n_columns))
    figure = make_subplots(
        rows=rows, cols=n_columns, shared_xaxes=True, shared_yaxes=True, vertical_spacing=0.3 / rows,
        subplot_titles=[names.get(t, str(t)) for t in wanted],
    )
    periods = sorted(over_time["period"].unique())
    for position, topic_id in enumerate(wanted):
        cells = over_time[over_time["topic_id"] == topic_id].set_index("period").reindex(periods)
        keywords = [", ".join(k) if isinstance(k, list) else "" for k in cells["keywords"]]
        figure.add_trace(
            go.Scatter(
                x=periods, y=cells["share"].fillna(0.0), mode="lines", fill="tozeroy", showlegend=False,
                line={"color": colors.get(topic_id, OUTLIER_COLOR), "width": 1.5},
                name=names.get(topic_id, str(topic_id)),
                customdata=[plot_text(k, 120) for k in keywords],
                hovertemplate="%{x|%Y-%m-%d}: %{y:.0%}<br>%{customdata}<extra></extra>",
            ),
            row=position // n_columns + 1, col=position % n_columns + 1,
        )
    figure.update_yaxes(tickformat=".0%")
    figure.update_layout(**_layout(title={"text": "Each topic's share of the units, per period"}, height=60 + rows * height_per_row))
    return with_static_image(figure)
