"""The words of a text as keywords and labels see them.

News text is full of words that say nothing about a topic but look like
keywords to a word counter:

- contractions written with curly apostrophes ("don’t", "we’ve"), which a
  plain tokeniser splits into fragments ("don", "ve");
- datelines ("KABUL, Afghanistan (Jan. 25, 2013) —", "WASHINGTON —") and the
  month, weekday and time-zone names of dates;
- mail addresses, links and host names ("jsmith@cs.cmu.edu", "https://example.org/a",
  "ftp.uu.net"), which a tokeniser splits into "edu", "com" and "org";
- sentences the whole corpus repeats: press-release formulas ("No civilians
  were harmed in the operation."), author bios, photo credits.

:func:`clean_text` removes the first three kinds from one text;
:func:`template_sentences` finds the fourth kind in a corpus and
:func:`drop_sentences` removes them.
"""

from __future__ import annotations

import functools
import hashlib

import re
from collections import Counter

from topics.text.codes import collapse_codes

# Characters a word may hold that no reader sees as part of it (a soft hyphen, a word joiner, a zero-width
# space or no-break space): the model's tokenizer drops them, so the words compared must not split there.
IN_WORD_INVISIBLE = ("\u00ad", "\u2060", "\u200b", "\ufeff")
_PLAIN = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-", **dict.fromkeys(IN_WORD_INVISIBLE, "")}
APOSTROPHES = str.maketrans(_PLAIN)
# "don't", "isn't", "won't": the whole word goes (every such word is a stop word);
# "we've", "they'll", "it's": the ending goes, leaving a stop word or a noun.
NEGATED_CONTRACTION = re.compile(r"\b\w+n't\b", re.IGNORECASE)
CONTRACTION_ENDING = re.compile(r"'(?:s|ve|ll|re|d|m)\b", re.IGNORECASE)
DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'\-]{2,}(?:[ \t]+[A-Z][A-Z.'\-]+)*"  # KABUL / NEW YORK
    r"(?:,[ \t]*[A-Z][A-Za-z.]*(?:[ \t]+[A-Z][A-Za-z.]*)*)?"  # , Afghanistan
    r"[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?"  # (Jan. 25, 2013); no two runs of spaces touch (a long run: no square cost)
    r"(?:[\u2014\u2013]|--|-[ \t]|(?=\n)|$)[ \t]*",  # — or the end of the line
    re.MULTILINE,
)
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun".split())
# A mail address, a link (with its scheme or "www.") or a host name: a run of dotted labels ending in a
# generic top-level domain, or three labels or more ending in a country's ("news.bbc.co.uk"), or any host
# with a path after it (short links: "bit.ly/2jBh4LU", "reut.rs/2ABRzTu"). A link
# ends before closing punctuation, so the sentence it ends keeps its full stop. A domain is written in lower
# case or in capitals: "on.Net income" is a full stop without its space, not a host.
_ADDRESS = (
    r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # started at its run's start only: linear on a long run
    r"|(?<![\w.+-])@\w{1,30}\b(?!\.\w)"  # a social-media handle ("@POTUS"): an account's address
    r"|\b(?:(?:https?|ftp)://|www\.)[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"
    r"|\b(?:[a-z0-9-]+\.)+(?-i:[a-z]{2,6})/[\w-][^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"
    r"|\b(?:[a-z0-9-]+\.)+(?-i:com|org|net|edu|gov|mil|int|info|biz|COM|ORG|NET|EDU|GOV|MIL)\b(?![.-]\w)"
    r"|\b(?:[a-z0-9-]+\.){2,}(?-i:[a-z]{2}|[A-Z]{2})\b(?![.-]\w)"
)
WEB_ADDRESS = re.compile(_ADDRESS, re.IGNORECASE)
# What a text says of a link it gives is no prose either: a parenthesis holding an address ("(Graphic:
# Overseas Cash Stash - reut.rs/2ABRzTu)", "(bit.ly/2jBh4LU)") and a caption of one or two words right
# before an address ("Source link: (bit.ly/...)", "Read more: www...").
LINK_REFERENCE = re.compile(
    rf"\([^()\n]*?(?:{_ADDRESS})[^()\n]*\)|\b(?-i:[A-Z][a-z]+(?: [a-z]+)?):[ \t]*(?=\(?(?:{_ADDRESS}))", re.IGNORECASE,
)
# A photo or graphic credit: a parenthesis that names the agency (one to three capitalised words) and,
# after a slash, who made it: "(AP Photo/Evgeniy Maloletka, File)", "(Reuters/Stringer)". Captioned wire
# copy repeats the photographer's name in every caption; it says who took the picture, not what it shows.
# A word in capitals and a dash right after it opens the next caption, as a dateline opens a story: "(AP Photo/…,
# File) FILE - A man rides his bike …" (the wire's mark of a photo from its archive).
# A parenthesis that says "photo" credits one too: "(AP Photo, File)", "(Sputnik, Kremlin Pool Photo via AP)".
PHOTO_CREDIT = re.compile(
    r"\((?:(?:[A-Z][\w.&'-]*[ \t]+){0,2}[A-Z][\w.&'-]*/[A-Z][^()\n]{0,60}|[^()\n]{0,80}\b[Pp]hoto(?:graph(?:er)?s?)?\b[^()\n]{0,40})\)"
    r"(?:\s+[A-Z]{2,}[ \t]+[-\u2013\u2014][ \t]+)?"
)
# A text without any of these holds no address (most texts): the full pattern costs six times the rest of the cleaning.
_WEB_HINT = re.compile(r"@|://|www\.|\.(?:com|org|net|edu|gov|mil|int|info|biz|[a-z]{2})\b|\.(?:COM|ORG|NET|EDU|GOV)\b")
# Time zones written after a clock time ("10:30 GMT", "Aug. 29 (EDT)"): part of a date, like a weekday.
TIME_ZONES = frozenset("gmt utc est edt cst cdt mst mdt pst pdt et akst hst bst cet cest eet eest ist msk jst kst hkt aest aedt".split())
# Written before a person's name ("Minister Zhong Shan", "Senator Lindsey Graham"): shared by many names.
PERSON_TITLES = frozenset(
    "mr mrs ms dr president gen general secretary minister senator sen rep representative spokesman "
    "spokeswoman commander ambassador prime governor mayor lt col colonel sgt sergeant judge chief".split()
)
CONTRACTION_FRAGMENTS = frozenset("don doesn didn isn aren wasn weren hasn haven hadn won wouldn couldn shouldn ll ve re".split())
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“'‘(\[]?[A-Z0-9])|\n+")
# Words whose full stop does not end a sentence: initials ("Lloyd J. Austin", "U.S."), titles ("Mr.", "Gen.").
# Split there, "It was not clear whether Mr." would be a sentence of its own, repeated across a corpus.
ABBREVIATION = re.compile(r"(?:\b[^\W\d_](?:\.[^\W\d_])*|\b(?:Mr|Mrs|Ms|Dr|St|Mt|Gen|Lt|Col|Capt|Maj|Sgt|Sen|Rep|Gov|Prof|Rev|Jr|Sr|No|vs))\.$")
MIN_TEMPLATE_WORDS = 4
MIN_TEMPLATE_UNITS = 3
TEMPLATE_UNIT_SHARE = 0.01  # a sentence in at least this share of the units (and 3) is a corpus formula


