"""The report's data: the topics.json document and the topics/assignments tables.

Every renderer (HTML, Markdown, PNG) reads :class:`ReportData` only, never the
model, so the files of one report always agree with each other.

``topics.json`` schema, version 1 (see also docs/report-schema.md)::

    schema           "topics-report"
    schema_version   1 (bumped when a field changes meaning or disappears; new fields may appear)
    generated_at     ISO 8601 UTC time of the run
    generator        "topics <version>"
    source           what was read (folder, file or "<DataFrame>")
    level            "paragraph" or "article": what a unit is
    embedding_model  sentence-transformers model id
    parameters       {name: value} of the topic model
    aliases          [{canonical, names, main, shown, word_forms, spellings_only}]: names the corpus says are one
                     (topics.text.alias_mining), every name, and as the run box shows them
    timings_s        {step: seconds}
    corpus           {articles, paragraphs, units, dated_articles, first_date, last_date,
                      titles_by_source, dates_by_source: {how found: articles}, "none" when not found,
                      duplicates_collapsed: {articles, paragraphs} (copies counted once),
                      skipped: {reason: documents of the source left out}}
    outliers         {count, share}: units in no topic (topic_id -1)
    time             {period: day|week|month|quarter|year or null, notes: [sentence], dated_units,
                      shares: [{period, topic_id, units, articles, share}] (share of the period's dated units),
                      keywords: [{period, topic_id, units, share, keywords}] (what was said per period)}
    events           [{topic_id, topic_label, subtopic, label, size, peak_date, event_start, event_end,
                       event_share, event_articles, event_expected, story, row, articles, headline}]: subtopics
                       concentrated in time, by peak date; event_articles: its dated articles between start and
                       end, event_expected: how many random dates would put there; story: the events linked as
                       one story; row: the events the same articles told at one moment (one row of the list);
                       articles: how many articles their units come from; headline: the title of the one
                       holding most of them (null without titles)
    since_last_run   null, or with an earlier run (--previous): {previous: {folder, kind, generated_at, units,
                       topics, last_date}, mode: update|refit, units, new_units, seen_units, kept_topic (share
                       of the seen units keeping their topic id), moved_units, gone_units (earlier units no longer
                       here), gone_reasons {reason: units} (article_removed, article_skipped, article_folded,
                       unit_folded, dropped_line, text_changed, unknown), gone_articles [{article_id, units, reason, folded_into, dropped_as}],
                       new_outliers, new_topics (with from, from_outliers),
                       grown, shrunk, renewed, quiet (each continuing topic in one of the four; every topic with
                       gone_units, moved_in, moved_out: previous size + new - gone - out + in = size), renamed, gone (with
                       went_to, outliers, left_corpus, merged_into), new_keywords, new_events, became_events (events that
                       continue an earlier subtopic, with earlier: {topic_id, topic_label, subtopic, label, size, units,
                       was_event}), events_gone, events_changed [{change: split|joined|grown, ...}]}
    topics           [{topic_id, label, size, named_size, share, color, first_date, last_date, median_date, dated_units,
                       subtopics: [{subtopic, label, size, named_size, share_of_topic, keywords, first_date, last_date,
                                    median_date, dated_units, is_event, peak_date, event_start, event_end,
                                    event_share, event_articles, event_expected, grown_from_burst, representative_units; rules_label
                                    where titles are given: the label before a headline phrase led an event's}],
                       keywords: [{term, weight}],
                       representative_units: [{unit_id, article_id, title, date, text, probability}],
                       articles: [{article_id, title, n_units, share_of_article, share_of_topic}]; at article
                                 level also paragraphs, paragraphs_in_topic, and share_of_article is the share
                                 of its paragraphs nearest the topic's centre,
                       themes (only with themes): [{name, n_units}]: its units' primary themes}]
                     sorted by topic_id, outliers not included
    topic_similarity {topic_ids: [...], matrix: [[cosine, ...], ...]}
    hierarchy        [{parent_id, left_id, right_id, distance}]: merges, scipy order
    articles         [{article_id, title, date, n_units, topics: [{topic_id, n_units, share}]}], and date_note
                     where the time views do not place the date as a day ("month only", "year only",
                     "before 1900", "in the future": such a date is kept as given)
    units            [{unit_id, article_id, topic_id, subtopic, date, probability, x, y}]: x, y = 2-D map layout;
                     date_note as an article's;
                     with themes also theme (primary theme name or null) and theme_scores
                     ([score in 0-1 per theme, in the order of themes.themes])
    themes           null, or {themes: [{name, ...}], ...} when guided themes were given

Missing values (an undated article) are null. Unit texts are in
assignments.csv (unit_id, article_id, date, topic_id, topic_label, subtopic, subtopic_label, probability, text;
with themes also
theme, themes ("; "-joined) and one "theme score: <name>" column per theme; last, date_note as a unit's).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from topics.viz.palette import topic_colors

SCHEMA = "topics-report"
SCHEMA_VERSION = 1
REPRESENTATIVE_UNITS = 3
ASSIGNMENT_COLUMNS = [
    "unit_id", "article_id", "date", "topic_id", "topic_label", "subtopic", "subtopic_label", "probability", "text"
]
TOPIC_COLUMNS = ["topic_id", "label", "size", "share", "keywords", "keyword_weights", "representative_unit_ids"]

# The run box lists this many alias groups and folds the rest (a corpus may define dozens of names).
ALIASES_SHOWN = 8


@dataclass(frozen=True)
class ReportData:
    """What a report shows: the topics.json document plus the per-unit table (with texts)."""

    document: dict
    units: pd.DataFrame  # unit_id, article_id, title, date, text, topic_id, topic_label, probability, x, y
    topic_table: pd.DataFrame  # topics.csv rows, outliers (-1) first when present
    # For the page's explorer (see topics.report.explorer); all optional.
    neighbours: np.ndarray | None = None  # (units, k) indices of each unit's nearest units
    unit_themes: pd.DataFrame | None = None  # row-aligned with units: theme, optional score:<name> columns
    article_sources: dict | None = None  # {article_id: the file or folder it came from}
    article_labels: dict | None = None  # {article_id: its label column, when the corpus has one}
    article_precisions: dict | None = None  # {article_id: "month" / "year"} for a date that names no day

    @property
    def topics(self) -> list[dict]:
        return self.document["topics"]

    @property
    def colors(self) -> dict[int, str]:
        return topic_colors([t["topic_id"] for t in self.topics])

    def assignments(self) -> pd.DataFrame:
        """assignments.csv; with themes also the primary theme, every theme and one score column per theme."""
        from topics.report.themes_section import SCORE_COLUMN

        score_prefix = SCORE_COLUMN.split("{")[0]
        theme_columns = [c for c in self.units.columns if c in ("theme", "themes") or str(c).startswith(score_prefix)]
        # date_note last: the columns before it keep their places for readers of earlier reports.
        return self.units[ASSIGNMENT_COLUMNS + theme_columns + (["date_note"] if "date_note" in self.units.columns else [])]

    @property
    def headline(self) -> str:
        """One line saying what the report found, e.g. "6 topics in 91 paragraphs of 5 articles"."""
        return headline(self.document)


def report_aliases(table) -> list[dict]:
    """topics.json's alias groups: every group the model compares as one, with every name (``canonical``,
    ``names``: an update from this report reads them back as its alias table, topics.modeling.previous), and how
    the run box shows it (:meth:`topics.text.alias_mining.AliasGroup.shown`): ``main``, ``shown``, ``word_forms``,
    ``spellings_only``."""
    groups = [(g, g.shown()) for g in getattr(table, "groups", ())]
    return [{"canonical": g.canonical, "names": list(g.names), "main": shown.main, "shown": list(shown.names),
             "word_forms": list(shown.word_forms), "spellings_only": shown.spellings_only} for g, shown in groups]


def run_box_aliases(aliases) -> list[list[str]]:
    """The names the run box lists per group of topics.json's ``aliases``: each led by its full name where the
    corpus defines one, groups in that name's order; a group of one name's word forms is no alias and stays out.
    A report written before ``shown`` was kept lists its ``names``, in its order."""
    listed = [group for group in aliases or () if not group.get("spellings_only")]
    listed.sort(key=lambda group: str(group.get("main", "")).casefold())
    return [list(group.get("shown") or group["names"]) for group in listed]


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def headline(document: dict) -> str:
    corpus = document["corpus"]
    found = plural(len(document["topics"]), "topic")
    if document["level"] == "article":
        return f"{found} in {plural(corpus['articles'], 'article')}"
    return f"{found} in {plural(corpus['units'], document['level'])} of {plural(corpus['articles'], 'article')}"


def build_report_data(result) -> ReportData:
    """Collect the report's numbers and texts from a :class:`topics.pipeline.TopicsResult`."""
    import topics

    model = result.model
    info = model.topic_info()
    documents = model.document_info().reset_index(drop=True)
    coords = np.asarray(model.coords_2d_, dtype=float)
    units = documents.assign(x=coords[:, 0], y=coords[:, 1])
    units["probability"] = units["probability"].astype(float)
    units["topic_id"] = units["topic_id"].astype(int)
    units = _with_themes(units, result)
    article_topics = model.article_topics()
    from topics.report.time_section import subtopic_entries, time_document, unit_dates_and_subtopics
    from topics.report.since_section import since_document

    units = unit_dates_and_subtopics(units, model)

    topic_rows = info[info["topic_id"] != -1]
    colors = topic_colors(topic_rows["topic_id"].tolist())
    text_of = units.set_index("unit_id")
    topic_articles = _with_closeness(_with_paragraph_shares(article_topics, result), model)
    from topics.modeling.update_describe import named_sizes

    named = named_sizes(model)
    topic_list = [_topic_entry(row, colors, text_of, topic_articles, named) for row in topic_rows.itertuples(index=False)]
    if "theme" in units.columns:
        from topics.report.themes_section import topic_themes

        for entry in topic_list:
            entry["themes"] = topic_themes(units, entry["topic_id"])

    subtopics_by_topic = subtopic_entries(model, text_of, _text)
    for entry in topic_list:
        entry.update(subtopics_by_topic.get(entry["topic_id"], {}))
    n_outliers = int((units["topic_id"] == -1).sum())
    theme_score_columns = [list(units.columns).index(c) for c in _theme_score_names(result)]
    theme_column = list(units.columns).index("theme") if theme_score_columns else None
    articles = result.corpus.articles
    from topics.modeling.timeline import unit_dates

    article_dates = unit_dates(articles)
    dates = article_dates.dates.dropna()  # before 1900 or in the future: not a usable date
    document = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "generated_at": result.created_at,
        "generator": f"topics {topics.__version__}",
        "source": result.source,
        "level": result.level,
        "embedding_model": result.embedding_model,
        "parameters": dict(result.parameters),
        # Names the corpus says are one (topics.text.alias_mining), compared as one in keywords and labels.
        "aliases": report_aliases(getattr(model, "aliases_", None)),
        # The outlets' own names, as the texts write them, that keywords and labels leave out (topics.text.outlets).
        "outlet_names": sorted(getattr(getattr(model, "aliases_", None), "left_out", ())),
        "timings_s": dict(result.timings),
        "corpus": {
            "articles": len(articles),
            "paragraphs": len(result.corpus.paragraphs),
            "units": len(units),
            "dated_articles": int(len(dates)),
            "first_date": dates.min().date().isoformat() if len(dates) else None,
            "last_date": dates.max().date().isoformat() if len(dates) else None,
            "titles_by_source": result.corpus.summary().get("titles_by_source", {}),
            "dates_by_source": result.corpus.summary().get("dates_by_source", {}),
            # Copies collapsed into the first of each (topics ingest names them): the counts above are after it.
            "duplicates_collapsed": {"articles": result.corpus.summary()["duplicate_articles"],
                                     "paragraphs": result.corpus.summary()["duplicate_paragraphs"]},
            # Documents of the source left out, by reason: many skipped is a finding about the corpus (or a rule).
            "skipped": {str(reason): int(n) for reason, n in result.corpus.skipped["reason"].value_counts().items()}
            if len(result.corpus.skipped) else {},
        },
        "outliers": {"count": n_outliers, "share": _share(n_outliers, len(units))},
        **time_document(model),
        **since_document(result),
        "topics": topic_list,
        "topic_similarity": _similarity(model),
        "hierarchy": _records(model.hierarchy()),
        "articles": _article_mix(articles, article_topics, article_dates.date_notes()),
        "units": [
            {
                "unit_id": row.unit_id,
                "article_id": row.article_id,
                "topic_id": int(row.topic_id),
                "subtopic": int(row.subtopic),
                "date": _text(row.date) or None,
                **({"date_note": _text(row.date_note)} if _text(row.date_note) else {}),
                "probability": round(float(row.probability), 4),
                "x": round(float(row.x), 4),
                "y": round(float(row.y), 4),
                **_unit_theme_fields(row, theme_column, theme_score_columns),
            }
            for row in units.itertuples(index=False)
        ],
        "themes": theme_summary(result),
    }
    from topics.report.explorer import article_source, nearest_units, unit_themes

    corpus_articles = result.corpus.articles
    ids = corpus_articles["article_id"].astype(str)
    sources = corpus_articles["source"] if "source" in corpus_articles else [None] * len(ids)
    labels = corpus_articles["label"] if "label" in corpus_articles else [None] * len(ids)
    return ReportData(
        document=document,
        units=units,
        topic_table=_topic_table(info),
        neighbours=nearest_units(result.embeddings),
        unit_themes=unit_themes(result),
        article_sources={a: article_source(s) for a, s in zip(ids, sources)},
        article_labels={a: _text(v) for a, v in zip(ids, labels) if _text(v)},
        article_precisions={a: p for a, p in zip(ids, article_dates.precision) if p in ("month", "year")},
    )


