"""Guided themes: theme files, alias matching, assignment quality on the seeds, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from topics.text.aliases import alias_hits, alias_key, alias_pattern
from topics.errors import InputError, ModelMismatchError
from topics.themes.themefile import Theme, load_themes
from topics.themes.guided import Themes

ROOT = Path(__file__).resolve().parents[1]
THEME_FILE = ROOT / "seeds" / "themes.toml"
LABELS = Path(__file__).resolve().parent / "data" / "seed_theme_labels.csv"


def write(tmp_path: Path, text: str, name: str = "themes.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ theme files
def test_seed_theme_file_declares_the_six_themes():
    themes = load_themes(THEME_FILE)
    assert [t.name for t in themes] == [
        "drones",
        "ISIS-K",
        "Doha commitments",
        "al-Qaeda",
        "regional powers",
        "attacks on Afghan forces and civilians",
    ]
    isis = themes[1]
    assert "Daesh" in isis.keywords and isis.description
    assert "Daesh" in isis.prototype_text and isis.name in isis.prototype_text


def test_missing_theme_file_names_the_file(tmp_path):
    with pytest.raises(InputError, match=r"nope\.toml: theme file not found"):
        load_themes(tmp_path / "nope.toml")


def test_malformed_toml_names_file_and_line(tmp_path):
    path = write(tmp_path, '[[theme]]\nname = "drones"\nkeywords = ["drone", "airspace"\n\n[[theme]]\nname = "x"\n')
    with pytest.raises(InputError) as caught:
        load_themes(path)
    message = str(caught.value)
    assert str(path) in message and "invalid TOML" in message
    assert "line 5" in message  # the array is left open; the parser stumbles on the next table


def test_theme_with_no_text_at_all_is_rejected_with_its_line(tmp_path):
    path = write(tmp_path, '[[theme]]\nname = "drones"\n\n# an empty one\n[[theme]]\nname = "  "\nkeywords = []\n')
    with pytest.raises(InputError, match=r"line 5 \(theme 2\): the theme has no text at all"):
        load_themes(path)


def test_theme_without_a_name_is_rejected(tmp_path):
    path = write(tmp_path, '[[theme]]\ndescription = "US drones over Afghanistan"\n')
    with pytest.raises(InputError, match=r"line 1 \(theme 1\): the theme has no name"):
        load_themes(path)


def test_duplicate_theme_names_are_rejected_naming_both(tmp_path):
    path = write(tmp_path, '[[theme]]\nname = "Drones"\n\n[[theme]]\nname = "ISIS-K"\n\n[[theme]]\nname = "drones"\n')
    with pytest.raises(InputError, match=r"line 7 \(theme 3\): duplicate theme name 'drones' \(already used by line 1 \(theme 1\)\)"):
        load_themes(path)


@pytest.mark.parametrize(("first", "second", "second_shown"), [
    ("Sport", "Sp\u200bort", r"Sp\u200bort"),  # a zero-width space: shown escaped
    ("Sport", "\uff33\uff50\uff4f\uff52\uff54", "\uff33\uff50\uff4f\uff52\uff54"),  # full-width letters
    ("Caf\u00e9", "Cafe\u0301", "Cafe\u0301"),  # one accent composed, one combining
])
def test_theme_names_that_differ_only_invisibly_are_one_name(tmp_path, first, second, second_shown):
    # Before: two themes, shown alike in every table and report.
    path = write(tmp_path, f'[[theme]]\nname = "{first}"\n\n[[theme]]\nname = "{second}"\n')
    with pytest.raises(InputError) as raised:
        load_themes(path)
    message = str(raised.value)
    assert message.startswith(str(path)) and "line 4 (theme 2): duplicate theme name" in message
    assert f"'{second_shown}'" in message and f"line 1 (theme 1 '{first}')" in message
    assert "the same name once case, Unicode form (NFKC) and invisible characters are set aside" in message


def test_theme_names_that_differ_by_a_joiner_or_a_flags_tags_stay_two():
    # Joiners and tag characters change what is shown: a Persian word with and without its non-joiner, the
    # Scottish and Welsh flags (one black flag and tags apart).
    scotland, wales = "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "\U0001F3F4\U000E0067\U000E0062\U000E0077\U000E006C\U000E0073\U000E007F"
    for first, second in ((scotland, wales), ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u062e\u0648\u0627\u0647\u0645")):
        assert [theme.name for theme in load_themes([Theme(name=first), Theme(name=second)])] == [first, second]


def test_theme_names_built_in_python_compare_without_their_outer_spaces():
    with pytest.raises(InputError, match=r"duplicate theme name 'Sport ' \(already used by theme 1 'sport'"):
        load_themes([Theme(name="sport"), Theme(name="Sport ")])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "no themes"),
        ('[theme]\nname = "drones"\n', r"write \[\[theme\]\], not \[theme\]"),
        ('[[theme]]\nname = "drones"\nkeyword = ["drone"]\n', "unknown field.*'keyword'"),
        ('[[theme]]\nname = "drones"\nkeywords = 3\n', "'keywords' must be a list of strings"),
        ('[[theme]]\nname = 7\n', "'name' must be a string"),
        ('title = "x"\n[[theme]]\nname = "drones"\n', "unknown top-level key"),
    ],
)
def test_other_theme_file_mistakes(tmp_path, text, problem):
    with pytest.raises(InputError, match=problem):
        load_themes(write(tmp_path, text))


def test_an_unknown_key_is_named_at_its_own_line_not_the_tables_header(tmp_path):
    # Before: "line 8 (theme 2)", the [[theme]] header, however far above the misspelt key.
    path = write(tmp_path, '[[theme]]\nname = "drones"\n\n[[theme]]\nname = "ISIS-K"\ndescription = "Islamic State Khorasan"\n\n'
                           'keywords = ["ISKP"]\n"keywrods" = ["Daesh"]\n\n[[theme]]\nname = "al-Qaeda"\n')
    with pytest.raises(InputError, match=r"line 9 \(theme 2\): unknown field\(s\) 'keywrods' \(known: "):
        load_themes(path)
    path = write(tmp_path, '[[theme]]\nname = "drones"\n\n[[theme]]\nname = "ISIS-K"\n\n[theme.extra]\nnote = "x"\n')
    with pytest.raises(InputError, match=r"line 7 \(theme 2\): unknown field\(s\) 'extra'"):
        load_themes(path)


@pytest.mark.parametrize(("name", "text", "told"), [
    ("themes.toml", "", r"no themes: add one \[\[theme\]\] table per theme"),
    ("themes.json", "[]", r'no themes: give a list of themes, each an object with a name: \[\{"name"'),
    ("themes.yaml", "[]", r"no themes: give a list of themes, each with a name \(- name: drones\)"),
])
def test_an_empty_theme_file_is_told_how_its_own_format_writes_a_theme(tmp_path, name, text, told):
    # Before: a JSON or YAML file was told to add TOML tables.
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=told):
        load_themes(tmp_path / name)


def test_theme_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('[[theme]]\nname = "Kaboul été"\n'.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_themes(path)


def test_a_theme_file_or_queries_saved_as_utf16_with_its_mark_are_read(tmp_path):
    # Windows PowerShell's `>` and Notepad's "Unicode" save UTF-16 with a byte order mark: refused as
    # "not UTF-8 text (byte 0)", though the mark says how to read it (the corpus's own files were read).
    from topics.cli.similar_cmd import read_queries

    text = '[[theme]]\nname = "Kaboul été"\nkeywords = ["Kaboul", "Hérat"]\n'
    for order, data in enumerate([text.encode("utf-16"), b"\xfe\xff" + text.encode("utf-16-be")]):
        path = tmp_path / f"themes-{order}.toml"
        path.write_bytes(data)
        assert load_themes(path)[0].name == "Kaboul été"
        assert load_themes(path)[0].keywords == ("Kaboul", "Hérat")
    queries = tmp_path / "queries.txt"
    queries.write_bytes("drone strikes\nles accords de Doha\n".encode("utf-16"))
    assert read_queries(queries) == ["drone strikes", "les accords de Doha"]


def test_a_utf32_theme_or_queries_file_is_read_and_text_holding_nul_or_broken_utf16_is_refused_in_its_words(tmp_path):
    # UTF-32-LE's mark opens with UTF-16-LE's: the file was read as UTF-16 and a queries file answered "\x00c\x00l...".
    from topics.cli.similar_cmd import read_queries

    text = '[[theme]]\nname = "Kaboul été"\nkeywords = ["Kaboul", "Hérat"]\n'
    for order, data in enumerate([text.encode("utf-32"), b"\x00\x00\xfe\xff" + text.encode("utf-32-be")]):
        path = tmp_path / f"themes-{order}.toml"
        path.write_bytes(data)
        assert load_themes(path)[0].keywords == ("Kaboul", "Hérat")
    queries = tmp_path / "queries.txt"
    queries.write_bytes("drone strikes\nles accords de Doha\n".encode("utf-32"))
    assert read_queries(queries) == ["drone strikes", "les accords de Doha"]
    # UTF-16 without its mark reads as UTF-8 holding NULs: no text file holds one.
    queries.write_bytes("drone strikes\n".encode("utf-16-le"))
    with pytest.raises(InputError, match=r"queries.txt: cannot read the queries file: holds a NUL character at byte 1: not a text file"):
        read_queries(queries)
    broken = tmp_path / "broken.toml"
    broken.write_bytes(text.encode("utf-16") + b"\x00\xd8")  # a lone surrogate after the text
    with pytest.raises(InputError, match=r"broken.toml: not UTF-16 text \(byte \d+\)"):
        load_themes(broken)


def test_themes_from_dicts_and_aliases_field():
    themes = load_themes([{"name": "ISIS-K", "aliases": ["Daesh", "ISKP"], "keywords": "Khorasan"}])
    assert themes[0].keywords == ("Khorasan", "Daesh", "ISKP")
    with pytest.raises(InputError, match="duplicate theme name"):
        load_themes([{"name": "a"}, {"name": "A"}])


# ------------------------------------------------------------------ aliases
def test_alias_matching_spellings_and_acronyms():
    texts = [
        "Al Qaeda's new leader",  # 0
        "the al-Qaeda threat",  # 1
        "drones over Kunar",  # 2
        "the crisis is deep",  # 3
        "ISIS claimed it; IS-K too",  # 4
        "dronesque shapes",  # 5
    ]
    hits = alias_hits(texts, ["al-Qaeda", "drone", "ISIS", "IS-K"])
    assert hits[:, 0].tolist() == [True, True, False, False, False, False]
    assert hits[:, 1].tolist() == [False, False, True, False, False, False]
    assert hits[:, 2].tolist() == [False, False, False, False, True, False]  # not "crisis", not "is"
    assert hits[:, 3].tolist() == [False, False, False, False, True, False]
    assert alias_pattern("ISIS").search("isis") is None  # acronyms keep their case
    assert alias_hits(["U.S. troops", "US troops", "use", "Sci/Tech"], ["U.S.", "Sci/Tech"]).tolist() == [
        [True, False], [True, False], [False, False], [False, True],
    ]
    assert alias_pattern("--") is None
    assert alias_key("al Qaeda") == alias_key("al-Qaeda") and alias_key("drones") == alias_key("drone")


def test_a_keyword_with_symbols_is_matched_as_written():
    # Before: only a keyword's letters were looked for, so "C#" and "C++" both found "Grade C was given" (and were
    # one keyword), while "S&P 500", "AT&T" and "Côte d'Ivoire" never matched their own text.
    texts = ["write C# code", "use C++ for it", "Grade C was given", "the S&P 500 fell", "AT&T said", "in Côte d’Ivoire",
             "the S P 500", "AT and T"]
    hits = alias_hits(texts, ["C#", "C++", "S&P 500", "AT&T", "Côte d'Ivoire"])
    assert [texts[i] for i in np.flatnonzero(hits.any(axis=1))] == texts[:2] + texts[3:6]
    assert np.array_equal(hits[:6].argmax(axis=1)[[0, 1, 3, 4, 5]], [0, 1, 2, 3, 4])
    assert len({alias_key("C#"), alias_key("C++"), alias_key("C")}) == 3
    # An apostrophe inside a name is matched either way of writing it, or left out.
    assert alias_hits(["the players’ association", "players association", "player groups"], ["players' association"]).ravel().tolist() == [True, True, False]


def test_alias_matching_verb_endings_negation_and_corpus_variants():
    from topics.text.aliases import capitalised_vocabulary, corpus_variants

    texts = ["The Taliban pledged to stop", "No civilians were harmed.", "Two civilians were killed.", "the March match"]
    hits = alias_hits(texts, ["pledge", "civilians", "match"])
    assert hits[:, 0].tolist() == [True, False, False, False]
    assert hits[:, 1].tolist() == [False, False, True, False]  # a negated mention is no evidence
    assert hits[:, 2].tolist() == [False, False, False, True]
    # A doubled final consonant hides the stem of a common word, not of a name.
    doubled = alias_hits(["spammers struck", "spamming again", "a spamer", "the Iraqqer"], ["spam", "Iraq"])
    assert doubled[:, 0].tolist() == [True, True, False, False] and not doubled[:, 1].any()
    vocabulary = capitalised_vocabulary(["Al Qaida fighters and Zawahri", "in March", "Pakistani forces"])
    assert corpus_variants("al-Qaeda", vocabulary) == ["al-Qaida"]
    assert corpus_variants("Zawahiri", vocabulary) == ["Zawahri"]
    assert corpus_variants("match", vocabulary) == []  # only capitalised names vary, and only by vowels
    assert alias_hits(["Al Qaida fighters"], corpus_variants("al-Qaeda", vocabulary)).all()
    # Five words may stand between the negation and the mention, within one clause.
    assert not alias_hits(["There were no reports of injuries to civilians."], ["civilians"]).any()
    assert alias_hits(["No shots were fired, but two civilians died."], ["civilians"]).all()
    assert not alias_hits(["The strike was planned to avoid civilian casualties."], ["civilian"]).any()
    assert not alias_hits(["They were engaged in an open field away from civilians."], ["civilians"]).any()
    # A variant differs by a letter or two, not by a whole other word with the same consonants.
    assert corpus_variants("Labour", capitalised_vocabulary(["in Liberia and Labor"])) == ["Labor"]
    # ... and only inside the word, by at most one letter in four: other names keep their own sense.
    others = capitalised_vocabulary(["Blur played, Roper said in Chain Street and Kabila"])
    assert [corpus_variants(name, others) for name in ("Blair", "Reaper", "China", "Kabul")] == [[], [], [], []]


def test_a_keyword_family_is_the_corpus_words_of_its_stem_and_is_off_by_default():
    """topics.text.aliases.word_family: measured, not adopted (topics.themes.keywords.WORD_FAMILIES)."""
    from topics.text.aliases import corpus_words, word_family
    from topics.themes import keywords

    words = corpus_words(["Biden will withdraw troops; withdrawing forces. Evacuate the evacuated. Serve the service.",
                          "Negotiators negotiate. The Withdrawal.", "Interpretation"])
    assert word_family("withdrawal", words) == ["withdraw", "withdrawing"]  # not its own form "withdrawal"
    assert word_family("evacuation", words) == ["evacuate", "evacuated"]
    assert word_family("negotiations", words) == ["negotiate", "negotiators"]
    assert word_family("served", words) == []  # a stem under five letters joins unrelated words
    assert word_family("Khalilzad", words) == word_family("peace talks", words) == []  # names, phrases: none
    assert keywords.WORD_FAMILIES is False
    themes = [{"name": "withdrawal", "description": "the pullout of American troops", "keywords": ["withdrawal"]}]
    units = pd.DataFrame({"unit_id": ["a", "b"], "article_id": ["a", "b"], "text": [
        "Biden will withdraw all American troops by September.", "The withdrawal of troops began."]})
    from topics.themes.guided import Themes
    from topics.themes.themefile import load_themes

    found = {}
    for families in (False, True):
        keywords.WORD_FAMILIES = families
        try:
            model = Themes(themes, article_context=False)
            model.themes_ = load_themes(themes)  # the lexical step alone: where the keywords occur
            model._lexical_fit(units["text"].tolist())
        finally:
            keywords.WORD_FAMILIES = False
        found[families] = model.keyword_hits_[:, 0].tolist()
    assert found == {False: [False, True], True: [True, True]}


def test_keyword_phrases_take_a_word_inside_and_plurals_their_singular():
    texts = [
        "The Taliban attacked an outpost of the Afghan National Army.",  # 0
        "More than 100 Afghan security force members were killed.",  # 1
        "One civilian casualty was reported.",  # 2
        "Afghan and coalition forces",  # 3: two words inside a phrase are not the phrase
        "the news at nine",  # 4
        "a new road",  # 5
    ]
    hits = alias_hits(texts, ["Afghan army", "security forces", "civilian casualties", "Afghan forces", "news"])
    assert hits[:, 0].tolist() == [True, False, False, False, False, False]
    assert hits[:, 1].tolist() == [False, True, False, False, False, False]
    assert hits[:, 2].tolist() == [False, False, True, False, False, False]
    assert hits[:, 3].tolist() == [False, True, False, False, False, False]
    assert hits[:, 4].tolist() == [False, False, False, False, True, False]  # "news" is no plural of "new"
    # Names stay exact outside themes (the alias mining rewrites names with the strict pattern).
    assert alias_pattern("Afghan army").search("Afghan National Army") is None
    assert not alias_hits(["ISIS claimed it"], ["IS-K"]).any()


def test_mined_aliases_become_theme_keywords():
    from topics.text.alias_mining import mine_aliases
    from topics.text.aliases import mined_spellings

    texts = ["The Islamic Movement of Uzbekistan (IMU) claimed the attack.", "IMU fighters crossed the border."]
    groups = mine_aliases(texts).groups
    assert mined_spellings("Islamic Movement of Uzbekistan", groups) == ["IMU"]
    assert mined_spellings("Taliban", groups) == []


def test_seed_floors_rise_where_the_corpus_has_no_upper_tail():
    """The mirrored null: a theme whose upper tail is no heavier than its lower one gets floors above
    every unit; a theme with a real group of close units keeps the given floor."""
    from topics.themes.evidence import _mirror_floor

    rng = np.random.default_rng(0)
    null = rng.normal(size=2000)
    assert _mirror_floor(null, 3.0, 0.15) > null.max()
    with_theme = np.concatenate([null, rng.normal(5.0, 0.5, size=100)])
    assert 3.0 <= _mirror_floor(with_theme, 3.0, 0.15) < 3.5
    assert _mirror_floor(np.array([]), 1.0, 0.15) == 1.0


def test_nearest_units_excludes_the_unit_itself():
    from topics.themes.evidence import nearest_units

    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(30, 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    nearest = nearest_units(vectors, 4, batch=7)
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    expected = np.argsort(-similarity, axis=1)[:, :4]
    assert all(set(row) == set(want) for row, want in zip(nearest, expected))
    assert nearest_units(vectors[:1]).shape == (1, 0)


def test_a_common_word_counts_among_the_themes_members():
    """A unit whose common word is below its floor joins the theme when its nearest units are
    members and it is at least as close to the theme as the typical unit; not without the word,
    not below the typical unit, not among non-members."""
    from topics.themes.evidence import combine

    n = 12
    # Units 0-5 are seeds by meaning (z 4); 6-9 carry the word at z 0.5 (below its floor 2); 10-11 are off.
    z = np.array([4.0] * 6 + [0.5, 0.5, 0.5, -0.5, 0.5, -1.0])[:, None]
    hits = np.array([False] * 6 + [True, False, True, True, True, False])[:, None]
    nearest = np.array([[j for j in range(6) if j != i][:4] for i in range(10)] + [[11, 9, 7, 6], [10, 9, 7, 6]])
    args = (z, hits, np.zeros((n, 2)), np.zeros(1), np.ones(1), np.full((1, 2), np.nan), np.full(1, np.nan))
    plain = combine(*args, threshold=0.5, z_seed=3.0, z_keyword=2.0)
    joined = combine(*args, nearest=nearest, threshold=0.5, z_seed=3.0, z_keyword=2.0)
    assert not (plain.score[6:, 0] >= 0.5).any()
    member = joined.score[:, 0] >= 0.5
    assert member[:6].all() and member[6] and not member[7], "the word is needed"
    assert member[8] and not member[9], "below the typical unit it is no evidence"
    assert not member[10], "its neighbours are not members"
    assert joined.source[6, 0] == 3  # counted as learning


def test_corpus_formulas_are_no_keyword_evidence(embedder):
    """A sentence the corpus repeats (a press-release formula) carries no keyword evidence for the
    units it closes; the same word in a sentence of a unit's own does, in fit and in predict."""
    formula = "Coalition forces take every precaution to protect civilians during operations."
    places = ["Kandahar", "Helmand", "Kunar", "Paktika", "Ghazni", "Zabul", "Logar", "Wardak"]
    texts = [f"An insurgent leader was detained in {place} province on Tuesday. {formula}" for place in places]
    texts.append("Two civilians were killed when a rocket struck the market in Khost.")
    units = pd.DataFrame({"unit_id": [f"u{i}" for i in range(len(texts))], "text": texts})
    embeddings = np.asarray(embedder.encode(texts), dtype=np.float32)
    declared = [{"name": "civilian casualties", "keywords": ["civilians"]}, {"name": "detentions", "keywords": ["detained"]}]
    themes = Themes(declared).fit(units, embeddings, embedder)
    assert themes.template_sentences_, "the repeated sentence is found as a formula"
    assert themes.keyword_hits_[:, 0].tolist() == [False] * len(places) + [True]
    assert themes.keyword_hits_[: len(places), 1].all(), "a keyword in a unit's own sentence still counts"
    again = themes._evidence(units, embeddings)
    assert again.keyword_hits[:, 0].tolist() == themes.keyword_hits_[:, 0].tolist()


