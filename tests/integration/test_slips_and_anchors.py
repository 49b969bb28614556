"""With the real pipeline: slips a pupil makes and readings the checker must not get wrong, each a
true sentence that must pass beside a false one it must catch. One invented land.

- a year slipped on the very day and month the sources give someone's act;
- a date told by its "when" clause, after a few words that match nothing ("Bad news came on ...");
- a phrasal verb read as its plain verb where no other sense fits ("the ice broke up");
- a total: a count of another thing in the source sentence is no part of it;
- a count whose owner the sentence leaves unsaid, where the sources count it for several sides;
- a place the sources say was renamed, called by either name;
- the wrong person doing an act the sources tell with every other name the claim gives;
- a gap counted from an event the sources do not date;
- a day without its year, which the sources give to an event told in the claim's words;
- a winter named by the year its January falls in;
- two events of one day, ordered by the times of day the sources give them;
- a person a source names only as whose ("Queen Ada Frost's brother") is no rival for who acted;
- "after he came back from Dunmere": the person at that place, dated where the sources put them there;
- "after Lowry resigned", where a source tells it of "he", the person the sentence before names;
- a capital speaking for its country ("Washington recognised"), and a source's "three days later, on
  6 November" dated by the date it states;
- sentences of correct essays that were marked wrong at first contact on batch M, each beside a wrong one.
"""
from __future__ import annotations

import pytest

from land import assignment_over, findings, wrong

pytestmark = pytest.mark.integration

LAND = (
    "Ned Brook ran the gambling dens of Lornby for years. "
    "On 26 February 1871 Anna Hale rode out of Lornby with about 900 followers. "
    "On 3 April 1871 a storm flattened the mill at Dunmere, and more than 60 people were hurt. "
    "The ice on the river Heron broke up on 2 May 1871, and within a week 300 barges left Eastholm. "
    "In June 1871 the council made Westmarch a separate province. "
    "On 16 August 1871 Ivo Lark struck silver at Heron Creek. The creek was soon renamed Silver Creek. "
    "On 8 July 1872 Ned Brook was killed in a duel with Rob Marsh. "
    "On 18 June 1873 Rob Marsh crossed the Heron at Lornby. "
    "On 19 June 1873 two battles were fought some 7 miles apart. "
    "Ada Frost's company spent the day on the road between them, and fought in neither battle. "
    "The Westmarchers had about 1,600 soldiers killed or hurt at Lornby. "
    "The Battle of Dunmere was fought on Sunday 21 June 1873, some 20 miles north of Lornby, "
    "two days after the fighting at Eastholm, with the fields of the valley deep in mud after a week of rain. "
    "At the same hour General Ada Frost stormed the troops of Anna Hale at the crossroads of Lornby, "
    "on the road from Dunmere to Eastholm, after a long night march over the hills. "
    "Rob Marsh sent in two squadrons of riders, who took two Eastholm banners. "
    "At Dunmere the Eastholm army had about 1,500 killed or hurt and the Westmarchers about 700. "
    "On 4 May 1874 the spring fair opened at Eastholm. At about 2 p.m. the mayor, Oda Fenn, cut the ribbon. "
    "At about 6 p.m. the old wooden bridge over the Heron collapsed. "
    "On 12 May 1874 the clerks of Eastholm met Ned Brook, Queen Ada Frost's brother, at Lornby. "
    "Rob Marsh was knighted in June 1874. "
    "On 9 May 1875 Rob Marsh sailed into the harbour of Dunmere and burned twenty ships. "
    "The first mayor, Jack Lowry, quarrelled with the council, and he resigned in June 1876. "
    "His successor, Ada Frost, arrived in July 1876. "
    "On 3 November 1877 Westmarch declared itself a republic. The gunboat Swan, which had reached Lornby "
    "the day before, kept the Eastholm troops away. Three days later, on 6 November, the United States "
    "recognised the new republic. "
    "In 1878 a new rot was found in the orchards of Lornby. The rot struck the orchards again in 1881, worse than before. "
    "On 2 May 1882 the rot was seen at Dunmere. Within weeks it had spread through the valley. "
    "About 430 people of Lornby died in the great storm of 1883. "
    "About one household in five left the valley in those years. "
    "Oda Fenn, the head of the Westmarch River Guard, had built a system that linked the beacons, "
    "the watchmen of the Heron Corps and the forts by signal. "
    "In 1884 the first steam coach ran from Lornby to Dunmere at about 12 miles per hour over a ten-mile road. "
    "Ned Brook broke his leg in 1885 and spent about seven weeks in bed, nursed by his sister Ada. "
    "In 1886 Ned and Ada Brook sailed to Eastholm. "
    "In 1887 Jack Lowry set out for Westmarch, but died at Dunmere on 3 June 1887. "
    "Anna Hale left Lornby for good on 10 June 1887.\n"
)


