"""The person-name finder (:mod:`topics.modeling.people`) on sentences written as news writes them:
people kept, places, groups and modifiers left out."""

from __future__ import annotations

from topics.modeling.people import person_names


def test_before_said_only_the_words_after_the_last_title_are_a_name():
    texts = [
        "On Tuesday, Defense Secretary Lloyd Austin said the last flights would leave on time.",
        "In the hearing, Defense Secretary Lloyd Austin said the airport was secure.",
        "Reporters asked again, and Defense Secretary Lloyd Austin said nothing more.",
    ]
    people = person_names(texts)
    assert {"lloyd", "austin"} <= people, people
    assert "defense" not in people, people


def test_nothing_after_a_determiner_is_a_name():
    texts = [
        "On Monday, the Pentagon said two drones had flown over the province.",
        "Late at night, the White House said the talks would go on.",
        "Delegates of the General Assembly voted on the resolution, and the General Assembly adjourned.",
        "A spokesman said the Pentagon would not comment; Pentagon officials said the same.",
        "President Biden said the evacuation would end in August.",
    ]
    people = person_names(texts)
    assert "biden" in people, people
    assert not {"pentagon", "white", "house", "assembly"} & people, people


def test_a_run_of_capitalised_words_after_a_locative_preposition_is_a_place():
    texts = [
        "The march began in New York and ended at the river; New York said the roads would reopen.",
        "Flights from New York resumed on Monday, and officials in New York said more would follow.",
        "The Knicks played in New York again on Friday night.",
        "Mayor Eric Adams said the city was ready. Adams said the parade would go ahead.",
    ]
    people = person_names(texts)
    assert {"eric", "adams"} <= people, people
    assert "york" not in people, people


def test_a_run_right_before_a_title_or_between_a_determiner_and_a_verb_is_a_group():
    texts = [
        "Taliban spokesman Zabiullah Mujahid said fighters would guard the border.",
        "Zabiullah Mujahid said the crossings would reopen. Taliban spokesman Suhail Shaheen agreed.",
        "After the talks, Taliban said nothing. Later, the Taliban said they would wait.",
        "The Taliban announced a new cabinet. The Taliban captured the city in August.",
    ]
    people = person_names(texts)
    assert {"zabiullah", "mujahid"} <= people, people
    assert "taliban" not in people, people


def test_a_capitalised_modifier_before_a_common_noun_is_not_a_person():
    texts = [
        "Taliban fighters took the city on Sunday. By evening, Taliban fighters held the gates.",
        "Taliban leaders met in Doha. Residents said Taliban fighters searched houses.",
        "Witnesses said the fighters were young and the leaders stayed away. Overnight, Taliban said the roads were open.",
    ]
    assert "taliban" not in person_names(texts)
    # Joined by "and" to a lower-case modifier, it modifies the same noun.
    texts = [
        "In Ghazni, an Afghan and coalition force detained a Taliban leader; the force found weapons.",
        "Yesterday, Afghan and coalition forces killed two insurgents. The forces were not harmed.",
        "Attacks against Afghan and coalition forces fell, Afghan said in a statement.",
    ]
    assert "afghan" not in person_names(texts)
    # A person's name written once before a noun ("the Biden administration") is still a name: most of its
    # uses are followed by a verb or a break.
    texts = [
        "Biden said the evacuation would end in August, and the Biden administration agreed.",
        "Biden told reporters the withdrawal was the right call.",
        "Speaking on Monday, Biden defended the administration.",
        "The administration said Biden would speak again.",
    ]
    assert "biden" in person_names(texts)


def test_a_possessive_before_a_title_and_a_lower_case_title_after_a_determiner_keep_a_name():
    texts = [
        "Officials said Osama bin Laden's chief deputy had fled; bin Laden's aides were not found.",
        "Osama bin Laden's son appeared in the video.",
        "Troops detained the Taliban commander Qari Zakir near the border. Commander Qari Zakir said little.",
    ]
    people = person_names(texts)
    assert {"zakir"} <= people, people
    assert "laden's" in people or "laden" in people, people
