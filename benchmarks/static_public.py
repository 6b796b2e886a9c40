"""A static table refitted once, offline, on public text that no benchmark evaluates on.

``static_tuning``'s ``public`` source. The table is what a refitted table shipped with the package
would be: model2vec's distilled table refitted (model2vec's tokenlearn idea) so that the mean of a
text's token vectors follows the model's own vector of that text, on:

1. training text, none of it a text the benchmarks evaluate on (``training_texts``):
   the 20 Newsgroups *train* split (the benchmarks evaluate on test-split messages), the AG News
   rows outside the benchmarks' 3,000-row sample, and the English article bodies of the web pages
   in ``pages/`` (Mozilla Readability's test pages); each cut into paragraphs as ``load_corpus``
   cuts a corpus. BBC News, the ISAF press releases and the NYT files stay out: they are
   evaluation corpora;
2. targets: the default backend's vectors of those paragraphs;
3. the model's space cut to the targets' top ``DIMS`` directions (uncentred SVD; 95 % of their
   energy, and no topic NMI lost against all 384), so the table keeps the distilled table's size
   (29,525 x 256, 15 MB in float16);
4. ``linear``: one ridge map from the distilled table into that space (as ``fit_tables``);
5. every token's correction by ridge on the bag-of-tokens design, pulled towards its ``linear``
   vector by ``TOKEN_ALPHA`` and solved by conjugate gradients on all columns at once (a token the
   training text never shows keeps its ``linear`` vector).

Measured, not shipped (docs/benchmarks.md): ``TOPICS_TUNING_SOURCES=public python -m benchmarks.run --only static_tuning``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

DIMS = 256
TOKEN_ALPHA = 0.1  # a firmer pull than fit_tables' 0.01: at 0.01 or 0.03 AG News splits into more topics
CG_STEPS = 300
AG_EVALUATED = 3000  # the AG News rows the benchmarks evaluate on (embedding_backends' sample)


def training_texts(data: Path | None = None) -> dict[str, list[str]]:
    """The training paragraphs by source (distinct, sorted): no text the benchmarks evaluate on."""
    import pandas as pd

    from topics.ingest.corpus import load_corpus

    from benchmarks.paths import SHARED_DATA

    data = data or SHARED_DATA
    messages = pd.read_json(data / "20newsgroups_bydate.jsonl.gz", lines=True)
    train = messages[messages["split"] == "train"][["id", "title", "text", "label"]]
    ag = pd.read_csv(data / "ag_news_test.csv")
    ag_rest = ag.drop(ag.sample(n=AG_EVALUATED, random_state=0).index)
    bodies = []
    for line in (data / "pages" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        if (page.get("lang") or "en")[:2] == "en":
            body = page["body"]
            bodies += [p for p in (body if isinstance(body, list) else body.split("\n\n")) if len(p.split()) >= 5]
    paragraphs = lambda frame: load_corpus(frame).paragraphs["text"].tolist()  # noqa: E731
    sources = {
        "20newsgroups train split": paragraphs(train),
        f"AG News test rows outside the {AG_EVALUATED:,}-row sample": paragraphs(ag_rest[["id", "title", "text", "label"]]),
        "pages/ English article bodies": bodies,
    }
    return {name: sorted(set(texts)) for name, texts in sources.items()}


def token_corrections(bag, residual: np.ndarray, alpha: float, steps: int = CG_STEPS, tol: float = 1e-4) -> np.ndarray:
    """Conjugate gradients for ``(bag^T bag + alpha I) delta = bag^T residual``, every column at once
    (one sparse product per step for all columns, where scikit-learn's ``sparse_cg`` runs one per column).

    Only tokens the texts use are solved for: an unused token's row of the system is ``alpha delta = 0``.
    Convergence is judged per column, against a right-hand side no smaller than a millionth of the
    largest: a column whose residual is already about zero does not hold the loop to ``steps``."""
    bag = bag.tocsc()
    used = np.flatnonzero(np.diff(bag.indptr))
    vocabulary = bag.shape[1]
    bag = bag[:, used].tocsr()
    bag_t = bag.T.tocsr()
    rhs = np.asarray(bag_t @ residual, dtype=np.float64)
    norms = np.sqrt((rhs * rhs).sum(0))
    scale = np.maximum(norms, 1e-6 * norms.max()) + 1e-30
    delta = np.zeros_like(rhs)
    r = rhs.copy()
    p = r.copy()
    rs = (r * r).sum(0)
    for _ in range(steps):
        ap = np.asarray(bag_t @ (bag @ p)) + alpha * p
        step = rs / np.maximum((p * ap).sum(0), 1e-30)
        delta += step * p
        r -= step * ap
        rs_new = (r * r).sum(0)
        if np.max(np.sqrt(rs_new) / scale) < tol:
            break
        p = r + (rs_new / np.maximum(rs, 1e-30)) * p
        rs = rs_new
    out = np.zeros((vocabulary, rhs.shape[1]), dtype=np.float32)
    out[used] = delta
    return out


def fit_table(model, texts: list[str], targets: np.ndarray, dims: int = DIMS, alpha: float = TOKEN_ALPHA) -> np.ndarray:
    """The refitted table (vocabulary x ``dims``): the distilled ``model``'s table mapped into the targets'
    top ``dims`` directions, then every token corrected so that a text's token mean follows its target."""
    from sklearn.linear_model import Ridge

    from benchmarks.static_tuning import LINEAR_ALPHA, _bag

    targets = np.asarray(targets, dtype=np.float64)
    table = np.asarray(model.embedding, dtype=np.float64)
    bag = _bag(model, texts).astype(np.float64)
    basis = np.linalg.svd(targets, full_matrices=False)[2][:dims].T  # model space -> its top directions
    targets = targets @ basis
    mapping = Ridge(alpha=LINEAR_ALPHA * len(texts), fit_intercept=False).fit(np.asarray(bag @ table), targets).coef_.T
    linear = table @ mapping
    return (linear + token_corrections(bag, targets - np.asarray(bag @ linear), alpha)).astype(np.float32)
