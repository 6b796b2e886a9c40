"""`topics ingest PATH`: what ingest found and what it dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from topics.cli import app
from topics.cli._common import JsonOption, PathArgument, TextColumnOption, load, out_console, print_json, text_or_blank


@app.command()
def ingest(
    path: Path = PathArgument,
    text_column: Optional[str] = TextColumnOption,
    show_dropped: bool = typer.Option(False, "--show-dropped", help="List every dropped boilerplate line."),
    as_json: bool = JsonOption,
) -> None:
    """Load a corpus and report articles, paragraphs, dropped boilerplate and duplicates."""
    from topics.alias_mining import mine_aliases

    corpus = load(path, text_column)
    aliases = mine_aliases(corpus)
    if as_json:
        print_json(
            {
                "summary": corpus.summary(),
                "articles": corpus.articles.drop(columns=["text"]).to_dict("records"),
                "dropped_lines": corpus.dropped_lines.to_dict("records"),
                "duplicates": corpus.duplicates.to_dict("records"),
                "skipped": corpus.skipped.to_dict("records"),
                "aliases": aliases.to_records(),
            }
        )
        return
    summary = corpus.summary()
    out_console.print(
        f"{summary['articles']} articles, {summary['paragraphs']} paragraphs, "
        f"{summary['dropped_lines']} boilerplate lines dropped, "
        f"{summary['duplicate_articles']} duplicate articles and {summary['duplicate_paragraphs']} duplicate paragraphs collapsed"
    )
    table = Table("article", "title", "date", "paragraphs")
    counts = corpus.paragraphs.groupby("article_id").size()
    for row in corpus.articles.itertuples():
        table.add_row(row.article_id, text_or_blank(row.title), text_or_blank(row.date), str(counts.get(row.article_id, 0)))
    out_console.print(table)
    reasons = corpus.dropped_lines.groupby("reason").size().sort_values(ascending=False)
    for reason, n in reasons.items():
        out_console.print(f"  dropped {n:>4}  {reason}")
    if show_dropped:
        for row in corpus.dropped_lines.itertuples():
            out_console.print(f"  {row.article_id}: {row.line!r} ({row.reason})", markup=False)
    for row in corpus.duplicates.itertuples():
        out_console.print(f"  duplicate {row.level} {row.unit_id} = {row.duplicate_of} ({row.kind}, {row.similarity:.2f})", markup=False)
    for row in corpus.skipped.itertuples():
        out_console.print(f"  skipped {row.source}: {row.reason}", markup=False)
    for group in aliases.groups:
        out_console.print(f"  aliases  {' = '.join(group.names)}", markup=False)