def test_decoy_floor_follows_a_skewed_null():
    """A right-skewed null fools the mirror (its lower tail is light) but not the decoys: a theme
    that is only the null gets a floor above every unit; a real group keeps the given floor."""
    from topics.themes.decoys import decoy_floor
    from topics.themes.evidence import _mirror_floor

    rng = np.random.default_rng(0)

    def skewed(size):
        return rng.gumbel(size=size) / 1.28  # heavier upper tail than lower one, spread about 1

    null = skewed(3000)
    decoys = np.column_stack([skewed(3000) for _ in range(9)])
    assert _mirror_floor(null, 3.0, 0.15) < null.max(), "the mirror admits part of the skewed tail"
    assert decoy_floor(null, decoys, 3.0, 0.15) > null.max()
    with_theme = np.concatenate([null, rng.normal(6.0, 0.5, size=150)])
    decoys_too = np.vstack([decoys, np.column_stack([skewed(150) for _ in range(9)])])
    assert 3.0 <= decoy_floor(with_theme, decoys_too, 3.0, 0.15) < 4.5
    assert decoy_floor(np.array([]), decoys[:0], 1.0, 0.15) == 1.0


def test_a_file_of_many_themes_no_closer_than_chance_seeds_almost_nothing_on_a_small_corpus():
    """Each of 200 themes that are only the null passes its own mirror test on 91 units (a unit or two
    above its floor, none as far below); summed, the file's lower tails hold as many units as its
    seeds and the common floor rises. A file with real themes keeps its own floors."""
    from topics.themes.calibration import file_seed_floor
    from topics.themes.evidence import _mirror_floor

    rng = np.random.default_rng(1)
    n, k = 91, 200
    z = rng.normal(size=(n, k))
    own = np.array([_mirror_floor(z[:, t], 3.0, 0.15) for t in range(k)])
    passing = (z >= own).sum()
    assert passing >= 5, passing  # one theme at a time, chance passes
    common = file_seed_floor(z, own, 0.15)
    assert (z >= np.maximum(own, common)).sum() <= 0.2 * passing
    # Seven themes the corpus talks about (a group of units each, far above the null): their own floors stay.
    real = rng.normal(size=(n, 7))
    for t in range(7):
        real[rng.choice(n, 12, replace=False), t] = rng.normal(6.0, 0.5, 12)
    real_own = np.array([_mirror_floor(real[:, t], 3.0, 0.15) for t in range(7)])
    assert file_seed_floor(real, real_own, 0.15) <= real_own.min()
    assert file_seed_floor(np.zeros((0, 3)), np.full(3, 3.0), 0.15) == -np.inf


