"""The rubric engine: criteria, bands and feedback are data; this only evaluates them.

A criterion chooses the findings it counts by their kind (date, entity, number, order,
relative_date, other), as its data declares, so a teacher may rename it freely. It is
measured over the claims actually checked: with fewer checked claims than its
``min_checked``, it takes its ``too_few`` band ("Not enough facts to judge"), never the
full marks an empty essay would otherwise earn by contradicting nothing.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PackError

MEASURES = ("contradicted", "coverage")
KINDS = ("date", "entity", "number", "order", "relative_date", "other")
#: What a criterion counts when its data does not say, by its name (rubrics written before kinds).
_DEFAULT_KINDS = {"accuracy": ("date", "entity", "number", "other"), "chronology": ("order", "relative_date")}


@dataclass
class Band:
    score: float
    level: str
    descriptor: str
    feedback: str
    at_most: float | None = None
    at_least: float | None = None

    def holds(self, value: float) -> bool:
        if self.at_most is not None and value > self.at_most:
            return False
        if self.at_least is not None and value < self.at_least:
            return False
        return True


@dataclass
class Criterion:
    name: str
    title: str
    measure: str
    weight: float
    max: float
    bands: list[Band] = field(default_factory=list)
    kinds: tuple[str, ...] = ()  # the kinds of finding it counts
    checked_kinds: tuple[str, ...] = ()  # the kinds whose checked claims show there was enough to judge
    min_checked: int = 0
    too_few: Band | None = None


@dataclass
class Rubric:
    title: str
    criteria: list[Criterion]
    mode: str = "hint"

    def evaluate(self, findings: list[dict], coverage: dict) -> dict:
        """Scores, levels and feedback for a report's findings and coverage."""
        out, total, best = [], 0.0, 0.0
        for c in self.criteria:
            value, ctx, behind = _measure(c, findings, coverage)
            band = next((b for b in c.bands if b.holds(value)), c.bands[-1])
            if c.measure == "contradicted" and c.too_few is not None and ctx["checked"] < c.min_checked:
                band = c.too_few
            try:
                feedback = band.feedback.format(**ctx)
            except (KeyError, IndexError, ValueError):
                feedback = band.feedback
            out.append({"name": c.name, "title": c.title, "score": band.score, "max": c.max, "weight": c.weight,
                        "level": band.level, "descriptor": band.descriptor, "feedback": feedback,
                        "measure": {"name": c.measure, "value": value}, "findings": behind})
            total += band.score * c.weight
            best += c.max * c.weight
        return {"title": self.title, "criteria": out, "total": _num(total), "max": _num(best)}


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 2)


def _measure(c: Criterion, findings: list[dict], coverage: dict) -> tuple[float, dict, list[int]]:
    if c.measure == "coverage":
        keys = [f for f in coverage["facts"] if f["key"]]
        covered = sum(f["covered"] for f in keys)
        share = covered / len(keys) if keys else 1.0
        return share, {"covered": covered, "total": len(keys), "percent": round(100 * share),
                       "count": covered, "examples": "", "checked": len(keys), "needed": 0}, []
    behind = [i for i, f in enumerate(findings) if f["kind"] in c.kinds and f["verdict"] == "contradicted"]
    checked = sum(1 for f in findings if f["kind"] in (c.checked_kinds or c.kinds)
                  and f["verdict"] in ("supported", "contradicted"))
    examples = "; ".join(f"\u201c{findings[i]['claim']}\u201d" for i in behind[:3])
    return float(len(behind)), {"count": len(behind), "examples": examples, "covered": 0, "total": 0,
                                "percent": 0, "checked": checked, "needed": c.min_checked}, behind


def load_rubric(path: str | Path) -> Rubric:
    """Read and validate a rubric TOML file; a broken one is a PackError naming what is wrong."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{p}: cannot read rubric ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{p}: not valid TOML ({exc})") from None
    return rubric_from_data(data, str(p))


def rubric_from_data(data: dict, where: str = "rubric") -> Rubric:
    criteria = []
    for i, raw in enumerate(data.get("criterion", [])):
        name = raw.get("name")
        measure = raw.get("measure", "contradicted")
        if not name:
            raise PackError(f"{where}: criterion {i + 1} has no name")
        if measure not in MEASURES:
            raise PackError(f"{where}: criterion {name!r} has unknown measure {measure!r} (use {', '.join(MEASURES)})")
        bands = []
        for b in raw.get("band", []):
            try:
                bands.append(Band(float(b["score"]), str(b["level"]), str(b.get("descriptor", "")),
                                  str(b.get("feedback", "")), b.get("at_most"), b.get("at_least")))
            except (KeyError, TypeError, ValueError):
                raise PackError(f"{where}: a band of {name!r} needs a numeric score and a level") from None
        if not bands:
            raise PackError(f"{where}: criterion {name!r} has no bands")
        kinds = _kinds(raw.get("kinds", _DEFAULT_KINDS.get(name, ())), name, where, "kinds")
        if measure == "contradicted" and not kinds:
            raise PackError(f"{where}: criterion {name!r} must list the kinds of finding it counts "
                            f"(kinds = [...] from {', '.join(KINDS)})")
        checked = _kinds(raw.get("checked_kinds", ()), name, where, "checked_kinds")
        too_few = None
        if "too_few" in raw:
            t = raw["too_few"]
            try:
                too_few = Band(float(t.get("score", 0)), str(t.get("level", "Not enough to judge")),
                               str(t.get("descriptor", "")), str(t.get("feedback", "")))
            except (AttributeError, TypeError, ValueError):
                raise PackError(f"{where}: the too_few band of {name!r} needs a numeric score") from None
        try:
            min_checked = int(raw.get("min_checked", 0))
        except (TypeError, ValueError):
            raise PackError(f"{where}: min_checked of {name!r} must be a whole number") from None
        criteria.append(Criterion(name, raw.get("title", name.title()), measure, float(raw.get("weight", 1)),
                                  float(raw.get("max", max(b.score for b in bands))), bands, kinds, checked,
                                  min_checked, too_few))
    if not criteria:
        raise PackError(f"{where}: no [[criterion]] tables")
    mode = data.get("mode", "point")
    if mode not in ("flag", "point", "reveal", "hint"):
        raise PackError(f"{where}: mode must be flag, point or reveal (hint means point), not {mode!r}")
    return Rubric(data.get("title", "Rubric"), criteria, "point" if mode == "hint" else mode)


def _kinds(value, name: str, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or any(k not in KINDS for k in value):
        raise PackError(f"{where}: {key} of {name!r} must be a list from {', '.join(KINDS)}")
    return tuple(value)
