"""The benchmark harness end to end, in quick mode on tiny inputs (checks shape, never speed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
MACHINE_FIELDS = ("cpu_model", "cores", "fp32_peak_gflops", "peak_formula", "clock_ghz", "versions")


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory, session_cache_dir):
    out = tmp_path_factory.mktemp("bench")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "TOPICS_CACHE_DIR": str(session_cache_dir),
           "TOPICS_SCALING_REPEATS": "2"}
    command = [sys.executable, "-m", "benchmarks.run", "--quick", "--tiny", "--only", "embedding", "cold_start", "scaling", "--out", str(out)]
    # A guard against a hung run, not a speed check (about 40 s on an idle 2-core machine).
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    return done, out


def test_harness_exits_cleanly_and_prints_tables(bench_run):
    done, _ = bench_run
    assert done.returncode == 0, done.stderr[-3000:]
    for name in ("embedding", "cold_start", "scaling"):
        assert f"### {name} (quick)" in done.stdout
    assert "| method |" in done.stdout or "| corpus | method |" in done.stdout


@pytest.mark.parametrize("name", ["embedding", "cold_start", "scaling"])
def test_every_result_file_describes_the_machine(bench_run, name):
    _, out = bench_run
    record = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    assert "error" not in record, record.get("traceback")
    for field in MACHINE_FIELDS:
        assert record["machine"][field], field
    assert record["machine"]["cores"] >= 1
    assert record["machine"]["fp32_peak_gflops"] > 0
    assert record["machine"]["versions"]["topics"] != "not installed"
    assert record["quick"] is True and record["results"]


def test_results_carry_the_measured_quantities(bench_run):
    _, out = bench_run
    embedding = json.loads((out / "embedding.json").read_text())["results"]
    methods = {row["method"] for row in embedding}
    assert {"SentenceTransformer.encode (defaults)", "topics (torch fp32)"} <= methods
    for row in embedding:
        assert row["docs_per_s"] > 0 and row["tokens_per_s"] > row["docs_per_s"]
        assert 0 < row["pct_of_fp32_peak"]

    cold = json.loads((out / "cold_start.json").read_text())["results"]
    assert any(row["case"] == 'python -c "import topics"' for row in cold)
    assert all(row["cpu_s"] >= 0 and row["wall_s"] > 0 for row in cold)

    scaling = json.loads((out / "scaling.json").read_text())["results"]
    fitted = [row for row in scaling if isinstance(row["units"], int) and "seconds" in row]
    assert {row["method"] for row in fitted} == {"topics", "kmeans"}
    for row in fitted:
        assert 0 <= row["nmi"] <= 1 and 0 <= row["outlier_share"] <= 1 and row["topics_found"] >= 1
        # Each fit ran twice: the median seconds lie between the two runs'.
        assert row["runs"] == 2
        assert row["cpu_seconds_min"] <= row["cpu_seconds"] <= row["cpu_seconds_max"]
        assert row["seconds_min"] <= row["seconds"] <= row["seconds_max"]
    assert (out / "latest.md").read_text().count("### ") == 3


def test_repeated_fits_report_the_median_and_keep_a_failure():
    from benchmarks.scaling import median_run

    runs = [{"seconds": s, "cpu_seconds": c, "nmi": n} for s, c, n in [(3.0, 2.0, 0.5), (1.0, 4.0, 0.6), (2.0, 3.0, 0.7)]]
    row = median_run(runs)
    assert (row["seconds"], row["cpu_seconds"], row["nmi"], row["runs"]) == (2.0, 3.0, 0.7, 3)
    assert (row["seconds_min"], row["seconds_max"], row["cpu_seconds_min"], row["cpu_seconds_max"]) == (1.0, 3.0, 2.0, 4.0)
    assert median_run([runs[0], {"error": "exit 1: boom"}]) == {"error": "exit 1: boom"}
    assert median_run(runs[:1]) == runs[0]


def test_unknown_benchmark_is_a_usage_error():
    done = subprocess.run([sys.executable, "-m", "benchmarks.run", "--only", "no_such_bench"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2
    assert "unknown benchmark" in done.stderr


def test_backend_benchmark_rejects_an_unknown_part(monkeypatch):
    from benchmarks import embedding_backends

    monkeypatch.setenv("TOPICS_BACKEND_PARTS", "quality,colour")
    with pytest.raises(ValueError, match="unknown part.*colour"):
        embedding_backends.run(tiny=True)


def test_backend_benchmark_rejects_an_unknown_corpus(monkeypatch):
    from benchmarks import embedding_backends

    monkeypatch.setenv("TOPICS_BACKEND_CORPORA", "bbc_news,klingon")
    with pytest.raises(ValueError, match="unknown corpus klingon"):
        embedding_backends._corpora(quick=False)


def test_event_split_null_tells_two_groups_from_one():
    from benchmarks.event_split import beats_gaussian_null

    rng = np.random.default_rng(0)
    one = rng.normal(size=(40, 8))
    two = np.vstack([rng.normal(size=(20, 8)), rng.normal(size=(20, 8)) + 6.0])
    for unit_level in (True, False):
        observed, lowest = beats_gaussian_null(two, np.ones(40), unit_level, seed=0)
        assert observed < lowest
        observed, lowest = beats_gaussian_null(one, np.ones(40), unit_level, seed=0)
        assert observed >= lowest


def test_scattered_word_is_one_whose_other_writers_sit_anywhere_in_meaning():
    """``benchmarks.label_scattered_words``: a word most of whose writers are outside the group is scattered
    when those writers are no nearer the group than the rest of the corpus, not when they are its neighbours;
    a word mostly written inside the group is not judged."""
    from benchmarks.label_scattered_words import scattered

    rng = np.random.default_rng(0)
    centre, far = np.eye(8)[0], np.eye(8)[1]
    vectors = np.vstack([centre + 0.1 * rng.normal(size=(10, 8)),  # the group
                         centre + 0.3 * rng.normal(size=(10, 8)),  # its neighbours
                         far + 0.3 * rng.normal(size=(40, 8))])  # the rest of the corpus
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    held = [set() for _ in range(60)]
    for i in (0, 1, *range(10, 16)):
        held[i].add("kherson")  # the group's subject, also written by its neighbours
    for i in (0, 1, 11, *range(20, 60, 6)):
        held[i].add("example")  # written about anything
    for i in (0, 1, 2, 30):
        held[i].add("zoo")
    rows = np.arange(10)
    assert scattered("kherson", rows, held, vectors, 0.95) == (True, False)
    assert scattered("example", rows, held, vectors, 0.95) == (True, True)
    assert scattered("zoo", rows, held, vectors, 0.95) == (False, False)


def test_vague_word_is_one_the_groups_texts_lie_no_nearer_than_the_rest(embedder):
    """``benchmarks.label_vague_words``: the word itself embedded; texts about a zoo lie nearer "zoo" than the
    corpus's other texts do, and no nearer "example" or "guess"."""
    from benchmarks.label_vague_words import WordCloseness

    group = ["The zoo's keepers fed the lions and the giraffes before the gates opened.",
             "Two bison and a kangaroo were moved from the zoo after shelling nearby.",
             "Volunteers evacuated the zoo's wolves, bears and monkeys to a safer city.",
             "The zoo lost several animals when the enclosures were hit.",
             "Keepers at the zoo said the elephants were frightened by the explosions."]
    rest = ["The central bank raised interest rates to curb inflation.",
            "Parliament passed the budget after a long debate on taxes.",
            "The striker scored twice as the club won the cup final.",
            "The new phone has a faster chip and a larger screen.",
            "Oil prices fell as supply from the Gulf rose.",
            "The senator said the bill would be voted on next week.",
            "Shares in the carmaker rose after strong quarterly sales.",
            "The film won three awards at the festival in Cannes.",
            "Rain is expected across the north of the country tomorrow.",
            "The minister resigned after the report into the scandal.",
            "Engineers repaired the railway line after the flood.",
            "The tennis champion lost in the second round.",
            "Unemployment fell to its lowest level in a decade.",
            "The court ruled that the contract had been broken.",
            "Scientists found water ice near the moon's south pole."]
    closeness = WordCloseness(embedder.encode(group + rest), embedder)
    rows = np.arange(len(group))
    assert not closeness.vague("zoo", rows, 0.95)[0]
    assert closeness.vague("example", rows, 0.95)[0]
    assert closeness.vague("guess", rows, 0.95)[0]