# ------------------------------------------------------------------ evidence on the seeds
@pytest.fixture(scope="module")
def seed_labels(seeds_corpus) -> np.ndarray:
    table = pd.read_csv(LABELS)
    units = seeds_corpus.units("paragraph")
    assert sorted(table.paragraph_id) == sorted(units.unit_id), "the labels must cover every seed paragraph"
    return table.set_index("paragraph_id").loc[units.unit_id, "theme"].to_numpy()


@pytest.fixture(scope="module")
def fitted(seeds_corpus, seeds_paragraph_embeddings, embedder) -> Themes:
    return Themes(THEME_FILE).fit(seeds_corpus.units("paragraph"), seeds_paragraph_embeddings, embedder)


def as_labels(predicted) -> np.ndarray:
    return np.array(["none" if p is None or p != p else p for p in predicted])


def fit_on_seeds(declared, seeds_corpus, embeddings, embedder, **params) -> Themes:
    return Themes(declared, **params).fit(seeds_corpus.units("paragraph"), embeddings, embedder)


def test_themes_are_precise_on_the_seeds_and_beat_name_cosine(fitted, seed_labels, seeds_paragraph_embeddings, embedder):
    predicted = as_labels(fitted.predicted_themes_)
    placed = predicted != "none"
    # Precision first: what is placed is right; what lacks evidence stays under no theme.
    assert np.mean(predicted[placed] == seed_labels[placed]) >= 0.8
    names = fitted.theme_names_
    name_cosine = np.array(names)[(seeds_paragraph_embeddings @ embedder.encode(names).T).argmax(axis=1)]
    assert np.mean(predicted == seed_labels) > np.mean(name_cosine == seed_labels) + 0.1
    assert fitted.unmatched_themes_ == [] and fitted.notes_ == []


