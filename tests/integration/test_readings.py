"""Readings a careful teacher makes, on the real pipeline: each true sentence passes, its false twin is caught.

The sources tell an invented rising in the words history sources use ("Its commander was ...", a plan
"hoped to" do what was then done otherwise, a sentence "to two and a half years", a gap stated in
words); each pair tells one fact once right and once wrong, the way a pupil would.
"""
from __future__ import annotations

import pytest

from essaycheck.assignment import Assignment

pytestmark = pytest.mark.integration

SOURCES = {
    "000_rising.txt": (
        "The Lornby Rising\n\n"
        "The rising began in Lornby on 4 June 1872, when weavers seized the mill. The town had long been poor. "
        "Its commander was General Rob Marsh, a veteran of the northern wars. The raiders who came from Dunmere "
        "to help were led by Tom Reed, their commander, and Ned Brook, the rising's treasurer, kept its money.\n\n"
        "On 9 June 1872 the planners hoped to move about 4,000 people out of Lornby in two days. On 10 June 1872, "
        "the first full day, only 1,318 people were brought out. The rest left over the following week.\n\n"
        "On 1 August 1872 General Rob Marsh approved an order from Colonel Ada Frost to halt the army outside "
        "Dunmere. The order was lifted two days later.\n"),
    "001_trial.txt": (
        "The Trial and After\n\n"
        "The Moot met at Eastholm on 20 July 1872 to hear the case against the leaders. Anna Hale, a "
        "41-year-old weaver from Lornby, spoke for the rising. Six days after the "
        "meeting, on 26 July 1872, Anna Hale returned to Westmarch, where crowds cheered her.\n\n"
        "On 2 September 1872 the court sentenced Anna Hale to two and a half years in prison, while Ned Brook "
        "and Tom Reed were each given one year. In 1880 the Moot finally gave Lornby a charter of its own. "
        "At the election of 1881 the reformers won 42 of the 48 seats.\n\n"
        "By 30 September 1872 the Moot had passed the Lornby Act, which banned meetings of more than 50 people. "
        "Less than three months after the Lornby Act was passed, Ned Brook went on trial at Eastholm.\n"),
    "002_after.txt": (
        "After the Rising\n\n"
        "By 1874 the weavers of Dunmere wanted the Moot to build them a harbour. No ship sailed from Dunmere "
        "for 14 months after the rising. Rob Marsh had been governor of Westmarch for three years when he "
        "retired on 1 May 1878. His only daughter, Nell Marsh, died in 1879. His wife died in 1880.\n\n"
        "The Dawn made its maiden journey from Lornby on 4 April 1871. Westmarch later built a new ship, "
        "the Star, to replace the Dawn, and it made its first voyage in May 1880.\n"),
}


