"""How the ingest summary and the report show mined alias groups, before and after the display rule.

Before, a group was shown in frequency order: "NATO = North Atlantic Treaty Organization" but "Organization for
Security and Cooperation in Europe = OSCE", and word forms of one name as aliases ("de-Nazify = de-Nazifying").
After (:mod:`topics.text.alias_display`): led by the full name where the corpus defines an acronym by it, word
forms apart. The groups themselves (canonical spelling and names, so what keywords, lookup, themes and clustering
compare) are not touched. Each corpus is mined as :mod:`benchmarks.aliases` mines it (its paragraphs); a CSV
with a ``Text`` or ``text`` column may be added by path (paragraphs split at blank lines).

    TOPICS_DATA_DIR=<data> python -m benchmarks.alias_display [--list] [--csv NAME=PATH ...]
"""

from __future__ import annotations

import argparse
import csv
import sys

from benchmarks.aliases import _paragraphs, corpora
from topics.text.alias_mining import mine_aliases

CORPORA = ("seeds", "nyt", "isaf")


def shown_before(group) -> str:
    return " = ".join(group.names)


def shown_after(group) -> str:
    shown = group.shown()
    if shown.spellings_only:
        return f"spellings {', '.join((shown.main, *shown.word_forms))}"
    return " = ".join(shown.names) + (f" (also written {', '.join(shown.word_forms)})" if shown.word_forms else "")


def measure(texts: list[str]) -> dict:
    table = mine_aliases(texts)
    changed = [(shown_before(g), shown_after(g)) for g in table.groups if shown_before(g) != shown_after(g)]
    return {
        "groups": len(table),
        "changed": changed,
        "led_by_full_name": sum(g.shown().main != g.canonical for g in table.groups),
        "with_word_forms": sum(bool(g.shown().word_forms) for g in table.groups),
        "spellings_only": sum(g.shown().spellings_only for g in table.groups),
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list", action="store_true", help="print every group whose display changed")
    parser.add_argument("--csv", action="append", default=[], help="NAME=PATH of a further corpus")
    args = parser.parse_args(argv)
    found = {name: texts for name, texts in corpora().items() if name in CORPORA}
    for spec in args.csv:
        name, path = spec.split("=", 1)
        csv.field_size_limit(sys.maxsize)
        with open(path, encoding="utf-8", newline="") as handle:
            found[name] = _paragraphs(row.get("Text") or row.get("text") or "" for row in csv.DictReader(handle))
    print("| corpus | groups | display changed | led by the full name (was another) | with word forms apart | spellings only |")
    print("| --- | --- | --- | --- | --- | --- |")
    results = {name: measure(texts) for name, texts in found.items()}
    for name, r in results.items():
        print(f"| {name} | {r['groups']} | {len(r['changed'])} | {r['led_by_full_name']} | {r['with_word_forms']} | {r['spellings_only']} |")
    if args.list:
        for name, r in results.items():
            for before, after in r["changed"]:
                print(f"{name}: {before!r} -> {after!r}")


if __name__ == "__main__":
    main()
