"""Guided themes, measured and not adopted: a theme that is the corpus's background takes the mirror's keyword floor.

A theme the corpus is about throughout (:func:`topics.themes.corpus_fit.about_throughout`: Russia's economy in
Reuters's coverage of the war) has every unit near it, so its keyword holders rise little above the keyword-free
null while the decoys' tails stay as wide, and the decoys raise its keyword floor above every holder
(:func:`topics.themes.calibration.seed_floors`). The variant gives such a theme the mirror's keyword floor among
its holders (no decoy raise) for the holders closest to it among the file's themes; a holder closer to another
theme that the lower floor would newly count is no longer read as holding the word. ``install`` rewrites the one
call of ``gather`` that sets the floors.

Run: ``python -m benchmarks.themes_background_mirror benchmarks.themes_heldout <corpus> --themes ... --labels ...``
(or ``benchmarks.themes_abc <articles.jsonl>``, ``benchmarks.themes_check --only ...``): the wrapped benchmark, with
the variant; ``--all-holders`` first: every holder of such a theme takes the mirror's floor, none is taken out;
``--per-unit`` first: the mirror's floor only for the holders closest to such a theme, the decoys' for the others
(:func:`per_unit_floors`), and every holder still holds the word for the other rules.
docs/benchmarks.md, "a theme that is the corpus's background".
"""

from __future__ import annotations

import inspect
import sys
import textwrap

import numpy as np

from benchmarks.run import run_with_variant

_OPTIONS = {"all_holders": False, "per_unit": False}
# --per-unit: the (n, k) floors of the last fit and the shape of its units (other units, as in transform, keep (k,)).
_PER_UNIT: dict = {}

_CALL = """    z_seed, z_keyword = seed_floors(z, keyword_hits, name_hits, z_seed, z_keyword, decoy_similarity=decoy_similarity,
                                    whole_file=~regime, absent=absent, null_hits=keyword_hits_declared)"""
_VARIANT = """    z_seed, z_keyword, keyword_hits, name_hits = _floors_on_background(
        z, keyword_hits, name_hits, z_seed, z_keyword,
        corpus_fit.about_throughout(similarity, decoy_similarity, keyword_hits_declared),
        decoy_similarity=decoy_similarity, whole_file=~regime, absent=absent, null_hits=keyword_hits_declared)"""


def floors_on_background(z, keyword_hits, name_hits, z_seed, z_keyword, background, **floors):
    """(seed floors, keyword floors, keyword_hits, name_hits): :func:`topics.themes.calibration.seed_floors`, where each
    theme of ``background`` ((k,) bool) takes the mirror's keyword floor among its common-word holders; its holders
    closer to another theme of the file between that floor and the decoys' are taken out of its keyword holders."""
    from topics.themes.calibration import seed_floors

    seed, strict = seed_floors(z, keyword_hits, name_hits, z_seed, z_keyword, **floors)
    _PER_UNIT.clear()
    background = np.asarray(background, dtype=bool)
    if not background.any() or _OPTIONS["all_holders"]:
        if background.any():
            strict = np.where(background, _mirrors(z, keyword_hits, name_hits, z_keyword, background), strict)
        return seed, strict, keyword_hits, name_hits
    mirror = np.where(background, _mirrors(z, keyword_hits, name_hits, z_keyword, background), strict)
    if _OPTIONS["per_unit"]:
        _PER_UNIT.update(shape=z.shape, floors=per_unit_floors(z, mirror, strict, background))
        return seed, mirror, keyword_hits, name_hits
    elsewhere = np.asarray(keyword_hits, dtype=bool) & (z < z.max(axis=1, keepdims=True))
    dropped = elsewhere & background[None, :] & (z >= mirror[None, :]) & (z < strict[None, :])
    return seed, mirror, keyword_hits & ~dropped, None if name_hits is None else name_hits & ~dropped


def per_unit_floors(z, mirror, strict, background) -> np.ndarray:
    """(n, k) the keyword floor each unit meets to seed a theme by its word: the mirror's for a background theme
    where the unit is closest to it among the file's themes, the decoy-raised floor elsewhere."""
    closest_here = z >= z.max(axis=1, keepdims=True)
    return np.where(background[None, :] & closest_here, mirror[None, :], strict[None, :])


def _in_context_per_unit(original):
    """``evidence._in_context`` with the per-unit floors where the units are those the floors were set on."""
    def in_context(z, keyword_hits, name_hits, z_keyword):
        if _PER_UNIT.get("shape") == np.shape(z):
            z_keyword = _PER_UNIT["floors"]
        return original(z, keyword_hits, name_hits, z_keyword)
    return in_context


def _mirrors(z, keyword_hits, name_hits, z_keyword, background) -> np.ndarray:
    """(k,) the mirror's keyword floor among each theme's common-word holders (NaN outside ``background``)."""
    from topics.themes.calibration import SEED_FALSE_DISCOVERY_RATE, _mirror_floor

    common = keyword_hits & ~name_hits if name_hits is not None else keyword_hits
    floors = np.full(z.shape[1], np.nan)
    for theme in np.flatnonzero(background):
        floors[theme] = _mirror_floor(z[common[:, theme], theme], z_keyword, SEED_FALSE_DISCOVERY_RATE)
    return floors


def install() -> None:
    from topics.themes import evidence

    source = textwrap.dedent(inspect.getsource(evidence.gather))
    if _CALL.strip() not in source:
        raise SystemExit("topics.themes.evidence.gather no longer sets the floors as this variant expects")
    namespace = vars(evidence)
    namespace["_floors_on_background"] = floors_on_background
    exec(compile(source.replace(_CALL.strip(), _VARIANT.strip()), evidence.__file__, "exec"), namespace)
    if _OPTIONS["per_unit"]:
        namespace["_in_context"] = _in_context_per_unit(evidence._in_context)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for option in ("all_holders", "per_unit"):
        _OPTIONS[option] = bool(argv) and argv[0] == "--" + option.replace("_", "-")
        argv = argv[1:] if _OPTIONS[option] else argv
    return run_with_variant(argv, install, __doc__)


if __name__ == "__main__":
    raise SystemExit(main())
