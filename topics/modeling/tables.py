"""Tables a fitted TopicModel answers with: topics, units, subtopics, events, time, article mixes,
similarity, hierarchy.

Owns the read-only views of a fitted model as DataFrames (no refitting: subtopics are computed once
per labelling and cached). May import: numpy, pandas, ``topics.errors``, and lazily the subtopic and
timeline modules. Mixed into :class:`topics.modeling.model.TopicModel`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from topics.errors import InputError
from topics.validate import check_count

UNIT_COLUMNS = ("unit_id", "article_id", "title", "date", "text")
OUTLIER_LABEL = "outliers"


class TopicTables:
    """``topic_info``, ``topic_labels``, ``document_info``, ``article_topics``, ``topic_similarity``,
    ``hierarchy`` of a fitted model (``labels_``, ``topic_ids_``, ``descriptions_``, ...)."""

    def topic_info(self) -> pd.DataFrame:
        self._check_fitted()
        d = self.descriptions_
        n_units = max(len(self.labels_), 1)
        unit_ids = self.units_["unit_id"].astype(str).tolist()
        rows = []
        if (self.labels_ == -1).any():
            size = int((self.labels_ == -1).sum())
            rows.append(
                {"topic_id": -1, "label": OUTLIER_LABEL, "size": size, "share": size / n_units,
                 "keywords": [], "keyword_weights": [], "representative_unit_ids": []}
            )
        for row, topic in enumerate(self.topic_ids_):
            size = int((self.labels_ == topic).sum())
            rows.append(
                {
                    "topic_id": int(topic),
                    "label": d.labels[row],
                    "size": size,
                    "share": size / n_units,
                    "keywords": list(d.keywords[row]),
                    "keyword_weights": list(d.keyword_weights[row]),
                    "representative_unit_ids": [unit_ids[i] for i in d.representatives[row]],
                }
            )
        return pd.DataFrame(rows, columns=["topic_id", "label", "size", "share", "keywords", "keyword_weights", "representative_unit_ids"])

    def topic_labels(self) -> dict[int, str]:
        """Topic id -> label (-1 -> "outliers")."""
        self._check_fitted()
        labels = {int(t): self.descriptions_.labels[row] for row, t in enumerate(self.topic_ids_)}
        return {-1: OUTLIER_LABEL, **labels}

    def document_info(self, subtopics: bool = True) -> pd.DataFrame:
        """Every unit with its date, topic, label, probability and (``subtopics=True``) subtopic number
        and label ("" for an outlier), as in assignments.csv.

        The subtopics are computed on first use (seconds to tens of seconds on thousands of units);
        ``subtopics=False`` leaves the column out and skips that work.
        """
        self._check_fitted()
        names = self.topic_labels()
        info = pd.DataFrame({c: self.units_[c] for c in UNIT_COLUMNS if c in self.units_.columns})
        info["topic_id"] = self.labels_
        info["topic_label"] = [names[int(t)] for t in self.labels_]
        info["probability"] = self.probabilities_
        if subtopics:
            found = self._subtopics()
            names = {(int(r.topic_id), int(r.subtopic)): str(r.label) for r in found.table.itertuples(index=False)}
            info["subtopic"] = found.labels
            info["subtopic_label"] = [names.get((int(t), int(s)), "") for t, s in zip(self.labels_, found.labels)]
        return info.reset_index(drop=True)

    def subtopics(self, topic_id: int | None = None) -> pd.DataFrame:
        """Subtopics of ``topic_id`` (all when None): label, size, date span, representatives, event flag.

        Found by clustering each topic's units again (:mod:`topics.modeling.subtopics`); the
        ``subtopic`` column of :meth:`document_info` numbers them within their topic.
        """
        table = self._subtopics().table
        if topic_id is None:
            return table.copy()
        if topic_id not in set(int(t) for t in self.topic_ids_):
            raise InputError("subtopics", f"no topic {topic_id!r}; topics are {', '.join(map(str, self.topic_ids_))}")
        return table[table["topic_id"] == int(topic_id)].reset_index(drop=True)

    def events(self) -> pd.DataFrame:
        """Subtopics concentrated in time (:mod:`topics.modeling.events`), by peak date, with their
        topic's label and a ``story`` number shared by the events the same articles told
        (:mod:`topics.modeling.stories`)."""
        from topics.modeling.stories import events_table
        from topics.modeling.timeline import unit_dates

        self._check_fitted()
        subtopics, labels = self._subtopics(), self.topic_labels()
        cached = getattr(self, "_events_cache", None)  # a report reads the events two or three times
        if cached is not None and cached[0] is subtopics and cached[1] == labels:
            return cached[2].copy()
        titles = self.units_["title"].tolist() if "title" in self.units_ else None
        table = events_table(subtopics, labels, self.labels_, self.units_["article_id"], titles,
                             self.units_["text"].tolist(), unit_dates(self.units_).day_dates)
        self._events_cache = (subtopics, labels, table)
        return table.copy()

    def topics_over_time(self, freq: str | None = None, n_keywords: int = 5) -> pd.DataFrame:
        """Per topic and period: units, the articles they come from, share of the period's units, and that period's keywords; every
        topic has a row for every period from the first dated unit's to the last's (0 units where it
        has none). ``freq``: D/W/M/Q/Y, else the finest that gives at most 60 periods and that most
        dates name (by month when most dates give only a month); dates coarser than it are left out."""
        from topics.modeling.timeline import topics_over_time, unit_dates

        n_keywords = check_count(n_keywords, "topics_over_time(n_keywords)", minimum=1)
        self._check_fitted()
        dates = unit_dates(self.units_)
        period = dates.period(freq)
        return topics_over_time(
            self.units_["text"].tolist(), self.labels_, dates.in_period(period), self.topic_ids_,
            period, n_keywords=n_keywords, aliases=getattr(self, "aliases_", None),
            article_ids=self.units_["article_id"].to_numpy() if "article_id" in self.units_ else None,
        )

    def _subtopics(self):
        """Computed once per labelling (refitting or reducing topics makes new labels)."""
        self._check_fitted()
        cached = getattr(self, "_subtopics_cache", None)
        pending = getattr(self, "_subtopics_update", None)  # an update's: from the earlier run's subtopics
        if (cached is None or cached[0] is not self.labels_) and pending is not None and pending[0] is self.labels_:
            from topics.modeling.update_subtopics import update_subtopics

            self._subtopics_cache = (self.labels_, update_subtopics(self, *pending[1:]))
        elif cached is None or cached[0] is not self.labels_:
            from topics.modeling.text_material import material_of
            from topics.modeling.subtopics import find_subtopics

            units = self.units_
            found = find_subtopics(
                units["text"].tolist(), self.embeddings_, self.labels_, self.topic_ids_,
                units["date"] if "date" in units.columns else [None] * len(units), units["unit_id"], units["article_id"],
                n_keywords=self.n_keywords, n_representatives=self.n_representatives,
                aliases=getattr(self, "aliases_", None),
                random_state=None if self.random_state is None else int(self.random_state), material=material_of(self),
                date_precision=units["date_precision"] if "date_precision" in units.columns else None,
                parent_labels=self.topic_labels(),
            )
            self._subtopics_cache = (self.labels_, found)
        else:
            return self._subtopics_cache[1]
        self._subtopics_cache = (self.labels_, self._events_named_by_headlines(self._subtopics_cache[1]))
        return self._subtopics_cache[1]

    def _events_named_by_headlines(self, found):
        """``found`` with each event's label led by what its articles' headlines share (:mod:`topics.modeling.event_titles`)."""
        from dataclasses import replace

        from topics.modeling.event_titles import name_events_by_headlines

        units = self.units_
        titles = units["title"].tolist() if "title" in units.columns else None
        table = name_events_by_headlines(found.table, self.labels_, found.labels, units["text"].tolist(), titles,
                                         units["article_id"], self.topic_labels(),
                                         units["date"] if "date" in units.columns else None)
        return found if table is found.table else replace(found, table=table)

    def article_topics(self) -> pd.DataFrame:
        """Each article's topic mix (long format); shares of one article sum to 1."""
        info = self.document_info(subtopics=False)  # an article's mix needs no subtopics
        if "title" not in info.columns:
            info["title"] = None
        grouped = info.groupby(["article_id", "topic_id"], sort=False).size().rename("n_units").reset_index()
        grouped["share"] = grouped["n_units"] / grouped.groupby("article_id")["n_units"].transform("sum")
        titles = info.drop_duplicates("article_id").set_index("article_id")["title"]
        grouped["title"] = grouped["article_id"].map(titles)
        names = self.topic_labels()
        grouped["topic_label"] = grouped["topic_id"].map(names)
        # Articles in first-seen order; within one, the largest share first.
        order = {a: i for i, a in enumerate(info["article_id"].drop_duplicates())}
        grouped["_order"] = grouped["article_id"].map(order)
        grouped = grouped.sort_values(["_order", "n_units", "topic_id"], ascending=[True, False, True], kind="stable")
        return grouped[["article_id", "title", "topic_id", "topic_label", "n_units", "share"]].reset_index(drop=True)

    def topic_similarity(self) -> pd.DataFrame:
        self._check_fitted()
        similarity = self.topic_embeddings_.astype(np.float64) @ self.topic_embeddings_.T.astype(np.float64)
        ids = pd.Index(self.topic_ids_, name="topic_id")
        return pd.DataFrame(np.clip(similarity, -1, 1), index=ids, columns=ids)

    def hierarchy(self) -> pd.DataFrame:
        """One row per merge, first merge first; leaves are topic ids, parents are numbered k, k+1, ...
        like scipy (from the largest topic id + 1 when ids kept from an earlier run leave gaps)."""
        self._check_fitted()
        k = len(self.topic_ids_)
        Z = self.linkage_
        base = max(k, int(self.topic_ids_.max()) + 1) if k else 0

        def node_ids(column: np.ndarray) -> np.ndarray:
            column = column.astype(np.int64)
            return np.where(column < k, self.topic_ids_[np.minimum(column, max(k - 1, 0))], base + column - k)

        return pd.DataFrame(
            {
                "parent_id": np.arange(base, base + len(Z), dtype=np.int64),
                "left_id": node_ids(Z[:, 0]) if len(Z) else np.zeros(0, np.int64),
                "right_id": node_ids(Z[:, 1]) if len(Z) else np.zeros(0, np.int64),
                "distance": Z[:, 2] if len(Z) else np.zeros(0),
                "size": Z[:, 3].astype(np.int64) if len(Z) else np.zeros(0, np.int64),
            }
        )
