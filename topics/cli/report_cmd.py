"""`topics report PATH`: find the topics of a corpus and write the cluster report."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

from topics.cli import app
from topics.modeling.sampling import DEFAULT_MAX_FIT_UNITS, MIN_MAX_FIT_UNITS
from topics.cli._common import (
    given_path,
    BackendOption,
    CacheDirOption,
    DateColumnOption,
    IdColumnOption,
    JsonOption,
    LevelOption,
    ModelOption,
    PathArgument,
    TextColumnOption,
    TitleColumnOption,
    check_level,
    err_console,
    make_embedder,
    print_json,
    table_columns,
)
from topics.console import print_error, print_plain, text, visible

SUMMARY_TOPICS = 15  # rows of the stdout summary; the report has them all


@app.command("report")
def report_command(
    path: Path = PathArgument,
    out: Path = typer.Option(Path("artifacts/report"), "--out", "-o", parser=given_path, help="Folder for the report (replaced if it holds an earlier report)."),
    themes: Optional[Path] = typer.Option(None, "--themes", parser=given_path, help="Theme file: the themes you expect, to be found and reported."),
    guided: bool = typer.Option(False, "--guided", help="With --themes: the declared themes become the first topics (as TopicModel(themes=...) does); the rest is discovered."),
    passing_mentions: Optional[bool] = typer.Option(None, "--passing-mentions/--no-passing-mentions", help="With --themes, as in `topics themes`: a paragraph's only keyword of a theme, said after a lead sentence about something else with its article silent on the theme, is no evidence, and an article's said in passing so too (the default). --no-passing-mentions: every keyword counts."),
    theme_threshold: Optional[float] = typer.Option(None, "--threshold", min=0.01, max=1.0, help="With --themes, as `topics themes --threshold`: minimum score (0-1) for a unit to be under a theme (default 0.5)."),
    article_context: bool = typer.Option(True, "--article-context/--no-article-context", help="With --themes, as `topics themes --no-article-context`: a paragraph does not also take a theme from its article."),
    level: str = LevelOption,
    n_topics: Optional[int] = typer.Option(None, "--n-topics", "-k", min=1, help="Exactly this many topics (k-means, no outliers); automatic when left out."),
    min_topic_size: Optional[int] = typer.Option(None, "--min-topic-size", min=2, help="Smallest topic in automatic mode; adapts to the corpus size when left out."),
    word_weight: float = typer.Option(
        0.0, "--word-weight",
        help="Find each unit's neighbours by its words as well as its meaning: the share of word (TF-IDF) similarity, e.g. 0.3 (0 = meaning only). Helps one actor named several ways stay one topic on small corpora.",
    ),
    max_fit_units: Optional[int] = typer.Option(
        DEFAULT_MAX_FIT_UNITS, "--max-fit-units", min=MIN_MAX_FIT_UNITS,
        help="Past this many units, fit the clustering on a sample of this size; the other units join their nearest sampled neighbours' topic (a number above the corpus size fits on every unit).",
    ),
    model: Optional[str] = ModelOption,
    text_column: Optional[str] = TextColumnOption,
    id_column: Optional[str] = IdColumnOption,
    title_column: Optional[str] = TitleColumnOption,
    date_column: Optional[str] = DateColumnOption,
    cache_dir: Optional[Path] = CacheDirOption,
    backend: Optional[str] = BackendOption,
    seed: int = typer.Option(42, "--seed", min=0, max=2**32 - 1, help="Random seed (UMAP, k-means); the same seed gives the same topics."),
    previous: Optional[Path] = typer.Option(
        None, "--previous", parser=given_path,
        help="An earlier report folder (or saved model) of this corpus: topics keep its ids, a small increment is assigned without refitting, and the report says what changed since.",
    ),
    as_json: bool = JsonOption,
) -> None:
    """Write an HTML report (plus Markdown, JSON, CSV and a PNG map) of the topics in a corpus."""
    from topics.pipeline import find_topics
    from topics.report import check_report_target

    check_level(level)
    theme_options = _theme_options(passing_mentions, theme_threshold, article_context)
    if theme_options and themes is None:
        flag = {"passing_mentions": "--passing-mentions" if passing_mentions else "--no-passing-mentions", "threshold": "--threshold",
                "article_context": "--no-article-context"}
        raise typer.BadParameter("needs --themes: it is how the declared themes are read", param_hint=flag[next(iter(theme_options))])
    if guided and themes is None:
        raise typer.BadParameter("needs --themes: the declared themes are what steers the topics", param_hint="--guided")
    if guided and previous is not None:  # options that cannot go together: wrong usage (exit 2), as the README says
        raise typer.BadParameter("cannot be used with --previous: an earlier run cannot steer guided topics", param_hint="--guided")
    if not 0.0 <= word_weight < 1.0:
        raise typer.BadParameter("must be from 0 to below 1", param_hint="--word-weight")
    check_report_target(out)  # before the slow steps: refuse a folder that is not a report
    embedder = make_embedder(model, cache_dir, backend)
    _check_apart(out, embedder.cache_dir)
    started = time.perf_counter()

    with err_console.status("starting") as status:

        def log(message: str) -> None:
            print_error(f"[{time.perf_counter() - started:6.1f} s] {message}")
            status.update(text(f"{message} …"))

        result = find_topics(
            path,
            level=level,
            n_topics=n_topics,
            min_topic_size=min_topic_size,
            word_weight=word_weight,
            max_fit_units=max_fit_units,
            themes=_themes(themes, theme_options, seed),
            guided=guided,
            embedder=embedder,
            **table_columns(text_column, id_column, title_column, date_column),
            random_state=seed,
            previous=previous,
            log=log,
        )
        files = result.write_report(out, log=log)
    seconds = time.perf_counter() - started

    document = files.data.document
    if as_json:
        print_json(
            {
                "report": str(files.index_html),
                "files": {name: str(p) for name, p in files.paths.items()},
                "seconds": round(seconds, 2),
                **result.summary(),
                "topics": [{k: t[k] for k in ("topic_id", "label", "size", "share")} for t in document["topics"]],
                "themes": _themes_summary(document.get("themes")),
            }
        )
        return
    _print_summary(files, result, seconds)


def _theme_options(passing_mentions: Optional[bool], threshold: Optional[float], article_context: bool) -> dict:
    """The theme options given that differ from ``Themes``' defaults (as ``topics themes`` reads them)."""
    options = {} if passing_mentions is None else {"passing_mentions": passing_mentions}
    if threshold is not None:
        options["threshold"] = threshold
    if not article_context:
        options["article_context"] = False
    return options


