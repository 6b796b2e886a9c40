"""Two JSONL corpora from the BBC sample, the second adding articles that make a line of the first
repeat across documents (then dropped as chrome), for tests of paragraph ids across runs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DATA_CSV = Path(__file__).resolve().parent / "data" / "bbc_sample.csv"
LINE = "Issued by the press office."  # a paragraph of its own while one article holds it
HOLDER = "bbc-0047"  # in both corpora, the line after its first paragraph
EARLY, ALL = 8, 12  # articles in the first corpus, in the second


def _with_line(text: str) -> str:
    first, rest = text.split("\n\n", 1)
    return f"{first}\n\n{LINE}\n\n{rest}"


def _cut_by_line(text: str) -> str:
    """The second paragraph cut in two by the line (as an advertisement cuts a page's paragraph)."""
    first, second, rest = text.split("\n\n", 2)
    words = second.split()
    return f"{first}\n\n{' '.join(words[:5])}\n\n{LINE}\n\n{' '.join(words[5:])}\n\n{rest}"


def repeated_line_sample() -> pd.DataFrame:
    """The first ``ALL`` sample articles: the line in ``HOLDER`` (row 0) and in row 9; row 10's
    second paragraph cut by it. The first ``EARLY`` rows hold it once: there it is a paragraph."""
    frame = pd.read_csv(DATA_CSV).head(ALL)[["id", "title", "text"]]
    assert frame["id"].iloc[0] == HOLDER
    frame.loc[0, "text"] = _with_line(frame.loc[0, "text"])
    frame.loc[9, "text"] = _with_line(frame.loc[9, "text"])
    frame.loc[10, "text"] = _cut_by_line(frame.loc[10, "text"])
    return frame


def write_corpora(folder: Path) -> tuple[Path, Path]:
    """(early.jsonl, all.jsonl) in ``folder``."""
    frame = repeated_line_sample()
    early, full = folder / "early.jsonl", folder / "all.jsonl"
    frame.head(EARLY).to_json(early, orient="records", lines=True)
    frame.to_json(full, orient="records", lines=True)
    return early, full
