"""A unit keeps its place in the community searches' node order whichever units a corpus adds or leaves out."""

import numpy as np
from sklearn.metrics import adjusted_rand_score

from topics.modeling.cluster import seeded_order, text_keys
from topics.modeling.model import TopicModel


def test_the_seeded_order_of_some_units_is_their_order_among_all():
    keys = text_keys([f"paragraph {i}" for i in range(500)])
    full = seeded_order(keys, 7)
    kept = np.setdiff1d(np.arange(500), [3, 150, 499])
    assert (kept[seeded_order(keys[kept], 7)] == [i for i in full if i in set(kept)]).all()
    assert not (seeded_order(keys, 8) == full).all()  # another random state, another order
    assert sorted(full) == list(range(500))


def test_a_units_key_is_read_from_its_text_and_copies_of_a_text_differ():
    texts = ["Talks resumed in Doha.", "Drones flew over Kabul.", "Talks resumed in Doha.", ""]
    keys = text_keys(texts)
    assert keys.dtype == np.uint64 and len(set(keys.tolist())) == 4
    assert keys[1] == text_keys(["Drones flew over Kabul."])[0]  # whichever other units there are
    assert (text_keys(texts) == keys).all()
    assert text_keys(texts[1:])[1] == keys[0]  # the first copy keeps its key when a unit before it goes


def test_leaving_three_paragraphs_out_leaves_the_other_topics_as_they_were(bbc_sample, embedder):
    # With the searches' order drawn from positions, three paragraphs fewer redrew it as a new seed would:
    # ARI 0.91-0.92 on most of these draws (0.998 on one).
    from topics.embedding.embed import embed_units

    units = bbc_sample.units("paragraph")
    vectors = embed_units(bbc_sample, "paragraph", embedder)
    agreement = []
    for state in (0, 1):
        whole = TopicModel(random_state=state, aliases=False).fit(units, embeddings=vectors).labels_
        for draw in range(4):
            left_out = np.random.default_rng(draw).choice(len(units), 3, replace=False)
            kept = np.setdiff1d(np.arange(len(units)), left_out)
            part = TopicModel(random_state=state, aliases=False).fit(units.iloc[kept].reset_index(drop=True),
                                                                      embeddings=vectors[kept]).labels_
            agreement.append(adjusted_rand_score(whole[kept], part))
    assert np.mean(agreement) >= 0.95, np.round(agreement, 3)


def test_the_topics_do_not_depend_on_the_order_of_the_rows(bbc_sample, embedder):
    # Ordered over positions, the same paragraphs in another order gave ARI 0.91 at these random states.
    from topics.embedding.embed import embed_units

    units = bbc_sample.units("paragraph")
    vectors = embed_units(bbc_sample, "paragraph", embedder)
    shuffled = np.random.default_rng(0).permutation(len(units))
    first = TopicModel(random_state=0, aliases=False).fit(units, embeddings=vectors).labels_
    again = TopicModel(random_state=0, aliases=False).fit(units.iloc[shuffled].reset_index(drop=True),
                                                          embeddings=vectors[shuffled]).labels_
    assert adjusted_rand_score(first[shuffled], again) == 1.0


def test_the_burst_search_does_not_depend_on_the_order_of_the_rows():
    # 240 units close in meaning within ten days, 400 others over a year: the bursts' graph is one blob
    # that the community search may cut many near-equal ways (searched alone at resolution 1: it holds
    # most of the graph, bursts.burst_communities).
    from topics.modeling.bursts import find_bursts

    rng = np.random.default_rng(0)
    blob = rng.normal(size=(1, 32)) + 0.35 * rng.normal(size=(240, 32))
    vectors = np.vstack([blob, rng.normal(size=(400, 32))]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    days = np.concatenate([rng.integers(0, 10, 240), rng.integers(0, 365, 400)]).astype(float)
    articles = np.array([f"article {i}" for i in range(640)], dtype=object)
    keys = text_keys([f"paragraph {i}" for i in range(640)])
    shuffled = rng.permutation(640)
    bursts = find_bursts(vectors, days, articles, 14.0, 0, keys=keys)
    again = find_bursts(vectors[shuffled], days[shuffled], articles[shuffled], 14.0, 0, keys=keys[shuffled])
    assert (bursts >= 0).sum() >= 200 and len(set(bursts.tolist())) > 5
    assert adjusted_rand_score(bursts[shuffled], again) == 1.0
    by_position = find_bursts(vectors[shuffled], days[shuffled], articles[shuffled], 14.0, 0)
    assert adjusted_rand_score(find_bursts(vectors, days, articles, 14.0, 0)[shuffled], by_position) < 1.0
