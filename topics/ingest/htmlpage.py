"""Read a saved web page (.html/.htm) with trafilatura: main text, title, date, author, site.

The extracted text keeps its structure: headings become the sections of the
paragraphs under them, list items and table rows become paragraphs. Nothing
is fetched from the network: only the bytes given are read.

Title and date are checked against the page as a reader sees it: the headline the
page-text rules find in the visible text wins when the page's ``<title>`` (or
``og:title``) holds it, since extractors take a section name or a site slogan for the
title on some pages; else the part of a split title the page prints as its headline, or the page's
one ``<h1>`` the article opens with. The date is the one the markup states (JSON-LD, ``<meta>``,
``<time>``; a generic ``<meta name="date">`` only where no date line is printed by the headline),
else the date line printed by the headline, else trafilatura's (htmldate without its guessing
search: URL and similar signs).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from topics.ingest.bylinenames import author_names
from topics.ingest.htmlmeta import GENERIC_HOW, author_tags, declared_language, labelled_links, markup_date, parse_html, visible_text
from topics.ingest.input_files import byte_order_mark_encoding, decode_text, stray_nuls, utf16_without_mark
from topics.ingest.pagedates import dates_day_first, day_first_language
from topics.ingest.yearless import YEARLESS_HOW

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

# What a file that is not a page starts with.
NOT_HTML_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "gzip-compressed data",
    b"RIFF": "a RIFF file (WebP image or audio)",
}
MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|div|p|article|meta|title)\b", re.IGNORECASE)
MIN_ARTICLE_WORDS = 20
TEXT_TAGS = {"p", "head", "item", "quote", "code", "row"}
HEADING_RANKS = {f"h{n}" for n in range(1, 7)}
OWN_H1_HOW = "the article's own <h1>"  # title_how of a headline taken from the <h1> the article opens with
CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True)
class ExtractedPage:
    """What trafilatura found in one page."""

    blocks: list[tuple[str, str]] = field(default_factory=list)  # (kind: "text", "h1" … "h6" or "heading", text)
    title: str | None = None
    date: str | None = None
    author: str | None = None
    site: str | None = None
    language: str | None = None
    title_how: str | None = None  # "trafilatura", "headline in the page text" or OWN_H1_HOW
    date_how: str | None = None  # "json-ld datePublished", "meta …", "time element", "date line …", "trafilatura"
    date_written: str | None = None  # the page's date line when it has no year and the page gives none (no date)
    no_article: str | None = None  # why the visible page is not one article (a section front, an error page)
    labelled_links: frozenset[str] = frozenset()  # lines that are a label and a link ("Read more: <a>…</a>"): htmlmeta.link_key

    @property
    def fields_found(self) -> str:
        names = ("title", "date", "author", "site")
        return ",".join(name for name in names if getattr(self, name))


def not_html_reason(data: bytes) -> str | None:
    """Why these bytes are not a web page, or None when they may be one."""
    for signature, kind in NOT_HTML_SIGNATURES.items():
        if data.startswith(signature):
            return f"is {kind}, not an HTML page"
    head = data[:65536]
    if encoding := byte_order_mark_encoding(data):  # UTF-16 and UTF-32 hold NUL bytes: the mark decides first
        head = head.decode(encoding, errors="replace").encode("utf-8")
    elif b"\x00" in data[:8192]:
        if (utf16 := utf16_without_mark(data)) is not None:  # told by its NULs, as a text file's is
            head = utf16[0][:65536].encode("utf-8")
        elif not stray_nuls(data):  # a few strays are dropped, with a note, as in a text file
            return "binary data (NUL bytes), not an HTML page"
    if not MARKUP.search(head):
        return "no HTML markup found in the first 64 KB"
    return None


def extract_page(text: str) -> ExtractedPage | None:
    """The article of an HTML page, or None when trafilatura finds none (a section front, a 404 page)."""
    import trafilatura

    document = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        fast=False,
        favor_recall=True,  # more of the body, and the chrome rules below drop what it brings along
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    if document is None or document.body is None:
        return None
    title, site = _clean(document.title), _clean(document.sitename)
    title_how = "trafilatura" if title else None
    blocks = list(_blocks(document.body))
    if blocks and blocks[0][0] != "text" and title:
        heading = blocks[0][1]
        if _same(heading, title):
            blocks = blocks[1:]  # the page's own headline, kept as the title
        elif _key(title).startswith(_key(heading)) and len(heading.split()) >= 2 and not _names_site(heading, site, document.hostname):
            title, blocks = heading, blocks[1:]  # "<h1> | Site": the headline without the site's name
    title = without_site_name(title, site, document.hostname)
    from topics.ingest.boilerplate import word_count

    if sum(word_count(text) for kind, text in blocks if kind == "text") < MIN_ARTICLE_WORDS:
        return None  # an error page or a bare section front
    date, date_how = (document.date, "trafilatura") if document.date else (None, None)
    tree = parse_html(text)
    no_article, links, page_text = None, frozenset(), None
    if tree is not None:
        links = labelled_links(tree)
        if (part := _headline_part(title, tree, site, document.hostname)) is not None:
            title = part
            if blocks and blocks[0][0] != "text" and _same(blocks[0][1], part):
                blocks = blocks[1:]
        page_text = visible_text(tree)
        if part is None and blocks and blocks[0][0] == "h1" and _own_h1(blocks[0][1], tree, site, document.hostname, page_text):
            title, title_how, blocks = blocks[0][1], OWN_H1_HOW, blocks[1:]  # the article opens with its headline
        with dates_day_first(day_first_language(declared_language(tree))):  # "06/12/2021" on a page in en-GB: 6 December
            headline, printed_date, printed_how, no_article, yearless = _page_text_header(page_text)
            stated, stated_how = markup_date(tree)
        if headline and headline != title and len(_key(headline)) >= 8 and _states(_stated_titles(tree), headline, site):
            if blocks and blocks[0][0] != "text" and _same(blocks[0][1], headline):
                blocks = blocks[1:]
            title, title_how = headline, "headline in the page text"
        elif (part := _printed_part(title, page_text, headline, site, document.hostname)) is not None:
            if blocks and blocks[0][0] != "text" and _same(blocks[0][1], part):
                blocks = blocks[1:]
            title, title_how = part, "headline in the page text"
        by_headline = printed_date and "after the body" not in printed_how
        if stated and not (stated_how == GENERIC_HOW and by_headline):  # a generic <meta name="date"> is weaker
            date, date_how = stated, stated_how
        elif printed_date and (not date or by_headline):
            date, date_how = printed_date, printed_how  # a date line after the body is weaker than trafilatura's
    yearless = None if date or tree is None else yearless  # a date with its year, from anywhere, wins
    return ExtractedPage(
        blocks=blocks,
        title=title,
        date=date,
        # The page's own writing of its byline tells a short name ("Ian") from a code the extractor capitalised ("Dpa").
        author=author_names(_clean(document.author), page_text and "\n".join([page_text, *author_tags(tree)])),
        site=site,
        language=document.language,
        title_how=title_how,
        date_how=date_how if date or not yearless else YEARLESS_HOW,
        date_written=yearless,
        no_article=no_article,
        labelled_links=links,
    )


def _page_text_header(page_text: str) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """(headline, date, how the date was found, why it is no single article, a date line without
    a year when the page gives none) by the page-text rules on the page's visible text."""
    from topics.ingest.boilerplate import clean_article
    from topics.ingest.repeats import Repeats

    if not page_text:
        return None, None, None, None, None
    found = clean_article(page_text, Repeats.of([]), find_header=True)
    how = found.date_how and f"{found.date_how} in the page text"
    return found.title, found.date, how if found.date else None, found.no_article, found.date_written


