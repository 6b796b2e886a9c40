"""Sentences a corpus repeats across its articles weigh little in the vectors the clustering sees.

Real ISAF press releases (tests/data/isaf_formulas.jsonl, see tests/data/README.md) that end on the same
formulas ("No civilians were harmed during the operation.", "This is an update to IJC News Release #…"),
embedded with the real model.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from topics.embedding.embed import Embedder, embed_units, length_weighted_means
from topics.ingest.corpus import load_corpus
from topics.modeling.formulas import clustering_vectors, formula_free_texts
from topics.modeling.reduce import lexical_semantic_vectors

LOUDSPEAKER = ("Afghan forces used a loudspeaker to call for all occupants to exit the buildings peacefully, "
               "and then the joint security force cleared and secured the compound.")
UPDATE = "This is an update to IJC News Release #"
UPDATE_LINE = re.compile(r"This is an update to IJC News Release #[\w-]+")


@pytest.fixture(scope="module")
def corpus(data_dir):
    return load_corpus(data_dir / "isaf_formulas.jsonl")


@pytest.fixture(scope="module")
def own(corpus, embedder):
    return embed_units(corpus, "paragraph", embedder)


def _rows(corpus, words: str) -> list[int]:
    return [i for i, text in enumerate(corpus.paragraphs["text"]) if words in text]


def test_a_formula_no_longer_pulls_unrelated_paragraphs_together(corpus, embedder, own):
    vectors = clustering_vectors(corpus, "paragraph", embedder, own)
    # Paragraphs of different releases that say something of their own and end on the loudspeaker formula.
    mixed = [i for i in _rows(corpus, LOUDSPEAKER) if len(corpus.paragraphs["text"].iloc[i].split(". ")) > 1]
    assert len({corpus.paragraphs["article_id"].iloc[i] for i in mixed}) >= 3
    pairs = [(a, b) for a in mixed for b in mixed if a < b]
    before = np.mean([own[a] @ own[b] for a, b in pairs])
    after = np.mean([vectors[a] @ vectors[b] for a, b in pairs])
    assert after < before - 0.05
    # Each is the vector of its own words, the formula left out (and the same text embedded alone).
    texts = corpus.paragraphs["text"].tolist()
    kept = formula_free_texts(texts, corpus.paragraphs["article_id"].tolist())
    for i in mixed:
        assert LOUDSPEAKER not in kept[i] and kept[i] in " ".join(texts[i].split())
        assert vectors[i] @ embedder.encode([kept[i]])[0] > 0.999


def test_a_paragraph_that_is_only_a_formula_keeps_its_vector_and_paragraphs_without_one_are_untouched(corpus, embedder, own):
    vectors = clustering_vectors(corpus, "paragraph", embedder, own)
    kept = formula_free_texts(corpus.paragraphs["text"].tolist(), corpus.paragraphs["article_id"].tolist())
    # In fewer releases than the keyword step's floor (1 %, at least 3), and still a formula here.
    update_rows = [i for i in _rows(corpus, UPDATE) if UPDATE_LINE.fullmatch(corpus.paragraphs["text"].iloc[i])]
    assert len(update_rows) >= 3 and all(kept[i] is None for i in update_rows)
    unchanged = [i for i, text in enumerate(corpus.paragraphs["text"]) if kept[i] is None or kept[i] == text]
    assert len(unchanged) > len(vectors) // 2
    np.testing.assert_array_equal(vectors[unchanged], own[unchanged])


def test_an_article_vector_leaves_out_its_formula_paragraphs(corpus, embedder, own):
    articles = clustering_vectors(corpus, "article", embedder, own)
    plain = embed_units(corpus, "article", embedder)
    paragraphs = corpus.paragraphs
    row = update = None
    for i in _rows(corpus, UPDATE):
        if not UPDATE_LINE.fullmatch(paragraphs["text"].iloc[i]):
            continue
        siblings = np.flatnonzero(paragraphs["article_id"].to_numpy() == paragraphs["article_id"].iloc[i])
        if len(siblings) > 1 and not any(LOUDSPEAKER in paragraphs["text"].iloc[j] for j in siblings):
            update, others = i, [j for j in siblings if j != i]
            row = corpus.articles["article_id"].tolist().index(paragraphs["article_id"].iloc[i])
            break
    assert update is not None
    kept = formula_free_texts(paragraphs["text"].tolist(), paragraphs["article_id"].tolist())
    others = [j for j in others if kept[j] is not None]
    texts = [kept[j] for j in others]
    expected = length_weighted_means(embedder.encode(texts), texts, np.zeros(len(others), dtype=np.int64), 1)[0]
    assert articles[row] @ expected > 0.9999
    assert plain[row] @ expected < articles[row] @ expected  # the update line had its share of the plain mean


def test_the_cache_keeps_each_text_with_its_own_vector(corpus, embedder, own, tmp_path):
    fresh = Embedder(cache_dir=tmp_path)
    vectors = clustering_vectors(corpus, "paragraph", fresh)  # embeds the paragraphs and the formula-free texts
    texts = corpus.paragraphs["text"].tolist()
    kept = formula_free_texts(texts, corpus.paragraphs["article_id"].tolist())
    changed = [i for i, text in enumerate(texts) if kept[i] is not None and kept[i] != text]
    assert changed
    again = Embedder(cache_dir=tmp_path)
    np.testing.assert_allclose(again.encode(texts), own, atol=1e-6)  # the paragraphs' own vectors, not overwritten
    assert again.n_model_calls_ == 0
    uncached = Embedder(use_cache=False).encode([kept[i] for i in changed])
    np.testing.assert_allclose(again.encode([kept[i] for i in changed]), uncached, atol=1e-5)
    np.testing.assert_allclose(vectors[changed], uncached, atol=1e-5)


def test_greetings_are_not_formulas_and_one_article_repeating_itself_is_not_three():
    # Greeting lines ("Hi,", "> Hi.") are under the four words a formula needs.
    texts = [f"Hi,\nmy {part} question is about the graphics card driver." for part in ("first", "second", "third")]
    texts += [f"> Hi.\nThe game went to extra time before the {side} side scored." for side in ("home", "away", "other")]
    assert formula_free_texts(texts, ["a", "b", "c", "d", "e", "f"]) == texts
    # A sentence in every paragraph of one article is not a formula; in three articles it is.
    texts = [f"Trade talks resume in {city} next week. The minister will speak again on Monday." for city in ("Paris", "Rome", "Oslo")]
    assert formula_free_texts(texts, ["g", "g", "g"]) == texts
    assert formula_free_texts(texts, ["g", "h", "i"]) == [f"Trade talks resume in {city} next week." for city in ("Paris", "Rome", "Oslo")]


def test_find_topics_clusters_the_formula_free_vectors_and_shows_the_texts_as_written(data_dir, corpus, embedder, own):
    from topics.pipeline import find_topics

    result = find_topics(corpus, embedder=embedder, random_state=0)
    texts = corpus.paragraphs["text"].tolist()
    kept = formula_free_texts(texts, corpus.paragraphs["article_id"].tolist())
    changed = np.array([left is not None and left != text for left, text in zip(kept, texts)])
    np.testing.assert_array_equal(result.embeddings, own)  # the units' own vectors, for everything but the clustering
    clustered = result.model.embeddings_
    assert changed.any() and np.all(np.abs(clustered[changed] - own[changed]).max(axis=1) > 1e-3)
    np.testing.assert_allclose(clustered[~changed], own[~changed], atol=1e-6)  # (the fit normalises its rows again)
    assert result.units["text"].tolist() == texts == result.model.units_["text"].tolist()
    shown = dict(zip(result.units["unit_id"], result.units["text"]))
    for ids in result.model.topic_info()["representative_unit_ids"]:
        assert all(shown[i] in texts for i in ids)


def test_a_title_or_an_initial_does_not_end_a_sentence_so_no_fragment_becomes_a_formula():
    # Three articles write the same opening up to "Mr." and go on differently: no sentence repeats.
    # Split at "Mr.", "It was not clear whether Mr." would be a formula, and leaving it out would
    # turn "it was not clear whether Mr. Ghani's compromise was acceptable" into its opposite.
    texts = [
        "It was not clear whether Mr. Ghani's compromise was acceptable to the Taliban negotiators.",
        "It was not clear whether Mr. Biden would keep troops at the airport after the deadline.",
        "It was not clear whether Mr. Khalilzad had met the delegation before the talks in Doha.",
        "Defense Secretary Lloyd J. Austin III and Gen. Mark A. Milley testified before the committee.",
        "Defense Secretary Lloyd J. Austin III told reporters the evacuation would end on Tuesday.",
        "Defense Secretary Lloyd J. Austin III said the strike had killed ten civilians, seven of them children.",
    ]
    assert formula_free_texts(texts, ["a", "b", "c", "d", "e", "f"]) == texts
    # A whole sentence the three articles repeat still is one.
    bio = "Emily Cochrane is a reporter in the Washington bureau covering Congress."
    repeated = [f"{text} {bio}" for text in texts[:3]]
    assert formula_free_texts(repeated, ["a", "b", "c"]) == texts[:3]


def test_a_model_fitted_on_the_units_finds_the_topics_find_topics_finds(corpus, embedder, own):
    """The notebook way (TopicModel.fit on the units, embedded by the model or given) and the report's way
    (find_topics) cluster the same formula-free vectors into the same topics."""
    from topics.modeling.model import TopicModel
    from topics.pipeline import find_topics

    result = find_topics(corpus, embedder=embedder, random_state=0)
    again = find_topics(corpus, embedder=embedder, random_state=0).model  # the fitted model from the cache
    units = corpus.units("paragraph")
    embedded = TopicModel(embedder=embedder, random_state=0).fit(units)
    given = TopicModel(embedder=embedder, random_state=0).fit(units, embeddings=own)
    assert len(result.model.topic_ids_) >= 2
    for model in (again, embedded, given):
        np.testing.assert_array_equal(model.embeddings_, result.model.embeddings_)
        np.testing.assert_array_equal(model.labels_, result.model.labels_)
        assert model.topic_info()["label"].tolist() == result.model.topic_info()["label"].tolist()
        assert model.units_["text"].tolist() == corpus.paragraphs["text"].tolist()  # shown as written


def test_predict_reads_a_fitted_units_own_text_as_the_fit_read_it(corpus, embedder, own):
    # Before: predict embedded a text whole, so a fitted paragraph holding a formula came back with another vector
    # than the fit clustered it by (on 800 paragraphs of the ISAF releases, one in another topic).
    from topics.modeling.model import TopicModel

    units = corpus.units("paragraph")
    model = TopicModel(embedder=embedder, random_state=0).fit(units)
    texts = units["text"].tolist()  # alone: the formulas are the fit's, not found among these texts again
    held = [i for i in _rows(corpus, LOUDSPEAKER) if len(texts[i].split(". ")) > 1]
    assert held and not np.allclose(own[held], model.embeddings_[held], atol=1e-3)
    np.testing.assert_allclose(model.transform(texts), model.transform(model.embeddings_), atol=1e-5)
    np.testing.assert_array_equal(model.predict(texts), model.labels_)
    np.testing.assert_allclose(model.transform(texts[:3] + [texts[held[0]]]), model.transform(model.embeddings_[[0, 1, 2, held[0]]]), atol=1e-5)
    # A fit that kept its formulas reads new texts whole, as before.
    whole = TopicModel(embedder=embedder, random_state=0, formulas=None).fit(units)
    np.testing.assert_allclose(whole.transform(texts), whole.transform(own), atol=1e-5)


def test_predict_finds_the_fits_formulas_once_per_fit(corpus, embedder, monkeypatch, tmp_path):
    # Before: each predict of texts found the fit's formulas again, a pass over every fitted text (a second a call on
    # 6,000 BBC paragraphs, however few texts were asked about).
    import pickle

    from sklearn.base import clone

    from topics.modeling import formulas
    from topics.modeling.model import TopicModel

    units = corpus.units("paragraph")
    model = TopicModel(embedder=embedder, random_state=0).fit(units)
    found = []
    find = formulas.document_templates
    monkeypatch.setattr(formulas, "document_templates", lambda texts, *args, **kwargs: found.append(len(texts)) or find(texts, *args, **kwargs))
    texts = units["text"].tolist()
    first = model.predict(texts[:5])
    for start in (5, 10, 15):
        model.predict(texts[start:start + 5])
        model.transform(texts[start:start + 5])
    assert found == [len(units)]  # once, over the fitted units
    np.testing.assert_array_equal(first, model.labels_[:5])
    np.testing.assert_array_equal(model.predict(texts), model.labels_)
    assert found == [len(units)]
    # A pickle keeps them; a loaded model finds them once; a clone has none (nor units); a refit finds its own.
    again = pickle.loads(pickle.dumps(model))
    np.testing.assert_array_equal(again.predict(texts), model.labels_)
    assert found == [len(units)]
    loaded = TopicModel.load(model.save(tmp_path / "model"))
    loaded.embedder = embedder
    for start in (0, 5):
        np.testing.assert_array_equal(loaded.predict(texts[start:start + 5]), model.labels_[start:start + 5])
    assert found == [len(units)] * 2
    assert not hasattr(clone(model), "_formulas_cache")
    half = units.iloc[: len(units) // 2].reset_index(drop=True)
    model.fit(half)
    np.testing.assert_array_equal(model.predict(half["text"].tolist()), model.labels_)
    assert found[2:] == [len(half)] * 2  # the fit's own search, then predict's one
    model.predict(half["text"].tolist()[:5])
    assert found[2:] == [len(half)] * 2


def test_without_an_embedder_or_with_formulas_none_the_given_vectors_are_clustered_as_they_are(corpus, embedder, own):
    from topics.modeling.model import TopicModel
    from topics.validate import check_embeddings

    units = corpus.units("paragraph")
    formula_free = TopicModel(embedder=embedder, random_state=0).fit(units, embeddings=own).embeddings_
    for model in (TopicModel(random_state=0), TopicModel(embedder=embedder, random_state=0, formulas=None)):
        vectors = model.fit(units, embeddings=own).embeddings_
        np.testing.assert_array_equal(vectors, check_embeddings(own))
        assert np.abs(vectors - formula_free).max(axis=1).max() > 1e-3
    with pytest.raises(Exception, match="formulas must be"):
        TopicModel(formulas="drop").fit(units, embeddings=own)


def test_a_given_article_vector_is_kept_and_find_topics_gives_articles_their_paragraphs_formula_free_mean(corpus, embedder, own):
    from topics.modeling.model import TopicModel
    from topics.pipeline import find_topics
    from topics.validate import check_embeddings

    articles = corpus.units("article")
    plain = embed_units(corpus, "article", embedder)
    # The units alone cannot say which paragraphs an article's given vector is the mean of: it stays.
    model = TopicModel(embedder=embedder, n_topics=3, random_state=0).fit(articles, embeddings=plain)
    np.testing.assert_array_equal(model.embeddings_, check_embeddings(plain))
    expected = clustering_vectors(corpus, "article", embedder, own)
    assert np.abs(expected - plain).max(axis=1).max() > 1e-3
    result = find_topics(corpus, level="article", n_topics=3, embedder=embedder, random_state=0)
    np.testing.assert_array_equal(result.model.embeddings_, check_embeddings(expected))
    np.testing.assert_array_equal(result.embeddings, plain)


def test_a_model_fitted_on_the_corpus_finds_the_report_s_article_topics(corpus, embedder, own):
    """``fit(corpus, level="article")`` clusters what ``find_topics`` clusters at article level (each article
    the mean of its paragraphs, formulas left out), where the article units alone are embedded whole."""
    from topics.errors import InputError
    from topics.modeling.model import TopicModel
    from topics.pipeline import find_topics

    result = find_topics(corpus, level="article", n_topics=3, embedder=embedder, random_state=0)
    fitted = TopicModel(embedder=embedder, n_topics=3, random_state=0).fit(corpus, level="article")
    np.testing.assert_array_equal(fitted.embeddings_, result.model.embeddings_)
    np.testing.assert_array_equal(fitted.labels_, result.model.labels_)
    assert fitted.topic_info()["label"].tolist() == result.model.topic_info()["label"].tolist()
    assert fitted.units_["text"].tolist() == corpus.articles["text"].tolist()  # shown as written
    assert fitted.corpus_level_ == result.model.corpus_level_ == "article"  # both refuse articles alone in predict
    whole = TopicModel(embedder=embedder, n_topics=3, random_state=0).fit(corpus.units("article"))
    assert np.abs(whole.embeddings_ - fitted.embeddings_).max() > 1e-3
    # The default level is the paragraph, as find_topics'; without the rule, the paragraphs' plain mean.
    paragraphs = TopicModel(embedder=embedder, random_state=0).fit_predict(corpus)
    np.testing.assert_array_equal(paragraphs, TopicModel(embedder=embedder, random_state=0).fit_predict(corpus.units("paragraph")))
    plain = TopicModel(embedder=embedder, n_topics=3, random_state=0, formulas=None).fit(corpus, level="article")
    np.testing.assert_allclose(plain.embeddings_, embed_units(corpus, "article", embedder), atol=1e-6)
    with pytest.raises(InputError, match="level"):
        TopicModel(embedder=embedder).fit(corpus.units("article"), level="article")


def test_a_model_fitted_on_the_corpus_s_articles_predicts_from_the_corpus_and_refuses_articles_alone(corpus, embedder, tmp_path):
    """``predict``/``transform`` given the Corpus and level see the vectors ``fit`` clustered; whole articles
    without their corpus (each would be embedded as one text) are refused, the way out named."""
    from topics.errors import InputError
    from topics.modeling.model import TopicModel

    model = TopicModel(embedder=embedder, n_topics=3, random_state=0).fit(corpus, level="article")
    predicted = model.predict(corpus, level="article")
    # With n_topics the fit groups units by words and meaning (the vectors joined with the LSA of the texts'
    # TF-IDF) until none moves: predict reads the Corpus's texts in that kept space, so the fitted units get
    # their labels back. Vectors alone have no words: the nearest centre of the vectors.
    np.testing.assert_array_equal(predicted, model.labels_)
    np.testing.assert_allclose(model.transform(corpus, level="article"), model.fit_transform(corpus, level="article"), atol=1e-6)
    # The fitted vectors alone: the units it was fitted on keep their topics, and so do near copies of them; other
    # vectors (midpoints of two articles) have no words, so the nearest centre of the vectors.
    np.testing.assert_array_equal(model.predict(model.embeddings_), model.labels_)
    near = model.embeddings_ + np.random.default_rng(0).normal(0, 1e-6, model.embeddings_.shape).astype(np.float32)
    near /= np.linalg.norm(near, axis=1, keepdims=True)
    np.testing.assert_array_equal(model.predict(near), model.labels_)
    between = model.embeddings_ + np.roll(model.embeddings_, len(model.embeddings_) // 2, axis=0)
    between /= np.linalg.norm(between, axis=1, keepdims=True)
    centres = model.topic_embeddings_.astype(np.float64)
    np.testing.assert_array_equal(model.predict(between), model.topic_ids_[(between.astype(np.float64) @ centres.T).argmax(axis=1)])
    joined = lexical_semantic_vectors(model.units_["text"].tolist(), model.embeddings_, 0).astype(np.float64)
    joined_centres = np.stack([joined[model.labels_ == t].sum(axis=0) for t in model.topic_ids_])
    joined_centres /= np.linalg.norm(joined_centres, axis=1, keepdims=True)
    np.testing.assert_array_equal(model.topic_ids_[(joined @ joined_centres.T).argmax(axis=1)], model.labels_)
    articles = corpus.units("article")
    for call in (model.predict, model.transform):
        for alone in (articles, articles["text"].tolist()):
            with pytest.raises(InputError, match=r"level='article'.*pass their Corpus"):
                call(alone)
    # Their vectors given, or paragraphs (nearest article topic of each), are taken as they are.
    np.testing.assert_array_equal(model.predict(articles, embeddings=model.embeddings_), predicted)  # texts with them
    assert model.transform(corpus.units("paragraph")).shape == (len(corpus.paragraphs), 3)
    with pytest.raises(InputError, match="TopicModel.predict.*level='article' is for a Corpus"):
        model.predict(articles, level="article")
    # A saved model keeps what it was fitted on.
    loaded = TopicModel.load(model.save(tmp_path / "model")).set_params(embedder=embedder)
    np.testing.assert_array_equal(loaded.predict(corpus, level="article"), predicted)
    with pytest.raises(InputError, match="pass their Corpus"):
        loaded.predict(articles)
    # A model fitted at paragraph level, or on units, embeds article units as before.
    on_paragraphs = TopicModel(embedder=embedder, n_topics=3, random_state=0).fit(corpus)
    assert on_paragraphs.corpus_level_ == "paragraph" and len(on_paragraphs.predict(articles)) == len(articles)
    np.testing.assert_array_equal(on_paragraphs.predict(corpus), on_paragraphs.labels_)


def test_a_model_with_n_topics_keeps_its_words_space_when_saved_and_one_saved_before_predicts_from_the_vectors(corpus, embedder, tmp_path):
    from topics.errors import InputError
    from topics.modeling.lexical_space import FILES, TERMS_FILE
    from topics.modeling.model import TopicModel

    model = TopicModel(embedder=embedder, n_topics=4, random_state=0).fit(corpus)
    units = model.units_
    folder = model.save(tmp_path / "model")
    loaded = TopicModel.load(folder).set_params(embedder=embedder)
    np.testing.assert_array_equal(loaded.lexical_topic_embeddings_, model.lexical_topic_embeddings_)
    np.testing.assert_array_equal(loaded.predict(units), model.labels_)  # texts, embedded again: read in words and meaning
    np.testing.assert_array_equal(loaded.predict(units["text"].tolist()), model.labels_)
    # Merged topics: their centres in the words' space follow.
    merged = TopicModel.load(folder).reduce_topics(2)
    assert merged.lexical_topic_embeddings_.shape == (2, model.lexical_topic_embeddings_.shape[1])
    # A model saved before the space was kept: the vectors' centres, as it predicted then.
    for name in FILES:
        (folder / name).unlink()
    older = TopicModel.load(folder).set_params(embedder=embedder)
    assert older.lexical_space_ is None
    np.testing.assert_array_equal(older.predict(corpus), older.predict(older.embeddings_))
    # Part of it missing is damage, named.
    model.save(folder)
    (folder / FILES[1]).unlink()
    with pytest.raises(InputError, match=rf"damaged: its words' space lacks {FILES[1]}"):
        TopicModel.load(folder)
    # A term repeated in its vocabulary (a tampered file) is refused as it is read, naming the file.
    model.save(folder)
    terms_file = folder / TERMS_FILE
    terms = json.loads(terms_file.read_text(encoding="utf-8"))
    terms_file.write_text(json.dumps([terms[0], terms[0], *terms[2:]]), encoding="utf-8")
    with pytest.raises(InputError, match=rf"{TERMS_FILE}.*repeat.*{terms[0]!r}"):
        TopicModel.load(folder)


@pytest.mark.parametrize("call", ["fit", "predict", "transform"])
def test_a_misspelt_level_with_a_corpus_is_refused_naming_the_call_and_the_levels(corpus, embedder, call):
    # Before: the Corpus's own ValueError, which named neither the call nor the argument it came from.
    from topics.errors import InputError
    from topics.modeling.model import TopicModel

    model = TopicModel(embedder=embedder, n_topics=3, random_state=0)
    if call != "fit":
        model.fit(corpus, level="article")
    with pytest.raises(InputError, match=rf"TopicModel\.{call}.*level must be 'paragraph' or 'article', not 'articles'"):
        getattr(model, call)(corpus, level="articles")


def test_a_corpus_given_to_predict_without_a_level_is_read_at_the_level_the_model_was_fitted_at(corpus, embedder):
    # Before: a model fitted on the corpus's articles gave predict(corpus) a topic per paragraph, an
    # array no longer row-aligned with the articles it was asked about.
    from topics.modeling.model import TopicModel

    model = TopicModel(embedder=embedder, n_topics=3, random_state=0).fit(corpus, level="article")
    np.testing.assert_array_equal(model.predict(corpus), model.predict(corpus, level="article"))
    assert model.transform(corpus).shape == (len(corpus.articles), 3)
    assert len(model.predict(corpus, level="paragraph")) == len(corpus.paragraphs)  # asked for: as asked
    on_units = TopicModel(embedder=embedder, n_topics=3, random_state=0).fit(corpus.units("article"))
    assert len(on_units.predict(corpus)) == len(corpus.paragraphs)  # fitted on units: the paragraph, as fit's default


def test_a_model_saved_before_its_level_was_kept_reads_it_from_its_units(corpus, embedder, tmp_path):
    # Before: such a model fitted on the corpus's articles loaded as fitted on units, and gave
    # predict(corpus) a topic per paragraph.
    import json

    from topics.modeling.model import TopicModel

    fitted = {
        "article": TopicModel(embedder=embedder, n_topics=3, random_state=0).fit(corpus, level="article"),
        "paragraph": TopicModel(embedder=embedder, n_topics=3, random_state=0).fit(corpus),
        None: TopicModel(embedder=embedder, n_topics=3, random_state=0).fit(corpus.paragraphs["text"].tolist()),
    }
    for level, model in fitted.items():
        folder = model.save(tmp_path / str(level))
        meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        del meta["corpus_level"]  # as an older version wrote it
        (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
        loaded = TopicModel.load(folder).set_params(embedder=embedder)
        assert loaded.corpus_level_ == level
        np.testing.assert_array_equal(loaded.predict(corpus), model.predict(corpus))
    assert len(fitted["article"].predict(corpus)) == len(corpus.articles)


def test_a_model_saved_before_its_level_was_kept_and_fitted_on_a_table_with_a_source_column_is_not_read_as_articles(corpus, embedder, tmp_path):
    # Before: units of one's own with a source column (each its own article) read as a Corpus's articles, and
    # predict refused plain texts, saying the model was fitted on a Corpus at level='article'.
    import json

    import pandas as pd

    from topics.modeling.model import TopicModel

    texts = corpus.paragraphs["text"].tolist()
    model = TopicModel(embedder=embedder, n_topics=3, random_state=0).fit(pd.DataFrame({"text": texts, "source": "wire"}))
    folder = model.save(tmp_path / "model")
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    del meta["corpus_level"]  # as an older version wrote it
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    loaded = TopicModel.load(folder).set_params(embedder=embedder)
    assert loaded.corpus_level_ is None
    np.testing.assert_array_equal(loaded.predict(texts[:5]), model.predict(texts[:5]))


@pytest.mark.parametrize("broken", ["article without paragraphs", "paragraphs without their article"])
def test_a_corpus_whose_articles_and_paragraphs_do_not_match_is_refused_at_article_level_naming_the_article(corpus, embedder, broken):
    # Before: an article left without paragraphs (a Corpus filtered by its paragraphs alone) was refused as
    # "embeddings: 1 rows are all zeros", and paragraphs whose article was filtered out failed with numpy's IndexError.
    import dataclasses

    from topics.errors import InputError
    from topics.modeling.model import TopicModel
    from topics.pipeline import find_topics

    first = corpus.articles["article_id"].iloc[0]
    if broken == "article without paragraphs":
        filtered = dataclasses.replace(corpus, paragraphs=corpus.paragraphs[corpus.paragraphs["article_id"] != first])
        problem = "no paragraphs"
    else:
        filtered = dataclasses.replace(corpus, articles=corpus.articles[corpus.articles["article_id"] != first])
        problem = "no article"
    model = TopicModel(embedder=embedder, n_topics=3, random_state=0).fit(corpus, level="article")
    calls = {"TopicModel.fit": lambda: TopicModel(embedder=embedder, n_topics=3).fit(filtered, level="article"),
             "TopicModel.predict": lambda: model.predict(filtered), "TopicModel.transform": lambda: model.transform(filtered),
             re.escape(corpus.source): lambda: find_topics(filtered, level="article", n_topics=3, embedder=embedder)}
    for caller, call in calls.items():
        with pytest.raises(InputError, match=rf"{caller}: .*{problem}.*{re.escape(repr(first))}"):
            call()
    # Paragraphs are units of their own: read as they are.
    assert len(model.predict(filtered, level="paragraph")) == len(filtered.paragraphs)


ISAF_THEMES = [
    {"name": "detentions", "description": "Suspected insurgents detained, arrested or taken into custody during an operation",
     "keywords": ["detained", "arrested", "custody"]},
    {"name": "civilian casualties", "description": "Civilians killed or wounded, and investigations of civilian harm",
     "keywords": ["civilian casualties", "civilians"]},
]


def test_a_guided_model_fitted_on_the_corpus_places_the_themes_on_the_units_own_vectors_as_the_report_does(corpus, embedder, own):
    # Before: TopicModel(themes=...).fit fitted its themes on the vectors it clusters (formulas left out), where
    # find_topics(guided=True) and every other way of fitting themes give them the units' own vectors: the
    # themes, and the topics guided by them, were not the report's.
    from topics.modeling.model import TopicModel
    from topics.pipeline import find_topics
    from topics.themes.guided import Themes
    from topics.validate import check_embeddings

    units = corpus.units("paragraph")
    alone = Themes(ISAF_THEMES, random_state=0).fit(units, own, embedder)
    for fitted in (TopicModel(themes=ISAF_THEMES, embedder=embedder, random_state=0).fit(corpus),
                   TopicModel(themes=ISAF_THEMES, embedder=embedder, random_state=0).fit(units),
                   TopicModel(themes=ISAF_THEMES, embedder=embedder, random_state=0).fit(units, embeddings=own)):
        np.testing.assert_array_equal(fitted.themes_.scores_, alone.scores_)
        assert not np.array_equal(fitted.embeddings_, check_embeddings(own))  # the clustering still leaves the formulas out
    report = find_topics(corpus, themes=ISAF_THEMES, guided=True, embedder=embedder, random_state=0)
    np.testing.assert_array_equal(fitted.labels_, report.model.labels_)


def test_find_topics_counts_the_texts_it_embedded_without_the_formulas_whatever_the_themes_cached(corpus, tmp_path):
    """The fit's line counts the paragraph texts embedded without the formulas, computed or from the cache:
    declared themes, fitted first on a fresh cache, may have embedded some of them already (as sentences)."""
    from topics.pipeline import find_topics

    texts = corpus.paragraphs["text"].tolist()
    kept = formula_free_texts(texts, corpus.paragraphs["article_id"].tolist())
    n_without = sum(left is not None and left != text for text, left in zip(texts, kept))
    theme_file = Path(__file__).resolve().parents[1] / "seeds" / "themes.toml"
    counted = re.compile(r"units clustered without the sentences the corpus repeats across its articles "
                         r"\((\d+) paragraph texts without them embedded: (\d+) computed, (\d+) from cache\)")
    for level, guided in (("paragraph", False), ("article", True)):
        lines = []
        embedder = Embedder(cache_dir=tmp_path / level, show_progress=False)
        find_topics(corpus, level=level, themes=theme_file, guided=guided, embedder=embedder, random_state=0, log=lines.append)
        found = [counted.search(line) for line in lines if "units clustered without" in line]
        assert len(found) == 1 and found[0], lines
        n_texts, n_computed, n_cached = map(int, found[0].groups())
        assert n_texts == n_without == n_computed + n_cached and n_without > 0
    assert n_cached > 0  # at article level the themes' sentences had cached some (the count still holds them)
    again = []
    find_topics(corpus, embedder=Embedder(cache_dir=tmp_path / "paragraph"), random_state=0, log=again.append)
    assert any(line.endswith("(the fit read from the cache)") for line in again if "units clustered without" in line), again


def _subtopics_of(model) -> tuple:
    """Each unit's topic and subtopic, and every subtopic's label and size: what a report lists."""
    info = model.document_info()
    table = model.subtopics()
    return (model.labels_.tolist(), info["subtopic"].tolist(),
            list(zip(table["topic_id"], table["subtopic"], table["label"], table["size"])))


@pytest.mark.parametrize("level", ["paragraph", "article"])
def test_vectors_given_without_an_embedder_are_said_to_be_clustered_unlike_the_report_and_the_advised_fit_is_the_report(
        corpus, embedder, own, level):
    # Before: TopicModel().fit(units, embeddings=vectors) clustered a corpus's repeated sentences in, silently, so
    # a notebook's subtopics differed from `topics report`'s on the same texts (NYT abstracts: 31 against 36).
    import warnings

    from topics.errors import InputError, TopicsWarning
    from topics.modeling.model import TopicModel
    from topics.pipeline import find_topics

    report = find_topics(corpus, level=level, embedder=embedder, random_state=0).model
    units, vectors = corpus.units(level), (own if level == "paragraph" else embed_units(corpus, level, embedder))
    with pytest.warns(TopicsWarning, match=r"units hold sentences that 3 articles or more repeat.*TopicModel\(embedder=embedder\)") as said:
        TopicModel(random_state=0).fit(units, embeddings=vectors)
    texts = units["text"].tolist()
    held = sum(left != text for text, left in zip(texts, formula_free_texts(texts, units["article_id"].tolist())))
    assert held > 0 and str(said[0].message).startswith(f"{held} of {len(units)} units")
    assert said[0].filename == __file__  # the warning points at the caller's line
    with pytest.warns(TopicsWarning, match="units hold sentences"):  # the corpus with vectors, no embedder: the same
        TopicModel(random_state=0).fit(corpus, level=level, embeddings=vectors)
    # Every fitting path points at the caller's line (before: fit_predict's at model.py, fit_transform's at
    # scikit-learn's wrapper); predicting clusters nothing, so it says nothing (before: it warned on every call).
    fitted = TopicModel(random_state=0)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        fitted.fit_predict(units, embeddings=vectors)
        TopicModel(random_state=0).fit_transform(corpus, level=level, embeddings=vectors)
    assert [w.filename for w in said if "units hold sentences" in str(w.message)] == [__file__] * 2
    with warnings.catch_warnings():
        warnings.simplefilter("error", TopicsWarning)
        fitted.predict(corpus, level=level, embeddings=vectors)
        fitted.transform(corpus, level=level, embeddings=vectors)
        with pytest.raises(InputError, match="row-aligned"):  # wrong vectors: refused, with no advice on them first
            TopicModel(random_state=0).fit(units, embeddings=vectors[:5])
    # As the warning advises, the report's topics and subtopics, unit for unit.
    advised = TopicModel(embedder=embedder, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", TopicsWarning)
        advised.fit(units, embeddings=vectors) if level == "paragraph" else advised.fit(corpus, level="article")
        TopicModel(random_state=0, formulas=None).fit(units, embeddings=vectors)  # asked to keep them: nothing to say
    assert len(report.subtopics()) >= 2
    assert _subtopics_of(advised) == _subtopics_of(report)


def test_the_warning_reads_a_sample_of_whole_articles_on_a_large_input(corpus, monkeypatch):
    # Before: the check read every unit (300,000 synthetic units: 17.5 CPU s for one warning).
    import topics.modeling.formulas as formulas
    from topics.errors import TopicsWarning

    units = corpus.units("paragraph")
    read = []
    real = formulas.formula_free_texts
    monkeypatch.setattr(formulas, "formula_free_texts", lambda texts, documents, *a: read.append(list(documents)) or real(texts, documents, *a))
    monkeypatch.setattr(formulas, "WARNING_SAMPLE_UNITS", len(units) // 2)
    with pytest.warns(TopicsWarning, match=r"of \d+ units \(a sample of whole articles\) hold sentences"):
        formulas.warn_formulas_kept(units)
    sampled = set(read[0])
    assert 0 < len(read[0]) < len(units)
    whole = units[units["article_id"].isin(sampled)]
    assert len(whole) == len(read[0])  # every unit of a sampled article was read
