"""Date expressions on a blank pipeline: every form the checker promises to read."""
from __future__ import annotations

import pytest

from essaycheck.clock import times
from essaycheck.dates import DateGrammar, TimeValue, agree

CASES = [
    # (text, expression found, value, granularity)
    ("It happened on 16 October 1962.", "16 October 1962", "1962-10-16", "day"),
    ("It happened on October 16th, 1962.", "October 16th, 1962", "1962-10-16", "day"),
    ("It happened on the 16th of October, 1962.", "the 16th of October, 1962", "1962-10-16", "day"),
    ("It happened on 16/10/1962.", "16/10/1962", "1962-10-16", "day"),
    ("It happened on 10/16/1962.", "10/16/1962", "1962-10-16", "day"),
    ("It happened on 05/11/1605.", "05/11/1605", "1605-11-05", "day"),
    ("It happened on 1962-10-16.", "1962-10-16", "1962-10-16", "day"),
    ("In October 1962 it began. On Oct. 22 he acted.", "Oct. 22", "1962-10-22", "day"),
    ("On 22 October 1962 he acted. On the 27th he wrote.", "the 27th", "1962-10-27", "day"),
    ("The invasion came in April 1961.", "April 1961", "1961-04", "month"),
    ("It was planned in the spring of 1961.", "the spring of 1961", "1961-SP", "season"),
    ("Castro won in the year 1959.", "the year 1959", "1959", "year"),
    ("Tension grew in the early 1960s.", "the early 1960s", "196X", "decade"),
    ("It was built in the 17th century.", "the 17th century", "16XX", "century"),
    ("In 1959 there was a revolution.", "1959", "1959", "year"),
    ("In July 1962 they learned it, and in August they learned more.", "August", "1962-08", "month"),
    # a part of a year is part of the date, not a word of the claim ("end" is no event)
    ("They agreed at the end of 1871 to attack.", "the end of 1871", "1871", "year"),
    ("They met in mid-1871.", "mid-1871", "1871", "year"),
    ("In early 1871, they met.", "early 1871", "1871", "year"),
    # two months sharing one year: the first in that year, or the year before when it comes later in it
    ("The fighting went on from July to November 1871.", "from July to November 1871", "1871-07/1871-11", "range"),
    ("The siege lasted from November to March 1872.", "from November to March 1872", "1871-11/1872-03", "range"),
    ("It was built between May and August 1871.", "between May and August 1871", "1871-05/1871-08", "range"),
]

RELATIVE = [
    # (text, expression, value, anchor text)
    ("On October 22, 1962, Kennedy blockaded Cuba. Khrushchev capitulated six days later.",
     "six days later", "1962-10-28", "October 22, 1962"),
    ("On 1 May 1962 they met. Two weeks later they met again.", "Two weeks later", "1962-05-15", "1 May 1962"),
    ("On 1 May 1962 they met. The next day they left.", "The next day", "1962-05-02", "1 May 1962"),
    ("On 1 May 1962 they met. A week after that they left.", "A week after that", "1962-05-08", "1 May 1962"),
    ("In 1603 James became king. The following year he made peace.", "The following year", "1604", "1603"),
    ("On 27 October 1962 he wrote. Only the day before, he had offered talks.", "the day before", "1962-10-26",
     "27 October 1962"),
    # a compound gap is counted in its smaller unit, and the date is moved by that many of them
    ("On 16 August 1819 he was hurt. He died three weeks and a day later.", "three weeks and a day later",
     "1819-09-07", "16 August 1819"),
    ("On 1 May 1871 the siege began. It ended two weeks and three days later.", "two weeks and three days later",
     "1871-05-18", "1 May 1871"),
]


@pytest.fixture(scope="module")
def grammar():
    return DateGrammar()


@pytest.mark.parametrize(("text", "expr", "value", "granularity"), CASES)
def test_date_forms(grammar, text, expr, value, granularity):
    found = {m.text: m for m in grammar.find(text)}
    assert expr in found, f"{expr!r} not found in {list(found)}"
    m = found[expr]
    assert (m.value.value, m.value.granularity) == (value, granularity)
    assert not m.relative


@pytest.mark.parametrize(("text", "expr", "value", "anchor"), RELATIVE)
def test_relative_dates_resolve_against_the_event_narrated_last(grammar, text, expr, value, anchor):
    m = next(m for m in grammar.find(text) if m.relative)
    assert m.text == expr
    assert m.value.value == value
    assert m.anchor["text"] == anchor


def test_month_first_order_is_configurable():
    assert DateGrammar(day_first=False).find("On 05/11/1605 it failed.")[0].value.value == "1605-05-11"


def test_named_anchor_is_kept_and_trimmed(grammar):
    m = next(m for m in grammar.find("Two days after the arrest they reached the house.") if m.relative)
    assert m.text == "Two days after the arrest"
    assert m.anchor_text == "the arrest"


