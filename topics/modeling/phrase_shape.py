"""Whether a label phrase reads as a whole noun phrase, judged from how the corpus writes its words.

Candidate phrases are runs of words between stop words, so two kinds of run read wrong as labels:

- **a cut phrase**, most of whose uses go on into a longer one: "European Indoor" (Championships),
  "Republican on the Senate" (Armed Services Committee), "Iran nuclear" (deal). :func:`continued`
  reads the word after each use of the phrase in the topic's texts;
- **a clause**, led by or holding a verb: "Engaged the enemy position", "killed in the strike",
  "joined Democrats", "Defeat Daesh". No tagger is at hand, so :func:`is_clause` tells a verb by
  English word order: a word right before "the" (a noun does not take an object); a past
  participle before a preposition; and, for a phrase's first word, how the corpus uses that word
  (:func:`word_uses`): a participle that the corpus mostly writes before a preposition or a break
  is a verb ("killed in"), one it mostly writes before a noun an adjective ("armed insurgents");
  a word the corpus mostly writes after "to" or a modal, or before a determiner, is a verb ("to
  defeat", "will withdraw", "extending the"), and so is one it writes after a subject pronoun more
  often than after a determiner ("he fled", never "the fled"); so is a word in "-ing" it writes
  after "be" or before an object more often than after a determiner, alone or after a plural
  ("killing the", "were trying": "Plane, killing", "Afghans trying"); a word in "-ly" the corpus never
  writes after a determiner, nor mostly before a noun, is an adverb ("buildings peacefully"); a word
  alone that it writes after "be" more often than after a determiner is a predicate ("is wrong"), and one
  it writes right after a name, never as a noun, a verb ("Healy wrote": :mod:`topics.modeling.subject_verbs`);
- **a subject and its verb**: "Shares fell", "Microsoft confirms". :func:`ends_on_subject_verb`;
- **a modifier without its noun**, a last word the corpus mostly writes before a noun, and which most
  uses of the phrase go on with one: "Chemical and biological" (weapons, attacks). :func:`ends_on_modifier`;
- **a title or role without its name**, most of whose uses go on with a name: "Vice President" (Kamala
  Harris), "England coach" (Andy Robinson). :func:`before_a_name`;
- **a name cut on its left**, most of whose uses go on leftwards: "State Antony Blinken" (Secretary
  of), "York Times" (New). :func:`preceded` reads the word before each use;
- **a verb's object and what it takes**, a name and a preposition most of whose uses follow a verb's
  past tense: "Trump of sexual misconduct" (accused), "Manafort with money laundering" (charged).
  :func:`object_of_verb`.

A label part after the first keeps a capital its first word has only at a sentence's start where the
corpus writes the word in lower case inside sentences: :func:`lower_case_words`.

Every cut-off is a majority of the corpus's own uses: no constant is read off a corpus. Each rule reads only
the texts that may write the phrase's first word (:mod:`topics.modeling.phrase_holders`).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress

from topics.modeling.phrase_holders import may_write

# Written before a verb's base form ("to defeat", "will withdraw", "did not win").
VERB_MARKERS = frozenset("to will would could should can must may might cannot not did does do".split())
# Function words allowed inside (never at the edges of) a phrase: written between the words of one noun
# phrase ("Rest of the season", "Afghan and coalition forces", "Johnson & Johnson").
INNER_WORDS = frozenset("of on in for over against with from and the by at into after under near &".split())
# Written right before a noun phrase: a word the corpus mostly writes before one takes an object (a verb).
DETERMINERS = frozenset("the a an its their his her this these those".split())
# Written right before a verb: a word the corpus writes after one more often than after a determiner is a verb.
# Read as written, so "WHO" (the organisation) is none; "I" only where no capitalised word comes before it
# ("Phase I", "World War I" are numerals). "it" is an object too, but what follows an object is rarely a
# noun never written after a determiner ("it fell", "made it clear").
SUBJECT_PRONOUNS = frozenset("he she it they we who i".split())
# Written after a verb in "-ing" as its object ("killing the", "trying to", "taking them"); numbers too.
OBJECT_STARTS = frozenset("the a an its their his her this these those to him them us it me".split())
# Written before a verb in "-ing" ("were trying"): a word after one more often than after a determiner is a verb.
BE_FORMS = frozenset("is are was were be been being am".split())
# Plurals not made with "-s": a subject before a verb in "-ing" as well as "Afghans" is ("people coming").
IRREGULAR_PLURALS = frozenset("people men women children police".split())
SENTENCE_ENDS = frozenset(".!?:;")
# Opening and closing marks around a word ("(New York Times)", "he said.)").
_OPENING, _CLOSING = "([{\"'“‘", ")]}\"'”’"
# Joining two parts of one noun phrase ("Food and Drug Administration", "Islamic Movement of Uzbekistan"):
# what follows them still continues the phrase.
JOINING_WORDS = frozenset({"and", "of", "&"})
_NEXT_WORD = r"(?:\s+((?:(?:" + "|".join(sorted(JOINING_WORDS)) + r")\s+){0,2})([\w'-]+))?"


# Past participles not spelled "-ed" that are seldom nouns: "a car driven by …", "talks led by …".
IRREGULAR_PARTICIPLES = frozenset(
    "driven written taken given shown known seen stolen broken chosen spoken frozen hidden beaten fallen forgotten "
    "forbidden ridden risen shaken sworn torn drawn grown thrown flown blown begun withdrawn overseen undertaken "
    "overtaken mistaken arisen slain held brought caught sought fought bought taught told sent kept meant dealt fled led".split()
)


def is_participle(word: str) -> bool:
    """Whether a word is a past participle ("-ed", or one of :data:`IRREGULAR_PARTICIPLES`): the test the phrase
    search uses for a phrase's last word (``headlines._WordRoles``)."""
    return len(word) > 4 and word.endswith("ed") or word in IRREGULAR_PARTICIPLES


