"""An update reads less of what it already has: the earlier run's texts are keyed only where they differ,
and each distinct date is parsed once; the results stay as they were."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd


def test_matching_the_earlier_run_keys_only_the_texts_that_differ(monkeypatch):
    from topics.modeling import previous as previous_module

    earlier = SimpleNamespace(
        unit_ids=["a#p1", "a#p2", "a#p3", "b#p1", "b#p2"],
        texts=["Same text.", "Edited once.", "Bell \\x07 escaped.", "Moved paragraph.", "Gone."],
    )
    unit_ids = ["a#p1", "a#p2", "a#p3", "b#p1", "b#p9"]
    texts = ["Same text.", "Edited twice.", "Bell \x07 escaped.", "New paragraph.", "Moved paragraph."]
    unchanged = [f"Paragraph {n} as it was." for n in range(10)]  # most of a grown corpus
    earlier.unit_ids += [f"c#p{n}" for n in range(10)]
    earlier.texts += unchanged
    keyed = []
    original = previous_module._text_key
    monkeypatch.setattr(previous_module, "_text_key", lambda text: keyed.append(text) or original(text))
    rows = previous_module._matched_by_text(earlier, unit_ids + [f"c#p{n}" for n in range(10)], texts + unchanged,
                                            np.array([0, 1, 2, 3, -1, *range(5, 15)]))
    # Same text kept; edited text new; the report's escape matches the raw control; a paragraph that
    # moved within its article is found by its text; a new paragraph is new.
    assert rows.tolist() == [0, -1, 2, -1, 3, *range(5, 15)]
    # An unchanged text is never escaped and split to be compared: only those of the five that changed or
    # moved are keyed (main keyed every earlier and every current text, 30).
    assert not set(keyed) & {"Same text.", *unchanged} and len(keyed) <= 12


def test_dates_are_parsed_once_per_distinct_value(monkeypatch):
    from topics.modeling import timeline

    values = ["2021-08-15", "2021-08-16", None, "2021-08", "not a date", "2021-08-15T23:00:00+02:00"] * 200
    expected = pd.to_datetime(pd.Series(values, dtype=object), errors="coerce", format="mixed", utc=True).dt.tz_localize(None)
    lengths = []
    original = pd.to_datetime
    monkeypatch.setattr(pd, "to_datetime", lambda given, *args, **kwargs: lengths.append(len(given)) or original(given, *args, **kwargs))
    found = timeline.parse_dates(values, today="2026-01-01")
    assert max(lengths) <= 6  # five distinct values and the missing one, not 1,200
    assert found.read.equals(expected) and str(found.read.dtype) == str(expected.dtype)
    assert timeline.parse_dates(pd.Series(values[:6], name="date")).read.name == "date"  # as pandas names it
    assert found.n_undated == 400 and found.precision.iloc[3] == "month"
