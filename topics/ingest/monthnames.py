"""The month names that page dates are written with, and the month a name stands for.

Names are compared casefolded with Turkish i-forms folded to "i" and without accents: pages print month names in
capitals, and "KASIM" lowers to "kasim", not to "kasım"; "EKİM" to "eki̇m", not to "ekim"; and some write them
without their accents ("Subat", "Eylul").
"""

from __future__ import annotations

import unicodedata

_MONTH_NAMES = {
    1: "january jan janvier janv enero ene janeiro januar gennaio gen januari jänner",
    2: "february feb fevrier février févr fev fév febrero febr fevereiro februar febbraio februari",
    3: "march mar mars marzo março marco märz mär maerz maart mrt",
    4: "april apr avril abril abr aprile",
    5: "may mai mayo maio maggio mag mei",
    6: "june jun juin junio junho juni giugno giu",
    7: "july jul juillet juil julio julho juli luglio lug",
    8: "august aug aout août agosto ago augustus",
    9: "september sep sept septembre septiembre setiembre setembro set settembre",
    10: "october oct octobre octubre outubro out oktober okt ottobre ott",
    11: "november nov novembre noviembre novembro",
    12: "december dec decembre décembre déc diciembre dic dezembro dez dezember dicembre",
}
# Whole month names (no abbreviations: short ones are words too) of languages that write the day before the month:
# Polish, Czech, Danish and Swedish, Romanian, Croatian, Turkish, Russian, Ukrainian, with the genitive a date takes
# ("19 sierpnia 2020", "3 декабря 2020"). "listopad(a)" is left out: November in Polish and Czech, October in Croatian.
# Read only in a date written day first with its year: month first or without a year, they are words too ("Food Mart
# 24", "Nisan 14", "Room 10 Dubna").
_MORE_MONTH_NAMES = {
    1: "styczeń stycznia leden ledna ianuarie siječanj siječnja ocak январь января січень січня",
    2: "luty lutego únor února februarie veljača veljače şubat февраль февраля лютий лютого",
    3: "marzec marca březen března marts martie ožujak ožujka mart март марта березень березня",
    4: "kwiecień kwietnia duben dubna aprilie travanj travnja nisan апрель апреля квітень квітня",
    5: "maj maja květen května svibanj svibnja mayıs май мая травень травня",
    6: "czerwiec czerwca červen června iunie lipanj lipnja haziran июнь июня червень червня",
    7: "lipiec lipca červenec července iulie srpanj srpnja temmuz июль июля липень липня",
    8: "sierpień sierpnia srpen srpna augusti kolovoz kolovoza ağustos август августа серпень серпня",
    9: "wrzesień września září septembrie rujan rujna eylül сентябрь сентября вересень вересня",
    10: "październik października říjen října octombrie ekim октябрь октября жовтень жовтня",
    11: "listopadu noiembrie studeni studenog studenoga kasım ноябрь ноября листопад листопада",
    12: "grudzień grudnia prosinec prosince decembrie prosinac prosinca aralık декабрь декабря грудень грудня",
}
_NAMES = {name: number for table in (_MONTH_NAMES, _MORE_MONTH_NAMES) for number, names in table.items() for name in names.split()}


def fold_month_name(name: str) -> str:
    """``name`` as the month table is keyed: casefolded, with "İ" and "ı" read as "i", without accents or a
    closing dot."""
    decomposed = unicodedata.normalize("NFKD", name.replace("İ", "i").replace("ı", "i").casefold().rstrip("."))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# As the tables write them, for patterns: the first seven languages' names read in every date form; the others'
# (and their spellings without accents, "Agustos") only day first with a year.
MONTH_SPELLINGS = tuple(name for names in _MONTH_NAMES.values() for name in names.split())
DAY_FIRST_SPELLINGS = tuple(dict.fromkeys(
    spelling for names in _MORE_MONTH_NAMES.values() for name in names.split() for spelling in (name, fold_month_name(name))
))
MONTHS = {fold_month_name(name): number for name, number in _NAMES.items()}


def month_number(name: str) -> int | None:
    """The month ``name`` stands for ("Dec.", "sierpnia", "KASIM"), None for a word that names none."""
    return MONTHS.get(fold_month_name(name))