def _is_participle(word: str) -> bool:
    return word.islower() and is_participle(word)


def continued(texts: list[str], phrase: str, stop_words: frozenset[str], titles: frozenset[str] = frozenset()) -> bool:
    """Whether most uses of ``phrase`` in ``texts`` go on into a longer phrase: the same word, not a
    stop word, past tense or one of ``titles``, follows it (perhaps after "and" or "of") in more than half of them,
    or, where the phrase ends on a capitalised word, another capitalised word does (a name goes on:
    "Court of Human" Rights), or after a lone capitalised word any such lower-case word (a modifier:
    "attacks on American" troops; "Haqqani Network" facilitator stays whole). A use ending in a
    capitalised title after a capitalised word is whole ("Defense Secretary")."""
    words = phrase.split()
    if not words:
        return False
    pattern = re.compile(
        r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])" + _NEXT_WORD, re.IGNORECASE
    )
    uses, following, names_go_on = 0, Counter(), 0
    for text in may_write(texts, words[0], any_case=True):
        for match in pattern.finditer(text):
            uses += 1
            after = match.group(2)
            # A title after a name starts another phrase ("Homeland Security Secretary Alejandro Mayorkas").
            if not after or any(c.isdigit() for c in after) or after.lower() in titles:
                continue
            written = match.group(0)[: match.start(1) - match.start()].split()
            # A title is whole before the name it gives ("Defense Secretary" Lloyd J. Austin), where it is
            # a title as written: capitalised after a capitalised word, not "reverse President" Trump.
            if written[-1].lower() in titles and written[-1][:1].isupper() and (len(written) < 2 or written[-2][:1].isupper()):
                continue
            # A past tense after the phrase is its verb, not more of it ("coalition forces detained").
            word = after.lower() not in stop_words and not _is_participle(after)
            if word:
                following[after.lower()] += 1
            # After a capitalised word, another one goes on with a name ("Court of Human" Rights); after a
            # lone one, a lower-case word makes it a modifier ("attacks on American" troops), where a
            # name of two words stays whole ("Haqqani Network" facilitator).
            lone = len(written) < 2 or not (written[-2][:1].isupper() or written[-2] == "&")
            names_go_on += written[-1][:1].isupper() and (after[:1].isupper() or lone and word and after.islower())
    if not uses:
        return False
    most = following.most_common(1)[0][1] if following else 0
    return max(most, names_go_on) > uses / 2


