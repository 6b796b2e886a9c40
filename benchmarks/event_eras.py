"""A story or a run of one wording? Signals per event, on corpora whose events are one or the other.

On the ISAF press releases every paragraph-level event is a run of releases written in one template's
wording; on the NYT Afghanistan texts events are stories. For each event of a corpus (``model.events()``)
this prints the signals a rule could read, so that one is built only if it parts the two kinds:

- **echo in event**: mean share of an event unit's word n-grams that a unit of another of the event's
  articles writes too (a template repeats its sentences word for word; reporters retell a story).
- **echo in corpus**: the same against every other article of the corpus, counting an n-gram only
  where at least ``--others`` other articles write it (two versions of one article share a lot).
- **topic lift**: the event's topic's share of the corpus's units inside the event's dates over its
  share outside them (a story adds coverage; a template era changes the wording of steady coverage).
- **peak share**: share of the event's dated articles in the busiest quarter of its dates (0.25 for
  an even spread; a story crowds its first days, a template era is a plateau).
- **shared names** / **names, topic draws**: share of the event's article pairs writing one capitalised
  word or number (not a sentence's first) that at most 2 % of the corpus's articles write; the same for
  random sets of as many of the topic's articles outside the event's dates (30 draws).

Under each table: the median echo in corpus of every unit of the corpus (how formulaic the corpus is).

    python -m benchmarks.event_eras CORPUS[:LEVEL] [CORPUS ...] [--cache-dir DIR] [--random-state N]
        [--ngram 4] [--others 3]
"""

from __future__ import annotations

import argparse
import re
from itertools import combinations

import numpy as np
import pandas as pd

from topics.console import visible

NGRAM = 4
OTHERS = 3
RARE_SHARE = 0.02  # a name at most this share of the corpus's articles write
NAME_DRAWS = 30
_WORD = re.compile(r"[\w'’-]+")
_NAME = re.compile(r"(?<![.!?:;\"“]\s)(?<!^)\b([A-Z][\w'’-]+|\d[\d,.]*\d|\d)\b")
_DAY_ZERO = pd.Timestamp("1900-01-01")


def ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def echo_shares(units: pd.DataFrame, pool: pd.DataFrame, n: int, others: int) -> pd.Series:
    """Per unit of ``units``: the share of its n-grams that at least ``others`` other articles of ``pool`` write
    (NaN for a unit shorter than n words)."""
    mine = [ngrams(text, n) for text in units["text"].astype(str)]
    wanted = set().union(*mine) if mine else set()
    writers: dict[tuple, set] = {}
    for text, article in zip(pool["text"].astype(str), pool["article_id"]):
        for gram in ngrams(text, n) & wanted:
            writers.setdefault(gram, set()).add(article)
    return pd.Series([sum(len(writers[g] - {a}) >= others for g in grams) / len(grams) if grams else np.nan
                      for grams, a in zip(mine, units["article_id"])], index=units.index, dtype=float)


def peak_share(days: np.ndarray, start: int, end: int) -> float:
    """Share of the articles' days in the busiest stretch a quarter of [start, end] long."""
    width = max(1, int(round((end - start + 1) / 4)))
    counts = np.bincount(days - start, minlength=end - start + 1)
    return float(np.convolve(counts, np.ones(width, int), "valid").max() / max(1, counts.sum()))


def shared_name_share(article_names: list[set[str]], rare: set[str]) -> float:
    pairs = list(combinations(article_names, 2))
    return float(np.mean([bool(a & b & rare) for a, b in pairs])) if pairs else float("nan")


def name_draws(pool: np.ndarray, size: int, names: dict, rare: set) -> float:
    if len(pool) < size or size < 2:
        return float("nan")
    generator = np.random.default_rng(0)
    return float(np.mean([shared_name_share([names[a] for a in generator.choice(pool, size, replace=False)], rare)
                          for _ in range(NAME_DRAWS)]))


def event_signals(model, n: int = NGRAM, others: int = OTHERS) -> pd.DataFrame:
    info = model.document_info()
    texts = info.groupby("article_id", sort=False)["text"].apply(lambda t: "\n".join(map(str, t)))
    names = {article: set(_NAME.findall(text)) for article, text in texts.items()}
    writers = pd.Series([name for found in names.values() for name in found]).value_counts()
    rare = set(writers.index[writers <= max(2, RARE_SHARE * len(texts))])
    days = (pd.to_datetime(info["date"], errors="coerce") - _DAY_ZERO).dt.days
    dated = days.notna().to_numpy()
    rows = []
    for event in model.events().itertuples(index=False):
        in_sub = ((info["topic_id"] == event.topic_id) & (info["subtopic"] == event.subtopic)).to_numpy()
        units = info[in_sub]
        start, end = ((pd.Timestamp(d) - _DAY_ZERO).days for d in (event.event_start, event.event_end))
        first_days = days[in_sub].groupby(units["article_id"]).min().dropna()
        inside = first_days[(first_days >= start) & (first_days <= end)].astype(int).to_numpy()
        in_dates = ((days >= start) & (days <= end)).to_numpy()
        in_topic = (info["topic_id"] == event.topic_id).to_numpy()
        share_in = (in_topic & in_dates).sum() / max(1, in_dates.sum())
        share_out = (in_topic & dated & ~in_dates).sum() / max(1, (dated & ~in_dates).sum())
        articles = units["article_id"].unique()
        rows.append({
            "peak": event.peak_date, "subtopic": f"{event.topic_id}.{event.subtopic}", "label": visible(event.label),
            "units": len(units), "articles": len(articles), "days": end - start + 1,
            "echo in event": echo_shares(units, units, n, 1).mean(),
            "echo in corpus": echo_shares(units, info, n, others).mean(),
            "topic lift": share_in / share_out if share_out else float("nan"),
            "peak share": peak_share(inside, start, end) if len(inside) else float("nan"),
            "shared names": shared_name_share([names[a] for a in articles], rare),
            "names, topic draws": name_draws(info.loc[in_topic & dated & ~in_dates, "article_id"].unique(),
                                             len(articles), names, rare),
        })
    return pd.DataFrame(rows)


def main(argv=None) -> None:
    from topics.pipeline import find_topics

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", help="corpus paths, each optionally with :paragraph or :article")
    parser.add_argument("--cache-dir", default=None)
    parser.add_argument("--random-state", type=int, default=42)
    parser.add_argument("--ngram", type=int, default=NGRAM, help="words per n-gram of the echo columns")
    parser.add_argument("--others", type=int, default=OTHERS, help="other articles that must write an n-gram (echo in corpus)")
    args = parser.parse_args(argv)
    for corpus in args.corpora:
        path, _, level = corpus.rpartition(":") if corpus.endswith((":paragraph", ":article")) else (corpus, "", "paragraph")
        model = find_topics(path, level=level, cache_dir=args.cache_dir, random_state=args.random_state).model
        table = event_signals(model, args.ngram, args.others)
        info = model.document_info()
        print(f"\n## {path.rsplit('/', 1)[-1]} ({level}, random state {args.random_state}): {len(table)} events\n")
        with pd.option_context("display.width", 250, "display.max_colwidth", 40, "display.float_format", "{:.2f}".format):
            print(table.to_string(index=False))
            corpus_echo = echo_shares(info, info, args.ngram, args.others).median()
            print(f"every unit of the corpus, echo in corpus: median {corpus_echo:.2f}", flush=True)


if __name__ == "__main__":
    main()
