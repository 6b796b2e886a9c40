"""What keywords and labels read: contractions, datelines, corpus formulas, headline phrases, mined aliases."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pytest

from topics.text.alias_mining import mine_aliases
from topics.modeling.describe import _stop_words, describe_topics, tokenize
from topics.modeling.headlines import person_names
from topics.search.ranking import article_scores, fold_duplicates
from topics.text.wording import clean_text, drop_sentences, is_junk_word, keyword_texts, line_openers, repeated_openers, template_sentences


def test_tokens_read_curly_contractions_and_drop_datelines():
    tokens = tokenize("KABUL, Afghanistan (Jan. 25, 2013)\nWe\u2019ve said the Taliban don\u2019t control Kandahar\u2019s airport")
    assert not {"ve", "don", "kabul", "jan"} & set(tokens), tokens
    assert is_junk_word("GMT") and "edt" in _stop_words(), "a time zone is part of a date, as a weekday is"
    assert not is_junk_word("wet"), "a word that spells a zone's letters stays a word"
    assert {"taliban", "control", "kandahar", "airport"} <= set(tokens)
    assert clean_text("WASHINGTON \u2014 The Pentagon said").strip() == "The Pentagon said"
    # An acronym that opens an ordinary sentence is no dateline.
    assert clean_text("NATO forces left Kabul.") == "NATO forces left Kabul."


def test_mail_addresses_links_and_host_names_are_no_words():
    text = ("Mail jsmith@cs.cmu.edu or CARL@SOL1.GPS.CALTECH.EDU, read https://example.org/faq.html. "
            "Get it from ftp.uu.net or www.x.com/page and news.bbc.co.uk; Amazon.com said U.S. sales rose 3.5 percent, fbi.gov says.")
    tokens = set(tokenize(text))
    assert not {"edu", "com", "org", "cmu", "caltech", "uu", "net", "faq", "html", "www", "bbc", "uk"} & tokens, tokens
    assert {"mail", "read", "amazon", "fbi", "sales", "rose"} <= tokens, "a site named by its domain alone keeps its name"
    assert clean_text("See https://example.org/a. Then go.") == "See  . Then go.", "the full stop after a link stays"
    assert clean_text("The U.S. and e.g. 3.5 are no addresses.") == "The U.S. and e.g. 3.5 are no addresses."
    assert clean_text("Profit fell.Net income rose.") == "Profit fell.Net income rose.", "a full stop without its space is no host"


def test_social_media_handles_are_addresses_not_words():
    text = "Posted to the accounts of President Donald Trump, @realDonaldTrump and @POTUS, by mail to ann@x.org."
    assert clean_text(text) == "Posted to the accounts of President Donald Trump,   and  , by mail to  ."
    assert clean_text("Meet me @ noon; the @ sign.") == "Meet me @ noon; the @ sign."


def test_photo_credits_are_no_words():
    # Captioned wire copy credits every photo: the photographer's name would lead the topic of their pictures.
    text = ("Workers drain a crater in Slovyansk. (AP Photo/Leo Correa) A woman walks past a burning building. "
            "(AP Photo/Evgeniy Maloletka, File) Smoke rises (Reuters/Stringer) at 50 km/h (with/without).")
    tokens = set(tokenize(text))
    assert not {"ap", "photo", "leo", "correa", "evgeniy", "maloletka", "reuters", "stringer"} & tokens, tokens
    assert {"workers", "crater", "slovyansk", "burning", "smoke"} <= tokens
    assert "50 km/h (with/without)." in clean_text(text)
    # The mark that opens the next caption after a credit goes with it ("FILE - " of an archive photo); capitals elsewhere stay.
    caption = "Putin spoke. (AP Photo/Felipe Dana, File) FILE - A man rides his bike in KYIV - the capital. (Reuters/Stringer) NATO met."
    assert clean_text(caption).split() == "Putin spoke. A man rides his bike in KYIV - the capital. NATO met.".split()
    # Credits without a slash name the photo: "(AP Photo, File)", "(Name, Agency photo via AP, File)".
    credits = "Gas flows halted. (Sofia Sandurskaya, Moscow News Agency photo via AP, File) Kyiv spoke. (AP Photo) The photo essay ran."
    assert clean_text(credits).split() == "Gas flows halted. Kyiv spoke. The photo essay ran.".split()


def test_short_links_and_clock_time_zones_are_no_words():
    # Wire copy closes with short links and stamps posts with clock times ("[0746 EST]"): "bit", "ly", "reut",
    # "rs" and "est" are no keywords. A site named by its domain alone keeps its name; a slash between words is no link.
    text = ("Should be charging MUCH MORE! [0804 EST] -- Source link: (bit.ly/2jBh4LU) (bit.ly/2jpEXYR) "
            "(Graphic: Overseas Cash Stash - reut.rs/2ABRzTu) See on.wsj.com/2xYz and Amazon.com on U.S./Mexico trade and/or 1.5/2 km/h.")
    tokens = set(tokenize(text)) - _stop_words()
    assert not {"bit", "ly", "reut", "rs", "est", "wsj", "2jbh4lu"} & tokens, tokens
    assert {"charging", "amazon", "mexico", "trade"} <= tokens
    # What the text says of its links goes with them: the caption before one, a parenthesis holding one.
    assert not {"source", "link", "graphic", "overseas", "stash"} & tokens, tokens
    assert "U.S./Mexico trade and/or 1.5/2 km/h." in clean_text(text)
    assert is_junk_word("EST") and is_junk_word("ET")


def test_sentences_the_corpus_repeats_are_templates():
    places = ["Nad Ali", "Marjah", "Zhari", "Arghandab", "Sangin", "Musa Qala"]
    texts = [f"Forces detained {n + 1} suspects in {place}. No civilians were harmed during the operation." for n, place in enumerate(places)]
    templates = template_sentences(texts)
    assert templates == {"no civilians were harmed during the operation."}
    assert drop_sentences(texts[0], templates) == "Forces detained 1 suspects in Nad Ali."


def test_line_openers_the_corpus_repeats_are_credits_and_datelines():
    texts = [
        "AP - Two new moons were found around Saturn.",
        "Reuters - The clock is running out on a prediction.",
        "AP - The launch was postponed.",
        "LOS ANGELES (Reuters) - Walt Disney Co. said on Monday.",
        "LOS ANGELES - Air pollution declined.",
        "LOS ANGELES -- Fires spread north.",
        "Reuters - A quake hit the coast.",
        "LOS ANGELES NASA will try again today to fly a jet.",
        "AP - Stocks rose.",
        "Reuters - Oil fell.",
        "President Bush - in a speech - spoke of taxes.",
    ]
    assert repeated_openers(texts) == {"AP", "Reuters", "LOS ANGELES"}
    cleaned = keyword_texts(texts)
    assert cleaned[7] == "NASA will try again today to fly a jet.", "a known dateline goes even without its dash"
    assert not any(t.startswith(("AP", "Reuters", "LOS")) for t in cleaned), cleaned
    assert cleaned[10] == texts[10], "a line opener seen once is content"


def test_a_line_opener_may_name_a_region_and_follow_another():
    # The shapes AG News and the ISAF releases write: a region after a comma, a date, a credit before a dateline.
    assert line_openers("Kabul, Afghanistan (Dec. 9) - An international security force") == {"Kabul, Afghanistan"}
    assert line_openers("Canadian Press - VANCOUVER (CP) - The sister of a man") == {"Canadian Press", "VANCOUVER"}
    assert line_openers("SPACE.com - TORONTO, Canada -- A second team") == {"SPACE.com", "TORONTO, Canada"}
    texts = ["Athens, Greece (Sports Network) - Paul Hamm won.", "Athens, Greece (Sports Network) - Tim Duncan led.",
             "Athens, Greece (Sports Network) - Carly Patterson added a medal."]
    assert [t.split()[0] for t in keyword_texts(texts)] == ["Paul", "Tim", "Carly"]
    # A hyphenated word with no space after its hyphen, a heading with nothing after its dash: no opener.
    assert line_openers("ISIS-K claimed the attack.") == line_openers("BEST FILM -") == frozenset()


ISAF = [
    "KABUL, Afghanistan (Oct. 5, 2010)\nAn Afghan and coalition security force detained a Taliban facilitator in Kandahar province. No civilians were harmed.",
    "KABUL, Afghanistan (Oct. 9, 2010)\nA security force detained two suspected insurgents and a Taliban facilitator in Kandahar province. No civilians were harmed.",
    "KABUL, Afghanistan (Oct. 12, 2010)\nThe security force detained a Taliban facilitator near Kandahar City on Tuesday. No civilians were harmed.",
    "KABUL, Afghanistan (Nov. 2, 2010)\nA Taliban facilitator was detained in Arghandab district, Kandahar province. No civilians were harmed.",
    "KABUL, Afghanistan (Oct. 20, 2010)\nA weapons cache of mortar rounds and rockets was found in Helmand province. No civilians were harmed.",
    "KABUL, Afghanistan (Oct. 22, 2010)\nPatrols found a weapons cache with mortar rounds in Nad Ali, Helmand province. No civilians were harmed.",
    "KABUL, Afghanistan (Nov. 3, 2010)\nA weapons cache of rockets and mortar rounds was destroyed in Helmand. No civilians were harmed.",
    "KABUL, Afghanistan (Nov. 7, 2010)\nThe patrol destroyed a weapons cache of mortar rounds on Sunday in Helmand province. No civilians were harmed.",
]


def _two_topics(texts):
    labels = np.array([0] * 4 + [1] * 4)
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(2, 16))
    embeddings = np.repeat(centres, 4, axis=0) + 0.05 * rng.normal(size=(8, 16))
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    return labels, embeddings.astype(np.float32), (centres / np.linalg.norm(centres, axis=1, keepdims=True)).astype(np.float32)


def test_labels_are_phrases_of_the_topic_without_datelines_dates_or_formulas():
    labels, embeddings, centroids = _two_topics(ISAF)
    described = describe_topics(ISAF, labels, np.arange(2), embeddings, centroids, n_keywords=6)
    junk = {"kabul", "afghanistan", "oct", "nov", "tuesday", "sunday", "civilians", "harmed"}
    for label, keywords in zip(described.labels, described.keywords):
        words = label.replace(",", " ").split()
        assert 2 <= len(words) <= 6, label
        assert not junk & {w.lower() for w in words}, label
        assert not junk & {w for k in keywords for w in k.split()}, keywords
    assert "Taliban facilitator" in described.labels[0], described.labels
    assert "weapons cache" in described.labels[1].lower() or "mortar rounds" in described.labels[1].lower(), described.labels


def test_a_name_leads_a_label_only_when_the_topic_is_about_that_person():
    texts = [
        "Spokesman Zabiullah Mujahid said Taliban fighters would guard the border crossings.",
        "Taliban fighters took over the border crossings with Iran on Monday.",
        "Trade at the border crossings stopped as Taliban fighters arrived.",
        "Zabiullah Mujahid said the border crossings would open again for trade.",
        "President Biden said the withdrawal of American troops would finish in August.",
        "Biden defended the withdrawal of American troops in a speech.",
        "The withdrawal of American troops was criticised by Republicans, and Biden answered.",
        "Biden told reporters the withdrawal of American troops was the right call.",
    ]
    assert {"zabiullah", "mujahid", "biden"} <= person_names(texts)
    labels, embeddings, centroids = _two_topics(texts)
    described = describe_topics(texts, labels, np.arange(2), embeddings, centroids, n_keywords=6)
    assert not described.labels[0].startswith(("Zabiullah", "Mujahid")), described.labels
    assert "border crossings" in described.labels[0].lower(), described.labels
    assert "withdrawal of american troops" in described.labels[1].lower() or described.labels[1].startswith("Biden"), described.labels


def test_a_quoted_spokesman_never_leads_and_two_names_are_not_a_label():
    from topics.modeling.headlines import _compose, quoted_sources

    texts = [
        "Foreign Ministry Spokesman Abdul Qahar Balkhi rejected the claim about the border with Iran.",
        "Balkhi also said the border with Iran was secure.",
        "Balkhi reiterated that no group would use the border.",
        "Iran closed the border after Balkhi spoke.",
        "Biden met Ghani in Washington to discuss the withdrawal.",
    ]
    people = person_names(texts)
    assert "balkhi" in people
    sources = quoted_sources(texts, people)
    assert "balkhi" in sources  # three of four mentions speak
    assert "biden" not in sources
    # The name is in every unit of the topic, yet the label does not lead with it.
    phrases = [{"balkhi", "border"}, {"balkhi", "border"}, {"balkhi", "border"}, {"balkhi", "border", "iran"}]
    best = [(0.9, "balkhi", 1.0), (0.8, "border", 1.0), (0.5, "iran", 0.3)]
    assert _compose(best, ["balkhi", "border", "iran"], people, phrases) == "balkhi, border"
    assert _compose(best, ["balkhi", "border", "iran"], people, phrases, sources) == "border, iran"
    # After a name, a common word rather than a second name ("Al-Qaeda, Washington").
    names = {"al-qaeda", "washington", "biden"}
    best = [(0.9, "al-qaeda", 1.0), (0.8, "washington", 0.5), (0.7, "biden", 0.4)]
    keywords = ["al-qaeda", "washington", "biden", "agreement", "cooperation"]
    assert _compose(best, keywords, frozenset(), phrases, frozenset(), lambda w: w in names) == "al-qaeda, agreement"
    assert _compose([(0.9, "border", 1.0), (0.8, "iran", 0.5)], keywords, frozenset(), phrases, frozenset(), lambda w: w in names) == "border, iran"



def test_names_after_an_initial_are_people_and_a_label_falls_back_to_words_not_names():
    from topics.modeling.headlines import _compose

    texts = [
        "England: J Robinson (capt), M Cueto, S Thompson, J Worsley. Subs: Thompson, Worsley.",
        "Replacements: J. Worsley, S. Thompson, Kay.",
        "The U.S. Army sent A Company to the base.",
        "Class A shares rose. I Think so, she said.",
    ]
    people = person_names(texts)
    assert {"thompson", "worsley"} <= people, people
    # One use after an initial is not enough ("W Midlands"), nor an abbreviation, "A" or "I".
    assert not {"robinson", "cueto", "army", "company", "shares", "think"} & people, people
    # No phrase reads well: the label is the best keywords that are not a name the topic is not about.
    units = [{"subs", "thompson"}, {"replacements", "worsley"}, {"subs", "kay"}, {"replacements", "kay"}]
    keywords = ["subs", "thompson", "worsley", "replacements", "kay"]
    assert _compose([(0.9, "subs", 0.5)], keywords, people, units, reads_well=lambda p: False) == "subs, replacements"



def test_a_family_name_after_a_name_particle_is_a_person():
    texts = [
        "Osama bin Laden has not been seen since the bombing began.",
        "Officials believe bin Laden is hiding near Tora Bora. The module was laden with fuel.",
        "Coach Louis van Gaal named his side; Louis van Gaal was pleased.",
        "The recycling bin Tuesday collection was moved. Die Stadt von Berlin, a van Ford.",
    ]
    people = person_names(texts)
    assert {"laden", "gaal"} <= people, people
    assert not {"tuesday", "berlin", "ford", "tora", "bora"} & people, people
    # The label of a topic that names him in a third of its units does not lead with him.
    from topics.modeling.headlines import _leads_with_person

    units = [{"bin", "laden", "al", "qaeda"}, {"al", "qaeda", "fighters"}, {"tora", "bora", "fighters"}]
    assert _leads_with_person("bin laden", people, units) and _leads_with_person("osama bin laden", people, units)


def test_a_text_in_another_language_loses_that_languages_function_words_only():
    from topics.text.wording import other_language_stop_words

    spanish = "En la capital, los ministros dijeron que la reunión para el acuerdo se celebrará en marzo con los países vecinos."
    german = "Die Regierung sagte, dass der Krieg im Norden des Landes war und die Truppen bald abziehen werden."
    english = "The war in the north was over, officials said, and the troops would leave the region by March."
    assert {"la", "que", "para", "los", "en"} <= other_language_stop_words(spanish)
    assert "war" in other_language_stop_words(german)
    assert not other_language_stop_words(english) and not other_language_stop_words("Kurz: la que")
    # Keywords and label phrases of the Spanish text hold no Spanish function words; the English ones keep "war".
    from topics.modeling.describe import KeywordAnalyzer
    from topics.modeling.headlines import _phrases
    from topics.text.wording import is_junk_word

    analyzer = KeywordAnalyzer(_stop_words())
    assert not {"la", "que", "para", "los", "en", "con"} & {w for g in analyzer(spanish) for w in g.split()}
    assert "war" in analyzer(english) and "ministros" in analyzer(spanish)
    phrases = _phrases(spanish, _stop_words(), is_junk_word)
    assert phrases and not any(p.split()[0] in {"en", "la", "los", "para"} for p in phrases), phrases


def test_the_language_of_a_few_short_texts_is_told_by_their_function_words():
    from topics.text.wording import text_language

    # Theme descriptions: mostly nouns, a few function words.
    assert text_language(["Raumfahrt, NASA-Missionen, Satelliten, Raketen, die Raumfähre und die Raumstation",
                          "Schusswaffen, Waffengesetze, der zweite Verfassungszusatz und das Recht auf Waffenbesitz"]) == "german"
    assert text_language("Space flight, NASA missions, satellites, rockets, the shuttle and the space station") == "english"
    assert text_language("Vuelos espaciales, las misiones de la NASA y los satélites que orbitan la Tierra") == "spanish"
    # Too few function words, or a script without spaces: not told.
    assert text_language("NASA, Mars, Apollo") is None and text_language("航天飞行与卫星") is None
    assert text_language(["Israel, die Palästinenser"]) is None  # Dutch writes "die" too


ALIAS_TEXTS = [
    "The Islamic State Khorasan Province, or ISKP, claimed the attack.",
    "Islamic State (IS), also known as the Daesh terrorist group, is active in the east.",
    "Iran said ISIS (Daesh) fighters had moved into Afghanistan.",
    "IS-K fighters attacked the airport; IS-K has grown since August.",
    "Al-Qaeda leaders met in Kabul. Officials said al Qaeda and al-Qaida were the same network.",
    "The al-Qaida fighters left; al-Qaeda fighters stayed.",
    "Lashkar-e Tayyiba (LeT) fighters were seen; let them go, the commander said.",
    "Lloyd Austin spoke in Kabul. Jane Austen wrote novels. Austin visited Kabul again. Austen was read in Kabul too.",
]


def test_aliases_come_from_definitions_and_spelling_variants():
    table = mine_aliases(ALIAS_TEXTS)
    groups = {g.canonical: set(g.names) for g in table.groups}
    isis = next(names for names in groups.values() if "Daesh" in names)
    assert {"ISKP", "Islamic State Khorasan Province", "IS", "Islamic State", "ISIS", "IS-K"} <= isis
    assert any({"al-Qaeda", "al Qaeda", "al-Qaida"} <= {n for n in names} or {"Al-Qaeda", "al Qaeda", "al-Qaida"} <= names for names in groups.values()), groups
    assert any({"Lashkar-e Tayyiba", "LeT"} <= names for names in groups.values()), groups
    assert not any({"Austin", "Austen"} <= names for names in groups.values()), groups
    # Every name becomes the canonical one, and "let" the verb and "ISIS" inside "ISIS-K" stay.
    canonical = table.canonical_of()["ISKP"]
    assert table.normalize("ISKP and IS-K and Daesh").split(" and ") == [canonical] * 3
    assert "let them" in table.normalize(next(t for t in ALIAS_TEXTS if "LeT" in t))
    assert table.expand_query("what does ISKP want").startswith("what does ISKP want ")


def test_also_called_without_a_comma_bracket_or_be_is_a_verb_not_a_definition():
    table = mine_aliases([
        "NATO estimated the dead. Trump on Saturday also called Chinese leader Xi Jinping smart.",
        "The ruling party also called Parliament back.",
        "The army ruled Myanmar, also known as Burma, for decades.",
        "The rivers include the Nu (also known as the Salween) and the Mekong.",
        "Islamic State is also called Daesh by its enemies.",
    ])
    groups = [set(g.names) for g in table.groups]
    assert {"Myanmar", "Burma"} in groups and {"Nu", "Salween"} in groups and {"Islamic State", "Daesh"} in groups, groups
    assert not any(names & {"Chinese", "Parliament"} for names in groups), groups


def test_also_called_after_a_clause_set_off_by_commas_is_the_verb_of_the_name_before_it():
    table = mine_aliases([
        "Jim Clapper, who is an analyst at Globe News, also called Markov \"unhinged\" on Friday.",
        "Ann Reyes, a reporter for Globe News, also called Markov a risk.",
        "Last year, the army ruled Myanmar, also known as Burma, for decades.",
    ])
    groups = [set(g.names) for g in table.groups]
    assert {"Myanmar", "Burma"} in groups, groups
    assert not any("Markov" in names for names in groups), groups


def test_also_known_as_after_an_opening_phrase_defines_the_name_before_it():
    # An opening phrase ("On Friday,") is no name, and "the" opens the name's own phrase, not a clause set off from it.
    texts = [
        "On Friday, the Velorian Front, also known as Kessa, claimed the attack.",
        "In Tarvos, the Northern Shield Province, also known as Dravik, struck the capital.",
        "Last March, the junta of Ostrava, also known as Belmar, seized power.",
        "In Corvath, the Morrin, also known as the Silent Council, named a cabinet.",
        "On Monday, the Grey Hand, also called Ulmeth, left the city.",
        "Yesterday, a militia known as the Iron Reed, also called Sarrow, took the bridge.",
    ]
    groups = [set(g.names) for g in mine_aliases(texts).groups]
    for pair in ({"Velorian Front", "Kessa"}, {"Northern Shield Province", "Dravik"}, {"Ostrava", "Belmar"},
                 {"Morrin", "Silent Council"}, {"Grey Hand", "Ulmeth"}, {"Iron Reed", "Sarrow"}):
        assert pair in groups, (pair, groups)


def test_a_defined_alias_stands_where_the_corpus_writes_its_two_names_apart():
    # Writers use one name per text once they have said both: the two names share fewer texts than chance
    # would give them (here 42 x 32 / 199 and 60 x 40 / 199), and are one thing all the same.
    texts = ["The army ruled Ostrava, also known as Belmar, for decades."]
    texts += [f"Ostrava's junta met envoys on day {i}." for i in range(40)]
    texts += [f"Refugees crossed from Belmar on day {i}." for i in range(30)]
    texts += [f"Belmar and Ostrava were both named in report {i}." for i in range(2)]
    texts += ["Officials blamed KRF (Vashti) for the blast in Tarvos."]
    texts += [f"KRF fighters held the town in week {i}." for i in range(56)]
    texts += [f"Vashti claimed attack number {i}, officials said." for i in range(36)]
    texts += [f"KRF, which locals call Vashti, lost ground in month {i}." for i in range(4)]
    texts += [f"Markets rose in Dorn on day {i}." for i in range(30)]
    groups = [set(g.names) for g in mine_aliases(texts).groups]
    assert {"Ostrava", "Belmar"} in groups, groups
    assert {"KRF", "Vashti"} in groups, groups


def test_also_called_defines_only_a_name_that_ends_at_a_clause_end():
    # "also called Markov reckless" / "a risk" / "unhinged": a verb with its complement, whatever comes before it.
    long_clause = ("Jim Clapper, who is a former director of national intelligence and now a security analyst who "
                   "appears most nights on air at Globe News, also called Markov unhinged.")
    misreads = [
        "Senator Hale spoke to Globe News, also called Markov reckless and left.",
        "Jim Clapper, who is an analyst at Globe News, also called Markov \"unhinged\" on Friday.",
        "John Kirby, Pentagon press secretary at the studio of Globe News in Washington, also called Markov reckless.",
        long_clause,
        "Ann Reyes, analyst at Globe News, also called Markov a war criminal.",
    ]
    for misread in misreads:
        table = mine_aliases([misread, "The Grey Hand, also called Ulmeth, left the city.",
                              "Rebels of the Velorian Front (also called Kessa) held the port."])
        groups = [set(g.names) for g in table.groups]
        assert {"Grey Hand", "Ulmeth"} in groups and {"Velorian Front", "Kessa"} in groups, groups
        assert not any("Markov" in names for names in groups), (misread, groups)


def test_names_one_vowel_apart_join_only_where_most_uses_share_a_neighbour_other_than_a_title():
    texts = [
        "China's Commerce Minister Zhong Shan said deals were signed.", "Minister Zhong Shan spoke in Beijing.",
        "Vice Foreign Minister Zheng Zeguang said the talks mattered.", "Minister Zheng Zeguang told reporters.",
        "Republican Lindsey Graham spoke.", "Senator Lindsey Graham agreed.", "Senator Lindsay Graham said so.",
        "White House spokeswoman Lindsay Walters said.", "said Lindsay Walters, a spokeswoman.",
        "A woman, Lindsay Menz, said.", "Lindsay Menz said later.",
        "Fighting in Kunar province went on.", "Kunar province is in the east.", "Konar province saw strikes.",
        "Troops left Konar province.",
    ]
    groups = [set(g.names) for g in mine_aliases(texts).groups]
    assert not any({"Zhong", "Zheng"} <= names for names in groups), groups  # "Minister" is shared by many names
    assert not any({"Lindsay", "Lindsey"} <= names for names in groups), groups  # most Lindsays are someone else
    assert any({"Kunar", "Konar"} <= names for names in groups), groups


def test_a_name_that_ends_in_s_keeps_it_and_a_plural_joins_its_singular():
    texts = [
        "The Afghan Islamic Press (AIP) said the raid killed ten.",
        "Provincial Reconstruction Teams (PRTs) were set up; each Provincial Reconstruction Team (PRT) had a commander.",
        "Two Provincial Reconstruction Teams left.",
    ]
    names = {name for group in mine_aliases(texts).groups for name in group.names}
    assert {"Afghan Islamic Press", "AIP", "Provincial Reconstruction Team"} <= names, names
    assert not {"Afghan Islamic Pres", "Provincial Reconstruction Teams"} & names, names


def test_one_actor_under_two_names_gives_one_keyword():
    texts = [
        "Daesh fighters attacked a mosque in Kunduz.",
        "Daesh claimed the mosque bombing in Kunduz.",
        "IS-K fighters attacked a Shiite mosque in Kandahar.",
        "IS-K claimed the bombing of the mosque.",
        "The Islamic State Khorasan Province (IS-K) is also known as Daesh.",
        "Drones flew over Kandahar and Kunar provinces.",
        "US drones violated Afghan airspace, the Taliban said.",
        "Drones over Afghan airspace angered the Taliban.",
    ]
    labels = np.array([0] * 5 + [1] * 3)
    rng = np.random.default_rng(0)
    embeddings = rng.normal(size=(8, 16)).astype(np.float32)
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    centroids = np.stack([embeddings[:5].mean(0), embeddings[5:].mean(0)])
    described = describe_topics(texts, labels, np.arange(2), embeddings, centroids, n_keywords=5, aliases=mine_aliases(texts))
    words = {w for k in described.keywords[0] for w in k.split()}
    assert len({"daesh", "is-k"} & words) == 1, described.keywords[0]


def test_article_score_counts_three_paragraphs_and_folds_same_story():
    scores = np.array([0.9, 0.5, 0.4, 0.1, 0.8, -np.inf, 0.7], dtype=np.float32)
    starts = np.array([0, 4, 5])
    np.testing.assert_allclose(article_scores(scores, starts), [0.9 + 0.25 * 0.5 + 0.15 * 0.4, 0.8, 0.7], rtol=1e-6)
    filtered = article_scores(np.array([-np.inf, -np.inf, 0.5], dtype=np.float32), np.array([0, 2]))
    assert np.isneginf(filtered[0]) and np.isclose(filtered[1], 0.5)
    rng = np.random.default_rng(0)
    story = rng.normal(size=(4, 8))
    story /= np.linalg.norm(story, axis=1, keepdims=True)
    other = rng.normal(size=(3, 8))
    other /= np.linalg.norm(other, axis=1, keepdims=True)
    # Articles 0 and 2 share their paragraphs (one story filed twice); article 1 is another story.
    assert fold_duplicates(np.array([0, 1, 2]), [story, other, story[:3]], k=5) == [(0, [2]), (1, [])]
    assert fold_duplicates(np.array([0, 1, 2]), [story, other, story[:3]], k=1) == [(0, [2])]
    # Two releases of two paragraphs about two operations that open on one template lead share half their
    # paragraphs: not one story. Three of four shared is (an updated filing).
    lead = story[:1]
    assert fold_duplicates(np.array([0, 1]), [np.vstack([lead, other[:1]]), np.vstack([lead, other[1:2]])], k=5) == [(0, []), (1, [])]
    assert fold_duplicates(np.array([0, 1]), [story[:4], np.vstack([story[:3], other[:1]])], k=5) == [(0, [1])]


def test_places_and_groups_before_said_are_not_taken_for_people():
    texts = [
        "Officials in Kabul said the airport would stay open.",
        "Flights from Kabul resumed on Monday, and Kabul said more would follow.",
        "The evacuation at Kabul airport went on through the night.",
        "In a hearing, a Republican asked about the withdrawal; Republicans said it was rushed.",
        "Republicans in the Senate wanted answers, and one Republican senator objected.",
        "President Biden said the withdrawal would finish in August.",
        "Biden told reporters the withdrawal was the right call, and the Biden administration agreed.",
        "Spokesman Zabiullah Mujahid said the fighters would guard the airport.",
    ]
    people = person_names(texts)
    assert {"biden", "zabiullah", "mujahid"} <= people
    assert not {"kabul", "republican", "republicans"} & people


def test_a_label_phrase_is_not_cut_before_the_rest_of_a_longer_one():
    """A phrase that most of its uses carry on ("European Indoor" Championships, "Afghan and"
    coalition forces, "Court of Human" Rights) is a fragment; a title may be followed by a name."""
    from topics.modeling.headlines import TITLES
    from topics.modeling.phrase_shape import continued

    stop = _stop_words()
    texts = [
        "He won gold at the European Indoor Championships in Madrid.",
        "The European Indoor Championships begin on Friday.",
        "She set a record at the European Indoor event.",
        "The European Court of Human Rights ruled. Human rights groups welcomed it.",
        "Afghan and coalition forces detained two suspects. Afghan and coalition forces left.",
        "Homeland Security Secretary Alejandro Mayorkas spoke; Homeland Security Secretary Mayorkas left.",
        "Oil prices rose. Oil prices fell in London. Oil prices hit a record.",
        "Attacks on American troops rose; attacks on American forces, attacks on American bases.",
        "Trump said he would partly reverse President Biden's order; they reverse President Obama's rules.",
        "A Haqqani Network facilitator was held. Haqqani Network leaders and a Haqqani Network commander.",
    ]
    assert continued(texts, "european indoor", stop) and not continued(texts, "european indoor championships", stop)
    assert continued(texts, "court of human", stop) and continued(texts, "afghan", stop)
    assert not continued(texts, "afghan and coalition forces", stop)
    assert not continued(texts, "homeland security", stop, TITLES)  # a title starts another phrase
    assert not continued(texts, "homeland security secretary", stop, TITLES)  # and is whole before its name
    assert continued(texts, "reverse president", stop, TITLES)  # a title only as written after a name's words
    assert not continued(texts, "oil prices", stop)  # different words follow it
    assert continued(texts, "attacks on american", stop)  # a name used as a modifier
    assert not continued(texts, "haqqani network", stop)  # a name of two words stays whole


def test_a_label_phrase_is_no_clause():
    """A verb leading or inside a phrase makes it a clause, told by word order and by how the corpus
    uses the phrase's first word; participles the corpus writes before nouns are adjectives."""
    from topics.modeling.headlines import name_tokens
    from topics.modeling.phrase_shape import is_clause, word_uses

    texts = [
        "Armed insurgents fired on the patrol; two were killed in the strike.",
        "The force killed an insurgent who was armed with a rifle. Armed men fled.",
        "Armed insurgents were seen. The armed group left. Several were killed by the bomb.",
        "The coalition wants to defeat Daesh and will defeat its allies; the defeat of Daesh is near.",
        "The security forces will exit the buildings. Targeted killings rose.",
    ]
    texts += ["Iran must give up nuclear weapons and enter talks, he said; Iran would not enter into talks.",
              "They agreed to enter the talks. Oil and gas prices rose; the gas was cheap."]
    uses = word_uses(name_tokens(texts), {"armed", "killed", "defeat", "targeted", "security", "enter", "gas", "coalition"},
                     _stop_words())
    clauses = ["killed in the strike", "Engaged the enemy position", "defeat Daesh", "force killed insurgents",
               "offered and paid bounties", "nuclear weapons and enter"]
    phrases = ["Armed insurgents", "Targeted killings", "Rest of the season", "security forces", "Afghan and coalition forces",
               "Oil and gas prices"]
    assert all(is_clause(c, uses) for c in clauses), [c for c in clauses if not is_clause(c, uses)]
    assert not any(is_clause(p, uses) for p in phrases), [p for p in phrases if is_clause(p, uses)]


