"""Topic descriptions: keyword extraction, boilerplate removal, labels, representatives."""

from __future__ import annotations

import numpy as np

from topics.modeling.describe import KeywordAnalyzer, _stop_words, describe_topics, make_label, tokenize

DRONE_TEXTS = [
    "US drones flew over Kandahar, the Taliban said, calling the drone flights a violation of Afghan airspace.",
    "Drones were seen over Kunar and Kandahar provinces, officials said; the airspace violation angered Kabul.",
    "The Taliban said US drones must stop surveillance flights over Afghan airspace.",
    "Reconnaissance drones over Badakhshan: Mujahid said the airspace belongs to Afghanistan.",
]
QAEDA_TEXTS = [
    "Al-Qaeda leader Ayman al-Zawahiri was killed in Kabul, US officials said.",
    "The Taliban said al-Qaeda has no presence in Afghanistan, denying the Zawahiri report.",
    "A UN report said the Taliban keep close ties with al-Qaeda and its leaders.",
    "Al-Qaeda has not named a new leader since Zawahiri was killed, the report said.",
]


def _topics():
    texts = DRONE_TEXTS + QAEDA_TEXTS
    labels = np.array([0] * 4 + [1] * 4)
    rng = np.random.default_rng(0)
    # Two tight groups of vectors stand in for the embeddings of the two topics.
    centres = rng.normal(size=(2, 32))
    embeddings = np.repeat(centres, 4, axis=0) + 0.05 * rng.normal(size=(8, 32))
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    topic_embeddings = centres / np.linalg.norm(centres, axis=1, keepdims=True)
    return texts, labels, embeddings.astype(np.float32), topic_embeddings.astype(np.float32)


def test_tokenize_keeps_hyphenated_names_and_drops_possessives_and_numbers():
    assert tokenize("ISIS-K's attack on 3 bases, al-Qaeda's leader") == ["isis-k", "attack", "on", "bases", "al-qaeda", "leader"]


def test_a_run_of_letters_no_reader_would_write_is_no_word():
    # Before: a 404-letter run repeated in a topic's articles became its label, wider than any page or table.
    padding = "Zalgo" + "o" * 400
    assert tokenize(f"{padding} corp sold {padding} shares") == ["corp", "sold", "shares"]
    slug = "this-is-a-very-long-url-slug-for-an-article-about-topics"  # dropped whole, not cut into pieces
    assert tokenize(f"read {slug} now") == ["read", "now"]
    longest = "Rindfleischetikettierungsueberwachung"  # 37 letters: a word, kept
    assert tokenize(f"the {longest} law") == ["the", longest.lower(), "law"]


def test_bigrams_never_bridge_a_removed_word():
    analyzer = KeywordAnalyzer(_stop_words())
    grams = analyzer("Mujahid said drones violate airspace")
    assert "mujahid drones" not in grams and "drones violate" in grams and "said" not in grams


def test_keywords_are_distinctive_and_free_of_reporting_words():
    texts, labels, embeddings, topic_embeddings = _topics()
    described = describe_topics(texts, labels, np.array([0, 1]), embeddings, topic_embeddings, n_keywords=5)
    drones, qaeda = described.keywords
    assert drones[0] in {"drones", "airspace"} and "airspace" in drones
    assert "al-qaeda" in qaeda[:2] and "zawahiri" in qaeda
    for keyword in drones + qaeda:
        assert not {"said", "says", "the", "officials"} & set(keyword.split()), keyword
    # singular/plural twins are not both kept
    assert not ({"drone", "drones"} <= set(drones))
    assert all(len(k) == 5 for k in described.keywords)
    assert all(len(w) == 5 and min(w) > 0 for w in described.keyword_weights)


def test_labels_use_the_usual_spelling():
    texts, labels, embeddings, topic_embeddings = _topics()
    described = describe_topics(texts, labels, np.array([0, 1]), embeddings, topic_embeddings, n_keywords=5)
    assert "Al-Qaeda" in described.labels[1] or "Zawahiri" in described.labels[1]
    assert make_label(["kandahar", "kandahar province", "drones"], DRONE_TEXTS) == "Kandahar, drones"


def test_representatives_are_members_closest_to_the_centroid():
    texts, labels, embeddings, topic_embeddings = _topics()
    described = describe_topics(texts, labels, np.array([0, 1]), embeddings, topic_embeddings, n_representatives=2)
    for topic, rows in enumerate(described.representatives):
        assert len(rows) == 2 and all(labels[r] == topic for r in rows)
        sims = embeddings[labels == topic] @ topic_embeddings[topic]
        assert np.isclose(embeddings[rows[0]] @ topic_embeddings[topic], sims.max())


