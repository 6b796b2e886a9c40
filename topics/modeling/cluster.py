"""Clustering of reduced unit vectors into topics, outlier handling and the topic hierarchy.

Plain functions on arrays; ``topics.modeling.model.TopicModel`` strings them together.
Topic ids are always 0..k-1, numbered by size (0 = largest), -1 = outlier.
"""

from __future__ import annotations

import numpy as np

# Softmax temperature turning cosine similarities to the topic centroids into a
# confidence: a 0.05 lead over the runner-up is ~73 % confidence.
CONFIDENCE_TEMPERATURE = 0.05
# An outlier joins its nearest topic by default only when it is at least as close
# to the centroid as this share of the topic's own members (it looks like a member).
CONFIDENT_MEMBER_QUANTILE = 0.10
# With reduce_outliers, an outlier joins its nearest topic when it is as close as the
# least similar members (1st percentile) unless the user sets an absolute floor.
REDUCE_MEMBER_QUANTILE = 0.01
# A topic with more than this share of the units is re-clustered on its own. At 0.5 a topic of
# 43 of the 91 seed paragraphs (Doha, al-Qaeda and regional powers) stood with int8 vectors:
# 0.4 splits it (seeds ARI 0.191 -> 0.290, NMI 0.379 -> 0.465 over 10 random states, as fp32
# vectors give) and leaves BBC News, AG News and ISAF unchanged (benchmarks/granularity.py).
MAX_TOPIC_SHARE = 0.4
# Modularity resolution of the community search on the neighbour graph. Measured on BBC News
# (2,072 articles) and the ISAF press releases (723), with the centroid refinement: 0.3 and 0.5
# give NMI 0.82 / 0.81 and 0.30 / 0.33; 1.0 splits BBC's 5 sections into 15 (NMI 0.66).
GRAPH_RESOLUTION = 0.5
# Community searches whose agreement weights the graph of the final community search.
CONSENSUS_RUNS = 8
# Centroid refinement rounds; it settles in a handful. The neighbour vote as well.
REFINE_ROUNDS = 50
# Centroid rounds before the neighbour vote that settles a consensus's boundaries. Measured with the
# vote after 1, 2, 3, 5 and all rounds (docs/benchmarks.md, Steadiness): two are within 0.006 NMI of
# the best on BBC articles, paragraphs and leads, AG News and ISAF; all rounds lose 0.05 on paragraphs.
CENTROID_ROUNDS = 2
# The neighbour graph's weights (0-1) are rounded to this many decimals before the community
# searches. Cached and recomputed vectors differ by ~1e-7, which moves almost every weight by as little:
# unrounded, such a difference flips a near-tie in a search and the flip spreads (BBC paragraphs,
# noise ARI 0.92); rounded, both give the same graph but for the rare weight at a rounding edge.
# A thousandth is far below what separates a near neighbour from a far one.
GRAPH_WEIGHT_DECIMALS = 3
# True: the community searches visit the units in an order drawn from the random state and each unit's own
# text (:func:`text_keys`, :func:`seeded_order`), so a unit keeps its place whichever units are added or left
# out; False: an order drawn over positions, which a corpus with a few units more or less redraws as another
# seed would (docs/benchmarks.md, Steadiness).
CONTENT_ORDER = True


def min_topic_size_for(n_units: int) -> int:
    """HDBSCAN's min_cluster_size for a corpus of ``n_units``.

    Grows like sqrt(n) so the topic count stays something a reader can take in:
    91 seed paragraphs -> 5, 723 press releases -> 17, 2,000 articles -> 30,
    100,000 paragraphs -> 206. The factor rises from 0.5 (up to 100 units, where
    a theme may hold only a handful of paragraphs) to 0.65 (from 1,000 units,
    where it makes the topic count steadier from seed to seed).
    """
    if n_units < 16:
        return 2
    factor = 0.5 + 0.15 * float(np.clip(np.log10(n_units / 100), 0.0, 1.0))
    return int(np.clip(round(factor * np.sqrt(n_units)), 3, 500))


def min_samples_for(min_cluster_size: int) -> int:
    """A lower min_samples than HDBSCAN's default (= min_cluster_size) marks fewer units as noise."""
    return int(max(1, min(min_cluster_size, round(min_cluster_size / 4) + 1)))


def density_clusters(reduced: np.ndarray, min_cluster_size: int, min_samples: int, metric: str = "euclidean"):
    """HDBSCAN labels (-1 = noise) and membership strengths."""
    from sklearn.cluster import HDBSCAN

    clusterer = HDBSCAN(
        min_cluster_size=int(min_cluster_size),
        min_samples=int(min_samples),
        metric=metric,
        cluster_selection_method="eom",
        copy=True,
    )
    labels = clusterer.fit_predict(np.asarray(reduced, dtype=np.float64))
    return labels.astype(np.int64), np.asarray(clusterer.probabilities_, dtype=np.float64)


