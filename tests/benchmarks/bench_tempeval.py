"""The date finder on TempEval-3 platinum (20 news documents, human-annotated TimeML).

    .venv/bin/python tests/benchmarks/bench_tempeval.py [--data DIR] [--no-dct] [--failures]

Each document is stripped to plain text, run through the project's pipeline with its
creation date (DCT) as the document date (as a teacher gives a dated letter or diary
entry its date in pack.toml), and the mentions compared with the gold TIMEX3:

* extraction over all TIMEX3 and over DATE alone: precision, recall, F1, relaxed (spans
  overlap) and strict (same span);
* value F1 (TempEval-3's "value" measure: a relaxed match whose normalised value is the
  gold one), and value accuracy on DATEs, explicit (a year is written) and relative.

Published (all TIMEX3, given the DCT; UzZaman et al. 2013): HeidelTime relaxed F1 90.30,
strict 81.34, value F1 77.61. The data lives outside the repository (read-only, shared
by the team); its default place is ../shared/eval/external/timeml beside the checkout.
"""
from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "external" / "timeml"
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_PERIODS = {"SP": "SP", "SU": "SU", "FA": "FA", "AU": "FA", "WI": "WI"}


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str


def read(path: Path) -> tuple[str, str, list[Timex]]:
    """(creation date, plain text, gold timexes) of one .tml file."""
    raw = path.read_text("utf-8")
    dct = dict(_ATTR.findall(re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)[1]))["value"][:10]
    body = raw[raw.index("<TEXT>") + 6:raw.index("</TEXT>")]
    out, n, pos, opened, gold = [], 0, 0, [], []
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos:tag.start()])
        out.append(chunk)
        n += len(chunk)
        pos = tag.end()
        closing, name, attrs, selfclose = tag.groups()
        if name != "TIMEX3":
            continue
        if closing:
            start, a = opened.pop()
            gold.append(Timex(start, n, a["type"], a.get("value", "")))
        elif not selfclose:
            opened.append((n, dict(_ATTR.findall(attrs))))
    out.append(html.unescape(body[pos:]))
    return dct, "".join(out), sorted(gold, key=lambda t: t.start)


def timeml_value(v) -> str | None:
    """The project's value written as TimeML writes it (a season "1986-SU", a decade "196")."""
    if v is None:
        return None
    if v.granularity == "decade" and v.decade is not None:
        return str(v.decade)[:3]
    if v.granularity == "century" and v.century is not None:
        return str(v.century)[:2]
    return v.value


def prf(tp: int, found: int, gold: int) -> tuple[float, float, float]:
    p = tp / found if found else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--no-dct", action="store_true", help="do not give the documents their creation date")
    ap.add_argument("--failures", action="store_true", help="print each wrong or missed DATE")
    args = ap.parse_args()
    files = sorted(args.data.glob("*.tml"))
    if not files:
        print(f"no .tml files in {args.data}", file=sys.stderr)
        return 2
    from essaycheck.pipeline import essay_disabled, load_pipeline
    nlp = load_pipeline()
    disabled = essay_disabled(nlp)
    tally = {k: [0, 0, 0, 0, 0] for k in ("all", "date")}  # found, gold, relaxed tp, strict tp, value tp
    value_by_kind = {"explicit": [0, 0], "relative": [0, 0]}
    words = 0
    t0 = time.perf_counter()
    for f in files:
        dct, text, gold = read(f)
        words += len(text.split())
        cfg = {} if args.no_dct else {"essaycheck_dates": {"document_date": dct}}
        found = [m for m in nlp(text, disable=disabled, component_cfg=cfg)._.dates]
        for scope in ("all", "date"):
            g = [t for t in gold if scope == "all" or t.type == "DATE"]
            # DATE alone: the mentions that are not another type's timex (a TIME, a DURATION)
            others = [t for t in gold if t.type != "DATE"]
            mine = found if scope == "all" else [m for m in found
                                                 if not any(m.start < t.end and t.start < m.end for t in others)]
            t = tally[scope]
            t[0] += len(mine)
            t[1] += len(g)
            for x in g:
                hit = [m for m in mine if m.start < x.end and x.start < m.end]
                t[2] += bool(hit)
                t[3] += any(m.start == x.start and m.end == x.end for m in hit)
                t[4] += any(timeml_value(m.value) == x.value for m in hit)
        for x in (t for t in gold if t.type == "DATE" and "X" not in t.value and not t.value.endswith("_REF")):
            kind = "explicit" if re.search(r"(?<!\d)[12]\d{3}(?!\d)", text[x.start:x.end]) else "relative"
            hit = [m for m in found if m.start < x.end and x.start < m.end]
            ok = any(timeml_value(m.value) == x.value for m in hit)
            value_by_kind[kind][0] += ok
            value_by_kind[kind][1] += 1
            if args.failures and not ok:
                got = ", ".join(f"{m.text!r}={timeml_value(m.value)}" for m in hit) or "not found"
                print(f"  {f.stem}: {text[x.start:x.end]!r} gold {x.value} -> {got}")
    secs = time.perf_counter() - t0
    print(f"TempEval-3 platinum: {len(files)} documents, {words:,} words, {words / secs:,.0f} words/s"
          f"{' (no creation dates)' if args.no_dct else ' (with creation dates)'}")
    for scope, (found_n, gold_n, relaxed, strict, value) in tally.items():
        # precision counts every found mention once (relaxed: it overlaps some gold timex)
        _, r_rel, _ = prf(relaxed, found_n, gold_n)
        p_rel = relaxed / found_n if found_n else 0.0
        f_rel = 2 * p_rel * r_rel / (p_rel + r_rel) if p_rel + r_rel else 0.0
        _, r_str, _ = prf(strict, found_n, gold_n)
        p_str = strict / found_n if found_n else 0.0
        f_str = 2 * p_str * r_str / (p_str + r_str) if p_str + r_str else 0.0
        p_val, r_val = value / found_n if found_n else 0.0, value / gold_n if gold_n else 0.0
        f_val = 2 * p_val * r_val / (p_val + r_val) if p_val + r_val else 0.0
        print(f"  {'all TIMEX3' if scope == 'all' else 'DATE only '}: gold {gold_n}, found {found_n}; relaxed F1 "
              f"{100 * f_rel:.1f}, strict F1 {100 * f_str:.1f}, value F1 {100 * f_val:.1f}")
    for kind, (ok, n) in value_by_kind.items():
        print(f"  DATE values, {kind}: {ok}/{n} ({100 * ok / n if n else 0:.0f}%)")
    print("  HeidelTime (published, all TIMEX3 with creation dates): relaxed F1 90.3, strict 81.3, value F1 77.6")
    return 0


if __name__ == "__main__":
    sys.exit(main())