def _themes(themes: Optional[Path], options: dict, seed: int):
    """What find_topics is given for ``--themes``: the file, or a Themes of it with the options that differ from
    find_topics' own (the same seed)."""
    if themes is None or not options:
        return themes
    from topics.themes.guided import Themes

    return Themes(themes, random_state=seed, **options)


def _print_summary(files, result, seconds: float) -> None:
    document = files.data.document
    topics = document["topics"]
    outliers = document["outliers"]
    lines = [
        f"Report: {files.index_html}",
        f"{files.data.headline}, {outliers['count']} outlier{'' if outliers['count'] == 1 else 's'} ({100 * outliers['share']:.0f} %), {seconds:.1f} s",
        "",
        f"{'topic':>5}  {'units':>5}  label",
    ]
    for topic in topics[:SUMMARY_TOPICS]:
        lines.append(f"{topic['topic_id']:>5}  {topic['size']:>5}  {topic['label']}")
    if len(topics) > SUMMARY_TOPICS:
        lines.append(f"{'':>5}  {'':>5}  … and {len(topics) - SUMMARY_TOPICS} more in the report")
    # What the time views leave out (undated units, dates that cannot be right), as report.md says it.
    lines += [f"Note: {note}" for note in (document.get("time") or {}).get("notes", [])]
    # ... and what is wrong with the theme file as a whole ("does not fit this corpus"); each theme's own notes
    # are in the report.
    theme_notes = (document.get("themes") or {}).get("notes", [])
    lines += [f"Note: {note}" for note in theme_notes if not note.startswith(("theme ", "themes "))]
    lines += _theme_lines(_themes_summary(document.get("themes")), document["level"])
    lines += ["", "Also in " + str(files.folder) + ": " + ", ".join(name for name in files.paths if name != "index.html")]
    # Labels come from the corpus: printed as plain text, never as console markup.
    print_plain("\n".join(visible(line) for line in lines))


def _themes_summary(themes: Optional[dict]) -> Optional[dict]:
    """What --themes found, for the summary and --json: the result asked for, so on stdout, not only in the log."""
    if not themes:
        return None
    return {
        "file": themes.get("file"),
        "units_under_a_theme": themes["assigned_units"],
        "units_under_none": themes["unassigned_units"],
        "themes": [{"name": t["name"], "units": t["n_units"], "articles": t["n_articles"]} for t in themes["themes"]],
    }


def _theme_lines(summary: Optional[dict], level: str) -> list[str]:
    if summary is None:
        return []
    under, none = summary["units_under_a_theme"], summary["units_under_none"]
    lines = ["", f"Themes: {under} of {under + none} {level}s under at least one theme", "",
             f"{'units':>5}  {'articles':>8}  theme"]
    return lines + [f"{t['units']:>5}  {t['articles']:>8}  {t['name']}" for t in summary["themes"]]


def _check_apart(out: Path, cache_dir) -> None:
    """The report replaces its folder as a whole: one that is or holds the cache (made only by this run,
    else it would be refused already) is refused before the slow steps, not after them."""
    from topics.errors import InputError

    out_path, cache_path = Path(out).resolve(), Path(cache_dir).resolve()
    if out_path == cache_path or out_path in cache_path.parents:
        raise InputError(out, f"would hold the embedding cache {cache_dir}; choose an output folder apart from the cache")
