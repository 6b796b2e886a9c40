"""Guided themes, the headline checks without the baselines (minutes with warm caches, longer on first embedding): for trying a change to ``topics.themes``.

The same corpora, theme files and measures as ``benchmarks/themes.py`` (its ``Themes`` rows,
without the baselines), one fit each:
- the seed paragraphs: accuracy of the primary theme (or none) against the hand labels (goal 0.90);
- the NYT Afghanistan paragraphs under the BBC section themes: the share placed (mismatched, all
  false; goal at most 5 %), and whether the file was found not to fit;
- the ISAF releases under the ISAF themes: precision and recall per theme (goal P >= 0.85 at
  R >= 0.6), and under the BBC themes: the share placed (mismatched);
- the BBC sample's paragraphs (labelled with their article's section) and articles: accuracy;
- a partial theme file on the seed paragraphs (drones and al-Qaeda only; the other paragraphs
  expected under none): accuracy;
- theme files written for another corpus (``cross``): the seed themes on the BBC sample paragraphs,
  the ISAF and the NYT themes on the BBC sample articles, the NYT themes on the ISAF releases: the
  share placed (all false) and whether the file was found not to fit;
- the NYT themes on the NYT paragraphs (``nyt_own``): the share placed; and (``nyt_read``) per theme,
  the precision on the paragraphs read by hand (``themes_data/nyt_read_labels.csv``: a random sample
  of the paragraphs an earlier revision placed under each theme) and the share of the read-right ones
  still placed ("kept"; a recall relative to that revision, not an absolute one); and (``nyt_random``)
  on 320 paragraphs drawn at random in eight draws of 40 and read for every theme
  (``themes_data/nyt_random_labels.csv``): the recall over the (paragraph, theme) pairs read as about,
  and the false-assignment rate, per draw, over the draws before the latest and over all of them
  (``units``: the paragraphs about none), and per theme over all draws, the precision and recall
  (``units``: placed, ``labelled``: read as about);
- all BBC News paragraphs under ``themes_data/bbc_fine_themes.toml`` (``bbc_fine``; eight stories of
  2004-2005 written by another analyst, on another corpus, than the NYT themes): the same measures on
  60 paragraphs drawn at random and read for every theme (``bbc_fine_random_labels.csv``), and the
  precision on a sample of 10 placed paragraphs per theme read by hand (``bbc_fine_read_labels.csv``);
- all AG News items under ``themes_data/ag_fine_themes.toml`` (``ag_fine``; eight stories of 2004 written
  by a third analyst, on a third corpus): the same measures on 100 items drawn at random in two draws and
  read for every theme (``ag_fine_random_labels.csv``), and on 10 placed items per theme read by hand
  (``ag_fine_read_labels.csv``, when present); and (``ag_fine_fit``) the same fit with the file taken to fit
  (the defaults find it does not, so that only the seed floor counts there and no rule for a fitting file acts):
  the random draws, and of the (item, theme) pairs read from the defaults' placements and from those only this
  fit adds (``ag_fine_unfit_read_labels.csv``), the right and the wrong ones still placed;
- broad themes, each a region of its corpus, against the corpus's own labels: all AG News items under its
  four sections (``ag_sections``, ``themes_data/ag_sections_themes.toml``) and 2,000 20 Newsgroups test
  messages (a fixed random sample, :func:`newsgroups_sample`) under six broad subjects (``newsgroups``,
  ``themes_data/newsgroups_themes.toml``; each newsgroup's subject in ``NEWSGROUP_SUBJECTS``, misc.forsale
  under none): accuracy of the primary theme, macro recall, and per theme precision / recall (as for the
  BBC sample's paragraphs and articles under the sections);
- held out from the choice of the narrow-story test (``topics.themes.breadth``), theme files written before any
  run on the corpus under them, scored the same way: all BBC News paragraphs (``bbc_all_paragraphs``) and
  articles (``bbc_all_articles``) under the five sections written again (``bbc_sections_themes.toml``) and under
  ``bbc_themes.toml``; a random 1,000 of the AG News items (``ag_1000``) under the four sections written again
  (``ag_sections_short_themes.toml``) and under ``ag_sections_themes.toml``; the 20 Newsgroups sample's
  paragraphs under the six broad subjects (``newsgroups_paragraphs``); and its messages and paragraphs under a
  file that mixes broad subjects with single newsgroups (``newsgroups_mixed``, ``newsgroups_mixed_themes.toml``;
  each group's theme in ``NEWSGROUP_MIXED``). Per theme, the labelled and random-draw rows carry what the fit
  test reads (``enrichment``, ``theme_fits``: :mod:`topics.themes.corpus_fit`) and the narrow-story test's
  statistics (``members_above``, ``claimed_above``: :func:`topics.themes.breadth.statistics`) and reading (``narrow``);
- held out from the choice of the narrow test's ratio (``topics.themes.breadth.NARROW_RATIO``) (``stories``): all
  BBC News paragraphs under eight more stories (``bbc_stories_themes.toml``) and all AG News items under eight
  more (``ag_stories_themes.toml``; also taken to fit, where the narrow test acts): per theme the units placed,
  the narrow test's statistics, their ratio and its reading (with ``--narrow-without-ratio``, the two shares
  alone); and the defaults' precision on 10 placed units per theme read by hand (``bbc_stories_read_labels.csv``,
  ``ag_stories_read_labels.csv``).
- an analyst's file that also names subjects the corpus does not hold (``padded``): each corpus's own theme file with
  14 subjects none of these corpora is about appended (``unrelated_themes.toml``): the seed paragraphs' accuracy,
  the ISAF themes' lowest precision and recall, the NYT read sample's precision and kept share, the units under the
  appended themes (all false), and the BBC section themes so padded on the NYT paragraphs and the ISAF releases
  (mismatched: the share placed).

``--no-article-context`` fits with ``Themes(article_context=False)``; ``--no-fit-check`` takes every
theme file to fit the corpus (``topics.themes.corpus_fit.CHECK_FIT``); ``--neighbour-evidence-any`` lets a
neighbouring seed count as learning evidence for every theme (``topics.themes.evidence.NEIGHBOUR_EVIDENCE_CLOSEST``);
``--names-anywhere`` lets a name among a theme's keywords count wherever it occurs, not only in a unit near the
theme's subject (``topics.themes.evidence.NAME_ABOUTNESS``); ``--carry-without-model`` lets a paragraph take its
article's theme whatever the theme's learned model gives it (``topics.themes.evidence.CARRY_LEARNED_FLOOR``);
``--join-without-model`` lets a paragraph join a seed beside it whatever that model gives it
(``topics.themes.evidence.JOIN_LEARNED_FLOOR``);
``--speakers-anywhere`` treats a name the corpus uses on everything like any other name (``topics.themes.speakers``);
``--speaker-seeds-carry`` lets a seed whose only word is such a name count among its article's seeds
(``topics.themes.evidence.SPEAKER_SEEDS_CARRY``); ``--speakers-unmuted`` lets a neighbouring seed or the article put
a unit that names such a name away from the theme's subject under the theme (``topics.themes.speakers.SPEAKER_MUTES``),
``--speakers-uncorroborated`` lets a seed on such a name alone count without the agreement of the model the
theme learns from its other seeds (``topics.themes.speakers.SPEAKER_CORROBORATION``); ``--no-narrow-stories`` lets a
theme read as a narrow story learn like any theme of a file that fits (``topics.themes.breadth.NARROW_STRICT``);
``--narrow-without-ratio`` reads a theme as narrow on the two shares alone (``topics.themes.breadth.NARROW_RATIO``);
``--no-closest-evidence`` takes being a unit's closest theme as no evidence (``topics.themes.closest.CLOSEST_EVIDENCE``);
``--closest-at-chance`` lets it count from the median of the theme's seeds where chance brings as many units as close
(``topics.themes.closest.CHANCE_SHARE``);
``--capitals-as-names`` reads every capitalised keyword as a name found in any case (``topics.themes.keywords.COMMON_CAPITALS``);
``--unproven-meaning-counts`` lets a theme that does not fit, in a file that does, seed on meaning at its ordinary floor
(``topics.themes.evidence.MEANING_UNPROVEN_STRICT``); ``--meaning-as-worded`` lets a theme whose words are most of its
seeds seed on meaning alone only as close as the median of its seeds with a word
(``topics.themes.evidence.MEANING_AS_WORDED``; measured, not adopted); ``--hard-fit`` reads the fit test as a switch:
a theme under ``MIN_ENRICHMENT`` seeds on meaning beyond every decoy, one at or above it at its ordinary floor
(``topics.themes.evidence.SOFT_FIT`` off);
``--closest-near-neighbourhood`` lets a unit join among a theme's members only when it is as near its member
neighbours as the lowest tenth of the theme's seeds are to theirs (``topics.themes.closest.NEIGHBOURHOOD_QUANTILE``;
measured, not adopted); ``--file-verdict-only`` keeps every theme of a file that does not fit to its seeds on meaning,
even one that stands out of the corpus beyond doubt (``topics.themes.corpus_fit.STANDING_OUT_LEARNS`` off);
``--no-passing-mentions`` counts a paragraph's one common keyword of a theme, said outside its lead
and not backed by another paragraph of its article, as evidence (``Themes(passing_mentions=False)``; the default takes it as none);
to measure what each changes.

The corpora are loaded and embedded once and kept, with their embeddings, in
``<cache dir>/themes_check/`` (keyed by the embedding model and the input files' sizes and times),
so a second run only fits. CPU seconds are per fit, measured in this run.

Run: ``TOPICS_CACHE_DIR=<cache> TOPICS_DATA_DIR=<data> python -m benchmarks.themes_check``
(``--only seeds nyt`` for some checks; ``--no-article-context``, ``--no-fit-check``,
``--neighbour-evidence-any``, ``--names-anywhere``, ``--carry-without-model``, ``--join-without-model``,
``--speakers-anywhere``,
``--speaker-seeds-carry``, ``--speakers-unmuted``, ``--speakers-uncorroborated``, ``--no-narrow-stories``,
``--narrow-without-ratio``, ``--no-closest-evidence``, ``--capitals-as-names``, ``--unproven-meaning-counts``,
``--meaning-as-worded``, ``--hard-fit``,
``--closest-near-neighbourhood``, ``--file-verdict-only``, ``--no-passing-mentions``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time

import numpy as np
import pandas as pd

from benchmarks import themes as bench

NOTES = (
    "One Themes fit per check, with its defaults. accuracy: primary theme or none against the labels; "
    "assigned: share of units under any theme (mismatched: all false); P/R per ISAF theme against the "
    "expert annotation. CPU s: process time of the fit, embeddings loaded from the cache."
)
CHECKS = ("seeds", "seeds_partial", "nyt", "isaf", "isaf_mismatched", "bbc_paragraphs", "bbc_articles", "cross", "nyt_own",
          "nyt_read", "nyt_random", "bbc_fine", "ag_fine", "ag_fine_fit", "ag_sections", "newsgroups",
          "bbc_all_paragraphs", "bbc_all_articles", "ag_1000", "newsgroups_paragraphs", "newsgroups_mixed", "stories",
          "nyt_abstracts", "ag_heldout", "padded")
# check -> the corpora it needs (a check runs when they are all present)
NEEDS = {"seeds_partial": ("seeds",), "padded": ("seeds",), "isaf_mismatched": ("isaf",), "cross": ("bbc_paragraphs", "bbc_articles"),
         "nyt_own": ("nyt",), "nyt_read": ("nyt",), "nyt_random": ("nyt",), "bbc_fine": ("bbc",),
         "ag_fine": ("ag",), "ag_fine_fit": ("ag",), "ag_sections": ("ag",), "bbc_all_paragraphs": ("bbc",),
         "ag_1000": ("ag",), "newsgroups_mixed": ("newsgroups", "newsgroups_paragraphs"), "stories": ("bbc", "ag"), "nyt_abstracts": ("nyt_abstracts",),
         "ag_heldout": ("ag",)}
NYT_ABSTRACTS = bench.SHARED_DATA / "nyt_afghanistan_2020_2021_abstracts.csv"
NEWSGROUPS = bench.SHARED_DATA / "20newsgroups_bydate.jsonl.gz"
# 20 Newsgroups group -> its broad subject in themes_data/newsgroups_themes.toml (misc.forsale: none)
NEWSGROUP_SUBJECTS = {"comp": "computers", "rec.sport": "sport", "rec.autos": "cars and motorcycles",
                      "rec.motorcycles": "cars and motorcycles", "sci": "science", "talk.politics": "politics",
                      "alt.atheism": "religion", "soc.religion": "religion", "talk.religion": "religion"}
# the same for themes_data/newsgroups_mixed_themes.toml: broad subjects and single newsgroups (the rest: none)
NEWSGROUP_MIXED = {"comp": "computers", "rec.sport": "sport", "rec.autos": "cars and motorcycles",
                   "rec.motorcycles": "cars and motorcycles", "alt.atheism": "religion", "soc.religion": "religion",
                   "talk.religion": "religion", "sci.space": "space exploration", "sci.crypt": "cryptography",
                   "sci.med": "medicine", "talk.politics.mideast": "the Middle East", "talk.politics.guns": "gun control"}
AG_SAMPLE = 1000  # AG items drawn at random (ag_1000): the AG sections at another size
AG_HELD_OUT_SEED = 31  # the fourth analyst's AG sample (ag_heldout): pandas' sample of 1,000 items of the test file
PLACED_SAMPLE_SEED = 31  # the placed units drawn to be read (TOPICS_PLACED_SAMPLE)
NYT_READ_LABELS = bench.DATA / "nyt_read_labels.csv"
NYT_RANDOM_LABELS = bench.DATA / "nyt_random_labels.csv"
BBC_FINE_RANDOM_LABELS = bench.DATA / "bbc_fine_random_labels.csv"
BBC_FINE_READ_LABELS = bench.DATA / "bbc_fine_read_labels.csv"
AG_FINE_RANDOM_LABELS = bench.DATA / "ag_fine_random_labels.csv"
AG_FINE_READ_LABELS = bench.DATA / "ag_fine_read_labels.csv"
AG_FINE_UNFIT_READ_LABELS = bench.DATA / "ag_fine_unfit_read_labels.csv"
PARTIAL_THEMES = ("drones", "al-Qaeda")
PARAMS: dict = {}  # Themes parameters of this run (--no-article-context, --no-passing-mentions)


def run(quick: bool = True, only: tuple[str, ...] = CHECKS) -> list[dict]:
    from topics.embedding.embed import Embedder

    embedder = Embedder(show_progress=False)
    inputs = _inputs(embedder)
    rows = []
    for check in only:
        if all(corpus in inputs for corpus in NEEDS.get(check, (check,))):
            rows += _CHECKS[check](inputs, embedder)
    return rows


# ---------------------------------------------------------------- inputs, kept between runs
def _sources() -> dict:
    """name -> (path, level) of each corpus present."""
    sources = {"seeds": (bench.ROOT / "seeds", "paragraph"), "bbc_paragraphs": (bench.BBC_SAMPLE, "paragraph"),
               "bbc_articles": (bench.BBC_SAMPLE, "article")}
    if bench.NYT.exists():
        sources["nyt"] = (bench.NYT, "paragraph")
    if bench.ISAF.exists():
        sources["isaf"] = (bench.ISAF, "article")
    if (bench.SHARED_DATA / "bbc_news.csv").exists():
        sources["bbc"] = (bench.SHARED_DATA / "bbc_news.csv", "paragraph")
        sources["bbc_all_articles"] = (bench.SHARED_DATA / "bbc_news.csv", "article")
    if NYT_ABSTRACTS.exists():
        sources["nyt_abstracts"] = (NYT_ABSTRACTS, "article")  # headline records: abstract and lead paragraph
    if bench.AG_NEWS.exists():
        sources["ag"] = (bench.AG_NEWS, "paragraph")  # one paragraph per item: its description
    if NEWSGROUPS.exists():
        sources["newsgroups"] = (NEWSGROUPS, "article")  # a fixed sample of messages (newsgroups_sample)
        sources["newsgroups_paragraphs"] = (NEWSGROUPS, "paragraph")
    return sources


def newsgroups_sample():
    """2,000 test-split 20 Newsgroups messages of 20 to 400 words (as benchmarks/embedding_backends.py draws them)."""
    messages = pd.read_json(NEWSGROUPS, lines=True)
    messages = messages[messages["split"] == "test"][["id", "title", "text", "label"]]
    messages = messages[messages["text"].str.split().str.len().between(20, 400)]
    return messages.sample(n=2000, random_state=0)


def newsgroup_subject(group: str, subjects: dict = NEWSGROUP_SUBJECTS) -> str:
    """The theme of a newsgroup (``subjects``: group prefix -> theme; the longest matching prefix), else "none"."""
    matches = [prefix for prefix in subjects if group == prefix or group.startswith(prefix + ".")]
    return subjects[max(matches, key=len)] if matches else "none"


_LOADED: dict = {}


def _inputs(embedder) -> dict:
    """name -> (units, embeddings), loaded from the kept copy when the model and the files are
    unchanged (once per process)."""
    if embedder.model_id not in _LOADED:
        inputs = _LOADED[embedder.model_id] = _load_inputs(embedder)
        if "ag" in inputs:  # a fixed random sample of the AG items, with their embeddings
            units, embeddings = inputs["ag"]
            rows = np.sort(np.random.default_rng(0).choice(len(units), size=min(AG_SAMPLE, len(units)), replace=False))
            inputs["ag_1000"] = (units.iloc[rows].reset_index(drop=True), embeddings[rows])
            drawn = set(pd.read_csv(bench.AG_NEWS).sample(n=AG_SAMPLE, random_state=AG_HELD_OUT_SEED)["id"])
            rows = np.flatnonzero(units["unit_id"].str.split("#").str[0].isin(drawn).to_numpy())
            inputs["ag_heldout"] = (units.iloc[rows].reset_index(drop=True), embeddings[rows])
    return _LOADED[embedder.model_id]


def _load_inputs(embedder) -> dict:
    from topics._atomic import write_bytes
    from topics.embedding.embed import default_cache_dir, embed_units

    sources = _sources()
    stamp = [embedder.model_id] + [
        (str(path), sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in ([path] if path.is_file() else path.rglob("*"))))
        for path, _ in sources.values()
    ]
    key = hashlib.sha256(repr(stamp).encode()).hexdigest()[:16]
    kept = default_cache_dir() / "themes_check" / f"inputs-{key}.pkl"
    if kept.exists():
        with open(kept, "rb") as handle:
            return pickle.load(handle)
    inputs = {}
    for name, (path, level) in sources.items():
        corpus = bench._load(newsgroups_sample() if path == NEWSGROUPS else path)
        inputs[name] = (corpus.units(level), embed_units(corpus, level, embedder))
    kept.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(kept, pickle.dumps(inputs))
    return inputs


# ---------------------------------------------------------------- checks
def _fit(inputs, name, theme_file, embedder):
    from topics.themes import breadth, corpus_fit
    from topics.themes.guided import Themes

    units, embeddings = inputs[name]
    start = time.process_time()
    declared = theme_file if isinstance(theme_file, list) else str(theme_file)
    seen: dict = {}  # what the fit test and the narrow-story test read, per theme
    with _recorded(corpus_fit, "enrichment", lambda ratios, *_: seen.update(enrichment=ratios)), \
            _recorded(breadth, "narrow_themes", lambda _, member, semantic_seed, claimed, close: seen.update(
                breadth.statistics(member, semantic_seed, claimed))):
        fitted = Themes(declared, **PARAMS).fit(units, embeddings, embedder)
    fitted.check_statistics_ = seen
    return fitted, round(time.process_time() - start, 1)


@contextlib.contextmanager
def _recorded(module, function: str, keep):
    """Within the block, each call of ``module.function`` also calls ``keep(result, *args)``."""
    original = getattr(module, function)

    def recording(*args):
        result = original(*args)
        keep(result, *args)
        return result
    setattr(module, function, recording)
    try:
        yield
    finally:
        setattr(module, function, original)


def _test_columns(fitted, index) -> dict:
    """Per theme: the fit test's enrichment and reading (topics.themes.corpus_fit), the narrow-story test's
    statistics (topics.themes.breadth.statistics; none where the file does not fit) and its reading."""
    seen = getattr(fitted, "check_statistics_", {})
    narrow = getattr(fitted, "narrow_themes_", None)
    return {**{key: round(float(value[index]), 3) for key, value in seen.items()},
            "theme_fits": bool(fitted.theme_fits_[index]), "narrow": bool(narrow[index]) if narrow is not None else None}


def _accuracy(fitted, labels) -> float:
    predicted = np.array(["none" if theme is None else theme for theme in fitted.predicted_themes_], dtype=object)
    return round(float(np.mean(predicted == labels)), 3)


def _row(check, measure, value, goal, cpu, **extra) -> dict:
    return {"check": check, "measure": measure, "value": value, "goal": goal, "cpu_s": cpu, **extra}


def _seeds(inputs, embedder):
    fitted, cpu = _fit(inputs, "seeds", bench.THEME_FILE, embedder)
    units = inputs["seeds"][0]
    labels = pd.read_csv(bench.SEED_LABELS).set_index("paragraph_id").loc[units.unit_id, "theme"].to_numpy()
    return [_row("seed paragraphs, seeds/themes.toml", "accuracy", _accuracy(fitted, labels), ">= 0.90", cpu)]


def _seeds_partial(inputs, embedder):
    from topics.themes.themefile import load_themes

    declared = [theme for theme in load_themes(bench.THEME_FILE) if theme.name in PARTIAL_THEMES]
    fitted, cpu = _fit(inputs, "seeds", declared, embedder)
    units = inputs["seeds"][0]
    labels = pd.read_csv(bench.SEED_LABELS).set_index("paragraph_id").loc[units.unit_id, "theme"].to_numpy()
    expected = np.where(np.isin(labels, PARTIAL_THEMES), labels, "none")
    return [_row("seed paragraphs, drones and al-Qaeda only", "accuracy", _accuracy(fitted, expected), "-", cpu)]


def _mismatched(check, name, inputs, embedder, theme_file=bench.DATA / "bbc_themes.toml"):
    fitted, cpu = _fit(inputs, name, theme_file, embedder)
    placed = fitted.memberships_.any(axis=1)
    return [_row(check, "assigned (all false)", round(float(placed.mean()), 4), "<= 0.05", cpu,
                 units=int(placed.sum()), fits=fitted.fits_corpus_)]


def _nyt(inputs, embedder):
    return _mismatched("NYT paragraphs, BBC themes (mismatched)", "nyt", inputs, embedder)


def _isaf_mismatched(inputs, embedder):
    return _mismatched("ISAF releases, BBC themes (mismatched)", "isaf", inputs, embedder)


def _cross(inputs, embedder):
    """Theme files written for another corpus: everything placed is false."""
    pairs = [("seed themes", bench.THEME_FILE, "bbc_paragraphs", "BBC sample paragraphs"),
             ("ISAF themes", bench.DATA / "isaf_themes.toml", "bbc_articles", "BBC sample articles"),
             ("NYT themes", bench.DATA / "nyt_themes.toml", "bbc_articles", "BBC sample articles")]
    if "isaf" in inputs:
        pairs.append(("NYT themes", bench.DATA / "nyt_themes.toml", "isaf", "ISAF releases"))
    rows = []
    for themes, theme_file, name, corpus in pairs:
        rows += _mismatched(f"{corpus}, {themes} (other corpus)", name, inputs, embedder, theme_file)
    return rows


UNRELATED_THEMES = bench.DATA / "unrelated_themes.toml"


def _padded(inputs, embedder):
    """Each corpus's theme file with subjects none of these corpora is about appended (``unrelated_themes.toml``):
    the corpus's own themes measured as without them, the units placed under the unrelated ones (all false), and
    the BBC section themes so padded still found not to fit the NYT paragraphs and the ISAF releases."""
    from topics.themes.themefile import load_themes

    unrelated = list(load_themes(UNRELATED_THEMES))

    def fit(name, theme_file):
        own = list(load_themes(theme_file))
        fitted, cpu = _fit(inputs, name, own + unrelated, embedder)
        return fitted, cpu, int(fitted.memberships_[:, len(own):].any(axis=1).sum())

    fitted, cpu, false = fit("seeds", bench.THEME_FILE)
    units = inputs["seeds"][0]
    labels = pd.read_csv(bench.SEED_LABELS).set_index("paragraph_id").loc[units.unit_id, "theme"].to_numpy()
    rows = [_row("seed paragraphs, seed themes + unrelated", "accuracy", _accuracy(fitted, labels), ">= 0.90", cpu,
                 fits=fitted.fits_corpus_, under_unrelated=false)]
    if "isaf" in inputs:
        fitted, cpu, false = fit("isaf", bench.DATA / "isaf_themes.toml")
        own = fitted.theme_names_[:-len(unrelated)]
        truth = bench.isaf_truth(inputs["isaf"][0], own)
        members = fitted.memberships_[:, :len(own)]
        hit = (members & truth).sum(axis=0)
        precision = np.round(hit / np.maximum(members.sum(axis=0), 1), 3)
        recall = np.round(hit / np.maximum(truth.sum(axis=0), 1), 3)
        rows.append(_row("ISAF releases, ISAF themes + unrelated", "min precision / min recall",
                         f"{precision.min()} / {recall.min()}", ">= 0.85 / >= 0.6", cpu, fits=fitted.fits_corpus_,
                         under_unrelated=false))
        rows += _padded_mismatched("ISAF releases, BBC themes + unrelated (mismatched)", "isaf", inputs, embedder, unrelated)
    if "nyt" in inputs:
        fitted, cpu, false = fit("nyt", bench.DATA / "nyt_themes.toml")
        read = [row for row in _read_rows(fitted, inputs["nyt"][0], NYT_READ_LABELS, "NYT paragraphs read", cpu)
                if row["check"].endswith("all themes")]
        rows += [{**row, "check": "NYT paragraphs read, NYT themes + unrelated", "fits": fitted.fits_corpus_,
                  "under_unrelated": false} for row in read]
        rows += _padded_mismatched("NYT paragraphs, BBC themes + unrelated (mismatched)", "nyt", inputs, embedder, unrelated)
    return rows


def _padded_mismatched(check, name, inputs, embedder, unrelated):
    from topics.themes.themefile import load_themes

    return _mismatched(check, name, inputs, embedder, list(load_themes(bench.DATA / "bbc_themes.toml")) + unrelated)


def _nyt_own(inputs, embedder):
    fitted, cpu = _fit(inputs, "nyt", bench.DATA / "nyt_themes.toml", embedder)
    placed = fitted.memberships_.any(axis=1)
    return [_row("NYT paragraphs, NYT themes (no labels)", "assigned", round(float(placed.mean()), 4), "-", cpu,
                 units=int(placed.sum()), fits=fitted.fits_corpus_)]


def _nyt_read(inputs, embedder):
    fitted, cpu = _fit(inputs, "nyt", bench.DATA / "nyt_themes.toml", embedder)
    return _read_rows(fitted, inputs["nyt"][0], NYT_READ_LABELS, "NYT paragraphs read", cpu)


def _read_rows(fitted, units, labels_path, check, cpu):
    """Per theme: precision on the read sample of its placed units, and the share of its read-right units still placed."""
    labels = pd.read_csv(labels_path)
    row_of = pd.Series(np.arange(len(units)), index=units["unit_id"].to_numpy())
    rows, placed_all, about_all = [], [], []
    for index, theme in enumerate(fitted.theme_names_):
        read = labels[labels["theme"] == theme]
        placed = fitted.memberships_[row_of.loc[read["unit_id"]].to_numpy(), index]
        about = read["about"].to_numpy().astype(bool)
        placed_all.append(placed)
        about_all.append(about)
        rows.append(_row(f"{check}, {theme}", "precision / kept", _read_measure(placed, about),
                         ">= 0.85 / -", cpu, units=int(fitted.memberships_[:, index].sum()), labelled=int(placed.sum())))
    placed, about = np.concatenate(placed_all), np.concatenate(about_all)
    rows.append(_row(f"{check}, all themes", "precision / kept", _read_measure(placed, about), "-", cpu,
                     units=int(fitted.memberships_.any(axis=1).sum()), labelled=int(placed.sum())))
    return rows


def _nyt_random(inputs, embedder):
    fitted, cpu = _fit(inputs, "nyt", bench.DATA / "nyt_themes.toml", embedder)
    return _random_rows(fitted, inputs["nyt"][0], NYT_RANDOM_LABELS, "NYT paragraphs", cpu)


def _fine(name, theme_file, random_labels, read_labels, corpus):
    """A theme file written blind for a whole corpus: the units read at random, and the placed ones read per theme."""
    def measure(inputs, embedder):
        fitted, cpu = _fit(inputs, name, bench.DATA / theme_file, embedder)
        units = inputs[name][0]
        rows = _random_rows(fitted, units, random_labels, corpus, cpu)
        if read_labels.exists():
            rows += _read_rows(fitted, units, read_labels, corpus.replace(",", " read,", 1), cpu)
        return rows
    return measure


def _ag_fine_fit(inputs, embedder):
    """The AG News fine themes with the file taken to fit: the random draws, and the read pairs still placed."""
    from topics.themes import corpus_fit

    checked, corpus_fit.CHECK_FIT = corpus_fit.CHECK_FIT, False
    try:
        fitted, cpu = _fit(inputs, "ag", bench.DATA / "ag_fine_themes.toml", embedder)
    finally:
        corpus_fit.CHECK_FIT = checked
    units = inputs["ag"][0]
    corpus = "AG News items, fine themes taken to fit"
    rows = _random_rows(fitted, units, AG_FINE_RANDOM_LABELS, corpus, cpu)
    read = pd.concat([pd.read_csv(path) for path in (AG_FINE_READ_LABELS, AG_FINE_UNFIT_READ_LABELS) if path.exists()])
    row_of = pd.Series(np.arange(len(units)), index=units["unit_id"].to_numpy())
    columns = [fitted.theme_names_.index(theme) for theme in read["theme"]]
    placed = fitted.memberships_[row_of.loc[read["unit_id"]].to_numpy(), columns]
    about = read["about"].to_numpy().astype(bool)
    rows.append(_row(f"{corpus}, {len(read)} pairs read", "right kept / wrong kept",
                     f"{int((placed & about).sum())}/{int(about.sum())} / {int((placed & ~about).sum())}/{int((~about).sum())}",
                     "-", cpu, units=int(fitted.memberships_.any(axis=1).sum()), labelled=int(about.sum())))
    return rows


def _stories(inputs, embedder):
    """Story files held out from the choice of the narrow test's ratio: per theme, the units placed and what the
    narrow test reads (the AG file also taken to fit, as ``ag_fine_fit``, where the narrow test acts), and the
    defaults' precision on 10 placed units per theme read by hand."""
    from topics.themes import corpus_fit

    rows = []
    for name, stem, corpus in (("bbc", "bbc_stories", "BBC paragraphs, more stories"), ("ag", "ag_stories", "AG News items, more stories")):
        for check_fit in (True, False) if name == "ag" else (True,):
            checked, corpus_fit.CHECK_FIT = corpus_fit.CHECK_FIT, check_fit and corpus_fit.CHECK_FIT
            try:
                fitted, cpu = _fit(inputs, name, bench.DATA / f"{stem}_themes.toml", embedder)
            finally:
                corpus_fit.CHECK_FIT = checked
            check = corpus if check_fit else f"{corpus} taken to fit"
            rows.append(_row(check, "placed", int(fitted.memberships_.any(axis=1).sum()), "-", cpu, fits=fitted.fits_corpus_))
            for index, theme in enumerate(fitted.theme_names_):
                statistics = _test_columns(fitted, index)
                ratio = statistics["claimed_above"] / statistics["members_above"] if statistics.get("members_above") else None
                rows.append(_row(f"{check}, {theme}", "placed", int(fitted.memberships_[:, index].sum()), "-", cpu,
                                 ratio=None if ratio is None else round(ratio, 2), **statistics))
            if check_fit:
                rows += _read_rows(fitted, inputs[name][0], bench.DATA / f"{stem}_read_labels.csv", f"{corpus}, read", cpu)
    return rows


