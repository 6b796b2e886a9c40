"""Bad input from the user's own files: theme files in other formats or with unshowable names,
dates that cannot be read, and what a command says when a filter leaves nothing.

The cases come from running every "Bad input" item of the themes, time and lookup work through
the real command line; each test here failed before its fix.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from topics.errors import InputError, TopicsWarning
from topics.themes.guided import Themes
from topics.themes.themefile import Theme, load_themes

TOPICS = [sys.executable, "-m", "topics"]
TOML = '[[theme]]\nname = "drones"\nkeywords = ["drone", "airspace"]\n\n[[theme]]\nname = "al-Qaeda"\n'
AS_DATA = [{"name": "drones", "keywords": ["drone", "airspace"]}, {"name": "al-Qaeda"}]


def run(*args, env=None) -> subprocess.CompletedProcess:
    result = subprocess.run([*TOPICS, *map(str, args)], capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=600)
    assert "Traceback" not in result.stderr, result.stderr
    return result


# ------------------------------------------------------------------ theme files


def names_and_keywords(themes) -> list[tuple[str, tuple[str, ...]]]:
    return [(theme.name, theme.keywords) for theme in themes]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("themes.json", json.dumps({"theme": AS_DATA})),
        ("list.json", json.dumps(AS_DATA)),
        ("themes.yaml", "theme:\n  - name: drones\n    keywords: [drone, airspace]\n  - name: al-Qaeda\n"),
        ("list.yml", "- name: drones\n  keywords: [drone, airspace]\n- name: al-Qaeda\n"),
        ("bom.toml", "\ufeff" + TOML),
    ],
)
def test_json_yaml_and_a_byte_order_mark_read_like_toml(tmp_path, name, text):
    pytest.importorskip("yaml") if name.endswith((".yaml", ".yml")) else None
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (tmp_path / "plain.toml").write_text(TOML, encoding="utf-8")
    assert names_and_keywords(load_themes(path)) == names_and_keywords(load_themes(tmp_path / "plain.toml"))


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("broken.json", '{"theme": [{"name": "drones"},]}', r"line 1, column \d+: invalid JSON"),
        ("broken.yaml", "theme:\n  - name: drones\n   keywords: [x\n", r"line \d+, column \d+: invalid YAML"),
        ("scalar.json", '"drones"', "expected themes"),
        ("json_as.toml", json.dumps({"theme": AS_DATA}), "invalid TOML.*looks like JSON: name the file .json"),
        ("yaml_as.toml", "theme:\n  - name: drones\n", "invalid TOML.*looks like YAML: name the file .yaml"),
        # TOML under a YAML or JSON name: each parser's own error, then what the file is.
        ("toml_as.yml", '# my themes\n[[theme]]\nname = "drones"\n', "invalid YAML.*looks like TOML: name the file .toml"),
        ("toml_as.json", '[[theme]]\nname = "drones"\n', "invalid JSON.*looks like TOML: name the file .toml"),
    ],
)
def test_a_broken_or_misnamed_theme_file_says_which_format_and_where(tmp_path, name, text, problem):
    _refused_naming_the_file(tmp_path / name, text, problem)


def _refused_naming_the_file(path, text, problem):
    pytest.importorskip("yaml") if path.name.endswith(".yaml") else None
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as raised:
        load_themes(path)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize(
    ("theme", "problem"),
    [
        ({"name": "\x1b[2J drones"}, r"theme 1: the name '\\x1b\[2J drones' holds the control character U\+001B"),
        ({"name": "nul\x00byte"}, r"holds the control character U\+0000"),
        ({"name": "\u202egnp.exe"}, r"holds the control character U\+202E"),
        ({"name": "\u200b\u200f"}, "shows no visible character"),
        ({"name": "drones", "keywords": ["drone\x07"]}, r"the keyword 'drone\\x07' holds the control character U\+0007"),
    ],
)
def test_a_theme_name_that_cannot_be_shown_as_written_is_refused(theme, problem):
    # A name becomes a table row in the terminal, a heading in the reports and a spreadsheet column.
    with pytest.raises(InputError, match=problem):
        load_themes([theme])


def test_a_refused_theme_name_is_named_with_its_line_in_the_file(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('[[theme]]\nname = "drones"\n\n[[theme]]\nname = "\\u001b[31mred"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 4 \(theme 2\): the name '\\x1b\[31mred'"):
        load_themes(path)


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        # The line named is the key's own, not the [[theme]] header's.
        ("t.toml", '[[theme]]\nname = "drones"\n\n[[theme]]\nname = "ISIS-K"\ndescription = "Khorasan"\n\n'
                   'keywords = ["ISKP", "  ", "Daesh"]\n',
         r"line 8 \(theme 2 'ISIS-K'\): keyword 2 of 3 in 'keywords' is blank \(empty or only spaces\): remove it"),
        ("t.toml", '[[theme]]\nname = "drones"\naliases = ""\n', r"line 3 \(theme 1 'drones'\): alias 1 of 1 in 'aliases' is blank"),
        ("t.json", '[{"name": "drones", "keywords": ["drone", ""]}]', r"theme 1 'drones': keyword 2 of 2 in 'keywords' is blank"),
        ("t.yaml", "- name: drones\n  examples: ['  ', '']\n", r"theme 1 'drones': examples 1, 2 of 2 in 'examples' are blank"),
    ],
)
def test_a_blank_keyword_alias_or_example_in_a_theme_file_is_refused_by_name(tmp_path, name, text, problem):
    # Before: dropped without a word; the analyst never learned that an entry was empty. Like every other
    # malformed entry of a theme file, it is an error naming the file, the line and the theme.
    _refused_naming_the_file(tmp_path / name, text, problem)


@pytest.mark.parametrize("themes", [
    [{"name": "drones", "keywords": "   "}],
    [{"name": "drones", "aliases": ["drone", "\u3000"]}],
    [Theme("drones", keywords=("drone", " "))],
    [Theme("drones", examples=("",))],
])
def test_a_blank_entry_given_in_python_is_refused_as_in_a_file(themes):
    with pytest.raises(InputError, match=r"theme 1 'drones': (keyword|alias|example) \d of \d in '\w+' is blank"):
        Themes(themes).fit(pd.DataFrame({"text": ["a drone over Kabul"]}), np.ones((1, 3), dtype=np.float32))


def _with_blanks(path: Path, version: int) -> Path:
    """The saved themes file ``path`` as an earlier version wrote it (``version``), with the blank keyword and example
    that version kept."""
    document = json.loads(path.read_text(encoding="utf-8"))
    document["format_version"] = version
    document["themes"][0]["keywords"].append("  ")
    document["themes"][0]["examples"].insert(0, "")
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_themes_and_a_model_saved_with_a_blank_entry_by_an_earlier_version_load_with_a_warning(
        seeds_corpus, seeds_paragraph_embeddings, embedder, tmp_path):
    # Before: Themes.load and TopicModel.load of such a file failed, naming "themes" rather than the file.
    from topics.modeling.model import TopicModel

    theme_file = Path(__file__).resolve().parents[1] / "seeds" / "themes.toml"
    units = seeds_corpus.units("paragraph")
    fitted = Themes(theme_file).fit(units, seeds_paragraph_embeddings, embedder)
    path = _with_blanks(fitted.save(tmp_path / "themes.json"), 2)
    with pytest.warns(TopicsWarning, match=rf"^{re.escape(str(path))}: blank entries dropped \(theme 1 '[^']+': 1 in 'keywords'; "
                                           r"theme 1 '[^']+': 1 in 'examples'\)"):
        loaded = Themes.load(path)
    assert loaded.themes_ == fitted.themes_
    np.testing.assert_array_equal(loaded.predict(units, seeds_paragraph_embeddings),
                                  fitted.predict(units, seeds_paragraph_embeddings))
    model = TopicModel(themes=theme_file, n_topics=8, random_state=7, embedder=embedder)
    folder = model.fit(units, embeddings=seeds_paragraph_embeddings).save(tmp_path / "model")
    _with_blanks(folder / "themes.json", 2)
    with pytest.warns(TopicsWarning, match=rf"^{re.escape(str(folder / 'themes.json'))}: blank entries dropped"):
        assert TopicModel.load(folder).themes_.themes_ == model.themes_.themes_
    # Of the present format (written by hand, then): refused, naming the file.
    with pytest.raises(InputError, match=rf"^{re.escape(str(_with_blanks(path, 3)))}: themes: theme 1 '[^']+': keywords .* are blank"):
        Themes.load(path)


def test_the_themes_command_names_a_blank_keyword_and_stops(seeds_dir, tmp_path, session_cache_dir):
    path = tmp_path / "t.toml"
    path.write_text('[[theme]]\nname = "drones"\nkeywords = ["drone", " "]\n', encoding="utf-8")
    result = run("themes", seeds_dir, "--themes", path, env={"TOPICS_CACHE_DIR": str(session_cache_dir)})
    assert result.returncode == 1, result.stdout
    assert f"{path}: line 3 (theme 1 'drones'): keyword 2 of 2 in 'keywords' is blank" in result.stderr


def test_near_misses_under_no_theme_are_null_in_json(seeds_dir, tmp_path, session_cache_dir):
    path = tmp_path / "t.toml"
    path.write_text(TOML, encoding="utf-8")
    result = run("themes", seeds_dir, "--themes", path, "--json", env={"TOPICS_CACHE_DIR": str(session_cache_dir)})
    assert result.returncode == 0, result.stderr
    near = [m for theme in json.loads(result.stdout)["themes"] for m in theme["near_misses"]]
    assert any(m["assigned_theme"] is None for m in near)
    assert not any(m["assigned_theme"] == "nan" for m in near)


# ------------------------------------------------------------------ dates


def test_dates_that_cannot_be_read_are_named_and_counted_not_dropped_silently(tmp_path):
    from topics.ingest.corpus import load_corpus

    table = tmp_path / "dated.csv"
    pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "date": ["yesterday", "2021-02-30", "1066-10-14", "2021-08-15"],
            "text": [
                "US drones flew over Kandahar airspace again.",
                "ISIS-K attacked a checkpoint in Kabul near the airport.",
                "The Doha commitments on US bases were discussed again.",
                "Regional powers met to discuss Afghanistan and its borders.",
            ],
        }
    ).to_csv(table, index=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(table)
    messages = [str(w.message) for w in caught if issubclass(w.category, TopicsWarning)]
    assert len(messages) == 1, messages
    assert str(table) in messages[0] and "2 of 4 dates could not be read" in messages[0]
    # Rows named by their line in the file, the header being line 1.
    assert "line 2 'yesterday'" in messages[0] and "line 3 '2021-02-30'" in messages[0]
    dates = corpus.articles.set_index("article_id")
    assert dates.loc["a", "date_source"] == "unreadable" and pd.isna(dates.loc["a", "date"])
    # A date before pandas's calendar (1677) is still a date; the time views leave it out later, counted.
    assert dates.loc["c", "date"] == "1066-10-14" and dates.loc["d", "date"] == "2021-08-15"
    by_source = corpus.summary()["dates_by_source"]
    assert by_source["given"] == 2 and by_source["unreadable"] == 2


def test_a_date_with_trailing_garbage_is_unreadable_not_cut_to_its_first_ten_characters():
    from topics.ingest.table_input import iso_date as _iso_date

    assert _iso_date("2021-08-01garbage") is None and _iso_date("2021-08-01 99:99") is None
    assert _iso_date("2021-08-01") == "2021-08-01" and _iso_date("1066-10-14") == "1066-10-14"


_STORIES = [
    "US drones flew over Kandahar airspace again.",
    "ISIS-K attacked a checkpoint in Kabul near the airport.",
    "The Doha commitments on US bases were discussed again.",
    "Regional powers met to discuss Afghanistan and its borders.",
    "Storms closed two ports on the coast overnight.",
    "Budget talks stalled in parliament over taxes.",
]


def _dated_table(tmp_path, dates, name="dated.csv"):
    """A real CSV file with one short article per date."""
    table = tmp_path / name
    pd.DataFrame({"id": [f"a{i}" for i in range(len(dates))], "date": dates, "text": _STORIES[: len(dates)]}).to_csv(table, index=False)
    return table


def test_a_date_that_names_only_a_month_or_a_year_is_its_first_day_and_says_so(tmp_path):
    # Before: "2010-03" was read as 1 March with nothing to tell it from a date that names that day.
    from topics.ingest.corpus import load_corpus

    written = ["2010-03", "March 2010", "03/2010", "2010", "2010-03-14", "Thu, 10 Jan 2008 03:47 GMT"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(_dated_table(tmp_path, written))
    assert not [w for w in caught if issubclass(w.category, TopicsWarning)]
    articles = corpus.articles
    assert articles["date"].tolist() == ["2010-03-01", "2010-03-01", "2010-03-01", "2010-01-01", "2010-03-14", "2008-01-10"]
    assert articles["date_precision"].tolist() == ["month", "month", "month", "year", "day", "day"]
    assert corpus.summary()["dates_by_precision"] == {"month": 3, "day": 2, "year": 1}
    # The units carry it, for the time views.
    assert set(corpus.units("paragraph")["date_precision"]) == {"month", "year", "day"}
    assert corpus.units("article")["date_precision"].tolist() == articles["date_precision"].tolist()


@pytest.mark.parametrize(
    ("cells", "reading", "expected"),
    [
        (["1259668800", "1260100800", "1303041600"], "Unix time in seconds", ["2009-12-01", "2009-12-06", "2011-04-17"]),
        (["1259668800000", "1260100800000"], "Unix time in milliseconds", ["2009-12-01", "2009-12-06"]),
        (["1259668800.0", "1260100800.0"], "Unix time in seconds", ["2009-12-01", "2009-12-06"]),  # a number column with a gap
        (["20091201", "20091206"], "YYYYMMDD", ["2009-12-01", "2009-12-06"]),
    ],
    ids=["seconds", "milliseconds", "float-seconds", "yyyymmdd"],
)
def test_a_column_of_whole_numbers_is_read_as_one_and_says_how(tmp_path, cells, reading, expected):
    # Before: pandas read "1260100800" as YYYYMMDDHH, the year 1260, without a word.
    from topics.ingest.corpus import load_corpus

    table = _dated_table(tmp_path, cells)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(table)
    messages = [str(w.message) for w in caught if issubclass(w.category, TopicsWarning)]
    assert len(messages) == 1 and str(table) in messages[0] and f"read as {reading}" in messages[0], messages
    assert f"line 2 {cells[0]!r} is {expected[0]}" in messages[0]
    assert corpus.articles["date"].tolist() == expected
    assert set(corpus.articles["date_precision"]) == {"day"}


def test_a_whole_number_of_another_length_is_unreadable_never_a_date_centuries_off(tmp_path):
    from topics.ingest.corpus import load_corpus
    from topics.ingest.table_input import iso_date

    # Most cells are epoch seconds: the one of eight digits and the one of six are not read another way.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(_dated_table(tmp_path, ["1259668800", "1260100800", "1260187200", "20100304", "201003"]))
    messages = " ".join(str(w.message) for w in caught if issubclass(w.category, TopicsWarning))
    assert "read as Unix time in seconds" in messages and "2 numbers of another length are not read" in messages
    assert "2 of 5 dates could not be read" in messages and "'201003'" in messages
    assert corpus.articles["date"].tolist()[:3] == ["2009-12-01", "2009-12-06", "2009-12-07"]
    assert corpus.articles["date"].iloc[3:].isna().all()
    # One cell alone is read by its own length; none is ever read into the 13th century.
    assert iso_date("1260100800") == "2009-12-06" and iso_date("201003") is None and iso_date("2010") == "2010-01-01"


def test_ingest_says_how_many_dates_name_only_a_month(tmp_path):
    result = run("ingest", _dated_table(tmp_path, ["2010-03", "2010-04", "2010-05-02"]))
    assert result.returncode == 0, result.stderr
    assert "dates: 2 of 3 articles have a date that names only a month; timelines place them at its first day, events leave them out" in result.stdout
    assert "2010-03 " in result.stdout and "2010-03-01" not in result.stdout  # as precisely as given


def test_ingest_prints_the_unreadable_dates_as_one_warning_line(tmp_path):
    table = tmp_path / "dated.csv"
    pd.DataFrame({"id": ["a", "b"], "date": ["31/13/2021", "2021-08-15"], "text": ["US drones flew over Kandahar.", "ISIS-K attacked in Kabul."]}).to_csv(table, index=False)
    result = run("ingest", table)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "could not be read" in line]
    assert len(lines) == 1 and lines[0].startswith("warning: ") and "'31/13/2021'" in lines[0]
    assert "dates: 1 given, 1 unreadable" in result.stdout or "dates: 1 unreadable, 1 given" in result.stdout


# ------------------------------------------------------------------ what the files hold


def test_json_files_show_invisible_characters_as_escapes_and_keep_their_value(tmp_path):
    from topics import _atomic

    value = {"title": "a\u202eb \x1b[2J\nline\ttab \u200c", "\u2066key": [1, "\x85"]}
    _atomic.write_json(tmp_path / "x.json", value)
    text = (tmp_path / "x.json").read_text(encoding="utf-8")
    assert json.loads(text) == value
    assert "\u202e" not in text and "\u2066" not in text and "\x85" not in text and "\\u202e" in text


def test_the_page_shows_controls_and_bidi_overrides_as_escapes():
    from topics.report.html import _environment, script_json

    page = _environment().from_string("<p>{{ value }}</p>").render(value="<b>\u202egnp.exe\x00\x1b[31m \u200cok</b>")
    assert page == "<p>&lt;b&gt;\\u202egnp.exe\\x00\\x1b[31m \u200cok&lt;/b&gt;</p>"  # the joiner Persian needs stays
    payload = json.loads(script_json({"title": "\u202egnp.exe \x1b[2J", "\u2067id": ["\x00", 1.5]}))
    assert payload == {"title": "\\u202egnp.exe \\x1b[2J", "\\u2067id": ["\\x00", 1.5]}
    assert json.loads(script_json({"title": "plain \\u0041 text"})) == {"title": "plain \\u0041 text"}


def test_every_format_character_is_escaped_or_kept_by_a_stated_rule():
    """Each Unicode format character (Cf) of this Python is in one of the sets the outputs are built from."""
    import re
    import unicodedata

    from topics.controls import BIDI_CONTROLS, INVISIBLE_FORMAT, SCRIPT_MARKS, SIGNS_OVER_DIGITS, SOFT_HYPHEN

    stated = re.compile(f"[{BIDI_CONTROLS}{INVISIBLE_FORMAT}{SCRIPT_MARKS}{SIGNS_OVER_DIGITS}{SOFT_HYPHEN}]")
    missing = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
               if unicodedata.category(chr(code)) == "Cf" and not stated.match(chr(code))]
    assert missing == []
    # JSON writes a tag character (past U+FFFF) as its surrogate pair: the same value read back.
    from topics.controls import json_escaped

    document = json_escaped(json.dumps({"id": "a\U000e0041\u200b"}, ensure_ascii=False))
    assert document == '{"id": "a\\udb40\\udc41\\u200b"}' and json.loads(document) == {"id": "a\U000e0041\u200b"}


INVISIBLE = "\u200b\ufeff\u2060\u2064\u180e\u206a\U000e0041\U000e0001"  # zero-width space ... tag A, language tag
KEPT = ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
        "Kan\u00addahar")  # a Persian word's joiner, England's flag, a soft hyphen: text as written


def test_invisible_format_characters_show_as_escapes_in_the_page_and_the_csv_files(tmp_path, session_cache_dir):
    # Before: a byte order mark, a word joiner, tag characters (a hidden text) reached index.html and the CSV files
    # raw: "Ka\u2060bul" showed as "Kabul" yet sorted, filtered and searched apart from it, and tags hid a text.
    import re

    from topics.pipeline import find_topics

    rows = [
        (f"drones{INVISIBLE}", f"US drones{INVISIBLE} over Kandahar", f"US drones flew over Ka\u2060bul and Kandahar again{INVISIBLE}. "
         f"Residents of the province said they were seen every night. {' '.join(KEPT)}"),
        ("isis", "ISIS-K attack", "ISIS-K attacked a checkpoint in Kabul and the group claimed the attack on the airport."),
        ("doha", "Doha talks", "The Doha commitments on US bases were discussed again by the Taliban and US envoys in Qatar."),
    ]
    corpus = tmp_path / "news.csv"
    pd.DataFrame(rows, columns=["id", "title", "text"]).to_csv(corpus, index=False)
    folder = find_topics(corpus, n_topics=2, cache_dir=session_cache_dir).write_report(tmp_path / "report").folder
    hidden = re.compile(f"[{INVISIBLE}]")
    for name in ("index.html", "topics.csv", "assignments.csv", "report.md"):
        written = (folder / name).read_text(encoding="utf-8")
        assert not hidden.findall(written.replace(KEPT[1], "")), name  # none raw but a flag's own tags
        assert re.search(r"drones\\{1,2}u200b\\{1,2}ufeff", written), name  # report.md escapes the backslash for Markdown
    for name in ("index.html", "assignments.csv"):  # a page or a spreadsheet: the text, scripts' marks as written
        written = (folder / name).read_text(encoding="utf-8")
        assert "Ka\\u2060bul" in written and all(kept in written for kept in KEPT), name
    assignments = pd.read_csv(folder / "assignments.csv", dtype=str)
    assert "drones\\u200b\\ufeff\\u2060\\u2064\\u180e\\u206a\\U000e0041\\U000e0001" in set(assignments["article_id"])


# ------------------------------------------------------------------ lookup


def test_a_date_filter_that_leaves_nothing_says_what_the_dates_are(tmp_path, session_cache_dir):
    table = tmp_path / "dated.csv"
    pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "date": ["2021-08-01", "2021-09-01", None],
            "text": ["US drones flew over Kandahar airspace again.", "ISIS-K attacked a checkpoint in Kabul.", "Drone strikes hit Nangarhar."],
        }
    ).to_csv(table, index=False)
    env = {"TOPICS_CACHE_DIR": str(session_cache_dir)}
    empty = run("similar", "drone strike", table, "--from", "2025-01-01", env=env)
    assert empty.returncode == 0, empty.stderr
    assert "no article is dated on or after 2025-01-01: the corpus's dated articles run from 2021-08-01 to 2021-09-01" in empty.stderr
    assert "1 undated articles are always left out" in empty.stderr
    some = run("similar", "drone strike", table, "--from", "2021-01-01", "--json", env=env)
    assert "note: 1 undated articles left out by --from/--to" in some.stderr
    assert {hit["article_id"] for hit in json.loads(some.stdout)["hits"]} == {"a", "b"}



def test_a_date_filter_reads_dates_before_1900_or_in_the_future_as_undated_like_the_time_views(tmp_path, session_cache_dir):
    # Before: --to 2021-12-31 found the article dated 1850, --from 2021-10-01 the one dated 2999, and the
    # corpus's dates "ran from 1850-06-01 to 2999-01-01", while the timeline, events and report read both as undated.
    table = tmp_path / "dated.csv"
    pd.DataFrame(
        {
            "id": ["a", "b", "old", "far", "none"],
            "date": ["2021-08-01", "2021-09-01", "1850-06-01", "2999-01-01", None],
            "text": ["US drones flew over Kandahar airspace again.", "A drone strike hit a compound in Kunar.",
                     "A drone strike killed three men in Paktia.", "Drone strikes hit Nangarhar.", "Drones circled Khost."],
        }
    ).to_csv(table, index=False)
    env = {"TOPICS_CACHE_DIR": str(session_cache_dir)}
    some = run("similar", "drone strike", table, "--to", "2021-12-31", "--json", env=env)
    assert some.returncode == 0, some.stderr
    assert {hit["article_id"] for hit in json.loads(some.stdout)["hits"]} == {"a", "b"}
    assert ("note: 3 undated articles left out by --from/--to; 2 of them are dated before 1900 or in the future, "
            "which the time views read as undated too") in " ".join(some.stderr.split())
    empty = run("similar", "drone strike", table, "--from", "2021-10-01", env=env)
    assert empty.returncode == 0, empty.stderr
    assert ("no article is dated on or after 2021-10-01: the corpus's dated articles run from 2021-08-01 to 2021-09-01 "
            "(3 undated articles are always left out") in " ".join(empty.stderr.split())
    # An open side reaching past what time can place only does not restrict; the dates there stay undated.
    wide = run("similar", "drone strike", table, "--from", "1850-01-01", "--to", "2999-12-31", "--json", env=env)
    assert wide.returncode == 0, wide.stderr
    assert {hit["article_id"] for hit in json.loads(wide.stdout)["hits"]} == {"a", "b"}

@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "yesterday"], "Invalid value for --from: 'yesterday' is not a date (use a day, month or year: YYYY-MM-DD, YYYY-MM or YYYY)"),
        (["--to", "2021-02-30"], "Invalid value for --to: '2021-02-30' is not a date"),
        (["--from", "2021-09-01", "--to", "2021-01-01"], "Invalid value for --from: 2021-09-01 is after --to 2021-01-01"),
        # Before: read as days, while the time views read such a date as undated: a window that ends before 1900
        # or starts in the future can match nothing. (An open side, "--from 1850" or "--to 2999", is accepted.)
        (["--to", "1850-06-01"], "Invalid value for --to: '1850-06-01' is before 1900: a date before 1900 or in the "
                                 "future is read as undated, by the time views and by this filter, so no article can match"),
        (["--from", "2999-01-01"], "Invalid value for --from: '2999-01-01' is in the future: a date before 1900"),
    ],
)
def test_a_date_filter_that_is_not_a_date_fails_before_the_corpus_is_read(tmp_path, args, message):
    # The corpus does not exist: the option is checked first, and named as the user wrote it. A value the
    # option cannot take is wrong usage: exit 2, as the README says (it was 1, the code of bad input).
    result = run("similar", "drone strike", tmp_path / "not-read.csv", *args)
    shown = " ".join(result.stderr.replace("\u2502", " ").split())  # the message as one line, out of its box
    assert result.returncode == 2 and message in shown, result.stderr
    assert "not-read.csv" not in result.stderr


def test_a_theme_file_that_does_not_fit_is_said_in_the_summary(seeds_dir, tmp_path):
    # Before: only in the progress log on stderr, among the steps; the summary printed the topics alone.
    sport = tmp_path / "sport.toml"
    sport.write_text("".join(f'[[theme]]\nname = "{name}"\nkeywords = ["{name}", "{word}"]\n\n' for name, word in
                             [("football", "goal"), ("tennis", "racket"), ("cricket", "wicket"), ("rugby", "scrum")]), encoding="utf-8")
    result = run("report", str(seeds_dir), "--themes", str(sport), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stdout.splitlines() if line.startswith("Note: ")]
    assert any("the theme file does not fit this corpus" in line for line in notes), result.stdout
    assert not any(line.startswith("Note: theme ") for line in notes)  # each theme's own notes stay in the report


def test_guided_without_themes_is_wrong_usage_naming_the_option(seeds_dir, tmp_path):
    # Before: exit 1 (bad input) with "guided topics need themes", naming no option.
    result = run("report", str(seeds_dir), "--guided", "--out", str(tmp_path / "out"))
    shown = " ".join(result.stderr.replace("\u2502", " ").split())
    assert result.returncode == 2 and "Invalid value for --guided: needs --themes" in shown, result.stderr
    assert not (tmp_path / "out").exists()
    # With --previous too: options that cannot go together are wrong usage as well (it was exit 1, naming the folder).
    result = run("report", str(seeds_dir), "--guided", "--themes", str(seeds_dir / "themes.toml"), "--previous", str(tmp_path),
                 "--out", str(tmp_path / "out"))
    shown = " ".join(result.stderr.replace("\u2502", " ").split())
    assert result.returncode == 2 and "Invalid value for --guided: cannot be used with --previous" in shown, result.stderr


@pytest.mark.parametrize("query", ["\u200b\u200b", "\u202e ", "\ufeff\u2066"])
def test_a_query_of_invisible_characters_is_empty(query):
    from topics.validate import check_query_text

    # Before: answered with the corpus's nearest articles to nothing, as if it said something.
    with pytest.raises(InputError, match="query: is empty"):
        check_query_text(query)
    assert check_query_text("  \u200bdrone strike ") == "\u200bdrone strike"


def test_the_command_line_calls_an_invisible_query_empty_before_reading_the_corpus(seeds_dir, session_cache_dir):
    result = run("similar", "--", "\u200b\u202e", seeds_dir / "not-read", env={"TOPICS_CACHE_DIR": str(session_cache_dir)})
    assert result.returncode == 1 and "error: query: is empty" in result.stderr


def test_themes_on_a_corpus_of_one_paragraph_say_why_nothing_is_placed(tmp_path, session_cache_dir):
    table = tmp_path / "one.csv"
    pd.DataFrame({"id": ["a"], "text": ["US drones flew over Kandahar airspace again."]}).to_csv(table, index=False)
    themes = tmp_path / "t.toml"
    themes.write_text(TOML, encoding="utf-8")
    result = run("themes", table, "--themes", themes, "--json", env={"TOPICS_CACHE_DIR": str(session_cache_dir)})
    assert result.returncode == 0, result.stderr
    notes = json.loads(result.stdout)["notes"]
    assert any(note.startswith("only 1 unit: ") for note in notes), notes
    # Before: "no unit has evidence for it", though its keywords are in the one paragraph.
    assert not any("'drones': no unit has evidence" in note for note in notes), notes
    assert any("'drones': no unit is under it; its keywords occur in 1 unit" in note for note in notes), notes


def test_a_query_in_another_script_gets_answered_with_a_note(seeds_dir, session_cache_dir):
    env = {"TOPICS_CACHE_DIR": str(session_cache_dir)}
    arabic = run("similar", "غارة بطائرة مسيرة في كابول", seeds_dir, "--json", env=env)
    assert arabic.returncode == 0, arabic.stderr
    assert json.loads(arabic.stdout)["hits"] and "note: a query is not written in Latin letters" in arabic.stderr
    french = run("similar", "frappe de drone à l'aéroport de Kaboul", seeds_dir, "--json", env=env)
    assert french.returncode == 0 and "Latin letters" not in french.stderr
    assert "only common words" not in french.stderr and "only common words" not in arabic.stderr


def test_a_query_of_common_words_only_gets_answered_with_a_note(seeds_dir, session_cache_dir):
    # Before: ranked matches (a score of 0.29) and nothing said that the query names nothing to look for.
    result = run("similar", "the of and a to in", seeds_dir, "--json", env={"TOPICS_CACHE_DIR": str(session_cache_dir)})
    assert result.returncode == 0, result.stderr
    assert "note: the query holds only common words" in result.stderr


def test_a_batch_names_the_line_of_an_unknown_id_or_a_query_that_names_nothing(tmp_path, seeds_dir, session_cache_dir):
    env = {"TOPICS_CACHE_DIR": str(session_cache_dir)}
    questions = tmp_path / "questions.txt"
    questions.write_text("drone strike\n\n000_390bfbc4b490d3ff\n", encoding="utf-8")
    # Before: "query: unknown article or paragraph id ... (pass kind='text' ...)": no line, and a Python-only remedy.
    result = run("similar", "--queries", questions, seeds_dir, "--json", env=env)
    assert result.returncode == 1 and not result.stdout
    assert f"{questions}: line 3: unknown article or paragraph id '000_390bfbc4b490d3ff' (add --as-text" in result.stderr
    result = run("similar", "--queries", questions, seeds_dir, "--json", "--as-text", env=env)
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 2, result.stderr
    # A query without a letter names nothing to look for; in a batch the note says which line.
    questions.write_text("drone strike\n???\nthe of and\n", encoding="utf-8")
    result = run("similar", "--queries", questions, seeds_dir, "--json", env=env)
    assert result.returncode == 0 and "note: the query on line 2 holds no word (no letter)" in result.stderr
    questions.write_text("drone strike\nthe of and\n", encoding="utf-8")
    result = run("similar", "--queries", questions, seeds_dir, "--json", env=env)
    assert "note: the query on line 2 holds only common words" in result.stderr


# ------------------------------------------------------------------ files that are not files


@pytest.mark.parametrize(
    "args",
    [
        ["themes", "CORPUS", "--themes", "/dev/zero"],
        ["themes", "CORPUS", "--themes", "FIFO"],
        ["report", "CORPUS", "--themes", "FIFO", "--out", "OUT"],
        ["similar", "--queries", "/dev/zero", "CORPUS"],
        ["similar", "--queries", "FIFO", "CORPUS"],
    ],
    ids=["themes-dev-zero", "themes-fifo", "report-themes-fifo", "queries-dev-zero", "queries-fifo"],
)
def test_a_theme_or_query_file_that_is_a_device_or_pipe_is_refused_not_read_forever(tmp_path, seeds_dir, args):
    # Before: /dev/zero filled the memory (a MemoryError traceback) and a FIFO waited for ever.
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    named = {"CORPUS": seeds_dir, "FIFO": fifo, "OUT": tmp_path / "out"}
    path = named.get(args[args.index("--themes") + 1] if "--themes" in args else args[args.index("--queries") + 1], None)
    result = run(*[named.get(a, a) for a in args])
    assert result.returncode == 1 and "is not a regular file (a pipe, socket or device)" in result.stderr, result.stderr
    assert str(path or "/dev/zero") in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_file_too_large_to_be_a_theme_file_is_refused_before_reading(tmp_path):
    from topics.validate import SMALL_FILE_BYTES, read_small_file

    path = tmp_path / "big.toml"
    path.write_text(TOML + "# " + "x" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"big.toml: 5,\d{3} bytes is too large for a theme file \(at most 1,000\)"):
        read_small_file(path, "a theme file", limit=1000)
    assert read_small_file(path, "a theme file") == path.read_bytes() and SMALL_FILE_BYTES >= 10_000_000


@pytest.mark.parametrize("model", ["", "FOLDER"])
def test_an_empty_model_name_or_a_folder_without_a_model_is_named_before_loading(tmp_path, model):
    from topics.embedding.embed import resolve_model

    folder = tmp_path / "my-notes"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a model")
    expected = "is empty" if model == "" else "cannot load embedding model 'my-notes': the folder has no modules.json or config.json"
    # Before: "Unrecognized model in ...", then a list of a hundred model types (or, for "", the current folder).
    with pytest.raises(InputError, match=expected):
        resolve_model(str(folder) if model == "FOLDER" else model)


# ------------------------------------------------------------------ the map image


def test_a_dollar_sign_in_a_theme_name_or_label_is_drawn_not_parsed_as_math(seeds_dir, tmp_path, session_cache_dir):
    # Before: matplotlib read "$\frac$" as TeX and the report stopped with a ParseSyntaxException traceback.
    themes = tmp_path / "money.toml"
    themes.write_text('[[theme]]\nname = "drones $\\\\frac$ costs"\nkeywords = ["drone"]\n\n'
                      '[[theme]]\nname = "_aid of US$ 5"\nkeywords = ["Taliban"]\n', encoding="utf-8")
    result = run("report", seeds_dir, "--themes", themes, "--out", tmp_path / "rep", env={"TOPICS_CACHE_DIR": str(session_cache_dir)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "rep" / "map_themes.png").stat().st_size > 10_000


def test_drawn_text_keeps_every_character_literal():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from topics.viz.static_map import drawn_text

    figure = Figure()
    FigureCanvasAgg(figure)
    text = figure.add_subplot().text(0, 0, drawn_text("$\\frac$ and $\\x{$ cost US$ 5"))
    figure.canvas.draw()  # raised ValueError (a mathtext parse error) before
    assert text.get_text() == "\\$\\frac\\$ and \\$\\x{\\$ cost US\\$ 5"


@pytest.mark.parametrize(("name", "problem"), [("missing.txt", "no such file of queries"), ("folder", "is a folder; give a file of queries")])
def test_a_queries_file_that_is_missing_or_a_folder_is_named(tmp_path, seeds_dir, name, problem):
    (tmp_path / "folder").mkdir()
    result = run("similar", "--queries", tmp_path / name, seeds_dir)
    assert result.returncode == 1 and f"{tmp_path / name}: {problem}" in result.stderr, result.stderr


# ------------------------------------------------------------------ parameters


def test_a_seed_numpy_cannot_take_is_refused_by_name(seeds_dir, tmp_path):
    import numpy as np

    from topics import TopicModel

    # Before: "ValueError: Seed must be between 0 and 2**32 - 1", a traceback after embedding.
    with pytest.raises(InputError, match=r"random_state must be None or a whole number from 0 to 2\*\*32 - 1 .*not -1"):
        TopicModel(random_state=-1).fit(["drones", "Kabul", "Doha"], embeddings=np.eye(3, dtype=np.float32))
    result = run("report", seeds_dir, "--out", tmp_path / "rep", "--seed", "-5")
    assert result.returncode == 2 and "--seed" in result.stderr and not (tmp_path / "rep").exists()


def test_blank_and_invisible_lines_of_a_queries_file_are_skipped(tmp_path):
    from topics.cli.similar_cmd import read_queries

    path = tmp_path / "q.txt"
    path.write_text("\ufeffdrone strike\n\u200b\n\n   \nISIS-K attack\n", encoding="utf-8")
    # Before: the zero-width line was answered as a query, and the first query began with the byte order mark.
    assert read_queries(path) == ["drone strike", "ISIS-K attack"]
    assert read_queries(path, with_lines=True) == (["drone strike", "ISIS-K attack"], [1, 5])
    path.write_text("\u200b\n\u202e\n", encoding="utf-8")
    with pytest.raises(InputError, match="holds no query"):
        read_queries(path)


def test_a_theme_map_of_many_themes_lists_the_largest_and_says_how_many_more(monkeypatch):
    import types

    import numpy as np
    from matplotlib.axes import Axes

    from topics.viz import static_map

    # 200 themes, 60 of which took units (theme k took k + 1 of them); the rest took none.
    themes = [{"name": f"theme {k:03d}"} for k in range(200)]
    rows = [{"theme": f"theme {k:03d}"} for k in range(60) for _ in range(k + 1)] + [{"theme": None}] * 30
    units = pd.DataFrame(rows)
    units["x"], units["y"], units["topic_id"] = np.arange(len(units)) % 37, np.arange(len(units)) % 41, 0
    data = types.SimpleNamespace(units=units, document={"themes": {"themes": themes}, "generator": "topics"},
                                 headline="many themes", topics=[])
    legends = []
    original = Axes.legend
    monkeypatch.setattr(Axes, "legend", lambda self, handles, names, **kw: legends.append(list(names)) or original(self, handles, names, **kw))
    assert static_map.render_map_png(data, color_by="theme")[:4] == b"\x89PNG"
    names = legends[-1]
    assert len(names) == static_map.LEGEND_MAX_TOPICS and names[-1] == "+14 more themes (see the report)"  # 61 groups, 47 shown
    assert "theme 059" in names and "no theme" in names and "theme 000" not in names  # the largest; none of the empty 140


def test_a_long_file_of_themes_the_corpus_lacks_gets_one_note_and_no_library_warning(seeds_corpus, seeds_paragraph_embeddings, embedder):
    # Before: two notes per absent theme (hundreds in report.md) and pandas' "highly fragmented" warning thrice.
    from topics.report.themes_section import unit_theme_columns
    from topics.themes.guided import Themes

    hobbies = ["jazz", "chess", "pottery", "cycling", "opera", "violin", "knitting", "baking", "astronomy", "surfing"]
    declared = [{"name": f"{a} and {b}", "description": f"all about {a} and {b}", "keywords": [a, b]}
                for a in hobbies for b in hobbies if a < b][:40]
    declared.append({"name": "symbols", "keywords": ["(", "*", "drone"]})
    units = seeds_corpus.units("paragraph")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        themes = Themes(declared).fit(units, seeds_paragraph_embeddings, embedder)
        columns = unit_theme_columns(type("Result", (), {"themes": themes})())
    assert columns.shape == (len(units), 2 + len(declared))
    absent = [note for note in themes.notes_ if "read as absent" in note]
    assert len(absent) == 1 and absent[0].startswith(f"{int(themes.absent_themes_.sum())} themes read as absent from this corpus ('")
    assert "theme 'symbols': a keyword needs a letter or a digit to be looked for; not looked for: (, *" in themes.notes_


def test_errors_and_warnings_show_a_names_controls_as_escapes_wherever_printed(tmp_path):
    # Before: only the command line escaped them; a script's traceback or a notebook's stderr got the raw
    # sequences of a file or column name (ESC[2J clears the screen, U+202E reverses what follows).
    from topics.ingest.corpus import load_corpus

    with pytest.raises(InputError) as caught:
        load_corpus(tmp_path / "missing\x1b[2J\u202e.csv")
    assert "\x1b" not in str(caught.value) and "missing\\x1b[2J\\u202e.csv: does not exist" in str(caught.value)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ok.txt").write_text("Budget talks\n\nThe budget talks stalled in parliament again.", encoding="utf-8")
    (folder / "latin\x1b]52;c;cHdu\x07.txt").write_bytes("Caf\xe9 owners protest\n\nThe caf\xe9 owners protested.".encode("cp1252"))
    with pytest.warns(TopicsWarning) as warned:
        load_corpus(folder)
    shown = [str(w.message) for w in warned]
    assert any("latin\\x1b]52;c;cHdu\\x07.txt" in line for line in shown)
    assert not any("\x1b" in line or "\x07" in line for line in shown)


def test_an_id_query_gets_no_script_note_and_a_missing_default_corpus_is_named(tmp_path, session_cache_dir):
    env = {"TOPICS_CACHE_DIR": str(session_cache_dir)}
    corpus = tmp_path / "pashto.csv"
    corpus.write_text("id,text\nد-خبر-1,Drones flew over Kandahar again on Monday night.\nد-خبر-2,A checkpoint attack in Kabul.\n",
                      encoding="utf-8")
    # Before: "note: a query is not written in Latin letters" for an id, which is no text.
    result = run("similar", "د-خبر-1", corpus, "--json", env=env)
    assert result.returncode == 0 and "Latin letters" not in result.stderr, result.stderr
    # Before: "error: seeds: does not exist", a folder the user never named.
    result = subprocess.run([sys.executable, "-m", "topics", "similar", "drones"], capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, **env, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert result.returncode == 2 and "give the corpus to search (there is no seeds/ here" in result.stderr


def test_json_lines_whose_first_line_is_an_array_name_that_line(tmp_path):
    """A first line "[...]" made the file a JSON array, and the error was the parser's "Extra data" at line 2."""
    from topics.ingest.corpus import load_corpus

    path = tmp_path / "lines.jsonl"
    path.write_text('["drones", "Kabul"]\n{"id": "a", "text": "US drones flew over Kabul."}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1 is not a JSON object") as error:
        load_corpus(path)
    assert str(path) in str(error.value)
    # One JSON array, or a truncated one, reads and fails as before.
    (tmp_path / "array.jsonl").write_text('[{"id": "a", "text": "US drones flew over Kabul again."}]', encoding="utf-8")
    assert len(load_corpus(tmp_path / "array.jsonl").articles) == 1
    (tmp_path / "cut.jsonl").write_text('[{"id": "a", "text": "US drones"},\n {"id": ', encoding="utf-8")
    with pytest.raises(InputError, match="cannot be read as JSONL"):
        load_corpus(tmp_path / "cut.jsonl")


@pytest.mark.parametrize("reference", ["&#27;[31m", "&#x0C;", "&#7", "&#xFFFF;"])
def test_a_page_with_a_reference_to_a_control_character_is_read_not_skipped(tmp_path, reference):
    """A numeric reference to a character XML cannot hold made the extractor find no article in the whole page."""
    from topics.ingest.corpus import load_corpus

    paragraphs = "".join(
        f"<p>US drones flew over Kandahar province again on day {n}, residents said, and the Taliban called the flights "
        "a violation of Afghan airspace and of the Doha agreement.</p>" for n in range(6))
    page = f"<html><head><title>Drones</title></head><body><article><h1>US drones {reference} over Kabul</h1>{paragraphs}</article></body></html>"
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert len(corpus.articles) == 1 and len(corpus.paragraphs) >= 6
    assert "Kandahar" in " ".join(corpus.paragraphs["text"])


def test_json_and_toml_nested_deeper_than_python_recurses_are_bad_input_not_a_traceback(tmp_path):
    # Thousands of brackets (damage, or hostile text) raised RecursionError: a traceback for a corpus row, a theme
    # file, an earlier report or the cache's meta.json, and a whole page dropped for its JSON-LD block.
    from topics.embedding.cache import EmbeddingCache
    from topics.embedding.embed import Embedder
    from topics.ingest.corpus import load_corpus
    from topics.modeling.previous import read_previous

    deep = "[" * 100_000 + "]" * 100_000
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": "a", "text": "Talks resumed in Doha on Monday after a pause."}\n' + deep + "\n")
    with pytest.raises(InputError, match=r"rows.jsonl: line 2 is not valid JSON \(nested too deeply\)"):
        load_corpus(rows)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text(f'<html><head><title>Talks resume</title><script type="application/ld+json">{deep}'
                                  "</script></head><body><p>The Taliban said on Monday that talks in Doha would resume "
                                  "next week after a long pause in the negotiations.</p></body></html>")
    assert len(load_corpus(pages).articles) == 1
    themes = tmp_path / "themes.toml"
    themes.write_text("a = " + deep + "\n")
    with pytest.raises(InputError, match="themes.toml: is not valid TOML .values nested too deeply"):
        load_themes(themes)
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / "topics.json").write_text(deep)
    with pytest.raises(InputError, match="topics.json: unreadable report: nested too deeply"):
        read_previous(earlier)
    texts = ["Drones flew over Kandahar.", "Talks resumed in Doha."]
    first = Embedder(cache_dir=tmp_path / "cache")
    reference = first.encode(texts)
    (EmbeddingCache(tmp_path / "cache", first.model_id, 384).folder / "meta.json").write_text(deep)
    with pytest.warns(TopicsWarning, match="rejected"):
        np.testing.assert_allclose(Embedder(cache_dir=tmp_path / "cache").encode(texts), reference, atol=1e-6)


