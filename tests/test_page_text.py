"""Page-text rules: hard-wrapped prose, comment threads and teasers found by their shape."""

from __future__ import annotations

import textwrap

from topics.ingest.boilerplate import clean_article, split_blocks
from topics.ingest.repeats import Repeats
from topics.ingest.unwrap import unwrap

PARAGRAPH = (
    "Many services for data storage are available over the internet. This specification describes a "
    "vendor-independent interface for such services. It is based on https and bearer tokens, and it "
    "addresses data as folders that contain documents and subfolders."
)


def test_prose_wrapped_at_a_column_is_joined_into_paragraphs():
    wrapped = [*textwrap.wrap(PARAGRAPH, 70), *textwrap.wrap(PARAGRAPH.replace("Many", "Several"), 70)]
    header = "de Jong                                                  [Page 2]"
    lines = [f"   {line}" for line in wrapped[:4]] + [header] + [f"   {line}" for line in wrapped[4:]]
    blocks = split_blocks("\n".join(["Table of Contents", *lines]))
    assert "Table of Contents" in blocks and "de Jong [Page 2]" in blocks
    prose = [b for b in blocks if b.startswith(("Many", "Several"))]
    assert len(prose) == 2 and prose[0].startswith(" ".join(wrapped[0].split()))
    assert all(p.endswith("subfolders.") for p in prose[1:])


def test_short_lines_and_code_are_not_unwrapped():
    assert unwrap(["Name", "12 High Street", "Springfield"]) is None
    code = ["def main(argv):", "    for item in argv[1:]:", "        print(item.strip().upper(), file=sys.stderr)", "    return 0"]
    assert unwrap(code) is None
    listing = ["if (x) {", "  call_a_function_with_a_long_name(first_argument, second_argument);", "}"] * 2
    assert unwrap(listing) is None
