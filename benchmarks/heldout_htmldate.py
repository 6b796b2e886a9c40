"""Build a fourth held-out page set (html/, txt/, gold.jsonl) from htmldate's world news pages and goose3's fixtures, for ``benchmarks.ingest --pages``.

Sources, both outside the earlier sets' sources:
- adbar/htmldate ``tests/test_set/*.html`` with ``tests/eval_mediacloud_2020.json`` (URL -> file, day): news
  pages from many countries whose publication day the Data Culture Group (Northeastern University) annotated.
  They give a date only (``title`` is null: no title is scored there); pages annotated with no day are left out.
- goose3/goose3 ``tests/data/**/<name>.html`` with ``<name>.json``: the ``expected`` output its tests assert;
  the pages of a real site (not example.com) whose expected output has a ``title`` give a title gold, and a
  date gold where ``publish_date`` is given (else the date gold is null, a page whose date is not known).
Nothing is labelled by hand. One page a site, sites taken in the order of a hash of their name, none from a site
or platform of the development set or of the earlier held-out sets (their ``gold.jsonl`` URLs), none whose page
does not print its gold title's first words, UTF-8 pages only. Text dumps by the development set's make_txt.py.
No body gold. The set holds third-party pages: build it outside the repository.

``python -m benchmarks.heldout_htmldate HTMLDATE_GIT_DIR GOOSE3_GIT_DIR OUT_DIR [EARLIER_HELDOUT_DIR ...] [N]``
(clones or bare mirrors).
"""
import json
import os
import re
import sys
import zlib
from urllib.parse import urlparse

from benchmarks.heldout_fundus import flat, site_of
from benchmarks.heldout_pages import DEV, git, write_page

# Placeholder hosts of hand-made test pages: no site's page.
MADE_UP = ("example.com", "exemple.com", "foo.bar", "go.com")


def htmldate_pages(hgit: str) -> list[dict]:
    gold = json.loads(git(hgit, "show", "HEAD:tests/eval_mediacloud_2020.json"))
    return [{"url": url, "path": "tests/test_set/" + v["file"], "title": None, "date": v["date"],
             "source": "adbar/htmldate", "provenance": "htmldate tests/eval_mediacloud_2020.json"}
            for url, v in gold.items() if isinstance(v.get("date"), str) and re.fullmatch(r"\d{4}-\d\d-\d\d", v["date"])]


def goose_pages(ggit: str) -> list[dict]:
    paths = set(p for p in git(ggit, "ls-tree", "-r", "--name-only", "HEAD", "tests/data").decode().split("\n") if p)
    out = []
    for p in sorted(paths):
        if not p.endswith(".json") or p[:-5] + ".html" not in paths:
            continue
        case = json.loads(git(ggit, "show", "HEAD:" + p))
        expected, url = case.get("expected") or {}, case.get("url") or ""
        title = " ".join(str(expected.get("title") or "").split())
        if not title or not url or any(h in urlparse(url).netloc for h in MADE_UP):
            continue
        day = str(expected.get("publish_date") or "")[:10]
        out.append({"url": url, "path": p[:-5] + ".html", "title": title,
                    "date": day if re.fullmatch(r"\d{4}-\d\d-\d\d", day) else None,
                    "source": "goose3/goose3", "provenance": f"goose3 test case {p}"})
    return out


def main(argv: list[str]) -> None:
    hgit, ggit, out = argv[:3]
    N = int(argv[-1]) if argv[-1].isdigit() else 150
    earlier = [a for a in argv[3:] if not a.isdigit()]
    commits = {"adbar/htmldate": git(hgit, "rev-parse", "HEAD").decode().strip(),
               "goose3/goose3": git(ggit, "rev-parse", "HEAD").decode().strip()}
    taken = set()
    for d in earlier:
        taken |= {site_of(json.loads(l)["url"]) for l in open(os.path.join(d, "gold.jsonl"), encoding="utf-8")
                  if l.strip() and json.loads(l).get("url")}
    cands = [(c, hgit) for c in htmldate_pages(hgit)] + [(c, ggit) for c in goose_pages(ggit)]
    chosen, skipped = [], []
    for c, gd in sorted(cands, key=lambda x: (zlib.crc32(site_of(x[0]["url"]).encode()), x[0]["url"])):
        host = urlparse(c["url"]).netloc.lower().removeprefix("www.")
        site = site_of(c["url"])
        if any(t in host for t in DEV) or site in taken:
            skipped.append((host, "site of the development or an earlier held-out set, or a site already taken")); continue
        raw = git(gd, "show", "HEAD:" + c["path"])
        try:
            html = raw.decode("utf-8")
        except UnicodeDecodeError:
            skipped.append((host, "not UTF-8")); continue
        if c["title"] and " ".join(flat(c["title"]).split()[:3]) not in flat(re.sub(r"<[^>]+>", " ", html)):
            skipped.append((host, "page does not print its gold title's first words")); continue
        taken.add(site)
        chosen.append((host, c, raw, html))
    chosen = chosen[:N]
    os.makedirs(out + "/html", exist_ok=True); os.makedirs(out + "/txt", exist_ok=True)
    with open(out + "/gold.jsonl", "w", encoding="utf-8") as g:
        for i, (host, c, raw, html) in enumerate(chosen, 1):
            pid = f"{i:03d}_{host}"
            lang = write_page(out, pid, raw, html)
            g.write(json.dumps({
                "id": pid, "source": f"{c['source']}@{commits[c['source']]}:{c['path']}", "url": c["url"],
                "kind": "news", "lang": lang,
                "title": c["title"], "title_alt": [], "date": c["date"], "date_alt": [],
                "byline": None, "site": None, "body": [], "body_tags": [], "body_partial": True, "not_body": [],
                "provenance": {k: c["provenance"] for k in ("title", "date") if c[k]},
                "notes": None}, ensure_ascii=False) + "\n")
    print(len(chosen), "pages,", sum(1 for c in chosen if c[1]["date"]), "with a date,",
          sum(1 for c in chosen if c[1]["title"]), "with a title;", len(skipped), "left out:",
          ", ".join(f"{n} ({why})" for n, why in skipped))


if __name__ == "__main__":
    main(sys.argv[1:])
