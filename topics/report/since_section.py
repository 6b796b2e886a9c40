"""The report's "Since the last run" section: what changed since the earlier run given as ``--previous``.

Owns the ``since_last_run`` field of topics.json (from :func:`topics.modeling.update.since_last_run`)
and its Markdown; the HTML page renders the same field (``since.html.j2``).
"""

from __future__ import annotations

SHOWN = 10  # rows per list in report.md; topics.json has them all


def since_document(result) -> dict:
    """``{"since_last_run": {...} or None}`` for topics.json."""
    since = getattr(result, "since_last_run", None)
    return {"since_last_run": since() if callable(since) else None}


def since_markdown(doc: dict, md_text, pct) -> list[str]:
    """Markdown lines of the section (none without an earlier run)."""
    since = doc.get("since_last_run")
    if not since:
        return []
    before = since["previous"]
    how = (
        "the new units were assigned to the earlier topics (no refit)"
        if since["mode"] == "update"
        else "the corpus changed a lot, so the topics were fitted again and matched to the earlier ones"
    )
    level = doc["level"]
    lines = [
        "", "## Since the last run", "",
        f"Compared with {md_text(before['folder'])} ({before['units']} {level}s, {before['topics']} topics"
        + (f", up to {before['last_date']}" if before.get("last_date") else "") + f"): {since['new_units']} new {level}{'' if since['new_units'] == 1 else 's'}; {how}. "
        + (f"{pct(since['kept_topic'])} of the {since['seen_units']} {level}s seen before keep their topic id." if since["kept_topic"] is not None else ""),
    ]

    def topic(t: dict) -> str:
        # Escaped as one text: "- 3. Label" would make each item a list numbered from 3 inside the item.
        return md_text(f"{t['topic_id']}. {t['label']}")

    def sizes(t: dict) -> str:
        added = f"+{t['new_units']} new" if t["new_units"] else "nothing new"
        return f"{topic(t)}: {t['previous_size']} → {t['size']} {level}s ({added})"

    sections = [
        ("New topics", since["new_topics"], lambda t: f"{topic(t)}: {t['size']} {level}s, {t['new_units']} new"),
        ("New events", since["new_events"], lambda t: f"{t['peak_date']}: {md_text(t['label'])} ({t['size']} {level}s) in {t['topic_id']}. {md_text(t['topic_label'])}"),
        ("Grown", since["grown"], sizes),
        ("Shrunk", since["shrunk"], sizes),
        ("Renewed (same size, some new)", since["renewed"], sizes),
        ("Quiet (same size, nothing new)", since["quiet"], lambda t: f"{topic(t)}: {t['size']} {level}s"),
        ("Gone", since["gone"], lambda t: f"{topic(t)} (had {t['previous_size']} {level}s)"),
        ("Keywords that entered", since["new_keywords"], lambda t: f"{topic(t)}: " + ", ".join(md_text(k) for k in t["keywords"])),
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