def _nyt_abstracts(inputs, embedder):
    """A second analyst's file on the NYT abstracts (short items), held out from every choice: the units read at
    random for every theme, the placed units read per theme, and what the fit and narrow tests read per theme."""
    return _analyst_check(inputs, "nyt_abstracts", "nyt_abstracts", "NYT abstracts, second analyst's themes", embedder)


def _ag_heldout(inputs, embedder):
    """A fourth analyst's file on another draw of AG News items (short items), held out from every choice: the
    units read at random for every theme, and the placed units read per theme."""
    return _analyst_check(inputs, "ag_heldout", "ag_heldout", "AG News 1,000 items (seed 31), fourth analyst's themes", embedder)


def _analyst_check(inputs, name, stem, corpus, embedder):
    """An analyst's file ``themes_data/{stem}_themes.toml`` on ``inputs[name]``: the units read at random for every
    theme (``{stem}_random_labels.csv``) and the placed units read per theme (``{stem}_read_labels.csv``).
    With ``TOPICS_PLACED_SAMPLE=FILE``, up to 10 placed units per theme are written there, shuffled and without
    their scores, to be read."""
    fitted, cpu = _fit(inputs, name, bench.DATA / f"{stem}_themes.toml", embedder)
    units = inputs[name][0]
    rows = [_row(corpus, "placed", int(fitted.memberships_.any(axis=1).sum()), "-", cpu, fits=fitted.fits_corpus_)]
    rows += _random_rows(fitted, units, bench.DATA / f"{stem}_random_labels.csv", corpus, cpu)
    if (bench.DATA / f"{stem}_read_labels.csv").exists():
        rows += _read_rows(fitted, units, bench.DATA / f"{stem}_read_labels.csv", f"{corpus}, read", cpu)
    if os.environ.get("TOPICS_PLACED_SAMPLE"):
        rng = np.random.default_rng(PLACED_SAMPLE_SEED)
        picked = [(units["unit_id"][i], theme, units["text"][i]) for index, theme in enumerate(fitted.theme_names_)
                  for i in rng.permutation(np.flatnonzero(fitted.memberships_[:, index]))[:10]]
        order = rng.permutation(len(picked))
        pd.DataFrame([picked[i] for i in order], columns=["unit_id", "theme", "text"]).to_csv(
            os.environ["TOPICS_PLACED_SAMPLE"], index=False)
    return rows