def test_a_phrase_led_or_held_by_a_participle_not_spelled_ed_is_a_clause():
    """"driven by Daria Dugina" (of "a car driven by Daria Dugina") and "Foreign minister, fought" name no
    thing; "frozen assets", written before a noun, and "Western-led coalition" read whole."""
    from topics.modeling.headlines import name_tokens
    from topics.modeling.phrase_shape import is_clause, is_participle, word_uses

    texts = ["The bomb was planted in a car driven by Daria Dugina. The talks were led by Turkey.",
             "The frozen assets of the bank stay frozen assets; a Western-led coalition fought on."]
    uses = word_uses(name_tokens(texts), {"driven", "led", "frozen", "fought"}, _stop_words())
    assert is_participle("driven") and is_participle("killed") and not is_participle("Held") and not is_participle("bed")
    assert is_clause("driven by Daria Dugina", uses) and is_clause("led by Turkey", uses) and is_clause("minister fought", uses)
    assert not is_clause("frozen assets", uses) and not is_clause("Western-led coalition", uses)


def test_a_subtopic_label_reads_how_the_whole_corpus_uses_a_word():
    """One topic may write "enter" only after "and"; the corpus writes it after "to", "will": a verb."""
    from topics.modeling.headlines import headline_labels, usage_sample
    from topics.text.wording import is_junk_word

    topic = ["Congress questioned his authority to wage war, use nuclear weapons and enter into agreements with Iran.",
             "Senators asked about the power to use nuclear weapons and enter into pacts, and about Iran.",
             "The debate on nuclear weapons and the Iran deal went on in the Senate.",
             "Iran and nuclear weapons were on the agenda of the committee.",
             "Lawmakers said nuclear weapons and enter talks were topics for the hearing on Iran."]
    corpus = topic + [f"Troops will enter the city of {city}." for city in ("Herat", "Kabul", "Kunduz", "Ghazni")]
    corpus += [f"Refugees tried to enter {country} on foot." for country in ("Iran", "Pakistan", "Turkey")]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(topic), 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)

    def label(usage):
        return headline_labels(topic, np.zeros(len(topic), int), np.array([0]), vectors, vectors.mean(0, keepdims=True),
                               [["nuclear weapons", "iran", "nuclear", "weapons"]], _stop_words(), is_junk_word, usage_texts=usage)[0]

    assert "and enter" in label(None)  # the topic alone cannot tell
    assert "enter" not in label(usage_sample(corpus)).lower()


