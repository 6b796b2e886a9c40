"""Guided themes: a name among a theme's keywords counts only in a unit near the theme's subject."""

from __future__ import annotations

import numpy as np
import pandas as pd

from topics.themes import evidence
from topics.themes.guided import Themes
from topics.themes.themefile import Theme

POLITICS = {
    "name": "US politics of the withdrawal",
    "description": "American politics of the troop withdrawal: Biden, Trump, Congress and the debate in Washington",
    "keywords": ["Biden", "Trump", "Congress", "withdrawal"],
}
ON_SUBJECT = "Mr. Biden defended the withdrawal of American troops from Afghanistan as lawmakers in Congress demanded answers."
OFF_SUBJECT = "Mr. Biden hosted a state dinner with a celebrity chef, and the menu featured lobster and chocolate cake."
# Paragraphs without the theme's words, for the corpus's null: news on many subjects.
OTHERS = [
    "The Taliban fighters patrolled the streets of the provincial capital after the police left.",
    "Farmers in Helmand harvested wheat early this year because of the drought.",
    "A suicide bomber struck a wedding hall in western Kabul, killing dozens of guests.",
    "The central bank froze its reserves and prices of flour and cooking oil rose sharply.",
    "Girls were told to stay home from secondary schools until further notice.",
    "The football club signed a new striker for a record fee on the last day of the window.",
    "Heavy snow closed the mountain pass for a week and trucks waited at the border.",
    "The museum reopened with an exhibition of ancient coins and pottery.",
    "Hospitals ran short of oxygen as the third wave of the virus spread.",
    "The airline added direct flights between Dubai and Istanbul for the summer season.",
    "Negotiators met in a hotel to discuss a ceasefire and the release of prisoners.",
    "Soldiers at the base loaded equipment onto cargo planes before the handover.",
    "Senators from both parties questioned the generals about the pace of the pullout of the troops.",
    "The president's approval rating fell after the chaotic exit, a poll found.",
    "A drone strike hit a car in the city, and relatives said the dead were civilians.",
    "The refugees waited for weeks at a camp on the border with little food.",
    "Scientists found a new species of frog in the rainforest.",
    "The company reported higher profits thanks to strong sales of phones.",
    "Local journalists said they faced threats and many left the country.",
    "The opera season opened with a new production of a Verdi classic.",
    "Militants attacked a checkpoint on the highway overnight and wounded four policemen.",
    "The election commission delayed the results because of fraud complaints.",
    "Teachers went unpaid for months and many schools closed their doors.",
    "The marathon drew thousands of runners despite the rain.",
]


def _fit(embedder) -> Themes:
    from topics.themes import corpus_fit

    texts = [ON_SUBJECT, OFF_SUBJECT] + OTHERS
    units = pd.DataFrame({"unit_id": [f"u{i}" for i in range(len(texts))], "text": texts})
    embeddings = np.asarray(embedder.encode(texts), dtype=np.float32)
    # A one-theme file on 26 paragraphs is too small for the fit check; without it, names count as seeds.
    adopted = corpus_fit.CHECK_FIT
    try:
        corpus_fit.CHECK_FIT = False
        return Themes([POLITICS], use_context=False, article_context=False, learn=False).fit(units, embeddings, embedder)
    finally:
        corpus_fit.CHECK_FIT = adopted


def test_the_subject_text_sets_the_names_among_the_keywords_aside():
    theme = Theme(POLITICS["name"], POLITICS["description"], tuple(POLITICS["keywords"]))
    assert theme.subject_text == (
        "US politics of the withdrawal: American politics of the troop withdrawal and the debate in Washington. withdrawal"
    )
    # The theme's own name stays, and a theme without names is its prototype.
    assert Theme("ISIS-K", "Islamic State Khorasan and its attacks", ("ISIS-K", "ISKP")).subject_text.startswith("ISIS-K:")
    plain = Theme("drones", "drone strikes and their victims", ("drone", "airstrike"))
    assert plain.subject_text == plain.prototype_text


def test_a_name_counts_only_in_a_unit_near_the_themes_subject(embedder):
    fitted = _fit(embedder)
    assert fitted.name_hits_[:2, 0].all()  # both paragraphs name Biden
    assert fitted.name_evidence_[0, 0] and not fitted.name_evidence_[1, 0]
    assert fitted.memberships_[0, 0] and not fitted.memberships_[1, 0]
    adopted = evidence.NAME_ABOUTNESS
    try:
        evidence.NAME_ABOUTNESS = False
        anywhere = _fit(embedder)
    finally:
        evidence.NAME_ABOUTNESS = adopted
    # Without the condition, the dinner's "Biden" is evidence for the theme, and puts it there.
    assert anywhere.name_evidence_[1, 0] and anywhere.memberships_[1, 0]
    # New units go through the same condition.
    units = pd.DataFrame({"unit_id": ["n0", "n1"], "text": [ON_SUBJECT, OFF_SUBJECT]})
    scores = fitted.transform(units, np.asarray(embedder.encode([ON_SUBJECT, OFF_SUBJECT]), dtype=np.float32))
    assert scores[0, 0] >= fitted.threshold > scores[1, 0]
