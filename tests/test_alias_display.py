"""The alias list an analyst reads: each group led by the full name the corpus defines, one name's word forms
shown as spellings, not aliases; what the groups unify is unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from topics.text.alias_mining import AliasGroup, AliasTable, mine_aliases

# The acronym is the more frequent name of one group, the full name of the other; a verb in two forms.
TEXTS = [
    "The North Atlantic Treaty Organization (NATO) met in Brussels on Tuesday.",
    "NATO allies sent more troops east, and NATO leaders spoke of deterrence.",
    "The Organization for Security and Cooperation in Europe (OSCE) sent monitors to the border.",
    "The Organization for Security and Cooperation in Europe said its monitors saw shelling.",
    "Monitors of the Organization for Security and Cooperation in Europe left the city.",
    "Moscow says it wants to de-Nazify the country, also known as de-Nazifying it.",
]


def test_each_group_is_led_by_its_defined_full_name_and_word_forms_are_spellings():
    table = mine_aliases(TEXTS)
    shown = {group.canonical: group.shown() for group in table.groups}
    # The groups themselves (what keywords, lookup and clustering compare) stay as mined: most frequent first.
    assert shown["NATO"].names == ("North Atlantic Treaty Organization", "NATO")
    assert shown["Organization for Security and Cooperation in Europe"].names == (
        "Organization for Security and Cooperation in Europe", "OSCE")
    nazify = next(s for c, s in shown.items() if c.startswith("de-Nazif"))
    assert nazify.spellings_only and set((nazify.main, *nazify.word_forms)) == {"de-Nazify", "de-Nazifying"}
    # The records (ingest --json, a saved model) carry the display and read back to the same groups.
    records = table.to_records()
    by_canonical = {r["canonical"]: r for r in records}
    assert by_canonical["NATO"]["main"] == "North Atlantic Treaty Organization"
    assert by_canonical["NATO"]["shown"] == ["North Atlantic Treaty Organization", "NATO"]
    assert AliasTable.from_records(records).groups == table.groups
    assert table.normalize("The North Atlantic Treaty Organization met.") == "The NATO met."


def test_the_ingest_command_shows_the_rule_in_its_text_and_json(tmp_path):
    (tmp_path / "a.txt").write_text("NATO and Europe\n\n2022-03-01\n\n" + "\n\n".join(TEXTS), encoding="utf-8")
    run = [sys.executable, "-m", "topics", "ingest", str(tmp_path)]
    shown = subprocess.run(run, capture_output=True, text=True, env=os.environ, check=True).stdout
    assert "aliases  North Atlantic Treaty Organization = NATO" in shown
    assert "aliases  Organization for Security and Cooperation in Europe = OSCE" in shown
    assert "spellings  de-Nazify, de-Nazifying" in shown and "de-Nazify = de-Nazifying" not in shown
    data = json.loads(subprocess.run([*run, "--json"], capture_output=True, text=True, env=os.environ, check=True).stdout)
    assert {r["main"] for r in data["aliases"]} >= {"North Atlantic Treaty Organization",
                                                     "Organization for Security and Cooperation in Europe"}


def test_the_report_run_box_lists_groups_as_shown_and_topics_json_keeps_every_name():
    from topics.report.tables import report_aliases, run_box_aliases

    table = mine_aliases(TEXTS)
    written = report_aliases(table)
    assert run_box_aliases(written) == [["North Atlantic Treaty Organization", "NATO"],
                                        ["Organization for Security and Cooperation in Europe", "OSCE"]]
    # topics.json keeps every group and every name (an update from the report reads them back), spellings too.
    assert AliasTable.from_records(written).groups == tuple(AliasGroup(g.canonical, g.names) for g in table.groups)
    nazify = next(group for group in written if group["spellings_only"])
    assert set(nazify["names"]) == {"de-Nazify", "de-Nazifying"} and nazify["canonical"] in nazify["names"]