def test_a_verb_or_adverb_the_corpus_shows_makes_a_clause():
    """A word the corpus writes after a subject pronoun more often than after a determiner is a verb
    ("he fled"), wherever it stands in the phrase; a word in "-ly" it never writes after a determiner,
    nor mostly before a noun, is an adverb. Nouns and adjectives written after determiners stay."""
    from topics.modeling.headlines import name_tokens
    from topics.modeling.phrase_shape import is_clause, word_uses, words_to_read

    texts = [
        "Ghani fled the palace. He fled with piles of cash, aides said; they fled too.",
        "Residents were asked to exit the buildings peacefully, and they left peacefully; the exit was peaceful.",
        "The family lives near the rally; a deadly attack hit the rally and an elderly man died.",
        "Elderly people and the elderly were moved. The fight for the city; the talks resumed.",
        "Drone strikes hit the city. The strikes killed a commander.",
    ]
    phrases = ["Fled with piles of cash", "Ghani fled", "buildings peacefully", "Deadly attack", "elderly people",
               "Drone strikes", "family", "Peace talks"]
    uses = word_uses(name_tokens(texts), {w for p in phrases for w in words_to_read(p.lower())}, _stop_words())
    assert is_clause("fled with piles of cash", uses) and is_clause("Ghani fled", uses)
    assert is_clause("buildings peacefully", uses)
    kept = ["Deadly attack", "elderly people", "Drone strikes", "family", "Peace talks"]
    assert not any(is_clause(p, uses) for p in kept), [p for p in kept if is_clause(p, uses)]
    # "WHO" is an organisation and "I" a numeral: no subject; a noun in "-ly" has no adjective in the corpus.
    texts = ["WHO officials said it spreads.", "WHO officials met.", "The officials left.", "Phase I trials began.",
             "Vaccine trials resumed.", "Vaccine supply is low.", "Officials said vaccine supply would rise."]
    phrases = ["officials", "vaccine trials", "vaccine supply"]
    uses = word_uses(name_tokens(texts), {w for p in phrases for w in words_to_read(p)}, _stop_words())
    assert not any(is_clause(p, uses) for p in phrases), [p for p in phrases if is_clause(p, uses)]
    # Without the adjective in the corpus, its ending shows it: "peacefully", "previously", not "assembly".
    texts = ["They left the buildings peacefully.", "The buildings were searched previously.", "The assembly met.",
             "Prices rise, usually."]
    phrases = ["buildings peacefully", "buildings previously", "national assembly", "prices usually"]
    uses = word_uses(name_tokens(texts), {w for p in phrases for w in words_to_read(p)}, _stop_words())
    assert [is_clause(p, uses) for p in phrases] == [True, True, False, True]