def _random_rows(fitted, units, labels_path, corpus, cpu):
    """On random samples of paragraphs read for every theme: recall over the (paragraph, theme) pairs
    read as about, and the false-assignment rate (paragraphs about none of the themes under one); per
    draw of the sample (its numpy seed, ``draw``) and over all of them."""
    labels = pd.read_csv(labels_path)
    row_of = pd.Series(np.arange(len(units)), index=units["unit_id"].to_numpy())
    labels = labels[labels["unit_id"].isin(row_of.index)]  # an item ingest folded into its duplicate is no unit
    members = fitted.memberships_[row_of.loc[labels["unit_id"]].to_numpy()]
    truth = np.array([[name in str(value).split("; ") for name in fitted.theme_names_] for value in labels["themes"]])
    draws = labels["draw"].to_numpy() if "draw" in labels else np.zeros(len(labels), dtype=int)
    samples = [(f"draw {draw}", draws == draw) for draw in np.unique(draws)] if len(np.unique(draws)) > 1 else []
    if len(samples) > 2:  # the draws before the latest, which is held out from the latest choice
        samples.append((f"draws {draws.min()}-{np.unique(draws)[-2]}", draws < draws.max()))
    rows = []
    for name, rows_in in samples + [("all", np.ones(len(labels), dtype=bool))]:
        read, placed = truth[rows_in], members[rows_in]
        about_none = ~read.any(axis=1)
        recall = round(float(placed[read].mean()), 3)
        false_assignment = round(float(placed[about_none].any(axis=1).mean()), 3)
        rows.append(_row(f"{corpus}, random {int(rows_in.sum())} read ({name})", "recall / false assignment",
                         f"{recall} / {false_assignment}", ">= 0.6 / <= 0.10", cpu, labelled=int(read.sum()),
                         units=int(about_none.sum())))
    for index, theme in enumerate(fitted.theme_names_):  # per theme over all draws: the goal's P >= 0.85 at R >= 0.6
        rows.append(_row(f"{corpus}, random {len(labels)} read, {theme}", "precision / recall",
                         _read_measure(members[:, index], truth[:, index]), ">= 0.85 / >= 0.6", cpu,
                         units=int(members[:, index].sum()), labelled=int(truth[:, index].sum()),
                         **_test_columns(fitted, index)))
    return rows


