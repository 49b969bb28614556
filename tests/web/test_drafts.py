"""Drafts on the student page: the text is kept, and the next check says what was fixed, what is new
and what is still open, with nothing stored on the server."""
from __future__ import annotations

import html as markup
import re

import pytest

pytestmark = pytest.mark.integration
CMC = "cuban-missile-crisis"
WRONG = "On 18 October 1962 President Kennedy was informed about the missile bases on Cuba."
FIXED = WRONG.replace("18 October", "16 October")
SECOND_WRONG = " The Bay of Pigs invasion took place in April 1960."


def check(client, essay: str, previous: str | None = None) -> str:
    data = {"assignment": CMC, "essay": essay, "mode": "point"}
    if previous is not None:
        data["previous"] = previous
    r = client.post("/", data=data, content_type="multipart/form-data")
    assert r.status_code == 200
    return r.get_data(as_text=True)


def draft_form(page: str) -> tuple[str, str]:
    """The essay and the hidden previous-draft field of the page's "Check another draft" form."""
    form = page.split('id="again-title"')[1]
    essay = markup.unescape(re.search(r"<textarea[^>]*name=\"essay\"[^>]*>\r?\n?(.*?)</textarea>", form, re.S).group(1))
    previous = markup.unescape(re.search(r'name="previous" type="hidden" value="([^"]*)"', form).group(1))
    return essay, previous


def test_check_another_draft_keeps_the_text_and_says_what_was_fixed(client):
    first = check(client, WRONG)
    assert "Since your last draft" not in first
    essay, previous = draft_form(first)
    assert essay == WRONG  # "Check another draft" keeps the text

    second = check(client, essay.replace("18 October", "16 October"), previous)
    changes = second.split('id="changes-title"')[1].split("</section>")[0]
    assert "<strong>1 fixed</strong> · 0 new · 0 still to fix" in changes
    assert "Fixed: <q>18 October 1962</q> (a date)" in changes

    _, previous = draft_form(second)
    third = check(client, FIXED + SECOND_WRONG, previous)
    assert "<strong>0 fixed</strong> · 1 new · 0 still to fix" in third
    assert "New since your last draft" in third

    _, previous = draft_form(third)
    fourth = check(client, FIXED + SECOND_WRONG.replace("April", "May"), previous)
    assert "<strong>0 fixed</strong> · 0 new · 1 still to fix" in fourth and "Still to fix" in fourth


@pytest.mark.parametrize("previous", ["not json", "[1, 2]", '{"v": 1, "problems": "x"}', '{"v": 1, "problems": [[1]]}',
                                      "x" * 50_000, '{"v": 1, "problems": [["date", "", "<script>x</script>"]]}'])
def test_a_previous_draft_field_that_is_not_ours_is_ignored_or_shown_as_text(client, previous):
    page = check(client, FIXED, previous)
    assert "<script>x</script>" not in page and "Traceback" not in page