def ends_on_modifier(texts: list[str], written: str, uses: dict[str, tuple[int, ...]], stop_words: frozenset[str]) -> bool:
    """Whether the phrase, as the texts write it, ends on a word that modifies a noun it leaves out
    ("Chemical and biological" weapons, attacks): its last word, in lower case, is one the corpus mostly
    writes before a lower-case word (:func:`word_uses`) and never in the plural (an adjective, or a noun
    that only modifies: "Iran nuclear", "child sex"; not "roadside bomb", written "bombs" too), and most of
    the phrase's uses in ``texts`` go on with a lower-case word that is no stop word or past tense.
    Different nouns may follow it, which :func:`continued` leaves alone; a subject's verbs follow it as
    often ("Oil prices" rose), but its last word is a plural or a noun written before a break as much."""
    words = written.split()
    last = words[-1] if words else ""
    if not (last.isalpha() and last.islower()) or _is_plural(last) or uses.get(last + "s", _UNUSED)[0]:
        return False
    n, _, before_word, _, _, _, _, _ = uses.get(last, _UNUSED)
    if not n or before_word <= n / 2:
        return False
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])(?:\s+([\w'-]+))?", re.IGNORECASE)
    found, modified = 0, 0
    for text in may_write(texts, words[0], any_case=True):
        for match in pattern.finditer(text):
            found += 1
            after = match.group(1) or ""
            modified += after.isalpha() and after.islower() and after not in stop_words and not _is_participle(after)
    return modified > found / 2


def before_a_name(texts: list[str], written: str, titles: frozenset[str]) -> bool:
    """Whether the phrase, as the texts write it, is a title or role that most of its uses give a name right
    after: a title or role is said of someone, so without the name it names no topic ("Vice President"
    Kamala Harris, "England coach" Andy Robinson; "the foreign minister said" stays). Its last word is one
    of ``titles`` or written in lower case (a capitalised one going on with a name is :func:`continued`'s),
    or a title follows it ("Defense" Secretary Lloyd Austin); the word after it (and after such titles)
    capitalised, the rest of it in lower case."""
    words = written.split()
    if not words:
        return False
    titled = words[-1].lower() in titles or words[-1].islower()
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])((?:\s+[\w'-]+){1,4})?",
                         re.IGNORECASE)
    found, named = 0, 0
    for text in may_write(texts, words[0], any_case=True):
        for match in pattern.finditer(text):
            # Only the uses written as the label writes it (its first letter aside): a headline in title
            # case capitalises the next word whatever it is ("Oil Prices Rise").
            if match.group(0)[1 : len(written)] != written[1:]:
                continue
            found += 1
            after = (match.group(1) or "").split()
            k = 0
            while k < len(after) and after[k].lower() in titles:
                k += 1
            name = after[k] if k < len(after) else ""
            named += (titled or k > 0) and name[:1].isupper() and name[1:].islower()
    return named > found / 2


def preceded(texts: list[str], phrase: str, titles: frozenset[str] = frozenset()) -> bool:
    """Whether most uses of ``phrase``, a name as the texts write it (its first word capitalised), go on
    to its left: the same capitalised word comes right before it in more than half of them ("New" York
    Times), perhaps with "of" or "and" ("Secretary of" State Antony Blinken, "Food and" Drug Administration),
    or with a comma where the name lists its parts ("Construction, Forestry," Mining and Energy Union). A
    determiner, a possessive, one of ``titles`` ("President" Ashraf Ghani) or a sentence's first word does
    not go on with a name, and different words before it ("Berlin", "Cannes" Film Festival) name different
    things."""
    words = phrase.split()
    if not words or not words[0][:1].isupper():
        return False
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])")
    listed = "and" in words[1:-1]  # the last parts of a name that lists them ("Mining and Energy Union")
    uses, going_on = 0, Counter()
    for text in may_write(texts, words[0]):
        for match in pattern.finditer(text):
            uses += 1
            # The few words before the use (a window: the phrase search itself is linear in the text).
            before = _word_before(text[max(0, match.start() - _WINDOW) : match.start()], titles, listed)
            if before is not None:
                going_on[before] += 1
    return bool(going_on) and going_on.most_common(1)[0][1] > uses / 2


_WINDOW = 200  # characters read before a use of a name: more than three words
# Written between a verb's object and the rest of what the verb takes ("accused Trump of", "charged Manafort with").
OBJECT_PREPOSITIONS = frozenset("of with for from over about as to".split())


def object_of_verb(texts: list[str], written: str) -> bool:
    """Whether the phrase, as the texts write it, is a name and a preposition that most of its uses write
    after a verb (a past tense, or a word after "not", "to" or a modal), perhaps with the rest of the name between
    ("accused" Trump of sexual misconduct, "accused" President Donald Trump of, "charged" Manafort with money
    laundering, "not blame" China for the deficit):
    the object of a clause, not a noun phrase. A name goes on in capitals after its preposition ("named"
    Secretary of State, "Bank of England"): those are names."""
    words = written.split()
    if len(words) < 3 or not words[0][:1].isupper() or words[1] not in OBJECT_PREPOSITIONS or not words[2][:1].islower():
        return False
    # The verb may stand before the name's title and first names ("accused President Donald" Trump of); a verb's
    # base form is told by the marker before it ("not blame" China for the deficit, "to charge").
    pattern = re.compile(r"(?<![\w-])(?:([\w'-]+)[ \t]+)?([\w'-]+)[ \t]+(?:[A-Z][\w.'-]*[ \t]+){0,3}"
                         + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])")
    texts = may_write(texts, words[0])  # a use writes it (the patterns read case as written)
    uses = sum(len(re.findall(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])", text)) for text in texts)
    after_verb = sum(1 for text in texts for match in pattern.finditer(text)
                     if _is_participle(match.group(2)) or match.group(2).islower() and (match.group(1) or "").lower() in VERB_MARKERS)
    return after_verb > uses / 2


def _word_before(window: str, titles: frozenset[str], listed: bool = False) -> tuple[str, bool] | None:
    """(the capitalised word before a name, whether "of", "and" or "&" joins them) where it goes on with the name;
    None where it does not: no capitalised word, a number, a possessive, a determiner, a title, or a
    sentence's (or a line's) first word. ``listed``: the name ends a list of its parts ("Mining and
    Energy Union"), so a comma after the word joins it too ("Construction, Forestry, Mining and ...")."""
    tokens = re.findall(r"\n|\S+", window)  # a line break stays a token: what follows it starts a line
    joined = bool(tokens) and tokens[-1] in JOINING_WORDS  # "Secretary of" State, "Mining and" Energy Union
    if joined:
        tokens = tokens[:-1]
    if not tokens or tokens[-1] == "\n":
        return None
    if listed and not joined and tokens[-1].endswith(",") and len(tokens[-1]) > 1:
        tokens[-1] = tokens[-1][:-1]
    written = tokens[-1].lstrip(_OPENING)
    lower = written.lower()
    if not (written[:1].isupper() and re.fullmatch(r"[\w'-]+", written)) or any(c.isdigit() for c in written) \
            or lower.endswith(("'s", "s'")):
        return None
    if joined:
        return lower, True
    opened = written != tokens[-1]  # "(New York Times)": inside brackets, not a sentence's start
    previous = tokens[-2].rstrip(_CLOSING) if len(tokens) > 1 else ""
    starts_sentence = not opened and (len(tokens) < 2 or tokens[-2] == "\n" or previous[-1:] in SENTENCE_ENDS)
    if starts_sentence or lower in titles or lower in DETERMINERS or lower in INNER_WORDS:
        return None
    return lower, False


def word_uses(token_lists, words, stop_words: frozenset[str]) -> dict[str, tuple[int, int, int, int, int, int, int, int]]:
    """Per word of ``words`` (lower case): (uses written in lower case, of those after a verb marker or
    before a determiner, of those before a lower-case word that is not a stop word, of those after a
    subject pronoun, of those after a determiner, of those after a form of "be" or before an object, of
    those after a form of "be", of those after a capitalised word that is no pronoun or determiner, in a run
    of them no determiner or modifier opens, and before more of the sentence that no lower-case content word
    starts: "Healy wrote that", not "British intelligence warned"), over
    ``token_lists`` (:func:`topics.modeling.headlines.name_tokens` of the corpus)."""
    from topics.modeling.subject_verbs import opens_clause

    words = frozenset(words)
    uses, as_verb, before_word, after_subject, after_determiner = Counter(), Counter(), Counter(), Counter(), Counter()
    progressive, after_be, after_capital = Counter(), Counter(), Counter()
    for tokens in token_lists:
        if words.isdisjoint(tokens):  # most texts hold none of the asked words: no step per token
            continue
        for i in compress(range(len(tokens)), map(words.__contains__, tokens)):  # written in lower case, and asked
            token = tokens[i]
            uses[token] += 1
            before = tokens[i - 1].lower() if i > 0 else ""
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if before in VERB_MARKERS or after.lower() in DETERMINERS:
                as_verb[token] += 1
            before_content = after.isalpha() and after.islower() and after not in stop_words
            before_word[token] += before_content
            after_subject[token] += before in SUBJECT_PRONOUNS and (
                tokens[i - 1] == "I" and not (i > 1 and tokens[i - 2][:1].isupper()) or not tokens[i - 1].isupper())
            after_determiner[token] += before in DETERMINERS
            progressive[token] += before in BE_FORMS or after.lower() in OBJECT_STARTS or after.isdigit()
            after_be[token] += before in BE_FORMS
            after_capital[token] += i > 0 and tokens[i - 1][:1].isupper() and before not in _NO_NAMES \
                and opens_clause(tokens, i - 1, stop_words) and after not in SENTENCE_ENDS and bool(after) \
                and not before_content  # "British intelligence warned": a noun, its modifier before it
    return {w: (uses[w], as_verb[w], before_word[w], after_subject[w], after_determiner[w], progressive[w], after_be[w],
                after_capital[w]) for w in uses}


def _adjectives(word: str) -> list[str]:
    """The adjectives a word in "-ly" may be made from: "peaceful" for "peacefully", "happy" for "happily",
    "basic" for "basically"."""
    if not (len(word) > 4 and word.endswith("ly")):
        return []
    found = [word[:-2]]
    if word.endswith("ily"):
        found.append(word[:-3] + "y")
    if word.endswith("ally"):
        found.append(word[:-4])
    return found


# An adjective's ending before "-ly": the word is made from an adjective whether or not the corpus writes it.
ADJECTIVE_ADVERB_ENDINGS = ("fully", "lessly", "ously", "ively", "ally")


def is_adverb(word: str, uses: dict[str, tuple[int, ...]]) -> bool:
    """A word in "-ly" made from an adjective ("peacefully" from "peaceful", which the corpus writes or the
    ending shows; not "supply" or "assembly"), that the corpus never writes after a determiner (a noun or
    adjective takes one: "the family", "a deadly attack") nor mostly before a noun ("elderly people")."""
    from_adjective = len(word) > 6 and word.endswith(ADJECTIVE_ADVERB_ENDINGS)
    if not word.islower() or not (from_adjective or any(uses.get(adjective, (0,))[0] for adjective in _adjectives(word))):
        return False
    n, _, before_word, _, after_determiner, _, _, _ = uses.get(word, _UNUSED)
    return n > 0 and after_determiner == 0 and before_word <= n / 2


_UNUSED = (0, 0, 0, 0, 0, 0, 0, 0)
_NO_NAMES = SUBJECT_PRONOUNS | DETERMINERS  # capitalised words before a word that are no name ("He", "The")


def is_ing_verb(word: str, uses: dict[str, tuple[int, ...]], after_plural: bool = False) -> bool:
    """A word in "-ing" the corpus writes as a verb ("were trying", "killing the", "taking 12") more often
    than after a determiner ("the meeting", "the bombing"). ``after_plural``: it follows a plural in the
    phrase, a subject and its verb ("Afghans trying", "people living"), and then a word the corpus never
    writes after a determiner is a verb too; otherwise (a word standing alone) it must also not stand
    mostly before a noun ("leading scorer")."""
    if not (word.islower() and len(word) > 4 and word.endswith("ing")):
        return False
    n, _, before_word, _, after_determiner, progressive, _, _ = uses.get(word, _UNUSED)
    if not n:
        return False
    if after_plural:
        return progressive > after_determiner or not after_determiner
    return progressive > after_determiner and before_word <= n / 2


def _is_subject_or_joined(before: list[str]) -> bool:
    """Whether the words before a word in "-ing" end on a plural ("Afghans") or on "and" / "or" after
    one ("people and")."""
    if before[-1].lower() in ("and", "or"):
        before = before[:-1]
    return bool(before) and _is_plural(before[-1])


def _is_plural(word: str) -> bool:
    """A plural noun by its ending: "people", "Afghans", "insurgents" (not "business", "status", "crisis")."""
    lower = word.lower()
    return lower in IRREGULAR_PLURALS or len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))