def graph_clusters(weights, embeddings: np.ndarray, min_cluster_size: int, random_state: int | None,
                   resolution: float = GRAPH_RESOLUTION, n_runs: int = CONSENSUS_RUNS, keys: np.ndarray | None = None,
                   compiled: bool | None = None):
    """Topic labels (-1 = outlier) and confidences from communities of the neighbour graph.

    ``keys``: one per unit (:func:`text_keys`), the order the community searches visit the units in
    (:func:`seeded_order`); None: an order drawn over their positions. ``compiled``: whether the searches
    run the compiled pass (:func:`topics.modeling.louvain.louvain`; None: by the graph's size); the same labels.

    ``weights``: the units' fuzzy neighbour graph (``topics.modeling.reduce.fuzzy_graph``), its
    weights rounded (``GRAPH_WEIGHT_DECIMALS``) so float noise in the vectors leaves it as it is.
    Two steps make the topics steady where any single layout or community search lets a
    tiny change of the input act as a new seed:
    - consensus communities: ``n_runs`` seeded community searches (:func:`communities`), each edge
      weighted by the share of runs that put its two units together, and one search on that graph;
    - settled boundaries: communities smaller than ``min_cluster_size`` become outliers, then the
      boundary units a community search flips are pulled back (:func:`settle_boundaries`).
    Measured on BBC News (2,072 articles; embeddings vs the same + 1e-6 noise, 4 seeds): one
    Leiden run 0.94 ARI, with refinement 0.98-1.0 but 6 or 7 topics by seed; with consensus
    7 topics at every seed (seed-to-seed ARI 1.0). ISAF press releases: 0.69 -> 0.90 mean.
    (Those with Leiden; the seeded Louvain search and rounded weights: docs/benchmarks.md, Steadiness.)
    """
    import scipy.sparse as sparse

    weights = rounded_weights(weights)
    coo = weights.tocoo()
    rows, cols = coo.row, coo.col
    seeds = [None if random_state is None else int(random_state) * n_runs + run for run in range(n_runs)]
    runs = [communities(weights, resolution, run_seed, keys, compiled) for run_seed in seeds]
    together = np.mean([labels[rows] == labels[cols] for labels in runs], axis=0)
    agreed = sparse.csr_matrix((coo.data * together, (rows, cols)), shape=weights.shape)
    found = communities(agreed, resolution, random_state, keys, compiled)
    sizes = np.bincount(found)
    labels = np.where(sizes[found] >= min_cluster_size, found, -1).astype(np.int64)
    if (labels == -1).all():
        return labels, np.zeros(len(labels))
    labels = settle_boundaries(weights, embeddings, labels)
    ids = np.unique(labels[labels >= 0])
    dense = np.searchsorted(ids, labels)
    dense[labels < 0] = -1
    return dense.astype(np.int64), centroid_confidence(embeddings, topic_centroids(embeddings, dense, ids), dense)


def rounded_weights(weights):
    """The graph (CSR) with its weights rounded to ``GRAPH_WEIGHT_DECIMALS`` (None: as they are); edges
    rounded to 0 dropped."""
    import scipy.sparse as sparse

    rounded = sparse.csr_matrix(weights, copy=True)
    if GRAPH_WEIGHT_DECIMALS is None:
        return rounded
    rounded.data = np.round(rounded.data, GRAPH_WEIGHT_DECIMALS)
    rounded.eliminate_zeros()
    return rounded


def settle_boundaries(weights, embeddings: np.ndarray, labels: np.ndarray,
                      centroid_rounds: int = CENTROID_ROUNDS) -> np.ndarray:
    """Communities with their boundary units settled; outliers stay.

    ``centroid_rounds`` rounds of moves to the nearest topic centroid (spherical k-means started from
    the communities) pull back the units a noisy graph scatters (short texts: 200 BBC leads, AG News),
    then a neighbour vote (:func:`vote_with_neighbours`) gives the graph the last word. More rounds
    drift where topics overlap (BBC paragraphs: run until none moves, they shift 29 % of the units,
    NMI 0.71 -> 0.66); fewer leave the short texts scattered (leads NMI 0.85 -> 0.83 with one round).
    """
    return vote_with_neighbours(weights, refine_by_centroids(embeddings, labels, max_rounds=centroid_rounds))