def plain_apostrophes(text) -> str:
    """``text`` with curly apostrophes and hyphens made plain, invisible in-word characters left out
    (a soft hyphen in "Kandahar" splits no word) (``str.translate(APOSTROPHES)``, which
    looks up every character: a fifth of cleaning a text; ``str.replace`` skips to the few there are)."""
    text = str(text)
    if text.isascii():
        return text
    for curly, plain in _PLAIN.items():
        if curly in text:
            text = text.replace(curly, plain)
    return text


# A row of a table: a line of three numbers or more that make half its words or more ("Reichel  CAL  78  40  48
# 88 1.13", "7, Calgary, Reichel 40 (unassisted) 9:26."). Its names and codes are cells, not what a text is
# about: hockey standings made labels such as "Reichel CAL" and keywords such as "bos, cal, buf".
TABLE_ROW_NUMBERS = 3
# Neither starts inside a run of its own characters: no match can start there that could not start at the run's
# start, and trying every position of a long run ("A" and 100,000 dots) took time in the square of its length.
_ROW_WORD = re.compile(r"(?<![\w.,:%/+-])[\w.,:%/+-]*\w[\w.,:%/+-]*")
# A whole word that is a number: its characters are a number's, one a digit. Read up to its first digit, then to the
# end, it is matched once; "[-+]?[\d.,:%/+-]*\d[\d.,:%/+-]*" tried every digit as the one, square in a long word.
_ROW_NUMBER = re.compile(r"[.,:%/+-]*\d[\d.,:%/+-]*")
# A line has no more numbers than runs of digits (each number holds one, a run lies in one word): counting the runs
# first tells most texts and lines apart at a quarter of the cost of finding their numbers.
_DIGIT_RUN = re.compile(r"\d+")


