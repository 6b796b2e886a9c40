"""The person-name finder (:mod:`topics.modeling.people`) on sentences written as news writes them:
people kept, places, groups and modifiers left out."""

from __future__ import annotations

import pytest

from topics.modeling.people import person_names


# Each case: texts as news writes them, the name words the finder keeps, and the words it leaves out.
CASES = {
    "before 'said' only the words after the last title": (
        ["On Tuesday, Defense Secretary Lloyd Austin said the last flights would leave on time.",
         "In the hearing, Defense Secretary Lloyd Austin said the airport was secure.",
         "Reporters asked again, and Defense Secretary Lloyd Austin said nothing more."],
        {"lloyd", "austin"}, {"defense"}),
    "nothing after a determiner": (
        ["On Monday, the Pentagon said two drones had flown over the province.",
         "Late at night, the White House said the talks would go on.",
         "Delegates of the General Assembly voted on the resolution, and the General Assembly adjourned.",
         "A spokesman said the Pentagon would not comment; Pentagon officials said the same.",
         "President Biden said the evacuation would end in August."],
        {"biden"}, {"pentagon", "white", "house", "assembly"}),
    "a run after a locative preposition is a place": (
        ["The march began in New York and ended at the river; New York said the roads would reopen.",
         "Flights from New York resumed on Monday, and officials in New York said more would follow.",
         "The Knicks played in New York again on Friday night.",
         "Mayor Eric Adams said the city was ready. Adams said the parade would go ahead."],
        {"eric", "adams"}, {"york"}),
    "a run right before a title or between a determiner and a verb is a group": (
        ["Taliban spokesman Zabiullah Mujahid said fighters would guard the border.",
         "Zabiullah Mujahid said the crossings would reopen. Taliban spokesman Suhail Shaheen agreed.",
         "After the talks, Taliban said nothing. Later, the Taliban said they would wait.",
         "The Taliban announced a new cabinet. The Taliban captured the city in August."],
        {"zabiullah", "mujahid"}, {"taliban"}),
    "a capitalised modifier before a common noun": (
        ["Taliban fighters took the city on Sunday. By evening, Taliban fighters held the gates.",
         "Taliban leaders met in Doha. Residents said Taliban fighters searched houses.",
         "Witnesses said the fighters were young and the leaders stayed away. Overnight, Taliban said the roads were open."],
        set(), {"taliban"}),
    "joined by 'and' to a lower-case modifier, it modifies the same noun": (
        ["In Ghazni, an Afghan and coalition force detained a Taliban leader; the force found weapons.",
         "Yesterday, Afghan and coalition forces killed two insurgents. The forces were not harmed.",
         "Attacks against Afghan and coalition forces fell, Afghan said in a statement."],
        set(), {"afghan"}),
    # Most of its uses are followed by a verb or a break: written once before a noun, it stays a name.
    "a name written once before a noun": (
        ["Biden said the evacuation would end in August, and the Biden administration agreed.",
         "Biden told reporters the withdrawal was the right call.",
         "Speaking on Monday, Biden defended the administration.",
         "The administration said Biden would speak again."],
        {"biden"}, set()),
    # A capital that opens a sentence says nothing of a name; a name's first word, before its second, stays.
    "a plural that opens a sentence before a speech verb": (
        ["The market stayed shut on Monday. Residents said prices had doubled since the floods.",
         "Water was cut again. Residents say the pumps failed. Mayor Jane Okafor said help would come.",
         "The dairy firm collapsed. Calisto Tanzi said he would co-operate with prosecutors; Tanzi said little else."],
        {"okafor", "calisto", "tanzi"}, {"residents"}),
    # Datelines write every letter in capitals: only the other uses say how the corpus writes the word.
    "a place in datelines, used for its government": (
        [f"Talks resume\n\nWASHINGTON — Officials met on day {day} of the talks." for day in range(8)]
        + ["Washington said the talks would go on. Later, Washington said nothing more.",
           "The envoy met the ministers in Washington on Monday.", "Washington said the deal held."],
        set(), {"washington"}),
    "a run opening on a point of the compass is a place": (
        ["North Korea said it would test more missiles. South Korea said it was ready.",
         "Talks with North Korea stalled, and South Korea said so; North Korea said nothing.",
         "Colonel Oliver North said he had not been asked."],
        {"oliver"}, {"korea", "south"}),
    "a bare title after an abbreviation and an article": (
        ["An E.U. Commissioner said the rules were broken.", "President Biden said the rules would change."],
        {"biden"}, {"commissioner"}),
    "a demonym of a place the corpus writes after a locative": (
        ["Australian Lleyton Hewitt said he was tired after the match.",
         "Hewitt said he would rest before the Australian Open.",
         "Players in Australia said the heat was fierce at the Australian Open.",
         "Fans flew from Australia to watch, and Hewitt said he was grateful."],
        {"lleyton", "hewitt"}, {"australian"}),
}