@pytest.mark.parametrize("text", [
    "Some time later they left.",          # no amount
    "Two weeks later they left.",          # nothing to count from
    "A few days later they met again.",    # amount not exact
])
def test_unresolvable_dates_keep_their_text_and_get_no_value(grammar, text):
    m = next(m for m in grammar.find(text) if m.relative) if grammar.find(text) else None
    if m is not None:
        assert m.value is None and m.note


def test_a_day_without_year_is_partial_not_invented(grammar):
    m = grammar.find("On 16 April the attack began.")[0]
    assert m.value.year is None and not m.resolved and m.note == "year not stated"


@pytest.mark.parametrize(("text", "absent"), [
    ("The CIA trained around 1,400 exiles.", "1,400"),
    ("World War 2 ended.", "2"),
    ("They may go home.", "may"),
    ("There were 1500 soldiers.", "1500"),
    ("Troopers of the 8th and 10th Tarnby Horse went forward.", "the 8th"),
])
def test_numbers_and_words_that_are_not_dates(grammar, text, absent):
    assert absent not in [m.text for m in grammar.find(text)]


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("1962-10", "1962-10-16", True),       # October 1962 agrees with 16 October 1962
    ("1962", "1962-10-16", True),
    ("1961-04", "1962-10-16", False),
    ("196X", "1962-10-16", True),          # the 1960s
    ("1961-SP", "1961-04-16", True),       # spring 1961
    ("1961-SP", "1961-10-16", False),
    ("1962-10-18", "1962-10-16", False),
])
def test_dates_agree_at_the_coarser_granularity(a, b, expected):
    assert agree(TimeValue.from_value(a), TimeValue.from_value(b)) is expected


def test_a_date_without_year_agrees_on_the_parts_it_states():
    assert agree(TimeValue("day", None, 4, 16), TimeValue.from_value("1961-04-16")) is True
    assert agree(TimeValue("day", None, 4, 18), TimeValue.from_value("1961-04-16")) is False


def test_the_component_sets_dates_on_a_blank_pipeline(blank_nlp):
    doc = blank_nlp("On the 16th of October, 1962, Kennedy was told. Six days later he acted.")
    assert [(m.value.value, m.relative) for m in doc._.dates] == [("1962-10-16", False), ("1962-10-22", True)]


@pytest.mark.parametrize(("text", "value"), [
    ("It began in the 1st century.", "00XX"),          # years 1 to 99: there is no year 0
    ("It began in the early 1st century.", "00XX"),
    ("It began in the 0th century.", None),            # no such century: found, but not a date
])
def test_centuries_at_the_edge_of_the_calendar_never_raise(grammar, text, value):
    (m,) = grammar.find(text)
    assert (m.value.value if m.value else None) == value
    if value is None:
        assert not m.resolved and m.note == "not a real calendar date"
    else:
        assert m.resolved and m.value.interval()[0].year == 1


@pytest.mark.parametrize("value", ["0000", "000X", "1962-13", "0000-01"])
def test_values_off_the_calendar_have_no_interval_instead_of_raising(value):
    v = TimeValue.from_value(value)
    assert v.interval() is None and not v.complete
    agree(v, TimeValue.from_value("1962-10-16"))  # compared without raising


@pytest.mark.parametrize(("text", "value"), [
    ("It rained yesterday.", "2013-03-21"),
    ("Talks failed last June.", "2012-06"),
    ("Sales rose last February.", "2013-02"),
    ("The vote is due next March.", "2014-03"),
    ("The plan was agreed this summer.", "2013-SU"),
    ("Protests began last summer.", "2012-SU"),
    ("He resigned on Thursday.", "2013-03-21"),  # written on Friday 22 March: the day before
    ("They meet on Monday.", "2013-03-25"),  # the nearest Monday is the next one
    ("The minister spoke last year.", "2012"),
])
def test_a_dated_document_counts_from_its_own_date(text, value):
    """A letter, a diary entry or a report dated 22 March 2013 (a Friday)."""
    grammar = DateGrammar(document_date=TimeValue("day", 2013, 3, 22))
    (m,) = grammar.find(text)
    assert m.value is not None and m.value.value == value


def test_without_a_document_date_last_june_is_left_unknown():
    assert DateGrammar().find("Talks failed last June.")[0].value is None


@pytest.mark.parametrize(("text", "found"), [
    ("On 17 June the Third Estate declared itself the National Assembly.", ["17 June"]),
    ("It happened on June the third, 1789.", ["June the third, 1789"]),
    ("On 16 August 1819 600 men of the 15th Dragoons charged.", ["16 August 1819"]),
    ("In May 1871 the 7th Earl and the 3rd-Lancer company rode out; on the 9th they met.", ["May 1871", "the 9th"]),
])
def test_an_ordinal_before_a_capitalised_word_is_part_of_a_name(text, found):
    assert [m.text for m in DateGrammar().find(text)] == found


@pytest.mark.parametrize(("text", "value"), [
    ("On Christmas Day 1871 Hale was crowned.", "1871-12-25"),
    ("In 1871 the war ended. On New Year's Day the treaty took effect.", "1871-01-01"),
    ("The king held his court at Christmas 1085.", "1085-12-25"),
    ("The rents of Lornby fell due at Michaelmas 1871.", "1871-09-29"),
])
def test_a_day_known_by_name_is_a_date(text, value):
    assert DateGrammar().find(text)[-1].value.value == value


