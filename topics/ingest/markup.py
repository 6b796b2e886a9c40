"""HTML left escaped in plain text: character references and escaped tags, as web exports leave them.

A text field cut from a web page often keeps its HTML escaped: "AT&amp;T", "clich&#233;d",
"&lt;a href=...&gt;SPLS.O&lt;/a&gt;". Some cleaners replace the "&" with a space ("doesn #39;t",
"In  quot;helping"). A reader sees "AT&T", "clichéd", "SPLS.O", "doesn't"; left as they are, the
words of the markup ("href", "quickinfo fullquote", "quot") become keywords and label words.

Only markup that arrives escaped is removed: a tag written as such in a plain text ("Allowed HTML
tags: <em> <strong>") is what the text says, unless the text is an HTML fragment, a block element
opened and closed in it, as a CMS exports its posts ("<p>...</p><h2>...</h2>"): then it is read as a
page is (:func:`fragment_text`). Owns nothing else. May import: lxml (a dependency of trafilatura).
"""

from __future__ import annotations

import html
import re

# Elements whose escaped tags are markup: removed, the text between them kept ("&lt;b&gt;Kabul&lt;/b&gt;").
INLINE_ELEMENTS = frozenset(
    "a abbr b big cite code em font i img q s small span strike strong sub sup tt u".split()
)
# These stand between blocks of text: removed, with a space so the words on both sides stay apart.
BLOCK_ELEMENTS = frozenset(
    "blockquote br center dd div dl dt h1 h2 h3 h4 h5 h6 hr iframe li ol p pre script style table tbody "
    "td th tr ul".split()
)
# What stands between an escaped tag's "&lt;" and "&gt;": its name, then its attributes.
_TAG_BODY = re.compile(r"\s*/?\s*([A-Za-z][A-Za-z0-9]*)\b[^<>]*")
# A character reference, ended by ";" (an "&" before a word, "R&D", "AT&T", is text).
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A reference whose "&" became a space: "doesn #39;t", " quot;". Only numbers of printable characters
# and the five references of XML, which English text never writes this way.
_LOST_AMPERSAND = re.compile(r"\s(#[0-9]{2,4}|quot|amp|lt|gt|apos);")


# Quotation marks a lost "&" may stand for: one that opens a quotation keeps the space before it.
_DOUBLE_QUOTES = frozenset('"“”„«»')


def _restore_ampersand(match: re.Match) -> str:
    reference = match.group(1)
    if reference.startswith("#") and int(reference[1:]) < 32:
        return match.group(0)  # "issue #12;" is a number, not a control character
    restored = "&" + reference + ";"
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or text[start - 1].isspace():
        return restored  # "In  quot;helping": the "&" was one of two spaces, the other stays
    # The space that held the "&" was the only one: the word before and the character stay apart where the
    # character stands apart from it ("said quot;no" → 'said "no', "Procter amp; Gamble" → "Procter & Gamble",
    # "to #36;5" → "to $5"), and join it where it closes or binds a word ("no quot; and", "AT amp;T", "doesn #39;t").
    character, after = html.unescape(restored), text[end : end + 1]
    if character in _DOUBLE_QUOTES:
        apart = after[:1].isalnum() or after in ("'", "‘", "(")
    elif character in "'’‘`" or (character == "&" and after[:1].isalnum()):
        apart = False
    else:
        apart = True
    return " " + restored if apart else restored


def _drop_escaped_tags(text: str) -> str:
    """``text`` without its escaped tags of known elements. Each "&gt;" closes the "&lt;" last opened
    before it: one pass over the text, however many are left unclosed."""
    if "&lt;" not in text or "&gt;" not in text:
        return text
    pieces = text.split("&gt;")
    kept = []
    for piece, after in zip(pieces, pieces[1:]):
        start = piece.rfind("&lt;")
        tag = _TAG_BODY.fullmatch(piece, start + 4) if start >= 0 else None
        name = tag.group(1).lower() if tag else ""
        if name in INLINE_ELEMENTS:
            kept.append(piece[:start])
        elif name in BLOCK_ELEMENTS:
            before = piece[:start]
            # A space keeps the words on both sides apart, where no whitespace does already.
            apart = before[-1:].isspace() or after[:1].isspace() or not (before or "".join(kept))
            kept.append(before if apart else before + " ")
        else:
            kept.append(piece + "&gt;")  # "&lt;TXN.N&gt;": a ticker, not a tag
    return "".join(kept) + pieces[-1]


def unescape_markup(text: str) -> str:
    """``text`` with its escaped tags removed and its character references read, as a reader sees it.
    A text without "&" or a lost "&" comes back unchanged (the same object)."""
    if "&" not in text and ";" not in text:
        return text
    if not (_REFERENCE.search(text) or _LOST_AMPERSAND.search(text)):
        return text
    text = _LOST_AMPERSAND.sub(_restore_ampersand, text)
    text = _drop_escaped_tags(text)
    # The rest of the text is left as written: runs of spaces and indents carry a listing's or a table's layout.
    return _REFERENCE.sub(lambda m: html.unescape(m.group(0)), text)


# A text that is an HTML fragment: a block element opened and closed in it (a WordPress post_content cell).
_RAW_BLOCK = re.compile(r"<(p|div|h[1-6]|li|blockquote|figcaption|section|article|td)\b[^<>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# Where a fragment's blocks end: a paragraph break, so each block stays a paragraph of its own.
_FRAGMENT_BLOCKS = BLOCK_ELEMENTS | {"article", "section", "figure", "figcaption", "header", "footer", "main", "aside"}


def fragment_text(text: str) -> str:
    """``text`` as a reader sees it where it is an HTML fragment (:data:`_RAW_BLOCK`): each block a paragraph,
    tags, comments, scripts and images gone, references read. Any other text comes back unchanged (the same
    object): a tag named in plain prose is what the prose says."""
    if "</" not in text or not _RAW_BLOCK.search(text):
        return text
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return text
    for node in list(root.iter(etree.Comment, "script", "style", "img")):
        parent = node.getparent()
        if parent is not None:
            # Removed with its text; what follows it stays.
            previous = node.getprevious()
            if node.tail:
                if previous is not None:
                    previous.tail = (previous.tail or "") + node.tail
                else:
                    parent.text = (parent.text or "") + node.tail
            parent.remove(node)
    for node in root.iter():
        if isinstance(node.tag, str) and node.tag.lower() in _FRAGMENT_BLOCKS:
            node.tail = "\n\n" + (node.tail or "")
            node.text = "\n\n" + (node.text or "")
    blocks = (" ".join(block.split()) for block in re.split(r"\n\s*\n", root.text_content()))
    return "\n\n".join(block for block in blocks if block)
