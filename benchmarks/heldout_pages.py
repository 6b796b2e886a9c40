"""Build a held-out page set (html/, txt/, gold.jsonl) from trafilatura's test pages, for ``benchmarks.ingest --pages``.

Source: adbar/trafilatura tests/evaldata.json (per page: title, date, author, 'with' and 'without'
snippets of the article text), pages in tests/cache/ or tests/eval/. Hash-named pages (from the
scrapinghub benchmark) are left out, as are sites of the development set. Dates cross-checked with
adbar/htmldate tests/eval_default.json where the same URL is there.
The gold's ``body`` is the 'with' snippets and ``not_body`` the 'without' ones (``"body_partial": true``);
title and date are the source's, a date with day and month swapped read the one valid way. Pages are kept
byte for byte (UTF-8 ones only) and their text dumps made by the development set's make_txt.py. The set
holds third-party pages: build it outside the repository.

``python -m benchmarks.heldout_pages TRAFILATURA_GIT_DIR HTMLDATE_GIT_DIR OUT_DIR [N]`` (clones or bare mirrors).
A second held-out set, from another source, is built by :mod:`benchmarks.heldout_fundus`.
"""
import datetime
import html as htmllib
import json
import os
import re
import subprocess
import sys
import zlib
from urllib.parse import urlparse

from benchmarks.ingest import DEFAULT_PAGES


def _text_dump(html: str) -> str:
    """The development set's own text dump (../shared/data/pages/make_txt.py), so every set is dumped alike; imported
    only when a set is written, so the builders' readers work on a clone without the shared data."""
    if str(DEFAULT_PAGES) not in sys.path:
        sys.path.insert(0, str(DEFAULT_PAGES))
    from make_txt import blocks_to_txt, html_to_blocks

    return blocks_to_txt(html_to_blocks(html))


def git(d, *a):
    return subprocess.run(["git", "--git-dir", d, *a], check=True, capture_output=True).stdout


def write_page(out: str, pid: str, raw: bytes, html: str) -> str | None:
    """Write a page into the set at ``out``: byte for byte (html/) and its text dump (txt/); the language its
    ``<html lang>`` declares (lower case), or None."""
    open(f"{out}/html/{pid}.html", "wb").write(raw)
    txt = _text_dump(html)
    open(f"{out}/txt/{pid}.txt", "w", encoding="utf-8", newline="\n").write(txt)
    m = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z-]+)", html[:5000], re.I)
    return m.group(1).lower() if m else None


def site_of(url: str) -> str:
    parts = urlparse(url).netloc.lower().removeprefix("www.").split(".")
    # "co.uk", "com.tr", "ne.jp": a second-level name under a country's domain is no site of its own
    keep = 3 if len(parts) > 2 and len(parts[-1]) == 2 and parts[-2] in {"co", "com", "ne", "or", "org", "net", "gov", "ac"} else 2
    return ".".join(parts[-keep:])


def flat(s: str) -> str:
    return " ".join(htmllib.unescape(s).split()).lower()


def prints_title(title: str, html: str) -> bool:
    """Whether the page's text holds its gold title's first three words (else the gold may not be this page's)."""
    return " ".join(flat(title).split()[:3]) in flat(re.sub(r"<[^>]+>", " ", html))


def set_args(argv: list[str], sources: int, default_n: int) -> tuple[list[str], list[str], int]:
    """A builder's command line ``SOURCE_GIT_DIR... OUT_DIR [EARLIER_HELDOUT_DIR ...] [N]`` with ``sources`` git
    dirs: (the git dirs and the out dir, the earlier held-out sets' dirs, N)."""
    N = int(argv[-1]) if argv[-1].isdigit() else default_n
    return argv[:sources + 1], [a for a in argv[sources + 1:] if not a.isdigit()], N


def earlier_sites(dirs: list[str]) -> set[str]:
    """The sites of the earlier held-out sets' pages (their ``gold.jsonl`` URLs), so no site is in two sets."""
    taken = set()
    for d in dirs:
        with open(os.path.join(d, "gold.jsonl"), encoding="utf-8") as f:
            rows = [json.loads(l) for l in f if l.strip()]
        taken |= {site_of(r["url"]) for r in rows if r.get("url")}
    return taken


def pick_pages(cands: list[tuple[dict, str]], taken: set[str], key, made_up: tuple[str, ...] = ()):
    """One page a site from ``cands`` (a page's dict with ``url``, ``path`` and ``title``, and the git dir holding
    it), in ``key``'s order: none on a ``made_up`` host, of a development site or one in ``taken``, none not UTF-8,
    none that does not print its gold title's first words. Returns (chosen: (host, page, raw, html) each,
    skipped: (host, why) each); ``taken`` gains the sites chosen."""
    chosen, skipped = [], []
    for c, gd in sorted(cands, key=key):
        host = urlparse(c["url"]).netloc.lower().removeprefix("www.")
        site = site_of(c["url"])
        if host in made_up:  # the host itself ("go.com" is a placeholder, "espn.go.com" a site)
            skipped.append((host, "placeholder host")); continue
        if any(t in host for t in DEV) or site in taken:
            skipped.append((host, "site of the development or an earlier held-out set, or a site already taken")); continue
        raw = git(gd, "show", "HEAD:" + c["path"])
        try:
            html = raw.decode("utf-8")
        except UnicodeDecodeError:
            skipped.append((host, "not UTF-8")); continue
        if c["title"] and not prints_title(c["title"], html):
            skipped.append((host, "page does not print its gold title's first words")); continue
        taken.add(site)
        chosen.append((host, c, raw, html))
    return chosen, skipped


