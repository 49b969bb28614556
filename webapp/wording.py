"""How pages word things: dates as people write them, sources by title, facts as questions."""
from __future__ import annotations

from essaycheck.comparators.context import describe
from essaycheck.dates import TimeValue


def date_in_words(value: str | None) -> str:
    """"1962-10-16" -> "16 October 1962"; a value that is not a date is shown as it is."""
    if not value:
        return ""
    try:
        return describe(TimeValue.from_value(value))
    except ValueError:
        return value


def source_title(evidence: dict) -> str:
    """A source as students know it: its title, never its file name when the title is known."""
    return evidence.get("title") or evidence.get("source") or "the sources"


def fact_label(fact: dict, level: str) -> str:
    """A missed key fact: a question in the levels that must not give the answer, the summary in reveal."""
    if level == "reveal":
        return fact.get("summary") or ""
    return fact.get("prompt") or fact.get("summary") or ""


def init_app(app) -> None:
    app.jinja_env.filters["in_words"] = date_in_words
    app.jinja_env.filters["source_title"] = source_title
    app.jinja_env.globals["fact_label"] = fact_label
