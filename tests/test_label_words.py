"""A label part says what its group is about: no verb the corpus writes only after its subject, no second
word of the lead's own family."""

from __future__ import annotations

from topics.modeling.describe import _stop_words


TEXTS = [
    "Healy wrote that the journey to Ireland took three days. Murphy wrote about the camps.",
    "In Ireland, the refugees found state housing, Healy wrote in a letter. Kelly wrote back at once.",
    "Sasser worm hit banks on Monday. MyDoom worm spread to Asia; Netsky worm went on, and worms spread fast.",
    "Russian troops moved south; the troops crossed the river. The infectious Delta variant spread in June.",
    "The Delta variant reached Kabul, said Rafael Torres, Operations Center director. He is the Center director.",
]


def test_a_word_written_only_after_its_subject_is_a_verb():
    """"wrote" follows a name in every use and never a determiner: alone, or after a name, it is a verb.
    "worm" also follows names, but the corpus writes its plural; "variant" follows a name that a determiner
    or a modifier opens; "director" a name, but ends its sentence: nouns, as is "troops", written after "the"."""
    from topics.modeling.headlines import name_tokens
    from topics.modeling.phrase_shape import ends_on_subject_verb, is_clause, word_uses, words_to_read

    asked = {w for p in ("wrote", "worm", "variant", "troops", "director", "Healy wrote", "Sasser worm") for w in words_to_read(p)}
    uses = word_uses(name_tokens(TEXTS), asked, _stop_words())
    assert is_clause("wrote", uses) and ends_on_subject_verb("Healy wrote", uses)
    assert not any(is_clause(w, uses) for w in ("worm", "variant", "troops", "director"))
    assert not ends_on_subject_verb("Sasser worm", uses)


def test_two_keywords_of_one_family_make_no_label():
    """The keyword fallback takes the next keyword of another family: "Supply, weapons", not "Supply, supplying"."""
    from topics.modeling.label_parts import _apart

    assert _apart(["supply", "supplying", "weapons"]) == ["supply", "weapons"]
    assert _apart(["defense secretary", "secretary", "pentagon"]) == ["defense secretary", "pentagon"]


NOUN_TEXTS = [
    "British intelligence warned of new attacks on Monday. Officials declined to comment.",
    "Russian intelligence agencies hacked the servers, officials said.",
    "Pakistani military officials met in Islamabad. Pakistani military leaders denied the report.",
    "Chinese software makers grew quickly. Microsoft software sales rose.",
    "Healy wrote that the journey took three days. Murphy wrote about the camps.",
]


def test_a_word_after_a_name_and_before_a_noun_is_no_verb():
    """"British intelligence warned", "Pakistani military officials", "Microsoft software sales": a word
    between a capitalised word and a lower-case content word modifies that word or is modified, so these
    uses are no sign of a verb, though the corpus never writes "the intelligence" nor a plural. "wrote",
    before "that" and "about", stays a verb."""
    from topics.modeling.headlines import name_tokens
    from topics.modeling.phrase_shape import ends_on_subject_verb, is_clause, word_uses, words_to_read

    phrases = ("British intelligence", "Pakistani military", "Microsoft software", "Healy wrote")
    asked = {w for p in phrases for w in words_to_read(p)}
    uses = word_uses(name_tokens(NOUN_TEXTS), asked, _stop_words())
    assert not any(is_clause(w, uses) for w in ("intelligence", "military", "software"))
    assert not any(ends_on_subject_verb(p, uses) for p in phrases[:3])
    assert is_clause("wrote", uses) and ends_on_subject_verb("Healy wrote", uses)
