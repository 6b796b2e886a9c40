"""A place most of a group's units name leads its label (topics.modeling.name_lead)."""

from topics.modeling.headlines import lower_words
from topics.modeling.name_lead import corpus_shares, lead_candidates, led_by_name, place_share

# (score, phrase, coverage), best first, as headline_labels ranks a group's candidates.
BEST = [(0.9, "bucha", 0.74), (0.2, "violence and threats against civilians", 0.05), (0.1, "bodies", 0.3)]
PROPER = {"bucha", "kyiv", "ukraine", "zelenskyy", "anthony", "joshua", "usyk"}
TEXTS = ["Bodies were found in Bucha after the retreat.", "Bucha's mayor spoke of violence.", "Residents of Bucha buried them."]
LABEL = "violence and threats against civilians, bodies"


def lead(best=BEST, people=frozenset(), shares=None, label=LABEL, texts=TEXTS):
    shares = {"bucha": 0.02} if shares is None else shares
    return led_by_name(label, best, people, shares, texts, PROPER.__contains__, lambda phrase: True)


def test_a_place_most_units_name_leads_the_phrase_that_covers_few():
    assert lead() == "bucha, violence and threats against civilians"


def test_the_corpus_subject_a_person_or_a_word_that_covers_half_does_not_lead():
    assert lead(shares={"bucha": 0.4}) == LABEL  # the corpus's own subject
    assert lead(people=frozenset({"bucha"})) == LABEL
    half = [(0.9, "bucha", 0.5), *BEST[1:]]
    assert lead(best=half) == LABEL


def test_a_name_never_written_as_a_place_does_not_lead():
    texts = ["Usyk beat him again.", "Usyk said the fight was hard.", "A rematch, Usyk's team said."]
    best = [(0.9, "usyk", 0.9), (0.2, "heavyweight title fight", 0.1)]
    assert led_by_name("heavyweight title fight", best, frozenset(), {"usyk": 0.01}, texts, PROPER.__contains__,
                       lambda phrase: True) == "heavyweight title fight"


def test_a_word_in_lower_case_or_not_far_ahead_of_the_phrase_does_not_lead():
    assert led_by_name("violence and threats against civilians", BEST, frozenset(), {"bucha": 0.02}, TEXTS,
                       lambda word: False, lambda phrase: True) == "violence and threats against civilians"
    close = [(0.5, "bucha", 0.74), *BEST[1:]]
    assert lead(best=close) == LABEL


def test_a_label_of_single_words_one_that_names_the_place_or_a_name_stays():
    assert lead(label="bucha, bodies") == "bucha, bodies"
    best = [(0.9, "bucha", 0.74), (0.2, "violence against civilians", 0.3)]
    assert lead(best=best, label="violence against civilians, town of bucha") == "violence against civilians, town of bucha"
    best = [(0.9, "bucha", 0.74), (0.2, "anthony joshua", 0.3)]
    assert lead(best=best, label="anthony joshua") == "anthony joshua"  # two names say who and where, not what


def test_a_led_label_stays_within_its_words():
    assert led_by_name("violence and threats against civilians", BEST, frozenset(), {"bucha": 0.02}, TEXTS,
                       PROPER.__contains__, lambda phrase: True, max_words=5) == "violence and threats against civilians"


def test_shares_are_read_as_words_of_the_texts_and_places_after_a_locative():
    texts = ["Bodies were found in Bucha.", "Kyiv said so.", "In Bucha, Kyiv and Irpin."]
    shares = corpus_shares(texts, lower_words, {"bucha", "kyiv", "odesa"})
    assert shares == {"bucha": 2 / 3, "kyiv": 2 / 3, "odesa": 0.0}
    assert lead_candidates(BEST, frozenset()) == {"bucha"}
    assert lead_candidates(BEST, frozenset({"bucha"})) == set()
    assert place_share(texts, "bucha") == 1.0 and place_share(texts, "kyiv") == 0.0
    assert place_share(["the bucha of it", "in Bucha"], "bucha") == 1.0  # lower-case uses do not count
    assert place_share(["The city of Bucha was shelled.", "Bucha's mayor", "the mayor of Bucha"], "bucha") == 1 / 3


BUCHA = [
    "Residents of Bucha described violence and threats against civilians during the occupation.",
    "In Bucha, investigators exhumed bodies from a mass grave near the church.",
    "Prosecutors said soldiers in Bucha carried out violence and threats against civilians.",
    "Satellite images showed bodies lying on a street in Bucha for weeks.",
    "The mayor of Bucha said hundreds of people were killed in the town.",
    "Journalists who reached Bucha found burned cars and shattered homes.",
    "Families in Bucha are still searching for relatives who disappeared.",
    "Forensic teams in Bucha documented gunshot wounds on many of the dead.",
    "Officials in Bucha called for an international tribunal.",
    "Survivors from Bucha recalled days hiding in basements without food.",
]


def test_a_topic_about_what_happened_in_one_place_is_labelled_with_the_place_first(embedder):
    import numpy as np

    from topics.modeling.describe import describe_topics

    texts = [*BUCHA, *(f"The central bank raised interest rates again as inflation reached {i} percent." for i in range(5, 15)),
             *(f"The football club signed a new striker for the season after {i} matches." for i in range(3, 13))]
    labels = np.repeat([0, 1, 2], 10)
    vectors = embedder.encode(texts)
    centroids = np.vstack([vectors[labels == topic].mean(axis=0) for topic in range(3)])
    described = describe_topics(texts, labels, np.arange(3), vectors, centroids)
    # Before, the phrase three of the ten units write led: "Violence and threats against civilians, bodies".
    # The place leads; what follows it is no phrase two of its ten units write over a word all ten do (phrase_reach).
    assert described.labels[0].startswith("Bucha, "), described.labels[0]
    assert "Bucha" not in described.labels[1] + described.labels[2]