def test_a_verb_in_ing_after_its_subject_or_leading_makes_a_clause():
    """A word in "-ing" the corpus writes after "be" or before an object more often than after a
    determiner is a verb: after a plural ("Afghans trying"; one never written after a determiner too) or
    alone ("killing"). Nouns in "-ing" ("the meeting"), one after an adjective ("heavy fighting"), one
    leading a longer phrase ("killing time") and one alone but mostly before a noun ("leading") stay."""
    from topics.modeling.headlines import name_tokens
    from topics.modeling.phrase_shape import is_clause, word_uses, words_to_read

    texts = [
        "Afghans were trying to reach the airport, trying the gates; people are coming from Kandahar.",
        "The blast hit a plane, killing the crew and killing 12 others. The meeting was short.",
        "Heavy fighting broke out; the fighting went on as they were fighting the Taliban and fighting them.",
        "He is the leading scorer and the leading candidate. A meeting of leaders; the meeting ended.",
        "People coming home were killing time. A blast killed 12 people and wounding others was the aim.",
    ]
    clauses = ["Afghans trying", "people coming", "killing", "People coming home", "people and wounding"]
    kept = ["Heavy fighting", "leading scorer", "meeting", "Leaders meeting", "killing time", "leading"]
    uses = word_uses(name_tokens(texts), {w for p in clauses + kept for w in words_to_read(p.lower())}, _stop_words())
    assert all(is_clause(c, uses) for c in clauses), [c for c in clauses if not is_clause(c, uses)]
    assert not any(is_clause(p, uses) for p in kept), [p for p in kept if is_clause(p, uses)]


