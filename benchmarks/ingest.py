"""Ingest of real web pages: title, date, chrome removed, body kept, speed.

``python -m benchmarks.ingest [--pages DIR] [--only text,html,trafilatura] [--baseline DIR] [--repeat N]`` reads the
development pages (``../shared/data/pages``: saved HTML, a plain-text dump of the
same page, gold title/date/body; see its README) and prints one Markdown table:

- ``text dump``: topics on the ``.txt`` dumps (page-text rules);
- ``html``: topics on the ``.html`` pages (trafilatura plus topics' chrome rules);
- ``trafilatura alone``: trafilatura on the same HTML (its own text, title, date);
- ``text dump, ceiling``: the best page text alone allows: title right when the gold
  title is one block of the dump, date right when the dump prints it (or the gold has none);
  the other page's headline and a date only in the HTML's metadata cannot be found in a dump;
- with ``--baseline DIR``: the text dumps read by the code of another checkout (``DIR`` holds
  its ``topics`` package), e.g. the main branch before a change to the rules.

Each row is scored on all pages and, to show whether the rules generalise, on two
halves split by site (a stable hash of the site name, so pages of one site stay
together): ``A`` and ``B``. Columns:

- title: share of pages whose title equals the gold title or one of its variants
  (case, spacing, quote style and edge punctuation ignored);
- date: share of pages whose date equals the gold date, counting a missing date
  as right when the gold has none; ``null ok``: of the pages without a gold date,
  the share given none; a page whose source gives no date at all (``"date_known": false``) is left
  out of both;
- body kept: share of the gold body's words found in the output (word multiset);
- chrome removed: share of the page's other words (page text minus gold body) not in
  the output;
- a gold that lists snippets only (``"body_partial": true``, as a held-out set built from another
  project's tests may have: ``body`` the snippets the text must hold, ``not_body`` those it must not):
  body kept is the share of body snippets found whole in the output, chrome removed the share
  of ``not_body`` snippets not in it (case and spacing ignored);
- a skipped page (no single article on it: a section front, an error page) is scored as
  giving no title, no date and no text, and named under the table; split ``articles``: every
  row scored again on all pages less those topics skipped in this run, so that a skip (which the
  gold may still hold a body for) is told apart from body lost inside an article;
- pages/s: pages read per second (every page, those skipped or collapsed as duplicates too) of wall time (one process, reading included, after one
  warm-up on a throwaway page; for text dumps the fastest of ``--repeat`` runs, 3 by default,
  each with the per-line caches emptied first); pages/cpu-s: per second of this process's CPU
  time, which a busy machine disturbs less.

``python -m benchmarks.run --only ingest`` runs it too (``--quick``: text dumps only).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
import zlib
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# ../shared/data/pages next to the checkout (or one level up, for checkouts kept in a subfolder).
DEFAULT_PAGES = next(
    (p for p in (REPO.parent / "shared/data/pages", REPO.parent.parent / "shared/data/pages") if p.exists()),
    REPO.parent / "shared/data/pages",
)
WORD = re.compile(r"\w+")


def words(text: str) -> Counter:
    return Counter(WORD.findall(text.lower()))


def norm_title(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"}))
    return " ".join(text.split()).strip(" .-|:")


def split_of(page: dict) -> str:
    site = re.sub(r"-\d+$", "", page["id"].split("_", 1)[1])
    return "A" if zlib.crc32(site.encode()) % 2 == 0 else "B"


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def snippet_counts(page: dict, text: str) -> tuple[int, int, int, int]:
    """For a gold that lists snippets only: (body snippets found in the output, body snippets,
    unwanted snippets not in it, unwanted snippets), each matched as a whole, spacing and case ignored."""
    output = flat(text)
    body = [flat(s) for s in page["body"] if flat(s)]
    unwanted = [flat(s) for s in page.get("not_body") or [] if flat(s)]
    return sum(s in output for s in body), len(body), sum(s not in output for s in unwanted), len(unwanted)


def score(pages: list[dict], outputs: dict[str, dict], page_words: dict[str, Counter]) -> dict:
    rows = {"n": 0, "titled": 0, "dated": 0, "title": 0, "date": 0, "null_total": 0, "null_ok": 0, "body": 0, "body_total": 0, "chrome": 0, "chrome_total": 0}
    for page in pages:
        out = outputs.get(page["id"]) or {"title": None, "date": None, "text": ""}
        rows["n"] += 1
        if page["title"] is not None:  # a gold of dates only (a held-out source) scores no title
            rows["titled"] += 1
            titles = {norm_title(page["title"]), *(norm_title(t) for t in page.get("title_alt") or [])}
            rows["title"] += norm_title(out["title"]) in titles
        known = page.get("date_known") is not False  # a source that gives no date (nor says there is none) scores none
        if known:
            rows["dated"] += 1
            rows["date"] += out["date"] in {page["date"], *(page.get("date_alt") or [])}
        if page["date"] is None and known:
            rows["null_total"] += 1
            rows["null_ok"] += out["date"] is None
        if page.get("body_partial"):  # a gold of snippets only (held-out sets): snippets found, unwanted snippets absent
            found, total, absent, unwanted = snippet_counts(page, out["text"])
            rows["body"] += found
            rows["body_total"] += total
            rows["chrome"] += absent
            rows["chrome_total"] += unwanted
            continue
        gold = words("\n".join(page["body"]))
        kept = words(out["text"])
        chrome = page_words[page["id"]] - gold
        rows["body"] += sum((gold & kept).values())
        rows["body_total"] += sum(gold.values())
        chrome_kept = kept - gold
        rows["chrome"] += sum(chrome.values()) - sum((chrome & chrome_kept).values())
        rows["chrome_total"] += sum(chrome.values())
    return {
        "pages": rows["n"],
        "title": rows["title"] / rows["titled"] if rows["titled"] else float("nan"),
        "date": rows["date"] / rows["dated"] if rows["dated"] else float("nan"),
        "null ok": rows["null_ok"] / rows["null_total"] if rows["null_total"] else float("nan"),
        "body kept": rows["body"] / max(rows["body_total"], 1),
        "chrome removed": rows["chrome"] / max(rows["chrome_total"], 1),
    }


def run_topics(folder: Path, repeat: int = 1) -> tuple[dict[str, dict], float, int]:
    from topics.ingest.corpus import load_corpus

    _warm_up(folder.suffix or next(folder.iterdir()).suffix)
    timings = []
    for _ in range(repeat):  # the fastest of a few runs, each with cold caches: less disturbed by a busy machine
        _clear_caches()
        start, cpu_start = time.perf_counter(), time.process_time()
        corpus = load_corpus(folder, near_duplicate_threshold=1.01)
        timings.append((time.perf_counter() - start, time.process_time() - cpu_start))
    seconds = (min(t[0] for t in timings), min(t[1] for t in timings))
    paragraphs = corpus.paragraphs
    outputs = {}
    for row in corpus.articles.itertuples():
        mine = paragraphs[paragraphs["article_id"] == row.article_id]
        sections = [s for s in dict.fromkeys(mine["section"].dropna())]
        date = row.date if isinstance(row.date, str) else None
        outputs[row.article_id] = {"title": row.title, "date": date, "text": "\n".join([*sections, *mine["text"]])}
    # A page collapsed as a duplicate of another gets that page's output.
    for row in corpus.duplicates[corpus.duplicates["level"] == "article"].itertuples():
        if row.duplicate_of in outputs:
            outputs[row.unit_id] = outputs[row.duplicate_of]
    # Titles that fell back to the first words are not titles found.
    if "title_source" in corpus.articles:
        for row in corpus.articles.itertuples():
            if row.title_source == "none":
                outputs[row.article_id]["title"] = None
    SKIPPED.extend((folder.name, Path(source).name, reason) for source, reason in corpus.skipped.itertuples(index=False))
    # Every page read counts, the skipped and the duplicates too: each was read and judged.
    return outputs, seconds, len(corpus.articles) + len(corpus.skipped) + int((corpus.duplicates["level"] == "article").sum())


SKIPPED: list[tuple[str, str, str]] = []  # (input folder, file, why) of every page topics skipped


def _clear_caches() -> None:
    """Empty the per-line caches of the ingest modules, so no run is timed on lines it has seen."""
    import importlib
    import pkgutil

    import topics.ingest

    for info in pkgutil.iter_modules(topics.ingest.__path__):
        module = importlib.import_module(f"topics.ingest.{info.name}")
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def _warm_up(suffix: str) -> None:
    """Load the libraries on a throwaway page (not the measured ones: no cache gets warm on them)."""
    import tempfile

    from topics.ingest.corpus import load_corpus

    body = "".join(f"<p>Sentence number {i} of a throwaway page, long enough to read as prose.</p>" for i in range(5))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / f"warm{suffix}"
        page.write_text(f"<html><body><h1>Warm up</h1>{body}</body></html>" if suffix.startswith(".htm") else
                        "Warm up\n\n" + body.replace("<p>", "").replace("</p>", "\n\n"), encoding="utf-8")
        load_corpus(page)


def run_trafilatura(files: list[Path]) -> tuple[dict[str, dict], float, int]:
    import trafilatura

    outputs = {}
    start, cpu_start = time.perf_counter(), time.process_time()
    for path in files:
        document = trafilatura.bare_extraction(path.read_text(encoding="utf-8-sig"), with_metadata=True, include_comments=False)
        if document is None:
            continue
        outputs[path.stem] = {"title": document.title, "date": document.date, "text": document.text or ""}
    return outputs, (time.perf_counter() - start, time.process_time() - cpu_start), len(files)


def run(quick: bool = False, pages_dir: Path = DEFAULT_PAGES, only: str = "text,html,trafilatura", baseline: Path | None = None,
        repeat: int = 3) -> list[dict]:
    """Rows of the table (``benchmarks.run`` calls this; ``quick``: the text dumps only)."""
    if not (pages_dir / "gold.jsonl").exists():
        raise FileNotFoundError(f"{pages_dir}: no development pages here (gold.jsonl); pass --pages")
    pages = [json.loads(line) for line in (pages_dir / "gold.jsonl").open(encoding="utf-8")]
    page_words = {p["id"]: words((pages_dir / "txt" / f"{p['id']}.txt").read_text(encoding="utf-8")) for p in pages}
    wanted = ["text"] if quick else only.split(",")
    rows = []
    if baseline is not None:
        rows += _baseline_rows(baseline, pages_dir, repeat)
    runs = {}
    if "text" in wanted:
        runs["text dump"] = run_topics(pages_dir / "txt", repeat)
    if "html" in wanted:
        runs["html"] = run_topics(pages_dir / "html")
    if "trafilatura" in wanted:
        runs["trafilatura alone"] = run_trafilatura(sorted((pages_dir / "html").glob("*.html")))
    if "text" in wanted:
        runs["text dump, ceiling"] = (_ceiling(pages, pages_dir), (float("nan"), float("nan")), len(pages))
    # The pages topics skips as no single article (the issue asks for a skip there): every row is
    # scored once more without them, so that a skip and a lost paragraph are told apart.
    skipped = {Path(name).stem for _, name, _ in SKIPPED}
    for name, (outputs, seconds, n_out) in runs.items():
        for split in ("all", "A", "B", "articles") if skipped else ("all", "A", "B"):
            subset = [p for p in pages if split == "all" or split_of(p) == split or (split == "articles" and p["id"] not in skipped)]
            row = {"input": name, "split": split, **score(subset, outputs, page_words)}
            row["pages/s"] = n_out / seconds[0] if split == "all" else float("nan")
            row["pages/cpu-s"] = n_out / seconds[1] if split == "all" else float("nan")
            rows.append(row)
    return rows


def _ceiling(pages: list[dict], pages_dir: Path) -> dict[str, dict]:
    """What page text alone can give: the gold title when it is one block of the dump, the gold
    date when the dump prints it (in a form the date reader knows; no date when the gold has none),
    and the whole dump as text (so body kept is 100 % and chrome removed 0 %)."""
    from topics.ingest.pagedates import find_dates

    outputs = {}
    for page in pages:
        text = (pages_dir / "txt" / f"{page['id']}.txt").read_text(encoding="utf-8")
        blocks = {norm_title(block) for block in text.split("\n\n")}
        titles = [page["title"], *(page.get("title_alt") or [])]
        title = next((t for t in titles if norm_title(t) in blocks), None)
        found = {d.iso for block in text.split("\n\n") for d in find_dates(block)}
        date = next((d for d in [page["date"], *(page.get("date_alt") or [])] if d in found), None)
        outputs[page["id"]] = {"title": title, "date": date, "text": text}
    return outputs


def _baseline_rows(checkout: Path, pages_dir: Path, repeat: int) -> list[dict]:
    """The text-dump rows from another checkout's code (the rules before a change), in a subprocess."""
    import os
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rows.json"
        env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONDONTWRITEBYTECODE": "1"}
        command = [sys.executable, str(Path(__file__).resolve()), "--only", "text", "--pages", str(pages_dir), "--json", str(out), "--repeat", str(repeat)]
        subprocess.run(command, env=env, cwd=tmp, check=True, capture_output=True, timeout=1800)
        rows = json.loads(out.read_text(encoding="utf-8"))
    return [{**row, "input": f"text dump, {checkout.name} (baseline)"} for row in rows if row["input"] == "text dump"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--only", default="text,html,trafilatura")
    parser.add_argument("--baseline", type=Path, default=None, help="another checkout whose text-dump rules to score too")
    parser.add_argument("--json", type=Path, default=None, help="also write the rows here")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of the text dumps; the fastest is reported")
    args = parser.parse_args(argv)
    rows = run(False, args.pages, args.only, args.baseline, args.repeat)
    columns = ["input", "split", "pages", "title", "date", "null ok", "body kept", "chrome removed", "pages/s", "pages/cpu-s"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        cells = []
        for c in columns:
            value = row[c]
            if c in {"title", "date", "null ok", "body kept", "chrome removed"}:
                digits = 2 if c in {"body kept", "chrome removed"} else 1  # these move by tenths of a point between rule sets
                cells.append(f"{value:.{digits}%}" if value == value else "–")
            elif c.startswith("pages/"):
                cells.append(f"{value:.0f}" if value is not None and value == value else "")
            else:
                cells.append(str(value))
        print("| " + " | ".join(cells) + " |")
    for folder, name, reason in dict.fromkeys(SKIPPED):
        print(f"\nskipped ({folder}): {name}: {reason}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
