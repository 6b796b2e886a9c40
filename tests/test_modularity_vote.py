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
    import scipy.sparse as sparse
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    from topics.modeling.cluster import rounded_weights
    from topics.modeling.reduce import fuzzy_graph

    def by_product(weights, labels, max_rounds=50):
        labels = labels.copy()
        members = np.flatnonzero(labels >= 0)
        member_weights = sparse.csr_matrix(weights)[members]
        for _ in range(max_rounds):
            ids, column = np.unique(labels[members], return_inverse=True)
            membership = sparse.csr_matrix((np.ones(len(members)), (members, column)), shape=(len(labels), len(ids)))
            held = (member_weights @ membership).toarray()
            voted = np.where(held.max(axis=1) > 0, ids[held.argmax(axis=1)], labels[members])
            if (voted == labels[members]).all():
                break
            labels[members] = voted
        return labels

    texts = bbc_sample.paragraphs["text"].astype(str).tolist()
    vectors = TruncatedSVD(32, random_state=0).fit_transform(TfidfVectorizer().fit_transform(texts)).astype(np.float32)
    graph = rounded_weights(fuzzy_graph(vectors, 15))
    rng = np.random.default_rng(0)
    for n_topics in (2, 7, 30):
        labels = rng.integers(-1, n_topics, size=len(texts))
        assert (vote_with_neighbours(graph, labels) == by_product(graph, labels)).all()


def test_a_graph_whose_units_are_all_outliers_keeps_them_so():
    graph, labels = _two_cliques_and_a_boundary_unit()
    outliers = np.full_like(labels, -1)
    assert (vote_with_neighbours(graph, outliers) == -1).all()  # before: a reduction over no members raised
