"""Guided themes: a unit that names the theme itself counts for it where other keywords do not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from topics.themes.guided import Themes

ROOT = Path(__file__).resolve().parents[1]
NYT_THEMES = ROOT / "benchmarks" / "themes_data" / "nyt_themes.toml"
RUGBY = '''
[[theme]]
name = "Six Nations rugby"
description = "The Six Nations rugby union championship"
keywords = ["Six Nations", "rugby"]
'''


def test_a_theme_named_outright_counts_in_a_file_that_does_not_fit(bbc_sample, embedder, tmp_path):
    """The Afghanistan themes and one rugby theme on BBC News paragraphs: the file does not fit, so only meaning
    above the seed floor counts; a paragraph naming "Six Nations" ("in his side's Six Nations defeat to Ireland")
    is still under "Six Nations rugby", its name being the subject, not a word of it. Before, 4 of the 13 stayed out."""
    from topics.embedding.embed import embed_units

    themes_file = tmp_path / "themes.toml"
    themes_file.write_text(NYT_THEMES.read_text(encoding="utf-8") + RUGBY, encoding="utf-8")
    units = bbc_sample.units("paragraph")
    embeddings = embed_units(bbc_sample, "paragraph", embedder)
    fitted = Themes(str(themes_file)).fit(units, embeddings, embedder)
    assert not fitted.fits_corpus_
    rugby = fitted.theme_names_.index("Six Nations rugby")
    naming = units["text"].str.contains("Six Nations").to_numpy()
    assert naming.sum() >= 10
    assert fitted.memberships_[naming, rugby].all()
    placed = pd.DataFrame(fitted.memberships())
    placed = placed[placed["unit_id"].isin(units["unit_id"][naming]) & (placed["theme"] == "Six Nations rugby")]
    assert (placed["evidence"] != "learning").all()
    # The Afghanistan themes still place almost nothing here, and new units are scored alike.
    assert fitted.memberships_[:, :rugby].any(axis=1).mean() <= 0.05
    np.testing.assert_array_equal(fitted.transform(units, embeddings) >= fitted.threshold, fitted.memberships_)


def test_only_a_name_the_corpus_does_not_write_as_a_common_word_names_the_theme(bbc_sample):
    """"Six Nations" names "Six Nations rugby"; a theme named "Business" or "Mobile phones" is not named by
    "business" or "mobile phones", which BBC News writes of everything (a list of games "for mobile phones and
    handheld consoles"); "rugby", a common word, does not name it either."""
    from topics.themes.keywords import names_theme

    texts = bbc_sample.units("paragraph")["text"].tolist()
    assert names_theme("Six Nations", [], "Six Nations rugby", texts)
    assert not names_theme("rugby", [], "Six Nations rugby", texts)
    assert not names_theme("Business", [], "Business", texts)
    assert not names_theme("Mobile phones", [], "Mobile phones", texts)
    # A keyword that only opens with a name is the theme's subject, not its name.
    assert not names_theme("Six Nations rugby", [], "Six Nations rugby fans", texts)
    assert names_theme("Six Nations", [], "Six Nations rugby fans", texts)