@pytest.fixture(scope="module")
def assignment(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rising")
    for name, text in SOURCES.items():
        (folder / name).write_text(text)
    return Assignment.from_sources(sorted(folder.glob("*.txt")), nlp=nlp)


def marked_wrong(assignment, essay: str) -> list[str]:
    report = assignment.check(essay, mode="reveal")
    return sorted(f["kind"] for f in report["findings"] if f["verdict"] == "contradicted")


PAIRS = [
    # an office the sources give one person is not another's
    ("The rising's treasurer, Ned Brook, kept its money.",
     "The rising's treasurer, Tom Reed, kept its money.", "entity"),
    # what the planners hoped for is no date or amount of what was done
    ("On 10 June 1872 only 1,318 people were moved out of Lornby.",
     "On 12 June 1872 only 1,318 people were brought out of Lornby.", "date"),
    # thirty months are two and a half years; the one year is the other prisoners'
    ("Anna Hale was sentenced to thirty months in prison.",
     "Anna Hale was sentenced to ten years in prison.", "number"),
    # a gap a source states in words stands, whichever "meeting" the timeline finds first
    ("Anna Hale came back to Westmarch on 26 July 1872, six days after the meeting.",
     "Anna Hale came back to Westmarch on 26 July 1872, ten days after the meeting.", "relative_date"),
    # "by 30 September it had been passed": a date after that day is wrong, one before it may be right
    ("The Moot passed the Lornby Act in September 1872.",
     "The Moot passed the Lornby Act in March 1873.", "date"),
    # a noun told as an event by the connective's own verb ("the trial happened before ...")
    ("Brook's trial at Eastholm happened after the Lornby Act was passed.",
     "Brook's trial at Eastholm happened before the Lornby Act was passed.", "order"),
    # an age told of a named person, in words or digits, against the age the sources give beside the name
    ("The forty-one-year-old Anna Hale spoke for the weavers.",
     "The sixty-year-old Anna Hale spoke for the weavers.", "number"),
    # "all but six of the 48" counts the other 42
    ("The reformers won all but six of the 48 seats in 1881.",
     "The reformers won 30 of the 48 seats in 1881.", "number"),
    # a state that had lasted for years by a date: the date is wrong only where the deed's is
    ("Rob Marsh retired as governor of Westmarch on 1 May 1878.",
     "Rob Marsh retired as governor of Westmarch on 1 May 1882.", "date"),
    # an age is judged against the same person's age
    ("Anna Hale, aged 41, spoke for the rising at Eastholm.",
     "Anna Hale, aged 60, spoke for the rising at Eastholm.", "number"),
    # a person the sources never name, in the place of the one who gave the order
    ("On 1 August 1872 Marsh approved an order from Colonel Ada Frost to halt the army.",
     "On 1 August 1872 Marsh approved an order from Colonel Bill Stone to halt the army.", "entity"),
]


@pytest.mark.parametrize(("right", "wrong_one", "kind"), PAIRS)
def test_the_true_sentence_passes_and_the_false_one_is_caught(assignment, right, wrong_one, kind):
    assert marked_wrong(assignment, right) == []
    assert kind in marked_wrong(assignment, wrong_one)


@pytest.mark.parametrize("essay", [
    # another first name on a known surname is another person: a relative, not a swapped name
    "Nell Hale led the raiders who came from Dunmere.",
    # "That was ... later" counts between two events both told before; neither is this sentence's own
    "Lornby rose in 1872. It took until 1880 to win a charter. That was eight years later.",
    # a wish the sources date "by 1874" is not when anything was done
    "The Moot did not build Dunmere a harbour until 1890.",
    # the sources give one person's age: it says nothing of another's
    "Ned Brook died aged 70.",
    # a ship that sank minutes into a voyage is not the months when none sailed
    "The first ship to sail from Dunmere sank 40 minutes after it left.",
    # "its" here is the Dawn, in the source the Star: one shared word cannot say which voyage is meant
    "The Dawn was a Lornby ship. Its first voyage was in April 1871.",
    # "had been governor for three years when he retired in 1878": he became governor about 1875
    "Rob Marsh became governor of Westmarch in 1875.",
])
def test_true_sentences_the_checker_used_to_misread_pass(assignment, essay):
    assert marked_wrong(assignment, essay) == []


@pytest.mark.parametrize(("sentence", "today"), [
    ("Each May the weavers of Lornby still hold a fair for Anna Hale.", True),
    ("Crowds gather at Westmarch every year to remember the rising.", True),
    ("On 26 July 1872 crowds gathered at Westmarch to cheer Anna Hale.", False),
    ("On 26 July 1872 Anna Hale returns to Westmarch, where crowds cheer her.", False),  # a story told in the present
    ("Anna Hale was still in prison in 1874.", False),
])
def test_a_custom_of_today_is_told_apart_from_the_past(assignment, sentence, today):
    # Today's custom is not the past the sources tell: nothing in it is marked wrong against them.
    from essaycheck.claims import extract
    from essaycheck.verdicts import _of_the_present

    claims = extract(assignment.analyse_essays([sentence])[0])
    assert any(_of_the_present(c) for c in claims) == today


@pytest.mark.parametrize(("text", "head"), [
    ("Marsh lost his only daughter, Ada Frost, in 1879.", "daughter"),
    ("Marsh lost his son and his wife, Ada Frost.", "wife"),
    ("After the battle was lost, Ada Frost fled.", None),  # a clause before the comma, not a noun beside the name
    ("In 1872 Ada Frost fled.", None),
])
def test_the_noun_a_name_is_set_beside(assignment, text, head):
    # The swap check compares these: "his wife, Ada Frost" does not stand where "his son, Ned Brook" stands.
    from essaycheck.comparators.swaps import _apposed_to

    clause = next(c for c in assignment.analyse_essays([text])[0].clauses if "Ada Frost" in c.text)
    assert _apposed_to(clause.tokens, text.index("Ada Frost")) == head
