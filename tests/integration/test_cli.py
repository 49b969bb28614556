"""The command line as CONTRACT.md describes it: formats, order, exit codes, one-line errors."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import tomllib

import pytest

from essaycheck.cli import main
from support import CMC_PACK, ROOT

pytestmark = pytest.mark.integration
SOURCES = sorted(str(p) for p in (CMC_PACK / "sources").glob("*.txt"))
GOOD = "On 16 October 1962 President Kennedy was informed about the missile bases on Cuba."
WRONG = "On 18 October 1962 President Kennedy was informed about the missile bases on Cuba."


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def essays(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "wrong.txt").write_text(WRONG)
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "latin1.txt").write_bytes("Castro\xe9 won in 1959.".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    return tmp_path


def test_jsonl_gives_one_report_per_essay_in_order(essays):
    code, out, err = run("check", "--sources", *SOURCES, "--format", "jsonl",
                         str(essays / "wrong.txt"), str(essays / "good.txt"))
    assert code == 0, err
    reports = [json.loads(line) for line in out.splitlines()]
    assert [r["essay"] for r in reports] == [str(essays / "wrong.txt"), str(essays / "good.txt")]
    assert all(r["schema"] == "essaycheck.report/1" for r in reports)
    wrong = [f for f in reports[0]["findings"] if f["verdict"] == "contradicted"]
    assert [(f["kind"], WRONG[f["start"]:f["end"]]) for f in wrong] == [("date", "18 October 1962")]
    # the default level points to the source sentence without quoting it (it would give the answer away)
    assert wrong[0]["evidence"][0]["text"] is None and wrong[0]["evidence"][0]["source"].endswith(".txt")
    assert wrong[0]["expected"] is None and "1962" not in wrong[0]["message"].replace("18 October 1962", "")
    assert not any(f["verdict"] == "contradicted" for f in reports[1]["findings"])
    for key in ("criterion", "verdict", "kind", "start", "end", "claim", "expected", "message", "evidence"):
        assert key in wrong[0]
    assert {c["name"] for c in reports[0]["rubric"]["criteria"]} == {"accuracy", "coverage", "chronology"}


def test_json_with_a_pack_and_reveal_mode(essays):
    code, out, _ = run("check", "--pack", str(CMC_PACK), "--format", "json", "--mode", "reveal",
                       str(essays / "wrong.txt"))
    report = json.loads(out)
    f = next(f for f in report["findings"] if f["verdict"] == "contradicted")
    assert code == 0 and f["expected"] == "16 October 1962" and "16 October 1962" in f["message"]
    assert len(report["coverage"]["facts"]) > 20 and all(fa["evidence"] for fa in report["coverage"]["facts"])


def test_hint_mode_points_to_the_source_without_the_answer(essays):
    _, out, _ = run("check", "--pack", str(CMC_PACK), "--format", "json", "--mode", "hint", str(essays / "wrong.txt"))
    f = next(f for f in json.loads(out)["findings"] if f["verdict"] == "contradicted")
    assert f["expected"] is None and "16" not in f["message"] and f["evidence"]


def test_text_format_is_for_people(essays):
    code, out, _ = run("check", "--pack", str(CMC_PACK), "--format", "text", str(essays / "wrong.txt"))
    assert code == 0 and "Accuracy" in out and "[WRONG]" in out and "18 October 1962" in out


@pytest.mark.parametrize(("name", "message"), [
    ("missing.txt", "no such essay"),
    ("empty.txt", "is empty"),
    ("latin1.txt", "is not UTF-8"),
    ("binary.txt", "binary"),
])
def test_a_bad_essay_is_one_line_on_stderr(essays, name, message):
    code, out, err = run("check", "--sources", *SOURCES, "--format", "jsonl", str(essays / name))
    assert code != 0 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_in_a_batch_a_bad_essay_is_reported_and_the_rest_checked(essays):
    code, out, err = run("check", "--sources", *SOURCES, "--format", "jsonl",
                         str(essays / "good.txt"), str(essays / "latin1.txt"), str(essays / "wrong.txt"))
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 1 and len(lines) == 3
    assert lines[1]["error"]["code"] == "not_utf8" and "rubric" in lines[2]
    assert "latin1.txt" in err


def test_an_essay_over_the_limit_says_the_limit(essays, monkeypatch):
    monkeypatch.setenv("ESSAYCHECK_MAX_ESSAY_CHARS", "50")
    code, _, err = run("check", "--sources", *SOURCES, "--format", "json", str(essays / "good.txt"))
    assert code != 0 and "the limit is 50" in err


@pytest.mark.parametrize("kind", ["missing", "empty", "binary", "huge"])
def test_a_bad_source_names_the_file(tmp_path, essays, kind):
    src = tmp_path / f"{kind}.txt"
    if kind == "empty":
        src.write_text("")
    elif kind == "binary":
        src.write_bytes(b"\x7fELF\x00\x00")
    elif kind == "huge":
        with open(src, "wb") as fh:
            fh.truncate(50 * 1024 * 1024)
    code, _, err = run("check", "--sources", str(src), "--format", "json", str(essays / "good.txt"))
    assert code == 2 and str(src) in err and len(err.strip().splitlines()) == 1


def test_facts_json_and_toml(tmp_path):
    code, out, _ = run("facts", "--pack", str(CMC_PACK), "--format", "json")
    fb = json.loads(out)
    assert code == 0 and fb["schema"] == "essaycheck.factbase/1" and "conflicts" in fb
    assert any(f["date"] and f["date"]["value"] == "1962-10-16" for f in fb["facts"])
    code, out, _ = run("facts", "--sources", *SOURCES, "--format", "toml")
    assert code == 0 and len(tomllib.loads(out)["fact"]) == len(fb["facts"])


def test_the_installed_command_runs_without_a_traceback(tmp_path):
    bad = tmp_path / "nope.txt"
    proc = subprocess.run([sys.executable, "-m", "essaycheck.cli", "check", "--sources", *SOURCES,
                           "--format", "jsonl", str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and proc.stderr.startswith("essaycheck:") and "Traceback" not in proc.stderr
