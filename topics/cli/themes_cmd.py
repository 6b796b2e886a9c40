"""`topics themes PATH --themes FILE`: place every unit under a declared theme, or none."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from topics.cli import app
from topics.cli._common import BackendOption, CacheDirOption, DateColumnOption, IdColumnOption, JsonOption, LevelOption, ModelOption
from topics.cli._common import PathArgument, TextColumnOption, TitleColumnOption, check_level, embed, load
from topics.cli._common import given_path, make_embedder, out_console, print_json, step, table_columns


@app.command("themes")
def themes_command(
    path: Path = PathArgument,
    themes_file: Path = typer.Option(..., "--themes", "-t", parser=given_path, help="TOML theme file: one theme table per theme, with a name and optional description, keywords, examples."),
    level: str = LevelOption,
    model: Optional[str] = ModelOption,
    text_column: Optional[str] = TextColumnOption,
    id_column: Optional[str] = IdColumnOption,
    title_column: Optional[str] = TitleColumnOption,
    date_column: Optional[str] = DateColumnOption,
    cache_dir: Optional[Path] = CacheDirOption,
    backend: Optional[str] = BackendOption,
    threshold: float = typer.Option(0.5, "--threshold", min=0.01, max=1.0, help="Minimum score (0-1) for a unit to be under a theme."),
    near: int = typer.Option(3, "--near", min=0, help="Nearest unassigned units to show per theme."),
    article_context: bool = typer.Option(True, "--article-context/--no-article-context", help="A paragraph also takes the theme it is closest to from its article, where the article has seeds of it and most of its paragraphs are under a theme; its primary theme leans to what its article is about."),
    passing_mentions: Optional[bool] = typer.Option(None, "--passing-mentions/--no-passing-mentions", help="A paragraph's only keyword of a theme, said after a lead sentence about something else with its article silent on the theme, is no evidence; an article's, said in one paragraph of eight or more after a lead paragraph about something else, too (the default). --no-passing-mentions: every keyword counts."),
    as_json: bool = JsonOption,
) -> None:
    """Put each paragraph (or article) under every theme of a theme file it has evidence for, or none."""
    from topics.themes.themefile import load_themes
    from topics.themes.guided import Themes

    check_level(level)
    declared = load_themes(themes_file)  # a broken theme file fails before any embedding
    corpus = load(path, table_columns(text_column, id_column, title_column, date_column))
    embedder = make_embedder(model, cache_dir, backend)
    embeddings = embed(corpus, level, embedder)
    units = corpus.units(level)
    with step(f"scoring {len(units)} {level}s for {len(declared)} themes"):
        themes = Themes(declared, threshold=threshold, article_context=article_context,
                        passing_mentions="auto" if passing_mentions is None else passing_mentions).fit(units, embeddings, embedder)

    if as_json:
        print_json(_as_json(themes, themes_file, embedder.model_id, level, near))
        return
    _print_report(themes, level, near)


def _as_json(themes, themes_file: Path, model_id: str, level: str, near: int) -> dict:
    import numpy as np

    from topics.themes.evidence import ADMITTED_NAMES
    from topics.themes.tables import theme_counts

    info = themes.theme_info()
    near_misses = themes.near_misses(near)
    names = themes.theme_names_
    assignments = themes.assignments()
    return {
        "themes_file": str(themes_file),
        "model": model_id,
        "level": level,
        "threshold": themes.threshold,
        "passing_mentions": bool(themes.passing_mentions),  # paragraphs by their lead sentence, whole articles by their lead paragraph
        "article_context": None if level == "article" else themes.article_context,  # whole articles: no article apart
        "units": len(assignments),
        "units_under_a_theme": int(themes.memberships_.any(axis=1).sum()),
        "fits_corpus": bool(themes.fits_corpus_),
        "notes": list(themes.notes_),
        "themes": [
            {
                "name": row.theme,
                **theme_counts(row),
                "score_median": None if row.n_units == 0 else round(float(row.score_median), 4),
                "aliases_found": row.aliases_found,
                "article_ids": list(row.article_ids),
                "near_misses": [
                    {"unit_id": m.unit_id, "score": round(float(m.score), 4), "similarity_z": round(float(m.similarity_z), 2),
                     "assigned_theme": None if m.assigned_theme is None else str(m.assigned_theme)}
                    for m in near_misses[near_misses.theme == row.theme].itertuples()
                ],
            }
            for row in info.itertuples()
        ],
        "unmatched_themes": list(themes.unmatched_themes_),
        "assignments": [
            {
                "unit_id": row.unit_id,
                "article_id": row.article_id,
                "theme": row.theme,
                "themes": [
                    # What put it there: a score of exactly the threshold is a unit placed by its context.
                    {"name": names[t], "score": round(float(themes.scores_[index, t]), 4),
                     "evidence": ADMITTED_NAMES[int(themes.admitted_[index, t])]}
                    # The primary theme first, then the others by score (as in assignments.csv).
                    for t in sorted(np.flatnonzero(themes.memberships_[index]),
                                    key=lambda t: (t != themes.labels_[index], -themes.scores_[index, t]))
                ],
                # As Themes.assignments(): the primary theme's score; under no theme, the best one (nearest_theme's).
                "score": round(float(row.score), 4),
                "nearest_theme": row.nearest_theme,
                "text": row.text,
            }
            for index, row in enumerate(assignments.itertuples())
        ],
    }


def _print_report(themes, level: str, near: int) -> None:
    import pandas as pd
    from rich.table import Table
    from rich.text import Text

    from topics.console import print_plain, text, visible

    info = themes.theme_info()
    n_units = len(themes.labels_)
    under = int(themes.memberships_.any(axis=1).sum())
    table = Table(title=f"{n_units} {level}s, {under} under at least one theme", title_justify="left")
    columns = ("theme", "units", "articles", "keywords / similarity / learning", "near misses", "aliases found")
    for column in columns:
        table.add_column(column, justify="right" if column in ("units", "articles", "near misses") else "left")
    for row in info.itertuples():
        found = ", ".join(f"{alias} ({count})" for alias, count in row.aliases_found.items()) or "-"
        sources = f"{row.from_keywords} / {row.from_similarity} / {row.from_learning}"
        misses = str(row.n_near_misses)
        if row.n_left_to_siblings:  # placed on meaning alone, then left to the theme's siblings (topics.themes.siblings)
            misses += f" ({row.n_left_to_siblings} left as a sibling subject's)"
        table.add_row(text(row.theme), str(row.n_units), str(row.n_articles), sources, misses, text(found))
    table.add_row(Text("(no theme)", style="dim"), str(n_units - under), "", "", "", "")
    out_console.print(table)

    for note in themes.notes_:
        print_plain(f"note: {visible(note)}")
    if near == 0:
        return
    near_misses = themes.near_misses(near)
    if near_misses.empty:
        return
    print_plain(f"\nNear misses: {level}s with some evidence for a theme but below its threshold "
                "(score, and z: the closeness to the theme in spreads above the corpus's typical unit):")
    for name, group in near_misses.groupby("theme", sort=False):
        print_plain(visible(name))
        for row in group.itertuples():
            where = "under no theme" if pd.isna(row.assigned_theme) else f"under {row.assigned_theme}"
            print_plain(f"  {row.score:.3f}  z {row.similarity_z:5.2f}  {visible(row.unit_id)} ({visible(where)}): "
                        f"{visible(_clip(row.text))}")


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"
