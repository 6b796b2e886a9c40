"""The report's "Since the last run" section: what changed since the earlier run given as ``--previous``.

Owns the ``since_last_run`` field of topics.json (from :func:`topics.modeling.update.since_last_run`)
and its Markdown; the HTML page renders the same field (``since.html.j2``) with the same phrases
(:func:`changes`, :func:`gone_sentence`, :func:`gone_change`, :func:`gone_detail`, its filters).
"""

from __future__ import annotations

from topics.modeling.stories import story_rows
from topics.report.subtopic_ref import subtopic_ref

SHOWN = 10  # rows per list in report.md; topics.json has them all
SOURCES = 3  # earlier topics a new topic came from (and topics a gone one went to) named per line; topics.json has them all


def since_document(result) -> dict:
    """``{"since_last_run": {...} or None}`` for topics.json."""
    since = getattr(result, "since_last_run", None)
    return {"since_last_run": since() if callable(since) else None}


def new_event_rows(doc: dict) -> list[dict]:
    """The new events as rows of what happened when (:func:`topics.modeling.stories.story_rows`), each
    with its dates and row from the report's events table: a row and its size read as in the table."""
    since = doc.get("since_last_run") or {}
    table = {(e["topic_id"], e["subtopic"]): e for e in doc.get("events") or []}
    return story_rows([{**table.get((e["topic_id"], e["subtopic"]), {}), **e} for e in since.get("new_events") or []])