def test_event_joins_side_rule_keeps_the_event_s_reports_and_not_the_same_days_other_story(bbc_sample, embedder):
    """Real BBC tech articles: an event of mobile-phone stories and, in the same days, security stories
    (viruses, spam, hackers) held with the other sections in a long-running part. Against that part's
    far centre some security stories look nearer the event (the nearer-unit join takes them); the side
    rule compares them with the other stories of the same days and leaves them."""
    import re

    from benchmarks.event_joins import _keep, side_of_event
    from topics.embedding.embed import embed_units
    from topics.modeling.subtopics import _join_nearer_events

    units = bbc_sample.units("article").reset_index(drop=True)
    sections = bbc_sample.articles.set_index("article_id").loc[units["article_id"], "label"].to_numpy()
    embeddings = embed_units(bbc_sample, "article", embedder)
    texts = units["text"].to_numpy()

    def tech_about(word, not_word):
        return np.array([i for i in np.flatnonzero(sections == "tech")
                         if re.search(word, texts[i], re.I) and not re.search(not_word, texts[i], re.I)])

    phones = tech_about("mobile|phone", "virus|spam|security|hack")
    security = tech_about("virus|spam|security|hack", "mobile|phone")
    event, late_phones = phones[:-3], phones[-3:]
    long_running = np.flatnonzero(sections != "tech")[::4]
    rows = np.concatenate([event, long_running, security, late_phones])
    rng = np.random.default_rng(0)
    days = np.concatenate([100 + np.arange(len(event)) % 6, rng.choice(np.r_[0:90, 120:600], len(long_running)),
                           100 + np.arange(len(security)) % 6, [101, 102, 103]]).astype(float)
    labels = np.array([0] * len(event) + [1] * (len(rows) - len(event)))
    vectors = embeddings[rows] / np.linalg.norm(embeddings[rows], axis=1, keepdims=True)
    articles = units["article_id"].to_numpy()[rows]
    in_security = slice(len(event) + len(long_running), len(event) + len(long_running) + len(security))
    joined = _join_nearer_events(vectors, days, labels, np.array([0]))
    assert (joined[in_security] == 0).any()  # the toolkit's join takes some of the other story
    kept = _keep(vectors, days, articles, labels, joined, np.array([0]), np.where(labels == 0, 0, -1), "side")
    assert (kept[in_security] == 1).all()
    assert (kept[-3:] == 0).all()  # the event's own later reports still join
    # Fewer than two units of other stories in the event's days: nothing to compare, every unit may join.
    head = slice(0, len(event) + 1)
    assert side_of_event(vectors[head], days[head], labels[head], 0, np.array([0])).all()