def is_table_row(line: str) -> bool:
    """Whether ``line`` is a row of a table (:data:`TABLE_ROW_NUMBERS` numbers or more, half its words or more,
    and no function word: "Apollo 11, 12 and 14 landed in 1969, 1969 and 1971." is a sentence, not a row)."""
    words = [w.strip(".,:") for w in _ROW_WORD.findall(line)]
    if 2 * len(_DIGIT_RUN.findall(line)) < len(words):
        return False  # too few numbers, told without reading each word: no more numbers than runs of digits
    numbers = sum(bool(_ROW_NUMBER.fullmatch(w)) for w in words if w)
    if numbers < TABLE_ROW_NUMBERS or 2 * numbers < len(words):
        return False
    return not any(w.lower() in stop_words() for w in words if not _ROW_NUMBER.fullmatch(w))


def drop_table_rows(text: str) -> str:
    """``text`` without its lines that are rows of a table (:func:`is_table_row`)."""
    if len(_DIGIT_RUN.findall(text)) < TABLE_ROW_NUMBERS:
        return text  # most texts: no line of it can be a row
    lines = text.split("\n")
    kept = [line for line in lines if len(_DIGIT_RUN.findall(line)) < TABLE_ROW_NUMBERS or not is_table_row(line)]
    return "\n".join(kept) if len(kept) < len(lines) else text


def clean_text(text: str) -> str:
    """``text`` without datelines, rows of tables, photo credits, contractions and web addresses, apostrophes and
    hyphens made plain."""
    text = DATELINE.sub("", drop_table_rows(plain_apostrophes(text)))
    if "/" in text or "hoto" in text:
        text = PHOTO_CREDIT.sub(" ", text)
    if _WEB_HINT.search(text):
        text = WEB_ADDRESS.sub(_web_address_left, LINK_REFERENCE.sub(" ", text))
    if "'t" in text or "'T" in text:  # the contraction pattern tries every word otherwise
        text = NEGATED_CONTRACTION.sub(" ", text)
    return CONTRACTION_ENDING.sub("", text)


def _web_address_left(match) -> str:
    """What stays of a web address: the site's name where the address is a name and its domain alone
    ("Amazon.com", "napster.com", "fbi.gov": how companies and agencies are named), else nothing (a
    space, so the words on either side stay apart)."""
    labels = match.group().split(".")
    if len(labels) == 2 and "/" not in labels[1] and labels[0].replace("-", "").isalnum():
        return labels[0]
    return " "


@functools.lru_cache(maxsize=1 << 16)  # called for every word of every phrase
def is_junk_word(word: str) -> bool:
    """A month, weekday, time zone or contraction fragment: never a keyword or a label word."""
    word = word.lower().strip(".")
    return word in MONTHS or word in WEEKDAYS or word in TIME_ZONES or word in CONTRACTION_FRAGMENTS


def sentence_key(sentence: str) -> str:
    """The form in which sentences compare as templates: lower case, spaces normalised."""
    # Codes, numbers and dates collapsed: "This is an update to IJC News Release #2010-10-CA-123" is one formula.
    return " ".join(collapse_codes(sentence.lower()).split())


def sentences(text: str) -> list[str]:
    """``text``'s sentences: split at a full stop, question or exclamation mark before a capital or a
    digit, and at line breaks; not after an initial or a title (:data:`ABBREVIATION`)."""
    return [sentence for sentence, _ in sentence_pieces(text)]


def sentence_pieces(text: str) -> list[tuple[str, bool]]:
    """:func:`sentences` of ``text``, each with whether a line break follows it (a paragraph's or a line's end)."""
    text = str(text)
    found, start = [], 0
    for end in SENTENCE_END.finditer(text):
        if text[end.start() - 1 : end.start()] == "." and "\n" not in end.group() and ABBREVIATION.search(text[max(start, end.start() - 24) : end.start()]):
            continue
        found.append((text[start : end.start()], "\n" in end.group()))
        start = end.end()
    found.append((text[start:], False))
    kept = []
    for sentence, breaks in found:
        if sentence.strip():
            kept.append((sentence, breaks))
        elif breaks and kept:  # a blank piece's line break stays with the sentence before it
            kept[-1] = (kept[-1][0], True)
    return kept