def words_to_read(phrase: str) -> list[str]:
    """The words of ``phrase`` whose corpus uses :func:`is_clause` and :func:`ends_on_modifier` read: all but
    the function words inside, the adjectives a word in "-ly" may be made from, and the last word's plural."""
    words = phrase.split()
    read = words[:1] + [w for w in words[1:] if w.lower() not in INNER_WORDS]
    # The last word's plural tells a noun from a word that only modifies one (:func:`ends_on_modifier`); a
    # last word in "-s" without it, a verb's third person from a plural (:func:`ends_on_subject_verb`).
    if not words:
        return []
    ending = [words[-1] + "s"] + ([words[-1][:-1]] if len(words) > 1 and words[-1].endswith("s") else [])
    return read + [adjective for w in read for adjective in _adjectives(w.lower())] + ending


def is_clause(written: str, uses: dict[str, tuple[int, ...]], lead_participle: bool = True) -> bool:
    """Whether the phrase, as the texts write it, is led by or holds a verb (see the module's notes).
    ``lead_participle=False`` leaves out the one test of a participle that leads the phrase, for uses read
    beyond the phrase's own story: "combined" is a verb in most of a military corpus's sentences
    ("combined Afghan and coalition force", before a name) but not in "combined security force"."""
    words = written.split()
    for before, word, after in zip(["the", *words], words, [*words[1:], ""]):
        if after.lower() == "the" and word.lower() not in INNER_WORDS:
            return True  # a verb and its object: "engaged the enemy"
        if _is_participle(word) and (after.lower() in INNER_WORDS or before.lower() not in INNER_WORDS):
            return True  # "killed in the strike", "force searched"
    for position, word in enumerate(words):
        if is_adverb(word, uses):
            return True  # "buildings peacefully"
        # A verb after the first word: written after a subject, never after a determiner ("Ghani fled",
        # "people died"; "health care" stays, as "the care" is written too).
        n, as_verb, _, after_subject, after_determiner, _, _, _ = uses.get(word, _UNUSED)
        if position and after_subject and not after_determiner:
            return True
        # A verb joined on by "and" or "or", one the corpus mostly writes after "to" or a modal: "nuclear
        # weapons and enter" (into talks); "oil and gas", "Afghan and coalition forces" stay.
        if position and words[position - 1].lower() in ("and", "or") and word.islower() and n and as_verb > n / 2:
            return True
        # A verb in "-ing" after its subject ("Afghans trying", "people coming"; "heavy fighting" stays) or
        # joined to one ("killing 12 people and wounding"), or alone ("Plane, killing"; "winning games",
        # "fighting season" are whole).
        if is_ing_verb(word, uses) if len(words) == 1 else position and _is_subject_or_joined(words[:position]) \
                and is_ing_verb(word, uses, after_plural=True):
            return True
    first = words[0] if words else ""
    if not first.islower():
        return False
    n, as_verb, before_word, after_subject, after_determiner, _, after_be, _ = uses.get(first, _UNUSED)
    if not n:
        return False
    if as_verb > n / 2 or after_subject > after_determiner:
        return True  # "to defeat", "fled with piles of cash" ("he fled", never "the fled")
    from topics.modeling.subject_verbs import after_subject_only

    if len(words) == 1 and (after_be > after_determiner or after_subject_only(first, uses)):
        return True  # alone, a word written after "be" more often than after a determiner: "is wrong", "were lower"
    return lead_participle and _is_participle(first) and before_word <= n / 2


