"""`topics ingest PATH`: what ingest found and what it dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Column, Table
from rich.text import Text

from topics.cli import app
from topics.console import print_plain, text, visible
from topics.cli._common import DateColumnOption, IdColumnOption, JsonOption, PathArgument, TextColumnOption, TitleColumnOption
from topics.cli._common import load, out_console, print_json, table_columns, text_or_blank
from topics.report.tables import plural


@app.command()
def ingest(
    path: Path = PathArgument,
    text_column: Optional[str] = TextColumnOption,
    id_column: Optional[str] = IdColumnOption,
    title_column: Optional[str] = TitleColumnOption,
    date_column: Optional[str] = DateColumnOption,
    show_dropped: bool = typer.Option(False, "--show-dropped", help="List every dropped boilerplate line."),
    as_json: bool = JsonOption,
) -> None:
    """Load a corpus and report articles, paragraphs, dropped boilerplate and duplicates."""
    from topics.text.alias_mining import mine_aliases

    corpus = load(path, table_columns(text_column, id_column, title_column, date_column))
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
    print_plain(
        f"{plural(summary['articles'], 'article')}, {plural(summary['paragraphs'], 'paragraph')}, "
        f"{plural(summary['dropped_lines'], 'line')} dropped (boilerplate and sentences said twice; by reason below), "
        f"{plural(summary['duplicate_articles'], 'duplicate article')} and "
        f"{plural(summary['duplicate_paragraphs'], 'duplicate paragraph')} collapsed"
    )
    apart = summary["paragraphs_dated_apart"]
    if apart["count"]:  # a paragraph republished later is counted once, under its first copy's date
        print_plain(f"{plural(apart['count'], 'duplicate paragraph')} in an article dated otherwise than the copy kept, "
                    f"counted under the kept copy's date (e.g. {visible(apart['examples'][0])})")
    if summary["markup_read"]:
        print_plain(f"escaped HTML read as text in {summary['markup_read']} articles (references as their characters, escaped tags removed)")
    print_plain(f"titles: {_how(summary['titles_by_source'])}")
    print_plain(f"dates: {_how(summary['dates_by_source'])}")
    from topics.modeling.timeline import unit_dates

    impossible = unit_dates(corpus.articles).n_implausible
    if impossible:  # read as dates, but no time view can place them
        print_plain(f"dates: {impossible} of {summary['articles']} articles have a date before 1900 or in the future; time views treat them as undated")
    coarse = {p: n for p, n in summary.get("dates_by_precision", {}).items() if p in ("month", "year")}
    if coarse:  # a month or year alone: read as its first day, never a one-day event
        named = " or ".join(f"a {p} ({n})" for p, n in coarse.items()) if len(coarse) > 1 else f"a {next(iter(coarse))}"
        print_plain(f"dates: {sum(coarse.values())} of {summary['articles']} articles have a date that names only {named}; "
                    "timelines place them at its first day, events leave them out")
    yearless = summary.get("dates_by_precision", {}).get("no year", 0)
    if yearless:  # "March 18", "3/18", "Tuesday": any year put to them would be made up
        print_plain(f"dates: {yearless} of {summary['articles']} articles have a date written without its year; "
                    "they count as undated (no year is guessed)")
    # Corpus strings are table cells of plain Text (never markup) with control characters made visible.
    # An id is what a later command takes ("more like this"): folded onto more lines, never cut with an ellipsis.
    # Its tab or line break shows as an escape (\x09): a table cell would expand or break it.
    table = Table(Column("article", overflow="fold"), "title", "date", "paragraphs")
    counts = corpus.paragraphs.groupby("article_id").size()
    for row in corpus.articles.itertuples():
        date = text_or_blank(row.date)
        date = date[: {"month": 7, "year": 4}.get(getattr(row, "date_precision", None), len(date))]  # as precisely as given
        table.add_row(Text(visible(row.article_id)), text(text_or_blank(row.title)), text(date), str(counts.get(row.article_id, 0)))
    out_console.print(table)
    reasons = corpus.dropped_lines.groupby("reason").size().sort_values(ascending=False)
    for reason, n in reasons.items():
        print_plain(f"  dropped {n:>4}  {reason}")
    if show_dropped:
        for row in corpus.articles.itertuples():
            how = f"title from {getattr(row, 'title_source', 'given')}, date from {getattr(row, 'date_source', 'given')}"
            print_plain(f"  {visible(row.article_id)}: {how}")
        for row in corpus.dropped_lines.itertuples():
            print_plain(f"  {visible(row.article_id)}: {visible(repr(row.line))} ({row.reason})")
    for row in corpus.duplicates.itertuples():
        # A copy dated otherwise than the one kept loses its date: both dates are shown.
        dated = f"; dated {visible(row.date or 'undated')}, kept {visible(row.duplicate_of_date or 'undated')}" if (
            row.date != row.duplicate_of_date) else ""
        print_plain(f"  duplicate {row.level} {visible(row.unit_id)} = {visible(row.duplicate_of)} ({row.kind}, {row.similarity:.2f}{dated})")
    for row in corpus.skipped.itertuples():
        print_plain(f"  skipped {visible(row.source)}: {visible(row.reason)}")

    # Each group led by its full name where the corpus defines one; one name's word forms are spellings, not aliases.
    for shown in sorted((group.shown() for group in aliases.groups), key=lambda shown: shown.main.casefold()):
        forms = ", ".join(visible(form) for form in shown.word_forms)
        if shown.spellings_only:
            print_plain(f"  spellings  {visible(shown.main)}, {forms}")
        else:
            print_plain(f"  aliases  {visible(' = '.join(shown.names))}" + (f" (also written {forms})" if forms else ""))


def _how(counts: dict[str, int]) -> str:
    """"12 page header, 3 none" — how many articles got their title or date which way."""
    return ", ".join(f"{n} {source}" for source, n in counts.items()) or "none"