def joined_sentences(pieces, keep) -> str:
    """The ``pieces`` (:func:`sentence_pieces`) that ``keep`` marks, joined by a space, or by a line break
    where one stood between them: no phrase or word pair read later spans a paragraph's or a line's end."""
    parts, pending = [], False
    for (sentence, breaks), kept in zip(pieces, keep):
        if kept:
            if parts:
                parts.append("\n" if pending else " ")
            parts.append(sentence)
            pending = False
        pending = pending or breaks
    return "".join(parts)


def template_sentences(texts, min_units: int | None = None) -> frozenset[str]:
    """Keys of sentences repeated across the corpus (codes, numbers and dates ignored): formulas, bios, credits.

    A sentence of four words or more found in ``min_units`` units or more
    (default: 1 % of the units, at least 3) is a template.
    """
    split = [sentences(text) for text in texts]
    return _repeated_keys(split, [[sentence_key(s) for s in found] for found in split], min_units)


def _repeated_keys(split: list[list[str]], keys: list[list[str]], min_units: int | None = None) -> frozenset[str]:
    """:func:`template_sentences` of texts split into ``split`` sentences with these ``keys``."""
    if min_units is None:
        min_units = max(MIN_TEMPLATE_UNITS, int(TEMPLATE_UNIT_SHARE * len(split)))
    seen: Counter = Counter()
    for found, found_keys in zip(split, keys):
        seen.update({key for sentence, key in zip(found, found_keys) if len(sentence.split()) >= MIN_TEMPLATE_WORDS})
    return frozenset(key for key, n in seen.items() if n >= min_units)


def keyed_sentences(text) -> list[tuple[str, str | None]]:
    """``text``'s sentences, each with its :func:`sentence_key` when it is long enough to be a template
    (four words or more), else None."""
    return [(s, sentence_key(s) if len(s.split()) >= MIN_TEMPLATE_WORDS else None) for s in sentences(text)]


def document_templates(texts, documents, min_documents: int = MIN_TEMPLATE_UNITS, keyed=None) -> frozenset[str]:
    """Keys of sentences (four words or more; codes, numbers and dates ignored) that ``min_documents``
    distinct ``documents`` or more hold, ``documents`` naming each text's document: formulas, bios and
    credits repeated across a corpus's articles, however many paragraphs of one article repeat them.
    ``keyed``: the texts' :func:`keyed_sentences`, when already split."""
    keyed = keyed if keyed is not None else [keyed_sentences(text) for text in texts]
    holders: dict[str, set] = {}
    for found, document in zip(keyed, documents):
        for _, key in found:
            if key is not None:
                holders.setdefault(key, set()).add(document)
    return frozenset(key for key, found in holders.items() if len(found) >= min_documents)


def drop_sentences(text: str, templates: frozenset[str]) -> str:
    """``text`` without its template sentences."""
    if not templates:
        return str(text)
    pieces = sentence_pieces(text)
    return joined_sentences(pieces, [sentence_key(s) not in templates for s, _ in pieces])