def test_every_json_reader_and_a_yaml_theme_file_nested_too_deeply_are_bad_input_not_a_traceback(tmp_path):
    # A saved model's lexical_terms.json, a derived model's manifest, a Parquet table's JSON column and a YAML theme
    # file still raised RecursionError.
    from types import SimpleNamespace

    from topics._parquet import JSON_COLUMNS, read_parquet
    from topics.embedding import onnx_backend, static_backend
    from topics.modeling.lexical_space import FILES, TERMS_FILE, load_space

    deep = "[" * 100_000 + "]" * 100_000
    saved = tmp_path / "model"
    saved.mkdir()
    for name in FILES:
        (saved / name).write_text("x")
    (saved / TERMS_FILE).write_text(deep)
    with pytest.raises(InputError, match="lexical_terms.json: is not valid JSON: nested too deeply"):
        load_space(SimpleNamespace(), saved)
    for backend in (static_backend, onnx_backend):
        (tmp_path / backend.MANIFEST).write_text(deep)
        assert backend._read_manifest(tmp_path) is None  # an unreadable manifest: the model is derived again
    table = pd.DataFrame({"value": [deep]})
    table.attrs = {JSON_COLUMNS: ["value"]}
    table.to_parquet(tmp_path / "table.parquet")
    with pytest.raises(ValueError, match="nested too deeply"):
        read_parquet(tmp_path / "table.parquet")
    themes = tmp_path / "themes.yaml"
    themes.write_text("theme: " + deep + "\n")
    with pytest.raises(InputError, match="themes.yaml: is not valid YAML .values nested too deeply"):
        load_themes(themes)
