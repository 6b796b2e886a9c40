"""The guided-themes part of a report: what each declared theme covers, and where it lies among the topics."""

from __future__ import annotations

import numpy as np
import pandas as pd

from topics.themes.tables import theme_counts

TOP_UNITS = 3
# Said where the report gives the threshold, when the run read keywords so (``Themes(passing_mentions=...)``, on for paragraphs by default).
PASSING_MENTIONS_NOTE = ("; a unit's one keyword of a theme said after a lead about something else (a paragraph's lead sentence, "
                         "an article's lead paragraph) is a passing mention, no evidence")
# Said there too when paragraphs did not take their article's theme (``Themes(article_context=False)``).
NO_ARTICLE_CONTEXT_NOTE = "; a paragraph does not take a theme from its article"
SCORE_COLUMN = "theme score: {name}"


def theme_data(result) -> dict:
    """The fitted :class:`topics.themes.guided.Themes` of ``result`` as plain data for topics.json."""
    themes = result.themes
    info = themes.theme_info()
    topic_of = pd.Series(np.asarray(result.model.labels_), index=result.units["unit_id"].to_numpy())
    title_of = result.units.set_index("unit_id")["title"]
    near_misses = themes.near_misses(TOP_UNITS)
    entries = []
    for index, (declared, row) in enumerate(zip(themes.themes_, info.itertuples(index=False))):
        members = themes.units_["unit_id"].to_numpy()[themes.memberships_[:, index]]
        overlap = topic_of.loc[members].value_counts()
        # Precision first: the units with the highest score and the strongest calibrated similarity.
        best = themes.theme_units(declared.name).head(TOP_UNITS)
        entries.append(
            {
                "name": declared.name,
                "description": declared.description,
                "keywords": list(declared.keywords),
                **theme_counts(row),
                "share": round(float(row.share), 4),
                "mean_confidence": None if pd.isna(row.mean_confidence) else round(float(row.mean_confidence), 4),
                "aliases_found": {str(k): int(v) for k, v in dict(row.aliases_found).items()},
                "topics": [{"topic_id": int(t), "n_units": int(n)} for t, n in overlap.items()],
                "top_units": [_unit(u, title_of) for u in best.itertuples(index=False)],
                "near_misses": [
                    {**_unit(u, title_of), "similarity_z": round(float(u.similarity_z), 2),
                     "assigned_theme": None if u.assigned_theme is None else str(u.assigned_theme)}
                    for u in near_misses[near_misses["theme"] == declared.name].itertuples(index=False)
                ],
            }
        )
    under = int(themes.memberships_.any(axis=1).sum())
    return {
        "file": getattr(result, "theme_source", None),
        "threshold": float(themes.threshold),
        # A lone common keyword said outside its paragraph's lead sentence (an article's lead paragraph) taken as no
        # evidence (Themes' parameter).
        "passing_mentions": bool(getattr(themes, "passing_mentions", False)),
        # A paragraph also takes the theme its article is about (Themes' parameter; `--no-article-context` off);
        # null for whole articles, which have no article apart from themselves.
        "article_context": None if result.level == "article" else bool(getattr(themes, "article_context", True)),
        "assigned_units": under,
        "unassigned_units": int(len(themes.labels_) - under),
        "unmatched_themes": list(themes.unmatched_themes_),
        "notes": list(themes.notes_),
        "themes": entries,
    }


def unit_theme_columns(result) -> pd.DataFrame | None:
    """Per unit_id: its primary theme, every theme it is under, and one score column per theme
    (``theme score: <name>``), for assignments.csv and the report's unit data; None without themes."""
    themes = getattr(result, "themes", None)
    if themes is None:
        return None
    scores = {SCORE_COLUMN.format(name=name): np.round(themes.scores_[:, index].astype(float), 4)
              for index, name in enumerate(themes.theme_names_)}
    # Every column at once: added one at a time, a file of many themes fragments the frame (pandas warns).
    return pd.DataFrame(
        {"theme": themes.predicted_themes_, "themes": themes.unit_themes_, **scores},
        index=pd.Index(themes.units_["unit_id"].to_numpy(), name="unit_id"),
    )


def topic_themes(units: pd.DataFrame, topic_id: int) -> list[dict]:
    """The primary themes of one topic's units, most frequent first (for the topic cards); [] without themes."""
    if "theme" not in units.columns:
        return []
    counts = units.loc[units["topic_id"] == topic_id, "theme"].dropna().value_counts()
    return [{"name": str(name), "n_units": int(n)} for name, n in counts.items()]


def _unit(u, title_of) -> dict:
    return {
        "unit_id": str(u.unit_id),
        "article_id": str(u.article_id),
        "title": _text(title_of.get(u.unit_id)),
        "text": str(u.text),
        "score": round(float(u.score), 4),
    }


def theme_markdown(themes: dict, label_of: dict[int, str]) -> list[str]:
    """The theme table, each theme's most certain units and its near misses, in Markdown;
    ``label_of`` names the topics."""
    from topics.text.plain_text import shorten
    from topics.report.markdown import md_text

    def topic_name(topic_id: int) -> str:
        return "outliers" if topic_id == -1 else f"{topic_id} {md_text(shorten(label_of.get(topic_id, ''), 28))}"

    def quote(unit: dict) -> list[str]:
        return [f"- {md_text(unit['unit_id'])} ({unit['score']:.2f}): {md_text(unit['text'], 300)}"]

    lines = [
        "",
        "## Declared themes",
        "",
        f"{themes['assigned_units']} units under at least one theme, {themes['unassigned_units']} under none "
        f"(score threshold {themes['threshold']:.2f}; a unit can be under several themes"
        f"{PASSING_MENTIONS_NOTE if themes.get('passing_mentions') else ''}"
        f"{NO_ARTICLE_CONTEXT_NOTE if themes.get('article_context') is False else ''}).",
        "",
        "| theme | units | articles | from keywords / similarity / learning | near misses | topics it falls in | keywords found |",
        "| --- | ---: | ---: | --- | ---: | --- | --- |",
    ]
    for theme in themes["themes"]:
        topics = ", ".join(f"{topic_name(t['topic_id'])} ({t['n_units']})" for t in theme["topics"][:4]) or "–"
        found = ", ".join(f"{md_text(k)} ({n})" for k, n in theme["aliases_found"].items()) or "–"
        evidence = theme.get("evidence", {})
        sources = f"{evidence.get('keywords', 0)} / {evidence.get('similarity', 0)} / {evidence.get('learning', 0)}"
        lines.append(
            f"| {md_text(theme['name'])} | {theme['n_units']} | {theme['n_articles']} | {sources} | "
            f"{theme.get('n_near_misses', 0)} | {topics} | {found} |"
        )
    for note in themes.get("notes", []):
        lines += ["", f"Note: {md_text(note)}"]
    for theme in themes["themes"]:
        if not theme["top_units"] and not theme.get("near_misses"):
            continue
        lines += ["", f"**{md_text(theme['name'])}**", ""]
        if theme["top_units"]:
            lines += ["Most certain:", ""]
            for unit in theme["top_units"]:
                lines += quote(unit)
        if theme.get("near_misses"):
            lines += ["", "Near misses (some evidence, below the threshold; z: the closeness to the theme in spreads above "
                      "the corpus's typical unit):", ""]
            for unit in theme["near_misses"]:
                lines += [f"- {md_text(unit['unit_id'])} ({unit['score']:.3f}, z {unit['similarity_z']:.2f}): "
                          f"{md_text(unit['text'], 300)}"]
    return lines


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
