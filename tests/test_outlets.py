"""An outlet's own name ("told CBS News") is left out of keywords and labels: read from the articles'
addresses as the texts write it, kept with the model, shown in the report."""

import numpy as np
import pandas as pd
import pytest

from topics.ingest.corpus import load_corpus
from topics.modeling.describe import describe_topics
from topics.modeling.model import TopicModel
from topics.text.alias_mining import AliasTable
from topics.text.outlets import leaves_out, outlet_words, site_of

TEXTS = [
    "The mayor told CBS News on Monday that the harbour wall will be rebuilt.",
    "CBS News has learned that the council approved the budget. The news spread fast.",
    "The Guardian understands the talks failed. A legal guardian signed the form for the child.",
    "In the BBC interview, the minister said the plan would go ahead. The BBC asked her twice.",
    "Readers go to the market; they go early. Washington Post reporters and officials in Washington met.",
    "The Washington Post said so. The White House in Washington declined to comment to the Washington Post.",
]


@pytest.mark.parametrize(
    ("url", "site"),
    [("https://www.cbsnews.com/news/harbour/", "cbsnews.com"), ("www.bbc.co.uk/news/x", "bbc.co.uk"),
     ("http://edition.cnn.com/2022/x", "edition.cnn.com"), ("not an address", None), (None, None), (float("nan"), None)],
)
def test_an_articles_site_is_the_host_its_address_names(url, site):
    assert site_of(url) == site


def test_a_hosts_name_is_read_as_the_texts_write_it():
    assert outlet_words(["cbsnews.com"], TEXTS) == {"cbs news", "cbs"}  # "news" is written outside the name too
    assert outlet_words(["theguardian.com"], TEXTS) == set()  # "guardian" is written in lower case as often
    assert outlet_words(["bbc.co.uk", "abcnews.go.com"], TEXTS) == {"bbc"}  # neither "uk" nor "go" is a name
    assert outlet_words(["washingtonpost.com"], TEXTS) == {"washington post", "post"}  # "Washington" names more
    assert outlet_words(["The Washington Post"], TEXTS) == {"washington post", "post"}  # a page's site name
    assert outlet_words(["example.org"], TEXTS) == set()


def test_a_term_holding_an_outlets_name_is_left_out():
    left_out = frozenset({"cbs news", "cbs"})
    assert leaves_out("cbs", left_out) and leaves_out("CBS News correspondent", left_out) and leaves_out("cbs correspondent", left_out)
    assert not leaves_out("news conference", left_out) and not leaves_out("harbour wall", left_out)


def _stories(subject: str, things: list[str], places: list[str], outlet: str | None, n: int) -> list[str]:
    """``n`` short stories about ``subject``, each worded its own way (a template's sentences are no keywords)."""
    texts = []
    for i in range(n):
        thing, place, other = things[i % len(things)], places[i % len(places)], things[(i * 3 + 1) % len(things)]
        told = f" the mayor told {outlet} on day {i}" if outlet else f" officials said on day {i}"
        texts.append(f"The {subject} near the {place} needs {thing} and {other},{told}. "
                     f"Workers checked the {thing} by the {place} while {other} waited.")
    return texts


def test_keywords_and_labels_leave_out_the_outlets_name(embedder):
    harbour = _stories("harbour wall", ["stone blocks", "steel piles", "concrete", "cranes", "divers", "sea defences"],
                       ["old port", "fish market", "lighthouse", "ferry quay"], "Harbour Gazette", 14)
    budget = _stories("school budget", ["teachers", "textbooks", "classrooms", "school meals", "laptops", "heating"],
                      ["town hall", "primary school", "library", "sports hall"], None, 14)
    texts = harbour + budget
    labels = np.repeat([0, 1], 14)
    vectors = embedder.encode(texts)
    centres = np.stack([vectors[labels == k].mean(axis=0) for k in (0, 1)])
    table = AliasTable().leaving_out(outlet_words(["harbourgazette.com"], texts))
    assert table.left_out == {"harbour gazette", "gazette"}  # "harbour" is written outside the name too
    plain = describe_topics(texts, labels, np.array([0, 1]), vectors, centres, n_keywords=10)
    assert any("gazette" in k for k in plain.keywords[0])  # the topic of the interviews says it most
    described = describe_topics(texts, labels, np.array([0, 1]), vectors, centres, n_keywords=10, aliases=table)
    for keywords, label in zip(described.keywords, described.labels):
        assert keywords and not any(leaves_out(k, table.left_out) for k in keywords)
        assert "gazette" not in label.lower()
    assert "harbour" in " ".join(described.keywords[0])


