"""Dates written without a year, and date filters by month: counted on the ISAF press releases.

``python -m benchmarks.yearless_dates [--data FILE]`` rewrites the dates of the ISAF press releases
(``../shared/data/isaf_press_releases_test.jsonl``, 724 rows, every date a day) the ways tables
write them, one way per row in turn: kept as a day ("2013-01-24"), without its year ("Jan 24",
"1/24", "Thursday", "10:30"), or as its month ("January 2013"). It loads the table with
``topics.load_corpus`` and prints one Markdown table:

- ``before 1900``: articles dated before 1900 (a date without a year read as the year 1);
- ``guessed year``: articles given a year the cell does not write (a time read as today);
- ``unreadable``, ``no year``: articles counted as undated for these reasons (``date_source``);
- ``from the text``: articles whose date without a year gave way to the dateline in their text
  ("KABUL, Afghanistan (Jan. 25, 2013)"), and of those, how many name a day within a week of
  the true one;
- ``month filter missed``: articles a filter should let through that it left out. ``day in month``:
  each article dated by month only, filtered from its true day to the end of that month (August
  2021 overlaps a window from 2021-08-15); ``month bound``: for each month the data covers,
  ``date_from=date_to=<that month>`` ("2011-08"), the articles dated by day in it.

Run it with the code of another checkout first on ``PYTHONPATH`` to compare (the filter is read
through ``Index._allowed``, which both versions have; no embedding is computed).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = next(
    (p for p in (REPO.parent / "shared/data", REPO.parent.parent / "shared/data") if p.exists()), REPO.parent / "shared/data"
) / "isaf_press_releases_test.jsonl"
# How the n-th row's date is written, in turn (strftime; "%-m" is the month with no leading zero).
WRITINGS = ("%Y-%m-%d", "%b %d", "%-m/%-d", "%A", "%B %Y", "%H:%M")
YEARLESS = {"%b %d", "%-m/%-d", "%A", "%H:%M"}


def rewritten(rows: list[dict]) -> list[dict]:
    """The rows with their dates written as :data:`WRITINGS` says, the true date kept aside."""
    out = []
    for n, row in enumerate(rows):
        day = pd.Timestamp(row["date"]) + pd.Timedelta(hours=10, minutes=30)
        writing = WRITINGS[n % len(WRITINGS)]
        out.append({"id": row["id"], "date": day.strftime(writing), "text": row["text"], "true_date": row["date"], "writing": writing})
    return out


def measure(data: Path = DEFAULT_DATA) -> dict:
    from topics import load_corpus
    from topics.search.index import Index

    rows = rewritten([json.loads(line) for line in data.open(encoding="utf-8")])
    truth = pd.DataFrame(rows).set_index("id")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "isaf_rewritten.jsonl"
        path.write_text("".join(json.dumps({k: r[k] for k in ("id", "date", "text")}) + "\n" for r in rows), encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = load_corpus(path)
    articles = corpus.articles.set_index("article_id").join(truth[["true_date", "writing"]])
    dates = articles["date"].fillna("")
    read = pd.to_datetime(dates.where(dates.str[:4] >= "1900", None), errors="coerce")
    source = articles["date_source"].fillna("none")
    from_text = source.str.startswith("dateline")
    yearless_rows = articles["writing"].isin(YEARLESS)
    near = (read - pd.to_datetime(articles["true_date"])).abs() <= pd.Timedelta(days=7)
    result = {
        "articles": len(articles),
        "written without a year": int(yearless_rows.sum()),
        "before 1900": int(((dates != "") & (dates.str[:4] < "1900")).sum()),
        "guessed year": int((yearless_rows & read.notna() & ~from_text).sum()),
        "unreadable": int((source == "unreadable").sum()),
        "no year": int((source == "no year").sum()),
        "from the text": int(from_text.sum()),
        "from the text, within a week": int((from_text & near).sum()),
    }
    units = corpus.units("article")
    index = Index(units, np.eye(len(units), 8, dtype=np.float32) + 1e-3, hybrid=False, approximate=False)
    position = {a: i for i, a in enumerate(units["article_id"])}
    missed_day = 0
    monthly = articles[articles["writing"] == "%B %Y"]
    for article_id, row in monthly.iterrows():
        day = pd.Timestamp(row["true_date"])
        end = (day + pd.offsets.MonthEnd(0)).strftime("%Y-%m-%d")
        missed_day += not bool(index._allowed(day.strftime("%Y-%m-%d"), end, None)[position[article_id]])
    by_day = articles[articles["writing"] == "%Y-%m-%d"]
    months = pd.to_datetime(by_day["true_date"]).dt.strftime("%Y-%m")
    missed_month = 0
    for month, ids in by_day.index.groupby(months.to_numpy()).items():
        allowed = index._allowed(month, month, None)
        missed_month += sum(not bool(allowed[position[a]]) for a in ids)
    result["month filter missed, day in month"] = f"{missed_day} of {len(monthly)}"
    result["month filter missed, month bound"] = f"{missed_month} of {len(by_day)}"
    return result


def run(quick: bool = False, data: Path = DEFAULT_DATA) -> list[dict]:
    """One row (``benchmarks.run`` calls this)."""
    return [measure(data)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    result = measure(args.data)
    print("| " + " | ".join(result) + " |")
    print("|" + " --- |" * len(result))
    print("| " + " | ".join(str(v) for v in result.values()) + " |")


if __name__ == "__main__":
    main()
