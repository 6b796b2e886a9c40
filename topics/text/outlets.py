"""The words of an outlet's own name, which its stories write without saying what they are about.

A site names itself in its own stories ("… told CBS News on Wednesday", "the BBC has seen evidence",
"CBS News' Holly Williams contributed"): the name is in every topic and says nothing of any. The wires'
names are stop words already (:data:`topics.text.wording.NEWS_STOP_WORDS`); a corpus scraped from one
site or a few says which sites by its articles' addresses or their pages' site names. An address's name
("cbsnews.com", "bbc.co.uk", "theguardian.com") is read as the texts write it: a word the texts
capitalise ("BBC", "HuffPost", "Guardian" of "theguardian"), or two words they write together as a name
("CBS News" of "cbsnews"); a page's site name ("BBC News") by its words. Words the texts write in lower
case as often ("go" of "abcnews.go.com", "mirror") are common words, not the name.
Owns that reading. May import: re, urllib, numpy.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import numpy as np

# Parts of a host that are no name: a web server's, a country's or a kind of domain.
HOST_PARTS = frozenset("www www1 www2 m mobile amp edition news rss feeds com org net gov edu int info biz co ac".split())
# An outlet names itself in its own stories: one that gave a corpus a few of its pages among many sites' is
# no site of the corpus whose name every topic holds ("Factorio" of the Factorio blog is that blog's subject).
MIN_SITE_SHARE = 0.05
MAX_TEXTS = 2_000  # texts read for how a word is written: enough for a site's name, which its stories repeat
NAME_SHARE = 0.8  # of a word's uses written with a capital: a name
_WORD = re.compile(r"[^\W_]+")


def site_of(url) -> str | None:
    """The host an article's address names ("https://www.cbsnews.com/news/…" → "cbsnews.com"), None for none."""
    if not isinstance(url, str) or "." not in url:
        return None
    try:
        host = urlsplit(url.strip() if "//" in url else f"//{url.strip()}").hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host and "." in host else None


def outlet_words(sites, texts) -> frozenset[str]:
    """The outlets' own names among ``sites`` (hosts, or site names as pages give them) as ``texts`` write
    them, in lower case: each name ("cbs news", "bbc"), and each word of a name of two that the texts write
    mostly inside it ("cbs", and "news" where most of its uses are the outlet's name; not "washington" of
    "washington post"). None for a site whose name the texts do not write."""
    sample = [str(text) for text in list(texts)[:MAX_TEXTS]]
    sites = {str(s).strip() for s in sites if isinstance(s, str) and s.strip()}
    uses = _word_uses(sample, {word for site in sites for word in _candidate_words(site)})
    found: set[str] = set()
    for site in sites:
        names = _host_names(site, uses, sample) if _is_host(site) else [
            tuple(w.lower() for w in _WORD.findall(site) if w.lower() != "the")]  # "The New York Times"
        for name in names:
            if len(name) == 1 and _is_name(name[0], uses):
                found.add(name[0])
            elif len(name) > 1:
                found.add(" ".join(name))
                inside = _written_together(name, sample)
                found |= {word for word in name if inside and inside >= NAME_SHARE * sum(uses.get(word, Counter()).values())}
                found |= _own_parts(name, sample)
    return frozenset(found)


def _runs(name: tuple[str, ...], shortest: int = 2):
    """The runs of ``shortest`` words or more of ``name``, all but the whole, longest first."""
    return [name[i : i + n] for n in range(len(name) - 1, shortest - 1, -1) for i in range(len(name) - n + 1)]


def _uses(run: tuple[str, ...], texts: list[str]) -> tuple[int, int]:
    """How often the texts write the words of ``run`` one after the other, and how often each capitalised."""
    pattern = re.compile(r"(?<![^\W_])" + r"\s+".join(map(re.escape, run)) + r"(?![^\W_])", re.IGNORECASE)
    found = [match.group() for text in texts for match in pattern.finditer(text)]
    return len(found), sum(all(part[0].isupper() for part in written.split()) for written in found)