def since_markdown(doc: dict, md_text, pct) -> list[str]:
    """Markdown lines of the section (none without an earlier run)."""
    from topics.report.markdown import TITLE_CHARS

    since = doc.get("since_last_run")
    if not since:
        return []
    before = since["previous"]
    started = len(since.get("new_topics") or []) if since["mode"] == "update" else 0
    how = (
        "the new units were assigned to the earlier topics (no refit)" + (
            f", and {started} new topic{'s' if started > 1 else ''} started from new units no earlier topic explains"
            if started else "")
        if since["mode"] == "update"
        else "the corpus changed a lot, so the topics were fitted again and matched to the earlier ones"
    )
    level = doc["level"]
    lines = [
        "", "## Since the last run", "",
        f"Compared with {md_text(before['folder'])} ({before['units']} {level}s, {before['topics']} topics"
        + (f", up to {md_text(before['last_date'])}" if before.get("last_date") else "") + f"): {since['new_units']} new {level}{'' if since['new_units'] == 1 else 's'}; {how}. "
        + (f"{pct(since['kept_topic'])} of the {since['seen_units']} {level}s seen before keep their topic id"
           + _moved(since) + "." if since["kept_topic"] is not None else "")
        + _outliers(since, level) + gone_sentence(since, level),
    ]

    def topic(t: dict) -> str:
        # Escaped as one text: "- 3. Label" would make each item a list numbered from 3 inside the item.
        return md_text(f"{t['topic_id']}. {t['label']}")

    def sizes(t: dict) -> str:
        return f"{topic(t)}: {t['previous_size']} → {t['size']} {level}s ({changes(t)})"

    def quiet(t: dict) -> str:  # as many units, none new: some may still have gone and as many moved in
        moves = changes(t, quiet=True)
        return f"{topic(t)}: {t['size']} {level}s" + (f" ({moves})" if moves else "")

    def counted(n: int) -> str:
        return f"{n} {level}{'' if n == 1 else 's'}"

    def named(topic_id, label, subtopic=None) -> str:
        # A subtopic named in words, as in the events table ("topic 3, subtopic 2: Label"): "3.2" read as a score.
        return md_text(f"{topic_id}. {label}" if subtopic is None else f"{subtopic_ref(topic_id, subtopic)}: {label}")

    def came_from(t: dict) -> str:
        # Where a new topic's seen units were: a part split off a topic that continues, or taken from one that is gone.
        sources = t.get("from", [])
        parts = [f"{'split from' if s['continues'] else 'from'} {named(s['topic_id'], s['label'])} ({counted(s['units'])}{'' if s['continues'] else ', gone'})"
                 for s in sources[:SOURCES]]
        if len(sources) > SOURCES:
            parts.append(f"{sum(s['units'] for s in sources[SOURCES:])} from {len(sources) - SOURCES} more")
        return f"{topic(t)}: {t['size']} {level}s, {t['new_units']} new" + (f"; {', '.join(parts)}" if parts else "")

    def went_to(t: dict) -> str:
        went = t.get("went_to", [])
        parts = [f"{'merged into' if s['topic_id'] == t.get('merged_into') else 'to'} {named(s['topic_id'], s['label'])}"
                 f" ({counted(s['units'])}{', new' if s['new_topic'] else ''})" for s in went[:SOURCES]]
        if len(went) > SOURCES:
            parts.append(f"{sum(s['units'] for s in went[SOURCES:])} to {len(went) - SOURCES} more")
        if t.get("outliers"):
            parts.append(f"{t['outliers']} to no topic")
        if t.get("left_corpus"):
            parts.append(f"{t['left_corpus']} left the corpus")
        return f"{topic(t)} (had {counted(t['previous_size'])})" + (f": {', '.join(parts)}" if parts else "")

    def event_gone(e: dict) -> str:
        where = e.get("now_in")
        if where is not None:
            # The subtopic holding the most of them; it may be an event that holds fewer than half.
            now = f"{where['units']} of its {counted(e['units_now'])} now in {named(where['topic_id'], where['label'], where['subtopic'])}" + (
                ", an event" if where["is_event"] else ", not an event")
        elif e.get("units_now"):
            now = f"its {level}s are in no topic now"
        else:
            now = f"its {level}s left the corpus"
        return f"{md_text(e['peak_date'] or 'undated')}: {md_text(e['label'])} ({counted(e['size'])}) in {named(e['topic_id'], e['topic_label'])}; {now}"

    def event_changed(e: dict) -> str:
        # Sizes before → now and peak dates, so the change reads without the events table.
        def peak(date) -> str:
            return f"peak {md_text(date or 'undated')}"

        def was(x: dict) -> str:
            return f"{md_text(x['peak_date'] or 'undated')}: {md_text(x['label'])} ({counted(x['size'])}) in {named(x['topic_id'], x['topic_label'])}"

        if e["change"] == "split":
            parts = ", ".join(f"{named(n['topic_id'], n['label'], n['subtopic'])} ({n['units']} of its {e['units_now']}, {peak(n['peak_date'])})"
                              for n in e["now_in"])
            return f"split: {was(e)} is now {len(e['now_in'])} events: {parts}"
        now = e["now"]
        into = f"{named(now['topic_id'], now['label'], now['subtopic'])} ({peak(now['peak_date'])})"
        if e["change"] == "joined":
            told = "; ".join(f"{was(x)}, {x['units']} of them" for x in e["joined"])
            return (f"joined: {told}; now one event, {into}: {sum(x['size'] for x in e['joined'])} → {counted(now['size'])}"
                    f" ({now['new_units']} new)")
        return f"grown: {was(e)}; now {into}: {e['size']} → {counted(now['size'])} ({now['new_units']} new)"

    def new_event(e: dict) -> str:  # a row's new events on one line, led by the largest
        also = "; ".join(f"{md_text(other['label'])} ({subtopic_ref(other['topic_id'], other['subtopic'])}; {counted(other['size'])})" for other in e["also"])
        told = f", told in \u201c{md_text(e['headline'], TITLE_CHARS)}\u201d" if e.get("headline") else ""
        return (f"{md_text(e['peak_date'])}: {md_text(e['label'])} ({counted(e['size'])}) in {e['topic_id']}. {md_text(e['topic_label'])}"
                + told + (f"; also told as: {also}" if also else ""))

    def became(e: dict) -> str:  # an event that continues an earlier subtopic, with what it was then
        was = e["earlier"]
        then = "already an event" if was["was_event"] else "not an event then"
        return (f"{md_text(e['peak_date'])}: {md_text(e['label'])} ({counted(e['size'])}) in {e['topic_id']}. {md_text(e['topic_label'])}"
                f"; was {named(was['topic_id'], was['label'], was['subtopic'])} ({counted(was['size'])}, {then}), {was['units']} of them in it")

    sections = [
        ("New topics", since["new_topics"], came_from),
        ("New events", new_event_rows(doc), new_event),
        ("Earlier subtopics that became events", since.get("became_events") or [], became),
        ("Events no longer found", since.get("events_gone") or [], event_gone),
        ("Events changed", since.get("events_changed") or [], event_changed),
        ("Grown", since["grown"], sizes),
        ("Shrunk", since["shrunk"], sizes),
        ("Renewed (same size, some new)", since["renewed"], sizes),
        ("Quiet (same size, nothing new)", since["quiet"], quiet),
        ("Renamed", since.get("renamed", []), lambda t: md_text(f"{t['topic_id']}. {t['previous_label']} → {t['label']}")),
        ("Gone", since["gone"], went_to),
        ("Keywords that entered", since["new_keywords"], lambda t: f"{topic(t)}: " + ", ".join(md_text(k) for k in t["keywords"])),
        ("Gone since the last run, by article", since.get("gone_articles") or [],
         lambda a: f"{md_text(a['article_id'])}: {counted(a['units'])}, {gone_detail(a, level, md_text)}"),
    ]
    for title, rows, line in sections:
        if not rows:
            continue
        # Each list after a paragraph of its own: two lists apart by a blank line alone would be joined.
        lines += ["", f"{title}:", ""]
        lines += [f"- {line(row)}" for row in rows[:SHOWN]]
        if len(rows) > SHOWN:
            lines.append(f"- … and {len(rows) - SHOWN} more (topics.json)")
    return lines