def test_a_name_cut_on_its_left_is_no_label_part():
    """A name most of whose uses go on leftwards ("Secretary of" State Antony Blinken, "New" York Times)
    is cut; a name after "the" or a title is whole."""
    from topics.modeling.headlines import TITLES
    from topics.modeling.phrase_shape import preceded

    texts = [
        "Secretary of State Antony Blinken spoke. Secretary of State Antony Blinken left for Doha.",
        "The New York Times reported it; a New York Times reporter. President Ashraf Ghani fled.",
        "The Islamic State claimed it. President Ashraf Ghani spoke, and Ashraf Ghani left.",
        "At the Berlin Film Festival, the Cannes Film Festival and the Sundance Film Festival; Japan's Sony Corp.",
    ]
    assert preceded(texts, "State Antony Blinken", TITLES) and preceded(texts, "York Times", TITLES)
    assert not preceded(texts, "Islamic State", TITLES) and not preceded(texts, "Ashraf Ghani", TITLES)
    assert not preceded(texts, "peace talks", TITLES)  # only a name goes on to its left
    assert not preceded(texts, "Film Festival", TITLES)  # different names before it: different festivals
    assert not preceded(texts, "Sony Corp", TITLES)  # a possessive does not go on with the name
    # In brackets a name still goes on; after a sentence's or a line's end it starts afresh.
    assert preceded(["a report (New York Times) said", "the New York Times said"], "York Times", TITLES)
    assert not preceded(["It ended (he said.) New York Times reported.", "Title\nNew York Times reports"], "York Times", TITLES)
    # Uses are counted text by text, and a long run without spaces costs no more than its length.
    assert not preceded(["He read the New York", "Times reported it.", "The Times said so."], "Times", TITLES)
    assert preceded(["x" * 200_000 + " New York Times"], "York Times", TITLES)


def test_a_name_joined_by_an_ampersand_is_written_whole():
    """"Johnson & Johnson" is one phrase, written as the texts write it, not "Johnson johnson"."""
    from topics.modeling.headlines import _phrases, _surface
    from topics.modeling.phrase_shape import continued
    from topics.text.wording import is_junk_word

    found = _phrases("The Johnson & Johnson vaccine was paused.", _stop_words(), is_junk_word)
    assert "johnson & johnson" in found and "johnson johnson" not in found
    assert _surface(["Johnson & Johnson said so."], "johnson & johnson") == "Johnson & Johnson"
    texts = ["The Johnson & Johnson vaccine was paused.", "Johnson & Johnson vaccines resumed.", "Johnson & Johnson shots"]
    assert not continued(texts, "Johnson & Johnson", _stop_words())  # a name of its own, not a lone modifier
    assert _surface(["Johnson&Johnson said so.", "Johnson&Johnson shots"], "johnson & johnson") == "Johnson&Johnson"
    assert "near kabul airport" not in _phrases("Near Kabul airport, near the gate", _stop_words(), is_junk_word)


def test_labels_are_whole_noun_phrases():
    """Through the labeller: the cut phrase and the clause give way to a whole phrase of the topic."""
    texts = [
        "Kenenisa Bekele won the European Indoor Championships title in Madrid.",
        "The European Indoor Championships drew sprinters from every country.",
        "Sprinters engaged the crowd at the European Indoor Championships.",
        "Sprinters engaged the crowd as the European Indoor Championships ended.",
        "Afghan and coalition forces detained a Taliban facilitator in Kandahar.",
        "Afghan and coalition forces detained a second Taliban facilitator.",
        "Afghan and coalition forces searched the compound of a Taliban facilitator.",
        "Afghan and coalition forces detained the Taliban facilitator's brother.",
    ]
    labels, embeddings, centroids = _two_topics(texts)
    described = describe_topics(texts, labels, np.arange(2), embeddings, centroids, n_keywords=6)
    assert "european indoor championships" in described.labels[0].lower(), described.labels
    assert "engaged the crowd" not in described.labels[0].lower(), described.labels
    for label in described.labels:
        for part in label.split(", "):
            assert not part.lower().endswith(("european indoor", "afghan and coalition", "afghan")), described.labels


def test_a_name_that_lists_its_parts_is_cut_on_its_left_too():
    """"Mining and Energy Union" of "Construction, Forestry, Mining and Energy Union": a comma joins the parts
    of a name that ends a list with "and", and "and" joins two parts ("Food and" Drug Administration); a
    comma before a name that is no list ("Kim Beazley, Opposition Leader") does not."""
    from topics.modeling.headlines import TITLES
    from topics.modeling.phrase_shape import preceded

    texts = [
        "The Construction, Forestry, Mining and Energy Union (CFMEU) said so.",
        "Construction, Forestry, Mining and Energy Union secretary Martin Kingham was summonsed.",
        "Figures of the Construction, Forestry, Mining and Energy Union met. The Food and Drug Administration agreed.",
        "Labor's Kim Beazley, Opposition Leader, spoke; Kim Beazley, Opposition Leader, left.",
    ]
    assert preceded(texts, "Mining and Energy Union", TITLES) and preceded(texts, "Energy Union", TITLES)
    assert preceded(texts, "Drug Administration", TITLES)
    assert not preceded(texts, "Opposition Leader", TITLES)