def test_peak_formula_uses_the_clock_and_simd_width(monkeypatch):
    from benchmarks import machine

    # Published figures: an AVX2 + FMA core does 32 fp32 FLOP a cycle (2 FMA units x 8 lanes x 2),
    # an SSE-only core 8 (4 lanes x 2, one operation a cycle).
    monkeypatch.setattr(machine, "clock_ghz", lambda: (3.0, "test clock"))
    monkeypatch.setattr(machine, "cpu_flags", lambda: {"sse2", "avx", "avx2", "fma"})
    avx2 = machine.fp32_peak_gflops(cores=2)
    assert avx2["fp32_peak_gflops"] == 192.0 and "32 FLOP/cycle" in avx2["peak_formula"]
    assert avx2["clock_ghz"] == 3.0 and avx2["clock_source"] == "test clock"
    monkeypatch.setattr(machine, "cpu_flags", lambda: {"sse2"})
    assert machine.fp32_peak_gflops(cores=2)["fp32_peak_gflops"] == 48.0
    monkeypatch.setattr(machine, "clock_ghz", lambda: (2.0, "test clock"))
    assert machine.fp32_peak_gflops(cores=4)["fp32_peak_gflops"] == 64.0


def test_late_interaction_forms():
    from benchmarks.late_interaction import maxsim

    # Two query pieces; an article of two paragraphs (rows 0-1 and 2-4) holding each piece in a different one.
    query = np.eye(4, dtype=np.float32)[:2]
    tokens = np.array([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], dtype=np.float32)
    scores = maxsim(query, tokens, np.array([0, 2, 5]))
    assert scores["whole"] == 1.0  # each piece found somewhere in the article
    assert scores["paragraph"] == 0.5  # but no paragraph holds both
    assert scores["paragraphs"] == 0.5 + 0.25 * 0.5