def _outliers(since: dict, level: str) -> str:
    """The new units that joined no topic: without it the new units listed per topic fall short of the total."""
    n = since.get("new_outliers")
    if not n:
        return ""
    return f" {n} of the new {level}s joined no topic (outliers)."


def _moved(since: dict) -> str:
    n = since.get("moved_units")
    return f" ({n} moved to another topic or to none)" if n else ""


def changes(t: dict, quiet: bool = False) -> str:
    """A continuing topic's sizes as they add up: "+7 new, −1 gone, 2 moved in, 1 moved out"
    (earlier size + new − gone − moved out + moved in = size); ``quiet``: without "nothing new"."""
    parts = [] if quiet and not t["new_units"] else [f"+{t['new_units']} new" if t["new_units"] else "nothing new"]
    if t.get("gone_units"):
        parts.append(f"\u2212{t['gone_units']} gone")
    if t.get("moved_in"):
        parts.append(f"{t['moved_in']} moved in")
    if t.get("moved_out"):
        parts.append(f"{t['moved_out']} moved out")
    return ", ".join(parts)


def gone_sentence(since: dict, level: str) -> str:
    """" 3 of the 1441 paragraphs of the last run are gone: 3 from 1 article folded as copies of other paragraphs."
    ("" when none)."""
    n = since.get("gone_units")
    if not n:
        return ""
    articles = since.get("gone_articles") or []

    def among(reason: str) -> str:  # the articles they came from ("" when the units are articles)
        a = sum(1 for entry in articles if entry["reason"] == reason)
        return "" if level == "article" else f" from {a} article{'' if a == 1 else 's'}"

    phrases = {
        "article_removed": "removed from the corpus",
        "article_skipped": "skipped at ingest now (the file is still there)",
        "article_folded": "folded as a copy of another article",
        "unit_folded": f"folded as copies of other {level}s",
        "dropped_line": "now dropped at ingest (boilerplate)",
        "text_changed": "whose text changed (edited)",
        "unknown": "for reasons not known",
    }
    parts = [f"{k}{among(reason)} {phrases[reason]}" for reason, k in (since.get("gone_reasons") or {}).items() if reason in phrases]
    return (f" {n} of the {since['previous']['units']} {level}s of the last run {'is' if n == 1 else 'are'} gone"
            + (f": {'; '.join(parts)}." if parts else "."))


def gone_detail(entry: dict, level: str, text=str) -> str:
    """Why an article's units of the last run are gone (``text`` escapes corpus text for the page it goes on)."""
    into = ", ".join(text(a) for a in entry.get("folded_into") or [])
    return {
        "article_removed": "the article is no longer in the corpus (removed)",
        "article_skipped": "the file is still there, but ingest skips it now (see the corpus's skipped inputs)",
        "article_folded": f"the article was folded as a copy of {into}",
        "unit_folded": f"folded as copies of {level}s of {into}",
        "dropped_line": "now dropped from the article at ingest: " + ", ".join(text(why) for why in entry.get("dropped_as") or []),
        "text_changed": "no longer in the article's text (edited)",
    }.get(entry["reason"], "reason not known")


def gone_change(entry: dict) -> str:
    """The change an article's gone units make, by why they are gone: most articles are still here."""
    return {
        "article_removed": "left the corpus",
        "article_skipped": "skipped at ingest",
        "article_folded": "folded as a copy",
        "unit_folded": "folded as copies",
        "dropped_line": "dropped at ingest",
        "text_changed": "text changed",
    }.get(entry["reason"], "gone")
