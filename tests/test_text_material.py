"""The naming material saved with a model: an update that reads it back names everything as one that does not."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import topics
from dated_sample import dated_bbc_sample
from topics.errors import InputError
from topics.modeling import headlines
from topics.modeling.text_material import MATERIAL_FILE, NUMBERS_FILE, _analyzer
from topics.text.wording import is_junk_word, keyword_texts, stop_words


def run(frame: pd.DataFrame, folder, embedder, previous=None):
    folder.mkdir()
    frame.to_csv(folder / "corpus.csv", index=False)
    return topics.find_topics(folder / "corpus.csv", level="article", embedder=embedder, previous=previous)


def counting_phrases(monkeypatch) -> list:
    """Patch the phrase search so that each text split is counted."""
    calls, real = [], headlines._phrases

    def counted(text, *args, **kwargs):
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(headlines, "_phrases", counted)
    return calls


def update_with_and_without_material(frame, tmp_path, embedder, calls: list):
    """The update of ``tmp_path / "model"`` by ``frame``, then the same update from that model saved without
    its material (as before it was kept): both runs, how many ``calls`` the first made, and the same names."""
    with_material = run(frame, tmp_path / "b", embedder, previous=tmp_path / "model")
    assert with_material.update_mode == "update" and len(with_material.previous.text_material)
    with_subtopics = with_material.model.subtopics()
    n_with = len(calls)
    for name in (MATERIAL_FILE, NUMBERS_FILE):
        (tmp_path / "model" / name).unlink()
    calls.clear()
    without = run(frame, tmp_path / "c", embedder, previous=tmp_path / "model")
    assert without.update_mode == "update" and not len(without.previous.text_material)
    pd.testing.assert_frame_equal(without.model.subtopics(), with_subtopics)
    pd.testing.assert_frame_equal(without.model.topic_info(), with_material.model.topic_info())
    assert np.array_equal(without.model._subtopics().labels, with_material.model._subtopics().labels)
    return with_material, n_with, without


def bbc_sections(embedder, data_dir):
    """The BBC sample's texts, its sections as topics (labels, ids), vectors, unit-length section centres and mined aliases."""
    from topics.text.alias_mining import mine_aliases

    frame = pd.read_csv(data_dir / "bbc_sample.csv")
    texts = frame["text"].tolist()
    labels = pd.factorize(frame["label"])[0].astype(np.int64)
    topic_ids = np.unique(labels)
    vectors = embedder.encode(texts)
    centres = np.stack([vectors[labels == t].mean(axis=0) for t in topic_ids])
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    aliases = mine_aliases(texts)
    return texts, labels, topic_ids, vectors, centres, aliases


def test_an_update_from_the_saved_material_names_as_one_without_it(embedder, tmp_path, monkeypatch):
    frame = dated_bbc_sample(0)
    earlier = run(frame.iloc[:185], tmp_path / "a", embedder)
    earlier.model.subtopics()
    earlier.model.save(tmp_path / "model")
    assert (tmp_path / "model" / MATERIAL_FILE).is_file()
    # The file reads back as the material of every text: each text's phrases, keyword candidates, words
    # and name tokens (in their order) as found afresh.
    loaded = topics.TopicModel.load(tmp_path / "model").text_material_
    texts = keyword_texts(earlier.model.units_["text"].tolist(), earlier.model.aliases_)
    n_grams = len(loaded._saved["grams"])
    assert n_grams == len(set(texts)) and len(loaded._saved["phrases"]) >= n_grams // 2
    for text in texts:
        assert sorted(loaded.grams(text)) == sorted(_analyzer()(text))
        assert loaded.phrases(text) == headlines._phrases(text, stop_words(), is_junk_word)
        assert loaded.words(text) == headlines.lower_words(text) and list(loaded.tokens(text)) == headlines.name_tokens([text])[0]
        assert list(loaded.lowers(text)) == [t.lower() for t in headlines.name_tokens([text])[0]]
        assert loaded.phrase_words(text) == headlines.phrase_words(headlines._phrases(text, stop_words(), is_junk_word))
    # The labels' even test reads the words of the texts as written too (those keyword cleaning changed).
    for text in set(earlier.model.units_["text"].astype(str)) - set(texts):
        assert loaded.words(text) == headlines.lower_words(text) and list(loaded.tokens(text)) == headlines.name_tokens([text])[0]
    assert len(loaded.found["grams"]) == n_grams and not loaded._saved["grams"]  # every text's candidates read back, none found again
    assert len(loaded.found["tokens"]) >= n_grams // 2 and not loaded._saved["tokens"]

    calls = counting_phrases(monkeypatch)
    with_material, n_with, without = update_with_and_without_material(frame, tmp_path, embedder, calls)
    assert without.model.descriptions_ == with_material.model.descriptions_
    # ... and the saved material was read: far fewer texts split for their phrases.
    assert n_with < len(calls) / 2


