"""How the report names a subtopic in its prose and tables: "topic 3, subtopic 2".

A dotted id ("3.2") beside a label read as a score or share ("Talks (0.2)"); words cannot be taken
for one. topics.json keeps the ids as numbers (``topic_id``, ``subtopic``).
"""

from __future__ import annotations


def subtopic_ref(topic_id, subtopic) -> str:
    """``"topic 3, subtopic 2"``: which subtopic of which topic, in words."""
    return f"topic {int(topic_id)}, subtopic {int(subtopic)}"