def _read_measure(placed, about) -> str:
    precision = round(float(about[placed].mean()), 3) if placed.any() else None
    kept = round(float(placed[about].mean()), 3) if about.any() else None
    return f"{precision} / {kept}"


def _isaf(inputs, embedder):
    fitted, cpu = _fit(inputs, "isaf", bench.DATA / "isaf_themes.toml", embedder)
    truth = bench.isaf_truth(inputs["isaf"][0], fitted.theme_names_)
    rows = []
    for index, theme in enumerate(fitted.theme_names_):
        members, relevant = fitted.memberships_[:, index], truth[:, index]
        hit = int((members & relevant).sum())
        precision = round(hit / members.sum(), 3) if members.any() else None
        recall = round(hit / relevant.sum(), 3) if relevant.any() else None
        rows.append(_row(f"ISAF releases, {theme}", "precision / recall", f"{precision} / {recall}",
                         ">= 0.85 / >= 0.6", cpu, units=int(members.sum()), labelled=int(relevant.sum())))
    return rows


def _bbc(name, check):
    return _labelled(name, bench.DATA / "bbc_themes.toml", check)


def _labelled(name, theme_file, check, label_of=str):
    """Broad themes named as the corpus's labels (``label_of``: a unit's label -> its theme or "none"):
    accuracy of the primary theme, precision of the placed units, and per theme precision / recall."""
    def measure(inputs, embedder):
        fitted, cpu = _fit(inputs, name, theme_file, embedder)
        labels = np.array([label_of(label) for label in inputs[name][0]["label"].astype(str)], dtype=object)
        placed = fitted.labels_ >= 0
        precision = round(float(np.mean(fitted.predicted_themes_[placed] == labels[placed])), 3) if placed.any() else None
        recalls = [float(fitted.memberships_[labels == theme, index].mean()) for index, theme in enumerate(fitted.theme_names_)
                   if (labels == theme).any()]
        rows = [_row(check, "accuracy", _accuracy(fitted, labels), "-", cpu, precision_of_placed=precision, fits=fitted.fits_corpus_,
                     macro_recall=round(float(np.mean(recalls)), 3) if recalls else None)]
        for index, theme in enumerate(fitted.theme_names_):
            rows.append(_row(f"{check}, {theme}", "precision / recall",
                             _read_measure(fitted.memberships_[:, index], labels == theme), "-", cpu,
                             units=int(fitted.memberships_[:, index].sum()), labelled=int((labels == theme).sum()),
                             **_test_columns(fitted, index)))
        return rows
    return measure