def _topic_entry(row, colors, text_of, article_topics, named: dict) -> dict:
    topic_id = int(row.topic_id)
    keywords = [
        {"term": str(term), "weight": round(float(weight), 4)}
        for term, weight in zip(_as_list(row.keywords), _as_list(row.keyword_weights))
    ]
    representatives = []
    for unit_id in _as_list(row.representative_unit_ids)[:REPRESENTATIVE_UNITS]:
        unit = text_of.loc[unit_id]
        representatives.append(
            {
                "unit_id": str(unit_id),
                "article_id": str(unit["article_id"]),
                "title": _text(unit["title"]),
                "date": _text(unit["date"]) or None,
                "text": _text(unit["text"]),
                "probability": round(float(unit["probability"]), 4),
            }
        )
    contributors = article_topics[article_topics["topic_id"] == topic_id].copy()
    # The articles mostly about this topic first: a long FAQ with a few lines here is about another topic,
    # and listed by units alone it would lead a card of short posts that are all this topic. Then most units
    # first; among equals (every article of one paragraph), the articles nearest the topic's centre.
    contributors = contributors.sort_values(["mostly_here", "n_units", "share", "closeness"], ascending=False, kind="stable")
    size = int(row.size)
    return {
        "topic_id": topic_id,
        "label": str(row.label),
        "size": size,
        "named_size": named[topic_id],  # the size it was last named at (an update names it afresh once it grew by a tenth since)
        "share": round(float(row.share), 4),
        "color": colors[topic_id],
        "keywords": keywords,
        "representative_units": representatives,
        "articles": [
            {
                "article_id": str(a.article_id),
                "title": _text(a.title),
                "n_units": int(a.n_units),
                "share_of_article": round(float(a.share), 4),
                "share_of_topic": _share(int(a.n_units), size),
                **({"paragraphs": int(a.paragraphs), "paragraphs_in_topic": int(a.in_topic)} if hasattr(a, "paragraphs") else {}),
            }
            for a in contributors.itertuples(index=False)
        ],
    }