@pytest.mark.parametrize("texts, kept, left_out", CASES.values(), ids=list(CASES))
def test_person_finder(texts, kept, left_out):
    people = person_names(texts)
    assert kept <= people, people
    assert not left_out & people, people


def test_a_possessive_before_a_title_and_a_lower_case_title_after_a_determiner_keep_a_name():
    texts = [
        "Officials said Osama bin Laden's chief deputy had fled; bin Laden's aides were not found.",
        "Osama bin Laden's son appeared in the video.",
        "Troops detained the Taliban commander Qari Zakir near the border. Commander Qari Zakir said little.",
    ]
    people = person_names(texts)
    assert {"zakir"} <= people, people
    assert "laden's" in people or "laden" in people, people


def test_whether_a_word_is_a_name_does_not_depend_on_the_other_words_asked(data_dir):
    # An event asks only about the words its members mostly write (subtopics.BurstPeople): the answer for a
    # word must be the one a question about many words gives, with the texts split into tokens or not.
    import re

    import pandas as pd

    from topics.modeling.people import name_tokens

    texts = pd.read_csv(data_dir / "bbc_sample.csv")["text"].astype(str).tolist()
    capitalised = sorted({w.lower() for text in texts for w in re.findall(r"\b[A-Z][a-z]{3,}\b", text)})
    every = person_names(texts, words=set(capitalised))
    assert len(every) >= 10  # the sample names people
    tokens = name_tokens(texts)
    for start in range(0, len(capitalised), 7):
        few = set(capitalised[start:start + 7])
        assert person_names(texts, words=few) == every & few, sorted(few)
        assert person_names(texts, tokens, words=few) == every & few, sorted(few)


def test_a_modifier_is_told_by_the_whole_corpus_whichever_words_are_asked():
    # "Okafor bridge" three times: a modifier, as "the bridge" says, although the texts writing "the bridge"
    # hold no other word asked about. Asked alone, the word was once taken for a name.
    texts = ["President Okafor said the plan would hold.",
             "Yesterday Okafor bridge traffic stopped for an hour.",
             "By noon Okafor bridge traffic moved again.",
             "Later Okafor bridge tolls went up.",
             "The river rose under the bridge.",
             "Fishermen waited by the bridge as the river fell."]
    assert person_names(texts) == person_names(texts, words={"okafor", "river"}) == person_names(texts, words={"okafor"}) == frozenset()


def test_a_name_after_the_speech_verb_of_a_quote_is_its_source():
    # Wire copy sets the verb before the name, titles and roles between: '"...," said Col. Rafael Torres'. Before,
    # only a verb after the name marked a source, and such a spokesman led an ISAF topic's label.
    from topics.modeling.people import name_tokens, quoted_sources

    quotes = ['"The pressure on the network will continue," said Col. Rafael Torres, ISAF director.',
              "“We found the cache in a compound near the road,” said ISAF spokesman Col. Rafael Torres.",
              '"Afghan forces led the search," said the coalition spokesman Col. Rafael Torres.',
              "Two insurgents were detained in the operation, according to Col. Rafael Torres.",
              '"No shots were fired," said Col. Rafael Torres, adding that the force left at dawn.']
    tokens = name_tokens(quotes)
    people = person_names(quotes, tokens, words={"rafael", "torres"})
    assert {"rafael", "torres"} <= people
    assert {"rafael", "torres"} <= quoted_sources(quotes, people, tokens)
    # A verb after a word is no attribution: the name is what is spoken of ("officials said Torres had left").
    spoken_of = ["Officials said Col. Rafael Torres had left the base on Monday.",
                 "Reporters said Col. Rafael Torres would lead the new command.",
                 "The ministry said Col. Rafael Torres was wounded in the attack.",
                 "Col. Rafael Torres took command of the base in March."]
    tokens = name_tokens(spoken_of)
    people = person_names(spoken_of, tokens, words={"rafael", "torres"})
    assert "torres" in people and not quoted_sources(spoken_of, people, tokens)