def vote_with_neighbours(weights, labels: np.ndarray, max_rounds: int = REFINE_ROUNDS) -> np.ndarray:
    """Members (label >= 0) move to the topic holding most of their graph weight until stable; outliers stay.

    Ties go to the lowest topic id; a member with no weight on any topic keeps its topic. All members vote at
    once, so the votes can cycle: a few boundary units flipping back and forth until ``max_rounds`` (3 of the 4
    searches of the NYT September 2021 update did). Once a round repeats an earlier one, the labels the last
    round would reach are read off the cycle: the same labels, without the rounds.
    """
    import hashlib

    import scipy.sparse as sparse

    labels = labels.copy()
    members = np.flatnonzero(labels >= 0)
    if not len(members):  # every unit an outlier: nothing to vote on
        return labels
    member_weights = sparse.csr_matrix(weights)[members]
    # Each member's weight per topic summed edge by edge in the graph's order: the sums of the product
    # with a one-hot membership matrix, without building it every round.
    owner = np.repeat(np.arange(len(members)), np.diff(member_weights.indptr))
    neighbour, weight = member_weights.indices, member_weights.data.astype(np.float64)
    column_of = np.full(len(labels), -1, np.int64)

    def voted_round() -> np.ndarray:
        ids, column = np.unique(labels[members], return_inverse=True)
        column_of[members] = column
        target = column_of[neighbour]
        edge = target >= 0
        held = np.bincount(owner[edge] * len(ids) + target[edge], weights=weight[edge],
                           minlength=len(members) * len(ids)).reshape(len(members), len(ids))
        return np.where(held.max(axis=1) > 0, ids[held.argmax(axis=1)], labels[members])

    # Each round's labels kept as a digest only (memory stays flat at any corpus size).
    round_of = {hashlib.blake2b(labels[members].tobytes(), digest_size=16).digest(): 0}
    for done in range(1, max_rounds + 1):
        voted = voted_round()
        if (voted == labels[members]).all():
            break
        labels[members] = voted
        first = round_of.setdefault(hashlib.blake2b(voted.tobytes(), digest_size=16).digest(), done)
        if first < done:  # a cycle of done - first rounds: go on only as far as round max_rounds lands on it
            for _ in range((max_rounds - done) % (done - first)):
                labels[members] = voted_round()
            break
    return labels


