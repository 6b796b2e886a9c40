"""A keyword said in passing is no evidence: the unit without it must still be about the theme."""

from __future__ import annotations

import numpy as np

from topics.themes import context

NULL = [
    "The central bank left interest rates unchanged on Thursday.",
    "Heavy rain flooded roads across the north of the country.",
    "The band's new album goes on sale next week.",
    "Shares in the carmaker fell after it cut its profit forecast.",
    "Doctors warned that flu cases are rising earlier than usual.",
    "The council approved plans for a new library in the town centre.",
    "Scientists found water ice near the moon's south pole.",
    "The airline cancelled dozens of flights because of a strike.",
    "A new smartphone with a larger screen was unveiled on Monday.",
    "Parliament debated the budget late into the night.",
    "The museum reopened after a two-year renovation.",
    "Farmers say the drought has halved this year's wheat harvest.",
    "The film won praise from critics at its premiere.",
    "Police arrested two men after a robbery at a jewellery shop.",
    "Oil prices rose as supplies from the Gulf tightened.",
    "The school will teach coding to pupils from the age of seven.",
    "A software flaw left millions of computers open to attack.",
    "Train fares will rise by three per cent in January.",
    "The novelist's latest book is set in nineteenth-century Paris.",
    "Unemployment fell to its lowest level for a decade.",
    "The hospital opened a new cancer treatment wing.",
    "Snow closed mountain passes in the Alps.",
    "The chef opened a second restaurant in the capital.",
    "Exports of cars to China doubled last year.",
]
ABOUT = "Swimmers and sprinters won gold medals for their countries at the Olympic Games in Athens."
PASSING = "House prices rose again this month, mortgage lenders said. The rise was as steep as an Olympic sprint."
ONE_SENTENCE = "House prices rose as steep as an Olympic sprint, mortgage lenders said."


def _passing(embedder):
    texts = NULL + [ONE_SENTENCE, ABOUT, PASSING]
    vectors = np.asarray(embedder.encode(texts), dtype=np.float64)
    prototype = np.asarray(embedder.encode(["Olympic Games: athletes compete for medals at the Olympics"]), dtype=np.float64)
    aliases = ["Olympic"]
    alias_hits = np.array([["olympic" in text.lower()] for text in texts])
    return context.passing(texts, vectors, prototype, alias_hits, [[0]], aliases, alias_hits.copy(),
                           np.array([False]), np.inf, embedder)[:, 0]


def test_a_keyword_said_in_passing_does_not_count_and_one_about_the_theme_does(embedder, monkeypatch):
    aside = _passing(embedder)
    assert aside[-1], "the housing paragraph is about housing, not the Olympics"
    assert not aside[-2], "the paragraph on the Games is about them without the word too"
    assert not aside[-3], "a unit whose every sentence holds the keyword is not judged: the keyword is its subject"
    assert not aside[:-3].any(), "units without the keyword are not judged"
    monkeypatch.setattr(context, "KEYWORD_CONTEXT", False)
    assert not _passing(embedder).any()


def test_masking_takes_every_match_of_the_keywords_out():
    from topics.text.aliases import alias_pattern

    text = context.masked("The Olympics, Olympic gold and an olympic record.", [alias_pattern("Olympic", loose=True)])
    assert "lympic" not in text