def _each(*measures):
    """One check made of several: their rows in turn."""
    def measure(inputs, embedder):
        return [row for one in measures for row in one(inputs, embedder)]
    return measure


_CHECKS = {
    "seeds": _seeds, "seeds_partial": _seeds_partial, "nyt": _nyt, "isaf": _isaf, "isaf_mismatched": _isaf_mismatched,
    "bbc_paragraphs": _bbc("bbc_paragraphs", "BBC sample paragraphs, BBC themes"),
    "bbc_articles": _bbc("bbc_articles", "BBC sample articles, BBC themes"),
    "cross": _cross, "padded": _padded, "nyt_own": _nyt_own, "nyt_read": _nyt_read,
    "nyt_random": _nyt_random,
    "bbc_fine": _fine("bbc", "bbc_fine_themes.toml", BBC_FINE_RANDOM_LABELS, BBC_FINE_READ_LABELS, "BBC paragraphs, fine themes"),
    "ag_fine": _fine("ag", "ag_fine_themes.toml", AG_FINE_RANDOM_LABELS, AG_FINE_READ_LABELS, "AG News items, fine themes"),
    "ag_fine_fit": _ag_fine_fit,
    "ag_sections": _labelled("ag", bench.DATA / "ag_sections_themes.toml", "AG News items, AG sections"),
    "newsgroups": _labelled("newsgroups", bench.DATA / "newsgroups_themes.toml",
                            "20 Newsgroups messages (2,000), broad subjects", newsgroup_subject),
    # held out from the choice of the narrow-story test: broad themes on other material, other files
    "bbc_all_paragraphs": _each(
        _labelled("bbc", bench.DATA / "bbc_sections_themes.toml", "BBC paragraphs (all), BBC sections again"),
        _labelled("bbc", bench.DATA / "bbc_themes.toml", "BBC paragraphs (all), BBC themes")),
    "bbc_all_articles": _each(
        _labelled("bbc_all_articles", bench.DATA / "bbc_sections_themes.toml", "BBC articles (all), BBC sections again"),
        _labelled("bbc_all_articles", bench.DATA / "bbc_themes.toml", "BBC articles (all), BBC themes")),
    "ag_1000": _each(
        _labelled("ag_1000", bench.DATA / "ag_sections_short_themes.toml", "AG News items (1,000), AG sections again"),
        _labelled("ag_1000", bench.DATA / "ag_sections_themes.toml", "AG News items (1,000), AG sections")),
    "newsgroups_paragraphs": _labelled("newsgroups_paragraphs", bench.DATA / "newsgroups_themes.toml",
                                       "20 Newsgroups paragraphs (2,000 messages), broad subjects", newsgroup_subject),
    "stories": _stories,
    "nyt_abstracts": _nyt_abstracts,
    "ag_heldout": _ag_heldout,
    "newsgroups_mixed": _each(*[
        _labelled(name, bench.DATA / "newsgroups_mixed_themes.toml", f"20 Newsgroups {level} (2,000 messages), mixed",
                  lambda group: newsgroup_subject(group, NEWSGROUP_MIXED))
        for name, level in (("newsgroups", "messages"), ("newsgroups_paragraphs", "paragraphs"))]),
}