def _with_paragraph_shares(article_topics: pd.DataFrame, result) -> pd.DataFrame:
    """At article level, an article's share in its topic is the share of its paragraphs nearest that topic
    (:mod:`topics.modeling.article_mix`), with the paragraph counts; paragraph level: unchanged."""
    if result.level != "article" or not len(article_topics):
        return article_topics
    from topics.modeling.article_mix import paragraph_shares

    model = result.model
    paragraphs = result.corpus.paragraphs
    vectors = model._embedder().encode(paragraphs["text"].tolist())  # cached: embedded for the article vectors
    shares = paragraph_shares(model.topic_ids_, model.topic_embeddings_, paragraphs, vectors)
    merged = article_topics.assign(article_id=article_topics["article_id"].astype(str)).merge(
        shares, on=["article_id", "topic_id"], how="left", suffixes=("", "_paragraphs")
    )
    totals = shares.drop_duplicates("article_id").set_index("article_id")["paragraphs"]
    merged["paragraphs"] = merged["article_id"].map(totals).fillna(0).astype(int)
    merged["in_topic"] = merged["in_topic"].fillna(0).astype(int)
    merged["share"] = np.where(merged["paragraphs"] > 0, merged["in_topic"] / merged["paragraphs"].clip(lower=1), 0.0)
    return merged.drop(columns=["share_paragraphs"])


