"""The fact base of real sources, built with the real pipeline."""
from __future__ import annotations

import tomllib

import pytest

from essaycheck.assignment import Assignment
from essaycheck.errors import PackError
from essaycheck.pack import overrides_template
from support import CMC_PACK, DATA

pytestmark = pytest.mark.integration


def fact_with(fb, words):
    matches = [f for f in fb.facts if all(w in " ".join(r.clause.text for r in f.readings) for w in words)]
    assert matches, f"no fact with {words}"
    return matches[0]


def test_kennedy_informed_on_16_october_1962_at_day_granularity(cmc):
    f = fact_with(cmc.factbase, ["President Kennedy was informed about the missile bases"])
    assert (f.date.value, f.date.granularity) == ("1962-10-16", "day")
    assert f.key


def test_bay_of_pigs_attack_on_the_16th_of_april_resolves_to_1961(cmc):
    f = fact_with(cmc.factbase, ["The attack began on the 16th of April"])
    assert f.date.value == "1961-04-16"


def test_six_days_later_is_relative_to_the_blockade_of_22_october(cmc):
    f = fact_with(cmc.factbase, ["Khrushchev capitulated six days later"])
    m = next(m for r in f.readings for m in r.clause.dates)
    assert m.relative and m.value.value == "1962-10-28"
    assert m.anchor["value"] == "1962-10-22" and "October 22, 1962" in m.anchor["text"]


def test_every_fact_points_at_its_source_sentence(cmc):
    for f in cmc.factbase.facts:
        for e in f.evidence:
            assert cmc.factbase.sources[e.source].text[e.start:e.end] == e.text


def test_the_same_event_in_two_sources_is_one_fact_with_both(cmc):
    f = fact_with(cmc.factbase, ["The CIA trained up around 1,400 Cuban exiles"])
    assert {r.source[:3] for r in f.readings} == {"000", "001"}


def test_entities_are_canonical_across_both_sources(cmc):
    reg = cmc.factbase.registry
    assert reg.lookup("Kruschev") == reg.lookup("Khrushchev") == reg.lookup("Nikita Khrushchev")
    assert reg.lookup("JFK") == reg.lookup("President Kennedy")
    assert reg.lookup("fidel castro") == reg.lookup("Fidel Castro")
    assert reg.lookup("USSR") == reg.lookup("Soviet Union")


def test_conflicting_sources_keep_both_readings(nlp):
    a = Assignment.from_sources(sorted((DATA / "berlin-wall" / "sources").glob("*.txt")), nlp=nlp)
    conflicts = a.factbase.conflicts
    dates = {tuple(sorted(r["value"] for r in c["readings"])) for c in conflicts if c["field"] == "date"}
    assert ("1949-05-11", "1949-05-12") in dates
    listed = a.factbase.to_dict()
    assert listed["conflicts"] and all("readings" in c for c in listed["conflicts"])


def test_second_topic_builds_people_apart_and_dates(gunpowder):
    reg = gunpowder.factbase.registry
    assert reg.lookup("Thomas Wintour") != reg.lookup("Robert Wintour")
    assert reg.lookup("Catsby") == reg.lookup("Robert Catesby")
    f = fact_with(gunpowder.factbase, ["Two days after the arrest they reached Holbeche House"])
    assert f.date.value == "1605-11-07"


def test_overrides_correct_dates_keys_aliases_and_drop_facts(nlp, tmp_path):
    pack = tmp_path / "pack"
    (pack / "sources").mkdir(parents=True)
    for p in (CMC_PACK / "sources").glob("*.txt"):
        (pack / "sources" / p.name).write_text(p.read_text())
    base = Assignment.from_pack(pack, nlp=nlp)
    informed = fact_with(base.factbase, ["President Kennedy was informed"])
    hotline = fact_with(base.factbase, ["hotline"])
    template = tomllib.loads(overrides_template(base.factbase, base.title))
    assert {f["id"] for f in template["fact"]} == {f.id for f in base.factbase.facts}
    (pack / "overrides.toml").write_text(f'''
[aliases]
"Nikita Khrushchev" = ["Mr K"]
[[fact]]
id = "{informed.id}"
date = "1962-10-15"
[[fact]]
id = "{hotline.id}"
key = true
[[fact]]
id = "{fact_with(base.factbase, ["Severely embarrassed Kennedy"]).id}"
drop = true
''')
    a = Assignment.from_pack(pack, nlp=nlp)
    assert a.factbase.get(informed.id).date.value == "1962-10-15"
    assert a.factbase.get(hotline.id).key
    assert not any("Severely embarrassed" in f.text for f in a.factbase.facts)
    assert a.factbase.registry.lookup("Mr K") == a.factbase.registry.lookup("Khrushchev")


def test_overrides_naming_an_unknown_fact_fail_clearly(nlp, tmp_path):
    pack = tmp_path / "pack"
    (pack / "sources").mkdir(parents=True)
    (pack / "sources" / "a.txt").write_text("On 5 November 1605 Guy Fawkes was arrested in London.\n")
    (pack / "overrides.toml").write_text('[[fact]]\nid = "fnope"\nkey = true\n')
    with pytest.raises(PackError, match="no fact with id 'fnope'"):
        Assignment.from_pack(pack, nlp=nlp)
