"""Label leads that only one unit writes: topics and subtopics of the seed articles.

``python -m benchmarks.label_leads [--quick]`` fits ``find_topics(seeds/)`` (paragraph level,
``random_state=42``) without and with the seed themes as guides (``themes=seeds/themes.toml,
guided=True``) and reads every topic and subtopic label: the lead (the part before the first comma)
and the number of the group's units that write it (a guided topic named after its theme aside). A lead written by only one unit of a group of
several names that unit, not the group. Prints the counts and the labels whose lead only one unit
writes. ``--quick`` leaves out the guided run.
"""

from __future__ import annotations

import re
import sys
import time
import tomllib

import numpy as np

NOTES = ("groups: topics and subtopics with two or more units; single_unit_leads: of those, labels whose lead "
         "(before the first comma) only one of the group's units writes.")


def writers(texts: list[str], lead: str) -> int:
    """How many of ``texts`` write ``lead`` (case aside; a possessive or a name's middle initial may stand
    between two words: "Afghanistan’s airspace", "Lloyd J. Austin"). A name the corpus writes under another
    alias ("Daesh" for "ISIS-K") is not counted."""
    words = lead.split()
    pattern = re.compile(r"(?<![\w-])" + r"(?:['’]s)?\s+(?:[A-Z]\.\s+)?".join(re.escape(w) for w in words) + r"(?![\w-])",
                         re.IGNORECASE)
    return sum(bool(pattern.search(text)) for text in texts)


def label_groups(model, texts: list[str]) -> list[tuple[str, str, list[str]]]:
    """(kind, label, member texts) for every topic and subtopic of ``model``."""
    topics = np.asarray(model.labels_)
    groups = []
    for _, row in model.topic_info().iterrows():
        if row["topic_id"] >= 0:
            groups.append(("topic", row["label"], [texts[i] for i in np.flatnonzero(topics == row["topic_id"])]))
    info = model.document_info()
    for _, row in model.subtopics().iterrows():
        chosen = (info["topic_id"] == row["topic_id"]).to_numpy() & (info["subtopic"] == row["subtopic"]).to_numpy()
        groups.append(("subtopic", row["label"], [texts[i] for i in np.flatnonzero(chosen)]))
    return groups


def run(quick: bool = False) -> list[dict]:
    from benchmarks.paths import ROOT
    from topics.pipeline import find_topics

    rows = []
    settings = [("seeds", {})] if quick else [("seeds", {}), ("seeds, guided by themes", {
        "themes": str(ROOT / "seeds" / "themes.toml"), "guided": True})]
    for name, options in settings:
        started = time.perf_counter()
        result = find_topics(str(ROOT / "seeds"), random_state=42, **options)
        texts = result.units["text"].astype(str).tolist()
        # A guided topic named after its theme has no phrase lead to read.
        named = {t["name"] for t in tomllib.loads(open(options["themes"], encoding="utf-8").read())["theme"]} if options else set()
        groups = [g for g in label_groups(result.model, texts) if len(g[2]) >= 2 and g[1] and g[1] not in named]
        single = [(kind, label, len(members)) for kind, label, members in groups
                  if writers(members, label.split(",")[0].strip()) <= 1]
        rows.append({"corpus": name, "units": len(texts), "groups": len(groups),
                     "single_unit_leads": len(single), "seconds": round(time.perf_counter() - started, 1),
                     "labels": [f"{kind} ({n} units): {label}" for kind, label, n in single]})
        print(f"  {name}: {len(groups)} groups, {len(single)} single-unit leads", file=sys.stderr, flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    from benchmarks.run import markdown_table, script_parser, write_record

    args = script_parser("label_leads", __doc__, "the unguided run only").parse_args(argv)
    started = time.perf_counter()
    rows = run(args.quick)
    write_record(args.out, "label_leads", "python -m benchmarks.label_leads" + (" --quick" if args.quick else ""),
                 rows, started, NOTES, quick=args.quick)
    print(markdown_table([{k: v for k, v in row.items() if k != "labels"} for row in rows]))
    for row in rows:
        for label in row["labels"]:
            print(f"{row['corpus']}: {label}")  # printed as plain text
    print(NOTES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