def test_rules_run_near_their_trigger_words_find_what_a_scan_of_the_whole_text_finds(monkeypatch):
    # most rules run only within reach of a word they cannot match without (a unit of time, a month
    # name, a digit, "ago"; for speed); on every source and essay of the labelled sets that must change nothing
    from pathlib import Path

    import essaycheck.dates as dates

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(__file__).parents[1].glob("data/*/**/*.txt"))]
    assert len(texts) > 200

    def found(grammar):
        return [[(r.start, r.end, r.rule, sorted(r.groups.items())) for r in grammar.scan(t)] for t in texts]

    near = found(dates.DateGrammar())
    monkeypatch.setattr(dates, "_WINDOW", (10**9, 10**9))
    assert found(dates.DateGrammar()) == near


def test_a_dot_after_a_whole_month_name_ends_the_sentence(grammar):
    # "Aug. 3" is a day; "in August.\n3. Next ..." is a month and then a numbered line
    found = [(m.text, m.value.value) for m in grammar.find("It was rejected in August.\n3. Hale left.")]
    assert found == [("August", "XXXX-08")]
    assert [m.value.value for m in grammar.find("It was rejected on Aug. 3, 1903.")] == ["1903-08-03"]


def test_two_amounts_of_one_unit_are_not_one_compound_gap(grammar):
    # "in about four days, and five days after the battle": five days, not nine
    found = [m for m in grammar.find("They marched north in about four days, and five days after the battle "
                                     "the invaders were crushed.") if m.relative]
    assert [(m.gap.low, m.gap.unit) for m in found] == [(5.0, "day")]
    compound = [m for m in grammar.find("A year and a day after the fire they left.") if m.relative]
    assert [(m.gap.low, m.gap.unit) for m in compound] == [(366, "day")]


def test_a_winter_of_a_year_is_the_one_ending_in_it_or_the_one_starting_in_it():
    winter = TimeValue("season", 1815, season="WI")
    assert agree(winter, TimeValue("day", 1815, 2, 26)) and agree(winter, TimeValue("day", 1815, 12, 20))
    assert agree(winter, TimeValue("day", 1815, 7, 1)) is False


@pytest.mark.parametrize(("text", "minutes"), [
    ("At about 1:30 in the afternoon the fair opened.", [13 * 60 + 30]),
    ("The mill burned down at about 6:30 p.m., when the wind rose.", [18 * 60 + 30]),
    ("The train left at 7 a.m. and arrived at 19:45.", [7 * 60, 19 * 60 + 45]),
    ("At noon they met; at midnight they parted.", [12 * 60, 0]),
    ("It was 1.5 miles long and cost 12.50 pounds.", []),
])
def test_times_of_day(text, minutes):
    assert [m for _, _, m in times(text)] == minutes


@pytest.mark.parametrize(("text", "expr", "value", "bound"), [
    ("They came back at the end of September 1874.", "the end of September 1874", "1874-09", None),
    ("Every band was to report by the end of January 1876.", "the end of January 1876", "1876-01", "before"),
    ("The rains came in the middle of May 1871.", "the middle of May 1871", "1871-05", None),
])
def test_the_end_of_a_month_is_that_month_and_by_it_a_deadline(grammar, text, expr, value, bound):
    found = {m.text: m for m in grammar.find(text)}
    assert expr in found, found
    assert (str(found[expr].value.value), found[expr].bound) == (value, bound)


def test_a_yearless_day_takes_the_year_its_sentence_goes_on_to(grammar):
    text = ("The walls were finished in May 1404. The feast was first set for 23 October, but it was moved "
            "to 19 November 1403.")
    found = {m.text: m for m in grammar.find(text)}
    assert found["23 October"].value.year == 1403


def test_the_very_next_day_is_a_day_after(grammar):
    found = {m.text: m for m in grammar.find("On 7 June 1610 they left. The very next day they met a boat.")}
    assert str(found["The very next day"].value.value) == "1610-06-08"


def test_two_days_of_a_month_are_still_dates(grammar):
    assert [m.text for m in grammar.find("The fair ran between the 8th and the 10th of May.")]


@pytest.mark.parametrize("text", [
    "On 28 October 1871 the truce began. Hale, who had led Eastholm since 1848, was freed on 30 October.",
    "On 28 October 1871 the truce began. Hale, who had lived abroad since her banishment in May 1848, "
    "sailed home on 30 October.",
    "On 28 October 1871 the truce began. Brook, in exile ever since the rising of 1848, came home on 30 October.",
])
def test_the_start_of_a_state_does_not_move_the_story_to_its_year(grammar, text):
    """A year told as when a state began ("since her banishment in 1848") is not the year the story has reached:
    the next day without a year keeps the year of the narrative."""
    found = {m.text: m for m in grammar.find(text)}
    assert found["30 October"].value.value == "1871-10-30"