def test_a_table_with_addresses_gives_its_articles_sites_and_the_model_keeps_the_names(tmp_path, embedder):
    rows = [{"url": f"https://www.harbourgazette.com/story-{i}", "title": f"Story {i}", "date": "2022-08-29",
             "text": f"{topic} story number {i} says the {topic} plan moves ahead, the mayor told Harbour Gazette. "
                     f"Harbour Gazette asked about the {topic} costs again."}
            for i, topic in enumerate(["harbour wall", "school budget", "bus lane"] * 8)]
    path = tmp_path / "gazette.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    corpus = load_corpus(path)
    assert set(corpus.articles["site"]) == {"harbourgazette.com"}
    units = corpus.units("paragraph")
    assert set(units["site"]) == {"harbourgazette.com"}
    model = TopicModel(embedder=embedder, random_state=0).fit(units)
    assert model.aliases_.left_out == {"harbour gazette", "gazette"}
    assert not any(leaves_out(k, model.aliases_.left_out) for keywords in model.descriptions_.keywords for k in keywords)
    model.save(tmp_path / "model")
    assert TopicModel.load(tmp_path / "model").aliases_.left_out == {"harbour gazette", "gazette"}


def test_an_article_level_fit_leaves_the_outlets_name_out_too(tmp_path, embedder):
    # Before: a Corpus's article units lost the site its paragraphs keep, so a fit on articles ("told ABC
    # News" in most of them) showed the outlet's name among keywords and as a label part ("City, ABC News").
    rows = [{"url": f"https://abcnews.go.com/International/story?id={i}", "title": f"Story {i}", "date": "2022-03-01",
             "text": f"The {topic} plan moves ahead, an official told ABC News. ABC News asked about the {topic} costs."}
            for i, topic in enumerate(["harbour wall", "school budget", "bus lane"] * 8)]
    path = tmp_path / "abc.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    units = load_corpus(path).units("article")
    assert set(units["site"]) == {"abcnews.go.com"}
    model = TopicModel(embedder=embedder, random_state=0).fit(units)
    assert model.aliases_.left_out == {"abc news", "abc", "news"}
    assert not any(leaves_out(k, model.aliases_.left_out) for keywords in model.descriptions_.keywords for k in keywords)
    assert not any(leaves_out(label, model.aliases_.left_out) for label in model.descriptions_.labels)


def test_a_corpus_without_addresses_has_no_site_column():
    corpus_units = load_corpus(pd.DataFrame({"text": ["One story about the harbour wall.", "Another about the budget."]})).units()
    assert "site" not in corpus_units.columns


def test_a_site_among_many_that_gave_a_few_pages_is_no_outlet_of_the_corpus():
    from topics.modeling.fitting import with_outlet_words

    texts = [f"The Factorio team told Factorio fans about update {i}." for i in range(40)]
    many = pd.DataFrame({"article_id": [f"a{i}" for i in range(40)], "text": texts,
                         "site": ["factorio.com"] * 1 + [f"site{i}.org" for i in range(39)]})
    assert with_outlet_words(AliasTable(), many, texts).left_out == set()
    one = many.assign(site="factorio.com")
    assert with_outlet_words(AliasTable(), one, texts).left_out == {"factorio"}
    assert with_outlet_words(AliasTable(), many.drop(columns="site"), texts).left_out == set()


def test_a_column_naming_the_outlet_gives_the_site_before_the_address():
    frame = pd.DataFrame({"text": ["A story about the harbour wall, told to the Harbour Gazette.", "Another story about the budget."],
                          "source": ["Harbour Gazette", None], "url": ["https://www.gazette.example/a", "https://www.gazette.example/b"]})
    assert load_corpus(frame).articles["site"].tolist() == ["Harbour Gazette", "gazette.example"]
    texts = ["The mayor told the Harbour Gazette. Harbour Gazette asked the council.", "The Gazette reported it."] * 3
    assert outlet_words(["Harbour Gazette", "ISAF Joint Command press release"], texts) == {
        "harbour gazette", "harbour", "isaf joint command press release"}


def test_the_parts_of_a_long_outlet_name_that_are_its_own_are_left_out_too():
    # ISAF releases (tests/data/isaf_sample.jsonl) name their source "ISAF Joint Command press release" and
    # write "ISAF Joint Command" in their headers: "joint command" and "isaf joint" say the outlet, not a topic.
    import json
    from pathlib import Path

    rows = [json.loads(line) for line in (Path(__file__).parent / "data" / "isaf_sample.jsonl").open(encoding="utf-8")]
    found = outlet_words({row["source"] for row in rows}, [row["text"] for row in rows])
    assert {"isaf joint command press release", "isaf joint command", "joint command", "isaf joint"} <= found
    assert not {"press release", "press", "release", "command", "joint"} & found  # common words, not the name's own
    assert leaves_out("joint command", found) and leaves_out("isaf joint", found) and not leaves_out("isaf", found)
    # Paragraphs spell the command out too: its tail is still the name's own.
    spelled = [row["text"].replace("ISAF Joint Command", "International Security Assistance Force Joint Command", 1) for row in rows]
    assert {"joint command", "isaf joint"} <= outlet_words({"ISAF Joint Command press release"}, spelled)
    # A part the texts write apart from the name as often is a name of its own: "New York" of "The New York Times".
    texts = ["The New York Times reported that in New York the mayor spoke.", "He lives in New York City.",
             "New York is big.", "The New York Times said so."]
    assert "new york" not in outlet_words(["The New York Times"], texts)