def test_assignment_is_reproducible(fitted, seeds_corpus, seeds_paragraph_embeddings, embedder):
    again = fit_on_seeds(THEME_FILE, seeds_corpus, seeds_paragraph_embeddings, embedder)
    np.testing.assert_array_equal(again.labels_, fitted.labels_)
    np.testing.assert_allclose(again.scores_, fitted.scores_)


def test_assignments_table_is_multi_label(fitted, seeds_corpus):
    table = fitted.assignments()
    assert list(table.columns) == ["unit_id", "article_id", "theme", "themes", "score", "confidence", "nearest_theme", "text"]
    assert len(table) == len(seeds_corpus.paragraphs)
    assert fitted.scores_.min() >= 0 and fitted.scores_.max() <= 1
    under = fitted.memberships_.any(axis=1)
    assert table.theme[~under].isna().all() and (table.themes[~under] == "").all()
    # The primary theme is one of the unit's themes, listed first; some units are under several.
    assert all(row.themes.split("; ")[0] == row.theme for row in table[under].itertuples())
    assert (fitted.memberships_.sum(axis=1) >= 2).any()
    np.testing.assert_array_equal(fitted.memberships_, fitted.scores_ >= fitted.threshold)
    long = fitted.memberships()
    assert len(long) == fitted.memberships_.sum() and set(long.evidence) <= {"keywords", "similarity", "learning"}
    assert long.primary.sum() == under.sum()
    # Under no theme is None, not NaN (pandas would make a string column of None and names NaN).
    assert all(theme is None for theme in table.theme[~under])