def _own_parts(name: tuple[str, ...], texts: list[str]) -> set[str]:
    """The parts of several words of a longer name that are the outlet's own, as the texts write them: the
    longest part they write as a name ("ISAF Joint Command" of "ISAF Joint Command press release"), and
    the parts of it that they write as a name mostly inside it ("isaf joint") or that end it ("joint command");
    not a part they write apart from it as often ("new york" of "New York Times": a place of its own), nor
    words in lower case."""
    if len(name) < 3:
        return set()
    counted = {run: _uses(run, texts) for run in _runs(name)}
    whole = _uses(name, texts)[1]
    # Where the texts write the whole name, it holds its parts; else its longest part they write as a name does.
    head = name if whole >= 2 else next(
        (run for run in counted if counted[run][1] >= 2 and counted[run][1] >= NAME_SHARE * counted[run][0]), None)
    if head is None:
        return set()
    held = whole if head == name else counted[head][1]
    found = set() if head == name else {" ".join(head)}
    for run in _runs(head):
        uses, named = counted[run]
        # The name's tail written as a name ("Joint Command", also after "International Security Assistance Force").
        if uses and named >= NAME_SHARE * uses and (held >= NAME_SHARE * uses or run == head[-len(run):]):
            found.add(" ".join(run))
    return found


def _is_host(site: str) -> bool:
    return "." in site and " " not in site


def _labels(host: str) -> list[str]:
    """A host's labels that may name its outlet: not the top-level domain ("uk" is no outlet's name), nor a
    server's, a country's or a kind of domain's (:data:`HOST_PARTS`)."""
    return [label for label in host.lower().split(".")[:-1] if label not in HOST_PARTS and len(label) >= 2 and label.isalnum()]


def _candidate_words(site: str) -> set[str]:
    """The words a site's name may be written with: each label, and the two parts of each cut of it."""
    if not _is_host(site):
        return {w.lower() for w in _WORD.findall(site)}
    return {part for label in _labels(site) for cut in range(0, len(label) - 1) for part in (label[:cut], label[cut:]) if part}


def _word_uses(texts: list[str], words: set[str]) -> dict[str, Counter]:
    """Per word of ``words`` (in lower case), how often the texts write it capitalised (or in capitals) and in lower case."""
    uses: dict[str, Counter] = {}
    if not words:
        return uses
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?![^\W_])",
                         re.IGNORECASE)
    for text in texts:
        for match in pattern.finditer(text):
            word = match.group()
            uses.setdefault(word.lower(), Counter())["capital" if word[0].isupper() else "lower"] += 1
    return uses


def _is_name(word: str, uses: dict[str, Counter]) -> bool:
    """Whether the texts write ``word`` and write it as a name: capitalised in most of its uses."""
    counts = uses.get(word)
    return bool(counts) and counts["capital"] >= NAME_SHARE * (counts["capital"] + counts["lower"])


def _host_names(host: str, uses: dict[str, Counter], texts: list[str]) -> list[tuple[str, ...]]:
    """The names a host's labels spell as the texts write them (:func:`outlet_words`): a word the texts
    write as a name ("bbc", "huffpost"), the one after "the" ("theguardian"), or two words the texts write
    together as a name ("cbsnews": "CBS News")."""
    found: list[tuple[str, ...]] = []
    for label in _labels(host):
        if _is_name(label, uses):
            found.append((label,))
            continue
        for cut in range(2, len(label) - 1):
            first, second = label[:cut], label[cut:]
            if first == "the" and _is_name(second, uses):
                found.append((second,))
                break
            if first in uses and second in uses and _written_together((first, second), texts) > 1:
                found.append((first, second))
                break
    return found


def _written_together(name: tuple[str, ...], texts: list[str]) -> int:
    """How often the texts write the words of ``name`` one after the other, each capitalised ("CBS News")."""
    pattern = re.compile(r"\b" + r"\s+".join(re.escape(word) for word in name) + r"\b", re.IGNORECASE)
    return sum(all(part[0].isupper() for part in match.group().split()) for text in texts for match in pattern.finditer(text))


def leaves_out(term: str, left_out: frozenset[str]) -> bool:
    """Whether a keyword or label phrase holds an outlet's own name (:func:`outlet_words`)."""
    words = term.lower().split()
    if any(word in left_out for word in words):
        return True
    padded = f" {' '.join(words)} "
    return any(" " in name and f" {name} " in padded for name in left_out)


def outlet_columns(vocabulary, aliases) -> np.ndarray:
    """Per term of ``vocabulary``, whether it holds an outlet's own name the ``aliases`` table leaves out."""
    left_out = getattr(aliases, "left_out", frozenset())
    return np.fromiter((bool(left_out) and leaves_out(str(term), left_out) for term in vocabulary), dtype=bool, count=len(vocabulary))
