"""Find exact and near-duplicate texts; the first occurrence is kept."""

from __future__ import annotations

import hashlib
import re
import zlib

import pandas as pd

SHINGLE_WORDS = 3
MIN_WORDS_FOR_NEAR = 8  # short texts are compared exactly only
NUM_PERM = 64
COLUMNS = ["unit_id", "duplicate_of", "kind", "similarity"]


WORD = re.compile(r"\w+")


def normalised_text(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def shingles(words: list[str]) -> set[str]:
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def find_duplicates(ids: pd.Series, texts: pd.Series, near_threshold: float = 0.9, normalised: list[str] | None = None) -> pd.DataFrame:
    """Rows (unit_id, duplicate_of, kind, similarity) for every unit that repeats an earlier one.

    Exact duplicates compare normalised text; near duplicates compare word
    3-gram shingles (Jaccard ≥ ``near_threshold``), found with MinHash LSH so
    the cost stays linear in the number of units. ``normalised``: the texts already passed
    through ``normalised_text`` (when the caller has them), in the same order.
    """
    rows: list[tuple[str, str, str, float]] = []
    first_by_hash: dict[str, str] = {}
    kept: list[tuple[str, list[str]]] = []
    norms = normalised if normalised is not None else map(normalised_text, texts.tolist())
    for unit_id, norm in zip(ids.tolist(), norms):
        digest = hashlib.blake2b(norm.encode("utf-8"), digest_size=16).hexdigest()
        if digest in first_by_hash:
            rows.append((unit_id, first_by_hash[digest], "exact", 1.0))
            continue
        first_by_hash[digest] = unit_id
        if near_threshold < 1.0:  # words are needed only to compare near duplicates
            kept.append((unit_id, norm.split()))

    candidates = [(uid, words) for uid, words in kept if len(words) >= MIN_WORDS_FOR_NEAR]
    if len(candidates) > 1:
        rows.extend(_near_duplicates(candidates, near_threshold))
    return pd.DataFrame(rows, columns=COLUMNS)


def _near_duplicates(candidates, threshold: float):
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    kept_shingles: dict[str, set[str]] = {}
    unit_shingles_list = [shingles(words) for _, words in candidates]
    # One shared set of permutations and a C-speed 32-bit hash keep this linear and quick.
    signatures = MinHash.bulk(
        [[s.encode("utf-8") for s in unit_shingles] for unit_shingles in unit_shingles_list],
        num_perm=NUM_PERM,
        hashfunc=zlib.crc32,
    )
    for (unit_id, _), unit_shingles, signature in zip(candidates, unit_shingles_list, signatures):
        best_id, best_similarity = None, 0.0
        for other in lsh.query(signature):
            other_shingles = kept_shingles[other]
            similarity = len(unit_shingles & other_shingles) / len(unit_shingles | other_shingles)
            if similarity > best_similarity:
                best_id, best_similarity = other, similarity
        if best_id is not None and best_similarity >= threshold:
            yield (unit_id, best_id, "near", round(best_similarity, 4))
            continue
        lsh.insert(unit_id, signature)
        kept_shingles[unit_id] = unit_shingles


def with_dates(duplicates: pd.DataFrame, dates: dict) -> pd.DataFrame:
    """``duplicates`` with the date of each collapsed article (``date``) and of the article it was folded
    into (``duplicate_of_date``), by article id; a collapsed paragraph's dates are its article's and
    its first copy's article's. A copy dated apart from what it was folded into loses its own date
    from the corpus, which the caller says (:func:`warn_dated_apart`)."""
    paragraphs = (duplicates["level"] == "paragraph").to_numpy()

    def dates_of(ids: pd.Series) -> pd.Series:
        # A paragraph's id is its article's and "#n"; an article's id is its own, "#" and all ("report#1").
        articles = ids.astype(str).where(~paragraphs, ids.astype(str).str.rsplit("#", n=1).str[0])
        found = articles.map(dates)
        return pd.Series([None if pd.isna(date) else date for date in found], index=ids.index, dtype=object)

    return duplicates.assign(date=dates_of(duplicates["unit_id"]), duplicate_of_date=dates_of(duplicates["duplicate_of"]))


def dated_apart(duplicates: pd.DataFrame, level: str = "article") -> pd.DataFrame:
    """The collapsed units of ``level`` whose date differs from that of the unit they were folded into. A
    paragraph of an article collapsed whole ("all paragraphs repeated") is left to that article's row."""
    # One mask, one row selection, ids split as plain strings: pandas' .str.rsplit and a selection per step
    # cost seconds on a few hundred thousand duplicate rows.
    apart = (duplicates["level"] == level).to_numpy() & (
        duplicates["date"].fillna("").to_numpy(dtype=object) != duplicates["duplicate_of_date"].fillna("").to_numpy(dtype=object))
    if level == "paragraph" and apart.any():
        whole = set(duplicates.loc[duplicates["level"] == "article", "unit_id"].astype(str))
        rows = apart.nonzero()[0]
        ids = duplicates["unit_id"].to_numpy(dtype=object)[rows].tolist()
        apart[rows] = [str(unit).rsplit("#", 1)[0] not in whole for unit in ids]
    return duplicates[apart]


def folded_note(row) -> str:
    """"bbc-0862 (2005-03-19) folded into bbc-0036 (2005-09-14)": what went into what, dated."""
    return f"{row.unit_id} ({row.date or 'undated'}) folded into {row.duplicate_of} ({row.duplicate_of_date or 'undated'})"


# A paragraph republished in a later article is folded into its first copy, as the first occurrence is kept:
# the ingest summary counts such paragraphs and names this many of them.
PARAGRAPH_EXAMPLES = 3


def dated_apart_paragraphs(duplicates: pd.DataFrame) -> dict:
    """{"count", "examples"}: the paragraphs folded into a copy in an article dated otherwise (their own date is
    gone from the corpus), and :data:`PARAGRAPH_EXAMPLES` notes of them (:func:`folded_note`)."""
    if "date" not in duplicates:
        return {"count": 0, "examples": []}
    apart = dated_apart(duplicates, "paragraph")
    return {"count": len(apart), "examples": [folded_note(row) for row in apart.head(PARAGRAPH_EXAMPLES).itertuples()]}


def warn_dated_apart(duplicates: pd.DataFrame, shown: int = 5, paragraphs: dict | None = None) -> None:
    """One warning naming the articles collapsed into a copy dated otherwise, one counting such paragraphs
    (naming a few): their own date is gone. ``paragraphs``: :func:`dated_apart_paragraphs` where already found."""
    import warnings

    from topics.errors import TopicsWarning

    apart = dated_apart(duplicates)
    if len(apart):
        notes = "; ".join(folded_note(row) for row in apart.head(shown).itertuples())
        warnings.warn(
            f"{len(apart)} duplicate article{'s' if len(apart) > 1 else ''} dated otherwise than the copy kept "
            f"({notes}{'; …' if len(apart) > shown else ''}): counted once, under the kept copy's date",
            TopicsWarning,
            stacklevel=4,
        )
    paragraphs = dated_apart_paragraphs(duplicates) if paragraphs is None else paragraphs
    if paragraphs["count"]:
        more = "; …" if paragraphs["count"] > len(paragraphs["examples"]) else ""
        warnings.warn(
            f"{paragraphs['count']} duplicate paragraph{'s' if paragraphs['count'] > 1 else ''} in an article dated otherwise "
            f"than the copy kept ({'; '.join(paragraphs['examples'])}{more}): counted once, under the kept copy's date",
            TopicsWarning,
            stacklevel=4,
        )
