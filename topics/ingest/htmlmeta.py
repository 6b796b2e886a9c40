"""A saved page's publication date from its markup, and its visible text as a page dump.

Where a page states its date in markup, that is read first: JSON-LD ``datePublished``,
the standard ``<meta>`` names (``article:published_time``, ``datePublished``, Dublin Core,
``pubdate``, …) and ``<time>`` elements marked as the publication date; a generic ``date`` name last.
The date is kept as the publisher wrote it (no time-zone shift: "2016-07-29T22:42:34-04:00" is the 29th).
A date in the URL is the print edition's day, or a folder, so it only comes after the
date line printed next to the headline, which the page-text rules find in the visible text. The
author its ``<meta>`` tags name is read as written (the extractor capitalises a code: "dpa" gives "Dpa").
"""

from __future__ import annotations

import re

from topics.ingest.pagedates import find_dates
from topics.validate import parse_json

# <meta> names (name, property, itemprop or http-equiv, lower case) that hold the publication date.
PUBLISHED_META = {
    "article:published_time", "article:published", "og:published_time", "og:article:published_time",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "published_time", "published-date",
    "publication_date", "publication-date", "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date",
    "dcterms.issued", "dcterms.created", "citation_publication_date", "citation_date", "sailthru.date",
    "parsely-pub-date", "article.published", "original-publish-date", "date", "displaydate", "dc.date.published",
}
# Names that say only "a date" of the page, not that it is the publication's: content systems fill them with the
# time the page was last built or changed, or write them in the server's own order ("11/01/2023" in a day-first
# country). They date a page only when the page prints no date line of its own by the headline.
GENERIC_DATE_META = {"date", "dc.date", "dcterms.date"}
GENERIC_HOW = "meta date (generic)"
PUBLISHED_ITEMPROP = {"datepublished", "datecreated"}
ISO_DATE = re.compile(r"^\s*((?:19|20)\d\d)-?([01]\d)-?([0-3]\d)(?:[T\s]|$)")
# Elements whose text is not shown: left out of the visible text.
INVISIBLE = {"script", "style", "noscript", "template", "title", "iframe", "head", "svg", "math", "select"}
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
    "td", "th", "tr", "ul", "time",
}


def parse_html(text: str):
    """An lxml tree of the page, or None when lxml cannot read it."""
    import lxml.html
    from lxml import etree

    try:
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
        return lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def iso_of(value: str | None) -> str | None:
    """ISO date of a markup date value: "2016-07-29T16:42:34-04:00", "20160729", "July 29, 2016"."""
    if not value:
        return None
    if match := ISO_DATE.match(value):
        year, month, day = (int(part) for part in match.groups())
        import datetime as dt

        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    dates = find_dates(value[:200])
    return dates[0].iso if dates else None


