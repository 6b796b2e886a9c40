"""Since the last run, the other way: the earlier run's units that this run no longer has, and the
seen units that changed topic, so that every topic's sizes add up.

A topic's size now is its earlier size, plus its new units, less its units gone from the corpus,
less its seen units now elsewhere (``moved_out``), plus seen units it took from other topics or
from the outliers (``moved_in``). A unit is gone when no unit of this run is matched to it
(:func:`topics.modeling.previous.check_previous`); the current corpus tells why, where it is given:
its article is no longer there (``article_removed``: a file removed), its file is still there but ingest
skips it now (``article_skipped``: empty, say, or no article text left), its article was folded as a
copy of another (``article_folded``), the unit itself was folded as a copy of another unit
(``unit_folded``), its text is now a line ingest drops from its article (``dropped_line``: one that now
repeats across articles, say), or its article is still there without its text (``text_changed``:
edited or cut); ``unknown`` without the corpus.
Owns counting units gone and moved. May import: numpy, ``topics.modeling.previous``; never the report.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np

from topics.modeling.previous import article_of

REASONS = ("article_removed", "article_skipped", "article_folded", "unit_folded", "dropped_line", "text_changed", "unknown")


def gone_rows(n_previous: int, rows: np.ndarray) -> np.ndarray:
    """The earlier run's rows no unit of this run is matched to (``rows``: each unit's earlier row, -1 = new)."""
    matched = np.zeros(n_previous, dtype=bool)
    rows = np.asarray(rows)
    matched[rows[rows >= 0]] = True
    return np.flatnonzero(~matched)


def units_gone(previous, rows: np.ndarray, corpus=None) -> dict:
    """``{gone_units, gone_reasons: {reason: units}, gone_articles: [{article_id, units, reason, folded_into, dropped_as}]}``:
    the earlier units no longer here, why (:data:`REASONS`), and the articles they came from, the most
    units first (``folded_into``: the articles now holding the copies kept; ``dropped_as``: why ingest
    drops their lines now; [] when not so)."""
    gone = gone_rows(previous.n_units, rows)
    why = _reasons(corpus)
    grouped: dict[tuple[str, str], set] = {}
    counts: Counter = Counter()
    for row in gone:
        unit_id = str(previous.unit_ids[row])
        article = article_of(unit_id)
        text = None if previous.texts is None else previous.texts[row]
        reason, detail = why(unit_id, article, text)
        counts[(article, reason)] += 1
        grouped.setdefault((article, reason), set()).update(detail)
    reasons = Counter()
    for (_, reason), n in counts.items():
        reasons[reason] += n
    articles = [{"article_id": article, "units": n, "reason": reason,
                 "folded_into": sorted(grouped[(article, reason)]) if reason.endswith("folded") else [],
                 "dropped_as": sorted(grouped[(article, reason)]) if reason == "dropped_line" else []}
                for (article, reason), n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    return {"gone_units": int(len(gone)), "gone_reasons": {r: int(reasons[r]) for r in REASONS if reasons[r]},
            "gone_articles": articles}


def _reasons(corpus):
    """A function (unit id, article id, earlier text) -> (reason, the articles holding the copies kept or
    why ingest drops the text now), read off ``corpus``."""
    articles = getattr(corpus, "articles", None)
    if articles is None:
        return lambda unit_id, article, text: ("unknown", ())
    present = set(articles["article_id"].astype(str))
    skipped = _skipped_ids(corpus)
    duplicates = getattr(corpus, "duplicates", None)
    folded: dict[str, str] = {}
    if duplicates is not None and len(duplicates):
        folded = dict(zip(duplicates["unit_id"].astype(str), duplicates["duplicate_of"].astype(str)))
    dropped_lines = getattr(corpus, "dropped_lines", None)
    dropped: dict[tuple[str, str], str] = {}
    if dropped_lines is not None and len(dropped_lines):
        dropped = {(str(a), _spaced(line)): str(why) for a, line, why in
                   zip(dropped_lines["article_id"], dropped_lines["line"], dropped_lines["reason"])}

    def reason(unit_id: str, article: str, text) -> tuple[str, tuple]:
        if article not in present and article in skipped:  # still in the source: not "removed"
            return "article_skipped", ()
        # The whole article folded comes first: its units were never split into paragraphs to compare.
        if article in folded and article not in present:
            return "article_folded", (folded[article],)
        if unit_id != article and unit_id in folded:
            return "unit_folded", (article_of(folded[unit_id]),)
        if article not in present:
            return "article_removed", ()
        if text is not None and (article, _spaced(text)) in dropped:
            return "dropped_line", (dropped[(article, _spaced(text))],)
        return "text_changed", ()

    return reason


_NOTE = re.compile(r" \([^()]*\)$")  # "a.txt (read as cp1252)": how the file was read
_TABLE_ROW = re.compile(r" \(id (.+)\)$")  # "news.csv row 7 (id a1)"


def _skipped_ids(corpus) -> set[str]:
    """The article ids the inputs ``corpus`` skipped at ingest would have had: a file's path in the corpus
    folder without its suffix (and with it: files sharing an id keep theirs), a table row's id."""
    skipped = getattr(corpus, "skipped", None)
    root = Path(str(getattr(corpus, "source", "")))
    ids = set()
    for source in [] if skipped is None else skipped["source"].astype(str):
        row = _TABLE_ROW.search(source)
        if row:
            ids.add(row.group(1))
            continue
        try:
            path = Path(_NOTE.sub("", source)).relative_to(root)
            ids.update({path.as_posix(), path.with_suffix("").as_posix()})
        except ValueError:  # not under the corpus folder
            pass
    return ids


def _spaced(text) -> str:
    return " ".join(str(text).split())


def topic_flows(labels: np.ndarray, earlier: np.ndarray, previous_labels: np.ndarray, rows: np.ndarray) -> dict:
    """Per topic id (earlier or current): ``{gone_units, moved_in, moved_out}`` (``earlier``: each current unit's
    earlier topic, -1 for new units and earlier outliers; ``rows``: each unit's earlier row, -1 = new)."""
    labels, earlier = np.asarray(labels), np.asarray(earlier)
    seen = np.asarray(rows) >= 0
    moved = seen & (labels != earlier)
    gone = previous_labels[gone_rows(len(previous_labels), rows)]
    topics = set(np.unique(labels).tolist()) | set(np.unique(previous_labels).tolist())
    return {int(t): {"gone_units": int((gone == t).sum()), "moved_in": int((moved & (labels == t)).sum()),
                     "moved_out": int((moved & (earlier == t)).sum())} for t in topics if t >= 0}
