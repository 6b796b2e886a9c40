"""The saved naming material's size, and the time to read back what cleaning left of each text.

A model keeps each text's naming material (:mod:`topics.modeling.text_material`) and an update reads it
back instead of splitting and cleaning the texts again. Per corpus this builds the material of its
paragraphs (evaluation data, read from ../shared/data) as naming does (``keyword_texts`` with the
material, then each cleaned text's keyword candidates, label phrases, name tokens and words), saves it
and reports: the texts cleaning changes, the two files' bytes, the bytes of the cleaned texts (the
files saved again without them: the difference), and CPU seconds (median of three) to load the files,
then to read back every text's cleaning from them, against cleaning every text afresh.

    python -m benchmarks.material_size
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from benchmarks.paths import SHARED_DATA
from benchmarks.representatives import NEWSGROUPS


def corpora():
    """(name, DataFrame of articles) of each corpus: samples drawn as benchmarks.representatives draws them."""
    random.seed(1)
    messages = [json.loads(line) for line in gzip.open(SHARED_DATA / "20newsgroups_bydate.jsonl.gz", "rt", encoding="utf-8")]
    picked = [m for group in NEWSGROUPS for m in random.sample([m for m in messages if m["label"] == group], 150)]
    yield "20 Newsgroups 1,200", pd.DataFrame(picked)[["id", "title", "text"]]
    with open(SHARED_DATA / "ag_news_test.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    random.seed(1)
    yield "AG News 1,500", pd.DataFrame(random.sample(rows, 1500))[["id", "title", "text"]]
    yield "ISAF releases", pd.read_json(SHARED_DATA / "isaf_press_releases_test.jsonl", lines=True)[["id", "date", "text"]]
    yield "BBC News", pd.read_csv(SHARED_DATA / "bbc_news.csv")
    yield "NYT full texts", pd.read_json(SHARED_DATA / "nyt_afghanistan_2020_2021_fulltext.jsonl.gz", lines=True)


def build_material(texts: list[str]):
    from topics.modeling.text_material import TextMaterial
    from topics.text.wording import keyword_texts

    material = TextMaterial()
    for cleaned in keyword_texts(texts, None, material):
        material.grams(cleaned), material.phrases(cleaned), material.words(cleaned), material.phrase_words(cleaned)
    return material


def saved_bytes(material, folder: Path) -> int:
    from topics.modeling.text_material import MATERIAL_FILE, NUMBERS_FILE

    material.save(folder)
    return sum((folder / name).stat().st_size for name in (MATERIAL_FILE, NUMBERS_FILE))


def median_seconds(function, setup=lambda: None, repeats: int = 3) -> float:
    """Median CPU seconds of ``function(setup())`` (the setup not counted)."""
    times = []
    for _ in range(repeats):
        given = setup()
        start = time.process_time()
        function(given)
        times.append(time.process_time() - start)
    return statistics.median(times)


def measure(texts: list[str]) -> dict:
    from topics.modeling.text_material import TextMaterial
    from topics.text.wording import clean_text

    material = build_material(texts)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        total = saved_bytes(material, folder)
        load_s = median_seconds(lambda _: TextMaterial.load(folder))
        read_s = median_seconds(lambda loaded: [loaded.clean_text(t) for t in texts], lambda: TextMaterial.load(folder))
        material.found["cleaned"], material._saved["cleaned"] = {}, {}
        without = saved_bytes(material, Path(tempfile.mkdtemp(dir=folder)))
    return {"texts": len(texts), "changed_%": round(100 * sum(clean_text(t) != t for t in texts) / len(texts), 1),
            "files_KB": round(total / 1024), "cleaned_KB": round((total - without) / 1024),
            "cleaned_%": round(100 * (total - without) / total, 1), "load_s": round(load_s, 3), "read_back_s": round(read_s, 3),
            "clean_afresh_s": round(median_seconds(lambda _: [clean_text(t) for t in texts]), 3)}


def main() -> None:
    from benchmarks.run import markdown_table
    from topics import load_corpus

    rows = []
    for name, frame in corpora():
        texts = load_corpus(frame).units("paragraph")["text"].tolist()
        rows.append({"corpus": name, **measure(texts)})
        print(rows[-1], file=sys.stderr, flush=True)
    print(markdown_table(rows))


if __name__ == "__main__":
    main()
