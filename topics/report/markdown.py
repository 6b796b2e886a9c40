"""report.md: the report's findings as Markdown, for pasting into notes.

Every corpus-derived string (ids, titles, keywords, texts, sections, theme
names, the source path) goes through :func:`md_text`, so that any CommonMark
renderer shows it as written: one line (line breaks of every kind collapsed),
no raw HTML (a ``<`` that could open a tag and an ``&`` that could start an entity are
escaped; "AT&T", "a < b" and "x > y" read as written), no control characters, and
no accidental headings, lists, table cells, links, code or emphasis. Ids are
escaped text too, not code spans: a code span ends at a blank line, and
what follows it would be live Markdown. The one exception is a bare URL or
e-mail address, which GitHub's Markdown (and other linkifying renderers) would
turn into a live link from plain text: it is written as a code span, shown as
written (the text is one line by then, so the span cannot be cut short).
"""

from __future__ import annotations

import re

from topics.console import visible
from topics.modeling.stories import story_rows
from topics.text.plain_text import shorten
from topics.report.subtopic_ref import subtopic_ref
from topics.report.tables import ALIASES_SHOWN, plural, run_box_aliases

REPRESENTATIVE_CHARS = 600
TITLE_CHARS = 200  # a headline is shorter; a longer title field is a page's text, shortened (topics.json keeps it whole)
ARTICLES_SHOWN = 8
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|~!])")
# Only these make raw HTML or a character reference of plain text (CommonMark): "<" before a tag's
# name, "/", "!" or "?" (tags, comments, declarations, autolinks), and "&" before an entity's name or
# number and ";". Any other "<", ">" or "&" is shown as it stands, so each is left as written.
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_START = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")
# What GitHub's Markdown links without any markup: a URL with a scheme ("https://", "ftp://" ...)
# or starting "www.", and an e-mail address (after "mailto:" or "xmpp:" too). Backslash escapes stop
# GitHub linking the first two but not an address, so each is a code span, where no renderer links.
# Its content holds no backtick (which would end it) and no "|" (a table cell ends there); trailing
# punctuation stays outside, as GitHub leaves it outside a link.
_BARE_LINK = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s`|<]*[^\s`|<.,:;!?'\")\]*_~]"
    r"|[A-Za-z0-9._+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+"
)


def md_text(value, limit: int | None = None) -> str:
    """One line of corpus text, safe inside Markdown paragraphs and table cells."""
    # Line breaks of every kind (and tabs) are spaces first: only what is left acts instead of showing and is escaped
    # (a message's "\n\n" reads as a space, not as "\x0a\x0a").
    text = visible(" ".join(str(value).split()))
    if limit is not None:
        text = shorten(text, limit)
    pieces, end = [], 0
    for link in _BARE_LINK.finditer(text):
        pieces.append(_escaped(text[end:link.start()]))
        end = link.end()
        while text[end:end + 1] == ")" and text[link.start():end].count("(") > text[link.start():end].count(")"):
            end += 1  # "https://en.wikipedia.org/wiki/Kabul_(city)": a ")" that closes one of the link's own
        pieces.append(f"`{text[link.start():end]}`")
    text = "".join(pieces) + _escaped(text[end:])
    # A leading '#', '-', '+' or '=' would start a heading or a list, a leading '>' a quote, and so
    # would 'N.' / 'N)' (escaped at its punctuation: a backslash before a digit is shown as written).
    return re.sub(r"^(?:([#+=>-])|(\d+)([.)]))", lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], text)


def _escaped(text: str) -> str:
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", _ENTITY_START.sub("&amp;", text))
    return _TAG_OPEN.sub("&lt;", text)


def _code(value) -> str:
    """Text of our own (parameter names and values) for an inline code span: one line, no backtick."""
    return visible(" ".join(str(value).split())).replace("`", "'")


def _pct(share: float, digits: int = 0) -> str:
    return f"{100 * share:.{digits}f} %"


