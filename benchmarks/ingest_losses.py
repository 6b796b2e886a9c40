"""Where the text dumps lose the gold body's words: per page, by position and by the rule that dropped them.

``python -m benchmarks.ingest_losses [--pages DIR] [--show ID ...]`` reads the development pages'
text dumps (``../shared/data/pages``, as ``benchmarks.ingest`` does) and charges every gold word
missing from topics' output (word multiset, as body kept is scored) to the first dropped line that
holds it, in the order ``dropped_lines`` lists them. A line stands above the body (``head``), inside
it or below it (``tail``), by where it is printed against the first and last paragraph kept; words
in no dropped line are paragraphs collapsed as exact duplicates or a skipped page. Prints a
Markdown table per page, the totals by reason, and with ``--show`` every charged line of those pages.
The charge is approximate: a common word lost in one place may be charged to a line elsewhere.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.ingest import DEFAULT_PAGES, split_of, words

UNCHARGED = "(in no dropped line: a duplicate paragraph or a skipped page)"


def charge(pages_dir: Path) -> tuple[list[dict], dict[str, list[tuple[int, str, str, str]]]]:
    """Per page: {id, half, gold, lost, head, inside, tail, uncharged}; per page id: (words, where, reason, line)."""
    from topics.ingest.corpus import load_corpus

    pages = [json.loads(line) for line in (pages_dir / "gold.jsonl").open(encoding="utf-8")]
    corpus = load_corpus(pages_dir / "txt", near_duplicate_threshold=1.01)
    copies = corpus.duplicates[corpus.duplicates["level"] == "article"].set_index("unit_id")["duplicate_of"]
    paragraphs = corpus.paragraphs.groupby("article_id")
    dropped = corpus.dropped_lines.groupby("article_id")
    rows, lines = [], defaultdict(list)
    for page in pages:
        article = copies.get(page["id"], page["id"])
        mine = paragraphs.get_group(article) if article in paragraphs.groups else corpus.paragraphs.iloc[:0]
        kept = words("\n".join([*dict.fromkeys(mine["section"].dropna()), *mine["text"]]))
        gold = words("\n".join(page["body"]))
        lost = gold - kept
        if not lost:
            continue
        dump = (pages_dir / "txt" / f"{page['id']}.txt").read_text(encoding="utf-8")
        found = [at for text in mine["text"] if (at := dump.find(text[:60])) >= 0]
        low, high = (min(found), max(found)) if found else (0, len(dump))
        where_total = Counter()
        for line, reason in (dropped.get_group(article)[["line", "reason"]].itertuples(index=False) if article in dropped.groups else []):
            taken = words(line) & lost
            if taken:
                lost -= taken
                at = dump.find(line[:60])
                where = "head" if at < low else "tail" if at > high else "inside"
                lines[page["id"]].append((sum(taken.values()), where, reason, line))
                where_total[where] += sum(taken.values())
        if lost:
            lines[page["id"]].append((sum(lost.values()), "uncharged", UNCHARGED, " ".join(list(lost)[:12])))
        rows.append({"id": page["id"], "half": split_of(page), "gold": sum(gold.values()),
                     "lost": sum(n for n, *_ in lines[page["id"]]), **where_total, "uncharged": sum(lost.values())})
    return sorted(rows, key=lambda r: -r["lost"]), lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--show", nargs="*", default=[], help="page ids whose charged lines to list")
    args = parser.parse_args(argv)
    rows, lines = charge(args.pages)
    print(f"gold words lost: {sum(r['lost'] for r in rows)}\n")
    print("| page | half | gold words | lost | head | inside | tail | uncharged | main reasons |\n|---|---|---|---|---|---|---|---|---|")
    by_reason = Counter()
    for row in rows:
        reasons = Counter()
        for n, _, reason, _ in lines[row["id"]]:
            reasons[reason] += n
        by_reason.update(reasons)
        main_reasons = "; ".join(f"{reason} {n}" for reason, n in reasons.most_common(2))
        print(f"| {row['id']} | {row['half']} | {row['gold']} | {row['lost']} | {row.get('head', 0)} | {row.get('inside', 0)} | "
              f"{row.get('tail', 0)} | {row['uncharged']} | {main_reasons} |")
    print("\n| reason | gold words lost |\n|---|---|")
    for reason, n in by_reason.most_common():
        print(f"| {reason} | {n} |")
    for page_id in args.show:
        print(f"\n{page_id}:")
        for n, where, reason, line in sorted(lines.get(page_id, []), reverse=True):
            print(f"  {n:4d} {where:9s} {reason}: {line[:100]!r}")


if __name__ == "__main__":
    main()
