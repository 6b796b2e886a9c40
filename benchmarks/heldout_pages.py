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
import json
import os
import re
import subprocess
import sys
import zlib
from urllib.parse import urlparse

from benchmarks.ingest import DEFAULT_PAGES

sys.path.insert(0, str(DEFAULT_PAGES))  # the development set's text dump, so both sets are dumped alike
from make_txt import blocks_to_txt, html_to_blocks  # noqa: E402


def git(d, *a):
    return subprocess.run(["git", "--git-dir", d, *a], check=True, capture_output=True).stdout


def write_page(out: str, pid: str, raw: bytes, html: str) -> str | None:
    """Write a page into the set at ``out``: byte for byte (html/) and its text dump (txt/); the language its
    ``<html lang>`` declares (lower case), or None."""
    open(f"{out}/html/{pid}.html", "wb").write(raw)
    txt = blocks_to_txt(html_to_blocks(html))
    open(f"{out}/txt/{pid}.txt", "w", encoding="utf-8", newline="\n").write(txt)
    m = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z-]+)", html[:5000], re.I)
    return m.group(1).lower() if m else None


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
    os.makedirs(out + "/html", exist_ok=True); os.makedirs(out + "/txt", exist_ok=True)
    ws = lambda s: " ".join(str(s).split())
    with open(out + "/gold.jsonl", "w", encoding="utf-8") as g:
        for i, (host, url, v, raw, html) in enumerate(chosen, 1):
            pid = f"{i:03d}_{host}"
            lang = write_page(out, pid, raw, html)
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
            g.write(json.dumps({
                "id": pid, "source": f"adbar/trafilatura@{tcommit}:{by_name[v['file']]}", "url": url,
                "kind": None, "lang": lang,
                "title": ws(v["title"]), "title_alt": [], "date": date, "date_alt": [],
                "byline": ws(v["author"]) or None if v.get("author") else None, "site": v.get("sitename") or None,
                "body": [ws(s) for s in v["with"]], "body_tags": ["snippet"] * len(v["with"]),
                "body_partial": True, "not_body": [ws(s) for s in v.get("without", [])],
                "provenance": {"title": "trafilatura evaldata.json", "date": "trafilatura evaldata.json" +
                               (f"; htmldate@{hcommit[:12]} agrees" if hd == v["date"] else ""),
                               "body": "trafilatura evaldata.json 'with'/'without' snippets"},
                "notes": notes}, ensure_ascii=False) + "\n")
    print(len(chosen), "pages;", sum(1 for c in cands), "candidates")


if __name__ == "__main__":
    main(sys.argv[1:])
