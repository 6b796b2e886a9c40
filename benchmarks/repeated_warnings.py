"""Ingest time of a page text whose headline stands over a run of one server warning printed again and
again, by the run's length.

    python -m benchmarks.repeated_warnings            # 2,000 to 16,000 copies
    python -m benchmarks.repeated_warnings --copies 16000

The headline rules pass over such a run as a list of lines cut to one pattern; measuring each line's run
anew for every line of it took time quadratic in its length. Run it with the former ``topics`` first on
the path for the reference.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from pathlib import Path

WARNING = "Warning: Undefined variable $post in /var/www/html/wp-content/themes/site/single.php on line 42"
PARAGRAPH = ("A paragraph of the body that runs on long enough to be prose and not a line of chrome at all, "
             "as the council said when it closed the old library on the corner of the square.")


def page(copies: int) -> str:
    return "\n\n".join(["My Site", "The council closes the old library", "By Ann Lee", *[WARNING] * copies, *[PARAGRAPH] * 5])


def main() -> None:
    from topics.ingest.corpus import load_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[2000, 4000, 8000, 16000])
    args = parser.parse_args()
    print("| copies | load_corpus CPU s | title |")
    print("| ---: | ---: | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for copies in args.copies:
            path = Path(folder) / f"page_{copies}.txt"
            path.write_text(page(copies), encoding="utf-8")
            started = time.process_time()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                title = load_corpus(path).articles.iloc[0]["title"]
            print(f"| {copies:,} | {time.process_time() - started:.2f} | {title} |", flush=True)


if __name__ == "__main__":
    main()