def ends_on_subject_verb(written: str, uses: dict[str, tuple[int, ...]]) -> bool:
    """Whether the phrase, as the texts write it, is a subject and its verb ("Shares fell", "Microsoft
    confirms"): its last word, in lower case after a word that is no function word, is one the corpus never
    writes after a determiner (a noun takes one somewhere: "the test", "a deal") and does write as a verb:
    after a subject pronoun, mostly before an object, "to" or a number ("fell to 3%", "rose 12"), mostly
    after "to" or a modal or before a determiner, twice at least ("referendums follow"), or, in
    "-s" after a capitalised subject, the form without its "-s" written as a verb in most of its uses, and
    twice at least ("to confirm", "confirm the"; a plural's singular is a noun: "the force")."""
    words = written.split()
    if len(words) < 2 or words[-2].lower() in INNER_WORDS:
        return False
    last = words[-1]
    if not (last.isalpha() and last.islower()):
        return False
    n, as_verb, _, after_subject, after_determiner, progressive, _, _ = uses.get(last, _UNUSED)
    if not n or after_determiner:
        return False
    from topics.modeling.subject_verbs import after_subject_only

    if after_subject or progressive > n / 2 or as_verb > max(n / 2, 1) or after_subject_only(last, uses):
        return True  # "referendums follow": "to follow", "will follow" in most of its uses; "Healy wrote"
    if not (last.endswith("s") and words[-2][:1].isupper()):
        return False
    # Two uses at least, as a label phrase needs two writers: one "to cafe owners" makes no verb of "cafes".
    stem_uses, as_verb, _, _, stem_after_determiner, _, _, _ = uses.get(last[:-1], _UNUSED)
    return as_verb > max(stem_uses / 2, stem_after_determiner, 1)


