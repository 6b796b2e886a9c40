"""Text functions work in linear time on hostile long lines (a run of one or two characters).

Work in Python is counted as the lines run inside ``topics`` (a trace, not a clock), at ten times the length:
a linear function does about ten times the work, a quadratic one about a hundred times. Work inside a regular
expression runs no Python line: there the fastest of a few calls is compared at four times the length (about 4
linear, about 16 quadratic), a ratio of times, never a time.
"""

import sys
import time
from pathlib import Path

import topics
from topics.ingest.chromelines import chrome_reason
from topics.ingest.repeats import Repeats

PACKAGE = str(Path(topics.__file__).parent)
LINEAR_BOUND = 20  # work at ten times the length: linear gives about 10, quadratic about 100


def lines_run(function, *args) -> int:
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(PACKAGE):
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return count


def work_ratio(function, line_of_length) -> float:
    return lines_run(function, line_of_length(3_000)) / max(1, lines_run(function, line_of_length(300)))


def time_ratio(function, line_of_length, short: int = 2_500, factor: int = 4) -> float:
    def fastest(line):
        took = []
        for _ in range(7):
            started = time.perf_counter()
            function(line)
            took.append(time.perf_counter() - started)
        return min(took)

    function(line_of_length(100))  # compiled patterns and lazy imports: no part of either time
    return fastest(line_of_length(factor * short)) / fastest(line_of_length(short))


TIME_BOUND = 8  # at four times the length


def test_a_line_of_one_word_repeated_is_read_in_linear_time():
    # "a a a … x": every length of phrase repeats, and each was checked against the whole line
    def line(words):
        return "a " * words + "x"

    assert work_ratio(lambda block: chrome_reason(block, Repeats()), line) < LINEAR_BOUND


def test_a_phrase_printed_again_and_again_is_still_found():
    teaser = "Spend More Money How Stores Trick You "
    assert chrome_reason(teaser * 3 + "Spend Mor", Repeats()) == "related-content teaser"
    assert chrome_reason("a " * 3_000 + "x", Repeats()) is None


def test_a_long_word_of_digits_and_marks_is_read_in_linear_time():
    # "0.0.0. … x" and "2019.04.19 0000 … x": each digit was tried as the one a number holds
    from topics.text.wording import clean_text, is_table_row

    assert time_ratio(clean_text, lambda n: "0." * (n // 2) + "x") < TIME_BOUND
    assert time_ratio(clean_text, lambda n: "2019.04.19 " + "0" * n + "x") < TIME_BOUND
    assert is_table_row("Reichel  CAL  78  40  48 88 1.13") and not is_table_row("Apollo 11, 12 and 14 landed in 1969.")


def test_a_long_run_of_initials_is_collapsed_in_linear_time():
    # "2019.04.19 A.A.A. … x": from each initial the rest of the run was read again for a digit
    from topics.ingest.repeats import coded_key
    from topics.text.codes import collapse_codes

    assert time_ratio(coded_key.__wrapped__, lambda n: "2019.04.19 " + "A." * (n // 2) + "x") < TIME_BOUND
    assert collapse_codes("Update S-034, B52 and 1,314 A.B.C. on 12:30") == "Update <code> and <num> A.B.C. on <num>"


def test_a_long_run_of_month_names_is_read_in_linear_time():
    # "1 sierpnia 1 sierpnia … 2020": the month table's alternatives, in every language, tried at each day; timed past
    # the reader's cache, on lines with a year (one without is skipped before any pattern runs), and longer ones: the
    # time per character of these patterns steps up once between 10,000 and 20,000 characters, and is even after
    from topics.ingest.pagedates import _find_dates, find_dates

    def read(line):
        return _find_dates.__wrapped__(line, False)

    assert time_ratio(read, lambda n: "1 sierpnia " * (n // 11) + "2020 x", short=20_000) < TIME_BOUND
    assert time_ratio(read, lambda n: "1 " * (n // 2) + "декабря 2020", short=20_000) < TIME_BOUND
    assert [d.iso for d in find_dates("3 декабря 2020")] == ["2020-12-03"]


def test_a_long_run_of_capital_turkish_months_and_of_post_signatures_is_read_in_linear_time():
    # "1 KASIM 1 KASIM … 2020": each name folded before it is looked up; "— — — (@": an embedded post's signature
    from topics.ingest.articledate import EMBEDDED_POST
    from topics.ingest.pagedates import _find_dates, find_dates

    def read(line):
        return _find_dates.__wrapped__(line, False)  # past the reader's cache

    assert time_ratio(read, lambda n: "1 KASIM " * (n // 8) + "2020", short=20_000) < TIME_BOUND
    assert time_ratio(lambda line: EMBEDDED_POST.match(line), lambda n: "— " * (n // 2) + "(@x)") < TIME_BOUND
    assert [d.iso for d in find_dates("5 KASIM 2020")] == ["2020-11-05"]
