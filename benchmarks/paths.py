"""Where the benchmarks find their data, and the offline settings every benchmark runs with.

Importing this module sets ``HF_HUB_OFFLINE`` and ``TOKENIZERS_PARALLELISM`` (unless already set),
so import it before anything that loads a model.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
# The labelled corpora: $TOPICS_DATA_DIR, else ../shared/data beside the checkout.
SHARED_DATA = Path(os.environ.get("TOPICS_DATA_DIR", ROOT.parent / "shared" / "data"))
BBC_FULL = SHARED_DATA / "bbc_news.csv"
BBC_SAMPLE = ROOT / "tests" / "data" / "bbc_sample.csv"


def bbc_source(small: bool) -> Path:
    """The 200-article BBC sample when ``small`` or when the full corpus is not here, else the full corpus."""
    return BBC_SAMPLE if small or not BBC_FULL.exists() else BBC_FULL
