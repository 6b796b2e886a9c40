"""Headlines on pages whose chrome is headline-shaped: a menu printed at the top and again at the foot,
a run of lines cut to one pattern (a server's warnings, a form's options) between the headline and the
body. Whole pages of these shapes are read in ``test_page_subheadings.py``."""

from __future__ import annotations

from topics.ingest.headline import _copied_with_neighbours, _cut_to_one_pattern
from topics.ingest.lines import normalise_line


def test_lines_cut_to_one_pattern_and_a_line_printed_twice():
    keys = [normalise_line(line) for line in [
        "You are commenting using your Google account. (Log out / Change)",
        "You are commenting using your Twitter account. (Log out / Change)",
        "Seed swap at the old boathouse",
        "Seed swap at the old boathouse",
        "Cancel",
    ]]
    # a headline over its own copy is one line printed twice
    assert _cut_to_one_pattern(keys) == [True, True, False, False, False]
    assert _cut_to_one_pattern(["news of today"] * 3) == [False] * 3  # too short to tell


def test_a_headline_and_its_standfirst_of_one_opening_are_no_run_but_three_such_lines_are():
    headline = "harbour council approves new sea wall"
    standfirst = "harbour council approves new sea wall after two winters of flooding along the promenade"
    assert _cut_to_one_pattern(["home", headline, standfirst, "by tom reyes"]) == [False] * 4
    teaser = "harbour council approves the budget for next year"
    assert _cut_to_one_pattern(["home", headline, standfirst, teaser]) == [False, True, True, True]


def test_a_long_run_of_one_warning_is_cut_to_one_pattern_throughout():
    warning = "warning undefined variable post in single php on line 42"
    keys = ["my site", "the council closes the old library", *[warning] * 20000, "a paragraph of the body"]
    assert _cut_to_one_pattern(keys) == [False, False, *[True] * 20000, False]


def test_a_copy_next_to_a_copy_of_its_neighbour_is_a_menu_item():
    keys = ["home", "ferry timetable", "cycle path", "headline", "body", "ferry timetable", "cycle path", "headline copy"]
    assert _copied_with_neighbours(keys, 1) and _copied_with_neighbours(keys, 2)
    keys = ["home", "the headline", "body", "share", "the headline"]
    assert not _copied_with_neighbours(keys, 1)  # printed again on its own (a share link): the page's headline