def _with_closeness(article_topics: pd.DataFrame, model) -> pd.DataFrame:
    """``article_topics`` with ``closeness``: the mean cosine of the article's units in the topic with the
    topic's centre (None for the outliers), as a topic's representatives are its units nearest that centre;
    and ``mostly_here``: whether the topic holds the article's largest share."""
    labels = np.asarray(model.labels_)
    row_of = {int(t): row for row, t in enumerate(model.topic_ids_)}
    rows = np.array([row_of.get(int(label), -1) for label in labels], dtype=np.int64)
    closeness = np.full(len(labels), np.nan)
    placed = rows >= 0
    if placed.any():
        vectors = np.asarray(model.embeddings_, dtype=np.float64)[placed]
        centres = np.asarray(model.topic_embeddings_, dtype=np.float64)[rows[placed]]
        norms = np.linalg.norm(vectors, axis=1) * np.linalg.norm(centres, axis=1)
        closeness[placed] = (vectors * centres).sum(axis=1) / np.maximum(norms, 1e-12)
    per_unit = pd.DataFrame({"article_id": model.units_["article_id"].astype(str).to_numpy(), "topic_id": labels, "closeness": closeness})
    mean = per_unit.groupby(["article_id", "topic_id"])["closeness"].mean()
    keys = zip(article_topics["article_id"].astype(str), article_topics["topic_id"].astype(int))
    # mostly_here: no topic (nor the outliers) holds more of the article than this one does.
    largest = article_topics.groupby("article_id")["share"].transform("max")
    return article_topics.assign(closeness=[mean.get(key, np.nan) for key in keys], mostly_here=article_topics["share"] >= largest)