def render_markdown(data) -> str:
    doc = data.document
    corpus = doc["corpus"]
    lines = [
        f"# Topics in {md_text(doc['source'])}",
        "",
        f"{data.headline}{' (' + str(corpus['paragraphs']) + ' paragraphs)' if doc['level'] == 'article' else ''}; "
        f"{doc['outliers']['count']} outliers ({_pct(doc['outliers']['share'])}).",
        "",
        f"- Source: {md_text(doc['source'])}",
        f"- Embedding model: {md_text(doc['embedding_model'])}",
        "- Topic model: " + ", ".join(f"`{_code(k)}={'auto' if v is None else _code(v)}`" for k, v in doc["parameters"].items()),
    ]
    listed = run_box_aliases(doc.get("aliases"))
    if listed:
        shown = listed[:ALIASES_SHOWN]
        more = len(listed) - len(shown)
        lines.append("- Aliases: " + "; ".join(" = ".join(md_text(n) for n in names) for names in shown)
                     + (f"; and {more} more (every one in topics.json)" if more else ""))
    if doc.get("outlet_names"):
        lines.append("- Left out of keywords and labels, the outlet's own name: " + ", ".join(md_text(n) for n in doc["outlet_names"]))
    if corpus["first_date"]:
        lines.append(f"- Dates: {corpus['first_date']} to {corpus['last_date']} ({corpus['dated_articles']} of {corpus['articles']} articles dated)")
    collapsed = corpus.get("duplicates_collapsed") or {}
    if any(collapsed.values()):
        lines.append(f"- Collapsed as copies of another: {collapsed['articles']} articles, {collapsed['paragraphs']} paragraphs "
                     "(counted once above); `topics ingest` names each")
    if corpus.get("skipped"):
        lines.append(f"- Skipped: {sum(corpus['skipped'].values())} documents of the source ("
                     + "; ".join(f"{n} {md_text(reason)}" for reason, n in corpus["skipped"].items()) + "); `topics ingest` names each")
    lines += [f"- Generated: {doc['generated_at']} by {doc['generator']}"]
    lines += _date_notes(doc)
    from topics.report.since_section import since_markdown

    lines += since_markdown(doc, md_text, _pct)
    lines += _events(doc)
    lines += ["", "## Topics", ""]
    lines += ["| id | label | units | share | keywords |", "| ---: | --- | ---: | ---: | --- |"]
    for topic in data.topics:
        keywords = ", ".join(md_text(k["term"]) for k in topic["keywords"][:8])
        lines.append(f"| {topic['topic_id']} | {md_text(topic['label'])} | {topic['size']} | {_pct(topic['share'], 1)} | {keywords} |")
    if doc["outliers"]["count"]:
        lines.append(f"| −1 | outliers | {doc['outliers']['count']} | {_pct(doc['outliers']['share'], 1)} | |")
    for topic in data.topics:
        lines += ["", f"### {topic['topic_id']}. {md_text(topic['label'])}", ""]
        # An article unit is its article: "264 articles from 264 articles" would say nothing.
        source = "" if doc["level"] == "article" else f" from {plural(len(topic['articles']), 'article')}"
        lines.append(f"{plural(topic['size'], doc['level'])} ({_pct(topic['share'], 1)}){source}{_span(topic, doc['level'])}.")
        lines += _subtopics(topic, doc["level"])
        lines += ["", "Keywords: " + ", ".join(f"{md_text(k['term'])} ({k['weight']:.2f})" for k in topic["keywords"]), ""]
        lines.append("Representative " + doc["level"] + "s:")
        for unit in topic["representative_units"]:
            source = md_text(unit["title"] or "", TITLE_CHARS) or md_text(unit["article_id"], TITLE_CHARS)
            lines += ["", f"> {md_text(unit['text'], REPRESENTATIVE_CHARS)}", ">", f"> — {source}, {md_text(unit['unit_id'])}"]
        lines += ["", "Articles (units in this topic, share of the article):", ""]
        for article in topic["articles"][:ARTICLES_SHOWN]:
            count = f"{article['paragraphs_in_topic']} of {article['paragraphs']} paragraphs" if "paragraphs" in article else article["n_units"]
            lines.append(f"- {md_text(article['title'] or article['article_id'], TITLE_CHARS)}: {count} ({_pct(article['share_of_article'])})")
        if len(topic["articles"]) > ARTICLES_SHOWN:
            lines.append(f"- … and {len(topic['articles']) - ARTICLES_SHOWN} more (topics.json)")
    lines += _closest_pairs(data)
    lines += _themes(doc.get("themes"), {t["topic_id"]: t["label"] for t in data.topics})
    lines += ["", "Files: index.html (interactive report), topics.json, topics.csv, assignments.csv, map.png.", ""]
    return "\n".join(lines)


