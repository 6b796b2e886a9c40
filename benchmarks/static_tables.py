"""How the static table is built: variants of the same distillation, against the default toolkit.

The static backend's table (:mod:`topics.embedding.static_backend`) is model2vec's ``distill`` of the
bundled model: every vocabulary token embedded alone, PCA to 256 dimensions, each token weighted by
a Zipf/SIF guess from its rank in the vocabulary. A text's vector is the mean of its tokens'. This
benchmark rebuilds the table from the same token vectors in other ways, none fitted to a corpus:

- ``no PCA (384-D)`` / ``PCA 128``: the token vectors kept whole, or cut further;
- ``corpus SIF``: each token weighted by ``a / (a + p)``, ``p`` its share of the corpus's tokens
  (``SIF_A``, Arora et al.'s value), instead of the rank guess;
- ``tokens in >= 2 articles``: a token no other article uses cannot make two articles alike, so its
  vector is left out of the mean (weight 0);
- ``own position``: a token's vector read at its own position of ``[CLS] token [SEP]`` rather than
  model2vec's mean over the three positions (the model runs once more on the vocabulary).

For each corpus of ``TOPICS_STATIC_TABLES_CORPORA`` (default ``ag_news,20newsgroups,bbc_news,isaf,nyt``,
as ``embedding_backends`` loads them): topic NMI of the automatic topics of the article vectors
(``fitting.discover``, as ``static_words`` scores them) over ``TOPICS_BACKEND_SEEDS`` seeds, as a share
of the default toolkit's in the same run; lookup p@10; and the table's CPU seconds for the whole corpus
against plain ``SentenceTransformer.encode`` (``static_words.encode_cpu``: a random sample scaled by
characters). Measured, not shipped (docs/benchmarks.md).
Run: ``python -m benchmarks.run --only static_tables`` (``TOPICS_CACHE_DIR`` shares the default's vectors).
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

from benchmarks import embedding_backends as backends
from benchmarks import static_tuning as tuning
from benchmarks import static_words as words

NOTES = (
    "Topic NMI: automatic topics (fitting.discover) of the article vectors, mean ± sd over the seeds; 'of default' = "
    "mean / the default toolkit's mean in the same run. mode CPU s: the corpus's paragraphs through the table; "
    "x encode = SentenceTransformer.encode CPU s (random sample scaled by characters) / table CPU s. Building a "
    "variant's table (once per model) is not counted."
)
SIF_A = 1e-3         # Arora et al.'s SIF weight a / (a + p(w)) on corpus frequencies
ZIPF_SIF = 1e-4      # model2vec's default sif_coefficient, as the shipped table uses
PCA_DIMS = 256       # the shipped table's


def zipf_weights(n_tokens: int, coefficient: float = ZIPF_SIF) -> np.ndarray:
    """model2vec's weights: a token's frequency guessed from its rank (Zipf), then SIF."""
    inverse_rank = 1 / np.arange(2, n_tokens + 2)
    return coefficient / (coefficient + inverse_rank / inverse_rank.sum())


def token_counts(token_ids: list[list[int]], n_tokens: int) -> np.ndarray:
    """How often each token occurs in the texts."""
    counts = np.zeros(n_tokens, dtype=np.int64)
    np.add.at(counts, np.concatenate([np.asarray(ids, dtype=np.int64) for ids in token_ids] or [np.zeros(0, np.int64)]), 1)
    return counts


def document_frequency(token_ids: list[list[int]], groups, n_tokens: int) -> np.ndarray:
    """In how many groups (articles) each token occurs, each group counted once."""
    seen: dict = {}
    for ids, group in zip(token_ids, groups):
        seen.setdefault(group, set()).update(ids)
    df = np.zeros(n_tokens, dtype=np.int64)
    for tokens in seen.values():
        df[list(tokens)] += 1
    return df


def corpus_sif_weights(counts: np.ndarray, a: float = SIF_A) -> np.ndarray:
    """SIF weights from the corpus's own token frequencies (a token it never uses keeps weight 1)."""
    return a / (a + counts / max(int(counts.sum()), 1))


def pca_table(vectors: np.ndarray, dims: int | None) -> np.ndarray:
    """The token vectors by PCA (centred, as model2vec does); ``None``: kept as they are."""
    from sklearn.decomposition import PCA

    if dims is None:
        return np.asarray(vectors, dtype=np.float32)
    return PCA(n_components=dims, svd_solver="full").fit_transform(vectors).astype(np.float32)


