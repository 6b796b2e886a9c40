"""Where an article on a web page ends, by signs the page itself repeats.

Many pages set a toolbar by the headline ("Share article", "Facebook Twitter"; "Tweet", "Share")
and the same toolbar again under the article. What follows the second copy (related links,
advertising, the next article of a page that prints two) is not the article, whatever its
language: the toolbar is recognised by its repeat, not by its words.
"""

from __future__ import annotations

from collections.abc import Callable

from topics.ingest.lines import normalise_line

TOOLBAR_LINE_WORDS = 4  # longest line of a toolbar
TOOLBAR_ZONE = 10  # blocks above the headline searched for the toolbar (it may stand over it)
TOOLBAR_AFTER_PROSE = 40  # words of article prose above the second copy for it to end the article


def closing_toolbar(blocks: list[str], words: list[int], prose: Callable[[int], bool], title_index: int | None, first: int,
                    last: int, signature: Callable[[str], bool] = lambda line: False) -> int | None:
    """Index of the first line of a toolbar that stands by the headline and again inside the body
    span, after some of the article's prose; None when there is none. ``prose(i)`` says whether
    block ``i`` is prose (asked only where needed); ``signature`` names the
    lines that are not a toolbar's (a byline, a date line)."""
    if title_index is None or first >= last:
        return None

    def short(i: int) -> bool:
        return (i != title_index and 0 < words[i] <= TOOLBAR_LINE_WORDS and any(c.isalpha() for c in blocks[i]) and not prose(i)
                and not signature(blocks[i]))  # a byline and date again: another article of an edition page

    lo = max(0, title_index - TOOLBAR_ZONE)
    pairs = {
        (normalise_line(blocks[i]), normalise_line(blocks[i + 1])) for i in range(lo, first - 1) if short(i) and short(i + 1)
    }
    if not pairs:
        return None
    heads = {head for head, _ in pairs}
    seen = 0
    for i in range(first, last):
        if prose(i):
            seen += words[i]
        elif seen >= TOOLBAR_AFTER_PROSE and words[i] <= TOOLBAR_LINE_WORDS and normalise_line(blocks[i]) in heads:
            if (normalise_line(blocks[i]), normalise_line(blocks[i + 1])) in pairs and short(i) and short(i + 1):
                return i
    return None
