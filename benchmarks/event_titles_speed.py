"""CPU time of leading events' labels by their headlines' phrases (topics.modeling.event_titles) on a
synthetic corpus of N titled articles and T events of five articles each.

    python -m benchmarks.event_titles_speed 100000 80
"""

from __future__ import annotations

import random
import sys
import time

import pandas as pd

from topics.modeling.event_titles import name_events_by_headlines


def main(n_articles: int, n_events: int) -> float:
    random.seed(0)
    vocabulary = ["".join(random.choice("abcdefghijklmnoprstu") for _ in range(7)) for _ in range(5000)]
    titles = ["Lawmakers " + " ".join(random.sample(vocabulary, 8)) for _ in range(n_articles)]
    texts = ["The story says " + t.lower() + " today." for t in titles]
    articles = [f"a{a}" for a in range(n_articles)]
    topics = [a % n_events for a in range(n_articles)]
    subtopics = [1 if a < n_events * 5 else 0 for a in range(n_articles)]
    table = pd.DataFrame({"topic_id": list(range(n_events)) * 2, "subtopic": [0] * n_events + [1] * n_events,
                          "label": ["x, y"] * (2 * n_events), "is_event": [False] * n_events + [True] * n_events})
    start = time.process_time()
    name_events_by_headlines(table, topics, subtopics, texts, titles, articles, {})
    return time.process_time() - start


if __name__ == "__main__":
    n, t = int(sys.argv[1]), int(sys.argv[2])
    print(n, "articles", t, "events", round(main(n, t), 2), "CPU s")