def own_position_vectors(model_source: str, tokens: list[str], batch: int = 512) -> np.ndarray:
    """Each token's hidden state at its own position of ``[CLS] token [SEP]``."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_source)
    model = AutoModel.from_pretrained(model_source).eval()
    ids = tokenizer.convert_tokens_to_ids(tokens)
    out = np.zeros((len(ids), model.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(ids), batch):
            rows = torch.tensor([[tokenizer.cls_token_id, i, tokenizer.sep_token_id] for i in ids[start:start + batch]])
            out[start:start + batch] = model(input_ids=rows, attention_mask=torch.ones_like(rows)).last_hidden_state[:, 1].numpy()
    return out


def table_vectors(model, table: np.ndarray, texts: list[str]) -> np.ndarray:
    """``texts`` through ``table``; a text whose every token is left out gets a zero vector, not NaN."""
    return np.nan_to_num(tuning._run_table(model, table, texts), nan=0.0)


def base_tables(static) -> dict[str, np.ndarray]:
    """Corpus-free variants of the table, in the shipped table's token order."""
    from model2vec.distill import distill

    model = static.static_encoder.model
    tokens = [t for t, _ in sorted(model.tokenizer.get_vocab().items(), key=lambda pair: pair[1])]
    start = time.process_time()
    raw = np.asarray(distill(model_name=static._model_source, pca_dims=None, sif_coefficient=None,
                             quantize_to="float32").embedding, dtype=np.float32)
    own = own_position_vectors(static._model_source, tokens)
    print(f"  tables built in {time.process_time() - start:.0f} CPU s", file=sys.stderr, flush=True)
    zipf = zipf_weights(len(raw))[:, None]
    return {"shipped": np.asarray(model.embedding, dtype=np.float32),
            "no PCA (384-D)": raw * zipf, "PCA 128": pca_table(raw, 128) * zipf,
            "own position": pca_table(own, PCA_DIMS) * zipf}


def corpus_tables(shipped: np.ndarray, token_ids: list[list[int]], groups) -> dict[str, np.ndarray]:
    """Variants that read the corpus's own token statistics (no labels)."""
    counts = token_counts(token_ids, len(shipped))
    df = document_frequency(token_ids, groups, len(shipped))
    unweighted = shipped / zipf_weights(len(shipped))[:, None]
    return {"corpus SIF": unweighted * corpus_sif_weights(counts)[:, None],
            "tokens in >= 2 articles": shipped * (df >= 2)[:, None]}


def corpus_rows(name: str, seeds, static, tables: dict[str, np.ndarray]) -> list[dict]:
    from topics.embedding.embed import Embedder, article_vectors
    from topics.text.alias_mining import mine_aliases

    label, corpus = tuning._load(name)
    texts = corpus.paragraphs["text"].tolist()
    units = corpus.units("article")
    default = article_vectors(corpus, Embedder(show_progress=False).encode(texts))
    keep = units["label"].notna().to_numpy() & (np.linalg.norm(default, axis=1) > 0)
    units_text, truth = units["text"][keep].tolist(), units["label"][keep].astype(str).to_numpy()
    model = static.static_encoder.model
    token_ids = [e.ids for e in model.tokenizer.encode_batch(texts, add_special_tokens=False)]
    every = {**tables, **corpus_tables(tables["shipped"], token_ids, corpus.paragraphs["article_id"].tolist())}
    reference_cpu = words.encode_cpu(static._model_source, texts)
    aliases = mine_aliases(units_text)
    rows, reference = [], None
    for method, table in [("default toolkit", None), *every.items()]:
        cpu = None
        if table is None:
            vectors = default[keep]
        else:
            paragraphs, cpu = tuning._timed(lambda: table_vectors(model, table, texts))
            vectors = article_vectors(corpus, paragraphs)[keep]
        nmi, found, _ = words.topic_scores(units_text, truth, vectors, aliases, 0.0, seeds)
        reference = reference or float(np.mean(nmi))
        rows.append(words.score_row(label, truth, vectors, method, nmi, found, reference, cpu, reference_cpu))
    return rows


def run(quick: bool = False, tiny: bool = False) -> list[dict]:
    from topics.embedding.embed import Embedder

    seeds = backends.SEEDS[:2] if quick or tiny else backends.SEEDS
    default_corpora = "isaf" if quick or tiny else "ag_news,20newsgroups,bbc_news,isaf,nyt"
    corpora = [c.strip() for c in os.environ.get("TOPICS_STATIC_TABLES_CORPORA", default_corpora).split(",") if c.strip()]
    static = Embedder(backend="static", use_cache=False, show_progress=False)
    tables = base_tables(static)
    return [row for name in corpora for row in corpus_rows(name, seeds, static, tables)]


if __name__ == "__main__":
    from benchmarks.run import main

    raise SystemExit(main(["--only", "static_tables", *sys.argv[1:]]))