def _states(titles: list[str], headline: str, site: str | None) -> bool:
    """Whether a title the page states holds ``headline``, other than as the site's name: the name the
    extractor found, or what a "Headline | Site" title adds to the headline another statement gives
    ("Evergrande default – explained | Asia Markets Daily" beside og:title "Evergrande default – explained")."""
    if site and _same(site, headline):
        return False
    bare = {_key(title) for title in titles}
    for title in titles:
        parts = [part for part in TITLE_SEPARATOR.split(title) if part.strip()]
        rest = [part for part in parts if not _same(part, headline)]
        if _key(headline) in _key(title) and not (len(rest) < len(parts) and _key(" ".join(rest)) in bare):
            return True
    return False


def _headline_part(title: str | None, tree, site: str | None, hostname: str | None) -> str | None:
    """The page's one <h1>, when it is one part of a title the separators split ("Magazine | Headline",
    "Kicker - Headline", "Headline | Standfirst"): the headline without what the title adds to it.
    Not when the <h1> is the site's name (a logo)."""
    if not title or not TITLE_SEPARATOR.search(title):
        return None
    headings = {_clean(element.text_content()) for element in tree.iter("h1")} - {None}
    if len(headings) != 1:
        return None
    heading = headings.pop()
    if len(heading.split()) < 2 or _same(heading, title) or _names_site(heading, site, hostname):
        return None
    return heading if any(_same(part, heading) for part in TITLE_SEPARATOR.split(title)) else None