def test_score_is_the_primary_themes_and_says_how_a_unit_at_the_threshold_was_placed(fitted):
    table = fitted.assignments()
    under = fitted.labels_ >= 0
    rows = np.flatnonzero(under)
    # One meaning: the score of the theme in the theme column (with article context the primary theme is
    # not always the one the unit scores highest on); under no theme, the best score it reached.
    lean = rows[fitted.labels_[rows] != fitted.scores_[rows].argmax(axis=1)]
    assert len(lean) >= 1
    np.testing.assert_allclose(table.score[rows], fitted.scores_[rows, fitted.labels_[rows]])
    np.testing.assert_allclose(table.score[~under], fitted.scores_[~under].max(axis=1))
    np.testing.assert_allclose(table.score, fitted.unit_scores())
    assert (table.score[~under] < fitted.threshold).all()
    # A membership at exactly the threshold was placed by its context, not on its own score.
    long = fitted.memberships()
    assert set(long.admitted) <= {"keywords", "similarity", "learned", "neighbour", "word among members",
                                  "closest among members", "article"}
    at_threshold = np.isclose(long.score, fitted.threshold)
    assert at_threshold.any()
    assert set(long.admitted[at_threshold]) <= {"neighbour", "word among members", "closest among members", "article"}
    assert (long.evidence[long.admitted.isin(["keywords", "similarity"])] == long.admitted[long.admitted.isin(["keywords", "similarity"])]).all()
    scores = fitted.theme_scores()
    assert list(scores.columns) == ["unit_id", *fitted.theme_names_]


def test_several_themes_for_one_paragraph(seeds_corpus, seeds_paragraph_embeddings, embedder):
    units = seeds_corpus.units("paragraph")
    extra = "An MQ-9 Reaper drone strike killed an ISIS-K planner near Jalalabad, US officials said."
    units = pd.concat([units, pd.DataFrame({"unit_id": ["extra"], "article_id": ["extra"], "text": [extra]})], ignore_index=True)
    embeddings = np.vstack([seeds_paragraph_embeddings, embedder.encode([extra])])
    themes = Themes(THEME_FILE).fit(units, embeddings, embedder)
    row = themes.assignments().iloc[-1]
    assert set(row.themes.split("; ")) >= {"drones", "ISIS-K"}


def test_a_second_theme_needs_evidence_comparable_to_the_strongest():
    """A unit stays under a second theme only within DOMINANCE_MARGIN spreads of its strongest
    theme's calibrated similarity; the primary (highest score) theme is never dropped."""
    from topics.themes.evidence import DOMINANCE_MARGIN, _dominated

    margin = DOMINANCE_MARGIN
    z = np.array([[5.0, 5.0 - margin + 0.5, 5.0 - margin - 0.5], [1.0, 1.0 + margin + 1.0, 0.0]])
    score = np.array([[0.9, 0.8, 0.7], [0.95, 0.6, 0.2]])
    member = score >= 0.5
    dominated = _dominated(score, z, member)
    np.testing.assert_array_equal(dominated, [[False, False, True], [False, False, False]])
    assert not _dominated(score, z, np.zeros_like(member)).any()


def test_theme_report_counts_evidence_and_near_misses(fitted):
    info = fitted.theme_info()
    assert info.theme.tolist() == fitted.theme_names_
    assert (info.n_units == fitted.memberships_.sum(axis=0)).all()
    assert (info.from_keywords + info.from_similarity + info.from_learning == info.n_units).all()
    assert info.n_primary.sum() == (fitted.labels_ >= 0).sum()
    al_qaeda = info.set_index("theme").loc["al-Qaeda"]
    assert al_qaeda.n_units >= 6 and al_qaeda.aliases_found["al-Qaeda"] >= 6
    assert al_qaeda.score_min <= al_qaeda.score_median <= al_qaeda.score_max
    misses = fitted.near_misses(3)
    members = fitted.theme_units("drones")
    assert not set(misses[misses.theme == "drones"].unit_id) & set(members.unit_id)
    assert (misses.score < fitted.threshold).all()
    assert members.score.is_monotonic_decreasing
    with pytest.raises(InputError, match="no theme named"):
        fitted.theme_units("cricket")
    # The floors the corpus's null set: never below the given ones, one per theme.
    k = len(fitted.theme_names_)
    assert fitted.seed_floor_.shape == fitted.keyword_floor_.shape == fitted.context_floor_.shape == (k,)
    assert (fitted.seed_floor_ >= fitted.z_seed).all() and (fitted.keyword_floor_ >= fitted.z_keyword).all()
    assert (fitted.context_floor_ >= 0).all()


def test_a_count_of_near_misses_below_zero_is_refused_and_zero_gives_none(fitted):
    for n in (-1, 2.5, True):
        with pytest.raises(InputError, match=r"near_misses\(n\): must be a whole number, 0 or more"):
            fitted.near_misses(n)
    none = fitted.near_misses(0)
    assert none.empty and list(none.columns) == list(fitted.near_misses(1).columns)


def test_a_fitted_themes_repr_names_its_file_and_themes(fitted):
    shown = repr(fitted)
    assert shown.startswith(f"Themes({str(THEME_FILE)!r}) fitted: 6 themes: 'drones', 'ISIS-K', ")
    assert shown.endswith(f"; {int(fitted.memberships_.any(axis=1).sum())} of 91 units under a theme")


def test_mismatched_theme_file_assigns_almost_nothing_and_says_so(seeds_corpus, seeds_paragraph_embeddings, embedder):
    bbc = ROOT / "benchmarks" / "themes_data" / "bbc_themes.toml"
    themes = fit_on_seeds(bbc, seeds_corpus, seeds_paragraph_embeddings, embedder)
    assert themes.memberships_.any(axis=1).mean() <= 0.05
    assert any("fits little of this corpus" in note for note in themes.notes_)


def test_two_hundred_themes_of_no_subject_here_place_almost_nothing(seeds_corpus, seeds_paragraph_embeddings, embedder):
    # Each theme passes a paragraph or two of the seeds by chance; summed over the file they were 14 of 91.
    import random

    rng = random.Random(1)
    words = ("economy sport music film election health science climate war trade tax school police court farm oil bank "
             "art travel food space weather crime tech law").split()
    declared = []
    for i in range(200):
        a, b = rng.sample(words, 2)
        declared.append({"name": f"theme {i:03d} {a} {b}", "description": f"News about {a} and {b}, number {i}", "keywords": [a, b]})
    themes = fit_on_seeds(declared, seeds_corpus, seeds_paragraph_embeddings, embedder)
    assert not themes.fits_corpus_
    # 12 of 91 on an AVX2-only CPU, 9 or fewer where the int8 kernels use AVX-512 (the vectors differ slightly).
    assert themes.memberships_.any(axis=1).mean() <= 0.15


