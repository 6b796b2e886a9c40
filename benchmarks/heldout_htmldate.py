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
import re
import sys
import zlib
from urllib.parse import urlparse

from benchmarks.heldout_pages import earlier_sites, fixture_cases, git, pick_pages, set_args, site_of, write_set

# Placeholder hosts of hand-made test pages: no site's page.
MADE_UP = ("example.com", "exemple.com", "foo.bar", "go.com")


def htmldate_pages(hgit: str) -> list[dict]:
    gold = json.loads(git(hgit, "show", "HEAD:tests/eval_mediacloud_2020.json"))
    return [{"url": url, "path": "tests/test_set/" + v["file"], "title": None, "date": v["date"],
             "source": "adbar/htmldate", "provenance": "htmldate tests/eval_mediacloud_2020.json"}
            for url, v in gold.items() if isinstance(v.get("date"), str) and re.fullmatch(r"\d{4}-\d\d-\d\d", v["date"])]


def goose_pages(ggit: str) -> list[dict]:
    out = []
    for p, case in fixture_cases(ggit, "tests/data"):
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
    (hgit, ggit, out), earlier, N = set_args(argv, 2, 150)
    commits = {"adbar/htmldate": git(hgit, "rev-parse", "HEAD").decode().strip(),
               "goose3/goose3": git(ggit, "rev-parse", "HEAD").decode().strip()}
    cands = [(c, hgit) for c in htmldate_pages(hgit)] + [(c, ggit) for c in goose_pages(ggit)]
    chosen, skipped = pick_pages(cands, earlier_sites(earlier), lambda x: (zlib.crc32(site_of(x[0]["url"]).encode()), x[0]["url"]))
    chosen = chosen[:N]

    def gold(item, pid, lang):
        c = item[1]
        return {"id": pid, "source": f"{c['source']}@{commits[c['source']]}:{c['path']}", "url": c["url"],
                "kind": "news", "lang": lang,
                "title": c["title"], "title_alt": [], "date": c["date"], "date_alt": [],
                "byline": None, "site": None, "body": [], "body_tags": [], "body_partial": True, "not_body": [],
                "provenance": {k: c["provenance"] for k in ("title", "date") if c[k]},
                "notes": None}
    write_set(out, chosen, gold)
    print(len(chosen), "pages,", sum(1 for c in chosen if c[1]["date"]), "with a date,",
          sum(1 for c in chosen if c[1]["title"]), "with a title;", len(skipped), "left out:",
          ", ".join(f"{n} ({why})" for n, why in skipped))


if __name__ == "__main__":
    main(sys.argv[1:])
