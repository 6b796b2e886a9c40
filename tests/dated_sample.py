"""The BBC sample with made-up publication dates, for tests of runs that follow a corpus over time."""

from __future__ import annotations

import numpy as np
import pandas as pd

DATA_CSV = "tests/data/bbc_sample.csv"


def dated_bbc_sample(seed: int) -> pd.DataFrame:
    """The 200 sample articles with dates drawn over 300 days of 2005, sorted by date then id."""
    frame = pd.read_csv(DATA_CSV)
    rng = np.random.default_rng(seed)
    days = pd.to_timedelta(rng.integers(0, 300, len(frame)), unit="D")
    frame["date"] = (pd.Timestamp("2005-01-01") + days).strftime("%Y-%m-%d")
    return frame.sort_values(["date", "id"], kind="stable").reset_index(drop=True)