# Switches that turn one rule of the toolkit off, or a measured one on: (flag, help, module under topics.themes, constant, value).
RULE_SWITCHES = (
    ("--no-fit-check", "take every theme file to fit the corpus", "corpus_fit", "CHECK_FIT", False),
    ("--neighbour-evidence-any", "a neighbouring seed is learning evidence for every theme, not only the closest",
     "evidence", "NEIGHBOUR_EVIDENCE_CLOSEST", False),
    ("--carry-without-model", "a paragraph takes its article's theme whatever the theme's learned model gives it",
     "evidence", "CARRY_LEARNED_FLOOR", 0.0),
    ("--join-without-model", "a paragraph joins a seed beside it whatever the theme's learned model gives it",
     "evidence", "JOIN_LEARNED_FLOOR", 0.0),
    ("--names-anywhere",
     "a name among a theme's keywords is evidence wherever it occurs, not only near the theme's subject",
     "evidence", "NAME_ABOUTNESS", False),
    ("--speakers-anywhere", "a name the corpus uses on everything (a speaker) counts like any other name",
     "speakers", "SPEAKER_CHECK", False),
    ("--speaker-seeds-carry", "a seed whose only word is a speaker's name counts among its article's seeds",
     "evidence", "SPEAKER_SEEDS_CARRY", True),
    ("--speakers-unmuted",
     "a neighbour or the article may put a unit naming a speaker away from the subject under the theme",
     "speakers", "SPEAKER_MUTES", False),
    ("--speakers-uncorroborated", "a seed on a speaker's name alone counts without the theme's other seeds' model",
     "speakers", "SPEAKER_CORROBORATION", 0.0),
    ("--no-narrow-stories", "a theme read as a narrow story learns like any theme of a file that fits",
     "breadth", "NARROW_STRICT", False),
    ("--narrow-without-ratio", "a theme is narrow on the two shares alone, whatever their ratio",
     "breadth", "NARROW_RATIO", 1.0),  # 1: implied by the two shares (claimed under one half, members one half or more)
    ("--keyword-families", "a one-word keyword also finds the corpus words of its family (its stem: withdrawal, withdraw)",
     "keywords", "WORD_FAMILIES", True),
    ("--no-closest-evidence", "being a unit's closest theme is no evidence of its own, and no unit joins on it",
     "closest", "CLOSEST_EVIDENCE", False),
    ("--closest-at-chance", "being a unit's closest theme is evidence from the median of the theme's seeds, however many "
     "units chance brings as close", "closest", "CHANCE_SHARE", 1.0),
    ("--capitals-as-names", "every capitalised keyword is a name found in any case, even one the corpus writes in lower case",
     "keywords", "COMMON_CAPITALS", False),
    ("--unproven-meaning-counts", "a theme that does not fit, in a file that does, seeds on meaning at its ordinary floor",
     "evidence", "MEANING_UNPROVEN_STRICT", False),
    ("--meaning-as-worded", "a theme whose words are most of its seeds seeds on meaning alone only as close as the "
     "median of its seeds with a word (measured, not adopted)", "evidence", "MEANING_AS_WORDED", True),
    ("--hard-fit", "the fit test read as a switch: a theme under MIN_ENRICHMENT seeds on meaning beyond every decoy, "
     "one at or above it at its ordinary floor", "evidence", "SOFT_FIT", False),
    ("--null-in-sense", "a theme's null also holds the units with one of its keywords that are closer to another "
     "theme (not for a theme the corpus is typically close to)", "evidence", "NULL_IN_SENSE", True),
    ("--closest-near-neighbourhood", "a unit closest to a theme joins among its members only when it is as near them as "
     "the theme's seeds are to theirs (lowest tenth)", "closest", "NEIGHBOURHOOD_QUANTILE", 0.1),
    ("--file-verdict-only", "in a file that does not fit, every theme keeps to its seeds on meaning, even one standing "
     "out of the corpus beyond doubt", "corpus_fit", "STANDING_OUT_LEARNS", False),
    ("--no-asides", "a unit's one keyword of a theme counts even in a sentence about another theme it holds two or more "
     "keywords of", "asides", "ASIDES", False),
)


