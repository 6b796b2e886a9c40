"""Build a third held-out page set (html/, txt/, gold.jsonl) from Postlight Parser's site tests, for ``benchmarks.ingest --pages``.

Source: postlight/parser (formerly Mercury Parser): ``fixtures/<host>.html``, a saved page per site, and
``src/extractors/custom/<host>/index.test.js``, the tests its hand-written extractor for that site must pass.
Gold title is the string its "returns the title" test asserts; gold date the day its "returns the
date_published" test asserts (a UTC time there: where the page's own ISO dates name only the neighbouring
day, that day is the gold, else the UTC day with its neighbours as ``date_alt``). Only the first test case of a
file is used; none where a test is commented out, partial ("startsWith('2016-12-1')") or asserts null.
Nothing is labelled by hand. One page a site, sites taken in the order of a hash of their name, none from a site
or platform of the development set or of the earlier held-out sets (their ``gold.jsonl`` URLs), none whose page
does not print its gold title's first words, UTF-8 pages only. Text dumps by the development set's make_txt.py.
The set holds third-party pages: build it outside the repository.

``python -m benchmarks.heldout_mercury PARSER_GIT_DIR OUT_DIR [EARLIER_HELDOUT_DIR ...] [N]`` (a clone or bare mirror).
"""
import datetime
import re
import sys
import zlib
from urllib.parse import urlparse

from benchmarks.heldout_pages import DEV, earlier_sites, git, prints_title, set_args, site_of, write_set

ROOT = "src/extractors/custom/"
# A JavaScript string literal in any of its three quotings (no interpolation is used in these tests).
LITERAL = r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`"""


def unquote(lit: str) -> str:
    body = lit[1:-1]
    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "u" and len(m.group(1)) == 5
                  else {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def first_case(js: str) -> str:
    """The test file up to its second ``describe(`` case (the first case's tests only)."""
    starts = [m.start() for m in re.finditer(r"^\s*describe\(", js, re.M)]
    return js[:starts[2]] if len(starts) > 2 else js


def test_block(js: str, field: str) -> str | None:
    m = re.search(r"it\(\s*['\"`]returns the " + field + r"['\"`]", js)
    if not m:
        return None
    nxt = re.search(r"\bit\(\s*['\"`]", js[m.end():])
    block = js[m.end(): m.end() + nxt.start()] if nxt else js[m.end():]
    return "\n".join(l for l in block.split("\n") if not l.strip().startswith("//"))


def asserted_title(js: str) -> str | None:
    block = test_block(js, "title")
    m = block and re.search(r"assert\.equal\(\s*title\s*,\s*((?:(?:" + LITERAL + r")\s*\+?\s*)+)\)", block)
    if not m:
        return None
    return " ".join("".join(unquote(l) for l in re.findall(LITERAL, m.group(1))).split()) or None


def asserted_day(js: str) -> tuple[str, str | None] | None:
    """(day, UTC time or None) that the date test asserts; None when it asserts none or only part of a day."""
    block = test_block(js, "date_published")
    if not block or "startsWith" in block:
        return None
    for lit in re.findall(LITERAL, block):
        m = re.fullmatch(r"(\d{4}-\d\d-\d\d)(T\d\d:\d\d[^Z]*Z)?", unquote(lit))
        if m:
            return m.group(1), m.group(2)
    return None


def gold_dates(day: str, utc_time: str | None, html: str) -> tuple[str, list[str]]:
    if not utc_time:
        return day, []
    d = datetime.date.fromisoformat(day)
    around = [str(d - datetime.timedelta(days=1)), str(d + datetime.timedelta(days=1))]
    named = [x for x in [day] + around if x in html]
    if day not in named and len(named) == 1:
        return named[0], []  # the page's own time zone names another day
    return day, around


def main(argv: list[str]) -> None:
    (mgit, out), earlier, N = set_args(argv, 1, 100)
    commit = git(mgit, "rev-parse", "HEAD").decode().strip()
    taken = earlier_sites(earlier)
    tests = [p for p in git(mgit, "ls-tree", "-r", "--name-only", "HEAD", ROOT).decode().split("\n") if p.endswith("/index.test.js")]
    chosen, skipped = [], []
    for p in sorted(tests, key=lambda x: zlib.crc32(x.split("/")[-2].encode())):
        js = first_case(git(mgit, "show", "HEAD:" + p).decode("utf-8"))
        url = re.search(r"\burl\s*=\s*(" + LITERAL + ")", js)
        fixture = re.search(r"readFileSync\(\s*['\"`]\./(fixtures/[^'\"`]+)['\"`]", js)
        title = asserted_title(js)
        if not url or not fixture or not title:
            skipped.append((p.split("/")[-2], "no url, fixture or title")); continue
        url = unquote(url.group(1))
        host = urlparse(url).netloc.lower().removeprefix("www.")
        site = site_of(url)
        if any(t in host for t in DEV) or site in taken:
            skipped.append((host, "site of the development or an earlier held-out set")); continue
        try:
            raw = git(mgit, "show", "HEAD:" + fixture.group(1))
            html = raw.decode("utf-8")
        except Exception:
            skipped.append((host, "fixture missing or not UTF-8")); continue
        if not prints_title(title, html):
            skipped.append((host, "page does not print its gold title's first words")); continue
        asserted = asserted_day(js)
        date, date_alt = gold_dates(*asserted, html) if asserted else (None, [])
        taken.add(site)
        chosen.append((host, url, fixture.group(1), p, title, date, date_alt, raw, html))
    chosen = chosen[:N]

    def gold(item, pid, lang):
        host, url, fixture, test, title, date, date_alt, raw, html = item
        return {"id": pid, "source": f"postlight/parser@{commit}:{fixture}", "url": url,
                "kind": "news", "lang": lang,
                "title": title, "title_alt": [], "date": date, "date_alt": date_alt,
                "byline": None, "site": None, "body": [], "body_tags": [], "body_partial": True, "not_body": [],
                "provenance": {k: f"postlight parser test {test}" for k in ("title", "date")},
                "notes": None}
    write_set(out, chosen, gold)
    print(len(chosen), "pages,", sum(1 for c in chosen if c[5]), "with a date;", len(skipped), "sites left out:",
          ", ".join(f"{n} ({why})" for n, why in skipped))


if __name__ == "__main__":
    main(sys.argv[1:])
