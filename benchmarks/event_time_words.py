"""Would an event's label say what happened if it were drawn from the words that set it apart in time?

For each event of a corpus (``model.events()``, random state 42), the words (and word pairs) that its
units write more than the units of its topic published outside its event dates, scored as the
subtopic background words are (``rate * log(rate / background rate)``), beside its label. On the ISAF
press releases the events are runs of releases in one template's wording, and these words are that
wording too. A measurement only; labels are not drawn this way.

    python -m benchmarks.event_time_words CORPUS[:LEVEL] [--cache-dir DIR]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd


def time_contrast_words(texts: pd.Series, in_event: np.ndarray, outside: np.ndarray, n: int = 6) -> list[str]:
    from sklearn.feature_extraction.text import CountVectorizer

    used = in_event | outside
    vectorizer = CountVectorizer(stop_words="english", ngram_range=(1, 2), binary=True, min_df=2)
    counts = vectorizer.fit_transform(texts[used])
    rows = np.flatnonzero(used)
    rate = np.asarray(counts[np.isin(rows, np.flatnonzero(in_event))].mean(axis=0)).ravel()
    background = np.asarray(counts[np.isin(rows, np.flatnonzero(outside))].mean(axis=0)).ravel() + 1e-3
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(rate > background, rate * np.log(rate / background), 0.0)
    return vectorizer.get_feature_names_out()[np.argsort(-score)[:n]].tolist()


def main(argv=None) -> None:
    from topics.pipeline import find_topics

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="a corpus path, or path:paragraph / path:article")
    parser.add_argument("--cache-dir", default=None)
    args = parser.parse_args(argv)
    path, _, level = args.corpus.rpartition(":") if args.corpus.endswith((":paragraph", ":article")) else (args.corpus, "", "paragraph")
    model = find_topics(path, level=level, cache_dir=args.cache_dir, random_state=42).model
    info = model.document_info()
    dates = pd.to_datetime(info["date"], errors="coerce")
    print("| peak | subtopic | label | time-contrast words |\n|---|---|---|---|")
    for event in model.events().itertuples(index=False):
        topic = (info["topic_id"] == event.topic_id).to_numpy()
        in_event = topic & (info["subtopic"] == event.subtopic).to_numpy()
        outside = topic & ~((dates >= event.event_start) & (dates <= event.event_end)).to_numpy()
        words = time_contrast_words(info["text"].astype(str), in_event, outside)
        print(f"| {event.peak_date} | {event.topic_id}.{event.subtopic} | {event.label} | {', '.join(words)} |", flush=True)


if __name__ == "__main__":
    main()
