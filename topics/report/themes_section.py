"""The guided-themes part of a report: what each declared theme covers, and where it lies among the topics."""

from __future__ import annotations

import numpy as np
import pandas as pd

TOP_UNITS = 3


def theme_data(result) -> dict:
    """The fitted :class:`topics.themes.Themes` of ``result`` as plain data for topics.json."""
    themes = result.themes
    info = themes.theme_info()
    assignments = themes.assignments()
    topic_of = pd.Series(np.asarray(result.model.labels_), index=result.units["unit_id"].to_numpy())
    title_of = result.units.set_index("unit_id")["title"]
    entries = []
    for declared, row in zip(themes.themes_, info.itertuples(index=False)):
        members = assignments[assignments["theme"] == declared.name]
        overlap = topic_of.loc[members["unit_id"].to_numpy()].value_counts()
        best = themes.theme_units(declared.name).head(TOP_UNITS)
        entries.append(
            {
                "name": declared.name,
                "description": declared.description,
                "keywords": list(declared.keywords),
                "n_units": int(row.n_units),
                "share": round(float(row.share), 4),
                "n_articles": int(row.n_articles),
                "mean_confidence": None if pd.isna(row.mean_confidence) else round(float(row.mean_confidence), 4),
                "aliases_found": {str(k): int(v) for k, v in dict(row.aliases_found).items()},
                "topics": [{"topic_id": int(t), "n_units": int(n)} for t, n in overlap.items()],
                "top_units": [
                    {
                        "unit_id": str(u.unit_id),
                        "article_id": str(u.article_id),
                        "title": _text(title_of.get(u.unit_id)),
                        "text": str(u.text),
                        "score": round(float(u.score), 4),
                    }
                    for u in best.itertuples(index=False)
                ],
            }
        )
    assigned = int((themes.labels_ >= 0).sum())
    return {
        "file": getattr(result, "theme_source", None),
        "threshold": float(themes.threshold),
        "assigned_units": assigned,
        "unassigned_units": int(len(themes.labels_) - assigned),
        "unmatched_themes": list(themes.unmatched_themes_),
        "themes": entries,
    }


def theme_markdown(themes: dict, label_of: dict[int, str]) -> list[str]:
    """The theme table and each theme's closest unit, in Markdown; ``label_of`` names the topics."""
    from topics.report.figures import shorten
    from topics.report.markdown import md_text

    def topic_name(topic_id: int) -> str:
        return "outliers" if topic_id == -1 else f"{topic_id} {md_text(shorten(label_of.get(topic_id, ''), 28))}"

    lines = [
        "",
        "## Declared themes",
        "",
        f"{themes['assigned_units']} units placed under a theme, {themes['unassigned_units']} under none "
        f"(confidence threshold {themes['threshold']:.2f}).",
        "",
        "| theme | units | articles | topics it falls in | keywords found |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    for theme in themes["themes"]:
        topics = ", ".join(f"{topic_name(t['topic_id'])} ({t['n_units']})" for t in theme["topics"][:4]) or "–"
        found = ", ".join(f"{md_text(k)} ({n})" for k, n in theme["aliases_found"].items()) or "–"
        lines.append(f"| {md_text(theme['name'])} | {theme['n_units']} | {theme['n_articles']} | {topics} | {found} |")
    for theme in themes["themes"]:
        if theme["top_units"]:
            unit = theme["top_units"][0]
            lines += ["", f"**{md_text(theme['name'])}**, closest {md_text(unit['unit_id'])}:", "", f"> {md_text(unit['text'], 400)}"]
    if themes["unmatched_themes"]:
        lines += ["", "No unit matched: " + ", ".join(md_text(name) for name in themes["unmatched_themes"]) + "."]
    return lines


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
