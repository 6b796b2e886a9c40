"""A message saved as text (e-mail, a newsletter, a Usenet or forum post): its header block, and the
lines a reply carries that are not its writer's own.

A file that opens with an RFC 5322 header block (parsed by the standard library's ``email``
package) is a message: its Subject (less "Re:" / "Fwd:") is the title, its Date header the date,
and the header lines leave the text. In its body, quoted lines (">", "|>", ": ", "JD> " as mail
and news readers prefix them), the lines that attribute them ("In article <…>, X writes:",
"On <date>, X wrote:") and the signature under the standard "-- " delimiter are dropped: they are
other people's words or the same card under every post. Only such files are read so: an article
that quotes a line starting with ">" keeps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Fields a message's header block holds; a file is a message when it has From and one of the others
# (a page dump opening "Title: …" / "Date: …" is not).
ORIGINATOR = "from"
MESSAGE_FIELDS = ("subject", "date", "newsgroups", "to", "message-id")
HEADER_LINE = re.compile(r"^[!-9;-~]+:")  # a field name (printable ASCII but ":") and its colon: RFC 5322 § 2.2
# A quoted line: ">" or "|>" (however far set in), ":" then a space, or a few initials before ">" (Supercite's "JD> ").
QUOTED = re.compile(r"^[ \t]*(?:\|[ \t]?)?>|^ ?(?::(?=\s|$)|[A-Za-z]{1,4}>(?=\s|$|>))")
# "In article <id@host>, X writes:" (news readers), "On Mon, 5 Apr, X wrote:", "X writes:" over quoted lines.
ARTICLE_ATTRIBUTION = re.compile(r"^in\s+(?:article\s+<?|<)[^<>\s]+@[^<>\s]+", re.IGNORECASE)
ATTRIBUTION_END = re.compile(r"\b(?:writes|wrote|says|said)\s*:\s*$", re.IGNORECASE)
ATTRIBUTION_LINES = 3  # lines an attribution may be wrapped over
ATTRIBUTION_MAX_WORDS = 25  # longer, a line ending "writes:" is a sentence of the writer's own
SIGNATURE_DELIMITER = re.compile(r"^--[ \t]?$")  # "-- " (RFC 3676 § 4.3); its trailing space is often lost
# Non-blank lines under a bare "--" (the space lost) for it to be a signature's: a card is a few lines (RFC 1855 asks
# for at most 4), while "--" also sets apart a newsletter's stories, whose rest must not go as a signature.
SIGNATURE_MAX_LINES = 8
REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|fw)(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)


@dataclass(frozen=True)
class Message:
    subject: str | None
    date: str | None  # ISO calendar date as written (no time-zone shift), None when missing or unreadable
    body: str  # the writer's own lines
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)


def read_message(text: str) -> Message | None:
    """The message ``text`` holds, or None when it does not open with a mail header block."""
    head = text.lstrip("\ufeff").lstrip("\r\n")
    first = head.split("\n", 1)[0]
    if not HEADER_LINE.match(first):
        return None
    # Imported here: the email package costs ~0.08 s, paid only by a corpus whose files open like a message.
    import email.errors
    import email.parser
    import email.policy

    message = email.parser.Parser(policy=email.policy.default).parsestr(head)
    names = {name.lower() for name in message.keys()}
    if ORIGINATOR not in names or not names.intersection(MESSAGE_FIELDS):
        return None
    if any(isinstance(defect, email.errors.MissingHeaderBodySeparatorDefect) for defect in message.defects):
        return None  # a line that is no field ended the "header": a page that opens "Note: …", not a message
    header, _, _ = head.replace("\r\n", "\n").partition("\n\n")
    dropped = [(line, "mail header") for line in header.split("\n") if line.strip()]
    body, body_dropped = own_lines(_plain_body(message))
    return Message(_subject(message), _date(message), body, dropped + body_dropped)


def own_lines(body: str) -> tuple[str, list[tuple[str, str]]]:
    """(the body's own text, the (line, reason) dropped): quoted lines, their attributions, the signature."""
    lines = body.replace("\r\n", "\n").split("\n")
    dropped: list[tuple[str, str]] = []
    signature = _signature_start(lines)
    lines, signature_lines = lines[:signature], lines[signature:]
    quoted = [bool(QUOTED.match(line)) for line in lines]
    attribution = _attributions(lines, quoted)
    kept = []
    for line, is_quoted, is_attribution in zip(lines, quoted, attribution):
        if is_attribution:
            dropped.append((line, "attribution of a quote (mail)"))
        elif is_quoted:
            if line.strip(" >|:"):
                dropped.append((line, "quoted line (mail)"))
        else:
            kept.append(line)
    dropped.extend((line, "signature (after the \"-- \" line)") for line in signature_lines if line.strip())
    return "\n".join(kept).strip("\n"), dropped


def _attributions(lines: list[str], quoted: list[bool]) -> list[bool]:
    """Lines that say whose words a quote is: "In article <…> X writes:" wherever it stands (wrapped over
    up to ATTRIBUTION_LINES lines), and any short line ending "writes:" / "wrote:" over quoted lines."""
    out = [False] * len(lines)
    for i, line in enumerate(lines):
        if ARTICLE_ATTRIBUTION.match(line.lstrip()):
            end = next((j for j in range(i, min(len(lines), i + ATTRIBUTION_LINES))
                        if ATTRIBUTION_END.search(lines[j])), i)
            out[i:end + 1] = [True] * (end + 1 - i)
        elif ATTRIBUTION_END.search(line) and not quoted[i] and len(line.split()) <= ATTRIBUTION_MAX_WORDS:
            following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
            # Wrapped in two: "On Mon, 5 Apr 1993 John Smith <js@x.org>" over "wrote:".
            start = i - 1 if i > 0 and lines[i - 1].strip() and len(line.split()) == 1 else i
            if following is not None and quoted[following]:
                out[start:i + 1] = [True] * (i + 1 - start)
    return out


def _signature_start(lines: list[str]) -> int:
    """Where the signature starts: the last "-- " line, or the last bare "--" with a card's few lines under it
    (len(lines) when none)."""
    for i in range(len(lines) - 1, -1, -1):
        if SIGNATURE_DELIMITER.match(lines[i]):
            if lines[i].startswith("-- ") or sum(1 for line in lines[i + 1:] if line.strip()) <= SIGNATURE_MAX_LINES:
                return i
            return len(lines)  # a bare "--" over a long tail sets apart parts of the message
    return len(lines)


def _plain_body(message, depth: int = 0) -> str:
    """The text of a message: its plain-text part (a multipart newsletter's), else its HTML part read as text,
    a forwarded message's own body; "" for a body of no text (a PDF, an image)."""
    import email.message  # already loaded by read_message, which parsed ``message``

    if message.get_content_type() == "message/rfc822":  # a forwarded message as the whole body
        inner = message.get_payload(0) if message.get_payload() else None
        return _plain_body(inner, depth + 1) if inner is not None and depth < 3 else ""
    part = message.get_body(preferencelist=("plain", "html")) if message.is_multipart() else message
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError, KeyError, AttributeError):  # an unknown charset or a damaged encoding
        content = part.get_payload()
    if isinstance(content, email.message.Message):  # message/rfc822: a forwarded message
        return _plain_body(content, depth + 1) if depth < 3 else ""
    if not isinstance(content, str) or part.get_content_maintype() != "text":
        return ""
    return _html_text(content) if part.get_content_subtype() == "html" else content


def _html_text(html: str) -> str:
    """An HTML body as text, a paragraph a block (:func:`topics.ingest.markup.fragment_text`)."""
    import lxml.html
    from lxml import etree

    from topics.ingest.markup import fragment_text

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in (body if body is not None else root))
    text = (body.text or "") if body is not None else ""
    return fragment_text(text + inner) if inner else text


def _subject(message) -> str | None:
    try:
        subject = str(message.get("subject", "") or "")
    except (ValueError, IndexError):  # a damaged encoded word
        return None
    subject = " ".join(REPLY_PREFIX.sub("", subject).split())
    return subject or None


def _date(message) -> str | None:
    """The Date header's calendar day: RFC 5322's form, else as a date line reads it ("August 15, 2021")."""
    from topics.ingest.pagedates import date_line

    try:
        header = message.get("date")
    except (ValueError, TypeError, AttributeError, IndexError):
        return None
    if header is None:
        return None
    when = getattr(header, "datetime", None)
    return when.date().isoformat() if when is not None else date_line(str(header), fields=False)