def _similarity(model) -> dict:
    similarity = model.topic_similarity()
    return {
        "topic_ids": [int(t) for t in similarity.index],
        "matrix": np.round(similarity.to_numpy(dtype=float), 4).tolist(),
    }


def _article_mix(articles: pd.DataFrame, article_topics: pd.DataFrame, date_notes: list) -> list[dict]:
    """Each article's topic mix, largest share first, in the articles' order. Read once into plain lists:
    a pandas group per article cost 1.5 s for 800 articles, most of writing a report."""
    ordered = article_topics.sort_values("share", ascending=False, kind="stable")
    topics_of: dict = {}
    for article_id, topic_id, n_units, share in zip(ordered["article_id"], ordered["topic_id"], ordered["n_units"], ordered["share"]):
        topics_of.setdefault(article_id, []).append({"topic_id": int(topic_id), "n_units": int(n_units), "share": round(float(share), 4)})
    mix = []
    for article_id, title, date, date_note in zip(articles["article_id"], articles["title"], articles["date"], date_notes):
        found = topics_of.get(article_id)
        if found is None:
            continue
        mix.append(
            {
                "article_id": str(article_id),
                "title": _text(title),
                "date": None if pd.isna(date) else str(date),
                **({"date_note": date_note} if date_note else {}),
                "n_units": sum(t["n_units"] for t in found),
                "topics": found,
            }
        )
    return mix


def _with_themes(units: pd.DataFrame, result) -> pd.DataFrame:
    from topics.report.themes_section import unit_theme_columns

    columns = unit_theme_columns(result)
    return units if columns is None else units.join(columns, on="unit_id")


def _theme_score_names(result) -> list[str]:
    from topics.report.themes_section import SCORE_COLUMN

    themes = getattr(result, "themes", None)
    return [] if themes is None else [SCORE_COLUMN.format(name=name) for name in themes.theme_names_]


def _unit_theme_fields(row, theme_position: int | None, score_positions: list[int]) -> dict:
    """A unit's primary theme and its score per theme (in the order of themes.themes), when the run had themes."""
    if theme_position is None:
        return {}
    theme = row[theme_position]
    return {
        "theme": None if theme is None or (isinstance(theme, float) and np.isnan(theme)) else str(theme),
        "theme_scores": [float(row[i]) for i in score_positions],
    }


def theme_summary(result) -> dict | None:
    """The guided themes as plain data, when the run had themes."""
    themes = getattr(result, "themes", None)
    if themes is None:
        return None
    from topics.report.themes_section import theme_data

    return theme_data(result)


def _topic_table(info: pd.DataFrame) -> pd.DataFrame:
    table = info[TOPIC_COLUMNS].copy()
    table["keywords"] = [" ; ".join(map(str, _as_list(v))) for v in table["keywords"]]
    table["keyword_weights"] = [" ; ".join(f"{float(w):.4f}" for w in _as_list(v)) for v in table["keyword_weights"]]
    table["representative_unit_ids"] = [" ; ".join(map(str, _as_list(v))) for v in table["representative_unit_ids"]]
    table["share"] = table["share"].astype(float).round(4)
    return table.reset_index(drop=True)


def _records(frame: pd.DataFrame) -> list[dict]:
    records = []
    for row in frame.to_dict(orient="records"):
        records.append({k: (v.item() if isinstance(v, np.generic) else v) for k, v in row.items()})
    return records


def _as_list(value) -> list:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    return list(value)


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
