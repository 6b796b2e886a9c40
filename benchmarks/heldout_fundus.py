"""Build a second held-out page set (html/, txt/, gold.jsonl) from fundus's parser test pages, for ``benchmarks.ingest --pages``.

Source: flairNLP/fundus tests/resources/parser/test_data/<country>/: per publisher saved pages
(``<Publisher>_<YYYY_MM_DD>.html.gz``, URL in ``meta.info``) and ``<Publisher>.json``, the output its
hand-written parser for that publisher must give (``V1``, ``V2``, … one per parser version, each version
tested on one page: the k-th version on the k-th page by crawl date). Gold title and date are that
output's ``title`` and ``publishing_date`` (the date as the page states it, its own time zone kept); the
body is its summary, sub-headings and paragraphs (a whole body, not snippets). Nothing is labelled by hand.
One page a publisher (its newest; publishers taken in the order of a hash of their name), none from a site or platform of the development set (``DEV``) or of the
first held-out set (its ``gold.jsonl`` URLs, when given), none whose page does not print the first words of
its gold title (a version paired with the wrong page). Text dumps by the development set's make_txt.py.
The set holds third-party pages: build it outside the repository.

``python -m benchmarks.heldout_fundus FUNDUS_GIT_DIR OUT_DIR [FIRST_HELDOUT_DIR] [N]`` (a clone or bare mirror).
"""
import gzip
import json
import os
import re
import sys
import zlib
from urllib.parse import urlparse

from benchmarks.heldout_pages import DEV, git, prints_title, site_of, write_set

ROOT = "tests/resources/parser/test_data/"


def body_of(v: dict) -> list[str]:
    b = v.get("body") or {}
    out = list(b.get("summary") or [])
    for sec in b.get("sections") or []:
        out += list(sec.get("headline") or []) + list(sec.get("paragraphs") or [])
    return [" ".join(s.split()) for s in out if s.strip()]


def main(argv: list[str]) -> None:
    fgit, out = argv[:2]
    first = argv[2] if len(argv) > 2 and not argv[2].isdigit() else None
    N = int(argv[-1]) if len(argv) > 2 and argv[-1].isdigit() else 100
    commit = git(fgit, "rev-parse", "HEAD").decode().strip()
    taken = set()
    if first:
        taken = {site_of(json.loads(l)["url"]) for l in open(os.path.join(first, "gold.jsonl"), encoding="utf-8") if l.strip()}
    paths = [p for p in git(fgit, "ls-tree", "-r", "--name-only", "HEAD", ROOT).decode().split("\n") if p]
    metas = {}
    for p in paths:
        if p.endswith("/meta.info"):
            metas.update(json.loads(git(fgit, "show", "HEAD:" + p)))
    chosen, skipped = [], []
    # publishers in a stable pseudo-random order (a hash of the name), so a cap at N mixes countries
    for p in sorted((x for x in paths if x.endswith(".json")), key=lambda x: zlib.crc32(os.path.basename(x).encode())):
        name = os.path.basename(p)[:-5]
        pages = sorted(x for x in paths if re.fullmatch(re.escape(name) + r"_\d{4}_\d\d_\d\d\.html\.gz", os.path.basename(x)))
        cases = json.loads(git(fgit, "show", "HEAD:" + p))
        versions = sorted(cases, key=lambda k: int(re.sub(r"\D", "", k) or 0))
        if not pages or len(pages) != len(versions):
            skipped.append((name, "pages and parser versions do not pair")); continue
        path, v = pages[-1], cases[versions[-1]]
        url = metas.get(os.path.basename(path), {}).get("url")
        if not url or not v.get("title") or not v.get("publishing_date"):
            skipped.append((name, "no url, title or date")); continue
        host = urlparse(url).netloc.lower().removeprefix("www.")
        site = site_of(url)
        if any(t in host for t in DEV) or site in taken:
            skipped.append((name, "site of the development or first held-out set")); continue
        raw = gzip.decompress(git(fgit, "show", "HEAD:" + path))
        html = raw.decode("utf-8")
        if not prints_title(v["title"], html):
            skipped.append((name, "page does not print its gold title's first words")); continue
        taken.add(site)
        chosen.append((host, url, path, v, raw, html))
    chosen = chosen[:N]

    def gold(item, pid, lang):
        host, url, path, v, raw, html = item
        body = body_of(v)
        return {"id": pid, "source": f"flairNLP/fundus@{commit}:{path}", "url": url,
                "kind": "news", "lang": lang,
                "title": " ".join(v["title"].split()), "title_alt": [], "date": str(v["publishing_date"])[:10], "date_alt": [],
                "byline": ", ".join(v.get("authors") or []) or None, "site": None,
                "body": body, "body_tags": ["p"] * len(body), "body_partial": False, "not_body": [],
                "provenance": {k: f"fundus parser test case {path[len(ROOT):-8]}.json" for k in ("title", "date", "body")},
                "notes": None}
    write_set(out, chosen, gold)
    print(len(chosen), "pages;", len(skipped), "publishers left out:",
          ", ".join(f"{n} ({why})" for n, why in skipped))


if __name__ == "__main__":
    main(sys.argv[1:])
