"""`topics themes PATH --themes FILE`: place every unit under a declared theme, or none."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from topics.cli import app
from topics.cli._common import (
    CacheDirOption,
    JsonOption,
    LevelOption,
    ModelOption,
    PathArgument,
    TextColumnOption,
    check_level,
    embed,
    err_console,
    load,
    make_embedder,
    out_console,
    print_json,
)
from topics.console import text


@app.command("themes")
def themes_command(
    path: Path = PathArgument,
    themes_file: Path = typer.Option(..., "--themes", "-t", help="TOML theme file: one theme table per theme, with a name and optional description, keywords, examples."),
    level: str = LevelOption,
    model: Optional[str] = ModelOption,
    text_column: Optional[str] = TextColumnOption,
    cache_dir: Optional[Path] = CacheDirOption,
    threshold: float = typer.Option(0.5, "--threshold", min=0.0, max=1.0, help="Minimum confidence to assign a unit to a theme."),
    near: int = typer.Option(3, "--near", min=0, help="Nearest unassigned units to show per theme."),
    as_json: bool = JsonOption,
) -> None:
    """Assign each paragraph (or article) to one of the themes in a theme file, or to none."""
    from topics.themefile import load_themes
    from topics.themes import Themes

    check_level(level)
    declared = load_themes(themes_file)  # a broken theme file fails before any embedding
    corpus = load(path, text_column)
    embedder = make_embedder(model, cache_dir)
    embeddings = embed(corpus, level, embedder)
    units = corpus.units(level)
    with err_console.status(text(f"assigning {len(units)} {level}s to {len(declared)} themes")):
        themes = Themes(declared, threshold=threshold).fit(units, embeddings, embedder)

    if as_json:
        print_json(_as_json(themes, themes_file, embedder.model_id, level, near))
        return
    _print_report(themes, level, near)


def _as_json(themes, themes_file: Path, model_id: str, level: str, near: int) -> dict:
    info = themes.theme_info()
    near_misses = themes.near_misses(near)
    return {
        "themes_file": str(themes_file),
        "model": model_id,
        "level": level,
        "threshold": themes.threshold,
        "themes": [
            {
                "name": row.theme,
                "n_units": int(row.n_units),
                "n_articles": int(row.n_articles),
                "score_median": None if row.n_units == 0 else float(row.score_median),
                "aliases_found": row.aliases_found,
                "article_ids": list(row.article_ids),
                "nearest_unassigned": near_misses[near_misses.theme == row.theme][
                    ["unit_id", "score", "assigned_theme"]
                ].to_dict("records"),
            }
            for row in info.itertuples()
        ],
        "unmatched_themes": list(themes.unmatched_themes_),
        "assignments": [
            {
                "unit_id": row.unit_id,
                "article_id": row.article_id,
                "theme": row.theme,
                "score": round(float(row.score), 4),
                "confidence": round(float(row.confidence), 4),
                "text": row.text,
            }
            for row in themes.assignments().itertuples()
        ],
    }


def _print_report(themes, level: str, near: int) -> None:
    import pandas as pd
    from rich.table import Table
    from rich.text import Text

    from topics.console import print_plain, text, visible

    info = themes.theme_info()
    n_units = len(themes.labels_)
    table = Table(title=f"{n_units} {level}s, {int((themes.labels_ >= 0).sum())} assigned", title_justify="left")
    for column in ("theme", "units", "articles", "score (min / median / max)", "aliases found"):
        table.add_column(column, justify="right" if column in ("units", "articles") else "left")
    for row in info.itertuples():
        scores = "-" if row.n_units == 0 else f"{row.score_min:.2f} / {row.score_median:.2f} / {row.score_max:.2f}"
        found = ", ".join(f"{alias} ({count})" for alias, count in row.aliases_found.items()) or "-"
        table.add_row(text(row.theme), str(row.n_units), str(row.n_articles), scores, text(found))
    unassigned = int((themes.labels_ < 0).sum())
    table.add_row(Text("(unassigned)", style="dim"), str(unassigned), "", "", "")
    out_console.print(table)

    for name in themes.unmatched_themes_:
        print_plain(
            f"theme {visible(repr(name))} matched no {level}: add keywords or examples, "
            "or lower --threshold; its nearest units are below."
        )
    if near == 0:
        return
    near_misses = themes.near_misses(near)
    print_plain(f"\nNearest {level}s not assigned to each theme (candidates for keywords or examples):")
    for name, group in near_misses.groupby("theme", sort=False):
        print_plain(visible(name))
        for row in group.itertuples():
            where = "unassigned" if pd.isna(row.assigned_theme) else f"under {row.assigned_theme}"
            print_plain(f"  {row.score:.2f}  {visible(row.unit_id)} ({visible(where)}): {visible(_clip(row.text))}")


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"
