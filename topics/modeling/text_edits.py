"""A cleaned text as the few edits that make it from the text it was cleaned from.

Cleaning (:func:`topics.text.wording.clean_text`) changes a third of news texts, most by a character or
two (a curly apostrophe made plain, an "'s" left out), and the naming material
(:mod:`topics.modeling.text_material`) keeps what cleaning left of each text for an update to read back.
Kept whole, those texts were a sixth of the material's files; kept as edits against the text, which
the reader has (the material is keyed by it), they are a few terms each.

An edit is a term: ``=N`` keeps the next N characters of the text, ``-N`` skips N, ``+S`` writes S (never
a line break: terms are saved one a line). :func:`text_edits` finds them by walking both texts, skipping
in the text to where the cleaned text's next characters are found again; whatever it finds, applying
the edits gives the cleaned text exactly (each kept run is checked equal).
Owns that encoding. May import: nothing from the package.
"""

from __future__ import annotations

# Characters of the cleaned text looked for again in the text after a change, longest first (a long
# one is found at the right place; a short one still when two changes are close together).
ANCHOR_SIZES = (16, 6, 2)
MAX_WRITTEN = 3  # cleaning writes at most a character or two in place of what it drops (a space, a plain apostrophe)
# How far ahead an anchor is looked for: without a bound, changes closer together than the longest anchor
# made each search run to the text's end (quadratic). Past it only the longest anchor is looked for, once,
# where no anchor is found nearer (a long drop, rare).
SEARCH_SPAN = 4096


def text_edits(text: str, cleaned: str) -> tuple[str, ...] | None:
    """The edits that make ``cleaned`` from ``text`` (see the module), None when one would write a line break."""
    edits, i, j = [], 0, 0
    while i < len(text) or j < len(cleaned):
        same = _same_run(text, i, cleaned, j)
        if same:
            edits.append(f"={same}")
            i, j = i + same, j + same
        if i == len(text) and j == len(cleaned):
            break
        skipped, written = _next_match(text, i, cleaned, j)
        if skipped:
            edits.append(f"-{skipped}")
        if written:
            if "\n" in cleaned[j : j + written]:
                return None
            edits.append("+" + cleaned[j : j + written])
        i, j = i + skipped, j + written
    return tuple(edits)


def apply_edits(text: str, edits) -> str:
    """The text that ``edits`` (of :func:`text_edits`) make from ``text``; ValueError for a term that is no
    edit or edits that do not read ``text`` to its end (edits of another text, a damaged file)."""
    pieces, at = [], 0
    for edit in edits:
        kind = edit[:1]
        if kind == "=":
            end = at + _count(edit)
            pieces.append(text[at:end])
            at = end
        elif kind == "-":
            at += _count(edit)
        elif kind == "+":
            pieces.append(edit[1:])
        else:
            raise ValueError(f"not an edit: {edit!r}")
    if at != len(text):
        raise ValueError(f"the edits read {at} characters of a text of {len(text)}")
    return "".join(pieces)


def _count(edit: str) -> int:
    if not (edit[1:].isascii() and edit[1:].isdigit()):  # a sign ("=-3", "--2"), other digits ("=٣") or none: no edit
        raise ValueError(f"not an edit: {edit!r}")
    return int(edit[1:])


def _same_run(a: str, i: int, b: str, j: int) -> int:
    """How many characters ``a`` from ``i`` and ``b`` from ``j`` share before they differ: slices compared
    in doubling steps, then halved (string comparison in C, not a loop over characters)."""
    n = min(len(a) - i, len(b) - j)
    low, step = 0, 8
    while low < n:
        high = min(n, low + step)
        if a[i + low : i + high] != b[j + low : j + high]:
            break
        low, step = high, step * 2
    else:
        return low
    high = min(n, low + step) - 1  # the first difference is before low + step
    while low < high:
        middle = (low + high + 1) // 2
        if a[i + low : i + middle] == b[j + low : j + middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _next_match(a: str, i: int, b: str, j: int) -> tuple[int, int]:
    """(characters of ``a`` skipped, characters of ``b`` written) so that both go on alike: the fewest in
    all for the longest anchor found; the rest of both where none is."""
    for size in ANCHOR_SIZES:
        best = None
        for written in range(min(MAX_WRITTEN, len(b) - j) + 1):
            anchor = b[j + written : j + written + size]
            if len(anchor) < size:  # the cleaned text's end: the text must end alike
                skipped = len(a) - len(anchor) - i
                if skipped < 0 or not a.endswith(anchor):
                    continue
            else:
                found = a.find(anchor, i, i + SEARCH_SPAN + size)
                if found < 0:
                    continue
                skipped = found - i
            if best is None or skipped + written < sum(best):
                best = (skipped, written)
        if best is not None:
            return best
    # A change longer than the span (a table's rows dropped): the longest anchor looked for to the end, once.
    found = a.find(b[j : j + ANCHOR_SIZES[0]], i + SEARCH_SPAN) if len(b) - j >= ANCHOR_SIZES[0] else -1
    return (found - i, 0) if found >= 0 else (len(a) - i, len(b) - j)
