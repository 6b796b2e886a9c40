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

import email.errors
import email.parser
import email.policy
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
    signature = next((i for i, line in enumerate(lines) if SIGNATURE_DELIMITER.match(line)), len(lines))
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


def _plain_body(message) -> str:
    """The text of a message: its plain-text part (a multipart newsletter's), decoded from its transfer encoding."""
    part = message.get_body(preferencelist=("plain",)) if message.is_multipart() else message
    if part is None:
        return ""
    try:
        return part.get_content()
    except (LookupError, ValueError, KeyError, AttributeError):  # an unknown charset or a damaged encoding
        payload = part.get_payload()
        return payload if isinstance(payload, str) else ""


def _subject(message) -> str | None:
    try:
        subject = str(message.get("subject", "") or "")
    except (ValueError, IndexError):  # a damaged encoded word
        return None
    subject = " ".join(REPLY_PREFIX.sub("", subject).split())
    return subject or None


def _date(message) -> str | None:
    try:
        header = message.get("date")
        when = header.datetime if header is not None else None
    except (ValueError, TypeError, AttributeError, IndexError):
        return None
    return when.date().isoformat() if when is not None else None