def _own_h1(heading: str, tree, site: str | None, hostname: str | None, page_text: str) -> bool:
    """Whether the heading the extracted article opens with is the page's one <h1>, of two words or more and not
    the site's name, that is the headline the reader sees where the <title> words it for search engines ("Leasen
    oder Finanzieren? Was lohnt sich?" over the <h1> "Leasing oder Finanzierung?"): the <h1> rewords a title the
    page states, or no title's words are printed on the page (a title that is no headline). A section's label
    opening the article ("Breaking News" over "Springfield mayor resigns over contracts") does neither."""
    headings = {_clean(element.text_content()) for element in tree.iter("h1")} - {None}
    if headings != {heading} or len(heading.split()) < 2 or _names_site(heading, site, hostname):
        return False
    titles = _stated_titles(tree)
    if any(_rewords(heading, title) for title in titles):
        return True
    printed = _content_words(page_text)
    return not any(_stem_in(word, printed) for title in titles for word in _content_words(title))


def _rewords(heading: str, title: str) -> bool:
    """Whether ``heading`` says what ``title`` says: at least half its content words, and two or more (all of
    them when it has one), are the title's, compared by stem ("Leasing" / "Leasen", "Finanzierung" / "Finanzieren")."""
    words, stated = _content_words(heading), _content_words(title)
    shared = sum(_stem_in(word, stated) for word in words)
    return bool(words) and shared >= min(2, len(words)) and 2 * shared >= len(words)


def _content_words(text: str) -> set[str]:
    """The words of four letters or more: a headline's content words, in any language written with spaces,
    without a word list of one language."""
    return set(CONTENT_WORD.findall(text.casefold()))


def _stem_in(word: str, words: set[str]) -> bool:
    """Whether one of ``words`` shares a stem with ``word``: a common start of four letters or more that is
    half the longer word or more ("leasing" / "leasen"; not "news" / "newspaper")."""
    if word in words:
        return True
    for other in words:
        common = len(os.path.commonprefix([word, other]))
        if common >= 4 and 2 * common >= max(len(word), len(other)):
            return True
    return False


def _printed_part(title: str | None, page_text: str, headline: str | None, site: str | None, hostname: str | None) -> str | None:
    """The part of a title the separators split ("Headline-新华网", "Site - Headline - Section") that the page
    prints as its headline, when the page does not print the whole title: the longest part of the page's headline
    line that the title states too ("Section : Headline" printed), else the one title part printed as a line of its
    own. What the title adds to it is the site's name or a section's, which the site name rule cannot tell when
    the page names no site."""
    if not title or not page_text or not TITLE_SEPARATOR.search(title):
        return None
    parts = {_key(part): part.strip() for part in TITLE_SEPARATOR.split(title) if len(_key(part)) >= 8}
    parts = {key: part for key, part in parts.items() if not _names_site(part, site, hostname)}
    lines = {_key(line) for line in page_text.split("\n\n")}
    if not parts or _key(title) in lines:
        return None
    if headline and (shared := [p for p in HEADLINE_PARTS.split(headline) if _key(p) in parts]):
        return parts[_key(max(shared, key=lambda p: len(_key(p))))]
    printed = [part for key, part in parts.items() if key in lines]
    return printed[0] if len(printed) == 1 else None


def _names_site(text: str, site: str | None, hostname: str | None) -> bool:
    """Whether ``text`` is the site's name (a logo's <h1>), as ``without_site_name`` reads a title's last part."""
    return without_site_name(f"x | {text}", site, hostname) != f"x | {text}"


def _stated_titles(tree) -> list[str]:
    """The page's own statements of its title: <title>, og:title, twitter:title."""
    titles = [tree.findtext(".//title") or ""]
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in {"og:title", "twitter:title"}:
            titles.append(meta.get("content") or "")
    return [t for t in titles if t.strip()]


