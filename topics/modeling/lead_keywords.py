"""Which of a topic's keywords a label must hold one of: its first subjects, a person's title aside.

A headline label holds one of a topic's first keywords (:data:`topics.modeling.headlines.KEYWORDS_FOR_PHRASES`),
so that it says what the keywords say. A topic about a war whose reports name "President Vladimir Putin"
in every other paragraph has "putin, president, vladimir" for its first keywords, and the name leads no
label (the topic is not about the man: ``PERSON_TOPIC_SHARE``). A phrase holding "president" then won
("US president", on the BBC's Ukraine coverage of 2022), naming a person the topic is not about. A title
("president", "minister", "secretary") says whom a name is, not what a topic is about: the first subjects
are the keywords without it.
Owns that choice. May import: :mod:`topics.text.wording`.
"""

from __future__ import annotations


def lead_keywords(keywords: list[str], n: int) -> list[str]:
    """``keywords`` with their first ``n`` subjects first: a one-word title
    (:data:`topics.text.wording.PERSON_TITLES`) among them moves after them, the rest keep their order."""
    from topics.text.wording import PERSON_TITLES

    lead = [k for k in keywords if k not in PERSON_TITLES][:n]
    chosen = set(lead)
    return [*lead, *(k for k in keywords if k not in chosen)]
