"""Date lines and bylines of page text, after the page-date forms: a line of many dates is read in one pass; a byline
that names its author before a credit's or a time's label is one ("By Jane Doe Photos: John Smith"); a name and a
number joined by a dash is a code or a version, not a dateline's place ("COVID-19/05/2020")."""

from __future__ import annotations

import pytest

from topics.ingest import pagedates
from topics.ingest.headline import opens_byline
from topics.ingest.pagedates import date_alone, date_line, words_beside_date


class _CountingPattern:
    """A pattern that counts the characters it is asked to search, and stops a search past ``limit`` of them."""

    def __init__(self, pattern, limit: int):
        self.pattern, self.limit, self.chars = pattern, limit, 0

    def search(self, text, pos=0, endpos=None):
        endpos = len(text) if endpos is None else endpos
        self.chars += endpos - pos
        assert self.chars <= self.limit, "the text before each date is searched again for every date"
        return self.pattern.search(text, pos, endpos)


def test_a_long_line_of_dates_is_searched_once(monkeypatch):
    line = "Mallorca15.04.25 " * 6000  # 102,000 characters of a dateline's place run into its date
    counting = _CountingPattern(pagedates._BEFORE_A_DATE, limit=len(line))
    monkeypatch.setattr(pagedates, "_BEFORE_A_DATE", counting)
    assert words_beside_date(line) == []
    counting.chars = 0
    assert date_line(line) == "2025-04-15"
    assert words_beside_date("Redaktion Hafenstadt, Inselhausen14.05.25 09:15") == ["Redaktion", "Hafenstadt"]


@pytest.mark.parametrize("byline", [
    "By Jane Doe Photos: John Smith", "Von Anna Beispiel Foto: Max Muster",
    "By Jane Doe Updated: two hours ago", "Von Anna Beispiel Aktualisiert: vor einer Stunde",
])
def test_a_byline_with_a_credit_or_a_time_is_a_byline(byline):
    assert opens_byline(byline)


@pytest.mark.parametrize("headline", ["By the numbers: what the new budget means", "By design: how the new bridge works"])
def test_a_phrase_a_colon_sets_before_a_headline_is_no_byline(headline):
    assert not opens_byline(headline)


@pytest.mark.parametrize("line", ["COVID-19/05/2020", "Windows-10/05/2021", "Build-12.05.2024", "Python-3.11.2024",
                                  "Ubuntu-22.04.24"])
def test_a_name_and_number_joined_by_a_dash_is_no_date_by_itself(line):
    assert not date_alone(line)


@pytest.mark.parametrize("line", ["Madrid-29/05/2025 20:00", "BERLIN-12.03.2024, 09:56", "Mallorca15.04.25", "Do 25.04.24"])
def test_a_datelines_place_before_its_date_and_time_is_a_date_by_itself(line):
    assert date_alone(line)