def main(argv: list[str] | None = None) -> int:
    import argparse
    import importlib

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=CHECKS, default=list(CHECKS))
    parser.add_argument("--no-article-context", action="store_true", help="Themes(article_context=False)")
    parser.add_argument("--no-passing-mentions", action="store_true", help="Themes(passing_mentions=False)")
    parser.add_argument("--throughout-named", type=float, default=None, metavar="SHARE",
                        help="measured, not adopted: about a theme throughout only where this share of units names it")
    for flag, help_text, *_ in RULE_SWITCHES:
        parser.add_argument(flag, action="store_true", help=help_text)
    args = parser.parse_args(argv)
    for flag, _, module, constant, value in RULE_SWITCHES:
        if getattr(args, flag.lstrip("-").replace("-", "_")):
            setattr(importlib.import_module(f"topics.themes.{module}"), constant, value)
    if args.throughout_named is not None:
        from benchmarks.themes_heldout import throughout_needs_named

        throughout_needs_named(args.throughout_named)
    if args.no_article_context:
        PARAMS["article_context"] = False
    if args.no_passing_mentions:
        PARAMS["passing_mentions"] = False
    frame = pd.DataFrame(run(True, tuple(args.only)))
    print(frame.to_string(index=False, na_rep=""))
    print(f"\n{NOTES}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