def template_key_digests(text: str) -> frozenset[str]:
    """Short digests of the keys of ``text``'s sentences long enough to be templates (:func:`template_sentences`)."""
    return frozenset(
        hashlib.blake2b(sentence_key(s).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
        for s in sentences(text) if len(s.split()) >= MIN_TEMPLATE_WORDS
    )


def keyword_texts(texts, aliases=None, material=None) -> list[str]:
    """Texts as keyword and label extraction read them: aliases unified, datelines, repeated
    line openers (wire credits), contractions and corpus-repeated sentences removed.

    ``material``: remembers each text's :func:`topics.text.openers.line_openers` and each cleaned text's :func:`template_key_digests`
    (:class:`topics.modeling.text_material.TextMaterial`): a template's key is in as many texts as
    its digest, so where no digest is in enough texts no text is split into sentences (the same texts);
    and it remembers the last texts cleaned, with their aliases (:meth:`TextMaterial.cleaned`)."""
    texts = list(texts)
    if material is not None:
        return material.cleaned(texts, aliases, lambda: _keyword_texts(texts, aliases, material))
    return _keyword_texts(texts, aliases, material)


def _keyword_texts(texts: list[str], aliases, material) -> list[str]:
    from topics.text.openers import drop_openers, repeated_openers

    texts = drop_openers(texts, repeated_openers(texts, material=material))
    if material is not None:
        texts = material.cleaned_each(texts, aliases, lambda missing: _cleaned_alone(missing, aliases, material.clean_text))
    else:
        texts = _cleaned_alone(texts, aliases)
    if material is not None and not material.repeated("sentence_keys", texts, max(MIN_TEMPLATE_UNITS, int(TEMPLATE_UNIT_SHARE * len(texts)))):
        return texts
    # Split and keyed once, for finding the templates and for dropping them (a sentence of fewer
    # than four words never has a template's key: the key keeps the sentence's words).
    pieces = [sentence_pieces(text) for text in texts]
    split = [[s for s, _ in found] for found in pieces]
    keys = [[sentence_key(s) for s in found] for found in split]
    templates = _repeated_keys(split, keys)
    if not templates:
        return texts
    return [joined_sentences(found, [key not in templates for key in found_keys]) for found, found_keys in zip(pieces, keys)]


def _cleaned_alone(texts: list[str], aliases, clean=None) -> list[str]:
    """What cleaning does to each text whatever the other texts: :func:`clean_text` (or ``clean``, the same
    remembered), then the aliases unified."""
    texts = list(map(clean or clean_text, texts))
    return aliases.normalize_all(texts) if aliases else texts


# Words of reporting and filler common to any news corpus, on top of scikit-learn's English stop words,
# months, weekdays and contraction fragments (below); none repeats a word of those. "Pct" is
# "percent" as the wires write it; "vs" is a preposition.
NEWS_STOP_WORDS = frozenset(
    """
    said says say saying told tells tell according added adds reported reports reporting report
    stated states noted notes asked asks claimed claims announced statement statements spokesman
    spokeswoman spokesperson mr mrs ms dr shall seven new year years time times week weeks month
    months day days today yesterday tomorrow ago recent recently just like got make way going
    including include includes included cent percent lot lots things thing really want wants
    wanted think thought know known use used using need needs needed come comes came goes went
    set taken takes published updated image images photo photos copyright reserved read
    click share reuters afp ap quot amp lt gt nbsp apos reiterated stressed emphasised
    emphasized insisted explained mentioned quoted quoting does did doing instead happening
    happen happened happens various certain particular right carry carried carrying inside
    outside despite amid amidst far important mention remember believe let given giving gave
    able unable likely expected continue continued continues began begin begun seen saw look
    looks looked following based allow allowed kept keeps remain remains remained currently
    previously earlier later latest early late end ended second fourth number place case cases
    point fact matter issue issues good better best bad big small large high low
    vs versus pct
    """.split()
)


# The short forms written around a person's name: titles ("Gen. Mark A. Milley", "Sen. Mitch McConnell")
# and suffixes ("Joseph R. Biden Jr.", "Lloyd J. Austin III"). They say a name is there, not what a topic
# is about ("gen" and "iii" were keywords of a topic about the defense secretary on the NYT abstracts).
NAME_ABBREVIATIONS = frozenset("gen col sgt maj capt adm cmdr sen rep gov prof rev jr sr ii iii iv".split())


@functools.cache  # asked once per text by the phrase search: one set, not one per call
def stop_words() -> frozenset[str]:
    """Every word that never makes a keyword or a label word."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | NEWS_STOP_WORDS | MONTHS | WEEKDAYS | TIME_ZONES | CONTRACTION_FRAGMENTS | NAME_ABBREVIATIONS


# A text of another language than English: its own function words are no keywords or label words
# either ("En la, para que" of Spanish pages). The languages are those whose lists bm25s ships and
# whose words are written with spaces between them.
OTHER_LANGUAGES = ("danish", "dutch", "french", "german", "italian", "norwegian", "portuguese", "russian",
                   "spanish", "swedish", "turkish")
MIN_LANGUAGE_WORDS = 8  # fewer words than this say too little about the language
LANGUAGE_SAMPLE_CHARS = 600  # a text's language is read from its start (a hundred words or so)
# A language's function words are this share of a text's words or more (English ones, in English, about half).
LANGUAGE_SHARE = 0.2
_LANGUAGE_WORD = re.compile(r"[^\W\d_]{2,}")  # not initials: French lists hold "j", "s", "d" (j', s', d')


@functools.lru_cache(maxsize=1)
def _other_language_lists() -> dict[str, frozenset[str]]:
    lists = _bm25s_stopwords()
    return {language: frozenset(getattr(lists, f"STOPWORDS_{language.upper()}")) for language in OTHER_LANGUAGES}


def _bm25s_stopwords():
    """bm25s's module of word lists, read without running the package's ``__init__``: that imports numba,
    a second or more on a cold start that a small fit (whose labels ask a text's language) does not need."""
    import importlib.util
    import sys

    if "bm25s.stopwords" in sys.modules:
        return sys.modules["bm25s.stopwords"]
    package = importlib.util.find_spec("bm25s")
    folder = package.submodule_search_locations[0] if package and package.submodule_search_locations else None
    spec = importlib.util.spec_from_file_location("_topics_bm25s_stopwords", f"{folder}/stopwords.py") if folder else None
    if spec is None or spec.loader is None:
        import bm25s.stopwords as lists  # an installation laid out otherwise: the package's own import

        return lists
    lists = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lists)
    return lists


def language_function_words(language: str | None) -> frozenset[str]:
    """The function words of ``language`` (as :func:`text_language` names it: "english" or one of
    ``OTHER_LANGUAGES``); empty for None (a language not told)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    if language is None:
        return frozenset()
    return frozenset(ENGLISH_STOP_WORDS) if language == "english" else _other_language_lists()[language]


@functools.lru_cache(maxsize=1 << 14)  # a text's keywords and its label phrases ask it, in every naming of a run
def other_language_stop_words(text: str) -> frozenset[str]:
    """The function words of the language ``text`` is written in, when that is not English but one of
    ``OTHER_LANGUAGES``: the language whose words make the largest share of the text's, at least
    ``LANGUAGE_SHARE`` and more than English's; empty for English or an unknown language. Only a text
    found to be in a language loses that language's words (German "war" stays a word in English)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = _LANGUAGE_WORD.findall(str(text)[:LANGUAGE_SAMPLE_CHARS].lower())
    if len(words) < MIN_LANGUAGE_WORDS:
        return frozenset()
    english = sum(map(ENGLISH_STOP_WORDS.__contains__, words))  # one C call, not a Python step per word
    if english >= LANGUAGE_SHARE * len(words):
        return frozenset()  # English (the usual case) is told in one pass
    shares = {language: sum(word in stop for word in words) for language, stop in _other_language_lists().items()}
    language = max(shares, key=shares.get)
    if shares[language] < LANGUAGE_SHARE * len(words) or shares[language] <= english:
        return frozenset()
    return _other_language_lists()[language]


# A text's language is told by its function words only when it holds this many of one language's, and this many
# times as many as of any other language's (Dutch and German share "die", "in", "van"/"von" ...).
MIN_FUNCTION_WORDS = 3
FUNCTION_WORDS_LEAD = 1.5


def text_language(texts, distinct: bool = False) -> str | None:
    """The language ``texts`` (one text or several, read together, each from its start) are written in, by their
    function words: "english" or one of ``OTHER_LANGUAGES``; None where too few function words tell it (a list of
    names, a script without spaces between its words). ``distinct`` counts each word once: for short texts that
    repeat their terms (a theme's name, its description and its keywords), where one content word that is another
    language's function word (English "war", German for "was") would otherwise outvote the few real ones."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    texts = [texts] if isinstance(texts, str) else texts
    words = [word for text in texts for word in _LANGUAGE_WORD.findall(str(text)[:LANGUAGE_SAMPLE_CHARS].lower())]
    words = list(dict.fromkeys(words)) if distinct else words
    lists = {"english": ENGLISH_STOP_WORDS, **_other_language_lists()}
    counts = sorted(((sum(word in stop for word in words), language) for language, stop in lists.items()), reverse=True)
    (best, language), (runner_up, _) = counts[0], counts[1]
    return language if best >= MIN_FUNCTION_WORDS and best >= FUNCTION_WORDS_LEAD * runner_up else None


# Above this share of letters outside the Latin alphabet, a text is in another script than the
# default (English) embedding model reads well.
NON_LATIN_SHARE = 0.3


def mostly_non_latin(text: str) -> bool:
    """Whether most of ``text``'s letters are outside ASCII (Arabic, Chinese, Cyrillic ...)."""
    letters = [c for c in str(text) if c.isalpha()]
    return bool(letters) and sum(not c.isascii() for c in letters) > NON_LATIN_SHARE * len(letters)


def __getattr__(name):
    """The line openers' names, read here before they had :mod:`topics.text.openers` of their own."""
    if name in _OPENER_NAMES:
        from topics.text import openers

        return getattr(openers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_OPENER_NAMES = frozenset("OPENER NEXT_OPENER opener_name opening_chain line_openers repeated_openers drop_openers".split())