def _closest_pairs(data, n: int = 5) -> list[str]:
    similarity = data.document["topic_similarity"]
    ids = similarity["topic_ids"]
    if len(ids) < 2:
        return []
    label_of = {t["topic_id"]: t["label"] for t in data.topics}
    pairs = sorted(
        ((similarity["matrix"][i][j], ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids))),
        reverse=True,
    )[:n]
    lines = ["", "## Closest topics", ""]
    for value, left, right in pairs:
        # The first name escaped at its number too: "- 1. Label" would be a list inside the item.
        lines.append(f"- {md_text(f'{left}. {label_of.get(left, left)}')} ↔ {right}. {md_text(label_of.get(right, right))}: cosine {value:.2f}")
    return lines


def _themes(themes: dict | None, label_of: dict) -> list[str]:
    if not themes:
        return []
    from topics.report.themes_section import theme_markdown

    return theme_markdown(themes, label_of)


def _span(entry: dict, level: str) -> str:
    """", dated A to B (median M)", saying how many units the span rests on when some are undated: a
    span read off 1 of 50 paragraphs must not read as the topic's."""
    if not entry.get("first_date"):
        return ""
    dated = entry.get("dated_units")
    part = f"; {dated} of {entry['size']} {level}s dated" if dated is not None and dated < entry["size"] else ""
    if entry["first_date"] == entry["last_date"]:
        return f", dated {entry['first_date']}" + (f" ({part[2:]})" if part else "")
    return f", dated {entry['first_date']} to {entry['last_date']} (median {entry['median_date']}{part})"


def _date_notes(doc: dict) -> list[str]:
    """The notes on the dates, a list of their own under the header's list. A paragraph stands
    between the two: a list right after another one, blank line or not, is read as one list."""
    notes = (doc.get("time") or {}).get("notes", [])
    if not notes:
        return []
    return ["", "Notes on the dates:", "", *(f"- {md_text(note)}" for note in notes)]


def _by_chance(event: dict) -> str:
    """"; 4 articles, 0.3 by chance": the event's dated articles in its window and how many random dates
    would put there ("" for an event of a report written before they were counted)."""
    there, expected = event.get("event_articles"), event.get("event_expected")
    if there is None or expected is None or expected != expected:
        return ""
    return f"; {int(there)} article{'s' if int(there) != 1 else ''}, {float(expected):.1f} by chance"


def _events(doc: dict) -> list[str]:
    """What happened when: the events in date order, each with its topic."""
    events = doc.get("events") or []
    if not events:
        return []
    lines = ["", "## Events (what happened when)", ""]
    lines += ["| peak date | event | told in (headline of the article holding most of it) | units | in its peak weeks | topic |",
              "| --- | --- | --- | ---: | ---: | --- |"]
    for event in story_rows(events):  # the events the same articles told at one moment: one row, led by the largest
        also = "; ".join(f"{md_text(e['label'])} ({subtopic_ref(e['topic_id'], e['subtopic'])}; {plural(e['size'], doc.get('level', 'unit'))})"
                         for e in event["also"])
        lines.append(
            f"| {event['peak_date']} | {md_text(event['label'])} ({subtopic_ref(event['topic_id'], event['subtopic'])})"
            + (f"; also told as: {also}" if also else "")
            + f" | {_told_in(event)} | {event['size']} | {_pct(event['event_share'])} ({event['event_start']} to "
            f"{event['event_end']}{_by_chance(event)}) | {event['topic_id']}. {md_text(event['topic_label'])} |"
        )
    return lines


def _told_in(event: dict) -> str:
    """An event's headline and how many articles told it ("" where the corpus has no titles)."""
    articles = event.get("articles") or 0
    more = f" (and {articles - 1} more {'article' if articles == 2 else 'articles'})" if articles > 1 else ""
    return f"{md_text(event['headline'], TITLE_CHARS)}{more}" if event.get("headline") else ""


def _subtopics(topic: dict, level: str) -> list[str]:
    subtopics = topic.get("subtopics") or []
    if len(subtopics) < 2 and not any(s["is_event"] for s in subtopics):
        return []
    lines = ["", "Subtopics:", ""]
    for sub in subtopics:
        event = f" — event, peak {sub['peak_date']}" if sub["is_event"] else ""
        keywords = ", ".join(md_text(k) for k in sub["keywords"][:6])
        lines.append(
            f"- {topic['topic_id']}.{sub['subtopic']} {md_text(sub['label'])}: {plural(sub['size'], level)}"
            f"{_span(sub, level)}{event}" + (f"; {keywords}" if keywords else "")
        )
    return lines