def test_a_phrase_that_ends_on_a_modifier_without_its_noun_is_cut():
    """"Chemical and biological" (weapons, attacks): the corpus mostly writes its last word before a noun and
    most of its uses go on with one; a plural, or a word mostly written before a break, is a whole phrase
    ("Oil prices" rose, "heavy fighting" in the south)."""
    from topics.modeling.headlines import name_tokens
    from topics.modeling.phrase_shape import ends_on_modifier, word_uses

    texts = [
        "He claims to know of chemical and biological weapons plants.",
        "Allies must prepare for chemical and biological attacks on their cities.",
        "Biological weapons are banned. Oil prices rose; oil prices fell. Heavy fighting in the south went on.",
        "Heavy fighting resumed. Oil prices hit a record. The fighting stopped.",
    ]
    stop = _stop_words()
    uses = word_uses(name_tokens(texts), {"biological", "prices", "fighting"}, stop)
    assert ends_on_modifier(texts, "chemical and biological", uses, stop)
    assert not ends_on_modifier(texts, "Oil prices", uses, stop) and not ends_on_modifier(texts, "Heavy fighting", uses, stop)
    assert not ends_on_modifier(texts, "chemical and biological weapons", uses, stop)


def test_a_name_is_not_followed_by_another_name_in_a_label():
    """"Yasser Arafat, Palestinian Authority" says who, not what: after a name, a second part with a word the
    texts write in lower case."""
    texts = [
        "Yasser Arafat ordered Palestinian police to arrest Hamas militants, the Palestinian Authority said.",
        "Palestinian police under Yasser Arafat detained Hamas leaders; the Palestinian Authority backed him.",
        "Yasser Arafat sent Palestinian police into Gaza as the Palestinian Authority came under pressure.",
        "Israel wants Yasser Arafat and the Palestinian Authority to rein in Hamas; Palestinian police raided homes.",
        "Bushfires burn across the state as firefighters battle strong winds near homes.",
        "Firefighters saved homes from the bushfires west of the city.",
        "Strong winds fan bushfires; firefighters protect homes in the hills.",
        "Homes lost to bushfires; firefighters expect the winds to ease.",
    ]
    labels, embeddings, centroids = _two_topics(texts)
    label = describe_topics(texts, labels, np.arange(2), embeddings, centroids, n_keywords=6).labels[0]
    first, *rest = label.split(", ")
    assert first in {"Yasser Arafat", "Palestinian Authority"} and all(
        any(w.islower() for w in part.split()) for part in rest), label


# A title or a role before a name: the phrase leads with that name. Each case: the texts, names the
# finder must see, a topic of four units of which one names the person, phrases that lead with a person
# and phrases that do not ("squad for andy robinson": after a function word the name is not the phrase's own).
LEAD_CASES = {
    "title": (
        ["US President George W. Bush said the troops would stay in southern Iraq.",
         "Microsoft chief executive Steve Ballmer said the software would ship in May.",
         "Bush told reporters the elections would go ahead. Ballmer said sales rose."],
        {"bush", "ballmer"},
        [{"bush", "iraq"}, {"iraq", "troops"}, {"southern", "iraq"}, {"troops", "elections"}],
        ["us president george bush", "microsoft chief executive steve ballmer"],
        ["troops in southern iraq"],
    ),
    "role": (
        ["England coach Andy Robinson named his squad for the Six Nations opener against Wales.",
         "Robinson said the back row was strong. England coach Andy Robinson said little else.",
         "The Six Nations squad trained in Bath before the opener against Wales."],
        {"andy", "robinson"},
        [{"england", "coach", "andy", "robinson"}, {"squad", "wales"}, {"six", "nations", "squad"}, {"opener", "wales"}],
        ["england coach andy robinson"],
        ["six nations squad", "squad for andy robinson"],
    ),
}


@pytest.mark.parametrize("case", sorted(LEAD_CASES))
def test_a_name_after_a_title_or_role_leads_the_phrase(case):
    from topics.modeling.headlines import _leads_with_person

    texts, names, units, leading, not_leading = LEAD_CASES[case]
    people = person_names(texts)
    assert names <= people, people
    for phrase in leading:
        assert _leads_with_person(phrase, people, units), phrase
    for phrase in not_leading:
        assert not _leads_with_person(phrase, people, units), phrase


def test_a_title_or_role_without_the_name_after_it_is_no_label_part():
    from topics.modeling.headlines import TITLES
    from topics.modeling.phrase_shape import before_a_name

    texts = [
        "Vice President Kamala Harris arrived in Hanoi on Tuesday.",
        "The trip by Vice President Kamala Harris was delayed. Vice President Harris spoke later.",
        "England coach Andy Robinson named his squad; England coach Andy Robinson said little.",
        "The foreign minister said the talks would go on. Talks with the foreign minister ended.",
    ]
    assert before_a_name(texts, "Vice President", TITLES)
    assert before_a_name(texts, "England coach", TITLES)
    assert not before_a_name(texts, "foreign minister", TITLES)
    # Cut before its title, a word is part of the name's title too.
    assert before_a_name(texts, "Vice", TITLES)
    assert not before_a_name(texts, "Kamala Harris", TITLES)


def test_a_single_word_label_gets_a_phrase_after_it_where_the_texts_write_one():
    from topics.modeling.headlines import _compose

    people = frozenset({"zabiullah", "mujahid"})
    phrases = [{"talks", "zabiullah mujahid", "zabiullah", "mujahid"}, {"talks", "zabiullah", "mujahid", "zabiullah mujahid"},
               {"talks", "peace"}]
    member_words = [{w for p in found for w in p.split()} for found in phrases]
    # The spokesman is quoted in two of three units: he never leads, yet his name may follow the head.
    best = [(0.9, "zabiullah mujahid", 0.67), (0.8, "talks", 1.0), (0.4, "zabiullah", 0.67), (0.3, "mujahid", 0.67)]
    keywords = ["talks", "zabiullah", "mujahid", "peace"]
    label = _compose(best, keywords, people, member_words, people)
    assert label == "talks, zabiullah mujahid", label
    # No such phrase: the word alone.
    assert _compose([(0.8, "talks", 1.0), (0.4, "zabiullah", 0.67)], keywords, people, member_words, people) == "talks"


def test_a_label_of_keywords_takes_whole_ones_first_and_no_word_twice():
    from topics.modeling.headlines import _compose

    # Real texts decide what reads whole: "Donald" is cut from "Donald J. Trump" in most of its uses.
    texts = ["President Donald J. Trump met the allies.", "Allies asked the administration for help.",
             "Donald Trump spoke; the administration and its allies listened."]
    from topics.modeling.describe import _stop_words
    from topics.modeling.phrase_shape import continued

    def reads_well(phrase):
        return not continued(texts, phrase, _stop_words())

    keywords = ["donald", "allies", "administration"]
    assert _compose([], keywords, frozenset(), [], frozenset(), reads_well=reads_well) == "allies, administration"
    # Nothing reads whole: the first keywords, but never one word twice.
    keywords = ["defense secretary", "secretary", "afghan"]
    assert _compose([], keywords, frozenset(), [], frozenset(), reads_well=lambda p: False) == "defense secretary, afghan"


def test_a_label_is_spelt_as_the_texts_write_it_before_cleaning():
    from topics.modeling.headlines import _cased
    from topics.text.wording import clean_text

    written = [
        "A new book, Carter’s Kingdom, says the minister broke a promise.",
        "Claims in Carter's Kingdom were denied by the minister on Sunday.",
        "The minister said the council tax rise would be small.",
        "Council tax bills will rise again, the minister said.",
    ]
    cleaned = [clean_text(text) for text in written]
    # Cleaning drops the possessive: the cleaned texts write "Carter Kingdom" as if it were one phrase.
    assert "Carter Kingdom" in cleaned[1]
    assert _cased("council tax, carter kingdom", cleaned) == "Council tax, Carter Kingdom"
    # Spelt as the texts wrote it, the possessive is back; a part they write without one stays as it is.
    label = _cased("council tax, carter kingdom", cleaned, written)
    assert label in ("Council tax, Carter's Kingdom", "Council tax, Carter’s Kingdom"), label
    # A possessive written with the apostrophe alone after an "s" ("Papadopoulos’ efforts") is found too, so the
    # name keeps its capital.
    written = ["Sessions shut down Papadopoulos’ idea of engaging Russian contacts.",
               "Sessions did not recall Papadopoulos’ efforts at the meeting.", "Papadopoulos’ efforts were limited."]
    cleaned = [clean_text(text) for text in written]
    assert _cased("foreign policy, papadopoulos efforts", cleaned, written) == "Foreign policy, Papadopoulos’ efforts"


def test_a_label_part_ends_on_no_verb_before_its_object():
    from topics.modeling.describe import _stop_words
    from topics.modeling.phrase_shape import ends_on_verb

    texts = [
        "The committee demanded that the federation investigate the affair.",
        "Officials asked the federation investigate the claims before the games.",
        "The sprinter missed a drugs test in Athens. The drugs test was the second he missed.",
        "A federation investigate team was never set up.",
    ]
    assert ends_on_verb(texts, "federation investigate", _stop_words())
    assert not ends_on_verb(texts, "drugs test", _stop_words())
    # A name at the end is no verb, whatever follows it.
    assert not ends_on_verb(["They told Reuters the deal was off.", "He told Reuters the talks ended."], "told Reuters",
                            _stop_words())


