"""`topics similar "text" [PATH]`: the articles (or paragraphs) nearest to a text or an article id."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import numpy as np
import typer

from topics.cli import app
from topics.console import print_error, print_plain, text, visible
from topics.errors import InputError
from topics.text.wording import mostly_non_latin
from topics.validate import check_query_text, not_text_reason, read_small_file, shows_nothing, small_file_text
from topics.text.plain_text import shorten
from topics.cli._common import BackendOption, CacheDirOption, DateColumnOption, IdColumnOption, JsonOption, ModelOption, TextColumnOption
from topics.cli._common import TitleColumnOption, given_path, make_embedder, out_console, print_json, step, table_columns

DEFAULT_CORPUS = Path("seeds")
SNIPPET_CHARS = 240  # of the matching paragraph, in the table view


@app.command("similar")
def similar_command(
    query: Optional[str] = typer.Argument(None, help="Text to search for, or an article/paragraph id (more like this)."),
    path: Optional[Path] = typer.Argument(None, parser=given_path, help="Corpus: folder of .txt/.md articles, one such file, or a CSV/JSONL/Parquet table (default: seeds/)."),
    k: int = typer.Option(10, "-k", "--top", min=1, help="Number of results per query."),
    level: str = typer.Option("article", "--level", "-l", help="Rank articles (by their best paragraph) or paragraphs."),
    queries_file: Optional[Path] = typer.Option(None, "--queries", parser=given_path, help="File of queries, one a line; all answered in one run."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Only articles dated on or after this day, month or year (YYYY-MM-DD, YYYY-MM, YYYY); an article dated by month or year only counts when its span reaches it; undated ones are left out."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Only articles dated on or before this day, month or year (YYYY-MM-DD, YYYY-MM, YYYY: to its last day); undated ones are left out."),
    hybrid: bool = typer.Option(True, "--hybrid/--dense", help="Rank by embedding similarity plus a little BM25 (measured better), or by embeddings alone."),
    rescore: Optional[bool] = typer.Option(None, "--rescore/--no-rescore", help="Score a text query's best candidates again in full precision, by their closest sentence: default at paragraph level, --rescore also at article level (the full-precision ONNX copy; torch only where it cannot run the model)."),
    as_text: bool = typer.Option(False, "--as-text", help="Take the query as text even where it is shaped like an article or paragraph id of the corpus."),
    model: Optional[str] = ModelOption,
    text_column: Optional[str] = TextColumnOption,
    id_column: Optional[str] = IdColumnOption,
    title_column: Optional[str] = TitleColumnOption,
    date_column: Optional[str] = DateColumnOption,
    cache_dir: Optional[Path] = CacheDirOption,
    backend: Optional[str] = BackendOption,
    as_json: bool = JsonOption,
) -> None:
    """Find the articles or paragraphs most similar to a text, or to an article of the corpus."""
    if level not in ("article", "paragraph"):
        raise typer.BadParameter("must be 'article' or 'paragraph'", param_hint="--level")
    if queries_file is not None:
        if query is not None and path is not None:
            raise typer.BadParameter("with --queries, give only the corpus PATH", param_hint="QUERY")
        if path is None and query is not None and not query.strip():  # the corpus given in QUERY's place: not "" as "."
            raise typer.BadParameter("is empty: name a file or folder (\".\" for the current folder)", param_hint="PATH")
        path = path or (Path(query) if query is not None else None)
        queries, lines = read_queries(queries_file, with_lines=True)
    elif query is None:
        raise typer.BadParameter("give a query text (or an article id), or --queries FILE", param_hint="QUERY")
    else:
        queries, lines = [query], None
    from topics.search.date_filter import window_mask
    from topics.search.index import RESCORE, Index

    # A date the filter cannot read (or one without a year) fails here, named as the option, not after the index is built.
    queries = [check_query_text(q) for q in queries]  # an empty one, too
    no_dates = np.zeros(0, "M8[D]")
    try:
        window_mask(no_dates, no_dates, date_from, date_to, names=("--from", "--to"))
    except InputError as exc:  # a date the option cannot read is wrong usage (exit 2), named as the option
        raise typer.BadParameter(exc.problem, param_hint=visible(exc.source)) from None
    if path is None and not DEFAULT_CORPUS.exists():  # "seeds: does not exist" named a folder the user never gave
        raise typer.BadParameter(f"give the corpus to search (there is no {DEFAULT_CORPUS}/ here to search by default)",
                                 param_hint="PATH")
    path = path or DEFAULT_CORPUS
    embedder = make_embedder(model, cache_dir, backend)
    columns = table_columns(text_column, id_column, title_column, date_column)
    with step(f"opening the search index of {path}"):
        index = Index.open_or_build(path, embedder, **columns, hybrid=hybrid, log=print_error)
    index.rescore, index.rescore_articles = (None, False) if rescore is False else (RESCORE, bool(rescore))
    if not as_text:
        _check_ids(index, queries, queries_file, lines)
    results = index.search_many(queries, k, level, date_from=date_from, date_to=date_to, kind="text" if as_text else "auto")
    index.keep(log=print_error)
    if model is None and any(mostly_non_latin(q) and not index.known_id(q) for q in queries):  # an id is no text
        print_error("note: a query is not written in Latin letters; the default English embedding model "
                    "understands it poorly (use an English query, or --model with a multilingual model)")
    if any(not any(ch.isalpha() for ch in q) for q in queries):
        print_error(_which(queries, lambda q: not any(ch.isalpha() for ch in q), lines)
                    + "holds no word (no letter): nothing in it names what to look for, so its matches say little")
    elif any(_only_common_words(q) for q in queries):
        print_error(_which(queries, _only_common_words, lines) + "holds only common words (\"the\", \"of\", ...): nothing "
                    "in it names what to look for, so its matches say little")
    if date_from is not None or date_to is not None:
        note = date_filter_note(index, date_from, date_to, any(not len(hits) for hits in results))
        if note:
            print_error(f"note: {note}")
    for query_text, hits in zip(queries, results):
        if as_json:
            print_json({"query": query_text, "level": level, "no_close_match": hits.attrs.get("no_close_match"),
                        "best_closeness": hits.attrs.get("best_closeness"), "closeness_note": hits.attrs.get("closeness_note"),
                        "no_close_match_lifted": hits.attrs.get("no_close_match_lifted"), "hits": hits.to_dict(orient="records")})
        else:
            print_table(query_text, hits, level)


def _check_ids(index, queries: list[str], queries_file: Path | None, lines: list[int] | None) -> None:
    """Refuse a query shaped like one of the corpus's ids that is none of them, before any search: named by
    its line in a file of queries."""
    for position, query in enumerate(queries):
        if index.unknown_id(query):
            where = f"line {lines[position]}: " if lines else ""
            raise InputError(queries_file or "query", f"{where}unknown article or paragraph id {visible(query)!r} "
                                                      "(add --as-text to search for it as text)")


def _which(queries: list[str], test, lines: list[int] | None) -> str:
    """'note: a query ' or, in a file of queries, 'note: the query on line N '."""
    if lines is None:
        return "note: the query "
    return f"note: the query on line {next(line for line, q in zip(lines, queries) if test(q))} "


def _only_common_words(query: str) -> bool:
    """Whether ``query`` has a letter but no word that the lexical search keeps (every word a stop word)."""
    from topics.search.lexical import tokenize

    return any(ch.isalpha() for ch in query) and not tokenize([query])[0]


def date_filter_note(index, date_from, date_to, nothing_found: bool) -> str | None:
    """What --from/--to left out, when it left out undated articles or everything: a date before 1900 or in
    the future counts as undated, as in the time views."""
    from topics.search.date_filter import placeable, unit_spans

    first, last = unit_spans(index.units.drop_duplicates("article_id"))
    can_place = placeable(first)
    undated = int((~can_place).sum())
    unplaceable = int((~can_place & ~np.isnat(first)).sum())
    # The articles left out as undated; those with a date outside 1900..today are named, the rest have none.
    left_out = f"{undated} undated articles" + "{} left out by --from/--to" + (
        f"; {unplaceable} of them {'is' if unplaceable == 1 else 'are'} dated before 1900 or in the future, which the "
        "time views read as undated too" if unplaceable else "")
    if nothing_found:
        window = (f"between {date_from} and {date_to}" if date_from and date_to
                  else f"on or after {date_from}" if date_from else f"on or before {date_to}")
        if not can_place.any():
            return f"no article is dated {window}: none of the corpus's {len(first)} articles has a date" + (
                f" from 1900 to today ({unplaceable} dated before 1900 or in the future)" if unplaceable else "")
        return (f"no article is dated {window}: the corpus's dated articles run from {first[can_place].min()} to "
                f"{last[can_place].max()}" + (f" ({left_out.format(' are always')})" if undated else ""))
    return left_out.format("") if undated else None


def read_queries(path: Path, with_lines: bool = False):
    """The queries of a file, one a line (blank or invisible lines skipped); ``with_lines``: (queries, their line numbers)."""
    if not path.exists() or path.is_dir():
        raise InputError(path, "no such file of queries" if not path.exists() else "is a folder; give a file of queries, one a line")
    try:
        lines = small_file_text(read_small_file(path, "a file of queries")).splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot read the queries file: {not_text_reason(exc)}") from None
    kept = [(number, line.strip()) for number, line in enumerate(lines, 1) if not shows_nothing(line)]
    if not kept:
        raise InputError(path, "holds no query (one query a line)")
    queries = [query for _, query in kept]
    return (queries, [number for number, _ in kept]) if with_lines else queries


def print_table(query: str, hits, level: str) -> None:
    from rich.table import Table

    from topics.search.closeness import NO_CLOSE_MATCH_BELOW

    from topics.cli._common import text_or_blank

    # Corpus strings become plain Text cells: no markup, control characters made visible.
    table = Table(title=text(f"{level}s nearest to: {shorten(query, 100)}"), title_justify="left", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("closeness", justify="right")  # on the corpus's own scale: comparable across queries
    # Ids are what a later query takes ("more like this"): folded onto more lines, never cut with an ellipsis.
    table.add_column("article", overflow="fold")
    table.add_column("best paragraph" if level == "article" else "paragraph", overflow="fold")
    for hit in hits.itertuples(index=False):
        title = text_or_blank(hit.title) or hit.article_id
        date = text_or_blank(hit.date)
        also = list(getattr(hit, "also", None) or [])  # the same story's other articles, folded into this result
        # Ids as written, a tab or line break in one shown as its escape: a table would expand or break it.
        article = text(f"{shorten(title, SNIPPET_CHARS)}\n{visible(hit.article_id)}" + (f" · {date}" if date else "")
                       + (f"\nalso: {shorten(', '.join(map(visible, also)), SNIPPET_CHARS)}" if also else ""))
        paragraph = text(f"{visible(hit.paragraph_id)}\n{shorten(hit.paragraph, SNIPPET_CHARS)}")
        closeness = getattr(hit, "closeness", float("nan"))
        table.add_row(str(hit.rank), f"{hit.score:.3f}", "–" if closeness != closeness else f"{closeness:.2f}", article, paragraph)
    if not len(hits):
        print_plain(f"no {level} matches: {visible(shorten(query, 100))}")
        return
    out_console.print(table)
    if hits.attrs.get("no_close_match"):
        print_plain(f"no close match in this corpus: no {level} is really about this query (best closeness "
                    f"{hits.attrs['best_closeness']:.2f}, below {NO_CLOSE_MATCH_BELOW}); these are only the least far")
    elif hits.attrs.get("no_close_match_lifted"):  # a low closeness left unflagged: say why
        print_plain(f"best closeness {hits.attrs['best_closeness']:.2f}, below {NO_CLOSE_MATCH_BELOW}, but a result writes "
                    "every word of the query (a name the corpus writes of): not flagged")
    elif hits.attrs.get("closeness_note"):  # closeness could not be read: say so rather than leave "–" unexplained
        print_plain(hits.attrs["closeness_note"])
