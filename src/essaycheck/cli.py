"""The command line: ``essaycheck check`` and ``essaycheck facts`` (see CONTRACT.md)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from .config import Settings
from .errors import EssaycheckError
from .reading import read_file
from .textreport import render_text


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="essaycheck", description="Check history essays against source documents.")
    sub = ap.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        g = p.add_mutually_exclusive_group(required=True)
        g.add_argument("--sources", nargs="+", metavar="SRC", help="plain-text source documents")
        g.add_argument("--pack", metavar="DIR", help="an assignment folder (sources, overrides, rubric)")
        p.add_argument("--date-order", choices=("day-first", "month-first"),
                       help="how to read 05/03/1871 when both parts could be a month")

    c = sub.add_parser("check", help="check essays and print reports")
    common(c)
    c.add_argument("--rubric", metavar="FILE", help="a rubric TOML file (default: the pack's or rubric/default.toml)")
    c.add_argument("--format", choices=("json", "jsonl", "text"), default="text")
    c.add_argument("--mode", choices=("flag", "point", "reveal", "hint"),
                   help="feedback level: flag, point (hint means point) or reveal (default: the pack's)")
    c.add_argument("--jobs", type=int, default=0, metavar="N",
                   help="worker processes for many essays (default: one per core, up to 4, from 8 essays)")
    c.add_argument("essays", nargs="+", metavar="ESSAY")

    f = sub.add_parser("facts", help="print the fact base built from the sources")
    common(f)
    f.add_argument("--format", choices=("json", "toml", "text"), default="json",
                   help="toml writes a starting overrides file")
    return ap


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        if args.date_order:
            settings = Settings(**{**settings.__dict__, "day_first": args.date_order == "day-first"})
        return _run(args, settings, stdout, stderr)
    except EssaycheckError as exc:
        print(f"essaycheck: {exc}", file=stderr)
        return 2
    except ValueError as exc:  # bad settings in the environment
        print(f"essaycheck: {exc}", file=stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _assignment(args, settings: Settings):
    from .assignment import Assignment  # loads spaCy: keep `--help` fast

    rubric = getattr(args, "rubric", None)
    if rubric and not Path(rubric).is_file():
        raise EssaycheckError(f"{rubric}: no such rubric file")
    if args.pack:
        return Assignment.from_pack(args.pack, settings, rubric_path=rubric)
    return Assignment.from_sources(args.sources, settings, rubric_path=rubric)


def _run(args, settings: Settings, stdout: TextIO, stderr: TextIO) -> int:
    if args.command == "facts":
        a = _assignment(args, settings)
        if args.format == "toml":
            from .pack import overrides_template
            stdout.write(overrides_template(a.factbase, a.title))
        elif args.format == "text":
            stdout.write(_facts_text(a.factbase))
        else:
            json.dump(a.factbase.to_dict(), stdout, indent=2, ensure_ascii=False)
            stdout.write("\n")
        return 0
    if args.format == "json" and len(args.essays) != 1:
        raise EssaycheckError("--format json takes one essay; use --format jsonl for several")
    # Read every essay before the slow start, so a typo in a path fails at once.
    texts: list[tuple[str, str | None, EssaycheckError | None]] = []
    for path in args.essays:
        try:
            texts.append((path, read_file(path, settings.max_essay_chars * 4, "essay"), None))
        except EssaycheckError as exc:
            texts.append((path, None, exc))
    if all(err is not None for _, _, err in texts):
        for _, _, err in texts:
            print(f"essaycheck: {err}", file=stderr)
        return 2
    a = _assignment(args, settings)
    jobs = args.jobs or (min(os.cpu_count() or 1, 4) if len(texts) >= 8 else 1)
    with a.worker_pool(jobs if len(texts) >= 2 * jobs else 1):  # one set of worker processes for the run
        failed = _check_all(a, args, texts, jobs, stdout, stderr)
    return 1 if failed else 0


def _check_all(a, args, texts, jobs: int, stdout: TextIO, stderr: TextIO) -> int:
    """Check and print every essay, a batch at a time; the number that failed."""
    failed = 0
    bar = _progress(len(texts), stderr)
    step = max(8 * jobs, 1)
    for i in range(0, len(texts), step):
        batch = texts[i:i + step]
        reports = _check_batch(a, batch, args.mode, jobs)
        for (path, _, err), report in zip(batch, reports):
            if isinstance(report, EssaycheckError):
                err = report
            if err is not None:
                failed += 1
                print(f"essaycheck: {err}", file=stderr)
                if args.format == "jsonl":
                    stdout.write(json.dumps({"schema": "essaycheck.report/1", "essay": path,
                                             "error": {"code": err.code, "message": str(err)}}) + "\n")
            elif args.format == "jsonl":
                report.pop("text", None)
                stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
            elif args.format == "json":
                report.pop("text", None)
                json.dump(report, stdout, indent=2, ensure_ascii=False)
                stdout.write("\n")
            else:
                stdout.write(render_text(report, a.factbase.sources))
        stdout.flush()
        if bar:
            bar.update(len(batch))
    if bar:
        bar.close()
    return failed


def _check_batch(a, batch, mode, jobs) -> list:
    """Reports (or the error) for a batch of (path, text, read error) in order."""
    out: list = [None] * len(batch)
    good = []
    for k, (path, text, err) in enumerate(batch):
        if err is not None:
            continue
        try:
            a.validate_essay(text, path)
            good.append(k)
        except EssaycheckError as exc:
            out[k] = exc
    reports = a.check_many([(batch[k][0], batch[k][1]) for k in good], mode, workers=jobs) if good else []
    for k, r in zip(good, reports):
        out[k] = r
    return out


def _progress(n: int, stream: TextIO):
    """A progress bar on a terminal only: never in piped or redirected output."""
    if n < 2 or not getattr(stream, "isatty", lambda: False)():
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover
        return None
    return tqdm(total=n, file=stream, unit="essay", leave=False)


def _facts_text(fb) -> str:
    lines = []
    for f in fb.facts:
        date = f.date.value if f.date else "-"
        lines.append(f"{f.id}  {'KEY' if f.key else '   '}  {date:<10}  {f.text}")
        for c in f.conflicts:
            lines.append("      CONFLICT " + c["field"] + ": " + " vs ".join(
                f"{r['source']} says {r['text']!r}" for r in c["readings"]))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