def test_the_markup_benchmark_reads_the_texts_both_ways():
    """``benchmarks.escaped_markup`` compares the texts as written with ingest's reading: its switch must
    really keep the markup, and the markup words it counts must be the markup's."""
    import pandas as pd

    from benchmarks.escaped_markup import markup_as_written
    from benchmarks.labels import markup_words
    from topics.ingest.corpus import load_corpus

    table = ROOT / "tests" / "data" / "ag_news_markup.csv"
    with markup_as_written():
        written = " ".join(load_corpus(table).articles["text"])
    read = " ".join(load_corpus(table).articles["text"])
    assert "HREF" in written and "#39;" in written and "HREF" not in read and "#39;" not in read
    words = markup_words(pd.read_csv(table))
    assert {"href", "quickinfo", "fullquote", "quot"} <= words and not {"staples", "england", "shares"} & words


def test_the_long_cell_reference_cuts_as_before_and_splits_alike():
    """``benchmarks.long_cell`` times the former cut of an over-long sentence against ingest's own, on
    the same splitter: both must give the same pieces."""
    from benchmarks.long_cell import former_cut, long_cell
    from topics.ingest.paragraphs import split_long

    text = long_cell(0.01) + ". A short sentence. " + long_cell(0.005, seed=1)
    assert split_long(text, 50, cut=former_cut) == split_long(text, 50) and len(split_long(text, 50)) > 10


def test_event_null_dates_are_one_per_article_drawn_from_the_corpus_or_the_span():
    import pandas as pd

    from benchmarks.event_null import article_dates

    units = pd.DataFrame({"article_id": ["a", "a", "b", "c", "c", "c"],
                          "date": ["2021-01-01"] * 2 + ["2021-02-01"] + ["2021-03-01"] * 3})
    for uniform in (None, ("2001-11-01", "2001-11-30")):
        dates = article_dates(units, 0, uniform)
        per_article = pd.DataFrame({"article_id": units["article_id"], "date": dates}).groupby("article_id")["date"]
        assert (per_article.nunique() == 1).all()
        if uniform is None:  # the corpus's article dates, shuffled among the articles
            assert sorted(per_article.first()) == ["2021-01-01", "2021-02-01", "2021-03-01"]
        else:
            assert dates.between(*uniform).all()


def test_event_power_scan_tells_a_few_days_burst_from_articles_spread_like_the_corpus():
    import numpy as np

    from benchmarks.event_power import bh, least_p, scan_p_value, tarone

    corpus = np.sort(np.repeat(np.arange(30), 10))  # 300 articles, ten a day
    burst, spread = np.array([5, 5, 6, 6, 6]), np.array([0, 7, 14, 21, 28])
    rng = np.random.default_rng(0)
    burst_p = scan_p_value(burst, corpus, range(1, 6), 2000, rng)
    assert burst_p < 0.01
    assert scan_p_value(spread, corpus, range(1, 6), 2000, rng) == 1.0  # no window holds most of them
    assert least_p(5, corpus, range(1, 6)) <= burst_p  # the bound known before the dates are read
    assert least_p(2, corpus, range(1, 6)) == 1.0  # fewer than three articles are never an event
    # Tarone: a hypothesis that cannot reach the bar leaves the family, so the other one passes at 0.01
    assert tarone([0.004, 0.5], [1e-9, 0.2]).tolist() == [True, False]
    assert bh([0.006, 0.5]).tolist() == [False, False]  # 0.006 > 0.01 / 2
    assert bh([0.006, 0.009]).tolist() == [True, True]  # the second at 0.01 * 2 / 2 takes the first with it


def test_event_content_peers_of_a_slice_of_one_story_are_the_story_not_the_slice():
    import numpy as np

    from benchmarks.event_content import content_contrast, content_peers

    rng = np.random.default_rng(0)
    story = np.ones(64) + rng.normal(0, 1.0, (40, 64))  # 40 units of one story, exchangeable
    other = -np.ones(64) + rng.normal(0, 1.0, (40, 64))
    vectors = np.vstack([story, other])
    slice_ = np.sort(rng.choice(40, 10, replace=False))  # ten of them, as a cut by date would take
    peers = content_peers(vectors, slice_)
    assert (peers < 40).all()  # the story's units, not the other one's
    assert len(set(peers) & set(slice_)) <= 4  # its own vector does not pull a member in (2.5 by chance; 6 without leaving it out)
    assert content_contrast(vectors, slice_) > 0.01  # a slice of one story does not differ from the rest of it
    two = np.vstack([story[:10] + 3 * np.eye(64)[0], story[10:]])  # ten units that say something more
    assert content_contrast(two, np.arange(10)) < 0.01