def test_a_verbs_object_and_its_preposition_is_no_label_part():
    from topics.modeling.phrase_shape import object_of_verb

    texts = [
        "At least 16 women have accused Trump of sexual misconduct, which he denies.",
        "Women who accused President Donald Trump of sexual misconduct called for an inquiry.",
        "Mueller charged Manafort with money laundering. He was named Secretary of State in May.",
        "The Bank of England kept rates; the Governor of the Bank of England spoke.",
    ]
    assert object_of_verb(texts, "Trump of sexual misconduct")  # "accused" before both uses, one past the name
    assert object_of_verb(texts, "Manafort with money laundering")
    assert object_of_verb(["He would not blame China for the deficit.", "Do not blame China for the deficit."],
                          "China for the deficit")
    assert not object_of_verb(texts, "Secretary of State")  # a name goes on in capitals after its preposition
    assert not object_of_verb(texts, "Bank of England")
    assert not object_of_verb(texts + ["Trump of sexual misconduct claims were aired.", "A Trump of sexual misconduct story.",
                                       "The Trump of sexual misconduct."], "Trump of sexual misconduct")  # most uses follow no verb


def test_a_lower_case_noun_group_cut_on_its_left_is_no_label_part():
    from topics.modeling.describe import _stop_words
    from topics.modeling.phrase_shape import preceded_in_lower_case

    texts = [
        "Gazprom will merge with state oil firm Kamneft by the end of the year.",
        "The unit was sold to oil firm Kamneft for $9bn. Young players and foreign players joined.",
        "The league wants more young players. Clubs signed foreign players and young players alike.",
        "He failed a drugs test in May; she missed a drugs test and faced a second drugs test later.",
        "After winning double gold in Athens, she was given a parade. Winning double gold was her dream.",
    ]
    stop_words = _stop_words()
    assert preceded_in_lower_case(texts, "firm Kamneft", stop_words)  # "oil" firm Kamneft in every use
    assert not preceded_in_lower_case(texts, "oil firm Kamneft", stop_words)  # "state" in one of two
    assert not preceded_in_lower_case(texts, "players", stop_words)  # its own modifiers differ
    assert not preceded_in_lower_case(texts, "drugs test", stop_words)  # a verb or determiner before it
    assert not preceded_in_lower_case(texts, "double gold", stop_words)  # "winning" is a verb's form
    assert not preceded_in_lower_case(texts, "Kamneft", stop_words)  # names are :func:`preceded`'s


# A subject and its verb is a clause, not a noun phrase: the corpus never writes the verb after a determiner,
# and writes it as a verb (before a number or "to", after "he" or "it"), or, in "-s" after a name, its base as one.
SUBJECT_VERB_TEXTS = [
    "Shares fell 3% on Monday as oil prices fell to $40. Profits fell by 5% and sales fell 2%.",
    "He fell ill. The shares of the firm were sold. Its shares rose 4% as the firm's profits rose 2%.",
    "Microsoft confirms the flaw in its software. Intel confirms it will cut prices.",
    "The firm will confirm the deal; they refused to confirm the sale. Oracle confirms a bid.",
    "A drugs test was missed. The test was positive. US troops left; the troops went home.",
    "Microsoft shares and Intel shares rose. The Intel chips sold well; the chips were cheap.",
    "There are 3,000 Internet cafes in the city; 400 Internet cafes closed, a blow to cafe owners.",
    "Sales sank in May, and it sank again in June as sales sank abroad.",
    "The referendums follow Russian orders. Others will follow suit, refusing to follow orders; soldiers must follow rules.",
    "The leaders plan to visit Kyiv; the visit was short. Troops will visit the front.",
]
SUBJECT_VERB_CASES = {
    "Shares fell": True,  # "fell" never follows a determiner; mostly before a number or "to"
    "profits rose": True,  # the same: "rose 4%", "rose 2%"
    "Microsoft confirms": True,  # "-s" after a name; "confirm" is written as a verb ("to confirm", "confirm the")
    "Oracle confirms": True,
    "Sales sank": True,  # "it sank": written after a subject pronoun
    "referendums follow": True,  # "will follow", "to follow": after "to" or a modal in most uses, never after "the"
    "Kyiv visit": False,  # "to visit", but "the visit": a noun too
    "drugs test": False,  # "the test": a noun
    "US troops": False,  # "the troops"
    "Microsoft shares": False,  # "the shares", "its shares"
    "Intel chips": False,  # "the chips"; no "chip" as a verb
    "Internet cafes": False,  # one "to cafe owners" makes no verb of "cafe"
    "fell": False,  # one word has no subject (is_clause reads a lone word)
    "test of the troops": False,  # the last word after a function word
}


@pytest.mark.parametrize("phrase", sorted(SUBJECT_VERB_CASES))
def test_a_label_part_is_no_subject_and_its_verb(phrase):
    from topics.modeling.headlines import name_tokens
    from topics.modeling.phrase_shape import ends_on_subject_verb, word_uses, words_to_read

    uses = word_uses(name_tokens(SUBJECT_VERB_TEXTS), set(words_to_read(phrase.lower())), _stop_words())
    assert ends_on_subject_verb(phrase, uses) is SUBJECT_VERB_CASES[phrase]


# Alone, a word the corpus writes after "be" more often than after a determiner is a predicate, no noun.
PREDICATE_TEXTS = [
    "The plan is wrong, he said; it was wrong and the claims were wrong. The wrong man was held.",
    "Stocks were lower on Monday and bonds were lower. Rates will be lower. The lower house voted.",
    "The people are angry. People are leaving; the people of the city left. Most people stayed.",
    "The market is open. The market fell; a market in Paris. Markets were calm.",
]
PREDICATE_CASES = {"wrong": True, "lower": True, "people": False, "market": False, "lower house": False}


@pytest.mark.parametrize("phrase", sorted(PREDICATE_CASES))
def test_a_lone_word_written_after_be_is_no_label_part(phrase):
    from topics.modeling.headlines import name_tokens
    from topics.modeling.phrase_shape import is_clause, word_uses, words_to_read

    uses = word_uses(name_tokens(PREDICATE_TEXTS), set(words_to_read(phrase)), _stop_words())
    assert is_clause(phrase, uses) is PREDICATE_CASES[phrase]


def test_a_single_word_label_takes_a_keyword_two_of_its_units_write():
    from topics.modeling.headlines import _compose

    # The words of each unit's phrases: "vaccine" is in two units, "collection" and "harbor" in one each.
    member_words = [{"masks", "vaccine", "collection"}, {"masks", "vaccine"}, {"harbor", "masks"}, {"biden"}]
    best = [(0.5, "masks", 0.75)]
    people = frozenset({"biden"})
    cases = [
        (["masks", "collection", "biden", "vaccine"], "masks, vaccine"),  # one writer, a person: passed over
        (["masks", "collection", "harbor"], "masks"),  # no keyword two units write: the word alone
        (["masks", "mask", "vaccine"], "masks, vaccine"),  # never the word's own family
    ]
    for keywords, expected in cases:
        assert _compose(best, keywords, people, member_words, frozenset()) == expected, keywords
    # A keyword that does not read whole (a modifier without its noun) is passed over too.
    assert _compose(best, ["masks", "vaccine"], people, member_words, frozenset(),
                    reads_well=lambda phrase: phrase != "vaccine") == "masks"


def test_notation_marks_datelines_and_common_words_in_brackets_define_no_alias():
    texts = [
        "Wanted: a tape drive, pretty much any kind for IBM (Used). Mail me.",
        "The IBM machines were used in the lab; IBM PCs were used too.",
        "LOS ANGELES (Reuters) - Studios cut prices. Los Angeles police said the Reuters reporter left.",
        "Where can I get a program to plot XY(Z) data? The XY plot is fine.",
        "The package was developed on a NeXT (TM) computer.",
        "The Streets, aka British rapper Mike Skinner, played; the streets were full.",
        "Iran said ISIS (Daesh) fighters had moved; Daesh denied it.",
        "Calls go as Voice over IP (Voip), the Internet Protocol (IP) carrying them.",
    ]
    groups = [set(g.names) for g in mine_aliases(texts).groups]
    joined = set().union(*groups) if groups else set()
    assert not {"used", "Used", "Reuters", "ANGELES", "Z", "XY", "TM", "NeXT", "streets", "British", "Voip"} & joined, groups
    assert any({"IP", "Internet Protocol"} <= names for names in groups), groups
    assert any({"ISIS", "Daesh"} <= names for names in groups), groups


AG_ALIASES = Path(__file__).parent / "data" / "ag_news_aliases.csv"


