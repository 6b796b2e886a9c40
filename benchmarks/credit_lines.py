"""Credit lines of a corpus ("Story produced by …", "Editor: …", "(Reporting by …; Editing by …)", "… contributed to
this report.") counted, and the labels and keywords that their words reach.

``python -m benchmarks.credit_lines SOURCE[@LEVEL] ... [--dump FILE ...]``: for each source (as
:mod:`benchmarks.label_parts_read` reads it) the sentences of its units that
:func:`is_credit_line` reads as credits (the shape of a credit line: a wire's
"contributed" credit as ingest reads it, names after a credit verb and "by", or after a role and a colon), by form, and its *credit words*: words written
three times or more in credit lines and at least half of their uses there (the credit verbs, roles and the names of
who made the stories). Each ``--dump`` is the output of :mod:`benchmarks.label_parts_read` (one label a line, with
its first six keywords), from any version of the code: every label and keyword list there holding a credit word
is listed under its source, so dumps written before and after a change count the same way.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

from topics.ingest.chromelines import CREDIT_JOINERS, CREDIT_ROLES, is_credit_sentence

_WORD = re.compile(r"[a-z][a-z'-]+")

# Who made the story, credited by "by": "Story produced by Mary Walsh.", "It was edited by Will Croxton.", "(Reporting
# by Jane Doe in Kyiv; Editing by John Smith)", "Additional reporting by X and Y.", and a role before a colon ("Editor:
# Lauren Barnello."). The verb's subject is a word or two in lower case after its first ("The video above was"), so
# "The Minsk Protocol was written by Ukraine, Russia and the OSCE." is a story's; the names are as above.
_CREDIT_VERB = r"(?:produced|edited|written|reporting|editing|writing|filmed|photographed|compiled|translated|illustrated)"
BY_CREDIT_PART = re.compile(
    rf"(?:[A-Z][\w'’-]*(?:\s+[a-z][\w'’-]*){{0,3}}\s+(?:was|were|is|are|has\s+been)\s+|(?:[A-Z][\w'’-]*\s+){{0,2}})"
    rf"(?i:{_CREDIT_VERB})\s+by\s+(?P<who>[A-Z][^;:.!?()]*?)",
)
ROLE_CREDIT = re.compile(r"(?P<role>[A-Z][a-z]+)(?:\s+[a-z]+)?:\s+(?P<who>[A-Z][^;:.!?()]*?)")
CREDIT_LINE_LABEL = re.compile(r"^[-–—_(\s]*(?:[A-Z][\w ]{0,25}:\s+(?=[A-Z]))?")  # "For more info: Story produced by …"
# What every credit line holds, searched in a whole text before its sentences are cut.
CREDIT_LINE_HINT = re.compile(
    rf"(?i:{_CREDIT_VERB})\s+by\s+[A-Z]|\b(?i:editor|{'|'.join(sorted(CREDIT_ROLES))})(?:\s+[a-z]+)?:\s+[A-Z]|\scontributed\b"
)


def _names_only(who: str) -> bool:
    words = re.findall(r"[\w'’-]+", who)
    return any(w[:1].isupper() for w in words) and all(
        w[:1].isupper() or w in CREDIT_JOINERS or w in ("for", "from") or w in CREDIT_ROLES for w in words)


def is_credit_line(sentence: str) -> bool:
    """Whether ``sentence`` says who made the story and nothing else: a wire's credit (:func:`is_credit_sentence`),
    names after a credit verb and "by" (:data:`BY_CREDIT_PART`, parts joined by ";"), or after a role and a colon."""
    if "contributed" in sentence:
        return is_credit_sentence(sentence)
    parts = [part.strip() for part in sentence.strip().lstrip("-–—_( ").rstrip(" .)").split(";")]
    return all(part and (_role_credit(part) or _by_credit(part[CREDIT_LINE_LABEL.match(part).end():] if i == 0 else part))
               for i, part in enumerate(parts))


def _by_credit(part: str) -> bool:
    by = BY_CREDIT_PART.fullmatch(part)
    return by is not None and _names_only(by.group("who"))


def _role_credit(part: str) -> bool:
    role = ROLE_CREDIT.fullmatch(part)
    return role is not None and role.group("role").lower() in CREDIT_ROLES | {"editor", "editors"} and _names_only(role.group("who"))



def credit_lines(texts) -> tuple[Counter, list[str]]:
    """(credit lines by form, the credit lines) of ``texts``."""
    from topics.ingest.captions import sentence_spans

    forms, found = Counter(), []
    for text in texts:
        if not CREDIT_LINE_HINT.search(text):
            continue
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if is_credit_line(sentence):
                found.append(" ".join(sentence.split()))
                forms["contributed" if "contributed" in sentence else "role:" if ":" in sentence and " by " not in sentence else "by"] += 1
    return forms, found


def credit_words(texts, lines) -> set[str]:
    """Words written 3 times or more in credit ``lines`` and at least half of their uses there."""
    from topics.text.wording import stop_words

    inside = Counter(w for line in lines for w in _WORD.findall(line.lower()))
    everywhere = Counter(w for text in texts for w in _WORD.findall(text.lower()) if w in inside)
    return {w for w, n in inside.items() if n >= 3 and 2 * n >= everywhere[w] and w not in stop_words()}


def dump_sections(path: str) -> dict[str, list[str]]:
    """{source name: its label lines} of a :mod:`benchmarks.label_parts_read` output."""
    sections, current = {}, None
    for line in open(path, encoding="utf-8"):
        if line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
        elif current is not None and line.lstrip().startswith("["):
            current.append(line.rstrip())
    return sections


def main(argv: list[str] | None = None) -> int:
    from benchmarks.label_parts_read import _source
    from topics.ingest.corpus import load_corpus

    parser = argparse.ArgumentParser(prog="python -m benchmarks.credit_lines", description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+")
    parser.add_argument("--dump", action="append", default=[], help="a benchmarks.label_parts_read output")
    args = parser.parse_args(argv)
    dumps = {path: dump_sections(path) for path in args.dump}
    for spec in args.sources:
        source, level = _source(spec)
        texts = load_corpus(source).units(level)["text"].astype(str).tolist()
        forms, lines = credit_lines(texts)
        words = credit_words(texts, lines)
        name = spec.rsplit("/", 1)[-1]
        print(f"\n## {name}: {len(texts)} units, {len(lines)} credit lines {dict(forms)}")
        for line, n in Counter(lines).most_common(6):
            print(f"    {n:3} x {line[:110]!r}")
        print(f"  credit words: {', '.join(sorted(words)) or '-'}")
        for path, sections in dumps.items():
            if name not in sections:
                continue
            hit = [line for line in sections[name] if set(_WORD.findall(line.split("]", 1)[1].lower())) & words]
            print(f"  {path}: {len(hit)} of {len(sections[name])} labels with their keywords reach a credit word")
            for line in hit:
                print(f"    {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