def test_words_spread_over_every_topic_are_boilerplate():
    rng = np.random.default_rng(1)
    subjects = ["football cup final", "stock market shares", "election vote parliament", "film actor award"]
    texts = [f"Reuters correspondent wrote: {subjects[i % 4]} news {rng.integers(1000)}" for i in range(40)]
    labels = np.arange(40) % 4
    embeddings = np.eye(4, 8, dtype=np.float32)[labels]
    described = describe_topics(texts, labels, np.arange(4), embeddings, np.eye(4, 8, dtype=np.float32), n_keywords=3)
    for keywords in described.keywords:
        assert not {"reuters", "correspondent", "wrote", "news"} & {w for k in keywords for w in k.split()}, keywords


def test_keywords_used_together_are_preferred_and_nested_phrases_get_no_credit():
    from scipy import sparse

    from topics.modeling.describe import _mmr, keyword_cooccurrence

    # Units x terms: "tax" and "budget" share most of their units; "prime" sits inside "prime minister";
    # "weather" is never with "tax"; "quickinfo" and "fullquote" (a URL template) always come together.
    candidates = ["tax", "weather", "budget", "prime", "prime minister", "quickinfo", "fullquote"]
    used = np.array([
        [1, 0, 1, 1, 1, 0, 0],
        [1, 0, 1, 0, 0, 0, 0],
        [1, 0, 1, 0, 0, 1, 1],
        [1, 0, 0, 0, 0, 0, 0],
        [0, 0, 1, 0, 0, 0, 0],
        [0, 1, 0, 1, 1, 1, 1],
        [0, 1, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
    ], dtype=float)
    npmi = keyword_cooccurrence(sparse.csr_matrix(used), candidates)
    assert 0.3 < npmi[0, 2] < 0.8 and npmi[0, 1] == -1.0
    assert npmi[3, 4] == 0.0  # one phrase holds the other
    assert npmi[5, 6] == 0.0  # a fixed phrase or template, not two words of a topic
    vectors = np.eye(len(candidates))
    relevance = np.array([1.0, 0.9, 0.85, 0.1, 0.1, 0.1, 0.1])
    assert _mmr(relevance, vectors, candidates, 2) == [0, 1]
    assert _mmr(relevance, vectors, candidates, 2, npmi) == [0, 2]


def test_a_label_phrase_does_not_end_at_a_middle_initial():
    """"Lloyd J. Austin": the initial's full stop is no clause break, so a phrase runs on through the surname,
    and a label keeps the texts' spelling with the initial."""
    from topics.modeling.headlines import _phrases, _surface

    text = "Defense Secretary Lloyd J. Austin III said that Joseph R. Biden Jr. had decided. Mr. Austin agreed."
    phrases = _phrases(text, _stop_words(), lambda word: False)
    assert {"defense secretary lloyd austin", "lloyd austin", "joseph biden"} <= phrases
    assert "mr" not in phrases and "said that joseph" not in phrases  # other full stops still end a clause
    assert _surface([text], "defense secretary lloyd austin") == "Defense Secretary Lloyd J. Austin"
    assert _surface(["Taliban forces. A drone struck"], "taliban forces a drone") == "taliban forces a drone"  # no initial there


def test_a_label_phrase_does_not_run_into_a_quotation_opened_by_a_single_quote():
    """British texts quote with single marks: a phrase stops where one opens a quotation, as at a double
    one, and an apostrophe inside or after a word is no break."""
    from topics.modeling.headlines import _phrases

    text = ("Putin threatened the residents of Mariupol with 'military tribunals' after the deadline, and "
            "the ministry called it a ‘special operation’ in the soldiers' families homes")
    phrases = _phrases(text, _stop_words(), lambda word: False)
    assert "residents of mariupol" in phrases and "military tribunals" in phrases and "special operation" in phrases
    assert not [p for p in phrases if "mariupol with" in p or "it a special" in p or p.startswith("called it")], phrases
    assert "putin" in {p.split()[0] for p in phrases} and "soldiers families homes" in phrases


def test_a_word_written_twice_in_a_row_ends_a_label_phrase():
    """A table's or listing's column ("DOS DOS DOS DOS") is no label phrase, as it is no keyword bigram."""
    from topics.modeling.headlines import _phrases

    text = "Runs under DOS DOS DOS DOS with Windows drivers, tested on AX AX QQ boards"
    phrases = _phrases(text, _stop_words(), lambda word: False)
    assert not [p for p in phrases if len(set(p.split())) < len(p.split())], phrases
    assert {"DOS", "windows drivers", "AX"} <= phrases
    assert "dos dos" not in KeywordAnalyzer(_stop_words())(text)


def test_a_name_s_title_and_suffix_are_no_keywords():
    """"Gen." and "III" say a name is there, not what a topic is about (topics.text.wording.NAME_ABBREVIATIONS)."""
    texts = ["Gen. Mark A. Milley and Lloyd J. Austin III met Sen. Jack Reed on troop levels."] * 3 + [
        "Joseph R. Biden Jr. spoke on the economy and jobs."] * 3
    analyzer = KeywordAnalyzer(_stop_words())
    grams = set(analyzer(texts[0])) | set(analyzer(texts[-1]))
    assert not {"gen", "iii", "sen", "jr"} & grams and {"milley", "austin", "reed", "biden"} <= grams


def test_a_topic_without_keywords_is_named_by_the_line_its_units_repeat():
    """Units whose words are all the corpus's formulas have no keyword; the line they share names them,
    not "Topic 3"; with no shared word the number stays."""
    from topics.modeling.describe import shared_words, topic_labels

    updates = [f"ISAF Joint Command {part} Operational Update March {day}, 2011"
               for part, day in (("Morning", 17), ("Evening", 12), ("Evening", 16))]
    assert shared_words(updates) == "ISAF Joint Command Evening Operational Update"
    assert shared_words(["2010-09-CA-240 For Immediate Release", "2010-08-CA-043 For Immediate Release"]) == "Immediate Release"
    assert shared_words(["of the war", "of the peace", "in a year"]) == ""  # stop words name nothing
    texts = updates + ["1314, 1198, 1173", "0591, 0692"]
    labels = np.array([0, 0, 0, 1, 1])
    names = topic_labels(texts, labels, np.array([0, 1]), [[], []], [[], []])
    assert names == ["ISAF Joint Command Evening Operational Update", "Topic 1"]


def test_a_label_of_keywords_takes_few_words_the_texts_share():
    """A label of keywords alone (no phrase of the topic reads well) holds two at most, and where two texts
    share some keywords, only those: a word one text writes names that text, not the topic."""
    quotes = [
        "Those individuals will conclude the right conclusion, he said.",
        "That meant we had to make alternative arrangements.",
        "In the vast majority of circumstances we won't have to.",
        "It shouldn't divide the club; the club must work together.",
        "The club will meet again when the dust clears.",
    ]
    assert make_label(["conclude", "alternative", "circumstances", "club"], quotes) == "Club"
    assert make_label(["conclude", "alternative", "circumstances"], quotes[:3]) == "Conclude, alternative"


def test_a_small_topic_is_not_named_by_a_phrase_only_one_of_its_units_writes():
    # Three units: a phrase in one of them (however long and distinctive) names that unit, not the topic
    # ("Held talks with Chinese officials" was the label).
    texts = [
        "Deputy political chief Abdul Ghani Baradar held talks with Chinese officials in Tianjin.",
        "After the talks, China promised aid; the delegation flew home.",
        "Both sides called the talks useful, and no date was set for more.",
        *DRONE_TEXTS[:3],
    ]
    labels = np.array([0, 0, 0, 1, 1, 1])
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(2, 32))
    embeddings = np.repeat(centres, 3, axis=0) + 0.05 * rng.normal(size=(6, 32))
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    centroids = centres / np.linalg.norm(centres, axis=1, keepdims=True)
    described = describe_topics(texts, labels, np.array([0, 1]), embeddings.astype(np.float32), centroids.astype(np.float32))
    for topic, label in enumerate(described.labels):
        lead = label.split(",")[0].lower()
        members = [t.lower() for t, t_label in zip(texts, labels) if t_label == topic]
        assert sum(lead in text for text in members) >= 2, (label, described.labels)


def test_a_soft_hyphen_or_word_joiner_inside_a_word_splits_neither_its_keyword_nor_its_lookup_word():
    from topics.search.lexical import tokenize as lookup_words

    text = "US drones flew over Kan\u00addahar and Hel\u2060mand, then over Ghaz\u200bni."
    assert {"kandahar", "helmand", "ghazni"} <= set(tokenize(text))
    assert not {"kan", "dahar", "hel", "mand"} & set(tokenize(text))
    assert {"kandahar", "helmand", "ghazni"} <= set(lookup_words([text])[0])
