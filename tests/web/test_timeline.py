"""The timeline picture: events of one week share a label, labels never overlap, dates read in words."""
from __future__ import annotations

import re
from html import unescape

from webapp.timeline import BOLD_CHAR, CHAR, svg


def _labels(drawing: str) -> list[tuple[float, float, str]]:
    """(x, y, text) of every label drawn."""
    return [(float(x), float(y), unescape(t)) for x, y, t in re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', drawing)]


def _overlapping(labels) -> list:
    boxes = [(x - len(t) * BOLD_CHAR / 2, x + len(t) * BOLD_CHAR / 2, y) for x, y, t in labels]
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if abs(a[2] - b[2]) < 14 and a[0] < b[1] and b[0] < a[1]]


def test_a_crowded_week_shares_a_label_and_nothing_overlaps():
    crisis = [("1962-10-14", "U-2 photographs"), ("1962-10-16", "Kennedy is told"), ("1962-10-18", "Gromyko"),
              ("1962-10-22", "Kennedy's speech"), ("1962-10-24", "Blockade"), ("1962-10-27", "U-2 shot down"),
              ("1962-10-28", "Khrushchev agrees"), ("1961-04-17", "Bay of Pigs"), ("1959-01", "Castro"),
              ("1962-07", "Operation Anadyr"), ("1962-09", "Missiles arrive"), ("1962-09-04", "Warning")]
    timeline = {"sources": [{"fact": f"f{i}", "value": v, "summary": s} for i, (v, s) in enumerate(crisis)],
                "essay": [{"text": t, "value": v, "fact": None, "verdict": verdict} for t, v, verdict in (
                    ("18 October 1962", "1962-10-18", "contradicted"), ("16 October", "1962-10-16", "supported"),
                    ("the 17th", "1962-10-17", None), ("1959", "1959", "supported"), ("April 1961", "1961-04", None))],
                "order": []}
    drawing = svg(timeline, reveal=True)
    labels = _labels(drawing)
    texts = [t for _, _, t in labels]
    assert "16\u201318 October 1962, 2 events" in texts and "22\u201328 October 1962, 4 events" in texts
    assert not [t for t in texts if re.search(r"\d{4}-\d{2}", t)]  # dates in words, never 1962-10-16
    assert "January 1959" in texts and "17 April 1961" in texts
    assert _overlapping(labels) == []
    # The widths the layout assumed are generous: the browser test measures the drawn ones.
    assert CHAR >= 7 and BOLD_CHAR >= CHAR


def test_the_feedback_page_timeline_has_no_overlapping_labels(client):
    from support import CMC_PACK

    essay = (CMC_PACK / "examples" / "sample-essay.txt").read_text()
    html = client.post("/", data={"assignment": "cuban-missile-crisis", "essay": essay, "mode": "reveal"},
                       content_type="multipart/form-data").get_data(as_text=True)
    drawing = re.search(r'<svg class="timeline".*?</svg>', html, re.S).group(0)
    assert _overlapping(_labels(drawing)) == []
    assert not re.search(r">\d{4}-\d{2}(-\d{2})?<", drawing)