def test_theme_matching_nothing_is_reported_not_fatal(seeds_corpus, seeds_paragraph_embeddings, embedder):
    declared = [t.to_dict() for t in load_themes(THEME_FILE)] + [{"name": "cricket world cup", "keywords": ["wicket", "batsman"]}]
    themes = fit_on_seeds(declared, seeds_corpus, seeds_paragraph_embeddings, embedder)
    assert themes.unmatched_themes_ == ["cricket world cup"]
    row = themes.theme_info().set_index("theme").loc["cricket world cup"]
    assert row.n_units == 0 and np.isnan(row.score_median)
    notes = " ".join(themes.notes_)
    assert "'cricket world cup': read as absent from this corpus" in notes and "none of its keywords occurs" in notes
    assert "cricket" in repr(themes)


def test_themes_absent_from_the_corpus_place_nothing_and_leave_the_others_alone(
        seeds_corpus, seeds_paragraph_embeddings, embedder, fitted):
    # Three speculative themes, none of whose words occurs in the seeds, beside the six that fit: they
    # place nothing (chance gives such a theme a paragraph or two above its seed floor), and what the
    # six place does not change.
    speculative = [
        {"name": "cricket world cup", "keywords": ["wicket", "batsman"]},
        {"name": "Quidditch", "description": "Quidditch matches at Hogwarts", "keywords": ["Snitch", "broomstick"]},
        {"name": "Festnahmen", "description": "Festnahme von Verdächtigen durch die Polizei", "keywords": ["festgenommen"]},
    ]
    declared = [t.to_dict() for t in load_themes(THEME_FILE)] + speculative
    themes = fit_on_seeds(declared, seeds_corpus, seeds_paragraph_embeddings, embedder)
    k = len(fitted.theme_names_)
    assert themes.fits_corpus_
    np.testing.assert_array_equal(themes.absent_themes_, [False] * k + [True] * 3)
    assert not themes.memberships_[:, k:].any()
    agree = (themes.memberships_[:, :k] == fitted.memberships_).all(axis=1).mean()
    # The int8 vectors differ slightly with the CPU's instruction set (AVX2 or AVX-512 kernels): 0.945
    # (86 of 91) on an AVX2-only CPU, at least 0.95 on AVX-512 ones.
    assert agree >= 0.94, agree


@pytest.mark.parametrize(
    "declared, note",
    [
        ([{"name": "drones", "description": "US drones over Afghanistan"},
          {"name": "UAVs", "description": "US drones over Afghanistan"}], "say nearly the same thing"),
        ([{"name": "al-Qaeda", "keywords": ["al-Qaeda", "Zawahiri"]}], "one theme"),
        ([{"name": "Drohnen", "description": "Amerikanische Drohnen über Afghanistan"},
          {"name": "Талибан", "description": "Движение Талибан и его правительство"}], "not written in Latin letters"),
        # Before: a theme file in German (Latin letters) on an English corpus had no note.
        ([{"name": "Drohnen", "description": "Amerikanische Drohnen über Afghanistan und die Angriffe der Armee"},
          {"name": "Taliban", "description": "Die Taliban, ihre Regierung und der Krieg in dem Land"}],
         "the theme file is written in German and the corpus in English"),
        ([{"name": "drones", "description": "US drones over Afghanistan and the strikes they carry out"},
          {"name": "Taliban", "description": "Die Taliban, ihre Regierung und der Krieg in dem Land"}],
         "theme 'Taliban' is not written in the corpus's language (English)"),
    ],
)
def test_odd_theme_files_give_a_result_and_a_note(declared, note, seeds_corpus, seeds_paragraph_embeddings, embedder):
    themes = fit_on_seeds(declared, seeds_corpus, seeds_paragraph_embeddings, embedder)
    assert any(note in text for text in themes.notes_), themes.notes_
    assert len(themes.assignments()) == len(seeds_corpus.paragraphs)


def test_an_english_theme_repeating_a_word_another_language_uses_as_a_function_word_is_read_as_english(
        seeds_corpus, seeds_paragraph_embeddings, embedder):
    # Before: "war" (German for "was") in a theme's name, description and keywords outvoted its one or two English
    # function words, and an analyst's English file on ABC News's war coverage was told "theme 'war crimes' is not
    # written in the corpus's language (English)". Each word now counts once.
    themes = fit_on_seeds(ROOT / "tests" / "data" / "themes_function_word_lookalikes.toml", seeds_corpus,
                          seeds_paragraph_embeddings, embedder)
    assert not [note for note in themes.notes_ if "language" in note or "written in" in note], themes.notes_


def test_two_themes_that_say_the_same_thing_are_told_how_many_units_they_share(seeds_corpus, seeds_paragraph_embeddings,
                                                                               embedder):
    # Before: the note said the two "will share their units", though each theme's name is embedded with its
    # description and some units went under one only (on 20 Newsgroups "Cosmos" 105 paragraphs, its twin 122).
    same = {"description": "US drones over Afghanistan", "keywords": ["drone", "drone strike"]}
    themes = fit_on_seeds([{"name": "drones", **same}, {"name": "Predators and Reapers", **same}], seeds_corpus,
                          seeds_paragraph_embeddings, embedder)
    members = themes.memberships_
    both, first, second = (members[:, 0] & members[:, 1]).sum(), (members[:, 0] & ~members[:, 1]).sum(), (members[:, 1] & ~members[:, 0]).sum()
    assert both > 0
    told = [note for note in themes.notes_ if "say nearly the same thing" in note]
    assert told == [f"themes 'drones' and 'Predators and Reapers' say nearly the same thing: {both} units are under both, "
                    f"{first} under 'drones' only and {second} under 'Predators and Reapers' only (their names differ, and "
                    "a theme's name is part of what it means); merge them, or say in each description what sets it apart"]
    assert "will share their units" not in " ".join(themes.notes_)


def test_two_hundred_themes(seeds_corpus, seeds_paragraph_embeddings, embedder):
    words = sorted({w.strip(".,“”\"'()").lower() for t in seeds_corpus.paragraphs.text for w in t.split() if len(w) > 6})[:200]
    themes = fit_on_seeds([{"name": w} for w in words], seeds_corpus, seeds_paragraph_embeddings, embedder)
    assert themes.scores_.shape == (len(seeds_corpus.paragraphs), len(words))
    assert themes.theme_info().n_units.sum() >= 1


def test_partial_theme_set_leaves_the_rest_unassigned(seeds_corpus, seeds_paragraph_embeddings, embedder, seed_labels):
    declared = [t for t in load_themes(THEME_FILE) if t.name in ("drones", "al-Qaeda")]
    themes = fit_on_seeds(declared, seeds_corpus, seeds_paragraph_embeddings, embedder)
    predicted = as_labels(themes.predicted_themes_)
    expected = np.where(np.isin(seed_labels, ["drones", "al-Qaeda"]), seed_labels, "none")
    assert np.mean(predicted == expected) >= 0.85
    assert np.mean(predicted == "none") >= 0.6  # most of the corpus is about something else