def test_a_wire_credit_or_a_product_of_a_company_is_no_other_name_of_it():
    from topics.ingest.corpus import load_corpus

    corpus = load_corpus(AG_ALIASES)
    groups = [set(g.names) for g in mine_aliases(corpus).groups]
    # "By Mark Ledsom BASEL (Reuters) - ": a dateline after a byline, its bracket a credit; "HP-UX" is HP's Unix.
    assert any({"HP", "Hewlett-Packard"} <= names for names in groups), groups
    assert not any(names & {"Reuters", "BASEL", "HP-UX"} for names in groups), groups
    # The dateline's line alone, the credit in no other text: it stands in a line opener.
    basel = [t for t in corpus.paragraphs["text"] if "BASEL" in t]
    assert basel and not mine_aliases(basel).groups
    # A headline run into the text puts the dateline mid-line, but its bracket holds a credit of the other texts' openers.
    texts = [f"Henman Sails at the Swiss Indoors {t}" if "BASEL" in t else t for t in corpus.paragraphs["text"]]
    assert not any(names & {"Reuters", "BASEL"} for names in (set(g.names) for g in mine_aliases(texts).groups))


def test_a_branch_joins_its_heads_group_where_the_corpus_spells_it_out():
    texts = ["The Islamic State (IS) grew.", "Fighters of the Islamic State in Khorasan left.", "IS-K struck again."]
    assert {"IS", "Islamic State", "IS-K"} in [set(g.names) for g in mine_aliases(texts).groups]
    # A headline's next word is no branch's name: the corpus writes it in lower case.
    texts = ["The Islamic State (IS) grew.", "IS Kills Dozens, the headline said; the kills went on.", "IS-K struck again."]
    assert not any("IS-K" in g.names for g in mine_aliases(texts).groups)


def test_an_acronym_of_two_names_joins_neither_and_parts_of_a_mixed_case_word_spell_one():
    texts = [
        "The leaflet was published by the Crown Prosecution Service (CPS) in May.",
        "Lines were using so-called Carrier Pre-Section (CPS) services.",
        "The British Chambers of Commerce (BCC) said growth slowed.",
        "The British Chamber of Commerce (BCC) welcomed the budget.",
        "Players of EverQuest (EQ) keep playing; EQ has a million of them.",
    ]
    groups = [set(g.names) for g in mine_aliases(texts).groups]
    assert not any({"Crown Prosecution Service", "Carrier Pre-Section"} & names for names in groups), groups
    assert any({"BCC", "British Chambers of Commerce", "British Chamber of Commerce"} <= names for names in groups), groups
    assert any({"EverQuest", "EQ"} <= names for names in groups), groups


def test_a_later_label_part_capitalised_only_where_a_sentence_starts_is_written_in_lower_case():
    from topics.modeling.headlines import _cased, name_tokens
    from topics.modeling.phrase_shape import lower_case_words

    texts = [
        "Fox News aired the clip. Multiple excerpts from Carlson ran on Russian television.",
        "The channel showed multiple clips, and Fox News defended its host.",
        "State television in Moscow used multiple segments. The State Department objected.",
        "Officials at the State Department said state media lied.",
        "The state media said state television was right, and state officials agreed with state media.",
    ]
    tokens = name_tokens(texts)
    lower_case = functools.partial(lower_case_words, tokens)
    # "Multiple" is capitalised only where its sentence starts; the corpus writes "multiple" inside sentences.
    assert _cased("fox news, multiple excerpts from carlson", texts, texts, lower_case) == "Fox News, multiple excerpts from Carlson"
    # "State" is written in lower case more often than not, but the phrase is capitalised inside a sentence.
    assert lower_case_words(tokens, ["State"]) == {"State"}
    assert _cased("fox news, state department", texts, texts, lower_case) == "Fox News, State Department"
    # A name is never written in lower case; the first part keeps its capital whatever the corpus does.
    assert _cased("multiple excerpts, fox news", texts, texts, lower_case) == "Multiple excerpts, Fox News"


def test_a_title_among_the_first_keywords_makes_no_label_of_its_own():
    """"putin, president, vladimir": the title says whom the name is. With the name in too few units to
    lead, the label holds what the topic is about ("Russian forces"), not another president the texts
    name ("US president", the label before)."""
    from topics.modeling.headlines import headline_labels
    from topics.modeling.lead_keywords import lead_keywords
    from topics.text.wording import is_junk_word

    topic = ["President Vladimir Putin said the troops would press on in the Donbas region.",
             "Russian forces shelled the city overnight, officials in the region said.",
             "The US president promised more weapons as Russian forces regrouped.",
             "Russian forces advanced near the city, and the US president spoke to allies.",
             "President Vladimir Putin ordered his generals to take the region.",
             "The US president warned of sanctions; President Vladimir Putin dismissed them.",
             "Russian forces lost ground in the region, the governor said.",
             "Shelling hit the city again as Russian forces pushed south."]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(topic), 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    keywords = ["putin", "president", "vladimir", "forces", "russian", "region"]
    assert lead_keywords(keywords, 3) == ["putin", "vladimir", "forces", "president", "russian", "region"]
    label = headline_labels(topic, np.zeros(len(topic), int), np.array([0]), vectors, vectors.mean(0, keepdims=True),
                            [keywords], _stop_words(), is_junk_word)[0]
    assert label == "Russian forces"


def test_a_title_alone_is_no_part_of_a_label_from_keywords():
    """"Authorities, Minister": a title says who spoke in any story, not what this one is about."""
    from topics.modeling.headlines import _compose

    units = [{"authorities", "minister", "fraud"}, {"authorities", "minister", "fraud"}, {"authorities", "bank"}]
    keywords = ["authorities", "minister", "fraud", "bank"]
    assert _compose([(0.9, "authorities", 1.0)], keywords, frozenset(), units) == "authorities, fraud"
    assert _compose([], ["minister", "fraud", "bank"], frozenset(), units, reads_well=lambda p: False) == "fraud, bank"


def test_rows_of_a_statistics_table_give_no_keywords_or_label_words():
    # Standings and scoring rows ("Name TEAM 78 40 48 ...") made 20 Newsgroups labels such as "Reichel CAL":
    # their names and team codes are cells of a table, not what a message is about.
    from topics.text.wording import keyword_texts

    post = ("Here are the final scoring leaders of the season.\n"
            "    Reichel      CAL    78  40  48  88 1.13  88  54  23\n"
            "    Ellett       TOR    68   6  34  40 0.59  40  46  17\n"
            "     7, Calgary, Reichel 40 (unassisted) 9:26.\n"
            "Calgary won the division on the last night of the season.")
    news = "Sales rose 2.8% to 14.96bn euros in 2004, from 12.1bn a year earlier, the firm said."
    cleaned = keyword_texts([post, news, "The score was 3-1 after 90 minutes."])
    assert "Reichel" not in cleaned[0] and "CAL" not in cleaned[0] and "TOR" not in cleaned[0]
    assert "final scoring leaders" in cleaned[0] and "Calgary won the division" in cleaned[0]
    assert cleaned[1] == news and cleaned[2] == "The score was 3-1 after 90 minutes."
    # Numbers in a sentence: prose with its function words, no row of a table.
    apollo = "Apollo 11, 12 and 14 landed in 1969, 1969 and 1971."
    assert keyword_texts([apollo, post])[0] == apollo


def test_table_rows_are_dropped_line_by_line_whatever_digits_write_them():
    # drop_table_rows skips texts and lines by their runs of digits before reading their numbers: it must drop
    # exactly the lines is_table_row calls rows, numbers written in any script's digits included.
    import random

    from topics.text.wording import drop_table_rows, is_table_row

    def by_definition(text):
        lines = text.split("\n")
        kept = [line for line in lines if not is_table_row(line)]
        return "\n".join(kept) if len(kept) < len(lines) else text

    rows = ["Ali  KAB  \u0667\u0668  \u0664\u0660  \u0664\u0668", "Reichel CAL 78 40 48 88 1.13", "7, Calgary, 40 9:26.",
            "+1.5 -2 3% 4/5", "a1 b2 c3 d4", "The score was 3-1 after 90 minutes."]
    draw = random.Random(7)
    alphabet = "0123\u0663\u06f4 .,:%/+-\nab Th\u00e9\t(x)and"
    texts = ["\n".join(draw.sample(rows, 3)) for _ in range(50)]
    texts += ["".join(draw.choice(alphabet) for _ in range(draw.randint(0, 60))) for _ in range(3000)]
    assert [drop_table_rows(text) for text in texts] == [by_definition(text) for text in texts]
    assert drop_table_rows(rows[0] + "\nA sentence.") == "A sentence."


def test_cleaning_a_text_is_linear_on_long_runs_of_punctuation():
    # A run of dots, hyphens or plus signs 100,000 long (a ruled line, a binary dump pasted into a post) was
    # tried from each of its positions by the table-row and mail-address patterns: minutes for one text.
    import time

    from topics.text.wording import clean_text

    for text in ("A" + "." * 100_000, "." * 100_000, "1" + "-" * 100_000 + "x", "x " + "+" * 100_000 + " y@z.org"):
        start = time.perf_counter()
        clean_text(text)
        assert time.perf_counter() - start < 5, text[:3]  # a guard against the square of the length, not a timing
    assert clean_text("Mail pwiseman@salmon.usd.edu or call.").split() == ["Mail", "or", "call."]
    assert clean_text("Reichel  CAL  78  40  48  88 1.13\nHe scored twice.") == "He scored twice."