def test_a_question_about_a_few_words_splits_only_the_texts_that_write_them(bbc_sample):
    # A burst's question about its names read every text of the corpus into tokens first (an update's whole
    # corpus, for the few words of its new events); the texts that do not write a word asked need no splitting.
    from topics.modeling.people import Tokenised, names_in

    texts = [str(text) for text in bbc_sample.paragraphs["text"]]
    asked = {"blair", "brown", "yukos"}
    tokenised = Tokenised(texts)
    found = names_in(tokenised, asked)
    assert found == person_names(texts) & asked == names_in(Tokenised(texts, *_split(texts)), asked)
    assert 0 < len(tokenised._made) < len(texts) / 4


def test_many_questions_read_the_corpus_a_bounded_number_of_times(bbc_sample, monkeypatch):
    # Each question read every text of the corpus again in lower case (20 questions on 20k texts: 3 s, a
    # copy of every text kept); past a few questions the texts' word sets, made once, answer them.
    import re
    import types

    import topics.modeling.people as people

    searched = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = re.compile(pattern)

        def search(self, text):
            searched.append(1)
            return self.pattern.search(text)

    monkeypatch.setattr(people, "re", types.SimpleNamespace(compile=Counting, escape=re.escape))
    texts = [str(text) for text in bbc_sample.paragraphs["text"]]
    lowers = [[token.lower() for token in row] for row in people.name_tokens(texts)]
    questions = [{"blair", "brown"}, {"yukos"}, {"said", "minister"}, {"nothing-like-this"}, {"ΟΔΟΣ".lower()}, set()]
    tokenised = people.Tokenised(texts)
    for words in questions * 3:
        assert [lower for _, lower in tokenised.holding(words)] == [lower for lower in lowers if not words.isdisjoint(lower)]
    assert sum(searched) < len(questions) * 3 * len(texts) / 2
    assert tokenised._lowered is None  # no second copy of the texts kept


def _split(texts):
    from topics.modeling.people import name_tokens

    tokens = name_tokens(texts)
    return tokens, [[token.lower() for token in row] for row in tokens]


def test_the_modifier_check_splits_no_text_that_writes_no_word_asked(bbc_sample):
    # Whether a capitalised word is a modifier ("Labour party": "the party") counts the words after it over the
    # whole corpus: it split every text writing "party" or "government" into tokens, most of an update's
    # question about its events' names. The pairs after a determiner or pronoun, read as written, count the same.
    from collections import Counter

    from topics.modeling.people import Tokenised, _demonym_bases, _modifier_uses, name_tokens, names_in

    texts = [str(text) for text in bbc_sample.paragraphs["text"]]
    texts += ["THE Party met. İt party; the\tparty's the 'party' an -party it's ΟΔΟΣ the.party He-party they party"]
    asked = {"labour", "tory", "yukos"}
    tokenised = Tokenised(texts)
    found = names_in(tokenised, asked)
    tokens = name_tokens(texts)
    assert found == names_in(Tokenised(texts, tokens), asked) == person_names(texts) & asked
    # Only texts writing a form of a word asked (its plural, singular, a demonym's place) are read into tokens.
    forms = asked | {w + "s" for w in asked} | {w[:-1] for w in asked if w.endswith("s")}
    forms |= {base for w in asked for base in _demonym_bases(w)}
    writing = sum(any(form in text.lower() for form in forms) for text in texts)
    assert len(tokenised._made) <= writing < len(texts) / 4
    followed = Counter(token.lower() for row in tokens for token in row)
    modified = Counter({("x", word): 1 for word, _ in followed.most_common(2000)})
    assert _modifier_uses(Tokenised(texts), modified) == _modifier_uses(Tokenised(texts, tokens), modified)
