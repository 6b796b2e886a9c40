"""scikit-network's Louvain search with its local-move pass compiled by numba.

The pass moves each node to the neighbouring community with the best modularity gain until a
pass gains too little. scikit-network's compiled pass keeps each node's neighbouring communities in
a C++ ``std::set``, allocating a tree node per neighbour and visit; at 10,000 units that is most
of the nine community searches a fit runs (about 4.5 of 5 CPU s). Here they sit in a flat list marked in a
flag array. The arithmetic is the same float32 sequence, and an equal best gain goes to the lowest
community id as the set's ordered walk gives it, so the labels are the library's own
(``tests/test_topic_model.py`` checks it). scikit-network still does everything else (normalisation,
aggregation levels, and the node order where the caller gives none: :func:`topics.modeling.cluster.seeded_order`).

Graphs below ``COMPILED_MIN_NODES`` nodes keep scikit-network's pass: there it saves less than
importing numba and loading the compiled pass costs (~0.4 CPU s once per process; the nine searches
of 2,072 BBC articles take 0.42 CPU s, compiled 0.19), and a small corpus runs no numba code at all.
"""

from __future__ import annotations

import functools

import numpy as np

# Smallest graph whose searches run the compiled pass: from here it saves more than it costs to load
# (2,584 ISAF paragraphs: 0.70 -> 0.29 CPU s; 10,000 paragraphs: 4.8 -> 1.5).
COMPILED_MIN_NODES = 4_096


def louvain(resolution: float, random_state: int | None, n_nodes: int, shuffle: bool = True, compiled: bool | None = None):
    """A scikit-network ``Louvain`` searching Newman modularity in a seeded node order (``shuffle``; else
    the graph's), labels only; with the compiled local-move pass from ``COMPILED_MIN_NODES`` nodes, or as
    ``compiled`` says (a caller running many smaller searches pays the pass's loading once for all)."""
    from sknetwork.clustering import Louvain

    compiled = n_nodes >= COMPILED_MIN_NODES if compiled is None else compiled
    kind = compiled_louvain_class() if compiled and library_pass_fits() else Louvain
    # Labels only: the membership probabilities and aggregate graph it would add are never read.
    return kind(resolution=resolution, modularity="newman", shuffle_nodes=shuffle, random_state=random_state,
                return_probs=False, return_aggregate=False)


@functools.cache
def library_pass_fits() -> bool:
    """Whether the installed scikit-network has the pass this module replaces, with the same arguments.

    ``_optimize`` is not public: another release may rename or reshape it, and then its own search
    runs (slower, same modularity) rather than a replacement that no longer fits."""
    import inspect

    from sknetwork.clustering import Louvain

    optimize = getattr(Louvain, "_optimize", None)
    return callable(optimize) and list(inspect.signature(optimize).parameters) == [
        "self", "labels", "adjacency", "out_weights", "in_weights"]


@functools.cache
def compiled_louvain_class():
    """``Louvain`` with :func:`local_moves` as its optimisation pass."""
    from sknetwork.clustering import Louvain

    class CompiledLouvain(Louvain):
        def _optimize(self, labels, adjacency, out_weights, in_weights):
            # The arrays and float32 types scikit-network's own pass receives.
            moved, increase = compiled_pass()(
                labels.astype(np.int64), adjacency.indices.astype(np.int64), adjacency.indptr.astype(np.int64),
                adjacency.data.astype(np.float32), np.asarray(out_weights, dtype=np.float32),
                np.asarray(in_weights, dtype=np.float32),
                adjacency.diagonal().astype(np.float32), np.float32(self.resolution), np.float32(self.tol_optimization),
            )
            return moved, float(increase)

    return CompiledLouvain


def compiled_pass():
    """:func:`local_moves` jitted (:func:`topics.modeling._numba_cache.compiled`)."""
    from topics.modeling._numba_cache import compiled

    return compiled(local_moves)


def compile_louvain_pass() -> None:
    """Compile :func:`local_moves` (and cache it) ahead of the first large fit: one search of a small ring."""
    from scipy import sparse

    if not library_pass_fits():
        return  # the library's own pass runs: nothing to compile
    ring = sparse.diags([np.ones(9), np.ones(9)], [1, -1], shape=(10, 10), format="csr")
    compiled_louvain_class()(modularity="newman", return_probs=False, return_aggregate=False).fit_predict(ring)


def local_moves(labels, indices, indptr, data, out_weights, in_weights, self_loops, resolution, tol_optimization):
    """Louvain's local-move passes over a normalised CSR graph: (labels, modularity increase), float32
    arithmetic as in scikit-network's ``optimize_core``. Plain Python; run it through :func:`compiled_pass`."""
    n_nodes = labels.shape[0]
    two = np.float32(2.0)
    out_cluster_weights = out_weights.copy()
    in_cluster_weights = in_weights.copy()
    cluster_weights = np.zeros(n_nodes, dtype=np.float32)
    seen = np.zeros(n_nodes, dtype=np.bool_)
    neighbours = np.empty(n_nodes, dtype=np.int64)
    increase = np.float32(0.0)
    stop = False
    while not stop:
        increase_pass = np.float32(0.0)
        for node in range(n_nodes):
            label = labels[node]
            n_found = 0
            has_target = False
            for edge in range(indptr[node], indptr[node + 1]):
                target = labels[indices[edge]]
                if not seen[target]:  # a zero-weight edge still makes its community a candidate, as in the set
                    seen[target] = True
                    neighbours[n_found] = target
                    n_found += 1
                    has_target |= target != label
                cluster_weights[target] += data[edge]
            if has_target:
                out_weight = out_weights[node]
                in_weight = in_weights[node]
                delta = two * (cluster_weights[label] - self_loops[node])
                delta -= resolution * out_weight * (in_cluster_weights[label] - in_weight)
                delta -= resolution * in_weight * (out_cluster_weights[label] - out_weight)
                delta_best = np.float32(0.0)
                label_best = label
                for k in range(n_found):
                    target = neighbours[k]
                    if target == label:
                        continue
                    delta_local = two * cluster_weights[target]
                    delta_local -= resolution * out_weight * in_cluster_weights[target]
                    delta_local -= resolution * in_weight * out_cluster_weights[target]
                    delta_local -= delta
                    # Strictly better, or as good and a lower id: the ordered set's first best.
                    if delta_local > delta_best or (delta_local == delta_best and label_best != label and target < label_best):
                        delta_best = delta_local
                        label_best = target
                if label_best != label:
                    increase_pass += delta_best
                    labels[node] = label_best
                    out_cluster_weights[label] -= out_weight
                    in_cluster_weights[label] -= in_weight
                    out_cluster_weights[label_best] += out_weight
                    in_cluster_weights[label_best] += in_weight
            for k in range(n_found):
                cluster_weights[neighbours[k]] = 0
                seen[neighbours[k]] = False
            cluster_weights[label] = 0
        increase += increase_pass
        stop = increase_pass <= tol_optimization
    return labels, increase
