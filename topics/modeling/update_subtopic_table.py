"""The subtopic table of an update: earlier descriptions where a subtopic kept its shape, fresh ones elsewhere.

Owns the table of :func:`topics.modeling.update_subtopics.update_subtopics` (the columns of
:data:`topics.modeling.subtopics.COLUMNS`). May import: numpy, pandas, the describe, event and
timeline stages.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def subtopic_table(model, sub_labels: np.ndarray, unit_dates, known: pd.DataFrame, afresh: dict, named_sizes: dict | None = None,
                   grown: dict | None = None) -> pd.DataFrame:
    """One row per subtopic of every topic. The subtopics ``afresh[topic]`` names (all of them when
    None), and those ``known`` lacks or whose representatives left the corpus, are described by the
    usual rules, against their siblings; the others keep the earlier label, keywords and
    representatives, and the size they were named at (``named_sizes[(topic, subtopic)]``; else their present size). Sizes, date
    spans and event flags are computed for all; as in a fresh fit, only a subtopic grown from a burst
    (``grown[(topic, subtopic)]``; one it does not name counts as grown, as before the mark was kept) may be an event."""
    from topics.modeling.cluster import topic_centroids
    from topics.modeling.describe import describe_topics
    from topics.modeling.representatives import representative_units
    from topics.modeling.headlines import usage_sample
    from topics.modeling.events import flag_events
    from topics.modeling.sibling_labels import distinct_labels
    from topics.modeling.text_material import material_of
    from topics.modeling.subtopics import COLUMNS, unnamed_subtopic
    from topics.modeling.timeline import date_span
    from topics.modeling.update_describe import context_rows

    labels = np.asarray(model.labels_)
    units = model.units_
    texts = units["text"].tolist()
    unit_ids = units["unit_id"].astype(str).tolist()
    present = set(unit_ids)
    article_ids = np.asarray([str(a) for a in units["article_id"]], dtype=object)
    earlier = {(int(r["topic_id"]), int(r["subtopic"])): r for r in known.to_dict(orient="records")}
    rows, row_dates, row_articles, row_grown = [], [], [], []
    date_values = unit_dates.dates.to_numpy()  # date_span reads values
    usage = None  # how the corpus uses a word, read once when a subtopic is named (headline_labels)
    for topic in model.topic_ids_:
        topic = int(topic)
        members = np.flatnonzero(labels == topic)
        if len(members) == 0:
            continue
        local = sub_labels[members]
        parts = np.unique(local)
        numbers = {int(p) for p in parts}
        if afresh.get(topic, set()) is None:  # split afresh: every part is new content
            renamed = numbers
        else:
            # A part the earlier run did not describe (a new one), or whose representatives left the corpus, is named too;
            # its siblings that kept their shape keep their names (a new event does not rename the rest of its topic).
            described = {p for p in numbers if (topic, p) in earlier and set(earlier[(topic, p)]["representative_unit_ids"]) <= present}
            renamed = (set(afresh.get(topic, set())) | (numbers - described)) & numbers
        if renamed:
            dense = np.searchsorted(parts, local)  # describe_topics numbers topics 0..k-1
            rows_of = np.arange(len(parts))
            vectors = np.asarray(model.embeddings_)[members]
            centroids = topic_centroids(vectors, dense, rows_of)
            named = [row for row, p in enumerate(parts) if int(p) in renamed]
            # The renamed subtopics read through a sample, told apart from a sample of their siblings (as an update's topics).
            sample, weights = context_rows(dense, rows_of[named])
            if usage is None:
                usage = usage_sample(texts, getattr(model, "aliases_", None), material_of(model))
            described = describe_topics(
                [texts[members[i]] for i in sample], dense[sample], rows_of, vectors[sample], centroids,
                n_keywords=model.n_keywords, n_representatives=0, aliases=getattr(model, "aliases_", None),  # found below
                unit_weights=weights, named_rows=named, material=material_of(model), usage_texts=usage,
                writers=article_ids[members[sample]].tolist(),
                unnamed=[unnamed_subtopic(topic, part) for part in parts],  # rows are 0..k-1; the names say the subtopic numbers
                # A grown subtopic keeps its earlier label where it still fits its fresh keywords (as a topic does).
                earlier_names={row: (str(earlier[(topic, int(p))]["label"]), [str(k) for k in earlier[(topic, int(p))]["keywords"]])
                               for row, p in enumerate(parts) if afresh.get(topic, set()) is not None and (topic, int(p)) in earlier},
            )
            nearest = representative_units(dense, rows_of, vectors, centroids, model.n_representatives, [texts[i] for i in members])
        first = len(rows)
        for row, part in enumerate(parts):
            part_units = members[local == part]
            named_size = len(part_units)
            if int(part) not in renamed:
                before = earlier[(topic, int(part))]
                label, keywords, representatives = before["label"], list(before["keywords"]), list(before["representative_unit_ids"])
                named_size = (named_sizes or {}).get((topic, int(part)), named_size)
            else:
                label, keywords = described.labels[row], list(described.keywords[row])
                representatives = [unit_ids[members[i]] for i in nearest[row]]
            part_dates = date_values[part_units]
            rows.append(
                {
                    "topic_id": topic, "subtopic": int(part), "label": label, "size": int(len(part_units)), "named_size": int(named_size),
                    "share_of_topic": len(part_units) / len(members), "keywords": keywords,
                    "representative_unit_ids": representatives, **date_span(part_dates),
                }
            )
            row_dates.append(unit_dates.day_dates.iloc[part_units])  # events need dates that name their day
            row_articles.append(article_ids[part_units])
            row_grown.append(bool((grown or {}).get((topic, int(part)), True)))
        if renamed:  # a renamed subtopic is told apart from its siblings, kept names included
            siblings = rows[first:]
            names = distinct_labels(
                [r["label"] for r in siblings], [r["keywords"] for r in siblings],
                lambda row: [texts[i] for i in members[local == parts[row]]], free={r for r, p in enumerate(parts) if int(p) in renamed},
                above=model.topic_labels().get(int(topic)),
            )
            for record, name in zip(siblings, names):
                record["label"] = name
    table = pd.DataFrame(rows, columns=COLUMNS[: COLUMNS.index("dated_units") + 1])
    table = flag_events(table, row_dates, row_articles, unit_dates.day_dates, article_ids, unit_dates.has_day_timeline,
                        grown=row_grown)
    return table[COLUMNS]