def fixture_cases(gd: str, root: str) -> list[tuple[str, dict]]:
    """(path, parsed case) of each ``<name>.json`` under ``root`` that has a ``<name>.html`` beside it, by path:
    a test suite's saved pages with the output its tests assert."""
    paths = set(p for p in git(gd, "ls-tree", "-r", "--name-only", "HEAD", root).decode().split("\n") if p)
    return [(p, json.loads(git(gd, "show", "HEAD:" + p))) for p in sorted(paths)
            if p.endswith(".json") and p[:-5] + ".html" in paths]


def write_set(out: str, chosen: list[tuple], gold) -> None:
    """Write the set at ``out``: each of ``chosen`` (host first, the page's raw bytes and text last) numbered in
    order as ``<nnn>_<host>``, its page (:func:`write_page`) and its line of gold.jsonl, ``gold(item, id, lang)``."""
    os.makedirs(out + "/html", exist_ok=True); os.makedirs(out + "/txt", exist_ok=True)
    with open(out + "/gold.jsonl", "w", encoding="utf-8") as g:
        for i, item in enumerate(chosen, 1):
            pid = f"{i:03d}_{item[0]}"
            lang = write_page(out, pid, item[-2], item[-1])
            g.write(json.dumps(gold(item, pid, lang), ensure_ascii=False) + "\n")


# Hosts holding a name of a development page's site (or its platform): left out, so no site is in both sets.
DEV = ("wiki", "heise", "cnet", "bbc", "cnn", "guardian", "lemonde", "liberation", "nytimes", "medium", "wordpress",
       "blogspot", "blogger", "tumblr", "yahoo", "msn", "washingtonpost", "telegraph", "theverge", "engadget",
       "lifehacker", "kotaku", "independent", "salon", "quanta", "seattletimes", "folha", "lanacion", "breitbart",
       "buzzfeed", "citylab", "arstechnica", "webmd", "ehow", "gitlab", "dropbox", "mozilla", "ietf", "lwn", "aclu",
       "daringfireball", "medicalnewstoday", "tmz", "mercurial", "archiveofourown", "royalroad", "spiceworks", "v8",
       "aktualne", "gmw", "qq", "pixnet", "herald", "schema.org", "simplyfound", "topicseed", "iab", "ebb", "google",
       "hukumusume", "youth")
# Hash-named pages come from the scrapinghub article-extraction benchmark, kept apart for evaluation.
HEX = re.compile(r"^[0-9a-f]{32}\.html?$")


def main(argv: list[str]) -> None:
    tgit, hgit, out = argv[:3]
    N = int(argv[3]) if len(argv) > 3 else 100
    tcommit = git(tgit, "rev-parse", "HEAD").decode().strip()
    hcommit = git(hgit, "rev-parse", "HEAD").decode().strip()
    evald = json.loads(git(tgit, "show", "HEAD:tests/evaldata.json"))
    hdate = json.loads(git(hgit, "show", "HEAD:tests/eval_default.json"))
    paths = [p.decode() for p in git(tgit, "ls-tree", "-r", "-z", "--name-only", "HEAD", "tests/cache", "tests/eval").split(b"\0") if p]
    by_name = {}
    for p in paths:
        by_name.setdefault(os.path.basename(p), p)
    cands = []
    for url, v in evald.items():
        f = v["file"]
        if HEX.match(f) or f not in by_name or not v.get("title") or not v.get("date") or not v.get("with"):
            continue
        host = urlparse(url).netloc.lower().removeprefix("www.")
        if any(t in host for t in DEV):
            continue
        cands.append((zlib.crc32(f.encode()), host, url, v))
    cands.sort()
    seen, chosen = set(), []
    for _, host, url, v in cands:
        site = ".".join(host.split(".")[-2:])
        if site in seen:
            continue
        raw = git(tgit, "show", "HEAD:" + by_name[v["file"]])
        try:
            html = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue  # kept byte for byte only where the page is UTF-8, as the development pages are
        seen.add(site)
        chosen.append((host, url, v, raw, html))
        if len(chosen) >= N:
            break
    ws = lambda s: " ".join(str(s).split())

    def gold(item, pid, lang):
        host, url, v, raw, html = item
        hd = hdate.get(url, {}).get("date")
        notes = None
        date = v["date"][:10]
        try:
            datetime.date.fromisoformat(date)
        except ValueError:
            y, a, b = date.split("-")  # "2022-29-11": day and month swapped, the one valid reading taken
            notes, date = f"source date {date!r} read as {y}-{b}-{a} (no month {a})", f"{y}-{b}-{a}"
        if hd and hd != v["date"]:
            notes = f"htmldate's gold date for this URL is {hd}"
        return {"id": pid, "source": f"adbar/trafilatura@{tcommit}:{by_name[v['file']]}", "url": url,
                "kind": None, "lang": lang,
                "title": ws(v["title"]), "title_alt": [], "date": date, "date_alt": [],
                "byline": ws(v["author"]) or None if v.get("author") else None, "site": v.get("sitename") or None,
                "body": [ws(s) for s in v["with"]], "body_tags": ["snippet"] * len(v["with"]),
                "body_partial": True, "not_body": [ws(s) for s in v.get("without", [])],
                "provenance": {"title": "trafilatura evaldata.json", "date": "trafilatura evaldata.json" +
                               (f"; htmldate@{hcommit[:12]} agrees" if hd == v["date"] else ""),
                               "body": "trafilatura evaldata.json 'with'/'without' snippets"},
                "notes": notes}
    write_set(out, chosen, gold)
    print(len(chosen), "pages;", sum(1 for c in cands), "candidates")


if __name__ == "__main__":
    main(sys.argv[1:])
