"""Guided themes: a unit's one keyword of a theme said outside its lead sentence, the lead about something else (a
passing mention, ``topics.themes.salience``; off by default), is no evidence for the theme when the rule is on."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from tests.unrelated_news import UNRELATED_NEWS
from topics.themes import corpus_fit, evidence, salience
from topics.themes.guided import Themes
from topics.themes.evidence import SOURCE_KEYWORDS
from topics.themes.themefile import load_themes

DISPUTES = {
    "name": "Industrial disputes",
    "description": "Industrial relations disputes in Australia: unions, strikes and industrial action, pay and wage disputes",
    "keywords": ["unions", "strike", "Industrial Relations Commission"],
}
# Written for this test after the paragraphs of the ABC News corpus that showed the pattern.
LEADS = "Unions say Qantas maintenance workers will walk off the job in their dispute over the airline's wage freeze."
PASSING = ("Employers want workplace agreements to cover more workers and say wages should follow productivity. The "
           "minister will take the proposal to Cabinet. Unions have criticised the plan.")
TWO_WORDS = "The Industrial Relations Commission ordered an end to the strike. Unions said they would comply."
NAMED = "Talks continued. The Industrial Relations Commission will hear the case on Friday."
OTHERS = UNRELATED_NEWS + [
    "Scientists found a new species of frog in the rainforest.",
    "Australia took two late wickets on the fourth day of the Test in Adelaide.",
    "Asylum seekers set fire to buildings at the detention centre for a third night.",
    "Building workers walked off the job for a third day in support of their union's officials.",
    "Bank staff will stop work for four hours on Friday in a dispute over pay and conditions.",
]
TEXTS = [LEADS, PASSING, TWO_WORDS, NAMED] + OTHERS


def _passing(texts):
    themes = Themes([DISPUTES])
    themes.themes_ = load_themes([DISPUTES])  # as fit reads them; only the keywords are needed here
    themes._lexical_fit(texts)
    return themes, salience.passing_mentions(texts, themes._alias_hits, themes._alias_columns, themes._alias_within,
                                              [themes._named(c) for c in range(len(themes.aliases_))], themes.aliases_)


def test_a_lone_common_word_outside_the_lead_sentence_is_a_passing_mention():
    _, passing = _passing(TEXTS)
    # Only the paragraph that says "unions" once, in its last sentence, and no other keyword of the theme.
    np.testing.assert_array_equal(passing[:, 0], [False, True, False, False] + [False] * len(OTHERS))
    # One sentence is its own lead; two keywords and a name are not a passing mention wherever they are.
    _, alone = _passing(["Airport staff are poorly trained, unions said.", "A long day. Then unions went on strike."])
    assert not alone.any()
    assert salience.lead_sentences(["One. Two.", "", "No end"]) == ["One.", "", "No end"]
    # A passing mention in an article whose other paragraph holds the theme's keywords is the article's subject.
    themes, _ = _passing(TEXTS)
    same_article = [0, 0] + list(range(2, len(TEXTS)))  # LEADS and PASSING, one article
    supported = salience.passing_mentions(TEXTS, themes._alias_hits, themes._alias_columns, themes._alias_within,
                                          [themes._named(c) for c in range(len(themes.aliases_))], themes.aliases_,
                                          articles=np.array(same_article))
    assert not supported.any()


def test_a_keyword_that_is_half_of_a_two_sentence_paragraph_is_not_said_in_passing(monkeypatch):
    # Before: a lone keyword in the second of two sentences was a passing mention, as in most AG News items (a lead,
    # then what it means), which then lost their own section. Now its sentence must be at most a third of the paragraph.
    two = "Employers want workplace agreements to cover more workers. Unions have criticised the plan."
    texts = [two, PASSING] + OTHERS
    _, passing = _passing(texts)
    assert salience.sentence_counts([two, PASSING, "One.", "", 'He said "no." Then. Done.', "Acme Co. AC.N cut jobs. Then."]).tolist() == [2, 3, 1, 0, 3, 2]
    np.testing.assert_array_equal(passing[:, 0], [False, True] + [False] * len(OTHERS))
    monkeypatch.setattr(salience, "MIN_SENTENCES", 0)  # the rule before
    _, before = _passing(texts)
    np.testing.assert_array_equal(before[:, 0], [True, True] + [False] * len(OTHERS))


def test_the_rule_takes_the_passing_mention_out_of_a_themes_keyword_evidence(embedder, monkeypatch):
    # Paragraphs, each its article's only one (the rule reads paragraphs, not whole articles).
    units = pd.DataFrame({"unit_id": [f"a{i}#p000" for i in range(len(TEXTS))], "article_id": [f"a{i}" for i in range(len(TEXTS))],
                          "position": 0, "text": TEXTS})
    embeddings = np.asarray(embedder.encode(TEXTS), dtype=np.float32)
    monkeypatch.setattr(corpus_fit, "CHECK_FIT", False)  # a one-theme file on 16 paragraphs is too small for the fit check
    monkeypatch.setattr(salience, "LEAD_ELSEWHERE", False)  # the lead sentence not read: the next test reads it

    def fit_on(frame, rule=True):
        return Themes([DISPUTES], use_context=False, article_context=False, learn=False,
                      passing_mentions=rule).fit(frame, embeddings, embedder)

    before, after = fit_on(units, rule=False), fit_on(units)
    passing = TEXTS.index(PASSING)
    # Without the rule its one "unions", in its last sentence, placed it; with the rule nothing does.
    assert before.memberships_[passing, 0] and before.sources_[passing, 0] == SOURCE_KEYWORDS
    assert not after.memberships_[passing, 0]
    # Every other unit stays as it was, the one that leads with the word included, and new units are read alike.
    others = np.arange(len(TEXTS)) != passing
    np.testing.assert_array_equal(after.memberships_[others], before.memberships_[others])
    np.testing.assert_array_equal(after.transform(units, embeddings) >= 0.5, after.memberships_)
    # Whole articles of one paragraph say their keyword in that paragraph: read one level up, nothing changes.
    articles = units.drop(columns=["position"])
    on_articles = fit_on(articles)
    np.testing.assert_array_equal(on_articles.memberships_, fit_on(articles, rule=False).memberships_)
    # Fitted on whole articles, it still reads new paragraphs so (before: an AttributeError, no lead null kept).
    assert on_articles.passing_themes_.any()
    assert not on_articles.transform(units, embeddings)[passing, 0] >= 0.5


def test_a_passing_mention_leaves_the_themes_evidence_not_its_null(embedder, monkeypatch):
    # Before: the passing unit joined the theme's null (the units without its keywords), which moved the null's centre
    # and spread, and with them every unit's closeness and the theme's enrichment: on AG News items a few sports
    # features read as passing lowered Sports' enrichment under the fit test's bar and 11 other items lost the section.
    from topics.themes import calibration

    units = pd.DataFrame({"unit_id": [f"a{i}#p000" for i in range(len(TEXTS))], "article_id": [f"a{i}" for i in range(len(TEXTS))],
                          "position": 0, "text": TEXTS})
    embeddings = np.asarray(embedder.encode(TEXTS), dtype=np.float32)
    monkeypatch.setattr(corpus_fit, "CHECK_FIT", False)
    monkeypatch.setattr(salience, "LEAD_ELSEWHERE", False)
    monkeypatch.setattr(calibration, "MIN_NULL_UNITS", 5)  # a null from these few paragraphs

    def fit_on(rule):
        return Themes([DISPUTES], use_context=False, article_context=False, learn=False,
                      passing_mentions=rule).fit(units, embeddings, embedder)

    before, after = fit_on(False), fit_on(True)
    passing = TEXTS.index(PASSING)
    assert before.sources_[passing, 0] == SOURCE_KEYWORDS and after.sources_[passing, 0] != SOURCE_KEYWORDS
    np.testing.assert_array_equal(after.null_centre_, before.null_centre_)
    np.testing.assert_array_equal(after.null_spread_, before.null_spread_)


def test_a_lead_too_short_to_say_anything_runs_on_into_the_next_sentences(monkeypatch):
    # Before: "How does he like lobster?" was the lead of an AG News tennis feature, so its "players" a sentence
    # later was outside the lead, a passing mention, and the item lost its section; likewise after a dateline and a greeting.
    teaser = ("How does he like lobster? Bahar Uttam sees the players on a tennis court every morning. He trains them. "
              "The final is on Sunday.")
    greeting = "FOXBOROUGH -- Hello, Mike Mularkey. Welcome to the team of New England. Watch the film of last week. It helps."
    assert salience.lead_passages([teaser, greeting, LEADS, "One. Two."]) == [
        "How does he like lobster? Bahar Uttam sees the players on a tennis court every morning.",
        "FOXBOROUGH -- Hello, Mike Mularkey. Welcome to the team of New England.", LEADS, "One. Two."]
    assert salience.lead_sentences([teaser])[0] == "How does he like lobster?"  # the sentence itself is unchanged
    sport = {"name": "Sports", "description": "sport: tennis, football and baseball, games, players and results",
             "keywords": ["players", "team", "season"]}
    texts = [teaser, greeting, PASSING] + OTHERS
    themes = Themes([sport])
    themes.themes_ = load_themes([sport])
    themes._lexical_fit(texts)

    def passing():
        return salience.passing_mentions(texts, themes._alias_hits, themes._alias_columns, themes._alias_within,
                                         [themes._named(c) for c in range(len(themes.aliases_))], themes.aliases_)[:, 0]

    assert themes._alias_hits[:2].any(axis=1).all() and not passing()[:2].any()
    monkeypatch.setattr(salience, "MIN_LEAD_WORDS", 0)  # the lead sentence alone, as before
    assert passing()[:2].all()



# A lone "unions" after a lead on airport security; the same word after a lead on a strike that does not name it.
SECURITY = {
    "name": "Aviation security",
    "description": "Security on planes and at airports: armed air marshals on flights, screening of passengers and baggage",
    "keywords": ["air marshals", "airport screening"],
}
SECURITY_LEAD = ("Armed air marshals will travel on domestic flights from next month under the Government's security plan. "
                 "Airlines say they understand the need for it. Unions are also worried about the training of airport staff.")
STRIKE_LEAD = ("Bank staff will walk off the job for 24 hours on Friday in a dispute over pay and workloads. "
               "Branches will close early. Unions say talks with the banks have broken down.")
LEAD_TEXTS = [SECURITY_LEAD, STRIKE_LEAD, LEADS, TWO_WORDS] + OTHERS


def test_the_lead_sentence_says_whether_a_later_keyword_is_said_in_passing(embedder):
    # Before: every lone common keyword outside the lead was a passing mention, so a paragraph that leads with a
    # strike in other words and names the unions after it lost its keyword, as a section's word after a section's
    # lead did on BBC News. Now only where the lead is closer to another theme, or less close than the typical unit.
    themes = Themes([DISPUTES, SECURITY])
    themes.themes_ = load_themes([DISPUTES, SECURITY])
    themes._lexical_fit(LEAD_TEXTS)
    named = [themes._named(c) for c in range(len(themes.aliases_))]
    prototypes = np.asarray(embedder.encode([theme.prototype_text for theme in themes.themes_]), dtype=np.float64)
    similarity = np.asarray(embedder.encode(LEAD_TEXTS), dtype=np.float64) @ prototypes.T
    centre, spread = np.median(similarity, axis=0), similarity.std(axis=0)

    def lead_closeness(leads):
        return (np.asarray(embedder.encode(leads), dtype=np.float64) @ prototypes.T - centre) / spread

    def passing(closeness):
        return salience.passing_mentions(LEAD_TEXTS, themes._alias_hits, themes._alias_columns, themes._alias_within,
                                         named, themes.aliases_, lead_closeness=closeness)

    without_leads, with_leads = passing(None), passing(lead_closeness)
    assert without_leads[:2, 0].all()  # both hold "unions" alone, outside their lead
    np.testing.assert_array_equal(with_leads[:, 0], [True] + [False] * (len(LEAD_TEXTS) - 1))
    assert not with_leads[:, 1].any()  # the security paragraph leads with its keyword
    # The lead read for the candidates only: closer to another theme, or below the null's centre, is elsewhere.
    candidates = np.array([[True, False], [True, False], [False, True]])
    z = {"a": [0.5, 1.0], "b": [-0.2, -1.0], "c": [1.0, 2.0]}
    elsewhere = salience.lead_elsewhere(["a", "b", "c"], candidates, lambda leads: np.array([z[lead] for lead in leads]))
    np.testing.assert_array_equal(elsewhere, [[True, False], [True, False], [False, False]])
    # A name said alone after a lead on something else is read the same way; without the lead read, never.
    named_texts = ["Airlines said the air marshals plan was sound. Pilots agreed. Later the Industrial Relations Commission sat late."] + OTHERS
    themes._lexical_fit(named_texts)
    named = [themes._named(c) for c in range(len(themes.aliases_))]
    assert any(named)
    read = salience.passing_mentions(named_texts, themes._alias_hits, themes._alias_columns, themes._alias_within, named,
                                     themes.aliases_, lead_closeness=lambda leads: np.tile([-1.0, 2.0], (len(leads), 1)))
    unread = salience.passing_mentions(named_texts, themes._alias_hits, themes._alias_columns, themes._alias_within, named,
                                       themes.aliases_)
    assert read[0, 0] and not unread.any()


def test_the_rule_is_a_parameter_kept_by_save_and_given_by_the_command_line(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from topics.cli import app
    from topics.errors import InputError
    from topics.themes import guided

    path = Themes([DISPUTES], passing_mentions=True).save(tmp_path / "themes.json")
    assert Themes.load(path).passing_mentions is True
    broken = tmp_path / "broken.json"
    broken.write_text(path.read_text().replace('"passing_mentions": true', '"passing_mentions": "yes"'))
    try:
        Themes.load(broken)
        raise AssertionError("a passing_mentions that is not True or False was accepted")
    except InputError as exc:
        assert "broken.json" in str(exc) and "passing_mentions" in str(exc)

    # The command line hands the flag to the estimator it fits: without one the default, on for paragraphs.
    seen = []
    fit = guided.Themes.fit

    def recording_fit(self, *args, **kwargs):
        seen.append(self.passing_mentions)
        return fit(self, *args, **kwargs)

    monkeypatch.setattr(guided.Themes, "fit", recording_fit)
    corpus, theme_file = _corpus_and_theme_file(tmp_path)
    for flags, given, expected in (([], "auto", True), (["--passing-mentions"], True, True), (["--no-passing-mentions"], False, False)):
        result = CliRunner().invoke(app, ["themes", str(corpus), "--themes", str(theme_file), "--cache-dir", str(tmp_path / "cache"),
                                          "--json", *flags])
        assert result.exit_code == 0, result.output
        assert seen.pop() == given
        assert json.loads(result.stdout)["passing_mentions"] is expected  # said beside the threshold, as in a report
    # Whole articles are read one level up (their lead paragraph), and the output says so (before: read as they were).
    for flags, given, expected in (([], "auto", True), (["--passing-mentions"], True, True), (["--no-passing-mentions"], False, False)):
        result = CliRunner().invoke(app, ["themes", str(corpus), "--themes", str(theme_file), "--cache-dir", str(tmp_path / "cache"),
                                          "--json", "--level", "article", *flags])
        assert result.exit_code == 0, result.output
        assert seen.pop() == given and json.loads(result.stdout)["passing_mentions"] is expected


def test_the_report_takes_the_rule_as_the_themes_command_and_python_do_and_says_it_was_on(tmp_path, monkeypatch):
    # Before: `topics report --themes` had no --passing-mentions, and a Themes given to find_topics lost its file's
    # name in the report; the report did not say whether the rule was on.
    from typer.testing import CliRunner

    from topics.cli import app
    from topics.pipeline import find_topics
    from topics.themes import guided

    monkeypatch.setattr(corpus_fit, "CHECK_FIT", False)
    seen = []
    fit = guided.Themes.fit

    def recording_fit(self, *args, **kwargs):
        seen.append((self.passing_mentions, self.random_state))
        return fit(self, *args, **kwargs)

    monkeypatch.setattr(guided.Themes, "fit", recording_fit)
    corpus, theme_file = _corpus_and_theme_file(tmp_path)
    for flags, given, expected in (([], "auto", True), (["--no-passing-mentions"], False, False), (["--passing-mentions"], True, True),
                                   (["--passing-mentions", "--guided"], True, True)):
        out = tmp_path / f"report{len(flags)}{given}"
        result = CliRunner().invoke(app, ["report", str(corpus), "--themes", str(theme_file), "--cache-dir", str(tmp_path / "cache"),
                                          "--out", str(out), "--seed", "7", "--json", *flags])
        assert result.exit_code == 0, result.output
        assert seen.pop() == (given, 7)  # the seed reaches the themes as without the flag
        document = json.loads((out / "topics.json").read_text(encoding="utf-8"))
        assert document["themes"]["passing_mentions"] is expected and document["themes"]["file"] == str(theme_file)
        assert ("passing mention" in (out / "report.md").read_text(encoding="utf-8")) is expected
        assert ("passing mention" in (out / "index.html").read_text(encoding="utf-8")) is expected
    for flag in ("--passing-mentions", "--no-passing-mentions"):
        result = CliRunner().invoke(app, ["report", str(corpus), flag, "--out", str(tmp_path / "none")])
        assert result.exit_code != 0 and "--themes" in result.output and flag in result.output and not (tmp_path / "none").exists()
    # Whole articles are read one level up (before: refused at --level article, the rule read no article).
    out = tmp_path / "articles"
    result = CliRunner().invoke(app, ["report", str(corpus), "--themes", str(theme_file), "--cache-dir", str(tmp_path / "cache"),
                                      "--out", str(out), "--level", "article", "--passing-mentions"])
    assert result.exit_code == 0, result.output
    assert seen.pop() == (True, 42) and not seen
    assert json.loads((out / "topics.json").read_text(encoding="utf-8"))["themes"]["passing_mentions"] is True
    # The other options of `topics themes` reach the report's themes too, and the report says so.
    seen_options = []
    monkeypatch.setattr(guided.Themes, "fit", lambda self, *a, **k: (seen_options.append((self.threshold, self.article_context)),
                                                                      fit(self, *a, **k))[1])
    out = tmp_path / "options"
    result = CliRunner().invoke(app, ["report", str(corpus), "--themes", str(theme_file), "--cache-dir", str(tmp_path / "cache"),
                                      "--out", str(out), "--threshold", "0.7", "--no-article-context"])
    assert result.exit_code == 0, result.output
    assert seen_options == [(0.7, False)]
    document = json.loads((out / "topics.json").read_text(encoding="utf-8"))
    assert document["themes"]["threshold"] == 0.7 and document["themes"]["article_context"] is False
    assert "does not take a theme from its article" in (out / "report.md").read_text(encoding="utf-8")
    assert "does not take a theme from its article" in (out / "index.html").read_text(encoding="utf-8")
    # Whole articles have no article apart from themselves: the report does not claim the switch did anything.
    out = tmp_path / "article_options"
    result = CliRunner().invoke(app, ["report", str(corpus), "--themes", str(theme_file), "--cache-dir", str(tmp_path / "cache"),
                                      "--out", str(out), "--level", "article", "--no-article-context"])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "topics.json").read_text(encoding="utf-8"))["themes"]["article_context"] is None
    assert "does not take a theme from its article" not in (out / "report.md").read_text(encoding="utf-8")
    assert "does not take a theme from its article" not in (out / "index.html").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(corpus), "--no-article-context", "--out", str(tmp_path / "none")])
    assert result.exit_code != 0 and "--themes" in result.output and not (tmp_path / "none").exists()
    # Python: a Themes of the file with the rule on is read the same way, its file named.
    result = find_topics(corpus, themes=guided.Themes(theme_file, passing_mentions=True),
                         embedding_model=None, cache_dir=tmp_path / "cache")
    files = result.write_report(tmp_path / "python")
    document = json.loads((files.folder / "topics.json").read_text(encoding="utf-8"))
    assert document["themes"]["passing_mentions"] is True and document["themes"]["file"] == str(theme_file)


def test_a_lead_sentence_closed_by_a_quote_or_bracket_ends_there():
    # Before: the lead sentence ran on past a closing quote ('... "fair and overdue." Unions have ...'), so a
    # keyword said after a quoted first sentence counted as leading the paragraph and was never a passing mention.
    quoted = 'Employers say the plan is "fair and overdue." Unions have criticised it. The bill goes to Cabinet next week.'
    bracketed = "Employers backed the plan (the second this year.) Unions have criticised it. The bill goes to Cabinet."
    assert salience.lead_sentences([quoted, bracketed]) == ['Employers say the plan is "fair and overdue."',
                                                           "Employers backed the plan (the second this year.)"]
    _, passing = _passing([quoted, bracketed, *OTHERS])
    assert passing[:2, 0].all()
    # Still one sentence: a quote closed inside it, a quoted question and its speaker, and a title's full stop.
    inside = '"We will not move," the unions said after the vote.'
    asked = "“Why do the unions want it?” Senator Brown asked the minister."
    title = "Mr. Howard said unions would be consulted. The bill goes to Cabinet."
    assert salience.lead_sentences([inside, asked, title]) == [inside, asked, "Mr. Howard said unions would be consulted."]
    _, passing = _passing([inside, asked, title, *OTHERS])
    assert not passing[:3, 0].any()


def test_a_lead_sentence_runs_on_past_a_companys_abbreviation():
    # Before: the lead of "NEW YORK (Reuters) - Colgate-Palmolive Co. CL.N will cut 4,400 jobs" was
    # "NEW YORK (Reuters) - Colgate-Palmolive Co.", a fragment about nothing, and a keyword in the rest of the
    # sentence was outside the lead (on AG News, business items lost their section so).
    company = "NEW YORK (Reuters) - Acme Co. AC.N will cut 400 jobs as unions strike. Shares fell."
    two = "Acme Corp. Widgets Inc. said unions agreed. The plant reopens on Monday."
    assert salience.lead_sentences([company, two]) == ["NEW YORK (Reuters) - Acme Co. AC.N will cut 400 jobs as unions strike.",
                                                     "Acme Corp. Widgets Inc. said unions agreed."]
    assert salience.lead_sentences(["Shares of Acme Inc.", "Ltd. staff walked out. Unions agreed."]) == [
        "Shares of Acme Inc.", "Ltd. staff walked out."]


def test_the_themes_command_json_says_whether_paragraphs_took_their_articles_theme_as_the_report_does(tmp_path, monkeypatch):
    # Before: `topics themes --json` gave the threshold and passing_mentions but not article_context, which the
    # report's themes record beside them.
    from typer.testing import CliRunner

    from topics.cli import app

    monkeypatch.setattr(corpus_fit, "CHECK_FIT", False)
    corpus, theme_file = _corpus_and_theme_file(tmp_path)
    for flags, expected in (([], True), (["--no-article-context"], False)):
        result = CliRunner().invoke(app, ["themes", str(corpus), "--themes", str(theme_file), "--cache-dir", str(tmp_path / "cache"),
                                          "--json", *flags])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["article_context"] is expected


def _corpus_and_theme_file(folder):
    """(a CSV of ``TEXTS``, a theme file of the disputes theme) written in ``folder``, as a user gives them."""
    corpus = folder / "corpus.csv"
    pd.DataFrame({"id": [f"a{i}" for i in range(len(TEXTS))], "text": TEXTS}).to_csv(corpus, index=False)
    theme_file = folder / "disputes.toml"
    theme_file.write_text('[[theme]]\nname = "Industrial disputes"\ndescription = "%s"\nkeywords = ["unions", "strike"]\n'
                          % DISPUTES["description"])
    return corpus, theme_file


# A long message of the kind 20 Newsgroups holds, written for this test: a keyboard FAQ whose one "moon" is an idiom
# in its seventh paragraph (the review found "once-in-a-blue-moon" placing such a FAQ under space flight).
FAQ = [
    "This is the alternative keyboards FAQ, posted monthly to the typing injury groups.",
    "It lists the keyboards people with repetitive strain injuries have tried, and where to buy them.",
    "Split keyboards divide the keys into two halves, so the wrists stay straight.",
    "Key-less keyboards read the position of the fingers instead of key presses.",
    "Chord keyboards type whole words with a few keys pressed together.",
    "Foot pedals take over the shift and control keys.",
    "Some X terminals add extra buttons: keep your old keyboard for the once-in-a-blue-moon that you need Setup.",
    "Prices range from fifty to several hundred dollars, and most vendors take returns.",
    "Send corrections and new entries to the maintainer of this list.",
]
SPACE = {"name": "Space exploration", "description": "Space flight, NASA missions, satellites, rockets and the moon",
         "keywords": ["NASA", "satellite", "rocket", "moon"]}


HARDWARE = {"name": "PC hardware", "description": "PC hardware: keyboards, motherboards, drives and memory",
            "keywords": ["keyboard", "motherboard"]}


def _passing_articles(texts, lead_closeness=None):
    themes = Themes([SPACE])
    themes.themes_ = load_themes([SPACE])
    themes._lexical_fit(texts)
    return salience.passing_mentions(texts, themes._alias_hits, themes._alias_columns, themes._alias_within,
                                     [themes._named(c) for c in range(len(themes.aliases_))], themes.aliases_,
                                     lead_closeness=lead_closeness, whole_articles=True)[:, 0]


def test_an_articles_one_keyword_said_in_one_paragraph_of_many_is_a_passing_mention():
    faq = "\n\n".join(FAQ)
    again = "\n\n".join(FAQ[:3] + ["The moon landing showed what a keyboard cannot do."] + FAQ[3:])  # said twice
    short = "\n\n".join(FAQ[:3] + FAQ[6:7])  # four paragraphs: a short message is often about its one word
    leading = "\n\n".join(["Will the keyboards of the next moon lander be split?"] + FAQ[1:])  # in the lead
    assert salience.article_paragraphs(faq) == FAQ and salience.article_paragraphs("One line") == ["One line"]
    assert salience.lead_paragraphs([faq, "Short.\n\nThen a second paragraph of enough words to read."]) == [
        FAQ[0], "Short.\n\nThen a second paragraph of enough words to read."]
    # One at a time: read together, their shared sentences would be the corpus's repeated formulas.
    assert [bool(_passing_articles([text])[0]) for text in (faq, again, short, leading)] == [True, False, False, False]
    # With the lead read: passing only where the lead paragraph is about something else.
    elsewhere = _passing_articles([faq], lambda leads: np.full((len(leads), 1), -1.0))
    on_theme = _passing_articles([faq], lambda leads: np.full((len(leads), 1), 2.0))
    assert elsewhere.tolist() == [True] and on_theme.tolist() == [False]


def test_a_whole_articles_passing_keyword_is_no_evidence_in_a_fit(embedder, monkeypatch):
    # Before: the passing-mention rule read paragraphs only, and a long message's one idiom was keyword evidence.
    texts = ["\n\n".join(FAQ), "NASA will launch a rocket to the moon next year, the agency said.\n\nThe satellite "
             "it carries maps the lunar poles."] + OTHERS
    units = pd.DataFrame({"unit_id": [f"a{i}" for i in range(len(texts))], "article_id": [f"a{i}" for i in range(len(texts))],
                          "text": texts})
    embeddings = np.asarray(embedder.encode(texts), dtype=np.float32)
    monkeypatch.setattr(corpus_fit, "CHECK_FIT", False)  # a file of two themes on a few articles is too small for the fit check
    monkeypatch.setattr(evidence, "DOMINANCE_MARGIN", np.inf)  # not the second-theme margin: the keyword is what is read

    def fit_on(rule):
        return Themes([SPACE, HARDWARE], learn=False, passing_mentions=rule, sentences=False).fit(units, embeddings, embedder)

    before, after = fit_on(False), fit_on("auto")
    assert before.memberships_[0, 0] and before.sources_[0, 0] == SOURCE_KEYWORDS  # "moon" placed the FAQ
    assert not after.memberships_[0, 0] and after.sources_[1, 0] == before.sources_[1, 0] == SOURCE_KEYWORDS
    assert before.keyword_hits_[0, 0] and after.keyword_hits_[0, 0]  # the word is there; it is no evidence
    assert after.scores_[0, 0] <= before.scores_[0, 0]
    assert after.sources_[0, 1] == before.sources_[0, 1] == SOURCE_KEYWORDS  # its own subject keeps its words
