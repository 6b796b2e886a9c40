"""The guided-themes benchmark's switches each turn one toolkit rule off, and name constants that exist."""
import importlib

from benchmarks import themes_check


def test_every_switch_sets_its_rule(monkeypatch, capsys):
    for _, _, module, constant, _ in themes_check.RULE_SWITCHES:
        target = importlib.import_module(f"topics.themes.{module}")
        assert hasattr(target, constant), f"{module}.{constant} no longer exists"
        monkeypatch.setattr(target, constant, getattr(target, constant))  # restored after the test
    monkeypatch.setattr(themes_check, "run", lambda *args: [])
    flags = [flag for flag, *_ in themes_check.RULE_SWITCHES]
    assert themes_check.main(["--only", "seeds", *flags]) == 0
    for _, _, module, constant, value in themes_check.RULE_SWITCHES:
        assert getattr(importlib.import_module(f"topics.themes.{module}"), constant) == value


def test_no_switch_leaves_the_rules_as_they_are(monkeypatch):
    before = {(m, c): getattr(importlib.import_module(f"topics.themes.{m}"), c)
              for _, _, m, c, _ in themes_check.RULE_SWITCHES}
    monkeypatch.setattr(themes_check, "run", lambda *args: [])
    assert themes_check.main(["--only", "seeds"]) == 0
    after = {(m, c): getattr(importlib.import_module(f"topics.themes.{m}"), c) for m, c in before}
    assert after == before