def test_predict_on_the_fitted_units_agrees(fitted, seeds_corpus, seeds_paragraph_embeddings):
    units = seeds_corpus.units("paragraph")
    np.testing.assert_allclose(fitted.transform(units, seeds_paragraph_embeddings), fitted.scores_, atol=1e-5)
    predicted = fitted.predict(units, seeds_paragraph_embeddings)
    assert list(as_labels(predicted)) == list(as_labels(fitted.predicted_themes_))
    assert fitted.transform(units.iloc[:5], seeds_paragraph_embeddings[:5]).shape == (5, 6)


def test_vectors_not_of_length_one_are_read_as_cosines(fitted, seeds_corpus, seeds_paragraph_embeddings, embedder):
    # Before: vectors scaled by 100 (a model that does not normalise) put four of eight paragraphs under
    # another theme without a word, at fit and at predict.
    units = seeds_corpus.units("paragraph")
    scaled = seeds_paragraph_embeddings * np.linspace(50, 150, len(units), dtype=np.float32)[:, None]
    assert list(as_labels(fitted.predict(units, scaled))) == list(as_labels(fitted.predict(units, seeds_paragraph_embeddings)))
    refitted = Themes(THEME_FILE).fit(units, scaled, embedder)
    assert list(as_labels(refitted.predicted_themes_)) == list(as_labels(fitted.predicted_themes_))
    np.testing.assert_allclose(refitted.scores_, fitted.scores_, atol=1e-5)


def test_bad_inputs_to_fit(seeds_corpus, seeds_paragraph_embeddings, embedder):
    units = seeds_corpus.units("paragraph")
    with pytest.raises(InputError, match="row-aligned"):
        Themes(THEME_FILE).fit(units, seeds_paragraph_embeddings[:10], embedder)
    with pytest.raises(ModelMismatchError, match="384 dimensions"):
        Themes(THEME_FILE).fit(units, seeds_paragraph_embeddings[:, :100], embedder)
    with pytest.raises(InputError, match="threshold"):
        Themes(THEME_FILE, threshold=2).fit(units, seeds_paragraph_embeddings, embedder)
    with pytest.raises(InputError, match="lexical"):
        Themes(THEME_FILE, lexical="tfidf").fit(units, seeds_paragraph_embeddings, embedder)
    with pytest.raises(InputError, match="z_seed"):
        Themes(THEME_FILE, z_seed=0.5, z_keyword=1.0).fit(units, seeds_paragraph_embeddings, embedder)


def test_bbc_sections_as_themes(bbc_sample, embedder):
    """The BBC section themes (as an analyst writes them) on 200 BBC articles: precise, and far
    better than the nearest section name."""
    from topics.embedding.embed import embed_units

    units = bbc_sample.units("article")
    embeddings = embed_units(bbc_sample, "article", embedder)
    # Whole articles only: the closest sentences would embed 4,000 more texts (tested below on the seeds).
    themes = Themes(ROOT / "benchmarks" / "themes_data" / "bbc_themes.toml", sentences=False).fit(units, embeddings, embedder)
    truth = units["label"].astype(str).to_numpy()
    predicted = as_labels(themes.predicted_themes_)
    placed = predicted != "none"
    assert np.mean(predicted[placed] == truth[placed]) >= 0.85
    assert placed.mean() >= 0.5


def test_closest_sentence_finds_the_act_a_long_unit_mentions_once(embedder):
    """A report of one operation mentions a detention in one sentence among others: its closest
    sentence is much nearer a detentions theme than the whole unit, and the mixed closeness sits between."""
    from topics.themes import sentences as theme_sentences

    report = (
        "The weather in the valley was cold and the roads were closed by snow for most of the week. "
        "Local elders met the district governor to discuss the new school and the repair of the bridge. "
        "The market reopened on Tuesday and traders said prices of flour had fallen. "
        "During the operation the security force detained two suspected insurgents."
    )
    prototype = embedder.encode(["Suspected insurgents detained, arrested or taken into custody during an operation"])
    whole = embedder.encode([report]) @ prototype.T
    closest = theme_sentences.closest_sentence([report], prototype, embedder)
    assert closest[0, 0] > whole[0, 0] + 0.2
    mixed = theme_sentences.mixed_closeness(whole, closest)
    assert whole[0, 0] < mixed[0, 0] < closest[0, 0]
    assert theme_sentences.unit_sentences([report, ""]) == [theme_sentences.unit_sentences([report])[0], [""]]


def test_sentences_auto_looks_at_sentences_of_articles_not_paragraphs(seeds_corpus, seeds_paragraph_embeddings, embedder):
    from topics.themes import sentences as theme_sentences

    paragraphs = seeds_corpus.units("paragraph")
    articles = seeds_corpus.units("article")
    assert not theme_sentences.wanted("auto", paragraphs["text"].tolist())
    assert theme_sentences.wanted("auto", articles["text"].tolist())
    assert theme_sentences.wanted(True, paragraphs["text"].tolist()) and not theme_sentences.wanted(False, [])
    fitted = Themes(THEME_FILE).fit(paragraphs, seeds_paragraph_embeddings, embedder)
    whole_only = Themes(THEME_FILE, sentences=False).fit(paragraphs, seeds_paragraph_embeddings, embedder)
    assert not fitted.uses_sentences_
    np.testing.assert_array_equal(fitted.scores_, whole_only.scores_)
    # Forced on, each paragraph's closest sentence counts, and new units are scored the same way.
    by_sentence = Themes(THEME_FILE, sentences=True).fit(paragraphs, seeds_paragraph_embeddings, embedder)
    assert by_sentence.uses_sentences_ and not np.array_equal(by_sentence.z_scores_, fitted.z_scores_)
    np.testing.assert_allclose(by_sentence.transform(paragraphs, seeds_paragraph_embeddings), by_sentence.scores_, atol=1e-5)
    with pytest.raises(InputError, match="sentences"):
        Themes(THEME_FILE, sentences="always").fit(paragraphs, seeds_paragraph_embeddings, embedder)


# ------------------------------------------------------------------ command line
def run_cli(*args: str, cache_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "TOPICS_CACHE_DIR": str(cache_dir), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "topics", *args], capture_output=True, text=True, env=env, cwd=ROOT)