def _blocks(body):
    from lxml import etree

    if body.tag in TEXT_TAGS:  # the whole extract is one element
        if text := _clean(etree.tostring(body, method="text", encoding="unicode", with_tail=False)):
            yield _kind(body), text
        return
    if lead := _clean(body.text):
        yield "text", lead
    for element in body.iterdescendants():
        if not isinstance(element.tag, str) or any(parent.tag in TEXT_TAGS for parent in element.iterancestors()):
            continue  # its text comes with the enclosing paragraph, item, quote or row
        if element.tag == "row":
            cells = [_clean(etree.tostring(cell, method="text", encoding="unicode", with_tail=False)) for cell in element.iter("cell")]
            text = " | ".join(cell for cell in cells if cell)
        elif element.tag in TEXT_TAGS:
            text = _clean(etree.tostring(element, method="text", encoding="unicode", with_tail=False))
        else:
            text = _clean(element.text)  # a container (list, table, div) holding loose text
        if text:
            yield _kind(element), text
        if tail := _clean(element.tail):
            yield "text", tail  # loose text after a heading or a list: the extractor keeps it, so do we


def _kind(element) -> str:
    """"text", or a heading's rank ("h1" … "h6"; "heading" when the page does not say it)."""
    if element.tag != "head":
        return "text"
    rank = (element.get("rend") or "").lower()
    return rank if rank in HEADING_RANKS else "heading"


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _same(a: str, b: str) -> bool:
    return _key(a) == _key(b)


# Between words a separator stands apart; between Chinese or Japanese characters (full-width punctuation too),
# which no space parts, it stands alone ("标题！-新闻网").
CJK_CHARACTERS = "\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef"
TITLE_SEPARATOR = re.compile(rf"\s+(?:\||–|—|-|::|·|•|«|»)\s+|_|\s@\s|(?<=[{CJK_CHARACTERS}])[-|–—](?=[{CJK_CHARACTERS}])")
# A headline line printed with its section or kicker: "Section : Headline", "Kicker | Headline".
HEADLINE_PARTS = re.compile(rf"{TITLE_SEPARATOR.pattern}|\s+:\s+")


def without_site_name(title: str | None, site: str | None, hostname: str | None) -> str | None:
    """"Headline | Site" → "Headline" when the last part names the site (its name or its domain)."""
    if not title:
        return title
    parts = list(TITLE_SEPARATOR.finditer(title))
    if not parts:
        return title
    tail = _key(title[parts[-1].end() :])
    names = {_key(site or "")} | {_key(part) for part in (hostname or "").split(".") if len(part) > 3 and part != "www"}
    names.discard("")
    if tail and any(tail in name or name in tail for name in names):
        return without_site_name(title[: parts[-1].start()].strip(), site, hostname)
    return title


# A numeric character reference ("&#27;", "&#x0c;") to a character XML cannot hold: C0 controls but tab, line
# feed and carriage return, and U+FFFE / U+FFFF. The extractor's tree refuses such a text, and the whole page was
# lost as "no article found"; written out, the character is read as one in the page's bytes is (dropped).
XML_INCOMPATIBLE_REFERENCE = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}));?")


def _incompatible(code: int) -> bool:
    return code < 0x20 and code not in (0x0, 0x9, 0xA, 0xD) or code in (0xFFFE, 0xFFFF)


def as_written(text: str) -> str:
    """``text`` with each reference to a character XML cannot hold replaced by that character."""
    def written(match: re.Match) -> str:
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        return chr(code) if _incompatible(code) else match.group(0)

    return XML_INCOMPATIBLE_REFERENCE.sub(written, text) if "&#" in text else text


def html_record(path, data: bytes, article_id: str) -> tuple[dict | None, str | None]:
    """A corpus record for one saved page, or (None, why it was skipped)."""
    if problem := not_html_reason(data):
        return None, problem
    text, note = decode_text(data, page=True)
    if text is None:
        return None, note
    try:
        page = extract_page(as_written(text))
    except Exception as exc:  # noqa: BLE001 - a broken page is skipped, never a crash of the whole load
        return None, f"the HTML could not be parsed ({type(exc).__name__}: {exc})"
    if page is None:
        return None, "no article found in the page (a section front, an index or an error page?)"
    if page.no_article:
        return None, f"no single article: {page.no_article}"
    return {
        "article_id": article_id,
        "raw_text": "\n\n".join(text for _, text in page.blocks),
        "page": page,
        "title": None,
        "date": None,
        "label": None,
        "source": str(path) + (f" ({note})" if note else ""),
        "encoding_note": (str(path), note) if note else None,
        "find_header": False,
    }, None