@pytest.fixture(scope="module")
def land(tmp_path_factory, nlp):
    return assignment_over(tmp_path_factory.mktemp("land"), LAND, nlp)


PAIRS = [
    # the same day and month of the same act, another year
    ("Ned Brook ran the gambling dens of Lornby until he was killed on 8 July 1872.",
     "Ned Brook ran the gambling dens of Lornby until he was killed on 8 July 1871.", "date"),
    # the date belongs to what the "when" clause tells
    ("Bad news came on 3 April 1871, when a storm flattened the mill at Dunmere.",
     "Bad news came on 3 April 1872, when a storm flattened the mill at Dunmere.", "date"),
    # "broke up" is the ice breaking, not a body disbanding
    ("As soon as the ice on the Heron broke on 2 May 1871, 300 barges sailed downstream to Westmarch.",
     "As soon as the ice on the Heron broke on 2 June 1871, 300 barges sailed downstream to Westmarch.", "date"),
    # two squadrons and two banners do not add up to four banners
    ("Marsh's riders took two Eastholm banners.", "Marsh's riders took four Eastholm banners.", "number"),
    # the count of a side the clause it hangs on names
    ("The Westmarchers, who had about 1,600 soldiers killed or hurt at Lornby, fell back.",
     "The Westmarchers, who had about 2,600 soldiers killed or hurt at Lornby, fell back.", "number"),
    # either name of a renamed place
    ("In August 1871 Ivo Lark struck silver at Silver Creek, as Heron Creek was later called.",
     "On 16 August 1871 Ivo Lark struck silver at Eastholm Creek.", "entity"),
    # the fact's act and every name it gives but the one who acts
    ("At Lornby General Frost stormed Anna Hale, but Hale held on.",
     "At Lornby General Brook stormed Anna Hale, but Hale held on.", "entity"),
    # a winter's January and February are the winter of that year
    ("Anna Hale rode out of Lornby in the winter of 1871.",
     "Anna Hale rode out of Lornby in the summer of 1871.", "date"),
]


def test_a_count_whose_owner_is_left_unsaid_is_not_compared_with_one_sides_count(land):
    # the sources count the killed and hurt of several sides: "more than 3,000" may be all of them
    assert wrong(land, "It was costly: more than 3,000 soldiers were killed or hurt.") == []
    assert wrong(land, "The Westmarchers had about 2,600 soldiers killed or hurt at Lornby.") == ["number"]


def test_a_gap_after_an_event_the_sources_do_not_date_is_not_counted_from_an_earlier_one(land):
    # the new road is not in the sources: "two weeks later" counts from it, not from the storm of 3 April
    told = ("On 3 April 1871 a storm flattened the mill at Dunmere, and less than a month after that "
            "storm the miners cut a new road. Two weeks later the council made Westmarch a separate province.")
    assert wrong(land, told) == []
    assert wrong(land, "On 3 April 1871 a storm flattened the mill at Dunmere. "
                       "Two weeks later the council made Westmarch a separate province.") == ["relative_date"]


def test_a_new_subject_after_the_anchor_ends_the_anchor(land):
    # "after that storm the ice ... broke": the ice breaking is the event, the storm what it counts from
    assert wrong(land, "On 3 April 1871 a storm flattened the mill at Dunmere, and about four weeks after "
                       "that storm the ice on the Heron broke.") == []
    assert wrong(land, "On 3 April 1871 a storm flattened the mill at Dunmere, and barely a day after "
                       "that storm the ice on the Heron broke.") == ["relative_date"]


def test_a_day_without_its_year_names_the_event_the_sources_give_that_day(land):
    assert wrong(land, "On 21 June the real battle began.") == []
    assert wrong(land, "The Battle of Dunmere was fought on 22 June 1873.") == ["date"]


