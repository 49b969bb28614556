"""With the real pipeline, on sources of an invented land: a name a source introduces by an office ("the
engineer Osric Vellacourt") or gives a title with a small particle ("the Marquis de Tarnby") is a person's,
whatever the tagger called it, so an essay that gives that person's act to another is told so, and the
person's bare surname finds them.
"""
from __future__ import annotations

import pytest

from essaycheck.entities import OFFICE_CUE, learn_registry
from land import assignment_over, findings

pytestmark = pytest.mark.integration

SOURCE = (
    "The old bridge at Lornby was swept away in the great flood of March 1871.\n\n"
    "Work on the new bridge began in April 1872 under the engineer Osric Vellacourt, who bought its iron from "
    "the foundries of Dunmere.\n\n"
    "In June 1872 the Marquis de Tarnby opened a new school beside the river.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("office"), SOURCE, nlp)


def _verdicts(land, essay):
    return [(f["verdict"], f["kind"], essay[f["start"]:f["end"]]) for f in findings(land, essay)]


def test_the_act_of_a_person_introduced_by_an_office_given_to_another_is_wrong(land):
    essay = "Tarnby bought the iron for the new bridge from the foundries of Dunmere."
    found = [f for f in findings(land, essay) if f["verdict"] == "contradicted"]
    assert [(f["kind"], essay[f["start"]:f["end"]]) for f in found] == [("entity", "Tarnby")]
    assert "Vellacourt" in found[0]["message"]


def test_the_person_by_the_surname_alone_is_right(land):
    for essay in ("Vellacourt bought the iron for the new bridge from the foundries of Dunmere.",
                  "In June 1872 Tarnby opened a new school beside the river."):
        assert not [v for v in _verdicts(land, essay) if v[0] == "contradicted"], essay


def test_a_title_before_a_particle_makes_a_person_and_the_surname_an_alias():
    reg = learn_registry([("Marquis de Tarnby", "GPE", "the", "", "")])
    assert [reg.label(i) for i in reg.lookup("Tarnby")] == ["PERSON"]
    assert reg.lookup("Marquis de Tarnby") == reg.lookup("Tarnby")
    # a title held with a place stays what it was: "the Duke of Tarnby" is no "of Tarnby" person
    duke = learn_registry([("Duke of Tarnby", "ORG", "the", "", "")])
    assert not any(duke.label(i) == "PERSON" for i in duke.lookup("Tarnby"))


def test_a_name_introduced_by_an_office_is_a_person_unless_it_is_where_things_happen():
    reg = learn_registry([("Osric Vellacourt", "ORG", "engineer", "", "the", OFFICE_CUE)])
    assert [reg.label(i) for i in reg.lookup("Vellacourt")] == ["PERSON"]
    placed = learn_registry([("Kell Ford", "ORG", "at", "", "", OFFICE_CUE), ("Kell Ford", "ORG", "in", "", "")])
    assert all(placed.label(i) != "PERSON" for i in placed.lookup("Kell Ford"))
