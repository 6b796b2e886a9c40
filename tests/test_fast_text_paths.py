"""The fast paths of alias mining, name normalisation and the map give what the plain ones give."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

# Texts that test the edges: names inside words ("EC" in "ECB", "de" in "made"), case-folding
# that changes length ("Straße"), hyphen and space spellings, a name at a text's very start or end.
TRICKY = [
    "ECB officials met the EC (European Commission) in Brussels; the European Commission, or EC, agreed.",
    "The Islamic State Khorasan Province (ISKP) claimed it. ISKP fighters, also known as IS-K, fled.",
    "al-Qaeda and al Qaeda and al-Qaida: Qaeda or Qaida, Kunar province or Konar province.",
    "Kunar province again, and Konar province; Qaeda Qaida Qaeda Qaida.",
    "Straße STRASSE Straße: the Deutsche Bahn (DB) made de facto changes. DB",
    "İstanbul and ISTANBUL; the UN (United Nations) said. United Nations, or UN",
    "Islamic State (IS), also known as the Daesh terrorist group. ISIS (Daesh) and Daesh.",
    "",
    "EC",
]


@pytest.fixture(scope="module")
def texts(bbc_sample, seeds_corpus):
    return [*bbc_sample.paragraphs["text"].tolist(), *seeds_corpus.paragraphs["text"].tolist(), *TRICKY]


def test_text_index_finds_the_texts_that_hold_a_word(texts):
    from topics.text.alias_mining import TextIndex

    index = TextIndex(texts)
    for word in ["ec", "de", "qaeda", "straße", "strasse", "united nations", "isk", "zzzz", "EC", "DB", "Daesh", "i̇stanbul",
                 "al-qaeda", "al", "e"]:
        expected = [i for i, t in enumerate(texts) if word in t.casefold()]
        assert index.rows_with(word).tolist() == expected
        assert index.rows_with(word, match_case=True).tolist() == [i for i, t in enumerate(texts) if word in t]
        for match_case in (False, True):
            searched = texts if match_case else [t.casefold() for t in texts]
            starts = [i for i, t in enumerate(searched) if any(not t[p - 1 : p].isalnum() for p in _positions(t, word))]
            assert index.rows_with(word, word_start=True, match_case=match_case).tolist() == starts
    assert index.rows_with("").tolist() == [] and TextIndex([]).rows_with("a").tolist() == []


def _positions(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def test_normalising_all_texts_at_once_equals_text_by_text(texts, monkeypatch):
    from topics.text import alias_mining

    table = alias_mining.mine_aliases(texts)
    assert len(table) >= 3
    one_by_one = [table.normalize(t) for t in texts]
    assert table.normalize_all(texts) == one_by_one
    monkeypatch.setattr(alias_mining, "INDEX_MIN_NAMES", 0)  # through the texts' word index, whatever the table's size
    assert table.normalize_all(texts) == one_by_one
    assert one_by_one != texts  # names were rewritten: the comparison is not of untouched texts


def test_surface_spellings_count_what_reading_every_text_counts(texts):
    import topics.text.alias_mining as mining

    seen = {}
    original = mining._surface_spellings

    def spy(texts_read, index, keys):
        seen["args"] = (texts_read, dict(keys))
        return original(texts_read, index, keys)

    mining._surface_spellings = spy
    try:
        mining.mine_aliases(texts)
    finally:
        mining._surface_spellings = original
    texts_read, keys = seen["args"]
    assert any(not mining._name_pattern(name).flags & mining.re.IGNORECASE for name in keys.values())  # acronyms too
    found = mining._surface_spellings(texts_read, mining.TextIndex(texts_read), keys)
    assert found == _surface_spellings_text_by_text(texts_read, keys)


def test_alias_keys_compile_no_pattern_and_a_names_pattern_wraps_the_aliases(texts):
    """Mining keys every name it meets and matches each once: the key reads the pattern's flags without
    compiling it, and the name's pattern is the alias's source as compiled (one compile per name, not two)."""
    import re

    from topics.text import aliases
    from topics.text.alias_mining import _name_pattern, mine_aliases

    names = [name for group in mine_aliases(texts).groups for name in group.names]
    assert len(names) >= 6
    for name in names:
        source, flags = aliases.alias_source(name)
        assert aliases.alias_pattern(name).pattern == source and aliases.alias_pattern(name).flags == re.compile(source, flags).flags
        assert source in _name_pattern(name).pattern
    # the sources themselves, so a wrong alias_source fails here too: a place with its endings and any case, an
    # acronym with its case, a symbol escaped, an apostrophe optional and a space or hyphen after it
    ending = r"(?:s|es|'s|\u2019s|d|ed|ing)?"
    assert aliases.alias_source("Kabul") == (rf"(?<![^\W_])Kabul{ending}(?![^\W_])", re.IGNORECASE)
    assert aliases.alias_source("ISKP") == (r"(?<![^\W_])ISKP(?:s|es|'s|\u2019s)?(?![^\W_])", 0)
    assert aliases.alias_source("C#") == (r"(?<![^\W_])C\#(?![^\W_])", re.IGNORECASE)
    assert aliases.alias_source("O'Brien") == (
        rf"(?<![^\W_])O['’]?[\s\-\u2010\u2011\u2013\u2014./]*Brien{ending}(?![^\W_])", re.IGNORECASE)
    assert aliases.alias_source("--") is None
    with pytest.raises(ValueError, match="'--'"):
        _name_pattern("--")  # no word to match: said, not a failed unpacking
    aliases.alias_pattern.cache_clear()
    keys = [aliases.alias_key(name) for name in [*names, "U.S.", "C#", "S&P 500", "drones", "ISKP", "--"]]
    assert aliases.alias_pattern.cache_info().misses == 0  # no pattern compiled for a key
    assert keys[-1] == () and aliases.alias_key("drones") == aliases.alias_key("drone") != aliases.alias_key("ISKP")


def _surface_spellings_text_by_text(texts, keys):
    """The plain loop the indexed version replaces."""
    from topics.text.alias_mining import _POSSESSIVE, _name_pattern, _singulars

    result = {}
    for key, name in keys.items():
        if not key:
            continue
        pattern = _name_pattern(name)
        found: Counter = Counter()
        for text in texts:
            for m in pattern.finditer(text):
                found[_POSSESSIVE.sub("", m.group(0))] += 1
        if found:
            result[key] = _singulars(found)
    return result


def _clusters(n_units: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(4, 32))
    labels = rng.integers(0, 4, n_units)
    vectors = centres[labels] + rng.normal(scale=0.6, size=(n_units, 32))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors.astype(np.float32), labels


def test_a_map_past_the_layout_size_places_the_rest_among_their_sampled_neighbours(monkeypatch):
    import topics.modeling.map_layout as map_layout
    from topics.modeling.reduce import layout_2d, reduction_params

    monkeypatch.setattr(map_layout, "MAX_UNITS", 200)
    monkeypatch.setattr(map_layout, "SAMPLE_UNITS", 200)
    vectors, labels = _clusters(600)
    params = reduction_params(len(vectors))
    coords = layout_2d(vectors, params, 3, labels=labels)
    assert coords.shape == (600, 2) and coords.dtype == np.float32 and np.isfinite(coords).all()
    assert np.array_equal(coords, layout_2d(vectors, params, 3, labels=labels))  # seeded
    # Each unit's nearest units on the map mostly share its cluster, sampled or placed.
    from sklearn.neighbors import NearestNeighbors

    nearest = NearestNeighbors(n_neighbors=6).fit(coords).kneighbors(coords, return_distance=False)[:, 1:]
    assert (labels[nearest] == labels[:, None]).mean() > 0.9
    # 200 sampled units were laid out; the other 400 sit inside the span of the sampled ones.
    from topics.modeling.sampling import sample_rows

    sample = sample_rows(600, 200, 3)
    rest = np.setdiff1d(np.arange(600), sample)
    assert (coords[rest] >= coords[sample].min(axis=0) - 1e-5).all() and (coords[rest] <= coords[sample].max(axis=0) + 1e-5).all()
    unlabelled = layout_2d(vectors, params, 3)
    assert unlabelled.shape == (600, 2) and np.isfinite(unlabelled).all()


def test_a_map_up_to_the_layout_size_lays_out_the_whole_graph_in_fewer_epochs_past_the_full_epoch_size(monkeypatch):
    import topics.modeling.map_layout as map_layout
    from topics.modeling.reduce import layout_2d, reduction_params

    assert map_layout.epochs_for(map_layout.FULL_EPOCH_UNITS) == map_layout.EPOCHS
    assert map_layout.epochs_for(2 * map_layout.FULL_EPOCH_UNITS) == map_layout.EPOCHS // 2
    assert map_layout.epochs_for(100 * map_layout.FULL_EPOCH_UNITS) == map_layout.MIN_EPOCHS
    monkeypatch.setattr(map_layout, "FULL_EPOCH_UNITS", 300)
    monkeypatch.setattr(map_layout, "MAX_UNITS", 600)
    drawn = []
    monkeypatch.setattr("topics.modeling.sampling.SampleNeighbours.draw", lambda *a, **k: drawn.append(a))
    vectors, labels = _clusters(600)
    params = reduction_params(len(vectors))
    coords = layout_2d(vectors, params, 3, labels=labels)
    assert not drawn and coords.shape == (600, 2) and np.isfinite(coords).all()
    assert np.array_equal(coords, layout_2d(vectors, params, 3, labels=labels))  # seeded
    from sklearn.neighbors import NearestNeighbors

    nearest = NearestNeighbors(n_neighbors=6).fit(coords).kneighbors(coords, return_distance=False)[:, 1:]
    assert (labels[nearest] == labels[:, None]).mean() > 0.9


def test_headline_phrases_are_those_of_the_word_by_word_search(texts):
    import re

    from topics.modeling.describe import _stop_words
    from topics.modeling.headlines import INNER_WORDS, MAX_PHRASE_WORDS, TITLES, _WORD, _phrases, _word_key
    from topics.modeling.phrase_shape import is_participle
    from topics.text.wording import is_junk_word

    def plain(text, stop_words, is_junk):
        found = set()
        for clause in re.split(r"[.!?;:,()\[\]\"“”\u2014\u2013]|\s-\s|(?<![\w'‘’])['‘](?=\w)", text):
            words = [_word_key(w) for w in _WORD.findall(clause)]
            for start, first in enumerate(words):
                if first in stop_words or first in INNER_WORDS or first.lower() in TITLES or len(first) < 2 or is_junk(first):
                    continue
                for end in range(start, min(start + MAX_PHRASE_WORDS, len(words))):
                    word = words[end]
                    if word == "#" or is_junk(word) or len(word) < 2 and word not in INNER_WORDS:
                        break
                    if end > start and word == words[end - 1]:  # a word twice in a row: a table's column
                        break
                    if word in stop_words and word not in INNER_WORDS:
                        break
                    if word not in stop_words and word not in INNER_WORDS and not is_participle(word):
                        found.add(" ".join(words[start : end + 1]))
        return found

    from topics.text.wording import other_language_stop_words

    stop = _stop_words()
    extra = ["The US and us: 31st May, Gen. McKenzie said the force arrested 2 men in the Kunar province - again.",
             "Runs under DOS DOS DOS with Windows Windows drivers"]
    for text in [*texts, *extra]:  # a text read as another language has its function words as stop words too
        assert _phrases(text, stop, is_junk_word) == plain(text, stop | other_language_stop_words(text), is_junk_word)
    assert _phrases(extra[0], stop, is_junk_word)  # phrases were found: the comparison is not of empty sets