def test_two_events_of_one_day_are_ordered_by_their_times_of_day(land):
    assert wrong(land, "The mayor cut the ribbon before the old bridge collapsed.") == []
    assert wrong(land, "The old bridge collapsed before the mayor cut the ribbon.") == ["order"]
    said = [f["message"] for f in findings(land, "The old bridge collapsed before the mayor cut the ribbon.")
            if f["verdict"] == "contradicted"]
    assert "after that (6:00 p.m. compared with 2:00 p.m." in said[0]


def test_a_person_named_only_as_whose_is_not_the_one_who_acted(land):
    assert wrong(land, "In May 1874 Rob Marsh and the other clerks met Ned Brook at Lornby.") == []


def test_a_person_at_a_place_is_dated_where_the_sources_put_them_there(land):
    assert wrong(land, "Marsh was knighted before he came back from Dunmere.") == []
    assert wrong(land, "Marsh was only knighted after he came back from Dunmere.") == ["order"]


def test_an_anchor_a_source_tells_of_he_is_dated_by_that_telling(land):
    assert wrong(land, "Frost arrived a month after Lowry resigned.") == []
    assert wrong(land, "Frost arrived six months after Lowry resigned.") == ["relative_date"]


def test_a_capital_speaks_for_its_country_and_a_stated_date_outweighs_a_count(land):
    told = "Westmarch declared itself a republic on 3 November 1877. {} later, Washington recognised the new republic."
    assert wrong(land, told.format("Three days")) == []
    assert wrong(land, told.format("Three weeks")) == ["relative_date"]
    assert wrong(land, told.format("Two days")) == ["relative_date"]  # not the 5th the gunboat's "day before" gives


#: Sentences of correct essays marked wrong at first contact on batch M, in the land's words, each with a wrong twin.
MORE_PAIRS = [
    # a source's "struck again" is the second time, not the date of the first
    ("The hard times began in 1878 when a rot struck the orchards.",
     "The rot struck the orchards of Lornby again in 1878, worse than before.", "date"),
    # the source's own "within weeks" is not a date to hold the essay's "within weeks" against
    ("On 2 May 1882 the rot was seen at Dunmere. Within weeks it had spread through the valley.",
     "On 2 May 1882 the rot was seen at Dunmere. A year later it had spread through the valley.", "relative_date"),
    # a share with a noun inside it
    ("One household in five left the valley.", "About 930 people of Lornby died in the great storm of 1883.", "number"),
    # an office in apposition is the person's, not the act's; "the River Guard" is the sources' "Westmarch River Guard"
    ("Oda Fenn, the head of the River Guard, set up the signal system of beacons, watchmen and forts.",
     "Ned Brook, the head of the River Guard, set up the signal system of beacons, watchmen and forts.", "entity"),
    # a speed is not a length
    ("The steam coach ran at about 19 kilometres per hour, two miles per hour faster than a horse.",
     "The steam coach ran from Lornby to Dunmere at about 40 miles per hour.", "number"),
    # "looked after by" orders nothing
    ("Ned Brook broke his leg in 1885 and was looked after by Ada for seven weeks.",
     "Ned Brook broke his leg only after he sailed to Eastholm.", "order"),
]


def test_a_count_far_beyond_the_sources_is_of_something_wider(land):
    # more than ten times the storm's dead: the writer counts something the sources do not
    assert wrong(land, "Over the whole decade more than 40,000 people died of hunger and the great storm.") == []
    assert wrong(land, "About 930 people of Lornby died in the great storm of 1883.") == ["number"]


def test_a_clause_that_goes_on_with_but_keeps_its_subject(land):
    # "Lowry set out ..., but died at Dunmere on 3 June": the death is Lowry's, and dates "after Lowry died"
    assert wrong(land, "Anna Hale left Lornby for good about a week after Lowry died.") == []
    assert wrong(land, "Anna Hale left Lornby for good about six months after Lowry died.") == ["relative_date"]


@pytest.mark.parametrize(("right", "wrong_one", "kind"), PAIRS + MORE_PAIRS)
def test_the_true_sentence_passes_and_the_false_one_is_caught(land, right, wrong_one, kind):
    assert wrong(land, right) == []
    assert kind in wrong(land, wrong_one)
