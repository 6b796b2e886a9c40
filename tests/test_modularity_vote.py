"""The neighbour vote by modularity gain (benchmarks.modularity_vote, a measured method)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sparse

from benchmarks.modularity_vote import modularity_vote
from topics.modeling.cluster import vote_with_neighbours


def _two_cliques_and_a_boundary_unit() -> tuple[sparse.csr_matrix, np.ndarray]:
    """A clique of 20 (topic 0), a clique of 4 (topic 1), and unit 24 (in topic 0) holding 1.0 of
    weight on the large clique and 0.9 on the small one; unit 25 an outlier tied to the small clique."""
    n_units = 26
    dense = np.zeros((n_units, n_units))
    dense[:20, :20] = 1.0
    dense[20:24, 20:24] = 1.0
    np.fill_diagonal(dense, 0.0)
    dense[24, 0] = dense[0, 24] = 1.0
    dense[24, 20:23] = dense[20:23, 24] = 0.3
    dense[25, 20] = dense[20, 25] = 1.0
    labels = np.r_[np.zeros(20), np.ones(4), 0, -1].astype(np.int64)
    return sparse.csr_matrix(dense), labels


def test_the_size_of_a_topic_does_not_win_the_vote():
    graph, labels = _two_cliques_and_a_boundary_unit()
    assert vote_with_neighbours(graph, labels)[24] == 0  # the plain vote: most weight
    voted = modularity_vote(graph, labels, 0.5)
    assert voted[24] == 1
    assert (voted[:24] == labels[:24]).all() and voted[25] == -1


def test_at_resolution_zero_it_is_the_plain_vote():
    graph, labels = _two_cliques_and_a_boundary_unit()
    assert (modularity_vote(graph, labels, 0.0) == vote_with_neighbours(graph, labels)).all()


def test_the_vote_sums_each_members_weight_per_topic_as_a_membership_product(bbc_sample):
    # The vote sums a member's edge weights per topic without building a membership matrix each round: the
    # same labels as the product, on a real corpus's neighbour graph and labels that leave many to move.
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    from topics.modeling.cluster import rounded_weights
    from topics.modeling.reduce import fuzzy_graph

    texts = bbc_sample.paragraphs["text"].astype(str).tolist()
    vectors = TruncatedSVD(32, random_state=0).fit_transform(TfidfVectorizer().fit_transform(texts)).astype(np.float32)
    graph = rounded_weights(fuzzy_graph(vectors, 15))
    rng = np.random.default_rng(0)
    for n_topics in (2, 7, 30):
        labels = rng.integers(-1, n_topics, size=len(texts))
        assert (vote_with_neighbours(graph, labels) == _vote_every_round(graph, labels, 50)[0]).all()


def test_a_graph_whose_units_are_all_outliers_keeps_them_so():
    graph, labels = _two_cliques_and_a_boundary_unit()
    outliers = np.full_like(labels, -1)
    assert (vote_with_neighbours(graph, outliers) == -1).all()  # before: a reduction over no members raised


def _vote_every_round(weights, labels, max_rounds):
    """The vote as it ran before cycles were read, by a one-hot membership product: every member counted again
    each round, up to ``max_rounds``; (labels, whether it settled)."""
    labels = labels.copy()
    members = np.flatnonzero(labels >= 0)
    member_weights = sparse.csr_matrix(weights)[members]
    for _ in range(max_rounds):
        ids, column = np.unique(labels[members], return_inverse=True)
        membership = sparse.csr_matrix((np.ones(len(members)), (members, column)), shape=(len(labels), len(ids)))
        held = (member_weights @ membership).toarray()
        voted = np.where(held.max(axis=1) > 0, ids[held.argmax(axis=1)], labels[members])
        if (voted == labels[members]).all():
            return labels, True
        labels[members] = voted
    return labels, False


def test_two_units_that_swap_topics_every_round_end_where_the_last_round_leaves_them():
    # Each holds its only weight on the other's topic: they swap every round, never settling.
    graph = sparse.csr_matrix(np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.5], [0.0, 0.5, 0.0]]))
    labels = np.array([0, 1, -1])
    assert vote_with_neighbours(graph, labels, max_rounds=50).tolist() == [0, 1, -1]
    assert vote_with_neighbours(graph, labels, max_rounds=3).tolist() == [1, 0, -1]


def test_reading_a_cycle_gives_the_labels_of_every_round_counted():
    # Random graphs, many of whose votes never settle (boundary units flipping back and forth): the labels
    # the vote reads off a cycle are those counting every round to max_rounds gives.
    rng = np.random.default_rng(3)
    unsettled = 0
    for _ in range(200):
        n_units = int(rng.integers(2, 300))
        graph = sparse.random(n_units, n_units, density=float(rng.uniform(0.01, 0.2)), random_state=rng, format="csr")
        if rng.random() < 0.5:
            graph = (graph + graph.T).tocsr()
        if rng.random() < 0.3:
            graph.data = np.round(graph.data, 1)  # equal weights: ties
        labels = rng.integers(-1, int(rng.integers(1, 20)), size=n_units)
        max_rounds = int(rng.integers(1, 60))
        expected, settled = _vote_every_round(graph, labels, max_rounds)
        unsettled += not settled
        assert (vote_with_neighbours(graph, labels, max_rounds) == expected).all()
    assert unsettled >= 20