def markup_date(tree) -> tuple[str | None, str | None]:
    """(ISO date, where it was found) of the publication date the markup states, or (None, None).

    Of several stated dates the earliest is the article's: the others are updates or re-publications. A
    generic date name (``GENERIC_DATE_META``) comes after a ``<time>`` marked as the publication's in the
    article (inside ``<article>``/``<main>`` or by the ``<h1>``), before one elsewhere on the page."""
    found: list[tuple[str, str]] = []
    generic: list[tuple[str, str]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            found += [(iso, "json-ld datePublished") for iso in _json_ld_dates(script.text)]
    for meta in tree.iter("meta"):
        names = {(meta.get(a) or "").strip().lower() for a in ("name", "property", "itemprop", "http-equiv")}
        if names & PUBLISHED_META and (iso := iso_of(meta.get("content"))):
            if names & PUBLISHED_META <= GENERIC_DATE_META:
                generic.append((iso, GENERIC_HOW))
            else:
                found.append((iso, "meta " + next(iter(sorted(names & PUBLISHED_META)))))
    if found:
        return min(found)
    marked: list[tuple[str, object]] = []
    for element in tree.iter("time", "span", "div", "p", "abbr"):
        itemprop = (element.get("itemprop") or "").lower()
        if itemprop in PUBLISHED_ITEMPROP or (element.tag == "time" and element.get("pubdate") is not None):
            value = element.get("datetime") or element.get("content") or element.text_content()
            if iso := iso_of(value):
                marked.append((iso, element))
    # A marked <time> in the article beats a generic date name; one elsewhere (a teaser's in an <aside>) dates
    # another article, so it comes after the generic name, as all marked dates did before that name came last.
    headline_blocks = _headline_blocks(tree)
    for iso, element in marked:
        if _in_article(element, headline_blocks):
            return iso, "time element"
    if generic:
        return min(generic)
    return (marked[0][0], "time element") if marked else (None, None)


def _headline_blocks(tree) -> list:
    """The blocks around the page's <h1> headings (the parent and the grandparent of each, not <body>): where the
    date line and byline of the headline stand."""
    blocks = []
    for heading in tree.iter("h1"):
        for ancestor in list(heading.iterancestors())[:2]:
            if ancestor.tag not in ("body", "html"):
                blocks.append(ancestor)
    return blocks


def _in_article(element, headline_blocks: list) -> bool:
    """Whether ``element`` stands in the page's article: inside <article> or <main>, or by an <h1>, and not in an
    <aside> or a <nav> (a teaser of another article)."""
    ancestors = list(element.iterancestors())
    tags = {ancestor.tag for ancestor in ancestors}
    if tags & {"aside", "nav"}:
        return False
    return bool(tags & {"article", "main"}) or any(block in ancestors for block in headline_blocks)


def declared_language(tree) -> str | None:
    """The language the page declares: ``<html lang>`` (or ``xml:lang``), else a Content-Language
    ``<meta>``, else ``og:locale`` ("en_GB"); None when it declares none."""
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or root.get("xml:lang")
    if lang and lang.strip():
        return lang.strip()
    for meta in tree.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language" or (meta.get("property") or "").lower() == "og:locale":
            if (content := (meta.get("content") or "").strip()):
                return content.split(",")[0].strip()
    return None


def author_tags(tree) -> list[str]:
    """What the page's ``<meta>`` tags name as its author ("author", "article:author", "dc.creator"), as written."""
    kinds = ("author", "creator")
    return [meta.get("content") for meta in tree.iter("meta") if meta.get("content")
            and any(kind in (meta.get("name") or meta.get("property") or "").lower() for kind in kinds)]


def _json_ld_dates(text: str) -> list[str]:
    try:
        data = parse_json(text, strict=False)
    except ValueError:
        return []
    dates, stack = [], [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str) and (iso := iso_of(value)):
                dates.append(iso)
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return dates


def visible_text(tree) -> str:
    """The page's visible text, one block a paragraph, as a page dump has it."""
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            blocks.append(text)
        current.clear()

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        hidden = element.get("hidden") is not None or "display:none" in (element.get("style") or "").replace(" ", "").lower()
        if tag in INVISIBLE or hidden or not tag:
            if element.tail:
                current.append(element.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(element.tail)

    body = tree.find("body")
    if body is None:
        return ""
    try:
        walk(body)
    except RecursionError:  # absurdly deep markup: what was read so far
        pass
    flush()
    return "\n\n".join(blocks)


LINK_LINE_TAGS = ("p", "div", "li", "section", "aside", "span")
LABEL_MAX_WORDS = 4
LINK_LINE_MAX_WORDS = 25


def labelled_links(tree) -> frozenset[str]:
    """The lines of the page that are a short label and a link ("Our Standards: <a>The Trust Principles.</a>",
    "Lire aussi : <a>…</a>", "Read more: <a>…</a>"): a pointer to another page, in any language. Each as its
    words in lower case, without punctuation, to be matched with an extractor's blocks."""
    found = set()
    for element in tree.iter(*LINK_LINE_TAGS):
        links = list(element.iter("a"))
        if len(links) != 1 or links[0].getparent() is not element:  # one link: "Source files: a.js, b.js" lists two
            continue
        label = " ".join((element.text or "").split())
        if not label.endswith((":", "：")) or not 1 <= len(label.split()) <= LABEL_MAX_WORDS:
            continue
        text = " ".join(element.text_content().split())
        linked = sum(len(" ".join(a.text_content().split())) for a in links)
        if len(text.split()) <= LINK_LINE_MAX_WORDS and linked >= 0.5 * len(text):
            found.add(link_key(text))
    return frozenset(found)


def link_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
