"""Time of each public text function on hostile long lines: 10,000 and 100,000 characters.

    python -m benchmarks.long_lines                  # every function, every shape
    python -m benchmarks.long_lines --only clean_text sentences --flagged

A hostile line is a run of one or two characters (spaces, dots, digits, dashes, commas, letters, quotes,
brackets), behind a date, a name or an address and followed by one stray character: the shape that makes
a backtracking pattern try every start and every length. A linear function takes about 10 times as long
on the longer line; a ratio of 30 or more is flagged. Each pair of calls runs in its own process, cut
off after ``--limit`` seconds (a cut-off counts as flagged).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import time

RUNS = [" ", ".", "0", "-", ",", "a", '"', "(", "'", "a ", "0.", ". ", "- ", "A.", "Aa", "0 ", "' "]
PREFIXES = {"none": "", "date": "2019.04.19 ", "name": "Hamid Karzai said ", "url": "http://www.example.com/a"}
SIZES = (10_000, 100_000)
FLAG_RATIO = 30
FLAG_FLOOR = 0.005  # seconds at 100k: below it a ratio is timer noise


STRAYS = "xqzkjvwyfgbhmpXQZKJVWYFG"  # a different stray each round, so that no cache answers a repeat


def hostile_line(run: str, prefix: str, size: int, stray: str = "x") -> str:
    return prefix + (run * (size // len(run) + 1))[:size] + stray


def _page(line: str) -> str:
    return ("Karzai meets envoys in Kabul\n\nBy John Smith\nApril 19, 2019\n\n" + line
            + "\n\nThe talks went on for hours, officials said. More talks are planned next week.\n")


def probes() -> dict:
    """Name -> function of one hostile line."""
    import pandas as pd

    from topics.ingest import articledate, boilerplate, headline, htmlmeta, htmlpage, mailtext, pagedates, repeats, yearless
    from topics.ingest.cell_values import structure_of
    from topics.ingest.corpus import load_corpus
    from topics.ingest.repeats import Repeats
    from topics.modeling import describe, headlines, name_words, negation
    from topics.search import lexical, queries
    from topics.text import aliases, dates, outlets, wording
    from topics.text.alias_mining import mine_aliases

    stops = wording.stop_words()
    negators = negation._negators("english")

    def html(line):
        page = ("<html><head><title>Karzai meets envoys</title></head><body><article><h1>Karzai meets envoys</h1>"
                f"<p>{line}</p><p>The talks went on for hours, officials said. More talks are planned.</p>"
                "</article></body></html>")
        return htmlpage.html_record("page.html", page.encode(), "a")

    return {
        "boilerplate.split_blocks": lambda s: boilerplate.split_blocks(_page(s)),
        "boilerplate.clean_article": lambda s: boilerplate.clean_article(_page(s), Repeats(), find_header=True),
        "headline.looks_like_title": lambda s: headline.looks_like_title(s, len(s.split()), None),
        "headline.headline_with_a_date": headline.headline_with_a_date,
        "headline.opens_byline": headline.opens_byline,
        "headline.signs": headline.signs,
        "articledate.place_dateline": articledate.place_dateline,
        "articledate.wire_dateline": articledate.wire_dateline,
        "pagedates.find_dates": lambda s: pagedates._find_dates.__wrapped__(s, False),  # past its cache
        "yearless.yearless_date": yearless.yearless_date,
        "yearless.printed_weekday": yearless.printed_weekday,
        "repeats.template_key": repeats.template_key,
        "repeats.coded_key": repeats.coded_key,
        "repeats.split_sign_off": repeats.split_sign_off,
        "repeats.last_sentences": repeats.last_sentences,
        "htmlpage.html_record": html,
        "htmlmeta.iso_of": htmlmeta.iso_of,
        "htmlmeta.link_key": htmlmeta.link_key,
        "mailtext.read_message": lambda s: mailtext.read_message(f"From: a@b.org\nSubject: talks\n\n{s}\n"),
        "cell_values.structure_of": structure_of,
        "corpus.load_corpus (cell)": lambda s: load_corpus(pd.DataFrame({"id": ["a"], "text": [s]})),
        "wording.clean_text": wording.clean_text,
        "wording.sentences": wording.sentences,
        "wording.sentence_pieces": wording.sentence_pieces,
        "wording.drop_table_rows": wording.drop_table_rows,
        "wording.template_key_digests": wording.template_key_digests,
        "wording.keyword_texts": lambda s: wording.keyword_texts([s]),
        "dates.without_zone_name": dates.without_zone_name,
        "dates.parsed_twice": dates.parsed_twice,
        "outlets.site_of": outlets.site_of,
        "outlets.outlet_words": lambda s: outlets.outlet_words(["example.com"], [s]),
        "aliases.capitalised_vocabulary": lambda s: aliases.capitalised_vocabulary([s]),
        "aliases.alias_hits": lambda s: aliases.alias_hits([s], ["Hamid Karzai", "U.N."]),
        "alias_mining.mine_aliases": lambda s: mine_aliases([s]),
        "describe.tokenize": describe.tokenize,
        "describe.unit_term_matrix": lambda s: describe.unit_term_matrix([s, "the talks went on"]),
        "name_words.written_spans": lambda s: name_words.written_spans([s], {"talks", "karzai"}, stops),
        "headlines._phrases": lambda s: headlines._phrases(s, stops, wording.is_junk_word),
        "negation.denied_uses": lambda s: negation.denied_uses(s, "talks", negators),
        "negation.told_as_written": lambda s: negation.told_as_written("talks", [s]),
        "lexical.tokenize": lambda s: lexical.tokenize([s], stemmed=True),
        "lexical.query": lambda s: lexical._query_words(s, True, None),
        "queries.id_shape": queries.id_shape,
    }


def _call(function, line: str) -> None:
    try:
        function(line)
    except Exception:  # noqa: BLE001 - refusing a hostile line is an answer too; its time is what counts
        pass


def _timed(function, run: str, prefix: str, size: int) -> float:
    lines = [hostile_line(run, prefix, size, stray) for stray in STRAYS]
    _call(function, hostile_line(run, prefix, 100))  # lazy imports and compiled patterns are no part of the time
    fastest, spent = float("inf"), 0.0
    for rounds, line in enumerate(lines, 1):  # the fastest of a few calls: a pause of the machine is no ratio
        started = time.perf_counter()
        _call(function, line)
        took = time.perf_counter() - started
        fastest, spent = min(fastest, took), spent + took
        if rounds >= 3 and spent > 0.05:
            break
    return fastest


def _child(name, run, prefix, pipe):
    function = probes()[name]
    pipe.send([_timed(function, run, prefix, size) for size in SIZES])


def measure(name: str, run: str, prefix: str, limit: float) -> list[float] | None:
    """Seconds per call at each size, or None when cut off."""
    receive, send = mp.Pipe(duplex=False)
    child = mp.get_context("fork").Process(target=_child, args=(name, run, prefix, send))
    child.start()
    if receive.poll(limit):
        result = receive.recv()
        child.join()
        return result
    child.kill()
    child.join()
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", help="function names (or parts of them)")
    parser.add_argument("--limit", type=float, default=20.0, help="seconds a pair of calls may take")
    parser.add_argument("--flagged", action="store_true", help="print only the flagged shapes")
    args = parser.parse_args()
    names = [n for n in probes() if not args.only or any(part in n for part in args.only)]
    print("| function | run | prefix | 10k s | 100k s | ratio | flag |")
    print("| --- | --- | --- | ---: | ---: | ---: | --- |")
    summary = {}
    for name in names:
        for run in RUNS:
            for prefix_name, prefix in PREFIXES.items():
                times = measure(name, run, prefix, args.limit)
                ratio = float("inf") if times is None else times[1] / max(times[0], 1e-9)
                flagged = ratio >= FLAG_RATIO and (times is None or times[1] >= FLAG_FLOOR)
                if flagged or not args.flagged:
                    shown = ("cut off", f"> {args.limit:.0f}") if times is None else (f"{times[0]:.4f}", f"{times[1]:.4f}")
                    print(f"| {name} | {run!r} | {prefix_name} | {shown[0]} | {shown[1]} | {ratio:.0f} |"
                          f" {'FLAG' if flagged else ''} |", flush=True)
                summary[name] = max(summary.get(name, 0.0), ratio if flagged else 0.0)
        summary.setdefault(name, 0.0)
    print("\n| function | worst flagged ratio 100k/10k (0: none flagged) |\n| --- | ---: |")
    for name, worst in summary.items():
        print(f"| {name} | {worst:.0f} |")


if __name__ == "__main__":
    main()