def test_cli_json_lists_every_unit_with_its_themes(seeds_dir, seeds_paragraph_embeddings, session_cache_dir, fitted):
    result = run_cli("themes", str(seeds_dir), "--themes", str(THEME_FILE), "--json", cache_dir=session_cache_dir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assignments = data["assignments"]
    assert len(assignments) == len(seeds_paragraph_embeddings)
    assert set(assignments[0]) == {"unit_id", "article_id", "theme", "themes", "score", "nearest_theme", "text"}
    by_id = {row["unit_id"]: row for row in assignments}
    for unit, row in zip(fitted.assignments().itertuples(), fitted.memberships_):
        listed = by_id[unit.unit_id]["themes"]
        assert [t["name"] for t in listed] == [n for n in unit.themes.split("; ") if n]
        assert all(t["score"] >= fitted.threshold for t in listed)
        assert all(t["evidence"] in ("keywords", "similarity", "learned", "neighbour", "word among members",
                                     "closest among members", "article") for t in listed)
        assert (by_id[unit.unit_id]["theme"] or "none") == as_labels([unit.theme])[0]
        # The same score as the API's, the primary theme's (the first listed) where there is one.
        assert by_id[unit.unit_id]["score"] == pytest.approx(unit.score, abs=1e-4)
        assert not listed or by_id[unit.unit_id]["score"] == listed[0]["score"]
        assert by_id[unit.unit_id]["nearest_theme"] == unit.nearest_theme
    assert any(row["theme"] is None for row in assignments)  # under no theme is null, not "nan"
    assert [t["name"] for t in data["themes"]] == fitted.theme_names_
    assert set(data["themes"][0]["evidence"]) == {"keywords", "similarity", "learning"}
    assert data["unmatched_themes"] == [] and data["notes"] == []


def test_cli_reports_a_broken_theme_file(seeds_dir, tmp_path, session_cache_dir):
    broken = write(tmp_path, '[[theme]]\nname = "drones"\ndescription = "US drones\n')
    result = run_cli("themes", str(seeds_dir), "--themes", str(broken), cache_dir=session_cache_dir)
    assert result.returncode == 1
    assert "error:" in result.stderr and "themes.toml" in result.stderr and "line 3" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_cli("themes", str(seeds_dir), "--themes", str(tmp_path / "missing.toml"), cache_dir=session_cache_dir)
    assert result.returncode == 1 and "theme file not found" in result.stderr


# ------------------------------------------------------------------ guided clustering
def test_topic_model_keeps_declared_themes_and_discovers_the_rest(seeds_corpus, seeds_paragraph_embeddings, embedder):
    from topics.modeling.model import TopicModel

    units = seeds_corpus.units("paragraph")
    declared = [t for t in load_themes(THEME_FILE) if t.name in ("drones", "al-Qaeda")]
    themes = Themes(declared).fit(units, seeds_paragraph_embeddings, embedder)
    model = TopicModel(themes=themes).fit(units, embeddings=seeds_paragraph_embeddings)
    labels = model.topic_labels()
    assert labels[0] == "drones" and labels[1] == "al-Qaeda"
    # Every unit the themes placed is in its theme's topic; every other unit is discovered or an outlier.
    np.testing.assert_array_equal(model.labels_[themes.labels_ == 0], 0)
    np.testing.assert_array_equal(model.labels_[themes.labels_ == 1], 1)
    rest = model.labels_[themes.labels_ < 0]
    assert ((rest >= 2) | (rest == -1)).all()
    assert len(set(rest[rest >= 2])) >= 1, "no topic discovered among the unassigned units"
    info = model.topic_info().set_index("topic_id")
    assert info.loc[0, "size"] == (themes.labels_ == 0).sum()


def test_bm25_lexical_evidence_also_works(seeds_corpus, seeds_paragraph_embeddings, embedder, seed_labels):
    themes = fit_on_seeds(THEME_FILE, seeds_corpus, seeds_paragraph_embeddings, embedder, lexical="bm25")
    predicted = as_labels(themes.predicted_themes_)
    placed = predicted != "none"
    assert placed.mean() >= 0.4 and np.mean(predicted[placed] == seed_labels[placed]) >= 0.7


# ------------------------------------------------------------------ report
def test_guided_report_carries_the_themes(seeds_dir, embedder, tmp_path):
    from topics.pipeline import find_topics
    from topics.viz.figures import map_groups

    result = find_topics(seeds_dir, themes=THEME_FILE, guided=True, embedder=embedder)
    names = result.themes.theme_names_
    # As TopicModel(themes=...) does: the declared themes are the first topics.
    assert result.model.topic_labels()[0] == names[0]
    files = result.write_report(tmp_path / "report")
    table = pd.read_csv(files.folder / "assignments.csv")
    assert {"theme", "themes", *(f"theme score: {name}" for name in names)} <= set(table.columns)
    assert table[[f"theme score: {name}" for name in names]].stack().between(0, 1).all()
    document = json.loads((files.folder / "topics.json").read_text(encoding="utf-8"))
    unit = document["units"][0]
    assert len(unit["theme_scores"]) == len(names) and "theme" in unit
    theme = document["themes"]["themes"][0]
    assert set(theme["evidence"]) == {"keywords", "similarity", "learning"} and "near_misses" in theme
    assert any(topic.get("themes") for topic in document["topics"])
    assert (files.folder / "map_themes.png").stat().st_size > 10_000
    markdown = (files.folder / "report.md").read_text(encoding="utf-8")
    assert "Most certain:" in markdown and "| from keywords / similarity / learning |" in markdown
    groups = map_groups(files.data, color_by="theme")
    assert [g["meta"] for g in groups if g["name"] != "no theme"] == names
    assert sum(len(g["members"]) for g in groups) == len(files.data.units)


def test_a_file_whose_themes_stand_out_little_is_said_not_to_fit_only_when_little_is_placed():
    """Narrow stories in a corpus about many subjects stand no closer to it than unrelated subjects, as a file
    written for another corpus does; what tells them apart for the note is how much was placed on clear evidence."""
    from types import SimpleNamespace

    from topics.themes.notes import _not_fitting_note

    fitted = SimpleNamespace(theme_names_=["Iraq war", "Darfur crisis", "hurricanes"],
                             theme_fits_=np.array([True, False, False]))
    narrow = _not_fitting_note(fitted, under_any=0.12)
    assert narrow.startswith("most themes stand out little") and "1 of 3 themes ('Iraq war')" in narrow
    assert "does not fit" not in narrow and "12.0% of the units" in narrow
    other = _not_fitting_note(fitted, under_any=0.01)
    assert other.startswith("the theme file does not fit this corpus: 1 of 3 themes ('Iraq war')")
    fitted.learning_themes_ = np.array([True, False, False])  # it stands out beyond doubt (corpus_fit.learning_regime)
    learns = _not_fitting_note(fitted, under_any=0.12)
    assert "; 'Iraq war' stands out of the corpus beyond doubt (its units, or its articles pooled) and is placed by its keywords" in learns
    assert "nothing was learned for them" in learns
    # Themes standing out in a file enriched as a whole: written for this corpus, however little is placed.
    assert _not_fitting_note(fitted, under_any=0.01).startswith("most themes stand out little")
    fitted.theme_fits_, fitted.learning_themes_ = np.zeros(3, dtype=bool), np.zeros(3, dtype=bool)
    assert "0 of 3 themes are closer" in _not_fitting_note(fitted, under_any=0.0)