def text_keys(texts) -> np.ndarray:
    """(n,) uint64 per unit from its text alone (BLAKE2b; the k-th copy of a text hashed with k, so copies
    differ): a unit's key stays whichever other units the corpus holds, and float noise in its vector,
    cached or recomputed, leaves it as it is."""
    import hashlib

    seen: dict[str, int] = {}
    keys = np.empty(len(texts), dtype=np.uint64)
    for row, text in enumerate(map(str, texts)):
        copy = seen[text] = seen.get(text, -1) + 1
        digest = hashlib.blake2b(f"{copy}\x00{text}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
        keys[row] = int.from_bytes(digest, "little")
    return keys


def seeded_order(keys: np.ndarray, random_state: int) -> np.ndarray:
    """The nodes in an order drawn from ``random_state`` that each node's key places it in: a node keeps its
    place relative to the others whichever nodes are added or left out (splitmix64 of key and seed; equal
    keys in index order)."""
    with np.errstate(over="ignore"):
        mixed = np.asarray(keys, dtype=np.uint64) + np.uint64((int(random_state) * 0x9E3779B97F4A7C15) % 2**64)
        mixed = (mixed ^ (mixed >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        mixed = (mixed ^ (mixed >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        mixed ^= mixed >> np.uint64(31)
    return np.argsort(mixed, kind="stable")


def communities(weights, resolution: float, random_state: int | None, keys: np.ndarray | None = None,
                compiled: bool | None = None) -> np.ndarray:
    """Modularity communities of a weighted graph (Louvain, node order drawn from ``random_state``; with
    ``keys``, one per node, the order their keys give them: :func:`seeded_order`).

    Same graph and seed, same communities, whatever ran before in the process. scikit-network's
    Leiden is not: its refinement draws from the C library's ``rand()``, which its ``random_state``
    does not seed, so two runs on one graph in one process disagreed (BBC paragraphs: ARI 0.88)
    and a fit's topics depended on what the process had computed before it. Large graphs run
    a compiled copy of the Louvain local-move pass (:mod:`topics.modeling.louvain`): the same labels, faster.
    """
    from topics.modeling.louvain import louvain

    if keys is None or random_state is None:
        return louvain(resolution, random_state, weights.shape[0], compiled=compiled).fit_predict(weights)
    import scipy.sparse as sparse

    order = seeded_order(keys, random_state)
    ordered = sparse.csr_matrix(weights)[order][:, order]
    labels = np.empty(len(order), dtype=np.int64)
    labels[order] = louvain(resolution, None, len(order), shuffle=False, compiled=compiled).fit_predict(ordered)
    return labels


def refine_by_centroids(embeddings: np.ndarray, labels: np.ndarray, max_rounds: int = REFINE_ROUNDS) -> np.ndarray:
    """Members (label >= 0) move to their most similar topic centroid until stable; outliers stay."""
    labels = labels.copy()
    members = np.flatnonzero(labels >= 0)
    vectors = np.asarray(embeddings, dtype=np.float64)[members]
    for _ in range(max_rounds):
        ids = np.unique(labels[members])
        centroids = topic_centroids(embeddings, labels, ids).astype(np.float64)
        nearest = ids[(vectors @ centroids.T).argmax(axis=1)]
        if (nearest == labels[members]).all():
            break
        labels[members] = nearest
    return labels


def split_oversized(
    labels: np.ndarray,
    strengths: np.ndarray,
    recluster,
    max_share: float = MAX_TOPIC_SHARE,
) -> tuple[np.ndarray, np.ndarray]:
    """Re-cluster, once, each topic holding more than ``max_share`` of the units.

    Density clustering can leave most of a corpus in one blob when a few topics
    stand apart (AG News: sport splits off, world/business/tech stay one 75 %
    "topic"). ``recluster(rows) -> (labels, strengths)`` clusters those rows on
    their own (a fresh reduction of just them); its outliers become outliers here.
    Returns the new (labels, strengths).
    """
    labels, strengths = labels.copy(), strengths.copy()
    n_units = len(labels)
    next_id = int(labels.max()) + 1
    for topic in np.unique(labels[labels >= 0]):
        rows = np.flatnonzero(labels == topic)
        if len(rows) <= max_share * n_units:
            continue
        found, found_strengths = recluster(rows)
        if found.max() < 1:  # one cluster again: the topic stands
            continue
        labels[rows] = np.where(found >= 0, found + next_id, -1)
        strengths[rows] = found_strengths
        next_id += int(found.max()) + 1
    return labels, strengths


def fixed_k_clusters(vectors: np.ndarray, n_clusters: int, random_state: int | None, max_iter: int = 100) -> np.ndarray:
    """Exactly ``n_clusters`` non-empty clusters, every unit assigned.

    Spherical k-means: k-means (10 seeded starts) on the unit vectors, then
    assignments by cosine to the normalised centroids until stable. Measured on
    BBC News article vectors it beats plain k-means (ARI 0.898 vs 0.895) and
    k-means or Ward on UMAP-reduced vectors (0.88).
    """
    from sklearn.cluster import KMeans

    n_units = len(vectors)
    if n_clusters >= n_units:
        return np.arange(n_units, dtype=np.int64)
    vectors = np.asarray(vectors, dtype=np.float64)
    labels = KMeans(n_clusters=n_clusters, n_init=10, random_state=random_state).fit_predict(vectors)
    for _ in range(max_iter):
        centroids = normalise_rows(np.stack([vectors[labels == j].sum(axis=0) for j in range(n_clusters)]))
        updated = (vectors @ centroids.T.astype(np.float64)).argmax(axis=1)
        # An emptied cluster would break "exactly k": stop before that happens.
        if (updated == labels).all() or len(np.unique(updated)) < n_clusters:
            break
        labels = updated
    return labels.astype(np.int64)


def normalise_rows(vectors: np.ndarray) -> np.ndarray:
    from topics.validate import unit_rows

    return unit_rows(vectors).astype(np.float32)


def topic_centroids(embeddings: np.ndarray, labels: np.ndarray, topic_ids: np.ndarray) -> np.ndarray:
    """L2-normalised mean embedding of each topic's units, row i <-> topic_ids[i]."""
    centroids = np.zeros((len(topic_ids), embeddings.shape[1]), dtype=np.float64)
    for row, topic in enumerate(topic_ids):
        centroids[row] = embeddings[labels == topic].sum(axis=0, dtype=np.float64)
    return normalise_rows(centroids)


def renumber_by_size(labels: np.ndarray, n_pinned: int = 0) -> np.ndarray:
    """Topic ids 0..k-1 from largest to smallest (ties: earliest first unit), -1 kept.

    Ids below ``n_pinned`` (declared themes) keep their order ahead of the others.
    """
    labels = np.asarray(labels, dtype=np.int64)
    found = [t for t in np.unique(labels) if t != -1]
    first_seen = {t: int(np.argmax(labels == t)) for t in found}
    pinned = [t for t in found if t < n_pinned]
    others = sorted((t for t in found if t >= n_pinned), key=lambda t: (-int((labels == t).sum()), first_seen[t]))
    order = pinned + others
    mapping = {old: new for new, old in enumerate(order)}
    return np.array([mapping.get(int(t), -1) for t in labels], dtype=np.int64)


def centroid_confidence(embeddings: np.ndarray, centroids: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Softmax share of each unit's own topic among all topic centroids (0 for outliers)."""
    confidence = np.zeros(len(labels), dtype=np.float64)
    if len(centroids) == 0:
        return confidence
    similarities = embeddings.astype(np.float64) @ centroids.T.astype(np.float64)
    logits = (similarities - similarities.max(axis=1, keepdims=True)) / CONFIDENCE_TEMPERATURE
    weights = np.exp(logits)
    weights /= weights.sum(axis=1, keepdims=True)
    members = labels >= 0
    confidence[members] = weights[np.flatnonzero(members), labels[members]]
    return confidence


def member_floors(embeddings: np.ndarray, labels: np.ndarray, centroids: np.ndarray, quantile: float) -> np.ndarray:
    """Per topic, the ``quantile`` of its members' cosine similarities to its centroid."""
    emb = embeddings.astype(np.float64)
    floors = np.full(len(centroids), np.inf)
    for topic in range(len(centroids)):
        member_sims = emb[labels == topic] @ centroids[topic].astype(np.float64)
        if len(member_sims):
            floors[topic] = np.quantile(member_sims, quantile)
    return floors


def reassign_outliers(
    embeddings: np.ndarray,
    labels: np.ndarray,
    centroids: np.ndarray,
    min_similarity: float | None = None,
    member_quantile: float = CONFIDENT_MEMBER_QUANTILE,
) -> tuple[np.ndarray, np.ndarray]:
    """Move outliers to their nearest topic centroid when close enough.

    With ``min_similarity=None`` an outlier moves only if it is as close to the
    centroid as the topic's members are (the ``member_quantile`` of their
    similarities: 0.1 = as close as a typical member); with a number, every
    outlier at or above that cosine similarity moves. Similarities differ from
    corpus to corpus (short AG News items sit ~0.35 from their topic's centre,
    ISAF press releases ~0.85), which is why the default is relative.
    Returns (new labels, mask of moved units).
    """
    labels = labels.copy()
    outliers = np.flatnonzero(labels == -1)
    moved = np.zeros(len(labels), dtype=bool)
    if len(outliers) == 0 or len(centroids) == 0:
        return labels, moved
    emb = embeddings.astype(np.float64)
    cent = centroids.astype(np.float64)
    outlier_sims = emb[outliers] @ cent.T
    nearest = outlier_sims.argmax(axis=1)
    best = outlier_sims[np.arange(len(outliers)), nearest]
    if min_similarity is None:
        accept = best >= member_floors(embeddings, labels, centroids, member_quantile)[nearest]
    else:
        accept = best >= float(min_similarity)
    labels[outliers[accept]] = nearest[accept]
    moved[outliers[accept]] = True
    return labels, moved


def topic_linkage(centroids: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """scipy linkage (k-1, 4) over topics: average linkage of cosine distances between centroids.

    Row i merges clusters Z[i,0] and Z[i,1] (ids < k are topics, k+j is the j-th merge).
    """
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import pdist

    k = len(centroids)
    if k < 2:
        return np.zeros((0, 4), dtype=np.float64)
    distances = np.clip(pdist(centroids.astype(np.float64), metric="cosine"), 0.0, 2.0)
    Z = linkage(distances, method="average")
    # linkage counts leaves; count units instead so the 4th column is the merged topic size.
    counts = list(np.asarray(sizes, dtype=np.float64))
    for row in Z:
        counts.append(counts[int(row[0])] + counts[int(row[1])])
        row[3] = counts[-1]
    return Z


def merge_map(linkage_matrix: np.ndarray, n_topics: int, n_target: int) -> np.ndarray:
    """Old topic id -> group id, after applying the first n_topics - n_target merges."""
    parent = list(range(n_topics + len(linkage_matrix)))

    def root(node: int) -> int:
        while parent[node] != node:
            node = parent[node]
        return node

    for step in range(max(0, n_topics - n_target)):
        left, right = int(linkage_matrix[step, 0]), int(linkage_matrix[step, 1])
        parent[left] = parent[right] = n_topics + step
    return np.array([root(t) for t in range(n_topics)], dtype=np.int64)