def test_damaged_material_is_refused_by_load_naming_the_file(embedder, tmp_path):
    frame = dated_bbc_sample(0)
    earlier = run(frame.iloc[:120], tmp_path / "a", embedder)
    earlier.model.save(tmp_path / "model")
    path, numbers_path = tmp_path / "model" / MATERIAL_FILE, tmp_path / "model" / NUMBERS_FILE
    text, numbers = path.read_text(encoding="utf-8"), np.load(numbers_path)
    document = json.loads(text)
    n_terms = len(document["terms"].split("\n"))
    out_of_range = numbers.copy()
    out_of_range[len(numbers) // 2] = n_terms
    for content, array, problem, named in [
        ("{not json", numbers, "unreadable naming material", MATERIAL_FILE),
        (json.dumps({**document, "format": "other"}), numbers, "not a topics.text_material file", MATERIAL_FILE),
        (json.dumps({**document, "terms": ["a", "b"]}), numbers, "expected the terms", MATERIAL_FILE),
        (json.dumps({**document, "grams": {**document["grams"], "keys": "not-a-digest"}}), numbers, "a 32-digit hex key and a size", MATERIAL_FILE),
        (text, out_of_range, f"term numbers below {n_terms}", NUMBERS_FILE),
        (text, numbers[:-3], "expected", NUMBERS_FILE),
        (text, numbers.astype(np.float64), "expected", NUMBERS_FILE),
        (text, None, "unreadable naming material", NUMBERS_FILE),
    ]:
        path.write_text(content, encoding="utf-8")
        numbers_path.unlink(missing_ok=True)
        if array is not None:
            np.save(numbers_path, array)
        with pytest.raises(InputError, match=problem) as raised:
            topics.TopicModel.load(tmp_path / "model")
        assert named in str(raised.value)
    np.save(numbers_path, numbers)
    # Written under other splitting rules: not used, found again as needed (no error).
    path.write_text(json.dumps({**document, "rules": "0" * 32}), encoding="utf-8")
    assert not len(topics.TopicModel.load(tmp_path / "model").text_material_)
    path.unlink(), numbers_path.unlink()  # a model saved before the material was kept
    model = topics.TopicModel.load(tmp_path / "model")
    assert not len(model.text_material_)


def _same_matrix(found, expected) -> bool:
    (counts, vocabulary), (want, want_vocabulary) = found, expected
    return (vocabulary.tolist() == want_vocabulary.tolist() and counts.shape == want.shape and type(counts) is type(want)
            and all(np.array_equal(getattr(counts, part), getattr(want, part)) for part in ("indptr", "indices", "data")))


def test_the_material_counts_terms_and_finds_templates_and_openers_as_the_plain_path(data_dir, tmp_path):
    from topics.modeling.describe import unit_term_matrix
    from topics.modeling.text_material import TextMaterial
    from topics.text.alias_mining import mine_aliases
    from topics.text.wording import line_openers, template_key_digests

    articles = pd.read_csv(data_dir / "bbc_sample.csv")["text"].tolist()
    paragraphs = [p for text in articles for p in text.split("\n\n") if p.strip()]
    # Wire credits and a formula repeated in exactly as many units as make a template (3 of fewer than 300).
    extra = [f"{credit} - Forces detained {n} suspects in {place}. No civilians were harmed during the operation."
             for n, (credit, place) in enumerate([("AP", "Marjah"), ("AP", "Zhari"), ("AP", "Sangin")])]
    aliases = mine_aliases(articles)
    material = TextMaterial()
    for raw in (articles[:150] + extra, paragraphs, paragraphs[:40] + extra[:2]):
        # Openers, templates and the cleaned texts as the plain path finds them, whatever the material holds.
        assert keyword_texts(raw, aliases, material) == keyword_texts(raw, aliases)
        assert keyword_texts(raw, None, material) == keyword_texts(raw)
    assert all("civilians" not in t and "AP" not in t for t in keyword_texts(articles[:150] + extra, None, material)[-3:])  # credit and template went
    unit_term_matrix(keyword_texts(paragraphs, aliases), cleaned=True, material=material)  # each paragraph's terms found
    material.save(tmp_path)
    loaded = TextMaterial.load(tmp_path)
    for raw in (paragraphs, articles[:150] + extra):
        cleaned = keyword_texts(raw, aliases)
        for text in cleaned:
            assert loaded.sentence_keys(text) == template_key_digests(text)
        assert all(loaded.openers(text) == line_openers(text) for text in raw)
        assert keyword_texts(raw, aliases, loaded) == cleaned
        # The term counts from the saved numbers (a copy, the store itself, a fresh store twice, texts it never saw)
        # are CountVectorizer's matrix, with min_df 2 (more than 500 texts) and 1.
        expected = unit_term_matrix(cleaned, cleaned=True)
        for store in (loaded.copy(), loaded, material, TextMaterial()):
            assert _same_matrix(unit_term_matrix(cleaned, cleaned=True, material=store), expected)
            assert _same_matrix(unit_term_matrix(cleaned[:120], cleaned=True, material=store), unit_term_matrix(cleaned[:120], cleaned=True))
    assert len(loaded._saved["grams"]) == len(set(keyword_texts(paragraphs, aliases)))  # read as saved numbers, never decoded
    empty = unit_term_matrix(["", "the of and"], cleaned=True, material=loaded)
    assert empty[0].shape == (2, 0) and len(empty[1]) == 0


def test_the_material_cleans_the_same_texts_once_and_anew_when_texts_or_aliases_change(data_dir, monkeypatch):
    from topics.modeling.text_material import TextMaterial
    from topics.text import wording
    from topics.text.alias_mining import mine_aliases

    articles = pd.read_csv(data_dir / "bbc_sample.csv")["text"].tolist()[:60]
    aliases = mine_aliases(articles)
    material = TextMaterial()
    expected = keyword_texts(articles, aliases)
    cleanings = []
    plain = wording._keyword_texts
    monkeypatch.setattr(wording, "_keyword_texts", lambda *args: cleanings.append(1) or plain(*args))
    first = keyword_texts(articles, aliases, material)
    first[0] = "changed by the caller"  # the remembered texts are the material's own
    assert keyword_texts(list(articles), aliases, material) == expected and len(cleanings) == 1
    assert keyword_texts(articles, None, material) == keyword_texts(articles) and len(cleanings) == 3
    assert keyword_texts(articles[:-1] + [articles[-1] + " More."], None, material)[-1].endswith("More.")
    # Joined, two lists of texts can read alike: each text counts with its length.
    assert keyword_texts(["ab", "c"], None, material) == ["ab", "c"] and keyword_texts(["a", "bc"], None, material) == ["a", "bc"]


def test_each_text_is_cleaned_once_under_one_alias_table_whatever_texts_it_comes_with(data_dir, monkeypatch):
    from topics.modeling.text_material import TextMaterial
    from topics.text import wording
    from topics.text.alias_mining import mine_aliases

    articles = pd.read_csv(data_dir / "bbc_sample.csv")["text"].tolist()[:80]
    aliases = mine_aliases(articles)
    assert aliases, "the sample's aliases are what this cleaning reads"
    material = TextMaterial()
    alone = []
    plain = wording._cleaned_alone
    monkeypatch.setattr(wording, "_cleaned_alone", lambda texts, table, *clean: alone.extend(texts) or plain(texts, table, *clean))
    # Overlapping lists (a topic's texts, then a sample of the corpus): the same cleaned texts as without the material.
    first, second = articles[:50], articles[30:]
    assert keyword_texts(first, aliases, material) == keyword_texts(first, aliases)
    assert keyword_texts(second, aliases, material) == keyword_texts(second, aliases)
    assert len(alone) == 80 + 50 + 50  # the 80 distinct texts once through the material, 50 and 50 by the plain path
    # Another table cleans every text anew, and as that table reads it.
    other = mine_aliases(articles[:20])
    before = len(alone)
    assert keyword_texts(first, other, material) == keyword_texts(first, other)
    assert len(alone) - before == 50 + 50


def test_names_read_through_the_material_are_the_plain_paths(embedder, data_dir, tmp_path):
    from topics.modeling.describe import describe_topics
    from topics.modeling.text_material import TextMaterial

    texts, labels, topic_ids, vectors, centres, aliases = bbc_sections(embedder, data_dir)
    # Every unit once, and a sample weighted as an update weighs its context (the weighted corpus counts), two topics named.
    weights = np.where(labels == 0, 1.0, 2.5)
    for unit_weights, named in ((None, None), (weights, [1, 3])):
        plain = describe_topics(texts, labels, topic_ids, vectors, centres, aliases=aliases, unit_weights=unit_weights, named_rows=named)
        material = TextMaterial()
        for store in (material, material):  # found, then read back as remembered
            assert describe_topics(texts, labels, topic_ids, vectors, centres, aliases=aliases, unit_weights=unit_weights,
                                   named_rows=named, material=store) == plain
        material.save(tmp_path)
        loaded = TextMaterial.load(tmp_path)
        assert describe_topics(texts, labels, topic_ids, vectors, centres, aliases=aliases, unit_weights=unit_weights,
                               named_rows=named, material=loaded) == plain
        assert len(loaded._saved["grams"]) == len(texts)  # its term counts came from the saved numbers
        assert all(label for row, label in enumerate(plain.labels) if named is None or row in named)
    # The weighted corpus counts of asked phrases, as term numbers, are the sums text by text.
    cleaned = keyword_texts(texts, aliases)
    asked = sorted(set().union(*(headlines._phrases(t, stop_words(), is_junk_word) for t in cleaned[:10])))
    expected: dict = {}
    for text, weight in zip(cleaned, weights):
        for phrase in headlines._phrases(text, stop_words(), is_junk_word) & set(asked):
            expected[phrase] = expected.get(phrase, 0) + weight
    found = loaded.held_by("phrases", cleaned, weights, asked)
    assert {p: n for p, n in found.items() if n} == expected and len(expected) > 100


def test_the_material_reads_each_texts_words_off_its_name_tokens_as_lower_words_finds_them(data_dir):
    from topics.modeling.text_material import TextMaterial

    articles = pd.read_csv(data_dir / "bbc_sample.csv")["text"].tolist()
    # Edges of words: quotes, hyphens, dashes, "&" alone and inside a name, an underscore, digits, letters
    # outside ASCII (a dotted capital I lower-cases to two characters), a combining mark, a lone apostrophe.
    edges = ["'Tis the -ish 'quoted' word- -- - '-' rock'n'roll AT&T Johnson & Johnson snake_case _ 3.5% 31st",
             "İstanbul ÉCOLE naïve e\u0301te Straße x²  \u0660\u0661 中文 'a' -b- ''' &&& _'_ a--b don't"]
    material = TextMaterial()
    for text in articles + edges:
        assert material.words(text) == headlines.lower_words(text)
        assert material.tokens(text) == tuple(headlines.name_tokens([text])[0])  # the tokens it read are kept


def test_material_found_ahead_is_remembered_when_asked_as_if_found_then(embedder, data_dir, tmp_path):
    from topics.modeling.describe import describe_topics
    from topics.modeling.naming_ahead import CHECK_EVERY, find_ahead, naming_ahead
    from topics.modeling.text_material import TextMaterial

    texts, labels, topic_ids, vectors, centres, aliases = bbc_sections(embedder, data_dir)
    cleaned, plain = keyword_texts(texts, aliases), keyword_texts(texts)
    assert aliases and cleaned != plain  # the aliases change some texts: those are found when asked
    names, stores = [], []
    for ahead in (0, 40, None):  # nothing, stopped after a few texts, everything (texts the naming never asks too)
        material = TextMaterial()
        looks = []
        found = find_ahead(material, texts, lambda: looks.append(1) or ahead is None or len(looks) <= ahead // CHECK_EVERY + 1)
        assert found == (len(naming_ahead(texts)) if ahead is None else ahead // CHECK_EVERY * CHECK_EVERY)
        names.append(describe_topics(texts, labels, topic_ids, vectors, centres, aliases=aliases, material=material))
        if ahead is None:  # most of what the naming read was found ahead; what it never asked for is still aside
            assert sum(map(len, material._prepared.values())) < found // 2 and len(material._prepared["phrases"])
        material.drop_prepared()
        folder = tmp_path / str(ahead)
        folder.mkdir()
        material.save(folder)
        stores.append([(folder / name).read_bytes() for name in (MATERIAL_FILE, NUMBERS_FILE)])
    assert names[0] == names[1] == names[2] and stores[0] == stores[1] == stores[2]
    # A text the store knows is left as it is; nothing is found once the waiting is over.
    known = TextMaterial()
    known.grams(plain[0])
    known.prepare("grams", plain[0])
    assert not known._prepared["grams"] and find_ahead(known, texts, lambda: False) == 0


def test_each_topics_label_texts_are_found_ahead_once_the_topics_are_known(embedder, data_dir, tmp_path, monkeypatch):
    from topics.modeling.describe import describe_topics
    from topics.modeling.naming_ahead import find_ahead, naming_ahead
    from topics.modeling.text_material import TextMaterial

    # Samples smaller than the BBC sample: the corpus sample leaves out texts the topics' samples read.
    monkeypatch.setattr(headlines, "CORPUS_TEXTS", 40)
    monkeypatch.setattr(headlines, "PHRASE_TEXTS", 15)
    texts, labels, topic_ids, vectors, centres, aliases = bbc_sections(embedder, data_dir)
    plain = set(keyword_texts(texts))
    asked, phrases = [], TextMaterial.phrases
    monkeypatch.setattr(TextMaterial, "phrases", lambda self, text: asked.append(text) or phrases(self, text))
    names, stores, missed = [], [], []
    for known in (None, labels):
        material = TextMaterial()
        assert find_ahead(material, texts, lambda: True, labels=known) == len(naming_ahead(texts, known))
        ahead = {text for kind, text in naming_ahead(texts, known) if kind == "phrases"}
        asked.clear()
        names.append(describe_topics(texts, labels, topic_ids, vectors, centres, aliases=aliases, material=material))
        missed.append({text for text in asked if text in plain} - ahead)  # a text the aliases change is found when asked
        material.drop_prepared()
        folder = tmp_path / str(len(names))
        folder.mkdir()
        material.save(folder)
        stores.append([(folder / name).read_bytes() for name in (MATERIAL_FILE, NUMBERS_FILE)])
    assert missed[0] and not missed[1]  # every label text the aliases leave as it is was found ahead
    assert names[0] == names[1] and stores[0] == stores[1]


def test_the_material_cleans_a_text_as_clean_text_and_reads_it_back_saved(data_dir, tmp_path):
    from topics.modeling.text_material import TextMaterial
    from topics.text.wording import clean_text

    texts = pd.read_csv(data_dir / "bbc_sample.csv")["text"].tolist()[:60] + [
        "KABUL, Afghanistan — The Taliban's leader said.\n\nHe didn't say more.", "'s", "", "\n", "No change here.",
    ]
    assert sum(clean_text(t) != t for t in texts) >= 3 and sum(clean_text(t) == t for t in texts) >= 3
    material = TextMaterial()
    assert [material.clean_text(t) for t in texts] == [clean_text(t) for t in texts]
    assert [material.clean_text(t) for t in texts] == [clean_text(t) for t in texts]  # remembered
    material.save(tmp_path)
    loaded = TextMaterial.load(tmp_path)
    assert len(loaded._saved["cleaned"]) == len(set(texts))
    assert [loaded.clean_text(t) for t in texts] == [clean_text(t) for t in texts]


def test_an_update_reads_back_the_cleaning_of_the_texts_the_earlier_run_read(embedder, tmp_path, monkeypatch):
    from topics.text import wording

    frame = dated_bbc_sample(0)
    earlier = run(frame.iloc[:185], tmp_path / "a", embedder)
    earlier.model.subtopics()
    earlier.model.save(tmp_path / "model")
    cleaned, plain = [], wording.clean_text
    monkeypatch.setattr(wording, "clean_text", lambda text: cleaned.append(text) or plain(text))
    # Without its material the update cleans every text again, to the same results.
    with_material, n_with, without = update_with_and_without_material(frame, tmp_path, embedder, cleaned)
    assert np.array_equal(without.model.labels_, with_material.model.labels_)
    assert without.since_last_run() == with_material.since_last_run()
    assert n_with < len(cleaned) / 2, (n_with, len(cleaned))


def test_a_cleaned_text_is_saved_as_its_edits_and_files_with_its_lines_are_still_read(tmp_path):
    from topics.modeling.text_material import CLEANED_LINE, TextMaterial, _key, rules_fingerprint
    from topics.text.wording import clean_text

    sentence = "The minister’s plan for the northern railway was approved by the regional council on Monday"
    texts = [f"{sentence} ({n}).\n\nIt starts next year." for n in range(20)] + ["Left as it is."]
    material = TextMaterial()
    assert [material.clean_text(t) for t in texts] == [clean_text(t) for t in texts]
    material.save(tmp_path)
    document = json.loads((tmp_path / MATERIAL_FILE).read_text(encoding="utf-8"))
    assert "railway" not in document["terms"]  # the cleaned texts are not kept whole: only what changed
    loaded = TextMaterial.load(tmp_path)
    assert len(loaded._saved["cleaned"]) == len(texts)
    assert [loaded.clean_text(t) for t in texts] == [clean_text(t) for t in texts]
    # A file written before edits: the cleaned texts' lines, under the rules fingerprinted without edits.
    earlier = TextMaterial()
    for text in texts[:-1]:
        earlier.found["cleaned"][_key(text)] = tuple(CLEANED_LINE + line for line in clean_text(text).split("\n"))
    earlier.found["cleaned"][_key(texts[-1])] = ()
    earlier.save(tmp_path)
    document = json.loads((tmp_path / MATERIAL_FILE).read_text(encoding="utf-8"))
    assert "railway" in document["terms"]
    (tmp_path / MATERIAL_FILE).write_text(json.dumps({**document, "rules": rules_fingerprint(cleaned_as="")}), encoding="utf-8")
    loaded = TextMaterial.load(tmp_path)
    assert len(loaded._saved["cleaned"]) == len(texts)
    assert [loaded.clean_text(t) for t in texts] == [clean_text(t) for t in texts]
    assert rules_fingerprint() != rules_fingerprint(cleaned_as="")  # code reading lines finds edits again


def test_damaged_edits_are_cleaned_again(tmp_path):
    from topics.modeling.text_material import TextMaterial
    from topics.text.wording import clean_text

    texts = ["The minister’s plan was approved on Monday.", "It’s the council’s railway."]
    material = TextMaterial()
    [material.clean_text(t) for t in texts]
    material.save(tmp_path)
    document = json.loads((tmp_path / MATERIAL_FILE).read_text(encoding="utf-8"))
    terms = document["terms"].split("\n")
    # Every kept run made one character longer: edits that no longer read their text to its end.
    document["terms"] = "\n".join(f"={int(t[1:]) + 1}" if t[:1] == "=" and t[1:].isdigit() else t for t in terms)
    (tmp_path / MATERIAL_FILE).write_text(json.dumps(document), encoding="utf-8")
    loaded = TextMaterial.load(tmp_path)
    assert [loaded.clean_text(t) for t in texts] == [clean_text(t) for t in texts]
    assert [loaded.clean_text(t) for t in texts] == [clean_text(t) for t in texts]  # its edits found anew