def ends_on_verb(texts: list[str], written: str, stop_words: frozenset[str]) -> bool:
    """Whether the phrase, as the texts write it, ends on a verb whose object it leaves out: its last word
    is in lower case and most of its uses go on with a determiner ("the IAAF investigate" the affair; a
    noun phrase goes on with a verb or a function word: "drugs test" was, "oil firm" in)."""
    words = written.split()
    if not words or not (words[-1].isalpha() and words[-1].islower()):
        return False
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])(?:\s+([\w'-]+))?")
    found, objects = 0, 0
    for text in may_write(texts, words[0]):
        for match in pattern.finditer(text):
            found += 1
            objects += (match.group(1) or "") in DETERMINERS
    return objects > found / 2


def preceded_in_lower_case(texts: list[str], written: str, stop_words: frozenset[str]) -> bool:
    """Whether the phrase, as the texts write it, starts in lower case and most of its uses go on to its
    left with the same lower-case word ("state oil" firm Rosneft): a noun group cut on its left, as
    :func:`preceded` finds for names. A function word, a determiner or a verb's past tense or "-ing" form
    before it ("failed" drugs test, "winning" Olympic gold) starts no noun group with it, and different
    words before it ("young", "foreign" players) are the phrase's own modifiers."""
    words = written.split()
    if not words or not words[0][:1].islower():
        return False
    phrase = r"\s+".join(re.escape(w) for w in words) + r"(?![\w-])"
    pattern = re.compile(r"(?<![\w-])([\w'-]+)[ \t]+" + phrase)
    # Only texts writing its first word as it is can hold the phrase (a substring test, far cheaper than the patterns).
    texts = may_write(texts, words[0])
    uses_pattern = re.compile(r"(?<![\w-])" + phrase)
    uses = sum(len(uses_pattern.findall(text)) for text in texts)
    before = Counter(word for text in texts for word in (m.group(1) for m in pattern.finditer(text))
                     if word.isalpha() and word.islower() and word not in stop_words | INNER_WORDS | DETERMINERS
                     and not _is_participle(word) and not word.endswith("ing"))
    return bool(before) and before.most_common(1)[0][1] > uses / 2


def lower_case_words(token_lists, words) -> frozenset[str]:
    """Of ``words`` (capitalised, as a label part's first word), those the corpus writes in lower case more
    often than capitalised inside a sentence (after a word or a comma): "Multiple" (excerpts from Carlson),
    "Millions" (of girls) are capitalised only where a sentence starts. ``token_lists``:
    :func:`topics.modeling.headlines.name_tokens` of the corpus."""
    asked = {word.lower(): word for word in words}
    if not asked:
        return frozenset()
    in_lower, capitalised = Counter(), Counter()
    for tokens in token_lists:
        lowered = [token.lower() for token in tokens]
        if asked.keys().isdisjoint(lowered):
            continue
        for i in compress(range(len(tokens)), map(asked.__contains__, lowered)):
            token = tokens[i]
            if token.islower():
                in_lower[lowered[i]] += 1
            elif token == asked[lowered[i]] and i and (tokens[i - 1][:1].isalnum() or tokens[i - 1] == ","):
                capitalised[lowered[i]] += 1
    return frozenset(word for key, word in asked.items() if in_lower[key] > capitalised[key])


def capitalised_inside(texts: list[str], pattern: re.Pattern) -> bool:
    """Whether ``texts`` write a match of ``pattern`` capitalised inside a sentence (after a word or a comma)."""
    for text in texts:
        for match in pattern.finditer(text):
            before = text[: match.start()].rstrip(" \t")[-1:]
            if match.group(0)[:1].isupper() and (before.isalnum() or before == ","):
                return True
    return False
