"""Month names written out in more languages that put the day first ("19 sierpnia 2020", "3 декабря 2020"): read
as dates by the line reader and by a page's date, while a name that is a different month in two languages
("listopad": November in Polish and Czech, October in Croatian) stays unread. The fixtures are hand-written."""

from __future__ import annotations

import pytest

from topics.ingest.corpus import load_corpus
from topics.ingest.pagedates import date_line, find_dates


@pytest.mark.parametrize("line, iso", [
    ("19 sierpnia 2020, 5:16", "2020-08-19"),  # Polish, genitive
    ("Wtorek, 31 stycznia 2020 | 10:00", "2020-01-31"),
    ("Danmark - 10. marts 2020 kl. 20:00", "2020-03-10"),  # Danish
    ("20 septembrie 2020 16:20", "2020-09-20"),  # Romanian
    ("3 декабря 2020, 18:47", "2020-12-03"),  # Russian, genitive, either case
    ("1 Декабря 2020 14:02", "2020-12-01"),
    ("7 жовтня 2021", "2021-10-07"),  # Ukrainian
    ("18 Ağustos 2020", "2020-08-18"),  # Turkish
    ("2. května 2019", "2019-05-02"),  # Czech
    ("14. svibnja 2018.", "2018-05-14"),  # Croatian
    ("den 5 augusti 2022", "2022-08-05"),  # Swedish
])
def test_a_month_written_out_in_another_language_makes_a_date(line, iso):
    assert [d.iso for d in find_dates(line)] == [iso]
    assert date_line(line, 8) == iso


def test_a_month_name_of_two_meanings_is_not_read():
    assert not find_dates("5 listopada 2020")


def test_a_pages_date_line_in_polish_dates_the_page(tmp_path):
    page = tmp_path / "strona.txt"
    page.write_text(
        "Wiadomości\n\nSport\n\nKontakt\n\n"
        "Nowy most otwarty dla ruchu po trzech latach budowy\n\n"
        "19 sierpnia 2020, 5:16\n\n"
        "Nowy most na rzece został w środę otwarty dla ruchu. Budowa trwała trzy lata i kosztowała więcej, niż "
        "zakładano na początku prac.\n\n"
        "Kierowcy mogą już korzystać z obu pasów ruchu w każdą stronę, a piesi z szerokiego chodnika po obu stronach "
        "mostu.\n\n"
        "Miasto zapowiada, że w przyszłym roku powstanie także nowa ścieżka rowerowa prowadząca do mostu.\n",
        encoding="utf-8")
    article = load_corpus(page).articles.iloc[0]
    assert article.title == "Nowy most otwarty dla ruchu po trzech latach budowy"
    assert article.date == "2020-08-19"
