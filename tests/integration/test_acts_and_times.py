"""With the real pipeline, on sources of an invented land: one event told by its act and its time.

A claim that tells a source's act on the source's very day or month, with one of its names, is that
event, though it shares few other words with the source ("In May 1871 Brook burned the mill" against a
long sentence about Marsh burning it); the person the essay puts in it must then stand where the
source's person stands (the one who acts, or not). Someone named as the one acted on ("Hale was
arrested") stands where the source's prisoner stands, not its gaoler. A person the sources call by one
name only, but more than once, is known well enough to be the wrong one.
"""
from __future__ import annotations

import pytest

from land import assignment_over, findings, wrong

pytestmark = pytest.mark.integration

SOURCE = (
    "Anna Hale became mayor of Lornby in 1869. "
    "In May 1871 Captain Rob Marsh burned Fenwick Mill, the daughter house of Lornby Abbey on the banks of "
    "the Tarn, and kept the monks from returning for a decade. "
    "On 4 June 1871 Ned Brook arrested Ada Frost at Lornby. Frost was tried in Dunmere in 1872. "
    "Aldric led the northern clans in the winter war. In 1873 Aldric made a secret pact with Osric, a guard "
    "of the east gate. Edwin, the brother of Osric, stayed at Tarnby. Edwin later left for the coast. "
    "In June 1875 Rob Marsh painted the great hall of Lornby Castle.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("land"), SOURCE, nlp)


def _corrections(land, essay):
    """Whom the checker says the sources have instead, for each name it marks wrong."""
    return [f["expected"] for f in findings(land, essay) if f["verdict"] == "contradicted" and f["kind"] == "entity"]


@pytest.mark.parametrize(("essay", "expected"), [
    ("In May 1871 Rob Marsh burned Fenwick Mill.", []),
    ("In May 1871 Ned Brook burned Fenwick Mill.", ["Rob Marsh"]),
    ("In May 1871 Anna Hale burned Fenwick Mill.", ["Rob Marsh"]),
    # Brook is not said to have burned it, only to have been there
    ("In May 1871 Rob Marsh burned Fenwick Mill with Ned Brook.", []),
])
def test_the_sources_act_at_their_time_with_another_person(land, essay, expected):
    assert _corrections(land, essay) == expected


def test_at_another_time_the_same_act_is_not_a_wrong_name(land):
    assert "entity" not in wrong(land, "In March 1880 Ned Brook burned Fenwick Mill.")


@pytest.mark.parametrize(("essay", "expected"), [
    ("In June 1875 Rob Marsh painted the great hall of Lornby Castle.", []),
    ("In June 1875 Anna Hale painted the great hall of Lornby Castle.", ["Rob Marsh"]),
    # Frost is the one painted, a thing the sources never say; Marsh is the one who painted
    ("In June 1875 Ada Frost was painted in the great hall of Lornby Castle.", []),
])
def test_the_one_acted_on_does_not_stand_where_the_one_who_acted_stands(land, essay, expected):
    assert _corrections(land, essay) == expected


@pytest.mark.parametrize(("essay", "expected"), [
    ("In 1873 Aldric made a secret pact with Osric.", []),
    ("In 1873 Edwin made a secret pact with Osric.", ["Aldric"]),
])
def test_a_person_the_sources_name_by_one_name_more_than_once_can_be_the_wrong_one(land, essay, expected):
    assert _corrections(land, essay) == expected


def test_a_day_known_by_name_with_its_year_dates_the_event(tmp_path, nlp):
    a = assignment_over(tmp_path, "Anna Hale ruled Lornby from 1869. On 25 December 1871 Hale crowned her son "
                        "Ned in Lornby Abbey.\n", nlp)
    assert wrong(a, "Hale crowned her son in Lornby Abbey at Christmas 1871.") == []
    assert wrong(a, "Hale crowned her son in Lornby Abbey at Christmas 1875.") == ["date"]


def test_an_act_the_sources_tell_of_an_unnamed_she_is_a_reading_of_the_anchor(tmp_path, nlp):
    # the clause that is both the event of one gap and the anchor of the next names Hale and her act;
    # the source tells that act of "she" (whom the sentence before does not make plain), and names
    # Hale only doing other things at other times: the telling of the act must be among the readings
    a = assignment_over(tmp_path, (
        "The rising began at Tarnby on 1 March 1871. The rebels of the valley chose Anna Hale as their captain. "
        "On 14 March 1871 she entered Dunmere at the head of the host. Five days later, on 19 March, Ned Brook "
        "gave up Lornby Castle to the rebels. On 6 May 1871 Hale met the duke's envoy at Westmarch. Hale was "
        "seized in June 1872 and hanged at Westmarch on 2 August 1872.\n"), nlp)
    assert wrong(a, "About two weeks after the rising began, Hale's rebels entered Dunmere, and less than a week "
                    "after that Brook gave up Lornby Castle.") == []
    assert wrong(a, "About two weeks after the rising began, Hale's rebels entered Dunmere, and a month after "
                    "that Brook gave up Lornby Castle.") == ["relative_date"]
